//! Helpers shared by the benchmarks in `benches/`: finding the shared corpus,
//! the import → tokenize → phrases pipeline they time, and reading the
//! process's memory figures from `/proc/self/status`.

#![allow(dead_code)] // each bench uses a different part of this module

use std::path::{Path, PathBuf};

use refrain::core::import::files::{FileOutcome, ImportOptions, import_paths};
use refrain::core::import::shared_corpus;
use refrain::core::phrases::{DocId, PhraseIndex, PhraseOptions, PhraseSet};
use refrain::core::text::transcript::Transcript;

/// Where the benches write their figures for `benches/run.sh` to read:
/// `target/tmp/refrain-bench/`.
pub fn results_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("refrain-bench");
    std::fs::create_dir_all(&dir).expect("cannot create target/tmp/refrain-bench");
    dir
}

/// The SOTU speeches folder of the shared corpus, found as the tests find
/// it ([`shared_corpus::find`]): when it is missing this says so loudly and
/// returns `None` (the bench then does nothing), unless
/// `REFRAIN_REQUIRE_CORPUS=1`, which makes it a failure.
pub fn sotu_speeches() -> Option<PathBuf> {
    shared_corpus::find().map(|corpus| corpus.join("sotu/speeches"))
}

/// The phrase options of the main target: 5 words, 2 speeches.
pub fn min5() -> PhraseOptions {
    PhraseOptions::default().min_words(5).min_speeches(2)
}

/// Imports every transcript under `dir`; any file that fails or is a
/// duplicate is a broken benchmark setup, so it panics.
pub fn import(dir: &Path) -> Vec<Transcript> {
    import_paths(&[dir.to_path_buf()], &ImportOptions::default())
        .into_iter()
        .map(|outcome| match outcome {
            FileOutcome::Imported(t) => *t,
            other => panic!("{} did not import: {other:?}", other.path().display()),
        })
        .collect()
}

/// Tokenizes and interns `transcripts` into a new index.
pub fn index(transcripts: &[Transcript]) -> (PhraseIndex, Vec<DocId>) {
    let mut ix = PhraseIndex::new();
    let ids = ix.add_all(transcripts);
    (ix, ids)
}

/// Runs the phrase search, which cannot fail on this corpus.
pub fn phrases(ix: &mut PhraseIndex, options: &PhraseOptions) -> PhraseSet {
    ix.phrases(options).expect("the suffix index of the corpus could not be built")
}

/// The whole pipeline the issue times: import the folder, tokenize and
/// index it, and find the phrases of at least 5 words in 2 speeches.
pub fn pipeline(dir: &Path) -> (PhraseIndex, Vec<DocId>, PhraseSet) {
    let transcripts = import(dir);
    let (mut ix, ids) = index(&transcripts);
    let set = phrases(&mut ix, &min5());
    (ix, ids, set)
}

/// What a pipeline run found, to check that every implementation computed
/// the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Documents indexed.
    pub docs: usize,
    /// Words (tokens) indexed.
    pub words: usize,
    /// Recurring phrases (maximal repeats).
    pub phrases: usize,
    /// Words of all documents inside a recurring phrase.
    pub recurring_words: usize,
}

impl Found {
    /// Counts what `set` found over the documents `ids` of `ix`.
    pub fn of(ix: &PhraseIndex, ids: &[DocId], set: &PhraseSet) -> Found {
        Found {
            docs: ids.len(),
            words: ids.iter().filter_map(|&id| ix.doc(id)).map(|d| d.ids.len()).sum(),
            phrases: set.phrases.len(),
            recurring_words: ids.iter().map(|&id| set.recurring_words(id)).sum(),
        }
    }

    /// As a JSON object.
    pub fn to_json(self) -> serde_json::Value {
        serde_json::json!({
            "docs": self.docs,
            "words": self.words,
            "phrases": self.phrases,
            "recurring_words": self.recurring_words,
        })
    }
}

/// Total size in bytes of the `.txt` files under `dir` (recursively).
pub fn text_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("cannot read a folder entry").path();
        if path.is_dir() {
            total += text_bytes(&path);
        } else if path.extension().is_some_and(|e| e == "txt") {
            total += std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        }
    }
    total
}

/// A field of `/proc/self/status` given in kB (`VmHWM`, `VmRSS`), in bytes.
fn proc_status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("cannot read /proc/self/status (Linux only)");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"))
}

/// Peak resident memory of this process so far (`VmHWM`), in bytes.
pub fn peak_rss() -> u64 {
    proc_status_bytes("VmHWM")
}

/// Resident memory of this process now (`VmRSS`), in bytes.
pub fn current_rss() -> u64 {
    proc_status_bytes("VmRSS")
}

/// Copies in the large corpus.
pub const COPIES: usize = 10;
/// Seed of the paragraph shuffle; change [`GENERATOR`] with it.
pub const SEED: u64 = 0x5EED_2026;
/// Written into the stamp file: a different value regenerates the corpus.
pub const GENERATOR: &str = "sotu-x10 v1";

/// Writes the 10x corpus under `target/tmp/sotu-x10` unless a complete one
/// from the same source, seed and generator is already there.
pub fn generate_x10(sotu: &Path) -> PathBuf {
    generate_copies(sotu, COPIES)
}

