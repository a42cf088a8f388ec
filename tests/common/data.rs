//! The research data sets live beside the checkout, in ../shared. A clone
//! without them still passes its tests: a test that needs one says it is
//! skipped, by name and with the reason. With CI=true a missing data set
//! (or tool) is a failure, because CI always has them.

use std::path::PathBuf;

/// `../shared/<relative>`, if it exists; otherwise reports `test` as
/// skipped (or fails under CI) and returns `None`.
pub fn shared(test: &str, relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(relative);
    if path.exists() {
        return Some(path);
    }
    missing(test, &format!("{} is missing", path.display()));
    None
}

/// Reports `test` as skipped because of `why`; under CI=true, fails.
pub fn missing(test: &str, why: &str) {
    if in_ci() {
        panic!("{test}: {why} (CI=true: required)");
    }
    // Written to stderr directly, not with eprintln!, which the test
    // harness captures: the skip shows in every run.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped {test}: {why}");
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}
