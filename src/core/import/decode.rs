//! Turning a file's bytes into clean text: encoding detection, binary
//! detection, line endings and control characters.

use encoding_rs::Encoding;

/// Text decoded from a file, with the name of the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, line endings normalized to `\n`, control characters removed.
    pub text: String,
    /// The encoding's name as encoding_rs spells it (`UTF-8`, `UTF-16LE`,
    /// `windows-1251`, …).
    pub encoding: String,
    /// Notes about repairs made while decoding.
    pub warnings: Vec<String>,
}

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// No bytes, or only whitespace.
    Empty,
    /// Binary content; the string says what kind.
    Binary(String),
}

/// Magic numbers of common non-text files users drop by mistake.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (also .docx, .odt)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"{\\rtf", "RTF document"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"RIFF", "RIFF media (WAV, AVI, WebP)"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"SQLite format 3\0", "SQLite database"),
];

/// Decodes a transcript file's bytes.
///
/// Byte-order marks decide first (UTF-8, UTF-16 LE/BE); then valid UTF-8 is
/// taken as such; anything else goes to a legacy-encoding detector
/// (Windows-1251 Cyrillic, Windows-1252/Latin-1, Windows-1254 Turkish, …).
/// Files that look binary are refused rather than decoded into garbage.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    let mut warnings = Vec::new();
    let (encoding, body) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        (enc, &bytes[bom_len..])
    } else {
        if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
            // "MZ" and "RIFF" are short; only trust them with binary content.
            if !(kind.starts_with("Windows executable") || kind.starts_with("RIFF")) || looks_binary(bytes) {
                return Err(DecodeError::Binary((*kind).to_string()));
            }
        }
        if let Some(enc) = utf16_without_bom(bytes) {
            warnings.push(format!("no byte-order mark; decoded as {}", enc.name()));
            (enc, bytes)
        } else if looks_binary(bytes) {
            return Err(DecodeError::Binary("binary data".to_string()));
        } else if std::str::from_utf8(bytes).is_ok() {
            (encoding_rs::UTF_8, bytes)
        } else {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
            (guess, bytes)
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        warnings.push(format!("some bytes are not valid {}; they were replaced with \u{FFFD}", encoding.name()));
    }
    let text = clean_text(&text, &mut warnings);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded { text, encoding: encoding.name().to_string(), warnings })
}

/// True when the sample looks like binary rather than text: many NUL bytes or
/// other control bytes that text never contains.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    // Without branches (`&`, not `&&`) and in bytes, 255 at a time, so that
    // the count is vectorized 16 bytes per step: it reads most of every file.
    let suspicious: usize = sample
        .chunks(255)
        .map(|chunk| {
            let count = chunk.iter().fold(0u8, |n, &b| {
                n + u8::from((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0c) & (b != 0x1a))
            });
            usize::from(count)
        })
        .sum();
    suspicious * 10 > sample.len()
}

/// Recognizes UTF-16 text saved without a byte-order mark: every other byte
/// is NUL in ASCII-heavy text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let other_zero = |n: usize| n * 20 < pairs;
    if odd_nul * 10 > pairs * 7 && other_zero(even_nul) {
        Some(encoding_rs::UTF_16LE)
    } else if even_nul * 10 > pairs * 7 && other_zero(odd_nul) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Normalizes line endings (CRLF and CR to LF), turns form feeds into blank
/// lines, and removes NUL and other control characters, saying so.
fn clean_text(text: &str, warnings: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut removed = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Copy the run of bytes that cannot start anything to change: ASCII
        // other than control characters, and lead bytes of characters that
        // are never changed (every one changed starts with a control byte,
        // 0xC2 (C1 controls), 0xE2 (line and paragraph separators) or 0xEF
        // (the byte-order mark)).
        let run = unchanged_run_end(bytes, i);
        out.push_str(&text[i..run]);
        i = run;
        let Some(c) = text[i..].chars().next() else { break };
        i += c.len_utf8();
        if c == '\r' {
            if bytes.get(i) == Some(&b'\n') {
                i += 1;
            }
            out.push('\n');
        } else if !push_cleaned(&mut out, c) {
            removed += 1;
        }
    }
    if removed > 0 {
        warnings.push(format!("removed {removed} control character(s) (NUL or similar)"));
    }
    out
}

/// Appends what `clean_text` makes of `c`, any character but a carriage
/// return (whose line feed, if any, follows it): line and paragraph breaks
/// as line feeds, the character itself, or nothing (returning false) for a
/// control character or a byte-order mark.
fn push_cleaned(out: &mut String, c: char) -> bool {
    match c {
        '\n' | '\t' => out.push(c),
        '\u{0c}' | '\u{2029}' => out.push_str("\n\n"),
        '\u{2028}' => out.push('\n'),
        '\u{feff}' => return false,
        c if c.is_control() => return false,
        c => out.push(c),
    }
    true
}

/// True for a byte that may start a character `clean_text` changes.
fn may_change(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t') || matches!(b, 0x7f | 0xc2 | 0xe2 | 0xef)
}

