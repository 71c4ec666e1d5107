//! Every kind of entry the log holds, with the payloads it carries and the item keys it is
//! stored under: the ground floor that every domain module folds. A new kind of entry is added
//! here and in [`super::codec`], nowhere else. The rules about an entry (what a session counts
//! for, what a unit of supply is) live with the module that folds it
//! ([`crate::practice`], [`crate::stock`]).

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a note is attached to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteOn {
    Dose(u32),
    /// A checklist item by key ("water", "custom:1").
    Item(String),
    /// The day as a whole.
    Day,
    /// A symptom check-in.
    CheckIn,
}

impl NoteOn {
    /// The stored item name: "dose:1", "water", "day", "checkin".
    pub fn key(&self) -> String {
        match self {
            NoteOn::Dose(slot) => dose_key(*slot),
            NoteOn::Item(k) => k.clone(),
            NoteOn::Day => "day".into(),
            NoteOn::CheckIn => "checkin".into(),
        }
    }

    /// The target a checklist note names ("dose:2", an item key or "day").
    pub fn parse(item: &str) -> NoteOn {
        match item {
            "day" => NoteOn::Day,
            "checkin" => NoteOn::CheckIn,
            other => match other.strip_prefix("dose:").and_then(|s| s.parse().ok()) {
                Some(slot) => NoteOn::Dose(slot),
                None => NoteOn::Item(other.to_string()),
            },
        }
    }
}

/// Food or mineral water.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoodKind {
    Food,
    Water,
}

/// One logged food or water.
#[derive(Debug, Clone, PartialEq)]
pub struct FoodLog {
    pub kind: FoodKind,
    /// The USDA food (none for water).
    pub food_id: Option<u32>,
    pub name: String,
    /// "1 cup, chopped", "0.5 L".
    pub label: String,
    pub grams: f64,
    /// Magnesium, mg (to a tenth).
    pub mg: f64,
    /// For water: the label's mg per litre.
    pub mg_per_litre: Option<f64>,
}

/// Every kind of entry the log holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// Dose `slot` taken: now (the entry's instant), or at `at` when recorded afterwards.
    /// Undoes an earlier skip of the same dose.
    DoseTaken {
        slot: u32,
        at: Option<DateTime<FixedOffset>>,
    },
    /// Dose `slot` skipped on purpose: no reminders for it, and it counts as not taken.
    DoseSkipped { slot: u32 },
    /// Withdraws dose `slot`'s "taken" or "skipped", and any snooze: the dose is waiting again.
    DoseUndone { slot: u32 },
    /// **A snooze** puts off dose `slot`'s reminder until `until`: no repeat (nag) comes before
    /// then, one reminder comes at `until`, and the dose itself stays due. It never moves the
    /// dose's window (an untaken dose is still missed when its window closes) and never counts
    /// as taken. A later snooze replaces it; taking, skipping or undoing the dose ends it.
    DoseSnoozed {
        slot: u32,
        until: DateTime<FixedOffset>,
    },
    /// A one-tap item ticked.
    ItemDone { key: String },
    /// A one-tap item unticked.
    ItemUndone { key: String },
    /// One more (+1) or one less (-1) of a counted item (glasses of water).
    Counted { key: String, delta: i64 },
    /// A note; an empty text clears the earlier one.
    Note { on: NoteOn, text: String },
    /// The whole day is a skip or pause day, with the user's reason (may be empty).
    DaySkipped { reason: String },
    /// The skip day taken back.
    DayUnskipped,
    /// Food or water logged.
    FoodLogged(FoodLog),
    /// A logged food taken back: `entry` is the global id of its `FoodLogged` entry.
    FoodRemoved { entry: String },
    /// A symptom rated, 0 (none) to 10 (worst).
    Rated { symptom: Symptom, value: u8 },
    /// The answer to "any of these signs now?" at a check-in (empty: none).
    UrgentAnswer { signs: Vec<String> },
    /// **A safety pause** begins: a check-in reported signs of too much magnesium. No dose
    /// reminders, repeats or dose cards until [`Entry::SafetyResumed`] (see [`crate::pause`]).
    SafetyPaused {
        signs: Vec<String>,
        /// Carried over into a record that had lost it (a replace-restore from an older backup,
        /// or a fresh start after a damaged file): recorded at the instant the pause began.
        /// Written with the action `pause_carried`.
        carried: bool,
    },
    /// The user confirmed that a clinician has cleared them to continue: the pause ends.
    SafetyResumed,
    /// A guided breathing session finished or stopped after a minute: ticks the breathing item
    /// with its minutes (see [`crate::practice`]).
    Breathed(BreathingSession),
    /// Minutes of movement of a kind: ticks the movement item with them.
    Moved { kind: MovementKind, minutes: u32 },
    /// The supply counted: `units` on hand now (see [`crate::stock`]).
    StockCounted { units: f64, unit: StockUnit },
    /// A refill added `units` to the supply.
    Refilled { units: f64 },
    /// Not understood by this version (see the module doc): kept, and skipped by every reader.
    Unknown,
}

