//! What may reach a page: the one HTML sanitiser every output goes through, and
//! the checks on links and picture sources set by the template.
//!
//! The body is the reporter's Markdown, which may carry raw HTML pasted from
//! anywhere. Whatever it holds, the result has no scripts, no event handlers,
//! no `javascript:`/`data:` links and no frames, objects or forms.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use ammonia::{Builder, UrlRelative};

/// Tags kept from the body. The default list of `ammonia` minus what HTML5
/// calls obsolete (`center`, `tt`, `strike`, `acronym`), image maps, and the page
/// landmarks the template owns (`header`, `nav`, `aside`...).
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Tags removed together with everything inside them: their content is code or
/// fallback markup, never the story's words.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "noembed", "noframes", "template",
];

/// Classes the renderer itself writes; any other class is removed.
const CLASSES: &[(&str, &[&str])] = &[
    ("span", &["dateline"]),
    ("div", &["footnotes", "footnote-definition"]),
    ("sup", &["footnote-reference", "footnote-definition-label"]),
];

fn builder() -> &'static Builder<'static> {
    static BUILDER: OnceLock<Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let attributes: HashMap<&str, HashSet<&str>> = [
            ("a", &["href", "hreflang"][..]),
            ("img", &["src", "alt", "width", "height"]),
            ("blockquote", &["cite"]),
            ("q", &["cite"]),
            ("del", &["cite", "datetime"]),
            ("ins", &["cite", "datetime"]),
            ("time", &["datetime"]),
            ("data", &["value"]),
            ("ol", &["start", "reversed"]),
            ("td", &["colspan", "rowspan", "headers", "style"]),
            ("th", &["colspan", "rowspan", "headers", "scope", "style"]),
            ("col", &["span"]),
            ("colgroup", &["span"]),
            ("h1", &["id"]),
            ("h2", &["id"]),
            ("h3", &["id"]),
            ("h4", &["id"]),
            ("h5", &["id"]),
            ("h6", &["id"]),
            ("div", &["id"]),
        ]
        .into_iter()
        .map(|(tag, attrs)| (tag, attrs.iter().copied().collect()))
        .collect();
        let classes: HashMap<&str, HashSet<&str>> = CLASSES
            .iter()
            .map(|(tag, names)| (*tag, names.iter().copied().collect()))
            .collect();
        let mut b = Builder::default();
        b.tags(TAGS.iter().copied().collect())
            .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
            .tag_attributes(attributes)
            // `dir` keeps right-to-left passages readable.
            .generic_attributes(["lang", "title", "dir"].into_iter().collect())
            .allowed_classes(classes)
            // Table alignment is the only inline style Markdown writes.
            .filter_style_properties(["text-align"].into_iter().collect())
            .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            // Only in-page anchors (footnotes, subheads) may be relative: a
            // relative path would point into the app or the disk.
            .url_relative(UrlRelative::Custom(Box::new(only_fragments)))
            .link_rel(Some("noopener noreferrer"))
            .strip_comments(true);
        b
    })
}

fn only_fragments(url: &str) -> Option<Cow<'_, str>> {
    url.starts_with('#').then_some(Cow::Borrowed(url))
}

/// Cleans an HTML fragment: what is left is safe to put in any page.
/// Elements nested deeper than [`super::MAX_NESTING`] are flattened first (see
/// [`super::nesting`]), which keeps the time linear in the input.
pub fn sanitize(html: &str) -> String {
    sanitize_noting(html).0
}

/// [`sanitize`], also saying whether deep nesting was flattened.
pub(crate) fn sanitize_noting(html: &str) -> (String, bool) {
    let limited = super::nesting::limit(html);
    let clean = tidy(builder().clean(&limited.html).to_string());
    (clean, limited.capped)
}

/// Mends what removing unsafe URLs leaves behind, so the page stays valid
/// HTML: a picture whose `src` was removed goes, a picture without `alt` gets an
/// empty one, and a link whose `href` was removed loses its `rel`.
/// Reads only the sanitiser's own output, where attributes are always quoted.
fn tidy(html: String) -> String {
    if !html.contains("<img") && !html.contains("<a ") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let end = tag_end(rest);
        let tag = &rest[..end];
        rest = &rest[end..];
        if tag.starts_with("<img") && tag[4..].starts_with([' ', '>', '/']) {
            if !tag.contains(" src=\"") {
                continue;
            }
            if !tag.contains(" alt=\"") {
                out.push_str(tag.trim_end_matches('>'));
                out.push_str(" alt=\"\">");
                continue;
            }
        } else if tag.starts_with("<a ") && !tag.contains(" href=\"") {
            out.push_str(&tag.replace(" rel=\"noopener noreferrer\"", ""));
            continue;
        }
        out.push_str(tag);
    }
    out.push_str(rest);
    out
}

