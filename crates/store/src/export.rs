//! Stories leaving the library as files: one story to one file, or many into a
//! folder, one at a time so memory stays flat however many there are.
//!
//! A story that fails is reported and the others go on. Files are written to a
//! temporary name and renamed, so a half-written export never looks finished.
//! A single export is flushed to disk before it is renamed; a batch is not,
//! file by file: the flushes were most of a 10,000-story export's time, and
//! every export can be made again from the library.

use std::collections::HashSet;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use dateline_core::export::{self, wxr, ExportOptions, Format, PictureFile};
use dateline_core::{Media, Story, StoryId};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::files::{write_atomically, Durability};
use crate::Library;

/// How far a batch export has got, for a progress bar.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct ExportProgress {
    pub done: usize,
    pub total: usize,
    /// The headline of the story just finished (empty when it could not be read).
    pub headline: String,
    /// The file written for it.
    pub path: Option<String>,
    /// Why it was not written.
    pub error: Option<String>,
}

/// A story that could not be exported, and why.
#[derive(Debug, Clone, Serialize)]
pub struct ExportFailure {
    pub id: String,
    pub message: String,
}

/// What a batch export did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExportReport {
    /// Every file written, pictures included.
    pub files: Vec<PathBuf>,
    pub exported: usize,
    pub failures: Vec<ExportFailure>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// An export error keeps its cause: a disk that fails is `io`, not a fault of
/// the export.
fn export_err(path: &Path) -> impl FnOnce(export::ExportError) -> StoreError + '_ {
    move |e| match e {
        export::ExportError::Io(source) => StoreError::Io {
            path: path.to_path_buf(),
            source,
        },
        other => StoreError::Export(other.to_string()),
    }
}

