//! Help › Keyboard shortcuts (F1): every key the app answers to, listed
//! once here and shown in a window. A test reads the app's sources for the
//! keys they handle and checks each is listed.

use super::windows::{AppWindow, window};

/// A key (or keys) and what it does.
#[derive(Debug, Clone, Copy)]
pub struct Shortcut {
    /// The keys as written on the keyboard, e.g. "Ctrl+Shift+O", "F3 / Shift+F3".
    pub keys: &'static str,
    /// What they do.
    pub what: &'static str,
}

const fn s(keys: &'static str, what: &'static str) -> Shortcut {
    Shortcut { keys, what }
}

/// Every shortcut, by where it works.
pub const SHORTCUTS: &[(&str, &[Shortcut])] = &[
    (
        "Anywhere",
        &[
            s("F1", "This list of keyboard shortcuts (Help › Keyboard shortcuts)"),
            s("Ctrl+O", "Open transcripts…"),
            s("Ctrl+Shift+O", "Open a folder of transcripts…"),
            s("Ctrl+F", "Search all transcripts"),
            s("Ctrl+E", "Phrase explorer: every phrase of the corpus, found by typing"),
            s("Ctrl+Q", "Quit (the workspace is saved)"),
            s("F3 / Shift+F3", "Next / previous occurrence of the selected phrase"),
            s("F7 / Shift+F7", "Next / previous change (Pair diff)"),
            s("Ctrl+C", "Copy the selected text"),
            s("Esc", "Close the window on top; with none open, clear the selected phrase"),
        ],
    ),
    (
        "Moving around",
        &[
            s("Tab / Shift+Tab", "Next / previous control (the focused one is framed)"),
            s("Enter or Space", "Press the focused button; show or hide the focused transcript as a column"),
            s("Up / Down", "Move in the transcript list, the phrases and menus"),
            s("Home / End", "First / last transcript of the list"),
            s("PageUp / PageDown", "A page up / down the transcript list"),
            s("Esc", "In a text field: leave the field"),
        ],
    ),
    (
        "Search panel",
        &[
            s("Enter / Shift+Enter", "Next / previous match (in the search field, or when nothing is focused)"),
            s("Esc", "In the search field: close the search"),
        ],
    ),
    (
        "Timeline (click a lane's name, or Tab to it)",
        &[
            s("Left / Right", "Previous / next entry of the focused lane"),
            s("Up / Down", "Lane above / below"),
            s("Enter", "Open the entry under the cursor"),
            s("Ctrl+wheel", "Zoom around the pointer (drag pans, double-click fits all)"),
        ],
    ),
    ("Note editor", &[s("Ctrl+Enter", "Save the note")]),
    (
        "Mouse",
        &[
            s("Shift+click", "In the transcript list: show every transcript between the last click and this one"),
            s("Right-click", "More: copy, copy with citation, notes, metadata, reveal in the file manager"),
        ],
    ),
];

/// Whether the shortcuts window is open (temporary egui data: it is not
/// part of the workspace).
const OPEN: &str = "refrain shortcuts open";

/// True while the shortcuts window is open.
pub fn is_open(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(egui::Id::unique(OPEN))).unwrap_or(false)
}

/// Opens or closes the shortcuts window.
pub fn set_open(ctx: &egui::Context, open: bool) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::unique(OPEN), open));
}

