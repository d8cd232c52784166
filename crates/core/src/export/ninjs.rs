//! IPTC ninjs 2.2 (News in JSON): headlines and descriptions by role, the body
//! as HTML and as plain text, pictures and related stories as associations.
//!
//! ninjs has no link and no alt-text field: alt text is a picture description
//! with role `alt`, and a related story's web address is its `uri` plus a
//! `text/html` rendition.

use std::io::Write;

use serde_json::{json, Map, Value};

use super::{slug, ExportError, ExportOptions};
use crate::render::plain::html_to_text;
use crate::render::{by_line, web_link};
use crate::{Media, Status, Story};

/// Where the schema this output follows lives.
pub const SCHEMA_URI: &str = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json";

/// The story as a ninjs object.
pub fn to_ninjs(story: &Story, opts: &ExportOptions<'_>) -> Value {
    let story = &*crate::render::for_export(story);
    let mut doc = Map::new();
    doc.insert("uri".into(), json!(story_uri(story)));
    doc.insert(
        "standard".into(),
        json!({"name": "ninjs", "version": "2.2", "schema": SCHEMA_URI}),
    );
    doc.insert("type".into(), json!("text"));
    doc.insert("representationtype".into(), json!("full"));
    doc.insert("version".into(), json!(story.version.to_string()));
    doc.insert("firstcreated".into(), json!(story.created_at.to_rfc3339()));
    doc.insert(
        "versioncreated".into(),
        json!(story.updated_at.to_rfc3339()),
    );
    doc.insert("pubstatus".into(), json!(pubstatus(story.status)));
    let lang = crate::text::clean(opts.lang.trim());
    if !lang.is_empty() {
        doc.insert("language".into(), json!(lang));
    }
    doc.insert("slugline".into(), json!(slug(story)));

    let mut headlines = vec![role_value("main", &story.headline)];
    for (role, value) in [
        ("seo", &story.headlines.seo),
        ("social", &story.headlines.social),
        ("print", &story.headlines.print),
        ("kicker", &story.kicker),
    ] {
        if !value.trim().is_empty() {
            headlines.push(role_value(role, value));
        }
    }
    doc.insert("headlines".into(), Value::Array(headlines));

    let mut descriptions: Vec<Value> = [
        ("summary", &story.standfirst),
        ("seo", &story.meta_description),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(role, value)| role_value(role, value))
    .collect();
    // Corrections and updates are public: descriptions by their kind.
    descriptions.extend(
        story
            .corrections
            .iter()
            .filter(|c| !c.text.trim().is_empty())
            .map(|c| {
                role_value(
                    c.kind.as_str(),
                    &format!(
                        "{}, {}: {}",
                        c.kind.label(),
                        crate::render::display_date(c.at),
                        c.text.trim()
                    ),
                )
            }),
    );
    if let Some(t) = story.embargo_until {
        doc.insert("embargoed".into(), json!(t.to_rfc3339()));
    }
    if !descriptions.is_empty() {
        doc.insert("descriptions".into(), Value::Array(descriptions));
    }

    let crate::render::RenderedBody { html, words, .. } =
        crate::render::render_body(story, &opts.dateline_separator);
    let text = html_to_text(&html);
    let chars = text.chars().count();
    doc.insert(
        "bodies".into(),
        json!([
            {"role": "main", "contenttype": "text/html", "charcount": chars, "wordcount": words, "value": html},
            {"role": "main", "contenttype": "text/plain", "charcount": chars, "wordcount": words, "value": text},
        ]),
    );

    let by = by_line(story);
    if !by.is_empty() {
        doc.insert("by".into(), json!(by));
    }
    let people: Vec<Value> = story
        .bylines
        .iter()
        .filter(|b| !b.name.trim().is_empty())
        .map(|b| {
            let mut person = Map::new();
            person.insert("name".into(), json!(b.name.trim()));
            person.insert("rel".into(), json!("author"));
            if let Some(url) = web_link(b.url.as_deref()) {
                person.insert("uri".into(), json!(url));
            }
            Value::Object(person)
        })
        .collect();
    if !people.is_empty() {
        doc.insert("people".into(), Value::Array(people));
    }
    if !story.dateline.place.trim().is_empty() {
        doc.insert("located".into(), json!(story.dateline.place.trim()));
    }
    let mut subjects: Vec<Value> = story
        .tags
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| json!({"name": t.trim(), "rel": "tag"}))
        .collect();
    if !story.section.trim().is_empty() {
        subjects.insert(0, json!({"name": story.section.trim(), "rel": "section"}));
    }
    if !subjects.is_empty() {
        doc.insert("subjects".into(), Value::Array(subjects));
    }

    let mut associations: Vec<Value> = story
        .media
        .iter()
        .enumerate()
        .map(|(i, m)| picture(story, i, m, opts))
        .collect();
    associations.extend(story.related.iter().enumerate().map(|(i, r)| {
        let mut item = Map::new();
        item.insert("name".into(), json!(format!("related-{}", i + 1)));
        let url = web_link(Some(&r.url));
        // A related story still being found has no address yet: it gets a
        // stable name of its own rather than a made-up web link.
        let uri = url
            .clone()
            .unwrap_or_else(|| format!("urn:dateline:related:{}:{}", story.id, i + 1));
        item.insert("uri".into(), json!(uri));
        item.insert("type".into(), json!("text"));
        item.insert("headlines".into(), json!([role_value("main", &r.title)]));
        if !r.summary.trim().is_empty() {
            item.insert(
                "descriptions".into(),
                json!([role_value("summary", &r.summary)]),
            );
        }
        if let Some(url) = url {
            item.insert(
                "renditions".into(),
                json!([{"name": "web", "href": url, "contenttype": "text/html"}]),
            );
        }
        Value::Object(item)
    }));
    if !associations.is_empty() {
        doc.insert("associations".into(), Value::Array(associations));
    }
    Value::Object(doc)
}

