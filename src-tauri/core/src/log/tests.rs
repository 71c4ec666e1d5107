use super::*;
use chrono::{DateTime, FixedOffset, Utc};
use serde_json::{json, Value};

use crate::protocol::Symptom;
use crate::testkit::{at_plus_one, date};

/// `h:m` on [`day`] at +01:00.
fn t(h: u32, m: u32) -> DateTime<FixedOffset> {
    at_plus_one(day(), h, m)
}

fn day() -> NaiveDate {
    date(2026, 11, 21)
}

/// A stored row: (item, action, value, corrects).
type Row<'a> = (&'a str, &'a str, Option<Value>, Option<&'a str>);
/// A stored row and the entry it reads as.
type Case<'a> = (&'a str, &'a str, Option<Value>, Option<&'a str>, Entry);

fn every_kind() -> Vec<Entry> {
    vec![
        Entry::DoseTaken { slot: 1, at: None },
        Entry::DoseTaken {
            slot: 2,
            at: Some(t(8, 15)),
        },
        Entry::DoseSkipped { slot: 2 },
        Entry::DoseUndone { slot: 2 },
        Entry::DoseSnoozed {
            slot: 1,
            until: t(9, 0),
        },
        Entry::ItemDone { key: "food".into() },
        Entry::ItemUndone { key: "food".into() },
        Entry::Counted {
            key: "water".into(),
            delta: -1,
        },
        Entry::Note {
            on: NoteOn::Dose(1),
            text: "with breakfast".into(),
        },
        Entry::Note {
            on: NoteOn::Item("custom:1".into()),
            text: "".into(),
        },
        Entry::Note {
            on: NoteOn::Day,
            text: "travel".into(),
        },
        Entry::Note {
            on: NoteOn::CheckIn,
            text: "better".into(),
        },
        Entry::DaySkipped {
            reason: "ill".into(),
        },
        Entry::DayUnskipped,
        Entry::FoodLogged(FoodLog {
            kind: FoodKind::Food,
            food_id: Some(12016),
            name: "Pumpkin seeds".into(),
            label: "1 oz".into(),
            grams: 28.35,
            mg: 155.9,
            mg_per_litre: None,
        }),
        Entry::FoodLogged(FoodLog {
            kind: FoodKind::Water,
            food_id: None,
            name: "Mineral water (100 mg/L)".into(),
            label: "0.5 L".into(),
            grams: 500.0,
            mg: 50.0,
            mg_per_litre: Some(100.0),
        }),
        Entry::FoodRemoved {
            entry: "a1b2:7".into(),
        },
        Entry::Rated {
            symptom: Symptom::Tingling,
            value: 6,
        },
        Entry::UrgentAnswer {
            signs: vec!["Muscle weakness".into()],
        },
        Entry::UrgentAnswer { signs: vec![] },
        Entry::SafetyPaused {
            signs: vec!["Confusion".into()],
            carried: false,
        },
        Entry::SafetyPaused {
            signs: vec!["Confusion".into()],
            carried: true,
        },
        Entry::SafetyResumed,
        Entry::Breathed(crate::practice::BreathingSession {
            pattern: crate::practice::BreathingPattern::Even,
            planned_minutes: 5,
            seconds: 130,
            minutes: 2,
            finished: false,
            warmth_before: Some(2),
            warmth_after: None,
        }),
        Entry::Moved {
            kind: crate::practice::MovementKind::Yoga,
            minutes: 25,
        },
        Entry::StockCounted {
            units: 59.5,
            unit: crate::stock::StockUnit::Scoops,
        },
        Entry::Refilled { units: 60.0 },
    ]
}

#[test]
fn every_entry_reads_back_as_written() {
    for e in every_kind() {
        let (item, action, value, corrects) = encode(&e).unwrap();
        assert_eq!(
            decode(&item, action, &value, corrects.as_deref()),
            e,
            "{item} {action}"
        );
    }
    assert_eq!(encode(&Entry::Unknown), None);
}

