//! Everything the reader can be asked to do. Keys map to actions through the
//! keymap; the state changes only through [`super::App::update`].

use serde::{Deserialize, Serialize};

// The config file names actions in snake_case (`next_mention`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    FocusNext,
    FocusPrev,
    /// The pane to the left or right of the focused one.
    FocusLeft,
    FocusRight,
    /// Esc in a pane: from the cross-references back to the entities.
    LeavePane,
    /// y: do what is asked (the merge shown).
    Confirm,
    /// Mark the article read or unread.
    ToggleRead,
    /// Bookmark the current mention, or the article; again removes it.
    ToggleBookmark,
    /// The list of bookmarks, to jump to one.
    OpenBookmarks,
    /// Sort the article list by corpus order, date, source or title.
    CycleSort,
    /// Keep the articles of the day, month or year of the one shown.
    CycleDates,
    ToggleUnreadOnly,
    ToggleBookmarkedOnly,
    /// Keep the articles naming the selected actor.
    ToggleActorOnly,
    /// List every article again.
    ClearFilters,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    /// Enter: select the actor under the cursor, open a cross-reference,
    /// or confirm the finder.
    Select,
    NextMention,
    PrevMention,
    /// Return to where the reader was before the last jump.
    Back,
    OpenFinder,
    /// Merge the actor under the cursor into one picked with the finder.
    MergeActor,
    /// Split the mention under the cursor out of its actor.
    SplitMention,
    /// Split every mention reading like the one under the cursor out of its actor.
    SplitAlias,
    /// Undo the last correction.
    Undo,
    /// The page of the actor under the cursor: how each source names and
    /// describes it.
    OpenActorPage,
    /// Every actor of the corpus, ranked and filtered.
    OpenOverview,
    /// Mark the next or previous name in the article text.
    NextName,
    PrevName,
    /// On the actor page: the next or previous source's block.
    NextSource,
    PrevSource,
    /// In the overview: rank by mentions, sources or articles.
    CycleRanking,
    /// In the overview: all types, or one.
    CycleKind,
    /// In the overview: all sources, or one.
    CycleSource,
    /// Open the article's address in the browser.
    OpenUrl,
    /// Copy the article's address (through the terminal, when allowed).
    CopyUrl,
    ToggleHelp,
    /// Show the files that could not be loaded, and why.
    ToggleReport,
    CloseOverlay,
    FinderInput(char),
    FinderBackspace,
    FinderClear,
    /// The terminal has this size now.
    Resize {
        width: u16,
        height: u16,
    },
}

impl Action {
    /// What the action does, for the help screen and the status line.
    pub fn description(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::FocusNext => "next pane",
            Action::FocusPrev => "previous pane",
            Action::FocusLeft => "pane to the left",
            Action::FocusRight => "pane to the right",
            Action::LeavePane => "back to the entities",
            Action::Confirm => "yes, do it",
            Action::ToggleRead => "mark the article read / unread",
            Action::ToggleBookmark => "bookmark the mention or article",
            Action::OpenBookmarks => "bookmarks",
            Action::CycleSort => "sort articles: corpus / date / source / title",
            Action::CycleDates => "only the day / month / year of this article",
            Action::ToggleUnreadOnly => "only unread articles",
            Action::ToggleBookmarkedOnly => "only bookmarked articles",
            Action::ToggleActorOnly => "only articles naming the actor",
            Action::ClearFilters => "list every article again",
            Action::Up => "up",
            Action::Down => "down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::HalfPageUp => "half page up",
            Action::HalfPageDown => "half page down",
            Action::Select => "select / open",
            Action::NextMention => "next mention of the actor",
            Action::PrevMention => "previous mention of the actor",
            Action::Back => "back to before the last jump",
            Action::OpenFinder => "find an actor or article",
            Action::MergeActor => "merge the actor into another",
            Action::SplitMention => "split the mention out of its actor",
            Action::SplitAlias => "split this name out of its actor",
            Action::Undo => "undo the last correction",
            Action::OpenActorPage => "actor page: each source's names",
            Action::OpenOverview => "every actor, ranked",
            Action::NextName => "mark the next name in the text",
            Action::PrevName => "mark the previous name in the text",
            Action::NextSource => "next source",
            Action::PrevSource => "previous source",
            Action::CycleRanking => "rank by mentions / sources / articles",
            Action::CycleKind => "filter by type",
            Action::CycleSource => "filter by source",
            Action::OpenUrl => "open the article's address in the browser",
            Action::CopyUrl => "copy the article's address",
            Action::ToggleHelp => "help",
            Action::ToggleReport => "load report: files that could not be read",
            Action::CloseOverlay => "close",
            Action::FinderInput(_) => "type to filter",
            Action::FinderBackspace => "delete a character",
            Action::FinderClear => "clear the query",
            Action::Resize { .. } => "resize",
        }
    }

    /// A word or two for status-line hints, where room is short. Actions
    /// that go both ways share one ("n/N mention").
    pub fn short_label(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::FocusNext | Action::FocusPrev => "pane",
            Action::FocusLeft | Action::FocusRight => "pane",
            Action::LeavePane => "entities",
            Action::Confirm => "yes",
            Action::ToggleRead => "read",
            Action::ToggleBookmark => "bookmark",
            Action::OpenBookmarks => "bookmarks",
            Action::CycleSort => "sort",
            Action::CycleDates => "dates",
            Action::ToggleUnreadOnly => "unread",
            Action::ToggleBookmarkedOnly => "bookmarked",
            Action::ToggleActorOnly => "naming",
            Action::ClearFilters => "all",
            Action::Up | Action::Down => "move",
            Action::Top | Action::Bottom => "ends",
            Action::PageUp | Action::PageDown => "page",
            Action::HalfPageUp | Action::HalfPageDown => "half page",
            Action::Select => "open",
            Action::NextMention | Action::PrevMention => "mention",
            Action::Back => "back",
            Action::OpenFinder => "find",
            Action::MergeActor => "merge",
            Action::SplitMention => "split",
            Action::SplitAlias => "split name",
            Action::Undo => "undo",
            Action::OpenActorPage => "actor",
            Action::OpenOverview => "actors",
            Action::NextName | Action::PrevName => "name",
            Action::NextSource | Action::PrevSource => "source",
            Action::CycleRanking => "rank",
            Action::CycleKind => "type",
            Action::CycleSource => "source",
            Action::OpenUrl => "open",
            Action::CopyUrl => "copy",
            Action::ToggleHelp => "help",
            Action::ToggleReport => "report",
            Action::CloseOverlay => "close",
            Action::FinderInput(_) => "type",
            Action::FinderBackspace => "delete",
            Action::FinderClear => "clear",
            Action::Resize { .. } => "resize",
        }
    }
}
