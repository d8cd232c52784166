//! What each command does: a thin layer over the core and the store.

use std::io::{Read, Write};
use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use dateline_core::export::Format;
use dateline_core::{import, Status, Story, StoryId};
use dateline_store::{Library, ListFilter, Origin, SaveKind};

use crate::Command;

pub fn run(command: Command, library: &Path, json: bool, out: &mut dyn Write) -> Result<()> {
    let mut lib = Library::open(library)?;
    match command {
        Command::Import { files } => import_files(&mut lib, &files, json, out),
        Command::List {
            status,
            section,
            limit,
        } => {
            let filter = ListFilter {
                status: status.as_deref().map(Status::parse).transpose()?,
                section,
                limit,
            };
            let rows = lib.list_stories(&filter)?;
            if json {
                return print_json(out, &rows);
            }
            for r in rows {
                writeln!(
                    out,
                    "{}  {:<9}  {}  {:>5}w  {}{}",
                    r.id,
                    r.status.as_str(),
                    r.updated_at.format("%Y-%m-%d %H:%M"),
                    r.word_count,
                    if r.kicker.is_empty() {
                        String::new()
                    } else {
                        format!("{}: ", r.kicker)
                    },
                    r.headline
                )?;
            }
            Ok(())
        }
        Command::Show { id } => {
            let story = lib.get_story(lib.resolve_id(&id)?)?;
            if json {
                return print_json(out, &story.document());
            }
            print_story(out, &story)
        }
        Command::Search { query, limit } => {
            let hits = lib.search(&query, limit)?;
            if json {
                return print_json(out, &hits);
            }
            for h in hits {
                let snippet: String = h
                    .snippet
                    .iter()
                    .map(|p| {
                        if p.hit {
                            format!("[{}]", p.text)
                        } else {
                            p.text.clone()
                        }
                    })
                    .collect::<String>()
                    .replace('\n', " ");
                writeln!(out, "{}  {}\n    {}", h.story.id, h.story.headline, snippet)?;
            }
            Ok(())
        }
        Command::Set { id, field, value } => {
            let id = lib.resolve_id(&id)?;
            let story = lib.get_story(id)?;
            let saved = if field == "status" {
                lib.set_status(id, Status::parse(&value)?, story.version, Origin::Cli)?
            } else {
                let mut edited = story;
                edited.set_field(&field, &value)?;
                lib.save_story(&edited, SaveKind::Explicit, Origin::Cli)?
            };
            if json {
                return print_json(out, &saved.document());
            }
            writeln!(out, "{} version {}", saved.id, saved.version)?;
            Ok(())
        }
        Command::Revisions { id } => {
            let revs = lib.list_revisions(lib.resolve_id(&id)?)?;
            if json {
                return print_json(out, &revs);
            }
            for r in revs {
                writeln!(
                    out,
                    "{:>6}  v{:<4} {:<8} {:<7} {}  {:>5}w  {}",
                    r.id,
                    r.version,
                    r.reason,
                    r.origin,
                    r.created_at.format("%Y-%m-%d %H:%M:%S"),
                    r.word_count,
                    r.headline
                )?;
            }
            Ok(())
        }
        Command::Restore { revision } => {
            let old = lib.get_revision(revision)?;
            let current = lib.get_story(old.id)?;
            let saved = lib.restore_revision(revision, current.version, Origin::Cli)?;
            writeln!(out, "{} version {}", saved.id, saved.version)?;
            Ok(())
        }
        Command::Render { id, out: path } => {
            let html = lib.render_story(lib.resolve_id(&id)?)?;
            match path {
                Some(path) => {
                    std::fs::write(&path, html).with_context(|| path.display().to_string())?;
                    writeln!(out, "{}", path.display())?;
                }
                None => out.write_all(html.as_bytes())?,
            }
            Ok(())
        }
        Command::Export {
            ids,
            all,
            format,
            out: path,
        } => {
            let format = Format::parse(&format)?;
            let ids = if all {
                lib.all_story_ids()?
            } else {
                ids.iter()
                    .map(|id| lib.resolve_id(id))
                    .collect::<Result<Vec<_>, _>>()?
            };
            export(&lib, &ids, format, &path, json, out)
        }
        Command::Backup { dest } => {
            lib.backup_to(&dest)?;
            writeln!(out, "{}", dest.display())?;
            Ok(())
        }
        Command::Check => {
            let verdict = lib.integrity_check()?;
            if verdict != "ok" {
                bail!("{} is damaged: {verdict}", library.display());
            }
            writeln!(out, "ok: {} stories", lib.count_stories()?)?;
            Ok(())
        }
    }
}

