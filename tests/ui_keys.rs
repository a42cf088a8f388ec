//! Key sequences driven through the reader's state on the sample corpus, as
//! analysed by the reader's default tagger and the real resolver.

use crossread::analysis::lexicon::Lexicon;
use crossread::analysis::ner::HybridTagger;
use crossread::app::{Action, App, Key, KeyCode, Pane};
use crossread::corpus;
use crossread::index::CorpusIndex;

fn sample_app() -> App {
    let index = CorpusIndex::build(
        corpus::load_sample(),
        HybridTagger::builtin(),
        Lexicon::builtin(),
    );
    let mut app = App::new(index);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

fn article_named(app: &App, prefix: &str) -> usize {
    app.index()
        .articles
        .iter()
        .position(|a| a.path.rsplit('/').next().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no article {prefix}"))
}

fn press(app: &mut App, keys: &[Key]) {
    for &key in keys {
        app.handle_key(key);
    }
}

const TAB: Key = Key::plain(KeyCode::Tab);
const ENTER: Key = Key::plain(KeyCode::Enter);

/// Moves the cursor of the focused list with j until `done`, at most `limit` times.
fn press_j_until(app: &mut App, limit: usize, done: impl Fn(&App) -> bool) {
    for _ in 0..limit {
        if done(app) {
            return;
        }
        assert!(
            app.handle_key(Key::char('j')).changed(),
            "the cursor stopped moving"
        );
    }
    assert!(done(app), "not found within {limit} moves");
}

/// Selects "Jabhat al-Nusra" among the entities of the TASS article.
fn select_nusra_in_tass(app: &mut App) -> usize {
    let tass = article_named(app, "000_");
    press_j_until(app, 10, |app| app.article() == tass);
    press(app, &[TAB, TAB]);
    assert_eq!(app.focus(), Pane::Entities);
    let entities = app.entities().len();
    press_j_until(app, entities, |app| {
        let (actor, _) = app.entities()[app.entity_cursor()];
        app.index().actors[actor]
            .aliases
            .iter()
            .any(|a| a == "Jabhat al-Nusra")
    });
    press(app, &[ENTER]);
    tass
}

#[test]
fn cross_reference_to_the_renamed_group_and_back() {
    let mut app = sample_app();
    let tass = select_nusra_in_tass(&mut app);
    let tasnim = article_named(&app, "001_");
    assert_eq!(
        app.focus(),
        Pane::Xref,
        "Enter on an entity opens its cross-references"
    );
    assert!(app.actor().is_some());
    assert!(
        app.xref().iter().any(|r| r.article == tasnim),
        "the Tasnim mention is cross-referenced"
    );

    // Remember where the reader is, then open the Tasnim mention.
    let before = (app.article(), app.text_scroll(), app.current());
    assert_eq!(before.0, tass);
    let rows = app.xref().len();
    press_j_until(&mut app, rows, |app| {
        let r = app.xref()[app.xref_cursor()];
        r.article == tasnim && app.index().mention_text(r) == "Jabhat Fateh al-Sham"
    });
    press(&mut app, &[ENTER]);

    assert_eq!(app.article(), tasnim, "the article changed");
    let current = app.current().expect("a mention is highlighted");
    assert_eq!(current.article, tasnim);
    assert_eq!(app.index().mention_text(current), "Jabhat Fateh al-Sham");
    assert!(
        app.is_visible(current),
        "the mention is in the text viewport"
    );

    press(&mut app, &[Key::ctrl('o')]);
    assert_eq!((app.article(), app.text_scroll(), app.current()), before);
}

#[test]
fn n_and_shift_n_cross_sources() {
    let mut app = sample_app();
    let tass = select_nusra_in_tass(&mut app);
    let tasnim = article_named(&app, "001_");
    let start = app.current();
    // n reaches the Tasnim article, N comes back to where it started.
    let mut steps = 0;
    while app.article() != tasnim {
        press(&mut app, &[Key::char('n')]);
        steps += 1;
        assert!(
            steps <= app.xref().len(),
            "n never reached the Tasnim article"
        );
    }
    assert!(app.is_visible(app.current().unwrap()));
    for _ in 0..steps {
        press(&mut app, &[Key::char('N')]);
    }
    assert_eq!(app.article(), tass);
    assert_eq!(app.current(), start);
}

#[test]
fn finder_finds_the_group_by_its_new_name() {
    let mut app = sample_app();
    press(&mut app, &[Key::char('/')]);
    for c in "fateh".chars() {
        press(&mut app, &[Key::char(c)]);
    }
    press(&mut app, &[ENTER]);
    let actor = app.actor().expect("an actor is selected");
    assert!(
        app.index().actors[actor]
            .aliases
            .iter()
            .any(|a| a == "Jabhat Fateh al-Sham")
    );
    let current = app.current().expect("jumped to a mention");
    assert!(app.is_visible(current));
    // Esc closes the finder without moving.
    press(&mut app, &[Key::char('/'), Key::char('x')]);
    let here = (app.article(), app.current());
    press(&mut app, &[Key::plain(KeyCode::Esc)]);
    assert_eq!((app.article(), app.current()), here);
    assert_eq!(app.mode(), crossread::app::Mode::Normal);
}

#[test]
fn shift_n_steps_back_on_an_actor_with_many_mentions() {
    // With only two mentions, N stepping forward like n would land on the
    // same mention (wrapping hides it): this actor has at least three.
    let mut app = sample_app();
    let tass = article_named(&app, "000_");
    press_j_until(&mut app, 10, |app| app.article() == tass);
    press(&mut app, &[TAB, TAB]);
    let entities = app.entities().len();
    press_j_until(&mut app, entities, |app| {
        app.entities()[app.entity_cursor()].1 >= 3
    });
    press(&mut app, &[ENTER]);
    assert!(app.xref().len() >= 3, "{} mentions", app.xref().len());
    press(&mut app, &[Key::char('n')]);
    let first = app.current().expect("a mention is highlighted");
    press(&mut app, &[Key::char('n')]);
    let second = app.current().unwrap();
    press(&mut app, &[Key::char('n')]);
    let third = app.current().unwrap();
    assert!(first != second && second != third && first != third);
    press(&mut app, &[Key::char('N')]);
    assert_eq!(app.current(), Some(second), "N goes back one mention");
    press(&mut app, &[Key::char('N')]);
    assert_eq!(app.current(), Some(first));
    assert!(app.is_visible(first));
}

/// The status line's "mention k of n", the cross-reference cursor and the
/// highlighted mention always name the same mention.
fn assert_one_current_mention(app: &App) {
    let current = app.current().expect("a current mention");
    assert_eq!(app.xref()[app.xref_cursor()], current, "cursor on it");
    let (position, total, _) = app.mention_position().expect("an actor");
    assert_eq!(position, Some(app.xref_cursor() + 1), "status names it");
    assert_eq!(total, app.xref().len());
    assert_eq!(current.article, app.article(), "its article is shown");
    assert!(app.is_visible(current), "the text shows it");
}

#[test]
fn cursor_status_and_text_show_one_current_mention() {
    let mut app = sample_app();
    select_nusra_in_tass(&mut app);
    assert_one_current_mention(&app);
    let tasnim = article_named(&app, "001_");
    // j in the cross-references moves the current mention, the text with it.
    let rows = app.xref().len();
    press_j_until(&mut app, rows, |app| {
        assert_one_current_mention(app);
        app.article() == tasnim
    });
    assert_one_current_mention(&app);
    press(&mut app, &[ENTER]);
    assert_eq!(app.focus(), Pane::Text);
    assert_one_current_mention(&app);
    // Ctrl-o: back to before the cross-reference was opened, still one.
    press(&mut app, &[Key::ctrl('o')]);
    assert_ne!(app.article(), tasnim);
    assert_one_current_mention(&app);
}

#[test]
fn x_splits_the_mention_the_status_names() {
    let mut app = sample_app();
    select_nusra_in_tass(&mut app);
    press(&mut app, &[Key::char('j')]);
    let named = app.current().unwrap();
    let text = app.index().mention_text(named).to_string();
    let actor = app.actor().unwrap();
    press(&mut app, &[Key::char('x')]);
    assert!(
        app.message().unwrap().contains(&text),
        "{:?}",
        app.message()
    );
    assert_ne!(app.index().actor_of(named), actor, "that mention was split");
    // The row that took its place is the current mention now.
    assert!(!app.xref().contains(&named));
    assert_one_current_mention(&app);
}

#[test]
fn h_l_and_arrows_move_between_panes_and_esc_leaves_the_cross_references() {
    let mut app = sample_app();
    assert_eq!(app.focus(), Pane::Articles);
    press(&mut app, &[Key::char('l')]);
    assert_eq!(app.focus(), Pane::Text);
    press(&mut app, &[Key::char('h')]);
    assert_eq!(app.focus(), Pane::Articles);
    press(&mut app, &[Key::plain(KeyCode::Right)]);
    assert_eq!(app.focus(), Pane::Text);
    press(&mut app, &[Key::plain(KeyCode::Left)]);
    assert_eq!(app.focus(), Pane::Articles);
    press(&mut app, &[TAB, TAB]);
    assert_eq!(app.focus(), Pane::Entities);
    press(&mut app, &[Key::char('l')]);
    assert_eq!(app.focus(), Pane::Xref);
    press(&mut app, &[Key::plain(KeyCode::Esc)]);
    assert_eq!(app.focus(), Pane::Entities, "Esc goes back to the entities");
    press(&mut app, &[ENTER]);
    assert_eq!(app.focus(), Pane::Xref);
    press(&mut app, &[Key::plain(KeyCode::Esc)]);
    assert_eq!(app.focus(), Pane::Entities);
}

#[test]
fn space_and_ctrl_f_ctrl_b_page_the_text() {
    let mut app = sample_app();
    press(&mut app, &[Key::char('l')]);
    assert_eq!(app.focus(), Pane::Text);
    let lines = app.layout().lines.len();
    let page = app.text_height();
    assert!(lines > page + 1, "the article is longer than the pane");
    press(&mut app, &[Key::char(' ')]);
    assert_eq!(app.text_scroll(), page.min(lines - page));
    press(&mut app, &[Key::ctrl('b')]);
    assert_eq!(app.text_scroll(), 0);
    press(&mut app, &[Key::ctrl('f')]);
    assert_eq!(app.text_scroll(), page.min(lines - page));
}

#[test]
fn moving_in_the_entities_previews_their_cross_references() {
    let mut app = sample_app();
    press(&mut app, &[TAB, TAB]);
    assert_eq!(app.focus(), Pane::Entities);
    assert!(app.entities().len() >= 2);
    for _ in 0..2 {
        press(&mut app, &[Key::char('j')]);
        let (actor, _) = app.entities()[app.entity_cursor()];
        assert_eq!(app.actor(), Some(actor), "its cross-references are listed");
        assert_eq!(app.focus(), Pane::Entities, "the focus stays");
        assert!(!app.xref().is_empty());
        assert_one_current_mention(&app);
    }
}

#[test]
fn reading_marks_read_and_r_toggles_it() {
    let mut app = sample_app();
    assert_eq!(app.unread(), 2);
    // The cursor passing over an article does not read it.
    press(&mut app, &[Key::char('j'), Key::char('k')]);
    assert_eq!(app.unread(), 2);
    let effects = app.handle_key(Key::char('l'));
    assert!(app.is_read(0), "its text had the focus");
    assert!(effects.has(crossread::app::Effect::SaveState));
    assert_eq!(app.unread(), 1);
    // Unmarked while reading, it stays unread.
    press(&mut app, &[Key::char('r'), Key::char('j')]);
    assert!(!app.is_read(0));
    press(&mut app, &[Key::char('r')]);
    assert!(app.is_read(0));
}

#[test]
fn bookmarks_on_articles_and_mentions_and_the_list_jumps_to_them() {
    let mut app = sample_app();
    use crossread::app::{Mode, Overlay};
    press(&mut app, &[Key::char('B')]);
    assert_eq!(app.mode(), Mode::Normal, "no list without bookmarks");
    // The first article, from the article list.
    press(&mut app, &[Key::char('b')]);
    assert!(app.is_bookmarked(0));
    // A mention, from the cross-references.
    select_nusra_in_tass(&mut app);
    let mention = app.current().unwrap();
    press(&mut app, &[Key::char('b')]);
    let rows = app.bookmark_rows();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[1].mention.as_deref(),
        Some(app.index().mention_text(mention))
    );
    // Elsewhere, the list brings the reader back to the mention.
    let tasnim = article_named(&app, "001_");
    while app.focus() != Pane::Articles {
        press(&mut app, &[TAB]);
    }
    press_j_until(&mut app, 10, |app| app.article() == tasnim);
    press(&mut app, &[Key::char('B')]);
    assert_eq!(*app.overlay(), Overlay::Bookmarks { cursor: 0 });
    press(&mut app, &[Key::char('j'), ENTER]);
    assert_eq!(app.current(), Some(mention));
    assert_eq!(app.article(), mention.article);
    assert!(app.is_visible(mention));
    // b on it again removes it.
    press(&mut app, &[Key::char('b')]);
    assert_eq!(app.bookmark_rows().len(), 1);
}

#[test]
fn what_a_run_keeps_restores_the_place_in_a_new_reader() {
    let mut app = sample_app();
    select_nusra_in_tass(&mut app);
    press(&mut app, &[Key::char('j'), ENTER, Key::char(' ')]);
    let kept = app.reader_state();
    let mut again = sample_app();
    again.restore(kept.clone());
    assert_eq!(again.article(), app.article());
    assert_eq!(again.text_scroll(), app.text_scroll());
    assert_eq!(again.actor(), app.actor());
    assert_eq!(again.focus(), app.focus());
    assert_eq!(again.unread(), app.unread());
    assert_eq!(again.reader_state(), kept);
}

#[test]
fn sort_and_filter_keys_reorder_the_list_and_show_its_position() {
    let mut app = sample_app();
    use crossread::app::{Mode, Sort};
    // s cycles the sort; the status line says which.
    press(&mut app, &[Key::char('s')]);
    assert_eq!(app.listing().sort, Sort::Date);
    assert!(app.message().unwrap().starts_with("sorted by date"));
    press(&mut app, &[Key::char('s'), Key::char('s'), Key::char('s')]);
    assert_eq!(app.listing().sort, Sort::Corpus);
    // f keeps one source: the list is shorter than the corpus.
    press(&mut app, &[Key::char('f')]);
    assert_eq!(app.article_order().len(), 1);
    assert!(app.message().unwrap().starts_with("only "));
    press(&mut app, &[Key::char('C')]);
    assert_eq!(app.article_order().len(), 2);
    // @ keeps the articles naming the selected actor.
    select_nusra_in_tass(&mut app);
    press(&mut app, &[Key::char('@')]);
    assert!(app.listing().actor.is_some());
    press(&mut app, &[Key::char('@')]);
    assert!(app.listing().actor.is_none());
    for (key, action) in [
        ('d', Action::CycleDates),
        ('U', Action::ToggleUnreadOnly),
        ('*', Action::ToggleBookmarkedOnly),
    ] {
        assert_eq!(
            app.keymap().action(Mode::Normal, Key::char(key)),
            Some(action)
        );
    }
    // The list title shows the position.
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 40)).unwrap();
    terminal
        .draw(|frame| crossread::ui::render(&app, frame))
        .unwrap();
    let top: String = (0..160)
        .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
        .collect();
    let here = format!("Articles {}/2", app.article_cursor() + 1);
    assert!(top.contains(&here), "{top}");
}
