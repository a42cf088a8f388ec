//! Moving through the reader: focus, the lists, jumps and the way back.

use super::list::{clamp_step, replace};
use super::*;

impl App {
    /// Opens an article at a text hit, highlighted.
    pub(super) fn go_to_text(&mut self, article: usize, at: std::ops::Range<usize>) {
        self.push_history();
        if article != self.article() {
            self.open_article(article);
        }
        self.current = None;
        self.focus = Pane::Text;
        self.relayout();
        let line = self.layout.line_of(at.start);
        if !self.text_viewport().contains(&line) {
            self.text_scroll = line
                .saturating_sub(self.text_height() / 3)
                .min(self.max_scroll());
        }
        self.hit = Some((article, at));
        self.walking_text = true;
    }

    /// n/N after a text search: the next or previous article it found.
    pub(super) fn step_text_hit(&mut self, step: isize) -> bool {
        let len = self.text_walk.len() as isize;
        let from = self.hit.as_ref().and_then(|(article, at)| {
            self.text_walk
                .iter()
                .position(|h| h.article == *article && h.start == at.start)
        });
        let next = match from {
            Some(i) => (i as isize + step).rem_euclid(len) as usize,
            None => 0,
        };
        let hit = &self.text_walk[next];
        let (article, at) = (hit.article, hit.start..hit.end);
        self.go_to_text(article, at);
        self.notify(format!("text hit {} of {}", next + 1, len));
        true
    }

    pub(super) fn go_to_target(&mut self, target: Target) {
        match target {
            Target::Text {
                article,
                start,
                end,
            } => self.go_to_text(article, start..end),
            Target::Article(article) => {
                self.push_history();
                self.open_article(article);
                self.focus = Pane::Text;
            }
            Target::Actor(actor) => {
                let mentions = self.ordered_mentions(actor);
                let here = mentions.iter().find(|r| r.article == self.article());
                if let Some(&r) = here.or(mentions.first()) {
                    self.jump_to(r);
                }
                self.focus = Pane::Xref;
            }
        }
    }

    pub(super) fn set_focus(&mut self, pane: Pane) -> bool {
        let changed = self.focus != pane;
        self.focus = pane;
        if changed {
            self.relayout();
        }
        changed
    }

    /// The rows one page of the focused pane moves by.
    pub(super) fn page(&self) -> isize {
        let rows = self.list_height(self.focus);
        let rows = match self.focus {
            Pane::Articles => rows / ARTICLE_ROWS,
            _ => rows,
        };
        isize::try_from(rows).unwrap_or(isize::MAX).max(1)
    }

    pub(super) fn move_by(&mut self, delta: isize) -> bool {
        match self.focus {
            Pane::Articles => {
                // From the article shown when it is listed, else from the
                // cursor's place.
                let from = match self.order_pos.get(self.article) {
                    Some(&pos) if pos != usize::MAX => pos,
                    _ => self.article_list.cursor(),
                };
                let next = clamp_step(from, delta, self.order.len());
                match self.order.get(next) {
                    Some(&article) if article != self.article => {
                        self.open_article(article);
                        self.article_list.set_cursor(next);
                        true
                    }
                    _ => false,
                }
            }
            Pane::Text => {
                let next = clamp_step(self.text_scroll, delta, self.max_scroll() + 1);
                replace(&mut self.text_scroll, next)
            }
            Pane::Entities => {
                self.entity_list.move_by(delta) && {
                    self.preview_entity();
                    true
                }
            }
            Pane::Xref => {
                self.xref_list.move_by(delta) && {
                    self.show_xref_cursor(true);
                    true
                }
            }
        }
    }

