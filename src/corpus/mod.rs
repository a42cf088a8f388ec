//! Corpus loading: files and folders of news articles become [`Article`]s,
//! and every file that cannot be read becomes a [`LoadIssue`] instead.

pub mod date;
pub mod dateline;
mod encoding;
mod feed;
mod html;
mod json;
mod loader;
mod text;

use std::fmt;

use serde::Serialize;

pub use loader::{FIRST_BATCH, FileLoad, load_files, load_files_with};
pub use loader::{
    IGNORE_FILE, LoadOptions, MAX_DOCUMENT_BYTES, MAX_RECORD_BYTES, SUPPORTED_EXTENSIONS,
    load_paths, load_paths_with, load_sample,
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
    /// Every offset elsewhere is a byte offset into this string: a UTF-8
    /// file's text is kept byte for byte, any other encoding is decoded.
    pub text: String,
    /// The encoding the file was decoded from ("UTF-8", "windows-1252",
    /// "Shift_JIS"...), as `encoding_rs` names it; `None` for articles made
    /// in code rather than read.
    pub encoding: Option<&'static str>,
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
    /// Text that loaded, but with bytes its encoding could not decode
    /// replaced by U+FFFD.
    Replaced,
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

impl LoadIssue {
    /// The file the issue belongs to (the path without `#N`).
    pub fn file(&self) -> &str {
        match self.path.rsplit_once('#') {
            Some((file, n)) if n.bytes().all(|b| b.is_ascii_digit()) => file,
            _ => &self.path,
        }
    }

    /// What kind of problem this is, in a few words that read after a
    /// count ("773 records without text").
    fn category(&self) -> &'static str {
        match self.kind {
            IssueKind::BadRecord if self.reason.starts_with(json::TOO_SHORT) => {
                "too short to be articles (no title, few words)"
            }
            IssueKind::BadRecord if self.reason.contains("not an object") => "not objects",
            IssueKind::BadRecord => "without text",
            IssueKind::Malformed => "malformed",
            IssueKind::TooLarge => "too large",
            IssueKind::Replaced => "with undecodable bytes",
            IssueKind::Empty => "empty",
            _ => "unreadable",
        }
    }
}

/// Load problems grouped per file, one line each, in the order met: a
/// file with one problem gets it in full, a file with many a count per
/// kind ("docs.jsonl: 773 records without text, skipped").
pub fn issues_by_file(issues: &[LoadIssue]) -> Vec<String> {
    // Thousands of files may have problems: each is found by name, not by a walk.
    let mut files: Vec<(&str, Vec<&LoadIssue>)> = Vec::new();
    let mut place: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for issue in issues {
        let at = *place.entry(issue.file()).or_insert_with(|| {
            files.push((issue.file(), Vec::new()));
            files.len() - 1
        });
        files[at].1.push(issue);
    }
    files
        .into_iter()
        .map(|(file, list)| {
            if let [one] = list.as_slice() {
                return one.to_string();
            }
            let mut kinds: Vec<(&'static str, Vec<&LoadIssue>)> = Vec::new();
            for issue in list {
                match kinds.iter_mut().find(|(c, _)| *c == issue.category()) {
                    Some((_, same)) => same.push(issue),
                    None => kinds.push((issue.category(), vec![issue])),
                }
            }
            let parts: Vec<String> = kinds
                .into_iter()
                .map(|(category, same)| match same.as_slice() {
                    [one] if one.path == file => one.reason.clone(),
                    _ if category == "with undecodable bytes" => same[0].reason.clone(),
                    _ => format!("{} records {category}, skipped", same.len()),
                })
                .collect();
            format!("{file}: {}", parts.join("; "))
        })
        .collect()
}

/// What a load produced: the articles, and the problems met on the way.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub issues: Vec<LoadIssue>,
}
