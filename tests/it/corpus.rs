//! The real-transcript corpus (`tests/corpus/`): every file imported as a new user would
//! import it, every hand-checked fact checked, and layout-independent invariants checked on
//! every file. `dev/` is what the importer may be tuned on; `heldout/` (whole sources, fixed
//! before tuning) is only measured.
//!
//! Run `cargo test corpus -- --nocapture` for the per-file table.

use partly::transcript::{self, Role, Transcript, Turn, TurnKind, health};
use regex::Regex;
use serde::Deserialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
struct Facts {
    source: String,
    layout: String,
    facts: Vec<Fact>,
    #[serde(default)]
    examiners: Vec<String>,
    #[serde(default)]
    witnesses: Vec<String>,
    #[serde(default)]
    not_testimony: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Fact {
    question: String,
    answer: String,
    asker: Option<String>,
    answerer: Option<String>,
    question_loc: Option<String>,
    answer_loc: Option<String>,
}

/// One corpus file and what was found wrong with partly's reading of it.
struct Outcome {
    name: String,
    heldout: bool,
    source: String,
    layout: String,
    format: String,
    questions: usize,
    answers: usize,
    facts_ok: usize,
    facts: usize,
    problems: Vec<String>,
    verdict: health::Verdict,
}

impl Outcome {
    fn ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// Problems with the structure of the reading that the import health is built to notice:
    /// turns glued together, Q/A lines not read as questions and answers, prose or page
    /// furniture in testimony. A fact that fails (a wrong link, a wrong name) is counted in
    /// the figures instead: health cannot know who the file meant.
    fn structural(&self) -> Vec<&String> {
        self.problems
            .iter()
            .filter(|p| {
                !p.starts_with("fact: ") && !p.contains("no speaker named") && !p.contains(", not ")
            })
            .collect()
    }
}

/// Whitespace squeezed and typographic quotes straightened, so that a fact copied from one
/// line of the file matches the turn text (which joins lines with one space).
fn norm(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{A0}' => ' ',
            c => c,
        })
        .collect();
    s.replace("''", "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn names(t: &Transcript, turn: &Turn) -> Vec<String> {
    let mut out = vec![turn.label.to_lowercase()];
    if let Some(s) = t.speaker(turn.speaker) {
        out.extend(s.labels().map(str::to_lowercase));
    }
    out
}

/// A name from the facts as partly labels it, lower-cased. Where the file names nobody and
/// the fact gives the marker (`Q`, `A`), partly's placeholder (`Examiner`, `Witness`) is that
/// speaker.
fn label_key(who: &str) -> String {
    match who.trim() {
        "Q" | "Q." | "Q:" => "examiner",
        "A" | "A." | "A:" => "witness",
        w => w,
    }
    .to_lowercase()
}

/// Whether the turn's speaker goes by `who` (see [`label_key`]).
fn named(t: &Transcript, turn: &Turn, who: &str) -> bool {
    let who = label_key(who);
    names(t, turn).iter().any(|n| n.contains(&who))
}

fn loc_is(turn: &Turn, want: &str) -> bool {
    turn.start.to_string() == want.trim()
}

/// A fact's snippet without a speaker label or marker copied along with it (`RUSSERT:  Why…`,
/// `Senator Shelby. What…`, `Q Read…`): the label is not what was said.
fn without_label(s: &str) -> String {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[QA][.:]?\s+|(?:[A-Z][A-Za-z'’\-]*\.?\s){0,3}[A-Z][A-Za-z'’\-]+[.:]\s+)")
            .expect("regex")
    });
    let rest = LABEL.replace(s, "");
    if rest.split_whitespace().count() >= 3 {
        rest.into_owned()
    } else {
        s.to_owned()
    }
}

