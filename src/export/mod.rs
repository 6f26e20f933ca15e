//! Excerpts out: the annotated passages with speakers, tags, notes and page:line cites, as
//! Markdown, standalone HTML, CSV, DOCX or plain text, plus "copy as citation".
//!
//! [`excerpts`] chooses and assembles what goes out (filters, the question an answer
//! answers, context turns); the writers only format. Everything taken from the transcript,
//! notes and tag names is escaped for its format (HTML), or neutralised where a spreadsheet
//! would run it as a formula (CSV). Knows nothing of the UI or of where files go.

pub mod agreement;
pub mod article;
mod writers;

use crate::annotation::intent::is_whole_turns;
use crate::annotation::{Annotation, Colour, Document, display_name};
use crate::transcript::{Loc, Role, Transcript, TurnKind};
use std::collections::BTreeSet;
pub use writers::write;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Html,
    Csv,
    Docx,
    Text,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] = [
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Csv,
        ExportFormat::Docx,
        ExportFormat::Text,
    ];

    pub fn parse(s: &str) -> Option<ExportFormat> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => ExportFormat::Markdown,
            "html" | "htm" => ExportFormat::Html,
            "csv" => ExportFormat::Csv,
            "docx" | "word" => ExportFormat::Docx,
            "txt" | "text" | "plain" => ExportFormat::Text,
            _ => return None,
        })
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Html => "html",
            ExportFormat::Csv => "csv",
            ExportFormat::Docx => "docx",
            ExportFormat::Text => "txt",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "Markdown",
            ExportFormat::Html => "HTML",
            ExportFormat::Csv => "CSV",
            ExportFormat::Docx => "Word (DOCX)",
            ExportFormat::Text => "Plain text",
        }
    }

    /// Binary formats cannot go to a terminal.
    pub fn is_binary(self) -> bool {
        self == ExportFormat::Docx
    }
}

/// What to export and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Only annotations with any of these tags (all when empty).
    pub tags: Vec<String>,
    /// Only annotations on this speaker's turns (by name or alias).
    pub speaker: Option<String>,
    /// Only these annotations (a selection), when given.
    pub ids: Option<Vec<String>>,
    /// Put before page:line in cites: `Tr.`, `Musk Dep.`, `Trial Tr.`.
    pub cite_prefix: String,
    /// Include the question an answer answers (and any colloquy in between).
    pub include_question: bool,
    /// Extra turns before and after.
    pub context_before: usize,
    pub context_after: usize,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            tags: Vec::new(),
            speaker: None,
            ids: None,
            cite_prefix: "Tr.".into(),
            include_question: true,
            context_before: 0,
            context_after: 0,
        }
    }
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExportError {
    #[error("unknown tag \"{0}\"")]
    UnknownTag(String),
    #[error("no speaker is called \"{0}\"")]
    UnknownSpeaker(String),
    #[error("could not write the {format}: {message}")]
    Write {
        format: &'static str,
        message: String,
    },
    #[error("{}: the file exists; not overwritten (use --force, or choose another name)", .0.display())]
    Exists(std::path::PathBuf),
    #[error("{}: {message}", path.display())]
    Io {
        path: std::path::PathBuf,
        message: String,
    },
}

/// Writes an export atomically; an existing file is replaced only when `replace` says so.
pub fn save(path: &std::path::Path, bytes: &[u8], replace: bool) -> Result<(), ExportError> {
    crate::annotation::sidecar::write_file_atomically(path, bytes, ".partly-export-", replace)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists && !replace {
                ExportError::Exists(path.to_path_buf())
            } else {
                ExportError::Io {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                }
            }
        })
}

/// A turn as exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcerptTurn {
    pub index: usize,
    pub speaker: String,
    pub role: Role,
    pub kind: TurnKind,
    pub text: String,
    pub start: Loc,
    pub end: Loc,
    /// The annotation covers this turn (context turns are not).
    pub annotated: bool,
}

/// One annotation, ready to format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub id: String,
    pub tags: Vec<(String, Colour)>,
    pub note: Option<String>,
    /// The exact words, when the annotation is on part of a turn.
    pub quote: Option<String>,
    pub turns: Vec<ExcerptTurn>,
    /// `Tr. 12:3–13:2`, from the first line of the first turn to the last line of the last.
    pub cite: String,
    /// The transcript's file name.
    pub source: String,
}

