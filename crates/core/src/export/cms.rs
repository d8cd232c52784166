//! A story as a CMS post: the fields WordPress's REST API and Ghost's Admin
//! API both take, built by the same renderer as the preview and the WXR
//! export. The pictures' addresses are the site's own, known only once they
//! are uploaded, so the caller gives them.
//!
//! ```
//! use dateline_core::export::cms::{post, PostOptions};
//! use dateline_core::Story;
//!
//! let mut story = Story::new("Ferry service resumes");
//! story.kicker = "Transport".into();
//! story.body = "Boats left at dawn.".into();
//! let post = post(&story, &PostOptions::default());
//! assert!(post.html.starts_with("<p class=\"kicker\">Transport</p>"));
//! assert!(post.html.contains("<!-- dateline:story "));
//! ```

use chrono::{DateTime, Utc};

use super::slug;
use crate::render::{body_html, escape_html, web_link, DEFAULT_DATELINE_SEPARATOR};
use crate::Story;

/// How to build a post.
pub struct PostOptions<'a> {
    /// The site's address of picture `index`, once uploaded.
    pub picture_url: &'a dyn Fn(usize) -> Option<String>,
    /// Write the bylines as a line at the top of the body: for sites where
    /// the author cannot be set to the story's byline.
    pub byline_in_body: bool,
    pub dateline_separator: String,
}

fn no_picture(_: usize) -> Option<String> {
    None
}

impl Default for PostOptions<'_> {
    fn default() -> Self {
        Self {
            picture_url: &no_picture,
            byline_in_body: true,
            dateline_separator: DEFAULT_DATELINE_SEPARATOR.to_owned(),
        }
    }
}

/// What a CMS is sent for a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub title: String,
    /// The standfirst: WordPress `excerpt`, Ghost `custom_excerpt`.
    pub excerpt: String,
    /// The body as the article shows it: kicker, byline line (when asked),
    /// dateline and text, the pictures other than the hero with caption and
    /// credit, the related links, and Dateline's mark (an HTML comment with
    /// the story id, by which a cut-off push finds its post again).
    pub html: String,
    pub slug: String,
    pub section: String,
    pub tags: Vec<String>,
    /// The SEO title: the SEO headline, else the headline.
    pub meta_title: String,
    pub meta_description: String,
    pub publish_at: Option<DateTime<Utc>>,
    /// Not before this time: the post stays a draft, or is scheduled for it.
    pub embargo_until: Option<DateTime<Utc>>,
    /// The index of the hero picture, for the featured image.
    pub hero: Option<usize>,
    /// The names of the bylines, in order.
    pub authors: Vec<String>,
}

/// The mark Dateline leaves in a post's HTML.
pub fn marker(story: &Story) -> String {
    format!("<!-- dateline:story {} -->", story.id)
}

