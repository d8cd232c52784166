//! End-to-end: the window and the pages Dateline writes, checked with axe-core
//! (WCAG 2.1 A and AA, and axe's best practices) and walked by keyboard.

use anyhow::{Context, Result};
use dateline_core::export::{self, ExportOptions, Format};
use dateline_core::import;
use dateline_core::render::{render_article, RenderOptions};
use dateline_core::Story;
use dateline_e2e::{fixture, Desk};

/// The stories the pages are rendered from: a pasted wire story, a Markdown
/// feature with a picture, and a story in Dari (right to left), as they are
/// imported.
fn fixture_stories() -> Result<Vec<(String, Story)>> {
    let mut out = Vec::new();
    for name in ["wire-story.txt", "ferry.md", "market-rtl.md"] {
        let bytes = std::fs::read(fixture(name))?;
        let imported = import::import_bytes(name, &bytes)?;
        out.push((name.replace('.', "-"), imported.story));
    }
    Ok(out)
}

#[tokio::test]
async fn exported_pages_and_the_preview_page_are_axe_clean() -> Result<()> {
    let desk = Desk::new()?;
    let app = desk.launch().await?;
    let pages = desk.dir.path().join("pages");
    std::fs::create_dir_all(&pages)?;
    for (name, story) in fixture_stories()? {
        let exported = export::export(&story, Format::Html, &ExportOptions::default())?;
        let html = String::from_utf8(exported.bytes).context("the export is UTF-8")?;
        app.axe_html(&format!("{name}-export"), &html, &pages)
            .await?;
        let preview = render_article(&story, &RenderOptions::default())?;
        app.axe_html(&format!("{name}-preview"), &preview, &pages)
            .await?;
    }
    app.quit().await
}