/// A cite from `start` to `end`: `Tr. 12:3`, `Tr. 12:3–8`, `Tr. 12:3–13:2`; for text without
/// page numbers, `Tr. l. 6` / `Tr. ll. 5–6`.
pub fn cite(prefix: &str, start: Loc, end: Loc) -> String {
    let body = match (start.page, end.page) {
        (Some(p), Some(q)) if p == q && start.line == end.line => format!("{p}:{}", start.line),
        (Some(p), Some(q)) if p == q => format!("{p}:{}–{}", start.line, end.line),
        (Some(p), Some(q)) => format!("{p}:{}–{q}:{}", start.line, end.line),
        _ if start.line == end.line => format!("l. {}", start.line),
        _ => format!("ll. {}–{}", start.line, end.line),
    };
    if prefix.trim().is_empty() {
        body
    } else {
        format!("{} {body}", prefix.trim())
    }
}

fn source_name(doc: &Document) -> String {
    display_name(&doc.path)
}

/// The annotations an export of "only the selection" takes, for [`ExportOptions::ids`]:
/// every annotation touching turns `turns` (first, last) when turns are selected, else the
/// `active` one (the one in the editor), if any.
pub fn selected_ids(
    doc: &Document,
    turns: Option<(usize, usize)>,
    active: Option<&str>,
) -> Vec<String> {
    match turns {
        Some((a, b)) => doc
            .sidecar
            .annotations
            .iter()
            .filter(|x| x.anchor.start_turn <= b && a <= x.anchor.end_turn)
            .map(|x| x.id.clone())
            .collect(),
        None => active.iter().map(|id| (*id).to_owned()).collect(),
    }
}

/// The first and last turn an annotation's excerpt shows.
fn span(t: &Transcript, a: &Annotation, opts: &ExportOptions) -> (usize, usize) {
    let n = t.turns.len();
    let (mut first, mut last) = (
        a.anchor.start_turn.min(n.saturating_sub(1)),
        a.anchor.end_turn.min(n.saturating_sub(1)),
    );
    if opts.include_question
        && let Some(q) = t.turns.get(first).and_then(|x| x.answers)
    {
        first = first.min(q);
    }
    first = first.saturating_sub(opts.context_before);
    last = last
        .saturating_add(opts.context_after)
        .min(n.saturating_sub(1));
    (first, last)
}

/// The excerpts chosen by `opts`, in transcript order.
pub fn excerpts(doc: &Document, opts: &ExportOptions) -> Result<Vec<Excerpt>, ExportError> {
    let t = &doc.transcript;
    let tags: Vec<String> = opts
        .tags
        .iter()
        .map(|tag| {
            doc.sidecar
                .tags
                .find(tag)
                .map(|x| x.name.clone())
                .ok_or_else(|| ExportError::UnknownTag(tag.clone()))
        })
        .collect::<Result<_, _>>()?;
    let speaker = match &opts.speaker {
        Some(name) => Some(
            t.speaker_by_label(name)
                .map(|s| s.id)
                .ok_or_else(|| ExportError::UnknownSpeaker(name.clone()))?,
        ),
        None => None,
    };
    let ids: Option<BTreeSet<&str>> = opts
        .ids
        .as_ref()
        .map(|v| v.iter().map(String::as_str).collect());
    let source = source_name(doc);
    let mut out = Vec::new();
    // Orphans and annotations awaiting review point at words no longer at that place: they
    // would be cited wrongly, so they are not exported until re-attached.
    let mut annotations: Vec<&Annotation> = doc.placed_annotations().collect();
    annotations.sort_by_key(|a| {
        (
            a.anchor.start_turn,
            a.anchor.start_offset,
            a.anchor.end_turn,
        )
    });
    for a in annotations {
        if a.anchor.start_turn >= t.turns.len() {
            continue;
        }
        if !tags.is_empty() && !tags.iter().any(|x| a.has_tag(x)) {
            continue;
        }
        if let Some(s) = speaker
            && !(a.anchor.start_turn..=a.anchor.end_turn.min(t.turns.len() - 1))
                .any(|i| t.turns[i].speaker == s)
        {
            continue;
        }
        if let Some(ids) = &ids
            && !ids.contains(a.id.as_str())
        {
            continue;
        }
        let (first, last) = span(t, a, opts);
        let turns: Vec<ExcerptTurn> = (first..=last)
            .map(|i| {
                let x = &t.turns[i];
                ExcerptTurn {
                    index: i,
                    speaker: t.speaker_name(x).to_owned(),
                    role: x.role,
                    kind: x.kind,
                    text: x.text.clone(),
                    start: x.start,
                    end: x.end,
                    annotated: a.anchor.start_turn <= i && i <= a.anchor.end_turn,
                }
            })
            .collect();
        let quote = (!is_whole_turns(t, &a.anchor)).then(|| a.anchor.quote.clone());
        out.push(Excerpt {
            id: a.id.clone(),
            tags: a
                .tags
                .iter()
                .map(|name| {
                    let colour = doc
                        .sidecar
                        .tags
                        .find(name)
                        .map_or(Colour::new(0x60, 0x60, 0x60), |x| x.colour);
                    (name.clone(), colour)
                })
                .collect(),
            note: a.note.clone(),
            quote,
            cite: cite(&opts.cite_prefix, t.turns[first].start, t.turns[last].end),
            turns,
            source: source.clone(),
        });
    }
    Ok(out)
}

