//! Word lists and knowledge about actors, read from the tab-separated files in
//! `assets/lexicon/` (built into the binary). Formats are documented in
//! `assets/README.md`; lines starting with `#` are comments.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::EntityKind;
use crate::assets;

/// A country or territory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub name: String,
    pub iso2: String,
    pub iso3: String,
    /// Other names: official and short forms, abbreviations ("US", "U.S.", "America").
    pub alternate_names: Vec<String>,
    /// Adjectives and nouns of nationality ("Russian", "Russians").
    pub demonyms: Vec<String>,
    pub capital: Option<String>,
}

/// A known actor with its alternate names (organisations, renamed groups...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownActor {
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
}

/// The sex a given name or an honorific tells of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    Male,
    Female,
}

/// Everything the analysis knows before reading a text.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub countries: Vec<Country>,
    /// Known actors other than countries: organisations, groups, renamings.
    pub actors: Vec<KnownActor>,
    /// Lower-cased city and place name -> population (0 when unknown).
    pub places: HashMap<String, u64>,
    pub first_names: HashSet<String>,
    pub surnames: HashSet<String>,
    /// Lower-case words of ordinary English ("talks", "city").
    pub common_words: HashSet<String>,
    /// Lower-case titles and roles that precede a person's name ("minister").
    pub person_titles: HashSet<String>,
    /// Lower-case words that end or head organisation names ("ministry", "council").
    pub org_words: HashSet<String>,
    /// Lower-case words of geography that end a place's name, or open it
    /// before "of" ("Persian Gulf", "Gulf of Aden").
    pub place_heads: HashSet<String>,
    /// Lower-case words of geography that open a place's name ("Mount Cook").
    pub place_prefixes: HashSet<String>,
    /// News agencies and outlets, by any of their names: canonical name.
    pub news_sources: HashMap<String, String>,
    /// (given name, a nickname of it), lower case: ("kathryn", "katie").
    pub nicknames: HashSet<(String, String)>,
    /// Lower-case given names borne (nearly) only by one sex ("john", "katie").
    pub given_sexes: HashMap<String, Sex>,
    /// Lower-cased name, alternate name or demonym: index into `countries`.
    country_by_form: HashMap<String, usize>,
}

/// The rows of a tab-separated file: non-empty, non-comment lines split at tabs.
fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// A `|`-separated list cell, empty parts dropped.
fn list(cell: Option<&&str>) -> Vec<String> {
    cell.map(|c| {
        c.split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    })
    .unwrap_or_default()
}

fn word_set(data: &str) -> HashSet<String> {
    rows(data).map(|r| r[0].to_lowercase()).collect()
}

