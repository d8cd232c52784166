//! The `stories` table: one row per story, its scalar parts and lists of
//! strings. Pictures, related links and notes live in their own tables.

use chrono::{NaiveDate, Utc};
use dateline_core::{Dateline, HeadlineVariants, Status, Story, StoryId, StorySummary};
use rusqlite::{params, OptionalExtension, Row, Transaction};

use crate::convert::{
    decode_err, id_at, json_at, optional_time_at, parse_id, parse_status, status_at,
    summary_from_row, time_at, time_text, SUMMARY_COLUMNS, SUMMARY_JOIN,
};
use crate::error::{Result, StoreError};
use crate::revisions::SaveKind;
use crate::{links, media, notes, related, revisions, search, suggestions, Library, Origin};

/// Which stories a list shows.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub status: Option<Status>,
    pub section: Option<String>,
    /// At most this many (most recently updated first); 0 means 200.
    pub limit: usize,
}

const STORY_COLUMNS: &str = "id, version, status, kicker, headline, headline_seo, \
    headline_social, headline_print, standfirst, meta_description, bylines, dateline_place, \
    dateline_date, publish_at, section, tags, focus_keyphrase, body, created_at, updated_at, \
    embargo_until, corrections";

fn story_from_row(row: &Row<'_>) -> rusqlite::Result<Story> {
    let date: Option<String> = row.get("dateline_date")?;
    Ok(Story {
        id: id_at(row, "id")?,
        version: row.get("version")?,
        status: status_at(row, "status")?,
        kicker: row.get("kicker")?,
        headline: row.get("headline")?,
        headlines: HeadlineVariants {
            seo: row.get("headline_seo")?,
            social: row.get("headline_social")?,
            print: row.get("headline_print")?,
        },
        standfirst: row.get("standfirst")?,
        meta_description: row.get("meta_description")?,
        bylines: json_at(row, "bylines")?,
        dateline: Dateline {
            place: row.get("dateline_place")?,
            date: date
                .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
                .transpose()
                .map_err(|e| decode_err("dateline_date", e))?,
        },
        publish_at: optional_time_at(row, "publish_at")?,
        embargo_until: optional_time_at(row, "embargo_until")?,
        section: row.get("section")?,
        tags: json_at(row, "tags")?,
        focus_keyphrase: row.get("focus_keyphrase")?,
        body: row.get("body")?,
        created_at: time_at(row, "created_at")?,
        updated_at: time_at(row, "updated_at")?,
        media: Vec::new(),
        related: Vec::new(),
        notes: Vec::new(),
        suggestions: Vec::new(),
        corrections: json_at(row, "corrections")?,
    })
}

/// The sections in use, read from the `stories_by_section` index.
pub(crate) const SECTIONS_SQL: &str =
    "SELECT DISTINCT section FROM stories WHERE section != '' ORDER BY section";

/// Writes every column of `story` (the row must exist).
fn write_row(tx: &Transaction<'_>, story: &Story) -> Result<()> {
    tx.prepare_cached(
        "UPDATE stories SET version = ?2, status = ?3, kicker = ?4, headline = ?5, \
         headline_seo = ?6, headline_social = ?7, headline_print = ?8, standfirst = ?9, \
         meta_description = ?10, bylines = ?11, dateline_place = ?12, dateline_date = ?13, \
         publish_at = ?14, section = ?15, tags = ?16, focus_keyphrase = ?17, body = ?18, \
         word_count = ?19, created_at = ?20, updated_at = ?21, embargo_until = ?22, \
         corrections = ?23 WHERE id = ?1",
    )?
    .execute(params![
        story.id.to_string(),
        story.version,
        story.status.as_str(),
        story.kicker,
        story.headline,
        story.headlines.seo,
        story.headlines.social,
        story.headlines.print,
        story.standfirst,
        story.meta_description,
        serde_json::to_string(&story.bylines)?,
        story.dateline.place,
        story.dateline.date.map(|d| d.to_string()),
        story.publish_at.map(time_text),
        story.section,
        serde_json::to_string(&story.tags)?,
        story.focus_keyphrase,
        story.body,
        story.word_count() as i64,
        time_text(story.created_at),
        time_text(story.updated_at),
        story.embargo_until.map(time_text),
        serde_json::to_string(&story.corrections)?,
    ])?;
    media::replace(tx, story)?;
    related::replace(tx, story)?;
    notes::replace(tx, story)?;
    suggestions::replace(tx, story)?;
    search::index(tx, story)?;
    Ok(())
}

