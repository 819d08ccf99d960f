//! What the revision diff of two versions compares: one id per word, equal
//! for two words exactly when they differ only in what the diff options
//! ignore (letter case, punctuation, white space, numbers). The words stay
//! those of the phrase index, so the diff's word indices are the
//! transcripts' words and their byte ranges; what is not ignored of the
//! punctuation and white space after a word goes into that word's id.

use std::collections::HashMap;

use crate::core::compare::revision::{RevisionOp, RevisionOptions, revision_diff_in_lines};
use crate::core::phrases::IndexedDoc;
use crate::core::text::transcript::Transcript;
use crate::core::text::vocabulary::WordIds;
use crate::core::text::{Language, is_number, normalize, normalize_into};

/// One version of a speech as the diff reads it: its body and its indexed
/// words.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    /// The text the words are in.
    pub body: &'a str,
    /// Its words and their normalized ids.
    pub doc: &'a IndexedDoc,
}

impl<'a> Version<'a> {
    /// The version of `transcript`, indexed as `doc`.
    pub fn new(transcript: &'a Transcript, doc: &'a IndexedDoc) -> Version<'a> {
        Version { body: &transcript.body, doc }
    }
}

/// Two transcripts' words as a [`PhraseIndex`](crate::core::phrases::PhraseIndex)
/// of the two indexes them (the same words, normalized by the same rules,
/// equal ids for equal words), made on this thread: for comparing two
/// speeches, where starting the index's threads would take longer than the
/// work.
pub fn index_pair(a: &Transcript, b: &Transcript) -> (IndexedDoc, IndexedDoc) {
    let mut vocabulary = WordIds::default();
    let da = IndexedDoc::of(a, &mut vocabulary);
    let db = IndexedDoc::of(b, &mut vocabulary);
    (da, db)
}

/// The ids [`revision_diff`](super::revision::revision_diff) compares for two versions under `options`:
/// by default the phrase index's normalized ids as they are (both `doc`s
/// must come from one [`PhraseIndex`](crate::core::phrases::PhraseIndex)),
/// else new ids, numbered in the order first met, for the words as the
/// options see them.
pub fn word_keys(old: Version, new: Version, options: &RevisionOptions) -> (Vec<u32>, Vec<u32>) {
    if options.compares_normalized_words() {
        return (old.doc.ids.to_vec(), new.doc.ids.to_vec());
    }
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut key = String::new();
    let mut keys_of = |v: Version| -> Vec<u32> {
        let n = v.doc.words.len();
        let mut out = Vec::with_capacity(n);
        let mut words = v.doc.words.iter().peekable();
        let mut before = 0usize;
        while let Some((s, e)) = words.next() {
            let (s, e) = (s as usize, e as usize);
            let after = words.peek().map_or(v.body.len(), |&(next, _)| next as usize);
            key.clear();
            word_key(v.body.get(s..e).unwrap_or(""), v.doc.language, options, &mut key);
            // The marks before the first word count with it.
            let gap = v.body.get(before..s).unwrap_or("").chars().chain(v.body.get(e..after).unwrap_or("").chars());
            gap_key(gap, options, &mut key);
            before = after;
            let next = ids.len() as u32;
            out.push(*ids.entry(key.clone()).or_insert(next));
        }
        out
    };
    let old_keys = keys_of(old);
    let new_keys = keys_of(new);
    (old_keys, new_keys)
}

/// The revision diff of two versions under `options`: [`word_keys`] then
/// [`revision_diff_in_lines`], by the versions' lines ([`line_starts`]).
/// Its word indices are the versions' words.
pub fn diff_versions(old: Version, new: Version, options: &RevisionOptions) -> Vec<RevisionOp> {
    let (a, b) = word_keys(old, new, options);
    revision_diff_in_lines(&a, &line_starts(old), &b, &line_starts(new), options)
}

/// The words of a version that start a line (after a line break; the
/// first word is not listed), in increasing order: what the revision diff
/// matches whole before it compares words (in a transcript, a line is
/// usually a paragraph).
pub fn line_starts(version: Version) -> Vec<u32> {
    let bytes = version.body.as_bytes();
    let mut out = Vec::new();
    let mut words = version.doc.words.iter();
    let Some((_, mut end)) = words.next() else { return out };
    for (i, (start, e)) in words.enumerate() {
        let gap = bytes.get(end as usize..start as usize).unwrap_or_default();
        if gap.iter().any(|&b| b == b'\n' || b == b'\r') {
            out.push(i as u32 + 1);
        }
        end = e;
    }
    out
}

