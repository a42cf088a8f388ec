//! Corpus loading: files and folders of news articles become [`Article`]s,
//! and every file that cannot be read becomes a [`LoadIssue`] instead.

mod loader;

use std::fmt;

use serde::Serialize;

pub use loader::{load_paths, load_sample};

/// One news article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// Where the article came from: a file path, or `path#N` for the N-th
    /// article (1-based) of a file holding several.
    pub path: String,
    pub title: String,
    pub source: Option<String>,
    /// ISO date (YYYY-MM-DD) when one is known.
    pub date: Option<String>,
    /// The place named in the dateline ("GENEVA, October 19. /TASS/.").
    pub place: Option<String>,
    pub url: Option<String>,
    /// The text as read: the whole file for .txt/.md, the `text` field for JSON.
    /// Every offset elsewhere is a byte offset into this string.
    pub text: String,
}

/// A file, or a record within one, that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadIssue {
    pub path: String,
    /// 1-based line, for line-oriented formats such as JSON Lines.
    pub line: Option<usize>,
    pub reason: String,
}

impl fmt::Display for LoadIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path, self.reason),
            None => write!(f, "{}: {}", self.path, self.reason),
        }
    }
}

/// What a load produced: the articles, and the problems met on the way.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub issues: Vec<LoadIssue>,
}
