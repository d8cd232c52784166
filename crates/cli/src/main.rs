//! `dateline`: the library from the command line, for scripts and benchmarks.
//!
//! Exit codes: 0 done, 1 a problem with the input or the library (one line on
//! stderr), 2 a usage mistake.

mod commands;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The app's identifier: its library lives in `<data dir>/<identifier>/`.
pub const APP_IDENTIFIER: &str = "news.dateline.desk";

#[derive(Debug, Parser)]
#[command(
    name = "dateline",
    version,
    about = "Write, check and export news stories."
)]
struct Cli {
    /// The library file (default: the app's library, or $DATELINE_LIBRARY).
    #[arg(long, global = true, value_name = "FILE")]
    library: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import pasted text (.txt) or Markdown (.md) files as drafts; "-" reads stdin.
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List stories, most recently updated first.
    List {
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        section: Option<String>,
        #[arg(long, default_value_t = 200)]
        limit: usize,
    },
    /// Show one story (an id or the start of one).
    Show { id: String },
    /// Full-text search over kicker, headlines, standfirst, body and captions.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Set one part of a story: `set ID headline "New words"`.
    Set {
        id: String,
        field: String,
        value: String,
    },
    /// A story's revisions, newest first.
    Revisions { id: String },
    /// Make a revision the story's current text.
    Restore { revision: i64 },
    /// Render a story's preview page as a reader will see it (HTML).
    Render {
        id: String,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Export stories: html, md, ninjs, ans or wxr. One story to a file, or
    /// many (or --all) into a folder.
    Export {
        #[arg(value_name = "ID", required_unless_present = "all")]
        ids: Vec<String>,
        /// Every story in the library.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        #[arg(long, short)]
        format: String,
        /// A file (one story) or a folder.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Copy the library to a new file while it stays in use.
    Backup { dest: PathBuf },
    /// Check the library file's integrity.
    Check,
}

fn default_library() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("DATELINE_LIBRARY").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER).join("library.dateline"))
        .ok_or_else(|| "no data folder is known for this user; pass --library FILE".to_owned())
}

fn main() -> ExitCode {
    // A bug must still end in one readable line, never a trace.
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(
            std::io::stderr(),
            "dateline: internal error ({info}); your library was not changed by it"
        );
    }));
    let cli = Cli::parse();
    let library = match cli.library.clone().map(Ok).unwrap_or_else(default_library) {
        Ok(path) => path,
        Err(message) => return fail(&message),
    };
    let mut out = std::io::stdout().lock();
    match commands::run(cli.command, &library, cli.json, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e.to_string()),
    }
}

fn fail(message: &str) -> ExitCode {
    let first = message.lines().next().unwrap_or("failed");
    let _ = writeln!(std::io::stderr(), "dateline: {first}");
    ExitCode::from(1)
}
