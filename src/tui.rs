//! The terminal: setting it up, always restoring it, and the event loop.

#[cfg(unix)]
mod signals;
mod url;

use std::io::{self, Stdout};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossterm::event::{self, Event, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Action, App, Effect, Key, KeyCode, Outcome};
use crate::index::CorpusIndex;
use crate::index::search::TextIndex;
use crate::store::CorrectionStore;
use crate::store::reader::ReaderStore;
use crate::ui;

/// Where corrections made in the reader go: a store, or why they are not saved.
pub type Saving = std::result::Result<CorrectionStore, String>;

/// What the thread preparing the corpus tells the reader.
pub enum Prepared {
    /// How far it has come, for the status line.
    Progress(String),
    /// More of the corpus read: the texts shown so far and those after them.
    Texts(Box<CorpusIndex>),
    /// The analysed corpus, where its corrections are saved, what to tell
    /// the user, and what finds words in its texts.
    Ready(Box<Ready>),
    /// After the analysed corpus: its store written (or why not) and the
    /// search over its texts. The last message.
    Stored {
        search: Option<Box<dyn TextIndex>>,
        problem: Option<String>,
    },
}

/// The analysed corpus, as the reader takes it.
pub struct Ready {
    pub index: CorpusIndex,
    pub saving: Saving,
    pub notice: Option<String>,
    pub search: Option<Box<dyn TextIndex>>,
}

/// When the reader first drew, when the analysed corpus arrived, and how
/// long each key took from being read to its frame drawn.
#[derive(Debug, Default, Clone)]
pub struct Times {
    pub first_frame: Option<Instant>,
    pub ready: Option<Instant>,
    pub keys: Vec<Duration>,
}

/// Opens the reader on `index` until the reader quits. Corrections are saved
/// to `saving` as they are made; `notice` is shown on the status line first;
/// `search` finds words in the texts. While `preparing` is given, the index
/// shown is the texts alone and the analysed one arrives from it.
pub fn run(
    index: CorpusIndex,
    mut saving: Saving,
    notice: Option<String>,
    search: Option<Box<dyn TextIndex>>,
    preparing: Option<Receiver<Prepared>>,
) -> Result<Times> {
    let mut app = App::new(index);
    app.set_text_index(search);
    if preparing.is_some() {
        app.set_progress(Some("reading…".to_string()));
    }
    let settings = crate::config::current();
    app.set_colors(settings.config.colors.unless_no_color());
    app.set_keymap(settings.config.keymap.clone());
    app.set_layout_prefs(settings.config.layout);
    if let Some(first) = settings.problems.first() {
        // All of them were said on stderr, which shows again on quitting.
        let more = match settings.problems.len() {
            1 => String::new(),
            n => format!(" (and {} more, on stderr)", n - 1),
        };
        app.notify_also(format!("{first}{more}"), "; ");
    }
    install_panic_hook();
    #[cfg(unix)]
    let mut watch = signals::Watch::install().context("watching for signals")?;
    let mut state = open_state(&mut app, &saving);
    let mut guard = TerminalGuard::enter()?;
    let mut times = Times::default();
    let result = event_loop(
        &mut app,
        &mut guard,
        #[cfg(unix)]
        &mut watch,
        &mut Stores {
            saving: &mut saving,
            state: &mut state,
        },
        notice,
        preparing,
        &mut times,
    );
    // Where the reader was is kept however the loop ended.
    keep_state(&mut app, &mut state);
    let restored = guard.restore();
    // With the terminal gone there is nothing to restore; after an error,
    // that error is the one to tell.
    if matches!(result, Ok(Ended::Quit | Ended::Signal(_))) {
        restored?;
    }
    #[cfg(unix)]
    if let Ok(Ended::Signal(signal)) = result {
        signals::die_of(signal);
    }
    result.map(|_| times)
}

/// Why the event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    /// The reader quit.
    Quit,
    /// The terminal went away (hung up, input ended).
    #[cfg_attr(not(unix), allow(dead_code))]
    Gone,
    /// A signal ended it; the process ends as that signal would.
    #[cfg_attr(not(unix), allow(dead_code))]
    Signal(i32),
}

/// Where what the reader changes is kept: corrections and reader state.
struct Stores<'a> {
    saving: &'a mut Saving,
    state: &'a mut Option<ReaderStore>,
}

