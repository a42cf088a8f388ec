//! A statistical named-entity tagger trained in-tree: a structured averaged
//! perceptron over BILOU tags with Viterbi decoding, rich token features,
//! gazetteers from the lexicon, word clusters and document-level features.
//!
//! - [`PerceptronTagger`]: the trained model behind [`EntityTagger`];
//! - [`HybridTagger`]: the model plus exact matches of the lexicon's known
//!   actors and countries where the model found nothing (the reader's default).

pub mod clusters;
pub mod conll;
pub mod decode;
pub mod eval;
pub mod features;
pub mod hash;
pub mod model;
pub mod tags;
pub mod train;

use std::collections::HashSet;

use fnv::{FnvHashMap, FnvHashSet};
use std::sync::OnceLock;

use crate::analysis::lexicon::Lexicon;
use crate::analysis::token::tokenize;
use crate::analysis::{EntityKind, EntityTagger, TokenSpan};
use crate::assets;
use hash::{HashedMap, combine, phrase_hash, word_hash};
use model::Model;

/// The trained statistical tagger.
#[derive(Debug)]
pub struct PerceptronTagger {
    model: Model,
}

impl PerceptronTagger {
    /// The model built into the binary, loaded on first use.
    pub fn builtin() -> &'static PerceptronTagger {
        static TAGGER: OnceLock<PerceptronTagger> = OnceLock::new();
        TAGGER.get_or_init(|| {
            PerceptronTagger::from_bytes(assets::NER_MODEL)
                .unwrap_or_else(|e| panic!("built-in entity model: {e}"))
        })
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<PerceptronTagger, String> {
        Ok(PerceptronTagger {
            model: Model::from_bytes(bytes)?,
        })
    }

    pub fn new(model: Model) -> PerceptronTagger {
        PerceptronTagger { model }
    }

    pub fn model(&self) -> &Model {
        &self.model
    }
}

impl EntityTagger for PerceptronTagger {
    fn release_memory(&self) {
        self.model.forget_words();
    }

    fn tag(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TokenSpan>> {
        self.model
            .tag_document(sentences)
            .iter()
            .map(|t| tags::to_spans(t))
            .collect()
    }
}

/// The statistical tagger, plus exact (case-sensitive) matches of well-known
/// names from the lexicon wherever the model found no overlapping entity.
pub struct HybridTagger {
    model: &'static PerceptronTagger,
    /// Phrase hash -> (length in tokens, type).
    names: HashedMap<EntityKind>,
    /// Hashes of the first word of every name, as written: most words start
    /// no name, and need no phrase hashed.
    first_words: HashedMap<()>,
    max_len: usize,
    /// Words that end organisation names generically ("Center", "Commission").
    org_words: HashSet<String>,
    common_words: HashSet<String>,
    places: HashSet<String>,
}

impl HybridTagger {
    pub fn builtin() -> &'static HybridTagger {
        static TAGGER: OnceLock<HybridTagger> = OnceLock::new();
        TAGGER.get_or_init(|| HybridTagger::new(PerceptronTagger::builtin(), Lexicon::builtin()))
    }

    pub fn new(model: &'static PerceptronTagger, lexicon: &Lexicon) -> HybridTagger {
        let mut names = HashedMap::default();
        let mut first_words = HashedMap::default();
        let mut max_len = 0;
        let mut add = |name: &str, kind: EntityKind| {
            let words: Vec<&str> = tokenize(name).iter().map(|t| t.text(name)).collect();
            // Single lower-case words ("is") are too ambiguous to match on their own.
            let plausible = words.iter().any(|w| w.chars().any(char::is_uppercase))
                && !(words.len() == 1 && words[0].chars().count() < 2);
            if plausible {
                max_len = max_len.max(words.len());
                names.entry(exact_phrase_hash(&words)).or_insert(kind);
                first_words.insert(word_hash(words[0]), ());
            }
        };
        for actor in &lexicon.actors {
            for n in std::iter::once(&actor.name).chain(&actor.aliases) {
                add(n, actor.kind);
            }
        }
        for c in &lexicon.countries {
            for n in std::iter::once(&c.name).chain(&c.alternate_names) {
                add(n, EntityKind::Location);
            }
        }
        HybridTagger {
            model,
            names,
            first_words,
            max_len,
            org_words: lexicon.org_words.clone(),
            common_words: lexicon.common_words.clone(),
            places: lexicon.places.keys().cloned().collect(),
        }
    }

