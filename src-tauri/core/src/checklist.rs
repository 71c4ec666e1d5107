//! The daily checklist, derived from the protocol version in force and the event log alone.
//!
//! Every tap is an appended event; nothing is stored as "state". A dose not taken by the end of
//! its window shows as missed (derived from the clock, never written). A tap on a dose always
//! names its slot, so a late first dose is recorded as the first, never as the second.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::day::{parse_hhmm, DayClock};
use crate::error::{quoted, CoreError, Result};
use crate::protocol::{keep_apart_windows, ItemKind, KeepApart, ProtocolSpec};
use crate::store::{Event, NewEvent};

/// A dose taken more than this many minutes after its time counts as late.
pub const LATE_AFTER_MIN: i64 = 60;
/// The longest note.
pub const MAX_NOTE_CHARS: usize = 500;

/// One thing the user does on the checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Tap {
    /// Record dose `slot` as taken (now, or at `at` "HH:MM" on that day when correcting).
    TakeDose { slot: u32, at: Option<String> },
    /// Skip dose `slot` on purpose (no reminders; counts as not taken).
    SkipDose { slot: u32 },
    /// Withdraw the last "taken" or "skipped" of dose `slot`.
    UndoDose { slot: u32 },
    /// Put off dose `slot`'s reminder.
    SnoozeDose { slot: u32, minutes: u32 },
    /// Tick a one-tap item.
    Check { key: String },
    /// Untick it.
    Uncheck { key: String },
    /// Add (+1) or remove (-1) one to a counted item (glasses of water).
    Count { key: String, delta: i32 },
    /// A note on an item ("dose:1", an item key, or "day"); empty text clears it.
    Note { item: String, text: String },
    /// A skip or pause day: it does not count against adherence or streaks.
    SkipDay { reason: String },
    /// Take the skip back.
    UnskipDay,
}

/// Where a dose stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DoseStatus {
    /// Its time has not come.
    Upcoming,
    /// Its time has come and its window is open.
    Due,
    Taken,
    /// Its window closed and it was not taken. Never made up by doubling the next one.
    Missed,
    /// Skipped on purpose.
    Skipped,
    /// The whole day is a skip day.
    Paused,
    /// Its window had closed before the plan was saved (the first day of a protocol set up
    /// late in the day): not expected, not missed. It can still be recorded as taken.
    BeforeStart,
}

/// One dose on a day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DoseView {
    pub slot: u32,
    /// "HH:MM" wall-clock time.
    pub time: String,
    /// The instant it falls on this day (RFC 3339, local offset).
    pub due_at: String,
    /// When its window closes and an untaken dose is missed.
    pub window_end: String,
    pub units: f64,
    pub mg: f64,
    pub status: DoseStatus,
    /// When it was taken (RFC 3339), if it was.
    pub taken_at: Option<String>,
    pub late: bool,
    pub snoozed_until: Option<String>,
    pub note: Option<String>,
}

/// One non-dose item on a day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ItemView {
    pub key: String,
    pub label: String,
    pub kind: ItemKind,
    pub done: bool,
    /// For counted items: how many so far.
    pub count: u32,
    pub note: Option<String>,
}

/// How much of a day was done.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS, Default)]
pub struct DayScore {
    pub doses_taken: u32,
    pub doses_planned: u32,
    /// Doses, ticks and counted items (partial credit) done...
    pub items_done: f64,
    /// ... out of this many.
    pub items_total: u32,
    /// A skip day counts neither for nor against.
    pub skipped: bool,
}

impl DayScore {
    /// Dose adherence, 0..=1; `None` when nothing was planned or the day was skipped.
    pub fn dose_fraction(&self) -> Option<f64> {
        (!self.skipped && self.doses_planned > 0)
            .then(|| f64::from(self.doses_taken) / f64::from(self.doses_planned))
    }

    /// All-items adherence, 0..=1.
    pub fn all_fraction(&self) -> Option<f64> {
        (!self.skipped && self.items_total > 0)
            .then(|| self.items_done / f64::from(self.items_total))
    }
}

