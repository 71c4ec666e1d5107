//! The SQLite store: one file, WAL journal, `synchronous=FULL` (an acknowledged tap survives a
//! crash or power loss), foreign keys on, embedded numbered migrations applied at open.

mod db;
mod events;
mod files;
mod merge;
mod reminders;
mod sync_marks;
mod versions;

pub use db::Store;
pub use events::{sort_log, Event, NewEvent};
pub use files::{quick_check, verify_file};
pub use merge::{
    CourseRow, EventRow as RecordEventRow, MergeStats, RecordBody, SettingRow, VersionRow,
    SYNCED_SETTINGS,
};
pub use reminders::DeliveryRow;
pub use versions::StoredVersion;
