//! Phones: the system delivers reminders, even while Magday is not running. On start, when the
//! protocol or settings change, when a dose is ticked and when the app comes back (the time zone
//! may have changed), the app cancels its pending notifications and hands the next window of
//! one-off notifications to tauri-plugin-notification's scheduler: at most
//! [`MOBILE_WINDOW`](magday_core::reminders::MOBILE_WINDOW) (iOS keeps 64 pending), each with an
//! id derived from its day, dose and kind. Each reminder is claimed in SQLite before it is
//! scheduled; one that cannot be claimed is not scheduled. Android needs the exact-alarm
//! permission for them to come on time; the build script adds it to the manifest.
//!
//! `lib.rs` picks this module or `desktop.rs` once, as `platform`: on phones both offer the same
//! `init`, `notifier`, `start` and `on_event` (the `phone` part, compiled for Android and iOS
//! only). Everything else here (the schedule of a reminder, the rescheduling behind the
//! [`Scheduler`] trait, the permission's words) is compiled and tested on desktop builds too.

use magday_core::api::Core;
use magday_core::day::Now;
use magday_core::reminders::Reminder;
use tauri_plugin_notification::Schedule;

use crate::error::ShellError;
use crate::notifier::{Permission, PermissionView, ReminderNotification};

/// Days ahead the window reaches (fewer when the window fills first).
pub const DAYS_AHEAD: u32 = 7;

/// The claim channel of reminders handed to the phone's scheduler.
pub const CHANNEL: &str = "scheduled";

/// The one-off schedule of a reminder, allowed to fire in Android's idle mode.
pub fn schedule_of(reminder: &Reminder) -> Result<Schedule, ShellError> {
    let date = time::OffsetDateTime::from_unix_timestamp(reminder.due.timestamp())
        .map_err(|e| ShellError::BadTime(e.to_string()))?;
    Ok(Schedule::At {
        date,
        repeating: false,
        allow_while_idle: true,
    })
}

/// The phone's operating system, for the permission's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phone {
    Android,
    Ios,
}

impl Phone {
    /// The platform's name, as the permission view gives it.
    pub fn name(self) -> &'static str {
        match self {
            Phone::Android => "android",
            Phone::Ios => "ios",
        }
    }

    /// What the user can do about the notification permission on this phone.
    pub fn permission_help(self, state: Permission) -> &'static str {
        match (self, state) {
            (Phone::Android, Permission::Granted) => "Reminders are on. If they come late, allow \"Alarms & reminders\" for Magday and turn off battery optimisation for it in the system settings.",
            (Phone::Ios, Permission::Granted) => "Reminders are on.",
            (Phone::Android, _) => "Without this permission no reminder can reach you; the checklist still works. Turn it on in Settings › Apps › Magday › Notifications, and allow \"Alarms & reminders\" so they come on time.",
            (Phone::Ios, _) => "Without this permission no reminder can reach you; the checklist still works. Turn it on in Settings › Notifications › Magday.",
        }
    }

    /// The permission view of `state` on this phone.
    pub fn permission_view(self, state: Permission) -> PermissionView {
        PermissionView::new(state, self.name(), self.permission_help(state))
    }
}

/// The system's scheduler of notifications (tauri-plugin-notification on phones).
pub trait Scheduler {
    /// The ids of the notifications waiting to be shown.
    fn pending(&self) -> Result<Vec<i32>, ShellError>;
    /// Drop these waiting notifications.
    fn cancel(&self, ids: Vec<i32>) -> Result<(), ShellError>;
    /// Have the system show this notification at this time.
    fn schedule(&self, notification: ReminderNotification, at: Schedule) -> Result<(), ShellError>;
}

/// Cancel what is pending and schedule the next window.
pub async fn reschedule(scheduler: &impl Scheduler, core: &Core, now: &Now) {
    let upcoming = match core.upcoming_reminders(now, DAYS_AHEAD).await {
        Ok(u) => u,
        Err(e) => {
            log::warn!("reminders could not be planned: {e}");
            return;
        }
    };
    match scheduler.pending() {
        Ok(ids) => {
            if let Err(e) = scheduler.cancel(ids) {
                log::warn!("pending reminders could not be cancelled: {e}");
            }
        }
        Err(e) => log::warn!("pending reminders could not be read: {e}"),
    }
    for r in &upcoming {
        schedule_one(scheduler, core, r, now).await;
    }
}

