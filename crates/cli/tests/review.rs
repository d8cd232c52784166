//! Editors review offline, from the command line: two laptops (two library
//! files), a story sent as one file, commented on and suggested on, returned
//! and merged.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{assert_user_error, bin, dateline, fixture, import, ok, show, stderr, stdout};
use dateline_core::{Anchor, Note};
use dateline_store::{Library, Origin, SaveKind};

#[test]
fn a_story_goes_for_review_and_comes_back_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let reporter = dir.path().join("reporter.dateline");
    let editor = dir.path().join("editor.dateline");

    // Who is who.
    let id = import(&reporter, "harbour.md");
    let me = ok(&reporter, &["whoami"]);
    assert!(
        me.contains(" — from the system user name; set it with dateline whoami NAME"),
        "{me}"
    );
    assert_eq!(
        ok(&reporter, &["whoami", "Rita Reporter"]).trim(),
        "Rita Reporter (RR)"
    );
    assert_eq!(ok(&reporter, &["whoami"]).trim(), "Rita Reporter (RR)");
    let v: serde_json::Value = serde_json::from_str(&ok(
        &editor,
        &["whoami", "Ada Reyes", "--initials", "AdR", "--json"],
    ))
    .unwrap();
    assert_eq!(v["name"], "Ada Reyes");
    assert_eq!(v["initials"], "AdR");
    assert_eq!(v["chosen"], true);
    assert_user_error(&dateline(&editor, &["whoami", "  "]), "a name is needed");

    // Sent for review, to the default file name in the current folder.
    let o = bin()
        .current_dir(dir.path())
        .arg("--library")
        .arg(&reporter)
        .args(["send", &id])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let printed = stdout(&o);
    assert!(printed.contains("for review"), "{printed}");
    let name = printed.split_whitespace().next().unwrap().to_owned();
    assert!(name.ends_with(".dateline-story"), "{printed}");
    let package = dir.path().join(&name);
    assert!(package.is_file(), "{}", package.display());
    assert!(ok(&reporter, &["list"]).contains("[Sent for review]"));

    // The editor's laptop.
    let got = ok(&editor, &["receive", package.to_str().unwrap()]);
    assert!(
        got.starts_with("Added “") && got.contains("” from Rita Reporter, for review (id "),
        "{got}"
    );
    assert!(got.contains(&id), "{got}");
    let again: serde_json::Value = serde_json::from_str(&ok(
        &editor,
        &["receive", package.to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_eq!(again["outcome"], "updated", "opened twice: nothing new");
    assert_eq!(again["report"]["merged"].as_array().unwrap().len(), 0);
    assert_eq!(again["kind"], "review");
    assert_eq!(again["from"], "Rita Reporter");
    assert!(ok(&editor, &["list"]).contains("[From Rita Reporter, for review]"));

    // The editor suggests in the body, changes the headline and comments.
    let body = show(&editor, &id)["body"].as_str().unwrap().to_owned();
    let first_word = body.split_whitespace().next().unwrap().to_owned();
    let suggested = body.replacen(
        &first_word,
        &format!("{{~~{first_word}~>Early~~}}{{>>Ada Reyes | 2026-12-02T10:04:00Z<<}}"),
        1,
    );
    ok(&editor, &["set", &id, "body", &suggested]);
    ok(&editor, &["set", &id, "headline", "Ferries are back"]);
    {
        let mut lib = Library::open(&editor).unwrap();
        let story_id = lib.resolve_id(&id).unwrap();
        let mut story = lib.get_story(story_id).unwrap();
        let start = story.body.find("harbour master").unwrap();
        story.notes.push(Note {
            author: "Ada Reyes".into(),
            text: "Source for this?".into(),
            anchor: Some(Anchor {
                start,
                end: start + "harbour master".len(),
                ..Anchor::default()
            }),
            ..Note::default()
        });
        lib.save_story(&story, SaveKind::Explicit, Origin::Window)
            .unwrap();
    }
    let returned = dir.path().join("returned.dateline-story");
    let printed = ok(&editor, &["send", &id, "--out", returned.to_str().unwrap()]);
    assert!(printed.contains("returned"), "{printed}");

    // Home again.
    let before = std::fs::read(&returned).unwrap();
    let merged = ok(&reporter, &["receive", returned.to_str().unwrap()]);
    assert!(
        merged.starts_with(
            "Updated “Ferries are back” returned by Ada Reyes: took the editor's changes to "
        ),
        "{merged}"
    );
    assert!(merged.contains("Headline"), "{merged}");
    assert_eq!(
        std::fs::read(&returned).unwrap(),
        before,
        "the file is only read"
    );
    assert!(ok(&reporter, &["list"]).contains("[Returned by Ada Reyes]"));

    let comments = ok(&reporter, &["comments", &id]);
    assert!(comments.contains("Ada Reyes · "), "{comments}");
    assert!(comments.contains("Source for this?"), "{comments}");
    assert!(comments.contains("Body: “harbour master”"), "{comments}");
    let v: serde_json::Value =
        serde_json::from_str(&ok(&reporter, &["comments", &id, "--json"])).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);

    let listed = ok(&reporter, &["suggestions", &id]);
    assert!(listed.starts_with("body 0"), "{listed}");
    assert!(listed.contains("Ada Reyes"), "{listed}");
    assert!(
        listed.contains(&format!("replace  “{first_word}” → “Early”")),
        "{listed}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&ok(&reporter, &["suggestions", &id, "--json"])).unwrap();
    assert_eq!(v["body"][0]["kind"], "replace");
    assert_eq!(v["fields"].as_array().unwrap().len(), 0);
    let decided = ok(&reporter, &["suggestions", &id, "--accept-all"]);
    assert!(decided.starts_with("Accepted 1 suggestion ("), "{decided}");
    let body = show(&reporter, &id)["body"].as_str().unwrap().to_owned();
    assert!(body.starts_with("Early"), "{body}");
    assert!(!body.contains("{~~"), "{body}");
    assert_eq!(
        ok(&reporter, &["suggestions", &id]).trim(),
        "no suggestions"
    );

    // What changed, word by word, since the story was first written.
    let revisions = ok(&reporter, &["revisions", &id]);
    assert!(
        revisions.contains("before merge") || revisions.contains("merge"),
        "{revisions}"
    );
    assert!(revisions.contains("· Rita Reporter"), "{revisions}");
    let first = revisions
        .lines()
        .last()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let diff = ok(&reporter, &["diff", &id, "--from", &first]);
    assert!(diff.starts_with(&format!("revision {first} · ")), "{diff}");
    assert!(diff.contains("→ now"), "{diff}");
    assert!(diff.contains("\nHeadline\n"), "{diff}");
    assert!(diff.contains("{+"), "{diff}");
    assert!(diff.contains("[-"), "{diff}");
    let v: serde_json::Value =
        serde_json::from_str(&ok(&reporter, &["diff", &id, "--json"])).unwrap();
    assert_eq!(v["to"], "now");
    assert!(v["fields"].is_array());
}

#[test]
fn bad_packages_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    import(&lib, "harbour.md");
    let text = fixture("harbour.md");
    assert_user_error(
        &dateline(&lib, &["receive", text.to_str().unwrap()]),
        "is not a Dateline library",
    );
    let other = dir.path().join("other.dateline");
    import(&other, "night-market.txt");
    assert_user_error(
        &dateline(&lib, &["receive", other.to_str().unwrap()]),
        "is a Dateline library, not a story package",
    );
    let id = import(&lib, "night-market.txt");
    let taken = dir.path().join("taken.txt");
    std::fs::write(&taken, b"keep").unwrap();
    assert_user_error(
        &dateline(&lib, &["send", &id, "--out", taken.to_str().unwrap()]),
        "choose another name",
    );
    assert_eq!(std::fs::read(&taken).unwrap(), b"keep");
}
