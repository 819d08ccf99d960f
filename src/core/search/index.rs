//! Every word of every opened transcript kept as a number, so a search scans
//! arrays of integers instead of text: [`SearchIndex`] is built once per
//! corpus and runs a [`Query`] over it, starting from the postings of the
//! query's rarest word when it is rare enough and scanning every word
//! otherwise.

use std::borrow::Borrow;
use std::ops::Range;

use rayon::prelude::*;

use super::fold::search_key;
use super::matching::{Matcher, compile, exact_fit, regex_matches};
use super::postings::Postings;
use super::query::{Fit, Query, Term};
use super::results::{DocHits, SearchResults, date_order};
use crate::core::text::doc_ids::DocIds;
use crate::core::text::transcript::Transcript;
use crate::core::text::vocabulary::{LocalTokens, WordIds};
use crate::core::text::{Language, WordRanges};

/// One transcript's words, as keys into the index's vocabulary.
#[derive(Debug, Default)]
struct SearchDoc {
    language: Language,
    /// Byte range of each word in the body: the transcript's own ranges,
    /// shared ([`Transcript::word_ranges`]).
    ranges: WordRanges,
    /// Each word's key id.
    ids: DocIds,
}

/// Every word of a set of transcripts, numbered, for fast search. Build it
/// once per corpus; searching takes the same transcripts, in the same order.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Every distinct word key, numbered.
    keys: WordIds,
    docs: Vec<SearchDoc>,
    /// Document positions in date order (undated last).
    order: Vec<usize>,
    /// Where each word key is used.
    postings: Postings,
    /// Tests: always scan (`Some(true)`) or always use postings.
    force_scan: Option<bool>,
}

impl SearchIndex {
    /// Indexes `transcripts` (tokenized in parallel); their positions are
    /// the document numbers in results.
    pub fn build<T: Borrow<Transcript> + Sync>(transcripts: &[T]) -> SearchIndex {
        let locals: Vec<(Language, WordRanges, LocalTokens)> = transcripts
            .par_iter()
            .map(|t| {
                let t: &Transcript = t.borrow();
                let language = Language::from_tags(&t.languages);
                let ranges = t.word_ranges();
                let mut scratch = String::new();
                // A search key is the normalized word without accents: an
                // ASCII word's is the word lowercased, outside Turkish.
                let local = LocalTokens::of(&t.body, &ranges, language != Language::Turkish, |w, key| {
                    search_key(w, language, &mut scratch, key)
                });
                (language, ranges, local)
            })
            .collect();
        let mut index = SearchIndex::default();
        for (language, ranges, local) in locals {
            let ids = DocIds::from_ids(local.into_ids(&mut index.keys));
            index.docs.push(SearchDoc { language, ranges, ids });
        }
        index.postings = Postings::build(index.docs.iter().map(|d| &d.ids), index.keys.len());
        index.order = date_order(transcripts);
        index
    }

    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Number of distinct word keys.
    pub fn vocabulary_len(&self) -> usize {
        self.keys.len()
    }

    /// Runs a query over `transcripts`, which must be the ones the index was
    /// built from, in the same order (a document whose body no longer fits
    /// its words is skipped rather than misread).
    pub fn search<T: Borrow<Transcript> + Sync>(&self, transcripts: &[T], query: &Query) -> SearchResults {
        let per_doc: Vec<Vec<Range<usize>>> = match &query.regex {
            Some(re) => self
                .order
                .par_iter()
                .map(|&d| match transcripts.get(d) {
                    Some(t) => regex_matches(re, &t.borrow().body),
                    None => Vec::new(),
                })
                .collect(),
            None => {
                // Matches by document position, then put in date order.
                let mut by_doc: Vec<Vec<Range<usize>>> = vec![Vec::new(); self.docs.len()];
                // The query compiled once per language present (Turkish
                // reads I as ı, so its keys differ).
                let mut languages: Vec<Language> = Vec::new();
                for doc in &self.docs {
                    if !languages.contains(&doc.language) {
                        languages.push(doc.language);
                    }
                }
                for language in languages {
                    let Some(matchers) = compile(&self.keys, &query.terms, language) else { continue };
                    self.search_language(transcripts, query, language, &matchers, &mut by_doc);
                }
                self.order.iter().map(|&d| std::mem::take(&mut by_doc[d])).collect()
            }
        };
        let docs = self
            .order
            .iter()
            .zip(per_doc)
            .filter(|(_, m)| !m.is_empty())
            .map(|(&doc, matches)| DocHits { doc, matches })
            .collect();
        SearchResults { docs }
    }

