//! RSS 2.0 (and RSS 1.0/RDF) and Atom feeds: one article per item or entry.
//!
//! quick-xml reads the feed as a stream of events; item descriptions are
//! HTML (escaped or in CDATA, or inline XHTML in Atom) and are turned into
//! plain text with the same extractor as HTML pages.

use quick_xml::escape::{resolve_html5_entity, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::html::html_to_text;
use super::json::Loaded;
use super::text::{fill_from_text, title_from_lines};
use super::{Article, IssueKind, LoadIssue, date, dateline};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    Summary,
    Content,
    Published,
    Updated,
    Source,
    ChannelTitle,
}

#[derive(Debug, Default)]
struct Item {
    title: Option<String>,
    link: Option<String>,
    summary: Option<String>,
    content: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    source: Option<String>,
    /// Atom `type="text"` content: plain text, not HTML.
    plain_content: bool,
}

impl Item {
    fn slot(&mut self, field: Field) -> Option<&mut Option<String>> {
        Some(match field {
            Field::Title => &mut self.title,
            Field::Link => &mut self.link,
            Field::Summary => &mut self.summary,
            Field::Content => &mut self.content,
            Field::Published => &mut self.published,
            Field::Updated => &mut self.updated,
            Field::Source => &mut self.source,
            Field::ChannelTitle => return None,
        })
    }
}

/// Text being collected for one field.
struct Capture {
    field: Field,
    buf: String,
    /// Depth of child elements inside the field (inline XHTML).
    child_depth: usize,
    /// Inline XHTML: child tags are kept as markup and references left
    /// escaped so the HTML extractor reads them.
    xhtml: bool,
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let attr = e.try_get_attribute(name).ok()??;
    let value = attr
        .normalized_value(XmlVersion::Implicit1_0)
        .map(|v| v.into_owned())
        .unwrap_or_else(|_| attr.value.to_string());
    Some(value.trim().to_string()).filter(|v| !v.is_empty())
}

fn item_field(name: &str) -> Option<Field> {
    Some(match name {
        "title" | "dc:title" => Field::Title,
        "link" => Field::Link,
        "description" | "summary" | "dc:description" | "itunes:summary" | "media:description"
        | "abstract" => Field::Summary,
        "content:encoded" | "content" | "fullitem" | "body" | "xhtml:body" => Field::Content,
        "pubdate" | "published" | "dc:date" | "issued" | "dcterms:issued" | "dcterms:created"
        | "created" => Field::Published,
        "updated" | "modified" | "dcterms:modified" => Field::Updated,
        "source" => Field::Source,
        _ => return None,
    })
}

/// Namespaces whose elements are the feed's own: their prefix is dropped,
/// so `<rss:item>` and `<item>` read alike.
const FEED_NAMESPACES: &[&str] = &[
    "http://purl.org/rss/1.0/",
    "http://my.netscape.com/rdf/simple/0.9/",
    "http://channel.netscape.com/rdf/simple/0.9/",
    "http://backend.userland.com/rss2",
    "http://backend.userland.com/rss",
    "http://www.w3.org/2005/atom",
    "http://purl.org/atom/ns#",
];

/// Module namespaces and the prefix they are known by, whatever prefix a
/// feed declares them with.
const MODULE_NAMESPACES: &[(&str, &str)] = &[
    ("http://purl.org/rss/1.0/modules/content/", "content"),
    ("http://purl.org/dc/elements/1.1/", "dc"),
    ("http://purl.org/dc/elements/1.0/", "dc"),
    ("http://purl.org/dc/terms/", "dcterms"),
    ("http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"),
    ("http://search.yahoo.com/mrss/", "media"),
    ("http://search.yahoo.com/mrss", "media"),
    ("http://www.w3.org/1999/xhtml", "xhtml"),
    ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"),
];

/// The namespace declarations in scope: (element depth, prefix, URI).
#[derive(Default)]
struct Namespaces(Vec<(usize, String, String)>);

impl Namespaces {
    /// Records the `xmlns` attributes of an element at `depth`.
    fn declare(&mut self, e: &BytesStart<'_>, depth: usize) {
        for attr in e.attributes().flatten() {
            let key = attr.key.as_ref();
            let prefix = if key == "xmlns" {
                String::new()
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                p.to_ascii_lowercase()
            } else {
                continue;
            };
            let uri = attr.value.trim().to_ascii_lowercase();
            self.0.push((depth, prefix, uri));
        }
    }

