//! The `story_links` table: a story sent for review from this library, or
//! received from another, with the version both sides last shared (the base
//! of the next three-way merge). A link outlives its story's deletion.

use chrono::{DateTime, Utc};
use dateline_core::{Story, StoryId};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::convert::{parse_time, time_text};
use crate::error::Result;

/// Which side of a review this library is on for a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// This library sent the story for review.
    Sent,
    /// This library received the story for review.
    Received,
}

impl Role {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Role::Sent => "sent",
            Role::Received => "received",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub role: Role,
    /// Who sent the story to us; empty when we sent it and nobody has
    /// returned it yet.
    pub peer_name: String,
    /// The library the story was first sent from.
    pub home_library: String,
    /// The story as both sides last shared it.
    pub base: Story,
    /// `review` or `return`: the kind of the last package received, or empty.
    pub last_kind: String,
    pub updated_at: DateTime<Utc>,
    /// The story was deleted here.
    pub deleted: bool,
}

pub(crate) fn get(conn: &Connection, id: StoryId) -> Result<Option<Link>> {
    let row = conn
        .prepare_cached(
            "SELECT role, peer_name, home_library, base, last_kind, updated_at, deleted \
             FROM story_links WHERE story_id = ?1",
        )?
        .query_row([id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, bool>(6)?,
            ))
        })
        .optional()?;
    let Some((role, peer_name, home_library, base, last_kind, updated_at, deleted)) = row else {
        return Ok(None);
    };
    Ok(Some(Link {
        role: if role == "received" {
            Role::Received
        } else {
            Role::Sent
        },
        peer_name,
        home_library,
        base: serde_json::from_str(&base)?,
        last_kind,
        updated_at: parse_time("story_links.updated_at", &updated_at)?,
        deleted,
    }))
}

/// Records (or replaces) the link of `id`, not deleted.
pub(crate) fn put(tx: &Transaction<'_>, id: StoryId, link: &Link) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO story_links (story_id, role, peer_name, home_library, base, last_kind, \
         updated_at, deleted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
         ON CONFLICT (story_id) DO UPDATE SET role = excluded.role, \
         peer_name = excluded.peer_name, home_library = excluded.home_library, \
         base = excluded.base, last_kind = excluded.last_kind, \
         updated_at = excluded.updated_at, deleted = excluded.deleted",
    )?
    .execute(params![
        id.to_string(),
        link.role.as_str(),
        link.peer_name,
        link.home_library,
        serde_json::to_string(&link.base)?,
        link.last_kind,
        time_text(link.updated_at),
        link.deleted,
    ])?;
    Ok(())
}

/// Marks the link of a deleted story (if it has one).
pub(crate) fn mark_deleted(tx: &Transaction<'_>, id: StoryId) -> Result<()> {
    tx.prepare_cached("UPDATE story_links SET deleted = 1, updated_at = ?2 WHERE story_id = ?1")?
        .execute(params![id.to_string(), time_text(Utc::now())])?;
    Ok(())
}
