//! Checking an article against the record, in the window.

use crate::common::*;

#[test]
fn the_window_checks_a_pasted_article_jumps_tags_and_saves_a_report() {
    use egui_kittest::kittest::Queryable;
    use partly::app::PartlyApp;
    let (dir, file) = copy_of(SEED);
    let mut h = harness(PartlyApp::new(Some(file), None, None));
    run_until_opened(&mut h);
    menu(&mut h, "File", "Check an article…");
    h.get_by_label("Or paste the article").focus();
    h.run();
    h.get_by_label("Or paste the article").type_text(
        "\u{201c}Generally all AI companies do this,\u{201d} Musk said. Savitt pressed: \u{201c}So that's a yes.\u{201d}",
    );
    h.run();
    h.get_by_label("Check pasted text").click();
    h.run();
    assert!(
        h.query_by_label_contains("2 quotations — 1 verbatim, 1 altered")
            .is_some()
    );
    // The verbatim one, tagged as a quote through the edit door.
    h.get_by_label("Tag quote 2 as Quote").click();
    h.run();
    let a = &session(&h).doc.sidecar.annotations;
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].tags, ["Quote"]);
    assert_eq!(a[0].anchor.quote, "So that's a yes.");
    // The altered one, shown in the transcript.
    h.get_by_label("Show quote 1 in transcript").click();
    h.run();
    let selected = h.state().view.selection.map(|s| s.turns().0);
    let musk = session(&h)
        .doc
        .transcript
        .turns
        .iter()
        .position(|t| t.text.starts_with("Generally"));
    assert_eq!(selected, musk);
    // The report.
    let report = dir.path().join("check.html");
    h.get_by_label("Save a fact-check report to (.md or .html)")
        .focus();
    h.run();
    h.get_by_label("Save a fact-check report to (.md or .html)")
        .type_text(&report.display().to_string());
    h.run();
    h.get_by_label("Save report").click();
    h.run();
    let html = std::fs::read_to_string(&report).expect("the report");
    assert!(html.contains("class=\"status altered\""), "{html}");
}

