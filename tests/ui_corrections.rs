//! Correcting actor links with the reader's keys on the sample corpus: merge
//! through the finder, split a mention or a name, undo; and what is saved is
//! what a later load applies.

mod common;

use crossread::app::{Action, App, Effect, Key, KeyCode, Mode, Overlay, Pane, Target};
use crossread::index::{ActorId, CorpusIndex};
use crossread::store::{CorpusKey, CorrectionStore};
use crossread::tui::{Saving, on_key, save_corrections};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

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

/// Presses `keys`; the effects they asked for.
fn press(app: &mut App, keys: &[Key]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for &key in keys {
        effects.extend_from_slice(app.handle_key(key).effects());
    }
    effects
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
    while app.focus() != Pane::Entities {
        press(app, &[TAB]);
    }
    let target = actor(app.index(), id).unwrap_or_else(|| panic!("no actor {id}"));
    for _ in 0..app.entities().len() {
        if app.entities()[app.entity_cursor()].0 == target {
            return;
        }
        press(app, &[Key::char('j')]);
    }
    panic!(
        "{id} is not among the entities of article {}",
        app.article()
    );
}

/// The surface forms listed in the cross-reference pane.
fn xref_forms(app: &App) -> Vec<String> {
    app.xref()
        .iter()
        .map(|&r| app.index().mention_text(r).to_string())
        .collect()
}

/// Selects Jabhat al-Nusra in the Tasnim article and splits the
/// "Jabhat Fateh al-Sham" name out of it with X.
fn split_out_the_new_name(app: &mut App) {
    press(app, &[Key::char('j')]);
    assert_eq!(app.article(), 1);
    cursor_on_entity(app, "org:jabhat-al-nusra");
    press(app, &[ENTER]);
    assert_eq!(app.focus(), Pane::Xref);
    assert_eq!(
        app.index().mention_text(app.current().unwrap()),
        "Jabhat Fateh al-Sham"
    );
    press(app, &[Key::char('X')]);
}

#[test]
fn merging_through_the_finder_lists_both_names_and_undo_restores() {
    let mut app = sample_app();
    split_out_the_new_name(&mut app);
    let fateh = "org:jabhat-al-nusra/split:jabhat-fateh-al-sham";
    assert!(
        actor(app.index(), fateh).is_some(),
        "the name was split out"
    );
    assert_eq!(xref_forms(&app), ["Jabhat al-Nusra"]);
    let split_state = app.index().actors.clone();

    // The split-out actor is an entity of the Tasnim article: merge it back.
    // (The split made the next Nusra mention current, in another article.)
    while app.focus() != Pane::Articles {
        press(&mut app, &[TAB]);
    }
    press(&mut app, &[Key::char('g'), Key::char('j')]);
    assert_eq!(app.article(), 1);
    cursor_on_entity(&mut app, fateh);
    press(&mut app, &[Key::char('m')]);
    assert_eq!(app.mode(), Mode::Finder);
    type_text(&mut app, "nusra");
    // Enter asks first; only y merges.
    assert_eq!(press(&mut app, &[ENTER]), []);
    assert_eq!(app.mode(), Mode::Confirm);
    let effects = press(&mut app, &[Key::char('y')]);
    assert_eq!(app.mode(), Mode::Normal);

    let nusra = actor(app.index(), "org:jabhat-al-nusra").unwrap();
    assert_eq!(actor(app.index(), fateh), None);
    assert_eq!(app.actor(), Some(nusra), "the merged actor is selected");
    assert_eq!(app.entities()[app.entity_cursor()].0, nusra);
    let mut forms = xref_forms(&app);
    forms.sort();
    assert_eq!(forms, ["Jabhat Fateh al-Sham", "Jabhat al-Nusra"]);
    let message = app.message().map(str::to_string).unwrap();
    assert!(
        message.contains("Merged Jabhat Fateh al-Sham into Jabhat al-Nusra")
            && message.contains("u to undo"),
        "{message}"
    );
    assert_eq!(effects, [Effect::SaveCorrections]);
    assert_eq!(app.index().corrections().ops.len(), 2);

    // u undoes the merge, then the split.
    press(&mut app, &[Key::char('u')]);
    assert_eq!(app.index().actors, split_state);
    assert_eq!(app.index().corrections().ops.len(), 1);
    press(&mut app, &[Key::char('u')]);
    assert_eq!(app.index().actors, common::sample_index().actors);
    let mut forms = xref_forms(&app);
    forms.sort();
    assert_eq!(forms, ["Jabhat Fateh al-Sham", "Jabhat al-Nusra"]);
    press(&mut app, &[Key::char('u')]);
    assert_eq!(app.message(), Some("no correction to undo"));
}

