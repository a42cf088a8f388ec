//! A fixed corpus for the reader's tests: the two sample articles, with their
//! sources and dates set and entities found by a phrase list, so that what
//! the screen shows depends on the reader alone, not on the tagger of the day.

#![allow(dead_code)]

pub mod data;
pub mod hostile;
pub mod tmux;

use std::path::Path;
use std::process::Command;

use crossread::analysis::lexicon::Lexicon;
use crossread::analysis::token::tokenize;
use crossread::analysis::{EntityKind, EntityTagger, TokenSpan};
use crossread::corpus;
use crossread::index::CorpusIndex;

const PHRASES: &[(&str, EntityKind)] = &[
    ("Jabhat al-Nusra", EntityKind::Organisation),
    ("Jabhat Fateh al-Sham", EntityKind::Organisation),
    ("TASS", EntityKind::Organisation),
    ("Tasnim", EntityKind::Organisation),
    ("Reuters", EntityKind::Organisation),
    ("State Duma", EntityKind::Organisation),
    ("Sergey Ryabkov", EntityKind::Person),
    ("Ryabkov", EntityKind::Person),
    ("Sergey Shoigu", EntityKind::Person),
    ("Michael Ratney", EntityKind::Person),
    ("Russia", EntityKind::Location),
    ("Russian", EntityKind::Location),
    ("US", EntityKind::Location),
    ("United States", EntityKind::Location),
    ("Aleppo", EntityKind::Location),
    ("Geneva", EntityKind::Location),
    ("Lausanne", EntityKind::Location),
    ("Saudi Arabia", EntityKind::Location),
    ("Qatar", EntityKind::Location),
    ("Iran", EntityKind::Location),
    ("Syria", EntityKind::Location),
    ("Takfiri", EntityKind::Misc),
];

/// Tags every occurrence of a known phrase, longest first.
pub struct PhraseTagger {
    phrases: Vec<(Vec<String>, EntityKind)>,
}

impl PhraseTagger {
    pub fn new() -> PhraseTagger {
        let mut phrases: Vec<(Vec<String>, EntityKind)> = PHRASES
            .iter()
            .map(|&(p, kind)| {
                let words = tokenize(p).iter().map(|t| t.text(p).to_string()).collect();
                (words, kind)
            })
            .collect();
        phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        PhraseTagger { phrases }
    }
}

impl EntityTagger for PhraseTagger {
    fn tag(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TokenSpan>> {
        sentences
            .iter()
            .map(|words| {
                let mut spans = Vec::new();
                let mut i = 0;
                while i < words.len() {
                    let found = self.phrases.iter().find(|(phrase, _)| {
                        words.len() - i >= phrase.len()
                            && phrase.iter().zip(&words[i..]).all(|(p, w)| p == w)
                    });
                    match found {
                        Some((phrase, kind)) => {
                            spans.push(TokenSpan {
                                tokens: i..i + phrase.len(),
                                kind: *kind,
                            });
                            i += phrase.len();
                        }
                        None => i += 1,
                    }
                }
                spans
            })
            .collect()
    }
}

/// The sample corpus with sources and dates as a reader should see them.
pub fn sample_index() -> CorpusIndex {
    let mut corpus = corpus::load_sample();
    for (article, source) in corpus.articles.iter_mut().zip(["TASS", "Tasnim"]) {
        article.source = Some(source.to_string());
        article.date = Some("2016-10-19".to_string());
    }
    CorpusIndex::build(corpus, &PhraseTagger::new(), Lexicon::builtin())
}

/// An index of `articles` as they are, entities found by the phrase list.
pub fn index_of(articles: Vec<corpus::Article>) -> CorpusIndex {
    let corpus = corpus::Corpus {
        articles,
        issues: Vec::new(),
    };
    CorpusIndex::build(corpus, &PhraseTagger::new(), Lexicon::builtin())
}

/// A cache and a data directory of a test's own, removed when dropped: the
/// real binary run by a test never writes to the user's.
pub struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The variables that point the binary at these directories.
    pub fn vars(&self) -> [(&'static str, std::path::PathBuf); 2] {
        [
            (
                crossread::store::CACHE_DIR_ENV,
                self.dir.path().join("cache"),
            ),
            (crossread::store::DATA_DIR_ENV, self.dir.path().join("data")),
        ]
    }

    /// Points `command` at these directories.
    pub fn apply<'a>(&self, command: &'a mut Command) -> &'a mut Command {
        command.envs(self.vars())
    }

    /// The real binary, pointed at these directories.
    pub fn crossread(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_crossread"));
        self.apply(&mut command);
        command
    }
}
