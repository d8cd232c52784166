//! The one normalisation every piece of text gets on its way into a story,
//! whichever way it comes (typed in the window, `dateline set`, an import, a
//! Markdown file's front matter): control characters out, line ends as `\n`.
//!
//! ```
//! use dateline_core::text::clean;
//!
//! assert_eq!(clean("Line one\r\nline two\u{0}\u{7}\rend"), "Line one\nline two\nend");
//! assert_eq!(clean("Tabs\tstay"), "Tabs\tstay");
//! ```
//!
//! Control characters are never words: a NUL makes SQLite, XML and many CMS
//! importers stop or refuse the file, an escape code can drive a terminal, and
//! C1 controls (U+0080–U+009F) are what Windows-1252 text read as Latin-1
//! leaves behind. Tab and line feed are kept: Markdown needs both.
//! [`crate::Story::clean_text`] applies [`clean`] to every field of a story.
//!
//! Also here, because word counts and rendering both need it and it reads
//! nothing but the text: [`flatten_markers`], which bounds how many lists and
//! quotes one line of Markdown can open.

use std::borrow::Cow;

/// The Markdown the desk writes: CommonMark with tables, footnotes,
/// strikethrough, smart punctuation and `{#id}` on headings. The renderer
/// and the word count read it alike.
pub(crate) const MARKDOWN: pulldown_cmark::Options = pulldown_cmark::Options::ENABLE_TABLES
    .union(pulldown_cmark::Options::ENABLE_FOOTNOTES)
    .union(pulldown_cmark::Options::ENABLE_STRIKETHROUGH)
    .union(pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION)
    .union(pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES);

/// `true` for a character [`clean`] removes: C0 controls other than tab and
/// line feed, DEL, and the C1 controls. Carriage return is not removed but
/// turned into a line feed, so it is not counted here.
pub fn is_unwanted_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// `true` when [`clean`] would change `text`; a quick look at the bytes first.
pub(crate) fn needs_cleaning(text: &str) -> bool {
    // Every character concerned is below U+00A0; ASCII and the C1 block's lead
    // byte (0xC2) are the only bytes to look at closely.
    text.bytes()
        .any(|b| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f || b == 0xc2)
        && text.chars().any(|c| c == '\r' || is_unwanted_control(c))
}

/// `text` with C0 controls other than tab and line feed removed, DEL and C1
/// controls removed, and CRLF or a lone CR made a line feed. Borrows when the
/// text is already clean, as nearly all text is.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !needs_cleaning(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            c if is_unwanted_control(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Cleans `field` in place; `true` when it changed.
pub fn clean_in_place(field: &mut String) -> bool {
    match clean(field) {
        Cow::Borrowed(_) => false,
        Cow::Owned(cleaned) => {
            *field = cleaned;
            true
        }
    }
}

/// Where byte `offset` of `text` lands once `text` is cleaned: the bytes
/// [`clean`] removes before it no longer count. An offset inside a removed
/// character lands where that character was.
pub(crate) fn cleaned_offset(text: &str, offset: usize) -> usize {
    let mut removed = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= offset {
            break;
        }
        let gone = match c {
            '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => 1,
            c if is_unwanted_control(c) => c.len_utf8(),
            _ => 0,
        };
        removed += gone.min(offset - i);
    }
    offset.min(text.len()) - removed
}

/// The most container markers (a list bullet or number, a `>`) one line of
/// Markdown may open. A real story nests three or four deep.
pub const MAX_LINE_MARKERS: usize = 16;

/// Markdown with no line opening more than [`MAX_LINE_MARKERS`] lists or
/// quotes: on a line such as `- - - - … text` or `> > > … text`, the markers
/// past the limit are dropped and the text stays, in the deepest container
/// kept. The Markdown parser spends a little time on every level it opens,
/// and then every later step does too; 60,000 levels on one line, a 120 KB
/// body, cost a tenth of a second before any HTML was written. Lines in
/// fenced code blocks are left alone. The flag says whether anything was
/// dropped.
pub fn flatten_markers(markdown: &str) -> (Cow<'_, str>, bool) {
    flatten_markers_to(markdown, MAX_LINE_MARKERS)
}

fn flatten_markers_to(markdown: &str, max: usize) -> (Cow<'_, str>, bool) {
    // Fewer marker characters in all than the limit: nothing to look at.
    let candidates = markdown
        .bytes()
        .filter(|b| matches!(b, b'>' | b'-' | b'*' | b'+' | b'.' | b')'))
        .take(max + 1)
        .count();
    if candidates <= max {
        return (Cow::Borrowed(markdown), false);
    }
    let mut out: Option<String> = None;
    let mut fence: Option<(u8, usize)> = None;
    let mut at = 0;
    for line in markdown.split_inclusive('\n') {
        let markers = container_markers(line, max);
        let rest = line[markers.end..].trim_start_matches([' ', '\t']);
        // Fences are found after the container markers (a code block inside a
        // list or a quote), closed by the same character at least as many times.
        let run = |c: u8| rest.bytes().take_while(|&b| b == c).count();
        match fence {
            Some((c, len)) => {
                if run(c) >= len && rest.trim_start_matches(c as char).trim().is_empty() {
                    fence = None;
                }
            }
            None => {
                for c in [b'`', b'~'] {
                    let len = run(c);
                    let info = &rest[len..];
                    if len >= 3 && !(c == b'`' && info.contains('`')) {
                        fence = Some((c, len));
                    }
                }
                if let (None, Some(cut)) = (fence, markers.cut) {
                    let text = out.get_or_insert_with(|| {
                        let mut text = String::with_capacity(markdown.len());
                        text.push_str(&markdown[..at]);
                        text
                    });
                    text.push_str(&line[..cut]);
                    text.push_str(&line[markers.end..]);
                    at += line.len();
                    continue;
                }
            }
        }
        if let Some(text) = out.as_mut() {
            text.push_str(line);
        }
        at += line.len();
    }
    match out {
        Some(text) => (Cow::Owned(text), true),
        None => (Cow::Borrowed(markdown), false),
    }
}

