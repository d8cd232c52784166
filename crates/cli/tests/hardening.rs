//! Regressions from the hardening issue: each test here failed before its
//! fix. A reader that stops early (#13), control characters in a library
//! (#8), a missing or empty library given to a command that reads, and a
//! library in a read-only folder (#3).

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use common::{assert_user_error, dateline, import, ok, show, stderr, stdout};
use dateline_core::Story;
use dateline_store::{Library, Origin};

/// Runs `dateline ARGS` with its output piped, reads one line and closes the
/// pipe, as `| head -1` does. Gives the exit code and what went to stderr.
fn read_one_line(library: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = common::bin()
        .arg("--library")
        .arg(library)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty(), "a first line arrives");
    // The reader is dropped here: the pipe is closed with output still to come.
    let o = child.wait_with_output().unwrap();
    (o.status.code(), stderr(&o))
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    // Far more output than a pipe holds (64 KiB on Linux), so the command
    // is still writing when the reader goes.
    let headline = "Harbour dues rise again as the council looks for money to mend the sea wall";
    let mut stories: Vec<Story> = (0..2_000)
        .map(|i| Story::new(format!("{headline}, part {i}")))
        .collect();
    stories[0].body = "The sea wall needs mending. ".repeat(20_000);
    let created = Library::open(&lib)
        .unwrap()
        .create_stories(&stories, Origin::Cli)
        .unwrap();
    let long = created[0].id.to_string();

    for args in [
        &["list", "--limit", "5000"][..],
        &["list", "--limit", "5000", "--json"],
        &["show", &long],
        &["search", "harbour", "--limit", "2000"],
    ] {
        let (code, err) = read_one_line(&lib, args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert_eq!(err, "", "{args:?} says nothing about the closed pipe");
    }
}

#[test]
fn control_characters_are_shown_never_sent_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    let id = import(&lib, "harbour-with-picture.md");

    // A library written before input was cleaned may hold control
    // characters; write them as such a build could have, past today's
    // checks: retitle the window, clear the screen, backspace, DEL, and CSI
    // as one C1 character.
    let dirty = "Ferry \u{1b}]0;owned\u{7}\u{1b}[2J\u{8}\u{7f}\u{9b}31m\r back";
    let body = format!("First {dirty}.\n\nSecond\tparagraph.");
    let conn = rusqlite::Connection::open(&lib).unwrap();
    conn.execute(
        "UPDATE stories SET kicker = ?1, headline = ?1, headline_seo = ?1, standfirst = ?1, \
         section = ?1, dateline_place = ?1, body = ?2 WHERE id = ?3",
        rusqlite::params![dirty, body, id],
    )
    .unwrap();
    conn.execute(
        "UPDATE media SET caption = ?1, credit = ?1, alt_text = ?1, rights = ?1, \
         file_name = ?1, mime = ?1",
        [dirty],
    )
    .unwrap();
    conn.execute(
        "UPDATE revisions SET reason = ?1, origin = ?1, \
         snapshot = json_set(snapshot, '$.headline', ?1)",
        [dirty],
    )
    .unwrap();
    conn.execute(
        "UPDATE stories_fts SET kicker = ?1, headlines = ?1, body = ?2",
        [dirty, &body],
    )
    .unwrap();
    drop(conn);

    let assert_clean = |what: &str, bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes);
        let raw: Vec<char> = text
            .chars()
            .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
            .collect();
        assert!(raw.is_empty(), "{what} printed {raw:?}:\n{text}");
    };
    for args in [
        &["list"][..],
        &["show", &id],
        &["search", "ferry"],
        &["revisions", &id],
        &["media", "list", &id],
    ] {
        let o = dateline(&lib, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert_clean(&format!("{args:?}"), &o.stdout);
        assert_clean(&format!("{args:?} on stderr"), &o.stderr);
        assert!(
            stdout(&o).contains("^[]0;owned^G^[[2J^H^?\\u{9b}31m^M"),
            "{args:?} shows the controls, visibly:\n{}",
            stdout(&o)
        );
    }
    let shown = ok(&lib, &["show", &id]);
    assert!(
        shown.contains("\n\nSecond\tparagraph."),
        "the body keeps its paragraphs and tabs:\n{shown}"
    );

    // Error lines too, whether the library or clap writes them.
    for args in [
        &["show", "\u{1b}]0;owned\u{7}"][..],
        &["media", "list", "\u{1b}[2J"],
    ] {
        let o = dateline(&lib, args);
        assert!(!o.status.success(), "{args:?}");
        assert_clean(&format!("{args:?} on stderr"), &o.stderr);
        assert!(stderr(&o).contains("^["), "{args:?}: {}", stderr(&o));
    }
    let o = dateline(&lib, &["list", "--status", "\u{1b}[2J\u{7}\u{8}draft"]);
    assert_eq!(o.status.code(), Some(2));
    assert_clean("a mistyped status on stderr", &o.stderr);
    assert!(stderr(&o).contains("'^[[2J^G^Hdraft'"), "{}", stderr(&o));
}

