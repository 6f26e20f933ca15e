//! PDF transcripts: PDFs the tests write from known text (1-up and 4-up), checked turn by turn
//! at page:line; a real Supreme Court PDF against its own text export; bad PDFs.

use crate::common::{SCOTUS, load, repo};
use partly::transcript::{self, LoadErrorKind, Role, Transcript, TurnKind};
use proptest::prelude::*;

#[path = "../../benches/support/pdf.rs"]
mod writer;
use writer::{four_up, one_up, pdf_of};

/// A deposition's testimony, one transcript line per entry (25 to a page).
fn testimony() -> Vec<String> {
    let mut lines = vec![
        "         MR. SAVITT: Good morning.".to_owned(),
        "    Q.   Has xAI done that with OpenAI?".to_owned(),
        "    A.   Generally all the AI companies do that.".to_owned(),
        "    Q.   So that's a yes.".to_owned(),
        "    A.   Partly.".to_owned(),
    ];
    for i in 1..=40 {
        lines.push(format!("    Q.   Did you read report number {i}?"));
        if i % 5 == 0 {
            lines.push("         MR. TOBEROFF: Objection. Form.".to_owned());
        }
        lines.push(format!("    A.   I read report {i} in the"));
        lines.push("         spring.".to_owned());
    }
    lines
}

fn read_pdf(bytes: &[u8]) -> Transcript {
    transcript::parse_bytes(bytes, None).unwrap_or_else(|e| panic!("{e}"))
}

/// Each turn's speaker label, kind, first line's cite and text.
fn turns(t: &Transcript) -> Vec<(String, TurnKind, String, String)> {
    t.turns
        .iter()
        .map(|x| {
            (
                t.speaker_name(x).to_owned(),
                x.kind,
                x.start.to_string(),
                x.text.clone(),
            )
        })
        .collect()
}

/// The same testimony as a reporter's text file: form feeds, page numbers, numbered lines.
fn as_text(lines: &[String], first_page: u32) -> String {
    let mut out = String::new();
    for (k, chunk) in lines.chunks(25).enumerate() {
        if k > 0 {
            out.push('\u{c}');
        }
        out.push_str(&format!(
            "                    Official - Subject to Final Review\n\n{:>60}\n",
            first_page + k as u32
        ));
        for (i, text) in chunk.iter().enumerate() {
            out.push_str(&format!("{:>2} {}\n\n", i + 1, text));
        }
        out.push_str("              Alderson Reporting Company\n");
    }
    out
}

#[test]
fn a_reporters_pdf_gives_every_turn_its_page_and_line() {
    let lines = testimony();
    let t = read_pdf(&pdf_of(&one_up(&lines, 12)));
    let all = turns(&t);
    assert_eq!(t.encoding, "PDF");
    let (_, _, cite, _) = &all[1];
    assert_eq!(cite, "12:2", "{all:#?}");
    let q = all
        .iter()
        .find(|x| x.3 == "Has xAI done that with OpenAI?")
        .expect("question");
    assert_eq!((q.1, q.2.as_str()), (TurnKind::Question, "12:2"));
    let partly = all.iter().find(|x| x.3 == "Partly.").expect("answer");
    assert_eq!((partly.1, partly.2.as_str()), (TurnKind::Answer, "12:5"));
    // An answer that runs over two lines, and the last page.
    let r40 = all
        .iter()
        .find(|x| x.3 == "I read report 40 in the spring.")
        .expect("answer 40");
    let at = lines.len() - 2;
    assert_eq!(r40.2, format!("{}:{}", 12 + at / 25, at % 25 + 1));
    // Objections are counsel's, and nothing of the page furniture is testimony.
    let objection = t
        .turns
        .iter()
        .find(|x| x.text.starts_with("Objection"))
        .expect("objection");
    assert_eq!(objection.role, Role::Counsel);
    assert!(
        t.turns
            .iter()
            .all(|x| !x.text.contains("Alderson") && !x.text.contains("Official - Subject"))
    );
    // The import report says what the PDF was.
    let report = t.origin.as_deref().unwrap_or_default();
    assert!(report.starts_with("PDF, 6 page(s)"), "{report}");
    assert!(report.contains("line numbers in the margin"), "{report}");
    assert!(report.contains("printed page numbers"), "{report}");
}

