//! The event log's vocabulary: every kind of entry the app records, the one place that turns an
//! entry into a stored row ([`encode`]) and back ([`decode`]), and the replay of one day's
//! entries into that day's state ([`DayState`]). The checklist, reminders, the delivery check,
//! check-ins, progress, food and the report read entries only through this module.
//!
//! Nothing is stored as state: a tap appends an entry and never rewrites one. A correction is a
//! later entry (an undo, a new note, a food removal that names the entry it takes back).
//!
//! **Unknown or malformed entries** (an action this version does not know, or a value of the
//! wrong shape, e.g. written by a newer version on another device) decode to
//! [`Entry::Unknown`]: they stay in the log untouched and every reader skips them, the same way
//! everywhere. Only a row whose day or instant cannot be read at all is an error
//! ([`CoreError::Corrupt`](crate::error::CoreError::Corrupt)): without them it cannot be placed
//! on any day.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde_json::{json, Value};

use crate::error::Result;
use crate::practice::{BreathingSession, MovementKind, BREATHING, MOVEMENT};
use crate::protocol::Symptom;
use crate::stock::{StockUnit, STOCK};
use crate::store::{Event, NewEvent, Store};

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

fn text(v: &Option<Value>) -> Option<String> {
    v.as_ref()?.as_str().map(|s| s.trim().to_string())
}

fn instant(v: &Option<Value>, field: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(v.as_ref()?.get(field)?.as_str()?).ok()
}

