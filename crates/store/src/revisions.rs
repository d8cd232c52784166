//! The `revisions` table: whole-story snapshots to browse and restore. One is
//! kept on every explicit save, status move and restore, and while typing at
//! most every [`AUTOSAVE_REVISION_EVERY`].

use chrono::{DateTime, Duration, Utc};
use dateline_core::{Story, StoryId};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use crate::convert::{parse_time, time_text};
use crate::error::{Result, StoreError};
use crate::{Library, Origin};

/// How a save came about: it decides whether a revision is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveKind {
    /// The reporter asked for it (Ctrl+S): always a revision.
    Explicit,
    /// Typing paused: a revision at most every [`AUTOSAVE_REVISION_EVERY`].
    Autosave,
}

/// Autosaves keep a revision when the newest is older than this.
pub const AUTOSAVE_REVISION_EVERY: Duration = Duration::minutes(3);

/// A revision as a list shows it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevisionInfo {
    pub id: i64,
    pub story_id: StoryId,
    pub version: i64,
    /// `create`, `save`, `autosave`, `status`, `restore`, `receive`,
    /// `before merge`, `merge`, `accept`, `reject`.
    pub reason: String,
    pub origin: String,
    /// Who made it: the library's person at the time ("" before people were
    /// recorded).
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub headline: String,
    pub word_count: usize,
}

pub(crate) fn record(
    tx: &Transaction<'_>,
    story: &Story,
    reason: &str,
    origin: Origin,
) -> Result<()> {
    let author = crate::people::person_name(tx)?;
    tx.prepare_cached(
        "INSERT INTO revisions (story_id, version, reason, origin, created_at, snapshot, author) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        story.id.to_string(),
        story.version,
        reason,
        origin.as_str(),
        time_text(Utc::now()),
        serde_json::to_string(story)?,
        author,
    ])?;
    Ok(())
}

pub(crate) fn record_if_due(tx: &Transaction<'_>, story: &Story, origin: Origin) -> Result<()> {
    let newest: Option<String> = tx
        .prepare_cached(
            "SELECT created_at FROM revisions WHERE story_id = ?1 ORDER BY id DESC LIMIT 1",
        )?
        .query_row([story.id.to_string()], |r| r.get(0))
        .optional()?;
    let due = match newest {
        Some(t) => Utc::now() - parse_time("created_at", &t)? >= AUTOSAVE_REVISION_EVERY,
        None => true,
    };
    if due {
        record(tx, story, "autosave", origin)?;
    }
    Ok(())
}

impl Library {
    /// The story's revisions, newest first.
    pub fn list_revisions(&self, story: StoryId) -> Result<Vec<RevisionInfo>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, version, reason, origin, created_at, \
             json_extract(snapshot, '$.headline'), author FROM revisions WHERE story_id = ?1 \
             ORDER BY id DESC",
        )?;
        let rows = stmt
            .query_map([story.to_string()], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, version, reason, origin, at, headline, author)| {
                let snapshot = self.get_revision(id)?;
                Ok(RevisionInfo {
                    id,
                    story_id: story,
                    version,
                    reason,
                    origin,
                    author,
                    created_at: parse_time("created_at", &at)?,
                    headline: headline.unwrap_or_default(),
                    word_count: snapshot.word_count(),
                })
            })
            .collect()
    }

    /// The story as it was at a revision.
    pub fn get_revision(&self, revision: i64) -> Result<Story> {
        let text: String = self
            .conn
            .prepare_cached("SELECT snapshot FROM revisions WHERE id = ?1")?
            .query_row([revision], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                id: format!("revision {revision}"),
            })?;
        Ok(serde_json::from_str(&text)?)
    }

    /// Makes a revision the current text of its story (its status stays as it
    /// is). The current text is itself kept as a revision first, so a restore
    /// can be undone.
    pub fn restore_revision(
        &mut self,
        revision: i64,
        expected_version: i64,
        origin: Origin,
    ) -> Result<Story> {
        let old = self.get_revision(revision)?;
        let current = self.get_story(old.id)?;
        if current.version != expected_version {
            return Err(StoreError::Stale {
                yours: expected_version,
                theirs: current.version,
            });
        }
        let mut restored = old;
        restored.version = current.version;
        restored.status = current.status;
        restored.created_at = current.created_at;
        let saved = self.save_story(&restored, SaveKind::Explicit, origin)?;
        self.conn.execute(
            "UPDATE revisions SET reason = 'restore' WHERE id = \
             (SELECT max(id) FROM revisions WHERE story_id = ?1)",
            [saved.id.to_string()],
        )?;
        Ok(saved)
    }
}
