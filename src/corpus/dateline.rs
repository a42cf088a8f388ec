//! Metadata a news text states about itself near its top: the dateline
//! (`GENEVA, October 19. /TASS/.`, `TEHRAN (Tasnim) –`,
//! `LONDON, Oct 5 (Reuters) -`), an agency byline (`By Jane Doe, Associated
//! Press`) and a publication date (`First Published: June 13, 2013`).
//!
//! Agency names are normalised through `assets/lexicon/news_sources.tsv`,
//! read here directly because the corpus layer sits below the analysis
//! layer that owns the full lexicon.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::date::{self, MONTH_PATTERN};
use crate::assets;

/// How far into a text the header is looked for: datelines and publication
/// dates appear within the first few paragraphs or not at all.
const HEADER_LINES: usize = 15;
const HEADER_BYTES: usize = 4096;

/// What the top of a text says about the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextMetadata {
    pub source: Option<String>,
    pub place: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// Lower-cased agency name or alias -> canonical name.
static NEWS_SOURCES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in assets::LEXICON.news_sources.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cells = line.split('\t').map(str::trim);
        let name = cells.next().unwrap_or_default().to_string();
        let aliases = cells.next().unwrap_or_default();
        for alias in aliases.split('|').map(str::trim).filter(|a| !a.is_empty()) {
            map.insert(alias.to_lowercase(), name.clone());
        }
        map.insert(name.to_lowercase(), name);
    }
    map
});

/// The canonical name of a known news agency or outlet ("Associated Press" -> "AP").
pub fn known_source(name: &str) -> Option<&'static str> {
    let key = name.trim().trim_end_matches('.').to_lowercase();
    NEWS_SOURCES.get(&key).map(String::as_str)
}

/// A source name as it should be shown: canonical when known, else as given.
pub fn normalise_source(name: &str) -> Option<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return None;
    }
    Some(known_source(&name).map_or(name, str::to_string))
}

/// `PLACE[, Region][, Month D[, YYYY]][.]` then `/AGENCY/.` or `(Agency)`
/// and an optional dash, or a dash alone, at the start of a line.
static DATELINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let month = MONTH_PATTERN;
    let pattern = format!(
        r"(?x)
        ^(?P<place>\p{{Lu}}[\p{{L}}'’.\-]*(?:\s+\p{{Lu}}[\p{{L}}'’.\-]*){{0,3}})
        (?:,\s*(?P<region>\p{{Lu}}[\p{{L}}.]+(?:\s+\p{{Lu}}[\p{{L}}.]+)?))?
        (?:,\s*(?P<date>(?i:{month})\.?\s+\d{{1,2}}(?:,\s*(?P<year>\d{{4}}))?)\.?)?
        \s*
        (?:
            (?:/(?P<slash>[\p{{L}}][\p{{L}}\-\ ]{{0,30}})/\.?|\((?P<paren>[^()]{{2,40}})\))
            \s*(?P<dash>--|[-–—:])?
          | (?P<bare_dash>--|[-–—:])
        )
        "
    );
    Regex::new(&pattern).expect("dateline pattern is valid")
});

static BYLINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by)\s+[^,|]{3,60}\s*[,|]\s*(?P<agency>[\p{L}][\p{L}\-.\ ]{1,40}?)\s*$")
        .expect("byline pattern is valid")
});

/// Words that start many a first line but never name a place.
const NOT_PLACES: &[&str] = &[
    "BREAKING",
    "UPDATE",
    "UPDATED",
    "EXCLUSIVE",
    "WATCH",
    "VIDEO",
];

/// The dateline found in a single line, if the line starts with one.
pub fn parse_dateline(line: &str) -> Option<TextMetadata> {
    let caps = DATELINE_RE.captures(line.trim_start())?;
    let place = caps.name("place")?.as_str().trim_end_matches(['.', '-']);
    let all_caps = !place.chars().any(char::is_lowercase);
    let dash = caps.name("dash").is_some() || caps.name("bare_dash").is_some();
    let agency = caps
        .name("slash")
        .or_else(|| caps.name("paren"))
        .map(|m| m.as_str().trim());

    let source = match (caps.name("slash"), agency) {
        (Some(_), Some(name)) => normalise_source(name),
        // "(Reuters)" names an agency only when it is one we know, or when a
        // dash follows as in "TEHRAN (Tasnim) –", not "Iran (officially...)".
        (None, Some(name)) if known_source(name).is_some() || dash => {
            let words = name.split_whitespace().count();
            let capitalised = name.chars().next().is_some_and(char::is_uppercase);
            (capitalised && words <= 4)
                .then(|| normalise_source(name))
                .flatten()
        }
        _ => None,
    };
    // Without an agency marker only an all-caps place followed by a date or
    // a dash reads as a dateline ("NEW YORK —"); mixed case needs the agency.
    let plain_dateline = all_caps
        && place.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && (dash && (caps.name("date").is_some() || line.contains(" —") || line.contains(" --")));
    if source.is_none() && !plain_dateline {
        return None;
    }
    if NOT_PLACES.contains(&place) || known_source(place).is_some() {
        return None;
    }
    let date = match (caps.name("date"), caps.name("year")) {
        (Some(d), Some(_)) => date::normalise_date(d.as_str()),
        _ => None,
    };
    Some(TextMetadata {
        source,
        place: Some(place_name(place)),
        date,
    })
}