/// Writes a corpus of `copies` shuffled copies of SOTU under
/// `target/tmp/sotu-x{copies}` (as [`generate_x10`]; the 100x corpus of
/// #24 is `generate_copies(sotu, 100)`: 24,900 files, 1.2 GB).
pub fn generate_copies(sotu: &Path, copies: usize) -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("sotu-x{copies}"));
    let mut names: Vec<PathBuf> = std::fs::read_dir(sotu)
        .expect("cannot list the SOTU speeches")
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let stamp =
        format!("{GENERATOR} seed={SEED:#x} copies={copies} files={} bytes={}\n", names.len(), text_bytes(sotu));
    let stamp_path = out.join(".complete");
    if std::fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp) {
        return out;
    }
    if out.exists() {
        std::fs::remove_dir_all(&out).expect("cannot clear the old 10x corpus");
    }
    let metadata = sotu.parent().map(|p| p.join("metadata.csv")).filter(|p| p.is_file());
    if let Some(m) = metadata {
        std::fs::create_dir_all(&out).expect("cannot create the corpus folder");
        std::fs::copy(m, out.join("metadata.csv")).expect("cannot copy metadata.csv");
    }
    let texts: Vec<(String, String)> = names
        .iter()
        .map(|p| {
            let name = p.file_name().expect("a file name").to_string_lossy().into_owned();
            (name, std::fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display())))
        })
        .collect();
    for copy in 0..copies {
        let folder = out.join(format!("copy-{copy:02}"));
        std::fs::create_dir_all(&folder).expect("cannot create a copy folder");
        for (file, (name, text)) in texts.iter().enumerate() {
            let mut rng = SplitMix64(SEED ^ ((copy as u64) << 32) ^ file as u64);
            let mut paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
            shuffle(&mut paragraphs, &mut rng);
            let mut body = paragraphs.join("\n\n");
            body.push('\n');
            std::fs::write(folder.join(name), body).expect("cannot write a 10x file");
        }
    }
    std::fs::write(&stamp_path, stamp).expect("cannot write the stamp file");
    out
}

/// SplitMix64: a small, well-mixed deterministic generator (no `rand` needed).
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Fisher–Yates shuffle.
fn shuffle<T>(items: &mut [T], rng: &mut SplitMix64) {
    for i in (1..items.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// A number from a bench's JSON figures (a bench fails loudly without it).
pub fn num(v: &serde_json::Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("no number {key} in {v}"))
}

/// Runs this bench binary again with `--child DIR` (a fresh process, for its
/// own peak memory) and returns the JSON it printed on its `RESULT` line.
pub fn run_child(dir: &Path) -> serde_json::Value {
    run_child_with(dir, &[])
}

/// [`run_child`] with more arguments after the folder.
pub fn run_child_with(dir: &Path, more: &[&str]) -> serde_json::Value {
    let exe = std::env::current_exe().expect("the path of this bench binary");
    let out = std::process::Command::new(exe)
        .arg("--child")
        .arg(dir)
        .args(more)
        .output()
        .expect("cannot start the child run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child run on {} failed: {}\n{stdout}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout.lines().find_map(|l| l.strip_prefix("RESULT ")).expect("the child prints a RESULT line");
    serde_json::from_str(line).expect("the child's RESULT line is JSON")
}

/// Writes a bench's rows to `NAME.json` in [`results_dir`] for `benches/run.sh`.
pub fn write_rows(name: &str, rows: &[serde_json::Value]) {
    let path = results_dir().join(format!("{name}.json"));
    let text = serde_json::to_string_pretty(&serde_json::json!({ "rows": rows })).expect("JSON of plain numbers");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    println!("written: {}", path.display());
}

/// Prints timed rows (`measure`, seconds, target in seconds if any) as a
/// table with PASS or FAIL, and writes them to `rows-NAME.json` in
/// [`results_dir`] for the report of `benches/run.sh`.
pub fn report_timed_rows(name: &str, rows: Vec<(String, f64, Option<f64>)>) {
    println!();
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut out: Vec<serde_json::Value> = Vec::new();
    for (measure, secs, target) in rows {
        let verdict = target.map_or("", |t| if secs < t { "PASS" } else { "FAIL" });
        let goal = target.map_or(String::new(), |t| format!("< {:.0} ms", t * 1e3));
        println!("{measure:<width$}  {:>9.2} ms  {goal:>9}  {verdict}", secs * 1e3);
        out.push(serde_json::json!({
            "measure": measure,
            "measured": format!("{:.1} ms", secs * 1e3),
            "target": goal,
            "ok": target.map_or(serde_json::Value::Null, |t| serde_json::json!(secs < t)),
        }));
    }
    let path = results_dir().join(format!("rows-{name}.json"));
    let text = serde_json::to_string_pretty(&out).expect("plain JSON");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    println!("written: {}", path.display());
}

/// Median of `runs` timings of `f`, in seconds, and its last result.
pub fn median_of<R>(runs: usize, mut f: impl FnMut() -> R) -> (f64, R) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let t = std::time::Instant::now();
        last = Some(f());
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last.expect("at least one run"))
}

/// A bench timed after indexing, on SOTU and on the 10x corpus: `corpus`
/// gives the rows of one (its label, folder, target in seconds and runs;
/// `REFRAIN_BENCH_RUNS`, default 7), SOTU's target `sotu_target`, the 10x
/// corpus's `x10_target`; the rows are reported as `name`. Without the
/// corpus it says "skipped: corpus not found" and reports nothing.
pub fn on_sotu_and_10x(
    name: &str,
    (sotu_target, x10_target): (f64, f64),
    corpus: impl Fn(&str, &Path, f64, usize) -> Vec<(String, f64, Option<f64>)>,
) {
    let Some(sotu) = sotu_speeches() else { return };
    let runs: usize = std::env::var("REFRAIN_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(7).max(1);
    let x10 = generate_x10(&sotu);
    let mut rows = corpus("SOTU", &sotu, sotu_target, runs);
    rows.extend(corpus("10x", &x10, x10_target, runs));
    report_timed_rows(name, rows);
}
