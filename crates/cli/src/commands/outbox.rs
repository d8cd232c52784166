//! `dateline outbox`: the pushes waiting for their site, and `--send` to
//! send them now.

use std::sync::Mutex;

use anyhow::Result;
use clap::Args;
use dateline_cms::Secrets;

use super::Context;
use crate::output::line;

#[derive(Debug, Args)]
pub struct OutboxArgs {
    /// Send every queued push now, whatever its next attempt's time.
    #[arg(long)]
    send: bool,
}

impl OutboxArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        if self.send {
            let lib = Mutex::new(ctx.write()?);
            let outcomes = dateline_cms::send_outbox(&lib, &Secrets::new(), true, &|_| {})?;
            if outcomes.is_empty() && !ctx.json {
                writeln!(ctx.out, "The outbox is empty")?;
                return Ok(());
            }
            return super::push::report(ctx, &outcomes);
        }
        let lib = ctx.read()?;
        let entries = lib.outbox()?;
        if ctx.json {
            return ctx.print_json(&entries);
        }
        if entries.is_empty() {
            writeln!(ctx.out, "The outbox is empty")?;
        }
        for e in &entries {
            writeln!(
                ctx.out,
                "{}\t{}\tto {}\t{} attempt{}{}\t{}",
                e.story,
                line(&e.headline),
                line(&e.target),
                e.attempts,
                if e.attempts == 1 { "" } else { "s" },
                if e.held {
                    ", held until sent by hand".to_owned()
                } else {
                    format!(", next at {}", e.next_attempt_at.format("%H:%M:%S"))
                },
                line(&e.last_error)
            )?;
        }
        Ok(())
    }
}
