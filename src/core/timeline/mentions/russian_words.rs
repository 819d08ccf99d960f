//! The Russian words the date rules know, in every case form that occurs,
//! in their matching form (lowercase, ё written е): month and season names,
//! numbers as words, the units counted in `три года назад`, and the
//! adjectives of `в прошлом году`.

use super::calendar::{Adjective, Season, Unit};

/// Month names: stem, month, and whether the stem takes the soft endings
/// (`январь`, `января`, `январе`, `январю`, `январем`) or the hard ones
/// (`март`, `марта`, `марте`, `марту`, `мартом`).
const MONTHS: &[(&str, u32, bool)] = &[
    ("январ", 1, true),
    ("феврал", 2, true),
    ("март", 3, false),
    ("апрел", 4, true),
    ("июн", 6, true),
    ("июл", 7, true),
    ("август", 8, false),
    ("сентябр", 9, true),
    ("октябр", 10, true),
    ("ноябр", 11, true),
    ("декабр", 12, true),
];

/// The month a word names, and whether it is in the genitive (`ноября`, as
/// after a day: `7 ноября`).
pub(super) fn month(w: &str) -> Option<(u32, bool)> {
    match w {
        "май" | "мае" | "маю" | "маем" => return Some((5, false)),
        "мая" => return Some((5, true)),
        _ => {}
    }
    MONTHS.iter().find_map(|&(stem, m, soft)| {
        let ending = w.strip_prefix(stem)?;
        let (endings, genitive): (&[&str], &str) =
            if soft { (&["ь", "я", "е", "ю", "ем"], "я") } else { (&["", "а", "е", "у", "ом"], "а") };
        endings.contains(&ending).then_some((m, ending == genitive))
    })
}

/// The season a word names, in any case (`осенью`, `зимой`, `летом`, `весны`).
pub(super) fn season(w: &str) -> Option<Season> {
    Some(match w {
        "зима" | "зимы" | "зиме" | "зиму" | "зимой" | "зимою" => Season::Winter,
        "весна" | "весны" | "весне" | "весну" | "весной" | "весною" => Season::Spring,
        "лето" | "лета" | "лету" | "летом" | "лете" => Season::Summer,
        "осень" | "осени" | "осенью" => Season::Autumn,
        _ => return None,
    })
}

/// A word for "year" after a year's digits: `год`, `года`, `году`,
/// `годом`, the plural forms of `в 2014–2015 годах`, and `г`/`гг` (`г.`).
pub(super) fn is_year_word(w: &str) -> bool {
    matches!(
        w,
        "год"
            | "года"
            | "году"
            | "годом"
            | "годе"
            | "годы"
            | "годов"
            | "годам"
            | "годами"
            | "годах"
            | "г"
            | "гг"
    )
}

/// Numbers as words, in the case forms that count things (`три`, `трех`,
/// `трем`, `тремя`; `одна`, `одну`).
const NUMBERS: &[(u32, &[&str])] = &[
    (1, &["один", "одна", "одно", "одного", "одной", "одному", "одним", "одну", "одном"]),
    (2, &["два", "две", "двух", "двум", "двумя"]),
    (3, &["три", "трех", "трем", "тремя"]),
    (4, &["четыре", "четырех", "четырем", "четырьмя"]),
    (5, &["пять", "пяти", "пятью"]),
    (6, &["шесть", "шести", "шестью"]),
    (7, &["семь", "семи", "семью"]),
    (8, &["восемь", "восьми", "восемью", "восьмью"]),
    (9, &["девять", "девяти", "девятью"]),
    (10, &["десять", "десяти", "десятью"]),
    (40, &["сорок", "сорока"]),
    (50, &["пятьдесят", "пятидесяти", "пятьюдесятью"]),
    (60, &["шестьдесят", "шестидесяти", "шестьюдесятью"]),
    (70, &["семьдесят", "семидесяти", "семьюдесятью"]),
    (80, &["восемьдесят", "восьмидесяти", "восемьюдесятью"]),
    (90, &["девяносто", "девяноста"]),
    (100, &["сто", "ста"]),
];

/// Numbers whose forms end like `двадцать`, `двадцати`, `двадцатью`.
const NUMBERS_SOFT: &[(u32, &str)] = &[
    (11, "одиннадцат"),
    (12, "двенадцат"),
    (13, "тринадцат"),
    (14, "четырнадцат"),
    (15, "пятнадцат"),
    (16, "шестнадцат"),
    (17, "семнадцат"),
    (18, "восемнадцат"),
    (19, "девятнадцат"),
    (20, "двадцат"),
    (30, "тридцат"),
];

/// The number a word says (`трех` → 3, `двадцать` → 20).
pub(super) fn number_word(w: &str) -> Option<u32> {
    if let Some(&(n, _)) = NUMBERS.iter().find(|(_, forms)| forms.contains(&w)) {
        return Some(n);
    }
    NUMBERS_SOFT.iter().find_map(|&(n, stem)| matches!(w.strip_prefix(stem)?, "ь" | "и" | "ью").then_some(n))
}

