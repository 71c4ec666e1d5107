use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::api::Core;
use crate::checklist::Tap;
use crate::day::Now;
use crate::facts::MedicineClass;
use crate::protocol::{validate, MedicineInput, ProtocolInput, Template};
use crate::reminders::delivery::DeliveryOutcome;
use crate::settings::Settings;
use crate::testkit::{date, instant_in, medicine, now_in_berlin, protocol_input};
use crate::zone::known::BERLIN;
use chrono::TimeZone;
use proptest::prelude::*;

fn input(times: &[&str], start: NaiveDate) -> ProtocolInput {
    let mut i = protocol_input(Template::Nerve, "glycinate", 60.0, times, start);
    if let Some(s) = i.supplement.as_mut() {
        s.product = "Bisglycinate 100".into();
    }
    i
}

fn spec(times: &[&str], start: NaiveDate, day_start_min: u32) -> ProtocolSpec {
    validate(&input(times, start), start, day_start_min)
        .unwrap()
        .0
}

async fn core_with(times: &[&str], start: NaiveDate, settings: Settings) -> Core {
    let core = Core::open_in_memory().await.unwrap();
    core.update_settings(settings).await.unwrap();
    core.save_protocol(&input(times, start), false, &now_in_berlin(start, 6, 0))
        .await
        .unwrap();
    core
}

/// The desktop loop, once: claim and "show" what is due; returns the keys shown.
async fn tick(core: &Core, n: &Now) -> Vec<String> {
    let mut shown = vec![];
    for r in core.due_reminders(n).await.unwrap() {
        if core.claim_reminder(&r, n, "desktop").await.unwrap() {
            core.reminder_shown(&r.key, n, None).await.unwrap();
            shown.push(r.key);
        }
    }
    shown
}

#[test]
fn one_dose_reminder_per_dose_with_title_and_body() {
    let s = spec(&["08:00", "20:00"], date(2026, 11, 1), 240);
    let clock = DayClock::new(BERLIN, 240);
    let rs = plan_day(
        date(2026, 11, 10),
        &s,
        &DayState::default(),
        &[],
        &ReminderSettings::default(),
        &clock,
    )
    .unwrap();
    let keys: Vec<&str> = rs.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["2026-11-10/dose:1", "2026-11-10/dose:2"]);
    assert_eq!(rs[0].title, "Magnesium: dose 1 at 08:00");
    assert_eq!(
        rs[0].body,
        "1 unit of Bisglycinate 100 (60 mg), with food if you can."
    );
    assert_eq!(rs[0].due, instant_in(BERLIN, date(2026, 11, 10), 8, 0));
    assert_eq!(rs[0].expires, instant_in(BERLIN, date(2026, 11, 10), 11, 0));
}

#[tokio::test]
async fn no_reminder_for_a_dose_already_taken_or_skipped_or_a_skip_day() {
    let day = date(2026, 11, 10);
    let core = core_with(&["08:00", "20:00"], date(2026, 11, 1), Settings::default()).await;
    core.tap(
        None,
        &Tap::TakeDose { slot: 1, at: None },
        &now_in_berlin(day, 7, 50),
    )
    .await
    .unwrap();
    assert!(
        tick(&core, &now_in_berlin(day, 8, 0)).await.is_empty(),
        "taken before its time: nothing"
    );
    core.tap(None, &Tap::SkipDose { slot: 2 }, &now_in_berlin(day, 12, 0))
        .await
        .unwrap();
    assert!(tick(&core, &now_in_berlin(day, 20, 0)).await.is_empty());
    let next = date(2026, 11, 11);
    core.tap(
        None,
        &Tap::SkipDay {
            reason: String::new(),
        },
        &now_in_berlin(next, 7, 0),
    )
    .await
    .unwrap();
    assert!(tick(&core, &now_in_berlin(next, 8, 0)).await.is_empty());
    assert!(tick(&core, &now_in_berlin(next, 20, 0)).await.is_empty());
}

