//! The analysed corpus: articles, their mentions, and for each actor every
//! mention of it across the corpus.

use std::collections::BTreeSet;
use std::ops::Range;

use rayon::prelude::*;

use crate::analysis::resolve::{self, Actor, Resolution};
use crate::analysis::{self, AnalyzedText, EntityTagger, Mention, lexicon::Lexicon};
use crate::corpus::{Article, Corpus, LoadIssue};

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
    pub articles: Vec<Article>,
    /// Parallel to `articles`.
    pub analyses: Vec<AnalyzedText>,
    pub actors: Vec<Actor>,
    /// `mention_actor[a][m]` is the actor of mention `m` of article `a`.
    pub mention_actor: Vec<Vec<ActorId>>,
    /// Problems met while loading the corpus.
    pub issues: Vec<LoadIssue>,
    /// Every mention of each actor, in corpus order (article, then position).
    actor_mentions: Vec<Vec<MentionRef>>,
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
        on_stage(BuildStage::Resolving);
        let texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
        let resolution = resolve::resolve(&texts, &analyses, lexicon);
        on_stage(BuildStage::Indexing);
        CorpusIndex::from_parts(corpus, analyses, resolution)
    }

    /// Assembles an index from already computed parts.
    pub fn from_parts(
        corpus: Corpus,
        analyses: Vec<AnalyzedText>,
        resolution: Resolution,
    ) -> CorpusIndex {
        assert_eq!(
            corpus.articles.len(),
            analyses.len(),
            "one analysis per article"
        );
        let mut actor_mentions = vec![Vec::new(); resolution.actors.len()];
        for (article, actors) in resolution.mention_actor.iter().enumerate() {
            assert_eq!(
                actors.len(),
                analyses[article].mentions.len(),
                "one actor per mention"
            );
            for (mention, &actor) in actors.iter().enumerate() {
                actor_mentions[actor].push(MentionRef { article, mention });
            }
        }
        CorpusIndex {
            articles: corpus.articles,
            analyses,
            actors: resolution.actors,
            mention_actor: resolution.mention_actor,
            issues: corpus.issues,
            actor_mentions,
        }
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

    /// The source an article is shown under ("unknown source" when none is known).
    pub fn source_label(&self, article: usize) -> &str {
        self.articles[article]
            .source
            .as_deref()
            .unwrap_or("unknown source")
    }

    /// How many distinct sources mention `actor`.
    pub fn source_count(&self, actor: ActorId) -> usize {
        self.mentions_of(actor)
            .iter()
            .map(|r| self.source_label(r.article))
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// How many articles mention `actor`.
    pub fn article_count(&self, actor: ActorId) -> usize {
        let mut articles: Vec<usize> = self.mentions_of(actor).iter().map(|r| r.article).collect();
        articles.dedup();
        articles.len()
    }
}
