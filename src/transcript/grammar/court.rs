//! Court transcripts: `Q.`/`A.` (or bare `Q`/`A`) with `BY` lines, colloquy labels,
//! parentheticals and headings; Supreme Court arguments; hearings taken down by a court reporter.

use super::*;

/// `BY MR. SAVITT:` — the examiner from here on.
static BY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:\(\s*)?(?:BY|By)[ \t]+(?P<who>(?i:MR|MS|MRS|MISS|DR)\.?[ \t]+[A-Za-z][A-Za-z'’\-]*(?:[ \t]+[A-Z][A-Za-z'’\-]*)?)[ \t]*[:.)]?[ \t]*$",
    )
});
/// `(By Mr. Re)` at the start of a question.
static INLINE_BY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\(\s*(?:BY|By)[ \t]+(?P<who>(?i:MR|MS|MRS|MISS|DR)\.?[ \t]+[A-Za-z][A-Za-z'’\-]*)\s*\)[ \t]*",
    )
});
/// `LE ZHOU, called as a witness by the Government, having been duly sworn, testified:`
static SWORN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<who>[A-Z][A-Z.'’ \-]*[A-Z]\.?),[ \t]+(?:(?:[A-Z][A-Za-z]{0,3}\.?){1,3},[ \t]+)?(?i:called|having|being|a witness|was called|after|previously|recalled|plaintiff|defendant|the witness|sworn|duly)",
    )
});
/// `DORIAN JOHNSON,` alone on its line, the oath on the next.
static SWORN_NAME_ONLY: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?P<who>[A-Z][A-Z.'’ \-]*[A-Z]\.?),$"));
/// The words of an oath: `of lawful age, having been first duly sworn`.
static OATH: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:of lawful age|having been|having first|being first|being duly|called as a witness|a witness|was called|after having|duly sworn|first duly)",
    )
});
static SECTION_HEADING: LazyLock<Regex> =
    LazyLock::new(|| re(r"EXAMINATION|ARGUMENT|TESTIMONY OF|STATEMENT OF|OPENING STATEMENT"));
static HEADING_BY: LazyLock<Regex> =
    LazyLock::new(|| re(r"\bBY[ \t]+(?P<who>(?:MR|MS|MRS|MISS|DR)\.?[ \t]+[A-Z][A-Z'’\-]*)"));

