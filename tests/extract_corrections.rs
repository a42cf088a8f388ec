//! `crossread extract` applies the corrections saved for the corpus it reads,
//! found through CROSSREAD_DATA_DIR, whatever path the corpus is given by.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crossread::index::corrections::split_id;
use crossread::index::{Correction, Corrections};
use crossread::store::{CACHE_DIR_ENV, CorpusKey, CorrectionStore, DATA_DIR_ENV};
use serde_json::Value;

fn seeds(test: &str) -> Option<PathBuf> {
    common::data::shared(test, "data/seeds")
}

/// Runs `crossread extract <corpus> <extra>` in `cwd` with `data_dir` as
/// the data directory.
fn extract(data_dir: &Path, cwd: &Path, corpus: &Path, extra: &[&str]) -> (Value, String) {
    let cache = tempfile::tempdir().unwrap();
    let output: Output = Command::new(env!("CARGO_BIN_EXE_crossread"))
        .current_dir(cwd)
        .env(DATA_DIR_ENV, data_dir)
        .env(CACHE_DIR_ENV, cache.path())
        .arg("extract")
        .args(extra)
        .arg(corpus)
        .output()
        .expect("run crossread extract");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "extract failed: {stderr}");
    (serde_json::from_slice(&output.stdout).unwrap(), stderr)
}

/// Actor id -> number of mentions.
fn counts(extraction: &Value) -> Vec<(String, u64)> {
    extraction["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                a["mentions"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn count_of(extraction: &Value, id: &str) -> Option<u64> {
    counts(extraction)
        .into_iter()
        .find(|(a, _)| a == id)
        .map(|(_, n)| n)
}

/// The actor of every mention, in corpus order.
fn mention_actors(extraction: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for article in extraction["articles"].as_array().unwrap() {
        for m in article["mentions"].as_array().unwrap() {
            out.push(m["actor"].as_str().unwrap().to_string());
        }
    }
    out
}

#[test]
fn saved_corrections_apply_on_every_run_with_stable_ids() {
    let Some(seeds) = seeds("saved_corrections_apply_on_every_run_with_stable_ids") else {
        return;
    };
    assert!(seeds.is_dir(), "{} is missing", seeds.display());
    let data = tempfile::tempdir().unwrap();
    let (base, _) = extract(data.path(), &seeds, &seeds, &["--no-corrections"]);

    // Corrections chosen from what this analysis found: merge the second
    // actor into the first, split out one mention of the most mentioned
    // actor (from the second article), and one that no longer applies.
    let actors = counts(&base);
    let (into, into_count) = actors[0].clone();
    let (merged, merged_count) = actors[1].clone();
    let (big, big_count) = actors[2..].iter().max_by_key(|(_, n)| *n).cloned().unwrap();
    let article = &base["articles"][1];
    let mention = article["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["actor"] == big.as_str())
        .expect("the most mentioned actor is in the second article");
    let key = CorpusKey::for_paths(std::slice::from_ref(&seeds));
    let article_path = article["path"].as_str().unwrap();
    let corrections = Corrections::new(vec![
        Correction::Merge {
            actor: merged.clone(),
            into: into.clone(),
        },
        Correction::SplitMention {
            path: key.article_key(article_path),
            start: mention["start"].as_u64().unwrap() as usize,
            end: mention["end"].as_u64().unwrap() as usize,
        },
        Correction::Merge {
            actor: "per:nobody-at-all".into(),
            into: into.clone(),
        },
    ]);
    let mut store = CorrectionStore::new(data.path(), &key);
    store.load().unwrap();
    let saved = store.save(&corrections).unwrap().ops;

    // Once by the absolute path, once by a relative one from elsewhere.
    let parent = seeds.parent().unwrap();
    let (first, note) = extract(data.path(), &seeds, &seeds, &[]);
    let (second, _) = extract(data.path(), parent, Path::new("seeds"), &[]);
    let file = store.path().display().to_string();
    assert!(
        note.contains(&format!("applied 2 of 3 corrections from {file}")),
        "{note}"
    );
    assert!(
        note.contains("skipped correction 3") && note.contains("per:nobody-at-all"),
        "{note}"
    );

    for run in [&first, &second] {
        assert_eq!(count_of(run, &merged), None, "{merged} was merged away");
        assert_eq!(count_of(run, &into), Some(into_count + merged_count));
        let split = split_id(&big, mention["text"].as_str().unwrap());
        assert_eq!(count_of(run, &big), Some(big_count - 1));
        assert_eq!(count_of(run, &split), Some(1));
    }
    // The same ids, for the same mentions, on both runs.
    assert_eq!(counts(&first), counts(&second));
    assert_eq!(mention_actors(&first), mention_actors(&second));
    // The schema is the same as without corrections.
    let fields = |v: &Value| {
        v["actors"][0]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(fields(&first), fields(&base));
    // extract only reads the corrections.
    assert_eq!(
        CorrectionStore::new(data.path(), &key).load().unwrap().ops,
        saved
    );
    // And --no-corrections ignores them.
    let (ignored, _) = extract(data.path(), &seeds, &seeds, &["--no-corrections"]);
    assert_eq!(counts(&ignored), counts(&base));
}

#[test]
fn an_unreadable_corrections_file_is_reported_and_kept() {
    let Some(seeds) = seeds("an_unreadable_corrections_file_is_reported_and_kept") else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let store = CorrectionStore::new(
        data.path(),
        &CorpusKey::for_paths(std::slice::from_ref(&seeds)),
    );
    let legacy = store.legacy_path().to_path_buf();
    std::fs::create_dir_all(legacy.parent().unwrap()).unwrap();
    std::fs::write(&legacy, "not json").unwrap();
    let (base, _) = extract(data.path(), &seeds, &seeds, &["--no-corrections"]);
    let (run, note) = extract(data.path(), &seeds, &seeds, &[]);
    assert!(note.contains("cannot understand"), "{note}");
    assert_eq!(counts(&run), counts(&base));
    assert_eq!(std::fs::read_to_string(&legacy).unwrap(), "not json");
}

#[test]
fn a_correction_file_of_an_earlier_version_is_imported_once() {
    let Some(seeds) = seeds("a_correction_file_of_an_earlier_version_is_imported_once") else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let key = CorpusKey::for_paths(std::slice::from_ref(&seeds));
    let (base, _) = extract(data.path(), &seeds, &seeds, &["--no-corrections"]);
    let actors = counts(&base);
    let (into, merged) = (actors[0].0.clone(), actors[1].0.clone());
    let store = CorrectionStore::new(data.path(), &key);
    let legacy = store.legacy_path().to_path_buf();
    std::fs::create_dir_all(legacy.parent().unwrap()).unwrap();
    let file = serde_json::json!({
        "version": 1,
        "corpus": key.corpus,
        "ops": [{"op": "merge", "actor": merged, "into": into}],
    });
    std::fs::write(&legacy, file.to_string()).unwrap();
    for _ in 0..2 {
        let (run, note) = extract(data.path(), &seeds, &seeds, &[]);
        assert!(note.contains("applied 1 correction from"), "{note}");
        assert_eq!(count_of(&run, &merged), None);
    }
    // Imported once: the log holds it once, and the file is kept.
    assert_eq!(
        CorrectionStore::new(data.path(), &key)
            .load()
            .unwrap()
            .ops
            .len(),
        1
    );
    assert!(legacy.exists());
}
