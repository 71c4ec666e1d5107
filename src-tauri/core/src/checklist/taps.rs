//! What a tap on the checklist may do: each [`Tap`] is checked against the day's checklist and
//! becomes the log entries to append, or is refused with nothing written (a dose or item the day
//! does not have, an undo with nothing to undo, a count below zero or past its cap, a note too
//! long, a snooze on a dose that is not waiting).

use chrono::{DateTime, Duration, Utc};

use super::view::{Checklist, DoseStatus, DoseView, ItemView, Tap};
use crate::day::{parse_hhmm, DayClock};
use crate::error::{quoted, CoreError, Result};
use crate::log::{dose_key, Entry, NoteOn};
use crate::practice::{self, BREATHING, MOVEMENT};
use crate::protocol::ItemKind;

/// The longest note.
pub const MAX_NOTE_CHARS: usize = 500;
/// The longest snooze, minutes.
pub const MAX_SNOOZE_MIN: u32 = 240;

/// The most a counted item takes in one day: twice its goal (a tap past it is refused, so a
/// stuck finger cannot log 34 of 8 glasses).
pub fn count_cap(target: u32) -> u32 {
    target.saturating_mul(2).max(1)
}

/// Turn a tap into the entries to append, after checking it against the day's checklist.
pub fn entries_for_tap(
    tap: &Tap,
    list: &Checklist,
    now: DateTime<Utc>,
    clock: &DayClock,
) -> Result<Vec<Entry>> {
    let entry = match tap {
        Tap::TakeDose { slot, at } => take(dose(list, *slot)?, at.as_deref(), list, now, clock)?,
        Tap::SkipDose { slot } => skip(dose(list, *slot)?)?,
        Tap::UndoDose { slot } => undo(dose(list, *slot)?)?,
        Tap::SnoozeDose { slot, minutes } => snooze(dose(list, *slot)?, *minutes, now, clock)?,
        Tap::Check { key } => check(ticked(item(list, key)?)?)?,
        Tap::Uncheck { key } => uncheck(item(list, key)?)?,
        Tap::Count { key, delta } => count(item(list, key)?, *delta)?,
        Tap::Note { item: target, text } => note(list, target, text)?,
        Tap::SkipDay { reason } => skip_day(list, reason)?,
        Tap::UnskipDay => unskip_day(list)?,
        Tap::Breathe { session } => {
            ticked(item(list, BREATHING)?)?;
            Entry::Breathed(practice::session(session)?)
        }
        Tap::Move { kind, minutes } => {
            ticked(item(list, MOVEMENT)?)?;
            let (kind, minutes) = practice::movement(*kind, *minutes)?;
            Entry::Moved { kind, minutes }
        }
    };
    Ok(vec![entry])
}

/// Dose `slot` of the day, or `unknown_dose`.
fn dose(list: &Checklist, slot: u32) -> Result<&DoseView> {
    list.doses.iter().find(|d| d.slot == slot).ok_or_else(|| {
        CoreError::invalid(
            "unknown_dose",
            "slot",
            format!("There is no dose {slot} on {}.", list.day),
        )
    })
}

/// Item `key` of the day, or `unknown_item`.
fn item<'a>(list: &'a Checklist, key: &str) -> Result<&'a ItemView> {
    list.items.iter().find(|i| i.key == key).ok_or_else(|| {
        CoreError::invalid(
            "unknown_item",
            "key",
            format!("{} is not on the checklist for {}.", quoted(key), list.day),
        )
    })
}

/// The item, when it is ticked rather than counted (else `wrong_item_kind`).
fn ticked(i: &ItemView) -> Result<&ItemView> {
    if i.kind != ItemKind::Check {
        return Err(CoreError::invalid(
            "wrong_item_kind",
            "key",
            format!("\"{}\" is counted, not ticked.", i.label),
        ));
    }
    Ok(i)
}

/// Taken now, or at `at` ("HH:MM" on the day, never in the future).
fn take(
    d: &DoseView,
    at: Option<&str>,
    list: &Checklist,
    now: DateTime<Utc>,
    clock: &DayClock,
) -> Result<Entry> {
    let slot = d.slot;
    if d.status == DoseStatus::Taken {
        return Err(CoreError::refused(
            "already_taken",
            format!("Dose {slot} is already recorded as taken."),
        ));
    }
    let at = match at {
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
            Some(instant.with_timezone(&clock.tz).fixed_offset())
        }
    };
    Ok(Entry::DoseTaken { slot, at })
}