/// Court transcripts: `Q.`/`A.` with `BY` lines, colloquy labels, parentheticals, headings.
/// Supreme Court arguments use the same grammar with justices asking and advocates answering.
pub fn court(text: &str, lines: &[ContentLine], supreme: bool) -> Parsed {
    let mut b = Builder::new(text, lines);
    let repeated = repeated_lines(text, lines);
    // Retyped transcripts mark turns with a bare `Q ` / `A `: taken as markers when the text
    // has several bare `Q ` lines (English prose can start a line with "A Senate panel").
    let bare = lines
        .iter()
        .filter(|l| bare_marker(&text[l.range.clone()]) == Some(true))
        .take(3)
        .count()
        >= 3;
    // Without any marker (a hearing taken down by a court reporter, a press briefing with
    // capitals for names), labels do not say who asks: `build` decides from what they do.
    let marked = lines
        .iter()
        .filter(|l| {
            let s = &text[l.range.clone()];
            qa_marker(s).is_some() || (bare && bare_marker(s).is_some())
        })
        .take(3)
        .count();
    let answers_marked = lines.iter().any(|l| {
        let s = &text[l.range.clone()];
        qa_marker(s).is_some_and(|(q, _)| !q) || (bare && bare_marker(s) == Some(false))
    });
    // A file in capitals throughout has no upper-case descriptions to tell apart (only text
    // without numbered pages is looked at for them).
    let paged = lines.first().is_some_and(|l| l.loc.page.is_some());
    let mostly_upper = !paged && {
        let upper = lines
            .iter()
            .filter(|l| is_upper_line(&text[l.range.clone()]))
            .count();
        upper * 2 > lines.len()
    };
    // Where the current witness's placeholder turns begin: named once the stretch ends.
    let mut stretch = 0usize;
    let mut prev_ends_sentence = true;
    // Lines skipped as running headers, by text: how many, and the first.
    let mut headers: HashMap<&str, (usize, Loc)> = HashMap::new();
    let mut examiner: Option<String> = None;
    let mut witness = "Witness".to_owned();
    let mut warned_no_examiner = false;
    let mut in_paren = false;
    let (mut paren_page, mut paren_line) = (None, 0usize);
    for (i, l) in lines.iter().enumerate() {
        let s = &text[l.range.clone()];
        let line_start = l.range.start;
        let sentence_before = std::mem::replace(&mut prev_ends_sentence, ends_sentence(s));
        // A parenthetical that never closes (cut off, or a misread parenthesis) ends where
        // testimony plainly starts again: a marker, a label, a heading, a new page, or after
        // a few lines.
        if in_paren {
            let resumes = qa_marker(s).is_some()
                || colloquy(s).is_some()
                || heading(s)
                || l.loc.page != paren_page
                || i > paren_line + MAX_PAREN_LINES;
            if !resumes {
                in_paren = !s.contains(')');
                continue;
            }
            in_paren = false;
        }
        // `BY` lines start with `B` or `(`; most lines are out at a glance.
        if s.starts_with(['B', '('])
            && let Some(c) = BY.captures(s)
        {
            // Upper-cased, as the same lawyer's colloquy label is printed.
            examiner = Some(normalise_label(&c["who"]).to_uppercase());
            b.close();
            continue;
        }
        if s.starts_with('(') || s.starts_with('[') {
            b.close();
            in_paren = s.starts_with('(') && !s.contains(')');
            (paren_page, paren_line) = (l.loc.page, i);
            continue;
        }
        if heading(s) {
            if SECTION_HEADING.is_match(s) {
                b.section(s, l.loc);
            } else {
                b.end_section();
            }
            if let Some(c) = HEADING_BY.captures(s) {
                examiner = Some(normalise_label(&c["who"]).to_uppercase());
            }
            continue;
        }
        let marker = qa_marker(s).or_else(|| {
            let question = bare_marker(s).filter(|_| bare)?;
            // A bare marker starts a paragraph, or follows a finished sentence.
            (l.after_blank || sentence_before || l.loc.page.is_some())
                .then(|| (question, 1 + s[1..].len() - s[1..].trim_start().len()))
        });
        if let Some((question, end)) = marker {
            let mut rest = line_start + end..l.range.end;
            // `Q.   (By Mr. Re) I believe ...`: the examiner named again after colloquy.
            if question
                && text[rest.clone()].starts_with('(')
                && let Some(by) = INLINE_BY.captures(&text[rest.clone()])
            {
                examiner = Some(normalise_label(&by["who"]).to_uppercase());
                rest.start += by.get(0).map_or(0, |m| m.end());
            }
            if question {
                let (label, placeholder) = match &examiner {
                    Some(e) => (e.clone(), false),
                    None => {
                        if !warned_no_examiner && !supreme {
                            warned_no_examiner = true;
                            b.parsed.warnings.push(Warning {
                                loc: Some(l.loc),
                                message: "questions before any \"BY MR. X:\" line; the examiner is unnamed".into(),
                            });
                        }
                        ("Examiner".to_owned(), true)
                    }
                };
                b.start(
                    label,
                    placeholder,
                    RoleHint::Fixed(Role::Examiner),
                    Some(TurnKind::Question),
                    line_start,
                );
            } else {
                b.start(
                    witness.clone(),
                    witness == "Witness",
                    RoleHint::Fixed(Role::Witness),
                    Some(TurnKind::Answer),
                    line_start,
                );
            }
            b.piece(i, rest);
            continue;
        }
        if let Some((label, end)) = colloquy(s) {
            let raw = normalise_label(label);
            let rest = line_start + end..l.range.end;
            if NOT_SPEAKERS.contains(&raw.as_str()) {
                b.close();
                continue;
            }
            let (label, role, placeholder) = if raw == "THE WITNESS" || raw == "THE DEPONENT" {
                (
                    witness.clone(),
                    RoleHint::Fixed(Role::Witness),
                    witness == "Witness",
                )
            } else if marked < 3 && !supreme {
                let role = unmarked_role(&raw);
                (raw, role, false)
            } else if !answers_marked && !supreme && !is_court_label(&raw) {
                // Questions marked `Q` and answered under a name (a press briefing): who
                // answers is decided by what they do.
                (raw, RoleHint::Infer, false)
            } else {
                let role = colloquy_role(&raw, examiner.as_deref(), supreme);
                (raw, RoleHint::Fixed(role), false)
            };
            // `MR. MANN: I pass the witness.` after questions nobody was named for: he asked.
            if examiner.is_none() && !placeholder && PASS_WITNESS.is_match(&text[rest.clone()]) {
                name_examiner(&mut b, &label, l.loc);
            }
            b.start(label, placeholder, role, None, line_start);
            b.piece(i, rest);
            continue;
        }
        // The witness's name in capitals, then a comma, and the oath on the same line or the
        // next (`DORIAN JOHNSON,` / `of lawful age, having been first duly sworn…`).
        let sworn_here =
            s.starts_with(|c: char| c.is_ascii_uppercase()) && s.contains(',') && SWORN.is_match(s);
        let sworn_below = !sworn_here
            && s.ends_with(',')
            && is_upper_line(s)
            && s.split_whitespace().count() <= 5
            && lines
                .get(i + 1)
                .is_some_and(|n| OATH.is_match(&text[n.range.clone()]));
        if (sworn_here || sworn_below)
            && let Some(c) = SWORN.captures(s).or_else(|| SWORN_NAME_ONLY.captures(s))
        {
            name_witness(&mut b, stretch, &witness);
            witness = normalise_label(c["who"].trim_end_matches('.'));
            stretch = b.parsed.turns.len();
            b.close();
            continue;
        }
        // A number alone on a line of text without numbered pages: a line or page number
        // left behind by a converter, not words.
        if l.loc.page.is_none() && s.len() <= 4 && s.bytes().all(|c| c.is_ascii_digit()) {
            continue;
        }
        // Descriptions of what happens in the room, in capitals between turns
        // (`VIDEO CLIP PLAYED.`), in text without numbered lines.
        if l.loc.page.is_none()
            && l.after_blank
            && !mostly_upper
            && is_upper_line(s)
            && s.split_whitespace().count() >= 2
        {
            b.close();
            continue;
        }
        if repeated[i] {
            let (n, _) = headers.entry(s.trim()).or_insert((0, l.loc));
            *n += 1;
            continue;
        }
        if b.open {
            b.piece(i, l.range.clone());
        } else {
            b.stray(l.loc);
        }
    }
    name_witness(&mut b, stretch, &witness);
    report_headers(&mut b.parsed.warnings, headers);
    b.finish()
}

