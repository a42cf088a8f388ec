//! Reading files and folders into a [`Corpus`].
//!
//! Folders are walked in a fixed order (entries sorted by name, depth
//! first), skipping hidden entries, files of other types, what the
//! folder's `.gitignore`, `.ignore` and `.crossreadignore` files and the
//! `--exclude` globs leave out, and the folder's own papers (README,
//! LICENSE, SOURCE, CHANGELOG...); the files are then read in parallel and
//! their articles kept in walk order. A file named on the command line is
//! always read, as text when it has no extension. Nothing a file contains
//! can stop a load: every problem becomes a [`LoadIssue`].
//!
//! Limits: a single document (.txt, .md, .json, .html, feeds) may be at
//! most [`MAX_DOCUMENT_BYTES`]; JSON Lines files are streamed and may be of
//! any size, but each record (line) may be at most [`MAX_RECORD_BYTES`].
//!
//! Text may be in any encoding (see [`super::encoding`]); UTF-8 is kept
//! byte for byte, a leading byte-order mark included (skipped when finding
//! the title).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::encoding::{self, Declarations, Decoded};
use super::json::Loaded;
use super::{Article, Corpus, IssueKind, LoadIssue, feed, html, json, text};
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
    /// Globs (gitignore syntax) of files and folders not to read in the
    /// folders walked (`--exclude`).
    pub exclude: Vec<String>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_document_bytes: MAX_DOCUMENT_BYTES,
            max_record_bytes: MAX_RECORD_BYTES,
            exclude: Vec::new(),
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
        collect_jobs(path, options, &mut jobs);
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
    load_files_with(paths, options, known, &mut |_, _| {})
}

/// How many files [`load_files_with`] reads before it tells what it has.
pub const FIRST_BATCH: usize = 1024;

/// [`load_files`], telling `first` the loads of the first
/// [`FIRST_BATCH`] files as soon as they are read, and whether more follow,
/// so that a reader can show them while the rest is read.
pub fn load_files_with(
    paths: &[PathBuf],
    options: &LoadOptions,
    known: &(dyn Fn(&Path) -> bool + Sync),
    first: &mut dyn FnMut(&[FileLoad], bool),
) -> Vec<FileLoad> {
    let mut jobs = Vec::new();
    for path in paths {
        collect_jobs(path, options, &mut jobs);
    }
    let run = |job: Job| match job {
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
    };
    let rest = jobs.split_off(jobs.len().min(FIRST_BATCH));
    let mut loads: Vec<FileLoad> = jobs.into_par_iter().map(run).collect();
    first(&loads, !rest.is_empty());
    loads.par_extend(rest.into_par_iter().map(run));
    loads
}

