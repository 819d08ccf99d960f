//! The fonts installed on the system ([`Catalog`], a `fontdb` database that
//! read only the fonts' headers), and choosing one of them for a script or a
//! character: the best-named face whose character map has what is asked,
//! read and checked by egui's own code before egui gets it ([`Fallback`]).

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use egui::epaint::text::{Fonts, TextOptions};
use egui::{FontData, FontDefinitions, FontFamily, FontId, FontInsert, FontPriority, InsertFontFamily};
use skrifa::MetadataProvider as _;

use super::scripts::{Script, ScriptSet};

/// The font faces found in some folders, by their headers only: nothing of
/// a font but its names and style is read until it is chosen.
pub struct Catalog {
    db: fontdb::Database,
}

/// A font read from the catalog and checked: egui laid out the characters
/// it was chosen for with it, without failing. Cheap to clone.
#[derive(Clone)]
pub struct Fallback {
    /// The name egui knows it by (unique per file and face).
    pub name: String,
    /// Its family name, e.g. "Noto Sans CJK SC".
    pub family: String,
    /// The file it was read from (none for fonts given as bytes).
    pub path: Option<PathBuf>,
    /// The face's index in the file (non-zero in collections).
    pub index: u32,
    /// The bytes and face index, as egui takes them.
    pub data: FontData,
}

impl Fallback {
    /// The font as egui adds it: after the fonts already in the
    /// proportional and monospace families.
    pub fn insert(&self) -> FontInsert {
        let lowest = |family| InsertFontFamily { family, priority: FontPriority::Lowest };
        FontInsert::new(
            &self.name,
            self.data.clone(),
            vec![lowest(FontFamily::Proportional), lowest(FontFamily::Monospace)],
        )
    }
}

impl std::fmt::Debug for Fallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fallback")
            .field("family", &self.family)
            .field("path", &self.path)
            .field("index", &self.index)
            .finish()
    }
}

impl Catalog {
    /// No fonts at all.
    pub fn empty() -> Catalog {
        Catalog { db: fontdb::Database::new() }
    }

    /// The fonts installed on this system (fontconfig's folders on Linux).
    /// Slow on a system with many fonts: call it off the window's thread.
    pub fn system() -> Catalog {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        Catalog { db }
    }

    /// The fonts in `dirs` and their subfolders; files that are no fonts,
    /// or broken ones, are left out.
    pub fn from_dirs(dirs: &[PathBuf]) -> Catalog {
        let mut db = fontdb::Database::new();
        for dir in dirs {
            db.load_fonts_dir(dir);
        }
        Catalog { db }
    }

    /// How many faces the catalog has.
    pub fn len(&self) -> usize {
        self.db.len()
    }

    /// True when the catalog has no face.
    pub fn is_empty(&self) -> bool {
        self.db.is_empty()
    }

    /// The best font for `script`: among the faces that have all the
    /// script's sample characters, one named for the script, upright, of
    /// regular weight and width, proportional, sans-serif, in that order of
    /// importance. A face that fails when read is passed over for the next.
    pub fn fallback_for_script(&self, script: Script) -> Option<Fallback> {
        self.first_usable(|face| script_score(face, script), script.samples())
    }

    /// A font that has `c`: chosen as for its script when it has one of
    /// [`Script`]'s, else the most regular face that has it.
    pub fn fallback_for_char(&self, c: char) -> Option<Fallback> {
        match Script::of(c) {
            Some(script) => self.first_usable(|face| script_score(face, script), &[c]),
            None => self.first_usable(style_score, &[c]),
        }
    }

    /// The faces by descending `score` (ties by family name and index, so
    /// the choice is the same on every run); the first that has all of
    /// `chars` with outlines and that egui can use.
    fn first_usable(&self, score: impl Fn(&fontdb::FaceInfo) -> i64, chars: &[char]) -> Option<Fallback> {
        let mut faces: Vec<(i64, &fontdb::FaceInfo)> = self.db.faces().map(|f| (score(f), f)).collect();
        faces.sort_by(|(sa, a), (sb, b)| {
            sb.cmp(sa).then_with(|| family_name(a).cmp(family_name(b))).then(a.index.cmp(&b.index))
        });
        faces.into_iter().filter(|(_, face)| self.covers(face, chars)).find_map(|(_, face)| self.read(face, chars))
    }

