//! End-to-end: a reporter's day in the real window, under Xvfb.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use dateline_core::StoryId;
use dateline_e2e::{fixture, App, Desk};
use dateline_store::{Library, Origin, SaveKind};
use serde_json::Value;

const ROW: &str = "[data-testid=story-row]";

/// Fills every part of a new story through the panels and the editor.
async fn write_story(app: &App) -> Result<()> {
    app.click("[data-testid=new-story]").await?;
    app.wait_for("[data-field=headline]").await?;
    app.retype(
        "[data-field=headline]",
        "Ferries return to Portmere after the gales",
    )
    .await?;
    app.type_into("[data-field=kicker]", "Transport").await?;
    app.type_into(
        "[data-field='headlines.seo']",
        "Portmere ferries return after gales",
    )
    .await?;
    app.type_into(
        "[data-field='headlines.social']",
        "The boats are back: Portmere ferries sail again",
    )
    .await?;
    app.type_into("[data-field='headlines.print']", "Ferries sail again")
        .await?;
    app.type_into(
        "[data-field=standfirst]",
        "The harbour reopened at dawn after the longest closure in a decade.",
    )
    .await?;
    app.type_into(
        "[data-field=meta_description]",
        "Ferry crossings between Portmere and the islands restart after a week of gales closed the harbour, the operator said on Tuesday.",
    )
    .await?;
    app.type_into("[data-field=new-byline-name]", "Ada Quill")
        .await?;
    app.type_into("[data-field=new-byline-role]", "Transport correspondent")
        .await?;
    app.click("[data-testid=add-byline]").await?;
    app.type_into("[data-field='dateline.place']", "Portmere")
        .await?;
    app.type_into("[data-field=section]", "Local").await?;
    app.type_into("[data-field=tags]", "ferries, weather")
        .await?;
    app.type_into("[data-field=focus_keyphrase]", "Portmere ferries")
        .await?;
    app.type_into(
        ".cm-content",
        // \u{E007} is the Enter key.
        "The harbour master lifted the closure at six o'clock.\u{E007}\u{E007}## Timetable\u{E007}\u{E007}Boats will run every hour until the evening.",
    )
    .await?;

    // The picture comes from the injected "open" dialog.
    app.click("[data-testid=add-picture]").await?;
    let card = "[data-media-index='0']";
    app.wait_for(&format!("{card} [data-field=caption]"))
        .await?;
    app.type_into(
        &format!("{card} [data-field=caption]"),
        "The first boat leaves the harbour.",
    )
    .await?;
    app.type_into(&format!("{card} [data-field=credit]"), "Photo: Ben Rowe")
        .await?;
    app.type_into(
        &format!("{card} [data-field=alt_text]"),
        "A white ferry leaving a stone harbour",
    )
    .await?;

    for (title, url) in [
        ("Storm closes the harbour", "https://example.com/storm"),
        ("Islanders count the cost", "https://example.com/cost"),
    ] {
        app.type_into("[data-field=new-related-title]", title)
            .await?;
        app.type_into("[data-field=new-related-url]", url).await?;
        app.click("[data-testid=add-related]").await?;
        app.wait_js(
            "the link is added",
            "return document.querySelectorAll('[data-related-index]').length",
            |v| v.as_u64().is_some_and(|n| n > 0),
        )
        .await?;
    }
    app.wait_saved().await
}

