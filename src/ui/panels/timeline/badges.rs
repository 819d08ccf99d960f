//! Count badges: markers that would collide on a lane are drawn as one
//! badge saying how many they are. Its tooltip lists them; a click zooms
//! in until they come apart, or, for entries on the same day that no zoom
//! separates, opens a menu of them.

use egui::{FontId, Rect, Sense, Stroke, pos2, vec2};

use super::lanes::{Group, note_color};
use super::{Canvas, PanelInput, PanelState};
use crate::core::timeline::axis::TimeView;
use crate::core::timeline::model::Lane;
use crate::ui::app::Command;

/// Corner radius of a count badge. egui draws a corner of up to 5 points
/// (this radius and its 0.4 of extra roundness) with 5 vertices and a
/// rounder one with 9, and a software renderer holds every triangle of a
/// frame in memory: the badges of SOTU's fitted timeline cost 17,600
/// triangle indices instead of 32,000 at 6 points; they look the same.
const BADGE_ROUNDING: f32 = 4.0;

/// A group's count badge at its middle, outlined when one of its speeches
/// is a column, under the cursor or the pointer, flagged when one of its
/// entries has notes. A click zooms `view` to the group, or lists the
/// entries when they share a day.
pub(super) fn badge_ui(
    ui: &egui::Ui,
    state: &mut PanelState,
    input: &PanelInput,
    canvas: &Canvas,
    view: &mut TimeView,
    group: &Group,
    command: &mut Option<Command>,
) {
    let Group { lane, entries, members, x, last_x, cy, color, is_cursor, .. } = *group;
    let Canvas { plot, ref plot_painter, dark, text_color, .. } = *canvas;
    let mid = (x + last_x) / 2.0;
    let text = members.len().to_string();
    let font = FontId::proportional(10.5);
    let galley = plot_painter.layout_no_wrap(text, font, text_color);
    let badge = Rect::from_center_size(pos2(mid, cy), galley.size() + vec2(8.0, 3.0));
    let response =
        ui.interact(badge.intersect(plot), ui.scope_id().with(("badge", lane, members.first())), Sense::CLICK);
    let label = format!(
        "{} {} entries from {}",
        members.len(),
        lane.label().to_lowercase(),
        entries[members.first()].date_label()
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
    let shown =
        lane == Lane::Speeches && members.iter().any(|i| entries[i].doc.is_some_and(|d| input.columns.contains(&d)));
    plot_painter.rect_filled(badge, BADGE_ROUNDING, color.gamma_multiply(if dark { 0.45 } else { 0.3 }));
    let stroke = if shown || is_cursor || response.hovered() { 1.5 } else { 0.0 };
    plot_painter.rect_stroke(badge, BADGE_ROUNDING, Stroke::new(stroke, text_color), egui::StrokeKind::Outside);
    plot_painter.galley(badge.center() - galley.size() / 2.0, galley, text_color);
    if input.placed.any_in(lane) && members.iter().any(|i| !input.placed.of(lane, i).is_empty()) {
        let flag = Rect::from_min_size(badge.right_top() + vec2(-3.0, -4.0), vec2(5.0, 5.0));
        plot_painter.rect_filled(flag, 1.0, note_color(dark));
    }
    let response = response.on_hover_ui(|ui| {
        for i in members.iter().take(12) {
            ui.label(crate::ui::bidi::label(
                ui,
                format!("{}  {}", entries[i].date_label(), crate::ui::bidi::isolate(&entries[i].title)),
            ));
        }
        if members.len() > 12 {
            ui.label(format!("… and {} more (click or zoom in)", members.len() - 12));
        }
    });
    let (lo, hi) = members.days();
    if members.same_start() {
        // The same day: no zoom tells them apart; a menu lists them.
        egui::Popup::menu(&response).show(|ui| {
            for i in members.iter().take(40) {
                let e = &entries[i];
                if ui
                    .button(crate::ui::bidi::button(
                        ui,
                        format!("{} ({})", crate::ui::bidi::isolate(&e.title), e.date_label()),
                    ))
                    .clicked()
                {
                    state.focus = Some(lane);
                    state.cursor = Some(i);
                    *command = Some(Command::OpenEntry(lane, i));
                }
            }
        });
    } else if response.clicked() {
        *view = TimeView::fit(lo as f64..hi as f64, canvas.width);
    }
}
