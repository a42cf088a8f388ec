//! JSON (one object, an array of objects, or an object wrapping such an
//! array as news APIs return) and JSON Lines (one object per line).
//!
//! Field names are matched case-insensitively, and the usual variants are
//! accepted: `text`/`body`/`content`, `date`/`published`/`published_at`/
//! `pubDate`/..., `url`/`link`, `source` as a string or as `{"name": ..}`.

use std::io::BufRead;

use serde_json::{Map, Value};

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

/// One JSON record as an article; the reason it is not one otherwise.
pub fn record_article(value: &Value, path: String) -> Result<Article, String> {
    let Value::Object(record) = value else {
        return Err(format!("record is {}, not an object", kind_of(value)));
    };
    let text = TEXT_FIELDS
        .iter()
        .find_map(|name| field(record, std::slice::from_ref(name))?.as_str())
        .ok_or_else(|| {
            format!(
                "record has no text: none of the fields {} holds a string",
                TEXT_FIELDS.join(", ")
            )
        })?;
    if text.trim().is_empty() {
        return Err("record's text is empty".to_string());
    }
    let title = string_field(record, TITLE_FIELDS)
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| title_from_lines(text, false));
    let mut article = Article {
        path,
        title,
        source: source_field(record),
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

/// A `.json` file: one object, an array of objects, or `{"articles": [...]}`.
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
        match record_article(record, label.clone()) {
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
        let text = match std::str::from_utf8(line) {
            Ok(text) => text,
            Err(e) => {
                let reason = format!("invalid UTF-8 at byte {} of the line", e.valid_up_to());
                loaded.issues.push(issue(IssueKind::Encoding, reason));
                continue;
            }
        };
        let value: Value = match serde_json::from_str(text) {
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
        let record = json!({"content": "  Line one\n\nLine two  ", "published": 1476871200});
        let a = record_article(&record, "f".into()).unwrap();
        assert_eq!(a.text, "  Line one\n\nLine two  ");
        assert_eq!(a.title, "Line one");
        assert_eq!(a.date.as_deref(), Some("2016-10-19"));
        let record = json!({"text": "x", "date": "someday"});
        assert_eq!(record_article(&record, "f".into()).unwrap().date, None);
    }

    #[test]
    fn bad_records() {
        let err = record_article(&json!([1]), "f".into()).unwrap_err();
        assert!(err.contains("not an object"), "{err}");
        let err = record_article(&json!({"title": "t", "text": 5}), "f".into()).unwrap_err();
        assert!(err.contains("no text"), "{err}");
        let err = record_article(&json!({"text": " \n"}), "f".into()).unwrap_err();
        assert!(err.contains("empty"), "{err}");
    }

    #[test]
    fn documents_single_array_and_wrapped() {
        let one = json_document("a.json", r#"{"title": "T", "text": "Body"}"#);
        assert_eq!(one.articles.len(), 1);
        assert_eq!(one.articles[0].path, "a.json");

        let many = json_document("a.json", r#"[{"text": "One"}, 3, {"text": "Three"}]"#);
        let paths: Vec<_> = many.articles.iter().map(|a| a.path.as_str()).collect();
        assert_eq!(paths, ["a.json#1", "a.json#3"]);
        assert_eq!(many.issues.len(), 1);
        assert_eq!(many.issues[0].path, "a.json#2");

        let wrapped = json_document(
            "a.json",
            r#"{"status": "ok", "articles": [{"text": "One"}, {"text": "Two"}]}"#,
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
        let input =
            "{\"text\": \"One\"}\n\n[1,2]\n{\"title\": \"no text\"}\n{bad\r\n{\"text\": \"Five\"}";
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
        let loaded = lines("\u{feff}{\"text\": \"Only\"}\n", 1 << 20);
        assert_eq!(loaded.articles[0].path, "f.jsonl");
        assert!(loaded.issues.is_empty());
    }

    #[test]
    fn json_lines_over_long_record_is_skipped() {
        let long = format!("{{\"text\": \"{}\"}}", "x".repeat(100));
        let input = format!("{{\"text\": \"a\"}}\n{long}\n{{\"text\": \"b\"}}\n");
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
        let loaded = json_lines("f.jsonl", &mut &b"{\"text\": \"\xff\"}\n"[..], 1 << 20);
        assert_eq!(loaded.issues[0].kind, IssueKind::Encoding);
        assert_eq!(loaded.issues[0].line, Some(1));
    }
}
