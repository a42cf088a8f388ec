//! Reading files and folders into a [`Corpus`].

use std::path::{Path, PathBuf};

use super::{Article, Corpus, LoadIssue};
use crate::assets;

/// Loads every supported file under `paths` (folders recursively).
pub fn load_paths(paths: &[PathBuf]) -> Corpus {
    let mut corpus = Corpus::default();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                    Ok(_) => {}
                    Err(err) => corpus.issues.push(LoadIssue {
                        path: err.path().unwrap_or(path).display().to_string(),
                        line: None,
                        reason: err.to_string(),
                    }),
                }
            }
        } else {
            files.push(path.clone());
        }
    }
    for file in files {
        load_file(&file, &mut corpus);
    }
    corpus
}

/// The sample corpus built into the binary.
pub fn load_sample() -> Corpus {
    let mut corpus = Corpus::default();
    for (name, text) in assets::SAMPLE_CORPUS {
        corpus.articles.push(article_from_text(
            &format!("sample/{name}"),
            text.to_string(),
        ));
    }
    corpus
}

fn load_file(path: &Path, corpus: &mut Corpus) {
    let display = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) if text.trim().is_empty() => corpus.issues.push(LoadIssue {
                path: display,
                line: None,
                reason: "empty file".to_string(),
            }),
            Ok(text) => corpus.articles.push(article_from_text(&display, text)),
            Err(e) => corpus.issues.push(LoadIssue {
                path: display,
                line: None,
                reason: format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
            }),
        },
        Err(e) => corpus.issues.push(LoadIssue {
            path: display,
            line: None,
            reason: e.to_string(),
        }),
    }
}

fn article_from_text(path: &str, text: String) -> Article {
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && *l != "All news")
        .unwrap_or("")
        .to_string();
    Article {
        path: path.to_string(),
        title,
        source: None,
        date: None,
        place: None,
        url: None,
        text,
    }
}
