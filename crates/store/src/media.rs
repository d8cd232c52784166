//! The `media` and `blobs` tables: a story's pictures, and their bytes kept once
//! by content hash however many stories or revisions use them.

use dateline_core::{Media, MediaFile, Story, StoryId};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use crate::convert::decode_err;
use crate::error::{Result, StoreError};
use crate::Library;

/// Largest picture accepted, in bytes.
pub const MAX_MEDIA_BYTES: usize = 50 * 1024 * 1024;

pub(crate) fn replace(tx: &Transaction<'_>, story: &Story) -> Result<()> {
    let id = story.id.to_string();
    tx.prepare_cached("DELETE FROM media WHERE story_id = ?1")?
        .execute([&id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO media (id, story_id, position, blob_hash, file_name, mime, caption, \
         credit, alt_text, rights, hero) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (position, m) in story.media.iter().enumerate() {
        insert
            .execute(params![
                m.id.to_string(),
                id,
                position as i64,
                m.file.as_ref().map(|f| &f.hash),
                m.file.as_ref().map(|f| f.file_name.as_str()).unwrap_or(""),
                m.file.as_ref().map(|f| f.mime.as_str()).unwrap_or(""),
                m.caption,
                m.credit,
                m.alt_text,
                m.rights,
                m.hero,
            ])
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    StoreError::Invalid(dateline_core::ModelError::BadValue {
                        field: format!("media[{position}]"),
                        message: "its file is not in the library (add the file first)".into(),
                    })
                }
                _ => StoreError::Sqlite(e),
            })?;
    }
    Ok(())
}

pub(crate) fn list(conn: &Connection, story: StoryId) -> Result<Vec<Media>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.blob_hash, m.file_name, m.mime, coalesce(b.size, 0), m.caption, \
         m.credit, m.alt_text, m.rights, m.hero FROM media m \
         LEFT JOIN blobs b ON b.hash = m.blob_hash WHERE m.story_id = ?1 ORDER BY m.position",
    )?;
    let rows = stmt
        .query_map([story.to_string()], |r| {
            let hash: Option<String> = r.get(1)?;
            Ok(Media {
                id: uuid::Uuid::parse_str(&r.get::<_, String>(0)?)
                    .map_err(|e| decode_err("media.id", e))?,
                file: match hash {
                    Some(hash) => Some(MediaFile {
                        hash,
                        file_name: r.get(2)?,
                        mime: r.get(3)?,
                        size: r.get::<_, i64>(4)?.max(0) as u64,
                    }),
                    None => None,
                },
                caption: r.get(5)?,
                credit: r.get(6)?,
                alt_text: r.get(7)?,
                rights: r.get(8)?,
                hero: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

impl Library {
    /// Stores a picture's bytes (once, by hash) and describes the file.
    pub fn put_media_file(&mut self, file_name: &str, bytes: &[u8]) -> Result<MediaFile> {
        let invalid = |message: String| {
            StoreError::Invalid(dateline_core::ModelError::BadValue {
                field: "media".into(),
                message,
            })
        };
        if bytes.len() > MAX_MEDIA_BYTES {
            return Err(invalid(format!(
                "{file_name} is {} MB; pictures over {} MB are not accepted",
                bytes.len() / 1_000_000,
                MAX_MEDIA_BYTES / 1_000_000
            )));
        }
        let mime = dateline_core::image::sniff(bytes).ok_or_else(|| {
            invalid(format!(
                "{file_name} is not a JPEG, PNG, GIF, WebP or AVIF picture"
            ))
        })?;
        let hash = hex(&Sha256::digest(bytes));
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO blobs (hash, size, bytes) VALUES (?1, ?2, ?3)")?
            .execute(params![hash, bytes.len() as i64, bytes])?;
        let name = std::path::Path::new(file_name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "picture".to_owned());
        Ok(MediaFile {
            hash,
            file_name: name,
            mime: mime.to_owned(),
            size: bytes.len() as u64,
        })
    }

    /// The bytes of a stored file.
    pub fn media_bytes(&self, hash: &str) -> Result<Vec<u8>> {
        self.conn
            .prepare_cached("SELECT bytes FROM blobs WHERE hash = ?1")?
            .query_row([hash], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                id: format!("file {hash}"),
            })
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
