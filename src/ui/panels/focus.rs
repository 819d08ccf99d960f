//! Keyboard focus across the window: a ring around the focused control so
//! one always sees where Tab went, focus kept when its control goes away
//! (a window closed, a row scrolled off) or when Esc is pressed on a
//! button, and what the last input was (so windows open near the focused
//! control after a key, near the pointer after a click).
//!
//! It runs as an egui plugin, at the start and end of every frame, so it
//! sees the focus after every panel and window has drawn.

use egui::{Context, Id, Key, Stroke, StrokeKind};

/// Controls focused before the current one, oldest first (at most this many).
const HISTORY: usize = 32;

/// Where the plugin tells the rest of the app about the last frame.
const LAST_FRAME: &str = "refrain focus last frame";

/// What the last frame ended with, for code that runs before this frame's
/// widgets are drawn (the app's key handling).
#[derive(Debug, Clone, Copy, Default)]
struct LastFrame {
    /// A text field had the keyboard (Esc then only leaves the field).
    text_had_keyboard: bool,
    /// The last input was a key rather than a pointer press.
    keyboard_last: bool,
    /// The layer (window) of the control that had the focus.
    layer: Option<egui::LayerId>,
}

/// The plugin: remembers the focused control from frame to frame.
#[derive(Default)]
struct FocusKeeper {
    /// The control focused at the end of the last frame, and whether it is a text field.
    last: Option<(Id, bool)>,
    /// Controls focused before, most recent last (never text fields).
    history: Vec<Id>,
    /// The last input was a key.
    keyboard_last: bool,
}

/// Turns the focus ring and focus keeping on for `ctx` (once; later calls do nothing).
pub fn install(ctx: &Context) {
    ctx.add_plugin(FocusKeeper::default());
}

/// True when a text field had the keyboard at the end of the last frame:
/// an Esc pressed now was meant for it (egui leaves the field).
pub fn text_had_keyboard(ctx: &Context) -> bool {
    ctx.data(|d| d.get_temp::<LastFrame>(Id::unique(LAST_FRAME))).is_some_and(|l| l.text_had_keyboard)
}

/// The layer (the window, or the panels' background) of the control that
/// had the focus at the end of the last frame.
pub fn last_focus_layer(ctx: &Context) -> Option<egui::LayerId> {
    ctx.data(|d| d.get_temp::<LastFrame>(Id::unique(LAST_FRAME))).and_then(|l| l.layer)
}

/// True when the last input was a key (Tab, Enter, F1…) rather than a
/// pointer press: a window opened now belongs near the focused control.
pub fn keyboard_last(ctx: &Context) -> bool {
    ctx.data(|d| d.get_temp::<LastFrame>(Id::unique(LAST_FRAME))).is_some_and(|l| l.keyboard_last)
}

fn is_text_field(ctx: &Context, id: Id) -> bool {
    egui::text_edit::TextEditState::load(ctx, id).is_some()
}

impl egui::Plugin for FocusKeeper {
    fn debug_name(&self) -> &'static str {
        "refrain focus keeper"
    }

    fn on_begin_pass(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let (pointer, key, escape) = ctx.input(|i| {
            let pointer = i.pointer.any_pressed();
            let key = i.events.iter().any(|e| matches!(e, egui::Event::Key { pressed: true, .. }));
            (pointer, key, i.key_pressed(Key::Escape))
        });
        if pointer {
            self.keyboard_last = false;
        } else if key {
            self.keyboard_last = true;
        }
        // A pointer press moves the focus as the user meant; only losses
        // the user did not ask for are undone.
        if pointer || ctx.memory(|m| m.focused()).is_some() {
            return;
        }
        let Some((last, last_was_text)) = self.last else { return };
        // Drawn in the last frame (or this one): still there to focus.
        let alive = |id: Id| ctx.read_response(id).is_some();
        let target = if alive(last) {
            // Esc on a button or a row: it stays focused (in a text field,
            // Esc is how one leaves the field).
            (escape && !last_was_text).then_some(last)
        } else {
            // The focused control went away: back to the one before it.
            self.history.iter().rev().copied().find(|&id| id != last && alive(id))
        };
        if let Some(id) = target {
            ctx.memory_mut(|m| m.request_focus(id));
        }
    }

    fn on_end_pass(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let focused = ctx.memory(|m| m.focused());
        let text = focused.is_some_and(|id| is_text_field(&ctx, id));
        let layer = focused.and_then(|id| ctx.read_response(id)).map(|r| r.layer_id);
        if let Some(id) = focused {
            if !text && self.history.last() != Some(&id) {
                self.history.retain(|&h| h != id);
                self.history.push(id);
                if self.history.len() > HISTORY {
                    self.history.remove(0);
                }
            }
            // The ring: drawn on the control's own layer, after everything
            // in it, so a window above still covers it.
            if let Some(r) = ctx.read_response(id)
                && r.interact_rect.is_positive()
            {
                let stroke = Stroke::new(2.0, ctx.global_style().visuals.selection.stroke.color);
                let painter = ctx.layer_painter(r.layer_id).with_clip_rect(r.interact_rect.expand(4.0));
                painter.rect_stroke(r.rect.expand(1.0), 3.0, stroke, StrokeKind::Outside);
            }
        }
        self.last = focused.map(|id| (id, text));
        let last_frame = LastFrame { text_had_keyboard: text, keyboard_last: self.keyboard_last, layer };
        ctx.data_mut(|d| d.insert_temp(Id::unique(LAST_FRAME), last_frame));
    }
}
