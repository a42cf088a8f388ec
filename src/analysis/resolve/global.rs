//! Across articles: which per-article entities are one actor.

// FNV, not SipHash: linking hashes millions of short names and ids.
use fnv::{FnvHashMap as HashMap, FnvHashSet as HashSet};
use std::hash::Hasher;

use super::kind::proven_kind;
use super::local::{Entity, Tally, UnionFind, is_person, most_complete, vote_kind};
use super::names::{
    abbreviates, acronym_letters, initials, normalize, split_honorifics, strip_name_suffix,
};
use super::{Actor, Knowledge, Resolution};
use crate::analysis::lexicon::{Lexicon, Sex};
use crate::analysis::{AnalyzedText, EntityKind};

/// An entity with the article it belongs to.
pub(super) struct Node<'a> {
    pub article: usize,
    pub entity: &'a Entity,
}

fn family(kind: EntityKind) -> u8 {
    u8::from(!is_person(kind))
}

fn first_word(name: &str) -> &str {
    name.split(' ').next().unwrap_or(name)
}

fn last_word(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// Links the entities of every article into actors.
pub(super) fn link(
    entities: &[Vec<Entity>],
    texts: &[&str],
    analyses: &[AnalyzedText],
    knowledge: &Knowledge,
    lexicon: &Lexicon,
) -> Resolution {
    let nodes: Vec<Node> = entities
        .iter()
        .enumerate()
        .flat_map(|(article, es)| es.iter().map(move |entity| Node { article, entity }))
        .collect();
    let mut sets = UnionFind::new(nodes.len());

    // Same known actor, or the same full name: a name of several words is
    // one actor whatever type a tagger gave it in one article or another.
    merge_equal(&nodes, &mut sets, |e| match e.known {
        Some(id) => Some((2, Some(id), "")),
        None if e.rep.contains(' ') => Some((3, None, e.rep.as_str())),
        None => None,
    });
    merge_name_variants(&nodes, &mut sets, lexicon);
    merge_contained_names(&nodes, &mut sets, lexicon);
    // Bare names attach one by one, before equal bare names merge, so that
    // "Philadelphia" the team and "Philadelphia" the city can part ways.
    attach_bare_names(&nodes, &mut sets, texts, analyses, lexicon);
    // "Miss Jenkin" of one article is not "Mr Jenkin" of another.
    let sex_code = |e: &Entity| match e.sex {
        None => 0,
        Some(Sex::Male) => 2,
        Some(Sex::Female) => 4,
    };
    merge_equal_bare_names(&nodes, &mut sets, |e| {
        (e.known.is_none() && !e.rep.contains(' '))
            .then_some((family(e.kind) + sex_code(e), e.rep.as_str()))
    });
    merge_misspellings(&nodes, &mut sets);
    merge_place_heads(&nodes, &mut sets, lexicon);
    super::orgs::merge_org_forms(&nodes, &mut sets, lexicon);
    build_actors(&nodes, &mut sets, texts, analyses, knowledge, lexicon)
}

/// The one linked set every node of `members` belongs to, if there is one.
pub(super) fn single_root(sets: &mut UnionFind, members: &[usize]) -> Option<usize> {
    let mut roots = members.iter().map(|&j| sets.find(j));
    let first = roots.next()?;
    roots.all(|root| root == first).then_some(first)
}

/// Joins the entities that have the same key.
fn merge_equal<'a>(
    nodes: &[Node<'a>],
    sets: &mut UnionFind,
    key: impl Fn(&'a Entity) -> Option<(u8, Option<usize>, &'a str)>,
) {
    let mut first = HashMap::default();
    for (i, node) in nodes.iter().enumerate() {
        if let Some(k) = key(node.entity) {
            match first.get(&k) {
                Some(&j) => sets.union(i, j),
                None => {
                    first.insert(k, i);
                }
            }
        }
    }
}

/// Joins the bare names that have the same key, as [`merge_equal`] does,
/// but never two actors with full names they were attached to: "Church"
/// attached to the "Wasilla Bible Church" in one article and to the
/// "Banstead Baptist Church" in another must not make the two one. Then
/// only the bare names attached to none join each other.
fn merge_equal_bare_names<'a>(
    nodes: &[Node<'a>],
    sets: &mut UnionFind,
    key: impl Fn(&'a Entity) -> Option<(u8, &'a str)>,
) {
    // By root: whether the set holds a known actor or a full name.
    let mut named = vec![false; nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        if node.entity.known.is_some() || node.entity.rep.contains(' ') {
            named[sets.find(i)] = true;
        }
    }
    // Sorted by key, so each key's nodes are one run, with no table of
    // lists (the corpus has hundreds of thousands of bare names).
    let mut keyed: Vec<((u8, &str), usize)> = nodes
        .iter()
        .enumerate()
        .filter_map(|(i, node)| key(node.entity).map(|k| (k, i)))
        .collect();
    keyed.sort_unstable();
    let mut anchors = Vec::new();
    for run in keyed.chunk_by(|a, b| a.0 == b.0) {
        anchors.clear();
        anchors.extend(
            run.iter()
                .map(|&(_, i)| sets.find(i))
                .filter(|&root| named[root]),
        );
        anchors.sort_unstable();
        anchors.dedup();
        let bridge = anchors.len() > 1;
        let mut first = None;
        for &(_, i) in run {
            if bridge && named[sets.find(i)] {
                continue;
            }
            match first {
                Some(j) => {
                    // Unions move roots: the new root is named if either was.
                    let was = named[sets.find(i)] || named[sets.find(j)];
                    sets.union(i, j);
                    named[sets.find(i)] = was;
                }
                None => first = Some(i),
            }
        }
    }
}

/// Variants of one person's full name: "Fred LaRue" and "Frederick C.
/// LaRue", "Joseph Comeaux" and "Arcade Joseph Comeaux", "Jerry Ortiz" and
/// "Luis Gerardo (Jerry) Ortiz". A name joins the longer names it fits (same
/// surname; each of its given names matches, in order, a given name of the
/// longer one, in full, as an initial or as a short form) when they are all
/// one actor: a name that fits two different people stays apart.
fn merge_name_variants(nodes: &[Node], sets: &mut UnionFind, lexicon: &Lexicon) {
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, node) in nodes.iter().enumerate() {
        let e = node.entity;
        if is_person(e.kind) && e.known.is_none() && e.rep.contains(' ') {
            by_surname.entry(last_word(&e.rep)).or_default().push(i);
        }
    }
    for members in by_surname.values() {
        let mut reps: Vec<&str> = members
            .iter()
            .map(|&i| nodes[i].entity.rep.as_str())
            .collect();
        // Longest first, so variants of the full name join before a short
        // form is judged against them ("Frederick C." with "Frederick Cheney"
        // before "Fred").
        reps.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        reps.dedup();
        if reps.len() < 2 {
            continue;
        }
        let first_with = |rep: &str| {
            members
                .iter()
                .copied()
                .find(|&j| nodes[j].entity.rep == rep)
        };
        for &short in &reps {
            let fits: Vec<usize> = reps
                .iter()
                .filter(|&&long| long != short && name_fits(short, long, lexicon))
                .filter_map(|&long| first_with(long))
                .collect();
            if let (Some(target), Some(i)) = (single_root(sets, &fits), first_with(short)) {
                sets.union(i, target);
            }
        }
    }
}

