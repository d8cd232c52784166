//! What may reach a page: the one HTML sanitiser every output goes through, and
//! the checks on links and picture sources set by the template.
//!
//! The body is the reporter's Markdown, which may carry raw HTML pasted from
//! anywhere. Whatever it holds, the result has no scripts, no event handlers,
//! no `javascript:`/`data:` links and no frames, objects or forms.

use super::entities::ENTITIES;
use super::nesting::{self, closes_p, is_raw_text, is_space, is_void, Lower, Token, Tokens};

/// Tags kept from the body, in order for a binary search. The default list
/// of `ammonia` (the sanitiser this one replaced) minus what HTML5
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

/// The only schemes a link, picture or quotation source may have; relative
/// URLs may only be in-page anchors (footnotes, subheads): a relative path
/// would point into the app or the disk.
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Set on every link that keeps its `href`.
const LINK_REL: &str = "noopener noreferrer";

/// What an allowed attribute's value is, and so how it is checked.
#[derive(Clone, Copy, PartialEq)]
enum Value {
    /// Kept as it is (decoded, then escaped again).
    Plain,
    /// A URL: see [`allowed_url`].
    Url,
    /// Only the classes of [`CLASSES`].
    Class,
    /// Only `text-align`, the one inline style Markdown writes (tables).
    Style,
}

/// Which attributes `tag` may carry: `lang`, `title` and `dir` (which keeps
/// right-to-left passages readable) on any element, and a few of its own.
fn attribute(tag: &str, attr: &str) -> Option<Value> {
    Some(match (tag, attr) {
        (_, "lang" | "title" | "dir") => Value::Plain,
        ("a", "href") | ("img", "src") | ("blockquote" | "q" | "del" | "ins", "cite") => Value::Url,
        ("a", "hreflang")
        | ("img", "alt" | "width" | "height")
        | ("del" | "ins" | "time", "datetime")
        | ("data", "value")
        | ("ol", "start" | "reversed")
        | ("td" | "th", "colspan" | "rowspan" | "headers")
        | ("th", "scope")
        | ("col" | "colgroup", "span")
        | ("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "div", "id") => Value::Plain,
        ("td" | "th", "style") => Value::Style,
        ("span" | "div" | "sup", "class") => Value::Class,
        _ => return None,
    })
}

/// `true` for a URL a page may follow or load: an absolute URL with one of
/// [`URL_SCHEMES`], or an in-page anchor. `url` is the attribute's value with
/// character references decoded; any control character in it (a tab or line
/// break that a browser would skip, hiding `java\tscript:`) refuses it.
fn allowed_url(url: &str) -> bool {
    // What the URL parser strips from both ends.
    let url = url.trim_matches(|c: char| c <= ' ');
    if url.chars().any(char::is_control) {
        return false;
    }
    if url.starts_with('#') {
        return true;
    }
    url.split_once(':')
        .is_some_and(|(scheme, _)| URL_SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme)))
}

/// The classes of `value` that [`CLASSES`] allows on `tag`.
fn allowed_classes(tag: &str, value: &str) -> String {
    let allowed = CLASSES
        .iter()
        .find(|(t, _)| *t == tag)
        .map_or(&[][..], |(_, names)| names);
    let mut out = String::new();
    for class in value.split_ascii_whitespace() {
        if allowed.contains(&class) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(class);
        }
    }
    out
}

/// The `text-align` declarations of a `style` value, written as
/// `text-align:center`; any other property, or a value that is not a plain
/// keyword, goes.
fn allowed_style(value: &str) -> String {
    let mut out = String::new();
    for declaration in value.split(';') {
        let Some((property, keyword)) = declaration.split_once(':') else {
            continue;
        };
        let keyword = keyword.trim_matches(|c: char| c.is_ascii_whitespace());
        if property.trim_matches(|c: char| c.is_ascii_whitespace()) == "text-align"
            && !keyword.is_empty()
            && keyword
                .bytes()
                .all(|b| b.is_ascii_alphabetic() || b == b'-')
        {
            if !out.is_empty() {
                out.push(';');
            }
            out.push_str("text-align:");
            out.push_str(keyword);
        }
    }
    out
}

/// Cleans an HTML fragment: what is left is safe to put in any page.
/// Elements nested deeper than [`super::MAX_NESTING`] are flattened first (see
/// [`super::nesting`]), which keeps the time linear in the input.
pub fn sanitize(html: &str) -> String {
    sanitize_noting(html).0
}

