//! Setting one part of a story by name: the scripting edge (`dateline set`).

use chrono::{DateTime, NaiveDate, Utc};

use crate::{Byline, ModelError, RelatedLink, Status, Story};

/// The names `set_field` accepts, as printed in errors.
pub const SETTABLE: &[&str] = &[
    "kicker",
    "headline",
    "headlines.seo",
    "headlines.social",
    "headlines.print",
    "standfirst",
    "meta_description",
    "body",
    "section",
    "tags",
    "focus_keyphrase",
    "dateline.place",
    "dateline.date",
    "publish_at",
    "embargo_until",
    "bylines",
    "related",
    "corrections",
    "status",
];

fn bad(field: &str, message: impl Into<String>) -> ModelError {
    ModelError::BadValue {
        field: field.to_owned(),
        message: message.into(),
    }
}

/// Parses a date typed by a person: `2025-12-30`.
pub fn parse_date(field: &str, value: &str) -> Result<Option<NaiveDate>, ModelError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| bad(field, format!("{value:?} is not a date like 2025-12-30")))
}

/// Parses a moment: RFC 3339, or a bare date taken as midnight UTC.
pub fn parse_moment(field: &str, value: &str) -> Result<Option<DateTime<Utc>>, ModelError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(value) {
        return Ok(Some(t.with_timezone(&Utc)));
    }
    match parse_date(field, value) {
        Ok(Some(d)) => Ok(d.and_hms_opt(0, 0, 0).map(|t| t.and_utc())),
        _ => Err(bad(
            field,
            format!("{value:?} is not a date-time like 2025-12-30T09:00:00Z"),
        )),
    }
}

impl Story {
    /// Sets the part named `field` from text. Lists take JSON (`bylines`,
    /// `related`) or, for tags, a comma-separated list. The text is cleaned
    /// as every way into a story cleans it ([`Story::clean_text`]: control
    /// characters out, line ends as `\n`), then the story is validated; on
    /// error it is left as it was.
    pub fn set_field(&mut self, field: &str, value: &str) -> Result<(), ModelError> {
        let mut next = self.clone();
        let text = value.to_owned();
        match field {
            "kicker" => next.kicker = text,
            "headline" => next.headline = text,
            "headlines.seo" => next.headlines.seo = text,
            "headlines.social" => next.headlines.social = text,
            "headlines.print" => next.headlines.print = text,
            "standfirst" => next.standfirst = text,
            "meta_description" => next.meta_description = text,
            "body" => next.body = text,
            "section" => next.section = text,
            "focus_keyphrase" => next.focus_keyphrase = text,
            "dateline.place" => next.dateline.place = text,
            "dateline.date" => next.dateline.date = parse_date(field, value)?,
            "publish_at" => next.publish_at = parse_moment(field, value)?,
            "embargo_until" => next.embargo_until = parse_moment(field, value)?,
            "corrections" => {
                next.corrections = serde_json::from_str::<Vec<crate::Correction>>(value)
                    .map_err(|e| bad(field, format!("expected a JSON list of corrections ({e})")))?
            }
            "tags" => {
                next.tags = if value.trim_start().starts_with('[') {
                    serde_json::from_str(value).map_err(|e| bad(field, e.to_string()))?
                } else {
                    crate::text::split_tags(value)
                }
            }
            "bylines" => {
                next.bylines = serde_json::from_str::<Vec<Byline>>(value)
                    .map_err(|e| bad(field, format!("expected a JSON list of bylines ({e})")))?
            }
            "related" => {
                next.related = serde_json::from_str::<Vec<RelatedLink>>(value)
                    .map_err(|e| bad(field, format!("expected a JSON list of links ({e})")))?
            }
            "status" => next.transition(Status::parse(value)?)?,
            other => {
                return Err(ModelError::UnknownField {
                    field: other.to_owned(),
                    known: SETTABLE.join(", "),
                })
            }
        }
        // The whole story, not only the field: a JSON list brings several
        // texts at once, and one rule for every field is simpler to trust.
        next.clean_text();
        next.validate()?;
        *self = next;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_parts_by_name() {
        let mut s = Story::new("Old");
        s.set_field("headline", "New").unwrap();
        s.set_field("tags", "politics, diplomacy ,").unwrap();
        s.set_field("dateline.date", "2025-12-30").unwrap();
        s.set_field("publish_at", "2025-12-30").unwrap();
        s.set_field(
            "related",
            r#"[{"title":"More","url":"https://example.com/a"}]"#,
        )
        .unwrap();
        assert_eq!(s.headline, "New");
        assert_eq!(s.tags, ["politics", "diplomacy"]);
        assert_eq!(
            s.dateline.date.map(|d| d.to_string()).as_deref(),
            Some("2025-12-30")
        );
        assert_eq!(s.related[0].url, "https://example.com/a");
        s.set_field("embargo_until", "2026-01-02T06:00:00+01:00")
            .unwrap();
        assert_eq!(
            s.embargo_until.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-01-02T05:00:00+00:00")
        );
        s.set_field(
            "corrections",
            r#"[{"kind":"update","text":"Ferries resumed\u0000 at noon.","at":"2026-01-02T12:00:00Z"}]"#,
        )
        .unwrap();
        assert_eq!(s.corrections[0].kind, crate::CorrectionKind::Update);
        assert_eq!(s.corrections[0].text, "Ferries resumed at noon.", "cleaned");
        assert!(s.set_field("corrections", "[1]").is_err());
    }

    #[test]
    fn set_text_is_cleaned() {
        let mut s = Story::new("Old");
        s.set_field("headline", "Bell\u{7}s ring\r\n\u{0}").unwrap();
        assert_eq!(s.headline, "Bells ring\n");
        s.set_field("body", "One\r\nTwo\rThree\u{1b}[2J\u{85}")
            .unwrap();
        assert_eq!(s.body, "One\nTwo\nThree[2J");
        s.set_field("tags", "a\u{0}b, c").unwrap();
        assert_eq!(s.tags, ["ab", "c"]);
        s.set_field(
            "bylines",
            r#"[{"name":"Ana\u0000 Lima","role":"Staff\r\nwriter"}]"#,
        )
        .unwrap();
        assert_eq!(s.bylines[0].name, "Ana Lima");
        assert_eq!(s.bylines[0].role, "Staff\nwriter");
        s.set_field(
            "related",
            r#"[{"title":"More\u0007","url":"https://example.com/a","summary":"\u009fSum"}]"#,
        )
        .unwrap();
        assert_eq!(
            (s.related[0].title.as_str(), s.related[0].summary.as_str()),
            ("More", "Sum")
        );
        // A field that is nothing but controls is empty, and so refused.
        assert!(s.set_field("headline", "\u{0}\u{1}").is_err());
        assert_eq!(s.headline, "Bells ring\n");
    }

    #[test]
    fn a_refused_edit_changes_nothing() {
        let mut s = Story::new("Keep me");
        let before = s.clone();
        assert!(s.set_field("headline", "").is_err());
        assert!(s
            .set_field("related", r#"[{"title":"x","url":"javascript:alert(1)"}]"#)
            .is_err());
        assert!(s.set_field("dateline.date", "30/12/2025").is_err());
        let err = s.set_field("colour", "red").unwrap_err().to_string();
        assert!(err.starts_with("colour is not a part of a story"), "{err}");
        assert_eq!(s, before);
    }
}
