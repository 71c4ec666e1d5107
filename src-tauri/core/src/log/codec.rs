//! The one place an entry becomes a stored row ([`encode`]) and a row an entry ([`decode`]).
//! Payloads that are objects are read and written by serde; a row of the wrong shape reads as
//! [`Entry::Unknown`](super::entry::Entry::Unknown).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::entry::{
    dose_key, BreathingSession, Entry, FoodKind, FoodLog, MovementKind, NoteOn, Record, StockUnit,
    Symptom, BREATHING, MOVEMENT, SAFETY, STOCK,
};
use crate::store::Event;

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

/// Minutes of movement of a kind, as stored.
#[derive(Serialize, Deserialize)]
struct Moved {
    kind: MovementKind,
    minutes: u32,
}

/// A supply count, as stored.
#[derive(Serialize, Deserialize)]
struct Counted {
    units: f64,
    unit: StockUnit,
}

/// A refill, as stored.
#[derive(Serialize, Deserialize)]
struct Refill {
    units: f64,
}

/// An object payload read by serde (none when it has another shape).
fn payload<T: for<'de> Deserialize<'de>>(v: &Option<Value>) -> Option<T> {
    T::deserialize(v.as_ref()?).ok()
}

fn units_ok(units: f64) -> bool {
    units.is_finite() && units >= 0.0
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
        (BREATHING, "session", _) => payload::<BreathingSession>(value)
            .filter(|s| s.minutes > 0)
            .map(Entry::Breathed),
        (MOVEMENT, "minutes", _) => payload::<Moved>(value)
            .filter(|m| m.minutes > 0)
            .map(|Moved { kind, minutes }| Entry::Moved { kind, minutes }),
        (STOCK, "count", _) => payload::<Counted>(value)
            .filter(|c| units_ok(c.units))
            .map(|Counted { units, unit }| Entry::StockCounted { units, unit }),
        (STOCK, "refill", _) => payload::<Refill>(value)
            .filter(|r| units_ok(r.units))
            .map(|Refill { units }| Entry::Refilled { units }),
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

fn stored<T: Serialize>(payload: &T) -> Option<Value> {
    serde_json::to_value(payload).ok()
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
        Entry::Breathed(session) => r(BREATHING.into(), "session", stored(session)),
        Entry::Moved { kind, minutes } => r(
            MOVEMENT.into(),
            "minutes",
            stored(&Moved {
                kind: *kind,
                minutes: *minutes,
            }),
        ),
        Entry::StockCounted { units, unit } => r(
            STOCK.into(),
            "count",
            stored(&Counted {
                units: *units,
                unit: *unit,
            }),
        ),
        Entry::Refilled { units } => r(STOCK.into(), "refill", stored(&Refill { units: *units })),
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
