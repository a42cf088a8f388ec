//! Terminal safety for untrusted text: the one place that decides which
//! characters may never reach a terminal, on screen or on any stream.
//!
//! Article text, titles, file names and actor ids all come from files a
//! reader did not write. A C0/C1 control, DEL or a bidirectional override in
//! them could move the cursor, set the window title, write the clipboard
//! (OSC 52) or reorder what is shown, so every such character is replaced by
//! [`REPLACEMENT`] before it is printed, and analysis never lets one into a
//! name.

use std::borrow::Cow;

/// Shown in place of a character that must never reach the terminal.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Characters that could drive the terminal or reorder the screen: C0 and C1
/// controls, DEL, and the bidirectional embeddings, overrides and isolates.
/// (The plain direction marks stay: right-to-left text needs them.)
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters no name may hold: the unsafe ones (tab and line breaks
/// aside, which only separate words) and the byte order mark, which is
/// invisible and would make "Merkel" and "\u{FEFF}Merkel" two actors.
pub fn breaks_names(c: char) -> bool {
    (is_unsafe(c) && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FEFF}'
}

/// A message line made safe for a terminal: every unsafe character,
/// line breaks included, becomes [`REPLACEMENT`], so one message stays one
/// line. Borrows when there is nothing to replace.
pub fn line(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_unsafe) {
        Cow::Owned(
            s.chars()
                .map(|c| if is_unsafe(c) { REPLACEMENT } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// An article's URL, if it is one a browser may be handed and a clipboard
/// given: `http` or `https`, at most 2048 bytes, with no unsafe character,
/// no space and no other whitespace (each could smuggle a second argument
/// or an escape sequence). Otherwise why not.
pub fn url(s: &str) -> Result<&str, &'static str> {
    let s = s.trim();
    let scheme = s
        .split_once("://")
        .map(|(scheme, _)| scheme.to_ascii_lowercase());
    if !matches!(scheme.as_deref(), Some("http" | "https")) {
        return Err("it is not an http or https address");
    }
    if s.len() > 2048 {
        return Err("it is longer than 2048 bytes");
    }
    if s.chars().any(|c| is_unsafe(c) || c.is_whitespace()) {
        return Err("it holds control characters or spaces");
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_cannot_set_the_window_title_or_the_clipboard() {
        let title = "e\x1b]0;PWNED\x07.txt";
        assert_eq!(line(title), "e\u{FFFD}]0;PWNED\u{FFFD}.txt");
        let clipboard = "x\x1b]52;c;aGk=\x1b\\";
        assert!(!line(clipboard).chars().any(|c| c.is_control()));
    }

    #[test]
    fn c1_del_newlines_and_bidi_overrides_are_replaced() {
        assert_eq!(
            line("a\u{9b}b\u{7f}c\nd\u{202e}e\u{2067}f\0"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}"
        );
    }

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        let s = "Jabhat al-Nusra · «Тасс» 日本";
        assert!(matches!(line(s), Cow::Borrowed(_)));
    }

    #[test]
    fn names_break_at_controls_and_the_bom_not_at_joiners() {
        for c in ['\0', '\x1b', '\u{7f}', '\u{85}', '\u{feff}', '\u{202e}'] {
            assert!(breaks_names(c), "{c:?}");
        }
        for c in ['a', ' ', '\n', '\t', '\u{200d}', '\u{200c}', 'é'] {
            assert!(!breaks_names(c), "{c:?}");
        }
    }

    #[test]
    fn only_plain_web_addresses_are_urls() {
        assert_eq!(
            url(" https://tass.com/politics/1 "),
            Ok("https://tass.com/politics/1")
        );
        assert_eq!(url("HTTP://example.org"), Ok("HTTP://example.org"));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "tass.com/politics",
            "https://a.example/\x1b]52;c;aGk=\x07",
            "https://a.example/x y",
            "https://a.example/\u{202e}gpj.exe",
            "https://a.example/\u{85}x",
        ] {
            assert!(url(bad).is_err(), "{bad:?}");
        }
        assert!(url(&format!("https://a.example/{}", "x".repeat(3000))).is_err());
    }
}
