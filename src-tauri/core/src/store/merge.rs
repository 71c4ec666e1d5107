//! The whole record as rows with their global ids ([`RecordBody`]), read out of the store and
//! merged into it. A merge is a set union by global id in one transaction (all or nothing):
//! rows already present are left alone, so merging the same rows twice changes nothing and
//! merging an older copy loses nothing. Settings merge per key, the last writer winning by
//! (time written, device), and two writes of one device in the same millisecond by their text,
//! so every device settles on the same one. The file format around the rows is [`crate::record`].

use serde::{Deserialize, Serialize};

use super::db::Store;
use crate::error::{CoreError, Result};

/// The settings that travel between devices (the device id, the profile and where this device
/// syncs are its own).
pub const SYNCED_SETTINGS: &[&str] = &["settings"];

/// A course.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, sqlx::FromRow)]
pub struct CourseRow {
    pub gid: String,
    pub device: String,
    pub seq: i64,
    pub created_at: String,
}

/// A protocol version.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, sqlx::FromRow)]
pub struct VersionRow {
    pub gid: String,
    pub device: String,
    pub seq: i64,
    pub course_gid: String,
    pub effective_from: String,
    pub created_at: String,
    pub spec: String,
}

/// An event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EventRow {
    pub gid: String,
    pub device: String,
    pub seq: i64,
    pub day: String,
    pub at: String,
    pub item: String,
    pub action: String,
    pub value: Option<String>,
    pub version_gid: Option<String>,
    pub corrects_gid: Option<String>,
}

/// A setting with when and where it was last written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SettingRow {
    pub key: String,
    pub value: String,
    pub updated_at: String,
    pub updated_by: String,
}

/// The whole record.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RecordBody {
    pub courses: Vec<CourseRow>,
    pub versions: Vec<VersionRow>,
    pub events: Vec<EventRow>,
    pub settings: Vec<SettingRow>,
}

/// What a merge added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, ts_rs::TS)]
pub struct MergeStats {
    pub events: u64,
    pub versions: u64,
    pub courses: u64,
    pub settings: u64,
}

impl MergeStats {
    pub fn changed(&self) -> bool {
        self.events + self.versions + self.courses + self.settings > 0
    }
}

impl RecordBody {
    /// Check what a merge relies on: every id is "<device>:<seq>" of its own device and
    /// sequence, days and instants are readable. A row that fails refuses the whole file.
    pub fn check(&self) -> Result<()> {
        let bad = |what: String| Err(CoreError::refused("corrupted_record", what));
        let gid_ok = |gid: &str, device: &str, seq: i64| {
            !device.is_empty() && seq > 0 && gid == format!("{device}:{seq}")
        };
        for c in &self.courses {
            if !gid_ok(&c.gid, &c.device, c.seq) {
                return bad(format!("course id {:?} is not valid", c.gid));
            }
        }
        for v in &self.versions {
            if !gid_ok(&v.gid, &v.device, v.seq)
                || chrono::NaiveDate::parse_from_str(&v.effective_from, "%Y-%m-%d").is_err()
                || chrono::DateTime::parse_from_rfc3339(&v.created_at).is_err()
            {
                return bad(format!("protocol version {:?} is not valid", v.gid));
            }
        }
        for e in &self.events {
            if !gid_ok(&e.gid, &e.device, e.seq)
                || chrono::NaiveDate::parse_from_str(&e.day, "%Y-%m-%d").is_err()
                || chrono::DateTime::parse_from_rfc3339(&e.at).is_err()
            {
                return bad(format!("event {:?} is not valid", e.gid));
            }
        }
        Ok(())
    }
}

impl Store {
    /// Every course, version, event and synced setting, in a stable order.
    pub async fn export_body(&self) -> Result<RecordBody> {
        let courses: Vec<CourseRow> =
            sqlx::query_as("SELECT gid, device, seq, created_at FROM courses ORDER BY device, seq")
                .fetch_all(&self.pool)
                .await?;
        let versions: Vec<VersionRow> = sqlx::query_as(
            "SELECT gid, device, seq, course_gid, effective_from, created_at, spec \
                 FROM protocol_versions ORDER BY device, seq",
        )
        .fetch_all(&self.pool)
        .await?;
        // Each event as a JSON array in [`EventRow`]'s field order, in one round trip.
        let packed: String = sqlx::query_scalar(
            "SELECT json_group_array(json_array(gid, device, seq, day, at, item, action, value, \
               version_gid, corrects_gid)) FROM (SELECT * FROM events ORDER BY device, seq)",
        )
        .fetch_one(&self.pool)
        .await?;
        let events: Vec<EventRow> = serde_json::from_str(&packed)
            .map_err(|e| CoreError::Corrupt(format!("events: {e}")))?;
        Ok(RecordBody {
            courses,
            versions,
            events,
            settings: self.synced_settings().await?,
        })
    }

    /// The settings that travel with the record ([`SYNCED_SETTINGS`]), with when and where each
    /// was last written.
    async fn synced_settings(&self) -> Result<Vec<SettingRow>> {
        let mut settings = Vec::new();
        for key in SYNCED_SETTINGS {
            let row: Option<(String, Option<String>, Option<String>)> =
                sqlx::query_as("SELECT value, updated_at, updated_by FROM settings WHERE key = ?")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
            if let Some((value, at, by)) = row {
                settings.push(SettingRow {
                    key: (*key).to_string(),
                    value,
                    updated_at: at.unwrap_or_default(),
                    updated_by: by.unwrap_or_default(),
                });
            }
        }
        Ok(settings)
    }

