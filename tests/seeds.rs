//! The sample articles: `crossread extract` on them must satisfy every
//! expectation of ../shared/data/seeds/expected.json, as judged by the
//! reference script ../shared/tools/check_seeds.py.

use std::path::PathBuf;
use std::process::Command;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

#[test]
fn extraction_of_the_seeds_passes_the_reference_check() {
    let seeds = shared().join("data/seeds");
    let output = Command::new(env!("CARGO_BIN_EXE_crossread"))
        .args(["extract", "--no-corrections", "--format", "json"])
        .arg(&seeds)
        .output()
        .expect("run crossread extract");
    assert!(
        output.status.success(),
        "extract failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let dir = tempfile::tempdir().unwrap();
    let extraction = dir.path().join("seeds.json");
    std::fs::write(&extraction, &output.stdout).unwrap();

    let check = Command::new("python3")
        .arg(shared().join("tools/check_seeds.py"))
        .arg(seeds.join("expected.json"))
        .arg(&extraction)
        .output()
        .expect("run python3 check_seeds.py");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "check_seeds.py reported failures:\n{report}"
    );
    assert!(report.trim_end().ends_with(" 0 failed"), "{report}");
}

#[test]
fn extract_jsonl_prints_one_article_per_line_with_offsets_into_the_file() {
    let seeds = shared().join("data/seeds");
    let output = Command::new(env!("CARGO_BIN_EXE_crossread"))
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
    let output = Command::new(env!("CARGO_BIN_EXE_crossread"))
        .arg("extract")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("empty.txt"), "{stderr}");
}
