//! From decoded text to a [`Transcript`]: which layout the file has, and
//! which of the places that can state a date, title or speaker wins.

use std::path::Path;

use chrono::NaiveTime;

use crate::core::import::byline::{place_from_title, speaker_from_title};
use crate::core::import::decode::Decoded;
use crate::core::import::front_matter::{HeaderFields, parse_front_matter, parse_header_lines};
use crate::core::import::ministry::{parse_ministry_page, strip_site_boilerplate};
use crate::core::import::sidecar::SidecarRow;
use crate::core::import::subtitles::{looks_like_subtitles, parse_subtitles};
use crate::core::text::WordRanges;
use crate::core::text::dates::{DayOrder, FoundDate, date_from_file_stem, find_day_date, parse_date_value};
use crate::core::text::transcript::{
    DatePrecision, DateSource, SpeechDate, Transcript, assemble_body, split_paragraphs,
};

/// How many non-blank lines at the top are searched for a written date.
const DATE_SEARCH_LINES: usize = 3;
/// Lines longer than this are body text, not a dateline or caption.
const DATE_SEARCH_LINE_CHARS: usize = 300;
/// Longest first line still taken as a plain text's title.
const MAX_PLAIN_TITLE_CHARS: usize = 120;

/// One place that states a date.
#[derive(Debug, Clone)]
struct Candidate {
    found: FoundDate,
    source: DateSource,
    /// Explicit metadata (not a guess from running text).
    explicit: bool,
}

/// Builds a transcript from a file's decoded text.
///
/// `sidecar` is the row describing this file in a `metadata.csv`/`.json`
/// next to it, if any; `extra_warnings` are carried into the result (for
/// example a sidecar that failed to load). Returns `None` when the file has
/// no text besides its header.
///
/// Date rules, strongest first: front matter or header lines, a dateline at
/// the top, the sidecar table, a full date in the file name, a date written
/// in the first lines or the title, a year or month in the file name.
pub fn recognize(
    path: &Path,
    decoded: Decoded,
    sidecar: Option<&SidecarRow>,
    extra_warnings: Vec<String>,
) -> Option<Transcript> {
    read(path, decoded, sidecar, extra_warnings, true)
}

/// [`recognize`] for the text alone: the same body, paragraphs, languages
/// and title, but no date looked for, nor a speaker or place in the title
/// (unless a header or the sidecar states them). Their patterns take
/// milliseconds to compile, most of the time of reading two files for
/// `refrain compare`, which shows none of them.
pub fn recognize_text(
    path: &Path,
    decoded: Decoded,
    sidecar: Option<&SidecarRow>,
    extra_warnings: Vec<String>,
) -> Option<Transcript> {
    read(path, decoded, sidecar, extra_warnings, false)
}

