//! Corrections made in the reader: merging actors, splitting mentions,
//! undoing, and keeping the state in line with the actors afterwards.

use super::*;

impl App {
    /// The actor a merge applies to: the entity under the cursor, else the
    /// actor of the highlighted mention, else the one cross-referenced.
    pub(super) fn actor_under_cursor(&self) -> Option<ActorId> {
        match self.focus {
            Pane::Entities => self
                .entities
                .get(self.entity_list.cursor())
                .map(|&(a, _)| a),
            Pane::Xref => self.actor,
            Pane::Text | Pane::Articles => {
                self.current.map(|r| self.index.actor_of(r)).or(self.actor)
            }
        }
    }

    /// The mention a split applies to: the cross-reference under the
    /// cursor, else the mention highlighted in the text.
    pub(super) fn mention_under_cursor(&self) -> Option<MentionRef> {
        match self.focus {
            Pane::Xref => self.xref.get(self.xref_list.cursor()).copied(),
            _ => self.current,
        }
    }

    pub(super) fn start_merge(&mut self) -> bool {
        match self.actor_under_cursor() {
            Some(actor) => {
                let items = self
                    .finder_items
                    .get_or_insert_with(|| std::sync::Arc::new(Finder::items(&self.index)))
                    .clone();
                let ranked = merge_ranking(&self.index, actor);
                self.overlay = Overlay::Finder(Finder::merge_targets(items, actor, &ranked));
            }
            None => self.notify(self.hint_for_selecting()),
        }
        true
    }

    pub(super) fn merge(&mut self, from: ActorId, into: ActorId) {
        let actors = &self.index.actors;
        let op = Correction::Merge {
            actor: actors[from].id.clone(),
            into: actors[into].id.clone(),
        };
        let done = format!("Merged {} into {}", actors[from].name, actors[into].name);
        self.correct(op, into, done);
    }

    /// Splits the mention under the cursor out of its actor; with
    /// `every_alike`, every mention of that actor reading the same.
    pub(super) fn split(&mut self, every_alike: bool) -> bool {
        let Some(r) = self.mention_under_cursor() else {
            self.notify(
                match self.keymap.describe_keys(Mode::Normal, Action::Select) {
                    Some(keys) => {
                        format!("no mention selected: {keys} on a cross-reference picks one")
                    }
                    None => "no mention selected".to_string(),
                },
            );
            return true;
        };
        let actor = self.index.actor_of(r);
        let text = self.index.mention_text(r).to_string();
        let name = &self.index.actors[actor].name;
        let (op, done) = if every_alike {
            let op = Correction::SplitAlias {
                actor: self.index.actors[actor].id.clone(),
                alias: text.clone(),
            };
            (op, format!("Split every \"{text}\" out of {name}"))
        } else {
            let m = self.index.mention(r);
            let op = Correction::SplitMention {
                path: self.index.article_key(r.article).to_string(),
                start: m.start,
                end: m.end,
            };
            (op, format!("Split \"{text}\" out of {name}"))
        };
        self.correct(op, actor, done);
        true
    }

    /// Applies `op`; then `select` (an actor index from before) is the
    /// actor shown, and the status line says `done` or why nothing changed.
    pub(super) fn correct(&mut self, op: Correction, select: ActorId, done: String) {
        let before = self.actor_trail();
        match self.index.push_correction(op) {
            Ok(()) => {
                self.effects.push(Effect::SaveCorrections);
                self.after_corrections(&before, Some(select));
                self.notify(
                    match self.keymap.describe_keys(Mode::Normal, Action::Undo) {
                        Some(keys) => format!("{done} — {keys} to undo"),
                        None => done,
                    },
                );
            }
            Err(reason) => self.notify(format!("nothing changed: {reason}")),
        }
    }

    pub(super) fn undo(&mut self) -> bool {
        let before = self.actor_trail();
        if self.index.undo_correction().is_none() {
            self.notify("no correction to undo".to_string());
            return true;
        }
        self.effects.push(Effect::SaveCorrections);
        self.after_corrections(&before, self.actor);
        self.notify(match self.index.corrections().ops.len() {
            0 => "Undid the last correction; none left".to_string(),
            1 => "Undid the last correction; 1 left".to_string(),
            n => format!("Undid the last correction; {n} left"),
        });
        true
    }

    /// Takes the corrections as saved: the same log with its keys in the
    /// store, or with what another reader saved meanwhile, which is then
    /// applied.
    pub fn adopt_saved_corrections(&mut self, log: Corrections) {
        if log.ops == self.index.corrections().ops {
            self.index.adopt_saved(log);
            return;
        }
        let before = self.actor_trail();
        self.index.set_corrections(log);
        self.after_corrections(&before, self.actor);
    }

