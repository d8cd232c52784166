//! `dateline export`: one story to a named file, or many into a folder with a
//! progress bar.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use clap::Args;
use dateline_core::export::Format;
use dateline_store::ExportProgress;

use super::Context;
use crate::args::FormatArg;
use crate::output::{self, line};

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(value_name = "ID", required_unless_present = "all")]
    ids: Vec<String>,
    /// Every story in the library.
    #[arg(long, conflicts_with = "ids")]
    all: bool,
    #[arg(long, short, value_enum, ignore_case = true)]
    format: FormatArg,
    /// A file (one story) or a folder.
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
}

impl ExportArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let format = Format::from(self.format);
        let lib = ctx.read()?;
        let ids = if self.all {
            lib.all_story_ids()?
        } else {
            self.ids
                .iter()
                .map(|id| lib.resolve_id(id))
                .collect::<Result<Vec<_>, _>>()?
        };
        let path = &self.out;
        if ids.len() == 1 && names_a_file(format, path) {
            let files = lib.export_story(ids[0], format, path)?;
            return print_files(ctx, &files);
        }
        let bar = ProgressBar::new();
        let report = lib.export_stories(&ids, format, path, &mut |p| bar.show(p))?;
        bar.finish();
        if ctx.json {
            ctx.print_json(&report)?;
        } else {
            print_files(ctx, &report.files)?;
        }
        for failure in &report.failures {
            output::warn(&format!("{}: {}", failure.id, failure.message));
        }
        if !report.failures.is_empty() {
            bail!(
                "{} of {} stories were not exported",
                report.failures.len(),
                ids.len()
            );
        }
        Ok(())
    }
}

/// Whether `--out` names a file for one story rather than a folder: it has
/// an extension and is not a folder already. WXR always makes a folder (the
/// XML file and its pictures).
fn names_a_file(format: Format, path: &Path) -> bool {
    format != Format::Wxr && !path.is_dir() && path.extension().is_some()
}

fn print_files(ctx: &mut Context<'_>, files: &[PathBuf]) -> Result<()> {
    if ctx.json {
        return ctx.print_json(&files);
    }
    for f in files {
        writeln!(ctx.out, "{}", line(&f.display().to_string()))?;
    }
    Ok(())
}

/// A progress bar on a terminal; a line every tenth of the way otherwise.
struct ProgressBar {
    terminal: bool,
}

impl ProgressBar {
    fn new() -> Self {
        Self {
            terminal: std::io::stderr().is_terminal(),
        }
    }

    // Progress is a courtesy: a stderr that cannot be written stops nothing.
    fn show(&self, p: &ExportProgress) {
        if p.total == 0 {
            return;
        }
        let mut err = std::io::stderr().lock();
        if self.terminal {
            let width = 30;
            let filled = p.done * width / p.total;
            let headline: String = p.headline.chars().take(40).collect();
            let _ = write!(
                err,
                "\r[{}{}] {}/{} {:<40}",
                "#".repeat(filled),
                " ".repeat(width - filled),
                p.done,
                p.total,
                line(&headline)
            );
        } else if p.done == p.total || p.done.is_multiple_of((p.total / 10).max(1)) {
            let _ = writeln!(err, "exported {}/{}", p.done, p.total);
        }
    }

    fn finish(&self) {
        if self.terminal {
            let _ = writeln!(std::io::stderr());
        }
    }
}
