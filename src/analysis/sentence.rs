//! Sentence splitting over tokens.

use std::ops::Range;

use super::token::Token;

/// The most tokens a sentence may have; longer runs are cut. Real sentences
/// are far shorter (the longest of CoNLL-2003 has 124 tokens).
pub const MAX_SENTENCE_TOKENS: usize = 500;

/// Splits tokens into sentences, returned as ranges of token indices.
///
/// A sentence ends after ".", "!", "?" or "…" (and any closing quotes or
/// brackets that follow) when the next token can start a sentence, and at
/// every line break unless the next line continues in lower case. Headlines
/// and datelines, which carry no final punctuation, so become sentences of
/// their own.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let Some(next) = tokens.get(i + 1) else {
            break;
        };
        if i + 1 - start == MAX_SENTENCE_TOKENS {
            // Text with no sentence ends (a list, a run of words) is cut
            // into pieces: the tagger's memory grows with a sentence.
            sentences.push(start..i + 1);
            start = i + 1;
            continue;
        }
        let word = tokens[i].text(text);
        let next_word = next.text(text);
        let gap = &text[tokens[i].end..next.start];
        let next_starts_lower = next_word.chars().next().is_some_and(char::is_lowercase);
        let line_break = gap.contains('\n') && (!next_starts_lower || gap.contains("\n\n"));
        // Straight quotes are ambiguous: one attached to the word before it closes.
        let closes = |t: usize| {
            t > 0 && is_closer(tokens[t].text(text)) && tokens[t - 1].end == tokens[t].start
        };
        let terminal = ends_sentence(word)
            || (closes(i) && i > start && ends_sentence(tokens[i - 1].text(text)));
        let after_terminal = terminal && !closes(i + 1) && can_start_sentence(next_word);
        if line_break || after_terminal {
            sentences.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        sentences.push(start..tokens.len());
    }
    sentences
}

fn ends_sentence(word: &str) -> bool {
    matches!(word, "." | "!" | "?" | "…" | "..." | "?!" | "!?")
        || word.chars().all(|c| c == '.') && !word.is_empty()
}

fn is_closer(word: &str) -> bool {
    matches!(word, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

fn can_start_sentence(word: &str) -> bool {
    word.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '-' | '–' | '—'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::token::tokenize;

    fn sentences(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        split_sentences(text, &tokens)
            .into_iter()
            .map(|r| text[tokens[r.start].start..tokens[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn splits_at_full_stops_but_not_abbreviations() {
        assert_eq!(
            sentences("Mr. Smith met U.S. officials. They talked. \"Fine,\" he said. Done!"),
            [
                "Mr. Smith met U.S. officials.",
                "They talked.",
                "\"Fine,\" he said.",
                "Done!"
            ]
        );
    }

    #[test]
    fn quotes_after_the_stop_stay_with_the_sentence() {
        assert_eq!(
            sentences("He said \"it is over.\" Then he left."),
            ["He said \"it is over.\"", "Then he left."]
        );
    }

    #[test]
    fn headlines_and_paragraphs_are_sentences() {
        assert_eq!(
            sentences(
                "All news\n\nTalks on Aleppo kick off\n\nGENEVA, October 19. /TASS/. Talks began."
            ),
            [
                "All news",
                "Talks on Aleppo kick off",
                "GENEVA, October 19. /TASS/.",
                "Talks began."
            ]
        );
    }

    #[test]
    fn wrapped_lines_continuing_in_lower_case_are_joined() {
        assert_eq!(
            sentences("The talks were held\nin Geneva on Wednesday."),
            ["The talks were held\nin Geneva on Wednesday."]
        );
    }

    #[test]
    fn empty_text_has_no_sentences() {
        assert!(sentences("").is_empty());
        assert!(sentences("  \n ").is_empty());
    }

    #[test]
    fn a_run_without_sentence_ends_is_cut_into_bounded_pieces() {
        let text = "Ab ".repeat(2 * MAX_SENTENCE_TOKENS + 7);
        let tokens = tokenize(&text);
        let lengths: Vec<usize> = split_sentences(&text, &tokens)
            .iter()
            .map(|r| r.len())
            .collect();
        assert_eq!(lengths, [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 7]);
    }
}
