//! The window never waits on a file (issue #26): a workspace remembering
//! an events file of 32,000 rows draws its first frame with the events
//! still being read (the timeline panel, or the status line when the panel
//! is hidden, says which file), takes Ctrl+Q in that frame, and shows the
//! events, and the bad rows in the notifications, once they arrive. A FIFO
//! as events file, or as a workspace opened from the menu, is refused with
//! a message instead of hanging the app; a workspace opened from the menu
//! is read beside the frames too. A file of many bad rows lists the first
//! hundred and counts the rest.
//!
//! The app is made with the harness's own context, as eframe makes it, so
//! what it asks of the window (closing it) is in the harness's output. No
//! timing targets: that the first frame comes back before the events holds
//! whatever the machine's speed, since the frame that starts the reading
//! can never take its answer.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use refrain::ui::app::{Command, RefrainApp};
use refrain::ui::persistence::workspace::Workspace;

/// Rows of the large events file.
const ROWS: usize = 32_000;

/// Bad rows among them (dates that are not dates), at the start.
const BAD_ROWS: usize = 3;

/// Writes `events.csv` into `dir`: a header and [`ROWS`] rows, the first
/// [`BAD_ROWS`] of them with a date that is not one, the others spread over
/// 1790–2019 with a quoted description.
fn write_events(dir: &Path) -> PathBuf {
    let mut text = String::from("date,title,description\n");
    for k in 0..ROWS {
        if k < BAD_ROWS {
            text.push_str(&format!("not-a-date-{k},Broken {k},\n"));
        } else {
            let (year, month, day) = (1790 + k % 230, 1 + k % 12, 1 + k % 28);
            text.push_str(&format!("{year}-{month:02}-{day:02},Event {k},\"What happened, in brief\"\n"));
        }
    }
    let path = dir.join("events.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// A harness drawing no app until one is put in it (made with `h.ctx`).
fn empty_harness() -> Harness<'static, Option<RefrainApp>> {
    Harness::builder().with_size([1280.0, 800.0]).build_ui_state(
        |ui, app: &mut Option<RefrainApp>| {
            if let Some(app) = app {
                app.draw(ui);
            }
        },
        None,
    )
}

/// The harness's app.
fn app<'h>(h: &'h Harness<'static, Option<RefrainApp>>) -> &'h RefrainApp {
    h.state().as_ref().expect("an app in the harness")
}

/// The app on the samples with `workspace`, made with the harness's context.
fn start(h: &mut Harness<'static, Option<RefrainApp>>, workspace: Workspace) {
    let app = RefrainApp::new(h.ctx.clone(), Vec::new(), Some(workspace));
    *h.state_mut() = Some(app);
}

/// Steps until `done` holds of the app, for at most a minute: a guard
/// against a hang, not a speed target. Panics naming `what`.
fn step_until(h: &mut Harness<'static, Option<RefrainApp>>, what: &str, done: impl Fn(&RefrainApp) -> bool) {
    let begun = std::time::Instant::now();
    while !done(app(h)) {
        assert!(begun.elapsed() < std::time::Duration::from_secs(60), "{what} never came");
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
}

/// True when the last frame asked the window to close.
fn asked_to_close(h: &Harness<'static, Option<RefrainApp>>) -> bool {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.iter().any(|c| matches!(c, egui::ViewportCommand::Close)))
}

#[test]
fn a_remembered_32000_row_events_file_is_read_while_the_window_draws_and_quits() {
    let dir = tempfile::tempdir().unwrap();
    let events = write_events(dir.path());
    // The progress is in the timeline panel, or in the status line when
    // the panel is hidden.
    for timeline_panel in [true, false] {
        let workspace = Workspace { events_files: vec![events.clone()], timeline_panel, ..Default::default() };
        let mut h = empty_harness();
        start(&mut h, workspace);
        // The first frame, with Ctrl+Q pressed in it.
        h.input_mut().events.extend([
            egui::Event::ModifiersChanged(egui::Modifiers::COMMAND),
            egui::Event::Key {
                key: egui::Key::Q,
                pressed: true,
                modifiers: egui::Modifiers::COMMAND,
                repeat: false,
                physical_key: None,
            },
        ]);
        h.step();
        h.input_mut().events.push(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
        let a = app(&h);
        assert!(a.timeline.model.events.is_empty(), "the frame came back before the events");
        assert_eq!(a.timeline.reading_events().as_deref(), Some("reading events events.csv…"));
        assert!(a.is_busy(), "busy while the events are read");
        assert!(
            h.query_by_label("reading events events.csv…").is_some(),
            "the reading is shown (timeline panel shown: {timeline_panel})"
        );
        assert!(asked_to_close(&h), "Ctrl+Q closes the window while the events are read");

        // The events arrive in a later frame; the lanes are built with them.
        step_until(&mut h, "the events", |a| a.timeline.model.events.len() == ROWS - BAD_ROWS && !a.is_busy());
        let a = app(&h);
        assert_eq!(a.timeline.reading_events(), None);
        let titles: std::collections::HashSet<&str> =
            a.timeline.model.events.iter().map(|e| e.title.as_str()).collect();
        assert!(titles.contains("Event 3") && titles.contains("Event 31999") && !titles.contains("Broken 0"));
        for k in 0..BAD_ROWS {
            let line = format!("events.csv: line {}: \"not-a-date-{k}\" is not a date", k + 2);
            assert!(a.notifications.iter().any(|n| n.contains(&line) && n.ends_with("; skipped")), "{line}");
        }
        let about_events = a.notifications.iter().filter(|n| n.contains("events.csv")).count();
        assert_eq!(about_events, BAD_ROWS, "one line per bad row: {:?}", a.notifications);
        if timeline_panel {
            h.run_steps(2);
            assert!(h.query_by_label_contains(&format!("· {} events ·", ROWS - BAD_ROWS)).is_some());
        }
        assert!(h.query_by_label("reading events events.csv…").is_none(), "no longer said once read");
    }
}

#[test]
fn a_newer_list_of_events_files_supersedes_the_one_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let events = write_events(dir.path());
    let small = dir.path().join("small.csv");
    std::fs::write(&small, "date,title\n1941-12-07,Pearl Harbor\n").unwrap();
    let mut h = empty_harness();
    start(&mut h, Workspace { events_files: vec![events.clone()], ..Default::default() });
    h.step();
    assert!(app(&h).timeline.reading_events().is_some());
    // Cleared and another file opened before the first one arrived.
    let a = h.state_mut().as_mut().unwrap();
    a.apply_command(Command::ClearEvents);
    a.apply_command(Command::OpenEvents(small.clone()));
    h.step();
    assert_eq!(app(&h).timeline.reading_events().as_deref(), Some("reading events small.csv…"));
    step_until(&mut h, "the newer file's events", |a| !a.is_busy());
    let titles: Vec<&str> = app(&h).timeline.model.events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Pearl Harbor"], "only the newer list's events");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_events_file_or_as_workspace_is_refused_with_a_message_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let mkfifo = |name: &str| {
        let path = dir.path().join(name);
        assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success(), "mkfifo");
        path
    };
    // Remembered as the workspace's events file: nobody ever writes to it.
    let fifo = mkfifo("events.csv");
    let mut h = empty_harness();
    start(&mut h, Workspace { events_files: vec![fifo.clone()], ..Default::default() });
    h.step();
    step_until(&mut h, "the FIFO refused", |a| !a.is_busy());
    let message = format!("{}: is a FIFO (named pipe), not a regular file; not read", fifo.display());
    assert!(app(&h).notifications.contains(&message), "{:?}", app(&h).notifications);
    assert!(app(&h).timeline.model.events.is_empty());
    // Opened as a workspace from the menu: refused, the open one stays.
    let ws = mkfifo("workspace.json");
    h.state_mut().as_mut().unwrap().apply_command(Command::OpenWorkspace(ws.clone()));
    step_until(&mut h, "the FIFO workspace refused", |a| !a.is_busy());
    let message = format!("{}: is a FIFO (named pipe), not a regular file; not read", ws.display());
    assert!(app(&h).notifications.contains(&message), "{:?}", app(&h).notifications);
    assert_eq!(app(&h).workspace.events_files, [fifo], "the open workspace stays");
}