fn strings(v: &Option<Value>) -> Option<Vec<String>> {
    v.as_ref()?
        .as_array()?
        .iter()
        .map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn food_log(v: &Value) -> Option<FoodLog> {
    let kind = match v.get("kind").and_then(Value::as_str) {
        Some("water") => FoodKind::Water,
        _ => FoodKind::Food,
    };
    Some(FoodLog {
        kind,
        food_id: match v.get("food_id") {
            None | Some(Value::Null) => None,
            Some(id) => Some(u32::try_from(id.as_u64()?).ok()?),
        },
        name: v.get("name")?.as_str()?.to_string(),
        label: v.get("label").and_then(Value::as_str).unwrap_or("").into(),
        grams: v.get("grams").and_then(Value::as_f64).unwrap_or(0.0),
        mg: v.get("mg")?.as_f64()?,
        mg_per_litre: v.get("mg_per_litre").and_then(Value::as_f64),
    })
}

fn units(v: &Option<Value>) -> Option<f64> {
    v.as_ref()?
        .get("units")?
        .as_f64()
        .filter(|u| u.is_finite() && *u >= 0.0)
}

/// Read a stored row's entry (the one reader).
pub fn decode(item: &str, action: &str, value: &Option<Value>, corrects: Option<&str>) -> Entry {
    let dose = item
        .strip_prefix("dose:")
        .and_then(|s| s.parse::<u32>().ok());
    let decoded = match (item, action, dose) {
        (_, "note", _) => text(value).map(|text| Entry::Note {
            on: NoteOn::parse(item),
            text,
        }),
        (_, "taken", Some(slot)) => match value {
            None => Some(Entry::DoseTaken { slot, at: None }),
            Some(_) => instant(value, "taken_at").map(|at| Entry::DoseTaken { slot, at: Some(at) }),
        },
        (_, "skipped", Some(slot)) => Some(Entry::DoseSkipped { slot }),
        (_, "undo", Some(slot)) => Some(Entry::DoseUndone { slot }),
        (_, "snooze", Some(slot)) => {
            instant(value, "until").map(|until| Entry::DoseSnoozed { slot, until })
        }
        ("day", "skip", _) => Some(Entry::DaySkipped {
            reason: text(value).unwrap_or_default(),
        }),
        ("day", "unskip", _) => Some(Entry::DayUnskipped),
        ("food", "log", _) => value.as_ref().and_then(food_log).map(Entry::FoodLogged),
        ("food", "remove", _) => corrects.map(|entry| Entry::FoodRemoved {
            entry: entry.to_string(),
        }),
        ("checkin", "urgent", _) => strings(value).map(|signs| Entry::UrgentAnswer { signs }),
        ("safety", "pause", _) => strings(value).map(|signs| Entry::SafetyPaused {
            signs,
            carried: false,
        }),
        ("safety", "pause_carried", _) => strings(value).map(|signs| Entry::SafetyPaused {
            signs,
            carried: true,
        }),
        ("safety", "resume", _) => Some(Entry::SafetyResumed),
        (BREATHING, "session", _) => value
            .as_ref()
            .and_then(|v| serde_json::from_value::<BreathingSession>(v.clone()).ok())
            .filter(|s| s.minutes > 0)
            .map(Entry::Breathed),
        (MOVEMENT, "minutes", _) => {
            let v = value.as_ref();
            let kind = v
                .and_then(|v| v.get("kind")?.as_str())
                .and_then(MovementKind::from_key);
            let minutes = v
                .and_then(|v| v.get("minutes")?.as_u64())
                .and_then(|m| u32::try_from(m).ok())
                .filter(|m| *m > 0);
            kind.zip(minutes)
                .map(|(kind, minutes)| Entry::Moved { kind, minutes })
        }
        (STOCK, "count", _) => {
            let v = value.as_ref();
            let unit = v
                .and_then(|v| v.get("unit")?.as_str())
                .and_then(StockUnit::from_key);
            units(value)
                .zip(unit)
                .map(|(units, unit)| Entry::StockCounted { units, unit })
        }
        (STOCK, "refill", _) => units(value).map(|units| Entry::Refilled { units }),
        (_, "rate", _) => {
            let symptom = item.strip_prefix("symptom:").and_then(Symptom::from_key);
            let v = value.as_ref().and_then(Value::as_u64);
            match (symptom, v.and_then(|v| u8::try_from(v).ok())) {
                (Some(symptom), Some(value)) if value <= 10 => {
                    Some(Entry::Rated { symptom, value })
                }
                _ => None,
            }
        }
        (_, _, Some(_)) | ("day" | "checkin" | "safety" | STOCK, _, _) => None,
        (key, "done", None) => Some(Entry::ItemDone { key: key.into() }),
        (key, "undo", None) => Some(Entry::ItemUndone { key: key.into() }),
        (key, "add", None) => value
            .as_ref()
            .and_then(Value::as_i64)
            .map(|delta| Entry::Counted {
                key: key.into(),
                delta,
            }),
        _ => None,
    };
    decoded.unwrap_or(Entry::Unknown)
}

/// How an entry is stored: (item, action, value, corrects). `None` for [`Entry::Unknown`],
/// which is never written.
pub fn encode(entry: &Entry) -> Option<(String, &'static str, Option<Value>, Option<String>)> {
    let r = |item: String, action, value| Some((item, action, value, None));
    match entry {
        Entry::DoseTaken { slot, at } => r(
            dose_key(*slot),
            "taken",
            at.map(|t| json!({ "taken_at": t.to_rfc3339() })),
        ),
        Entry::DoseSkipped { slot } => r(dose_key(*slot), "skipped", None),
        Entry::DoseUndone { slot } => r(dose_key(*slot), "undo", None),
        Entry::DoseSnoozed { slot, until } => r(
            dose_key(*slot),
            "snooze",
            Some(json!({ "until": until.to_rfc3339() })),
        ),
        Entry::ItemDone { key } => r(key.clone(), "done", None),
        Entry::ItemUndone { key } => r(key.clone(), "undo", None),
        Entry::Counted { key, delta } => r(key.clone(), "add", Some(json!(delta))),
        Entry::Note { on, text } => r(on.key(), "note", Some(json!(text.trim()))),
        Entry::DaySkipped { reason } => r("day".into(), "skip", Some(json!(reason.trim()))),
        Entry::DayUnskipped => r("day".into(), "unskip", None),
        Entry::FoodLogged(f) => {
            let mut v = json!({
                "kind": match f.kind { FoodKind::Food => "food", FoodKind::Water => "water" },
                "name": f.name,
                "label": f.label,
                "grams": f.grams,
                "mg": f.mg,
            });
            if let Some(id) = f.food_id {
                v["food_id"] = json!(id);
            }
            if let Some(w) = f.mg_per_litre {
                v["mg_per_litre"] = json!(w);
            }
            r("food".into(), "log", Some(v))
        }
        Entry::FoodRemoved { entry } => Some(("food".into(), "remove", None, Some(entry.clone()))),
        Entry::Rated { symptom, value } => r(
            format!("symptom:{}", symptom.key()),
            "rate",
            Some(json!(value)),
        ),
        Entry::UrgentAnswer { signs } => r("checkin".into(), "urgent", Some(json!(signs))),
        Entry::SafetyPaused { signs, carried } => r(
            SAFETY.into(),
            if *carried { "pause_carried" } else { "pause" },
            Some(json!(signs)),
        ),
        Entry::SafetyResumed => r(SAFETY.into(), "resume", None),
        Entry::Breathed(session) => r(
            BREATHING.into(),
            "session",
            serde_json::to_value(session).ok(),
        ),
        Entry::Moved { kind, minutes } => r(
            MOVEMENT.into(),
            "minutes",
            Some(json!({ "kind": kind.key(), "minutes": minutes })),
        ),
        Entry::StockCounted { units, unit } => r(
            STOCK.into(),
            "count",
            Some(json!({ "units": units, "unit": unit.key() })),
        ),
        Entry::Refilled { units } => r(STOCK.into(), "refill", Some(json!({ "units": units }))),
        Entry::Unknown => None,
    }
}

/// A stored row as an entry (a value whose JSON cannot be read is an unknown entry).
pub fn record_of(e: &Event) -> Record {
    let entry = match e.value.as_deref().map(serde_json::from_str::<Value>) {
        Some(Err(_)) => Entry::Unknown,
        Some(Ok(v)) => decode(&e.item, &e.action, &Some(v), e.corrects_gid.as_deref()),
        None => decode(&e.item, &e.action, &None, e.corrects_gid.as_deref()),
    };
    Record {
        id: e.id,
        gid: e.gid.clone(),
        day: e.day,
        at: e.at,
        protocol_version: e.protocol_version,
        entry,
    }
}

/// Every entry of `first..=last`, by day then in the order recorded.
pub async fn read(store: &Store, first: NaiveDate, last: NaiveDate) -> Result<Vec<Record>> {
    Ok(store
        .events_between(first, last)
        .await?
        .iter()
        .map(record_of)
        .collect())
}

/// The settings, every safety pause and resumption, and every supply count and refill (each
/// oldest first), in one round trip.
pub async fn read_settings_safety_and_stock(
    store: &Store,
) -> Result<(Option<crate::settings::Settings>, Vec<Record>, Vec<Record>)> {
    let (settings, events) = store.setting_and_items("settings", [SAFETY, STOCK]).await?;
    let (safety, stock) = events
        .iter()
        .map(record_of)
        .partition(|r| matches!(r.entry, Entry::SafetyPaused { .. } | Entry::SafetyResumed));
    Ok((settings, safety, stock))
}

/// Every safety pause and resumption, oldest first (one indexed query, however long the log).
pub async fn read_safety(store: &Store) -> Result<Vec<Record>> {
    Ok(store
        .events_of_item(SAFETY)
        .await?
        .iter()
        .map(record_of)
        .collect())
}

/// The version governing `day` (as stored) and the day's entries, in one round trip.
pub async fn read_day(
    store: &Store,
    day: NaiveDate,
) -> Result<(Option<crate::store::StoredVersion>, Vec<Record>)> {
    let (version, events) = store.day_rows(day).await?;
    Ok((version, events.iter().map(record_of).collect()))
}

/// Every food entry (logged or removed) of `first..=last`.
pub async fn read_food(store: &Store, first: NaiveDate, last: NaiveDate) -> Result<Vec<Record>> {
    Ok(store
        .events_between_for(first, last, "food")
        .await?
        .iter()
        .map(record_of)
        .collect())
}

/// Append entries in one transaction (all or none): the one writer.
pub async fn append(store: &Store, records: &[NewRecord]) -> Result<Vec<Record>> {
    let rows: Vec<NewEvent> = records
        .iter()
        .filter_map(|r| {
            let (item, action, value, corrects) = encode(&r.entry)?;
            Some(NewEvent {
                day: r.day,
                at: r.at,
                item,
                action: action.into(),
                value,
                protocol_version: r.protocol_version,
                corrects,
            })
        })
        .collect();
    Ok(store.append(&rows).await?.iter().map(record_of).collect())
}

/// Where one dose stands after a day's entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DoseState {
    /// When it was taken, if it is.
    pub taken: Option<DateTime<FixedOffset>>,
    pub skipped: bool,
    /// The snooze in force: the entry's id and when it ends.
    pub snooze: Option<(i64, DateTime<FixedOffset>)>,
    pub note: Option<String>,
}

