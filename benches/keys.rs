//! Key to finished frame in the reader at corpus scale: a scripted session
//! (j/k through the article list, Enter, Tab, n/N on the most-mentioned
//! actor, Ctrl-o, finder typing) driven through `App` and drawn to a
//! 120x40 test terminal, as the real loop does for every key.
//!
//!     python3 benches/make_bbc_copies.py --copies 9 --out /work/bbc9
//!     CROSSREAD_BENCH_CORPUS=/work/bbc9 cargo bench --bench keys
//!
//! Without `CROSSREAD_BENCH_CORPUS` the BBC set in ../shared/data/bbc is
//! used. Besides criterion's means, the session's per-key p50/p99/max are
//! printed.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossread::analysis::lexicon::Lexicon;
use crossread::analysis::ner::HybridTagger;
use crossread::app::{Action, App, Key, KeyCode, Pane};
use crossread::corpus::load_paths;
use crossread::index::CorpusIndex;
use crossread::index::search::TextQuery;
use crossread::store::search::TextSearch;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn corpus_path() -> Option<PathBuf> {
    let path = match std::env::var_os("CROSSREAD_BENCH_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/bbc"),
    };
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: {} not found", path.display());
        None
    }
}

fn open(path: PathBuf) -> App {
    let started = Instant::now();
    let corpus = load_paths(&[path]);
    let index = CorpusIndex::build(corpus, HybridTagger::builtin(), Lexicon::builtin());
    eprintln!(
        "{} articles, {} actors, built in {:.1} s",
        index.articles.len(),
        index.actors.len(),
        started.elapsed().as_secs_f64()
    );
    let hashes: Vec<i64> = (0..index.articles.len() as i64).collect();
    let search = TextSearch::in_memory(&index.articles, &hashes).expect("text index");
    let mut app = App::new(index);
    app.set_text_index(Some(Box::new(search)));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}

/// Moves the focus to `pane`, as Tab does.
fn focus(app: &mut App, pane: Pane) {
    while app.focus() != pane {
        app.update(Action::FocusNext);
    }
}

/// The actor with the most mentions in the corpus.
fn most_mentioned(app: &App) -> usize {
    (0..app.index().actors.len())
        .max_by_key(|&a| app.index().mentions_of(a).len())
        .expect("an actor")
}

/// Selects the most-mentioned actor: opens an article naming it and picks it
/// in the entity list, as a reader would.
fn select_most_mentioned(app: &mut App) {
    let actor = most_mentioned(app);
    let first = app.index().mentions_of(actor)[0];
    app.jump_to(first);
    focus(app, Pane::Entities);
    assert!(app.entities().iter().any(|&(a, _)| a == actor), "listed");
    while app.entities()[app.entity_cursor()].0 != actor {
        app.update(Action::Down);
    }
    app.update(Action::Select);
}

/// Applies a key and draws the frame, as the reader loop does.
fn press(app: &mut App, terminal: &mut Terminal<TestBackend>, key: Key) {
    if app.handle_key(key).changed() {
        terminal
            .draw(|frame| crossread::ui::render(app, frame))
            .unwrap();
    }
}

/// The scripted session: every key with its name.
fn session() -> Vec<(&'static str, Key)> {
    let mut keys = Vec::new();
    keys.extend(std::iter::repeat_n(("j (articles)", Key::char('j')), 60));
    keys.extend(std::iter::repeat_n(("k (articles)", Key::char('k')), 30));
    keys.push(("G (articles)", Key::char('G')));
    keys.push(("Enter (articles)", Key::plain(KeyCode::Enter)));
    keys.extend(std::iter::repeat_n(("Tab", Key::plain(KeyCode::Tab)), 4));
    keys.extend(std::iter::repeat_n(("n", Key::char('n')), 40));
    keys.extend(std::iter::repeat_n(("N", Key::char('N')), 40));
    keys.extend(std::iter::repeat_n(("Ctrl-o", Key::ctrl('o')), 20));
    keys.push(("/", Key::char('/')));
    for (i, c) in "united kingdom".chars().enumerate() {
        let name = if i == 0 {
            "finder 1st letter"
        } else {
            "finder typing"
        };
        keys.push((name, Key::char(c)));
    }
    keys.push(("Enter (finder)", Key::plain(KeyCode::Enter)));
    keys.push(("/", Key::char('/')));
    for c in "ceasefire".chars() {
        keys.push(("text search typing", Key::char(c)));
    }
    keys.push(("Enter (finder)", Key::plain(KeyCode::Enter)));
    keys.extend(std::iter::repeat_n(("j (xref)", Key::char('j')), 30));
    keys
}

