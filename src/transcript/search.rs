//! Find: every case-insensitive occurrence of a text in the turns, for the window's find bar.

use super::model::Transcript;
use std::ops::Range;

/// Where a query occurs: the turn (index into `Transcript::turns`) and the byte range in its
/// text.
pub type Hit = (usize, Range<usize>);

/// Every case-insensitive match of `query` (taken literally, trimmed) in the turns' text, in
/// order. An empty query finds nothing.
pub fn find(t: &Transcript, query: &str) -> Vec<Hit> {
    let q = query.trim();
    if q.is_empty() {
        return Vec::new();
    }
    let Ok(re) = regex::RegexBuilder::new(&regex::escape(q))
        .case_insensitive(true)
        .build()
    else {
        return Vec::new();
    };
    t.turns
        .iter()
        .enumerate()
        .flat_map(|(i, turn)| re.find_iter(&turn.text).map(move |m| (i, m.range())))
        .collect()
}
