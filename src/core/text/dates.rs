//! Reading dates the way transcripts write them: `7 November 201814:07`,
//! `November 7, 2018`, `7 ноября 2018 14:07`, `7 Kasım 2018`, `7.11.2018`,
//! `2018-11-07`, `07/11/2018`, `2018年11月7日` (Chinese and Japanese),
//! `2018년 11월 7일` (Korean), with Arabic-Indic, Persian or full-width
//! digits as well as ASCII ones, and dates in file names.

use std::ops::Range;

use chrono::{Datelike, NaiveDate, NaiveTime};
use regex::Captures;

use crate::core::text::pattern::{Pattern, compile as re};

use crate::core::text::transcript::DatePrecision;

/// A date read from text, with the time of day when one was written next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// The day (first day of the period for month or year precision).
    pub date: NaiveDate,
    /// How much of the date the text gave.
    pub precision: DatePrecision,
    /// The time of day written with the date, if any.
    pub time: Option<NaiveTime>,
    /// For an ambiguous numeric date like `07/11/2018`, the other reading.
    pub alternative: Option<NaiveDate>,
    /// Byte range of the date (and time) in the searched text.
    pub range: Range<usize>,
}

/// Which way to read an all-numeric `dd/mm/yyyy` or `mm/dd/yyyy` date when
/// both are possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DayOrder {
    /// Day first (British, Russian, Turkish and most other locales).
    DayFirst,
    /// Month first (United States).
    MonthFirst,
    /// Nothing decides; month first is used and the date is marked ambiguous.
    #[default]
    Unknown,
}

impl DayOrder {
    /// Infers the order from language tags such as `en-GB`, `en-US`, `ru-RU`.
    pub fn from_languages<S: AsRef<str>>(langs: &[S]) -> DayOrder {
        for l in langs {
            let l = l.as_ref().to_ascii_lowercase();
            if l == "en-us" || l.starts_with("en-us") {
                return DayOrder::MonthFirst;
            }
            if l.starts_with("en") && l.len() == 2 {
                continue;
            }
            if !l.is_empty() {
                return DayOrder::DayFirst;
            }
        }
        DayOrder::Unknown
    }
}

/// English (full and abbreviated) and Russian month names; Turkish ones
/// are [`TURKISH_MONTHS`].
const MONTHS: &[(&str, u32)] = &[
    // English, full and abbreviated.
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // Russian, genitive (as in "7 ноября 2018") and nominative.
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
];

/// The Turkish month names, in Turkish lowercase (the mentioned-date rules
/// read them too, with their suffixes).
pub const TURKISH_MONTHS: &[(&str, u32)] = &[
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
];

/// Month number for a month name in English, Russian or Turkish.
pub fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_lowercase();
    // Turkish capital İ lowercases to "i̇" outside a Turkish locale; fold it.
    let lower = lower.replace("i\u{307}", "i");
    MONTHS.iter().chain(TURKISH_MONTHS).find(|(n, _)| *n == lower).map(|&(_, m)| m)
}

fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.iter().chain(TURKISH_MONTHS).map(|(n, _)| *n).collect();
    // Longest first so "september" wins over "sep".
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.join("|")
}

/// Time written after a date: `14:07`, glued to the year (`201814:07`), or
/// `2:07 p.m.`.
const TIME: &str = r"(?:\s*(?:,|at|в)?\s*(?P<hh>[0-9]{1,2}):(?P<mm>[0-9]{2})(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?)?";

static DAY_MONTH_YEAR: Pattern = Pattern::new(|| {
    re(&format!(
        r"(?i)\b(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{})\.?,?\s+(?P<y>[0-9]{{4}})(?:\s*(?:г\.|года|year))?{TIME}",
        month_alternation()
    ))
});

static MONTH_DAY_YEAR: Pattern = Pattern::new(|| {
    re(&format!(
        r"(?i)\b(?P<mon>{})\.?\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{{4}}){TIME}",
        month_alternation()
    ))
});

