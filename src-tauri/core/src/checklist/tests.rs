use super::*;
use crate::facts::Sex;
use crate::protocol::{validate, Template};
use crate::testkit::{date, instant_in, protocol_input, record_at_noon};
use crate::zone::known::BERLIN;
use crate::zone::Tz;
use chrono::{NaiveTime, TimeZone};
use proptest::prelude::*;

use crate::log::{encode, record_of, DayState, Entry, FoodKind, FoodLog, Record};
use crate::store::Event;

/// A day's state from stored rows.
fn state(evs: &[Event]) -> DayState {
    let records: Vec<Record> = evs.iter().map(record_of).collect();
    DayState::replay(&records)
}

/// A day whose food log holds `mg`.
fn fed(mg: f64) -> DayState {
    let food = Entry::FoodLogged(FoodLog {
        kind: FoodKind::Food,
        food_id: Some(12016),
        name: "Pumpkin seeds".into(),
        label: "".into(),
        grams: 100.0,
        mg,
        mg_per_litre: None,
    });
    let r = Record {
        protocol_version: Some(1),
        ..record_at_noon(1, date(2026, 11, 10), food)
    };
    DayState::replay([&r])
}

fn spec_with(times: &[&str], start: NaiveDate, day_start_min: u32) -> ProtocolSpec {
    let mut input = protocol_input(Template::Nerve, "glycinate", 50.0, times, start);
    input.safety.sex = Some(Sex::Male);
    validate(&input, start, day_start_min).unwrap().0
}

/// A day's log in memory, driven through the same functions the API uses.
struct Sim {
    spec: ProtocolSpec,
    clock: DayClock,
    events: Vec<Event>,
}

impl Sim {
    fn new(times: &[&str]) -> Sim {
        let clock = DayClock::new(BERLIN, 240);
        Sim {
            spec: spec_with(times, date(2026, 11, 1), 240),
            clock,
            events: vec![],
        }
    }

    fn at(&self, day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
        instant_in(self.clock.tz, day, h, m)
    }

    fn list(&self, day: NaiveDate, now: DateTime<Utc>) -> Checklist {
        let evs: Vec<Event> = self
            .events
            .iter()
            .filter(|e| e.day == day)
            .cloned()
            .collect();
        derive(
            day,
            Some((1, &self.spec)),
            None,
            &state(&evs),
            &[],
            now,
            &self.clock,
        )
        .unwrap()
    }

    fn tap(&mut self, day: NaiveDate, now: DateTime<Utc>, tap: Tap) -> Result<Checklist> {
        let list = self.list(day, now);
        let new = entries_for_tap(&tap, &list, now, &self.clock)?;
        for entry in new {
            let id = self.events.len() as i64 + 1;
            let (item, action, value, corrects) = encode(&entry).unwrap();
            self.events.push(Event {
                id,
                day,
                at: now.with_timezone(&self.clock.tz).fixed_offset(),
                item,
                action: action.into(),
                value: value.map(|v| v.to_string()),
                device: "test".into(),
                protocol_version: list.protocol_version,
                corrects: None,
                seq: id,
                gid: format!("test:{id}"),
                corrects_gid: corrects,
            });
        }
        Ok(self.list(day, now))
    }

    fn status(&self, day: NaiveDate, now: DateTime<Utc>) -> Vec<DoseStatus> {
        self.list(day, now).doses.iter().map(|d| d.status).collect()
    }
}

#[test]
fn doses_move_from_upcoming_to_due_to_missed() {
    let s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    assert_eq!(
        s.status(day, s.at(day, 7, 59)),
        [DoseStatus::Upcoming, DoseStatus::Upcoming]
    );
    assert_eq!(
        s.status(day, s.at(day, 8, 0)),
        [DoseStatus::Due, DoseStatus::Upcoming]
    );
    assert_eq!(
        s.status(day, s.at(day, 10, 59)),
        [DoseStatus::Due, DoseStatus::Upcoming]
    );
    assert_eq!(
        s.status(day, s.at(day, 11, 0)),
        [DoseStatus::Missed, DoseStatus::Upcoming]
    );
    assert_eq!(
        s.status(day, s.at(day, 21, 0)),
        [DoseStatus::Missed, DoseStatus::Due]
    );
    let next = date(2026, 11, 11);
    assert_eq!(
        s.status(day, s.at(next, 3, 59)),
        [DoseStatus::Missed, DoseStatus::Missed]
    );
}

