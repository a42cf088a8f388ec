//! The analysis pipeline stage by stage: analysing one typical article
//! (tokenise, split, tag), and resolving the actors of the ECB+ corpus
//! (../shared/data/ecbplus, 772 articles) and of ten copies of it, so that
//! the growth of resolution with corpus size shows.

use std::fs;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crossread::analysis::lexicon::Lexicon;
use crossread::analysis::ner::HybridTagger;
use crossread::analysis::{self, AnalyzedText, resolve};
use crossread::corpus::{Article, load_paths};
use rayon::prelude::*;

const COPIES: usize = 10;

fn ecbplus() -> Option<Vec<Article>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ecbplus");
    if !dir.is_dir() {
        eprintln!("skipped: {} not found", dir.display());
        return None;
    }
    // The articles are the .txt files of the topic folders; the files beside
    // them (mentions, sentence lists) are annotations.
    let topics: Vec<PathBuf> = fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    let articles = load_paths(&topics).articles;
    eprintln!("ECB+: {} articles", articles.len());
    (!articles.is_empty()).then_some(articles)
}

/// The article of median length: what a news article typically is.
fn typical(articles: &[Article]) -> &Article {
    let mut by_length: Vec<&Article> = articles.iter().collect();
    by_length.sort_by_key(|a| a.text.len());
    by_length[by_length.len() / 2]
}

fn analysing(c: &mut Criterion, articles: &[Article]) {
    let tagger = HybridTagger::builtin();
    let article = typical(articles);
    let tokens = AnalyzedText::untagged(&article.text).tokens.len();
    let mut group = c.benchmark_group("analyse");
    group.sample_size(30);
    group.throughput(Throughput::Elements(tokens as u64));
    group.bench_function(format!("typical article ({tokens} tokens)"), |b| {
        b.iter(|| analysis::analyze(&article.text, tagger))
    });
    group.bench_function(format!("tokenise and split ({tokens} tokens)"), |b| {
        b.iter(|| AnalyzedText::untagged(&article.text))
    });
    // The pass for handles, streets and roads alone, over every article of
    // the corpus (a few have some): what it adds to the analysis.
    let analysed: Vec<AnalyzedText> = articles
        .iter()
        .map(|a| analysis::analyze(&a.text, tagger))
        .collect();
    let all: usize = analysed.iter().map(|a| a.tokens.len()).sum();
    group.throughput(Throughput::Elements(all as u64));
    group.bench_function(
        format!(
            "handles, streets and roads ({} articles, {all} tokens)",
            articles.len()
        ),
        |b| {
            b.iter(|| {
                articles
                    .iter()
                    .zip(&analysed)
                    .map(|(article, a)| {
                        analysis::patterns::add(
                            &article.text,
                            &a.tokens,
                            &a.sentences,
                            a.mentions.clone(),
                            Lexicon::builtin(),
                        )
                        .len()
                    })
                    .sum::<usize>()
            })
        },
    );
    group.finish();
}

fn resolving(c: &mut Criterion, articles: &[Article]) {
    let tagger = HybridTagger::builtin();
    let lexicon = Lexicon::builtin();
    let analyses: Vec<AnalyzedText> = articles
        .par_iter()
        .map(|a| analysis::analyze(&a.text, tagger))
        .collect();
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    // Resolution sees texts and analyses only (no paths): ten copies are ten
    // times as many articles, as a larger corpus would be.
    let texts_x10 = texts.repeat(COPIES);
    let analyses_x10: Vec<AnalyzedText> = (0..COPIES).flat_map(|_| analyses.clone()).collect();
    let mut group = c.benchmark_group("resolve");
    group.sample_size(10);
    for (label, texts, analyses) in [
        ("ecbplus", &texts, &analyses),
        ("ecbplus x10", &texts_x10, &analyses_x10),
    ] {
        group.throughput(Throughput::Elements(texts.len() as u64));
        group.bench_function(format!("{label} ({} articles)", texts.len()), |b| {
            b.iter(|| resolve::resolve(texts, analyses, lexicon))
        });
    }
    group.finish();
}

fn pipeline(c: &mut Criterion) {
    let Some(articles) = ecbplus() else {
        return;
    };
    analysing(c, &articles);
    resolving(c, &articles);
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