#[test]
fn rows_written_by_earlier_versions_read_as_before() {
    // The stored shapes are the log's contract with every database already out there.
    let cases: Vec<Case> = vec![
        (
            "dose:1",
            "taken",
            None,
            None,
            Entry::DoseTaken { slot: 1, at: None },
        ),
        (
            "dose:1",
            "snooze",
            Some(json!({"until": "2026-11-21T09:00:00+01:00"})),
            None,
            Entry::DoseSnoozed {
                slot: 1,
                until: t(9, 0),
            },
        ),
        (
            "water",
            "add",
            Some(json!(1)),
            None,
            Entry::Counted {
                key: "water".into(),
                delta: 1,
            },
        ),
        (
            "food",
            "done",
            None,
            None,
            Entry::ItemDone { key: "food".into() },
        ),
        (
            "day",
            "skip",
            Some(json!(" away ")),
            None,
            Entry::DaySkipped {
                reason: "away".into(),
            },
        ),
        (
            "symptom:stomach",
            "rate",
            Some(json!(4)),
            None,
            Entry::Rated {
                symptom: Symptom::Stomach,
                value: 4,
            },
        ),
        (
            "food",
            "remove",
            None,
            Some("a1b2:3"),
            Entry::FoodRemoved {
                entry: "a1b2:3".into(),
            },
        ),
    ];
    for (item, action, value, corrects, want) in cases {
        assert_eq!(
            decode(item, action, &value, corrects),
            want,
            "{item} {action}"
        );
    }
}

#[test]
fn unknown_and_malformed_entries_are_unknown_everywhere() {
    let bad: Vec<Row> = vec![
        ("dose:1", "teleport", None, None),
        (
            "breathing",
            "session",
            Some(json!({"pattern": "fast"})),
            None,
        ),
        ("breathing", "session", None, None),
        (
            "movement",
            "minutes",
            Some(json!({"kind": "run", "minutes": 5})),
            None,
        ),
        (
            "movement",
            "minutes",
            Some(json!({"kind": "walk", "minutes": 0})),
            None,
        ),
        (
            "stock",
            "count",
            Some(json!({"units": -3, "unit": "capsules"})),
            None,
        ),
        (
            "stock",
            "count",
            Some(json!({"units": 3, "unit": "barrels"})),
            None,
        ),
        ("stock", "refill", Some(json!({"units": "many"})), None),
        ("stock", "done", None, None),
        ("dose:x", "taken", None, None),
        (
            "dose:1",
            "taken",
            Some(json!({"taken_at": "yesterday"})),
            None,
        ),
        ("dose:1", "snooze", Some(json!({"until": 5})), None),
        ("dose:1", "snooze", None, None),
        ("water", "add", Some(json!("one")), None),
        ("day", "done", None, None),
        ("food", "log", Some(json!({"name": "no mg"})), None),
        (
            "food",
            "log",
            Some(json!({"name": "x", "mg": 1, "food_id": -4})),
            None,
        ),
        ("food", "remove", None, None),
        ("symptom:nope", "rate", Some(json!(3)), None),
        ("symptom:stomach", "rate", Some(json!(11)), None),
        ("symptom:stomach", "rate", Some(json!("3")), None),
        ("checkin", "urgent", Some(json!("Confusion")), None),
        ("checkin", "urgent", Some(json!([1, 2])), None),
        ("water", "note", Some(json!(5)), None),
        ("water", "mystery", None, None),
        ("safety", "pause", Some(json!("Confusion")), None),
        ("safety", "done", None, None),
    ];
    for (item, action, value, corrects) in bad {
        assert_eq!(
            decode(item, action, &value, corrects),
            Entry::Unknown,
            "{item} {action} {value:?}"
        );
    }
}

fn records(entries: Vec<Entry>) -> Vec<Record> {
    entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| Record {
            id: i as i64 + 1,
            gid: format!("test:{}", i + 1),
            day: day(),
            at: t(8, i as u32),
            protocol_version: Some(1),
            entry,
        })
        .collect()
}

