//! `dateline list`: the library's stories, one line each, most recently
//! updated first.

use anyhow::Result;
use clap::Args;
use dateline_store::ListFilter;

use super::Context;
use crate::args::StatusArg;
use crate::output::line;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only stories with this status.
    #[arg(long, value_enum, ignore_case = true)]
    status: Option<StatusArg>,
    /// Only stories in this section.
    #[arg(long)]
    section: Option<String>,
    /// At most this many stories.
    #[arg(long, default_value_t = 200)]
    limit: usize,
}

impl ListArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let lib = ctx.read()?;
        let rows = lib.list_stories(&ListFilter {
            status: self.status.map(Into::into),
            section: self.section,
            limit: self.limit,
        })?;
        if ctx.json {
            return ctx.print_json(&rows);
        }
        for r in rows {
            let kicker = if r.kicker.is_empty() {
                String::new()
            } else {
                format!("{}: ", r.kicker)
            };
            let review = if r.review.is_empty() {
                String::new()
            } else {
                format!("  [{}]", r.review)
            };
            writeln!(
                ctx.out,
                "{}  {:<9}  {}  {:>5}w  {}{}{}",
                r.id,
                r.status.as_str(),
                r.updated_at.format("%Y-%m-%d %H:%M"),
                r.word_count,
                line(&kicker),
                line(&r.headline),
                line(&review)
            )?;
        }
        Ok(())
    }
}
