//! The sites a library sends stories to, and what it remembers of each
//! push: the post a story became, the pictures a site already holds, and the
//! pushes waiting in the outbox for a site to answer. The network is not
//! here (that is `dateline-cms`); this is the part that must survive a quit.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use dateline_core::{ModelError, StoryId};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::convert::{id_at, parse_time, time_at, time_text};
use crate::error::{Result, StoreError};
use crate::Library;

/// The longest name a target can have (characters).
pub const MAX_TARGET_NAME: usize = 60;

/// Which CMS a target is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CmsKind {
    WordPress,
    Ghost,
}

impl CmsKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CmsKind::WordPress => "wordpress",
            CmsKind::Ghost => "ghost",
        }
    }

    /// The name a person reads.
    pub fn label(self) -> &'static str {
        match self {
            CmsKind::WordPress => "WordPress",
            CmsKind::Ghost => "Ghost",
        }
    }

    pub fn parse(text: &str) -> Result<CmsKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "wordpress" | "wp" => Ok(CmsKind::WordPress),
            "ghost" => Ok(CmsKind::Ghost),
            other => Err(invalid(
                "kind",
                format!("{other:?} is not a CMS Dateline sends to (use wordpress or ghost)"),
            )),
        }
    }
}

/// The status a post gets on the site when it is pushed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostStatus {
    /// A draft on the site, for the web desk to publish (the default).
    #[default]
    Draft,
    /// Published at once.
    Publish,
    /// Scheduled for the story's publish time (a draft when it has none).
    Schedule,
}

impl PostStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PostStatus::Draft => "draft",
            PostStatus::Publish => "publish",
            PostStatus::Schedule => "schedule",
        }
    }

    pub fn parse(text: &str) -> Result<PostStatus> {
        match text.trim().to_ascii_lowercase().as_str() {
            "draft" | "" => Ok(PostStatus::Draft),
            "publish" | "published" => Ok(PostStatus::Publish),
            "schedule" | "scheduled" => Ok(PostStatus::Schedule),
            other => Err(invalid(
                "status",
                format!("{other:?} is not a post status (use draft, publish or schedule)"),
            )),
        }
    }
}

/// Where a target's secret is. The secret itself is never in the library.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "var", rename_all = "snake_case")]
pub enum SecretPlace {
    /// The operating system's keyring.
    Keyring,
    /// The app's memory, until it quits (where no keyring service runs).
    Session,
    /// An environment variable, read at each use (scripts and CI).
    Env(String),
}

impl SecretPlace {
    fn to_text(&self) -> String {
        match self {
            SecretPlace::Keyring => "keyring".to_owned(),
            SecretPlace::Session => "session".to_owned(),
            SecretPlace::Env(var) => format!("env:{var}"),
        }
    }

    fn from_text(text: &str) -> SecretPlace {
        match text {
            "session" => SecretPlace::Session,
            t => match t.strip_prefix("env:") {
                Some(var) => SecretPlace::Env(var.to_owned()),
                None => SecretPlace::Keyring,
            },
        }
    }
}

/// A site stories are sent to.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub id: Uuid,
    pub name: String,
    pub kind: CmsKind,
    /// The site's address (`https://news.example`), no trailing slash.
    pub url: String,
    /// The WordPress user the application password belongs to.
    pub user: String,
    pub secret: SecretPlace,
    pub default_status: PostStatus,
    /// Dateline section → the site's category (WordPress) or tag (Ghost).
    /// A section not named here goes as it is; one mapped to "" is left out.
    pub categories: BTreeMap<String, String>,
    /// Dateline tag → the site's tag, the same way.
    pub tags: BTreeMap<String, String>,
}

impl Target {
    /// What the site calls `section`: its mapping (any case), else itself;
    /// empty when the mapping leaves it out.
    pub fn site_section(&self, section: &str) -> String {
        mapped(&self.categories, section)
    }

    /// What the site calls `tag`, the same way.
    pub fn site_tag(&self, tag: &str) -> String {
        mapped(&self.tags, tag)
    }
}

fn mapped(map: &BTreeMap<String, String>, name: &str) -> String {
    let name = name.trim();
    map.get(name)
        .or_else(|| {
            map.iter()
                .find(|(k, _)| k.to_lowercase() == name.to_lowercase())
                .map(|(_, v)| v)
        })
        .map_or_else(|| name.to_owned(), |v| v.trim().to_owned())
}

