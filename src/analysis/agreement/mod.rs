//! Agreement between annotators of one transcript, per answer (or per question).
//!
//! The unit is a turn, and only turns that some coder labelled with a tag of the chosen set
//! count: untouched text is no coding decision, so it cannot inflate agreement (the flaw of
//! per-character percentages). A coder's label for a unit is the set's tag on an annotation
//! covering the turn; a unit a coder left alone is `untagged` (or missing, if asked).
//! Sidecars may come from other machines: tags are matched by name, case-insensitively.

pub mod alpha;

use crate::analysis::Label9;
use crate::annotation::{Annotation, Placement, Sidecar, reanchor::reanchor_all};
use crate::transcript::{Loc, Transcript, TurnKind};
use alpha::{alpha_nominal, cohen_kappa, confusion, raw_agreement};
use std::collections::{BTreeMap, BTreeSet};

/// Which turns are units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    #[default]
    Answer,
    Question,
}

/// What a unit a coder did not label counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Untagged {
    /// The label `untagged`: the coder saw it and chose none of the set.
    #[default]
    Label,
    /// A missing value: the coder made no decision there.
    Missing,
}

/// How to compare.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    pub unit: Unit,
    pub untagged: Untagged,
    /// The tag set compared, in order (the first wins when a coder used two on one unit);
    /// empty: the nine evasion classes.
    pub tags: Vec<String>,
}

/// One coder: a name (the sidecar's path as given) and their sidecar.
#[derive(Debug, Clone)]
pub struct Coder {
    pub name: String,
    pub sidecar: Sidecar,
}

/// The label `untagged`.
pub const UNTAGGED: &str = "untagged";

/// A unit the coders did not all label alike.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// The turn (0-based).
    pub turn: usize,
    pub start: Loc,
    pub end: Loc,
    pub text: String,
    /// One per coder, in coder order: the label, or None when missing.
    pub labels: Vec<Option<String>>,
}

/// Two coders compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub coders: [usize; 2],
    pub kappa: Option<f64>,
    pub agreement: Option<f64>,
    /// Units both labelled.
    pub units: usize,
    /// Rows: the first coder's label; columns: the second's; in [`Agreement::labels`] order.
    pub matrix: Vec<Vec<usize>>,
}

impl Pair {
    /// The labels (indices into [`Agreement::labels`]) either coder of the pair used: the rows
    /// and columns of the matrix worth showing.
    pub fn used_labels(&self) -> Vec<usize> {
        (0..self.matrix.len())
            .filter(|&k| {
                self.matrix[k].iter().sum::<usize>()
                    + self.matrix.iter().map(|r| r[k]).sum::<usize>()
                    > 0
            })
            .collect()
    }
}

/// One tag against the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct TagAlpha {
    pub tag: String,
    pub alpha: Option<f64>,
    /// Units any coder gave this tag.
    pub units: usize,
}

/// Everything `partly agree` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    pub coders: Vec<String>,
    /// The labels in use, in tag-set order, `untagged` last.
    pub labels: Vec<String>,
    /// The units (turns), in order, with each coder's label index.
    pub units: Vec<(usize, Vec<Option<usize>>)>,
    pub alpha: Option<f64>,
    /// Over clear reply / ambivalent / clear non-reply (other tags count as themselves).
    pub alpha_3way: Option<f64>,
    pub pairwise: Vec<Pair>,
    pub per_tag: Vec<TagAlpha>,
    pub disagreements: Vec<Disagreement>,
    /// Said to the user: tags on one side only, two tags on one unit, orphaned annotations.
    pub warnings: Vec<String>,
}

impl Agreement {
    /// The disagreements between coders `a` and `b` where `a` said `la` and `b` said `lb`
    /// (a confusion-matrix cell).
    pub fn cell(&self, a: usize, b: usize, la: &str, lb: &str) -> Vec<&Disagreement> {
        self.disagreements
            .iter()
            .filter(|d| {
                d.labels.get(a).and_then(|x| x.as_deref()) == Some(la)
                    && d.labels.get(b).and_then(|x| x.as_deref()) == Some(lb)
            })
            .collect()
    }
}