impl Library {
    /// The picture bytes of a story's media, for exports that inline them.
    fn media_provider(&self) -> impl Fn(&Media) -> Option<Vec<u8>> + '_ {
        move |m: &Media| m.file.as_ref().and_then(|f| self.media_bytes(&f.hash).ok())
    }

    fn write_pictures(
        &self,
        story: &Story,
        pictures: &[PictureFile],
        dir: &Path,
        flush: Durability,
        files: &mut Vec<PathBuf>,
    ) -> Result<()> {
        for picture in pictures {
            let Some(hash) = story
                .media
                .get(picture.media_index)
                .and_then(|m| m.file.as_ref())
                .map(|f| f.hash.clone())
            else {
                continue;
            };
            let bytes = self.media_bytes(&hash)?;
            let path = dir.join(&picture.file_name);
            write_atomically(&path, flush, |out| {
                out.write_all(&bytes).map_err(io_err(&path))
            })?;
            files.push(path);
        }
        Ok(())
    }

    /// Exports one story to the file `path` (pictures beside it, where the
    /// format names them). Returns every file written.
    pub fn export_story(&self, id: StoryId, format: Format, path: &Path) -> Result<Vec<PathBuf>> {
        let story = self.get_story(id)?;
        self.export_one(&story, format, path, Durability::Flushed)
    }

    fn export_one(
        &self,
        story: &Story,
        format: Format,
        path: &Path,
        flush: Durability,
    ) -> Result<Vec<PathBuf>> {
        let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) => dir.to_path_buf(),
            None => PathBuf::from("."),
        };
        std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        let provider = self.media_provider();
        let opts = ExportOptions {
            media_bytes: &provider,
            ..ExportOptions::default()
        };
        let mut pictures = Vec::new();
        write_atomically(path, flush, |out| {
            pictures = export::export_to(story, format, &opts, out).map_err(export_err(path))?;
            Ok(())
        })?;
        let mut files = vec![path.to_path_buf()];
        self.write_pictures(story, &pictures, &dir, flush, &mut files)?;
        Ok(files)
    }

    /// Exports many stories into the folder `dir` (see [`ExportBatch`]).
    /// `progress` is told after each story.
    pub fn export_stories(
        &self,
        ids: &[StoryId],
        format: Format,
        dir: &Path,
        progress: &mut dyn FnMut(&ExportProgress),
    ) -> Result<ExportReport> {
        let mut batch = ExportBatch::new(format, dir, ids.len())?;
        for id in ids {
            let step = batch.add(self, *id);
            progress(&step);
        }
        batch.finish(self)
    }

    /// Every story's id, oldest first: for exporting the whole library.
    pub fn all_story_ids(&self) -> Result<Vec<StoryId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM stories ORDER BY rowid_key")?;
        let ids = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .map(|r| {
                r.map_err(StoreError::from).and_then(|text| {
                    StoryId::parse(&text).map_err(|e| StoreError::Decode(e.to_string()))
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(ids)
    }

    /// The preview page of a story as a reader will see it, pictures inlined.
    pub fn render_story(&self, id: StoryId) -> Result<String> {
        let story = self.get_story(id)?;
        self.render(&story)
    }

    /// Renders a story as it stands in the editor (not necessarily saved).
    pub fn render(&self, story: &Story) -> Result<String> {
        let src = |m: &Media| {
            let bytes = m
                .file
                .as_ref()
                .and_then(|f| self.media_bytes(&f.hash).ok())?;
            export::html::data_uri(m, bytes)
        };
        let opts = dateline_core::render::RenderOptions {
            image_src: &src,
            ..Default::default()
        };
        dateline_core::render::render_article(story, &opts)
            .map_err(|e| StoreError::Export(e.to_string()))
    }
}

/// One story's outcome in a batch export.
pub type ExportStep = ExportProgress;

/// A batch export into one folder, driven a story at a time so a caller can
/// let go of the library between stories (the app's autosave goes on
/// meanwhile): [`ExportBatch::add`] for each story, then
/// [`ExportBatch::finish`].
///
/// Each story is read once. Files are named by the story's slug; a second
/// story with the same slug goes in a folder named by its id, so neither
/// overwrites the other. WXR gathers every story into one `stories.xml`,
/// written to a temporary file as the batch goes and given its name at the
/// end, with the pictures beside it.
pub struct ExportBatch {
    format: Format,
    dir: PathBuf,
    total: usize,
    done: usize,
    used: HashSet<String>,
    wxr: Option<WxrBatch>,
    report: ExportReport,
}

/// The one WXR file a batch writes, and the pictures to put beside it.
struct WxrBatch {
    path: PathBuf,
    writer: wxr::WxrWriter<BufWriter<tempfile::NamedTempFile>>,
    /// (file name, content hash) of each picture the file names.
    pictures: Vec<(String, String)>,
}

impl ExportBatch {
    /// Starts a batch of `total` stories as `format` into `dir` (created).
    pub fn new(format: Format, dir: &Path, total: usize) -> Result<ExportBatch> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let wxr = if format == Format::Wxr {
            let path = dir.join("stories.xml");
            let tmp = crate::files::temporary_beside(&path)?;
            let writer = wxr::WxrWriter::new(BufWriter::new(tmp), &wxr::Channel::default())
                .map_err(export_err(&path))?;
            Some(WxrBatch {
                path,
                writer,
                pictures: Vec::new(),
            })
        } else {
            None
        };
        Ok(ExportBatch {
            format,
            dir: dir.to_path_buf(),
            total,
            done: 0,
            used: HashSet::new(),
            wxr,
            report: ExportReport::default(),
        })
    }

    /// Exports one story. A story that fails is reported in the step and in
    /// the final report; the batch goes on.
    pub fn add(&mut self, lib: &Library, id: StoryId) -> ExportStep {
        self.done += 1;
        let mut headline = String::new();
        let outcome = lib.get_story(id).and_then(|story| {
            headline.clone_from(&story.headline);
            self.write(lib, &story)
        });
        let (path, error) = match outcome {
            Ok(files) => {
                self.report.exported += 1;
                let first = files.first().map(|p| p.display().to_string());
                self.report.files.extend(files);
                (first, None)
            }
            Err(e) => {
                // A story that was read is named by its headline, else its id.
                let message = if headline.is_empty() {
                    e.to_string()
                } else {
                    format!("{headline}: {e}")
                };
                self.report.failures.push(ExportFailure {
                    id: id.to_string(),
                    message: message.clone(),
                });
                (None, Some(message))
            }
        };
        ExportProgress {
            done: self.done,
            total: self.total,
            headline,
            path,
            error,
        }
    }

    fn write(&mut self, lib: &Library, story: &Story) -> Result<Vec<PathBuf>> {
        if let Some(batch) = self.wxr.as_mut() {
            let provider = lib.media_provider();
            let opts = ExportOptions {
                media_bytes: &provider,
                ..ExportOptions::default()
            };
            batch
                .writer
                .write_story(story, &opts)
                .map_err(export_err(&batch.path))?;
            for picture in export::picture_files(story) {
                if let Some(file) = story
                    .media
                    .get(picture.media_index)
                    .and_then(|m| m.file.as_ref())
                {
                    batch.pictures.push((picture.file_name, file.hash.clone()));
                }
            }
            return Ok(Vec::new());
        }
        let name = export::file_name(story, self.format);
        let target_dir = if self.used.insert(name.clone()) {
            self.dir.clone()
        } else {
            self.dir.join(story.id.to_string())
        };
        lib.export_one(
            story,
            self.format,
            &target_dir.join(&name),
            Durability::Batch,
        )
    }

    /// Ends the batch: the WXR file takes its name and its pictures are
    /// written beside it. Returns what the whole batch did.
    pub fn finish(mut self, lib: &Library) -> Result<ExportReport> {
        if let Some(batch) = self.wxr.take() {
            let out = batch.writer.finish().map_err(export_err(&batch.path))?;
            let tmp = out
                .into_inner()
                .map_err(|e| io_err(&batch.path)(e.into_error()))?;
            tmp.as_file().sync_all().map_err(io_err(&batch.path))?;
            crate::files::persist(tmp, &batch.path)?;
            self.report.files.insert(0, batch.path.clone());
            for (name, hash) in batch.pictures {
                let path = self.dir.join(&name);
                let bytes = lib.media_bytes(&hash)?;
                write_atomically(&path, Durability::Batch, |out| {
                    out.write_all(&bytes).map_err(io_err(&path))
                })?;
                self.report.files.push(path);
            }
        }
        Ok(self.report)
    }
}
