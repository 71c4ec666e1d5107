//! Private reminder text: same reminders, at the same times, with the same keys, saying only
//! when.

use chrono::Duration;

use super::*;
use crate::api::Core;
use crate::day::DayClock;
use crate::facts::MedicineClass;
use crate::log::DayState;
use crate::protocol::{validate, Template};
use crate::reminders::{catch_up, plan_day, Reminder};
use crate::settings::{ReminderSettings, Settings};
use crate::stock::{StockAction, StockInput, StockUnit};
use crate::testkit::{date, instant_in, medicine, now_in_berlin, protocol_input};
use crate::zone::known::BERLIN;

/// Words a private reminder must never carry: the product, the form, an amount, the medicine.
const SECRET: [&str; 8] = [
    "Calm Night",
    "glycinate",
    "mg",
    "unit",
    "capsule",
    "doxycycline",
    "magnesium",
    "150",
];

fn assert_private(r: &Reminder) {
    let text = format!("{} {}", r.title, r.body).to_lowercase();
    for word in SECRET {
        assert!(
            !text.contains(&word.to_lowercase()),
            "{:?} says {word:?}: {text}",
            r.kind
        );
    }
}

fn input() -> crate::protocol::ProtocolInput {
    let mut i = protocol_input(
        Template::Nerve,
        "glycinate",
        150.0,
        &["08:00", "20:00"],
        date(2026, 11, 1),
    );
    if let Some(s) = i.supplement.as_mut() {
        s.product = "Calm Night 150".into();
    }
    i.safety.medicines = vec![medicine(
        MedicineClass::Tetracycline,
        "doxycycline",
        Some("13:00"),
    )];
    i
}

fn settings(private_text: bool) -> ReminderSettings {
    ReminderSettings {
        pre_alert_min: Some(15),
        nag_every_min: Some(20),
        nag_max: 2,
        private_text,
        ..ReminderSettings::default()
    }
}

#[test]
fn every_kind_says_when_and_never_what() {
    let spec = validate(&input(), date(2026, 11, 1), 240).unwrap().0;
    let clock = DayClock::new(BERLIN, 240);
    let day = date(2026, 11, 10);
    // Dose 1 snoozed at 08:05: its snooze reminder is planned too.
    let mut log = DayState::default();
    let snoozed = instant_in(BERLIN, day, 8, 15).fixed_offset();
    log.doses.entry(1).or_default().snooze = Some((7, snoozed));
    let plain = plan_day(day, &spec, &log, &[], &settings(false), &clock).unwrap();
    let private = plan_day(day, &spec, &log, &[], &settings(true), &clock).unwrap();
    let kinds: std::collections::BTreeSet<&str> = private.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["dose", "nag", "pre_alert", "separation", "snooze"]
    );
    // The plain text does name them (so the check below can fail).
    assert!(plain.iter().any(|r| r.body.contains("Calm Night 150")));
    assert!(plain.iter().any(|r| r.title.contains("doxycycline")));
    assert_eq!(plain.len(), private.len());
    for (p, r) in plain.iter().zip(&private) {
        assert_eq!(
            (&p.key, p.kind, p.due, p.expires, p.slot, p.n),
            (&r.key, r.kind, r.due, r.expires, r.slot, r.n)
        );
        assert_private(r);
        assert!(r.title.starts_with("Magday: "), "{}", r.title);
    }
    let titles: Vec<&str> = private.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Magday: your 08:00 dose in 15 minutes",
            "Magday: time for your 08:00 dose",
            "Magday: snoozed, your 08:00 dose",
            "Magday: your 08:00 dose is still to take",
            "Magday: your 08:00 dose is still to take",
            "Magday: your 13:00 reminder",
            "Magday: your 20:00 dose in 15 minutes",
            "Magday: time for your 20:00 dose",
            "Magday: your 20:00 dose is still to take",
            "Magday: your 20:00 dose is still to take",
        ]
    );
    let dose = &private[1];
    assert_eq!(dose.body, DOSE_BODY);
    assert!(dose.is_about_a_dose(), "Taken and Snooze stay on it");
    assert_eq!(private[5].body, OTHER_BODY);
}

