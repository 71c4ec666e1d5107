//! Magday's Tauri shell: it opens the core on the app's data directory, exposes the core
//! through thin commands, and delivers reminders. All rules and storage live in `magday-core`.
//!
//! The platform is chosen once, here: `desktop.rs` (a minute loop, the tray, a log file) or
//! `mobile.rs` (the system's scheduler) becomes `platform`, and both offer the same `init`,
//! `notifier`, `build_window`, `show_if_unreachable`, `start`, `record_changed` and `on_event`,
//! so [`run`] reads the same everywhere. Shared parts, from the ground up: `clock.rs` (the
//! device's now), `error.rs` (the shell's errors), `signature.rs` (a command's TypeScript
//! signature), `changes.rs` (the record's one change path), `notifier.rs` (the notification a
//! reminder becomes, its buttons, the permission), `files.rs` (the save dialog), `logging.rs`
//! (the `log` sink), `record/` (paths, recovery, the sync loop), `state.rs`, `commands.rs` and
//! `bindings.rs`. Nothing below uses this file.

pub mod autostart;
pub mod bindings;
pub mod changes;
pub mod clock;
pub mod commands;
#[cfg(desktop)]
pub mod desktop;
pub mod error;
pub mod files;
pub mod lock;
pub mod logging;
pub mod mobile;
pub mod notifier;
pub mod record;
pub mod signature;
pub mod state;
#[cfg(desktop)]
pub mod tray;

#[cfg(desktop)]
use desktop as platform;
#[cfg(mobile)]
use mobile as platform;

use std::sync::Arc;

use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::state::AppState;

/// The record's one change path, wired to the app (see `changes.rs`): each settled change of
/// the record re-plans the reminders (a phone's window), rebuilds the tray, and, when the
/// screens did not ask for it, tells them (`record-changed`, with the new generation). Needs
/// the [`AppState`] managed.
pub fn follow_changes<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let notifier = Arc::clone(&state.notifier);
    let app = app.clone();
    changes::spawn(Arc::clone(&state.record.changes), move |change| {
        if change.reload {
            if let Err(e) = app.emit(changes::RECORD_CHANGED, change.generation) {
                log::warn!("the screens were not told of a change: {e}");
            }
        }
        notifier.plan_changed();
        platform::record_changed(&app);
    });
}

/// The app lock, wired to the app: each change is told to the window (`lock-changed`: it
/// drops what it showed when locked), to the reminders (a phone reschedules its window, now
/// with private text or without) and to the tray (its "Lock Magday now"), and the idle time is
/// watched. Needs the [`AppState`] managed.
pub fn watch_lock<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let handle = app.clone();
    let notifier = Arc::clone(&state.notifier);
    state.lock.on_change(Arc::new(move |status| {
        if let Err(e) = handle.emit(lock::LOCK_CHANGED, status) {
            log::warn!("the window was not told the lock changed: {e}");
        }
        // A phone's scheduled reminders carry their text: turning the lock on or off
        // reschedules them with private text or without.
        notifier.plan_changed();
        platform::record_changed(&handle);
    }));
    state.lock.spawn_idle_watch();
}

/// The page the window opens on a first start ([`record::Paths::first_start`]): the app's page
/// with the welcome already drawn in, so it shows before any script has run; the app loads
/// behind it and takes it over (ui/scripts/first-run.ts). Other starts open index.html.
pub const FIRST_START_PAGE: &str = "welcome.html";

/// Start the app.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    logging::init();
    let result = autostart::plugins(tauri::Builder::default())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(commands::handler())
        .setup(|app| {
            platform::init(app.handle());
            // The record opens on a thread of its own while the window is built here: the
            // window (declared with `"create": false` for this) is the slower of the two, and
            // its page loads once this setup has returned. The page's first command is then
            // answered with the record open.
            let paths =
                record::Paths::new(&app.path().app_data_dir()?, &app.path().app_config_dir()?);
            // Asked before the record opens (which makes its file).
            let first_start = paths.first_start();
            let opening = {
                let paths = paths.clone();
                std::thread::spawn(move || tauri::async_runtime::block_on(record::open(&paths)))
            };
            // Started at login (`--hidden`), the window is built hidden (`platform::build_window`).
            if let Some(config) = app.config().app.windows.first() {
                let mut config = config.clone();
                if first_start {
                    config.url = tauri::WebviewUrl::App(FIRST_START_PAGE.into());
                }
                platform::build_window(app.handle(), &config)?;
            }
            // Parse the food table and build its search index off the main thread, once the
            // first screen has had the cores to itself, so the first search is instant and
            // start-up does not wait for it.
            std::thread::spawn(|| {
                std::thread::sleep(std::time::Duration::from_secs(3));
                if let Ok(table) = magday_core::food::table() {
                    table.warm_up();
                }
            });
            let (core, recovery) = opening
                .join()
                .map_err(|_| error::ShellError::Interrupted("opening the record".into()))??;
            let recovering = recovery.is_some();
            let notifier = platform::notifier(app.handle(), &core);
            let files = Arc::new(files::DialogSaver::new(app.handle().clone()));
            let record = Arc::new(record::RecordState::new(paths, recovery, &core));
            let handle = app.handle().clone();
            let restart: state::Restart = Arc::new(move || handle.restart());
            app.manage(
                AppState::new(core.clone(), notifier, files, Arc::clone(&record), restart)
                    .with_autostart(autostart::service(app.handle())),
            );
            watch_lock(app.handle());
            // On the recovery screen nothing runs over the empty stand-in record.
            if !recovering {
                platform::start(app.handle())?;
                follow_changes(app.handle());
                record::spawn_background(core, record, record::sync_every());
            }
            platform::show_if_unreachable(app.handle());
            Ok(())
        })
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(platform::on_event),
        Err(e) => {
            log::error!("Magday could not start: {e}");
            std::process::exit(1);
        }
    }
}
