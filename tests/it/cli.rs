//! The CLI as users script it: the built `partly` binary, its JSON, exit codes and files.

use crate::common::*;
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn partly() -> Command {
    Command::cargo_bin("partly").expect("the partly binary is built")
}

/// The index (as `partly annotate --turn` takes it) of the turn whose text is `text`, from
/// `partly inspect --json`: how a script finds a turn.
fn turn_index(file: &Path, text: &str) -> String {
    let v = json_of(partly().args(["inspect", "--json"]).arg(file));
    let turns = v["turns"].as_array().expect("turns");
    let turn = turns
        .iter()
        .find(|t| t["text"] == text)
        .unwrap_or_else(|| panic!("no turn reads {text:?}"));
    turn["index"].as_u64().expect("an index").to_string()
}

fn json_of(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn inspect_json_has_the_documented_shape() {
    let v = json_of(partly().args(["inspect", "--json"]).arg(repo(SEED)));
    assert_eq!(v["format"], "name_colon");
    let speakers = v["speakers"].as_array().unwrap();
    assert_eq!(speakers.len(), 2);
    for key in ["id", "name", "role", "aliases"] {
        assert!(speakers[0].get(key).is_some(), "speaker.{key}");
    }
    assert_eq!(speakers[0]["name"], "Savitt");
    assert_eq!(speakers[0]["role"], "examiner");
    let turns = v["turns"].as_array().unwrap();
    assert_eq!(turns.len(), 8);
    let partly = &turns[5];
    assert_eq!(partly["index"], 6);
    assert_eq!(partly["speaker"], 2);
    assert_eq!(partly["speaker_name"], "Musk");
    assert_eq!(partly["role"], "witness");
    assert_eq!(partly["kind"], "answer");
    assert_eq!(partly["text"], "Partly.");
    assert_eq!(
        partly["start"],
        serde_json::json!({"page": null, "line": 6})
    );
    assert_eq!(partly["end"], serde_json::json!({"page": null, "line": 6}));
}

#[test]
fn inspect_json_reports_import_health_and_translation_aliases() {
    let good = json_of(partly().args(["inspect", "--json"]).arg(repo(SEED)));
    let h = &good["health"];
    assert_eq!(h["verdict"], "good");
    for key in [
        "lines",
        "lines_in_turns",
        "qa_alternation",
        "answers_without_question",
        "turns_with_inner_markers",
        "dropped_lines",
        "worst",
        "advice",
    ] {
        assert!(h.get(key).is_some(), "health.{key}");
    }
    assert_eq!(h["lines_in_turns"], 1.0);
    assert_eq!(h["qa_alternation"], 1.0);

    // Q/A with its line breaks lost: every turn glued into the one before.
    let dir = tempfile::tempdir().unwrap();
    let glued = dir.path().join("glued.txt");
    std::fs::write(
        &glued,
        "THE COURT: Proceed. Q. Did you sign it? A. I did. Q. When? A. In May. \
         Q. Who else was there? A. Nobody. Q. Are you sure? A. Yes.\n",
    )
    .unwrap();
    let bad = json_of(partly().args(["inspect", "--json"]).arg(&glued));
    assert_ne!(bad["health"]["verdict"], "good", "{}", bad["health"]);
    assert!(bad["health"]["turns_with_inner_markers"].as_u64().unwrap() >= 1);
    let worst = bad["health"]["worst"].as_array().unwrap();
    assert!(!worst.is_empty());
    assert!(worst[0].get("start").is_some() && worst[0].get("why").is_some());
    // The summary says so too.
    let out = partly().arg("inspect").arg(&glued).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("health:   doubtful") || text.contains("health:   poor"),
        "{text}"
    );

    let bilingual = dir.path().join("bilingual.txt");
    let english = std::fs::read_to_string(repo(SEED)).unwrap();
    let chinese = std::fs::read_to_string(repo("tests/data/seed_chinese.txt")).unwrap();
    std::fs::write(&bilingual, format!("{english}\n{chinese}")).unwrap();
    let v = json_of(partly().args(["inspect", "--json"]).arg(&bilingual));
    let aliases = v["translation_aliases"].as_array().unwrap();
    assert!(
        aliases.contains(&serde_json::json!({"name": "马斯克", "same_as": "Musk"})),
        "{aliases:?}"
    );
}

