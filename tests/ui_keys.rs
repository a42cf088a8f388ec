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
