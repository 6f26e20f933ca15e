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
