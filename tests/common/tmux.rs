//! The real binary in a real terminal: a tmux server of a test's own, with
//! one pane whose screen and modes can be read back.

use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// A tmux server of one test's own, killed when the test ends.
pub struct Tmux {
    socket: String,
    /// The cache and data directories of what runs in it.
    home: super::Home,
}

impl Tmux {
    /// `None` (after saying so) when tmux is not installed and CI is not
    /// set; in CI a missing tmux is a failure.
    pub fn start(name: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            super::data::missing(name, "tmux is not installed");
            return None;
        }
        Some(Tmux {
            socket: format!("crossread-{name}-{}", std::process::id()),
            home: super::Home::new(),
        })
    }

    pub fn run(&self, args: &[&str]) -> Output {
        // The server starts with this environment, and its panes inherit it.
        Command::new("tmux")
            .envs(self.home.vars())
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("running tmux")
    }

    /// Starts `script` under `sh -c` in a pane named "t" of `width`x`height`,
    /// with `args` as $0, $1, ...
    pub fn open(&self, width: u16, height: u16, script: &str, args: &[&str]) {
        let (w, h) = (width.to_string(), height.to_string());
        let mut all = vec![
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &w,
            "-y",
            &h,
            "sh",
            "-c",
            script,
        ];
        all.extend_from_slice(args);
        let started = self.run(&all);
        assert!(
            started.status.success(),
            "{}",
            String::from_utf8_lossy(&started.stderr)
        );
    }

    pub fn capture(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    pub fn pane_format(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "t", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Opens the reader on `corpus` (without saving corrections) in a pane
    /// of `width`x`height` that stays open after it quits.
    pub fn open_reader(&self, width: u16, height: u16, corpus: &std::path::Path) {
        self.open(
            width,
            height,
            r#""$0" --no-corrections "$1"; sleep 60"#,
            &[env!("CARGO_BIN_EXE_crossread"), corpus.to_str().unwrap()],
        );
    }

    /// Polls until `done` holds, or fails after a while.
    pub fn wait_for(&self, what: &str, done: impl Fn(&Tmux) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}; screen:\n{}",
                self.capture()
            );
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}
