//! A story whose every field and body carry script tags, event handlers,
//! `javascript:`/`data:` links, frames and odd Unicode: the preview and every
//! export come out with nothing a browser or CMS would run, and with every
//! character of the story's text still there.
//!
//! Markup is checked by a small tokenizer that reads tags and attributes the
//! way a browser does for the quoted-attribute HTML we write; text is checked
//! after decoding character references.
//!
//! Also here: control characters in every field never reach an output, and
//! bodies nested tens of thousands of levels deep render in linear time.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod story_fixtures;

mod oracle;

use oracle::{decode, URL_ATTRIBUTES};

use std::time::{Duration, Instant};

use dateline_core::export::{self, ans, ninjs, ExportOptions, Format};
use dateline_core::render::{
    dateline_text, formatting_capped, nesting_capped, render_article, render_article_with_notices,
    RenderNotice, RenderOptions, MAX_MARKS, MAX_NESTING,
};
use dateline_core::Story;
use serde_json::Value;
use story_fixtures::{full, hostile, media_bytes, ODD_UNICODE};

#[derive(Debug)]
struct TagToken {
    name: String,
    attrs: Vec<(String, String)>,
}

/// The start tags of `html`, with attribute values decoded.
fn start_tags(html: &str) -> Vec<TagToken> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        let rest = &html[i..];
        if rest.starts_with("!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with('!') || rest.starts_with('/') || rest.starts_with('?') {
            i += rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        i += name_len;
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i += 1;
                break;
            }
            let start = i;
            while i < bytes.len() && !b" \t\n\r\x0c/>=".contains(&bytes[i]) {
                i += 1;
            }
            let attr = html[start..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let quote = bytes[i] as char;
                    let end = html[i + 1..].find(quote).map_or(html.len(), |e| i + 1 + e);
                    value = decode(&html[i + 1..end]);
                    i = (end + 1).min(html.len());
                } else {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = decode(&html[start..i]);
                }
            }
            attrs.push((attr, value));
        }
        // Raw-text elements: their content is not markup.
        if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            let lower = html[i.min(html.len())..].to_ascii_lowercase();
            i += lower.find(&close).unwrap_or(lower.len());
        }
        tags.push(TagToken { name, attrs });
    }
    tags
}

const FORBIDDEN_TAGS: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
    "textarea", "select", "svg", "math", "base", "link", "template", "noscript",
];

/// Panics with the offending markup if anything in `html` could run.
fn assert_inert(html: &str, what: &str) {
    let mut styles = 0;
    for tag in start_tags(html) {
        let attr = |name: &str| {
            tag.attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        assert!(
            !FORBIDDEN_TAGS.contains(&tag.name.as_str()),
            "{what}: <{}> survived",
            tag.name
        );
        match tag.name.as_str() {
            "script" => assert_eq!(
                attr("type"),
                Some("application/ld+json"),
                "{what}: a script that runs"
            ),
            "style" => styles += 1,
            "meta" => {
                if let Some(equiv) = attr("http-equiv") {
                    assert_eq!(equiv, "Content-Security-Policy", "{what}: meta {equiv}");
                }
            }
            _ => {}
        }
        for (name, value) in &tag.attrs {
            assert!(
                !name.starts_with("on"),
                "{what}: handler {name}={value:?} on <{}>",
                tag.name
            );
            if name == "style" {
                assert!(
                    value.is_empty() || value.starts_with("text-align:"),
                    "{what}: style {value:?}"
                );
            }
            if URL_ATTRIBUTES.contains(&name.as_str()) {
                let squeezed: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "file:"] {
                    assert!(!squeezed.starts_with(scheme), "{what}: {name}={value:?}");
                }
                if squeezed.starts_with("data:") {
                    assert!(
                        tag.name == "img"
                            && name == "src"
                            && squeezed.starts_with("data:image/png"),
                        "{what}: {name}={value:?} on <{}>",
                        tag.name
                    );
                }
            }
        }
    }
    assert!(styles <= 1, "{what}: a style element besides ours");
}

fn options() -> ExportOptions<'static> {
    ExportOptions {
        media_bytes: &media_bytes,
        ..ExportOptions::default()
    }
}

