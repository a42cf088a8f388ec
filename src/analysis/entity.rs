//! Entity types and the interface every entity tagger implements.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The CoNLL-2003 entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "ORG")]
    Organisation,
    #[serde(rename = "LOC")]
    Location,
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Organisation,
        EntityKind::Location,
        EntityKind::Misc,
    ];

    /// The CoNLL label: "PER", "ORG", "LOC" or "MISC".
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "PER",
            EntityKind::Organisation => "ORG",
            EntityKind::Location => "LOC",
            EntityKind::Misc => "MISC",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for EntityKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "PER" => Ok(EntityKind::Person),
            "ORG" => Ok(EntityKind::Organisation),
            "LOC" => Ok(EntityKind::Location),
            "MISC" => Ok(EntityKind::Misc),
            other => Err(format!(
                "unknown entity type {other:?} (expected PER, ORG, LOC or MISC)"
            )),
        }
    }
}

/// An entity found by a tagger: a range of token indices within one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSpan {
    pub tokens: Range<usize>,
    pub kind: EntityKind,
}

/// Finds named entities in tokenised text.
///
/// A document is given whole (as its sentences of tokens) so that taggers can
/// use document-level evidence, such as how a word was tagged earlier on.
/// The result has one list of spans per input sentence, in order and not
/// overlapping.
pub trait EntityTagger: Send + Sync {
    fn tag(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TokenSpan>>;

    /// Lets go of what the tagger keeps between calls to be faster (the
    /// model's memo of words), once a corpus is tagged: linking, which
    /// comes next, needs the memory more.
    fn release_memory(&self) {}
}

/// Shared taggers (such as lazily loaded built-in models) are taggers too.
impl<T: EntityTagger + ?Sized> EntityTagger for &T {
    fn tag(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TokenSpan>> {
        (**self).tag(sentences)
    }

    fn release_memory(&self) {
        (**self).release_memory();
    }
}

/// Turns per-sentence spans into IOB2 tags ("B-PER", "I-PER", "O").
pub fn spans_to_iob(len: usize, spans: &[TokenSpan]) -> Vec<String> {
    let mut tags = vec!["O".to_string(); len];
    for span in spans {
        for (n, i) in span.tokens.clone().enumerate() {
            let prefix = if n == 0 { "B" } else { "I" };
            tags[i] = format!("{prefix}-{}", span.kind.label());
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        for kind in EntityKind::ALL {
            assert_eq!(kind.label().parse::<EntityKind>(), Ok(kind));
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{kind}\""));
        }
        assert!("PERSON".parse::<EntityKind>().is_err());
    }

    #[test]
    fn iob_tags_from_spans() {
        let spans = [
            TokenSpan {
                tokens: 0..2,
                kind: EntityKind::Person,
            },
            TokenSpan {
                tokens: 3..4,
                kind: EntityKind::Location,
            },
        ];
        assert_eq!(
            spans_to_iob(5, &spans),
            ["B-PER", "I-PER", "O", "B-LOC", "O"]
        );
    }
}
