//! Sending to a real WordPress on loopback, measured (budget: a story with
//! three pictures in 1 s wall, most of it the server's): the first push of a
//! story (three uploads, the post) and an update of it (the post alone).
//! Needs the packages `./dev test` installs (see `tests/cms/README.md`).

#![allow(clippy::unwrap_used)]

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use dateline_cms::{push, OnConflict, PushOutcome, Secrets};

fn pushes(c: &mut Criterion) {
    let server = support::Server::wordpress();
    let (_dir, lib) = support::library();
    server.target(&lib, "Bench", "DATELINE_BENCH_WP");
    let secrets = Secrets::new();
    let mut n = 0;
    let mut group = c.benchmark_group("wordpress");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("first push, 3 pictures", |b| {
        b.iter_batched(
            || {
                n += 1;
                // New bytes each time: a picture is uploaded once per site.
                let story = support::full_story(&lib, &format!("Bench story {n}"));
                let mut l = lib.lock().unwrap();
                let mut s = l.get_story(story.id).unwrap();
                for (i, m) in s.media.iter_mut().enumerate() {
                    let mut bytes = support::PICTURES[i].1.to_vec();
                    bytes.extend_from_slice(format!("{n}").as_bytes());
                    m.file = Some(l.put_media_file(support::PICTURES[i].0, &bytes).unwrap());
                }
                l.save_story(
                    &s,
                    dateline_store::SaveKind::Explicit,
                    dateline_store::Origin::Cli,
                )
                .unwrap()
                .id
            },
            |id| {
                let out = push(&lib, &secrets, id, "Bench", OnConflict::Ask, &|_| {});
                assert!(
                    matches!(out, PushOutcome::Sent { created: true, .. }),
                    "{out:?}"
                );
            },
            BatchSize::PerIteration,
        )
    });
    let story = support::full_story(&lib, "Bench update");
    push(&lib, &secrets, story.id, "Bench", OnConflict::Ask, &|_| {});
    group.bench_function("update, pictures already there", |b| {
        b.iter(|| {
            let out = push(&lib, &secrets, story.id, "Bench", OnConflict::Ask, &|_| {});
            assert!(
                matches!(out, PushOutcome::Sent { created: false, .. }),
                "{out:?}"
            );
        })
    });
    group.finish();
}

criterion_group!(benches, pushes);
criterion_main!(benches);
