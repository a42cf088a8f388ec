//! The sample articles: `crossread extract` on them must satisfy every
//! expectation of ../shared/data/seeds/expected.json, as judged by the
//! reference script ../shared/tools/check_seeds.py.

mod common;
mod reference;

use reference::{extract_json, reference_tool};

#[test]
fn extraction_of_the_seeds_passes_the_reference_check() {
    let test = "extraction_of_the_seeds_passes_the_reference_check";
    let Some(seeds) = common::data::shared(test, "data/seeds") else {
        return;
    };
    if common::data::shared(test, "tools/check_seeds.py").is_none() {
        return;
    }
    let extraction = extract_json(&[seeds.as_os_str()]);
    let check = reference_tool(
        "check_seeds.py",
        &[&seeds.join("expected.json"), &extraction.path],
    );
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "check_seeds.py reported failures:\n{report}"
    );
    assert!(report.trim_end().ends_with(" 0 failed"), "{report}");
}

#[test]
fn extract_jsonl_prints_one_article_per_line_with_offsets_into_the_file() {
    let Some(seeds) = common::data::shared(
        "extract_jsonl_prints_one_article_per_line_with_offsets_into_the_file",
        "data/seeds",
    ) else {
        return;
    };
    let output = common::Home::new()
        .crossread()
        .args(["extract", "--format", "jsonl"])
        .arg(seeds.join("000_e2a401e195530229.txt"))
        .output()
        .expect("run crossread extract");
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1);
    let article: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    let text = std::fs::read(seeds.join("000_e2a401e195530229.txt")).unwrap();
    let mentions = article["mentions"].as_array().unwrap();
    assert!(mentions.len() > 10);
    for m in mentions {
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], m["text"].as_str().unwrap().as_bytes());
    }
}

#[test]
fn nothing_loadable_exits_with_status_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let output = common::Home::new()
        .crossread()
        .arg("extract")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("empty.txt"), "{stderr}");
}
