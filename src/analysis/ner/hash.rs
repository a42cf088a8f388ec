//! Hashing of words and feature templates to u64, without building strings.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Final mixing step (from MurmurHash3) so every bit of a key is usable.
#[inline]
pub fn fmix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// Combines a hash with one more value.
#[inline]
pub fn combine(h: u64, v: u64) -> u64 {
    fmix(h.rotate_left(27) ^ v.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// A feature key: template number and up to two values.
#[inline]
pub fn feature(template: u64, a: u64, b: u64) -> u64 {
    combine(combine(template, a), b)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x100_0000_01b3;

/// Incremental FNV-1a over bytes.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Fnv {
    #[inline]
    pub fn new() -> Fnv {
        Fnv(FNV_OFFSET)
    }
    #[inline]
    pub fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ b as u64).wrapping_mul(FNV_PRIME);
    }
    #[inline]
    pub fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }
    #[inline]
    pub fn char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.bytes(c.encode_utf8(&mut buf).as_bytes());
    }
    #[inline]
    pub fn finish(self) -> u64 {
        fmix(self.0)
    }
}

impl Default for Fnv {
    fn default() -> Self {
        Fnv::new()
    }
}

/// Hash of a string as written.
pub fn word_hash(word: &str) -> u64 {
    let mut h = Fnv::new();
    h.bytes(word.as_bytes());
    h.finish()
}

/// Hash of a string lower-cased, without allocating.
pub fn lower_hash(word: &str) -> u64 {
    let mut h = Fnv::new();
    for c in word.chars() {
        if c.is_ascii() {
            h.byte(c.to_ascii_lowercase() as u8);
        } else {
            for l in c.to_lowercase() {
                h.char(l);
            }
        }
    }
    h.finish()
}

/// Where [`phrase_hash`] starts; a phrase's hash grows word by word from it
/// with [`combine`], so callers can extend one phrase at a time.
pub const PHRASE_SEED: u64 = 0x5bd1_e995;

/// Hash of a sequence of lower-cased words (gazetteer phrases).
pub fn phrase_hash<'a>(words: impl IntoIterator<Item = &'a str>) -> u64 {
    words
        .into_iter()
        .fold(PHRASE_SEED, |h, w| combine(h, lower_hash(w)))
}

/// A hasher for keys that are already well-mixed u64 hashes.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_hash_ignores_case_only() {
        assert_eq!(lower_hash("Brussels"), lower_hash("BRUSSELS"));
        assert_eq!(lower_hash("Zürich"), lower_hash("ZÜRICH"));
        assert_ne!(lower_hash("Brussels"), lower_hash("Brussel"));
        assert_ne!(word_hash("Brussels"), word_hash("BRUSSELS"));
        assert_eq!(phrase_hash(["New", "York"]), phrase_hash(["new", "YORK"]));
        assert_ne!(phrase_hash(["New", "York"]), phrase_hash(["York", "New"]));
    }

    #[test]
    fn feature_keys_depend_on_template_and_values() {
        assert_ne!(feature(1, 2, 3), feature(2, 2, 3));
        assert_ne!(feature(1, 2, 3), feature(1, 3, 2));
    }
}
