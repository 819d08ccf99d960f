//! The small chart of uses per year beside a phrase or a search hit.
//!
//! Drawn as one mesh of plain rectangles, one per column of the chart that
//! a year with uses falls in, not as a line per year: a phrase used in 200
//! of 237 years drew 200 anti-aliased lines overlapping in a 90-point-wide
//! chart (up to 3,000 triangle indices a row, a third of a whole frame's
//! geometry with the phrase list open), which a software renderer (Mesa's
//! lavapipe, on machines without a GPU) bins tile by tile, in memory, on
//! every frame. The merged columns look the same.

use crate::core::text::YearCount;

/// Width of the chart, in points.
const WIDTH: f32 = 90.0;
/// Height of the chart, in points.
const HEIGHT: f32 = 12.0;
/// Width of one year's bar, in points.
const BAR: f32 = 1.5;
/// Shortest bar, in points: a year with one use among years of hundreds
/// still shows.
const MIN_BAR: f32 = 2.0;

/// One bar of a sparkline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bar {
    /// Centre of the bar, in points from the chart's left edge.
    pub x: f32,
    /// Height, as a fraction of the tallest bar (0 to 1].
    pub height: f32,
}

/// The bars of a chart `width` points wide of `counts` (uses per year)
/// over the years `y0` to `y1`: years that fall in the same column (a
/// point) share one bar, as tall as the most used of them, so a chart
/// never has more bars than it has columns.
pub(crate) fn bars(counts: &[YearCount], y0: i32, y1: i32, width: f32) -> Vec<Bar> {
    let span = (y1 - y0).max(1) as f32;
    let max = counts.iter().map(|y| y.count).max().unwrap_or(1).max(1) as f32;
    let inner = (width - 2.0).max(0.0);
    // The most uses of any year in each column; 0 where no year falls.
    let mut columns = vec![0u32; inner.round() as usize + 1];
    for &YearCount { year, count: n } in counts {
        let column = ((year - y0) as f32 / span * inner).round();
        if let Some(most) = (column >= 0.0).then(|| columns.get_mut(column as usize)).flatten() {
            *most = (*most).max(n);
        }
    }
    columns
        .iter()
        .enumerate()
        .filter(|&(_, &n)| n > 0)
        .map(|(c, &n)| Bar { x: c as f32 + 1.0, height: n as f32 / max })
        .collect()
}

/// Draws the chart of `counts` (uses per year) over the years `y0` to `y1`.
pub(crate) fn sparkline_ui(ui: &mut egui::Ui, counts: &[YearCount], y0: i32, y1: i32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(WIDTH, HEIGHT), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 1.0, ui.visuals().faint_bg_color);
    let color = ui.visuals().selection.bg_fill;
    let mut mesh = egui::Mesh::default();
    for bar in bars(counts, y0, y1, rect.width()) {
        let x = rect.left() + bar.x;
        let h = (bar.height * rect.height()).max(MIN_BAR);
        let r = egui::Rect::from_min_max(
            egui::pos2(x - BAR / 2.0, rect.bottom() - h),
            egui::pos2(x + BAR / 2.0, rect.bottom()),
        );
        mesh.add_colored_rect(r, color);
    }
    painter.add(egui::Shape::mesh(mesh));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts from (year, count) pairs.
    fn years(pairs: &[(i32, u32)]) -> Vec<YearCount> {
        pairs.iter().map(|&(year, count)| YearCount { year, count }).collect()
    }

    #[test]
    fn years_in_one_column_share_a_bar_as_tall_as_the_most_used() {
        // 237 years of uses in a 90-point chart: at most one bar a column.
        let counts: Vec<YearCount> =
            (1790..=2026).map(|year| YearCount { year, count: (year % 7) as u32 + 1 }).collect();
        let b = bars(&counts, 1790, 2026, WIDTH);
        assert!(b.len() <= (WIDTH - 1.0) as usize, "{} bars", b.len());
        assert!(b.len() > 80, "every column holds a year: {} bars", b.len());
        assert!(b.windows(2).all(|w| w[0].x < w[1].x), "bars left to right, one per column");
        // The tallest year (7 uses) makes the tallest bar, 1.0.
        assert_eq!(b.iter().map(|b| b.height).fold(0.0, f32::max), 1.0);
        assert!(b.iter().all(|b| b.height > 0.0 && b.height <= 1.0));
        // The first and last years sit at the chart's two ends.
        assert_eq!(b.first().map(|b| b.x), Some(1.0));
        assert_eq!(b.last().map(|b| b.x), Some(WIDTH - 1.0));
    }

    #[test]
    fn a_column_takes_its_most_used_year_whatever_the_order() {
        // 1,000 years in 90 points: 1500 and 1501 share a column.
        let b = bars(&years(&[(1501, 9), (1500, 2), (1000, 3)]), 1000, 2000, WIDTH);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0], Bar { x: 1.0, height: 3.0 / 9.0 });
        assert_eq!(b[1].height, 1.0);
    }

    #[test]
    fn few_years_keep_a_bar_each_and_nothing_makes_no_bars() {
        let b = bars(&years(&[(2019, 1), (2020, 4), (2021, 2)]), 2019, 2021, WIDTH);
        assert_eq!(b.iter().map(|b| b.x).collect::<Vec<_>>(), vec![1.0, 45.0, 89.0]);
        assert_eq!(b.iter().map(|b| b.height).collect::<Vec<_>>(), vec![0.25, 1.0, 0.5]);
        assert!(bars(&[], 2019, 2021, WIDTH).is_empty());
        // One year only: the corpus spans no time; the bar is at the left.
        assert_eq!(bars(&years(&[(1941, 3)]), 1941, 1941, WIDTH), vec![Bar { x: 1.0, height: 1.0 }]);
    }
}
