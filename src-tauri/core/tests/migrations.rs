//! Upgrading a database made at every earlier schema version loses no row.
//!
//! Each fixture in `tests/fixtures/schema/` (at the repository's root) was written by the code
//! of the last commit at its schema version, through that commit's own API; its README says
//! which commit, how, and what it holds. A test copies one to a temporary directory, records
//! every user table's row count and the rows' identifying columns with plain SQL, opens the copy
//! with today's [`Core::open`] (which applies the newer migrations), and checks that every row
//! is still there unchanged, that every migration in the crate is now applied, that the file
//! passes SQLite's integrity and foreign-key checks, and that today's API reads what the old
//! code recorded.
//!
//! Only the columns each schema version created are compared, so a later migration that adds
//! columns (or tables) keeps these tests valid.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{NaiveDate, TimeZone, Utc};
use magday_core::api::Core;
use magday_core::checklist::DoseStatus;
use magday_core::day::Now;
use magday_core::log::{self, DayState};
use magday_core::protocol::Symptom;
use magday_core::today::DayView;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{Connection, Row};

mod common;

use common::rfc3339;

/// The columns each table had when it was created (0001, 0002, 0003), its key first: what an
/// upgrade must keep, row for row.
const TABLES: &[(&str, &[&str])] = &[
    (
        "events",
        &[
            "id",
            "day",
            "at",
            "item",
            "action",
            "value",
            "device",
            "protocol_version",
            "corrects",
        ],
    ),
    ("settings", &["key", "value"]),
    ("courses", &["id", "created_at"]),
    (
        "protocol_versions",
        &["id", "course_id", "effective_from", "created_at", "spec"],
    ),
    (
        "reminder_log",
        &[
            "key",
            "kind",
            "day",
            "slot",
            "planned_at",
            "claimed_at",
            "delivered_at",
            "channel",
            "error",
        ],
    ),
];

fn fixture(schema: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/schema")
        .join(format!("{schema:04}.db"))
}

/// Noon on Sunday 8 March 2026 in London (UTC then): the day after the fixtures' last entry.
fn now() -> Now {
    let utc = Utc.with_ymd_and_hms(2026, 3, 8, 12, 0, 0).unwrap();
    Now::new(utc, magday_core::zone::known::LONDON)
}

/// Day `d` of March 2026, the month of the fixtures' entries.
fn date(d: u32) -> NaiveDate {
    common::date(2026, 3, d)
}

/// What plain SQL sees in a database file.
#[derive(Debug, PartialEq)]
struct Snapshot {
    /// Every user table (not SQLite's, not sqlx's) with its row count.
    counts: BTreeMap<String, i64>,
    /// For each table of [`TABLES`] present: every row's original columns, quoted as SQL
    /// literals (so NULL, '' and 0 stay apart) and joined, in key order.
    rows: BTreeMap<String, Vec<String>>,
    /// Every index and trigger ("index events_by_day", "trigger events_are_append_only_update").
    objects: Vec<String>,
}

async fn connect(path: &Path, read_only: bool) -> SqliteConnection {
    let options = SqliteConnectOptions::from_str("sqlite://")
        .unwrap()
        .filename(path)
        .create_if_missing(false)
        .read_only(read_only);
    SqliteConnection::connect_with(&options)
        .await
        .unwrap_or_else(|e| panic!("opening {}: {e}", path.display()))
}

async fn snapshot(conn: &mut SqliteConnection) -> Snapshot {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let mut counts = BTreeMap::new();
    for name in &names {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM \"{name}\""))
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        counts.insert(name.clone(), n);
    }
    let mut rows = BTreeMap::new();
    for (table, columns) in TABLES {
        if !counts.contains_key(*table) {
            continue;
        }
        let quoted: Vec<String> = columns.iter().map(|c| format!("quote({c})")).collect();
        let sql = format!(
            "SELECT {} FROM {table} ORDER BY {}",
            quoted.join(" || '|' || "),
            columns[0]
        );
        let text: Vec<String> = sqlx::query_scalar(&sql)
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        rows.insert(table.to_string(), text);
    }
    let objects = sqlx::query_scalar(
        "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('index', 'trigger') \
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    Snapshot {
        counts,
        rows,
        objects,
    }
}

