//! When a saved protocol takes effect: the course a new version joins and the first day it
//! governs. Pure, so the rule can be read and tested without a database.

use chrono::{Duration, NaiveDate};

/// Where a protocol being saved goes: `(course, effective_from)`.
///
/// - `course`: `Some(id)` adds a version to course `id`; `None` starts a new course.
/// - `effective_from`: the first day the new version governs. A day is governed by the version
///   with the latest `effective_from` on or before it (the newest one on a tie), so the version
///   governs every day from `effective_from` until a later one takes over.
///
/// The inputs: `latest` is the newest saved version's `(course id, effective_from)`, `None`
/// before the first save; `new_course` is whether the user starts a new course rather than
/// editing the current one; `today` is the user's day now; `logged_today` is whether today
/// already has entries (a dose, an item, food, a check-in); `start` is the protocol's start date.
///
/// # When does a protocol edit take effect?
///
/// Saving never changes a day that already has entries, nor a day an earlier version governs
/// by right:
///
/// - **An edit** (`new_course` false) is a new version of the current course. It takes effect
///   today, or tomorrow if today already has entries; and never before the latest version's own
///   `effective_from`. So an edit made while a change is pending for tomorrow also takes effect
///   tomorrow, and being newer, it replaces the pending one.
/// - **A later course** (`new_course` true) starts a new course on the same day an edit would
///   take effect: it cannot take over days an earlier course governs.
/// - **The first course** (no version yet) takes effect on the earlier of `start` and today, so
///   a start in the past lets earlier days be filled in; entries already made today do not
///   matter, there is no earlier protocol for them to belong to. A start in the future takes
///   effect today, and the course's own days begin at `start`.
///
/// One exception, decided by the caller: a save that [`takes_effect_now`] (a stop, a new
/// medicine) is placed as if today had no entries, and when a change was pending for a later day
/// it is stored for today as well (`Core::save_protocol`).
///
/// The start date moves only the first course: an edit or a later course takes effect as above
/// whatever its `start`.
pub fn place_version(
    latest: Option<(i64, NaiveDate)>,
    new_course: bool,
    today: NaiveDate,
    logged_today: bool,
    start: NaiveDate,
) -> (Option<i64>, NaiveDate) {
    // The first day not yet logged: a change never rewrites a day that has entries.
    let first_open = if logged_today {
        today + Duration::days(1)
    } else {
        today
    };
    match (latest, new_course) {
        // An edit: a new version of the current course.
        (Some((course, from)), false) => (Some(course), first_open.max(from)),
        // A later course: it cannot take over days an earlier course governs.
        (Some((_, from)), true) => (None, first_open.max(from)),
        // The first course may start in the past, so earlier days can be filled in.
        (None, _) => (None, start.min(today)),
    }
}

/// Whether a save must govern the rest of today at once instead of waiting for tomorrow when
/// today already has entries (issue 22: "a stop takes effect now"): its answers stop the plan
/// (kidney disease yes or not sure, a stop-level medicine), or it adds a medicine (or a
/// medicine's times) that the version saved before did not have, whose windows apply today.
/// Entries already logged keep the version they were made under.
pub fn takes_effect_now(
    report: &super::model::SafetyReport,
    new: &super::model::ProtocolSpec,
    before: Option<&super::model::ProtocolSpec>,
) -> bool {
    let stops = report
        .findings
        .iter()
        .any(|f| f.level == super::model::Level::Stop);
    let new_medicine = before.is_some_and(|b| {
        new.safety
            .medicines
            .iter()
            .any(|m| !b.safety.medicines.contains(m))
    });
    stops || new_medicine
}

/// The version governing `day` among `versions` listed oldest first (as the store lists those
/// governing a range): the last to take effect on or before it, the newest on a tie.
pub fn governing<V>(
    versions: &[V],
    effective_from: impl Fn(&V) -> NaiveDate,
    day: NaiveDate,
) -> Option<&V> {
    versions.iter().rev().find(|v| effective_from(v) <= day)
}

/// Each day of `first..=last` with the version governing it, if any, and its entries.
pub fn days<'a, V>(
    versions: &'a [V],
    effective_from: impl Fn(&V) -> NaiveDate + Copy,
    records: &'a [crate::log::Record],
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<(NaiveDate, Option<&'a V>, Vec<&'a crate::log::Record>)> {
    let mut by_day = crate::log::by_day(records);
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .map(|day| {
            let log = by_day.remove(&day).unwrap_or_default();
            (day, governing(versions, effective_from, day), log)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::date;

    /// A row: (case, latest (course, effective_from), new course, logged today, start, expected).
    type Case = (
        &'static str,
        Option<(i64, NaiveDate)>,
        bool,
        bool,
        NaiveDate,
        (Option<i64>, NaiveDate),
    );

    #[test]
    fn when_a_saved_protocol_takes_effect() {
        let today = date(2026, 3, 10);
        let d = |day: u32| date(2026, 3, day);
        #[rustfmt::skip]
        let table: &[Case] = &[
            ("first course, starts today",             None,             false, false, d(10), (None, d(10))),
            ("first course, starts in the past",       None,             false, false, d(1),  (None, d(1))),
            ("first course, starts in the future",     None,             false, false, d(20), (None, d(10))),
            ("first course, today already logged",     None,             false, true,  d(10), (None, d(10))),
            ("first course, past start, today logged", None,             false, true,  d(3),  (None, d(3))),
            ("first course, asked as a new course",    None,             true,  false, d(1),  (None, d(1))),
            ("edit, nothing logged today",             Some((4, d(1))),  false, false, d(1),  (Some(4), d(10))),
            ("edit, today logged",                     Some((4, d(1))),  false, true,  d(1),  (Some(4), d(11))),
            ("edit, start date ignored",               Some((4, d(1))),  false, false, d(20), (Some(4), d(10))),
            ("edit of a version from today",           Some((4, d(10))), false, false, d(1),  (Some(4), d(10))),
            ("edit, version pending tomorrow",         Some((4, d(11))), false, false, d(1),  (Some(4), d(11))),
            ("edit, pending tomorrow, today logged",   Some((4, d(11))), false, true,  d(1),  (Some(4), d(11))),
            ("edit, version pending later",            Some((4, d(15))), false, true,  d(1),  (Some(4), d(15))),
            ("new course, nothing logged today",       Some((4, d(1))),  true,  false, d(10), (None, d(10))),
            ("new course, today logged",               Some((4, d(1))),  true,  true,  d(10), (None, d(11))),
            ("new course, start in the past",          Some((4, d(1))),  true,  false, d(2),  (None, d(10))),
            ("new course, start in the future",        Some((4, d(1))),  true,  false, d(20), (None, d(10))),
            ("new course, after a pending version",    Some((4, d(15))), true,  false, d(10), (None, d(15))),
        ];
        for &(case, latest, new_course, logged_today, start, want) in table {
            assert_eq!(
                place_version(latest, new_course, today, logged_today, start),
                want,
                "{case}"
            );
        }
    }
}
