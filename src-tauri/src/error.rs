//! The one error type that crosses the IPC edge: a short `kind` the UI can
//! branch on ("stale", "invalid", ...) and a sentence a reporter can act on.

use std::path::Path;

use dateline_core::export::ExportError;
use dateline_core::import::ImportError;
use dateline_core::ModelError;
use dateline_store::StoreError;
use serde::Serialize;

/// What the UI receives when a command fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AppError {
    /// `stale`, `invalid`, `not_found`, `io`, `corrupt`, `cancelled`, `internal`...
    pub kind: String,
    /// One sentence, ready to show.
    pub message: String,
}

impl AppError {
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        Self {
            kind: kind.to_owned(),
            message: message.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new("internal", message)
    }

    /// A file that could not be read or written, naming it.
    pub fn io(path: &Path, e: &std::io::Error) -> Self {
        Self::new("io", format!("{}: {e}", path.display()))
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
        Self::new("invalid", e.to_string())
    }
}

impl From<ImportError> for AppError {
    fn from(e: ImportError) -> Self {
        Self::new("invalid", e.to_string())
    }
}

impl From<ExportError> for AppError {
    fn from(e: ExportError) -> Self {
        let kind = match e {
            ExportError::Io(_) => "io",
            ExportError::UnknownFormat(_) => "invalid",
            _ => "internal",
        };
        Self::new(kind, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_keep_their_kind_and_sentence() {
        let e = AppError::from(StoreError::Stale {
            yours: 2,
            theirs: 3,
        });
        assert_eq!(e.kind, "stale");
        assert!(e.message.contains("nothing was overwritten"), "{e}");
        let json = serde_json::to_value(&e).unwrap_or_default();
        assert_eq!(json["kind"], "stale");
    }
}