/// An organisation or place named in full in one article and in part in
/// another: "Red Sox" and the "Boston Red Sox" (a place before it), "Staunton
/// Police" and the "Staunton Police Department" (a generic word after it),
/// "Los Angeles Angels" and the "Los Angeles Angels of Anaheim". The shorter
/// name joins the longer one of the same type when only one actor fits.
fn merge_contained_names(nodes: &[Node], sets: &mut UnionFind, lexicon: &Lexicon) {
    let eligible = |e: &Entity| !is_person(e.kind) && e.known.is_none() && e.rep.contains(' ');
    let place = |words: &[&str]| {
        let name = words.join(" ");
        lexicon.places.contains_key(&name) || lexicon.country(&name).is_some()
    };
    let generic_tail = |words: &[&str]| {
        words.iter().all(|w| lexicon.org_words.contains(*w))
            || (words.len() > 1 && words[0] == "of" && place(&words[1..]))
    };
    // Each full name offers the parts it may be named by, once per name.
    let mut parts: HashMap<(EntityKind, String), Vec<usize>> = HashMap::default();
    let mut seen: HashSet<(EntityKind, &str)> = HashSet::default();
    for (i, node) in nodes.iter().enumerate() {
        let e = node.entity;
        if !eligible(e) || !seen.insert((e.kind, e.rep.as_str())) {
            continue;
        }
        let words: Vec<&str> = e.rep.split(' ').collect();
        for k in 1..words.len().saturating_sub(1) {
            if place(&words[..k]) {
                parts
                    .entry((e.kind, words[k..].join(" ")))
                    .or_default()
                    .push(i);
            }
        }
        for k in 2..words.len() {
            if generic_tail(&words[k..]) {
                parts
                    .entry((e.kind, words[..k].join(" ")))
                    .or_default()
                    .push(i);
            }
        }
    }
    let mut joins = Vec::new();
    let mut key = (EntityKind::Misc, String::new());
    for (i, node) in nodes.iter().enumerate() {
        let e = node.entity;
        if !eligible(e) {
            continue;
        }
        key.0 = e.kind;
        key.1.clear();
        key.1.push_str(&e.rep);
        let Some(longer) = parts.get(&key) else {
            continue;
        };
        if let Some(target) = single_root(sets, longer) {
            joins.push((i, target));
        }
    }
    for (i, target) in joins {
        sets.union(i, target);
    }
}

