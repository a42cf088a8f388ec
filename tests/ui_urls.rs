//! An article's address: shown in its header, opened with `o`, copied with
//! `y`, always cleaned of anything that could drive the terminal.

mod common;

use crossread::app::{Action, App, Effect, Key};
use crossread::corpus::Article;
use crossread::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app_with(urls: &[Option<&str>]) -> App {
    let articles = urls
        .iter()
        .enumerate()
        .map(|(i, url)| Article {
            path: format!("corpus/{i}.txt"),
            title: format!("Report {i}"),
            source: Some("TASS".to_string()),
            date: None,
            place: None,
            url: url.map(str::to_string),
            text: format!("Report {i}\n\nAleppo held. Fighting near Aleppo again.\n"),
            encoding: None,
        })
        .collect();
    let index = common::index_of(articles);
    let mut app = App::new(index);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

fn screen(app: &App) -> String {
    let area = app.area();
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    terminal.draw(|frame| ui::render(app, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..area.height {
        for x in 0..area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn o_and_y_ask_to_open_and_copy_the_address_shown() {
    let mut app = app_with(&[Some("https://tass.com/politics/1"), None]);
    assert!(screen(&app).contains(" https://tass.com/politics/1 "));
    let opened = app.handle_key(Key::char('o'));
    assert!(opened.has(Effect::OpenUrl));
    assert_eq!(app.url(), Some("https://tass.com/politics/1"));
    assert!(app.handle_key(Key::char('y')).has(Effect::CopyUrl));
    // An article without an address says so, and asks for nothing.
    app.update(Action::Down);
    let outcome = app.handle_key(Key::char('o'));
    assert!(!outcome.has(Effect::OpenUrl));
    assert!(app.message().unwrap().contains("no address"));
    assert!(!app.handle_key(Key::char('y')).has(Effect::CopyUrl));
}

#[test]
fn an_address_with_escapes_is_shown_cleaned_and_cut_with_an_ellipsis() {
    let long = format!(
        "https://example.org/\x1b]52;c;aGk=\x07/{}",
        "segment/".repeat(20)
    );
    let app = app_with(&[Some(&long)]);
    let shown = screen(&app);
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "{shown}"
    );
    let line = shown
        .lines()
        .find(|l| l.contains("https://example.org/"))
        .unwrap();
    assert!(line.contains('…'), "{line}");
}
