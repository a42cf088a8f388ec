//! After linking: a title standing alone for the one person its article
//! gives it. In an article about "President Barack Obama", "the President
//! announced" and a headline's "President Nominates..." are Obama; in one
//! that also names another president, or "the Russian President", they are
//! left alone. Only capitalised titles are read: "the president" of
//! running text may be anyone's.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use super::Resolution;
use super::local::{is_person, title_before, title_within};
use crate::analysis::headline::headline_len;
use crate::analysis::lexicon::Lexicon;
use crate::analysis::truecase::capitalised;
use crate::analysis::{AnalyzedText, EntityKind, Mention};

/// The mentions of titles standing for a person, article by article, in
/// text order, with their actors; none overlaps a mention of the analysis
/// or of `taken` (mentions found already).
pub(super) fn find(
    texts: &[&str],
    analyses: &[AnalyzedText],
    resolution: &Resolution,
    taken: &[Vec<(Mention, usize)>],
    lexicon: &Lexicon,
) -> Vec<Vec<(Mention, usize)>> {
    texts
        .par_iter()
        .zip(analyses)
        .enumerate()
        .map(|(a, (text, analysis))| {
            let actors = &resolution.mention_actor[a];
            let taken = taken.get(a).map_or(&[][..], Vec::as_slice);
            in_article(text, analysis, actors, taken, resolution, lexicon)
        })
        .collect()
}

fn in_article(
    text: &str,
    analysis: &AnalyzedText,
    actors: &[usize],
    taken: &[(Mention, usize)],
    resolution: &Resolution,
    lexicon: &Lexicon,
) -> Vec<(Mention, usize)> {
    // Most articles have no title standing alone: look for one before
    // reading the titles of people's names.
    let headline = headline_len(text).unwrap_or(0);
    let alone = analysis.sentences.iter().any(|range| {
        let tokens = &analysis.tokens[range.clone()];
        tokens.iter().enumerate().any(|(i, token)| {
            let opens = match i.checked_sub(1) {
                Some(j) => matches!(tokens[j].text(text), "the" | "The"),
                None => token.start < headline,
            };
            let word = token.text(text);
            opens
                && capitalised(word)
                && lexicon.person_titles.contains(word.to_lowercase().as_str())
        })
    });
    if !alone {
        return Vec::new();
    }
    // Each title word the article gives a person, with that person (`None`
    // when it gives it to two).
    let mut holder: HashMap<String, Option<usize>> = HashMap::new();
    for (m, &actor) in analysis.mentions.iter().zip(actors) {
        if !is_person(resolution.actors[actor].kind) {
            continue;
        }
        let title = title_within(text, m).or_else(|| title_before(text, analysis, m, lexicon));
        let Some((word, bare)) = title.clone().and_then(|r| title_head(&text[r], lexicon)) else {
            continue;
        };
        let modified = title
            .as_ref()
            .is_some_and(|r| modifier_before(text, r.start));
        // "Queen, Kate Bush": a comma parts a list as often as a title.
        let set_off = title
            .as_ref()
            .is_some_and(|r| r.end <= m.start && text[r.end..m.start].contains(','));
        // A title with more words names another office ("shadow
        // chancellor", "Vice President"): the word alone may then be
        // either.
        let full_name = resolution.actors[actor].name.contains(' ');
        let holds = (bare && !modified && !set_off && full_name).then_some(actor);
        let entry = holder.entry(word).or_insert(holds);
        if *entry != holds {
            *entry = None;
        }
    }
    if holder.values().all(Option::is_none) {
        return Vec::new();
    }
    let occupied: Vec<Range<usize>> = analysis
        .mentions
        .iter()
        .chain(taken.iter().map(|(m, _)| m))
        .map(|m| m.start..m.end)
        .collect();
    let free = |start: usize, end: usize| occupied.iter().all(|r| end <= r.start || start >= r.end);
    let mut found = Vec::new();
    for (s, range) in analysis.sentences.iter().enumerate() {
        let tokens = &analysis.tokens[range.clone()];
        for (i, token) in tokens.iter().enumerate() {
            let word = token.text(text);
            if !capitalised(word) || word.chars().skip(1).any(char::is_uppercase) {
                continue;
            }
            let Some(&Some(actor)) = holder.get(&word.to_lowercase()) else {
                continue;
            };
            let in_headline = token.start < headline;
            let before = i.checked_sub(1).map(|j| tokens[j].text(text));
            // "the Director's Guild": a possessive's noun decides.
            let mut next = i + 1;
            if tokens
                .get(next)
                .is_some_and(|t| matches!(t.text(text), "'s" | "’s"))
            {
                next += 1;
            }
            let after = tokens.get(next).map(|t| t.text(text));
            // "the President", or a headline opening with it; never "the
            // Russian President", whose country says it is another one.
            let opens = match before {
                Some(w) => w == "the" || w == "The",
                None => in_headline,
            };
            // A name or "of" after it makes it another person's title
            // ("President Putin", "the President of France"); a headline
            // capitalises its next word anyway.
            let stands_alone = match after {
                None => true,
                Some(w) if w == "of" || w == "Of" => false,
                Some(w) => !capitalised(w) || (in_headline && ordinary_word(w, lexicon)),
            };
            if opens && stands_alone && free(token.start, token.end) {
                found.push((
                    Mention {
                        start: token.start,
                        end: token.end,
                        kind: EntityKind::Person,
                        sentence: s,
                    },
                    actor,
                ));
            }
        }
    }
    found
}

