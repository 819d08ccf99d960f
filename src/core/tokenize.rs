//! Splitting a transcript's body into words and normalizing them for
//! matching, so that "Russia’s" and "russia's", "İstanbul" and "istanbul",
//! "ещё" and "еще" count as the same word.

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// One word of a body: where it is and how it compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the body (always on character boundaries).
    pub range: Range<usize>,
    /// The normalized form used for matching.
    pub norm: String,
}

/// The language rules that change how words are normalized or stemmed,
/// read from a transcript's language tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// No tag, or one without special rules: English stemming for Latin
    /// script and Russian stemming for Cyrillic words.
    #[default]
    Unknown,
    /// English.
    English,
    /// Russian.
    Russian,
    /// Turkish: dotted and dotless i are different letters.
    Turkish,
    /// Another language with a Snowball stemmer.
    Other(StemLanguage),
}

/// Languages with a Snowball stemmer besides English, Russian and Turkish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum StemLanguage {
    Arabic,
    Danish,
    Dutch,
    Finnish,
    French,
    German,
    Greek,
    Hungarian,
    Italian,
    Norwegian,
    Portuguese,
    Romanian,
    Spanish,
    Swedish,
    Tamil,
}

impl Language {
    /// The first language tag that Refrain has rules for (`tr-TR` → Turkish).
    pub fn from_tags<S: AsRef<str>>(tags: &[S]) -> Language {
        tags.iter().map(|t| Language::from_tag(t.as_ref())).find(|l| *l != Language::Unknown).unwrap_or_default()
    }

    fn from_tag(tag: &str) -> Language {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        use StemLanguage::*;
        match primary.as_str() {
            "en" => Language::English,
            "ru" => Language::Russian,
            "tr" => Language::Turkish,
            "ar" => Language::Other(Arabic),
            "da" => Language::Other(Danish),
            "nl" => Language::Other(Dutch),
            "fi" => Language::Other(Finnish),
            "fr" => Language::Other(French),
            "de" => Language::Other(German),
            "el" => Language::Other(Greek),
            "hu" => Language::Other(Hungarian),
            "it" => Language::Other(Italian),
            "no" | "nb" | "nn" => Language::Other(Norwegian),
            "pt" => Language::Other(Portuguese),
            "ro" => Language::Other(Romanian),
            "es" => Language::Other(Spanish),
            "sv" => Language::Other(Swedish),
            "ta" => Language::Other(Tamil),
            _ => Language::Unknown,
        }
    }

    /// The Snowball algorithm for a word of this language; for an unknown
    /// language, chosen by the word's script.
    pub fn stemmer_for(self, word: &str) -> rust_stemmers::Algorithm {
        use rust_stemmers::Algorithm as A;
        match self {
            Language::English => A::English,
            Language::Russian => A::Russian,
            Language::Turkish => A::Turkish,
            Language::Other(l) => match l {
                StemLanguage::Arabic => A::Arabic,
                StemLanguage::Danish => A::Danish,
                StemLanguage::Dutch => A::Dutch,
                StemLanguage::Finnish => A::Finnish,
                StemLanguage::French => A::French,
                StemLanguage::German => A::German,
                StemLanguage::Greek => A::Greek,
                StemLanguage::Hungarian => A::Hungarian,
                StemLanguage::Italian => A::Italian,
                StemLanguage::Norwegian => A::Norwegian,
                StemLanguage::Portuguese => A::Portuguese,
                StemLanguage::Romanian => A::Romanian,
                StemLanguage::Spanish => A::Spanish,
                StemLanguage::Swedish => A::Swedish,
                StemLanguage::Tamil => A::Tamil,
            },
            Language::Unknown => {
                if word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
                    A::Russian
                } else {
                    A::English
                }
            }
        }
    }
}

/// Hyphens that join the parts of one word ("well-considered").
fn is_joining_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}")
}

/// Splits `body` into words with Unicode word segmentation (a word is a
/// segment containing a letter or digit), keeps hyphenated words together,
/// and normalizes each one with [`normalize`].
pub fn tokenize(body: &str, language: Language) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    for (start, w) in body.unicode_word_indices() {
        let end = start + w.len();
        if let Some(last) = words.last_mut()
            && body.get(last.range.end..start).is_some_and(is_joining_hyphen)
        {
            last.range.end = end;
            last.norm.push('-');
            last.norm.push_str(&normalize(w, language));
            continue;
        }
        words.push(Word { range: start..end, norm: normalize(w, language).into_owned() });
    }
    words
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

    fn norms(text: &str, lang: Language) -> Vec<String> {
        tokenize(text, lang).into_iter().map(|w| w.norm).collect()
    }

    #[test]
    fn words_keep_exact_byte_ranges() {
        let text = "Foreign Minister Lavrov’s remarks — «Мы остаёмся открытыми»!";
        let words = tokenize(text, Language::Unknown);
        let originals: Vec<&str> = words.iter().map(|w| &text[w.range.clone()]).collect();
        assert_eq!(originals, vec!["Foreign", "Minister", "Lavrov’s", "remarks", "Мы", "остаёмся", "открытыми"]);
        assert_eq!(words[2].norm, "lavrov's");
        assert_eq!(words[5].norm, "остаемся");
    }

    #[test]
    fn apostrophes_quotes_and_hyphens() {
        assert_eq!(norms("Russia's Russia’s RUSSIA’S", Language::English), vec!["russia's"; 3]);
        assert_eq!(
            norms("well-considered inter‐religious „quoted“ “words”", Language::English),
            vec!["well-considered", "inter-religious", "quoted", "words"]
        );
        assert_eq!(norms("a - b", Language::English), vec!["a", "b"]);
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
        assert_eq!(Language::from_tags(&["xx", "tr-TR"]), Language::Turkish);
        assert_eq!(Language::Unknown.stemmer_for("слово") as u8, rust_stemmers::Algorithm::Russian as u8);
    }
}
