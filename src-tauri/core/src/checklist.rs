//! The daily checklist, derived from the protocol version in force and the event log alone.
//!
//! Every tap is an appended entry (see [`crate::log`]); nothing is stored as "state". A dose not
//! taken by the end of its window shows as missed (derived from the clock, never written). A
//! tap on a dose always names its slot, so a late first dose is recorded as the first, never as
//! the second. What a tap may do is in [`taps`]. The next dose and when the Today screen next
//! changes by itself are here too ([`next_dose`], [`refresh_at`]).

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::day::DayClock;
use crate::error::{CoreError, Result};
use crate::log::{DayState, MovementKind, MOVEMENT};
use crate::pause::{dose_paused, Pause};
use crate::protocol::{
    item_note, keep_apart_windows, moved_to_taken, ItemKind, KeepApart, ProtocolSpec,
};

mod taps;
mod view;

pub use taps::{count_cap, entries_for_tap, MAX_NOTE_CHARS, MAX_SNOOZE_MIN};
pub use view::{
    Checklist, DayScore, DoseStatus, DoseTiming, DoseView, ItemView, MovementChoice, NextDose, Tap,
};

/// A dose taken more than this many minutes after its time counts as late.
pub const LATE_AFTER_MIN: i64 = 60;

/// When each dose of `spec` falls on `day`: once per dose, whatever the clocks do. A window
/// closes at the dose time plus the window, or at the next (later) dose's time, or at the end
/// of the day, whichever comes first.
pub fn dose_timings(
    spec: &ProtocolSpec,
    day: NaiveDate,
    clock: &DayClock,
) -> Result<Vec<DoseTiming>> {
    let Some(plan) = &spec.supplement else {
        return Ok(vec![]);
    };
    let doses = spec.doses_on(day);
    let mut dues = Vec::with_capacity(doses.len());
    for d in doses {
        dues.push((d.slot, clock.instant(day, d.local_time()?)));
    }
    let day_end = clock.day_end_instant(day);
    let window = Duration::minutes(i64::from(plan.window_minutes));
    Ok(dues
        .iter()
        .enumerate()
        .map(|(i, &(slot, due))| {
            let mut end = (due + window).min(day_end);
            // The next dose closes this one's window, unless a clock change put both at the
            // same instant (02:30 and 03:00 on a spring-forward night).
            if let Some(&(_, next)) = dues.get(i + 1) {
                if next > due {
                    end = end.min(next);
                }
            }
            DoseTiming {
                slot,
                due,
                window_end: end.max(due),
            }
        })
        .collect())
}

/// Each medicine's rule around the magnesium antacids or laxatives the user declared.
fn antacid_rules(safety: &crate::protocol::SafetyAnswers) -> Vec<String> {
    if !safety.takes_antacids() {
        return vec![];
    }
    safety
        .medicines
        .iter()
        .filter_map(|m| {
            let sep = m.separation(safety.wider_windows)?;
            Some(format!(
                "{}, with your magnesium antacid or laxative too: {}",
                crate::protocol::medicine_name(m),
                sep.rule()
            ))
        })
        .collect()
}

/// A keep-apart window measured from the moment its dose was taken, once it is ticked; from the
/// planned time until then.
fn taken_window(w: &KeepApart, doses: &[DoseView], clock: &DayClock) -> KeepApart {
    let dose = doses.iter().find(|d| d.slot == w.dose_slot);
    let taken = dose
        .and_then(|d| d.taken_at.as_deref())
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| crate::day::fmt_hhmm(t.with_timezone(&clock.tz).time()));
    match (dose, taken) {
        (Some(d), Some(t)) => moved_to_taken(w, &d.time, &t),
        _ => w.clone(),
    }
}

fn local(t: DateTime<Utc>, clock: &DayClock) -> String {
    t.with_timezone(&clock.tz).fixed_offset().to_rfc3339()
}

