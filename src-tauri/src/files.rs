//! Files chosen by a person: the native open, save and folder dialogs, each of
//! which a test can replace with a path given in the environment (a native
//! dialog cannot be driven through WebDriver).

use std::path::{Path, PathBuf};

use dateline_core::image::PICTURE_EXTENSIONS;
use dateline_core::import::STORY_EXTENSIONS;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Paths (separated as in `$PATH`) that the open dialogs return instead of
/// asking; each dialog takes those whose extension it accepts.
pub const PICK_FILES_ENV: &str = "DATELINE_PICK_FILES";

/// A folder that exports are written to instead of asking where.
pub const EXPORT_DIR_ENV: &str = "DATELINE_EXPORT_DIR";

/// What an open dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Stories: pasted-text files and Markdown.
    Stories,
    /// Pictures for the media panel.
    Pictures,
    /// Story packages sent for review or returned (`.dateline-story`).
    Packages,
}

/// The extension of a story package.
pub const PACKAGE_EXTENSIONS: [&str; 1] = ["dateline-story"];

impl Pick {
    /// The extensions offered and accepted: the core's lists, which the UI's
    /// drop handling also reads (generated into `ui/src/bindings/constants.ts`).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Pick::Stories => &STORY_EXTENSIONS,
            Pick::Pictures => &PICTURE_EXTENSIONS,
            Pick::Packages => &PACKAGE_EXTENSIONS,
        }
    }

    fn title(self) -> &'static str {
        match self {
            Pick::Stories => "Import stories",
            Pick::Pictures => "Add pictures",
            Pick::Packages => "Open a story sent for review",
        }
    }

    fn filter_name(self) -> &'static str {
        match self {
            Pick::Stories => "Text and Markdown",
            Pick::Pictures => "Pictures",
            Pick::Packages => "Dateline story packages",
        }
    }

    /// Whether a dropped or injected file is of this kind, by its extension.
    pub fn accepts(self, path: &Path) -> bool {
        path.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .is_some_and(|e| self.extensions().contains(&e.as_str()))
    }
}

/// The files a person chose (empty when they cancelled). Blocks: call it off
/// the main thread.
pub fn pick_files<R: Runtime>(app: &AppHandle<R>, kind: Pick) -> Vec<PathBuf> {
    if let Some(list) = std::env::var_os(PICK_FILES_ENV) {
        return std::env::split_paths(&list)
            .filter(|p| kind.accepts(p))
            .collect();
    }
    app.dialog()
        .file()
        .set_title(kind.title())
        .add_filter(kind.filter_name(), kind.extensions())
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect()
}

/// Where to save one export named `file_name`, or `None` when cancelled.
pub fn save_path<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    file_name: &str,
    extension: &str,
) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV) {
        return Some(PathBuf::from(dir).join(file_name));
    }
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(extension.to_ascii_uppercase(), &[extension])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// The folder a batch export goes to, or `None` when cancelled.
pub fn export_folder<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV) {
        return Some(PathBuf::from(dir));
    }
    app.dialog()
        .file()
        .set_title("Export the selected stories to a folder")
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
}

/// The name a file is known by, for messages and the store.
pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_accept_their_extensions() {
        assert!(Pick::Stories.accepts(Path::new("/a/wire.TXT")));
        assert!(Pick::Stories.accepts(Path::new("story.md")));
        assert!(!Pick::Stories.accepts(Path::new("photo.png")));
        assert!(Pick::Pictures.accepts(Path::new("photo.JPeG")));
        assert!(!Pick::Pictures.accepts(Path::new("noextension")));
        assert!(Pick::Packages.accepts(Path::new("/mail/ferry.dateline-story")));
        assert!(!Pick::Packages.accepts(Path::new("/mail/library.dateline")));
    }
}
