//! The binary against hostile input, checked on the bytes it writes: file
//! names and texts that carry escape sequences never reach stdout or stderr
//! raw, and no mention, name or actor id holds a control character.

use std::fs;
use std::process::{Command, Output, Stdio};

fn crossread(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_crossread"))
        .args(args)
        .env("CROSSREAD_DATA_DIR", home.path().join("data"))
        .env("CROSSREAD_CACHE_DIR", home.path().join("cache"))
        .stdin(Stdio::null())
        .output()
        .expect("running crossread")
}

/// A control character (newline and tab aside) or a bidi override.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text.chars().find(|&c| unsafe_char(c)) {
        panic!("{what} carries {c:?}: {text:?}");
    }
}

#[test]
fn a_file_name_with_an_escape_sequence_is_reported_safely() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("e\x1b]0;PWNED\x07.txt"), "").unwrap();
    fs::write(dir.path().join("x\x1b]52;c;aGk=\x07.json"), "{oops").unwrap();
    fs::write(
        dir.path().join("good.txt"),
        "Talks\n\nSergey Ryabkov spoke.\n",
    )
    .unwrap();
    let out = crossread(&["extract", "--no-corrections", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("e\u{FFFD}]0;PWNED\u{FFFD}.txt: file is empty"),
        "{stderr}"
    );
    assert!(
        stderr.contains("x\u{FFFD}]52;c;aGk=\u{FFFD}.json"),
        "{stderr}"
    );
    assert_clean("stderr", &out.stderr);
    assert_clean("stdout", &out.stdout);
}

#[test]
fn no_mention_text_name_or_id_holds_a_control_character() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Olaf\x1b Scholz met Olaf Scholz in Berlin. \u{feff}Angela Merkel said \
                Vladimir Putin\u{202e} spoke. Olaf\x0b said. \u{85}Emmanuel Macron agreed \
                with Xi\u{7f} Jinping in Beijing.\n";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    let out = crossread(&["extract", "--no-corrections", dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_clean("stdout", &out.stdout);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let bad = |s: &str| {
        s.chars()
            .any(|c| unsafe_char(c) || c == '\u{feff}' || c == '\u{85}' || c == '\u{7f}')
    };
    let mentions = json["articles"][0]["mentions"].as_array().unwrap();
    assert!(mentions.len() >= 5, "{mentions:?}");
    for m in mentions {
        let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
        let said = m["text"].as_str().unwrap();
        assert_eq!(&text[start as usize..end as usize], said, "offsets exact");
        assert!(!bad(said), "mention {said:?}");
        assert!(!bad(m["actor"].as_str().unwrap()), "{m}");
    }
    for actor in json["actors"].as_array().unwrap() {
        assert!(!bad(actor["id"].as_str().unwrap()), "{actor}");
        assert!(!bad(actor["name"].as_str().unwrap()), "{actor}");
        for alias in actor["aliases"].as_array().unwrap() {
            assert!(!bad(alias.as_str().unwrap()), "{actor}");
        }
    }
}

#[test]
fn an_empty_folder_says_so_on_a_line_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let out = crossread(&["extract", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "crossread: no article could be loaded\n"
    );
}

#[test]
fn the_reader_refuses_to_draw_into_a_pipe() {
    let out = crossread(&["--no-corrections"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("standard output is not one"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing drawn into the pipe");
    // Other commands work in pipes.
    let extract = crossread(&["extract", "--no-corrections"]);
    assert!(extract.status.success());
    assert!(serde_json::from_slice::<serde_json::Value>(&extract.stdout).is_ok());
}

#[test]
fn an_argument_with_an_escape_sequence_is_quoted_safely() {
    // `crossread extract *` in a folder holding a file named like this.
    let out = crossread(&["extract", "--format=\x1b]0;PWNED\x07"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalid value"), "{stderr}");
    assert_clean("stderr", &out.stderr);
    // Help still prints on stdout.
    let help = crossread(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage"));
}