/// A coefficient as shown to people: `places` decimals, or "undefined" (no variation, one
/// coder) rather than a number that would mislead.
pub fn figure(x: Option<f64>, places: usize) -> String {
    x.map_or_else(|| "undefined".to_owned(), |v| format!("{v:.places$}"))
}

/// Compares the coders' labels on `t`.
pub fn compare(t: &Transcript, coders: &[Coder], opts: &Options) -> Agreement {
    let mut warnings = Vec::new();
    let set: Vec<String> = if opts.tags.is_empty() {
        Label9::ALL.iter().map(|l| l.tag().to_owned()).collect()
    } else {
        opts.tags.clone()
    };
    let key = |s: &str| s.trim().to_lowercase();
    let set_index: BTreeMap<String, usize> =
        set.iter().enumerate().map(|(i, s)| (key(s), i)).collect();
    // Tag names on one side only.
    let names: Vec<BTreeSet<String>> = coders
        .iter()
        .map(|c| c.sidecar.tags.tags.iter().map(|t| key(&t.name)).collect())
        .collect();
    let all: BTreeSet<&String> = names.iter().flatten().collect();
    for n in all {
        let have: Vec<&str> = coders
            .iter()
            .zip(&names)
            .filter(|(_, s)| s.contains(n))
            .map(|(c, _)| c.name.as_str())
            .collect();
        if have.len() < coders.len() {
            warnings.push(format!(
                "the tag \"{n}\" exists only in {}",
                have.join(", ")
            ));
        }
    }
    for s in &set {
        if names.iter().all(|n| !n.contains(&key(s))) {
            warnings.push(format!("no coder's tag set has \"{s}\""));
        }
    }
    // Each coder's set labels per turn.
    let kind = match opts.unit {
        Unit::Answer => TurnKind::Answer,
        Unit::Question => TurnKind::Question,
    };
    let mut per_coder: Vec<BTreeMap<usize, usize>> = Vec::new();
    for c in coders {
        let annotations = placed(t, c, &mut warnings);
        let mut labels: BTreeMap<usize, usize> = BTreeMap::new();
        let mut doubled: BTreeSet<usize> = BTreeSet::new();
        for a in &annotations {
            let tags: Vec<usize> = a
                .tags
                .iter()
                .filter_map(|tag| set_index.get(&key(tag)).copied())
                .collect();
            let Some(&best) = tags.iter().min() else {
                continue;
            };
            for turn in a.anchor.start_turn..=a.anchor.end_turn.min(t.turns.len().saturating_sub(1))
            {
                if t.turns.get(turn).is_none_or(|x| x.kind != kind) {
                    continue;
                }
                let e = labels.entry(turn).or_insert(best);
                if *e != best || tags.len() > 1 {
                    doubled.insert(turn);
                    *e = (*e).min(best);
                }
            }
        }
        for turn in doubled {
            warnings.push(format!(
                "{}: two tags of the set on turn {} ({}); the first in tag order counts",
                c.name,
                turn + 1,
                t.turns[turn].start
            ));
        }
        per_coder.push(labels);
    }
    let unit_turns: BTreeSet<usize> = per_coder.iter().flat_map(|m| m.keys().copied()).collect();
    let untagged = set.len();
    let mut labels = set.clone();
    labels.push(UNTAGGED.to_owned());
    let units: Vec<(usize, Vec<Option<usize>>)> = unit_turns
        .iter()
        .map(|&turn| {
            let row = per_coder
                .iter()
                .map(|m| match (m.get(&turn), opts.untagged) {
                    (Some(l), _) => Some(*l),
                    (None, Untagged::Label) => Some(untagged),
                    (None, Untagged::Missing) => None,
                })
                .collect();
            (turn, row)
        })
        .collect();
    let rows: Vec<Vec<Option<usize>>> = units.iter().map(|(_, r)| r.clone()).collect();
    let alpha = alpha_nominal(&rows);
    // Three-way: evasion tags to their clarity class; other labels stay themselves.
    let three = |l: usize| -> usize {
        set.get(l)
            .and_then(|name| Label9::ALL.iter().find(|x| key(x.tag()) == key(name)))
            .map_or(100 + l, |x| x.label3() as usize)
    };
    let rows3: Vec<Vec<Option<usize>>> = rows
        .iter()
        .map(|r| r.iter().map(|v| v.map(three)).collect())
        .collect();
    let alpha_3way = alpha_nominal(&rows3);
    let column = |i: usize| -> Vec<Option<usize>> { rows.iter().map(|r| r[i]).collect() };
    let mut pairwise = Vec::new();
    for a in 0..coders.len() {
        for b in a + 1..coders.len() {
            let (ca, cb) = (column(a), column(b));
            let (agreement, n) = raw_agreement(&ca, &cb);
            pairwise.push(Pair {
                coders: [a, b],
                kappa: cohen_kappa(&ca, &cb),
                agreement,
                units: n,
                matrix: confusion(&ca, &cb, labels.len()),
            });
        }
    }
    let per_tag = (0..set.len())
        .map(|k| {
            let binary: Vec<Vec<Option<usize>>> = rows
                .iter()
                .map(|r| r.iter().map(|v| v.map(|x| usize::from(x == k))).collect())
                .collect();
            TagAlpha {
                tag: set[k].clone(),
                alpha: alpha_nominal(&binary),
                units: rows.iter().filter(|r| r.contains(&Some(k))).count(),
            }
        })
        .filter(|x| x.units > 0)
        .collect();
    let disagreements = units
        .iter()
        .filter(|(_, r)| {
            let first = r.first().copied().flatten();
            r.iter().any(|v| *v != first)
        })
        .map(|(turn, r)| {
            let x = &t.turns[*turn];
            Disagreement {
                turn: *turn,
                start: x.start,
                end: x.end,
                text: x.text.clone(),
                labels: r.iter().map(|v| v.map(|l| labels[l].clone())).collect(),
            }
        })
        .collect();
    Agreement {
        coders: coders.iter().map(|c| c.name.clone()).collect(),
        labels,
        units,
        alpha,
        alpha_3way,
        pairwise,
        per_tag,
        disagreements,
        warnings,
    }
}

