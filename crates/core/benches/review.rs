//! How fast the review algorithms are on a story of news length.
//!
//! Budgets: the three-way merge of a 1,250-word story with 50 edits on each
//! side ≤ 5 ms; a word diff of two revisions of it ≤ 5 ms; re-anchoring 100
//! comments on its body after a keystroke (before all of them, so every one
//! has to be searched for) ≤ 1 ms.
//!
//! The story is made from a fixed vocabulary by a small linear congruential
//! generator, so every run measures the same texts.

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use dateline_core::review::{merge_stories, quote, reanchor_story, word_diff};
use dateline_core::{Note, Story};

/// Knuth's MMIX generator: enough to pick words.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the",
    "harbour",
    "board",
    "met",
    "for",
    "six",
    "hours",
    "on",
    "Monday",
    "and",
    "came",
    "out",
    "with",
    "a",
    "plan",
    "that",
    "nobody",
    "in",
    "room",
    "had",
    "expected",
    "at",
    "start",
    "of",
    "day",
    "old",
    "grain",
    "pier",
    "will",
    "be",
    "rebuilt",
    "as",
    "public",
    "walkway",
    "fish",
    "market",
    "move",
    "two",
    "hundred",
    "metres",
    "east",
    "ferries",
    "share",
    "single",
    "berth",
    "first",
    "time",
    "since",
    "engineers",
    "warned",
    "years",
    "timber",
    "piles",
    "were",
    "rotting",
    "faster",
    "than",
    "they",
    "could",
    "replaced",
    "survey",
    "last",
    "autumn",
    "found",
    "third",
    "them",
    "lost",
    "more",
    "half",
    "their",
    "strength",
    "closed",
    "outer",
    "end",
    "to",
    "vehicles",
    "December",
    "council",
    "vote",
    "expected",
    "May",
    "traders",
    "cobbled",
    "square",
    "north",
    "wind",
    "crowns",
    "48",
    "million",
    "fund",
    "coastal",
    "infrastructure",
    "said",
    "chair",
    "Solberg",
    "مرحبا",
    "المدينة",
    "café",
];

/// About 1,250 words in paragraphs of 40 to 80, sentences of 8 to 20.
fn body(rng: &mut Lcg) -> Vec<Vec<String>> {
    let mut paragraphs = Vec::new();
    let mut total = 0;
    while total < 1_250 {
        let len = (40 + rng.below(41)).min(1_250 - total);
        let mut words = Vec::with_capacity(len);
        let mut sentence = 0;
        for _ in 0..len {
            let mut word = WORDS[rng.below(WORDS.len())].to_owned();
            sentence += 1;
            if sentence > 8 && rng.below(12) == 0 {
                word.push('.');
                sentence = 0;
            }
            words.push(word);
        }
        total += len;
        paragraphs.push(words);
    }
    paragraphs
}

fn text(paragraphs: &[Vec<String>]) -> String {
    paragraphs
        .iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `count` edits of single words at places the generator picks: a word
/// replaced, put in or taken out.
fn edited(paragraphs: &[Vec<String>], count: usize, rng: &mut Lcg) -> Vec<Vec<String>> {
    let mut out = paragraphs.to_vec();
    for _ in 0..count {
        let p = rng.below(out.len());
        let words = &mut out[p];
        let i = rng.below(words.len());
        let word = WORDS[rng.below(WORDS.len())].to_owned();
        match rng.below(3) {
            0 => words[i] = word,
            1 => words.insert(i, word),
            _ if words.len() > 1 => {
                words.remove(i);
            }
            _ => words.push(word),
        }
    }
    out
}

struct Texts {
    base: Story,
    mine: Story,
    theirs: Story,
}

fn texts() -> Texts {
    let mut rng = Lcg(2026);
    let paragraphs = body(&mut rng);
    let mut base = Story::new("Harbour board agrees a plan for the old pier");
    base.body = text(&paragraphs);
    let words = base.word_count();
    assert!(
        (1_200..1_300).contains(&words),
        "the story has {words} words"
    );
    let mut mine = base.clone();
    mine.body = text(&edited(&paragraphs, 50, &mut rng));
    mine.standfirst = "Our deck".into();
    let mut theirs = base.clone();
    theirs.body = text(&edited(&paragraphs, 50, &mut rng));
    theirs.kicker = "Harbour".into();
    Texts { base, mine, theirs }
}

fn review(c: &mut Criterion) {
    let t = texts();
    let at = Utc
        .with_ymd_and_hms(2026, 12, 2, 10, 4, 0)
        .single()
        .unwrap_or_default();
    let mut group = c.benchmark_group("review");
    group.bench_function("merge 1250 words 50 edits each", |b| {
        b.iter(|| merge_stories(black_box(&t.base), &t.mine, &t.theirs, "Ben", at))
    });
    group.bench_function("word diff 1250 words", |b| {
        b.iter(|| word_diff(black_box(&t.base.body), black_box(&t.mine.body)))
    });

    // 100 comments on three words each, spread over the body; then a
    // keystroke at the very start moves every one of them.
    let mut story = t.base.clone();
    let mut rng = Lcg(7);
    let starts: Vec<usize> = story.body.match_indices(' ').map(|(i, _)| i + 1).collect();
    for _ in 0..100 {
        let start = starts[rng.below(starts.len() - 3)];
        let end = starts[starts.iter().position(|&s| s == start).unwrap_or(0) + 3] - 1;
        story.notes.push(Note {
            anchor: Some(quote("body", &story.body, start, end)),
            ..Note::default()
        });
    }
    story.body.insert(0, 'A');
    group.bench_function("reanchor 100 comments", |b| {
        b.iter_batched_ref(
            || story.clone(),
            |s| reanchor_story(black_box(s)),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, review);
criterion_main!(benches);
