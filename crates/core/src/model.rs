//! The parts of a news story, as a desk names them.
//!
//! A [`Story`] holds everything a reporter types and an editor checks. What can be
//! derived (word count, reading time) is computed, never stored by hand.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::status::Status;
use crate::text;

/// A story's identity: a UUID v7, so ids sort by creation time.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(pub Uuid);

impl StoryId {
    pub fn new() -> Self {
        Self(Uuid::now_v7())
    }

    /// Parses a full id, giving a sentence a user can act on when it is not one.
    pub fn parse(text: &str) -> Result<Self, crate::ModelError> {
        Uuid::parse_str(text.trim())
            .map(Self)
            .map_err(|_| crate::ModelError::BadValue {
                field: "id".into(),
                message: format!("{text:?} is not a story id"),
            })
    }
}

impl Default for StoryId {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Display for StoryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The headline variants a desk writes besides the main one. Empty means "use the
/// main headline".
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HeadlineVariants {
    /// The `<title>` and search-result headline.
    pub seo: String,
    /// The headline shared on social networks.
    pub social: String,
    /// The headline set in the printed edition.
    pub print: String,
}

/// One author or contributor credited on the story.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Byline {
    pub name: String,
    /// "Staff reporter", "Additional reporting", "Photographer"...
    pub role: String,
    pub url: Option<String>,
}

/// Where and when the story was filed: rendered at the start of the body ("KABUL –").
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dateline {
    pub place: String,
    pub date: Option<NaiveDate>,
}

impl Dateline {
    pub fn is_empty(&self) -> bool {
        self.place.is_empty() && self.date.is_none()
    }
}

/// The stored file behind a picture: its bytes live once in the library, by hash.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaFile {
    /// SHA-256 of the bytes, lower-case hex.
    pub hash: String,
    pub file_name: String,
    pub mime: String,
    pub size: u64,
}

/// A picture with everything a caption desk needs. `file` is `None` when the
/// picture is known (say, from a pasted caption) but its file is missing.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Media {
    pub id: Uuid,
    pub file: Option<MediaFile>,
    pub caption: String,
    /// Who to credit: "Photo: Jane Doe/Agency", "X/@handle".
    pub credit: String,
    pub alt_text: String,
    /// Usage rights or restrictions ("Handout, editorial use only").
    pub rights: String,
    /// The lead picture shown above the story.
    pub hero: bool,
}

impl Default for Media {
    fn default() -> Self {
        Self {
            id: Uuid::now_v7(),
            file: None,
            caption: String::new(),
            credit: String::new(),
            alt_text: String::new(),
            rights: String::new(),
            hero: false,
        }
    }
}

/// A "Related" link under the story; its order is its place in the list.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RelatedLink {
    pub title: String,
    /// Empty while the link is not known yet (a pasted "Related Articles" list).
    pub url: String,
    pub summary: String,
}

/// A comment on the story: internal, never in the preview or any export.
/// Anchored to words of a field (the body, the headline, a caption...) or to
/// the story as a whole; it stays on its words while anyone edits around them
/// (see [`crate::review::anchor`]).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Note {
    pub id: Uuid,
    pub author: String,
    pub text: String,
    /// The words the comment is about, when it is about some.
    pub anchor: Option<Anchor>,
    pub created_at: DateTime<Utc>,
    /// The conversation under the comment, oldest first.
    pub replies: Vec<Reply>,
    /// Who marked the comment done, and when.
    pub resolved: Option<Signature>,
}

impl Default for Note {
    fn default() -> Self {
        Self {
            id: Uuid::now_v7(),
            author: String::new(),
            text: String::new(),
            anchor: None,
            created_at: Utc::now(),
            replies: Vec::new(),
            resolved: None,
        }
    }
}

/// Where a comment sits: the W3C Web Annotation TextQuoteSelector (`exact`
/// with a little `prefix` and `suffix` context) and TextPositionSelector
/// (`start`..`end`, UTF-8 byte offsets into the field's text).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Anchor {
    /// The text commented on, by [`crate::review::fields`] name: `body`,
    /// `headline`, `standfirst`, `caption:<media id>`...
    pub field: String,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub start: usize,
    pub end: usize,
    /// The quoted words are no longer in the field ("text removed"): the
    /// comment is kept, and found again if the words come back.
    pub removed: bool,
}

