//! Where the reader was and what the user marked, per corpus, in the same
//! user-state database as the corrections (`<data dir>/state.db`): read
//! marks, bookmarks, and the last position.
//!
//! Every save is one transaction holding only what changed since the last
//! load or save, so a crash leaves the last save whole and two readers on
//! one corpus add to each other's marks; the position is the last one saved.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::state::{CorrectionStore, StoreError, open};

/// A place marked, by article path and, for a mention, its byte range.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Bookmark {
    pub article: String,
    /// The mention's byte range in the text, for a bookmark on a mention.
    pub mention: Option<(usize, usize)>,
}

/// Where the reader was: the article, the first byte shown of its text, the
/// actor cross-referenced (by id) and the focused pane (by title).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub article: String,
    pub top: usize,
    pub actor: Option<String>,
    pub focus: String,
}

/// What the reader keeps of one corpus between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReaderState {
    /// The paths of the articles read.
    pub read: BTreeSet<String>,
    pub bookmarks: BTreeSet<Bookmark>,
    pub position: Option<Position>,
}

/// The reader state of one corpus in the user-state database.
#[derive(Debug)]
pub struct ReaderStore {
    path: PathBuf,
    corpus: String,
    conn: Connection,
    /// The state as last read or written: saves write the difference.
    synced: ReaderState,
}

impl ReaderStore {
    /// The reader state of the corpus whose corrections `corrections` keeps,
    /// in the same database.
    pub fn beside(corrections: &CorrectionStore) -> Result<ReaderStore, StoreError> {
        ReaderStore::open(corrections.path(), corrections.corpus_key())
    }