fn row_key(tx: &Transaction<'_>, id: StoryId) -> Result<Option<(i64, i64)>> {
    Ok(tx
        .prepare_cached("SELECT rowid_key, version FROM stories WHERE id = ?1")?
        .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// A story as every way in (the window, the command line, an import, a
/// package) stores it: cleaned (no control characters, one kind of line
/// break), its comments found again on their words, and checked.
pub(crate) fn prepare(story: &Story) -> Result<Story> {
    let mut story = story.clone();
    story.clean_text();
    dateline_core::review::reanchor_story(&mut story);
    story.validate()?;
    Ok(story)
}

/// Inserts a new story as version 1 with its first revision.
fn insert_story(tx: &Transaction<'_>, story: &Story, origin: Origin) -> Result<Story> {
    let mut story = prepare(story)?;
    // Timestamps come from the store, as does the version: never the caller.
    let now = Utc::now();
    story.version = 1;
    story.created_at = now;
    story.updated_at = now;
    insert_row(tx, &story)?;
    crate::status_history::record(tx, story.id, None, story.status, origin)?;
    revisions::record(tx, &story, "create", origin)?;
    Ok(story)
}

/// Inserts a story as it comes, keeping its id, version, timestamps and
/// status (a story from a package: it is the same story as in the library
/// it came from), with a revision giving `reason`. The story must have been
/// through [`prepare`].
pub(crate) fn insert_as_is(
    tx: &Transaction<'_>,
    story: &Story,
    reason: &str,
    origin: Origin,
) -> Result<Story> {
    let mut story = story.clone();
    story.version = story.version.max(1);
    insert_row(tx, &story)?;
    crate::status_history::record(tx, story.id, None, story.status, origin)?;
    revisions::record(tx, &story, reason, origin)?;
    Ok(story)
}

/// A new row for `story` and every part of it.
fn insert_row(tx: &Transaction<'_>, story: &Story) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO stories (id, version, status, headline, created_at, updated_at) \
             VALUES (?1, 0, ?2, ?3, ?4, ?4)",
    )?
    .execute(params![
        story.id.to_string(),
        story.status.as_str(),
        story.headline,
        time_text(story.created_at)
    ])
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            StoreError::Invalid(dateline_core::ModelError::BadValue {
                field: "id".into(),
                message: format!("a story with id {} already exists", story.id),
            })
        }
        _ => StoreError::Sqlite(e),
    })?;
    write_row(tx, story)
}

/// Writes `story`, read from the library in `tx` and changed, as its next
/// version (the stored status stays), keeping a revision giving `reason`.
pub(crate) fn write_next_version(
    tx: &Transaction<'_>,
    story: &Story,
    reason: &str,
    origin: Origin,
) -> Result<Story> {
    let (_, stored) = row_key(tx, story.id)?.ok_or_else(|| StoreError::NotFound {
        id: story.id.to_string(),
    })?;
    let stored_status: String = tx
        .prepare_cached("SELECT status FROM stories WHERE id = ?1")?
        .query_row([story.id.to_string()], |r| r.get(0))?;
    let mut next = story.clone();
    next.status = parse_status("status", &stored_status)?;
    next.version = stored + 1;
    next.updated_at = Utc::now();
    write_row(tx, &next)?;
    revisions::record(tx, &next, reason, origin)?;
    Ok(next)
}

