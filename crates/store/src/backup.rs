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
        let tmp = dest.with_extension("partial");
        {
            let mut out = rusqlite::Connection::open(&tmp)?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
            backup.run_to_completion(256, std::time::Duration::from_millis(0), None)?;
        }
        std::fs::rename(&tmp, dest).map_err(io)?;
        if self.path != Path::new(":memory:") {
            let absolute = std::fs::canonicalize(dest).unwrap_or_else(|_| dest.to_path_buf());
            std::fs::write(
                backup_note_path(&self.path),
                absolute.to_string_lossy().as_bytes(),
            )
            .map_err(|source| StoreError::Io {
                path: backup_note_path(&self.path),
                source,
            })?;
        }
        Ok(())
    }
}
