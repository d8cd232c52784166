//! The library file as a reporter's work depends on it: every part kept, stale
//! writes refused, revisions, pictures, search, backups and damaged files.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use dateline_core::{Anchor, Byline, Media, ModelError, Note, RelatedLink, Status, Story};
use dateline_store::{ErrorKind, Library, ListFilter, Origin, SaveKind, StoreError};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";

fn full_story(lib: &mut Library) -> Story {
    let file = lib.put_media_file("harbour.png", PNG).unwrap();
    let mut s = Story::new("Ferry service resumes after storm");
    s.kicker = "Transport".into();
    s.headlines.seo = "Ferry service resumes in Portmere".into();
    s.headlines.social = "The ferries are back".into();
    s.headlines.print = "Ferries return".into();
    s.standfirst = "Crossings restart on Monday after a week of gales.".into();
    s.meta_description = "Ferry crossings between Portmere and the islands restart.".into();
    s.bylines = vec![Byline {
        name: "Ada Quill".into(),
        role: "Transport correspondent".into(),
        url: Some("https://example.com/ada".into()),
    }];
    s.dateline.place = "Portmere".into();
    s.dateline.date = "2025-12-30".parse().ok();
    s.publish_at = "2025-12-30T08:00:00Z".parse().ok();
    s.section = "Local".into();
    s.tags = vec!["ferries".into(), "weather".into()];
    s.focus_keyphrase = "ferry service".into();
    s.body = "The harbour reopened at dawn.\n\n## Timetable\n\nBoats run hourly.".into();
    s.media = vec![Media {
        file: Some(file),
        caption: "The first boat leaves the harbour.".into(),
        credit: "Photo: Ben Rowe".into(),
        alt_text: "A white ferry leaving a stone harbour".into(),
        rights: "Staff".into(),
        hero: true,
        ..Media::default()
    }];
    s.related = vec![RelatedLink {
        title: "Storm closes harbour".into(),
        url: "https://example.com/storm".into(),
        summary: "Gales shut the port for a week.".into(),
    }];
    s.notes = vec![Note {
        author: "Desk".into(),
        text: "Check the timetable with the operator.".into(),
        anchor: Some(Anchor {
            start: 34,
            end: 45,
            ..Anchor::default()
        }),
        ..Note::default()
    }];
    s
}

#[test]
fn every_part_survives_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.dateline");
    let created = {
        let mut lib = Library::open(&path).unwrap();
        let s = full_story(&mut lib);
        lib.create_story(&s, Origin::Cli).unwrap()
    };
    let lib = Library::open(&path).unwrap();
    let back = lib.get_story(created.id).unwrap();
    assert_eq!(back, created);
    assert_eq!(back.version, 1);
    assert_eq!(
        lib.media_bytes(&back.media[0].file.as_ref().unwrap().hash)
            .unwrap(),
        PNG
    );
}

#[test]
fn a_stale_write_is_refused_and_overwrites_nothing() {
    let mut lib = Library::open_in_memory().unwrap();
    let v1 = lib
        .create_story(&Story::new("Original"), Origin::Cli)
        .unwrap();
    let mut mine = v1.clone();
    let mut theirs = v1.clone();
    theirs.headline = "Theirs".into();
    lib.save_story(&theirs, SaveKind::Autosave, Origin::Window)
        .unwrap();
    mine.headline = "Mine".into();
    let err = lib
        .save_story(&mine, SaveKind::Autosave, Origin::Window)
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Stale {
                yours: 1,
                theirs: 2
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("nothing was overwritten"));
    assert_eq!(lib.get_story(v1.id).unwrap().headline, "Theirs");
}

#[test]
fn invalid_stories_are_refused_with_the_field_named() {
    let mut lib = Library::open_in_memory().unwrap();
    let mut s = lib.create_story(&Story::new("Fine"), Origin::Cli).unwrap();
    s.related.push(RelatedLink {
        title: "Trap".into(),
        url: "javascript:alert(1)".into(),
        summary: String::new(),
    });
    let err = lib
        .save_story(&s, SaveKind::Explicit, Origin::Window)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(err.to_string().starts_with("related[0].url"), "{err}");
    assert!(lib.get_story(s.id).unwrap().related.is_empty());
}

