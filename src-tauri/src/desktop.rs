//! Desktop delivery: a task that looks at the wall clock at the start of every minute (a long
//! sleep would not wake a suspended laptop on time), claims each due reminder in SQLite and
//! shows it with "Taken" and "Snooze" buttons wired back into the log. Closing the window keeps
//! the app in the tray so reminders still come; quitting is explicit. The log is also appended
//! to a capped file in Tauri's app log dir.
//!
//! `lib.rs` picks this module or `mobile.rs` once, as `platform`: both offer the same
//! [`init`], [`notifier`], [`build_window`], [`show_if_unreachable`], [`start`],
//! [`record_changed`] and [`on_event`].

use std::sync::Arc;
use std::time::Duration;

use chrono::{Timelike, Utc};
use magday_core::api::Core;
use magday_core::day::Now;
use magday_core::reminders::Reminder;
use tauri::{AppHandle, Manager, RunEvent, Runtime, WindowEvent};

use crate::clock::device_now;
use crate::error::ShellError;
use crate::notifier::{
    ask_permission, permission_state, show_main, Notifier, Permission, PermissionView,
    ReminderNotification,
};
use crate::state::AppState;

/// The platform's name, as the permission view gives it.
pub const PLATFORM: &str = "desktop";

/// What the user can do about the notification permission on a desktop.
pub fn permission_help(state: Permission) -> &'static str {
    match state {
        Permission::Granted => "Reminders are on.",
        _ => "Your desktop does not let Magday show notifications. Allow them for Magday in your system's notification settings; the checklist still works without them.",
    }
}

fn permission_view(state: Permission) -> PermissionView {
    PermissionView::new(state, PLATFORM, permission_help(state))
}

/// Shows reminders: on Linux and the BSDs straight to the notification server (so a refusal
/// comes back), on macOS and Windows through tauri-plugin-notification.
pub struct DesktopNotifier<R: Runtime> {
    app: AppHandle<R>,
    /// The app icon as a file the notification server can read, when it could be written.
    icon: Option<String>,
}

/// The icon shown on reminders: the app's own, embedded in the binary.
const NOTIFICATION_ICON: &[u8] = include_bytes!("../icons/128x128.png");

/// Write the app icon into the app's cache directory (once) and give its path. By default the
/// plugin names the icon after the executable ("magday"), which no icon theme knows until the
/// app is installed, so servers show a blank or "missing" icon; a file path works everywhere.
fn icon_file<R: Runtime>(app: &AppHandle<R>) -> Option<String> {
    let dir = app.path().app_cache_dir().ok()?;
    let path = dir.join("notification-icon.png");
    let current = std::fs::read(&path).is_ok_and(|b| b == NOTIFICATION_ICON);
    if !current {
        std::fs::create_dir_all(&dir).ok()?;
        let tmp = dir.join("notification-icon.png.tmp");
        std::fs::write(&tmp, NOTIFICATION_ICON).ok()?;
        std::fs::rename(&tmp, &path).ok()?;
    }
    path.to_str().map(str::to_string)
}

impl<R: Runtime> DesktopNotifier<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        let icon = icon_file(&app);
        DesktopNotifier { app, icon }
    }

    /// The notification for a reminder, with the app's icon.
    fn notification(&self, reminder: &Reminder) -> ReminderNotification {
        ReminderNotification::of(reminder).with_icon(self.icon.as_deref())
    }
}

impl<R: Runtime> Notifier for DesktopNotifier<R> {
    fn show(&self, reminder: &Reminder) -> Result<(), ShellError> {
        self.hand_over(self.notification(reminder))
    }

    fn permission(&self) -> PermissionView {
        permission_view(permission_state(&self.app))
    }

    fn request_permission(&self) -> PermissionView {
        permission_view(ask_permission(&self.app))
    }

    fn plan_changed(&self) {
        // The loop plans afresh every minute from the database, and the tray follows the
        // record itself (`record_changed`): nothing to do.
    }
}

/// Linux and the BSDs: Magday hands reminders to the desktop's notification server itself,
/// through notify-rust (the plugin's own backend there), because the plugin drops the server's
/// answer: a reminder no server took (no notification service on the bus, or one that answered
/// with an error) must be recorded as failed, with the reason, for the delivery check. The
/// "Taken" and "Snooze" buttons are waited for here too.
#[cfg(all(unix, not(target_os = "macos")))]
impl<R: Runtime> DesktopNotifier<R> {
    fn hand_over(&self, notification: ReminderNotification) -> Result<(), ShellError> {
        use crate::notifier::{dose_action, record_action};

        let mut n = notify_rust::Notification::new();
        n.appname("Magday")
            .summary(&notification.title)
            .body(&notification.body);
        match &notification.icon {
            Some(icon) => n.icon(icon),
            None => n.auto_icon(),
        };
        let buttons = notification.buttons();
        if !buttons.is_empty() {
            n.action("default", "Open Magday");
            for (id, label) in buttons {
                n.action(id, label);
            }
        }
        let handle = n.show().map_err(|e| ShellError::NotShown(e.to_string()))?;
        let state = self.app.try_state::<AppState>();
        let wired = state.map(|s| (s.core.clone(), Arc::clone(&s.record.changes)));
        if let (false, Some((core, changes))) = (buttons.is_empty(), wired) {
            let app = self.app.clone();
            let key = notification.key;
            std::thread::spawn(move || {
                handle.wait_for_action(|action| match (action, dose_action(action)) {
                    ("default", _) => show_main(&app),
                    (_, Some(action)) => {
                        record_action(core, key, action, move || changes.from_elsewhere())
                    }
                    (_, None) => {}
                });
            });
        }
        Ok(())
    }
}

