//! A story whose every field and body carry script tags, event handlers,
//! `javascript:`/`data:` links, frames and odd Unicode: the preview and every
//! export come out with nothing a browser or CMS would run, and with every
//! character of the story's text still there.
//!
//! Markup is checked by a small tokenizer that reads tags and attributes the
//! way a browser does for the quoted-attribute HTML we write; text is checked
//! after decoding character references.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod story_fixtures;

use dateline_core::export::{self, ans, ninjs, ExportOptions, Format};
use dateline_core::render::{dateline_text, render_article, RenderOptions};
use dateline_core::Story;
use serde_json::Value;
use story_fixtures::{hostile, media_bytes, ODD_UNICODE};

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

/// Decodes the character references our writers produce.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.bytes().take(12).position(|b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let c = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ if entity.starts_with("#x") || entity.starts_with("#X") => {
                u32::from_str_radix(&entity[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if entity.starts_with('#') => entity[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

const FORBIDDEN_TAGS: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
    "textarea", "select", "svg", "math", "base", "link", "template", "noscript",
];

const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "srcset",
    "poster",
    "background",
    "cite",
    "data",
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
        "interstitial_link" => ans_html(&element["description"], out),
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
