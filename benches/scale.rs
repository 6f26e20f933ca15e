//! Trial scale: a 10,000-page transcript (the Vocalife pages repeated and renumbered, about
//! 250,000 numbered lines) with 10,000 annotations. `cargo bench --bench scale`.
//! Targets and measured figures are in BENCHMARKS.md.

mod support;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use partly::annotation::Edit;
use partly::annotation::{Sidecar, reanchor};
use partly::app::{Action, Command, PartlyApp};
use partly::transcript::{Role, SpeakerEdit};
use std::hint::black_box;
use std::path::Path;

const PAGES: usize = 10_000;
const ANNOTATIONS: usize = 10_000;

fn parse(c: &mut Criterion) {
    let text = support::big_transcript(PAGES);
    let mut g = c.benchmark_group("scale");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("parse_10k_pages", |b| {
        b.iter(|| partly::transcript::parse_bytes(black_box(text.as_bytes()), None))
    });
    g.finish();
}

fn search(c: &mut Criterion) {
    let text = support::big_transcript(PAGES);
    let t = partly::transcript::parse_bytes(text.as_bytes(), None).expect("parses");
    let mut g = c.benchmark_group("scale");
    for q in ["patent", "did you intend"] {
        g.bench_function(format!("search_10k_pages/{q}"), |b| {
            b.iter(|| partly::transcript::search::find(black_box(&t), q))
        });
    }
    g.finish();
}

/// The evasion suggestions the window keeps for every answer, worked out when a file opens
/// and again when a speaker's role changes.
fn suggestions(c: &mut Criterion) {
    let text = support::big_transcript(PAGES);
    let t = partly::transcript::parse_bytes(text.as_bytes(), None).expect("parses");
    let mut g = c.benchmark_group("scale");
    g.sample_size(10);
    g.bench_function("suggestions_10k_pages", |b| {
        b.iter(|| partly::analysis::verdicts(black_box(&t)))
    });
    // View > Statistics: per-speaker figures from the verdicts and the user's tags.
    let verdicts = partly::analysis::verdicts(&t);
    let annotations = support::annotations(&t, ANNOTATIONS);
    g.bench_function("statistics_10k_pages_10k_annotations", |b| {
        b.iter(|| partly::analysis::stats::stats(black_box(&t), &verdicts, &annotations))
    });
    // View > Study view and `partly study`: every examiner question's form, the
    // examinations, chapters and scorecards.
    g.bench_function("study_10k_pages", |b| {
        b.iter(|| partly::analysis::study::study(black_box(&t), &verdicts))
    });
    g.finish();
}

/// Everything the window does to open a file, on its worker thread: read, parse, load the
/// annotations, work out the suggestions.
fn open(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("trial.txt");
    std::fs::write(&file, support::big_transcript(PAGES)).expect("write");
    let mut doc = partly::annotation::Document::open(&file, None).expect("opens");
    doc.sidecar.annotations = support::annotations(&doc.transcript, ANNOTATIONS);
    doc.save().expect("saved");
    let mut g = c.benchmark_group("scale");
    g.sample_size(10);
    g.bench_function("open_in_the_window_10k_pages_10k_annotations", |b| {
        b.iter(|| partly::app::Loaded::read_now(black_box(&file), None).expect("opens"))
    });
    g.finish();
}

/// A speaker's role changed in the window, and undone: the transcript's question/answer links
/// and the suggestions are worked out again, on the UI thread.
fn role_change(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("trial.txt");
    std::fs::write(&file, support::big_transcript(PAGES)).expect("write");
    let mut app = PartlyApp::new(Some(file), None, None);
    let witness = {
        let t = &app.doc.as_ref().expect("opened").doc.transcript;
        let w = t.speakers.iter().find(|s| s.role == Role::Witness);
        w.expect("a witness").name.clone()
    };
    let mut g = c.benchmark_group("scale");
    g.sample_size(10);
    g.bench_function("role_change_and_undo_10k_pages", |b| {
        b.iter(|| {
            app.apply(Action::Edit(Edit::Speaker(SpeakerEdit::SetRole {
                label: witness.clone(),
                role: Role::Other,
            })));
            app.apply(Action::Command(Command::Undo));
        })
    });
    let d = app.doc.as_ref().expect("opened");
    assert!(!d.suggestions.is_empty(), "the witness's answers are back");
    g.finish();
}

