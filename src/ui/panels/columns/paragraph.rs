//! A paragraph of a column laid out for the screen. Left-to-right text is
//! one egui galley. Text with right-to-left stretches (Arabic, Persian,
//! Hebrew) is laid out here, because egui shapes each run but places runs
//! left to right: the paragraph is broken into lines in logical order,
//! each line put in display order by the bidirectional algorithm
//! (`core::text::bidi`) as pieces (a word, a space, a mark), each piece a
//! small galley that egui shapes (joining Arabic letters, reversing the
//! word). A right-to-left line is aligned to the right edge.
//!
//! Everything that points into the text (highlights, search frames, notes,
//! the selection, clicks) goes through here from byte offsets in the
//! paragraph, so a byte range still becomes the right painted places,
//! however the line was reordered.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob};
use egui::{Galley, Pos2, Rect, Vec2, pos2, vec2};

use super::line_breaks::{break_lines, break_units};
use crate::core::text::bidi::{self, Bidi, Piece};

/// A paragraph as drawn: bytes are offsets in the paragraph's text,
/// positions relative to its top left corner.
pub(super) enum LaidParagraph {
    /// Left to right only: egui's layout, wrapped by egui.
    Plain(Arc<Galley>),
    /// With right-to-left text: lines of placed pieces.
    Bidi(BidiLines),
}

/// The lines of a paragraph with right-to-left text.
pub(super) struct BidiLines {
    lines: Vec<Line>,
    size: Vec2,
}

struct Line {
    top: f32,
    height: f32,
    /// Bytes of the line, in logical order.
    bytes: Range<usize>,
    /// Left to right on the screen.
    pieces: Vec<Placed>,
    /// The line reads from right to left (its start is at the right).
    rtl: bool,
    /// The end of its last word (white space after it is not drawn).
    content_end: usize,
    /// Where the line's logical end is shown (its left edge when it reads
    /// right to left): where a position past its last byte goes.
    end_x: f32,
}

struct Placed {
    bytes: Range<usize>,
    x: f32,
    width: f32,
    rtl: bool,
    /// `None` for white space at a line's end, which is not drawn.
    galley: Option<Arc<Galley>>,
}

impl LaidParagraph {
    /// Lays out `text` in `width`: `job` gives the (unwrapped) job for a
    /// byte range of the text with its highlights, `whole` the wrapped job
    /// of the whole paragraph used when it has no right-to-left text.
    pub(super) fn new(
        ui: &egui::Ui,
        text: &str,
        width: f32,
        whole: impl FnOnce() -> LayoutJob,
        job: impl Fn(Range<usize>) -> LayoutJob,
    ) -> Self {
        if bidi::has_rtl(text) {
            LaidParagraph::Bidi(BidiLines::new(ui, text, width, job))
        } else {
            LaidParagraph::Plain(ui.painter().layout_job(whole()))
        }
    }

    pub(super) fn size(&self) -> Vec2 {
        match self {
            LaidParagraph::Plain(g) => g.size(),
            LaidParagraph::Bidi(b) => b.size,
        }
    }

    /// Draws the paragraph with its top left corner at `pos`.
    pub(super) fn paint(&self, painter: &egui::Painter, pos: Pos2, color: egui::Color32) {
        match self {
            LaidParagraph::Plain(g) => painter.galley(pos, g.clone(), color),
            LaidParagraph::Bidi(b) => {
                for line in &b.lines {
                    for p in &line.pieces {
                        if let Some(g) = &p.galley {
                            painter.galley(pos + vec2(p.x, line.top), g.clone(), color);
                        }
                    }
                }
            }
        }
    }

    /// The row holding `byte` (a row starting there, not the one ending
    /// there): its top and bottom.
    pub(super) fn row_span(&self, text: &str, byte: usize) -> (f32, f32) {
        match self {
            LaidParagraph::Plain(g) => {
                let r = g.pos_from_cursor(row_start_cursor(chars(text, byte)));
                (r.min.y, r.max.y)
            }
            LaidParagraph::Bidi(b) => b.line_of(byte).map_or((0.0, 0.0), |l| (l.top, l.top + l.height)),
        }
    }

