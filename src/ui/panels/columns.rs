//! The side-by-side columns: each transcript laid out one paragraph at a
//! time, with highlights, only the rows in view drawn, layouts cached until
//! the text, highlights or width change.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Galley, Sense, Vec2};

use crate::core::phrases::highlight::{Style, Styled};
use crate::core::text::transcript::Transcript;

use crate::ui::app::Command;
use crate::ui::panels::notes::NoteCommand;
use crate::ui::panels::palette;

/// Space between paragraphs.
const PARAGRAPH_GAP: f32 = 8.0;

/// Laid-out paragraphs of one column, valid for one key.
#[derive(Default)]
pub struct ColumnLayout {
    /// Width, theme and text the heights are for.
    metrics_key: u64,
    /// The highlights the laid-out paragraphs show.
    styles_key: u64,
    /// Laid-out paragraphs; `None` until a paragraph is needed, and again
    /// once it is far from the view.
    galleys: Vec<Option<Arc<Galley>>>,
    /// The paragraphs that have a layout in `galleys`.
    laid_out: Vec<usize>,
    /// Height of each paragraph: exact once laid out, estimated before.
    heights: Vec<f32>,
    tops: Vec<f32>,
    total: f32,
    /// The scroll offset in the last frame.
    pub offset: f32,
    /// Screen position of the text's top left corner in the last frame.
    origin: egui::Pos2,
}

