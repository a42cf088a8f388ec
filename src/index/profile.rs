//! How each source names and describes one actor, side by side: what the
//! actor page shows and `extract` exports. A profile is built from the
//! actor's own mentions only, so opening one never walks the corpus.

use std::collections::HashMap;

use super::{ActorId, CorpusIndex, MentionRef};
use crate::analysis::descriptors::{DescriptorKind, group_key};

/// Where a descriptor was read: a byte range of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    pub article: usize,
    pub start: usize,
    pub end: usize,
}

/// One descriptor as a source uses it, near-duplicates grouped.
#[derive(Debug, Clone, PartialEq)]
pub struct DescriptorCount {
    /// The form shown: the most frequent surface form, in the case written.
    pub text: String,
    pub kind: DescriptorKind,
    pub count: usize,
    /// The first place the form shown was read.
    pub example: Example,
    /// The mentions it describes, in corpus order.
    pub mentions: Vec<MentionRef>,
    /// How much more this source uses it than the actor's other sources do.
    pub distinctiveness: f64,
}

/// A name a source uses for the actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameCount {
    pub text: String,
    pub mentions: Vec<MentionRef>,
}

/// One source's view of an actor.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceProfile {
    /// The source label, bracketed for stand-ins ("[folder 1]").
    pub source: String,
    /// Most used first.
    pub names: Vec<NameCount>,
    /// Most distinctive for this source first.
    pub descriptors: Vec<DescriptorCount>,
    /// In corpus order.
    pub mentions: Vec<MentionRef>,
    pub articles: usize,
    /// The earliest and latest article dates (ISO), when articles have any.
    pub first: Option<String>,
    pub last: Option<String>,
}

/// Everything the actor page shows about one actor.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActorProfile {
    pub actor: ActorId,
    /// Aliases with how often each is used, most used first.
    pub aliases: Vec<NameCount>,
    /// One per source, in source label order.
    pub sources: Vec<SourceProfile>,
    /// Actors named in the same sentences, with how many of the actor's
    /// mentions they share a sentence with, most first.
    pub co_mentioned: Vec<(ActorId, Vec<MentionRef>)>,
    /// Mentions per article date, in date order; undated articles are left out.
    pub timeline: Vec<(String, Vec<MentionRef>)>,
}

/// How many co-mentioned actors a profile keeps.
const CO_MENTIONED_MAX: usize = 20;

fn add_name(names: &mut Vec<NameCount>, text: &str, r: MentionRef) {
    match names.iter_mut().find(|n| n.text == text) {
        Some(n) => n.mentions.push(r),
        None => names.push(NameCount {
            text: text.to_string(),
            mentions: vec![r],
        }),
    }
}

fn by_use(names: &mut [NameCount]) {
    names.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.text.cmp(&b.text))
    });
}

/// A descriptor group while counting: surface forms with their counts.
struct Group {
    kind: DescriptorKind,
    /// Each surface form, how often it is used and where first.
    forms: Vec<(String, usize, Example)>,
    mentions: Vec<MentionRef>,
}

impl CorpusIndex {
    /// The descriptors of mention `r`: kind and byte range in its article.
    pub fn descriptors_of(
        &self,
        r: MentionRef,
    ) -> impl Iterator<Item = &crate::analysis::descriptors::Descriptor> {
        let list = &self.descriptors[r.article];
        let from = list.partition_point(|d| d.mention < r.mention);
        list[from..]
            .iter()
            .take_while(move |d| d.mention == r.mention)
    }

