//! **Backups**: snapshots of the whole database in a folder of their own. A snapshot is written
//! with SQLite's `VACUUM INTO` under a temporary name, flushed to disk, renamed, then opened
//! read-only and checked (`PRAGMA integrity_check` and its counts) before any older one is
//! dropped. Kept: the newest of each of the 7 latest days and of each of the 4 latest weeks,
//! every one taken before a migration, and the 5 newest taken before a restore or an import
//! ([`keep`]).
//!
//! Taken at start when the newest is over a day old, before every migration, restore and
//! import, and when the user asks. Also here: checking a database file at start and setting a
//! damaged one aside (the recovery screen), and replacing the record with a backup.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc};
use serde::Serialize;

use ts_rs::TS;

use crate::error::{CoreError, Result};

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// The automatic one at start.
    Daily,
    /// "Back up now".
    Manual,
    PreMigration,
    PreRestore,
    PreImport,
}

impl BackupReason {
    pub const ALL: [BackupReason; 5] = [
        BackupReason::Daily,
        BackupReason::Manual,
        BackupReason::PreMigration,
        BackupReason::PreRestore,
        BackupReason::PreImport,
    ];

    /// Why, in the app's words.
    pub fn label(self) -> &'static str {
        match self {
            BackupReason::Daily => "Daily",
            BackupReason::Manual => "Made by you",
            BackupReason::PreMigration => "Before an update",
            BackupReason::PreRestore => "Before a restore",
            BackupReason::PreImport => "Before an import",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            BackupReason::Daily => "daily",
            BackupReason::Manual => "manual",
            BackupReason::PreMigration => "pre-migration",
            BackupReason::PreRestore => "pre-restore",
            BackupReason::PreImport => "pre-import",
        }
    }
}

/// One backup.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BackupInfo {
    /// The file name (what restore and "save a copy" name).
    pub name: String,
    pub taken_at: DateTime<Utc>,
    pub reason: BackupReason,
    /// Why, in the app's words ("Before an import").
    pub reason_label: String,
    pub bytes: u64,
    pub events: i64,
    pub versions: i64,
}

const PREFIX: &str = "magday-backup-";
const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";
/// Daily and weekly backups kept.
pub const KEEP_DAYS: usize = 7;
pub const KEEP_WEEKS: usize = 4;
/// Snapshots taken before a restore or an import kept (the newest).
pub const KEEP_SAFETY: usize = 5;

/// The file name of a backup taken at `at` for `reason`.
pub fn file_name(at: DateTime<Utc>, reason: BackupReason) -> String {
    format!("{PREFIX}{}-{}.db", at.format(STAMP), reason.key())
}

/// When and why a backup was taken, from its file name.
pub fn parse_name(name: &str) -> Option<(DateTime<Utc>, BackupReason)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(".db")?;
    let (stamp, reason) = rest.split_once('-')?;
    let reason = BackupReason::ALL.into_iter().find(|r| r.key() == reason)?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    Some((at, reason))
}

pub use crate::store::verify_file as verify;

/// Every backup in `dir`, newest first (each opened and checked; a damaged one is left out).
pub async fn list(dir: &Path) -> Result<Vec<BackupInfo>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e.into()),
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((taken_at, reason)) = parse_name(&name) else {
            continue;
        };
        let Ok((events, versions)) = verify(&entry.path()).await else {
            continue;
        };
        out.push(BackupInfo {
            bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
            name,
            taken_at,
            reason,
            reason_label: reason.label().into(),
            events,
            versions,
        });
    }
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.name.cmp(&a.name)));
    Ok(out)
}

/// Which of `backups` (newest first) to keep: every pre-migration one; the [`KEEP_SAFETY`]
/// newest taken before a restore or an import; and of the daily and manual ones, the newest of
/// each of the [`KEEP_DAYS`] latest days and of each of the [`KEEP_WEEKS`] latest ISO weeks.
pub fn keep(backups: &[BackupInfo]) -> Vec<bool> {
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    let mut safety = 0;
    backups
        .iter()
        .map(|b| {
            match b.reason {
                BackupReason::PreMigration => return true,
                BackupReason::PreRestore | BackupReason::PreImport => {
                    safety += 1;
                    return safety <= KEEP_SAFETY;
                }
                BackupReason::Daily | BackupReason::Manual => {}
            }
            let day = b.taken_at.date_naive();
            let week = (day.iso_week().year(), day.iso_week().week());
            let mut kept = false;
            if !days.contains(&day) && days.len() < KEEP_DAYS {
                days.push(day);
                kept = true;
            }
            if !weeks.contains(&week) && weeks.len() < KEEP_WEEKS {
                weeks.push(week);
                kept = true;
            }
            kept
        })
        .collect()
}

