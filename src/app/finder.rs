//! The finder: a fuzzy filter over actors and article titles.

use std::sync::Arc;

use super::fuzzy::{FirstLetters, Letters, Query};
use rayon::prelude::*;

use crate::index::{ActorId, CorpusIndex};

/// What the finder was opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinderPurpose {
    /// Go to the chosen actor or article.
    Jump,
    /// Pick the actor this one merges into: only the other actors are listed.
    MergeInto(ActorId),
}

/// Something the finder can find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Actor(ActorId),
    Article(usize),
    /// A place in an article's text where the query's words are.
    Text {
        article: usize,
        start: usize,
        end: usize,
    },
}

/// An article whose text matches the query, at its first hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextHit {
    pub article: usize,
    pub start: usize,
    pub end: usize,
    /// The text around the hit (not yet sanitised), and where the hit is in it.
    pub snippet: String,
    pub snippet_hit: std::ops::Range<usize>,
}

/// One row of the finder's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row<'a> {
    Match(&'a FinderMatch),
    Text(&'a TextHit),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinderItem {
    pub target: Target,
    /// The text matched against and shown (not yet sanitised).
    pub label: String,
    /// Shown after the label, not matched: the source of an article, the
    /// other names of an actor are part of the label.
    pub detail: String,
    /// Added to the match score: actors the corpus names often rank above
    /// rare ones that match as well ("Wladimir Klitschko" before "Klitschkos").
    pub bonus: i64,
}

/// Every item a finder can list, with their labels also packed end to end:
/// matching a hundred thousand labels reads them in memory order instead
/// of chasing one allocation each across the heap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinderItems {
    items: Vec<FinderItem>,
    labels: String,
    /// Where each label ends in `labels`.
    ends: Vec<usize>,
    /// The letters each label holds, and those starting its words (for
    /// ASCII labels): most labels are told apart without being read.
    letters: Vec<(Letters, Option<Letters>)>,
    /// Where each letter first occurs in each (ASCII) label.
    firsts: Vec<Option<FirstLetters>>,
}

impl FinderItems {
    pub fn new(items: Vec<FinderItem>) -> FinderItems {
        let mut labels = String::with_capacity(items.iter().map(|it| it.label.len()).sum());
        let ends = items
            .iter()
            .map(|it| {
                labels.push_str(&it.label);
                labels.len()
            })
            .collect();
        let letters = items
            .iter()
            .map(|it| (Letters::of(&it.label), Letters::at_word_starts(&it.label)))
            .collect();
        let firsts = items.iter().map(|it| FirstLetters::of(&it.label)).collect();
        FinderItems {
            items,
            labels,
            ends,
            letters,
            firsts,
        }
    }

    /// The label of item `i`, from the packed copy.
    fn label(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.labels[start..self.ends[i]]
    }
}

impl std::ops::Deref for FinderItems {
    type Target = [FinderItem];

    fn deref(&self) -> &[FinderItem] {
        &self.items
    }
}

