//! Keyboard-only use of the real app through egui_kittest: Tab reaches
//! every part of the window and Shift+Tab comes back, the focused control
//! is framed, the transcript list is walked with the arrows, Esc closes the
//! window on top or clears the selected phrase, F1 lists the shortcuts,
//! the Notes window comes back from the View menu, and windows open next to
//! what opened them, below the toolbar and the filter.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use refrain::ui::app::{Command, RefrainApp};

use crate::common;
use crate::support::{app, harness};

/// The control with the keyboard focus: its role and label.
fn focused(h: &Harness<'static, RefrainApp>) -> Option<String> {
    h.query_by(|n| n.is_focused()).map(|n| {
        let node = n.accesskit_node();
        format!("{:?} {}", node.role(), node.label().unwrap_or_default())
    })
}

fn press(h: &mut Harness<'static, RefrainApp>, key: egui::Key) {
    h.key_press(key);
    h.run();
}

fn press_shift(h: &mut Harness<'static, RefrainApp>, key: egui::Key) {
    h.key_press_modifiers(egui::Modifiers::SHIFT, key);
    h.run();
}

/// Presses Tab until the focused control's description starts with `what`
/// (at most `max` times); its description.
fn tab_to(h: &mut Harness<'static, RefrainApp>, what: &str, max: usize) -> String {
    for _ in 0..max {
        press(h, egui::Key::Tab);
        if let Some(f) = focused(h).filter(|f| f.starts_with(what)) {
            return f;
        }
    }
    panic!("Tab never reached {what:?} (last: {:?})", focused(h));
}

const GENEVA: &str = "2019-03-14  Remarks at the Conference on Regional Security, Geneva";

#[test]
fn tab_reaches_every_part_of_the_window_and_shift_tab_comes_back() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    assert_eq!(focused(&h), None);
    // Round the whole window once: every press lands on a control.
    let mut seen = Vec::new();
    for _ in 0..300 {
        press(&mut h, egui::Key::Tab);
        let f = focused(&h).expect("Tab always leaves the focus on a control");
        if seen.first() == Some(&f) {
            break;
        }
        seen.push(f);
    }
    let has = |prefix: &str| seen.iter().any(|f| f.starts_with(prefix));
    for part in [
        "Button File",                       // the menu
        "Button Help",                       // the menu
        "SpinButton Phrases of at least",    // the toolbar
        "Button Speeches lane",              // the timeline
        "Canvas Timeline lanes",             // the timeline's lanes
        "TextInput Filter:",                 // the filter box
        &format!("Button {GENEVA}"),         // a transcript in the list
        "ComboBox order",                    // the phrases panel
        "Button We remain open to dialogue", // a phrase in the panel
        "Button ×",                          // a column's close button
    ] {
        assert!(has(part), "Tab never reached {part:?}: {seen:#?}");
    }
    // In that order: toolbar, timeline, list, phrases, columns.
    let at = |prefix: &str| seen.iter().position(|f| f.starts_with(prefix)).unwrap();
    assert!(at("SpinButton") < at("Button Speeches lane"));
    assert!(at("TextInput Filter:") < at(&format!("Button {GENEVA}")));
    assert!(at(&format!("Button {GENEVA}")) < at("ComboBox order"));
    assert!(at("ComboBox order") < at("Button ×"));

    // Shift+Tab goes back the same way.
    tab_to(&mut h, &format!("Button {GENEVA}"), seen.len());
    press_shift(&mut h, egui::Key::Tab);
    assert_eq!(focused(&h).as_deref(), Some("TextInput Filter:"));
    press(&mut h, egui::Key::Tab);
    assert_eq!(focused(&h), Some(format!("Button {GENEVA}")));
    // From the first control, Shift+Tab wraps to the last.
    tab_to(&mut h, "Button File", seen.len());
    press_shift(&mut h, egui::Key::Tab);
    assert_eq!(focused(&h).as_ref(), seen.last());
}

