//! What the user made, in one SQLite database: `<data dir>/state.db`.
//!
//! Corrections are rows of an ordered log per corpus. A reader never writes
//! its whole log over the stored one: each save, in one transaction, adds
//! the ops it made and removes the ones it undid, then reads the log back,
//! so two readers open on one corpus both keep what the other did, and see
//! it from their next save on. Undo removes only what this reader made or
//! found when it opened, never an op another reader made meanwhile.
//!
//! The database is never deleted or rebuilt: one that cannot be read is
//! reported and left as it is (saving is then refused). Correction files of
//! earlier versions (`<data dir>/corrections/<corpus>.json`) are imported
//! once and left in place.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Deserialize;

use super::CorpusKey;
use crate::index::corrections::{Correction, Corrections, Saved};

/// The schema written (`PRAGMA user_version`); a database of a later one is
/// not touched.
pub const SCHEMA_VERSION: i64 = 1;

/// The version of the legacy JSON correction files that can be imported.
pub const LEGACY_FORMAT_VERSION: u32 = 1;

/// How long a save waits for another reader's transaction to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot understand {}: {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("cannot save to {}: {reason}", path.display())]
    Write { path: PathBuf, reason: String },
    /// The database could not be opened at all: `reason` says why in full.
    #[error("{reason}")]
    Unavailable { reason: String },
}

/// A legacy corrections file as it was written.
#[derive(Debug, Deserialize)]
struct LegacyFile {
    ops: Vec<Correction>,
}

/// The corrections of one corpus in the user-state database.
#[derive(Debug)]
pub struct CorrectionStore {
    path: PathBuf,
    legacy: PathBuf,
    corpus: CorpusKey,
    /// `None` when the database could not be opened: the reason is given
    /// by [`CorrectionStore::load`], and saving is refused.
    conn: Option<Connection>,
    open_error: Option<String>,
    /// The ids of the log as last read or written.
    synced: Vec<i64>,
    /// The ids this reader may undo: found at load, or added by it.
    mine: HashSet<i64>,
}

