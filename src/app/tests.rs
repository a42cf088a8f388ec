use super::*;
use crate::analysis::resolve::{Actor, Resolution};
use crate::analysis::{AnalyzedText, EntityKind, Mention, Token};
use crate::corpus::{Article, Corpus};

const ACTORS: &[(&str, EntityKind)] = &[
    ("Jabhat al-Nusra", EntityKind::Organisation),
    ("Aleppo", EntityKind::Location),
    ("Sergey Ryabkov", EntityKind::Person),
];

/// Two articles from two sources; mentions found by their surface forms.
fn index() -> CorpusIndex {
    let filler = "Nothing of note happened in this sentence at all.\n".repeat(30);
    index_of(vec![
        (
            Some("TASS"),
            format!(
                "Talks on Aleppo\n\nNusra fighters left Aleppo. Ryabkov spoke.\n{filler}Nusra again.\n"
            ),
        ),
        (
            Some("Tasnim"),
            "Geneva talks\n\nJabhat Fateh al-Sham left Aleppo.\n".to_string(),
        ),
    ])
}

/// `n` articles from no known source, each naming Aleppo twice.
fn many_articles(n: usize) -> CorpusIndex {
    index_of(
        (0..n)
            .map(|i| (None, format!("Report {i}\n\nAleppo held. Aleppo again.\n")))
            .collect(),
    )
}

/// Articles with their sources (if known); mentions found by their surface forms.
fn index_of(texts: Vec<(Option<&str>, String)>) -> CorpusIndex {
    let forms: &[(&str, usize)] = &[
        ("Nusra", 0),
        ("Jabhat Fateh al-Sham", 0),
        ("Aleppo", 1),
        ("Ryabkov", 2),
    ];
    let mut articles = Vec::new();
    let mut analyses = Vec::new();
    let mut mention_actor = Vec::new();
    for (source, text) in texts {
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for &(form, actor) in forms {
            for (start, _) in text.match_indices(form) {
                found.push((start, start + form.len(), actor));
            }
        }
        found.sort();
        analyses.push(AnalyzedText {
            tokens: vec![Token {
                start: 0,
                end: text.len(),
            }],
            sentences: std::iter::once(0..1).collect(),
            mentions: found
                .iter()
                .map(|&(start, end, actor)| Mention {
                    start,
                    end,
                    kind: ACTORS[actor].1,
                    sentence: 0,
                })
                .collect(),
        });
        mention_actor.push(found.iter().map(|f| f.2).collect());
        let title = text.lines().next().unwrap().to_string();
        articles.push(Article {
            path: format!("news/{}.txt", source.unwrap_or(&title)),
            title,
            source: source.map(str::to_string),
            date: Some("2016-10-19".to_string()),
            place: None,
            url: None,
            text,
            encoding: None,
        });
    }
    let actors = ACTORS
        .iter()
        .map(|&(name, kind)| Actor {
            id: name.to_lowercase(),
            name: name.to_string(),
            kind,
            aliases: vec![name.to_string()],
            descriptors: Vec::new(),
        })
        .collect();
    CorpusIndex::from_parts(
        Corpus {
            articles,
            issues: Vec::new(),
        },
        analyses,
        Resolution {
            actors,
            mention_actor,
            found: Vec::new(),
        },
    )
}