    /// Each actor's id and first mention, to find it again once actor
    /// indices have changed.
    pub(super) fn actor_trail(&self) -> Vec<(String, Option<MentionRef>)> {
        (0..self.index.actors.len())
            .map(|a| {
                let first = self.index.mentions_of(a).first().copied();
                (self.index.actors[a].id.clone(), first)
            })
            .collect()
    }

    /// Brings the state in line with the index after its actors changed:
    /// old actor indices (in `before`) become new ones by id, or, for an
    /// actor that is gone, the actor its first mention now belongs to.
    pub(super) fn after_corrections(
        &mut self,
        before: &[(String, Option<MentionRef>)],
        select: Option<ActorId>,
    ) {
        let index = &self.index;
        let remap = |old: ActorId| -> Option<ActorId> {
            let (id, first) = before.get(old)?;
            index
                .actor_by_id(id)
                .or_else(|| first.map(|r| index.actor_of(r)))
        };
        let selected = select.and_then(remap);
        self.finder_items = None;
        for location in &mut self.history {
            location.actor = location.actor.and_then(remap);
        }
        self.set_entities();
        let cursor = self.xref_list.cursor();
        self.actor = None;
        self.set_xref(Vec::new());
        if let Some(actor) = selected {
            self.select_actor(actor);
            // The current mention stays current where it is still the
            // actor's; where it left (split out), the row that took its place
            // becomes current, so that x, x, x splits one row after another.
            let here = self.current.and_then(|c| self.xref_position(c));
            self.xref_list.set_cursor(here.unwrap_or(cursor));
            if here.is_none() {
                self.show_xref_cursor(false);
            }
        }
        // The entity list was set above: its cursor is in range already.
        let cursor = selected
            .and_then(|a| self.entities.iter().position(|&(e, _)| e == a))
            .unwrap_or(self.entity_list.cursor());
        self.entity_list.set_cursor(cursor);
    }
}

/// Every other actor, the likeliest to be `from` under another name first:
/// by how alike their names are, then the same type, then how often the
/// corpus names them.
pub(super) fn merge_ranking(index: &CorpusIndex, from: ActorId) -> Vec<ActorId> {
    let names = |a: ActorId| -> Vec<String> {
        let actor = &index.actors[a];
        std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .map(|n| n.to_lowercase())
            .collect()
    };
    let mine: Vec<NameShape> = names(from).iter().map(|n| NameShape::of(n)).collect();
    let kind = index.actors[from].kind;
    let mut scored: Vec<(ActorId, u32, bool, usize)> = (0..index.actors.len())
        .filter(|&a| a != from)
        .map(|a| {
            let alike = names(a)
                .iter()
                .map(|n| {
                    let theirs = NameShape::of(n);
                    mine.iter().map(|m| m.likeness(&theirs)).max().unwrap_or(0)
                })
                .max()
                .unwrap_or(0);
            let same_kind = index.actors[a].kind == kind;
            (a, alike, same_kind, index.mentions_of(a).len())
        })
        .collect();
    scored.sort_by_key(|&(a, alike, same_kind, mentions)| {
        (
            std::cmp::Reverse(alike),
            !same_kind,
            std::cmp::Reverse(mentions),
            a,
        )
    });
    scored.into_iter().map(|(a, ..)| a).collect()
}

/// A name's letter pairs and words, to tell how alike two names are.
struct NameShape {
    pairs: Vec<(char, char)>,
    words: Vec<String>,
}

impl NameShape {
    fn of(name: &str) -> NameShape {
        let letters: Vec<char> = name.chars().filter(|c| c.is_alphanumeric()).collect();
        let mut pairs: Vec<(char, char)> = letters.windows(2).map(|w| (w[0], w[1])).collect();
        pairs.sort_unstable();
        let words = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_string)
            .collect();
        NameShape { pairs, words }
    }

    /// 0 to 200: the Dice coefficient of the letter pairs (in percent), and
    /// 100 more when the names share a word of three letters or more
    /// ("Nusra" in "Jabhat al-Nusra" and "Nusra Front").
    fn likeness(&self, other: &NameShape) -> u32 {
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while i < self.pairs.len() && j < other.pairs.len() {
            match self.pairs[i].cmp(&other.pairs[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let total = self.pairs.len() + other.pairs.len();
        let dice = (200 * common).checked_div(total).unwrap_or(0) as u32;
        let shares_word = self.words.iter().any(|w| other.words.contains(w));
        dice + if shares_word { 100 } else { 0 }
    }
}