fn skip(d: &DoseView) -> Result<Entry> {
    if matches!(d.status, DoseStatus::Taken | DoseStatus::Skipped) {
        return Err(CoreError::refused(
            "already_recorded",
            format!("Dose {} is already recorded: undo it first.", d.slot),
        ));
    }
    Ok(Entry::DoseSkipped { slot: d.slot })
}

fn undo(d: &DoseView) -> Result<Entry> {
    if !matches!(d.status, DoseStatus::Taken | DoseStatus::Skipped) {
        return Err(CoreError::refused(
            "nothing_to_undo",
            format!("Dose {} has nothing to undo.", d.slot),
        ));
    }
    Ok(Entry::DoseUndone { slot: d.slot })
}

fn snooze(d: &DoseView, minutes: u32, now: DateTime<Utc>, clock: &DayClock) -> Result<Entry> {
    if !(1..=MAX_SNOOZE_MIN).contains(&minutes) {
        return Err(CoreError::invalid(
            "invalid_snooze",
            "minutes",
            "A snooze lasts 1 to 240 minutes.",
        ));
    }
    if !matches!(d.status, DoseStatus::Due | DoseStatus::Upcoming) {
        return Err(CoreError::refused(
            "cannot_snooze",
            format!("Dose {} is not waiting to be taken.", d.slot),
        ));
    }
    let until = now + Duration::minutes(i64::from(minutes));
    Ok(Entry::DoseSnoozed {
        slot: d.slot,
        until: until.with_timezone(&clock.tz).fixed_offset(),
    })
}

fn check(i: &ItemView) -> Result<Entry> {
    if i.done {
        return Err(CoreError::refused(
            "already_done",
            format!("\"{}\" is already done.", i.label),
        ));
    }
    Ok(Entry::ItemDone { key: i.key.clone() })
}

fn uncheck(i: &ItemView) -> Result<Entry> {
    let ticked = i.kind == ItemKind::Check && i.done;
    if !ticked {
        return Err(CoreError::refused(
            "nothing_to_undo",
            format!("\"{}\" has nothing to undo.", i.label),
        ));
    }
    Ok(Entry::ItemUndone { key: i.key.clone() })
}

/// One more or one less of a counted item, never below zero nor past [`count_cap`].
fn count(i: &ItemView, delta: i32) -> Result<Entry> {
    let ItemKind::Count { target } = i.kind else {
        return Err(CoreError::invalid(
            "wrong_item_kind",
            "key",
            format!("\"{}\" is ticked, not counted.", i.label),
        ));
    };
    if delta != 1 && delta != -1 {
        return Err(CoreError::invalid(
            "invalid_count",
            "delta",
            "Add or remove one at a time.",
        ));
    }
    if delta < 0 && i.count == 0 {
        return Err(CoreError::refused(
            "nothing_to_undo",
            format!("\"{}\" is already at zero.", i.label),
        ));
    }
    if delta > 0 && i.count >= count_cap(target) {
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
    Ok(Entry::Counted {
        key: i.key.clone(),
        delta: i64::from(delta),
    })
}

/// A note on a dose, an item or the day (an empty text clears it).
fn note(list: &Checklist, target: &str, text: &str) -> Result<Entry> {
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(CoreError::invalid(
            "note_too_long",
            "text",
            format!("A note can be at most {MAX_NOTE_CHARS} characters."),
        ));
    }
    let known = target == "day"
        || list.items.iter().any(|i| i.key == target)
        || list.doses.iter().any(|d| dose_key(d.slot) == target);
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
    Ok(Entry::Note {
        on: NoteOn::parse(target),
        text: text.trim().to_string(),
    })
}

fn skip_day(list: &Checklist, reason: &str) -> Result<Entry> {
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
    Ok(Entry::DaySkipped {
        reason: reason.trim().to_string(),
    })
}

fn unskip_day(list: &Checklist) -> Result<Entry> {
    if !list.skipped {
        return Err(CoreError::refused(
            "nothing_to_undo",
            "This day is not a skip day.",
        ));
    }
    Ok(Entry::DayUnskipped)
}
