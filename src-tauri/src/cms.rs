//! The CMS commands: the sites stories are sent to, "Send to CMS…", and the
//! outbox, which a background task sends when its sites answer again. Each
//! command is a short call into `dateline-cms` (the network) and
//! `dateline-store` (what is remembered); none waits on the network on the
//! async runtime's threads.

use std::collections::BTreeMap;
use std::time::Duration;

use dateline_cms::{CmsError, Desk, OnConflict, PushOutcome, PushProgress, Secrets, SiteCheck};
use dateline_core::StoryId;
use dateline_store::{
    CmsKind, Destination, ErrorKind, Library, NewTarget, OutboxEntry, PostStatus, SecretPlace,
    Target,
};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::commands::{blocking, with_library};
use crate::error::AppError;
use crate::state::{AppState, Shared};

/// The event the window hears when the outbox or where stories went changed
/// without it asking (the background sender).
pub const OUTBOX_EVENT: &str = "outbox-changed";

/// How often the background sender looks for pushes whose time has come.
const OUTBOX_TICK: Duration = Duration::from_secs(10);

impl From<CmsError> for AppError {
    fn from(e: CmsError) -> Self {
        let kind = match &e {
            CmsError::Store(store) => store.kind(),
            CmsError::Offline { .. } | CmsError::ServerFault { .. } => ErrorKind::Io,
            CmsError::Conflict { .. } => ErrorKind::Stale,
            CmsError::Tls { .. }
            | CmsError::Refused(_)
            | CmsError::NoSecret(_)
            | CmsError::NotSendable(_) => ErrorKind::Invalid,
        };
        AppError::new(kind, e.to_string())
    }
}

impl Desk for AppState {
    fn with_library<T>(
        &self,
        f: impl FnOnce(&mut Library) -> dateline_cms::Result<T>,
    ) -> dateline_cms::Result<T> {
        let mut inner = None;
        let outcome = self.with(|lib| match f(lib) {
            Ok(value) => Ok(Some(value)),
            Err(e) => {
                inner = Some(e);
                Ok(None)
            }
        });
        match outcome {
            Ok(Some(value)) => Ok(value),
            Ok(None) => {
                Err(inner
                    .unwrap_or_else(|| CmsError::NotSendable("the library did not answer".into())))
            }
            Err(app) => Err(CmsError::NotSendable(app.message)),
        }
    }
}

/// A target as the settings dialog sends it, with its secret.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct TargetInput {
    pub name: String,
    pub kind: CmsKind,
    pub url: String,
    /// The WordPress user; ignored for Ghost.
    pub user: String,
    /// The application password or Admin API key. Never stored in the library.
    pub secret: String,
    pub default_status: PostStatus,
    /// Keep the secret in memory until the app quits instead of the keyring.
    pub session_only: bool,
    /// Dateline section → the site's category (WordPress) or tag (Ghost).
    #[serde(default)]
    pub categories: BTreeMap<String, String>,
    /// Dateline tag → the site's tag.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

impl TargetInput {
    fn new_target(&self) -> NewTarget {
        NewTarget {
            name: self.name.clone(),
            kind: Some(self.kind),
            url: self.url.clone(),
            user: if self.kind == CmsKind::WordPress {
                self.user.clone()
            } else {
                String::new()
            },
            secret: Some(if self.session_only {
                SecretPlace::Session
            } else {
                SecretPlace::Keyring
            }),
            default_status: self.default_status,
            categories: self.categories.clone(),
            tags: self.tags.clone(),
        }
    }
}

/// What saving a target (or its secret) came to.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum TargetSaved {
    /// Saved; the secret is in the keyring, or in memory for this session.
    Saved { target: Target, session_only: bool },
    /// No keyring service answered: nothing was saved. The window offers to
    /// keep the secret for this session only.
    NoKeyring { reason: String },
}

fn keep_secret(
    secrets: &Secrets,
    target: &Target,
    secret: &str,
    session_only: bool,
) -> Result<(), String> {
    if session_only {
        secrets.keep_for_session(target.id, secret);
        Ok(())
    } else {
        secrets
            .store_in_keyring(target.id, secret)
            .map_err(|no| no.0)
    }
}

