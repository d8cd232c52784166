//! Stories leaving the library as files: one story to one file, or many into a
//! folder, one at a time so memory stays flat however many there are.
//!
//! A story that fails is reported and the others go on. Files are written to a
//! temporary name and renamed, so a half-written export never looks finished.
//! A single export is flushed to disk before it is renamed; a batch is not,
//! file by file: the flushes were most of a 10,000-story export's time, and
//! every export can be made again from the library.

use std::collections::HashSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use dateline_core::export::{self, wxr, ExportOptions, Format, PictureFile};
use dateline_core::{Media, Story, StoryId};
use serde::Serialize;

use crate::error::{Result, StoreError};
use crate::Library;

/// How far a batch export has got, for a progress bar.
#[derive(Debug, Clone, Serialize)]
pub struct ExportProgress {
    pub done: usize,
    pub total: usize,
    /// The headline of the story just finished.
    pub headline: String,
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

impl ExportReport {
    /// Counts one story's outcome and tells the progress bar.
    fn tally(
        &mut self,
        id: StoryId,
        done: usize,
        total: usize,
        outcome: Result<String>,
        progress: &mut dyn FnMut(&ExportProgress),
    ) {
        let headline = match outcome {
            Ok(headline) => {
                self.exported += 1;
                headline
            }
            Err(e) => {
                self.failures.push(ExportFailure {
                    id: id.to_string(),
                    message: e.to_string(),
                });
                String::new()
            }
        };
        progress(&ExportProgress {
            done,
            total,
            headline,
        });
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Whether a file is flushed to disk before it takes its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flush {
    Each,
    Batch,
}

/// Writes a file through a temporary file beside `path`.
fn write_atomically(
    path: &Path,
    flush: Flush,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".partial");
    let tmp = PathBuf::from(tmp);
    let result = (|| {
        let file = std::fs::File::create(&tmp).map_err(io_err(&tmp))?;
        let mut out = BufWriter::new(file);
        fill(&mut out)?;
        let file = out.into_inner().map_err(|e| io_err(&tmp)(e.into_error()))?;
        if flush == Flush::Each {
            file.sync_all().map_err(io_err(&tmp))?;
        }
        drop(file);
        std::fs::rename(&tmp, path).map_err(io_err(path))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn export_err(e: export::ExportError) -> StoreError {
    StoreError::Export(e.to_string())
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
        flush: Flush,
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
        self.export_one(&story, format, path, Flush::Each)
    }

    fn export_one(
        &self,
        story: &Story,
        format: Format,
        path: &Path,
        flush: Flush,
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
            pictures = export::export_to(story, format, &opts, out).map_err(export_err)?;
            Ok(())
        })?;
        let mut files = vec![path.to_path_buf()];
        self.write_pictures(story, &pictures, &dir, flush, &mut files)?;
        Ok(files)
    }

    /// Exports many stories into the folder `dir`: a file per story named by
    /// its slug (WXR: one `stories.xml` holding them all). `progress` is told
    /// after each story.
    pub fn export_stories(
        &self,
        ids: &[StoryId],
        format: Format,
        dir: &Path,
        progress: &mut dyn FnMut(&ExportProgress),
    ) -> Result<ExportReport> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let mut report = ExportReport::default();
        let total = ids.len();
        if format == Format::Wxr {
            let path = dir.join("stories.xml");
            let provider = self.media_provider();
            let opts = ExportOptions {
                media_bytes: &provider,
                ..ExportOptions::default()
            };
            let mut pictures_to_write = Vec::new();
            write_atomically(&path, Flush::Each, |out| {
                let mut writer =
                    wxr::WxrWriter::new(out, &wxr::Channel::default()).map_err(export_err)?;
                for (done, id) in ids.iter().enumerate() {
                    let outcome = self.get_story(*id).and_then(|story| {
                        writer.write_story(&story, &opts).map_err(export_err)?;
                        Ok(story)
                    });
                    let outcome = outcome.map(|story| {
                        let headline = story.headline.clone();
                        pictures_to_write.push(story);
                        headline
                    });
                    report.tally(*id, done + 1, total, outcome, progress);
                }
                writer.finish().map_err(export_err)?;
                Ok(())
            })?;
            report.files.push(path);
            for story in pictures_to_write {
                let pictures = export::picture_files(&story);
                self.write_pictures(&story, &pictures, dir, Flush::Batch, &mut report.files)?;
            }
            return Ok(report);
        }

        let mut used = HashSet::new();
        for (done, id) in ids.iter().enumerate() {
            let outcome = self.get_story(*id).and_then(|story| {
                // Two stories with one headline: the second goes in a folder
                // named by its id, so neither overwrites the other.
                let name = export::file_name(&story, format);
                let target_dir = if used.insert(name.clone()) {
                    dir.to_path_buf()
                } else {
                    dir.join(story.id.to_string())
                };
                let files =
                    self.export_one(&story, format, &target_dir.join(&name), Flush::Batch)?;
                Ok((story.headline, files))
            });
            let outcome = outcome.map(|(headline, files)| {
                report.files.extend(files);
                headline
            });
            report.tally(*id, done + 1, total, outcome, progress);
        }
        Ok(report)
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
