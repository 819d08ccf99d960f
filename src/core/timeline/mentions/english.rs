//! The English rules: `19 May 1919`, `September 2015`, `in 2014`, `last
//! June`, `in September`, `three years ago`, `yesterday`, `last year`.
//! They run on every transcript, after the rules of its own language (see
//! the [module](super) documentation for how relative forms resolve).

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Captures, Regex};

use super::Finds;
use super::calendar::{
    Resolved, Unit, Which, YEARS, ago, days_from, first_of_month, first_of_year, months_from, relative_month,
    years_from,
};
use crate::core::text::dates::month_number;
use crate::core::text::pattern::compile as re;
use crate::core::text::transcript::{DatePrecision, SpeechDate};

const MONTH_NAMES: &str = "January|February|March|April|May|June|July|August|September|October|November|December";

/// Absolute day dates: `19 May 1919`, `the 4th of July, 1776`, `May 19, 1919`.
static DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b)(?:(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th|d)?\s+(?:day\s+)?(?:of\s+)?(?P<m1>{MONTH_NAMES}),?\s+(?P<y1>[0-9]{{4}})|(?P<m2>{MONTH_NAMES})\s+(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th|d)?,?\s+(?P<y2>[0-9]{{4}}))(?-u:\b)"
    ))
});

/// Absolute months: `September 2015`, `September of 2015`.
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?-u:\b)(?P<m>{MONTH_NAMES}),?\s+(?:of\s+)?(?P<y>[0-9]{{4}})(?-u:\b)")));

/// Four-digit numbers, the candidates for years (`1990s`, `2014%`, `2014.5`
/// excluded by `after`). Searching for digits first is fast; the preposition
/// before them is checked with [`YEAR_BEFORE`] on a short window.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)(?P<y>[0-9]{4})(?-u:\b)(?P<after>[,.]?[0-9]|%|s(?-u:\b)|'s)?"));

/// What must come right before a year: `in 2014`, `since 1945`, `by the year 2000`.
static YEAR_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)(?i:in|since|during|until|till|by|from|early|late)\s+(?:(?i:the\s+year\s+))?$"));

/// Months relative to the speech: `last June`, `next March`, `in September`,
/// `this May`, `in September next year`, `in March last year`.
static REL_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b)(?P<which>(?i:last|next|this|in|since|until|by))\s+(?P<m>{MONTH_NAMES})(?-u:\b)(?P<tail>\s+(?i:next|last)\s+year(?-u:\b)|\s*,?\s*[0-9])?"
    ))
});

/// Counts back or forward: `three years ago`, `a decade ago`, `two days ago`.
static AGO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(?i)(?P<n>[0-9]{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+hundred|one\s+hundred)\s+(?P<unit>days?|weeks?|months?|years?|decades?|centur(?:y|ies))\s+ago(?-u:\b)",
    )
});

/// Named relative days and periods: `yesterday`, `last year`, `last month`,
/// `the day before yesterday`, `the year before last`, `next year` (not
/// `tomorrow`, nearly always figurative in speeches, nor `yesterday's`).
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    // Starts with a rare word, so the regex engine's literal search skips
    // most of the text; "the day before" is checked by hand.
    re(r"(?-u:\b)(?i)(?P<w>yesterday|last\s+(?:year|month|week)|next\s+(?:year|month)|year\s+before\s+last)(?-u:\b)")
});

fn number_word(w: &str) -> Option<u32> {
    let w = w.to_lowercase();
    let w: String = w.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Ok(n) = w.parse() {
        return Some(n);
    }
    let words = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(n) = words.iter().position(|x| *x == w) {
        return Some(n as u32);
    }
    match w.as_str() {
        "a" | "an" => Some(1),
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        "sixty" => Some(60),
        "seventy" => Some(70),
        "eighty" => Some(80),
        "ninety" => Some(90),
        "a hundred" | "one hundred" => Some(100),
        _ => None,
    }
}

/// `month` the most recent time before the anchor's month (`last`), or this
/// year's if it has begun (`in`), or the next one after (`next`); `in
/// September next year` and `in March last year` by the year named.
fn english_relative_month(anchor: NaiveDate, month: u32, which: &str, tail: &str) -> Option<NaiveDate> {
    let tail = tail.to_lowercase();
    let which = if tail.contains("next") {
        Which::OfYear(1)
    } else if tail.contains("last") {
        Which::OfYear(-1)
    } else {
        match which {
            "last" => Which::Last,
            "next" => Which::Next,
            "this" => Which::This,
            // in / since / until / by: the most recent one, the current month included.
            _ => Which::In,
        }
    };
    relative_month(anchor, month, which)
}

