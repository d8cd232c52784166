//! The first part of the reading: page furniture, a section breadcrumb and the
//! kicker above the headline, then the headline itself.

use crate::{MAX_HEADLINE, MAX_SHORT_FIELD};

use super::classify::{classify, LineKind, Zone};
use super::reader::Reader;
use super::{labels, text};

impl Reader<'_> {
    /// Reads up to and including the headline; gives the index after it.
    pub(super) fn before_headline(&mut self) -> usize {
        let lines = self.lines;
        let text_follows = |i: usize| {
            lines
                .iter()
                .skip(i + 1)
                .take(6)
                .any(|l| matches!(classify(&l.text, Zone::Header), LineKind::Text))
        };
        let mut i = 0;
        while let Some(line) = lines.get(i) {
            let text = line.text.as_str();
            // A known label such as "Comment" is furniture further down; above the
            // headline it is the kicker.
            if self.story.kicker.is_empty() {
                if let Some(kicker) = labels::known_kicker(text).filter(|_| text_follows(i)) {
                    self.story.kicker = kicker;
                    i += 1;
                    continue;
                }
            }
            match classify(text, Zone::Header) {
                LineKind::Furniture | LineKind::Break | LineKind::PageListHeading => {
                    i += 1;
                    continue;
                }
                LineKind::Meta(meta) => {
                    self.absorb(meta);
                    i += 1;
                    continue;
                }
                LineKind::Media(m) => {
                    self.add_media(i, text, m, None, Zone::Header);
                    i += 1;
                    continue;
                }
                _ => {}
            }
            if self.story.kicker.is_empty() {
                if let Some(kicker) = labels::kicker(text).filter(|_| text_follows(i)) {
                    self.story.kicker = kicker;
                    i += 1;
                    continue;
                }
            }
            if self.story.kicker.is_empty() {
                let long_line_follows = lines
                    .iter()
                    .skip(i + 1)
                    .find(|l| !matches!(classify(&l.text, Zone::Header), LineKind::Furniture))
                    .is_some_and(|l| {
                        // Headlines rarely end with a full stop; first paragraphs do.
                        (4..=25).contains(&text::word_count(&l.text))
                            && !l.text.ends_with('.')
                            && text_follows(i + 1)
                    });
                if let Some(label) = labels::section_label(text).filter(|_| long_line_follows) {
                    self.story.kicker = label;
                    i += 1;
                    continue;
                }
            }
            if self.story.section.is_empty() {
                if let Some(section) = labels::breadcrumb(text).filter(|_| text_follows(i)) {
                    if section.chars().count() <= MAX_SHORT_FIELD {
                        self.story.section = section;
                        i += 1;
                        continue;
                    }
                }
            }
            let (kicker, headline) = match labels::inline_kicker(text) {
                Some((kicker, headline)) if self.story.kicker.is_empty() => {
                    (Some(kicker), headline)
                }
                _ => (None, text),
            };
            if headline.chars().count() > MAX_HEADLINE {
                // A paragraph, not a headline: the paste starts with the body.
                return i;
            }
            if let Some(kicker) = kicker {
                self.story.kicker = kicker;
            }
            self.story.headline = headline.to_owned();
            self.headline_key = text::key(headline);
            return i + 1;
        }
        i
    }
}