#[tokio::test]
async fn a_restart_mid_day_sends_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("magday.db");
    let day = date(2026, 11, 10);
    {
        let core = Core::open(&path).await.unwrap();
        core.save_protocol(
            &input(&["08:00", "20:00"], date(2026, 11, 1)),
            false,
            &now_in_berlin(date(2026, 11, 1), 6, 0),
        )
        .await
        .unwrap();
        assert_eq!(
            tick(&core, &now_in_berlin(day, 8, 0)).await,
            ["2026-11-10/dose:1"]
        );
        assert!(tick(&core, &now_in_berlin(day, 8, 1)).await.is_empty());
        core.store().close().await;
    }
    // The app restarts at 08:02 while dose 1's window is still open.
    let core = Core::open(&path).await.unwrap();
    assert!(
        tick(&core, &now_in_berlin(day, 8, 2)).await.is_empty(),
        "claimed before the restart"
    );
    // Two windows (two processes) on one file: only one of them claims dose 2.
    let other = Core::open(&path).await.unwrap();
    let n = now_in_berlin(day, 20, 0);
    let a = core.due_reminders(&n).await.unwrap();
    let b = other.due_reminders(&n).await.unwrap();
    assert_eq!((a.len(), b.len()), (1, 1), "both see it due");
    let claims = [
        core.claim_reminder(&a[0], &n, "desktop").await.unwrap(),
        other.claim_reminder(&b[0], &n, "desktop").await.unwrap(),
    ];
    assert_eq!(claims, [true, false]);
}

#[tokio::test]
async fn a_machine_waking_after_the_dose_time_gets_one_late_reminder() {
    let day = date(2026, 11, 10);
    let core = core_with(&["08:00", "20:00"], day, Settings::default()).await;
    // Suspended from 07:30 to 09:40: the loop's next look is at 09:40.
    assert!(tick(&core, &now_in_berlin(day, 7, 30)).await.is_empty());
    assert_eq!(
        tick(&core, &now_in_berlin(day, 9, 40)).await,
        ["2026-11-10/dose:1"]
    );
    assert!(
        tick(&core, &now_in_berlin(day, 9, 41)).await.is_empty(),
        "once"
    );
    // Suspended past dose 2's whole window: nothing, it is missed, never doubled up.
    assert!(tick(&core, &now_in_berlin(day, 23, 30)).await.is_empty());
    let report = core
        .delivery_report(&now_in_berlin(day, 23, 30))
        .await
        .unwrap();
    assert_eq!(
        (
            report.expected,
            report.on_time,
            report.late,
            report.not_sent
        ),
        (2, 0, 1, 1)
    );
    assert_eq!(report.recent[0].outcome, DeliveryOutcome::NotSent);
    assert_eq!(report.recent[1].outcome, DeliveryOutcome::Late);
}

#[tokio::test]
async fn on_time_deliveries_are_counted() {
    let core = core_with(&["08:00", "20:00"], date(2026, 11, 1), Settings::default()).await;
    for day in 1..=3 {
        let day = date(2026, 11, day);
        tick(&core, &now_in_berlin(day, 8, 0)).await;
        tick(&core, &now_in_berlin(day, 20, 1)).await;
    }
    let report = core
        .delivery_report(&now_in_berlin(date(2026, 11, 3), 22, 0))
        .await
        .unwrap();
    assert_eq!((report.expected, report.on_time, report.late), (6, 6, 0));
    let test = core
        .test_reminder_shown(&now_in_berlin(date(2026, 11, 3), 22, 0), None)
        .await
        .unwrap();
    assert_eq!(test.title, "Magday test reminder");
    let report = core
        .delivery_report(&now_in_berlin(date(2026, 11, 3), 22, 1))
        .await
        .unwrap();
    assert!(report.last_test.is_some());
    assert_eq!(report.expected, 6, "a test reminder is not a dose reminder");
}

