//! The corpus store: one SQLite database per corpus in the cache directory,
//! `<cache dir>/corpora/<corpus key>.db`, holding what reading and analysis
//! computed, so that reopening a corpus does only new work.
//!
//! - `files`: each file read, with its size and modification time and the
//!   articles it gave. A file whose size and time are unchanged is not read
//!   again.
//! - `analyses`: each article's analysis (tokens, sentences, mentions),
//!   keyed by a hash of its text: a changed file costs only the analysis of
//!   the articles that changed. Analysis is a pure function of the text (the
//!   map step), so this is safe.
//! - `resolutions`: the linking of the whole corpus (the reduce step), keyed
//!   by the hashes of all its articles in order.
//!
//! Everything is tagged with the analyser's version (the program version, a
//! fingerprint of the code and assets that analyse, and the tagger chosen);
//! a store of another version, or one that cannot be read, is deleted and
//! built again with a message, never a failure. Nothing here is the user's:
//! deleting the cache directory loses only time.

use std::collections::HashMap;
use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::CorpusKey;
use crate::analysis::descriptors::{self, Descriptor, DescriptorKind};
use crate::analysis::lexicon::Lexicon;
use crate::analysis::resolve::{self, Actor, Resolution};
use crate::analysis::{self, AnalyzedText, EntityKind, EntityTagger, Mention, Token};
use crate::corpus::{self, Article, Corpus, FileLoad, LoadIssue, LoadOptions};

/// The layout of the database; another is rebuilt.
const SCHEMA_VERSION: i64 = 3;

/// How long a write waits for another process's.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// What made the analyses: a store made by anything else is rebuilt.
pub fn analyser_version(tagger: &str) -> String {
    format!(
        "crossread {} analyser {} tagger {tagger}",
        env!("CARGO_PKG_VERSION"),
        env!("CROSSREAD_ANALYSER_FINGERPRINT"),
    )
}

/// How far a build has come, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Reading files (those not in the store).
    Loading,
    /// `done` of `total` articles analysed (those not in the store).
    Analysing { done: usize, total: usize },
    /// Linking actors across the corpus.
    Linking,
    /// Writing what is new to the store.
    Saving,
}

/// An open corpus store.
#[derive(Debug)]
pub struct CorpusCache {
    conn: Connection,
    path: PathBuf,
}

/// A file as stored: how it was when read, and what it gave.
struct FileEntry {
    size: i64,
    mtime: i64,
}

impl CorpusCache {
    /// Opens the store of corpus `key` under `cache_dir`, made by `version`.
    /// A store of another version or one that cannot be read is replaced by
    /// an empty one, and why is in the notes. `Err` only when no store can
    /// be made at all (the corpus is then read without one).
    pub fn open(
        cache_dir: &Path,
        key: &CorpusKey,
        version: &str,
    ) -> Result<(CorpusCache, Vec<String>), String> {
        let path = cache_dir.join("corpora").join(format!("{}.db", key.key));
        fs::create_dir_all(path.parent().unwrap_or(cache_dir))
            .map_err(|e| format!("cannot make {}: {e}", cache_dir.display()))?;
        let mut notes = Vec::new();
        match open_checked(&path, version) {
            Ok(conn) => return Ok((CorpusCache { conn, path }, notes)),
            Err(Stale::Missing) => {}
            Err(Stale::Reason(why)) => notes.push(format!(
                "rebuilding the corpus store {} ({why})",
                path.display()
            )),
        }
        let replace = !notes.is_empty();
        let conn = create(&path, version, key, replace)
            .map_err(|e| format!("cannot make the corpus store {}: {e}", path.display()))?;
        Ok((CorpusCache { conn, path }, notes))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn files(&self) -> rusqlite::Result<HashMap<String, FileEntry>> {
        let mut statement = self.conn.prepare("SELECT path, size, mtime FROM files")?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                FileEntry {
                    size: row.get(1)?,
                    mtime: row.get(2)?,
                },
            ))
        })?;
        rows.collect()
    }

    /// Every stored blob of a table, by key: one pass over the table is much
    /// faster than a query per row when most rows are wanted.
    fn all_blobs<K: rusqlite::types::FromSql + Eq + std::hash::Hash>(
        &self,
        sql: &str,
    ) -> HashMap<K, Vec<u8>> {
        let run = || -> rusqlite::Result<HashMap<K, Vec<u8>>> {
            let mut statement = self.conn.prepare(sql)?;
            let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect()
        };
        run().unwrap_or_default()
    }

    fn stored_articles(&self, path: &str) -> Option<Vec<Article>> {
        let blob: Vec<u8> = self
            .conn
            .query_row(
                "SELECT articles FROM files WHERE path = ?1",
                [path],
                |row| row.get(0),
            )
            .optional()
            .ok()??;
        decode_articles(&blob)
    }

    /// The stored analyses of these texts (parallel to `hashes`), with
    /// their descriptors, decoded on every core.
    fn stored_analyses(&self, hashes: &[i64]) -> Vec<Option<(AnalyzedText, Vec<Descriptor>)>> {
        let blobs: HashMap<i64, Vec<u8>> = self.all_blobs("SELECT hash, data FROM analyses");
        hashes
            .par_iter()
            .map(|h| {
                let blob = blobs.get(h)?;
                postcard::from_bytes::<StoredAnalysis>(blob)
                    .ok()?
                    .into_analysis()
            })
            .collect()
    }

    /// Writes what a build found new (see [`Built::pending`]) in one
    /// transaction.
    pub fn save(&mut self, pending: &Pending) -> Result<(), String> {
        save(self, pending)
            .map_err(|e| format!("not saved to the corpus store {}: {e}", self.path.display()))
    }

    fn stored_resolution(&self, key: i64) -> Option<Resolution> {
        let blob: Vec<u8> = self
            .conn
            .query_row(
                "SELECT data FROM resolutions WHERE key = ?1",
                [key],
                |row| row.get(0),
            )
            .optional()
            .ok()??;
        postcard::from_bytes::<StoredResolution>(&blob)
            .ok()
            .map(StoredResolution::into_resolution)
    }
}

