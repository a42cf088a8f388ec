//! Reading files and folders into a [`Corpus`].
//!
//! Folders are walked in a fixed order (entries sorted by name, depth
//! first), skipping hidden entries and files of other types; the files are
//! then read in parallel and their articles kept in walk order. Nothing a
//! file contains can stop a load: every problem becomes a [`LoadIssue`].
//!
//! Limits: a single document (.txt, .md, .json, .html, feeds) may be at
//! most [`MAX_DOCUMENT_BYTES`]; JSON Lines files are streamed and may be of
//! any size, but each record (line) may be at most [`MAX_RECORD_BYTES`].
//!
//! Text must be UTF-8. A leading byte-order mark is kept in the article
//! text (offsets stay true to the file) and skipped when finding the title.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::json::Loaded;
use super::{Corpus, IssueKind, LoadIssue, feed, html, json, text};
use crate::assets;

/// The largest single document read, in bytes (64 MiB).
pub const MAX_DOCUMENT_BYTES: u64 = 64 << 20;
/// The largest JSON Lines record read, in bytes (64 MiB).
pub const MAX_RECORD_BYTES: usize = 64 << 20;

/// File extensions read, lower-case, without the dot.
pub const SUPPORTED_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "json", "jsonl", "ndjson", "html", "htm", "rss", "atom", "xml",
];

/// How many leading bytes decide whether a file is binary.
const SNIFF_BYTES: usize = 8192;

/// Size limits of a load; the defaults are the documented limits.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub max_document_bytes: u64,
    pub max_record_bytes: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_document_bytes: MAX_DOCUMENT_BYTES,
            max_record_bytes: MAX_RECORD_BYTES,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
    Json,
    JsonLines,
    Html,
    Feed,
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "html" | "htm" => Format::Html,
        "rss" | "atom" | "xml" => Format::Feed,
        _ => return None,
    })
}

/// One step of a load, in corpus order.
enum Job {
    File(PathBuf, Format),
    Issue(LoadIssue),
}

/// Loads every supported file under `paths` (folders recursively).
pub fn load_paths(paths: &[PathBuf]) -> Corpus {
    load_paths_with(paths, &LoadOptions::default())
}

/// [`load_paths`] with other size limits.
pub fn load_paths_with(paths: &[PathBuf], options: &LoadOptions) -> Corpus {
    let mut jobs = Vec::new();
    for path in paths {
        collect_jobs(path, &mut jobs);
    }
    let loaded: Vec<Loaded> = jobs
        .into_par_iter()
        .map(|job| match job {
            Job::File(path, format) => load_file(&path, format, options),
            Job::Issue(issue) => Loaded {
                articles: Vec::new(),
                issues: vec![issue],
            },
        })
        .collect();
    let mut corpus = Corpus::default();
    for part in loaded {
        corpus.articles.extend(part.articles);
        corpus.issues.extend(part.issues);
    }
    corpus
}

/// What one file of a load gave, in walk order.
#[derive(Debug)]
pub enum FileLoad {
    /// The file was read.
    Read {
        path: PathBuf,
        articles: Vec<super::Article>,
        issues: Vec<LoadIssue>,
    },
    /// `known` said a store holds this file's articles: it was not read.
    Known(PathBuf),
    /// A walk problem, or a file that is not read.
    Issue(LoadIssue),
}

/// Walks `paths` as [`load_paths_with`] does and reads every file but
/// those `known` says a store already holds (unchanged since stored).
pub fn load_files(
    paths: &[PathBuf],
    options: &LoadOptions,
    known: &(dyn Fn(&Path) -> bool + Sync),
) -> Vec<FileLoad> {
    let mut jobs = Vec::new();
    for path in paths {
        collect_jobs(path, &mut jobs);
    }
    jobs.into_par_iter()
        .map(|job| match job {
            Job::File(path, _) if known(&path) => FileLoad::Known(path),
            Job::File(path, format) => {
                let loaded = load_file(&path, format, options);
                FileLoad::Read {
                    path,
                    articles: loaded.articles,
                    issues: loaded.issues,
                }
            }
            Job::Issue(issue) => FileLoad::Issue(issue),
        })
        .collect()
}

/// The sample corpus built into the binary, read exactly as the same files
/// would be from disk (only the path differs: `sample/NAME`).
pub fn load_sample() -> Corpus {
    let mut corpus = Corpus::default();
    for (name, content) in assets::SAMPLE_CORPUS {
        let format = format_of(Path::new(name)).unwrap_or(Format::Text);
        let loaded = load_text(&format!("sample/{name}"), format, content.to_string());
        corpus.articles.extend(loaded.articles);
        corpus.issues.extend(loaded.issues);
    }
    corpus
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        _ => e.to_string(),
    }
}

