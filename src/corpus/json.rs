//! JSON (one object, an array of objects, or an object wrapping such an
//! array as news APIs return) and JSON Lines (one object per line).
//!
//! Field names are matched case-insensitively, and the usual variants are
//! accepted: `text`/`body`/`content`, `date`/`published`/`published_at`/
//! `pubDate`/..., `url`/`link`, `source` as a string or as `{"name": ..}`.

use std::io::BufRead;

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::html::html_to_text;

use super::text::{fill_from_text, title_from_lines};
use super::{Article, IssueKind, LoadIssue};
use super::{date, dateline};

const TEXT_FIELDS: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "maintext",
];
const TITLE_FIELDS: &[&str] = &["title", "headline"];
const SOURCE_FIELDS: &[&str] = &[
    "source",
    "source_name",
    "publisher",
    "site_name",
    "outlet",
    "agency",
];
const DATE_FIELDS: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publishedat",
    "pubdate",
    "datepublished",
    "date_published",
    "publish_date",
    "publication_date",
    "created_at",
    "timestamp",
    "time",
    "updated",
    "date_modified",
];
const URL_FIELDS: &[&str] = &["url", "link", "href", "permalink", "canonical_url"];
const PLACE_FIELDS: &[&str] = &["place", "location", "dateline"];
/// Keys under which news APIs wrap their list of articles.
const WRAPPER_FIELDS: &[&str] = &[
    "articles",
    "items",
    "records",
    "data",
    "results",
    "entries",
    "documents",
    "posts",
];

/// The first of `names` present in `record` (case-insensitively), in the
/// order of `names`.
fn field<'a>(record: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|name| {
        record
            .iter()
            .find(|(key, value)| key.eq_ignore_ascii_case(name) && !value.is_null())
            .map(|(_, value)| value)
    })
}

fn string_field(record: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        let value = field(record, std::slice::from_ref(name))?;
        let s = value.as_str()?.trim();
        (!s.is_empty()).then(|| s.to_string())
    })
}

fn source_field(record: &Map<String, Value>) -> Option<String> {
    SOURCE_FIELDS
        .iter()
        .find_map(|name| match field(record, std::slice::from_ref(name))? {
            Value::String(s) => dateline::normalise_source(s),
            Value::Object(inner) => string_field(inner, &["name", "title", "id"])
                .and_then(|s| dateline::normalise_source(&s)),
            _ => None,
        })
}

fn date_field(record: &Map<String, Value>) -> Option<String> {
    DATE_FIELDS.iter().find_map(|name| {
        match field(record, std::slice::from_ref(name))? {
            Value::String(s) => date::normalise_date(s),
            Value::Number(n) => {
                let n = n.as_i64()?;
                // Milliseconds are what JavaScript writes; seconds what Unix does.
                let seconds = if n.abs() >= 100_000_000_000 {
                    n / 1000
                } else {
                    n
                };
                date::Date::from_unix_seconds(seconds).map(|d| d.to_string())
            }
            _ => None,
        }
    })
}

/// The fewest words a record without a title must hold to be taken as an
/// article: fewer are a snippet (a mention, a label, a caption), not news.
pub const MIN_UNTITLED_WORDS: usize = 25;

/// The start of the reason a record without text is skipped.
pub const NO_TEXT: &str = "record has no text";
/// The start of the reason a record too short to be an article is skipped.
pub const TOO_SHORT: &str = "record is too short to be an article";

/// A record's text: a text field as written, else JSON Feed's
/// `content_text`, `content_html` (as plain text) or `summary`.
fn record_text(record: &Map<String, Value>) -> Option<Cow<'_, str>> {
    let string = |names: &[&str]| {
        names
            .iter()
            .find_map(|name| field(record, std::slice::from_ref(name))?.as_str())
            .filter(|t| !t.trim().is_empty())
    };
    if let Some(text) = string(TEXT_FIELDS) {
        return Some(Cow::Borrowed(text));
    }
    if let Some(text) = string(&["content_text"]) {
        return Some(Cow::Borrowed(text));
    }
    string(&["content_html", "summary", "description"])
        .map(|html| Cow::<str>::Owned(html_to_text(html)))
        .filter(|t| !t.trim().is_empty())
}

