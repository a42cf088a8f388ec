//! Where each pane goes on a screen of a given size. Used by the state (to
//! know page sizes and the text width) and by the renderer (to draw there).

use ratatui::layout::{Constraint, Layout, Rect};

/// The four panes, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Articles,
    Text,
    Entities,
    Xref,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Articles, Pane::Text, Pane::Entities, Pane::Xref];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Articles => "Articles",
            Pane::Text => "Article",
            Pane::Entities => "Entities",
            Pane::Xref => "Cross-references",
        }
    }

    pub fn next(self) -> Pane {
        let i = Pane::ALL.iter().position(|&p| p == self).unwrap_or(0);
        Pane::ALL[(i + 1) % Pane::ALL.len()]
    }

    pub fn prev(self) -> Pane {
        let i = Pane::ALL.iter().position(|&p| p == self).unwrap_or(0);
        Pane::ALL[(i + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }
}

/// Smallest screen showing all four panes at once.
pub const FULL_WIDTH: u16 = 80;
pub const FULL_HEIGHT: u16 = 24;

/// Two panes side by side need this many columns, and this many rows to
/// show a few lines each; stacked, they need [`FULL_HEIGHT`] rows.
pub const PAIR_WIDTH: u16 = 80;
pub const PAIR_HEIGHT: u16 = 8;

/// How the panes are laid out, as the config chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayoutPrefs {
    /// The most panes shown at once: 4, 2 or 1 (fewer when they do not fit).
    pub max_panes: u8,
    /// The share of the width (percent) the lists take beside the text.
    pub list_percent: u16,
    /// The widest line of article text, in columns (0: the pane's width),
    /// for a readable measure on wide screens.
    pub measure: u16,
}

impl Default for LayoutPrefs {
    fn default() -> LayoutPrefs {
        LayoutPrefs {
            max_panes: 4,
            list_percent: 35,
            measure: 100,
        }
    }
}

impl LayoutPrefs {
    /// Columns the text wraps at in a pane `inner_width` wide.
    pub fn text_width(&self, inner_width: u16) -> usize {
        let width = match self.measure {
            0 => inner_width,
            m => inner_width.min(m),
        };
        usize::from(width).max(1)
    }

    /// Width of the list column of a screen `width` wide: proportional,
    /// but never under 24 columns nor over 72.
    fn list_width(&self, width: u16) -> u16 {
        let share = u32::from(width) * u32::from(self.list_percent.clamp(10, 90)) / 100;
        (share as u16).clamp(24.min(width / 2), 72)
    }
}

/// Widest the help screen and the load report are drawn (narrower screens
/// give them their whole width).
pub const HELP_WIDTH: u16 = 64;
pub const REPORT_WIDTH: u16 = 100;

/// The screen areas of one frame. A hidden pane has an empty area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    pub articles: Rect,
    pub text: Rect,
    pub entities: Rect,
    pub xref: Rect,
    pub status: Rect,
}

impl Screen {
    pub fn pane(&self, pane: Pane) -> Rect {
        match pane {
            Pane::Articles => self.articles,
            Pane::Text => self.text,
            Pane::Entities => self.entities,
            Pane::Xref => self.xref,
        }
    }

    fn set(&mut self, pane: Pane, area: Rect) {
        match pane {
            Pane::Articles => self.articles = area,
            Pane::Text => self.text = area,
            Pane::Entities => self.entities = area,
            Pane::Xref => self.xref = area,
        }
    }

    /// The panes shown, in focus order.
    pub fn shown(&self) -> Vec<Pane> {
        Pane::ALL
            .into_iter()
            .filter(|&p| !self.pane(p).is_empty())
            .collect()
    }

    /// True when all four panes are shown.
    pub fn is_full(&self) -> bool {
        Pane::ALL.iter().all(|&p| !self.pane(p).is_empty())
    }
}

/// The list of `pane`'s pair and the pane that shows what it selects:
/// articles with the text, entities with the cross-references.
fn pair(pane: Pane) -> (Pane, Pane) {
    match pane {
        Pane::Articles | Pane::Text => (Pane::Articles, Pane::Text),
        Pane::Entities | Pane::Xref => (Pane::Entities, Pane::Xref),
    }
}