/// What the examining lawyer says when done: `I pass the witness`, `No further questions`.
static PASS_WITNESS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:pass the witness|no further questions|nothing further|I'll pass|that's all I have)\b",
    )
});

/// Questions asked under the placeholder `Examiner` were asked by `label`, who now says they
/// are done with the witness.
fn name_examiner(b: &mut Builder, label: &str, loc: Loc) {
    let Some(&placeholder) = b.label_ids.get("Examiner") else {
        return;
    };
    let id = match b.label_ids.get(label) {
        Some(&id) => id,
        None => {
            let id = b.parsed.labels.len() as u32;
            b.parsed.labels.push(label.to_owned());
            b.label_ids.insert(label.to_owned(), id);
            id
        }
    };
    // One who has been answering the unnamed examiner's questions is not that examiner: an
    // advocate closing an argument with "nothing further" (a Supreme Court argument of before
    // 2004, whose justices are all `QUESTION:`) passes no witness.
    let answered = b
        .parsed
        .turns
        .windows(2)
        .any(|w| w[0].label == placeholder && w[1].label == id);
    if answered {
        return;
    }
    let mut any = false;
    for t in &mut b.parsed.turns {
        if t.label == placeholder {
            t.label = id;
            t.placeholder = false;
            any = true;
        }
    }
    if any {
        b.parsed.warnings.push(Warning {
            loc: Some(loc),
            message: format!(
                "the questions before this point are given to {label}, who passes the witness here"
            ),
        });
    }
}

/// The longest parenthetical taken as one (`(Whereupon, … was marked for identification.)`).
const MAX_PAREN_LINES: usize = 8;

fn is_court_label(label: &str) -> bool {
    label == "THE COURT" || label.starts_with("JUDGE ") || label.contains("JUSTICE")
}

/// `Mr. Martyn` in `Good morning, Mr. Martyn.` or `Mr. Thomas, did you…`: a title and a
/// name said to someone.
static VOCATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|[,;:]\s*|\.\s+)(?P<title>Mr|Ms|Mrs|Miss|Dr|Doctor|Professor|Agent|Officer|Detective|Sergeant)\.?\s+(?P<name>[A-Z][A-Za-z'’\-]+)\s*(?:[,?.!]|$)",
    )
});

/// How often one name must be said to the witness before the rest of the stretch is skipped.
const VOCATIVES_ENOUGH: usize = 60;