#[tokio::test]
async fn snooze_and_nags() {
    let day = date(2026, 11, 10);
    let mut settings = Settings::default();
    settings.reminders.nag_every_min = Some(15);
    settings.reminders.nag_max = 3;
    settings.reminders.snooze_min = 20;
    let core = core_with(&["08:00", "20:00"], date(2026, 11, 1), settings).await;
    assert_eq!(
        tick(&core, &now_in_berlin(day, 8, 0)).await,
        ["2026-11-10/dose:1"]
    );
    // Snoozed from the notification at 08:02 for 20 minutes: the 08:15 repeat is dropped.
    let v = core
        .reminder_action(
            "2026-11-10/dose:1",
            ReminderAction::Snooze,
            &now_in_berlin(day, 8, 2),
        )
        .await
        .unwrap();
    assert!(v.checklist.doses[0]
        .snoozed_until
        .as_deref()
        .unwrap()
        .starts_with("2026-11-10T08:22:00"));
    assert!(tick(&core, &now_in_berlin(day, 8, 15)).await.is_empty());
    let shown = tick(&core, &now_in_berlin(day, 8, 22)).await;
    assert_eq!(shown.len(), 1);
    assert!(shown[0].starts_with("2026-11-10/dose:1/snooze:"));
    assert_eq!(
        tick(&core, &now_in_berlin(day, 8, 30)).await,
        ["2026-11-10/dose:1/nag:2"]
    );
    assert_eq!(
        tick(&core, &now_in_berlin(day, 8, 45)).await,
        ["2026-11-10/dose:1/nag:3"]
    );
    assert!(
        tick(&core, &now_in_berlin(day, 9, 0)).await.is_empty(),
        "at most 3 repeats"
    );
    // "Taken" on the notification stops the rest.
    assert_eq!(
        tick(&core, &now_in_berlin(day, 20, 0)).await,
        ["2026-11-10/dose:2"]
    );
    let v = core
        .reminder_action(
            "2026-11-10/dose:2",
            ReminderAction::Taken,
            &now_in_berlin(day, 20, 3),
        )
        .await
        .unwrap();
    assert_eq!(
        v.checklist.doses[1].status,
        crate::checklist::DoseStatus::Taken
    );
    assert!(tick(&core, &now_in_berlin(day, 20, 15)).await.is_empty());
    assert!(tick(&core, &now_in_berlin(day, 20, 30)).await.is_empty());
    let e = core
        .reminder_action(
            "2026-11-10/med:0",
            ReminderAction::Taken,
            &now_in_berlin(day, 21, 0),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), "unknown_reminder");
}

#[test]
fn nags_stop_at_the_window_and_pre_alerts_come_first() {
    let mut i = input(&["08:00", "09:00"], date(2026, 11, 1));
    i.supplement.as_mut().unwrap().window_minutes = 40;
    let s = validate(&i, date(2026, 11, 1), 240).unwrap().0;
    let clock = DayClock::new(BERLIN, 240);
    let settings = ReminderSettings {
        pre_alert_min: Some(15),
        nag_every_min: Some(15),
        nag_max: 12,
        ..ReminderSettings::default()
    };
    let rs = plan_day(
        date(2026, 11, 10),
        &s,
        &DayState::default(),
        &[],
        &settings,
        &clock,
    )
    .unwrap();
    let keys: Vec<&str> = rs.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "2026-11-10/dose:1/pre",
            "2026-11-10/dose:1",
            "2026-11-10/dose:1/nag:1",
            "2026-11-10/dose:1/nag:2",
            "2026-11-10/dose:2/pre", // 08:45
            "2026-11-10/dose:2",
            "2026-11-10/dose:2/nag:1",
            "2026-11-10/dose:2/nag:2",
        ]
    );
    assert_eq!(rs[0].title, "Dose 1 in 15 minutes (08:00)");
}

#[test]
fn separation_reminders_at_the_medicine_time() {
    let mut i = input(&["08:00", "20:00"], date(2026, 11, 1));
    i.safety.medicines = vec![
        medicine(MedicineClass::Tetracycline, "doxycycline", Some("13:00")),
        medicine(
            MedicineClass::ProtonPumpInhibitor,
            "omeprazole",
            Some("07:00"),
        ),
    ];
    let s = validate(&i, date(2026, 11, 1), 240).unwrap().0;
    let clock = DayClock::new(BERLIN, 240);
    let rs = plan_day(
        date(2026, 11, 10),
        &s,
        &DayState::default(),
        &[],
        &ReminderSettings::default(),
        &clock,
    )
    .unwrap();
    let sep: Vec<&Reminder> = rs
        .iter()
        .filter(|r| r.kind == ReminderKind::Separation)
        .collect();
    assert_eq!(sep.len(), 1, "information-only classes get no reminder");
    assert_eq!(sep[0].title, "Time for doxycycline");
    assert_eq!(
        sep[0].body,
        "Take it at least 2 h before or 4 h after magnesium. Magnesium today: 08:00, 20:00."
    );
    assert_eq!(sep[0].due, instant_in(BERLIN, date(2026, 11, 10), 13, 0));
    let off = ReminderSettings {
        separation_reminders: false,
        ..ReminderSettings::default()
    };
    assert!(plan_day(
        date(2026, 11, 10),
        &s,
        &DayState::default(),
        &[],
        &off,
        &clock
    )
    .unwrap()
    .iter()
    .all(|r| r.kind != ReminderKind::Separation));
}

