//! How fast a story becomes a page and leaves in every format.
//!
//! Budgets (issue 3): render + sanitise + template of a 1,250-word story
//! ≤ 100 µs; all five exports of one story ≤ 5 ms. Issue "Hardening" #5: a
//! body nested 60,000 levels deep (120 KB of `- `, 300 KB of `<div>`) renders,
//! and exports to each format, in ≤ 100 ms; so does any body within the 1 MB
//! limit (`1 MB body`).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use dateline_core::export::{self, html::data_uri, ExportOptions, Format};
use dateline_core::render::{render_article, render_body_html, RenderOptions};

#[path = "../tests/story_fixtures/mod.rs"]
mod story_fixtures;

fn render(c: &mut Criterion) {
    let story = story_fixtures::long();
    let words = story.word_count();
    assert!(
        (1_200..1_400).contains(&words),
        "the long story has {words} words"
    );
    let inline = |m: &dateline_core::Media| data_uri(m, story_fixtures::media_bytes(m)?);
    let opts = RenderOptions {
        image_src: &inline,
        ..RenderOptions::default()
    };
    c.bench_function("render_article 1250 words", |b| {
        b.iter(|| render_article(black_box(&story), &opts))
    });
    c.bench_function("render_body_html 1250 words", |b| {
        b.iter(|| render_body_html(black_box(&story.body)))
    });
}

fn exports(c: &mut Criterion) {
    let story = story_fixtures::long();
    let opts = ExportOptions {
        media_bytes: &story_fixtures::media_bytes,
        media_base_url: Some("https://cdn.news.example/pictures".into()),
        ..ExportOptions::default()
    };
    c.bench_function("all five exports 1250 words", |b| {
        b.iter(|| {
            for format in Format::ALL {
                let out = export::export(black_box(&story), format, &opts);
                black_box(out.map(|o| o.bytes.len()).unwrap_or_default());
            }
        })
    });
    for format in Format::ALL {
        c.bench_function(&format!("export {format} 1250 words"), |b| {
            b.iter(|| export::export(black_box(&story), format, &opts))
        });
    }
}

fn deep_nesting(c: &mut Criterion) {
    for (name, body) in [
        (
            "60,000 nested list markers",
            format!("{}deep", "- ".repeat(60_000)),
        ),
        (
            "60,000 nested quotes",
            format!("{}deep", "> ".repeat(60_000)),
        ),
        (
            "60,000 nested divs",
            format!("{}deep", "<div>".repeat(60_000)),
        ),
    ] {
        let mut story = dateline_core::Story::new("Deep");
        story.body = body;
        c.bench_function(&format!("render_article {name}"), |b| {
            b.iter(|| render_article(black_box(&story), &RenderOptions::default()))
        });
        c.bench_function(&format!("all five exports {name}"), |b| {
            b.iter(|| {
                for format in Format::ALL {
                    let out = export::export(black_box(&story), format, &ExportOptions::default());
                    black_box(out.map(|o| o.bytes.len()).unwrap_or_default());
                }
            })
        });
    }
}

/// Issue 9: any body within the 1 MB limit renders and exports in ≤ 100 ms.
/// The hardest bodies are the densest: the most elements, references or
/// Markdown marks per byte.
fn one_megabyte(c: &mut Criterion) {
    let fill = |unit: &str| unit.repeat(dateline_core::MAX_BODY_BYTES / unit.len());
    let mut group = c.benchmark_group("1 MB body");
    group.sample_size(10);
    for (name, body) in [
        ("dense raw HTML", fill("<span><b>x</b></span>")),
        (
            "character references",
            fill("&lt;span&gt;&lt;b&gt;x&lt;/b&gt;"),
        ),
        (
            "paragraphs with links",
            fill("Some *emph* and [a link](https://x.example).\n\n"),
        ),
        ("emphasis", fill("*a* ")),
        ("block quotes", fill("> a\n\n")),
        ("headings", fill("# h\n")),
        (
            "table",
            format!("| a | b |\n|---|---|\n{}", fill("| *x* | `y` |\n")),
        ),
        (
            "footnotes",
            format!("{}\n\n[^1]: The note.", fill("word[^1] ")),
        ),
    ] {
        let mut story = dateline_core::Story::new("One megabyte");
        story.body = body;
        group.bench_function(format!("render_article {name}"), |b| {
            b.iter(|| render_article(black_box(&story), &RenderOptions::default()))
        });
        for format in Format::ALL {
            group.bench_function(format!("{format:?} {name}"), |b| {
                b.iter(|| {
                    let out = export::export(black_box(&story), format, &ExportOptions::default());
                    black_box(out.map(|o| o.bytes.len()).unwrap_or_default())
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, render, exports, deep_nesting, one_megabyte);
criterion_main!(benches);