/// "the East" is a region of its own, not the "East Coast".
const COMPASS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
];

/// "the Mediterranean" and the "Mediterranean Sea": a place named without
/// its word of geography, which taggers call miscellaneous, joins the one
/// place named with it. A word the gazetteer knows as a town or city of its
/// own ("Washington", not "Washington County") or an organisation or person
/// ("Orange", not "Orange County"), an ordinary word ("High", not "High
/// Street") or a point of the compass stays apart.
fn merge_place_heads(nodes: &[Node], sets: &mut UnionFind, lexicon: &Lexicon) {
    let mut by_stem: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, node) in nodes.iter().enumerate() {
        let e = node.entity;
        if e.known.is_some() || is_person(e.kind) {
            continue;
        }
        if let Some((stem, head)) = e.rep.rsplit_once(' ')
            && !stem.contains(' ')
            && lexicon.place_heads.contains(head)
        {
            by_stem.entry(stem).or_default().push(i);
        }
    }
    let mut joins = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let e = node.entity;
        let bare_place = e.kind == EntityKind::Misc
            && e.known.is_none()
            && !e.rep.contains(' ')
            && !lexicon.common_words.contains(&e.rep)
            && !COMPASS.contains(&e.rep.as_str())
            && lexicon.places.get(&e.rep).is_none_or(|&people| people == 0)
            && lexicon.country(&e.rep).is_none();
        let Some(longer) = by_stem.get(e.rep.as_str()).filter(|_| bare_place) else {
            continue;
        };
        if let Some(target) = single_root(sets, longer) {
            joins.push((i, target));
        }
    }
    for (i, target) in joins {
        sets.union(i, target);
    }
}

/// Whether the given names of `short` match, in order, given names of
/// `long` (in full, as an initial, a short form or a known nickname: Katie
/// of Kathryn); both end in the same surname.
fn name_fits(short: &str, long: &str, lexicon: &Lexicon) -> bool {
    let short: Vec<&str> = short.split(' ').collect();
    let long: Vec<&str> = long.split(' ').collect();
    if short.len() > long.len() || short.last() != long.last() {
        return false;
    }
    let mut rest = long[..long.len() - 1].iter();
    short[..short.len() - 1].iter().all(|given| {
        rest.any(|candidate| abbreviates(given, candidate) || lexicon.is_nickname(given, candidate))
    })
}

