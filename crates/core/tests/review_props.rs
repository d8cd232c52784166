//! Properties of the review algorithms: the three-way merge, re-anchoring,
//! word diffs and the CriticMarkup reader.
//!
//! Bodies are built from a small vocabulary (Latin, Arabic, Devanagari and
//! emoji words) in a few paragraphs, and each side edits a few words or
//! paragraphs of the same base, so that the two sides often touch the same
//! words and conflicts are common.
//!
//! - `DATELINE_REVIEW_CASES=N`: cases per property (default 256, a few
//!   seconds in a debug `cargo test`).

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{TimeZone, Utc};
use dateline_core::review::diff::tokens;
use dateline_core::review::{critic, fields, merge_stories, quote, reanchor, word_diff};
use dateline_core::review::{Decision, DiffKind};
use dateline_core::Story;
use proptest::prelude::*;
use proptest::test_runner::Config;

fn config() -> Config {
    let cases = std::env::var("DATELINE_REVIEW_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(256);
    Config {
        cases,
        // A failing input is printed, not written into the source tree.
        failure_persistence: None,
        ..Config::default()
    }
}

const WORDS: &[&str] = &[
    "the",
    "council",
    "voted",
    "pier",
    "market",
    "ferry",
    "east",
    "north",
    "7",
    "café",
    "Zürich",
    "مرحبا",
    "المدينة",
    "نعم",
    "नमस्ते",
    "🎉",
    "naïve",
    "board",
];

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(WORDS).prop_map(str::to_owned)
}

type Paragraphs = Vec<Vec<String>>;

fn paragraphs() -> impl Strategy<Value = Paragraphs> {
    prop::collection::vec(prop::collection::vec(word(), 1..10), 1..5)
}

fn text(paragraphs: &Paragraphs) -> String {
    paragraphs
        .iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// One edit: what, which paragraph, which word, and the new word.
#[derive(Debug, Clone)]
struct Edit {
    kind: u8,
    paragraph: usize,
    at: usize,
    word: String,
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        (0u8..6, 0usize..8, 0usize..12, word()).prop_map(|(kind, paragraph, at, word)| Edit {
            kind,
            paragraph,
            at,
            word,
        }),
        0..5,
    )
}

fn apply(base: &Paragraphs, edits: &[Edit]) -> Paragraphs {
    let mut out = base.clone();
    for e in edits {
        if out.is_empty() {
            out.push(vec![e.word.clone()]);
            continue;
        }
        let p = e.paragraph % out.len();
        let paragraphs = out.len();
        let words = out[p].len();
        let i = e.at % (words + 1);
        match e.kind {
            0 | 1 if i < words => out[p][i] = e.word.clone(),
            2 => out[p].insert(i, e.word.clone()),
            3 if words > 1 && i < words => {
                out[p].remove(i);
            }
            4 => out.insert(p, vec![e.word.clone(), e.word.clone()]),
            5 if paragraphs > 1 => {
                out.remove(p);
            }
            _ => out[p].push(e.word.clone()),
        }
    }
    out
}

/// A small field value, so that both sides often pick the same one.
fn field_value() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", "Alpha", "Beta", "Гамма", "دلتا"]).prop_map(str::to_owned)
}

/// Base, mine and theirs: a body each, and a few scalar fields each side may
/// change.
#[derive(Debug, Clone)]
struct Three {
    base: Story,
    mine: Story,
    theirs: Story,
}

const SCALARS: &[&str] = &["kicker", "standfirst", "section", "headline.seo"];

fn three() -> impl Strategy<Value = Three> {
    let values = prop::collection::vec(field_value(), SCALARS.len());
    let changes = || prop::collection::vec(prop::option::of(field_value()), SCALARS.len());
    (paragraphs(), edits(), edits(), values, changes(), changes()).prop_map(
        |(paras, mine_edits, their_edits, values, mine_fields, their_fields)| {
            let mut base = Story::new("Council votes");
            base.body = text(&paras);
            for (name, value) in SCALARS.iter().zip(&values) {
                fields::set(&mut base, name, value).unwrap();
            }
            let mut mine = base.clone();
            mine.body = text(&apply(&paras, &mine_edits));
            let mut theirs = base.clone();
            theirs.body = text(&apply(&paras, &their_edits));
            for (side, changes) in [(&mut mine, &mine_fields), (&mut theirs, &their_fields)] {
                for (name, change) in SCALARS.iter().zip(changes) {
                    if let Some(value) = change {
                        fields::set(side, name, value).unwrap();
                    }
                }
            }
            Three { base, mine, theirs }
        },
    )
}