#[test]
fn inspect_json_gives_page_and_line_for_paged_transcripts() {
    let v = json_of(partly().args(["inspect", "--json"]).arg(repo(VOCALIFE)));
    assert_eq!(v["format"], "court_reporter");
    let turns = v["turns"].as_array().unwrap();
    let hello = turns
        .iter()
        .find(|t| t["text"] == "Good afternoon, Dr. Li.")
        .unwrap();
    assert_eq!(hello["start"], serde_json::json!({"page": 248, "line": 15}));
    assert_eq!(hello["speaker_name"], "MR. RE");
}

#[test]
fn inspect_summary_and_format_override() {
    partly()
        .arg("inspect")
        .arg(repo(HEARING))
        .assert()
        .success()
        .stdout(predicate::str::contains("hearing"))
        .stdout(predicate::str::contains("Senator Graham — examiner"));
    let v = json_of(
        partly()
            .args(["inspect", "--json", "--format", "name_colon"])
            .arg(repo(GUO)),
    );
    assert_eq!(v["format"], "name_colon");
    assert_eq!(v["format_detected"], false);
    partly()
        .args(["inspect", "--format", "klingon"])
        .arg(repo(SEED))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown format"));
}

#[test]
fn inspect_reads_in_the_layout_saved_beside_the_transcript() {
    let (_dir, file) = copy_of(GUO);
    // Annotating with --format records the layout in the sidecar...
    partly()
        .arg("annotate")
        .arg(&file)
        .args(["--turn", "1", "--tag", "Partial", "--format", "name_colon"])
        .assert()
        .success();
    // ...and a later inspect without --format reads the transcript that way.
    let v = json_of(partly().args(["inspect", "--json"]).arg(&file));
    assert_eq!(v["format"], "name_colon");
    assert_eq!(v["format_detected"], false);
    // --format still wins over the saved layout.
    let v = json_of(
        partly()
            .args(["inspect", "--json", "--format", "court_reporter"])
            .arg(&file),
    );
    assert_eq!(v["format"], "court_reporter");
}