impl CorrectionStore {
    /// The store of corpus `key` under `data_dir`. Opening never fails: a
    /// database that cannot be opened is reported by `load` and `save`.
    pub fn new(data_dir: &Path, key: &CorpusKey) -> CorrectionStore {
        let path = data_dir.join("state.db");
        let legacy = data_dir
            .join("corrections")
            .join(format!("{}.json", key.key));
        let (conn, open_error) = match not_a_directory(data_dir) {
            Some(why) => (None, Some(why)),
            None => match open(&path) {
                Ok(conn) => (Some(conn), None),
                Err(reason) => (
                    None,
                    Some(format!("cannot open {}: {reason}", path.display())),
                ),
            },
        };
        CorrectionStore {
            path,
            legacy,
            corpus: key.clone(),
            conn,
            open_error,
            synced: Vec::new(),
            mine: HashSet::new(),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The key of the corpus, as the database names it.
    pub fn corpus_key(&self) -> &str {
        &self.corpus.key
    }

    /// Where an earlier version kept this corpus's corrections.
    pub fn legacy_path(&self) -> &Path {
        &self.legacy
    }

    fn conn(&mut self) -> Result<&mut Connection, StoreError> {
        match (&mut self.conn, &self.open_error) {
            (Some(conn), _) => Ok(conn),
            (None, reason) => Err(StoreError::Unavailable {
                reason: reason.clone().unwrap_or_default(),
            }),
        }
    }

    /// Reads the corrections (none for a corpus never corrected), after
    /// importing a legacy file once.
    pub fn load(&mut self) -> Result<Corrections, StoreError> {
        // Without the database there is nothing to import into (and the
        // legacy file's "not a directory" would hide why).
        self.conn()?;
        self.import_legacy()?;
        let log = self.read_log()?;
        self.mine = log.iter().map(|(id, _)| *id).collect();
        Ok(self.adopt(log))
    }

    /// Saves what changed in `corrections` since the last load or save
    /// (ops added, ops undone) in one transaction, and returns the log as
    /// stored now, with what other readers saved meanwhile.
    pub fn save(&mut self, corrections: &Corrections) -> Result<Corrections, StoreError> {
        let path = self.path.clone();
        let failed = |e: rusqlite::Error| StoreError::Write {
            path: path.clone(),
            reason: e.to_string(),
        };
        let corpus = self.corpus.key.clone();
        let kept: HashSet<i64> = (0..corrections.ops.len())
            .filter_map(|i| corrections.saved(i).id)
            .collect();
        let removed: Vec<i64> = self
            .synced
            .iter()
            .copied()
            .filter(|id| !kept.contains(id))
            .collect();
        let added: Vec<String> = (0..corrections.ops.len())
            .filter(|&i| corrections.saved(i).id.is_none())
            .map(|i| serde_json::to_string(&corrections.ops[i]).expect("ops serialise"))
            .collect();
        let key = self.corpus.clone();
        let conn = self.conn()?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(failed)?;
        let mut new_ids = Vec::new();
        {
            let mut delete = tx
                .prepare_cached("DELETE FROM corrections WHERE id = ?1 AND corpus = ?2")
                .map_err(failed)?;
            for id in &removed {
                delete.execute(params![id, corpus]).map_err(failed)?;
            }
            let mut insert = tx
                .prepare_cached("INSERT INTO corrections (corpus, op) VALUES (?1, ?2)")
                .map_err(failed)?;
            for op in &added {
                insert.execute(params![corpus, op]).map_err(failed)?;
                new_ids.push(tx.last_insert_rowid());
            }
        }
        record_corpus(&tx, &key).map_err(failed)?;
        let log = read_log(&tx, &corpus, &path)?;
        tx.commit().map_err(failed)?;
        self.mine.extend(new_ids);
        Ok(self.adopt(log))
    }

    fn read_log(&mut self) -> Result<Vec<(i64, Correction)>, StoreError> {
        let corpus = self.corpus.key.clone();
        let path = self.path.clone();
        let conn = self.conn()?;
        read_log(conn, &corpus, &path)
    }

    /// The log as read, remembered as the state last synced.
    fn adopt(&mut self, log: Vec<(i64, Correction)>) -> Corrections {
        self.synced = log.iter().map(|(id, _)| *id).collect();
        let saved = log
            .iter()
            .map(|(id, _)| Saved {
                id: Some(*id),
                theirs: !self.mine.contains(id),
            })
            .collect();
        Corrections {
            ops: log.into_iter().map(|(_, op)| op).collect(),
            saved,
        }
    }

    /// Appends the ops of the legacy file to the log, once.
    fn import_legacy(&mut self) -> Result<(), StoreError> {
        let legacy = self.legacy.clone();
        let text = match fs::read_to_string(&legacy) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(source) => {
                return Err(StoreError::Read {
                    path: legacy,
                    source,
                });
            }
        };
        let legacy_name = legacy.display().to_string();
        let path = self.path.clone();
        let corpus = self.corpus.key.clone();
        let conn = self.conn()?;
        let imported: Option<i64> = conn
            .query_row(
                "SELECT 1 FROM imported WHERE path = ?1",
                [&legacy_name],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| StoreError::Unreadable {
                path: path.clone(),
                reason: e.to_string(),
            })?;
        if imported.is_some() {
            return Ok(());
        }
        let ops = parse_legacy(&text).map_err(|reason| StoreError::Unreadable {
            path: legacy.clone(),
            reason,
        })?;
        let failed = |e: rusqlite::Error| StoreError::Write {
            path: path.clone(),
            reason: e.to_string(),
        };
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(failed)?;
        for op in &ops {
            let op = serde_json::to_string(op).expect("ops serialise");
            tx.execute(
                "INSERT INTO corrections (corpus, op) VALUES (?1, ?2)",
                params![corpus, op],
            )
            .map_err(failed)?;
        }
        tx.execute(
            "INSERT INTO imported (path, corpus) VALUES (?1, ?2)",
            params![legacy_name, corpus],
        )
        .map_err(failed)?;
        tx.commit().map_err(failed)
    }
}

/// Why `data_dir` cannot hold the database, when it or a folder above it
/// is a file.
fn not_a_directory(data_dir: &Path) -> Option<String> {
    let blocking = data_dir
        .ancestors()
        .find(|p| p.exists())
        .filter(|p| !p.is_dir())?;
    let mut why = format!(
        "the data directory {} is not a directory",
        data_dir.display()
    );
    if blocking != data_dir {
        why.push_str(&format!(" ({} is a file)", blocking.display()));
    }
    why.push_str(&format!(
        "; set {} to a folder to keep corrections",
        super::DATA_DIR_ENV
    ));
    Some(why)
}

/// Opens (creating if needed) the database and its tables; why not, if not.
pub(super) fn open(path: &Path) -> Result<Connection, String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let conn = Connection::open(path).map_err(|e| e.to_string())?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| e.to_string())?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|e| e.to_string())?;
    if version > SCHEMA_VERSION {
        return Err(format!(
            "schema version {version} is newer than this program's ({SCHEMA_VERSION})"
        ));
    }
    // Readers and a writer at once, without blocking each other.
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| e.to_string())?;
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         CREATE TABLE IF NOT EXISTS corpora (
             key TEXT PRIMARY KEY,
             paths TEXT NOT NULL
         );
         CREATE TABLE IF NOT EXISTS corrections (
             id INTEGER PRIMARY KEY AUTOINCREMENT,
             corpus TEXT NOT NULL,
             op TEXT NOT NULL
         );
         CREATE INDEX IF NOT EXISTS corrections_by_corpus ON corrections (corpus, id);
         CREATE TABLE IF NOT EXISTS imported (
             path TEXT PRIMARY KEY,
             corpus TEXT NOT NULL
         );
         PRAGMA user_version = 1;
         COMMIT;",
    )
    .map_err(|e| e.to_string())?;
    Ok(conn)
}

