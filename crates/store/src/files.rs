//! Files the library writes beside itself or for the user: one way to write a
//! file atomically, and one answer to "where is the library".
//!
//! Every file is written to a temporary file created exclusively, with an
//! unpredictable name, in the target's own folder, then renamed over the
//! target. A link planted at a guessable name cannot redirect the write, an
//! unrelated file is never touched, and a reader never sees half a file.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Result, StoreError};

/// The app's identifier: its library lives in `<data dir>/<identifier>/`.
pub const APP_IDENTIFIER: &str = "news.dateline.desk";

/// Environment variable naming the library to use instead of the default one
/// (tests, scripts and people with several desks use it).
pub const LIBRARY_ENV: &str = "DATELINE_LIBRARY";

/// The default library's file name inside the app-data folder.
pub const LIBRARY_FILE: &str = "library.dateline";

/// The library the app and the command line use when none is named:
/// `$DATELINE_LIBRARY`, else `library.dateline` in the user's data folder
/// (`~/.local/share/news.dateline.desk/` on Linux).
pub fn default_library_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(LIBRARY_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER).join(LIBRARY_FILE))
        .ok_or_else(|| StoreError::Io {
            path: PathBuf::from(LIBRARY_FILE),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no data folder is known for this user; set {LIBRARY_ENV} or pass --library FILE"),
            ),
        })
}

/// Whether a written file is flushed to disk before it takes its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Flushed first: what the user asked for, or state that cannot be made
    /// again (a single export, a session file, a backup).
    Flushed,
    /// Renamed without a flush: one file of a batch that can be made again
    /// from the library; the flushes were most of a big batch's time.
    Batch,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The folder a file goes in (`.` for a bare file name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.to_path_buf(),
        None => PathBuf::from("."),
    }
}

/// A temporary file in `path`'s folder, created exclusively; it is removed
/// when dropped unless [`persist`] gives it its name.
pub(crate) fn temporary_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = folder_of(path);
    tempfile::Builder::new()
        .prefix(".dateline-")
        .suffix(".partial")
        .tempfile_in(&dir)
        .map_err(io_err(&dir))
}

/// Gives a finished temporary file its name, replacing whatever was there
/// (a link there is replaced, not followed).
pub(crate) fn persist(tmp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    tmp.persist(path).map_err(|e| io_err(path)(e.error))?;
    Ok(())
}

/// Writes `path` atomically: `fill` writes the content to a temporary file
/// beside it, which then takes the name. On any error nothing is left behind
/// and a file already at `path` is unchanged.
pub fn write_atomically(
    path: &Path,
    durability: Durability,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let tmp = temporary_beside(path)?;
    let tmp_path = tmp.path().to_path_buf();
    let mut out = BufWriter::new(tmp);
    fill(&mut out)?;
    let tmp = out
        .into_inner()
        .map_err(|e| io_err(&tmp_path)(e.into_error()))?;
    if durability == Durability::Flushed {
        tmp.as_file().sync_all().map_err(io_err(&tmp_path))?;
    }
    persist(tmp, path)
}

/// Writes bytes to `path` atomically and flushed.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically(path, Durability::Flushed, |out| {
        out.write_all(bytes).map_err(io_err(path))
    })
}

/// Reads at most `limit` bytes of a regular file; a larger file, a folder, a
/// device or a pipe is refused with a reason instead of read.
pub fn read_capped(path: &Path, limit: u64) -> std::result::Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    if meta.len() > limit {
        return Err(format!(
            "it is {} bytes; the limit is {limit} bytes",
            meta.len()
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(format!("it is over the limit of {limit} bytes"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_whole_files_and_leave_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.html");
        write_file(&path, b"first").unwrap();
        write_file(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let failed = write_atomically(&path, Durability::Batch, |out| {
            out.write_all(b"half").unwrap();
            Err(StoreError::Export("stopped".into()))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_a_guessable_temporary_name_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"keep me").unwrap();
        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        for name in ["seed.html.partial", "seed.partial", ".seed.html.partial"] {
            std::os::unix::fs::symlink(&victim, shared.join(name)).unwrap();
        }
        write_file(&shared.join("seed.html"), b"<p>page</p>").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
        assert_eq!(
            std::fs::read(shared.join("seed.html")).unwrap(),
            b"<p>page</p>"
        );
    }

    #[test]
    fn capped_reads_refuse_what_is_not_a_small_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.png");
        std::fs::write(&path, vec![7u8; 100]).unwrap();
        assert_eq!(read_capped(&path, 100).unwrap().len(), 100);
        assert!(read_capped(&path, 99).unwrap_err().contains("limit"));
        assert!(read_capped(dir.path(), 99)
            .unwrap_err()
            .contains("not a regular file"));
        #[cfg(unix)]
        assert!(read_capped(Path::new("/dev/zero"), 1000)
            .unwrap_err()
            .contains("not a regular file"));
    }
}