fn decode_articles(blob: &[u8]) -> Option<Vec<Article>> {
    let stored: Vec<StoredArticle> = postcard::from_bytes(blob).ok()?;
    // Only files that gave articles are stored: an empty list is damage.
    if stored.is_empty() {
        return None;
    }
    Some(
        stored
            .into_iter()
            .map(StoredArticle::into_article)
            .collect(),
    )
}

enum Stale {
    Missing,
    Reason(String),
}

fn open_checked(path: &Path, version: &str) -> Result<Connection, Stale> {
    if !path.exists() {
        return Err(Stale::Missing);
    }
    let reason = |e: rusqlite::Error| Stale::Reason(format!("unreadable: {e}"));
    let conn = Connection::open(path).map_err(reason)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(reason)?;
    let schema: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(reason)?;
    if schema != SCHEMA_VERSION {
        return Err(Stale::Reason(format!(
            "layout {schema}, this program writes {SCHEMA_VERSION}"
        )));
    }
    let stored: String = conn
        .query_row("SELECT value FROM meta WHERE key = 'version'", [], |row| {
            row.get(0)
        })
        .map_err(reason)?;
    if stored != version {
        return Err(Stale::Reason(
            "made by another version of the analyser".to_string(),
        ));
    }
    Ok(conn)
}

/// Makes the store at `path`, or replaces the stale one there when
/// `replace`. The store is made whole under another name and then put in
/// place in one step, so another reader never sees half a store (and takes
/// it for a damaged one to remove while this one writes to it); when two
/// make it at once, both use the one put in place first.
fn create(
    path: &Path,
    version: &str,
    key: &CorpusKey,
    replace: bool,
) -> Result<Connection, String> {
    // A name of its own for each attempt, in this process and any other.
    static ATTEMPTS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let attempt = ATTEMPTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".new-{}-{attempt}", std::process::id()));
    let fresh = PathBuf::from(name);
    let remove = |p: &Path| {
        let _ = fs::remove_file(p);
        remove_sidecars(p);
    };
    remove(&fresh);
    // Closed before it is put in place, so it has no journal beside it.
    initialise(&fresh, version, key).map_err(|e| e.to_string())?;
    let placed = if replace {
        // Atomic: readers see the stale store or the new one.
        remove_sidecars(path);
        fs::rename(&fresh, path)
    } else {
        // Fails when another reader put its store in place first.
        fs::hard_link(&fresh, path).or_else(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Ok(()),
            // A file system without links: a plain rename, nearly as safe.
            _ if !path.exists() => fs::rename(&fresh, path),
            _ => Err(e),
        })
    };
    remove(&fresh);
    placed.map_err(|e| e.to_string())?;
    match open_checked(path, version) {
        Ok(conn) => Ok(conn),
        Err(Stale::Missing) => Err("it vanished as it was made".to_string()),
        Err(Stale::Reason(why)) => Err(why),
    }
}

