//! What every command can reach: the core, the platform's notifier, the save dialog, and the
//! clock.

use std::sync::Arc;

use chrono::Utc;
use magday_core::api::Core;
use magday_core::day::Now;
use magday_core::zone::Tz;

use crate::autostart::{Autostart, Unavailable};
use crate::files::FileSaver;
use crate::notifier::Notifier;
use crate::record::RecordState;

/// Restart the app (after the record was replaced): the UI gets its answer first.
pub type Restart = Arc<dyn Fn() + Send + Sync>;

/// The app's state, managed by Tauri.
pub struct AppState {
    pub core: Core,
    pub notifier: Arc<dyn Notifier>,
    pub files: Arc<dyn FileSaver>,
    /// Backups, sync and recovery.
    pub record: Arc<RecordState>,
    pub restart: Restart,
    /// Starting at login (none until [`AppState::with_autostart`]).
    pub autostart: Arc<dyn Autostart>,
}

impl AppState {
    pub fn new(
        core: Core,
        notifier: Arc<dyn Notifier>,
        files: Arc<dyn FileSaver>,
        record: Arc<RecordState>,
        restart: Restart,
    ) -> Self {
        AppState {
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

/// The wall clock and the device's time zone (it may change while travelling).
pub fn device_now() -> Now {
    Now::new(Utc::now(), device_tz())
}

/// The device's IANA time zone: `TZ` when set (as every POSIX program honours it), else the
/// system's setting, else UTC.
pub fn device_tz() -> Tz {
    if let Ok(tz) = std::env::var("TZ") {
        if let Ok(parsed) = tz.trim_start_matches(':').parse::<Tz>() {
            return parsed;
        }
    }
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse::<Tz>().ok())
        .unwrap_or(Tz::UTC)
}
