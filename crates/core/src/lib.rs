//! The Dateline story model: every part of a news story, its workflow and its
//! rules, with no storage and no UI.
//!
//! ```
//! use dateline_core::{Status, Story};
//!
//! let mut story = Story::new("Council approves the river crossing");
//! story.kicker = "Transport".into();
//! story.body = "The council voted on Tuesday.".into();
//! story.validate().unwrap();
//! story.transition(Status::InReview).unwrap();
//! assert_eq!(story.reading_minutes(), 1);
//! ```
//!
//! Pasted text and Markdown come in through [`import`]; the same Markdown goes out
//! through [`frontmatter`].

mod edit;
mod error;
pub mod export;
pub mod frontmatter;
pub mod image;
pub mod import;
mod model;
pub mod render;
pub mod review;
mod status;
pub mod text;
mod validate;
pub mod words;

pub use edit::{parse_date, parse_moment, SETTABLE};
pub use error::ModelError;
pub use model::*;
pub use status::Status;
pub use validate::*;