fn resolve_ago(anchor: NaiveDate, n: u32, unit: &str) -> Option<Resolved> {
    let unit = unit.to_lowercase();
    let unit = if unit.starts_with("day") {
        Unit::Day
    } else if unit.starts_with("week") {
        Unit::Week
    } else if unit.starts_with("month") {
        Unit::Month
    } else if unit.starts_with("year") {
        Unit::Year
    } else if unit.starts_with("decade") {
        Unit::Decade
    } else {
        Unit::Century
    };
    ago(anchor, n, unit)
}

fn resolve_named(anchor: NaiveDate, words: &str) -> Option<Resolved> {
    let w: String = words.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
    match w.as_str() {
        "yesterday" => days_from(anchor, -1),
        "the day before yesterday" => days_from(anchor, -2),
        "last week" => days_from(anchor, -7),
        "last month" => months_from(anchor, -1),
        "next month" => months_from(anchor, 1),
        "last year" => years_from(anchor, -1),
        "the year before last" => years_from(anchor, -2),
        "next year" => years_from(anchor, 1),
        _ => None,
    }
}

fn span(c: &Captures) -> Range<usize> {
    c.get(0).map_or(0..0, |m| m.range())
}

fn num<T: std::str::FromStr>(c: &Captures, name: &str) -> Option<T> {
    c.name(name).and_then(|m| m.as_str().parse().ok())
}

/// Adds the references the English rules find in `body` to `found`, where
/// no earlier rule took their words: absolute days, months and years, then
/// (with an anchor) relative months, counts back and named days and
/// periods.
pub(super) fn collect(body: &str, anchor: Option<&SpeechDate>, found: &mut Finds) {
    // Clones share the compiled patterns but search with caches of their
    // own, dropped with them: the shared patterns' caches would stay, one
    // per thread that ever searched, grown on whole speeches (1.9 MB on
    // SOTU for as long as the app runs). Fresh caches cost about 0.1 ms a
    // speech, on the timeline's background thread.
    let (day, month, year, year_before) = (DAY.clone(), MONTH.clone(), YEAR.clone(), YEAR_BEFORE.clone());
    let (rel_month, ago, named) = (REL_MONTH.clone(), AGO.clone(), NAMED.clone());
    for c in day.captures_iter(body) {
        let (d, m, y) = if c.name("d1").is_some() { ("d1", "m1", "y1") } else { ("d2", "m2", "y2") };
        let r = span(&c);
        let date = (|| {
            let y: i32 = num(&c, y).filter(|y| YEARS.contains(y))?;
            NaiveDate::from_ymd_opt(y, month_number(c.name(m)?.as_str())?, num(&c, d)?)
        })();
        if let Some(date) = date
            && !found.taken(&r)
        {
            found.push(r, date, DatePrecision::Day, false);
        }
    }
    for c in month.captures_iter(body) {
        let r = span(&c);
        let date = (|| first_of_month(num(&c, "y").filter(|y| YEARS.contains(y))?, month_number(&c["m"])?))();
        if let Some(date) = date
            && !found.taken(&r)
        {
            found.push(r, date, DatePrecision::Month, false);
        }
    }
    for c in year.captures_iter(body) {
        if c.name("after").is_some() {
            continue; // `in 1990s`, `by 2014%`, `in 2014,5`: not a plain year
        }
        let r = span(&c);
        let mut from = r.start.saturating_sub(24);
        while !body.is_char_boundary(from) {
            from += 1;
        }
        let Some(before) = year_before.find(&body[from..r.start]) else { continue };
        let r = from + before.start()..r.end;
        if let Some(date) = num(&c, "y").filter(|y| YEARS.contains(y)).and_then(first_of_year)
            && !found.taken(&r)
        {
            found.push(r, date, DatePrecision::Year, false);
        }
    }
    let Some(anchor) = anchor else { return };
    let at_least = |p: DatePrecision| anchor.precision >= p;
    let a = anchor.date;
    for c in rel_month.captures_iter(body) {
        let r = span(&c);
        let tail = c.name("tail").map_or("", |m| m.as_str());
        if tail.trim_start_matches([' ', ',']).starts_with(|ch: char| ch.is_ascii_digit())
            || found.taken(&r)
            || !at_least(DatePrecision::Month)
        {
            continue; // `in May 1990` or `May 5`: absolute, or no anchor month
        }
        let which = c["which"].to_lowercase();
        let date = month_number(&c["m"]).and_then(|m| english_relative_month(a, m, &which, tail));
        // Only the month words themselves are the reference, not "in".
        let r = if matches!(which.as_str(), "last" | "next" | "this") || !tail.is_empty() {
            r
        } else {
            c.name("m").map_or(r, |m| m.range())
        };
        if let Some(date) = date {
            found.push(r, date, DatePrecision::Month, true);
        }
    }
    // "ago" is rare and the counts before it are not: match only in a
    // window ending at each "ago" (the engine has no fast path for a
    // pattern starting with "a" or a digit).
    for (at, _) in body.match_indices("ago") {
        let end = at + 3;
        let mut from = at.saturating_sub(40);
        while !body.is_char_boundary(from) {
            from += 1;
        }
        if from > 0 {
            // Start at a word's beginning, never inside one.
            from += body[from..at].find(char::is_whitespace).unwrap_or(at - from);
        }
        let Some(c) = ago.captures_iter(&body[from..end]).last() else { continue };
        if c.get(0).is_none_or(|m| from + m.end() != end) {
            continue;
        }
        let r = span(&c);
        let r = from + r.start..from + r.end;
        let resolved = num_or_word(&c).and_then(|n| resolve_ago(a, n, &c["unit"]));
        if let Some(res) = resolved
            && at_least(res.precision)
            && !found.taken(&r)
        {
            found.push(r, res.date, res.precision, true);
        }
    }
    for c in named.captures_iter(body) {
        let mut r = span(&c);
        if body[r.end..].starts_with("'s") || body[r.end..].starts_with("’s") {
            continue; // `yesterday's promises`
        }
        let mut words = c["w"].to_lowercase();
        let before = |prefix: &str| {
            let b = body.as_bytes();
            let n = prefix.len();
            (r.start >= n && b[r.start - n..r.start].eq_ignore_ascii_case(prefix.as_bytes())).then(|| r.start - n)
        };
        if words.starts_with("yesterday")
            && let Some(start) = before("the day before ")
        {
            r.start = start;
            words = "the day before yesterday".into();
        } else if words.starts_with("year") {
            let Some(start) = before("the ") else { continue };
            r.start = start;
            words = "the year before last".into();
        }
        if let Some(res) = resolve_named(a, &words)
            && at_least(res.precision)
            && !found.taken(&r)
        {
            found.push(r, res.date, res.precision, true);
        }
    }
}

