//! Phones: the system delivers reminders, even while Magday is not running. On start, when the
//! protocol or settings change, when a dose is ticked and when the app comes back (the time zone
//! may have changed), the app cancels its pending notifications and hands the next window of
//! one-off notifications to tauri-plugin-notification's scheduler: at most
//! [`MOBILE_WINDOW`](magday_core::reminders::MOBILE_WINDOW) (iOS keeps 64 pending), each with an
//! id derived from its day, dose and kind. Android needs the exact-alarm permission for them to
//! come on time; the build script adds it to the manifest.
//!
//! This file is compiled for Android and iOS only, except [`schedule_of`], which desktop builds
//! compile and test too.

use magday_core::reminders::Reminder;
use tauri_plugin_notification::Schedule;

/// The one-off schedule of a reminder, allowed to fire in Android's idle mode.
pub fn schedule_of(reminder: &Reminder) -> Result<Schedule, String> {
    let date = time::OffsetDateTime::from_unix_timestamp(reminder.due.timestamp())
        .map_err(|e| format!("reminder time out of range: {e}"))?;
    Ok(Schedule::At {
        date,
        repeating: false,
        allow_while_idle: true,
    })
}

#[cfg(mobile)]
pub use phone::{start, MobileNotifier};

#[cfg(mobile)]
mod phone {
    use std::sync::Arc;

    use magday_core::api::Core;
    use magday_core::reminders::Reminder;
    use tauri::{AppHandle, Manager, Runtime};
    use tauri_plugin_notification::NotificationExt;

    use super::schedule_of;
    use crate::notifier::{
        permission_view, to_permission, Notifier, Permission, PermissionView, DOSE_ACTIONS,
    };
    use crate::state::{device_now, AppState};

    /// Days ahead the window reaches (fewer when the window fills first).
    const DAYS_AHEAD: u32 = 7;

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
        fn show(&self, reminder: &Reminder) -> Result<(), String> {
            self.app
                .notification()
                .builder()
                .id(reminder.notification_id())
                .title(&reminder.title)
                .body(&reminder.body)
                .show()
                .map_err(|e| e.to_string())
        }

        fn permission(&self) -> PermissionView {
            permission_view(
                self.app
                    .notification()
                    .permission_state()
                    .map_or(Permission::Prompt, to_permission),
            )
        }

        fn request_permission(&self) -> PermissionView {
            let view = permission_view(
                self.app
                    .notification()
                    .request_permission()
                    .map_or(Permission::Denied, to_permission),
            );
            self.plan_changed();
            view
        }

        fn plan_changed(&self) {
            let app = self.app.clone();
            let core = self.core.clone();
            tauri::async_runtime::spawn(async move { reschedule(&app, &core).await });
        }
    }

    /// Cancel what is pending and schedule the next window.
    pub async fn reschedule<R: Runtime>(app: &AppHandle<R>, core: &Core) {
        let notifications = app.notification();
        let now = device_now();
        let upcoming = match core.upcoming_reminders(&now, DAYS_AHEAD).await {
            Ok(u) => u,
            Err(e) => {
                eprintln!("magday: reminders could not be planned: {e}");
                return;
            }
        };
        match notifications.pending() {
            Ok(pending) => {
                let ids: Vec<i32> = pending.iter().map(|p| p.id()).collect();
                if let Err(e) = notifications.cancel(ids) {
                    eprintln!("magday: pending reminders could not be cancelled: {e}");
                }
            }
            Err(e) => eprintln!("magday: pending reminders could not be read: {e}"),
        }
        for r in &upcoming {
            let schedule = match schedule_of(r) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("magday: {e}");
                    continue;
                }
            };
            let mut builder = notifications
                .builder()
                .id(r.notification_id())
                .title(&r.title)
                .body(&r.body)
                .extra("key", &r.key)
                .schedule(schedule);
            if r.is_about_a_dose() {
                builder = builder.action_type_id(DOSE_ACTIONS);
            }
            let error = builder.show().err().map(|e| e.to_string());
            if core
                .claim_reminder(r, &now, "scheduled")
                .await
                .unwrap_or(false)
            {
                let _ = core.reminder_shown(&r.key, &now, error.as_deref()).await;
            }
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};
    use magday_core::reminders::ReminderKind;

    #[test]
    fn a_reminder_becomes_a_one_off_schedule_at_its_instant() {
        let due = Utc.with_ymd_and_hms(2026, 11, 21, 7, 0, 0).unwrap();
        let r = Reminder {
            key: "2026-11-21/dose:1".into(),
            kind: ReminderKind::Dose,
            day: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            slot: 1,
            n: 0,
            due,
            expires: due,
            title: "t".into(),
            body: "b".into(),
        };
        match schedule_of(&r).unwrap() {
            Schedule::At {
                date,
                repeating,
                allow_while_idle,
            } => {
                assert_eq!(date.unix_timestamp(), due.timestamp());
                assert!(!repeating);
                assert!(allow_while_idle);
            }
            other => panic!("not a one-off schedule: {other:?}"),
        }
    }
}
