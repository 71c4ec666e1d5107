//! The event CSV's entry rows: one per log entry, as written, each correction naming the entry
//! it takes back.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::row::{amount, form_and_product, Row};
use crate::export::ExportData;
use crate::log::{dose_key, Entry, FoodKind, Record, SAFETY};
use crate::practice::{BREATHING, MOVEMENT};
use crate::stock::STOCK;

/// The entry a dose, item, note, skip or pause stands on.
#[derive(Debug, Clone)]
pub(super) struct Standing {
    pub gid: String,
    /// When it was recorded (RFC 3339).
    pub at: String,
}

/// The key of what `key` stands on for `day`.
pub(super) fn day_key(day: NaiveDate, key: &str) -> String {
    format!("{day}|{key}")
}

/// What one entry says, before the columns every entry row shares.
#[derive(Default)]
struct What {
    kind: &'static str,
    item: String,
    action: &'static str,
    value: String,
    mg: String,
    note: String,
    /// What it sets (`Some(true)`) or takes back (`Some(false)`), by standing key.
    stands: Option<(String, bool)>,
    /// The entry it takes back, when it names one itself (a food removal).
    corrects: Option<String>,
}

fn label(d: &ExportData, key: &str) -> String {
    if let Some(l) = d.labels.get(key) {
        return l.clone();
    }
    match key {
        "day" => "Day".into(),
        "checkin" => "Check-in".into(),
        "food" => "Food".into(),
        SAFETY => "Safety pause".into(),
        STOCK => "Supply".into(),
        BREATHING => "Breathing".into(),
        MOVEMENT => "Movement".into(),
        k => match k.strip_prefix("dose:") {
            Some(slot) => format!("Dose {slot}"),
            None => k.to_string(),
        },
    }
}

/// An entry on a dose.
fn dose(d: &ExportData, r: &Record) -> Option<What> {
    let (slot, action, value, sets) = match &r.entry {
        Entry::DoseTaken { slot, at } => (
            *slot,
            "taken",
            at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            Some(true),
        ),
        Entry::DoseSkipped { slot } => (*slot, "skipped", String::new(), Some(true)),
        Entry::DoseUndone { slot } => (*slot, "undone", String::new(), Some(false)),
        Entry::DoseSnoozed { slot, until } => (*slot, "snoozed", until.to_rfc3339(), None),
        _ => return None,
    };
    let key = dose_key(slot);
    Some(What {
        kind: "dose entry",
        item: label(d, &key),
        action,
        value,
        stands: sets.map(|s| (day_key(r.day, &key), s)),
        ..What::default()
    })
}

/// An entry on a checklist item, a note or the day.
fn checklist(d: &ExportData, r: &Record) -> Option<What> {
    let at_day = |key: &str, sets| Some((day_key(r.day, key), sets));
    let w = match &r.entry {
        Entry::ItemDone { key } => What {
            kind: "item",
            item: label(d, key),
            action: "ticked",
            stands: at_day(key, true),
            ..What::default()
        },
        Entry::ItemUndone { key } => What {
            kind: "item",
            item: label(d, key),
            action: "unticked",
            stands: at_day(key, false),
            ..What::default()
        },
        Entry::Counted { key, delta } => What {
            kind: "item",
            item: label(d, key),
            action: "counted",
            value: format!("{delta:+}"),
            ..What::default()
        },
        Entry::Note { on, text } => {
            let text = text.trim();
            What {
                kind: "note",
                item: label(d, &on.key()),
                action: if text.is_empty() {
                    "note cleared"
                } else {
                    "note"
                },
                note: text.to_string(),
                stands: at_day(&format!("note:{}", on.key()), !text.is_empty()),
                ..What::default()
            }
        }
        Entry::DaySkipped { reason } => What {
            kind: "day",
            item: label(d, "day"),
            action: "skipped",
            note: reason.trim().to_string(),
            stands: at_day("skip", true),
            ..What::default()
        },
        Entry::DayUnskipped => What {
            kind: "day",
            item: label(d, "day"),
            action: "unskipped",
            stands: at_day("skip", false),
            ..What::default()
        },
        _ => return None,
    };
    Some(w)
}

/// A food logged or removed.
fn food(d: &ExportData, r: &Record) -> Option<What> {
    let name = |f: &crate::log::FoodLog| match (f.kind, f.name.is_empty()) {
        (FoodKind::Water, true) => "Water".to_string(),
        _ => f.name.clone(),
    };
    match &r.entry {
        Entry::FoodLogged(f) => Some(What {
            kind: "food",
            item: name(f),
            action: "logged",
            value: f.label.clone(),
            mg: amount(f.mg),
            ..What::default()
        }),
        Entry::FoodRemoved { entry } => {
            let logged = d.records.iter().find_map(|l| match &l.entry {
                Entry::FoodLogged(f) if l.gid == *entry => Some(f),
                _ => None,
            });
            Some(What {
                kind: "food",
                item: logged.map_or_else(|| label(d, "food"), name),
                action: "removed",
                value: logged.map(|f| f.label.clone()).unwrap_or_default(),
                mg: logged.map(|f| amount(-f.mg)).unwrap_or_default(),
                corrects: Some(entry.clone()),
                ..What::default()
            })
        }
        _ => None,
    }
}

