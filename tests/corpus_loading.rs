//! Loading real files: every format, every kind of bad input, and the
//! shared sample data.

use std::fs;
use std::path::{Path, PathBuf};

use crossread::corpus::{
    Article, Corpus, IssueKind, LoadIssue, LoadOptions, issues_by_file, load_paths,
    load_paths_with, load_sample,
};
use tempfile::TempDir;

mod common;

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, content).unwrap();
    path
}

fn load_one(path: &Path) -> Corpus {
    load_paths(&[path.to_path_buf()])
}

fn only_article(corpus: &Corpus) -> &Article {
    assert!(
        corpus.issues.is_empty(),
        "unexpected issues: {:?}",
        corpus.issues
    );
    assert_eq!(corpus.articles.len(), 1, "{:?}", corpus.articles);
    &corpus.articles[0]
}

fn only_issue(corpus: &Corpus) -> &LoadIssue {
    assert_eq!(corpus.issues.len(), 1, "{:?}", corpus.issues);
    &corpus.issues[0]
}

fn shared_data(test: &str, name: &str) -> Option<PathBuf> {
    common::data::shared(test, &format!("data/{name}"))
}

// ---- formats ----

#[test]
fn plain_text_with_boilerplate_and_dateline() {
    let dir = TempDir::new().unwrap();
    let text =
        "\u{feff}Home\nAll news\n\nTalks open in Geneva\n\nWASHINGTON (Reuters) - Envoys met.\n";
    let path = write(dir.path(), "a.txt", text);
    let corpus = load_one(&path);
    let a = only_article(&corpus);
    assert_eq!(a.path, path.display().to_string());
    assert_eq!(a.title, "Talks open in Geneva");
    assert_eq!(a.text, text, "text kept exactly as read, BOM included");
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!(a.place.as_deref(), Some("Washington"));
}

#[test]
fn markdown_with_front_matter() {
    let dir = TempDir::new().unwrap();
    let text = "---\ntitle: 'Geneva talks'\ndate: June 13, 2013\nsource: Agence France-Presse\n---\n\n# Ignored *heading*\n\nBody.\n";
    let a = load_one(&write(dir.path(), "a.md", text));
    let a = only_article(&a);
    assert_eq!(a.title, "Geneva talks");
    assert_eq!(a.date.as_deref(), Some("2013-06-13"));
    assert_eq!(a.source.as_deref(), Some("AFP"));
    assert_eq!(a.text, text);

    let b = load_one(&write(
        dir.path(),
        "b.markdown",
        "## **Bold** _news_ title\nbody",
    ));
    assert_eq!(only_article(&b).title, "Bold news title");
}

#[test]
fn json_object_and_array() {
    let dir = TempDir::new().unwrap();
    let one = write(
        dir.path(),
        "one.json",
        r#"{"headline": "One", "content": "Body one.", "pubDate": "Wed, 19 Oct 2016 10:00:00 GMT", "link": "https://e.org/1", "source": {"name": "Reuters"}}"#,
    );
    let corpus = load_one(&one);
    let a = only_article(&corpus);
    assert_eq!(
        a.path,
        one.display().to_string(),
        "a single record keeps the plain path"
    );
    assert_eq!((a.title.as_str(), a.text.as_str()), ("One", "Body one."));
    assert_eq!(a.date.as_deref(), Some("2016-10-19"));
    assert_eq!(a.url.as_deref(), Some("https://e.org/1"));
    assert_eq!(a.source.as_deref(), Some("Reuters"));

    let many = write(
        dir.path(),
        "many.json",
        r#"[{"title": "A", "text": "a"}, {"title": "B", "body": "b", "published_at": "2016-10-20"}]"#,
    );
    let corpus = load_one(&many);
    assert!(corpus.issues.is_empty());
    let paths: Vec<_> = corpus.articles.iter().map(|a| a.path.clone()).collect();
    let base = many.display().to_string();
    assert_eq!(paths, [format!("{base}#1"), format!("{base}#2")]);
    assert_eq!(corpus.articles[1].date.as_deref(), Some("2016-10-20"));
}

