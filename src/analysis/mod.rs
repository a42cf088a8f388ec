//! Text analysis: tokens, sentences, entity mentions and the actors they
//! refer to. Nothing here knows about terminals or files.

pub mod descriptors;
pub mod entity;
pub mod headline;
pub mod lexicon;
pub mod ner;
pub mod patterns;
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

/// `word` in lower case, borrowed when it is so already (most words are):
/// the same as `to_lowercase`, without a string made per word.
pub fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether `word` lower-cased is `lower`, without making it.
pub fn lowercase_is(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.len() == lower.len()
            && word
                .bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        word.to_lowercase() == lower
    }
}

/// Whether `word` lower-cased is one of `list`, without making it.
pub fn lowercase_in(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        list.iter().any(|l| lowercase_is(word, l))
    } else {
        let lower = word.to_lowercase();
        list.contains(&lower.as_str())
    }
}

/// The indices of the tokens that lie within the byte range `start..end`.
pub fn token_range(tokens: &[Token], start: usize, end: usize) -> Range<usize> {
    tokens.partition_point(|t| t.start < start)..tokens.partition_point(|t| t.end <= end)
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
    // Only headlines get new forms; every other sentence is tagged as read,
    // without a second copy of its words (a long document has millions).
    let headlines: Vec<(usize, Vec<Cow<str>>)> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, words)| Some((i, truecase::headline_forms(words, &names, lexicon)?)))
        .collect();
    let mut words = raw;
    for (i, forms) in &headlines {
        words[*i] = forms.iter().map(|w| w.as_ref()).collect();
    }
    let tagged = tagger.tag(&words);
    drop(words);
    let mut mentions = Vec::new();
    for (index, (range, spans)) in sentences.iter().zip(tagged).enumerate() {
        for span in spans {
            let span_tokens =
                &tokens[range.start + span.tokens.start..range.start + span.tokens.end];
            // A name never runs across a control character or a BOM between
            // its words ("Olaf\x1b Scholz"): each side is a mention of its own,
            // so that no mention text, name or actor id holds one.
            let mut first = 0;
            for i in 1..=span_tokens.len() {
                let broken = i < span_tokens.len()
                    && text[span_tokens[i - 1].end..span_tokens[i].start]
                        .chars()
                        .any(crate::safe::breaks_names);
                if i == span_tokens.len() || broken {
                    mentions.push(Mention {
                        start: span_tokens[first].start,
                        end: span_tokens[i - 1].end,
                        kind: span.kind,
                        sentence: index,
                    });
                    first = i;
                }
            }
        }
    }
    let sentence_of = |token: usize| sentences.partition_point(|r| r.end <= token);
    let mentions = spans::trim_lowercase_ends(text, &tokens, mentions);
    let mentions = spans::take_name_suffixes(text, &tokens, mentions);
    let mentions = spans::drop_trailing_roles(text, &tokens, mentions);
    let mentions =
        spans::trim_sentence_openers(text, &tokens, &sentences, &names, lexicon, mentions);
    let mentions = teams::tag_nicknames(text, &tokens, &sentences, mentions, lexicon);
    let mentions = headline::repair(text, &tokens, mentions, lexicon, sentence_of);
    let mentions = spans::take_facility_heads(text, &tokens, mentions, lexicon);
    let mut mentions = patterns::add(text, &tokens, &sentences, mentions, lexicon);
    keep_in_order_without_overlaps(&mut mentions);
    AnalyzedText {
        tokens,
        sentences,
        mentions,
    }
}

/// What every user of an analysis relies on: mentions in text order, none
/// overlapping another. The repairs after tagging can disagree (a headline
/// name grown over the next one, "Sergey Russia\tSergey)" found by the
/// property tests), so the first of two overlapping mentions is kept.
fn keep_in_order_without_overlaps(mentions: &mut Vec<Mention>) {
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut end = 0;
    mentions.retain(|m| {
        let keep = m.start >= end && m.start < m.end;
        if keep {
            end = m.end;
        }
        keep
    });
}

/// The mention of the `nth` occurrence of `needle` in `text`, for tests.
#[cfg(test)]
pub(crate) fn mention_of(text: &str, needle: &str, nth: usize, kind: EntityKind) -> Mention {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .expect("needle in text")
        .0;
    Mention {
        start,
        end: start + needle.len(),
        kind,
        sentence: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_helpers_agree_with_to_lowercase() {
        for w in [
            "said",
            "Said",
            "SAID",
            "Zürich",
            "ZÜRICH",
            "\u{212a}ey",
            "İstanbul",
            "",
            "x-Ray",
        ] {
            assert_eq!(lowercase(w), w.to_lowercase(), "{w}");
            for l in [
                "said",
                "zürich",
                "key",
                "i\u{307}stanbul",
                "",
                "x-ray",
                "Said",
            ] {
                assert_eq!(lowercase_is(w, l), w.to_lowercase() == l, "{w} {l}");
            }
            let list = ["key", "said", "x-ray"];
            assert_eq!(
                lowercase_in(w, &list),
                list.contains(&w.to_lowercase().as_str())
            );
        }
        assert!(matches!(lowercase("said"), Cow::Borrowed(_)));
    }

    #[test]
    fn mentions_come_in_order_and_never_overlap() {
        let mention = |start, end| Mention {
            start,
            end,
            kind: EntityKind::Location,
            sentence: 0,
        };
        let mut found = vec![
            mention(7, 20),
            mention(0, 13),
            mention(22, 28),
            mention(22, 28),
        ];
        keep_in_order_without_overlaps(&mut found);
        assert_eq!(found, [mention(0, 13), mention(22, 28)]);
        // The input the property tests found: the model's one span, repaired
        // into two that overlapped.
        let text = "Sergey Russia\tSergey)\nSergey)";
        let analysis = analyze(text, crate::analysis::ner::PerceptronTagger::builtin());
        let mut end = 0;
        for m in &analysis.mentions {
            assert!(m.start >= end, "{:?}", analysis.mentions);
            end = m.end;
        }
    }

    /// Tags each sentence whole as one person, as a careless tagger might.
    struct Everything;

    impl EntityTagger for Everything {
        fn tag(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TokenSpan>> {
            sentences
                .iter()
                .map(|s| {
                    vec![TokenSpan {
                        tokens: 0..s.len(),
                        kind: EntityKind::Person,
                    }]
                })
                .collect()
        }
    }

    fn texts(text: &str) -> Vec<&str> {
        analyze(text, &Everything)
            .mentions
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect()
    }

    #[test]
    fn no_mention_holds_a_control_character_or_a_bom() {
        assert_eq!(texts("Olaf\x1b Scholz"), ["Olaf", "Scholz"]);
        assert_eq!(texts("Olaf\0Scholz"), ["Olaf", "Scholz"]);
        assert_eq!(texts("\u{feff}Angela Merkel"), ["Angela Merkel"]);
        assert_eq!(texts("Vladimir\u{202e} Putin"), ["Vladimir", "Putin"]);
        assert_eq!(texts("Olaf \u{85}Scholz"), ["Olaf", "Scholz"]);
    }

    #[test]
    fn names_still_run_across_spaces_and_tabs() {
        assert_eq!(texts("Sergey \u{a0}Ryabkov"), ["Sergey \u{a0}Ryabkov"]);
        assert_eq!(texts("Sergey\tRyabkov"), ["Sergey\tRyabkov"]);
    }
}
