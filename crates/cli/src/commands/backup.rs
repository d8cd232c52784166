//! `dateline backup`: a consistent copy of the library while it stays in use.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Context;
use crate::output::line;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The new file (it must not exist yet).
    dest: PathBuf,
}

impl BackupArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let lib = ctx.read()?;
        lib.backup_to(&self.dest)?;
        writeln!(ctx.out, "{}", line(&self.dest.display().to_string()))?;
        Ok(())
    }
}
