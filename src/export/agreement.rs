//! The disagreements between annotators as CSV, for a spreadsheet (`partly agree --csv OUT`).

use super::ExportError;
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
    header.extend(a.coders.iter().cloned());
    header.push("text".into());
    w.write_record(&header).map_err(err)?;
    for d in &a.disagreements {
        let mut row = vec![
            (d.turn + 1).to_string(),
            d.start.to_string(),
            d.end.to_string(),
        ];
        row.extend(d.labels.iter().map(|l| l.clone().unwrap_or_default()));
        row.push(d.text.clone());
        w.write_record(&row).map_err(err)?;
    }
    w.into_inner().map_err(|e| ExportError::Write {
        format: "CSV",
        message: e.to_string(),
    })
}
