//! The core's API against a real SQLite file, with fixed clocks.

use super::*;
use crate::checklist::DoseStatus;
use crate::protocol::{DoseInput, KidneyAnswer, Template};
use crate::report::ReportKind;
use crate::testkit::{
    core_with_input, date, file_core, now_in, now_in_berlin, parse_date, protocol_input,
};

fn input(start: &str) -> ProtocolInput {
    let start = parse_date(start);
    let mut i = protocol_input(
        Template::Circulation,
        "citrate",
        100.0,
        &["08:00", "20:00"],
        start,
    );
    i.name = "My warm hands".into();
    if let Some(s) = i.supplement.as_mut() {
        s.product = "Citrate 100".into();
    }
    i
}

async fn version_count(core: &Core) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM protocol_versions")
        .fetch_one(core.store().pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_database_is_wal_full_sync_with_foreign_keys_and_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let core = file_core(&dir).await;
    let (journal, sync, fk) = core.store().pragmas().await.unwrap();
    assert_eq!(journal, "wal");
    assert_eq!(sync, 2, "synchronous=FULL");
    assert_eq!(fk, 1);
    let migrations = core.store().applied_migrations().await.unwrap();
    assert_eq!(migrations[0], (1, "events and settings".to_string()));
    assert!(dir.path().join("magday.db").exists());
}

#[tokio::test]
async fn events_cannot_be_changed_or_deleted() {
    let core = Core::open_in_memory().await.unwrap();
    let now = now_in_berlin(date(2026, 11, 21), 9, 0);
    core.save_protocol(&input("2026-11-21"), false, &now)
        .await
        .unwrap();
    core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &now)
        .await
        .unwrap();
    let upd = sqlx::query("UPDATE events SET action = 'undo'")
        .execute(core.store().pool())
        .await;
    assert!(upd.unwrap_err().to_string().contains("append-only"));
    let del = sqlx::query("DELETE FROM events")
        .execute(core.store().pool())
        .await;
    assert!(del.unwrap_err().to_string().contains("append-only"));
    let del = sqlx::query("DELETE FROM protocol_versions")
        .execute(core.store().pool())
        .await;
    assert!(del.unwrap_err().to_string().contains("immutable"));
}

#[tokio::test]
async fn before_setup_today_invites_a_protocol() {
    let core = Core::open_in_memory().await.unwrap();
    let v = core
        .day(None, &now_in_berlin(date(2026, 11, 21), 9, 0))
        .await
        .unwrap();
    assert!(!v.has_protocol);
    assert!(v.checklist.doses.is_empty());
    assert_eq!(v.today, date(2026, 11, 21));
    let e = core
        .tap(
            None,
            &Tap::Check {
                key: "water".into(),
            },
            &now_in_berlin(date(2026, 11, 21), 9, 0),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), "no_protocol");
}

#[tokio::test]
async fn a_saved_protocol_survives_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let now = now_in_berlin(date(2026, 11, 21), 9, 0);
    {
        let core = file_core(&dir).await;
        let v = core
            .save_protocol(&input("2026-11-21"), false, &now)
            .await
            .unwrap();
        assert_eq!(v.spec.name, "My warm hands");
        assert_eq!(v.effective_from, date(2026, 11, 21));
        assert!(!v.pending);
        core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &now)
            .await
            .unwrap();
        core.store().close().await;
    }
    let core = file_core(&dir).await;
    let p = core.protocol(&now).await.unwrap().unwrap();
    assert_eq!(p.spec.supplement.as_ref().unwrap().daily_mg, 200.0);
    let v = core.day(None, &now).await.unwrap();
    assert_eq!(v.course.as_ref().unwrap().day_number, Some(1));
    assert_eq!(v.checklist.doses[0].status, DoseStatus::Taken);
    assert_eq!(v.supplement_mg, 100.0);
}

#[tokio::test]
async fn bad_input_saves_nothing() {
    let core = Core::open_in_memory().await.unwrap();
    let now = now_in_berlin(date(2026, 11, 21), 9, 0);
    let mut bad = input("2026-11-21");
    bad.supplement.as_mut().unwrap().mg_per_unit = 6000.0;
    assert_eq!(
        core.save_protocol(&bad, false, &now)
            .await
            .unwrap_err()
            .code(),
        "invalid_amount"
    );
    let mut bad = input("2031-11-21");
    bad.name = "x".into();
    assert_eq!(
        core.save_protocol(&bad, false, &now)
            .await
            .unwrap_err()
            .code(),
        "date_out_of_range"
    );
    let mut kidney = input("2026-11-21");
    kidney.safety.kidney_disease = Some(KidneyAnswer::Yes);
    assert_eq!(
        core.save_protocol(&kidney, false, &now)
            .await
            .unwrap_err()
            .code(),
        "clinician_first"
    );
    assert_eq!(version_count(&core).await, 0);
    assert_eq!(core.store().event_count().await.unwrap(), 0);
    // The safety report is still there to read.
    let check = core.check_protocol(&kidney, &now).await.unwrap();
    assert!(!check.report.supplement_allowed);
    assert_eq!(
        check.refusal.map(|r| r.code),
        Some("clinician_first".to_string())
    );
    let check = core
        .check_protocol(&input("2026-11-21"), &now)
        .await
        .unwrap();
    assert_eq!(check.plan.map(|p| p.daily_mg), Some(200.0));
    assert!(check.refusal.is_none());
}

