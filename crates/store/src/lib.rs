//! The Dateline library: one SQLite file holding every story, its pictures,
//! revisions and a full-text index.
//!
//! ```
//! use dateline_core::Story;
//! use dateline_store::{Library, Origin, SaveKind};
//!
//! let mut lib = Library::open_in_memory().unwrap();
//! let mut story = lib.create_story(&Story::new("Ferry service resumes"), Origin::Cli).unwrap();
//! story.body = "Boats left the harbour at dawn.".into();
//! let story = lib.save_story(&story, SaveKind::Autosave, Origin::Window).unwrap();
//! assert_eq!(story.version, 2);
//! assert_eq!(lib.search("harbour", 20).unwrap().len(), 1);
//! ```
//!
//! Every write checks the story's `version`: a save made from a stale copy is
//! refused ([`StoreError::Stale`]) and nothing is overwritten.

mod backup;
mod cms;
mod convert;
mod error;
mod export;
mod files;
mod import;
mod links;
mod media;
mod notes;
mod open;
mod package;
mod people;
mod related;
mod review;
mod revisions;
mod search;
mod status_history;
mod stories;
mod suggestions;

use std::path::{Path, PathBuf};

pub use cms::{
    normalise_site_url, outbox_backoff, parse_stamp, CmsKind, Destination, NewTarget, OutboxEntry,
    PostStatus, RemoteMedia, RemotePost, SecretPlace, Target, MAX_TARGET_NAME, OUTBOX_MAX_ATTEMPTS,
};
pub use error::{ErrorKind, Result, StoreError};
pub use export::{ExportBatch, ExportFailure, ExportProgress, ExportReport, ExportStep};
pub use files::{
    default_library_path, read_capped, write_atomically, write_file, Durability, APP_IDENTIFIER,
    LIBRARY_ENV, LIBRARY_FILE,
};
pub use import::{ImportedFile, MissingPicture};
pub use media::MAX_MEDIA_BYTES;
pub use open::schema_version;
pub use open::APPLICATION_ID;
pub use package::{
    PackageKind, ReceiveOutcome, Received, SentPackage, PACKAGE_EXTENSION, PACKAGE_FORMAT,
};
pub use people::{initials_of, Person, MAX_INITIALS, MAX_PERSON_NAME};
pub use review::{ReviewDiff, SuggestionTarget};
pub use revisions::SaveKind;
pub use revisions::{RevisionInfo, AUTOSAVE_REVISION_EVERY};
pub use search::{to_fts_query, SearchHit, SnippetPart};
pub use status_history::StatusChange;
pub use stories::ListFilter;

/// Where a write came from, kept with revisions and status moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The app's window: a person typing.
    Window,
    /// The `dateline` command line.
    Cli,
    /// An import of a file or a paste.
    Import,
    /// Work the app did by itself.
    Background,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Window => "window",
            Origin::Cli => "cli",
            Origin::Import => "import",
            Origin::Background => "background",
        }
    }
}

/// An open library file.
pub struct Library {
    conn: rusqlite::Connection,
    path: PathBuf,
}

impl Library {
    /// The file this library lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A transaction that takes the write lock at once. A deferred one that
    /// reads first and then writes cannot wait for another writer (SQLite
    /// gives up on it at once to avoid a deadlock), so every write starts
    /// here and queues behind the busy timeout instead of failing.
    pub(crate) fn write_transaction(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library").field("path", &self.path).finish()
    }
}
