//! The rendered article: the Markdown body made safe HTML, set in the page
//! template with every visible part of the story. The preview and the HTML
//! export are this one function, so what an editor approves is what leaves.
//!
//! ```
//! use dateline_core::{render::{render_article, RenderOptions}, Story};
//!
//! let mut story = Story::new("Council approves the river crossing");
//! story.body = "The vote was 7–2.<script>alert(1)</script>".into();
//! let page = render_article(&story, &RenderOptions::default()).unwrap();
//! assert!(page.contains("Council approves the river crossing</h1>"));
//! assert!(!page.contains("alert"));
//! ```

mod entities;
mod json_ld;
pub(crate) mod markdown;

pub use markdown::MAX_MARKS;
mod nesting;
pub(crate) mod plain;
mod sanitize;

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use minijinja::{context, value::Serde, Environment, Value};
use serde::Serialize;

use crate::review::critic::{self, Decision};
use crate::{Media, Story};

pub use json_ld::json_ld;
pub(crate) use json_ld::script_safe_json;
pub use nesting::MAX_DEPTH as MAX_NESTING;
pub use sanitize::sanitize;
pub(crate) use sanitize::{image_source, sanitize_noting, web_link, IMAGE_TYPES};

const ARTICLE_TEMPLATE: &str = include_str!("../../templates/article.html");
const ARTICLE_CSS: &str = include_str!("../../templates/article.css");

/// The separator a dateline takes when none is chosen: an en dash, as in "KABUL –".
pub const DEFAULT_DATELINE_SEPARATOR: &str = "–";

/// Why a page could not be made. Only a broken template does this; every story,
/// however odd its text, renders.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the article template failed: {0}")]
    Template(#[from] minijinja::Error),
}

/// Something the person reading the preview should know about how the body is
/// shown, which the page itself cannot say.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RenderNotice {
    /// Lists, quotations or HTML elements in the body nest deeper than a page
    /// shows ([`nesting_capped`]); the deeper levels are shown flattened into
    /// the deepest one kept, every word in its place.
    NestingCapped,
    /// The body carries more formatting marks than a page is rendered with
    /// ([`markdown::MAX_MARKS`]); the rest of it is shown as plain
    /// paragraphs, every word in its place.
    FormattingCapped,
}

impl RenderNotice {
    /// The sentence the preview shows.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

impl std::fmt::Display for RenderNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderNotice::NestingCapped => f.write_str(
                "Part of the body is nested too deeply (lists inside lists, quotes inside \
                 quotes or HTML inside HTML); the deepest levels are shown flattened, \
                 here and in every export.",
            ),
            RenderNotice::FormattingCapped => f.write_str(
                "The body carries more formatting than a page is rendered with (tens of \
                 thousands of emphasis, link or table marks); past that point it is shown \
                 as plain paragraphs, every word kept, here and in every export.",
            ),
        }
    }
}

/// A rendered page and what the preview should say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedArticle {
    pub html: String,
    pub notices: Vec<RenderNotice>,
}

/// A resolver that finds no picture: pictures show their caption only.
pub fn no_images(_: &Media) -> Option<String> {
    None
}

/// How to render a story.
pub struct RenderOptions<'a> {
    /// Set between the dateline's place and the first words ("KABUL –").
    pub dateline_separator: String,
    /// The `src` of each picture: a `data:` URI for the preview and the HTML
    /// export. The caller picks it, so the page never names a path on disk.
    pub image_src: &'a dyn Fn(&Media) -> Option<String>,
    /// The story's language, for `<html lang>` (hyphenation, screen readers).
    pub lang: String,
}

impl Default for RenderOptions<'_> {
    fn default() -> Self {
        Self {
            dateline_separator: DEFAULT_DATELINE_SEPARATOR.to_owned(),
            image_src: &no_images,
            lang: "en".to_owned(),
        }
    }
}