#[test]
fn annotate_then_list_round_trips_through_the_sidecar() {
    let (_dir, file) = copy_of(SEED);
    partly()
        .arg("annotate")
        .arg(&file)
        .args([
            "--turn",
            "6",
            "--tag",
            "partial",
            "--note",
            "Concedes only part",
        ])
        .assert()
        .success();
    partly()
        .arg("annotate")
        .arg(&file)
        .args(["--turn", "4", "--tag", "General", "--tag", "Quote"])
        .args(["--quote", "all the AI companies"])
        .assert()
        .success();
    let sidecar = file.with_file_name("distillation_exchange.txt.annotations.ron");
    let ron = std::fs::read_to_string(&sidecar).unwrap();
    assert!(ron.contains("schema: 3"));
    assert!(ron.contains("\"Partial\""));
    let v = json_of(partly().arg("list").arg(&file).arg("--json"));
    let list = v["annotations"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    // Sorted by position in the transcript.
    assert_eq!(list[0]["quote"], "all the AI companies");
    assert_eq!(list[0]["tags"], serde_json::json!(["General", "Quote"]));
    assert_eq!(list[0]["turn"], 4);
    assert_eq!(list[1]["tags"], serde_json::json!(["Partial"]));
    assert_eq!(list[1]["note"], "Concedes only part");
    assert_eq!(list[1]["quote"], "Partly.");
    assert_eq!(
        list[1]["start"],
        serde_json::json!({"page": null, "line": 6})
    );
    assert_eq!(list[1]["status"], "anchored");
    for key in ["id", "end", "turn"] {
        assert!(list[1].get(key).is_some(), "{key}");
    }
    partly()
        .arg("list")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 annotations"))
        .stdout(predicate::str::contains("note: Concedes only part"));
}

#[test]
fn annotate_with_paged_transcript_cites_page_and_line() {
    let (_dir, file) = copy_of(VOCALIFE);
    let index = turn_index(&file, "Could you repeat your question?");
    partly()
        .arg("annotate")
        .arg(&file)
        .args(["--turn", &index, "--tag", "Clarification"])
        .assert()
        .success()
        .stdout(predicate::str::contains("247:18"));
    let v = json_of(partly().arg("list").arg(&file).arg("--json"));
    assert_eq!(
        v["annotations"][0]["start"],
        serde_json::json!({"page": 247, "line": 18})
    );
}

#[test]
fn unknown_tag_bad_turn_and_missing_quote_are_errors_and_save_nothing() {
    let (_dir, file) = copy_of(SEED);
    let sidecar = file.with_file_name("distillation_exchange.txt.annotations.ron");
    partly()
        .arg("annotate")
        .arg(&file)
        .args(["--turn", "6", "--tag", "Evasive-ish"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "error: unknown tag \"Evasive-ish\"",
        ))
        .stderr(predicate::str::contains("Partial"));
    partly()
        .arg("annotate")
        .arg(&file)
        .args(["--turn", "99", "--tag", "Quote"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("8 turns"));
    partly()
        .arg("annotate")
        .arg(&file)
        .args(["--turn", "6", "--tag", "Quote", "--quote", "Wholly."])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("error: "));
    assert!(!sidecar.exists(), "nothing saved after errors");
}

#[test]
fn usage_errors_exit_2() {
    partly().args(["annotate"]).assert().code(2);
    partly()
        .arg("annotate")
        .arg(repo(SEED))
        .args(["--turn", "0", "--tag", "Quote"])
        .assert()
        .code(2);
    partly().args(["frobnicate", "x", "y"]).assert().code(2);
}

#[test]
fn corrupt_sidecar_is_reported_with_line_and_column_and_left_byte_for_byte() {
    let (_dir, file) = copy_of(SEED);
    let sidecar = file.with_file_name("distillation_exchange.txt.annotations.ron");
    let corrupt = b"(\n    schema: 1,\n    source: (file_name: \"x\", fingerprint: 12),\n)\n";
    std::fs::write(&sidecar, corrupt).unwrap();
    for args in [
        vec!["annotate", "--turn", "6", "--tag", "Partial"],
        vec!["list"],
    ] {
        partly()
            .arg(args[0])
            .arg(&file)
            .args(&args[1..])
            .assert()
            .code(1)
            .stderr(predicate::str::is_match(r"^error: .*annotations\.ron:3:\d+: ").unwrap());
    }
    assert_eq!(std::fs::read(&sidecar).unwrap(), corrupt);
    // Reading the transcript itself still works.
    partly().arg("inspect").arg(&file).assert().success();
}

#[test]
fn newer_schema_sidecar_is_refused_untouched() {
    let (_dir, file) = copy_of(SEED);
    let sidecar = file.with_file_name("distillation_exchange.txt.annotations.ron");
    let future = b"(schema: 7, from_the_future: true)\n";
    std::fs::write(&sidecar, future).unwrap();
    partly()
        .arg("annotate")
        .arg(&file)
        .args(["--turn", "6", "--tag", "Partial"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("newer"));
    assert_eq!(std::fs::read(&sidecar).unwrap(), future);
}

#[test]
fn bad_transcript_input_is_one_error_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("photo.jpg");
    std::fs::write(&bin, b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    for (path, want) in [
        (bin.as_path(), "binary"),
        (empty.as_path(), "empty"),
        (dir.path(), "directory"),
    ] {
        let out = partly().arg("inspect").arg(path).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("error: "), "{err}");
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains(want), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn speaker_edits_are_saved_and_reapplied() {
    let (_dir, file) = copy_of("tests/data/seed_inline.txt");
    partly()
        .arg("speaker")
        .arg(&file)
        .args(["rename", "Savitt", "William Savitt"])
        .assert()
        .success();
    partly()
        .arg("speaker")
        .arg(&file)
        .args(["split", "Savit"])
        .assert()
        .success();
    partly()
        .arg("speaker")
        .arg(&file)
        .args(["role", "Savit", "other"])
        .assert()
        .success();
    let v = json_of(partly().args(["inspect", "--json"]).arg(&file));
    let speakers = v["speakers"].as_array().unwrap();
    let names: Vec<&str> = speakers
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["William Savitt", "Musk", "Savit"]);
    assert_eq!(speakers[2]["role"], "other");
    let t = &v["turns"].as_array().unwrap()[4];
    assert_eq!(t["text"], "So that's a yes.");
    assert_eq!(t["speaker_name"], "Savit");
    // Merging back folds the turns into William Savitt again.
    partly()
        .arg("speaker")
        .arg(&file)
        .args(["merge", "Savit", "Savitt"])
        .assert()
        .success();
    let v = json_of(partly().args(["inspect", "--json"]).arg(&file));
    assert_eq!(v["speakers"].as_array().unwrap().len(), 2);
    assert_eq!(v["turns"][4]["speaker_name"], "William Savitt");
    partly()
        .arg("speaker")
        .arg(&file)
        .args(["rename", "Nobody", "X"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no speaker is labelled \"Nobody\"",
        ));
}

#[test]
fn suggest_json_classifies_the_seed_answers_with_reasons() {
    let v = json_of(partly().args(["suggest", "--json"]).arg(repo(SEED)));
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 4, "one entry per answer turn");
    let got: Vec<(u64, u64, &str, &str, &str)> = list
        .iter()
        .map(|e| {
            (
                e["turn"].as_u64().unwrap(),
                e["question_turn"].as_u64().unwrap(),
                e["label3"].as_str().unwrap(),
                e["label9"].as_str().unwrap(),
                e["tag"].as_str().unwrap(),
            )
        })
        .collect();
    // Each answer linked to the question it answers.
    let links: Vec<(u64, u64)> = got.iter().map(|g| (g.0, g.1)).collect();
    assert_eq!(links, [(2, 1), (4, 3), (6, 5), (8, 7)]);
    for (_, _, label3, label9, tag) in &got {
        let l = partly::analysis::Label9::parse(label9).expect("a sub-class");
        assert_eq!(*label3, l.label3().name());
        assert_eq!(*tag, l.tag());
    }
    // The seed exchange's evasions (it is in the training data, so these are in-sample;
    // held-out figures are in the evaluation test). "Partly." is partial by definition.
    assert_eq!(
        (got[1].3, got[2].3, got[3].3),
        ("general", "partial", "deflection")
    );
    for e in list {
        let c = e["confidence"].as_f64().unwrap();
        assert!(c > 0.0 && c <= 1.0);
        let reasons = e["reasons"].as_array().unwrap();
        assert!(!reasons.is_empty());
        for r in reasons {
            assert!(r["rule"].as_str().is_some_and(|s| !s.is_empty()));
            assert!(r["evidence"].as_str().is_some_and(|s| !s.is_empty()));
        }
        assert!(e["text"].as_str().is_some());
    }
    let why: Vec<&str> = list[3]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["evidence"].as_str())
        .collect();
    assert!(why.iter().any(|w| w.contains("validate")), "{why:?}");
    partly()
        .arg("suggest")
        .arg(repo(SEED))
        .assert()
        .success()
        .stdout(predicate::str::contains("ambivalent / general"));
}

