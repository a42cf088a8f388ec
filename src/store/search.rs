//! Full-text search over the articles: an FTS5 table in the corpus store
//! (`texts`, one row per distinct article text, keyed by its hash), or in
//! memory when there is no store.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, params};

use crate::corpus::Article;
use crate::index::search::{TextIndex, TextQuery};

/// The table, as made in the corpus store and in memory.
pub(super) const TABLE: &str = "CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5(
    title, body, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
)";

/// Adds an article's text under its hash (replacing what was there).
pub(super) fn insert(conn: &Connection, hash: i64, article: &Article) -> rusqlite::Result<()> {
    let mut statement = conn
        .prepare_cached("INSERT OR REPLACE INTO texts (rowid, title, body) VALUES (?1, ?2, ?3)")?;
    statement.execute(params![hash, article.title, article.text])?;
    Ok(())
}

/// Searches one corpus's texts.
#[derive(Debug)]
pub struct TextSearch {
    conn: Connection,
    /// Text hash -> the articles with that text, in corpus order.
    articles: HashMap<i64, Vec<usize>>,
}

impl TextSearch {
    /// Over the texts of the corpus store at `path`; `hashes` are the text
    /// hashes of the corpus's articles, in order.
    pub fn in_store(path: &Path, hashes: &[i64]) -> rusqlite::Result<TextSearch> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        Ok(TextSearch {
            conn,
            articles: by_hash(hashes),
        })
    }

    /// Over `articles`, indexed in memory now.
    pub fn in_memory(articles: &[Article], hashes: &[i64]) -> rusqlite::Result<TextSearch> {
        let mut conn = Connection::open_in_memory()?;
        conn.execute_batch(TABLE)?;
        let tx = conn.transaction()?;
        for (article, &hash) in articles.iter().zip(hashes) {
            insert(&tx, hash, article)?;
        }
        tx.commit()?;
        Ok(TextSearch {
            conn,
            articles: by_hash(hashes),
        })
    }
}

fn by_hash(hashes: &[i64]) -> HashMap<i64, Vec<usize>> {
    let mut map: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, &h) in hashes.iter().enumerate() {
        map.entry(h).or_default().push(i);
    }
    map
}

impl TextIndex for TextSearch {
    fn search(&self, query: &TextQuery, limit: usize) -> Vec<usize> {
        let run = || -> rusqlite::Result<Vec<i64>> {
            let mut statement = self.conn.prepare_cached(
                "SELECT rowid FROM texts WHERE texts MATCH ?1 ORDER BY rank LIMIT ?2",
            )?;
            let rows = statement.query_map(params![query.to_fts(), limit as i64], |row| {
                row.get::<_, i64>(0)
            })?;
            rows.collect()
        };
        // A query the index cannot run finds nothing; it never fails the reader.
        let hashes = run().unwrap_or_default();
        let mut out = Vec::new();
        for hash in hashes {
            if let Some(articles) = self.articles.get(&hash) {
                out.extend(articles.iter().copied());
            }
        }
        out.truncate(limit);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, text: &str) -> Article {
        Article {
            path: format!("{title}.txt"),
            title: title.into(),
            source: None,
            date: None,
            place: None,
            url: None,
            text: text.into(),
            encoding: None,
        }
    }

    #[test]
    fn finds_words_phrases_and_prefixes_ranked() {
        let articles = vec![
            article("a", "The talks on a ceasefire in Aleppo went on."),
            article(
                "b",
                "Ceasefire, ceasefire: the ceasefire holds. Peace talks next.",
            ),
            article("c", "Nothing here but négociations."),
        ];
        let hashes = [1, 2, 3];
        let search = TextSearch::in_memory(&articles, &hashes).unwrap();
        let find = |q: &str| search.search(&TextQuery::parse(q).unwrap(), 10);
        assert_eq!(
            find("ceasefire"),
            [1, 0],
            "the article saying it most first"
        );
        assert_eq!(find("\"peace talks\""), [1]);
        assert_eq!(find("\"talks peace\""), Vec::<usize>::new());
        assert_eq!(find("aleppo ceasefire"), [0]);
        assert_eq!(find("negoc*"), [2], "diacritics folded");
        assert_eq!(find("a OR NEAR"), Vec::<usize>::new());
    }
}
