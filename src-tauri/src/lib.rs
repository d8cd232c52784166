//! The Dateline desktop shell: one window over one library file.
//!
//! Everything a reporter does goes through a command in [`commands`], which
//! calls `dateline-core` (the story model, import, render, export) or
//! `dateline-store` (the SQLite library). This crate only wires them to the
//! window: plugins, the library's location, the picture scheme, and the one
//! error type the UI sees ([`error::AppError`]).
//!
//! The library is `library.dateline` in the app-data folder
//! (`~/.local/share/news.dateline.desk/` on Linux), or `$DATELINE_LIBRARY`.

pub mod bindings;
pub mod cms;
pub mod commands;
pub mod error;
pub mod files;
pub mod open;
pub mod review;
pub mod state;

use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use dateline_store::Library;
use tauri::http::{header, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder, WindowEvent};
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

use crate::state::{AppState, Shared};

/// When `run` began: startup phases are logged against it.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn since_start() -> u128 {
    STARTED
        .get()
        .map(|t| t.elapsed().as_millis())
        .unwrap_or_default()
}

/// The scheme pictures are served under, straight from the library's blobs.
pub const MEDIA_SCHEME: &str = "dateline-media";

/// Every command the window may call.
pub fn handlers<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        commands::library_info,
        commands::list_stories,
        commands::search_stories,
        commands::create_story,
        commands::get_story,
        commands::save_story,
        commands::set_status,
        commands::delete_story,
        commands::status_history,
        commands::list_revisions,
        commands::get_revision,
        commands::restore_revision,
        commands::check_link,
        commands::ready_blockers,
        commands::render_preview,
        commands::import_text,
        commands::import_files,
        commands::add_pictures,
        commands::export_story,
        commands::export_stories,
        commands::reveal_file,
        commands::get_session,
        commands::set_session,
        commands::report_timing,
        commands::ui_ready,
        review::whoami,
        review::set_whoami,
        review::send_story,
        review::receive_packages,
        review::decide_suggestion,
        review::decide_all_suggestions,
        review::diff_story,
        cms::list_targets,
        cms::add_target,
        cms::set_target_secret,
        cms::remove_target,
        cms::set_target_mapping,
        cms::test_connection,
        cms::test_target,
        cms::push_stories,
        cms::outbox,
        cms::send_outbox,
        cms::remove_from_outbox,
        cms::destinations,
        cms::open_post,
        open::opened_files,
    ]
}

/// Serves `dateline-media://localhost/<sha256>` from the library, off the main
/// thread. Content-addressed, so the webview may cache it for good.
fn serve_media<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: tauri::http::Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().clone();
    let hash = request.uri().path().trim_start_matches('/').to_owned();
    tauri::async_runtime::spawn_blocking(move || {
        let not_found = || {
            Response::builder()
                .status(StatusCode::NOT_FOUND)
                .body(Vec::new())
        };
        let valid = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
        let bytes = valid
            .then(|| app.try_state::<Shared>())
            .flatten()
            .and_then(|state| state.with(|lib| Ok(lib.media_bytes(&hash)?)).ok());
        let response = match bytes {
            Some(bytes) => Response::builder()
                .header(
                    header::CONTENT_TYPE,
                    dateline_core::image::sniff(&bytes).unwrap_or("application/octet-stream"),
                )
                .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
                .body(bytes),
            None => not_found(),
        };
        match response {
            Ok(r) => responder.respond(r),
            Err(e) => log::error!("picture response failed: {e}"),
        }
    });
}

/// Opens the library on a thread of its own, so the window paints meanwhile;
/// if it cannot be opened, tells the person why (the store's sentence names
/// the file and the last backup) and stops.
fn open_library<R: Runtime>(app: &tauri::App<R>) {
    let started = std::time::Instant::now();
    // The store's answer, shared with the command line: `$DATELINE_LIBRARY`,
    // else `library.dateline` in `<data dir>/news.dateline.desk/`, the folder
    // Tauri gives this app (its identifier is checked against the store's in
    // a test). `Library::open` creates the folder on a first run.
    let path = match dateline_store::default_library_path() {
        Ok(path) => path,
        Err(e) => {
            app.manage::<Shared>(Arc::new(AppState::opening(std::path::Path::new(""))));
            refuse_to_start(app.handle().clone(), e.into());
            return;
        }
    };
    let shared: Shared = Arc::new(AppState::opening(&path));
    app.manage(Shared::clone(&shared));
    let handle = app.handle().clone();
    std::thread::spawn(move || {
        let opened = Library::open(&path).map_err(error::AppError::from);
        match &opened {
            Ok(_) => log::info!(
                "library {} opened in {} ms",
                path.display(),
                started.elapsed().as_millis()
            ),
            Err(e) => refuse_to_start(handle, e.clone()),
        }
        shared.opened(opened);
    });
}

