//! The core's commands for keeping the record: backups, export and import of the whole record,
//! restoring a backup, syncing through a shared folder, and the record passphrase that seals
//! the record files leaving the device (exports and this device's sync file; backups stay plain
//! SQLite). The rules are in [`crate::backup`], [`crate::record`] and [`crate::sync`].

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use super::ctx::Core;
use crate::backup::{self, BackupInfo, BackupReason};
use crate::day::Now;
use crate::error::{CoreError, Result};
use crate::record;
use crate::store::{MergeStats, Store};
use crate::sync::{self, SyncReport};

/// The local setting naming the sync folder.
const SYNC_FOLDER: &str = "sync_folder";

/// What an import or a merged restore added.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportResult {
    pub added: MergeStats,
    /// The device that wrote the file.
    pub from_device: String,
    /// When it was written (RFC 3339).
    pub written_at: String,
    /// The backup taken just before, if one was.
    pub backup: Option<String>,
}

impl Core {
    /// Take a backup into `dir` now, then drop the ones no longer kept.
    pub async fn back_up(&self, dir: &Path, reason: BackupReason, now: &Now) -> Result<BackupInfo> {
        std::fs::create_dir_all(dir)?;
        let name = backup::file_name(now.utc, reason);
        let path = dir.join(&name);
        let (events, versions) = self.store.snapshot(&path).await?;
        backup::prune(dir).await?;
        Ok(BackupInfo {
            bytes: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            name,
            taken_at: now.utc,
            reason,
            reason_label: reason.label().into(),
            events,
            versions,
        })
    }

    /// The backup at start: taken when the newest is over a day old.
    pub async fn back_up_if_due(&self, dir: &Path, now: &Now) -> Result<Option<BackupInfo>> {
        if backup::due(backup::taken(dir), now.utc) {
            Ok(Some(self.back_up(dir, BackupReason::Daily, now).await?))
        } else {
            Ok(None)
        }
    }

    /// The backups in `dir`, newest first.
    pub async fn backups(&self, dir: &Path) -> Result<Vec<BackupInfo>> {
        backup::list(dir).await
    }

    /// Set this device's record passphrase (`None`: turn it off). Kept in memory only: the
    /// shell keeps it in a file of its own (never in the database, never in the sync folder) and
    /// hands it over at start and whenever the user changes it. While it is set, exports and
    /// this device's sync file are sealed with it, and sealed files are opened with it; a change
    /// makes the next sync rewrite this device's file. Refused, changing nothing, when shorter
    /// than [`record::MIN_PASSPHRASE_CHARS`] characters (`record_passphrase_too_short`).
    pub fn set_record_passphrase(&self, passphrase: Option<String>) -> Result<()> {
        self.record_keys.set(passphrase)
    }

    /// Whether a record passphrase is set on this device.
    pub fn record_passphrase_set(&self) -> bool {
        self.record_keys.is_set()
    }

    /// The whole record as a record file at `path` (complete or absent), sealed when a record
    /// passphrase is set.
    pub async fn export_record(&self, path: &Path, now: &Now) -> Result<PathBuf> {
        let mut path = path.to_path_buf();
        if path.extension().is_none() {
            path.set_extension(record::EXTENSION);
        }
        let bytes =
            record::export_with(&self.store, &now.utc.to_rfc3339(), &self.record_keys).await?;
        record::write_atomically(&path, &bytes)?;
        Ok(path)
    }

    /// Merge the record file at `path` (a backup is taken into `backups` first). Importing the
    /// same file twice adds nothing; a file that is truncated, damaged, of a newer format or of
    /// another person's record is refused and nothing changes, as is a sealed file when this
    /// device has no record passphrase (`needs_record_passphrase`) or another one
    /// (`wrong_record_passphrase`).
    pub async fn import_record(
        &self,
        path: &Path,
        backups: &Path,
        now: &Now,
    ) -> Result<ImportResult> {
        let bytes = std::fs::read(path)?;
        let file = record::decode_with(&bytes, &self.record_keys)?;
        let taken = self.back_up(backups, BackupReason::PreImport, now).await?;
        let added = record::merge(&self.store, &file, &now.utc.to_rfc3339()).await?;
        Ok(ImportResult {
            added,
            from_device: file.header.device,
            written_at: file.header.written_at,
            backup: Some(taken.name),
        })
    }

