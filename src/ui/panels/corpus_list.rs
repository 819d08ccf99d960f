//! The left panel: opened transcripts in date order, with a filter box;
//! the rows are walked with the keyboard too.

use crate::ui::bidi::isolate;
use std::sync::Arc;

use crate::core::text::transcript::Transcript;
use crate::ui::app::{Command, MAX_COLUMNS};

/// What the list remembers between frames for the keyboard (temporary egui data).
#[derive(Debug, Clone, Default)]
struct ListKeys {
    /// The row (corpus index) to give the focus when it is next drawn: the
    /// arrow keys moved there.
    pending: Option<usize>,
    /// The rows (positions in the filtered list) drawn last frame.
    drawn: std::ops::Range<usize>,
    /// The height of the list's view last frame.
    view_height: f32,
}

/// Draws the list and pushes what the user did: showing or hiding columns
/// (Shift-click: a range of the list), removing a transcript, showing its
/// metadata; "Reveal in file manager" is done at once. `order` holds corpus
/// indices in display order. Only the rows in view are laid out, so
/// thousands of transcripts stay fast.
///
/// Each row is a focusable control: Tab reaches it, Up/Down, Home/End and
/// Page Up/Down move the focus along the list (scrolling it), Enter or
/// Space shows or hides the focused transcript as a column.
pub fn corpus_list_ui(
    ui: &mut egui::Ui,
    corpus: &[Arc<Transcript>],
    order: &[usize],
    filter: &mut String,
    columns: &[usize],
    anchor: &mut Option<usize>,
    commands: &mut Vec<Command>,
) {
    let filter_row = ui.horizontal(|ui| {
        let l = ui.label("Filter:");
        ui.add(egui::TextEdit::singleline(filter).hint_text("title, speaker, date").desired_width(f32::INFINITY))
            .labelled_by(l.id);
    });
    // Windows never open over the filter box.
    super::windows::keep_clear_above(ui.ctx(), "filter", filter_row.response.rect.bottom());
    ui.separator();
    let needle = filter.to_lowercase();
    let shown: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| i < corpus.len() && (needle.is_empty() || matches_filter(&corpus[i], &needle)))
        .collect();
    ui.label(format!("{} of {} transcripts", shown.len(), corpus.len()));
    let body_height = ui.text_style_height(&egui::TextStyle::Body);
    let small_height = ui.text_style_height(&egui::TextStyle::Small);
    let row_height = body_height + small_height + ui.spacing().item_spacing.y * 2.0 + 2.0;
    let keys_id = ui.scope_id().with("corpus list keys");
    let mut keys = ui.data(|d| d.get_temp::<ListKeys>(keys_id)).unwrap_or_default();
    let mut scroll = egui::ScrollArea::vertical().auto_shrink([false, false]);
    // The arrow keys went to a row not laid out: scroll it into view first.
    if let Some(p) = keys.pending.and_then(|i| shown.iter().position(|&x| x == i))
        && !keys.drawn.contains(&p)
    {
        let step = row_height + ui.spacing().item_spacing.y;
        let offset = if p < keys.drawn.start { p as f32 * step } else { (p + 1) as f32 * step - keys.view_height };
        scroll = scroll.vertical_scroll_offset(offset.max(0.0));
    }
    let mut moved = false;
    let output = scroll.show_rows(ui, row_height, shown.len(), |ui, rows| {
        keys.drawn = rows.clone();
        for (pos, &i) in shown.iter().enumerate().take(rows.end).skip(rows.start) {
            let t = &corpus[i];
            let date = t.date.map(|d| d.display()).unwrap_or_else(|| "undated".to_string());
            // Each row's id comes from its transcript, so the focus stays on
            // it when the list scrolls or is filtered.
            let row_ui = egui::UiBuilder::new().scope_id(keys_id.with(("row", t.path.as_path())));
            ui.scope_builder(row_ui, |ui| {
                ui.set_height(row_height - ui.spacing().item_spacing.y);
                let is_column = columns.contains(&i);
                let width = ui.available_width() - 2.0 * ui.spacing().button_padding.x;
                let text = crate::ui::bidi::fit(ui, format!("{date}  {}", isolate(&t.title)), egui::TextStyle::Button, width);
                let text = crate::ui::bidi::button(ui, text);
                let label = egui::Button::selectable(is_column, text).truncate();
                let response = ui.add(label).on_hover_text(crate::ui::bidi::label(
                    ui,
                    format!(
                        "{}\n{}\nClick (or Enter): show or hide as a column; Shift-click: show a range; right-click: more",
                        isolate(&t.title),
                        t.path.display()
                    ),
                ));
                if keys.pending == Some(i) {
                    response.request_focus();
                    response.scroll_to_me(None);
                    keys.pending = None;
                    moved = true;
                } else if !moved
                    && response.has_focus()
                    && let Some(p) = moved_to(ui, &response, pos, shown.len(), keys.view_height / row_height)
                {
                    // A key moves the focus once a frame, even when the row
                    // it moves to is drawn later in this frame.
                    keys.pending = Some(shown[p]);
                    moved = true;
                }
                let details = format!(
                    "{} · {} words{}",
                    isolate(t.speaker.as_deref().unwrap_or("unknown speaker")),
                    t.words,
                    if t.date.is_none() { " · undated" } else { "" }
                );
                ui.label(crate::ui::bidi::label(ui, egui::RichText::new(details).small().weak()));
                if response.clicked() {
                    let shift = ui.input(|input| input.modifiers.shift);
                    // Shift: everything between the last click and this one, in list order.
                    let range = match (*anchor, shift) {
                        (Some(a), true) => shown
                            .iter()
                            .position(|&x| x == a)
                            .zip(shown.iter().position(|&x| x == i))
                            .map(|(p, q)| &shown[p.min(q)..=p.max(q)]),
                        _ => None,
                    };
                    match range {
                        Some(range) => commands.extend(
                            range
                                .iter()
                                .copied()
                                .filter(|c| !columns.contains(c))
                                .take(MAX_COLUMNS)
                                .map(Command::ToggleColumn),
                        ),
                        None => commands.push(Command::ToggleColumn(i)),
                    }
                    *anchor = Some(i);
                }
                response.context_menu(|ui| {
                    if ui.button("Show metadata").clicked() {
                        commands.push(Command::ShowMetadata(i));
                    }
                    if ui.button("Reveal in file manager").clicked()
                        && let Some(dir) = t.path.parent()
                    {
                        ui.ctx().open_url(egui::OpenUrl::new_tab(format!("file://{}", dir.display())));
                    }
                    if ui.button("Remove from workspace").clicked() {
                        commands.push(Command::Remove(i));
                    }
                });
            });
        }
    });
    keys.view_height = output.inner_rect.height();
    ui.data_mut(|d| d.insert_temp(keys_id, keys));
}

