//! End-to-end: the window and the pages Dateline writes, checked with axe-core
//! (WCAG 2.1 A and AA, and axe's best practices) and walked by keyboard.

use anyhow::{ensure, Context, Result};
use dateline_core::export::{self, ExportOptions, Format};
use dateline_core::import;
use dateline_core::render::{render_article, RenderOptions};
use dateline_core::Story;
use dateline_e2e::{fixture, Desk};
use serde_json::json;

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

#[tokio::test]
async fn every_state_of_the_window_is_axe_clean() -> Result<()> {
    let mut desk = Desk::new()?;
    desk.pick_files = vec![fixture("harbour.png")];
    let app = desk.launch().await?;
    app.axe("the first run, an empty library").await?;

    app.click("[data-testid=new-story]").await?;
    app.retype("[data-field=headline]", "Ferries return to Portmere")
        .await?;
    app.type_into(
        ".cm-content",
        "The harbour reopened at dawn.\u{E007}\u{E007}## Timetable\u{E007}\u{E007}Boats run every hour.",
    )
    .await?;
    app.click("[data-testid=add-picture]").await?;
    app.wait_for("[data-media-index='0'] [data-field=caption]")
        .await?;
    app.wait_saved().await?;
    app.axe("a story open with its preview").await?;
    app.js("document.querySelectorAll('details.panel').forEach((d) => { d.open = true; });")
        .await?;
    app.axe("a story open with every panel expanded").await?;

    for (open, dialog) in [
        ("[data-testid=paste-story]", "[data-testid=paste-dialog]"),
        ("[data-testid=export]", "[data-testid=export-dialog]"),
        ("[data-testid=revisions]", "[data-testid=revisions-dialog]"),
        ("[data-testid=help]", "[data-testid=help-dialog]"),
        ("[data-testid=whoami]", "[data-testid=whoami-dialog]"),
        ("[data-testid=compare]", "[data-testid=diff-dialog]"),
        ("[data-testid=delete-story]", "[data-testid=confirm-dialog]"),
    ] {
        app.check_dialog(open, dialog).await?;
    }

    app.click("[data-testid=preview-phone]").await?;
    app.axe("the phone preview").await?;
    // The check can fail in this window: a picture with no text is caught.
    app.js("const i = document.createElement('img'); i.src = 'data:,'; i.id = 'no-alt'; document.querySelector('main').appendChild(i);")
        .await?;
    let found = app.axe_violations().await?;
    ensure!(
        found
            .iter()
            .any(|v| v.starts_with("image-alt") && v.contains("#no-alt")),
        "axe missed a picture with no alt text: {found:?}"
    );
    app.js("document.getElementById('no-alt').remove();")
        .await?;
    app.quit().await?;

    // The same library in the dark theme, as the system chooses it.
    desk.env = vec![("GTK_THEME".into(), "Adwaita:dark".into())];
    let app = desk.launch().await?;
    ensure!(
        app.js("return matchMedia('(prefers-color-scheme: dark)').matches")
            .await?
            == json!(true),
        "the window did not take the dark theme"
    );
    app.click("[data-testid=open-story]").await?;
    app.wait_for(".cm-content").await?;
    app.axe("a story open in the dark theme").await?;
    for (open, dialog) in [
        ("[data-testid=export]", "[data-testid=export-dialog]"),
        ("[data-testid=help]", "[data-testid=help-dialog]"),
    ] {
        app.check_dialog(open, dialog).await?;
    }
    app.quit().await
}

#[tokio::test]
async fn tab_walks_the_window_and_never_types_into_the_story() -> Result<()> {
    let desk = Desk::new()?;
    let app = desk.launch().await?;
    app.click("[data-testid=new-story]").await?;
    app.retype("[data-field=headline]", "Pier closes").await?;
    app.type_into(".cm-content", "The pier shut at noon.")
        .await?;
    app.wait_saved().await?;
    let before = app
        .js("return document.querySelector('.cm-content').innerText")
        .await?;

    // From the top of the page, Tab reaches the skip link first, then walks
    // through the editor and out of it again without adding a character.
    app.js("document.activeElement && document.activeElement.blur(); window.focus();")
        .await?;
    let mut seen = Vec::new();
    let mut left_editor = false;
    let mut in_editor = false;
    for _ in 0..80 {
        app.press("\u{E004}").await?;
        let here = app
            .js("const a = document.activeElement; return a ? (a.dataset.testid || a.getAttribute('aria-label') || a.className || a.tagName) : ''")
            .await?;
        let here = here.as_str().unwrap_or_default().to_owned();
        let editing = app
            .js("return !!(document.activeElement && document.activeElement.closest('.cm-editor'))")
            .await?
            == json!(true);
        if in_editor && !editing {
            left_editor = true;
        }
        in_editor = editing;
        seen.push(here);
        if left_editor {
            break;
        }
    }
    ensure!(
        seen.first().map(String::as_str) == Some("skip-link"),
        "the first Tab stop is the skip link: {seen:?}"
    );
    ensure!(left_editor, "Tab left the body editor: {seen:?}");
    let after = app
        .js("return document.querySelector('.cm-content').innerText")
        .await?;
    ensure!(before == after, "Tab changed the story: {before} → {after}");

    // In a dialog, Tab and Shift+Tab stay inside; Esc gives focus back.
    app.check_dialog("[data-testid=export]", "[data-testid=export-dialog]")
        .await?;
    app.quit().await
}
