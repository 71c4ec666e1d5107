//! What the shell keeps about the record while the app runs ([`RecordState`]: its paths, the
//! last sync, the recovery screen's facts, the record's change ledger), and the sync loop in
//! the background. The sync's rules are the core's (`sync`).

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use magday_core::api::Core;
use magday_core::sync::SyncReport;
use serde::Serialize;
use ts_rs::TS;

use super::paths::Paths;
use super::pause::keep_pause;
use super::recovery::{back_up_at_start, RecoveryView};
use crate::changes::{Changes, Writer};
use crate::clock::device_now;

/// The last sync of this session.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SyncOutcome {
    /// When (RFC 3339).
    pub at: String,
    pub report: Option<SyncReport>,
    pub error: Option<String>,
}

/// What the shell keeps about the record while the app runs.
pub struct RecordState {
    pub paths: Paths,
    /// Who changed the record, and its generation (see `changes.rs`).
    pub changes: Arc<Changes>,
    last_sync: Mutex<Option<SyncOutcome>>,
    /// Set when the app started on the recovery screen.
    pub recovery: Option<RecoveryView>,
}

impl RecordState {
    /// The record of `core`, kept at `paths`.
    pub fn new(paths: Paths, recovery: Option<RecoveryView>, core: &Core) -> Self {
        RecordState {
            paths,
            changes: Arc::new(Changes::new(core.watch_writes())),
            last_sync: Mutex::new(None),
            recovery,
        }
    }

    /// The record's generation: bumped each time the screens are told to load again.
    pub fn generation(&self) -> u64 {
        self.changes.generation()
    }

    pub fn last_sync(&self) -> Option<SyncOutcome> {
        self.last_sync.lock().ok().and_then(|s| s.clone())
    }

    /// Sync now through the chosen folder, if there is one; remembers the outcome. A sync that
    /// merged something, or met a device's newer file ("Devices seen"), says the record changed
    /// from elsewhere: the reminders are re-planned and the screens load again.
    pub async fn sync(&self, core: &Core) -> Option<SyncOutcome> {
        let folder = match core.sync_folder_setting().await {
            Ok(Some(f)) => f,
            Ok(None) => return None,
            Err(e) => {
                log::warn!("sync: the folder setting could not be read: {e}");
                return None;
            }
        };
        let _claim = self.changes.claim(Writer::Sync);
        let now = device_now();
        let seen_before = core.sync_devices().await.ok();
        let outcome = match core.sync_folder(Path::new(&folder), &now).await {
            Ok(report) => {
                let seen_now = core.sync_devices().await.ok();
                if report.added.changed() || seen_now != seen_before {
                    self.changes.from_elsewhere();
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

/// How often the sync loop reads the folder when nothing changed here (five minutes; tests set
/// `MAGDAY_SYNC_EVERY_SECS` lower).
pub fn sync_every() -> Duration {
    let secs = std::env::var("MAGDAY_SYNC_EVERY_SECS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|v| *v > 0)
        .unwrap_or(300);
    Duration::from_secs(secs)
}

/// In the background: the backup at start when due, then the sync loop (at start, a few seconds
/// after each change here, and every `every`). Between syncs it sleeps until the core says a
/// write committed or `every` is up: nothing polls. What a sync brings from another device (a
/// pause set there, a dose taken there) reaches the reminders and the screens through the
/// record's one change path (`changes.rs`), as any write does: a pause set on one device
/// silences the other's scheduled reminders without waiting for the app to be opened.
pub fn spawn_background(core: Core, record: Arc<RecordState>, every: Duration) {
    tauri::async_runtime::spawn(async move {
        back_up_at_start(&core, &record.paths).await;
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
                record.sync(&core).await;
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