#[test]
fn revisions_on_save_not_on_every_keystroke() {
    let mut lib = Library::open_in_memory().unwrap();
    let mut s = lib.create_story(&Story::new("Draft"), Origin::Cli).unwrap();
    for i in 0..20 {
        s.body = format!("Typing {i}");
        s = lib
            .save_story(&s, SaveKind::Autosave, Origin::Window)
            .unwrap();
    }
    // The creation revision is recent, so autosaves add none.
    assert_eq!(lib.list_revisions(s.id).unwrap().len(), 1);
    s.body = "Final words".into();
    s = lib
        .save_story(&s, SaveKind::Explicit, Origin::Window)
        .unwrap();
    let revs = lib.list_revisions(s.id).unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[0].reason, "save");

    // Restoring the first revision brings its text back and can itself be undone.
    let first = revs[1].id;
    let restored = lib
        .restore_revision(first, s.version, Origin::Window)
        .unwrap();
    assert_eq!(restored.body, "");
    assert_eq!(restored.headline, "Draft");
    let revs = lib.list_revisions(s.id).unwrap();
    assert_eq!(revs[0].reason, "restore");
    assert_eq!(lib.get_revision(revs[1].id).unwrap().body, "Final words");
}

#[test]
fn status_moves_are_checked_and_kept() {
    let mut lib = Library::open_in_memory().unwrap();
    let mut s = full_story(&mut lib);
    s = lib.create_story(&s, Origin::Cli).unwrap();
    let err = lib
        .set_status(s.id, Status::Ready, s.version, Origin::Window)
        .unwrap_err();
    assert!(err.to_string().contains("goes to review"), "{err}");
    s = lib
        .set_status(s.id, Status::InReview, s.version, Origin::Window)
        .unwrap();
    s = lib
        .set_status(s.id, Status::Ready, s.version, Origin::Window)
        .unwrap();
    assert_eq!(lib.get_story(s.id).unwrap().status, Status::Ready);
    // A plain save does not change the status behind the desk's back.
    let mut edited = s.clone();
    edited.status = Status::Draft;
    let saved = lib
        .save_story(&edited, SaveKind::Autosave, Origin::Window)
        .unwrap();
    assert_eq!(saved.status, Status::Ready);
    let history = lib.list_status_history(s.id).unwrap();
    let moves: Vec<_> = history.iter().map(|h| h.to).collect();
    assert_eq!(moves, [Status::Draft, Status::InReview, Status::Ready]);
}

#[test]
fn pictures_are_stored_once() {
    let mut lib = Library::open_in_memory().unwrap();
    let a = lib.put_media_file("a.png", PNG).unwrap();
    let b = lib.put_media_file("/some/dir/b.png", PNG).unwrap();
    assert_eq!(a.hash, b.hash);
    assert_eq!(b.file_name, "b.png");
    let err = lib.put_media_file("x.txt", b"hello").unwrap_err();
    assert!(err.to_string().contains("not a JPEG, PNG"), "{err}");
    let mut s = Story::new("Pictures");
    s.media.push(Media {
        file: Some(dateline_core::MediaFile {
            hash: "0".repeat(64),
            file_name: "ghost.png".into(),
            mime: "image/png".into(),
            size: 1,
        }),
        ..Media::default()
    });
    let err = lib.create_story(&s, Origin::Cli).unwrap_err();
    assert!(err.to_string().contains("not in the library"), "{err}");
}

#[test]
fn search_ranks_and_snips() {
    let mut lib = Library::open_in_memory().unwrap();
    let s = full_story(&mut lib);
    let ferry = lib.create_story(&s, Origin::Cli).unwrap();
    let mut other = Story::new("Council budget");
    other.body = "A ferry was mentioned once in passing.".into();
    lib.create_story(&other, Origin::Cli).unwrap();

    let hits = lib.search("ferry", 20).unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].story.id, ferry.id, "headline matches rank first");
    assert!(hits[0].snippet.iter().any(|p| p.hit));
    assert_eq!(
        lib.search("harb", 20).unwrap().len(),
        1,
        "prefix as you type"
    );
    assert_eq!(
        lib.search("white ferry", 20).unwrap().len(),
        1,
        "captions are searched"
    );
    assert!(
        lib.search("\"(NEAR", 20).is_ok(),
        "typed syntax is never an error"
    );

    let mut edited = lib.get_story(ferry.id).unwrap();
    edited.headline = "Boats are back".into();
    edited.body = "Nothing about it now.".into();
    edited.media.clear();
    edited.headlines = Default::default();
    edited.standfirst.clear();
    edited.meta_description.clear();
    lib.save_story(&edited, SaveKind::Autosave, Origin::Window)
        .unwrap();
    let hits = lib.search("harbour", 20).unwrap();
    assert!(hits.is_empty(), "the index follows every save");
    lib.delete_story(ferry.id).unwrap();
    assert!(lib.search("boats", 20).unwrap().is_empty());
}

