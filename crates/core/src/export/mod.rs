//! Stories leaving Dateline: one self-contained HTML page, Markdown for static
//! sites, IPTC ninjs, Arc ANS and WordPress WXR. Bytes in, bytes out: the caller
//! reads pictures from the library and writes the files.
//!
//! ```
//! use dateline_core::export::{export, file_name, ExportOptions, Format};
//! use dateline_core::Story;
//!
//! let mut story = Story::new("Council approves the river crossing");
//! story.body = "The vote was 7–2.".into();
//! let out = export(&story, Format::Ninjs, &ExportOptions::default()).unwrap();
//! assert!(out.bytes.starts_with(b"{"));
//! assert_eq!(file_name(&story, Format::Ninjs), "council-approves-the-river-crossing.ninjs.json");
//! ```
//!
//! Every HTML that leaves goes through the same sanitiser as the preview,
//! internal notes are never written, in any format, and every format starts
//! from [`crate::render::output_story`] ([`Story::cleaned`], the body's
//! suggestions not taken and its review comments left out), so no control
//! character and no CriticMarkup leaves even when one got into the story.

pub mod ans;
pub mod cms;
pub mod html;
pub mod markdown;
pub mod ninjs;
pub mod wxr;

use std::io::Write;

use crate::render::{RenderError, DEFAULT_DATELINE_SEPARATOR};
use crate::{Media, Story};

/// Why an export failed. Each reads as one sentence.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0:?} is not an export format (use html, md, ninjs, ans or wxr)")]
    UnknownFormat(String),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("could not write the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not write the JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The formats a story can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One self-contained HTML5 page, pictures inlined.
    Html,
    /// Markdown with YAML front matter (Hugo, Jekyll, Astro), pictures beside it.
    Markdown,
    /// IPTC ninjs 2.2 JSON.
    Ninjs,
    /// Arc XP ANS 0.10.12 story JSON.
    Ans,
    /// WordPress eXtended RSS 1.2, for the WordPress importer.
    Wxr,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Html,
        Format::Markdown,
        Format::Ninjs,
        Format::Ans,
        Format::Wxr,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Ninjs => "ninjs",
            Format::Ans => "ans",
            Format::Wxr => "wxr",
        }
    }

    /// Accepts the command-line names and a few common spellings.
    pub fn parse(text: &str) -> Result<Format, ExportError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "html" | "htm" => Ok(Format::Html),
            "md" | "markdown" | "hugo" => Ok(Format::Markdown),
            "ninjs" => Ok(Format::Ninjs),
            "ans" | "arc" => Ok(Format::Ans),
            "wxr" | "wordpress" | "wp" => Ok(Format::Wxr),
            _ => Err(ExportError::UnknownFormat(text.to_owned())),
        }
    }

    /// The file-name extension proper (`json` for both JSON formats).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Ninjs | Format::Ans => "json",
            Format::Wxr => "xml",
        }
    }

    /// What follows the slug in a file name: the JSON formats say which they
    /// are, so both can sit in one folder.
    pub fn suffix(self) -> &'static str {
        match self {
            Format::Ninjs => "ninjs.json",
            Format::Ans => "ans.json",
            other => other.extension(),
        }
    }

    /// The media type of the exported file.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Ninjs | Format::Ans => "application/json",
            Format::Wxr => "application/rss+xml",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Format {
    type Err = ExportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::parse(s)
    }
}

/// Longest slug, in bytes (slugs are ASCII): long enough to read, short enough
/// for any file system with a folder path in front.
pub const MAX_SLUG: usize = 80;

/// Names Windows refuses as file names whatever the extension.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The story's slug: the headline in `[a-z0-9-]` (accents and other scripts
/// transliterated), at most [`MAX_SLUG`] bytes, or `story-<id>` when the
/// headline gives nothing. Safe as a file name on every system: no dots, no
/// slashes, so no path can be smuggled in through a headline.
pub fn slug(story: &Story) -> String {
    let mut slug = slug::slugify(&story.headline);
    if slug.len() > MAX_SLUG {
        // Cut at a word break when there is one in the second half.
        let head = crate::render::prefix(&slug, MAX_SLUG);
        let cut = head
            .rfind('-')
            .filter(|&i| i > MAX_SLUG / 2)
            .unwrap_or(head.len());
        slug = slug[..cut].trim_end_matches('-').to_owned();
    }
    if slug.is_empty() {
        return format!("story-{}", story.id);
    }
    if WINDOWS_RESERVED.contains(&slug.as_str()) {
        slug.push_str("-story");
    }
    slug
}