/// Real write-ups, checked against the record; the expected statuses are the ones a helper
/// wrote down by hand before the checker read these files (`tests/data/articles/SOURCES.md`).
#[test]
fn real_write_ups_get_the_statuses_a_person_gave_them() {
    use partly::quote::article::{ArticleQuote, check_article};
    let scotus = load(SCOTUS);
    let seed = load(SEED);
    let check = |file: &str, t: &partly::transcript::Transcript| -> Vec<ArticleQuote> {
        let text = std::fs::read_to_string(repo(&format!("tests/data/articles/{file}")))
            .expect("the article");
        check_article(t, &text)
    };
    // (file, the transcript, quote start, status by hand, the record's speaker)
    let key: &[(&str, bool, &str, &str, &str)] = &[
        (
            "politico_2012-03-26_alito_verrilli_tax.txt",
            true,
            "General Verrilli, today",
            "verbatim",
            "JUSTICE ALITO",
        ),
        (
            "politico_2012-03-26_alito_verrilli_tax.txt",
            true,
            "No, Justice Alito, but the Court has held in a license",
            "altered",
            "GENERAL VERRILLI",
        ),
        (
            "flgz_2012-03-26_today_penalty_tomorrow_tax.txt",
            true,
            "Why do you keep saying",
            "altered",
            "JUSTICE BREYER",
        ),
        (
            "flgz_2012-03-26_today_penalty_tomorrow_tax.txt",
            true,
            "The penalty,",
            "verbatim",
            "JUSTICE BREYER",
        ),
        (
            "flgz_2012-03-26_today_penalty_tomorrow_tax.txt",
            true,
            "Right, that",
            "altered",
            "GENERAL VERRILLI",
        ),
        (
            "opentools_2026-04_musk_xai_distillation.txt",
            false,
            "Do you know what distillation is?",
            "verbatim",
            "Savitt",
        ),
        (
            "opentools_2026-04_musk_xai_distillation.txt",
            false,
            "It means to use",
            "verbatim",
            "Musk",
        ),
        (
            "opentools_2026-04_musk_xai_distillation.txt",
            false,
            "Has xAI done that",
            "verbatim",
            "Savitt",
        ),
        (
            "opentools_2026-04_musk_xai_distillation.txt",
            false,
            "Generally all the AI companies",
            "verbatim",
            "Musk",
        ),
        (
            "opentools_2026-04_musk_xai_distillation.txt",
            false,
            "So that's a yes.",
            "verbatim",
            "Savitt",
        ),
        (
            "opentools_2026-04_musk_xai_distillation.txt",
            false,
            "Partly.",
            "verbatim",
            "Musk",
        ),
        (
            "opentools_2026-04_musk_xai_distillation.txt",
            false,
            "It is standard practice",
            "verbatim",
            "Musk",
        ),
        (
            "crownbread_2026-04_musk_xai_distillation_altered_copy.txt",
            false,
            "Do you know what distillation is?",
            "verbatim",
            "Savitt",
        ),
        (
            "crownbread_2026-04_musk_xai_distillation_altered_copy.txt",
            false,
            "It means using",
            "altered",
            "Musk",
        ),
        (
            "crownbread_2026-04_musk_xai_distillation_altered_copy.txt",
            false,
            "Has xAI done that",
            "verbatim",
            "Savitt",
        ),
        (
            "crownbread_2026-04_musk_xai_distillation_altered_copy.txt",
            false,
            "Generally all AI companies (do this)",
            "altered",
            "Musk",
        ),
        (
            "crownbread_2026-04_musk_xai_distillation_altered_copy.txt",
            false,
            "So this is yes.",
            "altered",
            "Savitt",
        ),
        (
            "crownbread_2026-04_musk_xai_distillation_altered_copy.txt",
            false,
            "partially.",
            "altered",
            "Musk",
        ),
        (
            "crownbread_2026-04_musk_xai_distillation_altered_copy.txt",
            false,
            "Was OpenAI technology used",
            "altered",
            "Savitt",
        ),
        (
            "crownbread_2026-04_musk_xai_distillation_altered_copy.txt",
            false,
            "It is standard practice to use other AI systems",
            "altered",
            "Musk",
        ),
        (
            "thelgtm_2026-04_musk_cross_examination_commentary.txt",
            false,
            "Generally all the AI companies",
            "verbatim",
            "Musk",
        ),
        (
            "thelgtm_2026-04_musk_cross_examination_commentary.txt",
            false,
            "So that's a yes.",
            "verbatim",
            "Savitt",
        ),
        (
            "thelgtm_2026-04_musk_cross_examination_commentary.txt",
            false,
            "It is standard practice",
            "verbatim",
            "Musk",
        ),
    ];
    let mut agree = 0;
    let mut misses = Vec::new();
    for (file, on_scotus, start, status, speaker) in key {
        let quotes = check(file, if *on_scotus { &scotus } else { &seed });
        let q = quotes
            .iter()
            .find(|q| q.text.starts_with(start))
            .unwrap_or_else(|| panic!("{file}: no quotation starts {start:?}"));
        let who = q.record.as_ref().map(|m| m.passage.speaker.as_str());
        if q.status.name() == *status && (who == Some(*speaker) || q.record.is_none()) {
            agree += 1;
        } else {
            misses.push(format!("{file}: {start:?}: {} / {who:?}", q.status.name()));
        }
        // Nobody in these write-ups is misquoted as someone else.
        assert_ne!(q.status.name(), "misattributed", "{file}: {start:?}");
    }
    println!(
        "agreement with the hand key: {agree} of {}; misses: {misses:#?}",
        key.len()
    );
    // Two known misses, both short quotes whose closest passage falls under the bar:
    // "Right, that's right," (the record has "Right.  That's right." across a line break)
    // and "So this is yes." (half its words differ).
    assert!(
        agree >= key.len() - 2,
        "{agree} of {}: {misses:#?}",
        key.len()
    );
}