/// [`sanitize`], also saying whether deep nesting was flattened.
///
/// One pass over the HTML, reading it as the HTML tokenizer does
/// ([`nesting::Tokens`]), writes what is allowed anew: the elements of
/// [`TAGS`] in lower case with their allowed attributes, every value double
/// quoted; text and values with character references decoded and `&`, `<`,
/// `>` (and `"` in values) escaped, so nothing of the input is copied through
/// as markup. Other elements go and their content stays, except
/// [`DROPPED_WITH_CONTENT`], `<svg>` and `<math>`, whose content goes too;
/// comments, doctypes and processing instructions go. Every element opened is
/// closed, in order; an end tag that closes nothing goes. A picture without
/// an allowed `src` goes, one without `alt` gets an empty one, and a link
/// keeps `rel="noopener noreferrer"` only with its `href`.
pub(crate) fn sanitize_noting(html: &str) -> (String, bool) {
    let limited = nesting::limit(html);
    (clean(&limited.html), limited.capped)
}

/// An element whose content is being dropped, up to its end tag.
struct Skip {
    name: Lower,
    depth: usize,
    /// `<svg>` or `<math>`: no raw-text elements inside.
    foreign: bool,
}

/// What becomes of the raw text of the element just opened.
#[derive(Clone, Copy, PartialEq)]
enum RawText {
    Drop,
    /// Kept as text; `true` when character references in it count
    /// (`<textarea>`, `<title>`).
    Keep(bool),
}

struct Writer {
    out: String,
    /// The elements written and not yet closed.
    open: Vec<&'static str>,
    /// Decoded text or attribute value, reused.
    scratch: String,
    /// The allowed attributes of the current tag seen so far: only the
    /// first of each counts, as in the tokenizer.
    seen: Vec<Lower>,
}

fn clean(html: &str) -> String {
    let mut w = Writer {
        out: String::with_capacity(html.len() + html.len() / 8 + 16),
        open: Vec::new(),
        scratch: String::new(),
        seen: Vec::new(),
    };
    let mut skip: Option<Skip> = None;
    let mut raw_text: Option<RawText> = None;
    let mut tokens = Tokens::new(html);
    while let Some(token) = tokens.next() {
        if let Some(s) = skip.as_mut() {
            match token {
                Token::Start { name, raw } => {
                    let lower = Lower::new(name);
                    if lower == s.name {
                        if !(s.foreign && raw.ends_with("/>")) {
                            s.depth += 1;
                        }
                    } else if !s.foreign && (is_raw_text(&lower) || lower.as_str() == "plaintext") {
                        tokens.raw_text(name);
                    }
                }
                Token::End { name, .. } => {
                    let lower = Lower::new(name);
                    if lower == s.name {
                        s.depth -= 1;
                        if s.depth == 0 {
                            skip = None;
                        }
                    } else if let Some(at) = w.open.iter().rposition(|n| *n == lower.as_str()) {
                        // It closes an element written outside: so does
                        // the nesting pass when it runs.
                        skip = None;
                        w.close_from(at);
                    }
                }
                _ => {}
            }
            continue;
        }
        match token {
            Token::Other(text) => w.text(text, true),
            Token::Markup(_) => {}
            Token::Raw { raw, text_len } => {
                if let Some(RawText::Keep(decode)) = raw_text.take() {
                    w.text(&raw[..text_len], decode);
                }
            }
            Token::End { name, .. } => {
                let lower = Lower::new(name);
                if let Some(at) = w.open.iter().rposition(|n| *n == lower.as_str()) {
                    w.close_from(at);
                }
            }
            Token::Start { name, raw } => {
                let lower = Lower::new(name);
                w.implied_end(&lower);
                if let Ok(i) = TAGS.binary_search(&lower.as_str()) {
                    w.element(TAGS[i], &raw[1 + name.len()..]);
                } else if DROPPED_WITH_CONTENT.contains(&lower.as_str()) {
                    if is_raw_text(&lower) {
                        tokens.raw_text(name);
                        raw_text = Some(RawText::Drop);
                    } else if !is_void(&lower) {
                        skip = Some(Skip {
                            name: lower,
                            depth: 1,
                            foreign: false,
                        });
                    }
                } else if matches!(lower.as_str(), "svg" | "math") {
                    if !raw.ends_with("/>") {
                        skip = Some(Skip {
                            name: lower,
                            depth: 1,
                            foreign: true,
                        });
                    }
                } else if is_raw_text(&lower) || lower.as_str() == "plaintext" {
                    tokens.raw_text(name);
                    let decode = matches!(lower.as_str(), "textarea" | "title");
                    raw_text = Some(RawText::Keep(decode));
                }
            }
        }
    }
    w.close_from(0);
    w.out
}

