//! Within one article: which mentions refer to the same entity.

use std::collections::{HashMap, HashSet};

use super::names::{
    acronym_letters, honorific_sex, initials, is_acronym_of, is_plural_acronym_of, normalize,
    split_honorifics, strip_name_suffix, without_quoted_nickname,
};
use super::{Knowledge, KnownId};
use crate::analysis::lexicon::{Lexicon, Sex};
use crate::analysis::{AnalyzedText, EntityKind, Mention};

/// An entity of one article: the mentions that refer to it.
#[derive(Debug, Clone)]
pub(super) struct Entity {
    /// Indices into the article's mentions, in text order.
    pub mentions: Vec<usize>,
    pub known: Option<KnownId>,
    pub kind: EntityKind,
    /// The most complete normalised name ("sergey ryabkov").
    pub rep: String,
    /// Descriptors seen with the mentions ("Russian Deputy Foreign Minister").
    pub descriptors: Vec<String>,
    /// Whether running text names it, not only the headline.
    pub in_body: bool,
    /// The sex its honorifics or its given name tell ("Mr", "Katie").
    pub sex: Option<Sex>,
}

/// One mention, prepared for comparison.
struct Prepared {
    /// Normalised name, honorifics removed for people.
    norm: String,
    known: Option<KnownId>,
    kind: EntityKind,
    /// The sex an honorific before a person's name tells ("Miss Jenkin").
    sex: Option<Sex>,
}

/// Disjoint sets over `0..n`.
pub(super) struct UnionFind(Vec<usize>);

impl UnionFind {
    pub fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }

    pub fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    /// Joins the sets of `a` and `b`; the smaller root stays root, so results
    /// do not depend on the order of unions.
    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (keep, join) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[join] = keep;
        }
    }
}

pub(super) fn is_person(kind: EntityKind) -> bool {
    kind == EntityKind::Person
}

fn words(name: &str) -> Vec<&str> {
    name.split(' ').collect()
}

