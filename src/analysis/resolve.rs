//! Actor resolution: decides which mentions refer to the same actor, within
//! an article and across the corpus.
//!
//! Each mention gets a key: the lexicon's canonical name when the lexicon
//! knows the form (countries by name, alternate name or demonym; known
//! organisations and renamed groups by alias), else the actor it refers back
//! to within its article (a surname to the full name, an alias stated in the
//! text to the name it stands for), else its own normalised name. Mentions
//! with equal keys are one actor across the whole corpus.

use std::collections::HashMap;

use serde::Serialize;

use super::lexicon::Lexicon;
use super::{AnalyzedText, EntityKind, Mention};

/// An actor: everything the corpus calls by one identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// Stable identifier, derived from the type and canonical name ("loc:russia").
    pub id: String,
    /// The canonical name: the lexicon's, else the most complete, most frequent form.
    pub name: String,
    pub kind: EntityKind,
    /// Every surface form seen in the corpus, most frequent first.
    pub aliases: Vec<String>,
}

/// The result of resolution: the actors, and the actor of every mention.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    pub actors: Vec<Actor>,
    /// `mention_actor[a][m]`: index into `actors` of mention `m` of article `a`.
    pub mention_actor: Vec<Vec<usize>>,
}

/// The identity a mention resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Key {
    kind: EntityKind,
    /// Normalised canonical name.
    name: String,
}

/// Lower-cases, folds common diacritics, and unifies punctuation variants so
/// that "al-Nusra", "Al Nusra" and "al-Nusra's" compare equal.
pub fn normalize(form: &str) -> String {
    let mut trimmed = form.trim();
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(rest) = trimmed.strip_suffix(suffix) {
            trimmed = rest;
            break;
        }
    }
    let lower = trimmed.to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        let c = fold_diacritic(c);
        match c {
            '-' | '‐' | '‑' | '_' | '/' => out.push(' '),
            '.' | '\'' | '’' | '‘' | '`' => {}
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fold_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' | 'ş' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ğ' => 'g',
        'ł' => 'l',
        'ř' => 'r',
        c => c,
    }
}

/// The lexicon's knowledge, indexed by normalised form.
struct Knowledge {
    by_form: HashMap<String, Key>,
    /// Canonical display name per key.
    display: HashMap<Key, String>,
}

impl Knowledge {
    fn new(lexicon: &Lexicon) -> Knowledge {
        let mut by_form = HashMap::new();
        let mut display = HashMap::new();
        for actor in &lexicon.actors {
            let key = Key {
                kind: actor.kind,
                name: normalize(&actor.name),
            };
            for form in std::iter::once(&actor.name).chain(&actor.aliases) {
                by_form
                    .entry(normalize(form))
                    .or_insert_with(|| key.clone());
            }
            display.insert(key, actor.name.clone());
        }
        for country in &lexicon.countries {
            let key = Key {
                kind: EntityKind::Location,
                name: normalize(&country.name),
            };
            let forms = std::iter::once(&country.name)
                .chain(&country.alternate_names)
                .chain(&country.demonyms);
            for form in forms {
                by_form
                    .entry(normalize(form))
                    .or_insert_with(|| key.clone());
            }
            display.insert(key, country.name.clone());
        }
        Knowledge { by_form, display }
    }
}

/// Resolves the mentions of every article (`texts[i]` analysed as `analyses[i]`).
pub fn resolve(texts: &[&str], analyses: &[AnalyzedText], lexicon: &Lexicon) -> Resolution {
    let knowledge = Knowledge::new(lexicon);
    let mut ids: HashMap<Key, usize> = HashMap::new();
    let mut keys: Vec<Key> = Vec::new();
    let mut forms: Vec<HashMap<String, usize>> = Vec::new();
    let mut mention_actor = Vec::with_capacity(analyses.len());
    for (text, analysis) in texts.iter().zip(analyses) {
        let article_keys = resolve_article(text, &analysis.mentions, &knowledge);
        let mut actors = Vec::with_capacity(article_keys.len());
        for (key, mention) in article_keys.into_iter().zip(&analysis.mentions) {
            let next = keys.len();
            let id = *ids.entry(key.clone()).or_insert(next);
            if id == next {
                keys.push(key);
                forms.push(HashMap::new());
            }
            *forms[id]
                .entry(text[mention.start..mention.end].to_string())
                .or_default() += 1;
            actors.push(id);
        }
        mention_actor.push(actors);
    }
    let actors = keys
        .iter()
        .zip(forms)
        .map(|(key, forms)| build_actor(key, forms, &knowledge))
        .collect();
    Resolution {
        actors,
        mention_actor,
    }
}

