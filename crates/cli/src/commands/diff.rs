//! `dateline diff`: what changed in a story, word by word, the way `git diff
//! --word-diff` shows it: `{+added+}` and `[-removed-]`.

use anyhow::Result;
use clap::Args;
use dateline_core::review::{DiffKind, DiffPart};

use super::Context;
use crate::output::{line, visible, Layout};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The story's id, or the start of one.
    id: String,
    /// The older revision (as `revisions` numbers them); default: the
    /// version last shared in a review, else the story's first revision.
    #[arg(long, value_name = "REV")]
    from: Option<i64>,
    /// The newer revision; default: the story now.
    #[arg(long, value_name = "REV")]
    to: Option<i64>,
}

impl DiffArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let lib = ctx.read()?;
        let id = lib.resolve_id(&self.id)?;
        let diff = lib.diff_story(id, self.from, self.to)?;
        if ctx.json {
            return ctx.print_json(&diff);
        }
        writeln!(ctx.out, "{} → {}", line(&diff.from), line(&diff.to))?;
        if diff.fields.is_empty() {
            writeln!(ctx.out, "no changes")?;
        }
        for field in &diff.fields {
            writeln!(ctx.out, "\n{}", line(&field.label))?;
            writeln!(
                ctx.out,
                "{}",
                visible(&word_diff_text(&field.parts), Layout::Block)
            )?;
        }
        Ok(())
    }
}

/// The parts as one text: insertions as `{+words+}`, deletions as `[-words-]`.
pub fn word_diff_text(parts: &[DiffPart]) -> String {
    let mut text = String::new();
    for part in parts {
        match part.kind {
            DiffKind::Equal => text.push_str(&part.text),
            DiffKind::Insert => {
                text.push_str("{+");
                text.push_str(&part.text);
                text.push_str("+}");
            }
            DiffKind::Delete => {
                text.push_str("[-");
                text.push_str(&part.text);
                text.push_str("-]");
            }
        }
    }
    text
}
