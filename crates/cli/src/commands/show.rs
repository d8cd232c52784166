//! `dateline show`: one story, every part of it a person reads.

use std::io::Write;

use anyhow::Result;
use clap::Args;
use dateline_core::Story;

use super::Context;
use crate::output::{line, visible, Layout};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The story's id, or the start of one.
    id: String,
}

impl ShowArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let lib = ctx.read()?;
        let story = lib.get_story(lib.resolve_id(&self.id)?)?;
        if ctx.json {
            return ctx.print_json(&story.document());
        }
        print_story(ctx.out, &story)
    }
}

/// A labelled line per part that has a value, then the body.
fn print_story(out: &mut dyn Write, s: &Story) -> Result<()> {
    let mut part = |label: &str, value: &str| -> Result<()> {
        if !value.is_empty() {
            writeln!(out, "{label:<17}{}", line(value))?;
        }
        Ok(())
    };
    part("id", &s.id.to_string())?;
    part("status", s.status.label())?;
    part("kicker", &s.kicker)?;
    part("headline", &s.headline)?;
    part("  seo", &s.headlines.seo)?;
    part("  social", &s.headlines.social)?;
    part("  print", &s.headlines.print)?;
    part("standfirst", &s.standfirst)?;
    part("meta description", &s.meta_description)?;
    for b in &s.bylines {
        part("byline", format!("{} {}", b.name, b.role).trim())?;
    }
    part("dateline", &s.dateline.place)?;
    part(
        "date",
        &s.dateline.date.map(|d| d.to_string()).unwrap_or_default(),
    )?;
    part(
        "publish at",
        &s.publish_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
    )?;
    part("section", &s.section)?;
    part("tags", &s.tags.join(", "))?;
    part("focus keyphrase", &s.focus_keyphrase)?;
    part(
        "length",
        &format!("{} words, {} min read", s.word_count(), s.reading_minutes()),
    )?;
    for (i, m) in s.media.iter().enumerate() {
        part(
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
        part("related", format!("{} {}", r.title, r.url).trim())?;
    }
    part("notes", &s.notes.len().to_string())?;
    part("version", &s.version.to_string())?;
    writeln!(out, "\n{}", visible(&s.body, Layout::Block))?;
    Ok(())
}
