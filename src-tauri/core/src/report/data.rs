//! What a report holds ([`ReportData`]) and the small formatters its page and rows share.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::pause::Pause;
use crate::progress::{DayProgress, Streaks, SymptomSeries, WeekProgress};
use crate::protocol::ProtocolSpec;

/// A note written during the course.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportNote {
    pub day: NaiveDate,
    /// What it is about ("Dose 1 (08:00)", "Water", "Day", "Check-in").
    pub what: String,
    pub text: String,
}

/// Everything a report shows.
pub struct ReportData<'a> {
    pub kind: ReportKind,
    /// The chosen range in words ("Last 30 days: 7 Nov 2026 – 6 Dec 2026"), when the report
    /// covers one rather than `kind`'s weeks.
    pub range_label: Option<String>,
    pub generated: DateTime<FixedOffset>,
    pub spec: &'a ProtocolSpec,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub days: &'a [DayProgress],
    pub weeks: &'a [WeekProgress],
    pub symptoms: &'a [SymptomSeries],
    pub dose_adherence: Option<f64>,
    pub all_adherence: Option<f64>,
    pub streaks: Streaks,
    pub score: Option<f64>,
    pub notes: Vec<ReportNote>,
    /// Safety pauses that overlap the report's days (reference §7).
    pub pauses: Vec<Pause>,
    /// The pause in force when the report is made, if any (it may have begun after the
    /// report's last day): the report says so first.
    pub paused_now: Option<Pause>,
    /// The product's supply as of today, once counted (see [`crate::stock`]).
    pub supply: Option<crate::stock::StockView>,
    /// Breathing and movement minutes per week.
    pub practice: crate::practice::PracticeSummary,
}

pub(super) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{:.0}%", v * 100.0))
}

pub(super) fn date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

pub(super) fn signed(v: f64) -> String {
    if v > 0.05 {
        format!("+{v:.1}")
    } else if v < -0.05 {
        format!("{v:.1}")
    } else {
        "±0".into()
    }
}

/// "Week 4 report", ...
pub fn title(d: &ReportData) -> String {
    if let Some(label) = &d.range_label {
        return format!("Magday course report: {label}");
    }
    let span = match d.kind {
        ReportKind::Week4 => "weeks 1–4",
        ReportKind::Week8 => "weeks 1–8",
        ReportKind::Now => "the course so far",
    };
    format!("Magday course report: {span}")
}

/// "21 Nov 2026 07:30": an instant in the offset it was recorded in.
pub(super) fn stamp(t: DateTime<FixedOffset>) -> String {
    t.format("%-d %b %Y %H:%M").to_string()
}

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// Weeks 1 to 4.
    Week4,
    /// Weeks 1 to 8.
    Week8,
    /// The course so far.
    Now,
}

impl ReportKind {
    /// The last day the report covers for a course starting on `first` (before clipping to the
    /// course's end and today).
    pub fn planned_last(self, first: NaiveDate, course_end: NaiveDate) -> NaiveDate {
        match self {
            ReportKind::Week4 => first + Duration::days(27),
            ReportKind::Week8 => first + Duration::days(55),
            ReportKind::Now => course_end,
        }
    }
}