impl FinderItem {
    /// Article `i`, found by its title, with `detail` (its source) shown.
    pub fn article(i: usize, title: &str, detail: String) -> FinderItem {
        FinderItem {
            target: Target::Article(i),
            label: title.to_string(),
            detail,
            bonus: 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FinderMatch {
    /// Index into [`Finder::items`].
    pub item: usize,
    pub score: i64,
    /// The label does not hold the query as typed at a word start: listed
    /// after the text hits.
    weak: bool,
}

/// How many matches past the cursor are kept in order: more than a screen
/// shows, so drawing never meets one not yet ranked.
const RANKED_AHEAD: usize = 512;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finder {
    pub purpose: FinderPurpose,
    pub query: String,
    /// Every actor and article title, shared between finders: built once
    /// per state of the actors, not on every opening.
    pub items: Arc<FinderItems>,
    /// The items this finder offers (all but the actor being merged, and
    /// no articles, when picking a merge target).
    candidates: Vec<usize>,
    /// Every match, in the order of the items: the next key narrows them
    /// reading the labels in memory order.
    matches: Vec<FinderMatch>,
    /// Indices into `matches`, the first `ranked` in the order listed.
    order: Vec<u32>,
    /// How many of `order` are ranked: a key ranks only what can be seen,
    /// as sorting a hundred thousand matches per key would cost more than
    /// the rest of the frame.
    ranked: usize,
    /// How many of the listed matches (the first) hold the query as typed at a word
    /// start: they are listed before the text hits, the others after.
    strong: usize,
    /// Articles whose text matches the query, best first.
    pub text_hits: Vec<TextHit>,
    /// Index into the rows ([`Finder::row`]).
    pub cursor: usize,
    /// Where each item ranks among the candidates, when they are not in
    /// item order (merge targets, most alike first): equal matches keep it.
    rank: Option<Vec<usize>>,
}

impl Finder {
    /// A finder over every actor (most mentioned first) and every article;
    /// when picking a merge target, over the other actors only.
    pub fn new(index: &CorpusIndex, purpose: FinderPurpose) -> Finder {
        Finder::over(Arc::new(Finder::items(index)), purpose)
    }

    /// A finder over `items` as made by [`Finder::items`].
    pub fn over(items: Arc<FinderItems>, purpose: FinderPurpose) -> Finder {
        let candidates = (0..items.len())
            .filter(|&i| match (purpose, items[i].target) {
                (FinderPurpose::Jump, _) => true,
                (FinderPurpose::MergeInto(from), Target::Actor(a)) => a != from,
                (FinderPurpose::MergeInto(_), _) => false,
            })
            .collect();
        Finder::listing(purpose, items, candidates, None)
    }

    /// A finder offering `candidates` (indices into `items`), ranked by
    /// `rank` on equal scores when given, with every candidate matched.
    fn listing(
        purpose: FinderPurpose,
        items: Arc<FinderItems>,
        candidates: Vec<usize>,
        rank: Option<Vec<usize>>,
    ) -> Finder {
        let mut finder = Finder {
            purpose,
            query: String::new(),
            items,
            candidates,
            matches: Vec::new(),
            order: Vec::new(),
            ranked: 0,
            strong: 0,
            text_hits: Vec::new(),
            cursor: 0,
            rank,
        };
        finder.refilter(false);
        finder
    }

    /// A finder for the actor `from` merges into, offering the actors of
    /// `ranked` in that order (best first).
    pub fn merge_targets(items: Arc<FinderItems>, from: ActorId, ranked: &[ActorId]) -> Finder {
        let mut item_of = vec![usize::MAX; ranked.len().max(from + 1)];
        for (i, item) in items.iter().enumerate() {
            if let Target::Actor(a) = item.target {
                if a >= item_of.len() {
                    item_of.resize(a + 1, usize::MAX);
                }
                item_of[a] = i;
            }
        }
        let candidates: Vec<usize> = ranked
            .iter()
            .filter(|&&a| a != from)
            .filter_map(|&a| item_of.get(a).copied().filter(|&i| i != usize::MAX))
            .collect();
        let mut rank = vec![usize::MAX; items.len()];
        for (position, &item) in candidates.iter().enumerate() {
            rank[item] = position;
        }
        Finder::listing(
            FinderPurpose::MergeInto(from),
            items,
            candidates,
            Some(rank),
        )
    }

    /// What a finder lists: every actor, most mentioned first, then every
    /// article.
    pub fn items(index: &CorpusIndex) -> FinderItems {
        let mut actors: Vec<ActorId> = (0..index.actors.len()).collect();
        actors.sort_by_key(|&a| std::cmp::Reverse(index.mentions_of(a).len()));
        let mut items: Vec<FinderItem> = actors
            .into_iter()
            .map(|a| {
                let actor = &index.actors[a];
                let others: Vec<&str> = actor
                    .aliases
                    .iter()
                    .map(String::as_str)
                    .filter(|alias| *alias != actor.name)
                    .collect();
                let label = if others.is_empty() {
                    actor.name.clone()
                } else {
                    format!("{} ({})", actor.name, others.join(", "))
                };
                let mentions = index.mentions_of(a).len();
                FinderItem {
                    target: Target::Actor(a),
                    label,
                    detail: match mentions {
                        1 => "1 mention".to_string(),
                        n => format!("{n} mentions"),
                    },
                    bonus: popularity_bonus(mentions),
                }
            })
            .collect();
        items.extend(index.articles.iter().enumerate().map(|(i, article)| {
            FinderItem::article(i, &article.title, index.source_label(i).to_string())
        }));
        FinderItems::new(items)
    }

    /// How many items the finder offers.
    pub fn offered(&self) -> usize {
        self.candidates.len()
    }

    pub fn push(&mut self, c: char) {
        let before = self.query.trim().to_string();
        self.query.push(c);
        // A longer query matches a subset of what the shorter one did (its
        // characters in order, case-sensitive once it has a capital).
        let narrows = !before.is_empty() && self.query.trim().starts_with(&before);
        self.refilter(narrows);
    }

    /// Char indices of the matched characters of `m`'s label, for marking
    /// them: worked out only for the rows drawn.
    pub fn marked(&self, m: &FinderMatch) -> Vec<usize> {
        Query::new(self.query.trim())
            .indices(&self.items[m.item].label)
            .unwrap_or_default()
    }

    /// Removes the last character; false when the query was already empty.
    pub fn backspace(&mut self) -> bool {
        let removed = self.query.pop().is_some();
        if removed {
            self.refilter(false);
        }
        removed
    }

    pub fn clear(&mut self) -> bool {
        let had = !self.query.is_empty();
        self.query.clear();
        self.refilter(false);
        had
    }

    /// How many labels match the query.
    pub fn match_count(&self) -> usize {
        self.matches.len()
    }

    /// How many rows the list has: matches and text hits.
    pub fn rows(&self) -> usize {
        self.matches.len() + self.text_hits.len()
    }

    /// Row `i`: the strong matches, then the text hits, then other matches.
    /// Rows past the cursor by more than [`RANKED_AHEAD`] are not ranked yet.
    pub fn row(&self, i: usize) -> Option<Row<'_>> {
        let texts = self.text_hits.len();
        if i < self.strong {
            self.listed(i).map(Row::Match)
        } else if i < self.strong + texts {
            self.text_hits.get(i - self.strong).map(Row::Text)
        } else {
            self.listed(i - texts).map(Row::Match)
        }
    }

    /// The `i`th match as listed.
    fn listed(&self, i: usize) -> Option<&FinderMatch> {
        self.matches.get(*self.order.get(i)? as usize)
    }

    /// Sets the text hits for the query as it is now.
    pub fn set_text_hits(&mut self, hits: Vec<TextHit>) {
        self.text_hits = hits;
        self.cursor = self.cursor.min(self.rows().saturating_sub(1));
    }

    /// Moves the cursor by `delta` rows, staying within the list.
    pub fn move_cursor(&mut self, delta: isize) -> bool {
        let last = self.rows().saturating_sub(1);
        let next = self.cursor.saturating_add_signed(delta).min(last);
        let changed = next != self.cursor;
        self.cursor = next;
        self.rank_through(next);
        changed
    }

    pub fn selected(&self) -> Option<Target> {
        match self.row(self.cursor)? {
            Row::Match(m) => Some(self.items[m.item].target),
            Row::Text(hit) => Some(Target::Text {
                article: hit.article,
                start: hit.start,
                end: hit.end,
            }),
        }
    }

    /// Matches the query against the candidates, or, when it `narrows` the
    /// last query, against the last matches only.
    fn refilter(&mut self, narrows: bool) {
        let typed = self.query.trim().to_lowercase();
        let query = Query::new(self.query.trim());
        self.cursor = 0;
        self.text_hits.clear();
        if query.is_empty() {
            self.matches = self
                .candidates
                .iter()
                .map(|&item| FinderMatch {
                    item,
                    score: 0,
                    weak: false,
                })
                .collect();
            self.order = (0..self.matches.len() as u32).collect();
            self.strong = self.matches.len();
            self.ranked = self.matches.len();
            return;
        }
        let items = &self.items;
        let wanted = query.letters();
        // One letter typed: whether a word starts with it is in the letters,
        // and its score in the first-letter table (ASCII labels have both).
        let one_letter = (typed.len() == 1 && typed.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then(|| Letters::of(&typed));
        let first_letter = query.one_letter();
        // Each match with whether its label holds the query as typed at a
        // word start (those come first), found in the same pass.
        let score = |item: usize| {
            let (holds, starts) = items.letters[item];
            if !holds.holds(wanted) {
                return None;
            }
            let score = match (first_letter, &items.firsts[item]) {
                // The first key: no label read.
                (Some(class), Some(firsts)) => Query::score_first(firsts, class),
                _ => query.score(items.label(item)),
            }?;
            let weak = match (one_letter, starts) {
                (Some(letter), Some(starts)) => !starts.holds(letter),
                _ => !holds_at_word_start(items.label(item), &typed),
            };
            Some(FinderMatch {
                item,
                score: score + items[item].bonus,
                weak,
            })
        };
        let last = std::mem::take(&mut self.matches);
        self.matches = if narrows {
            matches_in(&last, |m| score(m.item))
        } else {
            matches_in(&self.candidates, |&i| score(i))
        };
        self.strong = self.matches.iter().filter(|m| !m.weak).count();
        self.order = (0..self.matches.len() as u32).collect();
        self.ranked = 0;
        self.rank_through(0);
    }

    /// Puts the matches in order as far as `row` and a screen beyond it:
    /// the best `k` are picked in linear time and only they are sorted.
    fn rank_through(&mut self, row: usize) {
        let want = row.saturating_add(RANKED_AHEAD).min(self.order.len());
        if want <= self.ranked {
            return;
        }
        // Equal scores keep the actors-then-articles order, or the ranking.
        let ranking = self.rank.as_deref();
        let matches = &self.matches;
        let key = |&i: &u32| {
            let m = &matches[i as usize];
            (
                m.weak,
                std::cmp::Reverse(m.score),
                ranking.map_or(m.item, |rank| rank[m.item]),
            )
        };
        let rest = &mut self.order[self.ranked..];
        let k = want - self.ranked;
        if k < rest.len() {
            rest.select_nth_unstable_by_key(k - 1, key);
        }
        rest[..k].sort_unstable_by_key(key);
        self.ranked = want;
    }
}

/// The matches `score` finds in `pool`.
fn matches_in<T: Sync>(
    pool: &[T],
    score: impl Fn(&T) -> Option<FinderMatch> + Sync,
) -> Vec<FinderMatch> {
    // Up to a hundred thousand labels on a large corpus: both cores help.
    if pool.len() > 2048 {
        pool.par_iter().filter_map(&score).collect()
    } else {
        pool.iter().filter_map(score).collect()
    }
}

/// True when `label` holds `typed` (lower case) at the start of a word.
fn holds_at_word_start(label: &str, typed: &str) -> bool {
    if label.is_ascii() && typed.is_ascii() {
        // Without a lower-case copy: this runs for every match on every key.
        let (label, typed) = (label.as_bytes(), typed.as_bytes());
        let Some(&first) = typed.first() else {
            return true;
        };
        // Only where the first character is can the rest follow.
        return memchr::memchr2_iter(first, first.to_ascii_uppercase(), label).any(|i| {
            (i == 0 || !label[i - 1].is_ascii_alphanumeric())
                && label
                    .get(i..i + typed.len())
                    .is_some_and(|window| window.eq_ignore_ascii_case(typed))
        });
    }
    let label = label.to_lowercase();
    label.match_indices(typed).any(|(i, _)| {
        label[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Up to 40 points, 6 per doubling of the mentions: enough to order equally
/// good matches by importance, not enough to beat a clearly better match.
fn popularity_bonus(mentions: usize) -> i64 {
    ((mentions as f64 + 1.0).log2() * 6.0).min(40.0) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::resolve::{Actor, Resolution};
    use crate::analysis::{AnalyzedText, EntityKind, Mention};
    use crate::corpus::{Article, Corpus};

    fn index() -> CorpusIndex {
        let text = "Nusra and Ryabkov.";
        let article = Article {
            path: "a.txt".into(),
            title: "Talks on Aleppo".into(),
            source: Some("TASS".into()),
            date: None,
            place: None,
            url: None,
            text: text.into(),
            encoding: None,
        };
        let mention = |start, end, kind| Mention {
            start,
            end,
            kind,
            sentence: 0,
        };
        let analysis = AnalyzedText {
            tokens: Vec::new(),
            sentences: Vec::new(),
            mentions: vec![
                mention(0, 5, EntityKind::Organisation),
                mention(10, 17, EntityKind::Person),
            ],
        };
        let actor = |name: &str, kind, aliases: &[&str]| Actor {
            id: name.to_lowercase(),
            name: name.into(),
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            descriptors: Vec::new(),
        };
        CorpusIndex::from_parts(
            Corpus {
                articles: vec![article],
                issues: Vec::new(),
            },
            vec![analysis],
            Resolution {
                actors: vec![
                    actor(
                        "Jabhat al-Nusra",
                        EntityKind::Organisation,
                        &["Nusra", "Jabhat Fateh al-Sham"],
                    ),
                    actor("Sergey Ryabkov", EntityKind::Person, &["Ryabkov"]),
                ],
                mention_actor: vec![vec![0, 1]],
                found: Vec::new(),
            },
        )
    }

    #[test]
    fn empty_query_lists_actors_then_articles() {
        let finder = Finder::new(&index(), FinderPurpose::Jump);
        let targets: Vec<Target> = (0..finder.match_count())
            .filter_map(|i| finder.listed(i))
            .map(|m| finder.items[m.item].target)
            .collect();
        assert_eq!(
            targets,
            vec![Target::Actor(0), Target::Actor(1), Target::Article(0)]
        );
    }

    #[test]
    fn filters_as_you_type_and_marks_matched_characters() {
        let mut finder = Finder::new(&index(), FinderPurpose::Jump);
        for c in "ryab".chars() {
            finder.push(c);
        }
        assert_eq!(finder.selected(), Some(Target::Actor(1)));
        let m = finder.listed(0).unwrap();
        let label: Vec<char> = finder.items[m.item].label.chars().collect();
        let marked: String = finder.marked(m).iter().map(|&i| label[i]).collect();
        assert_eq!(marked.to_lowercase(), "ryab");
    }

    #[test]
    fn finds_an_actor_by_another_of_its_names() {
        let mut finder = Finder::new(&index(), FinderPurpose::Jump);
        for c in "fateh".chars() {
            finder.push(c);
        }
        assert_eq!(finder.selected(), Some(Target::Actor(0)));
    }

    #[test]
    fn finds_articles_by_title_and_backspace_widens_again() {
        let mut finder = Finder::new(&index(), FinderPurpose::Jump);
        for c in "aleppo".chars() {
            finder.push(c);
        }
        assert_eq!(finder.match_count(), 1);
        assert_eq!(finder.selected(), Some(Target::Article(0)));
        while finder.backspace() {}
        assert_eq!(finder.match_count(), 3);
        assert!(!finder.backspace());
    }

    #[test]
    fn picking_a_merge_target_lists_only_the_other_actors() {
        let finder = Finder::new(&index(), FinderPurpose::MergeInto(0));
        let targets: Vec<Target> = (0..finder.match_count())
            .filter_map(|i| finder.listed(i))
            .map(|m| finder.items[m.item].target)
            .collect();
        assert_eq!(targets, vec![Target::Actor(1)]);
        assert_eq!(finder.offered(), 1);
    }

    #[test]
    fn typing_on_narrows_to_what_a_fresh_search_finds() {
        // Many labels, so that the parallel path runs too.
        let items: Vec<FinderItem> = (0..5000)
            .map(|i| FinderItem {
                target: Target::Article(i),
                label: format!(
                    "Report {i} from Aleppo{}",
                    if i % 3 == 0 { " Ab" } else { "" }
                ),
                detail: String::new(),
                bonus: (i % 7) as i64,
            })
            .collect();
        let items = Arc::new(FinderItems::new(items));
        let mut typed = Finder::over(items.clone(), FinderPurpose::Jump);
        for c in "ep 12 lpA".chars() {
            typed.push(c);
            let mut fresh = Finder::over(items.clone(), FinderPurpose::Jump);
            fresh.query = typed.query.clone();
            fresh.refilter(false);
            // The ranked matches alike, the rest the same set.
            let split = |f: &Finder| {
                let ranked: Vec<FinderMatch> =
                    (0..f.ranked).filter_map(|i| f.listed(i)).copied().collect();
                (ranked, f.matches.clone())
            };
            assert_eq!(split(&typed), split(&fresh), "after {:?}", typed.query);
        }
        assert!(typed.match_count() > 0);
    }

    #[test]
    fn cursor_stays_within_the_matches() {
        let mut finder = Finder::new(&index(), FinderPurpose::Jump);
        assert!(!finder.move_cursor(-1));
        assert!(finder.move_cursor(5));
        assert_eq!(finder.cursor, 2);
        finder.push('z');
        finder.push('z');
        assert_eq!(finder.selected(), None);
        assert!(!finder.move_cursor(1));
    }

    #[test]
    fn walking_down_meets_the_matches_in_full_order() {
        // Far more matches than are ranked at once: each step down must
        // still meet them in the order a full sort gives.
        let items: Vec<FinderItem> = (0..3000)
            .map(|i| FinderItem {
                target: Target::Article(i),
                label: format!("{} report {i}", ["Aleppo", "talks", "Paris", "rain"][i % 4]),
                detail: String::new(),
                bonus: (i % 7) as i64,
            })
            .collect();
        let mut expected: Vec<(bool, std::cmp::Reverse<i64>, usize)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let score = Query::new("a").score(&item.label)? + item.bonus;
                let weak = !holds_at_word_start(&item.label, "a");
                Some((weak, std::cmp::Reverse(score), i))
            })
            .collect();
        expected.sort();
        let mut finder = Finder::over(Arc::new(FinderItems::new(items)), FinderPurpose::Jump);
        finder.push('a');
        assert_eq!(finder.rows(), expected.len());
        assert!(expected.len() > 2 * RANKED_AHEAD);
        let mut walked = Vec::new();
        loop {
            walked.push(finder.selected());
            if !finder.move_cursor(1) {
                break;
            }
        }
        let expected: Vec<Option<Target>> = expected
            .iter()
            .map(|&(_, _, i)| Some(Target::Article(i)))
            .collect();
        assert_eq!(walked, expected);
    }

    #[test]
    fn one_letter_finds_word_starts_as_the_full_test_does() {
        let labels = ["al-Nusra", "Aleppo 2-1", "xa", "Émile a", "N-2", "-x"];
        let items: Vec<FinderItem> = labels
            .iter()
            .enumerate()
            .map(|(i, label)| FinderItem {
                target: Target::Article(i),
                label: label.to_string(),
                detail: String::new(),
                bonus: 0,
            })
            .collect();
        let items = Arc::new(FinderItems::new(items));
        for typed in ["a", "-", "2", "N", "n", "x", "é"] {
            let mut finder = Finder::over(items.clone(), FinderPurpose::Jump);
            finder.push(typed.chars().next().unwrap());
            for m in &finder.matches {
                let label = &items[m.item].label;
                let expected = !holds_at_word_start(label, &typed.to_lowercase());
                assert_eq!(m.weak, expected, "{typed:?} in {label:?}");
            }
        }
    }

    #[test]
    fn labels_holding_the_query_at_a_word_start() {
        assert!(holds_at_word_start("Jabhat al-Nusra", "nus"));
        assert!(holds_at_word_start("Jabhat al-Nusra", "jabhat al"));
        assert!(!holds_at_word_start("Jabhat al-Nusra", "usra"));
        assert!(!holds_at_word_start("Nu", "nusra"));
        assert!(holds_at_word_start("xa aleppo", "al"));
        assert!(!holds_at_word_start("xa", "a"));
        assert!(holds_at_word_start("anything", ""));
        assert!(holds_at_word_start("Émile Zola", "émile"));
        assert!(!holds_at_word_start("Émile Zola", "mile"));
    }

    #[test]
    fn popularity_orders_equal_matches_but_is_bounded() {
        assert!(popularity_bonus(146) > popularity_bonus(1));
        assert_eq!(popularity_bonus(1_000_000), 40);
        assert_eq!(popularity_bonus(0), 0);
    }
}
