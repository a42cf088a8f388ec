//! The actor overview: every actor of the corpus, ranked by mentions,
//! sources or articles, filtered by type, source and a fuzzy query on its
//! names. The rankings come sorted from the index; a key filters them once,
//! and drawing reads only the rows in view.

use super::fuzzy::Query;
use super::{Action, App, Overlay};
use crate::analysis::EntityKind;
use crate::index::{ActorId, CorpusIndex, Ranking};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub query: String,
    pub ranking: Ranking,
    /// Only actors of this type, when set.
    pub kind: Option<EntityKind>,
    /// Only actors this source (a source rank) mentions, when set.
    pub source: Option<u32>,
    /// The actors shown, in rank order.
    pub rows: Vec<ActorId>,
    pub cursor: usize,
    /// First row in view.
    pub offset: usize,
}

impl Overview {
    pub fn new(index: &CorpusIndex) -> Overview {
        let mut overview = Overview {
            query: String::new(),
            ranking: Ranking::Mentions,
            kind: None,
            source: None,
            rows: Vec::new(),
            cursor: 0,
            offset: 0,
        };
        overview.refilter(index);
        overview
    }

    /// The rows for the current ranking and filters; the cursor stays on
    /// its actor when that is still listed.
    pub fn refilter(&mut self, index: &CorpusIndex) {
        let keep = self.rows.get(self.cursor).copied();
        let query = Query::new(self.query.trim());
        self.rows = index
            .actors_ranked(self.ranking)
            .iter()
            .copied()
            .filter(|&a| {
                let actor = &index.actors[a];
                self.kind.is_none_or(|k| actor.kind == k)
                    && self
                        .source
                        .is_none_or(|s| index.actor_sources(a).binary_search(&s).is_ok())
                    && (query.is_empty()
                        || query.score(&actor.name).is_some()
                        || actor.aliases.iter().any(|n| query.score(n).is_some()))
            })
            .collect();
        self.cursor = keep
            .and_then(|a| self.rows.iter().position(|&r| r == a))
            .unwrap_or(0);
        self.offset = self.offset.min(self.cursor);
    }

    pub fn move_cursor(&mut self, delta: isize) -> bool {
        let next = self
            .cursor
            .saturating_add_signed(delta)
            .min(self.rows.len().saturating_sub(1));
        let changed = next != self.cursor;
        self.cursor = next;
        changed
    }

    /// Keeps the cursor within the `shown` rows in view.
    pub fn follow(&mut self, shown: usize) {
        self.offset = super::scroll::follow(
            self.offset,
            self.cursor..self.cursor + 1,
            self.rows.len(),
            shown.max(1),
        );
    }

    /// All types, then each in turn.
    fn cycle_kind(&mut self) {
        let all = EntityKind::ALL;
        self.kind = match self.kind {
            None => Some(all[0]),
            Some(k) => all
                .iter()
                .position(|&x| x == k)
                .and_then(|i| all.get(i + 1))
                .copied(),
        };
    }

    /// All sources, then each in turn.
    fn cycle_source(&mut self, sources: usize) {
        self.source = match self.source {
            None if sources > 0 => Some(0),
            Some(s) if (s as usize) + 1 < sources => Some(s + 1),
            _ => None,
        };
    }
}

/// Rows of the overview's list on a screen `height` rows high: its frame,
/// its two heading lines and the status line take five.
pub fn list_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(5)).max(1)
}

impl App {
    pub(super) fn open_overview(&mut self) {
        self.overlay = Overlay::Overview(Box::new(Overview::new(&self.index)));
        self.follow_overview();
    }

    fn follow_overview(&mut self) {
        let rows = list_rows(self.area.height);
        if let Overlay::Overview(overview) = &mut self.overlay {
            overview.follow(rows);
        }
    }

    pub(super) fn update_overview(&mut self, action: Action) -> bool {
        let sources = self.index.sources().len();
        let page = list_rows(self.area.height) as isize;
        let Overlay::Overview(overview) = &mut self.overlay else {
            return false;
        };
        let changed = match action {
            Action::FinderInput(c) => {
                overview.query.push(c);
                overview.refilter(&self.index);
                true
            }
            Action::FinderBackspace => {
                let removed = overview.query.pop().is_some();
                overview.refilter(&self.index);
                removed
            }
            Action::FinderClear => {
                let had = !overview.query.is_empty();
                overview.query.clear();
                overview.refilter(&self.index);
                had
            }
            Action::CycleRanking => {
                overview.ranking = overview.ranking.next();
                overview.refilter(&self.index);
                true
            }
            Action::CycleKind => {
                overview.cycle_kind();
                overview.refilter(&self.index);
                true
            }
            Action::CycleSource => {
                overview.cycle_source(sources);
                overview.refilter(&self.index);
                true
            }
            Action::Down => overview.move_cursor(1),
            Action::Up => overview.move_cursor(-1),
            Action::PageDown => overview.move_cursor(page),
            Action::PageUp => overview.move_cursor(-page),
            Action::CloseOverlay => {
                self.overlay = Overlay::None;
                true
            }
            Action::Select => {
                let Some(&actor) = overview.rows.get(overview.cursor) else {
                    return false;
                };
                let from = match std::mem::take(&mut self.overlay) {
                    Overlay::Overview(o) => Some(o),
                    _ => None,
                };
                self.show_actor_page(actor, from);
                true
            }
            _ => false,
        };
        self.follow_overview();
        changed
    }
}