/// An entry in the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The row's number in this database (what the screens refer back to).
    pub id: i64,
    /// The global id, the same on every device that holds the entry.
    pub gid: String,
    pub day: NaiveDate,
    /// When it was recorded, with the local offset then.
    pub at: DateTime<FixedOffset>,
    pub protocol_version: Option<i64>,
    pub entry: Entry,
}

/// An entry to append.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRecord {
    pub day: NaiveDate,
    pub at: DateTime<FixedOffset>,
    pub protocol_version: Option<i64>,
    pub entry: Entry,
}

/// The item safety pauses are stored under.
pub const SAFETY: &str = "safety";

pub(crate) fn dose_key(slot: u32) -> String {
    format!("dose:{slot}")
}

/// The checklist items the practices tick (see [`crate::practice`]).
pub const BREATHING: &str = "breathing";
pub const MOVEMENT: &str = "movement";
/// The item stock entries are stored under (see [`crate::stock`]).
pub const STOCK: &str = "stock";

/// A breathing pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BreathingPattern {
    /// A slow, even rhythm: 5 s in, 5 s out (six breaths a minute).
    Even,
    /// A longer exhale: 4 s in, 6 s out.
    LongerExhale,
}

/// A breathing session as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BreathingSession {
    pub pattern: BreathingPattern,
    pub planned_minutes: u32,
    pub seconds: u32,
    /// The minutes it counts for: the length chosen when finished, else the whole minutes done.
    pub minutes: u32,
    pub finished: bool,
    pub warmth_before: Option<u8>,
    pub warmth_after: Option<u8>,
}

/// A kind of movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MovementKind {
    Walk,
    Yoga,
    Stretching,
    Other,
}

impl MovementKind {
    pub const ALL: [MovementKind; 4] = [
        MovementKind::Walk,
        MovementKind::Yoga,
        MovementKind::Stretching,
        MovementKind::Other,
    ];
}

/// What the product comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum StockUnit {
    #[default]
    Capsules,
    Tablets,
    /// Powder by the scoop (a dose may be half a scoop).
    Scoops,
    Sachets,
    Gummies,
}

impl StockUnit {
    pub const ALL: [StockUnit; 5] = [
        StockUnit::Capsules,
        StockUnit::Tablets,
        StockUnit::Scoops,
        StockUnit::Sachets,
        StockUnit::Gummies,
    ];

    /// The unit's word, as stored and as shown ("capsules"): serde's name for it (a test holds
    /// the two together).
    pub fn key(self) -> &'static str {
        match self {
            StockUnit::Capsules => "capsules",
            StockUnit::Tablets => "tablets",
            StockUnit::Scoops => "scoops",
            StockUnit::Sachets => "sachets",
            StockUnit::Gummies => "gummies",
        }
    }
}

/// The symptoms a protocol can track, each rated 0 (none) to 10 (worst).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Symptom {
    ColdHands,
    ColdFeet,
    Numbness,
    Tingling,
    NervePain,
    Cramps,
    Weakness,
    Stress,
    PoorSleep,
    /// Stomach upset or loose stools: the tolerance check every protocol tracks.
    Stomach,
}

impl Symptom {
    pub const ALL: [Symptom; 10] = [
        Symptom::ColdHands,
        Symptom::ColdFeet,
        Symptom::Numbness,
        Symptom::Tingling,
        Symptom::NervePain,
        Symptom::Cramps,
        Symptom::Weakness,
        Symptom::Stress,
        Symptom::PoorSleep,
        Symptom::Stomach,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Symptom::ColdHands => "cold_hands",
            Symptom::ColdFeet => "cold_feet",
            Symptom::Numbness => "numbness",
            Symptom::Tingling => "tingling",
            Symptom::NervePain => "nerve_pain",
            Symptom::Cramps => "cramps",
            Symptom::Weakness => "weakness",
            Symptom::Stress => "stress",
            Symptom::PoorSleep => "poor_sleep",
            Symptom::Stomach => "stomach",
        }
    }

    pub fn from_key(key: &str) -> Option<Symptom> {
        Symptom::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Symptom::ColdHands => "Cold hands",
            Symptom::ColdFeet => "Cold feet",
            Symptom::Numbness => "Numbness",
            Symptom::Tingling => "Tingling",
            Symptom::NervePain => "Nerve pain",
            Symptom::Cramps => "Cramps or muscle tension",
            Symptom::Weakness => "Weakness",
            Symptom::Stress => "Stress",
            Symptom::PoorSleep => "Poor sleep",
            Symptom::Stomach => "Stomach upset or loose stools",
        }
    }
}