impl ColumnLayout {
    /// Makes the layout fit the width and highlights: on a new width every
    /// paragraph gets an estimated height and is laid out again when seen;
    /// new highlights keep the heights (colours do not move text).
    fn prepare(&mut self, ui: &egui::Ui, t: &Transcript, width: f32, styles_version: u64) {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (width as u32, ui.visuals().dark_mode, t.body.len(), &t.path).hash(&mut hasher);
        let metrics_key = hasher.finish();
        let n = t.paragraphs.len();
        if metrics_key != self.metrics_key || self.galleys.len() != n {
            let font = egui::TextStyle::Body.resolve(ui.style());
            let (row, char_width) = ui.fonts_mut(|f| (f.row_height(&font), f.glyph_width(&font, 'n')));
            let per_row = (width / char_width.max(1.0)).max(1.0);
            self.heights = t
                .paragraphs
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

    /// The byte offset of the text drawn at height `y` (the start of the row
    /// there, or of its paragraph when it is not laid out yet).
    fn byte_at(&self, t: &Transcript, y: f32) -> Option<usize> {
        let i = self.tops.partition_point(|&top| top <= y).checked_sub(1)?;
        let p = t.paragraphs.get(i)?;
        let Some(Some(galley)) = self.galleys.get(i) else { return Some(p.start) };
        let cursor = galley.cursor_from_pos(egui::vec2(0.0, y - self.tops[i]));
        let text = t.body.get(p.clone())?;
        Some(p.start + text.char_indices().nth(cursor.index.into()).map_or(text.len(), |(b, _)| b))
    }

    fn recompute_tops(&mut self) {
        self.tops.clear();
        let mut y = 0.0;
        for h in &self.heights {
            self.tops.push(y);
            y += h + PARAGRAPH_GAP;
        }
        self.total = y;
    }

    /// The laid-out paragraph `i`, laying it out now if needed; true in the
    /// second value when its height changed (the tops must be recomputed).
    fn galley(
        &mut self,
        ui: &egui::Ui,
        t: &Transcript,
        styles: &[Styled],
        width: f32,
        i: usize,
    ) -> (Arc<Galley>, bool) {
        if let Some(g) = &self.galleys[i] {
            return (g.clone(), false);
        }
        let g = ui.painter().layout_job(paragraph_job(ui, t, &t.paragraphs[i], styles, width));
        let changed = (g.size().y - self.heights[i]).abs() > 0.5;
        self.heights[i] = g.size().y;
        self.galleys[i] = Some(g.clone());
        self.laid_out.push(i);
        (g, changed)
    }

    /// Gives back the layouts of paragraphs more than a view's height above
    /// or below `view`, keeping their measured heights. A layout takes about
    /// 176 bytes a character (a glyph, 72, and its four vertices and six
    /// indices), so a column scrolled through a speech kept all of it laid
    /// out: nearly 40 MB for the longest State of the Union message (Carter,
    /// 1981, 219 KB), in each column that showed it.
    fn forget_far(&mut self, view: egui::Rect) {
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
        let i = t.paragraphs.iter().position(|p| p.start <= byte && byte < p.end)?;
        let p = &t.paragraphs[i];
        let chars = t.body.get(p.start..byte)?.chars().count();
        let rect = self.galleys.get(i)?.as_ref()?.pos_from_cursor(egui::text::CCursor::new(chars));
        Some(self.origin + egui::vec2(rect.center().x + 2.0, self.tops[i] + rect.center().y))
    }
}

/// What a column shows.
pub struct ColumnInput<'a> {
    /// The column's transcript (its corpus position), named in the commands
    /// the column pushes.
    pub column: usize,
    /// The transcript.
    pub transcript: &'a Transcript,
    /// Highlight ranges, sorted and not overlapping.
    pub styles: &'a [Styled],
    /// Changes whenever `styles` change.
    pub styles_version: u64,
    /// Bring this byte offset into view this frame.
    pub scroll_to: Option<usize>,
    /// Put this byte offset at the top of the view (synchronised scrolling).
    pub scroll_top: Option<usize>,
    /// Text for the tooltip of a phrase.
    pub describe: &'a dyn Fn(u32) -> String,
    /// The words of a phrase, for a note on it.
    pub phrase_text: &'a dyn Fn(u32) -> String,
    /// A byte range to highlight (a sentence opened from the timeline).
    pub mark: Option<std::ops::Range<usize>>,
    /// Search matches to frame (byte ranges, in order).
    pub marks: &'a [std::ops::Range<usize>],
    /// The match stepped to or clicked last, framed more strongly.
    pub current_mark: Option<std::ops::Range<usize>>,
    /// Ranges with a note, marked in the margin and underlined.
    pub note_marks: &'a [std::ops::Range<usize>],
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

/// Draws a column's text; pushes what the user did (at most one command a
/// frame): selecting a phrase, starting a note, scrolling.
pub fn column_ui(
    ui: &mut egui::Ui,
    id: egui::Id,
    input: &ColumnInput,
    layout: &mut ColumnLayout,
    commands: &mut Vec<Command>,
) {
    let t = input.transcript;
    let width = (ui.available_width() - 16.0).max(40.0);
    layout.prepare(ui, t, width, input.styles_version);
    let mut event = None;
    let mut area = egui::ScrollArea::vertical().id_salt(id).auto_shrink([false, false]);
    if let Some(byte) = input.scroll_to
        && let Some(y) = y_of_byte(ui, t, input.styles, width, layout, byte)
    {
        area = area.vertical_scroll_offset((y - 60.0).max(0.0));
    } else if let Some(byte) = input.scroll_top
        && let Some(y) = y_of_byte(ui, t, input.styles, width, layout, byte)
    {
        area = area.vertical_scroll_offset(y.max(0.0));
    }
    let output = area.show_viewport(ui, |ui, viewport| {
        ui.set_height(layout.total);
        ui.set_width(width);
        let origin = ui.min_rect().min;
        layout.origin = origin;
        let first = layout.tops.partition_point(|&top| top < viewport.min.y).saturating_sub(1);
        // Lay out what is in view first; heights that turn out different
        // from their estimate move the paragraphs below.
        let mut moved = false;
        for i in first..t.paragraphs.len() {
            if layout.tops[i] > viewport.max.y {
                break;
            }
            let (_, changed) = layout.galley(ui, t, input.styles, width, i);
            if changed {
                moved = true;
                layout.recompute_tops();
            }
        }
        if moved {
            ui.ctx().request_repaint();
        }
        layout.forget_far(viewport);
        for i in first..t.paragraphs.len() {
            let top = layout.tops[i];
            if top > viewport.max.y {
                break;
            }
            let (galley, _) = layout.galley(ui, t, input.styles, width, i);
            let galley = &galley;
            let rect = egui::Rect::from_min_size(origin + Vec2::new(0.0, top), galley.size());
            let response = ui.interact(rect, id.with(i), Sense::click());
            response.widget_info(|| {
                let text = t.body.get(t.paragraphs[i].clone()).unwrap_or("");
                egui::WidgetInfo::labeled(egui::Role::Label, true, text)
            });
            if let Some(mark) = &input.mark {
                paint_mark(ui, t, &t.paragraphs[i], galley, rect.min, mark);
            }
            ui.painter().galley(rect.min, galley.clone(), ui.visuals().text_color());
            paint_marks(ui, t, i, galley, rect.min, input);
            paint_notes(ui, t, i, galley, rect.min, input.note_marks);
            // Right-click: a note on the sentence, or on the phrase there.
            let at = |pos: egui::Pos2| {
                let cursor = galley.cursor_from_pos(pos - rect.min);
                let para = &t.paragraphs[i];
                let text = t.body.get(para.clone()).unwrap_or("");
                para.start + text.char_indices().nth(cursor.index.into()).map_or(text.len(), |(b, _)| b)
            };
            let menu_key = id.with("note_at");
            if response.secondary_clicked()
                && let Some(pos) = response.interact_pointer_pos()
            {
                let byte = at(pos);
                ui.ctx().data_mut(|d| d.insert_temp(menu_key, byte));
            }
            response.context_menu(|ui| {
                let Some(byte) = ui.ctx().data(|d| d.get_temp::<usize>(menu_key)) else { return };
                let phrase = style_at(input.styles, byte).and_then(|s| match s.style {
                    Style::Earlier { phrase, .. } | Style::Introduced { phrase } => Some(phrase),
                    _ => None,
                });
                if let Some(p) = phrase
                    && ui.button("Note on this phrase…").clicked()
                {
                    event = Some(Command::Notes(NoteCommand::NewOnPhrase((input.phrase_text)(p))));
                    ui.close();
                }
                if ui.button("Note on this sentence…").clicked() {
                    let sentence = crate::core::notes::sentence_at(&t.body, &t.paragraphs, byte);
                    event = Some(Command::Notes(NoteCommand::NewOnRange(input.column, sentence)));
                    ui.close();
                }
            });
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
                            event = Some(Command::SelectPhrase(phrase));
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
        && input.scroll_top.is_none()
    {
        event = layout.byte_at(t, output.state.clamped_offset().y).map(|byte| Command::Scrolled(input.column, byte));
    }
    commands.extend(event);
}

/// Paints a band behind the rows of a paragraph that hold part of `mark`.
fn paint_mark(
    ui: &egui::Ui,
    t: &Transcript,
    para: &std::ops::Range<usize>,
    galley: &Galley,
    origin: egui::Pos2,
    mark: &std::ops::Range<usize>,
) {
    let (a, b) = (mark.start.max(para.start), mark.end.min(para.end));
    if a >= b {
        return;
    }
    let chars = |byte: usize| t.body.get(para.start..byte).map_or(0, |s| s.chars().count());
    let (ra, rb) = (
        galley.pos_from_cursor(egui::text::CCursor::new(chars(a))),
        galley.pos_from_cursor(egui::text::CCursor::new(chars(b))),
    );
    let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.45);
    let width = galley.size().x.max(1.0);
    if (ra.min.y - rb.min.y).abs() < 1.0 {
        let r = egui::Rect::from_min_max(ra.min, egui::pos2(rb.max.x, rb.max.y));
        ui.painter().rect_filled(r.translate(origin.to_vec2()).expand(1.0), 2.0, fill);
    } else {
        // First row from the start, whole rows between, last row to the end.
        let rows = [
            egui::Rect::from_min_max(ra.min, egui::pos2(width, ra.max.y)),
            egui::Rect::from_min_max(egui::pos2(0.0, ra.max.y), egui::pos2(width, rb.min.y)),
            egui::Rect::from_min_max(egui::pos2(0.0, rb.min.y), rb.max),
        ];
        for r in rows.into_iter().filter(|r| r.height() > 0.0 && r.width() > 0.0) {
            ui.painter().rect_filled(r.translate(origin.to_vec2()), 0.0, fill);
        }
    }
}

/// Frames the search matches inside paragraph `i`, drawn at `origin`: one
/// rectangle per row a match covers.
fn paint_marks(ui: &egui::Ui, t: &Transcript, i: usize, galley: &Galley, origin: egui::Pos2, input: &ColumnInput) {
    let Some(p) = t.paragraphs.get(i) else { return };
    let first = input.marks.partition_point(|m| m.end <= p.start);
    let color = palette::search_mark(ui.visuals().dark_mode);
    let chars_to = |b: usize| t.body.get(p.start..b.clamp(p.start, p.end)).map_or(0, |s| s.chars().count());
    for m in input.marks[first..].iter().take_while(|m| m.start < p.end) {
        let current = input.current_mark.as_ref() == Some(m);
        let a = galley.pos_from_cursor(egui::text::CCursor::new(chars_to(m.start)));
        let b = galley.pos_from_cursor(egui::text::CCursor::new(chars_to(m.end)));
        let mut rects = Vec::new();
        if (a.min.y - b.min.y).abs() < 1.0 {
            rects.push(egui::Rect::from_min_max(a.min, egui::pos2(b.max.x, a.max.y)));
        } else {
            // Across rows: to the end of the first, whole middle rows, to
            // the match's end on the last.
            rects.push(egui::Rect::from_min_max(a.min, egui::pos2(galley.size().x, a.max.y)));
            if b.min.y - a.max.y > 1.0 {
                rects.push(egui::Rect::from_min_max(egui::pos2(0.0, a.max.y), egui::pos2(galley.size().x, b.min.y)));
            }
            rects.push(egui::Rect::from_min_max(egui::pos2(0.0, b.min.y), b.max));
        }
        for r in rects {
            let r = r.translate(origin.to_vec2()).expand(1.0);
            if current {
                ui.painter().rect_filled(r, 2.0, color.gamma_multiply(0.35));
            }
            let width = if current { 2.5 } else { 1.5 };
            ui.painter().rect_stroke(r, 2.0, egui::Stroke::new(width, color), egui::StrokeKind::Outside);
        }
    }
}

/// Marks the noted ranges inside paragraph `i`: a dot in the margin where
/// the range starts and a dotted line under it.
fn paint_notes(
    ui: &egui::Ui,
    t: &Transcript,
    i: usize,
    galley: &Galley,
    origin: egui::Pos2,
    notes: &[std::ops::Range<usize>],
) {
    let Some(p) = t.paragraphs.get(i) else { return };
    let color = egui::Color32::from_rgb(230, 90, 20);
    let chars_to = |b: usize| t.body.get(p.start..b.clamp(p.start, p.end)).map_or(0, |s| s.chars().count());
    for n in notes.iter().filter(|n| n.start < p.end && n.end > p.start) {
        let a = galley.pos_from_cursor(egui::text::CCursor::new(chars_to(n.start)));
        let b = galley.pos_from_cursor(egui::text::CCursor::new(chars_to(n.end)));
        if n.start >= p.start {
            ui.painter().circle_filled(origin + egui::vec2(-5.0, a.center().y), 3.5, color);
        }
        let mut y = a.max.y;
        let mut x0 = a.min.x;
        // One dotted line per row, to the match's end on the last.
        while y <= b.max.y + 0.5 {
            let x1 = if (y - b.max.y).abs() < 1.0 { b.min.x } else { galley.size().x };
            let pts = [origin + egui::vec2(x0, y), origin + egui::vec2(x1, y)];
            ui.painter().add(egui::Shape::dotted_line(&pts, color, 4.0, 1.0));
            x0 = 0.0;
            y += a.height().max(1.0);
        }
    }
}

/// The y position of a byte offset in the column (its paragraph laid out
/// now if needed; the paragraphs above may still be estimates).
fn y_of_byte(
    ui: &egui::Ui,
    t: &Transcript,
    styles: &[Styled],
    width: f32,
    layout: &mut ColumnLayout,
    byte: usize,
) -> Option<f32> {
    let i = t.paragraphs.partition_point(|p| p.end < byte).min(t.paragraphs.len().checked_sub(1)?);
    let p = &t.paragraphs[i];
    let text = t.body.get(p.clone())?;
    let chars = text.get(..byte.saturating_sub(p.start).min(text.len()))?.chars().count();
    let (galley, changed) = layout.galley(ui, t, styles, width, i);
    if changed {
        layout.recompute_tops();
    }
    let rect = galley.pos_from_cursor(egui::text::CCursor::new(chars));
    Some(layout.tops[i] + rect.min.y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;

    struct Column {
        t: Transcript,
        layout: ColumnLayout,
        top: Option<usize>,
    }

    #[test]
    fn a_column_scrolled_through_a_long_speech_keeps_only_the_layouts_near_the_view() {
        let text: String = (0..3000)
            .map(|i| format!("Paragraph {i}: the state of the Union, состояние Союза, Birliğin durumu.\n\n"))
            .collect();
        let column =
            Column { t: Transcript::from_text("long.txt", "Long", &text), layout: ColumnLayout::default(), top: None };
        let mut h = Harness::builder().with_size([400.0, 600.0]).build_ui_state(
            |ui, c: &mut Column| {
                let describe = |_: u32| String::new();
                let input = ColumnInput {
                    column: 0,
                    transcript: &c.t,
                    styles: &[],
                    styles_version: 0,
                    scroll_to: None,
                    scroll_top: c.top.take(),
                    describe: &describe,
                    phrase_text: &describe,
                    mark: None,
                    marks: &[],
                    current_mark: None,
                    note_marks: &[],
                };
                let id = ui.scope_id().with("column");
                column_ui(ui, id, &input, &mut c.layout, &mut Vec::new());
            },
            column,
        );
        h.run();
        let in_view = h.state().layout.laid_out();
        assert!(in_view > 3, "the paragraphs in view are laid out: {in_view}");
        // Down the whole speech, a view at a time and more.
        for p in (100..3000).step_by(100) {
            let c = h.state_mut();
            c.top = Some(c.t.paragraphs[p].start);
            h.run();
            let kept = h.state().layout.laid_out();
            assert!(kept <= 3 * in_view + 4, "{kept} layouts kept at paragraph {p} ({in_view} in view)");
            // What is in view is laid out, where a click would find it.
            let c = h.state();
            let start = c.t.paragraphs[p].start;
            assert!(c.layout.screen_pos(&c.t, start + 1).is_some(), "paragraph {p} is drawn");
        }
        // Back at the top, the first paragraphs are laid out again.
        h.state_mut().top = Some(0);
        h.run();
        let c = h.state();
        assert!(c.layout.screen_pos(&c.t, 1).is_some());
        assert!(c.layout.laid_out() <= 3 * in_view + 4);
    }
}