/// A bare name ("Lohan", "Colts") joins the one actor with a full name that
/// ends (or, for non-people of the same type, starts) with it. When several
/// actors could be meant, the one whose articles share the most other actors
/// with the bare name's article wins, if it wins clearly; else it stays apart.
fn attach_bare_names(
    nodes: &[Node],
    sets: &mut UnionFind,
    texts: &[&str],
    analyses: &[AnalyzedText],
    lexicon: &Lexicon,
) {
    let articles = analyses.len();
    let roots: Vec<usize> = (0..nodes.len()).map(|i| sets.find(i)).collect();
    // The actors with a full name, by its last and first words, once per
    // (actor, type, known): what the choice below looks at.
    type Candidates = Vec<(usize, EntityKind, bool)>;
    let mut by_last: HashMap<&str, Candidates> = HashMap::default();
    let mut by_first: HashMap<&str, Candidates> = HashMap::default();
    for (i, node) in nodes.iter().enumerate() {
        let e = node.entity;
        if e.rep.contains(' ') {
            let candidate = (roots[i], e.kind, e.known.is_some());
            by_last
                .entry(last_word(&e.rep))
                .or_default()
                .push(candidate);
            // "Washington" is not "Washington County": a word of geography
            // after a place's name names another place.
            let another_place = e
                .rep
                .split(' ')
                .nth(1)
                .is_some_and(|w| lexicon.place_heads.contains(w));
            if !another_place && !super::orgs::facility_after_first_word(&e.rep, lexicon) {
                by_first
                    .entry(first_word(&e.rep))
                    .or_default()
                    .push(candidate);
            }
        }
    }
    // Expansions of acronyms ("The Hollywood Reporter" for THR), by their
    // initials, from the names as written.
    let mut by_initials: HashMap<String, Candidates> = HashMap::default();
    for (i, node) in nodes.iter().enumerate() {
        let e = node.entity;
        if e.rep.contains(' ') && !is_person(e.kind) {
            for &m in &e.mentions {
                let mention = &analyses[node.article].mentions[m];
                let text = texts[node.article];
                let surface = text[mention.start..mention.end].trim();
                // "The Hollywood Reporter" is THR.
                let the = text[..mention.start].trim_end();
                let the = the.ends_with("The") || the.ends_with("the");
                let mut letters = initials(surface);
                if the {
                    let with_the: Vec<String> = letters.iter().map(|l| format!("T{l}")).collect();
                    letters.extend(with_the);
                }
                for letters in letters {
                    by_initials.entry(letters).or_default().push((
                        roots[i],
                        e.kind,
                        e.known.is_some(),
                    ));
                }
            }
        }
    }
    for list in by_last
        .values_mut()
        .chain(by_first.values_mut())
        .chain(by_initials.values_mut())
    {
        list.sort_unstable_by_key(|&(root, kind, known)| (root, kind.index(), known));
        list.dedup();
    }
    let context = Context::new(nodes, &roots, articles);
    // The sex of each actor with a full name, by root: 0 none yet, 1 male,
    // 2 female, 3 names that disagree or tell none.
    let mut root_sex = vec![0u8; nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        let e = node.entity;
        if is_person(e.kind) && e.rep.contains(' ') {
            let told = match e.sex {
                Some(Sex::Male) => 1,
                Some(Sex::Female) => 2,
                None => 3,
            };
            let slot = &mut root_sex[roots[i]];
            *slot = if *slot == 0 || *slot == told { told } else { 3 };
        }
    }
    // How often each word stands alone as a name other than a person's.
    let mut bare_uses: HashMap<&str, usize> = HashMap::default();
    for node in nodes {
        let e = node.entity;
        if !is_person(e.kind) && e.known.is_none() && !e.rep.contains(' ') {
            *bare_uses.entry(e.rep.as_str()).or_default() += e.mentions.len();
        }
    }
    let mut candidate_context: HashMap<usize, HashSet<CtxKey>> = HashMap::default();
    let mut joins = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let e = node.entity;
        if e.known.is_some() || e.rep.contains(' ') || e.rep.is_empty() {
            continue;
        }
        let pick = |found: Option<&Candidates>, want: &dyn Fn(EntityKind, bool) -> bool| {
            let mut out: Vec<usize> = found
                .into_iter()
                .flatten()
                .filter(|&&(_, kind, known)| want(kind, known))
                .map(|&(root, _, _)| root)
                .collect();
            out.dedup();
            out
        };
        let person_named = |kind: EntityKind, known: bool| is_person(kind) && !known;
        // Weaker evidence than a surname: such a candidate must also share
        // context with the mention, even when it is the only one.
        let mut weak = false;
        let acronym = surfaces(node, texts, analyses)
            .next()
            .and_then(acronym_letters);
        let candidates = if let Some(letters) = acronym {
            weak = true;
            let not_person = |kind: EntityKind, _: bool| !is_person(kind);
            pick(by_initials.get(&letters), &not_person)
        } else if is_person(e.kind) {
            let mut found = pick(by_last.get(e.rep.as_str()), &person_named);
            // "Miss Jenkin" is Katie Jenkin, not John Jenkin.
            if let Some(sex) = e.sex {
                let wanted = if sex == Sex::Male { 1 } else { 2 };
                found.retain(|&root| root_sex[root] == 0 || root_sex[root] == wanted);
            }
            if found.is_empty() {
                // A given name alone ("Lindsay", "Craig").
                weak = true;
                pick(by_first.get(e.rep.as_str()), &person_named)
            } else {
                found
            }
        } else {
            let same_type = |kind: EntityKind, known: bool| kind == e.kind && !known;
            // "Alaska" is the state, not "Palmer Alaska": a place the
            // gazetteer knows is not the last word of another place's name.
            let own_place = lexicon.is_place(&e.rep);
            let mut found = if own_place {
                Vec::new()
            } else {
                pick(by_last.get(e.rep.as_str()), &same_type)
            };
            // Taggers sometimes type a surname alone as something else
            // ("Obama", a town in gazetteers): the word is a surname when
            // the corpus names people with it often enough against its
            // bare uses, and then it means one of them more than a longer
            // name it starts ("Obama-Biden").
            if found.is_empty() {
                let people = pick(by_last.get(e.rep.as_str()), &person_named);
                let people_mentions: usize =
                    people.iter().map(|&c| context.mentions_of_root(c)).sum();
                let bare_uses = bare_uses.get(e.rep.as_str()).copied().unwrap_or(0);
                found = if !people.is_empty() && 4 * people_mentions >= bare_uses {
                    people
                } else {
                    let longer = pick(by_first.get(e.rep.as_str()), &same_type);
                    if longer.is_empty() { people } else { longer }
                };
            }
            found
        };
        let mine = &context.articles[node.article];
        let own = CtxKey::Bare(e.rep.as_str());
        // How much the contexts of this name's article and of candidate `c`
        // share, rare actors counting more.
        let mut shared_weight = |c: usize| -> f64 {
            // A root named in one article has that article's context: no
            // copy (one long article would otherwise copy its whole context
            // for every candidate).
            let theirs = match context.root_articles.get(&c).map(Vec::as_slice) {
                Some(&[only]) => &context.articles[only],
                _ => candidate_context
                    .entry(c)
                    .or_insert_with(|| context.of_root(c)),
            };
            mine.iter()
                .filter(|k| **k != own && **k != CtxKey::Root(c) && theirs.contains(k))
                .map(|k| context.weight(k))
                .sum()
        };
        let chosen = match candidates[..] {
            [] => None,
            // A given name or acronym many actors share says nothing, nor
            // does a bare name that dozens of full names end with (and
            // weighing each would cost the square of a long document).
            _ if weak && candidates.len() > MAX_WEAK_CANDIDATES => None,
            _ if candidates.len() > MAX_CANDIDATES => None,
            [only] if !weak => Some(only),
            // Every shared key weighs more than nothing.
            [only] => (shared_weight(only) > 0.0).then_some(only),
            _ => {
                let mut scored: Vec<(f64, usize)> =
                    candidates.iter().map(|&c| (shared_weight(c), c)).collect();
                scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                if scored[0].0 > 0.0 && scored[0].0 >= 2.0 * scored[1].0 {
                    Some(scored[0].1)
                } else {
                    // Context fits several: the one the corpus names far more
                    // often, if the context fits it at all.
                    let mut by_size: Vec<(usize, f64, usize)> = scored
                        .iter()
                        .map(|&(score, c)| (context.mentions_of_root(c), score, c))
                        .collect();
                    by_size.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
                    (by_size[0].1 > 0.0 && by_size[0].0 >= 4 * by_size[1].0).then_some(by_size[0].2)
                }
            }
        };
        if let Some(target) = chosen {
            joins.push((i, target));
        }
    }
    for (i, target) in joins {
        sets.union(i, target);
    }
}