    /// Merge `bodies` (one file's, or every file of a sync folder) in one transaction: all of
    /// it or, on any failure, none. Courses first, then versions, then events, so references
    /// resolve whichever body holds their target.
    pub async fn merge(&self, bodies: &[&RecordBody]) -> Result<MergeStats> {
        for b in bodies {
            b.check()?;
        }
        let mut tx = self.write_tx().await?;
        let stats = MergeStats {
            courses: merge_courses(&mut tx, bodies).await?,
            versions: merge_versions(&mut tx, bodies).await?,
            events: merge_events(&mut tx, bodies).await?,
            settings: merge_settings(&mut tx, bodies).await?,
        };
        tx.commit().await?;
        self.wrote();
        if stats.versions > 0 {
            self.forget_specs();
        }
        Ok(stats)
    }

    /// The profile this record belongs to.
    pub async fn profile(&self) -> Result<String> {
        let v: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE key = 'profile'")
                .fetch_optional(&self.pool)
                .await?;
        match v {
            Some(v) => Ok(serde_json::from_str(&v)?),
            None => Err(CoreError::Corrupt("the profile id is missing".into())),
        }
    }

    /// Take on `profile` (a device joining a record it had none of: nothing logged, no protocol).
    pub async fn adopt_profile(&self, profile: &str) -> Result<()> {
        if !self.is_empty().await? {
            return Err(CoreError::refused(
                "foreign_profile",
                "This file belongs to another person's record: it was not merged.",
            ));
        }
        sqlx::query("UPDATE settings SET value = json_quote(?) WHERE key = 'profile'")
            .bind(profile)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Whether the record holds nothing yet (no entry, no protocol version).
    pub async fn is_empty(&self) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM protocol_versions)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n == 0)
    }
}

/// A write transaction.
type Tx = sqlx::Transaction<'static, sqlx::Sqlite>;

/// The courses of `bodies` not yet here.
async fn merge_courses(tx: &mut Tx, bodies: &[&RecordBody]) -> Result<u64> {
    let mut n = 0;
    for c in bodies.iter().flat_map(|b| &b.courses) {
        n += sqlx::query(
            "INSERT OR IGNORE INTO courses(created_at, device, seq, gid) VALUES(?, ?, ?, ?)",
        )
        .bind(&c.created_at)
        .bind(&c.device)
        .bind(c.seq)
        .bind(&c.gid)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    }
    Ok(n)
}

/// The protocol versions of `bodies` not yet here; a version naming a course that is nowhere
/// refuses the whole merge.
async fn merge_versions(tx: &mut Tx, bodies: &[&RecordBody]) -> Result<u64> {
    let mut n = 0;
    for v in bodies.iter().flat_map(|b| &b.versions) {
        // INSERT OR IGNORE would also ignore the NOT NULL of a course that is nowhere: refuse
        // such a file instead of dropping the version.
        let course: Option<i64> = sqlx::query_scalar("SELECT id FROM courses WHERE gid = ?")
            .bind(&v.course_gid)
            .fetch_optional(&mut **tx)
            .await?;
        if course.is_none() {
            return Err(CoreError::refused(
                "corrupted_record",
                format!("protocol version {:?} names a course the file lacks", v.gid),
            ));
        }
        n += sqlx::query(
            "INSERT OR IGNORE INTO protocol_versions(course_id, effective_from, created_at, \
               spec, device, seq, gid, course_gid) \
             VALUES((SELECT id FROM courses WHERE gid = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?1)",
        )
        .bind(&v.course_gid)
        .bind(&v.effective_from)
        .bind(&v.created_at)
        .bind(&v.spec)
        .bind(&v.device)
        .bind(v.seq)
        .bind(&v.gid)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    }
    Ok(n)
}

/// The events of `bodies` not yet here, their corrections and versions resolved by global id.
async fn merge_events(tx: &mut Tx, bodies: &[&RecordBody]) -> Result<u64> {
    let mut n = 0;
    for e in bodies.iter().flat_map(|b| &b.events) {
        n += sqlx::query(
            "INSERT OR IGNORE INTO events(day, at, item, action, value, device, \
               protocol_version, corrects, seq, gid, corrects_gid, version_gid) \
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, \
               (SELECT id FROM protocol_versions WHERE gid = ?7), \
               (SELECT id FROM events WHERE gid = ?8), ?9, ?10, ?8, ?7)",
        )
        .bind(&e.day)
        .bind(&e.at)
        .bind(&e.item)
        .bind(&e.action)
        .bind(&e.value)
        .bind(&e.device)
        .bind(&e.version_gid)
        .bind(&e.corrects_gid)
        .bind(e.seq)
        .bind(&e.gid)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    }
    Ok(n)
}

/// The synced settings of `bodies`: the newest write of each wins (by time, then device).
async fn merge_settings(tx: &mut Tx, bodies: &[&RecordBody]) -> Result<u64> {
    let mut n = 0;
    for s in bodies.iter().flat_map(|b| &b.settings) {
        if !SYNCED_SETTINGS.contains(&s.key.as_str()) {
            continue;
        }
        n += sqlx::query(
            "INSERT INTO settings(key, value, updated_at, updated_by) VALUES(?, ?, ?, ?) \
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, \
               updated_at = excluded.updated_at, updated_by = excluded.updated_by \
             WHERE (excluded.updated_at, excluded.updated_by, excluded.value) > \
               (coalesce(settings.updated_at, ''), coalesce(settings.updated_by, ''), \
                settings.value)",
        )
        .bind(&s.key)
        .bind(&s.value)
        .bind(&s.updated_at)
        .bind(&s.updated_by)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    }
    Ok(n)
}
