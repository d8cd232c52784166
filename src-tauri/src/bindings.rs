//! The TypeScript declarations of every type crossing the IPC edge, generated
//! from the Rust types with ts-rs and committed under `ui/src/bindings/`.
//!
//! `cargo test -p dateline-app bindings` fails when the committed files are
//! stale; `DATELINE_UPDATE_BINDINGS=1 cargo test -p dateline-app bindings`
//! rewrites them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, ExportError, TS};

/// Where the UI keeps the generated files.
pub fn ui_bindings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings")
}

/// Writes every IPC type (and what it refers to) into `dir`.
pub fn export_all(dir: &Path) -> Result<(), ExportError> {
    // Versions, counts and sizes are far below 2^53: plain numbers in JSON.
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    dateline_core::Story::export_all(&cfg)?;
    dateline_core::StorySummary::export_all(&cfg)?;
    dateline_store::SearchHit::export_all(&cfg)?;
    dateline_store::RevisionInfo::export_all(&cfg)?;
    dateline_store::StatusChange::export_all(&cfg)?;
    crate::error::AppError::export_all(&cfg)?;
    crate::state::Session::export_all(&cfg)?;
    crate::commands::LibraryInfo::export_all(&cfg)?;
    crate::commands::Preview::export_all(&cfg)?;
    crate::commands::ImportReport::export_all(&cfg)?;
    crate::commands::AddedPictures::export_all(&cfg)?;
    crate::commands::ExportFormat::export_all(&cfg)?;
    crate::commands::ExportDone::export_all(&cfg)?;
    crate::commands::ExportProgress::export_all(&cfg)?;
    crate::commands::BatchExportDone::export_all(&cfg)?;
    Ok(())
}

/// The `.ts` files of a folder, by name.
pub fn read_dir(dir: &Path) -> std::io::Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return Ok(files);
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "ts") {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.insert(name, std::fs::read_to_string(&path)?);
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_are_fresh() -> Result<(), Box<dyn std::error::Error>> {
        let fresh_dir = tempfile::tempdir()?;
        export_all(fresh_dir.path())?;
        let fresh = read_dir(fresh_dir.path())?;
        let target = ui_bindings_dir();
        if std::env::var_os("DATELINE_UPDATE_BINDINGS").is_some() {
            if target.exists() {
                std::fs::remove_dir_all(&target)?;
            }
            std::fs::create_dir_all(&target)?;
            for (name, text) in &fresh {
                std::fs::write(target.join(name), text)?;
            }
        }
        let committed = read_dir(&target)?;
        assert!(fresh.contains_key("Story.ts"), "{:?}", fresh.keys());
        assert_eq!(
            committed, fresh,
            "ui/src/bindings is stale: run DATELINE_UPDATE_BINDINGS=1 cargo test -p dateline-app bindings"
        );
        Ok(())
    }
}
