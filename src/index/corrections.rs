//! Corrections to actor linking made by the reader: merging one actor into
//! another, and splitting a mention or a surface form out of an actor.
//!
//! Corrections name actors by their stable ids and mentions by article and
//! byte offsets, never by position in a list, so that they still apply after
//! the corpus is analysed again. They are applied in order to the resolution
//! the analysis produced; an operation whose actor or mention no longer
//! exists is skipped and reported, never a failure.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analysis::AnalyzedText;
use crate::analysis::resolve::{Actor, Resolution};

/// One correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Correction {
    /// Every mention of `actor` becomes a mention of `into`; `into` keeps its id.
    Merge { actor: String, into: String },
    /// The mention at `start..end` of the article `path` leaves its actor for
    /// an actor of its own.
    SplitMention {
        path: String,
        start: usize,
        end: usize,
    },
    /// Every mention of `actor` that reads `alias` leaves it for an actor of
    /// its own.
    SplitAlias { actor: String, alias: String },
}

/// The corrections of one corpus, in the order they were made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corrections {
    pub ops: Vec<Correction>,
    /// Where each op is kept, parallel to `ops` (missing entries are ops
    /// not saved yet): whoever saves the log learns from it what to add and
    /// what to remove, and undo from it whose ops are whose.
    #[serde(skip)]
    pub saved: Vec<Saved>,
}

/// Where a correction is kept, once it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Saved {
    /// Its key in the store; `None` until saved.
    pub id: Option<i64>,
    /// Made by another reader while this one was open: undo leaves it alone.
    pub theirs: bool,
}

impl Corrections {
    pub fn new(ops: Vec<Correction>) -> Corrections {
        Corrections {
            ops,
            saved: Vec::new(),
        }
    }

    /// Where op `i` is kept.
    pub fn saved(&self, i: usize) -> Saved {
        self.saved.get(i).copied().unwrap_or_default()
    }

    /// Adds `op` at the end, not saved yet.
    pub fn push(&mut self, op: Correction) {
        self.saved.resize(self.ops.len(), Saved::default());
        self.ops.push(op);
        self.saved.push(Saved::default());
    }

    /// Removes the last op this reader may undo (any but those another
    /// reader made while this one was open); the op removed.
    pub fn undo(&mut self) -> Option<Correction> {
        self.saved.resize(self.ops.len(), Saved::default());
        let last = (0..self.ops.len()).rev().find(|&i| !self.saved[i].theirs)?;
        self.saved.remove(last);
        Some(self.ops.remove(last))
    }
}

/// An operation that did not apply, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Index into [`Corrections::ops`].
    pub op: usize,
    pub reason: String,
}

/// What applying corrections did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplyReport {
    pub applied: usize,
    pub skipped: Vec<Skipped>,
}

/// An article as corrections see it: the key its mentions are referred to
/// by, its text, and its analysis.
#[derive(Debug, Clone, Copy)]
pub struct ArticleRef<'a> {
    pub key: &'a str,
    pub text: &'a str,
    pub analysis: &'a AnalyzedText,
}

/// The id of the actor split out of actor `id` under the name `name`:
/// derived from both, so it is the same on every run.
pub fn split_id(id: &str, name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    format!("{id}/split:{}", if slug.is_empty() { "_" } else { slug })
}

/// Applies `ops` in order to `base`; `articles` are parallel to
/// `base.mention_actor`.
pub fn apply(
    base: &Resolution,
    articles: &[ArticleRef<'_>],
    ops: &[Correction],
) -> (Resolution, ApplyReport) {
    let mut work = Work::new(base, articles);
    let mut report = ApplyReport::default();
    for (i, op) in ops.iter().enumerate() {
        match work.apply(op) {
            Ok(()) => report.applied += 1,
            Err(reason) => report.skipped.push(Skipped { op: i, reason }),
        }
    }
    (work.finish(), report)
}

/// A resolution being corrected: actors removed by a merge leave a hole
/// until the end, so that indices stay valid in between.
struct Work<'a> {
    articles: &'a [ArticleRef<'a>],
    by_key: HashMap<&'a str, usize>,
    actors: Vec<Option<Actor>>,
    by_id: HashMap<String, usize>,
    mention_actor: Vec<Vec<usize>>,
}

