//! Property tests over generated hostile input, one target per stage: the
//! loaders of every format, the tokeniser, the three taggers, the resolver,
//! the corrections reader and the JSON output. Each checks what must hold
//! for any input (no panic, offsets exact, no control character in names,
//! ids or output), not particular results.
//!
//! A short run is part of `cargo test`. The long run (the fuzz harness)
//! repeats each target for a time on fresh random seeds and reports how many
//! cases ran and the slowest one (a case over 5 s counts as a hang):
//!
//! ```sh
//! CROSSREAD_FUZZ_SECS=600 nice cargo test --release --test properties -- \
//!     --nocapture --test-threads 1
//! ```

use std::cell::Cell;
use std::fmt::Debug;
use std::fs;
use std::time::{Duration, Instant};

use crossread::analysis::lexicon::Lexicon;
use crossread::analysis::ner::{HybridTagger, PerceptronTagger};
use crossread::analysis::rules::RuleTagger;
use crossread::analysis::token::tokenize;
use crossread::analysis::{EntityTagger, analyze};
use crossread::corpus::{self, Article, Corpus};
use crossread::extract::{Extraction, write_json};
use crossread::index::{CorpusIndex, Correction, Corrections};
use crossread::safe::{breaks_names, is_unsafe};
use crossread::store::{CorpusKey, CorrectionStore};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// Runs `test` on values of `strategy`: a few dozen cases, or with
/// CROSSREAD_FUZZ_SECS set, batches on new seeds until that time is spent.
fn check<S>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy,
    S::Value: Debug,
{
    let fuzz = std::env::var("CROSSREAD_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map(Duration::from_secs);
    let started = Instant::now();
    let slowest = Cell::new(Duration::ZERO);
    let mut cases = 0u64;
    for batch in 0u64.. {
        // Fixed seeds for the short run, so a failure reproduces; a new
        // seed per batch for the long one (printed on failure).
        let seed = match fuzz {
            None => 0x5eed_0000 + batch,
            Some(_) => started.elapsed().as_nanos() as u64 ^ (batch << 40) ^ 0x9e37_79b9,
        };
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        let per_batch = if fuzz.is_some() { 256 } else { 40 };
        let config = Config {
            cases: per_batch,
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner =
            TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes));
        let result = runner.run(&strategy, |value| {
            let start = Instant::now();
            let outcome = test(value);
            slowest.set(slowest.get().max(start.elapsed()));
            outcome
        });
        if let Err(e) = result {
            panic!("{name}: seed {seed:#x}: {e}");
        }
        cases += u64::from(per_batch);
        match fuzz {
            Some(limit) if started.elapsed() < limit => {}
            _ => break,
        }
    }
    if fuzz.is_some() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "fuzz {name}: {cases} cases in {:.0} s, 0 failures, slowest case {:.3} s",
            started.elapsed().as_secs_f64(),
            slowest.get().as_secs_f64()
        );
        assert!(
            slowest.get() < Duration::from_secs(5),
            "{name}: a case took {:?} (a hang)",
            slowest.get()
        );
    }
}

/// Pieces of news text and of attacks on the pipeline and the terminal.
const PIECES: &[&str] = &[
    "Russia",
    "U.S.",
    "al-Nusra",
    "Jabhat",
    "Sergey",
    "Ryabkov",
    "Mr.",
    "Dr.",
    "the",
    "said",
    "of",
    "Ab",
    "AB",
    "(",
    ")",
    "\"",
    "“",
    "'s",
    "—",
    "-",
    ".",
    "...",
    ",",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "GENEVA, October 19. /TASS/.",
    "TEHRAN (Tasnim) –",
    "(also known as",
    "\u{1b}",
    "\u{1b}]0;PWNED\u{7}",
    "\u{1b}[2J",
    "\0",
    "\u{7f}",
    "\u{85}",
    "\u{9b}",
    "\u{feff}",
    "\u{202e}",
    "\u{2066}",
    "\u{301}",
    "\u{200d}",
    "\u{1F468}",
    "\u{1F1FA}\u{1F1F8}",
    "\u{FE0F}",
    "日本",
    "Заг",
    "ك",
];

fn hostile_text(max_pieces: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..max_pieces).prop_map(|pieces| pieces.concat())
}

fn clean_name(s: &str) -> bool {
    !s.chars().any(breaks_names)
}

fn article(path: String, text: String) -> Article {
    Article {
        path,
        title: "t".into(),
        source: None,
        date: None,
        place: None,
        url: None,
        text,
        encoding: None,
    }
}

// ---- loaders ----

const EXTENSIONS: &[&str] = &["txt", "md", "json", "jsonl", "html", "rss", "atom", "xml"];

