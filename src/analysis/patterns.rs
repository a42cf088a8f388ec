//! Mentions written by pattern rather than by capitalised words, which a
//! tagger trained on newswire never learns: social media handles
//! ("@TheAcademy") and numbered streets and roads ("117th Street",
//! "State Route 94", "I-95"). The pass looks at each token once and leaves
//! the mentions untouched when a text has none of these.

use std::ops::Range;

use super::headline::headline_len;
use super::lexicon::Lexicon;
use super::truecase::capitalised;
use super::{EntityKind, Mention, Token, lowercase_in, lowercase_is, token_range};

/// The longest handle the large platforms allow.
const MAX_HANDLE: usize = 15;

/// Words that name a street after an ordinal ("117th Street"), with their
/// abbreviations; a final period is allowed ("5th Ave.").
const STREET_WORDS: &[&str] = &[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "lane",
    "ln",
    "drive",
    "place",
    "pl",
    "court",
    "ct",
    "terrace",
    "parkway",
    "pkwy",
    "alley",
];

/// Street words that also follow an ordinal in other senses ("5th Place" in
/// a race, "3rd Drive" in a game): a title-case headline capitalises those
/// too, so they count only in running text.
const AMBIGUOUS_STREET_WORDS: &[&str] = &["place", "pl", "lane", "ln", "drive", "court", "ct"];

/// Words that name a road before its number ("Route 66", "Highway 101").
const ROAD_WORDS: &[&str] = &["route", "rte", "highway", "hwy", "interstate"];

/// Directions that belong to a numbered street's name ("West 4th Street").
const DIRECTIONS: &[&str] = &[
    "north", "south", "east", "west", "n", "s", "e", "w", "n.", "s.", "e.", "w.",
];

/// Adds handles and numbered streets and roads to `mentions` (see the module
/// comment). A pattern replaces the tagger's mentions it covers or partly
/// overlaps, keeping their words outside it; a street or road inside a
/// longer name the tagger found ("Route 66 Casino") stays part of that name.
pub fn add(
    text: &str,
    tokens: &[Token],
    sentences: &[Range<usize>],
    mut mentions: Vec<Mention>,
    lexicon: &Lexicon,
) -> Vec<Mention> {
    for m in &mut mentions {
        if m.kind == EntityKind::Person && names_a_street(text, m) {
            m.kind = EntityKind::Location;
        }
    }
    let headline = headline_len(text).unwrap_or(0);
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for (sentence, range) in sentences.iter().enumerate() {
        let words = &tokens[range.clone()];
        let word = |i: usize| words.get(i).map_or("", |t| t.text(text));
        // Where the last pattern ended: patterns never overlap.
        let mut free = 0;
        for (j, token) in words.iter().enumerate() {
            // Every pattern holds a word that opens with "@" or a figure, or
            // is "I-" and a figure: most words are passed over on their
            // first byte. Streets and roads are found from their figure.
            let hit = match bytes[token.start] {
                b'@' => handle(text, token, lexicon).map(|kind| (j, j + 1, kind, false)),
                b'0'..=b'9' => street(&word, j, token.start < headline)
                    .or_else(|| road(&word, j))
                    .map(|(start, end)| (start, end, EntityKind::Location, true)),
                b'I' if bytes.get(token.start + 1) == Some(&b'-') => {
                    is_road_number(&word(j)[2..]).then_some((j, j + 1, EntityKind::Location, true))
                }
                _ => None,
            };
            if let Some((start, end, kind, yields)) = hit
                && start >= free
            {
                found.push(Found {
                    mention: Mention {
                        start: words[start].start,
                        end: words[end - 1].end,
                        kind,
                        sentence,
                    },
                    yields,
                    keep: true,
                });
                free = end;
            }
        }
    }
    if found.is_empty() {
        return mentions;
    }
    merge(text, tokens, mentions, found)
}

/// Street words that are no one's surname: a name they end is a street's
/// ("Nicola Avenue"), as is one that "Avenue" or "Rue" opens ("Avenue
/// Montaigne").
const STREET_ONLY_WORDS: &[&str] = &[
    "avenue",
    "ave",
    "boulevard",
    "blvd",
    "road",
    "rd",
    "parkway",
    "pkwy",
    "terrace",
];

