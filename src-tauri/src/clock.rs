//! The shell's clock: the wall clock and the device's time zone, read afresh each time (the
//! zone may change while travelling). The ground floor of the shell: it uses nothing else here.

use chrono::Utc;
use magday_core::day::Now;
use magday_core::zone::Tz;

/// The wall clock and the device's time zone.
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
