//! Pair mode: two columns compared as versions of one speech. The revision
//! diff is placed in both texts ([`PairAlignment`]); scrolling one version
//! holds the other at the gap while it passes a deletion or an insertion;
//! bands between the panes join corresponding passages, a line marks where
//! text is missing on one side, an overview strip shows every change and
//! "change N of M" says which one is current.

use std::sync::Arc;

use super::{Command, RefrainApp, SCROLL_FRAMES};
use crate::core::compare::alignment::{BlockKind, PairAlignment, Side};
use crate::core::compare::revision::RevisionOptions;
use crate::core::compare::word_keys::{Version, diff_versions};
use crate::core::phrases::PhraseIndex;
use crate::core::phrases::highlight::{Style, Styled, diff_styles};
use crate::ui::panels::palette;
use crate::ui::persistence::workspace::PairDiffOptions;

/// The revision diff of the two columns, computed once per pair and options.
pub(super) struct DiffCache {
    /// The two columns (corpus positions): the old version, the new one.
    pub(super) pair: (usize, usize),
    /// The options it was computed with.
    pub(super) options: PairDiffOptions,
    /// The highlights of each version.
    pub(super) styles: (Arc<Vec<Styled>>, Arc<Vec<Styled>>),
    /// The diff placed in both texts.
    pub(super) alignment: Arc<PairAlignment>,
}

/// Width of the overview strip at the right of the pair.
pub(super) const OVERVIEW_WIDTH: f32 = 16.0;
/// Space between the two panes, where the bands are drawn.
pub(super) const PAIR_GAP: f32 = 44.0;

impl PairDiffOptions {
    fn revision_options(self) -> RevisionOptions {
        RevisionOptions::default()
            .ignore_case(self.ignore_case)
            .ignore_punctuation(self.ignore_punctuation)
            .ignore_whitespace(self.ignore_whitespace)
            .ignore_numbers(self.ignore_numbers)
    }
}

impl RefrainApp {
    /// The pair's diff, computed now if the pair or the options changed.
    pub(super) fn pair_diff(&mut self) -> Option<&DiffCache> {
        if !self.pair_active() {
            return None;
        }
        let pair = (self.columns[0], self.columns[1]);
        let options = self.workspace.pair_options;
        if self.diff.as_ref().is_none_or(|d| d.pair != pair || d.options != options) {
            self.diff = Some(self.compute_diff(pair, options));
            self.change_cursor = None;
        }
        self.diff.as_ref()
    }

    /// The revision diff of two columns: the highlights of both and the
    /// alignment that scrolling, the bands and the stepping follow.
    fn compute_diff(&self, pair: (usize, usize), options: PairDiffOptions) -> DiffCache {
        let (old, new) = (&self.corpus[pair.0], &self.corpus[pair.1]);
        let mut index = PhraseIndex::new();
        let ids = index.add_all(&[old.clone(), new.clone()]);
        let (Some(a), Some(b)) = (index.doc(ids[0]), index.doc(ids[1])) else {
            let empty = PairAlignment::new(&[], old, new);
            return DiffCache { pair, options, styles: Default::default(), alignment: Arc::new(empty) };
        };
        let ops = diff_versions(Version::new(old, a), Version::new(new, b), &options.revision_options());
        let (sa, sb, _) = diff_styles(&ops, a, b);
        DiffCache {
            pair,
            options,
            styles: (Arc::new(sa), Arc::new(sb)),
            alignment: Arc::new(PairAlignment::new(&ops, old, new)),
        }
    }

    /// The current change and how many there are, in pair mode (for the
    /// counter and the state summary).
    pub fn pair_changes(&self) -> Option<(Option<usize>, usize)> {
        let d = self.diff.as_ref().filter(|_| self.pair_active())?;
        Some((self.change_cursor, d.alignment.changes().len()))
    }

    /// The pair's diff placed in both texts, once computed (for tests).
    pub fn pair_alignment(&self) -> Option<&PairAlignment> {
        self.diff.as_ref().filter(|_| self.pair_active()).map(|d| d.alignment.as_ref())
    }

    /// The bytes at the top and bottom of a column's view in the last frame.
    fn view_bytes(&self, col: usize) -> Option<(usize, usize)> {
        let layout = self.layouts.get(&self.corpus.get(col)?.path)?;
        Some((layout.top_byte(), layout.bottom_byte()))
    }

    /// Next (`forward`) or previous change: after the current one when it
    /// is in view, else the first after (or last before) the top of the old
    /// version's view. Never wraps around.
    pub(super) fn step_change(&mut self, forward: bool) {
        let Some(d) = self.pair_diff() else { return };
        let (pair, a) = (d.pair, Arc::clone(&d.alignment));
        let n = a.changes().len();
        if n == 0 {
            return;
        }
        let (top, bottom) = self.view_bytes(pair.0).unwrap_or((0, 0));
        let in_view = self.change_cursor.filter(|&c| {
            let r = &a.changes()[c].old;
            r.end >= top && r.start <= bottom
        });
        let next = match (in_view, forward) {
            (Some(c), true) => (c + 1 < n).then_some(c + 1),
            (Some(c), false) => c.checked_sub(1),
            (None, true) => a.change_index_at_or_after(Side::Old, top),
            (None, false) => a.change_index_before(Side::Old, top),
        };
        if let Some(c) = next {
            self.go_to_change(c);
        }
    }