/// Every target, by name.
#[tauri::command]
pub async fn list_targets(state: State<'_, Shared>) -> Result<Vec<Target>, AppError> {
    with_library(&state, |lib| Ok(lib.targets()?)).await
}

/// Adds a target and keeps its secret. Nothing is saved when the secret
/// cannot be kept.
#[tauri::command]
pub async fn add_target(
    state: State<'_, Shared>,
    input: TargetInput,
) -> Result<TargetSaved, AppError> {
    if input.secret.trim().is_empty() {
        return Err(AppError::new(
            ErrorKind::Invalid,
            match input.kind {
                CmsKind::WordPress => {
                    "type the application password (Users → Profile → Application Passwords)"
                }
                CmsKind::Ghost => "paste the Admin API key (Settings → Integrations)",
            },
        ));
    }
    let shared = Shared::clone(&state);
    blocking(move || {
        let target = shared.with(|lib| Ok(lib.add_target(&input.new_target())?))?;
        match keep_secret(shared.secrets(), &target, &input.secret, input.session_only) {
            Ok(()) => Ok(TargetSaved::Saved {
                target,
                session_only: input.session_only,
            }),
            Err(reason) => {
                shared.with(|lib| Ok(lib.remove_target(&target.id.to_string())?))?;
                Ok(TargetSaved::NoKeyring { reason })
            }
        }
    })
    .await
}

/// Gives a target its secret again (a session's secret is gone after a
/// restart), in the keyring or for this session.
#[tauri::command]
pub async fn set_target_secret(
    state: State<'_, Shared>,
    name: String,
    secret: String,
    session_only: bool,
) -> Result<TargetSaved, AppError> {
    let shared = Shared::clone(&state);
    blocking(move || {
        let mut target = shared.with(|lib| Ok(lib.target(&name)?))?;
        if let Err(reason) = keep_secret(shared.secrets(), &target, &secret, session_only) {
            return Ok(TargetSaved::NoKeyring { reason });
        }
        target.secret = if session_only {
            SecretPlace::Session
        } else {
            SecretPlace::Keyring
        };
        let target = shared.with(|lib| Ok(lib.update_target(&target)?))?;
        Ok(TargetSaved::Saved {
            target,
            session_only,
        })
    })
    .await
}

/// Forgets a target and its secret; its posts stay on the site.
#[tauri::command]
pub async fn remove_target(state: State<'_, Shared>, name: String) -> Result<(), AppError> {
    let shared = Shared::clone(&state);
    blocking(move || {
        let target = shared.with(|lib| Ok(lib.remove_target(&name)?))?;
        shared.secrets().forget(&target);
        Ok(())
    })
    .await
}

/// Names sections and tags as the target's site knows them (an empty name
/// leaves that section or tag out of the post).
#[tauri::command]
pub async fn set_target_mapping(
    state: State<'_, Shared>,
    name: String,
    categories: BTreeMap<String, String>,
    tags: BTreeMap<String, String>,
) -> Result<Target, AppError> {
    with_library(&state, move |lib| {
        let mut target = lib.target(&name)?;
        target.categories = categories;
        target.tags = tags;
        Ok(lib.update_target(&target)?)
    })
    .await
}

/// "Test connection" on the settings form, before anything is saved.
#[tauri::command]
pub async fn test_connection(input: TargetInput) -> Result<SiteCheck, AppError> {
    blocking(move || {
        let new = input.new_target();
        let target = Target {
            id: uuid_now(),
            name: if new.name.trim().is_empty() {
                input.url.clone()
            } else {
                new.name.clone()
            },
            kind: input.kind,
            url: dateline_store::normalise_site_url(&new.url)?,
            user: new.user.clone(),
            secret: SecretPlace::Session,
            default_status: new.default_status,
            categories: Default::default(),
            tags: Default::default(),
        };
        Ok(dateline_cms::test_site(&target, input.secret.trim())?)
    })
    .await
}

