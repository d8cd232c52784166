//! Word counts and reading time, as a reader experiences the text.

use pulldown_cmark::{Event, Parser, TagEnd};

/// Reading speed used for "N min read". 230 words a minute is a common figure for
/// adults reading news on screen; the result is rounded up, as news sites do.
pub const WORDS_PER_MINUTE: usize = 230;

/// Counts the words a reader sees in Markdown: link targets, markup and code fences
/// are not words. Lines opening more lists or quotes than a page shows are
/// read flattened, as the page shows them ([`crate::text::flatten_markers`]).
pub fn count_words(markdown: &str) -> usize {
    let (markdown, _) = crate::text::flatten_markers(markdown);
    let mut counter = WordCounter::default();
    for event in Parser::new_ext(&markdown, crate::text::MARKDOWN) {
        counter.see(&event);
    }
    counter.count()
}

/// Counts words event by event, so a pass that parses the body for
/// another reason (rendering it) counts them on the way, as
/// [`count_words`] does.
#[derive(Debug, Default)]
pub(crate) struct WordCounter {
    count: usize,
    in_word: bool,
}

impl WordCounter {
    pub(crate) fn see(&mut self, event: &Event<'_>) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                for c in t.chars() {
                    if c.is_whitespace() {
                        self.in_word = false;
                    } else if !self.in_word && c.is_alphanumeric() {
                        self.in_word = true;
                        self.count += 1;
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => self.in_word = false,
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item)
            | Event::End(TagEnd::TableCell) => self.in_word = false,
            _ => {}
        }
    }

    pub(crate) fn count(&self) -> usize {
        self.count
    }
}

/// Minutes to read `words`, never less than one for a story with any words.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_not_words() {
        assert_eq!(
            count_words("## A subhead\n\nOne [two](https://x.example/a-b-c) three."),
            5
        );
        assert_eq!(count_words("> quoted words here\n\n- a\n- b"), 5);
        assert_eq!(count_words("don't stop — it’s fine"), 4);
        assert_eq!(count_words(""), 0);
        assert_eq!(
            count_words("## Timetable {#times}\n\nBoats run."),
            3,
            "heading ids"
        );
    }

    #[test]
    fn rounds_up() {
        assert_eq!(reading_minutes(0), 0);
        assert_eq!(reading_minutes(1), 1);
        assert_eq!(reading_minutes(WORDS_PER_MINUTE), 1);
        assert_eq!(reading_minutes(WORDS_PER_MINUTE + 1), 2);
    }
}
