//! What a sync tells the user: each file of the folder and what became of it, what was added,
//! and, when the folder holds more than one person's record, the records to choose from.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::record::Header;
use crate::store::MergeStats;

/// What happened to one file of the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileOutcome {
    Merged,
    /// The same as when last merged.
    Unchanged,
    /// Skipped: see its reason.
    Skipped,
}

/// One file of the folder.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FileSeen {
    pub file: String,
    /// The device that wrote it (when its header could be read).
    pub device: Option<String>,
    pub written_at: Option<String>,
    pub outcome: FileOutcome,
    /// Why it was skipped.
    pub reason: Option<String>,
}

impl FileSeen {
    /// A file and what became of it, with what its header says (when it could be read).
    pub(super) fn new(
        name: &str,
        header: Option<&Header>,
        outcome: FileOutcome,
        reason: Option<String>,
    ) -> FileSeen {
        FileSeen {
            file: name.to_string(),
            device: header.map(|h| h.device.clone()),
            written_at: header.map(|h| h.written_at.clone()),
            outcome,
            reason,
        }
    }
}

/// One sync.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SyncReport {
    /// This device's file.
    pub wrote: String,
    pub files: Vec<FileSeen>,
    pub added: MergeStats,
    /// Set when this device holds nothing yet and the folder holds more than one person's
    /// record: whose record to follow is the user's choice, and nothing was joined.
    pub choices: Vec<RecordChoice>,
}

/// One person's record found in a sync folder, as the user recognises it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RecordChoice {
    pub profile: String,
    /// The devices whose files hold it.
    pub devices: Vec<String>,
    /// The first course's first day.
    pub started: Option<NaiveDate>,
    /// The newest protocol's name.
    pub protocol: Option<String>,
    /// Entries in its newest file.
    pub entries: u64,
}

/// A device seen in the folder.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeviceSeen {
    pub device: String,
    /// When its file was written.
    pub written_at: String,
    /// When this device last merged it.
    pub merged_at: String,
    pub events: i64,
}
