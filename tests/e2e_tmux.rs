//! The real binary in a real terminal: tmux runs the reader at 80x24 on the
//! seed articles; the screen is read back, then q must quit and give the
//! terminal back.

mod common;

use common::tmux::Tmux;

#[test]
fn reader_opens_lists_sources_and_quits_cleanly() {
    let test = "reader_opens_lists_sources_and_quits_cleanly";
    let Some(seeds) = common::data::shared(test, "data/seeds") else {
        return;
    };
    let Some(tmux) = Tmux::start(test) else {
        return;
    };
    // After the reader: its exit status and the terminal modes, then
    // wait, so that the pane can still be read.
    tmux.open(
        80,
        24,
        r#""$0" --no-corrections "$1"; echo "EXITED:$?"; stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo; echo "MODES-DONE"; sleep 60"#,
        &[env!("CARGO_BIN_EXE_crossread"), seeds.to_str().unwrap()],
    );

    tmux.wait_for("the reader", |t| t.capture().contains("Articles"));
    let screen = tmux.capture();
    assert_eq!(tmux.pane_format("#{alternate_on}"), "1", "{screen}");
    // Keys reach the reader: the help screen opens and closes.
    tmux.keys(&["?"]);
    tmux.wait_for("the help screen", |t| t.capture().contains("Keys"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("the help screen to close", |t| {
        !t.capture().contains(" Keys ")
    });

    tmux.keys(&["q"]);
    // The terminal modes are printed after the exit status: wait for both.
    tmux.wait_for("the reader to exit", |t| t.capture().contains("MODES-DONE"));
    let after = tmux.capture();
    assert!(after.contains("EXITED:0"), "exit status:\n{after}");
    // The terminal was given back: off the alternate screen, cursor shown,
    // line editing and echo on again.
    assert_eq!(tmux.pane_format("#{alternate_on}"), "0");
    assert_eq!(tmux.pane_format("#{cursor_flag}"), "1");
    let modes: Vec<&str> = after.lines().map(str::trim).collect();
    assert!(
        modes.contains(&"icanon") && modes.contains(&"echo"),
        "{after}"
    );
    assert!(
        !after.contains("Articles"),
        "the reader's screen is gone:\n{after}"
    );

    // The article list, the top of the left column, names both sources.
    let first = screen.lines().next().unwrap_or_default();
    let width = first
        .chars()
        .position(|c| c == '┓' || c == '┐')
        .unwrap_or(0)
        + 1;
    let list: Vec<String> = screen
        .lines()
        .take_while(|line| !line.contains("Entities"))
        .map(|line| line.chars().take(width).collect())
        .collect();
    let list = list.join("\n");
    assert!(list.contains("Multinational"), "{screen}");
    assert!(
        list.contains("TASS"),
        "TASS not in the article list:\n{screen}"
    );
    assert!(
        list.contains("Tasnim"),
        "Tasnim not in the article list:\n{screen}"
    );
}

#[test]
fn a_corpus_larger_than_the_first_batch_lists_every_article_cold_and_warm() {
    let test = "a_corpus_larger_than_the_first_batch_lists_every_article_cold_and_warm";
    let Some(tmux) = Tmux::start(test) else {
        return;
    };
    // More files than the first batch shown while the rest are read.
    let corpus = tempfile::tempdir().unwrap();
    let n = crossread::corpus::FIRST_BATCH + 76;
    std::fs::create_dir(corpus.path().join("a")).unwrap();
    for i in 0..n {
        std::fs::write(
            corpus.path().join("a").join(format!("a{i:05}.txt")),
            format!("Headline {i:05}\n\nDelegates met in Geneva on day {i}.\n"),
        )
        .unwrap();
    }
    let last = format!("Headline {:05}", n - 1);
    // Cold (the store is made), then warm (the first files come from it),
    // in one pane: the second run waits for the file `go`.
    let go = corpus.path().join("go");
    tmux.open(
        100,
        30,
        r#"for open in cold warm; do "$0" --no-corrections --tagger rules "$1"; echo "EXITED:$open:$?"; while [ ! -e "$2" ]; do sleep 0.1; done; done; sleep 60"#,
        &[
            env!("CARGO_BIN_EXE_crossread"),
            corpus.path().join("a").to_str().unwrap(),
            go.to_str().unwrap(),
        ],
    );
    for open in ["cold", "warm"] {
        tmux.wait_for("the reader", |t| t.capture().contains("Articles"));
        // G goes to the end of the list as it is: pressed until the last
        // file's article is there.
        tmux.wait_for(&format!("the last article ({open})"), |t| {
            t.keys(&["G"]);
            t.capture().contains(&last)
        });
        tmux.wait_for(&format!("the analysis ({open})"), |t| {
            let screen = t.capture();
            !["reading", "analysing", "linking", "saving"]
                .iter()
                .any(|w| screen.contains(w))
        });
        tmux.keys(&["q"]);
        let exited = format!("EXITED:{open}:0");
        tmux.wait_for("the reader to exit", |t| t.capture().contains(&exited));
        std::fs::write(&go, "").unwrap();
    }
}

/// Esc and the next key in one write, as a fast typist or a slow link
/// delivers them, still close the finder: the terminal's Alt-j is Esc, j.
#[test]
fn escape_and_a_key_in_one_write_close_the_finder() {
    let test = "escape_and_a_key_in_one_write_close_the_finder";
    let Some(seeds) = common::data::shared(test, "data/seeds") else {
        return;
    };
    let Some(tmux) = Tmux::start(test) else {
        return;
    };
    tmux.open_reader(80, 24, &seeds);
    // The analysed corpus replaces the texts (closing a finder open then):
    // wait for it, told by the entities it brings.
    tmux.wait_for("the analysed corpus", |t| {
        let screen = t.capture();
        screen.contains("Entities (") && !screen.contains("Entities (0)")
    });
    for round in 0..3 {
        tmux.keys(&["/"]);
        tmux.wait_for("the finder", |t| t.capture().contains(" Find ("));
        tmux.keys(&["-l", "ser"]);
        tmux.wait_for("the query", |t| t.capture().contains("> ser"));
        // One send-keys: tmux writes both bytes to the pane at once.
        tmux.keys(&["Escape", "j"]);
        tmux.wait_for("the finder to close", |t| !t.capture().contains(" Find ("));
        let screen = tmux.capture();
        assert!(!screen.contains("serj"), "round {round}:\n{screen}");
    }
    tmux.keys(&["q"]);
}

/// The finder answers while the corpus is still analysed: its scoring
/// must not wait behind the analysis for the threads they share.
#[test]
fn the_finder_answers_while_the_corpus_is_analysed() {
    let test = "the_finder_answers_while_the_corpus_is_analysed";
    let Some(bbc) = common::data::shared(test, "data/bbc") else {
        return;
    };
    let Some(tmux) = Tmux::start(test) else {
        return;
    };
    // Articles enough to keep the analysis busy for seconds, and more
    // titles than the finder scores on one thread: four copies of the BBC
    // set, each article's paragraphs rotated so that no copy is another.
    let corpus = tempfile::tempdir().unwrap();
    for copy in 0..4 {
        for entry in walkdir::WalkDir::new(&bbc) {
            let entry = entry.unwrap();
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let relative = entry.path().strip_prefix(&bbc).unwrap();
            let target = corpus.path().join(format!("c{copy}")).join(relative);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            let mut paragraphs: Vec<&str> = text.split("\n\n").collect();
            if paragraphs.len() > 2 {
                let turn = copy % (paragraphs.len() - 1);
                paragraphs[1..].rotate_left(turn);
            }
            std::fs::write(target, paragraphs.join("\n\n")).unwrap();
        }
    }
    tmux.open_reader(120, 40, corpus.path());
    tmux.wait_for("the analysis to start", |t| {
        t.capture().contains("analysing")
    });
    tmux.keys(&["/"]);
    tmux.keys(&["-l", "oil"]);
    tmux.wait_for("the query drawn", |t| t.capture().contains("> oil"));
    let screen = tmux.capture();
    // Drawn at once, not once the analysis let go of the threads.
    assert!(
        screen.contains("analysing"),
        "the query was drawn only after the analysis:\n{screen}"
    );
    tmux.keys(&["Escape"]);
    tmux.keys(&["q"]);
}

/// Two runs of the binary on one corpus: the second opens where the first
/// left (article and focus) with its read marks. Both run in one pane, one
/// after the other, under one tmux server.
#[test]
fn a_second_run_restores_the_position_and_read_marks() {
    let test = "a_second_run_restores_the_position_and_read_marks";
    let Some(seeds) = common::data::shared(test, "data/seeds") else {
        return;
    };
    let Some(tmux) = Tmux::start(test) else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    // Wide enough for the article list's full title.
    tmux.open(
        160,
        30,
        r#"export CROSSREAD_DATA_DIR="$2" CROSSREAD_CACHE_DIR="$3"; "$0" "$1"; echo "FIRST:$?"; "$0" "$1"; echo "SECOND:$?"; sleep 60"#,
        &[
            env!("CARGO_BIN_EXE_crossread"),
            seeds.to_str().unwrap(),
            data.path().to_str().unwrap(),
            cache.path().to_str().unwrap(),
        ],
    );
    let analysed = |t: &Tmux| {
        let screen = t.capture();
        screen.contains("Entities (") && !screen.contains("Entities (0)")
    };
    tmux.wait_for("the analysed corpus", analysed);
    let first = tmux.capture();
    // "Articles 1/N · N unread" on the first run.
    let total: usize = first
        .split("Articles 1/")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no article count:\n{first}"));
    assert!(first.contains(&format!("· {total} unread")), "{first}");
    tmux.keys(&["j"]);
    tmux.keys(&["l"]);
    tmux.keys(&["q"]);
    let restored = format!("Articles 2/{total} · {} unread", total - 1);
    tmux.wait_for("the second run, restored", |t| {
        t.capture().contains(&restored)
    });
    let second = tmux.capture();
    // The text pane had the focus: its frame is the thick one, the list's not.
    let top = second.lines().next().unwrap_or_default();
    assert!(top.contains("┐┏"), "the text pane is focused:\n{second}");
    tmux.keys(&["q"]);
    tmux.wait_for("the reader to exit", |t| t.capture().contains("SECOND:"));
    let after = tmux.capture();
    assert!(
        after.contains("FIRST:0") && after.contains("SECOND:0"),
        "{after}"
    );
}