fn refuse_to_start<R: Runtime>(app: tauri::AppHandle<R>, e: error::AppError) {
    log::error!("library not opened: {e}");
    std::thread::spawn(move || {
        app.dialog()
            .message(e.message.clone())
            .title("Dateline cannot open its library")
            .kind(MessageDialogKind::Error)
            .blocking_show();
        app.exit(1);
    });
}

/// Writes the window's size and place to disk a moment after it stops
/// changing, not only on a clean quit: a window closed by logging out or
/// killed comes back where it was, like the stories in it.
pub struct WindowKeeper(Mutex<mpsc::Sender<()>>);

impl WindowKeeper {
    /// How long the window must keep still before it is written down.
    const QUIET: Duration = Duration::from_millis(400);

    fn start<R: Runtime>(app: tauri::AppHandle<R>) -> Self {
        let (changes, news) = mpsc::channel::<()>();
        std::thread::spawn(move || {
            while news.recv().is_ok() {
                // A drag sends many changes: wait for the last.
                while news.recv_timeout(Self::QUIET).is_ok() {}
                if let Err(e) = app.save_window_state(StateFlags::all()) {
                    log::warn!("window size and place not saved: {e}");
                }
            }
        });
        Self(Mutex::new(changes))
    }

    fn changed(&self) {
        if let Ok(changes) = self.0.lock() {
            let _ = changes.send(());
        }
    }
}

/// Builds the app on any runtime (the real one, or the mock one in tests).
pub fn builder<R: Runtime>() -> tauri::Builder<R> {
    let mut builder = tauri::Builder::<R>::new();
    // One window per library: a second launch on the same library hands its
    // files to the first and raises it; another library gets its own window.
    if let Ok(library) = dateline_store::default_library_path() {
        builder = builder.plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(open::instance_id(dateline_store::APP_IDENTIFIER, &library))
                .callback(open::second_launch)
                .build(),
        );
    }
    builder
        .plugin(
            tauri_plugin_log::Builder::new()
                .level(log::LevelFilter::Info)
                .targets([
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::Stdout),
                    tauri_plugin_log::Target::new(tauri_plugin_log::TargetKind::LogDir {
                        file_name: None,
                    }),
                ])
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .register_asynchronous_uri_scheme_protocol(MEDIA_SCHEME, serve_media)
        .manage(open::Opened::new(
            LAUNCH_FILES.get().cloned().unwrap_or_default(),
        ))
        .setup(|app| {
            log::info!("setup after {} ms", since_start());
            app.manage(WindowKeeper::start(app.handle().clone()));
            open_library(app);
            cms::start_outbox_sender(app.handle().clone());
            Ok(())
        })
        .on_window_event(|window, event| {
            if matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
                if let Some(keeper) = window.try_state::<WindowKeeper>() {
                    keeper.changed();
                }
            }
        })
        .on_page_load(|_, payload| {
            log::info!("page {:?} after {} ms", payload.event(), since_start());
        })
        .invoke_handler(handlers())
}

/// The environment variable WebKitGTK reads to draw pages without GPU
/// compositing layers.
pub const COMPOSITING_ENV: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// On Linux, asks WebKitGTK to draw the window without GPU compositing, unless
/// the person running the app has chosen otherwise (`WEBKIT_DISABLE_COMPOSITING_MODE=0`
/// turns compositing back on).
///
/// Dateline's window is text, forms and one preview: nothing in it animates or
/// needs 3D transforms. Composited, every scrolling pane (the library, the
/// editor, the inspector, the preview) gets tiled GPU layers of its own, which
/// cost the web process about 110 MB more for the same pixels; drawn directly,
/// the whole app weighs about what a bare, composited Tauri window does. It
/// also avoids the blank windows some GPU drivers give composited WebKitGTK.
fn draw_without_gpu_compositing() {
    if cfg!(target_os = "linux") && std::env::var_os(COMPOSITING_ENV).is_none() {
        // Set before Tauri or GTK start any thread, so nothing reads the
        // environment while it changes.
        std::env::set_var(COMPOSITING_ENV, "1");
    }
}

/// The stories and packages named on the command line, for the window.
static LAUNCH_FILES: std::sync::OnceLock<Vec<std::path::PathBuf>> = std::sync::OnceLock::new();

/// Reads the command line: a library file named there is the one this
/// window works on (as if given in `$DATELINE_LIBRARY`); other files wait
/// for the window. Runs before any thread starts.
fn read_command_line() {
    let cwd = std::env::current_dir().unwrap_or_default();
    let launch = open::read_args(std::env::args_os().skip(1), &cwd);
    if let Some(library) = launch.library {
        std::env::set_var(dateline_store::LIBRARY_ENV, library);
    }
    LAUNCH_FILES.get_or_init(|| launch.files);
}

