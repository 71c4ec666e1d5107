//! Issue 25: the app lock is enforced in the shell. With the lock on and the app locked, every
//! command of the generated list (`src-tauri/commands.list`, which the build and the bindings
//! are held to), called with valid input, is refused with `locked`, and the database's dump is
//! the same byte for byte; only the lock's own commands answer. After unlocking, the same calls
//! are answered. A command added to the list without a valid input here fails this test.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{json, Value};

use super::{app_today, harness_saving, protocol_input, Harness};

/// Every dialog answered with a file in the test's folder (a save), or cancelled (an open, a
/// folder): the commands behind them run to their end without a window.
struct Saving(PathBuf);

impl magday_lib::files::FileSaver for Saving {
    fn pick_save(
        &self,
        _title: &str,
        name: &str,
        _filter: &str,
        _extension: &str,
    ) -> Result<Option<PathBuf>, magday_lib::error::ShellError> {
        Ok(Some(self.0.join(name)))
    }
    fn pick_open(
        &self,
        _title: &str,
        _filter: &str,
        _extension: &str,
    ) -> Result<Option<PathBuf>, magday_lib::error::ShellError> {
        Ok(None)
    }
    fn pick_folder(&self, _title: &str) -> Result<Option<PathBuf>, magday_lib::error::ShellError> {
        Ok(None)
    }
}

const PASSPHRASE: &str = "correct horse";

/// The generated command list.
fn command_list() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join("src-tauri/commands.list"))
        .expect("commands.list")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// What valid inputs are made of: the app's settings, its today, a recovery code, a food.
struct Known {
    settings: Value,
    day: String,
    code: String,
    food: Value,
    backup: Value,
    entry: Value,
}

/// A valid input for each command (`None`: it takes none).
fn valid_input(name: &str, k: &Known) -> Option<Value> {
    let (settings, code, food, backup) = (&k.settings, &k.code, &k.food, &k.backup);
    let protocol = protocol_input(&k.day);
    let range = json!({ "kind": "last7" });
    match name {
        "get_setup_options" | "get_protocol" | "get_settings" | "get_delivery_report"
        | "send_test_reminder" | "get_notification_permission"
        | "request_notification_permission" | "get_autostart" | "get_progress"
        | "get_featured_foods" | "get_breathing_options" | "get_record_status"
        | "get_record_generation" | "back_up_now" | "export_record" | "import_record"
        | "choose_sync_folder" | "sync_now" | "get_recovery" | "get_lock_status" | "lock_now"
        | "note_activity" => None,
        "check_protocol" => Some(protocol["protocol"].clone()),
        "save_protocol" => Some(protocol),
        "get_day" | "get_food_day" => Some(json!({ "day": null })),
        "tap" => Some(json!({ "day": null, "tap": { "type": "count", "key": "water", "delta": 1 } })),
        "update_settings" => Some(settings.clone()),
        "set_autostart" => Some(json!({ "enabled": true })),
        "check_in" => Some(json!({
            "day": null, "ratings": [{ "symptom": "tingling", "value": 3 }], "urgent": [], "note": ""
        })),
        "resume_after_pause" => Some(json!({ "cleared_by_clinician": true })),
        "export_report" => Some(json!({ "kind": "now", "format": "csv", "range": range })),
        "export_data" => Some(json!({ "format": "event_csv", "range": range, "person": null, "private": false })),
        "search_foods" => Some(json!({ "query": "spinach", "limit": 5 })),
        "get_food" => Some(json!({ "food_id": food })),
        "log_food" => Some(json!({ "day": null, "food_id": food, "grams": 30.0, "label": "30 g" })),
        "log_water" => Some(json!({ "day": null, "litres": 0.5, "mg_per_litre": 80.0 })),
        "update_stock" => Some(json!({ "action": "count", "units": 60.0, "unit": "capsules" })),
        "save_backup_copy" | "restore_backup" => Some(json!({ "name": backup, "mode": "merge" })),
        "set_sync_folder" => Some(json!({ "folder": null })),
        "follow_record" => Some(json!({ "profile": null })),
        "set_record_passphrase" => Some(json!({ "passphrase": "a record passphrase" })),
        "recover" => Some(json!({ "name": null })),
        "remove_food" => Some(json!({ "day": null, "entry_id": k.entry })),
        "unlock" => Some(json!({ "passphrase": PASSPHRASE })),
        "unlock_with_recovery" => Some(json!({ "code": code, "passphrase": PASSPHRASE })),
        "set_lock" => Some(json!({ "current": PASSPHRASE, "passphrase": PASSPHRASE, "idle_minutes": 5 })),
        "update_lock" => Some(json!({ "idle_minutes": 7 })),
        "turn_off_lock" => Some(json!({ "passphrase": PASSPHRASE })),
        "save_recovery_code" => Some(json!({ "code": code })),
        other => panic!("{other} is in the command list but has no valid input in tests/commands/lock.rs: add one"),
    }
}

