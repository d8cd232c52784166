//! Arc XP ANS 0.10.12 story JSON: headlines, label (the kicker), credits, the
//! hero as `promo_items.basic`, the body as typed content elements, related
//! links as a `link_list` and as `related_content`.
//!
//! Internal notes never go to `editor_note`: in ANS that field is public.
//!
//! ANS consumers set headlines, subheadlines, descriptions, captions, text
//! elements and the text of interstitial links as HTML, so the story's plain
//! text is HTML-escaped there; the plain-text fields (label, credits, alt
//! text) are left as typed.

use std::io::Write;

use pulldown_cmark::{CodeBlockKind, Event, Tag};
use serde_json::{json, Map, Value};

use super::{slug, ExportError, ExportOptions};
use crate::render::markdown::{self, blocks, to_html, Block, BlockKind, Body};
use crate::render::{dateline_text, escape_html, sanitize, web_link};
use crate::{Media, Story};

/// The ANS version written.
pub const ANS_VERSION: &str = "0.10.12";

/// ANS allows at most this many links in one `link_list`.
const LINK_LIST_MAX: usize = 10;

/// The story as an ANS object.
pub fn to_ans(story: &Story, opts: &ExportOptions<'_>) -> Value {
    let story = &*crate::render::for_export(story);
    let mut doc = Map::new();
    doc.insert("type".into(), json!("story"));
    doc.insert("version".into(), json!(ANS_VERSION));
    doc.insert("_id".into(), json!(story.id.to_string()));
    let lang = crate::text::clean(opts.lang.trim());
    if !lang.is_empty() {
        doc.insert("language".into(), json!(lang));
    }
    doc.insert("slug".into(), json!(slug(story)));
    doc.insert("status".into(), json!(story.status.as_str()));
    doc.insert("created_date".into(), json!(story.created_at.to_rfc3339()));
    doc.insert(
        "last_updated_date".into(),
        json!(story.updated_at.to_rfc3339()),
    );
    if let Some(t) = story.publish_at {
        doc.insert("display_date".into(), json!(t.to_rfc3339()));
    }

    let mut headlines = Map::new();
    headlines.insert("basic".into(), json!(escape_html(&story.headline)));
    for (key, value) in [
        ("meta_title", &story.headlines.seo),
        ("social", &story.headlines.social),
        ("print", &story.headlines.print),
    ] {
        if !value.trim().is_empty() {
            headlines.insert(key.into(), json!(escape_html(value)));
        }
    }
    doc.insert("headlines".into(), Value::Object(headlines));
    if !story.standfirst.trim().is_empty() {
        doc.insert(
            "subheadlines".into(),
            json!({"basic": escape_html(&story.standfirst)}),
        );
    }
    let description = crate::render::summary(story);
    if !description.is_empty() {
        doc.insert(
            "description".into(),
            json!({"basic": escape_html(description)}),
        );
    }
    if !story.kicker.trim().is_empty() {
        doc.insert(
            "label".into(),
            json!({"basic": {"text": story.kicker, "display": true}}),
        );
    }
    let by: Vec<Value> = story
        .bylines
        .iter()
        .filter(|b| !b.name.trim().is_empty())
        .map(|b| {
            let mut author = Map::new();
            author.insert("type".into(), json!("author"));
            author.insert("name".into(), json!(b.name.trim()));
            if !b.role.trim().is_empty() {
                author.insert("role".into(), json!(b.role.trim()));
            }
            if let Some(url) = web_link(b.url.as_deref()) {
                author.insert("url".into(), json!(url));
            }
            Value::Object(author)
        })
        .collect();
    if !by.is_empty() {
        doc.insert("credits".into(), json!({ "by": by }));
    }
    if !story.dateline.place.trim().is_empty() {
        doc.insert("location".into(), json!(story.dateline.place.trim()));
    }
    let taxonomy = taxonomy(story);
    if !taxonomy.is_empty() {
        doc.insert("taxonomy".into(), Value::Object(taxonomy));
    }
    if let Some(i) = story.media.iter().position(|m| m.hero) {
        doc.insert(
            "promo_items".into(),
            json!({"basic": image(story, i, &story.media[i], opts)}),
        );
    }

    let mut elements = body_elements(story, opts);
    elements.extend(
        story
            .media
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.hero)
            .map(|(i, m)| image(story, i, m, opts)),
    );
    elements.extend(link_lists(story));
    doc.insert("content_elements".into(), Value::Array(elements));

    let related: Vec<Value> = story
        .related
        .iter()
        .filter(|r| !r.title.trim().is_empty() || web_link(Some(&r.url)).is_some())
        .map(|r| {
            let mut item = Map::new();
            item.insert("type".into(), json!("story"));
            item.insert("version".into(), json!(ANS_VERSION));
            item.insert("headlines".into(), json!({"basic": escape_html(&r.title)}));
            if !r.summary.trim().is_empty() {
                item.insert(
                    "description".into(),
                    json!({"basic": escape_html(&r.summary)}),
                );
            }
            if let Some(url) = web_link(Some(&r.url)) {
                item.insert("canonical_url_external".into(), json!(url));
            }
            Value::Object(item)
        })
        .collect();
    if !related.is_empty() {
        doc.insert("related_content".into(), json!({ "basic": related }));
    }
    let corrections: Vec<Value> = story
        .corrections
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .map(|c| {
            json!({
                "type": "correction",
                "correction_type": c.kind.as_str(),
                "text": format!("{} ({})", c.text.trim(), crate::render::display_date(c.at)),
            })
        })
        .collect();
    if !corrections.is_empty() {
        doc.insert("corrections".into(), Value::Array(corrections));
    }
    Value::Object(doc)
}

