//! Drawing: a pure function of the reader's state into a frame. Every string
//! that comes from an article is sanitised here, just before it is drawn.

mod actor_page;
mod overlay;
mod panes;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use crate::app::keymap::Hint;
use crate::app::view::{self, Pane};
use crate::app::{App, Mode, Overlay};
pub use theme::Theme;

pub use panes::context_window;

/// Draws the whole screen for `app`.
pub fn render(app: &App, frame: &mut Frame) {
    let theme = Theme::new(app.colors());
    let area = frame.area();
    let screen = view::screen(area, app.focus(), app.layout_prefs());
    for pane in Pane::ALL {
        let pane_area = screen.pane(pane);
        if pane_area.is_empty() {
            continue;
        }
        match pane {
            Pane::Articles => panes::articles(app, &theme, frame, pane_area),
            Pane::Text => panes::text(app, &theme, frame, pane_area),
            Pane::Entities => panes::entities(app, &theme, frame, pane_area),
            Pane::Xref => panes::xref(app, &theme, frame, pane_area),
        }
    }
    if !screen.status.is_empty() {
        panes::status(app, &theme, frame, screen.status);
    }
    match app.overlay() {
        Overlay::None => {}
        Overlay::Help { scroll } => overlay::help(app, &theme, frame, area, *scroll),
        Overlay::Report { scroll } => overlay::report(app, &theme, frame, area, *scroll),
        Overlay::Finder(finder) => overlay::finder(finder, app, &theme, frame, area),
        Overlay::Confirm(question) => overlay::confirm(*question, app, &theme, frame, area),
        Overlay::Bookmarks { cursor } => overlay::bookmarks(app, &theme, frame, area, *cursor),
        Overlay::ActorPage(page) => actor_page::page(page, app, &theme, frame, area),
        Overlay::Overview(overview) => actor_page::overview(overview, app, &theme, frame, area),
    }
}

/// A pane's frame: thick and bright when focused, so focus shows without
/// colour too.
fn pane_block<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        .title(title)
}

/// `area` shrunk to at most `width` x `height`, centred.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// "n/N mention  Enter open" spans; a hint none of whose actions has a key
/// is left out.
fn hint_spans(app: &App, theme: &Theme, mode: Mode, hints: &[Hint]) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for hint in hints {
        let keys: Vec<String> = hint
            .actions
            .iter()
            .filter_map(|&a| app.keymap().keys(mode, a).into_iter().next())
            .map(|k| k.to_string())
            .collect();
        let Some(first) = hint.actions.first() else {
            continue;
        };
        if keys.is_empty() {
            continue;
        }
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(keys.join("/"), theme.key()));
        let label = hint.label.unwrap_or(first.short_label());
        spans.push(Span::raw(format!(" {label}")));
    }
    if !spans.is_empty() {
        spans.push(Span::raw(" "));
    }
    spans
}

fn width_of(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.width()).sum()
}

fn styled(text: String, style: Style) -> Span<'static> {
    Span::styled(text, style)
}
