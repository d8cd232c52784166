//! What can be wrong with a story, each error naming the field it is about.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ModelError {
    #[error("{field} is required")]
    Required { field: String },
    #[error("{field} is {len} characters long; the limit is {max}")]
    TooLong {
        field: String,
        len: usize,
        max: usize,
    },
    #[error("{field} has too many entries ({len}); the limit is {max}")]
    TooMany {
        field: String,
        len: usize,
        max: usize,
    },
    #[error("{field}: {url:?} is not a usable link ({reason})")]
    BadUrl {
        field: String,
        url: String,
        reason: &'static str,
    },
    #[error("{field}: {message}")]
    BadValue { field: String, message: String },
    #[error("{field} is not a part of a story that can be set (try one of: {known})")]
    UnknownField { field: String, known: String },
    #[error("cannot move the story from {from} to {to}: {why}")]
    Transition {
        from: &'static str,
        to: &'static str,
        why: String,
    },
}
