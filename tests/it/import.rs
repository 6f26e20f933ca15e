//! Importers on real excerpts: layout detection, page:line, speakers, roles and Q/A links.

use crate::common::*;
use partly::transcript::{self, Format, LoadErrorKind, Role, TurnKind};

#[test]
fn seed_exchange_reads_as_name_colon_with_savitt_asking_and_musk_answering() {
    let t = load(SEED);
    assert_eq!(t.format, Format::NameColon);
    assert!(t.format_detected);
    assert_eq!(t.turns.len(), 8);
    assert_eq!(t.speakers.len(), 2);
    let savitt = t.speaker_by_label("Savitt").unwrap();
    let musk = t.speaker_by_label("Musk").unwrap();
    assert_eq!(savitt.role, Role::Examiner);
    assert_eq!(musk.role, Role::Witness);
    let (i, partly) = turn_with(&t, "Partly.");
    assert_eq!(partly.kind, TurnKind::Answer);
    assert_eq!(partly.text, "Partly.");
    assert_eq!(cite(partly), ("l. 6".into(), "l. 6".into()));
    let q = partly.answers.expect("Partly. answers a question");
    assert_eq!(t.turns[q].text, "So that's a yes.");
    assert_eq!(t.turns[q].kind, TurnKind::Question);
    assert_eq!(i, q + 1);
    // The blank line and second exchange keep file line numbers.
    let (_, last) = turn_with(&t, "standard practice");
    assert_eq!(last.start.to_string(), "l. 9");
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn inline_paragraph_turns_are_split_and_savit_typo_merges_into_savitt() {
    let t = load("tests/data/seed_inline.txt");
    assert_eq!(t.format, Format::NameColon);
    assert_eq!(t.turns.len(), 8, "{:#?}", t.turns);
    assert_eq!(t.speakers.len(), 2);
    let savitt = t.speaker_by_label("Savitt").unwrap();
    assert_eq!(savitt.name, "Savitt");
    assert!(
        savitt
            .aliases
            .contains(&"OpenAI Lawyer William Savitt".to_owned())
    );
    assert!(savitt.aliases.contains(&"Savit".to_owned()));
    assert_eq!(t.turns[0].text, "Do you know what distillation is?");
    assert_eq!(t.turns[0].start.line, 3);
    let (_, general) = turn_with(&t, "Generally");
    assert_eq!(general.text, "Generally all the AI companies [do that].");
    // The merge is a guess, so it is reported where the first alias appears.
    assert!(
        t.warnings
            .iter()
            .any(|w| w.message.contains("read as one speaker") && w.loc.map(|l| l.line) == Some(3)),
        "{:?}",
        t.warnings
    );
    // Framing prose is not testimony.
    assert!(t.turns.iter().all(|x| !x.text.contains("WIRED")));
    assert!(t.turns.iter().all(|x| !x.text.contains("came back")));
}

#[test]
fn chinese_turns_survive_byte_for_byte_with_full_width_colons() {
    let t = load("tests/data/seed_chinese.txt");
    assert_eq!(t.turns.len(), 6);
    assert_eq!(t.turns[5].text, "部分是。");
    assert_eq!(t.turns[0].text, "你知道什么是蒸馏吗？");
    assert_eq!(t.speaker_name(&t.turns[1]), "马斯克");
    assert_eq!(t.turns[1].role, Role::Witness);
    assert_eq!(t.turns[5].answers, Some(4));
}

#[test]
fn supreme_court_argument_has_page_line_from_footer_page_numbers() {
    let t = load(SCOTUS);
    assert_eq!(t.format, Format::SupremeCourt);
    assert_eq!(t.pages.map(|p| p.0), Some(1));
    let first = &t.turns[0];
    assert_eq!(t.speaker_name(first), "CHIEF JUSTICE ROBERTS");
    assert_eq!(cite(first), ("3:3".into(), "3:6".into()));
    assert_eq!(first.kind, TurnKind::Statement);
    let (i, scalia) = turn_with(&t, "that depends, as");
    assert_eq!(t.speaker_name(scalia), "JUSTICE SCALIA");
    assert_eq!(scalia.role, Role::Examiner);
    assert_eq!(scalia.kind, TurnKind::Question);
    assert_eq!(scalia.start.to_string(), "4:7");
    let answer = &t.turns[i + 1];
    assert_eq!(t.speaker_name(answer), "MR. LONG");
    assert_eq!(answer.role, Role::Witness);
    assert_eq!(answer.answers, Some(i));
    assert_eq!(answer.start.to_string(), "4:18");
    let titles: Vec<&str> = t.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "ORAL ARGUMENT OF ROBERT A. LONG",
            "ORAL ARGUMENT OF DONALD B. VERRILLI, JR.,",
            "ORAL ARGUMENT OF GREGORY G. KATSAS",
            "REBUTTAL ARGUMENT OF ROBERT A. LONG"
        ]
    );
    let last = t.turns.last().unwrap();
    assert_eq!(
        last.text,
        "We will continue argument in this case tomorrow."
    );
    assert_eq!(last.start.to_string(), "77:7");
    // Running headers, footers, the caption and the word index are not testimony.
    for needle in [
        "Alderson",
        "Official - Subject",
        "12:4",
        "APPEARANCES",
        "submitted",
    ] {
        assert!(
            t.turns.iter().all(|x| !x.text.contains(needle)),
            "{needle} leaked into a turn"
        );
    }
    for s in ["GENERAL VERRILLI", "MR. KATSAS", "JUSTICE KAGAN"] {
        assert!(t.speaker_by_label(s).is_some(), "{s}");
    }
}

