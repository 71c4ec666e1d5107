//! The phone's side of the platform (compiled for Android and iOS only): the notifier that
//! hands reminders to tauri-plugin-notification's scheduler, the buttons, and the app's
//! lifecycle (start, back from the background).

use std::sync::Arc;

use magday_core::api::Core;
use magday_core::reminders::Reminder;
use tauri::{AppHandle, Manager, RunEvent, Runtime};
use tauri_plugin_notification::{NotificationExt, Schedule};

use super::permission::Phone;
use super::schedule::{reschedule, Scheduler};
use crate::clock::device_now;
use crate::error::ShellError;
use crate::notifier::{
    ask_permission, permission_state, Notifier, PermissionView, ReminderNotification,
};
use crate::state::AppState;

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
        tauri::async_runtime::spawn(
            async move { reschedule(&scheduler, &core, &device_now()).await },
        );
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

    fn schedule(&self, notification: ReminderNotification, at: Schedule) -> Result<(), ShellError> {
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

/// Wire the buttons and schedule the first window. A press on a button writes to the record,
/// which re-plans the window through the one change path (`changes.rs`); it also tells the
/// screens, which did not ask for it.
pub fn start<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let state = app.state::<AppState>();
    let changes = Arc::clone(&state.record.changes);
    crate::notifier::wire_actions(app, state.core.clone(), move || changes.from_elsewhere());
    state.notifier.plan_changed();
    Ok(())
}

/// The record changed: the notifier's `plan_changed` already rescheduled the window, and a
/// phone has no tray.
pub fn record_changed<R: Runtime>(_app: &AppHandle<R>) {}

/// Back from the background: the time zone may have changed, so the window is rescheduled.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: RunEvent) {
    if matches!(event, RunEvent::Resumed) {
        if let Some(state) = app.try_state::<AppState>() {
            state.notifier.plan_changed();
        }
    }
}
