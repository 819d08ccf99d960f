//! A phrase set with its documents numbered anew: the app's views number
//! speeches by their place in the open corpus, while an index updated one
//! document at a time keeps the ids it gave (a removed document's id is
//! not reused, an added one gets the next). The phrases, their order and
//! the order of their occurrences stay as they are; only the numbers
//! change.

use crate::core::phrases::index::DocId;
use crate::core::phrases::phrase_set::{PhraseSet, PhrasesInDocs};

impl PhraseSet {
    /// The same phrases with document `id` numbered `to[id]`, for a corpus
    /// of `documents` documents. Every document an occurrence names must
    /// have a number; a phrase with one that has none is left out (it
    /// cannot be shown), which does not happen for a set and a map made
    /// from the same index.
    pub fn renumbered(mut self, to: &[Option<DocId>], documents: usize) -> PhraseSet {
        let map = |d: DocId| to.get(d as usize).copied().flatten();
        self.phrases.retain_mut(|p| {
            let (Some(first), Some(last)) = (map(p.first), map(p.last)) else { return false };
            let mut all = true;
            // Occurrences shared with the index's kept answer are copied
            // only when a number changes.
            if p.occurrences.iter().any(|o| map(o.doc) != Some(o.doc)) {
                for o in p.occurrences.make_mut().iter_mut() {
                    match map(o.doc) {
                        Some(d) => o.doc = d,
                        None => all = false,
                    }
                }
            }
            (p.first, p.last) = (first, last);
            all
        });
        let mut recurring = vec![0; documents];
        let mut ranks = vec![u32::MAX; documents];
        let mut words = vec![Default::default(); documents];
        for (id, slot) in to.iter().enumerate() {
            let Some(d) = slot.map(|d| d as usize).filter(|&d| d < documents) else { continue };
            recurring[d] = self.recurring.get(id).copied().unwrap_or(0);
            ranks[d] = self.ranks.get(id).copied().unwrap_or(u32::MAX);
            if let Some(w) = self.words.get_mut(id) {
                words[d] = std::mem::take(w);
            }
        }
        self.in_doc = PhrasesInDocs::of(&self.phrases, documents);
        self.gaps = self.gaps.renumbered(to);
        (self.recurring, self.ranks, self.words) = (recurring, ranks, words);
        self
    }
}

#[cfg(test)]
mod tests {
    use crate::core::phrases::{PhraseIndex, PhraseOptions, Span, SpanKind};
    use crate::core::text::transcript::Transcript;

    #[test]
    fn a_set_numbered_anew_answers_for_each_document_under_its_new_number() {
        let texts = [
            "we remain open to dialogue on the basis of mutual respect today",
            "nothing shared here at all in this one",
            "and again we remain open to dialogue on the basis of mutual respect",
            "we remain open to dialogue on the basis of mutual respect",
        ];
        let ts: Vec<Transcript> =
            texts.iter().enumerate().map(|(i, t)| Transcript::from_text(format!("{i}.txt"), "T", t)).collect();
        let mut index = PhraseIndex::new();
        index.add_all(&ts);
        let set = index.phrases(&PhraseOptions::default()).unwrap();
        // Reversed: document k becomes 3 - k.
        let to: Vec<Option<u32>> = (0..4).map(|k| Some(3 - k)).collect();
        let moved = set.clone().renumbered(&to, 4);
        assert_eq!(moved.phrases.len(), set.phrases.len());
        for (a, b) in set.phrases.iter().zip(&moved.phrases) {
            assert_eq!(b.first, 3 - a.first);
            assert_eq!(b.last, 3 - a.last);
            for (oa, ob) in a.occurrences.iter().zip(b.occurrences.iter()) {
                assert_eq!((ob.doc, &ob.words), (3 - oa.doc, &oa.words));
                assert_eq!(moved.occurrence_bytes(ob), set.occurrence_bytes(oa));
            }
        }
        for k in 0..4u32 {
            assert_eq!(moved.recurring_words(3 - k), set.recurring_words(k));
            assert_eq!(moved.rank(3 - k), set.rank(k));
            let renamed: Vec<Span> = set
                .spans(k)
                .into_iter()
                .map(|s| match s.kind {
                    SpanKind::Earlier { first, phrase } => {
                        Span { kind: SpanKind::Earlier { first: 3 - first, phrase }, ..s }
                    }
                    _ => s,
                })
                .collect();
            assert_eq!(moved.spans(3 - k), renamed);
        }
        // A document without a number takes its phrases with it.
        let without_first = set.clone().renumbered(&[None, Some(0), Some(1), Some(2)], 3);
        assert!(without_first.phrases.iter().all(|p| p.occurrences.iter().all(|o| o.doc < 3)));
        assert!(without_first.phrases.len() < set.phrases.len());
    }
}