fn build_actor(key: &Key, forms: HashMap<String, usize>, knowledge: &Knowledge) -> Actor {
    let mut aliases: Vec<(String, usize)> = forms.into_iter().collect();
    aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let name = knowledge.display.get(key).cloned().unwrap_or_else(|| {
        // The most complete form (most words), then the most frequent.
        aliases
            .iter()
            .max_by(|a, b| {
                let words = |s: &str| s.split_whitespace().count();
                words(&a.0)
                    .cmp(&words(&b.0))
                    .then(a.1.cmp(&b.1))
                    .then(b.0.cmp(&a.0))
            })
            .map(|a| a.0.clone())
            .unwrap_or_default()
    });
    Actor {
        id: format!(
            "{}:{}",
            key.kind.label().to_lowercase(),
            key.name.replace(' ', "-")
        ),
        name,
        kind: key.kind,
        aliases: aliases.into_iter().map(|a| a.0).collect(),
    }
}

/// Keys for the mentions of one article.
fn resolve_article(text: &str, mentions: &[Mention], knowledge: &Knowledge) -> Vec<Key> {
    let surface = |m: &Mention| &text[m.start..m.end];
    let mut keys: Vec<Key> = mentions
        .iter()
        .map(|m| {
            let norm = normalize(surface(m));
            knowledge.by_form.get(&norm).cloned().unwrap_or(Key {
                kind: m.kind,
                name: norm,
            })
        })
        .collect();
    link_stated_aliases(text, mentions, &mut keys);
    link_short_names(mentions, &mut keys);
    keys
}

/// "Daesh (also known as ISIS or ISIL)", "Islamic State (IS)": a mention
/// introduced by "also known as" or "formerly known as" right after another
/// mention, or an acronym of it in brackets, names the same actor.
fn link_stated_aliases(text: &str, mentions: &[Mention], keys: &mut [Key]) {
    let mut head: Option<usize> = None;
    for i in 1..mentions.len() {
        let prev = head.unwrap_or(i - 1);
        let gap = &text[mentions[i - 1].end..mentions[i].start];
        let between = gap
            .trim()
            .trim_start_matches([',', '('])
            .trim()
            .to_lowercase();
        let stated = [
            "also known as",
            "formerly known as",
            "known as",
            "a.k.a.",
            "aka",
        ]
        .iter()
        .any(|p| between == *p || between.ends_with(&format!(" {p}")));
        let bracketed_acronym = gap.trim() == "("
            && is_acronym_of(
                &text[mentions[i].start..mentions[i].end],
                &text[mentions[prev].start..mentions[prev].end],
            );
        let continues_list = head.is_some() && matches!(between.as_str(), "or" | ",");
        if (stated || bracketed_acronym || continues_list) && keys[prev].kind != EntityKind::Person
        {
            keys[i] = keys[prev].clone();
            head = Some(prev);
        } else {
            head = None;
        }
    }
}

