//! Stories coming into the library from files, with the pictures a Markdown
//! file names read from beside it.
//!
//! A Markdown file may name any path as a picture. Only regular files in the
//! file's own folder or below are read, each within the media size limit, so
//! an imported file can never pull a private file, a device or a pipe into
//! the library (and out again with the next export).

use std::path::{Component, Path, PathBuf};

use dateline_core::import::{self, Imported, MAX_IMPORT_BYTES};
use dateline_core::Story;

use crate::error::{Result, StoreError};
use crate::{Library, Origin, MAX_MEDIA_BYTES};

/// A picture a story names whose file could not be read: the picture stays
/// listed without a file, and Ready will ask for one.
#[derive(Debug, Clone)]
pub struct MissingPicture {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for MissingPicture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

/// A story imported from a file, and what did not come with it.
#[derive(Debug, Clone)]
pub struct ImportedFile {
    pub story: Story,
    /// Pictures the file names that could not be attached, with the reason.
    pub missing: Vec<MissingPicture>,
    /// What the file asked for that an import does not do (a status, say),
    /// one sentence each.
    pub notices: Vec<String>,
}

/// Where a picture named by a file in `base` may be read from: a relative
/// path that stays inside `base`, or why not.
fn picture_path(base: &Path, src: &str) -> std::result::Result<PathBuf, String> {
    let named = Path::new(src);
    if named.is_absolute() || named.has_root() {
        return Err("pictures are read only from the story's own folder and below, not from an absolute path".into());
    }
    if named
        .components()
        .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)))
    {
        return Err("pictures are read only from the story's own folder and below".into());
    }
    let path = base.join(named);
    // A link inside the folder may still point out of it.
    let real_base = std::fs::canonicalize(base).map_err(|e| e.to_string())?;
    let real = std::fs::canonicalize(&path).map_err(|e| e.to_string())?;
    if !real.starts_with(&real_base) {
        return Err("it links to a file outside the story's folder".into());
    }
    Ok(real)
}

impl Library {
    /// Imports one file (pasted text or Markdown) as a new draft, attaching
    /// the pictures a Markdown file names from its own folder.
    pub fn import_file(&mut self, path: &Path, origin: Origin) -> Result<ImportedFile> {
        let io = |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        let size = std::fs::metadata(path).map_err(io)?.len();
        if size > MAX_IMPORT_BYTES as u64 {
            return Err(import::ImportError::TooLarge(size as usize).into());
        }
        let bytes = crate::files::read_capped(path, MAX_IMPORT_BYTES as u64)
            .map_err(|reason| io(std::io::Error::other(reason)))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let imported = import::import_bytes(&name, &bytes)?;
        let notices = imported.notices.clone();
        let base = crate::files::folder_of(path);
        let (story, missing) = self.add_imported(imported, &base, origin)?;
        Ok(ImportedFile {
            story,
            missing,
            notices,
        })
    }

    /// Adds an imported story, attaching the picture files it names relative
    /// to `base` (web addresses are left for the desk to fetch).
    pub fn add_imported(
        &mut self,
        mut imported: Imported,
        base: &Path,
        origin: Origin,
    ) -> Result<(Story, Vec<MissingPicture>)> {
        let mut missing = Vec::new();
        for (media, src) in imported
            .story
            .media
            .iter_mut()
            .zip(imported.image_sources.iter())
        {
            if src.is_empty() || src.contains("://") {
                continue;
            }
            let bytes = picture_path(base, src)
                .and_then(|path| crate::files::read_capped(&path, MAX_MEDIA_BYTES as u64));
            match bytes {
                Ok(bytes) => match self.put_media_file(src, &bytes) {
                    Ok(file) => media.file = Some(file),
                    Err(StoreError::Invalid(e)) => missing.push(MissingPicture {
                        path: PathBuf::from(src),
                        reason: e.to_string(),
                    }),
                    Err(e) => return Err(e),
                },
                Err(reason) => missing.push(MissingPicture {
                    path: PathBuf::from(src),
                    reason,
                }),
            }
        }
        Ok((self.create_story(&imported.story, origin)?, missing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_come_only_from_the_story_folder() {
        let dir = tempfile::tempdir().unwrap();
        let story_dir = dir.path().join("desk");
        std::fs::create_dir_all(story_dir.join("pics")).unwrap();
        std::fs::write(story_dir.join("pics/a.png"), b"x").unwrap();
        std::fs::write(dir.path().join("secret.png"), b"x").unwrap();
        assert!(picture_path(&story_dir, "pics/a.png").is_ok());
        assert!(picture_path(&story_dir, "./pics/a.png").is_ok());
        for bad in [
            "../secret.png",
            "pics/../../secret.png",
            "/etc/passwd",
            "/dev/zero",
        ] {
            assert!(picture_path(&story_dir, bad).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.png"), story_dir.join("link.png"))
                .unwrap();
            let err = picture_path(&story_dir, "link.png").unwrap_err();
            assert!(err.contains("outside"), "{err}");
        }
    }
}