fn event_loop(
    app: &mut App,
    guard: &mut TerminalGuard,
    #[cfg(unix)] watch: &mut signals::Watch,
    stores: &mut Stores,
    notice: Option<String>,
    mut preparing: Option<Receiver<Prepared>>,
    times: &mut Times,
) -> Result<Ended> {
    let size = guard.terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    if let Some(notice) = notice {
        app.notify_also(notice, "; ");
    }
    // The terminal-restoration test needs a real panic in the real binary.
    let panic_on_key = std::env::var_os("CROSSREAD_PANIC_ON_KEY").is_some();
    let mut dirty = true;
    // When each key not drawn yet was read.
    let mut keys_read: Vec<Instant> = Vec::new();
    let mut quit = false;
    while !quit {
        if let Some(rx) = &preparing {
            let (changed, done) = take_prepared(app, rx, stores, times);
            dirty |= changed;
            if done {
                preparing = None;
            }
        }
        // A browser that failed after it started says so now.
        for failure in url::failures() {
            app.notify(failure);
            dirty = true;
        }
        if dirty {
            guard.terminal.draw(|frame| ui::render(app, frame))?;
            let drawn = Instant::now();
            times.first_frame.get_or_insert(drawn);
            times.keys.extend(keys_read.drain(..).map(|at| drawn - at));
            dirty = false;
        }
        // Work a key put off runs once no other key is waiting; while the
        // corpus is prepared, the loop wakes now and then to show progress.
        let timeout = if app.has_due_work() {
            Some(Duration::ZERO)
        } else if preparing.is_some() {
            Some(Duration::from_millis(100))
        } else {
            None
        };
        #[cfg(unix)]
        match watch
            .wait_up_to(timeout)
            .context("waiting for terminal input")?
        {
            None => {
                dirty |= app.run_due_work();
                continue;
            }
            Some(signals::Wake::Input) => {}
            Some(signals::Wake::Gone) => return Ok(Ended::Gone),
            Some(signals::Wake::End(signal)) => return Ok(Ended::Signal(signal)),
            Some(signals::Wake::Suspend) => {
                guard.suspend()?;
                dirty = true;
                continue;
            }
            Some(signals::Wake::Resumed) => {
                // Stopped and continued from outside: the screen may hold
                // anything now.
                guard.terminal.clear()?;
                dirty = true;
                continue;
            }
        }
        // Everything the terminal has for us now, then one redraw.
        while !quit && event::poll(Duration::ZERO).context("reading terminal input")? {
            match event::read().context("reading terminal input")? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if panic_on_key {
                        panic!("a key was pressed with CROSSREAD_PANIC_ON_KEY set");
                    } else if is_suspend(key) {
                        guard.suspend()?;
                        dirty = true;
                    } else {
                        for key in convert_key(key) {
                            let read = Instant::now();
                            let outcome = on_key(app, key, stores.saving);
                            if outcome.has(Effect::SaveState) {
                                keep_state(app, stores.state);
                            }
                            if outcome.changed() {
                                keys_read.push(read);
                                dirty = true;
                            } else {
                                // Nothing to draw: the key is done.
                                times.keys.push(read.elapsed());
                            }
                            quit |= outcome.has(Effect::Quit);
                            if quit {
                                break;
                            }
                        }
                    }
                }
                Event::Resize(width, height) => {
                    guard.terminal.autoresize()?;
                    app.update(Action::Resize { width, height });
                    dirty = true;
                }
                _ => {}
            }
        }
        #[cfg(not(unix))]
        if !dirty
            && !quit
            && !event::poll(timeout.unwrap_or(Duration::from_secs(3600)))
                .context("reading terminal input")?
        {
            dirty |= app.run_due_work();
        }
    }
    Ok(Ended::Quit)
}

/// Ctrl-z: in raw mode the terminal sends it as a key, not as a signal.
fn is_suspend(key: KeyEvent) -> bool {
    cfg!(unix)
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, event::KeyCode::Char('z' | 'Z'))
}

/// Takes in what the preparing thread sent: (screen changed, done). The
/// thread ending is the end: after the analysed corpus it is the normal one.
fn take_prepared(
    app: &mut App,
    rx: &Receiver<Prepared>,
    stores: &mut Stores,
    times: &mut Times,
) -> (bool, bool) {
    let mut changed = false;
    loop {
        match rx.try_recv() {
            Ok(Prepared::Progress(progress)) => {
                changed |= app.set_progress(Some(progress));
            }
            Ok(Prepared::Texts(texts)) => {
                app.replace_index(*texts);
                changed = true;
            }
            Ok(Prepared::Ready(ready)) => {
                let Ready {
                    index,
                    saving: ready,
                    notice,
                    search,
                } = *ready;
                app.replace_index(index);
                app.set_text_index(search);
                if let Some(notice) = notice {
                    app.notify(notice);
                }
                *stores.saving = ready;
                *stores.state = open_state(app, stores.saving);
                times.ready = Some(Instant::now());
                changed = true;
            }
            Ok(Prepared::Stored { search, problem }) => {
                if search.is_some() {
                    app.set_text_index(search);
                }
                app.set_progress(None);
                if let Some(problem) = problem {
                    app.notify(problem);
                }
                return (true, true);
            }
            Err(TryRecvError::Empty) => return (changed, false),
            Err(TryRecvError::Disconnected) => {
                app.set_progress(None);
                if times.ready.is_none() {
                    app.notify("the analysis stopped; the texts can still be read".into());
                }
                return (true, true);
            }
        }
    }
}

