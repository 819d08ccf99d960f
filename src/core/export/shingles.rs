//! Shingles: each document's n-grams as stable 64-bit hashes, with its
//! metadata, written as JSON Lines (one object per document) for an engine
//! that spreads a corpus over many machines (Apache Spark, DataFusion,
//! DuckDB). Grouping the lines of every machine by hash gives the n-grams
//! two documents share, with their documents: the first step of finding
//! recurring phrases, the step that needs the whole corpus at once.
//!
//! The words are the phrase engine's: the transcript's word ranges found
//! at import, each normalized by [`normalize_into`] under the language its
//! tags give ([`Language::from_tags`]): lowercase, apostrophes and hyphens
//! unified, `ё` folded, Turkish `I`/`İ` by Turkish rules. So an n-gram two
//! documents share here is one the phrase engine finds shared in its
//! default matching mode (words, not stems; numbers kept).
//!
//! The hash of an n-gram ([`ngram_hash`]) is 64-bit FNV-1a over the UTF-8
//! bytes of its normalized words joined by single spaces (U+0020, which is
//! never part of a word): `"the state of the union"` hashes to the same
//! value on every run, machine and version, and any language can compute
//! it again in a few lines. In JSON each hash is the signed 64-bit integer
//! with the same bits (`hash as i64`), so readers that type integers as
//! signed 64-bit (Spark's `LongType`, DuckDB's `BIGINT`) read it exactly;
//! the unsigned value is that number modulo 2^64.
//!
//! Each line holds, by default, the document's distinct n-gram hashes in
//! ascending (signed) order: a set, which is all that grouping documents by
//! n-gram needs, and the smallest output. With positions, every n-gram is
//! listed in text order, repeats included, with the byte range in the body
//! of its first and last word, so a result can be traced back to the text.

use std::path::Path;

use chrono::Datelike;
use rayon::prelude::*;
use serde::Serialize;

use crate::core::text::transcript::Transcript;
use crate::core::text::{Language, normalize_into};

/// The n-gram length used when none is given: the phrase engine's
/// shortest phrase by default.
pub const DEFAULT_SHINGLE_WORDS: usize = 5;

/// FNV-1a's 64-bit offset basis.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's 64-bit prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// What `refrain shingles` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShingleOptions {
    /// Words per n-gram (at least 1).
    pub words: usize,
    /// List every n-gram in text order with its byte range, instead of the
    /// set of distinct hashes.
    pub positions: bool,
}

impl Default for ShingleOptions {
    fn default() -> Self {
        ShingleOptions { words: DEFAULT_SHINGLE_WORDS, positions: false }
    }
}

/// 64-bit FNV-1a of `bytes`: a hash defined by two constants and one loop,
/// the same everywhere (std's hasher is seeded at random per process).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// The hash of an n-gram given as its normalized words joined by single
/// spaces (`"the state of the union"`).
pub fn ngram_hash(joined_words: &str) -> u64 {
    fnv1a64(joined_words.as_bytes())
}

/// One n-gram of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shingle {
    /// [`ngram_hash`] of its normalized words.
    pub hash: u64,
    /// Byte offset in the body of its first word.
    pub start_byte: u32,
    /// Byte offset in the body after its last word.
    pub end_byte: u32,
}

/// Every n-gram of `words` words of the transcript, in text order, repeats
/// included; none when it has fewer words.
pub fn shingles(t: &Transcript, words: usize) -> Vec<Shingle> {
    let n = words.max(1);
    let ranges = t.word_ranges();
    if ranges.len() < n {
        return Vec::new();
    }
    let language = Language::from_tags(&t.languages);
    // The normalized words end to end, separated by single spaces, and
    // where each ends in that text: an n-gram is then one slice of it.
    let mut joined = String::with_capacity(t.body.len());
    let mut ends = Vec::with_capacity(ranges.len());
    let mut scratch = String::new();
    for (s, e) in ranges.iter() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        normalize_into(t.body.get(s as usize..e as usize).unwrap_or(""), language, &mut scratch);
        joined.push_str(&scratch);
        ends.push(joined.len());
    }
    let starts = |k: usize| if k == 0 { 0 } else { ends[k - 1] + 1 };
    let bytes = ranges.to_vec();
    (0..=ranges.len() - n)
        .map(|k| Shingle {
            hash: ngram_hash(joined.get(starts(k)..ends[k + n - 1]).unwrap_or("")),
            start_byte: bytes[k].0,
            end_byte: bytes[k + n - 1].1,
        })
        .collect()
}

