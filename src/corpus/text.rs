//! Plain text and Markdown articles, and the title and metadata rules every
//! format falls back on when a file says nothing about itself.
//!
//! The article text is the file exactly as read, a leading byte-order mark
//! and Markdown front matter included, because every offset elsewhere is a
//! byte offset into it. Only title and metadata finding look past them.

use super::Article;
use super::date;
use super::dateline;

/// Lines that sit above the headline on many news sites and are never the title.
const BOILERPLATE: &[&str] = &[
    "all news",
    "home",
    "news",
    "advertisement",
    "ad",
    "share",
    "share this",
    "share this article",
    "share on facebook",
    "share on twitter",
    "tweet",
    "print",
    "email",
    "menu",
    "search",
    "close",
    "skip to content",
    "skip to main content",
    "subscribe",
    "sign in",
    "log in",
    "breaking news",
    "latest news",
    "top stories",
    "related",
    "loading...",
    "continue reading",
    "follow us",
];

/// Titles longer than this are cut (a file whose first line is a paragraph).
const MAX_TITLE_CHARS: usize = 120;

/// An article from a .txt or .md file (or the embedded sample).
pub fn text_article(path: String, text: String, markdown: bool) -> Article {
    let body_start = usize::from(text.starts_with('\u{feff}')) * '\u{feff}'.len_utf8();
    let mut front = FrontMatter::default();
    let mut body = &text[body_start..];
    if markdown && let Some((matter, rest)) = split_front_matter(body) {
        // Broken front matter gives no values: the text says better.
        if malformed_front_matter(&text).is_none() {
            front = matter;
        }
        body = rest;
    }
    let title = front
        .title
        .take()
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| title_from_lines(body, markdown));
    let mut article = Article {
        path,
        title,
        source: front.source.and_then(|s| dateline::normalise_source(&s)),
        date: front.date.and_then(|d| date::normalise_date(&d)),
        place: front.place,
        url: front.url,
        text: String::new(),
        encoding: None,
    };
    fill_from_text(&mut article, body);
    article.text = text;
    article
}

/// Source, place and date from the text's dateline and header, where the
/// file's own metadata left them empty.
pub fn fill_from_text(article: &mut Article, text: &str) {
    if article.source.is_some() && article.place.is_some() && article.date.is_some() {
        return;
    }
    let found = dateline::metadata_from_text(text);
    article.source = article.source.take().or(found.source);
    article.place = article.place.take().or(found.place);
    article.date = article.date.take().or(found.date);
}

#[derive(Debug, Default)]
struct FrontMatter {
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    place: Option<String>,
    url: Option<String>,
}

/// YAML front matter (`---` ... `---` or `...`) read as flat `key: value`
/// lines, which is all news front matter uses; the rest of the body follows.
fn split_front_matter(body: &str) -> Option<(FrontMatter, &str)> {
    let first_line_end = body.find('\n')?;
    if body[..first_line_end].trim_end() != "---" {
        return None;
    }
    let mut matter = FrontMatter::default();
    let mut offset = first_line_end + 1;
    for line in body[offset..].split_inclusive('\n') {
        offset += line.len();
        let line = line.trim_end();
        if line == "---" || line == "..." {
            return Some((matter, &body[offset..]));
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" | "headline" => &mut matter.title,
            "date" | "published" | "published_at" | "pubdate" | "date_published" => {
                &mut matter.date
            }
            "source" | "publisher" | "site" | "site_name" => &mut matter.source,
            "place" | "location" | "dateline" => &mut matter.place,
            "url" | "link" | "canonical_url" => &mut matter.url,
            _ => continue,
        };
        slot.get_or_insert(value);
    }
    None
}

