//! The reader's state: plain data, changed only by [`App::update`] with an
//! [`Action`]. Nothing here touches the terminal; drawing reads this state.

pub mod action;
pub mod actor_page;
mod corrections;
pub mod finder;
mod fuzzy;
mod geometry;
pub mod keymap;
pub mod list;
mod listing;
mod marks;
mod navigation;
mod overlays;
pub mod overview;
pub mod scroll;
mod status;
pub mod text;
pub mod view;

use ratatui::layout::Rect;

pub use action::Action;
pub use finder::{Finder, FinderPurpose, Target, TextHit};
pub use keymap::{Key, KeyCode, Keymap, Mode};
pub use list::ListView;
pub use listing::{Listing, Sort};
pub use marks::BookmarkRow;
pub use overlays::PopupLine;
pub use status::Status;
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
    /// A question before something is done.
    Confirm(Confirm),
    /// The bookmarks, to jump to one.
    Bookmarks {
        cursor: usize,
    },
    ActorPage(Box<actor_page::ActorPage>),
    Overview(Box<overview::Overview>),
}

/// What waits for a yes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    Merge { from: ActorId, into: ActorId },
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

/// What the one running the reader is to do after an action: the state
/// asks, the terminal loop does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The corrections changed: save them (then hand the saved log back
    /// with [`App::adopt_saved_corrections`]).
    SaveCorrections,
    /// Read marks or bookmarks changed: store them ([`App::reader_state`]).
    SaveState,
    Quit,
    /// Open the shown article's address in the browser.
    OpenUrl,
    /// Put the shown article's address on the clipboard.
    CopyUrl,
}

/// What an action did: whether the screen may have changed, and the
/// effects left to perform.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    changed: bool,
    effects: Vec<Effect>,
}

impl Outcome {
    /// True when anything on screen may have changed.
    pub fn changed(&self) -> bool {
        self.changed
    }

    pub fn effects(&self) -> &[Effect] {
        &self.effects
    }

    pub fn has(&self, effect: Effect) -> bool {
        self.effects.contains(&effect)
    }
}

#[derive(Debug)]
pub struct App {
    index: CorpusIndex,
    keymap: Keymap,
    colors: ColorMode,
    /// How the panes are laid out (from the config).
    layout_prefs: view::LayoutPrefs,
    focus: Pane,
    /// The article shown.
    article: usize,
    /// The article list: a cursor over `order`.
    article_list: ListView,
    /// The articles listed, in list order, and each article's place in it
    /// (`usize::MAX` when not listed).
    order: Vec<usize>,
    order_pos: Vec<usize>,
    listing: Listing,
    /// First wrapped line of the article shown.
    text_scroll: usize,
    /// The actors of the article shown, with their mention counts, in the
    /// order listed.
    entities: Vec<(ActorId, usize)>,
    entity_list: ListView,
    /// The actor whose mentions are cross-referenced.
    actor: Option<ActorId>,
    /// Every mention of `actor`, grouped by source, then article.
    xref: Vec<MentionRef>,
    /// The cursor over `xref`; its offset counts group headings as rows
    /// (see [`App::xref_row`]).
    xref_list: ListView,
    /// The row of each cross-reference, headings counted: kept with `xref`
    /// so that scrolling and drawing never count through the whole list.
    xref_rows: Vec<usize>,
    /// What the finder lists, built once per state of the actors (tens of
    /// thousands of labels on a large corpus).
    finder_items: Option<std::sync::Arc<finder::FinderItems>>,
    /// The actors' names shaped for ranking merge targets, made on the first
    /// merge of a state of the actors.
    name_shapes: Option<std::sync::Arc<Vec<Vec<corrections::NameShape>>>>,
    /// The mention jumped to, highlighted in the text.
    current: Option<MentionRef>,
    history: Vec<Location>,
    overlay: Overlay,
    /// The whole terminal, as last reported.
    area: Rect,
    /// The article shown, wrapped to the text pane.
    layout: TextLayout,
    /// The status line's note and progress.
    status: Status,
    /// Finds the articles whose text matches a query, when there is an index.
    text_index: Option<Box<dyn TextIndex>>,
    /// The text hit jumped to, highlighted: article and byte range.
    hit: Option<(usize, std::ops::Range<usize>)>,
    /// The text hits of the last text search, which n/N walk while the last
    /// jump came from it.
    text_walk: Vec<TextHit>,
    walking_text: bool,
    /// The finder's query changed: its text search is to run once no key
    /// is waiting (a search may take tens of milliseconds; a key may not).
    text_search_due: bool,
    /// The effects of the action being applied, handed out by `update`.
    effects: Vec<Effect>,
    marks: marks::Marks,
}

