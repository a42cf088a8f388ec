//! After linking: names the corpus has established as actors, found again
//! where the tagger missed them ("TMZ reported", a headline's "Chargers",
//! "Queens" at the start of a sentence). Only the corpus can tell that a
//! word is a name, so this belongs to the corpus-wide step; it reads every
//! token twice and looks each word up once, so it stays linear.
//!
//! A name is established when the tagger found it as an actor's mention in
//! running text (not the first word of a sentence, not in a headline): once
//! for a name of several words or an acronym of three capitals, twice in
//! the corpus or once in the article itself for another single word. It is
//! left alone when it is the mention of
//! two actors, when a single word is what another actor's name may be
//! shortened to, when the corpus writes the word in lower case, inside a
//! mention already found (but a name of several words takes the place of
//! the one shorter mention it holds), and beside a
//! capitalised word it could be part of a longer name with.

use std::collections::HashSet;
use std::hash::Hasher;
use std::ops::Range;

use fnv::{FnvHashMap, FnvHashSet};
use rayon::prelude::*;

use super::Resolution;
use super::local::is_person;
use crate::analysis::rules::never_name;
use crate::analysis::truecase::{all_caps, capitalised, is_small_word};
use crate::analysis::{AnalyzedText, Mention, Token};

/// How many times more often than in lower case running text must
/// capitalise a word for it to be a name.
const ORDINARY_RATIO: usize = 10;

/// The words of a sentence, read from the text as needed: the scan reads
/// every token of the corpus, so it copies none.
#[derive(Clone, Copy)]
struct Words<'t> {
    text: &'t str,
    tokens: &'t [Token],
}

impl<'t> Words<'t> {
    fn len(&self) -> usize {
        self.tokens.len()
    }

    fn at(&self, i: usize) -> &'t str {
        self.tokens[i].text(self.text)
    }

    /// Whether only spaces part word `i` from the next.
    fn spaced(&self, i: usize) -> bool {
        self.text[self.tokens[i].end..self.tokens[i + 1].start]
            .bytes()
            .all(|b| b == b' ')
    }
}

/// A word in a sentence that opens it as far as case goes: the first
/// word, or one after an opening quote, bracket, colon or dash.
fn opens_sentence(words: Words, i: usize) -> bool {
    let first = (0..words.len())
        .find(|&j| words.at(j).chars().any(char::is_alphabetic))
        .unwrap_or(0);
    i <= first
        || matches!(
            words.at(i - 1),
            "\"" | "“" | "‘" | "'" | ":" | "(" | "[" | "-" | "–" | "—"
        )
}

/// The first letter's case: `Some(true)` lower, `Some(false)` upper.
fn initial_lower(word: &str) -> Option<bool> {
    match word.as_bytes().first()? {
        b'a'..=b'z' => Some(true),
        b'A'..=b'Z' => Some(false),
        b if b.is_ascii() => None,
        _ => {
            let c = word.chars().next()?;
            (c.is_lowercase() || c.is_uppercase()).then_some(c.is_lowercase())
        }
    }
}

/// How a sentence is written: running text has at least as many words in
/// lower case as capitalised (a title-case headline has none); a shouted
/// one has no lower-case letter at all.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Running,
    Headline,
    Shouted,
}

fn case_of(words: Words) -> Case {
    let (mut lower, mut upper) = (0, 0);
    for i in 0..words.len() {
        match initial_lower(words.at(i)) {
            Some(true) => lower += 1,
            Some(false) => upper += 1,
            None => {}
        }
    }
    let shouted =
        lower == 0 && !(0..words.len()).any(|i| words.at(i).chars().any(char::is_lowercase));
    if shouted {
        Case::Shouted
    } else if lower >= upper {
        Case::Running
    } else {
        Case::Headline
    }
}

/// Sentence `s` of an article, as words.
fn sentence<'t>(text: &'t str, analysis: &'t AnalyzedText, s: usize) -> Words<'t> {
    Words {
        text,
        tokens: &analysis.tokens[analysis.sentences[s].clone()],
    }
}

/// A surface form of a mention the tagger found: its words, its actor, and
/// whether it stood in running text where case tells a name.
struct Seen {
    words: String,
    actor: usize,
    clean: bool,
}