fn app() -> App {
    let mut app = App::new(index());
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

fn focus_entity(app: &mut App, name: &str) {
    app.focus = Pane::Entities;
    app.entity_list.set_cursor(
        app.entities
            .iter()
            .position(|&(a, _)| app.index.actors[a].name == name)
            .unwrap(),
    );
}

#[test]
fn starts_on_the_first_article_with_its_entities() {
    let app = app();
    assert_eq!(app.article(), 0);
    assert_eq!(app.focus, Pane::Articles);
    // By type: person, organisation, location.
    let names: Vec<&str> = app
        .entities
        .iter()
        .map(|&(a, _)| app.index.actors[a].name.as_str())
        .collect();
    assert_eq!(names, ["Sergey Ryabkov", "Jabhat al-Nusra", "Aleppo"]);
    assert_eq!(app.entities[1].1, 2);
}

#[test]
fn moving_reports_change_only_when_something_moved() {
    let mut app = app();
    assert!(!app.update(Action::Up).changed());
    assert!(app.update(Action::Down).changed());
    assert_eq!(app.article(), 1);
    assert!(!app.update(Action::Down).changed());
    assert!(app.update(Action::Top).changed());
    assert_eq!(app.article(), 0);
    assert!(app.update(Action::FocusNext).changed());
    assert_eq!(app.focus, Pane::Text);
    assert!(app.update(Action::HalfPageDown).changed());
    assert!(app.text_scroll > 0);
    assert!(app.update(Action::Bottom).changed());
    let bottom = app.text_scroll;
    assert_eq!(bottom + app.text_height(), app.layout.lines.len());
    assert!(!app.update(Action::PageDown).changed());
    assert!(app.update(Action::FocusPrev).changed());
    assert_eq!(app.focus, Pane::Articles);
}

#[test]
fn selecting_an_entity_lists_its_mentions_across_sources() {
    let mut app = app();
    focus_entity(&mut app, "Jabhat al-Nusra");
    assert!(app.update(Action::Select).changed());
    assert_eq!(app.focus, Pane::Xref);
    assert_eq!(app.actor, Some(0));
    let articles: Vec<usize> = app.xref.iter().map(|r| r.article).collect();
    assert_eq!(articles, [0, 0, 1]);
    assert_eq!(app.current, Some(app.xref[0]));
    assert_eq!(app.mention_position(), Some((Some(1), 3, 2)));
}

#[test]
fn opening_a_cross_reference_and_coming_back() {
    let mut app = app();
    focus_entity(&mut app, "Jabhat al-Nusra");
    app.update(Action::Select);
    let before = (app.article(), app.text_scroll, app.current);
    app.update(Action::Bottom);
    assert!(app.update(Action::Select).changed());
    assert_eq!(app.article(), 1);
    assert_eq!(app.focus, Pane::Text);
    let current = app.current.unwrap();
    assert_eq!(app.index.mention_text(current), "Jabhat Fateh al-Sham");
    assert!(app.is_visible(current));
    assert!(app.update(Action::Back).changed());
    assert_eq!((app.article(), app.text_scroll, app.current), before);
    assert_eq!(app.focus, Pane::Xref);
    assert!(app.update(Action::Back).changed());
    assert_eq!(app.message(), Some("no earlier position"));
}

#[test]
fn next_mention_crosses_articles_scrolls_and_wraps() {
    let mut app = app();
    assert!(app.update(Action::NextMention).changed());
    assert!(app.message().unwrap().contains("no actor selected"));
    focus_entity(&mut app, "Jabhat al-Nusra");
    app.update(Action::Select);
    app.update(Action::NextMention);
    // The second TASS mention is far down: the text scrolled to it.
    let second = app.current.unwrap();
    assert_eq!((second.article, app.article()), (0, 0));
    assert!(app.text_scroll > 0);
    assert!(app.is_visible(second));
    app.update(Action::NextMention);
    assert_eq!(app.article(), 1);
    app.update(Action::NextMention);
    assert_eq!(app.current, Some(app.xref[0]));
    assert_eq!(app.message(), Some("wrapped around the corpus"));
    app.update(Action::PrevMention);
    assert_eq!(app.article(), 1);
    assert_eq!(app.history.len(), 4);
}

#[test]
fn finder_jumps_to_an_actor_and_closes() {
    let mut app = app();
    app.update(Action::Down);
    assert!(app.update(Action::OpenFinder).changed());
    assert_eq!(app.mode(), Mode::Finder);
    // Letters are typed, even those bound elsewhere.
    for c in "ryab".chars() {
        assert!(app.handle_key(Key::char(c)).changed());
    }
    assert!(app.update(Action::Select).changed());
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.actor, Some(2));
    assert_eq!(app.article(), 0);
    assert_eq!(app.focus, Pane::Xref);
    assert!(app.update(Action::Back).changed());
    assert_eq!(app.article(), 1);
    app.update(Action::OpenFinder);
    assert!(app.handle_key(Key::plain(KeyCode::Esc)).changed());
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn finder_opens_articles_by_title() {
    let mut app = app();
    app.update(Action::OpenFinder);
    for c in "geneva talks".chars() {
        app.update(Action::FinderInput(c));
    }
    app.update(Action::Select);
    assert_eq!(app.article(), 1);
    assert_eq!(app.focus, Pane::Text);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = app();
    assert!(app.handle_key(Key::char('?')).changed());
    assert_eq!(app.mode(), Mode::Help);
    assert!(app.handle_key(Key::char('j')).changed());
    assert_eq!(app.overlay, Overlay::Help { scroll: 1 });
    // Scrolling stops once the last line is at the bottom of the screen.
    while app.handle_key(Key::char('j')).changed() {}
    let help = app.keymap.help();
    let lines = help.iter().map(|(_, rows)| rows.len() + 2).sum::<usize>() - 1;
    assert_eq!(app.overlay, Overlay::Help { scroll: lines - 22 });
    assert!(app.handle_key(Key::plain(KeyCode::Esc)).changed());
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.handle_key(Key::char('q')).has(Effect::Quit));
}

