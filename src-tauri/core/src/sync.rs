//! **One log across devices, no account**: the user picks a folder that a sync engine they
//! already use carries between devices (Syncthing, Nextcloud, iCloud Drive, Dropbox, a USB
//! stick). Each device writes only its own file there, `magday-<device>.magday` (a record file,
//! [`crate::record`], written under a temporary name and renamed), reads every other one and
//! merges them by global id.
//!
//! What the folder may hold, and what happens to it:
//! - a file partly copied or cut short: its checksum fails, it is skipped and read again next
//!   time;
//! - an old copy of a device's file: a merge loses nothing and adds what is missing;
//! - the engines' conflict copies (Syncthing's `magday-x.sync-conflict-….magday`, Nextcloud's
//!   and Dropbox's `magday-x (conflicted copy …).magday`): any file named `magday-*.magday` is
//!   read and merged, so nothing in a conflict copy is lost;
//! - a file of another person's record (another profile): refused, never merged;
//! - a file unchanged since it was last merged: recognised by its header's checksum, not read
//!   further.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::record::{self, RecordFile};
use crate::store::{MergeStats, Store};

/// Where the change mark of this device's last written file is noted (beside the files merged).
const WRITTEN: &str = "#written";

/// This device's file in `folder`.
pub fn own_file(folder: &Path, device: &str) -> PathBuf {
    folder.join(format!("magday-{device}.{}", record::EXTENSION))
}

/// Whether a file name is a device's record file (or an engine's conflict copy of one).
pub fn is_record_name(name: &str) -> bool {
    name.starts_with("magday-") && name.ends_with(&format!(".{}", record::EXTENSION))
}

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

/// One sync.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SyncReport {
    /// This device's file.
    pub wrote: String,
    pub files: Vec<FileSeen>,
    pub added: MergeStats,
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

/// Write this device's file and merge the others (in one transaction).
pub async fn sync(store: &Store, folder: &Path, now: DateTime<Utc>) -> Result<SyncReport> {
    let device = store.device_id().to_string();
    let mine = own_file(folder, &device);
    let mut files = Vec::new();
    let mut read: Vec<(String, RecordFile)> = Vec::new();
    let mut names: Vec<String> = std::fs::read_dir(folder)?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            is_record_name(n) && Some(n.as_str()) != mine.file_name().and_then(|m| m.to_str())
        })
        .collect();
    names.sort();
    let profile = store.profile().await?;
    for name in names {
        let bytes = match std::fs::read(folder.join(&name)) {
            Ok(b) => b,
            Err(e) => {
                files.push(skipped(&name, None, e.to_string()));
                continue;
            }
        };
        let header = match record::header_of(&bytes) {
            Ok((h, _)) => h,
            Err(e) => {
                files.push(skipped(&name, None, e.to_string()));
                continue;
            }
        };
        if store.merged_file(&header.device).await?.as_deref() == Some(&header.body_sha256) {
            files.push(FileSeen {
                file: name,
                device: Some(header.device),
                written_at: Some(header.written_at),
                outcome: FileOutcome::Unchanged,
                reason: None,
            });
            continue;
        }
        match record::decode(&bytes) {
            Ok(f) if f.header.profile != profile => {
                // A device joining a record it has none of takes the record's profile.
                if store.adopt_profile(&f.header.profile).await.is_ok() {
                    read.push((name, f));
                } else {
                    files.push(skipped(
                        &name,
                        Some(&f.header),
                        "It belongs to another person's record.".into(),
                    ));
                }
            }
            Ok(f) => read.push((name, f)),
            Err(e) => files.push(skipped(&name, Some(&header), e.to_string())),
        }
    }
    let profile = store.profile().await?;
    let bodies: Vec<&crate::store::RecordBody> = read
        .iter()
        .filter(|(_, f)| f.header.profile == profile)
        .map(|(_, f)| &f.body)
        .collect();
    let added = store.merge(&bodies).await?;
    let stamp = now.to_rfc3339();
    for (name, f) in read {
        if f.header.profile != profile {
            files.push(skipped(
                &name,
                Some(&f.header),
                "It belongs to another person's record.".into(),
            ));
            continue;
        }
        store
            .note_merged_file(
                &f.header.device,
                &f.header.body_sha256,
                &f.header.written_at,
                &stamp,
                i64::try_from(f.header.events).unwrap_or(i64::MAX),
            )
            .await?;
        files.push(FileSeen {
            file: name,
            device: Some(f.header.device),
            written_at: Some(f.header.written_at),
            outcome: FileOutcome::Merged,
            reason: None,
        });
    }
    // This device's file last, so it holds what was just merged. When nothing changed since it
    // was last written (the store's change mark is the one noted then) and it is still there,
    // it is not exported again.
    let mark = store.change_mark().await?;
    let written = format!("{device}{WRITTEN}");
    let fresh =
        mine.exists() && store.merged_file(&written).await?.as_deref() == Some(mark.as_str());
    if !fresh {
        let bytes = record::export(store, &stamp).await?;
        let same = std::fs::read(&mine)
            .ok()
            .and_then(|old| {
                Some((
                    record::header_of(&old).ok()?.0,
                    record::header_of(&bytes).ok()?.0,
                ))
            })
            .is_some_and(|(old, new)| old.body_sha256 == new.body_sha256);
        if !same {
            record::write_atomically(&mine, &bytes)?;
        }
        store
            .note_merged_file(&written, &mark, &stamp, &stamp, 0)
            .await?;
    }
    files.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(SyncReport {
        wrote: mine.to_string_lossy().into_owned(),
        files,
        added,
    })
}

fn skipped(name: &str, header: Option<&record::Header>, reason: String) -> FileSeen {
    FileSeen {
        file: name.to_string(),
        device: header.map(|h| h.device.clone()),
        written_at: header.map(|h| h.written_at.clone()),
        outcome: FileOutcome::Skipped,
        reason: Some(reason),
    }
}

/// The devices merged so far.
pub async fn devices(store: &Store) -> Result<Vec<DeviceSeen>> {
    Ok(store
        .merged_files()
        .await?
        .into_iter()
        .filter(|(device, ..)| !device.ends_with(WRITTEN))
        .map(|(device, written_at, merged_at, events)| DeviceSeen {
            device,
            written_at,
            merged_at,
            events,
        })
        .collect())
}

#[cfg(test)]
mod convergence;
#[cfg(test)]
mod tests;
