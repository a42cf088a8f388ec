//! Fingerprints the code that turns files into analyses (src/corpus,
//! src/analysis) and the assets it reads, so that the corpus store can tell
//! an analysis made by other code from one made by this build.

use std::fs;
use std::path::Path;

fn main() {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for dir in [
        "src/corpus",
        "src/analysis",
        "assets/model",
        "assets/lexicon",
    ] {
        println!("cargo:rerun-if-changed={dir}");
        let mut files = Vec::new();
        collect(Path::new(dir), &mut files);
        files.sort();
        for file in files {
            for byte in file
                .as_bytes()
                .iter()
                .chain(&fs::read(&file).unwrap_or_default())
            {
                // FNV-1a, 64 bits.
                hash ^= u64::from(*byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    println!("cargo:rustc-env=CROSSREAD_ANALYSER_FINGERPRINT={hash:016x}");
}

fn collect(dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path.to_string_lossy().into_owned());
        }
    }
}