impl Default for Anchor {
    fn default() -> Self {
        Self {
            field: "body".into(),
            exact: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            start: 0,
            end: 0,
            removed: false,
        }
    }
}

/// An answer in a comment's thread.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reply {
    pub id: Uuid,
    pub author: String,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

impl Default for Reply {
    fn default() -> Self {
        Self {
            id: Uuid::now_v7(),
            author: String::new(),
            text: String::new(),
            created_at: Utc::now(),
        }
    }
}

/// Who did something, and when.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A proposed new value for a field other than the body (the body carries
/// its suggestions inline as CriticMarkup, see [`crate::review::critic`]).
/// Accepting it sets the field; rejecting it drops it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Suggestion {
    pub id: Uuid,
    /// The field, by [`crate::review::fields`] name.
    pub field: String,
    /// The value the field had when the suggestion was made.
    pub original: String,
    pub proposed: String,
    pub author: String,
    pub created_at: DateTime<Utc>,
    /// Left by a merge in which both sides changed the field: `proposed` is
    /// the other side's value, the field keeps this side's.
    pub conflict: bool,
}

impl Default for Suggestion {
    fn default() -> Self {
        Self {
            id: Uuid::now_v7(),
            field: String::new(),
            original: String::new(),
            proposed: String::new(),
            author: String::new(),
            created_at: Utc::now(),
            conflict: false,
        }
    }
}

/// What kind of note a [`Correction`] is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionKind {
    /// Something the story got wrong, put right.
    #[default]
    Correction,
    /// Something that happened since the story was first published.
    Update,
    /// Something the story said that could be misread.
    Clarification,
}

impl CorrectionKind {
    /// The label readers see before the note ("Correction").
    pub fn label(self) -> &'static str {
        match self {
            CorrectionKind::Correction => "Correction",
            CorrectionKind::Update => "Update",
            CorrectionKind::Clarification => "Clarification",
        }
    }

    /// The name ANS gives it in `correction_type`.
    pub fn as_str(self) -> &'static str {
        match self {
            CorrectionKind::Correction => "correction",
            CorrectionKind::Update => "update",
            CorrectionKind::Clarification => "clarification",
        }
    }
}

/// A public note on a story already published: shown under the story, sent
/// with the update to the CMS, and carried in every export.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Correction {
    pub kind: CorrectionKind,
    pub text: String,
    pub at: DateTime<Utc>,
}

impl Default for Correction {
    fn default() -> Self {
        Self {
            kind: CorrectionKind::Correction,
            text: String::new(),
            at: Utc::now(),
        }
    }
}

/// One news story, every part of it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Story {
    pub id: StoryId,
    pub status: Status,
    /// The short label above the headline ("Newsflash", "Analysis").
    pub kicker: String,
    pub headline: String,
    pub headlines: HeadlineVariants,
    /// The deck under the headline.
    pub standfirst: String,
    /// The search-engine summary (120–156 characters reads best).
    pub meta_description: String,
    pub bylines: Vec<Byline>,
    pub dateline: Dateline,
    pub publish_at: Option<DateTime<Utc>>,
    /// Not to be published before this time: exports carry it, and a CMS
    /// keeps the post a draft or schedules it for then.
    pub embargo_until: Option<DateTime<Utc>>,
    pub section: String,
    pub tags: Vec<String>,
    pub focus_keyphrase: String,
    /// CommonMark with tables, footnotes and smart punctuation.
    pub body: String,
    pub media: Vec<Media>,
    pub related: Vec<RelatedLink>,
    /// Comments (internal notes), never exported.
    pub notes: Vec<Note>,
    /// Proposed changes to fields other than the body.
    pub suggestions: Vec<Suggestion>,
    /// Public corrections and updates, oldest first.
    pub corrections: Vec<Correction>,
    /// Optimistic-concurrency version: bumped by every save in the library.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Default for Story {
    fn default() -> Self {
        let now = Utc::now();
        Self {
            id: StoryId::new(),
            status: Status::Draft,
            kicker: String::new(),
            headline: String::new(),
            headlines: HeadlineVariants::default(),
            standfirst: String::new(),
            meta_description: String::new(),
            bylines: Vec::new(),
            dateline: Dateline::default(),
            publish_at: None,
            embargo_until: None,
            section: String::new(),
            tags: Vec::new(),
            focus_keyphrase: String::new(),
            body: String::new(),
            media: Vec::new(),
            related: Vec::new(),
            notes: Vec::new(),
            suggestions: Vec::new(),
            corrections: Vec::new(),
            version: 0,
            created_at: now,
            updated_at: now,
        }
    }
}

