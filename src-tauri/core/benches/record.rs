//! Benchmark: backups, record files and merges with ten years of history on each of two devices.
//! Run with
//!
//!     cargo bench -p magday-core --bench record
//!
//! It builds two real SQLite files (WAL, synchronous=FULL, as the store opens them), devices
//! "deviceA" and "deviceB" of one record (one profile). A logs ten years of back-to-back 56-day
//! courses the way `benches/history.rs` does (two doses a day, water, ticks, food, a weekly
//! check-in, about 4,000 events a year), plus a food taken back now and then (a correction). B
//! joins A's record by merging A's protocol (profile, courses and versions), then logs its own
//! ten years on those versions, saving a protocol edit of its own once a year. Both write the
//! synced settings. Then it times:
//! - a backup of A (`Store::snapshot`: VACUUM INTO, flush, rename, read-only integrity check);
//! - exporting A as a record file (`record::export`) and reading it back (`record::decode`);
//! - merging B's ten years into a fresh copy of A's (`record::merge` of B's decoded file);
//! - merging the same file again into the merged store (nothing added);
//! - a `sync::sync` into a folder where B's file is unchanged since it was last merged (the
//!   checksum short-cut), beside the first sync that met it.
//!
//! Each line says whether it is the median of several runs or a single run. Numbers are printed,
//! not asserted.

use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use magday_core::log::{self, Entry, NewRecord};
use magday_core::protocol::validate;
use magday_core::record::{self, RecordFile};
use magday_core::settings::Settings;
use magday_core::store::{MergeStats, RecordBody, Store};
use magday_core::sync::{self, FileOutcome};

mod common;

use common::{at, day_events, input, TZ};
const YEARS: i64 = 10;

fn spec_json(start: NaiveDate, water_glasses: u32) -> String {
    let spec = validate(&input(start, water_glasses), start, 240)
        .unwrap()
        .0;
    serde_json::to_string(&spec).unwrap()
}

/// Append a course's days in one transaction, then take back every tenth day's food in a
/// second (a correction naming the food's global id).
async fn log_days(store: &Store, batch: &[NewRecord]) {
    let written = log::append(store, batch).await.unwrap();
    let removals: Vec<NewRecord> = written
        .iter()
        .filter(|r| matches!(r.entry, Entry::FoodLogged(_)))
        .step_by(10)
        .map(|r| NewRecord {
            day: r.day,
            at: r.at + Duration::minutes(2),
            protocol_version: r.protocol_version,
            entry: Entry::FoodRemoved {
                entry: r.gid.clone(),
            },
        })
        .collect();
    log::append(store, &removals).await.unwrap();
}

/// Device A: a new course (and its version) every 56 days from `first`, each course's days
/// logged in one transaction.
async fn fill_a(store: &Store, first: NaiveDate, today: NaiveDate) {
    let mut start = first;
    let mut n = 0i64;
    while start < today {
        let v = store
            .insert_version(None, start, at(start, 7, 0), &spec_json(start, 8))
            .await
            .unwrap();
        let mut batch = Vec::new();
        for i in 0..56 {
            let day = start + Duration::days(i);
            if day >= today {
                break;
            }
            batch.extend(day_events(day, n, v.id, 5));
            n += 1;
        }
        log_days(store, &batch).await;
        start += Duration::days(56);
    }
}

/// Device B, on A's courses and versions (already merged): its own entries, and once a year
/// (every sixth course) a protocol edit of its own from the course's fifth week.
async fn fill_b(store: &Store, first: NaiveDate, today: NaiveDate) {
    let mut start = first;
    let mut n = 0i64;
    let mut course = 0;
    while start < today {
        let from_a = store.version_in_force(start).await.unwrap().unwrap();
        let edit_from = start + Duration::days(28);
        let edit = if course % 6 == 5 && edit_from < today {
            Some(
                store
                    .insert_version(
                        Some(from_a.course_id),
                        edit_from,
                        at(edit_from, 7, 30),
                        &spec_json(start, 10),
                    )
                    .await
                    .unwrap(),
            )
        } else {
            None
        };
        let mut batch = Vec::new();
        for i in 0..56 {
            let day = start + Duration::days(i);
            if day >= today {
                break;
            }
            let version = match &edit {
                Some(e) if day >= e.effective_from => e.id,
                _ => from_a.id,
            };
            batch.extend(day_events(day, n, version, 35));
            n += 1;
        }
        log_days(store, &batch).await;
        start += Duration::days(56);
        course += 1;
    }
}

/// (events, protocol versions) in `store`.
async fn counts(store: &Store) -> (i64, i64) {
    (
        store.event_count().await.unwrap(),
        store.version_count().await.unwrap(),
    )
}

