//! The story body as Markdown events, prepared once for every output: heading
//! ids, footnotes gathered at the end, the dateline leading the first paragraph.
//!
//! Everything that turns these events into HTML goes through [`super::sanitize`]
//! afterwards; nothing here decides what is safe.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The Markdown the desk writes ([`crate::text::MARKDOWN`]).
pub(crate) const OPTIONS: Options = crate::text::MARKDOWN;

/// Longest heading or footnote id, so a runaway heading cannot make a huge anchor.
const MAX_ID: usize = 60;

/// The body, ready to render: the running text, then the footnotes.
pub(crate) struct Body<'a> {
    pub main: Vec<Event<'a>>,
    pub notes: Vec<Event<'a>>,
    /// The words a reader sees, counted as [`crate::words::count_words`] does.
    pub words: usize,
}

/// Where a shaped event belongs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Main,
    Note,
}

/// The events of a body as every output takes them: heading ids set from
/// their text, `#` subheads demoted (a page has one h1, the headline), the
/// dateline at the start of the first paragraph of running text, footnote
/// ids made unique, and the words counted on the way. Yields each event
/// with where it belongs; one pass, holding back only a heading's events
/// until its end.
struct Shaper<'a> {
    parser: Parser<'a>,
    ids: Ids,
    /// A heading waiting for its text, which its id is made from.
    heading: Option<Vec<Event<'a>>>,
    note_depth: usize,
    depth: usize,
    /// The dateline, until it is placed.
    dateline: Option<String>,
    words: crate::words::WordCounter,
    ready: std::collections::VecDeque<(Event<'a>, Part)>,
}

impl<'a> Shaper<'a> {
    fn new(markdown: &'a str, dateline: Option<&str>) -> Self {
        let mut ids = Ids::default();
        // The template's own anchor must not be taken by a subhead.
        ids.used.insert("related-heading".to_owned());
        Shaper {
            parser: Parser::new_ext(markdown, OPTIONS),
            ids,
            heading: None,
            note_depth: 0,
            depth: 0,
            dateline: dateline.filter(|d| !d.trim().is_empty()).map(str::to_owned),
            words: crate::words::WordCounter::default(),
            ready: std::collections::VecDeque::new(),
        }
    }

    /// Takes one event of the parser's, readying what it becomes.
    fn shape(&mut self, event: Event<'a>) {
        self.words.see(&event);
        let event = match event {
            Event::FootnoteReference(label) => Event::FootnoteReference(self.ids.note(&label)),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.note_depth += 1;
                let id = self.ids.note(&label);
                self.ready
                    .push_back((Event::Start(Tag::FootnoteDefinition(id)), Part::Note));
                return;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.note_depth = self.note_depth.saturating_sub(1);
                self.ready.push_back((event, Part::Note));
                return;
            }
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
            other => other,
        };
        if self.note_depth > 0 {
            self.ready.push_back((event, Part::Note));
            return;
        }
        if let Some(buffer) = self.heading.as_mut() {
            let done = matches!(event, Event::End(TagEnd::Heading(_)));
            buffer.push(event);
            if done {
                let buffer = std::mem::take(buffer);
                self.heading = None;
                let shaped = self.ids.heading(buffer);
                self.ready
                    .extend(shaped.into_iter().map(|e| (e, Part::Main)));
                self.depth = self.depth.saturating_sub(1);
            }
            return;
        }
        match &event {
            Event::Start(Tag::Heading { .. }) => {
                self.depth += 1;
                self.heading = Some(vec![event]);
                return;
            }
            Event::Start(Tag::Paragraph) if self.depth == 0 => {
                self.depth += 1;
                self.ready.push_back((event, Part::Main));
                if let Some(text) = self.dateline.take() {
                    self.ready
                        .extend(dateline_events(&text).map(|e| (e, Part::Main)));
                }
                return;
            }
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        self.ready.push_back((event, Part::Main));
    }

    /// The paragraph a body with no paragraph of its own gets its dateline
    /// in, first: called at the end, when nothing took the dateline.
    fn unplaced_dateline(&mut self) -> Option<[Event<'a>; 6]> {
        let text = self.dateline.take()?;
        let [a, b, c, d] = dateline_events(&text);
        Some([
            Event::Start(Tag::Paragraph),
            a,
            b,
            c,
            d,
            Event::End(TagEnd::Paragraph),
        ])
    }
}

