//! What one line is, judged on its own: furniture, a section break, header facts
//! (bylines, dates, a reading time), a picture's caption or credit, a "Related"
//! or tags heading, or the story's own text.

use crate::Byline;

use super::dates::{self, DateRole, FoundDate};
use super::media::{self, MediaLine};
use super::{byline, furniture, labels, text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Zone {
    Header,
    Body,
}

/// What one line is, judged on its own.
pub(super) enum LineKind {
    Furniture,
    /// "* * *": a section break in the body.
    Break,
    Meta(Meta),
    Media(MediaLine),
    RelatedHeading,
    RelatedInline(String),
    TagsHeading,
    TagsInline(Vec<String>),
    /// "Most read", "Trending": the heading of the site's own list of stories.
    PageListHeading,
    Text,
}

/// Bylines, dates and a reading time found on one line ("By Jane Doe | 30 Dec 2025").
#[derive(Default)]
pub(super) struct Meta {
    pub bylines: Vec<Byline>,
    pub dates: Vec<FoundDate>,
    pub place: Option<String>,
    pub read_time: bool,
}

impl Meta {
    /// Only an unlabelled date: in the body that may be the story's own line
    /// (a live page's timestamp), so it is kept as text there.
    pub(super) fn is_bare_date(&self) -> bool {
        self.bylines.is_empty()
            && !self.read_time
            && self.dates.iter().all(|d| d.role == DateRole::Plain)
    }
}

/// Judges one line on its own. In the header an unlabelled agency name
/// ("Getty Images") is a picture credit; in the body it may end a sentence.
pub(super) fn classify(line: &str, zone: Zone) -> LineKind {
    if !line.chars().any(char::is_alphanumeric) {
        return if furniture::is_break(line) {
            LineKind::Break
        } else {
            LineKind::Furniture
        };
    }
    // Furniture, headings and labels are short; long lines are the story's own.
    if line.len() <= 200 {
        let k = text::key(line);
        if furniture::is_page_list_heading(&k) {
            return LineKind::PageListHeading;
        }
        if furniture::is_post_link(line) || furniture::is_furniture_key(&k) {
            return LineKind::Furniture;
        }
        if labels::is_related_heading(&k) {
            return LineKind::RelatedHeading;
        }
        if labels::is_tags_heading(&k) {
            return LineKind::TagsHeading;
        }
    }
    if let Some(title) = labels::related_inline(line) {
        return LineKind::RelatedInline(title.to_owned());
    }
    if let Some(tags) = labels::tags_inline(line) {
        return LineKind::TagsInline(tags);
    }
    if let Some(tags) = labels::filed_in(line) {
        return if tags.is_empty() {
            LineKind::Furniture
        } else {
            LineKind::TagsInline(tags)
        };
    }
    if furniture::is_promo(line) {
        return LineKind::Furniture;
    }
    if dates::is_month_year(line) {
        // An issue date ("March 2026"): no day to file, and no words of the story.
        return LineKind::Meta(Meta::default());
    }
    if let Some(kind) = parts(line) {
        return kind;
    }
    if let Some(m) = media::parse(line, zone == Zone::Header) {
        return LineKind::Media(m);
    }
    LineKind::Text
}

/// A line of header facts, perhaps several set side by side: "By Jane Doe |
/// Updated: 30 Dec 2025 · 4 min read". Every part must be one, or the line is text.
fn parts(line: &str) -> Option<LineKind> {
    if line.len() > 200 {
        return None;
    }
    let mut meta = Meta::default();
    let mut names = Vec::new();
    let mut furniture_parts = 0;
    for part in line
        .split(['|', '\u{b7}', '\u{2022}'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if furniture::is_read_time(part) {
            meta.read_time = true;
        } else if let Some(date) = dates::parse_date_line(part) {
            meta.dates.push(date);
        } else if let Some(found) = byline::parse(part) {
            meta.bylines.extend(found.bylines);
            meta.place = meta.place.or(found.place);
        } else if let Some((date, found)) = date_by_name(part) {
            meta.dates.push(date);
            meta.bylines.extend(found.bylines);
            meta.place = meta.place.or(found.place);
        } else if let Some(place) = byline::reporting_from(part) {
            meta.place = Some(place);
        } else if part.len() < line.len() && furniture::is_furniture(part) {
            // (The whole line was looked up as furniture already.)
            furniture_parts += 1;
        } else if byline::is_name(part) && (2..=4).contains(&text::word_count(part)) {
            // "Jane Doe | 30 Dec 2025": a name beside a date is a byline.
            names.push(part);
        } else {
            return None;
        }
    }
    if !names.is_empty() {
        if meta.dates.is_empty() {
            return None;
        }
        meta.bylines.extend(names.into_iter().map(|name| Byline {
            name: name.to_owned(),
            role: String::new(),
            url: None,
        }));
    }
    if meta.read_time || !meta.dates.is_empty() || !meta.bylines.is_empty() || meta.place.is_some()
    {
        Some(LineKind::Meta(meta))
    } else if furniture_parts > 0 {
        Some(LineKind::Furniture)
    } else {
        None
    }
}

/// "Posted on March 3, 2026 by Dana Whitfield": a blog's date and author in
/// one sentence-shaped line.
fn date_by_name(part: &str) -> Option<(FoundDate, byline::FoundBylines)> {
    let (when, who) = part.rsplit_once(" by ")?;
    let date = dates::parse_date_line(when)?;
    let found = byline::parse(&format!("By {}", who.trim()))?;
    Some((date, found))
}