/// Drop the backups [`keep`] does not keep; returns the names dropped.
pub async fn prune(dir: &Path) -> Result<Vec<String>> {
    let all = list(dir).await?;
    let mut dropped = Vec::new();
    for (b, kept) in all.iter().zip(keep(&all)) {
        if !kept {
            std::fs::remove_file(dir.join(&b.name))?;
            dropped.push(b.name.clone());
        }
    }
    Ok(dropped)
}

/// When and why each backup in `dir` was taken, from the file names alone (no file is opened:
/// what the check at start needs).
pub fn taken(dir: &Path) -> Vec<(DateTime<Utc>, BackupReason)> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| parse_name(&e.file_name().to_string_lossy()))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the newest daily or manual backup among `taken` is over a day old (or there is none).
pub fn due(
    taken: impl IntoIterator<Item = (DateTime<Utc>, BackupReason)>,
    now: DateTime<Utc>,
) -> bool {
    taken
        .into_iter()
        .filter(|(_, reason)| matches!(reason, BackupReason::Daily | BackupReason::Manual))
        .map(|(at, _)| at)
        .max()
        .is_none_or(|newest| now - newest >= Duration::days(1))
}

/// A backup's path in `dir`, refusing a name that is not one of ours (no path tricks).
pub fn path_of(dir: &Path, name: &str) -> Result<PathBuf> {
    if parse_name(name).is_none() || name.contains(['/', '\\']) {
        return Err(CoreError::invalid(
            "unknown_backup",
            "name",
            "There is no backup by that name.",
        ));
    }
    let p = dir.join(name);
    if !p.exists() {
        return Err(CoreError::invalid(
            "unknown_backup",
            "name",
            "There is no backup by that name.",
        ));
    }
    Ok(p)
}

/// How a database file stands at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum FileHealth {
    /// No file yet: a first start.
    Missing,
    Ok,
    /// It cannot be opened as a database or fails its check: the recovery screen.
    Damaged {
        /// Why, in the app's words.
        reason: String,
        /// What SQLite said, for support and the log.
        details: String,
    },
}

const NOT_OURS: &str = "it holds no Magday record";

/// Check the database file at `path` without changing it.
pub async fn check_file(path: &Path) -> FileHealth {
    if !path.exists() {
        return FileHealth::Missing;
    }
    let checked: Result<String> = async {
        let (r, tables) = crate::store::quick_check(path).await?;
        match (r?, tables?) {
            (ok, 1) if ok == "ok" => Ok(ok),
            (ok, 1) => Ok(ok),
            // An empty file is a first start that was cut short; anything else is not ours.
            (_, _) if std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) == 0 => Ok("ok".into()),
            (_, _) => Ok(NOT_OURS.into()),
        }
    }
    .await;
    match checked {
        Ok(ok) if ok == "ok" => FileHealth::Ok,
        Ok(reason) => FileHealth::Damaged {
            details: format!("quick_check: {reason}"),
            reason: if reason == NOT_OURS {
                "the file holds no Magday record.".into()
            } else {
                "the file is damaged: part of it cannot be read.".into()
            },
        },
        Err(e) => FileHealth::Damaged {
            reason: "the file is not a database Magday can open, or it is damaged.".into(),
            details: e.to_string(),
        },
    }
}

/// Move a damaged database (and its journal files) aside, never deleting it: returns where.
pub fn set_aside(path: &Path, at: DateTime<Utc>) -> Result<PathBuf> {
    let stamp = at.format("%Y%m%dT%H%M%SZ");
    let aside = path.with_file_name(format!(
        "{}.damaged-{stamp}",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "magday.db".into())
    ));
    std::fs::rename(path, &aside)?;
    for ext in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{ext}", path.display()));
        if side.exists() {
            std::fs::rename(&side, PathBuf::from(format!("{}{ext}", aside.display())))?;
        }
    }
    Ok(aside)
}

/// Put the backup at `backup` in place of the database at `path` (closed): copied beside it,
/// flushed, its journal files removed, renamed over it. The caller snapshots the current one
/// first.
pub fn replace_with(path: &Path, backup: &Path) -> Result<()> {
    verify_blocking_free(backup)?;
    let tmp = crate::atomic::tmp_path(path);
    std::fs::copy(backup, &tmp)?;
    std::fs::File::open(&tmp)?.sync_all()?;
    for ext in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{ext}", path.display()));
        if side.exists() {
            std::fs::remove_file(side)?;
        }
    }
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// A backup must at least be a file.
fn verify_blocking_free(backup: &Path) -> Result<()> {
    if backup.is_file() {
        Ok(())
    } else {
        Err(CoreError::invalid(
            "unknown_backup",
            "name",
            "There is no backup by that name.",
        ))
    }
}

#[cfg(test)]
mod tests;