#[tokio::test]
async fn the_kidney_path_saves_a_checklist_without_doses() {
    let core = Core::open_in_memory().await.unwrap();
    let now = now_in_berlin(date(2026, 11, 21), 9, 0);
    let mut kidney = input("2026-11-21");
    kidney.safety.kidney_disease = Some(KidneyAnswer::Yes);
    kidney.supplement = None;
    let p = core.save_protocol(&kidney, false, &now).await.unwrap();
    assert!(p.spec.supplement.is_none());
    let v = core.day(None, &now).await.unwrap();
    assert!(v.has_protocol);
    assert!(v.checklist.doses.is_empty());
    assert!(v.next_dose.is_none());
    let keys: Vec<&str> = v.checklist.items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, ["food", "water", "movement", "breathing", "sleep"]);
    let v = core
        .tap(
            None,
            &Tap::Count {
                key: "water".into(),
                delta: 1,
            },
            &now,
        )
        .await
        .unwrap();
    assert_eq!(v.checklist.items[1].count, 1);
}

#[tokio::test]
async fn half_past_midnight_is_stored_on_the_evening_before() {
    let core = core_with_input(&input("2026-11-20")).await;
    let late = now_in_berlin(date(2026, 11, 21), 0, 30);
    let v = core
        .tap(None, &Tap::TakeDose { slot: 2, at: None }, &late)
        .await
        .unwrap();
    assert_eq!(v.day, date(2026, 11, 20));
    let stored = core.store().events_on(date(2026, 11, 20)).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].item, "dose:2");
    assert!(stored[0]
        .at
        .to_rfc3339()
        .starts_with("2026-11-21T00:30:00+01:00"));
    assert!(core
        .store()
        .events_on(date(2026, 11, 21))
        .await
        .unwrap()
        .is_empty());
    // With the day starting at midnight the same tap would be the next day's.
    let mut s = core.settings().await.unwrap();
    s.day_start = "00:00".into();
    core.update_settings(s).await.unwrap();
    assert_eq!(core.today(&late).await.unwrap(), date(2026, 11, 21));
}

#[tokio::test]
async fn an_edit_mid_course_is_a_new_version_and_logged_days_keep_theirs() {
    let core = Core::open_in_memory().await.unwrap();
    let d1 = now_in_berlin(date(2026, 11, 1), 9, 0);
    let v1 = core
        .save_protocol(&input("2026-11-01"), false, &d1)
        .await
        .unwrap();
    // Days 1 to 3 logged under version 1.
    for d in 1..=3 {
        let n = now_in_berlin(date(2026, 11, d), 9, 0);
        core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &n)
            .await
            .unwrap();
    }
    // On day 3 (already logged) the user moves to three doses.
    let mut three = input("2026-11-01");
    three.supplement.as_mut().unwrap().doses.push(DoseInput {
        time: "13:00".into(),
        units: 1.0,
    });
    three.acknowledge_above_limit = false;
    let d3 = now_in_berlin(date(2026, 11, 3), 10, 0);
    let v2 = core.save_protocol(&three, false, &d3).await.unwrap();
    assert_ne!(v1.version_id, v2.version_id);
    assert_eq!(v2.course_id, v1.course_id);
    assert_eq!(
        v2.effective_from,
        date(2026, 11, 4),
        "today is logged: the change starts tomorrow"
    );
    assert!(v2.pending);
    assert_eq!(v2.version_count, 2);
    // Day 3 keeps two doses and version 1; day 4 has three and version 2.
    let today = core.day(None, &d3).await.unwrap();
    assert_eq!(today.checklist.doses.len(), 2);
    assert_eq!(today.checklist.protocol_version, Some(v1.version_id));
    let d4 = now_in_berlin(date(2026, 11, 4), 9, 0);
    let v = core.day(None, &d4).await.unwrap();
    assert_eq!(v.checklist.doses.len(), 3);
    assert_eq!(v.checklist.protocol_version, Some(v2.version_id));
    let past = core.day(Some("2026-11-02"), &d4).await.unwrap();
    assert_eq!(past.checklist.doses.len(), 2);
    assert_eq!(past.checklist.doses[0].status, DoseStatus::Taken);
    // Events carry the version of their day.
    let v = core
        .tap(
            None,
            &Tap::TakeDose { slot: 2, at: None },
            &now_in_berlin(date(2026, 11, 4), 13, 5),
        )
        .await
        .unwrap();
    assert_eq!(v.checklist.doses[1].status, DoseStatus::Taken);
    let evs = core.store().events_on(date(2026, 11, 4)).await.unwrap();
    assert_eq!(evs[0].protocol_version, Some(v2.version_id));
    // An edit on a day with no entries yet takes effect at once.
    let d5 = now_in_berlin(date(2026, 11, 5), 7, 0);
    let v3 = core
        .save_protocol(&input("2026-11-01"), false, &d5)
        .await
        .unwrap();
    assert_eq!(v3.effective_from, date(2026, 11, 5));
    assert_eq!(core.day(None, &d5).await.unwrap().checklist.doses.len(), 2);
}