#[test]
fn lists_newest_first_with_filters() {
    let mut lib = Library::open_in_memory().unwrap();
    for i in 0..5 {
        let mut s = Story::new(format!("Story {i}"));
        s.section = if i % 2 == 0 { "Local" } else { "World" }.into();
        lib.create_story(&s, Origin::Cli).unwrap();
    }
    let all = lib.list_stories(&ListFilter::default()).unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(all[0].headline, "Story 4");
    let world = lib
        .list_stories(&ListFilter {
            section: Some("World".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(world.len(), 2);
    let ready = lib
        .list_stories(&ListFilter {
            status: Some(Status::Ready),
            ..Default::default()
        })
        .unwrap();
    assert!(ready.is_empty());
    assert_eq!(lib.sections().unwrap(), ["Local", "World"]);
    let id = all[0].id.to_string();
    assert_eq!(lib.resolve_id(&id[..30]).unwrap(), all[0].id);
    assert!(
        lib.resolve_id("ffffffff").is_err(),
        "unknown prefixes are refused"
    );
}

#[test]
fn backup_and_a_damaged_file_points_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.dateline");
    let backup = dir.path().join("backups/lib-1.dateline");
    let id = {
        let mut lib = Library::open(&path).unwrap();
        let s = full_story(&mut lib);
        let s = lib.create_story(&s, Origin::Cli).unwrap();
        lib.backup_to(&backup).unwrap();
        assert!(lib.backup_to(&backup).is_err(), "never overwrites a file");
        s.id
    };
    let copy = Library::open(&backup).unwrap();
    assert_eq!(
        copy.get_story(id).unwrap().headline,
        "Ferry service resumes after storm"
    );
    drop(copy);

    // Scribble over the middle of the file, as a failing disk might.
    let mut bytes = std::fs::read(&path).unwrap();
    let len = bytes.len();
    assert!(len > 8192);
    for b in &mut bytes[4096..len.min(4096 * 8)] {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Library::open(&path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Corrupt, "{err}");
    let text = err.to_string();
    assert!(text.contains("is damaged"), "{text}");
    assert!(
        text.contains("lib-1.dateline"),
        "names the last backup: {text}"
    );
}

#[test]
fn a_model_error_is_the_invalid_kind() {
    let err = StoreError::from(ModelError::Required {
        field: "headline".into(),
    });
    assert_eq!(err.kind(), ErrorKind::Invalid);
}

#[test]
fn batch_export_reports_a_failure_and_goes_on() {
    use dateline_core::export::Format;
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path().join("lib.dateline")).unwrap();
    let s = full_story(&mut lib);
    let a = lib.create_story(&s, Origin::Cli).unwrap();
    let b = lib
        .create_story(
            &Story::new("Ferry service resumes after storm"),
            Origin::Cli,
        )
        .unwrap();
    let gone = lib
        .create_story(&Story::new("Spiked and deleted"), Origin::Cli)
        .unwrap();
    lib.delete_story(gone.id).unwrap();
    for format in Format::ALL {
        let out = dir.path().join(format.as_str());
        let mut seen = Vec::new();
        let report = lib
            .export_stories(&[a.id, gone.id, b.id], format, &out, &mut |p| {
                seen.push(p.done)
            })
            .unwrap();
        assert_eq!(seen, [1, 2, 3], "{format}: progress after every story");
        assert_eq!(report.exported, 2, "{format}");
        assert_eq!(report.failures.len(), 1, "{format}");
        assert!(report.failures[0].message.contains("no story"), "{format}");
        for f in &report.files {
            assert!(
                f.starts_with(&out) && f.exists(),
                "{format}: {}",
                f.display()
            );
        }
        if format != Format::Wxr {
            // Same headline twice: the second story has a folder of its own.
            assert!(report
                .files
                .iter()
                .any(|f| f.starts_with(out.join(b.id.to_string()))));
        }
    }
    // The picture is written beside the Markdown.
    assert!(dir
        .path()
        .join("md/ferry-service-resumes-after-storm-1.png")
        .exists());
}
