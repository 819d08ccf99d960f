//! The alignment of the two versions of a speech in the pair view, as the
//! best diff tools show them: matched text side by side, and while one side
//! runs through text the other lacks (a deletion, an insertion, a passage
//! moved away), the other side holds at the point where that text would be.
//!
//! A [`PairAlignment`] cuts both texts into the same sequence of blocks, one
//! per step of the revision diff ([`revision_diff`](super::revision_diff)),
//! in the order of the steps. Each block has a byte range in each text
//! (empty on the side that has nothing: the gap point), and together the
//! blocks tile both texts in order. From that it answers where a byte of one
//! side is on the other ([`PairAlignment::counterpart`]), which change is at
//! or after a place (next / previous change), and which passages correspond
//! (connectors and bands between the panes, moved passages included).

use std::ops::Range;

use crate::core::compare::revision::RevisionOp;
use crate::core::text::WordRanges;
use crate::core::text::transcript::Transcript;

/// One of the two texts of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The first (older) version.
    Old,
    /// The second (newer) version.
    New,
}

impl Side {
    /// The other text.
    pub fn other(self) -> Side {
        match self {
            Side::Old => Side::New,
            Side::New => Side::Old,
        }
    }
}

/// What a block of the alignment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// The same words on both sides.
    Equal,
    /// Words only in the old text.
    Deleted,
    /// Words only in the new text.
    Inserted,
    /// Old words replaced by new ones in the same place.
    Replaced,
    /// Old words that moved elsewhere in the new text.
    MovedFrom,
    /// New words that came from elsewhere in the old text.
    MovedTo,
}

impl BlockKind {
    /// True for every kind but [`BlockKind::Equal`]: the blocks the user
    /// steps through as changes.
    pub fn is_change(self) -> bool {
        self != BlockKind::Equal
    }

    /// The name `refrain compare --revision --json` gives the step.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Equal => "equal",
            BlockKind::Deleted => "delete",
            BlockKind::Inserted => "insert",
            BlockKind::Replaced => "replace",
            BlockKind::MovedFrom => "moved-from",
            BlockKind::MovedTo => "moved-to",
        }
    }
}

/// One step of the diff as a place in both texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the step is.
    pub kind: BlockKind,
    /// Bytes of its words in the old text, from the first word's start to
    /// the last word's end; when it has no old words, the empty range at
    /// the gap point: the start of the next old word (or the text's end),
    /// where the text would be.
    pub old: Range<usize>,
    /// Bytes of its words in the new text, as `old` is in the old text.
    pub new: Range<usize>,
    /// For a moved passage, its other place: for [`BlockKind::MovedFrom`]
    /// the bytes of the new text it moved to, for [`BlockKind::MovedTo`] the
    /// bytes of the old text it came from. `None` for the other kinds.
    pub moved: Option<Range<usize>>,
    /// Its words in the old text (empty, at the next word, when none).
    pub old_words: Range<u32>,
    /// Its words in the new text (empty, at the next word, when none).
    pub new_words: Range<u32>,
}

impl Block {
    /// Its bytes on one side (see [`Block::old`]).
    pub fn range(&self, side: Side) -> &Range<usize> {
        match side {
            Side::Old => &self.old,
            Side::New => &self.new,
        }
    }

    /// Its words on one side.
    pub fn words(&self, side: Side) -> &Range<u32> {
        match side {
            Side::Old => &self.old_words,
            Side::New => &self.new_words,
        }
    }
}

/// One text of the pair: its body and word ranges, and where each block's
/// stretch of it starts (the stretches tile the body).
#[derive(Debug, Clone)]
struct Text {
    body: String,
    words: WordRanges,
    /// Block `i` covers `starts[i]..starts[i + 1]` (the last one up to the
    /// body's end): its words and what follows them up to the next block.
    starts: Vec<usize>,
}

