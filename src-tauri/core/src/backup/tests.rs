//! Backups on real files: written whole and checked, kept 7 daily and 4 weekly plus every
//! pre-migration one, taken before a migration; a damaged file is found and set aside.

use super::*;
use crate::api::Core;
use crate::checklist::Tap;
use crate::testkit::{date, file_core, nerve, now_in_berlin};
use chrono::TimeZone;

fn info(at: DateTime<Utc>, reason: BackupReason) -> BackupInfo {
    BackupInfo {
        name: file_name(at, reason),
        taken_at: at,
        reason,
        reason_label: reason.label().into(),
        bytes: 1,
        events: 0,
        versions: 0,
    }
}

#[test]
fn names_read_back_and_foreign_names_are_not_backups() {
    let at = Utc.with_ymd_and_hms(2026, 11, 30, 9, 15, 2).unwrap();
    for r in BackupReason::ALL {
        assert_eq!(parse_name(&file_name(at, r)), Some((at, r)));
    }
    assert_eq!(parse_name("magday.db"), None);
    assert_eq!(parse_name("magday-backup-yesterday-daily.db"), None);
    assert!(path_of(Path::new("/tmp"), "../etc/passwd").is_err());
}

#[test]
fn seven_daily_and_four_weekly_are_kept_and_every_pre_migration_one() {
    let start = Utc.with_ymd_and_hms(2026, 9, 1, 3, 0, 0).unwrap();
    // Two a day for 60 days, newest first, and one pre-migration backup long ago.
    let mut all: Vec<BackupInfo> = (0..120)
        .map(|i| info(start + Duration::hours(12 * i), BackupReason::Daily))
        .collect();
    all.push(info(
        start - Duration::days(200),
        BackupReason::PreMigration,
    ));
    // Seven snapshots before imports on the newest day: the five newest stay, and they take no
    // daily slot.
    let newest = start + Duration::hours(12 * 119);
    for m in 0..7 {
        all.push(info(newest + Duration::minutes(m), BackupReason::PreImport));
    }
    all.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    let kept: Vec<&BackupInfo> = all
        .iter()
        .zip(keep(&all))
        .filter(|(_, k)| *k)
        .map(|(b, _)| b)
        .collect();
    let days: std::collections::BTreeSet<_> = kept
        .iter()
        .filter(|b| b.reason == BackupReason::Daily)
        .map(|b| b.taken_at.date_naive())
        .collect();
    // 7 latest days, plus up to 3 more for the older weeks.
    assert!(kept.iter().any(|b| b.reason == BackupReason::PreMigration));
    let safety: Vec<_> = kept
        .iter()
        .filter(|b| b.reason == BackupReason::PreImport)
        .collect();
    assert_eq!(safety.len(), KEEP_SAFETY);
    assert_eq!(safety[0].taken_at, newest + Duration::minutes(6));
    assert!(days.len() >= 7 && days.len() <= 7 + 3, "{days:?}");
    let dailies: Vec<&BackupInfo> = all
        .iter()
        .filter(|b| b.reason == BackupReason::Daily)
        .collect();
    assert!(
        kept.iter().any(|b| b.name == dailies[0].name),
        "the newest daily is kept"
    );
    let newest_day = dailies[0].taken_at.date_naive();
    for d in 0..7 {
        assert!(days.contains(&(newest_day - Duration::days(d))), "day -{d}");
    }
    // Exactly one per kept day.
    assert_eq!(kept.len(), days.len() + 1 + KEEP_SAFETY);
    // Nothing newer than a day: a backup is due (snapshots before imports do not count).
    let taken = || all.iter().map(|b| (b.taken_at, b.reason));
    assert!(!due(taken(), dailies[0].taken_at + Duration::hours(23)));
    assert!(due(taken(), dailies[0].taken_at + Duration::hours(24)));
    assert!(due([], start));
}

