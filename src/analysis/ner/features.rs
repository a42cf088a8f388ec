//! Feature extraction: for every token a list of u64 feature keys, built from
//! hashes computed once per token (no strings are built per feature).
//!
//! Templates follow feature-based NER systems of the Ratinov & Roth (2009)
//! kind: word forms and neighbours, shapes, affixes, capitalisation in
//! context, gazetteer matches, word clusters, and document-level evidence.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::hash::{Fnv, HashedMap, IdHasher, feature, lower_hash, phrase_hash, word_hash};
use super::tags::NUM_TAGS;
use crate::analysis::EntityKind;
use crate::analysis::lexicon::Lexicon;
use crate::analysis::token::tokenize;

/// Gazetteer categories (bits of a phrase's category set).
#[derive(Debug, Clone, Copy)]
pub enum Gazetteer {
    Country = 0,
    Demonym,
    Place,
    Capital,
    KnownOrg,
    KnownPerson,
    KnownLocation,
    KnownMisc,
    NewsSource,
    FirstName,
    Surname,
    PersonTitle,
    OrgWord,
    CommonWord,
}

/// Longest gazetteer phrase matched, in tokens.
const MAX_PHRASE: usize = 6;
/// Number of word-cluster granularities.
pub const CLUSTER_LEVELS: usize = 3;

/// Data the features depend on, stored inside the model so that a model
/// always sees the gazetteers and clusters it was trained with.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ResourceData {
    /// Lower-cased phrase hash -> bit set of [`Gazetteer`] categories.
    pub phrases: Vec<(u64, u32)>,
    /// Word hash (as written) -> cluster id + 1 at each granularity (0 = none).
    pub clusters: Vec<(u64, [u16; CLUSTER_LEVELS])>,
}

impl ResourceData {
    /// Gazetteers from a lexicon.
    pub fn with_lexicon(mut self, lex: &Lexicon) -> ResourceData {
        let mut map: HashedMap<u32> = HashedMap::default();
        each_phrase(lex, |tokens, cat| {
            *map.entry(phrase_hash(tokens.iter().copied())).or_default() |= 1 << cat as u32;
        });
        let mut phrases: Vec<(u64, u32)> = map.into_iter().collect();
        phrases.sort_unstable();
        self.phrases = phrases;
        self
    }
}

/// Every gazetteer phrase of a lexicon (of at most [`MAX_PHRASE`] tokens),
/// tokenised, with its category.
fn each_phrase(lex: &Lexicon, mut found: impl FnMut(&[&str], Gazetteer)) {
    let mut add = |text: &str, cat: Gazetteer| {
        let tokens: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
        if !tokens.is_empty() && tokens.len() <= MAX_PHRASE {
            found(&tokens, cat);
        }
    };
    for c in &lex.countries {
        add(&c.name, Gazetteer::Country);
        for a in &c.alternate_names {
            add(a, Gazetteer::Country);
        }
        for d in &c.demonyms {
            add(d, Gazetteer::Demonym);
        }
        if let Some(cap) = &c.capital {
            add(cap, Gazetteer::Capital);
        }
    }
    for a in &lex.actors {
        let cat = match a.kind {
            EntityKind::Person => Gazetteer::KnownPerson,
            EntityKind::Organisation => Gazetteer::KnownOrg,
            EntityKind::Location => Gazetteer::KnownLocation,
            EntityKind::Misc => Gazetteer::KnownMisc,
        };
        for n in std::iter::once(&a.name).chain(&a.aliases) {
            add(n, cat);
        }
    }
    for p in lex.places.keys() {
        add(p, Gazetteer::Place);
    }
    for (alias, name) in &lex.news_sources {
        add(alias, Gazetteer::NewsSource);
        add(name, Gazetteer::NewsSource);
    }
    let sets = [
        (&lex.first_names, Gazetteer::FirstName),
        (&lex.surnames, Gazetteer::Surname),
        (&lex.person_titles, Gazetteer::PersonTitle),
        (&lex.org_words, Gazetteer::OrgWord),
        (&lex.common_words, Gazetteer::CommonWord),
    ];
    for (set, cat) in sets {
        for w in set {
            add(w, cat);
        }
    }
}

