//! `dateline comments`: a story's comments with the words they are about,
//! their replies, and whether they are resolved.

use anyhow::Result;
use clap::Args;
use dateline_core::review::fields;

use super::Context;
use crate::output::{line, visible, Layout};

#[derive(Debug, Args)]
pub struct CommentsArgs {
    /// The story's id, or the start of one.
    id: String,
}

impl CommentsArgs {
    pub fn run(self, ctx: &mut Context<'_>) -> Result<()> {
        let lib = ctx.read()?;
        let story = lib.get_story(lib.resolve_id(&self.id)?)?;
        if ctx.json {
            return ctx.print_json(&story.notes);
        }
        if story.notes.is_empty() {
            writeln!(ctx.out, "no comments")?;
        }
        for (i, note) in story.notes.iter().enumerate() {
            if i > 0 {
                writeln!(ctx.out)?;
            }
            let mut head = format!(
                "{} · {}",
                note.author,
                note.created_at.format("%-d %b %Y %H:%M")
            );
            match &note.anchor {
                Some(a) if a.removed => head.push_str(&format!(
                    " · {}: text removed (was “{}”)",
                    fields::label(&story, &a.field),
                    a.exact
                )),
                Some(a) => head.push_str(&format!(
                    " · {}: “{}”",
                    fields::label(&story, &a.field),
                    a.exact
                )),
                None => head.push_str(" · the whole story"),
            }
            if let Some(r) = &note.resolved {
                head.push_str(&format!(
                    " · ✓ resolved by {} {}",
                    r.by,
                    r.at.format("%-d %b %H:%M")
                ));
            }
            writeln!(ctx.out, "{}", line(&head))?;
            writeln!(ctx.out, "{}", indent(&note.text, "  "))?;
            for reply in &note.replies {
                writeln!(
                    ctx.out,
                    "    ↳ {} · {}",
                    line(&reply.author),
                    reply.created_at.format("%-d %b %H:%M")
                )?;
                writeln!(ctx.out, "{}", indent(&reply.text, "      "))?;
            }
        }
        Ok(())
    }
}

/// Running text, each line indented.
fn indent(text: &str, by: &str) -> String {
    visible(text, Layout::Block)
        .lines()
        .map(|l| format!("{by}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
