//! Values between Rust and SQLite, in one place every table module uses:
//! times as RFC 3339 text, ids, statuses, JSON columns, and the rows that
//! several tables read (a story's summary), read by column name.

use chrono::{DateTime, Utc};
use dateline_core::{Status, StoryId, StorySummary};
use rusqlite::Row;
use serde::de::DeserializeOwned;

/// A stored value that does not decode, naming the column.
pub(crate) fn decode_err(
    field: &str,
    e: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("{field}: {e}").into(),
    )
}

/// Times are stored as RFC 3339 text with nanoseconds, in UTC, so that text
/// order is time order.
pub(crate) fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

pub(crate) fn parse_time(field: &str, text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| decode_err(field, e))
}

/// A time column, read by name.
pub(crate) fn time_at(row: &Row<'_>, column: &str) -> rusqlite::Result<DateTime<Utc>> {
    parse_time(column, &row.get::<_, String>(column)?)
}

/// A time column that may be empty, read by name.
pub(crate) fn optional_time_at(
    row: &Row<'_>,
    column: &str,
) -> rusqlite::Result<Option<DateTime<Utc>>> {
    row.get::<_, Option<String>>(column)?
        .map(|t| parse_time(column, &t))
        .transpose()
}

pub(crate) fn parse_id(text: &str) -> rusqlite::Result<StoryId> {
    uuid::Uuid::parse_str(text)
        .map(StoryId)
        .map_err(|e| decode_err("id", e))
}

/// A story id column, read by name.
pub(crate) fn id_at(row: &Row<'_>, column: &str) -> rusqlite::Result<StoryId> {
    parse_id(&row.get::<_, String>(column)?).map_err(|_| {
        decode_err(
            column,
            std::io::Error::new(std::io::ErrorKind::InvalidData, "not a story id"),
        )
    })
}

pub(crate) fn parse_status(field: &str, text: &str) -> rusqlite::Result<Status> {
    Status::parse(text).map_err(|e| decode_err(field, e))
}

/// A workflow status column, read by name.
pub(crate) fn status_at(row: &Row<'_>, column: &str) -> rusqlite::Result<Status> {
    parse_status(column, &row.get::<_, String>(column)?)
}

/// A column holding JSON (lists of bylines, tags), read by name.
pub(crate) fn json_at<T: DeserializeOwned>(row: &Row<'_>, column: &str) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    serde_json::from_str(&text).map_err(|e| decode_err(column, e))
}

/// The columns of a story's summary, as `summary_from_row` reads them; the
/// table is aliased `s`, and [`SUMMARY_JOIN`] follows it.
pub(crate) const SUMMARY_COLUMNS: &str =
    "s.id, s.status, s.kicker, s.headline, s.section, s.word_count, s.version, s.updated_at, \
     l.role AS link_role, l.peer_name AS link_peer, l.last_kind AS link_kind, \
     (SELECT group_concat(t.name, char(31)) FROM cms_posts p JOIN cms_targets t ON t.id = p.target_id \
      WHERE p.story_id = s.id) AS sent_to, \
     (SELECT count(*) FROM cms_outbox o WHERE o.story_id = s.id) AS queued";

/// The join that gives a summary its review label (one primary-key lookup a row).
pub(crate) const SUMMARY_JOIN: &str =
    "LEFT JOIN story_links l ON l.story_id = s.id AND l.deleted = 0";

/// The library list's label for a story sent or received for review.
pub(crate) fn review_label(role: Option<&str>, peer: &str, last_kind: &str) -> String {
    match role {
        Some("sent") if !peer.is_empty() && last_kind == "return" => format!("Returned by {peer}"),
        Some("sent") => "Sent for review".to_owned(),
        Some("received") if last_kind == "return" && !peer.is_empty() => {
            format!("Returned by {peer}")
        }
        Some("received") if !peer.is_empty() => format!("From {peer}, for review"),
        Some("received") => "Received for review".to_owned(),
        _ => String::new(),
    }
}

/// A line of the library list, from a row of [`SUMMARY_COLUMNS`].
pub(crate) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<StorySummary> {
    Ok(StorySummary {
        id: id_at(row, "id")?,
        status: status_at(row, "status")?,
        kicker: row.get("kicker")?,
        headline: row.get("headline")?,
        section: row.get("section")?,
        word_count: row.get::<_, i64>("word_count")?.max(0) as usize,
        version: row.get("version")?,
        updated_at: time_at(row, "updated_at")?,
        review: review_label(
            row.get::<_, Option<String>>("link_role")?.as_deref(),
            &row.get::<_, Option<String>>("link_peer")?
                .unwrap_or_default(),
            &row.get::<_, Option<String>>("link_kind")?
                .unwrap_or_default(),
        ),
        sent_to: row
            .get::<_, Option<String>>("sent_to")?
            .map(|names| names.split('\u{1f}').map(str::to_owned).collect())
            .unwrap_or_default(),
        queued: row.get::<_, i64>("queued")?.clamp(0, u32::MAX as i64) as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_keep_their_order_as_text() {
        let early = parse_time("t", "2025-12-30T08:00:00Z").unwrap();
        let late = parse_time("t", "2025-12-30T08:00:00.5Z").unwrap();
        assert!(time_text(early) < time_text(late));
        assert_eq!(parse_time("t", &time_text(late)).unwrap(), late);
        let err = parse_time("created_at", "yesterday").unwrap_err();
        assert!(err.to_string().contains("created_at"), "{err}");
    }
}
