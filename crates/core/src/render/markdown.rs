//! The story body as Markdown events, prepared once for every output: heading
//! ids, footnotes gathered at the end, the dateline leading the first paragraph.
//!
//! Everything that turns these events into HTML goes through [`super::sanitize`]
//! afterwards; nothing here decides what is safe.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The Markdown the desk writes: CommonMark with tables, footnotes,
/// strikethrough, smart punctuation and `{#id}` on headings.
pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_SMART_PUNCTUATION)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// Longest heading or footnote id, so a runaway heading cannot make a huge anchor.
const MAX_ID: usize = 60;

/// The body, ready to render: the running text, then the footnotes.
pub(crate) struct Body<'a> {
    pub main: Vec<Event<'a>>,
    pub notes: Vec<Event<'a>>,
}

impl<'a> Body<'a> {
    /// Parses `markdown`; `dateline` ("KABUL –") is set in front of the first
    /// paragraph of running text.
    pub fn parse(markdown: &'a str, dateline: Option<&str>) -> Self {
        let mut ids = Ids::default();
        // The template's own anchor must not be taken by a subhead.
        ids.used.insert("related-heading".to_owned());
        let mut main = Vec::new();
        let mut notes = Vec::new();
        let mut heading: Option<Vec<Event<'a>>> = None;
        let mut note_depth = 0usize;
        let mut depth = 0usize;
        let mut dateline = dateline.filter(|d| !d.trim().is_empty());

        for event in Parser::new_ext(markdown, OPTIONS) {
            let event = match event {
                Event::FootnoteReference(label) => Event::FootnoteReference(ids.note(&label)),
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    note_depth += 1;
                    notes.push(Event::Start(Tag::FootnoteDefinition(ids.note(&label))));
                    continue;
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    note_depth = note_depth.saturating_sub(1);
                    notes.push(event);
                    continue;
                }
                // A page has one h1, the headline: a `#` subhead becomes an h2.
                Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
                other => other,
            };
            if note_depth > 0 {
                notes.push(event);
                continue;
            }
            // Headings wait for their text, which their id is made from.
            if let Some(buffer) = heading.as_mut() {
                let done = matches!(event, Event::End(TagEnd::Heading(_)));
                buffer.push(event);
                if done {
                    let buffer = std::mem::take(buffer);
                    heading = None;
                    main.extend(ids.heading(buffer));
                    depth = depth.saturating_sub(1);
                }
                continue;
            }
            match &event {
                Event::Start(Tag::Heading { .. }) => {
                    depth += 1;
                    heading = Some(vec![event]);
                    continue;
                }
                Event::Start(Tag::Paragraph) if depth == 0 => {
                    depth += 1;
                    main.push(event);
                    if let Some(text) = dateline.take() {
                        main.extend(dateline_events(text));
                    }
                    continue;
                }
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            main.push(event);
        }
        // A body with no paragraph of its own still gets its dateline, first.
        if let Some(text) = dateline {
            if !main.is_empty() {
                let mut lead = vec![Event::Start(Tag::Paragraph)];
                lead.extend(dateline_events(text));
                lead.push(Event::End(TagEnd::Paragraph));
                main.splice(0..0, lead);
            }
        }
        number_notes(&mut main, &mut notes);
        Body { main, notes }
    }

    /// Every event in reading order, footnotes in a closing section.
    pub fn events(&self) -> impl Iterator<Item = Event<'a>> + '_ {
        let (open, close) = if self.notes.is_empty() {
            (None, None)
        } else {
            (
                Some(Event::Html(CowStr::Borrowed("<div class=\"footnotes\">\n"))),
                Some(Event::Html(CowStr::Borrowed("</div>\n"))),
            )
        };
        self.main
            .iter()
            .cloned()
            .chain(open)
            .chain(self.notes.iter().cloned())
            .chain(close)
    }

    /// Unsanitised HTML of the whole body; callers sanitise it.
    pub fn raw_html(&self) -> String {
        let mut html = String::with_capacity(self.main.len() * 24);
        pulldown_cmark::html::push_html(&mut html, self.events());
        html
    }
}

/// Writes footnote marks and labels with their numbers fixed here, by first
/// mention, so that every piece of the body rendered on its own (an ANS text
/// element, the footnotes block) shows the same numbers as the whole page.
/// Ids are already `[a-z0-9-]`, safe to write as they are.
fn number_notes<'a>(main: &mut [Event<'a>], notes: &mut [Event<'a>]) {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut number = |id: &str| {
        let next = numbers.len() + 1;
        *numbers.entry(id.to_owned()).or_insert(next)
    };
    for event in main.iter_mut().chain(notes.iter_mut()) {
        *event = match event {
            Event::FootnoteReference(id) => Event::InlineHtml(CowStr::from(format!(
                "<sup class=\"footnote-reference\"><a href=\"#{id}\">{}</a></sup>",
                number(id)
            ))),
            Event::Start(Tag::FootnoteDefinition(id)) => Event::Html(CowStr::from(format!(
                "<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-definition-label\">{}</sup>",
                number(id)
            ))),
            Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::Borrowed("</div>\n")),
            _ => continue,
        };
    }
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        other => other,
    }
}

/// The dateline as inline events: a span the stylesheet can set in small capitals.
fn dateline_events<'a>(text: &str) -> [Event<'a>; 4] {
    [
        Event::InlineHtml(CowStr::Borrowed("<span class=\"dateline\">")),
        Event::Text(CowStr::from(text.to_owned())),
        Event::InlineHtml(CowStr::Borrowed("</span>")),
        Event::Text(CowStr::Borrowed(" ")),
    ]
}

