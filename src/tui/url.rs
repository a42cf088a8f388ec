//! An article's URL leaving the reader: handed to a browser, or put on the
//! clipboard through the terminal (OSC 52). The URL comes from a file, so
//! only one [`crate::safe::url`] accepts is ever passed on.

use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

/// Why browsers started earlier failed, for the status line.
static FAILURES: Mutex<Option<(Sender<String>, Receiver<String>)>> = Mutex::new(None);

/// What became of browsers that have ended since last asked: why each that
/// failed did.
pub fn failures() -> Vec<String> {
    match FAILURES.lock() {
        Ok(guard) => guard
            .as_ref()
            .map(|(_, rx)| rx.try_iter().collect())
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// The command that opens `url`: the first of `$BROWSER` (a `:`-separated
/// list, where `%s` stands for the URL, else it is added at the end), else
/// the desktop's opener. No shell reads it, so the URL stays one argument.
pub fn opener(browser: Option<&str>, url: &str) -> (String, Vec<String>) {
    let first = browser
        .and_then(|b| b.split(':').map(str::trim).find(|c| !c.is_empty()))
        .map(|c| c.split_whitespace().map(str::to_string).collect::<Vec<_>>());
    match first {
        Some(mut words) if !words.is_empty() => {
            let program = words.remove(0);
            let mut placed = false;
            for word in &mut words {
                if word.contains("%s") {
                    *word = word.replace("%s", url);
                    placed = true;
                }
            }
            if !placed {
                words.push(url.to_string());
            }
            (program, words)
        }
        _ => {
            let program = if cfg!(target_os = "macos") {
                "open"
            } else {
                "xdg-open"
            };
            (program.to_string(), vec![url.to_string()])
        }
    }
}

/// Starts the browser on `url` without waiting for it. Its streams are
/// closed, so it cannot draw over the reader. If it fails later, why is
/// told by [`failures`].
pub fn open(url: &str) -> Result<(), String> {
    let outcome = open_with(std::env::var("BROWSER").ok().as_deref(), url)?;
    let Ok(mut guard) = FAILURES.lock() else {
        return Ok(());
    };
    let (tx, _) = guard.get_or_insert_with(mpsc::channel);
    let tx = tx.clone();
    thread::spawn(move || {
        if let Ok(Some(why)) = outcome.recv() {
            let _ = tx.send(why);
        }
    });
    Ok(())
}

/// [`open`] with `browser` as `$BROWSER`.
fn open_with(browser: Option<&str>, url: &str) -> Result<Receiver<Option<String>>, String> {
    let url = crate::safe::url(url).map_err(|why| format!("not opened: {why}"))?;
    let (program, args) = opener(browser, url);
    let mut child = Command::new(&program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start {program}: {e}"))?;
    let (tx, rx) = mpsc::channel();
    // Waited for on a thread of its own: the reader goes on, and the
    // process is reaped when it ends.
    thread::spawn(move || {
        let outcome = match child.wait() {
            Ok(status) if status.success() => None,
            Ok(status) => Some(format!("{program} failed ({status})")),
            Err(e) => Some(format!("{program}: {e}")),
        };
        let _ = tx.send(outcome);
    });
    Ok(rx)
}

/// The escape sequence asking the terminal to put `url` on the clipboard
/// (OSC 52, terminated by BEL). The URL is base64-encoded in it, and only a
/// safe one is accepted, so nothing in it can end the sequence early.
pub fn osc52(url: &str) -> Result<String, &'static str> {
    let url = crate::safe::url(url)?;
    Ok(format!("\x1b]52;c;{}\x07", base64(url.as_bytes())))
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn the_clipboard_sequence_holds_only_a_safe_url() {
        assert_eq!(
            osc52("https://tass.com/1").unwrap(),
            "\x1b]52;c;aHR0cHM6Ly90YXNzLmNvbS8x\x07"
        );
        assert!(osc52("https://x.example/\x07\x1b]0;owned\x07").is_err());
        assert!(osc52("javascript:alert(1)").is_err());
    }

    #[test]
    fn the_browser_gets_the_url_as_one_argument() {
        let url = "https://tass.com/a?b=1&c=2;rm";
        assert_eq!(
            opener(None, url).1,
            vec![url.to_string()],
            "the desktop opener"
        );
        assert_eq!(
            opener(Some("firefox --new-tab"), url),
            (
                "firefox".to_string(),
                vec!["--new-tab".to_string(), url.to_string()]
            )
        );
        assert_eq!(
            opener(Some(":w3m -o x=%s:lynx"), url),
            (
                "w3m".to_string(),
                vec!["-o".to_string(), format!("x={url}")]
            )
        );
        assert_eq!(opener(Some(" : "), url).1, vec![url.to_string()]);
    }

    #[test]
    fn the_browser_is_started_and_its_failure_told_later() {
        let url = "https://tass.com/1";
        let ok = open_with(Some("true"), url).unwrap();
        assert_eq!(ok.recv().unwrap(), None);
        let failed = open_with(Some("false"), url).unwrap();
        assert!(failed.recv().unwrap().unwrap().starts_with("false failed"));
        let missing = open_with(Some("/nonexistent/browser"), url).unwrap_err();
        assert!(missing.starts_with("could not start /nonexistent/browser"));
        let refused = open_with(Some("true"), "javascript:alert(1)").unwrap_err();
        assert!(refused.contains("not an http"), "{refused}");
    }
}
