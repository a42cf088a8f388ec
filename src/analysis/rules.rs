//! A rule-and-lexicon entity tagger.
//!
//! It finds names in two passes over each sentence:
//! 1. the longest phrases the lexicon knows (countries and their other names,
//!    demonyms, cities and regions, known organisations, news agencies);
//! 2. runs of capitalised words elsewhere, cleaned of sentence-initial
//!    ordinary words and of titles ("Deputy Foreign Minister"), then typed by
//!    their words: an organisation word ("Council", "Center") makes an ORG, a
//!    preceding title or a known first name makes a PER.
//!
//! A document-level pass then types a lone surname as the person it names.

use std::collections::HashMap;

use super::entity::{EntityKind, EntityTagger, TokenSpan};
use super::lexicon::Lexicon;
use super::token::tokenize;
use crate::corpus::date::MONTHS;

/// Longest lexicon phrase tried, in tokens.
const MAX_PHRASE: usize = 8;

/// Capitalised words that are never names on their own (besides month names).
const NEVER_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "i",
    "mr",
    "mrs",
    "ms",
    "dr",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "it",
    "we",
    "they",
    "you",
    "his",
    "her",
    "its",
    "our",
    "their",
    "my",
    "your",
    "but",
    "and",
    "or",
    "if",
    "so",
    "as",
    "at",
    "in",
    "on",
    "of",
    "for",
    "to",
    "by",
    "with",
    "from",
    "after",
    "before",
    "while",
    "when",
    "where",
    "what",
    "who",
    "why",
    "how",
    "there",
    "here",
    "all",
    "some",
    "no",
    "not",
    "yes",
    "today",
    "tomorrow",
    "yesterday",
    "according",
    "however",
    "meanwhile",
    "also",
    "said",
    "says",
    "one",
    "two",
];

/// Whether a lower-cased word is never a name on its own.
pub(crate) fn never_name(lower: &str) -> bool {
    NEVER_NAMES.contains(&lower) || MONTHS.contains(&lower)
}

/// Lower-case words that may sit inside a name between capitalised words
/// ("Syrian Center for Policy Research", "Jabhat Fateh al-Sham", "Bashar al Assad").
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "de", "del", "della", "di", "da", "du", "des", "la", "le", "al", "el",
    "bin", "ibn", "von", "van", "der", "den", "y",
];