/// The dateline as it leads the body: "KABUL –", or "KABUL, December 30 –"
/// when the filing date is set. `None` when there is no place.
pub fn dateline_text(story: &Story, separator: &str) -> Option<String> {
    let place = crate::text::clean(story.dateline.place.trim());
    let place = place.trim();
    if place.is_empty() {
        return None;
    }
    let mut text = place.to_uppercase();
    if let Some(date) = story.dateline.date {
        text.push_str(", ");
        text.push_str(&date.format("%B %-d").to_string());
    }
    let separator = crate::text::clean(separator);
    let separator = separator.trim();
    if !separator.is_empty() {
        text.push(' ');
        text.push_str(separator);
    }
    Some(text)
}

/// The story as every output starts from it: its text cleaned
/// ([`Story::cleaned`]) and the body's suggestions decided one way, its
/// review comments and highlights gone ([`critic::resolve_all`]), so that no
/// CriticMarkup reaches a page or a file. Borrowed (no copy) when there is
/// nothing to do.
///
/// The exports and [`render_article`] decide with [`Decision::Reject`]: the
/// text as it stands, no suggestion taken. A preview of the story with every
/// suggestion taken is [`render_article_with_suggestions`] with
/// [`Decision::Accept`].
pub fn output_story(story: &Story, suggestions: Decision) -> Cow<'_, Story> {
    let cleaned = story.cleaned();
    let body = match critic::resolve_all(&cleaned.body, suggestions) {
        Cow::Borrowed(_) => None,
        Cow::Owned(body) => Some(body),
    };
    match body {
        None => cleaned,
        Some(body) => {
            let mut story = cleaned.into_owned();
            story.body = body;
            Cow::Owned(story)
        }
    }
}

/// What every export starts from: [`output_story`], no suggestion taken.
pub(crate) fn for_export(story: &Story) -> Cow<'_, Story> {
    output_story(story, Decision::Reject)
}

/// The body alone, as a sanitised HTML fragment (no dateline, no template).
/// Suggestions are left undecided (the text as it stands) and review
/// comments left out, as in [`render_article`].
pub fn render_body_html(markdown: &str) -> String {
    let markdown = critic::resolve_all(markdown, Decision::Reject);
    let markdown = crate::text::clean(&markdown);
    let (markdown, _) = crate::text::flatten_markers(&markdown);
    let raw = markdown::raw_html(&markdown, None);
    let mut html = sanitize(&raw.html);
    markdown::plain_html(raw.rest, &mut html);
    html
}

/// `true` when the body nests deeper than the page shows, so that the preview
/// and the exports show its deepest levels flattened: more than
/// [`MAX_NESTING`] elements, or more than [`crate::text::MAX_LINE_MARKERS`]
/// lists and quotes opened on one line. What [`RenderNotice::NestingCapped`]
/// tells. Costs a Markdown pass, not a render.
pub fn nesting_capped(markdown: &str) -> bool {
    let (markdown, flattened) = crate::text::flatten_markers(markdown);
    flattened || nesting::limit(&markdown::raw_html(&markdown, None).html).capped
}

/// `true` when the body carries more formatting marks than a page is
/// rendered with ([`markdown::MAX_MARKS`]): what
/// [`RenderNotice::FormattingCapped`] tells. Counts; renders nothing.
pub fn formatting_capped(markdown: &str) -> bool {
    !markdown::split_marks(markdown).1.is_empty()
}

/// The body as the article shows it: sanitised, the dateline leading the first
/// paragraph. The story is expected clean and its suggestions decided
/// ([`output_story`]).
pub(crate) fn body_html(story: &Story, separator: &str) -> String {
    render_body(story, separator).html
}

/// The body rendered once, with what the page says about it.
pub(crate) struct RenderedBody {
    pub html: String,
    /// Deep nesting was flattened.
    pub capped: bool,
    /// Past [`markdown::MAX_MARKS`], the rest was written as plain text.
    pub marks_capped: bool,
    /// The words of the body ([`crate::words::count_words`]), counted on
    /// the way rather than in a second parse.
    pub words: usize,
}