/// [`recognize`], looking for the date, speaker and place when `metadata`.
fn read(
    path: &Path,
    decoded: Decoded,
    sidecar: Option<&SidecarRow>,
    extra_warnings: Vec<String>,
    metadata: bool,
) -> Option<Transcript> {
    let mut warnings = decoded.warnings;
    warnings.extend(extra_warnings);
    let text = decoded.text.as_str();
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();

    let mut fields = HeaderFields::default();
    let mut fields_source = DateSource::Header;
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut layout_title: Option<String> = None;
    let mut guessed_title: Option<String> = None;
    let mut languages: Vec<String> = Vec::new();
    let mut cues = Vec::new();
    let mut voice: Option<String> = None;
    let mut order_text = text; // where to look for a written date

    let (body, paragraphs) = if ext == "srt" || ext == "vtt" || looks_like_subtitles(text) {
        let subs = parse_subtitles(text);
        cues = subs.cues;
        voice = subs.speaker;
        warnings.extend(subs.warnings);
        (subs.body, subs.paragraphs)
    } else {
        let rest = if let Some((f, rest)) = parse_front_matter(text) {
            fields = f;
            fields_source = DateSource::FrontMatter;
            rest
        } else if let Some((f, rest)) = parse_header_lines(text) {
            fields = f;
            rest
        } else if let Some(page) = parse_ministry_page(text) {
            candidates.push(Candidate { found: page.date.clone(), source: DateSource::Header, explicit: true });
            layout_title = page.title;
            languages = page.languages;
            page.rest
        } else {
            text
        };
        order_text = rest;
        let rest = strip_site_boilerplate(rest);
        let mut paras = split_paragraphs(rest);
        if let Some(heading) = markdown_heading(paras.first().copied()) {
            layout_title = layout_title.or(Some(heading));
            paras.remove(0);
        } else if layout_title.is_none()
            && fields.title.is_none()
            && let Some(t) = plain_title(&paras)
        {
            guessed_title = Some(t);
            paras.remove(0);
        }
        assemble_body(paras)
    };
    if body.trim().is_empty() {
        return None;
    }

    if !fields.languages.is_empty() {
        languages = fields.languages.clone();
    } else if languages.is_empty()
        && let Some(row) = sidecar
    {
        languages = row.languages.clone();
    }
    let order = DayOrder::from_languages(&languages);

    if !metadata {
        candidates.clear();
    } else if let Some(raw) = &fields.date {
        match parse_date_value(raw, order) {
            Some(found) => candidates.push(Candidate { found, source: fields_source, explicit: true }),
            None => warnings.push(not_a_date(raw, source_name(fields_source))),
        }
    }
    if let Some(row) = sidecar.filter(|_| metadata) {
        let parsed = row
            .date
            .as_deref()
            .and_then(|d| parse_date_value(d, order))
            .or_else(|| row.year.as_deref().and_then(|y| parse_date_value(y, order)));
        match parsed {
            Some(found) => candidates.push(Candidate { found, source: DateSource::Sidecar, explicit: true }),
            None => {
                if let Some(raw) = row.date.as_deref().or(row.year.as_deref()) {
                    warnings.push(not_a_date(raw, "metadata table"));
                }
            }
        }
    }
    if metadata && let Some(found) = date_from_file_stem(&stem) {
        let explicit = found.precision == DatePrecision::Day;
        candidates.push(Candidate { found, source: DateSource::Filename, explicit });
    }
    // A date in the text's first lines, or in a title read from the layout
    // ("…, Moscow, November 7, 2018"), which may also decide an ambiguous 07/11.
    let title_date = || layout_title.as_deref().and_then(|t| find_day_date(t, order));
    if metadata && let Some(found) = written_date(order_text, order).or_else(title_date) {
        candidates.push(Candidate { found, source: DateSource::Text, explicit: false });
    }

    let date = choose_date(&candidates, &mut warnings);
    if date.is_none() && metadata {
        warnings.push("no date found; it sorts last and is marked undated".to_string());
    }
    let time = date
        .as_ref()
        .and_then(|(_, f)| f.time)
        .or_else(|| fields.time.as_deref().and_then(parse_time))
        .or_else(|| sidecar.and_then(|r| r.time.as_deref()).and_then(parse_time));

    let title = fields
        .title
        .clone()
        .or(layout_title)
        .or_else(|| sidecar.and_then(|r| r.title.clone()))
        .or(guessed_title)
        .unwrap_or_else(|| stem.clone());
    let speaker = fields
        .speaker
        .clone()
        .or_else(|| sidecar.and_then(|r| r.speaker.clone()))
        .or(voice)
        .or_else(|| if metadata { speaker_from_title(&title) } else { None });
    let place = fields
        .place
        .clone()
        .or_else(|| sidecar.and_then(|r| r.place.clone()))
        .or_else(|| if metadata { place_from_title(&title) } else { None });

    // Every other field: the table's, then the file's own over them.
    let mut extra = std::collections::BTreeMap::new();
    for (k, v) in sidecar.iter().flat_map(|r| &r.fields).chain(&fields.extra) {
        extra.insert(k.clone(), v.clone());
    }

    // The one segmentation of the body: the word count and the ranges the
    // indexes use.
    let word_ranges = WordRanges::of(&body);
    Some(Transcript {
        path: path.to_path_buf(),
        title,
        speaker,
        place,
        date: date.map(|(source, f)| SpeechDate { date: f.date, precision: f.precision, source }),
        time,
        languages,
        fields: extra,
        words: word_ranges.len(),
        word_ranges: Some(word_ranges),
        body,
        paragraphs,
        encoding: decoded.encoding,
        cues,
        warnings,
    })
}

fn source_name(source: DateSource) -> &'static str {
    match source {
        DateSource::FrontMatter => "front matter",
        DateSource::Header => "header",
        DateSource::Sidecar => "metadata table",
        DateSource::Filename => "file name",
        DateSource::Text => "text",
    }
}

/// The warning for a date field `raw` (in `place`, such as "header") that
/// could not be read: why, where the reason is known.
fn not_a_date(raw: &str, place: &str) -> String {
    match crate::core::text::dates::year_outside_range(raw) {
        Some((year, range)) => format!(
            "the date “{raw}” in the {place} has the year {year}, outside the years {}–{} read as speech dates",
            range.start(),
            range.end()
        ),
        None => format!("the date “{raw}” in the {place} was not understood"),
    }
}