/// The text of the story as a reader should find it in any output.
fn visible_text(story: &Story) -> Vec<(&'static str, String)> {
    let m = &story.media[0];
    let r = &story.related[0];
    vec![
        ("kicker", story.kicker.clone()),
        ("headline", story.headline.clone()),
        ("standfirst", story.standfirst.clone()),
        ("byline", story.bylines[0].name.clone()),
        ("role", story.bylines[0].role.clone()),
        ("caption", m.caption.clone()),
        ("credit", m.credit.clone()),
        ("alt", m.alt_text.clone()),
        ("related title", r.title.clone()),
        ("related summary", r.summary.clone()),
        ("second credit", story.media[1].credit.clone()),
    ]
}

fn assert_preserved(decoded: &str, story: &Story, what: &str) {
    for (field, text) in visible_text(story) {
        assert!(decoded.contains(&text), "{what}: {field} {text:?} lost");
    }
    assert!(decoded.contains(ODD_UNICODE), "{what}: body text lost");
    assert!(
        decoded.contains("Plain words stay."),
        "{what}: body text lost"
    );
    let dateline = dateline_text(story, "–").unwrap_or_default();
    assert!(
        decoded.contains(&dateline),
        "{what}: dateline {dateline:?} lost"
    );
}

#[test]
fn the_preview_is_inert_and_keeps_every_character() {
    let story = hostile();
    let page = render_article(&story, &RenderOptions::default()).expect("renders");
    assert_inert(&page, "preview");
    assert_preserved(&decode(&page), &story, "preview");
    assert!(
        decode(&page).contains(&story.headlines.seo),
        "the SEO title"
    );
}

#[test]
fn the_html_export_is_inert_and_keeps_every_character() {
    let story = hostile();
    let opts = ExportOptions {
        media_base_url: Some("https://cdn.news.example/p".into()),
        ..options()
    };
    let page = export::html::to_html(&story, &opts).expect("exports");
    assert_inert(&page, "HTML export");
    let text = decode(&page);
    assert_preserved(&text, &story, "HTML export");
    for extra in [
        &story.headlines.social,
        &story.meta_description,
        &story.section,
    ] {
        assert!(
            text.contains(extra.as_str()),
            "{extra:?} lost from the metadata"
        );
    }
    // The JSON-LD parses back to the story's own text.
    let start = page.find("application/ld+json\">").map_or(0, |i| i + 21);
    let end = page[start..].find("</script>").map_or(start, |i| start + i);
    let ld: Value = serde_json::from_str(&page[start..end]).expect("JSON-LD parses");
    assert_eq!(ld["headline"], story.headlines.seo.as_str());
    assert_eq!(ld["author"][0]["name"], story.bylines[0].name.as_str());
    assert!(
        ld["author"][0].get("url").is_none(),
        "javascript: URL dropped"
    );
}

/// Every `uri` and `href` in a ninjs document.
fn addresses<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| addresses(v, out)),
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("uri" | "href", Value::String(s)) => out.push(s),
                    _ => addresses(v, out),
                }
            }
        }
        _ => {}
    }
}

fn strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn ninjs_is_inert_and_keeps_every_character() {
    let story = hostile();
    let doc = ninjs::to_ninjs(&story, &options());
    let html = doc["bodies"][0]["value"].as_str().unwrap_or_default();
    assert_eq!(doc["bodies"][0]["contenttype"], "text/html");
    assert_inert(html, "ninjs HTML body");
    // Plain-text fields keep the text exactly as typed.
    assert_eq!(doc["headlines"][0]["value"], story.headline.as_str());
    assert_eq!(doc["descriptions"][0]["value"], story.standfirst.as_str());
    assert_eq!(doc["located"], story.dateline.place.as_str());
    let mut all = Vec::new();
    strings(&doc, &mut all);
    for (field, text) in visible_text(&story) {
        if field == "role" {
            continue; // ninjs has no place for a byline's role
        }
        assert!(all.contains(&text.trim()), "ninjs: {field} {text:?} lost");
    }
    let plain = doc["bodies"][1]["value"].as_str().unwrap_or_default();
    assert!(plain.contains(ODD_UNICODE) && plain.contains("Plain words stay."));
    // No link made from a javascript: or data: address, anywhere.
    let mut links = Vec::new();
    addresses(&doc, &mut links);
    assert!(links.len() >= 3, "{links:?}");
    for link in links {
        let lower = link.to_ascii_lowercase();
        assert!(
            lower.starts_with("urn:") || lower.starts_with("https:") || lower.starts_with("http:"),
            "{link}"
        );
    }
}

