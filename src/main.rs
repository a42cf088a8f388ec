//! The `crossread` command: opens the reader on the given files and folders,
//! or on the built-in sample corpus when none are given.

use std::path::PathBuf;

use anyhow::Result;
use clap::Parser;
use crossread::analysis::lexicon::Lexicon;
use crossread::analysis::{EntityTagger, TokenSpan};
use crossread::corpus;
use crossread::index::CorpusIndex;

#[derive(Parser)]
#[command(
    version,
    about = "Read news articles and follow each actor across sources"
)]
struct Cli {
    /// Files or folders of articles (the built-in sample when none).
    paths: Vec<PathBuf>,
}

/// Finds no entities: stands in until a tagger is wired in.
struct NoEntities;

impl EntityTagger for NoEntities {
    fn tag(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TokenSpan>> {
        vec![Vec::new(); sentences.len()]
    }
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let corpus = if cli.paths.is_empty() {
        corpus::load_sample()
    } else {
        corpus::load_paths(&cli.paths)
    };
    let index = CorpusIndex::build(corpus, &NoEntities, Lexicon::builtin());
    crossread::tui::run(index)
}
