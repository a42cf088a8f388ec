//! The settings file, `<config dir>/config.toml` (`~/.config/crossread` on
//! Linux, or `$CROSSREAD_CONFIG_DIR`): keys per mode and the default
//! tagger. Every setting may be left out. A setting that cannot be used is
//! reported with its file and line and left at its default; a file that is
//! not valid TOML keeps what could be read of it. Nothing here is fatal.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::app::view::LayoutPrefs;
use crate::app::{Action, ColorMode, Key, Keymap, Mode};

/// Overrides the config directory.
pub const CONFIG_DIR_ENV: &str = "CROSSREAD_CONFIG_DIR";

/// The entity taggers the file may choose, as `--tagger` names them.
pub const TAGGERS: [&str; 3] = ["rules", "model", "hybrid"];

/// The palettes `[colors] palette` may name.
const PALETTES: [(&str, ColorMode); 4] = [
    ("16", ColorMode::Ansi16),
    ("256", ColorMode::Ansi256),
    ("truecolor", ColorMode::TrueColor),
    ("none", ColorMode::Plain),
];

/// Everything the file can set, with the defaults for what it leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub keymap: Keymap,
    /// One of [`TAGGERS`], used when `--tagger` is not given.
    pub tagger: &'static str,
    /// The palette colours come from (NO_COLOR still turns them off).
    pub colors: ColorMode,
    pub layout: LayoutPrefs,
    /// `y` may copy through the terminal (OSC 52).
    pub osc52: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            keymap: Keymap::default(),
            tagger: "hybrid",
            colors: ColorMode::Ansi16,
            layout: LayoutPrefs::default(),
            osc52: false,
        }
    }
}

/// A setting that was not used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based; 0 when the file as a whole is at fault.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file.display(), self.message),
            n => write!(f, "{}:{n}: {}", self.file.display(), self.message),
        }
    }
}

/// A config file as read: the settings, and what in it was not used.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loaded {
    pub config: Config,
    pub problems: Vec<Problem>,
}

/// The directory of the settings file: `$CROSSREAD_CONFIG_DIR` when set and
/// not empty, else the platform's config directory.
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("", "", "crossread")
            .map(|d| d.config_dir().to_path_buf()),
    }
}

/// Where the settings file is looked for.
pub fn config_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// The settings of this run, read from [`config_file`] the first time they
/// are asked for.
pub fn current() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| match config_file() {
        Some(path) => read(&path),
        None => Loaded::default(),
    })
}

/// The settings in `path`; the defaults when there is no such file.
pub fn read(path: &Path) -> Loaded {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, path),
            Err(_) => whole_file_problem(path, "is not UTF-8 text; its settings are not used"),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Loaded::default(),
        Err(e) => whole_file_problem(
            path,
            &format!("cannot be read ({e}); its settings are not used"),
        ),
    }
}

fn whole_file_problem(path: &Path, message: &str) -> Loaded {
    Loaded {
        config: Config::default(),
        problems: vec![Problem {
            file: path.to_path_buf(),
            line: 0,
            message: message.to_string(),
        }],
    }
}

