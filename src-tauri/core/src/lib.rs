//! Magday's core: domain rules and storage, with no Tauri in sight.
//!
//! The shell turns each command into one call on [`api::Core`]; everything else lives here and
//! is tested against a real SQLite database with fixed clocks.
//!
//! Where to look: what each kind of entry in the event log means (a snooze, an undo, a food
//! removal) is in [`log`]; when a protocol edit takes effect in [`protocol::versions`]; when a
//! reminder counts as late in [`reminders::delivery`]. The checklist of a day is derived in
//! [`checklist`], Today in [`today`], reminders are planned in [`reminders`], check-ins in
//! [`checkin`], food in [`food`], progress in [`progress`], the report in [`report`]; [`store`]
//! holds every SQL statement and [`api`] only loads, calls and saves.

pub mod api;
pub mod atomic;
pub mod backup;
pub mod checkin;
pub mod checklist;
pub mod day;
pub mod error;
pub mod expect;
pub mod export;
pub mod facts;
pub mod food;
pub mod input;
pub mod lock;
pub mod log;
pub mod pause;
pub mod practice;
pub mod progress;
pub mod protocol;
pub mod record;
pub mod reminders;
pub mod report;
pub mod settings;
pub mod setup;
pub mod stock;
pub mod store;
pub mod sync;
#[cfg(test)]
pub(crate) mod testkit;
pub mod today;
pub mod tray;
pub mod zone;

pub use error::{ApiError, CoreError, Result};
