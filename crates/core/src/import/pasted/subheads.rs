//! Subheads: which short lines of a pasted body stand as section headings rather
//! than sentences, quotes, list items or a live page's timestamps.

use super::blocks::list_item;
use super::text::{ends_sentence, is_capital, is_quote, starts_upper, word_count};

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
    // "15:40 GMT" is the same, with its zone.
    if s.split_whitespace().next().is_some_and(is_clock) {
        return false;
    }
    let first = s.chars().next();
    if !first.is_some_and(|c| is_capital(c) || c.is_ascii_digit()) || list_item(s).is_some() {
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

/// "15:40", "9.05", "10:15am": a time of day as a live page stamps its entries.
fn is_clock(token: &str) -> bool {
    let lower = token.to_ascii_lowercase();
    let digits = lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("pm"))
        .unwrap_or(&lower);
    match digits.split_once([':', '.']) {
        Some((h, m)) => {
            (1..=2).contains(&h.len())
                && m.len() == 2
                && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
        }
        None => false,
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
    fn subheads() {
        for s in [
            "The Security Gap",
            "Background: Khalilzad in 2025",
            "Netizens Question Khalilzad\u{2019}s Role",
            "What happens next?",
            "A Transactional Future",
            "Power restored to most of Kirkwall",
            "\u{62a}\u{62d}\u{62f}\u{64a}\u{627}\u{62a} \u{627}\u{644}\u{62a}\u{634}\u{63a}\u{64a}\u{644}",
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
            "15:40 GMT",
            "9.05am BST",
        ] {
            assert!(!is_subhead(s), "{s}");
        }
    }
}
