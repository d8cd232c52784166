//! A bound on how deeply elements nest in the HTML handed to the sanitiser,
//! and the HTML tokenizer both passes read it with.
//!
//! A parser that looks through its stack of open elements for each tag costs
//! the square of the nesting depth: 60,000 nested list items, quotes or
//! `<div>`s, a 120 KB body, once took a minute to render. No story nests
//! anywhere near [`MAX_DEPTH`] elements, so deeper levels are flattened here,
//! before the sanitiser sees them: their start and end tags are dropped and
//! their content stays, in order, at the deepest level kept. The preview says
//! so ([`super::RenderNotice`]).
//!
//! The pass reads tags the way an HTML tokenizer does (quoted attribute
//! values, comments, raw-text elements such as `<script>` whose content is not
//! markup) and keeps its own stack of open elements. It also balances what it
//! lets through: an end tag that closes an element with others still open
//! inside it closes those first, explicitly, so the sanitiser's own stack
//! of open elements stays within the bound whatever the markup. Well-nested
//! HTML within the bound, which is all the Markdown renderer writes, passes
//! through untouched.

use std::borrow::Cow;

/// The deepest element nesting passed on: about fifteen levels of lists
/// within lists (each level is a `<ul>` and an `<li>`), more than any story
/// has; a real story's deepest is under ten.
pub const MAX_DEPTH: usize = 32;

/// A tag name in lower case, for matching against the lists below; names
/// longer than any of them match nothing.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Lower {
    buf: [u8; 12],
    len: usize,
}

impl Lower {
    pub(super) fn new(name: &str) -> Lower {
        let mut buf = [0u8; 12];
        let len = if name.len() <= buf.len() && name.is_ascii() {
            buf[..name.len()].copy_from_slice(name.as_bytes());
            buf.make_ascii_lowercase();
            name.len()
        } else {
            0
        };
        Lower { buf, len }
    }

    pub(super) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

/// Elements that never have content or an end tag.
pub(super) fn is_void(name: &Lower) -> bool {
    matches!(
        name.as_str(),
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "image"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose content is text up to their own end tag, not markup.
pub(super) fn is_raw_text(name: &Lower) -> bool {
    matches!(
        name.as_str(),
        "script"
            | "style"
            | "textarea"
            | "title"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
    )
}

/// Start tags that close an open `<p>` just above them, as the parser does.
pub(super) fn closes_p(name: &Lower) -> bool {
    matches!(
        name.as_str(),
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "search"
            | "section"
            | "summary"
            | "ul"
    )
}

/// What [`limit`] did to the HTML.
pub(crate) struct Limited<'a> {
    pub html: Cow<'a, str>,
    /// Some elements nested deeper than [`MAX_DEPTH`] and were flattened.
    pub capped: bool,
}

/// One piece of the HTML: a tag, or anything else, which [`limit`] passes
/// through as it is.
pub(super) enum Token<'a> {
    Start {
        name: &'a str,
        raw: &'a str,
    },
    End {
        name: &'a str,
        raw: &'a str,
    },
    /// Text, character references included.
    Other(&'a str),
    /// Markup that is not an element: a comment, a doctype, a processing
    /// instruction or CDATA (bogus comments), `</>`, or a tag cut off by the
    /// end of the input, which the tokenizer drops.
    Markup(&'a str),
    /// The content of a raw-text element, then its end tag when there is
    /// one: `text_len` bytes of content, the rest the end tag.
    Raw {
        raw: &'a str,
        text_len: usize,
    },
}

fn is(name: &str, wanted: &str) -> bool {
    name.eq_ignore_ascii_case(wanted)
}

pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Where the tag whose name starts at `i` ends (just past its `>`), following
/// the tokenizer's attribute states so that a `>` inside a quoted value does
/// not end it and a quote that is not after `=` does not start a value.
/// `None` when the input ends inside the tag: the parser drops such a tag.
fn tag_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Name,
        BeforeAttr,
        Attr,
        AfterAttr,
        BeforeValue,
        Quoted(u8),
        Unquoted,
    }
    let mut state = State::Name;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        state = match (state, b) {
            (State::Quoted(q), b) if b == q => State::BeforeAttr,
            (State::Quoted(q), _) => State::Quoted(q),
            (_, b'>') => return Some(i),
            (State::Unquoted, b) if is_space(b) => State::BeforeAttr,
            (State::Unquoted, _) => State::Unquoted,
            (State::BeforeValue, b) if is_space(b) => State::BeforeValue,
            (State::BeforeValue, b'"' | b'\'') => State::Quoted(b),
            (State::BeforeValue, _) => State::Unquoted,
            (_, b'/') => State::BeforeAttr,
            (State::Name | State::BeforeAttr, b) if is_space(b) => State::BeforeAttr,
            (State::Attr | State::AfterAttr, b) if is_space(b) => State::AfterAttr,
            (State::Attr | State::AfterAttr, b'=') => State::BeforeValue,
            (State::Name, _) => State::Name,
            // An `=` before any attribute name starts a name of its own.
            (_, _) => State::Attr,
        };
    }
    None
}

