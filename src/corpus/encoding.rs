//! Bytes to text: which encoding a file is in, and its decoded text.
//!
//! The encoding is taken, in this order, from a byte-order mark (UTF-8,
//! UTF-16LE/BE), from the file's own declaration (the XML prolog's
//! `encoding=`, an HTML `<meta charset>` or `http-equiv` Content-Type),
//! from the bytes being valid UTF-8, from the NUL pattern of UTF-16
//! without a mark, and last from `chardetng`'s guess (the detector Firefox
//! uses for unlabelled pages). `encoding_rs` decodes.
//!
//! Offsets: a UTF-8 file is kept exactly as read (a leading BOM included),
//! so offsets are byte offsets into the file. Any other encoding is decoded
//! to UTF-8 without its BOM, and offsets are byte offsets into that decoded
//! text (for HTML and feeds they always were: into the extracted text).

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Where the encoding was found, for the reader of a load report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Bom,
    Declared,
    Utf8,
    Utf16Pattern,
    Detected,
}

impl Source {
    /// How the encoding was chosen, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Source::Bom => "from its byte-order mark",
            Source::Declared => "declared in the file",
            Source::Utf8 => "valid UTF-8",
            Source::Utf16Pattern => "UTF-16 or UTF-32 by its NUL bytes",
            Source::Detected => "detected",
        }
    }
}

/// A file's text and how it was decoded.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name as `encoding_rs` gives it ("UTF-8",
    /// "windows-1252"), or "UTF-32LE"/"UTF-32BE", which it does not read.
    pub encoding: &'static str,
    /// Whether every character is one byte (windows-1252, KOI8-R...).
    pub single_byte: bool,
    pub source: Source,
    /// How many U+FFFD replacement characters decoding introduced.
    pub replaced: usize,
    /// 1-based line of the first replacement, if any.
    pub first_replaced_line: Option<usize>,
}

/// What kind of declaration a file may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declarations {
    /// Plain text, Markdown, JSON: none (BOM, UTF-8 or detection only).
    None,
    /// XML feeds: the XML prolog.
    Xml,
    /// HTML pages: an XML prolog (XHTML) or a `<meta>` charset.
    Html,
}

/// How far into a file a declaration is looked for.
const PRESCAN_BYTES: usize = 4096;

/// Decodes `bytes`, never failing: bytes that do not decode become U+FFFD
/// and are counted in [`Decoded::replaced`].
pub fn decode(bytes: Vec<u8>, declarations: Declarations) -> Decoded {
    if let Some((big_endian, skip, source)) = utf32(&bytes) {
        return utf32_decode(&bytes[skip..], big_endian, source);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        if encoding == UTF_8 {
            return utf8(bytes, Source::Bom);
        }
        return with(encoding, &bytes[bom_len..], Source::Bom);
    }
    if let Some(encoding) = utf16_pattern(&bytes) {
        return with(encoding, &bytes, Source::Utf16Pattern);
    }
    let declared = match declarations {
        Declarations::None => None,
        Declarations::Xml => xml_declared(&bytes),
        Declarations::Html => xml_declared(&bytes).or_else(|| meta_declared(&bytes)),
    };
    if let Some(encoding) = declared {
        // Valid UTF-8 with non-ASCII characters is UTF-8 whatever the file
        // says: legacy text almost never happens to be valid UTF-8, and
        // pages saved or converted keep their old declaration.
        if (encoding == UTF_8 || !bytes.is_ascii()) && std::str::from_utf8(&bytes).is_ok() {
            let source = if encoding == UTF_8 {
                Source::Declared
            } else {
                Source::Utf8
            };
            return utf8(bytes, source);
        }
        let decoded = with(encoding, &bytes, Source::Declared);
        if decoded.replaced == 0 {
            return decoded;
        }
        // UTF-8 that also holds valid multi-byte characters is UTF-8 with
        // stray bytes; otherwise the declaration is wrong, and a guess that
        // decodes cleanly beats it.
        let mixed_utf8 = encoding == UTF_8
            && decoded
                .text
                .chars()
                .any(|c| !c.is_ascii() && c != char::REPLACEMENT_CHARACTER && c != '\u{feff}');
        if mixed_utf8 {
            return decoded;
        }
        let guessed = detect(&bytes);
        return if guessed.replaced == 0 {
            guessed
        } else {
            decoded
        };
    }
    if std::str::from_utf8(&bytes).is_ok() {
        return utf8(bytes, Source::Utf8);
    }
    detect(&bytes)
}

/// chardetng's guess over the whole file, then decoding with it.
fn detect(bytes: &[u8]) -> Decoded {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Allow);
    with(encoding, bytes, Source::Detected)
}

/// UTF-8 kept exactly as read when valid (BOM and all); lossy otherwise.
fn utf8(bytes: Vec<u8>, source: Source) -> Decoded {
    match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            encoding: UTF_8.name(),
            single_byte: false,
            source,
            replaced: 0,
            first_replaced_line: None,
        },
        Err(e) => with(UTF_8, e.as_bytes(), source),
    }
}

