//! The phrase finder on speeches that repeat themselves: whatever the
//! words and runs, the occurrences found stay proportional to the words
//! (issue #23: a word said over and over gave a phrase for every shift of
//! the run), and every occurrence lies inside its speech.
//!
//! Input: one byte for the shortest phrase (2–6 words), then the words of
//! two speeches, split at the first 0xFE byte. A byte is a word of a small
//! vocabulary, except 0xFF, which repeats the next byte's word (times the
//! byte after it, times 8): runs of up to 2,040 words.
#![no_main]

use libfuzzer_sys::fuzz_target;
use refrain::core::phrases::{PhraseIndex, PhraseOptions};
use refrain::core::text::transcript::Transcript;

/// The words a part of the input stands for.
fn words(bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut it = bytes.iter().copied();
    while let Some(b) = it.next() {
        if b == 0xFF {
            let (Some(w), Some(n)) = (it.next(), it.next()) else { break };
            out.extend(std::iter::repeat_n(format!("w{}", w % 16), usize::from(n) * 8));
        } else {
            out.push(format!("w{}", b % 16));
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let min_words = 2 + usize::from(first % 5);
    let split = rest.iter().position(|&b| b == 0xFE).unwrap_or(rest.len() / 2);
    let (a, b) = rest.split_at(split);
    let ts = [
        Transcript::from_text("a.txt", "A", &words(a).join(" ")),
        Transcript::from_text("b.txt", "B", &words(b.get(1..).unwrap_or_default()).join(" ")),
    ];
    let total: usize = ts.iter().map(|t| t.words).sum();
    let mut index = PhraseIndex::new();
    index.add_all(&ts);
    let Ok(set) = index.phrases(&PhraseOptions::default().min_words(min_words)) else { return };
    let occurrences: usize = set.phrases.iter().map(|p| p.occurrences.len()).sum();
    assert!(occurrences <= 16 * total + 64, "{occurrences} occurrences for {total} words");
    for p in &set.phrases {
        assert!(p.len as usize >= min_words);
        for o in p.occurrences.iter() {
            let doc = &ts[o.doc as usize];
            assert!(o.words.start < o.words.end && o.words.end as usize <= doc.words, "{:?} in {} words", o.words, doc.words);
        }
    }
});
