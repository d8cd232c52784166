//! The IPC commands: each one a short call into `dateline-core` or
//! `dateline-store`, run off the UI thread because SQLite work blocks.

use std::path::{Path, PathBuf};

use dateline_core::export::{self, Format};
use dateline_core::import::STORY_EXTENSIONS;
use dateline_core::render::{render_article_with_notices, RenderOptions};
use dateline_core::{import, Media, MediaFile, Status, Story, StoryId, StorySummary};
use dateline_store::{
    ExportBatch, ExportProgress, Library, ListFilter, Origin, RevisionInfo, SaveKind, SearchHit,
    StatusChange, MAX_MEDIA_BYTES,
};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::error::{AppError, ErrorKind};
use crate::files::{self, Pick};
use crate::state::{self, Session, Shared};

/// Runs `f` on the library in a blocking task, so the window never waits on
/// the disk.
pub(crate) async fn with_library<T, F>(state: &State<'_, Shared>, f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut Library) -> Result<T, AppError> + Send + 'static,
{
    let shared = Shared::clone(state);
    blocking(move || shared.with(f)).await
}

/// Runs blocking work (dialogs, files, SQLite) off the async runtime's threads.
pub(crate) async fn blocking<T, F>(f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, AppError> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| AppError::internal(format!("a background task failed: {e}")))?
}

/// What the window shows about the open library.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LibraryInfo {
    pub path: String,
    pub story_count: usize,
    pub sections: Vec<String>,
    /// Prefix of picture URLs served from the library (`<prefix><hash>`).
    pub media_url: String,
    /// Dateline's version (the workspace's), for the About lines.
    pub version: String,
}

/// The prefix of picture URLs: custom schemes look different on Windows.
pub fn media_url_prefix() -> &'static str {
    if cfg!(windows) {
        "http://dateline-media.localhost/"
    } else {
        "dateline-media://localhost/"
    }
}

#[tauri::command]
pub async fn library_info(state: State<'_, Shared>) -> Result<LibraryInfo, AppError> {
    with_library(&state, |lib| {
        Ok(LibraryInfo {
            path: lib.path().display().to_string(),
            story_count: lib.count_stories()?,
            sections: lib.sections()?,
            media_url: media_url_prefix().to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        })
    })
    .await
}

#[tauri::command]
pub async fn list_stories(
    state: State<'_, Shared>,
    status: Option<Status>,
    section: Option<String>,
    limit: usize,
) -> Result<Vec<StorySummary>, AppError> {
    let filter = ListFilter {
        status,
        section,
        limit,
    };
    with_library(&state, move |lib| Ok(lib.list_stories(&filter)?)).await
}

#[tauri::command]
pub async fn search_stories(
    state: State<'_, Shared>,
    query: String,
    limit: usize,
) -> Result<Vec<SearchHit>, AppError> {
    with_library(&state, move |lib| Ok(lib.search(&query, limit)?)).await
}

#[tauri::command]
pub async fn create_story(state: State<'_, Shared>, headline: String) -> Result<Story, AppError> {
    with_library(&state, move |lib| {
        Ok(lib.create_story(&Story::new(headline), Origin::Window)?)
    })
    .await
}

#[tauri::command]
pub async fn get_story(state: State<'_, Shared>, id: StoryId) -> Result<Story, AppError> {
    with_library(&state, move |lib| Ok(lib.get_story(id)?)).await
}

/// Saves the story if nobody saved in between (else a `stale` error and
/// nothing written). `explicit` keeps a revision (Ctrl+S).
#[tauri::command]
pub async fn save_story(
    state: State<'_, Shared>,
    story: Story,
    explicit: bool,
) -> Result<Story, AppError> {
    let kind = if explicit {
        SaveKind::Explicit
    } else {
        SaveKind::Autosave
    };
    with_library(&state, move |lib| {
        Ok(lib.save_story(&story, kind, Origin::Window)?)
    })
    .await
}