/// The key under which a name meets its spellings one typing slip away: a
/// hash of its words with word `p` written without its letter `skip` (or
/// whole). "klitschko" and "klistchko" share "klitchko".
fn slip_hash(words: &[&str], p: usize, skip: Option<usize>) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    for (j, word) in words.iter().enumerate() {
        if j > 0 {
            hasher.write_u8(b' ');
        }
        if j == p {
            for (k, c) in word.chars().enumerate() {
                if Some(k) != skip {
                    hasher.write_u32(c as u32);
                }
            }
        } else {
            hasher.write(word.as_bytes());
        }
    }
    hasher.finish()
}

/// The shortest word a slip may be judged on: short names differ by one
/// letter as different names do (Iran, Iraq).
const MIN_SLIP_LEN: usize = 5;

/// The other names two spellings of about the same frequency must share to
/// be judged one name.
const MIN_SHARED_BY_PEERS: usize = 3;

/// A rare spelling of a name ("Klistchko", "Duncan Raite", "Gulf of Eden")
/// joins the far more frequent actor it is one typing slip from, of the same
/// type and with the same other words, when their articles share context;
/// two spellings about as frequent ("Gurbanguly" and "Gurbanguli", names
/// transliterated two ways) join when their articles share several names.
/// Known actors are never respelled; for people only the surname or the
/// first given name may differ ("Heydar" and "Heidar Alishvandi"), and a
/// given name only when it is long enough to tell apart from another name.
fn merge_misspellings(nodes: &[Node], sets: &mut UnionFind) {
    let roots: Vec<usize> = (0..nodes.len()).map(|i| sets.find(i)).collect();
    let mut mentions: HashMap<usize, usize> = HashMap::default();
    for (i, node) in nodes.iter().enumerate() {
        *mentions.entry(roots[i]).or_default() += node.entity.mentions.len();
    }
    let mut named_roots = vec![false; nodes.len()];
    for (i, node) in nodes.iter().enumerate() {
        if node.entity.rep.contains(' ') {
            named_roots[roots[i]] = true;
        }
    }
    // Nodes come in article order: an article's nodes are one range.
    let in_article = |article: usize| {
        nodes.partition_point(|n| n.article < article)
            ..nodes.partition_point(|n| n.article <= article)
    };
    // How many distinct full names of people end in each surname.
    let mut full_names_by_surname: HashMap<&str, usize> = HashMap::default();
    let mut seen_full: HashSet<&str> = HashSet::default();
    for node in nodes {
        let e = node.entity;
        if is_person(e.kind) && e.known.is_none() && e.rep.contains(' ') && seen_full.insert(&e.rep)
        {
            *full_names_by_surname.entry(last_word(&e.rep)).or_default() += 1;
        }
    }
    // Where the varying word is: the last for people, any word otherwise.
    // Each spelling is keyed by a hash of the name with that word one
    // letter short (or whole), marked when it is the surname alone: the
    // corpus has hundreds of thousands of names, and strings for each of
    // their variants cost more than the rest of linking.
    let variants = |e: &Entity, out: &mut Vec<(bool, u64)>| {
        let words: Vec<&str> = e.rep.split(' ').collect();
        let positions: Vec<usize> = if is_person(e.kind) {
            // A given name can only be a slip of another full name's with
            // the same surname.
            let shared_surname = words.len() > 1
                && full_names_by_surname
                    .get(words[words.len() - 1])
                    .is_some_and(|&n| n > 1);
            let given = shared_surname.then_some(0);
            given.into_iter().chain([words.len() - 1]).collect()
        } else {
            (0..words.len()).collect()
        };
        for p in positions {
            let given = is_person(e.kind) && p + 1 < words.len();
            let shortest = if given {
                MIN_SLIP_LEN
            } else {
                MIN_SLIP_LEN - 1
            };
            // A figure is never a slip: 115th Street is not 117th Street.
            let letters = words[p].chars().count();
            if letters < shortest || words[p].bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            for skip in std::iter::once(None).chain((0..letters).map(Some)) {
                out.push((false, slip_hash(&words, p, skip)));
                // A surname alone meets the full names it may misspell.
                if is_person(e.kind) && !given {
                    out.push((true, slip_hash(&words[p..=p], 0, skip)));
                }
            }
        }
    };
    // Keys once per distinct name; every node of the name is a member.
    let mut by_name: HashMap<(EntityKind, &str), Vec<usize>> = HashMap::default();
    for (i, node) in nodes.iter().enumerate() {
        let e = node.entity;
        if e.known.is_none() && !e.rep.is_empty() {
            by_name.entry((e.kind, e.rep.as_str())).or_default().push(i);
        }
    }
    let names: Vec<Vec<usize>> = by_name.into_values().collect();
    let mut by_key: HashMap<(EntityKind, bool, u64), Vec<u32>> = HashMap::default();
    let mut keys = Vec::new();
    for (n, members) in names.iter().enumerate() {
        let e = nodes[members[0]].entity;
        keys.clear();
        variants(e, &mut keys);
        keys.sort_unstable();
        keys.dedup();
        for &(surname, hash) in &keys {
            by_key
                .entry((e.kind, surname, hash))
                .or_default()
                .push(n as u32);
        }
    }
    let mut joins = Vec::new();
    for (&(_, surname, _), spellings) in &by_key {
        if spellings.len() < 2 {
            continue;
        }
        let members: Vec<usize> = spellings
            .iter()
            .flat_map(|&n| names[n as usize].iter().copied())
            .collect();
        let mut group: Vec<usize> = members.iter().map(|&i| roots[i]).collect();
        group.sort_unstable();
        group.dedup();
        if group.len() != 2 {
            continue;
        }
        let (a, b) = (group[0], group[1]);
        let size = |root: usize| mentions.get(&root).copied().unwrap_or(0);
        let (small, big) = if size(a) <= size(b) { (a, b) } else { (b, a) };
        let long_enough = members.iter().all(|&i| {
            let rep = &nodes[i].entity.rep;
            rep.rsplit(' ').next().map_or(0, |w| w.chars().count()) >= MIN_SLIP_LEN - 1
                && rep.chars().count() >= MIN_SLIP_LEN
        });
        let rare = 3 * size(small) <= size(big);
        // Two full names that differ in the surname alone are two people
        // (John Smith, Jane Smyth): the surname key serves bare names.
        // And a surname alone that is a person's of its own ("Heller" of
        // Mark Heller) misspells no one else's ("Yvonne Hiller").
        let bare_side = !surname
            || (members
                .iter()
                .any(|&i| roots[i] == small && !nodes[i].entity.rep.contains(' '))
                && !named_roots[small]);
        if !long_enough || !bare_side || (surname && !rare) {
            continue;
        }
        // Context: another name that the articles of both spellings use.
        let others = |root: usize| -> HashSet<&str> {
            members
                .iter()
                .filter(|&&i| roots[i] == root)
                .flat_map(|&i| in_article(nodes[i].article))
                .filter(|&j| roots[j] != small && roots[j] != big)
                .map(|j| nodes[j].entity.rep.as_str())
                .collect()
        };
        let theirs = others(big);
        let shared = others(small)
            .iter()
            .filter(|rep| theirs.contains(*rep))
            .count();
        // Two spellings about as frequent are more likely two names: they
        // must share more than one other name.
        if shared >= if rare { 1 } else { MIN_SHARED_BY_PEERS } {
            joins.push((small, big));
        }
    }
    for (small, big) in joins {
        sets.union(small, big);
    }
}

