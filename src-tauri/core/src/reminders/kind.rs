//! What a reminder is for: its kind, the word stored with a claim, and the code in its
//! notification id. Below both the planner (`reminders.rs`) and its private text (`private.rs`).

use serde::Serialize;
use ts_rs::TS;

/// What a reminder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// At the dose's time.
    Dose,
    /// "Dose in N minutes".
    PreAlert,
    /// A repeat while the dose is not ticked.
    Nag,
    /// The end of a snooze.
    Snooze,
    /// A medicine to keep apart from magnesium.
    Separation,
    /// The supply runs low: time to refill (once a day, with the first dose).
    Refill,
}

impl ReminderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::Dose => "dose",
            ReminderKind::PreAlert => "pre_alert",
            ReminderKind::Nag => "nag",
            ReminderKind::Snooze => "snooze",
            ReminderKind::Separation => "separation",
            ReminderKind::Refill => "refill",
        }
    }

    /// The kind's digit in a notification id.
    pub(super) fn code(self) -> i32 {
        match self {
            ReminderKind::Dose => 1,
            ReminderKind::PreAlert => 2,
            ReminderKind::Nag => 3,
            ReminderKind::Snooze => 4,
            ReminderKind::Separation => 5,
            ReminderKind::Refill => 6,
        }
    }
}
