//! The analysed corpus: articles, their mentions, and for each actor every
//! mention of it across the corpus.

pub mod corrections;
pub mod label;
pub mod profile;
pub mod search;

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use crate::analysis::descriptors::{self, Descriptor};
use crate::analysis::resolve::{self, Actor, Resolution};
use crate::analysis::{self, AnalyzedText, EntityTagger, Mention, lexicon::Lexicon};
use crate::corpus::{Article, Corpus, LoadIssue};
pub use corrections::{ApplyReport, Correction, Corrections, Saved};
pub use label::SourceLabel;

/// Index of an actor in [`CorpusIndex::actors`].
pub type ActorId = usize;

/// A mention, by article index and mention index within the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MentionRef {
    pub article: usize,
    pub mention: usize,
}

#[derive(Debug, Default)]
pub struct CorpusIndex {
    /// Shared, so that the texts shown while the corpus is analysed and the
    /// analysed index are one copy.
    pub articles: Arc<Vec<Article>>,
    /// Parallel to `articles`.
    pub analyses: Arc<Vec<AnalyzedText>>,
    /// How each article describes the actors it names, parallel to
    /// `articles`; each list in order of mention.
    descriptors: Arc<Vec<Vec<Descriptor>>>,
    pub actors: Vec<Actor>,
    /// `mention_actor[a][m]` is the actor of mention `m` of article `a`.
    pub mention_actor: Vec<Vec<ActorId>>,
    /// Problems met while loading the corpus.
    pub issues: Vec<LoadIssue>,
    /// What each article is listed under; parallel to `articles`.
    source_labels: Vec<SourceLabel>,
    /// Each article's place in the order of source labels (equal labels,
    /// equal rank), so that grouping mentions by source compares integers.
    source_ranks: Vec<u32>,
    /// How far each actor reaches, parallel to `actors`.
    actor_reach: Vec<Reach>,
    /// The source ranks (see [`CorpusIndex::source_rank`]) each actor is
    /// mentioned under, sorted: the actor overview filters by them.
    actor_sources: Vec<Vec<u32>>,
    /// One label per source rank.
    rank_labels: Vec<SourceLabel>,
    /// Every actor ranked by mentions, by sources and by articles (ties by
    /// mentions, then name), kept so the overview never sorts on a key.
    actor_order: [Vec<ActorId>; 3],
    /// Every mention of each actor, in corpus order (article, then position).
    actor_mentions: Vec<Vec<MentionRef>>,
    /// The resolution as analysis made it: corrections apply to it, so
    /// changing them never analyses the corpus again.
    base: Resolution,
    /// What corrections refer to each article by (its path unless set).
    article_keys: Vec<String>,
    corrections: Corrections,
}

/// What the actor overview ranks actors by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ranking {
    Mentions = 0,
    Sources = 1,
    Articles = 2,
}

impl Ranking {
    pub const ALL: [Ranking; 3] = [Ranking::Mentions, Ranking::Sources, Ranking::Articles];

    pub fn next(self) -> Ranking {
        Ranking::ALL[(self as usize + 1) % 3]
    }

    pub fn label(self) -> &'static str {
        match self {
            Ranking::Mentions => "mentions",
            Ranking::Sources => "sources",
            Ranking::Articles => "articles",
        }
    }
}

/// In how many articles and stated sources an actor is mentioned.
#[derive(Debug, Clone, Copy, Default)]
struct Reach {
    articles: usize,
    sources: usize,
}

/// A step of [`CorpusIndex::build_with_progress`], announced as it begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildStage {
    /// Tokenising and tagging every article.
    Analysing { articles: usize },
    /// Deciding which mentions are one actor.
    Resolving,
    /// Listing the mentions of every actor.
    Indexing,
}

/// Each label's place in sorted order, equal labels sharing one.
fn ranks(labels: &[SourceLabel]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| labels[a].cmp(&labels[b]));
    let mut ranks = vec![0u32; labels.len()];
    let mut rank = 0u32;
    for (i, &article) in order.iter().enumerate() {
        if i > 0 && labels[order[i - 1]] != labels[article] {
            rank += 1;
        }
        ranks[article] = rank;
    }
    ranks
}

