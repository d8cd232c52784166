//! The schema.org `NewsArticle` an exported page carries for search engines,
//! and the JSON escaping that lets it sit inside a `<script>` element.

use serde_json::{json, Map, Value};

use super::{by_line, dateline_text, page_title, summary, web_link};
use crate::Story;

/// The schema.org `NewsArticle` search engines read; `images` are the
/// pictures' public URLs (a `data:` URI is no use to a crawler); `words`
/// the body's word count, as the page's renderer counted it.
pub fn json_ld(story: &Story, lang: &str, images: &[String], words: usize) -> Value {
    let mut doc = Map::new();
    doc.insert("@context".into(), json!("https://schema.org"));
    doc.insert("@type".into(), json!("NewsArticle"));
    doc.insert("identifier".into(), json!(format!("urn:uuid:{}", story.id)));
    doc.insert("headline".into(), json!(page_title(story)));
    let mut put = |key: &str, value: &str| {
        if !value.trim().is_empty() {
            doc.insert(key.into(), json!(value.trim()));
        }
    };
    put("alternativeHeadline", &story.headlines.social);
    put("description", summary(story));
    put("abstract", &story.standfirst);
    put("articleSection", &story.section);
    put("inLanguage", &crate::text::clean(lang));
    if let Some(dateline) = dateline_text(story, "") {
        doc.insert("dateline".into(), json!(dateline));
    }
    if let Some(t) = story.publish_at {
        doc.insert("datePublished".into(), json!(t.to_rfc3339()));
    }
    doc.insert("dateCreated".into(), json!(story.created_at.to_rfc3339()));
    doc.insert("dateModified".into(), json!(story.updated_at.to_rfc3339()));
    doc.insert("wordCount".into(), json!(words));
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
            if let Some(url) = web_link(b.url.as_deref()) {
                person.insert("url".into(), json!(url));
            }
            Value::Object(person)
        })
        .collect();
    if !authors.is_empty() {
        doc.insert("author".into(), Value::Array(authors));
    }
    let credit = by_line(story);
    if !credit.is_empty() {
        doc.insert("creditText".into(), json!(credit));
    }
    if !images.is_empty() {
        doc.insert("image".into(), json!(images));
    }
    Value::Object(doc)
}

/// JSON that can sit inside `<script>`: `<`, `>` and `&` written as `\u` escapes,
/// so no text in the story can close the element. JSON only has these characters
/// inside strings, where the escapes mean the same.
pub fn script_safe_json(value: &Value) -> String {
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

    #[test]
    fn nothing_in_the_story_closes_the_script() {
        let mut s = Story::new("</script><script>alert(1)</script> & more");
        s.standfirst = "<!-- a <b>deck</b>".into();
        let text = script_safe_json(&json_ld(&s, "en", &[], s.word_count()));
        assert!(!text.contains(['<', '>', '&']), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back["headline"], json!(s.headline));
        assert_eq!(back["abstract"], json!(s.standfirst));
    }
}