/// Where the front matter of a Markdown file is not the flat `key: value`
/// YAML it should be: its 1-based line in the file, and what is wrong.
/// Indented lines, list items and comments belong to YAML and pass.
pub fn malformed_front_matter(text: &str) -> Option<(usize, String)> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (first, rest) = body.split_once('\n')?;
    if first.trim_end() != "---" {
        return None;
    }
    let lines = || rest.lines().map(str::trim_end);
    // Never closed: the file starts with a rule, not with front matter.
    let end = lines().position(|l| l == "---" || l == "...")?;
    for (n, trimmed) in lines().take(end).enumerate() {
        let line_no = n + 2;
        if trimmed.trim().is_empty()
            || trimmed.starts_with([' ', '\t', '#'])
            || trimmed.starts_with("- ")
        {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            return Some((line_no, "front matter line is not `key: value`".into()));
        };
        let value = value.trim();
        let closing = match value.chars().next() {
            Some(q @ ('"' | '\'')) => Some(q),
            Some('[') => Some(']'),
            Some('{') => Some('}'),
            _ => None,
        };
        if let Some(close) = closing
            && (value.len() < 2 || !value.ends_with(close))
        {
            let key = key.trim();
            return Some((
                line_no,
                format!("front matter value of `{key}` is not closed"),
            ));
        }
    }
    None
}

fn unquote(value: &str) -> String {
    let stripped = ['"', '\'']
        .iter()
        .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
        .unwrap_or(value);
    stripped.to_string()
}

/// The first line that reads as a headline: not empty, not site
/// boilerplate, not a bare date or a rule; Markdown markers removed.
pub fn title_from_lines(body: &str, markdown: bool) -> String {
    for line in body.lines() {
        let cleaned = clean_title_line(line, markdown);
        if cleaned.is_empty() || is_boilerplate(&cleaned) || is_bare_date(&cleaned) {
            continue;
        }
        return shorten(&cleaned);
    }
    String::new()
}

fn clean_title_line(line: &str, markdown: bool) -> String {
    let mut line = line.trim().trim_start_matches('\u{feff}').trim();
    // A Markdown heading, in either file type: "## Title ##".
    if line.starts_with('#') {
        line = line.trim_start_matches('#').trim_end_matches('#').trim();
    }
    if !markdown {
        return collapse_spaces(line);
    }
    // An image or raw HTML is no headline.
    if line.starts_with("![") || line.starts_with('<') {
        return String::new();
    }
    let line = line.trim_start_matches('>').trim();
    collapse_spaces(&strip_markdown_inline(line))
}

/// `[text](url)` -> text; `**`, `__`, `*`, `_` and backticks used as
/// emphasis dropped (an underscore inside a word, as in `snake_case`, stays).
fn strip_markdown_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '[' {
            let close = chars[i..].iter().position(|&x| x == ']').map(|p| p + i);
            if let Some(close) = close
                && chars.get(close + 1) == Some(&'(')
                && let Some(end) = chars[close..].iter().position(|&x| x == ')')
            {
                out.extend(&chars[i + 1..close]);
                i = close + end + 1;
                continue;
            }
        }
        let emphasis = match c {
            '*' | '`' => true,
            '_' => {
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + 1);
                !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(|a| a.is_alphanumeric()))
            }
            _ => false,
        };
        if !emphasis {
            out.push(c);
        }
        i += 1;
    }
    out
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_boilerplate(line: &str) -> bool {
    let lower = line.to_lowercase();
    let lower = lower.trim_end_matches([':', '|', '»', '›']).trim();
    BOILERPLATE.contains(&lower) || !line.chars().any(char::is_alphanumeric)
}

/// "October 19, 2016" or "Updated: 2016-10-19 10:42" alone on a line.
fn is_bare_date(line: &str) -> bool {
    if line.chars().count() > 60 {
        return false;
    }
    match date::find_date(line) {
        Some((_, range)) => {
            let rest = format!("{}{}", &line[..range.start], &line[range.end..]);
            rest.split_whitespace().count() <= 4
                && !rest
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .any(char::is_lowercase)
                || rest.to_lowercase().contains("published")
                || rest.to_lowercase().contains("updated")
        }
        None => false,
    }
}

