//! A column's laid-out paragraphs and its reading position. The position
//! is an [`Anchor`] in the text, not a pixel offset: paragraph heights start
//! as estimates and change when measured, when the width or the font
//! changes, so a pixel offset kept across them points at other text. The
//! scroll offset is derived from the anchor in every frame.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::paragraph::LaidParagraph;
use crate::core::text::transcript::Transcript;

/// Space between paragraphs.
pub(super) const PARAGRAPH_GAP: f32 = 8.0;

/// Longest stretch of text laid out as one block (in bytes). A longer
/// paragraph (a speech without paragraph breaks, a word repeated a million
/// times) is drawn as several blocks cut at white space, one below the
/// other: a layout costs about 176 bytes a character, and laying out a
/// 16 MB paragraph at once took minutes and gigabytes.
pub(super) const MAX_BLOCK_BYTES: usize = 16 * 1024;

/// The blocks a column lays out, in order: its paragraphs, the long ones
/// cut at white space into pieces of at most [`MAX_BLOCK_BYTES`]; and for
/// each, whether it ends its paragraph (a gap follows).
fn blocks_of(t: &Transcript) -> (Vec<std::ops::Range<usize>>, Vec<bool>) {
    let (mut blocks, mut ends) = (Vec::with_capacity(t.paragraphs.len()), Vec::with_capacity(t.paragraphs.len()));
    for p in &t.paragraphs {
        let mut at = p.start;
        while p.end - at > MAX_BLOCK_BYTES {
            let mut cut = floor_char_boundary(&t.body, at + MAX_BLOCK_BYTES);
            // Back to just after a space, unless the stretch has none.
            let space = t.body.get(at..cut).and_then(|s| s.char_indices().rev().find(|(_, c)| c.is_whitespace()));
            if let Some((k, c)) = space
                && k > MAX_BLOCK_BYTES / 2
            {
                cut = at + k + c.len_utf8();
            }
            if cut <= at {
                break;
            }
            blocks.push(at..cut);
            ends.push(false);
            at = cut;
        }
        blocks.push(at..p.end);
        ends.push(true);
    }
    (blocks, ends)
}

/// Where a column is read: the first byte of the row at the top of the
/// view, and how far (in points) the view's top is below that row's top
/// (negative to leave room above, as when a target is brought into view).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    /// A byte offset in the transcript's body.
    pub byte: usize,
    /// Points from the anchored row's top to the view's top.
    pub dy: f32,
}

/// Laid-out paragraphs of one column, valid for one key, and its position.
#[derive(Default)]
pub struct ColumnLayout {
    /// Width, font, theme and text the heights are for.
    metrics_key: u64,
    /// The highlights the laid-out paragraphs show.
    styles_key: u64,
    /// Laid-out paragraphs; `None` until a paragraph is needed, and again
    /// once it is far from the view.
    galleys: Vec<Option<Arc<LaidParagraph>>>,
    /// The paragraphs that have a layout in `galleys`.
    laid_out: Vec<usize>,
    /// Height of each paragraph: exact once laid out, estimated before.
    heights: Vec<f32>,
    pub(super) tops: Vec<f32>,
    total: f32,
    /// The stretches of text laid out one by one (paragraphs, long ones
    /// cut), and whether each ends its paragraph.
    pub(super) blocks: std::sync::Arc<[std::ops::Range<usize>]>,
    ends_paragraph: Vec<bool>,
    /// The scroll offset in the last frame.
    pub offset: f32,
    /// Screen position of the text's top left corner in the last frame.
    pub(super) origin: egui::Pos2,
    /// The reading position; `None` is the top of the text.
    pub(super) anchor: Option<Anchor>,
    /// The first byte of the row at the top of the view in the last frame.
    pub(super) top: usize,
    /// The first byte of the row at the bottom of the view in the last frame.
    pub(super) bottom: usize,
    /// Where the text's view was on the screen in the last frame (`None`
    /// before the first).
    pub(super) view: Option<egui::Rect>,
    /// How far the view could scroll in the last frame, as the scroll area
    /// measured it (what it clamps the next frame's offset to).
    pub(super) scroll_max: Option<f32>,
}

impl ColumnLayout {
    /// A column to be shown first at `byte` (a remembered position).
    pub fn at(byte: Option<usize>) -> Self {
        ColumnLayout { anchor: byte.map(|byte| Anchor { byte, dy: 0.0 }), top: byte.unwrap_or(0), ..Default::default() }
    }

