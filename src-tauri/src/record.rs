//! Keeping the record, as the shell does it: where the database, its backups and this
//! installation's device id live; opening the database at start (with a backup when the newest
//! is over a day old, and the recovery screen instead of a failure when the file is damaged);
//! and the sync loop. The rules are in the core (`backup`, `record`, `sync`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use magday_core::api::Core;
use magday_core::backup::{self, BackupInfo, FileHealth};
use magday_core::sync::SyncReport;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use magday_core::Result;

use crate::state::device_now;

/// The device id's file in the app's config directory (outside the database, so a database
/// copied or restored elsewhere never records as this installation).
pub const DEVICE_FILE: &str = "device-id";
/// The backups' folder in the app data directory.
pub const BACKUPS_DIR: &str = "backups";

/// Where the record lives.
#[derive(Debug, Clone)]
pub struct Paths {
    pub db: PathBuf,
    pub backups: PathBuf,
    pub config: PathBuf,
}

impl Paths {
    pub fn new(data_dir: &Path, config_dir: &Path) -> Paths {
        Paths {
            db: data_dir.join(crate::DB_FILE),
            backups: data_dir.join(BACKUPS_DIR),
            config: config_dir.to_path_buf(),
        }
    }

    /// The open safety pause, kept beside the database (see [`keep_pause`]).
    pub fn open_pause(&self) -> PathBuf {
        self.db.with_file_name(OPEN_PAUSE_FILE)
    }
}

/// The file that keeps the open safety pause beside the database.
const OPEN_PAUSE_FILE: &str = "open-pause.json";

/// Keep the record's open safety pause in a small file beside the database (removed when none
/// is open), so a record put in its place (a backup restored over it, a fresh start after a
/// damaged file) carries the pause forward at the next start ([`carry_kept_pause`]).
pub async fn keep_pause(core: &Core, paths: &Paths) {
    let path = paths.open_pause();
    let result = match core.open_pause().await {
        Ok(Some(open)) => serde_json::to_vec(&open)
            .map_err(magday_core::CoreError::from)
            .and_then(|bytes| magday_core::record::write_atomically(&path, &bytes)),
        Ok(None) => match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        },
        Err(e) => Err(e),
    };
    if let Err(e) = result {
        log::warn!("the open safety pause was not kept beside the record: {e}");
    }
}

/// At start: a pause kept beside the database that the record now in place does not hold (it
/// was restored from an older backup, or started anew) is carried into it, from the instant it
/// began, and says so on every screen.
pub async fn carry_kept_pause(core: &Core, paths: &Paths) {
    let Ok(bytes) = std::fs::read(paths.open_pause()) else {
        return;
    };
    let kept: magday_core::pause::OpenPause = match serde_json::from_slice(&bytes) {
        Ok(k) => k,
        Err(e) => {
            log::warn!("the kept safety pause could not be read: {e}");
            return;
        }
    };
    match core.carry_pause(&kept).await {
        Ok(true) => log::warn!(
            "the safety pause open since {} was missing from the record in place: carried over",
            kept.since
        ),
        Ok(false) => {}
        Err(e) => log::error!("the open safety pause could not be carried over: {e}"),
    }
}

/// This installation's device id: read from its file, or made and written there.
pub fn device_id(config: &Path) -> Result<String> {
    let path = config.join(DEVICE_FILE);
    if let Ok(id) = std::fs::read_to_string(&path) {
        let id = id.trim();
        if id.len() >= 8 && id.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(id.to_string());
        }
    }
    new_device_id(config)
}

/// Give this installation a new device id (after its record was replaced by a backup, so the
/// ids it writes from now on can never meet ones written before).
pub fn new_device_id(config: &Path) -> Result<String> {
    use std::hash::{BuildHasher, Hasher};
    std::fs::create_dir_all(config)?;
    // The standard library seeds each RandomState from the system's random source.
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.write_u32(std::process::id());
    let id = format!("{:016x}", h.finish());
    magday_core::record::write_atomically(&config.join(DEVICE_FILE), id.as_bytes())?;
    Ok(id)
}

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

/// The last sync of this session.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SyncOutcome {
    /// When (RFC 3339).
    pub at: String,
    pub report: Option<SyncReport>,
    pub error: Option<String>,
}

/// How a backup is restored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RestoreMode {
    /// Merged into the record: nothing is lost.
    Merge,
    /// The record replaced by the backup (after a backup of it); the app restarts.
    Replace,
}

/// What the shell keeps about the record while the app runs.
pub struct RecordState {
    pub paths: Paths,
    /// Bumped whenever a sync, an import or a restore changed the record: screens reload.
    generation: AtomicU64,
    last_sync: Mutex<Option<SyncOutcome>>,
    /// Set when the app started on the recovery screen.
    pub recovery: Option<RecoveryView>,
    /// Told the new generation each time it changes (the shell pushes it to the screens).
    listener: Mutex<Option<GenerationListener>>,
}

/// Told the record's new generation.
pub type GenerationListener = Arc<dyn Fn(u64) + Send + Sync>;

