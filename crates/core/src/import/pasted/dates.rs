//! Dates as news pages and wires print them: "December 30, 2025", "30 Dec 2025,
//! 10:32 GMT", "Tue 30 Dec 2025 10.32 GMT", "Updated: 2025-12-30T10:32:00Z".
//!
//! Parsing is strict on purpose: a line is a date line only when every word on it
//! is part of the date, so a sentence that mentions a date stays in the story.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

use super::text::{ascii_digits, strip_prefix_ci, word_count};

/// What a date line says the date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateRole {
    Published,
    Updated,
    Plain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FoundDate {
    pub role: DateRole,
    /// The calendar day as printed, in the story's own time zone.
    pub local_date: NaiveDate,
    pub at: DateTime<Utc>,
}

/// Labels in front of a date, longest first so "updated on" wins over "updated".
const LABELS: &[(&str, DateRole)] = &[
    ("last updated on", DateRole::Updated),
    ("last updated", DateRole::Updated),
    ("last modified", DateRole::Updated),
    ("updated on", DateRole::Updated),
    ("updated at", DateRole::Updated),
    ("updated", DateRole::Updated),
    ("modified", DateRole::Updated),
    ("first published on", DateRole::Published),
    ("first published", DateRole::Published),
    ("originally published", DateRole::Published),
    ("published on", DateRole::Published),
    ("published at", DateRole::Published),
    ("published", DateRole::Published),
    ("posted on", DateRole::Published),
    ("posted at", DateRole::Published),
    ("posted", DateRole::Published),
    ("released", DateRole::Published),
    ("filed", DateRole::Published),
    ("dated", DateRole::Plain),
    ("date", DateRole::Plain),
];

