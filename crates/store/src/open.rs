//! Opening a library file in four steps: refuse what cannot be ours, set the
//! pragmas, bring the schema up to date, then check the pages are sound.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use crate::error::{Result, StoreError};
use crate::Library;

/// Every schema change, oldest first. Each file says why it exists.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_2026-11-26_library.sql"),
    include_str!("../migrations/0002_2026-11-26_sections.sql"),
    include_str!("../migrations/0003_2026-12-02_review.sql"),
    include_str!("../migrations/0004_2026-12-02_cms.sql"),
    include_str!("../migrations/0005_2026-12-02_tag_map.sql"),
];

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Files larger than this get the page check on open only after an unclean
/// shutdown: `quick_check` reads every page (about 3 ms a megabyte here), and
/// a reporter should not wait seconds for the library at every start. A read
/// of a damaged page still fails (an error of kind `corrupt`), and
/// `dateline check` runs the full check on demand.
pub(crate) const FULL_CHECK_MAX_BYTES: u64 = 24 * 1024 * 1024;

/// Where the path of the most recent backup is remembered, beside the library,
/// so a damaged file can still point to it.
pub(crate) fn backup_note_path(library: &Path) -> PathBuf {
    let mut name = library.as_os_str().to_owned();
    name.push(".last-backup");
    PathBuf::from(name)
}

pub(crate) fn last_backup(library: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(backup_note_path(library)).ok()?;
    let path = PathBuf::from(text.trim());
    path.exists().then_some(path)
}

/// Dateline's mark in the SQLite header (`PRAGMA application_id`), "DTLN":
/// a library is recognised by it before anything is written to the file.
pub const APPLICATION_ID: u32 = 0x4454_4C4E;

/// How a library is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Created (with its folder) when nothing is there: the app's first run,
    /// and commands that write.
    Create,
    /// Only a library that exists; a missing or empty file is an error.
    Existing,
    /// Only a library that exists, for reading: opened read-only when its file
    /// or folder cannot be written.
    Read,
}

/// What the first 100 bytes of an SQLite file say, read without SQLite so
/// nothing is written to a file that may not be ours.
#[derive(Debug, Clone, Copy)]
struct Header {
    user_version: u32,
    application_id: u32,
}

fn read_header(path: &Path) -> std::io::Result<Option<Header>> {
    use std::io::Read;
    let mut head = [0u8; 100];
    let mut file = std::fs::File::open(path)?;
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..])? {
            0 => break,
            n => got += n,
        }
    }
    if got < head.len() || &head[..16] != b"SQLite format 3\0" {
        return Ok(None);
    }
    let word = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    Ok(Some(Header {
        user_version: word(60),
        application_id: word(68),
    }))
}

/// Whether a folder can be written by its permission bits. The bits, not a
/// trial write: the answer is the same for every user, root included.
fn folder_writable(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
}

/// An SQLite URI for `path` (only `%`, `?` and `#` need escaping in a path).
fn uri_for(path: &Path, query: &str) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push('?');
    uri.push_str(query);
    uri
}

impl Library {
    /// Opens the library at `path`, creating it (and its folder) when nothing
    /// is there: for the app's first run and for commands that write.
    pub fn open(path: impl AsRef<Path>) -> Result<Library> {
        Self::open_with(path.as_ref(), Mode::Create)
    }

