//! How the words of a query meet the words of a text: the word keys each
//! query word accepts ([`Matcher`]), the exact check of a case-sensitive
//! search, and the matches of a regular expression.

use std::ops::Range;

use super::fold::search_key;
use super::query::{Fit, Term};
use crate::core::text::Language;
use crate::core::text::vocabulary::WordIds;

/// Matches one word id, or any of a set (a bitset and its members).
#[derive(Debug)]
pub(super) enum Matcher {
    One([u32; 1]),
    Set(Vec<u64>, Vec<u32>),
}

impl Matcher {
    /// The word ids it accepts.
    pub(super) fn ids(&self) -> &[u32] {
        match self {
            Matcher::One(id) => id,
            Matcher::Set(_, ids) => ids,
        }
    }

    /// Whether word id `id` is one it accepts.
    pub(super) fn accepts(&self, id: u32) -> bool {
        match self {
            Matcher::One([x]) => *x == id,
            Matcher::Set(bits, _) => bits.get(id as usize / 64).is_some_and(|w| w & (1 << (id % 64)) != 0),
        }
    }
}

/// The matcher of each term for documents of `language`, over the word keys
/// `keys`; `None` when some term matches no word at all.
pub(super) fn compile(keys: &WordIds, terms: &[Term], language: Language) -> Option<Vec<Matcher>> {
    let (mut scratch, mut key) = (String::new(), String::new());
    let mut out = Vec::with_capacity(terms.len());
    for term in terms {
        search_key(&term.raw, language, &mut scratch, &mut key);
        let m = match term.fit {
            Fit::Whole => Matcher::One([keys.get(key.as_str())?]),
            fit => {
                let mut bits = vec![0u64; keys.len().div_ceil(64)];
                let mut members = Vec::new();
                for (id, w) in keys.iter().enumerate() {
                    let hit = match fit {
                        Fit::Prefix => w.starts_with(key.as_str()),
                        Fit::Suffix => w.ends_with(key.as_str()),
                        _ => w.contains(key.as_str()),
                    };
                    if hit {
                        bits[id / 64] |= 1 << (id % 64);
                        members.push(id as u32);
                    }
                }
                if members.is_empty() {
                    return None;
                }
                Matcher::Set(bits, members)
            }
        };
        out.push(m);
    }
    Some(out)
}

/// Apostrophes unified, nothing else changed (for case-sensitive checks).
fn plain_apostrophes(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '’' | '‘' | 'ʼ' | '′' | '`' | '´') { '\'' } else { c }).collect()
}

/// A word of the text fits a query word exactly (case and accents).
pub(super) fn exact_fit(word: &str, raw: &str, fit: Fit) -> bool {
    let (w, q) = (plain_apostrophes(word), plain_apostrophes(raw));
    match fit {
        Fit::Whole => w == q,
        Fit::Prefix => w.starts_with(&q),
        Fit::Suffix => w.ends_with(&q),
        Fit::Inside => w.contains(&q),
    }
}

/// Non-empty matches of a regular expression in a body.
pub(super) fn regex_matches(re: &regex::Regex, body: &str) -> Vec<Range<usize>> {
    regex_match_iter(re, body).collect()
}

/// Non-empty matches of a regular expression in a body, found as they are
/// walked (an empty-matching pattern such as `a*` is tried at every
/// position, and what it finds there is not kept).
pub(super) fn regex_match_iter<'a>(re: &'a regex::Regex, body: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
    re.find_iter(body).filter(|m| !m.is_empty()).map(|m| m.range())
}
