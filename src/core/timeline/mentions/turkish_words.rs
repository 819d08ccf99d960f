//! The Turkish words the date rules know, in their matching form (Turkish
//! lowercase: `KASIM` is `kasım`, `İstanbul` is `istanbul`), with the case
//! suffixes that occur on them: month and season names, numbers, the units
//! counted in `üç yıl önce`, and the nouns of `geçen yıl`.

use super::calendar::{Adjective, Season, Unit};
use crate::core::text::dates::TURKISH_MONTHS;

/// Case suffixes written straight onto a month name, season or noun
/// without an apostrophe (`haziranda`, `eylülden`, `şubatta`, `kasıma`);
/// not the accusative, which makes other words of month names (`martı`,
/// "seagull").
const GLUED: &[&str] = &[
    "da", "de", "ta", "te", "dan", "den", "tan", "ten", "a", "e", "ya", "ye", "ın", "in", "un", "ün", "daki", "deki",
    "taki", "teki", "ına", "ine", "una", "üne", "ında", "inde", "unda", "ünde", "ından", "inden", "undan", "ünden",
];

/// How a word carries a name: alone, with a suffix after an apostrophe
/// (`Eylül'de`, `2016'da`), or with one glued on (`eylülde`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// The name alone (`Haziran`).
    Plain,
    /// A suffix after an apostrophe (`Haziran'da`).
    Apostrophe,
    /// A suffix glued on (`haziranda`).
    Glued,
}

/// `w` as `stem` with a suffix: after an apostrophe any suffix but a
/// plural (`1990'lı`, `Haziran'lar`) or an ordinal (`'üncü`); glued, one of
/// `glued`.
fn with_suffix(w: &str, stem: &str, glued: &[&str]) -> Option<Form> {
    let rest = w.strip_prefix(stem)?;
    if rest.is_empty() {
        return Some(Form::Plain);
    }
    if let Some(suffix) = rest.strip_prefix('\'') {
        return is_case_suffix(suffix).then_some(Form::Apostrophe);
    }
    glued.contains(&rest).then_some(Form::Glued)
}

/// True for a suffix after an apostrophe that keeps a date a date: not
/// empty, not a plural or decade (`1990'lar`, `1990'lı`), not an amount
/// (`2014'lük`), not an ordinal (`'üncü`, `'nci`); `2014'le` ("with 2014")
/// is one.
pub(super) fn is_case_suffix(suffix: &str) -> bool {
    const NOT: &[&str] = &["lar", "ler", "lı", "li", "lu", "lü", "lık", "lik", "luk", "lük"];
    !suffix.is_empty() && !NOT.iter().any(|s| suffix.starts_with(s)) && !suffix.contains("nc") && !suffix.contains("nç")
}

/// The month a word names, and how. `ocak` (also "hearth") and `aralık`
/// (also "gap": `bu aralıkta`) take no glued suffix; `Aralık'ta` and
/// `Aralık ayında` still count.
pub(super) fn month(w: &str) -> Option<(u32, Form)> {
    TURKISH_MONTHS.iter().find_map(|&(name, m)| {
        let glued: &[&str] = if matches!(name, "ocak" | "aralık") { &[] } else { GLUED };
        with_suffix(w, name, glued).map(|f| (m, f))
    })
}

/// The season a word names (`kış`, `ilkbahar`, `bahar`, `yaz`,
/// `sonbahar`, `güz`), alone or with a suffix (`sonbaharında`, `kışın`,
/// `yazın`), and how.
pub(super) fn season(w: &str) -> Option<(Season, Form)> {
    const SEASONS: &[(&str, Season)] = &[
        ("sonbahar", Season::Autumn),
        ("ilkbahar", Season::Spring),
        ("bahar", Season::Spring),
        ("güz", Season::Autumn),
        ("kış", Season::Winter),
        ("yaz", Season::Summer),
    ];
    SEASONS.iter().find_map(|&(stem, s)| {
        // `yazı` is "writing", `yaza` "to write": only the summer's forms.
        let glued: &[&str] = match stem {
            "yaz" => &["ın", "ında", "da", "dan", "ından"],
            "kış" => &["ın", "ında", "ta", "tan", "ından"],
            _ => GLUED,
        };
        with_suffix(w, stem, glued).map(|f| (s, f))
    })
}

/// `ay`, `ayında`, `ayı`: the word "month" after a month name (`Haziran ayında`).
pub(super) fn is_month_word(w: &str) -> bool {
    matches!(w, "ay" | "ayı" | "ayın" | "ayında" | "ayından" | "ayına" | "ayındaki" | "ayının" | "ayınca")
}

/// `yılında`, `yılı`, `senesinde`: the word "year" after a year (`2014
/// yılında`).
pub(super) fn is_year_word(w: &str) -> bool {
    matches!(
        w,
        "yıl"
            | "yılı"
            | "yılın"
            | "yılında"
            | "yılından"
            | "yılına"
            | "yılındaki"
            | "yılının"
            | "yılınca"
            | "senesi"
            | "senesinde"
            | "senesinden"
            | "senesine"
            | "senesinin"
    )
}

/// `yılının`, `yılı`, `senesinin`: "of the year", between a year and a
/// month or season (`2016 yılının Eylül ayında`).
pub(super) fn is_of_year_word(w: &str) -> bool {
    matches!(w, "yılı" | "yılının" | "senesi" | "senesinin")
}

