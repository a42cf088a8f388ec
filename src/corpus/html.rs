//! HTML pages (and HTML inside feed items) to plain text and metadata.
//!
//! Built on html5ever's spec-compliant tokenizer rather than a full DOM: it
//! decodes every character reference and treats `<script>`/`<style>` bodies
//! as raw text, which is what extraction needs, without building a tree or
//! pulling in a CSS selector engine.

use std::cell::RefCell;

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::Article;
use super::date;
use super::dateline;
use super::text::{fill_from_text, title_from_lines};

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button",
    "select", "svg", "iframe", "object",
];

/// Elements that end one paragraph and start another.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "header",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "hr",
    "body",
    "address",
];

#[derive(Debug, Default)]
struct Block {
    text: String,
    in_article: bool,
    in_main: bool,
}

/// What the tokenizer has told us so far.
#[derive(Debug, Default)]
struct Page {
    blocks: Vec<Block>,
    current: String,
    skip_depth: usize,
    article_depth: usize,
    main_depth: usize,
    in_title: bool,
    title: String,
    h1_depth: usize,
    h1: Option<String>,
    h1_text: String,
    og_title: Option<String>,
    site_name: Option<String>,
    published: Option<String>,
    time_datetime: Option<String>,
    url: Option<String>,
    canonical: Option<String>,
}

impl Page {
    fn flush(&mut self) {
        let text = collapse_whitespace(&self.current);
        self.current.clear();
        if !text.is_empty() {
            self.blocks.push(Block {
                text,
                in_article: self.article_depth > 0,
                in_main: self.main_depth > 0,
            });
        }
    }

    fn start_tag(&mut self, tag: &Tag) {
        let name = &*tag.name;
        let attr = |key: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == key)
                .map(|a| a.value.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        match name {
            "meta" => {
                let key = attr("property")
                    .or_else(|| attr("name"))
                    .or_else(|| attr("itemprop"))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let Some(content) = attr("content") else {
                    return;
                };
                let slot = match key.as_str() {
                    "og:title" | "twitter:title" => &mut self.og_title,
                    "og:site_name" | "application-name" => &mut self.site_name,
                    "article:published_time"
                    | "datepublished"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "dc.date"
                    | "dcterms.date" => &mut self.published,
                    "og:url" => &mut self.url,
                    _ => return,
                };
                slot.get_or_insert(content);
            }
            "link" => {
                let rel = attr("rel").unwrap_or_default().to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical")
                    && let Some(href) = attr("href")
                {
                    self.canonical.get_or_insert(href);
                }
            }
            "time" if self.time_datetime.is_none() => self.time_datetime = attr("datetime"),
            "title" if self.skip_depth == 0 => self.in_title = true,
            _ => {}
        }
        if tag.self_closing || is_void(name) {
            if BLOCKS.contains(&name) {
                self.flush();
            }
            return;
        }
        if SKIPPED.contains(&name) {
            self.skip_depth += 1;
        }
        if BLOCKS.contains(&name) {
            self.flush();
        }
        match name {
            "article" => self.article_depth += 1,
            "main" => self.main_depth += 1,
            "h1" => self.h1_depth += 1,
            _ => {}
        }
    }

    fn end_tag(&mut self, tag: &Tag) {
        let name = &*tag.name;
        if name == "title" {
            self.in_title = false;
        }
        if BLOCKS.contains(&name) {
            self.flush();
        }
        match name {
            "article" => self.article_depth = self.article_depth.saturating_sub(1),
            "main" => self.main_depth = self.main_depth.saturating_sub(1),
            "h1" if self.h1_depth > 0 => {
                self.h1_depth -= 1;
                if self.h1_depth == 0 && self.h1.is_none() {
                    let heading = collapse_whitespace(&self.h1_text);
                    self.h1 = (!heading.is_empty()).then_some(heading);
                }
            }
            _ => {}
        }
        if SKIPPED.contains(&name) {
            self.skip_depth = self.skip_depth.saturating_sub(1);
        }
    }

