//! `dateline receive`: opens a story package into the library, merging a
//! story that was sent or received before.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use dateline_core::review::MergeReport;
use dateline_store::{Origin, PackageKind, ReceiveOutcome, Received};

use super::Context;
use crate::output::line;

#[derive(Debug, Args)]
pub struct ReceiveArgs {
    /// The package file (`.dateline-story`); it is only read.
    file: PathBuf,
}

impl ReceiveArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let mut lib = ctx.create()?;
        let received = lib.receive_package(&self.file, Origin::Cli)?;
        if ctx.json {
            return ctx.print_json(&received);
        }
        writeln!(ctx.out, "{}", line(&sentence(&received)))?;
        Ok(())
    }
}

/// What happened, in one sentence.
pub fn sentence(r: &Received) -> String {
    let headline = format!("“{}”", r.story.headline);
    let from = &r.from;
    let id = r.story.id;
    let whose = match r.kind {
        PackageKind::Review => "the reporter's",
        PackageKind::Return => "the editor's",
    };
    let how = match r.kind {
        PackageKind::Review => format!("from {from}, for review"),
        PackageKind::Return => format!("returned by {from}"),
    };
    let mut details = Vec::new();
    if !r.report.merged.is_empty() {
        details.push(format!(
            "took {whose} changes to {}",
            r.report.merged.join(", ")
        ));
    }
    if !r.report.conflicts.is_empty() {
        let n = r.report.conflicts.len();
        details.push(format!(
            "{n} conflict{}: {} (both kept; decide with dateline suggestions)",
            if n == 1 { "" } else { "s" },
            r.report.conflicts.join(", ")
        ));
    }
    if r.report.comments_added > 0 {
        let n = r.report.comments_added;
        details.push(format!("{n} new comment{}", if n == 1 { "" } else { "s" }));
    }
    if r.report.suggestions_added > 0 {
        let n = r.report.suggestions_added;
        details.push(format!(
            "{n} new suggestion{}",
            if n == 1 { "" } else { "s" }
        ));
    }
    let details = if details.is_empty() {
        String::new()
    } else {
        format!(": {}", details.join("; "))
    };
    match r.outcome {
        ReceiveOutcome::Added => format!("Added {headline} {how} (id {id})"),
        ReceiveOutcome::Updated if r.report == MergeReport::default() => {
            format!("Already up to date: {headline} {how} brought nothing new (id {id})")
        }
        ReceiveOutcome::Updated => format!("Updated {headline} {how}{details} (id {id})"),
        ReceiveOutcome::Merged => format!("Merged {headline} {how}{details} (id {id})"),
        ReceiveOutcome::Restored => format!(
            "Restored {headline} {how}: this story had been deleted here; it is back from the package (id {id})"
        ),
        ReceiveOutcome::Copied => format!(
            "Added {headline} {how} as a copy with a new id, as a different story here has its id (id {id})"
        ),
    }
}
