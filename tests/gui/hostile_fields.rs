//! Metadata that tries to attack whoever reads it, in the real app: an
//! events file whose links name a local file, a script and a network share
//! (shown as text, with why on hover; only web and mail links are links),
//! and a title and a speaker holding right-to-left overrides (drawn
//! without them wherever the app names the speech).

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use refrain::core::text::links::NOT_OPENED;
use refrain::ui::app::{Command, RefrainApp};

use crate::support::{app, write_files};

/// A harness that draws boxes for characters no installed font has.
fn harness(app: RefrainApp) -> Harness<'static, RefrainApp> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut RefrainApp| app.draw(ui), app)
}

/// The hostile tester's links, and others like them, with whether each is
/// opened.
const LINKS: [(&str, &str, bool); 7] = [
    ("Passwords", "file:///etc/passwd", false),
    ("Script", "javascript:alert(document.cookie)", false),
    ("Shouting script", "JAVASCRIPT:alert(1)", false),
    ("Share", "smb://server/share", false),
    ("Web", "https://example.org/ph", true),
    ("Plain web", "HTTP://example.org/", true),
    ("Mail", "mailto:press@example.org", true),
];

#[test]
fn only_web_and_mail_links_of_an_event_are_links() {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_files(
        dir.path(),
        &[("address.txt", "Title: Address\nDate: 2001-01-05\n\nWe remain open to dialogue on every question.\n")],
    );
    let rows: Vec<String> = LINKS
        .iter()
        .enumerate()
        .map(|(k, (title, url, _))| {
            format!("{{\"date\": \"2001-01-0{}\", \"title\": \"{title}\", \"url\": \"{url}\"}}", k + 1)
        })
        .collect();
    let events = dir.path().join("events.json");
    std::fs::write(&events, format!("[\n{}\n]\n", rows.join(",\n"))).unwrap();
    let mut app = app(paths);
    app.apply_command(Command::OpenEvents(events));
    app.wait_until_idle();
    let mut h = harness(app);
    h.ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    for (title, url, opens) in LINKS {
        let k = h.state().timeline.model.events.iter().position(|e| e.title == title).expect("the event is read");
        h.state_mut().apply_command(Command::SelectEvent(Some(k)));
        h.run();
        let link = h.query(By::new().label(url).role(Role::Link));
        if opens {
            assert!(link.is_some(), "{url} is a link");
            continue;
        }
        assert!(link.is_none(), "{url} must not be a link");
        // Shown as text, saying why on hover.
        h.get(By::new().label(url).role(Role::Label)).hover();
        h.run();
        h.get_by_label(NOT_OPENED);
    }
}

#[test]
fn a_title_and_a_speaker_with_overrides_are_drawn_without_them() {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_files(
        dir.path(),
        &[
            (
                "hostile.txt",
                "Title: abc\u{202E}live\u{202C} x\nDate: 2001-01-01\nSpeaker: Jane \u{202E}eoD\n\n\
                 We remain open to dialogue on the basis of mutual respect.\n",
            ),
            (
                "arabic.txt",
                "Title: كلمة أمام الجمعية\nDate: 2002-01-01\nSpeaker: وزير الخارجية\n\n\
                 إن السلام في منطقتنا لن يتحقق إلا من خلال حل عادل وشامل.\n",
            ),
        ],
    );
    let mut h = harness(app(paths));
    let hostile =
        h.state().corpus.iter().position(|t| t.title.contains('\u{202E}')).expect("the title is kept as read");
    h.state_mut().apply_command(Command::ShowMetadata(hostile));
    h.run();
    // The metadata window (and the column header): the title and the
    // speaker as typed, letters in order.
    for field in ["abclive x", "Jane eoD"] {
        assert!(h.query_all(By::new().label(field).role(Role::Label)).next().is_some(), "{field}");
    }
    // Nothing drawn anywhere (list rows, column headers, the timeline,
    // the window) holds an embedding or an override.
    let overridden = |s: Option<String>| s.is_some_and(|s| s.chars().any(|c| ('\u{202A}'..='\u{202E}').contains(&c)));
    let found: Vec<String> = h
        .query_all(By::new().predicate(move |n| overridden(n.label()) || overridden(n.value())))
        .map(|n| {
            let n = n.accesskit_node();
            format!("{:?}", n.label().or(n.value()))
        })
        .collect();
    assert!(found.is_empty(), "{found:?}");
    // The Arabic title is still drawn right to left: its words in display
    // order, last word first.
    assert!(h.query_all(By::new().label_contains("الجمعية أمام كلمة")).next().is_some());
}
