//! `partly agree` and the window's comparison: two coders' annotation files of one transcript.

use crate::common::*;
use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn partly() -> Command {
    Command::cargo_bin("partly").expect("the partly binary is built")
}

/// The seed exchange with two coders' annotation files in their own folders: coder A tags
/// turn 4 General and 6 Partial; coder B tags 2 Explicit, 4 Deflection, 6 Partial.
pub fn two_coders(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let seed = dir.join("seed.txt");
    std::fs::copy(repo(SEED), &seed).expect("copy");
    let coder = |name: &str, tags: &[(&str, &str)]| {
        for (turn, tag) in tags {
            let out = partly()
                .args(["annotate", "--turn", turn, "--tag", tag])
                .arg(&seed)
                .output()
                .expect("run");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let folder = dir.join(name);
        std::fs::create_dir_all(&folder).expect("folder");
        let to = folder.join("seed.txt.annotations.ron");
        std::fs::rename(dir.join("seed.txt.annotations.ron"), &to).expect("move");
        to
    };
    let a = coder("a", &[("4", "General"), ("6", "Partial")]);
    let b = coder(
        "b",
        &[("2", "Explicit"), ("4", "Deflection"), ("6", "Partial")],
    );
    (seed, a, b)
}

#[test]
fn agree_reports_alpha_kappa_and_every_disagreement_as_documented() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (seed, a, b) = two_coders(dir.path());
    let csv = dir.path().join("disagreements.csv");
    let out = partly()
        .args(["agree", "--json", "--csv"])
        .arg(&csv)
        .arg(&seed)
        .arg(&a)
        .arg(&b)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let (an, bn) = (a.display().to_string(), b.display().to_string());
    assert_eq!(v["units"], 3);
    assert_eq!(v["coders"], serde_json::json!([an, bn]));
    // Worked by hand: values (untagged, Explicit), (General, Deflection), (Partial, Partial).
    assert_eq!(v["alpha"], 0.286);
    assert_eq!(v["alpha_3way"], 0.444);
    let pair = &v["pairwise"][0];
    assert_eq!(pair["coders"], serde_json::json!([an, bn]));
    assert_eq!(pair["kappa"], 0.25);
    assert_eq!(pair["agreement"], 0.333);
    assert_eq!(pair["units"], 3);
    let confusion = &v["confusion"][0];
    let labels: Vec<&str> = confusion["labels"]
        .as_array()
        .expect("labels")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let at = |l: &str| labels.iter().position(|x| *x == l).expect(l);
    assert_eq!(confusion["matrix"][at("General")][at("Deflection")], 1);
    assert_eq!(confusion["matrix"][at("untagged")][at("Explicit")], 1);
    assert_eq!(confusion["matrix"][at("Partial")][at("Partial")], 1);
    let d = v["disagreements"].as_array().expect("disagreements");
    assert_eq!(d.len(), 2);
    assert_eq!(d[1]["turn"], 4);
    assert_eq!(d[1]["start"]["line"], 4);
    assert_eq!(d[1]["text"], "Generally all the AI companies [do that].");
    assert_eq!(d[1]["labels"][&an], "General");
    assert_eq!(d[1]["labels"][&bn], "Deflection");
    let partial = v["per_tag"]
        .as_array()
        .and_then(|p| p.iter().find(|t| t["tag"] == "Partial"))
        .expect("per-tag Partial");
    assert_eq!(partial["alpha"], 1.0);
    // The CSV: a header and one row per disagreement.
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(
        text.starts_with(&format!("turn,start,end,{an},{bn},text")),
        "{text}"
    );
    // Missing instead of untagged: turn 2 pairs nothing.
    let out = partly()
        .args(["agree", "--json", "--untagged", "missing"])
        .arg(&seed)
        .arg(&a)
        .arg(&b)
        .output()
        .expect("run");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["pairwise"][0]["units"], 2);
    assert_eq!(v["disagreements"][0]["labels"][&an], Value::Null);
    // People read the same figures.
    let out = partly()
        .arg("agree")
        .arg(&seed)
        .arg(&a)
        .arg(&b)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Krippendorff's alpha (nominal): 0.286"),
        "{text}"
    );
    assert!(text.contains("Cohen's kappa 0.250"), "{text}");
    assert!(text.contains("#4 [l. 4–l. 4]"), "{text}");
}

#[test]
fn agree_needs_two_annotation_files_and_names_a_missing_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (seed, a, _) = two_coders(dir.path());
    let out = partly()
        .arg("agree")
        .arg(&seed)
        .arg(&a)
        .output()
        .expect("run");
    assert!(!out.status.success());
    let missing = dir.path().join("nobody.annotations.ron");
    let out = partly()
        .arg("agree")
        .arg(&seed)
        .arg(&a)
        .arg(&missing)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nobody.annotations.ron: no such annotation file"),
        "{err}"
    );
}

#[test]
fn the_window_compares_with_another_annotator_and_takes_their_label_undoably() {
    use egui_kittest::kittest::Queryable;
    use partly::app::PartlyApp;
    let dir = tempfile::tempdir().expect("temp dir");
    let (seed, a, b) = two_coders(dir.path());
    // This copy's own annotations are coder A's.
    std::fs::copy(&a, dir.path().join("seed.txt.annotations.ron")).expect("copy");
    let mut h = harness(PartlyApp::new(Some(seed), None, None));
    run_until_opened(&mut h);
    menu(&mut h, "File", "Compare with another annotator…");
    h.get_by_label("Annotation file").focus();
    h.run();
    h.get_by_label("Annotation file")
        .type_text(&b.display().to_string());
    h.run();
    h.get_by_label("Add file").click();
    h.run();
    h.get_by_label("Compare").click();
    h.run();
    // The figures at the top, and the labels side by side on the answers that differ.
    assert!(
        h.query_by_label_contains("Krippendorff's alpha 0.29")
            .is_some()
    );
    assert!(
        h.query_by_label_contains(
            "differs — You: General · b/seed.txt.annotations.ron: Deflection"
        )
        .is_some()
    );
    assert!(h.query_by_label_contains("2 of 2 disagreements").is_some());
    // A cell of the confusion matrix filters the list.
    h.get_by_label("General by you, Deflection by b/seed.txt.annotations.ron: 1")
        .click();
    h.run();
    assert!(h.query_by_label_contains("1 of 2 disagreements").is_some());
    // Take theirs on that answer: through the edit door, and undoable.
    let label_of = |h: &egui_kittest::Harness<'static, PartlyApp>| -> Vec<String> {
        let d = &session(h).doc;
        d.sidecar
            .annotations
            .iter()
            .filter(|x| x.anchor.start_turn == 3)
            .flat_map(|x| x.tags.clone())
            .collect()
    };
    assert_eq!(label_of(&h), ["General"]);
    h.get_by_label("Take theirs: Deflection (b/seed.txt.annotations.ron)")
        .click();
    h.run();
    assert_eq!(label_of(&h), ["Deflection"]);
    assert!(h.query_by_label_contains("1 of 1 disagreements").is_none());
    assert!(h.query_by_label_contains("0 of 1 disagreements").is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(label_of(&h), ["General"]);
    assert!(
        h.query_by_label_contains("Krippendorff's alpha 0.29")
            .is_some()
    );
}