/// The file name of a story exported to `format`: `slug.suffix`.
pub fn file_name(story: &Story, format: Format) -> String {
    format!("{}.{}", slug(story), format.suffix())
}

/// A picture file the caller writes beside the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureFile {
    /// A bare file name (`[a-z0-9-.]`), relative to the exported file's folder.
    pub file_name: String,
    /// Which picture of `story.media` to write.
    pub media_index: usize,
}

const PICTURE_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "tif", "tiff", "heic", "heif", "bmp",
];

/// The file name of picture `index`, beside the export: `slug-N.ext`, so the
/// pictures of many stories can share one folder. `None` when the picture
/// has no file.
pub fn picture_file_name(story: &Story, index: usize) -> Option<String> {
    let file = story.media.get(index)?.file.as_ref()?;
    let ext = match file.mime.to_ascii_lowercase().as_str() {
        "image/jpeg" | "image/jpg" => "jpg".to_owned(),
        "image/png" => "png".to_owned(),
        "image/gif" => "gif".to_owned(),
        "image/webp" => "webp".to_owned(),
        "image/avif" => "avif".to_owned(),
        "image/svg+xml" => "svg".to_owned(),
        // An unknown type keeps its name's extension only when that names a
        // picture: a "photo" called `x.html` must not become a page beside the export.
        _ => file
            .file_name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .filter(|ext| PICTURE_EXTENSIONS.contains(&ext.as_str()))
            .unwrap_or_else(|| "bin".to_owned()),
    };
    Some(format!("{}-{}.{ext}", slug(story), index + 1))
}

/// Every picture of the story that has a file, named for writing beside it.
pub fn picture_files(story: &Story) -> Vec<PictureFile> {
    (0..story.media.len())
        .filter_map(|i| {
            picture_file_name(story, i).map(|file_name| PictureFile {
                file_name,
                media_index: i,
            })
        })
        .collect()
}

/// A provider that has no picture bytes.
pub fn no_bytes(_: &Media) -> Option<Vec<u8>> {
    None
}

/// How to export.
pub struct ExportOptions<'a> {
    /// The bytes of a picture, from the library: the HTML export inlines them.
    pub media_bytes: &'a dyn Fn(&Media) -> Option<Vec<u8>>,
    /// Where the pictures will be published (`https://cdn.example/2025/`):
    /// ninjs, ANS and WXR then give each picture its full URL. Without it, they
    /// name the file written beside the export, which a CMS cannot fetch.
    pub media_base_url: Option<String>,
    /// Set between the dateline's place and the first words ("KABUL –").
    pub dateline_separator: String,
    /// The story's language (BCP 47).
    pub lang: String,
}

impl Default for ExportOptions<'_> {
    fn default() -> Self {
        Self {
            media_bytes: &no_bytes,
            media_base_url: None,
            dateline_separator: DEFAULT_DATELINE_SEPARATOR.to_owned(),
            lang: "en".to_owned(),
        }
    }
}

impl ExportOptions<'_> {
    /// Where picture `index` will be found: an absolute URL under
    /// `media_base_url`, else the bare file name beside the export.
    pub fn picture_url(&self, story: &Story, index: usize) -> Option<String> {
        let name = picture_file_name(story, index)?;
        Some(match self.base_url() {
            Some(base) => format!("{base}/{name}"),
            None => name,
        })
    }

    /// The base URL when it is a usable http(s) link, without a trailing slash.
    fn base_url(&self) -> Option<&str> {
        let base = self.media_base_url.as_deref()?.trim().trim_end_matches('/');
        crate::check_url("media_base_url", base).ok()?;
        Some(base)
    }

    /// Picture `index`'s URL only when it is absolute (for fields that must
    /// hold a full URI).
    pub(crate) fn absolute_picture_url(&self, story: &Story, index: usize) -> Option<String> {
        self.base_url()?;
        self.picture_url(story, index)
    }
}

/// A finished export: the file's bytes and the pictures to write beside it.
#[derive(Debug, Clone)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub pictures: Vec<PictureFile>,
}

