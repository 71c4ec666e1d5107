//! The log's rows: reading and appending events.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::DeserializeOwned;

use crate::error::{CoreError, Result};

use super::db::{fmt_day, Store};

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

pub(super) const EVENT_COLUMNS: &str =
    "id, day, at, item, action, value, device, protocol_version, corrects, seq, gid, corrects_gid";

/// A stored row as the events query packs it: a JSON array in [`EVENT_COLUMNS`]' order, read by
/// serde into these fields in that order.
#[derive(serde::Deserialize)]
struct EventRow {
    id: i64,
    day: String,
    at: String,
    item: String,
    action: String,
    value: Option<String>,
    device: String,
    protocol_version: Option<i64>,
    corrects: Option<i64>,
    seq: i64,
    gid: String,
    corrects_gid: Option<String>,
}

fn event_from(row: EventRow) -> Result<Event> {
    let EventRow { day, at, .. } = &row;
    Ok(Event {
        day: NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .map_err(|e| CoreError::Corrupt(format!("event day {day:?}: {e}")))?,
        at: DateTime::parse_from_rfc3339(at)
            .map_err(|e| CoreError::Corrupt(format!("event instant {at:?}: {e}")))?,
        id: row.id,
        item: row.item,
        action: row.action,
        value: row.value,
        device: row.device,
        protocol_version: row.protocol_version,
        corrects: row.corrects,
        seq: row.seq,
        gid: row.gid,
        corrects_gid: row.corrects_gid,
    })
}

/// Events as SQLite packs them (a JSON array of `json_array(EVENT_COLUMNS)`), in log order.
pub(super) fn events_from_packed(packed: &str) -> Result<Vec<Event>> {
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

impl Store {
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