#[tokio::test]
async fn the_phones_window_is_bounded_sorted_and_in_the_future() {
    let mut settings = Settings::default();
    settings.reminders.nag_every_min = Some(10);
    settings.reminders.nag_max = 12;
    settings.reminders.pre_alert_min = Some(10);
    let core = core_with(
        &["08:00", "12:00", "16:00", "20:00"],
        date(2026, 11, 1),
        settings,
    )
    .await;
    let n = now_in_berlin(date(2026, 11, 10), 9, 0);
    let up = core.upcoming_reminders(&n, 14).await.unwrap();
    assert_eq!(up.len(), MOBILE_WINDOW);
    assert!(up.windows(2).all(|w| w[0].due <= w[1].due));
    assert!(up.iter().all(|r| r.due > n.utc));
    let ids: BTreeSet<i32> = up.iter().map(Reminder::notification_id).collect();
    assert_eq!(ids.len(), up.len(), "ids are unique");
    // Taking a dose drops its reminders from the next window.
    core.tap(None, &Tap::TakeDose { slot: 2, at: None }, &n)
        .await
        .unwrap();
    let up = core.upcoming_reminders(&n, 1).await.unwrap();
    assert!(up.iter().all(|r| !r.key.starts_with("2026-11-10/dose:2")));
}

#[test]
fn notification_ids_are_unique_over_a_year_of_keys() {
    let s = spec(&["07:00", "11:00", "15:00", "19:00"], date(2026, 1, 1), 240);
    let clock = DayClock::new(BERLIN, 240);
    let settings = ReminderSettings {
        pre_alert_min: Some(5),
        nag_every_min: Some(5),
        nag_max: 12,
        ..ReminderSettings::default()
    };
    let mut ids: BTreeMap<i32, String> = BTreeMap::new();
    for offset in 0..56 {
        let day = date(2026, 1, 1) + Duration::days(offset);
        for r in plan_day(day, &s, &DayState::default(), &[], &settings, &clock).unwrap() {
            if let Some(prev) = ids.insert(r.notification_id(), r.key.clone()) {
                panic!("{} and {} share an id", prev, r.key);
            }
        }
    }
    assert!(ids.keys().all(|id| *id > 0));
}

