//! What crossread keeps on disk, all in this module:
//!
//! - [`state`]: what the user made (link corrections; with [`reader`], read
//!   marks, bookmarks and the last position), one SQLite database in the data directory,
//!   `<data dir>/state.db`. Nothing else there is ever deleted or rebuilt.
//! - [`cache`]: the corpus store, per corpus a SQLite database in the cache
//!   directory holding what analysis computed. Deleting it loses nothing
//!   the user made; it is rebuilt when needed.
//!
//! The data directory is the platform's (`~/.local/share/crossread` on
//! Linux), or `$CROSSREAD_DATA_DIR`; the cache directory the platform's
//! (`~/.cache/crossread`), or `$CROSSREAD_CACHE_DIR`.

pub mod cache;
pub mod reader;
pub mod search;
pub mod state;

use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

pub use state::{CorrectionStore, StoreError};

/// Overrides the data directory.
pub const DATA_DIR_ENV: &str = "CROSSREAD_DATA_DIR";
/// Overrides the cache directory.
pub const CACHE_DIR_ENV: &str = "CROSSREAD_CACHE_DIR";

/// The directory crossread keeps the user's data in: `$CROSSREAD_DATA_DIR`
/// when set and not empty, else the platform's data directory.
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => {
            directories::ProjectDirs::from("", "", "crossread").map(|d| d.data_dir().to_path_buf())
        }
    }
}

/// The directory crossread caches analyses in: `$CROSSREAD_CACHE_DIR` when
/// set and not empty, else the platform's cache directory.
pub fn cache_dir() -> Option<PathBuf> {
    match std::env::var_os(CACHE_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => {
            directories::ProjectDirs::from("", "", "crossread").map(|d| d.cache_dir().to_path_buf())
        }
    }
}

/// Names a corpus in the stores, whatever path it was opened by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusKey {
    /// The file name, without extension.
    pub key: String,
    /// The corpus in clear: its input paths, made absolute.
    pub corpus: Vec<String>,
    /// Each input path as given, with its absolute form.
    roots: Vec<(String, String)>,
}

impl CorpusKey {
    /// The built-in sample corpus.
    pub fn sample() -> CorpusKey {
        CorpusKey {
            key: "sample".to_string(),
            corpus: vec!["built-in sample".to_string()],
            roots: Vec::new(),
        }
    }

    /// The corpus read from `paths`: the same files under any spelling of
    /// their paths, in any order, give the same key.
    pub fn for_paths(paths: &[PathBuf]) -> CorpusKey {
        let roots: Vec<(String, String)> = paths
            .iter()
            .map(|p| {
                let absolute = fs::canonicalize(p)
                    .or_else(|_| std::path::absolute(p))
                    .unwrap_or_else(|_| p.clone());
                (p.display().to_string(), absolute.display().to_string())
            })
            .collect();
        let mut corpus: Vec<String> = roots.iter().map(|(_, a)| a.clone()).collect();
        corpus.sort();
        corpus.dedup();
        let mut hasher = fnv::FnvHasher::default();
        for path in &corpus {
            hasher.write(path.as_bytes());
            hasher.write(&[0]);
        }
        // A readable prefix helps whoever looks in the directory.
        let name = corpus
            .first()
            .and_then(|p| Path::new(p).file_stem())
            .map(|s| slug(&s.to_string_lossy()))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "corpus".to_string());
        CorpusKey {
            key: format!("{name}-{:016x}", hasher.finish()),
            corpus,
            roots,
        }
    }

    /// What corrections call the article read as `path`: the path with its
    /// input root made absolute ("seeds/a.txt" -> "/data/seeds/a.txt").
    pub fn article_key(&self, path: &str) -> String {
        let root = self
            .roots
            .iter()
            .filter(|(given, _)| {
                path.strip_prefix(given.as_str()).is_some_and(|rest| {
                    rest.is_empty()
                        || rest.starts_with(['/', '#', std::path::MAIN_SEPARATOR])
                        || given.ends_with(['/', std::path::MAIN_SEPARATOR])
                })
            })
            .max_by_key(|(given, _)| given.len());
        match root {
            Some((given, absolute)) => {
                let rest = &path[given.len()..];
                if rest.is_empty() || rest.starts_with('#') {
                    format!("{absolute}{rest}")
                } else {
                    let rest = rest.trim_start_matches(['/', std::path::MAIN_SEPARATOR]);
                    format!("{absolute}/{rest}")
                }
            }
            None => path.to_string(),
        }
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_keys_do_not_depend_on_spelling_or_order() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("seeds");
        let b = dir.path().join("more");
        fs::create_dir_all(&a).unwrap();
        fs::create_dir_all(&b).unwrap();
        let key = CorpusKey::for_paths(&[a.clone(), b.clone()]);
        let again = CorpusKey::for_paths(&[b, a.join("../seeds")]);
        assert_eq!(key.key, again.key);
        assert_eq!(key.corpus, again.corpus);
        assert!(key.key.starts_with("more-"), "{}", key.key);
        assert_ne!(key.key, CorpusKey::for_paths(std::slice::from_ref(&a)).key);
        assert_eq!(CorpusKey::sample().key, "sample");
    }

    #[test]
    fn corpus_key_hash_is_fixed() {
        // The file name must not change between versions of the program: FNV-1a
        // 64 of the path and a NUL, as computed independently.
        let key = CorpusKey::for_paths(&[PathBuf::from("/no/such/corpus-dir")]);
        assert_eq!(key.corpus, ["/no/such/corpus-dir"]);
        assert_eq!(key.key, "corpus-dir-7f5455927adbddd4");
    }

    #[test]
    fn article_keys_use_the_absolute_root() {
        let dir = tempfile::tempdir().unwrap();
        let seeds = dir.path().join("seeds");
        fs::create_dir_all(&seeds).unwrap();
        let absolute = fs::canonicalize(&seeds).unwrap().display().to_string();
        let given = seeds.join("../seeds");
        let key = CorpusKey::for_paths(std::slice::from_ref(&given));
        let article = format!("{}/a.txt", given.display());
        assert_eq!(key.article_key(&article), format!("{absolute}/a.txt"));
        fs::write(seeds.join("feed.jsonl"), "").unwrap();
        let file = CorpusKey::for_paths(&[seeds.join("feed.jsonl")]);
        let record = format!("{}#3", seeds.join("feed.jsonl").display());
        assert_eq!(
            file.article_key(&record),
            format!("{absolute}/feed.jsonl#3")
        );
        assert_eq!(key.article_key("elsewhere/b.txt"), "elsewhere/b.txt");
    }
}
