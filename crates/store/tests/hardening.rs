//! Regressions from an adversarial sweep of the library file: writers that
//! queue instead of failing, files that are refused without being touched,
//! read-only folders, backups that fail cleanly, and temporary files that
//! can neither be planted nor clobber a neighbour.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::path::Path;
use std::process::Command;

use dateline_core::export::Format;
use dateline_core::{Status, Story};
use dateline_store::{ErrorKind, Library, Origin, SaveKind, StoreError};

/// Every file in `dir` with its bytes, for "nothing changed" checks.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn writers_on_one_library_queue_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.dateline");
    let ids: Vec<_> = {
        let mut lib = Library::open(&path).unwrap();
        (0..3)
            .map(|i| {
                lib.create_story(&Story::new(format!("Story {i}")), Origin::Cli)
                    .unwrap()
                    .id
            })
            .collect()
    };
    let workers: Vec<_> = ids
        .iter()
        .map(|&id| {
            let path = path.clone();
            std::thread::spawn(move || {
                for i in 0..60 {
                    // A fresh open per write, as the command line does.
                    let mut lib = Library::open(&path).unwrap();
                    let mut story = lib.get_story(id).unwrap();
                    story.headline = format!("take {i}");
                    lib.save_story(&story, SaveKind::Autosave, Origin::Cli)
                        .unwrap();
                    if i % 20 == 0 {
                        lib.set_status(id, Status::InReview, story.version + 1, Origin::Cli)
                            .or_else(|e| match e {
                                StoreError::Invalid(_) => Ok(story.clone()),
                                e => Err(e),
                            })
                            .unwrap();
                    }
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let lib = Library::open(&path).unwrap();
    for id in ids {
        assert_eq!(lib.get_story(id).unwrap().headline, "take 59");
    }
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn a_refused_file_is_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    // Someone else's database, with a schema version of its own.
    let other = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch(
            "CREATE TABLE t (x); INSERT INTO t VALUES (1); PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    // Another application's marked file.
    let marked = dir.path().join("marked.db");
    {
        let conn = rusqlite::Connection::open(&marked).unwrap();
        conn.execute_batch("PRAGMA application_id = 1234; CREATE TABLE stories (x);")
            .unwrap();
    }
    // A Dateline library from a newer Dateline.
    let newer = dir.path().join("newer.dateline");
    drop(Library::open(&newer).unwrap());
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", dateline_store::schema_version() + 1)
        .unwrap();
    let text = dir.path().join("notes.dateline");
    std::fs::write(
        &text,
        "plain notes, long enough to be more than a header's worth of bytes ".repeat(3),
    )
    .unwrap();

    let before = snapshot(dir.path());
    for (path, kind) in [
        (&other, ErrorKind::Corrupt),
        (&marked, ErrorKind::Corrupt),
        (&newer, ErrorKind::NewerSchema),
        (&text, ErrorKind::Corrupt),
    ] {
        for open in [Library::open, Library::open_for_reading] {
            let err = open(path).unwrap_err();
            assert_eq!(err.kind(), kind, "{}: {err}", path.display());
        }
    }
    assert_eq!(snapshot(dir.path()), before, "nothing was written");
}

#[test]
fn libraries_are_marked_and_older_unmarked_ones_still_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.dateline");
    let id = {
        let mut lib = Library::open(&path).unwrap();
        lib.create_story(&Story::new("Marked"), Origin::Cli)
            .unwrap()
            .id
    };
    let conn = rusqlite::Connection::open(&path).unwrap();
    let app: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app, i64::from(dateline_store::APPLICATION_ID));
    // A library written before the mark existed.
    conn.pragma_update(None, "application_id", 0).unwrap();
    drop(conn);
    let lib = Library::open(&path).unwrap();
    assert_eq!(lib.get_story(id).unwrap().headline, "Marked");
}

#[test]
fn missing_and_empty_files_are_not_libraries_for_reading() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere").join("lib.dateline");
    let err = Library::open_for_reading(&missing).unwrap_err();
    assert!(matches!(err, StoreError::NoLibrary { .. }), "{err}");
    assert!(err.to_string().contains("there is no library at"), "{err}");
    assert!(!missing.parent().unwrap().exists(), "nothing was created");
    let empty = dir.path().join("empty.dateline");
    std::fs::write(&empty, b"").unwrap();
    let err = Library::open_existing(&empty).unwrap_err();
    assert!(matches!(err, StoreError::NoLibrary { .. }), "{err}");
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
    // Creating is for the first run and for writes.
    Library::open(&empty).unwrap();
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_named_and_still_readable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("archive");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("lib.dateline");
    let id = {
        let mut lib = Library::open(&path).unwrap();
        lib.create_story(&Story::new("Filed away"), Origin::Cli)
            .unwrap()
            .id
    };
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let err = Library::open(&path).unwrap_err();
    let reading = Library::open_for_reading(&path);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(err.kind(), ErrorKind::ReadOnly, "{err}");
    assert!(err.to_string().contains("folder"), "{err}");
    assert!(err.to_string().contains("read-only"), "{err}");
    let lib = reading.unwrap();
    assert_eq!(lib.get_story(id).unwrap().headline, "Filed away");
}

#[test]
fn backups_never_touch_a_neighbouring_file() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path().join("lib.dateline")).unwrap();
    let notes = dir.path().join("notes.partial");
    std::fs::write(&notes, b"my own notes").unwrap();
    lib.backup_to(dir.path().join("notes.dateline")).unwrap();
    assert_eq!(std::fs::read(&notes).unwrap(), b"my own notes");
    Library::open(dir.path().join("notes.dateline")).unwrap();
}

