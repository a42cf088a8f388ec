//! The terminal is always given back: the real binary in tmux, ended by a
//! panic and by each signal, suspended with Ctrl-z and resumed, and with its
//! terminal gone. The pane's modes are read back after each.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::tmux::Tmux;

/// A file name that, printed raw, sets the terminal's title.
const TITLE_ATTACK: &str = "e\x1b]0;PWNED\x07.txt";

/// A small corpus: one article, and an empty file named to attack the
/// terminal when its load problem is reported.
fn corpus(dir: &Path) {
    fs::write(
        dir.join("geneva.txt"),
        "Talks in Geneva\n\nGENEVA, October 19. /TASS/. Sergey Ryabkov met \
         Michael Ratney in Geneva on Wednesday.\n",
    )
    .unwrap();
    fs::write(dir.join(TITLE_ATTACK), "").unwrap();
}

/// After the reader: its exit status and terminal modes, then a wait so the
/// pane can be read.
const SCRIPT: &str = r#"echo "PID:$$"; exec 3>&2; sh -c 'echo "READER:$$"; exec "$0" --no-corrections "$1" 2>"$2"' "$0" "$1" "$2"; echo "EXITED:$?"; stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo; echo "MODES-DONE"; sleep 60"#;

struct Reader {
    tmux: Tmux,
    pid: u32,
    stderr: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

fn open_reader(name: &str, env: &[(&str, &str)]) -> Option<Reader> {
    let tmux = Tmux::start(name)?;
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    fs::create_dir(&articles).unwrap();
    corpus(&articles);
    let stderr = dir.path().join("stderr");
    let mut script = String::new();
    for (key, value) in env {
        script.push_str(&format!("export {key}={value}; "));
    }
    script.push_str(SCRIPT);
    tmux.open(
        100,
        30,
        &script,
        &[
            env!("CARGO_BIN_EXE_crossread"),
            articles.to_str().unwrap(),
            stderr.to_str().unwrap(),
        ],
    );
    tmux.wait_for("the reader", |t| t.capture().contains("Articles"));
    assert_eq!(tmux.pane_format("#{alternate_on}"), "1");
    let screen = tmux.capture();
    let pid = screen
        .lines()
        .find_map(|l| l.trim().strip_prefix("READER:"))
        .map(|p| p.parse().unwrap());
    // The reader's own line is on the normal screen, hidden now: read it
    // from the pane's history instead.
    let pid = pid.unwrap_or_else(|| {
        let out = tmux.run(&["capture-pane", "-p", "-a", "-t", "t"]);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.trim().strip_prefix("READER:").map(str::to_string))
            .expect("the reader's pid")
            .parse()
            .unwrap()
    });
    Some(Reader {
        tmux,
        pid,
        stderr,
        _dir: dir,
    })
}

impl Reader {
    /// Waits for the reader to end; its exit status as the shell saw it.
    fn exit_status(&self) -> String {
        self.tmux
            .wait_for("the reader to exit", |t| t.capture().contains("MODES-DONE"));
        let after = self.tmux.capture();
        after
            .lines()
            .find_map(|l| l.trim().strip_prefix("EXITED:"))
            .expect("exit status")
            .to_string()
    }

    /// Asserts the terminal is as it was before the reader: normal screen,
    /// cursor shown, line editing and echo on, title untouched.
    fn assert_restored(&self, how: &str) {
        let after = self.tmux.capture();
        assert_eq!(
            self.tmux.pane_format("#{alternate_on}"),
            "0",
            "{how}: still on the alternate screen\n{after}"
        );
        assert_eq!(
            self.tmux.pane_format("#{cursor_flag}"),
            "1",
            "{how}: cursor hidden\n{after}"
        );
        let modes: Vec<&str> = after.lines().map(str::trim).collect();
        assert!(
            modes.contains(&"icanon") && modes.contains(&"echo"),
            "{how}: raw mode left on\n{after}"
        );
        assert!(
            !self.tmux.pane_format("#{pane_title}").contains("PWNED"),
            "{how}: a file name set the title"
        );
    }

