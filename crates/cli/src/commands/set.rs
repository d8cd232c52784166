//! `dateline set`: one part of a story, by name, from text.

use anyhow::Result;
use clap::builder::PossibleValuesParser;
use clap::Args;
use dateline_core::Status;
use dateline_store::{Origin, SaveKind};

use super::{Context, UsageError};

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The story's id, or the start of one.
    id: String,
    /// The part to set. Lists take JSON (bylines, related) or, for tags,
    /// commas; dates are written 2025-12-30.
    #[arg(value_parser = PossibleValuesParser::new(dateline_core::SETTABLE.iter().copied()))]
    field: String,
    /// The new value ("" empties the part).
    value: String,
}

impl SetArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        // A status is named from a fixed list, like `list --status`: a wrong
        // name is a usage mistake, found before the library is opened.
        let status = if self.field == "status" {
            Some(Status::parse(&self.value).map_err(|e| UsageError(e.to_string()))?)
        } else {
            None
        };
        let mut lib = ctx.write()?;
        let id = lib.resolve_id(&self.id)?;
        let story = lib.get_story(id)?;
        let saved = match status {
            Some(to) => lib.set_status(id, to, story.version, Origin::Cli)?,
            None => {
                let mut edited = story;
                edited.set_field(&self.field, &self.value)?;
                lib.save_story(&edited, SaveKind::Explicit, Origin::Cli)?
            }
        };
        if ctx.json {
            return ctx.print_json(&saved.document());
        }
        writeln!(ctx.out, "{} version {}", saved.id, saved.version)?;
        Ok(())
    }
}