/// Where each pane goes on a screen `area` large, by what fits: all four
/// from 80x24; else the focused pane with its pair, side by side when wide
/// enough or stacked when tall enough; else the focused pane alone. The
/// status line (the key hints) is the last row whenever there are two.
pub fn screen(area: Rect, focus: Pane, prefs: &LayoutPrefs) -> Screen {
    let mut screen = Screen::default();
    let body = if area.height >= 2 {
        let [body, status] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        screen.status = status;
        body
    } else {
        area
    };
    let wide = area.width >= PAIR_WIDTH && area.height >= PAIR_HEIGHT;
    let tall = area.height >= FULL_HEIGHT;
    if prefs.max_panes >= 4 && area.width >= FULL_WIDTH && area.height >= FULL_HEIGHT {
        let side = prefs.list_width(body.width);
        let [left, right] =
            Layout::horizontal([Constraint::Length(side), Constraint::Fill(1)]).areas(body);
        let [articles, entities] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(left);
        let [text, xref] =
            Layout::vertical([Constraint::Percentage(58), Constraint::Fill(1)]).areas(right);
        screen.articles = articles;
        screen.entities = entities;
        screen.text = text;
        screen.xref = xref;
    } else if prefs.max_panes >= 2 && (wide || tall) {
        let (list, detail) = pair(focus);
        let [first, second] = if wide {
            let side = prefs.list_width(body.width);
            Layout::horizontal([Constraint::Length(side), Constraint::Fill(1)]).areas(body)
        } else {
            Layout::vertical([Constraint::Percentage(40), Constraint::Fill(1)]).areas(body)
        };
        screen.set(list, first);
        screen.set(detail, second);
    } else {
        screen.set(focus, body);
    }
    screen
}

/// The inside of a bordered pane.
pub fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x.saturating_add(1),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(width: u16, height: u16, focus: Pane) -> Screen {
        screen(
            Rect::new(0, 0, width, height),
            focus,
            &LayoutPrefs::default(),
        )
    }

    #[test]
    fn four_panes_from_80_by_24() {
        let s = shown(80, 24, Pane::Articles);
        assert!(s.is_full());
        assert_eq!(s.status, Rect::new(0, 23, 80, 1));
        assert!(inner(s.text).width >= 48);
        assert!(inner(s.xref).height >= 6);
        assert!(inner(s.articles).height >= 9, "four articles or more");
    }

    #[test]
    fn pane_widths_follow_the_screen() {
        let narrow = shown(80, 24, Pane::Articles);
        let wide = shown(200, 60, Pane::Articles);
        assert_eq!(narrow.articles.width, 28);
        assert_eq!(wide.articles.width, 70);
        assert_eq!(wide.text.width, 130);
        // The text wraps at a readable measure however wide its pane.
        let prefs = LayoutPrefs::default();
        assert_eq!(prefs.text_width(inner(wide.text).width), 100);
        assert_eq!(prefs.text_width(inner(narrow.text).width), 50);
        let whole = LayoutPrefs {
            measure: 0,
            ..prefs
        };
        assert_eq!(whole.text_width(128), 128);
    }

    #[test]
    fn wide_short_screens_show_a_pair_side_by_side() {
        for (focus, list, detail) in [
            (Pane::Articles, Pane::Articles, Pane::Text),
            (Pane::Text, Pane::Articles, Pane::Text),
            (Pane::Entities, Pane::Entities, Pane::Xref),
            (Pane::Xref, Pane::Entities, Pane::Xref),
        ] {
            let s = shown(200, 23, focus);
            assert_eq!(s.shown(), vec![list, detail]);
            assert_eq!(s.pane(list).y, s.pane(detail).y, "side by side");
            assert!(s.pane(list).x < s.pane(detail).x);
            assert_eq!(s.pane(list).height, 22);
            assert!(!s.status.is_empty(), "hints stay");
        }
    }

    #[test]
    fn tall_narrow_screens_stack_a_pair() {
        let s = shown(79, 50, Pane::Text);
        assert_eq!(s.shown(), vec![Pane::Articles, Pane::Text]);
        assert_eq!(s.articles.x, s.text.x, "stacked");
        assert!(s.articles.y < s.text.y);
        assert_eq!(s.text.width, 79);
        assert!(!s.status.is_empty());
    }

    #[test]
    fn small_screens_show_the_focused_pane_only() {
        for focus in Pane::ALL {
            let s = shown(79, 23, focus);
            assert_eq!(s.shown(), vec![focus]);
            assert_eq!(s.pane(focus), Rect::new(0, 0, 79, 22));
        }
        let s = shown(200, 7, Pane::Xref);
        assert_eq!(s.shown(), vec![Pane::Xref]);
        let s = shown(1, 1, Pane::Text);
        assert_eq!(s.text, Rect::new(0, 0, 1, 1));
        assert!(s.status.is_empty());
    }

    #[test]
    fn the_config_can_ask_for_fewer_panes() {
        let two = LayoutPrefs {
            max_panes: 2,
            ..LayoutPrefs::default()
        };
        let s = screen(Rect::new(0, 0, 120, 40), Pane::Xref, &two);
        assert_eq!(s.shown(), vec![Pane::Entities, Pane::Xref]);
        let one = LayoutPrefs {
            max_panes: 1,
            ..LayoutPrefs::default()
        };
        let s = screen(Rect::new(0, 0, 120, 40), Pane::Xref, &one);
        assert_eq!(s.shown(), vec![Pane::Xref]);
    }

    #[test]
    fn focus_cycles_both_ways() {
        for p in Pane::ALL {
            assert_eq!(p.next().prev(), p);
        }
        assert_eq!(Pane::Xref.next(), Pane::Articles);
    }
}