/// Writes the ninjs JSON, pretty-printed, into `out`.
pub fn write_ninjs(
    story: &Story,
    opts: &ExportOptions<'_>,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    serde_json::to_writer_pretty(&mut *out, &to_ninjs(story, opts))?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The story's global identifier: its UUID as a URN.
pub fn story_uri(story: &Story) -> String {
    format!("urn:uuid:{}", story.id)
}

fn pubstatus(status: Status) -> &'static str {
    match status {
        Status::Ready | Status::Exported => "usable",
        Status::Draft | Status::InReview => "withheld",
        Status::Spiked => "canceled",
    }
}

fn role_value(role: &str, value: &str) -> Value {
    json!({"role": role, "value": value})
}

/// A picture association: caption, credit and alt text as descriptions with
/// roles, usage rights as `usageterms`, the file as a rendition.
fn picture(story: &Story, index: usize, media: &Media, opts: &ExportOptions<'_>) -> Value {
    let mut item = Map::new();
    let name = if media.hero {
        "featureimage".to_owned()
    } else {
        format!("picture-{}", index + 1)
    };
    item.insert("name".into(), json!(name));
    item.insert("uri".into(), json!(format!("urn:uuid:{}", media.id)));
    item.insert("type".into(), json!("picture"));
    let descriptions: Vec<Value> = [
        ("caption", &media.caption),
        ("creditline", &media.credit),
        ("alt", &media.alt_text),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(role, value)| role_value(role, value))
    .collect();
    if !descriptions.is_empty() {
        item.insert("descriptions".into(), Value::Array(descriptions));
    }
    if !media.credit.trim().is_empty() {
        item.insert("by".into(), json!(media.credit.trim()));
    }
    if !media.rights.trim().is_empty() {
        item.insert("usageterms".into(), json!(media.rights.trim()));
    }
    if let Some(file) = &media.file {
        let mut rendition = Map::new();
        rendition.insert("name".into(), json!("original"));
        // `href` must be a full URI; without a published address the file is
        // named by its `title`, the name it is written under beside the export.
        match opts.absolute_picture_url(story, index) {
            Some(url) => {
                rendition.insert("href".into(), json!(url));
            }
            None => {
                if let Some(name) = super::picture_file_name(story, index) {
                    rendition.insert("title".into(), json!(name));
                }
            }
        }
        rendition.insert("contenttype".into(), json!(file.mime));
        rendition.insert("sizeinbytes".into(), json!(file.size));
        item.insert("renditions".into(), json!([Value::Object(rendition)]));
    }
    Value::Object(item)
}
