//! `dateline render`: a story's preview page, as a reader will see it.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Context;
use crate::output::{line, warn};

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The story's id, or the start of one.
    id: String,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

impl RenderArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let lib = ctx.read()?;
        let story = lib.get_story(lib.resolve_id(&self.id)?)?;
        let html = lib.render(&story)?;
        if dateline_core::render::nesting_capped(&story.body) {
            warn(&dateline_core::render::RenderNotice::NestingCapped.message());
        }
        if dateline_core::render::formatting_capped(&story.body) {
            warn(&dateline_core::render::RenderNotice::FormattingCapped.message());
        }
        match self.out {
            Some(path) => {
                dateline_store::write_file(&path, html.as_bytes())?;
                writeln!(ctx.out, "{}", line(&path.display().to_string()))?;
            }
            // The page itself, byte for byte: it is a document, not text
            // for the terminal.
            None => ctx.out.write_all(html.as_bytes())?,
        }
        Ok(())
    }
}
