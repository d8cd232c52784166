//! Story packages: one story sent for review, or returned, as one file.
//!
//! A package (`<slug>.dateline-story`) is a Dateline library file holding one
//! story (with its pictures' bytes, comments and suggestions) and a few
//! `package.*` keys in `library_meta`: who sent it, from which library, which
//! story, and the version both sides shared before (the base of the
//! three-way merge that brings a return home). Being a library, it is read
//! with every check a library gets: a package from an older Dateline is
//! upgraded (on a copy), one from a newer Dateline, a damaged or cut-short
//! file and a file that is not SQLite are refused with a sentence.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use dateline_core::review::{self, MergeReport};
use dateline_core::{Status, Story, StoryId};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::links::{self, Link, Role};
use crate::people::{self, get_meta, set_meta};
use crate::{stories, Library, Origin};

/// The extension of a story package's file name.
pub const PACKAGE_EXTENSION: &str = "dateline-story";

/// The package format this build writes and reads (`package.format`).
pub const PACKAGE_FORMAT: u32 = 1;

/// Why a package was sent.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PackageKind {
    /// Sent for review by the story's reporter.
    Review,
    /// Sent back by the person who reviewed it.
    Return,
}

impl PackageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PackageKind::Review => "review",
            PackageKind::Return => "return",
        }
    }

    fn parse(text: &str) -> Option<PackageKind> {
        match text {
            "review" => Some(PackageKind::Review),
            "return" => Some(PackageKind::Return),
            _ => None,
        }
    }
}

/// A package written by [`Library::send_story`].
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentPackage {
    pub story_id: StoryId,
    pub kind: PackageKind,
    /// The package file.
    pub path: String,
    /// Its size.
    pub bytes: u64,
}

/// What opening a package did to the library.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiveOutcome {
    /// A story new to this library.
    Added,
    /// The story here had not changed since both sides shared it: it now is
    /// the package's (a fast-forward). With an empty report, the package
    /// brought nothing new (it was opened before) and nothing was written.
    Updated,
    /// Both sides had changed the story: the package's changes were merged
    /// into this library's (conflicts kept as suggestions).
    Merged,
    /// The story had been deleted here; it is back from the package.
    Restored,
    /// An unrelated story here has the same id: the package's story was
    /// kept as a copy with a new id.
    Copied,
}

/// The result of [`Library::receive_package`].
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct Received {
    /// The story as the library now holds it.
    pub story: Story,
    pub outcome: ReceiveOutcome,
    pub kind: PackageKind,
    /// Who sent the package.
    pub from: String,
    /// What the merge did: empty when the story was added, restored or
    /// copied, or when the package brought nothing new.
    pub report: MergeReport,
}

/// A story's content, without what only one library's copy says about it
/// (version, timestamps, workflow status).
fn content(story: &Story) -> Story {
    let mut c = story.clone();
    c.version = 0;
    c.status = Status::Draft;
    c.created_at = DateTime::<Utc>::UNIX_EPOCH;
    c.updated_at = DateTime::<Utc>::UNIX_EPOCH;
    c
}

fn same_content(a: &Story, b: &Story) -> bool {
    content(a) == content(b)
}

/// The fingerprint a package carries of its story and base, checked on
/// receipt: SQLite checks its pages, not the text in them.
fn digest(story: &Story, base: &str) -> Result<String> {
    let mut hasher = Sha256::new();
    hasher.update(serde_json::to_string(story)?.as_bytes());
    hasher.update(b"\n");
    hasher.update(base.as_bytes());
    Ok(crate::media::hex(&hasher.finalize()))
}