impl<'a> Iterator for Shaper<'a> {
    type Item = (Event<'a>, Part);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(ready) = self.ready.pop_front() {
                return Some(ready);
            }
            let event = self.parser.next()?;
            self.shape(event);
        }
    }
}

impl<'a> Body<'a> {
    /// Parses `markdown`; `dateline` ("KABUL –") is set in front of the first
    /// paragraph of running text.
    pub fn parse(markdown: &'a str, dateline: Option<&str>) -> Self {
        // About one event per eight bytes of Markdown (fewer in plain
        // prose, more in dense markup): growing a long body's list step by
        // step would copy it a dozen times.
        let mut main = Vec::with_capacity(markdown.len() / 8 + 16);
        let mut notes = Vec::new();
        let mut shaper = Shaper::new(markdown, dateline);
        for (event, part) in shaper.by_ref() {
            match part {
                Part::Main => main.push(event),
                Part::Note => notes.push(event),
            }
        }
        // A body with no paragraph of its own still gets its dateline, first.
        if !main.is_empty() {
            if let Some(lead) = shaper.unplaced_dateline() {
                main.splice(0..0, lead);
            }
        }
        number_notes(&mut main, &mut notes);
        Body {
            main,
            notes,
            words: shaper.words.count(),
        }
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

/// The Markdown marks a body is rendered with: the characters that may
/// start a piece of markup (emphasis, code, links, tables, footnotes, raw
/// HTML, character references, smart quotes and dashes, and each line end,
/// where a heading, list item, quotation or rule may begin). Past them the
/// rest of the body is shown as plain paragraphs, every word kept
/// ([`super::RenderNotice::FormattingCapped`]). Ordinary prose carries one
/// every 35 characters or so, so only a body of more than about 700 KB of
/// prose (a novel) reaches them, or machine output that packs markup; each
/// costs up to a few microseconds to render (most in ANS, which takes every
/// block apart), so the bound holds any body to well under 100 ms.
pub const MAX_MARKS: usize = 20_000;

/// How far past the last mark a cut looks for the end of a paragraph or line.
const CUT_WITHIN: usize = 4_096;

/// `markdown` cut where it passes [`MAX_MARKS`]: the part rendered as
/// Markdown, and the rest (empty when nothing is cut), shown as plain text.
/// The cut falls at a blank line or line end within [`CUT_WITHIN`] bytes,
/// else at the next space, else (a body with no space after it) at the
/// mark itself.
pub(crate) fn split_marks(markdown: &str) -> (&str, &str) {
    let mut marks = 0usize;
    let past = markdown.bytes().position(|b| {
        if matches!(
            b,
            b'*' | b'_'
                | b'`'
                | b'['
                | b'|'
                | b'~'
                | b'\n'
                | b'#'
                | b'>'
                | b'<'
                | b'&'
                | b'"'
                | b'\''
                | b'-'
                | b'.'
                | b'^'
                | b'!'
        ) {
            marks += 1;
        }
        marks > MAX_MARKS
    });
    let Some(at) = past else {
        return (markdown, "");
    };
    let rest = &markdown[at..];
    // A paragraph or line that ends soon; else the next space.
    let mut near = rest.len().min(CUT_WITHIN);
    while !rest.is_char_boundary(near) {
        near -= 1;
    }
    let soon = &rest[..near];
    let cut = soon
        .find("\n\n")
        .or_else(|| soon.find('\n'))
        .or_else(|| rest.find(' '))
        .or_else(|| rest.find('\n'))
        // No space at all: at the mark itself.
        .unwrap_or(0);
    markdown.split_at(at + cut)
}

/// The paragraphs of the rest of a body past [`MAX_MARKS`], as text.
pub(crate) fn plain_rest(rest: &str) -> impl Iterator<Item = &str> {
    rest.split("\n\n").map(str::trim).filter(|b| !b.is_empty())
}

/// The rest of a body past [`MAX_MARKS`] as paragraphs of plain text, one
/// per blank-line-separated block: finished HTML, escaped as the sanitiser
/// escapes text, so it needs no sanitising. Returns its words.
pub(crate) fn plain_html(rest: &str, html: &mut String) -> usize {
    let mut words = crate::words::WordCounter::default();
    for block in plain_rest(rest) {
        html.push_str("<p>");
        super::sanitize::escape_text(html, block);
        html.push_str("</p>\n");
        words.see(&Event::Text(CowStr::Borrowed(block)));
        words.see(&Event::End(TagEnd::Paragraph));
    }
    words.count()
}

/// A body rendered to unsanitised HTML ([`raw_html`]).
pub(crate) struct RawBody<'m> {
    /// The body up to [`MAX_MARKS`], unsanitised.
    pub html: String,
    /// Its words.
    pub words: usize,
    /// The rest past [`MAX_MARKS`], for [`plain_html`]; empty when none.
    pub rest: &'m str,
}

/// Unsanitised HTML of the body, as [`Body::raw_html`] writes it, and its
/// word count, up to [`MAX_MARKS`]; the rest is handed back as it is. A
/// body without footnotes (whose numbers need the whole body first) is
/// written as it is parsed, never held as a list of events: a long body's
/// events take many times its own size.
pub(crate) fn raw_html<'m>(markdown: &'m str, dateline: Option<&str>) -> RawBody<'m> {
    let (markdown, rest) = split_marks(markdown);
    let (html, words) = if markdown.contains("[^") {
        let body = Body::parse(markdown, dateline);
        (body.raw_html(), body.words)
    } else {
        let mut html = String::with_capacity(markdown.len() + markdown.len() / 4 + 64);
        let mut shaper = Shaper::new(markdown, dateline);
        pulldown_cmark::html::push_html(&mut html, shaper.by_ref().map(|(event, _)| event));
        if !html.is_empty() {
            if let Some(lead) = shaper.unplaced_dateline() {
                let mut first = String::new();
                pulldown_cmark::html::push_html(&mut first, lead.into_iter());
                html.insert_str(0, &first);
            }
        }
        (html, shaper.words.count())
    };
    RawBody { html, words, rest }
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