/// The ANS fields a consumer sets as HTML; the others (label, credits, alt
/// text, link titles) are plain text and keep the story's characters as typed.
fn ans_html<'a>(element: &'a Value, out: &mut Vec<&'a str>) {
    let field = |key: &str| element[key].as_str();
    match element["type"].as_str().unwrap_or_default() {
        "text" | "header" | "raw_html" => out.extend(field("content")),
        "image" => out.extend(field("caption")),
        "quote" => element["content_elements"]
            .as_array()
            .into_iter()
            .flatten()
            .for_each(|e| ans_html(e, out)),
        "list" | "link_list" => element["items"]
            .as_array()
            .into_iter()
            .flatten()
            .for_each(|e| ans_html(e, out)),
        "interstitial_link" => {
            out.extend(field("content"));
            ans_html(&element["description"], out);
        }
        _ => {}
    }
}

#[test]
fn ans_is_inert_and_keeps_every_character() {
    let story = hostile();
    let doc = ans::to_ans(&story, &options());
    let mut html_fields = Vec::new();
    for element in doc["content_elements"].as_array().into_iter().flatten() {
        ans_html(element, &mut html_fields);
    }
    for key in ["headlines", "subheadlines", "description"] {
        strings(&doc[key], &mut html_fields);
    }
    ans_html(&doc["promo_items"]["basic"], &mut html_fields);
    for related in doc["related_content"]["basic"]
        .as_array()
        .into_iter()
        .flatten()
    {
        strings(&related["headlines"], &mut html_fields);
        strings(&related["description"], &mut html_fields);
    }
    assert!(html_fields.len() > 10, "the HTML fields were found");
    for field in &html_fields {
        assert_inert(field, "ANS");
    }
    assert_eq!(
        decode(doc["headlines"]["basic"].as_str().unwrap_or_default()),
        story.headline
    );
    assert_eq!(
        decode(doc["subheadlines"]["basic"].as_str().unwrap_or_default()),
        story.standfirst
    );
    assert_eq!(doc["label"]["basic"]["text"], story.kicker.as_str());
    assert_eq!(
        doc["credits"]["by"][0]["name"],
        story.bylines[0].name.as_str()
    );
    assert_eq!(
        doc["credits"]["by"][0]["role"],
        story.bylines[0].role.as_str()
    );
    assert!(doc["credits"]["by"][0].get("url").is_none());
    let promo = &doc["promo_items"]["basic"];
    assert_eq!(
        decode(promo["caption"].as_str().unwrap_or_default()),
        story.media[0].caption
    );
    assert_eq!(promo["alt_text"], story.media[0].alt_text.as_str());
    let body: String = doc["content_elements"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["content"].as_str())
        .map(decode)
        .collect();
    assert!(body.contains(ODD_UNICODE) && body.contains("Plain words stay."));
    assert!(doc.get("editor_note").is_none());
}

/// Issue "Hardening" #7: a related link with a web address became an ANS
/// `interstitial_link` whose `content` (shown as HTML) held the title raw.
#[test]
fn ans_related_links_are_escaped_like_every_html_field() {
    let mut story = hostile();
    let title = "<img src=x onerror=alert(1)> & \"more\" <b>";
    story.related[0].title = title.into();
    story.related[0].url = "https://news.example/earlier".into();
    let doc = ans::to_ans(&story, &options());
    let links: Vec<&Value> = doc["content_elements"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["type"] == "link_list")
        .flat_map(|e| e["items"].as_array().into_iter().flatten())
        .filter(|i| i["type"] == "interstitial_link")
        .collect();
    assert_eq!(links.len(), 1, "{doc:#}");
    let content = links[0]["content"].as_str().unwrap_or_default();
    assert_inert(content, "ANS interstitial link");
    assert!(!content.contains('<'), "{content}");
    assert_eq!(decode(content), title, "the title reads as typed");
    assert_eq!(links[0]["url"], "https://news.example/earlier");
}