fn unsupported_reason(path: &Path) -> String {
    let supported = SUPPORTED_EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ");
    match path.extension() {
        Some(ext) => format!(
            "unsupported file type .{} (crossread reads {supported})",
            ext.to_string_lossy()
        ),
        None => format!("file has no extension (crossread reads {supported})"),
    }
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

fn collect_jobs(path: &Path, jobs: &mut Vec<Job>) {
    let metadata = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let issue = LoadIssue::new(display(path), IssueKind::Unreadable, io_reason(&e));
            jobs.push(Job::Issue(issue));
            return;
        }
    };
    if metadata.is_file() {
        // A file named explicitly is read even if hidden, and reported if unsupported.
        jobs.push(match format_of(path) {
            Some(format) => Job::File(path.to_path_buf(), format),
            None => Job::Issue(LoadIssue::new(
                display(path),
                IssueKind::Unsupported,
                unsupported_reason(path),
            )),
        });
        return;
    }
    if !metadata.is_dir() {
        let issue = LoadIssue::new(
            display(path),
            IssueKind::Unsupported,
            "not a regular file or folder",
        );
        jobs.push(Job::Issue(issue));
        return;
    }
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if let Some(format) = format_of(e.path()) {
                    jobs.push(Job::File(e.into_path(), format));
                }
            }
            Ok(_) => {}
            Err(err) => jobs.push(Job::Issue(walk_issue(&err, path))),
        }
    }
}

fn walk_issue(err: &walkdir::Error, root: &Path) -> LoadIssue {
    let at = display(err.path().unwrap_or(root));
    if let Some(ancestor) = err.loop_ancestor() {
        return LoadIssue::new(
            at,
            IssueKind::Folder,
            format!(
                "folder loop: links back to {}; not followed",
                ancestor.display()
            ),
        );
    }
    let reason = match err.io_error() {
        Some(e) => format!("cannot read folder entry: {}", io_reason(e)),
        None => err.to_string(),
    };
    LoadIssue::new(at, IssueKind::Folder, reason)
}

fn load_file(path: &Path, format: Format, options: &LoadOptions) -> Loaded {
    let name = display(path);
    let fail = |kind, reason: String| Loaded {
        articles: Vec::new(),
        issues: vec![LoadIssue::new(name.clone(), kind, reason)],
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(IssueKind::Unreadable, io_reason(&e)),
    };
    if format == Format::JsonLines {
        let mut reader = BufReader::with_capacity(1 << 16, file);
        let head = match reader.fill_buf() {
            Ok(head) => head,
            Err(e) => return fail(IssueKind::Unreadable, io_reason(&e)),
        };
        if let Some(reason) = binary_reason(&head[..head.len().min(SNIFF_BYTES)]) {
            return fail(IssueKind::Binary, reason);
        }
        return json::json_lines(&name, &mut reader, options.max_record_bytes);
    }
    let limit = options.max_document_bytes;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        return fail(IssueKind::TooLarge, too_large_reason(size, limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Read one byte past the limit to notice a file that grew meanwhile.
    if let Err(e) = file.take(limit + 1).read_to_end(&mut bytes) {
        return fail(IssueKind::Unreadable, io_reason(&e));
    }
    if bytes.len() as u64 > limit {
        return fail(
            IssueKind::TooLarge,
            too_large_reason(bytes.len() as u64, limit),
        );
    }
    match decode(bytes) {
        Ok(content) => load_text(&name, format, content),
        Err((kind, reason)) => fail(kind, reason),
    }
}

fn too_large_reason(size: u64, limit: u64) -> String {
    format!(
        "file is {:.1} MiB, over the {} MiB limit for one document",
        size as f64 / (1 << 20) as f64,
        limit >> 20
    )
}

/// Why the first bytes of a file say it is not text, if they do.
fn binary_reason(head: &[u8]) -> Option<String> {
    if head.contains(&0) {
        return Some("binary file (contains NUL bytes; UTF-16 text is not supported)".into());
    }
    let decoded = String::from_utf8_lossy(head);
    let total = decoded.chars().count();
    let odd = decoded
        .chars()
        .filter(|&c| c == char::REPLACEMENT_CHARACTER || (c.is_control() && !c.is_whitespace()))
        .count();
    // A few stray bytes are an encoding problem; a third is not text at all.
    (total > 0 && odd * 3 > total).then(|| "binary file (mostly non-text bytes)".into())
}

/// The file's bytes as UTF-8 text, or why they are not usable.
fn decode(bytes: Vec<u8>) -> Result<String, (IssueKind, String)> {
    if bytes.is_empty() {
        return Err((IssueKind::Empty, "file is empty".into()));
    }
    if let Some(reason) = binary_reason(&bytes[..bytes.len().min(SNIFF_BYTES)]).or_else(|| {
        bytes
            .contains(&0)
            .then(|| "binary file (contains NUL bytes)".into())
    }) {
        return Err((IssueKind::Binary, reason));
    }
    let content = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        (
            IssueKind::Encoding,
            format!(
                "invalid UTF-8 at byte {at} (line {line}); convert the file to UTF-8 (it may be Latin-1 or Windows-1252)"
            ),
        )
    })?;
    if content.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err((IssueKind::Empty, "file holds only whitespace".into()));
    }
    Ok(content)
}