/// The name of the tag whose name starts at `start`, as written.
pub(super) fn tag_name(html: &str, start: usize) -> &str {
    let len = html.as_bytes()[start..]
        .iter()
        .position(|&b| is_space(b) || b == b'/' || b == b'>')
        .unwrap_or(html.len() - start);
    // It ends at an ASCII byte or the end, so on a character boundary.
    html.get(start..start + len).unwrap_or_default()
}

/// Where a comment that starts at `i` (just past `<!--`) ends.
fn comment_end(html: &str, i: usize) -> usize {
    let rest = &html[i..];
    if rest.starts_with('>') {
        return i + 1;
    }
    if rest.starts_with("->") {
        return i + 2;
    }
    let close = [
        rest.find("-->").map(|e| e + 3),
        rest.find("--!>").map(|e| e + 4),
    ];
    close
        .into_iter()
        .flatten()
        .min()
        .map_or(html.len(), |e| i + e)
}

/// Where the raw text of a `name` element starting at `i` ends, its end tag
/// (`</name` followed by a space, `/` or `>`, in any case) included. The
/// text runs to the end of the input when there is no end tag. Also where the
/// text ends, before the end tag.
fn raw_text_end(bytes: &[u8], i: usize, name: &str) -> (usize, usize) {
    let mut at = i;
    while let Some(off) = bytes[at..].windows(2).position(|w| w == b"</") {
        let start = at + off + 2;
        let end = start + name.len();
        if bytes.len() >= end
            && bytes[start..end].eq_ignore_ascii_case(name.as_bytes())
            && bytes
                .get(end)
                .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>')
        {
            return (tag_end(bytes, start).unwrap_or(bytes.len()), start - 2);
        }
        at = start;
    }
    (bytes.len(), bytes.len())
}

/// Splits `html` into tags and the rest, as the HTML tokenizer would.
pub(super) struct Tokens<'a> {
    html: &'a str,
    at: usize,
    /// A raw-text element was opened: its content and end tag come next, as
    /// one token that is not markup.
    raw_text: Option<&'a str>,
}

impl<'a> Tokens<'a> {
    pub(super) fn new(html: &'a str) -> Self {
        Tokens {
            html,
            at: 0,
            raw_text: None,
        }
    }