/// Writes the ANS JSON, pretty-printed, into `out`.
pub fn write_ans(
    story: &Story,
    opts: &ExportOptions<'_>,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    serde_json::to_writer_pretty(&mut *out, &to_ans(story, opts))?;
    out.write_all(b"\n")?;
    Ok(())
}

fn taxonomy(story: &Story) -> Map<String, Value> {
    let mut taxonomy = Map::new();
    let tags: Vec<Value> = story
        .tags
        .iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| json!({"text": t.trim(), "slug": slug::slugify(t)}))
        .collect();
    if !tags.is_empty() {
        taxonomy.insert("tags".into(), Value::Array(tags));
    }
    if !story.section.trim().is_empty() {
        let section = json!({
            "type": "section",
            "version": ANS_VERSION,
            "_id": format!("/{}", slug::slugify(&story.section)),
            "name": story.section.trim(),
        });
        taxonomy.insert("primary_section".into(), section.clone());
        taxonomy.insert("sections".into(), json!([section]));
    }
    if !story.focus_keyphrase.trim().is_empty() {
        taxonomy.insert("seo_keywords".into(), json!([story.focus_keyphrase.trim()]));
    }
    taxonomy
}

/// An ANS image: caption, alt text and credit in their own fields, usage rights
/// kept in `additional_properties` (ANS has no field for them).
fn image(story: &Story, index: usize, media: &Media, opts: &ExportOptions<'_>) -> Value {
    let mut image = Map::new();
    image.insert("type".into(), json!("image"));
    image.insert("version".into(), json!(ANS_VERSION));
    image.insert("_id".into(), json!(media.id.to_string()));
    if let Some(url) = opts.picture_url(story, index) {
        image.insert("url".into(), json!(url));
    }
    if !media.caption.trim().is_empty() {
        image.insert("caption".into(), json!(escape_html(&media.caption)));
    }
    if !media.alt_text.trim().is_empty() {
        image.insert("alt_text".into(), json!(media.alt_text));
    }
    if !media.credit.trim().is_empty() {
        image.insert(
            "credits".into(),
            json!({"by": [{"type": "author", "name": media.credit.trim()}]}),
        );
    }
    if !media.rights.trim().is_empty() {
        image.insert(
            "additional_properties".into(),
            json!({"rights": media.rights}),
        );
    }
    Value::Object(image)
}

/// The events between a block's opening and closing events.
fn inside<'e, 'a>(events: &'e [Event<'a>], block: &Block) -> &'e [Event<'a>] {
    events
        .get(block.range.start + 1..block.range.end.saturating_sub(1))
        .unwrap_or_default()
}

