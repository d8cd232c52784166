//! The `stories` table: one row per story, its scalar parts and lists of
//! strings. Pictures, related links and notes live in their own tables.

use chrono::{DateTime, NaiveDate, Utc};
use dateline_core::{Dateline, HeadlineVariants, Status, Story, StoryId, StorySummary};
use rusqlite::{params, OptionalExtension, Row, Transaction};

use crate::error::{Result, StoreError};
use crate::{media, notes, related, revisions, search, Library, Origin};

/// How a save came about: it decides whether a revision is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveKind {
    /// The reporter asked for it (Ctrl+S): always a revision.
    Explicit,
    /// Typing paused: a revision at most every [`revisions::AUTOSAVE_REVISION_EVERY`].
    Autosave,
}

/// Which stories a list shows.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub status: Option<Status>,
    pub section: Option<String>,
    /// At most this many (most recently updated first); 0 means 200.
    pub limit: usize,
}

pub(crate) fn parse_time(field: &str, text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| decode_err(field, e))
}

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

pub(crate) fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
}

fn parse_id(text: &str) -> rusqlite::Result<StoryId> {
    uuid::Uuid::parse_str(text)
        .map(StoryId)
        .map_err(|e| decode_err("id", e))
}

fn parse_status(text: &str) -> rusqlite::Result<Status> {
    Status::parse(text).map_err(|e| decode_err("status", e))
}

const STORY_COLUMNS: &str = "id, version, status, kicker, headline, headline_seo, \
    headline_social, headline_print, standfirst, meta_description, bylines, dateline_place, \
    dateline_date, publish_at, section, tags, focus_keyphrase, body, created_at, updated_at";

fn story_from_row(row: &Row<'_>) -> rusqlite::Result<Story> {
    let bylines: String = row.get(10)?;
    let tags: String = row.get(15)?;
    let date: Option<String> = row.get(12)?;
    let publish_at: Option<String> = row.get(13)?;
    Ok(Story {
        id: parse_id(&row.get::<_, String>(0)?)?,
        version: row.get(1)?,
        status: parse_status(&row.get::<_, String>(2)?)?,
        kicker: row.get(3)?,
        headline: row.get(4)?,
        headlines: HeadlineVariants {
            seo: row.get(5)?,
            social: row.get(6)?,
            print: row.get(7)?,
        },
        standfirst: row.get(8)?,
        meta_description: row.get(9)?,
        bylines: serde_json::from_str(&bylines).map_err(|e| decode_err("bylines", e))?,
        dateline: Dateline {
            place: row.get(11)?,
            date: date
                .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
                .transpose()
                .map_err(|e| decode_err("dateline_date", e))?,
        },
        publish_at: publish_at
            .map(|t| parse_time("publish_at", &t))
            .transpose()?,
        section: row.get(14)?,
        tags: serde_json::from_str(&tags).map_err(|e| decode_err("tags", e))?,
        focus_keyphrase: row.get(16)?,
        body: row.get(17)?,
        created_at: parse_time("created_at", &row.get::<_, String>(18)?)?,
        updated_at: parse_time("updated_at", &row.get::<_, String>(19)?)?,
        media: Vec::new(),
        related: Vec::new(),
        notes: Vec::new(),
    })
}

pub(crate) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<StorySummary> {
    Ok(StorySummary {
        id: parse_id(&row.get::<_, String>(0)?)?,
        status: parse_status(&row.get::<_, String>(1)?)?,
        kicker: row.get(2)?,
        headline: row.get(3)?,
        section: row.get(4)?,
        word_count: row.get::<_, i64>(5)?.max(0) as usize,
        version: row.get(6)?,
        updated_at: parse_time("updated_at", &row.get::<_, String>(7)?)?,
    })
}

/// The sections in use, read from the `stories_by_section` index.
pub(crate) const SECTIONS_SQL: &str =
    "SELECT DISTINCT section FROM stories WHERE section != '' ORDER BY section";

pub(crate) const SUMMARY_COLUMNS: &str =
    "s.id, s.status, s.kicker, s.headline, s.section, s.word_count, s.version, s.updated_at";

