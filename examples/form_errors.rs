//! Prints the question-form classifier's errors on the dev questions, with the rules that
//! fired and the labeller's reason: what tuning the rules reads. Held-out is never printed.
//!
//! `cargo run --example form_errors [--compound] [--unmarked] [FILE.json]` (default
//! `tests/data/questions/questions.json`); `--compound` prints only the turns whose compound
//! reading differs, whole; `--unmarked` reads them as from a transcript with no question
//! marks (`classify_unmarked_question`); `--consensus` keeps only the questions whose
//! compound reading a blind relabelling shares.

use anyhow::{Context, Result};
use partly::analysis::study::{classify_question, classify_unmarked_question};

#[derive(serde::Deserialize)]
struct Item {
    id: String,
    split: String,
    question: String,
    form: String,
    compound: bool,
    why: String,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let only_compound = args.iter().any(|a| a == "--compound");
    // `--unmarked`: read every turn as from a transcript that lost its question marks.
    let classify = if args.iter().any(|a| a == "--unmarked") {
        classify_unmarked_question
    } else {
        classify_question
    };
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "tests/data/questions/questions.json".into());
    let text = std::fs::read_to_string(&path).with_context(|| path.clone())?;
    let items: Vec<Item> = serde_json::from_str(&text).with_context(|| path.clone())?;
    // `--consensus`: only the questions whose compound reading the blind relabelling
    // (`blind_relabel.json`) shares, so that tuning follows what two readers agree on.
    let agreed: Option<std::collections::BTreeMap<String, bool>> =
        if args.iter().any(|a| a == "--consensus") {
            #[derive(serde::Deserialize)]
            struct Relabel {
                id: String,
                compound: bool,
            }
            let p = "tests/data/questions/blind_relabel.json";
            let text = std::fs::read_to_string(p).with_context(|| p.to_owned())?;
            let r: Vec<Relabel> = serde_json::from_str(&text).with_context(|| p.to_owned())?;
            Some(r.into_iter().map(|r| (r.id, r.compound)).collect())
        } else {
            None
        };
    let dev: Vec<&Item> = items
        .iter()
        .filter(|i| i.split == "dev")
        .filter(|i| {
            agreed
                .as_ref()
                .is_none_or(|a| a.get(&i.id) == Some(&i.compound))
        })
        .collect();
    let mut wrong = 0;
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for it in &dev {
        let got = classify(&it.question);
        match (it.compound, got.compound) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            _ => {}
        }
        if got.compound == it.compound && (only_compound || got.form.name() == it.form) {
            continue;
        }
        wrong += 1;
        let rules: Vec<&str> = got.reasons.iter().map(|r| r.rule).collect();
        let tail: String = {
            let chars: Vec<char> = it.question.chars().collect();
            let keep = if only_compound { chars.len() } else { 260 };
            chars[chars.len().saturating_sub(keep)..].iter().collect()
        };
        println!(
            "GOLD {} c={} | GOT {} c={} | {rules:?}\n   Q: {}\n   WHY: {}\n",
            it.form,
            it.compound,
            got.form.name(),
            got.compound,
            tail.replace('\n', " "),
            it.why
        );
    }
    println!(
        "{wrong} of {} dev questions differ; compound: {tp} found, {fp} wrongly, {fn_} missed",
        dev.len()
    );
    Ok(())
}
