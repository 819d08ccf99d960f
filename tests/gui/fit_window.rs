//! Columns in a small window: never narrower than readable (no word split
//! inside), the column area scrolls sideways instead, and a column added
//! is brought into view.

use refrain::ui::app::{Command, RefrainApp};

use crate::common;
use crate::support::{app, harness, sotu_six};

/// The left edge of a column's first paragraph and the width of its text,
/// as drawn in the last frame.
fn column_x(app: &RefrainApp, col: usize) -> Option<f32> {
    let t = &app.corpus[col];
    app.screen_pos(col, t.paragraphs.first()?.start).map(|p| p.x)
}

#[test]
fn six_columns_at_1024_keep_a_readable_width_and_an_added_one_comes_into_view() {
    let Some(corpus) = common::corpus() else { return };
    let six = sotu_six(&corpus);
    let mut paths = six.clone();
    let seventh = corpus.join("sotu/speeches/1945-Roosevelt-1.txt");
    paths.push(seventh.clone());
    let mut a = app(paths);
    // Exactly the six shown.
    for c in a.columns.clone() {
        a.apply_command(Command::ToggleColumn(c));
    }
    for p in &six {
        let c = a.corpus.iter().position(|t| &t.path == p).unwrap();
        a.apply_command(Command::ToggleColumn(c));
    }
    let mut h = harness(a, [1024.0, 700.0]);
    h.run_steps(6);
    assert_eq!(h.state().columns.len(), 6);
    // The first columns are drawn a readable width apart; the others are
    // off to the right, reached by scrolling sideways.
    let cols = h.state().columns.clone();
    let (x0, x1) = (column_x(h.state(), cols[0]).unwrap(), column_x(h.state(), cols[1]).unwrap());
    assert!(x1 - x0 >= refrain::ui::app::MIN_COLUMN_WIDTH, "columns {x0} and {x1} are too close");
    for c in &cols {
        let layout = h.state().column_layout(*c).unwrap();
        assert!(layout.view_rect().width() >= refrain::ui::app::MIN_COLUMN_WIDTH - 30.0, "{:?}", layout.view_rect());
    }
    // Every word of the first column's first paragraphs fits its row: no
    // row starts inside a word.
    let t = h.state().corpus[cols[0]].clone();
    for p in t.paragraphs.iter().take(3) {
        for (k, _) in t.body[p.clone()].char_indices().skip(1) {
            let byte = p.start + k;
            let (Some(a), Some(b)) = (h.state().screen_pos(cols[0], byte - 1), h.state().screen_pos(cols[0], byte))
            else {
                continue;
            };
            let (before, at) = (t.body[..byte].chars().last().unwrap(), t.body[byte..].chars().next().unwrap());
            if b.y > a.y + 1.0 {
                assert!(
                    !(before.is_alphanumeric() && at.is_alphanumeric()),
                    "a row starts inside a word at {byte}: {:?}",
                    &t.body[byte.saturating_sub(20)..byte + 10]
                );
            }
        }
    }
    // A seventh column added: it comes into view, whole (the columns are
    // wider with it than the frame before knew).
    let c7 = h.state().corpus.iter().position(|t| t.path == seventh).unwrap();
    h.state_mut().apply_command(Command::ToggleColumn(c7));
    h.run_steps(6);
    assert!(h.state().columns.contains(&c7));
    let x = column_x(h.state(), c7).expect("the new column is drawn");
    assert!((0.0..1024.0).contains(&x), "the added column is in the window: {x}");
    let seen = h.state().column_layout(c7).unwrap().view_rect();
    let area = h.state().column_layout(h.state().columns[0]).unwrap().view_rect();
    assert!(seen.right() <= 1024.0, "the added column is whole in the window: {seen:?} ({area:?})");
}

#[test]
fn a_fifth_column_added_to_four_that_barely_overflow_comes_into_view_whole() {
    // Four columns a little wider together than the area (it scrolls a
    // few points): the fifth widens the columns; the last frame's limit of
    // scrolling, kept to stop short of the end, must not stop short of it.
    let Some(corpus) = common::corpus() else { return };
    let six = sotu_six(&corpus);
    let mut a = app(six.clone());
    for c in a.columns.clone() {
        a.apply_command(Command::ToggleColumn(c));
    }
    let cols: Vec<usize> = six.iter().map(|p| a.corpus.iter().position(|t| &t.path == p).unwrap()).collect();
    for &c in &cols[..4] {
        a.apply_command(Command::ToggleColumn(c));
    }
    let mut h = harness(a, [1400.0, 1000.0]);
    h.run_steps(6);
    let first = h.state().column_layout(cols[0]).unwrap().view_rect();
    let fourth = h.state().column_layout(cols[3]).unwrap().view_rect();
    // Scrolled to the end to show the fourth: where it ends, the area does.
    let area_right = fourth.right();
    assert!(fourth.left() > first.right(), "four columns side by side: {first:?} {fourth:?}");
    h.state_mut().apply_command(Command::ToggleColumn(cols[4]));
    h.run_steps(6);
    let fifth = h.state().column_layout(cols[4]).unwrap().view_rect();
    assert!(fifth.left() >= first.left() - 1.0, "{fifth:?} left of where the first column was {first:?}");
    assert!(fifth.right() <= area_right + 1.0, "the fifth column is cut: {fifth:?}, area to {area_right}");
    // And it stays there (no spring back from an offset out of range).
    h.run_steps(30);
    assert_eq!(h.state().column_layout(cols[4]).unwrap().view_rect(), fifth);
}