    /// Forgets the declarations of elements deeper than `depth`.
    fn close(&mut self, depth: usize) {
        while self.0.last().is_some_and(|(d, _, _)| *d > depth) {
            self.0.pop();
        }
    }

    /// The element's name as this reader knows it: the local name for the
    /// feed's own namespaces, `prefix:local` with the usual prefix for known
    /// modules, the name as written (lower-case) otherwise.
    fn canonical(&self, qname: &str) -> String {
        let qname = qname.to_ascii_lowercase();
        let (prefix, local) = match qname.split_once(':') {
            Some((p, l)) => (p, l),
            None => ("", qname.as_str()),
        };
        let Some((_, _, uri)) = self.0.iter().rev().find(|(_, p, _)| p == prefix) else {
            return qname;
        };
        if FEED_NAMESPACES.contains(&uri.as_str()) {
            return local.to_string();
        }
        match MODULE_NAMESPACES.iter().find(|(u, _)| u == uri) {
            Some((_, known)) => format!("{known}:{local}"),
            None => qname,
        }
    }
}

/// Byte offset -> 1-based (line, column).
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = offset
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    (line, column)
}

/// Every item of a feed file. A feed that is not well-formed XML is read
/// again by loose rules, as feedparser does (a bare `&` is text, an end tag
/// may close the wrong element), and keeps what that reading gives when it
/// gives more; the error is reported either way. A feed that breaks off
/// keeps the items read before the break, and the one it broke in if that
/// has text.
pub fn feed_document(path: &str, xml: &str) -> Loaded {
    let strict = read_feed(path, xml, false);
    if !strict.issues.iter().any(|i| i.kind == IssueKind::Malformed) {
        return strict;
    }
    let loose = read_feed(path, xml, true);
    if loose.articles.len() <= strict.articles.len() {
        return strict;
    }
    let mut issues: Vec<LoadIssue> = strict
        .issues
        .into_iter()
        .filter(|i| i.kind == IssueKind::Malformed)
        .map(|mut i| {
            i.reason.push_str("; the feed was read by loose rules");
            i
        })
        .collect();
    issues.extend(
        loose
            .issues
            .into_iter()
            .filter(|i| i.kind != IssueKind::Malformed),
    );
    Loaded {
        articles: loose.articles,
        issues,
    }
}