#[test]
fn stats_json_counts_per_witness_and_examiner() {
    let (_dir, file) = copy_of(SEED);
    partly()
        .arg("annotate")
        .arg(&file)
        .args(["--turn", "6", "--tag", "Partial"])
        .assert()
        .success();
    let v = json_of(partly().args(["stats", "--json"]).arg(&file));
    let speakers = v["speakers"].as_array().unwrap();
    let musk = speakers.iter().find(|s| s["name"] == "Musk").unwrap();
    assert_eq!(musk["role"], "witness");
    assert_eq!(musk["answers"], 4);
    let suggested: u64 = musk["suggested"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(suggested, 4, "one suggestion per answer");
    assert_eq!(musk["suggested"]["general"], 1);
    assert_eq!(musk["tagged"]["partial"], 1, "user tags counted apart");
    assert_eq!(musk["tagged"]["general"], 0);
    let run = &musk["longest_evasive_run"];
    assert!(run["length"].as_u64().unwrap() >= 3, "{run}");
    assert_eq!(run["end"], serde_json::json!({"page": null, "line": 9}));
    assert_eq!(musk["repeated_questions"], 1);
    let savitt = speakers.iter().find(|s| s["name"] == "Savitt").unwrap();
    assert_eq!(savitt["role"], "examiner");
    assert_eq!(savitt["questions"], 4);
    partly()
        .arg("stats")
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("longest evasive run: "));
}

