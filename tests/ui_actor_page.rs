//! The actor page and the actor overview, driven by keys through the
//! keymap and drawn into a test backend.

mod common;

use crossread::app::{App, ColorMode, Key, KeyCode, Mode, Overlay, Pane};
use crossread::index::MentionRef;
use crossread::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(width: u16, height: u16) -> App {
    let mut app = App::new(common::sample_index());
    app.set_colors(ColorMode::Plain);
    app.update(crossread::app::Action::Resize { width, height });
    app
}

fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.area().width, app.area().height)).unwrap();
    terminal.draw(|frame| ui::render(app, frame)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn press(app: &mut App, key: Key) {
    app.handle_key(key);
}

fn chars(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, Key::char(c));
    }
}

const ENTER: Key = Key::plain(KeyCode::Enter);
const ESC: Key = Key::plain(KeyCode::Esc);

/// Opens the overview, filters it by `name` and opens the first actor's page.
fn open_page(app: &mut App, name: &str) {
    press(app, Key::char('A'));
    assert_eq!(app.mode(), Mode::Overview);
    chars(app, name);
    press(app, ENTER);
    assert_eq!(app.mode(), Mode::ActorPage);
}

fn page_actor(app: &App) -> &str {
    match app.overlay() {
        Overlay::ActorPage(page) => &app.index().actors[page.actor()].name,
        other => panic!("no actor page: {other:?}"),
    }
}

#[test]
fn jabhat_al_nusra_side_by_side_in_tass_and_tasnim() {
    let mut app = app(100, 30);
    open_page(&mut app, "Nusra");
    assert_eq!(page_actor(&app), "Jabhat al-Nusra");
    let shown = screen(&app);
    // Both sources' blocks on the same rows.
    let row = shown
        .lines()
        .find(|l| l.contains(" TASS ") && l.contains(" Tasnim "))
        .unwrap_or_else(|| panic!("TASS and Tasnim not side by side:\n{shown}"));
    assert!(row.find(" TASS ") < row.find(" Tasnim "));
    for expected in [
        "Jabhat al-Nusra ×1",
        "Jabhat Fateh al-Sham ×1",
        "terrorist group outlawed in Russia ×1",
        "terrorists ×1",
    ] {
        assert!(shown.contains(expected), "{expected} missing:\n{shown}");
    }
    insta::assert_snapshot!("actor_page_jabhat_al_nusra", shown);
}

#[test]
fn sergey_ryabkov_is_the_russian_deputy_foreign_minister() {
    let mut app = app(100, 30);
    open_page(&mut app, "Ryabkov");
    assert_eq!(page_actor(&app), "Sergey Ryabkov");
    let shown = screen(&app);
    assert!(
        shown.contains("Russian Deputy Foreign Minister"),
        "no title:\n{shown}"
    );
    insta::assert_snapshot!("actor_page_sergey_ryabkov", shown);
}

#[test]
fn enter_on_a_descriptor_walks_the_mentions_it_describes() {
    let mut app = app(100, 30);
    open_page(&mut app, "Nusra");
    // Down from the TASS heading to its descriptor, then across to Tasnim's.
    while !screen(&app).contains("described as") {
        press(&mut app, Key::char('j'));
    }
    let on_descriptor = |app: &App| match app.overlay() {
        Overlay::ActorPage(page) => matches!(
            page.selected(),
            Some(crossread::app::actor_page::PageItem::Descriptor { .. })
        ),
        _ => false,
    };
    for _ in 0..10 {
        if on_descriptor(&app) {
            break;
        }
        press(&mut app, Key::char('j'));
    }
    assert!(on_descriptor(&app));
    press(&mut app, Key::char('l'));
    assert!(
        on_descriptor(&app),
        "l keeps the row kind in the next source"
    );
    press(&mut app, ENTER);
    assert_eq!(app.mode(), Mode::Normal);
    let current = app.current().expect("a mention is marked");
    assert_eq!(app.index().mention_text(current), "Jabhat Fateh al-Sham");
    assert_eq!(app.index().source_label(current.article).text, "Tasnim");
    assert_eq!(app.xref(), vec![current], "n/N walk the mentions described");
    assert!(
        app.message().unwrap_or("").contains("terrorists"),
        "{:?}",
        app.message()
    );
    // Ctrl-o returns to before the walk.
    press(&mut app, Key::ctrl('o'));
    assert_ne!(app.current(), Some(current));
}