/// Derive a day's checklist from its protocol version and the replay of its entries. `saved_at`
/// is when that version was saved, when that was on this very day: doses whose window had
/// closed by then were never expected. The food item is done once the day's food magnesium
/// reaches the recommended intake. A dose that comes due during one of `pauses` is paused.
pub fn derive(
    day: NaiveDate,
    version: Option<(i64, &ProtocolSpec)>,
    saved_at: Option<DateTime<Utc>>,
    log: &DayState,
    pauses: &[Pause],
    now: DateTime<Utc>,
    clock: &DayClock,
) -> Result<Checklist> {
    let skipped = log.skipped.clone();
    let day_note = log.day_note.clone();
    let food_mg = log.food_mg();
    let Some((version_id, spec)) = version else {
        return Ok(Checklist {
            day,
            protocol_version: None,
            skipped: skipped.is_some(),
            skip_reason: skipped.filter(|s| !s.is_empty()),
            day_note,
            doses: vec![],
            items: vec![],
            keep_apart: vec![],
            antacid_rules: vec![],
            score: DayScore::default(),
        });
    };
    let is_skipped = skipped.is_some();
    let (doses, safety_paused) = dose_views(spec, day, saved_at, log, pauses, now, clock)?;
    let items = item_views(spec, log, food_mg);
    let score = day_score(&doses, &items, safety_paused, is_skipped);
    let keep_apart = match &spec.supplement {
        Some(plan) if !spec.doses_on(day).is_empty() => keep_apart_windows(&spec.safety, plan)
            .iter()
            .map(|w| taken_window(w, &doses, clock))
            .collect(),
        _ => vec![],
    };
    Ok(Checklist {
        day,
        protocol_version: Some(version_id),
        skipped: is_skipped,
        skip_reason: skipped.filter(|s| !s.is_empty()),
        day_note,
        doses,
        items,
        keep_apart,
        antacid_rules: antacid_rules(&spec.safety),
        score,
    })
}

/// Each dose of `day` as it stands, and how many a safety pause holds.
fn dose_views(
    spec: &ProtocolSpec,
    day: NaiveDate,
    saved_at: Option<DateTime<Utc>>,
    log: &DayState,
    pauses: &[Pause],
    now: DateTime<Utc>,
    clock: &DayClock,
) -> Result<(Vec<DoseView>, usize)> {
    let mut doses = Vec::new();
    let mut safety_paused = 0;
    let timings = dose_timings(spec, day, clock)?;
    for (d, t) in spec.doses_on(day).iter().zip(&timings) {
        let state = log.dose(d.slot);
        let taken = state.taken;
        let snoozed = state
            .snooze
            .map(|(_, until)| until.with_timezone(&Utc))
            .filter(|s| taken.is_none() && *s > now);
        let status = if taken.is_some() {
            DoseStatus::Taken
        } else if state.skipped {
            DoseStatus::Skipped
        } else if log.skipped.is_some() {
            DoseStatus::Paused
        } else if dose_paused(pauses, t.due, t.window_end) {
            safety_paused += 1;
            DoseStatus::Paused
        } else if now < t.due {
            DoseStatus::Upcoming
        } else if now < t.window_end {
            DoseStatus::Due
        } else if saved_at.is_some_and(|s| t.window_end <= s) {
            DoseStatus::BeforeStart
        } else {
            DoseStatus::Missed
        };
        let late = taken
            .is_some_and(|at| at.with_timezone(&Utc) > t.due + Duration::minutes(LATE_AFTER_MIN));
        doses.push(DoseView {
            slot: d.slot,
            time: d.time.clone(),
            due_at: local(t.due, clock),
            window_end: local(t.window_end, clock),
            units: d.units,
            mg: d.mg,
            status,
            taken_at: taken.map(|t| t.to_rfc3339()),
            late,
            snoozed_until: state
                .snooze
                .filter(|_| snoozed.is_some())
                .map(|(_, s)| s.to_rfc3339()),
            note: state.note,
            timing: *t,
            snooze_ends: snoozed,
        });
    }
    Ok((doses, safety_paused))
}

/// Each item of the protocol as it stands (food is done once the day's food magnesium reaches
/// the recommended intake).
fn item_views(spec: &ProtocolSpec, log: &DayState, food_mg: f64) -> Vec<ItemView> {
    spec.items
        .iter()
        .map(|spec_item| {
            let state = log.item(&spec_item.key);
            let count = u32::try_from(state.count.max(0)).unwrap_or(0);
            let done = match &spec_item.kind {
                ItemKind::Check => {
                    state.done || (spec_item.key == "food" && food_mg >= f64::from(spec.rda_mg))
                }
                ItemKind::Count { target } => count >= *target,
            };
            ItemView {
                key: spec_item.key.clone(),
                label: spec_item.label.clone(),
                kind: spec_item.kind.clone(),
                done,
                count,
                note: state.note,
                guidance: spec_item.note.clone().or_else(|| item_note(&spec_item.key)),
                minutes: state.minutes,
                movement_kinds: movement_kinds(&spec_item.key),
            }
        })
        .collect()
}