    /// Finds the matches in the documents of one language: from the
    /// postings of the query word with the fewest uses when it is rare
    /// enough, else by scanning every word.
    fn search_language<T: Borrow<Transcript> + Sync>(
        &self,
        transcripts: &[T],
        query: &Query,
        language: Language,
        matchers: &[Matcher],
        by_doc: &mut [Vec<Range<usize>>],
    ) {
        let n = matchers.len();
        let body_of = |d: usize| -> Option<&str> {
            let doc = self.docs.get(d)?;
            let body = transcripts.get(d)?.borrow().body.as_str();
            // A body that no longer fits its words is skipped, not misread.
            (doc.ranges.last().is_none_or(|(_, e)| e as usize <= body.len())).then_some(body)
        };
        let uses = |m: &Matcher| -> usize { m.ids().iter().map(|&id| self.postings.uses(id)).sum() };
        let Some((anchor, fewest)) = matchers.iter().map(uses).enumerate().min_by_key(|&(_, u)| u) else { return };
        if self.force_scan.unwrap_or(fewest > self.postings.total_words() / 8 || !self.postings.available()) {
            let found: Vec<(usize, Vec<Range<usize>>)> = (0..self.docs.len())
                .into_par_iter()
                .filter(|&d| self.docs[d].language == language)
                .filter_map(|d| {
                    let body = body_of(d)?;
                    let doc = &self.docs[d];
                    let mut out = Vec::new();
                    let mut i = 0;
                    while i + n <= doc.ids.len() {
                        match self.match_at(doc, body, i, matchers, &query.terms, query.options.case_sensitive) {
                            Some(r) => {
                                out.push(r);
                                i += n;
                            }
                            None => i += 1,
                        }
                    }
                    Some((d, out))
                })
                .collect();
            for (d, m) in found {
                by_doc[d] = m;
            }
            return;
        }
        let mut starts: Vec<(u32, u32)> = matchers[anchor]
            .ids()
            .iter()
            .flat_map(|&id| self.postings.located(self.postings.positions(id)))
            .filter(|&(d, p)| p as usize >= anchor && self.docs[d as usize].language == language)
            .map(|(d, p)| (d, p - anchor as u32))
            .collect();
        starts.sort_unstable();
        let mut next_free = (u32::MAX, 0u32);
        for (d, i) in starts {
            if d == next_free.0 && i < next_free.1 {
                continue; // inside the previous match
            }
            let Some(body) = body_of(d as usize) else { continue };
            let doc = &self.docs[d as usize];
            if let Some(r) = self.match_at(doc, body, i as usize, matchers, &query.terms, query.options.case_sensitive)
            {
                by_doc[d as usize].push(r);
                next_free = (d, i + n as u32);
            }
        }
    }

    /// The match starting at word `i` of a document, if the query matches there.
    fn match_at(
        &self,
        doc: &SearchDoc,
        body: &str,
        i: usize,
        matchers: &[Matcher],
        terms: &[Term],
        case_sensitive: bool,
    ) -> Option<Range<usize>> {
        let n = matchers.len();
        if i + n > doc.ids.len()
            || !matchers.iter().enumerate().all(|(k, m)| doc.ids.get(i + k).is_some_and(|id| m.accepts(id)))
        {
            return None;
        }
        let word = |k: usize| doc.ranges.get(i + k);
        let (first, last) = (word(0)?, word(n.checked_sub(1)?)?);
        if case_sensitive
            && !(0..n).zip(terms).all(|(k, t)| {
                word(k).is_some_and(|r| exact_fit(body.get(r.0 as usize..r.1 as usize).unwrap_or(""), &t.raw, t.fit))
            })
        {
            return None;
        }
        // A partial first or last word is matched only in its part, when
        // its key lines up with its letters.
        let start = self.part(body, first, &terms[0], doc.language, true);
        let end = self.part(body, last, &terms[n - 1], doc.language, false);
        Some(start..end.max(start))
    }

