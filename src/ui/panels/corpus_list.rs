//! The left panel: opened transcripts in date order, with a filter box, a
//! filter by a metadata field's value and the list grouped by a field
//! (speaker, party, …); the rows are walked with the keyboard too.

use crate::ui::bidi::isolate;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::palette;
use crate::core::text::fields::{FieldFilter, FieldValues, FieldView, ListRow, grouped_rows};
use crate::core::text::transcript::Transcript;
use crate::ui::app::{Command, MAX_COLUMNS};

/// What the list remembers between frames for the keyboard (temporary egui data).
#[derive(Debug, Clone, Default)]
struct ListKeys {
    /// The row (corpus index) to give the focus when it is next drawn: the
    /// arrow keys moved there.
    pending: Option<usize>,
    /// The rows (positions among all rows, headers included) drawn last frame.
    drawn: std::ops::Range<usize>,
    /// The height of the list's view last frame.
    view_height: f32,
}

/// What the list shows: the transcripts, their order and which are columns.
pub struct ListInput<'a> {
    /// The opened transcripts.
    pub corpus: &'a [Arc<Transcript>],
    /// Corpus indices in display order (date order).
    pub order: &'a [usize],
    /// Corpus indices shown as columns.
    pub columns: &'a [usize],
    /// The corpus version (changes whenever the corpus does).
    pub version: u64,
    /// The workspace's sources that were not found (listed greyed, above
    /// the transcripts, to be located or removed).
    pub missing: &'a [PathBuf],
}

/// What a missing source's row in the list asks.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceCommand {
    /// Ask where it is now (a folder or file dialog), then open it there.
    Locate(PathBuf),
    /// Drop it and its columns from the workspace for good.
    Remove(PathBuf),
}

/// The list's rows as last worked out, and what for.
#[derive(Clone, Default)]
struct Rows {
    /// A hash of what they were made from.
    key: u64,
    /// Every row: group headers and transcripts.
    rows: Arc<[ListRow]>,
    /// The transcripts listed (not in a collapsed group), in display order.
    shown: Arc<[usize]>,
    /// Each listed transcript's row.
    row_of: Arc<[usize]>,
    /// Transcripts passing the filters, collapsed groups included.
    matching: usize,
}