#[test]
fn esc_cancels_a_merge() {
    let mut app = sample_app();
    cursor_on_entity(&mut app, "loc:aleppo");
    press(&mut app, &[Key::char('m')]);
    type_text(&mut app, "geneva");
    assert_eq!(press(&mut app, &[ESC]), []);
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.index().corrections().ops.is_empty());
}

#[test]
fn splitting_a_mention_lowers_the_actor_count() {
    let mut app = sample_app();
    cursor_on_entity(&mut app, "loc:russia");
    press(&mut app, &[ENTER]);
    let russia = actor(app.index(), "loc:russia").unwrap();
    let before = app.index().mentions_of(russia).len();
    // The cross-reference under the cursor is the one split out.
    press(&mut app, &[Key::char('j')]);
    let picked = app.xref()[app.xref_cursor()];
    let text = app.index().mention_text(picked).to_string();
    press(&mut app, &[Key::char('x')]);

    let russia = actor(app.index(), "loc:russia").unwrap();
    assert_eq!(app.index().mentions_of(russia).len(), before - 1);
    assert_eq!(app.actor(), Some(russia), "the actor stays selected");
    assert_eq!(app.xref().len(), before - 1);
    assert!(!app.xref().contains(&picked));
    let split = app.index().actor_of(picked);
    assert_eq!(
        app.index().actors[split].id,
        format!("loc:russia/split:{}", text.to_lowercase())
    );
    assert_eq!(app.index().mentions_of(split), [picked]);
    assert!(app.message().unwrap().starts_with("Split"));
}

#[test]
fn a_mention_alone_cannot_be_split_and_nothing_is_recorded() {
    let mut app = sample_app();
    press(&mut app, &[Key::char('x')]);
    assert!(app.message().unwrap().contains("no mention selected"));
    cursor_on_entity(&mut app, "per:sergey-shoigu");
    let effects = press(&mut app, &[ENTER, Key::char('x')]);
    assert!(
        app.message().unwrap().starts_with("nothing changed"),
        "{:?}",
        app.message()
    );
    assert!(app.index().corrections().ops.is_empty());
    assert_eq!(effects, [], "nothing to save");
}

#[test]
fn saved_corrections_give_the_same_actors_on_the_next_load() {
    let data = tempfile::tempdir().unwrap();
    let key = CorpusKey::sample();
    let mut saving = Ok(CorrectionStore::new(data.path(), &key));
    let mut app = sample_app();
    split_out_the_new_name(&mut app);
    save_corrections(&mut app, &mut saving);
    assert!(app.message().unwrap().starts_with("Split"), "saved quietly");

    let mut store = CorrectionStore::new(data.path(), &key);
    let mut index = common::sample_index();
    let report = index.set_corrections(store.load().unwrap());
    assert_eq!(report.applied, 1);
    assert_eq!(index.actors, app.index().actors);
    assert_eq!(index.mention_actor, app.index().mention_actor);

    // Where nothing can be saved, the status line says so after what was done.
    press(&mut app, &[Key::char('u')]);
    save_corrections(
        &mut app,
        &mut Err("corrections are off (--no-corrections)".to_string()),
    );
    let message = app.message().map(str::to_string).unwrap();
    assert!(message.starts_with("Undid"), "{message}");
    assert!(
        message.contains("not saved: corrections are off"),
        "{message}"
    );
}

/// Presses keys as the reader's event loop does: each through the action and
/// the save that follows it.
fn press_saving(app: &mut App, saving: &mut Saving, keys: &[Key]) {
    for &key in keys {
        on_key(app, key, saving);
    }
}

/// A reader on the sample corpus with its own handle on the store in `dir`.
fn reader(dir: &std::path::Path) -> (App, Saving) {
    let mut store = CorrectionStore::new(dir, &CorpusKey::sample());
    let mut index = common::sample_index();
    index.set_corrections(store.load().unwrap());
    let mut app = App::new(index);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    (app, Ok(store))
}

fn stored_ops(dir: &std::path::Path) -> Vec<crossread::index::Correction> {
    CorrectionStore::new(dir, &CorpusKey::sample())
        .load()
        .unwrap()
        .ops
}