/// Where the keys pressed move the focus from the row at `pos` (of `len`
/// rows, `page` of them in view): Up/Down, Home/End, Page Up/Down. The
/// focused row keeps the vertical arrows (egui would otherwise move the
/// focus to whatever is above or below on the screen).
fn moved_to(ui: &egui::Ui, row: &egui::Response, pos: usize, len: usize, page: f32) -> Option<usize> {
    let filter = egui::EventFilter { vertical_arrows: true, ..Default::default() };
    ui.memory_mut(|m| m.set_focus_lock_filter(row.id, filter));
    let page = (page.floor() as usize).saturating_sub(1).max(1);
    let last = len.checked_sub(1)?;
    let to = ui.input(|i| {
        let plain = i.modifiers.is_none();
        if plain && i.key_pressed(egui::Key::ArrowDown) {
            Some((pos + 1).min(last))
        } else if plain && i.key_pressed(egui::Key::ArrowUp) {
            Some(pos.saturating_sub(1))
        } else if i.key_pressed(egui::Key::Home) {
            Some(0)
        } else if i.key_pressed(egui::Key::End) {
            Some(last)
        } else if i.key_pressed(egui::Key::PageDown) {
            Some((pos + page).min(last))
        } else if i.key_pressed(egui::Key::PageUp) {
            Some(pos.saturating_sub(page))
        } else {
            None
        }
    });
    to.filter(|&p| p != pos)
}

fn matches_filter(t: &Transcript, needle: &str) -> bool {
    t.title.to_lowercase().contains(needle)
        || t.speaker.as_deref().is_some_and(|s| s.to_lowercase().contains(needle))
        || t.date.is_some_and(|d| d.display().contains(needle))
        || t.path.to_string_lossy().to_lowercase().contains(needle)
}
