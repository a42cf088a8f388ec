//! Name normalisation: the form two mentions must share to be compared.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::analysis::lexicon::Sex;
use crate::analysis::patterns::{camel_words, handle_name, is_ordinal};

/// Titles and honorifics that precede a person's name but are not part of it.
/// They are kept as descriptors ("Dr.", "President-elect").
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "prof",
    "professor",
    "rev",
    "reverend",
    "president",
    "president elect",
    "vice president",
    "prime minister",
    "minister",
    "senator",
    "sen",
    "rep",
    "representative",
    "gov",
    "governor",
    "gen",
    "general",
    "col",
    "colonel",
    "lt",
    "capt",
    "captain",
    "sgt",
    "sergeant",
    "officer",
    "deputy",
    "judge",
    "justice",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "mayor",
    "chancellor",
    "secretary",
    "ambassador",
    "coach",
    "pope",
    "cardinal",
    "bishop",
    "imam",
    "ayatollah",
    "emir",
];

/// Spelling variants of the same given name or word, as transliterated by
/// different outlets; each maps to one spelling.
const VARIANTS: &[(&str, &str)] = &[
    ("sergei", "sergey"),
    ("sergej", "sergey"),
    ("alexei", "alexey"),
    ("aleksei", "alexey"),
    ("aleksey", "alexey"),
    ("andrei", "andrey"),
    ("dmitri", "dmitry"),
    ("dmitriy", "dmitry"),
    ("yuri", "yury"),
    ("yuriy", "yury"),
    ("nikolai", "nikolay"),
    ("mikhail", "mikhail"),
    ("vladimir", "vladimir"),
    ("mohammed", "muhammad"),
    ("mohammad", "muhammad"),
    ("mohamed", "muhammad"),
    ("muhammed", "muhammad"),
    ("mohamad", "muhammad"),
    ("qaida", "qaeda"),
    ("qa'ida", "qaeda"),
    ("gaddafi", "qaddafi"),
    ("kadhafi", "qaddafi"),
    ("qadhafi", "qaddafi"),
    ("osama", "usama"),
    ("hezbollah", "hizbollah"),
    ("hizballah", "hizbollah"),
    ("centre", "center"),
    ("organisation", "organization"),
    ("defence", "defense"),
    ("mt", "mount"),
    ("ft", "fort"),
];

/// Lower-cases, folds diacritics and transliteration variants, drops
/// possessives, periods and a leading "the", and unifies hyphens and spaces,
/// so that "al-Nusra", "Al Nusra" and "al-Nusra's" compare equal. A handle
/// is read as its words ("@TheAcademy" -> "academy").
pub fn normalize(form: &str) -> String {
    let mut trimmed = form
        .trim()
        .trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '‘' | '\'' | ','));
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(rest) = trimmed.strip_suffix(suffix) {
            trimmed = rest;
            break;
        }
    }
    let spaced;
    if let Some(name) = handle_name(trimmed) {
        spaced = camel_words(name).join(" ");
        trimmed = &spaced;
    }
    let mut folded = String::with_capacity(trimmed.len());
    let mut chars = trimmed.chars().peekable();
    let mut previous = ' ';
    while let Some(original) = chars.next() {
        // "Gov.Sarah Palin": a period run into a capitalised word after a
        // word of several letters parts two words ("U.S." stays initials).
        let next_capital = chars.peek().is_some_and(|n| n.is_uppercase());
        let parts_words = original == '.'
            && next_capital
            && previous.is_lowercase()
            && folded
                .split(' ')
                .next_back()
                .is_some_and(|w| w.chars().count() > 1);
        previous = original;
        if parts_words {
            folded.push(' ');
            continue;
        }
        for c in original.to_lowercase() {
            match fold_diacritic(c) {
                '-' | '‐' | '‑' | '_' | '/' => folded.push(' '),
                '.' | '\'' | '’' | '‘' | '`' | '"' | '“' | '”' | '(' | ')' | '[' | ']' => {}
                c if c.is_whitespace() => folded.push(' '),
                c => folded.push(c),
            }
        }
    }
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    spell_out_streets_and_roads(&mut words);
    // "Microsoft Corp.", "Hewlett-Packard Co": the legal form is no part of the name.
    while words.len() > 1 && LEGAL_FORMS.contains(&words[words.len() - 1]) {
        words.pop();
    }
    if words.len() > 1 && words[words.len() - 1] == "&" {
        words.pop();
    }
    join_initials(&words)
        .iter()
        .map(|w| {
            VARIANTS
                .iter()
                .find(|(from, _)| from == w)
                .map_or(w.as_str(), |(_, to)| to)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Abbreviated street words and their full forms.
const STREET_ABBREVIATIONS: &[(&str, &str)] = &[
    ("st", "street"),
    ("ave", "avenue"),
    ("rd", "road"),
    ("blvd", "boulevard"),
    ("ln", "lane"),
    ("pl", "place"),
    ("ct", "court"),
    ("pkwy", "parkway"),
];

/// "E. 5th Ave." is "East 5th Avenue", "Hwy 1" is "Highway 1" and "I-95" is
/// "Interstate 95": abbreviations are spelled out only around an ordinal or
/// before a road's number, so that "St. Louis" keeps its saint.
fn spell_out_streets_and_roads(words: &mut [&str]) {
    for k in 1..words.len() {
        if !is_ordinal(words[k - 1]) {
            continue;
        }
        if let Some(&(_, full)) = STREET_ABBREVIATIONS.iter().find(|(a, _)| *a == words[k]) {
            words[k] = full;
        }
        // "E. 52nd St." is "East 52nd Street".
        if k >= 2 {
            words[k - 2] = match words[k - 2] {
                "n" => "north",
                "s" => "south",
                "e" => "east",
                "w" => "west",
                other => other,
            };
        }
    }
    let number = |w: &str| {
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        (1..=3).contains(&digits) && w.len() <= digits + 1
    };
    for k in 1..words.len() {
        if number(words[k]) {
            words[k - 1] = match words[k - 1] {
                "hwy" => "highway",
                "rte" => "route",
                "i" if words.len() == 2 => "interstate",
                other => other,
            };
        }
    }
}

/// Legal forms that end company names.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "ltd",
    "limited",
    "llc",
    "plc",
    "lp",
    "llp",
    "ag",
    "sa",
    "nv",
    "gmbh",
    "bv",
    "pty",
];

/// Runs of single letters become one word: "U. S." and "U.S." are "us",
/// "H-P" is "hp", "J. J. Arrington" is "jj arrington".
fn join_initials(words: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut run = String::new();
    for w in words {
        if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
            run.push_str(w);
            continue;
        }
        if !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
        out.push(w.to_string());
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

fn fold_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' | 'ę' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' | 'ş' | 'ș' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ğ' => 'g',
        'ł' => 'l',
        'ř' => 'r',
        'ť' | 'ț' => 't',
        c => c,
    }
}