/// Words and marks that may sit between the parts of a printed date.
const FILLERS: &[&str] = &[
    "at", "on", "|", "-", "\u{2013}", "\u{2014}", "/", "\u{b7}", "\u{2022}", "@",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month names as Arabic pages in Egypt, the Gulf and Afghanistan print them
/// ("٣٠ ديسمبر ٢٠٢٥"), with the common spellings without hamza.
const ARABIC_MONTHS: &[(&str, u32)] = &[
    ("\u{64a}\u{646}\u{627}\u{64a}\u{631}", 1),
    ("\u{641}\u{628}\u{631}\u{627}\u{64a}\u{631}", 2),
    ("\u{645}\u{627}\u{631}\u{633}", 3),
    ("\u{623}\u{628}\u{631}\u{64a}\u{644}", 4),
    ("\u{627}\u{628}\u{631}\u{64a}\u{644}", 4),
    ("\u{645}\u{627}\u{64a}\u{648}", 5),
    ("\u{64a}\u{648}\u{646}\u{64a}\u{648}", 6),
    ("\u{64a}\u{648}\u{644}\u{64a}\u{648}", 7),
    ("\u{623}\u{63a}\u{633}\u{637}\u{633}", 8),
    ("\u{627}\u{63a}\u{633}\u{637}\u{633}", 8),
    ("\u{633}\u{628}\u{62a}\u{645}\u{628}\u{631}", 9),
    ("\u{623}\u{643}\u{62a}\u{648}\u{628}\u{631}", 10),
    ("\u{627}\u{643}\u{62a}\u{648}\u{628}\u{631}", 10),
    ("\u{646}\u{648}\u{641}\u{645}\u{628}\u{631}", 11),
    ("\u{62f}\u{64a}\u{633}\u{645}\u{628}\u{631}", 12),
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A month name or its usual abbreviation ("Dec", "Dec.", "Sept"), 1-based.
pub(super) fn month(token: &str) -> Option<u32> {
    let t = token.trim_end_matches('.').to_lowercase();
    if t.len() < 3 {
        return None;
    }
    if t == "sept" {
        return Some(9);
    }
    if let Some((_, m)) = ARABIC_MONTHS.iter().find(|(name, _)| *name == t) {
        return Some(*m);
    }
    MONTHS
        .iter()
        .position(|m| *m == t || (t.len() == 3 && m.starts_with(t.as_str())))
        .and_then(|i| u32::try_from(i + 1).ok())
}

pub(super) fn is_weekday(token: &str) -> bool {
    let t = token.trim_end_matches([',', '.']).to_lowercase();
    t.len() >= 3
        && WEEKDAYS
            .iter()
            .any(|d| *d == t || (d.starts_with(t.as_str()) && (3..=5).contains(&t.len())))
}

/// A day of the month: "30", "30th", "1st".
fn day(token: &str) -> Option<u32> {
    let t = token.trim_end_matches(['.', ',']);
    let digits = t
        .strip_suffix("st")
        .or_else(|| t.strip_suffix("nd"))
        .or_else(|| t.strip_suffix("rd"))
        .or_else(|| t.strip_suffix("th"))
        .unwrap_or(t);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(token: &str) -> Option<i32> {
    let t = token.trim_end_matches(['.', ',']);
    if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|y| (1900..=2200).contains(y))
}

/// Reads a date line. `None` unless the whole line is a date (with an optional
/// label, weekday, time and zone).
pub(super) fn parse_date_line(line: &str) -> Option<FoundDate> {
    if line.len() > 90 || word_count(line) > 12 {
        return None;
    }
    let line = ascii_digits(line);
    let (role, rest) = strip_label(line.trim());
    let tokens: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty() && !FILLERS.iter().any(|f| f.eq_ignore_ascii_case(t)))
        .collect();
    let tokens = skip_weekday(tokens.as_slice());
    let (date, time, offset) = match date_tokens(tokens) {
        Some((date, inline_time, rest)) => {
            let (time, offset) = match inline_time {
                Some(t) if rest.is_empty() => t,
                Some(_) => return None,
                None => time_tokens(rest, date)?,
            };
            (date, time, offset)
        }
        // The time before the date: "3:42 PM GMT+2, March 4, 2026".
        None => (1..=3).find_map(|split| {
            let (clock, after) = (tokens.get(..split)?, tokens.get(split..)?);
            match date_tokens(skip_weekday(after))? {
                (date, None, []) => {
                    let (time, offset) = time_tokens(clock, date)?;
                    Some((date, time, offset))
                }
                _ => None,
            }
        })?,
    };
    let at = FixedOffset::east_opt(offset * 60)?
        .from_local_datetime(&date.and_time(time))
        .single()?
        .with_timezone(&Utc);
    Some(FoundDate {
        role,
        local_date: date,
        at,
    })
}

fn skip_weekday<'a, 'b>(tokens: &'b [&'a str]) -> &'b [&'a str] {
    match tokens.split_first() {
        Some((first, more)) if is_weekday(first) => more,
        _ => tokens,
    }
}

/// "March 2026" on its own: a magazine's issue date, with no day to file.
pub(super) fn is_month_year(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let tokens: Vec<&str> = line.split_whitespace().collect();
    matches!(tokens.as_slice(), [m, y] if month(m).is_some() && year(y).is_some())
}

fn strip_label(line: &str) -> (DateRole, &str) {
    for (label, role) in LABELS {
        if let Some(rest) = strip_prefix_ci(line, label) {
            // "Updatedness" is not a label.
            if rest.chars().next().is_some_and(char::is_alphabetic) {
                continue;
            }
            return (*role, rest.trim_start_matches([':', ' ', '-']).trim_start());
        }
    }
    (DateRole::Plain, line)
}

type Clock = (NaiveTime, i32);