fn read_feed(path: &str, xml: &str, loose: bool) -> Loaded {
    let mut loaded = Loaded::default();
    let xml_body = xml.strip_prefix('\u{feff}').unwrap_or(xml);
    let bom = xml.len() - xml_body.len();
    let mut reader = Reader::from_str(xml_body);
    if loose {
        let config = reader.config_mut();
        config.allow_dangling_amp = true;
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
    }
    let mut stack: Vec<String> = Vec::new();
    let mut namespaces = Namespaces::default();
    let mut items: Vec<Item> = Vec::new();
    let mut current: Option<(Item, usize)> = None;
    let mut capture: Option<Capture> = None;
    let mut channel_title: Option<String> = None;
    let mut saw_root = false;

    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let (line, column) = line_and_column(xml, bom + reader.error_position() as usize);
                let issue = LoadIssue::new(
                    path,
                    IssueKind::Malformed,
                    format!("malformed XML at column {column}: {e}"),
                );
                loaded.issues.push(issue.at_line(line));
                break;
            }
        };
        match event {
            // Markup inside a field (XHTML content, HTML left unescaped) is
            // kept as markup for the HTML extractor.
            Event::Start(e) if capture.is_some() => {
                let cap = capture.as_mut().expect("capture checked above");
                let local = e.local_name().as_ref().to_ascii_lowercase();
                cap.child_depth += 1;
                cap.buf.push('<');
                cap.buf.push_str(&local);
                cap.buf.push('>');
            }
            Event::Empty(e) if capture.is_some() => {
                let cap = capture.as_mut().expect("capture checked above");
                let local = e.local_name().as_ref().to_ascii_lowercase();
                cap.buf.push('<');
                cap.buf.push_str(&local);
                cap.buf.push_str("/>");
            }
            Event::Start(e) => {
                let depth = stack.len();
                namespaces.declare(&e, depth + 1);
                let name = namespaces.canonical(e.name().as_ref());
                if !saw_root {
                    saw_root = true;
                    if !matches!(name.as_str(), "rss" | "feed" | "rdf:rdf" | "channel") {
                        loaded.issues.push(LoadIssue::new(
                            path,
                            IssueKind::Unsupported,
                            format!("XML file is not an RSS or Atom feed (root element <{name}>)"),
                        ));
                        return loaded;
                    }
                }
                let parent = stack.last().map(String::as_str);
                if matches!(name.as_str(), "item" | "entry") && current.is_none() {
                    current = Some((Item::default(), depth + 1));
                } else if let Some((item, item_depth)) = current.as_mut()
                    && (depth == *item_depth
                        || (depth > *item_depth && name == "media:description"))
                    && let Some(field) = item_field(&name)
                {
                    let kind = attribute(&e, "type").unwrap_or_default();
                    if field == Field::Link
                        && let Some(href) = attribute(&e, "href")
                    {
                        item.link.get_or_insert(href);
                    }
                    if field == Field::Content && kind == "text" {
                        item.plain_content = true;
                    }
                    capture = Some(Capture {
                        field,
                        buf: String::new(),
                        child_depth: 0,
                        xhtml: kind == "xhtml" || matches!(name.as_str(), "body" | "xhtml:body"),
                    });
                } else if current.is_none()
                    && name == "title"
                    && matches!(parent, Some("channel" | "feed"))
                {
                    capture = Some(Capture {
                        field: Field::ChannelTitle,
                        buf: String::new(),
                        child_depth: 0,
                        xhtml: false,
                    });
                }
                stack.push(name);
            }
            Event::Empty(e) => {
                let depth = stack.len();
                namespaces.declare(&e, depth + 1);
                let name = namespaces.canonical(e.name().as_ref());
                namespaces.close(depth);
                if let Some((item, item_depth)) = current.as_mut()
                    && depth == *item_depth
                    && name == "link"
                {
                    let rel = attribute(&e, "rel").unwrap_or_else(|| "alternate".into());
                    if rel == "alternate"
                        && let Some(href) = attribute(&e, "href")
                    {
                        item.link.get_or_insert(href);
                    }
                }
            }
            Event::End(e) => {
                if let Some(cap) = capture.as_mut()
                    && cap.child_depth > 0
                {
                    cap.child_depth -= 1;
                    let local = e.local_name().as_ref().to_ascii_lowercase();
                    cap.buf.push_str("</");
                    cap.buf.push_str(&local);
                    cap.buf.push('>');
                    continue;
                }
                if let Some(cap) = capture.take() {
                    end_capture(cap, &mut current, &mut channel_title);
                }
                stack.pop();
                namespaces.close(stack.len());
                if let Some((_, item_depth)) = &current
                    && stack.len() < *item_depth
                {
                    let (item, _) = current.take().expect("current checked above");
                    items.push(item);
                }
            }
            Event::Text(t) => {
                if let Some(cap) = capture.as_mut() {
                    cap.buf.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(cap) = capture.as_mut() {
                    cap.buf.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(cap) = capture.as_mut() {
                    let name = r.to_string();
                    let resolved = if cap.xhtml {
                        None
                    } else if let Ok(Some(c)) = r.resolve_char_ref() {
                        Some(c.to_string())
                    } else {
                        resolve_predefined_entity(&name)
                            .or_else(|| resolve_html5_entity(&name))
                            .map(str::to_string)
                    };
                    // An unknown or XHTML reference stays escaped for the HTML extractor.
                    cap.buf
                        .push_str(&resolved.unwrap_or_else(|| format!("&{name};")));
                }
            }
            Event::Eof => {
                if let Some(open) = stack.first() {
                    let (line, _) = line_and_column(xml, xml.len());
                    let issue = LoadIssue::new(
                        path,
                        IssueKind::Malformed,
                        format!(
                            "malformed XML: the file ends before <{open}> is closed (cut off?)"
                        ),
                    );
                    loaded.issues.push(issue.at_line(line));
                }
                break;
            }
            _ => {}
        }
    }
    if !saw_root && loaded.issues.is_empty() {
        loaded.issues.push(LoadIssue::new(
            path,
            IssueKind::Malformed,
            "XML file has no root element",
        ));
    }
    // A feed cut off inside an item: what was read of it counts if it
    // has text (a truncated download still shows its last story).
    if let Some(cap) = capture.take() {
        end_capture(cap, &mut current, &mut channel_title);
    }
    if let Some((item, _)) = current.take()
        && item_article(&item, String::new(), None).is_some()
    {
        items.push(item);
    }

    let numbered = items.len() > 1;
    for (i, item) in items.into_iter().enumerate() {
        let label = if numbered {
            format!("{path}#{}", i + 1)
        } else {
            path.to_string()
        };
        match item_article(&item, label.clone(), channel_title.as_deref()) {
            Some(article) => loaded.articles.push(article),
            None => loaded.issues.push(LoadIssue::new(
                label,
                IssueKind::BadRecord,
                "feed item has no text (no description or content)",
            )),
        }
    }
    if loaded.articles.is_empty() && loaded.issues.is_empty() {
        loaded.issues.push(LoadIssue::new(
            path,
            IssueKind::Empty,
            "feed holds no items",
        ));
    }
    loaded
}

