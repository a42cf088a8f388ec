//! Article extraction from web pages as saved from news sites: hand-written
//! pages with the clutter real ones carry (the full page-set figures are
//! measured by benches/html_pages.py, see benches/README.md).

use std::fs;

use crossread::corpus::{Article, load_paths};
use tempfile::TempDir;

fn article(name: &str, html: &str) -> Article {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, html).unwrap();
    let corpus = load_paths(&[path]);
    assert!(corpus.issues.is_empty(), "{:?}", corpus.issues);
    assert_eq!(corpus.articles.len(), 1);
    corpus.articles[0].clone()
}

const BODY: [&str; 4] = [
    "GENEVA (Reuters) - Russian and American military experts met in Geneva on Wednesday to discuss a ceasefire in the Syrian city of Aleppo, diplomats said, as fighting continued in the east of the city for a third week.",
    "The talks, held behind closed doors at a hotel near the lake, were the first since the collapse of a truce last month. Neither delegation spoke to reporters as it left the building late in the evening.",
    "A United Nations official said the experts had agreed to meet again on Friday, and that a draft text on the separation of armed groups was being studied by both sides in their capitals.",
    "Residents reached by telephone said shelling had eased in some districts overnight, but that food and fuel were running short and that several hospitals had stopped taking patients altogether.",
];

fn news_page() -> String {
    let body: String = BODY.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Experts meet in Geneva on Aleppo truce - Example News</title>
<meta name="application-name" content="Example News App">
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Experts meet in Geneva on Aleppo truce">
<meta property="article:published_time" content="2016-10-19T18:00:00Z">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle",
  "headline": "Experts meet in Geneva on Aleppo truce",
  "datePublished": "2016-10-19T17:45:00Z", "dateModified": "2016-10-20T08:00:00Z",
  "author": {{"@type": "Person", "name": "Jane Doe"}},
  "publisher": {{"@type": "Organization", "name": "Example News"}}}}
</script>
<link rel="canonical" href="https://news.example.org/world/aleppo-geneva">
</head><body>
<header class="site-header"><a href="/">Example News</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="ad-banner advertisement">Buy one hotel night, get one free in Montreux</div>
<main>
<article class="story">
<h1>Experts meet in Geneva on Aleppo truce</h1>
<div class="byline">By Jane Doe, <span class="dateline">Last Updated: 20 October 2016</span></div>
{body}
<div style="display:none">Hidden subscription prompt that no reader sees</div>
<div hidden>Another hidden node with tracking text</div>
</article>
<aside class="related-stories"><h2>Related</h2>
<article class="teaser"><h3><a href="/a">Football club sold to investors</a></h3><p>A teaser about football.</p></article>
<article class="teaser"><h3><a href="/b">Markets slip on oil price</a></h3><p>A teaser about markets.</p></article>
</aside>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>First commenter says this is all wrong and nobody should believe it.</p></div>
<div class="comment"><p>Second commenter disagrees with the first one entirely.</p></div>
</section>
</main>
<footer><p>Copyright 2016 Example News. All rights reserved.</p><p><a href="/privacy">Privacy</a></p></footer>
</body></html>"#
    )
}

#[test]
fn news_page_gives_the_story_and_nothing_around_it() {
    let a = article("story.html", &news_page());
    assert_eq!(a.title, "Experts meet in Geneva on Aleppo truce");
    assert_eq!(
        a.source.as_deref(),
        Some("Example News"),
        "og:site_name before application-name"
    );
    assert_eq!(
        a.date.as_deref(),
        Some("2016-10-19"),
        "datePublished, not 'Last Updated'"
    );
    assert_eq!(
        a.url.as_deref(),
        Some("https://news.example.org/world/aleppo-geneva")
    );
    assert_eq!(a.place.as_deref(), Some("Geneva"));
    for paragraph in BODY {
        assert!(
            a.text.contains(paragraph),
            "kept: {paragraph}\n---\n{}",
            a.text
        );
    }
    for clutter in [
        "Buy one hotel night",
        "Hidden subscription",
        "hidden node",
        "teaser about",
        "commenter",
        "Copyright",
        "Business",
    ] {
        assert!(
            !a.text.contains(clutter),
            "dropped: {clutter}\n---\n{}",
            a.text
        );
    }
}

#[test]
fn site_suffixes_are_cut_from_titles() {
    let body: String = BODY.iter().map(|p| format!("<p>{p}</p>")).collect();
    for title in [
        "Ad sales boost Time Warner profit - BBC News",
        "Ad sales boost Time Warner profit | BBC News",
        "BBC News - Ad sales boost Time Warner profit",
    ] {
        let html = format!(
            "<html><head><title>{title}</title></head><body><div>{body}</div></body></html>"
        );
        assert_eq!(
            article("p.html", &html).title,
            "Ad sales boost Time Warner profit",
            "{title}"
        );
    }
}

#[test]
fn json_ld_headline_and_date_without_other_metadata() {
    let body: String = BODY.iter().map(|p| format!("<p>{p}</p>")).collect();
    let html = format!(
        r#"<html><head><title>Home</title><script type="application/ld+json">
        {{"@context": "http://schema.org", "@type": "NewsArticle", "headline": "Truce talks resume",
          "datePublished": "2016-10-21", "publisher": {{"@type": "Organization", "name": "Wire Service"}}}}
        </script></head><body><div class="content">{body}</div></body></html>"#
    );
    let a = article("ld.html", &html);
    assert_eq!(a.title, "Truce talks resume");
    assert_eq!(a.date.as_deref(), Some("2016-10-21"));
    assert_eq!(a.source.as_deref(), Some("Wire Service"));
}

#[test]
fn legacy_encoded_page_declared_in_meta() {
    let page = news_page().replace("utf-8", "windows-1251").replace(
        BODY[1],
        "Министр иностранных дел России заявил, что переговоры продолжатся в пятницу.",
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("ru.html");
    fs::write(&path, &bytes).unwrap();
    let a = load_paths(&[path]).articles[0].clone();
    assert_eq!(a.encoding, Some("windows-1251"));
    assert!(
        a.text.contains("Министр иностранных дел России"),
        "{}",
        a.text
    );
}