impl Writer {
    /// Writes the end tags of the open elements from `at` up.
    fn close_from(&mut self, at: usize) {
        for name in self.open.drain(at..).rev() {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }

    /// The innermost open element among `names`, searching no further down
    /// than one of `boundaries`.
    fn find(&self, names: &[&str], boundaries: &[&str]) -> Option<usize> {
        for (i, open) in self.open.iter().enumerate().rev() {
            if names.contains(open) {
                return Some(i);
            }
            if boundaries.contains(open) {
                return None;
            }
        }
        None
    }

    /// Closes what a start tag `name` ends implicitly, as the HTML parser
    /// does in the plain cases: a block ends an open paragraph, a list item
    /// the previous item, a cell the previous cell, a link an open link.
    fn implied_end(&mut self, name: &Lower) {
        if self.open.is_empty() {
            return;
        }
        const CELL: &[&str] = &["td", "th", "caption", "table"];
        let at = match name.as_str() {
            "li" => self.find(&["li"], &["ul", "ol", "table", "td", "th"]),
            "dt" | "dd" => self.find(&["dt", "dd"], &["dl", "table", "td", "th"]),
            "td" | "th" => self.find(&["td", "th"], &["tr", "table"]),
            "tr" => self.find(&["tr"], &["table", "thead", "tbody", "tfoot"]),
            "thead" | "tbody" | "tfoot" => self
                .find(&["table"], &[])
                .map(|table| table + 1)
                .filter(|&at| at < self.open.len()),
            "a" => self.find(&["a"], CELL),
            _ => None,
        };
        if let Some(at) = at {
            self.close_from(at);
        }
        if closes_p(name) {
            if let Some(at) = self.find(&["p"], CELL) {
                self.close_from(at);
            }
        }
        const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
        if HEADINGS.contains(&name.as_str())
            && self.open.last().is_some_and(|t| HEADINGS.contains(t))
        {
            self.close_from(self.open.len() - 1);
        }
    }

    /// Text, its character references decoded when `decode`, escaped.
    fn text(&mut self, text: &str, decode: bool) {
        if decode && text.contains('&') {
            self.scratch.clear();
            decode_into(&mut self.scratch, text, false);
            escape_into(&mut self.out, &self.scratch, false);
        } else {
            escape_into(&mut self.out, text, false);
        }
    }

    /// The start tag of the allowed element `tag`, whose attributes are
    /// `attrs` (the tag after its name), and its end tag if it has one.
    fn element(&mut self, tag: &'static str, attrs: &str) {
        let mark = self.out.len();
        self.out.push('<');
        self.out.push_str(tag);
        self.seen.clear();
        let (mut url, mut alt) = (false, false);
        for (name, value) in Attributes::new(attrs) {
            let lower = Lower::new(name);
            let Some(kind) = attribute(tag, lower.as_str()) else {
                continue;
            };
            if self.seen.contains(&lower) {
                continue;
            }
            self.seen.push(lower);
            self.scratch.clear();
            decode_into(&mut self.scratch, value, true);
            let filtered;
            let value = match kind {
                Value::Plain => self.scratch.as_str(),
                Value::Url if allowed_url(&self.scratch) => {
                    url |= lower.as_str() != "cite";
                    self.scratch.as_str()
                }
                Value::Url => continue,
                Value::Class => {
                    filtered = allowed_classes(tag, &self.scratch);
                    filtered.as_str()
                }
                Value::Style => {
                    filtered = allowed_style(&self.scratch);
                    filtered.as_str()
                }
            };
            if value.is_empty() && matches!(kind, Value::Class | Value::Style) {
                continue;
            }
            alt |= lower.as_str() == "alt";
            self.out.push(' ');
            self.out.push_str(lower.as_str());
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
        match tag {
            // A picture with nothing to show goes.
            "img" if !url => {
                self.out.truncate(mark);
                return;
            }
            "img" if !alt => self.out.push_str(" alt=\"\""),
            "a" if url => {
                self.out.push_str(" rel=\"");
                self.out.push_str(LINK_REL);
                self.out.push('"');
            }
            _ => {}
        }
        self.out.push('>');
        if !is_void(&Lower::new(tag)) {
            self.open.push(tag);
        }
    }
}

/// The attributes of a tag, from just after its name to its `>`, read as
/// the tokenizer does (see [`nesting`]'s `tag_end`): names and values as
/// written, a value `""` when there is none.
struct Attributes<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Attributes<'a> {
    fn new(text: &'a str) -> Self {
        Attributes { text, at: 0 }
    }
}

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let (text, b) = (self.text, self.text.as_bytes());
        let mut i = self.at;
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            self.at = b.len();
            return None;
        }
        let start = i;
        // The first character is the name's even when it is `=`.
        i += 1;
        while i < b.len() && !(is_space(b[i]) || matches!(b[i], b'/' | b'>' | b'=')) {
            i += 1;
        }
        let name = &text[start..i];
        let mut j = i;
        while j < b.len() && is_space(b[j]) {
            j += 1;
        }
        let mut value = "";
        if b.get(j) == Some(&b'=') {
            i = j + 1;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = b[i + 1..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(b.len(), |e| i + 1 + e);
                    value = &text[i + 1..end];
                    i = (end + 1).min(b.len());
                }
                Some(b'>') | None => {}
                Some(_) => {
                    let begin = i;
                    while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = &text[begin..i];
                }
            }
        }
        self.at = i;
        Some((name, value))
    }
}