/// Draws the list and pushes what the user did: showing or hiding columns
/// (Shift-click: a range of the list), removing a transcript, showing its
/// metadata; "Reveal in file manager" is done at once. Above it, the
/// filter box, a filter by a metadata field's value and the field the list
/// is grouped by (a header per value, with its count, a click collapsing
/// it). Only the rows in view are laid out, so thousands of transcripts
/// stay fast.
///
/// Each transcript row is a focusable control: Tab reaches it, Up/Down,
/// Home/End and Page Up/Down move the focus along the transcripts listed
/// (scrolling it), Enter or Space shows or hides the focused transcript as
/// a column; on a group header they collapse or open it.
pub fn corpus_list_ui(
    ui: &mut egui::Ui,
    input: &ListInput,
    filter: &mut String,
    fields: &mut FieldView,
    anchor: &mut Option<usize>,
    commands: &mut Vec<Command>,
) {
    let ListInput { corpus, columns, .. } = *input;
    // Above the filter box: Tab goes from the box straight to the list.
    fields_row_ui(ui, input, fields);
    let filter_row = ui.horizontal(|ui| {
        let l = ui.label("Filter:");
        ui.add(egui::TextEdit::singleline(filter).hint_text("title, speaker, date").desired_width(f32::INFINITY))
            .labelled_by(l.id);
    });
    // Windows never open over the filter box.
    super::windows::keep_clear_above(ui.ctx(), "filter", filter_row.response.rect.bottom());
    ui.separator();
    let rows = list_rows(ui.ctx(), input, filter, fields);
    let shown = &rows.shown;
    let what = if fields.filter.is_some() || !filter.is_empty() { "transcripts match" } else { "transcripts" };
    ui.label(format!("{} of {} {what}", rows.matching, corpus.len()));
    missing_rows_ui(ui, input.missing, commands);
    let body_height = ui.text_style_height(&egui::TextStyle::Body);
    let small_height = ui.text_style_height(&egui::TextStyle::Small);
    let row_height = body_height + small_height + ui.spacing().item_spacing.y * 2.0 + 2.0;
    let keys_id = ui.scope_id().with("corpus list keys");
    let mut keys = ui.data(|d| d.get_temp::<ListKeys>(keys_id)).unwrap_or_default();
    let mut scroll = egui::ScrollArea::vertical().auto_shrink([false, false]);
    // The arrow keys went to a row not laid out: scroll it into view first.
    if let Some(p) = keys.pending.and_then(|i| shown.iter().position(|&x| x == i)).map(|p| rows.row_of[p])
        && !keys.drawn.contains(&p)
    {
        let step = row_height + ui.spacing().item_spacing.y;
        let offset = if p < keys.drawn.start { p as f32 * step } else { (p + 1) as f32 * step - keys.view_height };
        scroll = scroll.vertical_scroll_offset(offset.max(0.0));
    }
    let colors = fields.color_by.as_deref().map(|f| palette::field_values(ui.ctx(), corpus, input.version, f));
    let mut moved = false;
    let mut toggle_group: Option<Option<String>> = None;
    let output = scroll.show_rows(ui, row_height, rows.rows.len(), |ui, drawn| {
        keys.drawn = drawn.clone();
        for r in drawn {
            let i = match &rows.rows[r] {
                ListRow::Speech(i) => *i,
                ListRow::Header { value, count, collapsed } => {
                    if header_ui(ui, keys_id, row_height, value.as_deref(), *count, *collapsed, fields, colors.as_deref())
                    {
                        toggle_group = Some(value.clone());
                    }
                    continue;
                }
            };
            // Its position among the transcripts listed.
            let pos = rows.row_of.partition_point(|&x| x < r);
            let t = &corpus[i];
            let date = t.date.map(|d| d.display()).unwrap_or_else(|| "undated".to_string());
            // Each row's id comes from its transcript, so the focus stays on
            // it when the list scrolls or is filtered.
            let row_ui = egui::UiBuilder::new().scope_id(keys_id.with(("row", t.path.as_path())));
            ui.scope_builder(row_ui, |ui| {
                ui.set_height(row_height - ui.spacing().item_spacing.y);
                let is_column = columns.contains(&i);
                let width = ui.available_width() - 2.0 * ui.spacing().button_padding.x;
                let text = crate::ui::bidi::fit(ui, format!("{date}  {}", isolate(&t.title)), egui::TextStyle::Button, width);
                let text = crate::ui::bidi::button(ui, text);
                let label = egui::Button::selectable(is_column, text).truncate();
                let response = ui.add(label).on_hover_text(crate::ui::bidi::label(
                    ui,
                    format!(
                        "{}\n{}\nClick (or Enter): show or hide as a column; Shift-click: show a range; right-click: more",
                        isolate(&t.title),
                        t.path.display()
                    ),
                ));
                if keys.pending == Some(i) {
                    response.request_focus();
                    response.scroll_to_me(None);
                    keys.pending = None;
                    moved = true;
                } else if !moved
                    && response.has_focus()
                    && let Some(p) = moved_to(ui, &response, pos, shown.len(), keys.view_height / row_height)
                {
                    // A key moves the focus once a frame, even when the row
                    // it moves to is drawn later in this frame.
                    keys.pending = Some(shown[p]);
                    moved = true;
                }
                let details = format!(
                    "{} · {} words{}",
                    isolate(t.speaker.as_deref().unwrap_or("unknown speaker")),
                    t.words,
                    if t.date.is_none() { " · undated" } else { "" }
                );
                let details = ui.label(crate::ui::bidi::label(ui, egui::RichText::new(details).small().weak()));
                if let Some(values) = &colors {
                    // The colour of its value, as on the timeline and its column.
                    let k = values.index_of_transcript(t);
                    let dot = egui::pos2(details.rect.right() + 6.0, details.rect.center().y);
                    ui.painter().circle_filled(dot, 3.5, palette::value_color(k, ui.visuals().dark_mode));
                }
                if response.clicked() {
                    let shift = ui.input(|input| input.modifiers.shift);
                    // Shift: everything between the last click and this one, in list order.
                    let range = match (*anchor, shift) {
                        (Some(a), true) => shown
                            .iter()
                            .position(|&x| x == a)
                            .zip(shown.iter().position(|&x| x == i))
                            .map(|(p, q)| &shown[p.min(q)..=p.max(q)]),
                        _ => None,
                    };
                    match range {
                        Some(range) => commands.extend(
                            range
                                .iter()
                                .copied()
                                .filter(|c| !columns.contains(c))
                                .take(MAX_COLUMNS)
                                .map(Command::ToggleColumn),
                        ),
                        None => commands.push(Command::ToggleColumn(i)),
                    }
                    *anchor = Some(i);
                }
                response.context_menu(|ui| {
                    if ui.button("Show metadata").clicked() {
                        commands.push(Command::ShowMetadata(i));
                    }
                    if ui.button("Reveal in file manager").clicked()
                        && let Some(dir) = t.path.parent()
                    {
                        ui.ctx().open_url(egui::OpenUrl::new_tab(format!("file://{}", dir.display())));
                    }
                    if ui.button("Remove from workspace").clicked() {
                        commands.push(Command::Remove(i));
                    }
                });
            });
        }
    });
    if let Some(value) = toggle_group {
        // The transcripts without a value are collapsed as "".
        let value = value.unwrap_or_default();
        match fields.collapsed.iter().position(|c| *c == value) {
            Some(k) => {
                fields.collapsed.remove(k);
            }
            None => fields.collapsed.push(value),
        }
    }
    keys.view_height = output.inner_rect.height();
    ui.data_mut(|d| d.insert_temp(keys_id, keys));
}