/// A target as a person describes it, before it has an id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewTarget {
    pub name: String,
    pub kind: Option<CmsKind>,
    pub url: String,
    pub user: String,
    pub secret: Option<SecretPlace>,
    pub default_status: PostStatus,
    pub categories: BTreeMap<String, String>,
    pub tags: BTreeMap<String, String>,
}

/// The post a story became on a target.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemotePost {
    pub remote_id: String,
    pub url: String,
    pub slug: String,
    /// The site's own stamp of its last change (WordPress `modified_gmt`,
    /// Ghost `updated_at`), compared before each update.
    pub remote_modified: String,
    pub remote_status: String,
    pub pushed_version: i64,
    pub pushed_at: DateTime<Utc>,
}

/// Where a story went: for the story's panel and the library list.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Destination {
    pub target: String,
    pub kind: CmsKind,
    pub post: RemotePost,
}

/// A picture a site already holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteMedia {
    pub remote_id: String,
    pub url: String,
    /// The alt text and caption last sent with it.
    pub described: String,
}

/// A push waiting for its site.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: i64,
    pub story: StoryId,
    pub headline: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub target_id: Uuid,
    pub target: String,
    pub queued_at: DateTime<Utc>,
    pub attempts: u32,
    pub last_error: String,
    pub next_attempt_at: DateTime<Utc>,
    /// Its retries are used up: it waits for "Send now".
    pub held: bool,
}

/// How many automatic attempts a queued push gets before it waits for a
/// person ("Send now").
pub const OUTBOX_MAX_ATTEMPTS: u32 = 12;

/// The wait before the next attempt after `attempts` failed ones: 15 s
/// after the first, doubling, at most 30 minutes.
pub fn outbox_backoff(attempts: u32) -> chrono::Duration {
    let seconds = 15_i64.saturating_mul(1_i64 << attempts.saturating_sub(1).min(7));
    chrono::Duration::seconds(seconds.min(30 * 60))
}

fn invalid(field: &str, message: String) -> StoreError {
    StoreError::Invalid(ModelError::BadValue {
        field: field.into(),
        message,
    })
}

/// A site's address as Dateline keeps it: http(s), a host, no query, no
/// trailing slash.
pub fn normalise_site_url(text: &str) -> Result<String> {
    let url = text.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            invalid(
                "url",
                format!("{url:?} is not a site address (it must start with https:// or http://)"),
            )
        })?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty()
        || rest.contains(['?', '#', ' '])
        || rest.chars().any(char::is_control)
        || host.contains('@')
    {
        return Err(invalid(
            "url",
            format!("{url:?} is not a site address (like https://news.example)"),
        ));
    }
    Ok(url.to_owned())
}

fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(invalid("name", "a target needs a name".into()));
    }
    if name.chars().count() > MAX_TARGET_NAME || name.chars().any(char::is_control) {
        return Err(invalid(
            "name",
            format!("a target's name is one line of at most {MAX_TARGET_NAME} characters"),
        ));
    }
    Ok(name.to_owned())
}

fn check_env_var(place: &SecretPlace) -> Result<()> {
    if let SecretPlace::Env(var) = place {
        if var.is_empty() || !var.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(invalid(
                "secret",
                format!("{var:?} is not an environment variable's name"),
            ));
        }
    }
    Ok(())
}

/// A mapping as kept: names trimmed, entries with no Dateline name dropped.
fn clean_map(map: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    map.iter()
        .map(|(k, v)| (one_line(k), one_line(v)))
        .filter(|(k, _)| !k.is_empty())
        .collect()
}

