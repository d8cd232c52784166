//! Plain paragraphs to Markdown: pasted text must render as the words it is, so
//! characters Markdown would read as markup are escaped, and lines a reader sees
//! as list items or subheads become Markdown lists and headings.

use super::text::{ends_sentence, is_quote, starts_upper, word_count};

/// Bullets web pages and word processors paste in front of list items.
const BULLETS: &[char] = &[
    '\u{2022}', '\u{25AA}', '\u{25E6}', '\u{2023}', '\u{25CF}', '\u{25A0}', '\u{25CB}', '\u{2043}',
];

/// A list item's Markdown marker and its text: "• a", "- a", "1. a".
pub(super) fn list_item(s: &str) -> Option<(String, &str)> {
    let first = s.chars().next()?;
    if BULLETS.contains(&first) {
        let rest = s.get(first.len_utf8()..)?.trim_start();
        return (!rest.is_empty()).then(|| ("-".to_owned(), rest));
    }
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = s.strip_prefix(marker) {
            let rest = rest.trim_start();
            return (!rest.is_empty()).then(|| ("-".to_owned(), rest));
        }
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let after = s.get(digits..)?;
        for close in [". ", ") "] {
            if let Some(rest) = after.strip_prefix(close) {
                let rest = rest.trim_start();
                let number = s.get(..digits)?;
                return (!rest.is_empty()).then(|| (format!("{number}{}", &close[..1]), rest));
            }
        }
    }
    None
}

/// A paragraph of pasted text as a Markdown block.
pub(super) fn paragraph(s: &str) -> String {
    if let Some((marker, rest)) = list_item(s) {
        return format!("{marker} {}", inline(rest, true));
    }
    inline(s, true)
}

/// A subhead as a Markdown heading.
pub(super) fn heading(s: &str) -> String {
    let mut text = inline(s, false);
    // A closing run of # would be read as the heading's closing sequence.
    if text.ends_with('#') {
        text.insert(text.len() - 1, '\\');
    }
    format!("## {text}")
}

/// Escapes what CommonMark would take as markup. `block_start` also escapes
/// what only counts at the start of a block (headings, quotes, lists, link
/// reference definitions).
fn inline(s: &str, block_start: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let chars: Vec<char> = s.chars().collect();
    if block_start {
        if let Some('#' | '>' | '+' | '-' | '~') = chars.first() {
            out.push('\\');
        }
        // "2025. The year began" would start an ordered list.
        let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0
            && matches!(chars.get(digits), Some('.' | ')'))
            && matches!(chars.get(digits + 1), None | Some(' '))
        {
            out.extend(&chars[..digits]);
            out.push('\\');
            return push_rest(out, &chars[digits..], digits);
        }
    }
    push_rest(out, &chars, 0)
}

fn push_rest(mut out: String, chars: &[char], offset: usize) -> String {
    let alnum = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphanumeric())
    };
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1);
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' => true,
            // Inside a word ("snake_case") an underscore is not emphasis.
            '_' => !(alnum(prev) && alnum(Some(i + 1))),
            '<' => next.is_some_and(|n| n.is_alphabetic() || matches!(n, '/' | '!' | '?')),
            '[' => i + offset == 0 || prev.and_then(|p| chars.get(p)) == Some(&'!'),
            ']' => matches!(next, Some('(' | '[' | ':')),
            '&' => {
                let run = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                    .count();
                run > 0 && chars.get(i + 1 + run) == Some(&';')
            }
            '~' => next == Some('~'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether a paragraph, on its own, reads as a subhead: short, starting with a
/// capital, not a sentence (no closing stop, unless a question that is plainly a
/// heading), not a quote, not a list item.
pub(super) fn is_subhead(s: &str) -> bool {
    let words = word_count(s);
    if words == 0 || words > 10 || s.chars().count() > 90 {
        return false;
    }
    // "10:15" on its own is a live page's timestamp, not a heading.
    if !s
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 2)
    {
        return false;
    }
    let first = s.chars().next();
    if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || list_item(s).is_some() {
        return false;
    }
    if s.contains(". ") || (s.chars().any(is_quote) && !only_apostrophes(s)) {
        return false;
    }
    let last = s.chars().last();
    match last {
        Some('?') => words <= 8 && (title_case(s) || starts_question(s)),
        Some(c) if c.is_alphanumeric() => !ends_sentence(s),
        Some(')') => false,
        _ => false,
    }
}

/// Quotes in "Khalilzad's Role" are apostrophes inside words, not quotation marks.
fn only_apostrophes(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.iter().enumerate().all(|(i, c)| {
        !is_quote(*c)
            || (matches!(c, '\'' | '\u{2019}')
                && i > 0
                && chars.get(i - 1).is_some_and(|p| p.is_alphanumeric()))
    })
}

fn title_case(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let capital = words.iter().filter(|w| starts_upper(w)).count();
    capital * 2 > words.len()
}

fn starts_question(s: &str) -> bool {
    let first = s
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    // "Did the cable still work?" opens a question-and-answer exchange in the
    // text; "What happens next?" is how desks title a section.
    matches!(
        first.as_str(),
        "what" | "why" | "how" | "who" | "where" | "when" | "which"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(paragraph("# not a heading"), "\\# not a heading");
        assert_eq!(paragraph("2025. The year began"), "2025\\. The year began");
        assert_eq!(
            paragraph("Use *stars* and `ticks`"),
            "Use \\*stars\\* and \\`ticks\\`"
        );
        assert_eq!(
            paragraph("snake_case and _emph_"),
            "snake_case and \\_emph\\_"
        );
        assert_eq!(paragraph("a <b>bold</b> move"), "a \\<b>bold\\</b> move");
        assert_eq!(
            paragraph("[x]: https://a.example"),
            "\\[x\\]: https://a.example"
        );
        assert_eq!(
            paragraph("see [x](y) and ![i](j)"),
            "see [x\\](y) and !\\[i\\](j)"
        );
        assert_eq!(paragraph("AT&amp;T"), "AT\\&amp;T");
        assert_eq!(paragraph("x < 5 & y"), "x < 5 & y");
    }

    #[test]
    fn lists() {
        assert_eq!(paragraph("\u{2022} First point"), "- First point");
        assert_eq!(paragraph("1. First point"), "1. First point");
        assert_eq!(paragraph("- First point"), "- First point");
        assert_eq!(heading("Top #"), "## Top \\#");
    }

    #[test]
    fn subheads() {
        for s in [
            "The Security Gap",
            "Background: Khalilzad in 2025",
            "Netizens Question Khalilzad\u{2019}s Role",
            "What happens next?",
            "A Transactional Future",
        ] {
            assert!(is_subhead(s), "{s}");
        }
        for s in [
            "It did not.",
            "\u{201C}We are ready,\u{201D} she said.",
            "\u{201C}Never again\u{201D}",
            "One user asked: why now and why here?",
            "and then it rained",
            "This is a sentence that goes on well past any heading length we allow",
            "(Reporting by Jane Doe)",
            "Why?!",
            "Did the cable still carry a signal?",
            "\u{2022} A list item",
            "He added:",
            "10:15",
        ] {
            assert!(!is_subhead(s), "{s}");
        }
    }
}