#[test]
fn a_workspace_opened_from_the_menu_is_read_beside_the_frames() {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("small.csv");
    std::fs::write(&events, "date,title\n1941-12-07,Pearl Harbor\n1969-07-20,Moon landing\n").unwrap();
    let file = dir.path().join("other.json");
    Workspace { events_files: vec![events.clone()], ..Default::default() }.save_to(&file).unwrap();
    let mut h = empty_harness();
    start(&mut h, Workspace::default());
    h.step();
    let a = h.state_mut().as_mut().unwrap();
    a.apply_command(Command::OpenWorkspace(file));
    // Asked for, not read in the asking: it opens in a later frame.
    assert!(a.is_busy() && a.workspace.events_files.is_empty());
    step_until(&mut h, "the workspace and its events", |a| !a.is_busy() && a.timeline.model.events.len() == 2);
    assert_eq!(app(&h).workspace.events_files, [events]);
    assert!(
        !app(&h).notifications.iter().any(|n| n.contains(".json") || n.contains(".csv")),
        "{:?}",
        app(&h).notifications
    );
}

#[test]
fn a_file_of_many_bad_rows_lists_the_first_hundred_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typos.csv");
    let mut text = String::from("date,title\n1941-12-07,Pearl Harbor\n");
    for k in 0..150 {
        text.push_str(&format!("someday-{k},Typo {k}\n"));
    }
    std::fs::write(&file, text).unwrap();
    let mut app = RefrainApp::new(
        egui::Context::default(),
        Vec::new(),
        Some(Workspace { events_files: vec![file], ..Default::default() }),
    );
    app.wait_until_idle();
    assert_eq!(app.timeline.model.events.len(), 1, "the good row loads");
    let about: Vec<&String> = app.notifications.iter().filter(|n| n.contains("typos.csv")).collect();
    assert_eq!(about.len(), 101, "a hundred listed and one line for the rest");
    assert!(about[0].contains("typos.csv: line 3: \"someday-0\" is not a date") && about[0].ends_with("; skipped"));
    assert!(about[99].contains("line 102: \"someday-99\""), "{}", about[99]);
    assert!(
        about[100].ends_with("typos.csv: 50 more bad rows skipped (the first 100 are listed above)"),
        "{}",
        about[100]
    );
}