#[test]
fn dst_days_remind_each_dose_once() {
    let clock = DayClock::new(BERLIN, 240);
    for day in [
        date(2026, 3, 28),
        date(2026, 3, 29),
        date(2026, 10, 24),
        date(2026, 10, 25),
    ] {
        let s = spec(&["02:30", "08:00", "20:00"], day - Duration::days(3), 240);
        let rs = plan_day(
            day,
            &s,
            &DayState::default(),
            &[],
            &ReminderSettings::default(),
            &clock,
        )
        .unwrap();
        let slots: Vec<u32> = rs.iter().map(|r| r.slot).collect();
        assert_eq!(slots, [1, 2, 3], "{day}");
        for r in &rs {
            assert_eq!(clock.day_of(r.due), day);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Stepping a reminder loop minute by minute over a week in a zone with DST, claiming keys
    /// as the desktop loop does: each dose of each day is reminded exactly once.
    #[test]
    fn a_week_of_ticks_reminds_each_dose_once(
        zone in prop::sample::select(vec![crate::zone::known::BERLIN, crate::zone::known::NEW_YORK, crate::zone::known::LORD_HOWE, crate::zone::known::SAO_PAULO]),
        start_day in 0i64..365,
        hours in prop::collection::btree_set(0u32..24, 1..=4),
        tick_min in 1i64..=2,
    ) {
        let first = date(2026, 1, 1) + Duration::days(start_day);
        let times: Vec<String> = hours.iter().map(|h| format!("{h:02}:00")).collect();
        let refs: Vec<&str> = times.iter().map(String::as_str).collect();
        let s = spec(&refs, first - Duration::days(1), 240);
        let clock = DayClock::new(zone, 240);
        let settings = ReminderSettings::default();
        let mut claimed: BTreeMap<String, u32> = BTreeMap::new();
        let begin = clock.day_start_instant(first);
        let end = clock.day_start_instant(first + Duration::days(7));
        let mut t = begin;
        while t < end {
            let today = clock.day_of(t);
            for day in [today, today + Duration::days(1)] {
                for r in plan_day(day, &s, &DayState::default(), &[], &settings, &clock).unwrap() {
                    if r.is_due(t) && !claimed.contains_key(&r.key) {
                        claimed.insert(r.key.clone(), 1);
                    }
                }
            }
            t += Duration::minutes(tick_min);
        }
        for offset in 0..7 {
            let day = first + Duration::days(offset);
            for slot in 1..=refs.len() {
                let key = format!("{day}/dose:{slot}");
                prop_assert_eq!(claimed.get(&key).copied(), Some(1), "{}", key);
            }
        }
        prop_assert_eq!(claimed.len(), 7 * refs.len());
    }
}

#[test]
fn times_resolve_in_the_zone_in_force() {
    // Keep-home-time: a Berlin plan viewed from Tokyo fires at Berlin's 08:00.
    let s = spec(&["08:00"], date(2026, 11, 1), 240);
    let home = DayClock::new(BERLIN, 240);
    let rs = plan_day(
        date(2026, 11, 10),
        &s,
        &DayState::default(),
        &[],
        &ReminderSettings::default(),
        &home,
    )
    .unwrap();
    assert_eq!(
        rs[0].due,
        Utc.with_ymd_and_hms(2026, 11, 10, 7, 0, 0).unwrap()
    );
    let local = DayClock::new(crate::zone::known::TOKYO, 240);
    let rs = plan_day(
        date(2026, 11, 10),
        &s,
        &DayState::default(),
        &[],
        &ReminderSettings::default(),
        &local,
    )
    .unwrap();
    assert_eq!(
        rs[0].due,
        Utc.with_ymd_and_hms(2026, 11, 9, 23, 0, 0).unwrap()
    );
}

/// Issue 13: a hand-over the system refused is failed, with its reason, counts against "on
/// time", and raises the problem until a later hand-over goes through.
#[tokio::test]
async fn a_refused_hand_over_is_failed_with_its_reason_until_one_goes_through() {
    let day = date(2026, 11, 10);
    let core = core_with(&["08:00", "20:00"], day, Settings::default()).await;
    let reason = "org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.Notifications was not provided by any .service files";
    // The desktop loop at 08:00: claimed, handed over, refused.
    let at = now_in_berlin(day, 8, 0);
    let due = core.due_reminders(&at).await.unwrap();
    assert!(core.claim_reminder(&due[0], &at, "desktop").await.unwrap());
    core.reminder_shown(&due[0].key, &at, Some(reason))
        .await
        .unwrap();
    let report = core
        .delivery_report(&now_in_berlin(day, 9, 0))
        .await
        .unwrap();
    assert_eq!(
        (report.expected, report.on_time, report.failed),
        (1, 0, 1),
        "failed, and not on time"
    );
    assert_eq!(report.recent[0].outcome, DeliveryOutcome::Failed);
    assert_eq!(report.recent[0].error.as_deref(), Some(reason));
    let problem = report.problem.expect("the problem is raised");
    assert!(!problem.test);
    // Issue 21: the app's words for the person, the system's for support.
    assert_eq!(problem.code, "no_notification_service");
    assert!(problem
        .reason
        .starts_with("no notification service is running"));
    assert!(
        !problem.reason.contains("org.freedesktop"),
        "{}",
        problem.reason
    );
    assert_eq!(problem.details, reason);

    // A test reminder refused the same way: no "last test sent", the problem stays.
    let t = now_in_berlin(day, 9, 30);
    let test = core.test_reminder_shown(&t, None).await.unwrap();
    core.reminder_shown(&test.key, &t, Some(reason))
        .await
        .unwrap();
    let report = core
        .delivery_report(&now_in_berlin(day, 9, 31))
        .await
        .unwrap();
    assert_eq!(report.last_test, None, "a refused test was not sent");
    assert!(report.problem.is_some_and(|p| p.test));

    // A later test that goes through clears it; the failed dose reminder stays failed.
    core.test_reminder_shown(&now_in_berlin(day, 9, 45), None)
        .await
        .unwrap();
    let report = core
        .delivery_report(&now_in_berlin(day, 9, 46))
        .await
        .unwrap();
    assert!(report.last_test.is_some());
    assert_eq!(report.problem, None);
    assert_eq!(report.failed, 1);
}

/// Issue 13: the delivery check counts only doses that came due once Magday had a protocol:
/// not the morning dose of the day it was set up at noon, nor days filled in afterwards.
#[tokio::test]
async fn doses_due_before_the_protocol_existed_are_not_expected() {
    let core = Core::open_in_memory().await.unwrap();
    let day = date(2026, 11, 10);
    // Set up at 12:00 on the 10th, with the course started on the 7th (days to fill in).
    core.save_protocol(
        &input(&["08:00", "20:00"], date(2026, 11, 7)),
        false,
        &now_in_berlin(day, 12, 0),
    )
    .await
    .unwrap();
    assert_eq!(
        tick(&core, &now_in_berlin(day, 20, 0)).await,
        ["2026-11-10/dose:2"]
    );
    let report = core
        .delivery_report(&now_in_berlin(day, 21, 0))
        .await
        .unwrap();
    assert_eq!(
        (report.expected, report.on_time, report.not_sent),
        (1, 1, 0),
        "only the 20:00 dose of the 10th: {:?}",
        report.recent
    );
    // From the next day on, every dose counts.
    let next = date(2026, 11, 11);
    let report = core
        .delivery_report(&now_in_berlin(next, 9, 0))
        .await
        .unwrap();
    assert_eq!((report.expected, report.not_sent), (2, 1));
}

/// Issue 12 (reference §4): an antibiotic taken three times a day gets a reminder at each
/// intake, with its label's rule in words; each has its own key and notification id.
#[test]
fn each_intake_of_a_medicine_gets_its_reminder() {
    let mut i = input(&["08:00", "20:00"], date(2026, 11, 1));
    i.safety.medicines = vec![MedicineInput {
        more_times: vec!["15:00".into(), "23:00".into()],
        ..medicine(MedicineClass::Quinolone, "Ciprofloxacin", Some("07:00"))
    }];
    let s = validate(&i, date(2026, 11, 1), 240).unwrap().0;
    let clock = DayClock::new(BERLIN, 240);
    let rs = plan_day(
        date(2026, 11, 10),
        &s,
        &DayState::default(),
        &[],
        &ReminderSettings::default(),
        &clock,
    )
    .unwrap();
    let sep: Vec<&Reminder> = rs
        .iter()
        .filter(|r| r.kind == ReminderKind::Separation)
        .collect();
    let keys: Vec<&str> = sep.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "2026-11-10/med:0",
            "2026-11-10/med:0/1",
            "2026-11-10/med:0/2"
        ]
    );
    assert_eq!(sep[1].due, instant_in(BERLIN, date(2026, 11, 10), 15, 0));
    assert!(sep[0]
        .body
        .starts_with("Take it at least 2 h before or 6 h after magnesium."));
    let ids: BTreeSet<i32> = rs.iter().map(|r| r.notification_id()).collect();
    assert_eq!(ids.len(), rs.len(), "every reminder has its own id");
}