    /// Longest known names in `words` not overlapping `taken`.
    fn lexicon_matches(&self, words: &[&str], taken: &[TokenSpan]) -> Vec<TokenSpan> {
        longest_matches(
            words,
            taken,
            self.max_len,
            |w| self.first_words.contains_key(&word_hash(w)),
            |phrase| self.names.get(&exact_phrase_hash(phrase)).copied(),
        )
    }
}

/// The longest name, in words, that document-level passes look for again:
/// real names are far shorter ("Democratic Front for the Liberation of
/// Palestine"), and a bound keeps a run of capitalised words of any length
/// from costing time quadratic in it.
pub const MAX_NAME_WORDS: usize = 12;

/// Scans `words` left to right for the longest phrases (up to `max_len`
/// words) that `lookup` types, trying only words that `may_start` one and
/// skipping words inside `taken` spans.
fn longest_matches(
    words: &[&str],
    taken: &[TokenSpan],
    max_len: usize,
    may_start: impl Fn(&str) -> bool,
    lookup: impl Fn(&[&str]) -> Option<EntityKind>,
) -> Vec<TokenSpan> {
    let mut used = vec![false; words.len()];
    for s in taken {
        used[s.tokens.clone()].fill(true);
    }
    // free[i]: how many words from i on are not taken, so that the phrases
    // tried at i are bounded at once (linear in the sentence, not quadratic).
    let mut free = vec![0; words.len() + 1];
    for i in (0..words.len()).rev() {
        free[i] = if used[i] { 0 } else { free[i + 1] + 1 };
    }
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !may_start(words[i]) {
            i += 1;
            continue;
        }
        let longest = (1..=max_len.min(free[i])).rev().find_map(|n| {
            let span = i..i + n;
            lookup(&words[span.clone()]).map(|kind| TokenSpan { tokens: span, kind })
        });
        match longest {
            Some(span) => {
                i = span.tokens.end;
                found.push(span);
            }
            None => i += 1,
        }
    }
    found
}

fn exact_phrase_hash(words: &[&str]) -> u64 {
    // Case matters here: "US" is a country, "us" is not.
    phrase_hash(words.iter().copied()) ^ words.iter().fold(0, |h, w| combine(h, word_hash(w)))
}

impl HybridTagger {
    /// The names this document uses, as tagged somewhere in it: each whole
    /// name, a person's surname, and the last word of an organisation unless
    /// it is a generic one ("Indianapolis Colts" -> "Colts", not "Center").
    fn document_names<'a>(
        &self,
        sentences: &[Vec<&'a str>],
        tagged: &[Vec<TokenSpan>],
    ) -> FnvHashMap<Vec<&'a str>, EntityKind> {
        let mut names = FnvHashMap::default();
        for (words, spans) in sentences.iter().zip(tagged) {
            for span in spans {
                let phrase = &words[span.tokens.clone()];
                if phrase.len() <= MAX_NAME_WORDS {
                    names.entry(phrase.to_vec()).or_insert(span.kind);
                }
                let last = phrase[phrase.len() - 1];
                let generic = self.org_words.contains(&*crate::analysis::lowercase(last));
                let tail_names = match span.kind {
                    EntityKind::Person => true,
                    EntityKind::Organisation => !generic,
                    _ => false,
                };
                if phrase.len() > 1
                    && tail_names
                    && last.chars().next().is_some_and(char::is_uppercase)
                {
                    names.entry(vec![last]).or_insert(span.kind);
                }
            }
        }
        names
    }

    /// Occurrences of the document's names that the first pass left untagged
    /// ("the Colts" after "the Indianapolis Colts"): the same name keeps the
    /// same reading throughout an article.
    fn consistency_matches(
        words: &[&str],
        taken: &[TokenSpan],
        names: &FnvHashMap<Vec<&str>, EntityKind>,
        starts: &FnvHashSet<&str>,
        max_len: usize,
    ) -> Vec<TokenSpan> {
        longest_matches(
            words,
            taken,
            max_len,
            |w| starts.contains(w),
            |phrase| names.get(phrase).copied(),
        )
    }
}

