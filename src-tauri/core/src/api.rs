//! The core's face to the shell: one method per command. Each resolves its context once
//! ([`Ctx`]: settings, clock, today, safety pauses), loads what it needs from the store, hands it to the domain
//! modules, and either changes nothing or commits its change before it returns. No rule lives
//! here: the checklist, reminders, check-ins, food, progress, the report and the protocol each
//! keep their own, with the types their commands take and return.

mod autostart;
mod ctx;
mod export;
mod food;
mod practice;
mod progress;
mod record;
mod reminders;
mod tray;

pub use ctx::Core;
pub use export::{DataExportInput, DataFormat};
pub use progress::{CheckInResult, ProgressView};
pub use record::ImportResult;