/// Removes a store's journal files, which belong to the store they sit
/// beside and must not be read as part of the one replacing it.
fn remove_sidecars(path: &Path) {
    for suffix in ["-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = fs::remove_file(PathBuf::from(file));
    }
}

fn initialise(path: &Path, version: &str, key: &CorpusKey) -> rusqlite::Result<()> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
         CREATE TABLE files (
             path TEXT PRIMARY KEY,
             size INTEGER NOT NULL,
             mtime INTEGER NOT NULL,
             articles BLOB NOT NULL
         );
         CREATE TABLE analyses (hash INTEGER PRIMARY KEY, data BLOB NOT NULL);
         CREATE TABLE resolutions (key INTEGER PRIMARY KEY, data BLOB NOT NULL);
         COMMIT;",
    )?;
    conn.execute_batch(super::search::TABLE)?;
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('version', ?1), ('corpus', ?2)",
        params![version, key.corpus.join("\n")],
    )?;
    // Last: a store with its layout number is complete.
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    conn.close().map_err(|(_, e)| e)
}

/// A file's size and modification time (nanoseconds), as stored.
fn stat(path: &Path) -> Option<(i64, i64)> {
    let meta = fs::metadata(path).ok()?;
    let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((
        i64::try_from(meta.len()).ok()?,
        i64::try_from(mtime.as_nanos()).ok()?,
    ))
}

/// A 64-bit hash of an article's text (FNV-1a), as stored.
fn text_hash(text: &str) -> i64 {
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish() as i64
}

/// The corpus read from `paths` (the built-in sample when empty), analysed
/// and linked, taking from `cache` whatever it holds and adding to it what
/// was new. Notes say what went wrong with the store, if anything.
pub struct Built {
    /// Shared with what was shown while the corpus was analysed.
    pub articles: Arc<Vec<Article>>,
    pub issues: Vec<LoadIssue>,
    pub analyses: Arc<Vec<AnalyzedText>>,
    /// How each article describes the actors it names, parallel to `articles`.
    pub descriptors: Arc<Vec<Vec<Descriptor>>>,
    pub resolution: Resolution,
    pub notes: Vec<String>,
    /// Files read and articles analysed this time (the rest came from the store).
    pub files_read: usize,
    pub articles_analysed: usize,
    /// The hash of each article's text, as the store keys it.
    pub hashes: Vec<i64>,
    /// What the store lacks, for [`CorpusCache::save`]: the caller may show
    /// the corpus first and write after.
    pub pending: Option<Pending>,
}

/// What is told the articles of a corpus as soon as they are read.
pub type Loaded<'a> = dyn FnMut(&Arc<Vec<Article>>, &[LoadIssue]) + 'a;

/// What a build found that its store did not hold.
pub struct Pending {
    files: Vec<NewFile>,
    articles: Arc<Vec<Article>>,
    hashes: Vec<i64>,
    analyses: Arc<Vec<AnalyzedText>>,
    descriptors: Arc<Vec<Vec<Descriptor>>>,
    /// The articles analysed this time.
    fresh: Vec<usize>,
    /// Those of them linking found mentions in: their mentions and
    /// descriptors as their analysis gave them (tokens and sentences are
    /// as they were).
    own: HashMap<usize, (Vec<Mention>, Vec<Descriptor>)>,
    /// The linking, when done this time: its key and stored form.
    resolution: Option<(i64, Vec<u8>)>,
}