/// One line of the output: a document's metadata and its n-grams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShingleRecord<'a> {
    /// The file it was read from.
    pub path: String,
    /// Its title.
    pub title: &'a str,
    /// Its date, `YYYY-MM-DD`, or null.
    pub date: Option<String>,
    /// How much of the date is known: `day`, `month` or `year` (null
    /// without a date).
    pub date_precision: Option<&'static str>,
    /// Who gave the speech, when known.
    pub speaker: Option<&'a str>,
    /// Where, when known.
    pub place: Option<&'a str>,
    /// The language tags the file lists (`en-GB`), which choose the
    /// normalization rules.
    pub languages: &'a [String],
    /// Words in the body.
    pub words: usize,
    /// Words per n-gram.
    pub n: usize,
    /// The n-grams' hashes as signed 64-bit integers: the distinct ones in
    /// ascending order, or with positions every one in text order.
    pub hashes: Vec<i64>,
    /// With positions: byte offset in the body of each n-gram's first word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_bytes: Option<Vec<u32>>,
    /// With positions: byte offset after each n-gram's last word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_bytes: Option<Vec<u32>>,
}

/// `YYYY-MM-DD`, without a format string parsed per call.
fn iso_date(d: chrono::NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// The output line of one transcript.
pub fn shingle_record<'a>(t: &'a Transcript, options: &ShingleOptions) -> ShingleRecord<'a> {
    let all = shingles(t, options.words);
    let (hashes, start_bytes, end_bytes) = if options.positions {
        (
            all.iter().map(|s| s.hash as i64).collect(),
            Some(all.iter().map(|s| s.start_byte).collect()),
            Some(all.iter().map(|s| s.end_byte).collect()),
        )
    } else {
        let mut hashes: Vec<i64> = all.iter().map(|s| s.hash as i64).collect();
        hashes.sort_unstable();
        hashes.dedup();
        (hashes, None, None)
    };
    ShingleRecord {
        path: display(&t.path),
        title: &t.title,
        date: t.date.map(|d| iso_date(d.date)),
        date_precision: t.date.map(|d| d.precision.as_str()),
        speaker: t.speaker.as_deref(),
        place: t.place.as_deref(),
        languages: &t.languages,
        words: t.words,
        n: options.words.max(1),
        hashes,
        start_bytes,
        end_bytes,
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// What [`shingles_jsonl`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ShingleCounts {
    /// Lines, one per document.
    pub documents: usize,
    /// Hashes written over all lines.
    pub hashes: usize,
}