/// "Vincent 'The Chin' Gigante", "Luis Gerardo (Jerry) Ortiz": a nickname in
/// quotes or brackets between two parts of a person's name belongs to the name.
fn join_nicknames(words: &[&str], spans: &mut Vec<TokenSpan>) {
    let opens = |w: &str| matches!(w, "\"" | "'" | "“" | "‘" | "(");
    let closes = |w: &str| matches!(w, "\"" | "'" | "”" | "’" | ")");
    // One pass over the spans (sorted, not overlapping), so that a long run
    // of nicknamed names costs linear time.
    let mut joined: Vec<TokenSpan> = Vec::with_capacity(spans.len());
    let mut i = 0;
    while i < spans.len() {
        let mut span = spans[i].clone();
        let mut next = i + 1;
        loop {
            let open = span.tokens.end;
            if span.kind != EntityKind::Person || open >= words.len() || !opens(words[open]) {
                break;
            }
            let nickname_end =
                (open + 2..=(open + 4).min(words.len().saturating_sub(1))).find(|&c| {
                    closes(words[c])
                        && words[open + 1..c]
                            .iter()
                            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                });
            let Some(close) = nickname_end else { break };
            // Spans inside the nickname and the surname fold into the name.
            let surname = spans[next..]
                .iter()
                .take_while(|s| s.tokens.start <= close + 1)
                .position(|s| s.tokens.start == close + 1 && s.kind == EntityKind::Person);
            let Some(p) = surname else { break };
            span.tokens.end = spans[next + p].tokens.end;
            next += p + 1;
        }
        joined.push(span);
        i = next;
    }
    *spans = joined;
}

impl HybridTagger {
    /// "Indianapolis Colts", "New Orleans Saints": a place followed by a
    /// plural ordinary noun is a team or company named after the place.
    fn is_team_name(&self, phrase: &[&str]) -> bool {
        let Some((last, place)) = phrase.split_last() else {
            return false;
        };
        let lower = last.to_lowercase();
        !place.is_empty()
            && last.chars().next().is_some_and(char::is_uppercase)
            && lower.ends_with('s')
            && self.common_words.contains(&lower)
            && self.places.contains(&place.join(" ").to_lowercase())
    }
}

impl EntityTagger for HybridTagger {
    fn release_memory(&self) {
        self.model.release_memory();
    }

    fn tag(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TokenSpan>> {
        let mut tagged = self.model.tag(sentences);
        for (words, spans) in sentences.iter().zip(&mut tagged) {
            let extra = self.lexicon_matches(words, spans);
            if !extra.is_empty() {
                spans.extend(extra);
                spans.sort_by_key(|s| s.tokens.start);
            }
        }
        for (words, spans) in sentences.iter().zip(&mut tagged) {
            join_nicknames(words, spans);
            for span in spans.iter_mut() {
                if self.is_team_name(&words[span.tokens.clone()]) {
                    span.kind = EntityKind::Organisation;
                }
            }
        }
        let names = self.document_names(sentences, &tagged);
        let max_len = names.keys().map(Vec::len).max().unwrap_or(0);
        // Words that start no name need no lookups. FNV: every word of the
        // document is looked up here.
        let starts: FnvHashSet<&str> = names.keys().map(|name| name[0]).collect();
        for (words, spans) in sentences.iter().zip(&mut tagged) {
            let extra = Self::consistency_matches(words, spans, &names, &starts, max_len);
            if !extra.is_empty() {
                spans.extend(extra);
                spans.sort_by_key(|s| s.tokens.start);
            }
        }
        tagged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_model_finds_common_entities() {
        let tagger = PerceptronTagger::builtin();
        let doc = vec![vec![
            "German",
            "Chancellor",
            "Helmut",
            "Kohl",
            "met",
            "officials",
            "of",
            "the",
            "European",
            "Commission",
            "in",
            "Brussels",
            "on",
            "Monday",
            ".",
        ]];
        let spans = tagger.tag(&doc);
        let iob = crate::analysis::entity::spans_to_iob(doc[0].len(), &spans[0]);
        assert_eq!(iob[2], "B-PER");
        assert_eq!(iob[3], "I-PER");
        assert_eq!(iob[11], "B-LOC");
        // Letting go of the word memo changes no tag.
        HybridTagger::builtin().release_memory();
        assert_eq!(tagger.tag(&doc), spans);
    }

    #[test]
    fn a_name_keeps_its_reading_throughout_the_document() {
        let hybrid = HybridTagger::builtin();
        let first: Vec<&str> =
            "Keiwan Ratliff gave the Indianapolis Colts a win at the Syrian Center"
                .split(' ')
                .collect();
        let second: Vec<&str> = "The Colts won and Ratliff scored at the Center ."
            .split(' ')
            .collect();
        let span = |tokens, kind| TokenSpan { tokens, kind };
        let tagged = vec![vec![
            span(0..2, EntityKind::Person),
            span(4..6, EntityKind::Organisation),
            span(10..12, EntityKind::Organisation),
        ]];
        let names = hybrid.document_names(&[first], &tagged);
        let starts = names.keys().map(|name| name[0]).collect();
        let found = HybridTagger::consistency_matches(&second, &[], &names, &starts, 3);
        let found: Vec<(&str, EntityKind)> = found
            .iter()
            .map(|s| (second[s.tokens.start], s.kind))
            .collect();
        assert_eq!(
            found,
            [
                ("Colts", EntityKind::Organisation),
                ("Ratliff", EntityKind::Person)
            ],
            "a generic organisation word (Center) is not a name"
        );
    }

    #[test]
    fn nicknames_join_the_name() {
        let words: Vec<&str> = "boss Vincent ' The Chin ' Gigante died"
            .split(' ')
            .collect();
        let mut spans = vec![
            TokenSpan {
                tokens: 1..2,
                kind: EntityKind::Person,
            },
            TokenSpan {
                tokens: 3..5,
                kind: EntityKind::Misc,
            },
            TokenSpan {
                tokens: 6..7,
                kind: EntityKind::Person,
            },
        ];
        join_nicknames(&words, &mut spans);
        assert_eq!(
            spans,
            [TokenSpan {
                tokens: 1..7,
                kind: EntityKind::Person
            }]
        );
        let words: Vec<&str> = "Jerry Ortiz ( retired ) said".split(' ').collect();
        let mut spans = vec![TokenSpan {
            tokens: 0..2,
            kind: EntityKind::Person,
        }];
        join_nicknames(&words, &mut spans);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].tokens, 0..2);
    }