/// One JSON record as an article; the reason it is not one otherwise.
/// A record is an article when it has text, and either a title or more
/// than a snippet's worth of words ([`MIN_UNTITLED_WORDS`]).
pub fn record_article(value: &Value, path: String) -> Result<Article, String> {
    record_article_from(value, path, None)
}

fn record_article_from(
    value: &Value,
    path: String,
    feed_source: Option<&str>,
) -> Result<Article, String> {
    let Value::Object(record) = value else {
        return Err(format!("record is {}, not an object", kind_of(value)));
    };
    let text = record_text(record).ok_or_else(|| {
        format!(
            "{NO_TEXT}: none of the fields {} holds text",
            TEXT_FIELDS.join(", ")
        )
    })?;
    let text = text.as_ref();
    let title = string_field(record, TITLE_FIELDS)
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let words = text.split_whitespace().count();
    if title.is_none() && words < MIN_UNTITLED_WORDS {
        return Err(format!(
            "{TOO_SHORT}: no title and {words} words of text (an untitled article needs {MIN_UNTITLED_WORDS})"
        ));
    }
    let title = title.unwrap_or_else(|| title_from_lines(text, false));
    let mut article = Article {
        path,
        title,
        source: source_field(record).or_else(|| feed_source.and_then(dateline::normalise_source)),
        date: date_field(record),
        place: string_field(record, PLACE_FIELDS),
        url: string_field(record, URL_FIELDS),
        text: String::new(),
        encoding: None,
    };
    fill_from_text(&mut article, text);
    article.text = text.to_string();
    Ok(article)
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Articles and issues from one file, in order.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub issues: Vec<LoadIssue>,
}

/// A `.json` file: one object, an array of objects, `{"articles": [...]}`,
/// or a JSON Feed (`{"version": "https://jsonfeed.org/...", "items": [...]}`,
/// whose title is the items' source).
pub fn json_document(path: &str, text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    let json = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            let issue = LoadIssue::new(
                path,
                IssueKind::Malformed,
                format!(
                    "malformed JSON at column {}: {}",
                    e.column(),
                    strip_position(&e)
                ),
            );
            loaded.issues.push(issue.at_line(e.line()));
            return loaded;
        }
    };
    let records: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(obj) if field(obj, TEXT_FIELDS).is_none() => {
            match field(obj, WRAPPER_FIELDS) {
                Some(Value::Array(items)) => items.iter().collect(),
                _ => vec![&value],
            }
        }
        _ => vec![&value],
    };
    let feed_source = match &value {
        Value::Object(obj)
            if string_field(obj, &["version"]).is_some_and(|v| v.contains("jsonfeed.org")) =>
        {
            string_field(obj, &["title"])
        }
        _ => None,
    };
    if records.is_empty() {
        loaded.issues.push(LoadIssue::new(
            path,
            IssueKind::Empty,
            "JSON holds no records",
        ));
    }
    let numbered = records.len() > 1;
    for (i, record) in records.into_iter().enumerate() {
        let label = record_label(path, i + 1, numbered);
        match record_article_from(record, label.clone(), feed_source.as_deref()) {
            Ok(article) => loaded.articles.push(article),
            Err(reason) => loaded
                .issues
                .push(LoadIssue::new(label, IssueKind::BadRecord, reason)),
        }
    }
    loaded
}

fn record_label(path: &str, number: usize, numbered: bool) -> String {
    if numbered {
        format!("{path}#{number}")
    } else {
        path.to_string()
    }
}

/// serde_json's message without its " at line L column C" tail, which the
/// issue states in its own way.
fn strip_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

