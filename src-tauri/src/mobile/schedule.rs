//! Scheduling a phone's reminders: each reminder becomes a one-off schedule at its instant,
//! claimed in SQLite before it is handed to the system's scheduler ([`Scheduler`]); the window
//! is cancelled and scheduled afresh whenever the plan may have changed ([`reschedule`]).
//! Compiled and tested on desktop builds too, behind the [`Scheduler`] trait.

use magday_core::api::Core;
use magday_core::day::Now;
use magday_core::reminders::Reminder;
use tauri_plugin_notification::Schedule;

use crate::error::ShellError;
use crate::notifier::ReminderNotification;

/// Days ahead the window reaches (fewer when the window fills first).
pub const DAYS_AHEAD: u32 = 7;

/// The claim channel of reminders handed to the phone's scheduler.
pub const CHANNEL: &str = "scheduled";

/// The one-off schedule of a reminder, allowed to fire in Android's idle mode.
pub fn schedule_of(reminder: &Reminder) -> Result<Schedule, ShellError> {
    let date = time::OffsetDateTime::from_unix_timestamp(reminder.due.timestamp())
        .map_err(|e| ShellError::BadTime(e.to_string()))?;
    Ok(Schedule::At {
        date,
        repeating: false,
        allow_while_idle: true,
    })
}

/// The system's scheduler of notifications (tauri-plugin-notification on phones).
pub trait Scheduler {
    /// The ids of the notifications waiting to be shown.
    fn pending(&self) -> Result<Vec<i32>, ShellError>;
    /// Drop these waiting notifications.
    fn cancel(&self, ids: Vec<i32>) -> Result<(), ShellError>;
    /// Have the system show this notification at this time.
    fn schedule(&self, notification: ReminderNotification, at: Schedule) -> Result<(), ShellError>;
}

/// Cancel what is pending and schedule the next window.
pub async fn reschedule(scheduler: &impl Scheduler, core: &Core, now: &Now) {
    let upcoming = match core.upcoming_reminders(now, DAYS_AHEAD).await {
        Ok(u) => u,
        Err(e) => {
            log::warn!("reminders could not be planned: {e}");
            return;
        }
    };
    match scheduler.pending() {
        Ok(ids) => {
            if let Err(e) = scheduler.cancel(ids) {
                log::warn!("pending reminders could not be cancelled: {e}");
            }
        }
        Err(e) => log::warn!("pending reminders could not be read: {e}"),
    }
    for r in &upcoming {
        schedule_one(scheduler, core, r, now).await;
    }
}

/// What [`schedule_one`] did with a reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheduled {
    /// Claimed now and handed to the scheduler; how that went is recorded.
    First,
    /// Claimed by an earlier window, whose pending notification was just cancelled: handed to
    /// the scheduler again under the same id (so it stays one notification), nothing recorded.
    Again,
    /// Not scheduled: its time cannot be scheduled, or the claim failed.
    Skipped,
}

/// Claim a reminder, then schedule it. A failed claim is logged and the reminder is not
/// scheduled: a reminder is only ever pending once its claim is in the database.
pub async fn schedule_one(
    scheduler: &impl Scheduler,
    core: &Core,
    r: &Reminder,
    now: &Now,
) -> Scheduled {
    let at = match schedule_of(r) {
        Ok(at) => at,
        Err(e) => {
            log::warn!("reminder {} is not scheduled: {e}", r.key);
            return Scheduled::Skipped;
        }
    };
    let first = match core.claim_reminder(r, now, CHANNEL).await {
        Ok(first) => first,
        Err(e) => {
            log::warn!(
                "reminder {} could not be claimed, so it is not scheduled: {e}",
                r.key
            );
            return Scheduled::Skipped;
        }
    };
    let handed = scheduler.schedule(ReminderNotification::of(r), at);
    if !first {
        if let Err(e) = handed {
            log::warn!("reminder {} could not be scheduled again: {e}", r.key);
        }
        return Scheduled::Again;
    }
    let error = handed.err().map(|e| e.to_string());
    if let Some(e) = &error {
        log::warn!("reminder {} could not be scheduled: {e}", r.key);
    }
    if let Err(e) = core.reminder_shown(&r.key, now, error.as_deref()).await {
        log::warn!("reminder {} could not be recorded: {e}", r.key);
    }
    Scheduled::First
}