#[test]
fn trial_transcript_with_timestamps_and_header_page_numbers() {
    let t = load(VOCALIFE);
    assert_eq!(t.format, Format::CourtReporter);
    assert_eq!(t.pages, Some((247, 252)));
    assert!(
        t.turns.iter().all(|x| !x.text.contains("05:0")),
        "timestamps stripped"
    );
    assert!(
        t.turns.iter().all(|x| !x.text.contains("Case 2:19")),
        "docket header skipped"
    );
    let (_, repeat) = turn_with(&t, "Could you repeat your question?");
    assert_eq!(repeat.start.to_string(), "247:18");
    assert_eq!(repeat.kind, TurnKind::Answer);
    let cross = t
        .sections
        .iter()
        .find(|s| s.title.contains("CROSS"))
        .expect("cross-examination heading");
    assert_eq!(cross.loc.to_string(), "248:13");
    let (i, hello) = turn_with(&t, "Good afternoon, Dr. Li.");
    assert_eq!(
        t.speaker_name(hello),
        "MR. RE",
        "BY MR. RE: sets the examiner"
    );
    assert_eq!(
        (hello.role, hello.kind),
        (Role::Examiner, TurnKind::Question)
    );
    assert_eq!(hello.start.to_string(), "248:15");
    assert_eq!(t.turns[i + 1].answers, Some(i));
    assert_eq!(t.turns[i + 1].text, "Hi, Mr. Re.");
    // A question spanning lines cites its first and last line.
    let (_, long) = turn_with(&t, "features that you discussed");
    assert_eq!(cite(long), ("248:24".into(), "249:1".into()));
    // Colloquy: the court is the court, other counsel is counsel.
    let (_, court) = turn_with(&t, "You may approach with binders.");
    assert_eq!(court.role, Role::Court);
    let (_, laquer) = turn_with(&t, "May I approach?");
    assert_eq!(laquer.role, Role::Counsel);
}

#[test]
fn objection_and_ruling_do_not_detach_the_answer_from_its_question() {
    let t = load(GUO);
    assert_eq!(t.format, Format::Qa);
    let (q, question) = turn_with(&t, "would that have been important to you?");
    assert_eq!(question.kind, TurnKind::Question);
    assert_eq!(t.speaker_name(question), "MS. MURRAY");
    let objection = &t.turns[q + 1];
    assert_eq!(objection.text, "Objection to form.");
    assert_eq!(objection.role, Role::Counsel);
    assert_eq!(t.turns[q + 2].role, Role::Court);
    let answer = &t.turns[q + 3];
    assert_eq!(answer.text, "Yes.");
    assert_eq!(answer.answers, Some(q));
    assert_eq!(answer.start.to_string(), "l. 222");
    // Running page headers and parentheticals are skipped.
    assert!(t.turns.iter().all(|x| !x.text.contains("O5S1GUO1")));
    // ...and said so, since a recurring line of testimony would be taken for one too.
    assert!(
        t.warnings.iter().any(|w| w.message
            == "skipped 9 lines reading \"O5S1GUO1 Le Zhou - Direct\" as a running header"),
        "{:?}",
        t.warnings
    );
    assert!(t.turns.iter().all(|x| !x.text.contains("(At the sidebar)")));
    // The file has CRLF line endings, and the em dashes survive.
    let raw = std::fs::read(repo(GUO)).expect("sample");
    assert!(raw.windows(2).any(|w| w == b"\r\n"));
    assert!(t.turns.iter().any(|x| x.text.contains("——")));
}

