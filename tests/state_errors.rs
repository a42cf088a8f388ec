//! What is said when the user's state cannot be kept: in full, naming what
//! is wrong, and nothing else is refused.

use std::fs;
use std::process::Command;

#[test]
fn a_data_directory_that_is_a_file_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data");
    fs::write(&file, "a file").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_crossread"))
        .args(["extract", "--no-cache", "--tagger", "rules"])
        .env("CROSSREAD_DATA_DIR", &file)
        .env("CROSSREAD_CONFIG_DIR", dir.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "the data directory {} is not a directory",
            file.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("cannot read"), "{stderr}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "a file");
}
