//! A phrase's path as a small widget: who said it first (speaker, date,
//! speech), the first speaker's own next use apart, and each later
//! speaker's first use with its date and the lag. Paths are worked out
//! when asked for, one phrase at a time, and kept per phrase set (never
//! for every phrase of a frame).

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use crate::core::phrases::PhraseSet;
use crate::core::speakers::{PathStep, PhrasePath, SpeechGroups};
use crate::core::text::transcript::Transcript;

/// Paths kept at most before the cache starts again (a few dozen bytes
/// each plus their later speakers).
const MAX_PATHS: usize = 2048;

/// The paths worked out for one phrase set, by phrase (egui temporary
/// data, shared by the phrases panel, the explorer and the metadata window).
#[derive(Clone, Default)]
struct PathCache {
    /// The set the paths belong to (not kept alive by the cache).
    set: Weak<PhraseSet>,
    /// The number of transcripts the speakers were read from.
    docs: usize,
    /// Each speech's speaker and date.
    groups: Arc<SpeechGroups>,
    paths: HashMap<u32, Arc<PhrasePath>>,
}

/// A phrase's path, with the speakers it names.
#[derive(Clone)]
pub struct PathOf {
    /// The speakers (by speaker) of the set's speeches.
    pub groups: Arc<SpeechGroups>,
    /// The path.
    pub path: Arc<PhrasePath>,
}

/// Runs `f` on the cache of `set`'s paths (emptied first when it was
/// another set's or the corpus changed).
fn with_cache<R>(
    ctx: &egui::Context,
    set: &Arc<PhraseSet>,
    corpus: &[Arc<Transcript>],
    f: impl FnOnce(&mut PathCache) -> R,
) -> R {
    let id = egui::Id::unique("refrain phrase paths");
    ctx.data_mut(|d| {
        let cache = d.get_temp_mut_or_default::<PathCache>(id);
        let same = cache.set.upgrade().is_some_and(|s| Arc::ptr_eq(&s, set)) && cache.docs == corpus.len();
        if !same {
            *cache = PathCache {
                set: Arc::downgrade(set),
                docs: corpus.len(),
                groups: Arc::new(SpeechGroups::by_speaker(corpus)),
                paths: HashMap::new(),
            };
        }
        f(cache)
    })
}

/// Each speech's speaker and date, for `set`'s documents (read once per set).
pub fn speakers_of(ctx: &egui::Context, set: &Arc<PhraseSet>, corpus: &[Arc<Transcript>]) -> Arc<SpeechGroups> {
    with_cache(ctx, set, corpus, |c| c.groups.clone())
}

/// The speakers of `corpus` and the path of phrase `phrase` of `set`:
/// worked out on first use and kept for the set (the speakers once per set).
pub fn path_of(ctx: &egui::Context, set: &Arc<PhraseSet>, corpus: &[Arc<Transcript>], phrase: u32) -> PathOf {
    with_cache(ctx, set, corpus, |cache| {
        if cache.paths.len() >= MAX_PATHS && !cache.paths.contains_key(&phrase) {
            cache.paths.clear();
        }
        let groups = cache.groups.clone();
        let path = cache
            .paths
            .entry(phrase)
            .or_insert_with(|| Arc::new(PhrasePath::of(set, phrase as usize, &groups)))
            .clone();
        PathOf { groups, path }
    })
}

/// A lag in days as people say it: days, then months, then years.
pub fn lag_text(days: i32) -> String {
    match days {
        0 => "same day".into(),
        1 => "+1 day".into(),
        d if d < 60 => format!("+{d} days"),
        d if d < 730 => format!("+{} months", (d as f64 / 30.44).round() as i32),
        d => format!("+{} years", (d as f64 / 365.25).round() as i32),
    }
}

/// A speech's date and title, short.
fn speech(corpus: &[Arc<Transcript>], doc: u32) -> (String, String) {
    corpus.get(doc as usize).map_or_else(
        || (String::new(), String::new()),
        |t| (t.date.map_or_else(|| "undated".into(), |d| d.display()), crate::ui::bidi::isolate(&t.title)),
    )
}

