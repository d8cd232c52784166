//! `dateline targets`, `push` and `outbox` against a real WordPress started
//! by the test (`tests/cms/wordpress.sh`), the secret named by
//! `--secret-env` as a script or CI would.

#![allow(clippy::unwrap_used)]

mod common;
#[path = "../../cms/tests/support/mod.rs"]
mod support;

use common::{dateline, ok, stderr, stdout};

#[test]
fn a_reporter_adds_a_site_pushes_and_the_outbox_sends_what_waited() {
    let server = support::Server::wordpress();
    let (dir, lib) = support::library();
    let path = dir.path().join("desk.dateline");
    let first = support::full_story(&lib, "Harbour dredging starts")
        .id
        .to_string();
    let second = support::full_story(&lib, "Ferry timetable changes")
        .id
        .to_string();
    drop(lib);

    std::env::set_var("DATELINE_CLI_WP_SECRET", &server.secret);
    let added = ok(
        &path,
        &[
            "targets",
            "add",
            "Harbour News",
            "--wordpress",
            &server.url,
            "--user",
            &server.user,
            "--secret-env",
            "DATELINE_CLI_WP_SECRET",
        ],
    );
    assert!(added.starts_with("Added Harbour News"), "{added}");
    assert!(
        added.contains("secret from $DATELINE_CLI_WP_SECRET"),
        "{added}"
    );
    assert!(
        !added.contains(&server.secret),
        "the secret is never printed"
    );
    let listed = ok(&path, &["targets"]);
    assert!(
        listed.contains(&format!("WordPress {} as {}", server.url, server.user)),
        "{listed}"
    );
    let tested = ok(&path, &["targets", "test", "harbour news"]);
    assert!(tested.starts_with("Connected to "), "{tested}");

    let pushed = ok(&path, &["push", &first, "--to", "Harbour News"]);
    let (id, url) = pushed.trim().split_once('\t').unwrap();
    assert_eq!(id, first);
    assert!(url.starts_with(&server.url), "{pushed}");

    // No site: the push waits in the outbox and the command says "queued".
    server.stop();
    let queued = ok(&path, &["push", &second, "--to", "Harbour News"]);
    assert!(queued.contains(&format!("{second}\tqueued\t")), "{queued}");
    let waiting = ok(&path, &["outbox"]);
    assert!(
        waiting.contains("Ferry timetable changes\tto Harbour News\t1 attempt"),
        "{waiting}"
    );

    server.restart();
    let sent = ok(&path, &["outbox", "--send"]);
    assert!(
        sent.contains(&format!("{second}\t{}", server.url)),
        "{sent}"
    );
    assert_eq!(ok(&path, &["outbox"]).trim(), "The outbox is empty");
    let shown = ok(&path, &["list"]);
    assert!(shown.contains("Harbour dredging starts"), "{shown}");

    // A secret is needed on standard input when no variable is named.
    let refused = dateline(
        &path,
        &[
            "targets",
            "add",
            "Other",
            "--wordpress",
            &server.url,
            "--user",
            "x",
        ],
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("no secret on standard input"),
        "{}",
        stderr(&refused)
    );
    let missing = dateline(
        &path,
        &[
            "targets",
            "add",
            "Other",
            "--ghost",
            &server.url,
            "--user",
            "x",
            "--wordpress",
            "y",
        ],
    );
    assert_eq!(missing.status.code(), Some(2), "{}", stdout(&missing));

    assert!(ok(&path, &["targets", "remove", "Harbour News"]).contains("Removed Harbour News"));
    assert!(ok(&path, &["targets"]).contains("No targets yet"));
}

#[test]
fn a_targets_sections_and_tags_are_mapped_to_the_sites_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.dateline");
    let added = ok(
        &path,
        &[
            "targets",
            "add",
            "Tide",
            "--ghost",
            "https://tide.example",
            "--secret-env",
            "DATELINE_CLI_GHOST_KEY",
            "--category",
            "World=International",
            "--tag",
            "internal=",
        ],
    );
    assert!(added.starts_with("Added Tide"), "{added}");
    let listed = ok(&path, &["targets"]);
    assert!(
        listed.contains("  section World goes as tag International\n"),
        "{listed}"
    );
    assert!(listed.contains("  tag internal is left out\n"), "{listed}");

    let mapped = ok(
        &path,
        &[
            "targets",
            "map",
            "tide",
            "--clear",
            "--tag",
            "war=Ukraine war",
        ],
    );
    assert!(
        mapped.contains("  tag war goes as tag Ukraine war\n"),
        "{mapped}"
    );
    assert!(!mapped.contains("International"), "cleared: {mapped}");
    let cleared = ok(&path, &["targets", "map", "Tide", "--clear"]);
    assert!(
        cleared.contains("sections and tags go as they are"),
        "{cleared}"
    );

    let bad = dateline(&path, &["targets", "map", "Tide", "--category", "World"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("SECTION=NAME"), "{}", stderr(&bad));
}
