//! Teams go by plural nicknames made of ordinary nouns: "the Colts", "the
//! Saints", "Chargers defensive lineman", and "the Philadelphia 76ers". A
//! tagger trained on newswire of another sport misses them or calls them
//! miscellaneous. In a document that writes such a word capitalised inside
//! a sentence and never in lower case, every occurrence is an organisation.

use std::collections::HashSet;

use fnv::FnvHashSet;

use super::lexicon::Lexicon;
use super::truecase::capitalised;
use super::{EntityKind, Mention, Token, token_range};

/// A plural ordinary noun, written capitalised ("Colts", "Bluejays").
fn plural_noun(word: &str, lexicon: &Lexicon) -> bool {
    // Most words fail the first tests: lower-cased only when they pass.
    if !capitalised(word) || word.chars().count() <= 3 {
        return false;
    }
    let lower = word.to_lowercase();
    lower.ends_with('s')
        && !lower.ends_with("ss")
        && lexicon.common_words.contains(&lower)
        && lexicon.country(&lower).is_none()
}

/// "76ers", "49ers": a number made a plural noun.
fn numbered_nickname(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && word.len() > digits + 1
        && word.ends_with('s')
        && word[digits..].chars().all(|c| c.is_ascii_lowercase())
}

/// Team nicknames of the document, as written (see the module comment).
fn nicknames<'t>(
    text: &'t str,
    tokens: &[Token],
    sentences: &[std::ops::Range<usize>],
    lexicon: &Lexicon,
) -> HashSet<&'t str> {
    // FNV: a set of nearly every word of the text, hashed once per word.
    let lower: FnvHashSet<&str> = tokens
        .iter()
        .map(|t| t.text(text))
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect();
    // Title-case headlines capitalise every noun: evidence comes from the body,
    // after a word in lower case ("against Chargers", "the Colts").
    let body = super::headline::headline_len(text).unwrap_or(0);
    let mut found = HashSet::new();
    for range in sentences {
        for i in range.start + 1..range.end {
            let word = tokens[i].text(text);
            let after = tokens[i - 1].text(text);
            let inside = after == ","
                || after == "The"
                || after.chars().next().is_some_and(char::is_lowercase);
            if inside
                && tokens[i].start >= body
                && plural_noun(word, lexicon)
                && !word.chars().skip(1).all(char::is_uppercase)
                && !lower.contains(word.to_lowercase().as_str())
            {
                found.insert(word);
            }
        }
    }
    found
}

/// Adds the document's team nicknames as organisations: untagged ones as new
/// mentions, single-word mentions of another type retyped, and a number
/// nickname after a place joined to it ("Philadelphia 76ers").
pub fn tag_nicknames(
    text: &str,
    tokens: &[Token],
    sentences: &[std::ops::Range<usize>],
    mut mentions: Vec<Mention>,
    lexicon: &Lexicon,
) -> Vec<Mention> {
    let mut names = nicknames(text, tokens, sentences, lexicon);
    // "Maurice Cheeks": a word that ends a person's name here is a surname.
    for m in &mentions {
        let words = &text[m.start..m.end];
        if m.kind == EntityKind::Person
            && let Some((_, last)) = words.rsplit_once(' ')
        {
            names.remove(last);
        }
    }
    let is_nickname = |word: &str| {
        names.contains(word)
            || names
                .iter()
                .any(|n| n.to_uppercase() == word && word.len() == n.len())
    };
    let mut taken = vec![false; tokens.len()];
    let starts: HashSet<usize> = mentions.iter().map(|m| m.start).collect();
    for m in mentions.iter_mut() {
        let range = token_range(tokens, m.start, m.end);
        let (first, last) = (range.start, range.end);
        taken[first..last].fill(true);
        if last == first + 1 && is_nickname(tokens[first].text(text)) {
            m.kind = EntityKind::Organisation;
        }
        if let Some(next) = tokens.get(last)
            && next.start == m.end + 1
            && numbered_nickname(next.text(text))
            && m.kind == EntityKind::Location
            && !starts.contains(&next.start)
        {
            m.end = next.end;
            m.kind = EntityKind::Organisation;
            taken[last] = true;
        }
    }
    if names.is_empty() {
        return mentions;
    }
    let mut added = Vec::new();
    for (index, range) in sentences.iter().enumerate() {
        for i in range.clone() {
            if !taken[i] && is_nickname(tokens[i].text(text)) {
                added.push(Mention {
                    start: tokens[i].start,
                    end: tokens[i].end,
                    kind: EntityKind::Organisation,
                    sentence: index,
                });
            }
        }
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| m.start);
    }
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::AnalyzedText;

    fn tagged(text: &str, phrases: &[(&str, EntityKind)]) -> Vec<(String, EntityKind)> {
        let a = AnalyzedText::untagged(text);
        let mentions: Vec<Mention> = phrases
            .iter()
            .map(|&(p, kind)| crate::analysis::mention_of(text, p, 0, kind))
            .collect();
        tag_nicknames(text, &a.tokens, &a.sentences, mentions, Lexicon::builtin())
            .iter()
            .map(|m| (text[m.start..m.end].to_string(), m.kind))
            .collect()
    }

    use EntityKind::*;

    #[test]
    fn capitalised_plural_nouns_are_teams() {
        let got = tagged(
            "Colts beat Jags. Manning led the Colts past the Jaguars, and Jags fans left.",
            &[("Manning", Person), ("Jaguars", Misc)],
        );
        let names: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            names,
            ["Colts", "Jags", "Manning", "Colts", "Jaguars", "Jags"]
        );
        assert!(
            got.iter()
                .filter(|(s, _)| s != "Manning")
                .all(|(_, k)| *k == Organisation)
        );
    }

    #[test]
    fn a_word_the_document_writes_in_lower_case_is_no_team() {
        let got = tagged(
            "The Saints won. The saints of the city prayed for the Saints.",
            &[],
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_surname_is_no_team() {
        let got = tagged(
            "Maurice Cheeks was fired. The team fired Cheeks on Saturday.",
            &[("Maurice Cheeks", Person)],
        );
        assert_eq!(got, [("Maurice Cheeks".to_string(), Person)]);
    }

    #[test]
    fn a_number_nickname_joins_the_place_before_it() {
        let got = tagged(
            "The Philadelphia 76ers fired their coach.",
            &[("Philadelphia", Location)],
        );
        assert_eq!(got, [("Philadelphia 76ers".to_string(), Organisation)]);
    }

    #[test]
    fn ordinary_capitals_and_peoples_stay_apart() {
        let got = tagged(
            "US, Russian Officials Meet\nAmericans voted. The Americans and Britons met.",
            &[],
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
