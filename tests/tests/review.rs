//! End-to-end: a story reviewed on another laptop. Two libraries stand for
//! the reporter's and the editor's laptops; the story travels between them as
//! one `.dateline-story` file, as it would on a USB stick.

use std::path::{Path, PathBuf};

use anyhow::{ensure, Context, Result};
use dateline_core::review::critic;
use dateline_core::StoryId;
use dateline_e2e::{App, Desk};
use dateline_store::{Library, Origin, SaveKind};
use serde_json::json;

const FIRST: &str = "The council voted to close the old pier on Monday.";
const SECOND: &str = "Repairs would cost more than the town spends on roads in a year.";
const THIRD: &str = "Anglers said they would miss the evening light over the water.";

/// Selects `needle` in the body editor as a person dragging over it would.
async fn select_in_body(app: &App, needle: &str) -> Result<()> {
    app.wait_text(".cm-content", needle).await?;
    let script = format!(
        "const needle = {};
         const content = document.querySelector('.cm-content');
         content.focus();
         for (const line of content.querySelectorAll('.cm-line')) {{
           const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
           let node;
           while ((node = walker.nextNode())) {{
             const at = node.data.indexOf(needle);
             if (at >= 0) {{
               const range = document.createRange();
               range.setStart(node, at);
               range.setEnd(node, at + needle.length);
               const sel = window.getSelection();
               sel.removeAllRanges();
               sel.addRange(range);
               return true;
             }}
           }}
         }}
         return false;",
        json!(needle)
    );
    ensure!(
        app.js(&script).await? == json!(true),
        "{needle:?} is not in the body editor"
    );
    // CodeMirror takes the selection from the document's selectionchange.
    app.wait_js(
        "the editor has the selection",
        &format!(
            "return window.getSelection().toString() === {};",
            json!(needle)
        ),
        |v| v == &json!(true),
    )
    .await?;
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    Ok(())
}

/// Selects `needle` inside a form field.
async fn select_in_field(app: &App, css: &str, needle: &str) -> Result<()> {
    let script = format!(
        "const el = document.querySelector({}); const at = el.value.indexOf({});
         if (at < 0) return false;
         el.focus(); el.setSelectionRange(at, at + {}.length);
         el.dispatchEvent(new Event('select')); return true;",
        json!(css),
        json!(needle),
        json!(needle)
    );
    ensure!(
        app.js(&script).await? == json!(true),
        "{needle:?} is not in {css}"
    );
    Ok(())
}

/// Comments on what is selected.
async fn comment(app: &App, text: &str) -> Result<()> {
    app.click("[data-testid=comment-button]").await?;
    app.type_into("[data-testid=comment-text]", text).await?;
    app.click("[data-testid=comment-save]").await?;
    app.wait_text("[data-testid=comments-list]", text).await?;
    Ok(())
}

/// The id of the story open in the window.
async fn open_story(app: &App) -> Result<StoryId> {
    let id = app
        .js("return document.querySelector('[data-testid=story-row].active').dataset.id")
        .await?;
    Ok(StoryId::parse(id.as_str().context("no open story")?)?)
}

fn the_package(dir: &Path) -> Result<PathBuf> {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "dateline-story"))
        .collect();
    ensure!(found.len() == 1, "packages in {}: {found:?}", dir.display());
    Ok(found[0].clone())
}