    /// The middle of the character at `byte`, where a click selects it.
    pub(super) fn char_center(&self, text: &str, byte: usize) -> Pos2 {
        match self {
            LaidParagraph::Plain(g) => {
                let r = g.pos_from_cursor(row_start_cursor(chars(text, byte)));
                pos2(r.center().x + 2.0, r.center().y)
            }
            LaidParagraph::Bidi(b) => {
                let next = text.get(byte..).and_then(|s| s.chars().next()).map_or(0, char::len_utf8);
                let Some(line) = b.line_of(byte) else { return Pos2::ZERO };
                let x = match line.pieces.iter().find(|p| p.bytes.start <= byte && byte < p.bytes.end) {
                    Some(p) => (p.x_of(text, byte) + p.x_of(text, byte + next)) / 2.0,
                    None => line.end_x,
                };
                pos2(x, line.top + line.height / 2.0)
            }
        }
    }

    /// The byte at a point (relative to the paragraph), clamped into it.
    pub(super) fn byte_at(&self, text: &str, local: Vec2) -> usize {
        match self {
            LaidParagraph::Plain(g) => byte_of_char(text, g.cursor_from_pos(local).index.into()),
            LaidParagraph::Bidi(b) => b.byte_at(text, local),
        }
    }

    /// The row at height `y`: the byte it starts with and its top.
    pub(super) fn row_at(&self, text: &str, y: f32) -> (usize, f32) {
        match self {
            LaidParagraph::Plain(g) => {
                let cursor = g.cursor_from_pos(vec2(0.0, y));
                (byte_of_char(text, cursor.index.into()), g.pos_from_cursor(cursor).min.y)
            }
            LaidParagraph::Bidi(b) => {
                let line = b.lines.iter().rev().find(|l| l.top <= y).or(b.lines.first());
                line.map_or((0, 0.0), |l| (l.bytes.start, l.top))
            }
        }
    }

    /// The rectangles covering the bytes `range` (one a row, or more where
    /// a line's order splits the range).
    pub(super) fn range_rects(&self, text: &str, range: Range<usize>) -> Vec<Rect> {
        match self {
            LaidParagraph::Plain(g) => plain_rects(g, text, range),
            LaidParagraph::Bidi(b) => b.range_rects(text, range),
        }
    }
}

/// The rectangles of a range in a galley: from its start to the row's end,
/// whole rows between, the last row to the range's end.
fn plain_rects(galley: &Galley, text: &str, range: Range<usize>) -> Vec<Rect> {
    let a = galley.pos_from_cursor(CCursor::new(chars(text, range.start)));
    let b = galley.pos_from_cursor(CCursor::new(chars(text, range.end)));
    let width = galley.size().x.max(1.0);
    if (a.min.y - b.min.y).abs() < 1.0 {
        return vec![Rect::from_min_max(a.min, pos2(b.max.x.max(a.min.x), a.max.y))];
    }
    let rows = [
        Rect::from_min_max(a.min, pos2(width, a.max.y)),
        Rect::from_min_max(pos2(0.0, a.max.y), pos2(width, b.min.y)),
        Rect::from_min_max(pos2(0.0, b.min.y), b.max),
    ];
    rows.into_iter().filter(|r| r.height() > 0.0 && r.width() > 0.0).collect()
}