#[test]
fn a_window_never_reaches_into_the_next_dose() {
    let s = Sim::new(&["08:00", "09:00"]);
    let day = date(2026, 11, 10);
    assert_eq!(
        s.status(day, s.at(day, 9, 0)),
        [DoseStatus::Missed, DoseStatus::Due]
    );
    let list = s.list(day, s.at(day, 9, 0));
    assert!(list.doses[0].window_end.starts_with("2026-11-10T09:00:00"));
}

#[test]
fn half_past_midnight_ticks_the_evening_before() {
    let mut s = Sim::new(&["08:00", "22:00"]);
    let evening = date(2026, 11, 10);
    let now = s.at(date(2026, 11, 11), 0, 30);
    let today = s.clock.day_of(now);
    assert_eq!(
        today, evening,
        "00:30 belongs to the day before with a 04:00 start"
    );
    s.tap(today, now, Tap::TakeDose { slot: 2, at: None })
        .unwrap();
    assert_eq!(s.events[0].day, evening);
    // The next day's doses are untouched.
    let morning = s.at(date(2026, 11, 11), 8, 5);
    assert_eq!(
        s.status(date(2026, 11, 11), morning),
        [DoseStatus::Due, DoseStatus::Upcoming]
    );
    assert_eq!(s.list(evening, morning).doses[1].status, DoseStatus::Taken);
}

#[test]
fn late_and_on_time() {
    let mut s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    let l = s
        .tap(day, s.at(day, 8, 45), Tap::TakeDose { slot: 1, at: None })
        .unwrap();
    assert_eq!(l.doses[0].status, DoseStatus::Taken);
    assert!(!l.doses[0].late);
    let l = s
        .tap(day, s.at(day, 21, 30), Tap::TakeDose { slot: 2, at: None })
        .unwrap();
    assert!(l.doses[1].late, "90 minutes after is late");
}

#[test]
fn a_late_first_dose_is_recorded_as_the_first_not_the_second() {
    let mut s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    // At 13:00 the morning dose's window has closed: it shows as missed...
    assert_eq!(s.status(day, s.at(day, 13, 0))[0], DoseStatus::Missed);
    // ...the user took it late and says so: it is the first dose, and the second still waits.
    let l = s
        .tap(day, s.at(day, 13, 0), Tap::TakeDose { slot: 1, at: None })
        .unwrap();
    assert_eq!(l.doses[0].status, DoseStatus::Taken);
    assert!(l.doses[0].late);
    assert_eq!(l.doses[1].status, DoseStatus::Upcoming);
    assert_eq!(s.events.len(), 1);
    assert_eq!(s.events[0].item, "dose:1");
    // Taking dose 1 twice is refused, not turned into dose 2.
    let e = s
        .tap(day, s.at(day, 20, 5), Tap::TakeDose { slot: 1, at: None })
        .unwrap_err();
    assert_eq!(e.code(), "already_taken");
    assert_eq!(s.events.len(), 1);
}

#[test]
fn a_missed_dose_stays_missed_and_the_next_is_single() {
    let s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    let l = s.list(day, s.at(day, 20, 10));
    assert_eq!(l.doses[0].status, DoseStatus::Missed);
    assert_eq!(l.doses[1].status, DoseStatus::Due);
    assert_eq!(l.doses[1].units, 1.0, "the next dose is never doubled");
}

