//! A calendar of the dose times (RFC 5545, issue 26), for a phone's or computer's own calendar
//! and its alarms.
//!
//! One recurring event per dose time (`RRULE:FREQ=DAILY;UNTIL=`, the last dose's instant in
//! UTC, as §3.3.10 asks when DTSTART carries a TZID) from the later of the course's start and the
//! range's first day to the course's last day, at the local time in the user's zone; its
//! VTIMEZONE ([`vtimezone`]) holds the zone's real offsets and transitions over those days, so a
//! calendar without the tz database still keeps 08:00 at 08:00 across a clock change. Each dose
//! event alarms at the dose time and, when the reminder settings have a pre-alert, that many
//! minutes before. Each keep-apart window (a medicine to keep away from magnesium) is an event
//! of its own, without alarms. With private text, events say "Magday: time for your 08:00 dose"
//! and no product, form, amount or medicine name.
//!
//! UIDs derive from the plan (a hash of the spec, the zone and the day start), so a changed plan
//! gives new events; every description says that a new file replaces this one and that the old
//! calendar should be removed first.
//!
//! Written by hand, not with the `icalendar` crate: without its parser feature that crate cannot
//! build a VTIMEZONE (components of other kinds come only from parsing). Lines end in CRLF, are
//! folded at 75 octets (never inside a character) and text values are escaped (§3.1, §3.3.11).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use sha2::{Digest, Sha256};

use super::ExportData;
use crate::day::resolve_local;
use crate::protocol::{fmt_mg, keep_apart_windows, DoseSpec, ProtocolSpec, SupplementPlan};
use crate::zone::Tz;

mod vtimezone;
mod writer;

use writer::{local_stamp, utc_stamp, Writer};

/// How long a dose event lasts in the calendar, minutes.
const DOSE_MINUTES: i64 = 15;
const MINUTES_A_DAY: i64 = 24 * 60;

const MADE_BY: &str = "Made by Magday. Educational, not medical advice: follow your \
clinician and your product's label.";
const REPLACE: &str = "When your plan changes, Magday offers a new calendar file: remove this \
calendar (or its Magday events) from your calendar app first, then add the new one, so old dose \
times do not stay.";

/// One recurring event: daily from `start` (local) to `until`.
struct Series {
    uid: String,
    summary: String,
    description: String,
    /// The first occurrence's local start.
    start: NaiveDateTime,
    minutes: i64,
    /// The last occurrence's start (the RRULE's UNTIL).
    until: DateTime<Utc>,
    /// Minutes before the start each alarm rings, with its text.
    alarms: Vec<(u32, String)>,
}

/// The calendar of `d`'s current plan.
pub fn calendar(d: &ExportData) -> String {
    let tz = d.zone.parse::<Tz>().unwrap_or(Tz::UTC);
    let series = all_series(d, tz);
    let mut w = Writer::default();
    w.prop("BEGIN", "VCALENDAR");
    w.prop("VERSION", "2.0");
    w.prop("PRODID", "-//Magday//Magday dose calendar//EN");
    w.prop("CALSCALE", "GREGORIAN");
    w.prop("METHOD", "PUBLISH");
    w.text("X-WR-CALNAME", "Magday doses");
    w.text("X-WR-TIMEZONE", tz.name());
    let about = if series.is_empty() {
        "This plan has no supplement doses, so this calendar has no events."
    } else {
        "Your magnesium dose times, with alarms."
    };
    w.text("X-WR-CALDESC", &format!("{about} {MADE_BY} {REPLACE}"));
    if let (Some(first), Some(last)) = (
        series.iter().map(|s| s.start).min(),
        series.iter().map(|s| s.until).max(),
    ) {
        let from = resolve_local(tz, first.date().and_time(NaiveTime::MIN)) - Duration::days(1);
        vtimezone::write(&mut w, tz, from, last + Duration::days(2));
    }
    for s in &series {
        event(&mut w, s, d, tz);
    }
    w.prop("END", "VCALENDAR");
    w.out
}

fn event(w: &mut Writer, s: &Series, d: &ExportData, tz: Tz) {
    let tzid = format!("TZID={}", tz.name());
    w.prop("BEGIN", "VEVENT");
    w.prop("UID", &s.uid);
    w.prop("DTSTAMP", &utc_stamp(d.generated.with_timezone(&Utc)));
    w.prop(&format!("DTSTART;{tzid}"), &local_stamp(s.start));
    let end = s.start + Duration::minutes(s.minutes);
    w.prop(&format!("DTEND;{tzid}"), &local_stamp(end));
    w.prop("RRULE", &format!("FREQ=DAILY;UNTIL={}", utc_stamp(s.until)));
    w.text("SUMMARY", &s.summary);
    w.text("DESCRIPTION", &s.description);
    w.prop("TRANSP", "TRANSPARENT");
    if d.private {
        w.prop("CLASS", "PRIVATE");
    }
    for (before, text) in &s.alarms {
        w.prop("BEGIN", "VALARM");
        w.prop("ACTION", "DISPLAY");
        let trigger = if *before == 0 {
            "PT0M".to_string()
        } else {
            format!("-PT{before}M")
        };
        w.prop("TRIGGER", &trigger);
        w.text("DESCRIPTION", text);
        w.prop("END", "VALARM");
    }
    w.prop("END", "VEVENT");
}