/// The "Keyboard shortcuts" window, when open.
pub fn shortcuts_ui(ctx: &egui::Context) {
    let mut open = is_open(ctx);
    if !open {
        return;
    }
    let window = window(ctx, AppWindow::Shortcuts, "Keyboard shortcuts");
    window.open(&mut open).resizable(true).default_size([560.0, 560.0]).show(ctx, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            // One grid, so the keys line up across the sections.
            // Descriptions wrap within the window rather than run past its edge.
            let what_width = (ui.available_width() - 190.0).max(160.0);
            egui::Grid::new("shortcuts").num_columns(2).spacing([16.0, 4.0]).max_col_width(what_width).show(ui, |ui| {
                for (k, (section, shortcuts)) in SHORTCUTS.iter().enumerate() {
                    if k > 0 {
                        ui.label(""); // a blank row between sections
                        ui.end_row();
                    }
                    ui.strong(*section);
                    ui.end_row();
                    for sc in *shortcuts {
                        ui.monospace(sc.keys);
                        ui.add(egui::Label::new(sc.what).wrap());
                        ui.end_row();
                    }
                }
            });
        });
    });
    set_open(ctx, open);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How a key the code names (`Key::ArrowLeft`) is written in the list.
    fn written(key: &str) -> &str {
        match key {
            "ArrowLeft" => "Left",
            "ArrowRight" => "Right",
            "ArrowUp" => "Up",
            "ArrowDown" => "Down",
            "Escape" => "Esc",
            other => other,
        }
    }

    /// The words of every listed shortcut's keys ("Ctrl+Shift+O" gives Ctrl, Shift, O).
    fn listed() -> std::collections::HashSet<&'static str> {
        SHORTCUTS
            .iter()
            .flat_map(|(_, list)| list.iter())
            .flat_map(|sc| sc.keys.split(|c: char| c == '+' || c == '/' || c.is_whitespace()))
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// The app's sources under `dir`, this file (the list itself) left out.
    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("panels/shortcuts.rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_key_the_app_handles_is_listed() {
        let mut files = Vec::new();
        rust_files(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"), &mut files);
        let listed = listed();
        let mut found = std::collections::BTreeSet::new();
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            for (at, _) in text.match_indices("Key::") {
                // `Key::` itself, not the end of another name (`StylesKey::`).
                if text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let name: String =
                    text[at + 5..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !name.is_empty() && name.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
                    found.insert(name);
                }
            }
        }
        for must in ["O", "F", "Q", "F1", "F3", "F7", "Escape", "Enter", "ArrowLeft", "ArrowDown"] {
            assert!(found.contains(must), "the sources no longer handle Key::{must}? found {found:?}");
        }
        let missing: Vec<&String> = found.iter().filter(|k| !listed.contains(written(k))).collect();
        assert!(missing.is_empty(), "keys handled in src/ui but not in SHORTCUTS: {missing:?}");
        for sc in SHORTCUTS.iter().flat_map(|(_, l)| l.iter()) {
            assert!(!sc.what.is_empty() && !sc.keys.is_empty());
        }
    }

    #[test]
    fn the_readme_lists_the_same_keys() {
        let readme =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
        let section = readme.split("\n## Keyboard\n").nth(1).expect("README has a Keyboard section");
        let section = section.split("\n## ").next().unwrap_or(section);
        let rows: std::collections::BTreeSet<&str> =
            section.lines().filter_map(|l| l.strip_prefix("| ")?.split(" |").next()).collect();
        let listed: std::collections::BTreeSet<&str> =
            SHORTCUTS.iter().flat_map(|(_, l)| l.iter()).map(|sc| sc.keys).collect();
        let missing: Vec<_> = listed.difference(&rows).collect();
        let extra: Vec<_> = rows.difference(&listed).filter(|r| !matches!(**r, "Keys" | "---")).collect();
        assert!(missing.is_empty() && extra.is_empty(), "README missing {missing:?}, README extra {extra:?}");
    }

    #[test]
    fn the_menu_shortcut_texts_are_listed() {
        // Every `shortcut_text("…")` in a menu is a line of the list.
        let keys: Vec<&str> = SHORTCUTS.iter().flat_map(|(_, l)| l.iter()).map(|sc| sc.keys).collect();
        let mut files = Vec::new();
        rust_files(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"), &mut files);
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            for (at, _) in text.match_indices("shortcut_text(\"") {
                let rest = &text[at + "shortcut_text(\"".len()..];
                let shown = &rest[..rest.find('"').unwrap()];
                assert!(keys.iter().any(|k| k.split(" / ").any(|one| one == shown)), "{shown} ({})", f.display());
            }
        }
    }
}
