//! How fast a story becomes a page and leaves in every format.
//!
//! Budgets (issue 3): render + sanitise + template of a 1,250-word story
//! ≤ 100 µs; all five exports of one story ≤ 5 ms. Issue "Hardening" #5: a
//! body nested 60,000 levels deep (120 KB of `- `, 300 KB of `<div>`) renders,
//! and exports to each format, in ≤ 100 ms.

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

criterion_group!(benches, render, exports, deep_nesting);
criterion_main!(benches);
