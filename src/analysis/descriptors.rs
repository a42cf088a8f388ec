//! How a text describes the actors it names: titles before a name
//! ("Russian Deputy Foreign Minister Sergey Ryabkov"), appositives
//! ("Ryabkov, Russia's deputy foreign minister,"), copular statements
//! ("Ratney is the US special envoy"), bracketed glosses ("Jabhat al-Nusra
//! (terrorist group outlawed in Russia)") and the evaluative words written
//! next to a name ("terrorists belonging to the Jabhat Fateh al-Sham group").
//!
//! Each descriptor is a byte range of the text, so a reader can always be
//! shown the sentence it was read from.

use std::ops::Range;

use serde::Serialize;

use super::lexicon::Lexicon;
use super::resolve::local::{title_before, title_within};
use super::{AnalyzedText, EntityKind, Mention};

/// How a descriptor stands to the name it describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DescriptorKind {
    /// A title or role before the name, or an honorific opening it.
    Title,
    /// A noun phrase set off by commas after the name.
    Appositive,
    /// "X is a ...".
    Copular,
    /// A bracketed phrase after the name.
    Gloss,
    /// An evaluative word near the name ("terrorists", "rebel").
    Framing,
}

/// A descriptor of mention `mention` (index into the article's mentions):
/// the text at `start..end` describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Descriptor {
    pub mention: usize,
    pub start: usize,
    pub end: usize,
    pub kind: DescriptorKind,
}

/// Evaluative words (singular; plurals are found too): how a source frames
/// a group, a place or a person it names. Two-word entries come first so
/// that "moderate opposition" wins over "opposition".
const FRAMING: &[&str] = &[
    "moderate opposition",
    "armed opposition",
    "armed group",
    "terrorist group",
    "terrorist organization",
    "terrorist organisation",
    "rebel-held",
    "terrorist",
    "militant",
    "rebel",
    "jihadist",
    "extremist",
    "insurgent",
    "islamist",
    "takfiri",
    "separatist",
    "opposition",
    "regime",
    "gunman",
    "fighter",
    "radical",
    "besieged",
    "so-called",
    "self-proclaimed",
    "outlawed",
    "banned",
];

/// How many words before and after a name an evaluative word may stand.
const FRAMING_BEFORE: usize = 5;
const FRAMING_AFTER: usize = 3;
/// The longest appositive, copular or bracketed phrase, in tokens.
const PHRASE_MAX: usize = 10;

/// Words that show a phrase after a comma is a clause, not a noun phrase.
// Kept on few lines: one word per line would hide the list.
#[rustfmt::skip]
const CLAUSE_WORDS: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "noted", "stressed", "is", "was", "are",
    "were", "has", "have", "had", "will", "would", "can", "could", "who", "which", "that", "where",
    "when", "while", "but", "and", "or", "if", "as", "according", "he", "she", "they", "it", "we",
    "i", "you", "also", "not", "did", "does", "do", "be", "been",
];

/// Words that end a noun phrase where a relative clause begins.
const RELATIVES: &[&str] = &["who", "whose", "which", "that", "where", "when"];

/// Openers of a prepositional or adverbial phrase, which follow a name
/// after a comma without describing it ("Jackson, in a statement, said").
#[rustfmt::skip]
const NOT_OPENERS: &[&str] = &[
    "in", "on", "at", "for", "with", "after", "before", "during", "from", "by", "to", "of",
    "like", "since", "under", "over", "despite", "into", "about", "than", "then", "now", "once",
    "including", "though", "although", "because", "so", "too", "either", "both", "each",
    "off", "near", "outside", "inside", "across", "around", "along", "behind", "beyond",
    "within", "without", "through", "toward", "towards", "against", "among", "between", "via",
    "amid", "per", "just", "not", "even", "still", "already", "later", "earlier", "again",
    "however", "meanwhile", "instead", "therefore", "nevertheless", "respectively", "too",
];

/// Prepositions that put a name in an adverbial, after which a comma ends
/// that adverbial ("In central Athens, members of the unions began ...",
/// "a record in Portland, the fourth-highest win total").
#[rustfmt::skip]
const PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "from", "into", "with", "for", "by", "near", "across", "throughout",
    "inside", "outside", "around", "after", "before", "during", "since", "until",
];