async fn pragma(conn: &mut SqliteConnection, sql: &str) -> Vec<String> {
    sqlx::query(sql)
        .fetch_all(&mut *conn)
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (0..r.len())
                .map(|i| {
                    r.try_get::<String, _>(i)
                        .or_else(|_| r.try_get::<i64, _>(i).map(|n| n.to_string()))
                        .unwrap_or_else(|_| "NULL".into())
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

/// Every migration embedded in the crate, from the files sqlx embeds: (version, description).
fn crate_migrations() -> Vec<(i64, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut out: Vec<(i64, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter_map(|name| {
            let stem = name.strip_suffix(".sql")?;
            let (version, description) = stem.split_once('_')?;
            Some((version.parse().ok()?, description.replace('_', " ")))
        })
        .collect();
    out.sort();
    out
}

/// What the test of one fixture gets to look at after the upgrade.
struct Upgraded {
    core: Core,
    before: Snapshot,
    _dir: tempfile::TempDir,
}

/// Copy fixture `schema`, check it is what it says (that schema, WAL, `tables` with these row
/// counts), open it with today's code, and check that nothing was lost. Returns the open core
/// for the API checks.
async fn upgrade(schema: u32, expected_counts: &[(&str, i64)]) -> Upgraded {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("magday.db");
    std::fs::copy(fixture(schema), &path).unwrap();

    // Before: plain SQL on the copy, read-only.
    let mut conn = connect(&path, true).await;
    let applied: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert_eq!(
        applied,
        (1..=i64::from(schema)).collect::<Vec<_>>(),
        "fixture {schema:04} is at schema {schema}"
    );
    assert_eq!(pragma(&mut conn, "PRAGMA journal_mode").await, ["wal"]);
    let before = snapshot(&mut conn).await;
    conn.close().await.unwrap();
    let expected: BTreeMap<String, i64> = expected_counts
        .iter()
        .map(|(t, n)| (t.to_string(), *n))
        .collect();
    assert_eq!(
        before.counts, expected,
        "fixture {schema:04}'s tables and row counts"
    );
    for object in [
        "index events_by_day",
        "trigger events_are_append_only_delete",
    ] {
        assert!(before.objects.iter().any(|o| o == object), "{object}");
    }

    // Open with today's code: the newer migrations run.
    let core = Core::open(&path)
        .await
        .expect("today's code opens the old file");
    let migrations = core.store().applied_migrations().await.unwrap();
    let all = crate_migrations();
    assert!(all.len() >= 4, "the crate's migrations: {all:?}");
    assert_eq!(migrations, all, "every migration in the crate is applied");
    // Reopening finds nothing left to do.
    core.store().close().await;
    let core = Core::open(&path).await.expect("reopen");
    assert_eq!(core.store().applied_migrations().await.unwrap(), all);

    // After: the same rows, the file sound. The log, the protocol versions, their courses and
    // the reminder log are history: an upgrade keeps exactly the rows it had. Settings keep
    // every key with its value and may gain keys (today's code adds its own on open).
    let mut conn = connect(&path, false).await;
    let after = snapshot(&mut conn).await;
    for (table, rows) in &before.rows {
        let kept = &after.rows[table];
        if *table == "settings" {
            let lost: Vec<_> = rows.iter().filter(|r| !kept.contains(r)).collect();
            assert!(lost.is_empty(), "settings lost or changed: {lost:?}");
        } else {
            assert_eq!(
                kept, rows,
                "{table}: the same rows, their original columns unchanged"
            );
        }
    }
    for (table, n) in &before.counts {
        let now = after.counts[table];
        if table == "settings" {
            assert!(
                now >= *n,
                "settings: {n} rows before the upgrade, {now} after"
            );
        } else {
            assert_eq!(now, *n, "{table}: rows before and after the upgrade");
        }
    }
    // A migration that rebuilds a table keeps its indexes and its append-only triggers.
    for object in &before.objects {
        assert!(after.objects.contains(object), "{object} is gone");
    }
    assert_eq!(pragma(&mut conn, "PRAGMA integrity_check").await, ["ok"]);
    assert_eq!(
        pragma(&mut conn, "PRAGMA foreign_key_check").await,
        Vec::<String>::new()
    );
    assert_eq!(pragma(&mut conn, "PRAGMA journal_mode").await, ["wal"]);
    // Issue 11 (migration 0005): every row has its global id "<device>:<seq>", unique; a
    // correction names its target's global id, an event its version's, a version its course's.
    for check in [
        "SELECT count(*) FROM events WHERE gid IS NULL OR seq IS NULL OR gid != device || ':' || seq",
        "SELECT count(*) - count(DISTINCT gid) FROM events",
        "SELECT count(*) FROM events e WHERE e.corrects IS NOT NULL AND e.corrects_gid IS NOT \
           (SELECT c.gid FROM events c WHERE c.id = e.corrects)",
        "SELECT count(*) FROM events e WHERE e.protocol_version IS NOT NULL AND e.version_gid IS NOT \
           (SELECT v.gid FROM protocol_versions v WHERE v.id = e.protocol_version)",
    ] {
        let n: i64 = sqlx::query_scalar(check).fetch_one(&mut conn).await.unwrap();
        assert_eq!(n, 0, "{check}");
    }
    if schema >= 2 {
        for check in [
            "SELECT count(*) FROM protocol_versions WHERE gid IS NULL OR course_gid IS NOT \
               (SELECT c.gid FROM courses c WHERE c.id = course_id)",
            "SELECT count(*) FROM courses WHERE gid IS NULL OR gid != device || ':' || seq",
        ] {
            let n: i64 = sqlx::query_scalar(check)
                .fetch_one(&mut conn)
                .await
                .unwrap();
            assert_eq!(n, 0, "{check}");
        }
    }
    conn.close().await.unwrap();

    Upgraded {
        core,
        before,
        _dir: dir,
    }
}

/// A day's entries replayed by today's log reader.
async fn replay(core: &Core, d: u32) -> DayState {
    let records = log::read(core.store(), date(d), date(d)).await.unwrap();
    DayState::replay(&records)
}

/// What every fixture recorded on 2-4 March, as today's log reader replays it: dose 1 taken at
/// 08:05 with a note and dose 2 at 20:10, two glasses of water; dose 1 taken, undone and taken
/// again as of 08:30, dose 2 skipped, a glass added and taken back, movement ticked and
/// unticked; a skip day with its reason and a note.
async fn check_the_log(core: &Core) {
    let d2 = replay(core, 2).await;
    assert_eq!(d2.dose(1).taken, Some(rfc3339("2026-03-02T08:05:00+00:00")));
    assert_eq!(d2.dose(1).note.as_deref(), Some("with breakfast"));
    assert_eq!(d2.dose(2).taken, Some(rfc3339("2026-03-02T20:10:00+00:00")));
    assert_eq!(d2.item("water").count, 2);

    let d3 = replay(core, 3).await;
    assert_eq!(d3.dose(1).taken, Some(rfc3339("2026-03-03T08:30:00+00:00")));
    assert!(d3.dose(2).skipped && d3.dose(2).taken.is_none());
    assert_eq!(d3.item("water").count, 0);
    assert!(!d3.item("movement").done);

    let d4 = replay(core, 4).await;
    assert_eq!(d4.skipped.as_deref(), Some("travelling"));
    assert_eq!(d4.day_note.as_deref(), Some("flight at noon"));
}

async fn day(core: &Core, d: u32) -> DayView {
    core.day(Some(&date(d).to_string()), &now())
        .await
        .unwrap_or_else(|e| panic!("2026-03-{d:02}: {e}"))
}

fn statuses(v: &DayView) -> Vec<(u32, DoseStatus)> {
    v.checklist
        .doses
        .iter()
        .map(|d| (d.slot, d.status))
        .collect()
}

/// For fixtures with protocol versions: today's Today and protocol screens read the old days
/// under the version that governed them, and the newest version is the edit of 5 March.
async fn check_the_protocol(up: &Upgraded) {
    let core = &up.core;
    let ids: Vec<i64> = up.before.rows["protocol_versions"]
        .iter()
        .map(|r| r.split('|').next().unwrap().parse().unwrap())
        .collect();
    let (first, newest) = (ids[0], *ids.last().unwrap());

    let p = core.protocol(&now()).await.unwrap().expect("a protocol");
    assert_eq!(p.version_id, newest);
    assert_eq!(p.version_count, 2);
    assert_eq!(p.effective_from, date(6));
    assert!(!p.pending);
    assert_eq!(p.spec.name, "Warm hands, later evening");
    let times: Vec<&str> = p
        .spec
        .supplement
        .as_ref()
        .unwrap()
        .doses
        .iter()
        .map(|d| d.time.as_str())
        .collect();
    assert_eq!(times, ["08:00", "21:00"]);

    let v = day(core, 2).await;
    assert!(v.has_protocol);
    assert_eq!(v.checklist.protocol_version, Some(first));
    assert_eq!(
        statuses(&v),
        [(1, DoseStatus::Taken), (2, DoseStatus::Taken)]
    );
    let taken: Vec<_> = v
        .checklist
        .doses
        .iter()
        .map(|d| d.taken_at.clone())
        .collect();
    assert_eq!(
        taken,
        [
            Some("2026-03-02T08:05:00+00:00".to_string()),
            Some("2026-03-02T20:10:00+00:00".to_string())
        ]
    );
    assert_eq!(v.checklist.doses[0].note.as_deref(), Some("with breakfast"));
    let water = v.checklist.items.iter().find(|i| i.key == "water").unwrap();
    assert_eq!(water.count, 2);

    let v = day(core, 3).await;
    assert_eq!(
        statuses(&v),
        [(1, DoseStatus::Taken), (2, DoseStatus::Skipped)]
    );
    assert_eq!(
        v.checklist.doses[0].taken_at.as_deref(),
        Some("2026-03-03T08:30:00+00:00")
    );

    let v = day(core, 4).await;
    assert!(v.checklist.skipped);
    assert_eq!(v.checklist.skip_reason.as_deref(), Some("travelling"));
    assert_eq!(v.checklist.day_note.as_deref(), Some("flight at noon"));

    // 6 March is the edit's first day: the evening dose at 21:00, taken after a snooze.
    let v = day(core, 6).await;
    assert_eq!(v.checklist.protocol_version, Some(newest));
    assert_eq!(
        statuses(&v),
        [(1, DoseStatus::Taken), (2, DoseStatus::Taken)]
    );
    assert_eq!(v.checklist.doses[1].time, "21:00");

    // The course as a whole: taken on 2 (two), 3, 5 and 6 March (two); 4 March skipped.
    let progress = core.progress(&now()).await.unwrap();
    assert_eq!(progress.doses_taken, 6);
}

/// For fixtures with food, check-ins and the reminder log (schema 3 on).
async fn check_food_check_ins_and_reminders(core: &Core) {
    let food = core.food_day(Some("2026-03-02"), &now()).await.unwrap();
    let names: Vec<&str> = food.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Pumpkin seed kernels (pepitas), roasted",
            "Mineral water (20 mg/L)"
        ],
        "the spinach was removed"
    );
    assert!((food.food_mg - 165.9).abs() < 1e-9, "{}", food.food_mg);

    let d3 = replay(core, 3).await;
    assert_eq!(d3.ratings.get(&Symptom::ColdHands), Some(&6));
    assert_eq!(
        d3.check_in_note.as_deref(),
        Some("hands warmer after the walk")
    );
    assert!(day(core, 3).await.checked_in);

    // The claimed reminders are not offered again, and the delivery check reads the log.
    let due = core.due_reminders(&now()).await.unwrap();
    assert!(due.iter().all(|r| !r.key.starts_with("2026-03-06")));
    core.delivery_report(&now()).await.unwrap();
}

#[tokio::test]
async fn a_schema_1_database_upgrades_with_no_row_lost() {
    let up = upgrade(1, &[("events", 16), ("settings", 3)]).await;
    let core = &up.core;
    check_the_log(core).await;
    // No protocol existed at schema 1: Today shows no doses, but the skip day and its note.
    assert!(core.protocol(&now()).await.unwrap().is_none());
    let v = day(core, 2).await;
    assert!(!v.has_protocol);
    assert!(v.checklist.doses.is_empty());
    let v = day(core, 4).await;
    assert!(v.checklist.skipped);
    assert_eq!(v.checklist.skip_reason.as_deref(), Some("travelling"));
    assert_eq!(v.checklist.day_note.as_deref(), Some("flight at noon"));
}

#[tokio::test]
async fn a_schema_2_database_upgrades_with_no_row_lost() {
    let up = upgrade(
        2,
        &[
            ("events", 19),
            ("settings", 2),
            ("courses", 1),
            ("protocol_versions", 2),
        ],
    )
    .await;
    check_the_log(&up.core).await;
    check_the_protocol(&up).await;
    // Settings saved at schema 2 still load, with the fields added since at their defaults.
    let s = up.core.settings().await.unwrap();
    assert_eq!(s.reminders.snooze_min, 15);
    assert_eq!(s.water_mg_per_litre, Some(20.0));
}

#[tokio::test]
async fn a_schema_3_database_upgrades_with_no_row_lost() {
    let up = upgrade(
        3,
        &[
            ("events", 27),
            ("settings", 2),
            ("courses", 1),
            ("protocol_versions", 2),
            ("reminder_log", 6),
        ],
    )
    .await;
    check_the_log(&up.core).await;
    check_the_protocol(&up).await;
    check_food_check_ins_and_reminders(&up.core).await;
}

#[tokio::test]
async fn a_schema_4_database_upgrades_with_no_row_lost() {
    let up = upgrade(
        4,
        &[
            ("events", 35),
            ("settings", 2),
            ("courses", 1),
            ("protocol_versions", 2),
            ("reminder_log", 6),
        ],
    )
    .await;
    let core = &up.core;
    check_the_log(core).await;
    check_the_protocol(&up).await;
    check_food_check_ins_and_reminders(core).await;
    // The safety pause of 6 March was resumed on 7 March; the supply was counted and refilled.
    let today = core.day(None, &now()).await.unwrap();
    assert!(today.safety_pause.is_none());
    assert!(today.stock.is_some());
    let d6 = replay(core, 6).await;
    assert_eq!(d6.urgent.as_deref(), Some(&["flushing".to_string()][..]));
    let d2 = replay(core, 2).await;
    assert_eq!(d2.breathing.len(), 1);
    assert_eq!(replay(core, 5).await.movement.len(), 1);
}