#[test]
fn the_focused_control_is_framed() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    tab_to(&mut h, &format!("Button {GENEVA}"), 100);
    let row = h.get_by_label(GENEVA).rect();
    let color = h.ctx.global_style().visuals.selection.stroke.color;
    // A 2-point frame in the selection colour, just around the row.
    let framed = h.output().shapes.iter().any(|s| match &s.shape {
        egui::Shape::Rect(r) => {
            r.stroke.width >= 2.0
                && r.stroke.color == color
                && r.rect.contains_rect(row)
                && r.rect.expand(-4.0).width() <= row.width()
        }
        _ => false,
    });
    assert!(framed, "no focus frame around {row:?}");
}

#[test]
fn arrows_walk_the_transcript_list_and_enter_shows_or_hides_a_column() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    let rows: Vec<String> = h
        .state()
        .order
        .iter()
        .map(|&i| h.state().corpus[i].clone())
        .map(|t| format!("Button {}  {}", t.date.map(|d| d.display()).unwrap_or_default(), t.title))
        .collect();
    tab_to(&mut h, &rows[0], 100);
    press(&mut h, egui::Key::ArrowDown);
    assert_eq!(focused(&h).as_ref(), Some(&rows[1]));
    press(&mut h, egui::Key::ArrowDown);
    assert_eq!(focused(&h).as_ref(), Some(&rows[2]));
    press(&mut h, egui::Key::ArrowUp);
    assert_eq!(focused(&h).as_ref(), Some(&rows[1]));
    press(&mut h, egui::Key::End);
    assert_eq!(focused(&h).as_ref(), rows.last());
    press(&mut h, egui::Key::ArrowDown); // stays on the last
    assert_eq!(focused(&h).as_ref(), rows.last());
    press(&mut h, egui::Key::Home);
    assert_eq!(focused(&h).as_ref(), Some(&rows[0]));
    // The fifth transcript is not a column (four are shown): Enter shows it,
    // Space hides it again, the focus stays on its row.
    for _ in 0..4 {
        press(&mut h, egui::Key::ArrowDown);
    }
    let fifth = h.state().order[4];
    assert!(!h.state().columns.contains(&fifth));
    press(&mut h, egui::Key::Enter);
    assert!(h.state().columns.contains(&fifth));
    assert_eq!(focused(&h).as_ref(), Some(&rows[4]));
    press(&mut h, egui::Key::Space);
    assert!(!h.state().columns.contains(&fifth));
    assert_eq!(focused(&h).as_ref(), Some(&rows[4]));
}

#[test]
fn arrows_scroll_a_long_list_to_the_focused_transcript() {
    let Some(corpus) = common::corpus() else { return };
    let dir = corpus.join("sotu/speeches");
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    paths.sort();
    paths.truncate(40);
    let mut h = harness(app(paths), [1280.0, 700.0]);
    h.run();
    let first = h.state().corpus[h.state().order[0]].title.clone();
    let last = h.state().corpus[*h.state().order.last().unwrap()].title.clone();
    tab_to(&mut h, "TextInput Filter:", 100);
    press(&mut h, egui::Key::Tab);
    assert!(focused(&h).unwrap().ends_with(&first), "{:?}", focused(&h));
    // Far below the view: the list scrolls to it and it keeps the focus.
    press(&mut h, egui::Key::End);
    h.run();
    assert!(focused(&h).unwrap().ends_with(&last), "{:?}", focused(&h));
    let list_bottom = h.get_by_label("Filter:").rect().bottom();
    let row = h.query_by(|n| n.is_focused()).unwrap().rect();
    assert!(row.top() > list_bottom && row.bottom() <= 700.0, "{row:?}");
    // And back up a page at a time, then to the top.
    press(&mut h, egui::Key::PageUp);
    assert!(!focused(&h).unwrap().ends_with(&last));
    press(&mut h, egui::Key::Home);
    assert!(focused(&h).unwrap().ends_with(&first), "{:?}", focused(&h));
}

