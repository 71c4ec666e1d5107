//! How reminders reach the user, behind one trait: the desktop shows them from a clock loop
//! (`desktop.rs`); a phone hands a rolling window to the system's scheduler (`mobile.rs`).
//! Commands reach it through the app state. What both platforms share lives here: the
//! notification a reminder becomes ([`ReminderNotification`]), the dose buttons and what a press
//! on one records, the permission as the UI sees it, and bringing the window forward.

use magday_core::api::Core;
use magday_core::reminders::Reminder;
use magday_core::reminders::ReminderAction;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::{
    Action, ActionType, NotificationBuilder, NotificationExt, PermissionState,
};
use ts_rs::TS;

use crate::clock::device_now;
use crate::error::ShellError;

/// The action type of dose reminders: its buttons.
pub const DOSE_ACTIONS: &str = "dose";

/// The buttons of a dose reminder: (action id, label).
pub const DOSE_BUTTONS: [(&str, &str); 2] = [("taken", "Taken"), ("snooze", "Snooze")];

/// What a press on a dose reminder's button records, by action id.
pub fn dose_action(action_id: &str) -> Option<ReminderAction> {
    match action_id {
        "taken" => Some(ReminderAction::Taken),
        "snooze" => Some(ReminderAction::Snooze),
        _ => None,
    }
}

/// The notification a reminder becomes, on every platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderNotification {
    /// The integer id platforms want (derived from the day, dose and kind).
    pub id: i32,
    pub title: String,
    pub body: String,
    /// The reminder's key, carried as the notification's `key` extra so that a button press
    /// finds its reminder.
    pub key: String,
    /// [`DOSE_ACTIONS`] when the reminder is about a dose (it gets the dose buttons).
    pub action_type: Option<&'static str>,
    /// An icon file, where the platform wants one.
    pub icon: Option<String>,
}

impl ReminderNotification {
    /// The notification for `reminder`.
    pub fn of(reminder: &Reminder) -> Self {
        ReminderNotification {
            id: reminder.notification_id(),
            title: reminder.title.clone(),
            body: reminder.body.clone(),
            key: reminder.key.clone(),
            action_type: reminder.is_about_a_dose().then_some(DOSE_ACTIONS),
            icon: None,
        }
    }

    /// The same, shown with this icon file.
    pub fn with_icon(mut self, icon: Option<&str>) -> Self {
        self.icon = icon.map(str::to_string);
        self
    }

    /// The buttons it shows: the dose buttons, or none.
    pub fn buttons(&self) -> &'static [(&'static str, &'static str)] {
        match self.action_type {
            Some(_) => &DOSE_BUTTONS,
            None => &[],
        }
    }

    /// Fill tauri-plugin-notification's builder with it.
    pub fn fill<R: Runtime>(self, builder: NotificationBuilder<R>) -> NotificationBuilder<R> {
        let mut builder = builder
            .id(self.id)
            .title(self.title)
            .body(self.body)
            .extra("key", self.key);
        if let Some(icon) = self.icon {
            builder = builder.icon(icon);
        }
        if let Some(action_type) = self.action_type {
            builder = builder.action_type_id(action_type);
        }
        builder
    }
}

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

impl PermissionView {
    /// The view of `state` on `platform`, with the platform's words for it.
    pub fn new(state: Permission, platform: &str, help: &str) -> Self {
        PermissionView {
            state,
            platform: platform.into(),
            help: help.into(),
        }
    }
}

/// The platform's side of reminders.
pub trait Notifier: Send + Sync {
    /// Show a reminder now.
    fn show(&self, reminder: &Reminder) -> Result<(), ShellError>;
    /// The notification permission.
    fn permission(&self) -> PermissionView;
    /// Ask for the permission (the user sees the system's prompt where there is one).
    fn request_permission(&self) -> PermissionView;
    /// The plan may have changed: the record changed (the shell's one change path calls this,
    /// see `changes.rs`), the permission was given, the time zone may be another. Phones
    /// reschedule their window; the desktop plans afresh every minute anyway.
    fn plan_changed(&self);
}