fn with(encoding: &'static Encoding, bytes: &[u8], source: Source) -> Decoded {
    let (text, had_errors): (Cow<str>, bool) = encoding.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    let (replaced, first_replaced_line) = if had_errors {
        replacements(&text)
    } else {
        (0, None)
    };
    Decoded {
        text,
        encoding: encoding.name(),
        single_byte: encoding.is_single_byte(),
        source,
        replaced,
        first_replaced_line,
    }
}

/// UTF-32 by its byte-order mark or by a first character that is ASCII:
/// (big-endian, bytes to skip, how it was found).
fn utf32(bytes: &[u8]) -> Option<(bool, usize, Source)> {
    let head = bytes.get(..4)?;
    match head {
        [0, 0, 0xfe, 0xff] => Some((true, 4, Source::Bom)),
        [0xff, 0xfe, 0, 0] => Some((false, 4, Source::Bom)),
        [0, 0, 0, c] if c.is_ascii() && *c != 0 => Some((true, 0, Source::Utf16Pattern)),
        [c, 0, 0, 0]
            if c.is_ascii() && *c != 0 && bytes.get(4..8).is_some_and(|n| n[1..] == [0, 0, 0]) =>
        {
            Some((false, 0, Source::Utf16Pattern))
        }
        _ => None,
    }
}

/// UTF-32, which `encoding_rs` does not decode (browsers dropped it).
fn utf32_decode(bytes: &[u8], big_endian: bool, source: Source) -> Decoded {
    let mut text = String::with_capacity(bytes.len() / 4);
    let mut replaced = 0;
    for unit in bytes.chunks(4) {
        let value = <[u8; 4]>::try_from(unit).ok().map(|b| {
            if big_endian {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            }
        });
        match value.and_then(char::from_u32) {
            Some(c) => text.push(c),
            None => {
                replaced += 1;
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    let first_replaced_line = (replaced > 0).then(|| replacements(&text).1).flatten();
    Decoded {
        text,
        encoding: if big_endian { "UTF-32BE" } else { "UTF-32LE" },
        single_byte: false,
        source,
        replaced,
        first_replaced_line,
    }
}

fn replacements(text: &str) -> (usize, Option<usize>) {
    let count = text.matches(char::REPLACEMENT_CHARACTER).count();
    let line = text
        .find(char::REPLACEMENT_CHARACTER)
        .map(|at| text[..at].matches('\n').count() + 1);
    (count, line)
}

/// UTF-16 without a byte-order mark, told by its NUL bytes: most ASCII
/// characters leave one byte of each pair zero.
fn utf16_pattern(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES) & !1];
    if head.len() < 4 {
        return None;
    }
    if head.starts_with(b"<\0?\0") {
        return Some(UTF_16LE);
    }
    if head.starts_with(b"\0<\0?") {
        return Some(UTF_16BE);
    }
    let pairs = head.len() / 2;
    let even_zero = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // Text in UTF-16 has zero high bytes on most characters and almost
    // no zero low bytes; a binary file has zeros on both sides.
    if odd_zero * 10 >= pairs * 7 && even_zero * 20 <= pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The label of an encoding, found after `charset`/`encoding` and `=`.
fn label_after(text: &[u8]) -> Option<&'static Encoding> {
    let mut rest = text.trim_ascii_start();
    rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let quoted = matches!(rest.first(), Some(b'"' | b'\''));
    if quoted {
        rest = &rest[1..];
    }
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

/// The XML prolog's `encoding=` when the file starts with one.
fn xml_declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let start = head.trim_ascii_start();
    if !start.starts_with(b"<?xml") {
        return None;
    }
    let end = start.windows(2).position(|w| w == b"?>")?;
    let prolog = &start[..end];
    let at = find(prolog, b"encoding")?;
    let encoding = label_after(&prolog[at + b"encoding".len()..])?;
    // A prolog read as ASCII cannot be UTF-16, whatever it says.
    Some(ascii_compatible(encoding))
}

/// The charset of the first `<meta>` that names one, in the page's head.
fn meta_declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(PRESCAN_BYTES)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&head[from..], b"<meta") {
        let tag_start = from + at;
        let tag_end = head[tag_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| tag_start + e);
        let tag = &head[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset")
            && let Some(encoding) = label_after(&tag[c + b"charset".len()..])
        {
            return Some(ascii_compatible(encoding));
        }
        from = tag_end;
    }
    None
}

