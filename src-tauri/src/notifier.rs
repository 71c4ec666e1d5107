//! How reminders reach the user, behind one trait: the desktop shows them through
//! tauri-plugin-notification from a clock loop (`desktop.rs`); a phone hands a rolling window
//! to the system's scheduler (`mobile.rs`). Commands reach it through the app state.

use magday_core::api::{Core, ReminderAction};
use magday_core::reminders::Reminder;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::{Action, ActionType, NotificationExt, PermissionState};
use ts_rs::TS;

use crate::state::device_now;

/// The action type of dose reminders: its buttons.
pub const DOSE_ACTIONS: &str = "dose";

/// Whether notifications may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    Granted,
    Denied,
    /// Not asked yet.
    Prompt,
}

/// The permission, and what the user can do about it on this platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PermissionView {
    pub state: Permission,
    /// "desktop", "android" or "ios".
    pub platform: String,
    /// What happens without it, and how to turn it on.
    pub help: String,
}

/// The platform's side of reminders.
pub trait Notifier: Send + Sync {
    /// Show a reminder now.
    fn show(&self, reminder: &Reminder) -> Result<(), String>;
    /// The notification permission.
    fn permission(&self) -> PermissionView;
    /// Ask for the permission (the user sees the system's prompt where there is one).
    fn request_permission(&self) -> PermissionView;
    /// The plan changed (protocol, a tap, settings, the time zone): phones reschedule.
    fn plan_changed(&self);
}

/// The platform this build runs on.
pub fn platform() -> &'static str {
    if cfg!(target_os = "android") {
        "android"
    } else if cfg!(target_os = "ios") {
        "ios"
    } else {
        "desktop"
    }
}

/// The words for a permission state on this platform.
pub fn permission_view(state: Permission) -> PermissionView {
    let help = match (state, platform()) {
        (Permission::Granted, "android") => "Reminders are on. If they come late, allow \"Alarms & reminders\" for Magday and turn off battery optimisation for it in the system settings.",
        (Permission::Granted, _) => "Reminders are on.",
        (_, "android") => "Without this permission no reminder can reach you; the checklist still works. Turn it on in Settings › Apps › Magday › Notifications, and allow \"Alarms & reminders\" so they come on time.",
        (_, "ios") => "Without this permission no reminder can reach you; the checklist still works. Turn it on in Settings › Notifications › Magday.",
        _ => "Your desktop does not let Magday show notifications. Allow them for Magday in your system's notification settings; the checklist still works without them.",
    };
    PermissionView {
        state,
        platform: platform().into(),
        help: help.into(),
    }
}

pub fn to_permission(state: PermissionState) -> Permission {
    match state {
        PermissionState::Granted => Permission::Granted,
        PermissionState::Denied => Permission::Denied,
        _ => Permission::Prompt,
    }
}

/// Bring the main window forward.
pub fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
}

/// The "Taken" and "Snooze" buttons of dose reminders, wired back into the log; a click on a
/// notification itself opens the app. `after` runs once an action was recorded.
pub fn wire_actions<R: Runtime>(
    app: &AppHandle<R>,
    core: Core,
    after: impl Fn() + Send + Sync + Clone + 'static,
) {
    let notifications = app.notification();
    // Registering the buttons and a handler makes the plugin show and report them.
    if let Err(e) = notifications.register_action_types(vec![ActionType::builder(DOSE_ACTIONS)
        .actions(vec![
            Action::builder("taken", "Taken").build(),
            Action::builder("snooze", "Snooze").build(),
        ])
        .build()])
    {
        eprintln!("magday: reminder buttons unavailable: {e}");
    }
    let handle = app.clone();
    let result = notifications.on_action(move |performed| {
        let key = performed
            .notification()
            .and_then(|n| n.extra().get("key"))
            .and_then(|k| k.as_str())
            .map(str::to_string);
        let action = match performed.action_id() {
            "taken" => Some(ReminderAction::Taken),
            "snooze" => Some(ReminderAction::Snooze),
            _ => None,
        };
        match (key, action) {
            (Some(key), Some(action)) => {
                let core = core.clone();
                let after = after.clone();
                tauri::async_runtime::spawn(async move {
                    match core.reminder_action(&key, action, &device_now()).await {
                        Ok(_) => after(),
                        Err(e) => {
                            eprintln!("magday: the reminder's {action:?} was not recorded: {e}")
                        }
                    }
                });
            }
            _ => show_main(&handle),
        }
    });
    if let Err(e) = result {
        eprintln!("magday: reminder buttons unavailable: {e}");
    }
}