/// Appends `text` with its character references decoded, as the HTML
/// tokenizer decodes them in text or, when `attribute`, in an attribute
/// value (where a legacy reference without `;` followed by a letter, digit
/// or `=` stays as written).
fn decode_into(out: &mut String, text: &str, attribute: bool) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let used = reference(out, rest, attribute);
        if used == 0 {
            out.push('&');
            rest = &rest[1..];
        } else {
            rest = &rest[used..];
        }
    }
    out.push_str(rest);
}

/// Appends what the character reference at the start of `text` (at its
/// `&`) stands for and says how many bytes it took; 0 when it is not one.
fn reference(out: &mut String, text: &str, attribute: bool) -> usize {
    let b = text.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (radix, first) = match b.get(2) {
            Some(b'x' | b'X') => (16, 3),
            _ => (10, 2),
        };
        let mut value: u32 = 0;
        let mut i = first;
        while let Some(d) = b.get(i).and_then(|&d| char::from(d).to_digit(radix)) {
            value = value.saturating_mul(radix).saturating_add(d);
            i += 1;
        }
        if i == first {
            return 0;
        }
        if b.get(i) == Some(&b';') {
            i += 1;
        }
        out.push(numeric(value));
        return i;
    }
    // The longest name is 31 letters and digits and its `;`.
    let len = b[1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if len == 0 {
        return 0;
    }
    if b.get(1 + len) == Some(&b';') {
        if let Some(value) = named(&text[1..2 + len]) {
            out.push_str(value);
            return 2 + len;
        }
    }
    // The legacy names, without `;`, are two to six long.
    for n in (2..=len.min(6)).rev() {
        if let Some(value) = named(&text[1..1 + n]) {
            let next = b.get(1 + n).copied().unwrap_or(b' ');
            if attribute && (next.is_ascii_alphanumeric() || next == b'=') {
                return 0;
            }
            out.push_str(value);
            return 1 + n;
        }
    }
    0
}

/// What the named reference `name` (without its `&`) stands for.
fn named(name: &str) -> Option<&'static str> {
    match name {
        "lt;" => Some("<"),
        "gt;" => Some(">"),
        "amp;" => Some("&"),
        "quot;" => Some("\""),
        "nbsp;" => Some("\u{a0}"),
        _ => ENTITIES
            .binary_search_by(|(n, _)| n.cmp(&name))
            .ok()
            .map(|i| ENTITIES[i].1),
    }
}