/// Files a finished field into the item (or the channel title).
fn end_capture(
    cap: Capture,
    current: &mut Option<(Item, usize)>,
    channel_title: &mut Option<String>,
) {
    let value = Some(cap.buf).filter(|v| !v.trim().is_empty());
    match (cap.field, current.as_mut()) {
        (Field::ChannelTitle, _) if channel_title.is_none() => *channel_title = value,
        (field, Some((item, _))) => {
            if let Some(slot) = item.slot(field)
                && slot.is_none()
            {
                *slot = value;
            }
        }
        _ => {}
    }
}

/// The item's text: its content, else its summary, as plain text.
fn item_text(item: &Item) -> Option<String> {
    let content = item.content.as_deref().map(|body| {
        if item.plain_content {
            body.trim().to_string()
        } else {
            html_to_text(body)
        }
    });
    let summary = || item.summary.as_deref().map(html_to_text);
    content
        .filter(|t| !t.trim().is_empty())
        .or_else(|| summary().filter(|t| !t.trim().is_empty()))
}

fn item_article(item: &Item, path: String, channel_title: Option<&str>) -> Option<Article> {
    let text = item_text(item)?;
    let title = item
        .title
        .as_deref()
        .map(html_to_text)
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| title_from_lines(&text, false));
    let source = item
        .source
        .as_deref()
        .or(channel_title)
        .map(html_to_text)
        .and_then(|s| dateline::normalise_source(&s));
    let date = item
        .published
        .as_deref()
        .and_then(date::normalise_date)
        .or_else(|| item.updated.as_deref().and_then(date::normalise_date));
    let mut article = Article {
        path,
        title,
        source,
        date,
        place: None,
        url: item
            .link
            .as_deref()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty()),
        text: String::new(),
        encoding: None,
    };
    fill_from_text(&mut article, &text);
    article.text = text;
    Some(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example &amp; News</title>
  <link>https://example.org/</link>
  <item>
    <title>Talks on &lt;b&gt;Aleppo&lt;/b&gt;</title>
    <link>https://example.org/1</link>
    <description>&lt;p&gt;GENEVA (Reuters) - Experts met.&lt;/p&gt;&lt;p&gt;Caf&amp;eacute; closed.&lt;/p&gt;</description>
    <pubDate>Wed, 19 Oct 2016 10:00:00 +0000</pubDate>
  </item>
  <item>
    <title>Second</title>
    <description><![CDATA[<p>Text with &nbsp;entity <script>x()</script></p>]]></description>
    <content:encoded><![CDATA[<p>Full text.</p><p>More.</p>]]></content:encoded>
    <dc:date>2016-10-20T08:00:00Z</dc:date>
  </item>
  <item><title>No text</title></item>
</channel>
</rss>"#;

    #[test]
    fn rss_items() {
        let loaded = feed_document("f.rss", RSS);
        assert_eq!(loaded.articles.len(), 2);
        let a = &loaded.articles[0];
        assert_eq!(a.path, "f.rss#1");
        assert_eq!(a.title, "Talks on Aleppo");
        assert_eq!(a.text, "GENEVA (Reuters) - Experts met.\n\nCafé closed.");
        assert_eq!(a.url.as_deref(), Some("https://example.org/1"));
        assert_eq!(a.date.as_deref(), Some("2016-10-19"));
        assert_eq!(a.source.as_deref(), Some("Example & News"), "channel title");
        assert_eq!(a.place.as_deref(), Some("Geneva"));
        let b = &loaded.articles[1];
        assert_eq!(b.text, "Full text.\n\nMore.", "content:encoded preferred");
        assert_eq!(b.date.as_deref(), Some("2016-10-20"));
        assert_eq!(loaded.issues.len(), 1);
        assert_eq!(loaded.issues[0].path, "f.rss#3");
        assert_eq!(loaded.issues[0].kind, IssueKind::BadRecord);
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Atom Source</title>
  <entry>
    <title>Entry one</title>
    <link rel="alternate" href="https://example.org/e1"/>
    <link rel="enclosure" href="https://example.org/e1.mp3"/>
    <updated>2016-10-21T00:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &amp; two.</p><p>Three &lt; four.</p></div></content>
  </entry>
  <entry>
    <title>Entry two</title>
    <link href="https://example.org/e2"/>
    <published>2016-10-22</published>
    <updated>2016-10-23</updated>
    <summary type="html">&lt;p&gt;Summary text.&lt;/p&gt;</summary>
  </entry>
</feed>"#;
        let loaded = feed_document("f.atom", atom);
        assert!(loaded.issues.is_empty(), "{:?}", loaded.issues);
        let a = &loaded.articles[0];
        assert_eq!(a.title, "Entry one");
        assert_eq!(a.text, "One & two.\n\nThree < four.");
        assert_eq!(a.url.as_deref(), Some("https://example.org/e1"));
        assert_eq!(a.date.as_deref(), Some("2016-10-21"));
        assert_eq!(a.source.as_deref(), Some("Atom Source"));
        let b = &loaded.articles[1];
        assert_eq!(b.text, "Summary text.");
        assert_eq!(
            b.date.as_deref(),
            Some("2016-10-22"),
            "published before updated"
        );
        assert_eq!(b.url.as_deref(), Some("https://example.org/e2"));
    }

    #[test]
    fn broken_feed_keeps_items_before_the_break() {
        let xml = "<rss><channel><title>S</title>\n<item><title>A</title><description>Text A</description></item>\n<item><title>B</oops></item></channel></rss>";
        let loaded = feed_document("f.xml", xml);
        assert_eq!(loaded.articles.len(), 1);
        assert_eq!(loaded.articles[0].title, "A");
        assert_eq!(loaded.issues.len(), 1);
        let issue = &loaded.issues[0];
        assert_eq!(issue.kind, IssueKind::Malformed);
        assert_eq!(issue.line, Some(3));
        assert!(issue.reason.contains("malformed XML"), "{}", issue.reason);
    }

    #[test]
    fn ill_formed_feeds_are_read_loosely() {
        let xml = "<rss><channel><title>W</title>\n<item><title>AT&T</title><description>Profits at AT&T rose.</description></item>\n<item><title>Two</title><description>Second <b>bold</i> story.</description></item></channel></rss>";
        let loaded = feed_document("f.xml", xml);
        let texts: Vec<_> = loaded.articles.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["Profits at AT&T rose.", "Second bold story."]);
        assert_eq!(loaded.articles[0].title, "AT&T");
        assert_eq!(loaded.issues.len(), 1, "{:?}", loaded.issues);
        assert_eq!(loaded.issues[0].kind, IssueKind::Malformed);
        assert!(
            loaded.issues[0].reason.contains("loose rules"),
            "{}",
            loaded.issues[0].reason
        );
    }

    #[test]
    fn other_xml_is_not_a_feed() {
        let loaded = feed_document("f.xml", "<?xml version=\"1.0\"?><svg><g/></svg>");
        assert!(loaded.articles.is_empty());
        assert_eq!(loaded.issues[0].kind, IssueKind::Unsupported);
        assert!(loaded.issues[0].reason.contains("<svg>"));
    }

    #[test]
    fn line_and_column_positions() {
        assert_eq!(line_and_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_and_column("ab\ncd", 4), (2, 2));
    }
}