#[test]
fn wxr_is_well_formed_inert_and_keeps_every_character() {
    let story = hostile();
    let bytes = export::export(&story, Format::Wxr, &options())
        .expect("exports")
        .bytes;
    let text = String::from_utf8(bytes).expect("UTF-8");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let content = "http://purl.org/rss/1.0/modules/content/";
    let excerpt = "http://wordpress.org/export/1.2/excerpt/";
    let wp = "http://wordpress.org/export/1.2/";
    let post = doc
        .descendants()
        .find(|n| n.has_tag_name("item"))
        .expect("a post");
    let child = |name: (&str, &str)| {
        post.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_owned()
    };
    let html = child((content, "encoded"));
    assert_inert(&html, "WXR content");
    assert!(decode(&html).contains(ODD_UNICODE));
    let title = post
        .children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|c| c.text())
        .unwrap_or_default();
    assert_inert(title, "WXR title");
    assert_eq!(decode(title), story.headline);
    let standfirst = child((excerpt, "encoded"));
    assert_inert(&standfirst, "WXR excerpt");
    assert_eq!(decode(&standfirst), story.standfirst);
    let metas: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((wp, "postmeta")))
        .map(|m| {
            let get = |k| {
                m.children()
                    .find(|c| c.has_tag_name((wp, k)))
                    .and_then(|c| c.text())
                    .unwrap_or_default()
                    .to_owned()
            };
            (get("meta_key"), get("meta_value"))
        })
        .collect();
    let meta = |key: &str| {
        metas
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(meta("dateline_kicker"), Some(story.kicker.as_str()));
    assert_eq!(
        meta("_wp_attachment_image_alt"),
        Some(story.media[0].alt_text.as_str())
    );
    assert_eq!(
        meta("_yoast_wpseo_title"),
        Some(story.headlines.seo.as_str())
    );
    // `]]>` in the text did not end a CDATA section early.
    assert!(text.contains("]]]]><![CDATA[>"));
}

#[test]
fn markdown_keeps_the_story_exactly() {
    let story = hostile();
    let md = export::markdown::to_markdown(&story);
    let back = dateline_core::frontmatter::from_markdown(&md.text)
        .expect("reads back")
        .story;
    assert_eq!(back.headline, story.headline);
    assert_eq!(back.kicker, story.kicker);
    assert_eq!(back.headlines, story.headlines);
    assert_eq!(back.bylines, story.bylines);
    assert_eq!(back.dateline, story.dateline);
    assert_eq!(back.tags, story.tags);
    assert_eq!(back.related, story.related);
    assert_eq!(back.body, story.body.trim_matches('\n'));
    for (a, b) in back.media.iter().zip(&story.media) {
        assert_eq!(
            (&a.caption, &a.credit, &a.alt_text, &a.rights),
            (&b.caption, &b.credit, &b.alt_text, &b.rights)
        );
    }
    // Picture files are named by the story, never by the stored file name.
    for picture in &md.pictures {
        assert!(!picture.file_name.contains('/') && !picture.file_name.contains(".."));
    }
}

#[test]
fn the_tokenizer_catches_what_it_should() {
    for bad in [
        "<p onclick=\"x\">",
        "<a href=\" javascript:x\">",
        "<a href=\"jav&#x09;ascript:x\">",
        "<iframe>",
        "<script>1</script>",
        "<img src=\"data:text/html,x\">",
        "<meta http-equiv=\"refresh\" content=\"0\">",
    ] {
        let caught = std::panic::catch_unwind(|| assert_inert(bad, "probe")).is_err();
        assert!(caught, "{bad} slipped past the checker");
    }
    assert_inert("<p title=\"onclick=x\">&lt;script&gt;</p>", "probe");
}

/// Control characters of every kind the cleaning removes, and both kinds of
/// line end it rewrites.
const CONTROLS: &str = "\u{0}\u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}[31m\u{7f}\u{80}\u{85}\u{9f}\r\n\r";

