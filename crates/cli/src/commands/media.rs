//! `dateline media`: a story's pictures from the command line, so a script
//! can build a whole story without the window. Pictures are numbered from 1
//! in the order the story shows them.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{anyhow, Result};
use clap::{Args, Subcommand, ValueEnum};
use dateline_core::{Media, Story};
use dateline_store::{Library, Origin, SaveKind, MAX_MEDIA_BYTES};
use serde::Serialize;

use super::{Context, UsageError};
use crate::output::line;

#[derive(Debug, Args)]
pub struct MediaArgs {
    #[command(subcommand)]
    command: MediaCommand,
}

#[derive(Debug, Subcommand)]
enum MediaCommand {
    /// Attach a picture file (JPEG, PNG, GIF, WebP or AVIF) to a story.
    Add {
        /// The story's id, or the start of one.
        id: String,
        /// The picture file (at most 50 MB).
        file: PathBuf,
        /// What the picture shows, as printed under it.
        #[arg(long)]
        caption: Option<String>,
        /// Who to credit: "Photo: Jane Doe/Agency".
        #[arg(long)]
        credit: Option<String>,
        /// What the picture shows, for readers who cannot see it.
        #[arg(long)]
        alt: Option<String>,
        /// Usage rights or restrictions.
        #[arg(long)]
        rights: Option<String>,
        /// Make it the lead picture (any other loses the mark).
        #[arg(long)]
        hero: bool,
    },
    /// A story's pictures, numbered from 1.
    List {
        /// The story's id, or the start of one.
        id: String,
    },
    /// Set one part of a picture: `media set ID 2 credit "Photo: Jane Doe"`.
    Set {
        /// The story's id, or the start of one.
        id: String,
        /// The picture's number, as `media list` prints it.
        #[arg(value_parser = clap::value_parser!(u32).range(1..))]
        number: u32,
        /// The part to change.
        field: MediaField,
        /// The new text; for hero, true or false.
        value: String,
    },
    /// Take a picture off a story (earlier revisions keep it).
    Remove {
        /// The story's id, or the start of one.
        id: String,
        /// The picture's number, as `media list` prints it.
        #[arg(value_parser = clap::value_parser!(u32).range(1..))]
        number: u32,
    },
}

/// The parts of a picture `media set` can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MediaField {
    Caption,
    Credit,
    #[value(name = "alt_text", alias = "alt")]
    AltText,
    Rights,
    Hero,
}

/// A picture as `media list --json` prints it: its number, then its parts.
#[derive(Serialize)]
struct Numbered<'a> {
    number: usize,
    #[serde(flatten)]
    media: &'a Media,
}

impl MediaArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        match self.command {
            MediaCommand::Add {
                id,
                file,
                caption,
                credit,
                alt,
                rights,
                hero,
            } => {
                // The file is read before the library is opened: a wrong path
                // changes nothing.
                let bytes = dateline_store::read_capped(&file, MAX_MEDIA_BYTES as u64)
                    .map_err(|reason| anyhow!("{}: {reason}", file.display()))?;
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let mut lib = ctx.write()?;
                let mut story = lib.get_story(lib.resolve_id(&id)?)?;
                let stored = lib.put_media_file(&name, &bytes)?;
                story.media.push(Media {
                    file: Some(stored),
                    caption: caption.unwrap_or_default(),
                    credit: credit.unwrap_or_default(),
                    alt_text: alt.unwrap_or_default(),
                    rights: rights.unwrap_or_default(),
                    ..Media::default()
                });
                let number = story.media.len();
                if hero {
                    make_hero(&mut story, number - 1);
                }
                save(ctx, &mut lib, &story, Some(number))
            }
            MediaCommand::List { id } => {
                let lib = ctx.read()?;
                let story = lib.get_story(lib.resolve_id(&id)?)?;
                if ctx.json {
                    let numbered: Vec<_> = story
                        .media
                        .iter()
                        .enumerate()
                        .map(|(i, media)| Numbered {
                            number: i + 1,
                            media,
                        })
                        .collect();
                    return ctx.print_json(&numbered);
                }
                for (i, m) in story.media.iter().enumerate() {
                    print_picture(ctx.out, i + 1, m)?;
                }
                Ok(())
            }
            MediaCommand::Set {
                id,
                number,
                field,
                value,
            } => {
                let hero = match field {
                    MediaField::Hero => Some(parse_bool(&value)?),
                    _ => None,
                };
                let mut lib = ctx.write()?;
                let mut story = lib.get_story(lib.resolve_id(&id)?)?;
                let index = picture_index(&story, number)?;
                if hero == Some(true) {
                    make_hero(&mut story, index);
                } else {
                    let picture = &mut story.media[index];
                    match field {
                        MediaField::Caption => picture.caption = value,
                        MediaField::Credit => picture.credit = value,
                        MediaField::AltText => picture.alt_text = value,
                        MediaField::Rights => picture.rights = value,
                        MediaField::Hero => picture.hero = false,
                    }
                }
                save(ctx, &mut lib, &story, None)
            }
            MediaCommand::Remove { id, number } => {
                let mut lib = ctx.write()?;
                let mut story = lib.get_story(lib.resolve_id(&id)?)?;
                let index = picture_index(&story, number)?;
                story.media.remove(index);
                save(ctx, &mut lib, &story, None)
            }
        }
    }
}

/// A story has one hero at most (the model refuses two): marking one clears
/// the others.
fn make_hero(story: &mut Story, index: usize) {
    for (i, m) in story.media.iter_mut().enumerate() {
        m.hero = i == index;
    }
}

fn parse_bool(value: &str) -> Result<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(UsageError(format!("hero is true or false, not {value:?}")).into()),
    }
}

/// The index of picture `number` (from 1), or why there is none.
fn picture_index(story: &Story, number: u32) -> Result<usize> {
    let index = usize::try_from(number)
        .unwrap_or(usize::MAX)
        .saturating_sub(1);
    if index < story.media.len() {
        return Ok(index);
    }
    Err(anyhow!(
        "the story {} has {} picture{}; there is no picture {number}",
        story.id,
        story.media.len(),
        if story.media.len() == 1 { "" } else { "s" }
    ))
}

/// Saves the story (an explicit save: each change is a revision) and says
/// what was saved; `added` is the number of a picture just added.
fn save(
    ctx: &mut Context<'_>,
    lib: &mut Library,
    story: &Story,
    added: Option<usize>,
) -> Result<()> {
    let saved = lib.save_story(story, SaveKind::Explicit, Origin::Cli)?;
    if ctx.json {
        return ctx.print_json(&saved.document());
    }
    match added {
        Some(number) => writeln!(
            ctx.out,
            "{} version {} picture {number}",
            saved.id, saved.version
        )?,
        None => writeln!(ctx.out, "{} version {}", saved.id, saved.version)?,
    }
    Ok(())
}

/// A picture's number, file and mark on one line, then each part it has.
fn print_picture(out: &mut dyn Write, number: usize, m: &Media) -> Result<()> {
    let file = match &m.file {
        Some(f) => format!(
            "{}, {}, {} bytes",
            line(&f.file_name),
            line(&f.mime),
            f.size
        ),
        None => "(file missing)".to_owned(),
    };
    let hero = if m.hero { "(hero) " } else { "" };
    writeln!(out, "{number:>3}  {hero}{file}")?;
    for (label, value) in [
        ("caption", &m.caption),
        ("credit", &m.credit),
        ("alt text", &m.alt_text),
        ("rights", &m.rights),
    ] {
        if !value.is_empty() {
            writeln!(out, "     {label:<9}{}", line(value))?;
        }
    }
    Ok(())
}