/// The database as text: each table's schema and rows, every value quoted by SQLite.
fn dump(db: &Path) -> String {
    use sqlx::{ConnectOptions, Connection, Row};
    tauri::async_runtime::block_on(async {
        let mut c = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(db)
            .read_only(true)
            .connect()
            .await
            .expect("open");
        let tables: Vec<(String, String)> = sqlx::query_as(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name",
        )
        .fetch_all(&mut c)
        .await
        .expect("tables");
        let mut out = String::new();
        for (table, sql) in tables {
            out.push_str(&sql);
            out.push('\n');
            let cols: Vec<String> =
                sqlx::query(&format!("SELECT name FROM pragma_table_info('{table}')"))
                    .fetch_all(&mut c)
                    .await
                    .expect("columns")
                    .iter()
                    .map(|r| format!("quote(\"{}\")", r.get::<String, _>(0)))
                    .collect();
            let q = format!(
                "SELECT {} FROM \"{table}\" ORDER BY rowid",
                cols.join(" || ',' || ")
            );
            for row in sqlx::query(&q).fetch_all(&mut c).await.expect("rows") {
                out.push_str(&row.get::<String, _>(0));
                out.push('\n');
            }
        }
        c.close().await.expect("close");
        out
    })
}

fn code_of(r: &Result<Value, Value>) -> Option<String> {
    r.as_ref()
        .err()
        .and_then(|e| e["code"].as_str())
        .map(str::to_string)
}

#[test]
fn while_locked_every_command_but_the_locks_own_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saved = dir.path().join("saved");
    std::fs::create_dir_all(&saved).expect("folder");
    let h: Harness = harness_saving(dir, Some(Arc::new(Saving(saved.clone()))));
    let day = app_today(&h);
    h.ok("save_protocol", Some(protocol_input(&day)));
    h.ok(
        "tap",
        Some(json!({ "day": null, "tap": { "type": "count", "key": "water", "delta": 1 } })),
    );
    let settings = h.ok("get_settings", None);
    let food = h.ok(
        "search_foods",
        Some(json!({ "query": "spinach", "limit": 1 })),
    )[0]["id"]
        .clone();
    assert!(food.is_number(), "a food id");
    let backup = h.ok("back_up_now", None)["backups"][0]["name"].clone();
    assert!(backup.is_string(), "a backup");
    let setup = h.ok(
        "set_lock",
        Some(json!({ "current": null, "passphrase": PASSPHRASE, "idle_minutes": 5 })),
    );
    let code = setup["recovery_code"]
        .as_str()
        .expect("a recovery code")
        .to_string();
    let mut known = Known {
        settings,
        day: day.clone(),
        code,
        food,
        backup,
        entry: json!(0),
    };
    assert_eq!(setup["status"]["locked"], false, "the one who set it is in");
    assert_eq!(h.ok("lock_now", None)["locked"], true);

    let names = command_list();
    let open = magday_lib::lock::WHILE_LOCKED;
    let before = dump(&h.db);
    assert!(
        before.contains("Bisglycinate 100"),
        "the dump holds the record"
    );
    let mut refused = 0;
    for name in names.iter().filter(|n| !open.contains(&n.as_str())) {
        let r = h.call(name, valid_input(name, &known));
        assert_eq!(
            code_of(&r).as_deref(),
            Some("locked"),
            "{name} answered while locked: {r:?}"
        );
        refused += 1;
    }
    assert_eq!(refused, names.len() - open.len());
    assert_eq!(
        dump(&h.db),
        before,
        "a refused command changed the database"
    );
    assert!(
        std::fs::read_dir(&saved).expect("saved").next().is_none(),
        "a file was written"
    );
    // The lock's own commands answer.
    assert_eq!(h.ok("get_lock_status", None)["locked"], true);
    let wrong = h.call("unlock", Some(json!({ "passphrase": "not it at all" })));
    assert_eq!(code_of(&wrong).as_deref(), Some("wrong_passphrase"));
    assert_eq!(
        h.ok("unlock", Some(json!({ "passphrase": PASSPHRASE })))["locked"],
        false
    );

    // Open again: the same calls are answered (by the core's own rules, where it has one).
    let expected_refusal = |name: &str| match name {
        "set_autostart" => Some("autostart_unavailable"),
        "resume_after_pause" => Some("not_paused"),
        "follow_record" => Some("record_not_empty"),
        "recover" => Some("not_recovering"),
        _ => None,
    };
    for name in names.iter().filter(|n| n.as_str() != "turn_off_lock") {
        let r = h.call(name, valid_input(name, &known));
        let got = code_of(&r);
        assert_ne!(got.as_deref(), Some("locked"), "{name} still refused");
        assert_eq!(got.as_deref(), expected_refusal(name), "{name}: {r:?}");
        // A new manual backup takes the place of the last one: the next calls name it.
        if name == "lock_now" {
            assert_eq!(
                r.as_ref().map(|v| v["locked"].clone()).ok(),
                Some(json!(true))
            );
            h.ok("unlock", Some(json!({ "passphrase": PASSPHRASE })));
        }
        if name == "log_food" {
            known.entry = r
                .as_ref()
                .map(|v| v["entries"][0]["id"].clone())
                .unwrap_or_default();
        }
        if name == "back_up_now" {
            known.backup = r
                .as_ref()
                .map(|s| s["backups"][0]["name"].clone())
                .unwrap_or_default();
        }
    }
    // The last call used the recovery code; the passphrase turns the lock off.
    assert_eq!(
        h.ok("turn_off_lock", Some(json!({ "passphrase": PASSPHRASE })))["enabled"],
        false
    );
    assert!(
        std::fs::read_dir(&saved).expect("saved").next().is_some(),
        "the saves wrote files"
    );
}