fn num_or_word(c: &Captures) -> Option<u32> {
    number_word(c.name("n")?.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::transcript::DateSource;
    use crate::core::timeline::mentions::find_mentions;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn anchor(y: i32, m: u32, day: u32, precision: DatePrecision) -> SpeechDate {
        SpeechDate { date: d(y, m, day), precision, source: DateSource::Header }
    }

    /// (text, anchor, expected reference text, date, precision)
    #[test]
    fn resolution_table() {
        use DatePrecision::*;
        let nov_2018 = anchor(2018, 11, 7, Day);
        let feb_2018 = anchor(2018, 2, 20, Day);
        let jan_1941 = anchor(1941, 1, 6, Day);
        let year_1790 = anchor(1790, 1, 1, Year);
        let table: Vec<(&str, &SpeechDate, &str, NaiveDate, DatePrecision)> = vec![
            // Absolute forms.
            ("The armistice was signed on 19 May 1919 at dawn.", &nov_2018, "19 May 1919", d(1919, 5, 19), Day),
            ("On the 4th of July, 1776 they declared.", &nov_2018, "4th of July, 1776", d(1776, 7, 4), Day),
            ("Since December 7, 1941 we have fought.", &jan_1941, "December 7, 1941", d(1941, 12, 7), Day),
            ("The summit in September 2015 agreed.", &nov_2018, "September 2015", d(2015, 9, 1), Month),
            ("By September of 2015 it was over.", &nov_2018, "September of 2015", d(2015, 9, 1), Month),
            ("It began in 2014 and goes on.", &nov_2018, "in 2014", d(2014, 1, 1), Year),
            ("We have grown since 1945.", &year_1790, "since 1945", d(1945, 1, 1), Year),
            // Relative months.
            ("Last June, the states signed it.", &nov_2018, "Last June", d(2018, 6, 1), Month),
            ("Last June, the states signed it.", &feb_2018, "Last June", d(2017, 6, 1), Month),
            ("We met last November.", &nov_2018, "last November", d(2017, 11, 1), Month),
            ("A conference in Moscow in September was held.", &nov_2018, "September", d(2018, 9, 1), Month),
            ("A conference in September was held.", &feb_2018, "September", d(2017, 9, 1), Month),
            ("We will meet in September next year.", &nov_2018, "in September next year", d(2019, 9, 1), Month),
            ("We will meet next March.", &nov_2018, "next March", d(2019, 3, 1), Month),
            ("We will meet next March.", &feb_2018, "next March", d(2018, 3, 1), Month),
            ("This November we vote.", &nov_2018, "This November", d(2018, 11, 1), Month),
            // Counting back.
            ("Three years ago, at the 70th session, he spoke.", &nov_2018, "Three years ago", d(2015, 1, 1), Year),
            ("A decade ago we were poorer.", &jan_1941, "A decade ago", d(1931, 1, 1), Year),
            ("Two months ago the law passed.", &nov_2018, "Two months ago", d(2018, 9, 1), Month),
            ("That was 10 days ago.", &nov_2018, "10 days ago", d(2018, 10, 28), Day),
            ("Yesterday, December 7, the fleet", &nov_2018, "Yesterday", d(2018, 11, 6), Day),
            ("On the 7th day of March, 1893, there were", &nov_2018, "7th day of March, 1893", d(1893, 3, 7), Day),
            ("On the 2d of March, 1807, they passed", &nov_2018, "2d of March, 1807", d(1807, 3, 2), Day),
            ("The day before yesterday we met.", &nov_2018, "The day before yesterday", d(2018, 11, 5), Day),
            ("Prices rose last year.", &jan_1941, "last year", d(1940, 1, 1), Year),
            ("Prices rose last year.", &year_1790, "last year", d(1789, 1, 1), Year),
            ("Last month was cold.", &feb_2018, "Last month", d(2018, 1, 1), Month),
            ("Next year will be better.", &nov_2018, "Next year", d(2019, 1, 1), Year),
        ];
        for (text, anchor, reference, date, precision) in table {
            let found = find_mentions(text, Some(anchor));
            let m = found.first().unwrap_or_else(|| panic!("nothing found in {text:?}"));
            assert_eq!(&text[m.bytes.clone()], reference, "{text:?}");
            assert_eq!((m.date, m.precision), (date, precision), "{text:?} at {}", anchor.display());
            assert_eq!(m.relative, !reference.chars().any(|c| c.is_ascii_digit()) || reference.contains("ago"));
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        }
    }

    #[test]
    fn things_that_are_not_dates_or_lack_an_anchor() {
        let nov_2018 = anchor(2018, 11, 7, DatePrecision::Day);
        for text in [
            "It may rain in 1500 towns.",
            "In the 1990s we grew.",
            "We grew in 2014% terms.",
            "They may come in march order.",
            "About 2014 people came.",
            "Unemployment fell by 1,200,000 last decade.",
            "The dreams of tomorrow and yesterday's promises.",
        ] {
            assert_eq!(find_mentions(text, Some(&nov_2018)), vec![], "{text:?}");
        }
        // Relative forms need an anchor, and a precise enough one.
        assert!(find_mentions("Last June we met. Three years ago too.", None).is_empty());
        let year_only = anchor(1790, 1, 1, DatePrecision::Year);
        assert!(find_mentions("Yesterday and last June.", Some(&year_only)).is_empty());
        assert_eq!(find_mentions("We met in June 1789.", None)[0].date, d(1789, 6, 1));
    }

    /// Found by the fuzzer (fuzz/fuzz_targets/mentions.rs): "10 days ago"
    /// against a speech dated on the first day chrono can hold overflowed
    /// `NaiveDate - TimeDelta` and panicked. Counting past either end of the
    /// calendar now finds nothing, and the rest of the text still resolves.
    #[test]
    fn references_past_the_ends_of_the_calendar_are_skipped() {
        let text = "That was 10 days ago. Two weeks ago too. Yesterday we met. Last year as well. In 2014 it began.";
        let first = SpeechDate { date: NaiveDate::MIN, precision: DatePrecision::Day, source: DateSource::Header };
        let found = find_mentions(text, Some(&first));
        let refs: Vec<&str> = found.iter().map(|m| &text[m.bytes.clone()]).collect();
        assert_eq!(refs, ["In 2014"], "{found:?}");
        let last = SpeechDate { date: NaiveDate::MAX, precision: DatePrecision::Day, source: DateSource::Header };
        let text = "We meet next month. Next year too. Yesterday we met.";
        let found = find_mentions(text, Some(&last));
        let refs: Vec<(&str, NaiveDate)> = found.iter().map(|m| (&text[m.bytes.clone()], m.date)).collect();
        assert_eq!(refs, [("Yesterday", NaiveDate::MAX.pred_opt().unwrap())], "{found:?}");
    }

    #[test]
    fn each_mention_keeps_its_sentence() {
        let text = "First sentence here. Then, three years ago, at the UN, he spoke! Last one.\nNew line in 2014";
        let found = find_mentions(text, Some(&anchor(2018, 11, 7, DatePrecision::Day)));
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].sentence.clone()], "Then, three years ago, at the UN, he spoke!");
        assert_eq!(&text[found[1].sentence.clone()], "New line in 2014");
        // Multibyte text around a reference keeps valid boundaries.
        let ru = "Ещё раз: «это было in 2014 — три года назад». Всё.";
        let found = find_mentions(ru, None);
        assert_eq!(found.len(), 1);
        assert_eq!(&ru[found[0].sentence.clone()], "Ещё раз: «это было in 2014 — три года назад».");
    }
}