#[tokio::test]
async fn past_days_can_be_corrected_with_new_events() {
    let core = core_with_input(&input("2026-11-01")).await;
    let now = now_in_berlin(date(2026, 11, 5), 9, 0);
    let v = core.day(Some("2026-11-03"), &now).await.unwrap();
    assert_eq!(v.checklist.doses[0].status, DoseStatus::Missed);
    assert!(!v.is_today);
    let v = core
        .tap(
            Some("2026-11-03"),
            &Tap::TakeDose {
                slot: 1,
                at: Some("08:10".into()),
            },
            &now,
        )
        .await
        .unwrap();
    assert_eq!(v.checklist.doses[0].status, DoseStatus::Taken);
    assert!(!v.checklist.doses[0].late);
    let v = core
        .tap(Some("2026-11-03"), &Tap::UndoDose { slot: 1 }, &now)
        .await
        .unwrap();
    assert_eq!(v.checklist.doses[0].status, DoseStatus::Missed);
    // Both the correction and its undo are in the log; the original state was never edited.
    let evs = core.store().events_on(date(2026, 11, 3)).await.unwrap();
    assert_eq!(
        evs.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["taken", "undo"]
    );
    assert!(evs.iter().all(|e| e.at.date_naive() == date(2026, 11, 5)));
    // The future and the far past are refused.
    for bad in ["2026-11-06", "2024-01-01", "someday"] {
        let e = core
            .tap(Some(bad), &Tap::UnskipDay, &now)
            .await
            .unwrap_err();
        assert!(
            ["date_out_of_range", "invalid_date"].contains(&e.code()),
            "{bad}: {e}"
        );
    }
}

#[tokio::test]
async fn next_dose_rolls_over_to_tomorrow() {
    let core = core_with_input(&input("2026-11-20")).await;
    let v = core
        .day(None, &now_in_berlin(date(2026, 11, 21), 9, 0))
        .await
        .unwrap();
    assert_eq!(
        v.next_dose.as_ref().map(|n| n.slot),
        Some(1),
        "dose 1 is due"
    );
    let now = now_in_berlin(date(2026, 11, 21), 23, 30);
    let v = core.day(None, &now).await.unwrap();
    let next = v.next_dose.unwrap();
    assert_eq!(
        (next.day, next.slot, next.time.as_str()),
        (date(2026, 11, 22), 1, "08:00")
    );
}

#[tokio::test]
async fn keep_home_time_while_travelling() {
    let core = core_with_input(&input("2026-11-20")).await;
    // In New York at 08:00 local (14:00 in Berlin).
    let ny = crate::zone::known::NEW_YORK;
    let now = now_in(ny, date(2026, 11, 21), 8, 0);
    let v = core.day(None, &now).await.unwrap();
    assert_eq!(v.time_zone, "America/New_York");
    assert_eq!(
        v.checklist.doses[0].status,
        DoseStatus::Due,
        "following local time: 08:00 here"
    );
    let mut s = core.settings().await.unwrap();
    s.time_zone = crate::settings::TimeZoneMode::KeepHome {
        tz: "Europe/Berlin".into(),
    };
    core.update_settings(s).await.unwrap();
    let v = core.day(None, &now).await.unwrap();
    assert_eq!(v.time_zone, "Europe/Berlin");
    assert_eq!(
        v.checklist.doses[0].status,
        DoseStatus::Missed,
        "home time: 14:00, the window closed at 11:00"
    );
    assert!(v.checklist.doses[0].due_at.ends_with("+01:00"));
}

#[tokio::test]
async fn a_new_course_never_takes_over_logged_days() {
    let core = Core::open_in_memory().await.unwrap();
    let first = core
        .save_protocol(
            &input("2026-09-01"),
            false,
            &now_in_berlin(date(2026, 9, 1), 7, 0),
        )
        .await
        .unwrap();
    let now = now_in_berlin(date(2026, 11, 21), 9, 0);
    core.tap(
        None,
        &Tap::Check {
            key: "movement".into(),
        },
        &now,
    )
    .await
    .unwrap();
    let second = core
        .save_protocol(&input("2026-11-01"), true, &now)
        .await
        .unwrap();
    assert_ne!(second.course_id, first.course_id);
    assert_eq!(second.effective_from, date(2026, 11, 22));
    let v = core.day(Some("2026-10-01"), &now).await.unwrap();
    assert_eq!(v.course.unwrap().course_id, first.course_id);
}