fn check_fact(t: &Transcript, texts: &[String], f: &Fact) -> Result<(), String> {
    let q = norm(&f.question);
    let a = norm(&f.answer);
    let q = if texts.iter().any(|x| x.contains(&q)) {
        q
    } else {
        norm(&without_label(&f.question))
    };
    let candidates: Vec<usize> = (0..t.turns.len())
        .filter(|&i| texts[i].contains(&a))
        .collect();
    if candidates.is_empty() {
        return Err(format!("no turn holds the answer {:?}", f.answer));
    }
    let mut why = String::new();
    for &i in &candidates {
        let turn = &t.turns[i];
        if turn.kind != TurnKind::Answer {
            why = format!(
                "{:?} is in a {} by {}",
                f.answer,
                turn.kind.name(),
                t.speaker_name(turn)
            );
            continue;
        }
        let Some(qi) = turn.answers else {
            why = format!("the answer {:?} answers no question", f.answer);
            continue;
        };
        let question = &t.turns[qi];
        if !texts[qi].contains(&q) {
            why = format!(
                "the answer {:?} is linked to {:?}, not to {:?}",
                f.answer,
                shorten(&question.text),
                f.question
            );
            continue;
        }
        if texts[i].contains(&q) {
            why = format!("the question {:?} is inside the answer", f.question);
            continue;
        }
        if let Some(who) = &f.asker
            && !named(t, question, who)
        {
            why = format!(
                "{:?} asked by {}, not {who}",
                f.question,
                t.speaker_name(question)
            );
            continue;
        }
        if let Some(who) = &f.answerer
            && !named(t, turn, who)
        {
            why = format!(
                "{:?} answered by {}, not {who}",
                f.answer,
                t.speaker_name(turn)
            );
            continue;
        }
        if let Some(loc) = &f.question_loc
            && !loc_is(question, loc)
        {
            why = format!("question at {}, not {loc}", question.start);
            continue;
        }
        if let Some(loc) = &f.answer_loc
            && !loc_is(turn, loc)
        {
            why = format!("answer at {}, not {loc}", turn.start);
            continue;
        }
        return Ok(());
    }
    Err(why)
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// A Q/A marker or a colloquy label right after a sentence end, inside one turn: two turns
/// glued together (`Sustained. Q Now, you recall…`).
static INNER_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"[.?!]["”’)\]]?\s+(?:Q[.:]?\s+\p{Lu}|A[.:]\s+\p{Lu}|(?:THE COURT|THE WITNESS|MR\.? [A-Z]{2,}|MS\.? [A-Z]{2,}):)"#,
    )
    .expect("regex")
});