/// Words ending in "-ly" that are not adverbs; any other "-ly" word in a
/// phrase after a name shows a clause ("Conn., beer distributorship
/// fatally shot eight people").
#[rustfmt::skip]
const LY_NOUNS: &[&str] = &[
    "only", "family", "early", "daily", "weekly", "monthly", "yearly", "ally", "rally", "supply",
    "assembly", "holy", "italy", "july", "elderly", "friendly", "lonely", "likely", "fly", "belly",
];

/// Capitalised sentence openers a title phrase must not begin with
/// ("Before former President ...").
#[rustfmt::skip]
const TITLE_STOP: &[&str] = &[
    "before", "after", "the", "when", "as", "while", "but", "and", "if", "then", "since", "with",
    "for", "of", "in", "on", "at", "by", "from", "to", "said", "says",
];

/// Every descriptor of every mention of `analysis`, in text order of their mention.
pub fn describe(text: &str, analysis: &AnalyzedText, lexicon: &Lexicon) -> Vec<Descriptor> {
    let mut out = Vec::new();
    // A title-case headline makes any capitalised words look like a title
    // ("President Nominates Regina Benjamin").
    let headline = super::headline::headline_len(text).unwrap_or(0);
    for (i, m) in analysis.mentions.iter().enumerate() {
        let mut push = |range: Range<usize>, kind: DescriptorKind| {
            if range.start < range.end {
                out.push(Descriptor {
                    mention: i,
                    start: range.start,
                    end: range.end,
                    kind,
                });
            }
        };
        if m.kind == EntityKind::Person && m.start >= headline {
            let title = title_within(text, m).or_else(|| title_before(text, analysis, m, lexicon));
            if let Some(range) = title.map(|r| trim_title(text, analysis, r, lexicon)) {
                push(range, DescriptorKind::Title);
            }
        }
        let sentence = analysis.sentences.get(m.sentence).cloned().unwrap_or(0..0);
        let first = analysis.tokens.partition_point(|t| t.start < m.start);
        let after = analysis.tokens.partition_point(|t| t.start < m.end);
        if let Some(range) = phrase_after(text, analysis, i, after, sentence.end)
            && !(range.1 == DescriptorKind::Appositive && not_appositive(text, analysis, m, first))
        {
            push(range.0, range.1);
        }
        for range in framing(text, analysis, i, first, after, sentence) {
            push(range, DescriptorKind::Framing);
        }
    }
    out
}

fn word<'t>(text: &'t str, analysis: &AnalyzedText, token: usize) -> &'t str {
    analysis.tokens[token].text(text)
}