/// "NEW YORK" -> "New York", "RIO DE JANEIRO" -> "Rio de Janeiro"; a name
/// already in mixed case is kept.
pub fn place_name(raw: &str) -> String {
    if raw.chars().any(char::is_lowercase) {
        return raw.to_string();
    }
    const PARTICLES: &[&str] = &[
        "de", "da", "del", "do", "dos", "la", "le", "of", "upon", "am",
    ];
    raw.split_whitespace()
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && PARTICLES.contains(&lower.as_str()) {
                lower
            } else {
                capitalise_parts(&lower)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Upper-cases the first letter of each hyphen- or dot-separated part.
fn capitalise_parts(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.push(c);
        }
        if matches!(c, '-' | '.' | ' ') {
            start = true;
        }
    }
    out
}

/// The agency of a byline such as "By Jane Doe, Associated Press"; only
/// known agencies count, since a byline's second part is often a job title.
pub fn parse_byline(line: &str) -> Option<String> {
    let caps = BYLINE_RE.captures(line.trim())?;
    known_source(caps.name("agency")?.as_str()).map(str::to_string)
}

/// Labels that introduce a publication date on its own line.
const DATE_LABELS: &[&str] = &[
    "first published",
    "published",
    "updated",
    "last updated",
    "posted",
    "date",
];

/// The first lines of `text` that hold something, trimmed, within the header.
fn header_lines(text: &str) -> impl Iterator<Item = &str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut end = text.len().min(HEADER_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(HEADER_LINES)
}

/// A publication date stated near the top: on a short line of its own
/// ("October 19, 2016", "11:02 AM, Oct. 19, 2016") or after a label
/// ("First Published: June 13, 2013 4:59 PM EDT"). Dates inside body
/// sentences are not taken: they usually speak of some other event.
pub fn header_date(text: &str) -> Option<String> {
    for line in header_lines(text) {
        let lower = line.to_lowercase();
        let labelled = DATE_LABELS.iter().any(|l| lower.starts_with(l));
        if !labelled && line.chars().count() > 60 {
            continue;
        }
        if let Some((date, _)) = date::find_date(line) {
            return Some(date.to_string());
        }
    }
    None
}

