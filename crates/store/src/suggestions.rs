//! The `suggestions` table: proposed values for a story's fields other than
//! the body (the body carries its suggestions inline, as CriticMarkup).

use dateline_core::{Story, StoryId, Suggestion};
use rusqlite::{params, Connection, Transaction};

use crate::convert::{decode_err, parse_time, time_text};
use crate::error::Result;

pub(crate) fn replace(tx: &Transaction<'_>, story: &Story) -> Result<()> {
    let id = story.id.to_string();
    tx.prepare_cached("DELETE FROM suggestions WHERE story_id = ?1")?
        .execute([&id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO suggestions (id, story_id, position, field, original, proposed, author, \
         created_at, conflict) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (position, s) in story.suggestions.iter().enumerate() {
        insert.execute(params![
            s.id.to_string(),
            id,
            position as i64,
            s.field,
            s.original,
            s.proposed,
            s.author,
            time_text(s.created_at),
            s.conflict,
        ])?;
    }
    Ok(())
}

pub(crate) fn list(conn: &Connection, story: StoryId) -> Result<Vec<Suggestion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, field, original, proposed, author, created_at, conflict FROM suggestions \
         WHERE story_id = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([story.to_string()], |r| {
            Ok(Suggestion {
                id: uuid::Uuid::parse_str(&r.get::<_, String>(0)?)
                    .map_err(|e| decode_err("suggestions.id", e))?,
                field: r.get(1)?,
                original: r.get(2)?,
                proposed: r.get(3)?,
                author: r.get(4)?,
                created_at: parse_time("suggestions.created_at", &r.get::<_, String>(5)?)?,
                conflict: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