fn lower_start(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

fn is_word(w: &str) -> bool {
    w.chars().any(char::is_alphabetic)
}

/// An appositive, copular phrase or gloss starting at token `after`, right
/// behind mention `mention`.
fn phrase_after(
    text: &str,
    analysis: &AnalyzedText,
    mention: usize,
    after: usize,
    end: usize,
) -> Option<(Range<usize>, DescriptorKind)> {
    if after >= end {
        return None;
    }
    let opener = word(text, analysis, after);
    // A possessive after the name belongs to what follows, not to it.
    match opener {
        "," => {
            let (range, closed) = noun_phrase(text, analysis, mention, after + 1, end, &[","])?;
            // Only a phrase closed by a comma or the sentence's end is set off.
            closed.then_some((range, DescriptorKind::Appositive))
        }
        "(" => {
            let (range, closed) = noun_phrase(text, analysis, mention, after + 1, end, &[")"])?;
            let inner = &text[range.clone()];
            // "(also known as ISIS)" names, it does not describe.
            let names = inner.to_lowercase().starts_with("also known")
                || inner.to_lowercase().starts_with("formerly");
            // "(knee)" on an injury list is a status, not a description.
            let words = inner.split_whitespace().filter(|w| is_word(w)).count();
            (closed && !names && words >= 2).then_some((range, DescriptorKind::Gloss))
        }
        "is" | "was" | "are" | "were" => {
            let next = after + 1;
            if next >= end || !matches!(word(text, analysis, next), "a" | "an" | "the") {
                return None;
            }
            let (range, _) = noun_phrase(text, analysis, mention, next, end, &[","])?;
            Some((range, DescriptorKind::Copular))
        }
        _ => None,
    }
}

/// The noun phrase from token `from`: up to a closing token in `closers`,
/// the sentence's end, or a clause word; `None` when it does not read as
/// one (opens with a plain name, holds no lower-case word, runs too long).
/// The flag says whether a closer or the sentence's end closed it.
fn noun_phrase(
    text: &str,
    analysis: &AnalyzedText,
    mention: usize,
    from: usize,
    end: usize,
    closers: &[&str],
) -> Option<(Range<usize>, bool)> {
    if from >= end {
        return None;
    }
    let mut last = from;
    let mut closed = false;
    let mut lower_words = 0;
    let mut i = from;
    while i < end {
        let w = word(text, analysis, i);
        if closers.contains(&w) || matches!(w, "." | ";" | ":" | "?" | "!") {
            closed = true;
            break;
        }
        if i - from >= PHRASE_MAX {
            return None;
        }
        let lower = super::lowercase(w);
        if RELATIVES.contains(&lower.as_ref()) && i > from && closers != [")"] {
            closed = true;
            break;
        }
        if CLAUSE_WORDS.contains(&lower.as_ref()) && closers != [")"] {
            return None;
        }
        if matches!(w, "\"" | "“" | "”" | "(" | ")" | "—" | "–") {
            return None;
        }
        if i > from && lower.ends_with("ly") && !LY_NOUNS.contains(&lower.as_ref()) {
            return None;
        }
        if lower_start(w) && is_word(w) && !matches!(w, "a" | "an" | "the") {
            lower_words += 1;
        }
        last = i;
        i += 1;
    }
    if i == end {
        closed = true;
    }
    let opener = word(text, analysis, from);
    let lower_opener = opener.to_lowercase();
    // "Jackson, in a statement,", "Mike Peterson, probably playing ...":
    // adverbials and participles, not descriptions.
    if closers != [")"]
        && (NOT_OPENERS.contains(&lower_opener.as_str())
            || (lower_start(opener)
                && ["ing", "ed", "ly"]
                    .iter()
                    .any(|s| lower_opener.ends_with(s))))
    {
        return None;
    }
    // "Moscow, Paris and London": a list of names, not a description. A
    // capitalised opener is fine when possessive ("Russia's deputy ...") or
    // a title ("Deputy Foreign Minister").
    let possessive = from + 1 < end && matches!(word(text, analysis, from + 1), "'s" | "’s");
    if !lower_start(opener) && !possessive && !starts_title(text, analysis, from, last) {
        return None;
    }
    // The phrase must not run into another mention's name unless it is
    // possessive or adjectival inside it.
    let span = analysis.tokens[from].start..analysis.tokens[last].end;
    let ends_on_mention = analysis
        .mentions
        .iter()
        .enumerate()
        .any(|(j, m)| j != mention && m.end == span.end && m.start <= span.start);
    (lower_words > 0 && !ends_on_mention).then_some((span, closed))
}

/// Whether a phrase set off after mention `m` (whose first token is
/// `first`) describes something else: the source in "according to the New
/// York Times, the last great mafioso", or the state of "Harrison County,
/// Miss., coroner".
fn not_appositive(text: &str, analysis: &AnalyzedText, m: &Mention, first: usize) -> bool {
    let before = |k: usize| {
        first
            .checked_sub(k)
            .map(|t| analysis.tokens[t].text(text).to_lowercase())
    };
    let cited = before(1).as_deref() == Some("to") && before(2).as_deref() == Some("according")
        || before(2).as_deref() == Some("to") && before(3).as_deref() == Some("according");
    let in_adverbial = before(1).is_some_and(|w| PREPOSITIONS.contains(&w.as_str()))
        || before(1).is_some_and(|w| {
            matches!(
                w.as_str(),
                "the" | "a" | "an" | "central" | "eastern" | "western" | "northern" | "southern"
            )
        }) && before(2).is_some_and(|w| PREPOSITIONS.contains(&w.as_str()));
    let abbreviated_place = m.kind == EntityKind::Location
        && (text[m.start..m.end].ends_with('.') || before(1).as_deref() == Some(","));
    cited || abbreviated_place || in_adverbial
}

/// `range` without leading words that open a sentence rather than a title,
/// and without trailing parts of the name ("Assistant Attorney General L.
/// Patrick" before "Gray III").
fn trim_title(
    text: &str,
    analysis: &AnalyzedText,
    range: Range<usize>,
    lexicon: &Lexicon,
) -> Range<usize> {
    let inside: Vec<&crate::analysis::Token> = analysis
        .tokens
        .iter()
        .filter(|t| t.start >= range.start && t.end <= range.end)
        .collect();
    let mut end = range.end;
    for t in inside.iter().rev() {
        let w = t.text(text);
        let initial = w.len() == 2 && w.ends_with('.') && w.starts_with(char::is_uppercase);
        let given = lexicon.first_names.contains(&w.to_lowercase())
            && !lexicon.person_titles.contains(&w.to_lowercase());
        if !(initial || given) {
            break;
        }
        end = t.start;
    }
    let end = text[range.start..end].trim_end().len() + range.start;
    let range = range.start..end.max(range.start);
    let mut start = range.start;
    for t in &analysis.tokens {
        if t.start < start {
            continue;
        }
        if t.end >= range.end || !TITLE_STOP.contains(&t.text(text).to_lowercase().as_str()) {
            break;
        }
        start = analysis
            .tokens
            .iter()
            .find(|n| n.start > t.start)
            .map_or(range.end, |n| n.start);
    }
    start.min(range.end)..range.end
}

/// Whether tokens `from..=last` open with a title word in capitals followed
/// by lower-case words ("Deputy Foreign Minister of Russia" fails, lower
/// words are needed: "Chief of staff").
fn starts_title(text: &str, analysis: &AnalyzedText, from: usize, last: usize) -> bool {
    (from..=last).any(|i| lower_start(word(text, analysis, i)))
        && matches!(
            word(text, analysis, from).to_lowercase().as_str(),
            "former" | "deputy" | "head" | "chief" | "leader" | "spokesman" | "spokeswoman"
        )
}

/// Evaluative words within a few words of the name, in the same sentence,
/// with no other name between.
fn framing(
    text: &str,
    analysis: &AnalyzedText,
    mention: usize,
    first: usize,
    after: usize,
    sentence: Range<usize>,
) -> Vec<Range<usize>> {
    let mentions = &analysis.mentions;
    // Tokens taken by other names bound the window.
    let lo = first.saturating_sub(FRAMING_BEFORE).max(sentence.start);
    let hi = (after + FRAMING_AFTER).min(sentence.end);
    // Mentions are in text order and never overlap: the one that may hold a
    // token is the last starting at or before it.
    let in_other = |t: usize| {
        let tok = analysis.tokens[t];
        let j = mentions.partition_point(|m| m.start <= tok.start);
        j > 0 && j - 1 != mention && tok.end <= mentions[j - 1].end
    };
    let mut out = Vec::new();
    // A place is framed by the word right before it ("besieged Aleppo"),
    // not by what a sentence says happens there.
    let (lo, hi) = if mentions[mention].kind == EntityKind::Location {
        (first.saturating_sub(1).max(sentence.start), after)
    } else {
        (lo, hi)
    };
    let mut before = first;
    while before > lo && !in_other(before - 1) && !is_break(word(text, analysis, before - 1)) {
        before -= 1;
    }
    let mut behind = after;
    while behind < hi && !in_other(behind) && !is_break(word(text, analysis, behind)) {
        behind += 1;
    }
    let mut i = before;
    while i < behind {
        if (first..after).contains(&i) {
            i = after;
            continue;
        }
        match framing_at(text, analysis, i, behind, first..after) {
            Some(n) => {
                out.push(analysis.tokens[i].start..analysis.tokens[i + n - 1].end);
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// Punctuation and clause words a framing word does not reach across.
fn is_break(w: &str) -> bool {
    matches!(
        w,
        "," | ";" | ":" | "(" | ")" | "—" | "–" | "\"" | "“" | "”"
    ) || super::lowercase_in(w, CLAUSE_WORDS)
}

/// The number of tokens of a framing entry starting at token `i`, if one does.
fn framing_at(
    text: &str,
    analysis: &AnalyzedText,
    i: usize,
    end: usize,
    name: Range<usize>,
) -> Option<usize> {
    FRAMING.iter().find_map(|entry| {
        let len = entry.split(' ').count();
        let fits = i + len <= end
            && (i..i + len).all(|t| !name.contains(&t))
            && entry
                .split(' ')
                .enumerate()
                .all(|(k, part)| word_matches(word(text, analysis, i + k), part));
        fits.then_some(len)
    })
}

/// "terrorists" and "Terrorist" match "terrorist"; "terrorism" does not.
fn word_matches(w: &str, entry: &str) -> bool {
    use super::lowercase_is;
    if !w.is_ascii() {
        let lower = w.to_lowercase();
        return lower == entry
            || lower.strip_suffix('s') == Some(entry)
            || (entry.ends_with("man") && lower == format!("{}men", &entry[..entry.len() - 3]));
    }
    let plural = |w: &str| {
        w.strip_suffix(['s', 'S'])
            .is_some_and(|stem| lowercase_is(stem, entry))
    };
    lowercase_is(w, entry)
        || plural(w)
        || entry.strip_suffix("man").is_some_and(|stem| {
            w.len() == entry.len()
                && lowercase_is(&w[..stem.len()], stem)
                && lowercase_is(&w[stem.len()..], "men")
        })
}

/// The form descriptors are grouped by: lower case, no leading article or
/// possessive pronoun, plurals made singular ("The terrorists" and
/// "terrorist" are one descriptor).
pub fn group_key(text: &str) -> String {
    let lower = text.to_lowercase().replace('’', "'");
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    while words
        .first()
        .is_some_and(|w| matches!(*w, "the" | "a" | "an" | "its" | "their" | "his" | "her"))
    {
        words.remove(0);
    }
    let mut key: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    if let Some(last) = key.last_mut()
        && last.len() > 3
        && last.ends_with('s')
        && !last.ends_with("ss")
    {
        last.pop();
        if last.ends_with("ie") {
            last.truncate(last.len() - 2);
            last.push('y');
        }
    }
    if let Some(last) = key.last_mut()
        && last.ends_with("men")
    {
        last.truncate(last.len() - 3);
        last.push_str("man");
    }
    key.join(" ")
}

/// The mention a descriptor describes.
pub fn mention_of<'a>(analysis: &'a AnalyzedText, d: &Descriptor) -> &'a Mention {
    &analysis.mentions[d.mention]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{TokenSpan, entity::EntityTagger};

    /// Tags the given names wherever they occur.
    struct Names(Vec<(&'static str, EntityKind)>);

    impl EntityTagger for Names {
        fn tag(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TokenSpan>> {
            sentences
                .iter()
                .map(|words| {
                    let mut spans = Vec::new();
                    let mut i = 0;
                    while i < words.len() {
                        let hit = self.0.iter().find(|(name, _)| {
                            let parts: Vec<&str> = name.split(' ').collect();
                            words[i..].starts_with(&parts)
                        });
                        match hit {
                            Some((name, kind)) => {
                                let n = name.split(' ').count();
                                spans.push(TokenSpan {
                                    tokens: i..i + n,
                                    kind: *kind,
                                });
                                i += n;
                            }
                            None => i += 1,
                        }
                    }
                    spans
                })
                .collect()
        }
    }

    fn found(text: &str, names: Vec<(&'static str, EntityKind)>) -> Vec<(String, String)> {
        let analysis = crate::analysis::analyze(text, &Names(names));
        describe(text, &analysis, Lexicon::builtin())
            .iter()
            .map(|d| {
                let m = mention_of(&analysis, d);
                (
                    text[m.start..m.end].to_string(),
                    text[d.start..d.end].to_string(),
                )
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    use EntityKind::{Location as Loc, Organisation as Org, Person as Per};

    #[test]
    fn titles_and_appositives() {
        let text = "Russian Deputy Foreign Minister Sergey Ryabkov met reporters. \
                    Ryabkov, Russia's deputy foreign minister, said so.";
        assert_eq!(
            found(
                text,
                vec![("Sergey Ryabkov", Per), ("Ryabkov", Per), ("Russia", Loc)]
            ),
            pairs(&[
                ("Sergey Ryabkov", "Russian Deputy Foreign Minister"),
                ("Ryabkov", "Russia's deputy foreign minister"),
            ])
        );
    }

    #[test]
    fn glosses_and_framing() {
        let text = "They fought the Jabhat al-Nusra (terrorist group outlawed in Russia). \
                    Russia wants to evacuate terrorists belonging to the Jabhat Fateh al-Sham group.";
        assert_eq!(
            found(
                text,
                vec![
                    ("Jabhat al-Nusra", Org),
                    ("Jabhat Fateh al-Sham", Org),
                    ("Russia", Loc)
                ]
            ),
            pairs(&[
                ("Jabhat al-Nusra", "terrorist group outlawed in Russia"),
                ("Jabhat Fateh al-Sham", "terrorists"),
            ])
        );
    }

    #[test]
    fn copular_statements_and_what_is_not_a_descriptor() {
        let text = "Ratney is the US special envoy for Syria. \
                    Moscow, Paris and London agreed. \
                    Daesh (also known as ISIS) was there. \
                    Ryabkov, who spoke first, left. \
                    Jackson, in a statement, said no. \
                    Page, the pin-up whose romps thrilled, died. \
                    Before former President George Bush left, Peterson, probably tired, sat. \
                    They met on Avenue Montaigne, off the Champs Elysees, at noon. \
                    A driver from Connecticut, beer distributorship fatally shot people. \
                    He was, according to the New York Times, the last great mafioso. \
                    Tight end Jeremy Shockey (groin) sat out. \
                    Assistant Attorney General L. Patrick Gray III was named. \
                    After rallies in central Athens, members of the unions marched.";
        assert_eq!(
            found(
                text,
                vec![
                    ("Ratney", Per),
                    ("Moscow", Loc),
                    ("Paris", Loc),
                    ("London", Loc),
                    ("Daesh", Org),
                    ("ISIS", Org),
                    ("Ryabkov", Per),
                    ("US", Loc),
                    ("Syria", Loc),
                    ("Jackson", Per),
                    ("Page", Per),
                    ("George Bush", Per),
                    ("Peterson", Per),
                    ("Avenue Montaigne", Loc),
                    ("Champs Elysees", Loc),
                    ("Connecticut", Loc),
                    ("New York Times", Org),
                    ("Jeremy Shockey", Per),
                    ("Gray III", Per),
                    ("Athens", Loc),
                ]
            ),
            pairs(&[
                ("Ratney", "the US special envoy for Syria"),
                ("Page", "the pin-up"),
                ("George Bush", "former President"),
                ("Gray III", "Assistant Attorney General"),
            ])
        );
    }

    #[test]
    fn framing_stops_at_other_names_and_punctuation() {
        let text = "Rebels shelled the besieged Aleppo, where Assad rules. \
                    The moderate opposition in Aleppo lost. \
                    Militants said Nusra fighters, Assad and Daesh militants fled.";
        assert_eq!(
            found(
                text,
                vec![
                    ("Aleppo", Loc),
                    ("Assad", Per),
                    ("Nusra", Org),
                    ("Daesh", Org)
                ]
            ),
            pairs(&[
                ("Aleppo", "besieged"),
                ("Nusra", "fighters"),
                ("Daesh", "militants")
            ])
        );
    }

    #[test]
    fn near_duplicates_share_a_key() {
        assert_eq!(group_key("The terrorists"), group_key("terrorist"));
        assert_eq!(group_key("gunmen"), "gunman");
        assert_eq!(group_key("Russia’s deputy"), "russia's deputy");
        assert_ne!(group_key("press"), "pres");
    }
}