#[test]
fn json_lines_with_bad_records() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "a.jsonl",
        "{\"title\": \"A\", \"text\": \"Text A\", \"date\": \"13 June 2013\"}\n\"just a string\"\n{\"title\": \"no text\"}\n{\"text\": \"B\"\n{\"title\": \"C\", \"text\": \"Text C\", \"url\": \"u\"}\n",
    );
    let corpus = load_one(&path);
    let base = path.display().to_string();
    let paths: Vec<_> = corpus.articles.iter().map(|a| a.path.clone()).collect();
    assert_eq!(paths, [format!("{base}#1"), format!("{base}#5")]);
    assert_eq!(corpus.articles[0].date.as_deref(), Some("2013-06-13"));
    let found: Vec<_> = corpus.issues.iter().map(|i| (i.line, i.kind)).collect();
    assert_eq!(
        found,
        [
            (Some(2), IssueKind::BadRecord),
            (Some(3), IssueKind::BadRecord),
            (Some(4), IssueKind::Malformed),
        ]
    );
    assert!(
        corpus.issues[0]
            .to_string()
            .starts_with(&format!("{base}:2: record is a string")),
        "{}",
        corpus.issues[0]
    );
    let ndjson = write(
        dir.path(),
        "b.ndjson",
        "{\"title\": \"O\", \"text\": \"only\"}",
    );
    assert_eq!(only_article(&load_one(&ndjson)).text, "only");
}

#[test]
fn html_page() {
    let dir = TempDir::new().unwrap();
    let html = r#"<html><head><title>Site | Aleppo talks</title>
<meta property="og:site_name" content="The Example Post">
<link rel="canonical" href="https://e.org/aleppo"></head>
<body><nav>Home News</nav><main><h1>Aleppo talks resume</h1>
<p><time datetime="2016-10-19">Oct 19</time></p>
<p>GENEVA, Oct 19 (AP) &mdash; Talks resumed &amp; continued.</p>
<script>var p = "<p>no</p>";</script></main><footer>(c)</footer></body></html>"#;
    let corpus = load_one(&write(dir.path(), "page.htm", html));
    let a = only_article(&corpus);
    assert_eq!(a.title, "Aleppo talks resume");
    assert_eq!(a.source.as_deref(), Some("The Example Post"));
    assert_eq!(a.url.as_deref(), Some("https://e.org/aleppo"));
    assert_eq!(a.date.as_deref(), Some("2016-10-19"));
    assert_eq!(a.place.as_deref(), Some("Geneva"));
    assert_eq!(
        a.text,
        "Aleppo talks resume\n\nOct 19\n\nGENEVA, Oct 19 (AP) — Talks resumed & continued."
    );
}

#[test]
fn rss_and_atom_feeds() {
    let dir = TempDir::new().unwrap();
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>First</title><link>https://e.org/1</link><description>&lt;p&gt;One.&lt;/p&gt;</description><pubDate>Thu, 20 Oct 2016 08:00:00 +0200</pubDate></item>
<item><title>Second</title><description><![CDATA[<b>Two</b>]]></description></item>
</channel></rss>"#;
    let corpus = load_one(&write(dir.path(), "wire.rss", rss));
    assert!(corpus.issues.is_empty(), "{:?}", corpus.issues);
    assert_eq!(corpus.articles.len(), 2);
    let a = &corpus.articles[0];
    assert!(a.path.ends_with("wire.rss#1"));
    assert_eq!((a.title.as_str(), a.text.as_str()), ("First", "One."));
    assert_eq!(a.source.as_deref(), Some("Wire"));
    assert_eq!(a.date.as_deref(), Some("2016-10-20"));
    assert_eq!(a.url.as_deref(), Some("https://e.org/1"));
    assert_eq!(corpus.articles[1].text, "Two");

    let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
<entry><title>Only</title><link href="https://e.org/a"/><updated>2016-10-21T00:00:00Z</updated><summary>Summary.</summary></entry></feed>"#;
    let corpus = load_one(&write(dir.path(), "wire.atom", atom));
    let a = only_article(&corpus);
    assert_eq!(a.text, "Summary.");
    assert_eq!(a.source.as_deref(), Some("Atom wire"));
    assert_eq!(a.date.as_deref(), Some("2016-10-21"));
    assert!(
        a.path.ends_with("wire.atom"),
        "a single entry keeps the plain path"
    );
}