/// Issue 13: a protocol set up in the night, after midnight and before the 04:00 day start.
mod the_first_night {
    use super::*;
    use crate::food::day::{LogFoodInput, LogWaterInput};
    use crate::testkit::nerve;

    fn spinach(day: Option<&str>) -> LogFoodInput {
        LogFoodInput {
            day: day.map(str::to_string),
            food_id: 11457,
            grams: 30.0,
            label: String::new(),
        }
    }

    #[tokio::test]
    async fn day_1_offered_at_01_30_is_the_day_that_begins_at_the_day_start() {
        let core = Core::open_in_memory().await.unwrap();
        // 01:30 on Wednesday 25 November: the app's today is still Tuesday 24th.
        let night = now_in_berlin(date(2026, 11, 25), 1, 30);
        let o = core.setup_options(&night).await.unwrap();
        assert_eq!(o.today, date(2026, 11, 24));
        assert_eq!(o.first_day, date(2026, 11, 25));
        // At 04:00 and through the day both are the calendar date.
        for (h, m) in [(4, 0), (12, 0), (23, 59)] {
            let o = core
                .setup_options(&now_in_berlin(date(2026, 11, 25), h, m))
                .await
                .unwrap();
            assert_eq!(
                (o.today, o.first_day),
                (date(2026, 11, 25), date(2026, 11, 25))
            );
        }
    }

    #[tokio::test]
    async fn the_night_before_day_1_records_nothing_and_says_when_the_course_starts() {
        let core = Core::open_in_memory().await.unwrap();
        let night = now_in_berlin(date(2026, 11, 25), 1, 30);
        let first = core.setup_options(&night).await.unwrap().first_day;
        core.save_protocol(&nerve(first, &["08:00", "20:00"]), false, &night)
            .await
            .unwrap();
        let v = core.day(None, &night).await.unwrap();
        assert_eq!(v.day, date(2026, 11, 24));
        assert_eq!(v.before_course, Some(date(2026, 11, 25)));
        assert!(v.checklist.doses.is_empty(), "no doses before Day 1");
        // The next dose is Day 1's first, at 08:00 on the 25th: six and a half hours away.
        let next = v.next_dose.expect("Day 1's first dose");
        assert_eq!(
            (next.day, next.time.as_str()),
            (date(2026, 11, 25), "08:00")
        );
        assert!(
            next.due_at.starts_with("2026-11-25T08:00"),
            "{}",
            next.due_at
        );

        // A tap and a food log the night before are refused the same way; nothing is written.
        let tap = core
            .tap(
                None,
                &Tap::Count {
                    key: "water".into(),
                    delta: 1,
                },
                &night,
            )
            .await
            .unwrap_err();
        let food = core.log_food(&spinach(None), &night).await.unwrap_err();
        let water = core
            .log_water(
                &LogWaterInput {
                    day: None,
                    litres: 0.5,
                    mg_per_litre: Some(100.0),
                },
                &night,
            )
            .await
            .unwrap_err();
        for e in [&tap, &food, &water] {
            assert_eq!(e.code(), "before_course");
            assert!(e.to_string().contains("25 November 2026"), "{e}");
        }
        assert_eq!(core.store().event_count().await.unwrap(), 0);

        // From 04:00 it is Day 1 and both doses are ahead.
        let morning = now_in_berlin(date(2026, 11, 25), 4, 0);
        let v = core.day(None, &morning).await.unwrap();
        assert_eq!(v.before_course, None);
        assert_eq!(v.course.as_ref().and_then(|c| c.day_number), Some(1));
        let statuses: Vec<DoseStatus> = v.checklist.doses.iter().map(|d| d.status).collect();
        assert_eq!(statuses, [DoseStatus::Upcoming, DoseStatus::Upcoming]);
        core.log_food(&spinach(None), &morning).await.unwrap();
    }