/// File contents: raw bytes, hostile text, or that text inside the
/// structure each format expects.
fn file_content() -> impl Strategy<Value = (usize, Vec<u8>)> {
    let ext = 0..EXTENSIONS.len();
    let content = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        hostile_text(60).prop_map(String::into_bytes),
        (hostile_text(20), hostile_text(60)).prop_map(|(title, text)| {
            serde_json::json!({"title": title, "text": text, "source": title})
                .to_string()
                .into_bytes()
        }),
        (hostile_text(20), hostile_text(60)).prop_map(|(title, text)| {
            format!(
                "<html><head><title>{title}</title></head><body><article><p>{text}</p></article></body></html>"
            )
            .into_bytes()
        }),
        (hostile_text(20), hostile_text(60)).prop_map(|(title, text)| {
            format!(
                "<?xml version=\"1.0\"?><rss><channel><item><title>{title}</title><description>{text}</description></item></channel></rss>"
            )
            .into_bytes()
        }),
        (hostile_text(10), hostile_text(40)).prop_map(|(title, text)| {
            format!("---\ntitle: {title}\nsource: \"{title}\n---\n{text}").into_bytes()
        }),
    ];
    (ext, content)
}

#[test]
fn loaders_of_every_format_read_or_report_any_file() {
    check("loaders", file_content(), |(ext, bytes)| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("f.{}", EXTENSIONS[ext]));
        fs::write(&path, &bytes).unwrap();
        let corpus = corpus::load_paths(std::slice::from_ref(&path));
        prop_assert!(
            !corpus.articles.is_empty() || !corpus.issues.is_empty(),
            "neither an article nor a reason"
        );
        for issue in &corpus.issues {
            prop_assert!(issue.path.contains("f."), "{issue}");
        }
        if ext == 0
            && std::str::from_utf8(&bytes).is_ok()
            && let Some(article) = corpus.articles.first()
        {
            // A UTF-8 text file is the article's text exactly, for every
            // offset (other encodings are decoded).
            prop_assert_eq!(article.text.as_bytes(), &bytes[..]);
        }
        Ok(())
    });
}

// ---- tokeniser ----

#[test]
fn tokens_are_ordered_slices_without_space_or_control_characters() {
    check("tokeniser", hostile_text(120), |text| {
        let mut end = 0;
        for t in tokenize(&text) {
            prop_assert!(t.start >= end && t.start < t.end && t.end <= text.len());
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            let word = t.text(&text);
            prop_assert!(
                !word.chars().any(|c| c.is_whitespace() || breaks_names(c)),
                "{word:?}"
            );
            end = t.end;
        }
        Ok(())
    });
}

// ---- taggers ----

fn check_mentions(text: &str, tagger: &dyn EntityTagger) -> Result<(), TestCaseError> {
    let analysis = analyze(text, tagger);
    let mut end = 0;
    for m in &analysis.mentions {
        prop_assert!(m.start >= end && m.start < m.end && m.end <= text.len());
        prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        let said = &text[m.start..m.end];
        prop_assert!(clean_name(said), "mention {said:?}");
        prop_assert!(m.sentence < analysis.sentences.len());
        let sentence = analysis.sentence_bytes(m.sentence);
        prop_assert!(sentence.start <= m.start && m.end <= sentence.end);
        end = m.end;
    }
    Ok(())
}

#[test]
fn every_tagger_gives_exact_clean_mentions() {
    let rules = RuleTagger::builtin();
    let model = PerceptronTagger::builtin();
    let hybrid = HybridTagger::builtin();
    check("taggers", hostile_text(150), |text| {
        check_mentions(&text, &rules)?;
        check_mentions(&text, model)?;
        check_mentions(&text, hybrid)
    });
}

// ---- resolver ----

fn hostile_corpus() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(hostile_text(120), 1..4)
}

fn index_of(texts: &[String]) -> CorpusIndex {
    let articles = texts
        .iter()
        .enumerate()
        .map(|(i, text)| article(format!("a{i}.txt"), text.clone()))
        .collect();
    let corpus = Corpus {
        articles,
        issues: Vec::new(),
    };
    CorpusIndex::build(corpus, HybridTagger::builtin(), Lexicon::builtin())
}

#[test]
fn every_mention_has_an_actor_with_a_clean_id_and_names() {
    check("resolver", hostile_corpus(), |texts| {
        let index = index_of(&texts);
        for actor in &index.actors {
            prop_assert!(
                clean_name(&actor.id) && !actor.id.contains('\n'),
                "{actor:?}"
            );
            prop_assert!(clean_name(&actor.name), "{actor:?}");
            for alias in &actor.aliases {
                prop_assert!(clean_name(alias), "{actor:?}");
            }
        }
        for (a, article) in index.articles.iter().enumerate() {
            prop_assert_eq!(&article.text, &texts[a]);
        }
        for id in 0..index.actors.len() {
            for &r in index.mentions_of(id) {
                prop_assert_eq!(index.actor_of(r), id);
            }
        }
        Ok(())
    });
}

// ---- corrections reader ----

