//! The time axis of the timeline as a pure value: which day sits at which
//! horizontal position, zooming around a point and panning, calendar ticks
//! that adapt from centuries down to days, and clustering of markers that
//! would overlap. Kept free of egui so it is tested on its own.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

/// Most zoomed in: points per day.
const MAX_POINTS_PER_DAY: f64 = 400.0;
/// Most zoomed out: days shown across the view (about 5,000 years).
const MAX_DAYS_SHOWN: f64 = 5_000.0 * 365.25;

/// A horizontal mapping from days to points: `start` is the (fractional)
/// day number at the left edge, `days_per_point` the scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeView {
    /// Day number (see [`crate::core::timeline::events::day_number`]) at x = 0.
    pub start: f64,
    /// Days per point; smaller is more zoomed in.
    pub days_per_point: f64,
}

impl TimeView {
    /// A view showing `days` across `width` points, with a small margin on
    /// each side (at least 30 days are shown, so one entry still fits).
    pub fn fit(days: Range<f64>, width: f32) -> TimeView {
        let width = f64::from(width.max(1.0));
        let span = (days.end - days.start).max(30.0);
        let mid = (days.start + days.end) / 2.0;
        let span = span * 1.06;
        let mut v = TimeView { start: mid - span / 2.0, days_per_point: span / width };
        v.clamp(width as f32);
        v
    }

    /// The x position (points from the left edge) of a day number.
    pub fn x(&self, day: f64) -> f32 {
        ((day - self.start) / self.days_per_point) as f32
    }

    /// The day number at an x position.
    pub fn day(&self, x: f32) -> f64 {
        self.start + f64::from(x) * self.days_per_point
    }

    /// Zooms by `factor` (above 1 zooms in) keeping the day under `x` in place.
    pub fn zoom(&mut self, x: f32, factor: f64, width: f32) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        let anchor = self.day(x);
        self.days_per_point /= factor;
        self.clamp(width);
        self.start = anchor - f64::from(x) * self.days_per_point;
    }

    /// Moves the view by `dx` points (dragging right shows earlier days).
    pub fn pan(&mut self, dx: f32) {
        self.start -= f64::from(dx) * self.days_per_point;
    }

    fn clamp(&mut self, width: f32) {
        let width = f64::from(width.max(1.0));
        let (lo, hi) = (1.0 / MAX_POINTS_PER_DAY, MAX_DAYS_SHOWN / width);
        if !self.days_per_point.is_finite() {
            self.days_per_point = hi;
        }
        self.days_per_point = self.days_per_point.clamp(lo, hi);
    }

    /// The calendar ticks across `width` points, at the finest step whose
    /// labels stay at least `min_spacing` points apart.
    pub fn ticks(&self, width: f32, min_spacing: f32) -> Vec<Tick> {
        let step = Step::ALL
            .iter()
            .copied()
            .find(|s| s.approx_days() / self.days_per_point >= f64::from(min_spacing))
            .unwrap_or(Step::Years(1000));
        let (from, to) = (self.day(0.0).floor() as i64, self.day(width).ceil() as i64);
        let Some(first) = date_of(from) else { return Vec::new() };
        let mut ticks = Vec::new();
        let mut at = step.floor(first);
        while let Some(date) = at {
            let day = crate::core::timeline::events::day_number(date);
            if day > to || ticks.len() > 2_000 {
                break;
            }
            if day >= from {
                ticks.push(Tick { day, label: step.label(date), major: step.is_major(date) });
            }
            at = step.next(date);
        }
        ticks
    }
}

/// A date from a day number, when chrono can represent it.
pub fn date_of(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day).ok()?)
}

/// One tick of the axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    /// Its day number.
    pub day: i64,
    /// What to write under it (`1941`, `Dec 1941`, `7 Dec`).
    pub label: String,
    /// Starts a larger unit (a decade or century, a year, a month): drawn
    /// stronger.
    pub major: bool,
}

/// A tick step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Days(u32),
    Months(u32),
    Years(i32),
}

impl Step {
    const ALL: [Step; 15] = [
        Step::Days(1),
        Step::Days(7),
        Step::Months(1),
        Step::Months(3),
        Step::Months(6),
        Step::Years(1),
        Step::Years(2),
        Step::Years(5),
        Step::Years(10),
        Step::Years(20),
        Step::Years(50),
        Step::Years(100),
        Step::Years(200),
        Step::Years(500),
        Step::Years(1000),
    ];

    fn approx_days(self) -> f64 {
        match self {
            Step::Days(k) => f64::from(k),
            Step::Months(k) => 30.44 * f64::from(k),
            Step::Years(k) => 365.25 * f64::from(k),
        }
    }