fn uuid_now() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}

/// "Test connection" on a saved target.
#[tauri::command]
pub async fn test_target(state: State<'_, Shared>, name: String) -> Result<SiteCheck, AppError> {
    let shared = Shared::clone(&state);
    blocking(move || {
        Ok(dateline_cms::test_target(
            &*shared,
            shared.secrets(),
            &name,
        )?)
    })
    .await
}

/// "Send to CMS…": sends the stories to the target one after another,
/// reporting each step on `on_progress`. A site that cannot be reached
/// queues them in the outbox; a failed story never stops the others.
#[tauri::command]
pub async fn push_stories(
    state: State<'_, Shared>,
    ids: Vec<StoryId>,
    target: String,
    on_conflict: OnConflict,
    on_progress: Channel<PushProgress>,
) -> Result<Vec<PushOutcome>, AppError> {
    let shared = Shared::clone(&state);
    blocking(move || {
        Ok(dateline_cms::push_many(
            &*shared,
            shared.secrets(),
            &ids,
            &target,
            on_conflict,
            &|p| {
                let _ = on_progress.send(p.clone());
            },
        ))
    })
    .await
}

/// The pushes waiting for their site.
#[tauri::command]
pub async fn outbox(state: State<'_, Shared>) -> Result<Vec<OutboxEntry>, AppError> {
    with_library(&state, |lib| Ok(lib.outbox()?)).await
}

/// "Send now": every queued push, whatever its next attempt's time.
#[tauri::command]
pub async fn send_outbox(
    state: State<'_, Shared>,
    on_progress: Channel<PushProgress>,
) -> Result<Vec<PushOutcome>, AppError> {
    let shared = Shared::clone(&state);
    blocking(move || {
        Ok(dateline_cms::send_outbox(
            &*shared,
            shared.secrets(),
            true,
            &|p| {
                let _ = on_progress.send(p.clone());
            },
        )?)
    })
    .await
}

/// Takes a push out of the outbox without sending it.
#[tauri::command]
pub async fn remove_from_outbox(
    state: State<'_, Shared>,
    story: StoryId,
    target: String,
) -> Result<(), AppError> {
    with_library(&state, move |lib| {
        let target = lib.target(&target)?;
        Ok(lib.outbox_remove(story, target.id)?)
    })
    .await
}

/// Opens a post's address in the system's browser. Only web addresses: the
/// window never hands anything else to the system to open.
#[tauri::command]
pub fn open_post<R: Runtime>(app: AppHandle<R>, url: String) -> Result<(), AppError> {
    use tauri_plugin_opener::OpenerExt;
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.contains(char::is_whitespace)
    {
        return Err(AppError::new(
            ErrorKind::Invalid,
            format!("{url:?} is not a web address"),
        ));
    }
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| AppError::new(ErrorKind::Io, format!("{url} could not be opened: {e}")))
}

/// Where a story went: each site, its post's address and when.
#[tauri::command]
pub async fn destinations(
    state: State<'_, Shared>,
    id: StoryId,
) -> Result<Vec<Destination>, AppError> {
    with_library(&state, move |lib| Ok(lib.destinations(id)?)).await
}

/// Sends what waits in the outbox when its time comes, for as long as the
/// app runs, and tells the window (with the outcomes) when something went.
/// A thread of its own: it only ever waits on the network and the library.
pub fn start_outbox_sender<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || loop {
        std::thread::sleep(OUTBOX_TICK);
        let Some(state) = app.try_state::<Shared>() else {
            continue;
        };
        let shared = Shared::clone(&state);
        if !shared.is_open() {
            continue;
        }
        match dateline_cms::send_outbox(&*shared, shared.secrets(), false, &|_| {}) {
            Ok(outcomes) if !outcomes.is_empty() => {
                for o in &outcomes {
                    log::info!("outbox: {}", o.sentence());
                }
                let _ = app.emit(OUTBOX_EVENT, &outcomes);
            }
            Ok(_) => {}
            Err(e) => log::warn!("outbox: {e}"),
        }
    });
}
