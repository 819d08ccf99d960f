//! Notes in the real app through egui_kittest: right-click a sentence in a
//! column, write the note, find it in the Notes window and the report; it
//! comes back on an unchanged file and is flagged when the file changed.

use egui_kittest::kittest::Queryable;
use refrain::core::notes::NoteTarget;
use refrain::ui::app::{Dialog, RefrainApp};
use refrain::ui::persistence::workspace::Workspace;

use crate::support::harness;

fn app(paths: Vec<std::path::PathBuf>, ws: Option<Workspace>) -> RefrainApp {
    let mut app = RefrainApp::new(egui::Context::default(), paths, ws);
    app.wait_until_idle();
    app
}

const TEXT: &str = "Date: 2020-05-01\n\nWe begin today. The harvest failed in the northern valleys, and Ещё раз мы говорим об этом. Then we end.\n";

#[test]
fn a_note_on_a_right_clicked_sentence_is_kept_listed_exported_and_flagged_when_the_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("speech.txt");
    std::fs::write(&file, TEXT).unwrap();
    let mut h = harness(app(vec![file.clone()], None), [1280.0, 800.0]);
    h.run();
    let col = h.state().columns[0];
    let byte = h.state().corpus[col].body.find("northern").unwrap();
    let at = h.state().screen_pos(col, byte).expect("drawn");
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    h.get_by_label("Note on this sentence…").click();
    h.run();
    // The editor shows the sentence; type the note and its tags.
    h.get_by_label_contains("On “The harvest failed in the northern valleys");
    let edit = h.get_by_role(egui::accesskit::Role::MultilineTextInput);
    edit.focus();
    edit.type_text("Check the crop figures");
    h.run();
    let tags = h.get_by_label("Tags");
    tags.focus();
    tags.type_text("economy, #harvest");
    h.run();
    h.get_by_label("Save note").click();
    h.run();
    let ws = h.state().workspace_now();
    assert_eq!(ws.notes.len(), 1);
    let note = &ws.notes[0];
    assert_eq!(note.text, "Check the crop figures");
    assert_eq!(note.tags, vec!["economy", "harvest"]);
    let NoteTarget::Range { quote, .. } = &note.target else { panic!("a range note") };
    assert_eq!(quote, "The harvest failed in the northern valleys, and Ещё раз мы говорим об этом.");
    // Listed in the Notes window (opened on save), marked in the column.
    h.get_by_label_contains("Check the crop figures");
    assert!(!h.state().notes.marks(col).is_empty());
    // In the report, escaped, not flagged.
    let report = dir.path().join("r.html");
    h.state_mut().export_to(Dialog::ExportReport, &report).unwrap();
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("Check the crop figures") && html.contains("[note 1]"));
    assert!(!html.contains("the file changed since"));

    // Reopened on the unchanged file: the note is where it was, not flagged.
    let mut again = harness(app(vec![file.clone()], Some(ws.clone())), [1280.0, 800.0]);
    again.state_mut().notes.open = true;
    again.run();
    again.get_by_label_contains("Check the crop figures");
    assert!(again.query_by_label_contains("The file changed").is_none());

    // The file changed under the note: flagged, found again, not dropped.
    std::fs::write(&file, TEXT.replace("We begin today.", "We begin today, later than planned.")).unwrap();
    let mut changed = harness(app(vec![file.clone()], Some(ws)), [1280.0, 800.0]);
    changed.state_mut().notes.open = true;
    changed.run();
    changed.get_by_label_contains("The file changed since: check the place.");
    assert_eq!(changed.state().workspace_now().notes.len(), 1);
    let col = changed.state().columns[0];
    let marks = changed.state().notes.marks(col);
    let body = &changed.state().corpus[col].body;
    assert!(body[marks[0].clone()].starts_with("The harvest failed"));
    changed.state_mut().export_to(Dialog::ExportReport, &report).unwrap();
    assert!(std::fs::read_to_string(&report).unwrap().contains("(the file changed since)"));
}
