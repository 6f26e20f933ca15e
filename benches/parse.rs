//! Import speed on real transcripts: the Supreme Court argument (5,000 lines, 92 pages), the
//! same text repeated twenty times, and a 10,000-page court-reporter transcript generated from
//! the Vocalife sample (the trial-scale input of `benches/scale.rs`). `cargo bench --bench parse`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "support/mod.rs"]
mod support;

#[path = "support/pdf.rs"]
mod pdf;

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

/// The Supreme Court's own PDF of the same argument, and a 300-page reporter's PDF written
/// from its lines (`pdftotext -layout` on the same file is the yardstick; BENCHMARKS.md).
fn parse_pdf(c: &mut Criterion) {
    let real = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/pdf/scotus_11-398_2012-03-26.pdf"
    ))
    .expect("the SCOTUS test PDF is in the repository");
    let mut group = c.benchmark_group("pdf");
    group.sample_size(10);
    group.bench_function("scotus_92_pages", |b| {
        b.iter(|| partly::transcript::parse_bytes(black_box(&real), None))
    });
    let big = pdf_300_pages();
    if let Ok(dir) = std::env::var("PARTLY_BENCH_WRITE_PDF") {
        let _ = std::fs::write(std::path::Path::new(&dir).join("pdf_300_pages.pdf"), &big);
    }
    group.bench_function("reporter_300_pages", |b| {
        b.iter(|| partly::transcript::parse_bytes(black_box(&big), None))
    });
    group.finish();
}

/// 300 pages of 25 numbered lines: the argument's own lines, over and over.
fn pdf_300_pages() -> Vec<u8> {
    let text = String::from_utf8(scotus()).expect("UTF-8");
    let lines: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let t = l.trim_start();
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            (digits > 0 && digits <= 2 && t.len() > digits + 1).then(|| t[digits..].to_owned())
        })
        .collect();
    let many: Vec<String> = lines.iter().cycle().take(300 * 25).cloned().collect();
    pdf::pdf_of(&pdf::one_up(&many, 1))
}

criterion_group!(benches, parse, parse_pdf);
criterion_main!(benches);