/// Builds the post for `story` (its suggestions not taken, its comments and
/// internal notes left out, as in every export).
pub fn post(story: &Story, opts: &PostOptions<'_>) -> Post {
    let story = &*crate::render::for_export(story);
    let mut html = String::new();
    if !story.kicker.trim().is_empty() {
        html.push_str(&format!(
            "<p class=\"kicker\">{}</p>\n",
            escape_html(story.kicker.trim())
        ));
    }
    let authors: Vec<String> = story
        .bylines
        .iter()
        .map(|b| b.name.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    if opts.byline_in_body && !authors.is_empty() {
        html.push_str(&format!(
            "<p class=\"byline\">By {}</p>\n",
            escape_html(&join_names(&authors))
        ));
    }
    html.push_str(&body_html(story, &opts.dateline_separator));
    let pictures: Vec<(usize, String)> = (0..story.media.len())
        .filter(|&i| !story.media[i].hero)
        .filter_map(|i| Some((i, (opts.picture_url)(i)?)))
        .collect();
    html.push_str(&figures_and_related(story, &pictures));
    html.push_str(&marker(story));
    let seo = story.headlines.seo.trim();
    Post {
        title: story.headline.trim().to_owned(),
        excerpt: story.standfirst.trim().to_owned(),
        html,
        slug: slug(story),
        section: story.section.trim().to_owned(),
        tags: story
            .tags
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect(),
        meta_title: if seo.is_empty() {
            story.headline.trim().to_owned()
        } else {
            seo.to_owned()
        },
        meta_description: story.meta_description.trim().to_owned(),
        publish_at: story.publish_at,
        embargo_until: story.embargo_until,
        hero: story.media.iter().position(|m| m.hero && m.file.is_some()),
        authors,
    }
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The pictures `(index, url)` as figures with caption and credit, then the
/// related links: what follows the body in a post and in WXR.
pub(crate) fn figures_and_related(story: &Story, pictures: &[(usize, String)]) -> String {
    let mut html = String::new();
    for (index, url) in pictures {
        let Some(media) = story.media.get(*index) else {
            continue;
        };
        html.push_str(&format!(
            "<figure class=\"wp-block-image\"><img src=\"{}\" alt=\"{}\" />",
            escape_html(url),
            escape_html(&media.alt_text)
        ));
        if !media.caption.trim().is_empty() || !media.credit.trim().is_empty() {
            html.push_str(&format!(
                "<figcaption>{} <span class=\"credit\">{}</span></figcaption>",
                escape_html(media.caption.trim()),
                escape_html(media.credit.trim())
            ));
        }
        html.push_str("</figure>\n");
    }
    let corrections: Vec<String> = story
        .corrections
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .map(|c| {
            format!(
                "<p><strong>{}, {}:</strong> {}</p>",
                c.kind.label(),
                crate::render::display_date(c.at),
                escape_html(c.text.trim())
            )
        })
        .collect();
    if !corrections.is_empty() {
        html.push_str("<aside class=\"corrections\">\n<h2>Corrections and updates</h2>\n");
        html.push_str(&corrections.join("\n"));
        html.push_str("\n</aside>\n");
    }
    let related: Vec<String> = story
        .related
        .iter()
        .filter(|r| !r.title.trim().is_empty())
        .map(|r| {
            let title = escape_html(r.title.trim());
            let link = match web_link(Some(&r.url)) {
                Some(url) => format!("<a href=\"{}\">{title}</a>", escape_html(&url)),
                None => title,
            };
            if r.summary.trim().is_empty() {
                format!("<li>{link}</li>")
            } else {
                format!("<li>{link} – {}</li>", escape_html(r.summary.trim()))
            }
        })
        .collect();
    if !related.is_empty() {
        html.push_str("<h2>Related</h2>\n<ul class=\"related\">\n");
        html.push_str(&related.join("\n"));
        html.push_str("\n</ul>\n");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Byline, Media, MediaFile, RelatedLink};

    fn story() -> Story {
        let mut s = Story::new("Night ferry returns to the island route");
        s.id = crate::StoryId::parse("01936a5e-8f00-7000-8000-00000000c0de").unwrap();
        s.kicker = "Transport".into();
        s.corrections = vec![crate::Correction {
            kind: crate::CorrectionKind::Correction,
            text: "The crossing leaves at 22:40, not 22:30.".into(),
            at: chrono::DateTime::parse_from_rfc3339("2025-12-31T10:00:00Z")
                .unwrap()
                .with_timezone(&chrono::Utc),
        }];
        s.standfirst = "The operator restores the 22:40 crossing.".into();
        s.headlines.seo = "Night ferry returns".into();
        s.meta_description = "The late crossing is back from Monday.".into();
        s.section = "Local".into();
        s.tags = vec!["ferries".into(), " ".into(), "islands".into()];
        s.body = "Crews were hired. {++New text++}<script>x</script>".into();
        s.bylines = vec![
            Byline {
                name: "Ama Mensah".into(),
                ..Byline::default()
            },
            Byline {
                name: "Luis Ortega".into(),
                role: "Photos".into(),
                url: None,
            },
        ];
        let file = |h: &str| MediaFile {
            hash: h.into(),
            file_name: format!("{h}.png"),
            mime: "image/png".into(),
            size: 3,
        };
        s.media = vec![
            Media {
                hero: true,
                caption: "The quay".into(),
                file: Some(file("a")),
                ..Media::default()
            },
            Media {
                caption: "Deck <crew>".into(),
                credit: "Photo: L. Ortega".into(),
                alt_text: "Two sailors coil a rope".into(),
                file: Some(file("b")),
                ..Media::default()
            },
        ];
        s.related = vec![RelatedLink {
            title: "Timetable".into(),
            url: "https://ferries.example/t".into(),
            summary: "All crossings".into(),
        }];
        s
    }

    #[test]
    fn a_post_carries_every_public_part_and_no_private_one() {
        let s = story();
        let url = |i: usize| Some(format!("https://site.example/up/{i}.png"));
        let p = post(
            &s,
            &PostOptions {
                picture_url: &url,
                ..PostOptions::default()
            },
        );
        assert_eq!(p.title, "Night ferry returns to the island route");
        assert_eq!(p.meta_title, "Night ferry returns");
        assert_eq!(p.excerpt, "The operator restores the 22:40 crossing.");
        assert_eq!(p.tags, ["ferries", "islands"]);
        assert_eq!(p.hero, Some(0));
        assert_eq!(p.authors, ["Ama Mensah", "Luis Ortega"]);
        assert_eq!(p.slug, "night-ferry-returns-to-the-island-route");
        assert!(p
            .html
            .contains("<p class=\"byline\">By Ama Mensah and Luis Ortega</p>"));
        assert!(
            !p.html.contains("up/0.png"),
            "the hero is the featured image"
        );
        assert!(p.html.contains(
            "<img src=\"https://site.example/up/1.png\" alt=\"Two sailors coil a rope\" />"
        ));
        assert!(p
            .html
            .contains("Deck &lt;crew&gt; <span class=\"credit\">Photo: L. Ortega</span>"));
        assert!(p
            .html
            .contains("<a href=\"https://ferries.example/t\">Timetable</a> – All crossings"));
        assert!(!p.html.contains("<script"), "{}", p.html);
        assert!(!p.html.contains("New text"), "suggestions are not taken");
        assert!(p.html.ends_with(&marker(&s)));
        assert!(p.html.contains("<strong>Correction, "), "{}", p.html);
        insta::assert_snapshot!(p.html);
    }

    #[test]
    fn without_a_byline_line_or_pictures_uploaded() {
        let s = story();
        let p = post(
            &s,
            &PostOptions {
                byline_in_body: false,
                ..PostOptions::default()
            },
        );
        assert!(!p.html.contains("class=\"byline\""));
        assert!(!p.html.contains("<img"), "no picture without its address");
        assert_eq!(
            join_names(&["A".into(), "B".into(), "C".into()]),
            "A, B and C"
        );
    }
}