    pub(super) fn open_article(&mut self, article: usize) {
        self.article = article.min(self.index.articles.len().saturating_sub(1));
        if let Some(&pos) = self.order_pos.get(self.article)
            && pos != usize::MAX
        {
            self.article_list.set_cursor(pos);
        }
        self.text_scroll = 0;
        self.set_entities();
        let cursor = self
            .actor
            .and_then(|a| self.entities.iter().position(|(e, _)| *e == a))
            .unwrap_or(0);
        self.entity_list.reset(self.entities.len());
        self.entity_list.set_cursor(cursor);
        if self.current.is_some_and(|r| r.article != self.article()) {
            self.current = None;
        }
        if self.hit.as_ref().is_some_and(|(a, _)| *a != self.article()) {
            self.hit = None;
        }
        self.relayout();
    }

    /// Lists the actors of the article shown; the cursor stays where it can.
    pub(super) fn set_entities(&mut self) {
        self.entities = self.sorted_entities();
        self.entity_list.set_len(self.entities.len());
    }

    /// The article's actors: by type, then most mentioned, then first seen.
    pub(super) fn sorted_entities(&self) -> Vec<(ActorId, usize)> {
        if self.index.articles.is_empty() {
            return Vec::new();
        }
        let mut entities = self.index.article_actors(self.article());
        entities.sort_by_key(|&(a, n)| (self.index.actors[a].kind, std::cmp::Reverse(n)));
        entities
    }

    /// Every mention of `actor`, grouped by source, then article.
    pub fn ordered_mentions(&self, actor: ActorId) -> Vec<MentionRef> {
        self.index.mentions_by_source(actor)
    }

    pub(super) fn select_actor(&mut self, actor: ActorId) {
        if self.actor != Some(actor) {
            self.actor = Some(actor);
            self.set_xref(self.ordered_mentions(actor));
            // Another actor's list: its view starts from the top.
            self.xref_list.reset(self.xref.len());
        }
    }

    pub(super) fn select(&mut self) -> bool {
        match self.focus {
            Pane::Articles => self.set_focus(Pane::Text),
            Pane::Text => self.open_marked_name(),
            Pane::Entities => {
                if !self.preview_entity() {
                    return false;
                }
                self.set_focus(Pane::Xref);
                true
            }
            Pane::Xref => match self.xref.get(self.xref_list.cursor()) {
                Some(&r) => {
                    self.jump_to(r);
                    self.set_focus(Pane::Text);
                    true
                }
                None => false,
            },
        }
    }

    /// Cross-references the actor under the entity cursor, its mention in
    /// the article shown current; the focus stays. False when there is none.
    pub(super) fn preview_entity(&mut self) -> bool {
        let Some(&(actor, _)) = self.entities.get(self.entity_list.cursor()) else {
            return false;
        };
        self.select_actor(actor);
        if let Some(pos) = self.xref.iter().position(|r| r.article == self.article()) {
            let r = self.xref[pos];
            self.xref_list.set_cursor(pos);
            self.current = Some(r);
            self.scroll_to(r);
        }
        true
    }

    /// Makes the cross-reference under the cursor the current mention, as
    /// the cursor moves: its article opened, the text scrolled to it. Going
    /// to another article is remembered for [`Action::Back`] when `remember`.
    pub(super) fn show_xref_cursor(&mut self, remember: bool) {
        let Some(&r) = self.xref.get(self.xref_list.cursor()) else {
            return;
        };
        if r.article != self.article() {
            if remember {
                self.push_history();
            }
            self.walking_text = false;
            self.hit = None;
            self.open_article(r.article);
        }
        self.current = Some(r);
        self.scroll_to(r);
    }

    /// h/l: the pane beside the focused one (the lists on the left, the
    /// text and its cross-references on the right).
    pub(super) fn focus_beside(&mut self, right: bool) -> bool {
        let to = match (self.focus, right) {
            (Pane::Articles, true) => Pane::Text,
            (Pane::Entities, true) => Pane::Xref,
            (Pane::Text, false) => Pane::Articles,
            (Pane::Xref, false) => Pane::Entities,
            (pane, _) => pane,
        };
        self.set_focus(to)
    }

