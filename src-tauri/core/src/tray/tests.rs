//! Issue 24: the tray's lines from today's view, on a real database with fixed clocks.

use super::*;
use crate::api::Core;
use crate::checklist::Tap;
use crate::testkit::{core_with_input, date, nerve, now_in_berlin, urgent_check_in};

async fn core(times: &[&str]) -> Core {
    core_with_input(&nerve(date(2026, 11, 2), times)).await
}

fn labels(view: &TrayView) -> Vec<&str> {
    view.items.iter().map(|i| i.label.as_str()).collect()
}

#[tokio::test]
async fn a_due_dose_offers_mark_taken_and_a_taken_one_says_so() {
    let core = core(&["08:00", "20:00"]).await;
    let at = |h, m| now_in_berlin(date(2026, 11, 10), h, m);
    let view = core.tray(&at(8, 5)).await.unwrap();
    assert_eq!(
        labels(&view),
        [
            "Dose 1 · 08:00 · Mark taken",
            "Dose 2 · 20:00 · upcoming",
            "Next: dose 1 at 08:00",
            "Open Magday",
            "Quit Magday (reminders stop)",
        ]
    );
    assert_eq!(view.items[0].action, TrayAction::MarkTaken { slot: 1 });
    assert_eq!(
        action_of(&view.items[0].id),
        TrayAction::MarkTaken { slot: 1 }
    );
    assert_eq!(view.items[1].action, TrayAction::Info);
    assert_eq!(action_of(&view.items[1].id), TrayAction::Info);
    assert_eq!(view.tooltip, "Magday: next dose 1 at 08:00");

    core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &at(8, 6))
        .await
        .unwrap();
    let view = core.tray(&at(8, 7)).await.unwrap();
    assert_eq!(labels(&view)[0], "Dose 1 · 08:00 · taken");
    assert_eq!(labels(&view)[2], "Next: dose 2 at 20:00");
    assert_eq!(view.tooltip, "Magday: next dose 2 at 20:00");
}

#[tokio::test]
async fn a_missed_dose_can_still_be_marked_and_the_next_is_tomorrow() {
    let core = core(&["08:00", "12:00"]).await;
    let view = core
        .tray(&now_in_berlin(date(2026, 11, 10), 22, 0))
        .await
        .unwrap();
    assert_eq!(
        labels(&view)[0],
        "Dose 1 · 08:00 · missed · Mark taken (late)"
    );
    assert_eq!(view.items[0].action, TrayAction::MarkTaken { slot: 1 });
    assert_eq!(labels(&view)[2], "Next: dose 1 tomorrow at 08:00");
    assert_eq!(view.tooltip, "Magday: next dose 1 tomorrow at 08:00");
}

#[tokio::test]
async fn a_safety_pause_offers_no_mark_taken_and_says_reminders_are_paused() {
    let core = core(&["08:00", "20:00"]).await;
    let at = |h, m| now_in_berlin(date(2026, 11, 10), h, m);
    let urgent = urgent_check_in(&["confusion"]);
    core.check_in(&urgent, &at(9, 0)).await.unwrap();
    let view = core.tray(&at(20, 5)).await.unwrap();
    assert_eq!(
        labels(&view)[..3],
        [
            "Reminders are paused for safety: open Magday",
            "Dose 1 · 08:00 · paused",
            "Dose 2 · 20:00 · paused",
        ]
    );
    assert!(view
        .items
        .iter()
        .all(|i| !matches!(i.action, TrayAction::MarkTaken { .. })));
    assert_eq!(view.tooltip, "Magday: reminders are paused for safety");
}

#[tokio::test]
async fn before_any_protocol_the_tray_says_so() {
    let core = Core::open_in_memory().await.unwrap();
    let view = core
        .tray(&now_in_berlin(date(2026, 11, 10), 9, 0))
        .await
        .unwrap();
    assert_eq!(
        labels(&view),
        [
            "No protocol yet: open Magday to set one up",
            "Open Magday",
            "Quit Magday (reminders stop)",
        ]
    );
    assert_eq!(view.tooltip, "Magday: no protocol yet");
}

#[tokio::test]
async fn the_quit_notice_is_remembered() {
    let core = Core::open_in_memory().await.unwrap();
    assert!(!core.quit_notice_given().await.unwrap());
    core.note_quit_notice().await.unwrap();
    assert!(core.quit_notice_given().await.unwrap());
}

#[test]
fn ids_read_back_as_actions() {
    assert_eq!(action_of(OPEN), TrayAction::Open);
    assert_eq!(action_of(QUIT), TrayAction::Quit);
    assert_eq!(action_of("take:2"), TrayAction::MarkTaken { slot: 2 });
    assert_eq!(action_of("take:x"), TrayAction::Info);
    assert_eq!(action_of("next"), TrayAction::Info);
}

#[tokio::test]
async fn the_supply_shows_only_when_low() {
    let core = core(&["08:00", "20:00"]).await;
    let d = date(2026, 11, 10);
    let mut day = core.day(None, &now_in_berlin(d, 9, 0)).await.unwrap();
    let stock = |days_left, low| crate::stock::StockView {
        unit: crate::stock::StockUnit::Capsules,
        on_hand: f64::from(days_left) * 2.0,
        short: false,
        per_day: 2.0,
        days_left,
        runs_out_on: Some(d),
        low,
        warn_days: 7,
        counted_on: d,
        ran_out_on: None,
        line: String::new(),
        per_day_text: "2 capsules".into(),
    };
    day.stock = Some(stock(20, false));
    assert!(!labels(&view(&day)).iter().any(|l| l.starts_with("Supply")));
    day.stock = Some(stock(3, true));
    assert!(labels(&view(&day)).contains(&"Supply: 3 days left"));
    day.stock = Some(stock(1, true));
    assert!(labels(&view(&day)).contains(&"Supply: 1 day left"));
}

#[test]
fn the_lock_item_sits_above_open_and_locks() {
    let view = with_lock_item(fallback());
    let ids: Vec<&str> = view.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, [LOCK, OPEN, QUIT]);
    assert_eq!(view.items[0].label, "Lock Magday now");
    assert_eq!(action_of(LOCK), TrayAction::Lock);
}
