//! Styles: from the 16 named ANSI colours by default, from the 256-colour
//! or truecolor palettes when the config asks, or from text attributes and
//! markers alone when colour is off.
//!
//! Secondary text is never colour 8 (bright black): palettes such as
//! Solarized dark make it the background colour, and the text vanishes. In
//! 16 colours it is the default colour dimmed, which every theme can show.

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
        self.mode != ColorMode::Plain
    }

    /// The colour of an entity type, in this mode's palette.
    fn kind_color(&self, kind: EntityKind) -> Option<Color> {
        use EntityKind as K;
        let color = match (self.mode, kind) {
            (ColorMode::Plain, _) => return None,
            (ColorMode::Ansi16, K::Person) => Color::Yellow,
            (ColorMode::Ansi16, K::Organisation) => Color::Magenta,
            (ColorMode::Ansi16, K::Location) => Color::Cyan,
            (ColorMode::Ansi16, K::Misc) => Color::Green,
            // Mid tones, readable on dark and light backgrounds alike.
            (ColorMode::Ansi256, K::Person) => Color::Indexed(178),
            (ColorMode::Ansi256, K::Organisation) => Color::Indexed(170),
            (ColorMode::Ansi256, K::Location) => Color::Indexed(38),
            (ColorMode::Ansi256, K::Misc) => Color::Indexed(71),
            (ColorMode::TrueColor, K::Person) => Color::Rgb(0xd7, 0xa0, 0x00),
            (ColorMode::TrueColor, K::Organisation) => Color::Rgb(0xc8, 0x5c, 0xc8),
            (ColorMode::TrueColor, K::Location) => Color::Rgb(0x1c, 0x9c, 0xd0),
            (ColorMode::TrueColor, K::Misc) => Color::Rgb(0x4c, 0xa8, 0x50),
        };
        Some(color)
    }

    /// How mentions of an entity type are shown.
    pub fn kind(&self, kind: EntityKind) -> Style {
        if let Some(color) = self.kind_color(kind) {
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
        match (focused, self.kind_color(EntityKind::Location)) {
            (true, Some(color)) => Style::new().fg(color).add_modifier(Modifier::BOLD),
            (true, None) => Style::new().add_modifier(Modifier::BOLD),
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

    /// Secondary text: sources, dates, counts, hints.
    pub fn dim(&self) -> Style {
        match self.mode {
            ColorMode::Ansi256 => Style::new().fg(Color::Indexed(245)),
            ColorMode::TrueColor => Style::new().fg(Color::Rgb(0x8a, 0x8a, 0x8a)),
            ColorMode::Ansi16 | ColorMode::Plain => Style::new().add_modifier(Modifier::DIM),
        }
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Characters the finder matched.
    pub fn matched(&self) -> Style {
        if let Some(color) = self.kind_color(EntityKind::Person) {
            Style::new().fg(color).add_modifier(Modifier::BOLD)
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

/// What each entity type is called in the help's colour legend.
pub fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organisation => "organisation",
        EntityKind::Location => "place",
        EntityKind::Misc => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODES: [ColorMode; 4] = [
        ColorMode::Ansi16,
        ColorMode::Ansi256,
        ColorMode::TrueColor,
        ColorMode::Plain,
    ];

    /// Every colour a style of `theme` may set.
    fn colors(theme: &Theme) -> Vec<Color> {
        let mut styles = vec![
            theme.dim(),
            theme.heading(),
            theme.matched(),
            theme.status(),
            theme.key(),
            theme.message(),
            theme.border(true),
            theme.border(false),
            theme.cursor(true),
            theme.current(),
            theme.selected_actor(),
        ];
        styles.extend(EntityKind::ALL.iter().map(|&k| theme.kind(k)));
        styles.iter().flat_map(|s| [s.fg, s.bg]).flatten().collect()
    }

    #[test]
    fn no_style_uses_bright_black_or_a_palette_not_asked_for() {
        for mode in MODES {
            for color in colors(&Theme::new(mode)) {
                assert_ne!(color, Color::DarkGray, "{mode:?}");
                match color {
                    Color::Indexed(_) => assert_eq!(mode, ColorMode::Ansi256),
                    Color::Rgb(..) => assert_eq!(mode, ColorMode::TrueColor),
                    _ => {}
                }
            }
        }
        assert!(colors(&Theme::new(ColorMode::Plain)).is_empty());
    }

    #[test]
    fn secondary_text_stays_distinct_from_plain_text() {
        for mode in MODES {
            assert_ne!(Theme::new(mode).dim(), Style::new(), "{mode:?}");
        }
    }

    #[test]
    fn entity_types_are_told_apart_in_every_mode() {
        for mode in MODES {
            let theme = Theme::new(mode);
            let styles: Vec<(Style, &str)> = EntityKind::ALL
                .iter()
                .map(|&k| (theme.kind(k), theme.marker(k)))
                .collect();
            for (i, a) in styles.iter().enumerate() {
                for b in &styles[i + 1..] {
                    assert_ne!(a, b, "{mode:?}");
                }
            }
        }
    }
}
