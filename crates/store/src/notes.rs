//! The `notes` table: editors' internal remarks on a story, never exported.

use dateline_core::{Note, Story, StoryId, TextRange};
use rusqlite::{params, Connection, Transaction};

use crate::convert::{decode_err, parse_time, time_text};
use crate::error::Result;

pub(crate) fn replace(tx: &Transaction<'_>, story: &Story) -> Result<()> {
    let id = story.id.to_string();
    tx.prepare_cached("DELETE FROM notes WHERE story_id = ?1")?
        .execute([&id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO notes (id, story_id, position, author, text, anchor_start, anchor_end, \
         created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (position, n) in story.notes.iter().enumerate() {
        insert.execute(params![
            n.id.to_string(),
            id,
            position as i64,
            n.author,
            n.text,
            n.anchor.map(|a| a.start as i64),
            n.anchor.map(|a| a.end as i64),
            time_text(n.created_at),
        ])?;
    }
    Ok(())
}

pub(crate) fn list(conn: &Connection, story: StoryId) -> Result<Vec<Note>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, author, text, anchor_start, anchor_end, created_at FROM notes \
         WHERE story_id = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([story.to_string()], |r| {
            let start: Option<i64> = r.get(3)?;
            let end: Option<i64> = r.get(4)?;
            Ok(Note {
                id: uuid::Uuid::parse_str(&r.get::<_, String>(0)?)
                    .map_err(|e| decode_err("notes.id", e))?,
                author: r.get(1)?,
                text: r.get(2)?,
                anchor: match (start, end) {
                    (Some(s), Some(e)) => Some(TextRange {
                        start: s.max(0) as usize,
                        end: e.max(0) as usize,
                    }),
                    _ => None,
                },
                created_at: parse_time("notes.created_at", &r.get::<_, String>(5)?)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
