//! The left panel: opened transcripts in date order, with a filter box.

use std::sync::Arc;

use crate::core::text::transcript::Transcript;
use crate::ui::app::{Command, MAX_COLUMNS};

/// Draws the list and pushes what the user did: showing or hiding columns
/// (Shift-click: a range of the list), removing a transcript, showing its
/// metadata; "Reveal in file manager" is done at once. `order` holds corpus
/// indices in display order. Only the rows in view are laid out, so
/// thousands of transcripts stay fast.
pub fn corpus_list_ui(
    ui: &mut egui::Ui,
    corpus: &[Arc<Transcript>],
    order: &[usize],
    filter: &mut String,
    columns: &[usize],
    anchor: &mut Option<usize>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label("Filter:");
        ui.add(egui::TextEdit::singleline(filter).hint_text("title, speaker, date").desired_width(f32::INFINITY));
    });
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
    egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(ui, row_height, shown.len(), |ui, rows| {
        for &i in &shown[rows] {
            let t = &corpus[i];
            let date = t.date.map(|d| d.display()).unwrap_or_else(|| "undated".to_string());
            ui.vertical(|ui| {
                ui.set_height(row_height - ui.spacing().item_spacing.y);
                let is_column = columns.contains(&i);
                let label = egui::Button::selectable(is_column, format!("{date}  {}", t.title)).truncate();
                let response = ui.add(label).on_hover_text(format!(
                    "{}\n{}\nClick: show or hide as a column; Shift-click: show a range; right-click: more",
                    t.title,
                    t.path.display()
                ));
                let details = format!(
                    "{} · {} words{}",
                    t.speaker.as_deref().unwrap_or("unknown speaker"),
                    t.words,
                    if t.date.is_none() { " · undated" } else { "" }
                );
                ui.label(egui::RichText::new(details).small().weak());
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
}

fn matches_filter(t: &Transcript, needle: &str) -> bool {
    t.title.to_lowercase().contains(needle)
        || t.speaker.as_deref().is_some_and(|s| s.to_lowercase().contains(needle))
        || t.date.is_some_and(|d| d.display().contains(needle))
        || t.path.to_string_lossy().to_lowercase().contains(needle)
}
