//! Byline lines: "By Jane Doe", "By Jane Doe and John Roe", "By Jane Doe, Staff
//! reporter", "Jane Doe in Kabul".

use crate::Byline;

use super::dates::{is_weekday, month};
use super::text::{starts_capital, strip_any_ci, word_count};

/// What a byline line gave: the people, and the place if it said "in Kabul".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct FoundBylines {
    pub bylines: Vec<Byline>,
    pub place: Option<String>,
}

const PREFIXES: &[&str] = &[
    "by:",
    "by ",
    "written by ",
    "words by ",
    "story by ",
    "reporting by ",
    "reported by ",
    "posted by ",
    "authors:",
    "author:",
    "byline:",
    // Arabic "by" (bi-qalam, "by the pen of"), with and without a colon.
    "\u{628}\u{642}\u{644}\u{645}:",
    "\u{628}\u{642}\u{644}\u{645} ",
];

/// Lower-case words that belong inside names ("Rio de Janeiro", "Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "al", "bin", "binti", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du",
    "el", "la", "le", "of", "ter", "van", "von", "y",
];

/// Words that say a byline segment is a job title, not a person.
const ROLE_WORDS: &[&str] = &[
    "agency",
    "analyst",
    "associate",
    "bureau",
    "chief",
    "columnist",
    "commentator",
    "contributing",
    "contributor",
    "correspondent",
    "deputy",
    "desk",
    "editor",
    "fellow",
    "freelance",
    "intern",
    "journalist",
    "photographer",
    "producer",
    "reporter",
    "reporters",
    "researcher",
    "senior",
    "staff",
    "team",
    "writer",
    "writers",
];

/// Words that start sentences, never names: "By Tuesday, officials said".
const NOT_NAMES: &[&str] = &[
    "this",
    "that",
    "then",
    "now",
    "today",
    "tomorrow",
    "yesterday",
    "early",
    "late",
    "last",
    "next",
    "end",
    "far",
    "mid",
    "noon",
    "midnight",
    "contrast",
    "comparison",
    "law",
];

/// Reads a byline line. `None` unless the whole line is one.
pub(super) fn parse(line: &str) -> Option<FoundBylines> {
    if line.len() > 160 {
        return None;
    }
    let (_, rest) = strip_any_ci(line.trim(), PREFIXES)?;
    let rest = rest.trim();
    // A byline ends without a stop, unless on an initial ("Jr.").
    if rest.ends_with('.')
        && rest
            .split_whitespace()
            .last()
            .is_none_or(|w| w.chars().count() > 3)
    {
        return None;
    }
    let joined = rest
        .replace(" and ", ", ")
        .replace(" And ", ", ")
        .replace(" AND ", ", ")
        .replace(" & ", ", ");
    let mut found = FoundBylines::default();
    for segment in joined
        .split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let (segment, place) = match segment.split_once(" in ") {
            Some((who, place)) if is_place(place) => (who.trim(), Some(place.trim())),
            _ => (segment, None),
        };
        if let Some(place) = segment.strip_prefix("in ").filter(|p| is_place(p)) {
            found.place = Some(place.trim().to_owned());
            continue;
        }
        let last_has_no_role = found.bylines.last().is_some_and(|b| b.role.is_empty());
        if last_has_no_role && is_role(segment) {
            if let Some(last) = found.bylines.last_mut() {
                last.role = segment.to_owned();
            }
        } else if is_name(segment) {
            found.bylines.push(Byline {
                name: segment.to_owned(),
                role: String::new(),
                url: None,
            });
        } else {
            return None;
        }
        if let Some(place) = place {
            found.place = Some(place.to_owned());
        }
    }
    (!found.bylines.is_empty()).then_some(found)
}

/// "Reporting from Dornoch, Scotland": where the reporter filed from, which
/// stands in for a dateline the story does not print.
pub(super) fn reporting_from(line: &str) -> Option<String> {
    if line.len() > 100 {
        return None;
    }
    let (_, rest) = strip_any_ci(line.trim(), &["reporting from ", "reported from "])?;
    let place = rest.trim().trim_end_matches('.').trim();
    let parts_ok = place
        .split(',')
        .all(|part| is_place(part) && !part.trim().is_empty());
    (parts_ok && word_count(place) <= 6).then(|| place.to_owned())
}

fn is_role(segment: &str) -> bool {
    word_count(segment) <= 6
        && segment.chars().count() <= 80
        && (segment.chars().next().is_some_and(char::is_lowercase)
            || segment.split_whitespace().any(|w| {
                let w = w
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                ROLE_WORDS.contains(&w.as_str())
            }))
}

fn is_place(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && word_count(s) <= 3 && is_name(s)
}

/// A person's or an organisation's name: capitalised words, perhaps with
/// particles, "The Associated Press".
pub(super) fn is_name(segment: &str) -> bool {
    let words: Vec<&str> = segment.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || segment.chars().count() > 80 {
        return false;
    }
    let first = words[0].trim_end_matches([',', '.']).to_lowercase();
    if NOT_NAMES.contains(&first.as_str()) || is_weekday(&first) || month(&first).is_some() {
        return false;
    }
    let mut capitalised = 0;
    for (i, w) in words.iter().enumerate() {
        if PARTICLES.contains(w) && i > 0 {
            continue;
        }
        let ok_chars = w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}' | '.'));
        if !ok_chars || !starts_capital(w) {
            return false;
        }
        capitalised += 1;
    }
    capitalised > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Option<Vec<(String, String)>> {
        parse(line).map(|f| f.bylines.into_iter().map(|b| (b.name, b.role)).collect())
    }

    #[test]
    fn bylines() {
        let one = |n: &str, r: &str| (n.to_owned(), r.to_owned());
        assert_eq!(names("By Jane Doe"), Some(vec![one("Jane Doe", "")]));
        assert_eq!(
            names("By Jane Doe, Staff reporter"),
            Some(vec![one("Jane Doe", "Staff reporter")])
        );
        assert_eq!(
            names("By Jane Doe and John Roe"),
            Some(vec![one("Jane Doe", ""), one("John Roe", "")])
        );
        assert_eq!(
            names("BY MARIA DE LA CRUZ, Political Editor"),
            Some(vec![one("MARIA DE LA CRUZ", "Political Editor")])
        );
        assert_eq!(names("By Reuters"), Some(vec![one("Reuters", "")]));
        assert_eq!(
            names("By The Associated Press"),
            Some(vec![one("The Associated Press", "")])
        );
        let place = parse("By Jane Doe in Kabul").and_then(|f| f.place);
        assert_eq!(place.as_deref(), Some("Kabul"));
        assert_eq!(
            names("\u{628}\u{642}\u{644}\u{645}: \u{633}\u{627}\u{631}\u{627} \u{623}\u{62d}\u{645}\u{62f}\u{64a}"),
            Some(vec![one("\u{633}\u{627}\u{631}\u{627} \u{623}\u{62d}\u{645}\u{62f}\u{64a}", "")])
        );
        assert_eq!(
            reporting_from("Reporting from Dornoch, Scotland").as_deref(),
            Some("Dornoch, Scotland")
        );
        assert_eq!(reporting_from("Reporting from the scene of the fire"), None);
    }

    #[test]
    fn sentences_are_not_bylines() {
        for line in [
            "By Tuesday, officials said the bridge would reopen.",
            "By the end of the year",
            "By Tuesday",
            "By December",
            "By contrast",
            "Bystanders gathered",
            "By 2030 the plan will be done",
            "By Jane Doe.",
        ] {
            assert_eq!(names(line), None, "{line}");
        }
    }
}
