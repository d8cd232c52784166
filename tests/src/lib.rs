//! Drives the built Dateline app (`target/debug/dateline-app`) in a real
//! window through tauri-driver and WebKitWebDriver, for the end-to-end tests
//! in `tests/`. Each test gets a fresh folder holding its library, its
//! app-data (window state, logs, web storage) and its export folder.
//!
//! Run under a display: `xvfb-run -a cargo test -p dateline-e2e -- --test-threads=1`
//! (the driver's ports are fixed, so one test at a time).

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, ensure, Context, Result};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

const DRIVER_PORT: u16 = 4444;
const NATIVE_PORT: u16 = 4445;
/// WebKitWebDriver waits for ever when the app dies at start: bound it.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a test waits for something to appear on screen.
pub const WAIT: Duration = Duration::from_secs(15);

/// The workspace root (this crate is `<root>/tests`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The app binary: `$DATELINE_APP` when set (the measuring script points it
/// at the release build), else the debug one built by `cargo build -p dateline-app`.
pub fn app_binary() -> PathBuf {
    if let Some(app) = std::env::var_os("DATELINE_APP").filter(|a| !a.is_empty()) {
        return PathBuf::from(app);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    let target = if target.is_absolute() {
        target
    } else {
        workspace_root().join(target)
    };
    target.join("debug").join("dateline-app")
}

/// A fixture file of this crate: every input a test reads is in the repo.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// axe-core's browser build, from the test tools' npm packages.
pub fn axe_script() -> PathBuf {
    workspace_root().join("tools/node_modules/axe-core/axe.min.js")
}

/// Where screenshots go (gitignored).
pub fn artifacts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts")
}

/// tauri-driver, stopped with SIGTERM when dropped (also on panic): only TERM
/// makes it stop its WebKitWebDriver child, which would otherwise hold the
/// port and the test's output pipe.
struct Driver {
    child: Child,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tauri_driver() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let installed = home.join(".cargo/bin/tauri-driver");
    if installed.exists() {
        installed
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// The app processes started on `library`, found by the library named in
/// their environment: a test ends only the processes it started.
fn app_processes(library: &Path) -> Vec<u32> {
    let wanted = format!("DATELINE_LIBRARY={}", library.display());
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .map(|env| env.split(|b| *b == 0).any(|var| var == wanted.as_bytes()))
                .unwrap_or(false)
        })
        .collect()
}