/// The mentions of a node's entity as written.
fn surfaces<'a>(
    node: &'a Node,
    texts: &'a [&str],
    analyses: &'a [AnalyzedText],
) -> impl Iterator<Item = &'a str> {
    node.entity.mentions.iter().map(move |&m| {
        let mention = &analyses[node.article].mentions[m];
        texts[node.article][mention.start..mention.end].trim()
    })
}

/// Beyond this many actors a given name or an acronym may mean, it is left
/// apart rather than weighed against each.
const MAX_WEAK_CANDIDATES: usize = 8;
/// Beyond this many, any bare name is left apart.
const MAX_CANDIDATES: usize = 32;

/// What an article is about, for telling apart actors a bare name may mean:
/// the actors it names, as known actors, full-name actors, and bare names
/// (a full name also counts as its last word, so "Klitschko" alone in one
/// article matches "Wladimir Klitschko" in another).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum CtxKey<'a> {
    Known(usize),
    Root(usize),
    Bare(&'a str),
}

struct Context<'a> {
    articles: Vec<HashSet<CtxKey<'a>>>,
    /// In how many articles each key appears.
    frequency: HashMap<CtxKey<'a>, usize>,
    /// The articles of each root.
    root_articles: HashMap<usize, Vec<usize>>,
    /// How many mentions each root has.
    root_mentions: HashMap<usize, usize>,
}