/// What [`schedule_one`] did with a reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheduled {
    /// Claimed now and handed to the scheduler; how that went is recorded.
    First,
    /// Claimed by an earlier window, whose pending notification was just cancelled: handed to
    /// the scheduler again under the same id (so it stays one notification), nothing recorded.
    Again,
    /// Not scheduled: its time cannot be scheduled, or the claim failed.
    Skipped,
}

/// Claim a reminder, then schedule it. A failed claim is logged and the reminder is not
/// scheduled: a reminder is only ever pending once its claim is in the database.
pub async fn schedule_one(
    scheduler: &impl Scheduler,
    core: &Core,
    r: &Reminder,
    now: &Now,
) -> Scheduled {
    let at = match schedule_of(r) {
        Ok(at) => at,
        Err(e) => {
            log::warn!("reminder {} is not scheduled: {e}", r.key);
            return Scheduled::Skipped;
        }
    };
    let first = match core.claim_reminder(r, now, CHANNEL).await {
        Ok(first) => first,
        Err(e) => {
            log::warn!(
                "reminder {} could not be claimed, so it is not scheduled: {e}",
                r.key
            );
            return Scheduled::Skipped;
        }
    };
    let handed = scheduler.schedule(ReminderNotification::of(r), at);
    if !first {
        if let Err(e) = handed {
            log::warn!("reminder {} could not be scheduled again: {e}", r.key);
        }
        return Scheduled::Again;
    }
    let error = handed.err().map(|e| e.to_string());
    if let Some(e) = &error {
        log::warn!("reminder {} could not be scheduled: {e}", r.key);
    }
    if let Err(e) = core.reminder_shown(&r.key, now, error.as_deref()).await {
        log::warn!("reminder {} could not be recorded: {e}", r.key);
    }
    Scheduled::First
}

#[cfg(mobile)]
pub use phone::{init, notifier, on_event, start, MobileNotifier};

#[cfg(mobile)]
mod phone {
    use std::sync::Arc;

    use magday_core::api::Core;
    use magday_core::reminders::Reminder;
    use tauri::{AppHandle, Manager, RunEvent, Runtime};
    use tauri_plugin_notification::{NotificationExt, Schedule};

    use super::{reschedule, Phone, Scheduler};
    use crate::error::ShellError;
    use crate::notifier::{
        ask_permission, permission_state, Notifier, PermissionView, ReminderNotification,
    };
    use crate::state::{device_now, AppState};

    #[cfg(target_os = "android")]
    const PHONE: Phone = Phone::Android;
    #[cfg(target_os = "ios")]
    const PHONE: Phone = Phone::Ios;

    pub struct MobileNotifier<R: Runtime> {
        app: AppHandle<R>,
        core: Core,
    }

    impl<R: Runtime> MobileNotifier<R> {
        pub fn new(app: AppHandle<R>, core: Core) -> Self {
            MobileNotifier { app, core }
        }
    }

    impl<R: Runtime> Notifier for MobileNotifier<R> {
        fn show(&self, reminder: &Reminder) -> Result<(), ShellError> {
            ReminderNotification::of(reminder)
                .fill(self.app.notification().builder())
                .show()
                .map_err(|e| ShellError::NotShown(e.to_string()))
        }

        fn permission(&self) -> PermissionView {
            PHONE.permission_view(permission_state(&self.app))
        }

        fn request_permission(&self) -> PermissionView {
            let view = PHONE.permission_view(ask_permission(&self.app));
            self.plan_changed();
            view
        }

        fn plan_changed(&self) {
            let scheduler = PluginScheduler(self.app.clone());
            let core = self.core.clone();
            tauri::async_runtime::spawn(async move {
                reschedule(&scheduler, &core, &device_now()).await
            });
        }
    }

    /// tauri-plugin-notification's scheduler.
    struct PluginScheduler<R: Runtime>(AppHandle<R>);

    impl<R: Runtime> Scheduler for PluginScheduler<R> {
        fn pending(&self) -> Result<Vec<i32>, ShellError> {
            self.0
                .notification()
                .pending()
                .map(|pending| pending.iter().map(|p| p.id()).collect())
                .map_err(|e| ShellError::NotShown(e.to_string()))
        }

        fn cancel(&self, ids: Vec<i32>) -> Result<(), ShellError> {
            self.0
                .notification()
                .cancel(ids)
                .map_err(|e| ShellError::NotShown(e.to_string()))
        }

        fn schedule(
            &self,
            notification: ReminderNotification,
            at: Schedule,
        ) -> Result<(), ShellError> {
            notification
                .fill(self.0.notification().builder())
                .schedule(at)
                .show()
                .map_err(|e| ShellError::NotShown(e.to_string()))
        }
    }

