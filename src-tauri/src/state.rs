//! What every command can reach: the core, and the clock.

use chrono::Utc;
use chrono_tz::Tz;
use magday_core::api::Core;
use magday_core::day::Now;

/// The app's state, managed by Tauri.
pub struct AppState {
    pub core: Core,
}

impl AppState {
    pub fn new(core: Core) -> Self {
        AppState { core }
    }

    /// The wall clock and the device's time zone, read now (the zone may change while travelling).
    pub fn now(&self) -> Now {
        Now::new(Utc::now(), device_tz())
    }
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