#[tauri::command]
pub async fn set_status(
    state: State<'_, Shared>,
    id: StoryId,
    status: Status,
    expected_version: i64,
) -> Result<Story, AppError> {
    with_library(&state, move |lib| {
        Ok(lib.set_status(id, status, expected_version, Origin::Window)?)
    })
    .await
}

#[tauri::command]
pub async fn delete_story(state: State<'_, Shared>, id: StoryId) -> Result<(), AppError> {
    with_library(&state, move |lib| Ok(lib.delete_story(id)?)).await
}

#[tauri::command]
pub async fn status_history(
    state: State<'_, Shared>,
    id: StoryId,
) -> Result<Vec<StatusChange>, AppError> {
    with_library(&state, move |lib| Ok(lib.list_status_history(id)?)).await
}

#[tauri::command]
pub async fn list_revisions(
    state: State<'_, Shared>,
    id: StoryId,
) -> Result<Vec<RevisionInfo>, AppError> {
    with_library(&state, move |lib| Ok(lib.list_revisions(id)?)).await
}

#[tauri::command]
pub async fn get_revision(state: State<'_, Shared>, revision: i64) -> Result<Story, AppError> {
    with_library(&state, move |lib| Ok(lib.get_revision(revision)?)).await
}

#[tauri::command]
pub async fn restore_revision(
    state: State<'_, Shared>,
    revision: i64,
    expected_version: i64,
) -> Result<Story, AppError> {
    with_library(&state, move |lib| {
        Ok(lib.restore_revision(revision, expected_version, Origin::Window)?)
    })
    .await
}

/// Checks a link as the core does on save, so the panel can refuse it inline.
#[tauri::command]
pub fn check_link(field: String, url: String) -> Result<(), AppError> {
    Ok(dateline_core::check_url(&field, url.trim())?)
}

/// What stops the story from being Ready, in the desk's words.
#[tauri::command]
pub fn ready_blockers(story: Story) -> Vec<String> {
    story.ready_blockers()
}

/// The preview and the figures shown under the editor, in one round trip.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Preview {
    /// A whole HTML document, sanitised by the core.
    pub html: String,
    pub word_count: usize,
    pub reading_minutes: usize,
    /// What the reader's page leaves out or changes, one sentence each (a
    /// list nested deeper than any story needs, flattened).
    pub notices: Vec<String>,
}

/// Renders the story as the reader will see it. Pictures are linked to the
/// library through the `dateline-media` scheme rather than inlined, so a
/// keystroke costs a few kilobytes whatever the pictures weigh.
///
/// With `apply_suggestions`, the body is shown as it would read with every
/// suggestion accepted; without, as it stands. Either way no CriticMarkup
/// reaches the page.
#[tauri::command]
pub async fn render_preview(
    story: Story,
    apply_suggestions: Option<bool>,
) -> Result<Preview, AppError> {
    blocking(move || {
        let mut story = story;
        if apply_suggestions == Some(true) {
            use dateline_core::review::{critic, Decision};
            if let std::borrow::Cow::Owned(body) =
                critic::resolve_all(&story.body, Decision::Accept)
            {
                story.body = body;
            }
        }
        let image_src = |m: &Media| {
            m.file
                .as_ref()
                .map(|f| format!("{}{}", media_url_prefix(), f.hash))
        };
        let opts = RenderOptions {
            image_src: &image_src,
            ..RenderOptions::default()
        };
        let page = render_article_with_notices(&story, &opts)
            .map_err(|e| AppError::internal(e.to_string()))?;
        Ok(Preview {
            html: page.html,
            word_count: story.word_count(),
            reading_minutes: story.reading_minutes(),
            notices: page.notices.iter().map(|n| n.message()).collect(),
        })
    })
    .await
}

/// Stories made by an import, the files that could not be imported, and the
/// pictures that did not come with their story.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
pub struct ImportReport {
    pub stories: Vec<Story>,
    /// One sentence per file that failed, naming it.
    pub failures: Vec<String>,
    /// One sentence per picture a file names that could not be attached,
    /// naming the file, the picture and why. The story keeps the picture
    /// without a file, and Ready asks for one.
    pub missing_pictures: Vec<String>,
    /// What a file asked for that an import does not do (a status from its
    /// front matter, say), naming the file: imports are always drafts.
    pub notices: Vec<String>,
}

