//! Where corrections are kept: one JSON file per corpus in the user's data
//! directory, `<data dir>/corrections/<corpus key>.json`.
//!
//! The data directory is the platform's (`~/.local/share/crossread` on Linux),
//! or `$CROSSREAD_DATA_DIR` when that is set. Files are replaced atomically:
//! the new content goes to a temporary file in the same directory, is synced
//! to disk, then renamed over the old file, so a crash leaves either the old
//! corrections or the new ones, never a truncated file. A file that cannot be
//! read is never overwritten.

use std::fs::{self, File};
use std::hash::Hasher;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::corrections::{Correction, Corrections};

/// Overrides the data directory.
pub const DATA_DIR_ENV: &str = "CROSSREAD_DATA_DIR";

/// The version of the file format written; files of a later version are not
/// read (nor overwritten).
pub const FORMAT_VERSION: u32 = 1;

/// The directory crossread keeps its data in: `$CROSSREAD_DATA_DIR` when set
/// and not empty, else the platform's data directory.
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => {
            directories::ProjectDirs::from("", "", "crossread").map(|d| d.data_dir().to_path_buf())
        }
    }
}

/// Names a corpus for its corrections file, whatever path it was opened by.
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

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot understand {}: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("cannot save {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error(
        "not saved: {} is unreadable and kept as it was (move it away to save)",
        path.display()
    )]
    Protected { path: PathBuf },
}

/// The file as written.
#[derive(Debug, Serialize, Deserialize)]
struct CorrectionsFile {
    version: u32,
    /// The corpus the corrections belong to, for whoever reads the file.
    #[serde(default)]
    corpus: Vec<String>,
    ops: Vec<Correction>,
}

/// The corrections file of one corpus.
#[derive(Debug, Clone)]
pub struct CorrectionStore {
    path: PathBuf,
    corpus: Vec<String>,
    /// Set when the file exists but could not be read: it is then never
    /// overwritten.
    protected: bool,
}

impl CorrectionStore {
    /// The store of corpus `key` under `data_dir`.
    pub fn new(data_dir: &Path, key: &CorpusKey) -> CorrectionStore {
        CorrectionStore {
            path: data_dir
                .join("corrections")
                .join(format!("{}.json", key.key)),
            corpus: key.corpus.clone(),
            protected: false,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the corrections; none when the file does not exist yet. When
    /// the file exists but cannot be read, the store refuses to save over it.
    pub fn load(&mut self) -> Result<Corrections, StoreError> {
        let result = self.read();
        self.protected = result.is_err();
        result
    }

    fn read(&self) -> Result<Corrections, StoreError> {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Corrections::default()),
            Err(source) => {
                return Err(StoreError::Read {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        let unreadable = |reason: String| StoreError::Unreadable {
            path: self.path.clone(),
            reason,
        };
        // The version first, so that a later format is named as such.
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| unreadable(e.to_string()))?;
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v > u64::from(FORMAT_VERSION) => {
                return Err(unreadable(format!(
                    "format version {v} is newer than this program's ({FORMAT_VERSION})"
                )));
            }
            Some(_) => {}
            None => return Err(unreadable("no format version".to_string())),
        }
        let file: CorrectionsFile =
            serde_json::from_value(value).map_err(|e| unreadable(e.to_string()))?;
        Ok(Corrections { ops: file.ops })
    }

    /// Replaces the file with `corrections`, atomically.
    pub fn save(&self, corrections: &Corrections) -> Result<(), StoreError> {
        if self.protected {
            return Err(StoreError::Protected {
                path: self.path.clone(),
            });
        }
        let file = CorrectionsFile {
            version: FORMAT_VERSION,
            corpus: self.corpus.clone(),
            ops: corrections.ops.clone(),
        };
        self.write_atomically(&file)
            .map_err(|source| StoreError::Write {
                path: self.path.clone(),
                source,
            })
    }

    fn write_atomically(&self, file: &CorrectionsFile) -> io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        // In the same directory, so that the rename stays on one file system.
        let mut temp = tempfile::Builder::new()
            .prefix(".corrections-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        serde_json::to_writer_pretty(&mut temp, file)?;
        temp.write_all(b"\n")?;
        temp.as_file().sync_all()?;
        // Dropping the temporary file on failure removes it.
        temp.persist(&self.path).map_err(|e| e.error)?;
        // The rename itself reaches the disk when the directory is synced.
        #[cfg(unix)]
        if let Ok(dir) = File::open(dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops() -> Corrections {
        Corrections {
            ops: vec![
                Correction::Merge {
                    actor: "org:jabhat-fateh-al-sham".into(),
                    into: "org:jabhat-al-nusra".into(),
                },
                Correction::SplitMention {
                    path: "/data/a.txt".into(),
                    start: 3,
                    end: 9,
                },
                Correction::SplitAlias {
                    actor: "per:sergey-ryabkov".into(),
                    alias: "Ryabkov".into(),
                },
            ],
        }
    }

    fn store(dir: &Path) -> CorrectionStore {
        CorrectionStore::new(dir, &CorpusKey::sample())
    }

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn missing_file_means_no_corrections() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(store(dir.path()).load().unwrap(), Corrections::default());
    }

    #[test]
    fn round_trip_writes_version_corpus_and_ops() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        store.save(&ops()).unwrap();
        assert_eq!(store.path(), dir.path().join("corrections/sample.json"));
        let text = fs::read_to_string(store.path()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["version"], FORMAT_VERSION);
        assert_eq!(value["corpus"][0], "built-in sample");
        assert_eq!(value["ops"][0]["op"], "merge");
        assert_eq!(value["ops"][1]["op"], "split_mention");
        assert_eq!(self::store(dir.path()).load().unwrap(), ops());
    }

    #[cfg(unix)]
    #[test]
    fn saving_renames_a_new_file_over_the_old_one() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        store.save(&ops()).unwrap();
        let before = fs::metadata(store.path()).unwrap().ino();
        // A temporary file left by a crash mid-write changes nothing.
        let corrections = dir.path().join("corrections");
        fs::write(corrections.join(".corrections-crash.tmp"), "{\"vers").unwrap();
        let fewer = Corrections {
            ops: ops().ops[..1].to_vec(),
        };
        store.save(&fewer).unwrap();
        // Another inode: the old file was replaced whole, not rewritten in place.
        assert_ne!(fs::metadata(store.path()).unwrap().ino(), before);
        assert_eq!(self::store(dir.path()).load().unwrap(), fewer);
        assert_eq!(
            files_in(&corrections),
            [".corrections-crash.tmp", "sample.json"]
        );
    }

    #[test]
    fn a_corrupt_file_is_reported_and_never_overwritten() {
        for content in [
            "{\"version\": 1, \"ops\": [{\"op\": \"mer",
            "{\"version\": 9, \"ops\": []}",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let mut store = store(dir.path());
            fs::create_dir_all(store.path().parent().unwrap()).unwrap();
            fs::write(store.path(), content).unwrap();
            let err = store.load().unwrap_err();
            assert!(matches!(err, StoreError::Unreadable { .. }), "{err}");
            assert!(err.to_string().contains("sample.json"));
            let refused = store.save(&ops()).unwrap_err();
            assert!(matches!(refused, StoreError::Protected { .. }));
            assert_eq!(fs::read_to_string(store.path()).unwrap(), content);
        }
    }

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