/// A `.jsonl`/`.ndjson` stream, read line by line so the file may be far
/// larger than memory allows; a record longer than `max_record_bytes` is
/// skipped with an issue, as is each line that is not an article.
pub fn json_lines(path: &str, reader: &mut dyn BufRead, max_record_bytes: usize) -> Loaded {
    let mut loaded = Loaded::default();
    let mut records: Vec<(usize, Article)> = Vec::new();
    let mut record_count = 0;
    let mut line_number = 0;
    let mut buf = Vec::new();
    loop {
        line_number += 1;
        buf.clear();
        let read = match read_line_capped(reader, &mut buf, max_record_bytes) {
            Ok(LineRead::End) => break,
            Ok(read) => read,
            Err(e) => {
                let issue = LoadIssue::new(path, IssueKind::Unreadable, format!("read error: {e}"));
                loaded.issues.push(issue.at_line(line_number));
                break;
            }
        };
        let mut line: &[u8] = &buf;
        if line_number == 1 {
            line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
        }
        if read == LineRead::TooLong {
            record_count += 1;
            let reason = format!(
                "record is over the {} MiB limit for one record; skipped",
                max_record_bytes >> 20
            );
            let issue = LoadIssue::new(path, IssueKind::TooLarge, reason);
            loaded.issues.push(issue.at_line(line_number));
            continue;
        }
        if line.trim_ascii().is_empty() {
            continue;
        }
        record_count += 1;
        let issue = |kind, reason: String| LoadIssue::new(path, kind, reason).at_line(line_number);
        // JSON Lines is UTF-8; stray bytes are replaced and reported, and
        // the record still loads.
        let text = match std::str::from_utf8(line) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(e) => {
                let reason = format!(
                    "invalid UTF-8 at byte {} of the line, replaced by U+FFFD; the record loaded",
                    e.valid_up_to()
                );
                loaded.issues.push(issue(IssueKind::Replaced, reason));
                String::from_utf8_lossy(line)
            }
        };
        let value: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                let reason = format!(
                    "malformed JSON at column {}: {}",
                    e.column(),
                    strip_position(&e)
                );
                loaded.issues.push(issue(IssueKind::Malformed, reason));
                continue;
            }
        };
        match record_article(&value, String::new()) {
            Ok(article) => records.push((record_count, article)),
            Err(reason) => loaded.issues.push(issue(IssueKind::BadRecord, reason)),
        }
    }
    if record_count == 0 && loaded.issues.is_empty() {
        loaded.issues.push(LoadIssue::new(
            path,
            IssueKind::Empty,
            "file holds no records",
        ));
    }
    let numbered = record_count > 1;
    loaded.articles = records
        .into_iter()
        .map(|(number, mut article)| {
            article.path = record_label(path, number, numbered);
            article
        })
        .collect();
    loaded
}

#[derive(Debug, PartialEq, Eq)]
enum LineRead {
    Line,
    TooLong,
    End,
}

