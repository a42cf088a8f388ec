//! How article text is shown: sanitising and wrapping. Both the state (to
//! scroll to a mention) and the renderer (to draw lines) use these, so they
//! always agree on where a byte of the text lands on screen.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

pub use crate::safe::REPLACEMENT;
use crate::safe::is_unsafe;

/// How one character of article text is displayed; `None` when it takes no
/// room at all (the carriage return of a CRLF line end).
pub fn display_char(c: char) -> Option<char> {
    match c {
        '\t' | '\n' => Some(' '),
        '\r' => None,
        c if is_unsafe(c) => Some(REPLACEMENT),
        c => Some(c),
    }
}

/// Columns a character of article text takes once displayed.
pub fn display_width(c: char) -> usize {
    display_char(c).map_or(0, |d| d.width().unwrap_or(0))
}

/// The most zero-width characters (combining marks and the like) shown on
/// one character: a letter with megabytes of marks would otherwise be one
/// screen cell sent whole to the terminal on every redraw.
pub const MAX_MARKS_PER_CELL: usize = 8;

/// An article-derived string made safe to print on one line: controls and
/// bidi overrides replaced, tabs and line breaks turned into spaces.
///
/// It is also made safe for widths: the screen is laid out character by
/// character ([`display_width`]), while the terminal and ratatui measure
/// whole clusters, and they disagree on emoji sequences. So a zero-width
/// joiner after an emoji is dropped (a family shows as its members, each
/// two columns wide, on every terminal), so is the emoji variation selector
/// (which some terminals widen a character for and others do not), and so
/// are the marks on one character beyond [`MAX_MARKS_PER_CELL`]. None of
/// these take room, so the layout is unchanged.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut marks = 0;
    let mut after_emoji = false;
    for c in s.chars() {
        let Some(d) = display_char(c) else { continue };
        let zero_width = d.width().unwrap_or(0) == 0;
        if zero_width {
            let joins_emoji = d == '\u{200D}' && after_emoji;
            if joins_emoji || d == '\u{FE0F}' || marks >= MAX_MARKS_PER_CELL {
                continue;
            }
            marks += 1;
        } else {
            marks = 0;
            after_emoji = is_emoji(d);
        }
        out.push(d);
    }
    out
}

/// Pictographic characters that join into emoji sequences.
fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}')
}

/// Wraps `text` to `width` columns: the byte range of each screen line.
///
/// Lines break at line feeds, and otherwise after the last whitespace that
/// fits; a word longer than the width is cut. The whitespace a line breaks
/// at belongs to neither line.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut paragraph_start = 0;
    for paragraph in text.split('\n') {
        wrap_paragraph(text, paragraph_start, paragraph, width, &mut lines);
        paragraph_start += paragraph.len() + 1;
    }
    lines
}

fn wrap_paragraph(
    text: &str,
    offset: usize,
    paragraph: &str,
    width: usize,
    lines: &mut Vec<Range<usize>>,
) {
    let mut line_start = offset;
    let mut column = 0;
    // Byte just after the last whitespace on the line, and the column there.
    let mut last_break: Option<(usize, usize)> = None;
    for (i, c) in paragraph.char_indices() {
        let at = offset + i;
        let w = display_width(c);
        if column + w > width && column > 0 && c.is_whitespace() {
            lines.push(line_start..at);
            line_start = at + c.len_utf8();
            column = 0;
            last_break = None;
            continue;
        }
        while column + w > width && column > 0 {
            match last_break.take() {
                Some((brk, brk_column)) if brk > line_start => {
                    // Drop the whitespace the line breaks at.
                    let end = text[line_start..brk].trim_end().len() + line_start;
                    lines.push(line_start..end);
                    line_start = brk;
                    column -= brk_column;
                }
                _ => {
                    lines.push(line_start..at);
                    line_start = at;
                    column = 0;
                }
            }
        }
        column += w;
        if c.is_whitespace() {
            last_break = Some((at + c.len_utf8(), column));
        }
    }
    lines.push(line_start..offset + paragraph.len());
}

/// The index of the wrapped line holding byte `offset`.
pub fn line_of(lines: &[Range<usize>], offset: usize) -> usize {
    lines
        .partition_point(|line| line.start <= offset)
        .saturating_sub(1)
}

/// An article wrapped to a width, kept so that it is not recomputed on every
/// key press.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextLayout {
    pub article: usize,
    pub width: usize,
    pub lines: Vec<Range<usize>>,
}

