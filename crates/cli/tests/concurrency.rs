//! Several `dateline` processes on one library at the same time (#1): three
//! writers each setting its own story over and over, while one process makes
//! backups and another exports, all without a failure or a lost write.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Instant;

use common::{dateline, ok, show, stderr};

const WRITERS: usize = 3;
/// Saves per writer, each a separate `dateline set` process.
const SETS: usize = 200;

/// Runs a command and turns a failure into a sentence for the final report.
fn run(library: &Path, args: &[&str]) -> Result<(), String> {
    let o = dateline(library, args);
    if o.status.success() {
        Ok(())
    } else {
        Err(format!(
            "dateline {args:?} exited {:?}: {}",
            o.status.code(),
            stderr(&o).trim()
        ))
    }
}

/// Runs `step(n)` for n = 0, 1, ... until `stop` is set (at least once),
/// stopping at the first failure. Gives how many ran.
fn repeat(
    stop: &AtomicBool,
    mut step: impl FnMut(usize) -> Result<(), String>,
) -> Result<usize, String> {
    let mut n = 0;
    loop {
        step(n)?;
        n += 1;
        if stop.load(Ordering::Relaxed) {
            return Ok(n);
        }
    }
}

#[test]
fn writers_backups_and_exports_share_one_library() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    let files: Vec<PathBuf> = (0..WRITERS)
        .map(|k| {
            let path = dir.path().join(format!("story-{k}.txt"));
            std::fs::write(
                &path,
                format!("Story {k} begins\n\nThe harbour master lifted the closure at dawn.\n"),
            )
            .unwrap();
            path
        })
        .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let ids: Vec<String> = ok(&lib, &args).lines().map(str::to_owned).collect();
    assert_eq!(ids.len(), WRITERS);

    let started = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(k, id)| {
            let (lib, id) = (lib.clone(), id.clone());
            thread::spawn(move || -> Result<(), String> {
                for i in 0..SETS {
                    let value = format!("Story {k} take {i}");
                    run(&lib, &["set", &id, "headline", &value])?;
                }
                Ok(())
            })
        })
        .collect();
    let backups = {
        let (lib, stop) = (lib.clone(), stop.clone());
        let folder = dir.path().join("backups");
        thread::spawn(move || {
            repeat(&stop, |n| {
                let dest = folder.join(format!("backup-{n}.dateline"));
                run(&lib, &["backup", dest.to_str().unwrap()])?;
                // Every copy must be a sound library, made while the writers
                // were at work.
                run(&dest, &["check"])?;
                // Keep the disk small: only the newest copy stays.
                if n > 0 {
                    let older = folder.join(format!("backup-{}.dateline", n - 1));
                    std::fs::remove_file(older).map_err(|e| e.to_string())?;
                }
                Ok(())
            })
        })
    };
    let exports = {
        let (lib, stop) = (lib.clone(), stop.clone());
        let folder = dir.path().join("exports");
        thread::spawn(move || {
            let formats = ["html", "md", "ninjs", "ans", "wxr"];
            repeat(&stop, |n| {
                let out = folder.join(format!("export-{n}"));
                let format = formats[n % formats.len()];
                run(
                    &lib,
                    &[
                        "export",
                        "--all",
                        "--format",
                        format,
                        "--out",
                        out.to_str().unwrap(),
                    ],
                )?;
                std::fs::remove_dir_all(&out).map_err(|e| e.to_string())?;
                Ok(())
            })
        })
    };

    let mut failures = Vec::new();
    for writer in writers {
        if let Err(e) = writer.join().unwrap() {
            failures.push(e);
        }
    }
    let writing = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let mut rounds = Vec::new();
    for (what, worker) in [("backups", backups), ("exports", exports)] {
        match worker.join().unwrap() {
            Ok(n) => rounds.push(format!("{n} {what}")),
            Err(e) => failures.push(e),
        }
    }
    eprintln!(
        "{WRITERS} × {SETS} sets in {:.1} s alongside {}",
        writing.as_secs_f64(),
        rounds.join(" and ")
    );
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));

    // Nothing lost: each story holds its writer's last value, and every save
    // made a version.
    for (k, id) in ids.iter().enumerate() {
        let v = show(&lib, id);
        assert_eq!(v["headline"], format!("Story {k} take {}", SETS - 1));
        assert_eq!(v["version"], 1 + SETS as i64, "story {k}");
    }
    assert_eq!(
        ok(&lib, &["check"]).trim(),
        format!("ok: {WRITERS} stories")
    );
}