    /// How each source names and describes `actor`.
    pub fn profile(&self, actor: ActorId) -> ActorProfile {
        let mentions = self.mentions_by_source(actor);
        let mut aliases = Vec::new();
        let mut sources: Vec<SourceProfile> = Vec::new();
        // Per source, descriptor groups by key, in order of first use.
        let mut groups: Vec<Vec<(String, Group)>> = Vec::new();
        // Where each key is in the current source's groups.
        let mut group_at: HashMap<String, usize> = HashMap::new();
        let mut timeline: HashMap<&str, Vec<MentionRef>> = HashMap::new();
        let mut co: HashMap<ActorId, Vec<MentionRef>> = HashMap::new();
        let mut last_rank = None;
        for &r in &mentions {
            let rank = self.source_rank(r.article);
            if last_rank != Some(rank) {
                last_rank = Some(rank);
                sources.push(SourceProfile {
                    source: self.source_label(r.article).to_string(),
                    names: Vec::new(),
                    descriptors: Vec::new(),
                    mentions: Vec::new(),
                    articles: 0,
                    first: None,
                    last: None,
                });
                groups.push(Vec::new());
                group_at.clear();
            }
            let source = sources.last_mut().expect("pushed above");
            let text = self.mention_text(r);
            add_name(&mut aliases, text, r);
            add_name(&mut source.names, text, r);
            if source
                .mentions
                .last()
                .is_none_or(|p| p.article != r.article)
            {
                source.articles += 1;
                if let Some(date) = self.articles[r.article].date.as_deref() {
                    if source.first.as_deref().is_none_or(|f| date < f) {
                        source.first = Some(date.to_string());
                    }
                    if source.last.as_deref().is_none_or(|l| date > l) {
                        source.last = Some(date.to_string());
                    }
                }
            }
            source.mentions.push(r);
            if let Some(date) = self.articles[r.article].date.as_deref() {
                timeline.entry(date).or_default().push(r);
            }
            let article_text = &self.articles[r.article].text;
            let source_groups = groups.last_mut().expect("pushed above");
            for d in self.descriptors_of(r) {
                let form = &article_text[d.start..d.end];
                let key = group_key(form);
                let at = match group_at.get(&key) {
                    Some(&at) => at,
                    None => {
                        group_at.insert(key.clone(), source_groups.len());
                        source_groups.push((
                            key,
                            Group {
                                kind: d.kind,
                                forms: Vec::new(),
                                mentions: Vec::new(),
                            },
                        ));
                        source_groups.len() - 1
                    }
                };
                let group = &mut source_groups[at].1;
                match group.forms.iter_mut().find(|(f, _, _)| f == form) {
                    Some((_, n, _)) => *n += 1,
                    None => {
                        let example = Example {
                            article: r.article,
                            start: d.start,
                            end: d.end,
                        };
                        group.forms.push((form.to_string(), 1, example))
                    }
                }
                if group.mentions.last() != Some(&r) {
                    group.mentions.push(r);
                }
            }
            // Co-mentions: the other actors of the same sentence.
            let analysis = &self.analyses[r.article];
            let sentence = analysis.mentions[r.mention].sentence;
            let from = analysis.mentions.partition_point(|m| m.sentence < sentence);
            for (j, m) in analysis.mentions[from..].iter().enumerate() {
                if m.sentence != sentence {
                    break;
                }
                let other = self.mention_actor[r.article][from + j];
                if other != actor {
                    let list = co.entry(other).or_default();
                    if list.last() != Some(&r) {
                        list.push(r);
                    }
                }
            }
        }
        // How often each descriptor key is used across all the sources.
        let mut totals: HashMap<&str, usize> = HashMap::new();
        for source_groups in &groups {
            for (key, group) in source_groups {
                *totals.entry(key.as_str()).or_default() += group.mentions.len();
            }
        }
        let many_sources = sources.len() > 1;
        for (source, source_groups) in sources.iter_mut().zip(&groups) {
            let mut list: Vec<DescriptorCount> = source_groups
                .iter()
                .map(|(key, group)| {
                    let count = group.mentions.len();
                    let total = totals[key.as_str()];
                    // Frequent here and rare elsewhere ranks first; with one
                    // source, plain frequency.
                    let share = if many_sources {
                        count as f64 / (total as f64 + 1.0)
                    } else {
                        1.0
                    };
                    // The form shown is the most used, its example its first use.
                    let (text, _, example) = group
                        .forms
                        .iter()
                        .min_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)))
                        .expect("a group has a form");
                    DescriptorCount {
                        text: text.clone(),
                        kind: group.kind,
                        count,
                        example: *example,
                        mentions: group.mentions.clone(),
                        distinctiveness: share * (1.0 + count as f64).ln(),
                    }
                })
                .collect();
            list.sort_by(|a, b| {
                b.distinctiveness
                    .total_cmp(&a.distinctiveness)
                    .then_with(|| b.count.cmp(&a.count))
                    .then_with(|| a.text.cmp(&b.text))
            });
            source.descriptors = list;
            by_use(&mut source.names);
        }
        by_use(&mut aliases);
        let mut co_mentioned: Vec<(ActorId, Vec<MentionRef>)> = co.into_iter().collect();
        for (_, list) in &mut co_mentioned {
            list.sort_by_key(|r| (self.source_rank(r.article), *r));
        }
        co_mentioned.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        co_mentioned.truncate(CO_MENTIONED_MAX);
        let mut timeline: Vec<(String, Vec<MentionRef>)> = timeline
            .into_iter()
            .map(|(date, list)| (date.to_string(), list))
            .collect();
        timeline.sort_by(|a, b| a.0.cmp(&b.0));
        ActorProfile {
            actor,
            aliases,
            sources,
            co_mentioned,
            timeline,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::lexicon::Lexicon;
    use crate::analysis::ner::HybridTagger;
    use crate::corpus;
    use crate::index::CorpusIndex;

    fn sample() -> CorpusIndex {
        CorpusIndex::build(
            corpus::load_sample(),
            HybridTagger::builtin(),
            Lexicon::builtin(),
        )
    }

    #[test]
    fn the_sample_group_is_named_and_framed_differently_by_each_source() {
        let index = sample();
        let nusra = index
            .actors
            .iter()
            .position(|a| a.aliases.iter().any(|n| n == "Jabhat al-Nusra"))
            .expect("Jabhat al-Nusra is an actor");
        let profile = index.profile(nusra);
        let sources: Vec<&str> = profile.sources.iter().map(|s| s.source.as_str()).collect();
        assert_eq!(sources, ["TASS", "Tasnim"]);
        let tass = &profile.sources[0];
        let tasnim = &profile.sources[1];
        assert!(tass.names.iter().any(|n| n.text == "Jabhat al-Nusra"));
        assert!(
            tasnim
                .names
                .iter()
                .any(|n| n.text == "Jabhat Fateh al-Sham")
        );
        assert!(
            tass.descriptors
                .iter()
                .any(|d| d.text == "terrorist group outlawed in Russia"),
            "{:?}",
            tass.descriptors
        );
        assert!(
            tasnim.descriptors.iter().any(|d| d.text == "terrorists"),
            "{:?}",
            tasnim.descriptors
        );
        for source in &profile.sources {
            for d in &source.descriptors {
                let e = d.example;
                assert_eq!(&index.articles[e.article].text[e.start..e.end], d.text);
            }
        }
    }

    #[test]
    fn counts_add_up_and_co_mentions_are_other_actors() {
        let index = sample();
        for actor in 0..index.actors.len() {
            let profile = index.profile(actor);
            let total: usize = profile.sources.iter().map(|s| s.mentions.len()).sum();
            assert_eq!(total, index.mentions_of(actor).len());
            let named: usize = profile.aliases.iter().map(|n| n.mentions.len()).sum();
            assert_eq!(named, total);
            assert!(profile.co_mentioned.iter().all(|(a, _)| *a != actor));
        }
    }
}
