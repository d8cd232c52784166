//! Markdown with YAML front matter, as static-site generators (Hugo, Jekyll, Astro)
//! read it, and back.
//!
//! Written: `title`, `date`, `draft`, `description`, where every generator
//! looks, and the rest of the story as top-level custom fields, which Hugo (as
//! `.Params`, in every version), Jekyll and Astro all read. Read: the same, the
//! same under `params` (newer Hugo's home for custom fields), the field names of
//! `dateline show --json`, or the usual static-site names. Internal notes are
//! never written.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{Byline, Correction, Dateline, HeadlineVariants, Media, RelatedLink, Status, Story};

/// What went wrong reading front matter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrontMatterError {
    #[error("the front matter opened with --- is never closed with ---")]
    Unclosed,
    #[error("the front matter is not valid YAML: {0}")]
    Yaml(String),
}

/// A picture as front matter lists it: the file name beside the Markdown file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImageEntry {
    #[serde(
        alias = "image",
        alias = "url",
        skip_serializing_if = "String::is_empty"
    )]
    pub src: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub caption: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub credit: String,
    #[serde(alias = "alt", skip_serializing_if = "String::is_empty")]
    pub alt_text: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rights: String,
    #[serde(skip_serializing_if = "is_false")]
    pub hero: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The story's parts besides title, date, description and body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Params {
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(skip_serializing_if = "String::is_empty")]
    kicker: String,
    #[serde(skip_serializing_if = "variants_empty")]
    headlines: HeadlineVariants,
    #[serde(
        alias = "subtitle",
        alias = "deck",
        alias = "summary",
        skip_serializing_if = "String::is_empty"
    )]
    standfirst: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    bylines: Vec<Byline>,
    #[serde(skip_serializing_if = "Dateline::is_empty")]
    dateline: Dateline,
    #[serde(skip_serializing_if = "String::is_empty")]
    section: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    focus_keyphrase: String,
    #[serde(alias = "media", skip_serializing_if = "Vec::is_empty")]
    images: Vec<ImageEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<RelatedLink>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    corrections: Vec<Correction>,
    #[serde(alias = "embargo", skip_serializing_if = "Option::is_none")]
    embargo_until: Option<String>,
}

fn variants_empty(v: &HeadlineVariants) -> bool {
    *v == HeadlineVariants::default()
}

/// The whole front matter as read: top-level names from both worlds, with the
/// story's own parts either at the top or under `params`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Incoming {
    #[serde(alias = "headline")]
    title: String,
    #[serde(alias = "publish_at", alias = "publishDate", alias = "pubDate")]
    date: Option<String>,
    draft: Option<bool>,
    #[serde(alias = "meta_description")]
    description: String,
    tags: Vec<String>,
    #[serde(alias = "categories")]
    category: Option<OneOrMany>,
    params: Option<Params>,
    #[serde(flatten)]
    top: Params,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// The front matter as written.
#[derive(Debug, Serialize)]
struct Outgoing<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    draft: bool,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(flatten)]
    params: Params,
}

/// A story read from Markdown, with the files its pictures name (relative to
/// the Markdown file), in the order of `story.media`.
#[derive(Debug, Clone)]
pub struct MarkdownStory {
    pub story: Story,
    pub image_sources: Vec<String>,
    /// What the front matter says of the workflow when it puts the story past
    /// a draft, as written there ("status: exported", "draft: false"). An
    /// import reports it and starts a draft all the same.
    pub status_in_file: Option<String>,
}

/// Splits `---\nYAML\n---\nbody` into its two parts; `None` when there is no
/// front matter.
pub fn split(text: &str) -> Result<Option<(&str, &str)>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok(None);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Some((yaml, body.strip_prefix('\n').unwrap_or(body))));
        }
        offset += line.len();
    }
    Err(FrontMatterError::Unclosed)
}

fn to_moment(text: &str) -> Option<DateTime<Utc>> {
    crate::parse_moment("date", text).ok().flatten()
}

