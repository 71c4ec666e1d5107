//! Breathing, movement and the supply through the core's commands, on a real SQLite file with
//! fixed clocks.

use super::*;
use crate::checklist::Tap;
use crate::practice::{BreathingInput, BreathingPattern, MovementKind};
use crate::protocol::ProtocolInput;
use crate::reminders::ReminderKind;
use crate::report::ReportKind;
use crate::stock::{StockAction, StockUnit};
use crate::testkit::{date, file_core, now_in_berlin, protocol_input};

/// `h:min` on `m`/`d` 2026 in Berlin.
fn at(m: u32, d: u32, h: u32, min: u32) -> Now {
    now_in_berlin(date(2026, m, d), h, min)
}

fn plan(template: Template, units: f64) -> ProtocolInput {
    let mut i = protocol_input(
        template,
        "citrate",
        50.0,
        &["08:00", "20:00"],
        date(2026, 3, 2),
    );
    for d in &mut i.supplement.as_mut().unwrap().doses {
        d.units = units;
    }
    i
}

fn breathe(planned: u32, seconds: u32) -> Tap {
    Tap::Breathe {
        session: BreathingInput {
            pattern: BreathingPattern::LongerExhale,
            planned_minutes: planned,
            seconds,
            warmth_before: Some(3),
            warmth_after: Some(6),
        },
    }
}

fn item<'a>(v: &'a DayView, key: &str) -> &'a crate::checklist::ItemView {
    v.checklist.items.iter().find(|i| i.key == key).unwrap()
}

fn count(units: f64) -> StockInput {
    StockInput {
        action: StockAction::Count,
        units,
        unit: Some(StockUnit::Capsules),
    }
}

#[tokio::test]
async fn a_finished_or_stopped_session_ticks_breathing_with_its_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let core = file_core(&dir).await;
    let now = at(3, 2, 9, 0);
    core.save_protocol(&plan(Template::Nerve, 1.0), false, &now)
        .await
        .unwrap();
    let opts = core.breathing_options(&now).await.unwrap();
    assert_eq!(opts.default_pattern, BreathingPattern::LongerExhale);
    // Under a minute: refused, nothing written.
    let before = core.store().event_count().await.unwrap();
    let e = core.tap(None, &breathe(3, 45), &now).await.unwrap_err();
    assert_eq!(e.code(), "session_too_short");
    assert_eq!(core.store().event_count().await.unwrap(), before);
    // Stopped after 1 min 10 s of 3: ticked with 1 minute.
    let v = core.tap(None, &breathe(3, 70), &now).await.unwrap();
    let b = item(&v, "breathing");
    assert!(b.done);
    assert_eq!(b.minutes, 1);
    // A finished 5-minute session adds 5.
    let v = core
        .tap(None, &breathe(5, 300), &at(3, 2, 21, 0))
        .await
        .unwrap();
    assert_eq!(item(&v, "breathing").minutes, 6);
    // Read back from the file after reopening.
    core.store().close().await;
    let core = file_core(&dir).await;
    let v = core.day(None, &at(3, 2, 22, 0)).await.unwrap();
    assert_eq!(item(&v, "breathing").minutes, 6);
    // Unticking withdraws the day's minutes.
    let v = core
        .tap(
            None,
            &Tap::Uncheck {
                key: "breathing".into(),
            },
            &at(3, 2, 22, 0),
        )
        .await
        .unwrap();
    assert!(!item(&v, "breathing").done);
    assert_eq!(item(&v, "breathing").minutes, 0);
    // Progress: week 1 holds nothing from the withdrawn day.
    let p = core.progress(&at(3, 2, 22, 0)).await.unwrap();
    assert_eq!(p.practice.weeks[0].breathing_minutes, 0);
    assert_eq!(p.practice.warmth, None);
}

#[tokio::test]
async fn without_the_breathing_item_a_session_is_refused() {
    let core = Core::open_in_memory().await.unwrap();
    let now = at(3, 2, 9, 0);
    let mut i = plan(Template::Circulation, 1.0);
    i.items_off = vec!["breathing".into(), "movement".into()];
    core.save_protocol(&i, false, &now).await.unwrap();
    assert_eq!(
        core.tap(None, &breathe(3, 180), &now)
            .await
            .unwrap_err()
            .code(),
        "unknown_item"
    );
    let mv = Tap::Move {
        kind: MovementKind::Walk,
        minutes: 20,
    };
    assert_eq!(
        core.tap(None, &mv, &now).await.unwrap_err().code(),
        "unknown_item"
    );
}

