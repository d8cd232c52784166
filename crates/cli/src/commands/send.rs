//! `dateline send`: a story as one file, for review or back to whoever sent
//! it for review.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use dateline_store::{PackageKind, PACKAGE_EXTENSION};

use super::Context;
use crate::output::line;

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The story's id, or the start of one.
    id: String,
    /// The package file (default: `<slug>.dateline-story` here). A file
    /// already there is replaced only if it is a package of the same story.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

impl SendArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let mut lib = ctx.write()?;
        let id = lib.resolve_id(&self.id)?;
        let out = match self.out {
            Some(out) => out,
            None => {
                let story = lib.get_story(id)?;
                PathBuf::from(format!(
                    "{}.{PACKAGE_EXTENSION}",
                    dateline_core::export::slug(&story)
                ))
            }
        };
        let sent = lib.send_story(id, &out)?;
        if ctx.json {
            return ctx.print_json(&sent);
        }
        let kind = match sent.kind {
            PackageKind::Review => "for review",
            PackageKind::Return => "returned to the reporter",
        };
        writeln!(
            ctx.out,
            "{}  ({kind}, {} bytes)",
            line(&sent.path),
            sent.bytes
        )?;
        Ok(())
    }
}
