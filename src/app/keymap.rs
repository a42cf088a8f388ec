//! The one table from keys to actions. Help and status-line hints are read
//! from it, so what the screen says is always what the keys do.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::action::Action;
use super::view::Pane;

/// A key, independent of any terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyCode {
    Char(char),
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Tab,
    BackTab,
    Enter,
    Esc,
    Backspace,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Backspace"),
        }
    }
}

/// Reads a key as help shows it (`j`, `Ctrl-d`, `PgDn`, `Shift-Tab`, `↓`),
/// or by a longer name (`PageDown`, `Down`, `Escape`, `C-d`), for the config
/// file. Names are case-insensitive; a single character is itself.
impl std::str::FromStr for Key {
    type Err = String;

    fn from_str(s: &str) -> Result<Key, String> {
        let (ctrl, rest) = match s.split_once('-') {
            Some((prefix, rest))
                if !rest.is_empty() && ["ctrl", "c"].contains(&prefix.to_lowercase().as_str()) =>
            {
                (true, rest)
            }
            _ => (false, s),
        };
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => match c {
                '↑' => KeyCode::Up,
                '↓' => KeyCode::Down,
                '←' => KeyCode::Left,
                '→' => KeyCode::Right,
                // Control keys arrive as the lower-case letter.
                c if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
                c if c.is_control() => return Err(format!("{s:?} is not a key")),
                c => KeyCode::Char(c),
            },
            _ => match rest.to_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "tab" => KeyCode::Tab,
                "shift-tab" | "backtab" => KeyCode::BackTab,
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "backspace" => KeyCode::Backspace,
                _ => return Err(format!("{s:?} is not a key")),
            },
        };
        Ok(Key { code, ctrl })
    }
}

/// Which table a key is looked up in (named in snake_case in the config file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Reading: the four panes.
    Normal,
    /// The finder is open: printable keys edit the query.
    Finder,
    /// The help screen is open.
    Help,
    /// The load report is open.
    Report,
    /// An actor's page is open.
    ActorPage,
    /// The actor overview is open: printable keys edit its name filter.
    Overview,
    /// A question waits for yes or no (before a merge).
    Confirm,
    /// The bookmark list is open.
    Bookmarks,
}

