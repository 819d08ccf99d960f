//! The side-by-side columns: each transcript laid out one paragraph at a
//! time, with highlights, only the rows in view drawn, layouts cached until
//! the text, highlights or width change; kept at a reading position in the
//! text (`layout`), with marks painted over the text (`marks`) and text
//! selected with the mouse, copied and cited (`selection`); the header's
//! colour by a metadata field (`accent`).

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Sense, Vec2};

use crate::core::phrases::highlight::{Style, Styled};
use crate::core::text::transcript::Transcript;

use crate::ui::app::Command;
use crate::ui::panels::notes::NoteCommand;
use crate::ui::panels::palette;

mod accent;
mod layout;
mod line_breaks;
mod marks;
mod paragraph;
mod selection;

pub use accent::field_accent_ui;
pub use layout::{Anchor, ColumnLayout};
use paragraph::LaidParagraph;

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
    /// The text selected in this column (a byte range, in order).
    pub selection: Option<std::ops::Range<usize>>,
}

fn styles_for<'a>(styles: &'a [Styled], range: &std::ops::Range<usize>) -> impl Iterator<Item = &'a Styled> {
    let range = range.clone();
    let first = styles.partition_point(|s| s.bytes.end <= range.start);
    styles[first..].iter().take_while(move |s| s.bytes.start < range.end)
}

/// The font and colours a column's text is laid out with, read from the
/// style once a frame.
struct TextLook {
    font: egui::FontId,
    color: egui::Color32,
    dark: bool,
}

impl TextLook {
    fn of(ui: &egui::Ui) -> Self {
        TextLook {
            font: egui::TextStyle::Body.resolve(ui.style()),
            // The palette's text colour: its contrast with every highlight
            // is checked (egui's grey is too faint on the dark ones).
            color: palette::text(ui.visuals().dark_mode),
            dark: ui.visuals().dark_mode,
        }
    }
}

/// The job for the bytes `p` of the text with their highlights, wrapped
/// at `width` (a whole paragraph, or unwrapped a piece of a line holding
/// right-to-left text).
fn range_job(look: &TextLook, t: &Transcript, p: &std::ops::Range<usize>, styles: &[Styled], width: f32) -> LayoutJob {
    let TextLook { font, color, dark } = look;
    let (color, dark) = (*color, *dark);
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

/// Draws a column's text at its reading position; pushes what the user did
/// (at most one command a frame): selecting a phrase or text, starting a
/// note, scrolling.
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
    let look = TextLook::of(ui);
    // The blocks laid out (paragraphs, the long ones cut).
    let blocks = layout.blocks.clone();
    let lay = |ui: &egui::Ui, i: usize| {
        let p = &blocks[i];
        let text = t.body.get(p.clone()).unwrap_or("");
        LaidParagraph::new(
            ui,
            text,
            width,
            || range_job(&look, t, p, input.styles, width),
            |r| range_job(&look, t, &(p.start + r.start..p.start + r.end), input.styles, f32::INFINITY),
        )
    };
    if let Some(byte) = input.scroll_to {
        layout.anchor = Some(Anchor { byte, dy: -60.0 });
    } else if let Some(byte) = input.scroll_top {
        layout.anchor = Some(Anchor { byte, dy: 0.0 });
    }
    // The offset follows the anchor, whatever the heights above it are now.
    let wanted = match layout.anchor {
        Some(a) => layout.y_of_byte(ui, t, lay, a.byte).map_or(0.0, |y| (y + a.dy).max(0.0)),
        None => 0.0,
    }
    // Never past the end: an offset out of range makes the area spring back.
    .min(layout.scroll_max.unwrap_or(layout.height() - ui.available_height()).max(0.0));
    let mut event = None;
    let area = egui::ScrollArea::vertical().id_salt(id).auto_shrink([false, false]).vertical_scroll_offset(wanted);
    let output = area.show_viewport(ui, |ui, viewport| {
        ui.set_height(layout.height());
        ui.set_width(width);
        let origin = ui.min_rect().min;
        layout.origin = origin;
        // Behind the paragraphs: dragging anywhere on the text selects it.
        let content = egui::Rect::from_min_size(origin + viewport.min.to_vec2(), viewport.size());
        let drag = ui.interact(content, id.with("select"), Sense::DRAG);
        selection::drag(ui, &drag, input, layout, &mut event);
        let first = layout.tops.partition_point(|&top| top < viewport.min.y).saturating_sub(1);
        // Lay out what is in view first; heights that turn out different
        // from their estimate move the paragraphs below.
        let mut moved = false;
        for i in first..blocks.len() {
            if layout.tops[i] > viewport.max.y {
                break;
            }
            let (_, changed) = layout.galley(ui, |ui| lay(ui, i), i);
            if changed {
                moved = true;
                layout.recompute_tops();
            }
        }
        if moved {
            ui.ctx().request_repaint();
        }
        layout.forget_far(viewport);
        for i in first..blocks.len() {
            let top = layout.tops[i];
            if top > viewport.max.y {
                break;
            }
            let (laid, _) = layout.galley(ui, |ui| lay(ui, i), i);
            let rect = egui::Rect::from_min_size(origin + Vec2::new(0.0, top), laid.size());
            paragraph_ui(ui, id, input, (i, &blocks[i]), &laid, rect, &mut event);
        }
    });
    layout.offset = output.state.clamped_offset().y;
    layout.view = Some(output.inner_rect);
    layout.scroll_max = Some((output.content_size.y - output.inner_rect.height()).max(0.0));
    // The view moved by itself only when the user scrolled it: then what is
    // at its top becomes the anchor (a view clamped at the end is not moved).
    let max = (output.content_size.y - output.inner_rect.height()).max(0.0);
    let scrolled_by_user = (output.state.clamped_offset().y - wanted.min(max)).abs() > 0.5
        && input.scroll_to.is_none()
        && input.scroll_top.is_none();
    // Half a point down: the row whose top is the view's top, not the one ending there.
    let top_row = layout.row_at(t, layout.offset + 0.5);
    if let Some((byte, _)) = top_row {
        layout.top = byte;
    }
    if let Some((byte, _)) = layout.row_at(t, layout.offset + output.inner_rect.height() - 1.0) {
        layout.bottom = byte;
    }
    if scrolled_by_user && let Some((byte, top)) = top_row {
        layout.anchor = Some(Anchor { byte, dy: layout.offset - top });
        if event.is_none() {
            event = Some(Command::Scrolled(input.column, byte));
        }
    }
    selection::copy_on_request(ui, input);
    commands.extend(event);
}