/// The head of a title phrase ("president" of "U.S. President"), when it
/// is a title of the lexicon, and whether it is the phrase's only word.
fn title_head(title: &str, lexicon: &Lexicon) -> Option<(String, bool)> {
    let mut words = title
        .split(|c: char| !c.is_alphabetic() && c != '-')
        .filter(|w| !w.is_empty());
    let last = words.next_back()?.to_lowercase();
    let bare = words.next().is_none();
    lexicon
        .person_titles
        .contains(&last)
        .then_some((last, bare))
}

/// Words before a title that make it another office ("shadow
/// Chancellor", "former President").
const MODIFIERS: &[&str] = &[
    "shadow",
    "former",
    "ex",
    "deputy",
    "vice",
    "acting",
    "interim",
    "outgoing",
    "incoming",
    "late",
    "future",
    "assistant",
    "junior",
];

/// Whether a modifier of [`MODIFIERS`] comes right before byte `start`.
fn modifier_before(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    crate::analysis::lowercase_in(word, MODIFIERS)
}

/// A capitalised word of a headline that is an ordinary word in lower case.
fn ordinary_word(word: &str, lexicon: &Lexicon) -> bool {
    let lower = word.to_lowercase();
    lexicon.common_words.contains(&lower) && !lexicon.first_names.contains(&lower)
}

#[cfg(test)]
mod tests {
    use crate::analysis::EntityKind;
    use crate::analysis::resolve::{named_mentions, settled};

    /// The text of each mention of each article and its actor's name, after
    /// resolution with the given person mentions.
    fn resolved(articles: &[(&str, &[(&str, usize)])]) -> Vec<Vec<(String, String)>> {
        let (analyses, resolution) = settled(articles, EntityKind::Person);
        (0..articles.len())
            .map(|a| named_mentions(articles[a].0, &analyses, &resolution, a))
            .collect()
    }

    fn texts_of(mentions: &[(String, String)], name: &str) -> Vec<String> {
        mentions
            .iter()
            .filter(|(_, n)| n == name)
            .map(|(t, _)| t.clone())
            .collect()
    }

    #[test]
    fn a_title_alone_is_the_one_person_the_article_gives_it() {
        let a = "President Nominates Surgeon General\n\
                 President Barack Obama named Regina Benjamin. The President said she \
                 would serve. As the President explained, she is able.";
        let found = resolved(&[(a, &[("President Barack Obama", 0), ("Regina Benjamin", 0)])]);
        assert_eq!(
            texts_of(&found[0], "Barack Obama"),
            [
                "President",
                "President Barack Obama",
                "President",
                "President"
            ]
        );
    }

    #[test]
    fn a_title_two_people_hold_or_anothers_title_is_left_alone() {
        let a = "President Barack Obama met President Vladimir Putin. The President spoke.";
        let b = "President Barack Obama spoke. Then the Russian President replied, \
                 and the President of France, and the president of the club.";
        let found = resolved(&[
            (
                a,
                &[
                    ("President Barack Obama", 0),
                    ("President Vladimir Putin", 0),
                ],
            ),
            (b, &[("President Barack Obama", 0)]),
        ]);
        assert_eq!(found[0].len(), 2, "{:?}", found[0]);
        assert_eq!(found[1].len(), 1, "{:?}", found[1]);
        let c = "Chancellor Gordon Brown and shadow Chancellor Oliver Letwin met. \
                 The Chancellor left.";
        let found = resolved(&[(c, &[("Gordon Brown", 0), ("Oliver Letwin", 0)])]);
        assert_eq!(found[0].len(), 2, "{:?}", found[0]);
        let d = "Film director Alan Parker won. Songs by Queen, Kate Bush won too. \
                 He founded the Director's Guild. The Queen's song was weak.";
        let found = resolved(&[(d, &[("Alan Parker", 0), ("Kate Bush", 0)])]);
        assert_eq!(found[0].len(), 2, "{:?}", found[0]);
    }
}
