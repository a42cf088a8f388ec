//! Training: a structured averaged perceptron (Collins 2002) over whole
//! sentences, decoded with Viterbi, documents visited in a seeded random
//! order, early stopping on development-set F1.

use std::time::Instant;

use super::conll::{ConllFile, Sentence};
use super::decode::{TRANSITIONS, viterbi};
use super::eval::{Score, spans};
use super::features::{History, ResourceData, Resources, SentenceFeatures, document_features};
use super::model::{Model, Row, Weights};
use super::tags::{NUM_TAGS, from_spans, split, to_spans};
use crate::analysis::{EntityKind, TokenSpan};

/// A document with features and gold tags.
pub struct Document {
    pub features: Vec<SentenceFeatures>,
    /// Gold BILOU tags per sentence.
    pub gold: Vec<Vec<u8>>,
    /// Gold IOB tags as written, for scoring.
    pub gold_iob: Vec<Vec<String>>,
}

/// Gold spans from a sentence's last column.
pub fn gold_spans(sentence: &Sentence) -> Result<Vec<TokenSpan>, String> {
    let tags = sentence.last_column();
    let mut out = Vec::new();
    for (start, end, kind) in spans(&tags) {
        let kind: EntityKind = kind.parse()?;
        out.push(TokenSpan {
            tokens: start..end,
            kind,
        });
    }
    out.sort_by_key(|s| s.tokens.start);
    Ok(out)
}

/// Features and gold tags of every document of an annotated file.
pub fn prepare(file: &ConllFile, res: &Resources) -> Result<Vec<Document>, String> {
    file.check_columns(2)?;
    let mut docs = Vec::new();
    for doc in file.documents() {
        let words: Vec<Vec<&str>> = doc.iter().map(|s| s.tokens()).collect();
        let mut gold = Vec::new();
        let mut gold_iob = Vec::new();
        for s in &doc {
            let spans = gold_spans(s)?;
            gold.push(from_spans(s.lines.len(), &spans));
            gold_iob.push(s.last_column().iter().map(|t| t.to_string()).collect());
        }
        docs.push(Document {
            features: document_features(&words, res),
            gold,
            gold_iob,
        });
    }
    Ok(docs)
}

/// IOB2 strings of BILOU tags.
pub fn iob2(tags: &[u8]) -> Vec<String> {
    tags.iter()
        .map(|&t| match split(t) {
            None => "O".to_string(),
            Some((k, super::tags::Part::Begin | super::tags::Part::Unit)) => format!("B-{k}"),
            Some((k, _)) => format!("I-{k}"),
        })
        .collect()
}

/// Tags documents with the given weights and scores them against gold.
pub fn evaluate(weights: &Weights, transitions: &[f32], docs: &[Document]) -> Score {
    let mut score = Score::default();
    let mut em = Vec::new();
    for doc in docs {
        let mut history = History::default();
        for (sf, gold) in doc.features.iter().zip(&doc.gold_iob) {
            weights.emissions(sf, &history, &mut em);
            let tags = viterbi(&em, transitions);
            history.record(&sf.lower, &to_spans(&tags));
            let pred = iob2(&tags);
            let gold: Vec<&str> = gold.iter().map(String::as_str).collect();
            let pred: Vec<&str> = pred.iter().map(String::as_str).collect();
            score.add(&gold, &pred);
        }
    }
    score
}

#[derive(Debug, Clone)]
pub struct Options {
    pub max_epochs: usize,
    /// Epochs without a better dev F1 before stopping.
    pub patience: usize,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_epochs: 30,
            patience: 4,
            seed: 2003,
        }
    }
}

/// Perceptron state: current weights plus the sums needed for averaging.
struct Perceptron {
    weights: Weights,
    /// Per row, the sum of (update time x update), to average lazily.
    sums: Vec<Row>,
    transitions: Vec<f32>,
    transition_sums: Vec<f32>,
    /// Number of sentences seen, plus one.
    time: f32,
}

impl Perceptron {
    fn new() -> Perceptron {
        Perceptron {
            weights: Weights::default(),
            sums: Vec::new(),
            transitions: vec![0.0; TRANSITIONS],
            transition_sums: vec![0.0; TRANSITIONS],
            time: 1.0,
        }
    }

    fn update_feature(&mut self, key: u64, tag: u8, delta: f32) {
        let rows = &mut self.weights.rows;
        let r = *self.weights.index.entry(key).or_insert_with(|| {
            rows.push([0.0; NUM_TAGS]);
            self.sums.push([0.0; NUM_TAGS]);
            rows.len() as u32 - 1
        }) as usize;
        self.weights.rows[r][tag as usize] += delta;
        self.sums[r][tag as usize] += self.time * delta;
    }

    fn update_transition(&mut self, k: usize, delta: f32) {
        self.transitions[k] += delta;
        self.transition_sums[k] += self.time * delta;
    }