/// Hands `each` the events of every top-level block of a body without
/// footnotes in turn, as [`Body::parse`] gives them, holding one block at a
/// time. `None` (and nothing handed) when the body has footnotes: their
/// numbers need the whole body first, so take [`Body::parse`]. `Some(true)`
/// when the last block handed is the dateline's own paragraph, which
/// belongs first (a body with no paragraph of its own).
pub(crate) fn each_block<'a>(
    markdown: &'a str,
    dateline: Option<&str>,
    mut each: impl FnMut(&[Event<'a>]),
) -> Option<bool> {
    if markdown.contains("[^") {
        return None;
    }
    let mut shaper = Shaper::new(markdown, dateline);
    let mut block: Vec<Event<'a>> = Vec::new();
    let mut depth = 0usize;
    let mut any = false;
    while let Some((event, _)) = shaper.next() {
        if depth == 0 && matches!(event, Event::Start(Tag::Paragraph)) {
            // A paragraph is handed over written: its inside as one piece
            // of HTML, as the HTML writer would write its events, so a
            // long one is never held as events.
            let mut inner = String::new();
            let mut level = 1usize;
            let inside = std::iter::from_fn(|| {
                let (event, _) = shaper.next()?;
                match &event {
                    Event::Start(_) => level += 1,
                    Event::End(_) => level -= 1,
                    _ => {}
                }
                (level > 0).then_some(event)
            });
            pulldown_cmark::html::push_html(&mut inner, inside);
            each(&[
                Event::Start(Tag::Paragraph),
                Event::Html(CowStr::from(inner)),
                Event::End(TagEnd::Paragraph),
            ]);
            any = true;
            continue;
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        block.push(event);
        if depth == 0 {
            each(&block);
            block.clear();
            any = true;
        }
    }
    if !block.is_empty() {
        each(&block);
        any = true;
    }
    if any {
        if let Some(lead) = shaper.unplaced_dateline() {
            each(&lead);
            return Some(true);
        }
    }
    Some(false)
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
    use proptest::prelude::*;

    fn html(md: &str, dateline: Option<&str>) -> String {
        Body::parse(md, dateline).raw_html()
    }

    /// The events `each_block` hands over, written as one page.
    fn streamed_blocks(md: &str, dateline: Option<&str>) -> Option<String> {
        let mut pieces: Vec<String> = Vec::new();
        let lead_last = each_block(md, dateline, |events| {
            pieces.push(to_html(events.iter().cloned()));
        })?;
        if lead_last {
            pieces.rotate_right(1);
        }
        Some(pieces.concat())
    }

    /// Bodies whose shapes the streamed paths must agree on with the whole
    /// body: headings (buffered for their ids), a body with no paragraph
    /// (its dateline goes first, found only at the end), quotes, lists,
    /// tables, code, raw HTML, and footnotes (which take the whole body).
    const SHAPES: &[&str] = &[
        "",
        "Plain words.",
        "# Top\n\nFirst *para*.\n\n## Top\n\nSecond [link](https://x.example).",
        "## Only a subhead",
        "- one\n- two\n\n> quote\n\n```rust\nfn x() {}\n```",
        "| a | b |\n|---|---|\n| *x* | `y` |\n\nAfter the table.",
        "<div>raw</div>\n\nText &amp; &lt;more&gt;\n\n---\n\nEnd.",
        "Text with a note[^a].\n\n[^a]: The note.\n\nMore text.",
        "> quote first\n\n- then a list",
    ];

    #[test]
    fn a_body_past_its_marks_is_cut_at_a_paragraph_else_a_line_else_a_space() {
        let under = "*".repeat(MAX_MARKS);
        assert_eq!(split_marks(&under), (under.as_str(), ""));
        let nowhere = "*".repeat(MAX_MARKS + 5);
        let (head, rest) = split_marks(&nowhere);
        assert_eq!(
            (head.len(), rest.len()),
            (MAX_MARKS, 5),
            "no space: at the mark"
        );
        let marks = "_".repeat(MAX_MARKS + 1);
        let paragraph = format!("{marks} a\nb\n\nrest");
        assert_eq!(split_marks(&paragraph).1, "\n\nrest");
        let line = format!("{marks} a\nrest");
        assert_eq!(split_marks(&line).1, "\nrest");
        let space = format!("{marks}x y");
        assert_eq!(split_marks(&space), (format!("{marks}x").as_str(), " y"));
        // A paragraph that goes on for long is cut at a space, not at its end.
        let long = format!("{marks}{}\n\nnote", " word".repeat(2_000));
        assert_eq!(split_marks(&long).1.len(), long.len() - marks.len());
        // The rest is plain paragraphs, escaped, every word counted.
        let source = format!("{marks}\n\n<b>bold</b> & *two*\n\nthree");
        let body = raw_html(&source, None);
        assert_eq!(body.rest, "\n\n<b>bold</b> & *two*\n\nthree");
        let mut html = String::new();
        assert_eq!(plain_html(body.rest, &mut html), 3);
        assert_eq!(
            html,
            "<p>&lt;b&gt;bold&lt;/b&gt; &amp; *two*</p>\n<p>three</p>\n"
        );
    }

    #[test]
    fn streamed_html_is_the_whole_bodys() {
        for md in SHAPES {
            for dateline in [None, Some("PORTMERE –")] {
                let body = Body::parse(md, dateline);
                let RawBody {
                    html: streamed,
                    words,
                    ..
                } = raw_html(md, dateline);
                assert_eq!(streamed, body.raw_html(), "{md:?} {dateline:?}");
                assert_eq!(words, body.words, "{md:?}");
                assert_eq!(words, crate::words::count_words(md), "{md:?}");
                match streamed_blocks(md, dateline) {
                    Some(blocks) => assert_eq!(blocks, body.raw_html(), "{md:?} {dateline:?}"),
                    None => assert!(md.contains("[^"), "only footnotes take the whole body"),
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn streamed_html_agrees_on_any_body(
            parts in proptest::collection::vec(
                prop::sample::select(vec![
                    "word ", "*em* ", "**strong** ", "`code` ", "[l](https://x.example) ",
                    "&amp; ", "&lt;b&gt; ", "<span>s</span> ", "\n", "\n\n", "# ", "## ",
                    "- ", "1. ", "> ", "| a | b |\n|---|---|\n", "---\n", "```\n",
                    "<div>", "</div>", "\\", "{#id} ",
                ]),
                0..40,
            ),
            dateline in prop::option::of(Just("KABUL –")),
        ) {
            let md = parts.concat();
            let body = Body::parse(&md, dateline);
            let RawBody { html: streamed, words, .. } = raw_html(&md, dateline);
            prop_assert_eq!(&streamed, &body.raw_html());
            prop_assert_eq!(words, crate::words::count_words(&md));
            prop_assert_eq!(streamed_blocks(&md, dateline), Some(body.raw_html()));
        }
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