/// Where the tag that starts `rest` ends (just past its `>`), skipping a `>`
/// inside a quoted attribute value.
pub(crate) fn tag_end(rest: &str) -> usize {
    let mut quoted = false;
    for (i, c) in rest.char_indices().skip(1) {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return i + 1,
            _ => {}
        }
    }
    rest.len()
}

/// `url` when it is an absolute http(s) link, for the links the template writes
/// (bylines, related stories).
pub(crate) fn web_link(url: Option<&str>) -> Option<String> {
    let url = url?.trim();
    crate::check_url("link", url).ok()?;
    Some(url.to_owned())
}

/// Picture types a browser shows in `<img>` without running anything.
pub(crate) const IMAGE_TYPES: &[&str] = &[
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/avif",
    "image/svg+xml",
];

/// The `src` a caller chose for a picture, refused when it could run code or
/// reach outside what the caller meant (`javascript:`, `file:`, a `data:` URI
/// that is not a picture).
pub(crate) fn image_source(src: String) -> Option<String> {
    let trimmed = src.trim();
    if trimmed.is_empty() || trimmed.chars().any(char::is_control) {
        return None;
    }
    let lower = trimmed.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("data:") {
        let mime = rest.split([';', ',']).next().unwrap_or_default();
        return IMAGE_TYPES.contains(&mime).then(|| trimmed.to_owned());
    }
    let scheme = lower.split_once(':').map(|(s, _)| s).filter(|s| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    match scheme {
        Some("javascript" | "vbscript" | "file" | "about" | "blob") => None,
        _ => Some(trimmed.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_bad_links_go() {
        let dirty = r#"<p onclick="x()">Hi<script>alert(1)</script><iframe src="https://x.example"></iframe>
<a href="javascript:alert(1)">j</a><a href="data:text/html,x">d</a><a href="/etc/passwd">p</a>
<img src="x.jpg" onerror="alert(1)"><form action="https://x.example"><input name=a>left</form>
<object data="x.swf">fallback</object><svg><script>1</script></svg><a href="https://ok.example">ok</a></p>"#;
        let clean = sanitize(dirty);
        for bad in [
            "script",
            "onclick",
            "onerror",
            "iframe",
            "javascript",
            "data:",
            "passwd",
            "form",
            "input",
            "object",
            "svg",
            "fallback",
        ] {
            assert!(!clean.contains(bad), "{bad} survived: {clean}");
        }
        assert!(clean.contains("left"), "{clean}");
        assert!(
            clean.contains(r#"<a href="https://ok.example" rel="noopener noreferrer">ok</a>"#),
            "{clean}"
        );
    }

    #[test]
    fn renderer_markup_survives() {
        let html = r##"<h2 id="a-b">T</h2><p><span class="dateline">X –</span> <sup class="footnote-reference"><a href="#fn-1">1</a></sup></p><span class="evil">e</span><th style="text-align: center; position: fixed">c</th>"##;
        let clean = sanitize(html);
        assert!(clean.contains(r#"<h2 id="a-b">"#), "{clean}");
        assert!(clean.contains(r#"<span class="dateline">"#), "{clean}");
        assert!(clean.contains(r##"href="#fn-1""##), "{clean}");
        assert!(!clean.contains("evil"), "{clean}");
        assert!(!clean.contains("position"), "{clean}");
    }

    #[test]
    fn what_removal_leaves_is_mended() {
        assert_eq!(
            sanitize(
                r#"<p><img src="x.jpg"><img alt="a>b" src="https://i.example/a.png"><img src="https://i.example/b.png"><a href="/x">t</a></p>"#
            ),
            r#"<p><img alt="a&gt;b" src="https://i.example/a.png"><img src="https://i.example/b.png" alt=""><a>t</a></p>"#
        );
    }

    #[test]
    fn image_sources() {
        assert!(image_source("data:image/png;base64,AAAA".into()).is_some());
        assert!(image_source("DATA:text/html,<script>".into()).is_none());
        assert!(image_source(" javascript:alert(1)".into()).is_none());
        assert!(image_source("file:///etc/passwd".into()).is_none());
        assert!(image_source("https://img.example/a.jpg".into()).is_some());
        assert!(image_source("dateline-media://abc".into()).is_some());
        assert!(image_source("".into()).is_none());
    }
}
