//! The third part of the reading: the body's paragraphs, with pictures, breaks,
//! "Related" and tags lists taken out wherever they appear and furniture dropped.

use crate::{MAX_HEADLINE, MAX_LIST};

use super::blocks::Para;
use super::classify::{classify, LineKind, Zone};
use super::media::{self, MediaLine};
use super::reader::{append, Reader};
use super::{dateline, dates, labels, text};

impl Reader<'_> {
    /// Reads the body, from the line after the header to the end of the paste.
    pub(super) fn body(&mut self, start: usize) {
        let lines = self.lines;
        let mut j = start;
        while let Some(line) = lines.get(j) {
            let follows_para = j > 0 && self.last_para_line == Some(j - 1);
            if line.cont && follows_para {
                if let Some(Para::Text(last)) = self.paras.last_mut() {
                    append(last, &line.text);
                    self.last_para_line = Some(j);
                    j += 1;
                    continue;
                }
            }
            if self.is_headline_again(&line.text) {
                j += 1;
                continue;
            }
            match classify(&line.text, Zone::Body) {
                LineKind::Furniture => {}
                LineKind::Break => self.paras.push(Para::Break),
                LineKind::Meta(meta) if meta.is_bare_date() => self.push_text(j, &line.text),
                LineKind::Meta(meta) => self.absorb(meta),
                LineKind::Media(m) => self.body_media(j, m, follows_para),
                LineKind::PageListHeading => {
                    j = self.skip_page_list(j + 1);
                    continue;
                }
                LineKind::RelatedHeading => {
                    j = self.related_list(j + 1);
                    continue;
                }
                LineKind::TagsHeading => {
                    j = self.tags_list(j + 1);
                    continue;
                }
                LineKind::RelatedInline(title) => self.add_related(j, title),
                LineKind::TagsInline(tags) => self.add_tags(&tags),
                LineKind::Text => {
                    // An agency's name set under a short line in the same block
                    // ("Jane Doe/Reuters") credits that line's picture; in a
                    // paragraph of its own it may be a sentence's last words.
                    let under = follows_para && !line.blank_before;
                    match media::parse(&line.text, true).filter(|_| under) {
                        Some(m @ MediaLine::Credit(_)) => self.body_media(j, m, follows_para),
                        _ => self.push_text(j, &line.text),
                    }
                }
            }
            j += 1;
        }
    }

    /// A picture line in the body: a credit takes the short paragraph right
    /// above it as its caption.
    fn body_media(&mut self, j: usize, m: MediaLine, follows_para: bool) {
        let caption_above = match (&m, self.paras.last()) {
            (MediaLine::Credit(_), Some(Para::Text(above)))
                if follows_para && media::caption_sized(above) && !self.caption_follows(j) =>
            {
                match self.paras.pop() {
                    Some(Para::Text(above)) => Some(above),
                    _ => None,
                }
            }
            _ => None,
        };
        if caption_above.is_some() {
            self.last_para_line = None;
        }
        let text = self
            .lines
            .get(j)
            .map(|l| l.text.clone())
            .unwrap_or_default();
        self.add_media(j, &text, m, caption_above, Zone::Body);
    }

    /// Steps over the titles under a "Most read" or "Trending" heading: the
    /// site's list, not this story's. Numbers, dates and furniture between the
    /// titles go too. The list ends at a paragraph (a long line, or one that
    /// ends a sentence), or at a short line with a paragraph right under it,
    /// which is a subhead, unless a list number stands over it; gives the
    /// index after the list.
    fn skip_page_list(&self, from: usize) -> usize {
        let lines = self.lines;
        let mut j = from;
        let mut numbered = false;
        while let Some(line) = lines.get(j) {
            let text = line.text.as_str();
            let number = text
                .trim_end_matches(['.', ')'])
                .chars()
                .all(|c| c.is_ascii_digit());
            let kind = classify(text, Zone::Body);
            match kind {
                LineKind::Furniture | LineKind::Break | LineKind::PageListHeading => {}
                LineKind::Meta(_) | LineKind::Media(_) => {}
                LineKind::RelatedHeading
                | LineKind::TagsHeading
                | LineKind::RelatedInline(_)
                | LineKind::TagsInline(_) => return j,
                LineKind::Text if number => {
                    numbered = true;
                    j += 1;
                    continue;
                }
                LineKind::Text => {
                    let paragraph_next = lines.get(j + 1).is_some_and(|next| {
                        text::ends_sentence(&next.text) && text::word_count(&next.text) > 12
                    });
                    let title_like = text.chars().count() <= MAX_HEADLINE
                        && text::word_count(text) <= 25
                        && !text::ends_sentence(text)
                        && !text.ends_with(':');
                    if !title_like || (paragraph_next && !numbered) {
                        return j;
                    }
                }
            }
            numbered = false;
            j += 1;
        }
        j
    }

    /// Reads the titles under a "Related" heading; gives the index after them.
    /// A list set as one block ends with it; a list of blank-separated lines ends
    /// at the first line too long to be a title.
    fn related_list(&mut self, from: usize) -> usize {
        let lines = self.lines;
        let mut j = from;
        let mut items = 0;
        let mut one_block = None;
        while let Some(line) = lines.get(j) {
            let text = line.text.as_str();
            let apart = one_block == Some(true) && line.blank_before;
            if text::is_url(text) && !apart {
                match self.story.related.last_mut() {
                    Some(last) if items > 0 && last.url.is_empty() => {
                        last.url = text.to_owned();
                        j += 1;
                        continue;
                    }
                    _ => break,
                }
            }
            // Printed under a title: its date, perhaps without a year and after
            // a "Published" label ("3 January"), or a blog's category ("In
            // \"Local News\""). These do not say whether the list goes on.
            let date_label = matches!(text::key(text).as_str(), "published" | "updated" | "posted");
            let under_title = date_label
                || dates::parse_month_day(text).is_some()
                || labels::is_category_label(text);
            if under_title && items > 0 && !apart {
                j += 1;
                continue;
            }
            if items > 0 {
                let block = *one_block.get_or_insert(!line.blank_before);
                if block && line.blank_before {
                    break;
                }
            }
            if under_title {
                j += 1;
                continue;
            }
            match classify(text, Zone::Body) {
                LineKind::Meta(meta) if meta.bylines.is_empty() => {}
                LineKind::Furniture
                | LineKind::Break
                | LineKind::RelatedHeading
                | LineKind::TagsHeading
                | LineKind::PageListHeading
                | LineKind::TagsInline(_) => break,
                LineKind::RelatedInline(title) if self.story.related.len() < MAX_LIST => {
                    self.add_related(j, title);
                    items += 1;
                }
                _ => {
                    let max_words = if one_block == Some(false) { 30 } else { 45 };
                    let title_like = text.chars().count() <= MAX_HEADLINE
                        && text::word_count(text) <= max_words
                        && !text.ends_with(':')
                        && dateline::split(text).is_none()
                        && self.story.related.len() < MAX_LIST;
                    if !title_like {
                        break;
                    }
                    self.add_related(j, text.to_owned());
                    items += 1;
                }
            }
            j += 1;
        }
        j
    }

    /// Reads the topics under a "Tags" heading; gives the index after them. A
    /// short line followed by a paragraph is a subhead, not a topic.
    fn tags_list(&mut self, from: usize) -> usize {
        let lines = self.lines;
        let mut j = from;
        while let Some(line) = lines.get(j) {
            let before_paragraph = lines
                .get(j + 1)
                .is_some_and(|next| text::word_count(&next.text) > 12);
            if before_paragraph || !matches!(classify(&line.text, Zone::Body), LineKind::Text) {
                break;
            }
            let topics: Vec<String> = line
                .text
                .split([',', ';', '|', '\u{b7}', '\u{2022}'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect();
            if topics.is_empty()
                || !topics.iter().all(|t| labels::is_tag(t))
                || self.story.tags.len() + topics.len() > MAX_LIST
            {
                break;
            }
            self.add_tags(&topics);
            j += 1;
        }
        j
    }
}