impl BidiLines {
    fn new(ui: &egui::Ui, text: &str, width: f32, job: impl Fn(Range<usize>) -> LayoutJob) -> Self {
        let bidi = Bidi::new(text);
        let lay = |p: &Piece| {
            let mut j = job(p.bytes.clone());
            if p.rtl {
                mirror_job(&mut j);
            }
            ui.painter().layout_job(j)
        };
        let (tokens, joined) = break_units(text, bidi.tokens());
        let is_break = |t: &Piece| text[t.bytes.clone()].chars().any(bidi::is_paragraph_break);
        let laid = tokens.into_iter().zip(joined).map(|(t, j)| {
            let g = (!is_break(&t)).then(|| lay(&t));
            (t, j, g)
        });
        let (mut tokens, mut joined, mut galleys) = (Vec::new(), Vec::new(), Vec::new());
        for (t, j, g) in laid {
            match g {
                // A left-to-right word wider than the line (a long address,
                // a run of letters without spaces) is cut where the line
                // ends rather than running past the column's edge.
                Some(g) if !t.rtl && !t.space && g.size().x > width => {
                    for (k, part) in cut_to_width(text, &t, &g, width).into_iter().enumerate() {
                        galleys.push(Some(lay(&part)));
                        tokens.push(part);
                        joined.push(j && k == 0);
                    }
                }
                g => {
                    tokens.push(t);
                    joined.push(j);
                    galleys.push(g);
                }
            }
        }
        let breaks: Vec<bool> = tokens.iter().map(is_break).collect();
        let widths: Vec<f32> = galleys.iter().map(|g| g.as_ref().map_or(0.0, |g| g.size().x)).collect();
        let row_height = galleys.iter().flatten().map(|g| g.size().y).fold(0.0, f32::max);
        let ranges = break_lines(&tokens, &breaks, &joined, &widths, width);

        let mut lines = Vec::with_capacity(ranges.len());
        let mut top = 0.0;
        for range in ranges {
            let rtl = bidi.rtl_at(range.start);
            let shown = bidi.visual(range.clone(), &tokens);
            // White space after the line's last word is not drawn.
            let content_end = tokens
                .iter()
                .zip(&breaks)
                .filter(|(t, brk)| !t.space && !**brk && t.bytes.start >= range.start && t.bytes.end <= range.end)
                .map(|(t, _)| t.bytes.end)
                .max()
                .unwrap_or(range.start);
            let mut pieces: Vec<Placed> = shown
                .into_iter()
                .map(|p| {
                    let drawn =
                        p.bytes.start < content_end && !text[p.bytes.clone()].chars().any(bidi::is_paragraph_break);
                    let k = tokens.partition_point(|t| t.bytes.end <= p.bytes.start);
                    let galley = match (drawn, tokens.get(k), galleys.get(k)) {
                        (false, ..) => None,
                        // The whole token: its galley measured for the breaking.
                        (true, Some(t), Some(Some(g))) if t.bytes == p.bytes && t.rtl == p.rtl => Some(g.clone()),
                        _ => Some(lay(&p)),
                    };
                    let width = galley.as_ref().map_or(0.0, |g| g.size().x);
                    Placed { bytes: p.bytes, x: 0.0, width, rtl: p.rtl, galley }
                })
                .collect();
            let line_width: f32 = pieces.iter().map(|p| p.width).sum();
            let x0 = if rtl { (width - line_width).max(0.0) } else { 0.0 };
            let end_x = if rtl { x0 } else { x0 + line_width };
            let mut x = x0;
            for p in &mut pieces {
                if p.galley.is_some() {
                    p.x = x;
                    x += p.width;
                } else {
                    p.x = end_x;
                }
            }
            let height = pieces.iter().filter_map(|p| p.galley.as_ref()).map(|g| g.size().y).fold(row_height, f32::max);
            lines.push(Line { top, height, bytes: range, pieces, rtl, content_end, end_x });
            top += height;
        }
        BidiLines { lines, size: vec2(width, top) }
    }

    /// The line holding `byte`: the last one starting at or before it.
    fn line_of(&self, byte: usize) -> Option<&Line> {
        self.lines.iter().rev().find(|l| l.bytes.start <= byte).or(self.lines.first())
    }

