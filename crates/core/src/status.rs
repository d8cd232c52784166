//! The workflow a story moves through, and which moves a desk allows.

use serde::{Deserialize, Serialize};

use crate::ModelError;

/// Where a story stands in the desk's workflow.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Draft,
    InReview,
    Ready,
    Exported,
    Spiked,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::InReview,
        Status::Ready,
        Status::Exported,
        Status::Spiked,
    ];

    /// The name stored in the library and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in_review",
            Status::Ready => "ready",
            Status::Exported => "exported",
            Status::Spiked => "spiked",
        }
    }

    /// The name a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::InReview => "In review",
            Status::Ready => "Ready",
            Status::Exported => "Exported",
            Status::Spiked => "Spiked",
        }
    }

    /// Accepts the stored name, the label, and common spellings ("in-review").
    pub fn parse(text: &str) -> Result<Self, ModelError> {
        let key: String = text
            .trim()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        Status::ALL
            .into_iter()
            .find(|s| s.as_str().replace('_', "") == key)
            .ok_or_else(|| ModelError::BadValue {
                field: "status".into(),
                message: format!(
                    "{text:?} is not a status (use draft, in_review, ready, exported or spiked)"
                ),
            })
    }

    /// Why a move from `self` to `to` is refused, or `None` when it is allowed.
    /// Readiness of the content itself is checked separately, by
    /// [`crate::Story::ready_blockers`].
    pub fn refusal(self, to: Status) -> Option<&'static str> {
        use Status::*;
        match (self, to) {
            (a, b) if a == b => Some("the story already has that status"),
            (Draft, InReview) | (InReview, Draft) | (InReview, Ready) => None,
            (Ready, InReview) | (Ready, Draft) | (Ready, Exported) => None,
            (Exported, Draft) | (Spiked, Draft) => None,
            (Draft | InReview | Ready | Exported, Spiked) => None,
            (Draft, Ready) => Some("a draft goes to review before it can be Ready"),
            (Draft | InReview, Exported) => Some("only a Ready story can be marked Exported"),
            (Exported, InReview | Ready) => {
                Some("an exported story is reopened as a draft before it is changed")
            }
            (Spiked, _) => Some("a spiked story is restored to Draft first"),
            _ => Some("that move is not part of the workflow"),
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_spelling() {
        assert_eq!(Status::parse("In review").ok(), Some(Status::InReview));
        assert_eq!(Status::parse("in-review").ok(), Some(Status::InReview));
        assert_eq!(Status::parse("READY").ok(), Some(Status::Ready));
        assert!(Status::parse("published-ish").is_err());
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()).ok(), Some(s));
            assert_eq!(Status::parse(s.label()).ok(), Some(s));
        }
    }

    #[test]
    fn the_desk_workflow() {
        use Status::*;
        assert!(Draft.refusal(InReview).is_none());
        assert!(InReview.refusal(Ready).is_none());
        assert!(Ready.refusal(Exported).is_none());
        assert!(Exported.refusal(Draft).is_none());
        assert!(Spiked.refusal(Draft).is_none());
        assert!(Draft.refusal(Ready).is_some());
        assert!(Draft.refusal(Exported).is_some());
        assert!(Spiked.refusal(Ready).is_some());
        assert!(Ready.refusal(Ready).is_some());
    }
}