/// What the corpus says about one surface form.
struct Surface {
    actor: usize,
    /// Mentions of more than one actor have this form.
    ambiguous: bool,
    clean: usize,
}

/// A known name to look for: its words, its actor, and whether the whole
/// corpus established it (else only an article that found it itself may
/// use it).
struct Candidate {
    words: Vec<String>,
    /// The words in capitals.
    upper: Vec<String>,
    actor: usize,
    corpus_wide: bool,
    /// A name of several words, so known well enough to take the place of
    /// a shorter mention within it.
    grows: bool,
}

/// The words of the mention `m` (its tokens joined by single spaces) and
/// whether it stands where case tells a name.
fn seen_of(
    text: &str,
    analysis: &AnalyzedText,
    cases: &[Case],
    m: &Mention,
    actor: usize,
) -> Option<Seen> {
    let tokens = crate::analysis::token_range(&analysis.tokens, m.start, m.end);
    if tokens.is_empty() {
        return None;
    }
    let range = analysis.sentences.get(m.sentence)?;
    let mut words = String::with_capacity(m.end - m.start);
    for (i, t) in analysis.tokens[tokens.clone()].iter().enumerate() {
        if i > 0 {
            words.push(' ');
        }
        words.push_str(t.text(text));
    }
    let clean = cases[m.sentence] == Case::Running
        && range.contains(&tokens.start)
        && !opens_sentence(
            sentence(text, analysis, m.sentence),
            tokens.start - range.start,
        );
    Some(Seen {
        words,
        actor,
        clean,
    })
}

/// Whether a form may be looked for at all: its first and last words
/// capitalised (or the last a number: "Philadelphia 76ers"), the last
/// no word that is never a name (a tagger's "Wasilla Bible Church
/// Friday"), with at least two letters in all.
fn name_like(words: &[&str]) -> bool {
    let letters: usize = words
        .iter()
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    letters >= 2
        && !words.last().is_some_and(|w| never_name(&w.to_lowercase()))
        && words.first().is_some_and(|w| capitalised(w))
        && words.last().is_some_and(|w| {
            capitalised(w) || (words.len() > 1 && w.starts_with(|c: char| c.is_ascii_digit()))
        })
}

/// Whether a single word may be looked for: letters and digits, joined by
/// hyphens or apostrophes, no period ("No."); in capitals, three letters
/// at least.
fn one_word_name(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let shape = word
        .split(['-', '\'', '’'])
        .all(|part| !part.is_empty() && part.chars().all(char::is_alphanumeric));
    shape && letters >= 2 && (letters >= 3 || !all_caps(word))
}