/// Hands out ids that are unique on the page and safe in any attribute:
/// only `[a-z0-9-]`.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    /// The next number to try after each base, so a thousand subheads with
    /// the same text take linear time, not a search from 2 for each.
    next: HashMap<String, usize>,
    notes: HashMap<String, CowStr<'static>>,
}

impl Ids {
    fn unique(&mut self, base: &str, fallback: &str) -> String {
        let mut base = slug::slugify(base);
        if base.len() > MAX_ID {
            base = super::prefix(&base, MAX_ID)
                .trim_end_matches('-')
                .to_owned();
        }
        if base.is_empty() {
            base = fallback.to_owned();
        }
        let mut id = base.clone();
        if self.used.contains(&id) {
            let n = self.next.entry(base.clone()).or_insert(2);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !self.used.contains(&id) {
                    break;
                }
            }
        }
        self.used.insert(id.clone());
        id
    }

    /// The id of a footnote, the same for its references and its definition.
    fn note<'a>(&mut self, label: &str) -> CowStr<'a> {
        let key = label.to_lowercase();
        if let Some(id) = self.notes.get(&key) {
            return id.clone();
        }
        let id = CowStr::from(self.unique(&format!("fn-{label}"), "fn"));
        self.notes.insert(key, id.clone());
        id
    }

    /// A buffered heading with its id set (from `{#id}` or its text) and any
    /// other attributes dropped.
    fn heading<'a>(&mut self, mut events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        let text: String = events
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        if let Some(Event::Start(Tag::Heading { level, id, .. })) = events.first() {
            let wanted = id.as_deref().unwrap_or(&text).to_owned();
            let level = demote(*level);
            let id = self.unique(&wanted, "section");
            events[0] = Event::Start(Tag::Heading {
                level,
                id: Some(CowStr::from(id)),
                classes: Vec::new(),
                attrs: Vec::new(),
            });
        }
        events
    }
}

/// One top-level block of the running text, as a range of `Body::main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Paragraph,
    Heading(u8),
    Quote,
    List {
        ordered: bool,
    },
    Code,
    Rule,
    /// Tables, raw HTML and anything else carried as HTML.
    Other,
}

pub(crate) struct Block {
    pub kind: BlockKind,
    pub range: std::ops::Range<usize>,
}

/// Splits events into their top-level blocks.
pub(crate) fn blocks(events: &[Event<'_>]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    let mut kind = BlockKind::Other;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    start = i;
                    kind = match tag {
                        Tag::Paragraph => BlockKind::Paragraph,
                        Tag::Heading { level, .. } => BlockKind::Heading(*level as u8),
                        Tag::BlockQuote(_) => BlockKind::Quote,
                        Tag::List(first) => BlockKind::List {
                            ordered: first.is_some(),
                        },
                        Tag::CodeBlock(_) => BlockKind::Code,
                        _ => BlockKind::Other,
                    };
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push(Block {
                        kind,
                        range: start..i + 1,
                    });
                }
            }
            Event::Rule if depth == 0 => out.push(Block {
                kind: BlockKind::Rule,
                range: i..i + 1,
            }),
            _ if depth == 0 => out.push(Block {
                kind: BlockKind::Other,
                range: i..i + 1,
            }),
            _ => {}
        }
    }
    out
}

/// Renders events to (unsanitised) HTML.
pub(crate) fn to_html<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str, dateline: Option<&str>) -> String {
        Body::parse(md, dateline).raw_html()
    }

    #[test]
    fn headings_get_unique_safe_ids() {
        let out = html(
            "# Top\n\n## Top\n\n## The \"vote\" {#My_Id}\n\n## !!!\n",
            None,
        );
        assert!(out.contains("<h2 id=\"top\">Top</h2>"), "{out}");
        assert!(out.contains("<h2 id=\"top-2\">Top</h2>"), "{out}");
        assert!(out.contains("<h2 id=\"my-id\">"), "{out}");
        assert!(out.contains("<h2 id=\"section\">"), "{out}");
    }

    #[test]
    fn dateline_leads_the_first_top_level_paragraph() {
        let out = html("> quoted\n\nFirst.\n\nSecond.", Some("KABUL –"));
        assert!(
            out.contains("<p><span class=\"dateline\">KABUL –</span> First.</p>"),
            "{out}"
        );
        assert!(out.contains("<blockquote>\n<p>quoted</p>"), "{out}");
        let only_heading = html("## Only a subhead", Some("ROME –"));
        assert!(only_heading.starts_with("<p><span class=\"dateline\">ROME –"));
        assert_eq!(html("", Some("ROME –")), "");
    }

    #[test]
    fn footnotes_move_to_the_end_with_matching_ids() {
        let out = html("Claim.[^Src]\n\n[^src]: The source.\n\nMore text.", None);
        let end = out.find("More text.").unwrap_or_default();
        let note = out.find("footnote-definition").unwrap_or_default();
        assert!(note > end, "{out}");
        assert!(out.contains("href=\"#fn-src\""), "{out}");
        // Numbered by first mention, even when defined in another order.
        let two = html(
            "A.[^b] B.[^a]\n\n[^a]: First defined.\n[^b]: Second defined.",
            None,
        );
        let first = two.find(">1</sup>").unwrap_or_default();
        assert!(two[first..].contains("Second defined."), "{two}");
        assert!(out.contains("id=\"fn-src\""), "{out}");
    }

    #[test]
    fn blocks_follow_the_top_level() {
        let body = Body::parse("## A\n\nP.\n\n> q\n\n- i\n\n---\n\n```\nc\n```", None);
        let kinds: Vec<_> = blocks(&body.main).into_iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(2),
                BlockKind::Paragraph,
                BlockKind::Quote,
                BlockKind::List { ordered: false },
                BlockKind::Rule,
                BlockKind::Code
            ]
        );
    }
}