    #[test]
    fn a_run_of_names_with_nicknames_joins_in_one_pass() {
        // "Ab (AB) Ab (AB) Ab": each name takes the nickname and the next.
        let words: Vec<&str> = "Ab ( AB ) Ab ( AB ) Ab x Cd".split(' ').collect();
        let person = |tokens| TokenSpan {
            tokens,
            kind: EntityKind::Person,
        };
        let mut spans = vec![person(0..1), person(4..5), person(8..9), person(10..11)];
        join_nicknames(&words, &mut spans);
        assert_eq!(spans, [person(0..9), person(10..11)]);
    }

    #[test]
    fn overlong_spans_are_not_document_names() {
        // A run of capitalised words the model read as one name is not
        // looked for again: the consistency pass stays linear in the text.
        let words: Vec<&str> = vec!["Ab"; MAX_NAME_WORDS + 1];
        let spans = vec![vec![TokenSpan {
            tokens: 0..words.len(),
            kind: EntityKind::Organisation,
        }]];
        let names = HybridTagger::builtin().document_names(&[words], &spans);
        assert!(names.keys().all(|n| n.len() <= MAX_NAME_WORDS), "{names:?}");
        let tagged = HybridTagger::builtin().tag(&[vec!["Ab"; 5000]]);
        assert_eq!(tagged.len(), 1);
    }

    #[test]
    fn teams_named_after_places_are_organisations() {
        let hybrid = HybridTagger::builtin();
        assert!(hybrid.is_team_name(&["Indianapolis", "Colts"]));
        assert!(hybrid.is_team_name(&["New", "Orleans", "Saints"]));
        assert!(!hybrid.is_team_name(&["New", "York"]));
        assert!(!hybrid.is_team_name(&["Colts"]));
    }

    #[test]
    fn hybrid_adds_known_names_the_model_missed() {
        let hybrid = HybridTagger::builtin();
        let words = vec!["the", "Nusra", "Front", "and", "NATO", "and", "us"];
        let found = hybrid.lexicon_matches(&words, &[]);
        assert!(
            found
                .iter()
                .any(|s| s.tokens == (4..5) && s.kind == EntityKind::Organisation)
        );
        assert!(!found.iter().any(|s| s.tokens.contains(&6)));
        // Spans the model already found are left alone.
        let taken = [TokenSpan {
            tokens: 4..5,
            kind: EntityKind::Misc,
        }];
        assert!(
            hybrid
                .lexicon_matches(&words, &taken)
                .iter()
                .all(|s| s.tokens.start != 4)
        );
    }
}