    /// The element `name` just opened holds raw text: its content and end
    /// tag are the next token.
    pub(super) fn raw_text(&mut self, name: &'a str) {
        self.raw_text = Some(name);
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let html = self.html;
        let bytes = html.as_bytes();
        let start = self.at;
        if start >= html.len() {
            return None;
        }
        if let Some(name) = self.raw_text.take() {
            let (end, text_end) = if is(name, "plaintext") {
                (html.len(), html.len())
            } else {
                raw_text_end(bytes, start, name)
            };
            self.at = end;
            if end > start {
                return Some(Token::Raw {
                    raw: &html[start..end],
                    text_len: text_end - start,
                });
            }
            return self.next();
        }
        let mut i = start;
        loop {
            let Some(off) = bytes[i..].iter().position(|&b| b == b'<') else {
                self.at = html.len();
                return Some(Token::Other(&html[start..]));
            };
            let lt = i + off;
            let next = bytes.get(lt + 1).copied();
            let markup = match next {
                Some(b) if b.is_ascii_alphabetic() => true,
                Some(b'/' | b'!' | b'?') => true,
                _ => false,
            };
            if !markup {
                i = lt + 1;
                continue;
            }
            if lt > start {
                // Text first; the markup is the next token.
                self.at = lt;
                return Some(Token::Other(&html[start..lt]));
            }
            break;
        }
        let after = bytes.get(start + 1).copied();
        let second = bytes.get(start + 2).copied();
        let token = match (after, second) {
            (Some(b'!'), _) if html[start..].starts_with("<!--") => {
                let end = comment_end(html, start + 4);
                self.at = end;
                Token::Markup(&html[start..end])
            }
            (Some(b'/'), Some(b)) if b.is_ascii_alphabetic() => {
                let name = tag_name(html, start + 2);
                match tag_end(bytes, start + 2) {
                    Some(end) => {
                        self.at = end;
                        Token::End {
                            name,
                            raw: &html[start..end],
                        }
                    }
                    None => {
                        // Cut off by the end: the parser drops it, and so
                        // may the sanitiser; it opens nothing either way.
                        self.at = html.len();
                        Token::Markup(&html[start..])
                    }
                }
            }
            (Some(b'/'), Some(b'>')) => {
                // `</>`, which the tokenizer ignores.
                self.at = start + 3;
                Token::Markup(&html[start..start + 3])
            }
            (Some(b'/' | b'!' | b'?'), _) => {
                // A bogus comment, to the next `>`.
                let end = html[start..]
                    .find('>')
                    .map_or(html.len(), |e| start + e + 1);
                self.at = end;
                Token::Markup(&html[start..end])
            }
            _ => {
                let name = tag_name(html, start + 1);
                match tag_end(bytes, start + 1) {
                    Some(end) => {
                        self.at = end;
                        Token::Start {
                            name,
                            raw: &html[start..end],
                        }
                    }
                    None => {
                        self.at = html.len();
                        Token::Markup(&html[start..])
                    }
                }
            }
        };
        Some(token)
    }
}

/// `html` with element nesting bounded by [`MAX_DEPTH`] and end tags
/// balanced (see the module documentation). Borrows when nothing changes.
pub(crate) fn limit(html: &str) -> Limited<'_> {
    limit_to(html, MAX_DEPTH)
}

