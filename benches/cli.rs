//! `partly inspect BIG.txt` (the summary, no JSON) against `grep -c` counting Q./A. lines in
//! the same 10,000-page file: the whole program, start to exit. `cargo bench --bench cli`.

#[path = "support/mod.rs"]
mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use std::process::{Command, Stdio};

/// Runs `cmd` to the end, reading its output. (Not to `/dev/null`: GNU grep notices that and
/// stops at the first match, as if asked `-q`.)
fn run(cmd: &mut Command) {
    let out = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{cmd:?}: {}", out.status);
    assert!(!out.stdout.is_empty());
}

fn inspect_vs_grep(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("trial.txt");
    std::fs::write(&file, support::big_transcript(10_000)).expect("write");
    let mut g = c.benchmark_group("cli_10k_pages");
    g.sample_size(10);
    g.bench_function("partly_inspect", |b| {
        b.iter(|| {
            run(Command::new(env!("CARGO_BIN_EXE_partly"))
                .arg("inspect")
                .arg(&file))
        })
    });
    g.bench_function("grep_c_qa", |b| {
        b.iter(|| {
            run(Command::new("grep")
                .arg("-c")
                .arg(r"^[0-9: ]*[0-9]\+ \+[QA]\. ")
                .arg(&file))
        })
    });
    g.finish();
}

criterion_group!(benches, inspect_vs_grep);
criterion_main!(benches);