/// The event the screens listen to: the record changed from elsewhere (a sync, an import, a
/// restore); its payload is the record's new generation.
pub const RECORD_CHANGED: &str = "record-changed";

/// Push each new generation to the screens as [`RECORD_CHANGED`] (they load their data again):
/// no screen polls.
pub fn push_changes<R: tauri::Runtime>(app: &tauri::AppHandle<R>, record: &RecordState) {
    use tauri::Emitter;
    let app = app.clone();
    record.listen(Arc::new(move |generation| {
        if let Err(e) = app.emit(RECORD_CHANGED, generation) {
            log::warn!("the screens were not told of a change: {e}");
        }
    }));
}

impl RecordState {
    pub fn new(paths: Paths, recovery: Option<RecoveryView>) -> Self {
        RecordState {
            paths,
            generation: AtomicU64::new(0),
            last_sync: Mutex::new(None),
            recovery,
            listener: Mutex::new(None),
        }
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Who hears of each new generation (one listener: the app's event to the screens).
    pub fn listen(&self, listener: GenerationListener) {
        if let Ok(mut slot) = self.listener.lock() {
            *slot = Some(listener);
        }
    }

    /// The record changed from elsewhere (a sync, an import, a restore): a new generation, told
    /// to the listener.
    pub fn changed(&self) {
        let generation = self
            .generation
            .fetch_add(1, Ordering::SeqCst)
            .wrapping_add(1);
        let listener = self.listener.lock().ok().and_then(|l| l.clone());
        if let Some(listener) = listener {
            listener(generation);
        }
    }

    pub fn last_sync(&self) -> Option<SyncOutcome> {
        self.last_sync.lock().ok().and_then(|s| s.clone())
    }

    /// Sync now through the chosen folder, if there is one; remembers the outcome.
    pub async fn sync(&self, core: &Core) -> Option<SyncOutcome> {
        let folder = match core.sync_folder_setting().await {
            Ok(Some(f)) => f,
            Ok(None) => return None,
            Err(e) => {
                log::warn!("sync: the folder setting could not be read: {e}");
                return None;
            }
        };
        let now = device_now();
        let seen_before = core.sync_devices().await.ok();
        let outcome = match core.sync_folder(Path::new(&folder), &now).await {
            Ok(report) => {
                // Screens reload when the record changed, and also when "Devices seen" did (a
                // device's first or newer file that added nothing new).
                let seen_now = core.sync_devices().await.ok();
                if report.added.changed() || seen_now != seen_before {
                    self.changed();
                }
                for f in report.files.iter().filter(|f| f.reason.is_some()) {
                    log::info!(
                        "sync: skipped {}: {}",
                        f.file,
                        f.reason.as_deref().unwrap_or("")
                    );
                }
                SyncOutcome {
                    at: now.utc.to_rfc3339(),
                    report: Some(report),
                    error: None,
                }
            }
            Err(e) => {
                log::warn!("sync through {folder} failed: {e}");
                SyncOutcome {
                    at: now.utc.to_rfc3339(),
                    report: None,
                    error: Some(e.to_string()),
                }
            }
        };
        if let Ok(mut last) = self.last_sync.lock() {
            *last = Some(outcome.clone());
        }
        Some(outcome)
    }
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

/// How often the sync loop reads the folder when nothing changed here (five minutes; tests set
/// `MAGDAY_SYNC_EVERY_SECS` lower).
fn sync_every() -> Duration {
    let secs = std::env::var("MAGDAY_SYNC_EVERY_SECS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|v| *v > 0)
        .unwrap_or(300);
    Duration::from_secs(secs)
}

/// What the shell does when a sync changed the record: re-plan reminders (a phone's scheduled
/// window, the tray).
pub type OnChange = Arc<dyn Fn() + Send + Sync>;

/// Sync once; when the sync merged anything (a pause or a dose from another device), say so
/// through `on_change`, as a command that changed the record does. Returns whether it did.
pub async fn sync_and_tell(core: &Core, record: &RecordState, on_change: &OnChange) -> bool {
    let changed = record
        .sync(core)
        .await
        .and_then(|o| o.report)
        .is_some_and(|r| r.added.changed());
    if changed {
        on_change();
    }
    changed
}

/// In the background: the backup at start when due, then the sync loop (at start, a few seconds
/// after each change here, and every five minutes). Between syncs it sleeps until the core says
/// a write committed or the five minutes are up: nothing polls. A sync that brought something
/// from another device re-plans the reminders (`on_change`): a pause set on one device silences
/// the other's scheduled reminders without waiting for the app to be opened.
pub fn spawn_background(core: Core, record: Arc<RecordState>, on_change: OnChange) {
    tauri::async_runtime::spawn(async move {
        back_up_at_start(&core, &record.paths).await;
        let every = sync_every();
        let mut writes = core.watch_writes();
        let mut synced_mark: Option<String> = None;
        let mut last = Instant::now();
        let mut first = true;
        loop {
            // Writes from here on wake the wait below (the sync's own writes included: the
            // next round finds the mark unchanged and waits again).
            writes.borrow_and_update();
            keep_pause(&core, &record.paths).await;
            let mark = core.change_mark().await.ok();
            let due = first || mark != synced_mark || last.elapsed() >= every;
            if due {
                if !first && mark != synced_mark {
                    // Let a burst of taps settle before writing the file.
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
                // The mark as synced is the one before this sync: a write made while it ran
                // (a tap) differs from it and is synced next round, not five minutes later.
                // A sync that merged something runs once more, finding nothing new.
                let before = core.change_mark().await.ok();
                sync_and_tell(&core, &record, &on_change).await;
                synced_mark = before;
                last = Instant::now();
                first = false;
            }
            let left = every.saturating_sub(last.elapsed());
            if let Ok(Err(_)) = tokio::time::timeout(left, writes.changed()).await {
                // The store is gone (the app is closing): nothing more to sync.
                break;
            }
        }
    });
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
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_device_id_lives_in_its_own_file_and_a_new_one_differs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join("config");
        let first = device_id(&config).expect("id");
        assert_eq!(first.len(), 16);
        assert_eq!(
            device_id(&config).expect("again"),
            first,
            "read back, not made anew"
        );
        assert_eq!(
            std::fs::read_to_string(config.join(DEVICE_FILE)).expect("file"),
            first
        );
        let second = new_device_id(&config).expect("new");
        assert_ne!(second, first);
        assert_eq!(device_id(&config).expect("after"), second);
        // A damaged id file gets a fresh id rather than a broken one.
        std::fs::write(config.join(DEVICE_FILE), "not hex!").expect("write");
        let third = device_id(&config).expect("fresh");
        assert!(third.chars().all(|c| c.is_ascii_hexdigit()) && third != second);
    }

    #[tokio::test]
    async fn a_damaged_database_opens_the_recovery_state_and_is_kept_aside() {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = Paths::new(&dir.path().join("data"), &dir.path().join("config"));
        // A first start: a fresh record, a backup taken at once (none was there).
        let (core, recovery) = open(&paths).await.expect("open");
        assert!(recovery.is_none());
        back_up_at_start(&core, &paths).await;
        assert_eq!(core.backups(&paths.backups).await.expect("list").len(), 1);
        core.store().close().await;
        std::fs::write(&paths.db, b"not a database at all").expect("damage");
        let (_, recovery) = open(&paths).await.expect("recovery");
        let view = recovery.expect("the recovery screen");
        assert_eq!(view.backups.len(), 1);
        assert!(!paths.db.exists(), "set aside");
        assert_eq!(
            std::fs::read(&view.set_aside).expect("kept"),
            b"not a database at all"
        );
        // Restoring the backup puts a good database in place, under a new device id.
        let before = device_id(&paths.config).expect("id");
        replace_with_backup(&paths, &view.backups[0].name).expect("replace");
        assert_ne!(device_id(&paths.config).expect("id"), before);
        let (_, recovery) = open(&paths).await.expect("open again");
        assert!(recovery.is_none());
    }

    /// Issue 22.5: the open pause kept beside the database is carried into a record put in its
    /// place (a replace-restore from an older backup, an empty start after a damaged file), and
    /// the file goes once the pause is cleared.
    #[tokio::test]
    async fn an_open_pause_survives_a_replace_restore_and_an_empty_start() {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = Paths::new(&dir.path().join("data"), &dir.path().join("config"));
        let (core, _) = open(&paths).await.expect("open");
        let older = core
            .back_up(&paths.backups, backup::BackupReason::Manual, &device_now())
            .await
            .expect("a backup before the pause");
        let since = chrono::Utc::now().fixed_offset() - chrono::Duration::hours(1);
        let open_pause = magday_core::pause::OpenPause {
            since,
            day: since.date_naive(),
            signs: vec!["confusion".into()],
        };
        assert!(core.carry_pause(&open_pause).await.expect("paused"));
        keep_pause(&core, &paths).await;
        assert!(paths.open_pause().exists());

        replace(&core, &paths, &older.name, &device_now())
            .await
            .expect("replace");
        let (restored, _) = open(&paths).await.expect("open the restored record");
        let carried = restored.open_pause().await.expect("read").expect("carried");
        assert_eq!(carried.since, since);
        assert_eq!(carried.signs, ["confusion"]);

        restored.store().close().await;
        std::fs::write(&paths.db, b"damaged").expect("damage");
        let (_, recovery) = open(&paths).await.expect("recovery");
        assert!(recovery.is_some());
        // The recovery screen's empty start: the app starts again on no database.
        let (fresh, recovery) = open(&paths).await.expect("an empty start");
        assert!(recovery.is_none());
        assert!(fresh.open_pause().await.expect("read").is_some(), "carried");

        let cleared = magday_core::pause::ResumeInput {
            cleared_by_clinician: true,
        };
        fresh
            .resume_after_pause(&cleared, &device_now())
            .await
            .expect("cleared");
        keep_pause(&fresh, &paths).await;
        assert!(!paths.open_pause().exists(), "nothing open, nothing kept");
    }
}