impl App {
    pub fn new(index: CorpusIndex) -> App {
        let articles = index.articles.len();
        let mut app = App {
            index,
            keymap: Keymap::default(),
            colors: ColorMode::default(),
            layout_prefs: view::LayoutPrefs::default(),
            focus: Pane::Articles,
            article: 0,
            article_list: ListView::default(),
            order: Vec::new(),
            order_pos: Vec::new(),
            listing: Listing::default(),
            text_scroll: 0,
            entities: Vec::new(),
            entity_list: ListView::default(),
            actor: None,
            xref: Vec::new(),
            xref_list: ListView::default(),
            xref_rows: Vec::new(),
            finder_items: None,
            name_shapes: None,
            current: None,
            history: Vec::new(),
            overlay: Overlay::None,
            area: Rect::new(0, 0, view::FULL_WIDTH, view::FULL_HEIGHT),
            layout: TextLayout::default(),
            status: Status::default(),
            text_index: None,
            hit: None,
            text_walk: Vec::new(),
            walking_text: false,
            text_search_due: false,
            effects: Vec::new(),
            marks: marks::Marks::default(),
        };
        app.set_order((0..articles).collect());
        app.open_article(0);
        app.follow_cursors();
        // Built now rather than on the first `/`: a key must never wait for it.
        app.finder_items = Some(std::sync::Arc::new(Finder::items(&app.index)));
        if let Some(notice) = app.load_notice() {
            app.notify(notice);
        }
        app
    }

    // ---- reading the state (for drawing and for tests) ----

