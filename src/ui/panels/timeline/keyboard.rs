//! The panel's keys: Left/Right walk the focused lane (panning to keep the
//! cursor in view), Up/Down change lanes, Enter opens the entry under the
//! cursor. The panel takes them while one of its controls has the
//! keyboard focus (reached with Tab), or while it is hovered or was clicked
//! last and no other control has the focus.

use egui::Rect;

use super::{Canvas, PanelState};
use crate::core::timeline::axis::TimeView;
use crate::core::timeline::model::{Lane, Timeline};
use crate::ui::app::Command;

/// Which panel gets the arrow keys: the one clicked last, or the one with
/// the keyboard focus. Called each frame with the panel's area.
pub(super) fn claim_arrow_keys(ui: &egui::Ui, state: &mut PanelState, rect: Rect) {
    if ui.input(|i| i.pointer.any_pressed()) {
        state.active = ui.input(|i| i.pointer.interact_pos()).is_some_and(|p| rect.contains(p));
    }
    if let Some(id) = focused_in(ui, rect) {
        state.active = true;
        // The arrows walk the lanes instead of moving egui's focus.
        let filter = egui::EventFilter { horizontal_arrows: true, vertical_arrows: true, ..Default::default() };
        ui.memory_mut(|m| m.set_focus_lock_filter(id, filter));
    }
}

/// The panel's control (a lane's name, the lanes) that has the keyboard focus, if any.
fn focused_in(ui: &egui::Ui, rect: Rect) -> Option<egui::Id> {
    let id = ui.memory(|m| m.focused())?;
    ui.ctx().read_response(id).filter(|r| rect.contains_rect(r.rect)).map(|r| r.id)
}

/// Moves the cursor and the focus for this frame's keys, panning `view` to
/// keep the cursor shown; Enter opens the entry. The lane walked is the one
/// focused when the frame started drawing.
pub(super) fn keyboard_ui(
    ui: &egui::Ui,
    state: &mut PanelState,
    tl: &Timeline,
    canvas: &Canvas,
    view: &mut TimeView,
    hovered: bool,
    command: &mut Option<Command>,
) {
    let tabbed_in = focused_in(ui, canvas.rect).is_some();
    if !tabbed_in && (!(state.active || hovered) || ui.ctx().egui_wants_keyboard_input()) {
        return;
    }
    let (focus, width) = (canvas.focus, canvas.width);
    let entries = tl.lane(focus);
    let (left, right, up, down, enter) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowLeft),
            i.key_pressed(egui::Key::ArrowRight),
            i.key_pressed(egui::Key::ArrowUp),
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::Enter),
        )
    });
    if up || down {
        let k = Lane::ALL.iter().position(|&l| l == focus).unwrap_or(0);
        let k = if up { k.saturating_sub(1) } else { (k + 1).min(Lane::ALL.len() - 1) };
        state.focus = Some(Lane::ALL[k]);
        state.cursor = None;
        if tabbed_in {
            // The focus ring follows to the new lane's name.
            ui.memory_mut(|m| m.request_focus(ui.scope_id().with(("lane", Lane::ALL[k]))));
        }
    }
    if (left || right) && !entries.is_empty() {
        let centre = view.day(width / 2.0);
        let c = match state.cursor {
            Some(c) if right => (c + 1).min(entries.len() - 1),
            Some(c) => c.saturating_sub(1),
            // First press: the entry nearest the middle of the view.
            None => entries.partition_point(|e| (e.days.start as f64) < centre).min(entries.len() - 1),
        };
        state.cursor = Some(c);
        let x = view.x(entries[c].mid());
        if !(0.0..=width).contains(&x) {
            view.pan(width / 2.0 - x);
        }
    }
    if enter && let Some(c) = state.cursor.filter(|&c| c < entries.len()) {
        *command = Some(Command::OpenEntry(focus, c));
    }
}