/// Resolves the mentions of one article into entities.
pub(super) fn resolve_article(
    text: &str,
    analysis: &AnalyzedText,
    knowledge: &Knowledge,
    lexicon: &Lexicon,
) -> Vec<Entity> {
    let mentions = &analysis.mentions;
    let mut descriptors: Vec<Option<String>> = vec![None; mentions.len()];
    let prepared: Vec<Prepared> = mentions
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let surface = &text[m.start..m.end];
            let norm = normalize(surface);
            let known = knowledge.lookup(&norm);
            if is_person(m.kind) && known.is_none() {
                let norm = normalize(&without_quoted_nickname(surface));
                let (title, name) = split_honorifics(&norm);
                if !title.is_empty() {
                    descriptors[i] = Some(
                        surface[..surface.len().min(title_len(surface, title))]
                            .trim()
                            .to_string(),
                    );
                }
                let sex = honorific_sex(title).or_else(|| sex_before(text, m.start));
                let name = strip_name_suffix(name).to_string();
                return Prepared {
                    known: knowledge.lookup(&name),
                    norm: name,
                    kind: m.kind,
                    sex,
                };
            }
            Prepared {
                norm,
                known,
                kind: m.kind,
                sex: None,
            }
        })
        .collect();
    for (i, m) in mentions.iter().enumerate() {
        if descriptors[i].is_none() && is_person(m.kind) {
            descriptors[i] = descriptor_before(text, analysis, m, lexicon);
        }
    }

    let mut sets = UnionFind::new(mentions.len());
    // "Mr Jenkin" and "Miss Jenkin" in one article are two people, and so
    // are they when the article names a John and a Katie Jenkin: then a
    // bare "Jenkin" may be either.
    let mut sexes_of: HashMap<&str, HashSet<Sex>> = HashMap::new();
    for p in prepared.iter().filter(|p| is_person(p.kind)) {
        let told = match p.norm.rsplit_once(' ') {
            Some((_, surname)) => given_name_sex(&p.norm, lexicon).map(|s| (surname, s)),
            None => p.sex.map(|s| (p.norm.as_str(), s)),
        };
        if let Some((surname, sex)) = told {
            sexes_of.entry(surname).or_default().insert(sex);
        }
    }
    let mut first_with: HashMap<(Option<KnownId>, &str, Option<Sex>), usize> = HashMap::new();
    for (i, p) in prepared.iter().enumerate() {
        // Same known actor, or the same name.
        let split = sexes_of.get(p.norm.as_str()).is_some_and(|s| s.len() > 1);
        let key = match p.known {
            Some(id) => (Some(id), "", None),
            None => (None, p.norm.as_str(), p.sex.filter(|_| split)),
        };
        match first_with.get(&key) {
            Some(&j) => sets.union(i, j),
            None => {
                first_with.insert(key, i);
            }
        }
    }
    link_stated_aliases(text, mentions, &prepared, lexicon, &mut sets);
    link_acronyms(text, mentions, &prepared, lexicon, &mut sets);
    link_sub_names(&prepared, &mut sets, lexicon);

    let headline = crate::analysis::headline::headline_len(text).unwrap_or(0);
    let mut entities: Vec<Entity> = Vec::new();
    let mut entity_of_root: HashMap<usize, usize> = HashMap::new();
    for i in 0..mentions.len() {
        let root = sets.find(i);
        let e = *entity_of_root.entry(root).or_insert_with(|| {
            entities.push(Entity {
                mentions: Vec::new(),
                known: None,
                kind: EntityKind::Misc,
                rep: String::new(),
                descriptors: Vec::new(),
                in_body: false,
                sex: None,
            });
            entities.len() - 1
        });
        entities[e].mentions.push(i);
    }
    for entity in &mut entities {
        let members = || entity.mentions.iter().map(|&i| &prepared[i]);
        entity.known = members().find_map(|p| p.known);
        entity.kind = match entity.known {
            Some(id) => knowledge.entries[id].0,
            None => vote_kind(members().map(|p| (p.kind, p.norm.contains(' ')))),
        };
        // The name comes from running text where the article has any: a
        // headline's title case makes fragments look like full names.
        let in_body = |i: &&usize| mentions[**i].start >= headline;
        let named_in_body = entity.mentions.iter().any(|i| in_body(&i));
        entity.in_body = named_in_body;
        // A headline form made only of words the body uses for the entity
        // ("New Orleans Saints" over "New Orleans" and "Saints") is its full
        // name, not a fragment of a title.
        let in_headline = named_in_body && entity.mentions.iter().any(|i| !in_body(&i));
        let body_words: HashSet<&str> = if in_headline {
            entity
                .mentions
                .iter()
                .filter(|i| in_body(i))
                .flat_map(|&i| words(&prepared[i].norm))
                .collect()
        } else {
            HashSet::new()
        };
        // So is a person's name whose surname the body uses and whose other
        // words are given names ("Reggie Bush" over the body's "Bush").
        let told_by_body = |i: &&usize| {
            let name = words(&prepared[**i].norm);
            let person_named = is_person(prepared[**i].kind)
                && name.len() > 1
                && body_words.contains(name[name.len() - 1])
                && name[..name.len() - 1]
                    .iter()
                    .all(|w| lexicon.first_names.contains(*w));
            in_body(i) || person_named || name.iter().all(|w| body_words.contains(w))
        };
        entity.rep = match entity.known {
            Some(id) => normalize(&knowledge.entries[id].1),
            None => most_complete(
                entity
                    .mentions
                    .iter()
                    .filter(|i| !named_in_body || told_by_body(i))
                    .map(|&i| prepared[i].norm.as_str()),
            ),
        };
        entity.sex = entity_sex(
            entity.mentions.iter().map(|&i| &prepared[i]),
            &entity.rep,
            lexicon,
        );
        entity.descriptors = entity
            .mentions
            .iter()
            .filter_map(|&i| descriptors[i].clone())
            .collect();
    }
    entities
}

/// The sex of a person: the one its honorifics tell, else the one its
/// given name tells; none when they disagree or tell nothing.
fn entity_sex<'a>(
    mut members: impl Iterator<Item = &'a Prepared>,
    rep: &str,
    lexicon: &Lexicon,
) -> Option<Sex> {
    let mut told = None;
    let agree = members.all(|p| match (p.sex, told) {
        (None, _) => true,
        (Some(s), None) => {
            told = Some(s);
            true
        }
        (Some(s), Some(t)) => s == t,
    });
    if !agree {
        return None;
    }
    told.or_else(|| given_name_sex(rep, lexicon))
}

/// The sex an honorific right before a mention tells ("Mr" in "Mr Jenkin"
/// when the mention is "Jenkin").
fn sex_before(text: &str, start: usize) -> Option<Sex> {
    let before = text[..start].trim_end_matches(' ');
    let word = before
        .rsplit(|c: char| !c.is_alphabetic() && c != '.')
        .next()?
        .trim_end_matches('.');
    if word.is_empty() || before.len() == start {
        return None;
    }
    honorific_sex(&word.to_lowercase())
}