/// What a declaration read from ASCII bytes means: a UTF-16 label there
/// is wrong, and browsers take UTF-8 instead.
fn ascii_compatible(encoding: &'static Encoding) -> &'static Encoding {
    encoding.output_encoding()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8], declarations: Declarations) -> (&'static str, String) {
        let d = decode(bytes.to_vec(), declarations);
        (d.encoding, d.text)
    }

    #[test]
    fn byte_order_marks() {
        let (enc, text) = name("\u{feff}Caf\u{e9}".as_bytes(), Declarations::None);
        assert_eq!(
            (enc, text.as_str()),
            ("UTF-8", "\u{feff}Café"),
            "UTF-8 kept as read"
        );
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Café".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(name(&le, Declarations::None), ("UTF-16LE", "Café".into()));
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("Café".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(name(&be, Declarations::None), ("UTF-16BE", "Café".into()));
    }

    #[test]
    fn utf16_without_a_mark() {
        let xml = "<?xml version=\"1.0\"?><rss/>";
        let le: Vec<u8> = xml.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(name(&le, Declarations::Xml), ("UTF-16LE", xml.into()));
        let text = "Plain text in UTF-16, big-endian, with no mark at all.";
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(name(&be, Declarations::None), ("UTF-16BE", text.into()));
    }

    #[test]
    fn utf32_with_and_without_a_mark() {
        let xml = "<?xml version=\"1.0\"?><rss>Zürich</rss>";
        let be: Vec<u8> = xml.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
        assert_eq!(name(&be, Declarations::Xml), ("UTF-32BE", xml.into()));
        let le: Vec<u8> = [0xff, 0xfe, 0, 0]
            .into_iter()
            .chain(xml.chars().flat_map(|c| (c as u32).to_le_bytes()))
            .collect();
        assert_eq!(name(&le, Declarations::Xml), ("UTF-32LE", xml.into()));
        let mut broken = be.clone();
        broken.extend([0x7f, 0, 0, 0, 0]);
        let d = decode(broken, Declarations::Xml);
        assert_eq!(d.replaced, 2, "an impossible code point and a cut-off unit");
    }

    #[test]
    fn declarations() {
        let xml = b"<?xml version='1.0' encoding='ISO-8859-1'?><rss>caf\xe9</rss>";
        assert_eq!(
            name(xml, Declarations::Xml),
            (
                "windows-1252",
                "<?xml version='1.0' encoding='ISO-8859-1'?><rss>café</rss>".into()
            )
        );
        let koi8 = b"<?xml version=\"1.0\" encoding=\"koi8-r\"?><a>\xf0\xd2\xc9\xd7\xc5\xd4</a>";
        assert!(name(koi8, Declarations::Xml).1.contains("Привет"));
        let meta = b"<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Shift_JIS\"></head>\x93\xfa\x96\x7b";
        assert_eq!(name(meta, Declarations::Html).0, "Shift_JIS");
        assert!(name(meta, Declarations::Html).1.ends_with("日本"));
        let meta5 = b"<meta charset=euc-kr><p>\xc7\xd1\xb1\xb9";
        assert_eq!(
            name(meta5, Declarations::Html),
            ("EUC-KR", "<meta charset=euc-kr><p>한국".into())
        );
        let utf16_label = b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss/>";
        assert_eq!(
            name(utf16_label, Declarations::Xml).0,
            "UTF-8",
            "ASCII bytes are not UTF-16"
        );
        let saved = "<meta charset=\"iso-8859-1\"><p>Café in Zürich".as_bytes();
        assert_eq!(
            name(saved, Declarations::Html),
            (
                "UTF-8",
                "<meta charset=\"iso-8859-1\"><p>Café in Zürich".into()
            ),
            "valid UTF-8 beats a stale declaration"
        );
        let unknown = b"<?xml version=\"1.0\" encoding=\"x-bogus\"?><rss>ok</rss>";
        assert_eq!(name(unknown, Declarations::Xml).0, "UTF-8");
        // Declarations only count where the format has them.
        assert_eq!(
            name(b"<meta charset=koi8-r> plain", Declarations::None).0,
            "UTF-8"
        );
    }

    #[test]
    fn undeclared_legacy_text_is_detected() {
        let latin = "Le café de la gare était fermé, après la grève générale des cheminots.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(latin);
        assert_eq!(
            name(&bytes, Declarations::None),
            ("windows-1252", latin.into())
        );
        let russian = "Министр иностранных дел России заявил в среду, что переговоры продолжатся.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        assert_eq!(
            name(&bytes, Declarations::None),
            ("windows-1251", russian.into())
        );
        let japanese = "東京で開かれた会議で、外務大臣は交渉を続けると述べた。";
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(japanese);
        assert_eq!(
            name(&bytes, Declarations::None),
            ("Shift_JIS", japanese.into())
        );
    }

    #[test]
    fn bad_bytes_are_counted() {
        let d = decode(
            b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a>\xff\xfe \xc3\xa9t\xc3\xa9</a>"
                .to_vec(),
            Declarations::Xml,
        );
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, 2);
        assert_eq!(d.first_replaced_line, Some(2));
        let clean = decode(b"all ascii".to_vec(), Declarations::None);
        assert_eq!((clean.replaced, clean.source), (0, Source::Utf8));
    }
}