/// Draws `path`: the first speaker with the date and speech, the first
/// speaker's next use, then at most `max_rows` later speakers (each with
/// the date of their first use and the lag; the rest counted).
pub fn phrase_path_ui(
    ui: &mut egui::Ui,
    path: &PhrasePath,
    groups: &SpeechGroups,
    corpus: &[Arc<Transcript>],
    max_rows: usize,
) {
    let name =
        |g: Option<u32>| g.map_or_else(|| "an unknown speaker".into(), |g| crate::ui::bidi::isolate(groups.name(g)));
    let Some(origin) = path.origin else {
        ui.label(egui::RichText::new("Only in undated speeches: who said it first is not known.").weak());
        return;
    };
    let (date, title) = speech(corpus, origin.doc);
    ui.label(egui::RichText::new(format!("First said by {} ({date})", name(origin.group))).strong());
    ui.label(egui::RichText::new(format!("in {title}")).small().weak());
    if let Some(s) = path.self_repeat {
        ui.label(
            egui::RichText::new(format!(
                "Said again by {} on {} ({})",
                name(origin.group),
                s.date,
                lag_text(s.lag_days)
            ))
            .small(),
        );
    }
    if path.later.is_empty() {
        ui.label(egui::RichText::new("No other speaker used it later.").small().weak());
    } else {
        ui.label(
            egui::RichText::new(format!(
                "Taken up by {} other speaker{}:",
                path.later.len(),
                if path.later.len() == 1 { "" } else { "s" }
            ))
            .small(),
        );
        egui::Grid::new(ui.scope_id().with("phrase-path")).num_columns(3).spacing([10.0, 2.0]).show(ui, |ui| {
            for s in path.later.iter().take(max_rows) {
                step_row(ui, s, groups);
            }
        });
        if path.later.len() > max_rows {
            ui.label(egui::RichText::new(format!("…and {} more", path.later.len() - max_rows)).small().weak());
        }
    }
    let mut notes = Vec::new();
    if !path.undated.is_empty() {
        let names: Vec<String> = path.undated.iter().map(|&g| crate::ui::bidi::isolate(groups.name(g))).collect();
        notes.push(format!("also in undated speeches by {}", names.join(", ")));
    }
    if path.unattributed > 0 {
        notes.push(format!("{} later speech(es) without a speaker", path.unattributed));
    }
    if !notes.is_empty() {
        ui.label(egui::RichText::new(notes.join("; ")).small().weak());
    }
}

/// One later speaker: name, date of first use, lag.
fn step_row(ui: &mut egui::Ui, s: &PathStep, groups: &SpeechGroups) {
    ui.label(egui::RichText::new(crate::ui::bidi::isolate(groups.name(s.group))).small());
    ui.label(egui::RichText::new(s.date.format("%Y-%m-%d").to_string()).small());
    ui.label(egui::RichText::new(lag_text(s.lag_days)).small().weak());
    ui.end_row();
}

/// Works out (or takes from the cache) phrase `phrase`'s path and draws it.
pub fn phrase_path_for(
    ui: &mut egui::Ui,
    set: &Arc<PhraseSet>,
    corpus: &[Arc<Transcript>],
    phrase: u32,
    max_rows: usize,
) {
    let shown = path_of(ui.ctx(), set, corpus, phrase);
    phrase_path_ui(ui, &shown.path, &shown.groups, corpus, max_rows);
}

#[cfg(test)]
mod tests {
    use super::lag_text;

    #[test]
    fn lags_read_as_days_months_or_years() {
        assert_eq!(lag_text(0), "same day");
        assert_eq!(lag_text(1), "+1 day");
        assert_eq!(lag_text(45), "+45 days");
        assert_eq!(lag_text(334), "+11 months");
        assert_eq!(lag_text(3650), "+10 years");
    }
}