/// A coder's annotations placed on this transcript: as saved when the sidecar was made on
/// these bytes, found again when it was made on another version.
fn placed(t: &Transcript, c: &Coder, warnings: &mut Vec<String>) -> Vec<Annotation> {
    let mut annotations = c.sidecar.annotations.clone();
    let fits = annotations
        .iter()
        .all(|a| crate::annotation::reanchor::still_in_place(&a.anchor, t));
    if !fits {
        reanchor_all(&mut annotations, t);
    }
    let before = annotations.len();
    annotations.retain(|a| a.placement != Placement::Orphaned);
    if annotations.len() < before {
        warnings.push(format!(
            "{}: {} annotation(s) could not be placed on this transcript and are left out",
            c.name,
            before - annotations.len()
        ));
    }
    annotations
}

/// The window's comparison: this document's own annotations (coder "You") against other
/// annotators' files, worked out again after every edit.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub others: Vec<Coder>,
    pub options: Options,
    pub result: Agreement,
    /// Where each turn's disagreement is in `result.disagreements`.
    by_turn: std::collections::HashMap<usize, usize>,
}

/// The name this document's own annotations go by in a comparison.
pub const YOU: &str = "You";

/// This document's annotations (as [`YOU`]) first, then the other coders'.
fn with_you(you: &Sidecar, others: &[Coder]) -> Vec<Coder> {
    let mut coders = vec![Coder {
        name: YOU.to_owned(),
        sidecar: you.clone(),
    }];
    coders.extend(others.iter().cloned());
    coders
}

