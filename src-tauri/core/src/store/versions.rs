//! Protocol versions and courses in the store: saving a version (a new course or a new version
//! of one) and finding the version that governs a day. Versions are never changed.

use chrono::{DateTime, FixedOffset, NaiveDate};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use super::db::{fmt_day, Store};
use super::events::{events_from_packed, Event, EVENT_COLUMNS};
use crate::error::{CoreError, Result};

/// A stored protocol version (its spec still as JSON; the domain parses it).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredVersion {
    /// The row in this database.
    pub id: i64,
    pub course_id: i64,
    pub effective_from: NaiveDate,
    pub created_at: DateTime<FixedOffset>,
    pub spec: String,
    /// The global id ("<device>:<seq>"), the same on every device that holds the version.
    pub gid: String,
}

const VERSION_COLUMNS: &str = "id, course_id, effective_from, created_at, spec, gid";

/// **The versions' order**, the same on every device: by the first day governed, then by when
/// saved, then by device and the device's sequence (never by row number).
const NEWEST_FIRST: &str = "effective_from DESC, julianday(created_at) DESC, device DESC, seq DESC";
const OLDEST_FIRST: &str = "effective_from, julianday(created_at), device, seq";
/// The newest saved, whatever day it takes effect.
const LAST_SAVED: &str = "julianday(created_at) DESC, device DESC, seq DESC";

fn version_from_row(row: &SqliteRow) -> Result<StoredVersion> {
    let from: String = row.try_get("effective_from")?;
    let created: String = row.try_get("created_at")?;
    Ok(StoredVersion {
        id: row.try_get("id")?,
        course_id: row.try_get("course_id")?,
        effective_from: NaiveDate::parse_from_str(&from, "%Y-%m-%d")
            .map_err(|e| CoreError::Corrupt(format!("version date {from:?}: {e}")))?,
        created_at: DateTime::parse_from_rfc3339(&created)
            .map_err(|e| CoreError::Corrupt(format!("version instant {created:?}: {e}")))?,
        spec: row.try_get("spec")?,
        gid: row.try_get("gid")?,
    })
}

/// A version as `json_array(VERSION_COLUMNS)` packs it.
type VersionRow = (i64, i64, String, String, String, String);

fn version_from(row: VersionRow) -> Result<StoredVersion> {
    let (id, course_id, from, created, spec, gid) = row;
    Ok(StoredVersion {
        id,
        course_id,
        effective_from: NaiveDate::parse_from_str(&from, "%Y-%m-%d")
            .map_err(|e| CoreError::Corrupt(format!("version date {from:?}: {e}")))?,
        created_at: DateTime::parse_from_rfc3339(&created)
            .map_err(|e| CoreError::Corrupt(format!("version instant {created:?}: {e}")))?,
        spec,
        gid,
    })
}

impl Store {
    /// The version governing `day` and every event of that day, in one round trip: what a tap
    /// and a day's view read.
    pub(crate) async fn day_rows(
        &self,
        day: NaiveDate,
    ) -> Result<(Option<StoredVersion>, Vec<Event>)> {
        let sql = format!(
            "SELECT (SELECT json_array({VERSION_COLUMNS}) FROM protocol_versions \
               WHERE effective_from <= ?1 ORDER BY {NEWEST_FIRST} LIMIT 1), \
             (SELECT json_group_array(json_array({cols})) FROM \
               (SELECT {cols} FROM events WHERE day = ?1))",
            cols = EVENT_COLUMNS,
        );
        let (version, events): (Option<String>, String) = sqlx::query_as(&sql)
            .bind(fmt_day(day))
            .fetch_one(&self.pool)
            .await?;
        let version = match version {
            Some(v) => Some(version_from(
                serde_json::from_str(&v)
                    .map_err(|e| CoreError::Corrupt(format!("version: {e}")))?,
            )?),
            None => None,
        };
        Ok((version, events_from_packed(&events)?))
    }
}

impl Store {
    /// A version's spec parsed as `T`, from the cache after the first time (see
    /// [`StoredVersion::spec`]).
    pub fn spec_of<T>(&self, v: &StoredVersion) -> Result<T>
    where
        T: serde::de::DeserializeOwned + Clone + Send + Sync + 'static,
    {
        let key = (v.id, std::any::TypeId::of::<T>());
        if let Ok(cache) = self.specs.lock() {
            if let Some(spec) = cache.get(&key).and_then(|s| s.downcast_ref::<T>()) {
                return Ok(spec.clone());
            }
        }
        let spec: T = v.spec()?;
        if let Ok(mut cache) = self.specs.lock() {
            cache.insert(key, std::sync::Arc::new(spec.clone()));
        }
        Ok(spec)
    }
}

impl StoredVersion {
    /// When it was saved, if that was on the day it took effect (`day`): doses whose window had
    /// closed by then were never expected.
    pub fn saved_on(&self, day: NaiveDate) -> Option<chrono::DateTime<chrono::Utc>> {
        (self.effective_from == day).then(|| self.created_at.with_timezone(&chrono::Utc))
    }

    /// The spec, parsed as `T` (the protocol's `ProtocolSpec`); unreadable JSON is `Corrupt`.
    pub fn spec<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_str(&self.spec)
            .map_err(|e| CoreError::Corrupt(format!("protocol version {}: {e}", self.id)))
    }
}