/// Answers given under the placeholder `Witness` since turn `from`: if the examiner keeps
/// addressing someone by name (`Good morning, Mr. Martyn.`), that is who answers. A guess,
/// so it is reported.
fn name_witness(b: &mut Builder, from: usize, witness: &str) {
    if witness != "Witness" {
        return;
    }
    let Some(&placeholder) = b.label_ids.get("Witness") else {
        return;
    };
    let turns = &b.parsed.turns[from.min(b.parsed.turns.len())..];
    if !turns.iter().any(|t| t.label == placeholder) {
        return;
    }
    // The surnames of those who speak in this stretch (a few labels, however many turns).
    let mut ids: Vec<u32> = turns.iter().map(|t| t.label).collect();
    ids.sort_unstable();
    ids.dedup();
    let speakers: Vec<String> = ids
        .iter()
        .filter_map(|&id| b.parsed.labels[id as usize].split_whitespace().last())
        .map(str::to_uppercase)
        .collect();
    drop(ids);
    // Per name: weight, label, and whether a question said it.
    let mut counts: HashMap<String, (usize, String, bool)> = HashMap::new();
    // Line by line: a name is seldom broken over two lines, and nothing is copied.
    for t in turns.iter().filter(|t| t.label != placeholder) {
        let lines = b.parsed.pieces[t.pieces.start as usize..t.pieces.end as usize]
            .iter()
            .map(|p| &b.text[p.range.start as usize..p.range.end as usize]);
        for c in lines.flat_map(|line| VOCATIVE.captures_iter(line)) {
            let name = c["name"].to_uppercase();
            // Not a lawyer or judge who speaks in this stretch.
            if speakers.contains(&name) {
                continue;
            }
            let title = c["title"].to_uppercase();
            let e = counts
                .entry(name.clone())
                .or_insert((0, String::new(), false));
            // Said in a question, it is surely to the witness; in colloquy, maybe to anyone
            // (`Mr. Goodin, could you pull up…` to the technician).
            let asked = t.kind == Some(TurnKind::Question);
            e.0 += if asked { 2 } else { 1 };
            e.2 |= asked;
            e.1 = format!("{title}. {name}").replace("DOCTOR.", "DR.");
        }
        // Enough said: a long trial need not be read to the end to know whom it addresses.
        if counts.values().any(|c| c.0 >= VOCATIVES_ENOUGH) {
            break;
        }
    }
    let mut ranked: Vec<(usize, String)> = counts
        .into_values()
        .filter(|c| c.2)
        .map(|(n, name, _)| (n, name))
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let Some((n, name)) = ranked.first().cloned() else {
        return;
    };
    // Twice at least, and more than anyone else.
    if n < 2 || ranked.get(1).is_some_and(|(m, _)| *m >= n) {
        return;
    }
    let id = match b.label_ids.get(name.as_str()) {
        Some(&id) => id,
        None => {
            let id = b.parsed.labels.len() as u32;
            b.parsed.labels.push(name.clone());
            b.label_ids.insert(name.clone(), id);
            id
        }
    };
    let mut first = None;
    for t in &mut b.parsed.turns[from..] {
        if t.label == placeholder {
            t.label = id;
            t.placeholder = false;
            first.get_or_insert(t.pieces.start);
        }
    }
    let loc = first
        .and_then(|p| b.parsed.pieces.get(p as usize))
        .map(|p| p.loc);
    b.parsed.warnings.push(Warning {
        loc,
        message: format!(
            "the witness is not named here; answers are given to {name}, whom the questions address by name (correct with `partly speaker FILE rename`)"
        ),
    });
}

/// Upper-case titles of legislators: in a hearing taken down by a court reporter they ask.
const MEMBER_LABELS: [&str; 16] = [
    "SENATOR",
    "SEN.",
    "REPRESENTATIVE",
    "REP.",
    "CONGRESSMAN",
    "CONGRESSWOMAN",
    "ASSEMBLYMAN",
    "ASSEMBLYWOMAN",
    "ASSEMBLY MEMBER",
    "ASSEMBLYMEMBER",
    "COUNCILMAN",
    "COUNCILWOMAN",
    "COUNCIL MEMBER",
    "COUNCILMEMBER",
    "DELEGATE",
    "CHAIR",
];

fn is_member_label(label: &str) -> bool {
    MEMBER_LABELS.iter().any(|t| label.starts_with(t))
        || label.starts_with("THE CHAIR")
        || label.starts_with("VICE CHAIR")
}

/// The role of an upper-case label in a transcript without `Q.`/`A.` markers (a hearing
/// taken down by a court reporter): judges preside, legislators ask, the rest is decided by
/// what they do.
fn unmarked_role(label: &str) -> RoleHint {
    if label == "THE COURT" || label.starts_with("JUDGE ") {
        RoleHint::Fixed(Role::Court)
    } else if is_member_label(label) {
        RoleHint::Fixed(Role::Examiner)
    } else if label == "THE WITNESS" || label == "THE DEPONENT" {
        RoleHint::Fixed(Role::Witness)
    } else if label.starts_with("THE ") || label.starts_with("UNIDENTIFIED") {
        RoleHint::Fixed(Role::Other)
    } else {
        RoleHint::Infer
    }
}

fn colloquy_role(label: &str, examiner: Option<&str>, supreme: bool) -> Role {
    if label == "THE COURT" || label.starts_with("JUDGE ") || label == "THE CHAIRMAN" {
        Role::Court
    } else if label.contains("JUSTICE") {
        if supreme { Role::Examiner } else { Role::Court }
    } else if label.starts_with("THE ") || label.starts_with("UNIDENTIFIED") {
        Role::Other
    } else if supreme {
        Role::Witness
    } else if Some(label) == examiner {
        Role::Examiner
    } else {
        Role::Counsel
    }
}