/// The checklist of one day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Checklist {
    pub day: NaiveDate,
    pub protocol_version: Option<i64>,
    pub skipped: bool,
    pub skip_reason: Option<String>,
    pub day_note: Option<String>,
    pub doses: Vec<DoseView>,
    pub items: Vec<ItemView>,
    pub keep_apart: Vec<KeepApart>,
    pub score: DayScore,
}

/// A dose's time of day on `day`, with its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoseTiming {
    pub slot: u32,
    pub due: DateTime<Utc>,
    pub window_end: DateTime<Utc>,
}

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

fn local(t: DateTime<Utc>, clock: &DayClock) -> String {
    t.with_timezone(&clock.tz).fixed_offset().to_rfc3339()
}

fn dose_item(slot: u32) -> String {
    format!("dose:{slot}")
}

fn note_value(e: &Event) -> Option<String> {
    e.value
        .as_ref()
        .and_then(|v| v.as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Derive a day's checklist from its protocol version and its events. `saved_at` is when that
/// version was saved, when that was on this very day: doses whose window had closed by then
/// were never expected. `food_mg` is the food magnesium logged that day (the food item is done
/// once it reaches the recommended intake).
#[allow(clippy::too_many_arguments)]
pub fn derive(
    day: NaiveDate,
    version: Option<(i64, &ProtocolSpec)>,
    saved_at: Option<DateTime<Utc>>,
    events: &[Event],
    now: DateTime<Utc>,
    clock: &DayClock,
    food_mg: f64,
) -> Result<Checklist> {
    let mut skipped: Option<String> = None;
    let mut day_note = None;
    for e in events.iter().filter(|e| e.item == "day") {
        match e.action.as_str() {
            "skip" => skipped = Some(note_value(e).unwrap_or_default()),
            "unskip" => skipped = None,
            "note" => day_note = note_value(e),
            _ => {}
        }
    }
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
            score: DayScore::default(),
        });
    };
    let is_skipped = skipped.is_some();
    let mut doses = Vec::new();
    let timings = dose_timings(spec, day, clock)?;
    for (d, t) in spec.doses_on(day).iter().zip(&timings) {
        let item = dose_item(d.slot);
        let mut taken: Option<DateTime<FixedOffset>> = None;
        let mut dose_skipped = false;
        let mut snoozed: Option<DateTime<FixedOffset>> = None;
        let mut note = None;
        for e in events.iter().filter(|e| e.item == item) {
            match e.action.as_str() {
                "taken" => {
                    let at = e
                        .value
                        .as_ref()
                        .and_then(|v| v.get("taken_at"))
                        .and_then(|v| v.as_str())
                        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                        .unwrap_or(e.at);
                    taken = Some(at);
                    dose_skipped = false;
                }
                "skipped" => {
                    taken = None;
                    dose_skipped = true;
                }
                "undo" => {
                    taken = None;
                    dose_skipped = false;
                    snoozed = None;
                }
                "snooze" => {
                    snoozed = e
                        .value
                        .as_ref()
                        .and_then(|v| v.get("until"))
                        .and_then(|v| v.as_str())
                        .and_then(|s| DateTime::parse_from_rfc3339(s).ok());
                }
                "note" => note = note_value(e),
                _ => {}
            }
        }
        let status = if let Some(_at) = taken {
            DoseStatus::Taken
        } else if dose_skipped {
            DoseStatus::Skipped
        } else if is_skipped {
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
            snoozed_until: snoozed
                .filter(|s| taken.is_none() && s.with_timezone(&Utc) > now)
                .map(|s| s.to_rfc3339()),
            note,
        });
    }
    let mut items = Vec::new();
    for spec_item in &spec.items {
        let mut done = false;
        let mut count: i64 = 0;
        let mut note = None;
        for e in events.iter().filter(|e| e.item == spec_item.key) {
            match e.action.as_str() {
                "done" => done = true,
                "undo" => done = false,
                "add" => count += e.value.as_ref().and_then(|v| v.as_i64()).unwrap_or(0),
                "note" => note = note_value(e),
                _ => {}
            }
        }
        let count = u32::try_from(count.max(0)).unwrap_or(0);
        let done = match &spec_item.kind {
            ItemKind::Check => {
                done || (spec_item.key == "food" && food_mg >= f64::from(spec.rda_mg))
            }
            ItemKind::Count { target } => count >= *target,
        };
        items.push(ItemView {
            key: spec_item.key.clone(),
            label: spec_item.label.clone(),
            kind: spec_item.kind.clone(),
            done,
            count,
            note,
        });
    }
    let doses_taken = doses
        .iter()
        .filter(|d| d.status == DoseStatus::Taken)
        .count() as u32;
    let mut items_done = f64::from(doses_taken);
    for i in &items {
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
        .count();
    let score = DayScore {
        doses_taken,
        doses_planned: expected as u32,
        items_done,
        items_total: (expected + items.len()) as u32,
        skipped: is_skipped,
    };
    let keep_apart = match &spec.supplement {
        Some(plan) if !spec.doses_on(day).is_empty() => keep_apart_windows(&spec.safety, plan),
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
        score,
    })
}

