//! The command line: reading a corpus, and the batch commands.

mod clusters;
mod extract;
mod tag;
mod train;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::EntityTagger;
use crate::analysis::lexicon::Lexicon;
use crate::analysis::ner::{HybridTagger, PerceptronTagger};
use crate::analysis::rules::RuleTagger;
use crate::corpus::{self, Corpus};
use crate::index::{BuildStage, CorpusIndex, Correction};
use crate::store::{self, CorpusKey, CorrectionStore};
use crate::tui::Saving;

#[derive(Debug, Parser)]
#[command(
    name = "crossread",
    version,
    about = "Read a corpus of news articles and follow each actor across sources",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files and folders of articles (.txt, .md, .json, .jsonl, .html, RSS and
    /// Atom feeds); the built-in sample corpus when none is given.
    paths: Vec<PathBuf>,
    #[command(flatten)]
    analysis: AnalysisArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the articles, their entity mentions and actors as JSON.
    Extract(extract::ExtractArgs),
    /// Train the statistical entity tagger on CoNLL-2003 files.
    Train(train::TrainArgs),
    /// Tag CoNLL column text from standard input with the statistical tagger.
    Tag(tag::TagArgs),
    /// Learn word clusters from unlabelled text, for the tagger's features.
    Clusters(clusters::ClustersArgs),
}

/// Options shared by every command that analyses articles.
#[derive(Debug, Clone, clap::Args)]
pub struct AnalysisArgs {
    /// Which entity tagger finds the names.
    #[arg(long, value_enum, default_value_t = TaggerChoice::Hybrid)]
    tagger: TaggerChoice,
    /// Ignore the link corrections saved for this corpus, and save none.
    /// They are kept in <data dir>/state.db; CROSSREAD_DATA_DIR sets the
    /// data directory.
    #[arg(long)]
    no_corrections: bool,
    /// Print the time each stage took (loading, analysis, resolution, ...) on stderr.
    #[arg(long)]
    timings: bool,
    /// Leave out files and folders matching GLOB (gitignore syntax, e.g.
    /// '*.jsonl' or 'drafts/') when walking folders; may be repeated.
    /// .gitignore, .ignore and .crossreadignore files are honoured too.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TaggerChoice {
    /// Capitalisation rules and the built-in lexicon.
    Rules,
    /// The trained statistical model alone.
    Model,
    /// The trained model plus known names from the lexicon it missed.
    Hybrid,
}

impl AnalysisArgs {
    fn tagger(&self) -> Box<dyn EntityTagger> {
        match self.tagger {
            TaggerChoice::Rules => Box::new(RuleTagger::builtin()),
            TaggerChoice::Model => Box::new(PerceptronTagger::builtin()),
            TaggerChoice::Hybrid => Box::new(HybridTagger::builtin()),
        }
    }
}

/// Loads `paths` (or the sample corpus), reporting load problems on stderr:
/// one line per file with problems, or, before the reader takes the
/// terminal, one line in all (the reader's load report has the detail).
/// Returns `None`, after saying why, when no article could be loaded.
fn load(paths: &[PathBuf], exclude: &[String], stages: &mut Stages) -> Option<Corpus> {
    let corpus = if paths.is_empty() {
        corpus::load_sample()
    } else {
        let options = corpus::LoadOptions {
            exclude: exclude.to_vec(),
            ..corpus::LoadOptions::default()
        };
        corpus::load_paths_with(paths, &options)
    };
    if !corpus.issues.is_empty() || corpus.articles.is_empty() {
        stages.clear_line();
    }
    let by_file = corpus::issues_by_file(&corpus.issues);
    if stages.progress && !corpus.articles.is_empty() {
        if let Some(first) = by_file.first() {
            let more = match by_file.len() {
                1 => String::new(),
                n => format!(" and {} more file{}", n - 1, if n == 2 { "" } else { "s" }),
            };
            say(format_args!(
                "load problems in {first}{more}; ! in the reader lists them"
            ));
        }
    } else {
        for line in &by_file {
            say(line);
        }
    }
    if corpus.articles.is_empty() {
        say("no article could be loaded");
        return None;
    }
    Some(corpus)
}

