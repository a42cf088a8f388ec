//! `crossread index`: builds or refreshes the corpus store without the
//! reader, with a progress bar on a terminal.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::{AnalysisArgs, Stages};
use crate::store::cache::Progress;

#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// Files and folders of articles.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    analysis: AnalysisArgs,
}

pub fn run(args: &IndexArgs) -> anyhow::Result<ExitCode> {
    if args.analysis.no_cache {
        anyhow::bail!("--no-cache leaves nothing to index");
    }
    let bar = if io::stderr().is_terminal() {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::hidden()
    };
    bar.enable_steady_tick(Duration::from_millis(120));
    let style = ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} {eta}")
        .map(|s| s.progress_chars("=> "));
    let mut stages = Stages::new(false, args.analysis.timings);
    let progress = |p: Progress| match p {
        Progress::Loading => bar.set_message("reading files"),
        Progress::Analysing { done, total } => {
            if let Ok(style) = &style
                && bar.length() != Some(total as u64)
            {
                bar.set_style(style.clone());
                bar.set_length(total as u64);
                bar.set_message("analysing");
            }
            bar.set_position(done as u64);
        }
        Progress::Linking => bar.set_message("linking actors"),
        Progress::Saving => bar.set_message("saving"),
    };
    let analysed = super::analyse(
        &args.paths,
        &args.analysis,
        &mut stages,
        &progress,
        &mut |_, _| {},
        false,
    );
    bar.finish_and_clear();
    stages.finish();
    let Some(super::Analysed { index, notes, .. }) = analysed else {
        return Ok(ExitCode::FAILURE);
    };
    for note in notes {
        super::say(note);
    }
    eprintln!(
        "crossread: {} articles, {} actors in the corpus store",
        index.articles.len(),
        index.actors.len()
    );
    Ok(ExitCode::SUCCESS)
}
