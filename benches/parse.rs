//! Import speed on real transcripts: the Supreme Court argument (5,000 lines, 92 pages), the
//! same text repeated twenty times, and a 10,000-page court-reporter transcript generated from
//! the Vocalife sample (the trial-scale input of `benches/scale.rs`). `cargo bench --bench parse`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "support/mod.rs"]
mod support;

fn scotus() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/scotus_hhs_v_florida_2012-03-26.txt"
    );
    std::fs::read(path).expect("the SCOTUS test transcript is in the repository")
}

fn parse(c: &mut Criterion) {
    let one = scotus();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(one.len() as u64));
    group.bench_function("scotus_92_pages", |b| {
        b.iter(|| partly::transcript::parse_bytes(black_box(&one), None))
    });
    // About 1,800 pages: the argument twenty times over, form feeds between copies.
    let big: Vec<u8> = std::iter::repeat_n(one.as_slice(), 20)
        .collect::<Vec<_>>()
        .join(&b'\x0C');
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(10);
    group.bench_function("scotus_x20", |b| {
        b.iter(|| partly::transcript::parse_bytes(black_box(&big), None))
    });
    // 10,000 court-reporter pages (about 16 MB, 250,000 numbered lines).
    let trial = support::big_transcript(10_000).into_bytes();
    group.throughput(Throughput::Bytes(trial.len() as u64));
    group.bench_function("big_10k_pages", |b| {
        b.iter(|| partly::transcript::parse_bytes(black_box(&trial), None))
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
