//! What every command can reach: the core, the platform's notifier, the save dialog, the
//! record's state (with its change ledger), and the clock.

use std::sync::Arc;

use magday_core::api::Core;
use magday_core::day::Now;

use crate::autostart::{Autostart, Unavailable};
use crate::clock::device_now;
use crate::files::FileSaver;
use crate::lock::AppLock;
use crate::notifier::Notifier;
use crate::record::RecordState;

/// Restart the app (after the record was replaced): the UI gets its answer first.
pub type Restart = Arc<dyn Fn() + Send + Sync>;

/// The app's state, managed by Tauri.
pub struct AppState {
    pub core: Core,
    pub notifier: Arc<dyn Notifier>,
    pub files: Arc<dyn FileSaver>,
    /// Backups, sync, recovery, and who changed the record.
    pub record: Arc<RecordState>,
    pub restart: Restart,
    /// Starting at login (none until [`AppState::with_autostart`]).
    pub autostart: Arc<dyn Autostart>,
    /// The app lock, kept in the record's config folder (locked at start when it is on).
    pub lock: Arc<AppLock>,
}

impl AppState {
    pub fn new(
        core: Core,
        notifier: Arc<dyn Notifier>,
        files: Arc<dyn FileSaver>,
        record: Arc<RecordState>,
        restart: Restart,
    ) -> Self {
        let lock = AppLock::open(&record.paths.config, &core);
        AppState {
            lock,
            core,
            notifier,
            files,
            record,
            restart,
            autostart: Arc::new(Unavailable),
        }
    }

    /// The platform's start at login.
    pub fn with_autostart(mut self, autostart: Arc<dyn Autostart>) -> Self {
        self.autostart = autostart;
        self
    }

    /// The wall clock and the device's time zone, read now.
    pub fn now(&self) -> Now {
        device_now()
    }
}
