//! What the fuzz targets check besides "no panic": the invariants the app
//! relies on when it slices text with the ranges the core hands back. Shared
//! by the targets in `fuzz_targets/`.

use std::ops::Range;

use refrain::core::timeline::mentions::{Mention, find_mentions};
use refrain::core::text::{Language, tokenize};
use refrain::core::text::transcript::{DatePrecision, SpeechDate, Transcript};

/// Panics unless `range` is a non-inverted range of `text` on character
/// boundaries (what `&text[range]` needs).
pub fn assert_slice(text: &str, range: &Range<usize>, what: &str) {
    assert!(text.get(range.clone()).is_some(), "{what} {range:?} is not a slice of a {}-byte text", text.len());
}

/// The mentions of `body` are slices of it, each inside its sentence, in
/// order and apart; relative ones only with an anchor at least as precise;
/// with `differential`, the absolute ones are exactly those found without
/// an anchor (a second pass over the text, so the import target skips it).
pub fn check_mentions(body: &str, anchor: Option<&SpeechDate>, differential: bool) -> Vec<Mention> {
    let found = find_mentions(body, anchor);
    let mut last_end = 0;
    for m in &found {
        assert_slice(body, &m.bytes, "mention");
        assert_slice(body, &m.sentence, "sentence");
        assert!(!m.bytes.is_empty(), "empty mention at {:?}", m.bytes);
        assert!(
            m.sentence.start <= m.bytes.start && m.bytes.end <= m.sentence.end,
            "sentence {:?} does not hold its mention {:?}",
            m.sentence,
            m.bytes
        );
        assert!(m.bytes.start >= last_end, "mentions overlap or are out of order: {found:?}");
        last_end = m.bytes.end;
        if m.relative {
            let anchor = anchor.unwrap_or_else(|| panic!("relative mention without an anchor: {m:?}"));
            assert!(m.precision <= anchor.precision, "{m:?} is more precise than its anchor {anchor:?}");
        }
    }
    if differential && anchor.is_some() {
        let absolute: Vec<&Mention> = found.iter().filter(|m| !m.relative).collect();
        let alone = find_mentions(body, None);
        assert_eq!(absolute, alone.iter().collect::<Vec<_>>(), "an anchor changed the absolute mentions");
    }
    found
}

/// A transcript's ranges are slices of its body, its words tokenize on
/// character boundaries, and its mentions pass [`check_mentions`].
pub fn check_transcript(t: &Transcript) {
    let body = t.body.as_str();
    let mut last_end = 0;
    for p in &t.paragraphs {
        assert_slice(body, p, "paragraph");
        assert!(p.start >= last_end, "paragraphs overlap or are out of order: {:?}", t.paragraphs);
        last_end = p.end;
    }
    for c in &t.cues {
        assert_slice(body, &c.range, "cue");
    }
    if let Some(d) = &t.date {
        check_speech_date(d);
    }
    let words = tokenize(body, Language::from_tags(&t.languages));
    assert_eq!(words.len(), t.words, "word count at import differs from the tokenizer's");
    let stored: Vec<(usize, usize)> = t.word_ranges().iter().map(|(s, e)| (s as usize, e as usize)).collect();
    let found: Vec<(usize, usize)> = words.iter().map(|w| (w.range.start, w.range.end)).collect();
    assert_eq!(stored, found, "word ranges stored at import differ from the tokenizer's");
    let mut last_end = 0;
    for w in &words {
        assert_slice(body, &w.range, "word");
        assert!(w.range.start >= last_end && !w.range.is_empty(), "word {:?} after {last_end}", w.range);
        last_end = w.range.end;
    }
    check_mentions(body, t.date.as_ref(), false);
}

/// A month- or year-precision date is the first day of its period.
pub fn check_speech_date(d: &SpeechDate) {
    use chrono::Datelike;
    match d.precision {
        DatePrecision::Year => assert!(d.date.month() == 1 && d.date.day() == 1, "{d:?}"),
        DatePrecision::Month => assert!(d.date.day() == 1, "{d:?}"),
        DatePrecision::Day => {}
    }
}