/// A word of three capitals or more ("MGM", "NYPD").
fn acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// The mentions the corpus-wide step adds: for each article, in text order,
/// the new mentions with their actors.
pub(super) fn find(
    texts: &[&str],
    analyses: &[AnalyzedText],
    resolution: &Resolution,
) -> Vec<Vec<(Mention, usize)>> {
    // What the tagger found, article by article.
    // What the tagger found, article by article, and how each sentence is
    // written.
    let (seen, cases): (Vec<Vec<Seen>>, Vec<Vec<Case>>) = texts
        .par_iter()
        .zip(analyses)
        .zip(&resolution.mention_actor)
        .map(|((text, analysis), actors)| {
            let cases: Vec<Case> = (0..analysis.sentences.len())
                .map(|s| case_of(sentence(text, analysis, s)))
                .collect();
            let seen = analysis
                .mentions
                .iter()
                .zip(actors)
                .filter_map(|(m, &actor)| seen_of(text, analysis, &cases, m, actor))
                .collect();
            (seen, cases)
        })
        .unzip();

    let mut surfaces: FnvHashMap<&str, Surface> = FnvHashMap::default();
    // The words of names of several words, in lower case.
    let mut name_words: FnvHashSet<String> = FnvHashSet::default();
    // The words a name of several words may be called by alone (its last
    // word, a person's first), with their actor (`None`: of two actors).
    let mut short_forms: FnvHashMap<String, Option<usize>> = FnvHashMap::default();
    for s in seen.iter().flatten() {
        let entry = surfaces.entry(s.words.as_str()).or_insert(Surface {
            actor: s.actor,
            ambiguous: false,
            clean: 0,
        });
        entry.ambiguous |= entry.actor != s.actor;
        entry.clean += usize::from(s.clean);
    }
    for (form, surface) in &surfaces {
        if !form.contains(' ') {
            continue;
        }
        let words: Vec<&str> = form.split(' ').collect();
        name_words.extend(words.iter().map(|w| w.to_lowercase()));
        let actor = (!surface.ambiguous).then_some(surface.actor);
        let person = is_person(resolution.actors[surface.actor].kind);
        let first = person.then(|| words[0]);
        for w in first.into_iter().chain(words.last().copied()) {
            let e = short_forms.entry(w.to_lowercase()).or_insert(actor);
            if *e != actor {
                *e = None;
            }
        }
    }

    let mut candidates: Vec<Candidate> = Vec::new();
    for (form, surface) in &surfaces {
        let words: Vec<&str> = form.split(' ').collect();
        if surface.ambiguous || surface.clean == 0 || !name_like(&words) {
            continue;
        }
        if words.len() == 1 {
            // A single word that may be another actor's short name could be
            // either; a word in two capitals ("TD", "AK") could be anything.
            let other = short_forms
                .get(&form.to_lowercase())
                .is_some_and(|&a| a != Some(surface.actor));
            if other || !one_word_name(form) {
                continue;
            }
        }
        candidates.push(Candidate {
            words: words.iter().map(|w| w.to_string()).collect(),
            upper: words.iter().map(|w| w.to_uppercase()).collect(),
            actor: surface.actor,
            // Capitals inside a sentence are no accident of case: one
            // sighting establishes an acronym of three letters ("MGM").
            corpus_wide: words.len() > 1 || surface.clean >= 2 || acronym(form),
            grows: words.len() > 1,
        });
    }
    // Longest first, so that the longest known name at a place wins.
    candidates.sort_by(|a, b| {
        b.words
            .len()
            .cmp(&a.words.len())
            .then(a.words.cmp(&b.words))
    });
    // By first two words (a single word alone), as written and in
    // capitals (for shouted headlines): "The" opens hundreds of names.
    let mut by_start: FnvHashMap<u64, Vec<(usize, bool)>> = FnvHashMap::default();
    for (i, c) in candidates.iter().enumerate() {
        let key = |words: &[String]| start_key(&words[0], words.get(1).map(String::as_str));
        by_start.entry(key(&c.words)).or_default().push((i, false));
        if c.upper != c.words {
            by_start.entry(key(&c.upper)).or_default().push((i, true));
        }
    }
    let first_sieve = Sieve::of(
        candidates
            .iter()
            .flat_map(|c| [c.words[0].as_str(), c.upper[0].as_str()]),
    );
    // Single words whose lower-case form would show them ordinary.
    let lowered: FnvHashSet<String> = candidates
        .iter()
        .filter(|c| c.words.len() == 1)
        .map(|c| c.words[0].to_lowercase())
        .collect();

    let lowered_sieve = Sieve::of(lowered.iter().map(String::as_str));
    let scans: Vec<Scan> = texts
        .par_iter()
        .zip(analyses)
        .zip(seen.par_iter().zip(&cases))
        .map(|((text, analysis), (seen, cases))| {
            let own: HashSet<&str> = seen
                .iter()
                .filter(|s| s.clean && !s.words.contains(' '))
                .map(|s| s.words.as_str())
                .collect();
            let look = Look {
                text,
                analysis,
                candidates: &candidates,
                by_start: &by_start,
                lowered: &lowered,
                name_words: &name_words,
                own: &own,
                lowered_sieve: &lowered_sieve,
                first_sieve: &first_sieve,
            };
            look.scan(cases)
        })
        .collect();
    let mut lower: FnvHashMap<&str, usize> = FnvHashMap::default();
    for w in scans.iter().flat_map(|s| s.lower.iter().copied()) {
        *lower.entry(w).or_default() += 1;
    }
    // A word the corpus writes in lower case is an ordinary word, unless
    // its running text capitalises it far more often ("Chargers", and once
    // "phone chargers").
    let ordinary = |c: &Candidate| {
        let key = c.words[0].to_lowercase();
        let clean = surfaces[c.words[0].as_str()].clean;
        lower
            .get(key.as_str())
            .is_some_and(|&n| n * ORDINARY_RATIO >= clean)
    };

    scans
        .into_iter()
        .zip(analyses)
        .map(|(scan, analysis)| {
            scan.matches
                .into_iter()
                .filter(|m| {
                    let c = &candidates[m.candidate];
                    c.words.len() > 1 || !ordinary(c)
                })
                .map(|m| {
                    let c = &candidates[m.candidate];
                    let tokens = &analysis.tokens;
                    let mention = Mention {
                        start: tokens[m.tokens.start].start,
                        end: tokens[m.tokens.end - 1].end,
                        kind: resolution.actors[c.actor].kind,
                        sentence: m.sentence,
                    };
                    (mention, c.actor)
                })
                .collect()
        })
        .collect()
}