#[test]
fn a_pdf_and_its_text_export_give_the_same_turns_at_the_same_cites() {
    let lines = testimony();
    let from_pdf = read_pdf(&pdf_of(&one_up(&lines, 3)));
    let from_text = transcript::parse_bytes(as_text(&lines, 3).as_bytes(), None).expect("text");
    assert_eq!(turns(&from_pdf), turns(&from_text));
    assert_eq!(from_pdf.format, from_text.format);
    assert!(from_pdf.turns.len() > 80, "{}", from_pdf.turns.len());
}

#[test]
fn a_condensed_pdf_is_read_in_page_order_with_each_pages_own_lines() {
    let lines = testimony();
    let condensed = read_pdf(&pdf_of(&four_up(&lines, 1)));
    let one = read_pdf(&pdf_of(&one_up(&lines, 1)));
    assert_eq!(turns(&condensed), turns(&one));
    let report = condensed.origin.as_deref().unwrap_or_default();
    assert!(
        report.starts_with("PDF, 2 page(s), 4 pages per sheet (6 transcript pages)"),
        "{report}"
    );
}

#[test]
fn the_supreme_courts_pdf_reads_as_its_text_export_does() {
    let pdf = load("tests/data/pdf/scotus_11-398_2012-03-26.pdf");
    let text = load(SCOTUS);
    assert_eq!(pdf.format, text.format);
    let (p, t) = (turns(&pdf), turns(&text));
    let same = p.iter().filter(|x| t.contains(x)).count();
    // Every turn, speaker and cite as in the Court's own text (the word index left out).
    assert_eq!(p.len(), t.len(), "{:#?}", first_difference(&p, &t));
    assert_eq!(same, p.len(), "{:#?}", first_difference(&p, &t));
    assert!(
        pdf.warnings
            .iter()
            .any(|w| w.message.contains("word index"))
    );
}

fn first_difference<'a, T: PartialEq + std::fmt::Debug>(
    a: &'a [T],
    b: &'a [T],
) -> Option<(&'a T, &'a T)> {
    a.iter().zip(b).find(|(x, y)| x != y)
}

#[test]
fn bad_pdfs_get_one_line_errors_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = pdf_of(&one_up(&testimony(), 1));
    // No text layer: a page with nothing but a drawing.
    let scan = {
        let mut p = pdf_of(&[vec![]]);
        p.extend_from_slice(b"\n");
        p
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "scan.pdf",
            scan,
            "this PDF has no text layer (a scan?); run OCR on it first",
        ),
        ("cut.pdf", good[..good.len() / 3].to_vec(), ""),
        (
            "junk.pdf",
            b"%PDF-1.4\n\x00\x01 not a pdf at all".to_vec(),
            "",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write");
        match transcript::load(&path, None) {
            Err(e) => {
                let line = e.to_string();
                assert!(line.starts_with(&path.display().to_string()), "{line}");
                assert!(!line.contains('\n'), "{line}");
                if !message.is_empty() {
                    assert!(line.ends_with(message), "{line}");
                }
                assert!(matches!(e.kind, LoadErrorKind::Pdf(_)), "{e:?}");
            }
            // A cut file the reader can repair is read as far as it goes, and says so.
            Ok(l) => assert!(!l.transcript.warnings.is_empty(), "{name}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Damaged PDFs never panic or hang: they are read, or refused with a reason.
    #[test]
    fn mutated_pdfs_are_read_or_refused_never_a_panic(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..40),
        cut in 0.3f64..1.0,
    ) {
        let mut bytes = pdf_of(&one_up(&testimony()[..30], 1));
        for (i, b) in flips {
            let k = i.index(bytes.len());
            bytes[k] = b;
        }
        let keep = ((bytes.len() as f64) * cut) as usize;
        bytes.truncate(keep.max(8));
        let _ = transcript::parse_bytes(&bytes, None);
    }
}

#[test]
fn the_cli_reads_a_pdf_and_refuses_a_scan_with_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("depo.pdf");
    std::fs::write(&pdf, pdf_of(&one_up(&testimony(), 12))).expect("write");
    let out = assert_cmd::Command::cargo_bin("partly")
        .expect("binary")
        .args(["suggest", "--json"])
        .arg(&pdf)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let partly = json
        .as_array()
        .and_then(|a| a.iter().find(|s| s["text"] == "Partly."))
        .expect("a suggestion on the seed's answer");
    assert_eq!(partly["start"]["page"], 12);
    assert_eq!(partly["start"]["line"], 5);
    let scan = dir.path().join("scan.pdf");
    std::fs::write(&scan, pdf_of(&[vec![]])).expect("write");
    let out = assert_cmd::Command::cargo_bin("partly")
        .expect("binary")
        .arg("inspect")
        .arg(&scan)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("scan.pdf: this PDF has no text layer (a scan?); run OCR on it first"),
        "{err}"
    );
    let _ = repo("");
}

