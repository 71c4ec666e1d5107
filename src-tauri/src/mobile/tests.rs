use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use magday_core::reminders::ReminderKind;
use magday_core::setup::SaveProtocolInput;
use magday_core::zone::Tz;
use tauri_plugin_notification::Schedule;

use super::*;
use crate::error::ShellError;
use crate::notifier::{Permission, ReminderNotification};
use magday_core::api::Core;
use magday_core::day::Now;
use magday_core::reminders::Reminder;

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, h, m, 0).unwrap()
}

fn now() -> Now {
    Now::new(at(6, 0), Tz::UTC)
}

fn reminder(slot: u32) -> Reminder {
    let due = at(7, 0);
    Reminder {
        key: format!("2026-11-21/dose:{slot}"),
        kind: ReminderKind::Dose,
        day: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
        slot,
        n: 0,
        due,
        expires: due,
        title: "t".into(),
        body: "b".into(),
    }
}

/// A scheduler that keeps what it is given, and can refuse.
#[derive(Default)]
struct Fake {
    pending: Mutex<Vec<i32>>,
    cancelled: Mutex<Vec<Vec<i32>>>,
    scheduled: Mutex<Vec<(ReminderNotification, i64)>>,
    refuse: Option<String>,
}

impl Scheduler for Fake {
    fn pending(&self) -> Result<Vec<i32>, ShellError> {
        Ok(self.pending.lock().unwrap().clone())
    }

    fn cancel(&self, ids: Vec<i32>) -> Result<(), ShellError> {
        self.pending.lock().unwrap().retain(|id| !ids.contains(id));
        self.cancelled.lock().unwrap().push(ids);
        Ok(())
    }

    fn schedule(&self, notification: ReminderNotification, at: Schedule) -> Result<(), ShellError> {
        if let Some(why) = &self.refuse {
            return Err(ShellError::NotShown(why.clone()));
        }
        let Schedule::At { date, .. } = at else {
            panic!("not a one-off schedule: {at:?}");
        };
        self.pending.lock().unwrap().push(notification.id);
        self.scheduled
            .lock()
            .unwrap()
            .push((notification, date.unix_timestamp()));
        Ok(())
    }
}

async fn core() -> Core {
    Core::open_in_memory().await.expect("core")
}

async fn deliveries(core: &Core) -> Vec<magday_core::store::DeliveryRow> {
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    core.store().deliveries(day, day).await.expect("deliveries")
}

#[test]
fn a_reminder_becomes_a_one_off_schedule_at_its_instant() {
    let r = reminder(1);
    match schedule_of(&r).unwrap() {
        Schedule::At {
            date,
            repeating,
            allow_while_idle,
        } => {
            assert_eq!(date.unix_timestamp(), r.due.timestamp());
            assert!(!repeating);
            assert!(allow_while_idle);
        }
        other => panic!("not a one-off schedule: {other:?}"),
    }
}

#[test]
fn each_phone_has_its_own_words_for_the_permission() {
    let android = Phone::Android.permission_view(Permission::Granted);
    assert_eq!(android.platform, "android");
    assert!(android.help.contains("Alarms & reminders"));
    let ios = Phone::Ios.permission_view(Permission::Granted);
    assert_eq!(
        (ios.platform.as_str(), ios.help.as_str()),
        ("ios", "Reminders are on.")
    );
    for state in [Permission::Denied, Permission::Prompt] {
        assert!(Phone::Android
            .permission_help(state)
            .contains("Settings › Apps › Magday"));
        assert!(Phone::Ios
            .permission_help(state)
            .contains("Settings › Notifications › Magday"));
    }
}

#[tokio::test]
async fn a_reminder_is_claimed_then_scheduled_and_recorded_once() {
    let core = core().await;
    let fake = Fake::default();
    let r = reminder(1);
    assert_eq!(
        schedule_one(&fake, &core, &r, &now()).await,
        Scheduled::First
    );
    let rows = deliveries(&core).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].channel.as_str(), rows[0].error.as_deref()),
        (CHANNEL, None)
    );
    assert!(rows[0].delivered_at.is_some());
    // The next window (after its pending notifications were cancelled) schedules it again
    // under the same id, and records nothing new.
    assert_eq!(
        schedule_one(&fake, &core, &r, &now()).await,
        Scheduled::Again
    );
    assert_eq!(deliveries(&core).await.len(), 1);
    let scheduled = fake.scheduled.lock().unwrap();
    assert_eq!(scheduled.len(), 2);
    assert_eq!(scheduled[0], scheduled[1]);
    assert_eq!(scheduled[0].0, ReminderNotification::of(&r));
    assert_eq!(scheduled[0].1, r.due.timestamp());
}