/// The sex the first given name of a full name tells ("katie jenkin").
pub(super) fn given_name_sex(name: &str, lexicon: &Lexicon) -> Option<Sex> {
    let (given, _) = name.split_once(' ')?;
    lexicon.sex_of_given_name(given)
}

/// How many bytes of `surface` the normalised `title` covers ("Dr. " for "dr").
fn title_len(surface: &str, title: &str) -> usize {
    let wanted = title.split(' ').count();
    let mut seen = 0;
    for (i, c) in surface.char_indices() {
        if c == ' ' || c == '-' {
            seen += 1;
            if seen == wanted {
                return i;
            }
        }
    }
    surface.len()
}

/// The type of an entity from its mentions' types (`(type, full name?)`):
/// the vote of its names of several words where it has any, since a tagger
/// types a full name far more reliably than a bare "Obama" or "Cheeks".
pub(super) fn vote_kind(kinds: impl Iterator<Item = (EntityKind, bool)>) -> EntityKind {
    let kinds: Vec<(EntityKind, bool)> = kinds.collect();
    let full = kinds.iter().any(|&(_, full)| full);
    majority_kind(
        kinds
            .iter()
            .filter(|&&(_, f)| f || !full)
            .map(|&(kind, _)| kind),
    )
}

/// The kind most mentions have; ties go to PER, then ORG, LOC, MISC.
fn majority_kind(kinds: impl Iterator<Item = EntityKind>) -> EntityKind {
    let mut counts = [0usize; 4];
    for kind in kinds {
        counts[kind.index()] += 1;
    }
    EntityKind::ALL
        .into_iter()
        .max_by(|a, b| {
            counts[a.index()]
                .cmp(&counts[b.index()])
                .then(b.index().cmp(&a.index()))
        })
        .unwrap_or(EntityKind::Misc)
}

/// The representative name: a name of several words over a single word,
/// then the most frequent, then the longest, then the first. Frequency comes
/// before length so that a stray long form (a headline read as a name) does
/// not speak for an actor.
pub(super) fn most_complete<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut counts = Tally::default();
    for name in names {
        counts.add(name);
    }
    let counts = counts.into_counts();
    let rank = |&(name, count): &(&str, usize)| (name.contains(' '), count, words(name).len());
    let mut best: Option<(&str, usize)> = None;
    for candidate in counts {
        if best.is_none_or(|b| rank(&candidate) > rank(&b)) {
            best = Some(candidate);
        }
    }
    best.map(|(n, _)| n.to_string()).unwrap_or_default()
}

/// How often each string occurs, in order of first occurrence; constant
/// time per string, however many distinct ones an actor has.
#[derive(Default)]
pub(super) struct Tally<'a> {
    counts: Vec<(&'a str, usize)>,
    index: HashMap<&'a str, usize>,
}

impl<'a> Tally<'a> {
    pub fn add(&mut self, item: &'a str) {
        match self.index.get(item) {
            Some(&i) => self.counts[i].1 += 1,
            None => {
                self.index.insert(item, self.counts.len());
                self.counts.push((item, 1));
            }
        }
    }

    pub fn into_counts(self) -> Vec<(&'a str, usize)> {
        self.counts
    }
}

/// Phrases that introduce another name of the actor just named.
const STATED_ALIAS: &[&str] = &[
    "also known as",
    "formerly known as",
    "known as",
    "a.k.a.",
    "aka",
    "formerly",
    "now called",
];

