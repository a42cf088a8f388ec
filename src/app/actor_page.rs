//! The actor page: how each source names and describes one actor, side by
//! side, with the actors named alongside it and its mentions over time.
//! Every item on it is a set of mentions that Enter walks.

use super::overview::Overview;
use super::{App, Mode, Overlay, Pane};
use crate::app::Action;
use crate::index::profile::ActorProfile;
use crate::index::{ActorId, CorpusIndex, MentionRef};

/// How many names and descriptors a source's block lists.
pub const NAMES_SHOWN: usize = 6;
pub const DESCRIPTORS_SHOWN: usize = 10;
/// How many co-mentioned actors are listed.
pub const CO_MENTIONED_SHOWN: usize = 12;

/// Something on the page the cursor can rest on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageItem {
    Alias(usize),
    /// A source's block as a whole: all its mentions.
    Source(usize),
    Name {
        source: usize,
        name: usize,
    },
    Descriptor {
        source: usize,
        descriptor: usize,
    },
    CoMentioned(usize),
    Day(usize),
}

impl PageItem {
    /// The source block the item belongs to, if any.
    pub fn source(self) -> Option<usize> {
        match self {
            PageItem::Source(s)
            | PageItem::Name { source: s, .. }
            | PageItem::Descriptor { source: s, .. } => Some(s),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ActorPage {
    pub profile: ActorProfile,
    /// In reading order: aliases, each source's block, co-mentioned
    /// actors, days of the timeline.
    pub items: Vec<PageItem>,
    pub cursor: usize,
    /// The overview the page was opened from, restored when it closes.
    pub from_overview: Option<Box<Overview>>,
}

/// Two pages are the same page when they show the same actor with the
/// cursor on the same item; the profile follows from the index.
impl PartialEq for ActorPage {
    fn eq(&self, other: &ActorPage) -> bool {
        self.profile.actor == other.profile.actor
            && self.cursor == other.cursor
            && self.from_overview == other.from_overview
    }
}

impl Eq for ActorPage {}

impl ActorPage {
    pub fn new(index: &CorpusIndex, actor: ActorId) -> ActorPage {
        let profile = index.profile(actor);
        let mut items: Vec<PageItem> = (0..profile.aliases.len()).map(PageItem::Alias).collect();
        for (s, source) in profile.sources.iter().enumerate() {
            items.push(PageItem::Source(s));
            items.extend(
                (0..source.names.len().min(NAMES_SHOWN))
                    .map(|name| PageItem::Name { source: s, name }),
            );
            items.extend(
                (0..source.descriptors.len().min(DESCRIPTORS_SHOWN)).map(|descriptor| {
                    PageItem::Descriptor {
                        source: s,
                        descriptor,
                    }
                }),
            );
        }
        items.extend(
            (0..profile.co_mentioned.len().min(CO_MENTIONED_SHOWN)).map(PageItem::CoMentioned),
        );
        items.extend((0..profile.timeline.len()).map(PageItem::Day));
        // Start on the first source: what sets the sources apart.
        let cursor = items
            .iter()
            .position(|i| matches!(i, PageItem::Source(_)))
            .unwrap_or(0);
        ActorPage {
            profile,
            items,
            cursor,
            from_overview: None,
        }
    }

    pub fn actor(&self) -> ActorId {
        self.profile.actor
    }

    pub fn selected(&self) -> Option<PageItem> {
        self.items.get(self.cursor).copied()
    }

    /// The mentions item `item` stands for, grouped by source, then in
    /// corpus order (the order of the cross-references).
    pub fn targets(&self, item: PageItem) -> &[MentionRef] {
        let p = &self.profile;
        match item {
            PageItem::Alias(i) => &p.aliases[i].mentions,
            PageItem::Source(s) => &p.sources[s].mentions,
            PageItem::Name { source, name } => &p.sources[source].names[name].mentions,
            PageItem::Descriptor { source, descriptor } => {
                &p.sources[source].descriptors[descriptor].mentions
            }
            PageItem::CoMentioned(i) => &p.co_mentioned[i].1,
            PageItem::Day(i) => &p.timeline[i].1,
        }
    }

    /// What walking item `item` means, for the status line.
    pub fn describe(&self, index: &CorpusIndex, item: PageItem) -> String {
        let p = &self.profile;
        let n = self.targets(item).len();
        let mentions = if n == 1 {
            "1 mention".to_string()
        } else {
            format!("{n} mentions")
        };
        match item {
            PageItem::Alias(i) => format!("{mentions} as \"{}\"", p.aliases[i].text),
            PageItem::Source(s) => format!("{mentions} in {}", p.sources[s].source),
            PageItem::Name { source, name } => format!(
                "{mentions} as \"{}\" in {}",
                p.sources[source].names[name].text, p.sources[source].source
            ),
            PageItem::Descriptor { source, descriptor } => format!(
                "{mentions} described as \"{}\" in {}",
                p.sources[source].descriptors[descriptor].text, p.sources[source].source
            ),
            PageItem::CoMentioned(i) => format!(
                "{mentions} in a sentence with {}",
                index.actors[p.co_mentioned[i].0].name
            ),
            PageItem::Day(i) => format!("{mentions} on {}", p.timeline[i].0),
        }
    }

    pub fn move_cursor(&mut self, delta: isize) -> bool {
        let next = self
            .cursor
            .saturating_add_signed(delta)
            .min(self.items.len().saturating_sub(1));
        let changed = next != self.cursor;
        self.cursor = next;
        changed
    }

    /// Moves to the same kind of row in the next (or previous) source's
    /// block, or to that block's heading.
    pub fn move_source(&mut self, step: isize) -> bool {
        let Some(from) = self.selected().and_then(PageItem::source) else {
            return false;
        };
        let sources = self.profile.sources.len() as isize;
        let to = from as isize + step;
        if !(0..sources).contains(&to) {
            return false;
        }
        let to = to as usize;
        let wanted = match self.selected() {
            Some(PageItem::Name { name, .. }) => PageItem::Name {
                source: to,
                name: name.min(self.profile.sources[to].names.len().min(NAMES_SHOWN) - 1),
            },
            Some(PageItem::Descriptor { descriptor, .. })
                if !self.profile.sources[to].descriptors.is_empty() =>
            {
                PageItem::Descriptor {
                    source: to,
                    descriptor: descriptor.min(
                        self.profile.sources[to]
                            .descriptors
                            .len()
                            .min(DESCRIPTORS_SHOWN)
                            - 1,
                    ),
                }
            }
            _ => PageItem::Source(to),
        };
        match self.items.iter().position(|&i| i == wanted) {
            Some(at) => {
                self.cursor = at;
                true
            }
            None => false,
        }
    }
}

impl App {
    /// Opens the page of the actor under the cursor (the entity, the
    /// cross-referenced actor, or the actor of the marked mention).
    pub(super) fn open_actor_page(&mut self) -> bool {
        match self.actor_under_cursor() {
            Some(actor) => self.show_actor_page(actor, None),
            None => self.notify(self.hint_for_selecting()),
        }
        true
    }

    pub(super) fn show_actor_page(&mut self, actor: ActorId, from: Option<Box<Overview>>) {
        let mut page = ActorPage::new(&self.index, actor);
        page.from_overview = from;
        self.overlay = Overlay::ActorPage(Box::new(page));
    }

    pub(super) fn update_actor_page(&mut self, action: Action) -> bool {
        let Overlay::ActorPage(page) = &mut self.overlay else {
            return false;
        };
        match action {
            Action::Down => page.move_cursor(1),
            Action::Up => page.move_cursor(-1),
            Action::PageDown => page.move_cursor(8),
            Action::PageUp => page.move_cursor(-8),
            Action::Top => page.move_cursor(isize::MIN / 2),
            Action::Bottom => page.move_cursor(isize::MAX / 2),
            Action::NextSource => page.move_source(1),
            Action::PrevSource => page.move_source(-1),
            Action::OpenOverview => {
                self.open_overview();
                true
            }
            Action::CloseOverlay => {
                self.overlay = match page.from_overview.take() {
                    Some(overview) => Overlay::Overview(overview),
                    None => Overlay::None,
                };
                true
            }
            Action::Select => {
                let Some(item) = page.selected() else {
                    return false;
                };
                let actor = page.actor();
                let targets = page.targets(item).to_vec();
                let what = page.describe(&self.index, item);
                self.walk(actor, targets, &what);
                true
            }
            _ => false,
        }
    }

    /// Goes to the first of `targets` (mentions of `actor`, in
    /// cross-reference order) and lists them all as its cross-references,
    /// so that n/N walk them.
    fn walk(&mut self, actor: ActorId, targets: Vec<MentionRef>, what: &str) {
        let Some(&first) = targets.first() else {
            return;
        };
        self.overlay = Overlay::None;
        self.push_history();
        self.actor = Some(actor);
        self.set_xref(targets);
        self.xref_list.reset(self.xref.len());
        // As `jump_to` does, without a second step in the history.
        if first.article != self.article() {
            self.open_article(first.article);
        }
        self.current = Some(first);
        if let Some(pos) = self.entities.iter().position(|&(a, _)| a == actor) {
            self.entity_list.set_cursor(pos);
        }
        self.set_focus(Pane::Xref);
        self.scroll_to(first);
        self.notify(
            match (
                self.keymap.describe_keys(Mode::Normal, Action::NextMention),
                self.keymap.describe_keys(Mode::Normal, Action::PrevMention),
            ) {
                (Some(n), Some(p)) => format!("{what} — {n}/{p} walk them"),
                _ => what.to_string(),
            },
        );
    }

    // ---- the mention cursor in the text ----

    /// `]`/`[`: marks the next or previous name in the article shown (the
    /// first or last one in view when none is marked here) and selects its
    /// actor.
    pub(super) fn step_name(&mut self, step: isize) -> bool {
        let count = self
            .index
            .analyses
            .get(self.article())
            .map_or(0, |a| a.mentions.len());
        if count == 0 {
            self.notify("no names in this article".to_string());
            return true;
        }
        let here = self
            .current
            .filter(|c| c.article == self.article() && self.is_visible(*c));
        let next = match here {
            Some(c) => {
                let to = c.mention as isize + step;
                if !(0..count as isize).contains(&to) {
                    self.notify(if step > 0 {
                        "the last name of the article".to_string()
                    } else {
                        "the first name of the article".to_string()
                    });
                    return true;
                }
                to as usize
            }
            None => {
                let visible: Vec<usize> = (0..count)
                    .filter(|&m| {
                        self.is_visible(MentionRef {
                            article: self.article(),
                            mention: m,
                        })
                    })
                    .collect();
                match (step > 0, visible.first(), visible.last()) {
                    (true, Some(&first), _) => first,
                    (false, _, Some(&last)) => last,
                    (true, None, _) => 0,
                    (false, _, None) => count - 1,
                }
            }
        };
        let r = MentionRef {
            article: self.article(),
            mention: next,
        };
        self.make_current(r);
        self.focus = Pane::Text;
        self.relayout();
        self.scroll_to(r);
        true
    }

    /// Enter in the text: the page of the marked name's actor.
    pub(super) fn open_marked_name(&mut self) -> bool {
        match self.current.filter(|c| c.article == self.article()) {
            Some(r) => self.show_actor_page(self.index.actor_of(r), None),
            None => self.notify(
                match self.keymap.describe_keys(Mode::Normal, Action::NextName) {
                    Some(keys) => format!("no name marked: {keys} marks one"),
                    None => "no name marked".to_string(),
                },
            ),
        }
        true
    }
}
