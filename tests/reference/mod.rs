//! Running `crossread extract` and the reference scripts of ../shared/tools
//! on its output.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The shared data and tools beside the checkout.
pub fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// An extraction written to a file, kept as long as this value lives.
pub struct Extraction {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

/// Runs `crossread extract --format json --no-corrections` with `args`
/// (corrections a user saved must not change a reference check); panics
/// with its stderr if it fails.
pub fn extract_json(args: &[&std::ffi::OsStr]) -> Extraction {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_crossread"))
        .args(["extract", "--format", "json", "--no-corrections"])
        .args(args)
        .env("CROSSREAD_CACHE_DIR", dir.path().join("cache"))
        .env("CROSSREAD_DATA_DIR", dir.path().join("data"))
        .output()
        .expect("run crossread extract");
    assert!(
        output.status.success(),
        "extract failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let path = dir.path().join("extraction.json");
    std::fs::write(&path, &output.stdout).unwrap();
    Extraction { _dir: dir, path }
}

/// Runs `python3 ../shared/tools/<script>` with `args`.
pub fn reference_tool(script: &str, args: &[&Path]) -> Output {
    Command::new("python3")
        .arg(shared().join("tools").join(script))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run python3 {script}: {e}"))
}