/// One key press in the reader: its action, then the effects it asks for
/// (all but quitting, which ends the loop).
pub fn on_key(app: &mut App, key: Key, saving: &mut Saving) -> Outcome {
    let outcome = app.handle_key(key);
    perform(app, &outcome, saving);
    outcome
}

/// Does what an action left to do outside the state.
pub fn perform(app: &mut App, outcome: &Outcome, saving: &mut Saving) {
    for effect in outcome.effects() {
        match effect {
            Effect::SaveCorrections => save_corrections(app, saving),
            Effect::Quit => {}
            Effect::OpenUrl => open_url(app),
            Effect::CopyUrl => copy_url(app),
            // Kept by the loop, which holds the reader-state store.
            Effect::SaveState => {}
        }
    }
}

/// Hands the article's address to the browser, without waiting for it.
fn open_url(app: &mut App) {
    let Some(address) = app.url().map(str::to_string) else {
        return;
    };
    match url::open(&address) {
        Ok(()) => app.notify(format!("opening {}", crate::safe::line(&address))),
        Err(why) => app.notify(why),
    }
}

/// Puts the article's address on the clipboard through the terminal, when
/// the config allows it; else says how to allow it.
fn copy_url(app: &mut App) {
    let Some(address) = app.url().map(str::to_string) else {
        return;
    };
    if !crate::config::current().config.osc52 {
        app.notify(
            "copying goes through the terminal (OSC 52), which not every terminal allows: \
             set osc52 = true under [clipboard] in the config (crossread --print-config)"
                .to_string(),
        );
        return;
    }
    match url::osc52(&address) {
        Ok(sequence) => {
            use std::io::Write;
            let mut out = io::stdout();
            let written = out
                .write_all(sequence.as_bytes())
                .and_then(|()| out.flush());
            match written {
                Ok(()) => app.notify(format!("copied {address}")),
                Err(e) => app.notify(format!("not copied: {e}")),
            }
        }
        Err(why) => app.notify(format!("not copied: {why}")),
    }
}

/// Opens the reader state kept beside the corrections (none when they are
/// not saved) and takes back what the last run on this corpus left: read
/// marks, bookmarks, the place it was at.
pub fn open_state(app: &mut App, saving: &Saving) -> Option<ReaderStore> {
    let corrections = saving.as_ref().ok()?;
    let opened = ReaderStore::beside(corrections).and_then(|mut store| {
        let state = store.load()?;
        Ok((store, state))
    });
    match opened {
        Ok((store, state)) => {
            app.restore(state);
            Some(store)
        }
        Err(e) => {
            app.notify_also(format!("{e}; read marks are not kept"), " · ");
            None
        }
    }
}

/// Stores the read marks, bookmarks and position; a failure is told on the
/// status line.
pub fn keep_state(app: &mut App, state: &mut Option<ReaderStore>) {
    let Some(store) = state else {
        return;
    };
    if let Err(e) = store.save(&app.reader_state()) {
        app.notify_also(e.to_string(), " · ");
    }
}

/// Saves the corrections, taking in what other readers saved meanwhile; a
/// failure is told on the status line, after what the correction did.
pub fn save_corrections(app: &mut App, saving: &mut Saving) {
    let problem = match saving {
        Ok(store) => match store.save(app.index().corrections()) {
            Ok(log) => {
                app.adopt_saved_corrections(log);
                return;
            }
            Err(e) => e.to_string(),
        },
        Err(why) => format!("not saved: {why}"),
    };
    app.notify_also(problem, " · ");
}

/// The keymap's view of a terminal key press: none, one key, or, for an
/// Alt-key, Esc then the key. A terminal sends Esc and a key read at once
/// (`\ej`) as Alt-j; taking it as Esc first means Esc always closes what it
/// closes, however fast the next key follows.
pub fn convert_key(key: KeyEvent) -> Vec<Key> {
    let Some(plain) = convert_plain_key(key) else {
        return Vec::new();
    };
    if key.modifiers.contains(KeyModifiers::ALT) {
        vec![Key::plain(KeyCode::Esc), plain]
    } else {
        vec![plain]
    }
}