    #[tokio::test]
    async fn a_day_before_the_course_refuses_taps_and_food_alike() {
        let core = Core::open_in_memory().await.unwrap();
        let now = now_in_berlin(date(2026, 11, 25), 12, 0);
        core.save_protocol(&nerve(date(2026, 11, 25), &["08:00", "20:00"]), false, &now)
            .await
            .unwrap();
        let v = core.day(Some("2026-11-23"), &now).await.unwrap();
        assert_eq!(v.before_course, Some(date(2026, 11, 25)));
        let tap = core
            .tap(
                Some("2026-11-23"),
                &Tap::Check {
                    key: "breathing".into(),
                },
                &now,
            )
            .await
            .unwrap_err();
        let food = core
            .log_food(&spinach(Some("2026-11-23")), &now)
            .await
            .unwrap_err();
        assert_eq!(
            (tap.code(), food.code()),
            ("before_course", "before_course")
        );
        assert_eq!(core.store().event_count().await.unwrap(), 0);
        // Before any protocol: the same, with the invitation to set one up.
        let fresh = Core::open_in_memory().await.unwrap();
        assert_eq!(
            fresh
                .log_food(&spinach(None), &now)
                .await
                .unwrap_err()
                .code(),
            "no_protocol"
        );
    }

    #[tokio::test]
    async fn a_dose_ticked_after_its_window_closed_before_setup_counts_as_an_ordinary_taken_dose() {
        let core = Core::open_in_memory().await.unwrap();
        // Set up at 12:00 on Day 1: the 08:00 dose's window closed at 11:00, before setup.
        let noon = now_in_berlin(date(2026, 11, 25), 12, 0);
        core.save_protocol(
            &nerve(date(2026, 11, 25), &["08:00", "20:00"]),
            false,
            &noon,
        )
        .await
        .unwrap();
        let v = core.day(None, &noon).await.unwrap();
        assert_eq!(v.checklist.doses[0].status, DoseStatus::BeforeStart);
        assert_eq!(
            v.checklist.score.doses_planned, 1,
            "only the 20:00 dose is expected"
        );
        // The user took the morning capsule before installing and records it.
        let v = core
            .tap(None, &Tap::TakeDose { slot: 1, at: None }, &noon)
            .await
            .unwrap();
        assert_eq!(v.checklist.doses[0].status, DoseStatus::Taken);
        assert_eq!(
            (
                v.checklist.score.doses_taken,
                v.checklist.score.doses_planned
            ),
            (1, 2)
        );
        // Progress and the report count it the same way, once the day is over.
        let next_day = now_in_berlin(date(2026, 11, 26), 9, 0);
        let p = core.progress(&next_day).await.unwrap();
        assert_eq!((p.days[0].doses_taken, p.days[0].doses_planned), (1, 2));
    }
}

/// Issue 10: an entry this version cannot read (an unknown action, a value of the wrong shape or
/// not JSON at all) is skipped by every reader, the same way, and the rest of the day stands.
#[tokio::test]
async fn unreadable_entries_are_skipped_the_same_way_everywhere() {
    let core = Core::open_in_memory().await.unwrap();
    let now = now_in_berlin(date(2026, 11, 21), 9, 0);
    core.save_protocol(&input("2026-11-21"), false, &now)
        .await
        .unwrap();
    core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &now)
        .await
        .unwrap();
    let before = core.day(None, &now).await.unwrap();
    for (seq, (item, action, value)) in [
        ("dose:1", "undo", Some("{not json")),
        ("dose:2", "taken", Some("{\"taken_at\": 7}")),
        ("water", "add", Some("\"one\"")),
        ("food", "log", Some("{\"name\": \"no mg\"}")),
        ("dose:1", "teleport", None),
        ("checkin", "urgent", Some("\"Confusion\"")),
    ]
    .into_iter()
    .enumerate()
    {
        sqlx::query(
            "INSERT INTO events(day, at, item, action, value, device, seq, gid) \
             VALUES('2026-11-21', '2026-11-21T09:30:00+01:00', ?, ?, ?, 'elsewhere', ?, ?)",
        )
        .bind(item)
        .bind(action)
        .bind(value)
        .bind(seq as i64 + 1)
        .bind(format!("elsewhere:{}", seq + 1))
        .execute(core.store().pool())
        .await
        .unwrap();
    }
    let after = core.day(None, &now).await.unwrap();
    assert_eq!(after.checklist, before.checklist);
    assert_eq!((after.food_mg, after.advice.len()), (before.food_mg, 0));
    let food = core.food_day(None, &now).await.unwrap();
    assert!(food.entries.is_empty());
    assert!(core.progress(&now).await.is_ok());
    assert!(core.report(ReportKind::Now, &now).await.is_ok());
    assert!(core.delivery_report(&now).await.is_ok());
    assert!(core.due_reminders(&now).await.is_ok());
}

