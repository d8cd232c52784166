//! `dateline import`: files (or stdin) in as drafts, each in its own
//! transaction, each id printed as soon as its story is in the library.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use clap::Args;
use dateline_core::{import, Story};
use dateline_store::{ImportedFile, Library, MissingPicture, Origin, StoreError};

use super::Context;
use crate::output;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Story files, or "-" for standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

impl ImportArgs {
    /// A bad file is reported and the others go on; the exit code says
    /// whether every file came in.
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let mut lib = ctx.create()?;
        let mut imported: Vec<Story> = Vec::new();
        let mut failures = Vec::new();
        for path in &self.files {
            match import_one(&mut lib, path) {
                Ok(story) => {
                    if !ctx.json {
                        writeln!(ctx.out, "{}", story.id)?;
                        // A script reading ids as they come gets each at once.
                        ctx.out.flush()?;
                    }
                    imported.push(story);
                }
                Err(message) => {
                    let message = format!("{}: {message}", path.display());
                    if self.files.len() > 1 {
                        output::warn(&message);
                    }
                    failures.push(message);
                }
            }
        }
        if ctx.json {
            let docs: Vec<_> = imported.iter().map(Story::document).collect();
            ctx.print_json(&docs)?;
        }
        match failures.len() {
            0 => Ok(()),
            1 if self.files.len() == 1 => Err(anyhow!("{}", failures.remove(0))),
            n => Err(anyhow!(
                "{n} of {} files were not imported",
                self.files.len()
            )),
        }
    }
}

/// One file in; the error is the reason, without the file's name.
fn import_one(lib: &mut Library, path: &Path) -> Result<Story, String> {
    let result = if path == Path::new("-") {
        import_stdin(lib)
    } else {
        lib.import_file(path, Origin::Import)
    };
    let ImportedFile {
        story,
        missing,
        notices,
    } = result.map_err(|e| match e {
        // The store's sentence starts with the file's name, and the caller
        // puts it in front of every reason: keep it once.
        StoreError::Io {
            path: named,
            source,
        } if named == path => source.to_string(),
        other => other.to_string(),
    })?;
    for notice in notices {
        output::warn(&format!("{}: {notice}", path.display()));
    }
    for picture in missing {
        output::warn(&format!(
            "{}: picture {picture}; it is marked as missing",
            path.display()
        ));
    }
    Ok(story)
}

/// Standard input, read up to one byte past the import limit so that a larger
/// paste is refused by the import's own check rather than cut short.
fn import_stdin(lib: &mut Library) -> dateline_store::Result<ImportedFile> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(import::MAX_IMPORT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| StoreError::Io {
            path: PathBuf::from("-"),
            source,
        })?;
    let mut imported = import::import_bytes("stdin.txt", &bytes)?;
    let notices = imported.notices.clone();
    // Pictures are read only from a story file's own folder, and standard
    // input has none: the pictures it names stay listed, marked as missing.
    let missing = std::mem::take(&mut imported.image_sources)
        .into_iter()
        .filter(|src| !src.is_empty() && !src.contains("://"))
        .map(|src| MissingPicture {
            path: PathBuf::from(src),
            reason: "a story read from standard input has no folder to read pictures from"
                .to_owned(),
        })
        .collect();
    let (story, _) = lib.add_imported(imported, Path::new("."), Origin::Import)?;
    Ok(ImportedFile {
        story,
        missing,
        notices,
    })
}
