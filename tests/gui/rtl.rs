//! Right-to-left transcripts in the real app: a phrase highlighted in an
//! Arabic column is found under the pointer where it is drawn (hovered,
//! clicked, selected), and text selected by dragging from right to left is
//! copied in the order it was written. Runs with or without Arabic fonts
//! (without them the glyphs are boxes of the same widths).

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use refrain::ui::app::RefrainApp;

use crate::support::{app, click_at, copied, press_copy, write_files};

const SHARED: &str = "إن السلام في منطقتنا لن يتحقق إلا من خلال حل عادل وشامل";

/// Two Arabic speeches that share a sentence.
fn write_speeches(dir: &std::path::Path) -> Vec<PathBuf> {
    let files = [
        (
            "2019-09-24-ar.txt",
            format!(
                "Title: كلمة أمام الجمعية العامة\nDate: 2019-09-24\nSpeaker: وزير الخارجية\n\n\
                 السيد الرئيس، أصحاب الفخامة والسمو والمعالي،\n\n\
                 {SHARED}. نحن نؤمن بالحوار والتعاون بين الشعوب، وقد قلنا ذلك في عام 2018.\n"
            ),
        ),
        (
            "2020-10-01-ar.txt",
            format!(
                "Title: كلمة في مؤتمر السلام\nDate: 2020-10-01\nSpeaker: وزير الخارجية\n\n\
                 أيها الحضور الكرام،\n\n\
                 كما قلنا في العام الماضي، {SHARED}. شكراً لكم.\n"
            ),
        ),
    ];
    write_files(dir, &files)
}

/// A harness that draws boxes for characters no installed font has.
fn harness(app: RefrainApp) -> Harness<'static, RefrainApp> {
    Harness::builder()
        .with_size([1280.0, 900.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut RefrainApp| app.draw(ui), app)
}

#[test]
fn a_phrase_in_an_arabic_column_is_hovered_and_clicked_where_it_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(write_speeches(dir.path())));
    h.ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    h.run();
    let col = h.state().columns[0];
    let body = h.state().corpus[col].body.clone();
    // A word in the middle of the shared sentence, drawn right to left:
    // its first letter is right of its last.
    let word = body.find("منطقتنا").unwrap();
    let first = h.state().screen_pos(col, word).unwrap();
    let last = h.state().screen_pos(col, word + "منطقتن".len()).unwrap();
    assert!(first.x > last.x, "right to left: {first:?} {last:?}");
    // The sentence's first word stands at the right, after the word.
    let start = h.state().screen_pos(col, body.find(SHARED).unwrap()).unwrap();
    assert!(start.x > first.x);
    let at = h.state().screen_pos(col, word + 2).unwrap();
    h.hover_at(at);
    h.run();
    h.get_by_label_contains("First said 2019-09-24");
    click_at(&mut h, at);
    h.run_steps(10);
    let app = h.state();
    let selected = app.selected_phrase.expect("the phrase under the pointer is selected");
    let set = &app.indexed.as_ref().unwrap().set;
    let occurrence = &set.phrases[selected as usize].occurrences[0];
    let text = &app.corpus[occurrence.doc as usize].body[set.occurrence_bytes(occurrence)];
    assert!(text.contains("منطقتنا لن يتحقق"), "{text}");
}

#[test]
fn text_dragged_over_from_right_to_left_is_copied_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(app(write_speeches(dir.path())));
    h.run();
    let col = h.state().columns[0];
    let body = h.state().corpus[col].body.clone();
    // From inside "السلام" to inside "يتحقق": leftwards on the screen.
    let (a, b) = (body.find("السلام").unwrap() + 4, body.find("يتحقق").unwrap() + 4);
    let from = h.state().screen_pos(col, a).unwrap();
    let to = h.state().screen_pos(col, b).unwrap();
    assert!(to.x < from.x, "the later word is on the left");
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(from - egui::vec2(20.0, 0.0));
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
    let (_, range) = h.state().text_selection.clone().expect("text is selected");
    assert!(range.start.abs_diff(a) <= 2 && range.end.abs_diff(b) <= 2, "{range:?} for {a}..{b}");
    press_copy(&mut h);
    let copied = copied(&h);
    assert_eq!(copied, vec![body[range].to_string()]);
    assert!(copied[0].contains(" في منطقتنا لن "), "{copied:?}");
}
