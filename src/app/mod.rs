//! The reader's state: plain data, changed only by [`App::update`] with an
//! [`Action`]. Nothing here touches the terminal; drawing reads this state.

pub mod action;
pub mod actor_page;
pub mod finder;
mod fuzzy;
pub mod keymap;
pub mod overview;
pub mod scroll;
pub mod text;
pub mod view;

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

pub use action::Action;
pub use finder::{Finder, FinderPurpose, Target, TextHit};
pub use keymap::{Key, KeyCode, Keymap, Mode};
pub use text::TextLayout;
pub use view::Pane;

use crate::index::search::{TextIndex, TextQuery};
use crate::index::{ActorId, CorpusIndex, Correction, Corrections, MentionRef};

/// Whether the screen may use colour. With `Plain`, entity types are shown by
/// text attributes and markers only (for NO_COLOR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorMode {
    #[default]
    Ansi16,
    Plain,
}

impl ColorMode {
    /// `Plain` when NO_COLOR is set to anything non-empty (no-color.org).
    pub fn from_env() -> ColorMode {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => ColorMode::Plain,
            _ => ColorMode::Ansi16,
        }
    }
}

/// What is drawn over the panes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    Help {
        scroll: usize,
    },
    /// The files that could not be loaded.
    Report {
        scroll: usize,
    },
    Finder(Finder),
    ActorPage(Box<actor_page::ActorPage>),
    Overview(Box<overview::Overview>),
}

/// Where the reader was: what Ctrl-o returns to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub article: usize,
    /// Byte offset of the first line shown, so that it survives a resize.
    pub top: usize,
    pub current: Option<MentionRef>,
    pub actor: Option<ActorId>,
    pub xref_cursor: usize,
    pub entity_cursor: usize,
    pub focus: Pane,
}

/// Rows each article takes in the article list: title, then source and date.
pub const ARTICLE_ROWS: usize = 2;

/// How many articles a text search lists.
const TEXT_HITS: usize = 50;

/// A text search runs from this many characters typed.
const TEXT_SEARCH_FROM: usize = 3;

/// How far back Ctrl-o can go.
const HISTORY_LIMIT: usize = 100;

#[derive(Debug)]
pub struct App {
    pub index: CorpusIndex,
    pub keymap: Keymap,
    pub colors: ColorMode,
    pub focus: Pane,
    /// The article shown, also the cursor of the article list.
    pub article: usize,
    /// First article shown in the article list.
    pub article_offset: usize,
    /// First wrapped line of the article shown.
    pub text_scroll: usize,
    /// The actors of the article shown, with their mention counts, in the
    /// order listed.
    pub entities: Vec<(ActorId, usize)>,
    pub entity_cursor: usize,
    /// First row shown in the entity list.
    pub entity_offset: usize,
    /// The actor whose mentions are cross-referenced.
    pub actor: Option<ActorId>,
    /// Every mention of `actor`, grouped by source, then article.
    pub xref: Vec<MentionRef>,
    pub xref_cursor: usize,
    /// First row shown in the cross-reference list, counting group headings
    /// as rows (see [`App::xref_row`]).
    pub xref_offset: usize,
    /// The row of each cross-reference, headings counted: kept with `xref`
    /// so that scrolling and drawing never count through the whole list.
    xref_rows: Vec<usize>,
    /// What the finder lists, built once per state of the actors (tens of
    /// thousands of labels on a large corpus).
    finder_items: Option<std::sync::Arc<Vec<finder::FinderItem>>>,
    /// The mention jumped to, highlighted in the text.
    pub current: Option<MentionRef>,
    pub history: Vec<Location>,
    pub overlay: Overlay,
    /// The whole terminal, as last reported.
    pub area: Rect,
    /// The article shown, wrapped to the text pane.
    pub layout: TextLayout,
    /// A short note for the status line (why a key did nothing).
    pub message: Option<String>,
    /// What the reader is still preparing ("analysing 5000 of 20025"), for
    /// the status line.
    pub progress: Option<String>,
    /// Finds the articles whose text matches a query, when there is an index.
    pub text_index: Option<Box<dyn TextIndex>>,
    /// The text hit jumped to, highlighted: article and byte range.
    pub hit: Option<(usize, std::ops::Range<usize>)>,
    /// The text hits of the last text search, which n/N walk while the last
    /// jump came from it.
    text_walk: Vec<TextHit>,
    walking_text: bool,
    /// The finder's query changed: its text search is to run once no key
    /// is waiting (a search may take tens of milliseconds; a key may not).
    text_search_due: bool,
    /// Set when the corrections changed and are not saved yet; whoever runs
    /// the reader saves them and clears it.
    pub corrections_changed: bool,
    pub quit: bool,
}

impl App {
    pub fn new(index: CorpusIndex) -> App {
        let mut app = App {
            index,
            keymap: Keymap::default(),
            colors: ColorMode::default(),
            focus: Pane::Articles,
            article: 0,
            article_offset: 0,
            text_scroll: 0,
            entities: Vec::new(),
            entity_cursor: 0,
            entity_offset: 0,
            actor: None,
            xref: Vec::new(),
            xref_cursor: 0,
            xref_offset: 0,
            xref_rows: Vec::new(),
            finder_items: None,
            current: None,
            history: Vec::new(),
            overlay: Overlay::None,
            area: Rect::new(0, 0, view::FULL_WIDTH, view::FULL_HEIGHT),
            layout: TextLayout::default(),
            message: None,
            progress: None,
            text_index: None,
            hit: None,
            text_walk: Vec::new(),
            walking_text: false,
            text_search_due: false,
            corrections_changed: false,
            quit: false,
        };
        app.open_article(0);
        app.follow_cursors();
        // Built now rather than on the first `/`: a key must never wait for it.
        app.finder_items = Some(std::sync::Arc::new(Finder::items(&app.index)));
        app.message = app.load_notice();
        app
    }