/// The hashes of the first words (all but the last) of every phrase of
/// `lex`, if its phrases are all of `phrases`: a run of words whose hash is
/// none of them starts no longer phrase, and needs no more lookups. The
/// model file holds only the hashes of whole phrases, so this is learnt
/// from the lexicon they were made from; if that lexicon has lost one of
/// them since, nothing is pruned.
fn phrase_prefixes(phrases: &HashedMap<u32>, lex: &Lexicon) -> Option<HashedSet> {
    let mut whole = HashedSet::default();
    let mut prefixes = HashedSet::default();
    each_phrase(lex, |tokens, _| {
        let mut h = super::hash::PHRASE_SEED;
        for (k, t) in tokens.iter().enumerate() {
            h = super::hash::combine(h, lower_hash(t));
            if k + 1 < tokens.len() {
                prefixes.insert(h);
            }
        }
        whole.insert(h);
    });
    phrases
        .keys()
        .all(|h| whole.contains(h))
        .then_some(prefixes)
}

/// [`ResourceData`] made ready for lookups.
#[derive(Debug, Default)]
pub struct Resources {
    phrases: HashedMap<u32>,
    clusters: HashedMap<[u16; CLUSTER_LEVELS]>,
    /// See [`phrase_prefixes`]; made on first use, from the built-in lexicon.
    prefixes: OnceLock<Option<HashedSet>>,
}

impl Resources {
    pub fn new(data: &ResourceData) -> Resources {
        Resources {
            phrases: data.phrases.iter().copied().collect(),
            clusters: data.clusters.iter().copied().collect(),
            prefixes: OnceLock::new(),
        }
    }

    fn prefixes(&self) -> Option<&HashedSet> {
        self.prefixes
            .get_or_init(|| phrase_prefixes(&self.phrases, Lexicon::builtin()))
            .as_ref()
    }
}

// Token flags.
const INIT_CAP: u32 = 1;
const ALL_CAPS: u32 = 1 << 1;
const HAS_DIGIT: u32 = 1 << 2;
const ALL_DIGITS: u32 = 1 << 3;
const HAS_HYPHEN: u32 = 1 << 4;
const HAS_PERIOD: u32 = 1 << 5;
const NO_ALNUM: u32 = 1 << 6;
const HAS_LOWER: u32 = 1 << 7;
const MIXED_CAPS: u32 = 1 << 8;
const FLAG_COUNT: u32 = 9;