impl Text {
    fn new(t: &Transcript) -> Text {
        Text { body: t.body.clone(), words: t.word_ranges(), starts: Vec::new() }
    }

    /// Byte range of word `w` (empty at the body's end past the last word).
    fn word(&self, w: u32) -> Range<usize> {
        self.words.get(w as usize).map_or(self.body.len()..self.body.len(), |(s, e)| s as usize..e as usize)
    }

    /// The bytes of `words`, or for no words the gap point before word
    /// `words.start`.
    fn bytes(&self, words: &Range<u32>) -> Range<usize> {
        if words.is_empty() {
            let at = self.word(words.start).start;
            at..at
        } else {
            self.words.byte_range(words.start as usize..words.end as usize)
        }
    }

    /// The stretch of the body block `i` covers.
    fn span(&self, i: usize) -> Range<usize> {
        let start = self.starts.get(i).copied().unwrap_or(self.body.len());
        start..self.starts.get(i + 1).copied().unwrap_or(self.body.len())
    }

    /// `byte`, moved back to the start of the character it falls in.
    fn floor(&self, byte: usize) -> usize {
        let mut b = byte.min(self.body.len());
        while !self.body.is_char_boundary(b) {
            b -= 1;
        }
        b
    }
}

/// The blocks of a pair's revision diff placed in both texts: what the pair
/// view scrolls, steps through and draws its connectors from.
///
/// Built once per pair (and per diff option set); every query is a binary
/// search.
#[derive(Debug, Clone)]
pub struct PairAlignment {
    ops: Vec<RevisionOp>,
    blocks: Vec<Block>,
    /// The blocks that are changes, in block order.
    changes: Vec<Block>,
    /// For each change, its block's index.
    change_blocks: Vec<usize>,
    old: Text,
    new: Text,
}

impl PairAlignment {
    /// The alignment of `old` and `new` by `ops`, their revision diff in
    /// word indices of their word ranges ([`Transcript::word_ranges`], the
    /// same as their [`IndexedDoc`](crate::core::phrases::IndexedDoc)s'
    /// words).
    pub fn new(ops: &[RevisionOp], old: &Transcript, new: &Transcript) -> PairAlignment {
        let mut a = PairAlignment {
            ops: ops.to_vec(),
            blocks: Vec::with_capacity(ops.len()),
            changes: Vec::new(),
            change_blocks: Vec::new(),
            old: Text::new(old),
            new: Text::new(new),
        };
        // Word cursors: the next word of each text not yet in a block.
        let (mut at_old, mut at_new) = (0u32, 0u32);
        for op in ops {
            let (kind, old_words, new_words, moved) = match op {
                RevisionOp::Equal { old, new } => (BlockKind::Equal, old.clone(), new.clone(), None),
                RevisionOp::Delete { old } => (BlockKind::Deleted, old.clone(), at_new..at_new, None),
                RevisionOp::Insert { new } => (BlockKind::Inserted, at_old..at_old, new.clone(), None),
                RevisionOp::Replace { old, new } => (BlockKind::Replaced, old.clone(), new.clone(), None),
                RevisionOp::MovedFrom { old, to } => {
                    (BlockKind::MovedFrom, old.clone(), at_new..at_new, Some(a.new.bytes(to)))
                }
                RevisionOp::MovedTo { new, from, .. } => {
                    (BlockKind::MovedTo, at_old..at_old, new.clone(), Some(a.old.bytes(from)))
                }
            };
            at_old = at_old.max(old_words.end);
            at_new = at_new.max(new_words.end);
            let block =
                Block { kind, old: a.old.bytes(&old_words), new: a.new.bytes(&new_words), moved, old_words, new_words };
            if kind.is_change() {
                a.change_blocks.push(a.blocks.len());
                a.changes.push(block.clone());
            }
            a.blocks.push(block);
        }
        // The stretches: from each block's start to the next one's, the
        // first from the text's start; never backwards.
        for side in [Side::Old, Side::New] {
            let mut starts = Vec::with_capacity(a.blocks.len());
            let mut last = 0;
            for (i, b) in a.blocks.iter().enumerate() {
                last = if i == 0 { 0 } else { b.range(side).start.max(last) };
                starts.push(last);
            }
            a.text_mut(side).starts = starts;
        }
        a
    }