    /// The first step, before the core opens: nothing on phones (the log goes to stderr).
    pub fn init<R: Runtime>(_app: &AppHandle<R>) {}

    /// The main window, from the config (declared with `"create": false`).
    pub fn build_window<R: Runtime>(
        app: &AppHandle<R>,
        config: &tauri::utils::config::WindowConfig,
    ) -> tauri::Result<()> {
        tauri::WebviewWindowBuilder::from_config(app, config)?.build()?;
        Ok(())
    }

    /// Nothing to do: a phone's app is never started hidden.
    pub fn show_if_unreachable<R: Runtime>(_app: &AppHandle<R>) {}

    /// The notifier: reminders handed to the system's scheduler.
    pub fn notifier<R: Runtime>(app: &AppHandle<R>, core: &Core) -> Arc<dyn Notifier> {
        Arc::new(MobileNotifier::new(app.clone(), core.clone()))
    }

    /// Wire the buttons and schedule the first window.
    pub fn start<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
        let state = app.state::<AppState>();
        let notifier = Arc::clone(&state.notifier);
        let after = move || notifier.plan_changed();
        crate::notifier::wire_actions(app, state.core.clone(), after);
        state.notifier.plan_changed();
        Ok(())
    }

    /// Back from the background: the time zone may have changed, so the window is rescheduled.
    pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: RunEvent) {
        if matches!(event, RunEvent::Resumed) {
            if let Some(state) = app.try_state::<AppState>() {
                state.notifier.plan_changed();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use chrono::{DateTime, NaiveDate, TimeZone, Utc};
    use magday_core::reminders::ReminderKind;
    use magday_core::setup::SaveProtocolInput;
    use magday_core::zone::Tz;

    use super::*;

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

        fn schedule(
            &self,
            notification: ReminderNotification,
            at: Schedule,
        ) -> Result<(), ShellError> {
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
    /// Issue 22: a pause set on another device reaches this phone by a background sync, and that
    /// sync re-plans the scheduled window (`record::sync_and_tell` calls the same `plan_changed`
    /// a command does): the fake scheduler is emptied, without the app being opened or tapped.
    #[tokio::test]
    async fn a_pause_that_arrives_by_a_background_sync_empties_the_phones_schedule() {
        use crate::record::{open, sync_and_tell, OnChange, Paths, RecordState};
        use std::sync::atomic::{AtomicUsize, Ordering};
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
        let a_record = RecordState::new(paths("a"), None);
        let (b, _) = open(&paths("b")).await.expect("B");
        b.set_sync_folder(Some(&folder)).await.expect("B's folder");
        let b_record = RecordState::new(paths("b"), None);

        let told = Arc::new(AtomicUsize::new(0));
        let on_change: OnChange = {
            let told = Arc::clone(&told);
            Arc::new(move || {
                told.fetch_add(1, Ordering::SeqCst);
            })
        };
        let quiet: OnChange = Arc::new(|| {});
        let fake = Fake::default();

        // B joins A's record through the folder: told, and its window fills.
        sync_and_tell(&a, &a_record, &quiet).await;
        assert!(sync_and_tell(&b, &b_record, &on_change).await);
        assert_eq!(told.load(Ordering::SeqCst), 1);
        reschedule(&fake, &b, &now()).await;
        let before = fake.pending.lock().unwrap().clone();
        assert!(!before.is_empty(), "B's window has dose reminders");

        // An urgent sign on A; B's next background sync brings the pause and says so.
        let check_in = magday_core::checkin::CheckInInput {
            day: None,
            ratings: vec![],
            urgent: vec!["confusion".into()],
            note: String::new(),
        };
        a.check_in(&check_in, &now()).await.expect("checked in");
        sync_and_tell(&a, &a_record, &quiet).await;
        assert!(sync_and_tell(&b, &b_record, &on_change).await);
        assert_eq!(told.load(Ordering::SeqCst), 2, "the sync re-plans");
        reschedule(&fake, &b, &now()).await;
        assert!(
            fake.pending.lock().unwrap().is_empty(),
            "nothing left to fire"
        );
        assert_eq!(fake.cancelled.lock().unwrap().last(), Some(&before));

        // A sync that brings nothing re-plans nothing.
        assert!(!sync_and_tell(&b, &b_record, &on_change).await);
        assert_eq!(told.load(Ordering::SeqCst), 2);
    }
}
