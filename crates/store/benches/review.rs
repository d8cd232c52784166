//! Editors review offline, measured: sending a story with three pictures as
//! a package, and receiving one into another library (budget: 100 ms each,
//! plus copying the pictures' bytes).

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use dateline_core::{Media, Story};
use dateline_store::{Library, Origin};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";

/// Three pictures of 300 kB each, a 1,000-word body and a comment.
fn story(lib: &mut Library) -> Story {
    let mut s = Story::new("Ferries run again after the storm");
    s.standfirst = "The crossing reopens after a week of gales.".into();
    s.body = (0..50)
        .map(|p| format!("Paragraph {p}: the harbour reopened at dawn and boats ran every hour until the evening, the operator said."))
        .collect::<Vec<_>>()
        .join("\n\n");
    for n in 0..3u8 {
        let mut bytes = PNG.to_vec();
        bytes.extend((0..300_000u32).map(|i| (i as u8) ^ n));
        let file = lib
            .put_media_file(&format!("ferry-{n}.png"), &bytes)
            .expect("picture");
        s.media.push(Media {
            file: Some(file),
            caption: format!("Boat {n} leaves the harbour."),
            credit: "Photo: Ben Rowe".into(),
            alt_text: "A ferry".into(),
            hero: n == 0,
            ..Media::default()
        });
    }
    lib.create_story(&s, Origin::Cli).expect("story")
}

fn review(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut reporter = Library::open(dir.path().join("reporter.dateline")).expect("library");
    let story = story(&mut reporter);
    let package = dir.path().join("story.dateline-story");
    let mut group = c.benchmark_group("review");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("send with 3 pictures", |b| {
        b.iter(|| reporter.send_story(story.id, &package).expect("send"))
    });
    let mut n = 0;
    group.bench_function("receive with 3 pictures", |b| {
        b.iter_batched(
            || {
                n += 1;
                Library::open(dir.path().join(format!("editor-{n}.dateline"))).expect("library")
            },
            |mut editor| {
                editor
                    .receive_package(&package, Origin::Cli)
                    .expect("receive")
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, review);
criterion_main!(benches);
