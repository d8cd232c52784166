//! `dateline whoami`: the name this library signs comments, suggestions,
//! revisions and packages with, or setting it.

use anyhow::Result;
use clap::Args;
use dateline_store::{Person, StoreError};

use super::Context;
use crate::output::line;

#[derive(Debug, Args)]
pub struct WhoamiArgs {
    /// The name to sign with from now on ("Ada Reyes").
    name: Option<String>,
    /// Initials to show beside comments (at most 4; taken from the name
    /// when not given).
    #[arg(long, requires = "name")]
    initials: Option<String>,
}

impl WhoamiArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let person = match &self.name {
            Some(name) => ctx.create()?.set_person(name, self.initials.as_deref())?,
            None => match ctx.read() {
                Ok(lib) => lib.person()?,
                // No library yet: the name it would start with.
                Err(e)
                    if e.downcast_ref::<StoreError>()
                        .is_some_and(|e| matches!(e, StoreError::NoLibrary { .. })) =>
                {
                    Person::from_system()
                }
                Err(e) => return Err(e),
            },
        };
        if ctx.json {
            return ctx.print_json(&person);
        }
        write!(
            ctx.out,
            "{} ({})",
            line(&person.name),
            line(&person.initials)
        )?;
        if !person.chosen {
            write!(
                ctx.out,
                " — from the system user name; set it with dateline whoami NAME"
            )?;
        }
        writeln!(ctx.out)?;
        Ok(())
    }
}