static MONTH_YEAR: Pattern =
    Pattern::new(|| re(&format!(r"(?i)\b(?P<mon>{})\.?,?\s+(?P<y>[0-9]{{4}})\b", month_alternation())));

static ISO: Pattern = Pattern::new(|| {
    re(
        r"\b(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?:[T ](?P<hh>[0-9]{2}):(?P<mm>[0-9]{2})(?::[0-9]{2})?)?\b",
    )
});

static DOTTED: Pattern =
    Pattern::new(|| re(&format!(r"\b(?P<d>[0-9]{{1,2}})\.(?P<m>[0-9]{{1,2}})\.(?P<y>[0-9]{{4}})\b{TIME}")));

static SLASHED: Pattern =
    Pattern::new(|| re(&format!(r"\b(?P<a>[0-9]{{1,2}})/(?P<b>[0-9]{{1,2}})/(?P<y>[0-9]{{4}})\b{TIME}")));

/// Chinese and Japanese `2018年11月7日` (日 or 号), Korean `2018년 11월 7일`,
/// with an optional time after (`14:07`, `14时07分`, `14時07分`).
static CJK_YMD: Pattern = Pattern::new(|| {
    re(
        r"(?P<y>[0-9]{4})\s*[年년]\s*(?P<m>[0-9]{1,2})\s*[月월]\s*(?P<d>[0-9]{1,2})\s*[日号號일](?:\s*(?P<hh>[0-9]{1,2})\s*(?::|[时時시])\s*(?P<mm>[0-9]{2})\s*[分분]?)?",
    )
});

static YEAR_MONTH: Pattern = Pattern::new(|| re(r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})$"));
static YEAR_ONLY: Pattern = Pattern::new(|| re(r"^(?P<y>[0-9]{4})$"));

static FILE_DAY: Pattern =
    Pattern::new(|| re(r"(?:^|[^0-9])(?P<y>[12][0-9]{3})[-_.]?(?P<m>[01][0-9])[-_.]?(?P<d>[0-3][0-9])(?:[^0-9]|$)"));
static FILE_MONTH: Pattern = Pattern::new(|| re(r"(?:^|[^0-9])(?P<y>[12][0-9]{3})[-_.](?P<m>[01][0-9])(?:[^0-9]|$)"));
/// A year in a file name; [`file_year`] checks that no digit or letter
/// touches it (in the pattern, a Unicode letter class would take half a
/// megabyte of automaton for as long as the app runs).
static FILE_YEAR: Pattern = Pattern::new(|| re(r"[12][0-9]{3}"));

/// Latest year accepted as a speech date; anything later is a number, not a year.
const MAX_YEAR: i32 = 2100;
/// Earliest year accepted.
const MIN_YEAR: i32 = 1000;
/// Years written in non-ASCII digits below this are not Gregorian (see
/// [`find_day_date`]).
const HIJRI_YEARS_BELOW: i32 = 1600;

/// When a date written year first (`9999-12-31`, `0001-01-01`, `3000`)
/// has a year outside those read as speech dates (1000 to 2100), that year
/// and the range: the reason it is not read as a date, for a warning that
/// says so rather than that it was not understood.
pub fn year_outside_range(raw: &str) -> Option<(i32, std::ops::RangeInclusive<i32>)> {
    let t = raw.trim();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &t[digits..];
    if digits != 4 || !(rest.is_empty() || rest.starts_with(['-', '/', '.', 'T', ' '])) {
        return None;
    }
    let year: i32 = t[..digits].parse().ok()?;
    (!(MIN_YEAR..=MAX_YEAR).contains(&year)).then_some((year, MIN_YEAR..=MAX_YEAR))
}

fn num<T: std::str::FromStr>(c: &Captures, name: &str) -> Option<T> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

