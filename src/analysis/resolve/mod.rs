//! Actor resolution: decides which mentions refer to the same actor, within
//! an article and across the corpus.
//!
//! The steps, each in its own module:
//! 1. [`names`]: normalisation (case, diacritics, transliteration variants,
//!    hyphens, possessives, leading articles; honorifics become descriptors);
//! 2. [`local`]: within one article, mentions join the entity they refer to:
//!    the lexicon's known actors (countries by name, alternate name or
//!    demonym; organisations by alias), equal names, a surname or given name
//!    to the full name, an acronym to its expansion, a shorter sub-name to
//!    the longer name of the same type, and aliases stated in the text;
//! 3. [`global`]: across articles, entities merge by known actor, by equal
//!    full name within a type family, by compatible given names with the
//!    same surname, and a bare name attaches to the one full name it can
//!    mean, or, when several are possible, to the one whose articles share
//!    the most other actors with its own; otherwise it stays apart;
//! 4. [`known`]: names the corpus established as actors are found again
//!    where the tagger missed them, and join their actor.
//!
//! Metonymy is not resolved: "Moscow" stays the city, not the Russian
//! government, and "Washington" the city; demonyms do resolve to their
//! country ("Russian" -> Russia), since news uses them for the state.

mod global;
mod kind;
mod known;
pub(crate) mod local;
mod names;
mod orgs;
mod titles;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

pub use names::{abbreviates, is_acronym_of, normalize, split_honorifics};

use super::lexicon::Lexicon;
use super::{AnalyzedText, EntityKind, Mention};

/// An actor: everything the corpus calls by one identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// Stable identifier, derived from the type and canonical name ("loc:russia").
    pub id: String,
    /// The canonical name: the lexicon's, else the most complete, most frequent form.
    pub name: String,
    pub kind: EntityKind,
    /// Every surface form seen in the corpus, most frequent first.
    pub aliases: Vec<String>,
    /// How the texts describe the actor ("Russian Deputy Foreign Minister"),
    /// most frequent first.
    pub descriptors: Vec<String>,
}

/// The result of resolution: the actors, and the actor of every mention.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    pub actors: Vec<Actor>,
    /// `mention_actor[a][m]`: index into `actors` of mention `m` of article `a`.
    pub mention_actor: Vec<Vec<usize>>,
    /// Mentions that linking found and an article's analysis lacks (a name
    /// the corpus knows, where the tagger missed it), in text order, none
    /// overlapping another or any mention of the analysis but those it
    /// holds whole: empty, or one list per article. While they are
    /// here, `mention_actor[a]` gives the actors of the analysis's mentions,
    /// then of these; [`Resolution::settle`] moves them into the analyses.
    pub found: Vec<Vec<Mention>>,
}

impl Resolution {
    /// Moves the [`found`](Resolution::found) mentions into `analyses`
    /// (each article's mentions stay in text order, their actors with
    /// them); a found mention takes the place of those it holds
    /// ("Philadelphia" within "Philadelphia 76ers"). Returns the articles
    /// that changed, each with where its mentions went (`moved[m]`: the new
    /// index of mention `m`, `None` when a found one took its place).
    pub fn settle(&mut self, analyses: &mut [AnalyzedText]) -> Vec<(usize, Vec<Option<usize>>)> {
        let mut changed = Vec::new();
        for (a, found) in std::mem::take(&mut self.found).into_iter().enumerate() {
            if found.is_empty() {
                continue;
            }
            let analysis = &mut analyses[a];
            let actors = &mut self.mention_actor[a];
            let had = analysis.mentions.len();
            let mut all: Vec<(Mention, usize, usize)> = std::mem::take(&mut analysis.mentions)
                .into_iter()
                .chain(found)
                .zip(actors.iter().copied())
                .enumerate()
                .map(|(i, (m, actor))| (m, actor, i))
                .collect();
            // Found mentions first where two start together, so that the
            // one they hold is the one dropped.
            all.sort_by_key(|&(ref m, _, i)| (m.start, i < had));
            let mut end = 0;
            all.retain(|(m, _, i)| {
                let found = *i >= had;
                let keep = found || m.start >= end;
                if keep {
                    end = end.max(m.end);
                }
                keep
            });
            let mut moved = vec![None; had];
            for (new, &(_, _, old)) in all.iter().enumerate() {
                if old < had {
                    moved[old] = Some(new);
                }
            }
            (analysis.mentions, *actors) = all.into_iter().map(|(m, a, _)| (m, a)).unzip();
            changed.push((a, moved));
        }
        changed
    }
}

/// A known actor from the lexicon, by index into [`Knowledge::entries`].
type KnownId = usize;

