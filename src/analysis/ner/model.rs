//! The trained model: feature weights per tag, transition weights and the
//! resources the features were computed with; its compact binary form.

use std::sync::RwLock;

use serde::{Deserialize, Serialize};

use super::decode::{TRANSITIONS, viterbi};
use super::features::{
    DocumentEvidence, DocumentWords, History, ResourceData, Resources, Scores, SentenceFeatures,
    SentenceScores, WordMemo,
};
use super::hash::HashedMap;
use super::tags::{NUM_TAGS, to_spans};

pub type Row = [f32; NUM_TAGS];

/// Version of the binary layout; bumped on incompatible changes.
const FORMAT: u32 = 1;

/// The serialised form: weights quantised to i16, zeros left out.
#[derive(Serialize, Deserialize)]
struct ModelFile {
    format: u32,
    resources: ResourceData,
    transitions: Vec<f32>,
    scale: f32,
    keys: Vec<u64>,
    /// Per key, the set of tags with a non-zero weight.
    masks: Vec<u32>,
    values: Vec<i16>,
}

/// Feature weights: key -> row of per-tag weights.
#[derive(Debug, Default, Clone)]
pub struct Weights {
    pub index: HashedMap<u32>,
    pub rows: Vec<Row>,
}

impl Weights {
    #[inline]
    pub fn row(&self, key: u64) -> Option<&Row> {
        self.index.get(&key).map(|&r| &self.rows[r as usize])
    }

    /// Per-token tag scores of a sentence.
    pub fn emissions(&self, sf: &SentenceFeatures, history: &History, out: &mut Vec<Row>) {
        emissions(|key| self.row(key), sf, history, out);
    }
}