impl TextLayout {
    pub fn new(article: usize, text: &str, width: usize) -> TextLayout {
        TextLayout {
            article,
            width,
            lines: wrap(text, width),
        }
    }

    pub fn line_of(&self, offset: usize) -> usize {
        line_of(&self.lines, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn escape_sequences_are_made_visible_not_obeyed() {
        let s = sanitize("red \x1b[31mtext\x1b[0m");
        assert!(!s.contains('\x1b'));
        assert_eq!(s, "red \u{FFFD}[31mtext\u{FFFD}[0m");
    }

    #[test]
    fn a_title_cannot_set_the_window_title() {
        let s = sanitize("News\x1b]0;evil\x07 today");
        assert!(s.chars().all(|c| !c.is_control()));
        assert_eq!(s, "News\u{FFFD}]0;evil\u{FFFD} today");
    }

    #[test]
    fn c1_controls_del_and_bidi_overrides_are_replaced() {
        let s = sanitize("a\u{9b}31m b\u{7f} c\u{202e}d\u{2066}e");
        assert_eq!(s, "a\u{FFFD}31m b\u{FFFD} c\u{FFFD}d\u{FFFD}e");
    }

    #[test]
    fn tabs_and_line_breaks_become_spaces_and_crlf_vanishes() {
        assert_eq!(sanitize("a\tb\r\nc"), "a b c");
        assert_eq!(
            sanitize("Aleppo – Syria’s ‘city’"),
            "Aleppo – Syria’s ‘city’"
        );
    }

    #[test]
    fn one_cell_carries_a_bounded_number_of_marks() {
        let heavy = format!("a{}b", "\u{301}".repeat(100_000));
        let shown = sanitize(&heavy);
        assert_eq!(shown.chars().count(), 2 + MAX_MARKS_PER_CELL);
        assert!(shown.ends_with('b'));
        // Ordinary combining text is untouched.
        assert_eq!(
            sanitize("Sa\u{301}nchez Đ\u{303}"),
            "Sa\u{301}nchez Đ\u{303}"
        );
    }

    #[test]
    fn emoji_sequences_take_the_columns_the_layout_gives_them() {
        use unicode_width::UnicodeWidthStr;
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
        let flag = "\u{1F1FA}\u{1F1F8}";
        for text in [
            format!("{family}{flag} x"),
            format!("{flag}{family}"),
            "\u{2764}\u{FE0F} love".to_string(),
            format!("a{family}b{flag}c"),
        ] {
            let shown = sanitize(&text);
            let layout: usize = text.chars().map(display_width).sum();
            assert_eq!(shown.width(), layout, "{text:?} shown as {shown:?}");
        }
        // Joiners inside words of other scripts stay.
        assert_eq!(sanitize("क्\u{200D}ष"), "क्\u{200D}ष");
    }

    #[test]
    fn wraps_at_spaces_and_line_feeds() {
        assert_eq!(
            shown("the quick brown fox\n\njumps", 10),
            vec!["the quick", "brown fox", "", "jumps"]
        );
    }

    #[test]
    fn cuts_words_longer_than_the_width() {
        assert_eq!(shown("abcdefgh ij", 3), vec!["abc", "def", "gh", "ij"]);
    }

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(
            shown("日本語テキスト", 4),
            vec!["日本", "語テ", "キス", "ト"]
        );
    }

    #[test]
    fn every_line_fits_and_no_text_is_lost() {
        let text = "Consultations among military experts from Russia, the US and \
                    some other countries on separating terrorists began.\r\nSo far.";
        for width in 1..40 {
            let lines = wrap(text, width);
            let mut joined = String::new();
            for line in &lines {
                let w: usize = text[line.clone()].chars().map(display_width).sum();
                assert!(w <= width, "width {width}: {:?}", &text[line.clone()]);
                joined.push_str(&text[line.clone()]);
            }
            let squash = |s: &str| s.split_whitespace().collect::<String>();
            assert_eq!(squash(&joined), squash(text), "width {width}");
        }
    }

    #[test]
    fn finds_the_line_of_an_offset() {
        let text = "the quick brown fox";
        let lines = wrap(text, 10);
        assert_eq!(line_of(&lines, 0), 0);
        assert_eq!(line_of(&lines, text.find("brown").unwrap()), 1);
        assert_eq!(line_of(&lines, text.len()), 1);
        assert_eq!(line_of(&[], 5), 0);
    }
}