fn time_of(c: &Captures) -> Option<NaiveTime> {
    let mut h: u32 = num(c, "hh")?;
    let m: u32 = num(c, "mm")?;
    if let Some(ampm) = c.name("ampm") {
        let pm = ampm.as_str().eq_ignore_ascii_case("p");
        if h == 0 || h > 12 {
            return None;
        }
        h = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

fn range_without_time(c: &Captures) -> Range<usize> {
    let whole = c.get(0).map(|m| m.range()).unwrap_or(0..0);
    if c.name("hh").is_some() {
        whole
    } else {
        // The optional time group may have eaten trailing spaces or commas.
        let text = c.get(0).map(|m| m.as_str()).unwrap_or("");
        let trimmed = text.trim_end_matches([' ', ',', '\t']);
        whole.start..whole.start + trimmed.len()
    }
}

fn day_date(c: &Captures, date: Option<NaiveDate>) -> Option<FoundDate> {
    Some(FoundDate {
        date: date?,
        precision: DatePrecision::Day,
        time: time_of(c),
        alternative: None,
        range: range_without_time(c),
    })
}

/// Finds the first full date (day, month and year) in `text`, in any of the
/// supported ways of writing it.
///
/// All-numeric `a/b/yyyy` dates are read with `order`; when both readings are
/// valid and nothing decides, the month-first reading is returned with the
/// other one in [`FoundDate::alternative`].
pub fn find_day_date(text: &str, order: DayOrder) -> Option<FoundDate> {
    if !may_hold_a_date(text) {
        return None;
    }
    // Digits of other scripts are read as ASCII ones; the range found is
    // given back in the text as written.
    if let Some((ascii, at)) = ascii_digits(text) {
        let mut f = find_day_date(&ascii, order)?;
        f.range = at(f.range.start)..at(f.range.end);
        // A year before 1600 in Arabic or Persian digits is of the Hijri or
        // Solar Hijri calendar (۱۳۹۹ is 2020), not a Gregorian year.
        if f.date.year() < HIJRI_YEARS_BELOW
            && text.get(f.range.clone()).is_some_and(|r| r.chars().any(|c| unicode_digit(c).is_some()))
        {
            return None;
        }
        return Some(f);
    }
    let mut found: Vec<FoundDate> = Vec::new();
    let named = |c: &Captures| c.name("mon").and_then(|m| month_number(m.as_str()));
    // The first reading of each way of writing a date that makes a date.
    let first = |p: &Pattern, read: &dyn Fn(&Captures) -> Option<FoundDate>| {
        p.with(|re| re.captures_iter(text).find_map(|c| read(&c)))
    };
    let named_date = |c: &Captures| named(c).and_then(|m| day_date(c, ymd(num(c, "y")?, m, num(c, "d")?)));
    found.extend(first(&DAY_MONTH_YEAR, &named_date));
    found.extend(first(&MONTH_DAY_YEAR, &named_date));
    found.extend(first(&ISO, &numeric_ymd));
    found.extend(first(&DOTTED, &numeric_ymd));
    found.extend(first(&SLASHED, &|c| slashed(c, order)));
    found.extend(first(&CJK_YMD, &numeric_ymd));
    found.into_iter().min_by_key(|f| f.range.start)
}

/// False when `text` cannot hold a date [`find_day_date`] reads: every way
/// of writing one has a four-digit year, and `text` has no four decimal
/// digits in a row (in any script it reads). Deciding so costs no pattern,
/// whose compiling takes milliseconds.
pub fn may_hold_a_date(text: &str) -> bool {
    let mut run = 0;
    text.chars().any(|c| {
        run = if c.is_ascii_digit() || (!c.is_ascii() && unicode_digit(c).is_some()) { run + 1 } else { 0 };
        run == 4
    })
}

/// `text` with every decimal digit of another script (Arabic-Indic `٢٠١٨`,
/// Persian `۲۰۱۸`, full-width `２０１８`, Devanagari…) as its ASCII digit,
/// and a map from byte offsets in that copy to offsets in `text`; `None`
/// when `text` has only ASCII digits (the common case, left untouched).
fn ascii_digits(text: &str) -> Option<(String, impl Fn(usize) -> usize)> {
    let digit = |c: char| if c.is_ascii() { None } else { unicode_digit(c) };
    if !text.chars().any(|c| digit(c).is_some()) {
        return None;
    }
    let mut ascii = String::with_capacity(text.len());
    // For each byte of `ascii`, the offset in `text` of the character it came from.
    let mut from: Vec<usize> = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        match digit(c) {
            Some(d) => {
                ascii.push(char::from(b'0' + d as u8));
                from.push(i);
            }
            None => {
                ascii.push(c);
                from.extend(std::iter::repeat_n(i, c.len_utf8()));
            }
        }
    }
    from.push(text.len());
    let end = text.len();
    Some((ascii, move |k: usize| from.get(k).copied().unwrap_or(end)))
}

/// The value of a decimal digit of a script whose ten digits are
/// consecutive code points from a zero (Unicode's `Nd` blocks used in
/// speeches: Arabic-Indic, Persian, Devanagari, Bengali, Thai, full-width).
fn unicode_digit(c: char) -> Option<u32> {
    const ZEROS: [u32; 6] = [0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0xFF10];
    let c = c as u32;
    ZEROS.iter().find(|&&z| (z..z + 10).contains(&c)).map(|&z| c - z)
}

fn numeric_ymd(c: &Captures) -> Option<FoundDate> {
    day_date(c, ymd(num(c, "y")?, num(c, "m")?, num(c, "d")?))
}

fn slashed(c: &Captures, order: DayOrder) -> Option<FoundDate> {
    let (a, b, y): (u32, u32, i32) = (num(c, "a")?, num(c, "b")?, num(c, "y")?);
    let day_first = ymd(y, b, a);
    let month_first = ymd(y, a, b);
    let (date, alternative) = match (day_first, month_first) {
        (Some(d), Some(m)) if d == m => (d, None),
        (Some(d), Some(m)) => match order {
            DayOrder::DayFirst => (d, None),
            DayOrder::MonthFirst => (m, None),
            DayOrder::Unknown => (m, Some(d)),
        },
        (Some(d), None) => (d, None),
        (None, Some(m)) => (m, None),
        (None, None) => return None,
    };
    let mut f = day_date(c, Some(date))?;
    f.alternative = alternative;
    Some(f)
}

/// Reads a field value that should be a date (`date:` in front matter, a
/// sidecar cell): any full date, or `November 2018` / `2018-11` (month
/// precision), or `2018` (year precision). The value must hold nothing else
/// but the date, an optional time and punctuation.
pub fn parse_date_value(value: &str, order: DayOrder) -> Option<FoundDate> {
    let v = value.trim().trim_matches(['"', '\'']).trim();
    if let Some(f) = find_day_date(v, order) {
        let rest = format!("{}{}", &v[..f.range.start], &v[f.range.end..]);
        if is_filler(&rest) {
            return Some(f);
        }
    }
    if let Some(c) = YEAR_MONTH.with(|re| re.captures(v)) {
        return month_date(num(&c, "y")?, num(&c, "m")?, 0..v.len());
    }
    if let Some(c) = MONTH_YEAR.with(|re| re.captures(v))
        && c.get(0).is_some_and(|m| m.len() == v.len())
    {
        return month_date(num(&c, "y")?, c.name("mon").and_then(|m| month_number(m.as_str()))?, 0..v.len());
    }
    if let Some(c) = YEAR_ONLY.with(|re| re.captures(v)) {
        let y: i32 = num(&c, "y")?;
        return Some(FoundDate {
            date: ymd(y, 1, 1)?,
            precision: DatePrecision::Year,
            time: None,
            alternative: None,
            range: 0..v.len(),
        });
    }
    None
}

fn month_date(y: i32, m: u32, range: Range<usize>) -> Option<FoundDate> {
    Some(FoundDate { date: ymd(y, m, 1)?, precision: DatePrecision::Month, time: None, alternative: None, range })
}

fn is_filler(rest: &str) -> bool {
    rest.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation()).is_empty()
}

