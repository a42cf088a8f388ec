//! A hostile corpus: one folder holding every kind of input that has broken
//! a reader of untrusted files, for the tests that run the whole program on
//! it. Each file's name says what it tries.

use std::fs;
use std::path::Path;

/// What the terminal title would be set to if an escape got through.
pub const TITLE_MARK: &str = "PWNED";

/// Writes the hostile corpus into `dir`.
pub fn write(dir: &Path) {
    let put = |name: &str, bytes: &[u8]| fs::write(dir.join(name), bytes).unwrap();
    // Escape sequences in file names, in files that load and in files that
    // fail (each load problem prints the name).
    let title = format!("\x1b]0;{TITLE_MARK}\x07");
    put(
        &format!("name{title}.txt"),
        b"Title\n\nSergey Ryabkov spoke in Geneva.\n",
    );
    put(&format!("empty{title}.txt"), b"");
    put("clipboard\x1b]52;c;aGk=\x07.json", b"{oops");
    put("bidi\u{202e}txt.md", b"Reversed\n\nRussia said.\n");
    // Escape sequences, NUL-free controls, BOMs and bidi overrides inside
    // names, titles and sources.
    put(
        "controls.txt",
        "Title \x1b[2J\x1b]0;PWNED\x07 here\n\nOlaf\x1b Scholz met \u{feff}Angela Merkel and \
         Vladimir\u{202e} Putin\u{85} in Berlin. Olaf\x0b Scholz said so.\n"
            .as_bytes(),
    );
    put(
        "controls.json",
        serde_json::json!({
            "title": "Evil \u{1b}]0;PWNED\u{7} title",
            "source": "Evil\u{1b}[2J News",
            "text": "Xi\u{7f} Jinping met Emmanuel\u{9b} Macron in Beijing.",
        })
        .to_string()
        .as_bytes(),
    );
    // A run of capitalised words with no sentence end (quadratic before).
    put("run-of-names.txt", "Ab ".repeat(40_000).as_bytes());
    put("run-of-nicknames.txt", "Ab (AB) ".repeat(20_000).as_bytes());
    // Letters with many combining marks each (one letter with megabytes of
    // them reads as binary and is refused); emoji sequences.
    put(
        "combining.txt",
        format!(
            "Marks\n\nRussia {}\n",
            format!("Z{} ", "\u{301}".repeat(60)).repeat(8000)
        )
        .as_bytes(),
    );
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
    let flag = "\u{1F1FA}\u{1F1F8}";
    put(
        "emoji.txt",
        format!("Emoji {family}{flag}\n\n{family}{flag} Russia {flag}{family} \u{2764}\u{FE0F}\n")
            .repeat(50)
            .as_bytes(),
    );
    // Malformed front matter, deep JSON, a billion-laughs feed.
    put(
        "front-matter.md",
        b"---\ntitle: \"Broken\nsource: [TASS\n---\nReal headline\n\nRussia said.\n",
    );
    put(
        "deep.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).as_bytes(),
    );
    put(
        "laughs.xml",
        b"<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><rss><channel><item><title>&c;</title><description>&c;&c;</description></item></channel></rss>",
    );
    // Binary and invalid UTF-8.
    put("binary.txt", b"\x00\x01\x02ELF\x00");
    put("latin1.txt", b"Caf\xe9 in Geneva\n");
    // A symlink loop and a FIFO.
    let _ = std::os::unix::fs::symlink(dir, dir.join("loop"));
    let fifo = dir.join("fifo.txt");
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // Safety: a valid C string for the path.
    unsafe { libc::mkfifo(name.as_ptr(), 0o644) };
}
