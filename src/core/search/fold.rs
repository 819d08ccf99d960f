//! Accent folding: the key a word is searched by. Words are matched the way
//! the phrase engine matches them ([`normalize_into`]: case, Turkish İ/ı,
//! apostrophes, ё→е) and, unless the search is case-sensitive, also without
//! accents (é→e, ş→s, ü→u; the Turkish dotless ı stays its own letter, as in
//! the phrase engine).

use crate::core::text::{Language, normalize_into};

/// Removes accents from a normalized (lowercase) word: Latin letters with
/// diacritics become their base letters (é→e, ş→s, ß→ss, æ→ae) and
/// combining marks after a Latin letter are dropped. Cyrillic is left as
/// the tokenizer made it (й stays й; ё is already е), and the Turkish
/// dotless ı stays ı.
pub fn fold_accents(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        return;
    }
    let mut after_latin = false;
    for c in word.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) && after_latin {
            continue;
        }
        match fold_char(c) {
            Some(s) => {
                out.push_str(s);
                after_latin = true;
            }
            None => {
                out.push(c);
                after_latin = c.is_ascii_alphabetic();
            }
        }
    }
}

/// The base letters of a lowercase Latin letter with a diacritic.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// The search key of a word of `language`: normalized as the phrase engine
/// does, then without accents.
pub fn search_key(word: &str, language: Language, scratch: &mut String, out: &mut String) {
    normalize_into(word, language, scratch);
    fold_accents(scratch, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(word: &str) -> String {
        let mut out = String::new();
        fold_accents(word, &mut out);
        out
    }

    #[test]
    fn latin_letters_lose_their_accents_others_stay() {
        assert_eq!(folded("sécurité"), "securite");
        assert_eq!(folded("straße"), "strasse");
        assert_eq!(folded("e\u{301}te\u{301}"), "ete");
        // Cyrillic й and the Turkish dotless ı are letters of their own.
        assert_eq!(folded("й"), "й");
        assert_eq!(folded("ışık"), "ısık");
        let (mut scratch, mut key) = (String::new(), String::new());
        search_key("CAFÉ", Language::default(), &mut scratch, &mut key);
        assert_eq!(key, "cafe");
    }
}