/// Picks the date to use: explicit metadata before guesses, and within a
/// period a finer date from another source (a file named `1790-…` and a text
/// dated "January 8, 1790"). Disagreements between explicit sources and
/// ambiguous numeric dates are reported in `warnings`.
fn choose_date(candidates: &[Candidate], warnings: &mut Vec<String>) -> Option<(DateSource, FoundDate)> {
    let rank = |c: &Candidate| match (c.explicit, c.source) {
        (true, DateSource::FrontMatter | DateSource::Header) => 0,
        (true, DateSource::Sidecar) => 1,
        (true, _) => 2,
        (false, DateSource::Text) => 3,
        (false, _) => 4,
    };
    let mut chosen = candidates.iter().min_by_key(|c| rank(c))?.clone();

    // A coarse date refined by a finer one within the same period.
    if chosen.found.precision != DatePrecision::Day
        && let Some(finer) = candidates
            .iter()
            .filter(|c| c.found.precision > chosen.found.precision && within(&c.found, &chosen.found))
            .max_by_key(|c| c.found.precision)
    {
        chosen = finer.clone();
    }

    // An ambiguous 07/11/2018 decided by another source with a month name.
    if let Some(alt) = chosen.found.alternative {
        let others = || candidates.iter().filter(|c| c.source != chosen.source || c.found.range != chosen.found.range);
        if others().any(|c| c.found.date == alt) {
            chosen.found.date = alt;
        } else if !others().any(|c| c.found.date == chosen.found.date) {
            warnings.push(format!(
                "ambiguous date: read as {} (month first); it could be {} (day first). Add a language line or write the month as a word",
                chosen.found.date.format("%Y-%m-%d"),
                alt.format("%Y-%m-%d")
            ));
        }
        chosen.found.alternative = None;
    }

    for other in candidates.iter().filter(|c| c.explicit && c.source != chosen.source) {
        if other.found.precision == DatePrecision::Day
            && chosen.found.precision == DatePrecision::Day
            && other.found.date != chosen.found.date
            && other.found.alternative != Some(chosen.found.date)
        {
            warnings.push(format!(
                "the {} says {} but the {} says {}; using {}",
                source_name(chosen.source),
                chosen.found.date.format("%Y-%m-%d"),
                source_name(other.source),
                other.found.date.format("%Y-%m-%d"),
                chosen.found.date.format("%Y-%m-%d"),
            ));
        }
    }
    Some((chosen.source, chosen.found))
}

/// True when `fine` falls inside the period `coarse` stands for.
fn within(fine: &FoundDate, coarse: &FoundDate) -> bool {
    use chrono::Datelike;
    match coarse.precision {
        DatePrecision::Year => fine.date.year() == coarse.date.year(),
        DatePrecision::Month => fine.date.year() == coarse.date.year() && fine.date.month() == coarse.date.month(),
        DatePrecision::Day => fine.date == coarse.date,
    }
}

/// A date written in the first few short lines of the text.
fn written_date(text: &str, order: DayOrder) -> Option<FoundDate> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(DATE_SEARCH_LINES)
        .filter(|l| l.chars().count() <= DATE_SEARCH_LINE_CHARS)
        .find_map(|l| find_day_date(l, order))
}

fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    NaiveTime::parse_from_str(s, "%H:%M").or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S")).ok()
}

/// A Markdown `# Heading` as the first paragraph.
fn markdown_heading(first: Option<&str>) -> Option<String> {
    let first = first?;
    if first.contains('\n') {
        return None;
    }
    let heading = first.strip_prefix('#')?.trim_start_matches('#').trim();
    (!heading.is_empty()).then(|| heading.to_string())
}

/// The first paragraph of plain text when it reads like a title: one short
/// line, not ending like a sentence or a salutation, with more text after it.
fn plain_title(paras: &[&str]) -> Option<String> {
    let first = paras.first()?.trim();
    let short = !first.contains('\n') && first.chars().count() <= MAX_PLAIN_TITLE_CHARS;
    let ends_like_sentence = first.ends_with(['.', ':', ';', ',', '!', '?', '…', ']', ')', '—', '-']);
    // Salutations ("Mr. Speaker, Mr. President, …") and navigation bars are
    // not titles.
    let salutation_or_nav = first.matches(',').count() > 1 || first.contains(". ") || first.contains('|');
    let starts_capital = first.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    (paras.len() > 1 && short && !ends_like_sentence && !salutation_or_nav && starts_capital).then(|| first.to_string())
}
