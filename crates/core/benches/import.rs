//! Reading a pasted story: `parse_pasted` on the reference article beside the
//! design brief (a 4-minute web story), or on the house fixture of the same
//! anatomy when this checkout has no `shared/`. Budget: 1 ms.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use dateline_core::import::parse_pasted;

const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/fixtures/reference-article.txt"
);

const FALLBACK: &str = include_str!("../tests/fixtures/pasted/web-analysis.txt");

fn parse(c: &mut Criterion) {
    let (name, text) = match std::fs::read_to_string(REFERENCE) {
        Ok(text) => ("parse_pasted/reference-article", text),
        Err(_) => ("parse_pasted/web-analysis", FALLBACK.to_owned()),
    };
    c.bench_function(name, |b| b.iter(|| parse_pasted(black_box(&text))));
}

criterion_group!(benches, parse);
criterion_main!(benches);
