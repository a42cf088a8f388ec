//! The command line: reading a corpus, and the batch commands.

mod clusters;
mod extract;
mod index;
mod tag;
mod train;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::EntityTagger;
use crate::analysis::lexicon::Lexicon;
use crate::analysis::ner::{HybridTagger, PerceptronTagger};
use crate::analysis::rules::RuleTagger;
use crate::index::search::TextIndex;
use crate::index::{CorpusIndex, Correction};
use crate::store::cache::{self, CorpusCache, Loaded, Progress};
use crate::store::search::TextSearch;
use crate::store::{self, CorpusKey, CorrectionStore};
use crate::tui::{Prepared, Ready, Saving};

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
    /// Print the settings file with every setting at its default, and where
    /// it is read from (CROSSREAD_CONFIG_DIR sets the config directory).
    #[arg(long)]
    print_config: bool,
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
    /// Build or refresh the corpus store of PATHs without opening the reader.
    Index(index::IndexArgs),
}

/// Options shared by every command that analyses articles.
#[derive(Debug, Clone, clap::Args)]
pub struct AnalysisArgs {
    /// Which entity tagger finds the names [default: the config file's, else
    /// hybrid].
    #[arg(long, value_enum)]
    tagger: Option<TaggerChoice>,
    /// Ignore the link corrections saved for this corpus, and save none.
    /// They are kept in <data dir>/state.db; CROSSREAD_DATA_DIR sets the
    /// data directory.
    #[arg(long)]
    no_corrections: bool,
    /// Print the time each stage took (loading, analysis, resolution, ...) on stderr.
    #[arg(long)]
    timings: bool,
    /// Read and analyse everything afresh, without the corpus store (kept in
    /// <cache dir>/corpora/; CROSSREAD_CACHE_DIR sets the cache directory).
    #[arg(long)]
    no_cache: bool,
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
    /// `--tagger`, else the config file's choice.
    fn tagger_choice(&self) -> TaggerChoice {
        self.tagger.unwrap_or_else(|| {
            TaggerChoice::from_str(crate::config::current().config.tagger, false)
                .unwrap_or(TaggerChoice::Hybrid)
        })
    }

    fn tagger_name(&self) -> &'static str {
        match self.tagger_choice() {
            TaggerChoice::Rules => "rules",
            TaggerChoice::Model => "model",
            TaggerChoice::Hybrid => "hybrid",
        }
    }

    fn tagger(&self) -> Box<dyn EntityTagger> {
        match self.tagger_choice() {
            TaggerChoice::Rules => Box::new(RuleTagger::builtin()),
            TaggerChoice::Model => Box::new(PerceptronTagger::builtin()),
            TaggerChoice::Hybrid => Box::new(HybridTagger::builtin()),
        }
    }
}

/// An analysed corpus with its corrections applied.
struct Opened {
    index: CorpusIndex,
    /// Where new corrections are saved, or why they are not.
    saving: Saving,
    /// What loading the corrections did, for the reader to see.
    notes: Vec<String>,
    hashes: Vec<i64>,
    cache: Option<CorpusCache>,
    /// What the corpus store still lacks (only when saving was put off).
    pending: Option<cache::Pending>,
}

/// Full-text search over a corpus: its store's index, or one made in
/// memory now.
fn text_search(
    cache: Option<&CorpusCache>,
    articles: &[crate::corpus::Article],
    hashes: &[i64],
) -> Option<Box<dyn TextIndex>> {
    let search = match cache {
        Some(cache) => TextSearch::in_store(cache.path(), hashes),
        None => TextSearch::in_memory(articles, hashes),
    };
    search.ok().map(|s| Box::new(s) as Box<dyn TextIndex>)
}

/// Loads and analyses a corpus through its store, reporting each stage to
/// `stages`, then applies its saved corrections.
fn build_index(paths: &[PathBuf], analysis: &AnalysisArgs, stages: &mut Stages) -> Option<Opened> {
    build_index_with(paths, analysis, stages, &|_| {}, &mut |_, _| {}, false)
}

