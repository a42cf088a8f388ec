//! Fuzzy matching for the finder: the query's characters in order anywhere
//! in a label, scored by how tightly and where they match (after fzf's first
//! algorithm). Cheap enough to run over every actor and title of a 100k
//! article corpus on each key: one pass to find the match, one back to
//! tighten it, one to score, with no allocation per label.

use std::cell::RefCell;

/// Points for each matched character.
const MATCH: i64 = 16;
/// Extra for a character that starts a word ("J" of "Jabhat", "N" of "al-Nusra").
const WORD_START: i64 = 8;
/// Extra for a character right after the previous matched one; a run that
/// began at a word start keeps that bonus, so "Aleppo" beats "a l e p p o".
const CONSECUTIVE: i64 = 4;
/// Cost of the first skipped character of a gap, and of each one after it.
const GAP_START: i64 = 3;
const GAP_EXTENSION: i64 = 1;

/// A query ready for matching: smart case, as in editors (case matters only
/// when the query has a capital).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    chars: Vec<char>,
    /// The same as bytes, when the query is ASCII.
    ascii: Option<Vec<u8>>,
    exact_case: bool,
}

impl Query {
    pub fn new(text: &str) -> Query {
        let exact_case = text.chars().any(char::is_uppercase);
        let chars = text
            .chars()
            .map(|c| if exact_case { c } else { fold(c) })
            .collect::<Vec<char>>();
        let ascii = chars
            .iter()
            .all(char::is_ascii)
            .then(|| chars.iter().map(|&c| c as u8).collect());
        Query {
            chars,
            ascii,
            exact_case,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The letter or digit this query is, when it is one typed in lower
    /// case: then [`Query::score_first`] scores a label from its
    /// [`FirstLetters`].
    pub fn one_letter(&self) -> Option<usize> {
        match self.chars[..] {
            [c] if !self.exact_case && c.is_ascii() => class_of(c),
            _ => None,
        }
    }

    /// [`Query::score`] of the one-letter query `class` (from
    /// [`Query::one_letter`]) on the label `firsts` were made of.
    pub fn score_first(firsts: &FirstLetters, class: usize) -> Option<i64> {
        let first = firsts.0[class];
        if first & FirstLetters::FOUND == 0 {
            return None;
        }
        let start = first & FirstLetters::WORD_START != 0;
        Some(one_letter_score(usize::from(first & 0x0f), start))
    }

    /// The letters and digits a label must hold to match.
    pub fn letters(&self) -> Letters {
        Letters(self.chars.iter().fold(0, |set, &c| set | Letters::bit(c)))
    }

    /// The score of `label`, when the query matches it.
    pub fn score(&self, label: &str) -> Option<i64> {
        match self.chars[..] {
            [q] => self.score_one(label, q),
            _ => self.matched(label, |_| {}),
        }
    }

    /// [`Query::score`] for a query of one character, in one pass without
    /// copying the label: the first letter typed scores every label.
    fn score_one(&self, label: &str, q: char) -> Option<i64> {
        if q.is_ascii() && label.is_ascii() {
            let bytes = label.as_bytes();
            let i = u8::find(bytes, q as u8, self.exact_case)?;
            let before = i.checked_sub(1).map(|b| bytes[b]);
            return Some(one_letter_score(i, starts_word(before, bytes[i])));
        }
        let mut before = None;
        for (i, c) in label.chars().enumerate() {
            let same = if self.exact_case {
                c == q
            } else {
                fold(c) == q
            };
            if same {
                return Some(one_letter_score(i, starts_word(before, c)));
            }
            before = Some(c);
        }
        None
    }

    /// Char indices of the label's matched characters, when it matches.
    pub fn indices(&self, label: &str) -> Option<Vec<usize>> {
        let mut indices = Vec::new();
        self.matched(label, |i| indices.push(i)).map(|_| indices)
    }

    fn matched(&self, label: &str, on_match: impl FnMut(usize)) -> Option<i64> {
        if self.chars.is_empty() {
            return Some(0);
        }
        // Most labels and queries are ASCII: matched byte by byte, they need
        // no copy into chars, and byte indices are char indices.
        if let Some(bytes) = self.ascii.as_ref().filter(|_| label.is_ascii()) {
            return best_window(label.as_bytes(), bytes, self.exact_case, on_match);
        }
        thread_local! {
            static CHARS: RefCell<Vec<char>> = const { RefCell::new(Vec::new()) };
        }
        CHARS.with(|buffer| {
            let mut chars = buffer.borrow_mut();
            chars.clear();
            chars.extend(label.chars());
            best_window(&chars, &self.chars, self.exact_case, on_match)
        })
    }
}

/// What matching needs of a character: bytes of an ASCII label and chars
/// of any other are matched by the same code.
trait Unit: Copy + PartialEq {
    fn folded(self) -> Self;
    /// Where `q` (folded unless `exact_case`) first occurs in `units`.
    fn find(units: &[Self], q: Self, exact_case: bool) -> Option<usize> {
        units
            .iter()
            .position(|&c| if exact_case { c == q } else { c.folded() == q })
    }
    /// Where `q` last occurs in `units`.
    fn rfind(units: &[Self], q: Self, exact_case: bool) -> Option<usize> {
        units
            .iter()
            .rposition(|&c| if exact_case { c == q } else { c.folded() == q })
    }
    fn is_alphanumeric(self) -> bool;
    fn is_lowercase(self) -> bool;
    fn is_uppercase(self) -> bool;
}

impl Unit for u8 {
    fn folded(self) -> u8 {
        self.to_ascii_lowercase()
    }
    // Vectorised searches: most of matching is looking for the next
    // character of the query.
    fn find(units: &[u8], q: u8, exact_case: bool) -> Option<usize> {
        if exact_case || !q.is_ascii_alphabetic() {
            memchr::memchr(q, units)
        } else {
            memchr::memchr2(q, q.to_ascii_uppercase(), units)
        }
    }
    fn rfind(units: &[u8], q: u8, exact_case: bool) -> Option<usize> {
        if exact_case || !q.is_ascii_alphabetic() {
            memchr::memrchr(q, units)
        } else {
            memchr::memrchr2(q, q.to_ascii_uppercase(), units)
        }
    }
    fn is_alphanumeric(self) -> bool {
        self.is_ascii_alphanumeric()
    }
    fn is_lowercase(self) -> bool {
        self.is_ascii_lowercase()
    }
    fn is_uppercase(self) -> bool {
        self.is_ascii_uppercase()
    }
}

impl Unit for char {
    fn folded(self) -> char {
        fold(self)
    }
    fn is_alphanumeric(self) -> bool {
        char::is_alphanumeric(self)
    }
    fn is_lowercase(self) -> bool {
        char::is_lowercase(self)
    }
    fn is_uppercase(self) -> bool {
        char::is_uppercase(self)
    }
}

/// Whether `c`, after `before` (none at the start of a label), starts a
/// word: after anything but a letter or digit, or a capital after a small
/// letter ("iPhone").
fn starts_word<U: Unit>(before: Option<U>, c: U) -> bool {
    before.is_none_or(|b| !b.is_alphanumeric() || (b.is_lowercase() && c.is_uppercase()))
}

/// The score of a one-character query matched at `at`.
fn one_letter_score(at: usize, word_start: bool) -> i64 {
    let bonus = if word_start { 2 * WORD_START } else { 0 };
    MATCH + bonus - (at as i64).min(15)
}

/// The score of the tightest window of `label` holding `query` in order
/// (the query already folded unless `exact_case`), calling `on_match` with
/// the index of each matched unit.
fn best_window<U: Unit>(
    label: &[U],
    query: &[U],
    exact_case: bool,
    mut on_match: impl FnMut(usize),
) -> Option<i64> {
    let same = |c: U, q: U| if exact_case { c == q } else { c.folded() == q };
    // Forward: where the earliest complete match ends.
    let mut end = 0;
    for (q, &c) in query.iter().enumerate() {
        let from = if q == 0 { 0 } else { end + 1 };
        end = from + U::find(&label[from..], c, exact_case)?;
    }
    // Backward from there: the latest start, for the tightest window.
    let mut start = end + 1;
    for &c in query.iter().rev() {
        start = U::rfind(&label[..start], c, exact_case)?;
    }
    // Score the window, matching forward again.
    let mut score = 0;
    let mut q = 0;
    let mut gap = 0;
    let mut previous_matched = false;
    let mut run_bonus = 0;
    for i in start..=end {
        if q < query.len() && same(label[i], query[q]) {
            score += MATCH;
            let word_start = starts_word(i.checked_sub(1).map(|b| label[b]), label[i]);
            let bonus = if word_start { WORD_START } else { 0 };
            if previous_matched {
                run_bonus = run_bonus.max(bonus);
                score += CONSECUTIVE.max(run_bonus);
            } else {
                run_bonus = bonus;
                score += if q == 0 { 2 * bonus } else { bonus };
            }
            on_match(i);
            q += 1;
            gap = 0;
            previous_matched = true;
        } else {
            score -= if gap == 0 { GAP_START } else { GAP_EXTENSION };
            gap += 1;
            previous_matched = false;
        }
    }
    // Matches near the start of the label read as better.
    score -= (start as i64).min(15);
    Some(score)
}

/// Which ASCII letters and digits a text holds, case folded, as bits: a
/// label without one of the query's cannot match it, which is told without
/// reading the label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Letters(u64);

/// The place of a letter or digit (case folded) among the 36 kept.
fn class_of(c: char) -> Option<usize> {
    match fold(c) {
        c @ 'a'..='z' => Some(c as usize - 'a' as usize),
        c @ '0'..='9' => Some(26 + c as usize - '0' as usize),
        _ => None,
    }
}

/// Where each letter and digit first occurs in an ASCII label (up to the
/// 15th character, beyond which the place no longer counts) and whether a
/// word starts there: all a query of one letter needs, so the first key
/// typed reads no label at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstLetters([u8; 36]);

impl FirstLetters {
    const FOUND: u8 = 0x80;
    const WORD_START: u8 = 0x10;

    pub fn of(label: &str) -> Option<FirstLetters> {
        let bytes = label.as_bytes();
        if !label.is_ascii() {
            return None;
        }
        let mut firsts = [0u8; 36];
        for (i, &b) in bytes.iter().enumerate() {
            let Some(class) = class_of(char::from(b)) else {
                continue;
            };
            if firsts[class] != 0 {
                continue;
            }
            let word_start = starts_word(i.checked_sub(1).map(|b| bytes[b]), b);
            let start = if word_start { Self::WORD_START } else { 0 };
            firsts[class] = Self::FOUND | start | i.min(15) as u8;
        }
        Some(FirstLetters(firsts))
    }
}

impl Letters {
    fn bit(c: char) -> u64 {
        class_of(c).map_or(0, |class| 1 << class)
    }

    /// The letters of `text` (folded as matching folds them, so a
    /// character that folds to an ASCII letter counts as that letter).
    pub fn of(text: &str) -> Letters {
        Letters(text.chars().fold(0, |set, c| set | Letters::bit(c)))
    }

    /// The letters that start a word of an ASCII `text` (after a character
    /// that is not a letter or digit, or at the start); none for other text.
    pub fn at_word_starts(text: &str) -> Option<Letters> {
        let bytes = text.as_bytes();
        text.is_ascii().then(|| {
            Letters((0..bytes.len()).fold(0, |set, i| {
                if i == 0 || !bytes[i - 1].is_ascii_alphanumeric() {
                    set | Letters::bit(char::from(bytes[i]))
                } else {
                    set
                }
            }))
        })
    }

    /// True when every letter of `other` is here too.
    pub fn holds(self, other: Letters) -> bool {
        self.0 & other.0 == other.0
    }
}

/// The character compared when case does not matter.
fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_characters_in_order_anywhere() {
        let q = Query::new("ryab");
        assert!(q.score("Sergey Ryabkov").is_some());
        assert!(q.score("Ryabkov").is_some());
        assert_eq!(q.score("Bayr"), None);
        assert_eq!(
            Query::new("ryab").indices("Sergey Ryabkov"),
            Some(vec![7, 8, 9, 10])
        );
        assert_eq!(Query::new("").score("anything"), Some(0));
    }

    #[test]
    fn smart_case() {
        assert!(Query::new("nusra").score("al-Nusra").is_some());
        assert!(Query::new("Nusra").score("al-Nusra").is_some());
        assert_eq!(Query::new("NUSRA").score("al-Nusra"), None);
        assert!(Query::new("émile").score("Émile Zola").is_some());
    }

    #[test]
    fn tight_matches_at_word_starts_rank_first() {
        let q = Query::new("uk");
        let word_starts = q.score("United Kingdom").unwrap();
        let scattered = q.score("Brussels Truck Company").unwrap();
        assert!(word_starts > scattered, "{word_starts} {scattered}");
        let q = Query::new("aleppo");
        assert!(q.score("Aleppo").unwrap() > q.score("Talks on Aleppo").unwrap());
        assert!(q.score("Aleppo").unwrap() > q.score("a l e p p o").unwrap());
    }

    /// Labels for the one-letter tests: word starts, case, empty, late.
    const ONE_LETTER_LABELS: [&str; 6] =
        ["Aleppo", "al-Nusra", "Talks on Aleppo", "xyz", "NuSra", ""];

    #[test]
    fn one_letter_scores_as_the_general_match_does() {
        for label in ONE_LETTER_LABELS.into_iter().chain(["é a"]) {
            for q in ["a", "A", "n", "s", "é", "z"] {
                let query = Query::new(q);
                assert_eq!(
                    query.score(label),
                    query.matched(label, |_| {}),
                    "{q:?} in {label:?}"
                );
            }
        }
    }

    #[test]
    fn ascii_labels_match_as_chars_do() {
        let labels = [
            "Jabhat al-Nusra",
            "United Kingdom",
            "a......ab",
            "NuSra",
            "Brussels Truck Company",
            "x",
        ];
        for q in ["u", "uk", "nusra", "Nusra", "ab", "UK", "kingdom", "zz"] {
            let bytes = Query::new(q);
            assert!(bytes.ascii.is_some());
            let chars = Query {
                ascii: None,
                ..bytes.clone()
            };
            for label in labels {
                assert_eq!(bytes.score(label), chars.score(label), "{q:?} {label:?}");
                assert_eq!(
                    bytes.indices(label),
                    chars.indices(label),
                    "{q:?} {label:?}"
                );
            }
        }
    }

    #[test]
    fn a_label_that_matches_holds_the_query_letters() {
        let labels = [
            "Jabhat al-Nusra",
            "United Kingdom 2",
            "Émile Zola",
            "\u{212A}elvin",
            "x",
            "",
        ];
        for q in ["u", "nusra", "Nusra", "k", "émile", "2", "zz", "-", "kel"] {
            let query = Query::new(q);
            for label in labels {
                if query.score(label).is_some() {
                    assert!(Letters::of(label).holds(query.letters()), "{q:?} {label:?}");
                }
            }
        }
        assert!(!Letters::of("Aleppo").holds(Query::new("ax").letters()));
        let starts = Letters::at_word_starts("Jabhat al-Nusra").unwrap();
        assert!(starts.holds(Letters::of("jan")));
        assert!(!starts.holds(Letters::of("b")));
        assert_eq!(Letters::at_word_starts("Émile"), None);
    }

    #[test]
    fn one_letter_scores_from_first_letters_as_from_the_label() {
        let more = ["a long label whose only z comes late", "iPhone 4"];
        for label in ONE_LETTER_LABELS.into_iter().chain(more) {
            let firsts = FirstLetters::of(label).unwrap();
            for q in ["a", "n", "s", "z", "p", "4", "o"] {
                let query = Query::new(q);
                let class = query.one_letter().unwrap();
                assert_eq!(
                    Query::score_first(&firsts, class),
                    query.score(label),
                    "{q:?} in {label:?}"
                );
            }
        }
        assert_eq!(Query::new("A").one_letter(), None, "case matters");
        assert_eq!(Query::new("ab").one_letter(), None);
        assert_eq!(Query::new("-").one_letter(), None);
        assert_eq!(FirstLetters::of("Émile"), None);
    }

    #[test]
    fn the_tightest_window_is_scored() {
        // The first "a" is far from the rest: the match uses the later one.
        let indices = Query::new("ab").indices("a......ab").unwrap();
        assert_eq!(indices, [7, 8]);
    }
}
