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

/// For each tag, the tags that may precede it, in increasing order. BILOU
/// allows few transitions, so walking these instead of testing all pairs
/// takes a third of the work; the order keeps ties resolved as before.
fn predecessors() -> &'static [Vec<u8>; NUM_TAGS] {
    static PREDECESSORS: std::sync::OnceLock<[Vec<u8>; NUM_TAGS]> = std::sync::OnceLock::new();
    PREDECESSORS.get_or_init(|| {
        let legal = legal();
        std::array::from_fn(|next| {
            (0..NUM_TAGS as u8)
                .filter(|&prev| legal[prev as usize * NUM_TAGS + next])
                .collect()
        })
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
    let predecessors = predecessors();
    let mut score = [[f32::NEG_INFINITY; NUM_TAGS]; 2];
    let mut back = vec![[0u8; NUM_TAGS]; n];
    for t in 0..NUM_TAGS {
        let k = NUM_TAGS * NUM_TAGS + t;
        if legal[k] {
            score[0][t] = emissions[0][t] + transitions[k];
        }
    }
    for i in 1..n {
        let (prev, cur) = if i % 2 == 1 { (0, 1) } else { (1, 0) };
        for t in 0..NUM_TAGS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for &p in &predecessors[t] {
                let s = score[prev][p as usize] + transitions[p as usize * NUM_TAGS + t];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            score[cur][t] = best + emissions[i][t];
            back[i][t] = arg;
        }
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

    #[test]
    fn predecessors_are_exactly_the_legal_transitions() {
        let legal = legal();
        for next in 0..NUM_TAGS {
            for prev in 0..NUM_TAGS {
                assert_eq!(
                    predecessors()[next].contains(&(prev as u8)),
                    legal[prev * NUM_TAGS + next],
                    "{prev} -> {next}"
                );
            }
            assert!(predecessors()[next].is_sorted());
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
