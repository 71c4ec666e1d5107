//! The tray as a small widget (desktop): today's doses with their state and "Mark taken", the
//! next dose, the supply when it runs low, Open and Quit; the tooltip says the next dose. The
//! lines and rules are the core's ([`magday_core::tray`]); this module only turns them into menu
//! items, sends "Mark taken" to the same tap as the checklist's, and rebuilds the menu when the
//! record changes (a tap anywhere, a sync: the shell's one change path calls [`refresh`]) or the
//! minute turns (a dose comes due, midnight, the user's day start).
//!
//! A refused "Mark taken" (a safety pause began since the menu was built, the dose was taken
//! elsewhere) is logged and shown in a message box, and the menu is rebuilt.

use std::sync::Arc;
use std::time::Duration;

use chrono::{Timelike, Utc};
use magday_core::api::Core;
use magday_core::checklist::Tap;
use magday_core::tray::{action_of, TrayAction, TrayView};
use tauri::menu::{Menu, MenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
use tokio::sync::Notify;

use crate::clock::device_now;
use crate::notifier::show_main;
use crate::state::AppState;

/// The tray icon's id.
pub const TRAY: &str = "magday";

/// Wakes the tray's loop to read today's lines again (managed once the tray is built).
struct Refresh(Arc<Notify>);

/// The record changed: the tray, if there is one, reads today's lines again.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    if let Some(refresh) = app.try_state::<Refresh>() {
        refresh.0.notify_one();
    }
}

/// The menu for `view`: one item per line, the lines without an action greyed out.
fn menu<R: Runtime>(app: &AppHandle<R>, view: &TrayView) -> tauri::Result<Menu<R>> {
    let menu = Menu::new(app)?;
    for item in &view.items {
        let enabled = item.action != TrayAction::Info;
        let entry = MenuItem::with_id(app, &item.id, &item.label, enabled, None::<&str>)?;
        menu.append(&entry)?;
    }
    Ok(menu)
}

/// Today's tray, or a fallback with Open and Quit when the core cannot give it; with "Lock
/// Magday now" while the app lock is on and open.
async fn current<R: Runtime>(app: &AppHandle<R>, core: &Core) -> TrayView {
    let view = match core.tray(&device_now()).await {
        Ok(view) => view,
        Err(e) => {
            log::warn!("the tray could not read today: {e}");
            magday_core::tray::fallback()
        }
    };
    let status = app.state::<AppState>().lock.status();
    match status.enabled && !status.locked {
        true => magday_core::tray::with_lock_item(view),
        false => view,
    }
}

/// Put `view` into the tray icon.
fn apply<R: Runtime>(app: &AppHandle<R>, view: &TrayView) {
    let Some(tray) = app.tray_by_id(TRAY) else {
        return;
    };
    let result = menu(app, view)
        .and_then(|m| tray.set_menu(Some(m)))
        .and_then(|()| tray.set_tooltip(Some(&view.tooltip)));
    if let Err(e) = result {
        log::warn!("the tray menu was not rebuilt: {e}");
    }
}

/// Build the tray icon, with Open and Quit until today's lines are read (at once, off the main
/// thread). Returns whether there is a tray (without one, closing the window should quit rather
/// than hide the app away).
pub fn build<R: Runtime>(app: &AppHandle<R>) -> bool {
    let core = app.state::<AppState>().core.clone();
    let view = magday_core::tray::fallback();
    let built = menu(app, &view).and_then(|menu| {
        let mut tray = TrayIconBuilder::with_id(TRAY)
            .tooltip(&view.tooltip)
            .menu(&menu)
            .show_menu_on_left_click(true)
            .on_menu_event(|app, event| on_item(app, event.id().as_ref()));
        if let Some(icon) = app.default_window_icon() {
            tray = tray.icon(icon.clone());
        }
        tray.build(app)
    });
    match built {
        Ok(_) => {
            let wake = Arc::new(Notify::new());
            app.manage(Refresh(Arc::clone(&wake)));
            follow(app, core, view, wake);
            true
        }
        Err(e) => {
            log::warn!("no tray icon ({e}); closing the window quits Magday");
            false
        }
    }
}