/// Prints one message on stderr, made safe for a terminal: file names,
/// actor ids and reasons come from files and may hold escape sequences.
/// A stderr that went away (a closed terminal) is not worth a panic.
pub(crate) fn say(message: impl std::fmt::Display) {
    let line = crate::safe::line(&message.to_string()).into_owned();
    let _ = writeln!(io::stderr(), "crossread: {line}");
}

/// An analysed corpus with its corrections applied.
struct Opened {
    index: CorpusIndex,
    /// Where new corrections are saved, or why they are not.
    saving: Saving,
    /// What loading the corrections did, for the reader to see.
    notes: Vec<String>,
}

/// Loads and analyses a corpus, reporting each stage to `stages`, then
/// applies its saved corrections.
fn build_index(paths: &[PathBuf], analysis: &AnalysisArgs, stages: &mut Stages) -> Option<Opened> {
    stages.begin("load", "loading articles".into());
    let corpus = load(paths, &analysis.exclude, stages)?;
    stages.begin("model", "loading the tagger".into());
    let tagger = analysis.tagger();
    let lexicon = Lexicon::builtin();
    let mut index =
        CorpusIndex::build_with_progress(corpus, tagger.as_ref(), lexicon, |stage| match stage {
            BuildStage::Analysing { articles } => {
                stages.begin("analyse", format!("analysing {articles} articles"))
            }
            BuildStage::Resolving => stages.begin("resolve", "linking actors".into()),
            BuildStage::Indexing => stages.begin("index", "indexing".into()),
        });
    stages.begin("corrections", "applying corrections".into());
    let (saving, notes) = open_corrections(paths, &mut index, analysis);
    Some(Opened {
        index,
        saving,
        notes,
    })
}

/// Applies the saved corrections of the corpus read from `paths` to `index`.
fn open_corrections(
    paths: &[PathBuf],
    index: &mut CorpusIndex,
    analysis: &AnalysisArgs,
) -> (Saving, Vec<String>) {
    let key = if paths.is_empty() {
        CorpusKey::sample()
    } else {
        CorpusKey::for_paths(paths)
    };
    let keys = index
        .articles
        .iter()
        .map(|a| key.article_key(&a.path))
        .collect();
    index.set_article_keys(keys);
    if analysis.no_corrections {
        return (
            Err("corrections are off (--no-corrections)".to_string()),
            Vec::new(),
        );
    }
    let Some(dir) = store::data_dir() else {
        let why = format!("no data directory is known; set {}", store::DATA_DIR_ENV);
        return (Err(why), Vec::new());
    };
    let mut store = CorrectionStore::new(&dir, &key);
    let mut notes = Vec::new();
    match store.load() {
        Ok(corrections) if corrections.ops.is_empty() => {}
        Ok(corrections) => {
            let ops = corrections.ops.clone();
            let report = index.set_corrections(corrections);
            let applied = match (report.applied, ops.len()) {
                (1, 1) => "1 correction".to_string(),
                (n, total) if n == total => format!("{n} corrections"),
                (n, total) => format!("{n} of {total} corrections"),
            };
            notes.push(format!("applied {applied} from {}", store.path().display()));
            for skipped in report.skipped {
                notes.push(format!(
                    "skipped correction {} ({}): {}",
                    skipped.op + 1,
                    describe(&ops[skipped.op]),
                    skipped.reason
                ));
            }
        }
        Err(e) => notes.push(format!("{e}; its corrections are not applied")),
    }
    (Ok(store), notes)
}

/// A correction in a few words, for messages.
fn describe(op: &Correction) -> String {
    match op {
        Correction::Merge { actor, into } => format!("merge {actor} into {into}"),
        Correction::SplitMention { path, start, end } => {
            format!("split the mention at {path}:{start}-{end}")
        }
        Correction::SplitAlias { actor, alias } => format!("split {alias:?} out of {actor}"),
    }
}