/// "Daesh (also known as ISIS or ISIL)", "Islamic State (IS)": a mention
/// introduced by "also known as" or "formerly known as" right after another
/// mention, or an acronym of it in brackets, names the same actor.
fn link_stated_aliases(
    text: &str,
    mentions: &[Mention],
    prepared: &[Prepared],
    lexicon: &Lexicon,
    sets: &mut UnionFind,
) {
    let mut head: Option<usize> = None;
    for i in 1..mentions.len() {
        let prev = head.unwrap_or(i - 1);
        let gap = &text[mentions[i - 1].end..mentions[i].start];
        // Only the end of a gap can state an alias; no phrase is longer than 24 bytes.
        let trimmed = gap.trim().trim_start_matches([',', '(']).trim();
        let mut cut = trimmed.len().saturating_sub(24);
        while !trimmed.is_char_boundary(cut) {
            cut += 1;
        }
        let tail = trimmed[cut..].to_lowercase();
        let stated = STATED_ALIAS.iter().any(|p| {
            tail.strip_suffix(p)
                .is_some_and(|before| (before.is_empty() && cut == 0) || before.ends_with(' '))
        });
        let between = if cut == 0 { tail.as_str() } else { "" };
        let (short, long) = (
            &text[mentions[i].start..mentions[i].end],
            &text[mentions[prev].start..mentions[prev].end],
        );
        let bracketed_acronym = gap.trim() == "("
            && (is_acronym_of(short, long)
                || is_plural_acronym_of(short, long, &lexicon.common_words));
        let continues_list = head.is_some() && matches!(between, "or" | ",");
        let joinable = !is_person(prepared[prev].kind) || is_person(prepared[i].kind);
        if (stated || bracketed_acronym || continues_list) && joinable {
            sets.union(prev, i);
            head = Some(prev);
        } else {
            head = None;
        }
    }
}

/// "UN" joins "United Nations" named in the same article, when only one
/// name there expands it.
fn link_acronyms(
    text: &str,
    mentions: &[Mention],
    prepared: &[Prepared],
    lexicon: &Lexicon,
    sets: &mut UnionFind,
) {
    // Acronym -> the mentions it may abbreviate, one per distinct name.
    let mut expansions: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, m) in mentions.iter().enumerate() {
        if is_person(prepared[j].kind) {
            continue;
        }
        for acronym in initials(&text[m.start..m.end]) {
            let found = expansions.entry(acronym).or_default();
            if !found.iter().any(|&k| prepared[k].norm == prepared[j].norm) {
                found.push(j);
            }
        }
    }
    for (i, m) in mentions.iter().enumerate() {
        if prepared[i].known.is_some() {
            continue;
        }
        let short = &text[m.start..m.end];
        // "ISPs" of "Internet Service Providers", a plural.
        let plural = short.strip_suffix('s').and_then(acronym_letters);
        let Some(letters) = acronym_letters(short).or(plural) else {
            continue;
        };
        if let Some(&[only]) = expansions.get(&letters).map(Vec::as_slice) {
            let long = &text[mentions[only].start..mentions[only].end];
            if acronym_letters(short).is_some()
                || is_plural_acronym_of(short, long, &lexicon.common_words)
            {
                sets.union(i, only);
            }
        }
    }
}

/// A surname or given name alone joins the one person named in full
/// ("Ryabkov" -> "Sergey Ryabkov"); a shorter name joins the one longer name
/// of the same type that starts or ends with it ("Colts" -> "Indianapolis
/// Colts"; "Betty Ford" -> "Betty Ford Center" only if both are ORG).
fn link_sub_names(prepared: &[Prepared], sets: &mut UnionFind, lexicon: &Lexicon) {
    // The distinct full names (several words), indexed by what a shorter
    // mention may be: a person's last or first word, or a name's leading
    // or trailing words (for names other than people's, by type). Lists
    // hold at most three entries: one more than the two a choice between
    // people of one surname needs.
    let mut seen = HashSet::new();
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for p in prepared {
        *uses.entry(p.norm.as_str()).or_default() += 1;
    }
    let mut person_last: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut person_first: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut parts: HashMap<(EntityKind, String), Vec<usize>> = HashMap::new();
    let mut tails: HashMap<(EntityKind, String), Vec<usize>> = HashMap::new();
    let push = |list: &mut Vec<usize>, mention: usize| {
        if list.len() < 3 && !list.contains(&mention) {
            list.push(mention);
        }
    };
    for (i, p) in prepared.iter().enumerate() {
        if !p.norm.contains(' ') || !seen.insert(p.norm.as_str()) {
            continue;
        }
        let w = words(&p.norm);
        if is_person(p.kind) {
            push(person_last.entry(w[w.len() - 1]).or_default(), i);
            push(person_first.entry(w[0]).or_default(), i);
        } else if p.known.is_none() {
            for k in 1..w.len() {
                push(tails.entry((p.kind, w[k..].join(" "))).or_default(), i);
                push(parts.entry((p.kind, w[..k].join(" "))).or_default(), i);
            }
        }
    }
    let found = |list: Option<&Vec<usize>>| list.cloned().unwrap_or_default();
    for (i, p) in prepared.iter().enumerate() {
        if p.known.is_some() || p.norm.is_empty() {
            continue;
        }
        let short = words(&p.norm);
        let mut surname = Vec::new();
        let mut given = Vec::new();
        if short.len() == 1 {
            // People: a lone surname, else a lone given name.
            surname = found(person_last.get(short[0]));
            given = found(person_first.get(short[0]));
            // "Miss Jenkin" is not John Jenkin.
            if let Some(sex) = p.sex {
                surname.retain(|&j| {
                    given_name_sex(&prepared[j].norm, lexicon).is_none_or(|s| s == sex)
                });
            }
        }
        // Others of the same type: a sub-name at either end.
        let same_type = if is_person(p.kind) {
            Vec::new()
        } else {
            let key = (p.kind, p.norm.clone());
            let mut names = found(parts.get(&key));
            // "Alaska" is the state, not "Palmer Alaska": a place the
            // gazetteer knows is not the tail of another name.
            if !lexicon.is_place(&p.norm) {
                for &i in tails.get(&key).into_iter().flatten() {
                    push(&mut names, i);
                }
            }
            names
        };
        // Of two people with the surname, the one the article names at
        // least three times as often is the one a bare surname means ("Pierre
        // Thomas" three times, "David Thomas" once).
        if let [a, b] = surname[..] {
            let (ua, ub) = (
                uses[prepared[a].norm.as_str()],
                uses[prepared[b].norm.as_str()],
            );
            if ua >= 3 * ub {
                surname = vec![a];
            } else if ub >= 3 * ua {
                surname = vec![b];
            }
        }
        let target = [surname, given, same_type]
            .into_iter()
            .find(|c| !c.is_empty())
            .filter(|c| c.len() == 1);
        if let Some(target) = target {
            sets.union(i, target[0]);
        }
    }
}

