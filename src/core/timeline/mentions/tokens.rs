//! The words of a body as the Russian and Turkish date rules read them:
//! the transcript's own word segmentation ([`for_each_word`]) and matching
//! form ([`normalize`]: lowercase with the Turkish İ/ı rules, ё as е,
//! curly apostrophes straight), with a year and the suffix after its
//! apostrophe kept as one word (`2016'da`, `2014’ten`), and what separates
//! each word from the one before.

use std::ops::Range;

use crate::core::text::{Language, for_each_word, normalize};

/// One word of a body.
#[derive(Debug, Clone)]
pub(super) struct Tok {
    /// Byte range in the body.
    pub range: Range<usize>,
    /// The matching form (`2016'da`, `ноября`, `kasım`).
    pub norm: String,
    /// True when only white space separates it from the word before (no
    /// punctuation: `года. В` breaks a date apart); false for the first.
    pub spaced: bool,
}

/// True for the apostrophes that start a Turkish suffix.
fn is_apostrophe(s: &str) -> bool {
    matches!(s, "'" | "’" | "ʼ" | "‘" | "`" | "´")
}

/// The words of `body`, normalized by the rules of `language`.
pub(super) fn tokens(body: &str, language: Language) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::new();
    for_each_word(body, |s, e| {
        let norm = normalize(&body[s..e], language).into_owned();
        if let Some(prev) = out.last_mut()
            && is_apostrophe(&body[prev.range.end..s])
            && prev.norm.bytes().all(|b| b.is_ascii_digit())
        {
            // `2016'da`: word segmentation splits digits from letters.
            prev.norm.push('\'');
            prev.norm.push_str(&norm);
            prev.range.end = e;
            return;
        }
        let spaced = out.last().is_some_and(|prev| body[prev.range.end..s].chars().all(char::is_whitespace));
        out.push(Tok { range: s..e, norm, spaced });
    });
    out
}

/// The matching form of word `i`, if it exists and follows word `i - 1`
/// with only white space between them (always true for the first word
/// looked at: `joined` is false there).
pub(super) fn next(toks: &[Tok], i: usize, joined: bool) -> Option<&str> {
    let t = toks.get(i)?;
    (!joined || t.spaced).then_some(t.norm.as_str())
}

/// A number at `i` in digits (up to three) or in words, and the index
/// after it: a word that `number_word` reads, and when it is a multiple of
/// ten from `tens_from` up, a units word joined to it (`двадцать пять`,
/// `yirmi beş`).
pub(super) fn counted_number(
    toks: &[Tok],
    i: usize,
    number_word: fn(&str) -> Option<u32>,
    tens_from: u32,
) -> Option<(u32, usize)> {
    let w = next(toks, i, false)?;
    if !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()) {
        return Some((w.parse().ok()?, i + 1));
    }
    let n = number_word(w)?;
    if (tens_from..100).contains(&n)
        && n % 10 == 0
        && let Some(units) = next(toks, i + 1, true).and_then(number_word).filter(|u| (1..10).contains(u))
    {
        return Some((n + units, i + 2));
    }
    Some((n, i + 1))
}

/// A match of a rule: the index of the word after it, and its bytes.
pub(super) struct Hit {
    /// The index of the first word after the match.
    pub to: usize,
    /// The bytes it covers in the body.
    pub bytes: Range<usize>,
}

/// Words `from..to` (`to` past `from`) as a match.
pub(super) fn hit(toks: &[Tok], from: usize, to: usize) -> Hit {
    Hit { to, bytes: toks[from].range.start..toks[to - 1].range.end }
}

/// True when nothing follows word `k - 1` without punctuation between:
/// word `k` is missing or punctuation separates it (`в 2014.`).
pub(super) fn closes(toks: &[Tok], k: usize) -> bool {
    toks.get(k).is_none_or(|t| !t.spaced)
}

/// True when only a dash (and spaces) separates word `k` from the one
/// before (`2014–2015`).
pub(super) fn dash_before(body: &str, toks: &[Tok], k: usize) -> bool {
    let (Some(t), Some(prev)) = (toks.get(k), k.checked_sub(1).and_then(|p| toks.get(p))) else { return false };
    matches!(body[prev.range.end..t.range.start].trim(), "-" | "–" | "—")
}

/// A four-digit year in [`super::calendar::YEARS`] at the start of a word,
/// and what follows it in the word (`2014-м` → 2014 and `-м`, `2016'da` →
/// 2016 and `'da`).
pub(super) fn year_and_rest(norm: &str) -> Option<(i32, &str)> {
    let digits = norm.bytes().take_while(u8::is_ascii_digit).count();
    let y = super::calendar::year_number(&norm[..digits])?;
    Some((y, &norm[digits..]))
}