/// Gives the story's pictures, comments and suggestions new ids where
/// theirs are used by another story here (or twice in the story), or all of
/// them when `all`: those ids are keys across the whole library. Field
/// names that name a picture (`caption:<id>`) follow it.
fn fresh_ids(conn: &Connection, story: &mut Story, all: bool) -> Result<()> {
    let owner = story.id.to_string();
    let mut seen = HashSet::new();
    let mut taken = |table: &str, id: Uuid| -> Result<bool> {
        if all || !seen.insert(id) {
            return Ok(true);
        }
        Ok(conn
            .prepare_cached(&format!(
                "SELECT 1 FROM {table} WHERE id = ?1 AND story_id != ?2"
            ))?
            .query_row(params![id.to_string(), owner], |_| Ok(()))
            .optional()?
            .is_some())
    };
    let mut renamed = Vec::new();
    for m in &mut story.media {
        if taken("media", m.id)? {
            let new = Uuid::now_v7();
            renamed.push((m.id.to_string(), new.to_string()));
            m.id = new;
        }
    }
    let rename = |field: &mut String| {
        if let Some((part, id)) = field.split_once(':') {
            if let Some((_, new)) = renamed.iter().find(|(old, _)| old == id) {
                *field = format!("{part}:{new}");
            }
        }
    };
    for n in &mut story.notes {
        if taken("notes", n.id)? {
            n.id = Uuid::now_v7();
        }
        if all {
            for r in &mut n.replies {
                r.id = Uuid::now_v7();
            }
        }
        if let Some(a) = n.anchor.as_mut() {
            rename(&mut a.field);
        }
    }
    for s in &mut story.suggestions {
        if taken("suggestions", s.id)? {
            s.id = Uuid::now_v7();
        }
        rename(&mut s.field);
    }
    Ok(())
}

/// The story a file at `path` is a package of, if it is one.
fn package_story_of(path: &Path) -> Option<String> {
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    get_meta(&conn, "package.story_id").ok().flatten()
}

/// An error about the temporary copy of a package, told about the file the
/// person opened.
fn about(e: StoreError, copy: &Path, shown: &Path) -> StoreError {
    let shown = shown.to_path_buf();
    match e {
        StoreError::NotALibrary { .. } => StoreError::NotALibrary { path: shown },
        StoreError::NoLibrary { .. } => StoreError::DamagedPackage {
            path: shown,
            detail: "the file is empty".into(),
        },
        StoreError::Corrupt { detail, .. } => StoreError::DamagedPackage {
            path: shown,
            detail,
        },
        StoreError::NewerSchema { found, known, .. } => StoreError::NewerSchema {
            path: shown,
            found,
            known,
        },
        StoreError::Io { path, source } if path == copy => StoreError::Io {
            path: shown,
            source,
        },
        StoreError::Sqlite(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            ) =>
        {
            StoreError::DamagedPackage {
                path: shown,
                detail: e.to_string(),
            }
        }
        other => other,
    }
}

/// Reads a picture's bytes from `conn`, if it holds them.
fn blob(conn: &Connection, hash: &str) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT bytes FROM blobs WHERE hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?)
}

fn has_blob(conn: &Connection, hash: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM blobs WHERE hash = ?1")?
        .query_row([hash], |_| Ok(()))
        .optional()?
        .is_some())
}

fn put_blob(tx: &Transaction<'_>, hash: &str, bytes: &[u8]) -> Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO blobs (hash, size, bytes) VALUES (?1, ?2, ?3)")?
        .execute(params![hash, bytes.len() as i64, bytes])?;
    Ok(())
}

/// Everything read from a package file, checked.
struct Package {
    kind: PackageKind,
    sender: String,
    /// The library the package was written in.
    sender_library: String,
    home_library: String,
    story: Story,
    /// The base the sender recorded (JSON), read when it is needed.
    base: String,
    /// Picture bytes the story uses that this library lacks, checked
    /// against their hash.
    blobs: Vec<(String, Vec<u8>)>,
}

