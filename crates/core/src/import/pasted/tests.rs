//! Whole pastes read into stories: one layout trick per test, and the property
//! that no word of the story is lost.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::classify::{classify, LineKind, Zone};
use super::lines::{clean_line, split_lines};
use super::{dates, labels, parse_pasted};
use crate::Story;

fn captions(story: &Story) -> Vec<(&str, &str, bool)> {
    story
        .media
        .iter()
        .map(|m| (m.caption.as_str(), m.credit.as_str(), m.hero))
        .collect()
}

#[test]
fn a_section_name_over_the_headline_is_its_kicker() {
    let story = parse_pasted(
        "Politics\n\nCouncil approves the river crossing\n\nThe vote ends years of \
         argument.\n\nBy Ann Lee\n\nThe council met on Tuesday.",
    );
    assert_eq!(story.kicker, "Politics");
    assert_eq!(story.headline, "Council approves the river crossing");
    assert_eq!(story.standfirst, "The vote ends years of argument.");
    let story =
        parse_pasted("Khalilzad Resigns\n\nThe envoy quit on Tuesday.\n\nHe gave no reason.");
    assert_eq!(
        story.kicker, "",
        "a short headline over its first paragraph"
    );
    assert_eq!(story.headline, "Khalilzad Resigns");
}

#[test]
fn a_picture_in_the_body_takes_the_line_above_as_caption() {
    let story = parse_pasted(
        "Harbour plan approved\n\nThe council met on Tuesday.\n\nIt voted for the plan.\n\n\
         The old wall at high tide.\nPhoto: Jane Doe/Reuters\n\nWork starts in May.",
    );
    assert_eq!(
        captions(&story),
        [("The old wall at high tide.", "Jane Doe/Reuters", false)]
    );
    assert_eq!(
        story.body,
        "The council met on Tuesday.\n\nIt voted for the plan.\n\nWork starts in May."
    );
}

#[test]
fn a_credit_printed_before_its_caption() {
    let story = parse_pasted(
        "Harbour wall to be rebuilt\n\nImage source, Getty Images\n\n\
         Image caption, The wall after the storm\n\nThe council said on Monday it would \
         rebuild the wall.",
    );
    assert_eq!(
        captions(&story),
        [("The wall after the storm", "Getty Images", true)]
    );
    assert_eq!(
        story.body,
        "The council said on Monday it would rebuild the wall."
    );
}

#[test]
fn a_byline_place_stands_in_for_a_missing_dateline() {
    let story = parse_pasted(
        "Harbour wall to be rebuilt\n\nBy Ann Lee in Lerwick\n\nThe council said it would.",
    );
    assert_eq!(story.bylines.len(), 1);
    assert_eq!(story.bylines[0].name, "Ann Lee");
    assert_eq!(story.dateline.place, "Lerwick");
}

#[test]
fn a_wire_day_without_a_year_takes_the_story_year() {
    let story = parse_pasted(
        "Markets rally into the new year\n\nJanuary 2, 2026\n\n\
         LONDON, Dec 31 (Reuters) - Shares rose on the last day of trading.",
    );
    assert_eq!(story.dateline.place, "LONDON");
    assert_eq!(story.dateline.date, NaiveDate::from_ymd_opt(2025, 12, 31));
    assert_eq!(
        story.publish_at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2026-01-02T00:00:00+00:00")
    );
    assert_eq!(story.body, "Shares rose on the last day of trading.");
}

#[test]
fn timestamps_and_short_lines_in_a_row_are_not_subheads() {
    let story = parse_pasted(
        "Storm hits the coast\n\nThe warning came early.\n\n10:15\n\nSchools closed.\n\n\
         Ferries\nTrains\nBuses\n\nAll were cancelled by noon.",
    );
    assert!(!story.body.contains("## "), "{}", story.body);
}

#[test]
fn markup_in_the_paste_stays_text() {
    let story = parse_pasted(
        "Council row\n\nThe leader wrote <b>no</b> on the form.\n\n# 1 priority, \
         she said, is *housing*.\n\n2025. A hard year.",
    );
    assert_eq!(
        story.body,
        "The leader wrote \\<b>no\\</b> on the form.\n\n\\# 1 priority, she said, is \
         \\*housing\\*.\n\n2025\\. A hard year."
    );
    assert_eq!(
        crate::words::count_words(&story.body),
        17,
        "no word is read as markup"
    );
}

#[test]
fn a_paste_without_a_headline_line_keeps_its_text() {
    let long = "word ".repeat(80);
    let story = parse_pasted(&format!("{long}\n\nA second paragraph."));
    assert_eq!(story.headline, "");
    assert!(story.body.starts_with("word word"));
    assert!(story.body.ends_with("A second paragraph."));
    assert_eq!(parse_pasted("").headline, "");
    assert_eq!(parse_pasted("\n \n\t").body, "");
}