#[test]
fn hearing_members_ask_and_witnesses_answer() {
    let t = load(HEARING);
    assert_eq!(t.format, Format::Hearing);
    let graham = t.speaker_by_label("Senator Graham").unwrap();
    assert_eq!(graham.role, Role::Examiner);
    for w in ["Mr. Zuckerberg", "Ms. Yaccarino", "Mr. Chew", "Mr. Citron"] {
        assert_eq!(t.speaker_by_label(w).unwrap().role, Role::Witness, "{w}");
    }
    let (i, q) = turn_with(&t, "You think he should be allowed to sue you?");
    assert_eq!(q.kind, TurnKind::Question);
    assert_eq!(t.turns[i + 1].text, "I think that they can sue us.");
    assert_eq!(t.turns[i + 1].answers, Some(i));
    assert_eq!(t.speaker_name(&t.turns[i + 1]), "Mr. Zuckerberg");
    // "Ms. Yaccarino [continuing]." is still Ms. Yaccarino.
    let (_, cont) = turn_with(&t, "Practices to prevent CSAM.");
    assert_eq!(t.speaker_name(cont), "Ms. Yaccarino");
    assert!(t.turns.iter().all(|x| !x.text.contains("[Applause.]")));
    // Multi-line paragraphs join into one turn.
    let (_, para) = turn_with(&t, "Do you agree with that?");
    assert_eq!(cite(para), ("l. 3".into(), "l. 6".into()));
}

/// Inquiry and parliamentary transcripts published as Markdown or reStructuredText set the
/// speaker's name in bold (`**Ms Blackwell**: …`): the marks come off, the turns are read, the
/// lines keep their numbers, and the import notes say so.
#[test]
fn speaker_names_in_markdown_bold_are_read_as_labels() {
    let text = "5. Mr Michael Gove\n==================\n\n*MR MICHAEL GOVE (sworn).*\n\n\
                **Ms Blackwell**: Do we see that it's signed on 9 May of this year?\n\n\
                **Mr Michael Gove**: It is.\n\n\
                **Ms Blackwell**: And is it true to the best of your knowledge?\n\n\
                **Mr Michael Gove**: It is.\n";
    let t = transcript::parse_bytes(text.as_bytes(), None).expect("parses");
    let (i, q) = turn_with(&t, "And is it true to the best of your knowledge?");
    assert_eq!(q.kind, TurnKind::Question);
    assert_eq!(t.speaker_name(q), "Ms Blackwell");
    assert_eq!(t.speaker_name(&t.turns[i + 1]), "Mr Michael Gove");
    assert_eq!(t.turns[i + 1].answers, Some(i));
    assert_eq!(cite(q).0, "l. 10");
    assert!(t.warnings.iter().any(|w| w.message.contains("Markdown")));
}

/// Supreme Court arguments before 2004 print every justice as `QUESTION:`; the advocate who
/// answers them and ends "I have nothing further" is not the one who asked.
#[test]
fn an_advocate_closing_with_nothing_further_is_not_the_questioner() {
    let text = "ORAL ARGUMENT OF PREETA D. BANSAL\n\
                MS. BANSAL: Mr. Chief Justice, and may it please the Court: the statute is plain.\n\
                QUESTION: Why didn't Congress use the same language here?\n\
                MS. BANSAL: Because the capital provision came later.\n\
                QUESTION: And that doesn't strike you as odd?\n\
                MS. BANSAL: Not at all, Your Honor.\n\
                QUESTION: Is that the whole of your argument?\n\
                MS. BANSAL: Yes. If there are no further questions, I have nothing further.\n";
    let t = transcript::parse_bytes(text.as_bytes(), None).expect("parses");
    let (i, q) = turn_with(&t, "And that doesn't strike you as odd?");
    assert_eq!(q.kind, TurnKind::Question);
    assert_ne!(t.speaker_name(q), "MS. BANSAL");
    assert_eq!(t.speaker_name(&t.turns[i + 1]), "MS. BANSAL");
    assert_eq!(t.turns[i + 1].answers, Some(i));
}

