//! The Turkish rules: absolute dates (`7 Kasım 2018`, `Eylül 2016'da`,
//! `2014 yılında`, `2014'ten beri`, `2016 yılının Eylül ayında`, `2015
//! sonbaharında`), months relative to the speech (`Haziran'da`, `geçen
//! Haziran`, `geçen yılın Haziran ayında`), counts back (`üç yıl önce`,
//! `iki ay önce`, `çeyrek asır önce`) and named periods (`dün`, `evvelsi
//! gün`, `geçen yıl`, `geçen ay`, `geçen hafta`, `gelecek yıl`). Words are
//! compared in their Turkish lowercase form (`KASIM` is `kasım`, `İ` is
//! `i`), with the suffix after an apostrophe (`'da`, `'ten`, `'ında`) kept
//! on its word.
//!
//! Not dates: counts without `önce` (`üç yıl hapis`), a count before
//! something else (`seçimden üç yıl önce`, "three years before the
//! election", not before the speech), law numbers (`2014 sayılı`, `No.
//! 2014`), decades (`1990'lı yıllar`), a bare number (`2014 kişi`), a day
//! and month without a year (`7 Kasım'da`, as English `May 5`), and any date
//! inside the quoted title of a law (`"2014 Yılı Merkezi Yönetim Bütçe
//! Kanunu"`).

use chrono::NaiveDate;

use super::Finds;
use super::calendar::{
    Adjective, Resolved, Which, ago, days_from, first_of_month, months_from, relative_month, relative_season,
    season_of_year, year_number, years_from,
};
use super::reading::{Found, Rules, read};
use super::tokens::{
    Hit, Tok, counted_number, dash_before, hit, in_quoted_title, next, numbered, tokens, year_and_rest,
};
use super::turkish_words::{
    Form, Period, adjective, fraction_count, is_ago, is_case_suffix, is_legal_act, is_month_word, is_of_year_word,
    is_year_word, is_years_word, month, number_word, period, season, unit,
};
use crate::core::text::Language;
use crate::core::text::transcript::{DatePrecision, SpeechDate};

/// Words before a number that make it one (`numara 2014`); `sayılı` and
/// `numaralı` after it are checked apart (`2014 sayılı kanun`).
const NUMBER_WORDS: &[&str] = &["numara", "numarası", "numaralı", "sayı", "sayısı"];

/// Words joining two years (`2014 ve 2015 yıllarında`).
const AND: &[&str] = &["ve", "ile", "veya", "ila"];

/// A Turkish body and its words, read by the rules below. Each rule looks
/// for its form starting at word `i` and gives the match, or nothing.
struct Reader<'a> {
    body: &'a str,
    toks: Vec<Tok>,
}