fn at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 10, 4, 0).unwrap()
}

fn scalars(story: &Story) -> Vec<String> {
    SCALARS
        .iter()
        .map(|name| fields::get(story, name).unwrap())
        .collect()
}

fn word_tokens(text: &str) -> BTreeSet<&str> {
    tokens(text)
        .into_iter()
        .filter(|t| t.chars().any(char::is_alphanumeric) || WORDS.contains(t))
        .collect()
}

fn markup_free(text: &str) -> bool {
    ["{++", "{--", "{~~", "~>", "{>>", "<<}", "{=="]
        .iter()
        .all(|m| !text.contains(m))
}

#[test]
fn merging_with_an_unchanged_side_gives_the_other_side() {
    proptest!(config(), |(t in three())| {
        let theirs_only = merge_stories(&t.base, &t.base, &t.theirs, "Ben", at());
        prop_assert_eq!(&theirs_only.story.body, &t.theirs.body);
        prop_assert_eq!(scalars(&theirs_only.story), scalars(&t.theirs));
        prop_assert!(theirs_only.report.conflicts.is_empty());
        let mine_only = merge_stories(&t.base, &t.mine, &t.base, "Ben", at());
        prop_assert_eq!(&mine_only.story.body, &t.mine.body);
        prop_assert_eq!(scalars(&mine_only.story), scalars(&t.mine));
        prop_assert!(mine_only.report.conflicts.is_empty());
        prop_assert!(mine_only.report.merged.is_empty());
    });
}

#[test]
fn merging_is_symmetric_up_to_who_wins_a_conflict() {
    proptest!(config(), |(t in three())| {
        let ab = merge_stories(&t.base, &t.mine, &t.theirs, "Ben", at());
        let ba = merge_stories(&t.base, &t.theirs, &t.mine, "Ben", at());
        let conflicts = |r: &dateline_core::review::MergeReport| {
            r.conflicts.iter().cloned().collect::<BTreeSet<_>>()
        };
        prop_assert_eq!(conflicts(&ab.report), conflicts(&ba.report));
        for (name, (a, b)) in SCALARS.iter().zip(scalars(&ab.story).iter().zip(scalars(&ba.story).iter())) {
            if !ab.report.conflicts.contains(&fields::label(&ab.story, name)) {
                prop_assert_eq!(a, b, "{}", name);
            }
        }
        if !ab.report.conflicts.contains(&"Body".to_owned()) {
            prop_assert_eq!(&ab.story.body, &ba.story.body);
            prop_assert!(markup_free(&ab.story.body), "{}", ab.story.body);
        } else {
            // Each side's text is the other's with the conflicts decided.
            prop_assert_eq!(
                critic::resolve_all(&ab.story.body, Decision::Accept),
                critic::resolve_all(&ba.story.body, Decision::Reject)
            );
            prop_assert_eq!(
                critic::resolve_all(&ab.story.body, Decision::Reject),
                critic::resolve_all(&ba.story.body, Decision::Accept)
            );
        }
    });
}

#[test]
fn no_word_either_side_added_is_lost() {
    let conflicts = AtomicUsize::new(0);
    let clean = AtomicUsize::new(0);
    proptest!(config(), |(t in three())| {
        let merged = merge_stories(&t.base, &t.mine, &t.theirs, "Ben", at());
        let body_merged = merged.report.merged.contains(&"Body".to_owned());
        if merged.report.conflicts.contains(&"Body".to_owned()) {
            conflicts.fetch_add(1, Ordering::Relaxed);
        } else if body_merged && t.mine.body != t.base.body {
            clean.fetch_add(1, Ordering::Relaxed);
        }
        let base = word_tokens(&t.base.body);
        let kept = word_tokens(&merged.story.body);
        for side in [&t.mine.body, &t.theirs.body] {
            for w in word_tokens(side) {
                prop_assert!(
                    base.contains(w) || kept.contains(w),
                    "{:?} lost\nbase: {:?}\nmine: {:?}\ntheirs: {:?}\nmerged: {:?}",
                    w, t.base.body, t.mine.body, t.theirs.body, merged.story.body
                );
            }
        }
        // Every conflict is well formed: mine when rejected, theirs' words
        // when accepted, and nothing of the markup is left either way.
        for decision in [Decision::Accept, Decision::Reject] {
            let resolved = critic::resolve_all(&merged.story.body, decision);
            prop_assert!(markup_free(&resolved), "{}", resolved);
        }
        let suggestions = critic::suggestions(&merged.story.body);
        prop_assert!(suggestions.iter().all(|s| s.conflict && s.author == "Ben"));
        prop_assert_eq!(
            !suggestions.is_empty(),
            merged.report.conflicts.contains(&"Body".to_owned())
        );
    });
    // The bodies are made so that both kinds of merge are common.
    let (conflicts, clean) = (conflicts.into_inner(), clean.into_inner());
    let cases = config().cases as usize;
    println!("{cases} merges: {conflicts} with conflicts, {clean} of two edited bodies without");
    assert!(conflicts * 10 >= cases && clean * 10 >= cases);
}

