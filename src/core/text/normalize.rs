//! Normalizing words for matching, so that "Russia’s" and "russia's",
//! "İstanbul" and "istanbul", "ещё" and "еще" count as the same word, and
//! telling numbers from words.

use std::borrow::Cow;

use super::language::Language;

/// [`normalize`] into a reusable buffer (cleared first), so tokenizing a
/// corpus does not allocate a string per word.
pub fn normalize_into(word: &str, language: Language, out: &mut String) {
    out.clear();
    // Most words are ASCII: lowercase them in place, no intermediate string.
    if word.is_ascii() && !(language == Language::Turkish && word.contains('I')) {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    match normalize(word, language) {
        Cow::Borrowed(w) => out.push_str(w),
        Cow::Owned(w) => out.push_str(&w),
    }
}

/// The matching form of a word: lowercase (with Turkish İ/ı rules when the
/// language is Turkish), curly and straight apostrophes unified, ё folded
/// to е, Unicode hyphens to `-`.
pub fn normalize(word: &str, language: Language) -> Cow<'_, str> {
    let plain = word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'\'' || b == b'-');
    if plain {
        return Cow::Borrowed(word);
    }
    if word.is_ascii() {
        let mut s = word.to_ascii_lowercase();
        if language == Language::Turkish && word.contains('I') {
            s = word.chars().map(|c| if c == 'I' { 'ı' } else { c.to_ascii_lowercase() }).collect();
        }
        return Cow::Owned(s);
    }
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '’' | '‘' | 'ʼ' | '′' | '`' | '´' => out.push('\''),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            'ё' | 'Ё' => out.push('е'),
            // A decomposed İ (I + combining dot above) is one letter.
            'I' if chars.peek() == Some(&'\u{307}') => {
                chars.next();
                out.push('i');
            }
            'I' if language == Language::Turkish => out.push('ı'),
            'İ' => out.push('i'),
            c if c.is_lowercase() || !c.is_alphabetic() => out.push(c),
            c => out.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(out)
}

/// True for words made only of digits and number punctuation ("1790",
/// "3.5", "1,000"), which the "ignore numbers" option skips.
pub fn is_number(norm: &str) -> bool {
    norm.chars().any(|c| c.is_numeric()) && norm.chars().all(|c| c.is_numeric() || matches!(c, '.' | ',' | '\''))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::words::tokenize;

    fn norms(text: &str, lang: Language) -> Vec<String> {
        tokenize(text, lang).into_iter().map(|w| w.norm).collect()
    }

    #[test]
    fn turkish_dotted_and_dotless_i() {
        // In Turkish, I lowercases to ı and İ to i.
        assert_eq!(norms("ISPARTA İSTANBUL Işık", Language::Turkish), vec!["ısparta", "istanbul", "ışık"]);
        // Elsewhere I is i, and İ still folds to a plain i.
        assert_eq!(norms("ISPARTA İstanbul", Language::English), vec!["isparta", "istanbul"]);
        // A decomposed İ (I + U+0307) is the same word.
        assert_eq!(norms("I\u{307}stanbul", Language::Turkish), vec!["istanbul"]);
    }

    #[test]
    fn cyrillic_case_and_yo() {
        assert_eq!(norms("ЕЩЁ Ещё еще", Language::Russian), vec!["еще"; 3]);
    }

    #[test]
    fn numbers() {
        assert!(is_number("1790") && is_number("1,000") && is_number("3.5"));
        assert!(!is_number("70th") && !is_number("g20") && !is_number("word"));
    }
}