/// The most a counted item takes in one day: twice its goal (a tap past it is refused, so a
/// stuck finger cannot log 34 of 8 glasses).
pub fn count_cap(target: u32) -> u32 {
    target.saturating_mul(2).max(1)
}

/// Turn a tap into the events to append, after checking it against the day's checklist.
/// Refuses (so nothing is written) a tap on a dose or item the day does not have, an undo with
/// nothing to undo, a count below zero and overlong notes.
pub fn events_for_tap(
    tap: &Tap,
    list: &Checklist,
    now: DateTime<Utc>,
    clock: &DayClock,
) -> Result<Vec<NewEvent>> {
    let at = now.with_timezone(&clock.tz).fixed_offset();
    let ev = |item: String, action: &str, value: Option<serde_json::Value>| NewEvent {
        day: list.day,
        at,
        item,
        action: action.to_string(),
        value,
        protocol_version: list.protocol_version,
        corrects: None,
    };
    let dose = |slot: u32| -> Result<&DoseView> {
        list.doses.iter().find(|d| d.slot == slot).ok_or_else(|| {
            CoreError::invalid(
                "unknown_dose",
                "slot",
                format!("There is no dose {slot} on {}.", list.day),
            )
        })
    };
    let item = |key: &str| -> Result<&ItemView> {
        list.items.iter().find(|i| i.key == key).ok_or_else(|| {
            CoreError::invalid(
                "unknown_item",
                "key",
                format!("{} is not on the checklist for {}.", quoted(key), list.day),
            )
        })
    };
    let out = match tap {
        Tap::TakeDose { slot, at: when } => {
            let d = dose(*slot)?;
            if d.status == DoseStatus::Taken {
                return Err(CoreError::refused(
                    "already_taken",
                    format!("Dose {slot} is already recorded as taken."),
                ));
            }
            let value = match when {
                None => None,
                Some(hhmm) => {
                    let t = parse_hhmm(hhmm, "at")?;
                    let instant = clock.instant(list.day, t);
                    if instant > now {
                        return Err(CoreError::invalid(
                            "invalid_time",
                            "at",
                            "A dose cannot be recorded as taken in the future.",
                        ));
                    }
                    Some(serde_json::json!({ "taken_at": local(instant, clock) }))
                }
            };
            vec![ev(dose_item(*slot), "taken", value)]
        }
        Tap::SkipDose { slot } => {
            let d = dose(*slot)?;
            if matches!(d.status, DoseStatus::Taken | DoseStatus::Skipped) {
                return Err(CoreError::refused(
                    "already_recorded",
                    format!("Dose {slot} is already recorded: undo it first."),
                ));
            }
            vec![ev(dose_item(*slot), "skipped", None)]
        }
        Tap::UndoDose { slot } => {
            let d = dose(*slot)?;
            if !matches!(d.status, DoseStatus::Taken | DoseStatus::Skipped) {
                return Err(CoreError::refused(
                    "nothing_to_undo",
                    format!("Dose {slot} has nothing to undo."),
                ));
            }
            vec![ev(dose_item(*slot), "undo", None)]
        }
        Tap::SnoozeDose { slot, minutes } => {
            let d = dose(*slot)?;
            if !(1..=240).contains(minutes) {
                return Err(CoreError::invalid(
                    "invalid_snooze",
                    "minutes",
                    "A snooze lasts 1 to 240 minutes.",
                ));
            }
            if !matches!(d.status, DoseStatus::Due | DoseStatus::Upcoming) {
                return Err(CoreError::refused(
                    "cannot_snooze",
                    format!("Dose {slot} is not waiting to be taken."),
                ));
            }
            let until = now + Duration::minutes(i64::from(*minutes));
            vec![ev(
                dose_item(*slot),
                "snooze",
                Some(serde_json::json!({ "until": local(until, clock) })),
            )]
        }
        Tap::Check { key } => {
            let i = item(key)?;
            if i.kind != ItemKind::Check {
                return Err(CoreError::invalid(
                    "wrong_item_kind",
                    "key",
                    format!("\"{}\" is counted, not ticked.", i.label),
                ));
            }
            if i.done {
                return Err(CoreError::refused(
                    "already_done",
                    format!("\"{}\" is already done.", i.label),
                ));
            }
            vec![ev(key.clone(), "done", None)]
        }
        Tap::Uncheck { key } => {
            let i = item(key)?;
            let ticked = i.kind == ItemKind::Check && i.done;
            if !ticked {
                return Err(CoreError::refused(
                    "nothing_to_undo",
                    format!("\"{}\" has nothing to undo.", i.label),
                ));
            }
            vec![ev(key.clone(), "undo", None)]
        }
        Tap::Count { key, delta } => {
            let i = item(key)?;
            let ItemKind::Count { target } = i.kind else {
                return Err(CoreError::invalid(
                    "wrong_item_kind",
                    "key",
                    format!("\"{}\" is ticked, not counted.", i.label),
                ));
            };
            if *delta != 1 && *delta != -1 {
                return Err(CoreError::invalid(
                    "invalid_count",
                    "delta",
                    "Add or remove one at a time.",
                ));
            }
            if *delta < 0 && i.count == 0 {
                return Err(CoreError::refused(
                    "nothing_to_undo",
                    format!("\"{}\" is already at zero.", i.label),
                ));
            }
            if *delta > 0 && i.count >= count_cap(target) {
                return Err(CoreError::invalid(
                    "invalid_count",
                    "delta",
                    format!(
                        "{} is twice your goal of {target} for one day, the most a day can \
                         hold. If you really had more, say so in a note.",
                        count_cap(target)
                    ),
                ));
            }
            vec![ev(key.clone(), "add", Some(serde_json::json!(delta)))]
        }
        Tap::Note { item: target, text } => {
            if text.chars().count() > MAX_NOTE_CHARS {
                return Err(CoreError::invalid(
                    "note_too_long",
                    "text",
                    format!("A note can be at most {MAX_NOTE_CHARS} characters."),
                ));
            }
            let known = target == "day"
                || list.items.iter().any(|i| &i.key == target)
                || list.doses.iter().any(|d| dose_item(d.slot) == *target);
            if !known {
                return Err(CoreError::invalid(
                    "unknown_item",
                    "item",
                    format!(
                        "{} is not on the checklist for {}.",
                        quoted(target),
                        list.day
                    ),
                ));
            }
            vec![ev(
                target.clone(),
                "note",
                Some(serde_json::json!(text.trim())),
            )]
        }
        Tap::SkipDay { reason } => {
            if reason.chars().count() > MAX_NOTE_CHARS {
                return Err(CoreError::invalid(
                    "note_too_long",
                    "reason",
                    format!("A reason can be at most {MAX_NOTE_CHARS} characters."),
                ));
            }
            if list.skipped {
                return Err(CoreError::refused(
                    "already_skipped",
                    "This day is already a skip day.",
                ));
            }
            vec![ev(
                "day".into(),
                "skip",
                Some(serde_json::json!(reason.trim())),
            )]
        }
        Tap::UnskipDay => {
            if !list.skipped {
                return Err(CoreError::refused(
                    "nothing_to_undo",
                    "This day is not a skip day.",
                ));
            }
            vec![ev("day".into(), "unskip", None)]
        }
    };
    Ok(out)
}

#[cfg(test)]
mod tests;