    /// The first byte of the row at the top of the view: what the reader
    /// is reading, and where the column opens again.
    pub fn top_byte(&self) -> usize {
        self.top
    }

    /// Where the text was shown on the screen in the last frame (below the
    /// column's header): what pair mode clips its gap lines to.
    pub fn view_rect(&self) -> egui::Rect {
        self.view.unwrap_or(egui::Rect::NOTHING)
    }

    /// The first byte of the row at the bottom of the view.
    pub fn bottom_byte(&self) -> usize {
        self.bottom.max(self.top)
    }

    /// Makes the layout fit the width and highlights: on a new width or
    /// font every paragraph gets an estimated height and is laid out again
    /// when seen; new highlights keep the heights (colours do not move text).
    pub(super) fn prepare(&mut self, ui: &egui::Ui, t: &Transcript, width: f32, styles_version: u64) {
        let font = egui::TextStyle::Body.resolve(ui.style());
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        // The text's address tells a transcript read again from the one before.
        (width as u32, font.size.to_bits(), ui.visuals().dark_mode, t.body.len(), t.body.as_ptr() as usize, &t.path)
            .hash(&mut hasher);
        // Fallback fonts added make the galleys kept here point at glyphs gone.
        crate::ui::fonts::generation(ui.ctx()).hash(&mut hasher);
        let metrics_key = hasher.finish();
        if metrics_key != self.metrics_key || self.blocks.is_empty() {
            let (blocks, ends) = blocks_of(t);
            self.blocks = blocks.into();
            self.ends_paragraph = ends;
        }
        let n = self.blocks.len();
        if metrics_key != self.metrics_key || self.galleys.len() != n {
            let (row, char_width) = ui.fonts_mut(|f| (f.row_height(&font), f.glyph_width(&font, 'n')));
            let per_row = (width / char_width.max(1.0)).max(1.0);
            self.heights = self
                .blocks
                .iter()
                .map(|p| {
                    let chars = t.body.get(p.clone()).map_or(0, |s| s.chars().count()) as f32;
                    (chars / per_row).ceil().max(1.0) * row
                })
                .collect();
            self.galleys = vec![None; n];
            self.laid_out.clear();
            self.metrics_key = metrics_key;
            self.styles_key = styles_version;
            self.recompute_tops();
        } else if styles_version != self.styles_key {
            self.galleys.iter_mut().for_each(|g| *g = None);
            self.laid_out.clear();
            self.styles_key = styles_version;
        }
    }

    /// The paragraph drawn at height `y`.
    fn paragraph_at(&self, y: f32) -> Option<usize> {
        self.tops.partition_point(|&top| top <= y).checked_sub(1)
    }

    /// The row drawn at height `y`: the byte it starts with and its top
    /// (the paragraph's start and top when it is not laid out).
    pub(super) fn row_at(&self, t: &Transcript, y: f32) -> Option<(usize, f32)> {
        let i = self.paragraph_at(y)?;
        let p = self.blocks.get(i)?;
        let Some(Some(laid)) = self.galleys.get(i) else { return Some((p.start, self.tops[i])) };
        let (byte, row_top) = laid.row_at(t.body.get(p.clone())?, y - self.tops[i]);
        Some((p.start + byte, self.tops[i] + row_top))
    }

    /// The byte under a point of the screen (as last drawn), clamped into
    /// the text: where a drag selecting text is.
    pub(super) fn byte_at_pos(&self, t: &Transcript, pos: egui::Pos2) -> Option<usize> {
        let y = pos.y - self.origin.y;
        let i = self.paragraph_at(y.max(0.0))?;
        let p = self.blocks.get(i)?;
        let Some(Some(laid)) = self.galleys.get(i) else { return Some(p.start) };
        let local = egui::vec2(pos.x - self.origin.x, y - self.tops[i]);
        if local.y > laid.size().y {
            return Some(p.end);
        }
        Some(p.start + laid.byte_at(t.body.get(p.clone())?, local))
    }

    pub(super) fn recompute_tops(&mut self) {
        self.tops.clear();
        let mut y = 0.0;
        for (k, h) in self.heights.iter().enumerate() {
            self.tops.push(y);
            y += h + if self.ends_paragraph.get(k).copied().unwrap_or(true) { PARAGRAPH_GAP } else { 0.0 };
        }
        self.total = y;
    }

