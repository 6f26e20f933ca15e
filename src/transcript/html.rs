//! Transcripts saved from web pages: the text a browser would show, with the page's blocks
//! (`<p>`, `<br>`, `<div>`, table rows) as lines, so that the layouts below read it as they
//! read any text. `<pre>` keeps its lines as they are (govinfo wraps its hearing text in one),
//! so line numbers there are the file's.

use std::borrow::Cow;

/// Whether decoded text is an HTML page rather than text that mentions a tag: it starts (after
/// blanks) with a doctype or an `<html>`, `<head>` or `<body>` tag, or it has many block tags.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if ["<!doctype html", "<html", "<head", "<body", "<?xml"]
        .iter()
        .any(|t| head.starts_with(t))
    {
        return true;
    }
    let sample = &text[..floor_char_boundary(text, 65_536)];
    let lower = sample.to_ascii_lowercase();
    let blocks = ["<p>", "<p ", "<br", "<div", "</p>", "<strong>", "<b>"]
        .iter()
        .map(|t| lower.matches(t).count())
        .sum::<usize>();
    blocks >= 6
}

fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Tags that end a line.
const LINE_TAGS: [&str; 6] = ["br", "tr", "li", "dt", "dd", "hr"];
/// Tags that start and end a paragraph (a blank line around it).
const BLOCK_TAGS: [&str; 15] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "table",
    "ul",
    "ol",
    "section",
    "article",
    "pre",
];
/// Tags whose content is not shown.
const HIDDEN_TAGS: [&str; 5] = ["script", "style", "head", "noscript", "template"];

/// The text an HTML page shows: tags removed, entities decoded, blocks on lines of their own,
/// white space collapsed except inside `<pre>`.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut pre = 0usize;
    let mut hidden: Option<String> = None;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut out, rest, pre > 0, hidden.is_some());
            break;
        };
        push_text(&mut out, &rest[..lt], pre > 0, hidden.is_some());
        rest = &rest[lt..];
        // Comments and declarations.
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // A lone `<` is text.
            push_text(&mut out, rest, pre > 0, hidden.is_some());
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            // `< 5` or `<!DOCTYPE …>`: a declaration is dropped, anything else kept.
            if !tag.starts_with('!') && !tag.starts_with('?') {
                push_text(&mut out, &format!("<{tag}>"), pre > 0, hidden.is_some());
            }
            continue;
        }
        if let Some(h) = &hidden {
            if closing && *h == name {
                hidden = None;
            }
            continue;
        }
        if HIDDEN_TAGS.contains(&name.as_str()) && !closing && !tag.ends_with('/') {
            hidden = Some(name);
            continue;
        }
        if name == "pre" {
            pre = if closing {
                pre.saturating_sub(1)
            } else {
                pre + 1
            };
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            paragraph_break(&mut out);
        } else if LINE_TAGS.contains(&name.as_str()) {
            line_break(&mut out);
        } else if (name == "td" || name == "th") && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
    }
    // Lines end without blanks.
    let mut clean = String::with_capacity(out.len());
    for line in out.split('\n') {
        clean.push_str(line.trim_end());
        clean.push('\n');
    }
    let trimmed = clean.trim_matches('\n');
    let mut text = trimmed.to_owned();
    text.push('\n');
    text
}

fn current_line(out: &str) -> &str {
    out.rsplit('\n').next().unwrap_or("")
}

fn line_break(out: &mut String) {
    out.push('\n');
}

fn paragraph_break(out: &mut String) {
    if !current_line(out).trim().is_empty() {
        out.push('\n');
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

fn push_text(out: &mut String, s: &str, pre: bool, hidden: bool) {
    if hidden || s.is_empty() {
        return;
    }
    let decoded: Cow<str> = html_escape::decode_html_entities(s);
    if pre {
        out.push_str(&decoded.replace('\u{A0}', " "));
        return;
    }
    for (i, word) in decoded
        .split(|c: char| c.is_whitespace() || c == '\u{A0}')
        .enumerate()
    {
        if i > 0 && !out.ends_with([' ', '\n']) && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_become_lines_of_text() {
        let html = "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head><body>\
            <p><strong>Mr. Smith</strong>: Did you   sign it?</p>\n<p><b>Ms. Jones</b>: I did&nbsp;not &amp; I won&#8217;t.</p>\
            Q. One<br/>A. Two<!-- note --></body></html>";
        assert!(looks_like_html(html));
        assert_eq!(
            to_text(html),
            "Mr. Smith: Did you sign it?\n\nMs. Jones: I did not & I won’t.\n\nQ. One\nA. Two\n"
        );
    }

    #[test]
    fn pre_keeps_its_lines_and_text_is_not_html() {
        let html = "<html>\n<body><pre>\n    Senator Dodd. Why?\n\n    Mr. Paulson. Because.\n</pre></body></html>\n";
        assert_eq!(
            to_text(html),
            "Senator Dodd. Why?\n\n    Mr. Paulson. Because.\n".replace("Senator", "    Senator")
        );
        assert!(!looks_like_html("Q. Is 3 < 5?\nA. Yes, and 5 > 3.\n"));
    }
}
