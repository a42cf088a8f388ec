//! Styles, from the 16 named ANSI colours only, or from text attributes and
//! markers alone when colour is off.

use ratatui::style::{Color, Modifier, Style};

use crate::analysis::EntityKind;
use crate::app::ColorMode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub mode: ColorMode,
}

impl Theme {
    pub fn new(mode: ColorMode) -> Theme {
        Theme { mode }
    }

    fn colored(&self) -> bool {
        self.mode == ColorMode::Ansi16
    }

    /// How mentions of an entity type are shown.
    pub fn kind(&self, kind: EntityKind) -> Style {
        if self.colored() {
            let color = match kind {
                EntityKind::Person => Color::Yellow,
                EntityKind::Organisation => Color::Magenta,
                EntityKind::Location => Color::Cyan,
                EntityKind::Misc => Color::Green,
            };
            Style::new().fg(color)
        } else {
            let modifier = match kind {
                EntityKind::Person => Modifier::BOLD,
                EntityKind::Organisation => Modifier::BOLD | Modifier::UNDERLINED,
                EntityKind::Location => Modifier::UNDERLINED,
                EntityKind::Misc => Modifier::ITALIC,
            };
            Style::new().add_modifier(modifier)
        }
    }

    /// The type marker shown beside an actor when colour cannot tell it.
    pub fn marker(&self, kind: EntityKind) -> &'static str {
        if self.colored() {
            return "";
        }
        match kind {
            EntityKind::Person => "[P] ",
            EntityKind::Organisation => "[O] ",
            EntityKind::Location => "[L] ",
            EntityKind::Misc => "[M] ",
        }
    }

    /// Other mentions of the selected actor.
    pub fn selected_actor(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// The mention jumped to.
    pub fn current(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.colored()) {
            (true, true) => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => Style::new(),
        }
    }

    /// The cursor row of a list.
    pub fn cursor(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn dim(&self) -> Style {
        if self.colored() {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Characters the finder matched.
    pub fn matched(&self) -> Style {
        if self.colored() {
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn status(&self) -> Style {
        if self.colored() {
            Style::new().fg(Color::Black).bg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn key(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn message(&self) -> Style {
        if self.colored() {
            Style::new().fg(Color::Red).bg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
}
