//! Entity-level precision, recall and F1 with conlleval semantics: a predicted
//! entity counts only when its span and type both match a gold entity.
//! Accepts IOB1, IOB2 and BILOU/BIOES tag strings.

use std::collections::{BTreeMap, HashSet};

/// (start, end, type) spans of one sentence's tags.
pub fn spans(tags: &[&str]) -> HashSet<(usize, usize, String)> {
    let mut out = HashSet::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, tag) in tags.iter().copied().chain(["O"]).enumerate() {
        let (prefix, kind) = if tag == "O" {
            ("O", "")
        } else {
            tag.split_once('-').unwrap_or((tag, ""))
        };
        let begins = matches!(prefix, "B" | "U" | "S")
            || (matches!(prefix, "I" | "L" | "E") && Some(kind) != open.map(|o| o.1));
        if let Some((start, k)) = open
            && (prefix == "O" || begins)
        {
            out.insert((start, i, k.to_string()));
            open = None;
        }
        if prefix != "O" && open.is_none() {
            open = Some((i, kind));
        }
        if let Some((start, k)) = open
            && matches!(prefix, "L" | "E" | "U" | "S")
        {
            out.insert((start, i + 1, k.to_string()));
            open = None;
        }
    }
    out
}

/// True/false positive and false negative counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores accumulated over sentences, overall and per entity type.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub overall: Counts,
    pub by_type: BTreeMap<String, Counts>,
}

impl Score {
    /// Adds one sentence's gold and predicted tags.
    pub fn add(&mut self, gold: &[&str], predicted: &[&str]) {
        let (g, p) = (spans(gold), spans(predicted));
        for s in &p {
            let c = self.by_type.entry(s.2.clone()).or_default();
            if g.contains(s) {
                c.tp += 1;
                self.overall.tp += 1;
            } else {
                c.fp += 1;
                self.overall.fp += 1;
            }
        }
        for s in g.difference(&p) {
            self.by_type.entry(s.2.clone()).or_default().fn_ += 1;
            self.overall.fn_ += 1;
        }
    }

    /// A report in the layout of `conll_score.py`.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for (kind, c) in &self.by_type {
            out += &format!(
                "{kind:6} precision {:.4} recall {:.4} F1 {:.4}\n",
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
        let c = self.overall;
        out += &format!(
            "overall precision {:.4} recall {:.4} F1 {:.4}\n",
            c.precision(),
            c.recall(),
            c.f1()
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(s: usize, e: usize, k: &str) -> (usize, usize, String) {
        (s, e, k.to_string())
    }

    #[test]
    fn iob2_and_iob1_spans() {
        let iob2 = spans(&["B-PER", "I-PER", "O", "B-LOC", "B-LOC"]);
        assert_eq!(
            iob2,
            HashSet::from([span(0, 2, "PER"), span(3, 4, "LOC"), span(4, 5, "LOC")])
        );
        // IOB1: I- after O or another type starts an entity.
        let iob1 = spans(&["I-ORG", "I-ORG", "I-PER", "O", "I-MISC"]);
        assert_eq!(
            iob1,
            HashSet::from([span(0, 2, "ORG"), span(2, 3, "PER"), span(4, 5, "MISC")])
        );
    }

    #[test]
    fn bilou_spans() {
        let s = spans(&["U-LOC", "B-ORG", "L-ORG", "U-ORG"]);
        assert_eq!(
            s,
            HashSet::from([span(0, 1, "LOC"), span(1, 3, "ORG"), span(3, 4, "ORG")])
        );
    }

    #[test]
    fn partial_matches_count_as_errors() {
        let mut score = Score::default();
        score.add(
            &["B-PER", "I-PER", "O", "B-LOC"],
            &["B-PER", "O", "O", "B-LOC"],
        );
        score.add(&["B-ORG"], &["B-MISC"]);
        assert_eq!(
            score.overall,
            Counts {
                tp: 1,
                fp: 2,
                fn_: 2
            }
        );
        assert_eq!(
            score.by_type["PER"],
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            score.by_type["LOC"],
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert!((score.overall.f1() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
    }
}
