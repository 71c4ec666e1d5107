//! The delivery check: did each dose reminder of the last 14 days reach the user, and in time?
//!
//! **When a reminder is late**: a dose reminder is expected when its dose comes due while it is
//! neither taken nor skipped, on a day that is not a skip day, after the first protocol was
//! saved (Magday cannot remind before it has a plan). It was on time when it was shown at most
//! [`ON_TIME_SECS`] (2 minutes) after the dose's time; shown later, it was late; never shown, it
//! was not sent (the app was not running, or the window closed first); one due during a safety
//! pause was not expected (see [`crate::pause`]). A hand-over the system
//! refused is failed; one handed to a phone's scheduler is scheduled (the phone reports nothing
//! back). See [`outcome`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::keys::dose_reminder_key;
use crate::checklist::DoseTiming;
use crate::day::DayClock;
use crate::log::{state_before, DayState, Record};
use crate::pause::{paused_at, Pause};
use crate::store::DeliveryRow;

/// How long a delivery may lag its plan and still be on time.
pub const ON_TIME_SECS: i64 = 120;
/// The delivery check looks this many days back.
pub const DELIVERY_DAYS: i64 = 14;
/// The most recent reminders listed.
pub const RECENT: usize = 20;

/// What became of one expected dose reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryOutcome {
    OnTime,
    Late,
    NotSent,
    Failed,
    Scheduled,
}

/// The outcome of the reminder for a dose due at `due`, from its row in the reminder log.
pub fn outcome(row: Option<&DeliveryRow>, due: DateTime<Utc>) -> DeliveryOutcome {
    match row {
        None => DeliveryOutcome::NotSent,
        Some(r) if r.channel == "scheduled" => DeliveryOutcome::Scheduled,
        Some(r) if r.error.is_some() => DeliveryOutcome::Failed,
        Some(r) => match r.delivered_at {
            Some(at) if (at.with_timezone(&Utc) - due).num_seconds() <= ON_TIME_SECS => {
                DeliveryOutcome::OnTime
            }
            Some(_) => DeliveryOutcome::Late,
            None => DeliveryOutcome::NotSent,
        },
    }
}

/// One dose reminder in the delivery check.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeliveryView {
    pub day: NaiveDate,
    pub slot: u32,
    /// When it should have come (RFC 3339).
    pub planned_at: String,
    /// When it was shown, if it was.
    pub delivered_at: Option<String>,
    pub outcome: DeliveryOutcome,
    /// Why the hand-over failed, as the system said it (outcome "failed").
    pub error: Option<String>,
}

/// The newest hand-over of a reminder (a dose's or a test) failed: reminders are not reaching
/// the user. It clears as soon as a later one goes through.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeliveryProblem {
    /// When it was tried (RFC 3339).
    pub at: String,
    /// Why, in the app's words, to follow "could not be handed to your system:" ("no
    /// notification service is running on this desktop, ...").
    pub reason: String,
    /// A stable code for support: `no_notification_service`, `notifications_not_allowed`,
    /// `notification_refused`.
    pub code: String,
    /// What the system answered, word for word (for support and the "details" line).
    pub details: String,
    /// True for a test reminder, false for a real one.
    pub test: bool,
}

/// "On time in the last 14 days: x of y".
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeliveryReport {
    pub days: u32,
    /// Dose reminders that came due while their dose was not yet taken.
    pub expected: u32,
    pub on_time: u32,
    pub late: u32,
    /// Never shown (the app was not running, or the window closed first).
    pub not_sent: u32,
    pub failed: u32,
    /// Handed to the phone's scheduler, which delivers them itself.
    pub scheduled: u32,
    /// The newest first, at most 20.
    pub recent: Vec<DeliveryView>,
    /// When the last test reminder was shown.
    pub last_test: Option<String>,
    /// Set while the newest hand-over failed.
    pub problem: Option<DeliveryProblem>,
}

/// Why a hand-over failed, from the system's answer: (a code for support, the app's words).
pub fn in_own_words(system: &str) -> (&'static str, &'static str) {
    let s = system.to_ascii_lowercase();
    if s.contains("serviceunknown")
        || s.contains("was not provided by any")
        || s.contains("no such name")
    {
        (
            "no_notification_service",
            "no notification service is running on this desktop, so nothing could show the reminder.",
        )
    } else if s.contains("accessdenied")
        || s.contains("permission")
        || s.contains("not allowed")
        || s.contains("denied")
    {
        (
            "notifications_not_allowed",
            "notifications are not allowed for Magday.",
        )
    } else {
        (
            "notification_refused",
            "the desktop's notification service did not take the reminder.",
        )
    }
}

/// One day of the check: its dose times (none when no protocol governs it) and its log.
pub struct CheckedDay {
    pub day: NaiveDate,
    pub timings: Vec<DoseTiming>,
    pub log: Vec<Record>,
}

/// The delivery check over `days` (oldest first), from the reminder log of those days. `since`
/// is when the first protocol was saved.
pub fn report(
    days: &[CheckedDay],
    rows: &[DeliveryRow],
    pauses: &[Pause],
    since: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    clock: &DayClock,
) -> DeliveryReport {
    let local = |t: DateTime<Utc>| t.with_timezone(&clock.tz).fixed_offset().to_rfc3339();
    let mut report = DeliveryReport {
        days: DELIVERY_DAYS as u32,
        expected: 0,
        on_time: 0,
        late: 0,
        not_sent: 0,
        failed: 0,
        scheduled: 0,
        recent: vec![],
        last_test: rows
            .iter()
            .filter(|r| r.channel == "test")
            .filter_map(|r| r.delivered_at)
            .max()
            .map(|t| t.to_rfc3339()),
        // The newest hand-over this device made (the phone's scheduler reports nothing back).
        problem: rows
            .iter()
            .filter(|r| r.channel != "scheduled")
            .max_by_key(|r| r.planned_at)
            .and_then(|r| {
                r.error.as_ref().map(|system| {
                    let (code, reason) = in_own_words(system);
                    DeliveryProblem {
                        at: local(r.planned_at.with_timezone(&Utc)),
                        reason: reason.into(),
                        code: code.into(),
                        details: system.clone(),
                        test: r.channel == "test",
                    }
                })
            }),
    };
    for d in days {
        let skip_day = DayState::replay(&d.log).skipped.is_some();
        for t in &d.timings {
            if t.due > now || since.is_some_and(|s| t.due < s) || paused_at(pauses, t.due) {
                continue;
            }
            // A skip day expects nothing; a dose taken or skipped before its time needs no
            // reminder.
            if skip_day || state_before(&d.log, t.due).dose(t.slot).done() {
                continue;
            }
            report.expected += 1;
            let key = dose_reminder_key(d.day, t.slot);
            let row = rows.iter().find(|r| r.key == key);
            let o = outcome(row, t.due);
            match o {
                DeliveryOutcome::OnTime => report.on_time += 1,
                DeliveryOutcome::Late => report.late += 1,
                DeliveryOutcome::Failed => report.failed += 1,
                DeliveryOutcome::Scheduled => report.scheduled += 1,
                DeliveryOutcome::NotSent => report.not_sent += 1,
            }
            report.recent.push(DeliveryView {
                day: d.day,
                slot: t.slot,
                planned_at: local(t.due),
                delivered_at: row
                    .and_then(|r| r.delivered_at)
                    .map(|at| local(at.with_timezone(&Utc))),
                outcome: o,
                error: row.and_then(|r| r.error.clone()),
            });
        }
    }
    report.recent.reverse();
    report.recent.truncate(RECENT);
    report
}