#[tokio::test]
async fn a_refused_schedule_is_recorded_with_the_reason() {
    let core = core().await;
    let fake = Fake {
        refuse: Some("no exact alarms".into()),
        ..Fake::default()
    };
    let r = reminder(1);
    assert_eq!(
        schedule_one(&fake, &core, &r, &now()).await,
        Scheduled::First
    );
    let rows = deliveries(&core).await;
    assert_eq!(rows[0].error.as_deref(), Some("no exact alarms"));
    assert_eq!(rows[0].delivered_at, None);
}

#[tokio::test]
async fn a_reminder_whose_claim_fails_is_not_scheduled() {
    let core = core().await;
    core.store().close().await;
    let fake = Fake::default();
    assert_eq!(
        schedule_one(&fake, &core, &reminder(1), &now()).await,
        Scheduled::Skipped
    );
    assert!(fake.scheduled.lock().unwrap().is_empty());
}

fn protocol(start: &str) -> SaveProtocolInput {
    serde_json::from_value(serde_json::json!({
        "protocol": {
            "template": "nerve",
            "name": "",
            "safety": {
                "age_band": "y31_50", "sex": "male", "pregnancy": "no",
                "kidney_disease": "no", "medicines": [], "takes_antacid_laxative": false,
                "antacid_laxative_mg": 0.0,
                "conservative_limit": false
            },
            "supplement": {
                "form": "glycinate", "product": "Bisglycinate 100",
                "amount_kind": "elemental", "mg_per_unit": 100.0,
                "doses": [{ "time": "08:00", "units": 1.0 }, { "time": "20:00", "units": 1.0 }],
                "window_minutes": 180
            },
            "start_date": start,
            "length_days": 56,
            "water_glasses": 8,
            "items_off": [],
            "optional_items": [],
            "custom_items": [],
            "symptoms": ["tingling"],
            "acknowledge_above_limit": false
        },
        "new_course": false
    }))
    .expect("protocol input")
}

#[tokio::test]
async fn each_window_replaces_the_pending_one() {
    let core = core().await;
    let input = protocol("2026-11-21");
    core.save_protocol(&input.protocol, input.new_course, &now())
        .await
        .expect("saved");
    let fake = Fake::default();
    fake.pending.lock().unwrap().push(42);
    reschedule(&fake, &core, &now()).await;
    let first: Vec<i32> = fake.pending.lock().unwrap().clone();
    assert!(!first.is_empty(), "the window has reminders");
    assert_eq!(fake.cancelled.lock().unwrap().as_slice(), &[vec![42]]);
    // Again: the same ids are cancelled and scheduled once more, never side by side.
    reschedule(&fake, &core, &now()).await;
    assert_eq!(fake.cancelled.lock().unwrap()[1], first);
    assert_eq!(*fake.pending.lock().unwrap(), first);
    let scheduled = fake.scheduled.lock().unwrap();
    assert_eq!(scheduled.len(), 2 * first.len());
    assert!(scheduled
        .iter()
        .all(|(_, due)| *due > now().utc.timestamp()));
}

#[tokio::test]
async fn without_a_protocol_the_window_is_emptied() {
    let core = core().await;
    let fake = Fake::default();
    fake.pending.lock().unwrap().extend([1, 2]);
    reschedule(&fake, &core, &now()).await;
    assert!(fake.pending.lock().unwrap().is_empty());
    assert!(fake.scheduled.lock().unwrap().is_empty());
}

/// Issue 12 (reference §7): an urgent sign at a check-in empties the phone's schedule (the
/// pending reminders are cancelled and none is scheduled) until the user confirms a
/// clinician's clearance; then the window fills again.
#[tokio::test]
async fn a_safety_pause_empties_the_phones_schedule_until_resumed() {
    let core = core().await;
    let input = protocol("2026-11-21");
    core.save_protocol(&input.protocol, input.new_course, &now())
        .await
        .expect("saved");
    let fake = Fake::default();
    reschedule(&fake, &core, &now()).await;
    let before: Vec<i32> = fake.pending.lock().unwrap().clone();
    assert!(!before.is_empty());
    let check_in = magday_core::checkin::CheckInInput {
        day: None,
        ratings: vec![],
        urgent: vec!["confusion".into()],
        note: String::new(),
    };
    core.check_in(&check_in, &now()).await.expect("checked in");
    reschedule(&fake, &core, &now()).await;
    assert!(fake.pending.lock().unwrap().is_empty(), "nothing pending");
    assert_eq!(fake.cancelled.lock().unwrap().last(), Some(&before));
    let resume = magday_core::pause::ResumeInput {
        cleared_by_clinician: true,
    };
    core.resume_after_pause(&resume, &now())
        .await
        .expect("resumed");
    reschedule(&fake, &core, &now()).await;
    assert_eq!(*fake.pending.lock().unwrap(), before);
}
/// A phone's planner over the fake scheduler: re-plans the window as `MobileNotifier` does with
/// the system's, and counts how often it was asked.
struct Planner {
    core: Core,
    scheduler: std::sync::Arc<Fake>,
    asked: std::sync::atomic::AtomicUsize,
}