/// A row per source not found (a drive not mounted, a folder moved),
/// greyed, with its name (its path on hover), "Locate…" and "Remove".
/// They are kept in the workspace until one of those is clicked; a long
/// list scrolls in a box of its own, the transcripts staying in view.
fn missing_rows_ui(ui: &mut egui::Ui, missing: &[PathBuf], commands: &mut Vec<Command>) {
    if missing.is_empty() {
        return;
    }
    let weak = ui.visuals().weak_text_color();
    ui.label(egui::RichText::new(format!("{} not found:", plural(missing.len(), "source"))).small().color(weak));
    let area = egui::ScrollArea::vertical().id_salt("missing sources").max_height(140.0).auto_shrink([false, true]);
    area.show(ui, |ui| {
        for path in missing {
            // A row as high as a button, laid out from the right inside it
            // (alone, a right-to-left layout centres on the panel's height).
            ui.push_id(path, |ui| ui.horizontal(|ui| missing_row_ui(ui, path, commands)));
        }
    });
    ui.separator();
}

/// One missing source's row: from the right, "Remove", "Locate…" and its
/// name, greyed, in the room they leave (its path on hover).
fn missing_row_ui(ui: &mut egui::Ui, path: &Path, commands: &mut Vec<Command>) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let remove = ui.small_button("Remove").on_hover_text("Drop it and its columns from the workspace");
        if remove.clicked() {
            commands.push(Command::Source(SourceCommand::Remove(path.to_path_buf())));
        }
        let locate = ui.small_button("Locate…").on_hover_text("Pick where it is now; it opens from there");
        if locate.clicked() {
            commands.push(Command::Source(SourceCommand::Locate(path.to_path_buf())));
        }
        let name = path.file_name().unwrap_or(path.as_os_str()).to_string_lossy();
        let weak = ui.visuals().weak_text_color();
        let text = egui::RichText::new(format!("missing: {}", isolate(&name))).italics().color(weak);
        let hover = format!(
            "{}\nNot found (a drive not mounted? moved?). Kept in the workspace with its columns, which come \
             back when it does.",
            path.display()
        );
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            ui.add(egui::Label::new(crate::ui::bidi::label(ui, text)).truncate()).on_hover_text(hover);
        });
    });
}

