//! The reader drawn into a test backend: snapshots of the screen text, and
//! checks of styles and of every screen size.

mod common;

use crossread::app::{Action, App, ColorMode, Pane};
use crossread::corpus::{Article, IssueKind, LoadIssue};
use crossread::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn app(colors: ColorMode, width: u16, height: u16) -> App {
    let mut app = App::new(common::sample_index());
    app.set_colors(colors);
    app.update(Action::Resize { width, height });
    app
}

fn draw(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.area().width, app.area().height)).unwrap();
    terminal.draw(|frame| ui::render(app, frame)).unwrap();
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        for x in 0..area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Selects `name` in the entities pane of the article shown.
fn select_actor(app: &mut App, name: &str) {
    while app.focus() != Pane::Entities {
        app.update(Action::FocusNext);
    }
    app.update(Action::Top);
    for _ in 0..app.entities().len() {
        let (actor, _) = app.entities()[app.entity_cursor()];
        if app.index().actors[actor].name == name {
            app.update(Action::Select);
            return;
        }
        app.update(Action::Down);
    }
    panic!("{name} is not among the entities");
}

/// Where `needle` is on screen.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let lines = text(buffer);
    lines.lines().enumerate().find_map(|(y, line)| {
        line.find(needle).map(|byte| {
            let x = line[..byte].chars().count();
            (x as u16, y as u16)
        })
    })
}