fn ms(d: StdDuration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn stats(s: &MergeStats) -> String {
    format!(
        "added {} events, {} versions, {} courses, {} settings",
        s.events, s.versions, s.courses, s.settings
    )
}

/// One line of the table: the median of `t` (or its one run), with the range of several.
fn row(what: &str, mut t: Vec<StdDuration>, note: &str) {
    t.sort();
    let how = if t.len() == 1 {
        "single run".to_string()
    } else {
        format!(
            "median of {:>2} ({:.0}-{:.0})",
            t.len(),
            ms(t[0]),
            ms(t[t.len() - 1])
        )
    };
    println!(
        "  {what:<46} {:>8.1} ms  {how:<24} {note}",
        ms(t[t.len() / 2])
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let first = today - Duration::days(365 * YEARS);
    let written_at = "2026-11-21T19:00:00+01:00";
    println!("Magday record benchmark (release build, real SQLite files, WAL, synchronous=FULL)");

    // ---- two devices, ten years each ----------------------------------------------------
    let t = Instant::now();
    let a = Store::open_as(&dir.path().join("a.db"), "deviceA")
        .await
        .unwrap();
    a.set_setting("settings", &Settings::default())
        .await
        .unwrap();
    fill_a(&a, first, today).await;
    let built_a = t.elapsed();
    let t = Instant::now();
    let b = Store::open_as(&dir.path().join("b.db"), "deviceB")
        .await
        .unwrap();
    let a_body = a.export_body().await.unwrap();
    let protocol = RecordBody {
        courses: a_body.courses.clone(),
        versions: a_body.versions.clone(),
        ..Default::default()
    };
    b.adopt_profile(&a.profile().await.unwrap()).await.unwrap();
    b.merge(&[&protocol]).await.unwrap();
    drop(a_body);
    fill_b(&b, first, today).await;
    b.set_setting(
        "settings",
        &Settings {
            water_mg_per_litre: Some(100.0),
            ..Settings::default()
        },
    )
    .await
    .unwrap();
    let built_b = t.elapsed();
    let (a_events, a_versions) = counts(&a).await;
    let (b_events, b_versions) = counts(&b).await;
    println!(
        "\nA (deviceA): {a_events} events, {a_versions} protocol versions ({YEARS} years, built in {:.1} s)",
        built_a.as_secs_f64()
    );
    println!(
        "B (deviceB): {b_events} events of its own, {b_versions} protocol versions ({} of A's, {} its own; built in {:.1} s)",
        protocol.versions.len(),
        b_versions - protocol.versions.len() as i64,
        built_b.as_secs_f64()
    );
    println!();

    // ---- backup ---------------------------------------------------------------------------
    const BACKUPS: usize = 9;
    let mut times = Vec::new();
    let mut backup_bytes = 0;
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    for i in 0..BACKUPS {
        let dest = backups.join(format!("a-{i}.db"));
        let t = Instant::now();
        let (events, _) = a.snapshot(&dest).await.unwrap();
        times.push(t.elapsed());
        assert_eq!(events, a_events);
        backup_bytes = std::fs::metadata(&dest).unwrap().len();
    }
    // A's database as it is: the copy each merge below starts from.
    let a_copy = backups.join("a-0.db");
    row(
        "Back up A (Store::snapshot, with its verify)",
        times,
        &format!("file {}", mib(backup_bytes)),
    );

    // ---- export and decode ----------------------------------------------------------------
    const EXPORTS: usize = 11;
    let mut times = Vec::new();
    let mut a_bytes = Vec::new();
    for _ in 0..EXPORTS {
        let t = Instant::now();
        a_bytes = record::export(&a, written_at).await.unwrap();
        times.push(t.elapsed());
    }
    row(
        "Export A (record::export, to bytes)",
        times,
        &format!("file {}", mib(a_bytes.len() as u64)),
    );
    let mut times = Vec::new();
    for _ in 0..EXPORTS {
        let t = Instant::now();
        let f = record::decode(&a_bytes).unwrap();
        times.push(t.elapsed());
        assert_eq!(f.header.events, a_events as u64);
    }
    row(
        "Decode A's file (record::decode)",
        times,
        &format!("{a_events} events read and checked"),
    );
    drop(a_bytes);
    let b_bytes = record::export(&b, written_at).await.unwrap();
    let b_file: RecordFile = record::decode(&b_bytes).unwrap();

    // ---- merge B into a fresh copy of A ---------------------------------------------------
    const MERGES: usize = 7;
    let mut times = Vec::new();
    let mut merged = None;
    let mut added = MergeStats::default();
    for i in 0..MERGES {
        let path = dir.path().join(format!("merge-{i}.db"));
        std::fs::copy(&a_copy, &path).unwrap();
        let store = Store::open_as(&path, "deviceA").await.unwrap();
        assert_eq!(store.event_count().await.unwrap(), a_events);
        let t = Instant::now();
        added = record::merge(&store, &b_file, "now").await.unwrap();
        times.push(t.elapsed());
        if let Some(old) = merged.replace(store) {
            old.close().await;
        }
    }
    let merged = merged.unwrap();
    row(
        "Merge B's file into a copy of A (record::merge)",
        times,
        &stats(&added),
    );
    let (m_events, m_versions) = counts(&merged).await;

    // ---- the same file again ----------------------------------------------------------------
    const REMERGES: usize = 9;
    let mut times = Vec::new();
    let mut again = MergeStats::default();
    for _ in 0..REMERGES {
        let t = Instant::now();
        again = record::merge(&merged, &b_file, "now").await.unwrap();
        times.push(t.elapsed());
        assert!(!again.changed());
    }
    row(
        "Merge the same file again (its checksum known)",
        times,
        &stats(&again),
    );
    // The same rows in a file not seen before (an older copy, a conflict copy): every id is
    // looked up and nothing is added.
    let mut times = Vec::new();
    let mut none = MergeStats::default();
    for _ in 0..5 {
        let t = Instant::now();
        none = merged.merge(&[&b_file.body]).await.unwrap();
        times.push(t.elapsed());
        assert!(!none.changed());
    }
    row(
        "Merge a copy not seen before, nothing new",
        times,
        &stats(&none),
    );

    // ---- sync: B's file unchanged since last merged -----------------------------------------
    let folder = dir.path().join("shared");
    let plain = record::Keys::default(); // no record passphrase: plain files
    std::fs::create_dir_all(&folder).unwrap();
    let b_path = sync::own_file(&folder, "deviceB");
    record::write_atomically(&b_path, &b_bytes).unwrap();
    let now = TZ
        .from_local_datetime(&today.and_hms_opt(19, 0, 0).unwrap())
        .unwrap()
        .with_timezone(&Utc);
    // The first sync of a fresh copy of A that meets B's file: it reads and merges all of it,
    // remembers its checksum and writes A's own file.
    let fresh_path = dir.path().join("sync-fresh.db");
    std::fs::copy(&a_copy, &fresh_path).unwrap();
    let fresh = Store::open_as(&fresh_path, "deviceA").await.unwrap();
    let t = Instant::now();
    let r = sync::sync(&fresh, &folder, now, &plain).await.unwrap();
    let first_sync = t.elapsed();
    assert!(r.files.iter().all(|f| f.outcome == FileOutcome::Merged));
    fresh.close().await;
    std::fs::remove_file(sync::own_file(&folder, "deviceA")).unwrap();
    row(
        "Sync, B's file not yet seen (decoded, merged)",
        vec![first_sync],
        &format!("{}; A's file written", stats(&r.added)),
    );
    // The merged store's first sync writes its own file; then nothing has changed.
    sync::sync(&merged, &folder, now, &plain).await.unwrap();
    const SYNCS: usize = 11;
    let mut times = Vec::new();
    let mut outcome = None;
    for i in 0..SYNCS {
        let later = now + Duration::minutes(i as i64 + 1);
        let t = Instant::now();
        let r = sync::sync(&merged, &folder, later, &plain).await.unwrap();
        times.push(t.elapsed());
        assert!(!r.added.changed());
        outcome = r.files.first().map(|f| f.outcome);
    }
    assert_eq!(outcome, Some(FileOutcome::Unchanged));
    row(
        "Sync, B's file unchanged (checksum short-cut)",
        times,
        "B's file Unchanged; A's file not rewritten",
    );
    // Where that sync's time goes: reading B's file up to its header (this device's own file is
    // not exported again while nothing changed since it was written).
    let mut times = Vec::new();
    for _ in 0..SYNCS {
        let t = Instant::now();
        let bytes = std::fs::read(&b_path).unwrap();
        let (h, _) = record::header_of(&bytes).unwrap();
        times.push(t.elapsed());
        assert_eq!(h.device, "deviceB");
    }
    row("  of which: read B's file, its header", times, "");
    let mut times = Vec::new();
    for _ in 0..SYNCS {
        let t = Instant::now();
        let bytes = record::export(&merged, written_at).await.unwrap();
        times.push(t.elapsed());
        assert!(!bytes.is_empty());
    }
    row("Export A+B (what a sync writes after a change)", times, "");

    println!(
        "\nMerged store: {m_events} events ({a_events} A + {b_events} B), {m_versions} protocol versions; \
         B's file {}.",
        mib(b_bytes.len() as u64)
    );
    merged.close().await;
    a.close().await;
    b.close().await;
    println!(
        "Whole run (building the history included): {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
