//! How a reminder is named: its key names the day and the dose, so a claim, a delivery check
//! and a notification's action all find the dose again.

use chrono::NaiveDate;

/// The key of dose `slot`'s reminder on `day`: "2026-11-21/dose:1" (its repeats, pre-alert and
/// snooze add a suffix).
pub fn dose_reminder_key(day: NaiveDate, slot: u32) -> String {
    format!("{day}/dose:{slot}")
}

/// The dose a reminder key is about: "YYYY-MM-DD/dose:N[/...]".
pub fn dose_of_key(key: &str) -> Option<(NaiveDate, u32)> {
    let mut parts = key.split('/');
    let day = NaiveDate::parse_from_str(parts.next()?, "%Y-%m-%d").ok()?;
    let slot = parts.next()?.strip_prefix("dose:")?.parse().ok()?;
    Some((day, slot))
}