/// Source, place and date from the top of a plain text.
pub fn metadata_from_text(text: &str) -> TextMetadata {
    let mut meta = TextMetadata::default();
    for line in header_lines(text) {
        if meta.place.is_none()
            && let Some(found) = parse_dateline(line)
        {
            meta.place = found.place;
            meta.source = meta.source.or(found.source);
            meta.date = meta.date.or(found.date);
        }
        if meta.source.is_none() {
            meta.source = parse_byline(line);
        }
        if meta.place.is_some() && meta.source.is_some() {
            break;
        }
    }
    if meta.date.is_none() {
        meta.date = header_date(text);
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(line: &str) -> Option<(Option<String>, Option<String>, Option<String>)> {
        parse_dateline(line).map(|m| (m.source, m.place, m.date))
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn tass_dateline() {
        assert_eq!(
            dl("GENEVA, October 19. /TASS/. Consultations among military experts"),
            Some((some("TASS"), some("Geneva"), None))
        );
        assert_eq!(
            dl("MOSCOW, October 19, 2016. /ITAR-TASS/. Talks"),
            Some((some("TASS"), some("Moscow"), some("2016-10-19"))),
            "alias normalised; a stated year gives the date"
        );
    }

    #[test]
    fn parenthesised_agency_datelines() {
        assert_eq!(
            dl("TEHRAN (Tasnim) – Senior US and Russian officials held talks"),
            Some((some("Tasnim"), some("Tehran"), None))
        );
        assert_eq!(
            dl("WASHINGTON (Reuters) - The U.S. Senate"),
            Some((some("Reuters"), some("Washington"), None))
        );
        assert_eq!(
            dl("LONDON, Oct 5 (Reuters) - Oil prices"),
            Some((some("Reuters"), some("London"), None))
        );
        assert_eq!(
            dl("MOSCOW, March 3 (AP) — Russian officials"),
            Some((some("AP"), some("Moscow"), None))
        );
        assert_eq!(
            dl("AUSTIN, Texas (AP) — A convicted sex offender"),
            Some((some("AP"), some("Austin"), None))
        );
        assert_eq!(
            dl("RIO DE JANEIRO, Aug. 5, 2016 (Associated Press) -- The Games"),
            Some((some("AP"), some("Rio de Janeiro"), some("2016-08-05")))
        );
        assert_eq!(
            dl("Tehran (Tasnim) - Officials said"),
            Some((some("Tasnim"), some("Tehran"), None)),
            "mixed-case place with an agency"
        );
    }

    #[test]
    fn an_unknown_agency_in_brackets_counts_when_a_dash_follows() {
        assert_eq!(known_source("Kabulwire"), None, "the agency is unknown");
        assert_eq!(
            dl("HERAT (Kabulwire) - Officials said"),
            Some((some("Kabulwire"), some("Herat"), None))
        );
        assert_eq!(
            dl("HERAT (Kabulwire) — Officials said"),
            Some((some("Kabulwire"), some("Herat"), None))
        );
        // Without the dash, brackets after a place are just brackets.
        assert_eq!(dl("Herat (Kabulwire) officials said"), None);
    }

    #[test]
    fn unknown_agency_needs_a_marker() {
        assert_eq!(
            dl("KYIV, May 2. /Ukrinform/. The government"),
            Some((some("Ukrinform"), some("Kyiv"), None))
        );
        assert_eq!(
            dl("BEIRUT (Sputnik) - Syrian forces"),
            Some((some("Sputnik"), some("Beirut"), None))
        );
        assert_eq!(
            dl("Iran (officially the Islamic Republic) is a country"),
            None
        );
    }

    #[test]
    fn plain_all_caps_dateline() {
        assert_eq!(
            dl("NEW YORK — Stocks rose on Monday"),
            Some((None, some("New York"), None))
        );
    }

    #[test]
    fn ordinary_lines_are_not_datelines() {
        assert_eq!(dl("US, Russian Officials Meet in Geneva on Aleppo"), None);
        assert_eq!(dl("Multinational military experts talks on Aleppo"), None);
        assert_eq!(dl("All news"), None);
        assert_eq!(dl("BREAKING — something happened"), None);
        assert_eq!(dl("The UN (United Nations) said"), None);
        assert_eq!(dl("Reuters - Oil prices rose"), None);
        assert_eq!(dl(""), None);
    }

    #[test]
    fn bylines() {
        assert_eq!(parse_byline("By Jane Doe, Associated Press"), some("AP"));
        assert_eq!(parse_byline("By JANE DOE | Reuters"), some("Reuters"));
        assert_eq!(parse_byline("By Jane Doe, Staff Writer"), None);
        assert_eq!(parse_byline("Bystanders said, Reuters"), None);
    }

    #[test]
    fn place_names() {
        assert_eq!(place_name("GENEVA"), "Geneva");
        assert_eq!(place_name("ST. PETERSBURG"), "St. Petersburg");
        assert_eq!(place_name("WINSTON-SALEM"), "Winston-Salem");
        assert_eq!(place_name("Tehran"), "Tehran");
    }

    #[test]
    fn header_dates() {
        assert_eq!(
            header_date("Title\n\nFirst Published: June 13, 2013 4:59 PM EDT\n\nBody"),
            some("2013-06-13")
        );
        assert_eq!(
            header_date("Title\nOctober 19, 2016\nBody"),
            some("2016-10-19")
        );
        assert_eq!(header_date("Title\n2016-10-19\nBody"), some("2016-10-19"));
        assert_eq!(
            header_date("Texas prisoner captured\n\n7:15 a. m. Dec. 7, 2009\nA convicted"),
            some("2009-12-07")
        );
        assert_eq!(
            header_date(
                "Title\nThe man, who was convicted of killing four people on March 11, 2005, was sentenced today."
            ),
            None,
            "a date inside a body sentence speaks of another event"
        );
        let late = format!("Title\n{}October 19, 2016\n", "line\n".repeat(30));
        assert_eq!(header_date(&late), None, "beyond the header");
    }

    #[test]
    fn metadata_combines_dateline_byline_and_date() {
        let text = "\u{feff}Title here\n\nBy Jane Doe, Associated Press\nMarch 3, 2014\n\nMOSCOW — Russian officials said";
        assert_eq!(
            metadata_from_text(text),
            TextMetadata {
                source: some("AP"),
                place: some("Moscow"),
                date: some("2014-03-03"),
            }
        );
        assert_eq!(metadata_from_text(""), TextMetadata::default());
    }

    #[test]
    fn sources_normalise_through_the_lexicon() {
        assert_eq!(known_source("Associated Press"), Some("AP"));
        assert_eq!(known_source("thomson reuters"), Some("Reuters"));
        assert_eq!(known_source("Nobody"), None);
        assert_eq!(normalise_source("  The  Guardian "), some("The Guardian"));
        assert_eq!(normalise_source(" "), None);
    }
}
