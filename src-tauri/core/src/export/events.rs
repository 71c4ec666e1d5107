//! The event CSV: one row per dose and per checklist entry (issue 26), for a spreadsheet.
//!
//! **The file.** RFC 4180 (written by the `csv` crate): comma-separated, CRLF line ends, a field
//! quoted when it holds a comma, a quote (doubled inside) or a line break, so notes with commas,
//! quotes, new lines and any script survive as typed. The first line is the header ([`HEADER`]).
//! Dates are ISO 8601 (`2026-11-02`), instants RFC 3339 with their UTC offset
//! (`2026-11-02T08:05:00+01:00`), scheduled times local `HH:MM`.
//!
//! **The range.** Every row starts with `range_first` and `range_last`, the days the export
//! covers (the range's label, "This course: …", is in the file name's dates too): the header
//! stays the first line and the file stays one table a spreadsheet opens as is.
//!
//! **Rows**, by day, each day's dose rows first, then its entries in the order recorded:
//!
//! - `kind` **dose**: one row per planned dose per day, as the checklist folds the day. `status`
//!   is `taken`, `skipped`, `missed`, `paused` (a skip day or a safety pause), `before the course`
//!   (its window had closed before the plan was saved) or `open` (today's dose, not decided
//!   yet). `recorded_at` is when it was taken (or the skip was recorded); `mg` the dose's
//!   elemental magnesium as planned; `form` and `product` those of the protocol version
//!   governing the day; `entry` the log entry the status stands on, `device` the device that
//!   recorded it. **Only these rows carry a status: count doses from them.**
//! - every other row is one log entry, exactly as written (`status` empty): `dose entry` (taken,
//!   skipped, undone, snoozed), `item` (ticked, unticked, counted with `value` +1 or -1), `note`
//!   (note, note cleared), `day` (skipped, unskipped), `food` (logged, removed), `check-in`
//!   (rated, urgent signs), `safety` (paused, resumed), `practice` (breathing, movement) and
//!   `supply` (counted, refilled). `recorded_at` is when the entry was written.
//!
//! **Corrections are rows of their own**, never applied silently: an undo, an untick, a removal,
//! a cleared or replaced note, a skip taken back or a clearance after a pause is its own row,
//! and its `corrects` names the `entry` it takes back. The dose rows show the outcome once, so
//! a dose taken and then undone counts as not taken, and its two entries are listed beside it.
//! Entries this version cannot read are left out.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{ExportData, ExportDay};
use crate::checklist::{DoseStatus, DoseView};
use crate::log::dose_key;

mod entries;
mod row;

use row::{amount, form_and_product, Row};
#[cfg(test)]
mod tests;

/// The header row.
pub const HEADER: [&str; 19] = [
    "range_first",
    "range_last",
    "date",
    "course_day",
    "kind",
    "item",
    "action",
    "status",
    "scheduled",
    "due_at",
    "recorded_at",
    "value",
    "mg",
    "form",
    "product",
    "note",
    "device",
    "entry",
    "corrects",
];

/// A dose's status as the CSV words it.
pub fn status_word(s: DoseStatus) -> &'static str {
    match s {
        DoseStatus::Taken => "taken",
        DoseStatus::Skipped => "skipped",
        DoseStatus::Missed => "missed",
        DoseStatus::Paused => "paused",
        DoseStatus::BeforeStart => "before the course",
        DoseStatus::Upcoming | DoseStatus::Due => "open",
    }
}

/// The event CSV of `d` (RFC 4180, a header row, ISO 8601 times).
pub fn csv(d: &ExportData) -> String {
    let (entry_rows, standing) = entries::rows(d);
    let mut rows: Vec<(NaiveDate, u8, Row)> = Vec::new();
    for day in &d.days {
        for dose in &day.list.doses {
            rows.push((day.day, 0, dose_row(d, day, dose, &standing)));
        }
    }
    rows.extend(entry_rows.into_iter().map(|(day, row)| (day, 1, row)));
    // Stable: each day's entries keep the order they were recorded in.
    rows.sort_by_key(|(day, order, _)| (*day, *order));
    write(d, rows.iter().map(|(_, _, r)| r)).unwrap_or_default()
}

fn write<'r>(d: &ExportData, rows: impl Iterator<Item = &'r Row>) -> Option<String> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(HEADER).ok()?;
    let (first, last) = (d.span.first.to_string(), d.span.last.to_string());
    for row in rows {
        let mut fields = vec![first.as_str(), last.as_str()];
        fields.extend(row.fields());
        w.write_record(fields).ok()?;
    }
    String::from_utf8(w.into_inner().ok()?).ok()
}

fn dose_row(
    d: &ExportData,
    day: &ExportDay,
    dose: &DoseView,
    standing: &BTreeMap<String, entries::Standing>,
) -> Row {
    let key = dose_key(dose.slot);
    let decided = matches!(dose.status, DoseStatus::Taken | DoseStatus::Skipped);
    let stands = standing
        .get(&entries::day_key(day.day, &key))
        .filter(|_| decided);
    let recorded_at = match (&dose.taken_at, stands) {
        (Some(t), _) => t.clone(),
        (None, Some(s)) => s.at.clone(),
        (None, None) => String::new(),
    };
    let (form, product) = form_and_product(d, day.version);
    Row {
        date: day.day.to_string(),
        course_day: day.course_day.map(|n| n.to_string()).unwrap_or_default(),
        kind: "dose".into(),
        item: format!("Dose {}", dose.slot),
        status: status_word(dose.status).into(),
        scheduled: dose.time.clone(),
        due_at: dose.due_at.clone(),
        recorded_at,
        mg: amount(dose.mg),
        form,
        product,
        note: dose.note.clone().unwrap_or_default(),
        device: stands
            .and_then(|s| d.devices.get(&s.gid))
            .cloned()
            .unwrap_or_default(),
        entry: stands.map(|s| s.gid.clone()).unwrap_or_default(),
        ..Row::default()
    }
}
