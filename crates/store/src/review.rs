//! Review in the library: deciding suggestions (each decision a revision)
//! and word differences between two versions of a story.

use dateline_core::review::{self, critic, fields, Decision, FieldDiff};
use dateline_core::{Story, StoryId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::links::{self, Role};
use crate::{stories, Library, Origin};

/// Which suggestion a decision is about.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionTarget {
    /// A suggestion in the body, by its place among the body's suggestions
    /// (from 0, as `critic::suggestions` numbers them).
    Body { ordinal: usize },
    /// A suggestion for another field, by its id.
    Field { id: Uuid },
}

/// The differences between two versions of a story, field by field.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewDiff {
    /// The older version, as a person reads it ("revision 12 · 2 Dec 10:04 ·
    /// Ada Reyes", "as sent for review").
    pub from: String,
    /// The newer version ("now", or a revision).
    pub to: String,
    pub fields: Vec<FieldDiff>,
}

fn reason(decision: Decision) -> &'static str {
    match decision {
        Decision::Accept => "accept",
        Decision::Reject => "reject",
    }
}

/// Applies (accept) or drops (reject) one field suggestion.
fn decide_field(story: &mut Story, id: Uuid, decision: Decision) -> Result<()> {
    let at = story
        .suggestions
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| StoreError::NotFound {
            id: format!("suggestion {id}"),
        })?;
    let suggestion = story.suggestions.remove(at);
    if decision == Decision::Accept {
        fields::set(story, &suggestion.field, &suggestion.proposed)?;
    }
    Ok(())
}

impl Library {
    /// Accepts or rejects one suggestion, as a new version of the story
    /// with a revision (`accept` or `reject`). `expected_version` must be
    /// the stored version, else [`StoreError::Stale`].
    pub fn decide_suggestion(
        &mut self,
        story: StoryId,
        expected_version: i64,
        target: SuggestionTarget,
        decision: Decision,
        origin: Origin,
    ) -> Result<Story> {
        self.decide(story, expected_version, origin, reason(decision), |s| {
            match target {
                SuggestionTarget::Body { ordinal } => {
                    s.body = critic::decide(&s.body, ordinal, decision).ok_or_else(|| {
                        StoreError::NotFound {
                            id: format!("suggestion {} in the body", ordinal + 1),
                        }
                    })?;
                }
                SuggestionTarget::Field { id } => decide_field(s, id, decision)?,
            }
            Ok(true)
        })
    }

    /// Accepts or rejects every suggestion of the story (the body's and the
    /// other fields'), as one new version with one revision. A story with
    /// no suggestions is returned as it is.
    pub fn decide_all_suggestions(
        &mut self,
        story: StoryId,
        expected_version: i64,
        decision: Decision,
        origin: Origin,
    ) -> Result<Story> {
        self.decide(story, expected_version, origin, reason(decision), |s| {
            let mut changed = false;
            // Deciding one renumbers the rest: the first is decided until
            // none is left (at most as many times as there were).
            for _ in 0..critic::suggestions(&s.body).len() {
                match critic::decide(&s.body, 0, decision) {
                    Some(body) => {
                        s.body = body;
                        changed = true;
                    }
                    None => break,
                }
            }
            let ids: Vec<Uuid> = s.suggestions.iter().map(|x| x.id).collect();
            for id in ids {
                decide_field(s, id, decision)?;
                changed = true;
            }
            Ok(changed)
        })
    }

    /// Reads the story in a write transaction, checks its version, lets
    /// `change` change it (`false`: nothing to do) and writes the next
    /// version with a revision.
    fn decide(
        &mut self,
        id: StoryId,
        expected_version: i64,
        origin: Origin,
        reason: &str,
        change: impl FnOnce(&mut Story) -> Result<bool>,
    ) -> Result<Story> {
        let tx = self.write_transaction()?;
        let mut story = stories::load(&tx, id)?;
        if story.version != expected_version {
            return Err(StoreError::Stale {
                yours: expected_version,
                theirs: story.version,
            });
        }
        if !change(&mut story)? {
            return Ok(story);
        }
        let story = stories::prepare(&story)?;
        let saved = stories::write_next_version(&tx, &story, reason, origin)?;
        tx.commit()?;
        Ok(saved)
    }

