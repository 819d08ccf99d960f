//! The languages whose rules change how words are normalized and stemmed
//! (Turkish dotted and dotless i, Russian ё, each language's stemmer), read
//! from a transcript's language tags.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_stemmers() {
        assert_eq!(Language::from_tags(&["xx", "tr-TR"]), Language::Turkish);
        assert_eq!(Language::Unknown.stemmer_for("слово") as u8, rust_stemmers::Algorithm::Russian as u8);
    }
}