/// Whether mention `m`, of several words, names a street: it ends with a
/// street word no one bears as a surname, opens with "Avenue", "Boulevard"
/// or "Rue", or ends with "Street" after a word of movement along one ("on
/// Carson Street"; Picabo Street is a skier).
fn names_a_street(text: &str, m: &Mention) -> bool {
    let name = &text[m.start..m.end];
    let (Some((first, _)), Some((_, last))) = (name.split_once(' '), name.rsplit_once(' ')) else {
        return false;
    };
    let last = last.strip_suffix('.').unwrap_or(last);
    let along = || {
        let before = text[..m.start].trim_end();
        let word = before.rsplit(' ').next().unwrap_or("");
        lowercase_in(word, &["on", "onto", "along", "off", "down", "near"])
    };
    capitalised_in(last, STREET_ONLY_WORDS)
        || capitalised_in(first, &["avenue", "boulevard", "rue"])
        || (capitalised_in(last, &["street"]) && along())
}

/// A mention made by a pattern.
struct Found {
    mention: Mention,
    /// Whether a longer name of the tagger's that holds it wins over it.
    yields: bool,
    keep: bool,
}

/// The kind of a handle token ("@TheAcademy"), or `None` when it is none
/// (see [`handle_name`]) or runs on from a word (an e-mail address).
fn handle(text: &str, token: &Token, lexicon: &Lexicon) -> Option<EntityKind> {
    let after_word = text[..token.start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_');
    if after_word {
        return None;
    }
    let name = handle_name(token.text(text))?;
    // "@EllenDeGeneres": a given name, then a surname written run together.
    let words = camel_words(name);
    let person = words.len() >= 2
        && words.len() <= 3
        && lexicon.first_names.contains(&words[0].to_lowercase())
        && lexicon
            .surnames
            .contains(&words[1..].concat().to_lowercase());
    Some(if person {
        EntityKind::Person
    } else {
        EntityKind::Organisation
    })
}

/// The name of handle `word` without its `@` ("@TheAcademy" -> "TheAcademy"),
/// or `None` when `word` is no handle: 1 to 15 letters, digits or
/// underscores after the `@`, the first of them not a digit ("@5pm").
pub fn handle_name(word: &str) -> Option<&str> {
    let name = word.strip_prefix('@')?;
    let valid = (1..=MAX_HANDLE).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !name.as_bytes()[0].is_ascii_digit();
    valid.then_some(name)
}

/// The words of a handle written in CamelCase or with underscores:
/// "TheAcademy" -> ["The", "Academy"], "NYTimes" -> ["NY", "Times"],
/// "JohnMcCain" -> ["John", "McCain"], "nytimes" -> ["nytimes"].
pub fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    for part in name.split('_').filter(|p| !p.is_empty()) {
        let b = part.as_bytes();
        let mut start = 0;
        for i in 1..b.len() {
            let (prev, cur) = (b[i - 1], b[i]);
            let next_lower = b.get(i + 1).is_some_and(u8::is_ascii_lowercase);
            // "Mc" and "Mac" open a surname, not a word of their own.
            let prefix = matches!(&part[start..i], "Mc" | "Mac");
            let boundary = cur.is_ascii_uppercase()
                && ((prev.is_ascii_lowercase() && !prefix)
                    || (prev.is_ascii_uppercase() && next_lower));
            if boundary {
                words.push(&part[start..i]);
                start = i;
            }
        }
        words.push(&part[start..]);
    }
    words
}

/// Whether `word` is an ordinal in figures with its right suffix ("117th",
/// "42nd", "1st"; not "5st").
pub fn is_ordinal(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 || word.len() != digits + 2 {
        return false;
    }
    let n: u32 = word[..digits].parse().unwrap_or(0);
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    n > 0 && lowercase_is(&word[digits..], suffix)
}

/// A road's number: one to three figures, perhaps a capital letter ("9A").
pub fn is_road_number(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &word[digits..];
    (1..=3).contains(&digits)
        && !word.starts_with('0')
        && (rest.is_empty() || (rest.len() == 1 && rest.as_bytes()[0].is_ascii_uppercase()))
}