    /// Makes change `c` the current one and brings it into view in both
    /// versions, at the same height.
    pub(super) fn go_to_change(&mut self, c: usize) {
        let Some(d) = &self.diff else { return };
        let Some(change) = d.alignment.changes().get(c) else { return };
        self.change_cursor = Some(c);
        self.scroll_to.insert(d.pair.0, (change.old.start, SCROLL_FRAMES));
        self.scroll_to.insert(d.pair.1, (change.new.start, SCROLL_FRAMES));
    }

    /// After the user scrolled one version, the other follows: to the text
    /// that corresponds, holding at the gap while a deletion or an
    /// insertion passes.
    pub(super) fn follow_scroll(&mut self, col: usize, byte: usize) {
        if !self.workspace.sync_scroll {
            return;
        }
        let Some(d) = self.diff.as_ref().filter(|_| self.pair_active()) else { return };
        let (side, other) = if col == d.pair.0 { (Side::Old, d.pair.1) } else { (Side::New, d.pair.0) };
        let target = d.alignment.counterpart(side, byte);
        self.scroll_top.insert(other, target);
    }

    /// The line above the pair: which change is current, the diff's options
    /// and its export.
    pub(super) fn pair_header_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let Some((current, n)) = self.pair_changes() else { return };
        ui.horizontal_wrapped(|ui| {
            let counter = match current {
                Some(c) => format!("change {} of {n}", c + 1),
                None if n == 0 => "no changes".to_string(),
                None => format!("{n} changes"),
            };
            ui.strong(counter);
            ui.separator();
            ui.label("Ignore:");
            let o = &mut self.workspace.pair_options;
            ui.checkbox(&mut o.ignore_case, "case").on_hover_text("“War” and “war” are the same word");
            ui.checkbox(&mut o.ignore_punctuation, "punctuation")
                .on_hover_text("Commas, stops, apostrophes and dashes are no change");
            ui.checkbox(&mut o.ignore_whitespace, "white space")
                .on_hover_text("Line and paragraph breaks and extra spaces are no change");
            ui.checkbox(&mut o.ignore_numbers, "numbers").on_hover_text("“1944” in place of “1945” is no change");
            ui.separator();
            ui.menu_button("Export diff…", |ui| {
                if ui.button("As HTML…").clicked() {
                    commands.push(Command::OpenDialog(super::Dialog::ExportDiffHtml));
                    ui.close();
                }
                if ui.button("As unified word diff…").clicked() {
                    commands.push(Command::OpenDialog(super::Dialog::ExportDiffUnified));
                    ui.close();
                }
            });
        });
    }

    /// Bands in the space between the panes joining each change's place in
    /// the old version to its place in the new one (a moved passage's old
    /// place to its new place), and a line across a pane where the other
    /// has text this one lacks.
    pub(super) fn pair_bands_ui(&self, ui: &egui::Ui, left: egui::Rect, right: egui::Rect) {
        let Some(d) = self.diff.as_ref().filter(|_| self.pair_active()) else { return };
        let (Some(lt), Some(rt)) = (self.corpus.get(d.pair.0), self.corpus.get(d.pair.1)) else { return };
        let (Some(ll), Some(rl)) = (self.layouts.get(&lt.path), self.layouts.get(&rt.path)) else { return };
        let dark = ui.visuals().dark_mode;
        let row = ui.text_style_height(&egui::TextStyle::Body);
        // Only over the text: never over the columns' headers.
        let (lv, rv) = (ll.view_rect().intersect(left), rl.view_rect().intersect(right));
        let top = lv.top().min(rv.top());
        let gap = egui::Rect::from_x_y_ranges(left.right()..=right.left(), top..=lv.bottom().max(rv.bottom()));
        let painter = ui.painter().with_clip_rect(gap);
        let left_painter = ui.painter().with_clip_rect(lv);
        let right_painter = ui.painter().with_clip_rect(rv);
        let span = |layout: &crate::ui::panels::columns::ColumnLayout, t, r: &std::ops::Range<usize>| {
            let y0 = layout.screen_y(t, r.start)?;
            let y1 = if r.is_empty() { y0 } else { layout.screen_y(t, r.end.saturating_sub(1))? + row };
            Some((y0, y1))
        };
        let visible = |(y0, y1): (f32, f32), view: egui::Rect| y1 >= view.top() && y0 <= view.bottom();
        for (c, change) in d.alignment.changes().iter().enumerate() {
            let new_range = match change.kind {
                BlockKind::MovedFrom => change.moved.as_ref().unwrap_or(&change.new),
                _ => &change.new,
            };
            let old_range = match change.kind {
                BlockKind::MovedTo => change.moved.as_ref().unwrap_or(&change.old),
                _ => &change.old,
            };
            let (Some(l), Some(r)) = (span(ll, lt, old_range), span(rl, rt, new_range)) else { continue };
            // A change is joined when both its places are in view: the
            // places of a change far off on one side would only be noise.
            if !visible(l, lv) || !visible(r, rv) {
                continue;
            }
            let style = match change.kind {
                BlockKind::Deleted => Style::Deleted,
                BlockKind::Inserted | BlockKind::Replaced => Style::Inserted,
                _ => Style::Moved,
            };
            let current = self.change_cursor == Some(c);
            let fill = palette::background(&style, dark).gamma_multiply(if current { 0.9 } else { 0.5 });
            let stroke = egui::Stroke::new(if current { 2.0 } else { 1.0 }, gap_color(ui));
            let quad = vec![
                egui::pos2(gap.left(), l.0),
                egui::pos2(gap.right(), r.0),
                egui::pos2(gap.right(), r.1.max(r.0 + 1.0)),
                egui::pos2(gap.left(), l.1.max(l.0 + 1.0)),
            ];
            painter.add(egui::Shape::convex_polygon(quad, fill, egui::Stroke::NONE));
            painter.line_segment([egui::pos2(gap.left(), l.0), egui::pos2(gap.right(), r.0)], stroke);
            // Where one side has nothing, a line across it marks the gap.
            if change.old.is_empty() && matches!(change.kind, BlockKind::Inserted) {
                left_painter.hline(left.x_range(), l.0, stroke);
            }
            if change.new.is_empty() && matches!(change.kind, BlockKind::Deleted | BlockKind::MovedFrom) {
                right_painter.hline(right.x_range(), r.0, stroke);
            }
            if matches!(change.kind, BlockKind::MovedTo) && change.old.is_empty() {
                let y = span(ll, lt, &change.old).map_or(l.0, |s| s.0);
                left_painter.hline(left.x_range(), y, stroke);
            }
        }
    }

    /// The overview strip: the whole old version from top to bottom, a
    /// mark where each change is (the current one stronger), the view as a
    /// frame; a click goes to the change there.
    pub(super) fn pair_overview_ui(&mut self, ui: &egui::Ui, strip: egui::Rect) {
        let Some(d) = self.diff.as_ref().filter(|_| self.pair_active()) else { return };
        let a = Arc::clone(&d.alignment);
        let old = d.pair.0;
        let len = a.len(Side::Old).max(1) as f32;
        let dark = ui.visuals().dark_mode;
        let y_of = |byte: usize| strip.top() + strip.height() * (byte as f32 / len);
        let painter = ui.painter().with_clip_rect(strip);
        painter.rect_filled(strip, 2.0, ui.visuals().extreme_bg_color);
        for (c, change) in a.changes().iter().enumerate() {
            let style = match change.kind {
                BlockKind::Deleted => Style::Deleted,
                BlockKind::Inserted | BlockKind::Replaced => Style::Inserted,
                _ => Style::Moved,
            };
            let (y0, y1) = (y_of(change.old.start), y_of(change.old.end));
            let current = self.change_cursor == Some(c);
            let r = egui::Rect::from_x_y_ranges(strip.x_range(), y0..=y1.max(y0 + if current { 4.0 } else { 2.0 }));
            let color = palette::background(&style, dark);
            painter.rect_filled(if current { r } else { r.shrink2(egui::vec2(3.0, 0.0)) }, 0.0, color);
            if current {
                painter.rect_stroke(r, 0.0, egui::Stroke::new(1.5, gap_color(ui)), egui::StrokeKind::Inside);
            }
        }
        if let Some((top, bottom)) = self.view_bytes(old) {
            let view = egui::Rect::from_x_y_ranges(strip.x_range(), y_of(top)..=y_of(bottom).max(y_of(top) + 3.0));
            painter.rect_stroke(view, 1.0, ui.visuals().widgets.active.fg_stroke, egui::StrokeKind::Inside);
        }
        let response = ui
            .interact(strip, ui.scope_id().with("pair_overview"), egui::Sense::CLICK)
            .on_hover_text(format!("{} changes: click to go to one", a.changes().len()));
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            let byte = (((pos.y - strip.top()) / strip.height()).clamp(0.0, 1.0) * len) as usize;
            let c = a.change_index_at_or_after(Side::Old, byte).or_else(|| a.change_index_before(Side::Old, byte));
            if let Some(c) = c {
                self.go_to_change(c);
            }
        }
    }
}

/// The colour of the lines marking gaps and joining the versions.
fn gap_color(ui: &egui::Ui) -> egui::Color32 {
    palette::gap_marker(ui.visuals().dark_mode)
}