    pub fn index(&self) -> &CorpusIndex {
        &self.index
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn colors(&self) -> ColorMode {
        self.colors
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// The article shown (listed or not).
    pub fn article(&self) -> usize {
        self.article
    }

    /// The first row of the article list shown (a place in
    /// [`App::article_order`]).
    pub fn article_offset(&self) -> usize {
        self.article_list.offset()
    }

    /// First wrapped line of the article shown.
    pub fn text_scroll(&self) -> usize {
        self.text_scroll
    }

    /// The actors of the article shown, with their mention counts, in the
    /// order listed.
    pub fn entities(&self) -> &[(ActorId, usize)] {
        &self.entities
    }

    pub fn entity_cursor(&self) -> usize {
        self.entity_list.cursor()
    }

    /// First row shown in the entity list.
    pub fn entity_offset(&self) -> usize {
        self.entity_list.offset()
    }

    /// The actor whose mentions are cross-referenced.
    pub fn actor(&self) -> Option<ActorId> {
        self.actor
    }

    /// Every mention of the actor, grouped by source, then article.
    pub fn xref(&self) -> &[MentionRef] {
        &self.xref
    }

    pub fn xref_cursor(&self) -> usize {
        self.xref_list.cursor()
    }

    /// First row shown in the cross-reference list, group headings counted.
    pub fn xref_offset(&self) -> usize {
        self.xref_list.offset()
    }

    /// The mention jumped to, highlighted in the text.
    pub fn current(&self) -> Option<MentionRef> {
        self.current
    }

    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    /// The whole terminal, as last reported.
    pub fn area(&self) -> Rect {
        self.area
    }

    /// The article shown, wrapped to the text pane.
    pub fn layout(&self) -> &TextLayout {
        &self.layout
    }

    /// The status line's note, if any.
    pub fn message(&self) -> Option<&str> {
        self.status.message()
    }

    /// What the reader is still preparing ("analysing 5000 of 20025").
    pub fn progress(&self) -> Option<&str> {
        self.status.progress()
    }

    /// The text hit jumped to, highlighted: article and byte range.
    pub fn hit(&self) -> Option<&(usize, std::ops::Range<usize>)> {
        self.hit.as_ref()
    }

    /// What finds words in the article texts, if anything does.
    pub fn text_index(&self) -> Option<&dyn TextIndex> {
        self.text_index.as_deref()
    }

    // ---- set up by whoever runs the reader ----

    /// The address of the article shown, when it gives one.
    pub fn url(&self) -> Option<&str> {
        self.index.articles.get(self.article())?.url.as_deref()
    }

    pub fn set_layout_prefs(&mut self, prefs: view::LayoutPrefs) {
        self.layout_prefs = prefs;
        self.relayout();
        self.follow_cursors();
    }

    pub fn layout_prefs(&self) -> &view::LayoutPrefs {
        &self.layout_prefs
    }

    pub fn set_colors(&mut self, colors: ColorMode) {
        self.colors = colors;
    }

    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
    }

    /// What finds words in the article texts.
    pub fn set_text_index(&mut self, text_index: Option<Box<dyn TextIndex>>) {
        self.text_index = text_index;
    }

    /// Shows `note` on the status line in place of any other.
    pub fn notify(&mut self, note: String) {
        self.status.notify(note);
    }

    /// Adds `note` after the status line's note, joined by `separator`.
    pub fn notify_also(&mut self, note: String, separator: &str) {
        self.status.notify_also(note, separator);
    }

    /// True when the progress shown changed.
    pub fn set_progress(&mut self, progress: Option<String>) -> bool {
        self.status.set_progress(progress)
    }

    /// "2 files or records could not be read; 8228 records skipped (not
    /// articles) — ! shows why", when the load met any problem.
    fn load_notice(&self) -> Option<String> {
        let summary = load_summary(&self.index.issues)?;
        let key = self
            .keymap
            .describe_keys(Mode::Normal, Action::ToggleReport);
        Some(match key {
            Some(key) => format!("{summary} — {key} shows why"),
            None => summary,
        })
    }

    /// Which keymap table applies now.
    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::None => Mode::Normal,
            Overlay::Help { .. } => Mode::Help,
            Overlay::Report { .. } => Mode::Report,
            Overlay::Finder(_) => Mode::Finder,
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::Bookmarks { .. } => Mode::Bookmarks,
            Overlay::ActorPage(_) => Mode::ActorPage,
            Overlay::Overview(_) => Mode::Overview,
        }
    }

    pub fn action_for(&self, key: Key) -> Option<Action> {
        self.keymap.action(self.mode(), key)
    }

    /// Looks up `key` and applies its action.
    pub fn handle_key(&mut self, key: Key) -> Outcome {
        match self.action_for(key) {
            Some(action) => self.update(action),
            None => Outcome::default(),
        }
    }

    /// Applies `action`: what it changed and what is left to do.
    pub fn update(&mut self, action: Action) -> Outcome {
        // A note stays until the next key; a resize is not one.
        let had_message = !matches!(action, Action::Resize { .. }) && self.status.clear();
        let changed = match action {
            Action::Resize { width, height } => {
                self.area = Rect::new(0, 0, width, height);
                self.relayout();
                true
            }
            Action::Quit => {
                self.effects.push(Effect::Quit);
                true
            }
            _ => match self.mode() {
                Mode::Normal => self.update_normal(action),
                Mode::Help | Mode::Report => self.update_scrolled(action),
                Mode::Finder => self.update_finder(action),
                Mode::Confirm => self.update_confirm(action),
                Mode::Bookmarks => self.update_bookmarks(action),
                Mode::ActorPage => self.update_actor_page(action),
                Mode::Overview => self.update_overview(action),
            },
        };
        self.mark_shown_read();
        self.follow_cursors();
        Outcome {
            changed: changed || had_message || self.status.message().is_some(),
            effects: std::mem::take(&mut self.effects),
        }
    }

    fn update_normal(&mut self, action: Action) -> bool {
        match action {
            Action::FocusNext => self.set_focus(self.focus.next()),
            Action::FocusPrev => self.set_focus(self.focus.prev()),
            Action::FocusLeft => self.focus_beside(false),
            Action::FocusRight => self.focus_beside(true),
            Action::LeavePane => self.focus == Pane::Xref && self.set_focus(Pane::Entities),
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
            Action::OpenUrl | Action::CopyUrl => {
                if self.url().is_some() {
                    self.effects.push(if action == Action::OpenUrl {
                        Effect::OpenUrl
                    } else {
                        Effect::CopyUrl
                    });
                } else {
                    self.notify("this article gives no address".to_string());
                }
                true
            }
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
            Action::ToggleRead => self.toggle_read(),
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::OpenBookmarks => self.open_bookmarks(),
            Action::CycleSort
            | Action::CycleSource
            | Action::CycleDates
            | Action::ToggleUnreadOnly
            | Action::ToggleBookmarkedOnly
            | Action::ToggleActorOnly
            | Action::ClearFilters => self.update_listing(action),
            _ => false,
        }
    }

    /// Takes the analysed corpus, or more of its texts, in place of the one
    /// shown (the same articles in the same order, perhaps more after them,
    /// now perhaps with entities and actors): the article and place read
    /// stay; what depended on actors starts afresh.
    pub fn replace_index(&mut self, index: CorpusIndex) {
        debug_assert!(index.articles.len() >= self.index.articles.len());
        let more_problems = index.issues.len() > self.index.issues.len();
        self.index = index;
        if more_problems && let Some(notice) = self.load_notice() {
            self.notify(notice);
        }
        self.actor = None;
        self.set_xref(Vec::new());
        self.current = None;
        for location in &mut self.history {
            location.actor = None;
            location.current = None;
        }
        self.set_entities();
        self.entity_list.reset(self.entities.len());
        self.listing.actor = None;
        self.relist();
        self.finder_items = Some(std::sync::Arc::new(Finder::items(&self.index)));
        self.name_shapes = None;
        if let Overlay::Finder(_) = self.overlay {
            self.overlay = Overlay::None;
        }
        self.follow_cursors();
    }
}

#[cfg(test)]
mod tests;

/// What the load met, in one line: files or records that could not be read,
/// and records skipped because they are no articles (a data set's auxiliary
/// files); `None` when everything was read.
pub(crate) fn load_summary(issues: &[crate::corpus::LoadIssue]) -> Option<String> {
    let skipped = issues
        .iter()
        .filter(|i| i.kind == crate::corpus::IssueKind::BadRecord)
        .count();
    let unread = issues.len() - skipped;
    let mut parts = Vec::new();
    match unread {
        0 => {}
        1 => parts.push("1 file or record could not be read".to_string()),
        n => parts.push(format!("{n} files or records could not be read")),
    }
    match skipped {
        0 => {}
        1 => parts.push("1 record skipped (not an article)".to_string()),
        n => parts.push(format!("{n} records skipped (not articles)")),
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}