/// Reads, analyses and links a corpus, through the store when there is one.
/// `loaded` is given the articles as soon as they are read (first those of
/// the first files, then all). What is new is
/// left in [`Built::pending`] for the caller to save.
pub fn build(
    paths: &[PathBuf],
    options: &LoadOptions,
    cache: Option<&CorpusCache>,
    tagger: &dyn Fn() -> Box<dyn EntityTagger>,
    lexicon: &dyn Fn() -> &'static Lexicon,
    progress: &(dyn Fn(Progress) + Sync),
    loaded: &mut Loaded,
) -> Built {
    let mut notes = Vec::new();
    progress(Progress::Loading);
    let known = match cache {
        Some(cache) => cache.files().unwrap_or_else(|e| {
            notes.push(format!("corpus store {}: {e}", cache.path.display()));
            HashMap::new()
        }),
        None => HashMap::new(),
    };
    let is_known = |path: &Path| {
        let Some(name) = path.to_str() else {
            return false;
        };
        match (known.get(name), stat(path)) {
            (Some(entry), Some((size, mtime))) => entry.size == size && entry.mtime == mtime,
            _ => false,
        }
    };
    let (corpus, new_files) = if paths.is_empty() {
        (corpus::load_sample(), Vec::new())
    } else {
        // The first files are shown while the rest are read: those the
        // store holds taken from it one by one, the others as read.
        let mut first = |batch: &[FileLoad], more: bool| {
            if !more {
                return;
            }
            let (mut articles, mut issues) = (Vec::new(), Vec::new());
            for load in batch {
                match load {
                    FileLoad::Known(path) => {
                        let stored =
                            cache.and_then(|c| path.to_str().and_then(|p| c.stored_articles(p)));
                        match stored {
                            Some(stored) => articles.extend(stored),
                            // Damaged in the store: shown once read again.
                            None => return,
                        }
                    }
                    FileLoad::Read {
                        articles: read,
                        issues: problems,
                        ..
                    } => {
                        articles.extend(read.iter().cloned());
                        issues.extend(problems.iter().cloned());
                    }
                    FileLoad::Issue(issue) => issues.push(issue.clone()),
                }
            }
            if !articles.is_empty() {
                loaded(&Arc::new(articles), &issues);
            }
        };
        load(paths, options, cache, &is_known, &mut first)
    };
    let files_read = new_files.len();
    let Corpus { articles, issues } = corpus;
    let articles = Arc::new(articles);
    loaded(&articles, &issues);

    let hashes: Vec<i64> = articles.par_iter().map(|a| text_hash(&a.text)).collect();
    let mut analyses: Vec<Option<(AnalyzedText, Vec<Descriptor>)>> = match cache {
        Some(cache) => cache
            .stored_analyses(&hashes)
            .into_par_iter()
            .zip(&*articles)
            .map(|(a, article)| a.filter(|(a, d)| fits_text(a, d, &article.text)))
            .collect(),
        None => vec![None; hashes.len()],
    };
    let missing: Vec<usize> = (0..analyses.len())
        .filter(|&i| analyses[i].is_none())
        .collect();
    let total = missing.len();
    let done = AtomicUsize::new(0);
    progress(Progress::Analysing { done: 0, total });
    // The tagger (its model takes a moment to load) only when needed.
    let tagger = (total > 0).then(tagger);
    // The descriptors are part of an article's analysis (the map step):
    // stored with it, a reopen does not look for them again.
    let lexicon_now = (total > 0).then(lexicon);
    let fresh: Vec<(usize, (AnalyzedText, Vec<Descriptor>))> = missing
        .par_iter()
        .map(|&i| {
            let tagger = tagger.as_deref().expect("made when articles are missing");
            let text = &articles[i].text;
            let analysis = analysis::analyze(text, tagger);
            let described = descriptors::describe(text, &analysis, lexicon_now.expect("made"));
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(64) || n == total {
                progress(Progress::Analysing { done: n, total });
            }
            (i, (analysis, described))
        })
        .collect();
    if let Some(tagger) = tagger.as_deref() {
        tagger.release_memory();
    }
    let fresh_at: Vec<usize> = fresh.iter().map(|(i, _)| *i).collect();
    for (i, analysis) in fresh {
        analyses[i] = Some(analysis);
    }
    let (analyses, descriptors): (Vec<AnalyzedText>, Vec<Vec<Descriptor>>) =
        analyses.into_iter().map(|a| a.expect("analysed")).unzip();

    progress(Progress::Linking);
    let resolution_key = {
        let mut hasher = fnv::FnvHasher::default();
        for h in &hashes {
            hasher.write(&h.to_le_bytes());
        }
        hasher.finish() as i64
    };
    let stored = cache.and_then(|c| c.stored_resolution(resolution_key));
    let stored = stored.filter(|r| fits(r, &analyses, &articles));
    let resolved_now = stored.is_none();
    let mut resolution = stored.unwrap_or_else(|| {
        let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
        resolve::resolve(&texts, &analyses, lexicon())
    });
    // The store keeps linking as it came, found mentions apart, and each
    // article's analysis as its own text alone gives it.
    let stored_resolution = (cache.is_some() && resolved_now).then(|| {
        let stored = StoredResolution::of(&resolution);
        postcard::to_allocvec(&stored).expect("resolution serialises")
    });
    let mut own = HashMap::new();
    if cache.is_some() && !resolution.found.is_empty() {
        for &i in &fresh_at {
            if !resolution.found[i].is_empty() {
                own.insert(i, (analyses[i].mentions.clone(), descriptors[i].clone()));
            }
        }
    }
    let mut analyses = analyses;
    let mut descriptors = descriptors;
    // Descriptors stay with their mentions; a found mention, a name alone
    // where the tagger saw none, has none of its own.
    for (i, moved) in resolution.settle(&mut analyses) {
        descriptors[i].retain_mut(|d| moved[d.mention].map(|m| d.mention = m).is_some());
    }
    let analyses = Arc::new(analyses);
    let descriptors = Arc::new(descriptors);
    let pending = (cache.is_some() && (files_read > 0 || !fresh_at.is_empty() || resolved_now))
        .then(|| Pending {
            files: new_files,
            articles: Arc::clone(&articles),
            hashes: hashes.clone(),
            analyses: Arc::clone(&analyses),
            descriptors: Arc::clone(&descriptors),
            fresh: fresh_at,
            own,
            resolution: stored_resolution.map(|blob| (resolution_key, blob)),
        });
    Built {
        articles,
        issues,
        analyses,
        descriptors,
        resolution,
        notes,
        files_read,
        articles_analysed: total,
        hashes,
        pending,
    }
}

