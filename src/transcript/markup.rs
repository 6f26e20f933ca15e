//! Speaker names set in Markdown or reStructuredText emphasis (`**Ms Blackwell**: …`,
//! `**Q:** …`, `*The Witness*: …`), as transcripts published on the web often are: the marks
//! are taken off the names so that the grammars see `Ms Blackwell: …`. Only the marks around
//! a name at the start of a line go; the words and the lines stay where they were.

use regex::Regex;
use std::sync::LazyLock;

/// A name in emphasis at the start of a line, with its colon inside or after the marks.
static EMPHASISED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^(?P<indent>[ \t]*)(?:\*\*(?P<b>[^*\n:]{1,60}?)(?P<bc>:?)\*\*|__(?P<u>[^_\n:]{1,60}?)(?P<uc>:?)__|\*(?P<i>[^*\n:]{1,60}?)(?P<ic>:?)\*)(?P<gap>[ \t]*)(?P<colon>:?)",
    )
    .expect("static regex")
});

/// The name and whether a colon follows it, inside or after the marks.
fn label<'t>(c: &regex::Captures<'t>) -> Option<&'t str> {
    let (name, inside) = [("b", "bc"), ("u", "uc"), ("i", "ic")]
        .iter()
        .find_map(|(n, k)| Some((c.name(n)?.as_str(), c.name(k).map_or("", |m| m.as_str()))))?;
    let colon = !inside.is_empty() || c.name("colon").is_some_and(|m| !m.as_str().is_empty());
    colon.then_some(name)
}

/// How many lines must start with an emphasised name before the text is read as marked up.
const LABELLED_LINES: usize = 3;

/// The text with the emphasis taken off the speaker names that start its lines, or `None`
/// when fewer than [`LABELLED_LINES`] lines start with one followed by a colon.
pub fn without_label_emphasis(text: &str) -> Option<String> {
    // Most transcripts have no emphasis marks at all: one quick look settles it.
    if memchr::memchr(b'*', text.as_bytes()).is_none() && !text.contains("__") {
        return None;
    }
    let labelled = EMPHASISED_LABEL
        .captures_iter(text)
        .filter(|c| label(c).is_some())
        .take(LABELLED_LINES)
        .count();
    if labelled < LABELLED_LINES {
        return None;
    }
    let out = EMPHASISED_LABEL.replace_all(text, |c: &regex::Captures| match label(c) {
        Some(name) => format!("{}{}:{}", &c["indent"], name.trim_end(), &c["gap"]),
        // Emphasis with no colon is not a label: left as it is.
        None => c[0].to_owned(),
    });
    Some(out.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_comes_off_names_that_start_lines() {
        let text = "**Ms Blackwell**: Do we see it?\n\n**Mr Michael Gove**: We do.\n\n\
                    **Q:** And then?\n*The Witness*: Nothing.\nSome *emphasis* stays.\n";
        let out = without_label_emphasis(text).expect("marked up");
        assert_eq!(
            out,
            "Ms Blackwell: Do we see it?\n\nMr Michael Gove: We do.\n\n\
             Q: And then?\nThe Witness: Nothing.\nSome *emphasis* stays.\n"
        );
        assert_eq!(out.lines().count(), text.lines().count());
        // Plain text, or a stray bold word, is left alone.
        assert!(without_label_emphasis("Q. Did you?\nA. **No.**\n").is_none());
    }
}