impl DoseState {
    /// Taken or skipped: nothing left to remind.
    pub fn done(&self) -> bool {
        self.taken.is_some() || self.skipped
    }
}

/// Where one checklist item stands after a day's entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemState {
    pub done: bool,
    /// The sum of its counts (may dip below zero only in a damaged log; shown as zero).
    pub count: i64,
    pub note: Option<String>,
    /// Minutes recorded on it (breathing sessions, movement); an untick withdraws them.
    pub minutes: u32,
}

/// One food or water entry still standing (not removed).
#[derive(Debug, Clone, PartialEq)]
pub struct FoodRecord {
    /// The entry's row in this database: what the Food screen names to remove it.
    pub id: i64,
    /// The entry's global id: what a removal records.
    pub gid: String,
    pub day: NaiveDate,
    pub at: DateTime<FixedOffset>,
    pub food: FoodLog,
}

/// A day's state: the replay of its entries in the order recorded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayState {
    /// `Some(reason)` on a skip day (the reason may be empty).
    pub skipped: Option<String>,
    pub day_note: Option<String>,
    pub doses: BTreeMap<u32, DoseState>,
    pub items: BTreeMap<String, ItemState>,
    /// Food and water logged and not removed, in the order logged.
    pub food: Vec<FoodRecord>,
    /// Each symptom's last rating.
    pub ratings: BTreeMap<Symptom, u8>,
    /// The last answer about urgent signs, if a check-in gave one.
    pub urgent: Option<Vec<String>>,
    /// When that answer was recorded.
    pub urgent_at: Option<DateTime<FixedOffset>>,
    /// The last check-in note.
    pub check_in_note: Option<String>,
    /// True when a symptom was rated.
    pub checked_in: bool,
    /// Breathing sessions standing (an untick of the item withdraws them).
    pub breathing: Vec<BreathingSession>,
    /// Movement recorded and standing: kind and minutes.
    pub movement: Vec<(MovementKind, u32)>,
}