/// The look-up key of a name by its first word and its second, if any.
fn start_key(first: &str, second: Option<&str>) -> u64 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(first.as_bytes());
    if let Some(second) = second {
        hasher.write_u8(b' ');
        hasher.write(second.as_bytes());
    }
    hasher.finish()
}

/// A quick test before a hash look-up, which most words of a corpus fail:
/// one bit per (length, first, second and last byte).
struct Sieve(Vec<u64>);

impl Sieve {
    const BITS: usize = 1 << 16;

    fn key(word: &str) -> usize {
        let b = word.as_bytes();
        let (first, last) = (b.first().copied(), b.last().copied());
        let second = b.get(1).copied();
        let mut h: u32 = b.len() as u32;
        for x in [first, second, last] {
            h = h.wrapping_mul(0x0100_0193) ^ u32::from(x.unwrap_or(0));
        }
        h = h.wrapping_mul(0x9e37_79b9);
        (h >> 16) as usize % Self::BITS
    }

    fn of<'a>(words: impl Iterator<Item = &'a str>) -> Sieve {
        let mut bits = vec![0u64; Self::BITS / 64];
        for w in words {
            let k = Sieve::key(w);
            bits[k / 64] |= 1 << (k % 64);
        }
        Sieve(bits)
    }

    fn may_hold(&self, word: &str) -> bool {
        let k = Sieve::key(word);
        self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

/// A known name written at `tokens` (indices into the article's tokens).
struct Match {
    tokens: std::ops::Range<usize>,
    sentence: usize,
    candidate: usize,
}

/// What one article's scan found: the known names it writes where no
/// mention is, and the candidate words it writes in lower case.
struct Scan<'t> {
    matches: Vec<Match>,
    lower: Vec<&'t str>,
}

/// One article, and what to look for in it.
struct Look<'a, 'o> {
    text: &'a str,
    analysis: &'a AnalyzedText,
    candidates: &'a [Candidate],
    by_start: &'a FnvHashMap<u64, Vec<(usize, bool)>>,
    lowered: &'a FnvHashSet<String>,
    name_words: &'a FnvHashSet<String>,
    own: &'o HashSet<&'a str>,
    lowered_sieve: &'a Sieve,
    first_sieve: &'a Sieve,
}

