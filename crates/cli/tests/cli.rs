//! The `dateline` command as a script uses it: exit codes, one-line errors,
//! JSON output, pictures, and bad input that loses nothing.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use common::{
    assert_usage_error, assert_user_error, dateline, fixture, import, ok, show, stderr, stdout,
};

#[test]
fn import_then_show_json_has_every_part() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    let o = dateline(&lib, &["import", fixture("harbour.md").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(
        err.lines().count(),
        1,
        "one warning per missing picture: {err}"
    );
    assert!(err.contains("missing-picture.jpg"), "{err}");
    assert!(err.contains("marked as missing"), "{err}");
    let id = stdout(&o).trim().to_owned();
    assert_eq!(id.len(), 36);

    let v = show(&lib, &id);
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
fn a_pasted_web_story_comes_in_structured() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    let id = import(&lib, "night-market.txt");
    let v = show(&lib, &id);
    assert_eq!(v["kicker"], "Newsflash");
    assert_eq!(
        v["headline"],
        "Nairobi Opens a Night Market for Its Late Commuters"
    );
    let standfirst = v["standfirst"].as_str().unwrap();
    assert!(
        standfirst.starts_with("The city will let traders work the rebuilt station concourse"),
        "{standfirst}"
    );
    assert!(standfirst.ends_with("after dark."), "{standfirst}");

    assert_eq!(v["media"].as_array().unwrap().len(), 1);
    let picture = &v["media"][0];
    assert_eq!(
        picture["caption"],
        "Traders lay out mangoes, phone chargers and school shoes beneath the restored iron canopy of the central station."
    );
    assert_eq!(picture["credit"], "X/@NairobiRailDesk");
    assert_eq!(picture["hero"], true);
    assert!(
        picture["file"].is_null(),
        "a pasted picture has no file yet"
    );

    assert_eq!(v["dateline"]["place"], "Nairobi");
    assert_eq!(v["dateline"]["date"], "2025-12-30");
    assert_eq!(v["reading_minutes"], 4);

    let body = v["body"].as_str().unwrap();
    assert!(
        body.starts_with("The county government opened the first licensed night market"),
        "the dateline is filed, not left in the body: {body}"
    );
    let subheads: Vec<&str> = body.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(
        subheads,
        [
            "A Late Train Home",
            "What the Traders Pay",
            "Safety After Dark",
            "What Comes Next"
        ]
    );
    let related: Vec<&str> = v["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        related,
        [
            "Commuter rail timetable to add a late service to the eastern estates",
            "County reopens the central station booking hall after three-year closure",
            "Hawkers and council agree on a register of pavement pitches",
            "Night bus trial extended as ridership beats forecasts",
        ]
    );
    for furniture in [
        "4 min read",
        "Opens a Night Market",
        "IC:",
        "Related Articles",
        "Post a comment",
        "Leave a Reply",
        "email address",
        "Comments",
    ] {
        assert!(!body.contains(furniture), "{furniture} is page furniture");
    }
    let found = ok(&lib, &["search", "stallholders"]);
    assert!(found.contains(&id), "search finds it: {found}");
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
            "are not imported",
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
        let err = stderr(&o);
        let name = path.file_name().unwrap().to_str().unwrap();
        assert_eq!(err.matches(name).count(), 1, "named once: {err}");
    }
    let o = dateline(&lib, &["import", dir.path().to_str().unwrap()]);
    assert_user_error(&o, "not a regular file");
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
fn standard_input_is_imported_too() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    let mut child = common::bin()
        .arg("--library")
        .arg(&lib)
        .args(["import", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Bridge reopens\n\nTraffic flowed again on Monday.\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let id = stdout(&o).trim().to_owned();
    assert_eq!(show(&lib, &id)["headline"], "Bridge reopens");
}

#[test]
fn set_refuses_bad_values_and_keeps_the_story() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    let id = import(&lib, "harbour.md");
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
    // Not a part of a story: the field is checked like any typed argument.
    assert_usage_error(&dateline(&lib, &["set", &id, "colour", "red"]));
    let o = dateline(&lib, &["set", &id, "headline", "Ferries are back"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = dateline(&lib, &["set", &id, "status", "in review"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = show(&lib, &id);
    assert_eq!(v["headline"], "Ferries are back");
    assert_eq!(v["status"], "in_review");
    assert_eq!(v["related"][0]["url"], "https://example.com/storm");
    let revisions = ok(&lib, &["revisions", &id]);
    assert!(revisions.lines().count() >= 3, "{revisions}");
}

#[test]
fn damaged_read_only_and_future_libraries() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.dateline");
    std::fs::write(&junk, vec![7u8; 10_000]).unwrap();
    assert_user_error(&dateline(&junk, &["list"]), "not a Dateline library");

    let lib = dir.path().join("lib.dateline");
    let id = import(&lib, "harbour.md");
    let backup = dir.path().join("lib-backup.dateline");
    ok(&lib, &["backup", backup.to_str().unwrap()]);
    assert_eq!(ok(&backup, &["check"]).trim(), "ok: 1 stories");

    // A read-only library can be read, and says so when asked to change.
    std::fs::set_permissions(&lib, std::fs::Permissions::from_mode(0o444)).unwrap();
    assert!(ok(&lib, &["list"]).contains("Ferry service resumes"));
    assert_user_error(
        &dateline(&lib, &["set", &id, "headline", "Changed"]),
        "read-only",
    );
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
    let id = import(&lib, "harbour.md");
    for args in [
        &["frobnicate"][..],
        &["import"],
        &["list", "--status", "pending"],
        &["list", "--limit", "many"],
        &["export", &id, "--format", "docx", "--out", "x.docx"],
        &["export", "--out", "folder"],
        &["set", &id, "colour", "red"],
        &["set", &id, "status", "pending"],
        &["media", "set", &id, "1", "colour", "red"],
        &["media", "set", &id, "0", "caption", "Numbers start at 1"],
        &["media", "set", &id, "1", "hero", "maybe"],
        &["media", "remove", &id],
    ] {
        let o = dateline(&lib, args);
        assert_usage_error(&o);
        assert!(stderr(&o).contains("error"), "{args:?}: {}", stderr(&o));
    }
    // The status names people type are all accepted.
    for status in ["draft", "in_review", "in-review", "IN_REVIEW", "Ready"] {
        ok(&lib, &["list", "--status", status]);
    }
    assert_user_error(&dateline(&lib, &["show", "nope"]), "no story");
}

#[test]
fn a_usage_mistake_opens_and_creates_no_library() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("new").join("lib.dateline");
    let id = "0192f0c1-0000-7000-8000-000000000000";
    for args in [
        &["list", "--status", "pending"][..],
        &["export", "--all", "--format", "docx", "--out", "out"],
        &["export", id, "--format", "pdf", "--out", "x.pdf"],
        &["set", id, "colour", "red"],
        &["set", id, "status", "pending"],
        &["media", "set", id, "1", "hero", "maybe"],
        &["media", "set", id, "1", "size", "big"],
    ] {
        assert_usage_error(&dateline(&lib, args));
        assert!(!lib.exists(), "{args:?} made the library");
        assert!(!lib.parent().unwrap().exists(), "{args:?} made its folder");
    }
}

#[test]
fn a_whole_story_is_built_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.dateline");
    let id = import(&lib, "harbour.md");
    let listed = ok(&lib, &["media", "list", &id]);
    assert!(listed.contains("(file missing)"), "{listed}");

    let png = fixture("ferry.png");
    let added = ok(
        &lib,
        &[
            "media",
            "add",
            &id,
            png.to_str().unwrap(),
            "--caption",
            "The crew casts off.",
            "--credit",
            "Photo: Ada Quill",
            "--alt",
            "Two sailors untie a rope from a bollard",
            "--hero",
        ],
    );
    assert!(added.trim().ends_with("picture 2"), "{added}");
    let pictures = |lib: &std::path::Path| -> Vec<serde_json::Value> {
        serde_json::from_str(&ok(lib, &["media", "list", &id, "--json"])).unwrap()
    };
    let listed = pictures(&lib);
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["number"], 1);
    assert_eq!(listed[1]["number"], 2);
    assert_eq!(listed[0]["hero"], false, "one hero: the new one");
    assert_eq!(listed[1]["hero"], true);
    assert_eq!(listed[1]["file"]["mime"], "image/png");
    assert_eq!(listed[1]["file"]["file_name"], "ferry.png");
    assert_eq!(listed[1]["caption"], "The crew casts off.");

    ok(&lib, &["media", "set", &id, "1", "hero", "true"]);
    ok(&lib, &["media", "set", &id, "2", "rights", "Staff picture"]);
    ok(
        &lib,
        &["media", "set", &id, "2", "alt_text", "Sailors at a bollard"],
    );
    let listed = pictures(&lib);
    assert_eq!(listed[0]["hero"], true);
    assert_eq!(listed[1]["hero"], false, "the hero moved");
    assert_eq!(listed[1]["rights"], "Staff picture");
    assert_eq!(listed[1]["alt_text"], "Sailors at a bollard");
    ok(&lib, &["media", "set", &id, "1", "hero", "false"]);
    assert!(pictures(&lib).iter().all(|p| p["hero"] == false));

    assert_user_error(
        &dateline(&lib, &["media", "set", &id, "5", "caption", "x"]),
        "there is no picture 5",
    );
    assert_user_error(
        &dateline(
            &lib,
            &["media", "add", &id, fixture("harbour.md").to_str().unwrap()],
        ),
        "not a JPEG, PNG",
    );
    assert_user_error(
        &dateline(&lib, &["media", "add", &id, "no-such-picture.png"]),
        "no-such-picture.png",
    );

    // The picture without a file goes; the story can now be made Ready.
    ok(&lib, &["media", "remove", &id, "1"]);
    let listed = pictures(&lib);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["caption"], "The crew casts off.");
    ok(&lib, &["set", &id, "status", "in_review"]);
    ok(&lib, &["set", &id, "status", "ready"]);
    let page = dir.path().join("story.html");
    ok(
        &lib,
        &[
            "export",
            &id,
            "--format",
            "html",
            "--out",
            page.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("data:image/png;base64,"), "the picture is in");
    assert!(html.contains("Photo: Ada Quill"));

    let text = ok(&lib, &["media", "list", &id]);
    assert!(text.starts_with("  1  ferry.png, image/png, "), "{text}");
    assert!(text.contains("credit   Photo: Ada Quill"), "{text}");
    let revisions = ok(&lib, &["revisions", &id]);
    assert!(revisions.lines().count() >= 8, "each change is a revision");
}

#[test]
fn version_is_the_workspace_version() {
    let manifest =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml")).unwrap();
    let package = manifest.split("[workspace.package]").nth(1).unwrap();
    let version = package
        .lines()
        .find_map(|l| l.strip_prefix("version = "))
        .unwrap()
        .trim_matches('"');
    let o = common::bin().arg("--version").output().unwrap();
    assert!(o.status.success());
    assert_eq!(stdout(&o).trim(), format!("dateline {version}"));
}