fn one_line(text: &str) -> String {
    dateline_core::text::clean(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn map_text(map: &BTreeMap<String, String>) -> String {
    serde_json::to_string(map).unwrap_or_else(|_| "{}".into())
}

fn target_from_row(row: &Row<'_>) -> rusqlite::Result<Target> {
    let id: String = row.get("id")?;
    let kind: String = row.get("kind")?;
    let status: String = row.get("default_status")?;
    let categories: String = row.get("categories")?;
    let tags: String = row.get("tag_map")?;
    let secret: String = row.get("secret")?;
    Ok(Target {
        id: Uuid::parse_str(&id).map_err(|e| crate::convert::decode_err("id", e))?,
        name: row.get("name")?,
        kind: CmsKind::parse(&kind).map_err(|e| crate::convert::decode_err("kind", e))?,
        url: row.get("url")?,
        user: row.get("user")?,
        secret: SecretPlace::from_text(&secret),
        default_status: PostStatus::parse(&status).unwrap_or_default(),
        categories: serde_json::from_str(&categories).unwrap_or_default(),
        tags: serde_json::from_str(&tags).unwrap_or_default(),
    })
}

const TARGET_COLUMNS: &str =
    "id, name, kind, url, user, secret, default_status, categories, tag_map";

fn post_from_row(row: &Row<'_>) -> rusqlite::Result<RemotePost> {
    Ok(RemotePost {
        remote_id: row.get("remote_id")?,
        url: row.get("url")?,
        slug: row.get("slug")?,
        remote_modified: row.get("remote_modified")?,
        remote_status: row.get("remote_status")?,
        pushed_version: row.get("pushed_version")?,
        pushed_at: time_at(row, "pushed_at")?,
    })
}

fn outbox_from_row(row: &Row<'_>) -> rusqlite::Result<OutboxEntry> {
    let target_id: String = row.get("target_id")?;
    Ok(OutboxEntry {
        id: row.get("id")?,
        story: id_at(row, "story_id")?,
        headline: row.get("headline")?,
        target_id: Uuid::parse_str(&target_id)
            .map_err(|e| crate::convert::decode_err("target_id", e))?,
        target: row.get("target")?,
        queued_at: time_at(row, "queued_at")?,
        attempts: row.get::<_, i64>("attempts")?.clamp(0, u32::MAX as i64) as u32,
        last_error: row.get("last_error")?,
        next_attempt_at: time_at(row, "next_attempt_at")?,
        held: row.get::<_, i64>("held")? != 0,
    })
}

const OUTBOX_SELECT: &str = "SELECT o.id, o.story_id, s.headline, o.target_id, t.name AS target, \
     o.queued_at, o.attempts, o.last_error, o.next_attempt_at, o.held \
     FROM cms_outbox o JOIN stories s ON s.id = o.story_id JOIN cms_targets t ON t.id = o.target_id";

impl Library {
    /// Adds a site to send to. Names are unique, whatever their case.
    pub fn add_target(&mut self, new: &NewTarget) -> Result<Target> {
        let name = check_name(&new.name)?;
        let url = normalise_site_url(&new.url)?;
        let kind = new.kind.ok_or_else(|| {
            invalid(
                "kind",
                "say which CMS the site runs (WordPress or Ghost)".into(),
            )
        })?;
        let user = new.user.trim().to_owned();
        if kind == CmsKind::WordPress && user.is_empty() {
            return Err(invalid(
                "user",
                "a WordPress target needs the user its application password belongs to".into(),
            ));
        }
        let secret = new.secret.clone().unwrap_or(SecretPlace::Keyring);
        check_env_var(&secret)?;
        let tx = self.write_transaction()?;
        let taken: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM cms_targets WHERE name = ?1)")?
            .query_row([&name], |r| r.get(0))?;
        if taken {
            return Err(invalid(
                "name",
                format!("there is already a target named {name:?}; choose another name or remove that one"),
            ));
        }
        let target = Target {
            id: Uuid::now_v7(),
            name,
            kind,
            url,
            user,
            secret,
            default_status: new.default_status,
            categories: clean_map(&new.categories),
            tags: clean_map(&new.tags),
        };
        tx.prepare_cached(
            "INSERT INTO cms_targets (id, name, kind, url, user, secret, default_status, categories, \
             tag_map, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            target.id.to_string(),
            target.name,
            target.kind.as_str(),
            target.url,
            target.user,
            target.secret.to_text(),
            target.default_status.as_str(),
            map_text(&target.categories),
            map_text(&target.tags),
            time_text(Utc::now()),
        ])?;
        tx.commit()?;
        Ok(target)
    }

    /// Every target, by name.
    pub fn targets(&self) -> Result<Vec<Target>> {
        let sql = format!("SELECT {TARGET_COLUMNS} FROM cms_targets ORDER BY name");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], target_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The target of that name (any case) or id.
    pub fn target(&self, name_or_id: &str) -> Result<Target> {
        let key = name_or_id.trim();
        let sql =
            format!("SELECT {TARGET_COLUMNS} FROM cms_targets WHERE name = ?1 OR id = ?1 LIMIT 1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([key], target_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                id: format!("target {key:?}"),
            })
    }

    /// Changes a target's settings (not its id). The name stays unique.
    pub fn update_target(&mut self, target: &Target) -> Result<Target> {
        let name = check_name(&target.name)?;
        let url = normalise_site_url(&target.url)?;
        check_env_var(&target.secret)?;
        let tx = self.write_transaction()?;
        let clash: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM cms_targets WHERE name = ?1 AND id != ?2)",
            )?
            .query_row(params![name, target.id.to_string()], |r| r.get(0))?;
        if clash {
            return Err(invalid(
                "name",
                format!("there is already a target named {name:?}"),
            ));
        }
        let changed = tx
            .prepare_cached(
                "UPDATE cms_targets SET name = ?2, url = ?3, user = ?4, secret = ?5, \
                 default_status = ?6, categories = ?7, tag_map = ?8 WHERE id = ?1",
            )?
            .execute(params![
                target.id.to_string(),
                name,
                url,
                target.user.trim(),
                target.secret.to_text(),
                target.default_status.as_str(),
                map_text(&clean_map(&target.categories)),
                map_text(&clean_map(&target.tags)),
            ])?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                id: format!("target {}", target.name),
            });
        }
        tx.commit()?;
        self.target(&target.id.to_string())
    }

    /// Forgets a target, what was sent to it and its queued pushes. The
    /// posts stay on the site.
    pub fn remove_target(&mut self, name_or_id: &str) -> Result<Target> {
        let target = self.target(name_or_id)?;
        let tx = self.write_transaction()?;
        tx.prepare_cached("DELETE FROM cms_targets WHERE id = ?1")?
            .execute([target.id.to_string()])?;
        tx.commit()?;
        Ok(target)
    }

    /// The post `story` became on `target`, if it was pushed there.
    pub fn remote_post(&self, story: StoryId, target: Uuid) -> Result<Option<RemotePost>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT remote_id, url, slug, remote_modified, remote_status, pushed_version, pushed_at \
                 FROM cms_posts WHERE story_id = ?1 AND target_id = ?2",
            )?
            .query_row(params![story.to_string(), target.to_string()], post_from_row)
            .optional()?)
    }

    /// Every site `story` was pushed to.
    pub fn destinations(&self, story: StoryId) -> Result<Vec<Destination>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.name, t.kind, p.remote_id, p.url, p.slug, p.remote_modified, p.remote_status, \
             p.pushed_version, p.pushed_at FROM cms_posts p JOIN cms_targets t ON t.id = p.target_id \
             WHERE p.story_id = ?1 ORDER BY t.name",
        )?;
        let rows = stmt.query_map([story.to_string()], |row| {
            let kind: String = row.get("kind")?;
            Ok(Destination {
                target: row.get("name")?,
                kind: CmsKind::parse(&kind).map_err(|e| crate::convert::decode_err("kind", e))?,
                post: post_from_row(row)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records the post a push made or updated, clears the story's queued
    /// push to that target, and moves a Ready story to Exported. One
    /// transaction: a crash leaves either all of it or none.
    pub fn record_push(&mut self, story: StoryId, target: Uuid, post: &RemotePost) -> Result<()> {
        let tx = self.write_transaction()?;
        tx.prepare_cached(
            "INSERT INTO cms_posts (story_id, target_id, remote_id, url, slug, remote_modified, \
             remote_status, pushed_version, pushed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
             ON CONFLICT (story_id, target_id) DO UPDATE SET remote_id = excluded.remote_id, \
             url = excluded.url, slug = excluded.slug, remote_modified = excluded.remote_modified, \
             remote_status = excluded.remote_status, pushed_version = excluded.pushed_version, \
             pushed_at = excluded.pushed_at",
        )?
        .execute(params![
            story.to_string(),
            target.to_string(),
            post.remote_id,
            post.url,
            post.slug,
            post.remote_modified,
            post.remote_status,
            post.pushed_version,
            time_text(post.pushed_at),
        ])?;
        tx.prepare_cached("DELETE FROM cms_outbox WHERE story_id = ?1 AND target_id = ?2")?
            .execute(params![story.to_string(), target.to_string()])?;
        tx.commit()?;
        let current = self.get_story(story)?;
        if current.status == dateline_core::Status::Ready {
            self.set_status(
                story,
                dateline_core::Status::Exported,
                current.version,
                crate::Origin::Background,
            )?;
        }
        Ok(())
    }

    /// The picture with bytes `hash` on `target`, if it was uploaded there.
    pub fn remote_media(&self, target: Uuid, hash: &str) -> Result<Option<RemoteMedia>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT remote_id, url, described FROM cms_media WHERE target_id = ?1 AND hash = ?2",
            )?
            .query_row(params![target.to_string(), hash], |r| {
                Ok(RemoteMedia {
                    remote_id: r.get(0)?,
                    url: r.get(1)?,
                    described: r.get(2)?,
                })
            })
            .optional()?)
    }

    /// Remembers a picture uploaded to `target`.
    pub fn record_media(&mut self, target: Uuid, hash: &str, media: &RemoteMedia) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO cms_media (target_id, hash, remote_id, url, described) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (target_id, hash) DO UPDATE SET remote_id = excluded.remote_id, \
                 url = excluded.url, described = excluded.described",
            )?
            .execute(params![
                target.to_string(),
                hash,
                media.remote_id,
                media.url,
                media.described
            ])?;
        Ok(())
    }

    /// Queues a push of `story` to `target`, with why it could not go now;
    /// a push already queued counts one more failed attempt instead (see
    /// [`Library::outbox_attempt_failed`]). Returns the entry.
    pub fn queue_push(&mut self, story: StoryId, target: Uuid, why: &str) -> Result<OutboxEntry> {
        if let Some(entry) = self.outbox_entry(story, target)? {
            self.outbox_attempt_failed(entry.id, why)?;
        } else {
            let now = Utc::now();
            self.conn
                .prepare_cached(
                    "INSERT INTO cms_outbox (story_id, target_id, queued_at, attempts, last_error, next_attempt_at) \
                     VALUES (?1, ?2, ?3, 1, ?4, ?5)",
                )?
                .execute(params![
                    story.to_string(),
                    target.to_string(),
                    time_text(now),
                    why,
                    time_text(now + outbox_backoff(1)),
                ])?;
        }
        self.outbox_entry(story, target)?
            .ok_or_else(|| StoreError::Decode("outbox".into()))
    }

    pub fn outbox_entry(&self, story: StoryId, target: Uuid) -> Result<Option<OutboxEntry>> {
        let sql = format!("{OUTBOX_SELECT} WHERE o.story_id = ?1 AND o.target_id = ?2");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(
                params![story.to_string(), target.to_string()],
                outbox_from_row,
            )
            .optional()?)
    }

    /// Every queued push, oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxEntry>> {
        let sql = format!("{OUTBOX_SELECT} ORDER BY o.queued_at, o.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], outbox_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The queued pushes whose time has come (and not held), oldest first;
    /// with `all`, every one, held or not, whatever its time ("Send now").
    pub fn outbox_due(&self, now: DateTime<Utc>, all: bool) -> Result<Vec<OutboxEntry>> {
        let now = time_text(now);
        Ok(self
            .outbox()?
            .into_iter()
            .filter(|e| all || (!e.held && time_text(e.next_attempt_at) <= now))
            .collect())
    }

    /// Notes a failed attempt of a queued push: the error, and when to try
    /// again; after [`OUTBOX_MAX_ATTEMPTS`] it is held for a person.
    pub fn outbox_attempt_failed(&mut self, id: i64, why: &str) -> Result<()> {
        let now = Utc::now();
        let tx = self.write_transaction()?;
        let attempts: Option<i64> = tx
            .prepare_cached("SELECT attempts FROM cms_outbox WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let Some(attempts) = attempts else {
            return Ok(());
        };
        let attempts = (attempts.max(0) as u32).saturating_add(1);
        tx.prepare_cached(
            "UPDATE cms_outbox SET attempts = ?2, last_error = ?3, next_attempt_at = ?4, held = ?5 \
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            attempts,
            why,
            time_text(now + outbox_backoff(attempts)),
            attempts >= OUTBOX_MAX_ATTEMPTS,
        ])?;
        tx.commit()?;
        Ok(())
    }

    /// Holds the queued push of `story` to `target`, if there is one, for a
    /// person: the site answered with something a retry cannot fix (a wrong
    /// password, a changed post).
    pub fn outbox_hold(&mut self, story: StoryId, target: Uuid, why: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE cms_outbox SET held = 1, last_error = ?3 WHERE story_id = ?1 AND target_id = ?2",
            )?
            .execute(params![story.to_string(), target.to_string(), why])?;
        Ok(())
    }

    /// Removes the queued push of `story` to `target` without sending it.
    pub fn outbox_remove(&mut self, story: StoryId, target: Uuid) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM cms_outbox WHERE story_id = ?1 AND target_id = ?2")?
            .execute(params![story.to_string(), target.to_string()])?;
        Ok(())
    }
}