/// The unit a word counts (`года`, `лет`, `месяцев`, `неделю`), and whether
/// it is a singular that counts one by itself (`год назад`, `неделю
/// назад`; not `лет назад`, which needs a number).
pub(super) fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "день" => (Unit::Day, true),
        "дня" | "дней" | "дням" | "днями" => (Unit::Day, false),
        "неделю" => (Unit::Week, true),
        "неделя" | "недели" | "недель" | "неделям" | "неделями" => (Unit::Week, false),
        "месяц" => (Unit::Month, true),
        "месяца" | "месяцев" | "месяцам" | "месяцами" => (Unit::Month, false),
        "год" => (Unit::Year, true),
        "года" | "лет" | "годам" | "годами" => (Unit::Year, false),
        "десятилетие" => (Unit::Decade, true),
        "десятилетия" | "десятилетий" | "десятилетиями" => (Unit::Decade, false),
        "век" | "столетие" => (Unit::Century, true),
        "века" | "веков" | "столетия" | "столетий" => (Unit::Century, false),
        _ => return None,
    })
}

/// Counts said in one or two words of their own, and how many words:
/// `полгода` (six months), `полтора года` (eighteen months), `полвека`
/// (fifty years), `четверть века` (twenty-five years).
pub(super) fn fraction_count(w: &str, next: Option<&str>) -> Option<(u32, Unit, usize)> {
    Some(match (w, next) {
        ("полгода", _) => (6, Unit::Month, 1),
        ("полвека" | "полстолетия", _) => (50, Unit::Year, 1),
        ("полтора", Some("года")) => (18, Unit::Month, 2),
        ("полтора", Some("десятилетия")) => (15, Unit::Year, 2),
        ("полтора", Some("века" | "столетия")) => (150, Unit::Year, 2),
        ("четверть", Some("века" | "столетия")) => (25, Unit::Year, 2),
        _ => return None,
    })
}

/// A period named with an adjective: `году`, `месяце`, `неделе`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Period {
    Year,
    Month,
    Week,
}

/// The period a word names, in any case (`год`, `года`, `месяце`, `неделю`).
pub(super) fn period(w: &str) -> Option<Period> {
    Some(match w {
        "год" | "года" | "году" | "годом" => Period::Year,
        "месяц" | "месяца" | "месяцу" | "месяцем" | "месяце" => Period::Month,
        "неделя" | "недели" | "неделе" | "неделю" | "неделей" | "неделею" => {
            Period::Week
        }
        _ => return None,
    })
}

/// The adjective a word is, in any gender and case (`прошлом`, `прошлой`,
/// `прошлого`, `следующем`, `этим`).
pub(super) fn adjective(w: &str) -> Option<Adjective> {
    const HARD: &[&str] = &["ый", "ого", "ому", "ым", "ом", "ая", "ой", "ую", "ое"];
    const SOFT: &[&str] = &["ий", "его", "ему", "им", "ем", "ая", "ей", "ую", "ее"];
    let stems: &[(&str, Adjective, &[&str])] = &[
        ("позапрошл", Adjective::BeforeLast, HARD),
        ("прошл", Adjective::Last, HARD),
        ("минувш", Adjective::Last, SOFT),
        ("прошедш", Adjective::Last, SOFT),
        ("следующ", Adjective::Next, SOFT),
        ("будущ", Adjective::Next, SOFT),
        ("наступающ", Adjective::Next, SOFT),
        ("грядущ", Adjective::Next, SOFT),
        ("текущ", Adjective::This, SOFT),
        ("нынешн", Adjective::This, SOFT),
    ];
    if matches!(w, "этот" | "этого" | "этому" | "этим" | "этом" | "эта" | "этой" | "эту")
    {
        return Some(Adjective::This);
    }
    stems.iter().find_map(|&(stem, adj, endings)| endings.contains(&w.strip_prefix(stem)?).then_some(adj))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_forms() {
        assert_eq!(month("ноября"), Some((11, true)));
        assert_eq!(month("сентябре"), Some((9, false)));
        assert_eq!(month("мартом"), Some((3, false)));
        assert_eq!(month("марта"), Some((3, true)));
        assert_eq!(month("мая"), Some((5, true)));
        assert_eq!(month("мартышка"), None);
        assert_eq!(number_word("трех"), Some(3));
        assert_eq!(number_word("двадцати"), Some(20));
        assert_eq!(number_word("третьем"), None);
        assert_eq!(adjective("прошлом"), Some(Adjective::Last));
        assert_eq!(adjective("позапрошлом"), Some(Adjective::BeforeLast));
        assert_eq!(adjective("следующего"), Some(Adjective::Next));
        assert_eq!(adjective("прошлое"), Some(Adjective::Last));
        assert_eq!(adjective("прошлогодний"), None);
        assert_eq!(season("осенью"), Some(Season::Autumn));
    }
}