const FULL_DISK_CHILD: &str = "DATELINE_FULL_DISK_CHILD";

/// The child of the full-disk test: its file size limit stops the backup
/// part way.
#[test]
fn backup_child() {
    let Ok(dir) = std::env::var(FULL_DISK_CHILD) else {
        return;
    };
    let dir = Path::new(&dir);
    let lib = Library::open(dir.join("lib.dateline")).unwrap();
    let err = lib
        .backup_to(dir.join("out").join("copy.dateline"))
        .unwrap_err();
    println!("refused: {err}");
}

#[cfg(unix)]
#[test]
fn a_backup_that_fails_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut lib = Library::open(dir.path().join("lib.dateline")).unwrap();
        let mut story = Story::new("A long one");
        story.body = "Words enough to fill a good many pages of the file. ".repeat(8_000);
        lib.create_story(&story, Origin::Cli).unwrap();
    }
    std::fs::create_dir(dir.path().join("out")).unwrap();
    // A file size limit stands in for a full disk: writes past it fail
    // (with the signal ignored, as an error rather than a kill).
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 400; exec \"$0\" --exact backup_child --nocapture --test-threads=1")
        .arg(exe)
        .env(FULL_DISK_CHILD, dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("refused:"), "{stdout}");
    let left: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[cfg(unix)]
#[test]
fn exports_replace_a_planted_link_instead_of_following_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path().join("lib.dateline")).unwrap();
    let story = lib.create_story(&Story::new("Seed"), Origin::Cli).unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, b"precious").unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::os::unix::fs::symlink(&victim, shared.join("seed.html.partial")).unwrap();
    std::os::unix::fs::symlink(&victim, shared.join("seed.html")).unwrap();
    lib.export_story(story.id, Format::Html, &shared.join("seed.html"))
        .unwrap();
    lib.export_stories(&[story.id], Format::Html, &shared, &mut |_| {})
        .unwrap();
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    let page = std::fs::read_to_string(shared.join("seed.html")).unwrap();
    assert!(page.contains("Seed"));
}

#[test]
fn a_stale_status_move_reports_the_real_version() {
    let mut lib = Library::open_in_memory().unwrap();
    let mut story = lib
        .create_story(&Story::new("Versions"), Origin::Cli)
        .unwrap();
    for _ in 0..3 {
        story = lib
            .save_story(&story, SaveKind::Explicit, Origin::Cli)
            .unwrap();
    }
    match lib.set_status(story.id, Status::InReview, 1, Origin::Cli) {
        Err(StoreError::Stale { yours, theirs }) => {
            assert_eq!((yours, theirs), (1, story.version));
        }
        other => panic!("expected stale, got {other:?}"),
    }
}

#[test]
fn every_write_cleans_control_characters_the_same_way() {
    let mut lib = Library::open_in_memory().unwrap();
    let mut story = Story::new("T \u{1b}]0;X\u{7}\u{1b}[2J");
    story.body = "First line\r\nSecond\u{0} line\rThird".into();
    let created = lib.create_story(&story, Origin::Cli).unwrap();
    assert_eq!(created.headline, "T ]0;X[2J");
    assert_eq!(created.body, "First line\nSecond line\nThird");
    let mut edited = lib.get_story(created.id).unwrap();
    edited.standfirst = "Tabs\tstay, bells \u{7} go".into();
    let saved = lib
        .save_story(&edited, SaveKind::Autosave, Origin::Window)
        .unwrap();
    assert_eq!(
        lib.get_story(saved.id).unwrap().standfirst,
        "Tabs\tstay, bells  go"
    );
}