    fn byte_at(&self, text: &str, local: Vec2) -> usize {
        let Some(line) = self.lines.iter().rev().find(|l| l.top <= local.y).or(self.lines.first()) else {
            return 0;
        };
        if local.y > self.size.y {
            return text.len();
        }
        let drawn: Vec<&Placed> = line.pieces.iter().filter(|p| p.galley.is_some()).collect();
        let (Some(first), Some(last)) = (drawn.first(), drawn.last()) else { return line.bytes.start };
        // Beyond the text's ends: the line's start or end, by its direction.
        let (start, end) = (line.bytes.start, line.content_end);
        if local.x < first.x {
            return if line.rtl { end } else { start };
        }
        if local.x >= last.x + last.width {
            return if line.rtl { start } else { end };
        }
        let x = local.x;
        let Some(p) = drawn.iter().find(|p| x < p.x + p.width).or(drawn.last()) else { return line.bytes.start };
        let piece = &text[p.bytes.clone()];
        let n = piece.chars().count();
        let k = match (&p.galley, p.rtl) {
            (Some(g), false) => g.cursor_from_pos(vec2(x - p.x, g.size().y / 2.0)).index.into(),
            _ => (((p.x + p.width - x) / p.width.max(0.01)) * n as f32).round() as usize,
        };
        p.bytes.start + byte_of_char(piece, k.min(n))
    }

    fn range_rects(&self, text: &str, range: Range<usize>) -> Vec<Rect> {
        let mut out = Vec::new();
        for line in self.lines.iter().filter(|l| l.bytes.start < range.end && range.start < l.bytes.end) {
            let mut rects: Vec<(f32, f32)> = line
                .pieces
                .iter()
                .filter(|p| p.galley.is_some() && p.bytes.start < range.end && range.start < p.bytes.end)
                .map(|p| {
                    let (a, b) = (range.start.max(p.bytes.start), range.end.min(p.bytes.end));
                    let (xa, xb) = (p.x_of(text, a), p.x_of(text, b));
                    (xa.min(xb), xa.max(xb))
                })
                .collect();
            rects.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut merged: Vec<(f32, f32)> = Vec::new();
            for r in rects {
                match merged.last_mut() {
                    Some(m) if r.0 <= m.1 + 0.5 => m.1 = m.1.max(r.1),
                    _ => merged.push(r),
                }
            }
            out.extend(
                merged
                    .into_iter()
                    .map(|(a, b)| Rect::from_min_max(pos2(a, line.top), pos2(b.max(a + 1.0), line.top + line.height))),
            );
        }
        out
    }
}

impl Placed {
    /// Where the caret before `byte` (inside the piece or at its end) is.
    fn x_of(&self, text: &str, byte: usize) -> f32 {
        let Some(g) = &self.galley else { return self.x };
        let piece = text.get(self.bytes.clone()).unwrap_or("");
        let before = chars(piece, byte.saturating_sub(self.bytes.start));
        if self.rtl {
            let n = piece.chars().count().max(1);
            self.x + self.width * (1.0 - before as f32 / n as f32)
        } else {
            self.x + g.pos_from_cursor(CCursor::new(before)).min.x
        }
    }
}

/// A left-to-right piece laid out as `galley`, wider than `width`, cut
/// into pieces that each fit (at least one character each).
fn cut_to_width(text: &str, piece: &Piece, galley: &Galley, width: f32) -> Vec<Piece> {
    let s = text.get(piece.bytes.clone()).unwrap_or("");
    // Each character boundary, with its distance from the piece's start.
    let bounds: Vec<(usize, f32)> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain([s.len()])
        .enumerate()
        .map(|(k, i)| (i, galley.pos_from_cursor(CCursor::new(k)).min.x))
        .collect();
    let part = |a: usize, b: usize| Piece { bytes: piece.bytes.start + a..piece.bytes.start + b, ..piece.clone() };
    let mut parts = Vec::new();
    let (mut start, mut k) = (0, 1);
    while k < bounds.len() {
        if bounds[k].1 - bounds[start].1 > width && k - 1 > start {
            parts.push(part(bounds[start].0, bounds[k - 1].0));
            start = k - 1;
        } else {
            k += 1;
        }
    }
    parts.push(part(bounds[start].0, s.len()));
    parts
}

