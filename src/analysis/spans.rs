//! A name neither starts nor ends with a word in lower case ("southern Iran",
//! "Bush had enacted legislation"), nor holds one other than the particles
//! names carry ("bin", "de", "van", "of"): such words are trimmed from a
//! mention, or split it.

use super::{Mention, Token, token_range};

const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "abu", "de", "da", "di", "du", "del", "della", "der", "den", "van",
    "von", "la", "le", "of", "and", "for", "the", "y",
];

/// A word that cannot start or end a name.
fn lower_word(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
        && !word.chars().any(char::is_uppercase)
        && !word.chars().any(|c| c.is_ascii_digit())
}

/// Trims lower-case words from both ends of every mention; a mention left
/// with no word is dropped. Offsets stay on token boundaries.
pub fn trim_lowercase_ends(text: &str, tokens: &[Token], mentions: Vec<Mention>) -> Vec<Mention> {
    mentions
        .into_iter()
        .filter_map(|m| {
            let range = token_range(tokens, m.start, m.end);
            let (mut first, mut last) = (range.start, range.end);
            let trims_start = |w: &str| lower_word(w) && !PARTICLES.contains(&w);
            while first < last && trims_start(tokens[first].text(text)) {
                first += 1;
            }
            while last > first && lower_word(tokens[last - 1].text(text)) {
                last -= 1;
            }
            if first == last {
                return None;
            }
            Some((m, first, last))
        })
        .flat_map(|(m, first, last)| split_at_inner_words(text, tokens, m, first, last))
        .collect()
}

/// "the Chargers its Winston - Shell Award": a word in lower case inside a
/// name that no name carries there splits it; "Won't" ends no name ("Gary
/// Ross Wo n't").
fn split_at_inner_words(
    text: &str,
    tokens: &[Token],
    m: Mention,
    first: usize,
    last: usize,
) -> Vec<Mention> {
    let breaks = |i: usize| {
        let w = tokens[i].text(text);
        let contraction = tokens.get(i + 1).is_some_and(|t| t.text(text) == "n't");
        (lower_word(w) && !PARTICLES.contains(&w)) || contraction
    };
    let mut pieces = Vec::new();
    let mut start = first;
    for i in first..=last {
        if i == last || breaks(i) {
            if start < i {
                pieces.push(Mention {
                    start: tokens[start].start,
                    end: tokens[i - 1].end,
                    ..m.clone()
                });
            }
            start = i + 1;
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::EntityKind;
    use crate::analysis::token::tokenize;

    fn trimmed(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let whole = Mention {
            start: 0,
            end: text.len(),
            kind: EntityKind::Location,
            sentence: 0,
        };
        trim_lowercase_ends(text, &tokens, vec![whole])
            .iter()
            .map(|m| text[m.start..m.end].to_string())
            .collect()
    }

    #[test]
    fn lower_case_words_at_either_end_go() {
        assert_eq!(trimmed("southern Iran"), ["Iran"]);
        assert_eq!(trimmed("Bush had enacted legislation"), ["Bush"]);
        assert_eq!(trimmed("downtown Palmer"), ["Palmer"]);
    }

    #[test]
    fn particles_and_inner_words_stay() {
        assert_eq!(trimmed("al-Nusra"), ["al-Nusra"]);
        assert_eq!(trimmed("bin Laden"), ["bin Laden"]);
        assert_eq!(trimmed("Gulf of Aden"), ["Gulf of Aden"]);
        assert_eq!(trimmed("Philadelphia 76ers"), ["Philadelphia 76ers"]);
        assert!(trimmed("the police").is_empty());
    }

    #[test]
    fn inner_words_no_name_carries_split_it() {
        assert_eq!(trimmed("Chargers its Winston"), ["Chargers", "Winston"]);
        assert_eq!(trimmed("Gary Ross Won't"), ["Gary Ross"]);
        assert_eq!(trimmed("Bank of America"), ["Bank of America"]);
    }
}