/// The JSON Lines of `transcripts`, one line per document in their order
/// (documents are hashed in parallel), and what they hold.
pub fn shingles_jsonl(
    transcripts: &[Transcript],
    options: &ShingleOptions,
) -> serde_json::Result<(Vec<u8>, ShingleCounts)> {
    let lines: Vec<(Vec<u8>, usize)> = transcripts
        .par_iter()
        .map(|t| {
            let record = shingle_record(t, options);
            let mut line = serde_json::to_vec(&record)?;
            line.push(b'\n');
            Ok((line, record.hashes.len()))
        })
        .collect::<serde_json::Result<_>>()?;
    let mut out = Vec::with_capacity(lines.iter().map(|(l, _)| l.len()).sum());
    let mut counts = ShingleCounts { documents: lines.len(), hashes: 0 };
    for (line, hashes) in lines {
        out.extend_from_slice(&line);
        counts.hashes += hashes;
    }
    Ok((out, counts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::phrases::PhraseIndex;

    fn transcript(text: &str, languages: &[&str]) -> Transcript {
        let mut t = Transcript::from_text("a.txt", "A", text);
        t.languages = languages.iter().map(|s| s.to_string()).collect();
        t
    }

    fn hashes(text: &str, languages: &[&str], n: usize) -> Vec<u64> {
        shingles(&transcript(text, languages), n).iter().map(|s| s.hash).collect()
    }

    #[test]
    fn fnv1a_gives_the_published_values() {
        // The FNV reference test vectors.
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn an_ngram_hashes_to_the_same_value_on_every_run() {
        // Pinned: a change here changes every file ever written.
        assert_eq!(ngram_hash("the state of the union"), 0x5cb8_53a6_5a55_50da);
        let [h] = hashes("The State of the Union", &[], 5)[..] else { panic!() };
        assert_eq!(h, ngram_hash("the state of the union"));
    }

    #[test]
    fn case_punctuation_and_apostrophe_variants_hash_alike() {
        let plain = hashes("we hold russia's people dear", &[], 5);
        assert_eq!(plain.len(), 1);
        for variant in [
            "We HOLD Russia’s people, dear!",
            "\"we hold — russia‘s people dear\"",
            "We\nhold\n\nRUSSIA'S people; dear.",
        ] {
            assert_eq!(hashes(variant, &[], 5), plain, "{variant}");
        }
        // Hyphenated words stay one word, with Unicode hyphens unified.
        assert_eq!(hashes("a well\u{2010}known fact", &[], 3), hashes("a well-known fact", &[], 3));
        assert_ne!(hashes("a well-known fact", &[], 3), hashes("a well known fact", &[], 3));
        // ё folds to е; Turkish I is ı only under a Turkish tag.
        assert_eq!(hashes("ЕЩЁ РАЗ", &[], 2), vec![ngram_hash("еще раз")]);
        assert_eq!(hashes("ISPARTA İli", &["tr-TR"], 2), vec![ngram_hash("ısparta ili")]);
        assert_eq!(hashes("ISPARTA İli", &["en"], 2), vec![ngram_hash("isparta ili")]);
    }

    #[test]
    fn the_words_are_the_phrase_engines_words() {
        let texts = [
            ("The Union’s state is STRONG, and the well-known Union endures.", vec![]),
            ("ИСПАРТА, ещё раз: İstanbul ve Işık 1,000 kez", vec!["tr"]),
            ("Ещё раз — «Россия» и 3.5 процента; don't", vec!["ru-RU"]),
            ("二十一世纪 the 中国 people’s choice", vec![]),
        ];
        let ts: Vec<Transcript> = texts.iter().map(|(text, langs)| transcript(text, langs)).collect();
        let mut index = PhraseIndex::new();
        let ids = index.add_all(&ts);
        for (t, id) in ts.iter().zip(ids) {
            let doc = index.doc(id).unwrap();
            let words: Vec<&str> = doc.ids.iter().map(|w| index.vocabulary().word(w)).collect();
            for n in [1, 2, 3] {
                let expected: Vec<u64> = words.windows(n).map(|w| ngram_hash(&w.join(" "))).collect();
                let got = shingles(t, n);
                assert_eq!(got.iter().map(|s| s.hash).collect::<Vec<_>>(), expected, "{:?} n={n}", t.body);
                for (k, s) in got.iter().enumerate() {
                    assert_eq!(s.start_byte as usize..s.end_byte as usize, doc.byte_range(k..k + n));
                }
            }
        }
    }

    #[test]
    fn a_record_holds_the_set_or_every_ngram_with_its_place() {
        let t = transcript("one two one two one two", &["en-US"]);
        let set = shingle_record(&t, &ShingleOptions { words: 2, positions: false });
        let mut expected = vec![ngram_hash("one two") as i64, ngram_hash("two one") as i64];
        expected.sort_unstable();
        assert_eq!(set.hashes, expected);
        assert_eq!((set.start_bytes.as_ref(), set.n, set.words), (None, 2, 6));
        let all = shingle_record(&t, &ShingleOptions { words: 2, positions: true });
        assert_eq!(all.hashes.len(), 5);
        assert_eq!(all.start_bytes, Some(vec![0, 4, 8, 12, 16]));
        assert_eq!(all.end_bytes, Some(vec![7, 11, 15, 19, 23]));
        // Too short for one n-gram: no hashes, still a line.
        assert!(shingle_record(&t, &ShingleOptions { words: 7, positions: false }).hashes.is_empty());
    }

    #[test]
    fn the_output_is_one_json_object_per_line_with_exact_signed_hashes() {
        let mut dated = transcript("the state of the union is strong", &["en"]);
        dated.date = Some(crate::core::text::transcript::SpeechDate {
            date: chrono::NaiveDate::from_ymd_opt(1790, 1, 8).unwrap(),
            precision: crate::core::text::transcript::DatePrecision::Day,
            source: crate::core::text::transcript::DateSource::Filename,
        });
        dated.speaker = Some("George Washington".into());
        let ts = vec![dated, transcript("", &[])];
        let (bytes, counts) = shingles_jsonl(&ts, &ShingleOptions::default()).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(counts, ShingleCounts { documents: 2, hashes: 3 });
        assert_eq!(lines[0]["date"], "1790-01-08");
        assert_eq!(lines[0]["date_precision"], "day");
        assert_eq!(lines[0]["speaker"], "George Washington");
        assert_eq!(lines[0]["place"], serde_json::Value::Null);
        assert_eq!(lines[0]["words"], 7);
        assert_eq!(lines[1]["date"], serde_json::Value::Null);
        assert_eq!(lines[1]["hashes"], serde_json::json!([]));
        // Every hash is an integer that fits a signed 64-bit reader.
        let read: Vec<i64> = lines[0]["hashes"].as_array().unwrap().iter().map(|h| h.as_i64().unwrap()).collect();
        let mut expected: Vec<i64> = ["the state of the union", "state of the union is", "of the union is strong"]
            .iter()
            .map(|s| ngram_hash(s) as i64)
            .collect();
        expected.sort_unstable();
        assert_eq!(read, expected);
    }
}