    /// What the reader wrote on stderr: the load report, made safe.
    fn assert_stderr_clean(&self) {
        let bytes = fs::read(&self.stderr).unwrap();
        let text = String::from_utf8(bytes).expect("stderr is UTF-8");
        assert!(text.contains("PWNED"), "the bad file is reported: {text:?}");
        for c in text.chars() {
            assert!(
                c == '\n' || !(c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
                "control character {c:?} on stderr: {text:?}"
            );
        }
    }
}

fn signal(name: &str, pid: u32) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn each_ending_signal_gives_the_terminal_back() {
    for (name, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let Some(reader) = open_reader(&format!("sig{name}"), &[]) else {
            return;
        };
        signal(name, reader.pid);
        let status = reader.exit_status();
        reader.assert_restored(&format!("SIG{name}"));
        // The shell sees the reader ended by the signal (128 + its number;
        // SIGQUIT may add a core dump, which the shell reports the same).
        assert_eq!(status, (128 + number).to_string(), "SIG{name}");
        reader.assert_stderr_clean();
    }
}

#[test]
fn a_panic_gives_the_terminal_back() {
    let Some(reader) = open_reader("panic", &[("CROSSREAD_PANIC_ON_KEY", "1")]) else {
        return;
    };
    reader.tmux.keys(&["j"]);
    assert_eq!(reader.exit_status(), "101");
    reader.assert_restored("panic");
    let stderr = fs::read_to_string(&reader.stderr).unwrap();
    assert!(stderr.contains("panicked"), "{stderr}");
}

#[test]
fn quitting_gives_the_terminal_back_and_stderr_is_clean() {
    let Some(reader) = open_reader("quit", &[]) else {
        return;
    };
    reader.tmux.keys(&["q"]);
    assert_eq!(reader.exit_status(), "0");
    reader.assert_restored("q");
    reader.assert_stderr_clean();
}

#[test]
fn ctrl_z_suspends_and_the_reader_comes_back_drawn() {
    let Some(reader) = open_reader("suspend", &[]) else {
        return;
    };
    let tmux = &reader.tmux;
    for how in ["Ctrl-z", "SIGTSTP"] {
        if how == "Ctrl-z" {
            tmux.keys(&["C-z"]);
        } else {
            signal("TSTP", reader.pid);
        }
        // Stopped, with the terminal given back.
        tmux.wait_for("the normal screen", |t| {
            t.pane_format("#{alternate_on}") == "0"
        });
        assert_eq!(tmux.pane_format("#{cursor_flag}"), "1", "{how}");
        wait_until(how, || process_state(reader.pid) == Some('T'));
        signal("CONT", reader.pid);
        tmux.wait_for("the reader again", |t| {
            t.pane_format("#{alternate_on}") == "1" && t.capture().contains("Articles")
        });
        assert_eq!(tmux.pane_format("#{cursor_flag}"), "0", "{how}");
    }
    tmux.keys(&["q"]);
    assert_eq!(reader.exit_status(), "0");
    reader.assert_restored("after resuming");
}

/// The process state letter from /proc (T: stopped).
fn process_state(pid: u32) -> Option<char> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.trim_start().chars().next()
}

fn wait_until(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out: {what}"
        );
        sleep(Duration::from_millis(50));
    }
}

