//! Issue 21: writes made at the same moment wait their turn instead of failing with "database is
//! locked". Eight writers start together on one real SQLite file (WAL, synchronous=FULL, as the
//! app opens it): four taps, the merge of another device's ten-year record file, a reminder
//! claim, a backup and a protocol save. Every one must succeed and everything acknowledged must
//! be stored. Before the store began its write transactions as the writer (`BEGIN IMMEDIATE`),
//! a tap's transaction started as a reader and was refused outright when the merge had written
//! in between (`SQLITE_BUSY` / `SQLITE_BUSY_SNAPSHOT`, which the busy timeout does not retry).

use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use magday_core::api::Core;
use magday_core::backup::BackupReason;
use magday_core::checklist::{DoseStatus, Tap};
use magday_core::log::{self, NewRecord};
use magday_core::CoreError;
use tokio::sync::Barrier;

mod common;

use common::{date, day_events, file_core, input, now_in_berlin};

const YEARS: i64 = 10;

fn start() -> NaiveDate {
    date(2026, 3, 2)
}

/// Device B: joins A's record (from A's file), then logs ten years of typical use of its own,
/// and writes its record file. Returns the file's path and how many entries B holds.
async fn ten_year_file_of_b(dir: &Path, a_file: &Path) -> (std::path::PathBuf, i64) {
    let now = now_in_berlin(start(), 7, 30);
    let b = Core::open_as(&dir.join("b.db"), "deviceB", &dir.join("backups-b"))
        .await
        .expect("B opens");
    b.import_record(a_file, &dir.join("backups-b"), &now)
        .await
        .expect("B joins A's record");
    let version = b
        .store()
        .version_in_force(start())
        .await
        .expect("a read")
        .expect("A's version")
        .id;
    let first = start() - Duration::days(365 * YEARS);
    let mut day = first;
    let mut n = 0;
    while day < start() {
        let mut batch: Vec<NewRecord> = Vec::new();
        for _ in 0..56 {
            if day >= start() {
                break;
            }
            batch.extend(day_events(day, n, version, 35));
            day += Duration::days(1);
            n += 1;
        }
        log::append(b.store(), &batch).await.expect("B logs");
    }
    let path = b
        .export_record(&dir.join("b.magday"), &now)
        .await
        .expect("B's file");
    let count = b.store().event_count().await.expect("a count");
    b.store().close().await;
    (path, count)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn eight_writers_at_once_all_succeed_and_everything_is_stored() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let backups = dir.path().join("backups-a");
    let a = Core::open_as(&dir.path().join("a.db"), "deviceA", &backups)
        .await
        .expect("A opens");
    a.save_protocol(&input(start(), 8), false, &now_in_berlin(start(), 7, 0))
        .await
        .expect("A's protocol");
    let a_file = a
        .export_record(&dir.path().join("a.magday"), &now_in_berlin(start(), 7, 0))
        .await
        .expect("A's file");
    let (b_file, b_events) = ten_year_file_of_b(dir.path(), &a_file).await;
    assert!(b_events > 25_000, "ten years: {b_events} entries");

    // 09:00: dose 1 (08:00) is due and its reminder is waiting to be claimed.
    let now = now_in_berlin(start(), 9, 0);
    let reminder = a
        .due_reminders(&now)
        .await
        .expect("due reminders")
        .into_iter()
        .next()
        .expect("dose 1's reminder is due");
    let before = a.store().event_count().await.expect("a count");

    let a = Arc::new(a);
    let barrier = Arc::new(Barrier::new(8));
    let mut writers: Vec<tokio::task::JoinHandle<(&'static str, Result<(), CoreError>)>> =
        Vec::new();
    let taps: [(&'static str, Tap); 4] = [
        (
            "tap: water +1",
            Tap::Count {
                key: "water".into(),
                delta: 1,
            },
        ),
        (
            "tap: water +1 again",
            Tap::Count {
                key: "water".into(),
                delta: 1,
            },
        ),
        (
            "tap: a day note",
            Tap::Note {
                item: "day".into(),
                text: "Warm hands after the walk".into(),
            },
        ),
        ("tap: dose 1 taken", Tap::TakeDose { slot: 1, at: None }),
    ];
    for (name, tap) in taps {
        let (a, barrier, now) = (a.clone(), barrier.clone(), now);
        writers.push(tokio::spawn(async move {
            barrier.wait().await;
            (name, a.tap(None, &tap, &now).await.map(|_| ()))
        }));
    }
    {
        let (a, barrier, now, b_file, backups) = (
            a.clone(),
            barrier.clone(),
            now,
            b_file.clone(),
            backups.clone(),
        );
        writers.push(tokio::spawn(async move {
            barrier.wait().await;
            let r = a.import_record(&b_file, &backups, &now).await;
            ("merge of a ten-year file", r.map(|_| ()))
        }));
    }
    {
        let (a, barrier, now, reminder) = (a.clone(), barrier.clone(), now, reminder.clone());
        writers.push(tokio::spawn(async move {
            barrier.wait().await;
            let r = a.claim_reminder(&reminder, &now, "desktop").await;
            ("reminder claim", r.map(|claimed| assert!(claimed)))
        }));
    }
    {
        let (a, barrier, now, backups) = (a.clone(), barrier.clone(), now, backups.clone());
        writers.push(tokio::spawn(async move {
            barrier.wait().await;
            let r = a.back_up(&backups, BackupReason::Manual, &now).await;
            ("backup", r.map(|_| ()))
        }));
    }
    {
        let (a, barrier, now) = (a.clone(), barrier.clone(), now);
        writers.push(tokio::spawn(async move {
            barrier.wait().await;
            let r = a.save_protocol(&input(start(), 10), false, &now).await;
            ("protocol save", r.map(|_| ()))
        }));
    }

    let mut failures = Vec::new();
    for w in writers {
        let (name, result) = w.await.expect("a writer ran to its end");
        if let Err(e) = result {
            failures.push(format!("{name}: {} ({})", e, e.code()));
        }
    }
    assert!(
        failures.is_empty(),
        "writers refused: {}",
        failures.join("; ")
    );

    // Everything acknowledged is stored: B's ten years, and A's four taps (a note, a dose, two
    // water glasses) on the day.
    let after = a.store().event_count().await.expect("a count");
    assert!(
        after >= before + b_events - 1 + 4,
        "stored {after}: {before} before, B's {b_events}, 4 taps"
    );
    let day = a.day(None, &now).await.expect("today");
    let water = day.checklist.item("water").expect("the water item");
    assert_eq!(water.count, 2, "both glasses counted");
    assert_eq!(
        day.checklist.day_note.as_deref(),
        Some("Warm hands after the walk")
    );
    assert_eq!(day.checklist.doses[0].status, DoseStatus::Taken);
    assert!(a
        .due_reminders(&now)
        .await
        .expect("due reminders")
        .iter()
        .all(|r| r.key != reminder.key));
    assert_eq!(
        a.backups(&backups)
            .await
            .expect("backups")
            .iter()
            .filter(|b| b.reason == BackupReason::Manual)
            .count(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_taps_at_once_decide_in_turn() {
    // Two "dose 1 taken" at the same moment (the window and a notification's Taken): the
    // second sees the first and is refused as already taken, never stored twice.
    let dir = tempfile::tempdir().expect("a temp dir");
    let a = Core::open_as(&dir.path().join("a.db"), "deviceA", &dir.path().join("b"))
        .await
        .expect("A opens");
    a.save_protocol(&input(start(), 8), false, &now_in_berlin(start(), 7, 0))
        .await
        .expect("A's protocol");
    let now = now_in_berlin(start(), 9, 0);
    let a = Arc::new(a);
    let barrier = Arc::new(Barrier::new(2));
    let mut handles = Vec::new();
    for _ in 0..2 {
        let (a, barrier, now) = (a.clone(), barrier.clone(), now);
        handles.push(tokio::spawn(async move {
            barrier.wait().await;
            a.tap(None, &Tap::TakeDose { slot: 1, at: None }, &now)
                .await
        }));
    }
    let mut ok = 0;
    for h in handles {
        match h.await.expect("a tap ran") {
            Ok(_) => ok += 1,
            Err(e) => assert_ne!(e.code(), "storage", "refused by SQLite: {e}"),
        }
    }
    assert!(ok >= 1);
    let day = a.day(None, &now).await.expect("today");
    assert_eq!(day.checklist.doses[0].status, DoseStatus::Taken);
    let taken: Vec<_> = log::read_day(a.store(), start())
        .await
        .expect("the day")
        .1
        .into_iter()
        .filter(|r| matches!(r.entry, log::Entry::DoseTaken { slot: 1, .. }))
        .collect();
    assert_eq!(taken.len(), 1, "one dose taken, stored once: {taken:?}");
}

/// A write wakes whoever waits for changes (the shell's sync, instead of asking every few
/// seconds); reading does not, and neither does a refused write.
#[tokio::test]
async fn writes_wake_the_watcher_and_reads_do_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let core = file_core(dir.path()).await;
    let mut writes = core.watch_writes();
    let now = now_in_berlin(start(), 7, 0);
    core.save_protocol(&input(start(), 8), false, &now)
        .await
        .expect("save");
    assert!(writes.has_changed().expect("open"), "a protocol save wakes");
    writes.borrow_and_update();
    core.day(None, &now).await.expect("today");
    core.change_mark().await.expect("mark");
    assert!(!writes.has_changed().expect("open"), "reads do not wake");
    let refused = core
        .tap(None, &Tap::TakeDose { slot: 9, at: None }, &now)
        .await;
    assert!(refused.is_err());
    assert!(
        !writes.has_changed().expect("open"),
        "a refused write does not wake"
    );
    core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &now)
        .await
        .expect("tap");
    assert!(writes.has_changed().expect("open"), "a tap wakes");
}
