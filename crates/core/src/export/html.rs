//! One self-contained HTML5 page: the preview's template, pictures inlined as
//! `data:` URIs, with Open Graph and Twitter cards and a JSON-LD `NewsArticle`
//! ([`crate::render::json_ld`]) naming the pictures' public URLs.

use base64::Engine;

use super::{ExportError, ExportOptions};
use crate::render::{self, json_ld, script_safe_json, Extras, RenderOptions, IMAGE_TYPES};
use crate::{Media, Story};

/// The exported page.
pub fn to_html(story: &Story, opts: &ExportOptions<'_>) -> Result<String, ExportError> {
    let story = &*crate::render::for_export(story);
    let inline = |media: &Media| data_uri(media, (opts.media_bytes)(media)?);
    let render_opts = RenderOptions {
        dateline_separator: opts.dateline_separator.clone(),
        image_src: &inline,
        lang: opts.lang.clone(),
    };
    let hero = story.media.iter().position(|m| m.hero);
    // Only pictures with a public address: a data: URI is no use to a crawler.
    let images: Vec<String> = (0..story.media.len())
        .filter_map(|i| opts.absolute_picture_url(story, i))
        .collect();
    let json_ld = |words: usize| script_safe_json(&json_ld(story, &opts.lang, &images, words));
    let extras = Extras {
        og_image: hero.and_then(|i| opts.absolute_picture_url(story, i)),
        json_ld: &json_ld,
    };
    Ok(render::render_page(story, &render_opts, Some(&extras))?.html)
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
    let mime = crate::image::sniff(&bytes).map(str::to_owned).or(stored)?;
    let mut uri = format!("data:{mime};base64,");
    base64::engine::general_purpose::STANDARD.encode_string(&bytes, &mut uri);
    Some(uri)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MediaFile;
    use serde_json::{json, Value};

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