    fn learn(&mut self, sf: &SentenceFeatures, history: &History, gold: &[u8], pred: &[u8]) {
        for i in 0..gold.len() {
            let prev = |tags: &[u8]| {
                if i == 0 {
                    NUM_TAGS
                } else {
                    tags[i - 1] as usize
                }
            };
            let (kg, kp) = (
                prev(gold) * NUM_TAGS + gold[i] as usize,
                prev(pred) * NUM_TAGS + pred[i] as usize,
            );
            if kg != kp {
                self.update_transition(kg, 1.0);
                self.update_transition(kp, -1.0);
            }
            if gold[i] != pred[i] {
                let hist = history.feature(sf.lower[i]);
                for &key in sf.token(i).iter().chain(hist.as_ref()) {
                    self.update_feature(key, gold[i], 1.0);
                    self.update_feature(key, pred[i], -1.0);
                }
            }
        }
    }

    /// The averaged weights.
    fn averaged(&self) -> (Weights, Vec<f32>) {
        let t = self.time;
        let rows = self
            .weights
            .rows
            .iter()
            .zip(&self.sums)
            .map(|(w, s)| std::array::from_fn(|i| w[i] - s[i] / t))
            .collect();
        let transitions = self
            .transitions
            .iter()
            .zip(&self.transition_sums)
            .map(|(w, s)| w - s / t)
            .collect();
        (
            Weights {
                index: self.weights.index.clone(),
                rows,
            },
            transitions,
        )
    }
}

/// A small deterministic generator for shuffling (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Trains on `train`, early-stopping on `dev`; `log` receives one line per epoch.
pub fn train(
    train: &[Document],
    dev: &[Document],
    resources: ResourceData,
    options: &Options,
    mut log: impl FnMut(&str),
) -> Model {
    let mut p = Perceptron::new();
    let mut rng = Rng(options.seed.max(1));
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut best: Option<(f64, usize, Weights, Vec<f32>)> = None;
    let mut em = Vec::new();
    for epoch in 1..=options.max_epochs {
        let started = Instant::now();
        rng.shuffle(&mut order);
        let mut mistakes = 0;
        for &d in &order {
            let doc = &train[d];
            let mut history = History::default();
            for (sf, gold) in doc.features.iter().zip(&doc.gold) {
                p.weights.emissions(sf, &history, &mut em);
                let pred = viterbi(&em, &p.transitions);
                if &pred != gold {
                    mistakes += 1;
                    p.learn(sf, &history, gold, &pred);
                }
                history.record(&sf.lower, &to_spans(&pred));
                p.time += 1.0;
            }
        }
        let (weights, transitions) = p.averaged();
        let score = evaluate(&weights, &transitions, dev);
        let f1 = score.overall.f1();
        let per_type: Vec<String> = score
            .by_type
            .iter()
            .map(|(k, c)| format!("{k} {:.4}", c.f1()))
            .collect();
        log(&format!(
            "epoch {epoch:2}: {mistakes} sentences wrong, {} features, dev F1 {f1:.4} ({}), {:.1}s",
            weights.rows.len(),
            per_type.join(", "),
            started.elapsed().as_secs_f64()
        ));
        if best.as_ref().is_none_or(|b| f1 > b.0) {
            best = Some((f1, epoch, weights, transitions));
        } else if epoch - best.as_ref().map_or(0, |b| b.1) >= options.patience {
            log(&format!(
                "no better dev F1 for {} epochs: stopping",
                options.patience
            ));
            break;
        }
    }
    let (f1, epoch, weights, transitions) = best.expect("at least one epoch");
    log(&format!("best: epoch {epoch}, dev F1 {f1:.4}"));
    Model::new(resources, weights, transitions)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRAIN: &str = "-DOCSTART- -X- -X- O\n\nPeter B-PER\nvisited O\nParis B-LOC\n.\tO\n\n\
        Anna B-PER\nleft O\nLondon B-LOC\n. O\n\n-DOCSTART- -X- -X- O\n\n\
        Peter B-PER\nSmith I-PER\nsaw O\nRome B-LOC\n. O\n";

    #[test]
    fn learns_a_tiny_corpus_and_is_deterministic() {
        let file = ConllFile::parse(TRAIN);
        let res = Resources::default();
        let docs = prepare(&file, &res).unwrap();
        let options = Options {
            max_epochs: 5,
            patience: 5,
            seed: 7,
        };
        let model = train(&docs, &docs, ResourceData::default(), &options, |_| {});
        let words = vec![vec!["Peter", "Smith", "saw", "Rome", "."]];
        let tags = model.tag_document(&words);
        assert_eq!(iob2(&tags[0]), ["B-PER", "I-PER", "O", "B-LOC", "O"]);
        let again = train(&docs, &docs, ResourceData::default(), &options, |_| {});
        assert_eq!(again.to_bytes(), model.to_bytes());
    }

    #[test]
    fn bad_tags_are_reported() {
        let file = ConllFile::parse("Peter B-PERSON\n");
        assert!(prepare(&file, &Resources::default()).is_err());
    }
}