// ---- folders ----

#[test]
fn folders_are_walked_in_sorted_order_skipping_hidden_and_other_files() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "b.txt", "B");
    write(root, "a.txt", "A");
    write(root, "c/z.md", "Z");
    write(root, "c/d/y.txt", "Y");
    write(root, ".hidden.txt", "hidden");
    write(root, ".git/x.txt", "hidden dir");
    write(root, "notes.pdf", "%PDF-1.4");
    write(root, "README", "no extension");
    let corpus = load_one(root);
    assert!(corpus.issues.is_empty(), "{:?}", corpus.issues);
    let titles: Vec<_> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["A", "B", "Y", "Z"]);
}

#[test]
fn folder_papers_are_not_articles_unless_named() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "a.txt", "A");
    let readme = write(root, "README.TXT", "About this data set");
    write(root, "SOURCE.md", "# Provenance");
    write(root, "LICENSE", "MIT");
    write(root, "sub/ChangeLog.md", "v1");
    write(root, "sources_of_conflict.txt", "Sources of conflict");
    let titles = |c: &Corpus| {
        c.articles
            .iter()
            .map(|a| a.title.clone())
            .collect::<Vec<_>>()
    };
    let corpus = load_one(root);
    assert!(corpus.issues.is_empty(), "{:?}", corpus.issues);
    assert_eq!(titles(&corpus), ["A", "Sources of conflict"]);
    assert_eq!(titles(&load_one(&readme)), ["About this data set"]);
}

#[test]
fn a_file_without_extension_named_explicitly_is_text() {
    let dir = TempDir::new().unwrap();
    let notes = write(dir.path(), "NOTES", "Talks in Geneva\n\nEnvoys met.");
    let a = only_article(&load_one(&notes)).clone();
    assert_eq!(a.title, "Talks in Geneva");
    assert_eq!(a.encoding, Some("UTF-8"));
}

#[test]
fn ignore_files_and_excludes_leave_files_out() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "a.txt", "A");
    write(root, "b.txt", "B");
    write(root, "drafts/c.txt", "C");
    write(root, "d.jsonl", "{\"title\": \"D\", \"text\": \"d\"}");
    write(root, "e/f.txt", "F");
    write(root, "e/g.txt", "G");
    write(root, ".gitignore", "drafts/\n");
    write(root, ".ignore", "b.txt\n");
    write(root, "e/.crossreadignore", "g.txt\n");
    let titles = |c: &Corpus| {
        c.articles
            .iter()
            .map(|a| a.title.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(&load_one(root)), ["A", "D", "F"]);
    let options = LoadOptions {
        exclude: vec!["*.jsonl".into(), "e/".into()],
        ..LoadOptions::default()
    };
    let corpus = load_paths_with(&[root.to_path_buf()], &options);
    assert_eq!(titles(&corpus), ["A"]);
    let bad = LoadOptions {
        exclude: vec!["a[".into()],
        ..LoadOptions::default()
    };
    let corpus = load_paths_with(&[root.to_path_buf()], &bad);
    assert!(
        corpus.issues.iter().any(|i| i.reason.contains("--exclude")),
        "{:?}",
        corpus.issues
    );
    assert_eq!(titles(&corpus), ["A", "D", "F"], "the rest still loads");
}

