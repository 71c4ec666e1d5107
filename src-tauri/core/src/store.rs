//! The SQLite store: one file, WAL journal, `synchronous=FULL` (an acknowledged tap survives a
//! crash or power loss), foreign keys on, embedded numbered migrations applied at open.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate};
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
    pool: SqlitePool,
    /// This installation's id, read once at open (it never changes).
    device: String,
    /// Protocol specs already parsed, by version id: versions are never changed, so a parsed
    /// spec stays true (a tap no longer parses its day's spec every time).
    specs: std::sync::Arc<std::sync::Mutex<SpecCache>>,
    /// Counts the writes that change what [`Store::change_mark`] reads (events, protocol
    /// versions, settings, merges), so a listener waits for a change instead of polling.
    writes: std::sync::Arc<tokio::sync::watch::Sender<u64>>,
}

/// Parsed specs by (version id, the type parsed into).
type SpecCache = std::collections::HashMap<
    (i64, std::any::TypeId),
    std::sync::Arc<dyn std::any::Any + Send + Sync>,
>;

/// One entry of the append-only log, as stored (the log module gives it meaning).
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: i64,
    pub day: NaiveDate,
    pub at: DateTime<FixedOffset>,
    pub item: String,
    pub action: String,
    /// The value's JSON text as stored (parsed by [`crate::log`]: unreadable text is an
    /// unknown entry there, not an error here).
    pub value: Option<String>,
    pub device: String,
    pub protocol_version: Option<i64>,
    pub corrects: Option<i64>,
    /// The recording device's own sequence number (1, 2, ...).
    pub seq: i64,
    /// The global id, the same on every device that holds the event: "<device>:<seq>".
    pub gid: String,
    /// The global id of the event it corrects or withdraws.
    pub corrects_gid: Option<String>,
}

/// An event to append.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvent {
    pub day: NaiveDate,
    pub at: DateTime<FixedOffset>,
    pub item: String,
    pub action: String,
    pub value: Option<serde_json::Value>,
    pub protocol_version: Option<i64>,
    /// The global id of the event it corrects or withdraws.
    pub corrects: Option<String>,
}

const EVENT_COLUMNS: &str =
    "id, day, at, item, action, value, device, protocol_version, corrects, seq, gid, corrects_gid";

/// A stored row as the events query returns it (see [`Store::events_between`]).
type EventRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<i64>,
    Option<i64>,
    i64,
    String,
    Option<String>,
);

fn event_from(row: EventRow) -> Result<Event> {
    let (
        id,
        day,
        at,
        item,
        action,
        value,
        device,
        protocol_version,
        corrects,
        seq,
        gid,
        corrects_gid,
    ) = row;
    Ok(Event {
        id,
        day: NaiveDate::parse_from_str(&day, "%Y-%m-%d")
            .map_err(|e| CoreError::Corrupt(format!("event day {day:?}: {e}")))?,
        at: DateTime::parse_from_rfc3339(&at)
            .map_err(|e| CoreError::Corrupt(format!("event instant {at:?}: {e}")))?,
        item,
        action,
        value,
        device,
        protocol_version,
        corrects,
        seq,
        gid,
        corrects_gid,
    })
}

/// Events as SQLite packs them (a JSON array of `json_array(EVENT_COLUMNS)`), in log order.
fn events_from_packed(packed: &str) -> Result<Vec<Event>> {
    let rows: Vec<EventRow> =
        serde_json::from_str(packed).map_err(|e| CoreError::Corrupt(format!("events: {e}")))?;
    let mut events = rows
        .into_iter()
        .map(event_from)
        .collect::<Result<Vec<_>>>()?;
    sort_log(&mut events);
    Ok(events)
}

/// **The log's order**, the same on every device whatever order rows arrived in: by day, then
/// by the instant recorded, then by device, then by the device's own sequence. Never by row
/// number, which differs between devices that merged the same events.
pub fn sort_log(events: &mut [Event]) {
    events.sort_by(|a, b| (a.day, a.at, &a.device, a.seq).cmp(&(b.day, b.at, &b.device, b.seq)));
}

