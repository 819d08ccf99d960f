//! The Russian rules: absolute dates in every case form (`7 ноября 2018
//! года`, `в сентябре 2016 года`, `в 2014 году`, `с 2014-го`, `осенью 2015
//! года`), months relative to the speech (`в марте`, `в прошлом июне`, `в
//! июне прошлого года`), counts back (`три года назад`, `двух месяцев
//! назад`, `полгода назад`) and named periods (`вчера`, `позавчера`, `в
//! прошлом году`, `на прошлой неделе`, `в позапрошлом году`). Words are
//! compared in their matching form (lowercase, ё as е), so case and ё do not
//! matter.
//!
//! Not dates: ordinals (`в третьем чтении`), counts without `назад` (`три
//! года тюрьмы`), numbers after `№` or `номер` (`закон № 2014`), decades
//! (`1990-е годы`), a day and month without a year (`1 марта`, as English
//! `May 5`), and any date inside the quoted title of a law, decree or
//! resolution (`закон «О бюджете на 2014 год»`: it names the act, not a
//! time the speech talks about).

use chrono::NaiveDate;

use super::Finds;
use super::calendar::{
    Adjective, Resolved, Season, Which, ago, days_from, first_of_month, months_from, relative_month, relative_season,
    season_of_year, year_number, years_from,
};
use super::reading::{Found, Rules, read};
use super::russian_words::{Period, adjective, fraction_count, is_year_word, month, number_word, period, season, unit};
use super::tokens::{
    Hit, Tok, closes, counted_number, dash_before, hit, in_quoted_title, next, numbered, tokens, year_and_rest,
};
use crate::core::text::Language;
use crate::core::text::transcript::{DatePrecision, SpeechDate};

/// Prepositions that belong to the reference they stand before (`в 2014
/// году`, `с 2014 года`, `на прошлой неделе`).
const PREPOSITIONS: &[&str] =
    &["в", "во", "с", "со", "до", "к", "ко", "по", "от", "после", "на", "за", "около", "перед", "между"];

/// The prepositions that make a bare month name a date (`в марте`, `с
/// марта`, `к марту`, `до марта`).
const MONTH_PREPOSITIONS: &[&str] = &["в", "во", "с", "со", "до", "к", "ко", "по", "от", "после"];

/// Words before a number that make it one (`номер 2014`).
const NUMBER_WORDS: &[&str] = &["номер", "номера", "номеру", "номером", "номере"];

/// Ordinal endings written after a year's digits (`2014-м`, `с 2014-го`).
const YEAR_ORDINAL: &[&str] = &["-й", "-м", "-го", "-му", "-ом", "-ый", "-ого", "-ому", "-ым"];

/// Legal acts whose quoted titles hold years that name them.
fn is_legal_act(w: &str) -> bool {
    ["закон", "указ", "постановлени", "распоряжени", "резолюци", "кодекс", "приказ", "декрет"]
        .iter()
        .any(|stem| w.starts_with(stem))
}

/// A Russian body and its words, read by the rules below. Each rule looks
/// for its form starting at word `i` and gives the match, or nothing.
struct Reader<'a> {
    body: &'a str,
    toks: Vec<Tok>,
}

