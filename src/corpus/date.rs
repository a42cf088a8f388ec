//! Calendar dates as news files state them, normalised to `YYYY-MM-DD`.
//!
//! Two entry points: [`parse_date`] for a metadata value that should be a
//! date (a JSON `date` field, an RSS `pubDate`), and [`find_date`] for the
//! first full date (with a year) somewhere in free text. A time of day and a
//! time zone are ignored: the date is the calendar day the source wrote,
//! which is what a reader expects to see, rather than that day moved to UTC.

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

/// A validated calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The date, if it exists in the calendar and the year is plausible for news.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let plausible_year = (1800..=2200).contains(&year);
        let valid_day = (1..=days_in_month(year, month)).contains(&day);
        (plausible_year && valid_day).then_some(Date { year, month, day })
    }

    /// The UTC calendar day of a Unix timestamp in seconds.
    pub fn from_unix_seconds(seconds: i64) -> Option<Date> {
        let days = seconds.div_euclid(86_400);
        // Days-to-civil conversion (proleptic Gregorian), era-based.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(
            i32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Month names, January first, lower case.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// Month names and their usual abbreviations, for use inside a regex.
pub(crate) const MONTH_PATTERN: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// The month number of an English month name or abbreviation ("Sept.", "june").
pub fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let prefix = name.get(..3)?;
    let month = match prefix {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    let full = MONTHS[month as usize - 1];
    // "Sept" is the one common abbreviation that is not a 3-letter prefix.
    (full.starts_with(&name) || name == "sept").then_some(month)
}

/// Every date shape [`find_date`] knows, as alternatives of one regex so
/// the leftmost date in the text wins whatever its shape.
static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let month = MONTH_PATTERN;
    let pattern = format!(
        r"(?xi)
        (?:^|[^\d])(?P<iy>\d{{4}})(?P<isep>[-/.])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})(?:[^\d]|$)
        | (?-u:\b)(?P<mm>{month})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})(?-u:\b)
        | (?-u:\b)(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm>{month})\.?,?\s+(?P<dy>\d{{4}})(?-u:\b)
        | (?:^|[^\d])(?P<na>\d{{1,2}})(?P<nsep>[/.])(?P<nb>\d{{1,2}})(?P=nsep)(?P<ny>\d{{4}})(?:[^\d]|$)
        "
    );
    // The `regex` crate has no backreferences; emulate `(?P=sep)` by
    // accepting either separator and checking equality afterwards.
    let pattern = pattern
        .replace("(?P=isep)", "(?P<isep2>[-/.])")
        .replace("(?P=nsep)", "(?P<nsep2>[/.])");
    Regex::new(&pattern).expect("date pattern is valid")
});

fn number<T: std::str::FromStr>(caps: &Captures<'_>, name: &str) -> Option<T> {
    caps.name(name)?.as_str().parse().ok()
}

/// The date one match of [`DATE_RE`] stands for, and its byte range.
fn date_of_match(caps: &Captures<'_>) -> Option<(Date, Range<usize>)> {
    if let Some(year) = caps.name("iy") {
        if caps.name("isep")?.as_str() != caps.name("isep2")?.as_str() {
            return None;
        }
        let date = Date::new(
            number(caps, "iy")?,
            number(caps, "im")?,
            number(caps, "id")?,
        )?;
        return Some((date, year.start()..caps.name("id")?.end()));
    }
    if let Some(month) = caps.name("mm") {
        let date = Date::new(
            number(caps, "my")?,
            month_number(month.as_str())?,
            number(caps, "md")?,
        )?;
        return Some((date, month.start()..caps.name("my")?.end()));
    }
    if let Some(day) = caps.name("dd") {
        let date = Date::new(
            number(caps, "dy")?,
            month_number(caps.name("dm")?.as_str())?,
            number(caps, "dd")?,
        )?;
        return Some((date, day.start()..caps.name("dy")?.end()));
    }
    let first = caps.name("na")?;
    if caps.name("nsep")?.as_str() != caps.name("nsep2")?.as_str() {
        return None;
    }
    let a: u32 = number(caps, "na")?;
    let b: u32 = number(caps, "nb")?;
    // Only unambiguous numeric dates: 19/10/2016 or 10/19/2016, never 5/6/2016.
    let (month, day) = match (a > 12, b > 12) {
        (true, false) => (b, a),
        (false, true) => (a, b),
        _ => return None,
    };
    let date = Date::new(number(caps, "ny")?, month, day)?;
    Some((date, first.start()..caps.name("ny")?.end()))
}

