//! Agreement coefficients for nominal labels: Krippendorff's alpha (any number of coders,
//! missing values allowed), Cohen's kappa and raw agreement for a pair, and a pair's
//! confusion matrix. Labels are small integers; `None` is a missing value.
//!
//! Alpha follows Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011): values
//! are paired within each unit, a unit with fewer than two values pairs nothing, and
//! `alpha = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k`. It is undefined (None) when
//! nothing can be paired or every value is the same, where it would be 0/0.

use std::collections::BTreeMap;

/// Krippendorff's alpha, nominal. `units[u][i]` is coder `i`'s label for unit `u`.
pub fn alpha_nominal(units: &[Vec<Option<usize>>]) -> Option<f64> {
    // The coincidence matrix, as a map: only the labels used take room.
    let mut o: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for unit in units {
        let values: Vec<usize> = unit.iter().flatten().copied().collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        let w = 1.0 / (m as f64 - 1.0);
        for (i, a) in values.iter().enumerate() {
            for (j, b) in values.iter().enumerate() {
                if i != j {
                    *o.entry((*a, *b)).or_default() += w;
                }
            }
        }
    }
    let mut n_c: BTreeMap<usize, f64> = BTreeMap::new();
    for (&(c, _), v) in &o {
        *n_c.entry(c).or_default() += v;
    }
    let n: f64 = n_c.values().sum();
    if n <= 1.0 {
        return None;
    }
    let observed: f64 = o.iter().filter(|((c, k), _)| c != k).map(|(_, v)| v).sum();
    let total: f64 = n_c.values().sum::<f64>().powi(2) - n_c.values().map(|v| v * v).sum::<f64>();
    if total <= 1e-12 {
        return None;
    }
    Some(1.0 - (n - 1.0) * observed / total)
}

/// Cohen's kappa of two coders over the units both labelled: `(p_o − p_e) / (1 − p_e)`.
/// Undefined (None) when no unit is shared or both used one and the same label throughout.
pub fn cohen_kappa(a: &[Option<usize>], b: &[Option<usize>]) -> Option<f64> {
    let pairs: Vec<(usize, usize)> = paired(a, b);
    let n = pairs.len() as f64;
    if pairs.is_empty() {
        return None;
    }
    let agree = pairs.iter().filter(|(x, y)| x == y).count() as f64 / n;
    let mut fa: BTreeMap<usize, f64> = BTreeMap::new();
    let mut fb: BTreeMap<usize, f64> = BTreeMap::new();
    for (x, y) in &pairs {
        *fa.entry(*x).or_default() += 1.0 / n;
        *fb.entry(*y).or_default() += 1.0 / n;
    }
    let chance: f64 = fa
        .iter()
        .map(|(c, p)| p * fb.get(c).copied().unwrap_or(0.0))
        .sum();
    if (1.0 - chance).abs() < 1e-12 {
        return None;
    }
    Some((agree - chance) / (1.0 - chance))
}

/// The share of shared units on which two coders agree, and how many they share.
pub fn raw_agreement(a: &[Option<usize>], b: &[Option<usize>]) -> (Option<f64>, usize) {
    let pairs = paired(a, b);
    if pairs.is_empty() {
        return (None, 0);
    }
    let agree = pairs.iter().filter(|(x, y)| x == y).count();
    (Some(agree as f64 / pairs.len() as f64), pairs.len())
}

/// `matrix[i][j]`: units coder `a` labelled `i` and coder `b` labelled `j`.
pub fn confusion(a: &[Option<usize>], b: &[Option<usize>], labels: usize) -> Vec<Vec<usize>> {
    let mut m = vec![vec![0; labels]; labels];
    for (x, y) in paired(a, b) {
        if x < labels && y < labels {
            m[x][y] += 1;
        }
    }
    m
}