/// Whether the database holds a record at an older schema than this version's.
async fn migration_pending(pool: &SqlitePool) -> Result<bool> {
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

async fn snapshot_pool(pool: &SqlitePool, dest: &Path) -> Result<(i64, i64)> {
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
    match files::verify_file(dest).await {
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

    /// Append events in one transaction (all or none) and return them with their ids. The log
    /// writes through [`crate::log::append`], which is the only caller.
    pub(crate) async fn append(&self, events: &[NewEvent]) -> Result<Vec<Event>> {
        let device = &self.device;
        let mut tx = self.write_tx().await?;
        let mut seq: i64 =
            sqlx::query_scalar("SELECT coalesce(max(seq), 0) FROM events WHERE device = ?")
                .bind(device)
                .fetch_one(&mut *tx)
                .await?;
        let mut out = Vec::with_capacity(events.len());
        for e in events {
            seq += 1;
            let gid = format!("{device}:{seq}");
            let value = e.value.as_ref().map(serde_json::to_string).transpose()?;
            let stored = value.clone();
            let (id, corrects): (i64, Option<i64>) = sqlx::query_as(
                "INSERT INTO events(day, at, item, action, value, device, protocol_version, \
                   corrects, seq, gid, corrects_gid, version_gid) \
                 VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT id FROM events WHERE gid = ?8), ?9, ?10, ?8, \
                   (SELECT gid FROM protocol_versions WHERE id = ?7)) \
                 RETURNING id, corrects",
            )
            .bind(fmt_day(e.day))
            .bind(e.at.to_rfc3339())
            .bind(&e.item)
            .bind(&e.action)
            .bind(value)
            .bind(device)
            .bind(e.protocol_version)
            .bind(e.corrects.as_deref())
            .bind(seq)
            .bind(&gid)
            .fetch_one(&mut *tx)
            .await?;
            out.push(Event {
                id,
                day: e.day,
                at: e.at,
                item: e.item.clone(),
                action: e.action.clone(),
                value: stored,
                device: device.clone(),
                protocol_version: e.protocol_version,
                corrects,
                seq,
                gid,
                corrects_gid: e.corrects.clone(),
            });
        }
        tx.commit().await?;
        self.wrote();
        Ok(out)
    }

    /// Every event of one day, in the order recorded (raw rows, for tests of the stored shape).
    #[cfg(test)]
    pub(crate) async fn events_on(&self, day: NaiveDate) -> Result<Vec<Event>> {
        self.events_between(day, day).await
    }

    /// Every event from `first` to `last` (inclusive), by day then in the order recorded.
    pub(crate) async fn events_between(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<Event>> {
        self.events_where("day BETWEEN ?1 AND ?2", first, last, "")
            .await
    }

    /// Events of the days in range whose item starts with `prefix` (e.g. "food").
    pub(crate) async fn events_between_for(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        item_prefix: &str,
    ) -> Result<Vec<Event>> {
        self.events_where(
            "day BETWEEN ?1 AND ?2 AND substr(item, 1, length(?3)) = ?3",
            first,
            last,
            item_prefix,
        )
        .await
    }

    /// Every event of `item` (all days), in the order recorded.
    pub(crate) async fn events_of_item(&self, item: &str) -> Result<Vec<Event>> {
        let day = |s| NaiveDate::from_ymd_opt(s, 1, 1).unwrap_or_default();
        self.events_where(
            "item = ?3 AND day BETWEEN ?1 AND ?2",
            day(1),
            day(9999),
            item,
        )
        .await
    }

    /// The events matching `filter`, as one row: SQLite packs them into a JSON array, so a day's
    /// or a course's events cost one round trip to the database thread instead of one per row
    /// (a tap reads its day's events; issue 10 measured the per-row hand-over as its largest
    /// cost after the commit).
    async fn events_where(
        &self,
        filter: &str,
        first: NaiveDate,
        last: NaiveDate,
        prefix: &str,
    ) -> Result<Vec<Event>> {
        let sql = format!(
            "SELECT json_group_array(json_array({EVENT_COLUMNS})) FROM \
             (SELECT {EVENT_COLUMNS} FROM events WHERE {filter} ORDER BY day, id)"
        );
        let packed: String = sqlx::query_scalar(&sql)
            .bind(fmt_day(first))
            .bind(fmt_day(last))
            .bind(prefix)
            .fetch_one(&self.pool)
            .await?;
        events_from_packed(&packed)
    }

    /// A setting and every event of two items, in one round trip: what every command reads
    /// first (the settings, the safety pauses and the supply), so a tap pays for one query.
    pub(crate) async fn setting_and_items<T: DeserializeOwned>(
        &self,
        key: &str,
        items: [&str; 2],
    ) -> Result<(Option<T>, Vec<Event>)> {
        let sql = format!(
            "SELECT (SELECT value FROM settings WHERE key = ?1), \
             (SELECT json_group_array(json_array({EVENT_COLUMNS})) FROM \
              (SELECT {EVENT_COLUMNS} FROM events WHERE item IN (?2, ?3)))"
        );
        let (setting, packed): (Option<String>, String) = sqlx::query_as(&sql)
            .bind(key)
            .bind(items[0])
            .bind(items[1])
            .fetch_one(&self.pool)
            .await?;
        let setting = setting
            .map(|v| serde_json::from_str(&v).map_err(CoreError::from))
            .transpose()?;
        Ok((setting, events_from_packed(&packed)?))
    }

    /// A mark that changes with every new entry, version or setting written here or merged.
    pub async fn change_mark(&self) -> Result<String> {
        Ok(sqlx::query_scalar(
            "SELECT coalesce((SELECT max(id) FROM events), 0) || '/' || \
               (SELECT count(*) FROM protocol_versions) || '/' || \
               coalesce((SELECT max(updated_at) FROM settings), '')",
        )
        .fetch_one(&self.pool)
        .await?)
    }

    /// The number of events in the log.
    pub async fn event_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT count(*) FROM events")
            .fetch_one(&self.pool)
            .await?)
    }
}

mod files;
mod merge;
mod reminders;
mod versions;

pub use files::{quick_check, verify_file};
pub use merge::{
    CourseRow, EventRow as RecordEventRow, MergeStats, RecordBody, SettingRow, VersionRow,
    SYNCED_SETTINGS,
};
pub use reminders::DeliveryRow;
pub use versions::StoredVersion;
