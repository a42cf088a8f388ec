//! Descriptors on ECB+ (../shared/data/ecbplus): every descriptor `extract`
//! exports is the text at its example's offsets, in a sentence that names
//! its actor, in an article of the source it is listed under.

mod common;
mod reference;

use std::collections::HashMap;

use reference::{extract_json, shared};
use serde_json::Value;

/// Whether `gap` (the text between a descriptor and a mention) runs across
/// a sentence end: a blank line, or a word of three or more letters ending
/// a sentence before a capital.
fn crosses_sentence(gap: &str) -> bool {
    if gap.contains('\n') {
        return true;
    }
    let bytes = gap.as_bytes();
    (3..bytes.len().saturating_sub(2)).any(|i| {
        matches!(bytes[i], b'.' | b'!' | b'?')
            && bytes[i + 1] == b' '
            && bytes[i + 2].is_ascii_uppercase()
            && bytes[i - 3..i].iter().all(u8::is_ascii_lowercase)
    })
}

#[test]
fn every_exported_descriptor_is_found_at_its_offsets_beside_its_actor() {
    if common::data::shared(
        "every_exported_descriptor_is_found_at_its_offsets_beside_its_actor",
        "data/ecbplus",
    )
    .is_none()
    {
        return;
    }
    let topics: Vec<std::ffi::OsString> = (1..=35)
        .map(|t| shared().join("data/ecbplus").join(t.to_string()))
        .filter(|p| p.exists())
        .map(|p| p.into_os_string())
        .chain([std::ffi::OsString::from("--text")])
        .collect();
    let args: Vec<&std::ffi::OsStr> = topics.iter().map(|t| t.as_os_str()).collect();
    let extraction = extract_json(&args);
    let json: Value = serde_json::from_slice(&std::fs::read(&extraction.path).unwrap()).unwrap();
    let articles: HashMap<&str, &Value> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["path"].as_str().unwrap(), a))
        .collect();
    let mut checked = 0;
    let mut kinds: HashMap<String, usize> = HashMap::new();
    for actor in json["actors"].as_array().unwrap() {
        let id = actor["id"].as_str().unwrap();
        for source in actor["by_source"].as_array().unwrap() {
            for d in source["descriptors"].as_array().unwrap() {
                let text = d["text"].as_str().unwrap();
                let example = &d["example"];
                let path = example["article"].as_str().unwrap();
                let (start, end) = (
                    example["start"].as_u64().unwrap() as usize,
                    example["end"].as_u64().unwrap() as usize,
                );
                let article = articles[path];
                let body = article["text"].as_str().unwrap();
                assert_eq!(&body[start..end], text, "{id} in {path}");
                // A mention of the actor in the same sentence.
                let beside = article["mentions"].as_array().unwrap().iter().any(|m| {
                    if m["actor"] != id {
                        return false;
                    }
                    let (ms, me) = (
                        m["start"].as_u64().unwrap() as usize,
                        m["end"].as_u64().unwrap() as usize,
                    );
                    let gap = if me <= start {
                        &body[me..start]
                    } else if end <= ms {
                        &body[end..ms]
                    } else {
                        ""
                    };
                    !crosses_sentence(gap)
                });
                assert!(beside, "{text:?} ({path}) is not beside a mention of {id}");
                // Listed under the article's source.
                let source_name = source["source"].as_str().unwrap();
                if let Some(stated) = article["source"].as_str() {
                    assert_eq!(stated.trim(), source_name, "{id} in {path}");
                }
                *kinds
                    .entry(d["kind"].as_str().unwrap().to_string())
                    .or_default() += 1;
                checked += 1;
            }
        }
    }
    // The corpus is big enough that every way of describing shows up.
    for kind in ["title", "appositive", "copular", "gloss", "framing"] {
        assert!(
            kinds.get(kind).is_some_and(|&n| n > 0),
            "no {kind}: {kinds:?}"
        );
    }
    assert!(checked > 200, "only {checked} descriptors");
}

#[test]
fn sentence_ends_are_seen_in_gaps() {
    assert!(crosses_sentence(" said. Then "));
    assert!(crosses_sentence("\n"));
    assert!(!crosses_sentence(" belonging to the "));
    assert!(!crosses_sentence(" Dr. "));
}