/// Issue 12 (reference §7): an urgent sign at a check-in pauses the plan until the user
/// confirms a clinician's clearance. Nothing reminds in between, on desktop (nothing due) or on a
/// phone (nothing to schedule); doses show as paused and are not expected by the delivery check;
/// a later check-in without signs does not lift it; the report lists it.
#[tokio::test]
async fn an_urgent_sign_pauses_the_plan_until_a_clinician_clears_the_user() {
    use crate::checkin::CheckInInput;
    use crate::pause::ResumeInput;
    let core = Core::open_in_memory().await.unwrap();
    let start = now_in_berlin(date(2026, 11, 20), 7, 0);
    core.save_protocol(&input("2026-11-20"), false, &start)
        .await
        .unwrap();
    let check_in = |urgent: Vec<String>| CheckInInput {
        day: None,
        ratings: vec![],
        urgent,
        note: "checking in".into(),
    };
    // 07:30 on the 21st: before dose 1 (08:00), the user reports confusion.
    let t = now_in_berlin(date(2026, 11, 21), 7, 30);
    let r = core
        .check_in(&check_in(vec!["confusion".into()]), &t)
        .await
        .unwrap();
    let p = r.day.safety_pause.clone().expect("paused");
    assert!(p.message.contains("confusion") && p.message.contains("clinician has cleared"));
    assert_eq!(r.day.next_dose, None);
    // Nothing is due at 08:00 nor at 20:30 (a nag would come then), nothing to schedule.
    for (h, m) in [(8, 0), (8, 30), (20, 0), (20, 30)] {
        assert!(core
            .due_reminders(&now_in_berlin(date(2026, 11, 21), h, m))
            .await
            .unwrap()
            .is_empty());
    }
    assert!(core.upcoming_reminders(&t, 7).await.unwrap().is_empty());
    // The next day too, and a check-in without signs does not lift it.
    let next = now_in_berlin(date(2026, 11, 22), 9, 0);
    let r = core.check_in(&check_in(vec![]), &next).await.unwrap();
    assert!(r.day.safety_pause.is_some());
    let statuses: Vec<_> = r.day.checklist.doses.iter().map(|d| d.status).collect();
    assert_eq!(statuses, [DoseStatus::Paused, DoseStatus::Paused]);
    assert_eq!(
        r.day.checklist.score.doses_planned, 0,
        "paused doses are not expected"
    );
    assert!(core.due_reminders(&next).await.unwrap().is_empty());
    // Resuming without the confirmation is refused and changes nothing.
    let no = core
        .resume_after_pause(
            &ResumeInput {
                cleared_by_clinician: false,
            },
            &next,
        )
        .await
        .unwrap_err();
    assert_eq!(no.code(), "clearance_required");
    assert!(core.day(None, &next).await.unwrap().safety_pause.is_some());
    // Cleared at 09:00 on the 22nd: dose 2 (20:00) is reminded again; dose 1 stays paused.
    let v = core
        .resume_after_pause(
            &ResumeInput {
                cleared_by_clinician: true,
            },
            &next,
        )
        .await
        .unwrap();
    assert!(v.safety_pause.is_none());
    let statuses: Vec<_> = v.checklist.doses.iter().map(|d| d.status).collect();
    assert_eq!(statuses, [DoseStatus::Paused, DoseStatus::Upcoming]);
    let due = core
        .due_reminders(&now_in_berlin(date(2026, 11, 22), 20, 0))
        .await
        .unwrap();
    assert_eq!(
        due.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        ["2026-11-22/dose:2"]
    );
    let again = core
        .resume_after_pause(
            &ResumeInput {
                cleared_by_clinician: true,
            },
            &next,
        )
        .await
        .unwrap_err();
    assert_eq!(again.code(), "not_paused");
    // The delivery check expects none of the paused doses (21st: both; 22nd: dose 1).
    let late = now_in_berlin(date(2026, 11, 22), 23, 0);
    let d = core.delivery_report(&late).await.unwrap();
    let expected: Vec<_> = d
        .recent
        .iter()
        .map(|v| (v.day.to_string(), v.slot))
        .collect();
    assert!(!expected.contains(&("2026-11-21".into(), 1)));
    assert!(!expected.contains(&("2026-11-21".into(), 2)));
    assert!(!expected.contains(&("2026-11-22".into(), 1)));
    assert!(expected.contains(&("2026-11-22".into(), 2)));
    // The clinician report shows the pause and its end.
    let report = core.report(ReportKind::Now, &late).await.unwrap();
    assert!(report.html.contains("<h2>Safety pauses</h2>"));
    assert!(report
        .html
        .contains("reported confusion: magnesium paused, resumed 22 Nov 2026"));
}

