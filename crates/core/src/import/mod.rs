//! Stories coming in: pasted plain text (wire copy, web pages) and Markdown files.

mod pasted;

pub use pasted::parse_pasted;

use crate::frontmatter::{self, FrontMatterError};
use crate::{ModelError, Status, Story};

/// Largest file or paste accepted for import. Larger input is refused whole.
pub const MAX_IMPORT_BYTES: usize = 2_000_000;

/// File name extensions imported as stories: pasted-text files and Markdown.
pub const STORY_EXTENSIONS: [&str; 4] = ["txt", "text", "md", "markdown"];

/// Why a text could not become a story. Each reads as one sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {0} bytes; stories over {MAX_IMPORT_BYTES} bytes are not imported")]
    TooLarge(usize),
    #[error("the file looks binary, not text (a byte 0 at position {0})")]
    Binary(usize),
    #[error("the file is not UTF-8 text (invalid byte at position {0})")]
    NotUtf8(usize),
    #[error("no headline found: a story needs a first line short enough to be its headline")]
    NoHeadline,
    #[error(transparent)]
    FrontMatter(#[from] FrontMatterError),
    #[error(transparent)]
    Invalid(#[from] ModelError),
}

/// What kind of text an import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text pasted from a web page or a wire feed.
    Pasted,
    /// Markdown, with or without front matter.
    Markdown,
}

impl Kind {
    /// Guesses from a file name and the first bytes.
    pub fn guess(file_name: &str, text: &str) -> Kind {
        let lower = file_name.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") || text.starts_with("---\n") {
            Kind::Markdown
        } else {
            Kind::Pasted
        }
    }
}

/// Checks raw bytes are text worth importing and gives the text.
pub fn as_text(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge(bytes.len()));
    }
    if let Some(pos) = bytes.iter().position(|b| *b == 0) {
        return Err(ImportError::Binary(pos));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8(e.valid_up_to()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(text)
}

/// A story read from a file, with the picture files its Markdown names.
#[derive(Debug, Clone)]
pub struct Imported {
    pub story: Story,
    pub image_sources: Vec<String>,
    /// What the file said that the import did not apply, one plain sentence
    /// each ("the file says status: exported; imported stories start as drafts").
    pub notices: Vec<String>,
}

/// Turns a file's bytes into a validated draft. Every import is a draft: a
/// status the file gives is reported in [`Imported::notices`], not applied,
/// so no file moves a story past the desk's workflow.
pub fn import_bytes(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = as_text(bytes)?;
    let mut imported = match Kind::guess(file_name, text) {
        Kind::Markdown => {
            let md = frontmatter::from_markdown(text)?;
            let notices = md
                .status_in_file
                .map(|said| format!("the file says {said}; imported stories start as drafts"))
                .into_iter()
                .collect();
            Imported {
                story: md.story,
                image_sources: md.image_sources,
                notices,
            }
        }
        Kind::Pasted => Imported {
            story: parse_pasted(text),
            image_sources: Vec::new(),
            notices: Vec::new(),
        },
    };
    imported.story.status = Status::Draft;
    // Every way in cleans text the same way (the store does it again on
    // every write): no control characters, one kind of line break.
    imported.story.clean_text();
    if imported.story.headline.trim().is_empty() {
        // A story too big to keep, or a field over its limit, is the reason to
        // give: a headline would not make it importable.
        let mut with_headline = imported.story.clone();
        with_headline.headline = "-".into();
        with_headline.validate()?;
        return Err(ImportError::NoHeadline);
    }
    imported.story.validate()?;
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_are_refused_clearly() {
        assert_eq!(import_bytes("a.txt", b"").unwrap_err(), ImportError::Empty);
        assert_eq!(
            import_bytes("a.txt", b" \n\t").unwrap_err(),
            ImportError::Empty
        );
        assert_eq!(
            import_bytes("a.txt", b"Head\xff line").unwrap_err(),
            ImportError::NotUtf8(4)
        );
        assert_eq!(
            import_bytes("a.png", b"\x89PNG\r\n\x1a\n\0\0").unwrap_err(),
            ImportError::Binary(8)
        );
        let big = vec![b'a'; MAX_IMPORT_BYTES + 1];
        assert!(matches!(
            import_bytes("a.txt", &big).unwrap_err(),
            ImportError::TooLarge(_)
        ));
        let err = import_bytes("a.md", b"---\ntitle: ''\n---\nJust a body.\n").unwrap_err();
        assert_eq!(err, ImportError::NoHeadline);
    }

    /// A short capitals line over a body of nearly 2 MB: the line reads as a
    /// kicker and no line is short enough for a headline, but the reason the
    /// file cannot come in is the body's size.
    #[test]
    fn the_size_is_the_reason_not_the_headline() {
        let mut text = String::from("FLOOD WARNING\n\n");
        let sentence = "The river rose again overnight and the council closed the lower road. ";
        while text.len() + sentence.len() < MAX_IMPORT_BYTES {
            text.push_str(sentence);
        }
        assert!(text.len() > crate::MAX_BODY_BYTES && text.len() <= MAX_IMPORT_BYTES);
        let err = import_bytes("flood.txt", text.as_bytes()).unwrap_err();
        assert!(
            matches!(&err, ImportError::Invalid(ModelError::BadValue { field, .. }) if field == "body"),
            "{err}"
        );
        assert!(err.to_string().contains("MB"), "{err}");

        // The same in Markdown, whose front matter names no title.
        let md = format!("---\nkicker: Weather\n---\n{}", &text[15..]);
        let err = import_bytes("flood.md", md.as_bytes()).unwrap_err();
        assert!(matches!(&err, ImportError::Invalid(_)), "{err}");

        // With no other reason, a missing headline is still named.
        let err = import_bytes("a.txt", "word ".repeat(100).as_bytes()).unwrap_err();
        assert_eq!(err, ImportError::NoHeadline);
    }

    #[test]
    fn front_matter_cannot_move_an_import_past_draft() {
        for (front, said) in [
            ("status: exported", "status: exported"),
            ("status: ready", "status: ready"),
            ("draft: false", "draft: false"),
            ("params:\n  status: in_review", "status: in_review"),
        ] {
            let md = format!("---\ntitle: Bridge opens\n{front}\n---\n");
            let imported = import_bytes("bridge.md", md.as_bytes()).unwrap();
            assert_eq!(imported.story.status, Status::Draft, "{front}");
            assert_eq!(
                imported.notices,
                [format!(
                    "the file says {said}; imported stories start as drafts"
                )],
                "{front}"
            );
        }
        let quiet = import_bytes(
            "b.md",
            b"---\ntitle: Bridge opens\ndraft: true\n---\nText.\n",
        );
        let quiet = quiet.unwrap();
        assert_eq!(quiet.story.status, Status::Draft);
        assert!(quiet.notices.is_empty());
        let pasted = import_bytes("b.txt", b"Bridge opens\n\nThe bridge opened.").unwrap();
        assert!(pasted.notices.is_empty());
    }
}
