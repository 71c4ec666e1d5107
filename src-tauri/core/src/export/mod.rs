//! Exports other programs read (issue 26): the data of any date range of the record, rendered
//! as an event CSV (`events`: one row per dose and per checklist entry, for a spreadsheet), a
//! FHIR R4 bundle (`fhir`: for a clinician's system) and a calendar of the dose times (`ics`:
//! for a phone's own calendar and its alarms).
//!
//! Everything here is a pure function of [`ExportData`], which the api gathers from the log
//! (`Core::export_data`): no I/O, no clock.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checklist::Checklist;
use crate::log::Record;
use crate::pause::Pause;
use crate::protocol::ProtocolSpec;
use crate::{CoreError, Result};

pub mod events;
pub mod fhir;
pub mod ics;

/// Which days an export covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportRange {
    /// The current course, from its first day to today (or its last day, once over).
    Course,
    /// The last 7 days up to today.
    Last7,
    /// The last 30 days up to today.
    Last30,
    /// Week `week` (1-based) of the current course.
    Week { week: u32 },
    /// From `first` to `last` (YYYY-MM-DD, both included).
    Custom { first: String, last: String },
}

/// A range resolved to days, with the words every output states it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// "Last 7 days: 30 Nov 2026 – 6 Dec 2026".
    pub label: String,
}

fn long(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// The days `range` covers for a course from `course_first` to `course_last` on `today`, and
/// for a record whose oldest entry is on `record_first`, clipped to the record's days (and to
/// today). Refused (code `bad_range`) when nothing is left, or it starts after today.
pub fn resolve(
    range: &ExportRange,
    course_first: NaiveDate,
    course_last: NaiveDate,
    record_first: NaiveDate,
    today: NaiveDate,
) -> Result<Span> {
    let bad = |why: &str| CoreError::refused("bad_range", why);
    let (name, first, last) = match range {
        ExportRange::Course => (
            "This course".to_string(),
            course_first,
            course_last.min(today),
        ),
        ExportRange::Last7 => ("Last 7 days".into(), today - Duration::days(6), today),
        ExportRange::Last30 => ("Last 30 days".into(), today - Duration::days(29), today),
        ExportRange::Week { week } => {
            if *week == 0 {
                return Err(bad("Weeks are counted from 1."));
            }
            let first = course_first + Duration::days(i64::from(*week - 1) * 7);
            if first > course_last {
                return Err(bad("The course has no such week."));
            }
            let last = (first + Duration::days(6)).min(course_last).min(today);
            (format!("Week {week} of the course"), first, last)
        }
        ExportRange::Custom { first, last } => {
            let parse = |s: &str, what: &str| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| bad(&format!("The {what} day needs a date (YYYY-MM-DD).")))
            };
            let (first, last) = (parse(first, "first")?, parse(last, "last")?);
            if last < first {
                return Err(bad("The last day comes before the first."));
            }
            if first > today {
                return Err(bad("The range starts after today."));
            }
            ("Chosen days".into(), first, last.min(today))
        }
    };
    // Nothing was recorded before the record's first day.
    let first = first.max(record_first);
    if last < first {
        return Err(bad("There are no recorded days in this range yet."));
    }
    Ok(Span {
        label: format!("{name}: {} – {}", long(first), long(last)),
        first,
        last,
    })
}

/// One day of the range as the checklist folds it (doses with their status, items), under the
/// protocol version that governed it (`None`: no plan that day, before or between courses).
#[derive(Debug, Clone)]
pub struct ExportDay {
    pub day: NaiveDate,
    /// Day N of its course (1-based), when the day is in one.
    pub course_day: Option<u32>,
    /// The version governing the day (its row id), if any.
    pub version: Option<i64>,
    pub list: Checklist,
    /// Food magnesium logged, mg.
    pub food_mg: f64,
    /// Supplement magnesium taken, mg.
    pub supplement_mg: f64,
}

/// Everything an export shows.
pub struct ExportData<'a> {
    pub span: Span,
    pub generated: DateTime<FixedOffset>,
    /// The device's IANA time zone ("Europe/Berlin").
    pub zone: String,
    /// Every protocol version governing a day of the range, oldest first: (row id, the day it
    /// took effect, when it was saved, the spec).
    pub versions: Vec<(i64, NaiveDate, DateTime<FixedOffset>, &'a ProtocolSpec)>,
    /// The current course's newest version (the calendar's plan).
    pub current: Option<&'a ProtocolSpec>,
    pub days: Vec<ExportDay>,
    /// The log's entries on the range's days, in the order they were recorded.
    pub records: &'a [Record],
    /// The device that recorded each entry, by the entry's global id.
    pub devices: BTreeMap<String, String>,
    /// Item and dose names by stored key ("dose:1" → "Dose 1 (08:00)").
    pub labels: BTreeMap<String, String>,
    pub pauses: Vec<Pause>,
    /// The person's name, only when typed for this export.
    pub person: Option<String>,
    /// Private text (reminders say no product, form or amount): the calendar follows it.
    pub private: bool,
    /// The reminder settings' pre-alert, minutes before a dose (the calendar's second alarm).
    pub pre_alert_min: Option<u32>,
    /// When the user's day starts, minutes after midnight: a dose before it falls on the next
    /// calendar date (a 01:00 evening dose with a 04:00 day start).
    pub day_start_min: u32,
}

#[cfg(test)]
mod tests;
