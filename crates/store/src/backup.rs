//! Online backups: a consistent copy of the library while it stays open.

use std::path::Path;

use crate::error::{Result, StoreError};
use crate::open::backup_note_path;
use crate::Library;

impl Library {
    /// Copies the whole library to `dest` (a new file) without closing it, and
    /// remembers `dest` as the last backup.
    pub fn backup_to(&self, dest: impl AsRef<Path>) -> Result<()> {
        let dest = dest.as_ref();
        let io = |source| StoreError::Io {
            path: dest.to_path_buf(),
            source,
        };
        if dest.exists() {
            return Err(io(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "a file is already there; choose a new name",
            )));
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        // The copy is made in a temporary file of our own beside `dest` (an
        // unpredictable name, created exclusively), removed if anything fails,
        // so a full disk leaves nothing behind and no other file is touched.
        let tmp = crate::files::temporary_beside(dest)?;
        {
            let mut out = rusqlite::Connection::open(tmp.path())?;
            rusqlite::backup::Backup::new(&self.conn, &mut out)?.run_to_completion(
                256,
                std::time::Duration::from_millis(0),
                None,
            )?;
            out.close().map_err(|(_, e)| StoreError::Sqlite(e))?;
        }
        tmp.as_file().sync_all().map_err(io)?;
        tmp.persist_noclobber(dest).map_err(|e| io(e.error))?;
        if self.path != Path::new(":memory:") {
            // Only a hint for a damaged library's message: a library in a
            // read-only folder is still backed up without it.
            let absolute = std::fs::canonicalize(dest).unwrap_or_else(|_| dest.to_path_buf());
            let _ = crate::files::write_file(
                &backup_note_path(&self.path),
                absolute.to_string_lossy().as_bytes(),
            );
        }
        Ok(())
    }
}