/// A word of a list, capitalised, a final period allowed ("Ave.").
fn capitalised_in(word: &str, list: &[&str]) -> bool {
    capitalised(word) && lowercase_in(word.strip_suffix('.').unwrap_or(word), list)
}

/// The words of a numbered street whose ordinal is word `at` ("West 117th
/// Street", "5th Ave."), or `None`.
fn street<'t>(
    word: &impl Fn(usize) -> &'t str,
    at: usize,
    in_headline: bool,
) -> Option<(usize, usize)> {
    let kind = word(at + 1);
    if !is_ordinal(word(at)) || !capitalised_in(kind, STREET_WORDS) {
        return None;
    }
    let bare = kind.strip_suffix('.').unwrap_or(kind);
    if in_headline && lowercase_in(bare, AMBIGUOUS_STREET_WORDS) {
        return None;
    }
    // "the 150th St. Patrick's Day parade": "St." before a name is a saint.
    if lowercase_is(bare, "st") && capitalised(word(at + 2)) {
        return None;
    }
    let before = if at > 0 { word(at - 1) } else { "" };
    let direction = capitalised(before) && lowercase_in(before, DIRECTIONS);
    Some((if direction { at - 1 } else { at }, at + 2))
}

/// The words of a numbered road whose number is word `at` ("Route 66",
/// "State Route 94", "U.S. Route 1", "Interstate 5"), or `None`.
///
/// "State" is part of the name whether written "State" or "state" ("state
/// Route 94"), so both forms give one name; "U.S. Route 1" is another road.
fn road<'t>(word: &impl Fn(usize) -> &'t str, at: usize) -> Option<(usize, usize)> {
    if at == 0 || !is_road_number(word(at)) {
        return None;
    }
    let (kind, before) = (word(at - 1), if at > 1 { word(at - 2) } else { "" });
    let county = lowercase_is(before, "county");
    // "County Road 9": a county's roads are roads by number too.
    let road_word =
        capitalised_in(kind, ROAD_WORDS) || (county && capitalised_in(kind, &["road", "rd"]));
    if !road_word {
        return None;
    }
    let prefix = county
        || lowercase_is(before, "state")
        || matches!(before, "U.S." | "US")
        || (before == "Interstate" && capitalised_in(kind, &["highway", "hwy"]));
    Some((if prefix { at - 2 } else { at - 1 }, at + 1))
}

/// The tagger's mentions with the patterns' mentions put in (see [`add`]).
fn merge(
    text: &str,
    tokens: &[Token],
    mentions: Vec<Mention>,
    mut found: Vec<Found>,
) -> Vec<Mention> {
    let mut out = Vec::with_capacity(mentions.len() + found.len());
    for m in mentions {
        let first = found.partition_point(|f| f.mention.end <= m.start);
        let last = first
            + found[first..]
                .iter()
                .take_while(|f| f.mention.start < m.end)
                .count();
        if first == last {
            out.push(m);
            continue;
        }
        let only = &found[first].mention;
        let holds_one = last == first + 1
            && found[first].yields
            && m.start <= only.start
            && only.end <= m.end
            && (m.start, m.end) != (only.start, only.end);
        if holds_one {
            found[first].keep = false;
            out.push(m);
            continue;
        }
        let (left, right) = (only.start, found[last - 1].mention.end);
        for (start, end) in [(m.start, left), (right, m.end)] {
            if let Some(rest) = outside(text, tokens, &m, start, end) {
                out.push(rest);
            }
        }
    }
    out.extend(found.into_iter().filter(|f| f.keep).map(|f| f.mention));
    out
}