#[test]
fn opening_screen_80x24() {
    let app = app(ColorMode::Ansi16, 80, 24);
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn cross_references_80x24() {
    let mut app = app(ColorMode::Ansi16, 80, 24);
    select_actor(&mut app, "Jabhat al-Nusra");
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn cross_references_120x40() {
    let mut app = app(ColorMode::Ansi16, 120, 40);
    select_actor(&mut app, "Russia");
    app.update(Action::NextMention);
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn no_color_80x24_marks_types_with_letters() {
    let mut app = app(ColorMode::Plain, 80, 24);
    select_actor(&mut app, "Jabhat al-Nusra");
    app.update(Action::FocusPrev);
    let buffer = draw(&app);
    let screen = text(&buffer);
    for marker in ["[P] Sergey Ryabkov", "[O] Jabhat al-Nusra", "[L] Geneva"] {
        assert!(screen.contains(marker), "{marker} missing:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn no_color_uses_no_colour_at_all() {
    let mut app = app(ColorMode::Plain, 80, 24);
    select_actor(&mut app, "Jabhat al-Nusra");
    for overlay in [None, Some(Action::OpenFinder), Some(Action::ToggleHelp)] {
        if let Some(action) = overlay {
            app.update(action);
        }
        let buffer = draw(&app);
        for cell in buffer.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
        }
        app.update(Action::CloseOverlay);
    }
    // The mention jumped to still stands out.
    let buffer = draw(&app);
    let (x, y) = find(&buffer, "Jabhat al-Nusra (terrorist").unwrap();
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn colours_are_named_ansi_and_tell_entity_types_apart() {
    let mut app = app(ColorMode::Ansi16, 80, 24);
    select_actor(&mut app, "Jabhat al-Nusra");
    let buffer = draw(&app);
    for cell in buffer.content() {
        for color in [cell.fg, cell.bg] {
            assert!(
                !matches!(color, Color::Rgb(..) | Color::Indexed(_)),
                "{cell:?}"
            );
        }
    }
    let color_of = |needle: &str| {
        let (x, y) = find(&buffer, needle).unwrap();
        buffer[(x, y)].fg
    };
    // In the entities pane: a person, an organisation, a location.
    let person = color_of("Sergey Ryabkov ×");
    let organisation = color_of("TASS ×");
    let location = color_of("Geneva ×");
    assert_ne!(person, organisation);
    assert_ne!(organisation, location);
    assert_ne!(person, location);
    assert_ne!(person, Color::Reset);
}

#[test]
fn finder_marks_matched_characters() {
    let mut app = app(ColorMode::Ansi16, 80, 24);
    app.update(Action::OpenFinder);
    for c in "fateh".chars() {
        app.update(Action::FinderInput(c));
    }
    let buffer = draw(&app);
    let screen = text(&buffer);
    insta::assert_snapshot!(screen);
    let (x, y) = find(&buffer, "Fateh").unwrap();
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));
    assert_eq!(buffer[(x, y)].fg, Color::Yellow);
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut app = app(ColorMode::Ansi16, 80, 24);
    app.update(Action::ToggleHelp);
    let screen = text(&draw(&app));
    insta::assert_snapshot!(screen);
    // Rebinding a key changes the help.
    let mut keymap = app.keymap().clone();
    keymap.bindings.retain(|b| b.action != Action::Back);
    app.set_keymap(keymap);
    let screen = text(&draw(&app));
    assert!(!screen.contains("Ctrl-o"), "{screen}");
}

#[test]
fn help_has_a_colour_legend_in_every_colour_mode() {
    for (mode, legend, color) in [
        (
            ColorMode::Ansi16,
            "Colours: person organisation place other current",
            Some(Color::Yellow),
        ),
        (
            ColorMode::Ansi256,
            "Colours: person organisation place other current",
            Some(Color::Indexed(178)),
        ),
        (
            ColorMode::Plain,
            "Colours: [P] person [O] organisation [L] place",
            None,
        ),
    ] {
        let mut app = app(mode, 80, 24);
        app.update(Action::ToggleHelp);
        let buffer = draw(&app);
        let (x, y) = find(&buffer, legend).unwrap_or_else(|| panic!("{mode:?}\n{}", text(&buffer)));
        let person = x + "Colours: ".chars().count() as u16;
        assert_eq!(
            buffer[(person, y)].fg,
            color.unwrap_or(Color::Reset),
            "{mode:?}"
        );
        if color.is_none() {
            assert!(buffer[(person, y)].modifier.contains(Modifier::BOLD));
        }
    }
}

#[test]
fn narrow_screens_show_the_focused_pane() {
    let mut app = app(ColorMode::Ansi16, 60, 20);
    app.update(Action::FocusNext);
    insta::assert_snapshot!(text(&draw(&app)));
}

#[test]
fn status_line_counts_mentions_and_sources() {
    let mut wide = app(ColorMode::Ansi16, 120, 40);
    let mut app = app(ColorMode::Ansi16, 80, 24);
    select_actor(&mut app, "Jabhat al-Nusra");
    let buffer = draw(&app);
    let status = text(&buffer).lines().last().unwrap().to_string();
    assert!(status.contains("TASS · 2016-10-19"), "{status}");
    assert!(
        status.contains("Jabhat al-Nusra: mention 1 of 2 (2 sources)"),
        "{status}"
    );
    // The hints show the keys of the focused pane from the keymap, the
    // most useful first, keys going both ways together; as many as fit.
    assert!(status.contains("Enter open"), "{status}");
    select_actor(&mut wide, "Jabhat al-Nusra");
    let wide_status = text(&draw(&wide)).lines().last().unwrap().to_string();
    assert!(
        wide_status.contains("Enter open  n/N mention"),
        "{wide_status}"
    );
    assert!(
        status.ends_with(' ') && !status.ends_with("  "),
        "{status:?}"
    );
    let mut keymap = app.keymap().clone();
    keymap.bindings.retain(|b| b.action != Action::Select);
    app.set_keymap(keymap);
    let status = text(&draw(&app)).lines().last().unwrap().to_string();
    assert!(!status.contains("open"), "{status}");
}

#[test]
fn every_size_from_1x1_to_130x45_draws() {
    let mut reading = app(ColorMode::Ansi16, 80, 24);
    select_actor(&mut reading, "Russia");
    reading.update(Action::NextMention);
    let mut finder = app_with(Action::OpenFinder);
    finder.update(Action::FinderInput('a'));
    let mut help = app_with(Action::ToggleHelp);
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).unwrap();
    for width in 1..=130 {
        for height in 1..=45 {
            terminal.backend_mut().resize(width, height);
            terminal.autoresize().unwrap();
            // Every size for reading; the overlays on a finer grid where
            // small screens are most likely to break them.
            let overlays = width <= 40 || height <= 12 || (width + height) % 5 == 0;
            let apps = if overlays {
                vec![&mut reading, &mut finder, &mut help]
            } else {
                vec![&mut reading]
            };
            for app in apps {
                app.update(Action::Resize { width, height });
                terminal.draw(|frame| ui::render(app, frame)).unwrap();
            }
        }
    }
}

fn app_with(action: Action) -> App {
    let mut app = app(ColorMode::Plain, 80, 24);
    app.update(action);
    app
}

#[test]
fn control_characters_never_reach_the_screen() {
    let text_with_escapes = "Headline\n\nIn \x1b[31mred\x1b[0m, with a bell\x07, a \u{202e}reversal \
                             and\ta tab. \u{9b}2J CSI too.";
    let article = Article {
        path: "evil.txt".into(),
        title: "Title \x1b]0;evil\x07 here".into(),
        source: Some("Evil\x1b[2J News".into()),
        date: Some("2016-10-19\r".into()),
        place: None,
        url: None,
        text: text_with_escapes.into(),
        encoding: None,
    };
    let index = common::index_of(vec![article]);
    let mut app = App::new(index);
    for (width, height) in [(80, 24), (40, 10)] {
        app.update(Action::Resize { width, height });
        let buffer = draw(&app);
        for cell in buffer.content() {
            assert!(
                !cell
                    .symbol()
                    .chars()
                    .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
                "{:?}",
                cell.symbol()
            );
        }
        let screen = text(&buffer);
        // Replaced, not dropped (ratatui drops controls it is handed).
        assert!(screen.contains("Title �]0;evil� here"), "{screen}");
        assert!(screen.contains("Evil�[2J News"), "{screen}");
        if width == 80 {
            assert!(screen.contains("In �[31mred�[0m"), "{screen}");
        }
    }
}

#[test]
fn the_load_report_lists_what_could_not_be_read() {
    let mut index = common::sample_index();
    index.issues = vec![
        LoadIssue::new("news/broken.jsonl", IssueKind::Malformed, "expected `:`").at_line(7),
        LoadIssue::new("news/\u{1b}[31mevil.txt", IssueKind::Binary, "binary file"),
    ];
    let mut app = App::new(index);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let screen = text(&draw(&app));
    assert!(
        screen.contains("could not be read — ! shows why"),
        "{screen}"
    );
    app.update(Action::ToggleReport);
    let buffer = draw(&app);
    let screen = text(&buffer);
    assert!(
        screen.contains("news/broken.jsonl:7: expected `:`"),
        "{screen}"
    );
    // The escape was replaced before the text was handed to ratatui (which
    // would silently drop it, leaving "news/[31mevil.txt"): a screen check
    // for control characters alone could not fail.
    assert!(
        screen.contains("news/\u{FFFD}[31mevil.txt: binary file"),
        "{screen}"
    );
}

/// `n` reports from folder "3" with no stated source, each naming Aleppo twice.
fn sourceless_app(n: usize) -> App {
    let articles = (0..n)
        .map(|i| Article {
            path: format!("corpus/3/3_{i:02}.txt"),
            title: format!("Report {i:02}"),
            source: None,
            date: None,
            place: None,
            url: None,
            text: format!("Report {i:02}\n\nAleppo held. Fighting near Aleppo again.\n"),
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

#[test]
fn unknown_sources_show_where_the_article_came_from_marked_as_such() {
    let mut app = sourceless_app(3);
    select_actor(&mut app, "Aleppo");
    let buffer = draw(&app);
    let screen = text(&buffer);
    assert!(!screen.contains("unknown source"), "{screen}");
    let status = screen.lines().last().unwrap();
    assert!(
        status.starts_with(" [folder 3] │ Aleppo: mention 1 of 6 "),
        "{status}"
    );
    assert!(
        !status.contains("source"),
        "a folder is no source: {status}"
    );
    // A folder is no source: none is counted.
    assert!(
        screen.contains("Aleppo: 6 mentions, 3 articles ━"),
        "{screen}"
    );
    // Headings group by the stand-in, which is dimmed beside the bold title.
    let (x, y) = find(&buffer, "[folder 3] · Report 00").unwrap();
    // Dimmed, never colour 8, which some palettes make the background.
    assert!(buffer[(x, y)].modifier.contains(Modifier::DIM));
    assert_ne!(buffer[(x, y)].fg, Color::DarkGray);
    let title_x = x + "[folder 3] · ".chars().count() as u16;
    assert!(buffer[(title_x, y)].modifier.contains(Modifier::BOLD));
    let (x, y) = find(&buffer, "[folder 3]").unwrap();
    assert!(x < 24 && y < 10, "the article list names it too");
}

/// The titles listed in the article pane, top to bottom, and the one under
/// the cursor.
fn listed_articles(buffer: &Buffer) -> (Vec<String>, Option<String>) {
    let screen = text(buffer);
    let mut titles = Vec::new();
    let mut cursor = None;
    for line in screen.lines().take(12) {
        let cell: String = line.chars().skip(1).take(22).collect();
        if let Some(title) = cell.trim().strip_prefix('▌').or(Some(cell.trim()))
            && title.starts_with("Report")
        {
            if cell.starts_with('▌') {
                cursor = Some(title.to_string());
            }
            titles.push(title.to_string());
        }
    }
    (titles, cursor)
}

#[test]
fn lists_scroll_only_when_the_cursor_leaves_them() {
    let mut app = sourceless_app(12);
    for _ in 0..5 {
        app.update(Action::Down);
    }
    let (titles, cursor) = listed_articles(&draw(&app));
    assert_eq!(
        titles,
        [
            "Report 01",
            "Report 02",
            "Report 03",
            "Report 04",
            "Report 05"
        ]
    );
    assert_eq!(cursor.as_deref(), Some("Report 05"));
    // Back up one: the list stays where it is, the cursor moves within it.
    app.update(Action::Up);
    let (titles, cursor) = listed_articles(&draw(&app));
    assert_eq!(
        titles,
        [
            "Report 01",
            "Report 02",
            "Report 03",
            "Report 04",
            "Report 05"
        ]
    );
    assert_eq!(cursor.as_deref(), Some("Report 04"));
}

#[test]
fn cross_reference_titles_drop_counts_rather_than_cut_them() {
    let mut app = app(ColorMode::Ansi16, 120, 40);
    select_actor(&mut app, "Jabhat al-Nusra");
    let wide = text(&draw(&app));
    assert!(
        wide.contains(" Jabhat al-Nusra: 2 mentions, 2 articles, 2 sources ━"),
        "{wide}"
    );
    app.update(Action::Resize {
        width: 45,
        height: 20,
    });
    let narrow = text(&draw(&app));
    assert!(
        narrow.contains("┏ Jabhat al-Nusra: 2 mentions, 2 articles ━"),
        "{narrow}"
    );
}

/// Every screen size the reader is checked at, with the panes each must
/// show when the article list has focus (and, after Tab Tab, the entities).
#[test]
fn layouts_use_the_screen_at_every_size() {
    // The text pane's line counter ("lines 1–20 of 33", "line 17/57").
    const TITLE: &str = " line";
    let cases: [(u16, u16, &[&str], &[&str]); 6] = [
        (
            80,
            24,
            &[
                "Articles 1/2",
                TITLE,
                "Entities (13)",
                "Russia: 12 mentions,",
            ],
            &[],
        ),
        (
            120,
            40,
            &[
                "Articles 1/2",
                TITLE,
                "Entities (13)",
                "Russia: 12 mentions,",
            ],
            &[],
        ),
        (
            200,
            60,
            &[
                "Articles 1/2",
                TITLE,
                "Entities (13)",
                "Russia: 12 mentions,",
            ],
            &[],
        ),
        // Wide but short: the list beside the text.
        (
            200,
            23,
            &["Articles 1/2", TITLE],
            &["Entities (13)", "Russia: 12 mentions,"],
        ),
        // Tall but narrow: the list above the text.
        (
            79,
            50,
            &["Articles 1/2", TITLE],
            &["Entities (13)", "Russia: 12 mentions,"],
        ),
        (
            60,
            20,
            &["Articles 1/2"],
            &[TITLE, "Entities (13)", "Russia: 12 mentions,"],
        ),
    ];
    for (width, height, shown, hidden) in cases {
        let mut app = app(ColorMode::Ansi16, width, height);
        select_actor(&mut app, "Russia");
        while app.focus() != Pane::Articles {
            app.update(Action::FocusNext);
        }
        let buffer = draw(&app);
        let screen = text(&buffer);
        insta::assert_snapshot!(format!("layout_{width}x{height}"), screen);
        for title in shown {
            assert!(
                screen.contains(title),
                "{width}x{height}: {title}\n{screen}"
            );
        }
        for title in hidden {
            assert!(
                !screen.contains(title),
                "{width}x{height}: {title}\n{screen}"
            );
        }
        let status = screen.lines().last().unwrap();
        assert!(
            status.contains("Enter read"),
            "{width}x{height}: hints\n{status}"
        );
        // Side by side or stacked, the pair follows the focus.
        if (width, height) == (200, 23) || (width, height) == (79, 50) {
            app.update(Action::FocusNext);
            app.update(Action::FocusNext);
            let screen = text(&draw(&app));
            assert!(
                screen.contains("Entities (13)") && screen.contains("Russia: 12 mentions,"),
                "{screen}"
            );
            assert!(!screen.contains("Articles 1/2"), "{screen}");
        }
    }
}

#[test]
fn text_wraps_at_a_readable_measure_on_wide_screens() {
    let app = app(ColorMode::Ansi16, 200, 60);
    let buffer = draw(&app);
    // A line only the text pane holds.
    let (x, y) = find(&buffer, "So far it is unclear").unwrap();
    let screen = text(&buffer);
    let longest = screen
        .lines()
        .skip(usize::from(y))
        .take(20)
        .map(|line| {
            let inside: String = line.chars().skip(usize::from(x)).collect();
            inside.trim_end_matches([' ', '│', '┃']).chars().count()
        })
        .max()
        .unwrap();
    assert!((80..=100).contains(&longest), "{longest}\n{screen}");
}

#[test]
fn a_long_message_is_shown_in_full_at_80_columns() {
    let mut app = app(ColorMode::Ansi16, 80, 24);
    let message = "the data directory /tmp/.tmpQ2xYz9/a-rather-long-name/data is not a \
                   directory; set CROSSREAD_DATA_DIR to a folder to keep corrections; its \
                   corrections are not applied";
    app.notify(message.to_string());
    let buffer = draw(&app);
    let screen = text(&buffer);
    let rows: Vec<&str> = screen.lines().collect();
    let status = rows.len() - 1;
    let shown: Vec<&str> = rows[status - 3..status].iter().map(|r| r.trim()).collect();
    assert_eq!(shown.join(" "), message, "{screen}");
    // The status line keeps its place and its hints.
    assert!(rows[status].contains("TASS · 2016-10-19"), "{screen}");
    assert!(rows[status].contains("Enter read"), "{screen}");
}