/// Whether a story with this id is in the library.
pub(crate) fn exists(conn: &rusqlite::Connection, id: StoryId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM stories WHERE id = ?1")?
        .query_row([id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Reads a whole story through `conn` (a transaction, when the read must see
/// what the write after it will change).
pub(crate) fn load(conn: &rusqlite::Connection, id: StoryId) -> Result<Story> {
    let mut story = conn
        .prepare_cached(&format!(
            "SELECT {STORY_COLUMNS} FROM stories WHERE id = ?1"
        ))?
        .query_row([id.to_string()], story_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound { id: id.to_string() })?;
    story.media = media::list(conn, id)?;
    story.related = related::list(conn, id)?;
    story.notes = notes::list(conn, id)?;
    story.suggestions = suggestions::list(conn, id)?;
    Ok(story)
}

impl Library {
    /// Adds a new story to the library as version 1 and keeps a first revision.
    pub fn create_story(&mut self, story: &Story, origin: Origin) -> Result<Story> {
        let tx = self.write_transaction()?;
        let story = insert_story(&tx, story, origin)?;
        tx.commit()?;
        Ok(story)
    }

    /// Adds many stories in one transaction: all of them or none.
    pub fn create_stories(&mut self, stories: &[Story], origin: Origin) -> Result<Vec<Story>> {
        let tx = self.write_transaction()?;
        let created = stories
            .iter()
            .map(|s| insert_story(&tx, s, origin))
            .collect::<Result<Vec<_>>>()?;
        tx.commit()?;
        Ok(created)
    }

    /// The whole story, with its pictures, related links and notes.
    pub fn get_story(&self, id: StoryId) -> Result<Story> {
        load(&self.conn, id)
    }

    /// Finds a story by a full id or by the first characters of one (as printed
    /// by `list`), refusing prefixes that match more than one story.
    pub fn resolve_id(&self, text: &str) -> Result<StoryId> {
        let text = text.trim().to_ascii_lowercase();
        if let Ok(id) = StoryId::parse(&text) {
            return Ok(id);
        }
        if text.len() < 4 || !text.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(StoreError::NotFound { id: text });
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM stories WHERE id >= ?1 AND id < ?1 || 'g' LIMIT 2")?;
        let ids: Vec<String> = stmt
            .query_map([&text], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [one] => Ok(parse_id(one)?),
            [] => Err(StoreError::NotFound { id: text }),
            _ => Err(StoreError::Invalid(dateline_core::ModelError::BadValue {
                field: "id".into(),
                message: format!("{text} matches more than one story; give more of the id"),
            })),
        }
    }

    /// The most recently updated stories first.
    pub fn list_stories(&self, filter: &ListFilter) -> Result<Vec<StorySummary>> {
        let limit = if filter.limit == 0 { 200 } else { filter.limit };
        let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM stories s {SUMMARY_JOIN}");
        let mut clauses = Vec::new();
        let mut args: Vec<String> = Vec::new();
        if let Some(status) = filter.status {
            args.push(status.as_str().to_owned());
            clauses.push(format!("s.status = ?{}", args.len()));
        }
        if let Some(section) = filter.section.as_deref().filter(|s| !s.is_empty()) {
            args.push(section.to_owned());
            clauses.push(format!("s.section = ?{}", args.len()));
        }
        if !clauses.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&clauses.join(" AND "));
        }
        sql.push_str(&format!(" ORDER BY s.updated_at DESC LIMIT {limit}"));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), summary_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// How many stories the library holds.
    pub fn count_stories(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM stories", [], |r| r.get::<_, i64>(0))?
            .max(0) as usize)
    }

    /// The distinct sections in use, for filters.
    pub fn sections(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(SECTIONS_SQL)?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(rows)
    }

    /// Saves `story` over the stored one, if nobody saved in between:
    /// `story.version` must be the stored version, else [`StoreError::Stale`]
    /// and nothing is written. Returns the story as stored (new version).
    /// The status is not changed here: use [`Library::set_status`].
    pub fn save_story(&mut self, story: &Story, kind: SaveKind, origin: Origin) -> Result<Story> {
        let story = &prepare(story)?;
        let tx = self.write_transaction()?;
        let (_, theirs) = row_key(&tx, story.id)?.ok_or_else(|| StoreError::NotFound {
            id: story.id.to_string(),
        })?;
        if theirs != story.version {
            return Err(StoreError::Stale {
                yours: story.version,
                theirs,
            });
        }
        let stored_status: String = tx
            .prepare_cached("SELECT status FROM stories WHERE id = ?1")?
            .query_row([story.id.to_string()], |r| r.get(0))?;
        let mut next = story.clone();
        next.status = parse_status("status", &stored_status)?;
        next.version = theirs + 1;
        next.updated_at = Utc::now();
        write_row(&tx, &next)?;
        match kind {
            SaveKind::Explicit => revisions::record(&tx, &next, "save", origin)?,
            SaveKind::Autosave => revisions::record_if_due(&tx, &next, origin)?,
        }
        tx.commit()?;
        Ok(next)
    }

    /// Moves a story through the workflow, keeping the history of moves.
    pub fn set_status(
        &mut self,
        id: StoryId,
        to: Status,
        expected_version: i64,
        origin: Origin,
    ) -> Result<Story> {
        // Read inside the write transaction: the version checked is the one
        // the update replaces, and a refusal reports the real one.
        let tx = self.write_transaction()?;
        let mut story = load(&tx, id)?;
        if story.version != expected_version {
            return Err(StoreError::Stale {
                yours: expected_version,
                theirs: story.version,
            });
        }
        let from = story.status;
        story.transition(to)?;
        story.version += 1;
        story.updated_at = Utc::now();
        tx.prepare_cached(
            "UPDATE stories SET status = ?2, version = ?3, updated_at = ?4 \
                 WHERE id = ?1 AND version = ?5",
        )?
        .execute(params![
            id.to_string(),
            to.as_str(),
            story.version,
            time_text(story.updated_at),
            expected_version
        ])?;
        crate::status_history::record(&tx, id, Some(from), to, origin)?;
        revisions::record(&tx, &story, "status", origin)?;
        tx.commit()?;
        Ok(story)
    }

    /// Removes a story and everything that belongs to it. Picture bytes stay,
    /// as other stories or revisions may use them. A story sent or received
    /// for review leaves its link behind, marked deleted, so that a package
    /// of it opened later can bring it back.
    pub fn delete_story(&mut self, id: StoryId) -> Result<()> {
        let tx = self.write_transaction()?;
        let (key, _) =
            row_key(&tx, id)?.ok_or_else(|| StoreError::NotFound { id: id.to_string() })?;
        search::unindex(&tx, key)?;
        tx.execute("DELETE FROM stories WHERE id = ?1", [id.to_string()])?;
        links::mark_deleted(&tx, id)?;
        tx.commit()?;
        Ok(())
    }
}
