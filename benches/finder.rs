//! The finder on a large corpus: each letter typed into `/`, timed from the
//! key to the rows a 40-line screen draws (their marked characters
//! included), over every actor and title.
//!
//!     python3 benches/make_bbc_copies.py --copies 45 --out /work/bbc45
//!     CROSSREAD_BENCH_CORPUS=/work/bbc45 cargo bench --bench finder
//!
//! The titles are the corpus's own; the actors are those of the BBC set in
//! ../shared/data/bbc (the copies name the same ones), so a 45-copy corpus
//! lists as many labels as its real index does (~113k) without the minutes
//! its analysis takes.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossread::analysis::lexicon::Lexicon;
use crossread::analysis::ner::HybridTagger;
use crossread::app::finder::{FinderItem, FinderItems, Row};
use crossread::app::{Finder, FinderPurpose, Target};
use crossread::corpus::load_paths;
use crossread::index::CorpusIndex;

const SCREEN_ROWS: usize = 40;

fn shared_bbc() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/bbc")
}

/// Every label a finder over the corpus would list.
fn items() -> Option<FinderItems> {
    let base = shared_bbc();
    if !base.exists() {
        eprintln!("skipped: {} not found", base.display());
        return None;
    }
    let path = std::env::var_os("CROSSREAD_BENCH_CORPUS").map_or(base.clone(), PathBuf::from);
    let corpus = load_paths(&[path]);
    let index = CorpusIndex::build(
        load_paths(&[base]),
        HybridTagger::builtin(),
        Lexicon::builtin(),
    );
    let mut items: Vec<FinderItem> = Finder::items(&index)
        .iter()
        .filter(|item| matches!(item.target, Target::Actor(_)))
        .cloned()
        .collect();
    items.extend(
        corpus
            .articles
            .iter()
            .enumerate()
            .map(|(i, article)| FinderItem::article(i, &article.title, String::new())),
    );
    Some(FinderItems::new(items))
}

/// What a frame of the finder costs beyond the list: the marks of the
/// rows in view.
fn draw(finder: &Finder) -> usize {
    (0..finder.rows().min(SCREEN_ROWS))
        .filter_map(|i| finder.row(i))
        .map(|row| match row {
            Row::Match(m) => finder.marked(m).len(),
            Row::Text(_) => 0,
        })
        .sum()
}

fn type_query(items: &Arc<FinderItems>, query: &str, times: &mut [Vec<Duration>]) {
    let mut finder = Finder::over(items.clone(), FinderPurpose::Jump);
    for (i, c) in query.chars().enumerate() {
        let started = Instant::now();
        finder.push(c);
        std::hint::black_box(draw(&finder));
        times[i.min(times.len() - 1)].push(started.elapsed());
    }
}

const QUERIES: [&str; 4] = ["united kingdom", "brown", "ea", "Tony Blair"];

fn report(items: &Arc<FinderItems>) {
    let mut times = vec![Vec::new(); 3];
    for _ in 0..10 {
        for q in QUERIES {
            type_query(items, q, &mut times);
        }
    }
    let pct = |v: &[Duration], p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    let mut all = Vec::new();
    for (i, v) in times.iter_mut().enumerate() {
        if std::env::var_os("FINDER_TIMES").is_some() {
            eprintln!("{v:?}");
        }
        v.sort();
        all.extend_from_slice(v);
        let name = ["1st letter", "2nd letter", "later letters"][i];
        eprintln!(
            "  {name:<14} {:>4} keys  p50 {:>9.2?}  p99 {:>9.2?}",
            v.len(),
            pct(v, 0.5),
            pct(v, 0.99)
        );
    }
    all.sort();
    eprintln!(
        "finder over {} labels, {} keys: p50 {:.2?}  p99 {:.2?}",
        items.len(),
        all.len(),
        pct(&all, 0.5),
        pct(&all, 0.99)
    );
}

fn bench(c: &mut Criterion) {
    let Some(items) = items() else {
        return;
    };
    let items = Arc::new(items);
    report(&items);
    c.bench_function("finder/type united kingdom", |b| {
        b.iter(|| {
            let mut times = vec![Vec::new(); 1];
            type_query(&items, "united kingdom", &mut times);
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
