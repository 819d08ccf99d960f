//! Where the lines of a paragraph with right-to-left text may break
//! ([`super::paragraph`] lays such paragraphs out itself; egui wraps the
//! others). Between words, at white space, as everywhere; and, as egui does
//! for left-to-right text, between the characters of Chinese and Japanese,
//! which put no spaces between words: a Japanese sentence quoted in an
//! Arabic paragraph ran past the column's edge, its end cut off. A line
//! never starts with closing punctuation (`。`, `」`, `、`, small kana).

use std::ops::Range;

use crate::core::text::bidi::Piece;
use crate::core::text::is_han;

/// True for the characters a line may break before or after without a
/// space: Han ideographs ([`is_han`], as the tokenizer reads them), kana,
/// CJK punctuation and full-width forms. Hangul is not among them: Korean
/// puts spaces between its words.
pub(super) fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{3000}'..='\u{303F}' // CJK symbols and punctuation
            | '\u{3040}'..='\u{30FF}' // hiragana, katakana
            | '\u{31F0}'..='\u{31FF}' // katakana phonetic extensions
            | '\u{FF00}'..='\u{FFEF}' // full-width forms
        )
}

/// True for the characters no line may start with: closing brackets and
/// quotes, sentence and clause marks, small kana and the prolonged sound
/// mark (the rules of Japanese and Chinese typesetting, kinsoku).
fn never_starts_a_line(c: char) -> bool {
    ")]}»›、。，．・：；？！）］｝〕〉》」』】〙〗〟”’…‥ーゝゞヽヾ々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ.,:;!?%"
        .contains(c)
}

/// The pieces of a paragraph cut where a line may break inside a word
/// (around each Chinese or Japanese character of a left-to-right piece),
/// and for each whether it belongs to the word before it (no line may
/// start with it). Pieces of white space and line breaks start no word
/// and join none; other pieces next to each other (a word and the
/// punctuation after it) join unless a break is allowed between them.
pub(super) fn break_units(text: &str, pieces: Vec<Piece>) -> (Vec<Piece>, Vec<bool>) {
    let mut units: Vec<Piece> = Vec::with_capacity(pieces.len());
    for p in pieces {
        let s = text.get(p.bytes.clone()).unwrap_or("");
        if p.rtl || p.space || !s.chars().any(is_cjk) {
            units.push(p);
            continue;
        }
        // Each CJK character alone, the characters between them together.
        let mut start = p.bytes.start;
        for (i, c) in s.char_indices() {
            let at = p.bytes.start + i;
            let end = at + c.len_utf8();
            if is_cjk(c) {
                if at > start {
                    units.push(Piece { bytes: start..at, ..p.clone() });
                }
                units.push(Piece { bytes: at..end, ..p.clone() });
                start = end;
            }
        }
        if p.bytes.end > start {
            units.push(Piece { bytes: start..p.bytes.end, ..p.clone() });
        }
    }
    let first = |u: &Piece| text.get(u.bytes.clone()).and_then(|s| s.chars().next());
    let last = |u: &Piece| text.get(u.bytes.clone()).and_then(|s| s.chars().next_back());
    let joined = (0..units.len())
        .map(|k| {
            let Some(before) = k.checked_sub(1).and_then(|j| units.get(j)) else { return false };
            let unit = &units[k];
            if unit.space || before.space || first(unit).is_none_or(crate::core::text::bidi::is_paragraph_break) {
                return false;
            }
            if first(unit).is_some_and(never_starts_a_line) {
                return true;
            }
            let cjk_edge = first(unit).is_some_and(is_cjk) || last(before).is_some_and(is_cjk);
            !cjk_edge
        })
        .collect();
    (units, joined)
}

