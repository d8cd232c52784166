//! Keystroke → preview latency, as the window measures it (performance.now()
//! from the edit to the preview patched on screen). Run by
//! scripts/measure-startup.sh against a generated library; ignored by the
//! ordinary test run.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use dateline_e2e::Desk;

#[tokio::test]
#[ignore = "a measurement: run by scripts/measure-startup.sh"]
async fn keystroke_to_preview() -> Result<()> {
    let library = std::env::var_os("DATELINE_MEASURE_LIBRARY")
        .map(PathBuf::from)
        .context("DATELINE_MEASURE_LIBRARY names the library to measure with")?;
    let mut desk = Desk::new()?;
    desk.library = Some(library);
    let app = desk.launch().await?;
    app.wait_for(".cm-content").await?;
    app.wait_js(
        "the story's first preview",
        "return document.querySelector('[data-testid=preview-latency]').dataset.renders || null",
        |v| !v.is_null(),
    )
    .await?;
    app.click(".cm-content").await?;
    let editor = app.wait_for(".cm-content").await?;
    let mut samples = Vec::new();
    for c in "Quick brown foxes jump over the lazy harbour dogs again and again".chars() {
        let before = app
            .js("return Number(document.querySelector('[data-testid=preview-latency]').dataset.renders || 0)")
            .await?
            .as_f64()
            .unwrap_or_default();
        editor.send_keys(&c.to_string()).await?;
        let ms = app
            .wait_js(
                "the preview follows the keystroke",
                &format!(
                    "const el = document.querySelector('[data-testid=preview-latency]'); \
                     return Number(el.dataset.renders || 0) > {before} ? Number(el.dataset.ms) : null;"
                ),
                |v| v.is_number(),
            )
            .await?;
        samples.push(ms.as_f64().unwrap_or_default());
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    ensure!(!samples.is_empty(), "no samples");
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    println!(
        "KEYSTROKE_TO_PREVIEW samples={} p50={:.1} p95={:.1} max={:.1}",
        samples.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
    app.quit().await
}