#[test]
fn problems_are_grouped_per_file() {
    let dir = TempDir::new().unwrap();
    let mentions: String = (0..40)
        .map(|i| {
            format!("{{\"doc\": \"d{i}\", \"start\": 0, \"end\": 9, \"text\": \"Tara Reid\"}}\n")
        })
        .collect();
    let snippets = write(dir.path(), "mentions.jsonl", mentions);
    let docs = write(
        dir.path(),
        "docs.jsonl",
        "{\"doc\": \"a\", \"headline\": \"H\"}\n{\"doc\": \"b\"}\n",
    );
    let bad = write(dir.path(), "bad.json", "{");
    let corpus = load_paths(&[snippets.clone(), docs.clone(), bad.clone()]);
    assert!(corpus.articles.is_empty());
    assert_eq!(
        corpus.issues.len(),
        43,
        "every record is kept for the report"
    );
    let lines = issues_by_file(&corpus.issues);
    assert_eq!(
        lines,
        [
            format!(
                "{}: 40 records too short to be articles (no title, few words), skipped",
                snippets.display()
            ),
            format!("{}: 2 records without text, skipped", docs.display()),
            corpus.issues[42].to_string(),
        ]
    );
}

#[test]
fn data_folders_hold_only_their_articles() {
    let test = "data_folders_hold_only_their_articles";
    let (Some(ecbplus), Some(bbc)) = (shared_data(test, "ecbplus"), shared_data(test, "bbc"))
    else {
        return;
    };
    let ecbplus = load_one(&ecbplus);
    assert_eq!(ecbplus.articles.len(), 772);
    assert!(ecbplus.articles.iter().all(|a| a.path.ends_with(".txt")));
    let bbc = load_one(&bbc);
    assert_eq!(bbc.articles.len(), 2225);
    assert!(
        bbc.issues.is_empty(),
        "{:?}",
        &bbc.issues[..bbc.issues.len().min(3)]
    );
    assert!(!bbc.articles.iter().any(|a| a.path.contains("README")));
}

#[test]
fn many_files_keep_their_order() {
    let dir = TempDir::new().unwrap();
    for i in 0..500 {
        write(
            dir.path(),
            &format!("{i:04}.txt"),
            format!("Title {i}\n\nBody {i}."),
        );
    }
    let corpus = load_one(dir.path());
    assert_eq!(corpus.articles.len(), 500);
    for (i, a) in corpus.articles.iter().enumerate() {
        assert_eq!(a.title, format!("Title {i}"));
    }
}

#[test]
fn named_paths_load_in_the_order_given() {
    let dir = TempDir::new().unwrap();
    let b = write(dir.path(), "b.txt", "B");
    let a = write(dir.path(), "a.txt", "A");
    let hidden = write(dir.path(), ".c.txt", "C");
    let corpus = load_paths(&[b, a, hidden]);
    let titles: Vec<_> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["B", "A", "C"],
        "a hidden file named explicitly is read"
    );
}

// ---- bad input: each gives an issue naming the file, and the rest loads ----

/// Loads `first` then a good file.
fn load_with_good_neighbour_loading(dir: &Path, first: PathBuf) -> Corpus {
    let good = write(dir, "good.txt", "Good title\nbody");
    load_paths(&[first, good])
}

fn load_with_good_neighbour(dir: &Path, bad: PathBuf) -> Corpus {
    let good = write(dir, "good.txt", "Good title\nbody");
    let corpus = load_paths(&[bad, good]);
    assert_eq!(corpus.articles.len(), 1, "the good file still loads");
    assert_eq!(corpus.articles[0].title, "Good title");
    corpus
}

#[test]
fn binary_files() {
    let dir = TempDir::new().unwrap();
    let nul = write(dir.path(), "nul.txt", b"PK\x03\x04\0\0\x01binary");
    let corpus = load_with_good_neighbour(dir.path(), nul.clone());
    let issue = only_issue(&corpus);
    assert_eq!(issue.kind, IssueKind::Binary);
    assert_eq!(issue.path, nul.display().to_string());
    assert!(issue.reason.contains("NUL"), "{issue}");

    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 | 0x80)
        .collect();
    let noisy = write(dir.path(), "noise.md", noise);
    assert_eq!(only_issue(&load_one(&noisy)).kind, IssueKind::Binary);

    let jsonl = write(dir.path(), "x.jsonl", b"\0\0\0\0");
    assert_eq!(only_issue(&load_one(&jsonl)).kind, IssueKind::Binary);
}

