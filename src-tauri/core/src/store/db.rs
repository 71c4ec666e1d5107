//! Opening the database (WAL, `synchronous=FULL`, foreign keys, migrations), the store's
//! settings and its write transaction.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::NaiveDate;
use serde::{de::DeserializeOwned, Serialize};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::Row;

use crate::error::{CoreError, Result};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The database.
#[derive(Clone, Debug)]
pub struct Store {
    pub(super) pool: SqlitePool,
    /// This installation's id, read once at open (it never changes).
    pub(super) device: String,
    /// Protocol specs already parsed, by version id: versions are never changed, so a parsed
    /// spec stays true (a tap no longer parses its day's spec every time).
    pub(super) specs: std::sync::Arc<std::sync::Mutex<SpecCache>>,
    /// Counts the writes that change what [`Store::change_mark`] reads (events, protocol
    /// versions, settings, merges), so a listener waits for a change instead of polling.
    pub(super) writes: std::sync::Arc<tokio::sync::watch::Sender<u64>>,
}

/// Parsed specs by (version id, the type parsed into).
pub(super) type SpecCache = std::collections::HashMap<
    (i64, std::any::TypeId),
    std::sync::Arc<dyn std::any::Any + Send + Sync>,
>;

/// Whether the database holds a record at an older schema than this version's.
pub(super) async fn migration_pending(pool: &SqlitePool) -> Result<bool> {
    let has: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(pool)
    .await?;
    if has == 0 {
        return Ok(false);
    }
    let applied: Option<i64> = sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations")
        .fetch_one(pool)
        .await?;
    let newest = MIGRATOR.iter().map(|m| m.version).max();
    Ok(applied < newest)
}

pub(super) async fn snapshot_pool(pool: &SqlitePool, dest: &Path) -> Result<(i64, i64)> {
    let tmp = crate::atomic::tmp_path(dest);
    if tmp.exists() {
        std::fs::remove_file(&tmp)?;
    }
    let target = tmp.to_string_lossy().into_owned();
    sqlx::query("VACUUM INTO ?")
        .bind(&target)
        .execute(pool)
        .await?;
    std::fs::File::open(&tmp)?.sync_all()?;
    std::fs::rename(&tmp, dest)?;
    if let Some(dir) = dest.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    match super::files::verify_file(dest).await {
        Ok(counts) => Ok(counts),
        Err(e) => {
            let _ = std::fs::remove_file(dest);
            Err(e)
        }
    }
}