/// Turns pasted text into a new story through the structured import.
#[tauri::command]
pub async fn import_text(state: State<'_, Shared>, text: String) -> Result<Story, AppError> {
    with_library(&state, move |lib| {
        let imported = import::import_bytes("pasted.txt", text.as_bytes())?;
        Ok(lib.create_story(&imported.story, Origin::Import)?)
    })
    .await
}

/// Imports files: the ones given (dropped on the window), or those chosen in
/// the native open dialog when `paths` is absent.
#[tauri::command]
pub async fn import_files<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    paths: Option<Vec<PathBuf>>,
) -> Result<ImportReport, AppError> {
    let paths = match paths {
        Some(paths) => paths,
        None => blocking(move || Ok(files::pick_files(&app, Pick::Stories))).await?,
    };
    with_library(&state, move |lib| {
        let mut report = ImportReport::default();
        for path in paths {
            let name = files::display_name(&path);
            match import_file(lib, &path) {
                Ok(imported) => {
                    report
                        .missing_pictures
                        .extend(imported.missing.iter().map(|m| {
                            format!(
                                "{name}: the picture {} was not attached ({})",
                                m.path.display(),
                                m.reason
                            )
                        }));
                    report
                        .notices
                        .extend(imported.notices.iter().map(|n| format!("{name}: {n}")));
                    report.stories.push(imported.story);
                }
                Err(e) => report.failures.push(format!("{name}: {}", e.message)),
            }
        }
        Ok(report)
    })
    .await
}

/// One file in, through the store (which reads the pictures a Markdown file
/// names from beside it). Only story files are taken: a dropped spreadsheet
/// is refused by name rather than read as pasted text.
fn import_file(lib: &mut Library, path: &Path) -> Result<dateline_store::ImportedFile, AppError> {
    if !Pick::Stories.accepts(path) {
        return Err(AppError::new(
            ErrorKind::Invalid,
            format!(
                "only .{} files can be imported as stories",
                STORY_EXTENSIONS.join(", .")
            ),
        ));
    }
    Ok(lib.import_file(path, Origin::Import)?)
}

/// Picture files stored in the library, ready to be attached to a story.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
pub struct AddedPictures {
    pub files: Vec<MediaFile>,
    pub failures: Vec<String>,
}

/// Stores pictures: the ones given (dropped), or those chosen in the native
/// dialog. The window then attaches them to the story and saves it.
#[tauri::command]
pub async fn add_pictures<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    paths: Option<Vec<PathBuf>>,
) -> Result<AddedPictures, AppError> {
    let paths = match paths {
        Some(paths) => paths,
        None => blocking(move || Ok(files::pick_files(&app, Pick::Pictures))).await?,
    };
    with_library(&state, move |lib| {
        let mut added = AddedPictures::default();
        for path in paths {
            let name = files::display_name(&path);
            // Capped as the store caps pictures named by an import: a huge
            // file or a device dropped by mistake is refused, not read.
            let stored = dateline_store::read_capped(&path, MAX_MEDIA_BYTES as u64)
                .map_err(|reason| format!("{name}: {reason}"))
                .and_then(|bytes| {
                    lib.put_media_file(&name, &bytes)
                        .map_err(|e| format!("{name}: {e}"))
                });
            match stored {
                Ok(file) => added.files.push(file),
                Err(sentence) => added.failures.push(sentence),
            }
        }
        Ok(added)
    })
    .await
}

/// The export formats, as the UI names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Html,
    Md,
    Ninjs,
    Ans,
    Wxr,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Html => Format::Html,
            ExportFormat::Md => Format::Markdown,
            ExportFormat::Ninjs => Format::Ninjs,
            ExportFormat::Ans => Format::Ans,
            ExportFormat::Wxr => Format::Wxr,
        }
    }
}