/// [`body_html`], with whether deep nesting was flattened and the word count.
pub(crate) fn render_body(story: &Story, separator: &str) -> RenderedBody {
    let dateline = dateline_text(story, separator);
    let (markdown, flattened) = crate::text::flatten_markers(&story.body);
    let raw = markdown::raw_html(&markdown, dateline.as_deref());
    let (mut html, capped) = sanitize_noting(&raw.html);
    let rest_words = markdown::plain_html(raw.rest, &mut html);
    RenderedBody {
        html,
        capped: flattened || capped,
        marks_capped: !raw.rest.is_empty(),
        words: raw.words + rest_words,
    }
}

/// The whole page as the preview shows it: a complete HTML5 document with its
/// own stylesheet. The HTML export is this page plus the metadata of
/// [`crate::export::html`].
pub fn render_article(story: &Story, opts: &RenderOptions<'_>) -> Result<String, RenderError> {
    Ok(render_article_with_notices(story, opts)?.html)
}

/// [`render_article`], with what the preview should tell about the page
/// ([`RenderNotice`]).
///
/// The body's suggestions are shown as not taken and its review comments
/// not at all ([`output_story`]). A body whose suggestions were decided
/// already (by [`critic::resolve_all`]) holds no markup and is shown as it
/// is.
pub fn render_article_with_notices(
    story: &Story,
    opts: &RenderOptions<'_>,
) -> Result<RenderedArticle, RenderError> {
    render_article_with_suggestions(story, opts, Decision::Reject)
}

/// [`render_article_with_notices`] with the body's suggestions decided by
/// `suggestions`: [`Decision::Accept`] previews the story as it reads with
/// every suggestion taken, [`Decision::Reject`] as it stands.
pub fn render_article_with_suggestions(
    story: &Story,
    opts: &RenderOptions<'_>,
    suggestions: Decision,
) -> Result<RenderedArticle, RenderError> {
    render_page(&output_story(story, suggestions), opts, None)
}

/// What only an exported page carries besides the preview: Open Graph and
/// Twitter cards and the JSON-LD `NewsArticle`.
pub(crate) struct Extras<'a> {
    /// A public URL for the hero picture, for `og:image` (a `data:` URI is no use
    /// to a social network).
    pub og_image: Option<String>,
    /// The JSON-LD `NewsArticle` for the body's word count, made safe with
    /// [`script_safe_json`].
    pub json_ld: &'a dyn Fn(usize) -> String,
}

#[derive(Serialize)]
struct BylineView<'a> {
    name: &'a str,
    role: &'a str,
    url: Option<String>,
}

#[derive(Serialize)]
struct FigureView<'a> {
    src: Option<String>,
    alt: &'a str,
    caption: &'a str,
    credit: &'a str,
}

#[derive(Serialize)]
struct CorrectionView<'a> {
    label: &'static str,
    date: String,
    at_iso: String,
    text: &'a str,
}

#[derive(Serialize)]
struct RelatedView<'a> {
    title: &'a str,
    url: Option<String>,
    summary: &'a str,
}

#[derive(Serialize)]
struct PageView<'a> {
    lang: &'a str,
    title: &'a str,
    social_title: &'a str,
    description: &'a str,
    standalone: bool,
    kicker: &'a str,
    headline: &'a str,
    standfirst: &'a str,
    bylines: Vec<BylineView<'a>>,
    date: Option<String>,
    date_iso: Option<String>,
    modified_iso: String,
    minutes: usize,
    section: &'a str,
    tags: &'a [String],
    hero: Option<FigureView<'a>>,
    figures: Vec<FigureView<'a>>,
    related: Vec<RelatedView<'a>>,
    corrections: Vec<CorrectionView<'a>>,
    og_image: Option<&'a str>,
}

