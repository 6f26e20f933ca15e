//! Word documents (`.docx`): the text of their paragraphs, a line each, in reading order
//! (tables row by row, cell by cell), for the text importer. Journalists and firms often pass
//! transcripts around as Word files.

use docx_rs::{
    DocumentChild, ParagraphChild, RunChild, TableCellContent, TableChild, TableRowChild,
};

/// Whether `bytes` are a Word document: a zip archive holding `word/document.xml`.
pub fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && memchr::memmem::find(bytes, b"word/document.xml").is_some()
}

/// The document's text, a paragraph a line (a line break inside one starts a new line).
pub fn to_text(bytes: &[u8]) -> Result<String, String> {
    let docx =
        docx_rs::read_docx(bytes).map_err(|e| format!("not a readable Word document: {e}"))?;
    let mut out = String::new();
    for child in &docx.document.children {
        block(child, &mut out);
    }
    Ok(out)
}

fn block(child: &DocumentChild, out: &mut String) {
    match child {
        DocumentChild::Paragraph(p) => paragraph(&p.children, out),
        DocumentChild::Table(t) => table(t, out),
        _ => {}
    }
}

fn table(t: &docx_rs::Table, out: &mut String) {
    for TableChild::TableRow(row) in &t.rows {
        for TableRowChild::TableCell(cell) in &row.cells {
            for c in &cell.children {
                match c {
                    TableCellContent::Paragraph(p) => paragraph(&p.children, out),
                    TableCellContent::Table(t) => table(t, out),
                    _ => {}
                }
            }
        }
    }
}

fn paragraph(children: &[ParagraphChild], out: &mut String) {
    inline(children, out);
    out.push('\n');
}

fn inline(children: &[ParagraphChild], out: &mut String) {
    for c in children {
        match c {
            ParagraphChild::Run(r) => run(r, out),
            ParagraphChild::Insert(i) => {
                for c in &i.children {
                    if let docx_rs::InsertChild::Run(r) = c {
                        run(r, out);
                    }
                }
            }
            ParagraphChild::Hyperlink(h) => inline(&h.children, out),
            _ => {}
        }
    }
}

fn run(r: &docx_rs::Run, out: &mut String) {
    for c in &r.children {
        match c {
            RunChild::Text(t) => out.push_str(&t.text),
            RunChild::Tab(_) | RunChild::PTab(_) => out.push('\t'),
            RunChild::Break(_) | RunChild::CarriageReturn(_) => out.push('\n'),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Word file written by docx-rs (as partly's own DOCX export does) reads back as its
    /// paragraphs, a line each.
    #[test]
    fn paragraphs_and_tables_become_lines() {
        use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow};
        let mut buf = std::io::Cursor::new(Vec::new());
        Docx::new()
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Q. Did you sign it?")))
            .add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text("A. I did."))
                    .add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping))
                    .add_run(Run::new().add_text("Q. When?")),
            )
            .add_table(Table::new(vec![TableRow::new(vec![
                TableCell::new()
                    .add_paragraph(Paragraph::new().add_run(Run::new().add_text("A. In May."))),
            ])]))
            .build()
            .pack(&mut buf)
            .expect("writes");
        let bytes = buf.into_inner();
        assert!(is_docx(&bytes));
        assert_eq!(
            to_text(&bytes).expect("reads"),
            "Q. Did you sign it?\nA. I did.\nQ. When?\nA. In May.\n"
        );
        assert!(!is_docx(b"Q. Did you?\n"));
        assert!(to_text(b"PK\x03\x04 word/document.xml but not a zip").is_err());
    }
}