fn limit_to(html: &str, max: usize) -> Limited<'_> {
    // Fast path: a fragment with fewer tags than the bound cannot nest past it
    // and needs no balancing for the parser's sake.
    if html.bytes().filter(|&b| b == b'<').take(max + 1).count() <= max {
        return Limited {
            html: Cow::Borrowed(html),
            capped: false,
        };
    }
    let mut out = String::new();
    // Everything up to `copied` is the same in the output as in the input;
    // `out` only starts being written at the first change.
    let mut copied = 0usize;
    let mut changed = false;
    let mut capped = false;
    let mut open: Vec<&str> = Vec::new();
    // Start tags dropped for depth, whose end tags are to be dropped too.
    let mut dropped: Vec<&str> = Vec::new();
    // The last token written was white space between tags, so more of it
    // in the flattened part can go: thousands of dropped tags would leave
    // thousands of line ends that the sanitiser would still have to read.
    let mut after_space = false;
    // Inside `<svg>` or `<math>` the raw-text names are ordinary elements.
    let mut foreign = 0usize;
    let mut tokens = Tokens::new(html);
    let base = html.as_ptr() as usize;
    while let Some(token) = tokens.next() {
        let is_tag = matches!(token, Token::Start { .. } | Token::End { .. });
        // The token's text, whether it stays, and the end tags to write first.
        let (raw, keep, closing): (&str, bool, Vec<&str>) = match token {
            Token::Other(raw) | Token::Markup(raw) | Token::Raw { raw, .. } => {
                let space = raw.bytes().all(is_space);
                let keep = !(space && after_space && !dropped.is_empty());
                after_space = space;
                (raw, keep, Vec::new())
            }
            Token::Start { name, raw } => {
                let lower = Lower::new(name);
                if is_void(&lower) {
                    (raw, true, Vec::new())
                } else if (is_raw_text(&lower) && foreign == 0) || lower.as_str() == "plaintext" {
                    // Kept whole whatever the depth: dropping the tag would
                    // turn a script's code into visible text.
                    tokens.raw_text = Some(name);
                    (raw, true, Vec::new())
                } else {
                    if dropped.is_empty() {
                        implied_end(&mut open, &lower);
                    }
                    if !dropped.is_empty() || open.len() >= max {
                        capped = true;
                        dropped.push(name);
                        (raw, false, Vec::new())
                    } else {
                        if matches!(lower.as_str(), "svg" | "math") {
                            foreign += 1;
                        }
                        open.push(name);
                        (raw, true, Vec::new())
                    }
                }
            }
            Token::End { name, raw } => {
                if let Some(last) = dropped.last() {
                    if is(last, name) {
                        dropped.pop();
                    }
                    // Inside the flattened part every end tag goes: the
                    // ones that match are the dropped elements', and the
                    // rest would close what is kept out of turn.
                    (raw, false, Vec::new())
                } else if let Some(at) = open.iter().rposition(|n| is(n, name)) {
                    let inner: Vec<&str> = open.drain(at + 1..).rev().collect();
                    open.pop();
                    for n in inner.iter().chain(std::iter::once(&name)) {
                        if is(n, "svg") || is(n, "math") {
                            foreign = foreign.saturating_sub(1);
                        }
                    }
                    (raw, true, inner)
                } else {
                    // Closes nothing here; the parser ignores it or makes an
                    // empty element of it (`</p>`, `</br>`), never a deeper one.
                    (raw, true, Vec::new())
                }
            }
        };
        if is_tag && keep {
            after_space = false;
        }
        if keep && closing.is_empty() && !changed {
            continue;
        }
        let start = raw.as_ptr() as usize - base;
        if !changed {
            out.reserve(html.len() + 64);
            changed = true;
        }
        out.push_str(&html[copied..start]);
        for name in &closing {
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
        if keep {
            out.push_str(raw);
        }
        copied = start + raw.len();
    }
    if !changed {
        return Limited {
            html: Cow::Borrowed(html),
            capped,
        };
    }
    out.push_str(&html[copied.min(html.len())..]);
    Limited {
        html: Cow::Owned(out),
        capped,
    }
}