/// A stored analysis fits its text when every offset is a char boundary
/// of it and every index points where it should: damage to the store, or a
/// hash collision, never reaches the reader as a panic.
fn fits_text(a: &AnalyzedText, described: &[Descriptor], text: &str) -> bool {
    let boundary = |i: usize| text.is_char_boundary(i);
    a.tokens
        .iter()
        .all(|t| t.start < t.end && boundary(t.start) && boundary(t.end))
        && a.sentences
            .iter()
            .all(|s| s.start < s.end && s.end <= a.tokens.len())
        && a.mentions.iter().all(|m| {
            m.start < m.end
                && boundary(m.start)
                && boundary(m.end)
                && m.sentence < a.sentences.len()
        })
        && described.iter().all(|d| {
            d.start <= d.end && boundary(d.start) && boundary(d.end) && d.mention < a.mentions.len()
        })
}

/// A stored resolution fits when it has one actor per mention, found
/// mentions among them, and every found mention fits its text.
fn fits(resolution: &Resolution, analyses: &[AnalyzedText], articles: &[Article]) -> bool {
    let found = |a: usize| resolution.found.get(a).map_or(&[][..], |f| f.as_slice());
    resolution.mention_actor.len() == analyses.len()
        && (resolution.found.is_empty() || resolution.found.len() == analyses.len())
        && resolution
            .mention_actor
            .iter()
            .zip(analyses)
            .enumerate()
            .all(|(i, (actors, a))| {
                let text = &articles[i].text;
                actors.len() == a.mentions.len() + found(i).len()
                    && actors.iter().all(|&x| x < resolution.actors.len())
                    && found(i).iter().all(|m| {
                        m.start < m.end
                            && text.is_char_boundary(m.start)
                            && text.is_char_boundary(m.end)
                            && m.sentence < a.sentences.len()
                    })
            })
}

/// A file read this time and fit to store: its path and articles' range.
struct NewFile {
    path: String,
    size: i64,
    mtime: i64,
    articles: std::ops::Range<usize>,
}

/// Reads the corpus: known files from the store, others from disk.
fn load(
    paths: &[PathBuf],
    options: &LoadOptions,
    cache: Option<&CorpusCache>,
    is_known: &(dyn Fn(&Path) -> bool + Sync),
    first: &mut dyn FnMut(&[FileLoad], bool),
) -> (Corpus, Vec<NewFile>) {
    let mut corpus = Corpus::default();
    let mut new_files = Vec::new();
    let parts = corpus::load_files_with(paths, options, is_known, first);
    // The stored articles of the known files, read in one pass and decoded
    // on every core.
    let known = parts
        .iter()
        .filter(|p| matches!(p, FileLoad::Known(_)))
        .count();
    let blobs: HashMap<String, Vec<u8>> = match cache {
        Some(cache) if known > 0 => cache.all_blobs("SELECT path, articles FROM files"),
        _ => HashMap::new(),
    };
    let mut decoded: Vec<Option<Vec<Article>>> = parts
        .par_iter()
        .map(|part| match part {
            FileLoad::Known(path) => decode_articles(blobs.get(path.to_str()?)?),
            _ => None,
        })
        .collect();
    drop(blobs);
    for (i, part) in parts.into_iter().enumerate() {
        let (path, articles, issues) = match part {
            FileLoad::Known(path) => {
                let stored = decoded[i].take().or_else(|| {
                    cache.and_then(|c| path.to_str().and_then(|p| c.stored_articles(p)))
                });
                match stored {
                    Some(articles) => {
                        corpus.articles.extend(articles);
                        continue;
                    }
                    // Unreadable in the store after all: read the file.
                    None => {
                        match corpus::load_files(std::slice::from_ref(&path), options, &|_| false)
                            .pop()
                        {
                            Some(FileLoad::Read {
                                articles, issues, ..
                            }) => (path, articles, issues),
                            Some(FileLoad::Issue(issue)) => {
                                corpus.issues.push(issue);
                                continue;
                            }
                            _ => continue,
                        }
                    }
                }
            }
            FileLoad::Read {
                path,
                articles,
                issues,
            } => (path, articles, issues),
            FileLoad::Issue(issue) => {
                corpus.issues.push(issue);
                continue;
            }
        };
        let start = corpus.articles.len();
        corpus.articles.extend(articles);
        // A file with problems is read again next time, so that they are
        // reported again.
        if issues.is_empty()
            && let (Some(name), Some((size, mtime))) = (path.to_str(), stat(&path))
        {
            new_files.push(NewFile {
                path: name.to_string(),
                size,
                mtime,
                articles: start..corpus.articles.len(),
            });
        }
        corpus.issues.extend(issues);
    }
    (corpus, new_files)
}

