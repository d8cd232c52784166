//! Pasted plain text to a structured draft.

use crate::Story;

/// Reads text pasted from a web page or wire feed into a draft.
pub fn parse_pasted(text: &str) -> Story {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut story = Story::new(lines.next().unwrap_or_default());
    story.body = lines.collect::<Vec<_>>().join("\n\n");
    story
}
