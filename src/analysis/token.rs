//! Tokenisation that keeps byte offsets into the original text.
//!
//! Tokens follow the conventions of newswire treebanks (and so of CoNLL-2003):
//! punctuation is split off words, hyphenated words stay whole ("al-Nusra"),
//! possessive "'s" is its own token, and abbreviations keep their period
//! ("U.S.", "Gen.").

/// A token: the byte range `start..end` of the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Words whose trailing period belongs to the word, not to the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "maj", "rep", "sen", "gov", "pres", "rev", "hon", "messrs", "inc", "corp", "co", "ltd",
    "bros", "vs", "etc", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    "ave", "blvd", "mt", "ft", "approx", "dept", "est", "fig", "govt", "intl", "assn", "univ",
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky",
    "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
    "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
];

/// True when `word` (without its final period) is a known abbreviation or a
/// dotted initialism such as "U.S" or a single capital initial such as "J".
pub fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_alphabetic(),
        _ => {
            // Dotted initialisms: letters separated by single periods ("U.S", "a.m").
            word.contains('.')
                && word
                    .split('.')
                    .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
        }
    }
}

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '«'
            | '‹'
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '¿'
            | '¡'
            | '/'
            | '*'
    )
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '»'
            | '›'
            | '”'
            | '’'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '.'
            | '…'
            | '/'
            | '*'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '–' | '—' | '―' | '‒')
}

/// Splits `text` into tokens with byte offsets.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || crate::safe::breaks_names(c) {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, &mut tokens);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), &mut tokens);
    }
    tokens
}

/// Splits one whitespace-free chunk `text[start..end]` into tokens.
fn split_chunk(text: &str, mut start: usize, mut end: usize, out: &mut Vec<Token>) {
    // Leading punctuation, one token per character.
    while start < end {
        let c = text[start..end].chars().next().expect("non-empty");
        if is_open_punct(c) || is_dash(c) {
            out.push(Token {
                start,
                end: start + c.len_utf8(),
            });
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, collected in reverse.
    let mut trailing = Vec::new();
    while start < end {
        let word = &text[start..end];
        let c = word.chars().next_back().expect("non-empty");
        let before = &word[..word.len() - c.len_utf8()];
        let split = if c == '.' {
            // "U.S." and "Gen." keep their period; "...", and a sentence's full stop do not.
            before.is_empty() || before.ends_with('.') || !is_abbreviation(before)
        } else if c == '\'' || c == '’' {
            // A closing quote, or the possessive of a plural ("delegations’"): split it.
            true
        } else {
            is_close_punct(c) || is_dash(c)
        };
        if !split {
            break;
        }
        // Runs of periods ("...") form one token.
        let mut tok_start = end - c.len_utf8();
        if c == '.' {
            while tok_start > start && text.as_bytes()[tok_start - 1] == b'.' {
                tok_start -= 1;
            }
        }
        trailing.push(Token {
            start: tok_start,
            end,
        });
        end = tok_start;
    }
    if start < end {
        split_core(text, start, end, out);
    }
    out.extend(trailing.into_iter().rev());
}

/// Splits the core of a chunk at dashes, commas between letters, and
/// possessive or contraction suffixes.
fn split_core(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let word = &text[start..end];
    // Em and en dashes separate words ("Aleppo—Syria"); so do double hyphens.
    let mut piece_start = start;
    let mut iter = word.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((off, c)) = iter.next() {
        let at = start + off;
        let next = iter.peek().map(|&(_, n)| n);
        let breaks_here = is_dash(c)
            || (c == '-' && next == Some('-'))
            || (c == ','
                && !(prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit())));
        if breaks_here {
            if piece_start < at {
                split_suffixes(text, piece_start, at, out);
            }
            let mut sep_end = at + c.len_utf8();
            if c == '-' {
                while text[sep_end..end].starts_with('-') {
                    sep_end += 1;
                    iter.next();
                }
            }
            out.push(Token {
                start: at,
                end: sep_end,
            });
            piece_start = sep_end;
        }
        prev = Some(c);
    }
    if piece_start < end {
        split_suffixes(text, piece_start, end, out);
    }
}

/// Splits "Russia's" into "Russia" + "'s" and "don't" into "do" + "n't".
fn split_suffixes(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let word = &text[start..end];
    // Every suffix holds an apostrophe, which no lower-casing makes: most
    // words need no lower-case copy.
    if !word.contains(['\'', '’']) {
        out.push(Token { start, end });
        return;
    }
    let lower = word.to_lowercase();
    for suffix in ["n't", "n’t"] {
        if lower.ends_with(suffix) && word.len() > suffix.len() {
            let cut = end - suffix.len();
            out.push(Token { start, end: cut });
            out.push(Token { start: cut, end });
            return;
        }
    }
    for suffix in [
        "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m",
    ] {
        if lower.ends_with(suffix) && word.len() > suffix.len() {
            let cut = end - suffix.len();
            out.push(Token { start, end: cut });
            out.push(Token { start: cut, end });
            return;
        }
    }
    out.push(Token { start, end });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_punctuation_and_keeps_hyphenated_words() {
        assert_eq!(
            words("from the Jabhat al-Nusra (terrorist group outlawed in Russia),\""),
            [
                "from",
                "the",
                "Jabhat",
                "al-Nusra",
                "(",
                "terrorist",
                "group",
                "outlawed",
                "in",
                "Russia",
                ")",
                ",",
                "\""
            ]
        );
    }

    #[test]
    fn dateline_tokens() {
        assert_eq!(
            words("GENEVA, October 19. /TASS/. Consultations"),
            [
                "GENEVA",
                ",",
                "October",
                "19",
                ".",
                "/",
                "TASS",
                "/",
                ".",
                "Consultations"
            ]
        );
        assert_eq!(
            words("TEHRAN (Tasnim) – Senior"),
            ["TEHRAN", "(", "Tasnim", ")", "–", "Senior"]
        );
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            words("the U.S. and Mr. Smith met Gen. Lee."),
            [
                "the", "U.S.", "and", "Mr.", "Smith", "met", "Gen.", "Lee", "."
            ]
        );
    }

    #[test]
    fn possessives_and_numbers() {
        assert_eq!(
            words("Russia’s State Duma, 470,000 people, 1.9 million; delegations’ work"),
            [
                "Russia",
                "’s",
                "State",
                "Duma",
                ",",
                "470,000",
                "people",
                ",",
                "1.9",
                "million",
                ";",
                "delegations",
                "’",
                "work"
            ]
        );
    }

    #[test]
    fn offsets_are_byte_offsets_into_the_text() {
        let text = "“The idea,” said Ryabkov—twice…";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(!t.text(text).trim().is_empty());
        }
        assert_eq!(
            words(text),
            [
                "“", "The", "idea", ",", "”", "said", "Ryabkov", "—", "twice", "…"
            ]
        );
    }

    #[test]
    fn control_characters_separate_tokens() {
        assert_eq!(words("a\u{1b}[31mb"), ["a", "[", "31mb"]);
        assert_eq!(
            words("\u{feff}Olaf\0Scholz\u{202e}x"),
            ["Olaf", "Scholz", "x"]
        );
    }
}
