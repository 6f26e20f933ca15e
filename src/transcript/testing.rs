//! Inputs for the tests that check the hand-written matchers against the regexes (and the
//! rewritten loops against the originals) they replace.

/// Every sequence of up to `exhaustive` pieces, then `random` longer ones (up to eight pieces)
/// from a fixed pseudo-random walk, so that failures reproduce.
pub fn sequences(pieces: &[&str], exhaustive: usize, random: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..exhaustive {
        last = last
            .iter()
            .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
            .collect();
        out.extend(last.iter().cloned());
    }
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n
    };
    for _ in 0..random {
        let len = 1 + next(8);
        out.push((0..len).map(|_| pieces[next(pieces.len())]).collect());
    }
    out
}
