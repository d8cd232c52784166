//! Stories coming into the library from files, with the pictures a Markdown
//! file names read from beside it.

use std::path::{Path, PathBuf};

use dateline_core::import::Imported;
use dateline_core::Story;

use crate::error::Result;
use crate::{Library, Origin};

/// A picture a story names whose file could not be read: the picture stays
/// listed without a file, and Ready will ask for one.
#[derive(Debug, Clone)]
pub struct MissingPicture {
    pub path: PathBuf,
    pub reason: String,
}

impl Library {
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
            let path = base.join(src);
            match std::fs::read(&path) {
                Ok(bytes) => media.file = Some(self.put_media_file(src, &bytes)?),
                Err(e) => missing.push(MissingPicture {
                    path,
                    reason: e.to_string(),
                }),
            }
        }
        Ok((self.create_story(&imported.story, origin)?, missing))
    }
}
