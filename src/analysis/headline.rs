//! The first line of a news text is its headline: written in title case or
//! capitals, cut short, run into a date. A tagger reads fragments of it as
//! names ("Creighton Defeats Drake", "Teixeira Rumor"). The body says which
//! names the article really uses, so a headline span keeps only those, and a
//! headline word the body names is tagged as the body tags it ("COLTS").

use std::collections::HashMap;

use super::lexicon::Lexicon;
use super::truecase::{capitalised, ordinary};
use super::{EntityKind, Mention, Token, token_range};

/// Headlines longer than this are taken to be running text.
const MAX_HEADLINE_BYTES: usize = 300;

/// The byte length of the headline line, if `text` starts with one: a first
/// line that is followed by more text.
pub fn headline_len(text: &str) -> Option<usize> {
    let end = text.find('\n')?;
    let line = text[..end].trim();
    let rest = text[end..].trim();
    (!line.is_empty() && !rest.is_empty() && end <= MAX_HEADLINE_BYTES).then_some(end)
}

/// The names of the body, as lower-case word sequences, with their type: each
/// whole name, and the surname of a person named in full.
fn body_names(
    text: &str,
    tokens: &[Token],
    mentions: &[Mention],
    headline_end: usize,
) -> HashMap<Vec<String>, EntityKind> {
    let mut names = HashMap::new();
    for m in mentions.iter().filter(|m| m.start >= headline_end) {
        let words: Vec<String> = tokens[token_range(tokens, m.start, m.end)]
            .iter()
            .map(|t| t.text(text).to_lowercase())
            .collect();
        if words.is_empty() {
            continue;
        }
        if m.kind == EntityKind::Person && words.len() > 1 {
            names
                .entry(vec![words[words.len() - 1].clone()])
                .or_insert(m.kind);
        }
        // The full name's own type wins over a surname's.
        names.insert(words, m.kind);
    }
    names
}

/// Rewrites the headline's mentions in the light of the body's names (see the
/// module comment). `mentions` are in text order and stay so; `sentence_of`
/// gives the sentence of a token index.
pub fn repair(
    text: &str,
    tokens: &[Token],
    mentions: Vec<Mention>,
    lexicon: &Lexicon,
    sentence_of: impl Fn(usize) -> usize,
) -> Vec<Mention> {
    let Some(end) = headline_len(text) else {
        return mentions;
    };
    let names = body_names(text, tokens, &mentions, end);
    if names.is_empty() {
        return mentions;
    }
    let max_len = names.keys().map(Vec::len).max().unwrap_or(0);
    let headline = tokens.partition_point(|t| t.start < end);
    let raw: Vec<&str> = tokens[..headline].iter().map(|t| t.text(text)).collect();
    let words: Vec<String> = raw.iter().map(|w| w.to_lowercase()).collect();
    let name_like = |i: usize| capitalised(raw[i]) && !ordinary(&words[i], lexicon);
    // Token ranges of the headline's mentions.
    let (head, body): (Vec<Mention>, Vec<Mention>) =
        mentions.into_iter().partition(|m| m.start < end);
    let mut spans: Vec<(usize, usize, Option<EntityKind>)> = head
        .iter()
        .map(|m| {
            let range = token_range(tokens, m.start, m.end);
            (range.start, range.end, Some(m.kind))
        })
        .collect();
    let mut out = Vec::with_capacity(head.len() + body.len());
    let found = longest_names(&words, 0, headline, &names, max_len);
    // Untagged stretches between the model's spans: body names found there are added.
    let mut covered = vec![false; headline];
    for &(a, b, _) in &spans {
        covered[a..b.min(headline)].fill(true);
    }
    for &(a, b, kind) in &found {
        if covered[a..b].iter().all(|c| !c) {
            spans.push((a, b, Some(kind)));
        }
    }
    spans.sort_by_key(|s| s.0);
    for (a, b, kind) in spans {
        let whole = &words[a..b.min(headline)];
        let inside: Vec<&(usize, usize, EntityKind)> =
            found.iter().filter(|f| f.0 >= a && f.1 <= b).collect();
        let pieces: Vec<(usize, usize, EntityKind)> = match names.get(whole) {
            Some(&body_kind) => vec![(a, b, body_kind)],
            // A body name grows over the name-like words around it
            // ("Lindsay" -> "Lindsay Lohan", not "Lindsay Lohan Checks").
            // Each grows only up to its neighbours, never into them.
            None if !inside.is_empty() => {
                let mut floor = a;
                inside
                    .into_iter()
                    .map(|&(mut x, mut y, kind)| {
                        while x > floor && name_like(x - 1) {
                            x -= 1;
                        }
                        while y < b.min(headline) && name_like(y) && !found_starts_at(&found, y) {
                            y += 1;
                        }
                        floor = y;
                        (x, y, kind)
                    })
                    .collect()
            }
            // Title-case words the language uses as ordinary words around a
            // name the body does not confirm are no part of it ("Choosing
            // DeGeneres").
            None => {
                let (mut x, mut y) = (a, b.min(headline));
                let plain = |i: usize| ordinary(&words[i], lexicon) && b - a > 1;
                while x < y && plain(x) {
                    x += 1;
                }
                while y > x && plain(y - 1) {
                    y -= 1;
                }
                // A name made only of ordinary words ("Million Dollar
                // Mermaid") is the tagger's reading of the whole.
                if x < y && (y < b.min(headline) || x > a) {
                    vec![(x, y, kind.unwrap_or(EntityKind::Misc))]
                } else {
                    vec![(a, b, kind.unwrap_or(EntityKind::Misc))]
                }
            }
        };
        for (a, b, kind) in pieces {
            out.push(Mention {
                start: tokens[a].start,
                end: tokens[b - 1].end,
                kind,
                sentence: sentence_of(a),
            });
        }
    }
    out.extend(body);
    out
}