/// A check-in, a safety pause, practice or the supply.
fn other(d: &ExportData, r: &Record) -> Option<What> {
    let signs = |s: &[String]| {
        if s.is_empty() {
            "none".into()
        } else {
            s.join("; ")
        }
    };
    let (kind, item, action, value, stands) = match &r.entry {
        Entry::Rated { symptom, value } => (
            "check-in",
            symptom.label().to_string(),
            "rated",
            value.to_string(),
            None,
        ),
        Entry::UrgentAnswer { signs: s } => (
            "check-in",
            label(d, "checkin"),
            "urgent signs",
            signs(s),
            None,
        ),
        Entry::SafetyPaused { signs: s, carried } => (
            "safety",
            label(d, SAFETY),
            if *carried {
                "pause carried over"
            } else {
                "paused"
            },
            signs(s),
            Some((SAFETY.to_string(), true)),
        ),
        Entry::SafetyResumed => (
            "safety",
            label(d, SAFETY),
            "resumed",
            String::new(),
            Some((SAFETY.to_string(), false)),
        ),
        Entry::Breathed(s) => {
            let item = format!("{} ({})", label(d, BREATHING), s.pattern.label());
            ("practice", item, "breathing", s.minutes.to_string(), None)
        }
        Entry::Moved { kind, minutes } => {
            let item = format!("{} ({})", label(d, MOVEMENT), kind.label());
            ("practice", item, "movement", minutes.to_string(), None)
        }
        Entry::StockCounted { units, unit } => {
            let value = format!("{} {}", amount(*units), unit.key());
            ("supply", label(d, STOCK), "counted", value, None)
        }
        Entry::Refilled { units } => {
            let value = format!("+{}", amount(*units));
            ("supply", label(d, STOCK), "refilled", value, None)
        }
        _ => return None,
    };
    Some(What {
        kind,
        item,
        action,
        value,
        stands,
        ..What::default()
    })
}

/// One row per readable entry of `d`, by day (in the order recorded), and what each dose, item,
/// note, skip and pause stands on at the end.
pub(super) fn rows(d: &ExportData) -> (Vec<(NaiveDate, Row)>, BTreeMap<String, Standing>) {
    let version_of: BTreeMap<NaiveDate, Option<i64>> =
        d.days.iter().map(|day| (day.day, day.version)).collect();
    let course_day: BTreeMap<NaiveDate, u32> = d
        .days
        .iter()
        .filter_map(|day| Some((day.day, day.course_day?)))
        .collect();
    let mut standing: BTreeMap<String, Standing> = BTreeMap::new();
    let mut out = Vec::new();
    for r in d.records {
        let Some(mut w) = dose(d, r)
            .or_else(|| checklist(d, r))
            .or_else(|| food(d, r))
            .or_else(|| other(d, r))
        else {
            continue;
        };
        if let Some((key, sets)) = &w.stands {
            let before = if *sets {
                let now = Standing {
                    gid: r.gid.clone(),
                    at: r.at.to_rfc3339(),
                };
                standing.insert(key.clone(), now)
            } else {
                standing.remove(key)
            };
            w.corrects = w.corrects.or(before.map(|s| s.gid));
        }
        let plan = match w.kind {
            "dose entry" => form_and_product(d, version_of.get(&r.day).copied().flatten()),
            _ => (String::new(), String::new()),
        };
        out.push((r.day, row(d, r, w, plan, &course_day)));
    }
    (out, standing)
}

fn row(
    d: &ExportData,
    r: &Record,
    w: What,
    (form, product): (String, String),
    course_day: &BTreeMap<NaiveDate, u32>,
) -> Row {
    Row {
        date: r.day.to_string(),
        course_day: course_day
            .get(&r.day)
            .map(u32::to_string)
            .unwrap_or_default(),
        kind: w.kind.into(),
        item: w.item,
        action: w.action.into(),
        recorded_at: r.at.to_rfc3339(),
        value: w.value,
        mg: w.mg,
        form,
        product,
        note: w.note,
        device: d.devices.get(&r.gid).cloned().unwrap_or_default(),
        entry: r.gid.clone(),
        corrects: w.corrects.unwrap_or_default(),
        ..Row::default()
    }
}
