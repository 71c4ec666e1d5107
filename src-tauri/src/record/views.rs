//! What the record's commands take and answer (Settings' backups, sync and devices; restore,
//! import and export; the recovery screen's choice).

use magday_core::api::Core;
use magday_core::backup::BackupInfo;
use magday_core::Result;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::sync::{RecordState, SyncOutcome};

/// How a backup is restored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RestoreMode {
    /// Merged into the record: nothing is lost.
    Merge,
    /// The record replaced by the backup (after a backup of it); the app restarts.
    Replace,
}

/// The Settings screen's view of the record.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RecordStatus {
    /// This installation's device id.
    pub device: String,
    /// Newest first.
    pub backups: Vec<BackupInfo>,
    pub backup_folder: String,
    pub sync_folder: Option<String>,
    /// The other devices whose files were merged, and when each last wrote.
    pub devices: Vec<magday_core::sync::DeviceSeen>,
    pub last_sync: Option<SyncOutcome>,
    /// Bumped whenever a sync, an import or a restore changed the record.
    pub generation: u32,
    /// A record passphrase is set on this device: exports and this device's sync file are
    /// sealed with it.
    pub record_passphrase: bool,
}

/// The record's status now.
pub async fn status(core: &Core, record: &RecordState) -> Result<RecordStatus> {
    Ok(RecordStatus {
        device: core.device_id().to_string(),
        backups: core.backups(&record.paths.backups).await?,
        backup_folder: record.paths.backups.display().to_string(),
        sync_folder: core.sync_folder_setting().await?,
        devices: core.sync_devices().await?,
        last_sync: record.last_sync(),
        generation: u32::try_from(record.generation()).unwrap_or(u32::MAX),
        record_passphrase: core.record_passphrase_set(),
    })
}

/// This device's record passphrase, or none (`null`) to stop sealing.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct RecordPassphraseInput {
    pub passphrase: Option<String>,
}

/// A backup named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupName {
    pub name: String,
}

/// A backup to restore, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RestoreInput {
    pub name: String,
    pub mode: RestoreMode,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RestoreOutcome {
    /// A merge's additions.
    pub merged: Option<magday_core::api::ImportResult>,
    /// The record was replaced: the app restarts now.
    pub restarting: bool,
}

/// A file written where the user picked (`None`: the dialog was cancelled).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SavedFile {
    pub path: Option<String>,
}

/// An import (`None`: the dialog was cancelled).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportOutcome {
    pub result: Option<magday_core::api::ImportResult>,
}

/// The folder to sync through; `None` stops syncing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncFolderInput {
    pub folder: Option<String>,
}

/// Whose record to follow when the sync folder holds more than one person's: a profile from
/// the last sync's `choices`, or `None` for a record of this device's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FollowRecordInput {
    pub profile: Option<String>,
}

/// On the recovery screen: restore the backup named, or (`None`) start with an empty record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RecoverInput {
    pub name: Option<String>,
}
