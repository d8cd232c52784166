//! What the app holds while it runs: the open library and the small session
//! file that brings a reporter back to where they were. Where the library
//! lives is the store's answer ([`dateline_store::default_library_path`]), the
//! same for the app and the command line.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use dateline_core::{Status, StoryId};
use dateline_store::Library;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Shared by every command: cloned into blocking tasks.
pub type Shared = Arc<AppState>;

/// The library, opened on a thread of its own while the window starts: on a
/// big file the store's integrity check takes a while, and the window need
/// not wait for it to paint. Commands wait until it is open.
pub struct AppState {
    library: Mutex<Option<Result<Library, AppError>>>,
    opened: Condvar,
    session_path: PathBuf,
    /// The CMS targets' secrets kept for this session only.
    secrets: dateline_cms::Secrets,
}

impl AppState {
    /// A state whose library is still being opened (see [`AppState::opened`]).
    pub fn opening(library_path: &Path) -> Self {
        Self {
            library: Mutex::new(None),
            opened: Condvar::new(),
            session_path: session_path_for(library_path),
            secrets: dateline_cms::Secrets::new(),
        }
    }

    /// A state over a library that is already open.
    pub fn new(library: Library) -> Self {
        let state = Self::opening(library.path());
        state.opened(Ok(library));
        state
    }

    /// Hands over the opened library (or why it could not be opened).
    pub fn opened(&self, library: Result<Library, AppError>) {
        *self.lock() = Some(library);
        self.opened.notify_all();
    }

    /// The slot, even after a panic in another command: every store write is
    /// one transaction that rolls back when dropped, so the file stays whole.
    fn lock(&self) -> MutexGuard<'_, Option<Result<Library, AppError>>> {
        self.library
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Runs `f` on the library, waiting for it to be open. Blocks: call it
    /// off the main thread.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Library) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut slot = self.lock();
        while slot.is_none() {
            slot = self
                .opened
                .wait(slot)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        match slot.as_mut() {
            Some(Ok(library)) => f(library),
            Some(Err(e)) => Err(e.clone()),
            None => Err(AppError::internal("the library is not open")),
        }
    }

    /// Whether the library is open and usable (without waiting for it).
    pub fn is_open(&self) -> bool {
        matches!(self.lock().as_ref(), Some(Ok(_)))
    }

    /// Where targets' secrets are found.
    pub fn secrets(&self) -> &dateline_cms::Secrets {
        &self.secrets
    }

    pub fn session_path(&self) -> &Path {
        &self.session_path
    }
}

/// Where the window's session is kept: beside the library, so a test's fresh
/// library also starts a fresh session.
pub fn session_path_for(library: &Path) -> PathBuf {
    let mut name = library.as_os_str().to_owned();
    name.push(".session.json");
    PathBuf::from(name)
}

/// Where the reporter was: reopened on the next start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Session {
    /// The story open in the editor.
    pub open_story: Option<StoryId>,
    pub show_preview: bool,
    /// Preview at phone width instead of desktop width.
    pub phone_preview: bool,
    pub status_filter: Option<Status>,
    pub section_filter: String,
}

/// A fresh start: the one definition of the defaults. The window starts from
/// the same value, generated into `ui/src/bindings/constants.ts`.
impl Default for Session {
    fn default() -> Self {
        Self {
            open_story: None,
            show_preview: true,
            phone_preview: false,
            status_filter: None,
            section_filter: String::new(),
        }
    }
}

/// Reads the session; a missing or unreadable one is a fresh start, never an
/// error (it only remembers the view, not work).
pub fn load_session(path: &Path) -> Session {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Writes the session through the store's atomic write, so a crash mid-write
/// leaves the previous one.
pub fn store_session(path: &Path, session: &Session) -> Result<(), AppError> {
    let bytes = serde_json::to_vec_pretty(session)
        .map_err(|e| AppError::internal(format!("the session could not be written: {e}")))?;
    Ok(dateline_store::write_file(path, &bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The store puts the default library in `<data dir>/<APP_IDENTIFIER>/`,
    /// where Tauri keeps this app's other data (window state, logs): the
    /// identifier must be the one the app is built with.
    #[test]
    fn the_library_lives_in_the_app_data_folder() -> Result<(), Box<dyn std::error::Error>> {
        let conf: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json"),
        )?)?;
        assert_eq!(conf["identifier"], dateline_store::APP_IDENTIFIER);
        Ok(())
    }

    #[test]
    fn sessions_round_trip_and_survive_garbage() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = session_path_for(&dir.path().join("lib.dateline"));
        assert_eq!(load_session(&path), Session::default());
        let session = Session {
            open_story: Some(StoryId::new()),
            show_preview: false,
            phone_preview: true,
            status_filter: Some(Status::Ready),
            section_filter: "World".into(),
        };
        store_session(&path, &session)?;
        assert_eq!(load_session(&path), session);
        std::fs::write(&path, b"{not json")?;
        assert_eq!(load_session(&path), Session::default());
        Ok(())
    }
}
