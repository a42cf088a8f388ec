//! The whole program on the hostile corpus (tests/common/hostile.rs): every
//! file loads or is reported, nothing reaches a stream or the screen raw,
//! offsets stay exact, and the real reader in tmux gives the terminal back
//! with its title untouched.

mod common;

use std::fs;
use std::process::Stdio;

use crossread::analysis::lexicon::Lexicon;
use crossread::analysis::ner::HybridTagger;
use crossread::app::text::MAX_MARKS_PER_CELL;
use crossread::app::{Action, App, Key};
use crossread::corpus;
use crossread::index::CorpusIndex;
use crossread::safe::{breaks_names, is_unsafe};
use crossread::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn unsafe_on_a_stream(c: char) -> bool {
    c != '\n' && is_unsafe(c)
}

#[test]
fn extract_reads_or_reports_every_hostile_file_and_prints_nothing_raw() {
    let dir = tempfile::tempdir().unwrap();
    common::hostile::write(dir.path());
    let out = common::Home::new()
        .crossread()
        .args(["extract", "--no-corrections"])
        .arg(dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.chars().any(unsafe_on_a_stream), "{stderr:?}");
    for reported in [
        "empty\u{FFFD}]0;PWNED\u{FFFD}.txt: file is empty",
        "clipboard\u{FFFD}]52;c;aGk=\u{FFFD}.json",
        "front-matter.md:2: front matter value of `title` is not closed",
        "binary.txt: binary file",
    ] {
        assert!(stderr.contains(reported), "{reported} not in {stderr}");
    }
    let printed = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    assert!(
        !printed.chars().any(unsafe_on_a_stream),
        "raw control on stdout"
    );
    let json: serde_json::Value = serde_json::from_str(&printed).unwrap();
    let articles = json["articles"].as_array().unwrap();
    assert!(articles.len() >= 10, "{} articles", articles.len());
    for article in articles {
        let path = article["path"].as_str().unwrap();
        // A UTF-8 text file: offsets are into the file as read.
        if path.ends_with(".txt")
            && let Ok(text) = String::from_utf8(fs::read(path).unwrap())
        {
            for m in article["mentions"].as_array().unwrap() {
                let (start, end) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
                assert_eq!(
                    &text[start as usize..end as usize],
                    m["text"].as_str().unwrap()
                );
            }
        }
        for m in article["mentions"].as_array().unwrap() {
            assert!(
                !m["text"].as_str().unwrap().chars().any(breaks_names),
                "{m}"
            );
        }
    }
    assert!(
        articles
            .iter()
            .any(|a| a["path"].as_str().unwrap().ends_with("combining.txt")),
        "the marks file loads: {stderr}"
    );
    let front = articles
        .iter()
        .find(|a| a["path"].as_str().unwrap().ends_with("front-matter.md"))
        .unwrap();
    assert_eq!(
        front["title"], "Real headline",
        "broken values are not used"
    );
    for actor in json["actors"].as_array().unwrap() {
        assert!(
            !actor["id"].as_str().unwrap().chars().any(breaks_names),
            "{actor}"
        );
    }
}

#[test]
fn the_reader_draws_every_hostile_article_with_bounded_clean_cells() {
    let dir = tempfile::tempdir().unwrap();
    common::hostile::write(dir.path());
    let corpus = corpus::load_paths(&[dir.path().to_path_buf()]);
    let index = CorpusIndex::build(corpus, HybridTagger::builtin(), Lexicon::builtin());
    let articles = index.articles.len();
    let mut app = App::new(index);
    app.update(Action::Resize {
        width: 100,
        height: 30,
    });
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    for _ in 0..articles {
        terminal.draw(|frame| ui::render(&app, frame)).unwrap();
        for cell in terminal.backend().buffer().content() {
            let symbol = cell.symbol();
            assert!(!symbol.chars().any(is_unsafe), "{symbol:?}");
            assert!(
                symbol.chars().count() <= 1 + MAX_MARKS_PER_CELL,
                "a cell carries {} characters",
                symbol.chars().count()
            );
        }
        app.handle_key(Key::char('j'));
    }
    // The load report lists the bad names, replaced, not dropped.
    app.update(Action::ToggleReport);
    terminal.draw(|frame| ui::render(&app, frame)).unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("empty�]0;PWNED�.txt"), "{screen}");
}

#[test]
fn the_real_reader_on_the_hostile_corpus_keeps_the_terminal_title() {
    let Some(tmux) = common::tmux::Tmux::start("hostile") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("corpus");
    fs::create_dir(&articles).unwrap();
    common::hostile::write(&articles);
    let stderr = dir.path().join("stderr");
    tmux.open(
        100,
        30,
        r#""$0" --no-corrections "$1" 2>"$2"; echo "EXITED:$?"; sleep 60"#,
        &[
            env!("CARGO_BIN_EXE_crossread"),
            articles.to_str().unwrap(),
            stderr.to_str().unwrap(),
        ],
    );
    tmux.wait_for("the reader", |t| t.capture().contains("Articles"));
    for _ in 0..25 {
        tmux.keys(&["j"]);
    }
    tmux.keys(&["Tab", "G", "g", "!"]);
    tmux.wait_for("the load report", |t| t.capture().contains("PWNED"));
    tmux.keys(&["Escape", "q"]);
    tmux.wait_for("the reader to exit", |t| t.capture().contains("EXITED:"));
    assert!(tmux.capture().contains("EXITED:0"), "{}", tmux.capture());
    assert_eq!(tmux.pane_format("#{alternate_on}"), "0");
    assert_eq!(tmux.pane_format("#{cursor_flag}"), "1");
    assert!(
        !tmux
            .pane_format("#{pane_title}")
            .contains(common::hostile::TITLE_MARK)
    );
    let said = fs::read_to_string(&stderr).unwrap();
    assert!(!said.chars().any(unsafe_on_a_stream), "{said:?}");
    assert!(said.contains("PWNED"), "{said}");
}