/// Per-token tag scores of a sentence, with `row` giving a feature's weights.
#[inline]
fn emissions<'a>(
    row: impl Fn(u64) -> Option<&'a Row>,
    sf: &SentenceFeatures,
    history: &History,
    out: &mut Vec<Row>,
) {
    out.clear();
    for i in 0..sf.len() {
        let mut scores = [0.0f32; NUM_TAGS];
        let hist = history.feature(sf.lower[i]);
        for key in sf.token(i).iter().chain(hist.as_ref()) {
            if let Some(row) = row(*key) {
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
        out.push(scores);
    }
}

/// A weight row quantised to the model file's integer steps.
pub type QuantRow = [i16; NUM_TAGS];

/// Feature key -> quantised weights. Tagging looks up some sixty features
/// per token in a table far larger than the caches; rows of i16 take half the
/// memory of f32 ones, and the map's control bytes, which settle most
/// lookups of features the model does not know, stay in cache. Weights are
/// summed as integers, exactly, so the order of the features does not change
/// a score.
#[derive(Debug, Clone)]
pub struct WeightTable {
    rows: HashedMap<QuantRow>,
    /// A weight is its integer times `scale`.
    scale: f32,
}

impl WeightTable {
    fn new(entries: Vec<(u64, QuantRow)>, scale: f32) -> WeightTable {
        WeightTable {
            rows: entries.into_iter().collect(),
            scale,
        }
    }

    /// The quantised weights of feature `key`, if it has any.
    #[inline]
    pub fn get(&self, key: u64) -> Option<&QuantRow> {
        self.rows.get(&key)
    }

    /// Adds feature `key`'s weights to `scores`.
    #[inline]
    pub fn add(&self, key: u64, scores: &mut [i32; NUM_TAGS]) {
        if let Some(row) = self.get(key) {
            for (s, &w) in scores.iter_mut().zip(row) {
                *s += w as i32;
            }
        }
    }

    /// Integer sums as weights.
    #[inline]
    pub fn scale(&self, scores: &[i32; NUM_TAGS]) -> Row {
        scores.map(|q| q as f32 * self.scale)
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn entries(&self) -> impl Iterator<Item = (u64, &QuantRow)> {
        self.rows.iter().map(|(&key, row)| (key, row))
    }
}

#[derive(Debug)]
pub struct Model {
    /// The words tagged so far and what they weigh, shared by all threads.
    memo: RwLock<WordMemo>,
    resource_data: ResourceData,
    resources: Resources,
    weights: WeightTable,
    transitions: Vec<f32>,
}

impl Model {
    /// Empties the memo of words tagged so far (it fills again as needed).
    pub fn forget_words(&self) {
        *self.memo.write().unwrap_or_else(|e| e.into_inner()) = WordMemo::default();
    }

    /// A model from trained weights, quantised as its file will hold them.
    pub fn new(resource_data: ResourceData, weights: Weights, transitions: Vec<f32>) -> Model {
        assert_eq!(transitions.len(), TRANSITIONS);
        let max = weights
            .index
            .values()
            .flat_map(|&r| &weights.rows[r as usize])
            .fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / i16::MAX as f32
        } else {
            1.0
        };
        let entries: Vec<(u64, QuantRow)> = weights
            .index
            .iter()
            .map(|(&key, &r)| {
                let row = weights.rows[r as usize].map(|w| (w / scale).round() as i16);
                (key, row)
            })
            .filter(|(_, row)| row.iter().any(|&q| q != 0))
            .collect();
        Model::with_table(resource_data, WeightTable::new(entries, scale), transitions)
    }

    fn with_table(
        resource_data: ResourceData,
        weights: WeightTable,
        transitions: Vec<f32>,
    ) -> Model {
        assert_eq!(transitions.len(), TRANSITIONS);
        Model {
            memo: RwLock::default(),
            resources: Resources::new(&resource_data),
            resource_data,
            weights,
            transitions,
        }
    }

    pub fn resources(&self) -> &Resources {
        &self.resources
    }

    pub fn feature_count(&self) -> usize {
        self.weights.len()
    }

    /// BILOU tags for every sentence of a document, tagged in order so that
    /// later sentences see how words were tagged before.
    pub fn tag_document(&self, doc: &[Vec<&str>]) -> Vec<Vec<u8>> {
        let weigh = |key, scores: &mut Scores| self.weights.add(key, scores);
        let (tags, learnt) = {
            // Read only while the document is tagged; the words it lacks are
            // handed to it afterwards.
            let memo = self.memo.read().unwrap_or_else(|e| e.into_inner());
            let mut words = DocumentWords::new(&memo, weigh);
            let evidence = DocumentEvidence::with_words(doc, &self.resources, &mut words);
            let mut history = History::default();
            let mut sentence = SentenceScores::default();
            let mut em = Vec::new();
            // Features are made one sentence at a time: for a whole long
            // document at once they would take gigabytes.
            let tags: Vec<Vec<u8>> = doc
                .iter()
                .enumerate()
                .map(|(s, sentence_words)| {
                    evidence.sentence_scores(
                        s,
                        sentence_words,
                        &self.resources,
                        &mut words,
                        &mut sentence,
                    );
                    em.clear();
                    for (scores, &lower) in sentence.scores.iter_mut().zip(&sentence.lower) {
                        if let Some(key) = history.feature(lower) {
                            weigh(key, scores);
                        }
                        em.push(self.weights.scale(scores));
                    }
                    let tags = viterbi(&em, &self.transitions);
                    history.record(&sentence.lower, &to_spans(&tags));
                    tags
                })
                .collect();
            (tags, words.learnt())
        };
        if !learnt.is_empty() {
            self.memo
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .absorb(learnt);
        }
        tags
    }

    /// The binary form (postcard).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut entries: Vec<(u64, &QuantRow)> = self.weights.entries().collect();
        entries.sort_unstable_by_key(|&(key, _)| key);
        let mut file = ModelFile {
            format: FORMAT,
            resources: self.resource_data.clone(),
            transitions: self.transitions.clone(),
            scale: self.weights.scale,
            keys: Vec::new(),
            masks: Vec::new(),
            values: Vec::new(),
        };
        for (key, row) in entries {
            let mut mask = 0;
            for (t, &q) in row.iter().enumerate() {
                if q != 0 {
                    mask |= 1 << t;
                    file.values.push(q);
                }
            }
            if mask != 0 {
                file.keys.push(key);
                file.masks.push(mask);
            }
        }
        postcard::to_allocvec(&file).expect("serialising to memory cannot fail")
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let file: ModelFile =
            postcard::from_bytes(bytes).map_err(|e| format!("not a tagger model: {e}"))?;
        if file.format != FORMAT {
            return Err(format!(
                "model format {} but this program reads format {FORMAT}",
                file.format
            ));
        }
        if file.transitions.len() != TRANSITIONS || file.keys.len() != file.masks.len() {
            return Err("model file is inconsistent".into());
        }
        let mut entries = Vec::with_capacity(file.keys.len());
        let mut values = file.values.iter();
        for (&key, &mask) in file.keys.iter().zip(&file.masks) {
            let mut row = [0; NUM_TAGS];
            for (t, w) in row.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    *w = *values.next().ok_or("model file is truncated")?;
                }
            }
            entries.push((key, row));
        }
        Ok(Model::with_table(
            file.resources,
            WeightTable::new(entries, file.scale),
            file.transitions,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::EntityKind;
    use crate::analysis::ner::hash::feature;
    use crate::analysis::ner::hash::word_hash;
    use crate::analysis::ner::tags::{Part, tag};

    #[test]
    fn bytes_round_trip_and_weights_drive_tags() {
        // One weight: the word "Paris" as written is a one-token location.
        let mut weights = Weights::default();
        let mut row = [0.0; NUM_TAGS];
        row[tag(EntityKind::Location, Part::Unit) as usize] = 1.5;
        weights.index.insert(feature(2, word_hash("Paris"), 0), 0);
        weights.rows.push(row);
        let model = Model::new(ResourceData::default(), weights, vec![0.0; TRANSITIONS]);
        let doc = vec![vec!["in", "Paris", "today"]];
        let tags = model.tag_document(&doc);
        assert_eq!(tags[0][1], tag(EntityKind::Location, Part::Unit));
        let bytes = model.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.tag_document(&doc), tags);
        assert_eq!(back.feature_count(), 1);
        assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }
}