    /// Where the matched part of a word starts (`start`) or ends: the word's
    /// edge for a whole-word fit, else the edge of the query word inside it,
    /// found in the key when the key has one character per letter of the
    /// word (always true for ASCII); otherwise the whole word.
    fn part(&self, body: &str, range: (u32, u32), term: &Term, language: Language, start: bool) -> usize {
        let (s, e) = (range.0 as usize, range.1 as usize);
        let edge = if start { s } else { e };
        if term.fit == Fit::Whole || (start && term.fit == Fit::Prefix) || (!start && term.fit == Fit::Suffix) {
            return edge;
        }
        let Some(word) = body.get(s..e) else { return edge };
        let (mut scratch, mut key, mut q) = (String::new(), String::new(), String::new());
        search_key(word, language, &mut scratch, &mut key);
        search_key(&term.raw, language, &mut scratch, &mut q);
        let found = match term.fit {
            Fit::Prefix => Some(0),
            Fit::Suffix => key.len().checked_sub(q.len()),
            _ => key.find(q.as_str()),
        };
        // The query word must really be there (it is, unless the body
        // changed under the index; then the whole word is taken).
        let Some(before) = found.and_then(|at| key.get(..at).filter(|_| key[at..].starts_with(q.as_str()))) else {
            return edge;
        };
        if key.chars().count() != word.chars().count() {
            return edge;
        }
        let char_at = before.chars().count() + if start { 0 } else { q.chars().count() };
        word.char_indices().nth(char_at).map_or(e, |(b, _)| s + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::search::SearchOptions;

    fn doc(path: &str, text: &str, lang: &str) -> Transcript {
        let mut t = Transcript::from_text(path, path, text);
        if !lang.is_empty() {
            t.languages = vec![lang.to_string()];
        }
        t
    }

    #[test]
    fn every_word_is_indexed_under_its_search_key() {
        // Packed short words, ASCII lowercased in place outside Turkish, and
        // the slow path for the rest must all give `search_key`.
        let text = "The THE the İstanbul ISPARTA Işık ÉCOLE école Ünïcode ЕЩЁ ещё Russia’s \
                    responsibilities Responsibilities-Of-Government abcdefghijklmno ABCDEFGHIJKLMNOP e\u{301}t\u{e9}";
        for lang in ["", "en", "tr-TR", "ru-RU", "fr"] {
            let ts = vec![doc("a", text, lang), doc("b", &text.to_lowercase(), lang)];
            let index = SearchIndex::build(&ts);
            for (d, t) in ts.iter().enumerate() {
                let language = Language::from_tags(&t.languages);
                let (mut scratch, mut key) = (String::new(), String::new());
                let doc = &index.docs[d];
                assert_eq!(doc.ranges.len(), t.words);
                for ((s, e), id) in doc.ranges.iter().zip(doc.ids.iter()) {
                    search_key(&t.body[s as usize..e as usize], language, &mut scratch, &mut key);
                    assert_eq!(index.keys.word(id), key.as_str(), "{lang}: {:?}", &t.body[s as usize..e as usize]);
                    assert_eq!(index.keys.get(&key), Some(id));
                }
            }
        }
    }

    fn found(ts: &[Transcript], q: &str, options: SearchOptions) -> Vec<(usize, String)> {
        let index = SearchIndex::build(ts);
        let query = Query::parse(q, options).unwrap();
        index.search(ts, &query).flat().map(|(d, r)| (d, ts[d].body[r].to_string())).collect()
    }

    #[test]
    fn plain_words_quotes_and_whole_words() {
        let ts = vec![doc(
            "a",
            "The State of the Union is strong. The state of the unions, a real estate of the Union's making.",
            "",
        )];
        let plain = found(&ts, "state of the union", SearchOptions::default());
        assert_eq!(
            plain.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(),
            vec!["State of the Union", "state of the union", "state of the Union"]
        );
        let quoted = found(&ts, "\"state of the union\"", SearchOptions::default());
        assert_eq!(quoted.len(), 1);
        let whole = found(&ts, "state of the union", SearchOptions { whole_word: true, ..Default::default() });
        assert_eq!(whole, quoted);
        let case = found(&ts, "State of the Union", SearchOptions { case_sensitive: true, ..Default::default() });
        assert_eq!(case.len(), 1);
        // A single word matches inside words, only its own letters.
        let inside = found(&ts, "UNIO", SearchOptions::default());
        assert_eq!(inside.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(), vec!["Unio", "unio", "Unio"]);
    }

    #[test]
    fn cyrillic_turkish_and_accents() {
        let ts = vec![
            doc("ru", "Мы ЕЩЁ раз подтверждаем: ещё и еще.", "ru-RU"),
            doc("tr", "İSTANBUL ve Istanbul değil; IŞIK ve ışık, ılık.", "tr-TR"),
            doc("fr", "Le café et le CAFÉ, la Sécurité.", "fr"),
        ];
        assert_eq!(found(&ts, "ещё", SearchOptions::default()).len(), 3);
        assert_eq!(found(&ts, "Еще", SearchOptions::default()).len(), 3);
        // In Turkish I is ı: "Istanbul" is not "istanbul".
        let ist = found(&ts, "istanbul", SearchOptions { whole_word: true, ..Default::default() });
        assert_eq!(ist, vec![(1, "İSTANBUL".to_string())]);
        let isik = found(&ts, "ışık", SearchOptions::default());
        assert_eq!(isik.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(), vec!["IŞIK", "ışık"]);
        assert_eq!(found(&ts, "IŞIK", SearchOptions::default()).len(), 2);
        assert!(found(&ts, "ilik", SearchOptions::default()).is_empty());
        // Accents fold unless case-sensitive.
        assert_eq!(found(&ts, "cafe", SearchOptions::default()).len(), 2);
        assert_eq!(found(&ts, "securite", SearchOptions::default()), vec![(2, "Sécurité".to_string())]);
        assert_eq!(found(&ts, "café", SearchOptions { case_sensitive: true, ..Default::default() }).len(), 1);
    }

    #[test]
    fn postings_and_scanning_find_the_same() {
        let text = "The State of the Union. the state of the unions; a real estate of the Union's. \
                    Of the union state of the union state of the union, İstanbul Istanbul CAFÉ café.";
        let ts = vec![doc("a", text, ""), doc("b", &text.repeat(3), "tr-TR"), doc("c", "state of", "")];
        let mut index = SearchIndex::build(&ts);
        for q in ["state of the union", "\"state of the\"", "the", "of the union state", "union", "istanbul", "cafe"] {
            for options in [
                SearchOptions::default(),
                SearchOptions { whole_word: true, ..Default::default() },
                SearchOptions { case_sensitive: true, ..Default::default() },
            ] {
                let query = Query::parse(q, options).unwrap();
                index.force_scan = Some(true);
                let scanned = index.search(&ts, &query);
                index.force_scan = Some(false);
                let posted = index.search(&ts, &query);
                assert_eq!(scanned, posted, "{q} {options:?}");
                assert!(q == "istanbul" || options.case_sensitive || scanned.total() > 0, "{q} {options:?}");
            }
        }
        // Overlapping runs are not counted twice: "union state of the union
        // state of the union" holds two, not three.
        index.force_scan = None;
        let r =
            index.search(&ts, &Query::parse("\"of the union state of the union\"", SearchOptions::default()).unwrap());
        assert_eq!(r.matches_in(0).len(), 1);
    }

    #[test]
    fn bodies_that_changed_under_the_index_do_not_panic() {
        let ts = vec![doc("a", "Ünïcödé wörds hère ünïcödé", ""), doc("b", "state of the union", "")];
        let index = SearchIndex::build(&ts);
        let other = vec![doc("a", "ab", ""), doc("b", "ßßßßßßßßßßßßßßßßßßß ΩΩΩΩ", "")];
        for q in ["unicode", "words", "state of the un", "\"the\"", "ö"] {
            for options in [SearchOptions::default(), SearchOptions { case_sensitive: true, ..Default::default() }] {
                let query = Query::parse(q, options).unwrap();
                let _ = index.search(&other, &query);
                let _ = index.search(&other[..1], &query);
            }
        }
        assert_eq!(found(&ts, "unicode", SearchOptions::default()).len(), 2);
    }

    #[test]
    fn regex_mode() {
        let ts = vec![doc("a", "Peace and war; PEACE, peaceful.", "")];
        let re = found(&ts, r"peace\w*", SearchOptions { regex: true, ..Default::default() });
        assert_eq!(re.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(), vec!["Peace", "PEACE", "peaceful"]);
        let whole = found(&ts, "peace", SearchOptions { regex: true, whole_word: true, ..Default::default() });
        assert_eq!(whole.len(), 2);
        // An empty-matching regex finds nothing rather than every position.
        assert!(found(&ts, "x*", SearchOptions { regex: true, ..Default::default() }).is_empty());
    }
}