impl Reader<'_> {
    fn word(&self, i: usize, joined: bool) -> Option<&str> {
        next(&self.toks, i, joined)
    }

    fn hit(&self, from: usize, to: usize) -> Hit {
        hit(&self.toks, from, to)
    }

    /// A year at word `k`, alone (`2014`) or with a case suffix after an
    /// apostrophe (`2014'te`; not `1990'lı`, a decade).
    fn year(&self, k: usize) -> Option<(i32, Form)> {
        let (y, rest) = year_and_rest(&self.toks.get(k)?.norm)?;
        match rest.strip_prefix('\'') {
            None if rest.is_empty() => Some((y, Form::Plain)),
            Some(suffix) if is_case_suffix(suffix) => Some((y, Form::Apostrophe)),
            _ => None,
        }
    }

    /// The index after word `k` and a following `ayında` (`Haziran ayında`).
    fn with_month_word(&self, k: usize) -> usize {
        if self.word(k + 1, true).is_some_and(is_month_word) { k + 2 } else { k + 1 }
    }

    /// `7 Kasım 2018`, `7 Kasım 2018'de`.
    fn day(&self, i: usize) -> Option<(Hit, NaiveDate)> {
        let w = self.word(i, false)?;
        if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (m, Form::Plain) = month(self.word(i + 1, true)?)? else { return None };
        self.word(i + 2, true)?;
        let (y, _) = self.year(i + 2)?;
        Some((self.hit(i, i + 3), NaiveDate::from_ymd_opt(y, m, w.parse().ok()?)?))
    }

    /// `Eylül 2016'da`, `Eylül 2016`; `2016 yılının Eylül ayında`, `2016
    /// Eylül'ünde`.
    fn month_year(&self, i: usize) -> Option<(Hit, NaiveDate)> {
        let w = self.word(i, false)?;
        if let Some((m, Form::Plain)) = month(w) {
            self.word(i + 1, true)?;
            let (y, _) = self.year(i + 1)?;
            return Some((self.hit(i, i + 2), first_of_month(y, m)?));
        }
        let (y, Form::Plain) = self.year(i)? else { return None };
        let of_year = self.word(i + 1, true).is_some_and(is_of_year_word);
        let k = if of_year { i + 2 } else { i + 1 };
        let (m, form) = month(self.word(k, true)?)?;
        let to = self.with_month_word(k);
        (form != Form::Plain || to == k + 2 || of_year).then_some(())?;
        Some((self.hit(i, to), first_of_month(y, m)?))
    }

    /// `sonbahar 2015'te`, `2015 sonbaharında`, `2015 yılının kışında`: the
    /// months it covers.
    fn season_year(&self, i: usize) -> Option<(Hit, NaiveDate, NaiveDate)> {
        let w = self.word(i, false)?;
        let (s, y, to) = if let Some((s, Form::Plain)) = season(w) {
            self.word(i + 1, true)?;
            (s, self.year(i + 1)?.0, i + 2)
        } else {
            let (y, Form::Plain) = self.year(i)? else { return None };
            let k = if self.word(i + 1, true).is_some_and(is_of_year_word) { i + 2 } else { i + 1 };
            let (s, form) = season(self.word(k, true)?)?;
            (form != Form::Plain).then_some(())?;
            (s, y, k + 1)
        };
        let span = season_of_year(s, y)?;
        Some((self.hit(i, to), span.start, span.last))
    }

    /// The years at `i`: `2014'te`, `2014 yılında`, `2014 ve 2015
    /// yıllarında`, `2014-2015 yıllarında` (two years). A bare number is not
    /// one (`2014 kişi`), nor a law's (`2014 sayılı`).
    fn years(&self, i: usize) -> Vec<(Hit, i32)> {
        let Some(t) = self.toks.get(i) else { return Vec::new() };
        let after = self.word(i + 1, true);
        if numbered(self.body, &self.toks, i, NUMBER_WORDS) || matches!(after, Some("sayılı" | "numaralı")) {
            return Vec::new();
        }
        let Some((y1, rest)) = year_and_rest(&t.norm) else { return Vec::new() };
        if let Some(y2) = rest.strip_prefix('-').and_then(year_number) {
            if !after.is_some_and(is_years_word) {
                return Vec::new();
            }
            let first = Hit { to: i + 1, bytes: t.range.start..t.range.start + 4 };
            let mut second = self.hit(i, i + 2);
            second.bytes.start = t.range.start + 5;
            return vec![(first, y1), (second, y2)];
        }
        let Some((y, form)) = self.year(i) else { return Vec::new() };
        let plain = form == Form::Plain;
        let to = if plain && after.is_some_and(|w| is_year_word(w) || is_years_word(w)) { i + 2 } else { i + 1 };
        // The first of two years: `2014 ve 2015 yıllarında`, `2014–2015 yıllarında`.
        let second_said = |k: usize| {
            self.year(k).is_some_and(|(_, f)| f == Form::Plain) && self.word(k + 1, true).is_some_and(is_years_word)
        };
        let paired = plain
            && to == i + 1
            && (after.is_some_and(|w| AND.contains(&w)) && self.word(i + 2, true).is_some() && second_said(i + 2)
                || dash_before(self.body, &self.toks, i + 1) && second_said(i + 1));
        if !plain || to == i + 2 || paired { vec![(self.hit(i, to), y)] } else { Vec::new() }
    }

    /// `üç yıl önce`, `iki ay önce`, `on beş gün önce`, `3 yıl önce`,
    /// `çeyrek asır önce`; not `seçimden üç yıl önce` (before the election).
    fn ago(&self, i: usize, anchor: NaiveDate) -> Option<(Hit, Resolved)> {
        if i > 0 && self.toks[i].spaced {
            let prev = self.toks[i - 1].norm.as_str();
            let ablative = ["dan", "den", "tan", "ten"].iter().any(|s| prev.ends_with(s));
            if ablative && !matches!(prev, "bundan" | "şimdiden") {
                return None;
            }
        }
        let w = self.word(i, false)?;
        let (n, u, k) = if let Some((n, u)) = fraction_count(w, self.word(i + 1, true)) {
            (n, u, i + 2)
        } else {
            let (n, k) = self.number(i)?;
            (n, unit(self.word(k, true)?)?, k + 1)
        };
        is_ago(self.word(k, true)?).then_some(())?;
        Some((self.hit(i, k + 1), ago(anchor, n, u)?))
    }

    /// A number at `i` in digits (up to three) or words (`yirmi beş`, `on
    /// beş`), and the index after it.
    fn number(&self, i: usize) -> Option<(u32, usize)> {
        counted_number(&self.toks, i, number_word, 10)
    }

    /// How many years from the speech's an adjective before `yıl` means:
    /// `geçen yıl` -1, `bu yıl` 0, `gelecek yıl` 1, `evvelki yıl` -2 (not
    /// `önceki yıl`, "the year before" some other one).
    fn years_of(&self, i: usize, adj: Adjective) -> Option<i32> {
        match adj {
            Adjective::Last => Some(-1),
            Adjective::This => Some(0),
            Adjective::Next => Some(1),
            Adjective::BeforeLast => (self.toks[i].norm != "önceki").then_some(-2),
        }
    }

    /// `dün`, `evvelsi gün`, `geçen yıl`, `geçen ay`, `geçen hafta`,
    /// `gelecek yıl`, `seneye`.
    fn named(&self, i: usize, anchor: NaiveDate) -> Option<(Hit, Resolved)> {
        match self.word(i, false)? {
            "dün" => return Some((self.hit(i, i + 1), days_from(anchor, -1)?)),
            "seneye" => return Some((self.hit(i, i + 1), years_from(anchor, 1)?)),
            _ => {}
        }
        let adj = adjective(self.word(i, false)?)?;
        // `bir önceki gün`: the day before some other one.
        if i > 0 && self.toks[i - 1].norm == "bir" && self.toks[i].spaced {
            return None;
        }
        let resolved = match (adj, period(self.word(i + 1, true)?)?) {
            (_, Period::Year) => years_from(anchor, self.years_of(i, adj).filter(|&k| k != 0)?),
            (Adjective::Last, Period::Month) => months_from(anchor, -1),
            (Adjective::Next, Period::Month) => months_from(anchor, 1),
            (Adjective::Last, Period::Week) => days_from(anchor, -7),
            (Adjective::BeforeLast, Period::Day) => days_from(anchor, -2),
            _ => None,
        }?;
        Some((self.hit(i, i + 2), resolved))
    }

    /// `geçen Haziran`, `önümüzdeki Mart'ta`, `geçen yılın Haziran ayında`,
    /// `Haziran'da`, `haziranda`, `Haziran ayında`.
    fn relative_month(&self, i: usize, anchor: NaiveDate) -> Option<(Hit, NaiveDate)> {
        let w = self.word(i, false)?;
        if let Some(adj) = adjective(w) {
            if self.word(i + 1, true).and_then(period) == Some(Period::Year)
                && let Some((m, _)) = self.word(i + 2, true).and_then(month)
            {
                let which = Which::OfYear(self.years_of(i, adj)?);
                return Some((self.hit(i, self.with_month_word(i + 2)), relative_month(anchor, m, which)?));
            }
            let (m, _) = month(self.word(i + 1, true)?)?;
            let which = match adj {
                Adjective::Last => Which::Last,
                Adjective::Next => Which::Next,
                Adjective::This => Which::This,
                Adjective::BeforeLast => return None,
            };
            return Some((self.hit(i, self.with_month_word(i + 1)), relative_month(anchor, m, which)?));
        }
        let (m, form) = month(w)?;
        let to = self.with_month_word(i);
        let digits = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
        let dated = self.word(i + 1, true).is_some_and(digits);
        // `7 Kasım'da`: a day without its year, left alone as English `May 5`.
        let day = i > 0 && self.toks[i].spaced && digits(&self.toks[i - 1].norm);
        // A bare month name needs a suffix or `ayında` to be a date
        // (`Mart` alone may be a heading or a name).
        if dated || day || (form == Form::Plain && to == i + 1) {
            return None;
        }
        Some((self.hit(i, to), relative_month(anchor, m, Which::In)?))
    }

    /// `geçen sonbahar`, `bu yaz`, `gelecek kış`, `geçen yılın
    /// sonbaharında`: the months it covers.
    fn relative_season(&self, i: usize, anchor: NaiveDate) -> Option<(Hit, NaiveDate, NaiveDate)> {
        let adj = adjective(self.word(i, false)?)?;
        let (s, which, to) = if self.word(i + 1, true).and_then(period) == Some(Period::Year)
            && let Some((s, _)) = self.word(i + 2, true).and_then(season)
        {
            (s, Which::OfYear(self.years_of(i, adj)?), i + 3)
        } else {
            let (s, _) = season(self.word(i + 1, true)?)?;
            let which = match adj {
                Adjective::Last => Which::Last,
                Adjective::Next => Which::Next,
                Adjective::This => Which::This,
                Adjective::BeforeLast => return None,
            };
            (s, which, i + 2)
        };
        let span = relative_season(anchor, s, which)?;
        Some((self.hit(i, to), span.start, span.last))
    }
}