/// One story to a named file; otherwise a folder, with a progress bar.
fn export(
    lib: &Library,
    ids: &[StoryId],
    format: Format,
    path: &Path,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let single_file =
        ids.len() == 1 && format != Format::Wxr && !path.is_dir() && path.extension().is_some();
    if single_file {
        let files = lib.export_story(ids[0], format, path)?;
        if json {
            return print_json(out, &files);
        }
        for f in files {
            writeln!(out, "{}", f.display())?;
        }
        return Ok(());
    }
    let bar = ProgressBar::new();
    let report = lib.export_stories(ids, format, path, &mut |p| bar.show(p))?;
    bar.finish();
    if json {
        print_json(out, &report)?;
    } else {
        for f in &report.files {
            writeln!(out, "{}", f.display())?;
        }
    }
    for failure in &report.failures {
        eprintln!("dateline: {}: {}", failure.id, failure.message);
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

/// A progress bar on a terminal; a line every tenth of the way otherwise.
struct ProgressBar {
    terminal: bool,
}

impl ProgressBar {
    fn new() -> Self {
        use std::io::IsTerminal;
        Self {
            terminal: std::io::stderr().is_terminal(),
        }
    }

    fn show(&self, p: &dateline_store::ExportProgress) {
        if p.total == 0 {
            return;
        }
        if self.terminal {
            let width = 30;
            let filled = p.done * width / p.total;
            let headline: String = p.headline.chars().take(40).collect();
            eprint!(
                "\r[{}{}] {}/{} {:<40}",
                "#".repeat(filled),
                " ".repeat(width - filled),
                p.done,
                p.total,
                headline
            );
        } else if p.done == p.total || p.done.is_multiple_of((p.total / 10).max(1)) {
            eprintln!("exported {}/{}", p.done, p.total);
        }
    }

    fn finish(&self) {
        if self.terminal {
            eprintln!();
        }
    }
}

fn print_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

fn read_input(path: &Path) -> Result<(String, Vec<u8>)> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(import::MAX_IMPORT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        return Ok(("stdin.txt".to_owned(), bytes));
    }
    let meta = std::fs::metadata(path).context("cannot read it")?;
    if meta.is_dir() {
        bail!("it is a folder, not a file");
    }
    if meta.len() > import::MAX_IMPORT_BYTES as u64 {
        bail!(
            "the file is {} bytes; stories over {} bytes are not imported",
            meta.len(),
            import::MAX_IMPORT_BYTES
        );
    }
    let bytes = std::fs::read(path).context("cannot read it")?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, bytes))
}

/// Imports each file in its own transaction, printing each id as soon as the
/// story is in the library. A bad file is reported and the others go on.
fn import_files(
    lib: &mut Library,
    files: &[std::path::PathBuf],
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let mut imported: Vec<Story> = Vec::new();
    let mut failures = Vec::new();
    for path in files {
        match import_one(lib, path) {
            Ok(story) => {
                if !json {
                    writeln!(out, "{}", story.id)?;
                    out.flush()?;
                }
                imported.push(story);
            }
            Err(e) => {
                let line = format!("{}: {e:#}", path.display());
                if files.len() > 1 {
                    eprintln!("dateline: {line}");
                }
                failures.push(line);
            }
        }
    }
    if json {
        let docs: Vec<_> = imported.iter().map(Story::document).collect();
        print_json(out, &docs)?;
    }
    match failures.len() {
        0 => Ok(()),
        1 if files.len() == 1 => Err(anyhow!("{}", failures.remove(0))),
        n => Err(anyhow!("{n} of {} files were not imported", files.len())),
    }
}

fn import_one(lib: &mut Library, path: &Path) -> Result<Story> {
    let (name, bytes) = read_input(path)?;
    let imported = import::import_bytes(&name, &bytes)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let (story, missing) = lib.add_imported(imported, base, Origin::Import)?;
    for m in missing {
        eprintln!(
            "dateline: {}: picture {} not attached ({}); it is marked as missing",
            path.display(),
            m.path.display(),
            m.reason
        );
    }
    Ok(story)
}

fn print_story(out: &mut dyn Write, s: &Story) -> Result<()> {
    let mut line = |label: &str, value: &str| -> Result<()> {
        if !value.is_empty() {
            writeln!(out, "{label:<17}{value}")?;
        }
        Ok(())
    };
    line("id", &s.id.to_string())?;
    line("status", s.status.label())?;
    line("kicker", &s.kicker)?;
    line("headline", &s.headline)?;
    line("  seo", &s.headlines.seo)?;
    line("  social", &s.headlines.social)?;
    line("  print", &s.headlines.print)?;
    line("standfirst", &s.standfirst)?;
    line("meta description", &s.meta_description)?;
    for b in &s.bylines {
        line("byline", format!("{} {}", b.name, b.role).trim())?;
    }
    line("dateline", &s.dateline.place)?;
    line(
        "date",
        &s.dateline.date.map(|d| d.to_string()).unwrap_or_default(),
    )?;
    line(
        "publish at",
        &s.publish_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
    )?;
    line("section", &s.section)?;
    line("tags", &s.tags.join(", "))?;
    line("focus keyphrase", &s.focus_keyphrase)?;
    line(
        "length",
        &format!("{} words, {} min read", s.word_count(), s.reading_minutes()),
    )?;
    for (i, m) in s.media.iter().enumerate() {
        line(
            &format!("picture {}", i + 1),
            &format!(
                "{}{} [{}]{}",
                if m.hero { "(hero) " } else { "" },
                m.caption,
                m.credit,
                if m.file.is_none() {
                    " (file missing)"
                } else {
                    ""
                }
            ),
        )?;
    }
    for r in &s.related {
        line("related", format!("{} {}", r.title, r.url).trim())?;
    }
    line("notes", &s.notes.len().to_string())?;
    line("version", &s.version.to_string())?;
    writeln!(out, "\n{}", s.body)?;
    Ok(())
}