/// A calendar date at the start of `tokens`; an ISO date-time also brings its time.
fn date_tokens<'a, 'b>(tokens: &'b [&'a str]) -> Option<(NaiveDate, Option<Clock>, &'b [&'a str])> {
    let first = *tokens.first()?;
    if first.as_bytes().first().is_some_and(u8::is_ascii_digit) && first.len() >= 8 {
        if let Ok(t) = DateTime::parse_from_rfc3339(first) {
            let offset = t.offset().local_minus_utc() / 60;
            return Some((t.date_naive(), Some((t.time(), offset)), tokens.get(1..)?));
        }
        let (date_part, time_part) = match first.split_once(['T', 't']) {
            Some((d, t)) => (d, Some(t)),
            None => (first, None),
        };
        if let Some(date) = numeric_date(date_part) {
            let inline = match time_part {
                Some(t) => Some(iso_time(t)?),
                None => None,
            };
            return Some((date, inline, tokens.get(1..)?));
        }
    }
    let second = *tokens.get(1)?;
    let third = *tokens.get(2)?;
    let rest = tokens.get(3..)?;
    if let (Some(m), Some(d), Some(y)) = (month(first), day(second), year(third)) {
        return Some((NaiveDate::from_ymd_opt(y, m, d)?, None, rest));
    }
    if let (Some(d), Some(m), Some(y)) = (day(first), month(second), year(third)) {
        return Some((NaiveDate::from_ymd_opt(y, m, d)?, None, rest));
    }
    None
}

/// "2025-12-30", "2025/12/30", and day-month-year with slashes or dots when the
/// order cannot be mistaken ("30/12/2025", but not "03/04/2025").
fn numeric_date(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (a, b, c) = (num(a)?, num(b)?, num(c)?);
    if a >= 1000 {
        return NaiveDate::from_ymd_opt(i32::try_from(a).ok()?, b, c);
    }
    if c < 1000 {
        return None;
    }
    let y = i32::try_from(c).ok()?;
    match (a > 12, b > 12) {
        (true, false) => NaiveDate::from_ymd_opt(y, b, a),
        (false, true) => NaiveDate::from_ymd_opt(y, a, b),
        _ if a == b => NaiveDate::from_ymd_opt(y, a, b),
        _ => None,
    }
}