fn note(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

impl DayState {
    /// Replay entries (one day's, in the order recorded) into the day's state.
    pub fn replay<'a>(records: impl IntoIterator<Item = &'a Record>) -> DayState {
        let mut s = DayState::default();
        let mut removed = Vec::new();
        for r in records {
            match &r.entry {
                Entry::DoseTaken { slot, at } => {
                    let d = s.doses.entry(*slot).or_default();
                    d.taken = Some(at.unwrap_or(r.at));
                    d.skipped = false;
                }
                Entry::DoseSkipped { slot } => {
                    let d = s.doses.entry(*slot).or_default();
                    d.taken = None;
                    d.skipped = true;
                }
                Entry::DoseUndone { slot } => {
                    let d = s.doses.entry(*slot).or_default();
                    d.taken = None;
                    d.skipped = false;
                    d.snooze = None;
                }
                Entry::DoseSnoozed { slot, until } => {
                    s.doses.entry(*slot).or_default().snooze = Some((r.id, *until));
                }
                Entry::ItemDone { key } => s.items.entry(key.clone()).or_default().done = true,
                Entry::ItemUndone { key } => {
                    let item = s.items.entry(key.clone()).or_default();
                    item.done = false;
                    item.minutes = 0;
                    match key.as_str() {
                        BREATHING => s.breathing.clear(),
                        MOVEMENT => s.movement.clear(),
                        _ => {}
                    }
                }
                Entry::Breathed(session) => {
                    let item = s.items.entry(BREATHING.into()).or_default();
                    item.done = true;
                    item.minutes += session.minutes;
                    s.breathing.push(session.clone());
                }
                Entry::Moved { kind, minutes } => {
                    let item = s.items.entry(MOVEMENT.into()).or_default();
                    item.done = true;
                    item.minutes += minutes;
                    s.movement.push((*kind, *minutes));
                }
                Entry::Counted { key, delta } => {
                    s.items.entry(key.clone()).or_default().count += delta;
                }
                Entry::Note { on, text } => match on {
                    NoteOn::Dose(slot) => s.doses.entry(*slot).or_default().note = note(text),
                    NoteOn::Item(key) => s.items.entry(key.clone()).or_default().note = note(text),
                    NoteOn::Day => s.day_note = note(text),
                    NoteOn::CheckIn => s.check_in_note = note(text),
                },
                Entry::DaySkipped { reason } => s.skipped = Some(reason.trim().to_string()),
                Entry::DayUnskipped => s.skipped = None,
                Entry::FoodLogged(food) => s.food.push(FoodRecord {
                    id: r.id,
                    gid: r.gid.clone(),
                    day: r.day,
                    at: r.at,
                    food: food.clone(),
                }),
                Entry::FoodRemoved { entry } => removed.push(entry.clone()),
                Entry::Rated { symptom, value } => {
                    s.ratings.insert(*symptom, *value);
                    s.checked_in = true;
                }
                Entry::UrgentAnswer { signs } => {
                    s.urgent = Some(signs.clone());
                    s.urgent_at = Some(r.at);
                }
                // Pauses and the supply span days: [`crate::pause`] and [`crate::stock`] read
                // them across the log.
                Entry::SafetyPaused { .. }
                | Entry::SafetyResumed
                | Entry::StockCounted { .. }
                | Entry::Refilled { .. }
                | Entry::Unknown => {}
            }
        }
        s.food.retain(|f| !removed.contains(&f.gid));
        s
    }

    /// Food and water magnesium logged, mg.
    pub fn food_mg(&self) -> f64 {
        self.food.iter().map(|f| f.food.mg).sum()
    }

    /// Dose `slot`'s state (waiting when nothing was recorded).
    pub fn dose(&self, slot: u32) -> DoseState {
        self.doses.get(&slot).cloned().unwrap_or_default()
    }

    /// Item `key`'s state.
    pub fn item(&self, key: &str) -> ItemState {
        self.items.get(key).cloned().unwrap_or_default()
    }
}

/// Replay only the entries recorded before `t`: what the log said then.
pub fn state_before(records: &[Record], t: DateTime<Utc>) -> DayState {
    DayState::replay(records.iter().filter(|r| r.at.with_timezone(&Utc) < t))
}

/// Group records by day (each day's in the order recorded).
pub fn by_day(records: &[Record]) -> BTreeMap<NaiveDate, Vec<&Record>> {
    let mut out: BTreeMap<NaiveDate, Vec<&Record>> = BTreeMap::new();
    for r in records {
        out.entry(r.day).or_default().push(r);
    }
    out
}

#[cfg(test)]
mod tests;