impl Mode {
    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "Reading",
            Mode::Finder => "Finder",
            Mode::Help => "Help",
            Mode::Report => "Load report",
            Mode::ActorPage => "Actor page",
            Mode::Overview => "Actor overview",
            Mode::Confirm => "Question",
            Mode::Bookmarks => "Bookmarks",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    pub action: Action,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        use Action as A;
        use KeyCode as K;
        use Mode::{ActorPage, Bookmarks, Confirm, Finder, Help, Normal, Overview, Report};
        let table: &[(Mode, Key, Action)] = &[
            (Normal, Key::plain(K::Tab), A::FocusNext),
            (Normal, Key::plain(K::BackTab), A::FocusPrev),
            (Normal, Key::char('h'), A::FocusLeft),
            (Normal, Key::plain(K::Left), A::FocusLeft),
            (Normal, Key::char('l'), A::FocusRight),
            (Normal, Key::plain(K::Right), A::FocusRight),
            (Normal, Key::plain(K::Esc), A::LeavePane),
            (Normal, Key::char('j'), A::Down),
            (Normal, Key::plain(K::Down), A::Down),
            (Normal, Key::char('k'), A::Up),
            (Normal, Key::plain(K::Up), A::Up),
            (Normal, Key::char('g'), A::Top),
            (Normal, Key::plain(K::Home), A::Top),
            (Normal, Key::char('G'), A::Bottom),
            (Normal, Key::plain(K::End), A::Bottom),
            (Normal, Key::plain(K::PageUp), A::PageUp),
            (Normal, Key::plain(K::PageDown), A::PageDown),
            (Normal, Key::char(' '), A::PageDown),
            (Normal, Key::ctrl('f'), A::PageDown),
            (Normal, Key::ctrl('b'), A::PageUp),
            (Normal, Key::ctrl('u'), A::HalfPageUp),
            (Normal, Key::ctrl('d'), A::HalfPageDown),
            (Normal, Key::plain(K::Enter), A::Select),
            (Normal, Key::char('n'), A::NextMention),
            (Normal, Key::char('N'), A::PrevMention),
            (Normal, Key::ctrl('o'), A::Back),
            (Normal, Key::char('/'), A::OpenFinder),
            (Normal, Key::char('m'), A::MergeActor),
            (Normal, Key::char('x'), A::SplitMention),
            (Normal, Key::char('X'), A::SplitAlias),
            (Normal, Key::char('u'), A::Undo),
            (Normal, Key::char('a'), A::OpenActorPage),
            (Normal, Key::char('A'), A::OpenOverview),
            (Normal, Key::char(']'), A::NextName),
            (Normal, Key::char('['), A::PrevName),
            (Normal, Key::char('o'), A::OpenUrl),
            (Normal, Key::char('y'), A::CopyUrl),
            (Normal, Key::char('r'), A::ToggleRead),
            (Normal, Key::char('b'), A::ToggleBookmark),
            (Normal, Key::char('B'), A::OpenBookmarks),
            (Normal, Key::char('s'), A::CycleSort),
            (Normal, Key::char('f'), A::CycleSource),
            (Normal, Key::char('d'), A::CycleDates),
            (Normal, Key::char('U'), A::ToggleUnreadOnly),
            (Normal, Key::char('*'), A::ToggleBookmarkedOnly),
            (Normal, Key::char('@'), A::ToggleActorOnly),
            (Normal, Key::char('C'), A::ClearFilters),
            (Normal, Key::char('?'), A::ToggleHelp),
            (Normal, Key::char('!'), A::ToggleReport),
            (Normal, Key::char('q'), A::Quit),
            (Normal, Key::ctrl('c'), A::Quit),
            (Finder, Key::plain(K::Enter), A::Select),
            (Finder, Key::plain(K::Esc), A::CloseOverlay),
            (Finder, Key::plain(K::Down), A::Down),
            (Finder, Key::ctrl('n'), A::Down),
            (Finder, Key::plain(K::Up), A::Up),
            (Finder, Key::ctrl('p'), A::Up),
            (Finder, Key::plain(K::Backspace), A::FinderBackspace),
            (Finder, Key::ctrl('u'), A::FinderClear),
            (Finder, Key::ctrl('c'), A::Quit),
            (Help, Key::plain(K::Esc), A::CloseOverlay),
            (Help, Key::char('?'), A::CloseOverlay),
            (Help, Key::char('j'), A::Down),
            (Help, Key::plain(K::Down), A::Down),
            (Help, Key::char('k'), A::Up),
            (Help, Key::plain(K::Up), A::Up),
            (Help, Key::char('q'), A::Quit),
            (Help, Key::ctrl('c'), A::Quit),
            (Report, Key::plain(K::Esc), A::CloseOverlay),
            (Report, Key::char('!'), A::CloseOverlay),
            (Report, Key::char('j'), A::Down),
            (Report, Key::plain(K::Down), A::Down),
            (Report, Key::char('k'), A::Up),
            (Report, Key::plain(K::Up), A::Up),
            (Report, Key::char('q'), A::Quit),
            (Report, Key::ctrl('c'), A::Quit),
            (ActorPage, Key::plain(K::Enter), A::Select),
            (ActorPage, Key::char('j'), A::Down),
            (ActorPage, Key::plain(K::Down), A::Down),
            (ActorPage, Key::char('k'), A::Up),
            (ActorPage, Key::plain(K::Up), A::Up),
            (ActorPage, Key::char('l'), A::NextSource),
            (ActorPage, Key::plain(K::Right), A::NextSource),
            (ActorPage, Key::char('h'), A::PrevSource),
            (ActorPage, Key::plain(K::Left), A::PrevSource),
            (ActorPage, Key::char('g'), A::Top),
            (ActorPage, Key::char('G'), A::Bottom),
            (ActorPage, Key::plain(K::PageDown), A::PageDown),
            (ActorPage, Key::plain(K::PageUp), A::PageUp),
            (ActorPage, Key::char('A'), A::OpenOverview),
            (ActorPage, Key::plain(K::Esc), A::CloseOverlay),
            (ActorPage, Key::char('a'), A::CloseOverlay),
            (ActorPage, Key::char('q'), A::Quit),
            (ActorPage, Key::ctrl('c'), A::Quit),
            (Overview, Key::plain(K::Enter), A::Select),
            (Overview, Key::plain(K::Esc), A::CloseOverlay),
            (Overview, Key::plain(K::Down), A::Down),
            (Overview, Key::ctrl('n'), A::Down),
            (Overview, Key::plain(K::Up), A::Up),
            (Overview, Key::ctrl('p'), A::Up),
            (Overview, Key::plain(K::PageDown), A::PageDown),
            (Overview, Key::plain(K::PageUp), A::PageUp),
            (Overview, Key::plain(K::Tab), A::CycleRanking),
            (Overview, Key::ctrl('t'), A::CycleKind),
            (Overview, Key::ctrl('r'), A::CycleSource),
            (Overview, Key::plain(K::Backspace), A::FinderBackspace),
            (Overview, Key::ctrl('u'), A::FinderClear),
            (Overview, Key::ctrl('c'), A::Quit),
            (Bookmarks, Key::plain(K::Enter), A::Select),
            (Bookmarks, Key::char('j'), A::Down),
            (Bookmarks, Key::plain(K::Down), A::Down),
            (Bookmarks, Key::char('k'), A::Up),
            (Bookmarks, Key::plain(K::Up), A::Up),
            (Bookmarks, Key::plain(K::Esc), A::CloseOverlay),
            (Bookmarks, Key::char('B'), A::CloseOverlay),
            (Bookmarks, Key::char('q'), A::Quit),
            (Bookmarks, Key::ctrl('c'), A::Quit),
            (Confirm, Key::char('y'), A::Confirm),
            (Confirm, Key::char('n'), A::CloseOverlay),
            (Confirm, Key::plain(K::Esc), A::CloseOverlay),
            (Confirm, Key::ctrl('c'), A::Quit),
        ];
        Keymap {
            bindings: table
                .iter()
                .map(|&(mode, key, action)| Binding { mode, key, action })
                .collect(),
        }
    }
}

