//! The corpus store: a reopened corpus is read from it with the same output
//! as a fresh analysis; a changed file costs its own analysis; a store of
//! another version or a corrupt one is rebuilt with a message.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use crossread::store::{CACHE_DIR_ENV, DATA_DIR_ENV};

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/seeds")
}

/// A copy of the seed articles to change at will.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// `crossread extract --timings <extra> <corpus>`: stdout and stderr.
fn extract(cache: &Path, corpus: &Path, extra: &[&str]) -> (String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_crossread"))
        .env(CACHE_DIR_ENV, cache)
        .env(DATA_DIR_ENV, cache.join("data"))
        .args(["extract", "--timings"])
        .args(extra)
        .arg(corpus)
        .output()
        .expect("run crossread extract");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    (String::from_utf8(output.stdout).unwrap(), stderr)
}

/// "read N files, analysed M of K articles": (N, M).
fn work(stderr: &str) -> (usize, usize) {
    let line = stderr
        .lines()
        .find(|l| l.contains("analysed"))
        .unwrap_or_else(|| panic!("no work line in {stderr}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

fn store_file(cache: &Path) -> PathBuf {
    let dir = cache.join("corpora");
    let mut dbs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "db"))
        .collect();
    assert_eq!(dbs.len(), 1, "{dbs:?}");
    dbs.pop().unwrap()
}

#[test]
fn reopening_does_only_new_work_with_the_same_output() {
    if common::data::shared(
        "reopening_does_only_new_work_with_the_same_output",
        "data/seeds",
    )
    .is_none()
    {
        return;
    }
    let corpus = corpus();
    let cache = tempfile::tempdir().unwrap();
    let (fresh, _) = extract(cache.path(), corpus.path(), &["--no-cache"]);
    assert!(
        !cache.path().join("corpora").exists(),
        "--no-cache stores nothing"
    );

    let (cold, stderr) = extract(cache.path(), corpus.path(), &[]);
    assert_eq!(work(&stderr), (2, 2), "{stderr}");
    assert_eq!(cold, fresh);
    let (warm, stderr) = extract(cache.path(), corpus.path(), &[]);
    assert_eq!(work(&stderr), (0, 0), "{stderr}");
    assert_eq!(warm, fresh);

    // One file changed: it alone is read and analysed again.
    let changed = corpus.path().join("001_106bd4b57004bcbf.txt");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nVladimir Putin spoke in Moscow on Tuesday.\n");
    std::fs::write(&changed, text).unwrap();
    let (fresh, _) = extract(cache.path(), corpus.path(), &["--no-cache"]);
    let (after, stderr) = extract(cache.path(), corpus.path(), &[]);
    assert_eq!(work(&stderr), (1, 1), "{stderr}");
    assert_eq!(after, fresh);
    assert!(after.contains("Putin"));
}

#[test]
fn a_corrupt_or_stale_store_is_rebuilt_with_a_message() {
    if common::data::shared(
        "a_corrupt_or_stale_store_is_rebuilt_with_a_message",
        "data/seeds",
    )
    .is_none()
    {
        return;
    }
    let corpus = corpus();
    let cache = tempfile::tempdir().unwrap();
    let (fresh, _) = extract(cache.path(), corpus.path(), &[]);
    let db = store_file(cache.path());

    // Another version of the analyser made it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE meta SET value = 'older' WHERE key = 'version'", [])
        .unwrap();
    drop(conn);
    let (out, stderr) = extract(cache.path(), corpus.path(), &[]);
    assert!(stderr.contains("made by another version"), "{stderr}");
    assert_eq!(work(&stderr), (2, 2));
    assert_eq!(out, fresh);

    // Garbage where the database was.
    std::fs::write(&db, "not a database at all ".repeat(500)).unwrap();
    let (out, stderr) = extract(cache.path(), corpus.path(), &[]);
    assert!(stderr.contains("rebuilding the corpus store"), "{stderr}");
    assert_eq!(out, fresh);
    let (_, stderr) = extract(cache.path(), corpus.path(), &[]);
    assert_eq!(work(&stderr), (0, 0), "rebuilt and used: {stderr}");

    // A truncated row: the file is read again, nothing fails.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE files SET articles = x'00ff'", [])
        .unwrap();
    conn.execute("UPDATE analyses SET data = x'07'", [])
        .unwrap();
    drop(conn);
    let (out, stderr) = extract(cache.path(), corpus.path(), &[]);
    assert_eq!(out, fresh, "{stderr}");
}

#[test]
fn index_builds_the_store_for_the_reader_and_extract() {
    if common::data::shared(
        "index_builds_the_store_for_the_reader_and_extract",
        "data/seeds",
    )
    .is_none()
    {
        return;
    }
    let corpus = corpus();
    let cache = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_crossread"))
        .env(CACHE_DIR_ENV, cache.path())
        .env(DATA_DIR_ENV, cache.path().join("data"))
        .arg("index")
        .arg(corpus.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("2 articles"), "{stderr}");
    let (_, stderr) = extract(cache.path(), corpus.path(), &[]);
    assert_eq!(work(&stderr), (0, 0), "{stderr}");
}

/// Names linking found in an article (a headline's "Chargers", known from
/// other articles) are the corpus's, not the article's: the store keeps
/// the article's own analysis, so once the other articles change, the
/// stored article comes back without them, as a fresh analysis has it.
#[test]
fn names_found_by_linking_are_not_stored_with_the_article() {
    let corpus = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(corpus.path().join(name), text).unwrap();
    write(
        "a.txt",
        "Game report\n\nFans of the Chargers cheered loudly. Later the Chargers won again.\n",
    );
    write(
        "b.txt",
        "Season\n\nCoach Smith said the Chargers would play on Monday.\n",
    );
    write(
        "c.txt",
        "Chargers lineman faces charges\n\nThe lineman was arrested on Monday night.\n",
    );
    let cache = tempfile::tempdir().unwrap();
    let headline_names = |out: &str| {
        let json: serde_json::Value = serde_json::from_str(out).unwrap();
        let article = json["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["path"].as_str().unwrap().ends_with("c.txt"))
            .unwrap()
            .clone();
        article["mentions"].as_array().unwrap().len()
    };
    let (fresh, _) = extract(cache.path(), corpus.path(), &["--no-cache"]);
    assert_eq!(headline_names(&fresh), 1, "the headline's name is found");
    let (cold, _) = extract(cache.path(), corpus.path(), &[]);
    assert_eq!(cold, fresh);
    let (warm, _) = extract(cache.path(), corpus.path(), &[]);
    assert_eq!(warm, fresh);

    write(
        "a.txt",
        "Game report\n\nFans cheered loudly. Later they won again.\n",
    );
    write(
        "b.txt",
        "Season\n\nCoach Smith said they would play on Monday.\n",
    );
    let (fresh, _) = extract(cache.path(), corpus.path(), &["--no-cache"]);
    assert_eq!(headline_names(&fresh), 0);
    let (after, stderr) = extract(cache.path(), corpus.path(), &[]);
    assert_eq!(work(&stderr), (2, 2), "{stderr}");
    assert_eq!(after, fresh);
}
