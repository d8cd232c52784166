//! `dateline suggestions`: a story's suggestions (in the body and for other
//! fields), or deciding them all at once.

use anyhow::Result;
use clap::Args;
use dateline_core::review::{critic, fields, BodySuggestion, Decision, SuggestionKind};
use dateline_core::Suggestion;
use dateline_store::Origin;
use serde::Serialize;

use super::Context;
use crate::output::line;

#[derive(Debug, Args)]
pub struct SuggestionsArgs {
    /// The story's id, or the start of one.
    id: String,
    /// Accept every suggestion (one new version).
    #[arg(long, conflicts_with = "reject_all")]
    accept_all: bool,
    /// Reject every suggestion (one new version).
    #[arg(long)]
    reject_all: bool,
}

/// What `--json` prints.
#[derive(Serialize)]
struct Listed<'a> {
    body: Vec<BodySuggestion>,
    fields: &'a [Suggestion],
}

impl SuggestionsArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let decision = match (self.accept_all, self.reject_all) {
            (true, _) => Some(Decision::Accept),
            (_, true) => Some(Decision::Reject),
            _ => None,
        };
        if let Some(decision) = decision {
            let mut lib = ctx.write()?;
            let id = lib.resolve_id(&self.id)?;
            let before = lib.get_story(id)?;
            let count = critic::suggestions(&before.body).len() + before.suggestions.len();
            let saved = lib.decide_all_suggestions(id, before.version, decision, Origin::Cli)?;
            if ctx.json {
                return ctx.print_json(&saved.document());
            }
            let verb = match decision {
                Decision::Accept => "Accepted",
                Decision::Reject => "Rejected",
            };
            writeln!(
                ctx.out,
                "{verb} {count} suggestion{} ({} version {})",
                if count == 1 { "" } else { "s" },
                saved.id,
                saved.version
            )?;
            return Ok(());
        }
        let lib = ctx.read()?;
        let story = lib.get_story(lib.resolve_id(&self.id)?)?;
        let body = critic::suggestions(&story.body);
        if ctx.json {
            return ctx.print_json(&Listed {
                body,
                fields: &story.suggestions,
            });
        }
        if body.is_empty() && story.suggestions.is_empty() {
            writeln!(ctx.out, "no suggestions")?;
        }
        for s in &body {
            let kind = match s.kind {
                SuggestionKind::Insert => "insert",
                SuggestionKind::Delete => "delete",
                SuggestionKind::Replace => "replace",
            };
            let change = match s.kind {
                SuggestionKind::Insert => format!("+ “{}”", s.new),
                SuggestionKind::Delete => format!("− “{}”", s.old),
                SuggestionKind::Replace => format!("“{}” → “{}”", s.old, s.new),
            };
            writeln!(
                ctx.out,
                "body {:<3} {:<16} {:<8} {}{}",
                s.ordinal,
                line(&s.author),
                kind,
                line(&change),
                if s.conflict { "  (conflict)" } else { "" }
            )?;
        }
        for s in &story.suggestions {
            writeln!(
                ctx.out,
                "{}  {:<16} {}: “{}” → “{}”{}",
                s.id,
                line(&s.author),
                line(&fields::label(&story, &s.field)),
                line(&s.original),
                line(&s.proposed),
                if s.conflict { "  (conflict)" } else { "" }
            )?;
        }
        Ok(())
    }
}