impl Reader<'_> {
    /// Word `i`'s matching form; with `joined`, only if white space alone
    /// separates it from the word before.
    fn word(&self, i: usize, joined: bool) -> Option<&str> {
        next(&self.toks, i, joined)
    }

    /// Words `from..to` (`to` past `from`) as a match.
    fn hit(&self, from: usize, to: usize) -> Hit {
        let mut h = hit(&self.toks, from, to);
        // `2014 г.`: the abbreviation's full stop belongs to it.
        if matches!(self.toks[to - 1].norm.as_str(), "г" | "гг") && self.body[h.bytes.end..].starts_with('.') {
            h.bytes.end += 1;
        }
        h
    }

    /// Where a rule's own words start: after a preposition from `list` at
    /// `i` (and whether there was one), or at `i`.
    fn after_preposition(&self, i: usize, list: &[&str]) -> (usize, bool) {
        match self.word(i, false) {
            Some(w) if list.contains(&w) && self.word(i + 1, true).is_some() => (i + 1, true),
            _ => (i, false),
        }
    }

    fn closes(&self, k: usize) -> bool {
        closes(&self.toks, k)
    }

    fn dash_before(&self, k: usize) -> bool {
        dash_before(self.body, &self.toks, k)
    }

    /// A year at word `k`, plain or ordinal (`2014`, `2014-го`), with the
    /// year word after it (`2014 году`, `2014 г.`): the year, the index
    /// after it, and whether a year word or ordinal ending says it is one.
    fn year(&self, k: usize) -> Option<(i32, usize, bool)> {
        let (y, rest) = year_and_rest(&self.toks.get(k)?.norm)?;
        let ordinal = YEAR_ORDINAL.contains(&rest);
        if !rest.is_empty() && !ordinal {
            return None; // `1990-е`, `2014-2015` (read by the range rule)
        }
        match self.word(k + 1, true) {
            Some(w) if is_year_word(w) => Some((y, k + 2, true)),
            _ => Some((y, k + 1, ordinal)),
        }
    }

    /// `7 ноября 2018 года`, `7-го ноября 2018 г.`
    fn day(&self, i: usize) -> Option<(Hit, NaiveDate)> {
        let w = self.word(i, false)?;
        let digits = w.strip_suffix("-го").or_else(|| w.strip_suffix("-е")).unwrap_or(w);
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (m, genitive) = month(self.word(i + 1, true)?)?;
        self.word(i + 2, true).filter(|_| genitive)?;
        let (y, to, _) = self.year(i + 2)?;
        let date = NaiveDate::from_ymd_opt(y, m, digits.parse().ok()?)?;
        Some((self.hit(i, to), date))
    }

    /// `сентябре 2016 года`, `марта 2014-го`, `сентября 2016` (not the
    /// preposition before, as English `in September 2015`).
    fn month_year(&self, i: usize) -> Option<(Hit, NaiveDate)> {
        let (m, _) = month(self.word(i, false)?)?;
        self.word(i + 1, true)?;
        let (y, to, _) = self.year(i + 1)?;
        Some((self.hit(i, to), first_of_month(y, m)?))
    }

    /// `осенью 2015 года`, `зимой 2014–2015 годов`: the months it covers.
    fn season_year(&self, i: usize) -> Option<(Hit, NaiveDate, NaiveDate)> {
        let s = season(self.word(i, false)?)?;
        let k = i + 1;
        let (y1, rest) = year_and_rest(self.word(k, true)?)?;
        // A winter across two years: `2014-2015` or `2014–2015`.
        let second = if let Some(y2) = rest.strip_prefix('-').and_then(year_number) {
            Some((y2, k + 1))
        } else if rest.is_empty() && self.dash_before(k + 1) {
            let t = self.toks.get(k + 1)?;
            year_and_rest(&t.norm).filter(|(_, r)| r.is_empty()).map(|(y2, _)| (y2, k + 2))
        } else {
            None
        };
        let (y, to) = match second {
            Some((y2, to)) => {
                if s != Season::Winter || y2 != y1 + 1 {
                    return None;
                }
                (y2, if self.word(to, true).is_some_and(is_year_word) { to + 1 } else { to })
            }
            None => {
                let (y, to, _) = self.year(k)?;
                (y, to)
            }
        };
        let span = season_of_year(s, y)?;
        Some((self.hit(i, to), span.start, span.last))
    }

    /// The years at `i`: `в 2014 году`, `с 2014 года`, `в 2014-м`, `в
    /// 2014.`, `2014 год`, `с 2014 по 2016 год`, `в 2014–2015 годах` and
    /// `в 2014-2015 годах` (two years). A bare number needs a preposition
    /// and punctuation after it, or a second year said to be one.
    fn years(&self, i: usize) -> Vec<(Hit, i32)> {
        let (k, preposition) = self.after_preposition(i, PREPOSITIONS);
        let Some(t) = self.toks.get(k) else { return Vec::new() };
        if numbered(self.body, &self.toks, k, NUMBER_WORDS) {
            return Vec::new();
        }
        let Some((y1, rest)) = year_and_rest(&t.norm) else { return Vec::new() };
        // Two years in one hyphenated word: `2014-2015 годах`.
        if let Some(y2) = rest.strip_prefix('-').and_then(year_number) {
            let plural = self.word(k + 1, true).is_some_and(is_year_word);
            if !(plural || preposition && self.closes(k + 1)) {
                return Vec::new();
            }
            let to = if plural { k + 2 } else { k + 1 };
            let first = Hit { to: k + 1, bytes: self.toks[i].range.start..t.range.start + 4 };
            let mut second = self.hit(k, to);
            second.bytes.start = t.range.start + 5;
            return vec![(first, y1), (second, y2)];
        }
        let Some((y, to, said)) = self.year(k) else { return Vec::new() };
        // The second year of `с 2014 по 2016 год`, `в 2014 и 2015 годах`,
        // `в 2014–2015 годах` says the first is one too.
        let said_after = |at: usize| self.year(at).is_some_and(|(_, to2, said2)| said2 || self.closes(to2));
        let paired = to == k + 1
            && matches!(self.word(k + 1, true), Some("по" | "до" | "и" | "или"))
            && self.word(k + 2, true).is_some()
            && said_after(k + 2);
        let dashed = to == k + 1 && self.dash_before(k + 1) && said_after(k + 1);
        if said || paired || dashed || (preposition && self.closes(to)) {
            vec![(self.hit(i, to), y)]
        } else {
            Vec::new()
        }
    }

    /// `три года назад`, `двух месяцев тому назад`, `неделю назад`,
    /// `полгода назад`, `25 лет назад`.
    fn ago(&self, i: usize, anchor: NaiveDate) -> Option<(Hit, Resolved)> {
        let w = self.word(i, false)?;
        let (n, u, k) = if let Some((n, u, words)) = fraction_count(w, self.word(i + 1, true)) {
            (n, u, i + words)
        } else if let Some((n, k)) = self.number(i) {
            (n, unit(self.word(k, true)?)?.0, k + 1)
        } else {
            match unit(w)? {
                (u, true) => (1, u, i + 1),
                _ => return None, // `лет назад` after `несколько`, `много`
            }
        };
        let k = if self.word(k, true) == Some("тому") { k + 1 } else { k };
        (self.word(k, true)? == "назад").then_some(())?;
        Some((self.hit(i, k + 1), ago(anchor, n, u)?))
    }

    /// A number at `i` in digits (up to three) or words (`двадцать пять`,
    /// `трех`), and the index after it.
    fn number(&self, i: usize) -> Option<(u32, usize)> {
        counted_number(&self.toks, i, number_word, 20)
    }

    /// `вчера`, `позавчера`, `в прошлом году`, `на прошлой неделе`, `в
    /// следующем месяце`, `прошлого года`.
    fn named(&self, i: usize, anchor: NaiveDate) -> Option<(Hit, Resolved)> {
        match self.word(i, false)? {
            "вчера" => return Some((self.hit(i, i + 1), days_from(anchor, -1)?)),
            "позавчера" => return Some((self.hit(i, i + 1), days_from(anchor, -2)?)),
            _ => {}
        }
        let (k, _) = self.after_preposition(i, PREPOSITIONS);
        let adj = adjective(self.word(k, false)?)?;
        let resolved = match (adj, period(self.word(k + 1, true)?)?) {
            (Adjective::Last, Period::Year) => years_from(anchor, -1),
            (Adjective::BeforeLast, Period::Year) => years_from(anchor, -2),
            (Adjective::Next, Period::Year) => years_from(anchor, 1),
            (Adjective::Last, Period::Month) => months_from(anchor, -1),
            (Adjective::Next, Period::Month) => months_from(anchor, 1),
            (Adjective::Last, Period::Week) => days_from(anchor, -7),
            _ => None,
        }?;
        Some((self.hit(i, k + 2), resolved))
    }

    /// The year an adjective and a year word at `k` (after a month or
    /// season name) mean, `прошлого года` being -1, and the index after them.
    fn of_year(&self, k: usize) -> Option<(i32, usize)> {
        let adj = adjective(self.word(k, true)?)?;
        (period(self.word(k + 1, true)?)? == Period::Year).then_some(())?;
        Some((adj.years(), k + 2))
    }

    /// `в прошлом июне`, `в июне прошлого года`, `в марте`, `с марта`.
    fn relative_month(&self, i: usize, anchor: NaiveDate) -> Option<(Hit, NaiveDate)> {
        let (k, preposition) = self.after_preposition(i, PREPOSITIONS);
        let first = self.word(k, false)?;
        if let Some(adj) = adjective(first) {
            let (m, _) = month(self.word(k + 1, true)?)?;
            return Some((self.hit(i, k + 2), relative_month(anchor, m, adj.which()?)?));
        }
        let (m, _) = month(first)?;
        if let Some((years, to)) = self.of_year(k + 1) {
            return Some((self.hit(i, to), relative_month(anchor, m, Which::OfYear(years))?));
        }
        // A bare month needs a preposition (`в марте`) and no number after
        // it (`в марте 1990`, absolute, or out of range).
        let dated = self.word(k + 1, true).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        if !preposition || !MONTH_PREPOSITIONS.contains(&self.toks[i].norm.as_str()) || dated {
            return None;
        }
        // Only the month is the reference, not the preposition (as `in September`).
        Some((self.hit(k, k + 1), relative_month(anchor, m, Which::In)?))
    }

    /// `прошлой осенью`, `этим летом`, `осенью прошлого года`: the months
    /// it covers.
    fn relative_season(&self, i: usize, anchor: NaiveDate) -> Option<(Hit, NaiveDate, NaiveDate)> {
        let (k, _) = self.after_preposition(i, PREPOSITIONS);
        let first = self.word(k, false)?;
        let (s, which, to) = if let Some(adj) = adjective(first) {
            (season(self.word(k + 1, true)?)?, adj.which()?, k + 2)
        } else {
            let s = season(first)?;
            let (years, to) = self.of_year(k + 1)?;
            (s, Which::OfYear(years), to)
        };
        let span = relative_season(anchor, s, which)?;
        Some((self.hit(i, to), span.start, span.last))
    }
}