/// Every field a reader or editor sees, as one text to search.
fn story_text(story: &Story) -> String {
    let mut out = vec![
        story.kicker.clone(),
        story.headline.clone(),
        story.standfirst.clone(),
        story.section.clone(),
        story.body.clone(),
        story.dateline.place.clone(),
    ];
    out.extend(story.tags.iter().cloned());
    for b in &story.bylines {
        out.extend([b.name.clone(), b.role.clone()]);
    }
    for m in &story.media {
        out.extend([m.caption.clone(), m.credit.clone()]);
    }
    for r in &story.related {
        out.extend([r.title.clone(), r.url.clone()]);
    }
    out.join("\n").to_lowercase()
}

/// Words that only label a part ("By", "Photo:", "Read more:") and go when
/// the part is filed in its field.
const LABEL_WORDS: &[&str] = &[
    "by",
    "written",
    "words",
    "story",
    "reporting",
    "reported",
    "posted",
    "author",
    "authors",
    "byline",
    "photo",
    "photos",
    "photograph",
    "photographs",
    "picture",
    "pictures",
    "pic",
    "image",
    "credit",
    "credits",
    "ic",
    "source",
    "caption",
    "media",
    "courtesy",
    "of",
    "read",
    "more",
    "also",
    "related",
    "see",
    "tags",
    "topics",
    "filed",
    "under",
    "keywords",
    "tagged",
    "in",
    "and",
];

/// Lines the reader drops whole, by what they are on their own: furniture,
/// breaks, list headings, dates, bylines and reading times (filed as
/// fields), breadcrumbs.
fn dropped_whole(line: &str) -> bool {
    matches!(
        classify(line, Zone::Header),
        LineKind::Furniture
            | LineKind::Break
            | LineKind::RelatedHeading
            | LineKind::TagsHeading
            | LineKind::PageListHeading
            | LineKind::Meta(_)
    ) || labels::breadcrumb(line).is_some()
}

fn alnum_runs(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn lost_words(text: &str) -> Vec<String> {
    let story = parse_pasted(text);
    let hay = story_text(&story);
    let dated = story.publish_at.is_some() || story.dateline.date.is_some();
    let mut lost = Vec::new();
    for raw in split_lines(text) {
        let line = clean_line(raw);
        if line.is_empty() || dropped_whole(&line) {
            continue;
        }
        for word in alnum_runs(&line) {
            let lower = word.to_lowercase();
            let label = LABEL_WORDS.contains(&lower.as_str());
            // A dateline's "Dec 30" is filed as the dateline's date.
            let date_word = dated
                && (word.chars().all(|c| c.is_ascii_digit())
                    || dates::month(word).is_some()
                    || dates::is_weekday(word));
            if !label && !date_word && !hay.contains(&lower) {
                lost.push(format!("{word:?} of {line:?}"));
            }
        }
    }
    lost
}

/// Lines of every kind the reader tells apart, to be shuffled into pastes.
fn tricky_line() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "Newsflash:",
        "EXCLUSIVE",
        "Analysis",
        "Breaking: Council approves the river crossing",
        "News \u{203a} World",
        "4 min read",
        "By Jane Doe",
        "By Jane Doe, Staff reporter",
        "By Tuesday, officials had left.",
        "Updated: 30 Dec 2025, 10:32 GMT",
        "December 30, 2025",
        "Jane Doe | 30 Dec 2025",
        "A ship in the harbour. [IC: X/@handle]",
        "Photo: Jane Doe/Reuters",
        "Getty Images",
        "Image caption, Crews at work",
        "KABUL \u{2014} The envoy arrived on Tuesday.",
        "LONDON, Dec 3 (Reuters) - Prices rose.",
        "Kabul \u{2013} ",
        "The Security Gap",
        "What happens next?",
        "Related Articles",
        "Read more: Port strike ends",
        "Topics",
        "Tags: Ports, Weather",
        "https://example.com/a",
        "\u{2022} A list item",
        "1. A numbered item",
        "# not a heading",
        "* * *",
        "<script>alert(1)</script>",
        "Share this article",
        "Advertisement",
        "Post a comment",
        "\u{a9} 2025 Example. All rights reserved.",
        "\u{201c}We will stay,\u{201d} she said.",
        "",
        "   indented line of text that runs on for a while, as wire copy does",
        "lower-case carry-on of the line above it",
    ])
    .prop_map(str::to_owned);
    prop_oneof![
        3 => fixed,
        1 => "[A-Za-z][a-z]{0,8}( [a-z]{1,8}){0,12}[.?:]?",
        1 => "\\PC{0,40}",
    ]
}

fn paste() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        (
            prop::collection::vec(tricky_line(), 0..30),
            prop::sample::select(vec!["\n", "\n\n", "\r\n", "\n \n"]),
        )
            .prop_map(|(lines, sep)| lines.join(sep)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Total, and every word of a line that is not dropped whole as furniture
    /// or filed as a date, byline or reading time ends up in some field.
    #[test]
    fn words_are_kept_unless_furniture(text in paste()) {
        let story = parse_pasted(&text);
        if !story.headline.trim().is_empty() {
            prop_assert!(story.validate().is_ok(), "{:?}", story.validate());
        }
        let lost = lost_words(&text);
        prop_assert!(lost.is_empty(), "lost {:?}\nfrom {:?}", lost, text);
    }
}