/// The desktop loop, once, keeping what was shown: (key, title).
async fn tick_titles(core: &Core, n: &Now) -> Vec<(String, String)> {
    let mut shown = vec![];
    for r in core.due_reminders(n).await.unwrap() {
        if core.claim_reminder(&r, n, "desktop").await.unwrap() {
            core.reminder_shown(&r.key, n, None).await.unwrap();
            shown.push((r.key, r.title));
        }
    }
    shown
}

#[tokio::test]
async fn a_start_after_the_dose_time_sends_one_catch_up_per_dose_and_a_second_start_none() {
    let day = date(2026, 11, 10);
    let mut settings = Settings::default();
    settings.reminders.pre_alert_min = Some(10);
    settings.reminders.nag_every_min = Some(5);
    settings.reminders.nag_max = 3;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("magday.db");
    {
        let core = Core::open(&path).await.unwrap();
        core.update_settings(settings).await.unwrap();
        core.save_protocol(
            &input(&["08:00", "20:00"], day),
            false,
            &now_in_berlin(day, 6, 0),
        )
        .await
        .unwrap();
        core.store().close().await;
    }
    // Magday was not running from 07:00 to 08:12: the pre-alert (07:50), the dose (08:00) and
    // two repeats (08:05, 08:10) are due at once. One notification: the dose's own, saying it
    // is still open.
    let core = Core::open(&path).await.unwrap();
    assert_eq!(
        tick_titles(&core, &now_in_berlin(day, 8, 12)).await,
        [(
            "2026-11-10/dose:1".to_string(),
            "Magnesium: dose 1 at 08:00 is still open".to_string()
        )]
    );
    core.store().close().await;
    // A second start a minute later sends none of the superseded ones.
    let core = Core::open(&path).await.unwrap();
    assert!(tick_titles(&core, &now_in_berlin(day, 8, 13))
        .await
        .is_empty());
    // The next repeat comes at its time, as it would have anyway.
    let next = tick_titles(&core, &now_in_berlin(day, 8, 15)).await;
    assert_eq!(next.len(), 1);
    assert!(next[0].0.starts_with("2026-11-10/dose:1/nag"), "{next:?}");
    // The delivery check counts the catch-up as late, not on time.
    let report = core
        .delivery_report(&now_in_berlin(day, 8, 30))
        .await
        .unwrap();
    assert_eq!((report.on_time, report.late), (0, 1));
}

