//! Checks of a database file other than the open record: a backup's integrity and counts, and
//! whether a file at start is a Magday record at all. Each opens the file read-only.

use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use crate::error::{CoreError, Result};

/// Open `path` read-only and check it: its integrity and its counts (events, versions).
pub async fn verify_file(path: &Path) -> Result<(i64, i64)> {
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .read_only(true)
        .immutable(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    let checked: Result<(i64, i64)> = async {
        let ok: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&pool)
            .await?;
        if ok != "ok" {
            return Err(CoreError::Corrupt(format!("backup check: {ok}")));
        }
        Ok(sqlx::query_as(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM protocol_versions)",
        )
        .fetch_one(&pool)
        .await?)
    }
    .await;
    pool.close().await;
    checked
}

/// SQLite's quick check of the file at `path` (opened read-only), and how many tables named
/// `events` it has (1 in a Magday record). Either may fail on a file that is not a database.
pub async fn quick_check(
    path: &Path,
) -> Result<(
    std::result::Result<String, sqlx::Error>,
    std::result::Result<i64, sqlx::Error>,
)> {
    let options =
        SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?.read_only(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await?;
    let r = sqlx::query_scalar("PRAGMA quick_check")
        .fetch_one(&pool)
        .await;
    let tables = sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE name = 'events'")
        .fetch_one(&pool)
        .await;
    pool.close().await;
    Ok((r, tables))
}