/// A transcript typed into Word (a paragraph a line) reads as the same text file does.
#[test]
fn a_word_document_reads_like_its_text() {
    use docx_rs::{Docx, Paragraph, Run};
    let text = std::fs::read_to_string(repo(VOCALIFE)).expect("the sample");
    let mut doc = Docx::new();
    for line in text.lines() {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("cross.docx");
    let mut out = std::fs::File::create(&file).expect("create");
    doc.build().pack(&mut out).expect("write the docx");
    let from_word = transcript::read(&file, None).expect("reads");
    let from_text = transcript::read(&repo(VOCALIFE), None).expect("reads");
    assert_eq!(from_word.format, from_text.format);
    assert_eq!(from_word.turns.len(), from_text.turns.len());
    for (a, b) in from_word.turns.iter().zip(&from_text.turns) {
        assert_eq!((a.kind, &a.text, a.start), (b.kind, &b.text, b.start));
    }
    assert!(from_word.warnings[0].message.contains("Word document"));
    // Not a Word document after all: one clear error naming the file.
    let broken = dir.path().join("broken.docx");
    std::fs::write(&broken, b"PK\x03\x04 word/document.xml, but no archive").expect("write");
    let e = transcript::read(&broken, None).expect_err("refused");
    assert!(e.to_string().contains("broken.docx"), "{e}");
    assert!(e.to_string().contains("Word"), "{e}");
}

/// A Chinese court record: the presiding judge (审判长) is the court, whoever asks more.
#[test]
fn a_chinese_presiding_judge_is_the_court() {
    let text = "审判长：被告人，你是否认识张三？\n被告人：认识。\n公诉人：你们是什么关系？\n被告人：同事。\n";
    let t = transcript::parse_bytes(text.as_bytes(), None).expect("parses");
    assert_eq!(
        t.speaker_by_label("审判长").expect("the judge").role,
        Role::Court
    );
    assert_eq!(
        t.speaker_by_label("被告人").expect("the defendant").role,
        Role::Witness
    );
    // A legislature's question time: the President (主席) calls on members, a member asks,
    // the Secretary answers.
    let text = "主席：第一項質詢。\n陳議員：局長會否拆除那些橫額？\n局長：會，下月拆除。\n\
                主席：陳議員，請提出補充質詢。\n陳議員：何時完成？\n局長：年底前。\n";
    let t = transcript::parse_bytes(text.as_bytes(), None).expect("parses");
    let role = |label: &str| t.speaker_by_label(label).map(|s| s.role);
    assert_eq!(role("主席"), Some(Role::Court));
    assert_eq!(role("陳議員"), Some(Role::Examiner));
    assert_eq!(role("局長"), Some(Role::Witness));
}

#[test]
fn format_override_is_respected() {
    let t = transcript::load(&repo(GUO), Some(Format::NameColon))
        .unwrap()
        .transcript;
    assert_eq!(t.format, Format::NameColon);
    assert!(!t.format_detected);
}

#[test]
fn paged_deposition_with_q_without_periods_em_dash_heading_and_objection() {
    // Layout details from OCR'd copies: `Q` and `A` without periods, an em dash in the
    // heading, a page number printed at the top, 25 lines a page, double spacing.
    let mut text = String::from("                                                 12\n\n");
    let lines = [
        "          CROSS—EXAMINATION",
        "BY MR. SAVITT:",
        "     Q    Has xAI done that with OpenAI?",
        "          MR. TOBEROFF:  Objection, form.",
        "          THE COURT:  Overruled.",
        "     A    Generally all the AI companies do that.",
        "     Q    So that's a yes.",
        "     A    Partly.",
        "          (Recess.)",
    ];
    for n in 1..=25 {
        let words = lines.get(n - 1).copied().unwrap_or("");
        text.push_str(&format!("{n:>2} {words}\n\n"));
    }
    let t = transcript::parse_text(text, "UTF-8", None);
    assert_eq!(t.format, Format::CourtReporter);
    assert_eq!(t.sections[0].title, "CROSS—EXAMINATION");
    assert_eq!(t.turns.len(), 6);
    let partly = &t.turns[5];
    assert_eq!(partly.text, "Partly.");
    assert_eq!(partly.start.to_string(), "12:8");
    assert_eq!(partly.answers, Some(4));
    assert_eq!(
        t.turns[3].answers,
        Some(0),
        "objection and ruling in between"
    );
    assert_eq!(t.speaker_name(&t.turns[0]), "MR. SAVITT");
    assert_eq!(t.turns[1].role, Role::Counsel);
}

#[test]
fn one_file_in_every_encoding_gives_the_same_turns() {
    let utf8 = std::fs::read(repo(SEED)).unwrap();
    let text = String::from_utf8(utf8.clone()).unwrap();
    let reference = transcript::parse_bytes(&utf8, None).unwrap();
    let mut variants: Vec<Vec<u8>> = Vec::new();
    variants.push([b"\xEF\xBB\xBF".as_slice(), &utf8].concat());
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    variants.push(le);
    variants.push(be);
    variants.push(text.replace('\n', "\r\n").into_bytes());
    for v in variants {
        let t = transcript::parse_bytes(&v, None).unwrap();
        let texts: Vec<_> = t.turns.iter().map(|x| (&x.text, x.start)).collect();
        let want: Vec<_> = reference.turns.iter().map(|x| (&x.text, x.start)).collect();
        assert_eq!(texts, want, "encoding {}", t.encoding);
    }
}

#[test]
fn windows_1252_text_is_decoded_with_a_warning() {
    let bytes = b"Savitt: Did you say \x93partly\x94?\nMusk: Yes \x96 partly.\nSavitt: Caf\xe9?\nMusk: No.\n";
    let t = transcript::parse_bytes(bytes, None).unwrap();
    assert_eq!(t.encoding, "windows-1252");
    assert_eq!(t.turns[0].text, "Did you say \u{201c}partly\u{201d}?");
    assert!(t.warnings[0].message.contains("Windows-1252"));
}

#[test]
fn bad_input_gives_one_line_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let check = |path: &std::path::Path, want: &str| {
        let err = transcript::load(path, None).unwrap_err().to_string();
        assert!(err.starts_with(&path.display().to_string()), "{err}");
        assert!(err.contains(want), "{err}");
        assert!(!err.contains('\n'));
    };
    check(dir.path(), "is a directory");
    check(&dir.path().join("missing.txt"), "no such file");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    check(&empty, "file is empty");
    let blank = dir.path().join("blank.txt");
    std::fs::write(&blank, b"\n  \r\n").unwrap();
    check(&blank, "no text");
    let binary = dir.path().join("image.png");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00").unwrap();
    check(&binary, "binary");
    let huge = dir.path().join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(transcript::MAX_FILE_BYTES + 1)
        .unwrap();
    check(&huge, "the limit is");
}

