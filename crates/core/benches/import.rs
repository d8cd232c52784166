//! Reading a pasted story: `parse_pasted` on the house "Newsflash" fixture, a
//! 4-minute web story with the anatomy of the design brief's reference article
//! (kicker, standfirst, picture credit, subheads, related list, furniture).
//! Budget: 1 ms.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use dateline_core::import::parse_pasted;

const NEWSFLASH: &str = include_str!("../tests/fixtures/pasted/newsflash.txt");

fn parse(c: &mut Criterion) {
    c.bench_function("parse_pasted/newsflash", |b| {
        b.iter(|| parse_pasted(black_box(NEWSFLASH)))
    });
}

criterion_group!(benches, parse);
criterion_main!(benches);
