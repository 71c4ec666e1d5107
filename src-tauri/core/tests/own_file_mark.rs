//! Migration 0006: the mark of this device's own sync file leaves the table of files merged from
//! other devices (where it sat under a made-up device "<device>#written") for a table of its own,
//! so "devices seen" lists only real devices and a sync after the upgrade does not rewrite an
//! unchanged file.

use magday_core::store::Store;
use magday_core::sync;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Executor};

#[tokio::test]
async fn an_upgrade_moves_the_own_file_mark_out_of_the_merged_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("magday.db");
    Store::open_as(&path, "dev1").await.unwrap().close().await;
    // The file as version 5 left it, with a sync done: undo migration 6, note the marks the
    // old way.
    let mut c = SqliteConnectOptions::new()
        .filename(&path)
        .connect()
        .await
        .unwrap();
    c.execute(
        "DELETE FROM _sqlx_migrations WHERE version = 6; DROP TABLE own_file_written; \
         INSERT INTO merged_files(device, sha256, written_at, merged_at, events) VALUES \
         ('dev1#written', '7/1/2026-12-01', '2026-12-01T08:00:00+00:00', '2026-12-01T08:00:00+00:00', 0), \
         ('dev2', 'abc', '2026-12-01T07:00:00+00:00', '2026-12-01T08:00:00+00:00', 12);",
    )
    .await
    .unwrap();
    drop(c);

    let store = Store::open_as(&path, "dev1").await.unwrap();
    assert_eq!(
        store.own_file_mark().await.unwrap().as_deref(),
        Some("7/1/2026-12-01")
    );
    let seen: Vec<String> = sync::devices(&store)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.device)
        .collect();
    assert_eq!(seen, ["dev2"]);
    assert_eq!(store.merged_file("dev1#written").await.unwrap(), None);
    assert_eq!(
        store.merged_file("dev2").await.unwrap().as_deref(),
        Some("abc")
    );
}