/// The stages of a run as they happen: a progress line on stderr while the
/// reader prepares (a large corpus takes seconds), and with `--timings` the
/// time each stage took.
pub(crate) struct Stages {
    progress: bool,
    timings: bool,
    started: Instant,
    current: Option<(&'static str, Instant)>,
}

impl Stages {
    fn new(progress: bool, timings: bool) -> Stages {
        Stages {
            progress,
            timings,
            started: Instant::now(),
            current: None,
        }
    }

    /// Ends the current stage and starts `name`, shown as `message`.
    fn begin(&mut self, name: &'static str, message: String) {
        self.end();
        if self.progress {
            eprint!("\r\x1b[Kcrossread: {}\u{2026}", crate::safe::line(&message));
        }
        self.current = Some((name, Instant::now()));
    }

    /// Removes the progress line, so that other messages start on a clean line.
    fn clear_line(&self) {
        if self.progress {
            eprint!("\r\x1b[K");
        }
    }

    /// Ends the current stage, if any, and clears the progress line.
    fn end(&mut self) {
        self.clear_line();
        if let Some((name, start)) = self.current.take()
            && self.timings
        {
            eprintln!("{}", timing_line(name, start.elapsed()));
        }
    }

    /// Ends the last stage and reports the total.
    fn finish(&mut self) {
        self.end();
        if self.timings {
            eprintln!("{}", timing_line("total", self.started.elapsed()));
        }
    }
}

fn timing_line(stage: &str, took: Duration) -> String {
    let line = format!("crossread: {stage:<11} {:>8.3} s", took.as_secs_f64());
    match peak_memory_mib() {
        Some(peak) => format!("{line}   peak memory so far {peak:>6} MiB"),
        None => line,
    }
}

/// The process's peak resident memory, where the system tells it (Linux).
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// Runs the command line; the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go to stdout as clap prints them.
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            // An argument can be a hostile file name (`crossread extract *`
            // with a file named `--format=<ESC>]0;...`): clap quotes it.
            let text = e.render().to_string();
            let mut stderr = io::stderr().lock();
            for line in text.lines() {
                let _ = writeln!(stderr, "{}", crate::safe::line(line));
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let result = match cli.command {
        Some(Command::Extract(args)) => extract::run(&args),
        Some(Command::Train(args)) => train::run(args).map(|()| ExitCode::SUCCESS),
        Some(Command::Tag(args)) => tag::run(args).map(|()| ExitCode::SUCCESS),
        Some(Command::Clusters(args)) => clusters::run(args).map(|()| ExitCode::SUCCESS),
        None => read(&cli.paths, &cli.analysis),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            say(format_args!("{err:#}"));
            ExitCode::FAILURE
        }
    }
}

/// Opens the reader on a corpus.
fn read(paths: &[PathBuf], analysis: &AnalysisArgs) -> anyhow::Result<ExitCode> {
    if !io::stdout().is_terminal() {
        // Drawing into a pipe or file would fill it with escape sequences.
        anyhow::bail!(
            "the reader draws on a terminal, and standard output is not one; \
             `crossread extract` writes the analysis to pipes and files"
        );
    }
    let mut stages = Stages::new(io::stderr().is_terminal(), analysis.timings);
    let Some(opened) = build_index(paths, analysis, &mut stages) else {
        stages.end();
        return Ok(ExitCode::FAILURE);
    };
    stages.end();
    let notice = (!opened.notes.is_empty()).then(|| opened.notes.join("; "));
    let first_frame = crate::tui::run(opened.index, opened.saving, notice)?;
    if analysis.timings
        && let Some(at) = first_frame
    {
        let since_start = at.duration_since(stages.started);
        eprintln!("{}", timing_line("first frame", since_start));
    }
    Ok(ExitCode::SUCCESS)
}
