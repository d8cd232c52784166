//! `dateline revisions` and `dateline restore`: a story's history, and going
//! back to a point in it.

use anyhow::Result;
use clap::Args;
use dateline_store::Origin;

use super::Context;
use crate::output::line;

#[derive(Debug, Args)]
pub struct RevisionsArgs {
    /// The story's id, or the start of one.
    id: String,
}

impl RevisionsArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let lib = ctx.read()?;
        let revs = lib.list_revisions(lib.resolve_id(&self.id)?)?;
        if ctx.json {
            return ctx.print_json(&revs);
        }
        for r in revs {
            let by = if r.author.is_empty() {
                String::new()
            } else {
                format!("  · {}", r.author)
            };
            writeln!(
                ctx.out,
                "{:>6}  v{:<4} {:<8} {:<7} {}  {:>5}w  {}{}",
                r.id,
                r.version,
                line(&r.reason),
                line(&r.origin),
                r.created_at.format("%Y-%m-%d %H:%M:%S"),
                r.word_count,
                line(&r.headline),
                line(&by)
            )?;
        }
        Ok(())
    }
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The revision's number, as `revisions` prints it.
    revision: i64,
}

impl RestoreArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let mut lib = ctx.write()?;
        let old = lib.get_revision(self.revision)?;
        let current = lib.get_story(old.id)?;
        let saved = lib.restore_revision(self.revision, current.version, Origin::Cli)?;
        if ctx.json {
            return ctx.print_json(&saved.document());
        }
        writeln!(ctx.out, "{} version {}", saved.id, saved.version)?;
        Ok(())
    }
}