/// Adds the references the Russian rules find in `body` to `found`.
pub(super) fn collect(body: &str, anchor: Option<&SpeechDate>, found: &mut Finds) {
    read(&Reader { body, toks: tokens(body, Language::Russian) }, anchor, found);
}

impl Rules for Reader<'_> {
    fn absolute(&self, i: usize, keep: &dyn Fn(&Found) -> bool) -> Option<Found> {
        let day = self.day(i).map(|(h, d)| Found::At(h, d, DatePrecision::Day)).filter(keep);
        day.or_else(|| self.month_year(i).map(|(h, d)| Found::At(h, d, DatePrecision::Month)).filter(keep))
            .or_else(|| self.season_year(i).map(|(h, s, l)| Found::Months(h, s, l)).filter(keep))
    }

    fn relative(&self, i: usize, a: NaiveDate, keep: &dyn Fn(&Found) -> bool) -> Option<Found> {
        // "Three years ago" or a named day ("вчера") first, as one form.
        let counted = self.ago(i, a).or_else(|| self.named(i, a));
        counted
            .map(|(h, x)| Found::At(h, x.date, x.precision))
            .filter(keep)
            .or_else(|| self.relative_season(i, a).map(|(h, s, l)| Found::Months(h, s, l)).filter(keep))
            .or_else(|| self.relative_month(i, a).map(|(h, d)| Found::At(h, d, DatePrecision::Month)).filter(keep))
    }

    fn len(&self) -> usize {
        self.toks.len()
    }

    fn in_title(&self, h: &Hit) -> bool {
        in_quoted_title(self.body, &self.toks, h.to - 1, &is_legal_act)
    }

    fn years(&self, i: usize) -> Vec<(Hit, i32)> {
        Reader::years(self, i)
    }
}