/// The settings in `text`, read from `file` (named in problems).
pub fn parse(text: &str, file: &Path) -> Loaded {
    let mut reader = Reader {
        text,
        file,
        problems: Vec::new(),
    };
    let (root, errors) = DeTable::parse_recoverable(text);
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim().to_string();
        reader.problem(span, format!("not valid TOML: {message}"));
    }
    let mut config = Config::default();
    for (key, value) in root.get_ref() {
        let section = value.get_ref().as_table();
        match (key.get_ref().as_ref(), section) {
            ("keys", Some(modes)) => reader.keys(modes, &mut config.keymap),
            ("analysis", Some(table)) => {
                for (key, value) in table {
                    match key.get_ref().as_ref() {
                        "tagger" => {
                            if let Some(tagger) =
                                reader.one_of(value, &TAGGERS, "[analysis] tagger")
                            {
                                config.tagger = tagger;
                            }
                        }
                        other => reader.unknown(key.span(), "[analysis]", other),
                    }
                }
            }
            ("colors", Some(table)) => {
                for (key, value) in table {
                    match key.get_ref().as_ref() {
                        "palette" => {
                            if let Some(name) =
                                reader.one_of(value, &PALETTES.map(|(n, _)| n), "[colors] palette")
                            {
                                config.colors = PALETTES
                                    .iter()
                                    .find(|(n, _)| *n == name)
                                    .map_or(ColorMode::Ansi16, |(_, mode)| *mode);
                            }
                        }
                        other => reader.unknown(key.span(), "[colors]", other),
                    }
                }
            }
            ("layout", Some(table)) => {
                for (key, value) in table {
                    let layout = &mut config.layout;
                    match key.get_ref().as_ref() {
                        "panes" => {
                            if let Some(n) = reader.number(value, &[1, 2, 4], "[layout] panes") {
                                layout.max_panes = n as u8;
                            }
                        }
                        "list_width" => {
                            let allowed: Vec<i64> = (10..=90).collect();
                            if let Some(n) = reader.number(value, &allowed, "[layout] list_width") {
                                layout.list_percent = n as u16;
                            }
                        }
                        "text_width" => {
                            if let Some(n) = reader.range(value, 0..=1000, "[layout] text_width") {
                                layout.measure = n as u16;
                            }
                        }
                        other => reader.unknown(key.span(), "[layout]", other),
                    }
                }
            }
            ("clipboard", Some(table)) => {
                for (key, value) in table {
                    match key.get_ref().as_ref() {
                        "osc52" => match value.get_ref().as_bool() {
                            Some(on) => config.osc52 = on,
                            None => reader.problem(
                                value.span(),
                                "[clipboard] osc52 must be true or false".to_string(),
                            ),
                        },
                        other => reader.unknown(key.span(), "[clipboard]", other),
                    }
                }
            }
            ("keys" | "analysis" | "colors" | "layout" | "clipboard", None) => reader.problem(
                value.span(),
                format!("`{}` must be a table ([{}])", key.get_ref(), key.get_ref()),
            ),
            (other, _) => reader.unknown(key.span(), "the file", other),
        }
    }
    let mut problems = reader.problems;
    problems.sort_by_key(|p| p.line);
    Loaded { config, problems }
}