    /// True when the face maps every one of `chars` to a glyph with an
    /// outline (from the file mapped in memory: only the pages read are
    /// loaded). Unreadable or broken faces cover nothing.
    fn covers(&self, face: &fontdb::FaceInfo, chars: &[char]) -> bool {
        self.db.with_face_data(face.id, |data, index| has_outlines(data, index, chars)).unwrap_or(false)
    }

    /// The face's whole file, checked; `None` when it cannot be read or
    /// egui would not draw `chars` with it.
    fn read(&self, face: &fontdb::FaceInfo, chars: &[char]) -> Option<Fallback> {
        let (blob, path): (egui::epaint::text::Blob, Option<PathBuf>) = match &face.source {
            fontdb::Source::Binary(bytes) => (Arc::clone(bytes), None),
            fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => {
                (Arc::new(std::fs::read(path).ok()?), Some(path.clone()))
            }
        };
        let data = FontData::from_blob(blob, face.index);
        if !egui_draws(&data, chars) {
            return None;
        }
        let name = match &path {
            Some(path) => format!("system:{}#{}", path.display(), face.index),
            None => format!("system:{}#{}", face.post_script_name, face.index),
        };
        Some(Fallback { name, family: family_name(face).to_string(), path, index: face.index, data })
    }
}

/// The face's first family name (English when it has one).
fn family_name(face: &fontdb::FaceInfo) -> &str {
    face.families.first().map_or("", |(name, _)| name.as_str())
}

/// How well a face suits `script`: named for it first, then as
/// [`style_score`] says.
fn script_score(face: &fontdb::FaceInfo, script: Script) -> i64 {
    let name = family_name(face).to_lowercase();
    let hints = script.family_hints();
    let named = hints.iter().position(|h| name.contains(h)).map_or(0, |i| 10_000 - 1_000 * i as i64);
    named + style_score(face)
}

/// How well a face suits running text: upright, regular weight and width,
/// proportional, sans-serif.
fn style_score(face: &fontdb::FaceInfo) -> i64 {
    let name = family_name(face).to_lowercase();
    let mut score = 0;
    if face.style == fontdb::Style::Normal {
        score += 400;
    }
    if face.stretch == fontdb::Stretch::Normal {
        score += 200;
    }
    score -= (i64::from(face.weight.0) - 400).abs() / 5; // at most 100 off
    if !face.monospaced && !name.contains("mono") {
        score += 50;
    }
    if name.contains("sans") {
        score += 20;
    }
    score
}

/// True when the face `index` of `data` parses and maps each of `chars` to
/// a glyph that has an outline (bitmap and colour-only faces draw nothing
/// through egui).
fn has_outlines(data: &[u8], index: u32, chars: &[char]) -> bool {
    let Ok(font) = skrifa::FontRef::from_index(data, index) else { return false };
    let (charmap, outlines) = (font.charmap(), font.outline_glyphs());
    chars.iter().all(|&c| charmap.map(c).is_some_and(|glyph| outlines.get(glyph).is_some()))
}

/// True when egui takes `data` and draws each of `chars` with it: the font
/// is parsed, shaped and rasterized by egui's own code in a font set of its
/// own, so a font egui would choke on never reaches the app (egui panics on
/// a configured font it cannot parse; a panic here only rejects the font).
pub fn egui_draws(data: &FontData, chars: &[char]) -> bool {
    let Ok(font) = skrifa::FontRef::from_index(data.bytes(), data.index) else { return false };
    let charmap = font.charmap();
    if !chars.iter().all(|&c| charmap.map(c).is_some()) {
        return false;
    }
    std::panic::catch_unwind(AssertUnwindSafe(|| {
        let family = FontFamily::Name("refrain-check".into());
        let mut definitions = FontDefinitions::empty();
        definitions.font_data.insert("checked".into(), Arc::new(data.clone()));
        definitions.families.insert(family.clone(), vec!["checked".into()]);
        let mut fonts = Fonts::new(TextOptions::default(), definitions);
        let id = FontId::new(16.0, family);
        let text: String = chars.iter().collect();
        let all = fonts.has_glyphs(&id, &text);
        let galley = fonts.with_pixels_per_point(1.0).layout_no_wrap(text, id, egui::Color32::WHITE);
        all && galley.rows.iter().any(|row| !row.row.glyphs.is_empty())
    }))
    .unwrap_or(false)
}

