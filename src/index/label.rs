//! What an article is listed and grouped under: its source when one is
//! stated, otherwise the best honest stand-in (the web site it came from,
//! the file or folder it was read from), marked as not being a source.

use std::cmp::Ordering;
use std::fmt;
use std::path::Path;

use crate::corpus::Article;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SourceLabel {
    pub text: String,
    /// True when the article states its source; false for a stand-in.
    pub stated: bool,
}

impl SourceLabel {
    pub fn of(article: &Article) -> SourceLabel {
        if let Some(source) = article.source.as_deref().map(str::trim)
            && !source.is_empty()
        {
            return SourceLabel {
                text: source.to_string(),
                stated: true,
            };
        }
        let text = article
            .url
            .as_deref()
            .and_then(host)
            .map(str::to_string)
            .or_else(|| where_read(&article.path))
            .unwrap_or_else(|| "no source".to_string());
        SourceLabel {
            text,
            stated: false,
        }
    }
}

/// Stated sources as they are; stand-ins in brackets ("[folder 1]").
impl fmt::Display for SourceLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.stated {
            f.write_str(&self.text)
        } else {
            write!(f, "[{}]", self.text)
        }
    }
}

/// Stated sources first, then stand-ins, each by name.
impl Ord for SourceLabel {
    fn cmp(&self, other: &Self) -> Ordering {
        (!self.stated, &self.text).cmp(&(!other.stated, &other.text))
    }
}

impl PartialOrd for SourceLabel {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The host of an absolute web address, without "www.".
fn host(url: &str) -> Option<&str> {
    let (_, rest) = url.trim().split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    // Without the port; an IPv6 literal keeps its brackets.
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next()?
    } else {
        host.split(':').next()?
    };
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// "feed.jsonl" for the records of a file holding several (`path#N`),
/// "folder NAME" for a file in a folder.
fn where_read(path: &str) -> Option<String> {
    if let Some((file, n)) = path.rsplit_once('#')
        && !n.is_empty()
        && n.chars().all(|c| c.is_ascii_digit())
    {
        return Some(Path::new(file).file_name()?.to_string_lossy().into_owned());
    }
    let folder = Path::new(path).parent()?.file_name()?;
    Some(format!("folder {}", folder.to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(path: &str, source: Option<&str>, url: Option<&str>) -> Article {
        Article {
            path: path.to_string(),
            title: "Title".to_string(),
            source: source.map(str::to_string),
            date: None,
            place: None,
            url: url.map(str::to_string),
            text: "Text.".to_string(),
            encoding: None,
        }
    }

    fn label(path: &str, source: Option<&str>, url: Option<&str>) -> String {
        SourceLabel::of(&article(path, source, url)).to_string()
    }

    #[test]
    fn stated_sources_are_shown_as_they_are() {
        let tass = SourceLabel::of(&article("news/a.txt", Some("TASS"), None));
        assert!(tass.stated);
        assert_eq!(tass.to_string(), "TASS");
        // A blank source is no source.
        assert_eq!(label("news/a.txt", Some(" "), None), "[folder news]");
    }

    #[test]
    fn stand_ins_say_where_the_article_came_from() {
        let url = Some("https://www.reuters.com/world/article-1?x=1");
        assert_eq!(label("news/a.txt", None, url), "[reuters.com]");
        assert_eq!(
            label("a.json", None, Some("http://user@news.example.org:8080/x")),
            "[news.example.org]"
        );
        assert_eq!(
            label("../data/ecbplus/1/1_10ecb.txt", None, None),
            "[folder 1]"
        );
        assert_eq!(label("feeds/wire.jsonl#12", None, None), "[wire.jsonl]");
        assert_eq!(label("a.txt", None, Some("not a url")), "[no source]");
    }

    #[test]
    fn stated_sources_sort_before_stand_ins() {
        let mut labels = [
            SourceLabel::of(&article("x/a.txt", None, None)),
            SourceLabel::of(&article("a.txt", Some("Tasnim"), None)),
            SourceLabel::of(&article("a.txt", Some("TASS"), None)),
        ];
        labels.sort();
        let shown: Vec<String> = labels.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["TASS", "Tasnim", "[folder x]"]);
    }
}