/// Articles from the decoded content of one file.
fn load_text(name: &str, format: Format, content: String) -> Loaded {
    let one = |article| Loaded {
        articles: vec![article],
        issues: Vec::new(),
    };
    match format {
        Format::Text => one(text::text_article(name.to_string(), content, false)),
        Format::Markdown => one(text::text_article(name.to_string(), content, true)),
        Format::Json => json::json_document(name, &content),
        Format::Feed => feed::feed_document(name, &content),
        Format::Html => {
            let article = html::html_article(name.to_string(), &content);
            if article.text.trim().is_empty() {
                Loaded {
                    articles: Vec::new(),
                    issues: vec![LoadIssue::new(
                        name,
                        IssueKind::Empty,
                        "HTML page has no readable text",
                    )],
                }
            } else {
                one(article)
            }
        }
        Format::JsonLines => json::json_lines(
            name,
            &mut content.as_bytes(),
            LoadOptions::default().max_record_bytes,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(format_of(Path::new("a/B.TXT")), Some(Format::Text));
        assert_eq!(format_of(Path::new("a.markdown")), Some(Format::Markdown));
        assert_eq!(format_of(Path::new("a.ndjson")), Some(Format::JsonLines));
        assert_eq!(format_of(Path::new("a.htm")), Some(Format::Html));
        assert_eq!(format_of(Path::new("a.atom")), Some(Format::Feed));
        assert_eq!(format_of(Path::new("a.pdf")), None);
        assert_eq!(format_of(Path::new("README")), None);
        for ext in SUPPORTED_EXTENSIONS {
            assert!(format_of(Path::new(&format!("x.{ext}"))).is_some(), "{ext}");
        }
    }

    #[test]
    fn decoding_rules() {
        assert_eq!(decode(b"".to_vec()).unwrap_err().0, IssueKind::Empty);
        assert_eq!(decode(b" \n\t".to_vec()).unwrap_err().0, IssueKind::Empty);
        assert_eq!(
            decode("\u{feff}\n".into()).unwrap_err().0,
            IssueKind::Empty,
            "a BOM alone is empty"
        );
        assert_eq!(decode(b"ab\0cd".to_vec()).unwrap_err().0, IssueKind::Binary);
        let (kind, reason) = decode(b"caf\xe9 au lait\nline two".to_vec()).unwrap_err();
        assert_eq!(kind, IssueKind::Encoding);
        assert!(reason.contains("byte 3 (line 1)"), "{reason}");
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 97 % 256) as u8 | 0x80).collect();
        assert_eq!(decode(noise).unwrap_err().0, IssueKind::Binary);
        let bom = decode("\u{feff}Title".into()).unwrap();
        assert!(bom.starts_with('\u{feff}'), "text is kept as read");
    }

    #[test]
    fn sample_loads_with_metadata() {
        let corpus = load_sample();
        assert!(corpus.issues.is_empty());
        assert_eq!(corpus.articles.len(), assets::SAMPLE_CORPUS.len());
        let tass = &corpus.articles[0];
        assert_eq!(tass.path, "sample/000_e2a401e195530229.txt");
        assert_eq!(tass.source.as_deref(), Some("TASS"));
        assert_eq!(tass.place.as_deref(), Some("Geneva"));
        assert_eq!(tass.text, assets::SAMPLE_CORPUS[0].1);
    }
}