fn save(cache: &mut CorpusCache, pending: &Pending) -> rusqlite::Result<()> {
    let Pending {
        files,
        articles,
        hashes,
        analyses,
        descriptors,
        fresh,
        own,
        resolution,
    } = pending;
    let tx = cache.conn.transaction()?;
    {
        let mut file = tx.prepare(
            "INSERT OR REPLACE INTO files (path, size, mtime, articles) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for f in files {
            let stored: Vec<StoredArticleRef> = articles[f.articles.clone()]
                .iter()
                .map(StoredArticleRef::of)
                .collect();
            let blob = postcard::to_allocvec(&stored).expect("articles serialise");
            file.execute(params![f.path, f.size, f.mtime, blob])?;
        }
        let mut analysis =
            tx.prepare("INSERT OR REPLACE INTO analyses (hash, data) VALUES (?1, ?2)")?;
        for &i in fresh {
            let stored = match own.get(&i) {
                Some((mentions, described)) => {
                    StoredAnalysis::of_parts(&analyses[i], mentions, described)
                }
                None => StoredAnalysis::of(&analyses[i], &descriptors[i]),
            };
            let blob = postcard::to_allocvec(&stored).expect("analyses serialise");
            analysis.execute(params![hashes[i], blob])?;
            super::search::insert(&tx, hashes[i], &articles[i])?;
        }
        if let Some((key, blob)) = resolution {
            // Only the latest linking is worth keeping.
            tx.execute("DELETE FROM resolutions", [])?;
            tx.execute(
                "INSERT INTO resolutions (key, data) VALUES (?1, ?2)",
                params![key, blob],
            )?;
        }
    }
    tx.commit()
}

// ---- what is stored, in postcard ----

#[derive(Deserialize)]
struct StoredArticle {
    path: String,
    title: String,
    source: Option<String>,
    date: Option<String>,
    place: Option<String>,
    url: Option<String>,
    text: String,
    encoding: Option<String>,
}

impl StoredArticle {
    fn into_article(self) -> Article {
        Article {
            path: self.path,
            title: self.title,
            source: self.source,
            date: self.date,
            place: self.place,
            url: self.url,
            text: self.text,
            // The names are encoding_rs's own, so they map back to them.
            encoding: self
                .encoding
                .and_then(|e| encoding_rs::Encoding::for_label(e.as_bytes()))
                .map(|e| e.name()),
        }
    }
}

/// [`StoredArticle`] as written, borrowing the article.
#[derive(Serialize)]
struct StoredArticleRef<'a> {
    path: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
    place: Option<&'a str>,
    url: Option<&'a str>,
    text: &'a str,
    encoding: Option<&'a str>,
}

