//! Headlines in title case ("Lindsay Lohan Checks Into Rehab") capitalise
//! ordinary words, which a tagger reads as names. Before tagging, such a
//! headline's ordinary words are given their running-text case; the text
//! itself, and so every offset, is untouched.

use std::borrow::Cow;
use std::collections::HashSet;

use super::lexicon::Lexicon;

/// Words that title case may leave in lower case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with",
    "from", "as", "vs", "vs.", "nor", "up", "into", "over", "via", "that", "than", "is", "are",
    "be", "its", "off", "out", "amid", "after", "before", "against", "near", "per",
];

pub fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

pub fn all_caps(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

/// A word that is only ever an ordinary word, never a name the lexicon knows.
pub fn ordinary(lower: &str, lexicon: &Lexicon) -> bool {
    lexicon.common_words.contains(lower)
        && !lexicon.first_names.contains(lower)
        && !lexicon.surnames.contains(lower)
        && !lexicon.places.contains_key(lower)
        && lexicon.country(lower).is_none()
}

/// Words written capitalised inside sentences of running text: evidence
/// that they are names in this document ("the Colts", "the Academy").
pub fn names_in_running_text<'a>(
    sentences: &[Vec<&'a str>],
    lexicon: &Lexicon,
) -> HashSet<&'a str> {
    let mut names = HashSet::new();
    for words in sentences {
        if is_title_case(words, lexicon) {
            continue;
        }
        let first = words
            .iter()
            .position(|w| w.chars().any(char::is_alphabetic))
            .unwrap_or(0);
        for (i, w) in words.iter().enumerate() {
            // After the first word and not after an opening quote or colon.
            let opens =
                i > 0 && matches!(words[i - 1], "\"" | "“" | "‘" | ":" | "(" | "-" | "–" | "—");
            if i > first && !opens && capitalised(w) && !all_caps(w) {
                names.insert(*w);
            }
        }
    }
    names
}

fn is_title_case(words: &[&str], lexicon: &Lexicon) -> bool {
    // Words, not punctuation: a lone quote mark is neither case.
    let is_word = |w: &str| {
        w.chars().any(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    };
    // Every content word capitalised: tested first, since in running text
    // the first content word in lower case settles it, with nothing made.
    if !words
        .iter()
        .all(|w| capitalised(w) || !is_word(w) || is_small_word(w))
    {
        return false;
    }
    let content = || {
        words
            .iter()
            .copied()
            .filter(|w| is_word(w) && !is_small_word(w))
    };
    if content().count() < 3 || content().all(all_caps) {
        return false;
    }
    // Some of them plainly ordinary.
    content()
        .skip(1)
        .any(|w| !all_caps(w) && ordinary(&w.to_lowercase(), lexicon))
}

/// A word title case may leave in lower case ("the", "of"), in any case.
pub fn is_small_word(word: &str) -> bool {
    super::lowercase_in(word, SMALL_WORDS)
}

/// The words of a sentence as a tagger should see them: for a title-case
/// headline, ordinary words after the first in lower case, except those the
/// document writes capitalised in running text (`names`); otherwise `None`.
pub fn headline_forms<'a>(
    words: &[&'a str],
    names: &HashSet<&str>,
    lexicon: &Lexicon,
) -> Option<Vec<Cow<'a, str>>> {
    if !is_title_case(words, lexicon) {
        return None;
    }
    let first = words
        .iter()
        .position(|w| w.chars().any(char::is_alphabetic))
        .unwrap_or(0);
    Some(
        words
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                let lower = w.to_lowercase();
                if i > first
                    && capitalised(w)
                    && !all_caps(w)
                    && !names.contains(w)
                    && ordinary(&lower, lexicon)
                {
                    Cow::Owned(lower)
                } else {
                    Cow::Borrowed(w)
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(sentence: &str) -> Option<String> {
        let words: Vec<&str> = sentence.split(' ').collect();
        headline_forms(&words, &HashSet::new(), Lexicon::builtin()).map(|f| f.join(" "))
    }

    #[test]
    fn title_case_headlines_get_running_text_case() {
        assert_eq!(
            forms("Lindsay Lohan Checks Into Rehab At Betty Ford").as_deref(),
            Some("Lindsay Lohan checks into rehab at Betty Ford")
        );
        assert_eq!(
            forms("US , Russian Officials Meet in Geneva on Aleppo").as_deref(),
            Some("US , Russian officials meet in Geneva on Aleppo")
        );
    }

    #[test]
    fn words_capitalised_in_running_text_stay_names() {
        let body = "The Colts beat the Chiefs on Sunday .";
        let body: Vec<&str> = body.split(' ').collect();
        let sentences = vec![body];
        let names = names_in_running_text(&sentences, Lexicon::builtin());
        let headline: Vec<&str> = "Colts Beat Chiefs In Overtime Thriller"
            .split(' ')
            .collect();
        let forms = headline_forms(&headline, &names, Lexicon::builtin()).expect("a headline");
        assert_eq!(forms.join(" "), "Colts beat Chiefs in overtime thriller");
    }

    #[test]
    fn quote_marks_do_not_hide_a_title_case_headline() {
        assert_eq!(
            forms("Lindsay Lohan Checks Into Betty Ford Rehab – Where She ' Knows Everyone '")
                .as_deref(),
            Some("Lindsay Lohan checks into Betty Ford rehab – where she ' knows everyone '")
        );
    }

    #[test]
    fn running_text_and_all_caps_are_left_alone() {
        assert_eq!(
            forms("Lindsay Lohan checked into the Betty Ford Center on Friday ."),
            None
        );
        assert_eq!(forms("COLTS BEAT CHIEFS IN OVERTIME"), None);
        assert_eq!(forms("Sergey Ryabkov"), None);
    }
}
