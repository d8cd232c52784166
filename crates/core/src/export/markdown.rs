//! Markdown with YAML front matter for static sites, pictures written beside
//! it. The text is [`crate::frontmatter::to_markdown`], so importing the file
//! gives the story back.

use super::{picture_file_name, picture_files, PictureFile};
use crate::Story;

/// The Markdown file and the pictures to write beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownExport {
    pub text: String,
    pub pictures: Vec<PictureFile>,
}

/// The story as Markdown; each picture with a file is named in the front
/// matter by the file name it is to be written under.
pub fn to_markdown(story: &Story) -> MarkdownExport {
    let story = &*crate::render::for_export(story);
    MarkdownExport {
        text: crate::frontmatter::to_markdown(story, |i, _| picture_file_name(story, i)),
        pictures: picture_files(story),
    }
}
