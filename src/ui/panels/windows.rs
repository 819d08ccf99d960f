//! The app's floating windows (notes, the note editor, metadata, an
//! event's details, the keyboard shortcuts): one id each, kept below the
//! menu, the toolbar and the transcript filter so they never hide them,
//! opened next to what opened them, and which of them is on top (Esc
//! closes that one).

use std::collections::HashMap;

use egui::{Align2, Context, Id, LayerId, Order, Pos2, Rect, pos2, vec2};

use super::focus;

/// A floating window of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppWindow {
    /// The Notes window (every note).
    Notes,
    /// The editor of the note being written.
    NoteEditor,
    /// A transcript's metadata.
    Metadata,
    /// An event's details.
    Event,
    /// The keyboard shortcuts.
    Shortcuts,
    /// The phrase explorer.
    Explorer,
    /// The speech × speech reuse map.
    ReuseMap,
    /// Who said it first: the speaker × speaker table.
    Speakers,
    /// Where a search's matches or a phrase are along each speech.
    Dispersion,
}

impl AppWindow {
    /// Every window, for finding the one on top.
    pub const ALL: [AppWindow; 9] = [
        AppWindow::Notes,
        AppWindow::NoteEditor,
        AppWindow::Metadata,
        AppWindow::Event,
        AppWindow::Shortcuts,
        AppWindow::Explorer,
        AppWindow::ReuseMap,
        AppWindow::Dispersion,
        AppWindow::Speakers,
    ];

    /// The window's id (its position and size are remembered under it).
    pub fn id(self) -> Id {
        Id::unique(("refrain window", self))
    }

    /// The layer the window is drawn on.
    pub fn layer(self) -> LayerId {
        LayerId::new(Order::Middle, self.id())
    }
}

/// The edges windows stay below, by what they keep clear (temporary egui data).
const KEEP_CLEAR: &str = "refrain windows keep clear";
/// When each window was last clicked or focused (temporary egui data).
const RAISED: &str = "refrain windows raised";

/// Remembers that windows must stay below `bottom` (screen points) so as
/// not to cover `what` (the toolbar, the filter box). Called each frame by
/// what is kept clear.
pub fn keep_clear_above(ctx: &Context, what: &'static str, bottom: f32) {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<HashMap<&'static str, f32>>(Id::unique(KEEP_CLEAR)).insert(what, bottom);
    });
}

/// Where windows may be: the window's content area below everything kept clear.
pub fn allowed_area(ctx: &Context) -> Rect {
    let screen = ctx.content_rect();
    let kept = ctx.data(|d| d.get_temp::<HashMap<&'static str, f32>>(Id::unique(KEEP_CLEAR))).unwrap_or_default();
    let top = kept.values().copied().fold(screen.top(), f32::max).min(screen.bottom() - 60.0);
    Rect::from_min_max(pos2(screen.left(), top), screen.max)
}

/// The window `which` titled `title`, kept inside [`allowed_area`]. On the
/// frame it opens it is put next to what opened it: the focused control
/// after a key, else the pointer; it opens towards the larger free side so
/// it does not cover the opener.
pub fn window<'a>(ctx: &Context, which: AppWindow, title: &'a str) -> egui::Window<'a> {
    let area = allowed_area(ctx);
    let window = egui::Window::new(title).id(which.id()).constrain_to(area);
    let opening = !ctx.memory(|m| m.areas().visible_last_frame(&which.layer()));
    if !opening {
        return window;
    }
    let (pos, pivot) = opening_place(ctx, area);
    window.pivot(pivot).current_pos(pos)
}

/// Where a window opening now goes and which of its corners is there.
fn opening_place(ctx: &Context, area: Rect) -> (Pos2, Align2) {
    let focused = ctx.memory(|m| m.focused()).and_then(|id| ctx.read_response(id)).map(|r| r.rect);
    let pointer = ctx.input(|i| i.pointer.latest_pos()).map(|p| Rect::from_center_size(p, vec2(24.0, 24.0)));
    let opener = match (focus::keyboard_last(ctx), focused, pointer) {
        (true, Some(f), _) => Some(f),
        (_, _, Some(p)) => Some(p),
        (_, f, None) => f,
    };
    let Some(opener) = opener.map(|r| r.intersect(area)).filter(|r| r.is_positive()) else {
        return (area.left_top() + vec2(area.width() * 0.3, 24.0), Align2::LEFT_TOP);
    };
    // Below the opener when there is more room below, else above it; to
    // the right when there is more room on the right, else to the left.
    let below = area.bottom() - opener.bottom() >= opener.top() - area.top();
    let right = area.right() - opener.left() >= opener.right() - area.left();
    let x = if right { opener.left() } else { opener.right() };
    let y = if below { opener.bottom() + 4.0 } else { opener.top() - 4.0 };
    let pivot = Align2([
        if right { egui::Align::Min } else { egui::Align::Max },
        if below { egui::Align::Min } else { egui::Align::Max },
    ]);
    (pos2(x, y), pivot)
}

/// Notes which window the user is working in (pressed in, or focused in):
/// it is the one on top. Called once a frame, before the windows are drawn.
pub fn note_raised(ctx: &Context) {
    let pressed = ctx.input(|i| if i.pointer.any_pressed() { i.pointer.interact_pos() } else { None });
    let pressed_layer = pressed.and_then(|p| ctx.layer_id_at(p));
    let focused_layer = ctx.memory(|m| m.focused()).and_then(|id| ctx.read_response(id)).map(|r| r.layer_id);
    let now = ctx.input(|i| i.time);
    for layer in [pressed_layer, focused_layer].into_iter().flatten() {
        if let Some(w) = AppWindow::ALL.into_iter().find(|w| w.layer() == layer) {
            ctx.data_mut(|d| {
                d.get_temp_mut_or_default::<HashMap<AppWindow, f64>>(Id::unique(RAISED)).insert(w, now);
            });
        }
    }
}

/// Of the `open` windows, the one on top: the one last opened, clicked or
/// focused in.
pub fn topmost(ctx: &Context, open: &[AppWindow]) -> Option<AppWindow> {
    let raised = ctx.data(|d| d.get_temp::<HashMap<AppWindow, f64>>(Id::unique(RAISED))).unwrap_or_default();
    let when = |w: AppWindow| {
        let shown = egui::AreaState::load(ctx, w.id()).and_then(|s| s.last_became_visible_at).unwrap_or(0.0);
        raised.get(&w).copied().unwrap_or(0.0).max(shown)
    };
    open.iter().copied().max_by(|&a, &b| when(a).total_cmp(&when(b)))
}