/// The kinds of movement the movement item offers, none on another item.
fn movement_kinds(key: &str) -> Vec<MovementChoice> {
    if key != MOVEMENT {
        return vec![];
    }
    MovementKind::ALL
        .into_iter()
        .map(|kind| MovementChoice {
            kind,
            label: kind.label().into(),
        })
        .collect()
}

/// The day's score: doses taken of those expected (not before the plan, not paused for
/// safety), and items done, a counted item by its share of the goal.
fn day_score(
    doses: &[DoseView],
    items: &[ItemView],
    safety_paused: usize,
    skipped: bool,
) -> DayScore {
    let doses_taken = doses
        .iter()
        .filter(|d| d.status == DoseStatus::Taken)
        .count() as u32;
    let mut items_done = f64::from(doses_taken);
    for i in items {
        items_done += match &i.kind {
            ItemKind::Check => f64::from(u8::from(i.done)),
            ItemKind::Count { target } if *target > 0 => {
                (f64::from(i.count) / f64::from(*target)).min(1.0)
            }
            ItemKind::Count { .. } => 0.0,
        };
    }
    let expected = doses
        .iter()
        .filter(|d| d.status != DoseStatus::BeforeStart)
        .count()
        - safety_paused;
    DayScore {
        doses_taken,
        doses_planned: expected as u32,
        items_done,
        items_total: (expected + items.len()) as u32,
        skipped,
    }
}

/// Whether anything may be recorded on `day` (a tap, food, a check-in is refused otherwise):
/// not on a day before the course (`course_start`: the first day of the course governing the
/// day, or of the first course), and not before any protocol governs the day.
pub fn ensure_recordable(
    day: NaiveDate,
    course_start: Option<NaiveDate>,
    governed: bool,
) -> Result<()> {
    match course_start {
        Some(start) if day < start => Err(CoreError::refused(
            "before_course",
            format!(
                "Your course starts on {}: nothing is recorded for the days before it.",
                start.format("%-d %B %Y")
            ),
        )),
        Some(_) if governed => Ok(()),
        _ => Err(CoreError::refused(
            "no_protocol",
            "Set up a protocol first: there is no checklist for that day.",
        )),
    }
}

/// The next dose from today's checklist: the first still upcoming or due today, else the first
/// of `tomorrow` (its day and the version governing it), if there is one.
pub fn next_dose(
    today: &Checklist,
    tomorrow: Option<(NaiveDate, &ProtocolSpec)>,
    clock: &DayClock,
) -> Result<Option<NextDose>> {
    let waiting = today
        .doses
        .iter()
        .find(|d| matches!(d.status, DoseStatus::Upcoming | DoseStatus::Due));
    if let Some(d) = waiting {
        return Ok(Some(NextDose {
            day: today.day,
            slot: d.slot,
            time: d.time.clone(),
            due_at: d.due_at.clone(),
        }));
    }
    let Some((day, spec)) = tomorrow else {
        return Ok(None);
    };
    let timings = dose_timings(spec, day, clock)?;
    Ok(spec
        .doses_on(day)
        .first()
        .zip(timings.first())
        .map(|(d, t)| NextDose {
            day,
            slot: d.slot,
            time: d.time.clone(),
            due_at: local(t.due, clock),
        }))
}

/// When today's checklist next changes by itself: a dose comes due, a window closes, a snooze
/// ends, or the day ends, whichever comes first after `now`.
pub fn refresh_at(today: &Checklist, now: DateTime<Utc>, clock: &DayClock) -> DateTime<Utc> {
    let mut next = clock.day_end_instant(today.day);
    for d in &today.doses {
        let change = match d.status {
            DoseStatus::Upcoming => Some(d.timing.due),
            DoseStatus::Due => Some(d.snooze_ends.unwrap_or(d.timing.window_end)),
            _ => None,
        };
        if let Some(t) = change.filter(|t| *t > now && *t < next) {
            next = t;
        }
    }
    next
}

#[cfg(test)]
mod tests;