/// Stops the app processes of `library` (TERM, then KILL after 5 s), so a
/// failed test leaves no window behind and a restart never meets the old one.
fn stop_apps(library: &Path) {
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut signal = "-TERM";
    loop {
        let pids = app_processes(library);
        if pids.is_empty() {
            return;
        }
        if Instant::now() > deadline {
            signal = "-KILL";
        }
        for pid in &pids {
            let _ = Command::new("kill")
                .args([signal, &pid.to_string()])
                .status();
        }
        if signal == "-KILL" {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A test's private folders: its library and everything the app writes.
pub struct Desk {
    pub dir: tempfile::TempDir,
    /// A library to open instead of a fresh one in `dir`.
    pub library: Option<PathBuf>,
    /// Files the app's open dialogs return instead of asking.
    pub pick_files: Vec<PathBuf>,
    /// More environment for the app (`GTK_THEME=Adwaita:dark` for the dark theme).
    pub env: Vec<(String, String)>,
    /// The app's command line (files to open), after its name.
    pub args: Vec<String>,
}

impl Desk {
    pub fn new() -> Result<Self> {
        Ok(Self {
            dir: tempfile::Builder::new().prefix("dateline-e2e-").tempdir()?,
            library: None,
            pick_files: Vec::new(),
            env: Vec::new(),
            args: Vec::new(),
        })
    }

    pub fn library(&self) -> PathBuf {
        self.library
            .clone()
            .unwrap_or_else(|| self.dir.path().join("library.dateline"))
    }

    pub fn export_dir(&self) -> PathBuf {
        self.dir.path().join("exports")
    }

    /// Starts the app on this desk and connects to its window.
    pub async fn launch(&self) -> Result<App> {
        stop_apps(&self.library());
        let binary = app_binary();
        if !binary.exists() {
            bail!(
                "{} is missing: run `cargo build -p dateline-app` first",
                binary.display()
            );
        }
        if TcpStream::connect(("127.0.0.1", DRIVER_PORT)).is_ok() {
            bail!("port {DRIVER_PORT} is taken: another tauri-driver is running (use --test-threads=1)");
        }
        let data = self.dir.path().join("xdg");
        let mut cmd = Command::new(tauri_driver());
        cmd.args([
            "--port",
            &DRIVER_PORT.to_string(),
            "--native-port",
            &NATIVE_PORT.to_string(),
        ])
        .env("DATELINE_LIBRARY", self.library())
        .env("DATELINE_EXPORT_DIR", self.export_dir())
        .env("XDG_DATA_HOME", data.join("data"))
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("XDG_CACHE_HOME", data.join("cache"))
        .envs(self.env.iter().map(|(k, v)| (k, v)))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        if !self.pick_files.is_empty() {
            cmd.env(
                "DATELINE_PICK_FILES",
                std::env::join_paths(&self.pick_files)?,
            );
        }
        let driver = Driver {
            child: cmd.spawn().context(
                "tauri-driver could not start (cargo install --locked tauri-driver@2.1.0)",
            )?,
        };
        let deadline = Instant::now() + CONNECT_TIMEOUT;
        while TcpStream::connect(("127.0.0.1", DRIVER_PORT)).is_err() {
            if Instant::now() > deadline {
                bail!("tauri-driver did not listen on port {DRIVER_PORT}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({ "application": binary.display().to_string(), "args": self.args }),
        );
        caps.insert("browserName".into(), json!("wry"));
        let client = tokio::time::timeout(
            CONNECT_TIMEOUT,
            ClientBuilder::native()
                .capabilities(caps)
                .connect(&format!("http://127.0.0.1:{DRIVER_PORT}")),
        )
        .await
        .map_err(|_| anyhow!("the app window did not come up within {CONNECT_TIMEOUT:?}"))?
        .context("WebDriver session")?;
        let app = App {
            client,
            _driver: driver,
            library: self.library(),
        };
        app.wait_for("[data-testid=story-list]").await?;
        Ok(app)
    }
}

/// The running app, seen through WebDriver.
pub struct App {
    pub client: Client,
    _driver: Driver,
    library: PathBuf,
}

impl Drop for App {
    fn drop(&mut self) {
        stop_apps(&self.library);
    }
}

impl App {
    /// Ends the session (the app exits) and the driver.
    pub async fn quit(self) -> Result<()> {
        self.client
            .clone()
            .close()
            .await
            .context("closing the session")?;
        Ok(())
    }

    /// Waits until `css` matches a displayed element.
    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if el.is_displayed().await.unwrap_or(false) {
                    return Ok(el);
                }
            }
            if Instant::now() > deadline {
                bail!("{css} did not appear within {WAIT:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until `css` exists, displayed or not.
    pub async fn wait_present(&self, css: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("{css} did not appear"))
    }

    /// Waits until `check` holds for the value `js` returns.
    pub async fn wait_js(
        &self,
        what: &str,
        js: &str,
        check: impl Fn(&Value) -> bool,
    ) -> Result<Value> {
        let deadline = Instant::now() + WAIT;
        loop {
            let value = self.client.execute(js, vec![]).await?;
            if check(&value) {
                return Ok(value);
            }
            if Instant::now() > deadline {
                bail!("{what}: still {value} after {WAIT:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the text of `css` contains `needle`.
    pub async fn wait_text(&self, css: &str, needle: &str) -> Result<String> {
        let js = format!(
            "const el = document.querySelector({}); return el ? el.innerText : null;",
            json!(css)
        );
        let v = self
            .wait_js(&format!("text of {css} contains {needle:?}"), &js, |v| {
                v.as_str().is_some_and(|t| t.contains(needle))
            })
            .await?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    pub async fn click(&self, css: &str) -> Result<()> {
        self.retrying(css, "clicking", |el| async move {
            el.click().await?;
            Ok(())
        })
        .await
    }

    /// Runs `act` on the element, again while something (a passing toast)
    /// is in the way, up to [`WAIT`].
    async fn retrying<F, Fut>(&self, css: &str, what: &str, act: F) -> Result<()>
    where
        F: Fn(Element) -> Fut,
        Fut: std::future::Future<Output = Result<(), fantoccini::error::CmdError>>,
    {
        let deadline = Instant::now() + WAIT;
        loop {
            let el = self.wait_for(css).await?;
            match act(el).await {
                Ok(()) => return Ok(()),
                Err(e) if Instant::now() > deadline => {
                    return Err(anyhow!("{what} {css}: {e}"));
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Presses keys (WebDriver key codes such as `\u{E00C}` for Esc) in
    /// whatever has the focus.
    pub async fn press(&self, keys: &str) -> Result<()> {
        self.client
            .active_element()
            .await?
            .send_keys(keys)
            .await
            .with_context(|| format!("pressing {keys:?}"))?;
        Ok(())
    }

    /// Types into an empty field as a person would.
    pub async fn type_into(&self, css: &str, text: &str) -> Result<()> {
        self.click(css).await?;
        let el = self.wait_for(css).await?;
        el.send_keys(text)
            .await
            .with_context(|| format!("typing into {css}"))?;
        Ok(())
    }

    /// Replaces a field's text by selecting all of it and typing over it.
    pub async fn retype(&self, css: &str, text: &str) -> Result<()> {
        self.click(css).await?;
        let el = self.wait_for(css).await?;
        // Ctrl+A, then the new text replaces the selection.
        el.send_keys(&format!("\u{E009}a\u{E009}{text}"))
            .await
            .with_context(|| format!("retyping {css}"))?;
        Ok(())
    }

    /// The current value of a form field.
    pub async fn value(&self, css: &str) -> Result<String> {
        let js = format!(
            "const el = document.querySelector({}); return el ? el.value : null;",
            json!(css)
        );
        let v = self.client.execute(&js, vec![]).await?;
        v.as_str()
            .map(str::to_owned)
            .ok_or_else(|| anyhow!("{css} has no value"))
    }

    /// Waits for the autosave to finish ("Saved").
    pub async fn wait_saved(&self) -> Result<()> {
        self.wait_js(
            "the story is saved",
            "const el = document.querySelector('[data-testid=save-state]'); return el && el.dataset.state;",
            |v| v == "saved",
        )
        .await?;
        Ok(())
    }

    /// The preview's text (its document shares the window's origin).
    pub async fn preview_text(&self) -> Result<String> {
        let v = self
            .client
            .execute(
                "const f = document.querySelector('[data-testid=preview-frame]'); \
                 return f && f.contentDocument && f.contentDocument.body ? f.contentDocument.body.innerText : '';",
                vec![],
            )
            .await?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    /// Waits until the preview shows `needle`, in any case (the page's
    /// stylesheet sets kickers and datelines in capitals).
    pub async fn wait_preview(&self, needle: &str) -> Result<()> {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = self.preview_text().await?;
            if text.to_lowercase().contains(&needle.to_lowercase()) {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("the preview does not show {needle:?}; it shows:\n{text}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Runs JavaScript in the window and gives its result.
    pub async fn js(&self, script: &str) -> Result<Value> {
        Ok(self.client.execute(script, vec![]).await?)
    }

    /// Runs axe-core (the `tools/` npm package) on the page the window shows
    /// and fails on any violation of WCAG 2.1 A/AA or axe's best practices,
    /// naming each rule, its impact and where. `state` names what the window
    /// shows, for the message. Frames are left to [`App::axe_html`]: the
    /// preview's sandboxed frame cannot run scripts.
    /// Opens a dialog with `open` and checks it with axe; Tab and Shift+Tab
    /// must keep the focus inside it, and Esc must close it and give the focus
    /// back to what opened it.
    pub async fn check_dialog(&self, open: &str, dialog: &str) -> Result<()> {
        let app = self;
        app.click(open).await?;
        app.wait_for(dialog).await?;
        app.axe(&format!("the dialog {dialog} open")).await?;
        let inside = format!(
            "return !!(document.activeElement && document.activeElement.closest({}))",
            json!(dialog)
        );
        for key in ["\u{E004}", "\u{E008}\u{E004}"] {
            for _ in 0..8 {
                app.press(key).await?;
                ensure!(
                    app.js(&inside).await? == json!(true),
                    "focus left the open dialog {dialog}"
                );
            }
        }
        app.press("\u{E00C}").await?;
        app.wait_js(
            &format!("{dialog} closes on Esc and focus goes back to {open}"),
            &format!(
                "const d = document.querySelector({}); const a = document.activeElement; \
                 return (!d || !d.open && d.offsetParent === null) && !!a && a.matches({});",
                json!(dialog),
                json!(open)
            ),
            |v| v == &json!(true),
        )
        .await?;
        Ok(())
    }

    pub async fn axe(&self, state: &str) -> Result<()> {
        let violations = self.axe_violations().await?;
        if violations.is_empty() {
            return Ok(());
        }
        bail!(
            "axe found {} problem(s) with {state}:\n{}",
            violations.len(),
            violations.join("\n")
        )
    }

    /// Each violation on the current page as "rule (impact): help — targets".
    pub async fn axe_violations(&self) -> Result<Vec<String>> {
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await?;
        if loaded != json!(true) {
            let source = std::fs::read_to_string(axe_script()).with_context(|| {
                format!(
                    "{} is missing: run `npm ci` in tools/",
                    axe_script().display()
                )
            })?;
            // The page's security policy allows no script of ours to be
            // added to it; WebDriver's own script is run as it is, so axe
            // comes in as part of one.
            self.client
                .execute(&format!("{source}\nreturn true;"), vec![])
                .await
                .context("loading axe-core into the window")?;
        }
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {
                   iframes: false,
                   runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
                   resultTypes: ['violations'],
                 }).then((r) => done(r.violations.map((v) =>
                   `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}`
                 ))).catch((e) => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .context("running axe-core")?;
        Ok(result
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|v| v.as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Checks a whole HTML page (an export, the preview's document) with axe
    /// in this window: the page is opened from a file, checked, and the app
    /// brought back.
    pub async fn axe_html(&self, name: &str, html: &str, dir: &Path) -> Result<()> {
        let file = dir.join(format!("{name}.html"));
        std::fs::write(&file, html)?;
        let app_url = self.client.current_url().await?;
        self.client
            .goto(&format!("file://{}", file.display()))
            .await
            .with_context(|| format!("opening {}", file.display()))?;
        let found = self.axe_violations().await;
        self.client.goto(app_url.as_str()).await?;
        self.wait_for("[data-testid=story-list]").await?;
        let found = found?;
        if found.is_empty() {
            return Ok(());
        }
        bail!(
            "axe found {} problem(s) in {name}:\n{}",
            found.len(),
            found.join("\n")
        )
    }

    /// Saves a screenshot of the window as `tests/artifacts/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        // Let layout, fonts and the preview settle before the picture.
        tokio::time::sleep(Duration::from_millis(400)).await;
        let png = self.client.screenshot().await?;
        let dir = artifacts_dir();
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }
}