#[test]
fn keys_in_the_reader_save_each_correction_and_undo() {
    let data = tempfile::tempdir().unwrap();
    let (mut app, mut saving) = reader(data.path());
    press_saving(&mut app, &mut saving, &[Key::char('j')]);
    cursor_on_entity(&mut app, "org:jabhat-al-nusra");
    press_saving(&mut app, &mut saving, &[ENTER, Key::char('X')]);
    // Saved as the key was handled, not when the reader closes.
    assert_eq!(stored_ops(data.path()), app.index().corrections().ops);
    assert_eq!(stored_ops(data.path()).len(), 1);
    press_saving(&mut app, &mut saving, &[Key::char('u')]);
    assert!(stored_ops(data.path()).is_empty());
}

#[test]
fn two_readers_on_one_corpus_keep_each_others_corrections() {
    let data = tempfile::tempdir().unwrap();
    let (mut a, mut a_saving) = reader(data.path());
    let (mut b, mut b_saving) = reader(data.path());
    // A splits the new name out of Jabhat al-Nusra.
    press_saving(&mut a, &mut a_saving, &[Key::char('j')]);
    cursor_on_entity(&mut a, "org:jabhat-al-nusra");
    press_saving(&mut a, &mut a_saving, &[ENTER, Key::char('X')]);
    let split = a.index().corrections().ops[0].clone();
    // B, which never saw that, splits one mention of another actor.
    let b_actor = b.index().actors[b.index().mention_actor[0][0]].id.clone();
    cursor_on_entity(&mut b, &b_actor);
    press_saving(&mut b, &mut b_saving, &[ENTER, Key::char('x')]);
    let mention = b.index().corrections().ops.last().unwrap().clone();
    // Both are kept, and B now shows A's too.
    assert_eq!(stored_ops(data.path()), [split.clone(), mention.clone()]);
    assert_eq!(
        b.index().corrections().ops,
        [split.clone(), mention.clone()]
    );
    let fateh = "org:jabhat-al-nusra/split:jabhat-fateh-al-sham";
    assert!(actor(b.index(), fateh).is_some(), "A's split applies in B");
    // A undoes twice: its own split goes, B's split stays.
    press_saving(&mut a, &mut a_saving, &[Key::char('u')]);
    press_saving(&mut a, &mut a_saving, &[Key::char('u')]);
    assert_eq!(stored_ops(data.path()), std::slice::from_ref(&mention));
    assert_eq!(a.index().corrections().ops, [mention]);
    assert_eq!(a.message(), Some("no correction to undo"));
}

#[test]
fn merge_targets_rank_alike_names_first_and_the_merge_asks() {
    let mut app = sample_app();
    split_out_the_new_name(&mut app);
    let fateh = "org:jabhat-al-nusra/split:jabhat-fateh-al-sham";
    while app.focus() != Pane::Articles {
        press(&mut app, &[TAB]);
    }
    press(&mut app, &[Key::char('g'), Key::char('j')]);
    cursor_on_entity(&mut app, fateh);
    press(&mut app, &[Key::char('m')]);
    // With nothing typed, the actor sharing a name's word and type leads,
    // though others are named more often.
    let Overlay::Finder(finder) = app.overlay() else {
        panic!("the finder is open");
    };
    let first = match finder.selected() {
        Some(Target::Actor(a)) => a,
        other => panic!("{other:?}"),
    };
    assert_eq!(app.index().actors[first].id, "org:jabhat-al-nusra");
    assert_eq!(press(&mut app, &[ENTER]), []);
    assert_eq!(app.mode(), Mode::Confirm);
    // The question names both actors.
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| crossread::ui::render(&app, frame))
        .unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("Merge? "), "{screen}");
    assert!(screen.contains("Merge Jabhat Fateh al-Sham (organisation"));
    assert!(screen.contains("into Jabhat al-Nusra (organisation"));
    // n: nothing merged.
    assert_eq!(press(&mut app, &[Key::char('n')]), []);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.index().corrections().ops.len(), 1, "the split only");
    assert!(actor(app.index(), fateh).is_some());
    // Asked again, y merges.
    press(&mut app, &[Key::char('m'), ENTER]);
    assert_eq!(
        press(&mut app, &[Key::char('y')]),
        [Effect::SaveCorrections]
    );
    assert_eq!(actor(app.index(), fateh), None);
}
