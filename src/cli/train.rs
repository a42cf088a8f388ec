//! `crossread train`: trains the entity tagger and writes the model file.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, anyhow};
use clap::Args;

use crate::analysis::lexicon::Lexicon;
use crate::analysis::ner::conll::ConllFile;
use crate::analysis::ner::features::{CLUSTER_LEVELS, ResourceData, Resources};
use crate::analysis::ner::hash::word_hash;
use crate::analysis::ner::{clusters, train};

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Annotated training data (CoNLL-2003 columns, tag last).
    #[arg(long)]
    pub train: PathBuf,
    /// Annotated development data, for early stopping.
    #[arg(long)]
    pub dev: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    /// Word clusters from `crossread clusters`.
    #[arg(long)]
    pub clusters: Option<PathBuf>,
    #[arg(long, default_value_t = 30)]
    pub max_epochs: usize,
    #[arg(long, default_value_t = 4)]
    pub patience: usize,
    #[arg(long, default_value_t = 2003)]
    pub seed: u64,
}

pub fn run(args: TrainArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut data = ResourceData::default().with_lexicon(Lexicon::builtin());
    if let Some(path) = &args.clusters {
        let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
        let rows = clusters::parse(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?;
        data.clusters = rows
            .into_iter()
            .map(|(word, ids)| {
                let levels = std::array::from_fn(|l| ids.get(l).map_or(0, |&c| c + 1));
                (word_hash(&word), levels)
            })
            .collect();
        data.clusters.sort_unstable();
        eprintln!(
            "{} clustered words ({CLUSTER_LEVELS} levels)",
            data.clusters.len()
        );
    }
    let res = Resources::new(&data);
    let load = |path: &PathBuf| -> anyhow::Result<Vec<train::Document>> {
        let file = ConllFile::read(path)?;
        train::prepare(&file, &res).map_err(|e| anyhow!("{}: {e}", path.display()))
    };
    let train_docs = load(&args.train)?;
    let dev_docs = load(&args.dev)?;
    eprintln!(
        "{} training and {} dev documents, features in {:.1}s",
        train_docs.len(),
        dev_docs.len(),
        started.elapsed().as_secs_f64()
    );
    let options = train::Options {
        max_epochs: args.max_epochs,
        patience: args.patience,
        seed: args.seed,
    };
    let model = train::train(&train_docs, &dev_docs, data, &options, |line| {
        eprintln!("{line}")
    });
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| args.out.display().to_string())?;
    eprintln!(
        "wrote {} ({:.1} MB, {} features) in {:.1}s",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        model.feature_count(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
