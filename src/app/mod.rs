//! The reader's state: plain data, changed only by [`App::update`] with an
//! [`Action`]. Nothing here touches the terminal; drawing reads this state.

pub mod action;
pub mod actor_page;
mod corrections;
pub mod finder;
mod fuzzy;
mod geometry;
pub mod keymap;
mod list;
mod navigation;
mod overlays;
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

/// Whether and how the screen uses colour. The 16 named colours by default
/// (the terminal's own palette, so its theme decides); 256 and truecolor
/// only when the config asks. With `Plain`, entity types are shown by text
/// attributes and markers only (for NO_COLOR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorMode {
    #[default]
    Ansi16,
    Ansi256,
    TrueColor,
    Plain,
}

impl ColorMode {
    /// This mode, or `Plain` when NO_COLOR is set to anything non-empty
    /// (no-color.org): it wins over the config.
    pub fn unless_no_color(self) -> ColorMode {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => ColorMode::Plain,
            _ => self,
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

    /// Takes the analysed corpus in place of the one shown (the same
    /// articles, in the same order, now with entities and actors): the
    /// article and place read stay; what depended on actors starts afresh.
    pub fn replace_index(&mut self, index: CorpusIndex) {
        debug_assert_eq!(index.articles.len(), self.index.articles.len());
        self.index = index;
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
}

#[cfg(test)]
mod tests;