#[tokio::test]
async fn a_story_goes_out_for_review_and_comes_back_with_nothing_lost() -> Result<()> {
    // The reporter's laptop: write, send, then keep writing.
    let mut reporter = Desk::new()?;
    let app = reporter.launch().await?;
    app.click("[data-testid=new-story]").await?;
    app.retype("[data-field=headline]", "Council closes the old pier")
        .await?;
    app.type_into(
        ".cm-content",
        &format!("{FIRST}\u{E007}\u{E007}{SECOND}\u{E007}\u{E007}{THIRD}"),
    )
    .await?;
    app.wait_saved().await?;
    let id = open_story(&app).await?;
    app.click("[data-testid=send-for-review]").await?;
    let sent = {
        let mut waited = 0;
        loop {
            if let Ok(p) = the_package(&reporter.export_dir()) {
                break p;
            }
            ensure!(waited < 100, "no package was written");
            waited += 1;
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    };
    // Meanwhile the reporter rewrites the last paragraph.
    select_in_body(&app, "evening light").await?;
    app.press("sunsets").await?;
    app.wait_saved().await?;
    app.quit().await?;

    // The editor's laptop: open the package, comment, suggest, return.
    let mut editor = Desk::new()?;
    editor.pick_files = vec![sent.clone()];
    let app = editor.launch().await?;
    // The editor says who signs the comments, once.
    app.click("[data-testid=whoami-set]").await?;
    app.retype("[data-testid=whoami-name]", "Ben Okafor")
        .await?;
    app.click("[data-testid=whoami-save]").await?;
    app.wait_text("[data-testid=whoami]", "Ben Okafor").await?;
    app.click("[data-testid=open-package]").await?;
    app.wait_text("[data-testid=story-row].active", "for review")
        .await?;
    ensure!(open_story(&app).await? == id, "the story keeps its id");
    select_in_body(&app, "close the old pier").await?;
    comment(&app, "Which pier? Name it.").await?;
    select_in_field(&app, "[data-field=headline]", "old pier").await?;
    comment(&app, "Too long for the front.").await?;
    app.axe("a story received for review, with comments")
        .await?;
    app.screenshot("review-comments").await?;

    app.click("[data-testid=suggest-mode]").await?;
    // A deletion and a replacement, suggested rather than made.
    select_in_body(&app, " more than the town spends on roads").await?;
    app.press("\u{E003}").await?;
    select_in_body(&app, "Monday").await?;
    app.press("Tuesday").await?;
    app.wait_js(
        "both suggestions are listed",
        "return document.querySelectorAll('[data-testid=suggestion]').length",
        |v| v.as_u64() == Some(2),
    )
    .await?;
    app.wait_saved().await?;
    app.axe("suggestions marked in the editor and listed")
        .await?;
    app.screenshot("review-suggestions").await?;
    {
        let lib = Library::open_for_reading(editor.library())?;
        let story = lib.get_story(id)?;
        let marks = critic::suggestions(&story.body);
        ensure!(
            marks.len() == 2,
            "suggestions in the body: {:?}",
            story.body
        );
        ensure!(story.notes.len() == 2, "comments: {:?}", story.notes);
    }
    app.click("[data-testid=send-for-review]").await?;
    let returned = {
        let mut waited = 0;
        loop {
            if let Ok(p) = the_package(&editor.export_dir()) {
                break p;
            }
            ensure!(waited < 100, "no package was returned");
            waited += 1;
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    };
    app.quit().await?;

    // Back on the reporter's laptop: the return merges with the rewrite.
    reporter.pick_files = vec![returned];
    let app = reporter.launch().await?;
    app.click("[data-testid=open-package]").await?;
    app.wait_text("[data-testid=comments-list]", "Which pier?")
        .await?;
    app.wait_text("[data-testid=story-row].active", "Returned by Ben Okafor")
        .await?;
    let merged = Library::open_for_reading(reporter.library())?.get_story(id)?;
    ensure!(
        merged.body.contains("sunsets"),
        "the reporter's rewrite is kept: {:?}",
        merged.body
    );
    ensure!(
        critic::suggestions(&merged.body).len() == 2,
        "the editor's suggestions arrived: {:?}",
        merged.body
    );
    ensure!(
        merged.notes.iter().all(|n| n.author == "Ben Okafor"),
        "comments are signed: {:?}",
        merged.notes
    );
    for note in &merged.notes {
        let anchor = note.anchor.as_ref().context("an anchored comment")?;
        let text =
            dateline_core::review::fields::get(&merged, &anchor.field).context("the field")?;
        ensure!(
            !anchor.removed && text.get(anchor.start..anchor.end) == Some(anchor.exact.as_str()),
            "comment {:?} is on its words in {text:?}",
            note.text
        );
    }

    // The reporter accepts the suggestions one at a time.
    for left in [1u64, 0] {
        app.click("[data-testid=accept-suggestion]").await?;
        app.wait_js(
            "the suggestion is decided",
            "return document.querySelectorAll('[data-testid=suggestion]').length",
            |v| v.as_u64() == Some(left),
        )
        .await?;
    }
    let decided = Library::open_for_reading(reporter.library())?.get_story(id)?;
    ensure!(
        decided.body.contains("on Tuesday")
            && !decided.body.contains("on roads")
            && decided.body.contains("sunsets")
            && !critic::has_markup(&decided.body),
        "after accepting: {:?}",
        decided.body
    );

    // What the editor changed, word by word.
    app.click("[data-testid=compare]").await?;
    app.wait_for("[data-testid=diff-dialog] ins").await?;
    app.wait_text("[data-testid=diff-dialog]", "Tuesday")
        .await?;
    app.screenshot("review-diff").await?;
    app.quit().await
}

#[tokio::test]
async fn both_sides_changing_one_sentence_is_a_conflict_with_both_kept() -> Result<()> {
    let mut reporter = Desk::new()?;
    let sent = reporter.dir.path().join("pier.dateline-story");
    let returned = reporter
        .dir
        .path()
        .join("return")
        .join("pier.dateline-story");
    let id = {
        // The reporter's library before the window opens: a story, sent.
        let mut lib = Library::open(reporter.library())?;
        let mut story = dateline_core::Story::new("Council closes the old pier");
        story.body = format!("{FIRST}\n\n{SECOND}");
        let story = lib.create_story(&story, Origin::Cli)?;
        lib.send_story(story.id, &sent)?;
        // The editor, on another laptop, rewrites the first sentence.
        let other = reporter.dir.path().join("editor.dateline");
        let mut desk = Library::open(&other)?;
        desk.set_person("Ben Okafor", None)?;
        let got = desk.receive_package(&sent, Origin::Window)?;
        let mut theirs = got.story;
        theirs.body = theirs.body.replace("on Monday", "late on Monday night");
        desk.save_story(&theirs, SaveKind::Explicit, Origin::Window)?;
        std::fs::create_dir_all(returned.parent().context("a folder")?)?;
        desk.send_story(story.id, &returned)?;
        story.id
    };
    reporter.pick_files = vec![returned];
    let app = reporter.launch().await?;
    app.click(&format!("[data-testid=story-row][data-id='{id}']"))
        .await?;
    // The reporter rewrites the same words before the return is opened.
    select_in_body(&app, "on Monday").await?;
    app.press("this week").await?;
    app.wait_saved().await?;
    app.click("[data-testid=open-package]").await?;
    app.wait_text("[data-testid=merge-conflict-banner]", "conflict")
        .await?;
    app.axe("the merge-conflict banner").await?;
    app.screenshot("review-conflict").await?;
    let stored = Library::open_for_reading(reporter.library())?.get_story(id)?;
    ensure!(
        stored.body.contains("this week") && stored.body.contains("late on Monday night"),
        "both versions are kept: {:?}",
        stored.body
    );
    // Choosing theirs resolves it.
    app.click("[data-testid=accept-suggestion]").await?;
    app.wait_js(
        "the conflict is resolved",
        "const b = document.querySelector('[data-testid=merge-conflict-banner]'); \
         return !b || b.hidden || b.offsetParent === null;",
        |v| v == &json!(true),
    )
    .await?;
    let resolved = Library::open_for_reading(reporter.library())?.get_story(id)?;
    ensure!(
        resolved.body.contains("late on Monday night")
            && !resolved.body.contains("this week")
            && !critic::has_markup(&resolved.body),
        "resolved: {:?}",
        resolved.body
    );
    app.quit().await
}