    fn text(&self, side: Side) -> &Text {
        match side {
            Side::Old => &self.old,
            Side::New => &self.new,
        }
    }

    fn text_mut(&mut self, side: Side) -> &mut Text {
        match side {
            Side::Old => &mut self.old,
            Side::New => &mut self.new,
        }
    }

    /// The revision diff the alignment was built from.
    pub fn ops(&self) -> &[RevisionOp] {
        &self.ops
    }

    /// Every block, in the order of the diff (old and new text order).
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The blocks that are changes (every kind but equal), in the same
    /// order: "change N of M" counts in this list.
    pub fn changes(&self) -> &[Block] {
        &self.changes
    }

    /// The index in [`PairAlignment::blocks`] of change `change`.
    pub fn change_block(&self, change: usize) -> Option<usize> {
        self.change_blocks.get(change).copied()
    }

    /// One side's text (a copy of the transcript's body, made when the
    /// alignment was).
    pub fn body(&self, side: Side) -> &str {
        &self.text(side).body
    }

    /// The bytes of words `words` of one side's text, from the first
    /// word's start to the last one's end; for no words, the empty range
    /// at the start of word `words.start` (or at the text's end).
    pub fn word_bytes(&self, side: Side, words: &Range<u32>) -> Range<usize> {
        self.text(side).bytes(words)
    }

    /// Length in bytes of one side's text.
    pub fn len(&self, side: Side) -> usize {
        self.text(side).body.len()
    }

    /// True when both texts are empty.
    pub fn is_empty(&self) -> bool {
        self.old.body.is_empty() && self.new.body.is_empty()
    }

    /// The stretch of one side's text that block `block` covers: its words
    /// and what follows them up to the next block (the first block also
    /// what precedes its words). The stretches of all blocks tile the text
    /// in order; a block with no words on that side has an empty one,
    /// unless it is the first.
    pub fn span(&self, block: usize, side: Side) -> Range<usize> {
        self.text(side).span(block)
    }

    /// The block whose stretch of `side`'s text holds `byte` (the last
    /// block for a byte at or past the end; `None` when there are none).
    pub fn block_at(&self, side: Side, byte: usize) -> Option<usize> {
        let starts = &self.text(side).starts;
        starts.partition_point(|&s| s <= byte).checked_sub(1)
    }

    /// The byte of the other side's text that corresponds to `byte` of
    /// `side`'s: in equal text word k of a block faces word k (the offset
    /// inside the word kept, up to the other word's end, and likewise in
    /// the space after it); in a block only one side has (a deletion, an
    /// insertion, a passage moved away or moved here) the other side holds
    /// at the gap point, where that text would be; in a replacement the
    /// position is carried over in proportion. Always on a character
    /// boundary of the other text, within it, and never decreasing as
    /// `byte` grows. Past the end of `side`'s text: the other text's end.
    pub fn counterpart(&self, side: Side, byte: usize) -> usize {
        let (this, other) = (self.text(side), self.text(side.other()));
        if byte >= this.body.len() {
            return other.body.len();
        }
        let Some(i) = self.block_at(side, byte) else { return other.body.len().min(byte) };
        let (span, ospan) = (this.span(i), other.span(i));
        let Some(b) = self.blocks.get(i) else { return ospan.start };
        let at = match b.kind {
            BlockKind::Equal => self.equal_counterpart(side, b, byte, &span, &ospan),
            BlockKind::Replaced if !span.is_empty() => {
                let (len, olen) = (span.len() as u128, ospan.len() as u128);
                ospan.start + ((byte - span.start) as u128 * olen / len) as usize
            }
            _ => b.range(side.other()).start.clamp(ospan.start, ospan.end),
        };
        other.floor(at)
    }