fn report(app: &mut App) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| crossread::ui::render(app, frame))
        .unwrap();
    focus(app, Pane::Articles);
    let mut times: Vec<(Duration, &str)> = Vec::new();
    let mut deferred: Vec<Duration> = Vec::new();
    for round in 0..5 {
        for (name, key) in session() {
            if name == "n" && round == 0 && times.iter().all(|t| t.1 != "n") {
                select_most_mentioned(app);
            }
            let started = Instant::now();
            press(app, &mut terminal, key);
            times.push((started.elapsed(), name));
            // The work a key puts off (the text search), as the loop runs it
            // once no key is waiting: timed apart from the keys.
            if app.has_due_work() {
                let started = Instant::now();
                if app.run_due_work() {
                    terminal
                        .draw(|frame| crossread::ui::render(app, frame))
                        .unwrap();
                }
                deferred.push(started.elapsed());
            }
        }
        focus(app, Pane::Articles);
    }
    let mut all: Vec<Duration> = times.iter().map(|t| t.0).collect();
    all.sort();
    let pct = |v: &[Duration], p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    eprintln!(
        "session of {} keys: p50 {:.2?}  p99 {:.2?}  max {:.2?}",
        all.len(),
        pct(&all, 0.5),
        pct(&all, 0.99),
        all[all.len() - 1]
    );
    deferred.sort();
    if !deferred.is_empty() {
        eprintln!(
            "  text search after a key, {} runs: p50 {:.2?}  p99 {:.2?}",
            deferred.len(),
            pct(&deferred, 0.5),
            pct(&deferred, 0.99)
        );
    }
    let mut names: Vec<&str> = times.iter().map(|t| t.1).collect();
    names.dedup();
    names.sort();
    names.dedup();
    for name in names {
        let mut v: Vec<Duration> = times.iter().filter(|t| t.1 == name).map(|t| t.0).collect();
        v.sort();
        eprintln!(
            "  {name:<18} {:>4} keys  p50 {:>9.2?}  p99 {:>9.2?}",
            v.len(),
            pct(&v, 0.5),
            pct(&v, 0.99)
        );
    }
}

/// Text search alone: the index query and locating the hits.
fn text_queries(app: &App) {
    let index = app.text_index().expect("text index");
    for q in [
        "ceasefire",
        "\"prime minister\"",
        "govern*",
        "the",
        "\"gordon brown\" election",
    ] {
        let query = TextQuery::parse(q).unwrap();
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..20 {
            let started = Instant::now();
            let hits = index.search(&query, 50);
            for &a in &hits {
                std::hint::black_box(query.locate(&app.index().articles[a].text));
            }
            times.push(started.elapsed());
            found = hits.len();
        }
        times.sort();
        eprintln!(
            "  text query {q:<28} {found:>3} hits  median {:>9.2?}  max {:>9.2?}",
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
}

fn keys(c: &mut Criterion) {
    let Some(path) = corpus_path() else { return };
    let mut app = open(path);
    text_queries(&app);
    report(&mut app);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut group = c.benchmark_group("key to frame, 120x40");
    focus(&mut app, Pane::Articles);
    group.bench_function("j/k in the article list", |b| {
        let mut down = true;
        b.iter(|| {
            let key = if down { 'j' } else { 'k' };
            down = !down;
            press(&mut app, &mut terminal, Key::char(key));
        })
    });
    select_most_mentioned(&mut app);
    group.bench_function("n on the most-mentioned actor", |b| {
        b.iter(|| press(&mut app, &mut terminal, Key::char('n')))
    });
    group.bench_function("N on the most-mentioned actor", |b| {
        b.iter(|| press(&mut app, &mut terminal, Key::char('N')))
    });
    group.bench_function("Tab", |b| {
        b.iter(|| press(&mut app, &mut terminal, Key::plain(KeyCode::Tab)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(Duration::from_secs(3));
    targets = keys
}
criterion_main!(benches);