/// Lower-case words that head organisation names in Arabic transliteration.
const ARABIC_ORG_HEADS: &[&str] = &[
    "jabhat", "harakat", "hayat", "hay'at", "liwa", "ahrar", "jaish", "jaysh", "kataib", "katibat",
    "ansar", "tahrir", "hizb",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Known {
    kind: EntityKind,
    /// A place whose name is also an ordinary word ("Nice", "Reading").
    ambiguous: bool,
    /// A city or region (not a country or known actor): such names are also
    /// given names and surnames ("Tara Reid", "Gary Ross").
    place: bool,
}

/// Tags entities with capitalisation rules and the lexicon.
pub struct RuleTagger {
    lexicon: &'static Lexicon,
    /// Lower-cased phrase, tokens joined by single spaces: what it is.
    phrases: HashMap<String, Known>,
}

fn phrase_key(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

fn tokens_of(name: &str) -> Vec<&str> {
    tokenize(name).iter().map(|t| t.text(name)).collect()
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        // "al-Nusra", "bin-Laden": a lower-case particle joined to a name.
        Some(c) if c.is_lowercase() => word
            .split_once('-')
            .is_some_and(|(_, rest)| rest.chars().next().is_some_and(char::is_uppercase)),
        _ => false,
    }
}

fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

impl RuleTagger {
    pub fn new(lexicon: &'static Lexicon) -> RuleTagger {
        let mut phrases = HashMap::new();
        let mut add = |name: &str, kind: EntityKind, ambiguous: bool, place: bool| {
            let key = phrase_key(&tokens_of(name));
            if !key.is_empty() {
                phrases.entry(key).or_insert(Known {
                    kind,
                    ambiguous,
                    place,
                });
            }
        };
        for actor in &lexicon.actors {
            for form in std::iter::once(&actor.name).chain(&actor.aliases) {
                add(form, actor.kind, false, false);
            }
        }
        for alias in lexicon.news_sources.keys() {
            add(alias, EntityKind::Organisation, false, false);
        }
        for country in &lexicon.countries {
            for form in std::iter::once(&country.name).chain(&country.alternate_names) {
                add(form, EntityKind::Location, false, false);
            }
            for demonym in &country.demonyms {
                add(demonym, EntityKind::Misc, false, false);
            }
        }
        for place in lexicon.places.keys() {
            let ambiguous = lexicon.common_words.contains(place);
            add(place, EntityKind::Location, ambiguous, true);
        }
        RuleTagger { lexicon, phrases }
    }

    /// The tagger over the built-in lexicon.
    pub fn builtin() -> RuleTagger {
        RuleTagger::new(Lexicon::builtin())
    }

    fn is_common(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        never_name(&lower) || self.lexicon.common_words.contains(&lower)
    }

    fn is_title(&self, word: &str) -> bool {
        self.lexicon.person_titles.contains(&word.to_lowercase())
    }

    /// The longest known phrase starting at `start`, as (length, what it is).
    fn known_phrase(&self, words: &[&str], start: usize) -> Option<(usize, Known)> {
        if !is_capitalised(words[start]) {
            return None;
        }
        let longest = MAX_PHRASE.min(words.len() - start);
        (1..=longest).rev().find_map(|len| {
            let slice = &words[start..start + len];
            // A phrase may not end in a connector or punctuation ("Bank of").
            if !slice[len - 1].chars().any(char::is_alphanumeric) {
                return None;
            }
            self.phrases
                .get(&phrase_key(slice))
                .map(|&known| (len, known))
        })
    }

    fn tag_sentence(&self, words: &[&str]) -> Vec<TokenSpan> {
        let first_word = words
            .iter()
            .position(|w| w.chars().any(char::is_alphanumeric))
            .unwrap_or(0);
        let letters: Vec<&&str> = words
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let capitalised = letters.iter().filter(|w| is_capitalised(w)).count();
        // Headlines capitalise ordinary words; there only unknown words count as names.
        let title_case = letters.len() >= 4 && capitalised * 10 >= letters.len() * 7;

        let mut spans = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if let Some((len, known)) = self.known_phrase(words, i) {
                let doubtful = known.ambiguous && (i == first_word || title_case);
                // A place name followed by another name is part of a longer
                // name: "Tara Reid", "Paris Hilton".
                let next_name = match words.get(i + len) {
                    // "Gulf of Aden", but not "Geneva and Lausanne".
                    Some(w) if CONNECTORS.contains(w) && *w != "and" && *w != "y" => i + len + 1,
                    _ => i + len,
                };
                let in_name = known.place
                    && words.get(next_name).is_some_and(|w| is_capitalised(w))
                    && (next_name > i + len || self.known_phrase(words, next_name).is_none());
                // "Syrian Center for Policy Research" is more than "Syrian".
                if !doubtful && !in_name && !self.org_words_follow(words, i + len) {
                    spans.push(TokenSpan {
                        tokens: i..i + len,
                        kind: known.kind,
                    });
                    i += len;
                    continue;
                }
            }
            if !is_capitalised(words[i]) {
                i += 1;
                continue;
            }
            // A run of capitalised words, with connectors inside.
            let mut end = i + 1;
            while end < words.len() {
                // Countries and known actors end a run; places may be surnames.
                let known_here = self.known_phrase(words, end).filter(|(_, k)| !k.place);
                if known_here.is_some() && !self.continues_name(words, i, end) {
                    break;
                }
                if is_capitalised(words[end]) && !(title_case && self.is_common(words[end])) {
                    end += 1;
                } else if CONNECTORS.contains(&words[end])
                    && words.get(end + 1).is_some_and(|w| is_capitalised(w))
                {
                    end += 2;
                } else {
                    break;
                }
            }
            spans.extend(self.classify_run(words, i, end, first_word, title_case));
            i = end;
        }
        spans
    }

    /// Whether the known phrase at `at` belongs inside the name starting at
    /// `start`: an organisation word follows it ("Syrian Center...") or it
    /// follows an Arabic organisation head ("Jabhat Fateh al-Sham").
    fn continues_name(&self, words: &[&str], start: usize, at: usize) -> bool {
        let head = words[start].to_lowercase();
        ARABIC_ORG_HEADS.contains(&head.as_str()) || self.org_words_follow(words, at)
    }

    /// Whether the capitalised run starting at `at` holds an organisation word.
    fn org_words_follow(&self, words: &[&str], at: usize) -> bool {
        words[at..]
            .iter()
            .take_while(|w| is_capitalised(w) || CONNECTORS.contains(w))
            .any(|w| self.lexicon.org_words.contains(&w.to_lowercase()))
    }

    /// Turns a capitalised run `words[start..end]` into zero or more spans.
    fn classify_run(
        &self,
        words: &[&str],
        mut start: usize,
        end: usize,
        first_word: usize,
        title_case: bool,
    ) -> Vec<TokenSpan> {
        let mut out = Vec::new();
        // Ordinary words at the start of a sentence or headline are not names.
        while start < end
            && (start == first_word || title_case || never_name(&words[start].to_lowercase()))
            && self.is_common(words[start])
            && !self.is_title(words[start])
        {
            start += 1;
        }
        // A title ("Deputy Foreign Minister") introduces a person: drop it,
        // keeping a leading country or demonym as its own mention.
        let mut after_title = start > 0 && self.is_title(words[start - 1]);
        if let Some(last_title) = (start..end).rev().find(|&k| self.is_title(words[k])) {
            let lead = self
                .known_phrase(words, start)
                .filter(|(len, _)| start + len <= last_title);
            if let Some((len, known)) = lead {
                out.push(TokenSpan {
                    tokens: start..start + len,
                    kind: known.kind,
                });
            }
            start = last_title + 1;
            after_title = true;
        }
        // Trailing connectors are not part of a name.
        let mut end = end;
        while end > start && CONNECTORS.contains(&words[end - 1]) {
            end -= 1;
        }
        if start >= end {
            return out;
        }
        let run = &words[start..end];
        // A lone ordinary word is a name only where capitals mean something:
        // mid-sentence, outside headlines ("the Colts", but not "Officials Meet").
        let ordinary =
            self.is_common(run[0]) && !is_acronym(run[0]) && (title_case || start == first_word);
        if run.len() == 1 && (ordinary || never_name(&run[0].to_lowercase())) {
            return out;
        }
        out.push(TokenSpan {
            tokens: start..end,
            kind: self.kind_of_run(run, after_title),
        });
        out
    }

    fn kind_of_run(&self, run: &[&str], after_title: bool) -> EntityKind {
        let lower: Vec<String> = run.iter().map(|w| w.to_lowercase()).collect();
        if ARABIC_ORG_HEADS.contains(&lower[0].as_str())
            || lower.iter().any(|w| self.lexicon.org_words.contains(w))
        {
            return EntityKind::Organisation;
        }
        if after_title {
            return EntityKind::Person;
        }
        if run.len() == 1 && is_acronym(run[0]) {
            return EntityKind::Organisation;
        }
        let first_name = self.lexicon.first_names.contains(&lower[0]);
        if run.len() <= 4
            && (first_name
                || run.len() >= 2 && self.lexicon.surnames.contains(&lower[run.len() - 1]))
        {
            return EntityKind::Person;
        }
        if run.len() == 1 && self.lexicon.surnames.contains(&lower[0]) {
            return EntityKind::Person;
        }
        if run.len() >= 2
            && run.iter().all(|w| !w.contains('-') || is_capitalised(w))
            && run.len() <= 3
        {
            return EntityKind::Person;
        }
        EntityKind::Misc
    }
}

