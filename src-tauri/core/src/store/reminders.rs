//! The reminder log in the store: a reminder is claimed (its key is unique) before it is
//! shown, and how its hand-over went is recorded for the delivery check.

use chrono::{DateTime, FixedOffset, NaiveDate};
use sqlx::Row;

use super::db::{fmt_day, Store};
use crate::error::{CoreError, Result};

/// One row of the reminder log.
#[derive(Clone, Debug, PartialEq)]
pub struct DeliveryRow {
    pub key: String,
    pub kind: String,
    pub day: NaiveDate,
    pub slot: i64,
    pub planned_at: DateTime<FixedOffset>,
    pub delivered_at: Option<DateTime<FixedOffset>>,
    pub channel: String,
    pub error: Option<String>,
}

impl Store {
    /// Claim a reminder before showing it. True when this call claimed it; false when it was
    /// claimed before (by this process, an earlier run or another window).
    #[allow(clippy::too_many_arguments)]
    pub async fn claim_reminder(
        &self,
        key: &str,
        kind: &str,
        day: NaiveDate,
        slot: i64,
        planned_at: DateTime<chrono::Utc>,
        now: DateTime<chrono::Utc>,
        channel: &str,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO reminder_log(key, kind, day, slot, planned_at, claimed_at, channel) \
             VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING",
        )
        .bind(key)
        .bind(kind)
        .bind(fmt_day(day))
        .bind(slot)
        .bind(planned_at.to_rfc3339())
        .bind(now.to_rfc3339())
        .bind(channel)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Record how showing a claimed reminder went.
    pub async fn record_delivery(
        &self,
        key: &str,
        at: DateTime<chrono::Utc>,
        error: Option<&str>,
    ) -> Result<()> {
        sqlx::query("UPDATE reminder_log SET delivered_at = ?, error = ? WHERE key = ?")
            .bind(error.is_none().then(|| at.to_rfc3339()))
            .bind(error)
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The keys already claimed among `keys`.
    pub async fn claimed_keys(
        &self,
        day_first: NaiveDate,
        day_last: NaiveDate,
    ) -> Result<Vec<String>> {
        Ok(
            sqlx::query_scalar("SELECT key FROM reminder_log WHERE day BETWEEN ? AND ?")
                .bind(fmt_day(day_first))
                .bind(fmt_day(day_last))
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// The log of reminders planned for days in `first..=last`.
    pub async fn deliveries(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<DeliveryRow>> {
        let rows = sqlx::query(
            "SELECT key, kind, day, slot, planned_at, delivered_at, channel, error FROM reminder_log \
             WHERE day BETWEEN ? AND ? ORDER BY planned_at",
        )
        .bind(fmt_day(first))
        .bind(fmt_day(last))
        .fetch_all(&self.pool)
        .await?;
        let parse = |s: &str| {
            DateTime::parse_from_rfc3339(s)
                .map_err(|e| CoreError::Corrupt(format!("reminder time {s:?}: {e}")))
        };
        rows.iter()
            .map(|r| {
                let day: String = r.try_get("day")?;
                let planned: String = r.try_get("planned_at")?;
                let delivered: Option<String> = r.try_get("delivered_at")?;
                Ok(DeliveryRow {
                    key: r.try_get("key")?,
                    kind: r.try_get("kind")?,
                    day: NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                        .map_err(|e| CoreError::Corrupt(format!("reminder day {day:?}: {e}")))?,
                    slot: r.try_get("slot")?,
                    planned_at: parse(&planned)?,
                    delivered_at: delivered.as_deref().map(parse).transpose()?,
                    channel: r.try_get("channel")?,
                    error: r.try_get("error")?,
                })
            })
            .collect()
    }
}
