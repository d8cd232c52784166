//! What can go wrong with a library file, in sentences a reporter can act on.

use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("no story with id {id}")]
    NotFound { id: String },
    #[error(
        "the story was changed elsewhere (your copy is version {yours}, the library has {theirs}); reload it: nothing was overwritten"
    )]
    Stale { yours: i64, theirs: i64 },
    #[error(transparent)]
    Invalid(#[from] dateline_core::ModelError),
    #[error("{} is damaged ({detail}); {}", path.display(), match last_backup {
        Some(b) => format!("the last backup is {}", b.display()),
        None => "no backup of it is known".to_owned(),
    })]
    Corrupt {
        path: PathBuf,
        detail: String,
        last_backup: Option<PathBuf>,
    },
    #[error("{} is not a Dateline library", path.display())]
    NotALibrary { path: PathBuf },
    #[error(
        "{} was written by a newer Dateline (schema {found}, this one knows up to {known}); update Dateline to open it",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{} is read-only; Dateline needs to write to its library", path.display())]
    ReadOnly { path: PathBuf },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the library could not be upgraded: {0}")]
    Migration(String),
    #[error("{0}")]
    Search(String),
    #[error("{0}")]
    Export(String),
    #[error("library error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("a stored value could not be read: {0}")]
    Decode(String),
}

impl StoreError {
    /// A short, stable name for the kind of error, for the UI and scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            StoreError::NotFound { .. } => "not_found",
            StoreError::Stale { .. } => "stale",
            StoreError::Invalid(_) => "invalid",
            StoreError::Corrupt { .. } | StoreError::NotALibrary { .. } => "corrupt",
            StoreError::NewerSchema { .. } => "newer_schema",
            StoreError::ReadOnly { .. } => "read_only",
            StoreError::Io { .. } => "io",
            StoreError::Search(_) => "invalid",
            StoreError::Export(_) => "export",
            StoreError::Sqlite(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
                ) =>
            {
                "corrupt"
            }
            StoreError::Migration(_) | StoreError::Sqlite(_) | StoreError::Decode(_) => "internal",
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Decode(e.to_string())
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
