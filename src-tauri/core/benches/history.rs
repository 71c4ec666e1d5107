//! Benchmark: the Today and Progress queries with years of synthetic history, and the time
//! from a tap to a durable commit. Run with
//!
//!     cargo bench -p magday-core --bench history
//!
//! It builds real SQLite files (WAL, synchronous=FULL) holding 1 and 10 years of use: back-to-back
//! 56-day courses, two doses a day, water, ticks, a weekly symptom check-in and food, about 4,000
//! events a year. Then it times `Core::day` (the Today screen), `Core::progress` (the Progress
//! screen) and `Core::tap` (a tick, committed) on the last day, and prints median, p99 and max.
//! The budgets (design.md §5): under 20 ms each for Today and Progress, not growing with history;
//! p99 under 10 ms from tap to durable. Beside the taps it times the floor no tap can beat, a
//! plain SQLite insert+commit with the same pragmas on the same disk through the same driver,
//! and prints the tap's median and p99 as a ratio of it (target: median at most 3x). Numbers are
//! printed, not asserted.

use std::path::Path;
use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, NaiveDate, TimeZone};
use magday_core::api::Core;
use magday_core::checklist::Tap;
use magday_core::day::Now;
use magday_core::log;
use magday_core::protocol::validate;

mod common;

use common::{at, day_events, input, TZ};

async fn fill(path: &Path, years: i64, today: NaiveDate) -> Core {
    let core = Core::open(path).await.unwrap();
    let first = today - Duration::days(365 * years);
    let mut start = first;
    let mut n = 0i64;
    while start < today {
        let spec = validate(&input(start, 8), start, 240).unwrap().0;
        let v = core
            .store()
            .insert_version(
                None,
                start,
                at(start, 7, 0),
                &serde_json::to_string(&spec).unwrap(),
            )
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
        log::append(core.store(), &batch).await.unwrap();
        start += Duration::days(56);
    }
    core
}

/// (median, p99) of timings, ms.
fn quantiles(t: &[StdDuration]) -> (f64, f64) {
    let mut t = t.to_vec();
    t.sort();
    let p = |q: f64| t[((t.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1000.0;
    (p(0.5), p(0.99))
}

fn stats(t: Vec<StdDuration>) -> String {
    let (median, p99) = quantiles(&t);
    let max = t.iter().max().copied().unwrap_or_default().as_secs_f64() * 1000.0;
    format!(
        "median {median:>6.2} ms   p99 {p99:>6.2} ms   max {max:>6.2} ms   (n={})",
        t.len()
    )
}

/// The floor a tap cannot beat: a plain SQLite table written with the store's pragmas (WAL,
/// synchronous=FULL) on a file in the same directory, through the same driver.
async fn raw_table(path: &Path) -> sqlx::SqlitePool {
    use sqlx::sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
    };
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .unwrap();
    sqlx::query(
        "CREATE TABLE t(id INTEGER PRIMARY KEY, day TEXT, at TEXT, item TEXT, action TEXT, value TEXT)",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool
}

/// One plain insert and commit.
async fn raw_insert_commit(pool: &sqlx::SqlitePool) -> StdDuration {
    let t = Instant::now();
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("INSERT INTO t(day, at, item, action, value) VALUES(?, ?, ?, ?, ?)")
        .bind("2026-11-21")
        .bind("2026-11-21T19:00:00+01:00")
        .bind("breathing")
        .bind("done")
        .bind(Option::<String>::None)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    t.elapsed()
}

async fn time<F, Fut>(runs: usize, mut f: F) -> Vec<StdDuration>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    // One warm-up run.
    f().await;
    let mut out = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f().await;
        out.push(t.elapsed());
    }
    out
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let now = Now::new(
        TZ.from_local_datetime(&today.and_hms_opt(19, 0, 0).unwrap())
            .unwrap()
            .to_utc(),
        TZ,
    );
    println!("Magday history benchmark (release build, real SQLite files, WAL, synchronous=FULL)");
    for years in [1i64, 10] {
        let path = dir.path().join(format!("history-{years}.db"));
        let t = Instant::now();
        let core = fill(&path, years, today).await;
        let events = core.store().event_count().await.unwrap();
        let versions = core.store().version_count().await.unwrap();
        println!(
            "\n{years:>2} year(s) of history: {events} events, {versions} protocol versions (built in {:.1} s)",
            t.elapsed().as_secs_f64()
        );
        let today_q = time(200, || async {
            let v = core.day(None, &now).await.unwrap();
            assert!(v.has_protocol);
        })
        .await;
        println!("  Today    (get_day)      {}", stats(today_q));
        let progress_q = time(100, || async {
            let p = core.progress(&now).await.unwrap();
            assert!(!p.days.is_empty());
        })
        .await;
        println!("  Progress (get_progress) {}", stats(progress_q));
        let report_q = time(20, || async {
            core.report(magday_core::report::ReportKind::Now, &now)
                .await
                .unwrap();
        })
        .await;
        println!("  Report   (so far)       {}", stats(report_q));
        // Tap to durable: a tick committed with synchronous=FULL, then its undo; each followed by
        // the floor, a plain insert+commit, so both see the same disk at the same moments.
        let raw_pool = raw_table(&dir.path().join(format!("raw-{years}.db"))).await;
        raw_insert_commit(&raw_pool).await;
        let mut taps = Vec::new();
        let mut raw = Vec::new();
        for i in 0..100 {
            let tap = if i % 2 == 0 {
                Tap::Check {
                    key: "breathing".into(),
                }
            } else {
                Tap::Uncheck {
                    key: "breathing".into(),
                }
            };
            let t = Instant::now();
            core.tap(None, &tap, &now).await.unwrap();
            taps.push(t.elapsed());
            // The floor in blocks of ten beside the taps' blocks of ten.
            if i % 10 == 9 {
                for _ in 0..10 {
                    raw.push(raw_insert_commit(&raw_pool).await);
                }
            }
        }
        raw_pool.close().await;
        let (raw_median, raw_p99) = quantiles(&raw);
        let (tap_median, tap_p99) = quantiles(&taps);
        println!("  Tap → durable (tap)     {}", stats(taps));
        println!("  Raw insert+commit       {}", stats(raw));
        println!(
            "  Tap / raw               median {:.1}x   p99 {:.1}x   (target: median at most 3x)",
            tap_median / raw_median,
            tap_p99 / raw_p99
        );
        core.store().close().await;
    }
    println!("\nBudgets: Today and Progress under 20 ms each and flat with history; tap p99 under 10 ms.");
}