/// Reads Markdown with front matter. Without front matter, a leading `# ` heading
/// becomes the headline.
pub fn from_markdown(text: &str) -> Result<MarkdownStory, FrontMatterError> {
    let mut story = Story::default();
    let Some((yaml, body)) = split(text)? else {
        let mut body = text.trim_start();
        if let Some(rest) = body.strip_prefix("# ") {
            let (title, after) = rest.split_once('\n').unwrap_or((rest, ""));
            story.headline = title.trim().to_owned();
            body = after;
        }
        story.body = body.trim_matches('\n').to_owned();
        return Ok(MarkdownStory {
            story,
            image_sources: Vec::new(),
            status_in_file: None,
        });
    };
    let incoming: Incoming = if yaml.trim().is_empty() {
        Incoming::default()
    } else {
        serde_saphyr::from_str(yaml).map_err(|e| FrontMatterError::Yaml(first_line(&e)))?
    };
    let p = incoming.params.unwrap_or_default();
    let top = incoming.top;
    let pick = |a: String, b: String| if a.is_empty() { b } else { a };

    story.headline = incoming.title;
    story.meta_description = incoming.description;
    story.publish_at = incoming.date.as_deref().and_then(to_moment);
    story.tags = incoming.tags;
    let stated = p.status.or(top.status);
    story.status = stated.unwrap_or(match incoming.draft {
        Some(false) => Status::Ready,
        _ => Status::Draft,
    });
    let status_in_file = match (stated, incoming.draft) {
        (Some(Status::Draft), _) | (None, None | Some(true)) => None,
        (Some(status), _) => Some(format!("status: {}", status.as_str())),
        (None, Some(false)) => Some("draft: false".to_owned()),
    };
    story.kicker = pick(p.kicker, top.kicker);
    story.headlines = if variants_empty(&p.headlines) {
        top.headlines
    } else {
        p.headlines
    };
    story.standfirst = pick(p.standfirst, top.standfirst);
    story.bylines = if p.bylines.is_empty() {
        top.bylines
    } else {
        p.bylines
    };
    story.dateline = if p.dateline.is_empty() {
        top.dateline
    } else {
        p.dateline
    };
    let category = match incoming.category {
        Some(OneOrMany::One(c)) => c,
        Some(OneOrMany::Many(c)) => c.into_iter().next().unwrap_or_default(),
        None => String::new(),
    };
    story.section = pick(pick(p.section, top.section), category);
    story.focus_keyphrase = pick(p.focus_keyphrase, top.focus_keyphrase);
    story.related = if p.related.is_empty() {
        top.related
    } else {
        p.related
    };
    story.corrections = if p.corrections.is_empty() {
        top.corrections
    } else {
        p.corrections
    };
    story.embargo_until = p
        .embargo_until
        .or(top.embargo_until)
        .as_deref()
        .and_then(to_moment);
    let images = if p.images.is_empty() {
        top.images
    } else {
        p.images
    };
    let mut image_sources = Vec::with_capacity(images.len());
    for image in images {
        image_sources.push(image.src);
        story.media.push(Media {
            caption: image.caption,
            credit: image.credit,
            alt_text: image.alt_text,
            rights: image.rights,
            hero: image.hero,
            ..Media::default()
        });
    }
    story.body = body.trim_matches('\n').to_owned();
    Ok(MarkdownStory {
        story,
        image_sources,
        status_in_file,
    })
}

fn first_line(e: &dyn std::fmt::Display) -> String {
    let text = e.to_string();
    text.lines().next().unwrap_or_default().to_owned()
}