    /// The first tick at or before `date`.
    fn floor(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Step::Days(1) => Some(date),
            Step::Days(k) => NaiveDate::from_ymd_opt(date.year(), date.month(), (date.day() - 1) / k * k + 1),
            Step::Months(k) => NaiveDate::from_ymd_opt(date.year(), (date.month() - 1) / k * k + 1, 1),
            Step::Years(k) => NaiveDate::from_ymd_opt(date.year().div_euclid(k) * k, 1, 1),
        }
    }

    fn next(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Step::Days(1) => date.succ_opt(),
            Step::Days(k) => {
                // Ticks on days 1, 1+k, 1+2k … of each month; a short last
                // interval is dropped so labels never crowd the 1st.
                let next = date.day() + k;
                match NaiveDate::from_ymd_opt(date.year(), date.month(), next) {
                    Some(d) if next + k / 2 <= 29 => Some(d),
                    _ => date.with_day(1)?.checked_add_months(chrono::Months::new(1)),
                }
            }
            Step::Months(k) => date.checked_add_months(chrono::Months::new(k)),
            Step::Years(k) => NaiveDate::from_ymd_opt(date.year().checked_add(k)?, 1, 1),
        }
    }

    fn label(self, date: NaiveDate) -> String {
        match self {
            Step::Days(_) if date.day() == 1 => date.format("%b %Y").to_string(),
            Step::Days(_) => date.format("%-d %b").to_string(),
            Step::Months(_) if date.month() == 1 => date.format("%Y").to_string(),
            Step::Months(_) => date.format("%b").to_string(),
            Step::Years(_) => date.year().to_string(),
        }
    }

    fn is_major(self, date: NaiveDate) -> bool {
        match self {
            Step::Days(_) => date.day() == 1,
            Step::Months(_) => date.month() == 1,
            Step::Years(k) => date.year().rem_euclid(if k < 10 { 10 } else { k * 5 }) == 0,
        }
    }
}

/// Groups markers that would overlap: `xs` are positions sorted ascending;
/// a marker closer than `min_gap` to the first of the current group joins
/// it. Returns the index range of each group, left to right.
pub fn clusters(xs: &[f32], min_gap: f32) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut group_x = f32::NEG_INFINITY;
    for (i, &x) in xs.iter().enumerate() {
        match out.last_mut() {
            Some(g) if x - group_x < min_gap => g.end = i + 1,
            _ => {
                out.push(i..i + 1);
                group_x = x;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::timeline::events::day_number;

    fn day(y: i32, m: u32, d: u32) -> f64 {
        day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap()) as f64
    }

    #[test]
    fn zooming_keeps_the_day_under_the_pointer() {
        let mut v = TimeView::fit(day(1790, 1, 1)..day(2026, 1, 1), 1000.0);
        assert!(v.x(day(1790, 1, 1)) > 0.0 && v.x(day(2026, 1, 1)) < 1000.0);
        let under = v.day(300.0);
        v.zoom(300.0, 8.0, 1000.0);
        assert!((v.day(300.0) - under).abs() < 1e-6);
        v.pan(100.0);
        assert!((v.day(400.0) - under).abs() < 1e-6);
        // Zoom is bounded both ways, whatever the wheel says.
        v.zoom(0.0, 1e12, 1000.0);
        assert!((1.0 / v.days_per_point - MAX_POINTS_PER_DAY).abs() < 1e-6);
        v.zoom(0.0, 1e-12, 1000.0);
        assert!(v.days_per_point * 1000.0 <= MAX_DAYS_SHOWN + 1.0);
        v.zoom(0.0, f64::NAN, 1000.0);
        assert!(v.days_per_point.is_finite());
    }

    #[test]
    fn ticks_adapt_from_centuries_to_days_and_never_crowd() {
        let days = TimeView { start: day(2018, 11, 1), days_per_point: 12.0 / 1000.0 };
        let cases: [(TimeView, &str, &str); 5] = [
            (TimeView::fit(day(1000, 1, 1)..day(2026, 1, 1), 1000.0), "1100", "1200"),
            (TimeView::fit(day(1790, 1, 1)..day(2026, 1, 1), 1000.0), "1800", "1820"),
            (TimeView::fit(day(2018, 1, 1)..day(2019, 1, 1), 1000.0), "Feb", "Mar"),
            (TimeView::fit(day(2018, 11, 1)..day(2018, 11, 12), 1000.0), "8 Nov", "15 Nov"),
            (days, "2 Nov", "3 Nov"),
        ];
        for (v, a, b) in cases {
            let ticks = v.ticks(1000.0, 60.0);
            let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
            assert!(labels.contains(&a) && labels.contains(&b), "{labels:?}");
            assert!(ticks.len() >= 5 && ticks.len() <= 1000 / 60 + 1, "{labels:?}");
            for w in ticks.windows(2) {
                assert!(v.x(w[1].day as f64) - v.x(w[0].day as f64) >= 60.0 * 0.8, "{labels:?}");
            }
        }
        // Years that start decades are major.
        let v = TimeView::fit(day(1930, 1, 1)..day(1950, 1, 1), 1000.0);
        let t = v.ticks(1000.0, 30.0);
        assert!(t.iter().any(|t| t.label == "1940" && t.major));
        assert!(t.iter().any(|t| t.label == "1941" && !t.major));
    }

    #[test]
    fn markers_closer_than_the_gap_cluster() {
        assert_eq!(clusters(&[0.0, 3.0, 7.9, 8.0, 30.0, 31.0, 100.0], 8.0), vec![0..3, 3..4, 4..6, 6..7]);
        assert_eq!(clusters(&[], 8.0), Vec::<Range<usize>>::new());
    }
}