/// Draws paragraph `i` at `rect` with its marks, and answers clicks, the
/// context menu and hovering on it.
fn paragraph_ui(
    ui: &mut egui::Ui,
    id: egui::Id,
    input: &ColumnInput,
    (i, para): (usize, &std::ops::Range<usize>),
    laid: &Arc<LaidParagraph>,
    rect: egui::Rect,
    event: &mut Option<Command>,
) {
    let t = input.transcript;
    let response = ui.interact(rect, id.with(i), Sense::CLICK);
    response.widget_info(|| {
        let text = t.body.get(para.clone()).unwrap_or("");
        egui::WidgetInfo::labeled(egui::Role::Label, true, text)
    });
    if let Some(mark) = &input.mark {
        marks::paint_band(ui, t, para, laid, rect.min, mark, palette::mention_mark(ui.visuals().dark_mode));
    }
    laid.paint(ui.painter(), rect.min, palette::text(ui.visuals().dark_mode));
    // Over the text, translucent: the selection shows across highlights too.
    if let Some(selected) = &input.selection {
        let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.55);
        marks::paint_band(ui, t, para, laid, rect.min, selected, fill);
    }
    marks::paint_marks(ui, t, para, laid, rect.min, input);
    marks::paint_notes(ui, t, para, laid, rect.min, input.note_marks);
    let byte_at = |pos: egui::Pos2| para.start + laid.byte_at(t.body.get(para.clone()).unwrap_or(""), pos - rect.min);
    // Right-click: copy or note the selection, a note on the phrase or the
    // sentence there.
    let menu_key = id.with("note_at");
    if response.secondary_clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let byte = byte_at(pos);
        ui.ctx().data_mut(|d| d.insert_temp(menu_key, byte));
    }
    response.context_menu(|ui| {
        let Some(byte) = ui.ctx().data(|d| d.get_temp::<usize>(menu_key)) else { return };
        if let Some(command) = selection::menu_ui(ui, input) {
            *event = Some(command);
        }
        let phrase = style_at(input.styles, byte).and_then(|s| match s.style {
            Style::Earlier { phrase, .. } | Style::Introduced { phrase } => Some(phrase),
            _ => None,
        });
        if let Some(p) = phrase {
            if ui.button("Copy this phrase").clicked() {
                ui.ctx().copy_text((input.phrase_text)(p));
                ui.close();
            }
            if ui.button("Note on this phrase…").clicked() {
                *event = Some(Command::Notes(NoteCommand::NewOnPhrase((input.phrase_text)(p))));
                ui.close();
            }
        }
        if ui.button("Note on this sentence…").clicked() {
            let sentence = crate::core::notes::sentence_at(&t.body, &t.paragraphs, byte);
            *event = Some(Command::Notes(NoteCommand::NewOnRange(input.column, sentence)));
            ui.close();
        }
    });
    if response.clicked_by(egui::PointerButton::Primary) && input.selection.is_some() {
        *event = Some(Command::SelectText(input.column, None));
    }
    if let Some(pos) = response.hover_pos()
        && let Some(s) = style_at(input.styles, byte_at(pos))
        && let Style::Earlier { phrase, .. } | Style::Introduced { phrase } = s.style
    {
        let response = response.on_hover_text(crate::ui::bidi::label(ui, (input.describe)(phrase)));
        if response.clicked() {
            *event = Some(Command::SelectPhrase(phrase));
        }
    }
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
                    selection: None,
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