#[test]
fn a_late_private_dose_says_it_is_still_open() {
    let spec = validate(&input(), date(2026, 11, 1), 240).unwrap().0;
    let clock = DayClock::new(BERLIN, 240);
    let day = date(2026, 11, 10);
    let rs = plan_day(
        day,
        &spec,
        &DayState::default(),
        &[],
        &settings(true),
        &clock,
    )
    .unwrap();
    let late = instant_in(BERLIN, day, 9, 0);
    let due: Vec<Reminder> = rs.into_iter().filter(|r| r.is_due(late)).collect();
    let (show, _) = catch_up(due, late);
    assert_eq!(show.len(), 1, "{show:?}");
    assert_eq!(show[0].title, "Magday: your 08:00 dose is still open");
    assert_eq!(
        still_open("Magnesium: dose 1 at 08:00"),
        "Magnesium: dose 1 at 08:00 is still open"
    );
}

/// A core whose supply runs low, with reminders due at the first dose of 2026-11-10.
async fn low_supply_core(private_setting: bool) -> Core {
    let core = Core::open_in_memory().await.unwrap();
    let mut s = Settings::default();
    s.reminders.private_text = private_setting;
    core.update_settings(s).await.unwrap();
    let setup = now_in_berlin(date(2026, 11, 1), 6, 0);
    core.save_protocol(&input(), false, &setup).await.unwrap();
    let count = StockInput {
        action: StockAction::Count,
        units: 3.0,
        unit: Some(StockUnit::Capsules),
    };
    core.update_stock(&count, &now_in_berlin(date(2026, 11, 9), 21, 0))
        .await
        .unwrap();
    core
}

#[tokio::test]
async fn the_device_lock_makes_every_due_reminder_private_the_refill_too() {
    let at = now_in_berlin(date(2026, 11, 10), 8, 1);
    let core = low_supply_core(false).await;
    let plain = core.due_reminders(&at).await.unwrap();
    let refill = plain.iter().find(|r| r.kind == ReminderKind::Refill);
    assert!(
        refill.is_some_and(|r| r.body.contains("Calm Night 150")),
        "{plain:?}"
    );
    core.force_private_reminders(true);
    let private = core.due_reminders(&at).await.unwrap();
    assert_eq!(
        plain.iter().map(|r| &r.key).collect::<Vec<_>>(),
        private.iter().map(|r| &r.key).collect::<Vec<_>>()
    );
    private.iter().for_each(assert_private);
    let upcoming = core.upcoming_reminders(&at, 2).await.unwrap();
    assert!(!upcoming.is_empty());
    upcoming.iter().for_each(assert_private);
    // The settings themselves are not changed by the lock.
    assert!(!core.settings().await.unwrap().reminders.private_text);
    // Taken on the private reminder records the dose.
    let dose = private
        .iter()
        .find(|r| r.kind == ReminderKind::Dose)
        .unwrap();
    let day = core
        .reminder_action(&dose.key, crate::reminders::ReminderAction::Taken, &at)
        .await
        .unwrap();
    assert!(day.checklist.doses[0].taken_at.is_some());
    core.force_private_reminders(false);
    let after = core
        .due_reminders(&now_in_berlin(date(2026, 11, 10), 8, 2))
        .await
        .unwrap();
    assert!(after
        .iter()
        .any(|r| r.kind == ReminderKind::Refill && r.body.contains("Calm Night 150")));
}

#[tokio::test]
async fn the_setting_alone_makes_them_private() {
    let core = low_supply_core(true).await;
    let at = now_in_berlin(date(2026, 11, 10), 8, 1);
    let due = core.due_reminders(&at).await.unwrap();
    assert!(due.iter().any(|r| r.kind == ReminderKind::Refill));
    due.iter().for_each(assert_private);
    let tomorrow = at.utc + Duration::days(1);
    assert!(core
        .upcoming_reminders(&at, 3)
        .await
        .unwrap()
        .iter()
        .filter(|r| r.due > tomorrow)
        .all(|r| r.title.starts_with("Magday: ")));
}