impl CorpusIndex {
    /// Analyses every article (in parallel) and resolves their actors.
    pub fn build(corpus: Corpus, tagger: &dyn EntityTagger, lexicon: &Lexicon) -> CorpusIndex {
        CorpusIndex::build_with_progress(corpus, tagger, lexicon, |_| {})
    }

    /// [`CorpusIndex::build`], calling `on_stage` as each stage begins, so a
    /// caller can show progress or time the stages.
    pub fn build_with_progress(
        corpus: Corpus,
        tagger: &dyn EntityTagger,
        lexicon: &Lexicon,
        mut on_stage: impl FnMut(BuildStage),
    ) -> CorpusIndex {
        on_stage(BuildStage::Analysing {
            articles: corpus.articles.len(),
        });
        let analyses: Vec<AnalyzedText> = corpus
            .articles
            .par_iter()
            .map(|a| analysis::analyze(&a.text, tagger))
            .collect();
        tagger.release_memory();
        on_stage(BuildStage::Resolving);
        let texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
        let resolution = resolve::resolve(&texts, &analyses, lexicon);
        on_stage(BuildStage::Indexing);
        CorpusIndex::from_parts(corpus, analyses, resolution)
    }

    /// The texts of a corpus alone, not analysed yet: no mentions, no actors.
    /// The reader shows it while the analysis runs.
    pub fn texts_only(corpus: Corpus) -> CorpusIndex {
        CorpusIndex::texts_of(Arc::new(corpus.articles), corpus.issues)
    }

    /// [`CorpusIndex::texts_only`] over articles shared with whatever
    /// analyses them meanwhile.
    pub fn texts_of(articles: Arc<Vec<Article>>, issues: Vec<LoadIssue>) -> CorpusIndex {
        let n = articles.len();
        CorpusIndex::from_analysed(
            articles,
            issues,
            Arc::new(vec![AnalyzedText::default(); n]),
            Arc::new(vec![Vec::new(); n]),
            Resolution {
                actors: Vec::new(),
                mention_actor: vec![Vec::new(); n],
                found: Vec::new(),
            },
        )
    }

    /// Assembles an index from already computed parts; the mentions that
    /// linking found join the analyses.
    pub fn from_parts(
        corpus: Corpus,
        mut analyses: Vec<AnalyzedText>,
        mut resolution: Resolution,
    ) -> CorpusIndex {
        assert_eq!(
            corpus.articles.len(),
            analyses.len(),
            "one analysis per article"
        );
        resolution.settle(&mut analyses);
        let descriptors = corpus
            .articles
            .par_iter()
            .zip(&analyses)
            .map(|(a, analysis)| descriptors::describe(&a.text, analysis, Lexicon::builtin()))
            .collect();
        CorpusIndex::from_analysed(
            Arc::new(corpus.articles),
            corpus.issues,
            Arc::new(analyses),
            Arc::new(descriptors),
            resolution,
        )
    }

    /// Assembles an index from parts computed before, each article's
    /// descriptors among them (parallel to `articles`).
    pub fn from_analysed(
        articles: Arc<Vec<Article>>,
        issues: Vec<LoadIssue>,
        analyses: Arc<Vec<AnalyzedText>>,
        descriptors: Arc<Vec<Vec<Descriptor>>>,
        resolution: Resolution,
    ) -> CorpusIndex {
        assert_eq!(articles.len(), analyses.len(), "one analysis per article");
        assert_eq!(articles.len(), descriptors.len(), "descriptors per article");
        assert!(resolution.found.is_empty(), "found mentions settled");
        for (article, actors) in resolution.mention_actor.iter().enumerate() {
            assert_eq!(
                actors.len(),
                analyses[article].mentions.len(),
                "one actor per mention"
            );
        }
        let article_keys = articles.iter().map(|a| a.path.clone()).collect();
        let source_labels: Vec<SourceLabel> = articles.iter().map(SourceLabel::of).collect();
        let source_ranks = ranks(&source_labels);
        let mut index = CorpusIndex {
            articles,
            analyses,
            descriptors,
            actors: Vec::new(),
            mention_actor: Vec::new(),
            issues,
            source_labels,
            source_ranks,
            actor_reach: Vec::new(),
            actor_sources: Vec::new(),
            rank_labels: Vec::new(),
            actor_order: Default::default(),
            actor_mentions: Vec::new(),
            base: resolution.clone(),
            article_keys,
            corrections: Corrections::default(),
        };
        let mut rank_labels: Vec<(u32, &SourceLabel)> = index
            .source_ranks
            .iter()
            .copied()
            .zip(&index.source_labels)
            .collect();
        rank_labels.sort_by_key(|&(rank, _)| rank);
        rank_labels.dedup_by_key(|&mut (rank, _)| rank);
        index.rank_labels = rank_labels.into_iter().map(|(_, l)| l.clone()).collect();
        index.install(resolution);
        index
    }

