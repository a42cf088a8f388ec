//! Feeds as found in the wild: each dialect and module feedparser's test
//! suite covers, written here as small generated cases (the full-suite
//! figure is measured by benches/feedparser_suite.py, see benches/README.md).

use std::fs;
use std::path::PathBuf;

use crossread::corpus::{Article, load_paths};
use tempfile::TempDir;

/// Loads `bytes` as a file called `name`; its articles, and the issues as text.
fn load(name: &str, bytes: &[u8]) -> (Vec<Article>, Vec<String>) {
    let dir = TempDir::new().unwrap();
    let path: PathBuf = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let corpus = load_paths(&[path]);
    let issues = corpus.issues.iter().map(|i| i.to_string()).collect();
    (corpus.articles, issues)
}

/// The text of the one article `xml` gives.
fn text_of(xml: &str) -> String {
    let (articles, issues) = load("f.xml", xml.as_bytes());
    assert_eq!(articles.len(), 1, "{xml}\n{issues:?}");
    articles[0].text.clone()
}

fn rss_item(inner: &str) -> String {
    format!(
        "<rss version=\"2.0\"><channel><title>Wire</title><item><title>T</title>{inner}</item></channel></rss>"
    )
}

#[test]
fn rss_dialects() {
    let rss091 = "<rss version=\"0.91\"><channel><title>Wire</title><item><title>Old</title><description>Text of 0.91.</description></item></channel></rss>";
    assert_eq!(text_of(rss091), "Text of 0.91.");
    let rss090 = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
        <channel><title>Wire</title></channel>
        <item><title>Ninety</title><description>Text of 0.90.</description></item></rdf:RDF>"#;
    assert_eq!(text_of(rss090), "Text of 0.90.");
    // RSS 1.0 whose elements all carry a prefix, with no default namespace.
    let rss10 = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/" xmlns:d="http://purl.org/dc/elements/1.1/">
        <rss:channel><rss:title>RDF Wire</rss:title></rss:channel>
        <rss:item><rss:title>One</rss:title><rss:description>Text of 1.0.</rss:description><d:date>2016-10-19</d:date></rss:item>
        </rdf:RDF>"#;
    let (articles, _) = load("f.rdf.xml", rss10.as_bytes());
    assert_eq!(articles[0].text, "Text of 1.0.");
    assert_eq!(
        articles[0].date.as_deref(),
        Some("2016-10-19"),
        "dc:date under another prefix"
    );
    assert_eq!(articles[0].source.as_deref(), Some("RDF Wire"));
    let rss20_prefixed = r#"<r:rss version="2.0" xmlns:r="http://backend.userland.com/rss2"><r:channel><r:title>W</r:title>
        <r:item><r:title>Two</r:title><r:description>Text of 2.0.</r:description></r:item></r:channel></r:rss>"#;
    assert_eq!(text_of(rss20_prefixed), "Text of 2.0.");
}

#[test]
fn atom_dialects() {
    let atom03 = r#"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
        <entry><title>E</title><issued>2004-01-02T00:00:00Z</issued><content type="text/html" mode="escaped">&lt;p&gt;Atom 0.3 text.&lt;/p&gt;</content></entry></feed>"#;
    let (articles, _) = load("f.atom", atom03.as_bytes());
    assert_eq!(articles[0].text, "Atom 0.3 text.");
    assert_eq!(articles[0].date.as_deref(), Some("2004-01-02"));
    let atom10 = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
        <entry><title>E</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &amp; two.</p><p>Three.</p></div></content></entry></feed>"#;
    assert_eq!(text_of(atom10), "One & two.\n\nThree.");
    let prefixed = r#"<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:entry><a:title>E</a:title><a:summary>Prefixed Atom.</a:summary></a:entry></a:feed>"#;
    assert_eq!(text_of(prefixed), "Prefixed Atom.");
}

