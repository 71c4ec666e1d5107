//! Magday's Tauri shell: it opens the core on the app's data directory and exposes the core
//! through thin commands. All rules and storage live in `magday-core`.

pub mod bindings;
pub mod commands;
pub mod state;

use magday_core::api::Core;
use tauri::Manager;

use crate::state::AppState;

/// The database file's name in the app data directory.
pub const DB_FILE: &str = "magday.db";

/// Start the app.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(commands::handler())
        .setup(|app| {
            let dir = app.path().app_data_dir()?;
            let core = tauri::async_runtime::block_on(Core::open(&dir.join(DB_FILE)))?;
            app.manage(AppState::new(core));
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Magday could not start: {e}");
        std::process::exit(1);
    }
}