/// Margin furniture before the words: `00012:05`, a realtime timestamp, a line number.
static MARGIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\d{1,5}:\d{1,2}\s+)?(?:\d{1,2}:\d{2}(?::\d{2})?\s+)?(?:\d{1,2}\s+)?")
        .expect("regex")
});
/// A line that starts with a Q/A marker: `Q.`, `A:`, `Q  `, or a bare `Q `/`A ` before a
/// capital (bare `A ` only counts in files that also have bare `Q ` lines: prose says "A lot").
static MARKED_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^(?P<m>Q|A)(?:[.:]\s*\S|\s+["“(\p{Lu}\d])"#).expect("regex"));
static BARE_Q: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^Q\s+["“(\p{Lu}\d]"#).expect("regex"));

/// 1-based file line of each byte offset.
fn file_line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Lines that begin with a Q/A marker, and how many of them begin a question or an answer.
fn marked_lines(text: &str, t: &Transcript) -> (usize, usize, Vec<usize>) {
    let lines: Vec<&str> = text.split('\n').collect();
    let words = |l: &str| {
        let m = MARGIN.find(l).map_or(0, |m| m.end());
        l[m..].trim_end().to_owned()
    };
    let bare_q = lines.iter().filter(|l| BARE_Q.is_match(&words(l))).count();
    let mut starts = std::collections::HashSet::new();
    for turn in &t.turns {
        if matches!(turn.kind, TurnKind::Question | TurnKind::Answer)
            && let Some(s) = turn.segments.first()
        {
            starts.insert(file_line_of(text, s.source_range().start));
        }
    }
    let (mut n, mut ok, mut missed) = (0, 0, Vec::new());
    for (i, l) in lines.iter().enumerate() {
        let w = words(l);
        let Some(c) = MARKED_LINE.captures(&w) else {
            continue;
        };
        let bare = !w[1..].starts_with(['.', ':']);
        if bare && &c["m"] == "A" && bare_q < 3 {
            continue;
        }
        if bare && &c["m"] == "Q" && bare_q < 3 {
            continue;
        }
        n += 1;
        if starts.contains(&(i + 1)) {
            ok += 1;
        } else if missed.len() < 3 {
            missed.push(i + 1);
        }
    }
    (n, ok, missed)
}

/// Whether someone the file names plays `role` in some turn (a lawyer examines in one
/// section and objects in another), or else the role they play most.
fn role_of(t: &Transcript, who: &str, role: Role) -> Option<Role> {
    let who = label_key(who);
    let theirs: Vec<&partly::transcript::Speaker> = t
        .speakers
        .iter()
        .filter(|s| s.labels().any(|l| l.to_lowercase().contains(&who)))
        .collect();
    if theirs
        .iter()
        .any(|s| t.turns.iter().any(|x| x.speaker == s.id && x.role == role))
    {
        return Some(role);
    }
    theirs
        .iter()
        .max_by_key(|s| t.turns.iter().filter(|x| x.speaker == s.id).count())
        .map(|s| s.role)
}

fn run(path: &Path, heldout: bool) -> Outcome {
    let name = path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    let facts_path = path.with_file_name(format!("{stem}.facts.json"));
    let facts: Facts = match std::fs::read_to_string(&facts_path)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
    {
        Ok(f) => f,
        Err(e) => Facts {
            source: format!("(no facts: {e})"),
            layout: "?".into(),
            facts: vec![Fact {
                question: format!("{}: {e}", facts_path.display()),
                answer: "\u{0}".into(),
                asker: None,
                answerer: None,
                question_loc: None,
                answer_loc: None,
            }],
            examiners: Vec::new(),
            witnesses: Vec::new(),
            not_testimony: Vec::new(),
        },
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let t = transcript::load(path, None)
        .unwrap_or_else(|e| panic!("{e}"))
        .transcript;
    let text = transcript::decode::decode(&bytes)
        .map(|d| d.text)
        .unwrap_or_default();
    let texts: Vec<String> = t.turns.iter().map(|x| norm(&x.text)).collect();
    let mut problems = Vec::new();
    let mut facts_ok = 0;
    for f in &facts.facts {
        match check_fact(&t, &texts, f) {
            Ok(()) => facts_ok += 1,
            Err(why) => problems.push(format!("fact: {why}")),
        }
    }
    for (i, turn) in t.turns.iter().enumerate() {
        if let Some(m) = INNER_MARKER.find(&turn.text) {
            problems.push(format!(
                "turn {} at {} holds another turn: {:?}",
                i + 1,
                turn.start,
                shorten(&turn.text[m.start()..])
            ));
            break;
        }
    }
    let (marked, began, missed) = marked_lines(&text, &t);
    if marked > 0 && began * 100 < marked * 95 {
        problems.push(format!(
            "only {began} of {marked} lines with a Q/A marker begin a question or answer (first missed: lines {missed:?})"
        ));
    }
    for prose in &facts.not_testimony {
        let p = norm(prose);
        if let Some(i) = (0..t.turns.len()).find(|&i| {
            matches!(t.turns[i].kind, TurnKind::Question | TurnKind::Answer)
                && texts[i].contains(&p)
        }) {
            problems.push(format!(
                "not testimony, yet in {} {}: {:?}",
                t.turns[i].kind.name(),
                i + 1,
                shorten(prose)
            ));
        }
    }
    for (who, want) in facts
        .examiners
        .iter()
        .map(|w| (w, Role::Examiner))
        .chain(facts.witnesses.iter().map(|w| (w, Role::Witness)))
    {
        match role_of(&t, who, want) {
            Some(r) if r == want => {}
            Some(r) => problems.push(format!("{who} is {r}, not {want}")),
            None => problems.push(format!("no speaker named {who}")),
        }
    }
    let count = |k: TurnKind| t.turns.iter().filter(|x| x.kind == k).count();
    Outcome {
        name,
        heldout,
        source: facts.source,
        layout: facts.layout,
        format: t.format.name().to_owned(),
        questions: count(TurnKind::Question),
        answers: count(TurnKind::Answer),
        facts_ok,
        facts: facts.facts.len(),
        problems,
        verdict: health::assess(&t).verdict,
    }
}

fn corpus_files(dir: &str) -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| Some(e.ok()?.path()))
        // Transcripts come in any extension (.txt, .htm, .md, .rst); beside them only facts.
        .filter(|p| {
            let n = p
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into());
            !n.ends_with(".facts.json")
        })
        .collect();
    files.sort();
    files
}

fn table(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<56} {:<8} {:<26} {:<14} {:>4} {:>4} {:>5} {:<8} problems",
        "file", "split", "layout", "read as", "Q", "A", "facts", "health"
    );
    // While tuning, `PARTLY_CORPUS_HIDE_HELDOUT=1` keeps the held-out rows out of sight.
    let hide = std::env::var_os("PARTLY_CORPUS_HIDE_HELDOUT").is_some();
    for o in outcomes.iter().filter(|o| !(hide && o.heldout)) {
        let _ = writeln!(
            out,
            "{:<56} {:<8} {:<26} {:<14} {:>4} {:>4} {:>2}/{:<2} {:<8} {}",
            shorten(&o.name),
            if o.heldout { "heldout" } else { "dev" },
            o.layout,
            o.format,
            o.questions,
            o.answers,
            o.facts_ok,
            o.facts,
            o.verdict.name(),
            o.problems.join(" | ")
        );
    }
    for (split, held) in [("dev", false), ("held-out", true)] {
        let part: Vec<&Outcome> = outcomes.iter().filter(|o| o.heldout == held).collect();
        let files_ok = part.iter().filter(|o| o.ok()).count();
        let facts_ok: usize = part.iter().map(|o| o.facts_ok).sum();
        let facts: usize = part.iter().map(|o| o.facts).sum();
        let mut sources: Vec<&str> = part.iter().map(|o| o.source.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        let wrong: Vec<&&Outcome> = part.iter().filter(|o| !o.ok()).collect();
        let flagged = wrong
            .iter()
            .filter(|o| o.verdict != health::Verdict::Good)
            .count();
        let _ = writeln!(
            out,
            "{split}: {files_ok}/{} files read right, {facts_ok}/{facts} facts, {} sources; \
             {flagged} of the {} read wrong flagged doubtful or poor",
            part.len(),
            sources.len(),
            wrong.len()
        );
    }
    out
}