/// The first full date (day, month and year) in `text`, and where it is.
pub fn find_date(text: &str) -> Option<(Date, Range<usize>)> {
    let mut from = 0;
    while from < text.len() {
        let caps = DATE_RE.captures_at(text, from)?;
        if let Some(found) = date_of_match(&caps) {
            return Some(found);
        }
        // An impossible date ("May 40, 2016"): look again just after where it began.
        let start = caps.get(0).map_or(text.len(), |m| m.start());
        from = text[start..]
            .char_indices()
            .nth(1)
            .map_or(text.len(), |(i, _)| start + i);
    }
    None
}

/// A metadata value read as a date: ISO 8601 ("2016-10-19T10:00:00Z"),
/// RFC 2822 ("Wed, 19 Oct 2016 10:00:00 +0000"), "October 19, 2016",
/// "19 October 2016", compact "20161019", or a Unix timestamp in seconds or
/// milliseconds. `None` when no date can be read from it.
pub fn parse_date(value: &str) -> Option<Date> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return match value.len() {
            8 => Date::new(
                value[..4].parse().ok()?,
                value[4..6].parse().ok()?,
                value[6..].parse().ok()?,
            ),
            9 | 10 => Date::from_unix_seconds(value.parse().ok()?),
            12 | 13 => Date::from_unix_seconds(value.parse::<i64>().ok()? / 1000),
            _ => None,
        };
    }
    find_date(value).map(|(date, _)| date)
}

/// [`parse_date`] as the `YYYY-MM-DD` string stored in an article.
pub fn normalise_date(value: &str) -> Option<String> {
    parse_date(value).map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> Option<String> {
        normalise_date(s)
    }

    #[test]
    fn iso_dates_and_timestamps() {
        assert_eq!(norm("2016-10-19").as_deref(), Some("2016-10-19"));
        assert_eq!(norm("2016-10-19T10:42:00Z").as_deref(), Some("2016-10-19"));
        assert_eq!(
            norm("2016-10-19T23:59:59-05:00").as_deref(),
            Some("2016-10-19"),
            "the day as written, not moved to UTC"
        );
        assert_eq!(norm("2016/1/9").as_deref(), Some("2016-01-09"));
        assert_eq!(norm("20161019").as_deref(), Some("2016-10-19"));
    }

    #[test]
    fn rfc_2822_and_written_dates() {
        assert_eq!(
            norm("Wed, 19 Oct 2016 10:00:00 +0000").as_deref(),
            Some("2016-10-19")
        );
        assert_eq!(norm("June 13, 2013").as_deref(), Some("2013-06-13"));
        assert_eq!(norm("13 June 2013").as_deref(), Some("2013-06-13"));
        assert_eq!(norm("Sept. 3, 2015").as_deref(), Some("2015-09-03"));
        assert_eq!(norm("Dec. 7, 2009").as_deref(), Some("2009-12-07"));
        assert_eq!(norm("1st of March, 2020").as_deref(), Some("2020-03-01"));
        assert_eq!(
            norm("First Published: June 13, 2013 4:59 PM EDT").as_deref(),
            Some("2013-06-13")
        );
    }

    #[test]
    fn unix_timestamps() {
        assert_eq!(norm("0"), None, "too short to be a timestamp");
        assert_eq!(norm("1476871200").as_deref(), Some("2016-10-19"));
        assert_eq!(norm("1476871200000").as_deref(), Some("2016-10-19"));
        assert_eq!(
            Date::from_unix_seconds(951_782_400).map(|d| d.to_string()),
            Some("2000-02-29".to_string())
        );
    }

    #[test]
    fn numeric_dates_only_when_unambiguous() {
        assert_eq!(norm("19/10/2016").as_deref(), Some("2016-10-19"));
        assert_eq!(norm("10/19/2016").as_deref(), Some("2016-10-19"));
        assert_eq!(norm("05/06/2016"), None);
        assert_eq!(norm("19/10-2016"), None, "mixed separators");
    }

    #[test]
    fn impossible_or_missing_dates_are_none() {
        assert_eq!(norm("2016-02-30"), None);
        assert_eq!(norm("2015-02-29"), None);
        assert_eq!(norm("2016-02-29").as_deref(), Some("2016-02-29"));
        assert_eq!(norm("October 19"), None, "no year");
        assert_eq!(norm("yesterday"), None);
        assert_eq!(norm(""), None);
        assert_eq!(norm("Maybe 12, 2016"), None, "not a month name");
    }

    #[test]
    fn find_date_skips_invalid_and_reports_range() {
        let text = "On May 40, 2016 nothing; then on 3 May 2016 something.";
        let (date, range) = find_date(text).unwrap();
        assert_eq!(date.to_string(), "2016-05-03");
        assert_eq!(&text[range], "3 May 2016");
    }

    #[test]
    fn month_names() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("JUNE"), Some(6));
        assert_eq!(month_number("Junk"), None);
        assert_eq!(month_number("Ma"), None);
    }
}