    fn characters(&mut self, text: &str) {
        if self.in_title {
            self.title.push_str(text);
        } else if self.skip_depth == 0 {
            self.current.push_str(text);
            if self.h1_depth > 0 {
                self.h1_text.push_str(text);
            }
        }
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

struct Sink(RefCell<Page>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut page = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => {
                    page.start_tag(&tag);
                    // The tree builder would switch these modes; without it
                    // the tokenizer must be told, or `a < b` in a script
                    // would be read as markup.
                    if !tag.self_closing {
                        return match &*tag.name {
                            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                                TokenSinkResult::RawData(RawKind::Rawtext)
                            }
                            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                            _ => TokenSinkResult::Continue,
                        };
                    }
                }
                TagKind::EndTag => page.end_tag(&tag),
            },
            Token::CharacterTokens(text) => page.characters(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn tokenize(html: &str) -> Page {
    let tokenizer = Tokenizer::new(
        Sink(RefCell::new(Page::default())),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(html.into());
    while !input.is_empty() {
        // No token asks to pause for a script, so one call normally drains it.
        let _ = tokenizer.feed(&input);
    }
    tokenizer.end();
    let mut page = tokenizer.sink.0.take();
    page.flush();
    page
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of an HTML fragment (a feed item's description): paragraphs
/// separated by blank lines, entities decoded, scripts and styles dropped.
pub fn html_to_text(html: &str) -> String {
    let page = tokenize(html);
    join_blocks(page.blocks.iter())
}

fn join_blocks<'a>(blocks: impl Iterator<Item = &'a Block>) -> String {
    blocks
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// An article from an HTML page. The text is the page's readable text (the
/// paragraphs of `<article>`, else `<main>`, else `<body>`); offsets refer to it.
pub fn html_article(path: String, html: &str) -> Article {
    let page = tokenize(html);
    let chosen: Vec<&Block> = if page.blocks.iter().any(|b| b.in_article) {
        page.blocks.iter().filter(|b| b.in_article).collect()
    } else if page.blocks.iter().any(|b| b.in_main) {
        page.blocks.iter().filter(|b| b.in_main).collect()
    } else {
        page.blocks.iter().collect()
    };
    let text = join_blocks(chosen.into_iter());
    let title = [
        page.og_title,
        page.h1,
        Some(collapse_whitespace(&page.title)),
    ]
    .into_iter()
    .flatten()
    .map(|t| collapse_whitespace(&t))
    .find(|t| !t.is_empty())
    .unwrap_or_else(|| title_from_lines(&text, false));
    let date = page
        .published
        .as_deref()
        .or(page.time_datetime.as_deref())
        .and_then(date::normalise_date);
    let mut article = Article {
        path,
        title,
        source: page.site_name.and_then(|s| dateline::normalise_source(&s)),
        date,
        place: None,
        url: page.canonical.or(page.url),
        text: String::new(),
        encoding: None,
    };
    fill_from_text(&mut article, &text);
    article.text = text;
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
<title>Talks on Aleppo | Example News</title>
<meta property="og:title" content="Talks on Aleppo kick off">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2016-10-19T10:00:00+03:00">
<link rel="canonical" href="https://example.org/aleppo">
<style>p { color: red }</style>
<script>if (a < b && c > d) { document.write("<p>not text</p>"); }</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header><p>Site banner</p></header>
<article>
<h1>Talks on Aleppo</h1>
<p>GENEVA (Reuters) &ndash; Military experts met in <b>Geneva</b>
on Wednesday.</p>
<p>Caf&eacute; &amp; &quot;talks&quot;&nbsp;resumed.<br>Second line.</p>
<script>var x = "<p>hidden</p>";</script>
</article>
<footer><p>Copyright</p></footer>
</body></html>"#;

    #[test]
    fn page_metadata_and_article_text() {
        let a = html_article("p.html".into(), PAGE);
        assert_eq!(a.title, "Talks on Aleppo kick off");
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.date.as_deref(), Some("2016-10-19"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/aleppo"));
        assert_eq!(
            a.place.as_deref(),
            Some("Geneva"),
            "from the dateline in the text"
        );
        assert_eq!(
            a.text,
            "Talks on Aleppo\n\nGENEVA (Reuters) – Military experts met in Geneva on Wednesday.\n\nCafé & \"talks\" resumed.\n\nSecond line."
        );
    }

    #[test]
    fn without_article_main_then_body_is_used() {
        let html = "<html><body><nav>Menu</nav><main><p>Main text.</p></main><p>Outside.</p></body></html>";
        assert_eq!(html_article("x".into(), html).text, "Main text.");
        let html = "<p>One</p><div>Two <span>three</span></div><footer>F</footer>";
        let a = html_article("x".into(), html);
        assert_eq!(a.text, "One\n\nTwo three");
        assert_eq!(a.title, "One", "no title element: first line of the text");
    }

    #[test]
    fn title_falls_back_to_h1_then_title_element() {
        let html = "<title> Page  title </title><h1>Heading</h1><p>x</p>";
        assert_eq!(html_article("x".into(), html).title, "Heading");
        let html = "<title> Page\n title </title><p>x</p>";
        assert_eq!(html_article("x".into(), html).title, "Page title");
    }

    #[test]
    fn time_element_gives_the_date() {
        let html = r#"<article><time datetime="2013-06-13T16:59:00-04:00">June 13</time><p>x</p></article>"#;
        assert_eq!(
            html_article("x".into(), html).date.as_deref(),
            Some("2013-06-13")
        );
    }

    #[test]
    fn fragments_and_broken_markup() {
        assert_eq!(html_to_text("plain &amp; simple"), "plain & simple");
        assert_eq!(html_to_text("<p>a<p>b"), "a\n\nb");
        assert_eq!(html_to_text("<p>unclosed <b>bold"), "unclosed bold");
        assert_eq!(html_to_text(""), "");
        assert_eq!(html_to_text("<style>x</style><script>y</script>"), "");
    }
}