#[test]
fn esc_closes_the_window_on_top_then_clears_the_selected_phrase() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    h.state_mut().apply_command(Command::SelectPhrase(0));
    h.run();
    let phrase = h.state().workspace.selected_phrase.clone().expect("a phrase is selected");
    // Named in the toolbar.
    let first_words: String = phrase.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    h.get_by_label_contains(&format!("“{first_words}"));
    // Two windows: the Notes window from the menu, then the shortcuts (F1).
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Notes (").click();
    h.run();
    assert!(h.state().notes.open);
    press(&mut h, egui::Key::F1);
    h.get_by_label("Keyboard shortcuts");
    // Esc closes the one on top (the last opened), then the other.
    press(&mut h, egui::Key::Escape);
    assert!(h.query_by_label("Keyboard shortcuts").is_none());
    assert!(h.state().notes.open);
    press(&mut h, egui::Key::Escape);
    assert!(!h.state().notes.open);
    assert!(h.state().selected_phrase.is_some(), "a window closed, the phrase stays");
    // With no window open, Esc clears the selected phrase, also in the workspace.
    press(&mut h, egui::Key::Escape);
    assert_eq!(h.state().selected_phrase, None);
    assert_eq!(h.state().workspace.selected_phrase, None);
    assert!(h.query_by_label_contains(&format!("“{first_words}")).is_none());
}

#[test]
fn esc_in_the_filter_box_only_leaves_the_box_and_the_toolbar_x_clears_the_phrase() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    h.state_mut().apply_command(Command::SelectPhrase(0));
    h.run();
    tab_to(&mut h, "TextInput Filter:", 100);
    press(&mut h, egui::Key::Escape);
    assert!(h.state().selected_phrase.is_some(), "Esc in a text field is for the field");
    h.query_all_by_label("×")
        .find(|n| n.rect().top() < h.get_by_label("Phrases panel").rect().bottom())
        .expect("the toolbar's ×")
        .click();
    h.run();
    assert_eq!(h.state().selected_phrase, None);
    assert_eq!(h.state().workspace.selected_phrase, None);
}

#[test]
fn esc_on_a_list_row_keeps_the_focus_there() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    h.state_mut().apply_command(Command::SelectPhrase(0));
    h.run();
    let row = tab_to(&mut h, &format!("Button {GENEVA}"), 100);
    press(&mut h, egui::Key::Escape);
    assert_eq!(h.state().selected_phrase, None);
    assert_eq!(focused(&h), Some(row));
}

#[test]
fn help_lists_every_shortcut_below_the_toolbar_and_the_filter() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label_contains("Keyboard shortcuts").click();
    h.run();
    for keys in [
        "F1",
        "Ctrl+O",
        "Ctrl+Shift+O",
        "Ctrl+F",
        "Ctrl+Q",
        "Ctrl+C",
        "F3 / Shift+F3",
        "F7 / Shift+F7",
        "Esc",
        "Tab / Shift+Tab",
        "Enter or Space",
        "Up / Down",
        "Home / End",
        "Left / Right",
        "Enter / Shift+Enter",
        "Ctrl+Enter",
        "Ctrl+wheel",
        "Shift+click",
    ] {
        assert!(h.query_all_by_label(keys).next().is_some(), "{keys} is not listed");
    }
    let window = h.get_by_label_contains("Next / previous occurrence of the selected phrase").rect();
    let filter = h.get_by_label("Filter:").rect();
    assert!(window.top() > filter.bottom(), "{window:?} over the filter {filter:?}");
}

#[test]
fn the_notes_window_comes_back_from_the_view_menu() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    for _ in 0..2 {
        h.get_by_label("View").click();
        h.run();
        h.get_by_label("Notes (0)").click();
        h.run();
        assert!(h.state().notes.open);
        h.get_by_label_contains("No notes yet.");
        press(&mut h, egui::Key::Escape);
        assert!(!h.state().notes.open);
    }
}

#[test]
fn a_window_opens_next_to_what_opened_it_never_over_the_filter() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    h.get_by_label(GENEVA).click_secondary();
    h.run();
    let item = h.get_by_label("Show metadata");
    let at = item.rect().center();
    item.click();
    h.run();
    let file = h.get_by_role_and_label(egui::accesskit::Role::Label, "File").rect(); // the metadata's first row
    let filter = h.get_by_label("Filter:").rect();
    assert!(file.top() > filter.bottom(), "{file:?} over the filter {filter:?}");
    // Just below and right of where the menu item was clicked.
    let (dx, dy) = (file.left() - at.x, file.top() - at.y);
    assert!((-20.0..80.0).contains(&dx) && (0.0..100.0).contains(&dy), "{file:?} opened from {at:?}");
    // Esc closes it.
    press(&mut h, egui::Key::Escape);
    assert!(h.query_by_label("Transcript metadata").is_none());
}