/// How long until just after the start of the next minute.
fn until_next_minute() -> Duration {
    let now = Utc::now();
    let into = u64::from(now.second()) * 1000 + u64::from(now.timestamp_subsec_millis() % 1000);
    Duration::from_millis((60_000 - into.min(59_000)).max(1000) + 500)
}

/// Fill the menu now, then rebuild it whenever the record changed (a tap in the window, a
/// notification's button, a sync: `wake`, from [`refresh`]) or, at each minute, when today's
/// lines changed (a dose came due or its window closed, midnight, the day start).
fn follow<R: Runtime>(app: &AppHandle<R>, core: Core, mut shown: TrayView, wake: Arc<Notify>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let view = current(&app, &core).await;
            if view != shown {
                apply(&app, &view);
                shown = view;
            }
            // Woken early by a change, or at the minute: either way, read again.
            let _ = tokio::time::timeout(until_next_minute(), wake.notified()).await;
        }
    });
}

/// A click on a menu item.
fn on_item<R: Runtime>(app: &AppHandle<R>, id: &str) {
    match action_of(id) {
        TrayAction::Open => show_main(app),
        TrayAction::Quit => quit(app),
        TrayAction::MarkTaken { slot } => mark_taken(app, slot),
        TrayAction::Lock => {
            app.state::<AppState>().lock.lock_now();
        }
        TrayAction::Info => {}
    }
}

/// "Mark taken": the checklist's own tap, refused for the same reasons.
fn mark_taken<R: Runtime>(app: &AppHandle<R>, slot: u32) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let st = app.state::<AppState>();
        let tap = Tap::TakeDose { slot, at: None };
        match st.core.tap(None, &tap, &device_now()).await {
            // The write reaches the reminders and this menu through the one change path; the
            // window's screens did not ask for it, so they load their data again.
            Ok(_) => st.record.changes.from_elsewhere(),
            Err(e) => {
                log::warn!("the tray's Mark taken for dose {slot} was refused: {e}");
                app.dialog()
                    .message(e.to_string())
                    .title("Magday")
                    .kind(MessageDialogKind::Warning)
                    .show(|_| {});
                apply(&app, &current(&app, &st.core).await);
            }
        }
    });
}

/// What the quit notice says about starting at login.
fn autostart_line<R: Runtime>(app: &AppHandle<R>) -> &'static str {
    let st = app.state::<AppState>();
    match st.autostart.enabled() {
        _ if !st.autostart.available() => {
            "Whether Magday starts at login is unknown: start it yourself to get reminders again."
        }
        Ok(true) => "Magday is set to start at login, so reminders come back at your next login.",
        Ok(false) => {
            "Magday is not set to start at login: start it yourself to get reminders again."
        }
        Err(_) => {
            "Whether Magday starts at login is unknown: start it yourself to get reminders again."
        }
    }
}

/// Quit; the first time, say that reminders stop until Magday starts again, and quit only on OK.
fn quit<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let core = app.state::<AppState>().core.clone();
        if core.quit_notice_given().await.unwrap_or(false) {
            app.exit(0);
            return;
        }
        let text = format!(
            "Reminders stop until Magday starts again.\n\n{}",
            autostart_line(&app)
        );
        let exit = app.clone();
        app.dialog()
            .message(text)
            .title("Quit Magday?")
            .kind(MessageDialogKind::Warning)
            .buttons(MessageDialogButtons::OkCancelCustom(
                "Quit".into(),
                "Keep running".into(),
            ))
            .show(move |ok| {
                if ok {
                    tauri::async_runtime::spawn(async move {
                        if let Err(e) = core.note_quit_notice().await {
                            log::warn!("the quit notice was not remembered: {e}");
                        }
                        exit.exit(0);
                    });
                }
            });
    });
}