impl<'a> StoredArticleRef<'a> {
    fn of(a: &'a Article) -> StoredArticleRef<'a> {
        StoredArticleRef {
            path: &a.path,
            title: &a.title,
            source: a.source.as_deref(),
            date: a.date.as_deref(),
            place: a.place.as_deref(),
            url: a.url.as_deref(),
            text: &a.text,
            encoding: a.encoding,
        }
    }
}

/// An analysis with offsets as differences (small numbers, one or two
/// bytes each in postcard's varints).
#[derive(Serialize, Deserialize)]
struct StoredAnalysis {
    /// (gap since the previous token's end, length).
    tokens: Vec<(u32, u32)>,
    /// Token count of each sentence, in order (sentences tile the tokens).
    sentences: Vec<(u32, u32)>,
    /// (gap since the previous mention's start, length, kind, sentence).
    mentions: Vec<(u32, u32, EntityKind, u32)>,
    /// (mention, start, length, kind as [`kind_code`] numbers it).
    descriptors: Vec<(u32, u32, u32, u8)>,
}

/// The number a descriptor kind is stored as.
fn kind_code(kind: DescriptorKind) -> u8 {
    match kind {
        DescriptorKind::Title => 0,
        DescriptorKind::Appositive => 1,
        DescriptorKind::Copular => 2,
        DescriptorKind::Gloss => 3,
        DescriptorKind::Framing => 4,
    }
}

fn kind_of_code(code: u8) -> Option<DescriptorKind> {
    Some(match code {
        0 => DescriptorKind::Title,
        1 => DescriptorKind::Appositive,
        2 => DescriptorKind::Copular,
        3 => DescriptorKind::Gloss,
        4 => DescriptorKind::Framing,
        _ => return None,
    })
}

impl StoredAnalysis {
    fn of(a: &AnalyzedText, described: &[Descriptor]) -> StoredAnalysis {
        StoredAnalysis::of_parts(a, &a.mentions, described)
    }

    /// The tokens and sentences of `a` with `mentions` in place of its own.
    fn of_parts(
        a: &AnalyzedText,
        mentions: &[Mention],
        described: &[Descriptor],
    ) -> StoredAnalysis {
        let mut end = 0;
        let tokens = a
            .tokens
            .iter()
            .map(|t| {
                let gap = (t.start - end) as u32;
                end = t.end;
                (gap, (t.end - t.start) as u32)
            })
            .collect();
        let sentences = a
            .sentences
            .iter()
            .map(|s| (s.start as u32, (s.end - s.start) as u32))
            .collect();
        let mut start = 0;
        let mentions = mentions
            .iter()
            .map(|m| {
                let gap = (m.start - start) as u32;
                start = m.start;
                (gap, (m.end - m.start) as u32, m.kind, m.sentence as u32)
            })
            .collect();
        let descriptors = described
            .iter()
            .map(|d| {
                (
                    d.mention as u32,
                    d.start as u32,
                    (d.end - d.start) as u32,
                    kind_code(d.kind),
                )
            })
            .collect();
        StoredAnalysis {
            tokens,
            sentences,
            mentions,
            descriptors,
        }
    }