/// Long form date as news sites print it: "December 30, 2025".
pub fn display_date(moment: DateTime<Utc>) -> String {
    moment.format("%B %-d, %Y").to_string()
}

fn first_nonempty<'a>(candidates: &[&'a str]) -> &'a str {
    candidates
        .iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .unwrap_or_default()
}

/// The `<title>` of the page: the SEO headline, else the headline.
pub(crate) fn page_title(story: &Story) -> &str {
    match first_nonempty(&[&story.headlines.seo, &story.headline]) {
        "" => "Untitled story",
        title => title,
    }
}

/// The summary search engines and social cards show.
pub(crate) fn summary(story: &Story) -> &str {
    first_nonempty(&[&story.meta_description, &story.standfirst])
}

fn figure<'a>(media: &'a Media, opts: &RenderOptions<'_>) -> FigureView<'a> {
    FigureView {
        src: (opts.image_src)(media).and_then(image_source),
        alt: &media.alt_text,
        caption: &media.caption,
        credit: &media.credit,
    }
}

fn environment() -> Result<&'static Environment<'static>, RenderError> {
    static ENV: OnceLock<Result<Environment<'static>, String>> = OnceLock::new();
    let env = ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        // The default escaping also turns `/` into `&#x2f;`, which bloats every
        // URL and `data:` URI; quotes, `<`, `>` and `&` are what matter.
        env.set_formatter(|out, state, value| match value.as_str() {
            Some(text)
                if !value.is_safe()
                    && matches!(state.auto_escape(), minijinja::AutoEscape::Html) =>
            {
                let escaped = if text.contains(['<', '>', '&', '"', '\''])
                    || text
                        .chars()
                        .any(|c| c == '\r' || crate::text::is_unwanted_control(c))
                {
                    std::borrow::Cow::Owned(escape_html(text))
                } else {
                    std::borrow::Cow::Borrowed(text)
                };
                out.write_str(&escaped).map_err(minijinja::Error::from)
            }
            _ => minijinja::escape_formatter(out, state, value),
        });
        env.add_template("article.html", ARTICLE_TEMPLATE)
            .map(|()| env)
            .map_err(|e| e.to_string())
    });
    env.as_ref().map_err(|message| {
        RenderError::Template(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            message.clone(),
        ))
    })
}

/// The page, with the export's metadata when `extras` is given. The story is
/// expected clean and its suggestions decided ([`output_story`]).
pub(crate) fn render_page(
    story: &Story,
    opts: &RenderOptions<'_>,
    extras: Option<&Extras<'_>>,
) -> Result<RenderedArticle, RenderError> {
    let RenderedBody {
        html: body,
        capped,
        marks_capped,
        words,
    } = render_body(story, &opts.dateline_separator);
    let lang = crate::text::clean(opts.lang.trim());
    let view = PageView {
        lang: &lang,
        title: page_title(story),
        social_title: first_nonempty(&[
            &story.headlines.social,
            &story.headline,
            page_title(story),
        ]),
        description: summary(story),
        standalone: extras.is_some(),
        kicker: story.kicker.trim(),
        headline: story.headline.trim(),
        standfirst: story.standfirst.trim(),
        bylines: story
            .bylines
            .iter()
            .filter(|b| !b.name.trim().is_empty())
            .map(|b| BylineView {
                name: b.name.trim(),
                role: b.role.trim(),
                url: web_link(b.url.as_deref()),
            })
            .collect(),
        date: story.publish_at.map(display_date),
        date_iso: story.publish_at.map(|t| t.to_rfc3339()),
        modified_iso: story.updated_at.to_rfc3339(),
        minutes: crate::words::reading_minutes(words),
        section: story.section.trim(),
        tags: &story.tags,
        hero: story.hero().map(|m| figure(m, opts)),
        figures: story
            .media
            .iter()
            .filter(|m| !m.hero)
            .map(|m| figure(m, opts))
            .collect(),
        related: story
            .related
            .iter()
            .filter(|r| !r.title.trim().is_empty() || !r.url.trim().is_empty())
            .map(|r| RelatedView {
                title: first_nonempty(&[&r.title, &r.url]),
                url: web_link(Some(&r.url)),
                summary: r.summary.trim(),
            })
            .collect(),
        corrections: story
            .corrections
            .iter()
            .filter(|c| !c.text.trim().is_empty())
            .map(|c| CorrectionView {
                label: c.kind.label(),
                date: display_date(c.at),
                at_iso: c.at.to_rfc3339(),
                text: c.text.trim(),
            })
            .collect(),
        og_image: extras.and_then(|e| e.og_image.as_deref()),
    };
    let template = environment()?.get_template("article.html")?;
    let page = template.render(context! {
        css => Value::from_safe_string(ARTICLE_CSS.to_owned()),
        body => Value::from_safe_string(body),
        json_ld => extras.map(|e| Value::from_safe_string((e.json_ld)(words))),
        ..Value::from(Serde(&view))
    })?;
    let mut notices = Vec::new();
    if capped {
        notices.push(RenderNotice::NestingCapped);
    }
    if marks_capped {
        notices.push(RenderNotice::FormattingCapped);
    }
    Ok(RenderedArticle {
        html: page,
        notices,
    })
}