/// Appends the form of `word` that counts under `options`.
fn word_key(word: &str, language: Language, options: &RevisionOptions, out: &mut String) {
    if options.ignore_numbers && is_number(&normalize(word, language)) {
        // Every number is the same word.
        out.push('\u{0}');
        return;
    }
    if options.ignore_case && options.ignore_punctuation {
        normalize_into(word, language, out);
        return;
    }
    // As `normalize`, with case kept or marks kept as asked.
    let (fold_case, unify_marks) = (options.ignore_case, options.ignore_punctuation);
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '’' | '‘' | 'ʼ' | '′' | '`' | '´' if unify_marks => out.push('\''),
            '\u{2010}' | '\u{2011}' if unify_marks => out.push('-'),
            'ё' => out.push('е'),
            'Ё' => out.push(if fold_case { 'е' } else { 'Е' }),
            'I' if fold_case && chars.peek() == Some(&'\u{307}') => {
                chars.next();
                out.push('i');
            }
            'I' if fold_case && language == Language::Turkish => out.push('ı'),
            'İ' if fold_case => out.push('i'),
            c if fold_case => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
}

/// Appends what counts under `options` of the text between a word and the
/// next one: its punctuation and symbols unless they are ignored, its white
/// space unless it is ignored (in their order).
fn gap_key(gap: impl Iterator<Item = char>, options: &RevisionOptions, out: &mut String) {
    if options.ignore_punctuation && options.ignore_whitespace {
        return;
    }
    // A separator no word holds, so "a" + "b." never equals "ab" + ".".
    out.push('\u{1}');
    out.extend(
        gap.filter(|c| if c.is_whitespace() { !options.ignore_whitespace } else { !options.ignore_punctuation }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compare::revision::covered;
    use crate::core::phrases::PhraseIndex;

    /// The old and new words a diff of `old` against `new` reports as
    /// changed (deleted, replaced or moved), under `options`.
    fn changed(old: &str, new: &str, options: RevisionOptions) -> Vec<String> {
        let (a, b) = (Transcript::from_text("a.txt", "A", old), Transcript::from_text("b.txt", "B", new));
        let mut index = PhraseIndex::new();
        let ids = index.add_all(&[a.clone(), b.clone()]);
        let (da, db) = (index.doc(ids[0]).unwrap(), index.doc(ids[1]).unwrap());
        let ops = diff_versions(Version::new(&a, da), Version::new(&b, db), &options);
        let (o, n) = covered(&ops);
        assert_eq!(o.iter().map(|r| r.len()).sum::<usize>(), da.words.len());
        assert_eq!(n.iter().map(|r| r.len()).sum::<usize>(), db.words.len());
        let mut out = Vec::new();
        for op in &ops {
            let (ow, nw) = match op {
                RevisionOp::Equal { .. } => continue,
                RevisionOp::Delete { old } | RevisionOp::MovedFrom { old, .. } => (Some(old), None),
                RevisionOp::Insert { new } | RevisionOp::MovedTo { new, .. } => (None, Some(new)),
                RevisionOp::Replace { old, new } => (Some(old), Some(new)),
            };
            if let Some(w) = ow {
                out.push(format!("-{}", &a.body[da.byte_range(w.start as usize..w.end as usize)]));
            }
            if let Some(w) = nw {
                out.push(format!("+{}", &b.body[db.byte_range(w.start as usize..w.end as usize)]));
            }
        }
        out
    }

    const OLD: &str = "In 1944 the War went on. We fought hard.";

    #[test]
    fn a_pair_is_indexed_as_the_phrase_index_does() {
        let mut a = Transcript::from_text("a.txt", "A", "Dış İşler DIŞ dış. Été, ÉTÉ — l’été; the the THE.");
        a.languages = vec!["tr".to_string()];
        let b = Transcript::from_text("b.txt", "B", "Été l'été the  THE dış\n\nİşler déjà-vu 1,000 words");
        let (da, db) = index_pair(&a, &b);
        let mut index = PhraseIndex::new();
        let ids = index.add_all(&[a.clone(), b.clone()]);
        let (ia, ib) = (index.doc(ids[0]).unwrap(), index.doc(ids[1]).unwrap());
        assert_eq!((da.language, db.language), (ia.language, ib.language));
        assert_eq!((da.words.to_vec(), db.words.to_vec()), (ia.words.to_vec(), ib.words.to_vec()));
        // Equal ids exactly where the index has equal ids.
        let (mine, its): (Vec<u32>, Vec<u32>) = (
            da.ids.to_vec().into_iter().chain(db.ids.to_vec()).collect(),
            ia.ids.to_vec().into_iter().chain(ib.ids.to_vec()).collect(),
        );
        for (i, j) in (0..mine.len()).flat_map(|i| (0..mine.len()).map(move |j| (i, j))) {
            assert_eq!(mine[i] == mine[j], its[i] == its[j], "words {i} and {j}");
        }
    }

    #[test]
    fn lines_start_after_line_breaks() {
        let t = Transcript::from_text("a.txt", "A", "One two.\n\nThree four five\nsix. «Seven»\r\neight");
        let (d, _) = index_pair(&t, &t);
        assert_eq!(line_starts(Version::new(&t, &d)), [2, 5, 7]);
        let empty = Transcript::from_text("e.txt", "E", "");
        let (d, _) = index_pair(&empty, &empty);
        assert!(line_starts(Version::new(&empty, &d)).is_empty());
    }

    #[test]
    fn by_default_only_words_and_numbers_count() {
        let d = RevisionOptions::default;
        assert!(changed(OLD, "In 1944 the war went on, we   fought\n\nhard!", d()).is_empty());
        assert_eq!(changed(OLD, "In 1945 the War went on. We fought hard.", d()), ["-1944", "+1945"]);
    }

    #[test]
    fn case_counts_when_not_ignored() {
        let new = "In 1944 the war went on. We fought hard.";
        assert!(changed(OLD, new, RevisionOptions::default()).is_empty());
        assert_eq!(changed(OLD, new, RevisionOptions::default().ignore_case(false)), ["-War", "+war"]);
        // Case kept, the kind of apostrophe still ignored; and the reverse.
        let (a, b) = ("The Nation’s duty.", "The Nation's duty.");
        assert!(changed(a, b, RevisionOptions::default().ignore_case(false)).is_empty());
        assert_eq!(changed(a, b, RevisionOptions::default().ignore_punctuation(false)), ["-Nation’s", "+Nation's"]);
        assert_eq!(changed("ЕЩЁ раз", "ещё раз", RevisionOptions::default().ignore_case(false)), ["-ЕЩЁ", "+ещё"]);
        assert!(changed("ЕЩЁ раз", "ЕЩЕ раз", RevisionOptions::default().ignore_case(false)).is_empty());
    }

    #[test]
    fn punctuation_counts_when_not_ignored() {
        let new = "In 1944 the War went on, we fought hard!";
        let strict = RevisionOptions::default().ignore_punctuation(false);
        assert!(changed(OLD, new, RevisionOptions::default()).is_empty());
        // The word before a changed mark is the change ("We" differs in
        // case only, which is still ignored).
        assert_eq!(changed(OLD, new, strict.clone()), ["-on", "+on", "-hard", "+hard"]);
        // White space alone is still no change.
        assert!(changed(OLD, "In 1944 the War went on.\nWe fought hard.", strict).is_empty());
    }

    #[test]
    fn whitespace_counts_when_not_ignored() {
        let new = "In 1944 the War went on.\n\nWe fought  hard.";
        let strict = RevisionOptions::default().ignore_whitespace(false);
        assert!(changed(OLD, new, RevisionOptions::default()).is_empty());
        assert_eq!(changed(OLD, new, strict.clone()), ["-on", "+on", "-fought", "+fought"]);
        // Marks alone are still no change.
        assert!(changed(OLD, "In 1944 the War went on; We fought hard", strict).is_empty());
    }

    #[test]
    fn numbers_count_unless_ignored() {
        let new = "In 1945 the War went on. We fought hard.";
        let lax = RevisionOptions::default().ignore_numbers(true);
        assert!(changed(OLD, new, lax.clone()).is_empty());
        assert!(changed("Some 1,000 men", "Some 3.5 men", lax.clone()).is_empty());
        // A number is not a word, nor an ordinal a number.
        assert_eq!(changed(OLD, "In many the War went on. We fought hard.", lax.clone()), ["-1944", "+many"]);
        assert_eq!(changed("the 70th year", "the 71st year", lax), ["-70th", "+71st"]);
    }

    #[test]
    fn nothing_ignored_is_an_exact_word_diff() {
        let none = RevisionOptions::default().ignore_case(false).ignore_punctuation(false).ignore_whitespace(false);
        assert!(changed(OLD, OLD, none.clone()).is_empty());
        assert_eq!(changed(OLD, "In 1944 the War went on. We fought\thard.", none.clone()), ["-fought", "+fought"]);
        assert_eq!(changed(OLD, "«In 1944 the War went on. We fought hard.", none), ["-In", "+In"]);
    }
}
