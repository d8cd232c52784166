//! End-to-end: Dateline opens its own files. With the window running on a
//! library, `dateline-app story.md` (what the file manager runs on a double
//! click) hands the file to that window and exits: one window, the story
//! imported there. With none running, the file named at launch is imported
//! as the window opens. A private session bus stands in for the desktop's,
//! where each library's window announces itself.

#![allow(clippy::unwrap_used)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use dateline_e2e::{app_binary, fixture, Desk};

/// A session bus of the test's own, stopped when dropped.
struct SessionBus {
    address: String,
    pid: u32,
}

impl SessionBus {
    fn start() -> Result<SessionBus> {
        let out = Command::new("dbus-daemon")
            .args(["--session", "--fork", "--print-address=1", "--print-pid=1"])
            .stdin(Stdio::null())
            .output()
            .context("dbus-daemon (package dbus-daemon) could not start")?;
        ensure!(
            out.status.success(),
            "dbus-daemon: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut lines = text.lines();
        let address = lines.next().unwrap_or_default().trim().to_owned();
        let pid = lines.next().unwrap_or_default().trim().parse()?;
        ensure!(!address.is_empty(), "dbus-daemon printed no address");
        Ok(SessionBus { address, pid })
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.pid.to_string()).status();
    }
}

#[tokio::test]
async fn a_story_opened_while_dateline_runs_goes_to_its_window() -> Result<()> {
    let bus = SessionBus::start()?;
    let mut desk = Desk::new()?;
    desk.env
        .push(("DBUS_SESSION_BUS_ADDRESS".into(), bus.address.clone()));
    let app = desk.launch().await?;
    app.wait_for("[data-testid=empty-state]").await?;

    // The file manager's double click: the app named with the file, from
    // another folder, as another process.
    let story = desk.dir.path().join("Ferry strike.md");
    std::fs::copy(fixture("ferry.md"), &story)?;
    let started = Instant::now();
    let mut second = Command::new(app_binary())
        .arg("Ferry strike.md")
        .current_dir(desk.dir.path())
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .env("DATELINE_LIBRARY", desk.library())
        .env("XDG_DATA_HOME", desk.dir.path().join("xdg/data"))
        .env("XDG_CONFIG_HOME", desk.dir.path().join("xdg/config"))
        .env("XDG_CACHE_HOME", desk.dir.path().join("xdg/cache"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // It hands the file over and exits at once, with no window of its own.
    let status = loop {
        if let Some(status) = second.try_wait()? {
            break status;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = second.kill();
            bail!("the second launch did not hand over and exit within 20 s");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    ensure!(status.success(), "the second launch: {status}");

    app.wait_js(
        "the story is imported into the running window",
        "const el = document.querySelector('[data-field=headline]'); return el && el.value;",
        |v| v == "Ferry service resumes after a week of gales",
    )
    .await?;
    app.wait_text(
        "[data-testid=story-list]",
        "Ferry service resumes after a week of gales",
    )
    .await?;
    let handles = app.client.windows().await?;
    ensure!(handles.len() == 1, "one window: {handles:?}");
    app.quit().await?;

    // Not running: the file named at launch is imported as the window opens.
    let wire = desk.dir.path().join("wire.txt");
    std::fs::copy(fixture("wire-story.txt"), &wire)?;
    desk.args = vec![wire.display().to_string()];
    let app = desk.launch().await?;
    app.wait_js(
        "the story named at launch is imported",
        "const el = document.querySelector('[data-field=headline]'); return el && el.value;",
        |v| v == "Saltmere Shuts Its Tidal Gates a Day Early as the Surge Builds",
    )
    .await?;
    app.wait_js(
        "both stories are in the library",
        "return document.querySelectorAll('[data-testid=story-row]').length;",
        |v| v == 2,
    )
    .await?;
    app.quit().await?;
    Ok(())
}