#[test]
fn replay_follows_the_order_recorded_and_skips_unknown_entries() {
    let log = records(vec![
        Entry::DoseSnoozed {
            slot: 1,
            until: t(9, 0),
        },
        Entry::DoseTaken { slot: 1, at: None },
        Entry::Unknown,
        Entry::DoseSkipped { slot: 2 },
        Entry::DoseUndone { slot: 2 },
        Entry::DoseSnoozed {
            slot: 2,
            until: t(9, 30),
        },
        Entry::ItemDone {
            key: "movement".into(),
        },
        Entry::ItemUndone {
            key: "movement".into(),
        },
        Entry::Counted {
            key: "water".into(),
            delta: 1,
        },
        Entry::Counted {
            key: "water".into(),
            delta: 1,
        },
        Entry::Counted {
            key: "water".into(),
            delta: -1,
        },
        Entry::Note {
            on: NoteOn::Day,
            text: "first".into(),
        },
        Entry::Note {
            on: NoteOn::Day,
            text: " ".into(),
        },
        Entry::DaySkipped { reason: "".into() },
        Entry::Rated {
            symptom: Symptom::Stomach,
            value: 2,
        },
        Entry::Rated {
            symptom: Symptom::Stomach,
            value: 5,
        },
        Entry::UrgentAnswer {
            signs: vec!["Confusion".into()],
        },
        Entry::UrgentAnswer { signs: vec![] },
    ]);
    let s = DayState::replay(&log);
    let d1 = s.dose(1);
    assert_eq!(d1.taken, Some(t(8, 1)), "taken at the entry's instant");
    assert!(d1.done());
    assert_eq!(
        d1.snooze.map(|(id, _)| id),
        Some(1),
        "taking does not erase the snooze entry"
    );
    let d2 = s.dose(2);
    assert!(!d2.done() && !d2.skipped);
    assert_eq!(d2.snooze, Some((6, t(9, 30))));
    assert!(!s.item("movement").done);
    assert_eq!(s.item("water").count, 1);
    assert_eq!(s.day_note, None, "an empty note clears");
    assert_eq!(s.skipped, Some(String::new()));
    assert_eq!(s.ratings.get(&Symptom::Stomach), Some(&5));
    assert!(s.checked_in);
    assert_eq!(
        s.urgent,
        Some(vec![]),
        "a later answer without signs lifts the stop"
    );
    // What the log said before the undo of dose 2 (entry 5, at 08:04).
    assert!(
        state_before(&log, t(8, 4).with_timezone(&Utc))
            .dose(2)
            .skipped
    );
}

#[test]
fn a_removed_food_no_longer_counts() {
    let food = |mg: f64| {
        Entry::FoodLogged(FoodLog {
            kind: FoodKind::Food,
            food_id: Some(1),
            name: "Spinach".into(),
            label: "1 cup".into(),
            grams: 30.0,
            mg,
            mg_per_litre: None,
        })
    };
    let log = records(vec![
        food(24.0),
        food(80.0),
        Entry::FoodRemoved {
            entry: "test:1".into(),
        },
    ]);
    let s = DayState::replay(&log);
    assert_eq!(s.food.len(), 1);
    assert_eq!(s.food[0].id, 2);
    assert_eq!(s.food_mg(), 80.0);
}

#[test]
fn every_movement_kind_and_stock_unit_reads_back_and_a_unit_word_is_its_stored_key() {
    for kind in MovementKind::ALL {
        let e = Entry::Moved { kind, minutes: 20 };
        let (item, action, value, corrects) = encode(&e).unwrap();
        assert_eq!(decode(&item, action, &value, corrects.as_deref()), e);
    }
    for unit in StockUnit::ALL {
        let e = Entry::StockCounted { units: 2.5, unit };
        let (item, action, value, corrects) = encode(&e).unwrap();
        assert_eq!(value.as_ref().unwrap()["unit"], json!(unit.key()));
        assert_eq!(decode(&item, action, &value, corrects.as_deref()), e);
    }
    // A kind or unit this version does not know keeps the entry, unread.
    let odd = Some(json!({"kind": "swim", "minutes": 5}));
    assert_eq!(decode(MOVEMENT, "minutes", &odd, None), Entry::Unknown);
    let odd = Some(json!({"units": 3, "unit": "drops"}));
    assert_eq!(decode(STOCK, "count", &odd, None), Entry::Unknown);
}