/// Whether `short` is an acronym of `long` ("IS" of "Islamic State", "UN" of
/// "United Nations"), ignoring small words and periods.
pub fn is_acronym_of(short: &str, long: &str) -> bool {
    let letters: String = short.chars().filter(|c| c.is_alphanumeric()).collect();
    if letters.chars().count() < 2 || !letters.chars().all(char::is_uppercase) {
        return false;
    }
    let words: Vec<&str> = long.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let initials = |skip_small: bool| -> String {
        words
            .iter()
            .filter(|w| !skip_small || w.chars().next().is_some_and(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    initials(true) == letters || initials(false) == letters
}

/// Within an article, a person named by surname or first name alone is the
/// person introduced with the full name ("Ryabkov" -> "Sergey Ryabkov").
fn link_short_names(mentions: &[Mention], keys: &mut [Key]) {
    let full_names: Vec<Key> = keys
        .iter()
        .zip(mentions)
        .filter(|(k, _)| k.kind == EntityKind::Person && k.name.contains(' '))
        .map(|(k, _)| k.clone())
        .collect();
    for key in keys.iter_mut() {
        if key.name.contains(' ') || matches!(key.kind, EntityKind::Location) {
            continue;
        }
        let matches: Vec<&Key> = full_names
            .iter()
            .filter(|full| {
                let words: Vec<&str> = full.name.split(' ').collect();
                words.last() == Some(&key.name.as_str())
                    || words.first() == Some(&key.name.as_str())
            })
            .collect();
        // Only an unambiguous reference is linked.
        if let [only] = matches.as_slice()
            && matches.iter().all(|m| m.name == only.name)
        {
            *key = (*only).clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_unifies_variants() {
        assert_eq!(normalize("Jabhat al-Nusra"), "jabhat al nusra");
        assert_eq!(normalize("Jabhat Al Nusra’s"), "jabhat al nusra");
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("The  Hague"), "hague");
        assert_eq!(normalize("Erdoğan"), "erdogan");
    }

    fn mention(text: &str, needle: &str, kind: EntityKind, nth: usize) -> Mention {
        let start = text
            .match_indices(needle)
            .nth(nth)
            .expect("needle in text")
            .0;
        Mention {
            start,
            end: start + needle.len(),
            kind,
            sentence: 0,
        }
    }

    #[test]
    fn surnames_demonyms_and_stated_aliases() {
        let text = "Russian minister Sergey Ryabkov spoke. Ryabkov said Daesh (also known as ISIS or ISIL) and Russia disagree.";
        let per = EntityKind::Person;
        let mentions = vec![
            mention(text, "Russian", EntityKind::Misc, 0),
            mention(text, "Sergey Ryabkov", per, 0),
            mention(text, "Ryabkov", per, 1),
            mention(text, "Daesh", EntityKind::Organisation, 0),
            mention(text, "ISIS", EntityKind::Organisation, 0),
            mention(text, "ISIL", EntityKind::Organisation, 0),
            mention(text, "Russia", EntityKind::Location, 1),
        ];
        let analysis = AnalyzedText {
            mentions,
            ..Default::default()
        };
        let res = resolve(&[text], &[analysis], Lexicon::builtin());
        let a = &res.mention_actor[0];
        assert_eq!(a[0], a[6], "Russian -> Russia");
        assert_eq!(a[1], a[2], "Ryabkov -> Sergey Ryabkov");
        assert_eq!(a[3], a[4]);
        assert_eq!(a[4], a[5]);
        assert_ne!(a[0], a[1]);
        assert_ne!(a[3], a[0]);
        assert_eq!(res.actors[a[0]].name, "Russia");
        assert_eq!(res.actors[a[0]].id, "loc:russia");
        assert_eq!(res.actors[a[1]].name, "Sergey Ryabkov");
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym_of("IS", "Islamic State"));
        assert!(is_acronym_of("U.N.", "United Nations"));
        assert!(is_acronym_of("SCPR", "Syrian Center for Policy Research"));
        assert!(!is_acronym_of("Tasnim", "TEHRAN"));
        assert!(!is_acronym_of("UK", "United Nations"));
    }

    #[test]
    fn a_bracketed_name_that_is_no_acronym_is_another_actor() {
        let text = "TEHRAN (Tasnim) - Islamic State (IS) fighters";
        let mentions = vec![
            mention(text, "TEHRAN", EntityKind::Location, 0),
            mention(text, "Tasnim", EntityKind::Organisation, 0),
            mention(text, "Islamic State", EntityKind::Organisation, 0),
            mention(text, "IS", EntityKind::Organisation, 0),
        ];
        let analysis = AnalyzedText {
            mentions,
            ..Default::default()
        };
        let res = resolve(&[text], &[analysis], Lexicon::builtin());
        let a = &res.mention_actor[0];
        assert_ne!(a[0], a[1]);
        assert_eq!(a[2], a[3]);
    }

    #[test]
    fn different_countries_stay_apart() {
        let text = "Iran and Iraq and Syria and the Syrian Center for Policy Research";
        let mentions = vec![
            mention(text, "Iran", EntityKind::Location, 0),
            mention(text, "Iraq", EntityKind::Location, 0),
            mention(text, "Syria", EntityKind::Location, 0),
            mention(
                text,
                "Syrian Center for Policy Research",
                EntityKind::Organisation,
                0,
            ),
        ];
        let analysis = AnalyzedText {
            mentions,
            ..Default::default()
        };
        let res = resolve(&[text], &[analysis], Lexicon::builtin());
        let a = &res.mention_actor[0];
        let mut distinct = a.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), 4);
    }
}