/// Walks the file, collecting what it cannot use.
struct Reader<'a> {
    text: &'a str,
    file: &'a Path,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn line(&self, span: &Range<usize>) -> usize {
        let at = span.start.min(self.text.len());
        1 + self.text.as_bytes()[..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
    }

    fn problem(&mut self, span: Range<usize>, message: String) {
        let line = self.line(&span);
        self.problems.push(Problem {
            file: self.file.to_path_buf(),
            line,
            message: format!("{message}; ignored"),
        });
    }

    fn unknown(&mut self, span: Range<usize>, place: &str, key: &str) {
        self.problem(span, format!("{place} has no setting `{key}`"));
    }

    /// `value` when it is a string among `allowed`.
    fn one_of(
        &mut self,
        value: &Spanned<DeValue>,
        allowed: &[&'static str],
        setting: &str,
    ) -> Option<&'static str> {
        // `palette = 256` means "256" too.
        let written = match value.get_ref() {
            DeValue::Integer(n) => Some(n.as_str()),
            other => other.as_str(),
        };
        let found = written.and_then(|s| allowed.iter().find(|a| **a == s));
        if found.is_none() {
            let quoted: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
            self.problem(
                value.span(),
                format!("{setting} must be one of {}", quoted.join(", ")),
            );
        }
        found.copied()
    }

    /// `value` when it is an integer among `allowed`.
    fn number(&mut self, value: &Spanned<DeValue>, allowed: &[i64], setting: &str) -> Option<i64> {
        let n = integer(value).filter(|n| allowed.contains(n));
        if n.is_none() {
            let what = match allowed {
                [one, .., last] if allowed.len() > 3 => {
                    format!("a whole number from {one} to {last}")
                }
                _ => format!(
                    "one of {}",
                    allowed
                        .iter()
                        .map(i64::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            self.problem(value.span(), format!("{setting} must be {what}"));
        }
        n
    }

    /// `value` when it is an integer in `range`.
    fn range(
        &mut self,
        value: &Spanned<DeValue>,
        range: std::ops::RangeInclusive<i64>,
        setting: &str,
    ) -> Option<i64> {
        let n = integer(value).filter(|n| range.contains(n));
        if n.is_none() {
            self.problem(
                value.span(),
                format!(
                    "{setting} must be a whole number from {} to {}",
                    range.start(),
                    range.end()
                ),
            );
        }
        n
    }

    /// `[keys.<mode>]` tables of `action = "key"` or `action = ["key", ...]`.
    fn keys(&mut self, modes: &DeTable, keymap: &mut Keymap) {
        for (mode_name, actions) in modes {
            let Some(mode) = from_name::<Mode>(mode_name.get_ref()) else {
                let known: Vec<String> = modes_in(keymap).iter().map(name_of).collect();
                self.problem(
                    mode_name.span(),
                    format!(
                        "[keys] has no mode `{}` (modes: {})",
                        mode_name.get_ref(),
                        known.join(", ")
                    ),
                );
                continue;
            };
            let Some(actions) = actions.get_ref().as_table() else {
                self.problem(
                    actions.span(),
                    format!(
                        "keys.{} must be a table of action = keys",
                        mode_name.get_ref()
                    ),
                );
                continue;
            };
            let place = format!("[keys.{}]", mode_name.get_ref());
            for (action_name, keys) in actions {
                // Actions that carry data (typing, resizing) have no name.
                let Some(action) = from_name::<Action>(action_name.get_ref()) else {
                    self.problem(
                        action_name.span(),
                        format!("{place} has no action `{}`", action_name.get_ref()),
                    );
                    continue;
                };
                let written: Vec<&Spanned<DeValue>> = match keys.get_ref() {
                    DeValue::String(_) => vec![keys],
                    DeValue::Array(array) => array.iter().collect(),
                    _ => {
                        self.problem(
                            keys.span(),
                            format!(
                                "{place} {}: keys are a string or a list of strings",
                                action_name.get_ref()
                            ),
                        );
                        continue;
                    }
                };
                let mut parsed = Vec::new();
                let mut bad = false;
                for key in written {
                    match key.get_ref().as_str().map(str::parse::<Key>) {
                        Some(Ok(k)) => parsed.push(k),
                        Some(Err(why)) => {
                            bad = true;
                            self.problem(
                                key.span(),
                                format!("{place} {}: {why}", action_name.get_ref()),
                            );
                        }
                        None => {
                            bad = true;
                            self.problem(
                                key.span(),
                                format!(
                                    "{place} {}: a key is a string such as \"j\" or \"Ctrl-d\"",
                                    action_name.get_ref()
                                ),
                            );
                        }
                    }
                }
                // A half-understood entry would leave the action with fewer
                // keys than meant: it keeps its own instead.
                if !bad {
                    keymap.rebind(mode, action, &parsed);
                }
            }
        }
    }
}

/// A TOML integer's value.
fn integer(value: &Spanned<DeValue>) -> Option<i64> {
    match value.get_ref() {
        DeValue::Integer(n) => i64::from_str_radix(&n.as_str().replace('_', ""), n.radix()).ok(),
        _ => None,
    }
}

/// A mode or action by its name in the file (`actor_page`, `next_mention`).
fn from_name<T: for<'de> Deserialize<'de>>(name: &str) -> Option<T> {
    T::deserialize(StrDeserializer::<ValueError>::new(name)).ok()
}

/// The name the file uses for a mode or action.
fn name_of<T: Serialize>(value: &T) -> String {
    match toml::Value::try_from(value) {
        Ok(toml::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// The keymap's modes, in the order help lists them.
fn modes_in(keymap: &Keymap) -> Vec<Mode> {
    keymap.help().into_iter().map(|(mode, _)| mode).collect()
}

/// The file `--print-config` prints: every setting at its default, with
/// what it does. The keys come from the keymap table itself, commented out
/// so that a copy of the file changes nothing until a line is edited.
pub fn default_file(location: Option<&Path>) -> String {
    let defaults = Config::default();
    let mut out = String::new();
    let place = match location {
        Some(path) => format!("{}", path.display()),
        None => format!("config.toml in the config directory (set {CONFIG_DIR_ENV})"),
    };
    out.push_str(&format!(
        "# crossread settings, read from {place}.\n\
         # Every setting may be left out. One that cannot be used is reported\n\
         # with its line when crossread starts, and left at its default.\n\n"
    ));
    out.push_str(&format!(
        "[analysis]\n\
         # The entity tagger when --tagger is not given: {}.\n\
         # \"rules\": capitalisation rules and the built-in lexicon; \"model\": the\n\
         # trained statistical model; \"hybrid\": the model plus known names it missed.\n\
         tagger = \"{}\"\n\n",
        TAGGERS.map(|t| format!("\"{t}\"")).join(", "),
        defaults.tagger
    ));
    out.push_str(&format!(
        "[colors]\n\
         # \"16\": the terminal's 16 named colours, so its own theme decides how\n\
         # they look; \"256\" or \"truecolor\": fixed mid tones from those palettes,\n\
         # for terminals that have them; \"none\": no colour, types shown by\n\
         # markers and bold/underline (as NO_COLOR does, which wins over this).\n\
         palette = \"{}\"\n\n",
        PALETTES
            .iter()
            .find(|(_, mode)| *mode == defaults.colors)
            .map_or("16", |(name, _)| name)
    ));
    let layout = &defaults.layout;
    out.push_str(&format!(
        "[layout]\n\
         # The most panes shown at once: 4, 2 or 1. Fewer are shown when they do\n\
         # not fit: all four from 80x24; below, the focused pane with its pair\n\
         # (articles and text, or entities and cross-references), side by side\n\
         # from 80 columns, stacked from 24 rows; else the focused pane alone.\n\
         panes = {}\n\
         # The share of the width, in percent (10 to 90), the lists take beside\n\
         # the text (at least 24 columns, at most 72).\n\
         list_width = {}\n\
         # The widest line of article text, in columns, for a readable measure\n\
         # on wide screens; 0 wraps at the pane's width.\n\
         text_width = {}\n\n",
        layout.max_panes, layout.list_percent, layout.measure
    ));
    out.push_str(&format!(
        "[clipboard]\n\
         # y copies the article's address by asking the terminal to put it on the\n\
         # clipboard (an OSC 52 escape sequence). Not every terminal allows it,\n\
         # and some let any program read or write the clipboard that way, so\n\
         # it is off until set here. Only http and https addresses with no\n\
         # control character are ever sent.\n\
         osc52 = {}\n\n",
        defaults.osc52
    ));
    out.push_str(
        "# Keys, per mode. `action = \"key\"` or `action = [\"key\", \"key\"]` gives the\n\
         # action these keys instead of its own; `action = []` leaves it without\n\
         # one. A key given to an action leaves the action that had it. Keys are\n\
         # written as help (?) shows them: j, G, Ctrl-d, Enter, Esc, Tab,\n\
         # Shift-Tab, Space, Backspace, Up, Down, Left, Right, PgUp, PgDn, Home, End.\n",
    );
    let keymap = &defaults.keymap;
    for mode in modes_in(keymap) {
        out.push_str(&format!("\n[keys.{}]\n", name_of(&mode)));
        let mut seen: Vec<Action> = Vec::new();
        for binding in keymap.bindings.iter().filter(|b| b.mode == mode) {
            if seen.contains(&binding.action) {
                continue;
            }
            seen.push(binding.action);
            let keys: Vec<String> = keymap
                .keys(mode, binding.action)
                .iter()
                .map(|k| toml_string(&k.to_string()))
                .collect();
            let keys = match keys.as_slice() {
                [one] => one.clone(),
                _ => format!("[{}]", keys.join(", ")),
            };
            out.push_str(&format!(
                "# {} = {keys}  # {}\n",
                name_of(&binding.action),
                binding.action.description()
            ));
        }
    }
    out
}

/// `s` as a TOML basic string.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::KeyCode;

    fn parse_str(text: &str) -> Loaded {
        parse(text, Path::new("config.toml"))
    }

    fn lines(loaded: &Loaded) -> Vec<usize> {
        loaded.problems.iter().map(|p| p.line).collect()
    }

    #[test]
    fn an_empty_file_gives_the_defaults() {
        assert_eq!(parse_str(""), Loaded::default());
    }

    #[test]
    fn the_printed_defaults_read_back_as_the_defaults() {
        let printed = default_file(None);
        assert_eq!(parse_str(&printed), Loaded::default());
        // With every key line uncommented, the keymap is still the default:
        // every key and action reads back as it was printed.
        let uncommented: String = printed
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|rest| {
                        rest.split_once(" = ").is_some_and(|(name, _)| {
                            name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                        })
                    })
                    .unwrap_or(l)
            })
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(
            uncommented.contains("\nnext_mention = \"n\""),
            "{uncommented}"
        );
        let loaded = parse_str(&uncommented);
        assert_eq!(loaded.problems, vec![]);
        // The same keys for the same actions (an action's keys now listed
        // together), so help reads the same.
        let (read, default) = (&loaded.config.keymap, Keymap::default());
        assert_eq!(read.bindings.len(), default.bindings.len());
        for b in &default.bindings {
            assert_eq!(read.action(b.mode, b.key), Some(b.action), "{b:?}");
        }
        assert_eq!(read.help(), default.help());
    }

    #[test]
    fn keys_are_overridden_per_mode_and_the_rest_kept() {
        let loaded = parse_str(
            "[keys.normal]\nnext_mention = \"Ctrl-n\"\nquit = [\"Q\", \"Ctrl-c\"]\n\
             [keys.help]\nclose_overlay = \"h\"\n",
        );
        assert_eq!(loaded.problems, vec![]);
        let keymap = &loaded.config.keymap;
        assert_eq!(
            keymap.action(Mode::Normal, Key::ctrl('n')),
            Some(Action::NextMention)
        );
        assert_eq!(keymap.action(Mode::Normal, Key::char('n')), None);
        assert_eq!(keymap.action(Mode::Normal, Key::char('q')), None);
        assert_eq!(
            keymap.action(Mode::Normal, Key::char('Q')),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.action(Mode::Help, Key::char('h')),
            Some(Action::CloseOverlay)
        );
        // Untouched: other actions, and the same action in other modes.
        assert_eq!(
            keymap.action(Mode::Normal, Key::char('j')),
            Some(Action::Down)
        );
        assert_eq!(
            keymap.action(Mode::Help, Key::char('q')),
            Some(Action::Quit)
        );
        // Help is written from the same table.
        let help = keymap.help();
        let normal = &help.iter().find(|(m, _)| *m == Mode::Normal).unwrap().1;
        assert!(normal.contains(&("Ctrl-n".to_string(), Action::NextMention.description())));
    }

    #[test]
    fn bad_settings_are_reported_by_line_and_ignored() {
        let text = "\
[keys.normal]
next_mention = \"Ctrl-Alt-n\"
nonsense = \"z\"
down = [\"J\", 3]
up = \"K\"
finder_input = \"i\"

[keys.nomode]
quit = \"x\"

[analysis]
tagger = \"crf\"
colour = 1

[extra]
";
        let loaded = parse_str(text);
        assert_eq!(
            lines(&loaded),
            vec![2, 3, 4, 6, 8, 12, 13, 15],
            "{:#?}",
            loaded.problems
        );
        let keymap = &loaded.config.keymap;
        // The good line in the middle is used; the bad ones change nothing.
        assert_eq!(
            keymap.action(Mode::Normal, Key::char('K')),
            Some(Action::Up)
        );
        assert_eq!(
            keymap.action(Mode::Normal, Key::char('n')),
            Some(Action::NextMention)
        );
        assert_eq!(
            keymap.action(Mode::Normal, Key::char('j')),
            Some(Action::Down)
        );
        assert_eq!(keymap.action(Mode::Normal, Key::char('J')), None);
        assert_eq!(loaded.config.tagger, "hybrid");
        let shown: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            shown[0],
            "config.toml:2: [keys.normal] next_mention: \"Ctrl-Alt-n\" is not a key; ignored"
        );
        assert!(
            shown[5].contains("\"rules\", \"model\", \"hybrid\""),
            "{}",
            shown[5]
        );
        assert!(shown.iter().all(|s| s.ends_with("; ignored")));
    }

    #[test]
    fn a_file_that_is_not_toml_keeps_what_could_be_read() {
        let loaded = parse_str("[analysis]\ntagger = \"rules\"\n[keys.normal\nquit = \"Q\"\n");
        assert!(!loaded.problems.is_empty());
        assert_eq!(loaded.problems[0].line, 3, "{:#?}", loaded.problems);
        assert!(loaded.problems[0].message.starts_with("not valid TOML"));
        assert_eq!(loaded.config.tagger, "rules");
        let loaded = parse_str("tagger = = \n\u{0}\n");
        assert!(!loaded.problems.is_empty());
        assert_eq!(loaded.config, Config::default());
    }

    #[test]
    fn files_that_cannot_be_read_are_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("config.toml");
        assert_eq!(read(&missing), Loaded::default());
        std::fs::write(&missing, [0xff, 0xfe, b'a']).unwrap();
        let loaded = read(&missing);
        assert_eq!(loaded.problems.len(), 1);
        assert_eq!(loaded.problems[0].line, 0);
        assert!(loaded.problems[0].to_string().contains("not UTF-8"));
        // A directory where the file should be.
        let loaded = read(dir.path());
        assert_eq!(loaded.problems.len(), 1);
        assert!(loaded.problems[0].to_string().contains("cannot be read"));
    }

    #[test]
    fn the_palette_is_chosen_by_name_or_number() {
        for (text, mode) in [
            ("palette = \"256\"", ColorMode::Ansi256),
            ("palette = 256", ColorMode::Ansi256),
            ("palette = \"truecolor\"", ColorMode::TrueColor),
            ("palette = \"none\"", ColorMode::Plain),
            ("palette = \"16\"", ColorMode::Ansi16),
        ] {
            let loaded = parse_str(&format!("[colors]\n{text}\n"));
            assert_eq!(loaded.problems, vec![], "{text}");
            assert_eq!(loaded.config.colors, mode, "{text}");
        }
        let loaded = parse_str("[colors]\npalette = 88\nhue = 1\n");
        assert_eq!(lines(&loaded), vec![2, 3]);
        assert_eq!(loaded.config.colors, ColorMode::Ansi16);
    }

    #[test]
    fn layout_choices_are_read_and_checked() {
        let loaded = parse_str("[layout]\npanes = 2\nlist_width = 40\ntext_width = 0\n");
        assert_eq!(loaded.problems, vec![]);
        assert_eq!(
            loaded.config.layout,
            LayoutPrefs {
                max_panes: 2,
                list_percent: 40,
                measure: 0
            }
        );
        let loaded =
            parse_str("[layout]\npanes = 3\nlist_width = 95\ntext_width = \"wide\"\nwidth = 1\n");
        assert_eq!(lines(&loaded), vec![2, 3, 4, 5], "{:#?}", loaded.problems);
        assert_eq!(loaded.config.layout, LayoutPrefs::default());
        assert!(loaded.problems[0].message.contains("one of 1, 2, 4"));
        assert!(loaded.problems[1].message.contains("from 10 to 90"));
    }

    #[test]
    fn the_clipboard_is_opt_in() {
        assert!(!Config::default().osc52);
        assert!(parse_str("[clipboard]\nosc52 = true\n").config.osc52);
        let loaded = parse_str("[clipboard]\nosc52 = \"yes\"\n");
        assert_eq!(lines(&loaded), vec![2]);
        assert!(!loaded.config.osc52);
    }

    #[test]
    fn keys_named_in_the_file_are_plain_keys() {
        let loaded = parse_str("[keys.finder]\nselect = [\"Enter\", \"Ctrl-j\"]\n");
        assert_eq!(loaded.problems, vec![]);
        assert_eq!(
            loaded.config.keymap.keys(Mode::Finder, Action::Select),
            vec![Key::plain(KeyCode::Enter), Key::ctrl('j')]
        );
    }
}
