//! The five writers. Each takes the same excerpts and returns the file's bytes.

use super::{Excerpt, ExportError, ExportFormat};
use crate::transcript::TurnKind;
use std::fmt::Write as _;

/// Formats `excerpts` (taken from `source`) as `format`.
pub fn write(
    format: ExportFormat,
    source: &str,
    excerpts: &[Excerpt],
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        ExportFormat::Markdown => markdown(source, excerpts).into_bytes(),
        ExportFormat::Html => html(source, excerpts).into_bytes(),
        ExportFormat::Csv => csv(excerpts)?,
        ExportFormat::Docx => docx(source, excerpts)?,
        ExportFormat::Text => text(source, excerpts).into_bytes(),
    })
}

fn tag_list(e: &Excerpt) -> String {
    e.tags
        .iter()
        .map(|(t, _)| t.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Markdown: characters that would start markup are escaped, so testimony reads as written.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            // A hard line break: the note's next line, not a new paragraph or block.
            out.push_str("\\\n");
        }
        // Leading spaces would make a code block; markers at a line's start a list or heading.
        let line = line.trim_start().trim_end_matches('\r');
        let mut leading_digits = true;
        for (k, c) in line.chars().enumerate() {
            let escape = matches!(
                c,
                '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
            ) || (k == 0 && matches!(c, '-' | '+' | '=' | '~'))
                || (k > 0 && leading_digits && matches!(c, '.' | ')'));
            if escape {
                out.push('\\');
            }
            out.push(c);
            leading_digits &= c.is_ascii_digit();
        }
    }
    out
}

fn markdown(source: &str, excerpts: &[Excerpt]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Excerpts from {}\n", md_escape(source));
    let _ = writeln!(
        out,
        "{} excerpt{}.\n",
        excerpts.len(),
        plural(excerpts.len())
    );
    for e in excerpts {
        let _ = writeln!(
            out,
            "## {} — {}\n",
            md_escape(&e.cite),
            md_escape(&tag_list(e))
        );
        for (k, t) in e.turns.iter().enumerate() {
            if k > 0 {
                out.push_str(">\n");
            }
            let text = md_escape(&t.text);
            let text = if t.annotated && e.quote.is_none() {
                format!("**{text}**")
            } else {
                text
            };
            let _ = writeln!(out, "> **{}:** {text}", md_escape(&t.speaker));
        }
        out.push('\n');
        if let Some(q) = &e.quote {
            let _ = writeln!(out, "Quote: “{}”\n", md_escape(q));
        }
        if let Some(n) = &e.note {
            let _ = writeln!(out, "Note: {}\n", md_escape(n));
        }
        let _ = writeln!(out, "*{}, {}*\n", md_escape(&e.source), md_escape(&e.cite));
    }
    out
}

