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

/// Container elements whose nesting is counted: the ones pages nest deeply
/// and that, unlike `<p>` or `<li>`, are not closed implicitly.
const NESTING: &[&str] = &[
    "div",
    "section",
    "article",
    "main",
    "aside",
    "header",
    "footer",
    "nav",
    "table",
    "ul",
    "ol",
    "blockquote",
    "span",
    "figure",
    "form",
];

/// Containers nested deeper than this make Readability's scoring slow
/// (time grows faster than the square of the depth); real pages stay far
/// below it, and such a page is read by the plain extractor instead.
const MAX_READABLE_NESTING: usize = 300;

/// Pages with more elements than this are read by the plain extractor.
const MAX_READABLE_ELEMENTS: usize = 500_000;

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
    /// Open container elements, and the most seen at once.
    nesting: usize,
    max_nesting: usize,
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
        if NESTING.contains(&name) {
            self.nesting += 1;
            self.max_nesting = self.max_nesting.max(self.nesting);
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
        if NESTING.contains(&name) {
            self.nesting = self.nesting.saturating_sub(1);
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

/// An article from an HTML page.
///
/// The article is found by `dom_smoothie`, a port of Mozilla's Readability
/// (the Firefox reader view): candidate blocks are scored over the DOM, and
/// teasers, related links, comments, ads and hidden nodes dropped; the title
/// comes from JSON-LD, `og:`/`twitter:`/Dublin Core metadata or `<title>`,
/// with site suffixes ("... - BBC News") cut; site name and publication
/// date from JSON-LD and metadata. Its content is turned into plain text
/// with the same extractor as feed items; offsets refer to that text.
/// Pages Readability finds no article in fall back to the paragraphs of
/// `<article>`, else `<main>`, else `<body>`.
pub fn html_article(path: String, html: &str) -> Article {
    let page = tokenize(html);
    let readable = if page.max_nesting <= MAX_READABLE_NESTING {
        readable(html)
    } else {
        None
    };
    let text = match &readable {
        Some(r) => r.text.clone(),
        None => fallback_text(&page),
    };
    let own_title = [
        page.og_title.clone(),
        page.h1.clone(),
        Some(collapse_whitespace(&page.title)),
    ]
    .into_iter()
    .flatten()
    .map(|t| collapse_whitespace(&t))
    .find(|t| !t.is_empty());
    let site_name = readable
        .as_ref()
        .and_then(|r| r.site.clone())
        .or(page.site_name.clone());
    let title = readable
        .as_ref()
        .map(|r| {
            let title = collapse_whitespace(&r.title);
            strip_site(&title, site_name.as_deref(), page.h1.as_deref())
        })
        .filter(|t| !t.is_empty())
        .or(own_title)
        .unwrap_or_else(|| title_from_lines(&text, false));
    let date = readable
        .as_ref()
        .and_then(|r| r.published.as_deref())
        .and_then(date::normalise_date)
        .or_else(|| {
            page.published
                .as_deref()
                .or(page.time_datetime.as_deref())
                .and_then(date::normalise_date)
        });
    let site = site_name;
    let mut article = Article {
        path,
        title,
        source: site.and_then(|s| dateline::normalise_source(&s)),
        date,
        place: None,
        url: page.canonical.clone().or(page.url.clone()),
        text: String::new(),
        encoding: None,
    };
    fill_from_text(&mut article, &text);
    article.text = text;
    article
}

/// Separators between a headline and the site's name in a page title.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " « "];

/// A title without the site's name at its start or end where Readability
/// left it; and where the rest of the title starts the page's heading
/// ("Site | Aleppo talks" over "Aleppo talks resume"), the heading.
fn strip_site(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    let is_site = |part: &str| site.is_some_and(|s| part.trim().eq_ignore_ascii_case(s.trim()));
    let mut title = title.to_string();
    for separator in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(separator)
            && is_site(tail)
        {
            title = head.trim().to_string();
        }
        if let Some((head, tail)) = title.split_once(separator)
            && is_site(head)
        {
            title = tail.trim().to_string();
        }
    }
    if let Some(h1) = h1 {
        let starts_h1 = |part: &str| {
            let part = part.trim().to_lowercase();
            part.split_whitespace().count() >= 2 && h1.to_lowercase().starts_with(&part)
        };
        for separator in TITLE_SEPARATORS {
            if let Some((head, tail)) = title.split_once(separator)
                && (starts_h1(head) || starts_h1(tail))
            {
                return h1.to_string();
            }
        }
    }
    title
}

/// What Readability made of a page.
struct Readable {
    title: String,
    site: Option<String>,
    published: Option<String>,
    text: String,
}

fn readable(html: &str) -> Option<Readable> {
    let config = dom_smoothie::Config {
        max_elements_to_parse: MAX_READABLE_ELEMENTS,
        ..dom_smoothie::Config::default()
    };
    let mut readability = dom_smoothie::Readability::new(html, None, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    let text = html_to_text(&article.content);
    if text.trim().is_empty() {
        return None;
    }
    let filled = |s: Option<String>| s.map(|s| collapse_whitespace(&s)).filter(|s| !s.is_empty());
    Some(Readable {
        title: article.title,
        site: filled(article.site_name),
        published: filled(article.published_time),
        text,
    })
}

/// The page's paragraphs of `<article>`, else `<main>`, else `<body>`.
fn fallback_text(page: &Page) -> String {
    let chosen: Vec<&Block> = if page.blocks.iter().any(|b| b.in_article) {
        page.blocks.iter().filter(|b| b.in_article).collect()
    } else if page.blocks.iter().any(|b| b.in_main) {
        page.blocks.iter().filter(|b| b.in_main).collect()
    } else {
        page.blocks.iter().collect()
    };
    join_blocks(chosen.into_iter())
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
            "GENEVA (Reuters) – Military experts met in Geneva on Wednesday.\n\nCafé & \"talks\" resumed.\n\nSecond line.",
            "the heading that repeats the title is not text"
        );
    }

    #[test]
    fn menus_and_footers_are_not_text() {
        let html = "<html><body><nav>Menu</nav><main><p>Main text.</p></main><footer>Copyright</footer></body></html>";
        let a = html_article("x".into(), html);
        assert_eq!(a.text, "Main text.");
    }

    #[test]
    fn without_a_readable_article_article_main_then_body_is_used() {
        let page = tokenize("<nav>Menu</nav><main><p>Main text.</p></main><p>Outside.</p>");
        assert_eq!(fallback_text(&page), "Main text.");
        let page = tokenize("<p>One</p><div>Two <span>three</span></div><footer>F</footer>");
        assert_eq!(fallback_text(&page), "One\n\nTwo three");
        let a = html_article("x".into(), "<p>One</p>");
        assert_eq!(a.title, "One", "no title element: first line of the text");
    }

    #[test]
    fn site_names_are_cut_from_titles() {
        let site = Some("The Example Post");
        assert_eq!(
            strip_site("Aleppo talks resume - The Example Post", site, None),
            "Aleppo talks resume"
        );
        assert_eq!(
            strip_site("the example post » Aleppo talks resume", site, None),
            "Aleppo talks resume"
        );
        assert_eq!(
            strip_site("Talks - more talks", site, None),
            "Talks - more talks"
        );
        let h1 = Some("Aleppo talks resume");
        assert_eq!(
            strip_site("Site | Aleppo talks", None, h1),
            "Aleppo talks resume"
        );
        assert_eq!(
            strip_site("Site | Other words", None, h1),
            "Site | Other words"
        );
    }

    #[test]
    fn deeply_nested_pages_are_read_without_readability() {
        let n = MAX_READABLE_NESTING + 1;
        let html = format!(
            "{}<p>Deep text.</p>{}",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let page = tokenize(&html);
        assert_eq!(page.max_nesting, n);
        assert_eq!(html_article("x".into(), &html).text, "Deep text.");
        let flat = "<p>a<p>b<li>c<li>d".repeat(1000);
        assert!(
            tokenize(&flat).max_nesting <= 1,
            "implicitly closed elements do not nest"
        );
    }

    #[test]
    fn title_element_then_heading() {
        let html = "<title> Page  title </title><h1>Heading</h1><p>x</p>";
        assert_eq!(html_article("x".into(), html).title, "Page title");
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