#[test]
fn legacy_encodings_are_decoded_and_named() {
    let dir = TempDir::new().unwrap();
    let latin = write(dir.path(), "latin1.txt", b"Title\ncaf\xe9 society\n");
    let corpus = load_with_good_neighbour_loading(dir.path(), latin);
    assert!(corpus.issues.is_empty(), "{:?}", corpus.issues);
    let a = &corpus.articles[0];
    assert_eq!(a.text, "Title\ncafé society\n");
    assert_eq!(a.encoding, Some("windows-1252"));
    assert_eq!(corpus.articles[1].encoding, Some("UTF-8"));

    let feed = "<?xml version=\"1.0\" encoding=\"koi8-r\"?><rss><channel><title>Вести</title>\
        <item><title>Новости</title><description>Министр прибыл в Женеву.</description></item></channel></rss>";
    let (bytes, _, _) = encoding_rs::KOI8_R.encode(feed);
    let a = only_article(&load_one(&write(dir.path(), "koi8.rss", &bytes))).clone();
    assert_eq!((a.title.as_str(), a.encoding), ("Новости", Some("KOI8-R")));
    assert_eq!(a.text, "Министр прибыл в Женеву.");

    let page = "<html><head><meta charset=\"shift_jis\"><title>東京の会議</title></head><body><p>外務大臣は交渉を続けると述べた。</p></body></html>";
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(page);
    let a = only_article(&load_one(&write(dir.path(), "sjis.html", &bytes))).clone();
    assert_eq!(
        (a.title.as_str(), a.encoding),
        ("東京の会議", Some("Shift_JIS"))
    );
}

#[test]
fn undecodable_bytes_are_reported_and_the_text_still_loads() {
    let dir = TempDir::new().unwrap();
    let bytes = b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss><channel><item><title>T</title>\n<description>Caf\xc3\xa9 \xff closed.</description></item></channel></rss>";
    let path = write(dir.path(), "bad.rss", bytes);
    let corpus = load_one(&path);
    assert_eq!(corpus.articles.len(), 1);
    assert_eq!(corpus.articles[0].text, "Café \u{fffd} closed.");
    let issue = only_issue(&corpus);
    assert_eq!(issue.kind, IssueKind::Replaced);
    assert_eq!(issue.line, Some(3));
    assert!(issue.to_string().starts_with(&path.display().to_string()));
    assert!(issue.reason.contains("UTF-8"), "{issue}");
}

#[test]
fn malformed_json_gives_line_and_column() {
    let dir = TempDir::new().unwrap();
    let bad = write(
        dir.path(),
        "bad.json",
        "[\n {\"text\": \"a\"},\n {\"text\" \"b\"}\n]",
    );
    let corpus = load_with_good_neighbour(dir.path(), bad.clone());
    let issue = only_issue(&corpus);
    assert_eq!(issue.kind, IssueKind::Malformed);
    assert_eq!(issue.line, Some(3));
    assert!(issue.reason.contains("column 10"), "{issue}");
    assert!(
        issue
            .to_string()
            .starts_with(&format!("{}:3: malformed JSON", bad.display()))
    );
}

#[test]
fn empty_and_whitespace_files() {
    let dir = TempDir::new().unwrap();
    for (name, content) in [
        ("empty.txt", ""),
        ("blank.md", " \n\t\n"),
        ("blank.json", "\n"),
        ("blank.jsonl", "\n\n"),
        ("blank.html", "<html><body><script>x</script></body></html>"),
        (
            "blank.rss",
            "<rss><channel><title>t</title></channel></rss>",
        ),
    ] {
        let corpus = load_one(&write(dir.path(), name, content));
        let issue = only_issue(&corpus);
        assert_eq!(issue.kind, IssueKind::Empty, "{name}: {issue}");
        assert!(issue.path.ends_with(name));
    }
}

