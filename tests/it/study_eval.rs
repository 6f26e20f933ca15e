//! The question-form classifier measured on hand-labelled examiner questions
//! (`tests/data/questions/`): dev, and held-out sources never used in tuning. Floors at what
//! was reached, so it cannot silently regress. `cargo test --test it study_eval -- --nocapture`
//! prints the report; `PARTLY_HIDE_HELDOUT=1` hides held-out while tuning.

use crate::common::repo;
use partly::analysis::study::{Form, classify_question};

#[derive(serde::Deserialize)]
struct Item {
    source: String,
    split: String,
    question: String,
    form: String,
    compound: bool,
    /// Which held-out set: "heldout-2" (session 5) or "heldout-3" (session 6).
    #[serde(default)]
    set: String,
}

fn items() -> Vec<Item> {
    let text = std::fs::read_to_string(repo("tests/data/questions/questions.json"))
        .expect("the question set is in the repository");
    serde_json::from_str(&text).expect("questions.json parses")
}

struct Figures {
    n: usize,
    per_form: Vec<(Form, f64, f64, f64)>,
    macro_f1: f64,
    compound_f1: f64,
    confusion: [[usize; 3]; 3],
}

fn f1(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn measure(items: &[&Item]) -> Figures {
    let idx = |f: Form| Form::ALL.iter().position(|x| *x == f).unwrap_or(0);
    let mut confusion = [[0usize; 3]; 3];
    let (mut ctp, mut cfp, mut cfn) = (0, 0, 0);
    for it in items {
        let gold = Form::parse(&it.form).expect("a known form");
        let got = classify_question(&it.question);
        confusion[idx(gold)][idx(got.form)] += 1;
        match (it.compound, got.compound) {
            (true, true) => ctp += 1,
            (false, true) => cfp += 1,
            (true, false) => cfn += 1,
            _ => {}
        }
    }
    let per_form: Vec<(Form, f64, f64, f64)> = Form::ALL
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let tp = confusion[k][k];
            let fp = (0..3).filter(|&g| g != k).map(|g| confusion[g][k]).sum();
            let fn_ = (0..3).filter(|&p| p != k).map(|p| confusion[k][p]).sum();
            let (p, r, f1v) = f1(tp, fp, fn_);
            (*f, p, r, f1v)
        })
        .collect();
    let macro_f1 = per_form.iter().map(|x| x.3).sum::<f64>() / 3.0;
    Figures {
        n: items.len(),
        per_form,
        macro_f1,
        compound_f1: f1(ctp, cfp, cfn).2,
        confusion,
    }
}

fn report(name: &str, f: &Figures) {
    println!(
        "{name}: {} questions, form macro-F1 {:.3}, compound F1 {:.3}",
        f.n, f.macro_f1, f.compound_f1
    );
    for (form, p, r, f1v) in &f.per_form {
        println!("    {:8} P {p:.2}  R {r:.2}  F1 {f1v:.2}", form.name());
    }
    println!("    confusion (rows gold, columns predicted: leading closed open)");
    for (k, row) in f.confusion.iter().enumerate() {
        println!(
            "    {:8} {:4} {:4} {:4}",
            Form::ALL[k].name(),
            row[0],
            row[1],
            row[2]
        );
    }
}

/// Held-out floors: what the classifier reached, rounded down, on both held-out sets together
/// (396 questions, 15 sources never used in tuning: session 5's, and session 6's trials,
/// hearings and press conferences; the first held-out set, worn by repeated measuring, is now
/// dev: see `tests/data/questions/SOURCES.md`).
const FLOOR_FORM_F1: f64 = 0.85;
const FLOOR_COMPOUND_F1: f64 = 0.65;
/// Floors on the Chinese held-out set, rounded down from what was reached (form 0.920,
/// compound 0.872; before the Chinese rules were tuned on the dev set: 0.585 and 0.000).
const ZH_FLOOR_FORM_F1: f64 = 0.90;
const ZH_FLOOR_COMPOUND_F1: f64 = 0.85;

#[test]
fn question_forms_on_held_out_sources() {
    let all = items();
    let sources = |split: &str| {
        all.iter()
            .filter(|i| i.split == split)
            .map(|i| i.source.as_str())
            .collect::<std::collections::BTreeSet<_>>()
    };
    let (dev_sources, held_sources) = (sources("dev"), sources("heldout"));
    assert!(all.len() >= 400, "{} questions", all.len());
    assert!(dev_sources.len() + held_sources.len() >= 8);
    assert!(
        dev_sources.is_disjoint(&held_sources),
        "split by whole source"
    );
    let dev: Vec<&Item> = all.iter().filter(|i| i.split == "dev").collect();
    let held: Vec<&Item> = all.iter().filter(|i| i.split == "heldout").collect();
    report("dev", &measure(&dev));
    if std::env::var_os("PARTLY_HIDE_HELDOUT").is_some() {
        return;
    }
    for set in ["heldout-2", "heldout-3"] {
        let part: Vec<&Item> = held.iter().copied().filter(|i| i.set == set).collect();
        assert!(!part.is_empty(), "{set} is in the question set");
        report(set, &measure(&part));
    }
    let h = measure(&held);
    report("held-out, both sets", &h);
    assert!(
        h.macro_f1 >= FLOOR_FORM_F1,
        "form macro-F1 {:.3}",
        h.macro_f1
    );
    assert!(
        h.compound_f1 >= FLOOR_COMPOUND_F1,
        "compound F1 {:.3}",
        h.compound_f1
    );
}