/// macOS and Windows: the plugin shows reminders and reports the buttons (`wire_actions`).
#[cfg(not(all(unix, not(target_os = "macos"))))]
impl<R: Runtime> DesktopNotifier<R> {
    fn hand_over(&self, notification: ReminderNotification) -> Result<(), ShellError> {
        use tauri_plugin_notification::NotificationExt;

        notification
            .fill(self.app.notification().builder())
            .show()
            .map_err(|e| ShellError::NotShown(e.to_string()))
    }
}

/// Look once: show every reminder that is due and not yet claimed.
pub async fn tick(core: &Core, notifier: &dyn Notifier) {
    tick_at(core, notifier, &device_now(), device_now).await;
}

/// [`tick`] at `now` (the wall clock read once per look; `shown_at` reads it again after a
/// reminder was shown). The loop calls it once a minute; after a suspend, a log-out or a start,
/// everything that came due meanwhile is due at once, and the core shows one per dose.
pub async fn tick_at(core: &Core, notifier: &dyn Notifier, now: &Now, shown_at: impl Fn() -> Now) {
    let now = *now;
    let due = match core.due_reminders(&now).await {
        Ok(due) => due,
        Err(e) => {
            log::warn!("reminders could not be planned: {e}");
            return;
        }
    };
    for r in due {
        match core.claim_reminder(&r, &now, "desktop").await {
            Ok(true) => {
                let error = notifier.show(&r).err().map(|e| e.to_string());
                if let Some(e) = &error {
                    log::warn!("reminder {} was not shown: {e}", r.key);
                }
                if let Err(e) = core
                    .reminder_shown(&r.key, &shown_at(), error.as_deref())
                    .await
                {
                    log::warn!("reminder {} could not be recorded: {e}", r.key);
                }
            }
            Ok(false) => {}
            Err(e) => log::warn!("reminder {} could not be claimed: {e}", r.key),
        }
    }
}

/// How long until just after the start of the next minute (dose times are whole minutes; the
/// half second keeps a timer that fires a hair early from looking just before the dose).
fn until_next_minute() -> Duration {
    let now = Utc::now();
    let into = u64::from(now.second()) * 1000 + u64::from(now.timestamp_subsec_millis() % 1000);
    Duration::from_millis((60_000 - into.min(59_000)).max(1000) + 500)
}

/// The first step, before the core opens: the log gets its file in the app log dir. Without
/// one the log stays on stderr.
pub fn init<R: Runtime>(app: &AppHandle<R>) {
    match app.path().app_log_dir() {
        Ok(dir) => {
            if let Err(e) = crate::logging::to_file(&dir) {
                log::warn!(
                    "no log file in {} ({e}); the log goes to stderr only",
                    dir.display()
                );
            }
        }
        Err(e) => log::warn!("no app log dir ({e}); the log goes to stderr only"),
    }
}

/// The notifier: reminders shown now, from the minute loop.
pub fn notifier<R: Runtime>(app: &AppHandle<R>, _core: &Core) -> Arc<dyn Notifier> {
    Arc::new(DesktopNotifier::new(app.clone()))
}

/// The main window, from the config (declared with `"create": false`): hidden when started at
/// login ([`crate::autostart::HIDDEN_ARG`]); the tray's "Open Magday" shows it.
pub fn build_window<R: Runtime>(
    app: &AppHandle<R>,
    config: &tauri::utils::config::WindowConfig,
) -> tauri::Result<()> {
    tauri::WebviewWindowBuilder::from_config(app, config)?
        .visible(!crate::autostart::started_hidden())
        .build()?;
    Ok(())
}

/// Started hidden with no tray to open it from (none on this desktop, or the recovery screen):
/// the window shows after all, so Magday is never running out of reach.
pub fn show_if_unreachable<R: Runtime>(app: &AppHandle<R>) {
    if crate::autostart::started_hidden() && app.tray_by_id(crate::tray::TRAY).is_none() {
        show_main(app);
    }
}

/// Start the loop, the notification buttons, the tray and the close-to-tray window.
pub fn start<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let state = app.state::<AppState>();
    let core = state.core.clone();
    let notifier = Arc::clone(&state.notifier);

    let changes = Arc::clone(&state.record.changes);
    crate::notifier::wire_actions(app, core.clone(), move || changes.from_elsewhere());

    tauri::async_runtime::spawn(async move {
        loop {
            tick(&core, notifier.as_ref()).await;
            tokio::time::sleep(until_next_minute()).await;
        }
    });

    if crate::tray::build(app) {
        if let Some(window) = app.get_webview_window("main") {
            let w = window.clone();
            window.on_window_event(move |event| {
                if let WindowEvent::CloseRequested { api, .. } = event {
                    api.prevent_close();
                    let _ = w.hide();
                }
            });
        }
    }
    Ok(())
}

/// The record changed (the one change path, `changes.rs`): the tray reads today's lines again.
pub fn record_changed<R: Runtime>(app: &AppHandle<R>) {
    crate::tray::refresh(app);
}

/// The app's events: nothing to do here (the loop plans afresh every minute, so coming back
/// from sleep or a new time zone needs no rescheduling).
pub fn on_event<R: Runtime>(_app: &AppHandle<R>, _event: RunEvent) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loop_wakes_within_a_minute() {
        let d = until_next_minute();
        assert!(d >= Duration::from_secs(1) && d <= Duration::from_millis(60_500));
    }

    #[test]
    fn the_permission_view_names_the_desktop() {
        let granted = permission_view(Permission::Granted);
        assert_eq!(granted.platform, "desktop");
        assert_eq!(granted.help, "Reminders are on.");
        for state in [Permission::Denied, Permission::Prompt] {
            assert!(permission_view(state)
                .help
                .starts_with("Your desktop does not let Magday"));
        }
    }
}