#[test]
fn unreadable_file_reports_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret.txt");
    std::fs::write(&path, "Q. Yes?\nA. No.\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not bind, so check the mapping of the OS error.
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let kind = LoadErrorKind::from_io(e);
        assert_eq!(kind.to_string(), "permission denied");
    } else {
        let err = transcript::load(&path, None).unwrap_err().to_string();
        assert!(err.ends_with("permission denied"), "{err}");
    }
}

#[test]
fn text_without_turns_is_not_an_error_but_a_warning() {
    let t = transcript::parse_bytes(b"Just a paragraph of prose.\nNothing else.\n", None).unwrap();
    assert!(t.turns.is_empty());
    assert!(
        t.warnings
            .iter()
            .any(|w| w.message.contains("no speaker turns"))
    );
}

#[test]
fn gpo_page_markers_give_page_and_line_and_prepared_statements_are_skipped() {
    let text = "\
[[Page 12]]

    Chair Durbin. Mr. Zuckerberg, do you agree?
    Mr. Zuckerberg. Senator, I think that
is a complicated question.
    [Applause.]
    Chair Durbin. Is that a yes?

[[Page 13]]

    Mr. Zuckerberg. Partly.
    [The prepared statement of Mr. Zuckerberg follows:]
    Prepared Statement of Mark Zuckerberg. This is not testimony.
    Senator Graham. Thank you.
";
    let t = transcript::parse_text(text.to_owned(), "UTF-8", None);
    assert_eq!(t.format, Format::Hearing);
    assert_eq!(t.pages, Some((12, 13)));
    let texts: Vec<(&str, String)> = t
        .turns
        .iter()
        .map(|x| (x.text.as_str(), x.start.to_string()))
        .collect();
    assert_eq!(
        texts,
        [
            ("Mr. Zuckerberg, do you agree?", "12:2".to_owned()),
            (
                "Senator, I think that is a complicated question.",
                "12:3".to_owned()
            ),
            ("Is that a yes?", "12:6".to_owned()),
            ("Partly.", "13:2".to_owned()),
            ("Thank you.", "13:5".to_owned()),
        ]
    );
    assert_eq!(t.turns[3].answers, Some(2));
    assert_eq!(t.speaker_name(&t.turns[3]), "Mr. Zuckerberg");
}

