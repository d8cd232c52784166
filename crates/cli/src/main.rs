//! `dateline`: the library from the command line, for scripts and benchmarks.
//!
//! Exit codes: 0 done, 1 a problem with the input or the library (one line on
//! stderr), 2 a usage mistake (found before any library is opened).

mod args;
mod commands;
mod output;

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use commands::{Command, Context, UsageError};

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

fn main() -> ExitCode {
    // A bug must still end in one readable line, never a trace.
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(
            std::io::stderr(),
            "dateline: internal error ({}); your library was not changed by it",
            output::line(&info.to_string())
        );
    }));
    let cli = parse();
    let library = match cli.library {
        Some(path) => path,
        None => match dateline_store::default_library_path() {
            Ok(path) => path,
            Err(e) => return fail(&e.to_string()),
        },
    };
    let mut out = output::Stdout::new(BufWriter::new(std::io::stdout().lock()));
    let mut ctx = Context {
        library: &library,
        json: cli.json,
        out: &mut out,
    };
    let result = commands::run(cli.command, &mut ctx);
    // What is buffered goes out before any error line, even after a failure
    // (the ids an import printed before a bad file).
    let flushed = out.flush();
    if out.closed() {
        // The reader stopped reading (`dateline list | head -1`): as for any
        // Unix tool, that is the end of the output, not an error.
        return ExitCode::SUCCESS;
    }
    match result.and(flushed.map_err(Into::into)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => match e.downcast_ref::<UsageError>() {
            Some(usage) => usage_error(&usage.0),
            None => fail(&e.to_string()),
        },
    }
}

/// The command line, or clap's own message and exit code. Clap quotes a
/// mistyped value back, and on a terminal it would send any control
/// characters in it straight through; so when an argument holds some, the
/// message comes from the arguments with them made visible.
fn parse() -> Cli {
    let e = match Cli::try_parse() {
        Ok(cli) => return cli,
        Err(e) => e,
    };
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if e.use_stderr() && args.iter().any(|a| output::line(a) != a.as_str()) {
        let shown = args.iter().map(|a| output::line(a).into_owned());
        if let Err(shown) = Cli::try_parse_from(shown) {
            shown.exit()
        }
        // Unstyled, clap's message has every control character removed.
        let _ = write!(std::io::stderr(), "{}", e.render());
        std::process::exit(e.exit_code())
    }
    e.exit()
}

/// A usage mistake found after parsing, reported the way clap reports its
/// own (exit 2).
fn usage_error(message: &str) -> ExitCode {
    let message = output::line(message).into_owned();
    Cli::command()
        .error(clap::error::ErrorKind::ValueValidation, message)
        .exit()
}

fn fail(message: &str) -> ExitCode {
    output::warn(message);
    ExitCode::from(1)
}
