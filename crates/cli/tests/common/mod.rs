//! What the `dateline` tests share: running the built binary on a library,
//! reading what it printed, and the fixtures beside the tests.

#![allow(dead_code)] // each test file uses its own share of these
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built `dateline` binary.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
}

/// Runs `dateline --library LIBRARY ARGS...` to the end.
pub fn dateline(library: &Path, args: &[&str]) -> Output {
    bin()
        .arg("--library")
        .arg(library)
        .args(args)
        .output()
        .unwrap()
}

/// Runs it and insists it succeeds; gives its standard output.
pub fn ok(library: &Path, args: &[&str]) -> String {
    let o = dateline(library, args);
    assert!(
        o.status.success(),
        "dateline {args:?} failed: {}",
        stderr(&o)
    );
    stdout(&o)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A file in `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Imports one fixture into `library` and gives the new story's id.
pub fn import(library: &Path, name: &str) -> String {
    let id = ok(library, &["import", fixture(name).to_str().unwrap()])
        .trim()
        .to_owned();
    assert_eq!(id.len(), 36, "one id: {id:?}");
    id
}

/// `show ID --json`, parsed.
pub fn show(library: &Path, id: &str) -> serde_json::Value {
    serde_json::from_str(&ok(library, &["show", id, "--json"])).unwrap()
}

/// An error is one line on stderr, no panic trace, exit code 1.
pub fn assert_user_error(o: &Output, contains: &str) {
    assert_eq!(
        o.status.code(),
        Some(1),
        "stdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
    let err = stderr(o);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(contains),
        "{err:?} should mention {contains:?}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// A usage mistake: clap's exit code 2, and nothing on standard output.
pub fn assert_usage_error(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(2),
        "stdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
    assert!(o.stdout.is_empty(), "{}", stdout(o));
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
}