impl Story {
    /// A fresh draft with the given headline.
    pub fn new(headline: impl Into<String>) -> Self {
        Self {
            headline: headline.into(),
            ..Self::default()
        }
    }

    /// Words in the body as a reader counts them (markup not counted).
    pub fn word_count(&self) -> usize {
        crate::words::count_words(&self.body)
    }

    /// "N min read", rounded up as news sites do.
    pub fn reading_minutes(&self) -> usize {
        crate::words::reading_minutes(self.word_count())
    }

    /// The picture shown above the story: the one marked hero, else none.
    pub fn hero(&self) -> Option<&Media> {
        self.media.iter().find(|m| m.hero)
    }

    /// The story as `show --json` prints it: every field plus the derived ones.
    pub fn document(&self) -> StoryDocument<'_> {
        StoryDocument {
            story: self,
            word_count: self.word_count(),
            reading_minutes: self.reading_minutes(),
        }
    }
}

/// Calls `$visit` on every text field of a story except the body, each as
/// `&String` or, with `mut`, as `&mut String`: one list of fields for both
/// the check and the cleaning, so neither can miss a field the other sees.
macro_rules! each_text_field {
    ($story:expr, $visit:expr $(, $m:tt)?) => {{
        let story = $story;
        let mut visit = $visit;
        visit(& $($m)? story.kicker);
        visit(& $($m)? story.headline);
        visit(& $($m)? story.headlines.seo);
        visit(& $($m)? story.headlines.social);
        visit(& $($m)? story.headlines.print);
        visit(& $($m)? story.standfirst);
        visit(& $($m)? story.meta_description);
        visit(& $($m)? story.dateline.place);
        visit(& $($m)? story.section);
        visit(& $($m)? story.focus_keyphrase);
        for tag in & $($m)? story.tags {
            visit(tag);
        }
        for byline in & $($m)? story.bylines {
            visit(& $($m)? byline.name);
            visit(& $($m)? byline.role);
            if let Some(url) = & $($m)? byline.url {
                visit(url);
            }
        }
        for media in & $($m)? story.media {
            visit(& $($m)? media.caption);
            visit(& $($m)? media.credit);
            visit(& $($m)? media.alt_text);
            visit(& $($m)? media.rights);
            if let Some(file) = & $($m)? media.file {
                visit(& $($m)? file.file_name);
                visit(& $($m)? file.mime);
            }
        }
        for link in & $($m)? story.related {
            visit(& $($m)? link.title);
            visit(& $($m)? link.url);
            visit(& $($m)? link.summary);
        }
        for note in & $($m)? story.notes {
            visit(& $($m)? note.author);
            visit(& $($m)? note.text);
            if let Some(anchor) = & $($m)? note.anchor {
                visit(& $($m)? anchor.exact);
                visit(& $($m)? anchor.prefix);
                visit(& $($m)? anchor.suffix);
            }
            for reply in & $($m)? note.replies {
                visit(& $($m)? reply.author);
                visit(& $($m)? reply.text);
            }
        }
        for suggestion in & $($m)? story.suggestions {
            visit(& $($m)? suggestion.original);
            visit(& $($m)? suggestion.proposed);
            visit(& $($m)? suggestion.author);
        }
        for correction in & $($m)? story.corrections {
            visit(& $($m)? correction.text);
        }
    }};
}

impl Story {
    /// Applies [`text::clean`] to every text field of the story: headlines, kicker,
    /// standfirst, body, bylines, dateline, section, tags, pictures (caption,
    /// credit, alt text, rights, file name and type), related links and notes.
    /// Notes anchored to the body keep pointing at the same words. `true` when
    /// anything changed.
    pub fn clean_text(&mut self) -> bool {
        let mut changed = false;
        if text::needs_cleaning(&self.body) {
            for note in &mut self.notes {
                if let Some(anchor) = note.anchor.as_mut().filter(|a| a.field == "body") {
                    anchor.start = text::cleaned_offset(&self.body, anchor.start);
                    anchor.end = text::cleaned_offset(&self.body, anchor.end);
                }
            }
            changed |= text::clean_in_place(&mut self.body);
        }
        each_text_field!(
            self,
            |field: &mut String| changed |= text::clean_in_place(field),
            mut
        );
        changed
    }