/// Issue 12: an acknowledged plan above the limit is stored with its percentage and shown on
/// Today and in the report's safety section (with the answers, the limit and the share of it);
/// a plan above twice the limit is refused even when acknowledged, and saves nothing.
#[tokio::test]
async fn an_acknowledged_plan_above_the_limit_is_kept_with_its_share_and_reported() {
    let core = Core::open_in_memory().await.unwrap();
    let now = now_in_berlin(date(2026, 11, 21), 9, 0);
    let mut i = input("2026-11-21");
    i.safety.antacid_laxative_mg = 50.0;
    i.supplement.as_mut().unwrap().mg_per_unit = 200.0; // 400 mg + 50 mg = 450 mg: 129% of 350
    assert_eq!(
        core.save_protocol(&i, false, &now)
            .await
            .unwrap_err()
            .code(),
        "above_limit_unacknowledged"
    );
    i.acknowledge_above_limit = true;
    let mut twice = i.clone();
    twice.supplement.as_mut().unwrap().mg_per_unit = 400.0; // 850 mg
    assert_eq!(
        core.save_protocol(&twice, false, &now)
            .await
            .unwrap_err()
            .code(),
        "above_twice_limit"
    );
    assert_eq!(version_count(&core).await, 0);
    let saved = core.save_protocol(&i, false, &now).await.unwrap();
    let above = saved.spec.above_limit.expect("stored");
    assert_eq!(
        (above.percent, above.limit_mg, above.total_mg),
        (129, 350, 450.0)
    );
    let today = core.day(None, &now).await.unwrap();
    assert_eq!(today.above_limit, Some(above));
    let html = core.report(ReportKind::Now, &now).await.unwrap().html;
    assert!(html.contains("<h2>Safety</h2>"));
    assert!(html.contains("kidney disease: no; magnesium from antacids or laxatives: 50 mg a day"));
    assert!(html.contains("supplements plus antacids and laxatives: 450 mg, 129% of it"));
    assert!(html.contains("Kept above the limit on a clinician's advice, as the user confirmed: 450 mg a day, 129% of 350 mg"));
    assert!(html.contains("data-finding=\"above_limit\""));
}

/// Reference §4b: topical magnesium ticked on Today adds nothing to any mg total: not to the
/// day's supplements or food (Today, Food), not to Progress, not to the report's share of the
/// limit. Its note is on Today's item, with its source.
#[tokio::test]
async fn topical_magnesium_ticked_counts_toward_no_mg_total() {
    let core = Core::open_in_memory().await.unwrap();
    let now = now_in_berlin(date(2026, 11, 21), 9, 0);
    let mut i = input("2026-11-21");
    i.optional_items = vec!["topical".into()];
    core.save_protocol(&i, false, &now).await.unwrap();
    core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &now)
        .await
        .unwrap();
    let before = core.day(None, &now).await.unwrap();
    let food_before = core.food_day(None, &now).await.unwrap();
    let html_before = core.report(ReportKind::Now, &now).await.unwrap().html;
    let after = core
        .tap(
            None,
            &Tap::Check {
                key: "topical".into(),
            },
            &now,
        )
        .await
        .unwrap();
    let topical = after
        .checklist
        .items
        .iter()
        .find(|x| x.key == "topical")
        .expect("on the checklist");
    assert!(topical.done);
    let note = topical.guidance.as_ref().expect("with its note");
    assert_eq!(note.citation, crate::facts::SRC_TOPICAL.citation);
    assert_eq!(
        (after.supplement_mg, after.food_mg),
        (before.supplement_mg, before.food_mg)
    );
    assert_eq!((after.supplement_mg, after.food_mg), (100.0, 0.0));
    let food = core.food_day(None, &now).await.unwrap();
    assert_eq!(
        (food.food_mg, food.supplement_mg, food.gap_mg),
        (
            food_before.food_mg,
            food_before.supplement_mg,
            food_before.gap_mg
        )
    );
    let progress = core.progress(&now).await.unwrap();
    let d = &progress.days[0];
    assert_eq!((d.supplement_mg, d.food_mg), (100.0, 0.0));
    let html = core.report(ReportKind::Now, &now).await.unwrap().html;
    let share = |h: &str| {
        h.lines()
            .find(|l| l.contains("Limit for supplemental magnesium"))
            .map(str::to_string)
    };
    assert_eq!(share(&html), share(&html_before));
    assert!(share(&html).is_some_and(|l| l.contains("200 mg, 57% of it")));
}

/// Issue 12 point 7: the report's safety section lists the depletion factors the user named
/// and the vitamin B6 a day, with the B6 warning (EFSA 2023) among the findings.
#[tokio::test]
async fn the_report_lists_depletion_factors_and_b6() {
    use crate::facts::DepletionFactor;
    let core = Core::open_in_memory().await.unwrap();
    let now = now_in_berlin(date(2026, 11, 21), 9, 0);
    let mut i = input("2026-11-21");
    i.safety.depletion = vec![DepletionFactor::Alcohol, DepletionFactor::ChronicStress];
    i.optional_items = vec!["b_complex".into()];
    i.b6_mg_per_day = Some(50.0);
    let saved = core.save_protocol(&i, false, &now).await.unwrap();
    assert_eq!(
        saved.spec.safety.depletion,
        [DepletionFactor::ChronicStress, DepletionFactor::Alcohol]
    );
    assert!(saved
        .report
        .findings
        .iter()
        .any(|f| f.code == "b6_above_efsa"));
    let html = core.report(ReportKind::Now, &now).await.unwrap().html;
    assert!(html.contains(
        "<li data-depletion>What can lower magnesium, as the user named it: Chronic stress; Regular alcohol</li>"
    ));
    assert!(html.contains("<li data-b6>Vitamin B6 (B6 and B-complex together): 50 mg a day</li>"));
    assert!(html.contains("data-finding=\"b6_above_efsa\""));
    // Without either, neither line.
    let core = Core::open_in_memory().await.unwrap();
    core.save_protocol(&input("2026-11-21"), false, &now)
        .await
        .unwrap();
    let html = core.report(ReportKind::Now, &now).await.unwrap().html;
    assert!(!html.contains("data-depletion") && !html.contains("data-b6"));
}