    fn install(&mut self, resolution: Resolution) {
        let mut actor_mentions = vec![Vec::new(); resolution.actors.len()];
        for (article, actors) in resolution.mention_actor.iter().enumerate() {
            for (mention, &actor) in actors.iter().enumerate() {
                actor_mentions[actor].push(MentionRef { article, mention });
            }
        }
        self.actor_reach = actor_mentions.iter().map(|m| self.reach(m)).collect();
        self.actor_sources = actor_mentions
            .iter()
            .map(|m| {
                let mut ranks: Vec<u32> = m.iter().map(|r| self.source_ranks[r.article]).collect();
                ranks.sort_unstable();
                ranks.dedup();
                ranks
            })
            .collect();
        self.actors = resolution.actors;
        self.mention_actor = resolution.mention_actor;
        self.actor_mentions = actor_mentions;
        self.actor_order = Ranking::ALL.map(|ranking| {
            let mut order: Vec<ActorId> = (0..self.actors.len()).collect();
            order.sort_by_cached_key(|&a| {
                let key = match ranking {
                    Ranking::Mentions => self.actor_mentions[a].len(),
                    Ranking::Sources => self.actor_reach[a].sources,
                    Ranking::Articles => self.actor_reach[a].articles,
                };
                (
                    std::cmp::Reverse(key),
                    std::cmp::Reverse(self.actor_mentions[a].len()),
                    self.actors[a].name.to_lowercase(),
                )
            });
            order
        });
    }

    /// Sets what corrections call each article (parallel to `articles`), so
    /// that they survive the corpus being opened under another path.
    /// Corrections already made are applied again under the new keys.
    pub fn set_article_keys(&mut self, keys: Vec<String>) -> ApplyReport {
        assert_eq!(keys.len(), self.articles.len(), "one key per article");
        self.article_keys = keys;
        self.set_corrections(self.corrections.clone())
    }

    /// What corrections call article `article`.
    pub fn article_key(&self, article: usize) -> &str {
        &self.article_keys[article]
    }

    /// The corrections in effect.
    pub fn corrections(&self) -> &Corrections {
        &self.corrections
    }

    /// Replaces the corrections in effect: actors and their mentions are
    /// recomputed from the resolution analysis made. Actor indices may change.
    pub fn set_corrections(&mut self, corrections: Corrections) -> ApplyReport {
        let articles: Vec<corrections::ArticleRef> = (0..self.articles.len())
            .map(|i| corrections::ArticleRef {
                key: &self.article_keys[i],
                text: &self.articles[i].text,
                analysis: &self.analyses[i],
            })
            .collect();
        let (resolution, report) = corrections::apply(&self.base, &articles, &corrections.ops);
        self.install(resolution);
        self.corrections = corrections;
        report
    }

    /// Adds one correction. When it would change nothing (its actor or
    /// mention is gone, or nothing would be left to split from), it is not
    /// kept and the reason is returned.
    pub fn push_correction(&mut self, op: Correction) -> Result<(), String> {
        let before = self.corrections.clone();
        let mut next = before.clone();
        next.push(op);
        let last = next.ops.len() - 1;
        let report = self.set_corrections(next);
        match report.skipped.into_iter().find(|s| s.op == last) {
            Some(skipped) => {
                self.set_corrections(before);
                Err(skipped.reason)
            }
            None => Ok(()),
        }
    }

    /// Removes the last correction this reader may undo (not one another
    /// reader made meanwhile); the one removed, if any.
    pub fn undo_correction(&mut self) -> Option<Correction> {
        let mut kept = self.corrections.clone();
        let last = kept.undo()?;
        self.set_corrections(kept);
        Some(last)
    }

