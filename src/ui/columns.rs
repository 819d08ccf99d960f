//! The side-by-side columns: each transcript laid out one paragraph at a
//! time, with highlights, only the rows in view drawn, layouts cached until
//! the text, highlights or width change.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Galley, Sense, Vec2};

use crate::core::highlight::{Style, Styled};
use crate::core::transcript::Transcript;

use super::palette;

/// Space between paragraphs.
const PARAGRAPH_GAP: f32 = 8.0;

/// Laid-out paragraphs of one column, valid for one key.
#[derive(Default)]
pub struct ColumnLayout {
    key: u64,
    galleys: Vec<Arc<Galley>>,
    tops: Vec<f32>,
    total: f32,
    /// The scroll offset in the last frame.
    pub offset: f32,
    /// Screen position of the text's top left corner in the last frame.
    origin: egui::Pos2,
}

impl ColumnLayout {
    /// Where a byte of the text was drawn in the last frame (the middle of
    /// its character), for tests that click on text as a user would.
    pub fn screen_pos(&self, t: &Transcript, byte: usize) -> Option<egui::Pos2> {
        let i = t.paragraphs.iter().position(|p| p.start <= byte && byte < p.end)?;
        let p = &t.paragraphs[i];
        let chars = t.body.get(p.start..byte)?.chars().count();
        let rect = self.galleys.get(i)?.pos_from_cursor(egui::text::CCursor::new(chars));
        Some(self.origin + egui::vec2(rect.center().x + 2.0, self.tops[i] + rect.center().y))
    }
}

/// What the user did in a column.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnEvent {
    /// Clicked a highlighted span of this phrase.
    SelectPhrase(u32),
    /// Scrolled; the fraction of the text above the view's top.
    Scrolled(f32),
}

/// What a column shows.
pub struct ColumnInput<'a> {
    /// The transcript.
    pub transcript: &'a Transcript,
    /// Highlight ranges, sorted and not overlapping.
    pub styles: &'a [Styled],
    /// Changes whenever `styles` change.
    pub styles_version: u64,
    /// Bring this byte offset into view this frame.
    pub scroll_to: Option<usize>,
    /// Set the scroll position to this fraction of the text (synchronised scrolling).
    pub scroll_fraction: Option<f32>,
    /// Text for the tooltip of a phrase.
    pub describe: &'a dyn Fn(u32) -> String,
}

fn styles_for<'a>(styles: &'a [Styled], range: &std::ops::Range<usize>) -> impl Iterator<Item = &'a Styled> {
    let range = range.clone();
    let first = styles.partition_point(|s| s.bytes.end <= range.start);
    styles[first..].iter().take_while(move |s| s.bytes.start < range.end)
}

fn paragraph_job(
    ui: &egui::Ui,
    t: &Transcript,
    p: &std::ops::Range<usize>,
    styles: &[Styled],
    width: f32,
) -> LayoutJob {
    let dark = ui.visuals().dark_mode;
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let plain = TextFormat { font_id: font.clone(), color, ..Default::default() };
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let mut at = p.start;
    let text = |r: std::ops::Range<usize>| t.body.get(r).unwrap_or("");
    for s in styles_for(styles, p) {
        let (a, b) = (s.bytes.start.max(p.start), s.bytes.end.min(p.end));
        if a > at {
            job.append(text(at..a), 0.0, plain.clone());
        }
        if b > a {
            let mut format = plain.clone();
            format.background = palette::background(&s.style, dark);
            format.underline = palette::underline(&s.style, s.selected, dark);
            if matches!(s.style, Style::Deleted) {
                format.strikethrough = egui::Stroke::new(1.0, color.gamma_multiply(0.7));
            }
            job.append(text(a..b), 0.0, format);
        }
        at = at.max(b);
    }
    if at < p.end {
        job.append(text(at..p.end), 0.0, plain);
    }
    job
}

/// The style at a byte offset.
fn style_at(styles: &[Styled], byte: usize) -> Option<&Styled> {
    let k = styles.partition_point(|s| s.bytes.end <= byte);
    styles.get(k).filter(|s| s.bytes.start <= byte)
}