/// True when the word at `i` is a number (`№ 2014`, `No. 2014`, `номер
/// 2014`): `№` or `N`/`No` with a full stop right before it, or one of
/// `number_words` as the word before.
pub(super) fn numbered(body: &str, toks: &[Tok], i: usize, number_words: &[&str]) -> bool {
    let Some(t) = toks.get(i) else { return false };
    let from = if i == 0 { 0 } else { toks[i - 1].range.end };
    let gap = &body[from..t.range.start];
    if gap.contains('№') {
        return true;
    }
    i > 0 && {
        let prev = toks[i - 1].norm.as_str();
        number_words.contains(&prev) || (matches!(prev, "n" | "no" | "nr") && gap.trim_start().starts_with('.'))
    }
}

/// True when the word at `i` stands inside quotation marks (`«…»` or
/// straight `"…"`, in its paragraph) that hold the title of a law, decree or
/// resolution: `legal` matches a word right before the opening mark (`закон
/// «О бюджете на 2014 год»`) or inside the quotation (`"2014 Yılı Bütçe
/// Kanunu"`). Such a year names the act, not a time the speech talks about.
pub(super) fn in_quoted_title(body: &str, toks: &[Tok], i: usize, legal: &dyn Fn(&str) -> bool) -> bool {
    let Some(t) = toks.get(i) else { return false };
    let para_start = body[..t.range.start].rfind('\n').map_or(0, |p| p + 1);
    let para_end = body[t.range.end..].find('\n').map_or(body.len(), |p| t.range.end + p);
    let before = &body[para_start..t.range.start];
    // The opening mark: an unclosed `«`, or an odd count of `"` before.
    let mut depth = 0usize;
    let mut open = None;
    for (at, c) in before.char_indices().rev() {
        match c {
            '»' => depth += 1,
            '«' if depth == 0 => {
                open = Some((para_start + at, '»'));
                break;
            }
            '«' => depth -= 1,
            _ => {}
        }
    }
    if open.is_none() && before.matches('"').count() % 2 == 1 {
        open = before.rfind('"').map(|at| (para_start + at, '"'));
    }
    let Some((open_at, closing)) = open else { return false };
    let close_at = body[t.range.end..para_end].find(closing).map_or(para_end, |p| t.range.end + p);
    let words_before = toks[..i].iter().rev().skip_while(|w| w.range.start > open_at).take(3);
    let inside = toks.iter().skip_while(|w| w.range.start < open_at).take_while(|w| w.range.end <= close_at);
    words_before.chain(inside).any(|w| legal(&w.norm))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_keep_their_suffixes_and_gaps_are_seen() {
        let body = "Eylül 2016’da, KASIM 2018'de. Ilık";
        let toks = tokens(body, Language::Turkish);
        let norms: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(norms, ["eylül", "2016'da", "kasım", "2018'de", "ılık"]);
        assert_eq!(&body[toks[1].range.clone()], "2016’da");
        assert_eq!(toks.iter().map(|t| t.spaced).collect::<Vec<_>>(), [false, true, false, true, false]);
        assert_eq!(year_and_rest("2016'da"), Some((2016, "'da")));
        assert_eq!(year_and_rest("2014-м"), Some((2014, "-м")));
        assert_eq!(year_and_rest("20145"), None);
        let ru = tokens("Ещё в 2014 году", Language::Russian);
        assert_eq!(ru[0].norm, "еще");
    }

    #[test]
    fn numbers_and_quoted_titles() {
        let legal = |w: &str| w.starts_with("закон") || w.starts_with("kanun");
        let body = "Закон № 2014 и закон «О бюджете на 2014 год», а в 2014 году «всё» было.";
        let toks = tokens(body, Language::Russian);
        let at = |n: usize| toks.iter().enumerate().filter(|(_, t)| t.norm == "2014").nth(n).map(|(i, _)| i).unwrap();
        assert!(numbered(body, &toks, at(0), &[]));
        assert!(!numbered(body, &toks, at(1), &[]));
        assert!(in_quoted_title(body, &toks, at(1), &legal));
        assert!(!in_quoted_title(body, &toks, at(2), &legal));
        let body = "\"2014 Yılı Bütçe Kanunu\" kabul edildi; 2014 yılında.";
        let toks = tokens(body, Language::Turkish);
        assert!(in_quoted_title(body, &toks, 0, &legal));
        assert!(!in_quoted_title(body, &toks, 6, &legal));
    }
}