#[test]
fn tab_into_the_timeline_then_the_arrows_walk_its_lanes_and_enter_opens() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    tab_to(&mut h, "Button Speeches lane", 100);
    assert_eq!(h.state().timeline.panel.focus(), refrain::core::timeline::model::Lane::Speeches);
    // The arrows go to the timeline, not to egui's focus.
    press(&mut h, egui::Key::ArrowRight);
    let c = h.state().timeline.panel.cursor.expect("a cursor");
    press(&mut h, egui::Key::ArrowLeft);
    assert_eq!(h.state().timeline.panel.cursor, Some(c.saturating_sub(1)));
    assert_eq!(focused(&h).as_deref(), Some("Button Speeches lane"));
    // Down changes lanes; the focus frame follows to the lane's name.
    press(&mut h, egui::Key::ArrowDown);
    assert_eq!(h.state().timeline.panel.focus(), refrain::core::timeline::model::Lane::Events);
    assert_eq!(focused(&h).as_deref(), Some("Button Events lane"));
    press(&mut h, egui::Key::ArrowUp);
    assert_eq!(focused(&h).as_deref(), Some("Button Speeches lane"));
    // Enter opens the speech under the cursor as a column (the last one
    // by date is not shown yet: four of six are).
    press(&mut h, egui::Key::ArrowRight);
    for _ in 0..6 {
        press(&mut h, egui::Key::ArrowRight);
    }
    let c = h.state().timeline.panel.cursor.expect("a cursor");
    let doc = h.state().timeline.model.speeches[c].doc.expect("a speech");
    assert!(!h.state().columns.contains(&doc));
    press(&mut h, egui::Key::Enter);
    assert!(h.state().columns.contains(&doc));
    assert_eq!(h.state().timeline.panel.focus(), refrain::core::timeline::model::Lane::Speeches);
}

#[test]
fn a_window_is_reached_with_tab_and_closing_it_leaves_the_focus_on_a_control() {
    let mut h = harness(app(Vec::new()), [1280.0, 800.0]);
    h.run();
    press(&mut h, egui::Key::F1);
    h.get_by_label("Keyboard shortcuts");
    tab_to(&mut h, "Button Close window", 100);
    press(&mut h, egui::Key::Enter);
    assert!(h.query_by_label("Keyboard shortcuts").is_none());
    h.run();
    // The focus went back to a control still there, and Tab goes on from it.
    let now = focused(&h).expect("the focus stays on a control");
    assert!(!now.contains("window"), "{now}");
    press(&mut h, egui::Key::Tab);
    assert!(focused(&h).is_some());
}

#[test]
fn esc_closes_an_event_and_a_blank_note_but_never_drops_typed_words() {
    use refrain::ui::panels::notes::NoteCommand;
    let mut h = harness(crate::support::app_with_events(Vec::new()), [1280.0, 800.0]);
    h.run();
    h.state_mut().apply_command(Command::SelectEvent(Some(0)));
    h.run();
    h.get_by_label("Event");
    press(&mut h, egui::Key::Escape);
    assert_eq!(h.state().timeline.selected_event, None);
    // A new note, nothing typed yet: Esc closes it (its text field has the keyboard).
    h.state_mut().apply_command(Command::Notes(NoteCommand::NewOnPhrase("the world is facing".into())));
    h.run();
    h.get_by_label("Note");
    press(&mut h, egui::Key::Escape);
    assert!(h.state().notes.draft.is_none());
    // With words typed, Esc leaves the note open.
    h.state_mut().apply_command(Command::Notes(NoteCommand::NewOnPhrase("the world is facing".into())));
    h.run();
    h.get_by_role(egui::accesskit::Role::MultilineTextInput).type_text("Check this");
    h.run();
    for _ in 0..3 {
        press(&mut h, egui::Key::Escape);
    }
    assert_eq!(h.state().notes.draft.as_ref().map(|d| d.note.text.as_str()), Some("Check this"));
}