    /// n/N: the next or previous mention of the actor, across the corpus.
    pub(super) fn step_mention(&mut self, step: isize) -> bool {
        if self.walking_text && !self.text_walk.is_empty() {
            return self.step_text_hit(step);
        }
        if self.actor.is_none() || self.xref.is_empty() {
            self.notify(self.hint_for_selecting());
            return true;
        }
        let len = self.xref.len() as isize;
        let from = self.current.and_then(|c| self.xref_position(c));
        let next = match from {
            Some(i) => (i as isize + step).rem_euclid(len) as usize,
            None => {
                // Start from the article shown when it has a mention.
                let here = self.xref.iter().position(|r| r.article >= self.article());
                let first = here.unwrap_or(0);
                if step > 0 {
                    first
                } else {
                    (first as isize - 1).rem_euclid(len) as usize
                }
            }
        };
        if from.is_some_and(|i| i == next) {
            self.notify("the only mention".to_string());
            return true;
        }
        if from.is_some_and(|i| (step > 0) == (next < i)) {
            self.notify("wrapped around the corpus".to_string());
        }
        self.jump_to(self.xref[next]);
        true
    }

    pub(super) fn hint_for_selecting(&self) -> String {
        match self.keymap.describe_keys(Mode::Normal, Action::Select) {
            Some(keys) => format!("no actor selected: {keys} on an entity selects one"),
            None => "no actor selected".to_string(),
        }
    }

    /// Shows mention `r`: opens its article, highlights it and scrolls to it.
    /// The place left is remembered for [`Action::Back`].
    pub fn jump_to(&mut self, r: MentionRef) {
        // Already there (the cursor brought it): nothing to come back to.
        if self.current != Some(r) || r.article != self.article() {
            self.push_history();
        }
        self.walking_text = false;
        self.hit = None;
        if r.article != self.article() {
            self.open_article(r.article);
        }
        self.make_current(r);
        self.scroll_to(r);
    }

    /// Makes mention `r` of the open article the current one: its actor
    /// selected, and the cross-reference and entity cursors on it.
    pub(super) fn make_current(&mut self, r: MentionRef) {
        self.select_actor(self.index.actor_of(r));
        self.current = Some(r);
        if let Some(pos) = self.xref_position(r) {
            self.xref_list.set_cursor(pos);
        }
        if let Some(pos) = self
            .entities
            .iter()
            .position(|&(a, _)| Some(a) == self.actor)
        {
            self.entity_list.set_cursor(pos);
        }
    }

    /// Scrolls the text so that mention `r` is visible, a third of the way
    /// down when the text has to move.
    pub(super) fn scroll_to(&mut self, r: MentionRef) {
        let line = self.layout.line_of(self.index.mention(r).start);
        if !self.text_viewport().contains(&line) {
            self.text_scroll = line
                .saturating_sub(self.text_height() / 3)
                .min(self.max_scroll());
        }
    }

    pub(super) fn location(&self) -> Location {
        Location {
            article: self.article(),
            top: self
                .layout
                .lines
                .get(self.text_scroll)
                .map_or(0, |l| l.start),
            current: self.current,
            actor: self.actor,
            xref_cursor: self.xref_list.cursor(),
            entity_cursor: self.entity_list.cursor(),
            focus: self.focus,
        }
    }

    pub(super) fn push_history(&mut self) {
        let here = self.location();
        if self.history.last() != Some(&here) {
            self.history.push(here);
        }
        if self.history.len() > HISTORY_LIMIT {
            self.history.remove(0);
        }
    }

    pub(super) fn back(&mut self) -> bool {
        let Some(to) = self.history.pop() else {
            self.notify("no earlier position".to_string());
            return true;
        };
        if to.article != self.article() {
            self.open_article(to.article);
        }
        match to.actor {
            Some(actor) => self.select_actor(actor),
            None => {
                self.actor = None;
                self.set_xref(Vec::new());
            }
        }
        self.current = to.current;
        self.xref_list.set_cursor(to.xref_cursor);
        self.entity_list.set_cursor(to.entity_cursor);
        self.focus = to.focus;
        self.relayout();
        self.text_scroll = self.layout.line_of(to.top).min(self.max_scroll());
        true
    }
}