/// Where the run of bytes from `from` that `clean_text` copies unchanged
/// ends: at the first byte that [`may_change`], or at the end. Eight bytes
/// are looked at at once (most text has no such byte for hundreds of bytes;
/// one at a time this scan was a large part of decoding).
fn unchanged_run_end(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // The high bit of every byte of `v` that is zero (and perhaps of some
    // after it): nonzero exactly when `v` has a zero byte.
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let mut i = from;
    let rest = bytes.get(from..).unwrap_or(&[]);
    for chunk in rest.chunks_exact(8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_ne_bytes(word);
        // Bytes below 0x20 (line feeds and tabs too: checked one by one).
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        let special = [0x7f_u64, 0xc2, 0xe2, 0xef].iter().fold(control, |acc, &b| acc | zero_bytes(x ^ (ONES * b)));
        if special != 0
            && let Some(k) = chunk.iter().position(|&b| may_change(b))
        {
            return i + k;
        }
        i += 8;
    }
    bytes.get(i..).unwrap_or(&[]).iter().position(|&b| may_change(b)).map_or(bytes.len(), |k| i + k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::Strategy;

    /// The rules of `clean_text` applied the obvious way, to check the
    /// run-copying version against: line endings first, then one character
    /// at a time (the rule for one character, `push_cleaned`, is shared).
    fn clean_text_by_char(text: &str) -> (String, usize) {
        let mut out = String::new();
        let mut removed = 0;
        for c in text.replace("\r\n", "\n").replace('\r', "\n").chars() {
            if !push_cleaned(&mut out, c) {
                removed += 1;
            }
        }
        (out, removed)
    }

    proptest::proptest! {
        #[test]
        fn cleaning_copies_runs_but_changes_the_same_characters(
            parts in proptest::collection::vec(proptest::prop_oneof![
                proptest::string::string_regex("[a-zA-Zа-яİıšé’“” .,]{0,12}").unwrap(),
                proptest::sample::select(vec![
                    "\r", "\r\n", "\n", "\t", "\u{0c}", "\u{2028}", "\u{2029}", "\u{feff}", "\u{0}",
                    "\u{7f}", "\u{85}", "\u{9f}", "\u{a0}", "\u{2019}", "\u{20ac}", "\u{fffd}", "\u{ef}",
                ]).prop_map(String::from),
            ], 0..40)
        ) {
            let text: String = parts.concat();
            let mut warnings = Vec::new();
            let fast = clean_text(&text, &mut warnings);
            let (slow, removed) = clean_text_by_char(&text);
            proptest::prop_assert_eq!(&fast, &slow);
            proptest::prop_assert_eq!(warnings.is_empty(), removed == 0);
        }
    }

    proptest::proptest! {
        #[test]
        fn run_end_is_the_first_byte_that_may_change(
            bytes in proptest::collection::vec(proptest::prop_oneof![
                3 => 0x20u8..0x7f,
                1 => proptest::num::u8::ANY,
            ], 0..80),
            from in 0usize..90,
        ) {
            let naive = bytes.iter().enumerate().skip(from).find(|(_, b)| may_change(**b)).map_or(bytes.len(), |(k, _)| k);
            proptest::prop_assert_eq!(unchanged_run_end(&bytes, from), naive);
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("Merhaba İstanbul, ışık, şeker, dağ".as_bytes()).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "Merhaba İstanbul, ışık, şeker, dağ");
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice("Привет".as_bytes());
        let d = decode(&bom).unwrap();
        assert_eq!(d.text, "Привет");
    }

    #[test]
    fn utf16_both_orders_with_bom_and_le_without() {
        let s = "Добрый день, İzmir";
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        let mut bare = Vec::new();
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
            bare.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, s);
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
        assert_eq!(decode(&be).unwrap().text, s);
        // Without BOM only ASCII-heavy text is recognizable.
        let ascii = "Hello there, general remarks on policy.";
        let bare: Vec<u8> = ascii.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&bare).unwrap().text, ascii);
    }

    #[test]
    fn legacy_cyrillic_and_turkish() {
        let ru = "Министр иностранных дел Российской Федерации выступил с речью о международной безопасности и сотрудничестве.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(ru);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1251");
        assert_eq!(d.text, ru);
        let tr = "Dışişleri Bakanı bugün İstanbul'da yaptığı konuşmada güvenlik işbirliğinin önemini vurguladı ve şunları söyledi.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1254.encode(tr);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1254");
        assert_eq!(d.text, tr);
    }

    #[test]
    fn line_endings_and_controls() {
        let d = decode(b"First line\r\nsecond line\rthird\0 line\x07 ends here.").unwrap();
        assert_eq!(d.text, "First line\nsecond line\nthird line ends here.");
        assert!(d.warnings.iter().any(|w| w.contains("2 control")));
    }

    #[test]
    fn empty_and_binary() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t\r\n"), Err(DecodeError::Empty));
        assert!(matches!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(DecodeError::Binary(k)) if k == "PNG image"));
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(decode(&noise), Err(DecodeError::Binary(_))));
    }
}