/// Exports one story to `format`, in memory.
pub fn export(
    story: &Story,
    format: Format,
    opts: &ExportOptions<'_>,
) -> Result<Exported, ExportError> {
    let mut bytes = Vec::with_capacity(story.body.len() * 2 + 4096);
    let pictures = export_to(story, format, opts, &mut bytes)?;
    Ok(Exported { bytes, pictures })
}

/// Exports one story to `format` straight into `out`; returns the pictures to
/// write beside it.
pub fn export_to(
    story: &Story,
    format: Format,
    opts: &ExportOptions<'_>,
    out: &mut dyn Write,
) -> Result<Vec<PictureFile>, ExportError> {
    match format {
        Format::Html => {
            out.write_all(html::to_html(story, opts)?.as_bytes())?;
            Ok(Vec::new())
        }
        Format::Markdown => {
            let md = markdown::to_markdown(story);
            out.write_all(md.text.as_bytes())?;
            Ok(md.pictures)
        }
        Format::Ninjs => {
            ninjs::write_ninjs(story, opts, &mut *out)?;
            Ok(picture_files(story))
        }
        Format::Ans => {
            ans::write_ans(story, opts, &mut *out)?;
            Ok(picture_files(story))
        }
        Format::Wxr => {
            let mut writer = wxr::WxrWriter::new(out, &wxr::Channel::default())?;
            writer.write_story(story, opts)?;
            writer.finish()?;
            Ok(picture_files(story))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MediaFile;

    #[test]
    fn formats_parse_and_name_files() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.as_str()).ok(), Some(f));
            assert_eq!(f.as_str().parse::<Format>().ok(), Some(f));
        }
        assert!(Format::parse("docx").is_err());
        let s = Story::new("Council approves the river crossing");
        assert_eq!(
            file_name(&s, Format::Html),
            "council-approves-the-river-crossing.html"
        );
        assert_eq!(
            file_name(&s, Format::Ans),
            "council-approves-the-river-crossing.ans.json"
        );
        assert_eq!(
            file_name(&s, Format::Wxr),
            "council-approves-the-river-crossing.xml"
        );
    }

    #[test]
    fn slugs_cannot_escape_the_folder() {
        for headline in [
            "../../etc/passwd",
            "..\\..\\Windows\\System32",
            "/absolute/path",
            "C:\\boot.ini",
            "name\0with\nnul",
            "...",
            "CON",
            &"very long headline ".repeat(20),
            "Überraschung in São Paulo — 北京 🎉",
        ] {
            let s = Story::new(headline);
            let slug = slug(&s);
            assert!(!slug.is_empty() && slug.len() <= MAX_SLUG, "{slug}");
            assert!(
                slug.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{headline:?} gave {slug:?}"
            );
            assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{slug}");
            assert_ne!(slug, "con");
        }
        let empty = Story::new("¿¡…!?");
        assert!(slug(&empty).starts_with("story-"), "{}", slug(&empty));
        assert_eq!(
            slug(&Story::new("Überraschung in São Paulo")),
            "uberraschung-in-sao-paulo"
        );
    }

    #[test]
    fn picture_names_are_safe() {
        let mut s = Story::new("Bridge");
        s.media.push(Media {
            file: Some(MediaFile {
                hash: "ab".into(),
                file_name: "../../x.sh".into(),
                mime: "application/octet-stream".into(),
                size: 1,
            }),
            ..Media::default()
        });
        s.media.push(Media {
            file: Some(MediaFile {
                hash: "cd".into(),
                file_name: "p.JPG".into(),
                mime: "image/x-unknown".into(),
                size: 1,
            }),
            ..Media::default()
        });
        s.media.push(Media::default());
        assert_eq!(picture_file_name(&s, 0).as_deref(), Some("bridge-1.bin"));
        assert_eq!(picture_file_name(&s, 1).as_deref(), Some("bridge-2.jpg"));
        assert_eq!(picture_file_name(&s, 2), None);
        assert_eq!(picture_files(&s).len(), 2);
        let opts = ExportOptions {
            media_base_url: Some("https://cdn.example/p/".into()),
            ..ExportOptions::default()
        };
        assert_eq!(
            opts.picture_url(&s, 1).as_deref(),
            Some("https://cdn.example/p/bridge-2.jpg")
        );
        let bad = ExportOptions {
            media_base_url: Some("javascript:alert(1)//".into()),
            ..ExportOptions::default()
        };
        assert_eq!(bad.picture_url(&s, 1).as_deref(), Some("bridge-2.jpg"));
    }
}