/// The container markers a line starts with.
struct Markers {
    /// Where the markers end (the start of any spaces before the text).
    end: usize,
    /// Where the `max`-th marker ends, when there are more than `max`.
    cut: Option<usize>,
}

fn container_markers(line: &str, max: usize) -> Markers {
    let b = line.as_bytes();
    let mut i = 0;
    let mut count = 0;
    let mut cut_at = 0;
    loop {
        let mut j = i;
        while j < b.len() && matches!(b[j], b' ' | b'\t') {
            j += 1;
        }
        let spaced = |k: usize| k < b.len() && matches!(b[k], b' ' | b'\t' | b'\n' | b'\r');
        let end = match b.get(j) {
            Some(b'>') => j + 1,
            Some(b'-' | b'*' | b'+') if spaced(j + 1) => j + 1,
            Some(d) if d.is_ascii_digit() => {
                let digits = b[j..].iter().take_while(|d| d.is_ascii_digit()).count();
                let k = j + digits;
                if digits <= 9 && matches!(b.get(k), Some(b'.' | b')')) && spaced(k + 1) {
                    k + 1
                } else {
                    break;
                }
            }
            _ => break,
        };
        count += 1;
        if count == max {
            cut_at = end;
        }
        i = end;
    }
    Markers {
        end: i,
        cut: (count > max).then_some(cut_at),
    }
}

/// Tags from a comma-separated list: each trimmed, empty ones dropped.
pub fn split_tags(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_line_ends_become_line_feeds() {
        assert_eq!(clean("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(clean("\r\r\n"), "\n\n");
        assert_eq!(
            clean("x\u{0}\u{1}\u{8}\u{b}\u{c}\u{e}\u{1b}[31m\u{1f}y"),
            "x[31my"
        );
        assert_eq!(clean("del\u{7f} c1\u{80}\u{85}\u{9f}."), "del c1.");
        assert_eq!(clean("tab\tand\nline"), "tab\tand\nline");
        // Neighbours of the removed ranges stay.
        assert_eq!(clean("\u{a0}é€\u{200f}🎉"), "\u{a0}é€\u{200f}🎉");
        assert!(matches!(
            clean("clean text, «guillemets»"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(clean("Ünïcödé\u{a0}"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_character_is_judged_the_same_way() {
        for c in (0u32..0x200).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let cleaned = clean(&text);
            let expected = match c {
                '\t' | '\n' => text.clone(),
                '\r' => "a\nb".to_owned(),
                c if c.is_control() => "ab".to_owned(),
                _ => text.clone(),
            };
            assert_eq!(cleaned, expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn offsets_follow_the_cleaning() {
        let text = "a\u{0}b\r\nc\u{85}d";
        let cleaned = clean(text);
        assert_eq!(cleaned, "ab\ncd");
        for (old, new) in [
            (0, 0),
            (1, 1),
            (2, 1),
            (3, 2),
            (4, 2),
            (5, 3),
            (6, 4),
            (7, 4),
            (8, 4),
            (9, 5),
        ] {
            assert_eq!(cleaned_offset(text, old), new, "offset {old}");
        }
    }

    #[test]
    fn lines_open_at_most_the_limit() {
        let flat = |md: &str| {
            let (text, capped) = flatten_markers_to(md, 3);
            (text.into_owned(), capped)
        };
        assert_eq!(flat("- - - - - deep\n"), ("- - - deep\n".to_owned(), true));
        assert_eq!(flat("> > > > > > q"), ("> > > q".to_owned(), true));
        assert_eq!(flat(">>>>>>q"), (">>>q".to_owned(), true));
        assert_eq!(flat("1. 2) - > * + x"), ("1. 2) - x".to_owned(), true));
        // Within the limit, or not markers at all: untouched, not copied.
        for md in [
            "- - - x",
            "-- -- -- -- x",
            "1.5 2.5 3.5 4.5",
            "a > b > c > d > e",
            "-x -y -z -w",
        ] {
            assert!(
                matches!(flatten_markers_to(md, 3), (Cow::Borrowed(_), false)),
                "{md}"
            );
        }
        // Code is code.
        let code = "```\n- - - - - x\n```\n- - - - - y\n";
        assert_eq!(
            flat(code),
            ("```\n- - - - - x\n```\n- - - y\n".to_owned(), true)
        );
        let quoted = "> ~~~~\n> > > > > x\n> ~~~\n> ~~~~\n> > > > > y";
        assert_eq!(
            flat(quoted),
            (
                "> ~~~~\n> > > > > x\n> ~~~\n> ~~~~\n> > > y".to_owned(),
                true
            )
        );
        // Line ends of every kind stay as they were.
        assert_eq!(
            flat("a\r\n- - - - b\r\nc"),
            ("a\r\n- - - b\r\nc".to_owned(), true)
        );
    }

    #[test]
    fn a_long_line_of_markers_is_cut_in_linear_time() {
        let md = format!("{}x", "- ".repeat(500_000));
        let (text, capped) = flatten_markers(&md);
        assert!(capped);
        assert_eq!(text, format!("{}x", "- ".repeat(MAX_LINE_MARKERS)));
    }
}