/// An unreadable file and an unreadable folder beside a good file, loaded
/// by the real binary as a user permissions apply to: as root (CI runs as
/// root, who may read anything) the binary runs as `nobody` instead, so the
/// test runs for every user.
#[test]
fn unreadable_file_and_folder() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = TempDir::new().unwrap();
    let open = |path: &Path, mode| fs::set_permissions(path, fs::Permissions::from_mode(mode));
    open(dir.path(), 0o755).unwrap();
    let corpus = dir.path().join("corpus");
    let good = write(&corpus, "good.txt", "Good title\nbody");
    open(&corpus, 0o755).unwrap();
    open(&good, 0o644).unwrap();
    let locked = write(&corpus, "locked.txt", "secret");
    open(&locked, 0o000).unwrap();
    let folder = corpus.join("closed");
    write(&folder, "inside.txt", "x");
    open(&folder, 0o000).unwrap();
    // A copy of the binary that any user may run, wherever the checkout is.
    let binary = dir.path().join("crossread");
    fs::copy(env!("CARGO_BIN_EXE_crossread"), &binary).unwrap();
    open(&binary, 0o755).unwrap();
    let mut command = std::process::Command::new(&binary);
    command
        .args(["extract", "--no-corrections", "--no-cache"])
        .arg(&corpus)
        .current_dir(dir.path());
    // Safety: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        command.uid(65534).gid(65534);
    }
    let output = command.output().unwrap();
    open(&folder, 0o755).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("locked.txt: ") && stderr.contains("permission denied"),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("closed") && !l.contains("inside.txt")),
        "the folder is reported: {stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let titles: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Good title"], "the good file still loads");
}

#[test]
fn folder_loops_are_reported_not_followed() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "sub/a.txt", "A");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/back")).unwrap();
    let corpus = load_one(dir.path());
    assert_eq!(corpus.articles.len(), 1);
    let issue = only_issue(&corpus);
    assert_eq!(issue.kind, IssueKind::Folder);
    assert!(issue.reason.contains("loop"), "{issue}");
    assert!(issue.path.ends_with("back"));
}

#[test]
fn huge_files_are_refused() {
    let dir = TempDir::new().unwrap();
    // A sparse file over the default 64 MiB limit: refused from its size alone.
    let huge = dir.path().join("huge.txt");
    fs::File::create(&huge)
        .unwrap()
        .set_len(crossread::corpus::MAX_DOCUMENT_BYTES + 1)
        .unwrap();
    let corpus = load_with_good_neighbour(dir.path(), huge);
    let issue = only_issue(&corpus);
    assert_eq!(issue.kind, IssueKind::TooLarge);
    assert!(issue.reason.contains("64 MiB"), "{issue}");

    let small_limits = LoadOptions {
        max_document_bytes: 100,
        max_record_bytes: 40,
        ..LoadOptions::default()
    };
    let html = write(
        dir.path(),
        "big.html",
        format!("<p>{}</p>", "x".repeat(200)),
    );
    let corpus = load_paths_with(&[html], &small_limits);
    assert_eq!(only_issue(&corpus).kind, IssueKind::TooLarge);

    // JSON Lines may be larger than the document limit; only long records are refused.
    let mut lines = String::new();
    for i in 0..10 {
        lines.push_str(&format!("{{\"title\": \"t\", \"text\": \"r{i}\"}}\n"));
    }
    lines.push_str(&format!("{{\"text\": \"{}\"}}\n", "y".repeat(100)));
    let jsonl = write(dir.path(), "big.jsonl", lines);
    let corpus = load_paths_with(&[jsonl], &small_limits);
    assert_eq!(corpus.articles.len(), 10);
    let issue = only_issue(&corpus);
    assert_eq!((issue.kind, issue.line), (IssueKind::TooLarge, Some(11)));
}

#[test]
fn unsupported_and_missing_paths_named_explicitly() {
    let dir = TempDir::new().unwrap();
    let pdf = write(dir.path(), "paper.pdf", "%PDF");
    let corpus = load_with_good_neighbour(dir.path(), pdf);
    let issue = only_issue(&corpus);
    assert_eq!(issue.kind, IssueKind::Unsupported);
    assert!(
        issue.reason.contains(".pdf") && issue.reason.contains(".jsonl"),
        "{issue}"
    );

    let corpus = load_with_good_neighbour(dir.path(), dir.path().join("missing.txt"));
    assert_eq!(only_issue(&corpus).kind, IssueKind::Unreadable);

    let not_feed = write(dir.path(), "data.xml", "<catalog><book/></catalog>");
    assert_eq!(
        only_issue(&load_one(&not_feed)).kind,
        IssueKind::Unsupported
    );
}

