//! Correcting actor links with the reader's keys on the sample corpus: merge
//! through the finder, split a mention or a name, undo; and what is saved is
//! what a later load applies.

mod common;

use crossread::app::{Action, App, Key, KeyCode, Mode, Pane};
use crossread::index::store::{CorpusKey, CorrectionStore};
use crossread::index::{ActorId, CorpusIndex};
use crossread::tui::save_corrections;

const TAB: Key = Key::plain(KeyCode::Tab);
const ENTER: Key = Key::plain(KeyCode::Enter);
const ESC: Key = Key::plain(KeyCode::Esc);

fn sample_app() -> App {
    let mut app = App::new(common::sample_index());
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    app
}

fn press(app: &mut App, keys: &[Key]) {
    for &key in keys {
        app.handle_key(key);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(Key::char(c));
    }
}

fn actor(index: &CorpusIndex, id: &str) -> Option<ActorId> {
    index.actors.iter().position(|a| a.id == id)
}

/// Puts the entity cursor on `id` in the article shown.
fn cursor_on_entity(app: &mut App, id: &str) {
    while app.focus != Pane::Entities {
        press(app, &[TAB]);
    }
    let target = actor(&app.index, id).unwrap_or_else(|| panic!("no actor {id}"));
    for _ in 0..app.entities.len() {
        if app.entities[app.entity_cursor].0 == target {
            return;
        }
        press(app, &[Key::char('j')]);
    }
    panic!("{id} is not among the entities of article {}", app.article);
}

/// The surface forms listed in the cross-reference pane.
fn xref_forms(app: &App) -> Vec<String> {
    app.xref
        .iter()
        .map(|&r| app.index.mention_text(r).to_string())
        .collect()
}

/// Selects Jabhat al-Nusra in the Tasnim article and splits the
/// "Jabhat Fateh al-Sham" name out of it with X.
fn split_out_the_new_name(app: &mut App) {
    press(app, &[Key::char('j')]);
    assert_eq!(app.article, 1);
    cursor_on_entity(app, "org:jabhat-al-nusra");
    press(app, &[ENTER]);
    assert_eq!(app.focus, Pane::Xref);
    assert_eq!(
        app.index.mention_text(app.current.unwrap()),
        "Jabhat Fateh al-Sham"
    );
    press(app, &[Key::char('X')]);
}

#[test]
fn merging_through_the_finder_lists_both_names_and_undo_restores() {
    let mut app = sample_app();
    split_out_the_new_name(&mut app);
    let fateh = "org:jabhat-al-nusra/split:jabhat-fateh-al-sham";
    assert!(actor(&app.index, fateh).is_some(), "the name was split out");
    assert_eq!(xref_forms(&app), ["Jabhat al-Nusra"]);
    let split_state = app.index.actors.clone();

    // The split-out actor is an entity of the Tasnim article: merge it back.
    cursor_on_entity(&mut app, fateh);
    press(&mut app, &[Key::char('m')]);
    assert_eq!(app.mode(), Mode::Finder);
    type_text(&mut app, "nusra");
    press(&mut app, &[ENTER]);
    assert_eq!(app.mode(), Mode::Normal);

    let nusra = actor(&app.index, "org:jabhat-al-nusra").unwrap();
    assert_eq!(actor(&app.index, fateh), None);
    assert_eq!(app.actor, Some(nusra), "the merged actor is selected");
    assert_eq!(app.entities[app.entity_cursor].0, nusra);
    let mut forms = xref_forms(&app);
    forms.sort();
    assert_eq!(forms, ["Jabhat Fateh al-Sham", "Jabhat al-Nusra"]);
    let message = app.message.clone().unwrap();
    assert!(
        message.contains("Merged Jabhat Fateh al-Sham into Jabhat al-Nusra")
            && message.contains("u to undo"),
        "{message}"
    );
    assert!(app.corrections_changed);
    assert_eq!(app.index.corrections().ops.len(), 2);

    // u undoes the merge, then the split.
    press(&mut app, &[Key::char('u')]);
    assert_eq!(app.index.actors, split_state);
    assert_eq!(app.index.corrections().ops.len(), 1);
    press(&mut app, &[Key::char('u')]);
    assert_eq!(app.index.actors, common::sample_index().actors);
    let mut forms = xref_forms(&app);
    forms.sort();
    assert_eq!(forms, ["Jabhat Fateh al-Sham", "Jabhat al-Nusra"]);
    press(&mut app, &[Key::char('u')]);
    assert_eq!(app.message.as_deref(), Some("no correction to undo"));
}

