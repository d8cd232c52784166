//! The reader's state as it goes down the lines, and the steps every part of the
//! reading shares: filing bylines and dates, pictures, related links and tags.

use crate::{Media, RelatedLink, Story, MAX_LIST, MAX_SHORT_FIELD};

use super::blocks::Para;
use super::classify::{classify, LineKind, Meta, Zone};
use super::dates::FoundDate;
use super::lines::Line;
use super::media::MediaLine;
use super::text;

/// What has been read so far. Each part of the reading (headline, header, body,
/// finish) is an `impl` of it in its own file.
pub(super) struct Reader<'a> {
    pub lines: &'a [Line],
    pub story: Story,
    /// The headline as [`text::key`] gives it, to spot it printed again.
    pub headline_key: String,
    pub dates: Vec<FoundDate>,
    /// "By Jane Doe in Kabul": the place, for a story with no dateline.
    pub byline_place: Option<String>,
    pub paras: Vec<Para>,
    /// The line that gave the last paragraph: a wrapped line joins it, a credit
    /// line under it makes it a caption.
    pub last_para_line: Option<usize>,
    pub last_media_line: Option<usize>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(lines: &'a [Line]) -> Self {
        Self {
            lines,
            story: Story::default(),
            headline_key: String::new(),
            dates: Vec::new(),
            byline_place: None,
            paras: Vec::new(),
            last_para_line: None,
            last_media_line: None,
        }
    }

    /// Whether a line is the headline printed again (pages repeat it over the
    /// lead picture).
    pub(super) fn is_headline_again(&self, text: &str) -> bool {
        !self.headline_key.is_empty()
            && text.len() <= self.story.headline.len() * 2 + 8
            && text::key(text) == self.headline_key
    }

    /// Whether a labelled caption comes next ("Image source, ..." then "Image
    /// caption, ..."): then a credit belongs to it, not to the line above.
    pub(super) fn caption_follows(&self, j: usize) -> bool {
        self.lines.get(j + 1).is_some_and(|next| {
            matches!(
                classify(&next.text, Zone::Body),
                LineKind::Media(MediaLine::Caption(_))
            )
        })
    }

    /// Adds a paragraph read from line `j`.
    pub(super) fn push_text(&mut self, j: usize, text: &str) {
        self.paras.push(Para::Text(text.to_owned()));
        self.last_para_line = Some(j);
    }

    /// Files the bylines, dates and place of a header-facts line.
    pub(super) fn absorb(&mut self, meta: Meta) {
        for byline in meta.bylines {
            let known = self.story.bylines.iter().any(|b| b.name == byline.name);
            let fits = byline.name.chars().count() <= MAX_SHORT_FIELD
                && byline.role.chars().count() <= MAX_SHORT_FIELD;
            if !known && fits && self.story.bylines.len() < MAX_LIST {
                self.story.bylines.push(byline);
            }
        }
        self.dates.extend(meta.dates);
        if self.byline_place.is_none() {
            self.byline_place = meta.place;
        }
    }

    pub(super) fn add_media(
        &mut self,
        j: usize,
        line: &str,
        m: MediaLine,
        caption_above: Option<String>,
        zone: Zone,
    ) {
        let adjacent = j > 0 && self.last_media_line == Some(j - 1);
        self.last_media_line = Some(j);
        let media = &mut self.story.media;
        match m {
            MediaLine::Credit(credit) if caption_above.is_none() && adjacent => {
                if let Some(last) = media.last_mut().filter(|m| m.credit.is_empty()) {
                    last.credit = credit;
                    return;
                }
                self.new_media(j, line, caption_above.unwrap_or_default(), credit, zone);
            }
            MediaLine::Credit(credit) => {
                self.new_media(j, line, caption_above.unwrap_or_default(), credit, zone);
            }
            MediaLine::Caption(caption) => {
                if adjacent {
                    if let Some(last) = media.last_mut().filter(|m| m.caption.is_empty()) {
                        last.caption = caption;
                        return;
                    }
                }
                self.new_media(j, line, caption, String::new(), zone);
            }
            MediaLine::Captioned { caption, credit } => {
                self.new_media(j, line, caption, credit, zone);
            }
        }
    }

    fn new_media(&mut self, j: usize, line: &str, caption: String, credit: String, zone: Zone) {
        if self.story.media.len() >= MAX_LIST {
            // A paste with hundreds of pictures: keep the words as text.
            self.push_text(j, line);
            return;
        }
        // The first picture in the header is the lead picture.
        let hero = zone == Zone::Header && !self.story.media.iter().any(|m| m.hero);
        self.story.media.push(Media {
            caption,
            credit,
            hero,
            ..Media::default()
        });
    }

    pub(super) fn add_related(&mut self, j: usize, title: String) {
        if self.story.related.len() >= MAX_LIST {
            self.push_text(j, &title);
            return;
        }
        self.story.related.push(RelatedLink {
            title,
            url: String::new(),
            summary: String::new(),
        });
    }

    pub(super) fn add_tags(&mut self, tags: &[String]) {
        for tag in tags {
            if self.story.tags.len() < MAX_LIST && !self.story.tags.contains(tag) {
                self.story.tags.push(tag.clone());
            }
        }
    }
}

/// Joins a hard-wrapped line to the text before it; a word broken at a hyphen
/// ("well-" / "known") is joined without a space.
pub(super) fn append(to: &mut String, line: &str) {
    let hyphenated = to.ends_with('-')
        && to.chars().rev().nth(1).is_some_and(char::is_alphabetic)
        && text::starts_lower(line);
    if !hyphenated && !to.is_empty() {
        to.push(' ');
    }
    to.push_str(line);
}