/// A person's name without a nickname quoted inside it: "Vincent Gigante"
/// for `Vincent "The Chin" Gigante`, so that it meets the same name written
/// plainly or with a middle initial. A quote that opens or closes the whole
/// name, or that is not closed, is left alone (and removed by [`normalize`]).
pub fn without_quoted_nickname(surface: &str) -> Cow<'_, str> {
    let quotes = [('"', '"'), ('“', '”'), ('‘', '’'), ('\'', '\'')];
    for (open, close) in quotes {
        let Some(start) = surface.find(open) else {
            continue;
        };
        let inner = start + open.len_utf8();
        let Some(len) = surface[inner..].find(close) else {
            continue;
        };
        let end = inner + len + close.len_utf8();
        let before = surface[..start].trim_end();
        let after = surface[end..].trim_start();
        // A nickname sits between words of the name, set off by spaces.
        let spaced = surface[..start].ends_with(' ') && surface[end..].starts_with(' ');
        if !before.is_empty() && !after.is_empty() && spaced && len > 0 {
            return Cow::Owned(format!("{before} {after}"));
        }
    }
    Cow::Borrowed(surface)
}

/// The sex an honorific tells ("mr", "mrs"), if it tells one.
pub fn honorific_sex(title: &str) -> Option<Sex> {
    match title.split(' ').next_back()? {
        "mr" | "mister" | "sir" | "lord" => Some(Sex::Male),
        "mrs" | "ms" | "miss" | "madam" | "dame" | "lady" => Some(Sex::Female),
        _ => None,
    }
}

/// Splits leading honorifics off a normalised person name:
/// "dr regina benjamin" -> ("dr", "regina benjamin"). A name that is only a
/// title stays whole.
pub fn split_honorifics(norm: &str) -> (&str, &str) {
    let mut rest = norm;
    loop {
        // The longest honorific that matches ("president elect", not "president").
        let stripped = HONORIFICS
            .iter()
            .filter_map(|h| {
                rest.strip_prefix(h)
                    .and_then(|r| r.strip_prefix(' '))
                    .filter(|r| !r.is_empty())
            })
            .min_by_key(|r| r.len());
        match stripped {
            Some(r) => rest = r,
            None => break,
        }
    }
    let title = norm[..norm.len() - rest.len()].trim_end();
    (title, rest)
}

