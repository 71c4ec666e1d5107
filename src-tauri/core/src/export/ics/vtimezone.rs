//! The calendar's VTIMEZONE (RFC 5545 §3.6.5): the zone's offsets over the calendar's days,
//! read from the compiled-in tz database. One observance for the offset in force when the
//! calendar starts, then one per transition in the span, each with its own DTSTART (the onset in
//! the local time of the offset before it) and no RRULE: exact for the days the events cover,
//! whatever the zone's rules. A zone without a change in the span gets a single observance.

use chrono::{DateTime, NaiveDateTime, Offset, TimeZone, Utc};

use super::writer::{local_stamp, Writer};
use crate::zone::Tz;

/// One observance: from `onset` (UTC) the zone is at `to` seconds east of UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Observance {
    pub onset: DateTime<Utc>,
    pub from: i32,
    pub to: i32,
    pub daylight: bool,
    pub name: &'static str,
}

impl Observance {
    /// The onset in the local time of the offset before it (the observance's DTSTART).
    pub fn local_onset(&self) -> NaiveDateTime {
        self.onset.naive_utc() + chrono::Duration::seconds(i64::from(self.from))
    }
}

/// The zone's offset, daylight flag and abbreviation at a Unix time.
fn rule_at(tz: Tz, unix: i64) -> (i32, bool, &'static str) {
    tz.local_type_at(unix).unwrap_or_else(|| {
        let t = DateTime::from_timestamp(unix, 0).unwrap_or_default();
        (
            tz.offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc(),
            false,
            "",
        )
    })
}

/// Zones change their offset at most once in 26 hours: probing every 6 hours misses none.
const STEP: i64 = 6 * 3600;

/// The observances from `from` to `until`.
pub(super) fn observances(tz: Tz, from: DateTime<Utc>, until: DateTime<Utc>) -> Vec<Observance> {
    let (start, end) = (from.timestamp(), until.timestamp());
    let (offset, daylight, name) = rule_at(tz, start);
    let mut out = vec![Observance {
        onset: from,
        from: offset,
        to: offset,
        daylight,
        name,
    }];
    let mut t = start;
    while t < end {
        let next = (t + STEP).min(end);
        let before = rule_at(tz, t).0;
        if rule_at(tz, next).0 != before {
            // The first second of the new offset.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if rule_at(tz, mid).0 == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let (to, daylight, name) = rule_at(tz, hi);
            out.push(Observance {
                onset: DateTime::from_timestamp(hi, 0).unwrap_or(from),
                from: before,
                to,
                daylight,
                name,
            });
        }
        t = next;
    }
    out
}

/// "+0100", "-0430", "+054517" (seconds only when there are any).
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// The VTIMEZONE of `tz` from `from` to `until`.
pub(super) fn write(w: &mut Writer, tz: Tz, from: DateTime<Utc>, until: DateTime<Utc>) {
    w.prop("BEGIN", "VTIMEZONE");
    w.prop("TZID", tz.name());
    for o in observances(tz, from, until) {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        w.prop("BEGIN", kind);
        w.prop("DTSTART", &local_stamp(o.local_onset()));
        w.prop("TZOFFSETFROM", &utc_offset(o.from));
        w.prop("TZOFFSETTO", &utc_offset(o.to));
        if !o.name.is_empty() {
            w.text("TZNAME", o.name);
        }
        w.prop("END", kind);
    }
    w.prop("END", "VTIMEZONE");
}