/// The sample corpus built into the binary, read exactly as the same files
/// would be from disk (only the path differs: `sample/NAME`).
pub fn load_sample() -> Corpus {
    let mut corpus = Corpus::default();
    for (name, content) in assets::SAMPLE_CORPUS {
        let format = format_of(Path::new(name)).unwrap_or(Format::Text);
        let loaded = load_text(&format!("sample/{name}"), format, content.to_string());
        let utf8 = loaded.articles.into_iter().map(|a| Article {
            encoding: Some(encoding_rs::UTF_8.name()),
            ..a
        });
        corpus.articles.extend(utf8);
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

/// Names of a folder's own papers (its README, licence, provenance notes,
/// change log), compared upper-case without the extension: a folder of
/// articles often holds them, and they are not articles. Named on the
/// command line, such a file is read like any other.
const FOLDER_PAPERS: &[&str] = &[
    "README",
    "LICENSE",
    "LICENCE",
    "LICENSEDATA",
    "COPYING",
    "NOTICE",
    "SOURCE",
    "SOURCES",
    "CHANGELOG",
    "CHANGES",
    "HISTORY",
    "AUTHORS",
    "CONTRIBUTING",
    "CITATION",
];

/// Whether a file found in a folder is one of the folder's papers.
fn is_folder_paper(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let stem = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    FOLDER_PAPERS.contains(&stem.as_str())
}

/// Files of a custom ignore list in a folder, beside `.gitignore` and `.ignore`.
pub const IGNORE_FILE: &str = ".crossreadignore";

fn collect_jobs(path: &Path, options: &LoadOptions, jobs: &mut Vec<Job>) {
    let metadata = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let issue = LoadIssue::new(display(path), IssueKind::Unreadable, io_reason(&e));
            jobs.push(Job::Issue(issue));
            return;
        }
    };
    if metadata.is_file() {
        // A file named explicitly is read even if hidden or without an
        // extension (as text), and reported if of another type.
        let format = match path.extension() {
            None => Some(Format::Text),
            Some(_) => format_of(path),
        };
        jobs.push(match format {
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
    let mut walk = ignore::WalkBuilder::new(path);
    walk.follow_links(true)
        .hidden(true)
        .parents(false)
        .require_git(false)
        .git_global(false)
        .ignore(true)
        .git_ignore(true)
        .git_exclude(true)
        .add_custom_ignore_filename(IGNORE_FILE)
        .sort_by_file_name(|a, b| a.cmp(b));
    if !options.exclude.is_empty() {
        let mut globs = ignore::overrides::OverrideBuilder::new(path);
        for glob in &options.exclude {
            if let Err(e) = globs.add(&format!("!{glob}")) {
                let issue = LoadIssue::new(
                    glob.clone(),
                    IssueKind::Folder,
                    format!("bad --exclude pattern: {e}"),
                );
                jobs.push(Job::Issue(issue));
            }
        }
        match globs.build() {
            Ok(globs) => {
                walk.overrides(globs);
            }
            Err(e) => {
                let issue = LoadIssue::new(
                    display(path),
                    IssueKind::Folder,
                    format!("bad --exclude pattern: {e}"),
                );
                jobs.push(Job::Issue(issue));
            }
        }
    }
    for entry in walk.build() {
        match entry {
            Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                if let Some(format) = format_of(e.path())
                    && !is_folder_paper(e.path())
                {
                    jobs.push(Job::File(e.into_path(), format));
                }
            }
            Ok(_) => {}
            Err(err) => jobs.push(Job::Issue(walk_issue(&err, path))),
        }
    }
}

fn walk_issue(err: &ignore::Error, root: &Path) -> LoadIssue {
    let mut at = root.to_path_buf();
    let mut inner = err;
    // Unwrap the context the walker adds, keeping the deepest path.
    loop {
        match inner {
            ignore::Error::WithPath { path, err } => {
                at = path.clone();
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err;
            }
            _ => break,
        }
    }
    let reason = match inner {
        ignore::Error::Loop { ancestor, child } => {
            at = child.clone();
            format!(
                "folder loop: links back to {}; not followed",
                ancestor.display()
            )
        }
        ignore::Error::Io(e) => format!("cannot read folder entry: {}", io_reason(e)),
        other => format!("cannot read folder entry: {other}"),
    };
    LoadIssue::new(display(&at), IssueKind::Folder, reason)
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
        // JSON Lines is UTF-8 by definition; records that are not are reported.
        let mut loaded = json::json_lines(&name, &mut reader, options.max_record_bytes);
        for article in &mut loaded.articles {
            article.encoding = Some(encoding_rs::UTF_8.name());
        }
        return loaded;
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
    match decode(bytes, format) {
        Ok(decoded) => {
            let replaced = replaced_issue(&name, &decoded);
            let encoding = decoded.encoding;
            let mut loaded = load_text(&name, format, decoded.text);
            for article in &mut loaded.articles {
                article.encoding = Some(encoding);
            }
            loaded.issues.extend(replaced);
            loaded
        }
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
        return Some("binary file (contains NUL bytes)".into());
    }
    let decoded = String::from_utf8_lossy(head);
    text_reason(&decoded)
}

/// Why decoded text is not text at all, if it is not.
fn text_reason(decoded: &str) -> Option<String> {
    let total = decoded.chars().count();
    let odd = decoded
        .chars()
        .filter(|&c| c == char::REPLACEMENT_CHARACTER || (c.is_control() && !c.is_whitespace()))
        .count();
    // A few stray bytes are an encoding problem; a third is not text at all.
    (total > 0 && odd * 3 > total).then(|| "binary file (mostly non-text bytes)".into())
}

/// The file's bytes as text, or why they are not usable.
fn decode(bytes: Vec<u8>, format: Format) -> Result<Decoded, (IssueKind, String)> {
    if bytes.is_empty() {
        return Err((IssueKind::Empty, "file is empty".into()));
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let ascii = head.iter().filter(|b| b.is_ascii()).count();
    let head_len = head.len();
    let declarations = match format {
        Format::Feed => Declarations::Xml,
        Format::Html => Declarations::Html,
        _ => Declarations::None,
    };
    let decoded = encoding::decode(bytes, declarations);
    let sniffed = &decoded.text[..floor_char_boundary(&decoded.text, SNIFF_BYTES)];
    if sniffed.contains('\0') {
        return Err((IssueKind::Binary, "binary file (contains NUL bytes)".into()));
    }
    if let Some(reason) = text_reason(sniffed) {
        return Err((IssueKind::Binary, reason));
    }
    // Text in a one-byte encoding separates its words with ASCII spaces
    // and ends lines with ASCII line breaks; bytes that nearly never do are
    // noise that such an encoding happens to map to letters. (UTF-8 and
    // multi-byte CJK text may well go a long way without ASCII, so the
    // rule is not applied to them: noise shows there as replacements.)
    if decoded.single_byte && head_len >= 256 && ascii * 256 < head_len {
        return Err((
            IssueKind::Binary,
            "binary file (mostly non-text bytes)".into(),
        ));
    }
    if decoded
        .text
        .trim_start_matches('\u{feff}')
        .trim()
        .is_empty()
    {
        return Err((IssueKind::Empty, "file holds only whitespace".into()));
    }
    Ok(decoded)
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The load-report line for text decoded with replacement characters.
fn replaced_issue(name: &str, decoded: &Decoded) -> Option<LoadIssue> {
    let line = decoded.first_replaced_line?;
    let n = decoded.replaced;
    let what = if n == 1 {
        "byte sequence"
    } else {
        "byte sequences"
    };
    let issue = LoadIssue::new(
        name,
        IssueKind::Replaced,
        format!(
            "{n} {what} not valid {} ({}) replaced by U+FFFD (first on line {line}); the rest loaded",
            decoded.encoding,
            decoded.source.describe()
        ),
    );
    Some(issue.at_line(line))
}

/// Articles from the decoded content of one file.
fn load_text(name: &str, format: Format, content: String) -> Loaded {
    let one = |article| Loaded {
        articles: vec![article],
        issues: Vec::new(),
    };
    match format {
        Format::Text => one(text::text_article(name.to_string(), content, false)),
        Format::Markdown => {
            // Broken front matter is told; the article loads from its text.
            let problem = text::malformed_front_matter(&content);
            let mut loaded = one(text::text_article(name.to_string(), content, true));
            if let Some((line, why)) = problem {
                let why = format!("{why}; title and source are read from the text");
                loaded
                    .issues
                    .push(LoadIssue::new(name, IssueKind::Malformed, why).at_line(line));
            }
            loaded
        }
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
    fn the_first_files_are_told_before_the_rest_are_read_and_order_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let n = FIRST_BATCH + 3;
        for i in 0..n {
            let name = format!("{i:05}.txt");
            std::fs::write(dir.path().join(&name), format!("Title {i}\n\nText {i}.")).unwrap();
        }
        let paths = [dir.path().to_path_buf()];
        let mut told = Vec::new();
        let loads = load_files_with(
            &paths,
            &LoadOptions::default(),
            &|_| false,
            &mut |b, more| told.push((b.len(), more)),
        );
        assert_eq!(told, [(FIRST_BATCH, true)]);
        let names: Vec<String> = loads
            .iter()
            .map(|l| match l {
                FileLoad::Read { path, .. } => path.file_name().unwrap().to_string_lossy().into(),
                other => panic!("not read: {other:?}"),
            })
            .collect();
        let expected: Vec<String> = (0..n).map(|i| format!("{i:05}.txt")).collect();
        assert_eq!(names, expected, "walk order, across the batches");
        let mut small = Vec::new();
        let one = [dir.path().join("00000.txt")];
        load_files_with(&one, &LoadOptions::default(), &|_| false, &mut |b, more| {
            small.push((b.len(), more))
        });
        assert_eq!(small, [(1, false)], "a load in one batch says none follow");
    }

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
        let kind = |bytes: &[u8]| decode(bytes.to_vec(), Format::Text).unwrap_err().0;
        assert_eq!(kind(b""), IssueKind::Empty);
        assert_eq!(kind(b" \n\t"), IssueKind::Empty);
        assert_eq!(
            kind("\u{feff}\n".as_bytes()),
            IssueKind::Empty,
            "a BOM alone is empty"
        );
        assert_eq!(kind(b"ab\0cd"), IssueKind::Binary);
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 97 % 256) as u8 | 0x80).collect();
        assert_eq!(kind(&noise), IssueKind::Binary);
        let latin = decode(b"caf\xe9 au lait\nline two".to_vec(), Format::Text).unwrap();
        assert_eq!(latin.text, "café au lait\nline two");
        assert_eq!(latin.encoding, "windows-1252");
        let bom = decode("\u{feff}Title".into(), Format::Text).unwrap();
        assert!(
            bom.text.starts_with('\u{feff}'),
            "UTF-8 text is kept as read"
        );
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Title\nText.".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode(utf16, Format::Text).unwrap().text,
            "Title\nText.",
            "NULs of UTF-16 are not binary"
        );
    }

    #[test]
    fn replacements_are_reported_with_the_encoding() {
        let bad =
            b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss>\n\xff \xe2\x80\x94</rss>".to_vec();
        let decoded = decode(bad, Format::Feed).unwrap();
        let issue = replaced_issue("f.xml", &decoded).unwrap();
        assert_eq!(issue.kind, IssueKind::Replaced);
        assert_eq!(issue.line, Some(3));
        assert!(
            issue
                .reason
                .contains("not valid UTF-8 (declared in the file)"),
            "{issue}"
        );
        let good = decode(b"fine".to_vec(), Format::Text).unwrap();
        assert!(replaced_issue("f.txt", &good).is_none());
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