#[test]
fn overview_ranks_filters_and_closes() {
    let mut app = app(100, 30);
    press(&mut app, Key::char('A'));
    let Overlay::Overview(overview) = app.overlay() else {
        panic!("no overview");
    };
    let all = overview.rows.len();
    assert_eq!(all, app.index().actors.len());
    let mentions: Vec<usize> = overview
        .rows
        .iter()
        .map(|&a| app.index().mentions_of(a).len())
        .collect();
    assert!(mentions.windows(2).all(|w| w[0] >= w[1]), "{mentions:?}");
    let shown = screen(&app);
    assert!(shown.contains("by mentions"), "{shown}");
    // By type: people only.
    press(&mut app, Key::ctrl('t'));
    let Overlay::Overview(overview) = app.overlay() else {
        panic!()
    };
    assert!(overview.rows.len() < all);
    assert!(
        overview
            .rows
            .iter()
            .all(|&a| app.index().actors[a].kind == crossread::analysis::EntityKind::Person)
    );
    // By source: TASS only, then by sources.
    press(&mut app, Key::ctrl('t'));
    press(&mut app, Key::ctrl('t'));
    press(&mut app, Key::ctrl('t'));
    press(&mut app, Key::ctrl('t'));
    press(&mut app, Key::ctrl('r'));
    press(&mut app, Key::plain(KeyCode::Tab));
    let Overlay::Overview(overview) = app.overlay() else {
        panic!()
    };
    assert_eq!(overview.kind, None);
    assert!(overview.rows.iter().all(|&a| {
        app.index()
            .mentions_of(a)
            .iter()
            .any(|r| app.index().source_label(r.article).text == "TASS")
    }));
    assert!(screen(&app).contains("by sources · all types · TASS"));
    // Typed letters filter, even those that are keys elsewhere.
    chars(&mut app, "qzqzq");
    let Overlay::Overview(overview) = app.overlay() else {
        panic!()
    };
    assert!(overview.rows.is_empty());
    press(&mut app, ESC);
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn the_page_closes_back_to_the_overview_it_came_from() {
    let mut app = app(100, 30);
    open_page(&mut app, "Ryabkov");
    press(&mut app, ESC);
    assert_eq!(app.mode(), Mode::Overview);
    press(&mut app, ESC);
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn names_in_the_text_are_picked_with_brackets_and_open_their_page() {
    let mut app = app(100, 30);
    // The first article: TASS.
    press(&mut app, ENTER);
    assert_eq!(app.focus(), Pane::Text);
    press(&mut app, ENTER);
    assert!(
        app.message().unwrap_or("").contains("]"),
        "{:?}",
        app.message()
    );
    press(&mut app, Key::char(']'));
    let first = app.current().expect("a name is marked");
    assert_eq!(first.article, app.article());
    press(&mut app, Key::char(']'));
    let second = app.current().unwrap();
    assert_eq!(
        second,
        MentionRef {
            article: first.article,
            mention: first.mention + 1
        }
    );
    assert_eq!(app.actor(), Some(app.index().actor_of(second)));
    press(&mut app, Key::char('['));
    assert_eq!(app.current(), Some(first));
    // Walk to Ryabkov and open his page.
    for _ in 0..200 {
        if app.index().mention_text(app.current().unwrap()) == "Sergey Ryabkov" {
            break;
        }
        press(&mut app, Key::char(']'));
    }
    assert_eq!(
        app.index().mention_text(app.current().unwrap()),
        "Sergey Ryabkov"
    );
    // The marked name is drawn marked.
    let shown = screen(&app);
    assert!(shown.contains("Sergey Ryabkov"), "{shown}");
    press(&mut app, ENTER);
    assert_eq!(page_actor(&app), "Sergey Ryabkov");
    press(&mut app, Key::char('a'));
    assert_eq!(app.mode(), Mode::Normal);
    // `a` opens the page of the actor under the cursor from the panes too.
    press(&mut app, Key::char('a'));
    assert_eq!(page_actor(&app), "Sergey Ryabkov");
}

#[test]
fn help_lists_the_new_keys() {
    let help = crossread::app::Keymap::default().help();
    let modes: Vec<Mode> = help.iter().map(|(m, _)| *m).collect();
    assert!(modes.contains(&Mode::ActorPage) && modes.contains(&Mode::Overview));
    let normal = &help.iter().find(|(m, _)| *m == Mode::Normal).unwrap().1;
    assert!(
        normal
            .iter()
            .any(|(k, d)| k == "]" && d.contains("next name"))
    );
    assert!(normal.iter().any(|(k, _)| k == "A"));
}