#[test]
fn esc_cancels_a_merge() {
    let mut app = sample_app();
    cursor_on_entity(&mut app, "loc:aleppo");
    press(&mut app, &[Key::char('m')]);
    type_text(&mut app, "geneva");
    press(&mut app, &[ESC]);
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.index.corrections().ops.is_empty());
    assert!(!app.corrections_changed);
}

#[test]
fn splitting_a_mention_lowers_the_actor_count() {
    let mut app = sample_app();
    cursor_on_entity(&mut app, "loc:russia");
    press(&mut app, &[ENTER]);
    let russia = actor(&app.index, "loc:russia").unwrap();
    let before = app.index.mentions_of(russia).len();
    // The cross-reference under the cursor is the one split out.
    press(&mut app, &[Key::char('j')]);
    let picked = app.xref[app.xref_cursor];
    let text = app.index.mention_text(picked).to_string();
    press(&mut app, &[Key::char('x')]);

    let russia = actor(&app.index, "loc:russia").unwrap();
    assert_eq!(app.index.mentions_of(russia).len(), before - 1);
    assert_eq!(app.actor, Some(russia), "the actor stays selected");
    assert_eq!(app.xref.len(), before - 1);
    assert!(!app.xref.contains(&picked));
    let split = app.index.actor_of(picked);
    assert_eq!(
        app.index.actors[split].id,
        format!("loc:russia/split:{}", text.to_lowercase())
    );
    assert_eq!(app.index.mentions_of(split), [picked]);
    assert!(app.message.as_deref().unwrap().starts_with("Split"));
}

#[test]
fn a_mention_alone_cannot_be_split_and_nothing_is_recorded() {
    let mut app = sample_app();
    press(&mut app, &[Key::char('x')]);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("no mention selected")
    );
    cursor_on_entity(&mut app, "per:sergey-shoigu");
    press(&mut app, &[ENTER, Key::char('x')]);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("nothing changed"),
        "{:?}",
        app.message
    );
    assert!(app.index.corrections().ops.is_empty());
    assert!(!app.corrections_changed);
}

#[test]
fn saved_corrections_give_the_same_actors_on_the_next_load() {
    let data = tempfile::tempdir().unwrap();
    let key = CorpusKey::sample();
    let saving = Ok(CorrectionStore::new(data.path(), &key));
    let mut app = sample_app();
    split_out_the_new_name(&mut app);
    save_corrections(&mut app, &saving);
    assert!(!app.corrections_changed);
    assert!(
        app.message.as_deref().unwrap().starts_with("Split"),
        "saved quietly"
    );

    let mut store = CorrectionStore::new(data.path(), &key);
    let mut index = common::sample_index();
    let report = index.set_corrections(store.load().unwrap());
    assert_eq!(report.applied, 1);
    assert_eq!(index.actors, app.index.actors);
    assert_eq!(index.mention_actor, app.index.mention_actor);

    // Where nothing can be saved, the status line says so after what was done.
    press(&mut app, &[Key::char('u')]);
    save_corrections(
        &mut app,
        &Err("corrections are off (--no-corrections)".to_string()),
    );
    let message = app.message.clone().unwrap();
    assert!(message.starts_with("Undid"), "{message}");
    assert!(
        message.contains("not saved: corrections are off"),
        "{message}"
    );
}
