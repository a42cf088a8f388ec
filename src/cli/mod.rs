//! The command line: the reader by default, plus tools for the entity tagger.

pub mod clusters;
pub mod tag;
pub mod train;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "crossread",
    version,
    about = "Read news corpora and follow actors across sources"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Train the entity tagger on CoNLL-2003 files.
    Train(train::TrainArgs),
    /// Tag CoNLL column text from standard input.
    Tag(tag::TagArgs),
    /// Learn word clusters from unlabelled text.
    Clusters(clusters::ClustersArgs),
}

pub fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Some(Command::Train(args)) => train::run(args),
        Some(Command::Tag(args)) => tag::run(args),
        Some(Command::Clusters(args)) => clusters::run(args),
        None => Ok(()),
    }
}