/// The hostile story with control characters in every text field, set
/// directly so that nothing on the way in has cleaned them.
fn with_controls() -> Story {
    let mut s = hostile();
    let dirty = |text: &mut String| {
        let mid = text.char_indices().nth(3).map_or(text.len(), |(i, _)| i);
        text.insert_str(mid, CONTROLS);
    };
    for f in [
        &mut s.kicker,
        &mut s.headline,
        &mut s.headlines.seo,
        &mut s.headlines.social,
        &mut s.headlines.print,
        &mut s.standfirst,
        &mut s.meta_description,
        &mut s.dateline.place,
        &mut s.section,
        &mut s.focus_keyphrase,
        &mut s.body,
    ] {
        dirty(f);
    }
    s.tags.iter_mut().for_each(dirty);
    for b in &mut s.bylines {
        dirty(&mut b.name);
        dirty(&mut b.role);
    }
    for m in &mut s.media {
        dirty(&mut m.caption);
        dirty(&mut m.credit);
        dirty(&mut m.alt_text);
        dirty(&mut m.rights);
    }
    for r in &mut s.related {
        dirty(&mut r.title);
        dirty(&mut r.summary);
    }
    s.related[0].url = "https://news.example/\u{0}earlier\u{7}".into();
    s.body
        .push_str("\n\nBell\u{7}s ring\u{0} at dawn.\r\nNext\u{85} line.");
    s
}

/// Panics naming the first character of `text` no output may hold.
fn assert_no_controls(text: &str, what: &str) {
    if let Some((i, c)) = text
        .char_indices()
        .find(|&(_, c)| c.is_control() && c != '\t' && c != '\n')
    {
        let from = text[..i].char_indices().rev().nth(30).map_or(0, |(j, _)| j);
        panic!(
            "{what}: U+{:04X} at byte {i}, after {:?}",
            c as u32,
            &text[from..i]
        );
    }
}

fn assert_no_controls_in_json(value: &Value, what: &str) {
    let mut all = Vec::new();
    strings(value, &mut all);
    for text in all {
        assert_no_controls(text, what);
    }
}

/// Issue "Hardening" #8: whatever got into a story, no output carries a NUL,
/// an escape code or any other control character, and the words around them
/// are still whole.
#[test]
fn no_output_carries_a_control_character() {
    let story = with_controls();
    let page = render_article(&story, &RenderOptions::default()).expect("renders");
    assert_no_controls(&page, "preview");
    assert!(decode(&page).contains("Bells ring at dawn.\nNext line."));
    for format in Format::ALL {
        let bytes = export::export(&story, format, &options())
            .expect("exports")
            .bytes;
        let text = String::from_utf8(bytes).expect("UTF-8");
        let what = format!("{format} export");
        assert_no_controls(&text, &what);
        match format {
            Format::Ninjs | Format::Ans => {
                let doc: Value = serde_json::from_str(&text).expect("JSON");
                assert_no_controls_in_json(&doc, &what);
            }
            Format::Html => {
                let start = text.find("application/ld+json\">").map_or(0, |i| i + 21);
                let end = text[start..].find("</script>").map_or(start, |i| start + i);
                let ld: Value = serde_json::from_str(&text[start..end]).expect("JSON-LD");
                assert_no_controls_in_json(&ld, "JSON-LD");
            }
            Format::Markdown => {
                let back = dateline_core::frontmatter::from_markdown(&text)
                    .expect("reads back")
                    .story;
                assert!(back.body.contains("Bells ring at dawn.\nNext line."));
            }
            Format::Wxr => {
                roxmltree::Document::parse(&text).expect("well-formed XML");
            }
        }
    }
    let doc = ninjs::to_ninjs(&story, &options());
    let mut cleaned = story.clone();
    assert!(cleaned.clean_text());
    assert_eq!(doc["headlines"][0]["value"], cleaned.headline.as_str());
    assert!(doc["bodies"][1]["value"]
        .as_str()
        .unwrap_or_default()
        .contains("Bells ring at dawn. Next line."));
    // The related link's address, cleaned, is a web link again.
    assert!(doc.to_string().contains("https://news.example/earlier"));
}