/// [`build_index`], telling `progress` how far it has come and `loaded`
/// the articles as soon as they are read; with `defer_save`, what is new
/// is left in [`Opened::pending`] instead of written to the store.
fn build_index_with(
    paths: &[PathBuf],
    analysis: &AnalysisArgs,
    stages: &mut Stages,
    progress: &(dyn Fn(Progress) + Sync),
    loaded: &mut Loaded,
    defer_save: bool,
) -> Option<Opened> {
    let Analysed {
        mut index,
        mut notes,
        hashes,
        cache,
        pending,
    } = analyse(paths, analysis, stages, progress, loaded, defer_save)?;
    stages.begin("corrections", "applying corrections".into());
    let (saving, correction_notes) = open_corrections(paths, &mut index, analysis);
    notes.extend(correction_notes);
    Some(Opened {
        index,
        saving,
        notes,
        hashes,
        cache,
        pending,
    })
}

/// A corpus analysed, with what finds its texts.
struct Analysed {
    index: CorpusIndex,
    notes: Vec<String>,
    /// Each article's text hash, as the store keys it.
    hashes: Vec<i64>,
    /// The corpus store it was read through, if any.
    cache: Option<CorpusCache>,
    /// What the store still lacks, when saving was put off.
    pending: Option<cache::Pending>,
}

