//! The disagreements between annotators as CSV, for a spreadsheet (`partly agree --csv OUT`).

use super::ExportError;
use super::writers::neutralise;
use crate::analysis::agreement::Agreement;

/// One row per disagreement: turn (1-based), start, end, each coder's label (empty when
/// missing), the turn's text.
pub fn disagreements_csv(a: &Agreement) -> Result<Vec<u8>, ExportError> {
    let err = |e: csv::Error| ExportError::Write {
        format: "CSV",
        message: e.to_string(),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["turn".to_owned(), "start".into(), "end".into()];
    header.extend(a.coders.iter().map(|c| neutralise(c)));
    header.push("text".into());
    w.write_record(&header).map_err(err)?;
    for d in &a.disagreements {
        let mut row = vec![
            (d.turn + 1).to_string(),
            d.start.to_string(),
            d.end.to_string(),
        ];
        // Labels and text are the users' words: no spreadsheet formulas.
        row.extend(
            d.labels
                .iter()
                .map(|l| neutralise(l.as_deref().unwrap_or_default())),
        );
        row.push(neutralise(&d.text));
        w.write_record(&row).map_err(err)?;
    }
    w.into_inner().map_err(|e| ExportError::Write {
        format: "CSV",
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::agreement::Disagreement;
    use crate::transcript::Loc;

    #[test]
    fn disagreements_are_rows_and_formulas_are_neutralised() {
        let a = Agreement {
            coders: vec!["a.ron".into(), "b.ron".into()],
            labels: vec!["General".into(), "untagged".into()],
            units: Vec::new(),
            alpha: None,
            alpha_3way: None,
            pairwise: Vec::new(),
            per_tag: Vec::new(),
            disagreements: vec![Disagreement {
                turn: 3,
                start: Loc::new(None, 4),
                end: Loc::new(None, 4),
                text: "=HYPERLINK(\"x\")".into(),
                labels: vec![Some("General".into()), None],
            }],
            warnings: Vec::new(),
        };
        let csv = String::from_utf8(disagreements_csv(&a).unwrap()).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "turn,start,end,a.ron,b.ron,text");
        assert!(lines[1].starts_with("4,l. 4,l. 4,General,,"), "{csv}");
        assert!(!lines[1].contains(",=HYPERLINK"), "{csv}");
    }
}