/// "1 source", "3 sources".
fn plural(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// A group's header: its value and count, a click (or Enter) collapsing
/// or opening it; a swatch of its colour when the list is coloured by the
/// field it is grouped by. Returns whether it was clicked.
#[allow(clippy::too_many_arguments)]
fn header_ui(
    ui: &mut egui::Ui,
    keys_id: egui::Id,
    row_height: f32,
    value: Option<&str>,
    count: usize,
    collapsed: bool,
    fields: &FieldView,
    colors: Option<&FieldValues>,
) -> bool {
    let field = fields.group_by.as_deref().unwrap_or("");
    let name = match value {
        Some(v) => isolate(v),
        None => format!("no {field}"),
    };
    let row_ui = egui::UiBuilder::new().scope_id(keys_id.with(("group", value)));
    ui.scope_builder(row_ui, |ui| {
        ui.set_height(row_height - ui.spacing().item_spacing.y);
        // Room on the left for the open/closed triangle, painted: the
        // bundled fonts have no ▸ ▾ (a machine without other fonts would
        // show a box).
        let text = egui::RichText::new(format!("     {name} ({count})")).strong();
        let button = egui::Button::new(crate::ui::bidi::button(ui, text)).frame(false).truncate();
        let response = ui
            .add_sized([ui.available_width(), row_height - ui.spacing().item_spacing.y - 4.0], button)
            .on_hover_text(format!(
                "{count} transcripts with {field} “{name}”. Click (or Enter) to {} them.",
                if collapsed { "show" } else { "hide" }
            ));
        let c = egui::pos2(response.rect.left() + 9.0, response.rect.center().y);
        let points = if collapsed {
            vec![c + egui::vec2(-3.0, -4.5), c + egui::vec2(3.5, 0.0), c + egui::vec2(-3.0, 4.5)]
        } else {
            vec![c + egui::vec2(-4.5, -3.0), c + egui::vec2(4.5, -3.0), c + egui::vec2(0.0, 3.5)]
        };
        let color = ui.visuals().strong_text_color();
        ui.painter().add(egui::Shape::convex_polygon(points, color, egui::Stroke::NONE));
        if fields.color_by.as_deref() == Some(field)
            && let Some(values) = colors
        {
            let k = value.and_then(|v| values.index_of(v));
            let bar = egui::Rect::from_min_size(
                response.rect.left_bottom() + egui::vec2(0.0, -2.0),
                egui::vec2(response.rect.width(), 2.0),
            );
            ui.painter().rect_filled(bar, 0.0, palette::value_color(k, ui.visuals().dark_mode));
        }
        response.clicked()
    })
    .inner
}

/// The row under the filter box: a filter by a field's value (a menu of
/// fields, each with its values and counts) and the field the list is
/// grouped by.
fn fields_row_ui(ui: &mut egui::Ui, input: &ListInput, fields: &mut FieldView) {
    let names = palette::field_names(ui.ctx(), input.corpus, input.version);
    if names.is_empty() && fields.filter.is_none() && fields.group_by.is_none() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        let shown = match &fields.filter {
            Some(f) => format!("{} = {}", f.field, crate::core::text::shorten(&f.value, 24)),
            None => "all".to_string(),
        };
        let l = ui.label(egui::RichText::new("Only:").small());
        let menu = ui
            .menu_button(shown, |ui| {
                if ui.selectable_label(fields.filter.is_none(), "all transcripts").clicked() {
                    fields.filter = None;
                    ui.close();
                }
                for name in names.iter() {
                    ui.menu_button(name, |ui| {
                        let values = palette::field_values(ui.ctx(), input.corpus, input.version, name);
                        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                            for v in &values.values {
                                let on = fields.filter.as_ref().is_some_and(|f| f.field == *name && f.value == v.value);
                                let label = format!("{} ({})", isolate(&v.value), v.count);
                                if ui.selectable_label(on, crate::ui::bidi::label(ui, label)).clicked() {
                                    fields.filter = Some(FieldFilter { field: name.clone(), value: v.value.clone() });
                                    ui.close();
                                }
                            }
                        });
                    });
                }
            })
            .response
            .labelled_by(l.id);
        menu.on_hover_text(
            "List only the transcripts with one value of a metadata field (a speaker, a party, a year, or any \
             column of a metadata.csv): pick the field, then the value. The timeline's speeches follow.",
        );
        if fields.filter.is_some() && ui.small_button("×").on_hover_text("Show all transcripts").clicked() {
            fields.filter = None;
        }
        let before = fields.group_by.is_some();
        palette::field_combo(ui, "group-by", "Group:", "—", &names, &mut fields.group_by).on_hover_text(
            "Group the list by a field (speaker, party, …): a header per value with its count, in order of first \
             date; click a header to collapse it.",
        );
        if before != fields.group_by.is_some() {
            fields.collapsed.clear();
        }
    });
}