/// Pops what a start tag `name` closes implicitly when it is just above it,
/// as the parser does: a new paragraph, list item or table cell ends the
/// previous one. Only the plain cases; anything else is left open, which
/// errs on the side of counting too deep.
fn implied_end(open: &mut Vec<&str>, name: &Lower) {
    let Some(top) = open.last() else {
        return;
    };
    let top = Lower::new(top);
    let ends = match (name.as_str(), top.as_str()) {
        (_, "p") => closes_p(name),
        ("li", "li") | ("dt" | "dd", "dt" | "dd") | ("option", "option") => true,
        ("td" | "th" | "tr", "td" | "th") => true,
        ("tr", "tr") => true,
        _ => false,
    };
    if ends {
        open.pop();
        // A new row ends the cell and then the row it was in.
        if name.as_str() == "tr" && top.as_str() != "tr" && open.last().is_some_and(|t| is(t, "tr"))
        {
            open.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limited(html: &str, max: usize) -> (String, bool) {
        let out = limit_to(html, max);
        (out.html.into_owned(), out.capped)
    }

    #[test]
    fn shallow_well_nested_html_passes_untouched() {
        let html = "<ul>\n<li>a <em>b</em></li>\n<li><a href=\"x>y\">c</a><br></li>\n</ul>\n<p>d<img src=x></p>";
        assert!(matches!(limit_to(html, 4).html, Cow::Borrowed(_)));
        assert!(!limit_to(html, 4).capped);
        // Unclosed paragraphs, items and cells close each other, as in a
        // browser, and count no deeper; the end of a list or table closes what
        // is still open in it, explicitly.
        let sloppy = "<p>a<p>b<p>c<ul><li>d<li>e<li>f</ul><table><tr><td>1<td>2<tr><td>3</table>";
        let balanced = "<p>a<p>b<p>c<ul><li>d<li>e<li>f</li></ul><table><tr><td>1<td>2<tr><td>3</td></tr></table>";
        assert_eq!(limited(sloppy, 4), (balanced.to_owned(), false));
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_every_word() {
        let html = format!("{}x{}", "<div>".repeat(10), "</div>".repeat(10));
        assert_eq!(
            limited(&html, 3),
            ("<div><div><div>x</div></div></div>".to_owned(), true)
        );
        let list = "<ul><li>a<ul><li>b<ul><li>c<ul><li>d</li></ul>e</li></ul>f</li></ul>g</li><li>h</li></ul>";
        assert_eq!(
            limited(list, 4),
            (
                "<ul><li>a<ul><li>bcdef</li></ul>g</li><li>h</li></ul>".to_owned(),
                true
            )
        );
    }

    #[test]
    fn end_tags_close_what_is_open_inside_them() {
        let html = "<div><applet><b>x</div><div><applet></div>".repeat(3);
        let (out, capped) = limited(&html, 8);
        assert!(!capped);
        assert_eq!(
            out,
            "<div><applet><b>x</b></applet></div><div><applet></applet></div>".repeat(3)
        );
    }

    #[test]
    fn markup_that_is_not_a_tag_is_not_counted() {
        let html = concat!(
            "<div title='a>b' data-x=\"<div>\">",
            "<!-- <div><div> --><!--><div>",
            "<script>if (a<b) { s = '<div><div><div>'; }</script>",
            "<textarea><div><div></TEXTAREA >",
            "a < b <3 <!doctype x> <?pi <div>?>",
            "</div></div>",
        );
        let (out, capped) = limited(html, 2);
        assert!(!capped, "{out}");
        assert_eq!(out, html);
        // In SVG, `<title>` is an ordinary element: what follows is markup.
        let svg = format!("<svg><title>{}</title></svg>", "<g>".repeat(5));
        assert!(limited(&svg, 3).1);
    }

    #[test]
    fn a_tag_cut_off_by_the_end_opens_nothing() {
        let html = format!("{}<div title=\"x><div>", "<p>a</p>".repeat(9));
        assert_eq!(limited(&html, 8), (html.clone(), false));
        let script = format!("<div><script>{}</div>", "<div>".repeat(9));
        assert_eq!(limited(&script, 2), (script.clone(), false));
    }

    #[test]
    fn a_quote_only_opens_a_value_after_an_equals_sign() {
        let bytes = b"div a\"b>c\">";
        assert_eq!(tag_end(bytes, 0), Some(8));
        assert_eq!(tag_end(b"div a = 'x>y'>", 0), Some(14));
        assert_eq!(tag_end(b"div ='x>y'>", 0), Some(8));
        assert_eq!(tag_end(b"div a=x'>", 0), Some(9));
        assert_eq!(tag_end(b"div a/='x>'>", 0), Some(10));
        assert_eq!(tag_end(b"div a='x", 0), None);
    }
}