/// Notes what a corpus key stands for, for whoever looks in the database.
fn record_corpus(conn: &Connection, key: &CorpusKey) -> rusqlite::Result<()> {
    let paths = serde_json::to_string(&key.corpus).expect("paths serialise");
    conn.execute(
        "INSERT INTO corpora (key, paths) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET paths = excluded.paths",
        params![key.key, paths],
    )?;
    Ok(())
}

fn read_log(
    conn: &Connection,
    corpus: &str,
    path: &Path,
) -> Result<Vec<(i64, Correction)>, StoreError> {
    let unreadable = |reason: String| StoreError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let mut statement = conn
        .prepare_cached("SELECT id, op FROM corrections WHERE corpus = ?1 ORDER BY id")
        .map_err(|e| unreadable(e.to_string()))?;
    let rows = statement
        .query_map([corpus], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })
        .map_err(|e| unreadable(e.to_string()))?;
    let mut log = Vec::new();
    for row in rows {
        let (id, op) = row.map_err(|e| unreadable(e.to_string()))?;
        let op: Correction =
            serde_json::from_str(&op).map_err(|e| unreadable(format!("correction {id}: {e}")))?;
        log.push((id, op));
    }
    Ok(log)
}

/// The ops of a legacy corrections file; its version is checked first, so
/// that a later format is named as such.
fn parse_legacy(text: &str) -> Result<Vec<Correction>, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v > u64::from(LEGACY_FORMAT_VERSION) => {
            return Err(format!(
                "format version {v} is newer than this program's ({LEGACY_FORMAT_VERSION})"
            ));
        }
        Some(_) => {}
        None => return Err("no format version".to_string()),
    }
    let file: LegacyFile = serde_json::from_value(value).map_err(|e| e.to_string())?;
    Ok(file.ops)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops() -> Vec<Correction> {
        vec![
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
        ]
    }

    fn store(dir: &Path) -> CorrectionStore {
        CorrectionStore::new(dir, &CorpusKey::sample())
    }

    fn made(ops: &[Correction]) -> Corrections {
        let mut c = Corrections::default();
        for op in ops {
            c.push(op.clone());
        }
        c
    }

    #[test]
    fn nothing_saved_means_no_corrections() {
        let dir = tempfile::tempdir().unwrap();
        assert!(store(dir.path()).load().unwrap().ops.is_empty());
    }

    #[test]
    fn round_trip_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        store.load().unwrap();
        let saved = store.save(&made(&ops())).unwrap();
        assert_eq!(saved.ops, ops());
        assert!(saved.saved.iter().all(|s| s.id.is_some() && !s.theirs));
        assert_eq!(store.path(), dir.path().join("state.db"));
        assert_eq!(self::store(dir.path()).load().unwrap().ops, ops());
    }

    #[test]
    fn two_readers_keep_each_others_corrections() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = store(dir.path());
        let mut b = store(dir.path());
        let mut a_log = a.load().unwrap();
        let mut b_log = b.load().unwrap();
        let [one, two, three] = <[Correction; 3]>::try_from(ops()).unwrap();
        a_log.push(one.clone());
        a_log = a.save(&a_log).unwrap();
        // B never saw A's op; its save keeps it and brings it back.
        b_log.push(two.clone());
        b_log = b.save(&b_log).unwrap();
        assert_eq!(b_log.ops, [one.clone(), two.clone()]);
        assert!(b_log.saved[0].theirs && !b_log.saved[1].theirs);
        // A undoes its own op: B's stays.
        assert_eq!(a_log.undo(), Some(one.clone()));
        a_log = a.save(&a_log).unwrap();
        assert_eq!(a_log.ops, std::slice::from_ref(&two));
        // Nothing of A's is left to undo: B's op is not A's to take back.
        assert_eq!(a_log.undo(), None);
        assert_eq!(a_log.ops, std::slice::from_ref(&two));
        // B undoes its op and adds another; A's undo reached B on its save.
        assert_eq!(b_log.undo(), Some(two));
        b_log.push(three.clone());
        b_log = b.save(&b_log).unwrap();
        assert_eq!(b_log.ops, std::slice::from_ref(&three));
        assert_eq!(self::store(dir.path()).load().unwrap().ops, [three]);
    }

    #[test]
    fn a_legacy_file_is_imported_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        let legacy = store.legacy_path().to_path_buf();
        fs::create_dir_all(legacy.parent().unwrap()).unwrap();
        let text = serde_json::json!({"version": 1, "corpus": ["built-in sample"], "ops": ops()});
        fs::write(&legacy, text.to_string()).unwrap();
        assert_eq!(store.load().unwrap().ops, ops());
        assert_eq!(self::store(dir.path()).load().unwrap().ops, ops());
        assert!(legacy.exists());
    }

    #[test]
    fn an_unreadable_legacy_file_is_reported_and_left_alone() {
        for content in [
            "{\"version\": 1, \"ops\": [{\"op\": \"mer",
            "{\"version\": 9, \"ops\": []}",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let mut store = store(dir.path());
            let legacy = store.legacy_path().to_path_buf();
            fs::create_dir_all(legacy.parent().unwrap()).unwrap();
            fs::write(&legacy, content).unwrap();
            let err = store.load().unwrap_err();
            assert!(matches!(err, StoreError::Unreadable { .. }), "{err}");
            assert!(err.to_string().contains("sample.json"), "{err}");
            assert_eq!(fs::read_to_string(&legacy).unwrap(), content);
        }
    }

    #[test]
    fn a_corrupt_database_is_reported_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let junk = "this is not a database, but the user's file all the same".repeat(100);
        fs::write(&path, &junk).unwrap();
        let mut store = store(dir.path());
        let err = store.load().unwrap_err();
        assert!(err.to_string().contains("state.db"), "{err}");
        assert!(store.save(&made(&ops())).is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), junk);
    }

    #[test]
    fn a_data_directory_that_is_a_file_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("data");
        fs::write(&file, "not a folder").unwrap();
        for data_dir in [file.clone(), file.join("deeper")] {
            let mut store = CorrectionStore::new(&data_dir, &CorpusKey::sample());
            let load = store.load().unwrap_err().to_string();
            let save = store.save(&Corrections::default()).unwrap_err().to_string();
            assert_eq!(load, save);
            assert!(
                load.starts_with(&format!(
                    "the data directory {} is not a directory",
                    data_dir.display()
                )),
                "{load}"
            );
            assert!(load.contains("CROSSREAD_DATA_DIR"), "{load}");
            assert!(!load.contains("cannot read"), "{load}");
        }
        assert!(fs::read_to_string(&file).unwrap() == "not a folder");
    }
}
