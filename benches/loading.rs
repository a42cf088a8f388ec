//! Loading speed on a large corpus: the BBC articles of ../shared/data/bbc
//! copied ten times (about 22,000 small files).

use std::fs;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use crossread::corpus::load_paths;

const COPIES: usize = 10;

fn copy_tree(from: &Path, to: &Path) -> usize {
    fs::create_dir_all(to).expect("create bench folder");
    let mut files = 0;
    for entry in fs::read_dir(from).expect("read bbc folder") {
        let entry = entry.expect("read entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            files += copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy file");
            files += 1;
        }
    }
    files
}

fn loading(c: &mut Criterion) {
    let bbc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/bbc");
    if !bbc.is_dir() {
        eprintln!("skipped: {} not found", bbc.display());
        return;
    }
    let dir = tempfile::TempDir::new().expect("temp dir");
    let files: usize = (0..COPIES)
        .map(|i| copy_tree(&bbc, &dir.path().join(format!("copy{i}"))))
        .sum();
    let roots: Vec<PathBuf> = vec![dir.path().to_path_buf()];
    let corpus = load_paths(&roots);
    eprintln!(
        "{files} files -> {} articles, {} issues",
        corpus.articles.len(),
        corpus.issues.len()
    );

    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function(format!("bbc x{COPIES} ({files} files)"), |b| {
        b.iter(|| load_paths(&roots))
    });
    group.finish();
}

criterion_group!(benches, loading);
criterion_main!(benches);