    /// [`PairAlignment::counterpart`] inside an equal block: word k to word
    /// k, the space after it to the space after it.
    fn equal_counterpart(
        &self,
        side: Side,
        b: &Block,
        byte: usize,
        span: &Range<usize>,
        ospan: &Range<usize>,
    ) -> usize {
        let (this, other) = (self.text(side), self.text(side.other()));
        let (words, owords) = (b.words(side), b.words(side.other()));
        let n = words.len().min(owords.len()) as u32;
        // How many of the block's words start at or before `byte`.
        let (mut lo, mut hi) = (0u32, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if this.word(words.start + mid).start <= byte {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let Some(k) = lo.checked_sub(1) else {
            // Before the block's first word (only the first block has text
            // there): the same distance before the other's first word.
            let first = if n > 0 { other.word(owords.start).start } else { ospan.end };
            return ospan.start + (byte - span.start).min(first.saturating_sub(ospan.start));
        };
        let (w, ow) = (this.word(words.start + k), other.word(owords.start + k));
        if byte < w.end {
            return (ow.start + (byte - w.start)).min(ow.end);
        }
        let gap_end = if k + 1 < n { other.word(owords.start + k + 1).start } else { ospan.end };
        ow.end + (byte - w.end).min(gap_end.saturating_sub(ow.end))
    }

    /// The change whose words on `side` hold `byte`, if any.
    pub fn change_containing(&self, side: Side, byte: usize) -> Option<usize> {
        let i = self.changes.partition_point(|c| c.range(side).end <= byte);
        self.changes.get(i).filter(|c| c.range(side).contains(&byte)).map(|_| i)
    }

    /// The first change that holds `byte` or comes after it on `side` (a
    /// change with nothing on that side counts at its gap point): where
    /// "next change" goes from a view that starts at `byte`. Never a change
    /// before `byte`; before the change holding `byte` only changes with
    /// nothing on `side` whose gap point is `byte` itself (they come first
    /// in the diff's order).
    pub fn change_index_at_or_after(&self, side: Side, byte: usize) -> Option<usize> {
        let i = self.changes.partition_point(|c| {
            let r = c.range(side);
            if r.is_empty() { r.start < byte } else { r.end <= byte }
        });
        (i < self.changes.len()).then_some(i)
    }

    /// The first change that starts after `byte` on `side`: the next change
    /// when the one at `byte` is the current one.
    pub fn change_index_after(&self, side: Side, byte: usize) -> Option<usize> {
        let i = self.changes.partition_point(|c| c.range(side).start <= byte);
        (i < self.changes.len()).then_some(i)
    }

    /// The last change that starts before `byte` on `side`: where "previous
    /// change" goes from a view or a change that starts at `byte`.
    pub fn change_index_before(&self, side: Side, byte: usize) -> Option<usize> {
        self.changes.partition_point(|c| c.range(side).start < byte).checked_sub(1)
    }
}

/// Two texts as transcripts and their alignment by a revision diff with
/// `options` (for the tests here and of the exports).
#[cfg(test)]
pub(crate) fn aligned_texts(
    old: &str,
    new: &str,
    options: &crate::core::compare::revision::RevisionOptions,
) -> (PairAlignment, Transcript, Transcript) {
    let (a, b) = (Transcript::from_text("old.txt", "Old", old), Transcript::from_text("new.txt", "New", new));
    let mut index = crate::core::phrases::PhraseIndex::new();
    let ids = index.add_all(&[a.clone(), b.clone()]);
    let (Some(da), Some(db)) = (index.doc(ids[0]), index.doc(ids[1])) else { panic!("both texts indexed") };
    let ops = crate::core::compare::revision::revision_diff(&da.ids.to_vec(), &db.ids.to_vec(), options);
    (PairAlignment::new(&ops, &a, &b), a, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::compare::revision::RevisionOptions;

    /// The alignment of two texts by their default revision diff, as the
    /// app computes it.
    fn align(old: &str, new: &str) -> (PairAlignment, Transcript, Transcript) {
        aligned_texts(old, new, &RevisionOptions::default())
    }

    fn at(text: &str, needle: &str) -> usize {
        text.find(needle).unwrap_or_else(|| panic!("{needle:?} in {text:?}"))
    }

    fn kinds(a: &PairAlignment) -> Vec<BlockKind> {
        a.blocks().iter().map(|b| b.kind).collect()
    }

    /// Ten sentences of made-up words, none shared with the other texts.
    fn filler(tag: &str) -> String {
        (0..40).map(|i| format!("{tag}{i} word{tag}{i}.")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_long_deletion_holds_the_new_side_at_the_gap() {
        let gone = filler("gone");
        let old = format!("We met today in this hall.\n\n{gone}\n\nAnd now the budget of the nation follows here.");
        let new = "We met today in this hall.\n\nAnd now the budget of the nation follows here.";
        let (a, ta, tb) = align(&old, new);
        assert_eq!(kinds(&a), [BlockKind::Equal, BlockKind::Deleted, BlockKind::Equal]);
        let deleted = &a.changes()[0];
        assert_eq!(&ta.body[deleted.old.clone()], gone.trim_end_matches('.'), "words only");
        let gap = at(&tb.body, "And now");
        assert_eq!(deleted.new, gap..gap, "the gap point is where the text would be");
        // Anywhere in the deletion the new side stays at the gap.
        for byte in (deleted.old.start..deleted.old.end).step_by(97) {
            assert_eq!(a.counterpart(Side::Old, byte), gap);
        }
        // Matched words face each other, in both directions.
        for w in ["hall", "budget", "follows"] {
            let (o, n) = (at(&ta.body, w), at(&tb.body, w));
            assert_eq!(a.counterpart(Side::Old, o + 2), n + 2);
            assert_eq!(a.counterpart(Side::New, n), o);
        }
        assert_eq!(a.counterpart(Side::New, gap), at(&ta.body, "And now"));
        assert_eq!(a.counterpart(Side::Old, ta.body.len()), tb.body.len());
        // Next change from the top, from inside the deletion, and after it.
        assert_eq!(a.change_index_at_or_after(Side::Old, 0), Some(0));
        assert_eq!(a.change_index_at_or_after(Side::Old, deleted.old.start + 500), Some(0));
        assert_eq!(a.change_containing(Side::Old, deleted.old.start + 500), Some(0));
        assert_eq!(a.change_index_after(Side::Old, deleted.old.start + 500), None);
        assert_eq!(a.change_index_at_or_after(Side::Old, deleted.old.end + 1), None);
        assert_eq!(a.change_index_at_or_after(Side::New, gap), Some(0));
        assert_eq!(a.change_index_before(Side::Old, deleted.old.end), Some(0));
        assert_eq!(a.change_index_before(Side::Old, deleted.old.start), None);
    }

    #[test]
    fn a_long_insertion_holds_the_old_side_at_the_gap() {
        let added = filler("new");
        let old = "Fellow citizens, the year was hard. We shall prevail in the end.";
        let new = format!("Fellow citizens, the year was hard. {added} We shall prevail in the end.");
        let (a, ta, tb) = align(old, &new);
        assert_eq!(kinds(&a), [BlockKind::Equal, BlockKind::Inserted, BlockKind::Equal]);
        let inserted = &a.changes()[0];
        assert_eq!(&tb.body[inserted.new.clone()], added.trim_end_matches('.'));
        let gap = at(&ta.body, "We shall");
        assert_eq!(inserted.old, gap..gap);
        for byte in inserted.new.clone().step_by(61) {
            assert_eq!(a.counterpart(Side::New, byte), gap);
        }
        // The old side moves on with the text after the insertion.
        assert_eq!(a.counterpart(Side::Old, gap), at(&tb.body, "We shall"));
        assert_eq!(a.counterpart(Side::Old, at(old, "prevail")), at(&tb.body, "prevail"));
    }

    #[test]
    fn a_replacement_maps_in_proportion() {
        let old = "The army stands ready. alpha beta gamma delta epsilon zeta eta theta. The navy sails at dawn.";
        let new = "The army stands ready. one two. The navy sails at dawn.";
        let (a, ta, tb) = align(old, new);
        assert_eq!(kinds(&a), [BlockKind::Equal, BlockKind::Replaced, BlockKind::Equal]);
        let i = a.change_block(0).unwrap();
        let (span, ospan) = (a.span(i, Side::Old), a.span(i, Side::New));
        assert_eq!(a.counterpart(Side::Old, span.start), ospan.start);
        let mut last = 0;
        for byte in span.clone() {
            let c = a.counterpart(Side::Old, byte);
            assert!(ospan.start <= c && c < ospan.end && c >= last, "{byte} → {c} outside {ospan:?}");
            last = c;
        }
        let middle = a.counterpart(Side::Old, span.start + span.len() / 2);
        assert!(middle.abs_diff(ospan.start + ospan.len() / 2) <= 1, "{middle}");
        assert_eq!(a.counterpart(Side::New, at(&tb.body, "navy")), at(&ta.body, "navy"));
    }

    #[test]
    fn a_moved_passage_is_matched_with_its_new_place() {
        let p1 = "Our first duty is to win the war and bring our men home.";
        let p2 = "The second is to build a peace that lasts for generations.";
        let p3 = "Thank you and good night to all of you.";
        let old = format!("{p1}\n\n{p2}\n\n{p3}");
        let new = format!("{p2}\n\n{p1}\n\n{p3}");
        let (a, ta, tb) = align(&old, &new);
        let from = a.blocks().iter().find(|b| b.kind == BlockKind::MovedFrom).expect("moved away");
        let to = a.blocks().iter().find(|b| b.kind == BlockKind::MovedTo).expect("moved here");
        // The same passage, at its two places.
        assert_eq!(from.moved.as_ref(), Some(&to.new));
        assert_eq!(to.moved.as_ref(), Some(&from.old));
        let moved_old = &ta.body[from.old.clone()];
        assert_eq!(moved_old, &tb.body[to.new.clone()]);
        assert!([p1, p2].iter().any(|p| p.trim_end_matches('.') == moved_old), "{moved_old}");
        // Inside either place the other side holds at the gap.
        for b in [from, to] {
            let side = if b.kind == BlockKind::MovedFrom { Side::Old } else { Side::New };
            let r = b.range(side);
            let hold = a.counterpart(side, r.start);
            assert_eq!(hold, b.range(side.other()).start);
            assert_eq!(a.counterpart(side, r.end - 1), hold);
        }
        assert_eq!(a.counterpart(Side::Old, at(&ta.body, "Thank")), at(&tb.body, "Thank"));
        assert!(a.changes().len() >= 2);
    }

    #[test]
    fn identical_and_empty_texts() {
        let text = "Née à Paris, l’été dernier — déjà «oui». Fin.";
        let (a, ta, _) = align(text, text);
        assert!(a.changes().is_empty());
        for byte in 0..=ta.body.len() {
            let c = a.counterpart(Side::Old, byte);
            assert!(ta.body.is_char_boundary(c));
            if ta.body.is_char_boundary(byte) {
                assert_eq!(c, byte);
            }
        }
        let (e, _, tb) = align("", "Something new.");
        assert_eq!(kinds(&e), [BlockKind::Inserted]);
        assert_eq!(e.counterpart(Side::New, 3), 0);
        assert_eq!(e.counterpart(Side::Old, 0), tb.body.len());
        assert_eq!(e.change_index_at_or_after(Side::Old, 0), Some(0));
    }
}