/// Every sidecar version partly ever wrote has a fixture; each loads with all its annotations
/// (and, from version 2, its dismissals) and is written back as the current version.
#[test]
fn older_sidecar_versions_load_and_are_written_back_as_the_current_one() {
    for version in ["sidecar_v1", "sidecar_v2"] {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "distillation_exchange.txt",
            "distillation_exchange.txt.annotations.ron",
        ] {
            std::fs::copy(
                repo(&format!("tests/data/{version}/{f}")),
                dir.path().join(f),
            )
            .unwrap();
        }
        let file = dir.path().join("distillation_exchange.txt");
        let v = json_of(partly().arg("list").arg(&file).arg("--json"));
        let listed = v["annotations"].as_array().unwrap();
        assert_eq!(listed.len(), 4, "{version}");
        assert!(
            listed.iter().all(|a| a["status"] == "anchored"),
            "{version}: {v}"
        );
        partly()
            .arg("annotate")
            .arg(&file)
            .args(["--turn", "2", "--tag", "Explicit"])
            .assert()
            .success();
        let ron =
            std::fs::read_to_string(dir.path().join("distillation_exchange.txt.annotations.ron"))
                .unwrap();
        assert!(ron.contains("schema: 3"), "{version}: {ron}");
        assert!(ron.contains("placement: anchored"), "{version}: {ron}");
        if version == "sidecar_v2" {
            assert!(ron.contains("label: \"general\""), "{version}: {ron}");
        } else {
            assert!(ron.contains("dismissed: []"), "{version}: {ron}");
        }
        let v = json_of(partly().arg("list").arg(&file).arg("--json"));
        assert_eq!(v["annotations"].as_array().unwrap().len(), 5, "{version}");
    }
}

/// A copy of the seed with three annotations, one of them with hostile text in note and tag.
fn annotated_seed() -> (tempfile::TempDir, PathBuf) {
    let (dir, file) = copy_of(SEED);
    for args in [
        vec![
            "--turn",
            "6",
            "--tag",
            "Partial",
            "--note",
            "Pinned down <b>& \"quoted\"</b>",
        ],
        vec![
            "--turn",
            "4",
            "--tag",
            "General",
            "--quote",
            "all the AI companies",
        ],
        vec![
            "--turn",
            "8",
            "--tag",
            "Deflection",
            "--note",
            "=HYPERLINK(\"http://evil\")",
        ],
    ] {
        partly()
            .arg("annotate")
            .arg(&file)
            .args(args)
            .assert()
            .success();
    }
    (dir, file)
}