/// Starts the app; returns when the window is closed.
pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    draw_without_gpu_compositing();
    read_command_line();
    if let Err(e) = builder::<tauri::Wry>().run(tauri::generate_context!()) {
        eprintln!("dateline: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    //! The commands through the real IPC layer, on the mock runtime.
    use super::*;
    use serde_json::{json, Value};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
    use tauri::webview::InvokeRequest;

    fn invoke(
        webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
        cmd: &str,
        args: Value,
    ) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().map_err(|_| json!("url"))?,
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(webview, request).map(|b| b.deserialize::<Value>().unwrap_or(Value::Null))
    }

    /// The app's commands on the mock runtime over `library`, and a window
    /// to call them from (the app must outlive the window).
    fn mock_window(
        library: Library,
    ) -> Result<
        (
            tauri::App<tauri::test::MockRuntime>,
            tauri::WebviewWindow<tauri::test::MockRuntime>,
        ),
        Box<dyn std::error::Error>,
    > {
        let app = mock_builder()
            .manage::<Shared>(Arc::new(AppState::new(library)))
            .invoke_handler(handlers())
            .build(mock_context(noop_assets()))?;
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build()?;
        Ok((app, webview))
    }

    #[test]
    fn commands_save_refuse_stale_copies_and_bad_links() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let (_app, webview) = mock_window(Library::open(dir.path().join("lib.dateline"))?)?;

        let story = invoke(
            &webview,
            "create_story",
            json!({ "headline": "Harbour dues rise" }),
        )
        .map_err(|e| e.to_string())?;
        assert_eq!(story["version"], 1);
        let mut edited = story.clone();
        edited["standfirst"] = json!("Fishermen say they cannot pay.");
        let saved = invoke(
            &webview,
            "save_story",
            json!({ "story": edited, "explicit": false }),
        )
        .map_err(|e| e.to_string())?;
        assert_eq!(saved["version"], 2);

        // The first copy is now stale: refused, with the store's kind and sentence.
        let err = invoke(
            &webview,
            "save_story",
            json!({ "story": story, "explicit": true }),
        )
        .err()
        .ok_or("a stale save was accepted")?;
        assert_eq!(err["kind"], "stale");
        assert!(err["message"]
            .as_str()
            .is_some_and(|m| m.contains("nothing was overwritten")));

        let err = invoke(
            &webview,
            "check_link",
            json!({ "field": "url", "url": "javascript:alert(1)" }),
        )
        .err()
        .ok_or("a javascript: link was accepted")?;
        assert_eq!(err["kind"], "invalid");

        let preview = invoke(&webview, "render_preview", json!({ "story": saved }))
            .map_err(|e| e.to_string())?;
        assert!(preview["html"]
            .as_str()
            .is_some_and(|h| h.contains("Harbour dues rise")));
        let listed = invoke(
            &webview,
            "list_stories",
            json!({ "status": null, "section": null, "limit": 0 }),
        )
        .map_err(|e| e.to_string())?;
        assert_eq!(listed.as_array().map(Vec::len), Some(1));
        Ok(())
    }

    /// A file comes in through the store; a picture it names that cannot be
    /// read is reported by name, and a file that is no story is refused.
    #[test]
    fn imports_name_missing_pictures_and_refused_files() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let (_app, webview) = mock_window(Library::open(dir.path().join("lib.dateline"))?)?;
        let story = dir.path().join("gates.md");
        std::fs::write(
            &story,
            "---\ntitle: Gates shut early\nparams:\n  images:\n    - src: barrier.png\n      caption: The last gate.\n---\n\nThe barrier closed at dusk.\n",
        )?;
        let sheet = dir.path().join("budget.xlsx");
        std::fs::write(&sheet, b"PK")?;

        let report = invoke(&webview, "import_files", json!({ "paths": [story, sheet] }))
            .map_err(|e| e.to_string())?;
        assert_eq!(report["stories"][0]["headline"], "Gates shut early");
        let missing = report["missing_pictures"]
            .as_array()
            .ok_or("no missing_pictures")?;
        assert_eq!(missing.len(), 1, "{report}");
        assert!(
            missing[0].as_str().is_some_and(
                |m| m.starts_with("gates.md: the picture barrier.png was not attached (")
            ),
            "{report}"
        );
        assert_eq!(
            report["failures"],
            json!([
                "budget.xlsx: only .txt, .text, .md, .markdown files can be imported as stories"
            ])
        );
        Ok(())
    }
}
