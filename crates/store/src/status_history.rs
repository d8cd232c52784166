//! The `status_history` table: every move through the workflow, for the record.

use chrono::{DateTime, Utc};
use dateline_core::{Status, StoryId};
use rusqlite::{params, Transaction};
use serde::Serialize;

use crate::convert::{parse_time, time_text};
use crate::error::Result;
use crate::{Library, Origin};

/// One move of a story's status.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    pub from: Option<Status>,
    pub to: Status,
    pub origin: String,
    pub at: DateTime<Utc>,
}

pub(crate) fn record(
    tx: &Transaction<'_>,
    story: StoryId,
    from: Option<Status>,
    to: Status,
    origin: Origin,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO status_history (story_id, from_status, to_status, origin, at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        story.to_string(),
        from.map(Status::as_str),
        to.as_str(),
        origin.as_str(),
        time_text(Utc::now())
    ])?;
    Ok(())
}

impl Library {
    /// The story's moves through the workflow, oldest first.
    pub fn list_status_history(&self, story: StoryId) -> Result<Vec<StatusChange>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT from_status, to_status, origin, at FROM status_history \
             WHERE story_id = ?1 ORDER BY id",
        )?;
        let parse = |s: String| {
            Status::parse(&s).map_err(|e| crate::convert::decode_err("status_history", e))
        };
        let rows = stmt
            .query_map([story.to_string()], |r| {
                Ok(StatusChange {
                    from: r.get::<_, Option<String>>(0)?.map(parse).transpose()?,
                    to: parse(r.get(1)?)?,
                    origin: r.get(2)?,
                    at: parse_time("at", &r.get::<_, String>(3)?)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
