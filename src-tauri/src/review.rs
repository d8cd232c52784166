//! The review commands: who is signing, sending a story as one file and
//! receiving one back (merged three ways by the store), deciding suggestions
//! and comparing versions. Each is a short call into `dateline-store`.

use std::path::PathBuf;

use dateline_core::review::Decision;
use dateline_core::{Story, StoryId};
use dateline_store::{Origin, Person, Received, ReviewDiff, SentPackage, SuggestionTarget};
use tauri::{AppHandle, Runtime, State};

use crate::commands::{blocking, with_library};
use crate::error::AppError;
use crate::files::{self, Pick, PACKAGE_EXTENSIONS};
use crate::state::Shared;

/// The person comments, suggestions and revisions are signed with.
#[tauri::command]
pub async fn whoami(state: State<'_, Shared>) -> Result<Person, AppError> {
    with_library(&state, move |lib| Ok(lib.person()?)).await
}

/// Sets the person's name (and initials, derived from the name when absent).
#[tauri::command]
pub async fn set_whoami(
    state: State<'_, Shared>,
    name: String,
    initials: Option<String>,
) -> Result<Person, AppError> {
    with_library(&state, move |lib| {
        Ok(lib.set_person(&name, initials.as_deref())?)
    })
    .await
}

/// The file name a package of `story` is offered under.
fn package_name(story: &Story) -> String {
    let stem = dateline_core::export::slug(story);
    format!("{stem}.{}", PACKAGE_EXTENSIONS[0])
}

/// "Send for review…" and "Return to reporter…": writes the story as one
/// package file where the person chooses (the store decides which of the two
/// it is). `None` when the dialog was cancelled.
#[tauri::command]
pub async fn send_story<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    id: StoryId,
) -> Result<Option<SentPackage>, AppError> {
    let story = with_library(&state, move |lib| Ok(lib.get_story(id)?)).await?;
    let name = package_name(&story);
    let Some(dest) = blocking(move || {
        Ok(files::save_path(
            &app,
            "Send the story as one file",
            &name,
            PACKAGE_EXTENSIONS[0],
        ))
    })
    .await?
    else {
        return Ok(None);
    };
    with_library(&state, move |lib| Ok(Some(lib.send_story(id, &dest)?))).await
}

/// Opens story packages: the ones given (dropped or opened with the app), or
/// those chosen in the open dialog when `paths` is absent. Each is added,
/// updated or merged; one that cannot be read fails the whole call with its
/// name in the sentence, after the ones before it were received.
#[tauri::command]
pub async fn receive_packages<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    paths: Option<Vec<PathBuf>>,
) -> Result<Vec<Received>, AppError> {
    let paths = match paths {
        Some(paths) => paths,
        None => blocking(move || Ok(files::pick_files(&app, Pick::Packages))).await?,
    };
    with_library(&state, move |lib| {
        let mut received = Vec::with_capacity(paths.len());
        for path in paths {
            let got = lib.receive_package(&path, Origin::Window).map_err(|e| {
                let e = AppError::from(e);
                AppError::new(
                    e.kind,
                    format!("{}: {}", files::display_name(&path), e.message),
                )
            })?;
            received.push(got);
        }
        Ok(received)
    })
    .await
}

/// Accepts or rejects one suggestion; the decision is kept as a revision.
#[tauri::command]
pub async fn decide_suggestion(
    state: State<'_, Shared>,
    id: StoryId,
    expected_version: i64,
    target: SuggestionTarget,
    decision: Decision,
) -> Result<Story, AppError> {
    with_library(&state, move |lib| {
        Ok(lib.decide_suggestion(id, expected_version, target, decision, Origin::Window)?)
    })
    .await
}

/// Accepts or rejects every open suggestion at once (one revision).
#[tauri::command]
pub async fn decide_all_suggestions(
    state: State<'_, Shared>,
    id: StoryId,
    expected_version: i64,
    decision: Decision,
) -> Result<Story, AppError> {
    with_library(&state, move |lib| {
        Ok(lib.decide_all_suggestions(id, expected_version, decision, Origin::Window)?)
    })
    .await
}

/// The word-level differences between two revisions (`None`: the version
/// sent or received for review, and now).
#[tauri::command]
pub async fn diff_story(
    state: State<'_, Shared>,
    id: StoryId,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<ReviewDiff, AppError> {
    with_library(&state, move |lib| Ok(lib.diff_story(id, from, to)?)).await
}