/// HTML: every character taken from the transcript, notes or tag names is escaped.
pub(super) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn html(source: &str, excerpts: &[Excerpt]) -> String {
    let mut out = String::new();
    let title = html_escape(&format!("Excerpts from {source}"));
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: Georgia, "Times New Roman", serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }}
h1 {{ font-size: 1.4rem; }}
section.excerpt {{ border-top: 1px solid #ccc; padding-top: 0.8rem; margin-top: 1.2rem; break-inside: avoid; }}
.cite {{ font-weight: bold; }}
.tag {{ display: inline-block; font: 0.8rem sans-serif; color: #fff; border-radius: 3px; padding: 0 0.4rem; margin-left: 0.3rem; }}
.turn {{ margin: 0.3rem 0 0.3rem 1rem; }}
.turn .speaker {{ font-variant: small-caps; font-weight: bold; }}
.turn.question .words {{ font-style: italic; }}
.turn.annotated .words {{ background: #fff3c4; }}
.note {{ font-family: sans-serif; font-size: 0.9rem; color: #333; }}
.source {{ font-size: 0.85rem; color: #555; }}
@media print {{ body {{ margin: 0; max-width: none; }} .tag {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }} }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>{} excerpt{}.</p>
"#,
        excerpts.len(),
        plural(excerpts.len())
    );
    for e in excerpts {
        out.push_str("<section class=\"excerpt\">\n<p>");
        let _ = write!(out, "<span class=\"cite\">{}</span>", html_escape(&e.cite));
        for (t, c) in &e.tags {
            let _ = write!(
                out,
                "<span class=\"tag\" style=\"background:{}\">{}</span>",
                c.to_hex(),
                html_escape(t)
            );
        }
        out.push_str("</p>\n");
        for t in &e.turns {
            let kind = match t.kind {
                TurnKind::Question => "question",
                TurnKind::Answer => "answer",
                TurnKind::Statement => "statement",
            };
            let _ = writeln!(
                out,
                "<p class=\"turn {kind}{}\"><span class=\"speaker\">{}:</span> <span class=\"words\">{}</span></p>",
                if t.annotated { " annotated" } else { "" },
                html_escape(&t.speaker),
                html_escape(&t.text)
            );
        }
        if let Some(q) = &e.quote {
            let _ = writeln!(out, "<p class=\"note\">Quote: “{}”</p>", html_escape(q));
        }
        if let Some(n) = &e.note {
            let _ = writeln!(out, "<p class=\"note\">Note: {}</p>", html_escape(n));
        }
        let _ = writeln!(
            out,
            "<p class=\"source\">{}, {}</p>\n</section>",
            html_escape(&e.source),
            html_escape(&e.cite)
        );
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A cell a spreadsheet would run as a formula gets a leading apostrophe, which spreadsheets
/// show as text and do not evaluate.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

fn csv(excerpts: &[Excerpt]) -> Result<Vec<u8>, ExportError> {
    let err = |e: csv::Error| ExportError::Write {
        format: "CSV",
        message: e.to_string(),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "annotation",
        "cite",
        "tags",
        "note",
        "quote",
        "turn",
        "speaker",
        "role",
        "kind",
        "text",
        "start_page",
        "start_line",
        "end_page",
        "end_line",
        "annotated",
        "source",
    ])
    .map_err(err)?;
    for e in excerpts {
        for t in &e.turns {
            let page = |p: Option<u32>| p.map(|p| p.to_string()).unwrap_or_default();
            let row = [
                e.id.clone(),
                e.cite.clone(),
                tag_list(e),
                e.note.clone().unwrap_or_default(),
                e.quote.clone().unwrap_or_default(),
                (t.index + 1).to_string(),
                t.speaker.clone(),
                t.role.name().to_owned(),
                t.kind.name().to_owned(),
                t.text.clone(),
                page(t.start.page),
                t.start.line.to_string(),
                page(t.end.page),
                t.end.line.to_string(),
                t.annotated.to_string(),
                e.source.clone(),
            ];
            w.write_record(row.iter().map(|c| neutralise(c)))
                .map_err(err)?;
        }
    }
    w.into_inner().map_err(|e| ExportError::Write {
        format: "CSV",
        message: e.to_string(),
    })
}

fn text(source: &str, excerpts: &[Excerpt]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Excerpts from {source} ({} excerpt{})\n",
        excerpts.len(),
        plural(excerpts.len())
    );
    for e in excerpts {
        let _ = writeln!(out, "{} [{}]", e.cite, tag_list(e));
        for t in &e.turns {
            let _ = writeln!(out, "  {}: {}", t.speaker, t.text);
        }
        if let Some(q) = &e.quote {
            let _ = writeln!(out, "  Quote: “{q}”");
        }
        if let Some(n) = &e.note {
            let _ = writeln!(out, "  Note: {n}");
        }
        let _ = writeln!(out, "  ({}, {})\n", e.source, e.cite);
    }
    out
}

/// Text as XML 1.0 allows it: control characters other than tab, line feed and carriage
/// return, and U+FFFE/U+FFFF, make Word refuse the whole document, so they become U+FFFD.
/// (`docx-rs` escapes markup but passes these through.)
fn xml_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t'
            | '\n'
            | '\r'
            | '\u{20}'..='\u{D7FF}'
            | '\u{E000}'..='\u{FFFD}'
            | '\u{10000}'.. => c,
            _ => '\u{FFFD}',
        })
        .collect()
}

fn docx(source: &str, excerpts: &[Excerpt]) -> Result<Vec<u8>, ExportError> {
    use docx_rs::{Docx, Paragraph, Run};
    let mut doc = Docx::new().add_paragraph(
        Paragraph::new().add_run(
            Run::new()
                .add_text(xml_text(&format!("Excerpts from {source}")))
                .bold()
                .size(32),
        ),
    );
    for e in excerpts {
        let mut head = Paragraph::new().add_run(Run::new().add_text(xml_text(&e.cite)).bold());
        for (t, c) in &e.tags {
            head = head.add_run(
                Run::new()
                    .add_text(xml_text(&format!("  {t}")))
                    .color(c.to_hex().trim_start_matches('#').to_owned())
                    .bold(),
            );
        }
        doc = doc.add_paragraph(head);
        for t in &e.turns {
            let mut words = Run::new().add_text(xml_text(&t.text));
            if t.kind == TurnKind::Question {
                words = words.italic();
            }
            if t.annotated && e.quote.is_none() {
                words = words.highlight("yellow");
            }
            doc = doc.add_paragraph(
                Paragraph::new()
                    .add_run(
                        Run::new()
                            .add_text(xml_text(&format!("{}: ", t.speaker)))
                            .bold(),
                    )
                    .add_run(words),
            );
        }
        if let Some(q) = &e.quote {
            doc = doc.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(xml_text(&format!("Quote: “{q}”")))),
            );
        }
        if let Some(n) = &e.note {
            doc = doc.add_paragraph(
                Paragraph::new().add_run(
                    Run::new()
                        .add_text(xml_text(&format!("Note: {n}")))
                        .italic(),
                ),
            );
        }
        doc = doc.add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(xml_text(&format!("{}, {}", e.source, e.cite)))
                    .size(18),
            ),
        );
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| ExportError::Write {
            format: "DOCX",
            message: e.to_string(),
        })?;
    Ok(bytes.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad}");
        }
        assert_eq!(neutralise("Partly."), "Partly.");
    }

    #[test]
    fn markdown_notes_cannot_start_lists_headings_or_code_blocks() {
        assert_eq!(
            md_escape("a\n- x\n===\n12. y\n    code\r\n+ z"),
            "a\\\n\\- x\\\n\\===\\\n12\\. y\\\ncode\\\n\\+ z"
        );
        assert_eq!(md_escape("Partly. 3.5 * x"), "Partly. 3.5 \\* x");
    }

    #[test]
    fn docx_text_has_only_characters_xml_allows() {
        assert_eq!(
            xml_text("a\0b\x1b\u{FFFF}\tc\n😀"),
            "a\u{FFFD}b\u{FFFD}\u{FFFD}\tc\n😀"
        );
    }

    #[test]
    fn html_escaping_covers_markup_and_quotes() {
        assert_eq!(
            html_escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }
}