/// The lexicon's actors, indexed by normalised form.
pub(crate) struct Knowledge {
    by_form: HashMap<String, KnownId>,
    /// (type, canonical name) of each known actor.
    entries: Vec<(EntityKind, String)>,
}

impl Knowledge {
    pub(crate) fn new(lexicon: &Lexicon) -> Knowledge {
        let mut knowledge = Knowledge {
            by_form: HashMap::new(),
            entries: Vec::new(),
        };
        for actor in &lexicon.actors {
            let forms = std::iter::once(&actor.name).chain(&actor.aliases);
            knowledge.add(actor.kind, &actor.name, forms);
        }
        for country in &lexicon.countries {
            let forms = std::iter::once(&country.name)
                .chain(&country.alternate_names)
                .chain(&country.demonyms);
            knowledge.add(EntityKind::Location, &country.name, forms);
        }
        knowledge
    }

    fn add<'a>(&mut self, kind: EntityKind, name: &str, forms: impl Iterator<Item = &'a String>) {
        let id = self.entries.len();
        self.entries.push((kind, name.to_string()));
        for form in forms {
            // The first actor to claim a form keeps it.
            self.by_form.entry(normalize(form)).or_insert(id);
        }
    }

    fn lookup(&self, norm: &str) -> Option<KnownId> {
        self.by_form.get(norm).copied()
    }
}

/// Resolves the mentions of every article (`texts[i]` analysed as `analyses[i]`).
pub fn resolve(texts: &[&str], analyses: &[AnalyzedText], lexicon: &Lexicon) -> Resolution {
    let knowledge = Knowledge::new(lexicon);
    // Articles are resolved on their own, so in parallel.
    let entities: Vec<Vec<local::Entity>> = texts
        .par_iter()
        .zip(analyses)
        .map(|(text, analysis)| local::resolve_article(text, analysis, &knowledge, lexicon))
        .collect();
    let mut resolution = global::link(&entities, texts, analyses, &knowledge, lexicon);
    let mut found = known::find(texts, analyses, &resolution);
    let titles = titles::find(texts, analyses, &resolution, &found, lexicon);
    for (found, titles) in found.iter_mut().zip(titles) {
        if !titles.is_empty() {
            found.extend(titles);
            found.sort_by_key(|(m, _)| m.start);
        }
    }
    if found.iter().any(|f| !f.is_empty()) {
        for (actors, found) in resolution.mention_actor.iter_mut().zip(&found) {
            actors.extend(found.iter().map(|(_, actor)| *actor));
        }
        resolution.found = found
            .into_iter()
            .map(|f| f.into_iter().map(|(m, _)| m).collect())
            .collect();
    }
    resolution
}

/// For tests: articles with the mentions a tagger gave them (`(name,
/// nth)` in each text, all of `kind`), resolved and settled.
#[cfg(test)]
pub(super) fn settled(
    articles: &[(&str, &[(&str, usize)])],
    kind: EntityKind,
) -> (Vec<AnalyzedText>, Resolution) {
    let texts: Vec<&str> = articles.iter().map(|(t, _)| *t).collect();
    let mut analyses: Vec<AnalyzedText> = articles
        .iter()
        .map(|(text, names)| {
            let mut analysis = AnalyzedText::untagged(text);
            for &(name, nth) in *names {
                let mut m = crate::analysis::mention_of(text, name, nth, kind);
                let token = analysis.tokens.partition_point(|t| t.start < m.start);
                m.sentence = analysis.sentences.partition_point(|r| r.end <= token);
                analysis.mentions.push(m);
            }
            analysis.mentions.sort_by_key(|m| m.start);
            analysis
        })
        .collect();
    let mut resolution = resolve(&texts, &analyses, Lexicon::builtin());
    resolution.settle(&mut analyses);
    (analyses, resolution)
}