/// Adds the references the Turkish rules find in `body` to `found`.
pub(super) fn collect(body: &str, anchor: Option<&SpeechDate>, found: &mut Finds) {
    read(&Reader { body, toks: tokens(body, Language::Turkish) }, anchor, found);
}

impl Rules for Reader<'_> {
    fn absolute(&self, i: usize, keep: &dyn Fn(&Found) -> bool) -> Option<Found> {
        let day = self.day(i).map(|(h, d)| Found::At(h, d, DatePrecision::Day)).filter(keep);
        day.or_else(|| self.season_year(i).map(|(h, s, l)| Found::Months(h, s, l)).filter(keep))
            .or_else(|| self.month_year(i).map(|(h, d)| Found::At(h, d, DatePrecision::Month)).filter(keep))
    }

    fn relative(&self, i: usize, a: NaiveDate, keep: &dyn Fn(&Found) -> bool) -> Option<Found> {
        let ago = self.ago(i, a).map(|(h, x)| Found::At(h, x.date, x.precision)).filter(keep);
        ago.or_else(|| self.relative_month(i, a).map(|(h, d)| Found::At(h, d, DatePrecision::Month)).filter(keep))
            .or_else(|| self.relative_season(i, a).map(|(h, s, l)| Found::Months(h, s, l)).filter(keep))
            .or_else(|| self.named(i, a).map(|(h, x)| Found::At(h, x.date, x.precision)).filter(keep))
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