fn sidecar(c: &mut Criterion) {
    let text = support::big_transcript(PAGES);
    let t = partly::transcript::parse_bytes(text.as_bytes(), None).expect("parses");
    let s = support::sidecar_with(support::annotations(&t, ANNOTATIONS));
    assert_eq!(s.annotations.len(), ANNOTATIONS);
    let ron = s.to_ron();
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("big.txt");
    let mut g = c.benchmark_group("scale");
    g.sample_size(10);
    g.bench_function("sidecar_save_10k_annotations", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_file(partly::annotation::sidecar::sidecar_path(&source));
            },
            |()| {
                partly::annotation::sidecar::save(
                    &source,
                    black_box(&s),
                    &partly::annotation::DiskState::Absent,
                )
                .expect("saved")
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("sidecar_load_10k_annotations", |b| {
        b.iter(|| Sidecar::from_ron(black_box(&ron), Path::new("big.txt.annotations.ron")))
    });
    // What an autosave costs the window: the rest runs on a worker thread.
    std::fs::write(&source, &text).expect("write");
    let mut doc = partly::annotation::Document::open(&source, None).expect("opens");
    doc.sidecar.annotations = s.annotations.clone();
    g.bench_function("autosave_on_the_ui_thread_10k_annotations", |b| {
        b.iter(|| black_box(&doc).begin_save().expect("can save"))
    });
    g.finish();
}

fn reanchoring(c: &mut Criterion) {
    let text = support::big_transcript(PAGES);
    let t = partly::transcript::parse_bytes(text.as_bytes(), None).expect("parses");
    let annotations = support::annotations(&t, ANNOTATIONS);
    // The edit: one page of other testimony inserted before the first, so every annotation's
    // turn and page:line change.
    let edited = format!(
        "{}{}",
        support::inserted_page(),
        support::big_transcript_from(PAGES, 2)
    );
    let t2 = partly::transcript::parse_bytes(edited.as_bytes(), None).expect("parses");
    let mut g = c.benchmark_group("scale");
    g.sample_size(10);
    g.bench_function("reanchor_10k_annotations_after_an_edit", |b| {
        b.iter_batched(
            || annotations.clone(),
            |mut a| {
                let summary = reanchor::reanchor_all(&mut a, black_box(&t2));
                assert_eq!(summary.needs_attention(), 0, "{summary:?}");
                a
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

/// One frame of the whole window, headless (no GPU: egui's tessellated output is not drawn),
/// with one annotation per 25 lines saved beside the file, as a user's would be. At 10,000
/// pages also scrolled to the middle and to the end: a frame there must cost what it costs at
/// the top.
fn frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut g = c.benchmark_group("scale");
    for pages in [100, PAGES] {
        let file = dir.path().join(format!("trial-{pages}.txt"));
        std::fs::write(&file, support::big_transcript(pages)).expect("write");
        let lines = pages * 25;
        let mut doc = partly::annotation::Document::open(&file, None).expect("opens");
        doc.sidecar.annotations = support::annotations(&doc.transcript, lines / 25);
        doc.save().expect("saved");
        let mut app = PartlyApp::new(Some(file), None, None);
        let d = app.doc.as_ref().expect("opened");
        assert_eq!(d.doc.sidecar.annotations.len(), lines / 25);
        let ctx = egui::Context::default();
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            ..Default::default()
        };
        let places: &[(&str, Option<String>)] = if pages == PAGES {
            &[
                ("", None),
                ("_at_page_5000", Some("5000:1".into())),
                ("_at_the_end", Some(format!("{PAGES}:20"))),
            ]
        } else {
            &[("", None)]
        };
        for (name, at) in places {
            if let Some(at) = at {
                app.apply(partly::app::Action::GoTo(at.clone()));
            }
            // Warm up: fonts, row heights of what is in view.
            for _ in 0..3 {
                let _ = ctx.run_ui(input(), |ui| app.ui_root(ui));
            }
            if let Some(at) = at {
                let (turn, _) = app
                    .doc
                    .as_ref()
                    .and(app.view.selection)
                    .expect("went")
                    .turns();
                assert!(turn > 0, "went to {at}");
            }
            g.bench_function(format!("frame/{lines}_lines{name}"), |b| {
                b.iter(|| ctx.run_ui(input(), |ui| app.ui_root(ui)))
            });
        }
    }
    g.finish();
}

criterion_group!(
    benches,
    parse,
    search,
    suggestions,
    open,
    role_change,
    sidecar,
    reanchoring,
    frame
);
criterion_main!(benches);