impl<'a> Context<'a> {
    fn new(nodes: &[Node<'a>], roots: &[usize], articles: usize) -> Context<'a> {
        let mut sets: Vec<HashSet<CtxKey>> = vec![HashSet::default(); articles];
        let mut root_articles: HashMap<usize, Vec<usize>> = HashMap::default();
        let mut root_mentions: HashMap<usize, usize> = HashMap::default();
        for (i, node) in nodes.iter().enumerate() {
            *root_mentions.entry(roots[i]).or_default() += node.entity.mentions.len();
            let e = node.entity;
            let set = &mut sets[node.article];
            match e.known {
                Some(id) => {
                    set.insert(CtxKey::Known(id));
                }
                None if e.rep.contains(' ') => {
                    set.insert(CtxKey::Root(roots[i]));
                    set.insert(CtxKey::Bare(last_word(&e.rep)));
                }
                None => {
                    set.insert(CtxKey::Bare(e.rep.as_str()));
                }
            }
            let list = root_articles.entry(roots[i]).or_default();
            if list.last() != Some(&node.article) {
                list.push(node.article);
            }
        }
        let mut frequency = HashMap::default();
        for set in &sets {
            for &k in set {
                *frequency.entry(k).or_default() += 1;
            }
        }
        Context {
            articles: sets,
            frequency,
            root_articles,
            root_mentions,
        }
    }

    /// Rare shared actors say more than common ones.
    fn weight(&self, key: &CtxKey) -> f64 {
        let n = self.articles.len() as f64;
        ((n + 1.0) / self.frequency.get(key).copied().unwrap_or(1) as f64).ln()
    }

    fn mentions_of_root(&self, root: usize) -> usize {
        self.root_mentions.get(&root).copied().unwrap_or(0)
    }

    /// Everything named in the articles of `root`.
    fn of_root(&self, root: usize) -> HashSet<CtxKey<'a>> {
        self.root_articles
            .get(&root)
            .into_iter()
            .flatten()
            .flat_map(|&a| self.articles[a].iter().copied())
            .collect()
    }
}

/// A few characters of `text` before and after a mention, cut at character boundaries.
fn around(text: &str, start: usize, end: usize) -> (&str, &str) {
    const WIDTH: usize = 16;
    let mut from = start.saturating_sub(WIDTH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (end + WIDTH).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    (&text[from..start], &text[end..to])
}

/// Turns the linked sets into actors, in order of first mention.
fn build_actors(
    nodes: &[Node],
    sets: &mut UnionFind,
    texts: &[&str],
    analyses: &[AnalyzedText],
    knowledge: &Knowledge,
    lexicon: &Lexicon,
) -> Resolution {
    let mut actor_of_root: HashMap<usize, usize> = HashMap::default();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for i in 0..nodes.len() {
        let root = sets.find(i);
        let actor = *actor_of_root.entry(root).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[actor].push(i);
    }
    let mut mention_actor: Vec<Vec<usize>> =
        analyses.iter().map(|a| vec![0; a.mentions.len()]).collect();
    let mut used_ids: HashSet<String> = HashSet::default();
    let mut actors = Vec::with_capacity(members.len());
    for (actor, nodes_of_actor) in members.iter().enumerate() {
        let known = nodes_of_actor.iter().find_map(|&i| nodes[i].entity.known);
        let in_body = nodes_of_actor.iter().any(|&i| nodes[i].entity.in_body);
        let mut surfaces = Tally::default();
        let mut descriptors = Tally::default();
        let mut kinds = Vec::new();
        let mut contexts = Vec::new();
        for &i in nodes_of_actor {
            let node = &nodes[i];
            for &m in &node.entity.mentions {
                let mention = &analyses[node.article].mentions[m];
                mention_actor[node.article][m] = actor;
                let surface = &texts[node.article][mention.start..mention.end];
                kinds.push((mention.kind, surface.trim().contains(' ')));
                surfaces.add(surface);
                // Only an actor no knowledge types needs the words around it.
                if known.is_none() {
                    contexts.push(around(texts[node.article], mention.start, mention.end));
                }
            }
            for d in &node.entity.descriptors {
                descriptors.add(d);
            }
        }
        let (kind, rep) = match known {
            Some(id) => (knowledge.entries[id].0, normalize(&knowledge.entries[id].1)),
            None => {
                // Named by running text where any article's body names it.
                let rep = most_complete(
                    nodes_of_actor
                        .iter()
                        .map(|&i| nodes[i].entity)
                        .filter(|e| e.in_body || !in_body)
                        .map(|e| e.rep.as_str()),
                );
                let voted = vote_kind(kinds.iter().copied());
                let proven = proven_kind(&rep, voted, contexts.iter().copied(), lexicon);
                (proven.unwrap_or(voted), rep)
            }
        };
        let mut surfaces = surfaces.into_counts();
        let mut descriptors = descriptors.into_counts();
        surfaces.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        descriptors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let name = match known {
            Some(id) => knowledge.entries[id].1.clone(),
            None => surfaces
                .iter()
                .map(|(s, _)| display_form(s, kind))
                .find(|s| normalize(s) == rep || strip_name_suffix(&normalize(s)) == rep)
                .unwrap_or_else(|| rep.clone()),
        };
        let mut id = format!("{}:{}", kind.label().to_lowercase(), rep.replace(' ', "-"));
        if used_ids.contains(&id) {
            let mut n = 2;
            while used_ids.contains(&format!("{id}-{n}")) {
                n += 1;
            }
            id = format!("{id}-{n}");
        }
        used_ids.insert(id.clone());
        actors.push(Actor {
            id,
            name,
            kind,
            aliases: surfaces.iter().map(|(s, _)| s.to_string()).collect(),
            descriptors: descriptors
                .iter()
                .take(5)
                .map(|(d, _)| d.to_string())
                .collect(),
        });
    }
    Resolution {
        actors,
        mention_actor,
        found: Vec::new(),
    }
}

/// A surface form as a name to show: no possessive, quotes or honorifics.
fn display_form(surface: &str, kind: EntityKind) -> String {
    let mut s = surface
        .trim()
        .trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '‘'));
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest;
            break;
        }
    }
    if is_person(kind) {
        let norm = normalize(s);
        let (title, _) = split_honorifics(&norm);
        if !title.is_empty() {
            let words = title.split(' ').count();
            if let Some(rest) = s.splitn(words + 1, [' ', '-']).nth(words) {
                return rest.trim().to_string();
            }
        }
    }
    s.to_string()
}