/// Chinese questions: member question turns of the Hong Kong Legislative Council (traditional
/// characters; oral and written questions), labelled blind by the same guidelines. Dev
/// (`zh_dev.json`, 80 from three sittings of January 2013) is where the Chinese rules were
/// tuned; held-out (`zh_questions.json`, 80 from two sittings of February and April 2013)
/// never was. Reported, with floors at what was reached; the targets are for the English set.
#[test]
fn question_forms_on_chinese_questions() {
    let read = |file: &str| -> Vec<Item> {
        let text =
            std::fs::read_to_string(repo(file)).expect("the Chinese sets are in the repository");
        serde_json::from_str(&text).expect("a Chinese set parses")
    };
    let dev = read("tests/data/questions/zh_dev.json");
    report(
        "Chinese dev (LegCo)",
        &measure(&dev.iter().collect::<Vec<_>>()),
    );
    let items = read("tests/data/questions/zh_questions.json");
    assert!(items.len() >= 80);
    if std::env::var_os("PARTLY_HIDE_HELDOUT").is_some() {
        return;
    }
    let all: Vec<&Item> = items.iter().collect();
    let f = measure(&all);
    report("Chinese held-out (LegCo)", &f);
    assert!(
        f.macro_f1 >= ZH_FLOOR_FORM_F1,
        "form macro-F1 {:.3}",
        f.macro_f1
    );
    assert!(
        f.compound_f1 >= ZH_FLOOR_COMPOUND_F1,
        "compound F1 {:.3}",
        f.compound_f1
    );
}

#[derive(serde::Deserialize)]
struct Second {
    id: String,
    form: String,
    compound: bool,
}

/// How far a blind relabelling agrees with the first labels, on the questions of `split` it
/// covers: (questions, form agreement, Cohen's kappa, compound F1 of one labelling against
/// the other).
fn agreement(file: &str, split: &str) -> (usize, f64, f64, f64) {
    use partly::analysis::agreement::alpha::cohen_kappa;
    #[derive(serde::Deserialize)]
    struct First {
        id: String,
        split: String,
        form: String,
        compound: bool,
    }
    let text = std::fs::read_to_string(repo("tests/data/questions/questions.json")).expect("read");
    let first: Vec<First> = serde_json::from_str(&text).expect("questions.json parses");
    let text = std::fs::read_to_string(repo(file)).expect("read");
    let second: Vec<Second> = serde_json::from_str(&text).expect("relabelling parses");
    let by_id: std::collections::BTreeMap<&str, &Second> =
        second.iter().map(|s| (s.id.as_str(), s)).collect();
    assert_eq!(by_id.len(), second.len(), "each question once");
    let code = |f: &str| Form::parse(f).map(|f| Form::ALL.iter().position(|x| *x == f));
    let (mut a, mut b, mut both, mut either) = (Vec::new(), Vec::new(), 0, 0);
    for f in first.iter().filter(|f| f.split == split) {
        let Some(s) = by_id.get(f.id.as_str()) else {
            continue;
        };
        a.push(code(&f.form).flatten());
        b.push(code(&s.form).flatten());
        both += usize::from(f.compound && s.compound);
        either += usize::from(f.compound || s.compound);
    }
    let kappa = cohen_kappa(&a, &b).expect("defined");
    let same = a.iter().zip(&b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64;
    // Compound agreement as F1 of one labelling against the other: 2·both / (n1 + n2).
    let compound = 2.0 * both as f64 / (both + either) as f64;
    println!(
        "{file}, {split}: {} questions labelled twice: form agreement {same:.3}, kappa {kappa:.3}; compound F1 between the two {compound:.3}",
        a.len()
    );
    (a.len(), same, kappa, compound)
}

/// Every question was labelled a second time, blind, by annotators who saw only the
/// guidelines and the questions, shuffled (the first 557 twice over): how far two readers
/// agree bounds what a classifier can reach, and says whether a gap is the labels' or the
/// classifier's. Both agree on the form almost always, and on compound far more than the
/// classifier does (0.87 on dev, 0.95 on held-out, against the classifier's 0.60 and 0.66).
#[test]
fn a_second_blind_labelling_agrees_with_the_first() {
    let (n, _, kappa, _) = agreement("tests/data/questions/second_labels.json", "dev");
    assert!(n >= 500 && kappa > 0.8, "{n}: kappa {kappa:.3}");
    for split in ["dev", "heldout"] {
        let (n, _, kappa, compound) = agreement("tests/data/questions/blind_relabel.json", split);
        assert!(n >= 390, "{split}: {n} labelled twice");
        assert!(kappa > 0.9, "{split}: kappa {kappa:.3}");
        assert!(compound > 0.8, "{split}: compound F1 {compound:.3}");
    }
}
