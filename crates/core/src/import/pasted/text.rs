//! Small text helpers shared by the pasted-text heuristics. All of them work on
//! characters or ASCII-case-insensitive prefixes, so no input can make them slice
//! inside a character.

/// Lower case, typographic quotes and dashes folded to plain ones, runs of
/// whitespace made one space: two renderings of one line compare equal (a page
/// may print its headline with a curly apostrophe once and a straight one later).
pub(super) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
                '\''
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// [`fold`] with decoration around a label trimmed ("Related Articles:" and
/// "RELATED ARTICLES »" give one key): the form furniture and headings are looked
/// up by.
pub(super) fn key(s: &str) -> String {
    let folded = fold(s);
    let trimmed = folded
        .trim_matches(|c: char| {
            matches!(
                c,
                ':' | '.'
                    | '*'
                    | '!'
                    | '\u{2026}'
                    | ' '
                    | '|'
                    | '-'
                    | '>'
                    | '"'
                    | '\u{203A}'
                    | '\u{25B6}'
                    | '\u{25BA}'
                    | '\u{2192}'
                    | '#'
                    | '+'
            )
        })
        .to_owned();
    trimmed
}

/// `s` without `prefix`, compared ignoring ASCII case; `None` when `s` does not
/// start with it.
pub(super) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// The first of `prefixes` that `s` starts with (ignoring ASCII case), and the rest.
pub(super) fn strip_any_ci<'a, 'p>(s: &'a str, prefixes: &[&'p str]) -> Option<(&'p str, &'a str)> {
    prefixes
        .iter()
        .find_map(|p| strip_prefix_ci(s, p).map(|rest| (*p, rest)))
}

pub(super) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Closing quotes and brackets that may follow a sentence's last stop.
pub(super) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '\u{00BB}' | '*' | '_'
    )
}

pub(super) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2018}'
            | '\u{2019}'
            | '\''
    )
}

/// A quotation mark proper: double quotes and guillemets, not the apostrophe
/// of "you're".
pub(super) fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}'
    )
}

/// Whether `s` ends like a sentence: a stop, perhaps inside closing quotes.
pub(super) fn ends_sentence(s: &str) -> bool {
    matches!(
        s.trim_end().trim_end_matches(is_closer).chars().last(),
        Some('.' | '!' | '?' | '\u{2026}' | ';' | '\u{3002}' | '\u{61F}' | '\u{6D4}')
    )
}

/// Letters are all capitals, and there are at least two of them ("KABUL", "EXCLUSIVE").
pub(super) fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

pub(super) fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// A letter that can open a name: a capital, or a letter of a script without
/// case (Arabic, Persian, Hebrew, CJK), where every word looks the same at the
/// start of a sentence and inside it.
pub(super) fn is_capital(c: char) -> bool {
    c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())
}

/// `s` starts with a capital or a caseless letter ([`is_capital`]).
pub(super) fn starts_capital(s: &str) -> bool {
    s.chars().next().is_some_and(is_capital)
}

/// Arabic-Indic and Persian digits as ASCII ones, so "٣٠" reads as "30".
pub(super) fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    let digit = |c: char| match c {
        '\u{660}'..='\u{669}' => char::from_u32(u32::from(c) - 0x660 + u32::from('0')),
        '\u{6F0}'..='\u{6F9}' => char::from_u32(u32::from(c) - 0x6F0 + u32::from('0')),
        _ => None,
    };
    if s.chars().any(|c| digit(c).is_some()) {
        s.chars().map(|c| digit(c).unwrap_or(c)).collect()
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

pub(super) fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// A web address on a line of its own, as a "Related" list may carry under a title.
pub(super) fn is_url(s: &str) -> bool {
    (strip_prefix_ci(s, "https://").is_some() || strip_prefix_ci(s, "http://").is_some())
        && crate::check_url("url", s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_makes_renderings_equal() {
        assert_eq!(
            fold("It\u{2019}s  a \u{201C}Test\u{201D}"),
            fold("it's a \"test\"")
        );
        assert_eq!(key("RELATED ARTICLES:"), "related articles");
        assert_eq!(key("  Share this article \u{203A} "), "share this article");
    }

    #[test]
    fn prefixes_never_split_characters() {
        assert_eq!(strip_prefix_ci("By Jane", "by "), Some("Jane"));
        assert_eq!(strip_prefix_ci("\u{e9}t\u{e9}", "e"), None);
        assert_eq!(strip_prefix_ci("", "by "), None);
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("He left.\u{201D}"));
        assert!(ends_sentence("Why now?"));
        assert!(!ends_sentence("The Security Gap"));
        assert!(is_all_caps("KABUL"));
        assert!(!is_all_caps("Kabul"));
        assert!(!is_all_caps("A"));
        assert!(starts_capital("Kabul") && starts_capital("\u{647}\u{631}\u{627}\u{62a}"));
        assert!(!starts_capital("kabul") && !starts_capital("1990"));
        assert_eq!(
            ascii_digits("\u{663}\u{660} \u{6F2}\u{6F0}\u{6F2}\u{6F5}"),
            "30 2025"
        );
    }
}