fn correction(ids: Vec<String>) -> impl Strategy<Value = Correction> {
    let id = prop_oneof![
        prop::sample::select(ids),
        hostile_text(6),
        Just("per:olaf\u{1b}".to_string()),
    ];
    prop_oneof![
        (id.clone(), id.clone()).prop_map(|(actor, into)| Correction::Merge { actor, into }),
        (hostile_text(4), 0..400usize, 0..400usize)
            .prop_map(|(path, start, end)| { Correction::SplitMention { path, start, end } }),
        (id, hostile_text(6)).prop_map(|(actor, alias)| Correction::SplitAlias { actor, alias }),
    ]
}

#[test]
fn any_corrections_file_is_read_or_refused_and_applies_safely() {
    let texts = vec![
        "Sergey Ryabkov met Michael Ratney in Geneva. Ryabkov said Russia and the US \
         would meet in Geneva again."
            .to_string(),
        "Jabhat al-Nusra fighters left Aleppo. Russia said the Nusra group lost ground."
            .to_string(),
    ];
    let base = index_of(&texts);
    let mut ids: Vec<String> = base.actors.iter().map(|a| a.id.clone()).collect();
    ids.push("loc:nowhere".into());
    // What may be found: a log saved by the store; a legacy JSON file of
    // any content (imported once); or any bytes where the database is.
    let file = prop_oneof![
        prop::collection::vec(correction(ids), 0..8).prop_map(Stored::Log),
        prop::collection::vec(any::<u8>(), 0..200).prop_map(Stored::Legacy),
        hostile_text(30).prop_map(|t| {
            Stored::Legacy(format!("{{\"version\": 1, \"ops\": [{t}]}}").into_bytes())
        }),
        prop::collection::vec(any::<u8>(), 0..200).prop_map(Stored::Database),
    ];
    check("corrections", file, |file| {
        let dir = tempfile::tempdir().unwrap();
        let key = CorpusKey::sample();
        let mut store = CorrectionStore::new(dir.path(), &key);
        match &file {
            Stored::Log(ops) => {
                let log = Corrections {
                    ops: ops.clone(),
                    ..Corrections::default()
                };
                store.save(&log).unwrap();
            }
            Stored::Legacy(bytes) => {
                fs::create_dir_all(store.legacy_path().parent().unwrap()).unwrap();
                fs::write(store.legacy_path(), bytes).unwrap();
            }
            Stored::Database(bytes) => {
                drop(store);
                fs::write(CorrectionStore::new(dir.path(), &key).path(), bytes).unwrap();
            }
        }
        let mut store = CorrectionStore::new(dir.path(), &key);
        match store.load() {
            Ok(loaded) => {
                if let Stored::Log(ops) = &file {
                    prop_assert_eq!(&loaded.ops, ops, "saved and read back");
                }
                let mut index = index_of(&texts);
                let report = index.set_corrections(loaded);
                for skipped in &report.skipped {
                    let shown = crossread::safe::line(&skipped.reason);
                    prop_assert!(!shown.chars().any(is_unsafe));
                }
                for actor in &index.actors {
                    prop_assert!(!actor.id.chars().any(is_unsafe), "{actor:?}");
                }
            }
            Err(e) => {
                prop_assert!(
                    !matches!(file, Stored::Log(_)),
                    "a saved log must read back: {e}"
                );
                prop_assert!(!crossread::safe::line(&e.to_string()).chars().any(is_unsafe));
            }
        }
        Ok(())
    });
}

#[derive(Debug, Clone)]
enum Stored {
    Log(Vec<Correction>),
    Legacy(Vec<u8>),
    Database(Vec<u8>),
}

// ---- JSON output and messages ----

#[test]
fn json_output_is_valid_exact_and_free_of_terminal_controls() {
    check("json_output", hostile_corpus(), |texts| {
        let index = index_of(&texts);
        let mut out = Vec::new();
        write_json(&mut out, &Extraction::new(&index)).unwrap();
        let printed = String::from_utf8(out).expect("UTF-8");
        prop_assert!(!printed.chars().any(is_unsafe), "raw control in output");
        let json: serde_json::Value = serde_json::from_str(&printed).expect("valid JSON");
        for (a, article) in json["articles"].as_array().unwrap().iter().enumerate() {
            for m in article["mentions"].as_array().unwrap() {
                let start = m["start"].as_u64().unwrap() as usize;
                let end = m["end"].as_u64().unwrap() as usize;
                prop_assert_eq!(&texts[a][start..end], m["text"].as_str().unwrap());
            }
        }
        Ok(())
    });
}

#[test]
fn messages_never_carry_terminal_controls() {
    check("messages", any::<String>(), |s| {
        let shown = crossread::safe::line(&s);
        prop_assert!(!shown.chars().any(is_unsafe));
        prop_assert_eq!(shown.chars().count(), s.chars().count(), "one for one");
        Ok(())
    });
}