    /// Takes the log as saved: the same ops, now with their keys in the
    /// store. Nothing is recomputed.
    pub fn adopt_saved(&mut self, saved: Corrections) {
        debug_assert_eq!(saved.ops, self.corrections.ops);
        self.corrections = saved;
    }

    /// The actor whose stable id is `id`.
    pub fn actor_by_id(&self, id: &str) -> Option<ActorId> {
        self.actors.iter().position(|a| a.id == id)
    }

    pub fn mention(&self, r: MentionRef) -> &Mention {
        &self.analyses[r.article].mentions[r.mention]
    }

    pub fn actor_of(&self, r: MentionRef) -> ActorId {
        self.mention_actor[r.article][r.mention]
    }

    /// The text of a mention as it appears in its article.
    pub fn mention_text(&self, r: MentionRef) -> &str {
        let m = self.mention(r);
        &self.articles[r.article].text[m.start..m.end]
    }

    /// Every mention of `actor`, in corpus order.
    pub fn mentions_of(&self, actor: ActorId) -> &[MentionRef] {
        &self.actor_mentions[actor]
    }

    /// The sentence holding a mention, and the mention's byte range within it.
    pub fn context(&self, r: MentionRef) -> (&str, Range<usize>) {
        let analysis = &self.analyses[r.article];
        let m = &analysis.mentions[r.mention];
        let sentence = analysis.sentence_bytes(m.sentence);
        let text = &self.articles[r.article].text[sentence.clone()];
        (text, m.start - sentence.start..m.end - sentence.start)
    }

    /// The actors of an article with their mention counts, in order of first mention.
    pub fn article_actors(&self, article: usize) -> Vec<(ActorId, usize)> {
        let mut out: Vec<(ActorId, usize)> = Vec::new();
        for &actor in &self.mention_actor[article] {
            match out.iter_mut().find(|(a, _)| *a == actor) {
                Some((_, n)) => *n += 1,
                None => out.push((actor, 1)),
            }
        }
        out
    }

    /// What an article is listed and grouped under: its source, or a
    /// stand-in marked as one.
    pub fn source_label(&self, article: usize) -> &SourceLabel {
        &self.source_labels[article]
    }

    /// Where article `article` comes in the order of source labels: equal
    /// for equal labels, smaller for labels sorted first.
    pub fn source_rank(&self, article: usize) -> u32 {
        self.source_ranks[article]
    }

    /// Every actor, most mentioned (or in most sources, or articles) first.
    pub fn actors_ranked(&self, ranking: Ranking) -> &[ActorId] {
        &self.actor_order[ranking as usize]
    }

    /// Every source label, one per rank (index = rank).
    pub fn sources(&self) -> &[SourceLabel] {
        &self.rank_labels
    }

    /// The source ranks `actor` is mentioned under, in order.
    pub fn actor_sources(&self, actor: ActorId) -> &[u32] {
        &self.actor_sources[actor]
    }

    /// Every mention of `actor`, grouped by source (in label order), then
    /// by article and position.
    pub fn mentions_by_source(&self, actor: ActorId) -> Vec<MentionRef> {
        let mut mentions = self.actor_mentions[actor].clone();
        // Stable: corpus order is kept within a source.
        mentions.sort_by_key(|r| self.source_ranks[r.article]);
        mentions
    }

    /// How many distinct stated sources mention `actor` (stand-ins such as
    /// folders are not sources and are not counted).
    pub fn source_count(&self, actor: ActorId) -> usize {
        self.actor_reach[actor].sources
    }

    /// How many articles mention `actor`.
    pub fn article_count(&self, actor: ActorId) -> usize {
        self.actor_reach[actor].articles
    }

    /// Counted once per change of the actors, not per frame: the reader
    /// shows them on every row, and a big actor has tens of thousands of
    /// mentions.
    fn reach(&self, mentions: &[MentionRef]) -> Reach {
        let mut articles: Vec<usize> = mentions.iter().map(|r| r.article).collect();
        articles.dedup();
        let sources = mentions
            .iter()
            .map(|r| self.source_label(r.article))
            .filter(|label| label.stated)
            .map(|label| label.text.as_str())
            .collect::<BTreeSet<_>>()
            .len();
        Reach {
            articles: articles.len(),
            sources,
        }
    }
}
