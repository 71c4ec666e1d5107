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
//! - a file of another person's record (another profile): refused, never merged; a device that
//!   holds nothing yet joins the one record it finds, and when the folder holds more than one
//!   person's record it asks ([`SyncReport::choices`]) rather than join one of them silently:
//!   the user picks whose record this device follows, or starts their own ([`FOLLOW`]);
//! - a file unchanged since it was last merged: recognised by its header's checksum, not read
//!   further.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
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

/// The setting (this device's own, it never travels) that says whose record a device joining a
/// folder follows: a profile id, or [`OWN`] for a record of its own.
pub const FOLLOW: &str = "sync_follow";
/// See [`FOLLOW`].
pub const OWN: &str = "own";

/// The records in `read` other than `own`, described for the user.
fn choices_of(read: &[(String, RecordFile)], own: &str) -> Vec<RecordChoice> {
    let mut out: Vec<RecordChoice> = Vec::new();
    for (_, f) in read.iter().filter(|(_, f)| f.header.profile != own) {
        let spec =
            |v: &crate::store::VersionRow| serde_json::from_str::<serde_json::Value>(&v.spec).ok();
        let started = f
            .body
            .versions
            .iter()
            .filter_map(|v| {
                spec(v)?
                    .get("start_date")?
                    .as_str()?
                    .parse::<NaiveDate>()
                    .ok()
            })
            .min();
        let protocol = f
            .body
            .versions
            .iter()
            .max_by(|a, b| a.created_at.cmp(&b.created_at))
            .and_then(|v| Some(spec(v)?.get("name")?.as_str()?.to_string()));
        match out.iter_mut().find(|c| c.profile == f.header.profile) {
            Some(c) => {
                if !c.devices.contains(&f.header.device) {
                    c.devices.push(f.header.device.clone());
                }
                c.started = c.started.min(started).or(c.started).or(started);
                c.protocol = c.protocol.take().or(protocol);
                c.entries = c.entries.max(f.header.events);
            }
            None => out.push(RecordChoice {
                profile: f.header.profile.clone(),
                devices: vec![f.header.device.clone()],
                started,
                protocol,
                entries: f.header.events,
            }),
        }
    }
    out.sort_by(|a, b| a.started.cmp(&b.started).then(a.profile.cmp(&b.profile)));
    out
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
            Ok(f) => read.push((name, f)),
            Err(e) => files.push(skipped(&name, Some(&header), e.to_string())),
        }
    }
    // A device that holds nothing yet joins the record the folder holds: the one there is, or
    // the one the user chose; with more than one and no choice made, it asks.
    let mut choices = Vec::new();
    // Only records that hold something count as a choice: the empty file of another device
    // still asking is no one's record to follow (though, alone, it is joined as before, so two
    // new devices that set up sync before either records anything end up in one record).
    let foreign = |holding: bool| -> std::collections::BTreeSet<&str> {
        read.iter()
            .filter(|(_, f)| !holding || f.header.events + f.header.versions > 0)
            .map(|(_, f)| f.header.profile.as_str())
            .filter(|p| *p != profile)
            .collect()
    };
    let (all, holding) = (foreign(false), foreign(true));
    if !all.is_empty() && store.is_empty().await? {
        let follow: Option<String> = store.setting(FOLLOW).await?;
        let pick = match follow.as_deref() {
            Some(OWN) => None,
            Some(p) if all.contains(p) => Some(p.to_string()),
            _ if holding.len() > 1 => {
                choices = choices_of(&read, &profile);
                choices.retain(|c| holding.contains(c.profile.as_str()));
                None
            }
            _ => holding.first().or(all.first()).map(|p| p.to_string()),
        };
        if let Some(p) = pick {
            store.adopt_profile(&p).await?;
        }
    }
    let not_ours = if choices.is_empty() {
        "It belongs to another person's record."
    } else {
        "This folder holds more than one person's record: choose yours in Settings."
    };
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
            files.push(skipped(&name, Some(&f.header), not_ours.into()));
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
        choices,
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
