//! The importer against a corpus of pasted stories, one page anatomy each (wire,
//! broadsheet, WordPress, magazine, live blog, newsletter, picture story,
//! right-to-left, correction, "Most read" lists, byline block, bare text), all
//! invented and written for this repository. Beside each `NAME.txt` in
//! `tests/fixtures/corpus/` is `NAME.expected.json`: the fields a desk editor
//! would file from it. The test scores every field across the corpus, prints
//! the table and fails when any field is right in fewer than 95% of stories.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::path::{Path, PathBuf};

use dateline_core::import::import_bytes;
use dateline_core::Story;
use serde::Deserialize;

/// The share of stories each field must get right.
const PASS_RATE: f64 = 0.95;

/// The fields a desk would file from one paste.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    kicker: String,
    headline: String,
    standfirst: String,
    /// Names only, in order; roles are a matter of house style.
    bylines: Vec<String>,
    dateline_place: String,
    /// `YYYY-MM-DD`, or null when the paste has no date.
    dateline_date: Option<String>,
    /// One per picture, in order (empty for a credit printed alone).
    captions: Vec<String>,
    credits: Vec<String>,
    subheads: Vec<String>,
    related: Vec<String>,
    /// Page furniture that must not be left in the body.
    body_excludes: Vec<String>,
    /// Sentences of the story that must be in the body.
    body_includes: Vec<String>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

/// Every `NAME.txt` in the corpus with its expected fields, by name.
fn corpus() -> Vec<(String, String, Expected)> {
    let mut stories = Vec::new();
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let expected_path = path.with_extension("expected.json");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let expected: Expected = serde_json::from_str(&expected)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        stories.push((name, text, expected));
    }
    stories.sort_by(|a, b| a.0.cmp(&b.0));
    stories
}

fn subheads(story: &Story) -> Vec<String> {
    story
        .body
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .map(str::to_owned)
        .collect()
}

/// One field's verdict on one story: what was read, when it is wrong.
type Verdict = Result<(), String>;

fn same<T: PartialEq + std::fmt::Debug>(got: T, want: T) -> Verdict {
    if got == want {
        Ok(())
    } else {
        Err(format!("got {got:?}, want {want:?}"))
    }
}

/// The fields scored, each as a name and a check of a story against what was expected.
type Check = fn(&Story, &Expected) -> Verdict;

const FIELDS: &[(&str, Check)] = &[
    ("kicker", |s, e| same(&s.kicker, &e.kicker)),
    ("headline", |s, e| same(&s.headline, &e.headline)),
    ("standfirst", |s, e| same(&s.standfirst, &e.standfirst)),
    ("bylines", |s, e| {
        let names: Vec<&str> = s.bylines.iter().map(|b| b.name.as_str()).collect();
        same(names, e.bylines.iter().map(String::as_str).collect())
    }),
    ("dateline place", |s, e| {
        same(&s.dateline.place, &e.dateline_place)
    }),
    ("dateline date", |s, e| {
        let got = s.dateline.date.map(|d| d.to_string());
        same(got, e.dateline_date.clone())
    }),
    ("captions", |s, e| {
        let got: Vec<&str> = s.media.iter().map(|m| m.caption.as_str()).collect();
        same(got, e.captions.iter().map(String::as_str).collect())
    }),
    ("credits", |s, e| {
        let got: Vec<&str> = s.media.iter().map(|m| m.credit.as_str()).collect();
        same(got, e.credits.iter().map(String::as_str).collect())
    }),
    ("subheads", |s, e| same(subheads(s), e.subheads.clone())),
    ("related titles", |s, e| {
        let got: Vec<&str> = s.related.iter().map(|r| r.title.as_str()).collect();
        same(got, e.related.iter().map(String::as_str).collect())
    }),
    ("body free of furniture", |s, e| {
        let left: Vec<&String> = e
            .body_excludes
            .iter()
            .filter(|f| s.body.contains(f.as_str()))
            .collect();
        if left.is_empty() {
            Ok(())
        } else {
            Err(format!("left in the body: {left:?}"))
        }
    }),
    ("body keeps the story", |s, e| {
        let lost: Vec<&String> = e
            .body_includes
            .iter()
            .filter(|f| !s.body.contains(f.as_str()))
            .collect();
        if lost.is_empty() {
            Ok(())
        } else {
            Err(format!("missing from the body: {lost:?}"))
        }
    }),
];

#[test]
fn corpus_stories_are_each_a_page_of_150_to_600_words() {
    let stories = corpus();
    assert!(stories.len() >= 12, "{} stories", stories.len());
    for (name, text, expected) in &stories {
        let words = text.split_whitespace().count();
        assert!((150..=600).contains(&words), "{name}: {words} words");
        assert!(!expected.body_includes.is_empty(), "{name}");
        assert_eq!(expected.captions.len(), expected.credits.len(), "{name}");
    }
}

#[test]
fn corpus_field_accuracy() {
    let stories = corpus();
    let mut correct = vec![0usize; FIELDS.len()];
    let mut misses = Vec::new();
    for (name, text, expected) in &stories {
        let story = match import_bytes(&format!("{name}.txt"), text.as_bytes()) {
            Ok(imported) => imported.story,
            Err(e) => {
                misses.push(format!("{name}: not imported: {e}"));
                continue;
            }
        };
        for (k, (field, check)) in FIELDS.iter().enumerate() {
            match check(&story, expected) {
                Ok(()) => correct[k] += 1,
                Err(why) => misses.push(format!("{name}: {field}: {why}")),
            }
        }
    }

    let total = stories.len();
    println!(
        "\n{:<24} {:>7} {:>5} {:>6}",
        "field", "correct", "total", "%"
    );
    let mut failing = Vec::new();
    for (k, (field, _)) in FIELDS.iter().enumerate() {
        let rate = correct[k] as f64 / total as f64;
        println!(
            "{field:<24} {:>7} {total:>5} {:>5.1}%",
            correct[k],
            rate * 100.0
        );
        if rate < PASS_RATE {
            failing.push(*field);
        }
    }
    for miss in &misses {
        println!("miss: {miss}");
    }
    assert!(
        failing.is_empty(),
        "under {}%: {failing:?}\n{}",
        PASS_RATE * 100.0,
        misses.join("\n")
    );
}
