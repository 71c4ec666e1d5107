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
                    Some(instant.with_timezone(&clock.tz).fixed_offset())
                }
            };
            vec![Entry::DoseTaken {
                slot: *slot,
                at: value,
            }]
        }
        Tap::SkipDose { slot } => {
            let d = dose(*slot)?;
            if matches!(d.status, DoseStatus::Taken | DoseStatus::Skipped) {
                return Err(CoreError::refused(
                    "already_recorded",
                    format!("Dose {slot} is already recorded: undo it first."),
                ));
            }
            vec![Entry::DoseSkipped { slot: *slot }]
        }
        Tap::UndoDose { slot } => {
            let d = dose(*slot)?;
            if !matches!(d.status, DoseStatus::Taken | DoseStatus::Skipped) {
                return Err(CoreError::refused(
                    "nothing_to_undo",
                    format!("Dose {slot} has nothing to undo."),
                ));
            }
            vec![Entry::DoseUndone { slot: *slot }]
        }
        Tap::SnoozeDose { slot, minutes } => {
            let d = dose(*slot)?;
            if !(1..=MAX_SNOOZE_MIN).contains(minutes) {
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
            vec![Entry::DoseSnoozed {
                slot: *slot,
                until: until.with_timezone(&clock.tz).fixed_offset(),
            }]
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
            vec![Entry::ItemDone { key: key.clone() }]
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
            vec![Entry::ItemUndone { key: key.clone() }]
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
            vec![Entry::Counted {
                key: key.clone(),
                delta: i64::from(*delta),
            }]
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
                || list.doses.iter().any(|d| dose_key(d.slot) == *target);
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
            vec![Entry::Note {
                on: NoteOn::parse(target),
                text: text.trim().to_string(),
            }]
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
            vec![Entry::DaySkipped {
                reason: reason.trim().to_string(),
            }]
        }
        Tap::UnskipDay => {
            if !list.skipped {
                return Err(CoreError::refused(
                    "nothing_to_undo",
                    "This day is not a skip day.",
                ));
            }
            vec![Entry::DayUnskipped]
        }
        Tap::Breathe { session } => {
            let i = item(BREATHING)?;
            if i.kind != ItemKind::Check {
                return Err(CoreError::invalid(
                    "wrong_item_kind",
                    "key",
                    format!("\"{}\" is counted, not ticked.", i.label),
                ));
            }
            vec![Entry::Breathed(practice::session(session)?)]
        }
        Tap::Move { kind, minutes } => {
            let i = item(MOVEMENT)?;
            if i.kind != ItemKind::Check {
                return Err(CoreError::invalid(
                    "wrong_item_kind",
                    "key",
                    format!("\"{}\" is counted, not ticked.", i.label),
                ));
            }
            let (kind, minutes) = practice::movement(*kind, *minutes)?;
            vec![Entry::Moved { kind, minutes }]
        }
    };
    Ok(out)
}