    /// Restore the backup `name` from `dir` by merging it into the record (nothing is lost;
    /// a backup of the current record is taken first).
    pub async fn restore_merge(&self, dir: &Path, name: &str, now: &Now) -> Result<ImportResult> {
        let source = backup::path_of(dir, name)?;
        let body = read_backup(&source).await?;
        let taken = self.back_up(dir, BackupReason::PreRestore, now).await?;
        let added = self.store.merge(&[&body.0]).await?;
        Ok(ImportResult {
            added,
            from_device: body.1,
            written_at: name.to_string(),
            backup: Some(taken.name),
        })
    }

    /// Sync through `folder`: write this device's file, merge every other one.
    pub async fn sync_folder(&self, folder: &Path, now: &Now) -> Result<SyncReport> {
        sync::sync(&self.store, folder, now.utc, &self.record_keys).await
    }

    /// The devices whose files were merged, and when each last wrote.
    pub async fn sync_devices(&self) -> Result<Vec<sync::DeviceSeen>> {
        sync::devices(&self.store).await
    }

    /// The folder this device syncs through, if one was chosen (this device's own setting: it
    /// does not travel).
    pub async fn sync_folder_setting(&self) -> Result<Option<String>> {
        Ok(self
            .store
            .setting::<Option<String>>(SYNC_FOLDER)
            .await?
            .flatten())
    }

    /// Choose the folder to sync through (`None`: stop syncing). A folder must exist and take
    /// a file; nothing changes otherwise.
    pub async fn set_sync_folder(&self, folder: Option<&str>) -> Result<Option<String>> {
        let folder = match folder.map(str::trim).filter(|f| !f.is_empty()) {
            None => None,
            Some(f) => {
                let path = Path::new(f);
                if !path.is_absolute() || !path.is_dir() {
                    return Err(CoreError::invalid(
                        "invalid_folder",
                        "folder",
                        "Choose a folder that exists on this device (a full path).",
                    ));
                }
                let probe = path.join(format!(".magday-probe-{}", self.store.device_id()));
                std::fs::write(&probe, b"")
                    .and_then(|()| std::fs::remove_file(&probe))
                    .map_err(|_| {
                        CoreError::invalid(
                            "invalid_folder",
                            "folder",
                            "Magday cannot write in that folder: choose another.",
                        )
                    })?;
                Some(path.display().to_string())
            }
        };
        self.store.set_setting(SYNC_FOLDER, &folder).await?;
        Ok(folder)
    }

    /// Whose record this device follows when its sync folder holds more than one person's
    /// (`None`: a record of its own). Only while this device holds nothing yet: a device with a
    /// record of its own cannot take another person's. Syncs nothing itself.
    pub async fn follow_record(&self, profile: Option<&str>) -> Result<()> {
        if !self.store.is_empty().await? {
            return Err(CoreError::refused(
                "record_not_empty",
                "This device already holds a record, so it cannot follow another person's.",
            ));
        }
        let value = profile.map_or(sync::OWN, |p| p);
        if value.is_empty() || value.len() > 64 || !value.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Err(CoreError::invalid(
                "invalid_profile",
                "profile",
                "That is not a record found in the sync folder.",
            ));
        }
        self.store.set_setting(sync::FOLLOW, &value).await
    }

    /// A mark that changes whenever this record changes (an entry, a version, a setting):
    /// the sync loop compares it to know when to write this device's file again.
    pub async fn change_mark(&self) -> Result<String> {
        self.store.change_mark().await
    }

    /// Wakes after each write that changed the record (what [`Core::change_mark`] reads): the
    /// shell's sync waits on it instead of asking every few seconds.
    pub fn watch_writes(&self) -> tokio::sync::watch::Receiver<u64> {
        self.store.watch_writes()
    }

    /// This installation's device id.
    pub fn device_id(&self) -> &str {
        self.store.device_id()
    }
}

/// A backup's record body and device, read from a private copy (the copy is brought up to
/// date, so a backup made by an earlier version reads too; the backup itself is not touched).
async fn read_backup(path: &Path) -> Result<(crate::store::RecordBody, String)> {
    let dir = std::env::temp_dir().join(format!(
        "magday-restore-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir)?;
    let copy = dir.join("backup.db");
    std::fs::copy(path, &copy)?;
    let read = async {
        let store = Store::open(&copy).await?;
        let body = store.export_body().await?;
        let device = store.device_id().to_string();
        store.close().await;
        Ok::<_, CoreError>((body, device))
    }
    .await;
    let _ = std::fs::remove_dir_all(&dir);
    read
}

#[cfg(test)]
#[path = "sealed_tests.rs"]
mod sealed_tests;