#[tokio::test]
async fn a_backup_is_a_checked_copy_and_restoring_by_merge_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    let core = file_core(&dir).await;
    let now = now_in_berlin(date(2026, 3, 2), 9, 0);
    let i = nerve(date(2026, 3, 2), &["08:00", "20:00"]);
    core.save_protocol(&i, false, &now).await.unwrap();
    core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &now)
        .await
        .unwrap();
    let b = core
        .back_up(&backups, BackupReason::Manual, &now)
        .await
        .unwrap();
    assert_eq!((b.events, b.versions), (1, 1));
    assert!(backups.join(&b.name).exists());
    assert!(
        !crate::atomic::tmp_path(&backups.join(&b.name)).exists(),
        "no temporary left"
    );
    let listed = core.backups(&backups).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].events, 1);
    assert!(listed[0].bytes > 0);
    // A later tap, then the backup merged back: the later tap stays.
    let later = now_in_berlin(date(2026, 3, 2), 20, 5);
    core.tap(None, &Tap::TakeDose { slot: 2, at: None }, &later)
        .await
        .unwrap();
    let r = core.restore_merge(&backups, &b.name, &later).await.unwrap();
    assert!(!r.added.changed());
    assert_eq!(core.store().event_count().await.unwrap(), 2);
    assert!(r.backup.is_some(), "a backup of the current record first");
    assert!(core
        .restore_merge(&backups, "magday-backup-x-daily.db", &later)
        .await
        .is_err());
    // Due at start only when the newest is over a day old.
    assert!(core
        .back_up_if_due(&backups, &later)
        .await
        .unwrap()
        .is_none());
    let next_day = now_in_berlin(date(2026, 3, 3), 21, 0);
    assert!(core
        .back_up_if_due(&backups, &next_day)
        .await
        .unwrap()
        .is_some());
}

#[tokio::test]
async fn damaged_files_are_found_and_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("magday.db");
    assert_eq!(check_file(&path).await, FileHealth::Missing);
    let core = Core::open(&path).await.unwrap();
    let now = now_in_berlin(date(2026, 3, 2), 9, 0);
    let i = nerve(date(2026, 3, 2), &["08:00"]);
    core.save_protocol(&i, false, &now).await.unwrap();
    core.store().close().await;
    assert_eq!(check_file(&path).await, FileHealth::Ok);
    let good = std::fs::read(&path).unwrap();
    let damaged = |bytes: Vec<u8>| {
        let path = path.clone();
        async move {
            // The journal files go too: a whole WAL beside a damaged main file would still
            // hold the record (SQLite reads it), which is not the damage under test.
            for side in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{side}", path.display()));
            }
            std::fs::write(&path, bytes).unwrap();
            check_file(&path).await
        }
    };
    // Truncated, random bytes, a text file.
    assert!(matches!(
        damaged(good[..good.len() / 3].to_vec()).await,
        FileHealth::Damaged { .. }
    ));
    let noise: Vec<u8> = (0..40_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert!(matches!(damaged(noise).await, FileHealth::Damaged { .. }));
    assert!(matches!(
        damaged(b"hello, not a database".to_vec()).await,
        FileHealth::Damaged { .. }
    ));
    let aside = set_aside(&path, Utc::now()).unwrap();
    assert!(!path.exists() && aside.exists());
    assert_eq!(std::fs::read(&aside).unwrap(), b"hello, not a database");
}

#[tokio::test]
async fn an_older_schema_is_snapshot_before_it_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("magday.db");
    let backups = dir.path().join("backups");
    // A database whose newest migration is older than this version's: its last one undone.
    {
        let store = crate::store::Store::open(&path).await.unwrap();
        store.close().await;
    }
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT max(version) FROM _sqlx_migrations)",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    // Opening with a backups folder takes a pre-migration snapshot first. (The migration then
    // fails here, since its changes are already in the file: the snapshot is what matters.)
    let _ = crate::api::Core::open_as(&path, "dev", &backups).await;
    let list = list(&backups).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].reason, BackupReason::PreMigration);
    // Up to date: no snapshot.
    let fresh = dir.path().join("fresh.db");
    let s = crate::api::Core::open_as(&fresh, "dev", &dir.path().join("b2"))
        .await
        .unwrap();
    s.store().close().await;
    assert!(!dir.path().join("b2").exists());
}

#[test]
fn each_reason_has_words_of_its_own() {
    let labels: Vec<&str> = BackupReason::ALL.iter().map(|r| r.label()).collect();
    assert_eq!(
        labels,
        [
            "Daily",
            "Made by you",
            "Before an update",
            "Before a restore",
            "Before an import"
        ]
    );
    assert_eq!(
        info(Utc::now(), BackupReason::PreImport).reason_label,
        "Before an import"
    );
}
