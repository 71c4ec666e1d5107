//! The course report a user can print or give a clinician: a self-contained HTML document (no
//! remote content, print styles included) and a CSV with one row per day.
//!
//! The document opens with Safety (issue 22): the safety answers with every medicine and each
//! of its intake times, the limit and the plan's share of it, then whether the plan is paused
//! now and every safety pause (since when, the signs, until when); the protocol follows.
//!
//! - `safety`: the Safety section and the safety pauses.
//! - `page`: the rest of the HTML document.
//! - `rows`: the CSV.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::log::{Entry, NoteOn, Record};
use crate::protocol::ProtocolSpec;

mod data;
mod page;
mod rows;
mod safety;
#[cfg(test)]
mod tests;

pub use data::{title, ReportData, ReportKind, ReportNote};
pub use page::html;
pub use rows::csv;

/// A report the Progress screen offers.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReportOffer {
    pub kind: ReportKind,
    pub label: String,
    /// True once its weeks are over (the "so far" report is always ready).
    pub ready: bool,
    /// The day its weeks are over, while it is not ready yet.
    pub ready_on: Option<NaiveDate>,
}

/// The reports a course of `length_days` from `first` offers on `today`: week 4 and week 8 when
/// the course is that long, and always the course so far.
pub fn offers(length_days: u32, first: NaiveDate, today: NaiveDate) -> Vec<ReportOffer> {
    let mut out = vec![];
    for (kind, label, weeks) in [
        (ReportKind::Week4, "Week 4 report", 4u32),
        (ReportKind::Week8, "Week 8 report", 8u32),
    ] {
        if length_days >= weeks * 7 {
            let last = first + Duration::days(i64::from(weeks * 7 - 1));
            out.push(ReportOffer {
                kind,
                label: label.into(),
                ready: today >= last,
                ready_on: Some(last).filter(|_| today < last),
            });
        }
    }
    out.push(ReportOffer {
        kind: ReportKind::Now,
        label: "Report so far".into(),
        ready: true,
        ready_on: None,
    });
    out
}

/// A report, rendered.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RenderedReport {
    pub kind: ReportKind,
    pub title: String,
    /// A suggested file name, without extension.
    pub file_stem: String,
    /// A self-contained, printable HTML document.
    pub html: String,
    /// One row per day.
    pub csv: String,
}

/// Which file a report is saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// The printable document.
    Html,
    /// One row per day, for a spreadsheet.
    Csv,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Csv => "csv",
        }
    }
}

/// Input for `export_report`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportInput {
    pub kind: ReportKind,
    pub format: ReportFormat,
    /// Any range instead of `kind`'s weeks (null: `kind`'s).
    #[serde(default)]
    pub range: Option<crate::export::ExportRange>,
}

/// Where a report went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportResult {
    /// The file written; `None` when the user cancelled.
    pub path: Option<String>,
}

/// The last note of each (day, item) in the course's entries; an empty one clears it. `labels`
/// names items by key ("dose:1" → "Dose 1 (08:00)").
pub fn notes_of(records: &[Record], labels: &BTreeMap<String, String>) -> Vec<ReportNote> {
    let mut last: BTreeMap<(NaiveDate, String), String> = BTreeMap::new();
    for r in records {
        if let Entry::Note { on, text } = &r.entry {
            last.insert((r.day, on.key()), text.trim().to_string());
        }
    }
    last.into_iter()
        .filter(|(_, t)| !t.is_empty())
        .map(|((day, item), text)| ReportNote {
            day,
            what: labels
                .get(&item)
                .cloned()
                .unwrap_or_else(|| match NoteOn::parse(&item) {
                    NoteOn::Day => "Day".into(),
                    NoteOn::CheckIn => "Check-in".into(),
                    _ => item.clone(),
                }),
            text,
        })
        .collect()
}

/// The names of a course's items and doses across its versions, by stored key.
pub fn labels<'a>(specs: impl IntoIterator<Item = &'a ProtocolSpec>) -> BTreeMap<String, String> {
    let mut labels = BTreeMap::new();
    for spec in specs {
        for i in &spec.items {
            labels.insert(i.key.clone(), i.label.clone());
        }
        for d in spec.doses_on(spec.start_date) {
            labels.insert(
                format!("dose:{}", d.slot),
                format!("Dose {} ({})", d.slot, d.time),
            );
        }
    }
    labels
}

/// Render one format of a report.
pub fn render(d: &ReportData, format: ReportFormat) -> String {
    match format {
        ReportFormat::Html => html(d),
        ReportFormat::Csv => csv(d),
    }
}

/// "magday-report-week-4-2026-12-18".
pub fn file_stem(d: &ReportData) -> String {
    if d.range_label.is_some() {
        return format!("magday-report-{}-{}", d.first, d.last);
    }
    let kind = match d.kind {
        ReportKind::Week4 => "week-4",
        ReportKind::Week8 => "week-8",
        ReportKind::Now => "so-far",
    };
    format!("magday-report-{kind}-{}", d.last.format("%Y-%m-%d"))
}
