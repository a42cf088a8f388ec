//! Full-text search in the reader: `/` with words of the article texts lists
//! the articles holding them; Enter opens one at the hit, highlighted, and
//! n/N walk the hits.

mod common;

use std::path::PathBuf;

use crossread::analysis::AnalyzedText;
use crossread::analysis::resolve::Resolution;
use crossread::app::finder::Row;
use crossread::app::{Action, App, Key, KeyCode, Overlay, Pane};
use crossread::index::CorpusIndex;
use crossread::store::search::TextSearch;

const ENTER: Key = Key::plain(KeyCode::Enter);

fn reader(index: CorpusIndex) -> App {
    let hashes: Vec<i64> = (0..index.articles.len() as i64).collect();
    let search = TextSearch::in_memory(&index.articles, &hashes).unwrap();
    let mut app = App::new(index);
    app.set_text_index(Some(Box::new(search)));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}

/// Types `query` into the finder and puts its cursor on the text hit in the
/// article whose path ends with `path_end`; the article.
fn search_and_pick(app: &mut App, query: &str, path_end: &str) -> usize {
    app.handle_key(Key::char('/'));
    for c in query.chars() {
        app.handle_key(Key::char(c));
    }
    // As the reader's loop does once no key is waiting.
    assert!(app.has_due_work());
    app.run_due_work();
    let Overlay::Finder(finder) = app.overlay() else {
        panic!("the finder is open");
    };
    let row = (0..finder.rows())
        .find(|&i| {
            matches!(finder.row(i), Some(Row::Text(hit))
                if app.index().articles[hit.article].path.ends_with(path_end))
        })
        .unwrap_or_else(|| panic!("no text hit in {path_end} for {query}"));
    let Some(Row::Text(hit)) = finder.row(row) else {
        unreachable!()
    };
    let article = hit.article;
    for _ in 0..row {
        app.handle_key(Key::plain(KeyCode::Down));
    }
    article
}

/// The text highlighted as the hit, with the reader on it.
fn hit_text(app: &App) -> String {
    let (article, range) = app.hit().cloned().expect("a hit is highlighted");
    assert_eq!(article, app.article());
    let line = app.layout().line_of(range.start);
    assert!(app.text_viewport().contains(&line), "the hit is in view");
    app.index().articles[article].text[range].to_string()
}

#[test]
fn a_phrase_in_the_sample_opens_its_article_at_the_hit() {
    let mut app = reader(common::sample_index());
    let article = search_and_pick(
        &mut app,
        "\"separate al qaeda\"",
        "001_106bd4b57004bcbf.txt",
    );
    app.handle_key(ENTER);
    assert_eq!(app.article(), article);
    assert_eq!(app.focus(), Pane::Text);
    assert_eq!(hit_text(&app), "separate al Qaeda");
    // Back where the search started.
    app.handle_key(Key::ctrl('o'));
    assert_eq!(app.article(), 0);
    assert_eq!(app.hit(), None);
}

#[test]
fn n_walks_the_text_hits_after_a_text_search() {
    let mut app = reader(common::sample_index());
    // "talks" is in both articles.
    search_and_pick(&mut app, "talks", "000_e2a401e195530229.txt");
    app.handle_key(ENTER);
    let first = app.article();
    app.handle_key(Key::char('n'));
    assert_ne!(app.article(), first, "n went to the other article");
    assert!(hit_text(&app).eq_ignore_ascii_case("talks"));
    assert!(app.message().unwrap().starts_with("text hit"));
    app.handle_key(Key::char('N'));
    assert_eq!(app.article(), first);
}

#[test]
fn a_phrase_in_bbc_opens_its_article_at_the_hit() {
    if common::data::shared("a_phrase_in_bbc_opens_its_article_at_the_hit", "data/bbc").is_none() {
        return;
    }
    let bbc = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/bbc");
    assert!(bbc.is_dir(), "{} is missing", bbc.display());
    let corpus = crossread::corpus::load_paths(&[bbc]);
    let n = corpus.articles.len();
    assert!(n > 2000);
    // The text alone: search needs no entities.
    let index = CorpusIndex::from_parts(
        corpus,
        vec![AnalyzedText::default(); n],
        Resolution {
            actors: Vec::new(),
            mention_actor: vec![Vec::new(); n],
            found: Vec::new(),
        },
    );
    let mut app = reader(index);
    let article = search_and_pick(&mut app, "\"media giant timewarner\"", "business/001.txt");
    app.handle_key(ENTER);
    assert_eq!(app.article(), article);
    assert_eq!(hit_text(&app), "media giant TimeWarner");
    // A prefix finds it too.
    app.handle_key(Key::char('/'));
    for c in "timewarn* quarterly".chars() {
        app.handle_key(Key::char(c));
    }
    app.run_due_work();
    let Overlay::Finder(finder) = app.overlay() else {
        panic!("the finder is open");
    };
    assert!(
        finder.text_hits.iter().any(|h| h.article == article),
        "{:?}",
        finder.text_hits.len()
    );
}
