//! The central view: one transcript's metadata and text.

use crate::core::transcript::Transcript;

/// Draws a transcript: a header with what the importer found, then the body
/// one paragraph at a time.
pub fn reader(ui: &mut egui::Ui, t: &Transcript) {
    ui.heading(&t.title);
    ui.horizontal_wrapped(|ui| {
        let date = match t.date {
            Some(d) => format!("{} (from {})", d.display(), d.source.as_str()),
            None => "undated".to_string(),
        };
        ui.label(date);
        if let Some(time) = t.time {
            ui.label(time.format("%H:%M").to_string());
        }
        if let Some(s) = &t.speaker {
            ui.label(format!("· {s}"));
        }
        if let Some(p) = &t.place {
            ui.label(format!("· {p}"));
        }
        if !t.languages.is_empty() {
            ui.label(format!("· {}", t.languages.join(", ")));
        }
        ui.label(format!("· {} words · {}", t.words, t.encoding));
    });
    for w in &t.warnings {
        ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {w}"));
    }
    ui.separator();
    // Each transcript keeps its own scroll position.
    egui::ScrollArea::vertical().id_salt(&t.path).auto_shrink([false, false]).show(ui, |ui| {
        for range in &t.paragraphs {
            if let Some(p) = t.body.get(range.clone()) {
                ui.label(p);
                ui.add_space(6.0);
            }
        }
    });
}