#[test]
fn reading_a_missing_or_empty_library_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo").join("lib.dateline");
    let empty = dir.path().join("empty.dateline");
    std::fs::write(&empty, b"").unwrap();
    let id = "0192f0c1-0000-7000-8000-000000000000";
    let out = dir.path().join("out");
    let copy = dir.path().join("copy.dateline");
    let commands: [&[&str]; 12] = [
        &["list"],
        &["show", id],
        &["search", "harbour"],
        &["revisions", id],
        &["render", id],
        &[
            "export",
            "--all",
            "--format",
            "md",
            "--out",
            out.to_str().unwrap(),
        ],
        &["backup", copy.to_str().unwrap()],
        &["check"],
        &["media", "list", id],
        // Commands that change a story need the library it is in.
        &["set", id, "headline", "New"],
        &["media", "remove", id, "1"],
        &["restore", "1"],
    ];
    for library in [&missing, &empty] {
        for args in commands {
            let o = dateline(library, args);
            assert_user_error(&o, "there is no library at");
            assert!(o.stdout.is_empty(), "{args:?}");
        }
    }
    assert!(!missing.exists(), "no library was made");
    assert!(!missing.parent().unwrap().exists(), "nor its folder");
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0, "still empty");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["empty.dateline"], "nothing beside it either");
}

/// Gives a folder its permissions back when the test ends, pass or fail, so
/// the temporary folder can be removed.
struct Writable<'a>(&'a Path);

impl Drop for Writable<'_> {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(self.0, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_library_in_a_read_only_folder_is_read_not_changed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let desk = dir.path().join("desk");
    std::fs::create_dir(&desk).unwrap();
    let lib = desk.join("lib.dateline");
    let id = import(&lib, "harbour.md");

    // Permission bits, not a trial write: CI runs the tests as root, who
    // could write there anyway.
    std::fs::set_permissions(&desk, std::fs::Permissions::from_mode(0o555)).unwrap();
    let _restore = Writable(&desk);
    assert!(ok(&lib, &["list"]).contains("Ferry service resumes"));
    assert_eq!(show(&lib, &id)["kicker"], "Transport");
    assert!(ok(&lib, &["search", "harbour"]).contains(&id));
    for args in [
        &["set", &id, "headline", "Changed"][..],
        &["media", "remove", &id, "1"],
        &["import", common::fixture("harbour.md").to_str().unwrap()],
    ] {
        let o = dateline(&lib, args);
        assert_user_error(&o, "is read-only");
        assert!(stderr(&o).contains("folder"), "{args:?}: {}", stderr(&o));
    }
    let names: Vec<_> = std::fs::read_dir(&desk).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing was written there: {names:?}");
    drop(_restore);
    assert_eq!(
        show(&lib, &id)["headline"],
        "Ferry service resumes after a week of gales"
    );
}

#[test]
fn a_body_nested_too_deeply_renders_flattened_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("lib.dateline");
    let id = {
        let mut lib = Library::open(&library).unwrap();
        let mut story = Story::new("Quotes all the way down");
        story.body = format!("{}Deep.\n", "> ".repeat(5_000));
        lib.create_story(&story, Origin::Cli)
            .unwrap()
            .id
            .to_string()
    };
    let out = dateline(&library, &["render", &id]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Deep."));
    assert!(
        stderr(&out).contains("nested too deeply"),
        "{}",
        stderr(&out)
    );
    // A story of ordinary depth renders without the notice.
    let plain = {
        let mut lib = Library::open(&library).unwrap();
        let mut story = Story::new("Flat");
        story.body = "> A quote.\n\n- a list\n  - inside\n".into();
        lib.create_story(&story, Origin::Cli)
            .unwrap()
            .id
            .to_string()
    };
    let out = dateline(&library, &["render", &plain]);
    assert!(out.status.success());
    assert_eq!(stderr(&out), "");
}