fn found_starts_at(found: &[(usize, usize, EntityKind)], at: usize) -> bool {
    found.iter().any(|f| f.0 == at)
}

/// Longest body names in `words[from..to]`, left to right.
fn longest_names(
    words: &[String],
    from: usize,
    to: usize,
    names: &HashMap<Vec<String>, EntityKind>,
    max_len: usize,
) -> Vec<(usize, usize, EntityKind)> {
    let mut found = Vec::new();
    let mut i = from;
    while i < to {
        let hit = (1..=max_len.min(to - i))
            .rev()
            .find_map(|n| names.get(&words[i..i + n]).map(|&k| (i, i + n, k)));
        match hit {
            Some(span) => {
                i = span.1;
                found.push(span);
            }
            None => i += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::token::tokenize;

    /// Mentions of `text` for each `(phrase, nth occurrence, kind)`.
    fn mentions(text: &str, phrases: &[(&str, usize, EntityKind)]) -> Vec<Mention> {
        let mut out: Vec<Mention> = phrases
            .iter()
            .map(|&(p, nth, kind)| crate::analysis::mention_of(text, p, nth, kind))
            .collect();
        out.sort_by_key(|m| m.start);
        out
    }

    fn repaired(text: &str, phrases: &[(&str, usize, EntityKind)]) -> Vec<(String, EntityKind)> {
        let tokens = tokenize(text);
        repair(
            text,
            &tokens,
            mentions(text, phrases),
            Lexicon::builtin(),
            |_| 0,
        )
        .iter()
        .map(|m| (text[m.start..m.end].to_string(), m.kind))
        .collect()
    }

    use EntityKind::*;

    #[test]
    fn headline_fragments_keep_the_names_the_body_uses() {
        let text = "Creighton Defeats Drake\nCreighton beat Drake on Sunday, and Drake lost.";
        let got = repaired(
            text,
            &[
                ("Creighton Defeats Drake", 0, Organisation),
                ("Creighton", 1, Organisation),
                ("Drake", 1, Organisation),
            ],
        );
        assert_eq!(
            got,
            [
                ("Creighton".into(), Organisation),
                ("Drake".into(), Organisation),
                ("Creighton".into(), Organisation),
                ("Drake".into(), Organisation),
            ]
        );
    }

    #[test]
    fn a_surname_in_the_headline_is_the_person_of_the_body() {
        let text = "Red Sox - Teixeira Rumor\nThe Red Sox want Mark Teixeira.";
        let got = repaired(
            text,
            &[
                ("Red Sox", 0, Organisation),
                ("Teixeira Rumor", 0, Person),
                ("Red Sox", 1, Organisation),
                ("Mark Teixeira", 0, Person),
            ],
        );
        assert_eq!(got[1], ("Teixeira".into(), Person));
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn a_body_name_grows_over_the_name_around_it() {
        let text = "Lindsay Lohan Checks Out Of Rehab\nLindsay was seen on Friday.";
        let got = repaired(
            text,
            &[
                ("Lindsay Lohan Checks Out Of Rehab", 0, Organisation),
                ("Lindsay", 1, Person),
            ],
        );
        assert_eq!(got[0], ("Lindsay Lohan".into(), Person));
    }

    #[test]
    fn names_grow_only_up_to_their_neighbours() {
        let text = "Saints RB Reggie Bush Hurt\nThe Saints said Reggie Bush was hurt.";
        let got = repaired(
            text,
            &[
                ("Saints RB Reggie Bush", 0, Person),
                ("Saints", 1, Organisation),
                ("Reggie Bush", 1, Person),
            ],
        );
        assert_eq!(got[0], ("Saints RB".into(), Organisation));
        assert_eq!(got[1], ("Reggie Bush".into(), Person));
    }

    #[test]
    fn capitals_in_the_headline_find_the_body_names() {
        let text = "COLTS TOP CHIEFS, 20-13\nThe Colts beat the Chiefs.";
        let got = repaired(
            text,
            &[("Colts", 0, Organisation), ("Chiefs", 0, Organisation)],
        );
        assert_eq!(got[0], ("COLTS".into(), Organisation));
        assert_eq!(got[1], ("CHIEFS".into(), Organisation));
    }

    #[test]
    fn ordinary_words_around_an_unconfirmed_headline_name_go() {
        let text = "Choosing DeGeneres Was Easy\nThe Academy chose a host on Friday.";
        let got = repaired(
            text,
            &[
                ("Choosing DeGeneres", 0, Person),
                ("Academy", 0, Organisation),
            ],
        );
        assert_eq!(got[0], ("DeGeneres".into(), Person));
    }

    #[test]
    fn names_the_body_never_uses_are_left_as_tagged() {
        let text = "Million Dollar Mermaid dies\nEsther Williams died on Thursday.";
        let got = repaired(
            text,
            &[
                ("Million Dollar Mermaid", 0, Misc),
                ("Esther Williams", 0, Person),
            ],
        );
        assert_eq!(got[0], ("Million Dollar Mermaid".into(), Misc));
    }

    #[test]
    fn a_text_without_a_headline_line_is_untouched() {
        let text = "Creighton Defeats Drake on Sunday.";
        let got = repaired(text, &[("Creighton Defeats Drake", 0, Organisation)]);
        assert_eq!(got, [("Creighton Defeats Drake".into(), Organisation)]);
    }
}
