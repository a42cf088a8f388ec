//! Across articles: one organisation or facility named in several forms.
//!
//! "Betty Ford Center" and "Betty Ford Treatment Center", "Morningside
//! Recovery" and "Morningside Recovery Center", "Promises Treatment Center"
//! and "Malibu Promises Treatment Center". Such a name is a place it may
//! open with, its core, and a tail of generic words (the lexicon's
//! organisation words: Center, Treatment, Clinic...). A shorter form of a
//! name (fewer of its generic words, no place) joins the longer names it is
//! a form of, whatever types taggers gave either, when they are all one
//! actor. A form that is a place, an ordinary word or a person's name stays
//! apart: "Boston" is no form of the "Boston Herald", nor "Betty Ford" the
//! woman of the "Betty Ford Center".

use fnv::{FnvHashMap as HashMap, FnvHashSet as HashSet};
use rayon::prelude::*;

use super::global::{Node, single_root};
use super::local::{UnionFind, is_person};
use crate::analysis::EntityKind;
use crate::analysis::lexicon::Lexicon;

/// The most generic words a tail may hold for its forms to be offered: each
/// subset of them is a form.
const MAX_TAIL: usize = 3;
/// The longest place name read before an organisation's own name.
const MAX_PLACE_WORDS: usize = 3;

/// The generic words of a place of care: a distinctive name with any of
/// them names one facility ("Betty Ford Clinic", "Betty Ford Center").
const FACILITY_WORDS: &[&str] = &[
    "center",
    "clinic",
    "treatment",
    "recovery",
    "rehab",
    "rehabilitation",
];

/// Whether the words after the first of `rep` name a facility of their own
/// ("Malibu Promises Treatment Center", "Boston Medical Center"): that
/// first word alone, a place's name most often, is no form of the name.
pub(super) fn facility_after_first_word(rep: &str, lexicon: &Lexicon) -> bool {
    let Some((_, rest)) = rep.split_once(' ') else {
        return false;
    };
    rest.rsplit_once(' ')
        .is_some_and(|(_, last)| FACILITY_WORDS.contains(&last))
        && rest.split(' ').any(|w| !lexicon.org_words.contains(w))
}

/// Points of the compass, which open places' names ("South Wales").
const COMPASS: &[&str] = &["north", "south", "east", "west", "central"];

/// A name of several words ending in generic words, in its parts.
#[derive(Debug, PartialEq, Eq)]
struct Parts<'a> {
    place: &'a [&'a str],
    core: &'a [&'a str],
    tail: &'a [&'a str],
}

/// Splits `words` into a leading place, a core and a generic tail, or
/// `None` when the name does not end in a generic word. The core keeps at
/// least one word; a name whose words before its tail are all a place's
/// name ("Palm Springs Treatment Center") has that place as its core.
fn parts<'a>(
    words: &'a [&'a str],
    generic: impl Fn(&str) -> bool,
    place: impl Fn(&[&str]) -> bool,
) -> Option<Parts<'a>> {
    let mut tail = words.len();
    while tail > 1 && generic(words[tail - 1]) {
        tail -= 1;
    }
    if tail == words.len() {
        return None;
    }
    let opening = (1..=MAX_PLACE_WORDS.min(tail - 1))
        .rev()
        .find(|&k| place(&words[..k]))
        .filter(|_| !place(&words[..tail]))
        .unwrap_or(0);
    Some(Parts {
        place: &words[..opening],
        core: &words[opening..tail],
        tail: &words[tail..],
    })
}

/// The shorter forms of a name, as normalised names, each with whether it
/// drops the place: without some of its generic words, and without its
/// place (then in two words at least: "Superior" is no form of the "Los
/// Angeles Superior Court"). Dropping a generic word from the middle of
/// the tail ("Betty Ford Center" of "Betty Ford Treatment Center") needs a
/// `distinctive` core; otherwise a form is the name cut short at either end.
fn shorter_forms(parts: &Parts, distinctive: bool) -> Vec<(String, bool)> {
    let n = parts.tail.len();
    let mut forms = Vec::new();
    if n > MAX_TAIL {
        return forms;
    }
    let places: &[&[&str]] = if parts.place.is_empty() {
        &[parts.place]
    } else {
        &[parts.place, &[]]
    };
    for place in places {
        for mask in 0..1u32 << n {
            let whole = mask == (1 << n) - 1;
            if whole && place.len() == parts.place.len() {
                continue;
            }
            // Keeping the first k generic words cuts the name at its end.
            let cut_short = (mask + 1).is_power_of_two();
            if !cut_short && !distinctive {
                continue;
            }
            let kept = (0..n)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| parts.tail[i]);
            let words: Vec<&str> = place
                .iter()
                .chain(parts.core)
                .copied()
                .chain(kept)
                .collect();
            let dropped = place.len() < parts.place.len();
            if words.len() > 1 || !dropped {
                forms.push((words.join(" "), dropped));
            }
        }
    }
    forms
}

