//! Phones: the system delivers reminders, even while Magday is not running. On start, whenever
//! the record changes (a tap, the protocol, the settings, a sync that brought something from
//! another device: the shell's one change path, `changes.rs`) and when the app comes back (the
//! time zone may have changed), the app cancels its pending notifications and hands the next window of
//! one-off notifications to tauri-plugin-notification's scheduler: at most
//! [`MOBILE_WINDOW`](magday_core::reminders::MOBILE_WINDOW) (iOS keeps 64 pending), each with an
//! id derived from its day, dose and kind. Each reminder is claimed in SQLite before it is
//! scheduled; one that cannot be claimed is not scheduled. Android needs the exact-alarm
//! permission for them to come on time; the build script adds it to the manifest.
//!
//! `lib.rs` picks this module or `desktop.rs` once, as `platform`: on phones both offer the same
//! `init`, `notifier`, `build_window`, `show_if_unreachable`, `start`, `record_changed` and
//! `on_event` (`mobile/phone.rs`, compiled for Android and iOS only). Everything else here is
//! compiled and tested on desktop builds too: the schedule of a reminder and the rescheduling
//! behind the [`Scheduler`] trait (`mobile/schedule.rs`), the permission's words
//! (`mobile/permission.rs`).

mod permission;
#[cfg(mobile)]
mod phone;
mod schedule;

pub use permission::Phone;
#[cfg(mobile)]
pub use phone::{
    build_window, init, notifier, on_event, record_changed, show_if_unreachable, start,
    MobileNotifier,
};
pub use schedule::{
    reschedule, schedule_of, schedule_one, Scheduled, Scheduler, CHANNEL, DAYS_AHEAD,
};

#[cfg(test)]
mod tests;