/// The bodies of issue "Hardening" #5, each `n` levels deep.
fn reported_bodies(n: usize) -> Vec<(&'static str, String)> {
    vec![
        ("nested list markers", format!("{}deep", "- ".repeat(n))),
        ("nested quotes", format!("{}deep", "> ".repeat(n))),
        ("nested divs", format!("{}deep", "<div>".repeat(n))),
        (
            "a list item per line, each a level deeper",
            // As many levels as fit in `2n` bytes.
            (0..)
                .map(|i: usize| format!("{}- deep {i}\n", "  ".repeat(i)))
                .scan(0, |size, line| {
                    *size += line.len();
                    (*size <= 2 * n).then_some(line)
                })
                .collect(),
        ),
    ]
}

/// The reported bodies, and the other shapes that made the sanitiser's parser
/// slow down with depth, each `n` levels deep.
fn deep_bodies(n: usize) -> Vec<(&'static str, String)> {
    let mut bodies = reported_bodies(n);
    bodies.extend([
        (
            "nested formatting",
            (0..n)
                .map(|i| format!("<b title=\"{i}\">"))
                .collect::<String>()
                + "deep",
        ),
        (
            "formatting reopened in every paragraph",
            (0..n / 16)
                .map(|i| {
                    let open: String = (0..15).map(|j| format!("<b title=\"{i}-{j}\">")).collect();
                    format!("<p>{open}</p>")
                })
                .collect::<String>()
                + "deep",
        ),
        (
            "tags closed out of turn",
            "<div><applet></div>".repeat(n / 2) + "deep",
        ),
        ("one subhead repeated", "## Deep\n\n".repeat(n / 2)),
    ]);
    bodies
}

/// The preview and all five exports of `story`, once.
fn render_everything(story: &Story) {
    let page = render_article_with_notices(story, &RenderOptions::default()).expect("renders");
    assert!(page.html.contains("</html>"));
    for format in Format::ALL {
        let out = export::export(story, format, &ExportOptions::default()).expect("exports");
        assert!(!out.bytes.is_empty());
    }
}

/// The fastest of three runs: the least disturbed by whatever else the
/// machine is doing.
fn time_everything(story: &Story) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            render_everything(story);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn story_with_body(body: String) -> Story {
    let mut story = Story::new("Deep");
    story.body = body;
    story
}

/// Issue "Hardening" #5: time grows with the size of the body, not with the
/// square of its depth. Four times the depth takes about four times as long;
/// a quadratic cost would take sixteen. The bound of eight leaves room for a
/// busy machine either way, in debug builds too.
#[test]
fn deep_nesting_takes_linear_time() {
    for ((name, small), (_, large)) in deep_bodies(2_000).into_iter().zip(deep_bodies(8_000)) {
        let small = time_everything(&story_with_body(small));
        let large = time_everything(&story_with_body(large));
        eprintln!("{name}: {small:?} at 2,000 levels, {large:?} at 8,000");
        assert!(
            large < small * 8 + Duration::from_millis(30),
            "{name}: {small:?} at 2,000 levels but {large:?} at 8,000"
        );
    }
}

/// Issue "Hardening" #5 at its own sizes: 60,000 levels, a 120 KB body (300 KB
/// of `<div>`s). Within 100 ms for the preview and for every export in a
/// release build; a debug build is given more, as it is several times slower.
#[test]
fn the_deep_bodies_of_the_report_render_quickly_and_say_so() {
    let budget = if cfg!(debug_assertions) {
        Duration::from_secs(3)
    } else {
        Duration::from_millis(100)
    };
    for (name, body) in reported_bodies(60_000) {
        assert!(body.len() <= dateline_core::MAX_BODY_BYTES, "{name}");
        let story = story_with_body(body);
        story.validate().expect("within the model's limits");
        let start = Instant::now();
        let page = render_article_with_notices(&story, &RenderOptions::default()).expect("renders");
        let mut took = vec![("preview", start.elapsed())];
        for format in Format::ALL {
            let start = Instant::now();
            export::export(&story, format, &ExportOptions::default()).expect("exports");
            took.push((format.as_str(), start.elapsed()));
        }
        eprintln!("{name}: {took:?}");
        for (what, t) in took {
            assert!(t <= budget, "{name}: {what} took {t:?}");
        }
        // The flattening is never silent.
        {
            assert!(nesting_capped(&story.body), "{name}");
            assert_eq!(page.notices[0], RenderNotice::NestingCapped, "{name}");
            assert!(page.notices[0].message().contains("flattened"));
            // 60,000 openings may also be past the marks a page is
            // rendered with: the rest is plain text, and that is said too.
            assert!(
                page.notices[1..]
                    .iter()
                    .all(|n| *n == RenderNotice::FormattingCapped),
                "{name}: {:?}",
                page.notices
            );
        }
        assert!(page.html.contains("deep") || page.html.contains("Deep"));
    }
}