/// Reads a time the way the library writes them (for callers comparing
/// stamps kept as text).
pub fn parse_stamp(text: &str) -> Option<DateTime<Utc>> {
    parse_time("stamp", text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Origin;
    use dateline_core::Story;

    fn wordpress(name: &str) -> NewTarget {
        NewTarget {
            name: name.into(),
            kind: Some(CmsKind::WordPress),
            url: "https://news.example/".into(),
            user: "desk".into(),
            secret: Some(SecretPlace::Env("WP_SECRET".into())),
            ..NewTarget::default()
        }
    }

    #[test]
    fn targets_are_added_listed_found_and_removed() {
        let mut lib = Library::open_in_memory().unwrap();
        let t = lib.add_target(&wordpress("Main site")).unwrap();
        assert_eq!(t.url, "https://news.example");
        assert_eq!(lib.target("main SITE").unwrap().id, t.id);
        assert_eq!(lib.target(&t.id.to_string()).unwrap().name, "Main site");
        let err = lib.add_target(&wordpress("MAIN site")).unwrap_err();
        assert!(err.to_string().contains("already a target"), "{err}");
        assert_eq!(lib.targets().unwrap().len(), 1);
        lib.remove_target("Main site").unwrap();
        assert!(lib.targets().unwrap().is_empty());
        assert!(matches!(
            lib.target("Main site"),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn a_targets_names_for_sections_and_tags_are_kept() {
        let mut lib = Library::open_in_memory().unwrap();
        let mut new = wordpress("Main site");
        new.categories = [("  World ".to_owned(), "Inter\u{1b}national".to_owned())].into();
        new.tags = [
            ("war".to_owned(), String::new()),
            (" ".to_owned(), "x".to_owned()),
        ]
        .into();
        let mut t = lib.add_target(&new).unwrap();
        assert_eq!(t.categories["World"], "International", "one clean line");
        assert_eq!(t.tags.len(), 1, "an entry with no Dateline name is dropped");
        assert_eq!(t.site_section("WORLD"), "International");
        assert_eq!(t.site_section("Sport"), "Sport", "unmapped goes as it is");
        assert_eq!(t.site_tag("War"), "", "left out");
        t.tags.insert("Peace".into(), "Peace talks".into());
        lib.update_target(&t).unwrap();
        let read = lib.target("Main site").unwrap();
        assert_eq!(read.tags["Peace"], "Peace talks");
        assert_eq!(read.categories, t.categories);
    }

    #[test]
    fn bad_targets_are_refused_with_a_reason() {
        let mut lib = Library::open_in_memory().unwrap();
        for (new, says) in [
            (
                NewTarget {
                    url: "news.example".into(),
                    ..wordpress("a")
                },
                "https://",
            ),
            (
                NewTarget {
                    url: "https://".into(),
                    ..wordpress("a")
                },
                "site address",
            ),
            (
                NewTarget {
                    url: "https://u:p@x.example".into(),
                    ..wordpress("a")
                },
                "site address",
            ),
            (
                NewTarget {
                    user: " ".into(),
                    ..wordpress("a")
                },
                "user",
            ),
            (
                NewTarget {
                    name: "".into(),
                    ..wordpress("a")
                },
                "name",
            ),
            (
                NewTarget {
                    kind: None,
                    ..wordpress("a")
                },
                "WordPress or Ghost",
            ),
            (
                NewTarget {
                    secret: Some(SecretPlace::Env("A B".into())),
                    ..wordpress("a")
                },
                "environment variable",
            ),
        ] {
            let err = lib.add_target(&new).unwrap_err();
            assert!(err.to_string().contains(says), "{err}");
        }
    }

    #[test]
    fn a_push_is_recorded_and_a_ready_story_becomes_exported() {
        let mut lib = Library::open_in_memory().unwrap();
        let t = lib.add_target(&wordpress("Site")).unwrap();
        let mut story = Story::new("Harbour reopens");
        story.status = dateline_core::Status::Ready;
        let story = lib.create_story(&story, Origin::Cli).unwrap();
        let post = RemotePost {
            remote_id: "41".into(),
            url: "https://news.example/?p=41".into(),
            slug: "harbour-reopens".into(),
            remote_modified: "2026-12-02T08:00:00".into(),
            remote_status: "draft".into(),
            pushed_version: story.version,
            pushed_at: Utc::now(),
        };
        lib.queue_push(story.id, t.id, "offline").unwrap();
        lib.record_push(story.id, t.id, &post).unwrap();
        assert_eq!(lib.remote_post(story.id, t.id).unwrap(), Some(post));
        assert!(lib.outbox().unwrap().is_empty(), "the queued push is done");
        assert_eq!(
            lib.get_story(story.id).unwrap().status,
            dateline_core::Status::Exported
        );
        let went = lib.destinations(story.id).unwrap();
        assert_eq!(went.len(), 1);
        assert_eq!(went[0].target, "Site");
    }

    #[test]
    fn the_outbox_backs_off_and_holds_after_its_retries() {
        let mut lib = Library::open_in_memory().unwrap();
        let t = lib.add_target(&wordpress("Site")).unwrap();
        let story = lib
            .create_story(&Story::new("Queued"), Origin::Cli)
            .unwrap();
        let entry = lib.queue_push(story.id, t.id, "no network").unwrap();
        assert_eq!(entry.attempts, 1);
        assert!(
            lib.outbox_due(Utc::now(), false).unwrap().is_empty(),
            "not yet"
        );
        assert_eq!(lib.outbox_due(Utc::now(), true).unwrap().len(), 1);
        let later = Utc::now() + chrono::Duration::hours(2);
        assert_eq!(lib.outbox_due(later, false).unwrap().len(), 1);
        // Queuing again keeps one entry a story and target.
        lib.queue_push(story.id, t.id, "still no network").unwrap();
        assert_eq!(lib.outbox().unwrap().len(), 1);
        assert_eq!(lib.outbox().unwrap()[0].attempts, 2);
        for _ in 0..OUTBOX_MAX_ATTEMPTS {
            lib.outbox_attempt_failed(entry.id, "refused").unwrap();
        }
        let held = &lib.outbox().unwrap()[0];
        assert!(held.held);
        assert_eq!(held.last_error, "refused");
        assert!(lib
            .outbox_due(later + chrono::Duration::days(1), false)
            .unwrap()
            .is_empty());
        assert_eq!(outbox_backoff(1).num_seconds(), 15);
        assert_eq!(outbox_backoff(2).num_seconds(), 30);
        assert_eq!(outbox_backoff(20).num_seconds(), 30 * 60);
        // Deleting the story takes its queued push with it.
        lib.delete_story(story.id).unwrap();
        assert!(lib.outbox().unwrap().is_empty());
    }

    #[test]
    fn pictures_are_remembered_per_target() {
        let mut lib = Library::open_in_memory().unwrap();
        let a = lib.add_target(&wordpress("A")).unwrap();
        let b = lib.add_target(&wordpress("B")).unwrap();
        let m = RemoteMedia {
            remote_id: "7".into(),
            url: "https://news.example/a.png".into(),
            described: "alt|caption".into(),
        };
        lib.record_media(a.id, "abc", &m).unwrap();
        assert_eq!(lib.remote_media(a.id, "abc").unwrap(), Some(m));
        assert_eq!(lib.remote_media(b.id, "abc").unwrap(), None);
    }
}