#[test]
fn modules_give_the_text() {
    let cases = [
        (
            "<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><![CDATA[<p>Encoded.</p>]]></content:encoded>",
            "Encoded.",
        ),
        (
            "<dc:description xmlns:dc=\"http://purl.org/dc/elements/1.1/\">DC description.</dc:description>",
            "DC description.",
        ),
        (
            "<itunes:summary xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">Podcast summary.</itunes:summary>",
            "Podcast summary.",
        ),
        (
            "<media:group xmlns:media=\"http://search.yahoo.com/mrss/\"><media:credit>C</media:credit><media:description>Media description.</media:description></media:group>",
            "Media description.",
        ),
        (
            "<body xmlns=\"http://www.w3.org/1999/xhtml\"><p>XHTML body.</p><p>Second.</p></body>",
            "XHTML body.\n\nSecond.",
        ),
        (
            "<xhtml:body xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"><xhtml:p>Prefixed body.</xhtml:p></xhtml:body>",
            "Prefixed body.",
        ),
        (
            "<fullitem>&lt;p&gt;Full item.&lt;/p&gt;</fullitem>",
            "Full item.",
        ),
        (
            "<description><p>Unescaped</p><p>markup.</p></description>",
            "Unescaped\n\nmarkup.",
        ),
        (
            "<description>Caf&eacute; &nbsp;entity.</description>",
            "Café entity.",
        ),
        (
            "<body>safe<script>alert(1)</script> description</body>",
            "safe description",
        ),
    ];
    for (inner, expected) in cases {
        assert_eq!(text_of(&rss_item(inner)), expected, "{inner}");
    }
    // Content wins over the summary; an empty content falls back to it.
    let both = "<description>Summary.</description><fullitem>&lt;p&gt;Full.&lt;/p&gt;</fullitem>";
    assert_eq!(text_of(&rss_item(both)), "Full.");
    let empty = "<description>Summary.</description><body><script>x()</script></body>";
    assert_eq!(text_of(&rss_item(empty)), "Summary.");
}

#[test]
fn cdf_channels() {
    let cdf = "<CHANNEL><TITLE>CDF</TITLE><ITEM HREF=\"http://example.org/\"><TITLE>Item</TITLE><ABSTRACT>CDF abstract.</ABSTRACT></ITEM></CHANNEL>";
    assert_eq!(text_of(cdf), "CDF abstract.");
}

#[test]
fn ill_formed_feeds_keep_what_they_can() {
    // Cut off inside the second item: the first loads, and so does the
    // second's finished description.
    let cut = "<rss><channel><item><title>A</title><description>First.</description></item>\n<item><title>B</title><description>Second.</description><link>http://exa";
    let (articles, issues) = load("cut.xml", cut.as_bytes());
    let texts: Vec<_> = articles.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["First.", "Second."]);
    assert!(
        issues.iter().any(|i| i.contains("malformed XML")),
        "{issues:?}"
    );
    // Random tag soup after a good item neither hangs nor loses the item.
    let soup = "<rss><channel><item><title>A</title><description>Kept.</description></item><item><<<>>&&;;</channel>";
    let (articles, _) = load("soup.xml", soup.as_bytes());
    assert_eq!(articles[0].text, "Kept.");
}

#[test]
fn feeds_in_legacy_and_wide_encodings() {
    let feed = |encoding: &str, text: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"{encoding}\"?>\n<rss><channel><title>W</title><item><title>T</title><description>{text}</description></item></channel></rss>"
        )
    };
    let cases: [(&'static encoding_rs::Encoding, &str, &str); 5] = [
        (encoding_rs::EUC_KR, "euc-kr", "서울에서 회담이 열렸다."),
        (
            encoding_rs::SHIFT_JIS,
            "Shift_JIS",
            "東京で会議が開かれた。",
        ),
        (encoding_rs::EUC_JP, "EUC-JP", "大阪で会議が開かれた。"),
        (
            encoding_rs::WINDOWS_1255,
            "windows-1255",
            "השיחות נפתחו בירושלים.",
        ),
        (encoding_rs::WINDOWS_874, "TIS-620", "การประชุมเปิดขึ้นที่กรุงเทพ"),
    ];
    for (encoding, label, text) in cases {
        let xml = feed(label, text);
        let (bytes, _, _) = encoding.encode(&xml);
        let (articles, issues) = load("f.xml", &bytes);
        assert!(issues.is_empty(), "{label}: {issues:?}");
        assert_eq!(articles[0].text, text, "{label}");
        assert_eq!(articles[0].encoding, Some(encoding.name()));
    }
    let xml = feed("utf-16", "Wide text.");
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(xml.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(load("f.xml", &utf16).0[0].text, "Wide text.");
    let xml = feed("utf-32", "Wider text.");
    let utf32: Vec<u8> = xml.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
    let (articles, _) = load("f.xml", &utf32);
    assert_eq!(
        (articles[0].text.as_str(), articles[0].encoding),
        ("Wider text.", Some("UTF-32BE"))
    );
}

#[test]
fn json_feed() {
    let feed = r#"{"version": "https://jsonfeed.org/version/1", "title": "JSON Wire", "items": [
        {"id": "1", "title": "Talks", "content_html": "<p>Envoys met in Geneva.</p>", "date_published": "2016-10-19T10:00:00+02:00", "url": "https://example.org/1"}]}"#;
    let (articles, issues) = load("feed.json", feed.as_bytes());
    assert!(issues.is_empty(), "{issues:?}");
    let a = &articles[0];
    assert_eq!(
        (a.title.as_str(), a.text.as_str()),
        ("Talks", "Envoys met in Geneva.")
    );
    assert_eq!(a.source.as_deref(), Some("JSON Wire"));
    assert_eq!(a.date.as_deref(), Some("2016-10-19"));
}
