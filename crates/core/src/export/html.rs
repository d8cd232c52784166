//! One self-contained HTML5 page: the preview's template, pictures inlined as
//! `data:` URIs, with Open Graph and Twitter cards and a JSON-LD `NewsArticle`.

use base64::Engine;
use serde_json::{json, Map, Value};

use super::{by_line, ExportError, ExportOptions};
use crate::render::{self, dateline_text, Extras, RenderOptions, IMAGE_TYPES};
use crate::{Media, Story};

/// The exported page.
pub fn to_html(story: &Story, opts: &ExportOptions<'_>) -> Result<String, ExportError> {
    let inline = |media: &Media| data_uri(media, (opts.media_bytes)(media)?);
    let render_opts = RenderOptions {
        dateline_separator: opts.dateline_separator.clone(),
        image_src: &inline,
        standalone: true,
        lang: opts.lang.clone(),
    };
    let hero = story.media.iter().position(|m| m.hero);
    // Only pictures with a public address: a data: URI is no use to a crawler.
    let images: Vec<String> = (0..story.media.len())
        .filter_map(|i| opts.absolute_picture_url(story, i))
        .collect();
    let extras = Extras {
        og_image: hero.and_then(|i| opts.absolute_picture_url(story, i)),
        json_ld: Some(script_safe_json(&json_ld(story, &opts.lang, &images))),
    };
    Ok(render::render_page(story, &render_opts, &extras)?)
}

/// The picture as a `data:` URI, when its bytes are a picture a browser shows.
/// The type comes from the bytes themselves where they say it, so a stored
/// type that lies cannot turn the URI into a page.
pub fn data_uri(media: &Media, bytes: Vec<u8>) -> Option<String> {
    let stored = media
        .file
        .as_ref()
        .map(|f| f.mime.to_ascii_lowercase())
        .filter(|m| IMAGE_TYPES.contains(&m.as_str()));
    let mime = sniff(&bytes).map(str::to_owned).or(stored)?;
    let mut uri = format!("data:{mime};base64,");
    base64::engine::general_purpose::STANDARD.encode_string(&bytes, &mut uri);
    Some(uri)
}

/// The picture type the first bytes announce.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" && &bytes[8..12] == b"avif" {
        Some("image/avif")
    } else {
        None
    }
}

/// The schema.org `NewsArticle` search engines read; `images` are the
/// pictures' public URLs.
pub fn json_ld(story: &Story, lang: &str, images: &[String]) -> Value {
    let mut doc = Map::new();
    doc.insert("@context".into(), json!("https://schema.org"));
    doc.insert("@type".into(), json!("NewsArticle"));
    doc.insert("identifier".into(), json!(format!("urn:uuid:{}", story.id)));
    doc.insert("headline".into(), json!(render::page_title(story)));
    let mut put = |key: &str, value: &str| {
        if !value.trim().is_empty() {
            doc.insert(key.into(), json!(value.trim()));
        }
    };
    put("alternativeHeadline", &story.headlines.social);
    put("description", render::summary(story));
    put("abstract", &story.standfirst);
    put("articleSection", &story.section);
    put("inLanguage", lang);
    if let Some(dateline) = dateline_text(story, "") {
        doc.insert("dateline".into(), json!(dateline));
    }
    if let Some(t) = story.publish_at {
        doc.insert("datePublished".into(), json!(t.to_rfc3339()));
    }
    doc.insert("dateCreated".into(), json!(story.created_at.to_rfc3339()));
    doc.insert("dateModified".into(), json!(story.updated_at.to_rfc3339()));
    doc.insert("wordCount".into(), json!(story.word_count()));
    if !story.tags.is_empty() {
        doc.insert("keywords".into(), json!(story.tags));
    }
    let authors: Vec<Value> = story
        .bylines
        .iter()
        .filter(|b| !b.name.trim().is_empty())
        .map(|b| {
            let mut person = Map::new();
            person.insert("@type".into(), json!("Person"));
            person.insert("name".into(), json!(b.name.trim()));
            if !b.role.trim().is_empty() {
                person.insert("jobTitle".into(), json!(b.role.trim()));
            }
            if let Some(url) = render::web_link(b.url.as_deref()) {
                person.insert("url".into(), json!(url));
            }
            Value::Object(person)
        })
        .collect();
    if !authors.is_empty() {
        doc.insert("author".into(), Value::Array(authors));
    }
    if !by_line(story).is_empty() {
        doc.insert("creditText".into(), json!(by_line(story)));
    }
    if !images.is_empty() {
        doc.insert("image".into(), json!(images));
    }
    Value::Object(doc)
}

/// JSON that can sit inside `<script>`: `<`, `>` and `&` written as `\u` escapes,
/// so no text in the story can close the element. JSON only has these characters
/// inside strings, where the escapes mean the same.
pub(crate) fn script_safe_json(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MediaFile;

    #[test]
    fn json_ld_cannot_close_its_script() {
        let mut s = Story::new("</script><script>alert(1)</script> & more");
        s.body = "Text.".into();
        let page = to_html(&s, &ExportOptions::default()).unwrap_or_default();
        let start = page.find("application/ld+json").unwrap_or_default();
        let script = &page[start..];
        let end = script.find("</script>").unwrap_or_default();
        assert!(script[..end].contains("\\u003c/script\\u003e"), "{page}");
        let parsed: Value = serde_json::from_str(&script[script.find('>').unwrap_or(0) + 1..end])
            .unwrap_or_default();
        assert_eq!(parsed["headline"], json!(s.headline));
    }

    #[test]
    fn pictures_are_inlined_only_as_pictures() {
        let mut m = Media {
            file: Some(MediaFile {
                hash: "x".into(),
                file_name: "x.png".into(),
                mime: "text/html".into(),
                size: 4,
            }),
            ..Media::default()
        };
        assert_eq!(data_uri(&m, b"<script>".to_vec()), None);
        assert_eq!(
            data_uri(&m, b"\x89PNG\r\n\x1a\n".to_vec()).as_deref(),
            Some("data:image/png;base64,iVBORw0KGgo=")
        );
        if let Some(f) = m.file.as_mut() {
            f.mime = "image/svg+xml".into();
        }
        assert!(data_uri(&m, b"<svg/>".to_vec())
            .is_some_and(|u| u.starts_with("data:image/svg+xml;base64,")));
    }
}
