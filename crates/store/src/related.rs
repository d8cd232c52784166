//! The `related_links` table: the "Related" list under a story, in order.

use dateline_core::{RelatedLink, Story, StoryId};
use rusqlite::{params, Connection, Transaction};

use crate::error::Result;

pub(crate) fn replace(tx: &Transaction<'_>, story: &Story) -> Result<()> {
    let id = story.id.to_string();
    tx.prepare_cached("DELETE FROM related_links WHERE story_id = ?1")?
        .execute([&id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO related_links (story_id, position, title, url, summary) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, r) in story.related.iter().enumerate() {
        insert.execute(params![id, position as i64, r.title, r.url, r.summary])?;
    }
    Ok(())
}

pub(crate) fn list(conn: &Connection, story: StoryId) -> Result<Vec<RelatedLink>> {
    let mut stmt = conn.prepare_cached(
        "SELECT title, url, summary FROM related_links WHERE story_id = ?1 ORDER BY position",
    )?;
    let rows = stmt
        .query_map([story.to_string()], |r| {
            Ok(RelatedLink {
                title: r.get(0)?,
                url: r.get(1)?,
                summary: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