/// The part of mention `m` within `start..end` when it still reads as a
/// name: it starts and ends with a capitalised word or a figure.
fn outside(text: &str, tokens: &[Token], m: &Mention, start: usize, end: usize) -> Option<Mention> {
    if start >= end {
        return None;
    }
    let range = token_range(tokens, start, end);
    let inner = &tokens[range];
    let name_like = |t: &Token| {
        t.text(text)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let (a, b) = (inner.first()?, inner.last()?);
    (name_like(a) && name_like(b)).then_some(Mention {
        start: a.start,
        end: b.end,
        kind: m.kind,
        sentence: m.sentence,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{AnalyzedText, mention_of};

    /// The mentions of `text` after the pass, given the tagger's `tagged`
    /// (needle, kind), as (text, kind).
    fn run(text: &str, tagged: &[(&str, EntityKind)]) -> Vec<(String, EntityKind)> {
        let analysis = AnalyzedText::untagged(text);
        let mentions = tagged
            .iter()
            .map(|&(needle, kind)| mention_of(text, needle, 0, kind))
            .collect();
        let mut out = add(
            text,
            &analysis.tokens,
            &analysis.sentences,
            mentions,
            Lexicon::builtin(),
        );
        out.sort_by_key(|m| m.start);
        out.iter()
            .map(|m| (text[m.start..m.end].to_string(), m.kind))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        run(text, &[]).into_iter().map(|(t, _)| t).collect()
    }

    use EntityKind::{Location as Loc, Organisation as Org, Person as Per};

    #[test]
    fn handles_are_actors() {
        assert_eq!(
            run("I'd like to thank @TheAcademy, my wife.", &[]),
            [("@TheAcademy".to_string(), Org)]
        );
        assert_eq!(
            names("(@nytimes) and @BBC_News: done"),
            ["@nytimes", "@BBC_News"]
        );
        assert_eq!(
            run("Thanks @HillaryClinton and @JohnMcCain!", &[]),
            [
                ("@HillaryClinton".to_string(), Per),
                ("@JohnMcCain".to_string(), Per)
            ]
        );
        // The tagger's reading of a handle gives way to the handle.
        assert_eq!(
            run("said @TheAcademy today", &[("@TheAcademy", Per)]),
            [("@TheAcademy".to_string(), Org)]
        );
    }

    #[test]
    fn what_is_no_handle() {
        assert!(names("Write to news@nytimes.com or press@bbc.co.uk today.").is_empty());
        assert!(names("Meet me @ 5 pm, or @5pm, at the bar.").is_empty());
        assert!(names("The account @ThisHandleIsFarTooLong is not one.").is_empty());
        assert!(names("Trending: #Oscars and #TheAcademy tonight.").is_empty());
    }

    #[test]
    fn handle_words() {
        assert_eq!(camel_words("TheAcademy"), ["The", "Academy"]);
        assert_eq!(camel_words("NYTimes"), ["NY", "Times"]);
        assert_eq!(camel_words("nytimes"), ["nytimes"]);
        assert_eq!(camel_words("BBC_News"), ["BBC", "News"]);
        assert_eq!(camel_words("JohnMcCain"), ["John", "McCain"]);
        assert_eq!(camel_words("_x__y_"), ["x", "y"]);
        assert_eq!(camel_words("CNN"), ["CNN"]);
    }

    #[test]
    fn numbered_streets_are_places() {
        assert_eq!(
            run(
                "She was hit on 117th Street near 97th Avenue last night.",
                &[]
            ),
            [
                ("117th Street".to_string(), Loc),
                ("97th Avenue".to_string(), Loc)
            ]
        );
        assert_eq!(
            names("They met at 5th Ave. and 42nd St on West 4th Street."),
            ["5th Ave.", "42nd St", "West 4th Street"]
        );
        assert_eq!(names("He lives at 1st Blvd. now"), ["1st Blvd."]);
    }

    #[test]
    fn what_is_no_street() {
        assert!(names("It happened on the 5th of May in the 21st century.").is_empty());
        assert!(names("He rode 117th street and the 5st Street.").is_empty());
        assert!(names("Crowds at the 150th St. Patrick's Day parade.").is_empty());
        assert!(names("It cost $5 and 20 Street vendors came.").is_empty());
        // A title-case headline capitalises a race's places too.
        assert!(names("Vonn Takes 5th Place In Downhill\nVonn came fifth.").is_empty());
        assert_eq!(
            names("Vonn came fifth.\nShe lives on 5th Place."),
            ["5th Place"]
        );
    }

    #[test]
    fn numbered_roads_are_places() {
        assert_eq!(
            names("Drivers on Route 66, Highway 101, Interstate 5 and I-95 slowed."),
            ["Route 66", "Highway 101", "Interstate 5", "I-95"]
        );
        assert_eq!(
            names("He sped down state Route 94 and U.S. Route 1 to County Road 9A."),
            ["state Route 94", "U.S. Route 1", "County Road 9A"]
        );
        assert_eq!(
            names("Take Interstate Highway 35 north."),
            ["Interstate Highway 35"]
        );
        // The tagger's "State Route" is part of the road.
        assert_eq!(
            run(
                "He was stopped on State Route 94 in his Bentley.",
                &[("State Route", Org)]
            ),
            [("State Route 94".to_string(), Loc)]
        );
    }

    #[test]
    fn what_is_no_road() {
        assert!(names("They stayed in Room 101 on Floor 3.").is_empty());
        assert!(names("The route 9 bus, Highway 2.5, Route $5 and Route 1000.").is_empty());
        assert!(names("Flight 370 and Apollo 11 and I-5000 and I-0.").is_empty());
    }

    #[test]
    fn a_longer_name_keeps_its_road() {
        assert_eq!(
            run(
                "They ate at the Route 66 Casino.",
                &[("Route 66 Casino", Org)]
            ),
            [("Route 66 Casino".to_string(), Org)]
        );
        // A tagger's run of two streets is two places.
        assert_eq!(
            names_tagged(
                "at 97th Avenue and 117th Street in Queens",
                &[("97th Avenue and 117th Street", Org), ("Queens", Loc)]
            ),
            ["97th Avenue", "117th Street", "Queens"]
        );
        // The tagger's words beyond a road stay a name of their own.
        assert_eq!(
            run(
                "on Highway 101 Redwood Bridge",
                &[("101 Redwood Bridge", Loc)]
            ),
            [
                ("Highway 101".to_string(), Loc),
                ("Redwood Bridge".to_string(), Loc)
            ]
        );
    }

    #[test]
    fn named_streets_are_places_not_people() {
        let tagged = |text: &str, name: &str| run(text, &[(name, Per)]);
        assert_eq!(
            tagged("Shots on Nicola Avenue at dawn.", "Nicola Avenue"),
            [("Nicola Avenue".to_string(), Loc)]
        );
        assert_eq!(
            tagged("A shop in Avenue Montaigne was raided.", "Avenue Montaigne"),
            [("Avenue Montaigne".to_string(), Loc)]
        );
        assert_eq!(
            tagged("A fire broke out on Carson Street.", "Carson Street"),
            [("Carson Street".to_string(), Loc)]
        );
        // A person who bears a street word as a surname stays a person.
        assert_eq!(
            tagged("Skier Picabo Street won gold.", "Picabo Street"),
            [("Picabo Street".to_string(), Per)]
        );
        assert_eq!(
            tagged("He met Nathan Lane on Broadway.", "Nathan Lane"),
            [("Nathan Lane".to_string(), Per)]
        );
        assert_eq!(
            tagged("Ask Avenue now.", "Avenue"),
            [("Avenue".to_string(), Per)]
        );
    }

    fn names_tagged(text: &str, tagged: &[(&str, EntityKind)]) -> Vec<String> {
        run(text, tagged).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn ordinals() {
        for w in [
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "117th", "42ND",
        ] {
            assert!(is_ordinal(w), "{w}");
        }
        for w in ["5st", "11st", "0th", "th", "12345th", "1stt", "a1st"] {
            assert!(!is_ordinal(w), "{w}");
        }
    }

    #[test]
    fn mentions_stay_in_order_without_overlaps() {
        let text = "Cars on 117th Street, @nytimes said. State Route 94 was shut.\n\
                    Later I-95 and 5th Ave. were too, said @BarackObama.";
        let tagger = crate::analysis::ner::PerceptronTagger::builtin();
        let analysis = crate::analysis::analyze(text, tagger);
        let mut end = 0;
        for m in &analysis.mentions {
            assert!(m.start >= end && m.start < m.end, "{:?}", analysis.mentions);
            end = m.end;
        }
        let found: Vec<&str> = analysis
            .mentions
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        for name in [
            "117th Street",
            "@nytimes",
            "State Route 94",
            "I-95",
            "5th Ave.",
            "@BarackObama",
        ] {
            assert!(found.contains(&name), "{name} in {found:?}");
        }
    }
}