    /// The word differences of a story between two versions: `from` and `to`
    /// are revision ids (as [`Library::list_revisions`] gives them). `from`
    /// `None` is "changes since I sent it": the version as it last left this
    /// library (sent for review or returned), else as it was received, else
    /// its first revision; `to` `None` is the story now.
    pub fn diff_story(
        &self,
        id: StoryId,
        from: Option<i64>,
        to: Option<i64>,
    ) -> Result<ReviewDiff> {
        let current = self.get_story(id)?;
        let (old, from_label) = match from {
            Some(revision) => (
                self.revision_of(id, revision)?,
                self.revision_label(revision)?,
            ),
            None => match self.last_sent(id)? {
                Some(revision) => (
                    self.revision_of(id, revision)?,
                    format!("as it left ({})", self.revision_label(revision)?),
                ),
                None => self.diff_base(id, &current)?,
            },
        };
        let (new, to_label) = match to {
            Some(revision) => (
                self.revision_of(id, revision)?,
                self.revision_label(revision)?,
            ),
            None => (current, "now".to_owned()),
        };
        Ok(ReviewDiff {
            from: from_label,
            to: to_label,
            fields: review::story_diff(&old, &new),
        })
    }

    /// The newest revision kept when the story was sent for review or
    /// returned: what "changes since I sent it" compares with.
    fn last_sent(&self, id: StoryId) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT max(id) FROM revisions WHERE story_id = ?1 \
                 AND reason IN ('sent', 'returned')",
            )?
            .query_row([id.to_string()], |r| r.get(0))?)
    }

    /// What a story never sent from here is compared with: the version
    /// received for review, else its first revision.
    fn diff_base(&self, id: StoryId, current: &Story) -> Result<(Story, String)> {
        Ok(match links::get(&self.conn, id)?.filter(|l| !l.deleted) {
            Some(link) => {
                let label = match link.role {
                    Role::Sent if link.last_kind == "return" && !link.peer_name.is_empty() => {
                        format!("as returned by {}", link.peer_name)
                    }
                    Role::Sent => "as sent for review".to_owned(),
                    Role::Received => "as received".to_owned(),
                };
                (link.base, label)
            }
            None => {
                let first: Option<i64> = self
                    .conn
                    .prepare_cached("SELECT min(id) FROM revisions WHERE story_id = ?1")?
                    .query_row([id.to_string()], |r| r.get(0))?;
                match first {
                    Some(revision) => (
                        self.revision_of(id, revision)?,
                        self.revision_label(revision)?,
                    ),
                    None => (current.clone(), "now".to_owned()),
                }
            }
        })
    }

    /// A revision of this story (a revision of another one is not found).
    fn revision_of(&self, id: StoryId, revision: i64) -> Result<Story> {
        let story = self.get_revision(revision)?;
        if story.id != id {
            return Err(StoreError::NotFound {
                id: format!("revision {revision} of story {id}"),
            });
        }
        Ok(story)
    }

    /// "revision 12 · 2 Dec 10:04 · Ada Reyes".
    fn revision_label(&self, revision: i64) -> Result<String> {
        let (at, author): (String, String) = self
            .conn
            .prepare_cached("SELECT created_at, author FROM revisions WHERE id = ?1")?
            .query_row([revision], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let at = crate::convert::parse_time("created_at", &at)?;
        let mut label = format!("revision {revision} · {}", at.format("%-d %b %H:%M"));
        if !author.is_empty() {
            label.push_str(" · ");
            label.push_str(&author);
        }
        Ok(label)
    }
}