/// The letters of an acronym ("U.N." -> "UN"), or `None` when `word` is not
/// one: two to eight capitals, periods allowed.
pub fn acronym_letters(word: &str) -> Option<String> {
    let mut letters = String::new();
    for c in word.chars() {
        match c {
            '.' => {}
            c if c.is_uppercase() => letters.push(c),
            _ => return None,
        }
    }
    (2..=8)
        .contains(&letters.chars().count())
        .then_some(letters)
}

/// The acronyms a name of several words may have: the initials of its
/// capitalised words and of all its words ("Syrian Center for Policy
/// Research" -> "SCPR", "SCFPR").
pub fn initials(long: &str) -> Vec<String> {
    let words: Vec<&str> = long.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let initials = |skip_small: bool| -> String {
        words
            .iter()
            .filter(|w| !skip_small || w.chars().next().is_some_and(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    let (capitals, all) = (initials(true), initials(false));
    if capitals == all {
        vec![all]
    } else {
        vec![capitals, all]
    }
}

/// Whether `short` is the plural of an acronym of `long`, itself a plural
/// of an ordinary word (`common`): "ISPs" of "Internet Service Providers";
/// "DJs" are no "Dow Jones".
pub fn is_plural_acronym_of(short: &str, long: &str, common: &HashSet<String>) -> bool {
    let plural = long.rsplit([' ', '-']).next().is_some_and(|w| {
        w.strip_suffix('s')
            .is_some_and(|one| common.contains(&one.to_lowercase()))
    });
    plural
        && short
            .strip_suffix('s')
            .and_then(acronym_letters)
            .is_some_and(|letters| initials(long).contains(&letters))
}

/// Drops generational suffixes from a normalised person name:
/// "arcade joseph comeaux jr" -> "arcade joseph comeaux".
pub fn strip_name_suffix(norm: &str) -> &str {
    for suffix in [" jr", " sr", " ii", " iii", " iv"] {
        if let Some(rest) = norm.strip_suffix(suffix)
            && rest.contains(' ')
        {
            return rest;
        }
    }
    norm
}

/// Whether `short` is an acronym of `long` ("IS" of "Islamic State", "UN" of
/// "United Nations"), with or without its small words.
pub fn is_acronym_of(short: &str, long: &str) -> bool {
    acronym_letters(short).is_some_and(|letters| initials(long).contains(&letters))
}

/// Whether given name `short` is `long` itself, its initial, or a short
/// form of it ("fred" of "frederick"); never the other way round.
pub fn abbreviates(short: &str, long: &str) -> bool {
    short == long
        || (short.len() == 1 && long.starts_with(short))
        || (short.len() >= 3 && long.len() > short.len() && long.starts_with(short))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_names_lose_legal_forms_and_spacing() {
        assert_eq!(normalize("Microsoft Corp."), "microsoft");
        assert_eq!(
            normalize("Advanced Micro Devices Inc."),
            "advanced micro devices"
        );
        assert_eq!(
            normalize("Hewlett - Packard Co"),
            normalize("Hewlett-Packard")
        );
        assert_eq!(normalize("H-P"), normalize("HP"));
        assert_eq!(normalize("U. S."), normalize("U.S."));
        assert_eq!(normalize("T - Mobile"), normalize("T-Mobile"));
        assert_eq!(normalize("Co"), "co");
        assert_eq!(normalize("George W. Bush"), "george w bush");
    }

    #[test]
    fn normalisation_unifies_variants() {
        assert_eq!(normalize("Jabhat al-Nusra"), "jabhat al nusra");
        assert_eq!(normalize("Jabhat Al Nusra’s"), "jabhat al nusra");
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("The  Hague"), "hague");
        assert_eq!(normalize("Erdoğan"), "erdogan");
        assert_eq!(normalize("Sergei Ryabkov"), normalize("Sergey Ryabkov"));
        assert_eq!(normalize("al-Qaida"), normalize("al Qaeda"));
        assert_eq!(normalize("\"Thompson"), "thompson");
        assert_eq!(normalize("Lohan's"), "lohan");
        assert_eq!(normalize("The"), "the");
        assert_eq!(normalize("Mt. Cook"), normalize("Mount Cook"));
        assert_eq!(normalize("Gov.Sarah Palin"), "gov sarah palin");
        assert_eq!(normalize("J.J. Redick"), "jj redick");
    }

    #[test]
    fn a_quoted_nickname_inside_a_name_is_left_out() {
        assert_eq!(
            without_quoted_nickname("Vincent \"The Chin\" Gigante"),
            "Vincent Gigante"
        );
        assert_eq!(
            without_quoted_nickname("Vincent ‘The Chin’ Gigante"),
            "Vincent Gigante"
        );
        for whole in [
            "\"Vincent Gigante\"",
            "Vincent \"The Chin Gigante",
            "O'Brien",
            "Jim O'Brien's",
            "Vincent\"The Chin\"Gigante",
        ] {
            assert_eq!(without_quoted_nickname(whole), whole);
        }
    }

    #[test]
    fn honorifics_tell_a_sex_where_they_have_one() {
        assert_eq!(honorific_sex("mr"), Some(Sex::Male));
        assert_eq!(honorific_sex("miss"), Some(Sex::Female));
        assert_eq!(honorific_sex("dr"), None);
        assert_eq!(honorific_sex(""), None);
    }

    #[test]
    fn handles_read_as_their_words() {
        assert_eq!(normalize("@TheAcademy"), "academy");
        assert_eq!(normalize("@TheAcademy"), normalize("Academy"));
        assert_eq!(normalize("@BarackObama"), normalize("Barack Obama"));
        assert_eq!(normalize("@JohnMcCain's"), "john mccain");
        assert_eq!(normalize("@nytimes"), "nytimes");
        assert_eq!(normalize("@BBC_News"), "bbc news");
        // Only a handle is split: names keep their capitals as written.
        assert_eq!(normalize("DeGeneres"), "degeneres");
        assert_eq!(normalize("McDonald's"), "mcdonald");
        assert_eq!(normalize("TheStreet"), "thestreet");
        assert_eq!(normalize("@"), "@");
        assert_eq!(normalize("@5pm"), "@5pm");
    }

    #[test]
    fn streets_and_roads_are_spelled_out() {
        assert_eq!(normalize("5th Ave."), normalize("5th Avenue"));
        assert_eq!(normalize("42nd St"), "42nd street");
        assert_eq!(normalize("Hwy 1"), normalize("Highway 1"));
        assert_eq!(normalize("I-95"), normalize("Interstate 95"));
        assert_eq!(normalize("E. 52nd St."), normalize("East 52nd Street"));
        assert_eq!(normalize("W 4th St"), "west 4th street");
        assert_eq!(normalize("state Route 94"), normalize("State Route 94"));
        // Not after an ordinal or before a number: as written.
        assert_eq!(normalize("St. Louis"), "st louis");
        assert_eq!(normalize("Ave Maria"), "ave maria");
        assert_eq!(normalize("Henry I"), "henry i");
        assert_eq!(normalize("I 95 Club"), "i 95 club");
    }

    #[test]
    fn honorifics_are_descriptors() {
        assert_eq!(
            split_honorifics("dr regina benjamin"),
            ("dr", "regina benjamin")
        );
        assert_eq!(split_honorifics("mr larue"), ("mr", "larue"));
        assert_eq!(
            split_honorifics("president elect barack obama"),
            ("president elect", "barack obama")
        );
        assert_eq!(split_honorifics("president"), ("", "president"));
        assert_eq!(split_honorifics("generali"), ("", "generali"));
    }

    #[test]
    fn generational_suffixes_are_not_part_of_the_name() {
        assert_eq!(
            strip_name_suffix("arcade joseph comeaux jr"),
            "arcade joseph comeaux"
        );
        assert_eq!(
            strip_name_suffix("anthony lacalamita iii"),
            "anthony lacalamita"
        );
        assert_eq!(strip_name_suffix("smith jr"), "smith jr");
        assert_eq!(normalize("Kimani (Kiki) Gray"), "kimani kiki gray");
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym_of("IS", "Islamic State"));
        assert!(is_acronym_of("U.N.", "United Nations"));
        assert!(is_acronym_of("SCPR", "Syrian Center for Policy Research"));
        assert!(is_acronym_of("SCFPR", "Syrian Center for Policy Research"));
        assert!(!is_acronym_of("Tasnim", "TEHRAN"));
        assert!(!is_acronym_of("UK", "United Nations"));
        assert!(!is_acronym_of("T", "Tehran"));
        let common = &crate::analysis::lexicon::Lexicon::builtin().common_words;
        assert!(is_plural_acronym_of(
            "ISPs",
            "Internet Service Providers",
            common
        ));
        assert!(!is_plural_acronym_of("DJs", "Dow Jones", common));
        assert!(!is_plural_acronym_of("Is", "Islamic States", common));
        assert!(!is_acronym_of("ISPs", "Internet Service Providers"));
    }

    #[test]
    fn given_names() {
        assert!(abbreviates("fred", "frederick"));
        assert!(abbreviates("f", "frederick"));
        assert!(!abbreviates("frederick", "fred"));
        assert!(!abbreviates("tony", "fred"));
        assert!(!abbreviates("al", "alan"));
    }
}