/// `yıllarında`, `yılları`: the plural "years" after two years (`2014 ve
/// 2015 yıllarında`).
pub(super) fn is_years_word(w: &str) -> bool {
    matches!(w, "yıllar" | "yılları" | "yıllarında" | "yıllarından" | "yıllarına" | "yıllarda" | "yıllarındaki")
}

/// The number a word says (`üç` → 3, `kırk` → 40).
pub(super) fn number_word(w: &str) -> Option<u32> {
    const NUMBERS: &[(&str, u32)] = &[
        ("bir", 1),
        ("iki", 2),
        ("üç", 3),
        ("dört", 4),
        ("beş", 5),
        ("altı", 6),
        ("yedi", 7),
        ("sekiz", 8),
        ("dokuz", 9),
        ("on", 10),
        ("yirmi", 20),
        ("otuz", 30),
        ("kırk", 40),
        ("elli", 50),
        ("altmış", 60),
        ("yetmiş", 70),
        ("seksen", 80),
        ("doksan", 90),
        ("yüz", 100),
    ];
    NUMBERS.iter().find(|(n, _)| *n == w).map(|&(_, v)| v)
}

/// The unit a word counts in `üç yıl önce` (`gün`, `hafta`, `ay`, `yıl`,
/// `sene`, `asır`, `yüzyıl`).
pub(super) fn unit(w: &str) -> Option<Unit> {
    Some(match w {
        "gün" => Unit::Day,
        "hafta" => Unit::Week,
        "ay" => Unit::Month,
        "yıl" | "sene" => Unit::Year,
        "asır" | "yüzyıl" => Unit::Century,
        _ => return None,
    })
}

/// Counts said with a fraction, two words: `çeyrek asır` (twenty-five
/// years), `yarım asır` (fifty).
pub(super) fn fraction_count(w: &str, next: Option<&str>) -> Option<(u32, Unit)> {
    Some(match (w, next?) {
        ("çeyrek", "asır" | "yüzyıl") => (25, Unit::Year),
        ("yarım", "asır" | "yüzyıl") => (50, Unit::Year),
        _ => return None,
    })
}

/// The word after a count that makes it "ago": `önce`, `evvel`, and the
/// adjectives `önceki`, `evvelki` (`üç yıl önceki seçim`).
pub(super) fn is_ago(w: &str) -> bool {
    matches!(w, "önce" | "evvel" | "önceki" | "evvelki")
}

/// A period named after `geçen`, `gelecek` and the like, in its case forms
/// (no plural: `geçen yıllar` is "past years").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Period {
    Day,
    Week,
    Month,
    Year,
}

/// The period a word names: `yıl`, `yılın`, `seneki`, `ay`, `hafta`, `gün`.
pub(super) fn period(w: &str) -> Option<Period> {
    const FORMS: &[(&str, &[&str], Period)] = &[
        ("yıl", &["", "ı", "ın", "a", "da", "dan", "ki"], Period::Year),
        ("sene", &["", "nin", "yi", "ye", "de", "den", "ki"], Period::Year),
        ("ay", &["", "ı", "ın", "a", "da", "dan", "ki"], Period::Month),
        ("hafta", &["", "nın", "yı", "ya", "da", "dan", "ki"], Period::Week),
        ("gün", &["", "ü", "ün", "e", "de", "den", "kü"], Period::Day),
    ];
    FORMS.iter().find_map(|&(stem, endings, p)| endings.contains(&w.strip_prefix(stem)?).then_some(p))
}

/// The adjective a word is.
pub(super) fn adjective(w: &str) -> Option<Adjective> {
    Some(match w {
        "geçen" | "geçtiğimiz" => Adjective::Last,
        "evvelki" | "evvelsi" | "önceki" => Adjective::BeforeLast,
        "gelecek" | "önümüzdeki" => Adjective::Next,
        "bu" => Adjective::This,
        _ => return None,
    })
}

/// Legal acts whose quoted titles hold years that name them (`"2014 Yılı
/// Merkezi Yönetim Bütçe Kanunu"`).
pub(super) fn is_legal_act(w: &str) -> bool {
    ["kanun", "yasa", "kararname", "yönetmelik", "tüzük", "genelge"].iter().any(|stem| w.starts_with(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_suffixes() {
        assert_eq!(month("kasım"), Some((11, Form::Plain)));
        assert_eq!(month("eylül'de"), Some((9, Form::Apostrophe)));
        assert_eq!(month("haziranda"), Some((6, Form::Glued)));
        assert_eq!(month("aralıkta"), None);
        assert_eq!(month("aralık'ta"), Some((12, Form::Apostrophe)));
        assert_eq!(month("martı"), None);
        assert_eq!(month("haziran'lar"), None);
        assert_eq!(season("sonbaharında"), Some((Season::Autumn, Form::Glued)));
        assert_eq!(season("yazı"), None);
        assert_eq!(period("yılın"), Some(Period::Year));
        assert_eq!(period("yıllar"), None);
        assert!(is_case_suffix("da") && is_case_suffix("le") && !is_case_suffix("lı") && !is_case_suffix("üncü"));
        assert!(!is_case_suffix("lerde") && !is_case_suffix("lük"));
    }
}
