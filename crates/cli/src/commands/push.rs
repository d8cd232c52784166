//! `dateline push ID… --to NAME`: sends stories to a site, printing each
//! post's address, or "queued" when the site cannot be reached (the outbox
//! sends it later: `dateline outbox --send`).

use std::sync::Mutex;

use anyhow::{bail, Result};
use clap::Args;
use dateline_cms::{OnConflict, PushOutcome, Secrets};

use super::Context;
use crate::output::line;

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The stories' ids, or the starts of them.
    #[arg(required = true)]
    ids: Vec<String>,
    /// The target's name (see `dateline targets`).
    #[arg(long, value_name = "NAME")]
    to: String,
    /// When the post was changed on the site since it was last sent, send
    /// this version over it.
    #[arg(long, conflicts_with = "keep_site")]
    overwrite: bool,
    /// When the post was changed on the site, keep the site's version.
    #[arg(long)]
    keep_site: bool,
}

impl PushArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let lib = ctx.write()?;
        let ids = self
            .ids
            .iter()
            .map(|id| lib.resolve_id(id))
            .collect::<Result<Vec<_>, _>>()?;
        let lib = Mutex::new(lib);
        let on_conflict = if self.overwrite {
            OnConflict::Overwrite
        } else if self.keep_site {
            OnConflict::KeepSite
        } else {
            OnConflict::Ask
        };
        let outcomes =
            dateline_cms::push_many(&lib, &Secrets::new(), &ids, &self.to, on_conflict, &|_| {});
        report(ctx, &outcomes)
    }
}

/// Prints outcomes, one line each; fails when any story was not sent or queued.
pub(super) fn report(ctx: &mut Context<'_>, outcomes: &[PushOutcome]) -> Result<()> {
    if ctx.json {
        ctx.print_json(&outcomes)?;
    } else {
        for outcome in outcomes {
            match outcome {
                PushOutcome::Sent { story, url, .. } => {
                    writeln!(ctx.out, "{story}\t{}", line(url))?
                }
                PushOutcome::Queued { story, reason, .. } => {
                    writeln!(ctx.out, "{story}\tqueued\t{}", line(reason))?
                }
                PushOutcome::Kept { story, target } => {
                    writeln!(ctx.out, "{story}\tkept the version on {}", line(target))?
                }
                PushOutcome::Conflict {
                    story, sentence, ..
                } => writeln!(
                    ctx.out,
                    "{story}\tnot sent: {} (--overwrite or --keep-site)",
                    line(sentence)
                )?,
                PushOutcome::Failed { story, error, .. } => {
                    writeln!(ctx.out, "{story}\tnot sent: {}", line(error))?
                }
            }
        }
    }
    let bad = outcomes
        .iter()
        .filter(|o| matches!(o, PushOutcome::Failed { .. } | PushOutcome::Conflict { .. }))
        .count();
    if bad > 0 {
        bail!("{bad} of {} stories not sent", outcomes.len());
    }
    Ok(())
}