/// In a long trial the same words recur on numbered lines ("Objection, Your Honor.", a
/// question asked again): they are testimony, not a running header, and stay in their turns.
#[test]
fn numbered_lines_whose_words_recur_stay_in_their_turns() {
    let once = std::fs::read_to_string(repo(VOCALIFE)).unwrap();
    let mut text = String::new();
    for copy in 0..3u32 {
        for line in once.lines() {
            match line.trim().parse::<u32>() {
                Ok(page) if line.starts_with("        ") => {
                    text.push_str(&format!("{:>87}", page + copy * 6))
                }
                _ => text.push_str(line),
            }
            text.push('\n');
        }
    }
    let t = partly::transcript::parse_bytes(text.as_bytes(), None).unwrap();
    let full: Vec<&str> = t
        .turns
        .iter()
        .filter(|x| x.text.starts_with("I'm sorry, I'm not an attorney."))
        .map(|x| x.text.as_str())
        .collect();
    assert_eq!(full.len(), 3);
    for text in full {
        assert!(text.ends_with("to make the claim broader."), "{text}");
    }
}

// Issue 13's failure classes, each on real text of its layout.

/// No glued turns: a Q/A marker or colloquy label after a sentence end inside a turn.
fn assert_no_glued_turns(t: &transcript::Transcript) {
    let glued =
        regex::Regex::new(r"[.?!]\s+(?:Q\.?\s+[A-Z]|A\.\s+[A-Z]|THE COURT:|MR\. [A-Z]+:)").unwrap();
    for turn in &t.turns {
        assert!(!glued.is_match(&turn.text), "glued: {:?}", turn.text);
    }
}

#[test]
fn retyped_trial_with_bare_q_and_a_reads_every_exchange_and_keeps_recurring_answers() {
    let t = load("tests/corpus/dev/caughtlistening_people_v_trump_2024-04-26_pecker_cross.txt");
    let count = |k: TurnKind| t.turns.iter().filter(|x| x.kind == k).count();
    // 58 lines start with a bare `Q `, 56 with a bare `A ` (29 of them "A Yes.").
    assert_eq!(count(TurnKind::Question), 58);
    assert_eq!(count(TurnKind::Answer), 56);
    let yes = t
        .turns
        .iter()
        .filter(|x| x.kind == TurnKind::Answer && x.text == "Yes.")
        .count();
    assert_eq!(
        yes, 29,
        "recurring short answers are testimony, not running headers"
    );
    assert!(
        t.turns
            .iter()
            .all(|x| !x.text.contains("AUDIO DESCRIPTION"))
    );
    assert_no_glued_turns(&t);
    assert_eq!(transcript::health::assess(&t).turns_with_inner_markers, 0);
}