/// Lines of a paragraph as byte ranges: broken at white space, after a
/// line break and between the words `joined` tells apart, each line as
/// full as `width` allows; a word wider than the line gets a line of its
/// own (the caller cuts such words first).
pub(super) fn break_lines(
    tokens: &[Piece],
    breaks: &[bool],
    joined: &[bool],
    widths: &[f32],
    width: f32,
) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = tokens.first().map_or(0, |t| t.bytes.start);
    let (mut used, mut pending_space, mut has_word) = (0.0, 0.0, false);
    let mut k = 0;
    while k < tokens.len() {
        let t = &tokens[k];
        if breaks[k] {
            lines.push(start..t.bytes.end);
            start = t.bytes.end;
            (used, pending_space, has_word) = (0.0, 0.0, false);
            k += 1;
            continue;
        }
        if t.space {
            pending_space += widths[k];
            k += 1;
            continue;
        }
        // The word: this token and those joined to it.
        let end = (k + 1..tokens.len()).find(|&j| !joined.get(j).copied().unwrap_or(false)).unwrap_or(tokens.len());
        let word: f32 = widths[k..end].iter().sum();
        if has_word && used + pending_space + word > width {
            lines.push(start..t.bytes.start);
            start = t.bytes.start;
            used = 0.0;
        } else if has_word {
            used += pending_space;
        }
        pending_space = 0.0;
        used += word;
        has_word = true;
        k = end;
    }
    if let Some(last) = tokens.last()
        && (start < last.bytes.end || lines.is_empty())
    {
        lines.push(start..last.bytes.end);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::bidi::Bidi;

    /// The units of `text` as strings, each with whether it joins the one
    /// before.
    fn units(text: &str) -> Vec<(&str, bool)> {
        let (units, joined) = break_units(text, Bidi::new(text).tokens());
        units.iter().zip(joined).map(|(u, j)| (&text[u.bytes.clone()], j)).collect()
    }

    #[test]
    fn japanese_and_chinese_may_break_between_characters_but_not_before_closing_marks() {
        let text = "العربية: すべての人々は「平和」に値する。中文：和平。";
        let got = units(text);
        // Every CJK character stands alone…
        assert!(got.iter().filter(|(u, _)| u.chars().any(is_cjk)).all(|(u, _)| u.chars().count() == 1), "{got:?}");
        // …a break is allowed before an ideograph or kana…
        assert!(got.contains(&("平", false)) && got.contains(&("中", false)), "{got:?}");
        // …but never before a closing mark, which stays with the word before.
        for mark in ["」", "。", "："] {
            assert!(got.iter().filter(|(u, _)| *u == mark).all(|&(_, j)| j), "{mark}: {got:?}");
        }
        // The units still cover the text, in order.
        assert_eq!(got.iter().map(|(u, _)| *u).collect::<String>(), text);
    }

    #[test]
    fn latin_words_and_arabic_words_keep_breaking_only_at_spaces() {
        let text = "Mixed: the phrase «جميع الشعوب» again, and «peace».";
        let got = units(text);
        // Nothing is cut inside a word: each unit that is not white space
        // follows a space, or joins the one before.
        for (k, (u, j)) in got.iter().enumerate() {
            if k > 0 && !u.trim().is_empty() && !got[k - 1].0.trim().is_empty() {
                assert!(*j, "{u:?} after {:?}: {got:?}", got[k - 1].0);
            }
        }
    }

    #[test]
    fn lines_break_between_cjk_characters_to_fit_the_width() {
        let text = "すべての人々は平和と尊厳に値する。";
        let (tokens, joined) = break_units(text, Bidi::new(text).tokens());
        let widths = vec![10.0; tokens.len()];
        let breaks = vec![false; tokens.len()];
        let lines = break_lines(&tokens, &breaks, &joined, &widths, 45.0);
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines {
            let n = tokens.iter().filter(|t| line.start <= t.bytes.start && t.bytes.end <= line.end).count();
            assert!(n as f32 * 10.0 <= 45.0, "{:?} is wider than the line", &text[line.clone()]);
            assert!(!text[line.clone()].starts_with('。'), "a line starts with a full stop");
        }
        assert_eq!(lines.first().map(|l| l.start), Some(0));
        assert_eq!(lines.last().map(|l| l.end), Some(text.len()));
    }
}