fn to_permission(state: PermissionState) -> Permission {
    match state {
        PermissionState::Granted => Permission::Granted,
        PermissionState::Denied => Permission::Denied,
        _ => Permission::Prompt,
    }
}

/// The notification permission as the plugin reports it (not asked yet when it cannot tell).
pub fn permission_state<R: Runtime>(app: &AppHandle<R>) -> Permission {
    app.notification()
        .permission_state()
        .map_or(Permission::Prompt, to_permission)
}

/// Ask the plugin for the permission (denied when asking fails).
pub fn ask_permission<R: Runtime>(app: &AppHandle<R>) -> Permission {
    app.notification()
        .request_permission()
        .map_or(Permission::Denied, to_permission)
}

/// Bring the main window forward.
pub fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
}

/// Record a press on a dose reminder's button in the log; `after` runs once it was recorded
/// (the shell says the record changed from elsewhere: the screens load again).
pub fn record_action(
    core: Core,
    key: String,
    action: ReminderAction,
    after: impl FnOnce() + Send + 'static,
) {
    tauri::async_runtime::spawn(async move {
        match core.reminder_action(&key, action, &device_now()).await {
            Ok(_) => after(),
            Err(e) => log::warn!("the reminder's {action:?} was not recorded: {e}"),
        }
    });
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
    let buttons = DOSE_BUTTONS
        .iter()
        .map(|(id, label)| Action::builder(*id, *label).build())
        .collect();
    if let Err(e) = notifications.register_action_types(vec![ActionType::builder(DOSE_ACTIONS)
        .actions(buttons)
        .build()])
    {
        log::warn!("reminder buttons unavailable: {e}");
    }
    let handle = app.clone();
    let result = notifications.on_action(move |performed| {
        let key = performed
            .notification()
            .and_then(|n| n.extra().get("key"))
            .and_then(|k| k.as_str())
            .map(str::to_string);
        match (key, dose_action(performed.action_id())) {
            (Some(key), Some(action)) => record_action(core.clone(), key, action, after.clone()),
            _ => show_main(&handle),
        }
    });
    if let Err(e) = result {
        log::warn!("reminder buttons unavailable: {e}");
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};
    use magday_core::reminders::ReminderKind;

    use super::*;

    fn reminder(kind: ReminderKind) -> Reminder {
        let due = Utc.with_ymd_and_hms(2026, 11, 21, 7, 0, 0).unwrap();
        Reminder {
            key: "2026-11-21/dose:1".into(),
            kind,
            day: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            slot: 1,
            n: 0,
            due,
            expires: due,
            title: "Magnesium: dose 1".into(),
            body: "Take 100 mg".into(),
        }
    }

    #[test]
    fn a_dose_reminder_becomes_a_notification_with_the_dose_buttons() {
        let r = reminder(ReminderKind::Dose);
        let n = ReminderNotification::of(&r);
        assert_eq!(n.id, r.notification_id());
        assert_eq!(n.title, "Magnesium: dose 1");
        assert_eq!(n.body, "Take 100 mg");
        assert_eq!(n.key, r.key);
        assert_eq!(n.action_type, Some(DOSE_ACTIONS));
        assert_eq!(n.icon, None);
        assert_eq!(n.buttons(), &DOSE_BUTTONS);
        let n = n.with_icon(Some("/tmp/icon.png"));
        assert_eq!(n.icon.as_deref(), Some("/tmp/icon.png"));
    }

    #[test]
    fn a_separation_reminder_has_no_buttons() {
        let n = ReminderNotification::of(&reminder(ReminderKind::Separation));
        assert_eq!(n.action_type, None);
        assert!(n.buttons().is_empty());
    }

    #[test]
    fn every_button_records_an_action() {
        for (id, _) in DOSE_BUTTONS {
            assert!(dose_action(id).is_some(), "{id}");
        }
        assert_eq!(dose_action("default"), None);
    }
}