impl Store {
    /// Add a protocol version; `course_id: None` starts a new course. Returns the version.
    pub async fn insert_version(
        &self,
        course_id: Option<i64>,
        effective_from: NaiveDate,
        created_at: DateTime<FixedOffset>,
        spec_json: &str,
    ) -> Result<StoredVersion> {
        let device = &self.device;
        let mut tx = self.write_tx().await?;
        let course_id = match course_id {
            Some(id) => id,
            None => {
                sqlx::query_scalar(
                    "INSERT INTO courses(created_at, device, seq, gid) \
                     SELECT ?1, ?2, s, ?2 || ':' || s FROM \
                       (SELECT coalesce(max(seq), 0) + 1 AS s FROM courses WHERE device = ?2) \
                     RETURNING id",
                )
                .bind(created_at.to_rfc3339())
                .bind(device)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        let (id, gid): (i64, String) = sqlx::query_as(
            "INSERT INTO protocol_versions(course_id, effective_from, created_at, spec, device, \
               seq, gid, course_gid) \
             SELECT ?1, ?2, ?3, ?4, ?5, s, ?5 || ':' || s, (SELECT gid FROM courses WHERE id = ?1) \
             FROM (SELECT coalesce(max(seq), 0) + 1 AS s FROM protocol_versions WHERE device = ?5) \
             RETURNING id, gid",
        )
        .bind(course_id)
        .bind(fmt_day(effective_from))
        .bind(created_at.to_rfc3339())
        .bind(spec_json)
        .bind(device)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        self.wrote();
        Ok(StoredVersion {
            id,
            course_id,
            effective_from,
            created_at,
            spec: spec_json.to_string(),
            gid,
        })
    }

    /// The version that governs `day`: the latest whose `effective_from` is on or before it.
    pub async fn version_in_force(&self, day: NaiveDate) -> Result<Option<StoredVersion>> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM protocol_versions WHERE effective_from <= ? \
             ORDER BY {NEWEST_FIRST} LIMIT 1"
        );
        let row = sqlx::query(&sql)
            .bind(fmt_day(day))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(version_from_row).transpose()
    }

    /// The version that governs the earliest day: the first course's first version.
    pub async fn first_version(&self) -> Result<Option<StoredVersion>> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM protocol_versions ORDER BY {OLDEST_FIRST} LIMIT 1"
        );
        let row = sqlx::query(&sql).fetch_optional(&self.pool).await?;
        row.as_ref().map(version_from_row).transpose()
    }

    /// The newest version saved (it may take effect tomorrow).
    pub async fn latest_version(&self) -> Result<Option<StoredVersion>> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM protocol_versions ORDER BY {LAST_SAVED} LIMIT 1"
        );
        let row = sqlx::query(&sql).fetch_optional(&self.pool).await?;
        row.as_ref().map(version_from_row).transpose()
    }

    /// One version by id.
    pub async fn version(&self, id: i64) -> Result<StoredVersion> {
        let sql = format!("SELECT {VERSION_COLUMNS} FROM protocol_versions WHERE id = ?");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| CoreError::NotFound {
                what: format!("protocol version {id}"),
            })?;
        version_from_row(&row)
    }

    /// Every version that governs some day in `first..=last`, oldest first: the one in force
    /// on `first` and all that take effect after it up to `last`.
    pub async fn versions_governing(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<StoredVersion>> {
        let mut out = Vec::new();
        if let Some(v) = self.version_in_force(first).await? {
            out.push(v);
        }
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM protocol_versions \
             WHERE effective_from > ? AND effective_from <= ? ORDER BY {OLDEST_FIRST}"
        );
        let rows = sqlx::query(&sql)
            .bind(fmt_day(first))
            .bind(fmt_day(last))
            .fetch_all(&self.pool)
            .await?;
        for r in &rows {
            out.push(version_from_row(r)?);
        }
        Ok(out)
    }

    /// How many versions course `course_id` has had.
    pub async fn version_count_of_course(&self, course_id: i64) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT count(*) FROM protocol_versions WHERE course_id = ?")
                .bind(course_id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// The newest version saved for course `course_id` (it may take effect tomorrow).
    pub async fn newest_version_of_course(&self, course_id: i64) -> Result<StoredVersion> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM protocol_versions WHERE course_id = ? \
             ORDER BY {LAST_SAVED} LIMIT 1"
        );
        let row = sqlx::query(&sql)
            .bind(course_id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| CoreError::NotFound {
                what: format!("course {course_id}"),
            })?;
        version_from_row(&row)
    }

    /// The number of protocol versions saved.
    pub async fn version_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT count(*) FROM protocol_versions")
            .fetch_one(&self.pool)
            .await?)
    }

    /// Whether any event is recorded for `day`.
    pub async fn has_events_on(&self, day: NaiveDate) -> Result<bool> {
        let n: i64 =
            sqlx::query_scalar("SELECT count(*) FROM (SELECT 1 FROM events WHERE day = ? LIMIT 1)")
                .bind(fmt_day(day))
                .fetch_one(&self.pool)
                .await?;
        Ok(n > 0)
    }
}
