//! The actor overview and the actor page at corpus scale: drawing each into
//! a 120x40 test terminal, opening them, and a key in each (filtering the
//! overview, moving on the page), as the reader loop does.
//!
//!     python3 benches/make_bbc_copies.py --copies 9 --out /work/bbc9
//!     CROSSREAD_BENCH_CORPUS=/work/bbc9 cargo bench --bench actor_page
//!
//! Without `CROSSREAD_BENCH_CORPUS` the BBC set in ../shared/data/bbc is used.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossread::analysis::lexicon::Lexicon;
use crossread::analysis::ner::HybridTagger;
use crossread::app::{Action, App, Key, KeyCode, Overlay};
use crossread::corpus::load_paths;
use crossread::index::CorpusIndex;
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
    let index = CorpusIndex::build(
        load_paths(&[path]),
        HybridTagger::builtin(),
        Lexicon::builtin(),
    );
    eprintln!(
        "{} articles, {} actors, built in {:.1} s",
        index.articles.len(),
        index.actors.len(),
        started.elapsed().as_secs_f64()
    );
    let mut app = App::new(index);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal
        .draw(|frame| crossread::ui::render(app, frame))
        .unwrap();
}

fn press(app: &mut App, terminal: &mut Terminal<TestBackend>, key: Key) {
    if app.handle_key(key).changed() {
        draw(app, terminal);
    }
}

fn bench(c: &mut Criterion) {
    let Some(path) = corpus_path() else { return };
    let mut app = open(path);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut group = c.benchmark_group("actors, 120x40");

    app.handle_key(Key::char('A'));
    group.bench_function("draw the overview", |b| {
        b.iter(|| draw(&app, &mut terminal))
    });
    group.bench_function("type and delete a letter in the overview", |b| {
        b.iter(|| {
            press(&mut app, &mut terminal, Key::char('e'));
            press(&mut app, &mut terminal, Key::plain(KeyCode::Backspace));
        })
    });
    group.bench_function("Tab (rank) in the overview", |b| {
        b.iter(|| press(&mut app, &mut terminal, Key::plain(KeyCode::Tab)))
    });
    app.handle_key(Key::plain(KeyCode::Esc));

    // The most-mentioned actor has the biggest page.
    let actor = (0..app.index().actors.len())
        .max_by_key(|&a| app.index().mentions_of(a).len())
        .expect("an actor");
    eprintln!(
        "most mentioned: {} ({} mentions)",
        app.index().actors[actor].name,
        app.index().mentions_of(actor).len()
    );
    group.bench_function("open the page of the most-mentioned actor", |b| {
        b.iter(|| {
            app.handle_key(Key::char('A'));
            press(&mut app, &mut terminal, Key::plain(KeyCode::Enter));
            app.handle_key(Key::plain(KeyCode::Esc));
            app.handle_key(Key::plain(KeyCode::Esc));
        })
    });
    app.handle_key(Key::char('A'));
    app.handle_key(Key::plain(KeyCode::Enter));
    assert!(matches!(app.overlay(), Overlay::ActorPage(_)));
    group.bench_function("draw the page of the most-mentioned actor", |b| {
        b.iter(|| draw(&app, &mut terminal))
    });
    group.bench_function("j/k on the page", |b| {
        let mut down = true;
        b.iter(|| {
            let key = if down { 'j' } else { 'k' };
            down = !down;
            press(&mut app, &mut terminal, Key::char(key));
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
