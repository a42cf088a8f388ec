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

/// Smallest screen showing all four panes at once; below it only the
/// focused pane is shown.
pub const FULL_WIDTH: u16 = 80;
pub const FULL_HEIGHT: u16 = 24;

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

    /// True when all four panes are shown.
    pub fn is_full(&self) -> bool {
        Pane::ALL.iter().all(|&p| !self.pane(p).is_empty())
    }
}

pub fn screen(area: Rect, focus: Pane) -> Screen {
    let mut screen = Screen::default();
    let body = if area.height >= 2 {
        let [body, status] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        screen.status = status;
        body
    } else {
        area
    };
    if area.width >= FULL_WIDTH && area.height >= FULL_HEIGHT {
        let side = (body.width / 4).clamp(24, 40);
        let [left, right] =
            Layout::horizontal([Constraint::Length(side), Constraint::Fill(1)]).areas(body);
        let [articles, entities] =
            Layout::vertical([Constraint::Percentage(40), Constraint::Fill(1)]).areas(left);
        let [text, xref] =
            Layout::vertical([Constraint::Percentage(58), Constraint::Fill(1)]).areas(right);
        screen.articles = articles;
        screen.entities = entities;
        screen.text = text;
        screen.xref = xref;
    } else {
        match focus {
            Pane::Articles => screen.articles = body,
            Pane::Text => screen.text = body,
            Pane::Entities => screen.entities = body,
            Pane::Xref => screen.xref = body,
        }
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

    #[test]
    fn four_panes_from_80_by_24() {
        let s = screen(Rect::new(0, 0, 80, 24), Pane::Articles);
        assert!(s.is_full());
        assert_eq!(s.status, Rect::new(0, 23, 80, 1));
        assert!(inner(s.text).width >= 50);
        assert!(inner(s.xref).height >= 6);
    }

    #[test]
    fn smaller_screens_show_the_focused_pane_only() {
        for focus in Pane::ALL {
            let s = screen(Rect::new(0, 0, 79, 24), focus);
            assert!(!s.is_full());
            assert_eq!(s.pane(focus), Rect::new(0, 0, 79, 23));
        }
        let s = screen(Rect::new(0, 0, 1, 1), Pane::Text);
        assert_eq!(s.text, Rect::new(0, 0, 1, 1));
        assert!(s.status.is_empty());
    }

    #[test]
    fn focus_cycles_both_ways() {
        for p in Pane::ALL {
            assert_eq!(p.next().prev(), p);
        }
        assert_eq!(Pane::Xref.next(), Pane::Articles);
    }
}