/// Reads a line that consists of a date and nothing else (a dateline at the
/// top of a page, like the ministry's `7 November 201814:07`).
pub fn parse_dateline(line: &str, order: DayOrder) -> Option<FoundDate> {
    let f = find_day_date(line, order)?;
    let rest = format!("{}{}", &line[..f.range.start], &line[f.range.end..]);
    is_filler(&rest).then_some(f)
}

/// Finds a date in a file name: `1790-01-08-washington`, `2018-11-07_lavrov`,
/// `20181107`, `2018-11_remarks` (month precision) or `1790-Washington-1`
/// (year precision). Long digit runs that merely contain a year do not count.
pub fn date_from_file_stem(stem: &str) -> Option<FoundDate> {
    let whole = 0..stem.len();
    if let Some(c) = FILE_DAY.with(|re| re.captures(stem))
        && let Some(date) = ymd(num(&c, "y")?, num(&c, "m")?, num(&c, "d")?)
    {
        return Some(FoundDate { date, precision: DatePrecision::Day, time: None, alternative: None, range: whole });
    }
    if let Some(c) = FILE_MONTH.with(|re| re.captures(stem))
        && let Some(f) = month_date(num(&c, "y")?, num(&c, "m")?, whole.clone())
    {
        return Some(f);
    }
    Some(FoundDate {
        date: ymd(file_year(stem)?, 1, 1)?,
        precision: DatePrecision::Year,
        time: None,
        alternative: None,
        range: whole,
    })
}

