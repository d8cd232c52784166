//! Pasted web pages and wire copy read into stories: the house fixtures in
//! `tests/fixtures/pasted/` (invented news, one layout each, among them a
//! "Newsflash" web story with the anatomy of the design brief's reference
//! article), and properties that hold for any paste.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use chrono::{DateTime, NaiveDate, Utc};
use dateline_core::import::{import_bytes, parse_pasted};
use dateline_core::Story;
use proptest::collection::vec;
use proptest::prelude::*;

const WEB_ANALYSIS: &str = include_str!("fixtures/pasted/web-analysis.txt");
const WIRE: &str = include_str!("fixtures/pasted/wire.txt");
const MINIMAL: &str = include_str!("fixtures/pasted/minimal.txt");
const WEB_UPDATED: &str = include_str!("fixtures/pasted/web-updated.txt");
const HARD_WRAPPED: &str = include_str!("fixtures/pasted/hard-wrapped.txt");
/// Kicker with a colon, headline, standfirst, "4 min read", the headline again,
/// a caption with an "IC:" credit, a date, a "Place –" dateline, four subheads,
/// a "Related Articles" list and a comment button: the anatomy of the web
/// story the design brief was written around, in words of our own.
const NEWSFLASH: &str = include_str!("fixtures/pasted/newsflash.txt");

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn moment(rfc3339: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(rfc3339)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn paragraphs(story: &Story) -> Vec<&str> {
    story.body.split("\n\n").collect()
}

fn subheads(story: &Story) -> Vec<&str> {
    story
        .body
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .collect()
}

fn related_titles(story: &Story) -> Vec<&str> {
    story.related.iter().map(|r| r.title.as_str()).collect()
}

fn bylines(story: &Story) -> Vec<(&str, &str)> {
    story
        .bylines
        .iter()
        .map(|b| (b.name.as_str(), b.role.as_str()))
        .collect()
}

/// Nothing from the page around the story is left in the body.
fn assert_no_furniture(story: &Story) {
    for furniture in [
        "min read",
        "Share this",
        "Advertisement",
        "Leave a Reply",
        "Post a comment",
        "Post Comment",
        "email address",
        "Subscribe",
        "All rights reserved",
        "Listen to this article",
        "Read more",
        "More on this story",
        "You may also like",
    ] {
        assert!(
            !story.body.contains(furniture),
            "{furniture:?} left in the body:\n{}",
            story.body
        );
    }
}

#[test]
fn web_page_with_kicker_caption_and_related_list() {
    let story = parse_pasted(WEB_ANALYSIS);
    assert_eq!(story.kicker, "Analysis");
    assert_eq!(story.headline, "Lisbon's Tram Gamble: Heritage or Hazard?");
    assert!(story.standfirst.starts_with("The city wants to keep"));
    assert!(story.standfirst.ends_with("mend them."));

    assert_eq!(story.media.len(), 1);
    let hero = &story.media[0];
    assert!(hero.hero);
    assert!(hero.file.is_none());
    assert_eq!(
        hero.caption,
        "A yellow tram climbs the Bica slope shortly after dawn."
    );
    assert_eq!(hero.credit, "Instagram/@lisbon_rails");

    assert_eq!(story.publish_at, moment("2025-11-14T00:00:00Z"));
    assert_eq!(story.dateline.date, day(2025, 11, 14));
    assert_eq!(story.dateline.place, "Lisbon");
    let paras = paragraphs(&story);
    assert!(
        paras[0].starts_with("The city council voted on Thursday"),
        "{}",
        paras[0]
    );

    assert_eq!(
        subheads(&story),
        [
            "The Repair Bill",
            "What Drivers Say",
            "A Question of Identity"
        ]
    );
    assert!(
        paras.contains(&"Nobody was hurt."),
        "a short sentence stays a paragraph"
    );
    assert!(
        paras
            .iter()
            .any(|p| p.starts_with("\u{201C}We love these machines")),
        "quotes stay paragraphs"
    );
    assert_eq!(
        related_titles(&story),
        [
            "Lisbon council approves new cycle lanes along the river",
            "Why Porto retired its last heritage tram line",
            "Tourist tax to fund repairs to historic funiculars",
        ]
    );
    assert!(story
        .related
        .iter()
        .all(|r| r.url.is_empty() && r.summary.is_empty()));
    assert!(
        !story.body.contains("Heritage or Hazard"),
        "the repeated headline is dropped"
    );
    assert!(
        !story.body.contains("Comment"),
        "the comment form is dropped"
    );
    assert_no_furniture(&story);
    assert!(story.bylines.is_empty());
}

#[test]
fn wire_copy_with_byline_photo_credit_and_read_more() {
    let story = parse_pasted(WIRE);
    assert_eq!(story.kicker, "EXCLUSIVE");
    assert_eq!(
        story.headline,
        "Rotterdam halts night shipping after crane collapse at container berth"
    );
    assert_eq!(
        story.standfirst, "",
        "a caption over a credit is not the standfirst"
    );
    assert_eq!(
        bylines(&story),
        [
            ("Maria Okafor", ""),
            ("Tom Lindqvist", ""),
            ("Reuters", "Agency")
        ]
    );
    assert_eq!(story.publish_at, moment("2025-12-03T10:15:00Z"));
    assert_eq!(story.dateline.place, "ROTTERDAM");
    assert_eq!(story.dateline.date, day(2025, 12, 3));

    assert_eq!(story.media.len(), 1);
    assert!(story.media[0].hero);
    assert_eq!(
        story.media[0].caption,
        "A collapsed gantry crane lies across berth seven at the Maasvlakte terminal."
    );
    assert_eq!(story.media[0].credit, "Hanna Berg/Reuters");

    let paras = paragraphs(&story);
    assert!(
        paras[0].starts_with("The Port of Rotterdam suspended"),
        "{}",
        paras[0]
    );
    assert_eq!(
        paras.last().copied(),
        Some("(Reporting by Maria Okafor and Tom Lindqvist; Editing by Ines Duarte)"),
        "the wire's credit line is part of the copy"
    );
    assert!(subheads(&story).is_empty());
    assert_eq!(
        related_titles(&story),
        [
            "Dutch ports brace for winter storms as insurers raise premiums",
            "Antwerp and Rotterdam agree to share berth schedules",
            "How a crane inspection works, step by step",
        ]
    );
    assert_eq!(
        story.related[1].url, "https://www.example.com/ports/berth-schedules",
        "a link under a title is that title's"
    );
    assert_no_furniture(&story);
}

#[test]
fn minimal_story_is_headline_and_paragraphs() {
    let story = parse_pasted(MINIMAL);
    assert_eq!(
        story.headline,
        "Village library reopens after flood repairs"
    );
    assert_eq!(story.kicker, "");
    assert_eq!(
        story.standfirst, "",
        "nothing marks the first paragraph as a standfirst"
    );
    assert!(story.media.is_empty() && story.related.is_empty() && story.bylines.is_empty());
    assert_eq!(story.publish_at, None);
    assert!(story.dateline.is_empty());
    let paras = paragraphs(&story);
    assert_eq!(paras.len(), 3);
    assert!(paras[0].starts_with("The library in Upper Marsh"));
    assert!(paras[2].starts_with('\u{201C}'));
    assert_eq!(story.reading_minutes(), 1);
}

#[test]
fn web_page_with_updated_line_and_share_furniture() {
    let story = parse_pasted(WEB_UPDATED);
    assert_eq!(story.section, "Science");
    assert_eq!(story.kicker, "Breaking");
    assert_eq!(
        story.headline,
        "Survey ship finds lost cable route off the Faroe Islands"
    );
    assert!(story
        .standfirst
        .starts_with("Researchers mapping the seabed"));
    assert_eq!(bylines(&story), [("Priya Raman", "Science correspondent")]);
    // Published wins over Updated.
    assert_eq!(story.publish_at, moment("2025-11-18T00:00:00Z"));
    assert_eq!(story.dateline.date, day(2025, 11, 18));
    assert_eq!(story.dateline.place, "");

    assert_eq!(story.media.len(), 1);
    assert_eq!(
        story.media[0].caption,
        "The survey vessel Nor\u{f0}l\u{fd}si\u{f0} returns to T\u{f3}rshavn harbour."
    );
    assert_eq!(story.media[0].credit, "AFP via Getty Images");

    assert_eq!(
        subheads(&story),
        ["What the team found", "What happens next?"]
    );
    let paras = paragraphs(&story);
    assert!(
        paras[0].starts_with("A survey ship working for"),
        "{}",
        paras[0]
    );
    for kept in [
        "Did the cable still carry a signal?",
        "It did not.",
        "\u{201C}We were lucky,\u{201D} she said.",
    ] {
        assert!(paras.contains(&kept), "{kept:?} stays a paragraph");
    }
    assert!(
        story.body.contains(
            "- The original survey log was destroyed in a fire\n\
             - Storms moved the cable in the 1920s\n\
             - Later charts copied an earlier mistake"
        ),
        "bullets become a Markdown list:\n{}",
        story.body
    );
    assert_eq!(
        story.tags,
        ["Oceans", "Faroe Islands", "History of science"]
    );
    assert_eq!(
        related_titles(&story),
        [
            "Divers map a Viking harbour off Shetland",
            "Why old cables still matter to modern networks",
        ]
    );
    assert_no_furniture(&story);
    for button in ["Facebook", "Email", "Skip to", "\n\nX\n\n"] {
        assert!(!story.body.contains(button), "{button:?}");
    }
}

#[test]
fn hard_wrapped_wire_copy_with_capital_dateline() {
    let story = parse_pasted(HARD_WRAPPED);
    assert_eq!(
        story.headline,
        "Kabul water authority opens reservoir to ease summer shortages"
    );
    assert_eq!(bylines(&story), [("Samir Haddad", "Staff reporter")]);
    assert_eq!(story.publish_at, moment("2025-12-30T09:40:00Z"));
    assert_eq!(story.dateline.place, "KABUL");
    assert_eq!(story.dateline.date, day(2025, 12, 30));
    let paras = paragraphs(&story);
    assert_eq!(
        paras.len(),
        6,
        "wrapped lines join, indents start paragraphs:\n{}",
        story.body
    );
    assert_eq!(
        paras[0],
        "The city's water authority opened a new reservoir on the eastern edge of the \
         capital on Tuesday, saying it would supply about 200,000 households during the \
         dry months when wells in the older districts often run low."
    );
    assert!(paras[1].starts_with("Officials said the reservoir"));
    assert!(paras[1].ends_with("regional development fund."));
    assert_eq!(paras[2], "## Residents wait and see");
    assert!(paras[4].starts_with("\"We have heard of many pipes,\""));
    assert_eq!(paras[5], "(Additional reporting by Laila Noori)");
}

#[test]
fn every_fixture_imports_as_a_valid_draft() {
    for (name, text) in [
        ("web-analysis.txt", WEB_ANALYSIS),
        ("wire.txt", WIRE),
        ("minimal.txt", MINIMAL),
        ("web-updated.txt", WEB_UPDATED),
        ("hard-wrapped.txt", HARD_WRAPPED),
        ("newsflash.txt", NEWSFLASH),
    ] {
        let imported = import_bytes(name, text.as_bytes());
        assert!(imported.is_ok(), "{name}: {imported:?}");
        let story = parse_pasted(text);
        assert!(!story.body.is_empty(), "{name}");
        assert!(story.media.iter().filter(|m| m.hero).count() <= 1, "{name}");
    }
}

/// The lines of a paste as the reader sees them: trimmed, blank ones gone.
fn content_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn newsflash_web_story_of_the_reference_anatomy() {
    let text = NEWSFLASH;
    let lines = content_lines(text);
    let story = parse_pasted(text);

    assert_eq!(story.kicker, "Newsflash");
    assert_eq!(story.headline, lines[1]);
    assert_eq!(story.standfirst, lines[2]);

    assert_eq!(story.media.len(), 1);
    let hero = &story.media[0];
    assert!(hero.hero && hero.file.is_none());
    assert_eq!(hero.credit, "X/@MinEkonomia_AL");
    let caption = lines[5].split(" [IC:").next().map(str::trim);
    assert_eq!(Some(hero.caption.as_str()), caption);

    assert_eq!(story.publish_at, moment("2026-02-11T00:00:00Z"));
    assert_eq!(story.dateline.date, day(2026, 2, 11));
    assert_eq!(story.dateline.place, "Tirana");

    let paras = paragraphs(&story);
    let first = lines[7].split_once(" \u{2013} ").map(|(_, rest)| rest);
    assert_eq!(
        Some(paras[0]),
        first,
        "the dateline leaves the first paragraph"
    );

    let heads = subheads(&story);
    assert_eq!(
        heads,
        [
            "The Port Question",
            "Background: Venn After Brussels",
            "Critics Ask Who Sent Him",
            "What Comes Next"
        ]
    );

    let related_at = lines.iter().position(|l| *l == "Related Articles");
    let related_at = related_at.unwrap_or(lines.len());
    let expected: Vec<&str> = lines.iter().skip(related_at + 1).take(4).copied().collect();
    assert_eq!(related_titles(&story), expected);
    assert!(story
        .related
        .iter()
        .all(|r| r.url.is_empty() && r.summary.is_empty()));

    // Every line of the article between the dateline and the related list is in
    // the body, as a paragraph or a subhead, in order.
    let mut rendered = paras.iter().map(|p| p.strip_prefix("## ").unwrap_or(p));
    for line in &lines[8..related_at] {
        assert!(
            rendered.any(|p| p == *line),
            "{line:?} missing or out of order"
        );
    }

    assert!(
        !story.body.contains(lines[1]),
        "the headline printed again is dropped"
    );
    assert!(!story.body.contains("IC:"), "the caption is not body text");
    assert!(
        !story.body.contains("4 min read") && !story.body.contains("Post a comment"),
        "furniture is dropped"
    );
    assert_no_furniture(&story);

    let words = story.word_count();
    assert!((691..=920).contains(&words), "{words} words");
    assert_eq!(story.reading_minutes(), 4);
    assert!(story.validate().is_ok());
}

/// Lower-case words, so no generated line reads as a label or a name.
fn words(min: usize, max: usize) -> impl Strategy<Value = Vec<String>> {
    vec("[a-z]{2,9}", min..=max)
}

fn sentence(min: usize, max: usize) -> impl Strategy<Value = String> {
    words(min, max).prop_map(|w| {
        let mut s = w.join(" ");
        if let Some(first) = s.get(..1).map(str::to_ascii_uppercase) {
            s.replace_range(..1, &first);
        }
        s.push('.');
        s
    })
}

const FURNITURE: &[&str] = &[
    "Share this article",
    "Advertisement",
    "4 min read",
    "Subscribe",
    "Comments",
    "Listen to this article",
    "Leave a Reply",
];

/// A story laid out as a web page, with furniture dropped in between paragraphs.
fn page() -> impl Strategy<Value = (String, String, Vec<String>, String)> {
    (
        sentence(3, 10).prop_map(|s| s.trim_end_matches('.').to_owned()),
        sentence(8, 25),
        vec(
            (sentence(6, 40), proptest::option::of(0..FURNITURE.len())),
            1..12,
        ),
    )
        .prop_map(|(headline, standfirst, body)| {
            let mut text = format!(
                "Newsflash:\n\n{headline}\n\n{standfirst}\n\nBy Jane Doe\n\nDecember 30, 2025\n\n"
            );
            let mut paras = Vec::new();
            for (para, furniture) in body {
                text.push_str(&para);
                text.push_str("\n\n");
                if let Some(f) = furniture {
                    text.push_str(FURNITURE[f]);
                    text.push_str("\n\n");
                }
                paras.push(para);
            }
            text.push_str(
                "Related Articles\n\nFirst related story\nSecond related story\n\nPost a comment\n",
            );
            (headline, standfirst, paras, text)
        })
}

proptest! {
    #[test]
    fn any_text_gives_a_story(text in any::<String>()) {
        let story = parse_pasted(&text);
        if !story.headline.trim().is_empty() {
            prop_assert!(story.validate().is_ok(), "{:?}", story.validate());
        }
    }

    #[test]
    fn any_lines_give_a_story(lines in vec("[ -~\u{a0}-\u{17f}\u{2013}\u{2014}\u{201c}\u{201d}]{0,60}", 0..40)) {
        let text = lines.join("\n");
        let story = parse_pasted(&text);
        if !story.headline.trim().is_empty() {
            prop_assert!(story.validate().is_ok(), "{:?}", story.validate());
        }
    }

    #[test]
    fn a_page_keeps_every_word_of_its_body((headline, standfirst, paras, text) in page()) {
        let story = parse_pasted(&text);
        prop_assert_eq!(&story.kicker, "Newsflash");
        prop_assert_eq!(&story.headline, &headline);
        prop_assert_eq!(&story.standfirst, &standfirst);
        prop_assert_eq!(bylines(&story), [("Jane Doe", "")]);
        prop_assert_eq!(story.dateline.date, day(2025, 12, 30));
        prop_assert_eq!(paragraphs(&story), paras.iter().map(String::as_str).collect::<Vec<_>>());
        prop_assert_eq!(related_titles(&story), ["First related story", "Second related story"]);
        assert_no_furniture(&story);
    }
}