#[test]
fn retranslated_article_keeps_titles_in_labels_prose_out_of_answers_and_inline_questions() {
    let t = load("tests/data/seed_retranslated.txt");
    let savitt = t.speaker_by_label("Savitt").expect("Savitt");
    for alias in [
        "OpenAI attorney William Savitt",
        "Savit",
        "OpenAI 律师 William Savitt",
    ] {
        assert!(savitt.labels().any(|l| l == alias), "{alias}: {savitt:?}");
    }
    assert_eq!(savitt.role, Role::Examiner);
    let (_, first) = turn_with(&t, "what distillation is");
    assert_eq!(first.kind, TurnKind::Question);
    let (_, partially) = turn_with(&t, "partially");
    assert_eq!(
        partially.text, "partially.",
        "article prose is not testimony"
    );
    assert!(
        t.turns
            .iter()
            .all(|x| !x.text.contains("Distillation is a technique"))
    );
    let (qi, q) = turn_with(&t, "Has OpenAI technology been used");
    assert_eq!(q.kind, TurnKind::Question);
    assert_eq!(t.speaker_name(q), "Savitt");
    let (_, a) = turn_with(&t, "standard practice");
    assert_eq!(a.answers, Some(qi));
    assert!(!a.text.contains("Later the lawyer"));
    // The Chinese rendering's speakers are offered as aliases, never merged on their own.
    assert!(
        t.speaker_by_label("马斯克")
            .is_some_and(|s| s.name == "马斯克")
    );
    assert!(
        transcript::speakers::translation_aliases(&t)
            .contains(&("马斯克".to_owned(), "Musk".to_owned()))
    );
}

#[test]
fn house_hearing_roles_come_from_the_front_matter_and_statements_stay_statements() {
    let t = load("tests/corpus/dev/gpo_house_science_1996_doe_recoupment.htm");
    // Members and witnesses are all `Mr. X.`: the roster and the contents tell them apart.
    for member in [
        "Mr. Rohrabacher",
        "Mr. Roemer",
        "Mr. Baker of California",
        "Mr. Foley",
    ] {
        assert_eq!(
            t.speaker_by_label(member).map(|s| s.role),
            Some(Role::Examiner),
            "{member}"
        );
    }
    for witness in ["Mr. Moore", "Mr. Li", "Mr. Lewis", "Mr. Friedman"] {
        assert_eq!(
            t.speaker_by_label(witness).map(|s| s.role),
            Some(Role::Witness),
            "{witness}"
        );
    }
    // The chairman's opening statement asks nothing at its end: a statement.
    let (_, opening) = turn_with(&t, "will come to order");
    assert_eq!(opening.kind, TurnKind::Statement);
    // A witness who answers with a question is still answering.
    for turn in &t.turns {
        if turn.role == Role::Witness {
            assert_ne!(turn.kind, TurnKind::Question, "{}", turn.text);
        }
    }
}

#[test]
fn legislative_hearing_in_court_reporter_layout_has_members_asking_and_officials_answering() {
    let t = load("tests/corpus/dev/nysenate_hearing_2020-08-25_mta_covid.txt");
    assert!(t.is_paged());
    for member in [
        "SENATOR LIU",
        "ASSEMBLY MEMBER PALMESANO",
        "ASSEMBLY MEMBER PAULIN",
    ] {
        assert_eq!(
            t.speaker_by_label(member).map(|s| s.role),
            Some(Role::Examiner),
            "{member}"
        );
    }
    for official in ["MR. FOYE", "MR. FORAN", "MR. LIEBER"] {
        assert_eq!(
            t.speaker_by_label(official).map(|s| s.role),
            Some(Role::Witness),
            "{official}"
        );
    }
    let (_, a) = turn_with(&t, "Short answer, yes.");
    assert_eq!(a.kind, TurnKind::Answer);
    let q = &t.turns[a.answers.expect("answers a question")];
    assert_eq!(t.speaker_name(q), "ASSEMBLY MEMBER PALMESANO");
    // The running header is numbered as line 1 of every page: not testimony.
    assert!(
        t.turns
            .iter()
            .all(|x| !x.text.contains("Joint Hearing Impact"))
    );
}