/// The first four-digit year in a file stem with neither a digit nor a
/// letter right before or after it (`1790-Washington-1`, not `A1790` or
/// `17901`).
fn file_year(stem: &str) -> Option<i32> {
    let apart = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_digit() && !c.is_alphabetic());
    FILE_YEAR.with(|re| {
        re.find_iter(stem)
            .find(|m| apart(stem[..m.start()].chars().next_back()) && apart(stem[m.end()..].chars().next()))
            .and_then(|m| m.as_str().parse().ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn t(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn chinese_japanese_and_korean_dates_with_and_without_a_time() {
        let f = find_day_date("2018年11月7日", DayOrder::Unknown).unwrap();
        assert_eq!((f.date, f.time, f.range), (d(2018, 11, 7), None, 0.."2018年11月7日".len()));
        let f = find_day_date("发布时间：2019年3月14日 14:07", DayOrder::Unknown).unwrap();
        assert_eq!((f.date, f.time), (d(2019, 3, 14), t(14, 7)));
        assert_eq!(find_day_date("2020年5月1号", DayOrder::Unknown).unwrap().date, d(2020, 5, 1));
        assert_eq!(find_day_date("令和2年 2020年 5月 1日 14時07分", DayOrder::Unknown).unwrap().time, t(14, 7));
        assert_eq!(find_day_date("2018년 11월 7일", DayOrder::Unknown).unwrap().date, d(2018, 11, 7));
        assert!(find_day_date("2018年13月7日", DayOrder::Unknown).is_none(), "no 13th month");
        assert!(find_day_date("2018年", DayOrder::Unknown).is_none(), "a year alone is no day");
        // A header line that is only the date.
        assert_eq!(parse_dateline("2018年11月7日", DayOrder::Unknown).unwrap().date, d(2018, 11, 7));
    }

    #[test]
    fn arabic_indic_persian_and_full_width_digits_read_as_digits_with_the_range_as_written() {
        let text = "القاهرة ٠١/٠٥/٢٠٢٠";
        let f = find_day_date(text, DayOrder::DayFirst).unwrap();
        assert_eq!(f.date, d(2020, 5, 1));
        assert_eq!(&text[f.range.clone()], "٠١/٠٥/٢٠٢٠");
        // A Solar Hijri date (12 Ordibehesht 1399) is not taken for 1399 CE.
        assert!(find_day_date("۱۲/۰۲/۱۳۹۹", DayOrder::DayFirst).is_none());
        let text = "تهران ۱۴:۳۰ ۷.۱۱.۲۰۱۸";
        let f = find_day_date(text, DayOrder::DayFirst).unwrap();
        assert_eq!(f.date, d(2018, 11, 7));
        assert_eq!(&text[f.range.clone()], "۷.۱۱.۲۰۱۸");
        let f = find_day_date("２０１８年１１月７日", DayOrder::Unknown).unwrap();
        assert_eq!(f.date, d(2018, 11, 7));
        assert_eq!(f.range, 0.."２０１８年１１月７日".len());
        let f = find_day_date("٧ November ٢٠١٨", DayOrder::Unknown).unwrap();
        assert_eq!(f.date, d(2018, 11, 7));
        assert!(find_day_date("٣٣/٣٣/٢٠١٨", DayOrder::Unknown).is_none());
    }

    #[test]
    fn text_without_four_digits_in_a_row_holds_no_date() {
        for text in ["2018", "Moscow, 7 November 2018", "٢٠١٨", "２０１８年", "x1980's"] {
            assert!(may_hold_a_date(text), "{text}");
        }
        for text in ["", "To the Congress of the United States:", "198", "1 9 8 0", "7/11/18", "٢٠١"] {
            assert!(!may_hold_a_date(text), "{text}");
            assert!(find_day_date(text, DayOrder::Unknown).is_none());
        }
    }

    #[test]
    fn ministry_datelines_glued_spaced_and_without_time() {
        let f = parse_dateline("7 November 201814:07", DayOrder::Unknown).unwrap();
        assert_eq!((f.date, f.time), (d(2018, 11, 7), t(14, 7)));
        let f = parse_dateline("7 November 2018 14:07", DayOrder::Unknown).unwrap();
        assert_eq!((f.date, f.time), (d(2018, 11, 7), t(14, 7)));
        let f = parse_dateline("  07 November 2018 ", DayOrder::Unknown).unwrap();
        assert_eq!((f.date, f.time), (d(2018, 11, 7), None));
        assert!(parse_dateline("On 7 November 2018 we met", DayOrder::Unknown).is_none());
    }

    #[test]
    fn other_languages_and_orders() {
        let f = parse_dateline("7 ноября 2018 14:07", DayOrder::Unknown).unwrap();
        assert_eq!((f.date, f.time), (d(2018, 11, 7), t(14, 7)));
        let f = parse_dateline("25 декабря 2019 г.", DayOrder::Unknown).unwrap();
        assert_eq!(f.date, d(2019, 12, 25));
        let f = parse_dateline("7 Kasım 2018", DayOrder::Unknown).unwrap();
        assert_eq!(f.date, d(2018, 11, 7));
        let f = parse_dateline("1 ŞUBAT 2021", DayOrder::Unknown).unwrap();
        assert_eq!(f.date, d(2021, 2, 1));
        let f = parse_dateline("November 7, 2018", DayOrder::Unknown).unwrap();
        assert_eq!(f.date, d(2018, 11, 7));
        let f = parse_dateline("Nov. 7, 2018, 2:07 p.m.", DayOrder::Unknown).unwrap();
        assert_eq!((f.date, f.time), (d(2018, 11, 7), t(14, 7)));
        assert_eq!(parse_dateline("7.11.2018", DayOrder::Unknown).unwrap().date, d(2018, 11, 7));
        assert_eq!(parse_dateline("2018-11-07", DayOrder::Unknown).unwrap().date, d(2018, 11, 7));
        assert_eq!(parse_dateline("2018-11-07T09:30", DayOrder::Unknown).unwrap().time, t(9, 30));
    }

    #[test]
    fn slashed_dates_are_ambiguous_unless_decided() {
        let f = parse_dateline("07/11/2018", DayOrder::Unknown).unwrap();
        assert_eq!(f.date, d(2018, 7, 11));
        assert_eq!(f.alternative, Some(d(2018, 11, 7)));
        let f = parse_dateline("07/11/2018", DayOrder::DayFirst).unwrap();
        assert_eq!((f.date, f.alternative), (d(2018, 11, 7), None));
        let f = parse_dateline("07/11/2018", DayOrder::MonthFirst).unwrap();
        assert_eq!((f.date, f.alternative), (d(2018, 7, 11), None));
        let f = parse_dateline("25/11/2018", DayOrder::Unknown).unwrap();
        assert_eq!((f.date, f.alternative), (d(2018, 11, 25), None));
        assert_eq!(DayOrder::from_languages(&["en-GB", "ru-RU"]), DayOrder::DayFirst);
        assert_eq!(DayOrder::from_languages(&["en-US"]), DayOrder::MonthFirst);
        assert_eq!(DayOrder::from_languages(&["en"]), DayOrder::Unknown);
    }

    #[test]
    fn invalid_dates_are_rejected() {
        assert!(parse_dateline("31 February 2018", DayOrder::Unknown).is_none());
        assert!(parse_dateline("2018-13-01", DayOrder::Unknown).is_none());
        assert!(parse_dateline("7 Smarch 2018", DayOrder::Unknown).is_none());
    }

    #[test]
    fn date_values_with_coarser_precision() {
        let f = parse_date_value("2018-11", DayOrder::Unknown).unwrap();
        assert_eq!((f.date, f.precision), (d(2018, 11, 1), DatePrecision::Month));
        let f = parse_date_value("September 2015", DayOrder::Unknown).unwrap();
        assert_eq!((f.date, f.precision), (d(2015, 9, 1), DatePrecision::Month));
        let f = parse_date_value("\"1790\"", DayOrder::Unknown).unwrap();
        assert_eq!((f.date, f.precision), (d(1790, 1, 1), DatePrecision::Year));
        assert!(parse_date_value("soon", DayOrder::Unknown).is_none());
    }

    #[test]
    fn file_names() {
        let f = |s| date_from_file_stem(s).map(|f| (f.date, f.precision));
        assert_eq!(f("1790-01-08-washington"), Some((d(1790, 1, 8), DatePrecision::Day)));
        assert_eq!(f("2018-11-07_lavrov"), Some((d(2018, 11, 7), DatePrecision::Day)));
        assert_eq!(f("20181107"), Some((d(2018, 11, 7), DatePrecision::Day)));
        assert_eq!(f("lavrov_2018-11"), Some((d(2018, 11, 1), DatePrecision::Month)));
        assert_eq!(f("1790-Washington-1"), Some((d(1790, 1, 1), DatePrecision::Year)));
        assert_eq!(f("000_2242c2cab3a166d3"), None);
        assert_eq!(f("speech"), None);
        assert_eq!(f("123456789"), None);
        // A letter or digit touching the year, in any script, makes it part
        // of a word; a later year standing apart still counts.
        assert_eq!(f("A1790"), None);
        assert_eq!(f("речь1999"), None);
        assert_eq!(f("1999ş"), None);
        assert_eq!(f("x17901 1801 y"), Some((d(1801, 1, 1), DatePrecision::Year)));
        assert_eq!(f("Лавров 2015 (речь)"), Some((d(2015, 1, 1), DatePrecision::Year)));
        // Digits of other scripts are not years.
        assert_eq!(f("٢٠١٥"), None);
    }
}