impl Keymap {
    /// The action of `key` in `mode`. In the finder, a printable key with no
    /// binding of its own is typed into the query.
    pub fn action(&self, mode: Mode, key: Key) -> Option<Action> {
        let bound = self
            .bindings
            .iter()
            .find(|b| b.mode == mode && b.key == key)
            .map(|b| b.action);
        match (bound, mode, key) {
            (Some(action), _, _) => Some(action),
            (
                None,
                Mode::Finder | Mode::Overview,
                Key {
                    code: KeyCode::Char(c),
                    ctrl: false,
                },
            ) => Some(Action::FinderInput(c)),
            _ => None,
        }
    }

    /// Every key bound to `action` in `mode`, in table order.
    pub fn keys(&self, mode: Mode, action: Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| b.mode == mode && b.action == action)
            .map(|b| b.key)
            .collect()
    }

    /// The keys of `action` as shown to the reader ("j/↓"), if it has any.
    pub fn describe_keys(&self, mode: Mode, action: Action) -> Option<String> {
        let keys = self.keys(mode, action);
        (!keys.is_empty()).then(|| {
            keys.iter()
                .map(Key::to_string)
                .collect::<Vec<_>>()
                .join("/")
        })
    }

    /// Binds `action` in `mode` to `keys` instead of its own keys (none
    /// unbinds it). A key taken from another action leaves it. The action
    /// keeps its place in the table, so help lists it where it was.
    pub fn rebind(&mut self, mode: Mode, action: Action, keys: &[Key]) {
        let place = self
            .bindings
            .iter()
            .position(|b| b.mode == mode && b.action == action)
            .unwrap_or(self.bindings.len());
        let before = self.bindings[..place]
            .iter()
            .filter(|b| b.mode == mode && (b.action == action || keys.contains(&b.key)))
            .count();
        self.bindings
            .retain(|b| !(b.mode == mode && (b.action == action || keys.contains(&b.key))));
        let at = place - before;
        let mut unique: Vec<Key> = Vec::new();
        for &key in keys {
            if !unique.contains(&key) {
                unique.push(key);
            }
        }
        self.bindings.splice(
            at..at,
            unique.into_iter().map(|key| Binding { mode, key, action }),
        );
    }

    /// The help screen: per mode, each action once with all its keys.
    pub fn help(&self) -> Vec<(Mode, Vec<(String, &'static str)>)> {
        let mut out: Vec<(Mode, Vec<(String, &'static str)>)> = Vec::new();
        for mode in [
            Mode::Normal,
            Mode::ActorPage,
            Mode::Overview,
            Mode::Finder,
            Mode::Confirm,
            Mode::Bookmarks,
            Mode::Help,
            Mode::Report,
        ] {
            let mut seen: Vec<Action> = Vec::new();
            let mut rows = Vec::new();
            for b in self.bindings.iter().filter(|b| b.mode == mode) {
                if seen.contains(&b.action) {
                    continue;
                }
                seen.push(b.action);
                let keys = self.describe_keys(mode, b.action).unwrap_or_default();
                rows.push((keys, b.action.description()));
            }
            if matches!(mode, Mode::Finder | Mode::Overview) {
                rows.push((
                    "letters".to_string(),
                    Action::FinderInput(' ').description(),
                ));
            }
            out.push((mode, rows));
        }
        out
    }
}

/// A status-line hint: the keys of `actions` (the first key of each, from
/// the keymap), then a short label, by default that of the first action.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    pub actions: &'static [Action],
    pub label: Option<&'static str>,
}

/// The hints the status line offers in `mode` with `pane` focused (and,
/// in the finder, whether it picks a merge target), most useful first.
/// Their keys are looked up in the keymap, so a rebinding shows here too.
pub fn hints(mode: Mode, pane: Pane, merging: bool) -> &'static [Hint] {
    use Action as A;
    match (mode, pane, merging) {
        (Mode::Finder, _, true) => &[
            Hint {
                actions: &[A::Select],
                label: Some("merge"),
            },
            Hint {
                actions: &[A::Down, A::Up],
                label: None,
            },
            Hint {
                actions: &[A::CloseOverlay],
                label: Some("cancel"),
            },
        ],
        (Mode::Finder, _, false) => &[
            Hint {
                actions: &[A::Select],
                label: Some("go"),
            },
            Hint {
                actions: &[A::Down, A::Up],
                label: None,
            },
            Hint {
                actions: &[A::CloseOverlay],
                label: None,
            },
        ],
        (Mode::ActorPage, _, _) => &[
            Hint {
                actions: &[A::Select],
                label: Some("go"),
            },
            Hint {
                actions: &[A::PrevSource, A::NextSource],
                label: None,
            },
            Hint {
                actions: &[A::OpenOverview],
                label: None,
            },
            Hint {
                actions: &[A::CloseOverlay],
                label: None,
            },
        ],
        (Mode::Overview, _, _) => &[
            Hint {
                actions: &[A::Select],
                label: Some("open"),
            },
            Hint {
                actions: &[A::CycleRanking],
                label: None,
            },
            Hint {
                actions: &[A::CycleKind],
                label: None,
            },
            Hint {
                actions: &[A::CycleSource],
                label: None,
            },
            Hint {
                actions: &[A::CloseOverlay],
                label: None,
            },
        ],
        (Mode::Bookmarks, _, _) => &[
            Hint {
                actions: &[A::Select],
                label: Some("go"),
            },
            Hint {
                actions: &[A::Down, A::Up],
                label: None,
            },
            Hint {
                actions: &[A::CloseOverlay],
                label: None,
            },
        ],
        (Mode::Confirm, _, _) => &[
            Hint {
                actions: &[A::Confirm],
                label: None,
            },
            Hint {
                actions: &[A::CloseOverlay],
                label: Some("no"),
            },
        ],
        (Mode::Help | Mode::Report, _, _) => &[
            Hint {
                actions: &[A::Down, A::Up],
                label: Some("scroll"),
            },
            Hint {
                actions: &[A::CloseOverlay],
                label: None,
            },
        ],
        (Mode::Normal, Pane::Articles, _) => &[
            Hint {
                actions: &[A::Select],
                label: Some("read"),
            },
            Hint {
                actions: &[A::FocusNext],
                label: None,
            },
            Hint {
                actions: &[A::OpenFinder],
                label: None,
            },
            Hint {
                actions: &[A::ToggleHelp],
                label: None,
            },
            Hint {
                actions: &[A::Quit],
                label: None,
            },
            Hint {
                actions: &[A::CycleSort],
                label: Some("sort"),
            },
            Hint {
                actions: &[A::OpenBookmarks],
                label: None,
            },
        ],
        (Mode::Normal, Pane::Text, _) => &[
            Hint {
                actions: &[A::NextMention, A::PrevMention],
                label: None,
            },
            Hint {
                actions: &[A::Back],
                label: None,
            },
            Hint {
                actions: &[A::FocusNext],
                label: None,
            },
            Hint {
                actions: &[A::ToggleHelp],
                label: None,
            },
            Hint {
                actions: &[A::NextName, A::PrevName],
                label: None,
            },
            Hint {
                actions: &[A::Select],
                label: Some("actor"),
            },
            Hint {
                actions: &[A::OpenUrl],
                label: Some("address"),
            },
            Hint {
                actions: &[A::ToggleBookmark],
                label: Some("bookmark"),
            },
        ],
        (Mode::Normal, Pane::Entities, _) => &[
            Hint {
                actions: &[A::Select],
                label: Some("mentions"),
            },
            Hint {
                actions: &[A::OpenFinder],
                label: None,
            },
            Hint {
                actions: &[A::MergeActor],
                label: None,
            },
            Hint {
                actions: &[A::ToggleHelp],
                label: None,
            },
        ],
        (Mode::Normal, Pane::Xref, _) => &[
            Hint {
                actions: &[A::Select],
                label: None,
            },
            Hint {
                actions: &[A::NextMention, A::PrevMention],
                label: None,
            },
            Hint {
                actions: &[A::SplitMention],
                label: None,
            },
            Hint {
                actions: &[A::MergeActor],
                label: None,
            },
            Hint {
                actions: &[A::Back],
                label: None,
            },
            Hint {
                actions: &[A::ToggleHelp],
                label: None,
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_one_action_per_mode() {
        let keymap = Keymap::default();
        for (i, a) in keymap.bindings.iter().enumerate() {
            for b in &keymap.bindings[i + 1..] {
                assert!(
                    !(a.mode == b.mode && a.key == b.key),
                    "{:?} bound twice in {:?}",
                    a.key,
                    a.mode
                );
            }
        }
    }

    #[test]
    fn normal_keys_follow_the_reading_conventions() {
        let keymap = Keymap::default();
        let normal = |k| keymap.action(Mode::Normal, k);
        assert_eq!(normal(Key::char('j')), Some(Action::Down));
        assert_eq!(normal(Key::plain(KeyCode::Up)), Some(Action::Up));
        assert_eq!(normal(Key::char('G')), Some(Action::Bottom));
        assert_eq!(normal(Key::ctrl('d')), Some(Action::HalfPageDown));
        assert_eq!(normal(Key::ctrl('o')), Some(Action::Back));
        assert_eq!(normal(Key::char('N')), Some(Action::PrevMention));
        assert_eq!(normal(Key::char('u')), Some(Action::Undo));
        assert_eq!(normal(Key::char('z')), None);
    }

    #[test]
    fn finder_types_letters_that_quit_elsewhere() {
        let keymap = Keymap::default();
        assert_eq!(
            keymap.action(Mode::Finder, Key::char('q')),
            Some(Action::FinderInput('q'))
        );
        assert_eq!(
            keymap.action(Mode::Finder, Key::char('j')),
            Some(Action::FinderInput('j'))
        );
        assert_eq!(
            keymap.action(Mode::Finder, Key::plain(KeyCode::Esc)),
            Some(Action::CloseOverlay)
        );
        assert_eq!(keymap.action(Mode::Finder, Key::ctrl('x')), None);
    }

    #[test]
    fn keys_are_described_from_the_table() {
        let mut keymap = Keymap::default();
        assert_eq!(
            keymap.describe_keys(Mode::Normal, Action::Down).as_deref(),
            Some("j/↓")
        );
        assert_eq!(
            keymap.describe_keys(Mode::Normal, Action::Back).as_deref(),
            Some("Ctrl-o")
        );
        // Rebinding changes what is described.
        keymap
            .bindings
            .retain(|b| !(b.mode == Mode::Normal && b.action == Action::Back));
        assert_eq!(keymap.describe_keys(Mode::Normal, Action::Back), None);
    }

    #[test]
    fn help_lists_each_action_once_with_all_its_keys() {
        let help = Keymap::default().help();
        let normal = &help.iter().find(|(m, _)| *m == Mode::Normal).unwrap().1;
        let quit: Vec<_> = normal.iter().filter(|(_, d)| *d == "quit").collect();
        assert_eq!(quit.len(), 1);
        assert_eq!(quit[0].0, "q/Ctrl-c");
    }

    #[test]
    fn keys_read_back_as_help_shows_them() {
        for b in &Keymap::default().bindings {
            assert_eq!(b.key.to_string().parse::<Key>(), Ok(b.key), "{}", b.key);
        }
        assert_eq!("C-D".parse::<Key>(), Ok(Key::ctrl('d')));
        assert_eq!("PageDown".parse::<Key>(), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!("escape".parse::<Key>(), Ok(Key::plain(KeyCode::Esc)));
        assert_eq!("-".parse::<Key>(), Ok(Key::char('-')));
        assert_eq!("Ctrl--".parse::<Key>(), Ok(Key::ctrl('-')));
        assert!("jj".parse::<Key>().is_err());
        assert!("".parse::<Key>().is_err());
        assert!("\u{1b}".parse::<Key>().is_err());
        assert!("Hyper-x".parse::<Key>().is_err());
    }

    #[test]
    fn rebinding_moves_keys_and_keeps_the_help_order() {
        let mut keymap = Keymap::default();
        let order = |k: &Keymap| -> Vec<Action> {
            let help = k.help();
            help[0]
                .1
                .iter()
                .map(|(_, d)| *d)
                .map(|d| {
                    k.bindings
                        .iter()
                        .find(|b| b.mode == Mode::Normal && b.action.description() == d)
                        .unwrap()
                        .action
                })
                .collect()
        };
        let before = order(&keymap);
        // `x` leaves split_mention for next_mention; `n` is unbound.
        keymap.rebind(
            Mode::Normal,
            Action::NextMention,
            &[Key::char('x'), Key::char('x')],
        );
        assert_eq!(
            keymap.action(Mode::Normal, Key::char('x')),
            Some(Action::NextMention)
        );
        assert_eq!(keymap.action(Mode::Normal, Key::char('n')), None);
        assert_eq!(
            keymap.keys(Mode::Normal, Action::NextMention),
            vec![Key::char('x')]
        );
        assert!(keymap.keys(Mode::Normal, Action::SplitMention).is_empty());
        // Other modes keep their keys.
        assert_eq!(
            keymap.action(Mode::Help, Key::char('j')),
            Some(Action::Down)
        );
        let after = order(&keymap);
        let without_split: Vec<_> = before
            .iter()
            .copied()
            .filter(|&a| a != Action::SplitMention)
            .collect();
        assert_eq!(after, without_split);
        keymap.rebind(Mode::Normal, Action::Quit, &[]);
        assert_eq!(keymap.action(Mode::Normal, Key::char('q')), None);
    }

    #[test]
    fn every_hint_has_a_key_in_its_mode() {
        let keymap = Keymap::default();
        for (mode, _) in keymap.help() {
            for pane in Pane::ALL {
                for merging in [false, true] {
                    for hint in hints(mode, pane, merging) {
                        assert!(
                            hint.actions
                                .iter()
                                .all(|&a| !keymap.keys(mode, a).is_empty()),
                            "{mode:?} {pane:?}: {:?}",
                            hint.actions
                        );
                    }
                }
            }
        }
    }
}