#[test]
fn undo_withdraws_and_an_empty_undo_changes_nothing() {
    let mut s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    let now = s.at(day, 8, 10);
    s.tap(day, now, Tap::TakeDose { slot: 1, at: None })
        .unwrap();
    let l = s.tap(day, now, Tap::UndoDose { slot: 1 }).unwrap();
    assert_eq!(l.doses[0].status, DoseStatus::Due);
    let before = s.events.len();
    assert_eq!(
        s.tap(day, now, Tap::UndoDose { slot: 1 })
            .unwrap_err()
            .code(),
        "nothing_to_undo"
    );
    assert_eq!(
        s.tap(
            day,
            now,
            Tap::Uncheck {
                key: "movement".into()
            }
        )
        .unwrap_err()
        .code(),
        "nothing_to_undo"
    );
    assert_eq!(
        s.tap(
            day,
            now,
            Tap::Count {
                key: "water".into(),
                delta: -1
            }
        )
        .unwrap_err()
        .code(),
        "nothing_to_undo"
    );
    assert_eq!(s.events.len(), before);
    // Items: tick, untick, count up and down.
    let l = s
        .tap(
            day,
            now,
            Tap::Check {
                key: "movement".into(),
            },
        )
        .unwrap();
    assert!(l.items.iter().any(|i| i.key == "movement" && i.done));
    let l = s
        .tap(
            day,
            now,
            Tap::Uncheck {
                key: "movement".into(),
            },
        )
        .unwrap();
    assert!(l.items.iter().any(|i| i.key == "movement" && !i.done));
    for _ in 0..3 {
        s.tap(
            day,
            now,
            Tap::Count {
                key: "water".into(),
                delta: 1,
            },
        )
        .unwrap();
    }
    let l = s
        .tap(
            day,
            now,
            Tap::Count {
                key: "water".into(),
                delta: -1,
            },
        )
        .unwrap();
    assert_eq!(l.items.iter().find(|i| i.key == "water").unwrap().count, 2);
}