/// The list's rows for the filters and grouping, worked out again only
/// when the corpus, its order, the filter text or the field settings changed.
fn list_rows(ctx: &egui::Context, input: &ListInput, filter: &str, fields: &FieldView) -> Rows {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (input.version, input.order.as_ptr() as usize, input.order.len(), filter).hash(&mut h);
    (&fields.filter, &fields.group_by, &fields.collapsed).hash(&mut h);
    let key = h.finish();
    let id = egui::Id::unique("corpus list rows");
    if let Some(rows) = ctx.data(|d| d.get_temp::<Rows>(id)).filter(|r| r.key == key) {
        return rows;
    }
    let corpus = input.corpus;
    let needle = filter.to_lowercase();
    let matching: Vec<usize> = input
        .order
        .iter()
        .copied()
        .filter(|&i| i < corpus.len())
        .filter(|&i| fields.filter.as_ref().is_none_or(|f| f.matches(&corpus[i])))
        .filter(|&i| needle.is_empty() || matches_filter(&corpus[i], &needle))
        .collect();
    let rows: Vec<ListRow> = match &fields.group_by {
        Some(field) => grouped_rows(corpus, &matching, field, &fields.collapsed),
        None => matching.iter().map(|&i| ListRow::Speech(i)).collect(),
    };
    let (row_of, shown): (Vec<usize>, Vec<usize>) = rows
        .iter()
        .enumerate()
        .filter_map(|(r, row)| match row {
            ListRow::Speech(i) => Some((r, *i)),
            ListRow::Header { .. } => None,
        })
        .unzip();
    let rows = Rows { key, rows: rows.into(), shown: shown.into(), row_of: row_of.into(), matching: matching.len() };
    ctx.data_mut(|d| d.insert_temp(id, rows.clone()));
    rows
}

/// Where the keys pressed move the focus from the row at `pos` (of `len`
/// rows, `page` of them in view): Up/Down, Home/End, Page Up/Down. The
/// focused row keeps the vertical arrows (egui would otherwise move the
/// focus to whatever is above or below on the screen).
fn moved_to(ui: &egui::Ui, row: &egui::Response, pos: usize, len: usize, page: f32) -> Option<usize> {
    let filter = egui::EventFilter { vertical_arrows: true, ..Default::default() };
    ui.memory_mut(|m| m.set_focus_lock_filter(row.id, filter));
    let page = (page.floor() as usize).saturating_sub(1).max(1);
    let last = len.checked_sub(1)?;
    let to = ui.input(|i| {
        let plain = i.modifiers.is_none();
        if plain && i.key_pressed(egui::Key::ArrowDown) {
            Some((pos + 1).min(last))
        } else if plain && i.key_pressed(egui::Key::ArrowUp) {
            Some(pos.saturating_sub(1))
        } else if i.key_pressed(egui::Key::Home) {
            Some(0)
        } else if i.key_pressed(egui::Key::End) {
            Some(last)
        } else if i.key_pressed(egui::Key::PageDown) {
            Some((pos + page).min(last))
        } else if i.key_pressed(egui::Key::PageUp) {
            Some(pos.saturating_sub(page))
        } else {
            None
        }
    });
    to.filter(|&p| p != pos)
}

fn matches_filter(t: &Transcript, needle: &str) -> bool {
    t.title.to_lowercase().contains(needle)
        || t.speaker.as_deref().is_some_and(|s| s.to_lowercase().contains(needle))
        || t.date.is_some_and(|d| d.display().contains(needle))
        || t.path.to_string_lossy().to_lowercase().contains(needle)
}