    pub fn open(path: &Path, corpus: &str) -> Result<ReaderStore, StoreError> {
        let unreadable = |reason: String| StoreError::Unreadable {
            path: path.to_path_buf(),
            reason,
        };
        let conn = open(path).map_err(unreadable)?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS read_marks (
                 corpus TEXT NOT NULL,
                 article TEXT NOT NULL,
                 PRIMARY KEY (corpus, article)
             );
             CREATE TABLE IF NOT EXISTS bookmarks (
                 corpus TEXT NOT NULL,
                 article TEXT NOT NULL,
                 start INTEGER NOT NULL,
                 end INTEGER NOT NULL,
                 PRIMARY KEY (corpus, article, start, end)
             );
             CREATE TABLE IF NOT EXISTS positions (
                 corpus TEXT PRIMARY KEY,
                 position TEXT NOT NULL
             );",
        )
        .map_err(|e| unreadable(e.to_string()))?;
        Ok(ReaderStore {
            path: path.to_path_buf(),
            corpus: corpus.to_string(),
            conn,
            synced: ReaderState::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn load(&mut self) -> Result<ReaderState, StoreError> {
        let unreadable = |e: rusqlite::Error| StoreError::Unreadable {
            path: self.path.clone(),
            reason: e.to_string(),
        };
        let corpus = &self.corpus;
        let mut state = ReaderState::default();
        let mut read = self
            .conn
            .prepare("SELECT article FROM read_marks WHERE corpus = ?1")
            .map_err(unreadable)?;
        for row in read
            .query_map([corpus], |row| row.get::<_, String>(0))
            .map_err(unreadable)?
        {
            state.read.insert(row.map_err(unreadable)?);
        }
        let mut marks = self
            .conn
            .prepare("SELECT article, start, end FROM bookmarks WHERE corpus = ?1")
            .map_err(unreadable)?;
        for row in marks
            .query_map([corpus], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })
            .map_err(unreadable)?
        {
            let (article, start, end) = row.map_err(unreadable)?;
            let mention = (start >= 0 && end >= start).then_some((start as usize, end as usize));
            state.bookmarks.insert(Bookmark { article, mention });
        }
        let position: Option<String> = self
            .conn
            .query_row(
                "SELECT position FROM positions WHERE corpus = ?1",
                [corpus],
                |row| row.get(0),
            )
            .optional()
            .map_err(unreadable)?;
        // A position this version cannot read is only a position lost.
        state.position = position.and_then(|p| serde_json::from_str(&p).ok());
        drop(read);
        drop(marks);
        self.synced = state.clone();
        Ok(state)
    }

    /// Writes what changed since the last load or save, in one transaction.
    pub fn save(&mut self, state: &ReaderState) -> Result<(), StoreError> {
        let failed = |e: rusqlite::Error| StoreError::Write {
            path: self.path.clone(),
            reason: e.to_string(),
        };
        let corpus = &self.corpus;
        let synced = &self.synced;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(failed)?;
        for article in state.read.difference(&synced.read) {
            tx.execute(
                "INSERT OR IGNORE INTO read_marks (corpus, article) VALUES (?1, ?2)",
                params![corpus, article],
            )
            .map_err(failed)?;
        }
        for article in synced.read.difference(&state.read) {
            tx.execute(
                "DELETE FROM read_marks WHERE corpus = ?1 AND article = ?2",
                params![corpus, article],
            )
            .map_err(failed)?;
        }
        let range = |b: &Bookmark| b.mention.map_or((-1, -1), |(s, e)| (s as i64, e as i64));
        for mark in state.bookmarks.difference(&synced.bookmarks) {
            let (start, end) = range(mark);
            tx.execute(
                "INSERT OR IGNORE INTO bookmarks (corpus, article, start, end)
                 VALUES (?1, ?2, ?3, ?4)",
                params![corpus, mark.article, start, end],
            )
            .map_err(failed)?;
        }
        for mark in synced.bookmarks.difference(&state.bookmarks) {
            let (start, end) = range(mark);
            tx.execute(
                "DELETE FROM bookmarks
                 WHERE corpus = ?1 AND article = ?2 AND start = ?3 AND end = ?4",
                params![corpus, mark.article, start, end],
            )
            .map_err(failed)?;
        }
        if let Some(position) = &state.position
            && state.position != synced.position
        {
            let json = serde_json::to_string(position).expect("a position serialises");
            tx.execute(
                "INSERT INTO positions (corpus, position) VALUES (?1, ?2)
                 ON CONFLICT (corpus) DO UPDATE SET position = excluded.position",
                params![corpus, json],
            )
            .map_err(failed)?;
        }
        tx.commit().map_err(failed)?;
        self.synced = state.clone();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> ReaderState {
        ReaderState {
            read: ["a.txt".to_string(), "b.txt".to_string()].into(),
            bookmarks: [
                Bookmark {
                    article: "a.txt".into(),
                    mention: None,
                },
                Bookmark {
                    article: "b.txt".into(),
                    mention: Some((4, 9)),
                },
            ]
            .into(),
            position: Some(Position {
                article: "b.txt".into(),
                top: 120,
                actor: Some("org:x".into()),
                focus: "Cross-references".into(),
            }),
        }
    }

    #[test]
    fn what_is_saved_is_read_back_per_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("state.db");
        let mut store = ReaderStore::open(&db, "one").unwrap();
        assert_eq!(store.load().unwrap(), ReaderState::default());
        store.save(&state()).unwrap();
        let mut again = ReaderStore::open(&db, "one").unwrap();
        assert_eq!(again.load().unwrap(), state());
        let mut other = ReaderStore::open(&db, "two").unwrap();
        assert_eq!(other.load().unwrap(), ReaderState::default());
        // Unmarking removes; a second reader's marks are kept.
        let mut less = state();
        less.read.remove("a.txt");
        less.bookmarks.clear();
        again.save(&less).unwrap();
        let mut more = state();
        more.read.insert("c.txt".into());
        store.save(&more).unwrap();
        let read = ReaderStore::open(&db, "one").unwrap().load().unwrap().read;
        let read: Vec<&str> = read.iter().map(String::as_str).collect();
        assert_eq!(read, ["b.txt", "c.txt"]);
    }

    #[test]
    fn a_data_directory_that_is_a_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain");
        std::fs::write(&file, "x").unwrap();
        assert!(ReaderStore::open(&file.join("state.db"), "one").is_err());
    }
}