/// The terminal goes away without a SIGHUP reaching the reader (as under
/// `nohup`, or with the terminal not its controlling one): input ends, and
/// so does the reader, instead of reading end-of-input forever.
#[test]
fn the_reader_ends_when_its_terminal_goes_away() {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    use std::process::Stdio;

    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // Safety: valid out-pointers; the name and termios may be null.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(opened, 0, "openpty");
    for fd in [master, slave] {
        // Safety: plain fcntl on descriptors just opened. The reader must
        // not inherit them, or it would hold its own terminal open.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // Safety: openpty returned these descriptors, owned from here on.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let home = common::Home::new();
    let mut command = home.crossread();
    command
        .args(["--no-corrections", dir.path().to_str().unwrap()])
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(
            fs::File::create(dir.path().join("stderr.log")).unwrap(),
        ));
    // A session of its own with no controlling terminal: closing the pty
    // sends it no SIGHUP.
    // Safety: setsid is async-signal-safe.
    unsafe {
        command.pre_exec(|| {
            libc::setsid();
            Ok(())
        })
    };
    let mut child = command.spawn().unwrap();
    // Only the reader may hold the terminal now.
    drop(command);
    drop(slave);
    let mut screen = Vec::new();
    let mut master = fs::File::from(master);
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&screen).contains("Articles") {
        let n = master.read(&mut buf).unwrap();
        assert!(n > 0, "the pty closed before the reader drew");
        screen.extend_from_slice(&buf[..n]);
    }
    drop(master);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            panic!("the reader still runs after its terminal went away");
        }
        sleep(Duration::from_millis(50));
    };
    // It ends normally, or with an error about the lost terminal; not by
    // a panic.
    assert!(matches!(status.code(), Some(0 | 1)), "{status:?}");
    let said = fs::read_to_string(dir.path().join("stderr.log")).unwrap();
    assert!(!said.contains("panicked"), "{said}");
}

/// On a terminal the reader shows its progress; a failure replaces that
/// line instead of running on after "loading articles…".
#[test]
fn an_empty_folder_is_reported_on_a_clean_line() {
    let Some(tmux) = Tmux::start("empty") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    tmux.open(
        100,
        10,
        r#""$0" --no-corrections "$1"; echo "EXITED:$?"; sleep 60"#,
        &[
            env!("CARGO_BIN_EXE_crossread"),
            dir.path().to_str().unwrap(),
        ],
    );
    tmux.wait_for("the reader to exit", |t| t.capture().contains("EXITED:"));
    let screen = tmux.capture();
    let lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
    assert!(
        lines.contains(&"crossread: no article could be loaded"),
        "{screen}"
    );
    assert!(lines.contains(&"EXITED:1"), "{screen}");
}

/// clap quotes a bad argument in its error; on a terminal (where it prints
/// in colour) a hostile file name given by a shell glob must not act.
#[test]
fn a_hostile_argument_cannot_set_the_title() {
    let Some(tmux) = Tmux::start("argument") else {
        return;
    };
    tmux.open(
        100,
        10,
        r#""$0" extract "--format=$1"; echo "EXITED:$?"; sleep 60"#,
        &[env!("CARGO_BIN_EXE_crossread"), TITLE_ATTACK],
    );
    tmux.wait_for("the error", |t| t.capture().contains("EXITED:"));
    assert!(tmux.capture().contains("EXITED:2"), "{}", tmux.capture());
    assert!(
        !tmux.pane_format("#{pane_title}").contains("PWNED"),
        "the argument set the title"
    );
}

/// A family emoji (a ZWJ sequence) beside a flag, scrolled at 100x30: what
/// the terminal shows is every member and the flag, nothing lost or
/// misplaced (the layout and the terminal agree on widths).
#[test]
fn emoji_sequences_survive_a_scroll_whole() {
    let Some(tmux) = Tmux::start("emoji") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
    let flag = "\u{1F1FA}\u{1F1F8}";
    let mut text = String::from("Emoji test\n\n");
    for i in 0..60 {
        text.push_str(&format!(
            "Line {i} {family}{flag} Russia talks {flag}{family} end.\n"
        ));
    }
    fs::write(dir.path().join("emoji.txt"), text).unwrap();
    tmux.open_reader(100, 30, dir.path());
    tmux.wait_for("the reader", |t| t.capture().contains("Articles"));
    tmux.keys(&["Tab"]);
    for _ in 0..8 {
        tmux.keys(&["j"]);
    }
    tmux.wait_for("the scroll", |t| t.capture().contains("Line 9 "));
    let screen = tmux.capture();
    let shown = "\u{1F468}\u{1F469}\u{1F467}\u{1F466}";
    // The text's lines (the entity list may name "Line" too).
    for line in screen
        .lines()
        .filter(|l| l.contains("Line ") && l.contains(" end."))
    {
        assert!(
            line.matches(shown).count() == 2 && line.matches(flag).count() == 2,
            "{line}\n{screen}"
        );
        assert!(line.ends_with('┃') || line.ends_with('│'), "{line}");
    }
}
