//! `extract --text`: each article carries the text its offsets index into,
//! and the encoding its file was decoded from.

use std::fs;
use std::process::Command;

use tempfile::TempDir;

#[test]
fn extract_text_gives_the_strings_offsets_refer_to() {
    let dir = TempDir::new().unwrap();
    let cache = TempDir::new().unwrap();
    let latin = "Talks in Genève\n\nGENEVA (Reuters) - Sergey Ryabkov met John Kerry in Genève on Wednesday, and the café near the lake stayed open.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(latin);
    fs::write(dir.path().join("latin.txt"), &bytes).unwrap();
    let feed = "<rss><channel><title>Wire</title><item><title>Aleppo</title><description>&lt;p&gt;Russia and the United States met in Geneva.&lt;/p&gt;</description></item></channel></rss>";
    fs::write(dir.path().join("wire.rss"), feed).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_crossread"))
        .args([
            "extract",
            "--text",
            "--format",
            "jsonl",
            "--tagger",
            "rules",
            "--no-corrections",
        ])
        .arg(dir.path())
        .env("CROSSREAD_DATA_DIR", dir.path().join("state"))
        .env("CROSSREAD_CACHE_DIR", cache.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let articles: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0]["encoding"], "windows-1252");
    assert_eq!(articles[0]["text"], latin, "decoded, not as the bytes were");
    assert_eq!(articles[1]["encoding"], "UTF-8");
    assert_eq!(
        articles[1]["text"],
        "Russia and the United States met in Geneva."
    );
    let mut checked = 0;
    for article in &articles {
        let text = article["text"].as_str().unwrap();
        for m in article["mentions"].as_array().unwrap() {
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[start..end], m["text"].as_str().unwrap());
            checked += 1;
        }
    }
    assert!(checked >= 4, "mentions found and checked: {checked}");

    let without = Command::new(env!("CARGO_BIN_EXE_crossread"))
        .args([
            "extract",
            "--format",
            "json",
            "--tagger",
            "rules",
            "--no-corrections",
        ])
        .arg(dir.path())
        .env("CROSSREAD_DATA_DIR", dir.path().join("state"))
        .env("CROSSREAD_CACHE_DIR", cache.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&without.stdout).unwrap();
    assert!(
        json["articles"][0].get("text").is_none(),
        "text only when asked"
    );
    assert_eq!(json["articles"][0]["encoding"], "windows-1252");
}