fn export(file: &Path, args: &[&str]) -> String {
    let out = partly()
        .arg("export")
        .arg(file)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn export_markdown_and_text_carry_question_answer_tags_note_and_cite() {
    let (_dir, file) = annotated_seed();
    let md = export(&file, &["--format", "md"]);
    assert!(md.contains("## Tr. ll. 5–6 — Partial"), "{md}");
    assert!(md.contains("> **Savitt:** So that's a yes."), "{md}");
    assert!(md.contains("> **Musk:** **Partly.**"), "{md}");
    assert!(md.contains("Quote: “all the AI companies”"), "{md}");
    assert!(
        md.contains("distillation\\_exchange.txt, Tr. ll. 5–6"),
        "{md}"
    );
    let txt = export(
        &file,
        &[
            "--format",
            "txt",
            "--tag",
            "partial",
            "--prefix",
            "Musk Trial Tr.",
        ],
    );
    assert!(txt.contains("Musk Trial Tr. ll. 5–6 [Partial]"), "{txt}");
    assert!(txt.contains("  Musk: Partly."), "{txt}");
    assert!(!txt.contains("standard practice"), "filtered by tag");
    let only_answer = export(
        &file,
        &["--format", "txt", "--tag", "Partial", "--no-question"],
    );
    assert!(!only_answer.contains("So that's a yes."), "{only_answer}");
    assert!(only_answer.contains("Tr. l. 6"), "{only_answer}");
    let context = export(
        &file,
        &["--format", "txt", "--tag", "Partial", "--context", "1"],
    );
    assert!(
        context.contains("Generally all the AI companies"),
        "{context}"
    );
    let by_speaker = export(&file, &["--format", "txt", "--speaker", "Savitt"]);
    assert!(
        by_speaker.contains("0 excerpts"),
        "annotations are on Musk's answers: {by_speaker}"
    );
}

#[test]
fn export_html_escapes_everything_from_the_transcript_and_notes() {
    let (_dir, file) = annotated_seed();
    let html = export(&file, &["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("Pinned down &lt;b&gt;&amp; &quot;quoted&quot;&lt;/b&gt;"),
        "{html}"
    );
    assert!(
        !html.contains("<b>&"),
        "raw markup from a note must not survive"
    );
    assert!(html.contains("So that&#39;s a yes."), "apostrophes escaped");
    assert!(html.contains("background:#"), "tag colours");
    assert!(html.contains("@media print"));
}

#[test]
fn export_csv_neutralises_formula_cells() {
    let (_dir, file) = annotated_seed();
    let csv = export(&file, &["--format", "csv"]);
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let note_col = headers.iter().position(|h| h == "note").unwrap();
    let notes: Vec<String> = rdr
        .records()
        .map(|r| r.unwrap()[note_col].to_owned())
        .collect();
    assert!(
        notes.iter().any(|n| n == "'=HYPERLINK(\"http://evil\")"),
        "{notes:?}"
    );
    assert!(notes.iter().all(|n| !n.starts_with('=')));
}

#[test]
fn export_docx_is_a_real_word_document_and_never_overwrites_silently() {
    let (dir, file) = annotated_seed();
    partly()
        .arg("export")
        .arg(&file)
        .args(["--format", "docx"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("-o"));
    let out = dir.path().join("excerpts.docx");
    partly()
        .arg("export")
        .arg(&file)
        .args(["--format", "docx", "-o"])
        .arg(&out)
        .assert()
        .success();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("Partly."), "{xml}");
    assert!(xml.contains("Tr. ll. 5–6"));
    let before = std::fs::read(&out).unwrap();
    partly()
        .arg("export")
        .arg(&file)
        .args(["--format", "md", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("exists; not overwritten"));
    assert_eq!(std::fs::read(&out).unwrap(), before);
    partly()
        .arg("export")
        .arg(&file)
        .args(["--format", "md", "--force", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("# Excerpts")
    );
}

#[test]
fn export_paged_transcript_cites_page_and_line() {
    let (_dir, file) = copy_of(VOCALIFE);
    let index = turn_index(&file, "Hi, Mr. Re.");
    partly()
        .arg("annotate")
        .arg(&file)
        .args(["--turn", &index, "--tag", "Quote"])
        .assert()
        .success();
    let txt = export(&file, &["--format", "txt", "--prefix", "Trial Tr."]);
    assert!(txt.contains("Trial Tr. 248:15–16 [Quote]"), "{txt}");
    assert!(txt.contains("MR. RE: Good afternoon, Dr. Li."), "{txt}");
}

fn verify(quote: &str) -> Value {
    json_of(
        partly()
            .arg("verify")
            .arg(repo(SEED))
            .arg(quote)
            .arg("--json"),
    )
}

#[test]
fn verify_accepts_honest_variants_of_a_verbatim_quote() {
    for q in [
        "Partly.",
        "“It means to use one AI model to train another AI model.”",
        "it means to use one  AI model to train another AI model.",
        "Generally all the AI companies [do that].",
        "It is standard practice … to validate your AI.",
        "It is standard practice ... to validate your AI.",
    ] {
        let v = verify(q);
        assert_eq!(v["verbatim"], true, "{q}: {v}");
        let m = &v["matches"][0];
        assert_eq!(m["speaker"], "Musk", "{q}");
        assert!(m["start"]["line"].as_u64().is_some());
    }
    assert_eq!(
        verify("Partly.")["matches"][0]["start"],
        serde_json::json!({"page": null, "line": 6})
    );
}

#[test]
fn verify_shows_reworded_and_translated_back_copies_with_a_diff() {
    // Re-typed and machine-translated copies of the exchange, as articles print them.
    for (q, line, changed) in [
        ("partially", 6, "partially"),
        ("Generally all AI companies (do this)", 4, "(do this)"),
        ("Generally, all AI companies do this.", 4, "this."),
        (
            "It is common practice to use other AIs to validate your AI.",
            9,
            "common",
        ),
        (
            "It's standard practice to use other AI to verify your AI.",
            9,
            "verify",
        ),
    ] {
        let v = verify(q);
        assert_eq!(v["verbatim"], false, "{q}: {v}");
        let c = &v["closest"];
        assert_eq!(c["speaker"], "Musk", "{q}: {v}");
        assert_eq!(c["start"]["line"], line, "{q}: {v}");
        let s = c["similarity"].as_f64().unwrap();
        assert!(s > 0.0 && s < 1.0, "{q}: {s}");
        let extra: Vec<&str> = c["diff"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|op| op["op"] == "extra")
            .map(|op| op["text"].as_str().unwrap())
            .collect();
        assert!(extra.iter().any(|e| e.contains(changed)), "{q}: {extra:?}");
    }
    partly()
        .arg("verify")
        .arg(repo(SEED))
        .arg("partially")
        .assert()
        .success()
        .stdout(predicate::str::contains("not verbatim"))
        .stdout(predicate::str::contains("{+Partly.+} [-partially-]"));
}

#[test]
fn verify_a_quote_on_a_paged_transcript_cites_page_and_line() {
    let v = json_of(
        partly()
            .arg("verify")
            .arg(repo(VOCALIFE))
            .arg("Did you intend to suggest that the patent was invalid?")
            .arg("--json"),
    );
    assert_eq!(v["verbatim"], true, "{v}");
    assert_eq!(
        v["matches"][0]["start"],
        serde_json::json!({"page": 247, "line": 19})
    );
}

/// Eight `partly annotate` runs at once on one transcript (a script, a second terminal, a
/// sync): each one that finds the file changed since it read it merges before writing, so
/// every annotation ends up in the file.
#[test]
fn concurrent_annotate_runs_all_land_in_the_file() {
    let (_dir, file) = copy_of(SCOTUS);
    let bin = partly().get_program().to_owned();
    let runs = 8;
    let children: Vec<_> = (0..runs)
        .map(|k| {
            std::process::Command::new(&bin)
                .arg("annotate")
                .arg(&file)
                .args(["--turn", &(k + 2).to_string(), "--tag", "Dodging"])
                .args(["--note", &format!("run {k}")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn partly")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let v = json_of(partly().arg("list").arg(&file).arg("--json"));
    let mut notes: Vec<String> = v["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["note"].as_str().unwrap().to_owned())
        .collect();
    notes.sort();
    let expected: Vec<String> = (0..runs).map(|k| format!("run {k}")).collect();
    assert_eq!(notes, expected);
}

/// Exports (and the practice files of drills) get a normal file's permissions, as the
/// annotation file does, not the private 0600 of the temporary file they are written as.
#[cfg(unix)]
#[test]
fn exported_files_get_the_users_normal_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seed.txt");
    std::fs::copy(repo(SEED), &file).unwrap();
    partly()
        .args(["annotate", "--turn", "4", "--tag", "General"])
        .arg(&file)
        .assert()
        .success();
    let normal = dir.path().join("normal.txt");
    std::fs::write(&normal, "x").unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let out = dir.path().join("x.html");
    partly()
        .args(["export", "--format", "html", "-o"])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    assert_eq!(mode(&out), mode(&normal));
    assert_eq!(
        mode(&dir.path().join("seed.txt.annotations.ron")),
        mode(&normal)
    );
    // Replacing a shared, group-writable export keeps its permissions.
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o664)).unwrap();
    partly()
        .args(["export", "--format", "html", "--force", "-o"])
        .arg(&out)
        .arg(&file)
        .assert()
        .success();
    assert_eq!(mode(&out), 0o664);
}

#[test]
fn check_article_reads_an_html_article_and_reports_each_quote_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("story.html");
    std::fs::write(
        &article,
        "<html><body><h1>Musk \u{2019}s testimony</h1>\
         <p>Asked whether xAI had used OpenAI\u{2019}s models, Musk said: \u{201c}Generally all the AI companies do this.\u{201d}</p>\
         <p>\u{201c}So that\u{2019}s a yes,\u{201d} Savitt pressed. Musk\u{2019}s answer: \u{201c}Partly.\u{201d}</p>\
         <blockquote>It is standard practice to use other AIs to validate your AI.</blockquote>\
         <p>\u{201c}I never used it,\u{201d} Musk insisted.</p></body></html>",
    )
    .unwrap();
    let v = json_of(
        partly()
            .args(["check-article", "--json", "--against"])
            .arg(repo(SEED))
            .arg(&article),
    );
    assert_eq!(v["transcript"], repo(SEED).display().to_string());
    let quotes = v["quotes"].as_array().expect("quotes");
    let by = |text: &str| {
        quotes
            .iter()
            .find(|q| q["text"].as_str().is_some_and(|t| t.starts_with(text)))
            .unwrap_or_else(|| panic!("no quote {text:?} in {quotes:#?}"))
    };
    let altered = by("Generally all the AI companies do this");
    assert_eq!(altered["status"], "altered");
    assert_eq!(altered["said_by"], "Musk");
    assert_eq!(altered["match"]["cite"], "Tr. l. 4");
    assert!(altered["match"]["similarity"].as_f64().unwrap_or(1.0) < 1.0);
    assert!(
        !altered["match"]["diff"]
            .as_array()
            .expect("diff")
            .is_empty()
    );
    let pressed = by("So that");
    assert_eq!(pressed["status"], "verbatim");
    assert_eq!(pressed["said_by"], "Savitt");
    assert_eq!(pressed["match"]["speaker"], "Savitt");
    assert_eq!(by("Partly.")["status"], "verbatim");
    assert!(
        by("Partly.")["flags"]
            .as_array()
            .is_some_and(|f| f.iter().any(|x| x["flag"] == "fragment"))
    );
    assert_eq!(by("I never used it")["status"], "not_found");
    assert_eq!(by("I never used it")["match"], Value::Null);
    // An apostrophe is not a quotation mark: "Musk's" and "OpenAI's" start nothing.
    assert!(
        quotes
            .iter()
            .all(|q| !q["text"].as_str().unwrap_or("").starts_with("s "))
    );
    // The same article from standard input, for people.
    let html = std::fs::read_to_string(&article).unwrap();
    let out = partly()
        .args(["check-article", "-", "--against"])
        .arg(repo(SEED))
        .write_stdin(html)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("not_found \"I never used it,\" — attributed to Musk"),
        "{text}"
    );
}

/// Articles saved from Word come as Windows-1252 text or as the Word document itself: their
/// curly quotation marks are quotation marks all the same.
#[test]
fn check_article_reads_windows_1252_text_and_word_documents() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("story.txt");
    std::fs::write(
        &text,
        b"Pressed, Musk said \x93Generally all the AI companies do that.\x94 Then: \x93Partly.\x94\n",
    )
    .unwrap();
    let word = dir.path().join("story.docx");
    {
        use docx_rs::{Docx, Paragraph, Run};
        let mut out = std::fs::File::create(&word).unwrap();
        Docx::new()
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(
                "Pressed, Musk said \u{201c}Generally all the AI companies do that.\u{201d} Then: \u{201c}Partly.\u{201d}",
            )))
            .build()
            .pack(&mut out)
            .unwrap();
    }
    for article in [&text, &word] {
        let v = json_of(
            partly()
                .args(["check-article", "--json", "--against"])
                .arg(repo(SEED))
                .arg(article),
        );
        let quotes = v["quotes"].as_array().expect("quotes");
        assert_eq!(quotes.len(), 2, "{}: {quotes:#?}", article.display());
        assert_eq!(quotes[1]["text"], "Partly.");
        assert_eq!(quotes[1]["status"], "verbatim");
    }
}

#[test]
fn check_article_writes_a_fact_check_report_in_markdown_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("story.md");
    std::fs::write(
        &article,
        "\u{201c}Generally all AI companies do this,\u{201d} Musk told the court.\n\
         Savitt pressed: \u{201c}So that's a yes.\u{201d} <script>\n",
    )
    .unwrap();
    for name in ["report.md", "report.html"] {
        let out = dir.path().join(name);
        partly()
            .args(["check-article", "--report"])
            .arg(&out)
            .arg("--against")
            .arg(repo(SEED))
            .arg(&article)
            .assert()
            .success();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(
            text.contains("2 quotations: 1 verbatim, 1 altered"),
            "{text}"
        );
        assert!(text.contains("Tr. l. 4"), "{text}");
        if name.ends_with("html") {
            assert!(text.contains("<del>the</del>"), "{text}");
            assert!(text.contains("class=\"status verbatim\""), "{text}");
        } else {
            assert!(text.contains("~~the~~"), "{text}");
        }
        // Not replaced without --force.
        partly()
            .args(["check-article", "--report"])
            .arg(&out)
            .arg("--against")
            .arg(repo(SEED))
            .arg(&article)
            .assert()
            .failure();
    }
}

#[test]
fn suggest_reads_the_chinese_seed_as_it_reads_the_english() {
    let v = json_of(
        partly()
            .args(["suggest", "--json"])
            .arg(repo("tests/data/seed_chinese.txt")),
    );
    let got: Vec<(&str, &str)> = v
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| {
            (
                e["label3"].as_str().unwrap_or(""),
                e["label9"].as_str().unwrap_or(""),
            )
        })
        .collect();
    // 意思是用一个AI模型… (an answer) · 一般来说，所有AI公司都这样做。 · 部分是。 ("Partly.")
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].0, "clear_reply", "{got:?}");
    assert_eq!(got[1].0, "ambivalent", "{got:?}");
    assert_eq!(got[2], ("ambivalent", "partial"));
}