/// The scripts egui's bundled fonts already draw (Greek and Cyrillic among
/// them): no fallback is looked for these. Worked out once, by drawing.
pub fn bundled_scripts() -> ScriptSet {
    static BUNDLED: OnceLock<ScriptSet> = OnceLock::new();
    *BUNDLED.get_or_init(|| {
        let definitions = FontDefinitions::default();
        let proportional = definitions.families.get(&FontFamily::Proportional).cloned().unwrap_or_default();
        Script::ALL
            .into_iter()
            .filter(|script| {
                let samples = script.samples();
                samples.iter().all(|&c| {
                    proportional
                        .iter()
                        .filter_map(|name| definitions.font_data.get(name))
                        .any(|font| has_outlines(font.bytes(), font.index, &[c]))
                })
            })
            .collect()
    })
}

/// The system's catalog, found once per process (the first call waits for
/// the scan; call it off the window's thread).
pub fn system_catalog() -> Arc<Catalog> {
    static SYSTEM: OnceLock<Arc<Catalog>> = OnceLock::new();
    Arc::clone(SYSTEM.get_or_init(|| Arc::new(Catalog::system())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// egui's bundled fonts as files: real fonts on any machine.
    fn bundled(name: &str) -> Vec<u8> {
        FontDefinitions::default().font_data[name].bytes().to_vec()
    }

    fn dir_with(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in files {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        dir
    }

    /// A font collection (`.ttc`) of `fonts`: each font's tables copied
    /// after the collection header, its table directory pointing at them.
    fn collection(fonts: &[Vec<u8>]) -> Vec<u8> {
        let u16_at = |b: &[u8], at: usize| u16::from_be_bytes([b[at], b[at + 1]]) as usize;
        let u32_at = |b: &[u8], at: usize| u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize;
        let header = 12 + 4 * fonts.len();
        let directories: Vec<usize> = fonts.iter().map(|f| 12 + 16 * u16_at(f, 4)).collect();
        let mut out = Vec::new();
        out.extend_from_slice(b"ttcf");
        out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
        out.extend_from_slice(&(fonts.len() as u32).to_be_bytes());
        let mut at = header;
        for size in &directories {
            out.extend_from_slice(&(at as u32).to_be_bytes());
            at += size;
        }
        let mut tables = Vec::new();
        for font in fonts {
            let mut directory = font[..12].to_vec();
            for t in 0..u16_at(font, 4) {
                let record = 12 + 16 * t;
                let (offset, length) = (u32_at(font, record + 8), u32_at(font, record + 12));
                directory.extend_from_slice(&font[record..record + 8]);
                directory.extend_from_slice(&((at + tables.len()) as u32).to_be_bytes());
                directory.extend_from_slice(&(length as u32).to_be_bytes());
                tables.extend_from_slice(&font[offset..offset + length]);
                while tables.len() % 4 != 0 {
                    tables.push(0);
                }
            }
            out.extend_from_slice(&directory);
        }
        assert_eq!(out.len(), at, "the directories end where the tables start");
        out.extend_from_slice(&tables);
        out
    }

    #[test]
    fn bundled_fonts_draw_greek_and_cyrillic_but_not_cjk_arabic_or_hebrew() {
        let bundled = bundled_scripts();
        assert!(bundled.contains(Script::Greek) && bundled.contains(Script::Cyrillic), "{:?}", bundled.names());
        for script in [Script::Han, Script::Kana, Script::Hangul, Script::Arabic, Script::Hebrew, Script::Devanagari] {
            assert!(!bundled.contains(script), "{}", script.name());
        }
    }

    #[test]
    fn an_empty_folder_has_no_fonts_and_no_fallback() {
        let dir = dir_with(&[]);
        let catalog = Catalog::from_dirs(&[dir.path().to_path_buf(), dir.path().join("does-not-exist")]);
        assert!(catalog.is_empty());
        for script in Script::ALL {
            assert!(catalog.fallback_for_script(script).is_none());
        }
        assert!(catalog.fallback_for_char('中').is_none());
    }

    #[test]
    fn broken_truncated_and_empty_files_are_passed_over() {
        let ubuntu = bundled("Ubuntu-Light");
        let dir = dir_with(&[
            ("garbage.ttf", b"this is not a font at all, just some text".repeat(50)),
            ("empty.otf", Vec::new()),
            ("truncated.ttf", ubuntu[..ubuntu.len() / 3].to_vec()),
            ("fake.ttc", b"ttcf\0\x01\0\0\0\0\0\x09\xff\xff\xff\xff".to_vec()),
        ]);
        let catalog = Catalog::from_dirs(&[dir.path().to_path_buf()]);
        // Only the truncated file's header reads; its glyphs are gone.
        assert!(catalog.len() <= 1, "{}", catalog.len());
        for script in Script::ALL {
            assert!(catalog.fallback_for_script(script).is_none(), "{}", script.name());
        }
        assert!(catalog.fallback_for_char('α').is_none());
    }

    #[test]
    fn a_good_font_beside_broken_ones_is_chosen_for_its_scripts() {
        let dir = dir_with(&[
            ("broken.ttf", vec![0; 4096]),
            ("Ubuntu-Light.ttf", bundled("Ubuntu-Light")),
            ("Hack-Regular.ttf", bundled("Hack")),
        ]);
        let catalog = Catalog::from_dirs(&[dir.path().to_path_buf()]);
        assert_eq!(catalog.len(), 2);
        // Both have Greek; the proportional one is preferred to the monospace one.
        let greek = catalog.fallback_for_script(Script::Greek).unwrap();
        assert_eq!(greek.family, "Ubuntu");
        assert_eq!(greek.path.as_deref(), Some(dir.path().join("Ubuntu-Light.ttf").as_path()));
        assert!(greek.name.starts_with("system:"));
        assert!(egui_draws(&greek.data, Script::Greek.samples()));
        assert!(catalog.fallback_for_script(Script::Han).is_none());
        assert!(catalog.fallback_for_script(Script::Arabic).is_none());
    }

    #[test]
    fn a_face_inside_a_collection_is_found_with_its_index() {
        // Hack first, Ubuntu second: only Ubuntu has the schwa.
        let ttc = collection(&[bundled("Hack"), bundled("Ubuntu-Light")]);
        let dir = dir_with(&[("pair.ttc", ttc)]);
        let catalog = Catalog::from_dirs(&[dir.path().to_path_buf()]);
        assert_eq!(catalog.len(), 2);
        let schwa = catalog.fallback_for_char('Ə').unwrap();
        assert_eq!((schwa.family.as_str(), schwa.index), ("Ubuntu", 1));
        assert_eq!(schwa.data.index, 1);
        assert!(egui_draws(&schwa.data, &['Ə']));
        let hack = catalog.fallback_for_char('\u{2592}').unwrap(); // a shade block only Hack draws
        assert_eq!((hack.family.as_str(), hack.index), ("Hack", 0));
    }

    #[test]
    fn egui_is_not_given_bytes_it_cannot_use() {
        assert!(!egui_draws(&FontData::from_owned(Vec::new()), &['a']));
        assert!(!egui_draws(&FontData::from_owned(b"OTTO and then nothing".to_vec()), &['a']));
        let ubuntu = bundled("Ubuntu-Light");
        assert!(!egui_draws(&FontData::from_owned(ubuntu[..2000].to_vec()), &['a']));
        // A face index past the file's faces.
        assert!(!egui_draws(&FontData::from_blob(Arc::new(ubuntu.clone()), 3), &['a']));
        assert!(egui_draws(&FontData::from_owned(ubuntu), &['a', 'α', 'Ж']));
    }

    /// The system's Noto fonts, when installed (`fonts-noto-cjk`,
    /// `fonts-noto-core`): the CJK collection and the Arabic and Hebrew fonts.
    #[test]
    fn system_noto_fonts_are_chosen_for_cjk_arabic_and_hebrew() {
        let cjk = Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
        let core = Path::new("/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf");
        if !cjk.exists() || !core.exists() {
            eprintln!("skipped: fonts-noto-cjk or fonts-noto-core not installed");
            return;
        }
        let catalog = system_catalog();
        let han = catalog.fallback_for_script(Script::Han).unwrap();
        assert_eq!(han.family, "Noto Sans CJK SC");
        assert_eq!(han.path.as_deref(), Some(cjk));
        assert!(han.index > 0, "SC is not the collection's first face");
        let kana = catalog.fallback_for_script(Script::Kana).unwrap();
        assert_eq!(kana.family, "Noto Sans CJK JP");
        assert!(catalog.fallback_for_script(Script::Arabic).unwrap().family.starts_with("Noto Sans Arabic"));
        assert!(catalog.fallback_for_script(Script::Hebrew).unwrap().family.starts_with("Noto Sans Hebrew"));
        assert!(catalog.fallback_for_script(Script::Georgian).unwrap().family.starts_with("Noto Sans Georgian"));
        assert!(catalog.fallback_for_char('한').unwrap().family.starts_with("Noto Sans CJK"));
    }
}