/// What is computed once per token.
#[derive(Debug, Clone, Copy, Default)]
struct TokenInfo {
    word: u64,
    lower: u64,
    shape: u64,
    short_shape: u64,
    flags: u32,
    clusters: [u16; CLUSTER_LEVELS],
    /// Gazetteer matches: bit `category * 4 + position` (B, I, L, U).
    gazetteer: u64,
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

fn token_info(word: &str, res: &Resources) -> TokenInfo {
    let mut flags = 0;
    let mut shape = Fnv::new();
    let mut short = Fnv::new();
    let (mut last, mut run) = ('\0', 0);
    let (mut upper, mut lower, mut digits, mut alnum, mut chars) = (0, 0, 0, 0, 0);
    for (i, c) in word.chars().enumerate() {
        chars += 1;
        if c.is_uppercase() {
            upper += 1;
            if i == 0 {
                flags |= INIT_CAP;
            }
        } else if c.is_lowercase() {
            lower += 1;
        }
        if c.is_numeric() {
            digits += 1;
        }
        if c.is_alphanumeric() {
            alnum += 1;
        }
        match c {
            '-' => flags |= HAS_HYPHEN,
            '.' => flags |= HAS_PERIOD,
            _ => {}
        }
        let s = shape_class(c);
        if s == last {
            run += 1;
        } else {
            run = 1;
            short.char(s);
        }
        if run <= 4 {
            shape.char(s);
        }
        last = s;
    }
    if upper > 0 && upper == alnum - digits && lower == 0 {
        flags |= ALL_CAPS;
    }
    if upper > 1 && lower > 0 {
        flags |= MIXED_CAPS;
    }
    if digits > 0 {
        flags |= HAS_DIGIT;
        if digits == chars {
            flags |= ALL_DIGITS;
        }
    }
    if alnum == 0 {
        flags |= NO_ALNUM;
    }
    if lower > 0 {
        flags |= HAS_LOWER;
    }
    let word_h = word_hash(word);
    TokenInfo {
        word: word_h,
        lower: lower_hash(word),
        shape: shape.finish(),
        short_shape: short.finish(),
        flags,
        clusters: res.clusters.get(&word_h).copied().unwrap_or_default(),
        gazetteer: 0,
    }
}

/// Hashes of a word's first and last one to four letters, lower-cased (0
/// where the word is shorter).
#[derive(Debug, Clone, Copy, Default)]
struct Affixes {
    prefixes: [u64; 4],
    suffixes: [u64; 4],
}

fn affixes(word: &str) -> Affixes {
    let mut a = Affixes::default();
    let mut pre = Fnv::new();
    for (i, c) in word.chars().take(4).enumerate() {
        for l in c.to_lowercase() {
            pre.char(l);
        }
        a.prefixes[i] = pre.finish();
    }
    let mut suf = Fnv::new();
    for (i, c) in word.chars().rev().take(4).enumerate() {
        for l in c.to_lowercase() {
            suf.char(l);
        }
        a.suffixes[i] = suf.finish();
    }
    a
}

/// Marks gazetteer phrase matches on a sentence's tokens.
fn mark_gazetteers(words: &[&str], infos: &mut [TokenInfo], res: &Resources) {
    if res.phrases.is_empty() {
        return;
    }
    let prefixes = res.prefixes();
    for start in 0..words.len() {
        let mut h = super::hash::PHRASE_SEED;
        for end in start + 1..=(start + MAX_PHRASE).min(words.len()) {
            h = super::hash::combine(h, infos[end - 1].lower);
            let cats = res.phrases.get(&h).copied().unwrap_or(0);
            for cat in 0..32u64 {
                if cats & (1 << cat) == 0 {
                    continue;
                }
                if end - start == 1 {
                    infos[start].gazetteer |= 1 << (cat * 4 + 3);
                } else {
                    infos[start].gazetteer |= 1 << (cat * 4);
                    for info in &mut infos[start + 1..end - 1] {
                        info.gazetteer |= 1 << (cat * 4 + 1);
                    }
                    infos[end - 1].gazetteer |= 1 << (cat * 4 + 2);
                }
            }
            if prefixes.is_some_and(|p| !p.contains(&h)) {
                break;
            }
        }
    }
}

/// Features of one sentence that do not depend on earlier predictions.
#[derive(Debug, Clone, Default)]
pub struct SentenceFeatures {
    /// All keys, token after token.
    pub keys: Vec<u64>,
    /// `keys[offsets[i]..offsets[i + 1]]` are token i's.
    pub offsets: Vec<u32>,
    /// Lower-cased hash of each token, for the prediction history.
    pub lower: Vec<u64>,
}

impl SentenceFeatures {
    pub fn len(&self) -> usize {
        self.lower.len()
    }
    pub fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }
    pub fn token(&self, i: usize) -> &[u64] {
        &self.keys[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

/// Which types the tagger gave each word (lower-cased) earlier in the document.
#[derive(Debug, Default)]
pub struct History {
    seen: HashedMap<u8>,
}

const T_HISTORY: u64 = 90;

impl History {
    /// The history feature of a token, if it was tagged before.
    #[inline]
    pub fn feature(&self, lower: u64) -> Option<u64> {
        self.seen
            .get(&lower)
            .map(|&mask| feature(T_HISTORY, mask as u64, 0))
    }

    /// Records the spans found in a sentence.
    pub fn record(&mut self, lower: &[u64], spans: &[crate::analysis::TokenSpan]) {
        for span in spans {
            for i in span.tokens.clone() {
                *self.seen.entry(lower[i]).or_default() |= 1 << span.kind.index();
            }
        }
    }
}

/// Static features of every sentence of a document.
pub fn document_features(doc: &[Vec<&str>], res: &Resources) -> Vec<SentenceFeatures> {
    let evidence = DocumentEvidence::new(doc, res);
    doc.iter()
        .enumerate()
        .map(|(s, words)| evidence.sentence_features(s, words, res))
        .collect()
}

/// Integer tag scores: the sum of quantised weights of a token's features.
pub type Scores = [i32; NUM_TAGS];

/// A word as met before: what it gives the tagger whatever its context.
#[derive(Debug, Clone)]
struct KnownWord {
    /// The word's bytes, zero-padded: compared in place, with no pointer
    /// to follow to a string elsewhere in memory.
    word: MemoWord,
    info: TokenInfo,
    /// The weights of its own features, as a token not first in its sentence.
    own: Scores,
    /// The weights of the features it gives the token one and two after it
    /// ([`Neighbour::Before`], [`Neighbour::TwoBefore`]) and one and two
    /// before it.
    before: [Scores; 2],
    after: [Scores; 2],
}

impl KnownWord {
    fn new(
        word: &str,
        padded: MemoWord,
        res: &Resources,
        weigh: &impl Fn(u64, &mut Scores),
    ) -> KnownWord {
        Self::of_info(token_info(word, res), word, padded, weigh)
    }

    fn of_info(
        info: TokenInfo,
        word: &str,
        padded: MemoWord,
        weigh: &impl Fn(u64, &mut Scores),
    ) -> KnownWord {
        let as_neighbour = |place| {
            let mut keys = Vec::with_capacity(3);
            neighbour_features(&info, place, &mut keys);
            let mut scores = [0; NUM_TAGS];
            for key in keys {
                weigh(key, &mut scores);
            }
            scores
        };
        KnownWord {
            word: padded,
            own: own_scores(&info, word, false, weigh),
            before: [
                as_neighbour(Neighbour::Before),
                as_neighbour(Neighbour::TwoBefore),
            ],
            after: [
                as_neighbour(Neighbour::After),
                as_neighbour(Neighbour::TwoAfter),
            ],
            info,
        }
    }
}

/// The longest word, in bytes, that the memo keeps.
const MEMO_WORD_BYTES: usize = 23;

/// A word's bytes, zero-padded, and its length in the last byte.
type MemoWord = [u8; MEMO_WORD_BYTES + 1];

fn memo_word(word: &str) -> Option<MemoWord> {
    let bytes = word.as_bytes();
    (bytes.len() <= MEMO_WORD_BYTES).then(|| {
        let mut padded = [0; MEMO_WORD_BYTES + 1];
        padded[..bytes.len()].copy_from_slice(bytes);
        padded[MEMO_WORD_BYTES] = bytes.len() as u8;
        padded
    })
}

/// Words met before with one model, and what they weigh. News repeats its
/// words: the features a word makes on its own and for its neighbours are
/// some two thirds of a token's, and are made and weighed once per word.
/// Bounded, so that a text of millions of distinct words cannot fill
/// memory; words longer than [`MEMO_WORD_BYTES`] (few) are not kept.
#[derive(Debug, Default)]
pub struct WordMemo {
    /// Word hash -> index in `words`.
    index: HashedMap<u32>,
    words: Vec<KnownWord>,
}

/// At most this many words are remembered, some 420 bytes each (14 MB):
/// news in English uses fewer (BBC: 34,000, the 16,000 most frequent make
/// 98 % of its tokens).
const MEMO_WORDS: usize = 1 << 15;

impl WordMemo {
    fn find(&self, hash: u64, padded: &MemoWord) -> Option<u32> {
        let &i = self.index.get(&hash)?;
        (self.words[i as usize].word == *padded).then_some(i)
    }

    fn insert(&mut self, hash: u64, word: KnownWord) -> Option<u32> {
        if self.words.len() >= MEMO_WORDS || self.index.contains_key(&hash) {
            return None;
        }
        let i = self.words.len() as u32;
        self.index.insert(hash, i);
        self.words.push(word);
        Some(i)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Takes in the words another memo learnt, as far as there is room.
    pub fn absorb(&mut self, other: WordMemo) {
        // In the order they were met: the first words met are kept when full.
        for known in other.words {
            let mut hash = Fnv::new();
            hash.bytes(&known.word[..known.word[MEMO_WORD_BYTES] as usize]);
            let hash = hash.finish();
            if self.find(hash, &known.word).is_none() {
                self.insert(hash, known);
            }
        }
    }
}

/// Where the [`KnownWord`] of a token is.
#[derive(Debug, Clone, Copy)]
enum WordRef {
    Shared(u32),
    Local(u32),
    Scratch(u32),
}

/// The words of one document: looked up in a memo shared with other
/// threads (read only while the document is tagged), and those it lacks
/// made here, to hand to it once the document is done.
pub struct DocumentWords<'m, W> {
    shared: &'m WordMemo,
    local: WordMemo,
    /// Words neither memo keeps, for the current sentence.
    scratch: Vec<KnownWord>,
    /// What lies beyond the ends of a sentence.
    outside: KnownWord,
    weigh: W,
}

impl<'m, W: Fn(u64, &mut Scores)> DocumentWords<'m, W> {
    pub fn new(shared: &'m WordMemo, weigh: W) -> Self {
        let outside = KnownWord::of_info(OUTSIDE, "", [0; MEMO_WORD_BYTES + 1], &weigh);
        DocumentWords {
            shared,
            local: WordMemo::default(),
            scratch: Vec::new(),
            outside,
            weigh,
        }
    }

    /// The words this document taught, for the shared memo.
    pub fn learnt(self) -> WordMemo {
        self.local
    }

    fn find(&mut self, word: &str, res: &Resources) -> WordRef {
        let Some(padded) = memo_word(word) else {
            return self.scratch(KnownWord::new(
                word,
                [0; MEMO_WORD_BYTES + 1],
                res,
                &self.weigh,
            ));
        };
        let hash = word_hash(word);
        if let Some(i) = self.shared.find(hash, &padded) {
            return WordRef::Shared(i);
        }
        if let Some(i) = self.local.find(hash, &padded) {
            return WordRef::Local(i);
        }
        let known = KnownWord::new(word, padded, res, &self.weigh);
        if self.shared.len() + self.local.len() < MEMO_WORDS
            && let Some(i) = self.local.insert(hash, known.clone())
        {
            return WordRef::Local(i);
        }
        self.scratch(known)
    }

    fn scratch(&mut self, known: KnownWord) -> WordRef {
        self.scratch.push(known);
        WordRef::Scratch(self.scratch.len() as u32 - 1)
    }

    fn get(&self, r: WordRef) -> &KnownWord {
        match r {
            WordRef::Shared(i) => &self.shared.words[i as usize],
            WordRef::Local(i) => &self.local.words[i as usize],
            WordRef::Scratch(i) => &self.scratch[i as usize],
        }
    }

    fn info(&mut self, word: &str, res: &Resources) -> TokenInfo {
        let r = self.find(word, res);
        let info = self.get(r).info;
        self.scratch.clear();
        info
    }
}

/// The summed weights of a word's own features.
fn own_scores(
    info: &TokenInfo,
    word: &str,
    first: bool,
    weigh: &impl Fn(u64, &mut Scores),
) -> Scores {
    let mut keys = OWN_KEYS_BUFFER;
    let n = own_features(info, &affixes(word), first as u64, &mut keys);
    let mut scores = [0; NUM_TAGS];
    for &key in &keys[..n] {
        weigh(key, &mut scores);
    }
    scores
}

/// The most keys [`own_features`] makes: 5 + 8 affixes + 9 flags + 6 clusters.
const MAX_OWN_KEYS: usize = 28;
const OWN_KEYS_BUFFER: [u64; MAX_OWN_KEYS] = [0; MAX_OWN_KEYS];

/// Reusable buffers for [`DocumentEvidence::sentence_scores`].
#[derive(Debug, Default)]
pub struct SentenceScores {
    refs: Vec<WordRef>,
    infos: Vec<TokenInfo>,
    keys: Vec<u64>,
    /// Lower-cased hash of each token, for the prediction history.
    pub lower: Vec<u64>,
    /// Each token's scores, without the prediction history.
    pub scores: Vec<Scores>,
}

/// What the whole document says about its capitalised words, gathered in a
/// first pass so that the features of each sentence can then be made one
/// sentence at a time: memory grows with the longest sentence, not with the
/// document (a 64 MiB text has some 11 million tokens).
#[derive(Debug, Default)]
pub struct DocumentEvidence {
    lowercase_forms: HashedSet,
    capitalised_inside: HashedSet,
    headline: Vec<bool>,
}

type HashedSet = HashSet<u64, BuildHasherDefault<IdHasher>>;

impl DocumentEvidence {
    pub fn new(doc: &[Vec<&str>], res: &Resources) -> DocumentEvidence {
        Self::gather(doc, |w| token_info(w, res))
    }

    /// The evidence of `doc`, with token infos from the document's words.
    pub fn with_words<W: Fn(u64, &mut Scores)>(
        doc: &[Vec<&str>],
        res: &Resources,
        words: &mut DocumentWords<W>,
    ) -> DocumentEvidence {
        Self::gather(doc, |w| words.info(w, res))
    }

    fn gather(doc: &[Vec<&str>], mut info: impl FnMut(&str) -> TokenInfo) -> DocumentEvidence {
        let mut evidence = DocumentEvidence::default();
        let mut infos = Vec::new();
        for words in doc {
            infos.clear();
            infos.extend(words.iter().map(|w| info(w)));
            let headline = is_headline(&infos);
            for (i, t) in infos.iter().enumerate() {
                if t.flags & (INIT_CAP | HAS_LOWER) == HAS_LOWER {
                    evidence.lowercase_forms.insert(t.lower);
                } else if i > 0 && !headline && t.flags & INIT_CAP != 0 {
                    evidence.capitalised_inside.insert(t.lower);
                }
            }
            evidence.headline.push(headline);
        }
        evidence
    }

    /// The static features of sentence `s`, whose words are `words`.
    pub fn sentence_features(&self, s: usize, words: &[&str], res: &Resources) -> SentenceFeatures {
        let mut infos: Vec<TokenInfo> = words.iter().map(|w| token_info(w, res)).collect();
        mark_gazetteers(words, &mut infos, res);
        let mut out = SentenceFeatures {
            keys: Vec::with_capacity(infos.len() * 64),
            offsets: Vec::with_capacity(infos.len() + 1),
            lower: infos.iter().map(|t| t.lower).collect(),
        };
        out.offsets.push(0);
        let mut own = OWN_KEYS_BUFFER;
        for (i, word) in words.iter().enumerate() {
            let n = own_features(&infos[i], &affixes(word), (i == 0) as u64, &mut own);
            out.keys.extend_from_slice(&own[..n]);
            let at = |j: usize| infos.get(j).unwrap_or(&OUTSIDE);
            let after = |k: usize| at(i + k);
            let before = |k: usize| i.checked_sub(k).map_or(&OUTSIDE, at);
            neighbour_features(before(1), Neighbour::Before, &mut out.keys);
            neighbour_features(before(2), Neighbour::TwoBefore, &mut out.keys);
            neighbour_features(after(1), Neighbour::After, &mut out.keys);
            neighbour_features(after(2), Neighbour::TwoAfter, &mut out.keys);
            self.context_features(&infos, i, s, &mut out.keys);
            out.offsets.push(out.keys.len() as u32);
        }
        out
    }

    /// The scores of sentence `s`'s tokens, as weighing every key of
    /// [`Self::sentence_features`] would give them, with what each word
    /// gives itself and its neighbours taken from the document's words.
    pub fn sentence_scores<W: Fn(u64, &mut Scores)>(
        &self,
        s: usize,
        words: &[&str],
        res: &Resources,
        known: &mut DocumentWords<W>,
        out: &mut SentenceScores,
    ) {
        known.scratch.clear();
        out.refs.clear();
        out.refs.extend(words.iter().map(|w| known.find(w, res)));
        let known = &*known;
        let word = |j: usize| out.refs.get(j).map_or(&known.outside, |&r| known.get(r));
        out.infos.clear();
        out.infos
            .extend(out.refs.iter().map(|&r| known.get(r).info));
        mark_gazetteers(words, &mut out.infos, res);
        out.lower.clear();
        out.lower.extend(out.infos.iter().map(|t| t.lower));
        out.scores.clear();
        for i in 0..words.len() {
            let mut scores = if i == 0 {
                own_scores(&out.infos[0], words[0], true, &known.weigh)
            } else {
                word(i).own
            };
            let before = |k: usize| i.checked_sub(k).map_or(&known.outside, word);
            let neighbours = [
                &before(1).before[0],
                &before(2).before[1],
                &word(i + 1).after[0],
                &word(i + 2).after[1],
            ];
            for add in neighbours {
                for (s, w) in scores.iter_mut().zip(add) {
                    *s += w;
                }
            }
            out.keys.clear();
            self.context_features(&out.infos, i, s, &mut out.keys);
            for &key in &out.keys {
                (known.weigh)(key, &mut scores);
            }
            out.scores.push(scores);
        }
    }

    /// Token `i`'s features that depend on more than one word or on the
    /// document.
    fn context_features(&self, infos: &[TokenInfo], i: usize, s: usize, out: &mut Vec<u64>) {
        context_features(infos, i, self.headline[s], out);
        let t = &infos[i];
        if t.flags & INIT_CAP != 0 {
            let in_lower = self.lowercase_forms.contains(&t.lower);
            let cap_inside = self.capitalised_inside.contains(&t.lower);
            out.push(feature(
                80,
                in_lower as u64 * 2 + cap_inside as u64,
                (i == 0) as u64,
            ));
        }
    }
}

/// A sentence in capitals (a headline): no token with a lower-case letter.
fn is_headline(infos: &[TokenInfo]) -> bool {
    let letters = infos.iter().filter(|t| t.flags & ALL_CAPS != 0).count();
    letters >= 2 && infos.iter().all(|t| t.flags & HAS_LOWER == 0)
}

/// The features of a token that depend on the word alone (and on whether it
/// is `first` in its sentence), written to `out`; returns how many.
fn own_features(t: &TokenInfo, a: &Affixes, first: u64, out: &mut [u64; MAX_OWN_KEYS]) -> usize {
    let mut n = 0;
    let mut push = |key| {
        out[n] = key;
        n += 1;
    };
    push(feature(1, 0, 0));
    push(feature(2, t.word, 0));
    push(feature(3, t.lower, 0));
    push(feature(10, t.shape, 0));
    push(feature(11, t.short_shape, first));
    for k in 0..4 {
        if a.prefixes[k] != 0 {
            push(feature(20 + k as u64, a.prefixes[k], 0));
        }
        if a.suffixes[k] != 0 {
            push(feature(24 + k as u64, a.suffixes[k], 0));
        }
    }
    for f in 0..FLAG_COUNT {
        if t.flags & (1 << f) != 0 {
            push(feature(30 + f as u64, first, 0));
        }
    }
    let cap = (t.flags & INIT_CAP != 0) as u64;
    for (level, &c) in t.clusters.iter().enumerate() {
        if c != 0 {
            push(feature(60 + level as u64, c as u64, 0));
            push(feature(63 + level as u64, c as u64, cap));
        }
    }
    n
}

/// What lies beyond either end of a sentence, as a token.
const OUTSIDE: TokenInfo = TokenInfo {
    word: 1,
    lower: 1,
    shape: 1,
    short_shape: 1,
    flags: 0,
    clusters: [0; CLUSTER_LEVELS],
    gazetteer: 0,
};

/// Where a word stands from the token whose features it gives.
#[derive(Debug, Clone, Copy)]
enum Neighbour {
    Before,
    TwoBefore,
    After,
    TwoAfter,
}

/// The features a word gives a token as one of its neighbours, by itself.
fn neighbour_features(n: &TokenInfo, place: Neighbour, out: &mut Vec<u64>) {
    match place {
        Neighbour::Before => {
            out.push(feature(4, n.lower, 0));
            out.push(feature(12, n.shape, 0));
            if n.clusters[1] != 0 {
                out.push(feature(66, n.clusters[1] as u64, 0));
            }
        }
        Neighbour::After => {
            out.push(feature(5, n.lower, 0));
            out.push(feature(13, n.shape, 0));
            if n.clusters[1] != 0 {
                out.push(feature(67, n.clusters[1] as u64, 0));
            }
        }
        Neighbour::TwoBefore => out.push(feature(6, n.lower, 0)),
        Neighbour::TwoAfter => out.push(feature(7, n.lower, 0)),
    }
}

/// The features of token `i` that depend on it together with its
/// neighbours, or on the sentence.
fn context_features(infos: &[TokenInfo], i: usize, headline: bool, out: &mut Vec<u64>) {
    let at = |j: usize| infos.get(j).unwrap_or(&OUTSIDE);
    let (p1, t, n1) = (i.checked_sub(1).map_or(&OUTSIDE, at), &infos[i], at(i + 1));
    out.push(feature(8, p1.lower, t.lower));
    out.push(feature(9, t.lower, n1.lower));
    out.push(feature(
        14,
        p1.short_shape,
        feature(0, t.short_shape, n1.short_shape),
    ));
    out.push(feature(15, p1.word, t.short_shape));
    out.push(feature(16, t.short_shape, n1.word));
    if headline {
        out.push(feature(40, t.short_shape, 0));
        out.push(feature(41, t.lower, 0));
    }
    let cap = (t.flags & INIT_CAP != 0) as u64;
    push_bits(t.gazetteer, |b| out.push(feature(50, b, cap)));
    push_bits(p1.gazetteer, |b| out.push(feature(51, b, 0)));
    push_bits(n1.gazetteer, |b| out.push(feature(52, b, 0)));
    out.push(feature(68, p1.clusters[0] as u64, t.clusters[0] as u64));
}

fn push_bits(bits: u64, mut f: impl FnMut(u64)) {
    let mut b = bits;
    while b != 0 {
        let i = b.trailing_zeros() as u64;
        f(i);
        b &= b - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_flags_and_shapes() {
        let res = Resources::default();
        let t = token_info("Brussels", &res);
        assert_eq!(
            t.flags & (INIT_CAP | ALL_CAPS | HAS_LOWER),
            INIT_CAP | HAS_LOWER
        );
        let u = token_info("NATO", &res);
        assert_ne!(u.flags & ALL_CAPS, 0);
        assert_eq!(
            token_info("Xxxxxxxx", &res).shape,
            token_info("Abcdefgh", &res).shape
        );
        assert_eq!(
            token_info("Ab", &res).short_shape,
            token_info("Abcdefgh", &res).short_shape
        );
        assert_ne!(
            token_info("Ab", &res).shape,
            token_info("Abcdefgh", &res).shape
        );
        assert_ne!(token_info("1996", &res).flags & ALL_DIGITS, 0);
    }

    #[test]
    fn gazetteer_phrases_are_marked_bilou() {
        let data = ResourceData {
            phrases: vec![(
                phrase_hash(["new", "york", "city"]),
                1 << Gazetteer::Place as u32,
            )],
            clusters: vec![],
        };
        let res = Resources::new(&data);
        let words = ["in", "New", "York", "City", "today"];
        let mut infos: Vec<TokenInfo> = words.iter().map(|w| token_info(w, &res)).collect();
        mark_gazetteers(&words, &mut infos, &res);
        let place = Gazetteer::Place as u64 * 4;
        let bits: Vec<u64> = infos.iter().map(|t| t.gazetteer).collect();
        assert_eq!(bits, [0, 1 << place, 1 << (place + 1), 1 << (place + 2), 0]);
    }

    /// A made-up weight for every key, so that every feature counts.
    fn weigh(key: u64, scores: &mut Scores) {
        for (t, s) in scores.iter_mut().enumerate() {
            *s += (super::super::hash::combine(key, t as u64) % 201) as i32 - 100;
        }
    }

    #[test]
    fn memoised_scores_equal_the_sum_over_all_features() {
        let data = ResourceData {
            phrases: vec![(phrase_hash(["new", "york"]), 1 << Gazetteer::Place as u32)],
            clusters: vec![
                (word_hash("Paris"), [3, 17, 200]),
                (word_hash("in"), [1, 2, 3]),
            ],
        };
        let res = Resources::new(&data);
        let docs = [
            vec![
                vec!["TALKS", "IN", "NEW", "YORK"],
                vec!["Talks", "in", "New", "York", "and", "Paris", "."],
                vec![
                    "the", "talks", "went", "on", "in", "Paris", "'s", "east", ".",
                ],
                // Longer than the memo keeps.
                vec!["Donaudampfschifffahrtsgesellschaft", "of", "Vienna"],
            ],
            // Words met in the first document come from the memo here.
            vec![
                vec!["Paris", "talks", "in", "New", "York"],
                vec!["in"],
                vec![],
            ],
        ];
        let mut memo = WordMemo::default();
        let mut out = SentenceScores::default();
        for doc in &docs {
            let mut known = DocumentWords::new(&memo, weigh);
            let evidence = DocumentEvidence::with_words(doc, &res, &mut known);
            let plain = DocumentEvidence::new(doc, &res);
            for (s, words) in doc.iter().enumerate() {
                evidence.sentence_scores(s, words, &res, &mut known, &mut out);
                let sf = plain.sentence_features(s, words, &res);
                assert_eq!(out.lower, sf.lower);
                for i in 0..words.len() {
                    let mut all = [0; NUM_TAGS];
                    for &key in sf.token(i) {
                        weigh(key, &mut all);
                    }
                    assert_eq!(out.scores[i], all, "{:?} token {i}", words);
                }
            }
            let learnt = known.learnt();
            if memo.is_empty() {
                assert!(learnt.len() >= 10);
            } else {
                assert_eq!(learnt.len(), 0, "the second document's words were all met");
            }
            memo.absorb(learnt);
        }
    }

    #[test]
    fn pruned_gazetteer_search_marks_what_the_full_one_does() {
        let data = ResourceData::default().with_lexicon(Lexicon::builtin());
        let pruned = Resources::new(&data);
        assert!(
            pruned.prefixes().is_some(),
            "a lexicon's own phrases are all in it"
        );
        let full = Resources {
            prefixes: OnceLock::from(None),
            ..Resources::new(&data)
        };
        let text = "He flew from New York City to the United Arab Emirates , Papua New \
            Guinea and Bosnia and Herzegovina with the United Nations , said Angela Merkel .";
        let words: Vec<&str> = text.split_whitespace().collect();
        let marks = |res: &Resources| {
            let mut infos: Vec<TokenInfo> = words.iter().map(|w| token_info(w, res)).collect();
            mark_gazetteers(&words, &mut infos, res);
            infos.iter().map(|t| t.gazetteer).collect::<Vec<u64>>()
        };
        let found = marks(&pruned);
        assert_eq!(found, marks(&full));
        let york = words.iter().position(|w| *w == "York").unwrap();
        assert_ne!(
            found[york] & 0x6666_6666_6666_6666,
            0,
            "inside or at the end of a phrase"
        );
    }

    #[test]
    fn document_evidence_changes_features() {
        let res = Resources::default();
        let a = vec![vec!["Bank", "rates", "rose"]];
        let b = vec![vec!["Bank", "rates", "rose"], vec!["the", "bank", "said"]];
        let fa = document_features(&a, &res);
        let fb = document_features(&b, &res);
        assert_ne!(fa[0].token(0), fb[0].token(0));
        assert_eq!(fa[0].token(1), fb[0].token(1));
    }
}
