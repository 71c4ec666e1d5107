//! Magday's core: domain rules and storage, with no Tauri in sight.
//!
//! The shell turns each command into one call on [`api::Core`]; everything else lives here and
//! is tested against a real SQLite database with fixed clocks.

pub mod api;
pub mod checklist;
pub mod day;
pub mod error;
pub mod facts;
pub mod food;
pub mod input;
pub mod progress;
pub mod protocol;
pub mod reminders;
pub mod report;
pub mod settings;
pub mod store;
#[cfg(test)]
pub(crate) mod testkit;

pub use error::{ApiError, CoreError, Result};
