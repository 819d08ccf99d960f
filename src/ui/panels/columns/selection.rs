//! Text selected with the mouse in a column: dragging selects (scrolling
//! the column when the pointer leaves it), Ctrl+C and the context menu copy
//! it, with or without its source, and it can take a note.

use super::{Anchor, ColumnInput, ColumnLayout};
use crate::core::export::citation::cite;
use crate::ui::app::Command;
use crate::ui::panels::notes::NoteCommand;

/// Follows a drag over the column's text (`response` covers the view):
/// the selection runs from where the drag started to where the pointer is.
/// Near or past the view's top or bottom edge the column scrolls on.
pub(super) fn drag(
    ui: &egui::Ui,
    response: &egui::Response,
    input: &ColumnInput,
    layout: &mut ColumnLayout,
    event: &mut Option<Command>,
) {
    let t = input.transcript;
    let start_key = response.id.with("start");
    if response.drag_started_by(egui::PointerButton::Primary)
        && let Some(origin) = ui.input(|i| i.pointer.press_origin())
    {
        let start = layout.byte_at_pos(t, origin);
        ui.ctx().data_mut(|d| d.insert_temp(start_key, start));
    }
    if !response.dragged_by(egui::PointerButton::Primary) {
        return;
    }
    let (Some(Some(start)), Some(pos)) =
        (ui.ctx().data(|d| d.get_temp::<Option<usize>>(start_key)), response.interact_pointer_pos())
    else {
        return;
    };
    let view = ui.clip_rect();
    let beyond = if pos.y > view.bottom() - 8.0 {
        (pos.y - view.bottom() + 8.0).min(40.0)
    } else if pos.y < view.top() + 8.0 {
        (pos.y - view.top() - 8.0).max(-40.0)
    } else {
        0.0
    };
    if beyond != 0.0 {
        let a = layout.anchor.unwrap_or(Anchor { byte: 0, dy: 0.0 });
        layout.anchor = Some(Anchor { dy: a.dy + beyond, ..a });
        ui.ctx().request_repaint();
    }
    let pos = egui::pos2(pos.x, pos.y.clamp(view.top(), view.bottom()));
    if let Some(head) = layout.byte_at_pos(t, pos) {
        let range = start.min(head)..start.max(head);
        *event = Some(Command::SelectText(input.column, (!range.is_empty()).then_some(range)));
    }
}

/// The selected text, when there is some.
fn selected_text<'a>(input: &ColumnInput<'a>) -> Option<&'a str> {
    let range = input.selection.clone()?;
    input.transcript.body.get(range).filter(|s| !s.trim().is_empty())
}

/// Copies the selection when the user asks to (Ctrl+C, or the system's
/// copy command) and no text field has the keyboard.
pub(super) fn copy_on_request(ui: &egui::Ui, input: &ColumnInput) {
    let Some(text) = selected_text(input) else { return };
    let asked = ui.input(|i| {
        i.events.iter().any(|e| {
            matches!(e, egui::Event::Copy)
                || matches!(e, egui::Event::Key { key: egui::Key::C, pressed: true, modifiers, .. } if modifiers.command)
        })
    });
    if asked && !ui.ctx().egui_wants_keyboard_input() {
        ui.ctx().copy_text(text.to_string());
    }
}

/// The context menu's entries for the selection: copy it, copy it with
/// its source, note it. Returns the command of the entry chosen, if any.
pub(super) fn menu_ui(ui: &mut egui::Ui, input: &ColumnInput) -> Option<Command> {
    let text = selected_text(input)?;
    let range = input.selection.clone()?;
    if ui.add(egui::Button::new("Copy").shortcut_text("Ctrl+C")).clicked() {
        ui.ctx().copy_text(text.to_string());
        ui.close();
    }
    if ui.button("Copy with citation").on_hover_text("The text, then speaker, title, date and file").clicked() {
        ui.ctx().copy_text(cite(input.transcript, range.clone()));
        ui.close();
    }
    let mut command = None;
    if ui.button("Note on the selected text…").clicked() {
        command = Some(Command::Notes(NoteCommand::NewOnRange(input.column, range)));
        ui.close();
    }
    ui.separator();
    command
}