#[test]
fn annotations_sit_beside_the_pdf_and_follow_a_corrected_copy() {
    use partly::annotation::{Document, Placement};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("depo.pdf");
    let lines = testimony();
    std::fs::write(&path, pdf_of(&one_up(&lines, 12))).expect("write");
    let mut doc = Document::open(&path, None).unwrap_or_else(|e| panic!("{e}"));
    let turn = doc
        .transcript
        .turns
        .iter()
        .position(|x| x.text == "I read report 7 in the spring.")
        .expect("answer 7");
    let id = doc
        .annotate(
            turn,
            &["Dodging".into()],
            Some("check the date".into()),
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    doc.save().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        doc.sidecar_path(),
        dir.path().join("depo.pdf.annotations.ron")
    );
    assert!(doc.sidecar_path().exists());
    let before = doc.sidecar.annotation(&id).expect("kept").anchor.start;
    // The corrected copy has three more lines of colloquy at the start: every later line moves.
    let mut corrected = vec![
        "         THE REPORTER: Counsel, your appearances.".to_owned(),
        "         MR. SAVITT: William Savitt for OpenAI.".to_owned(),
        "         MR. TOBEROFF: Marc Toberoff for the plaintiff.".to_owned(),
    ];
    corrected.extend(lines);
    std::fs::write(&path, pdf_of(&one_up(&corrected, 12))).expect("write");
    let doc = Document::open(&path, None).unwrap_or_else(|e| panic!("{e}"));
    let a = doc
        .sidecar
        .annotation(&id)
        .expect("the annotation is not dropped");
    assert_eq!(a.placement, Placement::Moved, "{a:#?}");
    let t = &doc.transcript.turns[a.anchor.start_turn];
    assert_eq!(t.text, "I read report 7 in the spring.");
    assert_ne!(a.anchor.start, before);
    assert_eq!(a.anchor.start, t.start);
}

#[test]
fn the_window_opens_a_pdf_and_its_import_report_says_how_it_was_read() {
    use crate::common::{harness, menu, run_until_opened, session};
    use egui_kittest::kittest::Queryable;
    use partly::app::PartlyApp;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("condensed.pdf");
    std::fs::write(&path, pdf_of(&four_up(&testimony(), 1))).expect("write");
    let mut h = harness(PartlyApp::new(Some(path), None, None));
    run_until_opened(&mut h);
    assert!(session(&h).doc.transcript.turns.len() > 80);
    let t = &session(&h).doc.transcript;
    let partly = t
        .turns
        .iter()
        .find(|x| x.text == "Partly.")
        .expect("answer");
    assert_eq!(partly.start.to_string(), "1:5");
    menu(&mut h, "View", "Import report…");
    assert!(
        h.query_by_label_contains("Read from PDF, 2 page(s), 4 pages per sheet")
            .is_some()
    );
}
