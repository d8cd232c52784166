//! Stories coming in: pasted plain text (wire copy, web pages) and Markdown files.

mod plain;

pub use plain::parse_pasted;

use crate::frontmatter::{self, FrontMatterError};
use crate::{ModelError, Story};

/// Largest file or paste accepted for import. Larger input is refused whole.
pub const MAX_IMPORT_BYTES: usize = 2_000_000;

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
}

/// Turns a file's bytes into a validated draft.
pub fn import_bytes(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = as_text(bytes)?;
    let imported = match Kind::guess(file_name, text) {
        Kind::Markdown => {
            let md = frontmatter::from_markdown(text)?;
            Imported {
                story: md.story,
                image_sources: md.image_sources,
            }
        }
        Kind::Pasted => Imported {
            story: parse_pasted(text),
            image_sources: Vec::new(),
        },
    };
    if imported.story.headline.trim().is_empty() {
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
}