fn paired(a: &[Option<usize>], b: &[Option<usize>]) -> Vec<(usize, usize)> {
    a.iter()
        .zip(b)
        .filter_map(|(x, y)| Some(((*x)?, (*y)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Krippendorff (2011), section C: four observers, twelve units, values 1–5, missing
    /// values marked 0 here. Nominal alpha = 0.743.
    #[test]
    fn krippendorffs_published_example_gives_0_743() {
        let coders: [[usize; 12]; 4] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
            [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
        ];
        let units: Vec<Vec<Option<usize>>> = (0..12)
            .map(|u| coders.iter().map(|c| (c[u] != 0).then_some(c[u])).collect())
            .collect();
        let a = alpha_nominal(&units).unwrap();
        assert!((a - 0.743).abs() < 0.0005, "{a}");
    }

    #[test]
    fn hand_computed_cases() {
        // Two coders, four units, one disagreement: o = {aa:2, bb:2... } worked by hand:
        // values A A | A B | B B | B B → n_A = 3, n_B = 5, n = 8, o_AB + o_BA = 2.
        // alpha = 1 − 7 · 2 / (8² − 3² − 5²) = 1 − 14/30.
        let u = |x: &[Option<usize>]| x.to_vec();
        let units = vec![
            u(&[Some(0), Some(0)]),
            u(&[Some(0), Some(1)]),
            u(&[Some(1), Some(1)]),
            u(&[Some(1), Some(1)]),
        ];
        let a = alpha_nominal(&units).unwrap();
        assert!((a - (1.0 - 14.0 / 30.0)).abs() < 1e-9, "{a}");
        // Missing values: the unit coded once pairs nothing and changes nothing.
        let mut with_missing = units.clone();
        with_missing.push(u(&[Some(0), None]));
        assert_eq!(alpha_nominal(&with_missing), Some(a));
        // Perfect agreement with variation: 1.
        let perfect = vec![u(&[Some(0), Some(0)]), u(&[Some(1), Some(1)])];
        assert_eq!(alpha_nominal(&perfect), Some(1.0));
        // No variation (everyone says the same everywhere): undefined, not 1.
        let same = vec![u(&[Some(2), Some(2)]), u(&[Some(2), Some(2)])];
        assert_eq!(alpha_nominal(&same), None);
        // A single coder pairs nothing.
        let single = vec![u(&[Some(0)]), u(&[Some(1)])];
        assert_eq!(alpha_nominal(&single), None);
        // Kappa: 3 of 4 agree; chance = 0.5·0.25 + 0.5·0.75 = 0.5 → kappa 0.5.
        let a1 = [Some(0), Some(0), Some(1), Some(1)];
        let b1 = [Some(0), Some(1), Some(1), Some(1)];
        assert_eq!(cohen_kappa(&a1, &b1), Some(0.5));
        assert_eq!(raw_agreement(&a1, &b1), (Some(0.75), 4));
        assert_eq!(confusion(&a1, &b1, 2), vec![vec![1, 1], vec![0, 2]]);
        assert_eq!(cohen_kappa(&[Some(1), Some(1)], &[Some(1), Some(1)]), None);
        assert_eq!(cohen_kappa(&[None], &[Some(1)]), None);
    }

    proptest! {
        /// Alpha does not depend on what the labels are called or in which order the
        /// coders come.
        #[test]
        fn alpha_is_invariant_to_renaming_labels_and_reordering_coders(
            data in proptest::collection::vec(
                proptest::collection::vec(proptest::option::of(0usize..4), 3), 1..25),
            shift in 1usize..4,
            rotate in 0usize..3,
        ) {
            let base = alpha_nominal(&data);
            let renamed: Vec<Vec<Option<usize>>> = data
                .iter()
                .map(|u| u.iter().map(|v| v.map(|x| (x + shift) % 4 + 10)).collect())
                .collect();
            let reordered: Vec<Vec<Option<usize>>> = data
                .iter()
                .map(|u| {
                    let mut u = u.clone();
                    u.rotate_left(rotate);
                    u
                })
                .collect();
            for other in [alpha_nominal(&renamed), alpha_nominal(&reordered)] {
                match (base, other) {
                    (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9),
                    (x, y) => prop_assert_eq!(x, y),
                }
            }
        }
    }
}
