//! Legislative hearings as the GPO prints them: `Senator Durbin.` / `Mr. Zuckerberg.` paragraphs.

use super::front_matter::FrontMatter;
use super::*;

/// GPO hearing labels at the start of a paragraph: `Senator Durbin.`, `Mr. Zuckerberg.`.
pub static HEARING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<label>The[ \t]+(?:Chairman|Chairwoman|Chair|Clerk|President)|Voice|(?:Senator|Chair|Chairman|Chairwoman|Vice[ \t]+Chair(?:man|woman)?|Ranking[ \t]+Member|Representative|Congressman|Congresswoman|Delegate|Mr|Ms|Mrs|Miss|Dr|Secretary|General|Admiral|Director|Commissioner|Ambassador|Governor|Judge|Leader|Speaker)\.?(?:[ \t]+(?:[A-Z][A-Za-z'’\-]+|de|van|von|del|la)){1,3}(?:[ \t]+of[ \t]+[A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+)?)?)(?:[ \t]*\[continuing\])?\.[ \t]+",
    )
});
/// Titles that make a hearing speaker a member (an examiner).
const MEMBER_TITLES: [&str; 11] = [
    "Senator",
    "Chair",
    "Chairman",
    "Chairwoman",
    "Vice",
    "Ranking",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Delegate",
    "The",
];

/// The surname in a hearing label: `Mr. Baker of California` → `baker`,
/// `Chairman Dodd` → `dodd`.
fn hearing_surname(label: &str) -> String {
    let name = label.split(" of ").next().unwrap_or(label);
    name.split_whitespace()
        .last()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_lowercase()
}

/// Legislative hearings: labelled paragraphs; unlabelled paragraphs continue the speaker.
pub fn hearing(text: &str, lines: &[ContentLine]) -> Parsed {
    let mut b = Builder::new(text, lines);
    // GPO indents paragraph starts; when labels are indented, only indented lines start turns.
    let labelled: Vec<&ContentLine> = lines
        .iter()
        .filter(|l| HEARING.is_match(&text[l.range.clone()]))
        .collect();
    let indented = labelled.iter().filter(|l| l.indent >= 2).count();
    let need_indent = indented * 2 > labelled.len();
    let mut skipping = false;
    let mut in_bracket = false;
    // Who is a member and who a witness, as the front matter lists them.
    let first_label = labelled.first().map_or(lines.len(), |f| {
        lines
            .iter()
            .position(|l| l.range == f.range)
            .unwrap_or(lines.len())
    });
    let front = FrontMatter::read(text, &lines[..first_label]);
    for (i, l) in lines.iter().enumerate() {
        let s = &text[l.range.clone()];
        let para_start = if need_indent {
            l.indent >= 2
        } else {
            l.after_blank || l.indent >= 2
        };
        if para_start && let Some(c) = HEARING.captures(s) {
            let label = normalise_label(&c["label"]);
            let first = label.split_whitespace().next().unwrap_or("");
            let surname = hearing_surname(&label);
            // The front matter first: a senator can be a witness before another committee.
            let role = if first == "Voice" {
                RoleHint::Fixed(Role::Other)
            } else if let Some(role) = front.role_of(&surname) {
                RoleHint::Fixed(role)
            } else if MEMBER_TITLES.contains(&first) {
                RoleHint::Fixed(Role::Examiner)
            } else {
                RoleHint::Infer
            };
            b.start(label, false, role, None, l.range.start);
            b.piece(
                i,
                l.range.start + c.get(0).map_or(0, |m| m.end())..l.range.end,
            );
            skipping = false;
            continue;
        }
        if in_bracket {
            in_bracket = !s.contains(']');
            continue;
        }
        if s.starts_with('[') {
            // A bracketed note (`[Applause.]`, `[Pages 79 - 406--The official Committee record
            // contains additional material…]`) is not testimony, however many lines it takes.
            in_bracket = !s.contains(']');
            b.close();
            if s.contains("follow") || s.contains("prepared") {
                skipping = true;
            }
            continue;
        }
        if heading(s) || (is_upper_line(s) && para_start && s.len() > 12) {
            b.close();
            skipping = true;
            continue;
        }
        if b.open && !skipping {
            b.piece(i, l.range.clone());
        } else {
            b.stray(l.loc);
        }
    }
    b.finish()
}