/// Draws a column's text; returns what the user did.
pub fn column_body(
    ui: &mut egui::Ui,
    id: egui::Id,
    input: &ColumnInput,
    layout: &mut ColumnLayout,
) -> Option<ColumnEvent> {
    let t = input.transcript;
    let width = (ui.available_width() - 16.0).max(40.0);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (width as u32, input.styles_version, ui.visuals().dark_mode, t.body.len(), &t.path).hash(&mut hasher);
    let key = hasher.finish();
    if layout.key != key || layout.galleys.len() != t.paragraphs.len() {
        layout.galleys = t
            .paragraphs
            .iter()
            .map(|p| ui.painter().layout_job(paragraph_job(ui, t, p, input.styles, width)))
            .collect();
        layout.tops.clear();
        let mut y = 0.0;
        for g in &layout.galleys {
            layout.tops.push(y);
            y += g.size().y + PARAGRAPH_GAP;
        }
        layout.total = y;
        layout.key = key;
    }
    let mut event = None;
    let mut area = egui::ScrollArea::vertical().id_salt(id).auto_shrink([false, false]);
    if let Some(byte) = input.scroll_to
        && let Some(y) = y_of_byte(t, layout, byte)
    {
        area = area.vertical_scroll_offset((y - 60.0).max(0.0));
    } else if let Some(f) = input.scroll_fraction {
        area = area.vertical_scroll_offset(f * layout.total);
    }
    let output = area.show_viewport(ui, |ui, viewport| {
        ui.set_height(layout.total);
        ui.set_width(width);
        let origin = ui.min_rect().min;
        layout.origin = origin;
        let first = layout.tops.partition_point(|&top| top < viewport.min.y).saturating_sub(1);
        for i in first..layout.galleys.len() {
            let top = layout.tops[i];
            if top > viewport.max.y {
                break;
            }
            let galley = &layout.galleys[i];
            let rect = egui::Rect::from_min_size(origin + Vec2::new(0.0, top), galley.size());
            let response = ui.interact(rect, id.with(i), Sense::click());
            response.widget_info(|| {
                let text = t.body.get(t.paragraphs[i].clone()).unwrap_or("");
                egui::WidgetInfo::labeled(egui::Role::Label, true, text)
            });
            ui.painter().galley(rect.min, galley.clone(), ui.visuals().text_color());
            if let Some(pos) = response.hover_pos() {
                let cursor = galley.cursor_from_pos(pos - rect.min);
                let para = &t.paragraphs[i];
                let text = t.body.get(para.clone()).unwrap_or("");
                let byte = para.start + text.char_indices().nth(cursor.index.into()).map_or(text.len(), |(b, _)| b);
                if let Some(s) = style_at(input.styles, byte) {
                    let phrase = match s.style {
                        Style::Earlier { phrase, .. } | Style::Introduced { phrase } => Some(phrase),
                        _ => None,
                    };
                    if let Some(phrase) = phrase {
                        let response = response.on_hover_text((input.describe)(phrase));
                        if response.clicked() {
                            event = Some(ColumnEvent::SelectPhrase(phrase));
                        }
                    }
                }
            }
        }
    });
    let scrolled_by_user =
        output.state.clamped_offset().y != ui.ctx().data(|d| d.get_temp::<f32>(id.with("last_offset"))).unwrap_or(0.0);
    ui.ctx().data_mut(|d| d.insert_temp(id.with("last_offset"), output.state.clamped_offset().y));
    layout.offset = output.state.clamped_offset().y;
    if event.is_none()
        && scrolled_by_user
        && layout.total > 0.0
        && input.scroll_to.is_none()
        && input.scroll_fraction.is_none()
    {
        event = Some(ColumnEvent::Scrolled(output.state.clamped_offset().y / layout.total));
    }
    event
}

/// The y position of a byte offset in the laid-out column.
fn y_of_byte(t: &Transcript, layout: &ColumnLayout, byte: usize) -> Option<f32> {
    let i = t.paragraphs.partition_point(|p| p.end < byte).min(t.paragraphs.len().checked_sub(1)?);
    let p = &t.paragraphs[i];
    let text = t.body.get(p.clone())?;
    let chars = text.get(..byte.saturating_sub(p.start).min(text.len()))?.chars().count();
    let galley = layout.galleys.get(i)?;
    let rect = galley.pos_from_cursor(egui::text::CCursor::new(chars));
    Some(layout.tops[i] + rect.min.y)
}

/// Shortens `s` to `max` characters with an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
