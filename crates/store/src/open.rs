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
const FULL_CHECK_MAX_BYTES: u64 = 24 * 1024 * 1024;

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

fn is_not_a_database(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
    )
}

impl Library {
    /// Opens the library at `path`, creating it (and its folder) on first use.
    pub fn open(path: impl AsRef<Path>) -> Result<Library> {
        let path = path.as_ref().to_path_buf();
        let io = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        let existed = path.exists();
        if existed {
            let meta = std::fs::metadata(&path).map_err(io)?;
            if meta.is_dir() {
                return Err(StoreError::NotALibrary { path });
            }
            if meta.permissions().readonly() {
                return Err(StoreError::ReadOnly { path });
            }
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
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
            Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen) if existed => {
                StoreError::ReadOnly { path: path.clone() }
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
        lib.pragmas().map_err(|e| {
            if is_not_a_database(&e) {
                if existed && !looks_like_sqlite(&path) {
                    StoreError::NotALibrary { path: path.clone() }
                } else {
                    corrupt(e.to_string())
                }
            } else if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly) {
                StoreError::ReadOnly { path: path.clone() }
            } else {
                StoreError::Sqlite(e)
            }
        })?;
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if existed && (unclean || size <= FULL_CHECK_MAX_BYTES) {
            lib.check().map_err(|e| match e {
                StoreError::Sqlite(e) => corrupt(e.to_string()),
                other => other,
            })?;
        }
        lib.upgrade()?;
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

    fn pragmas(&self) -> rusqlite::Result<()> {
        // WAL keeps readers and the writer apart and makes a commit one append.
        // synchronous=NORMAL: a commit survives the app being killed at any
        // moment (the WAL is in the OS's hands); a power cut may lose the last
        // few commits but never corrupts the file.
        self.conn.pragma_update(None, "journal_mode", "wal")?;
        self.conn.pragma_update(None, "synchronous", "normal")?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        self.conn.pragma_update(None, "busy_timeout", 5_000)?;
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
        if found > 0 && !self.has_table("stories")? {
            return Err(StoreError::NotALibrary {
                path: self.path.clone(),
            });
        }
        if found == 0 && self.has_foreign_tables()? {
            return Err(StoreError::NotALibrary {
                path: self.path.clone(),
            });
        }
        migrations()
            .to_latest(&mut self.conn)
            .map_err(|e| StoreError::Migration(e.to_string()))
    }

    fn has_table(&self, name: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [name],
            |r| r.get::<_, i64>(0),
        )? > 0)
    }

    /// An SQLite file of someone else's: tables, but no schema version of ours.
    fn has_foreign_tables(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })?
            > 0)
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

fn looks_like_sqlite(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|_| &head == b"SQLite format 3\0")
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
        assert_eq!(err.kind(), "newer_schema");
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
        assert_eq!(err.kind(), "corrupt");
    }

    #[test]
    fn refuses_read_only_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ro.dateline");
        drop(Library::open(&path).unwrap());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = Library::open(&path).unwrap_err();
        assert_eq!(err.kind(), "read_only", "{err}");
    }
}