/// The public names of the story's people, as a sentence: "A, B and C".
pub(crate) fn by_line(story: &Story) -> String {
    let names: Vec<&str> = story
        .bylines
        .iter()
        .map(|b| b.name.trim())
        .filter(|n| !n.is_empty())
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The longest start of `text` that is at most `max` bytes and ends on a
/// character boundary.
pub(crate) fn prefix(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Plain text made safe to put in HTML: `<`, `>`, `&` and quotes escaped, and
/// any control character [`crate::text::clean`] would remove left out, so
/// that none reaches a page even from text that skipped the cleaning.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if crate::text::is_unwanted_control(c) || c == '\r' => {}
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Byline, Dateline, RelatedLink};
    use chrono::NaiveDate;

    #[test]
    fn dateline_forms() {
        let mut s = Story::new("H");
        assert_eq!(dateline_text(&s, "–"), None);
        s.dateline = Dateline {
            place: "Kabul".into(),
            date: None,
        };
        assert_eq!(dateline_text(&s, "–").as_deref(), Some("KABUL –"));
        assert_eq!(
            dateline_text(&s, " (Dateline) —").as_deref(),
            Some("KABUL (Dateline) —")
        );
        s.dateline.date = NaiveDate::from_ymd_opt(2025, 12, 30);
        assert_eq!(
            dateline_text(&s, "–").as_deref(),
            Some("KABUL, December 30 –")
        );
    }

    #[test]
    fn untrusted_links_in_the_template_are_dropped() {
        let mut s = Story::new("H");
        s.bylines.push(Byline {
            name: "A. Writer".into(),
            role: String::new(),
            url: Some("javascript:alert(1)".into()),
        });
        s.related.push(RelatedLink {
            title: "Earlier".into(),
            url: "data:text/html,<b>".into(),
            summary: String::new(),
        });
        let page = render_article(&s, &RenderOptions::default()).unwrap_or_default();
        assert!(page.contains("A. Writer"), "{page}");
        assert!(!page.contains("javascript"), "{page}");
        assert!(!page.contains("data:text"), "{page}");
    }

    #[test]
    fn by_line_reads_as_a_sentence() {
        let mut s = Story::new("H");
        assert_eq!(by_line(&s), "");
        for name in ["Ana", "Ben", "Chen"] {
            s.bylines.push(Byline {
                name: name.into(),
                ..Default::default()
            });
        }
        assert_eq!(by_line(&s), "Ana, Ben and Chen");
    }

    #[test]
    fn body_fragment_is_sanitised() {
        let html = render_body_html("Hello <img src=x onerror=alert(1)> **world**");
        assert_eq!(html, "<p>Hello  <strong>world</strong></p>\n");
    }
}
