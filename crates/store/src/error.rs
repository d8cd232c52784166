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
    #[error(transparent)]
    Import(#[from] dateline_core::import::ImportError),
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
    #[error(
        "the folder {} is read-only; Dateline needs to write beside its library (choose a library in a folder you can write to)",
        dir.display()
    )]
    ReadOnlyFolder { dir: PathBuf },
    #[error("there is no library at {}; a library is created by the app's first run or by a command that writes (import, for one)", path.display())]
    NoLibrary { path: PathBuf },
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
    #[error("{}", sqlite_sentence(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("a stored value could not be read: {0}")]
    Decode(String),
    #[error(
        "{} is a Dateline library, not a story package; open it as a library instead",
        path.display()
    )]
    NotAPackage { path: PathBuf },
    #[error(
        "{} was made by a newer Dateline (story package format {found}, this one reads up to {known}); update Dateline to open it",
        path.display()
    )]
    NewerPackage {
        path: PathBuf,
        found: String,
        known: u32,
    },
    #[error("{} is damaged ({detail}); ask for the story to be sent again", path.display())]
    DamagedPackage { path: PathBuf, detail: String },
    #[error("{} is already there and is not a package of this story; choose another name", path.display())]
    FileExists { path: PathBuf },
}

/// What kind of trouble an error is, for the UI and scripts to branch on. The
/// sentence to show is the error's `Display`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// No story (or revision, or library) of that name: it was deleted, or
    /// the id is wrong.
    NotFound,
    /// The story was saved elsewhere since this copy was read; nothing was
    /// overwritten, and the copy should be reloaded or merged.
    Stale,
    /// The input breaks a rule of the story (a limit, a link, a workflow move)
    /// or is not something Dateline can read.
    Invalid,
    /// The library file is damaged, or is not a Dateline library.
    Corrupt,
    /// The library was written by a newer Dateline.
    NewerSchema,
    /// The library or its folder cannot be written.
    ReadOnly,
    /// A file or folder could not be read or written (disk full, missing,
    /// no permission).
    Io,
    /// A fault of Dateline's own; the library was not changed by it.
    Internal,
    /// A file opened as a story package is a whole library (or another
    /// Dateline file), not a package.
    NotAPackage,
}

impl StoreError {
    /// What kind of error this is, for the UI and scripts.
    pub fn kind(&self) -> ErrorKind {
        match self {
            StoreError::NotFound { .. } | StoreError::NoLibrary { .. } => ErrorKind::NotFound,
            StoreError::Stale { .. } => ErrorKind::Stale,
            StoreError::Invalid(_) | StoreError::Import(_) | StoreError::Search(_) => {
                ErrorKind::Invalid
            }
            StoreError::Corrupt { .. }
            | StoreError::NotALibrary { .. }
            | StoreError::DamagedPackage { .. } => ErrorKind::Corrupt,
            StoreError::NewerSchema { .. } | StoreError::NewerPackage { .. } => {
                ErrorKind::NewerSchema
            }
            StoreError::NotAPackage { .. } => ErrorKind::NotAPackage,
            StoreError::ReadOnly { .. } | StoreError::ReadOnlyFolder { .. } => ErrorKind::ReadOnly,
            StoreError::Io { .. } | StoreError::FileExists { .. } => ErrorKind::Io,
            StoreError::Export(_) => ErrorKind::Internal,
            StoreError::Sqlite(e) => match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                    ErrorKind::Corrupt
                }
                Some(rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure) => {
                    ErrorKind::Io
                }
                Some(rusqlite::ErrorCode::ReadOnly) => ErrorKind::ReadOnly,
                _ => ErrorKind::Internal,
            },
            StoreError::Migration(_) | StoreError::Decode(_) => ErrorKind::Internal,
        }
    }
}

/// SQLite's own message, once, with what it means for the reporter where the
/// code says more than the text ("database or disk is full" can arrive in
/// several layers of one message).
fn sqlite_sentence(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => {
            "the disk is full; nothing was written (free some space and try again)".to_owned()
        }
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            "the library is busy with another program's write; try again in a moment".to_owned()
        }
        _ => format!("library error: {e}"),
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Decode(e.to_string())
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