/// Issue 9: a body denser in Markdown marks than any story (a megabyte of
/// emphasis) is rendered with the first [`MAX_MARKS`] and shown as plain
/// paragraphs past them: every word kept, in order, and the preview says so.
#[test]
fn formatting_past_the_marks_a_page_takes_is_plain_text_with_every_word() {
    let marks = MAX_MARKS + 5_000;
    let body: String = (0..marks / 2)
        .map(|i| format!("*w{i}*{}", if i % 50 == 49 { "\n\n" } else { " " }))
        .collect();
    let story = story_with_body(body);
    assert!(formatting_capped(&story.body));
    let page = render_article_with_notices(&story, &RenderOptions::default()).expect("renders");
    assert_eq!(page.notices, [RenderNotice::FormattingCapped]);
    assert!(page.notices[0].message().contains("plain paragraphs"));
    assert!(page.html.contains("<em>w0</em>"), "rendered up to the cut");
    let last = marks / 2 - 1;
    assert!(
        page.html.contains(&format!("*w{last}*")),
        "the rest as it was typed"
    );
    let doc = ninjs::to_ninjs(&story, &ExportOptions::default());
    let text = doc["bodies"][1]["value"].as_str().unwrap_or_default();
    let mut at = 0;
    for i in (0..marks / 2).step_by(97) {
        let word = format!("w{i}");
        let found = text[at..]
            .find(&word)
            .unwrap_or_else(|| panic!("{word} missing or out of order"));
        at += found + word.len();
    }
    assert_eq!(
        doc["bodies"][0]["wordcount"],
        serde_json::json!(marks / 2),
        "every word counted"
    );
    let ans = ans::to_ans(&story, &ExportOptions::default());
    let elements = ans["content_elements"].as_array().expect("elements");
    let tail = elements
        .last()
        .and_then(|e| e["content"].as_str())
        .unwrap_or_default();
    assert!(tail.contains(&format!("*w{last}*")), "{tail}");

    // Stories as marked up as real ones are rendered whole.
    for story in [full(), hostile()] {
        assert!(!formatting_capped(&story.body));
    }
    let links = "A [link](https://x.example) and *more*.\n\n".repeat(MAX_MARKS / 10);
    assert!(!formatting_capped(&links));
}

/// Flattening keeps every word, in order, and a story nested as deep as real
/// ones are is left alone.
#[test]
fn flattened_levels_keep_every_word() {
    let depth = 3 * MAX_NESTING;
    let body: String = (0..depth)
        .map(|i| format!("{}- level{i}\n", "  ".repeat(i)))
        .collect();
    let story = story_with_body(body);
    assert!(nesting_capped(&story.body));
    let doc = ninjs::to_ninjs(&story, &ExportOptions::default());
    let text = doc["bodies"][1]["value"].as_str().unwrap_or_default();
    let mut at = 0;
    for i in 0..depth {
        let word = format!("level{i}");
        let found = text[at..]
            .find(&word)
            .unwrap_or_else(|| panic!("{word} missing or out of order in {text}"));
        at += found + word.len();
    }
    let page = render_article_with_notices(&story, &RenderOptions::default()).expect("renders");
    assert_eq!(page.notices.len(), 1);
    assert!(page.html.contains(&format!("level{}", depth - 1)));

    for story in [full(), hostile()] {
        assert!(!nesting_capped(&story.body));
        let page = render_article_with_notices(&story, &RenderOptions::default()).expect("renders");
        assert!(page.notices.is_empty());
        assert_eq!(
            page.html,
            render_article(&story, &RenderOptions::default()).expect("renders")
        );
    }
    // Ten levels of list, as deep as any story goes, are not flattened.
    let ten: String = (0..10)
        .map(|i| format!("{}- level{i}\n", "  ".repeat(i)))
        .collect();
    assert!(!nesting_capped(&ten));
}
