//! The `dateline` command as a script uses it: exit codes, one-line errors,
//! JSON output, and bad input that loses nothing.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dateline(library: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .arg("--library")
        .arg(library)
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn reference() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/reference-article.txt");
    p.exists().then_some(p)
}

/// An error is one line on stderr, no panic trace, exit code 1.
fn assert_user_error(o: &Output, contains: &str) {
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

#[test]
fn import_then_show_json_has_every_part() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    let o = dateline(&lib, &["import", fixture("harbour.md").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("marked as missing"),
        "a missing picture is reported"
    );
    let id = stdout(&o).trim().to_owned();
    assert_eq!(id.len(), 36);

    let o = dateline(&lib, &["show", &id, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for key in [
        "id",
        "status",
        "kicker",
        "headline",
        "headlines",
        "standfirst",
        "meta_description",
        "bylines",
        "dateline",
        "publish_at",
        "section",
        "tags",
        "focus_keyphrase",
        "body",
        "media",
        "related",
        "notes",
        "word_count",
        "reading_minutes",
        "version",
        "created_at",
        "updated_at",
    ] {
        assert!(v.get(key).is_some(), "show --json lacks {key}");
    }
    assert_eq!(v["kicker"], "Transport");
    assert_eq!(v["headlines"]["seo"], "");
    assert_eq!(v["dateline"]["place"], "Portmere");
    assert_eq!(v["dateline"]["date"], "2025-12-30");
    assert_eq!(v["media"][0]["credit"], "Photo: Ben Rowe");
    assert_eq!(v["media"][0]["hero"], true);
    assert!(
        v["media"][0]["file"].is_null(),
        "the missing file is recorded as missing"
    );
    assert_eq!(v["related"][0]["url"], "https://example.com/storm");
    assert_eq!(v["reading_minutes"], 1);
    assert_eq!(v["status"], "draft");
}

#[test]
fn the_reference_story_comes_in_structured() {
    let Some(reference) = reference() else {
        eprintln!("shared/fixtures/reference-article.txt is not beside the repo; skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    let o = dateline(&lib, &["import", reference.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let id = stdout(&o).trim().to_owned();
    let o = dateline(&lib, &["show", &id, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kicker"], "Newsflash");
    assert!(v["headline"].as_str().unwrap().contains("Kabul Engagement"));
    assert!(!v["standfirst"].as_str().unwrap().is_empty());
    assert_eq!(v["media"][0]["credit"], "X/@MoFA_Afg");
    assert_eq!(v["dateline"]["place"], "Kabul");
    assert_eq!(v["dateline"]["date"], "2025-12-30");
    assert_eq!(v["related"].as_array().unwrap().len(), 4);
    assert_eq!(v["reading_minutes"], 4);
    let body = v["body"].as_str().unwrap();
    assert_eq!(
        body.matches("\n## ").count() + usize::from(body.starts_with("## ")),
        4
    );
    for furniture in [
        "4 min read",
        "Post a comment",
        "Leave a Reply",
        "email address",
    ] {
        assert!(!body.contains(furniture), "{furniture} is page furniture");
    }
    let o = dateline(&lib, &["search", "airstrips"]);
    assert!(stdout(&o).contains(&id), "search finds it: {}", stdout(&o));
}

#[test]
fn bad_files_give_one_line_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let cases = [
        (write("latin1.txt", b"Caf\xe9 opens\n\nText."), "not UTF-8"),
        (write("empty.txt", b""), "empty"),
        (write("blank.txt", b"\n \n"), "empty"),
        (
            write("photo.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0"),
            "binary",
        ),
        (
            write("big.txt", &vec![b'a'; 20 * 1024 * 1024]),
            "not imported",
        ),
        (
            write("nohead.md", b"---\ntags: [a]\n---\nBody only.\n"),
            "no headline",
        ),
        (
            write("broken.md", b"---\ntitle: [\n---\n"),
            "not valid YAML",
        ),
    ];
    for (path, message) in &cases {
        let o = dateline(&lib, &["import", path.to_str().unwrap()]);
        assert_user_error(&o, message);
    }
    let o = dateline(&lib, &["import", dir.path().to_str().unwrap()]);
    assert_user_error(&o, "folder");
    let o = dateline(&lib, &["list", "--json"]);
    assert_eq!(stdout(&o).trim(), "[]", "nothing half-imported");

    // Several files: the good ones land, the bad ones are named.
    let good = write(
        "good.txt",
        b"Bridge reopens\n\nTraffic flowed again on Monday.\n",
    );
    let o = dateline(
        &lib,
        &[
            "import",
            cases[1].0.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o).lines().count(),
        1,
        "the good file's id is printed"
    );
    assert!(stderr(&o).contains("empty.txt: the file is empty"));
}

#[test]
fn set_refuses_bad_values_and_keeps_the_story() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    let o = dateline(&lib, &["import", fixture("harbour.md").to_str().unwrap()]);
    let id = stdout(&o).trim().to_owned();
    let o = dateline(
        &lib,
        &[
            "set",
            &id,
            "related",
            r#"[{"title":"x","url":"javascript:alert(1)"}]"#,
        ],
    );
    assert_user_error(&o, "only http:// and https:// links are allowed");
    let o = dateline(&lib, &["set", &id, "headline", ""]);
    assert_user_error(&o, "headline is required");
    let o = dateline(&lib, &["set", &id, "status", "ready"]);
    assert_user_error(&o, "goes to review");
    let o = dateline(&lib, &["set", &id, "colour", "red"]);
    assert_user_error(&o, "not a part of a story");
    let o = dateline(&lib, &["set", &id, "headline", "Ferries are back"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = dateline(&lib, &["set", &id, "status", "in review"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = dateline(&lib, &["show", &id, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["headline"], "Ferries are back");
    assert_eq!(v["status"], "in_review");
    assert_eq!(v["related"][0]["url"], "https://example.com/storm");
    let o = dateline(&lib, &["revisions", &id]);
    assert!(stdout(&o).lines().count() >= 3, "{}", stdout(&o));
}

#[test]
fn damaged_read_only_and_future_libraries() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.dateline");
    std::fs::write(&junk, vec![7u8; 10_000]).unwrap();
    assert_user_error(&dateline(&junk, &["list"]), "not a Dateline library");

    let lib = dir.path().join("lib.dateline");
    let o = dateline(&lib, &["import", fixture("harbour.md").to_str().unwrap()]);
    assert!(o.status.success());
    let backup = dir.path().join("lib-backup.dateline");
    let o = dateline(&lib, &["backup", backup.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = dateline(&backup, &["check"]);
    assert_eq!(stdout(&o).trim(), "ok: 1 stories");

    std::fs::set_permissions(&lib, std::fs::Permissions::from_mode(0o444)).unwrap();
    assert_user_error(&dateline(&lib, &["list"]), "read-only");
    std::fs::set_permissions(&lib, std::fs::Permissions::from_mode(0o644)).unwrap();

    let mut bytes = std::fs::read(&lib).unwrap();
    let end = bytes.len().min(40_000);
    for b in &mut bytes[4096..end] {
        *b = 0xa5;
    }
    std::fs::write(&lib, &bytes).unwrap();
    let o = dateline(&lib, &["list"]);
    assert_user_error(&o, "lib-backup.dateline");
}

#[test]
fn usage_mistakes_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    assert_eq!(dateline(&lib, &["frobnicate"]).status.code(), Some(2));
    assert_eq!(dateline(&lib, &["import"]).status.code(), Some(2));
    assert_user_error(&dateline(&lib, &["show", "nope"]), "no story");
    assert_user_error(
        &dateline(&lib, &["list", "--status", "pending"]),
        "not a status",
    );
}
