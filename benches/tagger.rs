//! Throughput of the statistical entity tagger on pre-tokenised text (the
//! CoNLL-2003 dev set), and the time to load the built-in model.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crossread::analysis::EntityTagger;
use crossread::analysis::ner::PerceptronTagger;
use crossread::analysis::ner::conll::ConllFile;
use crossread::assets;

fn tagging(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conll2003/dev.txt");
    let file = ConllFile::read(&path).expect("CoNLL-2003 dev data beside the checkout");
    let docs: Vec<Vec<Vec<&str>>> = file
        .documents()
        .iter()
        .map(|d| d.iter().map(|s| s.tokens()).collect())
        .collect();
    let tokens: usize = docs.iter().flatten().map(Vec::len).sum();
    let tagger = PerceptronTagger::builtin();
    let mut group = c.benchmark_group("tagger");
    group.throughput(Throughput::Elements(tokens as u64));
    group.sample_size(20);
    group.bench_function("conll_dev_tokens", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| tagger.tag(d).iter().map(Vec::len).sum::<usize>())
                .sum::<usize>()
        })
    });
    group.finish();
    c.bench_function("load_builtin_model", |b| {
        b.iter(|| PerceptronTagger::from_bytes(assets::NER_MODEL).unwrap())
    });
}

criterion_group!(benches, tagging);
criterion_main!(benches);
