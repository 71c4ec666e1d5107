//! Magday's Tauri shell: it opens the core on the app's data directory, exposes the core
//! through thin commands, and delivers reminders (desktop: `desktop.rs`; phones: `mobile.rs`).
//! All rules and storage live in `magday-core`.

pub mod bindings;
pub mod commands;
#[cfg(desktop)]
pub mod desktop;
pub mod error;
pub mod files;
pub mod logging;
pub mod mobile;
pub mod notifier;
pub mod state;

use std::sync::Arc;

use magday_core::api::Core;
use tauri::Manager;

use crate::state::AppState;

/// The database file's name in the app data directory.
pub const DB_FILE: &str = "magday.db";

/// Start the app.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    logging::init();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(commands::handler())
        .setup(|app| {
            // Parse the food table and build its search index off the main thread, so the first
            // search is instant and start-up does not wait for it.
            std::thread::spawn(|| {
                if let Ok(table) = magday_core::food::table() {
                    table.warm_up();
                }
            });
            let dir = app.path().app_data_dir()?;
            let core = tauri::async_runtime::block_on(Core::open(&dir.join(DB_FILE)))?;
            #[cfg(desktop)]
            let notifier = Arc::new(desktop::DesktopNotifier::new(app.handle().clone()));
            #[cfg(mobile)]
            let notifier = Arc::new(mobile::MobileNotifier::new(
                app.handle().clone(),
                core.clone(),
            ));
            let files = Arc::new(files::DialogSaver::new(app.handle().clone()));
            app.manage(AppState::new(core, notifier, files));
            #[cfg(desktop)]
            desktop::start(app.handle())?;
            #[cfg(mobile)]
            mobile::start(app.handle())?;
            Ok(())
        })
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(|app, event| {
            // Back from the background: the time zone may have changed; phones reschedule.
            // (Desktop plans afresh every minute.)
            if cfg!(mobile) && matches!(event, tauri::RunEvent::Resumed) {
                if let Some(state) = app.try_state::<AppState>() {
                    state.notifier.plan_changed();
                }
            }
        }),
        Err(e) => {
            eprintln!("Magday could not start: {e}");
            std::process::exit(1);
        }
    }
}