#[tokio::test]
async fn movement_minutes_add_up_per_week_and_warmth_changes_average() {
    let core = Core::open_in_memory().await.unwrap();
    core.save_protocol(&plan(Template::Circulation, 1.0), false, &at(3, 2, 8, 0))
        .await
        .unwrap();
    for (d, kind, minutes) in [
        (2, MovementKind::Walk, 30),
        (3, MovementKind::Yoga, 20),
        (9, MovementKind::Walk, 15),
    ] {
        let v = core
            .tap(None, &Tap::Move { kind, minutes }, &at(3, d, 18, 0))
            .await
            .unwrap();
        assert!(item(&v, "movement").done);
        assert_eq!(item(&v, "movement").minutes, minutes);
    }
    core.tap(None, &breathe(10, 600), &at(3, 4, 18, 0))
        .await
        .unwrap();
    let p = core.progress(&at(3, 10, 12, 0)).await.unwrap();
    let w = &p.practice.weeks;
    assert_eq!((w[0].movement_minutes, w[1].movement_minutes), (50, 15));
    assert_eq!((w[0].breathing_minutes, w[0].breathing_sessions), (10, 1));
    let warmth = p.practice.warmth.unwrap();
    assert_eq!((warmth.sessions, warmth.average_change), (1, 3.0));
    // Week 2 of the course: what to expect, with the guides as source.
    let g = p.expect.unwrap();
    assert_eq!(g.week, 2);
    assert!(!g.disclaimer.is_empty());
    // A refused amount changes nothing.
    let before = core.store().event_count().await.unwrap();
    let bad = Tap::Move {
        kind: MovementKind::Other,
        minutes: 0,
    };
    assert!(core.tap(None, &bad, &at(3, 10, 12, 0)).await.is_err());
    assert_eq!(core.store().event_count().await.unwrap(), before);
}

#[tokio::test]
async fn the_supply_counts_down_with_doses_undo_restores_and_refill_adds() {
    let dir = tempfile::tempdir().unwrap();
    let core = file_core(&dir).await;
    let morning = at(3, 2, 7, 0);
    core.save_protocol(&plan(Template::Circulation, 1.0), false, &morning)
        .await
        .unwrap();
    assert_eq!(
        core.day(None, &morning).await.unwrap().stock,
        None,
        "not counted yet"
    );
    let refill = StockInput {
        action: StockAction::Refill,
        units: 30.0,
        unit: None,
    };
    let before = core.store().event_count().await.unwrap();
    assert_eq!(
        core.update_stock(&refill, &morning)
            .await
            .unwrap_err()
            .code(),
        "no_stock_count"
    );
    assert_eq!(core.store().event_count().await.unwrap(), before);
    let v = core.update_stock(&count(20.0), &morning).await.unwrap();
    let s = v.stock.unwrap();
    assert_eq!((s.on_hand, s.per_day), (20.0, 2.0));
    assert_eq!(s.days_left, 10, "two a day, both still to take today");
    assert!(!s.low);
    let v = core
        .tap(None, &Tap::TakeDose { slot: 1, at: None }, &at(3, 2, 8, 5))
        .await
        .unwrap();
    assert_eq!(v.stock.unwrap().on_hand, 19.0);
    let v = core
        .tap(None, &Tap::UndoDose { slot: 1 }, &at(3, 2, 8, 6))
        .await
        .unwrap();
    assert_eq!(
        v.stock.unwrap().on_hand,
        20.0,
        "an undo gives the capsule back"
    );
    // Skipping a dose uses nothing.
    let v = core
        .tap(None, &Tap::SkipDose { slot: 1 }, &at(3, 2, 8, 7))
        .await
        .unwrap();
    assert_eq!(v.stock.unwrap().on_hand, 20.0);
    let v = core.update_stock(&refill, &at(3, 2, 9, 0)).await.unwrap();
    assert_eq!(v.stock.unwrap().on_hand, 50.0);
}

