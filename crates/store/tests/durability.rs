//! Nothing reported as saved is ever lost: a child process saves a story in a
//! loop and is killed with SIGKILL at random moments, many times over. After
//! each kill the library opens, passes `integrity_check`, and holds at least the
//! last save the child reported as done.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use dateline_core::{Story, StoryId};
use dateline_store::{Library, Origin, SaveKind};

const CHILD_ENV: &str = "DATELINE_DURABILITY_CHILD";
const KILLS: usize = 40;

/// The child: create a story, then save it as fast as it can, reporting each
/// save only after it has committed.
fn child_loop(path: &str) {
    let mut lib = Library::open(path).expect("child opens the library");
    let mut story = lib
        .create_story(&Story::new("Killed mid-keystroke"), Origin::Background)
        .expect("child creates a story");
    println!("created {}", story.id);
    let paragraph = "The council met again on Tuesday to discuss the bridge. ".repeat(20);
    for i in 1u64.. {
        story.body = format!("save {i}\n\n{}", paragraph.repeat((i % 7 + 1) as usize));
        let kind = if i % 10 == 0 {
            SaveKind::Explicit
        } else {
            SaveKind::Autosave
        };
        story = lib
            .save_story(&story, kind, Origin::Background)
            .expect("child saves");
        println!("saved {i}");
    }
}

fn saved_counter(story: &Story) -> u64 {
    story
        .body
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("save "))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[test]
fn sigkill_never_loses_a_reported_save() {
    if let Ok(path) = std::env::var(CHILD_ENV) {
        child_loop(&path);
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("killed.dateline");
    let exe = std::env::current_exe().unwrap();
    // A small deterministic generator is enough to spread the kill moments.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut total_saves = 0;
    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "sigkill_never_loses_a_reported_save",
                "--nocapture",
            ])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Wait for the story to exist, then let it save for a random while.
        let created = loop {
            let line = rx.recv_timeout(Duration::from_secs(30)).unwrap();
            if let Some(id) = line.strip_prefix("created ") {
                break StoryId::parse(id).unwrap();
            }
        };
        std::thread::sleep(Duration::from_micros(next() % 60_000));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        let last_reported = rx
            .try_iter()
            .filter_map(|l| l.strip_prefix("saved ").and_then(|n| n.parse::<u64>().ok()))
            .max()
            .unwrap_or(0);

        let lib = Library::open(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert_eq!(lib.integrity_check().unwrap(), "ok", "round {round}");
        let story = lib.get_story(created).unwrap();
        let stored = saved_counter(&story);
        assert!(
            stored >= last_reported,
            "round {round}: reported save {last_reported} but the library has {stored}"
        );
        // At most the one save in flight when the kill came can be ahead.
        assert!(
            stored <= last_reported + 1,
            "round {round}: {stored} vs {last_reported}"
        );
        total_saves += last_reported;
    }
    assert!(
        total_saves > KILLS as u64,
        "the children did save: {total_saves}"
    );
}