    /// "2 files could not be read — ! shows why", when some could not.
    fn load_notice(&self) -> Option<String> {
        let n = self.index.issues.len();
        let key = self
            .keymap
            .describe_keys(Mode::Normal, Action::ToggleReport);
        (n > 0).then(|| {
            let what = if n == 1 {
                "1 file or record"
            } else {
                "files or records"
            };
            let count = if n == 1 {
                String::new()
            } else {
                format!("{n} ")
            };
            match key {
                Some(key) => format!("{count}{what} could not be read — {key} shows why"),
                None => format!("{count}{what} could not be read"),
            }
        })
    }

    /// Which keymap table applies now.
    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::None => Mode::Normal,
            Overlay::Help { .. } => Mode::Help,
            Overlay::Report { .. } => Mode::Report,
            Overlay::Finder(_) => Mode::Finder,
            Overlay::ActorPage(_) => Mode::ActorPage,
            Overlay::Overview(_) => Mode::Overview,
        }
    }

    pub fn action_for(&self, key: Key) -> Option<Action> {
        self.keymap.action(self.mode(), key)
    }

    /// Looks up `key` and applies its action; true when anything changed.
    pub fn handle_key(&mut self, key: Key) -> bool {
        match self.action_for(key) {
            Some(action) => self.update(action),
            None => false,
        }
    }

    /// Applies `action`; true when anything on screen may have changed.
    pub fn update(&mut self, action: Action) -> bool {
        // A note stays until the next key; a resize is not one.
        let had_message = !matches!(action, Action::Resize { .. }) && self.message.take().is_some();
        let changed = match action {
            Action::Resize { width, height } => {
                self.area = Rect::new(0, 0, width, height);
                self.relayout();
                true
            }
            Action::Quit => {
                self.quit = true;
                true
            }
            _ => match self.mode() {
                Mode::Normal => self.update_normal(action),
                Mode::Help | Mode::Report => self.update_scrolled(action),
                Mode::Finder => self.update_finder(action),
                Mode::ActorPage => self.update_actor_page(action),
                Mode::Overview => self.update_overview(action),
            },
        };
        self.follow_cursors();
        changed || had_message || self.message.is_some()
    }

    fn update_normal(&mut self, action: Action) -> bool {
        match action {
            Action::FocusNext => self.set_focus(self.focus.next()),
            Action::FocusPrev => self.set_focus(self.focus.prev()),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-self.page()),
            Action::PageDown => self.move_by(self.page()),
            Action::HalfPageUp => self.move_by(-(self.page() / 2).max(1)),
            Action::HalfPageDown => self.move_by((self.page() / 2).max(1)),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Select => self.select(),
            Action::NextMention => self.step_mention(1),
            Action::PrevMention => self.step_mention(-1),
            Action::Back => self.back(),
            Action::OpenFinder => {
                self.overlay = Overlay::Finder(self.finder(FinderPurpose::Jump));
                true
            }
            Action::ToggleHelp => {
                self.overlay = Overlay::Help { scroll: 0 };
                true
            }
            Action::ToggleReport => {
                self.overlay = Overlay::Report { scroll: 0 };
                true
            }
            Action::OpenActorPage => self.open_actor_page(),
            Action::OpenOverview => {
                self.open_overview();
                true
            }
            Action::NextName => self.step_name(1),
            Action::PrevName => self.step_name(-1),
            Action::MergeActor => self.start_merge(),
            Action::SplitMention => self.split(false),
            Action::SplitAlias => self.split(true),
            Action::Undo => self.undo(),
            _ => false,
        }
    }

    /// The help screen and the load report: text that scrolls and closes.
    fn update_scrolled(&mut self, action: Action) -> bool {
        let last = self.overlay_scroll_limit();
        let (Overlay::Help { scroll } | Overlay::Report { scroll }) = &mut self.overlay else {
            return false;
        };
        match action {
            Action::Down if *scroll < last => {
                *scroll += 1;
                true
            }
            Action::Up if *scroll > 0 => {
                *scroll -= 1;
                true
            }
            Action::CloseOverlay | Action::ToggleHelp | Action::ToggleReport => {
                self.overlay = Overlay::None;
                true
            }
            _ => false,
        }
    }

    /// How far the help screen or the load report scrolls: until its last
    /// line is at the bottom of the popup, which is at most as tall as the
    /// screen.
    fn overlay_scroll_limit(&self) -> usize {
        let lines = match self.overlay {
            Overlay::Help { .. } => {
                let help = self.keymap.help();
                // Per mode a heading and its rows; a blank line between modes.
                help.iter().map(|(_, rows)| rows.len() + 1).sum::<usize>() + help.len() - 1
            }
            Overlay::Report { .. } => {
                let width = usize::from(self.area.width.min(view::REPORT_WIDTH))
                    .saturating_sub(2)
                    .max(1);
                // The heading and a blank line, then each issue as wrapped.
                2 + self
                    .index
                    .issues
                    .iter()
                    .map(|issue| issue.to_string().width().div_ceil(width).max(1))
                    .sum::<usize>()
            }
            _ => 0,
        };
        let shown = usize::from(self.area.height.saturating_sub(2)).max(1);
        lines.saturating_sub(shown)
    }

    fn update_finder(&mut self, action: Action) -> bool {
        let Overlay::Finder(finder) = &mut self.overlay else {
            return false;
        };
        match action {
            Action::FinderInput(c) => {
                finder.push(c);
                self.text_search_due = true;
                true
            }
            Action::FinderBackspace => {
                let changed = finder.backspace();
                self.text_search_due = true;
                changed
            }
            Action::FinderClear => {
                let changed = finder.clear();
                self.text_search_due = true;
                changed
            }
            Action::Down => finder.move_cursor(1),
            Action::Up => finder.move_cursor(-1),
            Action::CloseOverlay => {
                self.overlay = Overlay::None;
                true
            }
            Action::Select => {
                let target = finder.selected();
                let purpose = finder.purpose;
                let hits = std::mem::take(&mut finder.text_hits);
                self.overlay = Overlay::None;
                if matches!(target, Some(Target::Text { .. })) {
                    self.text_walk = hits;
                }
                match (purpose, target) {
                    (FinderPurpose::Jump, Some(target)) => self.go_to_target(target),
                    (FinderPurpose::MergeInto(from), Some(Target::Actor(into))) => {
                        self.merge(from, into)
                    }
                    (_, _) => {}
                }
                true
            }
            _ => false,
        }
    }

    /// True when work was put off until no key is waiting.
    pub fn has_due_work(&self) -> bool {
        self.text_search_due
    }

    /// Does the work put off (the finder's text search); true when the
    /// screen changed.
    pub fn run_due_work(&mut self) -> bool {
        if !std::mem::take(&mut self.text_search_due) {
            return false;
        }
        self.refresh_text_hits();
        matches!(self.overlay, Overlay::Finder(_))
    }

    /// Runs the finder's query against the article texts.
    fn refresh_text_hits(&mut self) {
        let Overlay::Finder(finder) = &mut self.overlay else {
            return;
        };
        let query = finder.query.trim();
        let hits = match (&self.text_index, TextQuery::parse(query)) {
            (Some(index), Some(parsed))
                if finder.purpose == FinderPurpose::Jump
                    && query.chars().count() >= TEXT_SEARCH_FROM =>
            {
                index
                    .search(&parsed, TEXT_HITS)
                    .into_iter()
                    .filter_map(|article| {
                        let text = &self.index.articles.get(article)?.text;
                        let at = parsed.locate(text).unwrap_or(0..0);
                        let (snippet, snippet_hit) = snippet(text, at.clone());
                        Some(TextHit {
                            article,
                            start: at.start,
                            end: at.end,
                            snippet,
                            snippet_hit,
                        })
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        finder.set_text_hits(hits);
    }

    /// Opens an article at a text hit, highlighted.
    fn go_to_text(&mut self, article: usize, at: std::ops::Range<usize>) {
        self.push_history();
        if article != self.article {
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
    fn step_text_hit(&mut self, step: isize) -> bool {
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
        self.message = Some(format!("text hit {} of {}", next + 1, len));
        true
    }

    fn go_to_target(&mut self, target: Target) {
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
                let here = mentions.iter().find(|r| r.article == self.article);
                if let Some(&r) = here.or(mentions.first()) {
                    self.jump_to(r);
                }
                self.focus = Pane::Xref;
            }
        }
    }

    // ---- corrections ----

    /// The actor a merge applies to: the entity under the cursor, else the
    /// actor of the highlighted mention, else the one cross-referenced.
    fn actor_under_cursor(&self) -> Option<ActorId> {
        match self.focus {
            Pane::Entities => self.entities.get(self.entity_cursor).map(|&(a, _)| a),
            Pane::Xref => self.actor,
            Pane::Text | Pane::Articles => {
                self.current.map(|r| self.index.actor_of(r)).or(self.actor)
            }
        }
    }

    /// The mention a split applies to: the cross-reference under the
    /// cursor, else the mention highlighted in the text.
    fn mention_under_cursor(&self) -> Option<MentionRef> {
        match self.focus {
            Pane::Xref => self.xref.get(self.xref_cursor).copied(),
            _ => self.current,
        }
    }

    fn start_merge(&mut self) -> bool {
        match self.actor_under_cursor() {
            Some(actor) => {
                let finder = self.finder(FinderPurpose::MergeInto(actor));
                self.overlay = Overlay::Finder(finder);
            }
            None => self.message = Some(self.hint_for_selecting()),
        }
        true
    }

    fn finder(&mut self, purpose: FinderPurpose) -> Finder {
        let items = self
            .finder_items
            .get_or_insert_with(|| std::sync::Arc::new(Finder::items(&self.index)));
        Finder::over(items.clone(), purpose)
    }

    fn merge(&mut self, from: ActorId, into: ActorId) {
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
    fn split(&mut self, every_alike: bool) -> bool {
        let Some(r) = self.mention_under_cursor() else {
            self.message = Some(
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
    fn correct(&mut self, op: Correction, select: ActorId, done: String) {
        let before = self.actor_trail();
        match self.index.push_correction(op) {
            Ok(()) => {
                self.corrections_changed = true;
                self.after_corrections(&before, Some(select));
                self.message = Some(
                    match self.keymap.describe_keys(Mode::Normal, Action::Undo) {
                        Some(keys) => format!("{done} — {keys} to undo"),
                        None => done,
                    },
                );
            }
            Err(reason) => self.message = Some(format!("nothing changed: {reason}")),
        }
    }

    fn undo(&mut self) -> bool {
        let before = self.actor_trail();
        if self.index.undo_correction().is_none() {
            self.message = Some("no correction to undo".to_string());
            return true;
        }
        self.corrections_changed = true;
        self.after_corrections(&before, self.actor);
        self.message = Some(match self.index.corrections().ops.len() {
            0 => "Undid the last correction; none left".to_string(),
            1 => "Undid the last correction; 1 left".to_string(),
            n => format!("Undid the last correction; {n} left"),
        });
        true
    }

    /// Takes the analysed corpus, or more of its texts, in place of the one
    /// shown (the same articles in the same order, perhaps more after them,
    /// now perhaps with entities and actors): the article and place read
    /// stay; what depended on actors starts afresh.
    pub fn replace_index(&mut self, index: CorpusIndex) {
        debug_assert!(index.articles.len() >= self.index.articles.len());
        let more_problems = index.issues.len() > self.index.issues.len();
        self.index = index;
        if more_problems {
            self.message = self.load_notice();
        }
        self.actor = None;
        self.set_xref(Vec::new());
        self.current = None;
        for location in &mut self.history {
            location.actor = None;
            location.current = None;
        }
        self.entities = self.sorted_entities();
        self.entity_cursor = 0;
        self.entity_offset = 0;
        self.finder_items = Some(std::sync::Arc::new(Finder::items(&self.index)));
        if let Overlay::Finder(_) = self.overlay {
            self.overlay = Overlay::None;
        }
        self.follow_cursors();
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
    fn actor_trail(&self) -> Vec<(String, Option<MentionRef>)> {
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
    fn after_corrections(
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
        self.entities = self.sorted_entities();
        let cursor = self.xref_cursor;
        self.actor = None;
        self.set_xref(Vec::new());
        if let Some(actor) = selected {
            self.select_actor(actor);
            // Where the reader works through the list, the cursor stays put
            // (x, x, x splits one row after another); elsewhere it follows
            // the highlighted mention.
            let here = self.current.and_then(|c| self.xref_position(c));
            let kept = cursor.min(self.xref.len().saturating_sub(1));
            self.xref_cursor = match (self.focus, here) {
                (Pane::Xref, _) | (_, None) => kept,
                (_, Some(here)) => here,
            };
        }
        self.entity_cursor = selected
            .and_then(|a| self.entities.iter().position(|&(e, _)| e == a))
            .unwrap_or(
                self.entity_cursor
                    .min(self.entities.len().saturating_sub(1)),
            );
    }

    // ---- focus and movement ----

    fn set_focus(&mut self, pane: Pane) -> bool {
        let changed = self.focus != pane;
        self.focus = pane;
        if changed {
            self.relayout();
        }
        changed
    }

    /// The area of `pane` on the current screen (empty when hidden).
    pub fn pane_area(&self, pane: Pane) -> Rect {
        view::screen(self.area, self.focus).pane(pane)
    }

    /// Lines the text pane shows, whether or not it is on screen now.
    pub fn text_height(&self) -> usize {
        let area = view::screen(self.area, Pane::Text).text;
        usize::from(view::inner(area).height).max(1)
    }

    fn text_width(&self) -> usize {
        let area = view::screen(self.area, Pane::Text).text;
        usize::from(view::inner(area).width).max(1)
    }

    /// Rows of `pane` inside its frame, whether or not it is on screen now.
    fn list_height(&self, pane: Pane) -> usize {
        let area = view::screen(self.area, pane).pane(pane);
        usize::from(view::inner(area).height).max(1)
    }

    /// Scrolls each list just enough to keep its cursor in view (and a
    /// cross-reference's heading, when the cursor is on its group's first
    /// mention).
    fn follow_cursors(&mut self) {
        let articles_shown = (self.list_height(Pane::Articles) / ARTICLE_ROWS).max(1);
        self.article_offset = scroll::follow(
            self.article_offset,
            self.article..self.article + 1,
            self.index.articles.len(),
            articles_shown,
        );
        self.entity_offset = scroll::follow(
            self.entity_offset,
            self.entity_cursor..self.entity_cursor + 1,
            self.entities.len(),
            self.list_height(Pane::Entities),
        );
        let keep = if self.xref.is_empty() {
            0..0
        } else {
            let row = self.xref_row(self.xref_cursor);
            let heading = usize::from(self.xref_starts_group(self.xref_cursor));
            row - heading..row + 1
        };
        let rows = self.xref_row(self.xref.len());
        self.xref_offset =
            scroll::follow(self.xref_offset, keep, rows, self.list_height(Pane::Xref));
    }

    /// True when cross-reference `i` is the first of its article, shown
    /// under a heading naming the article.
    pub fn xref_starts_group(&self, i: usize) -> bool {
        i < self.xref.len() && (i == 0 || self.xref[i - 1].article != self.xref[i].article)
    }

    /// The row of cross-reference `i` in the list, below its heading and
    /// those of the groups before it (`xref.len()` gives the row count).
    pub fn xref_row(&self, i: usize) -> usize {
        match self.xref_rows.get(i) {
            Some(&row) => row,
            None => self
                .xref_rows
                .last()
                .map_or(0, |&row| row + 1 + i - self.xref.len()),
        }
    }

    /// The first cross-reference on row `row` or below.
    pub fn xref_at_row(&self, row: usize) -> usize {
        self.xref_rows.partition_point(|&r| r < row)
    }

    /// Where mention `r` is in the cross-references, if it is there: they
    /// are sorted by source rank, then mention, so a binary search finds it.
    pub fn xref_position(&self, r: MentionRef) -> Option<usize> {
        let key = |m: &MentionRef| (self.index.source_rank(m.article), *m);
        self.xref.binary_search_by_key(&key(&r), key).ok()
    }

    fn set_xref(&mut self, xref: Vec<MentionRef>) {
        let mut rows = Vec::with_capacity(xref.len());
        let mut row = 0;
        for (i, r) in xref.iter().enumerate() {
            if i == 0 || xref[i - 1].article != r.article {
                row += 1;
            }
            rows.push(row);
            row += 1;
        }
        self.xref = xref;
        self.xref_rows = rows;
    }

    /// The rows one page of the focused pane moves by.
    fn page(&self) -> isize {
        let rows = self.list_height(self.focus);
        let rows = match self.focus {
            Pane::Articles => rows / ARTICLE_ROWS,
            _ => rows,
        };
        isize::try_from(rows).unwrap_or(isize::MAX).max(1)
    }

    fn move_by(&mut self, delta: isize) -> bool {
        match self.focus {
            Pane::Articles => {
                let len = self.index.articles.len();
                let next = clamp_step(self.article, delta, len);
                next != self.article && {
                    self.open_article(next);
                    true
                }
            }
            Pane::Text => {
                let next = clamp_step(self.text_scroll, delta, self.max_scroll() + 1);
                replace(&mut self.text_scroll, next)
            }
            Pane::Entities => {
                let next = clamp_step(self.entity_cursor, delta, self.entities.len());
                replace(&mut self.entity_cursor, next)
            }
            Pane::Xref => {
                let next = clamp_step(self.xref_cursor, delta, self.xref.len());
                replace(&mut self.xref_cursor, next)
            }
        }
    }

    fn max_scroll(&self) -> usize {
        self.layout.lines.len().saturating_sub(self.text_height())
    }

    /// Wrapped lines visible in the text pane.
    pub fn text_viewport(&self) -> std::ops::Range<usize> {
        self.text_scroll..self.text_scroll + self.text_height()
    }

    /// True when mention `r` is in the article shown and on a visible line.
    pub fn is_visible(&self, r: MentionRef) -> bool {
        r.article == self.article
            && self
                .text_viewport()
                .contains(&self.layout.line_of(self.index.mention(r).start))
    }

    // ---- articles, actors, mentions ----

    fn open_article(&mut self, article: usize) {
        self.article = article.min(self.index.articles.len().saturating_sub(1));
        self.text_scroll = 0;
        self.entities = self.sorted_entities();
        self.entity_offset = 0;
        self.entity_cursor = self
            .actor
            .and_then(|a| self.entities.iter().position(|(e, _)| *e == a))
            .unwrap_or(0);
        if self.current.is_some_and(|r| r.article != self.article) {
            self.current = None;
        }
        if self.hit.as_ref().is_some_and(|(a, _)| *a != self.article) {
            self.hit = None;
        }
        self.relayout();
    }

    /// The article's actors: by type, then most mentioned, then first seen.
    fn sorted_entities(&self) -> Vec<(ActorId, usize)> {
        if self.index.articles.is_empty() {
            return Vec::new();
        }
        let mut entities = self.index.article_actors(self.article);
        entities.sort_by_key(|&(a, n)| (self.index.actors[a].kind, std::cmp::Reverse(n)));
        entities
    }

    /// Every mention of `actor`, grouped by source, then article.
    pub fn ordered_mentions(&self, actor: ActorId) -> Vec<MentionRef> {
        self.index.mentions_by_source(actor)
    }

    fn select_actor(&mut self, actor: ActorId) {
        if self.actor != Some(actor) {
            self.actor = Some(actor);
            self.set_xref(self.ordered_mentions(actor));
            self.xref_cursor = 0;
            // Another actor's list: its view starts from the top.
            self.xref_offset = 0;
        }
    }

    fn select(&mut self) -> bool {
        match self.focus {
            Pane::Articles => self.set_focus(Pane::Text),
            Pane::Text => self.open_marked_name(),
            Pane::Entities => {
                let Some(&(actor, _)) = self.entities.get(self.entity_cursor) else {
                    return false;
                };
                self.select_actor(actor);
                if let Some(pos) = self.xref.iter().position(|r| r.article == self.article) {
                    let r = self.xref[pos];
                    self.xref_cursor = pos;
                    self.current = Some(r);
                    self.scroll_to(r);
                }
                self.set_focus(Pane::Xref);
                true
            }
            Pane::Xref => match self.xref.get(self.xref_cursor) {
                Some(&r) => {
                    self.jump_to(r);
                    self.set_focus(Pane::Text);
                    true
                }
                None => false,
            },
        }
    }

    /// n/N: the next or previous mention of the actor, across the corpus.
    fn step_mention(&mut self, step: isize) -> bool {
        if self.walking_text && !self.text_walk.is_empty() {
            return self.step_text_hit(step);
        }
        if self.actor.is_none() || self.xref.is_empty() {
            self.message = Some(self.hint_for_selecting());
            return true;
        }
        let len = self.xref.len() as isize;
        let from = self.current.and_then(|c| self.xref_position(c));
        let next = match from {
            Some(i) => (i as isize + step).rem_euclid(len) as usize,
            None => {
                // Start from the article shown when it has a mention.
                let here = self.xref.iter().position(|r| r.article >= self.article);
                let first = here.unwrap_or(0);
                if step > 0 {
                    first
                } else {
                    (first as isize - 1).rem_euclid(len) as usize
                }
            }
        };
        if from.is_some_and(|i| i == next) {
            self.message = Some("the only mention".to_string());
            return true;
        }
        if from.is_some_and(|i| (step > 0) == (next < i)) {
            self.message = Some("wrapped around the corpus".to_string());
        }
        self.jump_to(self.xref[next]);
        true
    }

    fn hint_for_selecting(&self) -> String {
        match self.keymap.describe_keys(Mode::Normal, Action::Select) {
            Some(keys) => format!("no actor selected: {keys} on an entity selects one"),
            None => "no actor selected".to_string(),
        }
    }

    /// Shows mention `r`: opens its article, highlights it and scrolls to it.
    /// The place left is remembered for [`Action::Back`].
    pub fn jump_to(&mut self, r: MentionRef) {
        self.push_history();
        self.walking_text = false;
        self.hit = None;
        if r.article != self.article {
            self.open_article(r.article);
        }
        self.make_current(r);
        self.scroll_to(r);
    }

    /// Makes mention `r` of the open article the current one: its actor
    /// selected, and the cross-reference and entity cursors on it.
    fn make_current(&mut self, r: MentionRef) {
        self.select_actor(self.index.actor_of(r));
        self.current = Some(r);
        if let Some(pos) = self.xref_position(r) {
            self.xref_cursor = pos;
        }
        if let Some(pos) = self
            .entities
            .iter()
            .position(|&(a, _)| Some(a) == self.actor)
        {
            self.entity_cursor = pos;
        }
    }

    /// Scrolls the text so that mention `r` is visible, a third of the way
    /// down when the text has to move.
    fn scroll_to(&mut self, r: MentionRef) {
        let line = self.layout.line_of(self.index.mention(r).start);
        if !self.text_viewport().contains(&line) {
            self.text_scroll = line
                .saturating_sub(self.text_height() / 3)
                .min(self.max_scroll());
        }
    }

    fn location(&self) -> Location {
        Location {
            article: self.article,
            top: self
                .layout
                .lines
                .get(self.text_scroll)
                .map_or(0, |l| l.start),
            current: self.current,
            actor: self.actor,
            xref_cursor: self.xref_cursor,
            entity_cursor: self.entity_cursor,
            focus: self.focus,
        }
    }

    fn push_history(&mut self) {
        let here = self.location();
        if self.history.last() != Some(&here) {
            self.history.push(here);
        }
        if self.history.len() > HISTORY_LIMIT {
            self.history.remove(0);
        }
    }

    fn back(&mut self) -> bool {
        let Some(to) = self.history.pop() else {
            self.message = Some("no earlier position".to_string());
            return true;
        };
        if to.article != self.article {
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
        self.xref_cursor = to.xref_cursor.min(self.xref.len().saturating_sub(1));
        self.entity_cursor = to.entity_cursor.min(self.entities.len().saturating_sub(1));
        self.focus = to.focus;
        self.relayout();
        self.text_scroll = self.layout.line_of(to.top).min(self.max_scroll());
        true
    }

    /// Re-wraps the article when it or the text width changed, keeping the
    /// first line shown in place.
    fn relayout(&mut self) {
        let width = self.text_width();
        if self.layout.article == self.article
            && self.layout.width == width
            && !self.layout.lines.is_empty()
        {
            self.text_scroll = self.text_scroll.min(self.max_scroll());
            return;
        }
        let same_article = self.layout.article == self.article;
        let top = self
            .layout
            .lines
            .get(self.text_scroll)
            .map_or(0, |l| l.start);
        let text = self
            .index
            .articles
            .get(self.article)
            .map_or("", |a| a.text.as_str());
        self.layout = TextLayout::new(self.article, text, width);
        self.text_scroll = if same_article {
            self.layout.line_of(top).min(self.max_scroll())
        } else {
            0
        };
    }

    /// "3/12 · 2 src" for the selected actor: the position of
    /// the current mention (if any), the total, and the number of sources.
    pub fn mention_position(&self) -> Option<(Option<usize>, usize, usize)> {
        let actor = self.actor?;
        let position = self
            .current
            .and_then(|c| self.xref_position(c))
            .map(|i| i + 1);
        Some((position, self.xref.len(), self.index.source_count(actor)))
    }
}

/// Up to about 70 characters of `text` around `at` on one line, and where
/// `at` is in it.
fn snippet(text: &str, at: std::ops::Range<usize>) -> (String, std::ops::Range<usize>) {
    const BEFORE: usize = 25;
    const AFTER: usize = 45;
    let start = text[..at.start]
        .char_indices()
        .rev()
        .nth(BEFORE - 1)
        .map_or(0, |(i, _)| i);
    let end = text[at.end..]
        .char_indices()
        .nth(AFTER)
        .map_or(text.len(), |(i, _)| at.end + i);
    let flat = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    let before = flat(&text[start..at.start]);
    let hit = flat(&text[at.clone()]);
    let after = flat(&text[at.end..end]);
    let lead = if start > 0 { "…" } else { "" };
    let from = lead.len() + before.len();
    (
        format!("{lead}{before}{hit}{after}"),
        from..from + hit.len(),
    )
}

/// `from + delta`, kept within `0..len`.
fn clamp_step(from: usize, delta: isize, len: usize) -> usize {
    from.saturating_add_signed(delta).min(len.saturating_sub(1))
}

/// Sets `slot` to `value`; true when that changed it.
fn replace<T: PartialEq>(slot: &mut T, value: T) -> bool {
    let changed = *slot != value;
    *slot = value;
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::resolve::{Actor, Resolution};
    use crate::analysis::{AnalyzedText, EntityKind, Mention, Token};
    use crate::corpus::{Article, Corpus};

    const ACTORS: &[(&str, EntityKind)] = &[
        ("Jabhat al-Nusra", EntityKind::Organisation),
        ("Aleppo", EntityKind::Location),
        ("Sergey Ryabkov", EntityKind::Person),
    ];

    /// Two articles from two sources; mentions found by their surface forms.
    fn index() -> CorpusIndex {
        let filler = "Nothing of note happened in this sentence at all.\n".repeat(30);
        index_of(vec![
            (
                Some("TASS"),
                format!(
                    "Talks on Aleppo\n\nNusra fighters left Aleppo. Ryabkov spoke.\n{filler}Nusra again.\n"
                ),
            ),
            (
                Some("Tasnim"),
                "Geneva talks\n\nJabhat Fateh al-Sham left Aleppo.\n".to_string(),
            ),
        ])
    }

    /// `n` articles from no known source, each naming Aleppo twice.
    fn many_articles(n: usize) -> CorpusIndex {
        index_of(
            (0..n)
                .map(|i| (None, format!("Report {i}\n\nAleppo held. Aleppo again.\n")))
                .collect(),
        )
    }

    /// Articles with their sources (if known); mentions found by their surface forms.
    fn index_of(texts: Vec<(Option<&str>, String)>) -> CorpusIndex {
        let forms: &[(&str, usize)] = &[
            ("Nusra", 0),
            ("Jabhat Fateh al-Sham", 0),
            ("Aleppo", 1),
            ("Ryabkov", 2),
        ];
        let mut articles = Vec::new();
        let mut analyses = Vec::new();
        let mut mention_actor = Vec::new();
        for (source, text) in texts {
            let mut found: Vec<(usize, usize, usize)> = Vec::new();
            for &(form, actor) in forms {
                for (start, _) in text.match_indices(form) {
                    found.push((start, start + form.len(), actor));
                }
            }
            found.sort();
            analyses.push(AnalyzedText {
                tokens: vec![Token {
                    start: 0,
                    end: text.len(),
                }],
                sentences: std::iter::once(0..1).collect(),
                mentions: found
                    .iter()
                    .map(|&(start, end, actor)| Mention {
                        start,
                        end,
                        kind: ACTORS[actor].1,
                        sentence: 0,
                    })
                    .collect(),
            });
            mention_actor.push(found.iter().map(|f| f.2).collect());
            let title = text.lines().next().unwrap().to_string();
            articles.push(Article {
                path: format!("news/{}.txt", source.unwrap_or(&title)),
                title,
                source: source.map(str::to_string),
                date: Some("2016-10-19".to_string()),
                place: None,
                url: None,
                text,
                encoding: None,
            });
        }
        let actors = ACTORS
            .iter()
            .map(|&(name, kind)| Actor {
                id: name.to_lowercase(),
                name: name.to_string(),
                kind,
                aliases: vec![name.to_string()],
                descriptors: Vec::new(),
            })
            .collect();
        CorpusIndex::from_parts(
            Corpus {
                articles,
                issues: Vec::new(),
            },
            analyses,
            Resolution {
                actors,
                mention_actor,
            },
        )
    }

    fn app() -> App {
        let mut app = App::new(index());
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        app
    }

    fn focus_entity(app: &mut App, name: &str) {
        app.focus = Pane::Entities;
        app.entity_cursor = app
            .entities
            .iter()
            .position(|&(a, _)| app.index.actors[a].name == name)
            .unwrap();
    }

    #[test]
    fn starts_on_the_first_article_with_its_entities() {
        let app = app();
        assert_eq!(app.article, 0);
        assert_eq!(app.focus, Pane::Articles);
        // By type: person, organisation, location.
        let names: Vec<&str> = app
            .entities
            .iter()
            .map(|&(a, _)| app.index.actors[a].name.as_str())
            .collect();
        assert_eq!(names, ["Sergey Ryabkov", "Jabhat al-Nusra", "Aleppo"]);
        assert_eq!(app.entities[1].1, 2);
    }

    #[test]
    fn moving_reports_change_only_when_something_moved() {
        let mut app = app();
        assert!(!app.update(Action::Up));
        assert!(app.update(Action::Down));
        assert_eq!(app.article, 1);
        assert!(!app.update(Action::Down));
        assert!(app.update(Action::Top));
        assert_eq!(app.article, 0);
        assert!(app.update(Action::FocusNext));
        assert_eq!(app.focus, Pane::Text);
        assert!(app.update(Action::HalfPageDown));
        assert!(app.text_scroll > 0);
        assert!(app.update(Action::Bottom));
        let bottom = app.text_scroll;
        assert_eq!(bottom + app.text_height(), app.layout.lines.len());
        assert!(!app.update(Action::PageDown));
        assert!(app.update(Action::FocusPrev));
        assert_eq!(app.focus, Pane::Articles);
    }

    #[test]
    fn selecting_an_entity_lists_its_mentions_across_sources() {
        let mut app = app();
        focus_entity(&mut app, "Jabhat al-Nusra");
        assert!(app.update(Action::Select));
        assert_eq!(app.focus, Pane::Xref);
        assert_eq!(app.actor, Some(0));
        let articles: Vec<usize> = app.xref.iter().map(|r| r.article).collect();
        assert_eq!(articles, [0, 0, 1]);
        assert_eq!(app.current, Some(app.xref[0]));
        assert_eq!(app.mention_position(), Some((Some(1), 3, 2)));
    }

    #[test]
    fn opening_a_cross_reference_and_coming_back() {
        let mut app = app();
        focus_entity(&mut app, "Jabhat al-Nusra");
        app.update(Action::Select);
        let before = (app.article, app.text_scroll, app.current);
        app.update(Action::Bottom);
        assert!(app.update(Action::Select));
        assert_eq!(app.article, 1);
        assert_eq!(app.focus, Pane::Text);
        let current = app.current.unwrap();
        assert_eq!(app.index.mention_text(current), "Jabhat Fateh al-Sham");
        assert!(app.is_visible(current));
        assert!(app.update(Action::Back));
        assert_eq!((app.article, app.text_scroll, app.current), before);
        assert_eq!(app.focus, Pane::Xref);
        assert!(app.update(Action::Back));
        assert_eq!(app.message.as_deref(), Some("no earlier position"));
    }

    #[test]
    fn next_mention_crosses_articles_scrolls_and_wraps() {
        let mut app = app();
        assert!(app.update(Action::NextMention));
        assert!(
            app.message
                .as_deref()
                .unwrap()
                .contains("no actor selected")
        );
        focus_entity(&mut app, "Jabhat al-Nusra");
        app.update(Action::Select);
        app.update(Action::NextMention);
        // The second TASS mention is far down: the text scrolled to it.
        let second = app.current.unwrap();
        assert_eq!((second.article, app.article), (0, 0));
        assert!(app.text_scroll > 0);
        assert!(app.is_visible(second));
        app.update(Action::NextMention);
        assert_eq!(app.article, 1);
        app.update(Action::NextMention);
        assert_eq!(app.current, Some(app.xref[0]));
        assert_eq!(app.message.as_deref(), Some("wrapped around the corpus"));
        app.update(Action::PrevMention);
        assert_eq!(app.article, 1);
        assert_eq!(app.history.len(), 4);
    }

    #[test]
    fn finder_jumps_to_an_actor_and_closes() {
        let mut app = app();
        app.update(Action::Down);
        assert!(app.update(Action::OpenFinder));
        assert_eq!(app.mode(), Mode::Finder);
        // Letters are typed, even those bound elsewhere.
        for c in "ryab".chars() {
            assert!(app.handle_key(Key::char(c)));
        }
        assert!(app.update(Action::Select));
        assert_eq!(app.mode(), Mode::Normal);
        assert_eq!(app.actor, Some(2));
        assert_eq!(app.article, 0);
        assert_eq!(app.focus, Pane::Xref);
        assert!(app.update(Action::Back));
        assert_eq!(app.article, 1);
        app.update(Action::OpenFinder);
        assert!(app.handle_key(Key::plain(KeyCode::Esc)));
        assert_eq!(app.overlay, Overlay::None);
    }

    #[test]
    fn finder_opens_articles_by_title() {
        let mut app = app();
        app.update(Action::OpenFinder);
        for c in "geneva talks".chars() {
            app.update(Action::FinderInput(c));
        }
        app.update(Action::Select);
        assert_eq!(app.article, 1);
        assert_eq!(app.focus, Pane::Text);
    }

    #[test]
    fn help_opens_scrolls_and_closes() {
        let mut app = app();
        assert!(app.handle_key(Key::char('?')));
        assert_eq!(app.mode(), Mode::Help);
        assert!(app.handle_key(Key::char('j')));
        assert_eq!(app.overlay, Overlay::Help { scroll: 1 });
        // Scrolling stops once the last line is at the bottom of the screen.
        while app.handle_key(Key::char('j')) {}
        let help = app.keymap.help();
        let lines = help.iter().map(|(_, rows)| rows.len() + 2).sum::<usize>() - 1;
        assert_eq!(app.overlay, Overlay::Help { scroll: lines - 22 });
        assert!(app.handle_key(Key::plain(KeyCode::Esc)));
        assert_eq!(app.mode(), Mode::Normal);
        assert!(app.handle_key(Key::char('q')));
        assert!(app.quit);
    }

    #[test]
    fn load_problems_are_announced_and_listed() {
        assert_eq!(app().message, None, "nothing to report");
        let mut index = index();
        index.issues = vec![
            crate::corpus::LoadIssue::new(
                "news/broken.json",
                crate::corpus::IssueKind::Malformed,
                "expected value",
            )
            .at_line(3),
            crate::corpus::LoadIssue::new(
                "news/empty.txt",
                crate::corpus::IssueKind::Empty,
                "empty file",
            ),
        ];
        let mut app = App::new(index);
        assert_eq!(
            app.message.as_deref(),
            Some("2 files or records could not be read — ! shows why")
        );
        assert!(app.handle_key(Key::char('!')));
        assert_eq!(app.mode(), Mode::Report);
        // Four lines fit: nothing to scroll, unless the screen is tiny.
        assert!(!app.handle_key(Key::char('j')));
        app.update(Action::Resize {
            width: 80,
            height: 5,
        });
        assert!(app.handle_key(Key::char('j')));
        assert_eq!(app.overlay, Overlay::Report { scroll: 1 });
        assert!(!app.handle_key(Key::char('j')));
        assert!(app.handle_key(Key::char('!')));
        assert_eq!(app.mode(), Mode::Normal);
    }

    fn app_of(index: CorpusIndex) -> App {
        let mut app = App::new(index);
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        app
    }

    #[test]
    fn the_article_list_scrolls_only_when_the_cursor_leaves_it() {
        let mut app = app_of(many_articles(12));
        let shown = app.list_height(Pane::Articles) / ARTICLE_ROWS;
        assert!(shown >= 2, "{shown} articles shown");
        let mut offsets = Vec::new();
        for _ in 0..shown + 1 {
            app.update(Action::Down);
            offsets.push(app.article_offset);
        }
        // Still while the cursor moves within the view, then one at a time.
        assert!(offsets[..shown - 1].iter().all(|&o| o == 0), "{offsets:?}");
        assert_eq!(offsets[shown - 1..], [1, 2]);
        // Back up: the view stays until the cursor reaches its top row.
        let top = app.article_offset;
        for _ in 0..shown - 1 {
            app.update(Action::Up);
            assert_eq!(app.article_offset, top);
        }
        app.update(Action::Up);
        assert_eq!(app.article_offset, top - 1);
        assert_eq!(app.article, app.article_offset);
        // Far jumps put the cursor mid-view; the end of the list fills it.
        app.update(Action::Bottom);
        assert_eq!(app.article_offset, 12 - shown);
    }

    #[test]
    fn cross_references_scroll_with_their_headings() {
        let mut app = app_of(many_articles(12));
        focus_entity(&mut app, "Aleppo");
        app.update(Action::Select);
        assert_eq!(app.xref.len(), 24);
        // Two mentions under each article's heading.
        assert_eq!(app.xref_row(app.xref.len()), 36);
        assert!(app.xref_starts_group(2) && !app.xref_starts_group(3));
        assert_eq!((app.xref_row(2), app.xref_row(3)), (4, 5));
        let height = app.list_height(Pane::Xref);
        // Down to the last row shown: nothing moves.
        let rows_moved = |app: &App| app.xref_row(app.xref_cursor);
        while rows_moved(&app) + 1 < height {
            app.update(Action::Down);
            assert_eq!(app.xref_offset, 0);
        }
        app.update(Action::Down);
        app.update(Action::Down);
        let offset = app.xref_offset;
        assert!(offset > 0);
        let cursor_row = app.xref_row(app.xref_cursor);
        assert_eq!(cursor_row, offset + height - 1, "cursor on the last row");
        // Up: the view stays while the row above (with its heading, if it
        // starts a group) is in view.
        let top_of = |app: &App, i: usize| app.xref_row(i) - usize::from(app.xref_starts_group(i));
        while top_of(&app, app.xref_cursor - 1) >= app.xref_offset {
            app.update(Action::Up);
            assert_eq!(app.xref_offset, offset);
        }
        // Then it moves just enough, the heading of a group's first mention included.
        app.update(Action::Up);
        assert_eq!(app.xref_offset, top_of(&app, app.xref_cursor));
        while !app.xref_starts_group(app.xref_cursor) {
            app.update(Action::Up);
        }
        assert_eq!(app.xref_offset + 1, app.xref_row(app.xref_cursor));
    }

    #[test]
    fn the_texts_are_read_until_the_analysed_corpus_takes_their_place() {
        let full = index();
        let texts = CorpusIndex::texts_only(Corpus {
            articles: (*full.articles).clone(),
            issues: Vec::new(),
        });
        let mut app = app_of(texts);
        assert!(app.entities.is_empty());
        app.update(Action::Down);
        app.focus = Pane::Text;
        app.update(Action::PageDown);
        let (article, scroll) = (app.article, app.text_scroll);
        app.update(Action::OpenFinder);
        app.replace_index(full);
        // The same place, now with the article's actors; the finder, made
        // over no actors, is closed.
        assert_eq!((app.article, app.text_scroll), (article, scroll));
        assert_eq!(app.focus, Pane::Text);
        assert_eq!(app.mode(), Mode::Normal);
        assert!(!app.entities.is_empty());
        app.update(Action::OpenFinder);
        for c in "ryab".chars() {
            app.update(Action::FinderInput(c));
        }
        app.update(Action::Select);
        assert_eq!(app.actor, Some(2), "the finder knows the actors now");
    }

    #[test]
    fn resizing_keeps_the_first_line_shown() {
        let mut app = app();
        app.focus = Pane::Text;
        app.update(Action::PageDown);
        let top = app.layout.lines[app.text_scroll].start;
        assert!(app.update(Action::Resize {
            width: 120,
            height: 40
        }));
        let line = &app.layout.lines[app.text_scroll];
        assert!(line.start <= top && top <= line.end, "{line:?} {top}");
        // Tiny screens never panic and keep a usable state.
        for (w, h) in [(1, 1), (0, 0), (3, 2)] {
            app.update(Action::Resize {
                width: w,
                height: h,
            });
            app.update(Action::PageDown);
            app.update(Action::NextMention);
        }
    }
}