impl EntityTagger for RuleTagger {
    fn tag(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TokenSpan>> {
        let mut tagged: Vec<Vec<TokenSpan>> =
            sentences.iter().map(|s| self.tag_sentence(s)).collect();
        // A single word that is the last word of a person named in the document is that person.
        let mut surnames: HashMap<String, ()> = HashMap::new();
        for (words, spans) in sentences.iter().zip(&tagged) {
            for span in spans
                .iter()
                .filter(|s| s.kind == EntityKind::Person && s.tokens.len() > 1)
            {
                surnames.insert(words[span.tokens.end - 1].to_lowercase(), ());
            }
        }
        for (words, spans) in sentences.iter().zip(tagged.iter_mut()) {
            for span in spans.iter_mut() {
                if span.tokens.len() == 1
                    && span.kind != EntityKind::Location
                    && surnames.contains_key(&words[span.tokens.start].to_lowercase())
                {
                    span.kind = EntityKind::Person;
                }
            }
        }
        tagged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{AnalyzedText, analyze};

    fn entities(text: &str) -> Vec<(String, EntityKind)> {
        let tagger = RuleTagger::builtin();
        let AnalyzedText { mentions, .. } = analyze(text, &tagger);
        mentions
            .iter()
            .map(|m| (text[m.start..m.end].to_string(), m.kind))
            .collect()
    }

    fn has(found: &[(String, EntityKind)], text: &str, kind: EntityKind) -> bool {
        found.iter().any(|(t, k)| t == text && *k == kind)
    }

    #[test]
    fn titles_introduce_people_and_demonyms_stay_apart() {
        let found = entities(
            "Russian Deputy Foreign Minister Sergey Ryabkov stated in a speech to Russia’s State Duma on Wednesday. Ryabkov added more.",
        );
        assert!(has(&found, "Russian", EntityKind::Misc), "{found:?}");
        assert!(
            has(&found, "Sergey Ryabkov", EntityKind::Person),
            "{found:?}"
        );
        assert!(has(&found, "Russia", EntityKind::Location), "{found:?}");
        assert!(
            has(&found, "State Duma", EntityKind::Organisation),
            "{found:?}"
        );
        assert!(has(&found, "Ryabkov", EntityKind::Person), "{found:?}");
        assert!(
            !found
                .iter()
                .any(|(t, _)| t.contains("Wednesday") || t.contains("Minister")),
            "{found:?}"
        );
    }

    #[test]
    fn organisation_words_and_arabic_heads_make_organisations() {
        let found = entities(
            "According to a report by the Syrian Center for Policy Research, terrorists of the Jabhat Fateh al-Sham group left.",
        );
        assert!(
            has(
                &found,
                "Syrian Center for Policy Research",
                EntityKind::Organisation
            ),
            "{found:?}"
        );
        assert!(
            has(&found, "Jabhat Fateh al-Sham", EntityKind::Organisation),
            "{found:?}"
        );
        assert!(!found.iter().any(|(t, _)| t == "According"), "{found:?}");
    }

    #[test]
    fn headline_capitals_are_not_names() {
        let found = entities("US, Russian Officials Meet in Geneva on Aleppo\n\nText follows.");
        assert!(has(&found, "US", EntityKind::Location), "{found:?}");
        assert!(has(&found, "Russian", EntityKind::Misc), "{found:?}");
        assert!(has(&found, "Geneva", EntityKind::Location), "{found:?}");
        assert!(has(&found, "Aleppo", EntityKind::Location), "{found:?}");
        assert!(
            !found.iter().any(|(t, _)| t.contains("Officials")),
            "{found:?}"
        );
    }

    #[test]
    fn lists_of_countries_are_separate_mentions() {
        let found = entities(
            "seven countries - Iran, Turkey, Egypt, Jordan, Iraq, Saudi Arabia and Qatar.",
        );
        for country in [
            "Iran",
            "Turkey",
            "Egypt",
            "Jordan",
            "Iraq",
            "Saudi Arabia",
            "Qatar",
        ] {
            assert!(
                has(&found, country, EntityKind::Location),
                "{country}: {found:?}"
            );
        }
    }
}