#[test]
fn load_problems_are_announced_and_listed() {
    assert_eq!(app().message(), None, "nothing to report");
    let mut index = index();
    index.issues = vec![
        crate::corpus::LoadIssue::new(
            "news/broken.json",
            crate::corpus::IssueKind::Malformed,
            "expected value",
        )
        .at_line(3),
        crate::corpus::LoadIssue::new(
            "news/empty.txt",
            crate::corpus::IssueKind::Empty,
            "empty file",
        ),
    ];
    let mut app = App::new(index);
    assert_eq!(
        app.message(),
        Some("2 files or records could not be read — ! shows why")
    );
    assert!(app.handle_key(Key::char('!')).changed());
    assert_eq!(app.mode(), Mode::Report);
    // Four lines fit: nothing to scroll, unless the screen is tiny.
    assert!(!app.handle_key(Key::char('j')).changed());
    app.update(Action::Resize {
        width: 80,
        height: 5,
    });
    assert!(app.handle_key(Key::char('j')).changed());
    assert_eq!(app.overlay, Overlay::Report { scroll: 1 });
    assert!(!app.handle_key(Key::char('j')).changed());
    assert!(app.handle_key(Key::char('!')).changed());
    assert_eq!(app.mode(), Mode::Normal);
}

fn app_of(index: CorpusIndex) -> App {
    let mut app = App::new(index);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

#[test]
fn the_article_list_scrolls_only_when_the_cursor_leaves_it() {
    let mut app = app_of(many_articles(12));
    let shown = app.list_height(Pane::Articles) / ARTICLE_ROWS;
    assert!(shown >= 2, "{shown} articles shown");
    let mut offsets = Vec::new();
    for _ in 0..shown + 1 {
        app.update(Action::Down);
        offsets.push(app.article_offset());
    }
    // Still while the cursor moves within the view, then one at a time.
    assert!(offsets[..shown - 1].iter().all(|&o| o == 0), "{offsets:?}");
    assert_eq!(offsets[shown - 1..], [1, 2]);
    // Back up: the view stays until the cursor reaches its top row.
    let top = app.article_offset();
    for _ in 0..shown - 1 {
        app.update(Action::Up);
        assert_eq!(app.article_offset(), top);
    }
    app.update(Action::Up);
    assert_eq!(app.article_offset(), top - 1);
    assert_eq!(app.article(), app.article_offset());
    // Far jumps put the cursor mid-view; the end of the list fills it.
    app.update(Action::Bottom);
    assert_eq!(app.article_offset(), 12 - shown);
}

#[test]
fn cross_references_scroll_with_their_headings() {
    let mut app = app_of(many_articles(12));
    focus_entity(&mut app, "Aleppo");
    app.update(Action::Select);
    assert_eq!(app.xref.len(), 24);
    // Two mentions under each article's heading.
    assert_eq!(app.xref_row(app.xref.len()), 36);
    assert!(app.xref_starts_group(2) && !app.xref_starts_group(3));
    assert_eq!((app.xref_row(2), app.xref_row(3)), (4, 5));
    let height = app.list_height(Pane::Xref);
    // Down to the last row shown: nothing moves.
    let rows_moved = |app: &App| app.xref_row(app.xref_cursor());
    while rows_moved(&app) + 1 < height {
        app.update(Action::Down);
        assert_eq!(app.xref_offset(), 0);
    }
    app.update(Action::Down);
    app.update(Action::Down);
    let offset = app.xref_offset();
    assert!(offset > 0);
    let cursor_row = app.xref_row(app.xref_cursor());
    assert_eq!(cursor_row, offset + height - 1, "cursor on the last row");
    // Up: the view stays while the row above (with its heading, if it
    // starts a group) is in view.
    let top_of = |app: &App, i: usize| app.xref_row(i) - usize::from(app.xref_starts_group(i));
    while top_of(&app, app.xref_cursor() - 1) >= app.xref_offset() {
        app.update(Action::Up);
        assert_eq!(app.xref_offset(), offset);
    }
    // Then it moves just enough, the heading of a group's first mention included.
    app.update(Action::Up);
    assert_eq!(app.xref_offset(), top_of(&app, app.xref_cursor()));
    while !app.xref_starts_group(app.xref_cursor()) {
        app.update(Action::Up);
    }
    assert_eq!(app.xref_offset() + 1, app.xref_row(app.xref_cursor()));
}

#[test]
fn the_texts_are_read_until_the_analysed_corpus_takes_their_place() {
    let full = index();
    let texts = CorpusIndex::texts_only(Corpus {
        articles: (*full.articles).clone(),
        issues: Vec::new(),
    });
    let mut app = app_of(texts);
    assert!(app.entities.is_empty());
    app.update(Action::Down);
    app.focus = Pane::Text;
    app.update(Action::PageDown);
    let (article, scroll) = (app.article(), app.text_scroll);
    app.update(Action::OpenFinder);
    app.replace_index(full);
    // The same place, now with the article's actors; the finder, made
    // over no actors, is closed.
    assert_eq!((app.article(), app.text_scroll), (article, scroll));
    assert_eq!(app.focus, Pane::Text);
    assert_eq!(app.mode(), Mode::Normal);
    assert!(!app.entities.is_empty());
    app.update(Action::OpenFinder);
    for c in "ryab".chars() {
        app.update(Action::FinderInput(c));
    }
    app.update(Action::Select);
    assert_eq!(app.actor, Some(2), "the finder knows the actors now");
}

#[test]
fn resizing_keeps_the_first_line_shown() {
    let mut app = app();
    app.focus = Pane::Text;
    app.update(Action::PageDown);
    let top = app.layout.lines[app.text_scroll].start;
    assert!(
        app.update(Action::Resize {
            width: 120,
            height: 40
        })
        .changed()
    );
    let line = &app.layout.lines[app.text_scroll];
    assert!(line.start <= top && top <= line.end, "{line:?} {top}");
    // Tiny screens never panic and keep a usable state.
    for (w, h) in [(1, 1), (0, 0), (3, 2)] {
        app.update(Action::Resize {
            width: w,
            height: h,
        });
        app.update(Action::PageDown);
        app.update(Action::NextMention);
    }
}

/// Three articles of three sources and dates, titled out of order.
fn three_sources() -> App {
    let mut index = index_of(vec![
        (Some("Tasnim"), "Beta\n\nAleppo held.\n".to_string()),
        (Some("TASS"), "Gamma\n\nRyabkov spoke.\n".to_string()),
        (Some("Reuters"), "Alpha\n\nAleppo again.\n".to_string()),
    ]);
    // Articles are shared once indexed: this index is the only owner yet.
    let articles = std::sync::Arc::get_mut(&mut index.articles).expect("one owner");
    for (article, date) in articles
        .iter_mut()
        .zip(["2016-10-19", "2016-11-02", "2015-01-01"])
    {
        article.date = Some(date.to_string());
    }
    app_of(index)
}

fn titles(app: &App) -> Vec<&str> {
    app.article_order()
        .iter()
        .map(|&a| app.index.articles[a].title.as_str())
        .collect()
}

#[test]
fn the_article_list_sorts_by_date_source_and_title() {
    let mut app = three_sources();
    assert_eq!(titles(&app), ["Beta", "Gamma", "Alpha"]);
    app.update(Action::CycleSort);
    assert_eq!(titles(&app), ["Gamma", "Beta", "Alpha"], "newest first");
    app.update(Action::CycleSort);
    let ranks: Vec<u32> = app
        .article_order()
        .iter()
        .map(|&a| app.index.source_rank(a))
        .collect();
    assert!(
        ranks.windows(2).all(|w| w[0] < w[1]),
        "by source: {ranks:?}"
    );
    assert_ne!(titles(&app), ["Beta", "Gamma", "Alpha"]);
    app.update(Action::CycleSort);
    assert_eq!(titles(&app), ["Alpha", "Beta", "Gamma"]);
    // j walks the list in its order; the cursor stays on the article shown.
    assert_eq!(app.article_cursor(), 1, "Beta, shown, is second now");
    app.update(Action::Down);
    assert_eq!(app.index.articles[app.article()].title, "Gamma");
    app.update(Action::Top);
    assert_eq!(app.index.articles[app.article()].title, "Alpha");
    app.update(Action::CycleSort);
    assert_eq!(
        titles(&app),
        ["Beta", "Gamma", "Alpha"],
        "back to corpus order"
    );
}

#[test]
fn the_article_list_filters_by_source_date_marks_and_actor() {
    let mut app = three_sources();
    app.update(Action::CycleSource);
    assert_eq!(app.article_order().len(), 1);
    let source = app.index.source_rank(app.article_order()[0]);
    assert_eq!(
        app.index.source_rank(app.article()),
        source,
        "shows what is listed"
    );
    while app.listing().source.is_some() {
        app.update(Action::CycleSource);
    }
    assert_eq!(app.article_order().len(), 3);
    // The day, the month, the year of the article shown, then every date.
    app.update(Action::CycleDates);
    assert_eq!(titles(&app), ["Beta"]);
    app.update(Action::CycleDates);
    app.update(Action::CycleDates);
    assert_eq!(titles(&app), ["Beta", "Gamma"], "2016");
    app.update(Action::CycleDates);
    assert_eq!(app.article_order().len(), 3);
    // Unread only: the article read drops out the next time the list is made.
    app.update(Action::FocusNext);
    app.update(Action::FocusPrev);
    assert!(app.is_read(0));
    app.update(Action::ToggleUnreadOnly);
    assert_eq!(titles(&app), ["Gamma", "Alpha"]);
    app.update(Action::ClearFilters);
    // Bookmarked only.
    app.update(Action::Top);
    app.update(Action::ToggleBookmark);
    app.update(Action::ToggleBookmarkedOnly);
    assert_eq!(titles(&app), ["Beta"]);
    app.update(Action::ClearFilters);
    // Naming the selected actor: Aleppo is in Beta and Alpha.
    focus_entity(&mut app, "Aleppo");
    app.update(Action::Select);
    app.update(Action::ToggleActorOnly);
    assert_eq!(titles(&app), ["Beta", "Alpha"]);
    // A filter that would leave nothing is refused.
    app.update(Action::ToggleBookmarkedOnly);
    app.update(Action::CycleDates);
    assert_eq!(titles(&app), ["Beta"]);
    app.update(Action::CycleSource);
    assert!(
        app.message().unwrap().contains("no article would be left"),
        "{:?}",
        app.message()
    );
    assert_eq!(titles(&app), ["Beta"]);
}

#[test]
fn the_report_scrolls_exactly_to_its_last_line_as_drawn() {
    let mut index = index();
    // Words that wrap early: more lines than the characters alone need.
    index.issues = (0..6)
        .map(|i| {
            crate::corpus::LoadIssue::new(
                format!("news/a-rather-long-folder-name/file-number-{i}.json"),
                crate::corpus::IssueKind::Malformed,
                "expected a value where none was found at all",
            )
        })
        .collect();
    let mut app = App::new(index);
    let (width, height) = (34, 12);
    app.update(Action::Resize { width, height });
    app.update(Action::ToggleReport);
    while app.update(Action::Down).changed() {}
    let lines = app.popup_lines();
    let Some(PopupLine::Text(last)) = lines.last() else {
        panic!("{lines:?}");
    };
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| crate::ui::render(&app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let row = |y: u16| -> String {
        (0..width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect()
    };
    // The last line is on the popup's last row inside its frame.
    assert!(
        row(height - 2).contains(last.trim()),
        "{:?}",
        row(height - 2)
    );
}

#[test]
fn records_that_are_no_articles_are_told_apart_and_grouped_per_file() {
    use crate::corpus::{IssueKind, LoadIssue};
    let mut index = index();
    index.issues = (1..=3)
        .map(|line| {
            LoadIssue::new(
                "data/docs.jsonl",
                IssueKind::BadRecord,
                "record has no text",
            )
            .at_line(line)
        })
        .chain([LoadIssue::new(
            "data/broken.json",
            IssueKind::Malformed,
            "expected value",
        )])
        .collect();
    let mut app = App::new(index);
    assert_eq!(
        app.message(),
        Some("1 file or record could not be read; 3 records skipped (not articles) — ! shows why")
    );
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.handle_key(Key::char('!'));
    let text: Vec<String> = app
        .popup_lines()
        .into_iter()
        .filter_map(|line| match line {
            PopupLine::Text(text) | PopupLine::Heading(text) => Some(text),
            _ => None,
        })
        .collect();
    // The summary per file comes before each problem.
    assert_eq!(text[1], "data/docs.jsonl: 3 records without text, skipped");
    assert_eq!(text[2], "data/broken.json: expected value");
    assert_eq!(text[3], "Each one:");
    assert_eq!(text[4], "data/docs.jsonl:1: record has no text");
    assert_eq!(text.len(), 8);
}