    /// The story with its text cleaned, borrowed (no copy) when it is clean
    /// already. Every output starts from this, so a story that reached the
    /// model without passing [`Story::clean_text`] still leaves without
    /// control characters.
    pub fn cleaned(&self) -> Cow<'_, Story> {
        let mut dirty = text::needs_cleaning(&self.body);
        each_text_field!(self, |field: &String| dirty |= text::needs_cleaning(field));
        if !dirty {
            return Cow::Borrowed(self);
        }
        let mut story = self.clone();
        story.clean_text();
        Cow::Owned(story)
    }
}

/// A story with its derived figures, for output.
#[derive(Debug, Serialize)]
pub struct StoryDocument<'a> {
    #[serde(flatten)]
    pub story: &'a Story,
    pub word_count: usize,
    pub reading_minutes: usize,
}

/// What a library list shows of a story: enough for a row, not the body.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorySummary {
    pub id: StoryId,
    pub status: Status,
    pub kicker: String,
    pub headline: String,
    pub section: String,
    pub word_count: usize,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    /// Where the story stands in an offline review, for the list: "From Ada
    /// Reyes, for review", "Returned by Ada Reyes", "Sent for review", or
    /// empty.
    #[serde(default)]
    pub review: String,
    /// The sites the story was sent to, by target name.
    #[serde(default)]
    pub sent_to: Vec<String>,
    /// How many pushes of it wait in the outbox.
    #[serde(default)]
    pub queued: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_a_story_is_cleaned() {
        let dirty = "x\u{0}\r\ny\u{1b}";
        let mut s = Story::new(dirty);
        s.body = format!("Before{dirty} the words. After");
        s.notes.push(Note {
            author: dirty.into(),
            text: dirty.into(),
            anchor: Some(Anchor {
                start: s.body.find("the words").unwrap_or(0),
                end: s.body.find(". After").unwrap_or(0),
                ..Anchor::default()
            }),
            ..Note::default()
        });
        for f in [
            &mut s.kicker,
            &mut s.headlines.seo,
            &mut s.headlines.social,
            &mut s.headlines.print,
            &mut s.standfirst,
            &mut s.meta_description,
            &mut s.dateline.place,
            &mut s.section,
            &mut s.focus_keyphrase,
        ] {
            *f = dirty.into();
        }
        s.tags.push(dirty.into());
        s.bylines.push(Byline {
            name: dirty.into(),
            role: dirty.into(),
            url: Some(format!("https://x.example/{dirty}")),
        });
        s.media.push(Media {
            caption: dirty.into(),
            credit: dirty.into(),
            alt_text: dirty.into(),
            rights: dirty.into(),
            file: Some(MediaFile {
                hash: "ab".into(),
                file_name: dirty.into(),
                mime: dirty.into(),
                size: 1,
            }),
            ..Media::default()
        });
        s.related.push(RelatedLink {
            title: dirty.into(),
            url: dirty.into(),
            summary: dirty.into(),
        });
        assert!(matches!(s.cleaned(), Cow::Owned(_)));
        assert!(s.clean_text());
        let json = serde_json::to_string(&s).unwrap_or_default();
        assert!(
            !json.contains("\\u0000") && !json.contains("\\r") && !json.contains("\\u001b"),
            "{json}"
        );
        // Every text field: 11 of the story's own, a tag, 3 of the byline, 6
        // of the picture, 3 of the related link and 2 of the note.
        assert_eq!(json.matches("x\\ny").count(), 26, "{json}");
        let anchor = s.notes[0].anchor.clone().unwrap_or_default();
        assert_eq!(&s.body[anchor.start..anchor.end], "the words");
        assert!(!s.clean_text(), "cleaning twice changes nothing");
        assert!(matches!(s.cleaned(), Cow::Borrowed(_)));
    }
}
