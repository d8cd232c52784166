//! The dateline at the head of a story's first paragraph: "Kabul – ", "KABUL — ",
//! "LONDON (Reuters) - ", "WASHINGTON, Dec 30 (AP) — ", "ISLAMABAD: ".

use super::dates::parse_month_day;
use super::text::{is_all_caps, is_capital, is_quote, starts_capital, word_count};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FoundDateline<'a> {
    pub place: String,
    /// The wire service named in brackets ("Reuters").
    pub agency: Option<String>,
    /// Month, day and, when printed, year.
    pub day: Option<(u32, u32, Option<i32>)>,
    /// The paragraph after the dateline.
    pub rest: &'a str,
}

/// Dashes that close a dateline, spaced first so "KABUL — The" is cut at the
/// spaces; an unspaced em dash ("KABUL—The") is the AP's style.
const SEPARATORS: &[&str] = &[
    " \u{2013} ",
    " \u{2014} ",
    " - ",
    " -- ",
    " \u{2012} ",
    "\u{2014}",
    "\u{2013}",
];

/// Words that open sentences and never places ("He – like his father – ...").
const SENTENCE_WORDS: &[&str] = &[
    "a", "after", "an", "and", "as", "at", "before", "but", "dr", "for", "he", "her", "his", "i",
    "if", "in", "it", "its", "mr", "mrs", "ms", "on", "our", "prof", "she", "so", "that", "their",
    "these", "they", "this", "those", "we", "when", "while", "yet", "you",
];

/// Lower-case words that belong inside place names ("Rio de Janeiro").
const CONNECTORS: &[&str] = &[
    "al", "am", "an", "au", "aux", "da", "das", "de", "del", "den", "der", "di", "do", "dos", "du",
    "el", "en", "es", "im", "la", "le", "les", "of", "on", "sur", "upon", "y",
];

/// Finds a dateline at the start of `para`.
pub(super) fn split(para: &str) -> Option<FoundDateline<'_>> {
    let head_limit = 100;
    let dash = SEPARATORS
        .iter()
        .filter_map(|sep| para.find(sep).map(|pos| (pos, sep.len())))
        .filter(|(pos, _)| *pos <= head_limit)
        .min_by_key(|(pos, len)| (*pos, usize::MAX - len));
    let (pos, len, colon) = match dash {
        Some((pos, len)) => (pos, len, false),
        None => {
            let pos = para.find(": ").filter(|p| *p <= 40)?;
            (pos, 2, true)
        }
    };
    let prefix = para.get(..pos)?.trim();
    let rest = para.get(pos + len..)?.trim_start();
    let starts_well = rest
        .chars()
        .next()
        .is_some_and(|c| is_capital(c) || c.is_ascii_digit() || is_quote(c));
    if !starts_well || word_count(rest) < 2 {
        return None;
    }

    let (prefix, agency) = match prefix.strip_suffix(')').and_then(|p| p.rsplit_once('(')) {
        Some((before, inner)) => {
            let inner = inner.trim();
            let ok = !inner.is_empty()
                && word_count(inner) <= 4
                && inner.chars().count() <= 40
                && inner.chars().any(char::is_alphabetic)
                && !inner.contains([',', '.', ':']);
            if !ok {
                return None;
            }
            (before.trim(), Some(inner.to_owned()))
        }
        None => (prefix, None),
    };
    if colon && (agency.is_some() || !is_all_caps(prefix)) {
        return None;
    }

    let parts: Vec<&str> = prefix.split(',').map(str::trim).collect();
    let mut place_parts = parts.len();
    let mut day = None;
    for k in 1..parts.len() {
        if let Some(found) = parse_month_day(&parts[k..].join(" ")) {
            place_parts = k;
            day = Some(found);
            break;
        }
    }
    let place = parts.get(..place_parts)?.join(", ");
    is_place(&place, agency.is_some() || day.is_some()).then_some(FoundDateline {
        place,
        agency,
        day,
        rest,
    })
}

/// A place name: capitalised words, a few of them, no digits. Plain dashes are
/// also how writers set off an aside, so a mixed-case "place" without a wire's
/// marks must be short.
fn is_place(place: &str, wire_marks: bool) -> bool {
    let words: Vec<&str> = place
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let limit = if wire_marks || is_all_caps(place) {
        5
    } else {
        4
    };
    if words.is_empty() || words.len() > limit || place.chars().count() > 50 {
        return false;
    }
    if place.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let first = words[0].trim_end_matches('.').to_lowercase();
    if SENTENCE_WORDS.contains(&first.as_str()) || (first == "the" && words.len() > 2) {
        return false;
    }
    words.iter().enumerate().all(|(i, w)| {
        (i > 0 && CONNECTORS.contains(w))
            || (starts_capital(w)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}' | '.')))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(para: &str) -> Option<(String, Option<String>, &str)> {
        split(para).map(|f| (f.place, f.agency, f.rest))
    }

    #[test]
    fn dateline_styles() {
        let p = |s: &str| s.to_owned();
        assert_eq!(
            place("Kabul \u{2013} The envoy arrived."),
            Some((p("Kabul"), None, "The envoy arrived."))
        );
        assert_eq!(
            place("KABUL \u{2014} The envoy arrived."),
            Some((p("KABUL"), None, "The envoy arrived."))
        );
        assert_eq!(
            place("KABUL\u{2014}The envoy arrived."),
            Some((p("KABUL"), None, "The envoy arrived."))
        );
        assert_eq!(
            place("LONDON (Reuters) - Britain's economy grew."),
            Some((p("LONDON"), Some(p("Reuters")), "Britain's economy grew."))
        );
        assert_eq!(
            place("ISLAMABAD: The government said on Monday."),
            Some((p("ISLAMABAD"), None, "The government said on Monday."))
        );
        assert_eq!(
            place("Rio de Janeiro - Crowds gathered."),
            Some((p("Rio de Janeiro"), None, "Crowds gathered."))
        );
        let wire = split("WASHINGTON, Dec 30 (AP) \u{2014} Lawmakers met.");
        assert_eq!(wire.as_ref().map(|f| f.place.as_str()), Some("WASHINGTON"));
        assert_eq!(wire.and_then(|f| f.day), Some((12, 30, None)));
        let two = split("Kabul, Afghanistan \u{2013} The envoy arrived.");
        assert_eq!(two.map(|f| f.place), Some(p("Kabul, Afghanistan")));
    }

    #[test]
    fn asides_are_not_datelines() {
        for para in [
            "He said \u{2013} and meant it \u{2013} that the deal was done.",
            "The minister \u{2013} Amir Khan \u{2013} said so.",
            "Officials \u{2013} including the mayor \u{2013} left.",
            "Background: the council met in 2024.",
            "In 2025 - a year of change - the port grew.",
            "Prices rose 5% - the fastest in a decade.",
            "Kabul \u{2013} ",
            "It was late. Kabul \u{2013} dark.",
        ] {
            assert_eq!(split(para), None, "{para}");
        }
    }
}