/// FNV-1a of a name: what the passes over every node compare.
fn hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A quick test before a look-up among a few names' hashes, which most
/// nodes fail: one bit per hash's top 16 bits.
struct Bits(Vec<u64>);

impl Bits {
    fn of(hashes: impl Iterator<Item = u64>) -> Bits {
        let mut bits = Bits(vec![0; 1 << 10]);
        for h in hashes {
            let k = (h >> 48) as usize;
            bits.0[k / 64] |= 1 << (k % 64);
        }
        bits
    }

    fn may_hold(&self, h: u64) -> bool {
        let k = (h >> 48) as usize;
        self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

/// What the passes over all nodes need of one, in one place: each pass
/// then reads a table, not every name again.
struct Row {
    /// Hashes of the name, its first word and its last word.
    name: u64,
    first: u64,
    last: u64,
    mentions: usize,
    kind: EntityKind,
    known: bool,
}

impl Row {
    fn of(node: &Node) -> Row {
        let e = node.entity;
        let rep = e.rep.as_str();
        let first = rep.split_once(' ').map_or(rep, |(w, _)| w);
        let last = rep.rsplit_once(' ').map_or(rep, |(_, w)| w);
        Row {
            name: hash(rep),
            first: hash(first),
            last: hash(last),
            mentions: e.mentions.len(),
            kind: e.kind,
            known: e.known.is_some(),
        }
    }

    fn several_words(&self) -> bool {
        self.first != self.name
    }
}

/// Joins the shorter forms of organisations' and facilities' names to the
/// one actor whose names they are forms of (see the module's comment).
pub(super) fn merge_org_forms(nodes: &[Node], sets: &mut UnionFind, lexicon: &Lexicon) {
    let generic = |w: &str| lexicon.org_words.contains(w);
    let generic_hashes: HashSet<u64> = lexicon.org_words.iter().map(|w| hash(w)).collect();
    let rows: Vec<Row> = nodes.par_iter().map(Row::of).collect();
    let rep = |i: usize| nodes[i].entity.rep.as_str();
    // The names offering forms: several words, the last generic. Equal
    // names of several words are one actor by now, so one node stands for
    // each name.
    let mut longer: Vec<usize> = Vec::new();
    let mut seen: HashSet<u64> = HashSet::default();
    for (i, row) in rows.iter().enumerate() {
        if !row.known
            && row.several_words()
            && generic_hashes.contains(&row.last)
            && seen.insert(row.name)
        {
            longer.push(i);
        }
    }
    if longer.is_empty() {
        return;
    }
    // How the corpus types the names the forms may open with (is it a
    // place?) and their cores (a person or an organisation?): mentions by
    // their entity's type.
    let mut openings: HashMap<u64, (&str, [usize; 4])> = HashMap::default();
    for &i in &longer {
        let rep = rep(i);
        // Where words start and end, and where the generic tail starts.
        let starts: Vec<usize> = std::iter::once(0)
            .chain(rep.match_indices(' ').map(|(at, _)| at + 1))
            .collect();
        let mut tail = starts.len();
        while tail > 1 && generic(rep[starts[tail - 1]..].split(' ').next().unwrap_or("")) {
            tail -= 1;
        }
        let end_of = |word: usize| starts.get(word).map_or(rep.len(), |&s| s - 1);
        for k in 1..starts.len().min(MAX_PLACE_WORDS + 1) {
            // An opening, and the core after it.
            let opening = &rep[..end_of(k)];
            openings.insert(hash(opening), (opening, [0; 4]));
            if k < tail {
                let core = &rep[starts[k]..end_of(tail)];
                openings.insert(hash(core), (core, [0; 4]));
            }
        }
    }
    let some_opening = Bits::of(openings.keys().copied());
    for (i, row) in rows.iter().enumerate() {
        if !some_opening.may_hold(row.name) {
            continue;
        }
        if let Some((name, count)) = openings.get_mut(&row.name)
            && *name == rep(i)
        {
            count[row.kind.index()] += row.mentions;
        }
    }
    let typed = |name: &str| {
        openings
            .get(&hash(name))
            .filter(|(n, _)| *n == name)
            .map_or([0; 4], |(_, count)| *count)
    };
    let known_place =
        |name: &str| lexicon.places.contains_key(name) || lexicon.country(name).is_some();
    // Typed a place more often than anything else.
    let corpus_place = |name: &str| {
        let counts = typed(name);
        let loc = counts[EntityKind::Location.index()];
        EntityKind::ALL
            .iter()
            .all(|k| *k == EntityKind::Location || counts[k.index()] < loc)
    };
    let place = |words: &[&str]| {
        let name = words.join(" ");
        known_place(&name) || corpus_place(&name)
    };
    // Each form, with the names it is a form of and whether only a name of
    // the same type may take it.
    type Offer = (String, Vec<(usize, bool)>);
    let mut offers: HashMap<u64, Offer> = HashMap::default();
    let mut facilities: HashMap<(String, String), Vec<usize>> = HashMap::default();
    for &i in &longer {
        let words: Vec<&str> = rep(i).split(' ').collect();
        let Some(parts) = parts(&words, generic, place) else {
            continue;
        };
        // Taggers type facilities as places: only the gazetteer's places
        // are no distinctive name.
        let distinctive = !known_place(&parts.core.join(" "))
            && parts
                .core
                .iter()
                .any(|w| !lexicon.common_words.contains(*w) && !generic(w));
        // "Central Bank" may be any country's: a place goes from a name of
        // another type only when its core is distinctive or named alone as
        // an organisation.
        let core = parts.core.join(" ");
        let counts = typed(&core);
        let named = counts[EntityKind::Organisation.index()] + counts[EntityKind::Misc.index()];
        let org_named = named >= 2
            && named
                > 2 * (counts[EntityKind::Person.index()] + counts[EntityKind::Location.index()]);
        for (form, dropped) in shorter_forms(&parts, distinctive) {
            let entry = offers
                .entry(hash(&form))
                .or_insert_with(|| (form, Vec::new()));
            entry.1.push((i, dropped && !distinctive && !org_named));
        }
        // A person's name names a facility when the corpus says so.
        let a_person = parts
            .core
            .iter()
            .all(|w| lexicon.first_names.contains(*w) || lexicon.surnames.contains(*w));
        let facility = distinctive
            && parts.tail.iter().all(|w| FACILITY_WORDS.contains(w))
            && (!a_person || {
                let counts = typed(&core);
                let per = counts[EntityKind::Person.index()];
                counts.iter().sum::<usize>() > 2 * per
            });
        if facility {
            facilities
                .entry((parts.place.join(" "), core))
                .or_default()
                .push(i);
        }
    }
    // "Betty Ford Clinic" is the "Betty Ford Center".
    for group in facilities.values() {
        for &i in &group[1..] {
            sets.union(group[0], i);
        }
    }
    // Each shorter form that names something else stays apart.
    let mut joins: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut bare: HashMap<u64, Vec<usize>> = HashMap::default();
    let some_form = Bits::of(offers.keys().copied());
    for (i, row) in rows.iter().enumerate() {
        if !some_form.may_hold(row.name) {
            continue;
        }
        let Some((form, offered)) = offers.get(&row.name) else {
            continue;
        };
        let name = rep(i);
        if row.known || *form != name || known_place(name) {
            continue;
        }
        let same_kind = |j: usize| nodes[j].entity.kind == row.kind;
        let mut targets: Vec<usize> = offered
            .iter()
            .filter(|&&(j, same_only)| !same_only || same_kind(j))
            .map(|&(j, _)| j)
            .collect();
        let words = || name.split(' ');
        if row.several_words() && words().any(generic) {
            // "Morningside Recovery": a facility's name.
        } else if row.several_words() && targets.iter().any(|&j| same_kind(j)) {
            // A name cut short joins one of its own type, as in
            // `merge_contained_names`.
            targets.retain(|&j| same_kind(j));
        } else if row.several_words() {
            // "South Wales", "British Olympic" are places or of one; "Walt
            // Disney" is the man more often than his company.
            let of_a_place = words()
                .any(|w| known_place(w) || lexicon.place_heads.contains(w) || COMPASS.contains(&w));
            let counts = typed(name);
            let people = counts[EntityKind::Person.index()];
            if of_a_place || counts.iter().sum::<usize>() <= 2 * people {
                continue;
            }
        } else {
            let a_name = lexicon.first_names.contains(name) || lexicon.surnames.contains(name);
            if a_name || lexicon.common_words.contains(name) || corpus_place(name) || generic(name)
            {
                continue;
            }
            bare.entry(row.name).or_default();
        }
        if !targets.is_empty() {
            joins.push((i, targets));
        }
    }
    // A word alone may also be a person's name in the corpus, or start
    // other names: then it stays apart, as the actor it means is unclear.
    if !bare.is_empty() {
        let mut people: HashSet<u64> = HashSet::default();
        let some_word = Bits::of(bare.keys().copied());
        for (i, row) in rows.iter().enumerate() {
            let may_hold = some_word.may_hold(row.first) || some_word.may_hold(row.last);
            if !row.several_words() || !may_hold {
                continue;
            }
            if is_person(row.kind) {
                for w in [row.first, row.last] {
                    if bare.contains_key(&w) {
                        people.insert(w);
                    }
                }
            } else if let Some(list) = bare.get_mut(&row.first) {
                list.push(i);
            }
        }
        joins.retain_mut(|(i, targets)| match bare.get(&rows[*i].name) {
            Some(starting) => {
                targets.extend(starting);
                !people.contains(&rows[*i].name)
            }
            None => true,
        });
    }
    // Longest forms first: "Betty Ford Center" joins the "Betty Ford
    // Treatment Center" before "Betty Ford" is judged against both.
    let words = |i: usize| rep(i).matches(' ').count();
    joins.sort_by_key(|&(i, _)| (std::cmp::Reverse(words(i)), i));
    for (i, targets) in joins {
        if let Some(target) = single_root(sets, &targets) {
            sets.union(i, target);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::AnalyzedText;

    const ORG: EntityKind = EntityKind::Organisation;
    const LOC: EntityKind = EntityKind::Location;
    const PER: EntityKind = EntityKind::Person;

    /// Resolves one article per `(text, names)`, each name found after the
    /// one before it, and gives the actor of each name, article by article.
    fn actors(articles: &[(&str, &[(&str, EntityKind)])]) -> Vec<Vec<String>> {
        let texts: Vec<&str> = articles.iter().map(|(t, _)| *t).collect();
        let analyses: Vec<AnalyzedText> = articles
            .iter()
            .map(|(text, names)| {
                let mut from = 0;
                let mentions = names
                    .iter()
                    .map(|&(name, kind)| {
                        let start = from + text[from..].find(name).expect("name in text");
                        from = start + name.len();
                        crate::analysis::Mention {
                            start,
                            end: from,
                            kind,
                            sentence: 0,
                        }
                    })
                    .collect();
                AnalyzedText {
                    mentions,
                    ..AnalyzedText::untagged(text)
                }
            })
            .collect();
        let res = super::super::resolve(&texts, &analyses, Lexicon::builtin());
        res.mention_actor
            .iter()
            .map(|a| a.iter().map(|&i| res.actors[i].id.clone()).collect())
            .collect()
    }

    #[test]
    fn forms_of_a_facilitys_name_are_one_actor_whatever_their_types() {
        let ids = actors(&[
            (
                "Lohan left the Betty Ford Center in Rancho Mirage.",
                &[("Betty Ford Center", ORG), ("Rancho Mirage", LOC)],
            ),
            (
                "She checked out of the Betty Ford Treatment Center.",
                &[("Betty Ford Treatment Center", LOC)],
            ),
            (
                "The Betty Ford Clinic said little.",
                &[("Betty Ford Clinic", ORG)],
            ),
            // The corpus calls the name alone a facility.
            ("Lohan is at Betty Ford.", &[("Betty Ford", LOC)]),
            (
                "She went to Morningside Recovery, then Cliffside.",
                &[("Morningside Recovery", LOC), ("Cliffside", PER)],
            ),
            (
                "The Morningside Recovery Center and the Cliffside Rehab Center.",
                &[
                    ("Morningside Recovery Center", ORG),
                    ("Cliffside Rehab Center", ORG),
                ],
            ),
        ]);
        assert_eq!(ids[0][0], ids[1][0], "a generic word more");
        assert_eq!(ids[0][0], ids[2][0], "clinic and centre");
        assert_eq!(ids[0][0], ids[3][0]);
        assert_eq!(ids[4][0], ids[5][0], "a generic word at the end");
        assert_eq!(ids[4][1], ids[5][1], "a facility typed a person");
        assert_ne!(ids[0][0], ids[0][1]);
    }

    #[test]
    fn a_form_without_its_place_joins_the_one_name_it_fits() {
        let malibu = (
            "Reid entered Malibu Promises Treatment Center in Malibu.",
            &[("Malibu Promises Treatment Center", ORG), ("Malibu", LOC)][..],
        );
        let promises = (
            "Promises Treatment Center said she was well.",
            &[("Promises Treatment Center", ORG)][..],
        );
        // Malibu is too small for the gazetteer: the corpus types it a place.
        let ids = actors(&[malibu, promises]);
        assert_eq!(ids[0][0], ids[1][0]);
        assert_ne!(ids[0][0], ids[0][1], "Malibu the city stays apart");
        // Two branches: the name without a place could be either.
        let ids = actors(&[
            (
                "Houston Promises Treatment Center opened.",
                &[("Houston Promises Treatment Center", ORG)],
            ),
            promises,
            (
                "Phoenix Promises Treatment Center opened.",
                &[("Phoenix Promises Treatment Center", ORG)],
            ),
        ]);
        assert_ne!(ids[0][0], ids[1][0]);
        assert_ne!(ids[2][0], ids[1][0]);
    }

    #[test]
    fn places_ordinary_words_and_people_are_no_forms_of_a_name() {
        let ids = actors(&[
            (
                "The Boston Herald and the Apple Store.",
                &[("Boston Herald", ORG), ("Apple Store", ORG)],
            ),
            (
                "Boston and Apple agreed.",
                &[("Boston", LOC), ("Apple", ORG)],
            ),
            (
                "Former first lady Betty Ford and the Ford Foundation.",
                &[("Betty Ford", PER), ("Ford Foundation", ORG)],
            ),
            (
                "The Betty Ford Center thanked Ford.",
                &[("Betty Ford Center", ORG), ("Ford", PER)],
            ),
        ]);
        assert_ne!(ids[0][0], ids[1][0], "Boston is no Boston Herald");
        // "Apple Store" is a shop of the company, an actor of its own.
        assert_ne!(ids[0][1], ids[1][1]);
        assert_ne!(ids[2][0], ids[3][0], "the woman is not her clinic");
        assert_ne!(ids[2][1], ids[3][1], "a surname is no form of a foundation");
    }

    #[test]
    fn two_centres_of_one_city_stay_apart() {
        let ids = actors(&[
            (
                "Palm Springs Recovery Center and Palm Springs Treatment Center.",
                &[
                    ("Palm Springs Recovery Center", ORG),
                    ("Palm Springs Treatment Center", ORG),
                ],
            ),
            (
                "In Palm Springs, the Boston Rehab Center and the Boston Center.",
                &[
                    ("Palm Springs", LOC),
                    ("Boston Rehab Center", ORG),
                    ("Boston Center", ORG),
                ],
            ),
        ]);
        assert_ne!(ids[0][0], ids[0][1]);
        assert_ne!(ids[1][0], ids[0][0]);
        assert_ne!(ids[1][0], ids[0][1]);
        assert_ne!(
            ids[1][1], ids[1][2],
            "a place's name is no distinctive core"
        );
    }

    fn split<'a>(words: &'a [&'a str], places: &[&str]) -> Option<Parts<'a>> {
        let lexicon = Lexicon::builtin();
        parts(
            words,
            |w| lexicon.org_words.contains(w),
            |ws| places.contains(&ws.join(" ").as_str()),
        )
    }

    #[test]
    fn a_name_is_a_place_a_core_and_generic_words() {
        let words = ["malibu", "promises", "treatment", "center"];
        assert_eq!(
            split(&words, &["malibu"]),
            Some(Parts {
                place: &words[..1],
                core: &words[1..2],
                tail: &words[2..],
            })
        );
        // The place's name is all there is before the tail: it is the core.
        let words = ["palm", "springs", "treatment", "center"];
        let p = split(&words, &["palm", "palm springs"]).unwrap();
        assert_eq!((p.place.len(), p.core), (0, &words[..2]));
        // Generic words all through: the first stays as the core.
        let words = ["research", "center"];
        assert_eq!(split(&words, &[]).unwrap().core, &words[..1]);
        assert_eq!(split(&["boston", "herald"], &["boston"]), None);
    }

    #[test]
    fn forms_drop_the_place_and_generic_words() {
        let words = ["malibu", "promises", "treatment", "center"];
        let p = split(&words, &["malibu"]).unwrap();
        let mut forms: Vec<String> = shorter_forms(&p, false)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        forms.sort();
        assert_eq!(
            forms,
            [
                "malibu promises",
                "malibu promises treatment",
                "promises treatment",
                "promises treatment center",
            ]
        );
        // A distinctive core may lose a word from the middle of its tail.
        let words = ["betty", "ford", "treatment", "center"];
        let forms = shorter_forms(&split(&words, &[]).unwrap(), true);
        assert!(forms.contains(&("betty ford center".to_string(), false)));
        assert!(
            !forms
                .iter()
                .any(|(f, _)| f == "betty ford treatment center")
        );
    }
}
