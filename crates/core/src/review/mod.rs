//! Review: comments that stay on their words, suggestions (CriticMarkup in
//! the body, proposed values for other fields), word diffs and the
//! three-way merge that brings a reviewed story home.
//!
//! None of it leaves the app: every render and export starts from
//! [`crate::render::output_story`], which shows the body's suggestions as
//! not taken and leaves its review comments out.

pub mod anchor;
pub mod critic;
pub mod diff;
pub mod fields;
pub mod merge;

pub use anchor::{quote, reanchor, reanchor_story};
pub use critic::{BodySuggestion, Decision, SuggestionKind};
pub use diff::{story_diff, word_diff, DiffKind, DiffPart, FieldDiff};
pub use merge::{merge_stories, MergeReport, Merged};
