//! Corpus loading: files and folders of news articles become [`Article`]s,
//! and every file that cannot be read becomes a [`LoadIssue`] instead.

pub mod date;
pub mod dateline;
mod feed;
mod html;
mod json;
mod loader;
mod text;

use std::fmt;

use serde::Serialize;

pub use loader::{FileLoad, load_files};
pub use loader::{
    LoadOptions, MAX_DOCUMENT_BYTES, MAX_RECORD_BYTES, SUPPORTED_EXTENSIONS, load_paths,
    load_paths_with, load_sample,
};

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
    /// The file, or `path#N` for the N-th record of a file holding several.
    pub path: String,
    /// 1-based line, for JSON, JSON Lines and feed errors.
    pub line: Option<usize>,
    pub kind: IssueKind,
    pub reason: String,
}

/// What went wrong, for callers that sort or count problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// The file could not be opened or read (missing, permission denied...).
    Unreadable,
    /// A folder could not be walked (permission denied, a symlink loop).
    Folder,
    /// The file's extension is not one crossread reads.
    Unsupported,
    /// NUL bytes or mostly non-text bytes.
    Binary,
    /// Text that is not valid UTF-8.
    Encoding,
    /// Nothing but whitespace.
    Empty,
    /// Larger than the documented limit.
    TooLarge,
    /// JSON, JSON Lines or XML that does not parse.
    Malformed,
    /// A record that parses but is not an article (not an object, no text).
    BadRecord,
}

impl LoadIssue {
    pub fn new(path: impl Into<String>, kind: IssueKind, reason: impl Into<String>) -> Self {
        LoadIssue {
            path: path.into(),
            line: None,
            kind,
            reason: reason.into(),
        }
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
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
