//! Viterbi decoding over BILOU tags with first-order transition weights and
//! hard constraints against ill-formed sequences.

use super::tags::{NUM_TAGS, allowed, may_end};

/// Transition weights: `[prev * NUM_TAGS + next]`, with row `NUM_TAGS` for the sentence start.
pub const TRANSITIONS: usize = (NUM_TAGS + 1) * NUM_TAGS;

/// The legal transitions, precomputed.
fn legal() -> &'static [bool; TRANSITIONS] {
    static LEGAL: std::sync::OnceLock<[bool; TRANSITIONS]> = std::sync::OnceLock::new();
    LEGAL.get_or_init(|| {
        let mut legal = [false; TRANSITIONS];
        for prev in 0..=NUM_TAGS {
            for next in 0..NUM_TAGS {
                let p = (prev < NUM_TAGS).then_some(prev as u8);
                legal[prev * NUM_TAGS + next] = allowed(p, next as u8);
            }
        }
        legal
    })
}

#[allow(clippy::needless_range_loop)]
/// The best tag sequence given per-token tag scores.
pub fn viterbi(emissions: &[[f32; NUM_TAGS]], transitions: &[f32]) -> Vec<u8> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let legal = legal();
    let mut score = [[f32::NEG_INFINITY; NUM_TAGS]; 2];
    let mut back = vec![[0u8; NUM_TAGS]; n];
    for t in 0..NUM_TAGS {
        let k = NUM_TAGS * NUM_TAGS + t;
        if legal[k] {
            score[0][t] = emissions[0][t] + transitions[k];
        }
    }
    // Illegal transitions weigh minus infinity, so that every tag's best
    // predecessor is found in one pass over all tags, all next tags at once
    // (straight-line code the compiler vectorises). Predecessors are tried
    // in increasing order and replace the best only when strictly better,
    // so ties resolve as when only the legal ones were visited.
    let mut masked = [[f32::NEG_INFINITY; NUM_TAGS]; NUM_TAGS];
    for (p, row) in masked.iter_mut().enumerate() {
        for (t, w) in row.iter_mut().enumerate() {
            if legal[p * NUM_TAGS + t] {
                *w = transitions[p * NUM_TAGS + t];
            }
        }
    }
    for i in 1..n {
        let (prev, cur) = if i % 2 == 1 { (0, 1) } else { (1, 0) };
        let mut best = [f32::NEG_INFINITY; NUM_TAGS];
        let mut arg = [0u8; NUM_TAGS];
        for (p, row) in masked.iter().enumerate() {
            let from = score[prev][p];
            if from == f32::NEG_INFINITY {
                continue;
            }
            for t in 0..NUM_TAGS {
                let s = from + row[t];
                if s > best[t] {
                    best[t] = s;
                    arg[t] = p as u8;
                }
            }
        }
        for t in 0..NUM_TAGS {
            score[cur][t] = best[t] + emissions[i][t];
        }
        back[i] = arg;
    }
    let last = (n - 1) % 2;
    let mut best = 0u8;
    let mut best_score = f32::NEG_INFINITY;
    for t in 0..NUM_TAGS {
        if may_end(t as u8) && score[last][t] > best_score {
            best_score = score[last][t];
            best = t as u8;
        }
    }
    let mut tags = vec![0u8; n];
    tags[n - 1] = best;
    for i in (1..n).rev() {
        tags[i - 1] = back[i][tags[i] as usize];
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::super::tags::{self, Part, to_spans};
    use super::*;
    use crate::analysis::EntityKind;

    #[test]
    fn picks_best_legal_sequence() {
        let b = tags::tag(EntityKind::Person, Part::Begin) as usize;
        let l = tags::tag(EntityKind::Person, Part::Last) as usize;
        let l_org = tags::tag(EntityKind::Organisation, Part::Last) as usize;
        let mut em = vec![[0.0f32; NUM_TAGS]; 2];
        em[0][b] = 2.0;
        // The locally best tag for token 1 is illegal after B-PER.
        em[1][l_org] = 3.0;
        em[1][l] = 1.0;
        let trans = vec![0.0; TRANSITIONS];
        let best = viterbi(&em, &trans);
        assert_eq!(best, [b as u8, l as u8]);
        assert_eq!(to_spans(&best).len(), 1);
    }

    /// The best legal sequence by trying every one.
    fn exhaustive(em: &[[f32; NUM_TAGS]], trans: &[f32]) -> Vec<u8> {
        let legal = legal();
        let n = em.len();
        let mut best = (f32::NEG_INFINITY, Vec::new());
        for code in 0..NUM_TAGS.pow(n as u32) {
            let tags: Vec<u8> = (0..n)
                .map(|i| (code / NUM_TAGS.pow(i as u32) % NUM_TAGS) as u8)
                .collect();
            let mut prev = NUM_TAGS;
            let mut score = 0.0;
            for (i, &t) in tags.iter().enumerate() {
                let k = prev * NUM_TAGS + t as usize;
                if !legal[k] {
                    score = f32::NEG_INFINITY;
                    break;
                }
                score += trans[k] + em[i][t as usize];
                prev = t as usize;
            }
            if tags::may_end(tags[n - 1]) && score > best.0 {
                best = (score, tags);
            }
        }
        best.1
    }

    #[test]
    fn finds_the_best_legal_sequence_of_all() {
        let mut seed = 12345u64;
        let mut random = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 2000) as f32 / 100.0 - 10.0
        };
        for n in 1..=3 {
            for _ in 0..20 {
                let em: Vec<[f32; NUM_TAGS]> =
                    (0..n).map(|_| std::array::from_fn(|_| random())).collect();
                let trans: Vec<f32> = (0..TRANSITIONS).map(|_| random()).collect();
                assert_eq!(viterbi(&em, &trans), exhaustive(&em, &trans), "{em:?}");
            }
        }
    }

    #[test]
    fn never_ends_inside_an_entity() {
        let b = tags::tag(EntityKind::Location, Part::Begin) as usize;
        let mut em = vec![[0.0f32; NUM_TAGS]; 1];
        em[0][b] = 5.0;
        let best = viterbi(&em, &vec![0.0; TRANSITIONS]);
        assert!(tags::may_end(best[0]));
    }
}