/// A title cut to its first sentence, or at a word near [`MAX_TITLE_CHARS`].
fn shorten(title: &str) -> String {
    if title.chars().count() <= MAX_TITLE_CHARS {
        return title.to_string();
    }
    if let Some(end) = title.find(". ")
        && title[..end].chars().count() <= MAX_TITLE_CHARS
        && end >= 20
    {
        return title[..end].to_string();
    }
    let cut = title
        .char_indices()
        .nth(MAX_TITLE_CHARS)
        .map_or(title.len(), |(i, _)| i);
    let cut = title[..cut].rfind(' ').filter(|&i| i > 40).unwrap_or(cut);
    format!("{}…", title[..cut].trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(text: &str, markdown: bool) -> String {
        text_article("x".into(), text.into(), markdown).title
    }

    #[test]
    fn boilerplate_lines_are_skipped() {
        assert_eq!(title("All news\n\nReal title\nbody", false), "Real title");
        assert_eq!(
            title("Home\nAdvertisement\nShare:\n\n---\nReal title\n", false),
            "Real title"
        );
        assert_eq!(title("\u{feff}Title after BOM\n", false), "Title after BOM");
    }

    #[test]
    fn markdown_markers_are_removed_from_the_title_only() {
        let text = "# **Talks** on _Aleppo_ kick off ##\n\nBody with **bold**.";
        let article = text_article("a.md".into(), text.into(), true);
        assert_eq!(article.title, "Talks on Aleppo kick off");
        assert_eq!(article.text, text, "text is never altered");
        assert_eq!(
            title(
                "![photo](x.jpg)\n## [Link title](http://x) with snake_case\n",
                true
            ),
            "Link title with snake_case"
        );
        assert_eq!(
            title("# Heading in a txt file\n", false),
            "Heading in a txt file"
        );
    }

    #[test]
    fn bare_dates_are_not_titles() {
        assert_eq!(title("October 19, 2016\nThe title\n", false), "The title");
        assert_eq!(
            title("Published: 2016-10-19 10:42\nThe title\n", false),
            "The title"
        );
        assert_eq!(
            title("Talks resume on October 19, 2016\n", false),
            "Talks resume on October 19, 2016"
        );
    }

    #[test]
    fn long_first_lines_are_shortened() {
        let paragraph = "A Georgia judge handed Brian Nichols four consecutive life sentences without parole today. He was convicted of killing four people in a court room shooting in 2005.";
        assert_eq!(
            title(paragraph, false),
            "A Georgia judge handed Brian Nichols four consecutive life sentences without parole today"
        );
        let no_stop = "word ".repeat(60);
        let t = title(&no_stop, false);
        assert!(
            t.ends_with('…') && t.chars().count() <= MAX_TITLE_CHARS + 1,
            "{t}"
        );
    }

    #[test]
    fn front_matter_gives_metadata_and_text_stays_whole() {
        let text = "---\ntitle: \"Talks in Geneva\"\ndate: 2016-10-19T10:00:00Z\nsource: Associated Press\nurl: https://example.org/a\n---\n# Other heading\n\nGENEVA (Reuters) - Body.";
        let a = text_article("a.md".into(), text.into(), true);
        assert_eq!(a.title, "Talks in Geneva");
        assert_eq!(a.date.as_deref(), Some("2016-10-19"));
        assert_eq!(
            a.source.as_deref(),
            Some("AP"),
            "front matter wins over the dateline"
        );
        assert_eq!(
            a.place.as_deref(),
            Some("Geneva"),
            "dateline fills what front matter lacks"
        );
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.text, text);
    }

    #[test]
    fn unterminated_front_matter_is_body() {
        let a = text_article("a.md".into(), "---\ntitle: x\nno end".into(), true);
        assert_eq!(a.title, "title: x");
    }

    #[test]
    fn empty_text_has_empty_title() {
        assert_eq!(title("\n\n  \n", false), "");
    }

    #[test]
    fn malformed_front_matter_is_found_and_its_values_unused() {
        let broken = "---\ntitle: \"Unclosed\nsource: [TASS\n---\nReal headline\n\nBody.\n";
        assert_eq!(
            malformed_front_matter(broken),
            Some((2, "front matter value of `title` is not closed".into()))
        );
        let article = text_article("a.md".into(), broken.into(), true);
        assert_eq!(article.title, "Real headline");
        assert_eq!(article.source, None);
        let no_colon = "---\ntitle: Fine\njust words\n---\nHeadline\n";
        assert_eq!(malformed_front_matter(no_colon).map(|(l, _)| l), Some(3));
        let fine =
            "---\ntitle: \"Quoted\"\ntags:\n  - a\n- b\n# note\nurl: https://x.org/a\n---\nBody\n";
        assert_eq!(malformed_front_matter(fine), None);
        assert_eq!(
            text_article("a.md".into(), fine.into(), true).title,
            "Quoted"
        );
        assert_eq!(malformed_front_matter("---\nnot front matter\n"), None);
    }
}
