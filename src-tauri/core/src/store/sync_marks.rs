//! The sync marks: which file was last merged from each device (its body's checksum, when it
//! was written and merged), and the change mark this device's own file was last written at.
//! They are this device's own and never travel.

use std::collections::BTreeMap;

use super::db::Store;
use crate::error::Result;

impl Store {
    /// The file last merged from `device` (its checksum), if any.
    pub async fn merged_file(&self, device: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT sha256 FROM merged_files WHERE device = ?")
                .bind(device)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Remember the file merged from `device`.
    /// (An older copy of a device's file, such as a sync engine's conflict copy, never replaces
    /// the newest one noted: "devices seen" keeps each device's newest file.)
    pub async fn note_merged_file(
        &self,
        device: &str,
        sha256: &str,
        written_at: &str,
        merged_at: &str,
        events: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO merged_files(device, sha256, written_at, merged_at, events) \
             VALUES(?, ?, ?, ?, ?) ON CONFLICT(device) DO UPDATE SET sha256 = excluded.sha256, \
             written_at = excluded.written_at, merged_at = excluded.merged_at, \
             events = excluded.events \
             WHERE excluded.written_at >= merged_files.written_at",
        )
        .bind(device)
        .bind(sha256)
        .bind(written_at)
        .bind(merged_at)
        .bind(events)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Every device whose file was merged: (device, written_at, merged_at, events).
    pub async fn merged_files(&self) -> Result<Vec<(String, String, String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT device, written_at, merged_at, events FROM merged_files ORDER BY device",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// The checksum of the body last merged from each device.
    pub async fn merged_checksums(&self) -> Result<BTreeMap<String, String>> {
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT device, sha256 FROM merged_files")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().collect())
    }

    /// The change mark at which this device's own file was last written to a sync folder.
    pub async fn own_file_mark(&self) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT mark FROM own_file_written WHERE device = ?")
                .bind(&self.device)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Note that this device's own file was written at change mark `mark`.
    pub async fn note_own_file(&self, mark: &str, written_at: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO own_file_written(device, mark, written_at) VALUES(?, ?, ?) \
             ON CONFLICT(device) DO UPDATE SET mark = excluded.mark, \
             written_at = excluded.written_at",
        )
        .bind(&self.device)
        .bind(mark)
        .bind(written_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
