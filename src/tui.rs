//! The terminal: setting it up, always restoring it, and the event loop.

use std::io::{self, Stdout};
use std::time::Instant;

use anyhow::{Context, Result};
use crossterm::event::{self, Event, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Action, App, ColorMode, Key, KeyCode};
use crate::index::CorpusIndex;
use crate::index::search::TextIndex;
use crate::store::CorrectionStore;
use crate::ui;

/// Where corrections made in the reader go: a store, or why they are not saved.
pub type Saving = std::result::Result<CorrectionStore, String>;

/// Opens the reader on `index` until the reader quits. Corrections are saved
/// to `saving` as they are made; `notice` is shown on the status line first;
/// `search` finds words in the texts.
/// Returns when the first frame was on screen, for timing start-up.
pub fn run(
    index: CorpusIndex,
    mut saving: Saving,
    notice: Option<String>,
    search: Option<Box<dyn TextIndex>>,
) -> Result<Option<Instant>> {
    let mut app = App::new(index);
    app.text_index = search;
    app.colors = ColorMode::from_env();
    install_panic_hook();
    let mut guard = TerminalGuard::enter()?;
    let mut first_frame = None;
    let result = event_loop(
        &mut app,
        &mut guard.terminal,
        &mut saving,
        notice,
        &mut first_frame,
    );
    guard.restore()?;
    result.map(|()| first_frame)
}

fn event_loop(
    app: &mut App,
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    saving: &mut Saving,
    notice: Option<String>,
    first_frame: &mut Option<Instant>,
) -> Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    if let Some(notice) = notice {
        app.message = Some(match app.message.take() {
            Some(load) => format!("{load}; {notice}"),
            None => notice,
        });
    }
    let mut dirty = true;
    while !app.quit {
        if dirty {
            terminal.draw(|frame| ui::render(app, frame))?;
            first_frame.get_or_insert_with(Instant::now);
            dirty = false;
        }
        match event::read().context("reading terminal input")? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if let Some(key) = convert_key(key) {
                    dirty |= on_key(app, key, saving);
                }
            }
            Event::Resize(width, height) => {
                terminal.autoresize()?;
                app.update(Action::Resize { width, height });
                dirty = true;
            }
            _ => {}
        }
    }
    Ok(())
}

/// One key press in the reader: its action, then saving the corrections it
/// changed. True when the screen may have changed.
pub fn on_key(app: &mut App, key: Key, saving: &mut Saving) -> bool {
    let changed = app.handle_key(key);
    save_corrections(app, saving);
    changed
}

/// Saves the corrections when they changed, taking in what other readers
/// saved meanwhile; a failure is told on the status line, after what the
/// correction did.
pub fn save_corrections(app: &mut App, saving: &mut Saving) {
    if !std::mem::take(&mut app.corrections_changed) {
        return;
    }
    let problem = match saving {
        Ok(store) => match store.save(app.index.corrections()) {
            Ok(log) => {
                app.adopt_saved_corrections(log);
                return;
            }
            Err(e) => e.to_string(),
        },
        Err(why) => format!("not saved: {why}"),
    };
    app.message = Some(match app.message.take() {
        Some(done) => format!("{done} · {problem}"),
        None => problem,
    });
}

/// The keymap's view of a terminal key press.
pub fn convert_key(key: KeyEvent) -> Option<Key> {
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
        assert_eq!(convert_key(ctrl_o), Some(Key::ctrl('o')));
        let big_g = KeyEvent::new(C::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(convert_key(big_g), Some(Key::char('G')));
        let back = KeyEvent::new(C::BackTab, KeyModifiers::SHIFT);
        assert_eq!(convert_key(back), Some(Key::plain(KeyCode::BackTab)));
        assert_eq!(
            convert_key(KeyEvent::new(C::F(1), KeyModifiers::NONE)),
            None
        );
    }
}