/// The character of a numeric reference, as the tokenizer reads it: none
/// (U+FFFD) for 0, a surrogate or beyond Unicode, and the Windows-1252
/// characters for the C1 range.
fn numeric(value: u32) -> char {
    const WINDOWS_1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let value = match value {
        0x80..=0x9F => WINDOWS_1252[(value - 0x80) as usize],
        v => v,
    };
    match value {
        0 => '\u{FFFD}',
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

/// Appends `text` as HTML text, escaped as the sanitiser escapes text.
pub(crate) fn escape_text(out: &mut String, text: &str) {
    escape_into(out, text, false);
}

/// Appends `text` escaped for HTML text or, when `attribute`, for a double
/// quoted attribute value: `&`, `<`, `>` (and `"`) as references, U+00A0 as
/// `&nbsp;` (as the HTML serialiser writes it), line ends as `\n`, and no
/// other control character than tab and line feed.
fn escape_into(out: &mut String, text: &str, attribute: bool) {
    let b = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (replacement, len) = match c {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' if attribute => ("&quot;", 1),
            b'\t' | b'\n' => {
                i += 1;
                continue;
            }
            b'\r' if b.get(i + 1) == Some(&b'\n') => ("", 1),
            b'\r' => ("\n", 1),
            0..=0x1F | 0x7F => ("", 1),
            0xC2 => match b.get(i + 1) {
                Some(0xA0) => ("&nbsp;", 2),
                // U+0080 to U+009F: C1 controls.
                Some(0x80..=0x9F) => ("", 2),
                _ => {
                    i += 2;
                    continue;
                }
            },
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[copied..i]);
        out.push_str(replacement);
        i += len;
        copied = i;
    }
    out.push_str(&text[copied..]);
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
    fn the_tag_list_is_sorted_for_its_binary_search() {
        assert!(TAGS.windows(2).all(|w| w[0] < w[1]));
        assert!(super::super::entities::ENTITIES
            .windows(2)
            .all(|w| w[0].0 < w[1].0));
    }

    fn same(cases: &[(&str, &str)]) {
        for (dirty, clean) in cases {
            assert_eq!(sanitize(dirty), *clean, "{dirty:?}");
        }
    }

    #[test]
    fn classic_xss_vectors_are_inert() {
        same(&[
            ("<img src=x onerror=alert(1)>", ""),
            (
                "<img src=https://i.example/a.png onerror=alert(1)>",
                r#"<img src="https://i.example/a.png" alt="">"#,
            ),
            (r#"<a href="jav&#x09;ascript:alert(1)">x</a>"#, "<a>x</a>"),
            (r#"<a href="jav&Tab;ascript:alert(1)">x</a>"#, "<a>x</a>"),
            ("<a href=\"java\nscript:alert(1)\">x</a>", "<a>x</a>"),
            (r#"<a href="  javascript:x">x</a>"#, "<a>x</a>"),
            (r#"<a href="&#106;avascript:x">x</a>"#, "<a>x</a>"),
            (r#"<a href="JaVaScRiPt:x">x</a>"#, "<a>x</a>"),
            (r#"<a href="vbscript:x">x</a>"#, "<a>x</a>"),
            (r#"<a href="data:text/html,x">x</a>"#, "<a>x</a>"),
            (r#"<a href="//evil.example/">x</a>"#, "<a>x</a>"),
            (r#"<a href="/etc/passwd">x</a>"#, "<a>x</a>"),
            ("<svg><script>alert(1)</script></svg>after", "after"),
            (
                "<svg onload=alert(1)><title><p>x</p></title></svg>after",
                "after",
            ),
            ("<svg/>after", "after"),
            (
                r#"<math><mi xlink:href="javascript:alert(1)">m</mi></math>x"#,
                "x",
            ),
            ("<style>p{color:red}</style>a", "a"),
            ("<script>if (a<b) { x('</p>') }</script>a", "a"),
            ("<SCRIPT SRC=//x.example/x.js></SCRIPT>a", "a"),
            ("<script>never closed <p>a</p>", ""),
            ("<!--<script>alert(1)</script>-->x", "x"),
            ("<!-- a --!>x<!--->y<!---->z", "xyz"),
            ("<!doctype html><?php x ?><![CDATA[y]]>z</>", "z"),
            (
                r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#,
                "\"&gt;",
            ),
            ("<iframe src=x><p>a</p></iframe>b", "b"),
            ("<object data=x><p>fallback</p></object>b", "b"),
            ("<template><p>t</p></template>b", "b"),
            ("<embed src=x>b<frame>", "b"),
            (
                r#"<form action="https://x.example"><input name=a><button formaction=javascript:x>go</button></form>"#,
                "go",
            ),
            (
                r#"<p onclick="x()" style="color:red" class="x">a</p>"#,
                "<p>a</p>",
            ),
            (
                r#"<base href="https://x.example/"><link rel=stylesheet href=x><meta http-equiv=refresh content=0>"#,
                "",
            ),
            (
                r#"<blockquote cite="javascript:x">q</blockquote>"#,
                "<blockquote>q</blockquote>",
            ),
            (
                r#"<q cite="https://x.example/s">q</q>"#,
                r#"<q cite="https://x.example/s">q</q>"#,
            ),
        ]);
    }

    #[test]
    fn raw_text_elements_keep_their_words_as_text() {
        same(&[
            (
                "<textarea><b>x</b> &amp; y</textarea>z",
                "&lt;b&gt;x&lt;/b&gt; &amp; yz",
            ),
            (
                "<title>a<i>b</i>&eacute;</TITLE>c",
                "a&lt;i&gt;b&lt;/i&gt;éc",
            ),
            ("<xmp><b>&amp;</b></xmp>", "&lt;b&gt;&amp;amp;&lt;/b&gt;"),
            ("<plaintext><p>a</p>", "&lt;p&gt;a&lt;/p&gt;"),
            ("<textarea>never closed <p>a", "never closed &lt;p&gt;a"),
        ]);
    }

    #[test]
    fn tags_cut_off_by_the_end_open_nothing() {
        same(&[
            ("<p>a<b title=\"x", "<p>a</p>"),
            ("<p>a<b title=x", "<p>a</p>"),
            ("<p>a<b", "<p>a</p>"),
            ("<p>a</p", "<p>a</p>"),
            ("<a href=\"https://x.example", ""),
            ("a < b <3 & c <", "a &lt; b &lt;3 &amp; c &lt;"),
            ("a <!-- open", "a "),
        ]);
    }

    #[test]
    fn links_get_rel_only_with_an_href() {
        same(&[
            (
                "<a href=# rel=x>t</a>",
                r##"<a href="#" rel="noopener noreferrer">t</a>"##,
            ),
            ("<a rel=x>t</a>", "<a>t</a>"),
            (
                "<a href=mailto:a@x.example hreflang=en target=_blank>t</a>",
                r#"<a href="mailto:a@x.example" hreflang="en" rel="noopener noreferrer">t</a>"#,
            ),
            (
                "<a href='tel:+1'><a href='https://x.example'>u</a>",
                r#"<a href="tel:+1" rel="noopener noreferrer"></a><a href="https://x.example" rel="noopener noreferrer">u</a>"#,
            ),
        ]);
    }

    #[test]
    fn names_are_lower_case_and_values_quoted_and_escaped() {
        same(&[
            (
                "<DIV ID=x><SpAn>t</sPaN></DiV>",
                r#"<div id="x"><span>t</span></div>"#,
            ),
            (
                "<ol reversed start=3><li>x</ol>",
                r#"<ol reversed="" start="3"><li>x</li></ol>"#,
            ),
            (
                r#"<p title='a"b<c>&amp;d' lang=en dir = rtl>x</p>"#,
                r#"<p title="a&quot;b&lt;c&gt;&amp;d" lang="en" dir="rtl">x</p>"#,
            ),
            (
                r#"<p title="a" TITLE="b" title=c>x</p>"#,
                r#"<p title="a">x</p>"#,
            ),
            (
                r#"<a href="javascript:x" href="https://ok.example">x</a>"#,
                "<a>x</a>",
            ),
            ("<br/><hr /><wbr></br>", "<br><hr><wbr>"),
            ("<p/>x", "<p>x</p>"),
            (
                r#"<span class="evil dateline  other">x</span><sup class=evil>1</sup>"#,
                r#"<span class="dateline">x</span><sup>1</sup>"#,
            ),
            (
                r#"<table><tr><td style="text-align: center; position: fixed">c</td><th style="position:fixed" scope=col>h</th></tr></table>"#,
                r#"<table><tr><td style="text-align:center">c</td><th scope="col">h</th></tr></table>"#,
            ),
            (
                r#"<td style="text-align: expression(alert(1))">c</td>"#,
                "<td>c</td>",
            ),
        ]);
    }

    #[test]
    fn text_is_canonical() {
        same(&[
            (
                "caf&eacute; &amp; &lt;b&gt; &quot;q&quot; &#39;s&#x27;",
                "café &amp; &lt;b&gt; \"q\" 's'",
            ),
            ("a&nbsp;b\u{a0}c", "a&nbsp;b&nbsp;c"),
            (
                "&notit; &not &bogus; &amp &#x1F600; &#128512",
                "¬it; ¬ &amp;bogus; &amp; 😀 😀",
            ),
            (
                "&#0;&#x110000;&#xD800;&#x80;&#150;",
                "\u{FFFD}\u{FFFD}\u{FFFD}€–",
            ),
            ("&#; &#x; &; & x", "&amp;#; &amp;#x; &amp;; &amp; x"),
            (
                r#"<a href="https://x.example/?a=1&not=2&amp;b=&eacute;">x</a>"#,
                r#"<a href="https://x.example/?a=1&amp;not=2&amp;b=é" rel="noopener noreferrer">x</a>"#,
            ),
        ]);
    }

    #[test]
    fn nul_and_control_characters_go() {
        same(&[
            ("a\0b\u{1}c\u{7f}d\u{85}e", "abcde"),
            ("a\r\nb\rc", "a\nb\nc"),
            // A reference to a carriage return is a line end, as a raw one is.
            ("&#1;&#x0b;&#13;&#x7f;&#x81;x", "\nx"),
            ("<p title=\"x\0y\u{1b}z\">t</p>", r#"<p title="xyz">t</p>"#),
            ("<a href=\"https://x.exa\0mple/\">t</a>", "<a>t</a>"),
            (
                "<a href=\"https://x.example/&#0;\">t</a>",
                r#"<a href="https://x.example/�" rel="noopener noreferrer">t</a>"#,
            ),
        ]);
    }

    #[test]
    fn every_element_opened_is_closed() {
        same(&[
            ("<p>a<p>b<div>c", "<p>a</p><p>b</p><div>c</div>"),
            ("</span>x</p>y</div>", "xy"),
            ("<b><i>x</b>y</i>", "<b><i>x</i></b>y"),
            ("<ul><li>a<li>b</ul>c", "<ul><li>a</li><li>b</li></ul>c"),
            (
                "<dl><dt>a<dd>b<dt>c</dl>",
                "<dl><dt>a</dt><dd>b</dd><dt>c</dt></dl>",
            ),
            (
                "<table><tr><td>1<td>2<tr><td>3</table>",
                "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>",
            ),
            ("<h2>a<h3>b</h3>", "<h2>a</h2><h3>b</h3>"),
            (
                "<div><form><div>x</div></form></div>",
                "<div><div>x</div></div>",
            ),
            ("<p>a<section>b</section>", "<p>a</p><section>b</section>"),
        ]);
        let deep = format!("{}x", "<div>".repeat(100));
        let (clean, capped) = sanitize_noting(&deep);
        assert!(capped);
        assert_eq!(
            clean,
            format!(
                "{}x{}",
                "<div>".repeat(super::super::MAX_NESTING),
                "</div>".repeat(super::super::MAX_NESTING)
            )
        );
        assert!(!sanitize_noting("<div><p>a</p></div>").1);
    }

    #[test]
    fn markdown_output_passes_unchanged() {
        let html = concat!(
            "<h2 id=\"a-b\">T &amp; U</h2>\n<p>Some <em>emph</em> and <a href=\"https://x.example\" title=\"t\">link</a>.</p>\n",
            "<blockquote>\n<p>q</p>\n</blockquote>\n<ul>\n<li>a</li>\n</ul>\n<ol start=\"3\">\n<li>b</li>\n</ol>\n",
            "<pre><code class=\"language-rust\">fn a() -&gt; b {}\n</code></pre>\n",
            "<p><img src=\"https://i.example/a.png\" alt=\"pic\" title=\"t\" /></p>\n<hr />\n",
            "<table><thead><tr><th style=\"text-align: right\">h</th></tr></thead><tbody>\n<tr><td style=\"text-align: right\">1</td></tr>\n</tbody></table>\n",
        );
        let expected = html
            .replace(
                r#"title="t">link"#,
                r#"title="t" rel="noopener noreferrer">link"#,
            )
            .replace(" class=\"language-rust\"", "")
            .replace(" />", ">")
            .replace("text-align: right", "text-align:right");
        assert_eq!(sanitize(html), expected);
    }

    /// A strict reader of what [`sanitize`] writes: tags balanced, names and
    /// values as written by it; returns the start tags' attributes.
    fn read_back(html: &str) -> Vec<(String, String, String)> {
        const VOID: &[&str] = &["br", "col", "hr", "img", "wbr"];
        let mut stack: Vec<&str> = Vec::new();
        let mut attrs = Vec::new();
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            assert!(!rest[..lt].contains('>'), "a bare > in {html:?}");
            rest = &rest[lt + 1..];
            let end = rest
                .find('>')
                .unwrap_or_else(|| panic!("open tag in {html:?}"));
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(name), "{html:?}");
                continue;
            }
            let (name, mut list) = tag.split_once(' ').unwrap_or((tag, ""));
            assert!(TAGS.contains(&name), "<{name}> in {html:?}");
            while !list.is_empty() {
                let (attr, after) = list.split_once("=\"").expect("a quoted value");
                let (value, after) = after.split_once('"').expect("a closed value");
                attrs.push((name.to_owned(), attr.to_owned(), value.to_owned()));
                list = after.strip_prefix(' ').unwrap_or(after);
            }
            if !VOID.contains(&name) {
                stack.push(name);
            }
        }
        assert!(!rest.contains('>'), "a bare > in {html:?}");
        assert!(stack.is_empty(), "left open: {stack:?} in {html:?}");
        attrs
    }

    fn soup() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        const PIECES: &[&str] = &[
            "<div>",
            "</div>",
            "<p>",
            "</p>",
            "<b title=\"t\">",
            "</b>",
            "<i>",
            "<SPAN class=dateline>",
            "</span>",
            "<ul><li>",
            "<li>",
            "</li>",
            "</ul>",
            "<table><tr><td>",
            "<td>",
            "</td></tr></table>",
            "<script>alert(1)</script>",
            "<script>",
            "</script>",
            "<img src=x onerror=alert(1)>",
            "<img src=https://i.example/a.png>",
            "<a href=\"javascript:alert(1)\">",
            "<a href=#x>",
            "<a href=' jav&#x09;ascript:alert(1)'>",
            "</a>",
            "<svg onload=alert(1)><title>",
            "</svg>",
            "<math><mi xlink:href=\"javascript:alert(1)\">",
            "</math>",
            "<!--",
            "-->",
            "<style>",
            "</style>",
            "<iframe src=x>",
            "<textarea>",
            "</textarea>",
            "<title>",
            "</title>",
            "<noscript>",
            "</noscript>",
            "<object>",
            "</object>",
            "<template>",
            "<plaintext>",
            "<![CDATA[",
            "]]>",
            "<?php ?>",
            "</>",
            "<div title='a>b'>",
            "<p onclick=\"x()\">",
            "<a href=\"data:text/html,x\">",
            "<br/>",
            "<x-custom a=b>",
            "<h2 id=x>",
            "<",
            ">",
            "&",
            "&amp;",
            "&lt;",
            "&#0;",
            "&#x9;",
            "&nbsp;",
            "&eacute",
            "&notin;",
            "\"",
            "'",
            "=",
            " ",
            "\n",
            "\0",
            "\u{a0}",
            "<td style=\"text-align: left; x: y\">",
            "<blockquote cite=javascript:x>",
            "<a href=https://ok.example title=\"&quot;>\">",
            "<p title=",
            "<a href=",
        ];
        let piece = prop_oneof![
            3 => proptest::sample::select(PIECES).prop_map(str::to_owned),
            1 => "[a-z ]{1,8}",
            1 => any::<char>().prop_map(String::from),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 512,
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        })]

        #[test]
        fn output_is_balanced_inert_and_stable(html in soup()) {
            let clean = sanitize(&html);
            let lower = clean.to_ascii_lowercase();
            proptest::prop_assert!(!lower.contains("<script"), "{clean:?}");
            for (tag, attr, value) in read_back(&clean) {
                proptest::prop_assert!(!attr.starts_with("on"), "{clean:?}");
                if matches!(attr.as_str(), "href" | "src" | "cite") {
                    let mut decoded = String::new();
                    decode_into(&mut decoded, &value, true);
                    let squeezed: String = decoded
                        .chars()
                        .filter(|c| !c.is_whitespace() && !c.is_control())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    proptest::prop_assert!(
                        squeezed.starts_with('#') || squeezed.starts_with("http") || squeezed.starts_with("mailto:") || squeezed.starts_with("tel:"),
                        "<{tag} {attr}={value:?}> in {clean:?}"
                    );
                }
            }
            proptest::prop_assert_eq!(sanitize(&clean), clean.clone());
        }
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