impl<'a> Look<'a, '_> {
    fn scan(&self, cases: &[Case]) -> Scan<'a> {
        let text = self.text;
        let tokens = &self.analysis.tokens;
        // Which tokens a mention already holds (one more than its index),
        // and each mention's tokens.
        let mut covered = vec![0u32; tokens.len()];
        let mut ranges = Vec::with_capacity(self.analysis.mentions.len());
        for (k, m) in self.analysis.mentions.iter().enumerate() {
            let held = crate::analysis::token_range(tokens, m.start, m.end);
            covered[held.clone()].fill(k as u32 + 1);
            ranges.push(held);
        }
        let mut scan = Scan {
            matches: Vec::new(),
            lower: Vec::new(),
        };
        for (s, range) in self.analysis.sentences.iter().enumerate() {
            let words = Words {
                text,
                tokens: &tokens[range.clone()],
            };
            let case = cases[s];
            let mut i = 0;
            while i < words.len() {
                let w = words.at(i);
                let lower = initial_lower(w);
                if lower == Some(true) && self.lowered_sieve.may_hold(w) && self.lowered.contains(w)
                {
                    scan.lower.push(w);
                }
                // No name starts inside a mention.
                let inside = match covered[range.start + i] {
                    0 => false,
                    k => ranges[k as usize - 1].start < range.start + i,
                };
                if lower != Some(false) || inside || !self.first_sieve.may_hold(w) {
                    i += 1;
                    continue;
                }
                let held = Held {
                    covered: &covered[range.clone()],
                    ranges: &ranges,
                    offset: range.start,
                };
                let found = self.match_at(words, &held, i, case);
                match found {
                    Some((len, candidate)) => {
                        scan.matches.push(Match {
                            tokens: range.start + i..range.start + i + len,
                            sentence: s,
                            candidate,
                        });
                        i += len;
                    }
                    None => i += 1,
                }
            }
        }
        scan
    }

    /// The known name (its length in words and candidate) that starts at
    /// word `i` of a sentence, where no mention is (or, for a name of
    /// several words, only one mention it holds whole: "Philadelphia" of
    /// "Philadelphia 76ers") and nothing around it makes it part of a
    /// longer name.
    fn match_at(&self, words: Words, held: &Held, i: usize, case: Case) -> Option<(usize, usize)> {
        let covered = held.covered;
        let pair = (i + 1 < words.len()).then(|| start_key(words.at(i), Some(words.at(i + 1))));
        let longer = pair.and_then(|key| self.by_start.get(&key));
        let single = self.by_start.get(&start_key(words.at(i), None));
        longer
            .into_iter()
            .chain(single)
            .flatten()
            .find_map(|&(c, shouted)| {
                let candidate = &self.candidates[c];
                let n = candidate.words.len();
                let forms = if shouted {
                    &candidate.upper
                } else {
                    &candidate.words
                };
                let fits = i + n <= words.len()
                    && words.at(i) == forms[0]
                    && (!shouted || n > 1 || case == Case::Shouted)
                    && (candidate.corpus_wide || self.own.contains(candidate.words[0].as_str()))
                    && (held.free(i..i + n) || (candidate.grows && held.grown(i..i + n)))
                    && (1..n).all(|k| words.spaced(i + k - 1) && words.at(i + k) == forms[k])
                    && self.free_side(words, covered, i.checked_sub(1), case, i)
                    && self.free_side(words, covered, Some(i + n), case, i);
                fits.then_some((n, c))
            })
    }

    /// Whether the word at `side` (before or after a name starting at word
    /// `start`) leaves the name whole: no capitalised word that could
    /// belong to it. A word never a name ("Friday", "He") or a sentence's
    /// capitalised first word that is a small
    /// word ("The Chargers") may stand there; in a headline, where every word is
    /// capitalised, only a word of a known name or of a mention counts.
    fn free_side(
        &self,
        words: Words,
        covered: &[u32],
        side: Option<usize>,
        case: Case,
        start: usize,
    ) -> bool {
        let Some(j) = side.filter(|&j| j < words.len()) else {
            return true;
        };
        let w = words.at(j);
        if !w.starts_with(char::is_uppercase) && !w.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        let lower = w.to_lowercase();
        // A day, a pronoun, a determiner: never part of a name.
        if never_name(&lower) || (j < start && opens_sentence(words, j) && is_small_word(&lower)) {
            return true;
        }
        match case {
            Case::Running => false,
            Case::Headline | Case::Shouted => {
                covered[j] == 0 && !all_caps_acronym(w, case) && !self.name_words.contains(&lower)
            }
        }
    }
}

/// The tokens of a sentence that mentions hold (`covered[j]`: one more
/// than the index of the mention holding word `j`, 0 for none).
struct Held<'c> {
    covered: &'c [u32],
    /// The tokens of each mention of the article.
    ranges: &'c [Range<usize>],
    /// The article's index of the sentence's first token.
    offset: usize,
}

impl Held<'_> {
    /// No mention holds a word of `words`.
    fn free(&self, words: Range<usize>) -> bool {
        self.covered[words].iter().all(|&k| k == 0)
    }

    /// Some word of `words` is free, and the others are one mention that
    /// lies wholly within them: two mentions ("Interior and Commerce")
    /// are two actors.
    fn grown(&self, words: Range<usize>) -> bool {
        let whole = self.offset + words.start..self.offset + words.end;
        let held = &self.covered[words];
        let mut mentions = held.iter().filter(|&&k| k != 0);
        let Some(&first) = mentions.next() else {
            return false;
        };
        let tokens = &self.ranges[first as usize - 1];
        held.contains(&0)
            && whole.start <= tokens.start
            && tokens.end <= whole.end
            && mentions.all(|&k| k == first)
    }
}

