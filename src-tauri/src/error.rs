//! The one error type that crosses the IPC edge: a `kind` the UI can branch on
//! and a sentence a reporter can act on.
//!
//! The kinds are the store's [`ErrorKind`]: every failure the window meets is
//! one the library already names (a stale copy, a refused input, a disk that
//! failed...), so the app adds none of its own. Through ts-rs the UI sees them
//! as a union of string literals, and a misspelt kind fails to compile there.

use dateline_core::import::ImportError;
use dateline_core::ModelError;
use dateline_store::StoreError;
use serde::Serialize;

pub use dateline_store::ErrorKind;

/// What the UI receives when a command fails: `{"kind": "...", "message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AppError {
    /// What kind of trouble it is, for the UI to branch on.
    pub kind: ErrorKind,
    /// One sentence, ready to show.
    pub message: String,
}

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// A fault of the app's own (a background task that died, a page that
    /// would not render): nothing the reporter did, and nothing was changed.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        Self::new(e.kind(), e.to_string())
    }
}

impl From<ModelError> for AppError {
    fn from(e: ModelError) -> Self {
        Self::new(ErrorKind::Invalid, e.to_string())
    }
}

impl From<ImportError> for AppError {
    fn from(e: ImportError) -> Self {
        Self::new(ErrorKind::Invalid, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    //! One test per kind: the exact JSON the window receives, made from a real
    //! failure wherever one is cheap to cause.
    use std::path::{Path, PathBuf};

    use dateline_core::export::Format;
    use dateline_core::{Story, StoryId};
    use dateline_store::{Library, Origin, SaveKind};
    use serde_json::{json, Value};

    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn json_of(e: &AppError) -> Result<Value, serde_json::Error> {
        serde_json::to_value(e)
    }

    #[test]
    fn not_found() -> TestResult {
        let lib = Library::open_in_memory()?;
        let id = StoryId::parse("0190a7e0-0000-7000-8000-00000000000f")?;
        let e = AppError::from(lib.get_story(id).err().ok_or("a missing story was found")?);
        assert_eq!(
            json_of(&e)?,
            json!({
                "kind": "not_found",
                "message": "no story with id 0190a7e0-0000-7000-8000-00000000000f",
            })
        );
        Ok(())
    }

    #[test]
    fn stale() -> TestResult {
        let mut lib = Library::open_in_memory()?;
        let first = lib.create_story(&Story::new("Harbour dues rise"), Origin::Window)?;
        let mut edited = first.clone();
        edited.standfirst = "Fishermen say they cannot pay.".into();
        lib.save_story(&edited, SaveKind::Autosave, Origin::Window)?;
        let refused = lib
            .save_story(&first, SaveKind::Explicit, Origin::Window)
            .err()
            .ok_or("a stale copy was saved")?;
        assert_eq!(
            json_of(&AppError::from(refused))?,
            json!({
                "kind": "stale",
                "message": "the story was changed elsewhere (your copy is version 1, the library has 2); reload it: nothing was overwritten",
            })
        );
        Ok(())
    }

    #[test]
    fn invalid() -> TestResult {
        let refused = dateline_core::check_url("url", "javascript:alert(1)")
            .err()
            .ok_or("a javascript: link was accepted")?;
        let message = refused.to_string();
        assert_eq!(
            json_of(&AppError::from(refused))?,
            json!({ "kind": "invalid", "message": message })
        );
        assert!(message.contains("only http:// and https:// links are allowed"));
        let empty = dateline_core::import::import_bytes("empty.txt", b"")
            .err()
            .ok_or("an empty file was imported")?;
        assert_eq!(
            json_of(&AppError::from(empty))?,
            json!({ "kind": "invalid", "message": "the file is empty" })
        );
        Ok(())
    }

    #[test]
    fn corrupt() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("notes.dateline");
        std::fs::write(&path, "a shopping list, not a library\n".repeat(8))?;
        let refused = Library::open(&path).err().ok_or("a text file was opened")?;
        assert_eq!(
            json_of(&AppError::from(refused))?,
            json!({
                "kind": "corrupt",
                "message": format!("{} is not a Dateline library", path.display()),
            })
        );
        Ok(())
    }

    #[test]
    fn newer_schema() -> TestResult {
        let e = AppError::from(StoreError::NewerSchema {
            path: PathBuf::from("/desk/library.dateline"),
            found: 99,
            known: 7,
        });
        assert_eq!(
            json_of(&e)?,
            json!({
                "kind": "newer_schema",
                "message": "/desk/library.dateline was written by a newer Dateline (schema 99, this one knows up to 7); update Dateline to open it",
            })
        );
        Ok(())
    }

    #[test]
    fn read_only() -> TestResult {
        let e = AppError::from(StoreError::ReadOnly {
            path: PathBuf::from("/desk/library.dateline"),
        });
        assert_eq!(
            json_of(&e)?,
            json!({
                "kind": "read_only",
                "message": "/desk/library.dateline is read-only; Dateline needs to write to its library",
            })
        );
        Ok(())
    }

    /// An export that meets a disk error is `io`, naming the file, not a
    /// fault of the export: here the folder it should go in is a file.
    #[test]
    fn io() -> TestResult {
        let dir = tempfile::tempdir()?;
        let mut lib = Library::open(dir.path().join("lib.dateline"))?;
        let story = lib.create_story(&Story::new("Harbour dues rise"), Origin::Window)?;
        let blocker = dir.path().join("exports");
        std::fs::write(&blocker, b"a file where a folder should be")?;
        let dest = blocker.join("harbour-dues-rise.html");
        let refused = lib
            .export_story(story.id, Format::Html, &dest)
            .err()
            .ok_or("an export into a file was written")?;
        let e = AppError::from(refused);
        let json = json_of(&e)?;
        assert_eq!(json["kind"], "io", "{json}");
        let message = json["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with(&format!("{}: ", blocker.display())),
            "{message}"
        );
        assert_eq!(json.as_object().map(|o| o.len()), Some(2), "{json}");

        let e = AppError::from(StoreError::Io {
            path: Path::new("/exports/harbour.html").to_path_buf(),
            source: std::io::Error::other("no space left on device"),
        });
        assert_eq!(
            json_of(&e)?,
            json!({ "kind": "io", "message": "/exports/harbour.html: no space left on device" })
        );
        Ok(())
    }

    #[test]
    fn internal() -> TestResult {
        let e = AppError::internal("a background task failed: it panicked");
        assert_eq!(
            json_of(&e)?,
            json!({ "kind": "internal", "message": "a background task failed: it panicked" })
        );
        Ok(())
    }

    /// The wire form is exactly two fields, in this order, as the UI reads it.
    #[test]
    fn serialises_as_kind_and_message() -> TestResult {
        let e = AppError::new(ErrorKind::NotFound, "no story with id x");
        assert_eq!(
            serde_json::to_string(&e)?,
            r#"{"kind":"not_found","message":"no story with id x"}"#
        );
        Ok(())
    }
}
