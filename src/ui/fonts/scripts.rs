//! The writing systems Refrain looks for fonts for, told apart by Unicode
//! ranges: which one a character belongs to, which ones a text uses, a few
//! characters a font must have to count as covering one, and the Debian
//! package that provides a font for it.

/// A writing system whose glyphs may be missing from egui's bundled fonts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    /// Chinese characters (also used in Japanese, and in old Korean text),
    /// with the CJK punctuation and full-width forms written beside them.
    Han,
    /// Japanese hiragana and katakana.
    Kana,
    /// Korean Hangul.
    Hangul,
    /// Arabic, also Persian, Urdu and the other languages written with it.
    Arabic,
    /// Hebrew, also Yiddish.
    Hebrew,
    /// Greek.
    Greek,
    /// Cyrillic: Russian, Ukrainian, Serbian, Kazakh...
    Cyrillic,
    /// Armenian.
    Armenian,
    /// Georgian.
    Georgian,
    /// Devanagari: Hindi, Marathi, Nepali...
    Devanagari,
    /// Thai.
    Thai,
}

impl Script {
    /// Every script, in the order they are listed to the user.
    pub const ALL: [Script; 11] = [
        Script::Han,
        Script::Kana,
        Script::Hangul,
        Script::Arabic,
        Script::Hebrew,
        Script::Greek,
        Script::Cyrillic,
        Script::Armenian,
        Script::Georgian,
        Script::Devanagari,
        Script::Thai,
    ];

    /// The script's short name, as the state summary lists it.
    pub fn name(self) -> &'static str {
        match self {
            Script::Han => "Han",
            Script::Kana => "Kana",
            Script::Hangul => "Hangul",
            Script::Arabic => "Arabic",
            Script::Hebrew => "Hebrew",
            Script::Greek => "Greek",
            Script::Cyrillic => "Cyrillic",
            Script::Armenian => "Armenian",
            Script::Georgian => "Georgian",
            Script::Devanagari => "Devanagari",
            Script::Thai => "Thai",
        }
    }

    /// What the user reads in a notification: the script and who writes it.
    pub fn description(self) -> &'static str {
        match self {
            Script::Han => "Chinese characters (Han)",
            Script::Kana => "Japanese kana",
            Script::Hangul => "Korean Hangul",
            Script::Arabic => "Arabic script (Arabic, Persian, Urdu)",
            Script::Hebrew => "Hebrew script",
            Script::Greek => "Greek script",
            Script::Cyrillic => "Cyrillic script",
            Script::Armenian => "Armenian script",
            Script::Georgian => "Georgian script",
            Script::Devanagari => "Devanagari script (Hindi, Marathi, Nepali)",
            Script::Thai => "Thai script",
        }
    }

    /// The Debian package with a font for this script.
    pub fn debian_package(self) -> &'static str {
        match self {
            Script::Han | Script::Kana | Script::Hangul => "fonts-noto-cjk",
            _ => "fonts-noto-core",
        }
    }

    /// Characters a font must all have to count as covering the script:
    /// common letters, and for Arabic the Persian ones too.
    pub fn samples(self) -> &'static [char] {
        match self {
            Script::Han => &['中', '国', '人', '的', '說', '語'],
            Script::Kana => &['あ', 'の', 'カ', 'ン'],
            Script::Hangul => &['한', '국', '어', 'ㄱ'],
            Script::Arabic => &['ا', 'ب', 'ع', 'ي', 'پ', 'ک', 'ی'],
            Script::Hebrew => &['א', 'ב', 'ש', 'ל', 'ם'],
            Script::Greek => &['α', 'λ', 'Ω', 'ς'],
            Script::Cyrillic => &['Ж', 'я', 'ы', 'ё'],
            Script::Armenian => &['Ա', 'ա', 'ր', 'ն'],
            Script::Georgian => &['ა', 'ქ', 'ე', 'ს'],
            Script::Devanagari => &['क', 'ह', 'ि', '्'],
            Script::Thai => &['ก', 'ข', 'ไ', 'า'],
        }
    }

    /// Words in font family names that mark a font made for this script,
    /// best first ("Noto Sans CJK SC" for Chinese, "Noto Sans Arabic"...).
    pub fn family_hints(self) -> &'static [&'static str] {
        match self {
            Script::Han => &["cjk sc", "cjk tc", "cjk", "han", "hei", "song", "ming"],
            Script::Kana => &["cjk jp", "cjk", "gothic", "mincho"],
            Script::Hangul => &["cjk kr", "cjk", "gothic", "myeongjo"],
            Script::Arabic => &["arabic", "naskh", "kufi", "nastaliq"],
            Script::Hebrew => &["hebrew"],
            Script::Greek => &["greek"],
            Script::Cyrillic => &["cyrillic"],
            Script::Armenian => &["armenian"],
            Script::Georgian => &["georgian"],
            Script::Devanagari => &["devanagari"],
            Script::Thai => &["thai", "looped"],
        }
    }

    /// The script of `c`, when it is one of these (`None` for Latin, digits,
    /// punctuation and scripts not listed).
    pub fn of(c: char) -> Option<Script> {
        let u = c as u32;
        if u < 0x0370 {
            return None; // ASCII, Latin and the combining marks: bundled
        }
        Some(match u {
            0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
            0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
            0x0530..=0x058F | 0xFB13..=0xFB17 => Script::Armenian,
            0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
            0x0900..=0x097F | 0xA8E0..=0xA8FF => Script::Devanagari,
            0x0E00..=0x0E7F => Script::Thai,
            0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => Script::Georgian,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xFFA0..=0xFFDC => Script::Hangul,
            0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF65..=0xFF9F | 0x1B000..=0x1B16F => Script::Kana,
            // Radicals, CJK punctuation, the ideographs and their
            // extensions, compatibility ideographs, full-width forms.
            0x2E80..=0x2FDF
            | 0x3000..=0x303F
            | 0x3190..=0x319F
            | 0x31C0..=0x31EF
            | 0x3200..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF64
            | 0xFFE0..=0xFFEF
            | 0x20000..=0x3134F => Script::Han,
            _ => return None,
        })
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A set of scripts (a bit per script).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ScriptSet(u16);

impl ScriptSet {
    /// No script.
    pub const EMPTY: ScriptSet = ScriptSet(0);

    /// Every script.
    pub fn all() -> ScriptSet {
        Script::ALL.iter().copied().collect()
    }

    /// Adds `script`.
    pub fn insert(&mut self, script: Script) {
        self.0 |= script.bit();
    }

    /// True when `script` is in the set.
    pub fn contains(self, script: Script) -> bool {
        self.0 & script.bit() != 0
    }

    /// True when the set has no script.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The scripts in both sets.
    pub fn intersection(self, other: ScriptSet) -> ScriptSet {
        ScriptSet(self.0 & other.0)
    }

    /// The scripts in either set.
    pub fn union(self, other: ScriptSet) -> ScriptSet {
        ScriptSet(self.0 | other.0)
    }

    /// The scripts of this set not in `other`.
    pub fn difference(self, other: ScriptSet) -> ScriptSet {
        ScriptSet(self.0 & !other.0)
    }

    /// The scripts, in [`Script::ALL`]'s order.
    pub fn iter(self) -> impl Iterator<Item = Script> {
        Script::ALL.into_iter().filter(move |s| self.contains(*s))
    }

    /// The scripts' short names, in [`Script::ALL`]'s order.
    pub fn names(self) -> Vec<&'static str> {
        self.iter().map(Script::name).collect()
    }

    /// Adds the scripts `text` uses. ASCII text is skipped at once; other
    /// text is read a character at a time, stopping when every script is in.
    pub fn add_text(&mut self, text: &str) {
        if text.is_ascii() {
            return;
        }
        let all = ScriptSet::all();
        for c in text.chars() {
            if let Some(script) = Script::of(c) {
                self.insert(script);
                if *self == all {
                    return;
                }
            }
        }
    }

    /// The scripts `text` uses.
    pub fn of_text(text: &str) -> ScriptSet {
        let mut set = ScriptSet::EMPTY;
        set.add_text(text);
        set
    }
}

