//! `dateline check`: SQLite's full integrity check over the library file.

use anyhow::{bail, Result};

use super::Context;

pub fn run(ctx: &mut Context<'_>) -> Result<()> {
    let lib = ctx.read()?;
    let verdict = lib.integrity_check()?;
    if verdict != "ok" {
        bail!("{} is damaged: {verdict}", ctx.library.display());
    }
    let count = lib.count_stories()?;
    if ctx.json {
        return ctx.print_json(&serde_json::json!({ "ok": true, "stories": count }));
    }
    writeln!(ctx.out, "ok: {count} stories")?;
    Ok(())
}