/// The corpus of `paths`, analysed and linked, through the corpus store
/// unless `--no-cache`; notes on the store for the user. `None`, after
/// saying why, when no article could be loaded. What is new is written to
/// the store unless `defer_save`.
fn analyse(
    paths: &[PathBuf],
    analysis: &AnalysisArgs,
    stages: &mut Stages,
    progress: &(dyn Fn(Progress) + Sync),
    loaded: &mut Loaded,
    defer_save: bool,
) -> Option<Analysed> {
    stages.begin("open", "opening the corpus store".into());
    let mut notes = Vec::new();
    let key = corpus_key(paths);
    let mut cache = if analysis.no_cache {
        None
    } else {
        match store::cache_dir() {
            Some(dir) => {
                let version = cache::analyser_version(analysis.tagger_name());
                match CorpusCache::open(&dir, &key, &version) {
                    Ok((cache, opened)) => {
                        notes.extend(opened);
                        Some(cache)
                    }
                    Err(e) => {
                        notes.push(e);
                        None
                    }
                }
            }
            None => {
                notes.push(format!(
                    "no cache directory is known (set {}): nothing is stored",
                    store::CACHE_DIR_ENV
                ));
                None
            }
        }
    };
    // Each stage as it begins, for the timings; the progress line as it goes.
    let begun = std::sync::Mutex::new(Vec::<(&'static str, Instant)>::new());
    let show = stages.progress;
    let options = crate::corpus::LoadOptions {
        exclude: analysis.exclude.clone(),
        ..crate::corpus::LoadOptions::default()
    };
    let report = |p: Progress| {
        let (name, message) = match p {
            Progress::Loading => ("load", "loading articles".to_string()),
            Progress::Analysing { done, total } => {
                ("analyse", format!("analysing {done} of {total} articles"))
            }
            Progress::Linking => ("resolve", "linking actors".to_string()),
            Progress::Saving => ("store", "saving to the corpus store".to_string()),
        };
        if let Ok(mut begun) = begun.lock()
            && begun.last().is_none_or(|(last, _)| *last != name)
        {
            begun.push((name, Instant::now()));
        }
        if show {
            eprint!("\r\x1b[Kcrossread: {message}\u{2026}");
        }
        progress(p);
    };
    let mut built = cache::build(
        paths,
        &options,
        cache.as_ref(),
        &|| analysis.tagger(),
        &Lexicon::builtin,
        &report,
        loaded,
    );
    if !defer_save && let (Some(cache), Some(pending)) = (cache.as_mut(), built.pending.take()) {
        report(Progress::Saving);
        if let Err(e) = cache.save(&pending) {
            notes.push(e);
        }
    }
    for (name, at) in begun.into_inner().unwrap_or_default() {
        stages.begin_at(name, at);
    }
    if stages.report_issues {
        report_issues(&built.issues, !built.articles.is_empty(), stages);
    }
    if built.articles.is_empty() {
        return None;
    }
    notes.extend(built.notes);
    if stages.timings {
        stages.clear_line();
        eprintln!(
            "crossread: read {} files, analysed {} of {} articles (the rest from the corpus store)",
            built.files_read,
            built.articles_analysed,
            built.articles.len()
        );
    }
    stages.begin("index", "indexing".into());
    let index = CorpusIndex::from_analysed(
        built.articles,
        built.issues,
        built.analyses,
        built.descriptors,
        built.resolution,
    );
    Some(Analysed {
        index,
        notes,
        hashes: built.hashes,
        cache,
        pending: built.pending,
    })
}

/// Says on stderr which files could not be loaded, and when none could.
fn report_issues(issues: &[crate::corpus::LoadIssue], any_article: bool, stages: &Stages) {
    if !issues.is_empty() || !any_article {
        stages.clear_line();
    }
    let by_file = crate::corpus::issues_by_file(issues);
    if stages.progress && any_article {
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
    if !any_article {
        say("no article could be loaded");
    }
}

fn corpus_key(paths: &[PathBuf]) -> CorpusKey {
    if paths.is_empty() {
        CorpusKey::sample()
    } else {
        CorpusKey::for_paths(paths)
    }
}

/// Prints one message on stderr, made safe for a terminal: file names,
/// actor ids and reasons come from files and may hold escape sequences.
/// A stderr that went away (a closed terminal) is not worth a panic.
pub(crate) fn say(message: impl std::fmt::Display) {
    let line = crate::safe::line(&message.to_string()).into_owned();
    let _ = writeln!(io::stderr(), "crossread: {line}");
}

/// Applies the saved corrections of the corpus read from `paths` to `index`.
fn open_corrections(
    paths: &[PathBuf],
    index: &mut CorpusIndex,
    analysis: &AnalysisArgs,
) -> (Saving, Vec<String>) {
    let key = corpus_key(paths);
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
    /// Load problems are told on stderr (not while the reader is on screen).
    report_issues: bool,
    started: Instant,
    current: Option<(&'static str, Instant)>,
}

impl Stages {
    fn new(progress: bool, timings: bool) -> Stages {
        Stages {
            progress,
            timings,
            report_issues: true,
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

    /// Ends the current stage at `at` and starts `name` then, for stages
    /// timed elsewhere.
    fn begin_at(&mut self, name: &'static str, at: Instant) {
        if let Some((current, start)) = self.current.take()
            && self.timings
        {
            eprintln!(
                "{}",
                timing_line(current, at.saturating_duration_since(start))
            );
        }
        self.current = Some((name, at));
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

/// How long keys took from being read to their frame drawn: count, median,
/// 99th percentile and slowest.
fn key_times(keys: &[Duration]) -> Option<String> {
    if keys.is_empty() {
        return None;
    }
    let mut sorted = keys.to_vec();
    sorted.sort_unstable();
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    Some(format!(
        "keys {}: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (read to frame drawn)",
        sorted.len(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(at(1.0))
    ))
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
    if cli.print_config {
        let location = crate::config::config_file();
        print!("{}", crate::config::default_file(location.as_deref()));
        return ExitCode::SUCCESS;
    }
    // Said once, before anything else: a setting left at its default.
    for problem in &crate::config::current().problems {
        say(problem);
    }
    let result = match cli.command {
        Some(Command::Extract(args)) => extract::run(&args),
        Some(Command::Train(args)) => train::run(args).map(|()| ExitCode::SUCCESS),
        Some(Command::Tag(args)) => tag::run(args).map(|()| ExitCode::SUCCESS),
        Some(Command::Clusters(args)) => clusters::run(args).map(|()| ExitCode::SUCCESS),
        Some(Command::Index(args)) => index::run(&args),
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
    let stages = Stages::new(io::stderr().is_terminal(), analysis.timings);
    let started = stages.started;
    // The corpus is prepared on another thread: the reader opens on its
    // texts as soon as they are read, and takes the analysis when it is ready.
    let (texts_tx, texts_rx) = mpsc::channel::<CorpusIndex>();
    let (ready_tx, ready_rx) = mpsc::channel::<Prepared>();
    let (paths_owned, analysis_owned) = (paths.to_vec(), analysis.clone());
    // The corpus is analysed on a thread pool of its own: the reader's own
    // parallel work (the finder scoring every title) would otherwise queue
    // behind thousands of articles in the shared pool and freeze the screen
    // until the analysis ended.
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("analysis-{i}"))
        .build();
    let prepare = move || {
        let mut quiet = Stages::new(false, false);
        quiet.report_issues = false;
        let progress_tx = std::sync::Mutex::new(ready_tx.clone());
        let progress = |p: Progress| {
            let text = match p {
                Progress::Loading => "reading".to_string(),
                Progress::Analysing { done, total } => format!("analysing {done} of {total}"),
                Progress::Linking => "linking actors".to_string(),
                Progress::Saving => "saving to the corpus store".to_string(),
            };
            if let Ok(tx) = progress_tx.lock() {
                let _ = tx.send(Prepared::Progress(text));
            }
        };
        // The reader opens on the first texts told; more come as read.
        let mut opening = Some(texts_tx);
        let texts_to = ready_tx.clone();
        let mut loaded = |articles: &std::sync::Arc<Vec<crate::corpus::Article>>,
                          issues: &[crate::corpus::LoadIssue]| {
            let texts = CorpusIndex::texts_of(std::sync::Arc::clone(articles), issues.to_vec());
            match opening.take() {
                Some(tx) => {
                    let _ = tx.send(texts);
                }
                None => {
                    let _ = texts_to.send(Prepared::Texts(Box::new(texts)));
                }
            }
        };
        let opened = build_index_with(
            &paths_owned,
            &analysis_owned,
            &mut quiet,
            &progress,
            &mut loaded,
            true,
        );
        let Some(Opened {
            index,
            saving,
            notes,
            hashes,
            mut cache,
            pending,
        }) = opened
        else {
            return;
        };
        let articles = std::sync::Arc::clone(&index.articles);
        // The reader takes the analysis first; the store is written after,
        // and the text search (the store's, or one made in memory) follows.
        let notice = (!notes.is_empty()).then(|| notes.join("; "));
        if pending.is_some() {
            progress(Progress::Saving);
        }
        let _ = ready_tx.send(Prepared::Ready(Box::new(Ready {
            index,
            saving,
            notice,
            search: None,
        })));
        let mut problem = None;
        if let (Some(store), Some(pending)) = (cache.as_mut(), pending) {
            problem = store.save(&pending).err();
        }
        let search = text_search(cache.as_ref(), &articles, &hashes);
        let _ = ready_tx.send(Prepared::Stored { search, problem });
    };
    let worker = thread::spawn(move || match pool {
        Ok(pool) => pool.install(prepare),
        Err(_) => prepare(),
    });
    if stages.progress {
        eprint!("\r\x1b[Kcrossread: loading articles\u{2026}");
    }
    let Ok(texts) = texts_rx.recv() else {
        stages.clear_line();
        let _ = worker.join();
        return Ok(ExitCode::FAILURE);
    };
    stages.clear_line();
    // Load problems are told before the screen opens (and in the reader's report).
    report_issues(&texts.issues, !texts.articles.is_empty(), &stages);
    if texts.articles.is_empty() {
        let _ = worker.join();
        return Ok(ExitCode::FAILURE);
    }
    let times = crate::tui::run(
        texts,
        Err("the corpus is still being analysed".to_string()),
        None,
        None,
        Some(ready_rx),
    )?;
    if analysis.timings {
        if let Some(at) = times.first_frame {
            eprintln!("{}", timing_line("first frame", at.duration_since(started)));
        }
        if let Some(at) = times.ready {
            eprintln!("{}", timing_line("analysed", at.duration_since(started)));
        }
        if let Some(keys) = key_times(&times.keys) {
            eprintln!("crossread: {keys}");
        }
    }
    // Quitting before the analysis is done leaves it unfinished; once it is
    // done, what it found is worth the wait for the store to be written.
    if times.ready.is_some() && !worker.is_finished() {
        if stages.progress {
            eprint!("\r\x1b[Kcrossread: saving to the corpus store\u{2026}");
        }
        let _ = worker.join();
        stages.clear_line();
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_times_give_median_99th_percentile_and_slowest() {
        assert_eq!(key_times(&[]), None);
        let keys: Vec<Duration> = (1..=200).rev().map(Duration::from_millis).collect();
        assert_eq!(
            key_times(&keys).unwrap(),
            "keys 200: p50 101.00 ms, p99 198.00 ms, max 200.00 ms (read to frame drawn)"
        );
    }

    #[test]
    fn every_tagger_the_config_names_is_one_of_the_command_line() {
        for name in crate::config::TAGGERS {
            assert!(TaggerChoice::from_str(name, false).is_ok(), "{name}");
        }
        let names: Vec<String> = TaggerChoice::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
            .collect();
        assert_eq!(names, crate::config::TAGGERS);
    }
}
