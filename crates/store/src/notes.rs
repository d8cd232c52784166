//! The `notes` table: comments on a story (internal, never exported), each
//! with the words it is about, its replies and whether it is resolved.

use dateline_core::{Anchor, Note, Signature, Story, StoryId};
use rusqlite::{params, Connection, Transaction};

use crate::convert::{decode_err, parse_time, time_text};
use crate::error::Result;

pub(crate) fn replace(tx: &Transaction<'_>, story: &Story) -> Result<()> {
    let id = story.id.to_string();
    tx.prepare_cached("DELETE FROM notes WHERE story_id = ?1")?
        .execute([&id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO notes (id, story_id, position, author, text, anchor_start, anchor_end, \
         created_at, field, exact, prefix, suffix, removed, replies, resolved_by, resolved_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    for (position, n) in story.notes.iter().enumerate() {
        let a = n.anchor.as_ref();
        insert.execute(params![
            n.id.to_string(),
            id,
            position as i64,
            n.author,
            n.text,
            a.map(|a| a.start as i64),
            a.map(|a| a.end as i64),
            time_text(n.created_at),
            a.map(|a| a.field.as_str()).unwrap_or("body"),
            a.map(|a| a.exact.as_str()).unwrap_or(""),
            a.map(|a| a.prefix.as_str()).unwrap_or(""),
            a.map(|a| a.suffix.as_str()).unwrap_or(""),
            a.is_some_and(|a| a.removed),
            serde_json::to_string(&n.replies)?,
            n.resolved.as_ref().map(|r| r.by.as_str()),
            n.resolved.as_ref().map(|r| time_text(r.at)),
        ])?;
    }
    Ok(())
}

pub(crate) fn list(conn: &Connection, story: StoryId) -> Result<Vec<Note>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, author, text, anchor_start, anchor_end, created_at, field, exact, prefix, \
         suffix, removed, replies, resolved_by, resolved_at FROM notes \
         WHERE story_id = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([story.to_string()], |r| {
            let start: Option<i64> = r.get("anchor_start")?;
            let end: Option<i64> = r.get("anchor_end")?;
            let resolved_by: Option<String> = r.get("resolved_by")?;
            let resolved_at: Option<String> = r.get("resolved_at")?;
            Ok(Note {
                id: uuid::Uuid::parse_str(&r.get::<_, String>("id")?)
                    .map_err(|e| decode_err("notes.id", e))?,
                author: r.get("author")?,
                text: r.get("text")?,
                anchor: match (start, end) {
                    (Some(s), Some(e)) => Some(Anchor {
                        field: r.get("field")?,
                        exact: r.get("exact")?,
                        prefix: r.get("prefix")?,
                        suffix: r.get("suffix")?,
                        start: s.max(0) as usize,
                        end: e.max(0) as usize,
                        removed: r.get("removed")?,
                    }),
                    _ => None,
                },
                created_at: parse_time("notes.created_at", &r.get::<_, String>("created_at")?)?,
                replies: serde_json::from_str(&r.get::<_, String>("replies")?)
                    .map_err(|e| decode_err("notes.replies", e))?,
                resolved: match (resolved_by, resolved_at) {
                    (Some(by), Some(at)) => Some(Signature {
                        by,
                        at: parse_time("notes.resolved_at", &at)?,
                    }),
                    _ => None,
                },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