/// The time part of an ISO date-time: "10:32", "10:32:00Z", "10:32:00+05:00".
fn iso_time(s: &str) -> Option<Clock> {
    let (clock, offset) = if let Some(c) = s.strip_suffix(['Z', 'z']) {
        (c, 0)
    } else if let Some(pos) = s.rfind(['+', '-']) {
        (s.get(..pos)?, numeric_offset(s.get(pos..)?)?)
    } else {
        (s, 0)
    };
    let clock = clock.split('.').next()?;
    let time = NaiveTime::parse_from_str(clock, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M"))
        .ok()?;
    Some((time, offset))
}

/// "+05:00", "+0530", "-3" in minutes east of UTC.
fn numeric_offset(s: &str) -> Option<i32> {
    let (sign, rest) = match s.chars().next()? {
        '+' => (1, s.get(1..)?),
        '-' | '\u{2212}' => (-1, s.get(s.chars().next()?.len_utf8()..)?),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = if digits.len() <= 2 {
        (digits.parse::<i32>().ok()?, 0)
    } else {
        let split = digits.len() - 2;
        (
            digits.get(..split)?.parse().ok()?,
            digits.get(split..)?.parse().ok()?,
        )
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// The optional clock time and zone after a date; every token must be used.
fn time_tokens(tokens: &[&str], date: NaiveDate) -> Option<Clock> {
    let Some((first, mut rest)) = tokens.split_first() else {
        return Some((NaiveTime::MIN, 0));
    };
    let (mut hour, minute, second, mut meridiem) = clock(first)?;
    if meridiem.is_none() {
        if let Some((next, more)) = rest.split_first() {
            if let Some(pm) = am_pm(next) {
                meridiem = Some(pm);
                rest = more;
            }
        }
    }
    // "1032 GMT", the wire style, only counts with a zone after it.
    if first.len() == 4 && !first.contains([':', '.']) && rest.is_empty() {
        return None;
    }
    match meridiem {
        Some(pm) => {
            if hour == 0 || hour > 12 {
                return None;
            }
            hour = hour % 12 + if pm { 12 } else { 0 };
        }
        None if first.contains([':', '.']) || first.len() == 4 => {}
        None => return None,
    }
    let time = NaiveTime::from_hms_opt(hour, minute, second)?;
    let offset = match rest {
        [] => 0,
        [zone] => zone_offset(zone, date)?,
        _ => return None,
    };
    Some((time, offset))
}

/// "10:32", "10.32", "10:32:05", "10:32am", "10am", "1032".
fn clock(token: &str) -> Option<(u32, u32, u32, Option<bool>)> {
    let lower = token.to_ascii_lowercase();
    let (body, meridiem) = match lower
        .strip_suffix("a.m.")
        .or_else(|| lower.strip_suffix("am"))
    {
        Some(b) => (b.to_owned(), Some(false)),
        None => match lower
            .strip_suffix("p.m.")
            .or_else(|| lower.strip_suffix("pm"))
        {
            Some(b) => (b.to_owned(), Some(true)),
            None => (lower.clone(), None),
        },
    };
    let nums: Vec<&str> = body.split([':', '.']).collect();
    let n = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match nums.as_slice() {
        [h] if meridiem.is_some() => Some((n(h)?, 0, 0, meridiem)),
        [hm] if hm.len() == 4 && hm.bytes().all(|b| b.is_ascii_digit()) => {
            Some((n(hm.get(..2)?)?, n(hm.get(2..)?)?, 0, meridiem))
        }
        [h, m] if m.len() == 2 => Some((n(h)?, n(m)?, 0, meridiem)),
        [h, m, s] if m.len() == 2 && s.len() == 2 => Some((n(h)?, n(m)?, n(s)?, meridiem)),
        _ => None,
    }
}

fn am_pm(token: &str) -> Option<bool> {
    match token.to_ascii_lowercase().as_str() {
        "am" | "a.m." | "a.m" => Some(false),
        "pm" | "p.m." | "p.m" => Some(true),
        _ => None,
    }
}

/// Minutes east of UTC for a printed zone. US zones without a season ("ET") are
/// read by the month, since pages rarely say whether daylight time applies.
fn zone_offset(token: &str, date: NaiveDate) -> Option<i32> {
    let t = token
        .trim_matches(|c| c == '(' || c == ')')
        .to_ascii_lowercase();
    if t.starts_with(['+', '-']) {
        return numeric_offset(&t);
    }
    for base in ["utc", "gmt"] {
        if let Some(rest) = t.strip_prefix(base) {
            return if rest.is_empty() {
                Some(0)
            } else {
                numeric_offset(rest)
            };
        }
    }
    let summer = (4..=10).contains(&date.month());
    let us = |standard: i32| standard + if summer { 60 } else { 0 };
    let minutes = match t.as_str() {
        "z" => 0,
        "bst" | "cet" | "wat" => 60,
        "cest" | "eet" | "sast" | "cat" => 120,
        "eest" | "msk" | "eat" | "ast" | "trt" => 180,
        "gst" => 240,
        "aft" => 270,
        "pkt" => 300,
        "ist" => 330,
        "npt" => 345,
        "bdt" => 360,
        "ict" | "wib" => 420,
        "hkt" | "sgt" | "awst" | "pht" => 480,
        "jst" | "kst" => 540,
        "aest" => 600,
        "aedt" => 660,
        "nzst" => 720,
        "nzdt" => 780,
        "est" => -300,
        "edt" => -240,
        "cst" => -360,
        "cdt" => -300,
        "mst" => -420,
        "mdt" => -360,
        "pst" => -480,
        "pdt" => -420,
        "et" => us(-300),
        "ct" => us(-360),
        "mt" => us(-420),
        "pt" => us(-480),
        _ => return None,
    };
    Some(minutes)
}

/// A day without a year, as a wire dateline prints it: "Dec 30", "Dec. 30",
/// "30 December", "December 30, 2025". Gives month, day and the year if printed.
pub(super) fn parse_month_day(s: &str) -> Option<(u32, u32, Option<i32>)> {
    let s = ascii_digits(s);
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let (a, b, rest) = match tokens.as_slice() {
        [a, b, rest @ ..] => (*a, *b, rest),
        _ => return None,
    };
    let (m, d) = match (month(a), day(b), day(a), month(b)) {
        (Some(m), Some(d), _, _) => (m, d),
        (_, _, Some(d), Some(m)) => (m, d),
        _ => return None,
    };
    match rest {
        [] => Some((m, d, None)),
        [y] => Some((m, d, Some(year(y)?))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: &str) -> Option<String> {
        parse_date_line(line).map(|d| d.at.to_rfc3339())
    }

    #[test]
    fn printed_dates() {
        let midnight = Some("2025-12-30T00:00:00+00:00".to_owned());
        for line in [
            "December 30, 2025",
            "30 December 2025",
            "Dec 30, 2025",
            "Dec. 30, 2025",
            "2025-12-30",
            "30/12/2025",
            "Tuesday, December 30, 2025",
            "Tue 30 Dec 2025",
            "30th December 2025",
            "Published: December 30, 2025",
            "Published on 30 December 2025",
        ] {
            assert_eq!(at(line), midnight, "{line}");
        }
    }

    #[test]
    fn times_and_zones() {
        let cases = [
            (
                "Updated: 30 Dec 2025, 10:32 GMT",
                "2025-12-30T10:32:00+00:00",
            ),
            (
                "December 30, 2025 10:15 AM GMT",
                "2025-12-30T10:15:00+00:00",
            ),
            ("Dec 30, 2025 at 3:05 p.m. ET", "2025-12-30T20:05:00+00:00"),
            ("Tue 30 Dec 2025 10.32 GMT", "2025-12-30T10:32:00+00:00"),
            ("2025-12-30T10:32:00Z", "2025-12-30T10:32:00+00:00"),
            ("2025-12-30T15:32:00+05:00", "2025-12-30T10:32:00+00:00"),
            ("30 December 2025 14:02 (PKT)", "2025-12-30T09:02:00+00:00"),
            (
                "Last updated 30 December 2025 1032 GMT",
                "2025-12-30T10:32:00+00:00",
            ),
            ("June 3, 2025 9:00 ET", "2025-06-03T13:00:00+00:00"),
            ("30 Dec 2025 10:32 UTC+5:30", "2025-12-30T05:02:00+00:00"),
            (
                "Updated 3:42 PM GMT+2, March 4, 2026",
                "2026-03-04T13:42:00+00:00",
            ),
            ("7:02 a.m. ET Thursday, March 5, 2026", "2026-03-05T12:02:00+00:00"),
            (
                "\u{663}\u{660} \u{62f}\u{64a}\u{633}\u{645}\u{628}\u{631} \u{662}\u{660}\u{662}\u{665}",
                "2025-12-30T00:00:00+00:00",
            ),
        ];
        for (line, want) in cases {
            assert_eq!(at(line).as_deref(), Some(want), "{line}");
        }
        let updated = parse_date_line("Updated 30 Dec 2025").map(|d| d.role);
        assert_eq!(updated, Some(DateRole::Updated));
    }

    #[test]
    fn sentences_with_dates_are_not_date_lines() {
        for line in [
            "On December 30, 2025 the council met.",
            "December 30, 2025 was a Tuesday",
            "03/04/2025",
            "Updated 2 hours ago",
            "2025",
            "December 2025",
            "30 December 2025 10:32 Kabul",
            "Dec 30, 2025 1032",
            "3:42 PM",
            "3:42 PM Kabul, March 4, 2026",
            "Dec 32, 2025",
            "February 30, 2025",
            "",
        ] {
            assert_eq!(at(line), None, "{line}");
        }
    }

    #[test]
    fn dateline_days() {
        assert_eq!(parse_month_day("Dec 30"), Some((12, 30, None)));
        assert_eq!(parse_month_day("30 December"), Some((12, 30, None)));
        assert_eq!(parse_month_day("Dec. 3, 2025"), Some((12, 3, Some(2025))));
        assert_eq!(parse_month_day("Kabul"), None);
        assert_eq!(parse_month_day("Dec 30 Kabul"), None);
    }
}
