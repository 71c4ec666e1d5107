//! What the checklist shows and what a tap asks: the day's doses and items as the screens see
//! them, and the taps that change them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::practice::{BreathingInput, MovementKind};
use crate::protocol::{ItemKind, ItemNote, KeepApart};

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
    /// A guided breathing session finished, or stopped after at least a minute: ticks the
    /// breathing item with its minutes (see [`crate::practice`]).
    Breathe { session: BreathingInput },
    /// Minutes of movement of a kind: ticks the movement item with them.
    Move { kind: MovementKind, minutes: u32 },
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
    /// The whole day is a skip day, or a safety pause was in force when it came due (it is
    /// then not expected: see [`crate::pause`]).
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
    /// `due_at`, `window_end` and `snoozed_until` as instants, for the core's own use.
    #[serde(skip)]
    #[ts(skip)]
    pub timing: DoseTiming,
    #[serde(skip)]
    #[ts(skip)]
    pub snooze_ends: Option<DateTime<Utc>>,
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
    /// The user's note on it for the day.
    pub note: Option<String>,
    /// What to know about the item itself (B6, omega-3, topical magnesium...), with its source:
    /// the note the version was saved with, or for a version saved before items carried notes,
    /// the item's note today.
    pub guidance: Option<ItemNote>,
    /// Minutes recorded on the item today (breathing sessions, movement).
    pub minutes: u32,
    /// The kinds of movement the movement item records minutes of, with their words (empty on
    /// every other item).
    pub movement_kinds: Vec<MovementChoice>,
}

/// A kind of movement as the screens offer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MovementChoice {
    pub kind: MovementKind,
    pub label: String,
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
    /// With magnesium antacids or laxatives declared: each medicine's rule holds around them too
    /// (reference §4: "between the medicine and any magnesium-containing product, supplement or
    /// antacid"), shown with or without a supplement plan.
    pub antacid_rules: Vec<String>,
    pub score: DayScore,
}

impl Checklist {
    /// The item with `key`, if the day has it.
    pub fn item(&self, key: &str) -> Option<&ItemView> {
        self.items.iter().find(|i| i.key == key)
    }

    /// Whether a dose is still upcoming or due (else the next dose is tomorrow's).
    pub fn has_waiting_dose(&self) -> bool {
        self.doses
            .iter()
            .any(|d| matches!(d.status, DoseStatus::Upcoming | DoseStatus::Due))
    }

    /// Supplement magnesium taken on the day, mg.
    pub fn supplement_mg(&self) -> f64 {
        self.doses
            .iter()
            .filter(|d| d.status == DoseStatus::Taken)
            .map(|d| d.mg)
            .sum()
    }
}

/// The next dose due.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NextDose {
    pub day: NaiveDate,
    pub slot: u32,
    pub time: String,
    pub due_at: String,
}

/// A dose's time of day on `day`, with its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DoseTiming {
    pub slot: u32,
    pub due: DateTime<Utc>,
    pub window_end: DateTime<Utc>,
}
