//! Property: a story exported to Markdown and imported again is the same story,
//! for every field but ids, internal notes (never exported), the version and
//! the timestamps the library keeps, and the picture files (written beside the
//! Markdown and named in it; the importer stores them again). Text comes back
//! as every way into a story leaves it: control characters out, line ends as
//! `\n` ([`Story::clean_text`]); exports never carry control characters.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use chrono::{DateTime, NaiveDate, Utc};
use dateline_core::export::markdown::to_markdown;
use dateline_core::frontmatter::from_markdown;
use dateline_core::{
    Byline, Dateline, HeadlineVariants, Media, MediaFile, RelatedLink, Status, Story, StoryId,
};
use proptest::prelude::*;
use uuid::Uuid;

/// Any text at all: every Unicode scalar, controls and line ends included.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(any::<char>(), 0..24).prop_map(String::from_iter),
        // Words YAML gives meaning to, and Markdown front-matter fences.
        1 => prop::sample::select(vec![
            "", " ", "null", "~", "true", "no", "0x1F", "1e3", "2025-12-30", "---", "...",
            "- item", "key: value", "# not a comment", "'quoted'", "\"dq\"", "|", ">",
            "&anchor", "*alias", "!tag", "%YAML", "@at", "`tick`", " padded ", "tab\there",
            "line\nbreak", "trailing\n", "\r\n", "\u{feff}bom", "\u{85}nel", "\u{2028}ls",
        ])
        .prop_map(str::to_owned),
    ]
}

fn moment() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_102_444_800, 0u32..1_000_000_000)
        .prop_map(|(s, n)| DateTime::from_timestamp(s, n).unwrap_or_default())
}

fn story() -> impl Strategy<Value = Story> {
    let words = (
        prop::sample::select(Status::ALL.to_vec()),
        text(),
        text(),
        (text(), text(), text()),
        text(),
        text(),
        text(),
        text(),
    );
    let parts = (
        prop::collection::vec((text(), text(), prop::option::of(text())), 0..3),
        (text(), prop::option::of(0i32..80_000)),
        prop::option::of(moment()),
        prop::collection::vec(text(), 0..4),
        text(),
        prop::collection::vec(
            (text(), text(), text(), text(), any::<bool>(), any::<bool>()),
            0..3,
        ),
        prop::collection::vec((text(), text(), text()), 0..3),
    );
    (words, parts).prop_map(
        |(
            (status, kicker, headline, (seo, social, print), standfirst, meta, section, keyphrase),
            (bylines, (place, day), publish_at, tags, body, media, related),
        )| Story {
            status,
            kicker,
            headline,
            headlines: HeadlineVariants { seo, social, print },
            standfirst,
            meta_description: meta,
            bylines: bylines
                .into_iter()
                .map(|(name, role, url)| Byline { name, role, url })
                .collect(),
            dateline: Dateline {
                place,
                date: day.and_then(|d| NaiveDate::from_num_days_from_ce_opt(690_000 + d)),
            },
            publish_at,
            section,
            tags,
            focus_keyphrase: keyphrase,
            body,
            media: media
                .into_iter()
                .map(
                    |(caption, credit, alt_text, rights, hero, has_file)| Media {
                        file: has_file.then(|| MediaFile {
                            hash: "0".repeat(64),
                            file_name: "photo.jpg".into(),
                            mime: "image/jpeg".into(),
                            size: 1,
                        }),
                        caption,
                        credit,
                        alt_text,
                        rights,
                        hero,
                        ..Media::default()
                    },
                )
                .collect(),
            related: related
                .into_iter()
                .map(|(title, url, summary)| RelatedLink {
                    title,
                    url,
                    summary,
                })
                .collect(),
            ..Story::default()
        },
    )
}

/// What the Markdown carries: everything but the library's own bookkeeping,
/// the text cleaned.
fn carried(story: &Story) -> Story {
    let mut s = story.clone();
    s.clean_text();
    s.id = StoryId(Uuid::nil());
    s.notes.clear();
    s.version = 0;
    s.created_at = DateTime::UNIX_EPOCH;
    s.updated_at = DateTime::UNIX_EPOCH;
    // Blank lines around a Markdown body are not part of it.
    s.body = s.body.trim_matches('\n').to_owned();
    for m in &mut s.media {
        m.id = Uuid::nil();
        m.file = None;
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn story_to_markdown_and_back_is_lossless(story in story()) {
        let exported = to_markdown(&story);
        let back = from_markdown(&exported.text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{}", exported.text)))?;
        prop_assert_eq!(carried(&back.story), carried(&story), "{}", exported.text);
        // Each picture with a file names the file written beside the Markdown.
        let named: Vec<String> = back.image_sources.iter().filter(|s| !s.is_empty()).cloned().collect();
        let written: Vec<String> = exported.pictures.iter().map(|p| p.file_name.clone()).collect();
        prop_assert_eq!(named, written);
    }
}