/// Inline HTML between a block's opening and closing events, sanitised.
fn inner_html(events: &[Event<'_>], block: &Block) -> String {
    sanitize(&to_html(inside(events, block).iter().cloned()))
        .trim_end()
        .to_owned()
}

fn block_html(events: &[Event<'_>], block: &Block) -> String {
    let all = events.get(block.range.clone()).unwrap_or_default();
    sanitize(&to_html(all.iter().cloned())).trim().to_owned()
}

fn text(content: String) -> Value {
    json!({"type": "text", "content": content})
}

fn raw_html(content: String) -> Option<Value> {
    (!content.is_empty()).then(|| json!({"type": "raw_html", "content": content}))
}

/// The body as ANS content elements, one per top-level block.
fn body_elements(story: &Story, opts: &ExportOptions<'_>) -> Vec<Value> {
    let dateline = dateline_text(story, &opts.dateline_separator);
    let (whole, _) = crate::text::flatten_markers(&story.body);
    // Past the marks a page is rendered with, the rest is plain paragraphs.
    let (markdown, rest) = markdown::split_marks(&whole);
    let mut out = Vec::new();
    // A block at a time, where the body has no footnotes.
    if let Some(lead_last) = markdown::each_block(markdown, dateline.as_deref(), |events| {
        block_elements(events, &mut out)
    }) {
        if lead_last {
            out.rotate_right(1);
        }
    } else {
        let body = Body::parse(markdown, dateline.as_deref());
        block_elements(&body.main, &mut out);
        if !body.notes.is_empty() {
            let mut html = String::from("<div class=\"footnotes\">\n");
            html.push_str(&to_html(body.notes.iter().cloned()));
            html.push_str("</div>\n");
            out.extend(raw_html(sanitize(&html).trim().to_owned()));
        }
    }
    // The rest as one piece of plain paragraphs.
    let mut plain = String::new();
    markdown::plain_html(rest, &mut plain);
    out.extend(raw_html(plain.trim_end().to_owned()));
    out
}

/// The content elements of the top-level blocks in `events`.
fn block_elements(events: &[Event<'_>], out: &mut Vec<Value>) {
    for block in blocks(events) {
        let element = match block.kind {
            BlockKind::Paragraph => Some(text(inner_html(events, &block))),
            BlockKind::Heading(level) => Some(json!({
                "type": "header",
                "level": level,
                "content": inner_html(events, &block),
            })),
            BlockKind::Quote => quote(events, &block),
            BlockKind::List { ordered } => list(events, &block, ordered),
            BlockKind::Code => Some(code(events, &block)),
            BlockKind::Rule => Some(json!({"type": "divider"})),
            BlockKind::Other => raw_html(block_html(events, &block)),
        };
        out.extend(element);
    }
}

/// A block quote: its paragraphs as text elements, anything else as HTML.
fn quote(events: &[Event<'_>], block: &Block) -> Option<Value> {
    let inner = inside(events, block);
    let elements: Vec<Value> = blocks(inner)
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Paragraph => Some(text(inner_html(inner, b))),
            _ => raw_html(block_html(inner, b)),
        })
        .collect();
    (!elements.is_empty())
        .then(|| json!({"type": "quote", "subtype": "blockquote", "content_elements": elements}))
}

/// A list of simple items as an ANS list; a list with nested lists or several
/// paragraphs to an item is kept whole as HTML.
fn list(events: &[Event<'_>], block: &Block, ordered: bool) -> Option<Value> {
    let inner = inside(events, block);
    let mut items = Vec::new();
    for item in blocks(inner) {
        let content = inside(inner, &item);
        let nested = blocks(content);
        let simple_inline = content
            .iter()
            .all(|e| !matches!(e, Event::Start(t) if is_block(t)));
        let html = if simple_inline {
            sanitize(&to_html(content.iter().cloned()))
                .trim_end()
                .to_owned()
        } else if let [only] = nested.as_slice() {
            if only.kind != BlockKind::Paragraph {
                return raw_html(block_html(events, block));
            }
            inner_html(content, only)
        } else {
            return raw_html(block_html(events, block));
        };
        items.push(text(html));
    }
    Some(json!({
        "type": "list",
        "list_type": if ordered { "ordered" } else { "unordered" },
        "items": items,
    }))
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
    )
}

fn code(events: &[Event<'_>], block: &Block) -> Value {
    let mut language = "plaintext".to_owned();
    let mut content = String::new();
    for event in events.get(block.range.clone()).unwrap_or_default() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                if let Some(lang) = info.split_whitespace().next() {
                    language = lang.to_owned();
                }
            }
            Event::Text(t) => content.push_str(t),
            _ => {}
        }
    }
    json!({"type": "code", "language": language, "content": content})
}

/// "Related" as link lists of at most ten links each; a link still without
/// an address is a line of text.
fn link_lists(story: &Story) -> Vec<Value> {
    let items: Vec<Value> = story
        .related
        .iter()
        .filter(|r| !r.title.trim().is_empty() || web_link(Some(&r.url)).is_some())
        .map(|r| {
            let title = if r.title.trim().is_empty() {
                &r.url
            } else {
                &r.title
            };
            match web_link(Some(&r.url)) {
                Some(url) => {
                    let mut link = Map::new();
                    link.insert("type".into(), json!("interstitial_link"));
                    link.insert("url".into(), json!(url));
                    // Shown as HTML, like every other text element.
                    link.insert("content".into(), json!(escape_html(title)));
                    if !r.summary.trim().is_empty() {
                        link.insert("description".into(), text(escape_html(&r.summary)));
                    }
                    Value::Object(link)
                }
                None => text(escape_html(title)),
            }
        })
        .collect();
    items
        .chunks(LINK_LIST_MAX)
        .map(|chunk| json!({"type": "link_list", "title": "Related", "items": chunk}))
        .collect()
}