/// In a sentence not shouted, a word in capitals is a name of its own
/// ("NBA"), never a headline's ordinary word.
fn all_caps_acronym(word: &str, case: Case) -> bool {
    case != Case::Shouted && word.chars().count() > 1 && all_caps(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::EntityKind;

    /// Articles with the mentions a tagger gave them (`(name, nth)`, all
    /// organisations), resolved and settled.
    fn linked(articles: &[(&str, &[(&str, usize)])]) -> (Vec<AnalyzedText>, Resolution) {
        super::super::settled(articles, EntityKind::Organisation)
    }

    /// The text of each mention of article `a`, with its actor's name.
    fn mentions(articles: &[(&str, &[(&str, usize)])], a: usize) -> Vec<(String, String)> {
        let (analyses, resolution) = linked(articles);
        assert!(resolution.found.is_empty());
        super::super::named_mentions(articles[a].0, &analyses, &resolution, a)
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    const TMZ_A: &str = "The site TMZ reported it first. Later TMZ said more.";
    const TMZ_B: &str = "Reporters at TMZ were told.";

    #[test]
    fn a_name_the_corpus_knows_is_found_where_the_tagger_missed_it() {
        let c = "TMZ reported that Lohan left. She told TMZ so.";
        let articles: &[(&str, &[(&str, usize)])] = &[
            (TMZ_A, &[("TMZ", 0), ("TMZ", 1)]),
            (TMZ_B, &[("TMZ", 0)]),
            (c, &[("Lohan", 0)]),
        ];
        let (analyses, resolution) = linked(articles);
        let tmz = resolution.mention_actor[0][0];
        let found: Vec<(&str, usize)> = analyses[2]
            .mentions
            .iter()
            .zip(&resolution.mention_actor[2])
            .map(|(m, &actor)| (&c[m.start..m.end], actor))
            .collect();
        let lohan = resolution.mention_actor[2][1];
        assert_eq!(found, [("TMZ", tmz), ("Lohan", lohan), ("TMZ", tmz)]);
        assert_eq!(analyses[2].mentions[2].sentence, 1);
        assert_eq!(analyses[2].mentions[0].kind, EntityKind::Organisation);
    }

    #[test]
    fn one_mention_in_running_text_is_enough_for_its_own_article_only() {
        let a = "Fans of the Jags wept. Jags lose again.";
        let b = "Jags fans cheered.";
        let articles: &[(&str, &[(&str, usize)])] = &[(a, &[("Jags", 0)]), (b, &[])];
        assert_eq!(
            mentions(articles, 0),
            pairs(&[("Jags", "Jags"), ("Jags", "Jags")])
        );
        assert!(mentions(articles, 1).is_empty());
    }

    #[test]
    fn one_mention_of_an_acronym_is_enough_for_the_corpus() {
        let a = "A star among MGM's gallery.";
        let b = "She made MGM musicals. The UN met; UN troops left.";
        let c = "The UN said so.";
        let articles: &[(&str, &[(&str, usize)])] =
            &[(a, &[("MGM", 0)]), (b, &[("UN", 0)]), (c, &[])];
        assert_eq!(mentions(articles, 1)[0], pairs(&[("MGM", "MGM")])[0]);
        // Two capitals could be anything: only the article itself counts.
        assert!(mentions(articles, 2).is_empty());
    }

    #[test]
    fn a_word_the_corpus_writes_in_lower_case_is_left_alone() {
        let a = "Police met Rose there. Later Rose left.";
        let b = "Rose spoke; a rose bloomed.";
        let articles: &[(&str, &[(&str, usize)])] = &[(a, &[("Rose", 0), ("Rose", 1)]), (b, &[])];
        assert!(mentions(articles, 1).is_empty());
    }

    #[test]
    fn a_name_that_could_be_two_actors_is_left_alone() {
        let a = "Fighter Tony Thompson lost. Later Thompson wept, and Thompson left.";
        let b = "Senator Fred Thompson ran.";
        let c = "Thompson spoke.";
        let articles: &[(&str, &[(&str, usize)])] = &[
            (a, &[("Tony Thompson", 0), ("Thompson", 1), ("Thompson", 2)]),
            (b, &[("Fred Thompson", 0)]),
            (c, &[]),
        ];
        assert!(mentions(articles, 2).is_empty());
    }

    #[test]
    fn a_name_beside_a_capitalised_word_or_inside_a_mention_is_left_alone() {
        let c = "Fans said TMZ Live was on. The TMZ Tower stood. Then TMZ agreed.";
        let articles: &[(&str, &[(&str, usize)])] = &[
            (TMZ_A, &[("TMZ", 0), ("TMZ", 1)]),
            (TMZ_B, &[("TMZ", 0)]),
            (c, &[("TMZ Tower", 0)]),
        ];
        let found = mentions(articles, 2);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "TMZ Tower");
        assert_eq!(found[1], ("TMZ".to_string(), "TMZ".to_string()));
    }

    #[test]
    fn a_name_known_well_takes_the_place_of_the_one_mention_it_holds() {
        let a = "Fans of the Philadelphia 76ers cheered. Later the Philadelphia 76ers won.";
        let b = "He coached the Philadelphia 76ers for years. Ask the Philadelphia Eagles.";
        let articles: &[(&str, &[(&str, usize)])] = &[
            (a, &[("Philadelphia 76ers", 0), ("Philadelphia 76ers", 1)]),
            (b, &[("Philadelphia", 0), ("Philadelphia Eagles", 0)]),
        ];
        let found = mentions(articles, 1);
        let names: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(names, ["Philadelphia 76ers", "Philadelphia Eagles"]);
        assert_eq!(found[0].1, "Philadelphia 76ers");
        // Two mentions are two actors, whatever name they share.
        let c = "Work for Interior and Commerce went on. Interior and Commerce agreed.";
        let d = "Then Interior and Commerce spoke.";
        let articles: &[(&str, &[(&str, usize)])] = &[
            (
                c,
                &[("Interior and Commerce", 0), ("Interior and Commerce", 1)],
            ),
            (d, &[("Interior", 0), ("Commerce", 0)]),
        ];
        let names: Vec<String> = mentions(articles, 1).into_iter().map(|(m, _)| m).collect();
        assert_eq!(names, ["Interior", "Commerce"]);
    }

    #[test]
    fn names_of_several_words_and_shouted_headlines() {
        let a = "Coach of the Indiana State team.";
        let b = "INDIANA STATE WINS\nIndiana State won; so did Drake.";
        let articles: &[(&str, &[(&str, usize)])] =
            &[(a, &[("Indiana State", 0)]), (b, &[("Drake", 0)])];
        let found = mentions(articles, 1);
        let names: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(names, ["INDIANA STATE", "Indiana State", "Drake"]);
        assert_eq!(found[0].1, found[1].1);
    }

    fn case(text: &str) -> Case {
        let tokens = crate::analysis::token::tokenize(text);
        case_of(Words {
            text,
            tokens: &tokens,
        })
    }

    #[test]
    fn how_a_sentence_is_written() {
        assert!(case("Obama spoke to Congress") == Case::Running);
        assert!(case("Lohan Checks Into Rehab") == Case::Headline);
        assert!(case("FIRED IN PHILLY!") == Case::Shouted);
        assert!(case("Él habló") == Case::Running);
    }

    #[test]
    fn the_sieve_holds_what_it_was_given() {
        let sieve = Sieve::of(["Chargers", "TMZ", "é"].into_iter());
        assert!(["Chargers", "TMZ", "é"].iter().all(|w| sieve.may_hold(w)));
        let passed = ["the", "a", "said", "of", "in", "Police", "Monday"]
            .iter()
            .filter(|w| sieve.may_hold(w))
            .count();
        assert!(passed < 3, "{passed}");
    }

    #[test]
    fn a_form_to_look_for_starts_and_ends_capitalised() {
        assert!(name_like(&["TMZ"]));
        assert!(name_like(&["Academy", "of", "Sciences"]));
        assert!(!name_like(&["Queens", "of"]));
        assert!(!name_like(&["X"]));
        assert!(!name_like(&["76ers"]));
        assert!(name_like(&["Philadelphia", "76ers"]));
        assert!(!name_like(&["Wasilla", "Church", "Friday"]));
        assert!(!name_like(&["The"]));
    }
}