#[test]
fn notes_attach_to_entries_and_clear() {
    let mut s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    let now = s.at(day, 9, 0);
    s.tap(
        day,
        now,
        Tap::Note {
            item: "dose:1".into(),
            text: "with breakfast".into(),
        },
    )
    .unwrap();
    s.tap(
        day,
        now,
        Tap::Note {
            item: "water".into(),
            text: "hot water".into(),
        },
    )
    .unwrap();
    let l = s
        .tap(
            day,
            now,
            Tap::Note {
                item: "day".into(),
                text: "long walk".into(),
            },
        )
        .unwrap();
    assert_eq!(l.doses[0].note.as_deref(), Some("with breakfast"));
    assert_eq!(
        l.items
            .iter()
            .find(|i| i.key == "water")
            .unwrap()
            .note
            .as_deref(),
        Some("hot water")
    );
    assert_eq!(l.day_note.as_deref(), Some("long walk"));
    let l = s
        .tap(
            day,
            now,
            Tap::Note {
                item: "dose:1".into(),
                text: "  ".into(),
            },
        )
        .unwrap();
    assert_eq!(l.doses[0].note, None);
    let e = s
        .tap(
            day,
            now,
            Tap::Note {
                item: "dose:9".into(),
                text: "x".into(),
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "unknown_item");
    let e = s
        .tap(
            day,
            now,
            Tap::Note {
                item: "day".into(),
                text: "x".repeat(501),
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "note_too_long");
}

#[test]
fn partial_credit() {
    let mut s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    let now = s.at(day, 22, 0);
    s.tap(
        day,
        now,
        Tap::TakeDose {
            slot: 1,
            at: Some("08:05".into()),
        },
    )
    .unwrap();
    for _ in 0..4 {
        s.tap(
            day,
            now,
            Tap::Count {
                key: "water".into(),
                delta: 1,
            },
        )
        .unwrap();
    }
    let l = s
        .tap(
            day,
            now,
            Tap::Check {
                key: "breathing".into(),
            },
        )
        .unwrap();
    assert_eq!(l.score.doses_taken, 1);
    assert_eq!(l.score.doses_planned, 2);
    assert_eq!(
        l.score.dose_fraction(),
        Some(0.5),
        "1 of 2 doses is half a dose day"
    );
    // 2 doses + food, water, movement, breathing, sleep = 7; done: 1 dose + 0.5 water + breathing.
    assert_eq!(l.score.items_total, 7);
    assert!((l.score.items_done - 2.5).abs() < 1e-9);
    assert!(
        !l.doses[0].late,
        "a correction with the real time is on time"
    );
}

#[test]
fn skip_days_pause_doses_and_do_not_count() {
    let mut s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    let now = s.at(day, 23, 0);
    let l = s
        .tap(
            day,
            now,
            Tap::SkipDay {
                reason: "fasting before surgery".into(),
            },
        )
        .unwrap();
    assert!(l.skipped);
    assert_eq!(l.skip_reason.as_deref(), Some("fasting before surgery"));
    assert!(l.doses.iter().all(|d| d.status == DoseStatus::Paused));
    assert_eq!(l.score.dose_fraction(), None);
    assert_eq!(l.score.all_fraction(), None);
    assert_eq!(
        s.tap(
            day,
            now,
            Tap::SkipDay {
                reason: String::new()
            }
        )
        .unwrap_err()
        .code(),
        "already_skipped"
    );
    let l = s.tap(day, now, Tap::UnskipDay).unwrap();
    assert_eq!(
        l.doses.iter().map(|d| d.status).collect::<Vec<_>>(),
        [DoseStatus::Missed, DoseStatus::Missed]
    );
}

#[test]
fn a_skipped_dose_is_not_taken_and_can_be_undone() {
    let mut s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    let now = s.at(day, 8, 0);
    let l = s.tap(day, now, Tap::SkipDose { slot: 1 }).unwrap();
    assert_eq!(l.doses[0].status, DoseStatus::Skipped);
    assert_eq!(l.score.doses_taken, 0);
    let l = s.tap(day, now, Tap::UndoDose { slot: 1 }).unwrap();
    assert_eq!(l.doses[0].status, DoseStatus::Due);
}

#[test]
fn taps_on_what_the_day_does_not_have_are_refused() {
    let mut s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    let now = s.at(day, 9, 0);
    let cases = [
        (Tap::TakeDose { slot: 3, at: None }, "unknown_dose"),
        (
            Tap::TakeDose {
                slot: 1,
                at: Some("23:00".into()),
            },
            "invalid_time",
        ),
        (
            Tap::TakeDose {
                slot: 1,
                at: Some("noon".into()),
            },
            "invalid_time",
        ),
        (
            Tap::Check {
                key: "unicorn".into(),
            },
            "unknown_item",
        ),
        (
            Tap::Check {
                key: "water".into(),
            },
            "wrong_item_kind",
        ),
        (
            Tap::Count {
                key: "movement".into(),
                delta: 1,
            },
            "wrong_item_kind",
        ),
        (
            Tap::Count {
                key: "water".into(),
                delta: 5,
            },
            "invalid_count",
        ),
        (
            Tap::SnoozeDose {
                slot: 1,
                minutes: 0,
            },
            "invalid_snooze",
        ),
        (Tap::UnskipDay, "nothing_to_undo"),
    ];
    for (tap, code) in cases {
        assert_eq!(
            s.tap(day, now, tap.clone()).unwrap_err().code(),
            code,
            "{tap:?}"
        );
    }
    assert!(s.events.is_empty());
}

#[test]
fn snooze_holds_until_its_time() {
    let mut s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    let l = s
        .tap(
            day,
            s.at(day, 8, 0),
            Tap::SnoozeDose {
                slot: 1,
                minutes: 10,
            },
        )
        .unwrap();
    assert!(l.doses[0]
        .snoozed_until
        .as_deref()
        .unwrap()
        .starts_with("2026-11-10T08:10:00"));
    assert_eq!(s.list(day, s.at(day, 8, 11)).doses[0].snoozed_until, None);
}

#[test]
fn a_day_is_rebuilt_from_its_events_alone() {
    let mut s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    let taps = [
        (8, 5, Tap::TakeDose { slot: 1, at: None }),
        (
            9,
            0,
            Tap::Count {
                key: "water".into(),
                delta: 1,
            },
        ),
        (
            9,
            1,
            Tap::Count {
                key: "water".into(),
                delta: 1,
            },
        ),
        (
            12,
            0,
            Tap::Check {
                key: "movement".into(),
            },
        ),
        (
            12,
            1,
            Tap::Note {
                item: "movement".into(),
                text: "yoga".into(),
            },
        ),
        (20, 0, Tap::TakeDose { slot: 2, at: None }),
        (20, 1, Tap::UndoDose { slot: 2 }),
    ];
    for (h, m, tap) in taps {
        let now = s.at(day, h, m);
        s.tap(day, now, tap).unwrap();
    }
    let now = s.at(day, 23, 30);
    let live = s.list(day, now);
    // Rebuild from a copy of the stored events only, in a fresh derivation.
    let copy: Vec<Event> = s.events.clone();
    let rebuilt = derive(
        day,
        Some((1, &s.spec)),
        None,
        &state(&copy),
        &[],
        now,
        &s.clock,
    )
    .unwrap();
    assert_eq!(live, rebuilt);
    assert_eq!(rebuilt.doses[0].status, DoseStatus::Taken);
    assert_eq!(rebuilt.doses[1].status, DoseStatus::Missed);
    assert_eq!(
        rebuilt
            .items
            .iter()
            .find(|i| i.key == "water")
            .unwrap()
            .count,
        2
    );
    assert_eq!(
        rebuilt
            .items
            .iter()
            .find(|i| i.key == "movement")
            .unwrap()
            .note
            .as_deref(),
        Some("yoga")
    );
    // Every change was an appended event, in order.
    let actions: Vec<&str> = s.events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["taken", "add", "add", "done", "note", "taken", "undo"]
    );
}

#[test]
fn doses_before_the_plan_was_saved_are_not_missed() {
    let s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    // Set up at 13:00: the 08:00 dose's window closed at 11:00, before the plan existed.
    let saved = s.at(day, 13, 0);
    let now = s.at(day, 14, 0);
    let l = derive(
        day,
        Some((1, &s.spec)),
        Some(saved),
        &DayState::default(),
        &[],
        now,
        &s.clock,
    )
    .unwrap();
    assert_eq!(l.doses[0].status, DoseStatus::BeforeStart);
    assert_eq!(l.doses[1].status, DoseStatus::Upcoming);
    assert_eq!((l.score.doses_planned, l.score.items_total), (1, 6));
    // Saved at 09:00, with the 08:00 dose's window still open: it is due, and later missed.
    let early = s.at(day, 9, 0);
    let l = derive(
        day,
        Some((1, &s.spec)),
        Some(early),
        &DayState::default(),
        &[],
        now,
        &s.clock,
    )
    .unwrap();
    assert_eq!(l.doses[0].status, DoseStatus::Missed);
    assert_eq!(l.score.doses_planned, 2);
    // Recorded anyway, it counts as taken and expected.
    let mut s2 = Sim::new(&["08:00", "20:00"]);
    s2.tap(
        day,
        now,
        Tap::TakeDose {
            slot: 1,
            at: Some("08:10".into()),
        },
    )
    .unwrap();
    let evs: Vec<Event> = s2.events.clone();
    let l = derive(
        day,
        Some((1, &s2.spec)),
        Some(saved),
        &state(&evs),
        &[],
        now,
        &s2.clock,
    )
    .unwrap();
    assert_eq!(l.doses[0].status, DoseStatus::Taken);
    assert_eq!((l.score.doses_taken, l.score.doses_planned), (1, 2));
}

#[test]
fn the_food_item_follows_what_was_logged() {
    let s = Sim::new(&["08:00"]);
    let day = date(2026, 11, 10);
    let now = s.at(day, 12, 0);
    let under = derive(
        day,
        Some((1, &s.spec)),
        None,
        &fed(200.0),
        &[],
        now,
        &s.clock,
    )
    .unwrap();
    assert!(!under.items.iter().find(|i| i.key == "food").unwrap().done);
    let met = derive(
        day,
        Some((1, &s.spec)),
        None,
        &fed(f64::from(s.spec.rda_mg)),
        &[],
        now,
        &s.clock,
    )
    .unwrap();
    assert!(met.items.iter().find(|i| i.key == "food").unwrap().done);
}

const ZONES: &[Tz] = &[
    crate::zone::known::BERLIN,
    crate::zone::known::NEW_YORK,
    crate::zone::known::SAO_PAULO,
    crate::zone::known::LORD_HOWE, // a 30-minute DST shift
    crate::zone::known::CHATHAM,   // UTC+12:45 / +13:45
    crate::zone::known::KOLKATA,   // no DST, half-hour offset
    crate::zone::known::SANTIAGO,
    crate::zone::known::LONDON,
];

fn time_strategy() -> impl Strategy<Value = NaiveTime> {
    (0u32..24, prop::sample::select(vec![0u32, 15, 30, 45]))
        .prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Across DST transitions each dose falls exactly once in each day, inside the day, in order.
    #[test]
    fn each_dose_once_per_local_day_across_dst(
        zone in prop::sample::select(ZONES.to_vec()),
        day_of_year in 0u32..365,
        start_q in 0u32..=48, // day start in 15-minute steps up to 12:00
        times in prop::collection::btree_set(time_strategy(), 1..=4),
    ) {
        let clock = DayClock::new(zone, start_q * 15);
        let first = date(2026, 1, 1) + Duration::days(i64::from(day_of_year));
        let times: Vec<String> = times.iter().map(|t| t.format("%H:%M").to_string()).collect();
        let refs: Vec<&str> = times.iter().map(String::as_str).collect();
        let spec = spec_with(&refs, first, clock.day_start_min);
        let mut previous_end: Option<DateTime<Utc>> = None;
        for offset in 0..3 {
            let day = first + Duration::days(offset);
            let start = clock.day_start_instant(day);
            let end = clock.day_end_instant(day);
            prop_assert!(start < end);
            if let Some(p) = previous_end {
                prop_assert_eq!(p, start, "days tile time with no gap or overlap");
            }
            previous_end = Some(end);
            let timings = dose_timings(&spec, day, &clock).unwrap();
            prop_assert_eq!(timings.len(), refs.len());
            for w in timings.windows(2) {
                prop_assert!(w[0].due <= w[1].due, "doses stay in order: {:?}", w);
            }
            for t in &timings {
                prop_assert_eq!(clock.day_of(t.due), day, "dose {} of {} falls in its day", t.slot, day);
                prop_assert!(start <= t.due && t.due < end);
                prop_assert!(t.due <= t.window_end && t.window_end <= end);
            }
        }
    }

    /// A traveller who follows the device's zone: stepping through time while the zone changes
    /// mid-trip, every day lived wholly in one zone has each of its doses come due (its window
    /// open while the loop looks) and keyed by (day, slot), so a claim on that key sends it once.
    #[test]
    fn zone_changes_never_repeat_a_dose(
        from in prop::sample::select(ZONES.to_vec()),
        to in prop::sample::select(ZONES.to_vec()),
        day_of_year in 0u32..360,
        switch_min in 0i64..(3 * 24 * 60),
        times in prop::collection::btree_set(time_strategy(), 1..=3),
    ) {
        let first = date(2026, 1, 1) + Duration::days(i64::from(day_of_year));
        let times: Vec<String> = times.iter().map(|t| t.format("%H:%M").to_string()).collect();
        let refs: Vec<&str> = times.iter().map(String::as_str).collect();
        let spec = spec_with(&refs, first - Duration::days(2), 240);
        let t0 = DayClock::new(from, 240).day_start_instant(first);
        let switch = t0 + Duration::minutes(switch_min);
        let mut fired: std::collections::BTreeMap<(NaiveDate, u32), u32> = Default::default();
        let mut zones_of_day: std::collections::BTreeMap<NaiveDate, std::collections::BTreeSet<String>> = Default::default();
        let mut now = t0;
        let end = t0 + Duration::days(4);
        while now < end {
            let zone = if now < switch { from } else { to };
            let clock = DayClock::new(zone, 240);
            let today = clock.day_of(now);
            zones_of_day.entry(today).or_default().insert(zone.name().to_string());
            // What a reminder loop does: fire each due dose of today whose window is open.
            for t in dose_timings(&spec, today, &clock).unwrap() {
                let key = (today, t.slot);
                if t.due <= now && now < t.window_end {
                    // A real loop claims the key in SQLite; a second claim does nothing.
                    fired.entry(key).or_insert(1);
                }
            }
            now += Duration::minutes(5);
        }
        // Days lived wholly under one zone's reign, away from the edges of the simulation.
        for (day, zones) in &zones_of_day {
            let Some(name) = zones.iter().next() else { continue };
            let zone = if name == to.name() { to } else { from };
            let clock = DayClock::new(zone, 240);
            let (start, stop) = (clock.day_start_instant(*day), clock.day_end_instant(*day));
            let reign = if from == to {
                true
            } else if zone == from {
                stop <= switch
            } else {
                start >= switch
            };
            if zones.len() == 1 && reign && start >= t0 && stop <= end {
                for slot in 1..=refs.len() as u32 {
                    prop_assert_eq!(fired.get(&(*day, slot)).copied(), Some(1), "{} slot {}", day, slot);
                }
            }
        }
    }
}

#[test]
fn dst_days_keep_each_dose_once_in_berlin() {
    // 2026-03-29: clocks jump 02:00 -> 03:00; 2026-10-25: 03:00 -> 02:00.
    let clock = DayClock::new(BERLIN, 0);
    let spec = spec_with(&["02:30", "20:00"], date(2026, 3, 1), 0);
    let spring = dose_timings(&spec, date(2026, 3, 29), &clock).unwrap();
    assert_eq!(
        spring[0].due,
        Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap()
    ); // 03:00 CEST, the jump
    let spec = spec_with(&["02:30", "20:00"], date(2026, 10, 1), 0);
    let autumn = dose_timings(&spec, date(2026, 10, 25), &clock).unwrap();
    assert_eq!(
        autumn[0].due,
        Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap()
    ); // first 02:30 (CEST)
    assert_eq!(autumn.len(), 2);
}

#[test]
fn water_counts_up_to_twice_the_goal_and_no_further() {
    let mut s = Sim::new(&["08:00", "20:00"]);
    let day = date(2026, 11, 10);
    let now = s.at(day, 21, 0);
    let water = || Tap::Count {
        key: "water".into(),
        delta: 1,
    };
    for n in 1..=16 {
        let l = s.tap(day, now, water()).unwrap();
        assert_eq!(l.items.iter().find(|i| i.key == "water").unwrap().count, n);
    }
    let before = s.events.len();
    let e = s.tap(day, now, water()).unwrap_err();
    assert_eq!(e.code(), "invalid_count");
    assert!(e.to_string().contains("twice your goal of 8"), "{e}");
    assert_eq!(s.events.len(), before, "the refused tap wrote nothing");
    let l = s.list(day, now);
    assert_eq!(l.items.iter().find(|i| i.key == "water").unwrap().count, 16);
    assert_eq!(count_cap(8), 16);
    assert_eq!(count_cap(0), 1);
}