impl Library {
    /// Writes the story as a package at `out`: for review, or (a story this
    /// library received for review) back to the person who sent it. A file
    /// already at `out` is replaced only when it is a package of the same
    /// story. The story is then recorded as shared in the version sent.
    pub fn send_story(&mut self, id: StoryId, out: &Path) -> Result<SentPackage> {
        let story = self.get_story(id)?;
        let link = links::get(&self.conn, id)?.filter(|l| !l.deleted);
        let my_library = people::library_id(&self.conn)?;
        let person = people::person(&self.conn)?;
        let (kind, base, home) = match &link {
            Some(l) if l.role == Role::Received => {
                (PackageKind::Return, l.base.clone(), l.home_library.clone())
            }
            Some(l) if !l.home_library.is_empty() => {
                (PackageKind::Review, story.clone(), l.home_library.clone())
            }
            _ => (PackageKind::Review, story.clone(), my_library.clone()),
        };

        let io = |source| StoreError::Io {
            path: out.to_path_buf(),
            source,
        };
        let overwrite = match std::fs::symlink_metadata(out) {
            Ok(_) if package_story_of(out).as_deref() == Some(id.to_string().as_str()) => true,
            Ok(_) => {
                return Err(StoreError::FileExists {
                    path: out.to_path_buf(),
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => return Err(io(e)),
        };
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let tmp = crate::files::temporary_beside(out)?;
        {
            let mut package = Library::create_single_file(tmp.path())?;
            let tx = package.write_transaction()?;
            let mut packed = story.clone();
            for m in &mut packed.media {
                let Some(file) = &m.file else { continue };
                match blob(&self.conn, &file.hash)? {
                    Some(bytes) => put_blob(&tx, &file.hash, &bytes)?,
                    // A picture whose bytes are not here travels without a file.
                    None => m.file = None,
                }
            }
            // The package's own revision is signed by the sender.
            set_meta(&tx, "person_name", &person.name)?;
            set_meta(&tx, "person_initials", &person.initials)?;
            stories::insert_as_is(&tx, &packed, "send", Origin::Background)?;
            let packed = stories::load(&tx, id)?;
            let base_json = serde_json::to_string(&base)?;
            links::put(
                &tx,
                id,
                &Link {
                    role: Role::Received,
                    peer_name: person.name.clone(),
                    home_library: home.clone(),
                    base: base.clone(),
                    last_kind: kind.as_str().to_owned(),
                    updated_at: Utc::now(),
                    deleted: false,
                },
            )?;
            let now = crate::convert::time_text(Utc::now());
            for (key, value) in [
                ("package.format", PACKAGE_FORMAT.to_string()),
                ("package.schema", crate::schema_version().to_string()),
                ("package.kind", kind.as_str().to_owned()),
                ("package.sender_name", person.name.clone()),
                ("package.sender_initials", person.initials.clone()),
                ("package.sender_library", my_library.clone()),
                ("package.home_library", home.clone()),
                ("package.story_id", id.to_string()),
                ("package.digest", digest(&packed, &base_json)?),
                ("package.base", base_json),
                ("package.created_at", now),
            ] {
                set_meta(&tx, key, &value)?;
            }
            tx.commit()?;
            package.finish_single_file()?;
        }
        tmp.as_file().sync_all().map_err(io)?;
        if overwrite {
            crate::files::persist(tmp, out)?;
        } else {
            tmp.persist_noclobber(out).map_err(|e| {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    StoreError::FileExists {
                        path: out.to_path_buf(),
                    }
                } else {
                    io(e.error)
                }
            })?;
        }
        let bytes = std::fs::metadata(out).map_err(io)?.len();

        // Both sides now share the story as sent.
        let tx = self.write_transaction()?;
        let shared = match (kind, link) {
            (PackageKind::Return, Some(link)) => Link {
                base: story.clone(),
                updated_at: Utc::now(),
                ..link
            },
            _ => Link {
                role: Role::Sent,
                peer_name: String::new(),
                home_library: home,
                base: story.clone(),
                last_kind: String::new(),
                updated_at: Utc::now(),
                deleted: false,
            },
        };
        links::put(&tx, id, &shared)?;
        // The version as it left, for "changes since I sent it".
        let reason = match kind {
            PackageKind::Review => "sent",
            PackageKind::Return => "returned",
        };
        crate::revisions::record(&tx, &story, reason, Origin::Background)?;
        tx.commit()?;
        Ok(SentPackage {
            story_id: id,
            kind,
            path: out.display().to_string(),
            bytes,
        })
    }

    /// Opens a story package into this library: a new story is added; a
    /// story this library sent or received before is merged three ways
    /// (base: the version both sides last shared; mine: this library's;
    /// theirs: the package's), keeping a revision from before the merge; a
    /// story deleted here comes back; a package whose story id belongs to an
    /// unrelated story here is kept as a copy. Opening the same package
    /// again changes nothing. The package file itself is only read.
    pub fn receive_package(&mut self, path: &Path, origin: Origin) -> Result<Received> {
        let package = self.read_package(path)?;
        let tx = self.write_transaction()?;
        let my_library = people::library_id(&tx)?;
        let id = package.story.id;
        let link = links::get(&tx, id)?;
        let related = link.is_some()
            || (!package.home_library.is_empty() && package.home_library == my_library);
        let now = Utc::now();
        let new_link = |story: &Story, role: Role| Link {
            role,
            peer_name: package.sender.clone(),
            home_library: if package.home_library.is_empty() {
                my_library.clone()
            } else {
                package.home_library.clone()
            },
            base: story.clone(),
            last_kind: package.kind.as_str().to_owned(),
            updated_at: now,
            deleted: false,
        };
        let role_for_new = if package.home_library == my_library {
            Role::Sent
        } else {
            Role::Received
        };
        for (hash, bytes) in &package.blobs {
            put_blob(&tx, hash, bytes)?;
        }
        let received = if !stories::exists(&tx, id)? {
            let mut story = package.story.clone();
            fresh_ids(&tx, &mut story, false)?;
            let saved = stories::insert_as_is(&tx, &story, "receive", origin)?;
            let (outcome, role) = match &link {
                Some(l) => (ReceiveOutcome::Restored, l.role),
                None => (ReceiveOutcome::Added, role_for_new),
            };
            links::put(&tx, id, &new_link(&saved, role))?;
            Received {
                story: saved,
                outcome,
                kind: package.kind,
                from: package.sender.clone(),
                report: MergeReport::default(),
            }
        } else if related {
            let mine = stories::load(&tx, id)?;
            let base = match &link {
                Some(l) => l.base.clone(),
                None => {
                    let mut base: Story = serde_json::from_str(&package.base).map_err(|e| {
                        StoreError::DamagedPackage {
                            path: path.to_path_buf(),
                            detail: format!("its base version does not read ({e})"),
                        }
                    })?;
                    base.clean_text();
                    base
                }
            };
            let theirs = &package.story;
            let merged = review::merge_stories(&base, &mine, theirs, &package.sender, now);
            let mut result = merged.story;
            result.id = mine.id;
            result.version = mine.version;
            result.created_at = mine.created_at;
            result.clean_text();
            review::reanchor_story(&mut result);
            let role = link.as_ref().map_or(role_for_new, |l| l.role);
            let mut shared = new_link(theirs, role);
            if package.sender_library == my_library {
                // A package this library wrote, opened here again: who the
                // story was last received from stays as it was.
                if let Some(l) = &link {
                    shared.peer_name = l.peer_name.clone();
                    shared.last_kind = l.last_kind.clone();
                }
            }
            if same_content(&result, &mine) {
                let unchanged_link = link.as_ref().is_some_and(|l| {
                    !l.deleted
                        && l.peer_name == shared.peer_name
                        && l.last_kind == shared.last_kind
                        && same_content(&l.base, theirs)
                });
                if !unchanged_link {
                    links::put(&tx, id, &shared)?;
                }
                Received {
                    story: mine,
                    outcome: ReceiveOutcome::Updated,
                    kind: package.kind,
                    from: package.sender.clone(),
                    report: MergeReport::default(),
                }
            } else {
                fresh_ids(&tx, &mut result, false)?;
                crate::revisions::record(&tx, &mine, "before merge", origin)?;
                let saved = stories::write_next_version(&tx, &result, "merge", origin)?;
                links::put(&tx, id, &shared)?;
                Received {
                    outcome: if same_content(&saved, theirs) {
                        ReceiveOutcome::Updated
                    } else {
                        ReceiveOutcome::Merged
                    },
                    story: saved,
                    kind: package.kind,
                    from: package.sender.clone(),
                    report: merged.report,
                }
            }
        } else {
            let mut story = package.story.clone();
            story.id = StoryId::new();
            fresh_ids(&tx, &mut story, true)?;
            let saved = stories::insert_as_is(&tx, &story, "receive", origin)?;
            links::put(&tx, saved.id, &new_link(&saved, Role::Received))?;
            Received {
                story: saved,
                outcome: ReceiveOutcome::Copied,
                kind: package.kind,
                from: package.sender.clone(),
                report: MergeReport::default(),
            }
        };
        tx.commit()?;
        Ok(received)
    }

    /// Reads and checks a package through a temporary copy of it (an older
    /// package is upgraded on the copy; the file itself is never written).
    fn read_package(&self, path: &Path) -> Result<Package> {
        let io = |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(io)?;
        if !meta.is_file() {
            return Err(StoreError::NotALibrary {
                path: path.to_path_buf(),
            });
        }
        let dir = if self.path == Path::new(":memory:") {
            std::env::temp_dir()
        } else {
            crate::files::folder_of(&self.path)
        };
        let mut copy = tempfile::Builder::new()
            .prefix(".dateline-")
            .suffix(".partial")
            .tempfile_in(&dir)
            .map_err(|source| StoreError::Io {
                path: dir.clone(),
                source,
            })?;
        {
            let mut file = std::fs::File::open(path).map_err(io)?;
            std::io::copy(&mut file, copy.as_file_mut()).map_err(io)?;
            copy.as_file_mut().flush().map_err(io)?;
        }
        let copy_path: PathBuf = copy.path().to_path_buf();
        let read = || -> Result<Package> {
            let lib = Library::open_existing(&copy_path)?;
            if meta.len() > crate::open::FULL_CHECK_MAX_BYTES {
                lib.check()?;
            }
            lib.package_contents(path, &self.conn)
        };
        read().map_err(|e| about(e, &copy_path, path))
    }

    /// The package this library file is, checked; `here` is the library
    /// it is being opened into (for the pictures it already has).
    fn package_contents(&self, shown: &Path, here: &Connection) -> Result<Package> {
        let conn = &self.conn;
        let corrupt = |detail: String| StoreError::DamagedPackage {
            path: shown.to_path_buf(),
            detail,
        };
        let format = get_meta(conn, "package.format")?;
        let kind = get_meta(conn, "package.kind")?;
        let newer = |found: String| StoreError::NewerPackage {
            path: shown.to_path_buf(),
            found,
            known: PACKAGE_FORMAT,
        };
        let (format, kind) = match (format, kind) {
            (None, None) => {
                return Err(StoreError::NotAPackage {
                    path: shown.to_path_buf(),
                })
            }
            (format, kind) => (format.unwrap_or_default(), kind.unwrap_or_default()),
        };
        match format.trim().parse::<u32>() {
            Ok(n) if (1..=PACKAGE_FORMAT).contains(&n) => {}
            _ if format.trim().is_empty() => {
                return Err(corrupt("it does not say its package format".into()))
            }
            Ok(0) => return Err(corrupt("its package format is 0".into())),
            _ => return Err(newer(format)),
        }
        let kind = PackageKind::parse(&kind).ok_or_else(|| newer(format.clone()))?;
        let meta = |key: &str| -> Result<String> {
            Ok(get_meta(conn, key)?
                .map(|v| dateline_core::text::clean(v.trim()).into_owned())
                .unwrap_or_default())
        };
        let id = StoryId::parse(&meta("package.story_id")?)
            .map_err(|_| corrupt("it names no story".into()))?;
        let story = match stories::load(conn, id) {
            Ok(story) => story,
            Err(StoreError::NotFound { .. }) => {
                return Err(corrupt("the story it names is not in it".into()))
            }
            Err(e) => return Err(e),
        };
        let base = get_meta(conn, "package.base")?.unwrap_or_default();
        // The fingerprint is of the story as this build reads it: checked
        // when the package was written at this build's schema.
        if meta("package.schema")? == crate::schema_version().to_string() {
            if let Some(expected) = get_meta(conn, "package.digest")? {
                if digest(&story, &base)? != expected {
                    return Err(corrupt(
                        "its story does not match its fingerprint; it was changed or damaged on the way".into(),
                    ));
                }
            }
        }
        let mut story = stories::prepare(&story)?;
        let mut blobs: Vec<(String, Vec<u8>)> = Vec::new();
        for m in &mut story.media {
            let Some(file) = &m.file else { continue };
            if has_blob(here, &file.hash)? || blobs.iter().any(|(h, _)| *h == file.hash) {
                continue;
            }
            match blob(conn, &file.hash)? {
                Some(bytes) => {
                    if crate::media::hex(&Sha256::digest(&bytes)) != file.hash {
                        return Err(corrupt(format!(
                            "the bytes of {} do not match their fingerprint",
                            file.file_name
                        )));
                    }
                    blobs.push((file.hash.clone(), bytes));
                }
                // Listed without its bytes: the picture comes without a file.
                None => m.file = None,
            }
        }
        let mut sender = meta("package.sender_name")?;
        if sender.is_empty() {
            sender = "someone".to_owned();
        }
        sender = sender
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(80)
            .collect();
        Ok(Package {
            kind,
            sender,
            sender_library: meta("package.sender_library")?,
            home_library: meta("package.home_library")?,
            story,
            base,
            blobs,
        })
    }
}
