//! Opening the record at start, and putting a backup in its place: a damaged database is set
//! aside (never deleted) and the app opens on the recovery screen instead of failing; a backup
//! restored in place of the record gets a new device id.

use magday_core::api::Core;
use magday_core::backup::{self, BackupInfo, FileHealth};
use magday_core::Result;
use serde::Serialize;
use ts_rs::TS;

use super::paths::{device_id, new_device_id, Paths};
use super::pause::carry_kept_pause;
use crate::clock::device_now;

/// The recovery screen's facts: why the database could not be used, where it was set aside,
/// and the backups that can replace it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RecoveryView {
    /// Why, in the app's words.
    pub reason: String,
    /// What SQLite said, for support (behind a "details" line).
    pub details: String,
    /// Where the damaged file was kept (never deleted).
    pub set_aside: String,
    pub backups: Vec<BackupInfo>,
}

/// Open the record at start. A damaged file is set aside (kept) and the app opens on the
/// recovery screen, over an empty in-memory record that is never saved; a missing one is a
/// first start.
pub async fn open(paths: &Paths) -> Result<(Core, Option<RecoveryView>)> {
    let device = device_id(&paths.config)?;
    if let FileHealth::Damaged { reason, details } = backup::check_file(&paths.db).await {
        log::error!(
            "the database at {} is damaged: {reason} ({details})",
            paths.db.display()
        );
        let aside = backup::set_aside(&paths.db, chrono::Utc::now())?;
        let backups = backup::list(&paths.backups).await.unwrap_or_default();
        let core = Core::open_in_memory().await?;
        return Ok((
            core,
            Some(RecoveryView {
                reason,
                details,
                set_aside: aside.display().to_string(),
                backups,
            }),
        ));
    }
    let core = Core::open_as(&paths.db, &device, &paths.backups).await?;
    super::passphrase::load(paths, &core);
    carry_kept_pause(&core, paths).await;
    Ok((core, None))
}

/// The backup at start, when the newest is over a day old: run off the start-up path, first
/// thing in the background task.
pub async fn back_up_at_start(core: &Core, paths: &Paths) {
    match core.back_up_if_due(&paths.backups, &device_now()).await {
        Ok(Some(b)) => log::info!("backed up to {}", b.name),
        Ok(None) => {}
        Err(e) => log::warn!("the backup at start failed: {e}"),
    }
}

/// Replace the record with the backup `name`: refused (nothing changed, the database still
/// open) when there is no such backup; else a backup of the current record first, the database
/// closed, the backup put in its place under a new device id. The caller restarts the app.
pub async fn replace(
    core: &Core,
    paths: &Paths,
    name: &str,
    now: &magday_core::day::Now,
) -> Result<()> {
    backup::path_of(&paths.backups, name)?;
    core.back_up(&paths.backups, backup::BackupReason::PreRestore, now)
        .await?;
    core.store().close().await;
    replace_with_backup(paths, name)
}

/// Put the backup `name` in place of the database (the caller closed it and restarts the app
/// after), with a new device id.
pub fn replace_with_backup(paths: &Paths, name: &str) -> Result<()> {
    let backup = backup::path_of(&paths.backups, name)?;
    backup::replace_with(&paths.db, &backup)?;
    new_device_id(&paths.config)?;
    Ok(())
}