pub(crate) fn fmt_day(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

impl Store {
    /// Open (creating if needed) the database file at `path` and bring it up to date; new
    /// entries are recorded as the database's own device (see [`Store::open_as`]).
    pub async fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, None).await
    }

    /// Open the file at `path` as device `device`: the id this installation keeps outside the
    /// database (so a database copied or restored onto another installation records as that
    /// installation, never as a clone of the one it came from).
    pub async fn open_as(path: &Path, device: &str) -> Result<Store> {
        Self::open_with(path, Some(device.to_string())).await
    }

    /// Open as `device`, first snapshotting the file to `snapshot` (a backup's path, its folder
    /// made if needed) when a migration is about to change it.
    pub async fn open_as_with_snapshot(
        path: &Path,
        device: &str,
        snapshot: &Path,
    ) -> Result<Store> {
        Self::open_inner(path, Some(device.to_string()), Some(snapshot)).await
    }

    async fn open_with(path: &Path, device: Option<String>) -> Result<Store> {
        Self::open_inner(path, device, None).await
    }

    async fn open_inner(
        path: &Path,
        device: Option<String>,
        snapshot: Option<&Path>,
    ) -> Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        if let Some(dest) = snapshot {
            if migration_pending(&pool).await? {
                if let Some(dir) = dest.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                snapshot_pool(&pool, dest).await?;
            }
        }
        Self::init(pool, device).await
    }

    /// A private in-memory database recording as `device` (tests of several devices).
    pub async fn open_as_memory(device: &str) -> Result<Store> {
        let mut store = Self::open_in_memory().await?;
        store.device = device.to_string();
        Ok(store)
    }

    /// A private in-memory database (one connection), for tests and benchmarks.
    pub async fn open_in_memory() -> Result<Store> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        Self::init(pool, None).await
    }

    async fn init(pool: SqlitePool, device: Option<String>) -> Result<Store> {
        MIGRATOR.run(&pool).await?;
        // The database's first device, and whose record it is (a file from another profile is
        // refused, never merged).
        sqlx::query(
            "INSERT OR IGNORE INTO settings(key, value) \
             VALUES('device', json_quote(lower(hex(randomblob(8))))), \
                   ('profile', json_quote(lower(hex(randomblob(16)))))",
        )
        .execute(&pool)
        .await?;
        let stored: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE key = 'device'")
                .fetch_optional(&pool)
                .await?;
        let device: String = match (device, stored) {
            (Some(d), _) => d,
            (None, Some(v)) => serde_json::from_str(&v)?,
            (None, None) => return Err(CoreError::Corrupt("the device id is missing".into())),
        };
        Ok(Store {
            pool,
            device,
            specs: Default::default(),
            writes: std::sync::Arc::new(tokio::sync::watch::Sender::new(0)),
        })
    }

    /// Write a snapshot of the whole database to `dest` (see [`crate::backup`]): `VACUUM INTO` a
    /// temporary name, flushed, renamed, then opened read-only and checked. Returns the counts
    /// (events, versions) the check read back; a snapshot that fails its check is removed.
    pub async fn snapshot(&self, dest: &Path) -> Result<(i64, i64)> {
        snapshot_pool(&self.pool, dest).await
    }

    /// A receiver that wakes after each committed write that changed the record (events,
    /// versions, settings, a merge). Its value is a count, not an id: compare, don't store.
    pub fn watch_writes(&self) -> tokio::sync::watch::Receiver<u64> {
        self.writes.subscribe()
    }

    /// Say that a write committed.
    pub(crate) fn wrote(&self) {
        self.writes.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// Drop the parsed specs (after a merge added versions).
    pub(crate) fn forget_specs(&self) {
        if let Ok(mut cache) = self.specs.lock() {
            cache.clear();
        }
    }

    #[cfg(test)]
    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Close the pool, flushing the WAL.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// The pragmas in force, for checks: (journal_mode, synchronous, foreign_keys).
    pub async fn pragmas(&self) -> Result<(String, i64, i64)> {
        let mut conn = self.pool.acquire().await?;
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await?;
        let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut *conn)
            .await?;
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await?;
        Ok((journal, sync, fk))
    }

    /// The migrations applied, newest last: (version, description).
    pub async fn applied_migrations(&self) -> Result<Vec<(i64, String)>> {
        let rows =
            sqlx::query("SELECT version, description FROM _sqlx_migrations ORDER BY version")
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("version")?, r.try_get("description")?)))
            .collect()
    }

    // ---- settings ------------------------------------------------------------------------

    /// A setting, or `None` when never set.
    pub async fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        value
            .map(|v| serde_json::from_str(&v).map_err(CoreError::from))
            .transpose()
    }

    /// Set a setting.
    pub async fn set_setting<T: Serialize>(&self, key: &str, value: &T) -> Result<()> {
        let json = serde_json::to_string(value)?;
        // When and where it was written, for merging settings between devices (last writer
        // wins): UTC with a fixed width, so the text orders as the time does.
        sqlx::query(
            "INSERT INTO settings(key, value, updated_at, updated_by) \
             VALUES(?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?3) \
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, \
               updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(key)
        .bind(json)
        .bind(&self.device)
        .execute(&self.pool)
        .await?;
        self.wrote();
        Ok(())
    }

    /// This installation's random id, recorded on every event.
    pub fn device_id(&self) -> &str {
        &self.device
    }

    // ---- the event log -------------------------------------------------------------------

    /// A write transaction, begun as the writer (`BEGIN IMMEDIATE`): it waits its turn (up to
    /// the busy timeout) behind any other write, here or in another process, instead of
    /// starting as a reader and failing when it tries to write after another writer committed
    /// (a deferred transaction cannot be upgraded then: `SQLITE_BUSY_SNAPSHOT`, and the busy
    /// timeout does not retry that). Every multi-statement write goes through here.
    pub(crate) async fn write_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}