impl FromIterator<Script> for ScriptSet {
    fn from_iter<I: IntoIterator<Item = Script>>(iter: I) -> Self {
        let mut set = ScriptSet::EMPTY;
        for s in iter {
            set.insert(s);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_sample_belongs_to_its_script() {
        for script in Script::ALL {
            for &c in script.samples() {
                assert_eq!(Script::of(c), Some(script), "{c} (U+{:04X})", c as u32);
            }
        }
    }

    #[test]
    fn latin_digits_and_punctuation_need_no_fallback() {
        assert_eq!(ScriptSet::of_text("The Union, 1790: état, naïve, Straße — “quoted” …"), ScriptSet::EMPTY);
    }

    #[test]
    fn scripts_of_real_sentences() {
        let cases: [(&str, &[Script]); 10] = [
            ("中华人民共和国主席习近平发表讲话。", &[Script::Han]),
            ("日本国憲法は、国民の権利を定めている。", &[Script::Han, Script::Kana]),
            ("대한민국 국회에서 연설했다", &[Script::Hangul]),
            ("سخنرانی رئیس جمهور در مجلس", &[Script::Arabic]),
            ("الرئيس يلقي كلمة في 2020", &[Script::Arabic]),
            ("ראש הממשלה נאם בכנסת ב-2020", &[Script::Hebrew]),
            ("Президент выступил в Кремле", &[Script::Cyrillic]),
            ("Ο πρωθυπουργός μίλησε στη Βουλή", &[Script::Greek]),
            ("Հայաստանի Հանրապետություն / საქართველოს პარლამენტი", &[Script::Armenian, Script::Georgian]),
            ("प्रधानमंत्री ने संसद में भाषण दिया / นายกรัฐมนตรีกล่าว", &[Script::Devanagari, Script::Thai]),
        ];
        for (text, scripts) in cases {
            assert_eq!(ScriptSet::of_text(text), scripts.iter().copied().collect(), "{text}");
        }
    }

    #[test]
    fn cjk_punctuation_and_full_width_forms_are_han() {
        assert_eq!(ScriptSet::of_text("“，”、「」。（）"), ScriptSet::of_text("中"));
        assert_eq!(Script::of('ｶ'), Some(Script::Kana)); // half-width katakana
        assert_eq!(Script::of('𠀋'), Some(Script::Han)); // extension B
    }

    #[test]
    fn set_operations() {
        let a: ScriptSet = [Script::Han, Script::Arabic].into_iter().collect();
        let b: ScriptSet = [Script::Arabic, Script::Hebrew].into_iter().collect();
        assert_eq!(a.intersection(b).names(), ["Arabic"]);
        assert_eq!(a.union(b).names(), ["Han", "Arabic", "Hebrew"]);
        assert_eq!(a.difference(b).names(), ["Han"]);
        assert!(ScriptSet::EMPTY.is_empty());
        assert_eq!(ScriptSet::all().iter().count(), Script::ALL.len());
    }

    #[test]
    fn packages_named_for_missing_scripts() {
        assert_eq!(Script::Han.debian_package(), "fonts-noto-cjk");
        assert_eq!(Script::Hangul.debian_package(), "fonts-noto-cjk");
        assert_eq!(Script::Hebrew.debian_package(), "fonts-noto-core");
        assert_eq!(Script::Georgian.debian_package(), "fonts-noto-core");
    }
}