#[test]
fn broken_feed_reports_line() {
    let dir = TempDir::new().unwrap();
    let feed = write(
        dir.path(),
        "broken.rss",
        "<rss><channel>\n<item><title>A</title><description>ok</description></item>\n<item><title>B</titel></item>",
    );
    let corpus = load_one(&feed);
    assert_eq!(corpus.articles.len(), 1, "items before the break are kept");
    let issue = only_issue(&corpus);
    assert_eq!((issue.kind, issue.line), (IssueKind::Malformed, Some(3)));
}

// ---- shared data ----

#[test]
fn seeds_have_their_source_title_and_place() {
    let Some(seeds) = shared_data("seeds_have_their_source_title_and_place", "seeds") else {
        return;
    };
    let corpus = load_one(&seeds);
    let find = |name: &str| {
        corpus
            .articles
            .iter()
            .find(|a| a.path.ends_with(name))
            .unwrap_or_else(|| panic!("{name} not loaded"))
    };
    let tass = find("000_e2a401e195530229.txt");
    assert_eq!(tass.source.as_deref(), Some("TASS"));
    assert_eq!(
        tass.title,
        "Multinational military experts talks on Aleppo kick off in Geneva"
    );
    assert_eq!(tass.place.as_deref(), Some("Geneva"));
    let tasnim = find("001_106bd4b57004bcbf.txt");
    assert_eq!(tasnim.source.as_deref(), Some("Tasnim"));
    assert_eq!(
        tasnim.title,
        "US, Russian Officials Meet in Geneva on Aleppo"
    );
    assert_eq!(tasnim.place.as_deref(), Some("Tehran"));
}

#[test]
fn sample_matches_the_seeds_on_disk() {
    let Some(seeds) = shared_data("sample_matches_the_seeds_on_disk", "seeds") else {
        return;
    };
    let disk = load_one(&seeds);
    let sample = load_sample();
    assert!(sample.issues.is_empty());
    for embedded in &sample.articles {
        let name = embedded.path.rsplit('/').next().unwrap();
        let on_disk = disk
            .articles
            .iter()
            .find(|a| a.path.ends_with(name))
            .expect("sample file exists in seeds");
        let strip = |a: &Article| Article {
            path: String::new(),
            ..a.clone()
        };
        assert_eq!(strip(embedded), strip(on_disk), "{name}");
    }
}

#[test]
fn ecbplus_text_without_metadata_gets_sensible_titles() {
    let Some(root) = shared_data(
        "ecbplus_text_without_metadata_gets_sensible_titles",
        "ecbplus",
    ) else {
        return;
    };
    let folders: Vec<PathBuf> = ["1", "3", "12"].iter().map(|t| root.join(t)).collect();
    let corpus = load_paths(&folders);
    assert!(corpus.issues.is_empty(), "{:?}", corpus.issues);
    assert!(corpus.articles.len() > 30);
    for a in &corpus.articles {
        assert!(!a.title.is_empty(), "{}", a.path);
        assert!(a.title.chars().count() <= 121, "{}: {}", a.path, a.title);
        // The title is (the start of) one of the first lines: a leading
        // date line such as "May 2, 2013, 1:12 PM" is passed over.
        let stem = a.title.trim_end_matches('…');
        let mut top = a
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(3);
        assert!(top.any(|l| l.starts_with(stem)), "{}: {}", a.path, a.title);
    }
    let lohan = corpus
        .articles
        .iter()
        .find(|a| a.path.ends_with("1_2ecbplus.txt"))
        .unwrap();
    assert_eq!(
        lohan.title,
        "Lawyer: Lindsay Lohan checks into rehab facility"
    );
    assert_eq!(lohan.date.as_deref(), Some("2013-05-02"));
}