#[tokio::test]
async fn a_wake_up_with_repeats_due_shows_the_latest_only() {
    let day = date(2026, 11, 10);
    let mut settings = Settings::default();
    settings.reminders.nag_every_min = Some(5);
    settings.reminders.nag_max = 6;
    let core = core_with(&["08:00", "20:00"], day, settings).await;
    assert_eq!(
        tick(&core, &now_in_berlin(day, 8, 0)).await,
        ["2026-11-10/dose:1"]
    );
    // Asleep from 08:01 to 08:22: three repeats came due meanwhile; one is shown, once.
    let woke = tick(&core, &now_in_berlin(day, 8, 22)).await;
    assert_eq!(woke.len(), 1, "{woke:?}");
    assert!(woke[0].starts_with("2026-11-10/dose:1/nag"));
    assert!(tick(&core, &now_in_berlin(day, 8, 23)).await.is_empty());
}

#[test]
fn catch_up_keeps_one_per_dose_and_per_medicine() {
    let r = |key: &str, kind, slot, h: u32, m: u32| Reminder {
        key: key.into(),
        kind,
        day: date(2026, 11, 10),
        slot,
        n: 0,
        due: instant_in(BERLIN, date(2026, 11, 10), h, m),
        expires: instant_in(BERLIN, date(2026, 11, 10), 23, 0),
        title: format!("t {key}"),
        body: String::new(),
    };
    let due = vec![
        r("pre1", ReminderKind::PreAlert, 1, 7, 50),
        r("nag1", ReminderKind::Nag, 1, 8, 5),
        r("pre2", ReminderKind::PreAlert, 2, 8, 0),
        r("sep0a", ReminderKind::Separation, 0, 7, 0),
        r("sep0b", ReminderKind::Separation, 0, 8, 0),
        r("sep1", ReminderKind::Separation, 1, 8, 0),
    ];
    let (show, superseded) = catch_up(due, instant_in(BERLIN, date(2026, 11, 10), 8, 6));
    let keys = |v: &[Reminder]| v.iter().map(|r| r.key.clone()).collect::<BTreeSet<_>>();
    assert_eq!(
        keys(&show),
        ["nag1", "pre2", "sep0b", "sep1"].map(String::from).into()
    );
    assert_eq!(
        keys(&superseded),
        ["pre1", "sep0a"].map(String::from).into()
    );
    // Only the dose's own reminder says "still open".
    assert!(show.iter().all(|r| !r.title.contains("still open")));
}