fn convert_plain_key(key: KeyEvent) -> Option<Key> {
    use crossterm::event::KeyCode as C;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let code = match key.code {
        C::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        C::Char(c) => KeyCode::Char(c),
        C::Up => KeyCode::Up,
        C::Down => KeyCode::Down,
        C::Left => KeyCode::Left,
        C::Right => KeyCode::Right,
        C::Home => KeyCode::Home,
        C::End => KeyCode::End,
        C::PageUp => KeyCode::PageUp,
        C::PageDown => KeyCode::PageDown,
        C::Tab if key.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        C::Tab => KeyCode::Tab,
        C::BackTab => KeyCode::BackTab,
        C::Enter => KeyCode::Enter,
        C::Esc => KeyCode::Esc,
        C::Backspace => KeyCode::Backspace,
        _ => return None,
    };
    Some(Key { code, ctrl })
}

/// Owns the terminal while the reader runs; restores it when dropped, so an
/// early return with an error leaves the terminal usable too.
struct TerminalGuard {
    terminal: Terminal<CrosstermBackend<Stdout>>,
    active: bool,
}

impl TerminalGuard {
    fn enter() -> Result<TerminalGuard> {
        terminal::enable_raw_mode().context("switching the terminal to raw mode")?;
        // From here on, a failure must undo what was done.
        let setup = || -> Result<Terminal<CrosstermBackend<Stdout>>> {
            execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)?;
            Ok(Terminal::new(CrosstermBackend::new(io::stdout()))?)
        };
        match setup() {
            Ok(terminal) => Ok(TerminalGuard {
                terminal,
                active: true,
            }),
            Err(e) => {
                let _ = restore_terminal();
                Err(e)
            }
        }
    }

    /// Gives the terminal back, stops the process as Ctrl-z does, and takes
    /// the terminal again once continued; the next draw repaints it all.
    fn suspend(&mut self) -> Result<()> {
        restore_terminal().context("restoring the terminal")?;
        #[cfg(unix)]
        signals::stop();
        terminal::enable_raw_mode().context("switching the terminal to raw mode")?;
        execute!(io::stdout(), EnterAlternateScreen, cursor::Hide)?;
        self.terminal.clear()?;
        Ok(())
    }

    fn restore(&mut self) -> Result<()> {
        if std::mem::take(&mut self.active) {
            restore_terminal().context("restoring the terminal")?;
        }
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = self.restore();
    }
}

/// Leaves the alternate screen, shows the cursor and ends raw mode. Safe to
/// call more than once.
fn restore_terminal() -> io::Result<()> {
    let screen = execute!(io::stdout(), LeaveAlternateScreen, cursor::Show);
    terminal::disable_raw_mode()?;
    screen
}

/// On panic, restore the terminal first so the message is readable, then
/// report as usual.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = restore_terminal();
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyCode as C;

    #[test]
    fn converts_control_and_shifted_keys() {
        let ctrl_o = KeyEvent::new(C::Char('o'), KeyModifiers::CONTROL);
        assert_eq!(convert_key(ctrl_o), [Key::ctrl('o')]);
        let big_g = KeyEvent::new(C::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(convert_key(big_g), [Key::char('G')]);
        let back = KeyEvent::new(C::BackTab, KeyModifiers::SHIFT);
        assert_eq!(convert_key(back), [Key::plain(KeyCode::BackTab)]);
        assert_eq!(convert_key(KeyEvent::new(C::F(1), KeyModifiers::NONE)), []);
    }

    #[test]
    fn an_alt_key_is_esc_then_the_key() {
        let alt_j = KeyEvent::new(C::Char('j'), KeyModifiers::ALT);
        assert_eq!(
            convert_key(alt_j),
            [Key::plain(KeyCode::Esc), Key::char('j')]
        );
        let alt_ctrl_o = KeyEvent::new(C::Char('o'), KeyModifiers::ALT | KeyModifiers::CONTROL);
        assert_eq!(
            convert_key(alt_ctrl_o),
            [Key::plain(KeyCode::Esc), Key::ctrl('o')]
        );
    }

    /// What crossterm makes of `\ej` read at once, then the reader: the
    /// finder closes, and j moves in the list it leaves.
    #[test]
    fn esc_then_j_in_one_read_closes_the_finder() {
        let mut app = App::new(crate::index::CorpusIndex::texts_only(
            crate::corpus::load_sample(),
        ));
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        let mut saving: Saving = Err("off".into());
        on_key(&mut app, Key::char('/'), &mut saving);
        for c in "ser".chars() {
            on_key(&mut app, Key::char(c), &mut saving);
        }
        assert_eq!(app.mode(), crate::app::Mode::Finder);
        let alt_j = KeyEvent::new(C::Char('j'), KeyModifiers::ALT);
        for key in convert_key(alt_j) {
            on_key(&mut app, key, &mut saving);
        }
        assert_eq!(app.mode(), crate::app::Mode::Normal);
        assert_eq!(app.article(), 1, "j moved the article cursor");
    }
}
