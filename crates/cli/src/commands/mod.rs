//! The subcommands, one module each, and what they share: how the library is
//! opened, and where output goes.
//!
//! Each command says how it needs the library: commands that only read never
//! create one (a mistyped path is an error, not a new empty library) and open
//! a read-only library read-only; commands that change a story need one that
//! exists; only import, receive (a story package) and whoami NAME create a
//! library.

mod backup;
mod check;
mod comments;
mod diff;
mod export;
mod import;
mod list;
mod media;
mod outbox;
mod push;
mod receive;
mod render;
mod revisions;
mod search;
mod send;
mod set;
mod show;
mod suggestions;
mod targets;
mod whoami;

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use clap::Subcommand;
use dateline_store::Library;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import pasted text (.txt) or Markdown (.md) files as drafts; "-" reads stdin.
    Import(import::ImportArgs),
    /// List stories, most recently updated first.
    List(list::ListArgs),
    /// Show one story (an id or the start of one).
    Show(show::ShowArgs),
    /// Full-text search over kicker, headlines, standfirst, body and captions.
    Search(search::SearchArgs),
    /// Set one part of a story: `set ID headline "New words"`.
    Set(set::SetArgs),
    /// A story's pictures: add, list, set a part of one, remove.
    Media(media::MediaArgs),
    /// A story's revisions, newest first.
    Revisions(revisions::RevisionsArgs),
    /// Make a revision the story's current text.
    Restore(revisions::RestoreArgs),
    /// Render a story's preview page as a reader will see it (HTML).
    Render(render::RenderArgs),
    /// Export stories: html, md, ninjs, ans or wxr. One story to a file, or
    /// many (or --all) into a folder.
    Export(export::ExportArgs),
    /// Copy the library to a new file while it stays in use.
    Backup(backup::BackupArgs),
    /// Check the library file's integrity.
    Check,
    /// Who you are in this library (signs comments, revisions and
    /// packages), or set it: `whoami "Ada Reyes"`.
    Whoami(whoami::WhoamiArgs),
    /// Write a story as one file (`.dateline-story`) to send for review, or
    /// back to whoever sent it to you.
    Send(send::SendArgs),
    /// Open a story package into the library (a return is merged with the
    /// story here; nothing is lost).
    Receive(receive::ReceiveArgs),
    /// What changed in a story, word by word: {+added+} and [-removed-].
    Diff(diff::DiffArgs),
    /// A story's comments, with the words they are about and their replies.
    Comments(comments::CommentsArgs),
    /// A story's suggestions, or accept or reject them all.
    Suggestions(suggestions::SuggestionsArgs),
    /// The sites stories are sent to (WordPress, Ghost): list, add, test, remove.
    Targets(targets::TargetsArgs),
    /// Send stories to a site: `push ID… --to NAME`. Prints each post's
    /// address, or "queued" when the site cannot be reached.
    Push(push::PushArgs),
    /// The pushes waiting for their site; --send sends them now.
    Outbox(outbox::OutboxArgs),
}

/// What every command is given: the library's path, and where to print.
pub struct Context<'a> {
    pub library: &'a Path,
    pub json: bool,
    pub out: &'a mut dyn Write,
}

impl Context<'_> {
    /// For commands that only read: a missing or empty file is refused, and
    /// a library in a read-only file or folder is opened read-only.
    fn read(&self) -> Result<Library> {
        Ok(Library::open_for_reading(self.library)?)
    }

    /// For commands that change a story: the library must exist already.
    fn write(&self) -> Result<Library> {
        Ok(Library::open_existing(self.library)?)
    }

    /// For commands that add stories: the library is created if need be.
    fn create(&self) -> Result<Library> {
        Ok(Library::open(self.library)?)
    }

    /// `value` as pretty JSON and a newline.
    fn print_json(&mut self, value: &impl serde::Serialize) -> Result<()> {
        serde_json::to_writer_pretty(&mut *self.out, value)?;
        writeln!(self.out)?;
        Ok(())
    }
}

/// A value clap could not check by itself (it depends on another argument),
/// found wrong before the library was opened: a usage mistake, exit 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

pub fn run(command: Command, ctx: &mut Context<'_>) -> Result<()> {
    match command {
        Command::Import(args) => args.run(ctx),
        Command::List(args) => args.run(ctx),
        Command::Show(args) => args.run(ctx),
        Command::Search(args) => args.run(ctx),
        Command::Set(args) => args.run(ctx),
        Command::Media(args) => args.run(ctx),
        Command::Revisions(args) => args.run(ctx),
        Command::Restore(args) => args.run(ctx),
        Command::Render(args) => args.run(ctx),
        Command::Export(args) => args.run(ctx),
        Command::Backup(args) => args.run(ctx),
        Command::Check => check::run(ctx),
        Command::Whoami(args) => args.run(ctx),
        Command::Send(args) => args.run(ctx),
        Command::Receive(args) => args.run(ctx),
        Command::Diff(args) => args.run(ctx),
        Command::Comments(args) => args.run(ctx),
        Command::Suggestions(args) => args.run(ctx),
        Command::Targets(args) => args.run(ctx),
        Command::Push(args) => args.run(ctx),
        Command::Outbox(args) => args.run(ctx),
    }
}