/// Which disagreement is on which turn.
fn index_by_turn(result: &Agreement) -> std::collections::HashMap<usize, usize> {
    result
        .disagreements
        .iter()
        .enumerate()
        .map(|(i, d)| (d.turn, i))
        .collect()
}

impl Comparison {
    pub fn new(t: &Transcript, you: &Sidecar, others: Vec<Coder>, options: Options) -> Self {
        let result = compare(t, &with_you(you, &others), &options);
        let by_turn = index_by_turn(&result);
        Comparison {
            others,
            options,
            result,
            by_turn,
        }
    }

    /// Works the figures out again after this document's annotations changed.
    pub fn refresh(&mut self, t: &Transcript, you: &Sidecar) {
        self.result = compare(t, &with_you(you, &self.others), &self.options);
        self.by_turn = index_by_turn(&self.result);
    }

    /// The disagreement on turn `turn`, if the coders differ there.
    pub fn on_turn(&self, turn: usize) -> Option<&Disagreement> {
        self.by_turn
            .get(&turn)
            .and_then(|&i| self.result.disagreements.get(i))
    }

    /// The tag set compared (the nine evasion classes unless chosen).
    pub fn set(&self) -> Vec<String> {
        let n = self.result.labels.len().saturating_sub(1);
        self.result.labels[..n].to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::testing::{annotation, doc};

    fn coder(name: &str, sidecar: &Sidecar) -> Coder {
        Coder {
            name: name.into(),
            sidecar: sidecar.clone(),
        }
    }

    #[test]
    fn units_labels_and_warnings_follow_the_options() {
        let (_dir, d) = doc();
        let t = &d.transcript;
        // Turns: 0 Savitt asks, 1 Musk answers, 2 Savit asks, 3 Musk answers.
        let mut a = d.sidecar.clone();
        a.annotations = vec![annotation(&d, 1, "General"), {
            let mut two = annotation(&d, 3, "Partial");
            two.tags.push("Deflection".into());
            two
        }];
        let mut b = d.sidecar.clone();
        b.annotations = vec![
            annotation(&d, 1, "General"),
            annotation(&d, 0, "Leading question"),
        ];
        b.remove_tag("Objection").expect("a default tag");
        let coders = [coder("a", &a), coder("b", &b)];
        let r = compare(t, &coders, &Options::default());
        // Units: the answers someone labelled with an evasion class.
        let turns: Vec<usize> = r.units.iter().map(|(u, _)| *u).collect();
        assert_eq!(turns, [1, 3]);
        // Two of the set on one unit: the first in tag order (Deflection comes before Partial
        // in the nine classes), and a warning.
        assert_eq!(r.labels[r.units[1].1[0].unwrap()], "Deflection");
        assert!(
            r.warnings
                .iter()
                .any(|w| w.starts_with("a: two tags of the set on turn 4")),
            "{:?}",
            r.warnings
        );
        // A tag on one side only is named.
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("\"objection\" exists only in a")),
            "{:?}",
            r.warnings
        );
        assert_eq!(r.disagreements.len(), 1);
        assert_eq!(
            r.disagreements[0].labels,
            [Some("Deflection".into()), Some(UNTAGGED.into())]
        );
        // Questions, with a chosen tag set (matched whatever the case).
        let q = compare(
            t,
            &coders,
            &Options {
                unit: Unit::Question,
                tags: vec!["leading QUESTION".into()],
                ..Options::default()
            },
        );
        assert_eq!(q.units.len(), 1);
        assert_eq!(q.units[0].0, 0);
        assert_eq!(
            q.disagreements[0].labels,
            [Some(UNTAGGED.into()), Some("leading QUESTION".into())]
        );
        // Missing instead of untagged: nothing pairs, alpha is undefined.
        let m = compare(
            t,
            &coders,
            &Options {
                unit: Unit::Question,
                untagged: Untagged::Missing,
                tags: vec!["Leading question".into()],
            },
        );
        assert_eq!(m.alpha, None);
        assert_eq!(m.pairwise[0].units, 0);
    }
}
