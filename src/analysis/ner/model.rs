//! The trained model: feature weights per tag, transition weights and the
//! resources the features were computed with; its compact binary form.

use serde::{Deserialize, Serialize};

use super::decode::{TRANSITIONS, viterbi};
use super::features::{DocumentEvidence, History, ResourceData, Resources, SentenceFeatures};
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

#[derive(Debug)]
pub struct Model {
    resource_data: ResourceData,
    resources: Resources,
    /// Each feature's row of weights stored with its key: tagging looks up
    /// some sixty features per token, and one memory access per feature
    /// instead of two (key -> index -> row, as in [`Weights`]) saves time.
    rows_by_key: HashedMap<Row>,
    transitions: Vec<f32>,
}

impl Model {
    pub fn new(resource_data: ResourceData, weights: Weights, transitions: Vec<f32>) -> Model {
        assert_eq!(transitions.len(), TRANSITIONS);
        let rows_by_key = weights
            .index
            .iter()
            .map(|(&key, &r)| (key, weights.rows[r as usize]))
            .collect();
        Model::with_rows(resource_data, rows_by_key, transitions)
    }

    fn with_rows(
        resource_data: ResourceData,
        rows_by_key: HashedMap<Row>,
        transitions: Vec<f32>,
    ) -> Model {
        assert_eq!(transitions.len(), TRANSITIONS);
        Model {
            resources: Resources::new(&resource_data),
            resource_data,
            rows_by_key,
            transitions,
        }
    }

    pub fn resources(&self) -> &Resources {
        &self.resources
    }

    pub fn feature_count(&self) -> usize {
        self.rows_by_key.len()
    }

    /// BILOU tags for every sentence of a document, tagged in order so that
    /// later sentences see how words were tagged before.
    pub fn tag_document(&self, doc: &[Vec<&str>]) -> Vec<Vec<u8>> {
        // Features are made one sentence at a time: for a whole long
        // document at once they would take gigabytes.
        let evidence = DocumentEvidence::new(doc, &self.resources);
        let mut history = History::default();
        let mut em = Vec::new();
        doc.iter()
            .enumerate()
            .map(|(s, words)| {
                let sf = evidence.sentence_features(s, words, &self.resources);
                emissions(|key| self.rows_by_key.get(&key), &sf, &history, &mut em);
                let tags = viterbi(&em, &self.transitions);
                history.record(&sf.lower, &to_spans(&tags));
                tags
            })
            .collect()
    }

    /// The binary form (postcard).
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .rows_by_key
            .values()
            .flatten()
            .fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / i16::MAX as f32
        } else {
            1.0
        };
        let mut entries: Vec<(u64, &Row)> = self.rows_by_key.iter().map(|(&k, r)| (k, r)).collect();
        entries.sort_unstable_by_key(|&(key, _)| key);
        let mut file = ModelFile {
            format: FORMAT,
            resources: self.resource_data.clone(),
            transitions: self.transitions.clone(),
            scale,
            keys: Vec::new(),
            masks: Vec::new(),
            values: Vec::new(),
        };
        for (key, row) in entries {
            let mut mask = 0;
            let start = file.values.len();
            for (t, w) in row.iter().enumerate() {
                let q = (w / scale).round() as i16;
                if q != 0 {
                    mask |= 1 << t;
                    file.values.push(q);
                }
            }
            if mask != 0 {
                file.keys.push(key);
                file.masks.push(mask);
            } else {
                file.values.truncate(start);
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
        let mut rows_by_key =
            HashedMap::with_capacity_and_hasher(file.keys.len(), Default::default());
        let mut values = file.values.iter();
        for (&key, &mask) in file.keys.iter().zip(&file.masks) {
            let mut row = [0.0; NUM_TAGS];
            for (t, w) in row.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    let q = values.next().ok_or("model file is truncated")?;
                    *w = *q as f32 * file.scale;
                }
            }
            rows_by_key.insert(key, row);
        }
        Ok(Model::with_rows(
            file.resources,
            rows_by_key,
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