    /// Opens a library that exists; a missing or empty file is
    /// [`StoreError::NoLibrary`], and nothing is created.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Library> {
        Self::open_with(path.as_ref(), Mode::Existing)
    }

    /// Opens a library that exists for reading only (list, show, search,
    /// export): where the file or its folder is read-only it is opened
    /// read-only instead of refused. Writes through it fail.
    pub fn open_for_reading(path: impl AsRef<Path>) -> Result<Library> {
        Self::open_with(path.as_ref(), Mode::Read)
    }

    fn open_with(path: &Path, mode: Mode) -> Result<Library> {
        let path = path.to_path_buf();
        let io = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        let dir = crate::files::folder_of(&path);
        // 1. Refuse what cannot be ours, reading the file's header only: a
        //    refused file is left byte for byte as it was.
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => Some(meta),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io(e)),
        };
        let header = match &meta {
            Some(meta) if meta.is_dir() => return Err(StoreError::NotALibrary { path }),
            Some(meta) if meta.len() > 0 => Some(
                read_header(&path)
                    .map_err(io)?
                    .ok_or_else(|| StoreError::NotALibrary { path: path.clone() })?,
            ),
            _ if mode != Mode::Create => return Err(StoreError::NoLibrary { path }),
            _ => None,
        };
        if let Some(header) = header {
            match header.application_id {
                APPLICATION_ID => {
                    if i64::from(header.user_version) > schema_version() {
                        return Err(StoreError::NewerSchema {
                            path,
                            found: header.user_version.into(),
                            known: schema_version(),
                        });
                    }
                }
                // Written before libraries carried the mark, or not ours.
                0 => Self::check_unmarked(&path)?,
                _ => return Err(StoreError::NotALibrary { path }),
            }
        }
        let writable_file = meta.as_ref().is_none_or(|m| !m.permissions().readonly());
        let writable_dir = folder_writable(&dir) || (meta.is_none() && !dir.exists());
        let read_only = match mode {
            Mode::Read if header.is_some() => !writable_file || !writable_dir,
            _ if !writable_file => return Err(StoreError::ReadOnly { path }),
            _ if !writable_dir => return Err(StoreError::ReadOnlyFolder { dir }),
            _ => false,
        };
        if meta.is_none() {
            std::fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
                path: dir.clone(),
                source,
            })?;
        }
        if read_only {
            return Self::open_read_only(&path, &dir, writable_dir);
        }

        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let unclean = std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0);
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly { path: path.clone() },
            Some(rusqlite::ErrorCode::CannotOpen) => {
                StoreError::ReadOnlyFolder { dir: dir.clone() }
            }
            _ => StoreError::Sqlite(e),
        })?;
        let corrupt = |detail: String| StoreError::Corrupt {
            path: path.clone(),
            detail,
            last_backup: last_backup(&path),
        };
        let mut lib = Library {
            conn,
            path: path.clone(),
        };
        // 2. Pragmas.
        lib.pragmas().map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
                corrupt(e.to_string())
            }
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly { path: path.clone() },
            Some(rusqlite::ErrorCode::CannotOpen) => {
                StoreError::ReadOnlyFolder { dir: dir.clone() }
            }
            _ => StoreError::Sqlite(e),
        })?;
        // 3. The pages are sound (on small files, or after a crash).
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if header.is_some() && (unclean || size <= FULL_CHECK_MAX_BYTES) {
            lib.check().map_err(|e| match e {
                StoreError::Sqlite(e) => corrupt(e.to_string()),
                other => other,
            })?;
        }
        // 4. The schema is brought up to date, and the file marked as ours.
        lib.upgrade()?;
        Ok(lib)
    }

    /// A file with no application id: a library from before the mark (it has
    /// our tables, at a schema we know), an empty SQLite file, or someone
    /// else's database. Read through a read-only connection, so nothing is
    /// written to it.
    fn check_unmarked(path: &Path) -> Result<()> {
        let not_ours = || StoreError::NotALibrary {
            path: path.to_path_buf(),
        };
        // The header read above may be older than the file: changes not yet
        // copied back from the write-ahead log are only seen through SQLite.
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|_| not_ours())?;
        let read = || -> rusqlite::Result<(i64, i64, Vec<String>)> {
            let marked = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
            let version = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
            let tables = conn
                .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")?
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok((marked, version, tables))
        };
        let (marked, version, tables) = read().map_err(|_| not_ours())?;
        let ours = if marked == i64::from(APPLICATION_ID) {
            true
        } else if marked != 0 || version > schema_version() {
            false
        } else if version == 0 {
            tables.is_empty()
        } else {
            ["stories", "revisions", "blobs"]
                .iter()
                .all(|t| tables.iter().any(|have| have == t))
        };
        if ours {
            Ok(())
        } else {
            Err(not_ours())
        }
    }

    /// A library whose file or folder cannot be written, opened for reading.
    /// It must be at this build's schema: an upgrade would need a write.
    fn open_read_only(path: &Path, dir: &Path, writable_dir: bool) -> Result<Library> {
        // In a read-only folder SQLite cannot make the files it shares
        // between readers; nobody can be writing there, so the file is read
        // as it stands.
        let uri = uri_for(
            path,
            if writable_dir {
                "mode=ro"
            } else {
                "immutable=1"
            },
        );
        let conn = Connection::open_with_flags(
            uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|_| StoreError::ReadOnlyFolder {
            dir: dir.to_path_buf(),
        })?;
        conn.pragma_update(None, "busy_timeout", 5_000)?;
        let lib = Library {
            conn,
            path: path.to_path_buf(),
        };
        let found: i64 = lib
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found != schema_version() {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        Ok(lib)
    }

    /// A library that lives in memory only, for tests and scratch work.
    pub fn open_in_memory() -> Result<Library> {
        let mut lib = Library {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
        };
        lib.pragmas()?;
        lib.upgrade()?;
        Ok(lib)
    }

    /// A new library in an empty file of our own that is written once and
    /// closed (a story package): no write-ahead log beside it and no flush
    /// per commit, since the file is thrown away if anything fails before
    /// it is finished. [`Library::finish_single_file`] makes it one
    /// self-contained file.
    pub(crate) fn create_single_file(path: &Path) -> Result<Library> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.pragma_update(None, "journal_mode", "memory")?;
        conn.pragma_update(None, "synchronous", "off")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let mut lib = Library {
            conn,
            path: path.to_path_buf(),
        };
        lib.upgrade()?;
        Ok(lib)
    }

    /// Closes a library made by [`Library::create_single_file`], leaving one
    /// file in the rollback-journal format (nothing beside it).
    pub(crate) fn finish_single_file(self) -> Result<()> {
        self.conn.pragma_update(None, "journal_mode", "delete")?;
        self.conn.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
        Ok(())
    }

    fn pragmas(&self) -> rusqlite::Result<()> {
        // WAL keeps readers and the writer apart and makes a commit one append.
        // synchronous=NORMAL: a commit survives the app being killed at any
        // moment (the WAL is in the OS's hands); a power cut may lose the last
        // few commits but never corrupts the file.
        //
        // The busy timeout comes first: another program may be writing, and
        // every later step must wait its turn rather than fail.
        self.conn.pragma_update(None, "busy_timeout", 10_000)?;
        self.conn.pragma_update(None, "journal_mode", "wal")?;
        self.conn.pragma_update(None, "synchronous", "normal")?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        self.conn.pragma_update(None, "cache_size", -8_000)?;
        // Reading the schema touches page 1: a file that is not SQLite fails here.
        self.conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })?;
        Ok(())
    }

    fn upgrade(&mut self) -> Result<()> {
        let found: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = schema_version();
        if found > known {
            return Err(StoreError::NewerSchema {
                path: self.path.clone(),
                found,
                known,
            });
        }
        if found < known {
            migrations()
                .to_latest(&mut self.conn)
                .map_err(|e| StoreError::Migration(e.to_string()))?;
        }
        let marked: i64 = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))?;
        if marked != i64::from(APPLICATION_ID) {
            self.conn
                .pragma_update(None, "application_id", i64::from(APPLICATION_ID))?;
        }
        Ok(())
    }

    /// Runs SQLite's page-level consistency check.
    pub fn check(&self) -> Result<()> {
        let mut stmt = self.conn.prepare("PRAGMA quick_check")?;
        let problems: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        if problems.len() == 1 && problems[0] == "ok" {
            return Ok(());
        }
        Err(StoreError::Corrupt {
            path: self.path.clone(),
            detail: problems.into_iter().take(3).collect::<Vec<_>>().join("; "),
            last_backup: last_backup(&self.path),
        })
    }

    /// The full `integrity_check`: every index against its table.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema_of(conn: &Connection) -> Vec<(String, String)> {
        let mut stmt = conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn upgraded_file_has_the_fresh_schema() {
        // A file created at every earlier version and upgraded step by step must
        // end with exactly the schema of a file created fresh.
        let dir = tempfile::tempdir().unwrap();
        let fresh = Library::open(dir.path().join("fresh.dateline")).unwrap();
        for start in 0..schema_version() {
            let path = dir.path().join(format!("old-{start}.dateline"));
            {
                let mut conn = Connection::open(&path).unwrap();
                migrations().to_version(&mut conn, start as usize).unwrap();
            }
            let upgraded = Library::open(&path).unwrap();
            assert_eq!(
                schema_of(&upgraded.conn),
                schema_of(&fresh.conn),
                "from {start}"
            );
        }
    }

    /// Rows as a library at schema `version` held them, written with that
    /// version's SQL: every table a story touches, the search index too.
    /// Migrations that change tables add their own arm.
    fn rows_at(version: i64) -> String {
        match version {
            4.. => {
                rows_at(3)
                    + "INSERT INTO cms_targets (id, name, kind, url, user, secret, created_at) \
                     VALUES ('01936a5e-8f00-7000-8000-0000000000c1', 'Harbour News', 'wordpress', \
                       'https://news.example', 'desk', 'keyring', '2025-12-30T09:00:00.000000000Z');
                     INSERT INTO cms_posts (story_id, target_id, remote_id, url, pushed_version, pushed_at) \
                     VALUES ('01936a5e-8f00-7000-8000-000000000001', '01936a5e-8f00-7000-8000-0000000000c1', \
                       '41', 'https://news.example/?p=41', 2, '2025-12-30T09:01:00.000000000Z');"
            }
            3 => rows_at(1)
                + "INSERT INTO notes (id, story_id, position, author, text, anchor_start, \
                     anchor_end, created_at, field, exact, prefix, suffix, removed, replies, \
                     resolved_by, resolved_at) \
                 VALUES ('01936a5e-8f00-7000-8000-0000000000bc', '01936a5e-8f00-7000-8000-000000000001', \
                   1, 'Ada Reyes', 'Which dawn?', 12, 17, '2025-12-30T08:31:00.000000000Z', 'body', \
                   'dawn.', 'Boats left at ', '', 0, \
                   '[{\"id\":\"01936a5e-8f00-7000-8000-0000000000bd\",\"author\":\"Desk\",\"text\":\"Monday\",\"created_at\":\"2025-12-30T08:32:00Z\"}]', \
                   'Ada Reyes', '2025-12-30T08:33:00.000000000Z');
                 INSERT INTO suggestions (id, story_id, position, field, original, proposed, author, \
                   created_at, conflict) \
                 VALUES ('01936a5e-8f00-7000-8000-0000000000be', '01936a5e-8f00-7000-8000-000000000001', \
                   0, 'headline', 'Ferries run again', 'Ferries are back', 'Ada Reyes', \
                   '2025-12-30T08:34:00.000000000Z', 1);
                 INSERT INTO revisions (story_id, version, reason, origin, created_at, snapshot, author) \
                 VALUES ('01936a5e-8f00-7000-8000-000000000001', 2, 'merge', 'window', \
                   '2025-12-30T08:35:00.000000000Z', '{}', 'Rita Reporter');
                 INSERT INTO story_links (story_id, role, peer_name, home_library, base, last_kind, \
                   updated_at, deleted) \
                 VALUES ('01936a5e-8f00-7000-8000-000000000001', 'received', 'Rita Reporter', \
                   '01936a5e-8f00-7000-8000-0000000000ff', '{}', 'review', \
                   '2025-12-30T08:35:00.000000000Z', 0);
                 INSERT INTO library_meta (key, value) VALUES ('person_name', 'Ada Reyes');",
            1.. => {
                "INSERT INTO stories (rowid_key, id, version, status, kicker, headline, standfirst, \
                   bylines, dateline_place, dateline_date, section, tags, body, word_count, \
                   created_at, updated_at) \
                 VALUES (7, '01936a5e-8f00-7000-8000-000000000001', 3, 'in_review', 'Harbour', \
                   'Ferries run again', 'The crossing reopens after a storm', \
                   '[{\"name\":\"Ada Reyes\",\"role\":\"\",\"url\":\"\"}]', 'Portmere', '2025-12-30', \
                   'Local', '[\"ferries\"]', 'Boats left at dawn.', 4, \
                   '2025-12-30T08:00:00.000000000Z', '2025-12-30T09:00:00.000000000Z');
                 INSERT INTO blobs (hash, size, bytes) VALUES ('ab', 3, x'010203');
                 INSERT INTO media (id, story_id, position, blob_hash, file_name, mime, caption, credit, alt_text, hero) \
                 VALUES ('01936a5e-8f00-7000-8000-0000000000aa', '01936a5e-8f00-7000-8000-000000000001', 0, 'ab', \
                   'ferry.png', 'image/png', 'The first boat out', 'Photo: Desk', 'A ferry leaving', 1);
                 INSERT INTO related_links (story_id, position, title, url) \
                 VALUES ('01936a5e-8f00-7000-8000-000000000001', 0, 'Storm closes port', 'https://example.com/storm');
                 INSERT INTO notes (id, story_id, position, author, text, created_at) \
                 VALUES ('01936a5e-8f00-7000-8000-0000000000bb', '01936a5e-8f00-7000-8000-000000000001', 0, 'Desk', \
                   'Check the timetable', '2025-12-30T08:30:00.000000000Z');
                 INSERT INTO revisions (story_id, version, reason, origin, created_at, snapshot) \
                 VALUES ('01936a5e-8f00-7000-8000-000000000001', 1, 'create', 'cli', \
                   '2025-12-30T08:00:00.000000000Z', '{}');
                 INSERT INTO status_history (story_id, from_status, to_status, origin, at) \
                 VALUES ('01936a5e-8f00-7000-8000-000000000001', 'draft', 'in_review', 'cli', \
                   '2025-12-30T08:45:00.000000000Z');
                 INSERT INTO stories_fts (rowid, kicker, headlines, standfirst, body, captions) \
                 VALUES (7, 'Harbour', 'Ferries run again', 'The crossing reopens after a storm', \
                   'Boats left at dawn.', 'The first boat out');"
                    .to_owned()
            }
            _ => String::new(),
        }
    }

    #[test]
    fn rows_of_the_current_schema_read_back() {
        // The newest arm of `rows_at`, checked now: the next migration's
        // upgrade test starts from it.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows-now.dateline");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrations().to_latest(&mut conn).unwrap();
            conn.execute_batch(&rows_at(schema_version())).unwrap();
        }
        let lib = Library::open(&path).unwrap();
        let id = dateline_core::StoryId::parse("01936a5e-8f00-7000-8000-000000000001").unwrap();
        let story = lib.get_story(id).unwrap();
        assert_eq!(story.notes.len(), 2);
        assert!(story.notes[0].anchor.is_none());
        assert!(story.notes[0].replies.is_empty());
        let anchor = story.notes[1].anchor.clone().unwrap();
        assert_eq!(
            (anchor.field.as_str(), anchor.exact.as_str()),
            ("body", "dawn.")
        );
        assert_eq!(story.notes[1].replies[0].text, "Monday");
        assert_eq!(story.notes[1].resolved.as_ref().unwrap().by, "Ada Reyes");
        assert_eq!(story.suggestions[0].proposed, "Ferries are back");
        assert!(story.suggestions[0].conflict);
        let revisions = lib.list_revisions(id).unwrap();
        assert_eq!(revisions[0].author, "Rita Reporter");
        assert_eq!(revisions[1].author, "", "older revisions have no author");
        assert_eq!(lib.person().unwrap().name, "Ada Reyes");
        let listed = lib.list_stories(&crate::ListFilter::default()).unwrap();
        assert_eq!(listed[0].review, "From Rita Reporter, for review");
        assert_eq!(listed[0].sent_to, ["Harbour News"]);
        assert_eq!(lib.destinations(id).unwrap()[0].post.remote_id, "41");
    }

    #[test]
    fn upgrades_carry_every_row_across_every_migration() {
        let dir = tempfile::tempdir().unwrap();
        for start in 1..schema_version() {
            let path = dir.path().join(format!("rows-{start}.dateline"));
            {
                let mut conn = Connection::open(&path).unwrap();
                migrations().to_version(&mut conn, start as usize).unwrap();
                conn.execute_batch(&rows_at(start)).unwrap();
            }
            let lib = Library::open(&path).unwrap();
            let id = dateline_core::StoryId::parse("01936a5e-8f00-7000-8000-000000000001").unwrap();
            let story = lib.get_story(id).unwrap();
            assert_eq!(story.headline, "Ferries run again", "from {start}");
            assert_eq!(story.status, dateline_core::Status::InReview);
            assert_eq!(story.bylines[0].name, "Ada Reyes");
            assert_eq!(story.dateline.place, "Portmere");
            assert_eq!(story.tags, vec!["ferries".to_owned()]);
            assert_eq!(story.media[0].caption, "The first boat out");
            assert!(story.media[0].hero);
            assert_eq!(story.related[0].url, "https://example.com/storm");
            assert_eq!(story.notes[0].text, "Check the timetable");
            let revisions = if start >= 3 { 2 } else { 1 };
            assert_eq!(lib.list_revisions(id).unwrap().len(), revisions);
            assert_eq!(lib.list_status_history(id).unwrap().len(), 1);
            assert_eq!(lib.search("ferries", 5).unwrap().len(), 1);
            assert_eq!(lib.sections().unwrap(), vec!["Local".to_owned()]);
        }
    }

    #[test]
    fn sections_and_section_lists_come_from_an_index() {
        // The library list asks for the sections on every refresh: a scan of
        // every story would read the whole file each time.
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(dir.path().join("lib.dateline")).unwrap();
        let plan = |sql: &str| -> String {
            let mut stmt = lib
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
            rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("; ")
        };
        let sections = plan(crate::stories::SECTIONS_SQL);
        assert!(
            sections.contains("COVERING INDEX stories_by_section"),
            "{sections}"
        );
        let listed = plan(
            "SELECT id FROM stories WHERE section = 'Local' ORDER BY updated_at DESC LIMIT 200",
        );
        assert!(listed.contains("stories_by_section"), "{listed}");
        assert!(!listed.contains("TEMP B-TREE"), "{listed}");
    }

    #[test]
    fn refuses_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.dateline");
        drop(Library::open(&path).unwrap());
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", schema_version() + 1)
            .unwrap();
        let err = Library::open(&path).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::NewerSchema);
        assert!(err.to_string().contains("newer Dateline"), "{err}");
    }

    #[test]
    fn refuses_files_that_are_not_libraries() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(
            &text,
            "just some notes, not a database, but long enough to matter",
        )
        .unwrap();
        let err = Library::open(&text).unwrap_err();
        assert!(
            err.to_string().contains("is not a Dateline library"),
            "{err}"
        );
        assert_eq!(
            std::fs::read(&text).unwrap().len(),
            58,
            "the file is left alone"
        );

        let other = dir.path().join("other.sqlite");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        let err = Library::open(&other).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Corrupt);
    }

    #[test]
    fn refuses_read_only_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ro.dateline");
        drop(Library::open(&path).unwrap());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = Library::open(&path).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::ReadOnly, "{err}");
    }
}
