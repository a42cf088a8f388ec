//! A name neither starts nor ends with a word in lower case ("southern Iran",
//! "Bush had enacted legislation"), nor holds one other than the particles
//! names carry ("bin", "de", "van", "of"): such words are trimmed from a
//! mention, or split it.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;

use super::lexicon::Lexicon;
use super::truecase::{all_caps, capitalised, ordinary};
use super::{EntityKind, Mention, Token, token_range};

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

/// "RBs", "QBs", "ISPs": capital initials with a plural "s".
fn plural_of_initials(word: &str) -> bool {
    word.strip_suffix('s').is_some_and(|initials| {
        initials.chars().count() >= 2 && initials.chars().all(|c| c.is_ascii_uppercase())
    })
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
            // "the Saints RBs": a plural of initials after a name is a common
            // noun ("running backs"), not part of the name.
            if last - first > 1
                && plural_of_initials(tokens[last - 1].text(text))
                && tokens[last - 2]
                    .text(text)
                    .chars()
                    .all(char::is_alphanumeric)
            {
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

/// Generational suffixes a tagger leaves after a person's name
/// ("Anthony LaCalamita III"): part of the name, which normalisation reads.
const NAME_SUFFIXES: &[&str] = &["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"];

/// Grows a person's mention over a generational suffix right after it.
pub fn take_name_suffixes(text: &str, tokens: &[Token], mentions: Vec<Mention>) -> Vec<Mention> {
    mentions
        .into_iter()
        .map(|mut m| {
            if m.kind != EntityKind::Person {
                return m;
            }
            let end = token_range(tokens, m.start, m.end).end;
            if let Some(next) = tokens.get(end)
                && next.start == m.end + 1
                && text[m.end..next.start] == *" "
                && NAME_SUFFIXES.contains(&next.text(text))
            {
                m.end = next.end;
            }
            m
        })
        .collect()
}

/// Words for one person of an organisation, written between its name and
/// the person's ("California Highway Patrol Officer Brad Baehr").
const ROLE_WORDS: &[&str] = &[
    "Officer",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Trooper",
    "Detective",
    "Agent",
    "Chief",
    "Commissioner",
    "Chairman",
    "Chairwoman",
    "Director",
    "Coach",
    "Captain",
    "Sergeant",
    "Lieutenant",
    "Official",
    "CEO",
];

/// "California Highway Patrol Officer Brad Baehr": a role word that ends a
/// name other than a person's, right before a person's name, is no part of
/// the organisation's name ("California Highway Patrol"). Mentions come in
/// text order.
pub fn drop_trailing_roles(
    text: &str,
    tokens: &[Token],
    mut mentions: Vec<Mention>,
) -> Vec<Mention> {
    for i in 1..mentions.len() {
        let (m, next) = (&mentions[i - 1], &mentions[i]);
        if m.kind == EntityKind::Person
            || next.kind != EntityKind::Person
            || !text[m.end..next.start.max(m.end)]
                .chars()
                .all(char::is_whitespace)
        {
            continue;
        }
        let range = token_range(tokens, m.start, m.end);
        if range.len() < 2 || !ROLE_WORDS.contains(&tokens[range.end - 1].text(text)) {
            continue;
        }
        let end = tokens[range.end - 2].end;
        mentions[i - 1].end = end;
    }
    mentions
}

/// Words for a place of business or care written after the name of what
/// it belongs to or where it is ("Betty Ford Rehab", "Athens Bank").
const FACILITY_WORDS: &[&str] = &[
    "Rehab",
    "Clinic",
    "Hospital",
    "Bank",
    "Shop",
    "Store",
    "Club",
    "Hotel",
    "Restaurant",
    "Jail",
    "Prison",
    "Stadium",
    "Arena",
    "Airport",
    "Mall",
    "Museum",
];

/// "Lohan Checks Into Betty Ford Rehab", "Three Killed In Athens Bank
/// Fire": a tagger that reads a title-case headline as running text stops
/// a name before a capitalised word of business or care, which is the
/// name's head. A mention other than a person's, followed by such a word
/// (and a second one: "Palermo Jail Cell" stays "Palermo Jail") and no
/// mention, grows over it and names the facility; so does a given name
/// alone before "'s" ("Sam's Club", not "Lohan's Rehab"). Mentions come in
/// text order.
pub fn take_facility_heads(
    text: &str,
    tokens: &[Token],
    mut mentions: Vec<Mention>,
    lexicon: &Lexicon,
) -> Vec<Mention> {
    for i in 0..mentions.len() {
        let m = &mentions[i];
        let mut next = tokens.partition_point(|t| t.start < m.end);
        if m.kind == EntityKind::Person {
            // "Sam's Club": a given name alone, then "'s", names a business.
            let given = text[m.start..m.end].to_lowercase();
            let owner = !given.contains(' ') && lexicon.first_names.contains(&given);
            let possessive = tokens
                .get(next)
                .is_some_and(|t| t.start == m.end && matches!(t.text(text), "'s" | "’s"));
            if !(owner && possessive) {
                continue;
            }
            next += 1;
        }
        let Some(word) = tokens.get(next) else {
            continue;
        };
        let end_of_name = tokens[next - 1].end;
        let spaced = text[end_of_name..word.start] == *" ";
        // "Oscar-nominated Hotel Rwanda": a name right after it makes the
        // word part of that name.
        let after = tokens.get(next + 1).map_or(usize::MAX, |t| t.start);
        let free = mentions
            .get(i + 1)
            .is_none_or(|n| n.start >= word.end && n.start != after);
        if spaced && free && FACILITY_WORDS.contains(&word.text(text)) {
            mentions[i].end = word.end;
            mentions[i].kind = EntityKind::Organisation;
        }
    }
    mentions
}

/// "Choosing DeGeneres, known for...", "Warship INS Sukanya foiled...": the
/// first word of a sentence is capitalised whatever it is, so an ordinary
/// word there is no part of the name after it, when the text also starts a
/// name with the next word after a word in lower case ("of DeGeneres") and
/// never writes the first word capitalised inside a sentence (`names`). An
/// organisation's name keeps its first word ("Central Mat-Su Fire Department").
pub fn trim_sentence_openers(
    text: &str,
    tokens: &[Token],
    sentences: &[Range<usize>],
    names: &HashSet<&str>,
    lexicon: &Lexicon,
    mentions: Vec<Mention>,
) -> Vec<Mention> {
    // Made on the first opener met: most texts have none.
    let starts_names: OnceCell<HashSet<&str>> = OnceCell::new();
    let starts_names = || {
        starts_names.get_or_init(|| {
            tokens
                .windows(2)
                .filter(|pair| lower_word(pair[0].text(text)) && capitalised(pair[1].text(text)))
                .map(|pair| pair[1].text(text))
                .collect()
        })
    };
    mentions
        .into_iter()
        .map(|mut m| {
            let range = token_range(tokens, m.start, m.end);
            let Some(sentence) = sentences.get(m.sentence) else {
                return m;
            };
            let opens_sentence = tokens[sentence.start..range.start]
                .iter()
                .all(|t| !t.text(text).chars().any(char::is_alphanumeric));
            if !opens_sentence || range.len() < 2 {
                return m;
            }
            let (word, next) = (
                tokens[range.start].text(text),
                tokens[range.start + 1].text(text),
            );
            let lower = word.to_lowercase();
            let opener = capitalised(word)
                && !all_caps(word)
                && ordinary(&lower, lexicon)
                && !names.contains(word)
                && !lexicon.person_titles.contains(&lower)
                && !lexicon.org_words.contains(&lower)
                && !lexicon.place_prefixes.contains(&lower)
                && !lexicon.place_heads.contains(&lower);
            let organisation = || {
                tokens[range.clone()]
                    .iter()
                    .any(|t| lexicon.org_words.contains(&t.text(text).to_lowercase()))
            };
            if opener && !organisation() && starts_names().contains(next) {
                m.start = tokens[range.start + 1].start;
            }
            m
        })
        .collect()
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
    fn a_facility_word_after_a_name_is_its_head() {
        let text = "Lohan Checks Into Betty Ford Rehab\nFire at Athens Bank. \
                    Oscar-nominated Hotel Rwanda. Lohan's Rehab visit. Mr Ford Store. \
                    Outside Sam's Club.";
        let tokens = tokenize(text);
        let loc = EntityKind::Location;
        let mentions = vec![
            crate::analysis::mention_of(text, "Betty Ford", 0, loc),
            crate::analysis::mention_of(text, "Athens", 0, loc),
            crate::analysis::mention_of(text, "Oscar-nominated", 0, EntityKind::Misc),
            crate::analysis::mention_of(text, "Rwanda", 0, loc),
            crate::analysis::mention_of(text, "Lohan", 1, EntityKind::Person),
            crate::analysis::mention_of(text, "Mr Ford", 0, EntityKind::Person),
            crate::analysis::mention_of(text, "Sam", 0, EntityKind::Person),
        ];
        let grown: Vec<&str> = take_facility_heads(text, &tokens, mentions, Lexicon::builtin())
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(
            grown,
            [
                "Betty Ford Rehab",
                "Athens Bank",
                "Oscar-nominated",
                "Rwanda",
                "Lohan",
                "Mr Ford",
                "Sam's Club"
            ]
        );
    }

    #[test]
    fn lower_case_words_at_either_end_go() {
        assert_eq!(trimmed("southern Iran"), ["Iran"]);
        assert_eq!(trimmed("Bush had enacted legislation"), ["Bush"]);
        assert_eq!(trimmed("downtown Palmer"), ["Palmer"]);
        assert_eq!(trimmed("Saints RBs"), ["Saints"]);
        assert_eq!(trimmed("ISPs"), ["ISPs"]);
        assert_eq!(trimmed("Providers (ISPs"), ["Providers (ISPs"]);
    }

    #[test]
    fn a_role_before_a_persons_name_leaves_the_organisations_name() {
        let text = "said California Highway Patrol Officer Brad Baehr and the Scottish \
                    Officer Guild, Windows Task Officer.";
        let tokens = tokenize(text);
        let (org, per) = (EntityKind::Organisation, EntityKind::Person);
        let mentions = vec![
            crate::analysis::mention_of(text, "California Highway Patrol Officer", 0, org),
            crate::analysis::mention_of(text, "Brad Baehr", 0, per),
            crate::analysis::mention_of(text, "Scottish Officer Guild", 0, org),
            crate::analysis::mention_of(text, "Windows Task Officer", 0, org),
        ];
        let names: Vec<&str> = drop_trailing_roles(text, &tokens, mentions)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(
            names,
            [
                "California Highway Patrol",
                "Brad Baehr",
                "Scottish Officer Guild",
                "Windows Task Officer"
            ]
        );
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
    fn ordinary_words_opening_a_sentence_leave_the_name_after_them() {
        let text = "Choosing DeGeneres signals a change. Warship INS Sukanya sailed. \
                    New Delhi agreed. Central Mat-Su Fire Department came. It is DeGeneres, \
                    the ship of INS Sukanya, in New Delhi, not the Mat-Su department.";
        let analysis = crate::analysis::AnalyzedText::untagged(text);
        let raw: Vec<Vec<&str>> = analysis
            .sentences
            .iter()
            .map(|r| {
                analysis.tokens[r.clone()]
                    .iter()
                    .map(|t| t.text(text))
                    .collect()
            })
            .collect();
        let names = crate::analysis::truecase::names_in_running_text(&raw, Lexicon::builtin());
        let tagged = [
            "Choosing DeGeneres",
            "Warship INS Sukanya",
            "New Delhi",
            "Central Mat-Su Fire Department",
        ]
        .map(|name| {
            let mut m = crate::analysis::mention_of(text, name, 0, EntityKind::Person);
            m.sentence = analysis
                .sentences
                .partition_point(|r| r.end <= token_range(&analysis.tokens, m.start, m.end).start);
            m
        });
        let trimmed: Vec<&str> = trim_sentence_openers(
            text,
            &analysis.tokens,
            &analysis.sentences,
            &names,
            Lexicon::builtin(),
            tagged.to_vec(),
        )
        .iter()
        .map(|m| &text[m.start..m.end])
        .collect();
        // No name starts with "Delhi"; an organisation's name is whole.
        assert_eq!(
            trimmed,
            [
                "DeGeneres",
                "INS Sukanya",
                "New Delhi",
                "Central Mat-Su Fire Department"
            ]
        );
    }

    #[test]
    fn generational_suffixes_are_part_of_a_persons_name() {
        let text = "Anthony LaCalamita III was found guilty. Henry IV Part One. Martin Luther King Jr. spoke.";
        let tokens = tokenize(text);
        let tagged = vec![
            crate::analysis::mention_of(text, "Anthony LaCalamita", 0, EntityKind::Person),
            crate::analysis::mention_of(text, "Henry", 0, EntityKind::Misc),
            crate::analysis::mention_of(text, "Martin Luther King", 0, EntityKind::Person),
        ];
        let grown: Vec<&str> = take_name_suffixes(text, &tokens, tagged)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(
            grown,
            ["Anthony LaCalamita III", "Henry", "Martin Luther King Jr."]
        );
    }

    #[test]
    fn inner_words_no_name_carries_split_it() {
        assert_eq!(trimmed("Chargers its Winston"), ["Chargers", "Winston"]);
        assert_eq!(trimmed("Gary Ross Won't"), ["Gary Ross"]);
        assert_eq!(trimmed("Bank of America"), ["Bank of America"]);
    }
}