/// Reads one line (without its `\n`) into `buf`, holding at most `cap`
/// bytes of it; a longer line is consumed to its end and reported.
fn read_line_capped(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<LineRead> {
    let mut too_long = false;
    let mut any = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match memchr_newline(chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            if buf.len() + take > cap {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        reader.consume(if done { take + 1 } else { take });
        if done {
            break;
        }
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(match (any, too_long) {
        (false, _) => LineRead::End,
        (true, true) => LineRead::TooLong,
        (true, false) => LineRead::Line,
    })
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn field_variants() {
        let record = json!({
            "Title": "  Talks   in Geneva ",
            "body": "GENEVA (Reuters) - Talks began.",
            "source": {"id": null, "name": "Associated Press"},
            "publishedAt": "2016-10-19T10:00:00Z",
            "link": "https://example.org/x",
            "author": "ignored"
        });
        let a = record_article(&record, "f.json".into()).unwrap();
        assert_eq!(a.title, "Talks in Geneva");
        assert_eq!(a.text, "GENEVA (Reuters) - Talks began.");
        assert_eq!(a.source.as_deref(), Some("AP"));
        assert_eq!(a.date.as_deref(), Some("2016-10-19"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/x"));
        assert_eq!(a.place.as_deref(), Some("Geneva"));
    }

    #[test]
    fn text_is_kept_exactly_and_dates_can_be_numbers() {
        let body = "  Line one\n\nLine two, which holds the twenty-five words an untitled record needs: one two three four five six seven eight nine ten eleven twelve.  ";
        let record = json!({"content": body, "published": 1476871200});
        let a = record_article(&record, "f".into()).unwrap();
        assert_eq!(a.text, body);
        assert_eq!(a.title, "Line one");
        assert_eq!(a.date.as_deref(), Some("2016-10-19"));
        let record = json!({"title": "T", "text": "x", "date": "someday"});
        assert_eq!(record_article(&record, "f".into()).unwrap().date, None);
    }

    #[test]
    fn bad_records() {
        let err = record_article(&json!([1]), "f".into()).unwrap_err();
        assert!(err.contains("not an object"), "{err}");
        let err = record_article(&json!({"title": "t", "text": 5}), "f".into()).unwrap_err();
        assert!(err.contains("no text"), "{err}");
        let err = record_article(&json!({"text": " \n"}), "f".into()).unwrap_err();
        assert!(err.starts_with(NO_TEXT), "{err}");
    }

    #[test]
    fn a_record_is_an_article_by_its_title_or_its_length() {
        let snippet = json!({"doc": "1_10ecb", "start": 21, "end": 30, "text": "Tara Reid"});
        let err = record_article(&snippet, "f".into()).unwrap_err();
        assert!(err.starts_with(TOO_SHORT), "{err}");
        let titled = json!({"title": "Reid in rehab", "text": "Tara Reid"});
        assert_eq!(
            record_article(&titled, "f".into()).unwrap().text,
            "Tara Reid"
        );
        let words = vec!["word"; MIN_UNTITLED_WORDS].join(" ");
        assert!(record_article(&json!({ "text": words }), "f".into()).is_ok());
        let headline_only = json!({"headline": "Lindsay Lohan checks into Betty Ford Center"});
        let err = record_article(&headline_only, "f".into()).unwrap_err();
        assert!(
            err.starts_with(NO_TEXT),
            "a title alone is not an article: {err}"
        );
    }

    #[test]
    fn json_feed_items() {
        let feed = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Example Wire",
            "items": [
              {"id": "1", "url": "https://example.org/1", "title": "Talks open",
               "content_html": "<p>GENEVA (Reuters) - Envoys met.</p><p>More.</p>",
               "date_published": "2016-10-19T10:00:00Z"},
              {"id": "2", "title": "Plain", "content_text": "Plain text body."},
              {"id": "3", "title": "Summary only", "summary": "Just a summary."}
            ]}"#;
        let loaded = json_document("f.json", feed);
        assert!(loaded.issues.is_empty(), "{:?}", loaded.issues);
        let a = &loaded.articles[0];
        assert_eq!(a.text, "GENEVA (Reuters) - Envoys met.\n\nMore.");
        assert_eq!(a.url.as_deref(), Some("https://example.org/1"));
        assert_eq!(a.date.as_deref(), Some("2016-10-19"));
        assert_eq!(
            a.source.as_deref(),
            Some("Example Wire"),
            "the feed's title"
        );
        assert_eq!(loaded.articles[1].text, "Plain text body.");
        assert_eq!(loaded.articles[2].text, "Just a summary.");
    }

    #[test]
    fn documents_single_array_and_wrapped() {
        let one = json_document("a.json", r#"{"title": "T", "text": "Body"}"#);
        assert_eq!(one.articles.len(), 1);
        assert_eq!(one.articles[0].path, "a.json");

        let many = json_document(
            "a.json",
            r#"[{"title": "1", "text": "One"}, 3, {"title": "3", "text": "Three"}]"#,
        );
        let paths: Vec<_> = many.articles.iter().map(|a| a.path.as_str()).collect();
        assert_eq!(paths, ["a.json#1", "a.json#3"]);
        assert_eq!(many.issues.len(), 1);
        assert_eq!(many.issues[0].path, "a.json#2");

        let wrapped = json_document(
            "a.json",
            r#"{"status": "ok", "articles": [{"title": "1", "text": "One"}, {"title": "2", "text": "Two"}]}"#,
        );
        assert_eq!(wrapped.articles.len(), 2);
    }

    #[test]
    fn malformed_document_reports_line_and_column() {
        let loaded = json_document("a.json", "[\n  {\"text\": \"x\"},\n  {\"text\": }\n]");
        assert!(loaded.articles.is_empty());
        let issue = &loaded.issues[0];
        assert_eq!(issue.line, Some(3));
        assert_eq!(issue.kind, IssueKind::Malformed);
        assert!(issue.reason.contains("column 12"), "{}", issue.reason);
        assert!(
            issue.to_string().starts_with("a.json:3: malformed JSON"),
            "{issue}"
        );
    }

    fn lines(input: &str, cap: usize) -> Loaded {
        json_lines("f.jsonl", &mut input.as_bytes(), cap)
    }

    #[test]
    fn json_lines_records_and_issues() {
        let input = "{\"title\": \"1\", \"text\": \"One\"}\n\n[1,2]\n{\"title\": \"no text\"}\n{bad\r\n{\"title\": \"5\", \"text\": \"Five\"}";
        let loaded = lines(input, 1 << 20);
        let paths: Vec<_> = loaded.articles.iter().map(|a| a.path.as_str()).collect();
        assert_eq!(
            paths,
            ["f.jsonl#1", "f.jsonl#5"],
            "numbered by record, blank lines skipped"
        );
        let issue_lines: Vec<_> = loaded.issues.iter().map(|i| i.line).collect();
        assert_eq!(issue_lines, [Some(3), Some(4), Some(5)]);
        assert_eq!(loaded.issues[2].kind, IssueKind::Malformed);
    }

    #[test]
    fn json_lines_single_record_is_not_numbered() {
        let loaded = lines("\u{feff}{\"title\": \"T\", \"text\": \"Only\"}\n", 1 << 20);
        assert_eq!(loaded.articles[0].path, "f.jsonl");
        assert!(loaded.issues.is_empty());
    }

    #[test]
    fn json_lines_over_long_record_is_skipped() {
        let long = format!("{{\"title\": \"t\", \"text\": \"{}\"}}", "x".repeat(100));
        let input = format!(
            "{{\"title\": \"t\", \"text\": \"a\"}}\n{long}\n{{\"title\": \"t\", \"text\": \"b\"}}\n"
        );
        let loaded = json_lines(
            "f.jsonl",
            &mut std::io::BufReader::with_capacity(16, input.as_bytes()),
            50,
        );
        assert_eq!(loaded.articles.len(), 2);
        assert_eq!(loaded.articles[1].text, "b");
        assert_eq!(loaded.issues.len(), 1);
        assert_eq!(loaded.issues[0].kind, IssueKind::TooLarge);
        assert_eq!(loaded.issues[0].line, Some(2));
    }

    #[test]
    fn json_lines_empty_and_invalid_utf8() {
        let loaded = lines("\n \n", 1 << 20);
        assert_eq!(loaded.issues[0].kind, IssueKind::Empty);
        let loaded = json_lines(
            "f.jsonl",
            &mut &b"{\"title\": \"T\", \"text\": \"caf\xe9\"}\n"[..],
            1 << 20,
        );
        assert_eq!(loaded.issues[0].kind, IssueKind::Replaced);
        assert_eq!(loaded.issues[0].line, Some(1));
        assert_eq!(
            loaded.articles[0].text, "caf\u{fffd}",
            "the record still loads"
        );
    }
}