/// Writes the story as Markdown with front matter. `image_src` names the file
/// written for each picture (or `None` to leave its `src` out).
pub fn to_markdown(story: &Story, image_src: impl Fn(usize, &Media) -> Option<String>) -> String {
    let params = Params {
        status: Some(story.status),
        kicker: story.kicker.clone(),
        headlines: story.headlines.clone(),
        standfirst: story.standfirst.clone(),
        bylines: story.bylines.clone(),
        dateline: story.dateline.clone(),
        section: story.section.clone(),
        focus_keyphrase: story.focus_keyphrase.clone(),
        images: story
            .media
            .iter()
            .enumerate()
            .map(|(i, m)| ImageEntry {
                src: image_src(i, m).unwrap_or_default(),
                caption: m.caption.clone(),
                credit: m.credit.clone(),
                alt_text: m.alt_text.clone(),
                rights: m.rights.clone(),
                hero: m.hero,
            })
            .collect(),
        related: story.related.clone(),
        corrections: story.corrections.clone(),
        embargo_until: story.embargo_until.map(|t| t.to_rfc3339()),
    };
    let out = Outgoing {
        title: &story.headline,
        date: story.publish_at.map(|t| t.to_rfc3339()),
        draft: !matches!(story.status, Status::Ready | Status::Exported),
        description: &story.meta_description,
        tags: &story.tags,
        params,
    };
    // Serialising plain structs of strings cannot fail; an empty header is the
    // honest fallback should the YAML writer ever refuse.
    let yaml = serde_saphyr::to_string(&out).unwrap_or_default();
    let mut text = String::with_capacity(yaml.len() + story.body.len() + 16);
    text.push_str("---\n");
    text.push_str(&yaml);
    if !yaml.ends_with('\n') {
        text.push('\n');
    }
    text.push_str("---\n\n");
    text.push_str(&story.body);
    if !story.body.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_static_site_names() {
        let md = "---\ntitle: Bridge opens\ndate: 2025-12-30\ndescription: The new crossing.\ntags: [transport, city]\ndraft: true\n---\n\nFirst paragraph.\n";
        let s = from_markdown(md).unwrap().story;
        assert_eq!(s.headline, "Bridge opens");
        assert_eq!(s.meta_description, "The new crossing.");
        assert_eq!(s.tags, ["transport", "city"]);
        assert_eq!(
            s.publish_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2025-12-30T00:00:00+00:00")
        );
        assert_eq!(s.body, "First paragraph.");
    }

    #[test]
    fn reads_show_json_names_at_the_top() {
        let md = "---\nheadline: Bridge opens\nkicker: Transport\nstandfirst: A deck.\nmeta_description: Meta.\ndateline:\n  place: Riverton\n  date: 2025-12-30\nrelated:\n  - title: Earlier\n    url: https://example.com/earlier\n---\nBody.\n";
        let s = from_markdown(md).unwrap().story;
        assert_eq!(s.kicker, "Transport");
        assert_eq!(s.standfirst, "A deck.");
        assert_eq!(s.meta_description, "Meta.");
        assert_eq!(s.dateline.place, "Riverton");
        assert_eq!(s.related[0].url, "https://example.com/earlier");
    }

    #[test]
    fn bad_front_matter_is_a_clear_error() {
        assert_eq!(
            from_markdown("---\ntitle: x\nbody").unwrap_err(),
            FrontMatterError::Unclosed
        );
        let err = from_markdown("---\ntitle: [unclosed\n---\n").unwrap_err();
        assert!(matches!(err, FrontMatterError::Yaml(_)), "{err}");
    }

    #[test]
    fn the_workflow_in_the_file_is_read_and_named() {
        let said = |md: &str| from_markdown(md).unwrap().status_in_file;
        let exported = from_markdown("---\ntitle: T\nstatus: exported\n---\n").unwrap();
        assert_eq!(
            exported.story.status,
            Status::Exported,
            "an export reads back"
        );
        assert_eq!(exported.status_in_file.as_deref(), Some("status: exported"));
        assert_eq!(
            said("---\ntitle: T\ndraft: false\n---\n").as_deref(),
            Some("draft: false")
        );
        assert_eq!(
            said("---\ntitle: T\nparams:\n  status: in_review\n---\n").as_deref(),
            Some("status: in_review")
        );
        for draft in [
            "---\ntitle: T\ndraft: true\n---\n",
            "---\ntitle: T\nstatus: draft\ndraft: false\n---\n",
            "---\ntitle: T\n---\n",
            "# T\n\nText.",
        ] {
            assert_eq!(said(draft), None, "{draft}");
        }
    }

    #[test]
    fn plain_markdown_takes_its_heading() {
        let s = from_markdown("# A title\n\nText.").unwrap().story;
        assert_eq!(s.headline, "A title");
        assert_eq!(s.body, "Text.");
    }
}
