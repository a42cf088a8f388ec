//! Full-text search queries: words, "phrases" and prefix* terms, all of
//! which must occur in an article. What finds the articles (a full-text
//! index, [`TextIndex`]) lives in the store; where a hit is in the text is
//! found here, from the text itself.

use std::fmt::Debug;
use std::ops::Range;

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word(String),
    /// A word start: `negoti*`.
    Prefix(String),
    /// Words in a row: `"peace talks"`.
    Phrase(Vec<String>),
}

/// A parsed query: every term must occur.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextQuery {
    pub terms: Vec<Term>,
}

/// Finds the articles that match a query, best first.
pub trait TextIndex: Debug + Send {
    /// Up to `limit` article indices, ranked (bm25).
    fn search(&self, query: &TextQuery, limit: usize) -> Vec<usize>;
}

impl TextQuery {
    /// The query in `text`, or `None` when it has no word.
    pub fn parse(text: &str) -> Option<TextQuery> {
        let mut terms = Vec::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if c == '"' {
                let inner = &rest[1..];
                let end = inner.find('"').unwrap_or(inner.len());
                let words = words(&inner[..end]);
                match words.len() {
                    0 => {}
                    1 => terms.push(Term::Word(words[0].clone())),
                    _ => terms.push(Term::Phrase(words)),
                }
                rest = inner.get(end + 1..).unwrap_or("");
            } else if is_word_char(c) {
                let end = rest
                    .char_indices()
                    .find(|&(_, c)| !is_word_char(c))
                    .map_or(rest.len(), |(i, _)| i);
                let word = fold_word(&rest[..end]);
                rest = &rest[end..];
                if let Some(after) = rest.strip_prefix('*') {
                    terms.push(Term::Prefix(word));
                    rest = after;
                } else {
                    terms.push(Term::Word(word));
                }
            } else {
                rest = &rest[c.len_utf8()..];
            }
        }
        (!terms.is_empty()).then_some(TextQuery { terms })
    }

    /// The query in FTS5's syntax: every word quoted, so that nothing a
    /// user types is read as an operator.
    pub fn to_fts(&self) -> String {
        let quote = |w: &str| format!("\"{}\"", w.replace('"', "\"\""));
        self.terms
            .iter()
            .map(|t| match t {
                Term::Word(w) => quote(w),
                Term::Prefix(w) => format!("{}*", quote(w)),
                Term::Phrase(words) => quote(&words.join(" ")),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The byte range of the first place in `text` where a term occurs.
    pub fn locate(&self, text: &str) -> Option<Range<usize>> {
        let spans = word_spans(text);
        let folded: Vec<String> = spans.iter().map(|r| fold_word(&text[r.clone()])).collect();
        let mut best: Option<Range<usize>> = None;
        for term in &self.terms {
            let found = match term {
                Term::Word(w) => folded.iter().position(|f| f == w).map(|i| spans[i].clone()),
                Term::Prefix(w) => folded
                    .iter()
                    .position(|f| f.starts_with(w.as_str()))
                    .map(|i| spans[i].clone()),
                Term::Phrase(words) => (0..folded.len().saturating_sub(words.len() - 1))
                    .find(|&i| words.iter().zip(&folded[i..]).all(|(w, f)| w == f))
                    .map(|i| spans[i].start..spans[i + words.len() - 1].end),
            };
            if let Some(found) = found
                && best.as_ref().is_none_or(|b| found.start < b.start)
            {
                best = Some(found);
            }
        }
        best
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A word as compared: lower case.
fn fold_word(word: &str) -> String {
    word.to_lowercase()
}

fn words(text: &str) -> Vec<String> {
    word_spans(text)
        .into_iter()
        .map(|r| fold_word(&text[r]))
        .collect()
}

/// The byte ranges of the words of `text`.
fn word_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push(s..text.len());
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_phrases_and_prefixes() {
        let q = TextQuery::parse("Ceasefire \"peace  TALKS\" negoti* \"x\"").unwrap();
        assert_eq!(
            q.terms,
            [
                Term::Word("ceasefire".into()),
                Term::Phrase(vec!["peace".into(), "talks".into()]),
                Term::Prefix("negoti".into()),
                Term::Word("x".into()),
            ]
        );
        assert_eq!(
            q.to_fts(),
            "\"ceasefire\" \"peace talks\" \"negoti\"* \"x\""
        );
        assert_eq!(TextQuery::parse("  -- \"\" *"), None);
        // Operators and quotes typed by the user stay words.
        let q = TextQuery::parse("a OR b NEAR(c) \"d").unwrap();
        assert_eq!(q.to_fts(), "\"a\" \"or\" \"b\" \"near\" \"c\" \"d\"");
    }

    #[test]
    fn locates_the_first_hit() {
        let text = "Talks stalled. The Peace talks resumed; negotiators met.";
        let at = |q: &str| TextQuery::parse(q).unwrap().locate(text).map(|r| &text[r]);
        assert_eq!(at("\"peace talks\""), Some("Peace talks"));
        assert_eq!(at("negoti*"), Some("negotiators"));
        assert_eq!(at("talks"), Some("Talks"));
        assert_eq!(at("met negoti*"), Some("negotiators"));
        assert_eq!(at("ceasefire"), None);
        assert_eq!(at("\"talks peace\""), None);
    }
}
