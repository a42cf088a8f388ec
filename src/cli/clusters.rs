//! `crossread clusters`: learns word clusters from unlabelled text for the
//! entity tagger's features.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Args;

use crate::analysis::ner::clusters::{Corpus, Options};
use crate::analysis::ner::conll::ConllFile;
use crate::analysis::{sentence, token};

#[derive(Debug, Args)]
pub struct ClustersArgs {
    /// Where to write the clusters (`word<TAB>id...` per line).
    #[arg(long)]
    pub out: PathBuf,
    /// CoNLL column files whose first column is used as text (tags ignored).
    #[arg(long)]
    pub conll: Vec<PathBuf>,
    /// Number of classes at each granularity.
    #[arg(long, value_delimiter = ',', default_values_t = [64, 256, 1024])]
    pub sizes: Vec<usize>,
    #[arg(long, default_value_t = 10)]
    pub iterations: usize,
    #[arg(long, default_value_t = 3)]
    pub min_count: u32,
    /// Plain-text files, or folders searched for `*.txt` files.
    pub inputs: Vec<PathBuf>,
}

pub fn run(args: ClustersArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut sentences: Vec<Vec<String>> = Vec::new();
    for path in &args.conll {
        let file = ConllFile::read(path)?;
        for doc in file.documents() {
            sentences.extend(
                doc.iter()
                    .map(|s| s.tokens().iter().map(|t| t.to_string()).collect()),
            );
        }
    }
    let mut files = Vec::new();
    for input in &args.inputs {
        for entry in walkdir::WalkDir::new(input).sort_by_file_name() {
            let entry = entry.with_context(|| input.display().to_string())?;
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "txt") {
                files.push(entry.into_path());
            }
        }
    }
    for path in &files {
        let bytes = std::fs::read(path).with_context(|| path.display().to_string())?;
        let text = String::from_utf8_lossy(&bytes);
        let tokens = token::tokenize(&text);
        for range in sentence::split_sentences(&text, &tokens) {
            sentences.push(
                tokens[range]
                    .iter()
                    .map(|t| t.text(&text).to_string())
                    .collect(),
            );
        }
    }
    let token_count: usize = sentences.iter().map(Vec::len).sum();
    let options = Options {
        min_count: args.min_count,
        sizes: args.sizes.clone(),
        iterations: args.iterations,
    };
    let corpus = Corpus::new(
        sentences
            .iter()
            .map(|s| s.iter().map(String::as_str).collect()),
        options.min_count,
    );
    eprintln!(
        "{} files, {} sentences, {token_count} tokens, {} words to cluster",
        files.len(),
        sentences.len(),
        corpus.words.len()
    );
    let mut levels = Vec::new();
    for &size in &options.sizes {
        let t = Instant::now();
        levels.push(corpus.cluster(size, options.iterations, |l| eprintln!("{l}")));
        eprintln!("{size} classes in {:.1}s", t.elapsed().as_secs_f64());
    }
    let out = std::fs::File::create(&args.out).with_context(|| args.out.display().to_string())?;
    let mut out = BufWriter::new(out);
    writeln!(out, "# crossread word clusters, sizes {:?}", options.sizes)?;
    for (w, word) in corpus.words.iter().enumerate() {
        write!(out, "{word}")?;
        for level in &levels {
            write!(out, "\t{}", level[w])?;
        }
        writeln!(out)?;
    }
    out.flush()?;
    eprintln!(
        "wrote {} in {:.1}s",
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