/// A quotation of turns `first..=last` (or of `span` words inside one turn) with attribution
/// and cite, ready to paste: `“Partly.” — Musk (distillation_exchange.txt, Tr. l. 6)`.
pub fn citation(
    doc: &Document,
    first: usize,
    last: usize,
    span: Option<(usize, usize)>,
    prefix: &str,
) -> Option<String> {
    let t = &doc.transcript;
    let last = last.min(t.turns.len().checked_sub(1)?);
    let first_turn = t.turns.get(first)?;
    let source = source_name(doc);
    if let Some((s, e)) = span.filter(|_| first == last) {
        let words = first_turn.text.get(s..e)?.trim();
        let start = first_turn.loc_at(s);
        let end = first_turn.loc_at(e.saturating_sub(1).max(s));
        return Some(format!(
            "“{words}” — {} ({source}, {})",
            t.speaker_name(first_turn),
            cite(prefix, start, end)
        ));
    }
    let body: Vec<String> = (first..=last)
        .map(|i| {
            let x = &t.turns[i];
            if first == last {
                format!("“{}”", x.text)
            } else {
                format!("{}: “{}”", t.speaker_name(x), x.text)
            }
        })
        .collect();
    let c = cite(prefix, first_turn.start, t.turns[last].end);
    Some(if first == last {
        format!(
            "{} — {} ({source}, {c})",
            body[0],
            t.speaker_name(first_turn)
        )
    } else {
        format!("{} ({source}, {c})", body.join(" "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cites_from_page_line() {
        let l = |p, n| Loc::new(Some(p), n);
        assert_eq!(cite("Tr.", l(12, 3), l(12, 3)), "Tr. 12:3");
        assert_eq!(cite("Tr.", l(12, 3), l(12, 8)), "Tr. 12:3–8");
        assert_eq!(cite("Musk Dep.", l(12, 3), l(13, 2)), "Musk Dep. 12:3–13:2");
        assert_eq!(cite("", Loc::new(None, 5), Loc::new(None, 6)), "ll. 5–6");
        assert_eq!(
            cite("Tr.", Loc::new(None, 6), Loc::new(None, 6)),
            "Tr. l. 6"
        );
    }

    #[test]
    fn only_the_selection_takes_the_annotations_on_the_selected_turns_else_the_active_one() {
        use crate::annotation::Edit;
        use crate::annotation::testing::{annotation, doc};
        let (_dir, mut d) = doc();
        let (one, three) = (annotation(&d, 1, "Quote"), annotation(&d, 3, "Partial"));
        let ids = [one.id.clone(), three.id.clone()];
        for a in [one, three] {
            d.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
        }
        assert_eq!(
            selected_ids(&d, Some((0, 1)), Some(&ids[1])),
            [ids[0].clone()]
        );
        assert_eq!(selected_ids(&d, Some((1, 3)), None).len(), 2);
        assert!(selected_ids(&d, Some((2, 2)), None).is_empty());
        assert_eq!(selected_ids(&d, None, Some(&ids[1])), [ids[1].clone()]);
        assert!(selected_ids(&d, None, None).is_empty());
        let opts = ExportOptions {
            ids: Some(selected_ids(&d, Some((3, 3)), None)),
            ..ExportOptions::default()
        };
        let ex = excerpts(&d, &opts).unwrap();
        assert_eq!(ex.len(), 1);
        assert_eq!(
            (ex[0].id.as_str(), ex[0].quote.as_ref()),
            (ids[1].as_str(), None)
        );
        assert_eq!(ex[0].source, "x.txt");
    }
}
