//! The settings file as the program reads it: `--print-config`, the tagger
//! it chooses, and bad settings reported with file and line, never fatal.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use tempfile::TempDir;

fn crossread(config_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crossread"))
        .args(args)
        .env("CROSSREAD_CONFIG_DIR", config_dir)
        .env("CROSSREAD_DATA_DIR", config_dir.join("data"))
        .env("CROSSREAD_CACHE_DIR", config_dir.join("cache"))
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn printed_defaults_name_their_file_and_read_back_cleanly() {
    let dir = TempDir::new().unwrap();
    let printed = crossread(dir.path(), &["--print-config"]);
    assert!(printed.status.success());
    let file = text(&printed.stdout);
    let path = dir.path().join("config.toml");
    assert!(file.contains(&path.display().to_string()), "{file}");
    assert!(file.contains("[keys.normal]") && file.contains("tagger = \"hybrid\""));
    fs::write(&path, &file).unwrap();
    let run = crossread(dir.path(), &["extract", "--no-cache", "--no-corrections"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(
        !text(&run.stderr).contains("config.toml"),
        "{}",
        text(&run.stderr)
    );
}

#[test]
fn the_config_chooses_the_tagger_and_bad_lines_are_reported_not_fatal() {
    let dir = TempDir::new().unwrap();
    let extract = |extra: &[&str]| {
        let mut args = vec!["extract", "--no-cache", "--no-corrections"];
        args.extend_from_slice(extra);
        let out = crossread(dir.path(), &args);
        assert!(out.status.success(), "{}", text(&out.stderr));
        out
    };
    let rules = extract(&["--tagger", "rules"]).stdout;
    let hybrid = extract(&[]).stdout;
    assert_ne!(rules, hybrid, "the sample must tell the taggers apart");
    fs::write(
        dir.path().join("config.toml"),
        "[analysis]\ntagger = \"rules\"\nspeed = 11\n\n[keys.normal]\nquit = \"Hyper-q\"\n",
    )
    .unwrap();
    let configured = extract(&[]);
    assert_eq!(configured.stdout, rules);
    let stderr = text(&configured.stderr);
    let file = dir.path().join("config.toml").display().to_string();
    assert!(
        stderr.contains(&format!(
            "{file}:3: [analysis] has no setting `speed`; ignored"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{file}:6: [keys.normal] quit:")),
        "{stderr}"
    );
    // The command line wins over the file.
    assert_eq!(extract(&["--tagger", "hybrid"]).stdout, hybrid);
}