#[tokio::test]
async fn days_left_follow_a_protocol_change_and_low_supply_reminds_once_a_day() {
    let core = Core::open_in_memory().await.unwrap();
    let d1 = at(3, 2, 7, 0);
    core.save_protocol(&plan(Template::Circulation, 1.0), false, &d1)
        .await
        .unwrap();
    core.update_stock(&count(20.0), &d1).await.unwrap();
    core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &at(3, 2, 8, 0))
        .await
        .unwrap();
    // Today logged: an edit to two capsules a dose takes effect tomorrow.
    let v = core
        .save_protocol(&plan(Template::Circulation, 2.0), false, &at(3, 2, 9, 0))
        .await
        .unwrap();
    assert_eq!(v.effective_from, date(2026, 3, 3));
    let day = core.day(None, &at(3, 2, 9, 0)).await.unwrap();
    let s = day.stock.unwrap();
    // 19 on hand: the evening dose (1), then 4 a day: the 3rd to the 6th use 16, 2 are left
    // for the 7th: 5 days covered (the 2nd to the 6th).
    assert_eq!(s.on_hand, 19.0);
    assert_eq!(s.days_left, 5);
    assert_eq!(s.runs_out_on, Some(date(2026, 3, 7)));
    assert!(s.low, "5 < 7 days");
    // The refill reminder comes with tomorrow's first dose, once.
    let morning = at(3, 3, 8, 1);
    let due = core.due_reminders(&morning).await.unwrap();
    let refill: Vec<_> = due
        .iter()
        .filter(|r| r.kind == ReminderKind::Refill)
        .collect();
    assert_eq!(refill.len(), 1, "{due:?}");
    assert_eq!(refill[0].key, "2026-03-03/refill");
    assert!(refill[0].body.contains("capsules"), "{}", refill[0].body);
    assert!(core
        .claim_reminder(refill[0], &morning, "desktop")
        .await
        .unwrap());
    let again = core.due_reminders(&at(3, 3, 9, 0)).await.unwrap();
    assert!(again.iter().all(|r| r.kind != ReminderKind::Refill));
    // A wider warning window is the user's to set; a narrower one silences it.
    let mut s = core.settings().await.unwrap();
    s.refill_warn_days = 3;
    core.update_settings(s.clone()).await.unwrap();
    let v = core.day(None, &at(3, 3, 9, 0)).await.unwrap();
    assert!(!v.stock.unwrap().low);
    s.refill_warn_days = 0;
    assert_eq!(
        core.update_settings(s).await.unwrap_err().code(),
        "out_of_range"
    );
    // A phone's window holds the refill reminder only while the supply is low.
    let up = core.upcoming_reminders(&at(3, 3, 7, 0), 2).await.unwrap();
    assert!(up.iter().all(|r| r.kind != ReminderKind::Refill));
    let mut s = core.settings().await.unwrap();
    s.refill_warn_days = 7;
    core.update_settings(s).await.unwrap();
    let up = core.upcoming_reminders(&at(3, 3, 7, 0), 2).await.unwrap();
    assert_eq!(
        up.iter().filter(|r| r.kind == ReminderKind::Refill).count(),
        1
    );
}

#[tokio::test]
async fn running_out_mid_course_is_in_the_report() {
    let core = Core::open_in_memory().await.unwrap();
    let d1 = at(3, 2, 7, 0);
    core.save_protocol(&plan(Template::Circulation, 1.0), false, &d1)
        .await
        .unwrap();
    core.update_stock(&count(3.0), &d1).await.unwrap();
    for (d, slot, h) in [(2, 1, 8), (2, 2, 20), (3, 1, 8)] {
        core.tap(None, &Tap::TakeDose { slot, at: None }, &at(3, d, h, 5))
            .await
            .unwrap();
    }
    let r = core
        .report(ReportKind::Now, &at(3, 5, 12, 0))
        .await
        .unwrap();
    assert!(
        r.html.contains("data-supply=\"ran_out\"") && r.html.contains("(day 2 of 56)"),
        "{}",
        &r.html[r.html.find("<h2>Supply").unwrap()..][..400]
    );
    // With enough on hand it says it did not run out.
    let core = Core::open_in_memory().await.unwrap();
    core.save_protocol(&plan(Template::Circulation, 1.0), false, &d1)
        .await
        .unwrap();
    core.update_stock(&count(200.0), &d1).await.unwrap();
    let r = core
        .report(ReportKind::Now, &at(3, 5, 12, 0))
        .await
        .unwrap();
    assert!(r.html.contains("data-supply=\"lasted\""));
    assert!(r.html.contains("enough for the rest of the course"));
}

#[tokio::test]
async fn the_movement_item_offers_its_kinds_in_words_and_no_other_item_does() {
    let dir = tempfile::tempdir().unwrap();
    let core = file_core(&dir).await;
    let now = at(3, 2, 9, 0);
    core.save_protocol(&plan(Template::Nerve, 1.0), false, &now)
        .await
        .unwrap();
    let v = core.day(None, &now).await.unwrap();
    let kinds: Vec<(MovementKind, &str)> = item(&v, "movement")
        .movement_kinds
        .iter()
        .map(|c| (c.kind, c.label.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (MovementKind::Walk, "Walk"),
            (MovementKind::Yoga, "Yoga"),
            (MovementKind::Stretching, "Stretching"),
            (MovementKind::Other, "Other"),
        ]
    );
    assert!(item(&v, "breathing").movement_kinds.is_empty());
}