impl<'a> Work<'a> {
    fn new(base: &Resolution, articles: &'a [ArticleRef<'a>]) -> Work<'a> {
        Work {
            articles,
            by_key: articles
                .iter()
                .enumerate()
                .map(|(i, a)| (a.key, i))
                .collect(),
            actors: base.actors.iter().cloned().map(Some).collect(),
            by_id: base
                .actors
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id.clone(), i))
                .collect(),
            mention_actor: base.mention_actor.clone(),
        }
    }

    fn actor(&self, id: &str) -> Result<usize, String> {
        self.by_id
            .get(id)
            .copied()
            .ok_or_else(|| format!("no actor {id}"))
    }

    fn actor_ref(&self, i: usize) -> &Actor {
        self.actors[i].as_ref().expect("live actor")
    }

    fn surface(&self, article: usize, mention: usize) -> &'a str {
        let m = &self.articles[article].analysis.mentions[mention];
        &self.articles[article].text[m.start..m.end]
    }

    /// Every mention of actor `i` for which `pick(article, mention)` holds.
    fn mentions_where(&self, i: usize, pick: impl Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (a, actors) in self.mention_actor.iter().enumerate() {
            for (m, &actor) in actors.iter().enumerate() {
                if actor == i && pick(a, m) {
                    out.push((a, m));
                }
            }
        }
        out
    }

    fn apply(&mut self, op: &Correction) -> Result<(), String> {
        match op {
            Correction::Merge { actor, into } => self.merge(actor, into),
            Correction::SplitMention { path, start, end } => {
                let &article = self
                    .by_key
                    .get(path.as_str())
                    .ok_or_else(|| format!("no article {path}"))?;
                let mention = self.articles[article]
                    .analysis
                    .mentions
                    .iter()
                    .position(|m| m.start == *start && m.end == *end)
                    .ok_or_else(|| format!("no mention at {path}:{start}-{end}"))?;
                let from = self.mention_actor[article][mention];
                self.split(from, vec![(article, mention)])
            }
            Correction::SplitAlias { actor, alias } => {
                let from = self.actor(actor)?;
                let moving = self.mentions_where(from, |a, m| self.surface(a, m) == alias);
                if moving.is_empty() {
                    return Err(format!("no mention of {actor} reads {alias:?}"));
                }
                self.split(from, moving)
            }
        }
    }

    fn merge(&mut self, actor: &str, into: &str) -> Result<(), String> {
        let from = self.actor(actor)?;
        let to = self.actor(into)?;
        if from == to {
            return Err(format!("{actor} cannot merge into itself"));
        }
        for actors in &mut self.mention_actor {
            for a in actors.iter_mut().filter(|a| **a == from) {
                *a = to;
            }
        }
        let gone = self.actors[from].take().expect("live actor");
        self.by_id.remove(&gone.id);
        let target = self.actors[to].as_mut().expect("live actor");
        for alias in gone.aliases {
            if !target.aliases.contains(&alias) {
                target.aliases.push(alias);
            }
        }
        for descriptor in gone.descriptors {
            if !target.descriptors.contains(&descriptor) {
                target.descriptors.push(descriptor);
            }
        }
        Ok(())
    }

    /// Moves `moving` (mentions of actor `from`, all reading the same) to the
    /// actor split out of `from` under that name, made when needed.
    fn split(&mut self, from: usize, moving: Vec<(usize, usize)>) -> Result<(), String> {
        let total = self.mentions_where(from, |_, _| true).len();
        let (article, mention) = moving[0];
        let name = self.surface(article, mention);
        let source = self.actor_ref(from);
        if moving.len() == total {
            return Err(format!(
                "{} has no other mention: nothing to split",
                source.id
            ));
        }
        let id = split_id(&source.id, name);
        let to = match self.by_id.get(&id) {
            Some(&to) => to,
            None => {
                let kind = self.articles[article].analysis.mentions[mention].kind;
                self.actors.push(Some(Actor {
                    id: id.clone(),
                    name: name.to_string(),
                    kind,
                    aliases: vec![name.to_string()],
                    descriptors: Vec::new(),
                }));
                self.by_id.insert(id, self.actors.len() - 1);
                self.actors.len() - 1
            }
        };
        for &(a, m) in &moving {
            self.mention_actor[a][m] = to;
        }
        // The source keeps the name only while some mention still reads it.
        if self
            .mentions_where(from, |a, m| self.surface(a, m) == name)
            .is_empty()
        {
            let source = self.actors[from].as_mut().expect("live actor");
            source.aliases.retain(|alias| alias != name);
        }
        Ok(())
    }

    /// The resolution without the holes merges left.
    fn finish(self) -> Resolution {
        let mut new_index = vec![usize::MAX; self.actors.len()];
        let mut actors = Vec::new();
        for (old, actor) in self.actors.into_iter().enumerate() {
            if let Some(actor) = actor {
                new_index[old] = actors.len();
                actors.push(actor);
            }
        }
        let mention_actor = self
            .mention_actor
            .into_iter()
            .map(|actors| actors.into_iter().map(|a| new_index[a]).collect())
            .collect();
        Resolution {
            actors,
            mention_actor,
            found: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{EntityKind, Mention};

    const TEXTS: [&str; 2] = [
        "Nusra left Aleppo. Jabhat al-Nusra said Nusra would stay.",
        "Jabhat Fateh al-Sham left Aleppo. Ryabkov spoke.",
    ];

    /// Mentions of `forms` in `text`, in text order, with their actor index.
    fn found(text: &str, forms: &[(&str, usize, EntityKind)]) -> Vec<(Mention, usize)> {
        let mut out: Vec<(Mention, usize)> = Vec::new();
        for &(form, actor, kind) in forms {
            for (start, _) in text.match_indices(form) {
                let inside = out.iter().any(|(m, _)| m.start <= start && start < m.end);
                if !inside {
                    let mention = Mention {
                        start,
                        end: start + form.len(),
                        kind,
                        sentence: 0,
                    };
                    out.push((mention, actor));
                }
            }
        }
        out.sort_by_key(|(m, _)| m.start);
        out
    }

    fn fixture() -> (Resolution, Vec<AnalyzedText>) {
        use EntityKind::*;
        let forms = [
            ("Jabhat al-Nusra", 0, Organisation),
            ("Nusra", 0, Organisation),
            ("Jabhat Fateh al-Sham", 1, Organisation),
            ("Aleppo", 2, Location),
            ("Ryabkov", 3, Person),
        ];
        let actor = |id: &str, name: &str, kind, aliases: &[&str]| Actor {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            descriptors: Vec::new(),
        };
        let mut analyses = Vec::new();
        let mut mention_actor = Vec::new();
        for text in TEXTS {
            let found = found(text, &forms);
            analyses.push(AnalyzedText {
                mentions: found.iter().map(|(m, _)| m.clone()).collect(),
                ..AnalyzedText::default()
            });
            mention_actor.push(found.iter().map(|(_, a)| *a).collect());
        }
        let actors = vec![
            actor(
                "org:jabhat-al-nusra",
                "Jabhat al-Nusra",
                Organisation,
                &["Nusra", "Jabhat al-Nusra"],
            ),
            actor(
                "org:jabhat-fateh-al-sham",
                "Jabhat Fateh al-Sham",
                Organisation,
                &["Jabhat Fateh al-Sham"],
            ),
            actor("loc:aleppo", "Aleppo", Location, &["Aleppo"]),
            actor("per:ryabkov", "Ryabkov", Person, &["Ryabkov"]),
        ];
        (
            Resolution {
                actors,
                mention_actor,
                found: Vec::new(),
            },
            analyses,
        )
    }

    fn run(ops: &[Correction]) -> (Resolution, ApplyReport) {
        let (base, analyses) = fixture();
        let keys = ["a.txt", "b.txt"];
        let articles: Vec<ArticleRef> = (0..2)
            .map(|i| ArticleRef {
                key: keys[i],
                text: TEXTS[i],
                analysis: &analyses[i],
            })
            .collect();
        apply(&base, &articles, ops)
    }

    /// The surface forms of each actor's mentions, by actor id.
    fn forms_of(resolution: &Resolution, id: &str) -> Vec<String> {
        let (_, analyses) = fixture();
        let actor = resolution
            .actors
            .iter()
            .position(|a| a.id == id)
            .unwrap_or_else(|| panic!("no actor {id}"));
        let mut out = Vec::new();
        for (a, actors) in resolution.mention_actor.iter().enumerate() {
            for (m, &x) in actors.iter().enumerate() {
                if x == actor {
                    let mention = &analyses[a].mentions[m];
                    out.push(TEXTS[a][mention.start..mention.end].to_string());
                }
            }
        }
        out
    }

    fn merge(actor: &str, into: &str) -> Correction {
        Correction::Merge {
            actor: actor.into(),
            into: into.into(),
        }
    }

    #[test]
    fn no_corrections_leave_the_resolution_as_it_was() {
        let (resolution, report) = run(&[]);
        assert_eq!(resolution.actors, fixture().0.actors);
        assert_eq!(resolution.mention_actor, fixture().0.mention_actor);
        assert_eq!(report, ApplyReport::default());
    }

    #[test]
    fn merge_moves_every_mention_and_keeps_the_target_id() {
        let (resolution, report) = run(&[merge("org:jabhat-fateh-al-sham", "org:jabhat-al-nusra")]);
        assert_eq!(report.applied, 1);
        assert_eq!(resolution.actors.len(), 3);
        assert!(
            !resolution
                .actors
                .iter()
                .any(|a| a.id == "org:jabhat-fateh-al-sham")
        );
        assert_eq!(
            forms_of(&resolution, "org:jabhat-al-nusra"),
            ["Nusra", "Jabhat al-Nusra", "Nusra", "Jabhat Fateh al-Sham"]
        );
        let nusra = &resolution.actors[0];
        assert_eq!(nusra.name, "Jabhat al-Nusra");
        assert!(nusra.aliases.contains(&"Jabhat Fateh al-Sham".to_string()));
        // Indices past the removed actor moved down by one.
        assert_eq!(forms_of(&resolution, "per:ryabkov"), ["Ryabkov"]);
    }

    #[test]
    fn split_mention_makes_an_actor_of_its_own() {
        let start = TEXTS[0].rfind("Nusra").unwrap();
        let op = Correction::SplitMention {
            path: "a.txt".into(),
            start,
            end: start + 5,
        };
        let (resolution, report) = run(std::slice::from_ref(&op));
        assert_eq!(report.applied, 1);
        assert_eq!(
            forms_of(&resolution, "org:jabhat-al-nusra"),
            ["Nusra", "Jabhat al-Nusra"]
        );
        let id = "org:jabhat-al-nusra/split:nusra";
        assert_eq!(forms_of(&resolution, id), ["Nusra"]);
        let split = resolution.actors.iter().find(|a| a.id == id).unwrap();
        assert_eq!(split.kind, EntityKind::Organisation);
        // The other "Nusra" still belongs to the group, so the alias stays.
        assert!(resolution.actors[0].aliases.contains(&"Nusra".to_string()));
        // Splitting the second "Nusra" too joins the same split-out actor.
        let first = TEXTS[0].find("Nusra").unwrap();
        let second = Correction::SplitMention {
            path: "a.txt".into(),
            start: first,
            end: first + 5,
        };
        let (resolution, _) = run(&[op, second]);
        assert_eq!(forms_of(&resolution, id), ["Nusra", "Nusra"]);
        assert_eq!(resolution.actors[0].aliases, ["Jabhat al-Nusra"]);
    }

    #[test]
    fn split_alias_moves_every_mention_that_reads_it() {
        let op = Correction::SplitAlias {
            actor: "org:jabhat-al-nusra".into(),
            alias: "Nusra".into(),
        };
        let (resolution, report) = run(&[op]);
        assert_eq!(report.applied, 1);
        assert_eq!(
            forms_of(&resolution, "org:jabhat-al-nusra"),
            ["Jabhat al-Nusra"]
        );
        assert_eq!(
            forms_of(&resolution, "org:jabhat-al-nusra/split:nusra"),
            ["Nusra", "Nusra"]
        );
        assert_eq!(resolution.actors[0].aliases, ["Jabhat al-Nusra"]);
    }

    #[test]
    fn undo_is_applying_one_operation_less() {
        let ops = vec![
            merge("org:jabhat-fateh-al-sham", "org:jabhat-al-nusra"),
            Correction::SplitAlias {
                actor: "org:jabhat-al-nusra".into(),
                alias: "Jabhat Fateh al-Sham".into(),
            },
        ];
        let (both, _) = run(&ops);
        assert_eq!(
            forms_of(&both, "org:jabhat-al-nusra/split:jabhat-fateh-al-sham"),
            ["Jabhat Fateh al-Sham"]
        );
        let (undone, _) = run(&ops[..1]);
        let (merged, _) = run(&[ops[0].clone()]);
        assert_eq!(undone.actors, merged.actors);
        assert_eq!(undone.mention_actor, merged.mention_actor);
        let (none, _) = run(&ops[..0]);
        assert_eq!(none.actors, fixture().0.actors);
    }

    #[test]
    fn stale_operations_are_skipped_and_reported() {
        let ops = vec![
            merge("org:gone", "org:jabhat-al-nusra"),
            merge("loc:aleppo", "loc:aleppo"),
            Correction::SplitMention {
                path: "a.txt".into(),
                start: 1,
                end: 3,
            },
            Correction::SplitMention {
                path: "missing.txt".into(),
                start: 0,
                end: 5,
            },
            Correction::SplitAlias {
                actor: "loc:aleppo".into(),
                alias: "Halab".into(),
            },
            // Aleppo is all one name: nothing would be left behind.
            Correction::SplitAlias {
                actor: "loc:aleppo".into(),
                alias: "Aleppo".into(),
            },
            merge("per:ryabkov", "loc:aleppo"),
        ];
        let (resolution, report) = run(&ops);
        assert_eq!(report.applied, 1);
        let skipped: Vec<usize> = report.skipped.iter().map(|s| s.op).collect();
        assert_eq!(skipped, [0, 1, 2, 3, 4, 5]);
        assert!(report.skipped[0].reason.contains("org:gone"));
        assert_eq!(
            forms_of(&resolution, "loc:aleppo"),
            ["Aleppo", "Aleppo", "Ryabkov"]
        );
    }

    #[test]
    fn split_ids_are_derived_from_the_actor_and_the_name() {
        assert_eq!(
            split_id("per:sergey-ryabkov", "Ryabkov's"),
            "per:sergey-ryabkov/split:ryabkov-s"
        );
        assert_eq!(
            split_id("org:x", "Al-Qaïda  (AQ)"),
            "org:x/split:al-qaïda-aq"
        );
        assert_eq!(split_id("org:x", "--"), "org:x/split:_");
    }
}