    /// The analysis and descriptors; `None` for a kind no version wrote.
    fn into_analysis(self) -> Option<(AnalyzedText, Vec<Descriptor>)> {
        let mut end = 0usize;
        let tokens = self
            .tokens
            .into_iter()
            .map(|(gap, len)| {
                let start = end + gap as usize;
                end = start + len as usize;
                Token { start, end }
            })
            .collect();
        let sentences = self
            .sentences
            .into_iter()
            .map(|(start, len)| start as usize..(start + len) as usize)
            .collect();
        let mut start = 0usize;
        let mentions = self
            .mentions
            .into_iter()
            .map(|(gap, len, kind, sentence)| {
                start += gap as usize;
                Mention {
                    start,
                    end: start + len as usize,
                    kind,
                    sentence: sentence as usize,
                }
            })
            .collect();
        let described = self
            .descriptors
            .into_iter()
            .map(|(mention, start, len, kind)| {
                Some(Descriptor {
                    mention: mention as usize,
                    start: start as usize,
                    end: start as usize + len as usize,
                    kind: kind_of_code(kind)?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let analysis = AnalyzedText {
            tokens,
            sentences,
            mentions,
        };
        Some((analysis, described))
    }
}

#[derive(Serialize, Deserialize)]
struct StoredActor {
    id: String,
    name: String,
    kind: EntityKind,
    aliases: Vec<String>,
    descriptors: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredResolution {
    actors: Vec<StoredActor>,
    mention_actor: Vec<Vec<u32>>,
    /// Found mentions: start, end, type, sentence.
    found: Vec<Vec<(u32, u32, EntityKind, u32)>>,
}

impl StoredResolution {
    fn of(r: &Resolution) -> StoredResolution {
        StoredResolution {
            actors: r
                .actors
                .iter()
                .map(|a| StoredActor {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    kind: a.kind,
                    aliases: a.aliases.clone(),
                    descriptors: a.descriptors.clone(),
                })
                .collect(),
            mention_actor: r
                .mention_actor
                .iter()
                .map(|m| m.iter().map(|&a| a as u32).collect())
                .collect(),
            found: r
                .found
                .iter()
                .map(|f| {
                    f.iter()
                        .map(|m| (m.start as u32, m.end as u32, m.kind, m.sentence as u32))
                        .collect()
                })
                .collect(),
        }
    }

    fn into_resolution(self) -> Resolution {
        Resolution {
            actors: self
                .actors
                .into_iter()
                .map(|a| Actor {
                    id: a.id,
                    name: a.name,
                    kind: a.kind,
                    aliases: a.aliases,
                    descriptors: a.descriptors,
                })
                .collect(),
            mention_actor: self
                .mention_actor
                .into_iter()
                .map(|m| m.into_iter().map(|a| a as usize).collect())
                .collect(),
            found: self
                .found
                .into_iter()
                .map(|f| {
                    f.into_iter()
                        .map(|(start, end, kind, sentence)| Mention {
                            start: start as usize,
                            end: end as usize,
                            kind,
                            sentence: sentence as usize,
                        })
                        .collect()
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rules::RuleTagger;

    const TEXT: &str = "Russian Deputy Foreign Minister Sergey Ryabkov met Michael Ratney, \
        the US special envoy, in Geneva. Ratney is a diplomat.";

    fn analysed() -> (AnalyzedText, Vec<Descriptor>) {
        let analysis = analysis::analyze(TEXT, &RuleTagger::builtin());
        let described = descriptors::describe(TEXT, &analysis, Lexicon::builtin());
        (analysis, described)
    }

    #[test]
    fn an_analysis_and_its_descriptors_come_back_as_stored() {
        let (analysis, described) = analysed();
        assert!(!described.is_empty(), "the text describes its actors");
        let blob = postcard::to_allocvec(&StoredAnalysis::of(&analysis, &described)).unwrap();
        let stored: StoredAnalysis = postcard::from_bytes(&blob).unwrap();
        let (back, back_described) = stored.into_analysis().unwrap();
        assert_eq!(back.tokens, analysis.tokens);
        assert_eq!(back.sentences, analysis.sentences);
        assert_eq!(back.mentions, analysis.mentions);
        assert_eq!(back_described, described);
        assert!(fits_text(&back, &back_described, TEXT));
    }

    #[test]
    fn a_damaged_descriptor_does_not_fit_its_text() {
        let (analysis, mut described) = analysed();
        let mut past_end = described.clone();
        past_end[0].end = TEXT.len() + 3;
        assert!(!fits_text(&analysis, &past_end, TEXT));
        described[0].mention = analysis.mentions.len();
        assert!(!fits_text(&analysis, &described, TEXT));
        let mut stored = StoredAnalysis::of(&analysis, &[]);
        stored.descriptors.push((0, 0, 1, 9));
        assert!(stored.into_analysis().is_none(), "an unknown kind");
    }

    /// Opens the store of `key` in `dir` from several threads at once and
    /// writes one row from each: every row must be in the store that stays.
    fn open_at_once(dir: &Path, key: &CorpusKey, version: &str) {
        const READERS: i64 = 4;
        let barrier = std::sync::Barrier::new(READERS as usize);
        std::thread::scope(|scope| {
            for reader in 0..READERS {
                let barrier = &barrier;
                scope.spawn(move || {
                    barrier.wait();
                    let (cache, _) = CorpusCache::open(dir, key, version).expect("a store");
                    cache
                        .conn
                        .execute(
                            "INSERT INTO resolutions (key, data) VALUES (?1, x'00')",
                            params![reader],
                        )
                        .expect("written");
                });
            }
        });
        let (cache, notes) = CorpusCache::open(dir, key, version).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        let rows: i64 = cache
            .conn
            .query_row("SELECT count(*) FROM resolutions", [], |row| row.get(0))
            .unwrap();
        assert_eq!(rows, READERS, "a reader wrote to a store that was replaced");
    }

    #[test]
    fn readers_making_the_store_at_once_share_one() {
        for _ in 0..10 {
            let dir = tempfile::tempdir().unwrap();
            open_at_once(dir.path(), &CorpusKey::sample(), "v1");
        }
    }

    #[test]
    fn a_stale_store_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let key = CorpusKey::sample();
        let (old, notes) = CorpusCache::open(dir.path(), &key, "v1").unwrap();
        assert!(notes.is_empty());
        drop(old);
        let (new, notes) = CorpusCache::open(dir.path(), &key, "v2").unwrap();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("another version"), "{notes:?}");
        drop(new);
        let (_, notes) = CorpusCache::open(dir.path(), &key, "v2").unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        let left: Vec<_> = fs::read_dir(dir.path().join("corpora"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains(".new-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