/// Reference §3: nothing is pre-filled. The starting protocol the setup options send is checked
/// without a crash and refused with `safety_unanswered`, naming the first unanswered field, and
/// saving it changes nothing.
#[tokio::test]
async fn an_unanswered_protocol_is_refused_and_changes_nothing() {
    let core = Core::open_in_memory().await.unwrap();
    let now = now_in_berlin(date(2026, 11, 21), 9, 0);
    let draft = core.setup_options(&now).await.unwrap().drafts[0].clone();
    let e = core.check_protocol(&draft, &now).await.unwrap_err();
    assert_eq!(e.code(), "safety_unanswered");
    let api = crate::error::ApiError::from(e);
    assert_eq!(api.field.as_deref(), Some("safety.age_band"));
    let e = core.save_protocol(&draft, false, &now).await.unwrap_err();
    assert_eq!(e.code(), "safety_unanswered");
    assert_eq!(version_count(&core).await, 0);
    let mut answered = input("2026-11-21");
    answered.safety.kidney_disease = None;
    let e = core.check_protocol(&answered, &now).await.unwrap_err();
    assert_eq!(
        crate::error::ApiError::from(e).field.as_deref(),
        Some("safety.kidney_disease")
    );
}

/// Issue 12: changing a safety answer later re-runs every rule, and the check says what it
/// changes against the saved protocol's report (the one `protocol()` shows) before saving.
#[tokio::test]
async fn an_edit_is_checked_against_the_saved_report() {
    let core = Core::open_in_memory().await.unwrap();
    let now = now_in_berlin(date(2026, 11, 21), 9, 0);
    let first = input("2026-11-21");
    assert_eq!(
        core.check_protocol(&first, &now).await.unwrap().changes,
        None
    );
    core.save_protocol(&first, false, &now).await.unwrap();
    let saved = core.protocol(&now).await.unwrap().unwrap().report;
    let same = core.check_protocol(&first, &now).await.unwrap();
    assert_eq!(same.report, saved);
    assert!(same.changes.is_some_and(|c| c.is_empty()));
    let mut edit = first.clone();
    edit.safety.kidney_disease = Some(KidneyAnswer::NotSure);
    edit.safety.antacid_laxative_mg = 50.0;
    edit.supplement = None;
    let c = core
        .check_protocol(&edit, &now)
        .await
        .unwrap()
        .changes
        .unwrap();
    let codes = |f: &[protocol::Finding]| f.iter().map(|f| f.code).collect::<Vec<_>>();
    assert_eq!(
        codes(&c.added),
        ["kidney_disease", "kidney_antacid", "potassium"]
    );
    assert_eq!(codes(&c.removed), ["within_limit", "laxative_form"]);
    assert!(c.added[0].message.starts_with("Not sure counts as yes"));
}

/// A protocol saved before the kidney question had three answers holds a bool in its stored
/// spec: it still loads (true → yes, so its stop still holds), and Today still opens.
#[tokio::test]
async fn a_version_stored_with_the_old_kidney_bool_still_loads() {
    let core = Core::open_in_memory().await.unwrap();
    let now = now_in_berlin(date(2026, 11, 21), 9, 0);
    for (stored, want, allowed) in [
        (false, KidneyAnswer::No, true),
        (true, KidneyAnswer::Yes, false),
    ] {
        let mut i = input("2026-11-21");
        i.supplement = None;
        let (spec, _) = protocol::validate(&i, date(2026, 11, 21), 240).unwrap();
        let mut json = serde_json::to_value(&spec).unwrap();
        json["safety"]["kidney_disease"] = serde_json::json!(stored);
        core.store()
            .insert_version(
                None,
                date(2026, 11, 21),
                now.utc.fixed_offset(),
                &json.to_string(),
            )
            .await
            .unwrap();
        let p = core.protocol(&now).await.unwrap().unwrap();
        assert_eq!(p.spec.safety.kidney_disease, want, "{stored}");
        assert_eq!(p.report.supplement_allowed, allowed, "{stored}");
        assert!(core.day(None, &now).await.unwrap().has_protocol);
    }
}
