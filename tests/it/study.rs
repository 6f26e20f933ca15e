//! Study mode: question forms, examinations and scorecards, through the CLI.

use crate::common::*;
use assert_cmd::Command;
use serde_json::Value;

fn partly() -> Command {
    Command::cargo_bin("partly").expect("the partly binary is built")
}

/// `partly CMD --json FILE`, which must succeed, as JSON.
fn json(cmd: &str, file: &std::path::Path) -> Value {
    let out = partly()
        .args([cmd, "--json"])
        .arg(file)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// The form of every question of `partly study --json`, in order.
fn forms(study: &Value) -> Vec<String> {
    study["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter_map(|q| q["form"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn study_json_has_the_documented_shape_on_a_real_cross_examination() {
    let out = partly()
        .args(["study", "--json"])
        .arg(repo(VOCALIFE))
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let exams = v["examinations"].as_array().expect("examinations");
    let cross = exams
        .iter()
        .find(|e| e["title"] == "CROSS-EXAMINATION")
        .expect("the cross-examination");
    assert_eq!(cross["examiner"], "MR. RE");
    assert_eq!(cross["witness"], "DR. LI");
    for key in [
        "questions",
        "leading",
        "open",
        "closed",
        "compound",
        "repeats",
        "nonresponsive",
    ] {
        assert!(cross[key].is_u64(), "{key}: {}", cross[key]);
    }
    let n = cross["questions"].as_u64().unwrap_or(0);
    let sum: u64 = ["leading", "open", "closed"]
        .iter()
        .filter_map(|k| cross[*k].as_u64())
        .sum();
    assert_eq!(sum, n);
    assert!(cross["words_per_question"]["median"].is_number());
    assert!(cross["start"]["page"].is_u64());
    assert!(!cross["chapters"].as_array().expect("chapters").is_empty());
    let q = &v["questions"][0];
    for key in [
        "turn",
        "examination",
        "form",
        "compound",
        "repeats",
        "flags",
        "reasons",
        "text",
        "start",
    ] {
        assert!(!q[key].is_null() || key == "repeats", "{key}");
    }
    assert!(q["reasons"][0]["rule"].is_string());
    // Every question of the cross is one of the three forms.
    let forms: Vec<&str> = v["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter_map(|q| q["form"].as_str())
        .collect();
    assert!(
        forms
            .iter()
            .all(|f| ["leading", "closed", "open"].contains(f))
    );
}

#[test]
fn the_study_view_outlines_scores_filters_and_tags_with_one_key() {
    use egui_kittest::kittest::Queryable;
    use partly::app::PartlyApp;
    let (_dir, file) = copy_of(VOCALIFE);
    let mut h = harness(PartlyApp::new(Some(file), None, None));
    run_until_opened(&mut h);
    menu(&mut h, "View", "Study view");
    // The outline and the scorecard of the cross-examination.
    assert!(h.query_by_label("CROSS-EXAMINATION").is_some());
    assert!(h.query_by_label_contains("31 questions").is_some());
    // "Only open questions on cross": the one open question and its answer.
    h.get_by_label("1 open (3%)").click();
    h.run();
    let visible = {
        let s = session(&h);
        h.state().view.visible_turns(s)
    };
    let t = &session(&h).doc.transcript;
    assert_eq!(visible.len(), 2, "{visible:?}");
    assert_eq!(t.turns[visible[1]].answers, Some(visible[0]));
    let open = visible[0];
    // One key applies the question's form as a tag.
    h.state_mut().apply(partly::app::Action::SelectTurn {
        turn: open,
        extend: false,
    });
    h.run();
    h.key_press(egui::Key::A);
    h.run();
    let tags: Vec<String> = session(&h)
        .annotations_on(open)
        .flat_map(|a| a.tags.clone())
        .collect();
    assert_eq!(tags, ["Open question"]);
    // The marks name each question's form.
    assert!(h.query_by_label_contains("question: open").is_some());
    // Off again: every turn is back.
    menu(&mut h, "View", "Study view");
    let all = h.state().view.visible_turns(session(&h)).len();
    assert_eq!(all, session(&h).doc.transcript.turns.len());
}

#[test]
fn one_key_on_an_open_compound_question_is_one_undo_step() {
    use egui_kittest::kittest::Queryable;
    use partly::app::PartlyApp;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("cross.txt");
    std::fs::write(
        &file,
        "Q. What did you do with the letter, and who did you tell?\nA. I filed it.\nQ. You filed it the same day, correct?\nA. Yes.\n",
    )
    .expect("write");
    let mut h = harness(PartlyApp::new(Some(file), None, None));
    run_until_opened(&mut h);
    menu(&mut h, "View", "Study view");
    assert!(h.query_by_label_contains("question: open").is_some());
    h.state_mut().apply(partly::app::Action::SelectTurn {
        turn: 0,
        extend: false,
    });
    h.run();
    h.key_press(egui::Key::A);
    h.run();
    let tags = |h: &egui_kittest::Harness<'static, PartlyApp>| -> Vec<String> {
        session(h)
            .annotations_on(0)
            .flat_map(|a| a.tags.clone())
            .collect()
    };
    assert_eq!(tags(&h), ["Open question", "Compound question"]);
    // One Ctrl+Z takes both off.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(tags(&h).is_empty(), "{:?}", tags(&h));
}

#[test]
fn a_whole_drill_hides_the_marks_saves_apart_and_scores_against_the_key() {
    use egui_kittest::kittest::Queryable;
    use partly::app::PartlyApp;
    let (dir, file) = copy_of(SEED);
    let mut h = harness(PartlyApp::new(Some(file.clone()), None, None));
    run_until_opened(&mut h);
    assert!(h.query_all_by_label_contains("suggests").count() > 0);
    menu(&mut h, "View", "Drill…");
    // Each examination is named by who answers and where it starts, not only its title.
    assert!(
        h.query_by_label_contains("— Musk, l. 1 (4 questions)")
            .is_some()
    );
    h.get_by_label("Start drill").click();
    h.run();
    // partly's own reading is hidden while the student works.
    assert_eq!(h.query_all_by_label_contains("suggests").count(), 0);
    for (choice, cite) in [("open", "l. 1"), ("closed", "l. 3"), ("open", "l. 5")] {
        h.get_by_label(&format!("{choice} for {cite}")).click();
        h.run();
    }
    // Saved at once into the student's own file; the annotations are untouched.
    let practice = dir.path().join("distillation_exchange.txt.practice.ron");
    let text = std::fs::read_to_string(&practice).expect("the practice file");
    assert!(text.contains("question_form"), "{text}");
    assert!(session(&h).doc.sidecar.annotations.is_empty());
    h.get_by_label("Check my answers").click();
    h.run();
    // "Do you know…" is open, "Has xAI…" closed, "So that's a yes." leading; l. 8 unanswered.
    assert!(h.query_by_label_contains("Score: 2 of 4 right").is_some());
    assert!(
        h.query_by_label_contains("Wrong: the key says leading")
            .is_some()
    );
    assert!(h.query_all_by_label_contains("pins_the_answer").count() > 0);
    h.get_by_label("End drill").click();
    h.run();
    assert!(h.query_all_by_label_contains("suggests").count() > 0);
}

/// The first examination of the Vocalife excerpt (247:6–247:22), counted by hand: five
/// questions, all yes/no and none stating its answer; the first asks two things ("Do you see
/// the reference?" and "Is that what you intended…?"); 64, 5, 10, 10 and 9 words (median
/// 10); one answer that did not answer ("Could you repeat your question?", which the
/// suggestions read as a clarification), and it is the longest answer (5 words).
#[test]
fn the_scorecard_of_a_real_examination_matches_a_hand_count() {
    let t = load(VOCALIFE);
    let verdicts = partly::analysis::verdicts(&t);
    let s = partly::analysis::study::study(&t, &verdicts);
    let e = &s.examinations[0];
    assert_eq!(e.title, "Questions by MR. FABRICANT");
    assert_eq!(
        (e.start.to_string(), e.end.to_string()),
        ("247:6".into(), "247:22".into())
    );
    assert_eq!(e.questions.len(), 5);
    assert_eq!((e.leading.len(), e.open.len(), e.closed.len()), (0, 0, 5));
    assert_eq!(e.compound, [e.questions[0]]);
    assert!(e.repeats.is_empty());
    assert_eq!(e.median_words, 10.0);
    assert_eq!(e.longest_question, Some((e.questions[0], 64)));
    let repeat = t
        .turns
        .iter()
        .position(|x| x.text == "Could you repeat your question?")
        .expect("the clarification");
    assert_eq!(e.nonresponsive, [repeat]);
    assert_eq!(e.longest_answer, Some((repeat, 5)));
}

#[test]
fn study_reads_chinese_questions_by_their_particles() {
    let forms = forms(&json("study", &repo("tests/data/seed_chinese.txt")));
    // 你知道什么是蒸馏吗？ (indirect: open) · xAI对OpenAI这样做过吗？ · 所以答案是肯定的。 (a pin)
    assert_eq!(forms, ["open", "closed", "leading"]);
}

/// A transcript that lost its question marks (an OCR reads "?" as "P" or "!"; some reporters
/// drop it) is read by word order, and the user is told.
#[test]
fn a_transcript_without_question_marks_is_read_by_word_order_and_says_so() {
    let study = |path: &std::path::Path| json("study", path);
    let marked = study(&repo(VOCALIFE));
    assert_eq!(marked["warnings"], serde_json::json!([]));
    let text = std::fs::read_to_string(repo(VOCALIFE)).expect("the sample");
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("unmarked.txt");
    std::fs::write(&copy, text.replace('?', ".")).expect("write");
    let unmarked = study(&copy);
    let warning = unmarked["warnings"][0].as_str().unwrap_or_default();
    assert!(
        warning.contains("question marks"),
        "{}",
        unmarked["warnings"]
    );
    let (a, b) = (forms(&marked), forms(&unmarked));
    assert_eq!(a.len(), b.len());
    let same = a.iter().zip(&b).filter(|(x, y)| x == y).count();
    println!("{same} of {} forms as with the marks", a.len());
    assert!(same * 100 >= a.len() * 80, "{same} of {}", a.len());
}

/// The Study view says when it read the questions by word order.
#[test]
fn the_study_view_warns_when_the_questions_have_no_question_marks() {
    use egui_kittest::kittest::Queryable;
    use partly::app::PartlyApp;
    let text = std::fs::read_to_string(repo(VOCALIFE)).expect("the sample");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("ocr.txt");
    std::fs::write(&file, text.replace('?', "!")).expect("write");
    let mut h = harness(PartlyApp::new(Some(file), None, None));
    run_until_opened(&mut h);
    menu(&mut h, "View", "Study view");
    assert!(h.query_by_label("CROSS-EXAMINATION").is_some());
    assert!(
        h.query_by_label_contains("almost no question marks")
            .is_some()
    );
    // Questions are still read as questions: the cross has closed and open ones.
    assert!(h.query_all_by_label_contains("question: closed").count() > 1);
}

/// A transcript whose headings are long (or misread) keeps its text in view beside the
/// Study view: the panel stays within half the window and cuts long titles.
#[test]
fn the_study_view_leaves_the_transcript_in_view_whatever_its_titles() {
    use egui_kittest::kittest::Queryable;
    use partly::app::PartlyApp;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("long.txt");
    let heading = "DIRECT EXAMINATION OF THE WITNESS CALLED ON BEHALF OF THE PEOPLE OF THE STATE OF CALIFORNIA BY MR. DARDEN";
    std::fs::write(
        &file,
        format!("{heading}\nQ. Did you see the car that night?\nA. I saw it.\n"),
    )
    .expect("write");
    let mut h = harness(PartlyApp::new(Some(file), None, None));
    run_until_opened(&mut h);
    menu(&mut h, "View", "Study view");
    let title = h.get_by_label_contains("DIRECT EXAMINATION OF THE WITNESS CALLED ON…");
    assert!(title.rect().max.x <= 600.0, "{:?}", title.rect());
    let question = turn(&h, "Did you see the car that night?");
    assert!(
        question.rect().min.x > title.rect().max.x,
        "{:?}",
        question.rect()
    );
    assert!(question.rect().max.x <= 1200.0);
}

/// The same exchange in traditional characters (as Hong Kong and Taiwan write: 嗎, 甚麼,
/// 對) is read as the simplified one is: the same forms, the same suggestions.
#[test]
fn traditional_chinese_is_read_as_simplified_chinese_is() {
    let run = |file: &str, cmd: &str| json(cmd, &repo(file));
    let labels = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("suggestions")
            .iter()
            .filter_map(|s| s["label9"].as_str().map(str::to_owned))
            .collect()
    };
    let (simplified, traditional) = (
        "tests/data/seed_chinese.txt",
        "tests/data/seed_traditional.txt",
    );
    assert_eq!(
        forms(&run(traditional, "study")),
        ["open", "closed", "leading"]
    );
    assert_eq!(
        labels(&run(traditional, "suggest")),
        labels(&run(simplified, "suggest"))
    );
}