/// The days the calendar covers and the plan, when it has doses (none while its doses are held).
fn plan_days<'a>(d: &ExportData<'a>) -> Option<(&'a ProtocolSpec, &'a SupplementPlan, NaiveDate)> {
    let spec = d.current?;
    let plan = spec.supplement.as_ref().filter(|p| !p.doses.is_empty())?;
    if spec.held.is_some() {
        return None;
    }
    let first = spec.start_date.max(d.span.first);
    (first <= spec.end_date()).then_some((spec, plan, first))
}

/// Which plan a calendar was made for: the spec, the zone and the day start (not the range).
/// A saved calendar is out of date once the current plan's identity differs.
pub fn plan_identity(spec: &ProtocolSpec, zone: &str, day_start_min: u32) -> String {
    let mut h = Sha256::new();
    h.update(serde_json::to_vec(spec).unwrap_or_default());
    h.update(format!("|{zone}|{day_start_min}").as_bytes());
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A short hash of everything the events derive from: a changed plan gives new UIDs.
fn plan_hash(spec: &ProtocolSpec, d: &ExportData, first: NaiveDate) -> String {
    let mut h = Sha256::new();
    h.update(serde_json::to_vec(spec).unwrap_or_default());
    h.update(format!("|{}|{}|{first}", d.zone, d.day_start_min).as_bytes());
    h.finalize()[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn minutes_of(t: NaiveTime) -> i64 {
    t.signed_duration_since(NaiveTime::MIN).num_minutes()
}

/// A dose's local time on the course day `day`: before the day start, the next calendar date.
fn dose_local(d: &ExportData, dose: &DoseSpec, day: NaiveDate) -> Option<NaiveDateTime> {
    let t = dose.local_time().ok()?;
    let date = if minutes_of(t) < i64::from(d.day_start_min) {
        day.succ_opt()?
    } else {
        day
    };
    Some(date.and_time(t))
}

fn all_series(d: &ExportData, tz: Tz) -> Vec<Series> {
    let Some((spec, plan, first)) = plan_days(d) else {
        return vec![];
    };
    let hash = plan_hash(spec, d, first);
    let days = spec.end_date() - first;
    let mut out = Vec::new();
    for dose in &plan.doses {
        let Some(start) = dose_local(d, dose, first) else {
            continue;
        };
        let until = resolve_local(tz, start + days);
        out.push(dose_series(d, plan, dose, &hash, first, start, until));
    }
    for (i, window) in keep_apart_windows(&spec.safety, plan).iter().enumerate() {
        let Some(dose) = plan.doses.iter().find(|x| x.slot == window.dose_slot) else {
            continue;
        };
        let (Some(at), Ok(from), Ok(until)) = (
            dose_local(d, dose, first),
            NaiveTime::parse_from_str(&window.from, "%H:%M"),
            NaiveTime::parse_from_str(&window.until, "%H:%M"),
        ) else {
            continue;
        };
        let before = (minutes_of(at.time()) - minutes_of(from)).rem_euclid(MINUTES_A_DAY);
        let minutes = (minutes_of(until) - minutes_of(from)).rem_euclid(MINUTES_A_DAY);
        if minutes == 0 {
            continue;
        }
        let start = at - Duration::minutes(before);
        let (summary, description) = if d.private {
            ("Magday: keep-apart window".to_string(), private_text())
        } else {
            (
                format!("Keep {} apart from magnesium", window.medicine),
                format!(
                    "Do not take {} from {} to {}: it is kept apart from your magnesium dose {} \
                     at {}.\n\n{MADE_BY}\n\n{REPLACE}",
                    window.medicine, window.from, window.until, dose.slot, dose.time
                ),
            )
        };
        out.push(Series {
            uid: format!("apart-{}-{}-{first}-{hash}@magday.app", dose.slot, i + 1),
            summary,
            description,
            start,
            minutes,
            until: resolve_local(tz, start + days),
            alarms: vec![],
        });
    }
    out
}

fn private_text() -> String {
    format!("{MADE_BY}\n\n{REPLACE}")
}

fn dose_series(
    d: &ExportData,
    plan: &SupplementPlan,
    dose: &DoseSpec,
    hash: &str,
    first: NaiveDate,
    start: NaiveDateTime,
    until: DateTime<Utc>,
) -> Series {
    let time = &dose.time;
    let (summary, description, soon) = if d.private {
        (
            format!("Magday: time for your {time} dose"),
            private_text(),
            format!("Magday: your {time} dose is coming up"),
        )
    } else {
        let what = if plan.product.trim().is_empty() {
            format!("magnesium {}", plan.form_name.to_lowercase())
        } else {
            plan.product.clone()
        };
        let units = if (dose.units - 1.0).abs() < f64::EPSILON {
            "1 unit".to_string()
        } else {
            format!("{} units", fmt_mg(dose.units))
        };
        let amount = format!("{units} of {what} ({} mg)", fmt_mg(dose.mg));
        (
            format!("Magnesium: dose {} — {amount}", dose.slot),
            format!(
                "Dose {} at {time}: {amount}, with food if you can.\n\n{MADE_BY}\n\n{REPLACE}",
                dose.slot
            ),
            format!("Magnesium: dose {} at {time} is coming up", dose.slot),
        )
    };
    let mut alarms = vec![(0, summary.clone())];
    if let Some(pre) = d.pre_alert_min.filter(|m| *m > 0) {
        alarms.push((pre, soon));
    }
    Series {
        uid: format!("dose-{}-{first}-{hash}@magday.app", dose.slot),
        summary,
        description,
        start,
        minutes: DOSE_MINUTES,
        until,
        alarms,
    }
}

#[cfg(test)]
mod tests;