/// Writes every column of `story` (the row must exist).
fn write_row(tx: &Transaction<'_>, story: &Story) -> Result<()> {
    tx.prepare_cached(
        "UPDATE stories SET version = ?2, status = ?3, kicker = ?4, headline = ?5, \
         headline_seo = ?6, headline_social = ?7, headline_print = ?8, standfirst = ?9, \
         meta_description = ?10, bylines = ?11, dateline_place = ?12, dateline_date = ?13, \
         publish_at = ?14, section = ?15, tags = ?16, focus_keyphrase = ?17, body = ?18, \
         word_count = ?19, created_at = ?20, updated_at = ?21 WHERE id = ?1",
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
    ])?;
    media::replace(tx, story)?;
    related::replace(tx, story)?;
    notes::replace(tx, story)?;
    search::index(tx, story)?;
    Ok(())
}

fn row_key(tx: &Transaction<'_>, id: StoryId) -> Result<Option<(i64, i64)>> {
    Ok(tx
        .prepare_cached("SELECT rowid_key, version FROM stories WHERE id = ?1")?
        .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Inserts a new story as version 1 with its first revision.
fn insert_story(tx: &Transaction<'_>, story: &Story, origin: Origin) -> Result<Story> {
    story.validate()?;
    let mut story = story.clone();
    // Timestamps come from the store, as does the version: never the caller.
    let now = Utc::now();
    story.version = 1;
    story.created_at = now;
    story.updated_at = now;
    tx.prepare_cached(
        "INSERT INTO stories (id, version, status, headline, created_at, updated_at) \
             VALUES (?1, 0, ?2, ?3, ?4, ?4)",
    )?
    .execute(params![
        story.id.to_string(),
        story.status.as_str(),
        story.headline,
        time_text(now)
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
    write_row(tx, &story)?;
    crate::status_history::record(tx, story.id, None, story.status, origin)?;
    revisions::record(tx, &story, "create", origin)?;
    Ok(story)
}

impl Library {
    /// Adds a new story to the library as version 1 and keeps a first revision.
    pub fn create_story(&mut self, story: &Story, origin: Origin) -> Result<Story> {
        let tx = self.conn.transaction()?;
        let story = insert_story(&tx, story, origin)?;
        tx.commit()?;
        Ok(story)
    }

    /// Adds many stories in one transaction: all of them or none.
    pub fn create_stories(&mut self, stories: &[Story], origin: Origin) -> Result<Vec<Story>> {
        let tx = self.conn.transaction()?;
        let created = stories
            .iter()
            .map(|s| insert_story(&tx, s, origin))
            .collect::<Result<Vec<_>>>()?;
        tx.commit()?;
        Ok(created)
    }

    /// The whole story, with its pictures, related links and notes.
    pub fn get_story(&self, id: StoryId) -> Result<Story> {
        let mut story = self
            .conn
            .prepare_cached(&format!(
                "SELECT {STORY_COLUMNS} FROM stories WHERE id = ?1"
            ))?
            .query_row([id.to_string()], story_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound { id: id.to_string() })?;
        story.media = media::list(&self.conn, id)?;
        story.related = related::list(&self.conn, id)?;
        story.notes = notes::list(&self.conn, id)?;
        Ok(story)
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
        let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM stories s");
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
        story.validate()?;
        let tx = self.conn.transaction()?;
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
        next.status = parse_status(&stored_status)?;
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
        let mut story = self.get_story(id)?;
        if story.version != expected_version {
            return Err(StoreError::Stale {
                yours: expected_version,
                theirs: story.version,
            });
        }
        let from = story.status;
        story.transition(to)?;
        let tx = self.conn.transaction()?;
        story.version += 1;
        story.updated_at = Utc::now();
        let changed = tx
            .prepare_cached(
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
        if changed != 1 {
            return Err(StoreError::Stale {
                yours: expected_version,
                theirs: expected_version + 1,
            });
        }
        crate::status_history::record(&tx, id, Some(from), to, origin)?;
        revisions::record(&tx, &story, "status", origin)?;
        tx.commit()?;
        Ok(story)
    }

    /// Removes a story and everything that belongs to it. Picture bytes stay,
    /// as other stories or revisions may use them.
    pub fn delete_story(&mut self, id: StoryId) -> Result<()> {
        let tx = self.conn.transaction()?;
        let (key, _) =
            row_key(&tx, id)?.ok_or_else(|| StoreError::NotFound { id: id.to_string() })?;
        search::unindex(&tx, key)?;
        tx.execute("DELETE FROM stories WHERE id = ?1", [id.to_string()])?;
        tx.commit()?;
        Ok(())
    }
}
