//! Text analysis: tokens, sentences, entity mentions and the actors they
//! refer to. Nothing here knows about terminals or files.

pub mod entity;
pub mod headline;
pub mod lexicon;
pub mod ner;
pub mod resolve;
pub mod rules;
pub mod sentence;
pub mod spans;
pub mod teams;
pub mod token;
pub mod truecase;

use std::borrow::Cow;
use std::ops::Range;

use serde::Serialize;

pub use entity::{EntityKind, EntityTagger, TokenSpan};
pub use token::Token;

/// An entity mention: a byte range of the article text and its type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    /// Index of the sentence holding the mention.
    pub sentence: usize,
}

/// What analysis found in one text.
#[derive(Debug, Clone, Default)]
pub struct AnalyzedText {
    pub tokens: Vec<Token>,
    /// Sentences as ranges of token indices.
    pub sentences: Vec<Range<usize>>,
    /// Mentions in text order, never overlapping.
    pub mentions: Vec<Mention>,
}

impl AnalyzedText {
    /// Tokens and sentences of `text`, with no mentions yet.
    pub fn untagged(text: &str) -> AnalyzedText {
        let tokens = token::tokenize(text);
        let sentences = sentence::split_sentences(text, &tokens);
        AnalyzedText {
            tokens,
            sentences,
            mentions: Vec::new(),
        }
    }

    /// The byte range of sentence `index`.
    pub fn sentence_bytes(&self, index: usize) -> Range<usize> {
        let range = &self.sentences[index];
        self.tokens[range.start].start..self.tokens[range.end - 1].end
    }
}

/// Tokenises, splits and tags `text`. Title-case headlines are tagged as
/// running text would be written (see [`truecase`]), and the headline line
/// keeps only the names its body uses (see [`headline`]).
pub fn analyze(text: &str, tagger: &dyn EntityTagger) -> AnalyzedText {
    let AnalyzedText {
        tokens, sentences, ..
    } = AnalyzedText::untagged(text);
    let lexicon = lexicon::Lexicon::builtin();
    let raw: Vec<Vec<&str>> = sentences
        .iter()
        .map(|r| tokens[r.clone()].iter().map(|t| t.text(text)).collect())
        .collect();
    let names = truecase::names_in_running_text(&raw, lexicon);
    let forms: Vec<Vec<Cow<str>>> = raw
        .iter()
        .map(|words| {
            truecase::headline_forms(words, &names, lexicon)
                .unwrap_or_else(|| words.iter().map(|&w| Cow::Borrowed(w)).collect())
        })
        .collect();
    let words: Vec<Vec<&str>> = forms
        .iter()
        .map(|s| s.iter().map(|w| w.as_ref()).collect())
        .collect();
    let tagged = tagger.tag(&words);
    let mut mentions = Vec::new();
    for (index, (range, spans)) in sentences.iter().zip(tagged).enumerate() {
        for span in spans {
            let first = &tokens[range.start + span.tokens.start];
            let last = &tokens[range.start + span.tokens.end - 1];
            mentions.push(Mention {
                start: first.start,
                end: last.end,
                kind: span.kind,
                sentence: index,
            });
        }
    }
    let sentence_of = |token: usize| sentences.partition_point(|r| r.end <= token);
    let mentions = spans::trim_lowercase_ends(text, &tokens, mentions);
    let mentions = teams::tag_nicknames(text, &tokens, &sentences, mentions, lexicon);
    let mentions = headline::repair(text, &tokens, mentions, lexicon, sentence_of);
    AnalyzedText {
        tokens,
        sentences,
        mentions,
    }
}