    /// The laid-out paragraph `i`, laying it out now if needed; true in the
    /// second value when its height changed (the tops must be recomputed).
    pub(super) fn galley(
        &mut self,
        ui: &egui::Ui,
        lay: impl FnOnce(&egui::Ui) -> LaidParagraph,
        i: usize,
    ) -> (Arc<LaidParagraph>, bool) {
        if let Some(g) = &self.galleys[i] {
            return (g.clone(), false);
        }
        let g = Arc::new(lay(ui));
        let changed = (g.size().y - self.heights[i]).abs() > 0.5;
        self.heights[i] = g.size().y;
        self.galleys[i] = Some(g.clone());
        self.laid_out.push(i);
        (g, changed)
    }

    /// Gives back the layouts of paragraphs more than a view's height above
    /// or below `view`, keeping their measured heights. A layout takes about
    /// 176 bytes a character (a glyph, 72, and its four vertices and six
    /// indices), so a column scrolled through a long speech would otherwise
    /// keep all of it laid out, in each column that showed it.
    pub(super) fn forget_far(&mut self, view: egui::Rect) {
        let margin = view.height().max(1.0);
        let lo = self.tops.partition_point(|&top| top < view.min.y - margin).saturating_sub(1);
        let hi = self.tops.partition_point(|&top| top <= view.max.y + margin);
        let galleys = &mut self.galleys;
        self.laid_out.retain(|&i| {
            let keep = (lo..hi).contains(&i);
            if !keep && let Some(g) = galleys.get_mut(i) {
                *g = None;
            }
            keep
        });
    }

    /// How many paragraphs have a layout kept.
    pub fn laid_out(&self) -> usize {
        self.laid_out.len()
    }

    /// Height of the whole text as laid out (estimated where not yet).
    pub fn height(&self) -> f32 {
        self.total
    }

    /// Where a byte of the text was drawn in the last frame (the middle of
    /// its character), for tests that click on text as a user would.
    pub fn screen_pos(&self, t: &Transcript, byte: usize) -> Option<egui::Pos2> {
        let i = self.blocks.iter().position(|p| p.start <= byte && byte < p.end)?;
        let p = &self.blocks[i];
        let text = t.body.get(p.clone())?;
        let at = self.galleys.get(i)?.as_ref()?.char_center(text, byte - p.start);
        Some(self.origin + egui::vec2(at.x, self.tops[i] + at.y))
    }

    /// The screen height where a byte's row was drawn in the last frame,
    /// from the tops (estimated where the paragraph is not laid out): where
    /// pair mode draws the gaps and the bands between the versions.
    pub fn screen_y(&self, t: &Transcript, byte: usize) -> Option<f32> {
        let i = self.blocks.partition_point(|p| p.end < byte).min(self.blocks.len().checked_sub(1)?);
        let p = &self.blocks[i];
        let y = match self.galleys.get(i) {
            Some(Some(g)) => g.row_span(t.body.get(p.clone()).unwrap_or(""), byte.clamp(p.start, p.end) - p.start).0,
            _ => 0.0,
        };
        Some(self.origin.y + self.tops.get(i)? + y)
    }

    /// How far below the top of the view a byte's row was drawn in the last
    /// frame (negative above it): where the reader sees that text.
    pub fn y_in_view(&self, t: &Transcript, byte: usize) -> Option<f32> {
        Some(self.screen_y(t, byte)? - self.origin.y - self.offset)
    }

    /// The y position of a byte offset in the column, its paragraph laid
    /// out now if needed (the paragraphs above may still be estimates).
    pub(super) fn y_of_byte(
        &mut self,
        ui: &egui::Ui,
        t: &Transcript,
        lay: impl Fn(&egui::Ui, usize) -> LaidParagraph,
        byte: usize,
    ) -> Option<f32> {
        let last = self.blocks.len().checked_sub(1)?;
        let byte = floor_char_boundary(&t.body, byte);
        let i = self.blocks.partition_point(|p| p.end < byte).min(last);
        let p = self.blocks[i].clone();
        let text = t.body.get(p.clone())?;
        let (laid, changed) = self.galley(ui, |ui| lay(ui, i), i);
        if changed {
            self.recompute_tops();
        }
        let (row_top, _) = laid.row_span(text, byte.saturating_sub(p.start).min(text.len()));
        Some(self.tops[i] + row_top)
    }
}

/// `byte` moved back to the start of the character it falls in (a saved
/// position in a file that changed since may fall inside one).
pub(super) fn floor_char_boundary(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}