impl Lexicon {
    /// The lexicon built into the binary, parsed once.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            Lexicon::parse(&assets::LEXICON).unwrap_or_else(|e| panic!("built-in lexicon: {e}"))
        })
    }

    /// Parses lexicon files given as (file name, contents).
    pub fn parse(files: &assets::LexiconFiles) -> Result<Lexicon, String> {
        let mut lex = Lexicon::default();
        for row in rows(files.countries) {
            if row.len() < 3 {
                return Err(format!(
                    "countries.tsv: row {:?} has fewer than 3 columns",
                    row[0]
                ));
            }
            lex.countries.push(Country {
                name: row[0].to_string(),
                iso2: row[1].to_string(),
                iso3: row[2].to_string(),
                alternate_names: list(row.get(3)),
                demonyms: list(row.get(4)),
                capital: row.get(5).filter(|c| !c.is_empty()).map(|c| c.to_string()),
            });
        }
        for (i, c) in lex.countries.iter().enumerate() {
            let forms = [&c.name]
                .into_iter()
                .chain(&c.alternate_names)
                .chain(&c.demonyms);
            for form in forms {
                // The first country to claim a form keeps it.
                lex.country_by_form.entry(form.to_lowercase()).or_insert(i);
            }
        }
        for row in rows(files.actors) {
            let kind = row[0]
                .parse()
                .map_err(|e| format!("actors.tsv: {e} in row {:?}", row.get(1)))?;
            let name = row
                .get(1)
                .ok_or_else(|| format!("actors.tsv: row of type {} has no name", row[0]))?;
            lex.actors.push(KnownActor {
                kind,
                name: name.to_string(),
                aliases: list(row.get(2)),
            });
        }
        for row in rows(files.places) {
            let population = row.get(1).and_then(|p| p.parse().ok()).unwrap_or(0);
            lex.places.insert(row[0].to_lowercase(), population);
        }
        lex.first_names = word_set(files.first_names);
        lex.surnames = word_set(files.surnames);
        lex.common_words = word_set(files.common_words);
        lex.person_titles = word_set(files.person_titles);
        lex.org_words = word_set(files.org_words);
        for row in rows(files.place_words) {
            let set = match row.get(1).copied() {
                Some("head") => &mut lex.place_heads,
                Some("prefix") => &mut lex.place_prefixes,
                other => {
                    return Err(format!(
                        "place_words.tsv: {:?} for {:?} is neither head nor prefix",
                        other.unwrap_or(""),
                        row[0]
                    ));
                }
            };
            set.insert(row[0].to_lowercase());
        }
        lex.nicknames = rows(files.nicknames)
            .filter(|r| r.len() == 2)
            .map(|r| (r[0].to_lowercase(), r[1].to_lowercase()))
            .collect();
        for row in rows(files.given_genders) {
            let sex = match row.get(1).copied() {
                Some("m") => Sex::Male,
                Some("f") => Sex::Female,
                other => {
                    return Err(format!(
                        "given_genders.tsv: {:?} for {:?} is neither m nor f",
                        other.unwrap_or(""),
                        row[0]
                    ));
                }
            };
            lex.given_sexes.insert(row[0].to_lowercase(), sex);
        }
        for row in rows(files.news_sources) {
            let name = row[0].to_string();
            for alias in list(row.get(1)).into_iter().chain([name.clone()]) {
                lex.news_sources.insert(alias.to_lowercase(), name.clone());
            }
        }
        Ok(lex)
    }

    /// Whether `nickname` is a nickname of the given name `name` (lower case).
    pub fn is_nickname(&self, nickname: &str, name: &str) -> bool {
        self.nicknames
            .contains(&(name.to_string(), nickname.to_string()))
    }

    /// Whether a lower-cased name is a place of its own: a country or a
    /// place of the gazetteer.
    pub fn is_place(&self, form: &str) -> bool {
        self.places.contains_key(form) || self.country(form).is_some()
    }

    /// The sex a lower-case given name tells, when it tells one.
    pub fn sex_of_given_name(&self, name: &str) -> Option<Sex> {
        self.given_sexes.get(name).copied()
    }

    /// The country whose name, alternate name or demonym is `form` (case-insensitive).
    pub fn country(&self, form: &str) -> Option<&Country> {
        self.country_by_form
            .get(&form.to_lowercase())
            .map(|&i| &self.countries[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_parses_and_knows_the_basics() {
        let lex = Lexicon::builtin();
        let russia = lex
            .country("Russian")
            .expect("Russian is a demonym of Russia");
        assert_eq!(russia.name, "Russia");
        assert_eq!(
            lex.country("U.S.").map(|c| c.name.as_str()),
            Some("United States")
        );
        assert!(lex.country("Iraq").is_some_and(|c| c.name == "Iraq"));
        assert!(lex.person_titles.contains("minister"));
        assert!(lex.place_heads.contains("gulf") && lex.place_prefixes.contains("mount"));
        assert_eq!(
            lex.news_sources.get("tass").map(String::as_str),
            Some("TASS")
        );
        assert_eq!(lex.sex_of_given_name("john"), Some(Sex::Male));
        assert_eq!(lex.sex_of_given_name("katie"), Some(Sex::Female));
        assert_eq!(lex.sex_of_given_name("jordan"), None, "borne by both");
    }

    #[test]
    fn malformed_rows_are_errors() {
        let mut files = assets::LEXICON;
        files.actors = "BOGUS\tName\n";
        assert!(Lexicon::parse(&files).unwrap_err().contains("BOGUS"));
        let mut files = assets::LEXICON;
        files.countries = "Nowhere\tNW\n";
        assert!(Lexicon::parse(&files).is_err());
        let mut files = assets::LEXICON;
        files.place_words = "gulf\tsuffix\n";
        assert!(Lexicon::parse(&files).unwrap_err().contains("gulf"));
        let mut files = assets::LEXICON;
        files.given_genders = "sam\tx\n";
        assert!(Lexicon::parse(&files).unwrap_err().contains("sam"));
    }
}