/// Words allowed inside a descriptor besides titles and capitalised words.
const DESCRIPTOR_WORDS: &[&str] = &[
    "for", "of", "special", "former", "senior", "top", "state", "foreign", "defense", "defence",
    "interior", "finance", "deputy", "vice", "acting", "elect", "chief", "general", "lead",
];

/// The title phrase right before a person's name: "Russian Deputy Foreign
/// Minister" in "Russian Deputy Foreign Minister Sergey Ryabkov".
fn descriptor_before(
    text: &str,
    analysis: &AnalyzedText,
    mention: &Mention,
    lexicon: &Lexicon,
) -> Option<String> {
    title_before(text, analysis, mention, lexicon).map(|r| text[r].to_string())
}

/// The byte range of the title phrase right before a person's name (see
/// [`descriptor_before`]); the descriptors module reads the same titles.
pub(crate) fn title_before(
    text: &str,
    analysis: &AnalyzedText,
    mention: &Mention,
    lexicon: &Lexicon,
) -> Option<std::ops::Range<usize>> {
    let mut first = analysis.tokens.partition_point(|t| t.start < mention.start);
    let floor = analysis
        .sentences
        .get(mention.sentence)
        .map_or(0, |s| s.start);
    // "Russian Defense Minister, Sergey Shoigu": a comma may set the title off.
    if first > floor + 1 && analysis.tokens[first - 1].text(text) == "," {
        first -= 1;
    }
    let mut start = first;
    let mut has_title = false;
    while start > floor && first - start < 7 {
        let word = analysis.tokens[start - 1].text(text);
        let lower = word.to_lowercase();
        let is_title = lexicon.person_titles.contains(&lower);
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        if !(is_title || capitalised || DESCRIPTOR_WORDS.contains(&lower.as_str()))
            || !word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '.')
        {
            break;
        }
        has_title |= is_title;
        start -= 1;
    }
    // Connectors cannot open a descriptor.
    while start < first
        && DESCRIPTOR_WORDS[..2]
            .contains(&analysis.tokens[start].text(text).to_lowercase().as_str())
    {
        start += 1;
    }
    (has_title && start < first)
        .then(|| analysis.tokens[start].start..analysis.tokens[first - 1].end)
}

/// The byte range of an honorific a person's mention opens with ("Dr." in
/// "Dr. Regina Benjamin"), as resolution keeps it.
pub(crate) fn title_within(text: &str, mention: &Mention) -> Option<std::ops::Range<usize>> {
    let surface = &text[mention.start..mention.end];
    let norm = normalize(surface);
    let (title, _) = split_honorifics(&norm);
    if title.is_empty() {
        return None;
    }
    let len = surface.len().min(title_len(surface, title));
    let kept = surface[..len].trim_end();
    (!kept.is_empty()).then(|| mention.start..mention.start + kept.len())
}
