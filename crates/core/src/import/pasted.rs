//! Pasted plain text to a structured draft: a web page or a wire story copied as
//! text, read into kicker, headline, standfirst, bylines, date, dateline, picture
//! caption and credit, a Markdown body with subheads, related links and tags.
//!
//! The reading goes down the lines once, in three parts, each in its own file:
//!
//! 1. [`headline`]: before the headline, page furniture, a section breadcrumb,
//!    the kicker; then the headline;
//! 2. [`header`]: the lines under the headline: the standfirst, bylines, dates,
//!    "4 min read", the lead picture's caption and credit, the headline printed
//!    again. It ends where the first paragraph opens with a dateline, or after
//!    the last header line met before the body's paragraphs run on;
//! 3. [`body`]: paragraphs, subheads, "Related" and tag lists, pictures further
//!    down, and furniture dropped wherever it appears.
//!
//! [`finish`] then files the dates and the dateline, drops pull quotes
//! ([`repeats`]) and renders the body as Markdown ([`blocks`]). Lines are judged one at a time by [`classify`], with
//! the help of the recognisers for each kind of line ([`furniture`], [`labels`],
//! [`byline`], [`dates`], [`dateline`], [`media`], [`subheads`]).
//!
//! Every guess is one a reporter can undo in the editor, so the rule throughout
//! is that words that may be the story's own are kept somewhere: only lines that
//! are plainly page furniture, dates, reading times or labels are dropped.

mod blocks;
mod body;
mod byline;
mod classify;
mod dateline;
mod dates;
mod finish;
mod furniture;
mod header;
mod headline;
mod labels;
mod lines;
mod media;
mod reader;
mod repeats;
mod subheads;
mod text;

#[cfg(test)]
mod tests;

use crate::Story;

/// Reads text pasted from a web page or wire feed into a draft. Total: any text
/// gives a story, perhaps with an empty headline when the paste has no line
/// short enough to be one.
pub fn parse_pasted(text: &str) -> Story {
    let lines = lines::prepare(text);
    let mut reader = reader::Reader::new(&lines);
    let header_start = reader.before_headline();
    let header_end = reader.header_end(header_start);
    reader.header(header_start, header_end);
    let first_body_para = reader.paras.len();
    reader.body(header_end);
    reader.finish(first_body_para)
}