#[test]
fn comments_stay_on_words_that_are_still_there() {
    let case = (paragraphs(), edits(), 0usize..400, 0usize..40);
    proptest!(config(), |((paras, edits, start, len) in case)| {
        let old = text(&paras);
        let anchor = quote("body", &old, start, start + len);
        let new = text(&apply(&paras, &edits));
        let moved = reanchor(&anchor, &new);
        prop_assert!(moved.start <= moved.end && moved.end <= new.len());
        prop_assert!(new.is_char_boundary(moved.start) && new.is_char_boundary(moved.end));
        prop_assert_eq!(&moved.exact, &anchor.exact);
        if new.contains(&anchor.exact) {
            prop_assert!(!moved.removed);
            prop_assert_eq!(&new[moved.start..moved.end], anchor.exact.as_str());
        } else {
            prop_assert!(moved.removed);
        }
        // Unchanged text keeps the anchor where it was.
        let same = reanchor(&anchor, &old);
        prop_assert_eq!((same.start, same.end), (anchor.start, anchor.end));
    });
}

#[test]
fn word_diffs_rebuild_both_texts() {
    let case = (paragraphs(), edits(), ".{0,40}", ".{0,40}");
    proptest!(config(), |((paras, edits, junk_a, junk_b) in case)| {
        for (old, new) in [
            (text(&paras), text(&apply(&paras, &edits))),
            (junk_a.clone(), junk_b.clone()),
        ] {
            let parts = word_diff(&old, &new);
            let rebuilt = |keep| -> String {
                parts
                    .iter()
                    .filter(|p| p.kind == DiffKind::Equal || p.kind == keep)
                    .map(|p| p.text.as_str())
                    .collect()
            };
            prop_assert_eq!(rebuilt(DiffKind::Delete), old);
            prop_assert_eq!(rebuilt(DiffKind::Insert), new);
            prop_assert!(parts.iter().all(|p| !p.text.is_empty()));
            prop_assert!(parts.windows(2).all(|w| w[0].kind != w[1].kind));
        }
    });
}

/// Text with CriticMarkup pieces, whole and broken, among words.
fn marked_up() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => word(),
        1 => prop::sample::select(vec![
            " ", "\n\n", "{++", "++}", "{--", "--}", "{~~", "~>", "~~}", "{>>", "<<}",
            "{==", "==}", "{", "}", "~", "+", "-", ">", "<", "|",
            "{++new++}", "{--old--}", "{~~a~>b~~}", "{>>note<<}", "{==lit==}",
            "{>>Ada | 2026-12-02T10:04:00Z<<}", "{>>Ben | 2026-12-02T10:04:00Z | conflict<<}",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|p| p.concat())
}

#[test]
fn critic_markup_reads_and_resolves_consistently() {
    proptest!(config(), |(body in marked_up())| {
        let found = critic::suggestions(&body);
        for (i, s) in found.iter().enumerate() {
            prop_assert_eq!(s.ordinal, i);
            prop_assert!(s.start < s.end && s.end <= body.len());
            prop_assert!(body.is_char_boundary(s.start) && body.is_char_boundary(s.end));
        }
        prop_assert!(found.windows(2).all(|w| w[0].end <= w[1].start));
        if !critic::has_markup(&body) {
            prop_assert!(found.is_empty());
        }
        for decision in [Decision::Accept, Decision::Reject] {
            let once = critic::resolve_all(&body, decision).into_owned();
            prop_assert!(critic::suggestions(&once).is_empty(), "{}", once);
            prop_assert_eq!(critic::resolve_all(&once, decision), once.as_str());
            // Deciding one suggestion leaves the others.
            if let Some(first) = found.first() {
                let decided = critic::decide(&body, 0, decision).unwrap();
                prop_assert_eq!(&decided[..first.start], &body[..first.start]);
            }
            prop_assert!(critic::decide(&body, found.len(), decision).is_none());
        }
    });
}
