//! The second part of the reading: the lines under the headline (standfirst,
//! bylines, dates, "4 min read", the lead picture, the headline printed again),
//! and where they end and the body begins.

use crate::{Byline, MAX_SHORT_FIELD, MAX_STANDFIRST};

use super::blocks::Para;
use super::byline;
use super::classify::{classify, LineKind, Meta, Zone};
use super::media::MediaLine;
use super::reader::{append, Reader};
use super::{dateline, text};

/// Where the text of a plain header line went, so a wrapped line can follow it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Nothing,
    Standfirst,
    Extra,
}

impl Reader<'_> {
    /// Finds where the header ends: at a paragraph opening with a dateline, or
    /// after the last header line (byline, date, picture, reading time, the
    /// headline again) met before three plain paragraphs in a row.
    pub(super) fn header_end(&self, start: usize) -> usize {
        let mut plain_run = 0;
        let mut last_header_line = None;
        for (j, line) in self.lines.iter().enumerate().skip(start).take(40) {
            if line.cont {
                continue;
            }
            if self.is_headline_again(&line.text) {
                last_header_line = Some(j);
                plain_run = 0;
                continue;
            }
            match classify(&line.text, Zone::Header) {
                LineKind::Meta(_) | LineKind::Media(_) => {
                    last_header_line = Some(j);
                    plain_run = 0;
                }
                LineKind::RelatedHeading | LineKind::TagsHeading | LineKind::PageListHeading => {
                    break
                }
                LineKind::Furniture
                | LineKind::Break
                | LineKind::RelatedInline(_)
                | LineKind::TagsInline(_) => {}
                LineKind::Text => {
                    if dateline::split(&line.text).is_some() {
                        return j;
                    }
                    plain_run += 1;
                    if plain_run >= 3 {
                        break;
                    }
                }
            }
        }
        last_header_line.map_or(start, |j| j + 1)
    }

    /// Reads the header lines: the first plain line is the standfirst; a plain
    /// line over a credit is a caption; other plain lines open the body.
    pub(super) fn header(&mut self, start: usize, end: usize) {
        let lines = self.lines;
        let mut extras: Vec<(usize, String)> = Vec::new();
        let mut target = Target::Nothing;
        let mut plain_seen = false;
        // Bylines, dates or pictures already read under the headline.
        let mut facts_seen = false;
        for (j, line) in lines.iter().enumerate().take(end).skip(start) {
            if line.cont && target != Target::Nothing {
                match target {
                    Target::Standfirst => append(&mut self.story.standfirst, &line.text),
                    Target::Extra => {
                        if let Some(last) = extras.last_mut() {
                            append(&mut last.1, &line.text);
                            last.0 = j;
                        }
                    }
                    Target::Nothing => {}
                }
                continue;
            }
            target = Target::Nothing;
            if self.is_headline_again(&line.text) {
                continue;
            }
            match classify(&line.text, Zone::Header) {
                LineKind::Furniture | LineKind::Break | LineKind::PageListHeading => continue,
                LineKind::Meta(meta) => self.absorb(meta),
                LineKind::Text if self.is_name_over_date(j) => {
                    let name = line.text.clone();
                    self.absorb(Meta {
                        bylines: vec![Byline {
                            name,
                            role: String::new(),
                            url: None,
                        }],
                        ..Meta::default()
                    });
                }
                LineKind::Media(m) => {
                    // A credit right under a plain line: that line was the caption.
                    let caption_above = match (&m, extras.last()) {
                        (MediaLine::Credit(_), Some((k, _)))
                            if k + 1 == j && !self.caption_follows(j) =>
                        {
                            extras.pop().map(|(_, text)| text)
                        }
                        _ => None,
                    };
                    self.add_media(j, &line.text, m, caption_above, Zone::Header);
                }
                LineKind::RelatedInline(title) => self.add_related(j, title),
                LineKind::TagsInline(tags) => self.add_tags(&tags),
                LineKind::RelatedHeading | LineKind::TagsHeading | LineKind::Text => {
                    // Over a credit, a line is a caption, unless it sits where the
                    // standfirst does: straight under the headline, apart from the credit.
                    let caption = lines.get(j + 1).is_some_and(|next| {
                        (facts_seen || !next.blank_before)
                            && matches!(
                                classify(&next.text, Zone::Header),
                                LineKind::Media(MediaLine::Credit(_))
                            )
                    });
                    if !plain_seen
                        && !caption
                        && self.story.standfirst.is_empty()
                        && standfirst_ok(&line.text)
                    {
                        self.story.standfirst = line.text.clone();
                        target = Target::Standfirst;
                    } else {
                        extras.push((j, line.text.clone()));
                        target = Target::Extra;
                    }
                    plain_seen |= !caption;
                    continue;
                }
            }
            facts_seen = true;
        }
        if self.story.standfirst.chars().count() > MAX_STANDFIRST {
            let long = std::mem::take(&mut self.story.standfirst);
            extras.insert(0, (start, long));
        }
        for (j, text) in extras {
            self.paras.push(Para::Text(text));
            self.last_para_line = Some(j);
        }
    }

    /// A name alone on its line, right over a date line ("Marco Bellandi" then
    /// "Published 22 April 2026"): a byline printed without "By".
    fn is_name_over_date(&self, j: usize) -> bool {
        let Some(text) = self.lines.get(j).map(|l| l.text.as_str()) else {
            return false;
        };
        let dated = self.lines.get(j + 1).is_some_and(|next| {
            matches!(
                classify(&next.text, Zone::Header),
                LineKind::Meta(meta) if !meta.dates.is_empty() && meta.bylines.is_empty()
            )
        });
        dated
            && (2..=4).contains(&text::word_count(text))
            && text.chars().count() <= MAX_SHORT_FIELD
            && byline::is_name(text)
    }
}

fn standfirst_ok(text: &str) -> bool {
    // A line of two or three words under a headline is a name or a label.
    (4..=60).contains(&text::word_count(text))
        && text.chars().count() <= MAX_STANDFIRST
        && !text.ends_with(':')
        && dateline::split(text).is_none()
}