/// A one-character job inside right-to-left text shown with its mirror
/// image when it has one (an opening bracket faces the other way).
fn mirror_job(job: &mut LayoutJob) {
    let mut it = job.text.chars();
    if let (Some(c), None) = (it.next(), it.next()) {
        let m = bidi::mirror(c);
        if m != c && m.len_utf8() == c.len_utf8() {
            job.text = m.to_string();
        }
    }
}

/// Characters in `text` before `byte`.
fn chars(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len())).map_or(0, |s| s.chars().count())
}

/// The byte offset of character `k` of `text` (its length past the end).
fn byte_of_char(text: &str, k: usize) -> usize {
    text.char_indices().nth(k).map_or(text.len(), |(b, _)| b)
}

/// A cursor before character `chars` that, where a row wraps there, is on
/// the row it starts rather than at the end of the row before: the row a
/// position anchored at a row's first byte means.
pub(super) fn row_start_cursor(chars: usize) -> CCursor {
    CCursor { index: chars.into(), prefer_next_row: true }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;

    const ARABIC: &str = "إن السلام في منطقتنا لن يتحقق إلا من خلال حل عادل وشامل. نحن نؤمن بالحوار والتعاون بين الشعوب، وقد قلنا ذلك في عام 2018 وفي مؤتمر (جنيف) أيضاً.";
    const HEBREW: &str = "אנו מחויבים לשלום ולביטחון של כל אזרחי המדינה, כפי שאמרנו ב-2019 בפני UN General Assembly.";

    /// Lays out `text` in `width` points and hands the layout to `check`.
    fn with_layout(text: &'static str, width: f32, check: impl Fn(&LaidParagraph) + 'static) {
        let mut h = Harness::builder().with_size([width + 100.0, 600.0]).allow_missing_glyphs().build_ui(move |ui| {
            let font = egui::TextStyle::Body.resolve(ui.style());
            let job = |r: Range<usize>, w: f32| {
                let mut j = LayoutJob::simple(text[r].to_owned(), font.clone(), egui::Color32::WHITE, w);
                j.wrap.max_width = w;
                j
            };
            let laid = LaidParagraph::new(ui, text, width, || job(0..text.len(), width), |r| job(r, f32::INFINITY));
            check(&laid);
        });
        h.run_steps(1);
    }

    fn words(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_whitespace(), start) {
                (true, Some(s)) => {
                    out.push(s..i);
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        out
    }

    /// Where what a line draws begins and ends, and how many pieces it draws.
    fn drawn_span(line: &Line) -> (f32, f32, usize) {
        let drawn: Vec<&Placed> = line.pieces.iter().filter(|p| p.galley.is_some()).collect();
        let right = drawn.iter().map(|p| p.x + p.width).fold(0.0, f32::max);
        let left = drawn.iter().map(|p| p.x).fold(f32::INFINITY, f32::min);
        (left, right, drawn.len())
    }

    #[test]
    fn right_to_left_lines_fit_the_width_and_stand_at_its_right_edge() {
        for width in [120.0, 240.0, 400.0] {
            with_layout(ARABIC, width, move |laid| {
                let LaidParagraph::Bidi(b) = laid else { panic!("Arabic goes through the bidi layout") };
                assert!(b.lines.len() > 1, "wrapped at {width}");
                let mut at = 0;
                for line in &b.lines {
                    assert_eq!(line.bytes.start, at, "lines follow each other");
                    at = line.bytes.end;
                    let (left, right, drawn) = drawn_span(line);
                    assert!((right - width).abs() < 0.5, "right-aligned: {right} in {width}");
                    assert!(left >= -0.01 || drawn == 1, "fits: {left}");
                }
                assert_eq!(at, ARABIC.len());
            });
        }
    }

    /// Japanese without spaces, and a word longer than any line, inside
    /// paragraphs with Arabic (which this layout breaks into lines itself).
    const JAPANESE_IN_ARABIC: &str = "العربية: جميع الشعوب تستحق السلام. 日本語：すべての人々は平和と尊厳に値する。そして、すべての国は協力しなければならない。";
    const LONG_WORD_IN_ARABIC: &str = "نحن نؤمن بالحوار aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa والتعاون";

    #[test]
    fn every_line_fits_the_width_even_without_spaces_to_break_at() {
        for text in [JAPANESE_IN_ARABIC, LONG_WORD_IN_ARABIC] {
            for width in [90.0, 160.0, 300.0] {
                with_layout(text, width, move |laid| {
                    let LaidParagraph::Bidi(b) = laid else { panic!("Arabic goes through the bidi layout") };
                    let mut at = 0;
                    for line in &b.lines {
                        assert_eq!(line.bytes.start, at, "lines follow each other");
                        at = line.bytes.end;
                        let (left, right, _) = drawn_span(line);
                        let shown = &text[line.bytes.clone()];
                        assert!(right <= width + 0.5 && left >= -0.01, "{shown:?} spans {left}..{right} in {width}");
                        assert!(!shown.starts_with(['。', '、']), "a line starts with a closing mark: {shown:?}");
                    }
                    assert_eq!(at, text.len(), "every byte is on a line");
                    // Every character is still drawn, each in one place.
                    let drawn: usize = b
                        .lines
                        .iter()
                        .flat_map(|l| &l.pieces)
                        .filter(|p| p.galley.is_some())
                        .map(|p| text[p.bytes.clone()].chars().filter(|c| !c.is_whitespace()).count())
                        .sum();
                    assert_eq!(drawn, text.chars().filter(|c| !c.is_whitespace()).count());
                });
            }
        }
    }

    #[test]
    fn words_of_a_right_to_left_line_run_from_the_right_and_numbers_from_the_left() {
        with_layout(ARABIC, 2000.0, |laid| {
            let x = |needle: &str| laid.char_center(ARABIC, ARABIC.find(needle).unwrap()).x;
            // One line: the first word at the right, the last at the left.
            assert!(x("إن") > x("السلام"));
            assert!(x("السلام") > x("أيضاً"));
            // Digits in their order, the year left of the word before it.
            assert!(x("2018") < x("018"));
            assert!(x("2018") < x("عام"));
        });
        with_layout(HEBREW, 2000.0, |laid| {
            let x = |needle: &str| laid.char_center(HEBREW, HEBREW.find(needle).unwrap()).x;
            assert!(x("UN") < x("General"));
            assert!(x("General") < x("Assembly"));
            assert!(x("Assembly") < x("בפני"));
            assert!(x("בפני") < x("אנו"));
        });
    }

    #[test]
    fn a_point_on_a_character_gives_that_character_back() {
        for text in [ARABIC, HEBREW] {
            with_layout(text, 180.0, move |laid| {
                for (b, c) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
                    let at = laid.char_center(text, b);
                    let found = laid.byte_at(text, at.to_vec2());
                    let next = b + c.len_utf8();
                    assert!(found == b || found == next, "{c:?} at {b}: found {found}");
                }
            });
        }
    }

    #[test]
    fn a_word_s_rectangles_cover_exactly_that_word() {
        for text in [ARABIC, HEBREW] {
            with_layout(text, 180.0, move |laid| {
                for w in words(text) {
                    let rects = laid.range_rects(text, w.clone());
                    assert_eq!(rects.len(), 1, "{:?} is one stretch", &text[w.clone()]);
                    let r = rects[0];
                    // The middle of the rectangle is inside the word; just
                    // outside it is not.
                    let inside = laid.byte_at(text, r.center().to_vec2());
                    assert!(w.contains(&inside), "{:?}: {inside}", &text[w.clone()]);
                    for outside in [r.left() - 4.0, r.right() + 4.0] {
                        let b = laid.byte_at(text, vec2(outside, r.center().y));
                        let off_line = laid.row_span(text, b) != laid.row_span(text, w.start);
                        assert!(!(w.start < b && b < w.end) || off_line, "{:?}: {b} at x {outside}", &text[w.clone()]);
                    }
                }
            });
        }
    }
}