impl crate::notifier::Notifier for Planner {
    fn show(&self, _: &Reminder) -> Result<(), ShellError> {
        Ok(())
    }

    fn permission(&self) -> crate::notifier::PermissionView {
        Phone::Android.permission_view(Permission::Granted)
    }

    fn request_permission(&self) -> crate::notifier::PermissionView {
        self.permission()
    }

    fn plan_changed(&self) {
        self.asked.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let (scheduler, core) = (std::sync::Arc::clone(&self.scheduler), self.core.clone());
        tauri::async_runtime::spawn(async move { reschedule(&*scheduler, &core, &now()).await });
    }
}

/// Wait (at most 15 s) until `done` holds.
async fn until(what: &str, done: impl Fn() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(start.elapsed().as_secs() < 15, "waited in vain: {what}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// A pause set on another device reaches this phone by its background sync loop, and the
/// record's one change path re-plans the scheduled window: the fake scheduler is emptied,
/// without the app being opened or tapped. Syncs that bring nothing re-plan nothing.
#[tokio::test(flavor = "multi_thread")]
async fn a_pause_that_arrives_by_a_background_sync_empties_the_phones_schedule() {
    use crate::notifier::Notifier;
    use crate::record::{open, spawn_background, Paths, RecordState};
    use std::sync::atomic::Ordering;
    use std::sync::Arc;

    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("sync");
    std::fs::create_dir_all(&folder).expect("folder");
    let folder = folder.display().to_string();
    let paths = |name: &str| {
        Paths::new(
            &dir.path().join(name).join("data"),
            &dir.path().join(name).join("config"),
        )
    };
    let (a, _) = open(&paths("a")).await.expect("A");
    let input = protocol("2026-11-21");
    a.save_protocol(&input.protocol, input.new_course, &now())
        .await
        .expect("saved");
    a.set_sync_folder(Some(&folder)).await.expect("A's folder");
    let a_record = RecordState::new(paths("a"), None, &a);
    a_record.sync(&a).await.expect("A synced");
    let (b, _) = open(&paths("b")).await.expect("B");
    b.set_sync_folder(Some(&folder)).await.expect("B's folder");
    let b_record = Arc::new(RecordState::new(paths("b"), None, &b));

    // B as the app runs it: the change task hands each change to the planner, and the sync
    // loop runs in the background (every second here).
    let planner = Arc::new(Planner {
        core: b.clone(),
        scheduler: Arc::new(Fake::default()),
        asked: Default::default(),
    });
    let to_planner = Arc::clone(&planner);
    crate::changes::spawn(Arc::clone(&b_record.changes), move |_| {
        to_planner.plan_changed()
    });
    spawn_background(
        b.clone(),
        Arc::clone(&b_record),
        std::time::Duration::from_secs(1),
    );
    let pending = || planner.scheduler.pending.lock().unwrap().clone();

    // B joins A's record at its first sync: its window fills.
    until("B's window has dose reminders", || !pending().is_empty()).await;
    let before = pending();

    // An urgent sign on A; B's next background sync brings the pause, and the window empties.
    let check_in = magday_core::checkin::CheckInInput {
        day: None,
        ratings: vec![],
        urgent: vec!["confusion".into()],
        note: String::new(),
    };
    a.check_in(&check_in, &now()).await.expect("checked in");
    a_record.sync(&a).await.expect("A synced");
    until("nothing left to fire", || pending().is_empty()).await;
    // What the pause cancelled was B's window: every reminder it held then (a later re-plan
    // before the pause, as B's own file is written, may have added more days).
    let cancelled = planner
        .scheduler
        .cancelled
        .lock()
        .unwrap()
        .last()
        .cloned()
        .unwrap_or_default();
    assert!(
        before.iter().all(|id| cancelled.contains(id)),
        "the pause cancelled B's window: {cancelled:?} against {before:?}"
    );

    // Once B's own file is written again, its syncs bring nothing: nothing is re-planned.
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    let asked = planner.asked.load(Ordering::SeqCst);
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(
        planner.asked.load(Ordering::SeqCst),
        asked,
        "3 syncs, no change"
    );
}
