//! `dateline search`: full-text search, each hit with the words that matched
//! in brackets.

use anyhow::Result;
use clap::Args;

use super::Context;
use crate::output::line;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find; the last may be the start of a word.
    query: String,
    /// At most this many stories.
    #[arg(long, default_value_t = 20)]
    limit: usize,
}

impl SearchArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let lib = ctx.read()?;
        let hits = lib.search(&self.query, self.limit)?;
        if ctx.json {
            return ctx.print_json(&hits);
        }
        for h in hits {
            let snippet: String = h
                .snippet
                .iter()
                .map(|p| {
                    if p.hit {
                        format!("[{}]", p.text)
                    } else {
                        p.text.clone()
                    }
                })
                .collect::<String>()
                // A snippet can span paragraphs; a hit is shown on one line.
                .replace('\n', " ");
            writeln!(
                ctx.out,
                "{}  {}\n    {}",
                h.story.id,
                line(&h.story.headline),
                line(&snippet)
            )?;
        }
        Ok(())
    }
}