#[test]
fn news_wire_labels_with_descriptions_and_unlabelled_paragraphs_are_read() {
    let t = load("tests/corpus/dev/cnn_newsroom_chauvin_trial_2021-03-30.txt");
    let anchor = t.speaker_by_label("BIANNA GOLODRYGA").expect("the anchor");
    assert_eq!(anchor.role, Role::Examiner);
    let (_, q) = turn_with(&t, "Can you give us a sense of who they are");
    assert_eq!(q.kind, TurnKind::Question);
    let (_, a) = turn_with(&t, "So just before the trial began");
    assert_eq!(t.speaker_name(a), "LAURA COATES");
    assert_eq!(a.kind, TurnKind::Answer);
    // The judge's words go on after a realtime stamp in its own paragraph.
    let (_, judge) = turn_with(&t, "Probably.");
    assert!(
        judge.text.contains("We're not going to get to all of them"),
        "{}",
        judge.text
    );
    assert!(t.turns.iter().all(|x| !x.text.contains("11:30:00")));
}

#[test]
fn a_web_page_transcript_is_read_as_the_page_shows_it() {
    let html = "<!DOCTYPE html><html><head><title>Hearing</title><script>var x = 'Q. no';</script></head>\
        <body><h1>Transcript</h1><p><strong>SEN. SMITH:</strong> Did the agency know of the leak?</p>\
        <p><strong>MR. JONES:</strong> Not until March&nbsp;2.</p><p><strong>SEN. SMITH:</strong> Who told you?<br/>\
        <strong>MR. JONES:</strong> The inspector&#8217;s office did.</p></body></html>";
    let t = transcript::parse_bytes(html.as_bytes(), None).unwrap();
    assert_eq!(t.turns.len(), 4, "{:#?}", t.turns);
    assert_eq!(t.turns[3].text, "The inspector’s office did.");
    assert_eq!(t.turns[3].answers, Some(2));
    assert!(t.turns.iter().all(|x| !x.text.contains('<')));
    assert!(t.warnings.iter().any(|w| w.message.contains("web page")));
}

#[test]
fn every_sample_reads_with_good_health_and_no_glued_turns() {
    for rel in [
        SEED,
        VOCALIFE,
        GUO,
        HEARING,
        SCOTUS,
        "tests/data/seed_chinese.txt",
        "tests/data/seed_inline.txt",
        "tests/data/seed_retranslated.txt",
    ] {
        let t = load(rel);
        let h = transcript::health::assess(&t);
        assert_eq!(
            h.verdict,
            transcript::health::Verdict::Good,
            "{rel}: {h:#?}"
        );
        assert_no_glued_turns(&t);
    }
}

/// The real Vocalife pages as a reporter's ASCII export writes them: every line prefixed with
/// its zero-padded page and line, no headers, no timestamps.
fn as_ascii_export(text: &str) -> String {
    let page_number = regex::Regex::new(r"^\s{20,}(\d{1,4})\s*$").unwrap();
    let numbered =
        regex::Regex::new(r"^\s*(?:\d\d:\d\d:\d\d\s+)?(\d{1,2})(?:\s+(.*?))?\s*$").unwrap();
    let mut page = None;
    let mut out = String::new();
    for line in text.lines() {
        if let Some(c) = page_number.captures(line) {
            page = c[1].parse::<u32>().ok();
            continue;
        }
        if let (Some(p), Some(c)) = (page, numbered.captures(line)) {
            let n: u32 = c[1].parse().unwrap();
            let words = c.get(2).map_or("", |m| m.as_str());
            out.push_str(&format!("{p:05}:{n:02} {words}\n"));
        }
    }
    out
}

#[test]
fn ascii_export_with_page_line_prefixes_reads_as_the_paged_original() {
    let original = load(VOCALIFE);
    let ascii = as_ascii_export(&std::fs::read_to_string(repo(VOCALIFE)).unwrap());
    assert!(ascii.starts_with("00247:01 "), "{}", &ascii[..40]);
    let t = transcript::parse_bytes(ascii.as_bytes(), None).unwrap();
    assert_eq!(t.pages, Some((247, 252)));
    assert_eq!(
        transcript::health::assess(&t).verdict,
        transcript::health::Verdict::Good
    );
    let view = |t: &transcript::Transcript| -> Vec<(String, String, &'static str, String)> {
        t.turns
            .iter()
            .map(|x| {
                (
                    x.start.to_string(),
                    t.speaker_name(x).to_owned(),
                    x.kind.name(),
                    x.text.clone(),
                )
            })
            .collect()
    };
    assert_eq!(view(&t), view(&original));
}
