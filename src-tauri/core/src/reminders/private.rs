//! Private reminder text (issue 25): on a lock screen or a shared desktop a reminder says when,
//! never what. With [`crate::settings::ReminderSettings::private_text`] on (the shell turns it on
//! for the device while its app lock is on), a reminder names the time of its dose or intake and
//! nothing else: no product, form, amount, mg or medicine. Taken and Snooze still work: the
//! reminder's key, kind and times do not change, only its words.

use super::kind::ReminderKind;

/// What every private dose reminder says below its title.
pub const DOSE_BODY: &str = "Tap Taken once you have taken it, or Snooze.";
/// What private separation and refill reminders say below their title.
pub const OTHER_BODY: &str = "Open Magday for the details.";

const DOSE_PREFIX: &str = "Magday: time for your ";

/// The private title of a reminder about the dose or intake at `time` ("08:00"); `pre` is the
/// pre-alert's minutes.
pub fn title(kind: ReminderKind, time: &str, pre: Option<u32>) -> String {
    match kind {
        ReminderKind::Dose => format!("{DOSE_PREFIX}{time} dose"),
        ReminderKind::PreAlert => match pre {
            Some(m) => format!("Magday: your {time} dose in {m} minutes"),
            None => format!("Magday: your {time} dose is coming up"),
        },
        ReminderKind::Nag => format!("Magday: your {time} dose is still to take"),
        ReminderKind::Snooze => format!("Magday: snoozed, your {time} dose"),
        ReminderKind::Separation => format!("Magday: your {time} reminder"),
        ReminderKind::Refill => "Magday: time to restock".into(),
    }
}

/// A dose reminder's private title and body.
pub fn texts(kind: ReminderKind, time: &str, pre: Option<u32>) -> (String, String) {
    (title(kind, time, pre), body(kind).to_string())
}

/// The private body of a reminder of `kind`.
pub fn body(kind: ReminderKind) -> &'static str {
    match kind {
        ReminderKind::Separation | ReminderKind::Refill => OTHER_BODY,
        _ => DOSE_BODY,
    }
}

/// A dose reminder's title once it is shown late (catch-up): "… is still open".
pub fn still_open(title: &str) -> String {
    match title.strip_prefix(DOSE_PREFIX) {
        Some(rest) => format!("Magday: your {rest} is still open"),
        None => format!("{title} is still open"),
    }
}

#[cfg(test)]
#[path = "private_tests.rs"]
mod tests;