fn outcomes() -> Vec<Outcome> {
    let mut all: Vec<Outcome> = corpus_files("dev").iter().map(|p| run(p, false)).collect();
    all.extend(corpus_files("heldout").iter().map(|p| run(p, true)));
    all
}

/// What the dev corpus measured when these floors were set (files read right, facts that
/// hold): a change that reads fewer of them fails. Raise them as the importer improves.
const DEV_FILES_RIGHT: usize = 22;
const DEV_FACTS_RIGHT: usize = 105;

/// Every corpus file is imported, every fact and invariant checked, and the per-file table
/// printed with the dev and held-out figures. Held-out files are only measured. Where a
/// reading is structurally wrong, the import health must not call it "good"; where a dev
/// file is read right, it must.
#[test]
fn corpus_facts_and_invariants_hold_and_bad_readings_are_not_called_good() {
    let all = outcomes();
    println!("{}", table(&all));
    assert!(all.len() >= 40, "the corpus has {} files", all.len());
    let mut sources: Vec<&str> = all.iter().map(|o| o.source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    assert!(sources.len() >= 15, "{} sources", sources.len());
    let dev: Vec<&Outcome> = all.iter().filter(|o| !o.heldout).collect();
    let right = dev.iter().filter(|o| o.ok()).count();
    let facts: usize = dev.iter().map(|o| o.facts_ok).sum();
    assert!(
        right >= DEV_FILES_RIGHT && facts >= DEV_FACTS_RIGHT,
        "dev: {right} files read right (floor {DEV_FILES_RIGHT}), {facts} facts (floor {DEV_FACTS_RIGHT})"
    );
    let unflagged: Vec<String> = all
        .iter()
        .filter(|o| !o.structural().is_empty() && o.verdict == health::Verdict::Good)
        .map(|o| {
            if o.heldout {
                format!("{} (held out)", o.name)
            } else {
                format!("{}: {:?}", o.name, o.structural())
            }
        })
        .collect();
    assert!(
        unflagged.is_empty(),
        "read wrong but called good:\n{}",
        unflagged.join("\n")
    );
    let doubted: Vec<&str> = dev
        .iter()
        .filter(|o| o.ok() && o.verdict != health::Verdict::Good)
        .map(|o| o.name.as_str())
        .collect();
    assert!(
        doubted.is_empty(),
        "read right but not called good: {doubted:?}"
    );
}

/// Real files mangled the way files get mangled (line breaks lost; blank lines lost and lines
/// run together): the health must never call them good.
#[test]
fn mangled_corpus_files_are_never_called_good() {
    let mut checked = 0;
    for path in corpus_files("dev") {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let original = transcript::parse_bytes(text.as_bytes(), None).expect("readable");
        let q = original
            .turns
            .iter()
            .filter(|t| t.kind == TurnKind::Question)
            .count();
        // `Name: text` turns may run inline in one paragraph by design, so losing line breaks
        // need not spoil their reading.
        if q < 5 || original.format == partly::transcript::Format::NameColon {
            continue;
        }
        let mut mangles: Vec<(&str, String)> = vec![
            ("line breaks lost", text.replace(['\n', '\r'], " ")),
            (
                "blank lines lost and lines joined in pairs",
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .collect::<Vec<_>>()
                    .chunks(2)
                    .map(|c| c.join(" "))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        ];
        // Joining lines in pairs is only sure to break numbered pages; a hearing's
        // paragraphs survive it (see the notes).
        if !original.is_paged() {
            mangles.truncate(1);
        }
        for (how, mangled) in mangles {
            let t = transcript::parse_bytes(mangled.as_bytes(), None).expect("readable");
            let h = health::assess(&t);
            assert_ne!(
                h.verdict,
                health::Verdict::Good,
                "{} with {how} was called good",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked}");
}

/// Splits are by whole source: no source has files on both sides.
#[test]
fn corpus_split_is_by_whole_source() {
    let all = outcomes();
    for o in all.iter().filter(|o| o.heldout) {
        assert!(
            !all.iter().any(|d| !d.heldout && d.source == o.source),
            "source {} is in both splits",
            o.source
        );
    }
    let held = all.iter().filter(|o| o.heldout).count();
    assert!(held * 4 >= all.len(), "{held} of {} held out", all.len());
}