#[tokio::test]
async fn a_story_with_every_part_survives_a_restart() -> Result<()> {
    let mut desk = Desk::new()?;
    desk.pick_files = vec![fixture("harbour.png")];
    let app = desk.launch().await?;
    write_story(&app).await?;

    // The preview shows what was typed, pictures and links included.
    for needle in [
        "Ferries return to Portmere after the gales",
        "TRANSPORT",
        "The harbour reopened at dawn",
        "PORTMERE",
        "Ada Quill",
        "The first boat leaves the harbour.",
        "Photo: Ben Rowe",
        "Storm closes the harbour",
        "Islanders count the cost",
        "Timetable",
    ] {
        app.wait_preview(needle).await?;
    }
    let picture = app
        .js(
            "const d = document.querySelector('[data-testid=preview-frame]').contentDocument; \
             const img = d.querySelector('img'); return img ? [img.alt, img.complete && img.naturalWidth] : null;",
        )
        .await?;
    ensure!(
        picture[0] == "A white ferry leaving a stone harbour",
        "preview picture: {picture}"
    );
    app.wait_text("[data-testid=word-count]", "words").await?;
    app.wait_text("[data-testid=word-count]", "min read")
        .await?;
    app.wait_text("[data-counter-for='headlines.seo']", "/ 60")
        .await?;

    // A clean picture for the README: panels from the top, no passing toast.
    app.js(
        "document.querySelector('[data-testid=inspector]').scrollTop = 0; \
         document.querySelectorAll('.toast').forEach(t => t.remove())",
    )
    .await?;
    app.screenshot("main").await?;

    // A javascript: link is refused inline with the core's reason; nothing changes.
    let url = "[data-related-index='0'] [data-field=url]";
    app.retype(url, "javascript:alert(1)").await?;
    app.wait_text(
        "[data-related-index='0'] [data-error-for=url]",
        "only http:// and https:// links are allowed",
    )
    .await?;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    app.wait_saved().await?;
    let href = app
        .js("return [...document.querySelector('[data-testid=preview-frame]').contentDocument.querySelectorAll('a')].map(a => a.getAttribute('href'))")
        .await?;
    ensure!(
        href.to_string().contains("https://example.com/storm")
            && !href.to_string().contains("javascript"),
        "preview links: {href}"
    );

    // A refused status move is explained in the core's words.
    app.click("[data-testid=status-ready]").await?;
    app.wait_text(
        "[data-testid=status-message]",
        "a draft goes to review before it can be Ready",
    )
    .await?;
    app.click("[data-testid=status-in_review]").await?;
    app.wait_js(
        "the story is in review",
        "return document.querySelector('[data-testid=status-in_review]').getAttribute('aria-pressed')",
        |v| v == "true",
    )
    .await?;
    app.screenshot("editor").await?;

    app.click("[data-testid=toggle-preview]").await?;
    app.click("[data-testid=help]").await?;
    app.wait_text("[data-testid=help-dialog]", "Ctrl+N").await?;
    app.screenshot("help").await?;
    // The person moves and resizes the window before quitting.
    app.client.set_window_rect(40, 30, 1100, 720).await?;
    let before = app.client.get_window_rect().await?;
    // It is written down once the window keeps still, without waiting for a
    // clean quit (closing the session kills the app).
    let state_file = desk
        .dir
        .path()
        .join("xdg/config/news.dateline.desk/.window-state.json");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !std::fs::read_to_string(&state_file).is_ok_and(|s| s.contains("\"width\": 1100")) {
        ensure!(
            std::time::Instant::now() < deadline,
            "{} never held the new size",
            state_file.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.quit().await?;

    // Everything is where it was after a restart, the window too.
    let app = desk.launch().await?;
    let after = app.client.get_window_rect().await?;
    ensure!(
        after.2 == before.2 && after.3 == before.3,
        "window size {after:?} after a restart, was {before:?}"
    );
    ensure!(
        after.0.abs_diff(before.0) <= 2 && after.1.abs_diff(before.1) <= 2,
        "window position {after:?} after a restart, was {before:?}"
    );
    app.wait_for("[data-field=headline]").await?;
    let checks = [
        (
            "[data-field=headline]",
            "Ferries return to Portmere after the gales",
        ),
        ("[data-field=kicker]", "Transport"),
        ("[data-field='headlines.print']", "Ferries sail again"),
        ("[data-field='dateline.place']", "Portmere"),
        ("[data-field=tags]", "ferries, weather"),
        (
            "[data-media-index='0'] [data-field=credit]",
            "Photo: Ben Rowe",
        ),
        (
            "[data-media-index='0'] [data-field=alt_text]",
            "A white ferry leaving a stone harbour",
        ),
        (
            "[data-related-index='0'] [data-field=url]",
            "https://example.com/storm",
        ),
        (
            "[data-related-index='1'] [data-field=title]",
            "Islanders count the cost",
        ),
        ("[data-byline-index='0'] [data-field=name]", "Ada Quill"),
    ];
    for (css, want) in checks {
        let got = app.value(css).await.with_context(|| css.to_owned())?;
        ensure!(
            got == want,
            "{css}: {got:?} after a restart, wanted {want:?}"
        );
    }
    app.wait_text(".cm-content", "Boats will run every hour")
        .await?;
    let pressed = app
        .js("return document.querySelector('[data-testid=status-in_review]').getAttribute('aria-pressed')")
        .await?;
    ensure!(pressed == "true", "status after restart: {pressed}");
    // The preview was hidden before quitting, and stays hidden.
    let hidden = app
        .js("return document.getElementById('app').classList.contains('no-preview')")
        .await?;
    ensure!(
        hidden == Value::Bool(true),
        "the preview setting was not restored"
    );
    app.quit().await
}

/// A web page's story as copied to the clipboard (our own fixture, with the
/// anatomy of one: kicker, headline, standfirst, reading time, the headline
/// again, caption and credit, date, a dateline, subheads, related articles and
/// the comment form) becomes a structured story.
#[tokio::test]
async fn a_pasted_web_story_is_structured_found_and_exported() -> Result<()> {
    let text = std::fs::read_to_string(fixture("wire-story.txt"))?;
    let desk = Desk::new()?;
    let app = desk.launch().await?;

    app.click("[data-testid=paste-story]").await?;
    let area = app.wait_for("[data-testid=paste-text]").await?;
    // What Ctrl+V would put in the box.
    app.client
        .execute(
            "const t = document.querySelector('[data-testid=paste-text]'); t.value = arguments[0]; \
             t.dispatchEvent(new Event('input'));",
            vec![Value::String(text)],
        )
        .await?;
    drop(area);
    app.click("[data-testid=paste-import]").await?;

    // The panels show each part where it belongs.
    app.wait_for("[data-field=kicker]").await?;
    let kicker = app.value("[data-field=kicker]").await?;
    ensure!(kicker == "Newsflash", "kicker {kicker:?}");
    let headline = app.value("[data-field=headline]").await?;
    ensure!(
        headline == "Saltmere Shuts Its Tidal Gates a Day Early as the Surge Builds",
        "headline {headline:?}"
    );
    let standfirst = app.value("[data-field=standfirst]").await?;
    ensure!(
        standfirst.starts_with("Engineers closed the estuary barrier"),
        "standfirst {standfirst:?}"
    );
    let credit = app
        .value("[data-media-index='0'] [data-field=credit]")
        .await?;
    ensure!(credit.contains("X/@SaltmereHarbour"), "credit {credit:?}");
    let caption = app
        .value("[data-media-index='0'] [data-field=caption]")
        .await?;
    ensure!(
        caption.starts_with("The last of the six gates"),
        "caption {caption:?}"
    );
    let place = app.value("[data-field='dateline.place']").await?;
    ensure!(place == "Saltmere", "dateline place {place:?}");
    let date = app.value("[data-field='dateline.date']").await?;
    ensure!(date == "2025-12-30", "dateline date {date:?}");

    // The preview has the subheads and related articles, and none of the
    // page's furniture.
    app.wait_preview("Newsflash").await?;
    for needle in [
        "Why the Gates Closed Early",
        "What the Forecast Says",
        "Life Behind the Barrier",
        "The Cost of Closing",
        "The fishing fleet waits out the gales",
    ] {
        app.wait_preview(needle).await?;
    }
    let page = app.preview_text().await?;
    for furniture in ["4 min read", "Post a comment", "Leave a Reply"] {
        ensure!(
            !page.contains(furniture),
            "the preview kept {furniture:?}:\n{page}"
        );
    }
    app.click("[data-testid=preview-phone]").await?;
    app.screenshot("pasted-story-phone").await?;
    app.click("[data-testid=preview-desktop]").await?;

    // Search finds it, with the words highlighted.
    app.type_into("[data-testid=library-search]", "dredger basin")
        .await?;
    app.wait_text(ROW, "Tidal Gates").await?;
    app.wait_text(&format!("{ROW} mark"), "").await?;
    app.screenshot("library-search").await?;

    // Export ninjs through the dialog into the injected folder.
    app.click("[data-testid=export]").await?;
    app.click("[data-testid=format-ninjs]").await?;
    app.screenshot("export-dialog").await?;
    app.click("[data-testid=export-go]").await?;
    let dir = desk.export_dir();
    let deadline = std::time::Instant::now() + dateline_e2e::WAIT;
    let file = loop {
        let found = std::fs::read_dir(&dir)
            .ok()
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.to_string_lossy().ends_with(".ninjs.json"));
        if let Some(found) = found {
            break found;
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "no .ninjs.json in {}",
            dir.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let ninjs: Value = serde_json::from_slice(&std::fs::read(&file)?)
        .with_context(|| format!("{} is not JSON", file.display()))?;
    let headlines = ninjs["headlines"].as_array().cloned().unwrap_or_default();
    ensure!(
        headlines.iter().any(|h| h["value"] == headline.as_str()),
        "ninjs headlines {headlines:?}"
    );
    ensure!(ninjs["uri"].is_string(), "ninjs uri missing");
    app.quit().await
}

#[tokio::test]
async fn a_markdown_file_imported_and_batch_exported() -> Result<()> {
    let mut desk = Desk::new()?;
    desk.pick_files = vec![fixture("ferry.md")];
    let app = desk.launch().await?;
    app.click("[data-testid=import]").await?;
    app.wait_for("[data-field=kicker]").await?;
    let standfirst = app.value("[data-field=standfirst]").await?;
    ensure!(
        standfirst.starts_with("The harbour reopened"),
        "standfirst {standfirst:?}"
    );
    app.click("[data-testid=new-story]").await?;
    app.retype("[data-field=headline]", "Second story of the day")
        .await?;
    app.wait_saved().await?;

    // Its revisions: the one made at creation can be restored, and undone.
    app.click("[data-testid=revisions]").await?;
    app.wait_text("[data-testid=revision-list]", "Created")
        .await?;
    app.click("[data-testid=revision-list] li:last-child")
        .await?;
    app.wait_for("[data-testid=revision-frame]").await?;
    app.screenshot("revisions").await?;
    app.click("[data-testid=restore-revision]").await?;
    app.wait_js(
        "the first revision is restored",
        "const el = document.querySelector('[data-field=headline]'); return el && el.value;",
        |v| v == "Untitled story",
    )
    .await?;
    app.retype("[data-field=headline]", "Second story of the day")
        .await?;
    app.wait_saved().await?;

    // Tick both stories and export them as HTML in one go.
    app.wait_js(
        "both stories are listed",
        "return document.querySelectorAll('[data-testid=story-row]').length",
        |v| v.as_u64() == Some(2),
    )
    .await?;
    app.js("document.querySelectorAll('[data-testid=select-story]').forEach(b => b.click())")
        .await?;
    app.click("[data-testid=export]").await?;
    app.click("[data-testid=format-html]").await?;
    app.click("[data-testid=export-go]").await?;
    app.wait_text("[data-testid=export-status]", "2 stories written")
        .await?;
    let progress = app
        .js("return document.querySelector('[data-testid=export-progress]').value")
        .await?;
    ensure!(progress.as_f64() == Some(2.0), "progress {progress}");
    let html: Vec<_> = std::fs::read_dir(desk.export_dir())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    ensure!(html.len() == 2, "exported {html:?}");
    app.quit().await
}

/// Every file under `dir`, in its subfolders too.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Exports the ticked stories as `format` through the dialog, and waits for
/// the batch to finish.
async fn export_ticked(app: &App, format: &str, stories: usize) -> Result<()> {
    app.click("[data-testid=export]").await?;
    app.click(&format!("[data-testid=format-{format}]")).await?;
    app.click("[data-testid=export-go]").await?;
    app.wait_text(
        "[data-testid=export-status]",
        &format!("{stories} stories written"),
    )
    .await?;
    // "Done" closes the dialog.
    app.click("[data-testid=export-go]").await?;
    app.wait_js(
        "the export dialog is closed",
        "return document.querySelector('[data-testid=export-dialog]') === null",
        |v| v == true,
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn stories_with_one_headline_export_side_by_side_and_wxr_as_one_file() -> Result<()> {
    let desk = Desk::new()?;
    let app = desk.launch().await?;
    for standfirst in ["The first desk's copy.", "The second desk's copy."] {
        app.click("[data-testid=new-story]").await?;
        app.wait_for("[data-field=standfirst]").await?;
        app.retype("[data-field=headline]", "Harbour dues rise")
            .await?;
        app.type_into("[data-field=standfirst]", standfirst).await?;
        app.wait_saved().await?;
    }
    app.wait_js(
        "both stories are listed",
        "return [...document.querySelectorAll('[data-testid=story-row] .row-headline')].filter(h => h.textContent === 'Harbour dues rise').length",
        |v| v.as_u64() == Some(2),
    )
    .await?;
    app.js("document.querySelectorAll('[data-testid=select-story]').forEach(b => b.click())")
        .await?;

    // HTML: one file each, the second in a folder named by its id, so
    // neither overwrote the other.
    export_ticked(&app, "html", 2).await?;
    let dir = desk.export_dir();
    let html: Vec<_> = files_under(&dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    ensure!(html.len() == 2, "exported {html:?}");
    let names: Vec<_> = html.iter().filter_map(|p| p.file_name()).collect();
    ensure!(
        names[0] == names[1],
        "both are named by the headline: {html:?}"
    );
    let nested = html
        .iter()
        .find(|p| p.parent() != Some(dir.as_path()))
        .with_context(|| format!("no export in a folder of its own: {html:?}"))?;
    let folder = nested
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ensure!(
        dateline_core::StoryId::parse(&folder).is_ok(),
        "{} is not in a folder named by a story id",
        nested.display()
    );
    let mut copies = html
        .iter()
        .map(std::fs::read_to_string)
        .collect::<std::io::Result<Vec<_>>>()?;
    copies.sort_by_key(|page| page.contains("The second desk"));
    ensure!(
        copies[0].contains("The first desk") && copies[1].contains("The second desk"),
        "one copy overwrote the other"
    );

    // WXR: the whole batch in one file, one item per story.
    export_ticked(&app, "wxr", 2).await?;
    let xml: Vec<_> = files_under(&dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    ensure!(
        xml.len() == 1 && xml[0] == dir.join("stories.xml"),
        "WXR files: {xml:?}"
    );
    let wxr = std::fs::read_to_string(&xml[0])?;
    ensure!(
        wxr.matches("<item>").count() == 2,
        "stories.xml holds {} items",
        wxr.matches("<item>").count()
    );
    ensure!(
        files_under(&dir)
            .iter()
            .all(|p| !p.to_string_lossy().contains(".partial")),
        "a temporary file was left in {}",
        dir.display()
    );
    app.quit().await
}

#[tokio::test]
async fn a_change_made_elsewhere_is_a_conflict_not_a_loss() -> Result<()> {
    let desk = Desk::new()?;
    let app = desk.launch().await?;
    app.click("[data-testid=new-story]").await?;
    app.retype("[data-field=headline]", "Harbour dues rise")
        .await?;
    app.wait_saved().await?;
    let id = app
        .js("return document.querySelector('[data-testid=story-row].active').dataset.id")
        .await?;
    let id = StoryId::parse(id.as_str().context("no open story id")?)?;

    // Someone else saves the same story: another program on the same library
    // file, as the command line would.
    {
        let mut other = Library::open_existing(desk.library())?;
        let mut theirs = other.get_story(id)?;
        theirs.headline = "Harbour dues rise by a third".into();
        other.save_story(&theirs, SaveKind::Explicit, Origin::Cli)?;
    }

    app.type_into("[data-field=standfirst]", "Fishermen say they cannot pay.")
        .await?;
    app.wait_text("[data-testid=conflict-banner]", "changed elsewhere")
        .await?;
    let standfirst = app.value("[data-field=standfirst]").await?;
    ensure!(
        standfirst == "Fishermen say they cannot pay.",
        "the typed text was lost: {standfirst:?}"
    );
    app.axe("the banner of a change made elsewhere").await?;
    app.screenshot("conflict").await?;

    app.click("[data-testid=keep-mine]").await?;
    app.wait_saved().await?;
    let stored = Library::open_for_reading(desk.library())?.get_story(id)?;
    ensure!(
        stored.standfirst == "Fishermen say they cannot pay."
            && stored.headline == "Harbour dues rise",
        "kept: {stored:?}"
    );
    app.quit().await
}

#[tokio::test]
async fn a_long_library_builds_its_rows_as_the_list_scrolls() -> Result<()> {
    let desk = Desk::new()?;
    let app = desk.launch().await?;
    // Sixty stories, made through the same command the New story button uses.
    app.client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             (async () => {
               for (let i = 0; i < 60; i++) {
                 await window.__TAURI_INTERNALS__.invoke('create_story', { headline: `Council minute ${i}` });
               }
             })().then(() => done(true), (e) => done(String(e)));",
            vec![],
        )
        .await?;
    app.quit().await?;

    let app = desk.launch().await?;
    app.wait_text("[data-testid=story-list]", "Council minute 59")
        .await?;
    let rows = "return document.querySelectorAll('[data-testid=story-row]').length";
    let first = app.js(rows).await?.as_u64().unwrap_or_default();
    ensure!(
        (1..60).contains(&first),
        "{first} rows built for a 60-story list before any scrolling"
    );
    // Scrolling to the end builds the rest, down to the oldest story.
    app.wait_js(
        "every row is built once the list is scrolled to its end",
        "const list = document.querySelector('[data-testid=story-list]');
         list.scrollTop = list.scrollHeight;
         list.dispatchEvent(new Event('scroll'));
         return list.querySelectorAll('[data-testid=story-row]').length;",
        |v| v.as_u64() == Some(60),
    )
    .await?;
    // The oldest story is the last row, and scrolling brings it into view.
    app.wait_js(
        "the oldest story is shown at the end of the list",
        "const list = document.querySelector('[data-testid=story-list]');
         list.scrollTop = list.scrollHeight;
         const last = list.lastElementChild;
         const inView = last.getBoundingClientRect().bottom <= list.getBoundingClientRect().bottom + 1;
         return inView ? last.querySelector('.row-headline').textContent : null;",
        |v| v == "Council minute 0",
    )
    .await?;
    app.screenshot("library-scrolled").await?;
    app.quit().await
}
