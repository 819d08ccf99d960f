//! Words in Chinese and Japanese text, which has no spaces between them.
//! Unicode word segmentation makes every Han character a word of its own,
//! so a "phrase of five words" would be five characters, most of them
//! common; runs of Han characters are cut into dictionary words instead,
//! by jieba (a well-kept Chinese segmenter with its dictionary built in,
//! loaded once, the first time such text is met). Kana and Hangul keep
//! Unicode's segments; Japanese kanji compounds are cut by the Chinese
//! dictionary, which keeps most of them whole.

use std::sync::OnceLock;

/// True for a character of the Han script (CJK unified ideographs, their
/// extensions and compatibility forms, and the iteration mark 々).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3005 | 0x3007 | 0x3021..=0x3029 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF | 0x30000..=0x3134F)
}

/// The segmenter, made the first time Han text is segmented.
fn jieba() -> &'static jieba_rs::Jieba {
    static JIEBA: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    JIEBA.get_or_init(jieba_rs::Jieba::new)
}

/// Calls `f` with the byte range (offset by `offset`) of each dictionary
/// word of `run`, a stretch of Han characters with nothing between them.
pub fn for_each_han_word(run: &str, offset: usize, f: &mut impl FnMut(usize, usize)) {
    for token in jieba().cut(run, false) {
        f(offset + token.byte_start, offset + token.byte_end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(run: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for_each_han_word(run, 0, &mut |s, e| out.push(&run[s..e]));
        out
    }

    #[test]
    fn han_runs_are_cut_into_dictionary_words() {
        assert_eq!(words("我们坚持和平发展道路"), ["我们", "坚持", "和平", "发展", "道路"]);
        assert_eq!(words("中华人民共和国"), ["中华人民共和国"]);
        // Traditional characters too.
        assert_eq!(words("我們堅持和平發展").concat(), "我們堅持和平發展");
        assert!(words("我們堅持和平發展").len() < 8, "{:?}", words("我們堅持和平發展"));
    }

    #[test]
    fn han_characters_are_told_apart_from_kana_hangul_and_punctuation() {
        assert!("中國日本々".chars().all(is_han));
        assert!(!"ひらがなカタカナ한국어，。abc".chars().any(is_han));
    }
}