/// For tests: each mention of article `a` (text `text`) as written, with
/// its actor's name.
#[cfg(test)]
pub(super) fn named_mentions(
    text: &str,
    analyses: &[AnalyzedText],
    resolution: &Resolution,
    a: usize,
) -> Vec<(String, String)> {
    analyses[a]
        .mentions
        .iter()
        .zip(&resolution.mention_actor[a])
        .map(|(m, &actor)| {
            let name = resolution.actors[actor].name.clone();
            (text[m.start..m.end].to_string(), name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Mention;

    fn mention(text: &str, needle: &str, kind: EntityKind, nth: usize) -> Mention {
        crate::analysis::mention_of(text, needle, nth, kind)
    }

    fn resolve_one(text: &str, mentions: Vec<Mention>) -> Resolution {
        resolve_many(&[(text, mentions)])
    }

    fn resolve_many(articles: &[(&str, Vec<Mention>)]) -> Resolution {
        let texts: Vec<&str> = articles.iter().map(|(t, _)| *t).collect();
        let analyses: Vec<AnalyzedText> = articles
            .iter()
            .map(|(text, mentions)| AnalyzedText {
                mentions: mentions.clone(),
                ..AnalyzedText::untagged(text)
            })
            .collect();
        resolve(&texts, &analyses, Lexicon::builtin())
    }

    #[test]
    fn surnames_demonyms_and_stated_aliases() {
        let text = "Russian minister Sergey Ryabkov spoke. Ryabkov said Daesh (also known as ISIS or ISIL) and Russia disagree.";
        let per = EntityKind::Person;
        let res = resolve_one(
            text,
            vec![
                mention(text, "Russian", EntityKind::Misc, 0),
                mention(text, "Sergey Ryabkov", per, 0),
                mention(text, "Ryabkov", per, 1),
                mention(text, "Daesh", EntityKind::Organisation, 0),
                mention(text, "ISIS", EntityKind::Organisation, 0),
                mention(text, "ISIL", EntityKind::Organisation, 0),
                mention(text, "Russia", EntityKind::Location, 1),
            ],
        );
        let a = &res.mention_actor[0];
        assert_eq!(a[0], a[6], "Russian -> Russia");
        assert_eq!(a[1], a[2], "Ryabkov -> Sergey Ryabkov");
        assert_eq!(a[3], a[4]);
        assert_eq!(a[4], a[5]);
        assert_ne!(a[0], a[1]);
        assert_ne!(a[3], a[0]);
        assert_eq!(res.actors[a[0]].name, "Russia");
        assert_eq!(res.actors[a[0]].id, "loc:russia");
        assert_eq!(res.actors[a[1]].name, "Sergey Ryabkov");
        assert_eq!(res.actors[a[1]].id, "per:sergey-ryabkov");
    }

    #[test]
    fn different_countries_stay_apart() {
        let text = "Iran and Iraq and Syria and the Syrian Center for Policy Research";
        let res = resolve_one(
            text,
            vec![
                mention(text, "Iran", EntityKind::Location, 0),
                mention(text, "Iraq", EntityKind::Location, 0),
                mention(text, "Syria", EntityKind::Location, 0),
                mention(
                    text,
                    "Syrian Center for Policy Research",
                    EntityKind::Organisation,
                    0,
                ),
            ],
        );
        let mut distinct = res.mention_actor[0].clone();
        distinct.dedup();
        assert_eq!(distinct.len(), 4);
    }

    #[test]
    fn a_bracketed_name_that_is_no_acronym_is_another_actor() {
        let text = "TEHRAN (Tasnim) - Islamic State (IS) fighters";
        let res = resolve_one(
            text,
            vec![
                mention(text, "TEHRAN", EntityKind::Location, 0),
                mention(text, "Tasnim", EntityKind::Organisation, 0),
                mention(text, "Islamic State", EntityKind::Organisation, 0),
                mention(text, "IS", EntityKind::Organisation, 0),
            ],
        );
        let a = &res.mention_actor[0];
        assert_ne!(a[0], a[1]);
        assert_eq!(a[2], a[3]);
    }

    /// The actor index of the first mention of each article.
    fn first_actors(res: &Resolution) -> Vec<usize> {
        res.mention_actor.iter().map(|a| a[0]).collect()
    }

    #[test]
    fn an_acronym_joins_its_expansion_in_another_article_when_contexts_agree() {
        let org = EntityKind::Organisation;
        let per = EntityKind::Person;
        let a = "The Hollywood Reporter said Gary Ross quit.";
        let b = "THR reported that Gary Ross quit.";
        let c = "THR fans met in Ohio.";
        let expansion = (
            a,
            vec![
                mention(a, "Hollywood Reporter", org, 0),
                mention(a, "Gary Ross", per, 0),
            ],
        );
        let res = resolve_many(&[
            expansion.clone(),
            (
                b,
                vec![mention(b, "THR", org, 0), mention(b, "Gary Ross", per, 0)],
            ),
        ]);
        let firsts = first_actors(&res);
        assert_eq!(firsts[0], firsts[1], "THR of The Hollywood Reporter");
        let res = resolve_many(&[expansion, (c, vec![mention(c, "THR", org, 0)])]);
        let firsts = first_actors(&res);
        assert_ne!(firsts[0], firsts[1], "no shared context, no link");
    }

    #[test]
    fn a_given_name_alone_and_a_nickname_join_the_person_they_fit() {
        let per = EntityKind::Person;
        let a = "Craig Zadan and Kathryn Jenkin produced it.";
        let b = "Craig said Katie Jenkin and Kathryn Jenkin agreed.";
        let res = resolve_many(&[
            (
                a,
                vec![
                    mention(a, "Craig Zadan", per, 0),
                    mention(a, "Kathryn Jenkin", per, 0),
                ],
            ),
            (
                b,
                vec![
                    mention(b, "Craig", per, 0),
                    mention(b, "Katie Jenkin", per, 0),
                ],
            ),
        ]);
        assert_eq!(res.mention_actor[0][0], res.mention_actor[1][0], "Craig");
        assert_eq!(res.mention_actor[0][1], res.mention_actor[1][1], "Katie");
    }

    #[test]
    fn a_rare_misspelling_joins_the_frequent_name_but_short_names_never() {
        let per = EntityKind::Person;
        let loc = EntityKind::Location;
        let a = "Wladimir Klitschko beat Thompson. Klitschko won. Klitschko smiled in Bern.";
        let b = "Klistchko beat Thompson in Bern.";
        let c = "Iraq and Bern; Iran and Bern.";
        let res = resolve_many(&[
            (
                a,
                vec![
                    mention(a, "Wladimir Klitschko", per, 0),
                    mention(a, "Thompson", per, 0),
                    mention(a, "Klitschko", per, 1),
                    mention(a, "Klitschko", per, 2),
                    mention(a, "Bern", loc, 0),
                ],
            ),
            (
                b,
                vec![
                    mention(b, "Klistchko", per, 0),
                    mention(b, "Thompson", per, 0),
                    mention(b, "Bern", loc, 0),
                ],
            ),
            (
                c,
                vec![
                    mention(c, "Iraq", loc, 0),
                    mention(c, "Bern", loc, 0),
                    mention(c, "Iran", loc, 0),
                ],
            ),
        ]);
        assert_eq!(res.mention_actor[0][0], res.mention_actor[1][0]);
        assert_ne!(res.mention_actor[2][0], res.mention_actor[2][2]);
    }

    #[test]
    fn spellings_of_a_given_name_join_when_their_articles_share_enough_names() {
        let per = EntityKind::Person;
        let loc = EntityKind::Location;
        let org = EntityKind::Organisation;
        // As frequent as each other: only three shared names make them one.
        let article =
            |text: &'static str, name: &'static str, others: &[(&'static str, EntityKind)]| {
                let mut mentions = vec![mention(text, name, per, 0)];
                mentions.extend(others.iter().map(|&(o, kind)| mention(text, o, kind, 0)));
                (text, mentions)
            };
        let context = [("Qeshm", loc), ("Tehran", loc), ("Red Crescent", org)];
        let a = "Heidar Alishvandi said Qeshm, Tehran and the Red Crescent were ready.";
        let b = "Heydar Alishvandi said Qeshm, Tehran and the Red Crescent were ready.";
        let res = resolve_many(&[
            article(a, "Heidar Alishvandi", &context),
            article(b, "Heydar Alishvandi", &context),
        ]);
        assert_eq!(res.mention_actor[0][0], res.mention_actor[1][0]);
        // One shared name is not enough for two names of one frequency.
        let c = "Heidar Alishvandi said Qeshm was ready.";
        let d = "Heydar Alishvandi said Qeshm was ready.";
        let res = resolve_many(&[
            article(c, "Heidar Alishvandi", &context[..1]),
            article(d, "Heydar Alishvandi", &context[..1]),
        ]);
        assert_ne!(res.mention_actor[0][0], res.mention_actor[1][0]);
        // Short given names one letter apart are different names.
        let e = "Jon Stewart said Qeshm, Tehran and the Red Crescent were ready.";
        let f = "Jan Stewart said Qeshm, Tehran and the Red Crescent were ready.";
        let res = resolve_many(&[
            article(e, "Jon Stewart", &context),
            article(f, "Jan Stewart", &context),
        ]);
        assert_ne!(res.mention_actor[0][0], res.mention_actor[1][0]);
    }

    #[test]
    fn a_place_of_its_own_is_not_the_tail_of_a_longer_place() {
        let loc = EntityKind::Location;
        let a = "A fire in Palmer Alaska. Officials in Alaska and Palmer said so.";
        let b = "The governor of Alaska spoke.";
        let res = resolve_many(&[
            (
                a,
                vec![
                    mention(a, "Palmer Alaska", loc, 0),
                    mention(a, "Alaska", loc, 1),
                    mention(a, "Palmer", loc, 1),
                ],
            ),
            (b, vec![mention(b, "Alaska", loc, 0)]),
        ]);
        let town = res.mention_actor[0][0];
        assert_ne!(town, res.mention_actor[0][1], "the state in the article");
        assert_eq!(town, res.mention_actor[0][2], "the town's name alone");
        assert_ne!(town, res.mention_actor[1][0], "the state elsewhere");
        assert_eq!(res.mention_actor[0][1], res.mention_actor[1][0]);
    }

    #[test]
    fn a_headline_name_made_of_the_body_names_is_the_full_name() {
        let org = EntityKind::Organisation;
        let a = "New Orleans Saints lose Thomas\nThe Saints said New Orleans will miss him.";
        let b = "Injury news\nThe New Orleans Saints said Thomas is out.";
        let res = resolve_many(&[
            (
                a,
                vec![
                    mention(a, "New Orleans Saints", org, 0),
                    mention(a, "Saints", org, 1),
                    mention(a, "New Orleans", org, 1),
                ],
            ),
            (b, vec![mention(b, "New Orleans Saints", org, 0)]),
        ]);
        let team = res.mention_actor[0][0];
        assert_eq!(res.mention_actor[0][1], team);
        assert_eq!(res.mention_actor[1][0], team, "one team in both articles");
        assert_eq!(res.actors[team].name, "New Orleans Saints");
        // A title is not a name: its other words are not the body's.
        let c = "Lohan Checks Into Betty Ford\nLohan arrived at Betty Ford on Monday.";
        let per = EntityKind::Person;
        let res = resolve_one(
            c,
            vec![
                mention(c, "Lohan Checks Into Betty Ford", per, 0),
                mention(c, "Lohan", per, 1),
            ],
        );
        let name = &res.actors[res.mention_actor[0][1]].name;
        assert_eq!(name, "Lohan");
        // A person's headline name: given names and the body's surname.
        let d = "Reggie Bush out for season\nBush hurt his knee, and Bush will rest.";
        let res = resolve_one(
            d,
            vec![
                mention(d, "Reggie Bush", per, 0),
                mention(d, "Bush", per, 1),
                mention(d, "Bush", per, 2),
            ],
        );
        assert_eq!(res.actors[res.mention_actor[0][1]].name, "Reggie Bush");
    }

    #[test]
    fn mr_and_miss_tell_apart_two_people_of_one_surname() {
        let per = EntityKind::Person;
        let a = "John Jenkin and his daughter Katie Jenkin lived here. Mr Jenkin \
                 worked; Miss Jenkin studied.";
        let b = "Neighbours said Miss Jenkin was kind and Mr. Jenkin was quiet.";
        let res = resolve_many(&[
            (
                a,
                vec![
                    mention(a, "John Jenkin", per, 0),
                    mention(a, "Katie Jenkin", per, 0),
                    mention(a, "Mr Jenkin", per, 0),
                    mention(a, "Jenkin", per, 3),
                ],
            ),
            (
                b,
                vec![mention(b, "Jenkin", per, 0), mention(b, "Jenkin", per, 1)],
            ),
        ]);
        let (john, katie) = (res.mention_actor[0][0], res.mention_actor[0][1]);
        assert_ne!(john, katie);
        assert_eq!(res.mention_actor[0][2], john, "Mr Jenkin");
        assert_eq!(res.mention_actor[0][3], katie, "Miss Jenkin");
        assert_eq!(res.mention_actor[1][0], katie, "Miss Jenkin elsewhere");
        assert_eq!(res.mention_actor[1][1], john, "Mr. Jenkin elsewhere");
    }

    #[test]
    fn streets_one_figure_apart_are_two_streets() {
        let loc = EntityKind::Location;
        let a = "Cars on 117th Street. 117th Street shut. 117th Street in Queens.";
        let b = "Cars on 115th Street in Queens.";
        let res = resolve_many(&[
            (
                a,
                vec![
                    mention(a, "117th Street", loc, 0),
                    mention(a, "117th Street", loc, 1),
                    mention(a, "117th Street", loc, 2),
                    mention(a, "Queens", loc, 0),
                ],
            ),
            (
                b,
                vec![
                    mention(b, "115th Street", loc, 0),
                    mention(b, "Queens", loc, 0),
                ],
            ),
        ]);
        assert_ne!(res.mention_actor[0][0], res.mention_actor[1][0]);
        assert_eq!(res.mention_actor[0][3], res.mention_actor[1][1]);
    }

    #[test]
    fn one_bare_name_attached_to_two_actors_does_not_make_them_one() {
        let org = EntityKind::Organisation;
        let loc = EntityKind::Location;
        let per = EntityKind::Person;
        let a = "Wasilla Bible Church burned in Alaska. The Church was empty, Palin said.";
        let b = "Banstead Baptist Church in Surrey. The Church was full, Jones said.";
        let c = "A Church was sold.";
        let res = resolve_many(&[
            (
                a,
                vec![
                    mention(a, "Wasilla Bible Church", org, 0),
                    mention(a, "Alaska", loc, 0),
                    mention(a, "Church", org, 1),
                    mention(a, "Palin", per, 0),
                ],
            ),
            (
                b,
                vec![
                    mention(b, "Banstead Baptist Church", org, 0),
                    mention(b, "Surrey", loc, 0),
                    mention(b, "Church", org, 1),
                    mention(b, "Jones", per, 0),
                ],
            ),
            (c, vec![mention(c, "Church", org, 0)]),
        ]);
        let (wasilla, banstead) = (res.mention_actor[0][0], res.mention_actor[1][0]);
        assert_ne!(wasilla, banstead);
        assert_eq!(res.mention_actor[0][2], wasilla);
        assert_eq!(res.mention_actor[1][2], banstead);
        let alone = res.mention_actor[2][0];
        assert!(alone != wasilla && alone != banstead);
    }

    #[test]
    fn a_surname_of_its_own_person_misspells_no_one_elses() {
        let per = EntityKind::Person;
        let loc = EntityKind::Location;
        let a = "Mark Heller spoke in Philadelphia. Heller said no.";
        let b = "Yvonne Hiller shot them in Philadelphia. Hiller fled. Hiller hid. \
                 Hiller was caught. Hiller was charged.";
        let res = resolve_many(&[
            (
                a,
                vec![
                    mention(a, "Mark Heller", per, 0),
                    mention(a, "Philadelphia", loc, 0),
                    mention(a, "Heller", per, 1),
                ],
            ),
            (
                b,
                vec![
                    mention(b, "Yvonne Hiller", per, 0),
                    mention(b, "Philadelphia", loc, 0),
                    mention(b, "Hiller", per, 1),
                    mention(b, "Hiller", per, 2),
                    mention(b, "Hiller", per, 3),
                    mention(b, "Hiller", per, 4),
                ],
            ),
        ]);
        assert_eq!(res.mention_actor[0][0], res.mention_actor[0][2]);
        assert_ne!(res.mention_actor[0][0], res.mention_actor[1][0]);
    }

    #[test]
    fn a_name_in_part_joins_the_full_name_it_is_part_of() {
        let org = EntityKind::Organisation;
        let a = "The Boston Red Sox and the Staunton Police Department met.";
        let b = "The Red Sox thanked Staunton Police officers.";
        let res = resolve_many(&[
            (
                a,
                vec![
                    mention(a, "Boston Red Sox", org, 0),
                    mention(a, "Staunton Police Department", org, 0),
                ],
            ),
            (
                b,
                vec![
                    mention(b, "Red Sox", org, 0),
                    mention(b, "Staunton Police", org, 0),
                ],
            ),
        ]);
        assert_eq!(res.mention_actor[0][0], res.mention_actor[1][0]);
        assert_eq!(res.mention_actor[0][1], res.mention_actor[1][1]);
        assert_ne!(res.mention_actor[0][0], res.mention_actor[0][1]);
    }

    #[test]
    fn full_names_decide_an_actors_type() {
        let a = "Barack Obama spoke. Obama left.";
        let b = "Obama said so.";
        let res = resolve_many(&[
            (
                a,
                vec![
                    mention(a, "Barack Obama", EntityKind::Person, 0),
                    mention(a, "Obama", EntityKind::Location, 1),
                ],
            ),
            (b, vec![mention(b, "Obama", EntityKind::Location, 0)]),
        ]);
        let actor = &res.actors[res.mention_actor[0][0]];
        assert_eq!(actor.kind, EntityKind::Person);
        assert_eq!(res.mention_actor[0][1], res.mention_actor[0][0]);
        assert_eq!(res.mention_actor[1][0], res.mention_actor[0][0]);
    }

    #[test]
    fn renamed_groups_are_one_actor_across_articles() {
        let a = "fighters of Jabhat al-Nusra";
        let b = "terrorists of the Jabhat Fateh al-Sham group";
        let org = EntityKind::Organisation;
        let res = resolve_many(&[
            (a, vec![mention(a, "Jabhat al-Nusra", org, 0)]),
            (b, vec![mention(b, "Jabhat Fateh al-Sham", org, 0)]),
        ]);
        assert_eq!(res.mention_actor[0][0], res.mention_actor[1][0]);
    }

    #[test]
    fn a_bare_surname_links_across_articles_only_when_unambiguous() {
        let per = EntityKind::Person;
        let a = "Lindsay Lohan entered rehab.";
        let b = "Lohan left.";
        let c = "Tony Thompson fought Klitschko.";
        let d = "Fred Thompson ran for office.";
        let e = "Thompson spoke.";
        let res = resolve_many(&[
            (a, vec![mention(a, "Lindsay Lohan", per, 0)]),
            (b, vec![mention(b, "Lohan", per, 0)]),
            (
                c,
                vec![
                    mention(c, "Tony Thompson", per, 0),
                    mention(c, "Klitschko", per, 0),
                ],
            ),
            (d, vec![mention(d, "Fred Thompson", per, 0)]),
            (e, vec![mention(e, "Thompson", per, 0)]),
        ]);
        let actor = |art: usize, m: usize| res.mention_actor[art][m];
        assert_eq!(actor(0, 0), actor(1, 0), "Lohan is Lindsay Lohan");
        assert_ne!(actor(2, 0), actor(3, 0), "two Thompsons");
        assert_ne!(actor(4, 0), actor(2, 0), "a bare Thompson could be either");
        assert_ne!(actor(4, 0), actor(3, 0), "a bare Thompson could be either");
    }

    #[test]
    fn a_bare_surname_means_the_person_an_article_names_far_more_often() {
        let per = EntityKind::Person;
        let text = "Pierre Thomas ran. Pierre Thomas scored. David Thomas blocked. \
                    Pierre Thomas was hurt. Thomas is out. John Jenkin and Katie Jenkin \
                    lived here. John Jenkin left. Jenkin spoke.";
        let names = [
            ("Pierre Thomas", 0),
            ("Pierre Thomas", 1),
            ("David Thomas", 0),
            ("Pierre Thomas", 2),
            ("Thomas", 4),
            ("John Jenkin", 0),
            ("Katie Jenkin", 0),
            ("John Jenkin", 1),
            ("Jenkin", 3),
        ];
        let res = resolve_one(
            text,
            names
                .iter()
                .map(|&(n, i)| mention(text, n, per, i))
                .collect(),
        );
        let a = &res.mention_actor[0];
        assert_eq!(a[4], a[0], "Thomas is Pierre Thomas (3 against 1)");
        assert_ne!(a[2], a[0], "David Thomas is someone else");
        // Two against one is no proof: the bare Jenkin stays apart.
        assert_ne!(a[8], a[5]);
        assert_ne!(a[8], a[6]);
    }

    #[test]
    fn a_place_named_without_its_word_of_geography_is_the_same_place() {
        let a = "The cable under the Mediterranean Sea broke. Washington County agreed. \
                 High Street and the East Coast were shut. Orange County voted.";
        let b = "Ships in the Mediterranean waited. Washington said nothing. High and East. \
                 Orange voted.";
        let res = resolve_many(&[
            (
                a,
                vec![
                    mention(a, "Mediterranean Sea", EntityKind::Organisation, 0),
                    mention(a, "Washington County", EntityKind::Organisation, 0),
                    mention(a, "High Street", EntityKind::Location, 0),
                    mention(a, "East Coast", EntityKind::Location, 0),
                    mention(a, "Orange County", EntityKind::Location, 0),
                ],
            ),
            (
                b,
                vec![
                    mention(b, "Mediterranean", EntityKind::Misc, 0),
                    mention(b, "Washington", EntityKind::Misc, 0),
                    mention(b, "High", EntityKind::Misc, 0),
                    mention(b, "East", EntityKind::Misc, 0),
                    mention(b, "Orange", EntityKind::Location, 0),
                ],
            ),
        ]);
        let actor = |art: usize, m: usize| res.mention_actor[art][m];
        assert_eq!(actor(1, 0), actor(0, 0));
        assert_eq!(res.actors[actor(0, 0)].kind, EntityKind::Location);
        assert_ne!(actor(1, 1), actor(0, 1), "Washington is a place of its own");
        assert_ne!(actor(1, 2), actor(0, 2), "an ordinary word");
        assert_ne!(actor(1, 3), actor(0, 3), "a point of the compass");
        assert_ne!(
            actor(1, 4),
            actor(0, 4),
            "a place's name before a word of geography"
        );
    }

    #[test]
    fn context_picks_the_full_name_a_bare_surname_means() {
        let per = EntityKind::Person;
        let c = "Tony Thompson fought Wladimir Klitschko in Berne.";
        let d = "Fred Thompson ran for office in Tennessee.";
        let e = "Thompson lost to Klitschko in Berne.";
        let res = resolve_many(&[
            (
                c,
                vec![
                    mention(c, "Tony Thompson", per, 0),
                    mention(c, "Wladimir Klitschko", per, 0),
                    mention(c, "Berne", EntityKind::Location, 0),
                ],
            ),
            (
                d,
                vec![
                    mention(d, "Fred Thompson", per, 0),
                    mention(d, "Tennessee", EntityKind::Location, 0),
                ],
            ),
            (
                e,
                vec![
                    mention(e, "Thompson", per, 0),
                    mention(e, "Klitschko", per, 0),
                    mention(e, "Berne", EntityKind::Location, 0),
                ],
            ),
        ]);
        assert_eq!(res.mention_actor[2][0], res.mention_actor[0][0]);
        assert_eq!(res.mention_actor[2][1], res.mention_actor[0][1]);
    }

    #[test]
    fn middle_names_nicknames_and_suffixes_are_one_person() {
        let per = EntityKind::Person;
        let a = "Arcade Joseph Comeaux Jr escaped.";
        let b = "Joseph Comeaux was caught.";
        let c = "Luis Gerardo (Jerry) Ortiz died.";
        let d = "Jerry Ortiz was a deputy.";
        let e = "Jane Ortiz spoke.";
        let res = resolve_many(&[
            (a, vec![mention(a, "Arcade Joseph Comeaux Jr", per, 0)]),
            (b, vec![mention(b, "Joseph Comeaux", per, 0)]),
            (c, vec![mention(c, "Luis Gerardo (Jerry) Ortiz", per, 0)]),
            (d, vec![mention(d, "Jerry Ortiz", per, 0)]),
            (e, vec![mention(e, "Jane Ortiz", per, 0)]),
        ]);
        let actor = |art: usize| res.mention_actor[art][0];
        assert_eq!(actor(0), actor(1));
        assert_eq!(res.actors[actor(0)].name, "Arcade Joseph Comeaux Jr");
        assert_eq!(actor(2), actor(3));
        assert_ne!(actor(4), actor(3));
    }

    #[test]
    fn an_initial_that_fits_two_people_stays_apart() {
        let per = EntityKind::Person;
        let a = "John Smith spoke.";
        let b = "Jane Smith spoke.";
        let c = "J. Smith spoke.";
        let res = resolve_many(&[
            (a, vec![mention(a, "John Smith", per, 0)]),
            (b, vec![mention(b, "Jane Smith", per, 0)]),
            (c, vec![mention(c, "J. Smith", per, 0)]),
        ]);
        let actor = |art: usize| res.mention_actor[art][0];
        assert_ne!(actor(0), actor(1));
        assert_ne!(actor(2), actor(0));
        assert_ne!(actor(2), actor(1));
    }

    #[test]
    fn given_name_variants_merge_across_articles() {
        let per = EntityKind::Person;
        let a = "Fred LaRue died.";
        let b = "Frederick C. LaRue was an aide.";
        let res = resolve_many(&[
            (a, vec![mention(a, "Fred LaRue", per, 0)]),
            (b, vec![mention(b, "Frederick C. LaRue", per, 0)]),
        ]);
        assert_eq!(res.mention_actor[0][0], res.mention_actor[1][0]);
    }

    #[test]
    fn sub_names_link_only_when_types_agree() {
        let org = EntityKind::Organisation;
        let text = "Lohan entered the Betty Ford Center, named after Betty Ford. The Indianapolis Colts won; the Colts celebrated.";
        let res = resolve_one(
            text,
            vec![
                mention(text, "Betty Ford Center", org, 0),
                mention(text, "Betty Ford", EntityKind::Person, 1),
                mention(text, "Indianapolis Colts", org, 0),
                mention(text, "Colts", org, 1),
            ],
        );
        let a = &res.mention_actor[0];
        assert_ne!(a[0], a[1]);
        assert_eq!(a[2], a[3]);
        assert_eq!(res.actors[a[2]].name, "Indianapolis Colts");
    }

    #[test]
    fn descriptors_are_collected() {
        let text = "Russian Deputy Foreign Minister Sergey Ryabkov spoke, and Dr. Regina Benjamin listened. Russian Defense Minister, Sergey Shoigu, agreed; Moscow, Ivan Petrov said.";
        let res = resolve_one(
            text,
            vec![
                mention(text, "Russian", EntityKind::Misc, 0),
                mention(text, "Sergey Ryabkov", EntityKind::Person, 0),
                mention(text, "Dr. Regina Benjamin", EntityKind::Person, 0),
                mention(text, "Sergey Shoigu", EntityKind::Person, 0),
                mention(text, "Ivan Petrov", EntityKind::Person, 0),
            ],
        );
        let ryabkov = &res.actors[res.mention_actor[0][1]];
        assert_eq!(ryabkov.descriptors, ["Russian Deputy Foreign Minister"]);
        let shoigu = &res.actors[res.mention_actor[0][3]];
        assert_eq!(shoigu.descriptors, ["Russian Defense Minister"]);
        let petrov = &res.actors[res.mention_actor[0][4]];
        assert!(petrov.descriptors.is_empty(), "{:?}", petrov.descriptors);
        let benjamin = &res.actors[res.mention_actor[0][2]];
        assert_eq!(benjamin.name, "Regina Benjamin");
        assert_eq!(benjamin.descriptors, ["Dr."]);
    }
}
