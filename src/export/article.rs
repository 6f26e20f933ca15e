//! A fact-check report of an article: every quotation with its status, the record's words,
//! its cite and the word diff, as Markdown or a standalone HTML page.

use super::cite;
use super::writers::html_escape;
use crate::quote::DiffOp;
use crate::quote::article::{ArticleQuote, Status};

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Html,
}

impl ReportFormat {
    /// From a file name: `.html`/`.htm` → HTML, anything else Markdown.
    pub fn from_path(path: &std::path::Path) -> ReportFormat {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .as_deref()
        {
            Some("html" | "htm") => ReportFormat::Html,
            _ => ReportFormat::Markdown,
        }
    }
}

fn counts(quotes: &[ArticleQuote]) -> String {
    let n = |s: Status| quotes.iter().filter(|q| q.status == s).count();
    format!(
        "{} quotations: {} verbatim, {} altered, {} misattributed, {} not found",
        quotes.len(),
        n(Status::Verbatim),
        n(Status::Altered),
        n(Status::Misattributed),
        n(Status::NotFound)
    )
}

/// The report. `article` and `transcript` name the files.
pub fn report(quotes: &[ArticleQuote], article: &str, transcript: &str, f: ReportFormat) -> String {
    match f {
        ReportFormat::Markdown => markdown(quotes, article, transcript),
        ReportFormat::Html => html(quotes, article, transcript),
    }
}

fn markdown(quotes: &[ArticleQuote], article: &str, transcript: &str) -> String {
    let mut out = format!(
        "# Fact-check of {article}\n\nAgainst the record: {transcript}. {}.\n\n",
        counts(quotes)
    );
    for q in quotes {
        out.push_str(&format!(
            "## Line {}: {}\n\n> {}\n\n",
            q.article_line,
            q.status.name().replace('_', " "),
            q.text
        ));
        if let Some(s) = &q.said_by {
            out.push_str(&format!("Attributed to **{s}**.\n\n"));
        }
        if let Some(m) = &q.record {
            out.push_str(&format!(
                "Record, {} ({}): “{}”\n\n",
                m.passage.speaker,
                cite("Tr.", m.passage.start, m.passage.end),
                m.passage.text
            ));
            if !m.diff.is_empty() {
                let diff: Vec<String> = m
                    .diff
                    .iter()
                    .map(|op| match op {
                        DiffOp::Same(s) => s.clone(),
                        DiffOp::Missing(s) => format!("~~{s}~~"),
                        DiffOp::Extra(s) => format!("**{s}**"),
                    })
                    .collect();
                out.push_str(&format!(
                    "Similarity {:.0}%. Diff (struck: the record's words the quote lacks; bold: the quote's own): {}\n\n",
                    m.similarity * 100.0,
                    diff.join(" ")
                ));
            }
        } else {
            out.push_str("Not found in the record.\n\n");
        }
        for f in &q.flags {
            out.push_str(&format!("- **{}**: {}\n", f.flag, f.reason));
        }
        if !q.flags.is_empty() {
            out.push('\n');
        }
    }
    out
}

fn html(quotes: &[ArticleQuote], article: &str, transcript: &str) -> String {
    let e = html_escape;
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Fact-check of {}</title>\n<style>\nbody{{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.5}}\n.status{{font-family:sans-serif;font-size:.8em;padding:.1em .5em;border-radius:.3em;color:#fff}}\n.verbatim{{background:#2e7d32}}.altered{{background:#b26a00}}.misattributed{{background:#8e24aa}}.not_found{{background:#c62828}}\ndel{{color:#c62828}}ins{{color:#1565c0;text-decoration:none;font-weight:bold}}\nblockquote{{border-left:3px solid #999;margin-left:0;padding-left:1em}}\n</style>\n</head>\n<body>\n<h1>Fact-check of {}</h1>\n<p>Against the record: {}. {}.</p>\n",
        e(article),
        e(article),
        e(transcript),
        e(&counts(quotes))
    );
    for q in quotes {
        out.push_str(&format!(
            "<h2>Line {} <span class=\"status {}\">{}</span></h2>\n<blockquote>{}</blockquote>\n",
            q.article_line,
            q.status.name(),
            q.status.name().replace('_', " "),
            e(&q.text)
        ));
        if let Some(s) = &q.said_by {
            out.push_str(&format!(
                "<p>Attributed to <strong>{}</strong>.</p>\n",
                e(s)
            ));
        }
        match &q.record {
            Some(m) => {
                out.push_str(&format!(
                    "<p>Record, {} ({}): “{}”</p>\n",
                    e(&m.passage.speaker),
                    e(&cite("Tr.", m.passage.start, m.passage.end)),
                    e(&m.passage.text)
                ));
                if !m.diff.is_empty() {
                    let diff: Vec<String> = m
                        .diff
                        .iter()
                        .map(|op| match op {
                            DiffOp::Same(s) => e(s),
                            DiffOp::Missing(s) => format!("<del>{}</del>", e(s)),
                            DiffOp::Extra(s) => format!("<ins>{}</ins>", e(s)),
                        })
                        .collect();
                    out.push_str(&format!(
                        "<p>Similarity {:.0}%: {}</p>\n",
                        m.similarity * 100.0,
                        diff.join(" ")
                    ));
                }
            }
            None => out.push_str("<p>Not found in the record.</p>\n"),
        }
        if !q.flags.is_empty() {
            out.push_str("<ul>\n");
            for f in &q.flags {
                out.push_str(&format!(
                    "<li><strong>{}</strong>: {}</li>\n",
                    e(f.flag),
                    e(&f.reason)
                ));
            }
            out.push_str("</ul>\n");
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}