/// One story written out.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportDone {
    pub path: String,
    /// Picture files written beside it.
    pub pictures: usize,
}

/// Exports the stored story; asks where with the native save dialog.
/// `None` when the person cancelled.
#[tauri::command]
pub async fn export_story<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    id: StoryId,
    format: ExportFormat,
) -> Result<Option<ExportDone>, AppError> {
    let format = Format::from(format);
    let story = with_library(&state, move |lib| Ok(lib.get_story(id)?)).await?;
    let name = export::file_name(&story, format);
    let Some(dest) = blocking(move || {
        Ok(files::save_path(
            &app,
            "Export story",
            &name,
            format.extension(),
        ))
    })
    .await?
    else {
        return Ok(None);
    };
    with_library(&state, move |lib| {
        // Pictures go beside the file; the first file written is the story.
        let written = lib.export_story(story.id, format, &dest)?;
        Ok(Some(ExportDone {
            path: dest.display().to_string(),
            pictures: written.len().saturating_sub(1),
        }))
    })
    .await
}

/// What a batch export did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct BatchExportDone {
    pub folder: String,
    /// Stories written.
    pub written: usize,
    /// One sentence per story that was not.
    pub failures: Vec<String>,
}

/// Exports many stories into one folder through the store's [`ExportBatch`]
/// (which names the files, keeps same-headline stories apart and writes WXR
/// as one file), sending each story's [`ExportProgress`] on `on_progress`.
/// The library is locked per story, so autosave gets it between stories.
#[tauri::command]
pub async fn export_stories<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, Shared>,
    ids: Vec<StoryId>,
    format: ExportFormat,
    on_progress: Channel<ExportProgress>,
) -> Result<Option<BatchExportDone>, AppError> {
    let format = Format::from(format);
    let Some(folder) = blocking(move || Ok(files::export_folder(&app))).await? else {
        return Ok(None);
    };
    let total = ids.len();
    let dir = folder.clone();
    let mut batch = blocking(move || Ok(ExportBatch::new(format, &dir, total)?)).await?;
    for id in ids {
        // The batch goes into the task that holds the lock and comes back
        // with the story's step: one story per lock.
        let (returned, step) = with_library(&state, move |lib| {
            let step = batch.add(lib, id);
            Ok((batch, step))
        })
        .await?;
        batch = returned;
        // A closed window stops listening; the export itself goes on.
        let _ = on_progress.send(step);
    }
    let report = with_library(&state, move |lib| Ok(batch.finish(lib)?)).await?;
    Ok(Some(BatchExportDone {
        folder: folder.display().to_string(),
        written: report.exported,
        failures: report.failures.into_iter().map(|f| f.message).collect(),
    }))
}

/// Shows an exported file in the system's file manager.
#[tauri::command]
pub fn reveal_file<R: Runtime>(app: AppHandle<R>, path: String) -> Result<(), AppError> {
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .reveal_item_in_dir(&path)
        .map_err(|e| AppError::new(ErrorKind::Io, format!("{path} could not be shown: {e}")))
}

#[tauri::command]
pub async fn get_session(state: State<'_, Shared>) -> Result<Session, AppError> {
    let shared = Shared::clone(&state);
    blocking(move || Ok(state::load_session(shared.session_path()))).await
}

#[tauri::command]
pub async fn set_session(state: State<'_, Shared>, session: Session) -> Result<(), AppError> {
    let shared = Shared::clone(&state);
    blocking(move || state::store_session(shared.session_path(), &session)).await
}

/// A timing measured in the window (startup, keystroke to preview), written
/// to the log so the measuring script and a curious developer can read it.
#[tauri::command]
pub fn report_timing(name: String, ms: f64) {
    log::info!("timing {name} {ms:.1} ms");
}

/// The library is listed and the window takes input: the moment startup is
/// measured to, printed with the wall-clock time for scripts/measure-startup.sh.
#[tauri::command]
pub fn ui_ready() {
    let epoch_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    println!("DATELINE_READY epoch_ms={epoch_ms}");
    log::info!("interactive");
}
