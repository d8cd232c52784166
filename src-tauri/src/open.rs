//! Files the app is asked to open: named on its command line
//! (`dateline-app story.md`), by the file manager through the desktop entry,
//! or forwarded by a second launch to the window already running on the same
//! library. A library file (`.dateline`) given at launch is the library this
//! window works on; stories and review packages wait here until the window
//! takes them (`opened_files`), which it does when it starts and whenever the
//! [`OPEN_EVENT`] says more arrived.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::{AppHandle, Emitter, Manager, Runtime, State};

/// Said to the window when files arrive from another launch.
pub const OPEN_EVENT: &str = "files-opened";

/// The extension of a library file.
const LIBRARY_EXTENSION: &str = "dateline";

/// What a command line asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Launch {
    /// The library to work on, when one was named.
    pub library: Option<PathBuf>,
    /// Everything else named, for the window to import or take in.
    pub files: Vec<PathBuf>,
}

/// Reads the arguments after the program's name. Options (`-x`, `--x`) are
/// not files; `file://` URIs are; relative paths are taken from `cwd`.
pub fn read_args<I, S>(args: I, cwd: &Path) -> Launch
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut launch = Launch::default();
    for arg in args {
        let arg = arg.as_ref();
        let text = arg.to_string_lossy();
        if text.is_empty() || text.starts_with('-') {
            continue;
        }
        let path = if text.starts_with("file://") {
            match tauri::Url::parse(&text)
                .ok()
                .and_then(|u| u.to_file_path().ok())
            {
                Some(path) => path,
                None => continue,
            }
        } else {
            PathBuf::from(arg)
        };
        let path = if path.is_absolute() {
            path
        } else {
            cwd.join(path)
        };
        let is_library = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(LIBRARY_EXTENSION));
        if is_library && launch.library.is_none() {
            launch.library = Some(path);
        } else if !is_library {
            launch.files.push(path);
        }
    }
    launch
}

/// The name a window announces itself under on the session bus: one per
/// library, so a second launch on the same library hands its files to the
/// first, and a launch on another library opens a window of its own.
pub fn instance_id(identifier: &str, library: &Path) -> String {
    let library = std::path::absolute(library).unwrap_or_else(|_| library.to_path_buf());
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    library.hash(&mut hasher);
    format!("{identifier}.library_{:016x}", hasher.finish())
}

/// Files waiting for the window.
#[derive(Default)]
pub struct Opened(Mutex<Vec<PathBuf>>);

impl Opened {
    pub fn new(files: Vec<PathBuf>) -> Self {
        Self(Mutex::new(files))
    }

    fn add(&self, files: Vec<PathBuf>) {
        if let Ok(mut waiting) = self.0.lock() {
            waiting.extend(files);
        }
    }

    fn take(&self) -> Vec<PathBuf> {
        self.0
            .lock()
            .map(|mut waiting| std::mem::take(&mut *waiting))
            .unwrap_or_default()
    }
}

/// A second launch on this library: its files are kept for the window, the
/// window is told, and it comes to the front.
pub fn second_launch<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: String) {
    let launch = read_args(argv.into_iter().skip(1), Path::new(&cwd));
    if !launch.files.is_empty() {
        log::info!(
            "{} file(s) handed over by another launch",
            launch.files.len()
        );
        if let Some(opened) = app.try_state::<Opened>() {
            opened.add(launch.files);
        }
        let _ = app.emit(OPEN_EVENT, ());
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// The files the app was asked to open and the window has not taken yet.
#[tauri::command]
pub fn opened_files(opened: State<'_, Opened>) -> Vec<PathBuf> {
    opened.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_line_names_a_library_and_files() {
        let cwd = Path::new("/home/ada/desk");
        let launch = read_args(
            [
                "--verbose",
                "story.md",
                "/tmp/Notes.TXT",
                "file:///tmp/sent%20back.dateline-story",
                "other.Dateline",
                "second.dateline",
                "",
                "file://not a url",
            ],
            cwd,
        );
        assert_eq!(
            launch.library,
            Some(PathBuf::from("/home/ada/desk/other.Dateline"))
        );
        assert_eq!(
            launch.files,
            [
                PathBuf::from("/home/ada/desk/story.md"),
                PathBuf::from("/tmp/Notes.TXT"),
                PathBuf::from("/tmp/sent back.dateline-story"),
            ],
            "a second library is not a file to import"
        );
        assert_eq!(read_args(Vec::<String>::new(), cwd), Launch::default());
    }

    #[test]
    fn each_library_has_its_own_instance() {
        let a = instance_id("news.dateline.desk", Path::new("/tmp/a.dateline"));
        let b = instance_id("news.dateline.desk", Path::new("/tmp/b.dateline"));
        assert_ne!(a, b);
        assert_eq!(
            a,
            instance_id("news.dateline.desk", Path::new("/tmp/./a.dateline")),
            "the same file by another spelling"
        );
        // A D-Bus name: dot-separated elements of [A-Za-z0-9_], none
        // starting with a digit.
        assert!(a.split('.').all(|e| !e.is_empty()
            && !e.starts_with(|c: char| c.is_ascii_digit())
            && e.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')));
    }

    #[test]
    fn files_wait_until_the_window_takes_them() {
        let opened = Opened::new(vec![PathBuf::from("/tmp/a.md")]);
        opened.add(vec![PathBuf::from("/tmp/b.txt")]);
        assert_eq!(opened.take().len(), 2);
        assert!(opened.take().is_empty(), "taken once");
    }
}
