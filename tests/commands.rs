//! Commands through real IPC requests on Tauri's mock runtime, with the app's real context
//! (its capability and CSP) and a real SQLite file.

use magday_core::api::Core;
use magday_lib::state::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
    /// The app's core, for a write the screens did not make (the tray's, a notification's).
    core: Core,
    /// The app's notifier, counting the re-plans.
    notifier: std::sync::Arc<Counting>,
}

/// The desktop's notifier, counting how often it was told the plan may have changed.
struct Counting {
    desktop: magday_lib::desktop::DesktopNotifier<MockRuntime>,
    planned: std::sync::atomic::AtomicUsize,
}

impl magday_lib::notifier::Notifier for Counting {
    fn show(
        &self,
        r: &magday_core::reminders::Reminder,
    ) -> Result<(), magday_lib::error::ShellError> {
        self.desktop.show(r)
    }
    fn permission(&self) -> magday_lib::notifier::PermissionView {
        self.desktop.permission()
    }
    fn request_permission(&self) -> magday_lib::notifier::PermissionView {
        self.desktop.request_permission()
    }
    fn plan_changed(&self) {
        self.planned
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.desktop.plan_changed();
    }
}

fn harness_with(dir: tempfile::TempDir) -> Harness {
    harness_saving(dir, None)
}

/// The harness, with `files` in place of the system's dialogs when given.
fn harness_saving(
    dir: tempfile::TempDir,
    files: Option<std::sync::Arc<dyn magday_lib::files::FileSaver>>,
) -> Harness {
    let db = dir.path().join("magday.db");
    // The same runtime the app uses.
    let core = tauri::async_runtime::block_on(Core::open(&db)).expect("core");
    let app = mock_builder()
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(magday_lib::commands::handler())
        .build(tauri::generate_context!())
        .expect("app");
    let notifier = std::sync::Arc::new(Counting {
        desktop: magday_lib::desktop::DesktopNotifier::new(app.handle().clone()),
        planned: Default::default(),
    });
    let files = files.unwrap_or_else(|| {
        std::sync::Arc::new(magday_lib::files::DialogSaver::new(app.handle().clone()))
    });
    let record = std::sync::Arc::new(magday_lib::record::RecordState::new(
        magday_lib::record::Paths::new(dir.path(), &dir.path().join("config")),
        None,
        &core,
    ));
    app.manage(AppState::new(
        core.clone(),
        std::sync::Arc::clone(&notifier) as std::sync::Arc<dyn magday_lib::notifier::Notifier>,
        files,
        record,
        std::sync::Arc::new(|| {}),
    ));
    // The record's one change path, as the app wires it.
    magday_lib::follow_changes(app.handle());
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("window");
    Harness {
        _app: app,
        window,
        _dir: dir,
        db,
        core,
        notifier,
    }
}

fn harness() -> Harness {
    harness_with(tempfile::tempdir().expect("tempdir"))
}

fn request(cmd: &str, body: Value) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        // On Linux the app's own pages are tauri://localhost; anything else counts as remote.
        url: "tauri://localhost".parse().expect("url"),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

impl Harness {
    fn call(&self, cmd: &str, input: Option<Value>) -> Result<Value, Value> {
        let body = match input {
            Some(i) => json!({ "input": i }),
            None => json!({}),
        };
        get_ipc_response(&self.window, request(cmd, body))
            .map(|b| b.deserialize::<Value>().expect("json"))
    }

    fn ok(&self, cmd: &str, input: Option<Value>) -> Value {
        self.call(cmd, input)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn err(&self, cmd: &str, input: Option<Value>) -> Value {
        match self.call(cmd, input) {
            Ok(v) => panic!("{cmd} should have failed, returned {v}"),
            Err(e) => e,
        }
    }

    /// (events, protocol versions) in the database file, read through a second connection.
    fn stored(&self) -> (i64, i64) {
        tauri::async_runtime::block_on(async {
            let store = magday_core::store::Store::open(&self.db)
                .await
                .expect("open");
            let n = (
                store.event_count().await.expect("events"),
                store.version_count().await.expect("versions"),
            );
            store.close().await;
            n
        })
    }
}

/// The app's own today ("YYYY-MM-DD"): the local date of the app's clock, less the day start
/// (before 04:00 it is still the previous day). Tests never compute it from the wall clock.
fn app_today(h: &Harness) -> String {
    let options = h.ok("get_setup_options", None);
    match options["today"].as_str() {
        Some(day) => day.to_string(),
        None => panic!("get_setup_options has no today: {options}"),
    }
}

/// A nerve protocol as onboarding sends it, starting on `start` ("YYYY-MM-DD").
fn protocol_input(start: &str) -> Value {
    json!({
        "protocol": {
            "template": "nerve",
            "name": "",
            "safety": {
                "age_band": "y31_50",
                "sex": "male",
                "pregnancy": "no",
                "kidney_disease": "no",
                "medicines": [],
                "takes_antacid_laxative": false,
                "antacid_laxative_mg": 0.0,
                "conservative_limit": false
            },
            "supplement": {
                "form": "glycinate",
                "product": "Bisglycinate 100",
                "amount_kind": "elemental",
                "mg_per_unit": 100.0,
                "doses": [{ "time": "08:00", "units": 1.0 }, { "time": "20:00", "units": 1.0 }],
                "window_minutes": 180
            },
            "start_date": start,
            "length_days": 56,
            "water_glasses": 8,
            "items_off": [],
            "optional_items": ["b6"],
            "custom_items": [],
            "symptoms": ["tingling"],
            "acknowledge_above_limit": false
        },
        "new_course": false
    })
}

#[test]
fn today_before_setup_invites_a_protocol() {
    let h = harness();
    let day = h.ok("get_day", Some(json!({})));
    assert_eq!(day["has_protocol"], false);
    assert_eq!(day["checklist"]["doses"], json!([]));
    let setup = h.ok("get_setup_options", None);
    assert_eq!(setup["templates"].as_array().map(Vec::len), Some(3));
    assert!(setup["urgent_symptoms"]
        .as_array()
        .is_some_and(|a| a.contains(&json!("irregular heartbeat"))));
    assert!(setup["disclaimer"]
        .as_str()
        .unwrap_or("")
        .contains("not medical advice"));
}

#[test]
fn saving_a_protocol_then_tapping_persists_in_sqlite() {
    let h = harness();
    let saved = h.ok("save_protocol", Some(protocol_input(&app_today(&h))));
    assert_eq!(saved["spec"]["supplement"]["daily_mg"], 200.0);
    assert_eq!(saved["spec"]["name"], "Nerve and muscle recovery");
    let day = h.ok(
        "tap",
        Some(json!({ "tap": { "type": "check", "key": "b6" } })),
    );
    let b6 = day["checklist"]["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["key"] == "b6"))
        .cloned()
        .expect("b6 item");
    assert_eq!(b6["done"], true);
    assert_eq!(h.stored(), (1, 1));
}

#[test]
fn bad_input_gets_a_typed_error_and_changes_nothing() {
    let h = harness();
    // Malformed: not the shape the command takes.
    let e = h.err("save_protocol", Some(json!({ "protocol": 5 })));
    assert_eq!(e["code"], "invalid_input");
    // Well formed, refused by the rules.
    let mut bad = protocol_input(&app_today(&h));
    bad["protocol"]["supplement"]["form"] = json!("unobtainium");
    let e = h.err("save_protocol", Some(bad));
    assert_eq!(e["code"], "unknown_form");
    assert_eq!(e["field"], "supplement.form");
    assert!(e["message"].as_str().unwrap_or("").contains("unobtainium"));
    let mut bad = protocol_input(&app_today(&h));
    bad["protocol"]["supplement"]["doses"] =
        json!([{ "time": "08:00", "units": 1.0 }, { "time": "08:00", "units": 1.0 }]);
    assert_eq!(h.err("save_protocol", Some(bad))["code"], "duplicate_time");
    // Vitamin B6 a day outside 0 to 500 mg, and a depletion factor not on the list.
    let mut bad = protocol_input(&app_today(&h));
    bad["protocol"]["b6_mg_per_day"] = json!(600.0);
    let e = h.err("save_protocol", Some(bad));
    assert_eq!(
        (&e["code"], &e["field"]),
        (&json!("invalid_b6"), &json!("b6_mg_per_day"))
    );
    let mut bad = protocol_input(&app_today(&h));
    bad["protocol"]["safety"]["depletion"] = json!(["unicorns"]);
    let e = h.err("save_protocol", Some(bad));
    assert_eq!(e["code"], "invalid_input");
    assert!(e["message"]
        .as_str()
        .unwrap_or("")
        .ends_with("is not one of the choices for what can lower magnesium."));
    assert_eq!(h.stored(), (0, 0));
    // The starting protocol the setup options send has every safety question unanswered
    // (reference §3): checking it is refused with a typed error naming the field, not a crash,
    // and so is saving it; a kidney answer that is not one of the three choices is malformed.
    let draft = h.ok("get_setup_options", None)["drafts"][0].clone();
    assert_eq!(draft["safety"]["kidney_disease"], Value::Null);
    let e = h.err("check_protocol", Some(draft.clone()));
    assert_eq!(
        (&e["code"], &e["field"]),
        (&json!("safety_unanswered"), &json!("safety.age_band"))
    );
    let e = h.err(
        "save_protocol",
        Some(json!({ "protocol": draft, "new_course": false })),
    );
    assert_eq!(e["code"], "safety_unanswered");
    let mut bad = protocol_input(&app_today(&h));
    bad["protocol"]["safety"]["kidney_disease"] = json!("perhaps");
    let e = h.err("save_protocol", Some(bad));
    assert_eq!(e["code"], "invalid_input");
    assert_eq!(e["field"], "protocol.safety.kidney_disease");
    assert_eq!(h.stored(), (0, 0));
    // A malformed field is named in the user's words, with its path.
    let e = h.err(
        "log_water",
        Some(json!({ "day": null, "litres": null, "mg_per_litre": null })),
    );
    assert_eq!(e["code"], "invalid_input");
    assert_eq!(e["field"], "litres");
    assert_eq!(e["message"], "Amount of water (litres) needs a number.");
    // Taps before setup are refused too.
    let e = h.err(
        "tap",
        Some(json!({ "tap": { "type": "check", "key": "water" } })),
    );
    assert_eq!(e["code"], "no_protocol");
    let e = h.err("get_day", Some(json!({ "day": "2099-01-01" })));
    assert_eq!(e["code"], "date_out_of_range");
    assert_eq!(h.stored(), (0, 0));
}

#[test]
fn the_main_window_may_call_only_the_apps_own_commands() {
    let h = harness();
    // The notification plugin is registered, but the page may not call it: notifications are
    // sent from Rust only.
    let e = get_ipc_response(
        &h.window,
        request("plugin:notification|is_permission_granted", json!({})),
    )
    .expect_err("the notification plugin must not be callable from the page");
    assert!(e.to_string().contains("not allowed"), "{e}");
    // Another window gets nothing: the capability names the main window only.
    let other = WebviewWindowBuilder::new(&h._app, "other", Default::default())
        .build()
        .expect("window");
    let e = get_ipc_response(&other, request("get_settings", json!({})))
        .expect_err("only the main window may call the app's commands");
    assert!(e.to_string().contains("not allowed"), "{e}");
    // A remote page may call nothing.
    let mut remote = request("get_settings", json!({}));
    remote.url = "https://example.com".parse().expect("url");
    assert!(get_ipc_response(&h.window, remote).is_err());
    // The app's own command from the main window works.
    assert!(get_ipc_response(&h.window, request("get_settings", json!({}))).is_ok());
}

#[test]
fn settings_round_trip_and_refusals() {
    let h = harness();
    let mut s = h.ok("get_settings", None);
    assert_eq!(s["day_start"], "04:00");
    s["day_start"] = json!("5:30");
    let saved = h.ok("update_settings", Some(s.clone()));
    assert_eq!(saved["day_start"], "05:30");
    s["day_start"] = json!("13:00");
    assert_eq!(
        h.err("update_settings", Some(s))["code"],
        "invalid_day_start"
    );
    assert_eq!(h.ok("get_settings", None)["day_start"], "05:30");
}

#[test]
fn the_delivery_check_and_the_notification_permission() {
    // No session bus at all: the hand-over fails, and the report says so with the reason
    // (the end-to-end tests cover a real notification server, none, and one that errs).
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/magday-tests/bus",
    );
    let h = harness();
    let report = h.ok("get_delivery_report", None);
    assert_eq!(report["expected"], 0);
    assert_eq!(report["last_test"], Value::Null);
    assert_eq!(report["problem"], Value::Null);
    let report = h.ok("send_test_reminder", None);
    assert_eq!(report["last_test"], Value::Null, "not sent: {report}");
    assert_eq!(report["problem"]["test"], true, "{report}");
    assert!(
        report["problem"]["reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty()),
        "the reason is kept: {report}"
    );
    let p = h.ok("get_notification_permission", None);
    assert_eq!(p["platform"], "desktop");
    assert_eq!(p["state"], "granted");
}

#[test]
fn progress_and_check_ins_through_ipc() {
    let h = harness();
    let p = h.ok("get_progress", None);
    assert_eq!(p["course"], Value::Null);
    h.ok("save_protocol", Some(protocol_input(&app_today(&h))));
    let r = h.ok(
        "check_in",
        Some(json!({ "day": null, "ratings": [{ "symptom": "tingling", "value": 6 }, { "symptom": "stomach", "value": 5 }], "urgent": [], "note": "" })),
    );
    assert_eq!(r["advice"][0]["code"], "loose_stools");
    assert_eq!(r["day"]["checked_in"], true);
    let p = h.ok("get_progress", None);
    assert_eq!(p["course"]["day_number"], 1);
    assert_eq!(p["symptoms"].as_array().map(Vec::len), Some(2));
    // Two ratings and the answer to "any of these now?" (none).
    let before = h.stored();
    assert_eq!(
        before.0, 3,
        "a check-in writes one event per rating plus its answer"
    );
    let e = h.err(
        "check_in",
        Some(json!({ "day": null, "ratings": [{ "symptom": "tingling", "value": 12 }], "urgent": [], "note": "" })),
    );
    assert_eq!(e["code"], "invalid_rating");
    assert_eq!(h.stored(), before, "the refused check-in wrote nothing");
}

/// Under the test command's clock matrix (libfaketime, `MAGDAY_FAKE_NOW` = the local wall-clock
/// time the matrix set, "YYYY-MM-DD HH:MM"), the app's today is that date, or the one before when
/// the time is before the day start (04:00). Without a faked clock the expected day is unknown to
/// the test, so it checks only that the commands agree with each other.
#[test]
fn today_follows_the_day_start_at_any_hour_in_any_zone() {
    let h = harness();
    let today = app_today(&h);
    assert_eq!(h.ok("get_day", Some(json!({})))["day"], today.as_str());
    assert_eq!(h.ok("get_food_day", Some(json!({})))["day"], today.as_str());
    assert_eq!(h.ok("get_progress", None)["today"], today.as_str());
    let Ok(fake) = std::env::var("MAGDAY_FAKE_NOW") else {
        return;
    };
    let local = chrono::NaiveDateTime::parse_from_str(&fake, "%Y-%m-%d %H:%M")
        .unwrap_or_else(|e| panic!("MAGDAY_FAKE_NOW {fake:?}: {e}"));
    let day_start = chrono::NaiveTime::from_hms_opt(4, 0, 0).expect("04:00");
    let expected = if local.time() < day_start {
        local.date() - chrono::Duration::days(1)
    } else {
        local.date()
    };
    assert_eq!(
        today,
        expected.format("%Y-%m-%d").to_string(),
        "at {fake} local time (TZ={:?})",
        std::env::var("TZ").ok()
    );
    // A protocol started today is on its day 1, and a tap lands on today.
    h.ok("save_protocol", Some(protocol_input(&today)));
    assert_eq!(h.ok("get_progress", None)["course"]["day_number"], 1);
    let day = h.ok(
        "tap",
        Some(json!({ "tap": { "type": "check", "key": "b6" } })),
    );
    assert_eq!(day["day"], today.as_str());
}

/// Issue 12 point 7 through IPC: both templates offer the optional items with their notes and
/// the depletion questions; B6 and depletion answers are saved, reported and come back with the
/// protocol; an input without them (an older UI) still saves.
#[test]
fn practices_cross_ipc_and_are_saved_with_the_protocol() {
    let h = harness();
    let setup = h.ok("get_setup_options", None);
    let templates = setup["templates"].as_array().cloned().unwrap_or_default();
    for t in &templates {
        let notes: Vec<bool> = t["optional_items"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|i| i["note"]["citation"].is_string())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(notes, [true; 6], "{}", t["id"]);
    }
    assert_eq!(setup["depletion_factors"].as_array().map(Vec::len), Some(7));
    let mut input = protocol_input(&app_today(&h));
    input["protocol"]["b6_mg_per_day"] = json!(150.0);
    input["protocol"]["safety"]["depletion"] = json!(["type2_diabetes"]);
    let check = h.ok("check_protocol", Some(input["protocol"].clone()));
    let codes: Vec<&str> = check["report"]["findings"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["code"].as_str()).collect())
        .unwrap_or_default();
    assert!(codes.contains(&"b6_above_iom") && codes.contains(&"depletion_type2_diabetes"));
    assert_eq!(check["refusal"], Value::Null);
    let saved = h.ok("save_protocol", Some(input));
    assert_eq!(saved["spec"]["b6_mg_per_day"], 150.0);
    assert_eq!(
        saved["spec"]["safety"]["depletion"],
        json!(["type2_diabetes"])
    );
    let p = h.ok("get_protocol", None);
    assert_eq!(p["spec"]["b6_mg_per_day"], 150.0);
    let day = h.ok("get_day", Some(json!({})));
    let b6 = day["checklist"]["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["key"] == "b6"))
        .cloned()
        .unwrap_or_default();
    assert!(b6["guidance"]["text"]
        .as_str()
        .unwrap_or("")
        .contains("peripheral neuropathy"));
}

#[test]
fn a_change_from_elsewhere_is_pushed_to_the_screens_not_polled() {
    use tauri::Listener;
    let h = harness();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    h.window
        .app_handle()
        .listen(magday_lib::changes::RECORD_CHANGED, move |event| {
            let _ = tx.send(event.payload().to_string());
        });
    let status = h.call("back_up_now", None).expect("a backup");
    let name = status["backups"][0]["name"]
        .as_str()
        .expect("the backup's name")
        .to_string();
    assert!(rx.try_recv().is_err(), "a backup changes nothing on show");
    h.call(
        "restore_backup",
        Some(json!({ "name": name, "mode": "merge" })),
    )
    .expect("a merge restore");
    let pushed = rx
        .recv_timeout(std::time::Duration::from_secs(5))
        .expect("record-changed is emitted");
    assert_eq!(pushed, "1", "the payload is the new generation");
    // (A sleep, not a receive that must time out: under the clock matrix's libfaketime such a
    // receive never returns.)
    std::thread::sleep(std::time::Duration::from_secs(1));
    assert!(
        rx.try_recv().is_err(),
        "one event: the backup before the restore told the screens nothing"
    );
    assert_eq!(
        h.call("get_record_generation", None).expect("generation"),
        json!(1)
    );
}

impl Harness {
    /// How often the reminders were re-planned so far.
    fn planned(&self) -> usize {
        self.notifier
            .planned
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Wait (at most 10 s) until the reminders were re-planned more than `before` times.
    fn replanned_since(&self, before: usize, what: &str) {
        let start = std::time::Instant::now();
        while self.planned() <= before {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(10),
                "{what} did not re-plan the reminders"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

/// Every write reaches the reminders through the record's one change path. A command's writes
/// (a save, a tap) re-plan them without telling the screens to reload: the screen that asked
/// shows what the command answered. A write the screens did not make (the tray's "Mark taken",
/// a notification's button: straight into the core) re-plans them and tells the screens, with
/// the generation `get_record_generation` answers from then on.
#[test]
fn every_write_replans_the_reminders_through_the_one_change_path() {
    use tauri::Listener;
    let h = harness();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    h.window
        .app_handle()
        .listen(magday_lib::changes::RECORD_CHANGED, move |event| {
            let _ = tx.send(event.payload().to_string());
        });
    assert_eq!(h.planned(), 0, "nothing written yet");
    let before = h.planned();
    h.ok("save_protocol", Some(protocol_input(&app_today(&h))));
    h.replanned_since(before, "saving the protocol");
    let before = h.planned();
    h.ok(
        "tap",
        Some(json!({ "tap": { "type": "check", "key": "b6" } })),
    );
    h.replanned_since(before, "a tap");
    // The event goes out before the re-plan it comes with: none went out for the screens' own.
    assert!(
        rx.try_recv().is_err(),
        "no reload for the screens' own writes"
    );
    assert_eq!(h.ok("get_record_generation", None), json!(0));

    let before = h.planned();
    tauri::async_runtime::block_on(async {
        let mut settings = h.core.settings().await.expect("settings");
        settings.reminders.nag_every_min = Some(15);
        h.core
            .update_settings(settings)
            .await
            .expect("saved elsewhere");
    });
    let pushed = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("record-changed is emitted");
    assert_eq!(pushed, "1", "the first generation the screens did not make");
    h.replanned_since(before, "a write from elsewhere");
    assert_eq!(h.ok("get_record_generation", None), json!(1));
    assert!(rx.try_recv().is_err(), "one change, one event");
}

/// Issue 24: without a start at login (phones; this harness), the view says unavailable and
/// turning it on is refused with its code, remembering nothing.
#[test]
fn start_at_login_is_unavailable_without_the_platforms_entry() {
    let h = harness();
    let view = h.ok("get_autostart", None);
    assert_eq!(
        view,
        json!({ "available": false, "enabled": false, "offered": false })
    );
    let e = h.err("set_autostart", Some(json!({ "enabled": true })));
    assert_eq!(e["code"], "autostart_unavailable");
    assert_eq!(h.ok("get_autostart", None)["offered"], false);
    let bad = h.err("set_autostart", Some(json!({ "enabled": "yes" })));
    assert_eq!(bad["code"], "invalid_input");
}

/// The desktop's notifier, recording what it was asked to show (the real D-Bus server is the
/// end-to-end tests' part; here the loop's decisions are under test).
#[cfg(desktop)]
#[derive(Default)]
struct Shown(std::sync::Mutex<Vec<String>>);

#[cfg(desktop)]
impl magday_lib::notifier::Notifier for Shown {
    fn show(
        &self,
        r: &magday_core::reminders::Reminder,
    ) -> Result<(), magday_lib::error::ShellError> {
        self.0.lock().unwrap().push(r.title.clone());
        Ok(())
    }
    fn permission(&self) -> magday_lib::notifier::PermissionView {
        unimplemented!("not asked by the loop")
    }
    fn request_permission(&self) -> magday_lib::notifier::PermissionView {
        unimplemented!("not asked by the loop")
    }
    fn plan_changed(&self) {}
}

/// Issue 24, suspend and resume: the loop reads the wall clock at each look, so after the
/// machine slept three hours its next look (within a minute of waking: `tokio::time::sleep`
/// runs on the monotonic clock, which stops while suspended) shows what came due meanwhile,
/// once per dose, and never again.
#[cfg(desktop)]
#[test]
fn the_loop_after_a_three_hour_sleep_shows_each_due_dose_once() {
    use magday_core::day::Now;
    use magday_core::zone::Tz;
    let tz: Tz = "Europe/Berlin".parse().unwrap();
    let at = |h: u32, m: u32| -> Now {
        use chrono::TimeZone;
        let local = tz.with_ymd_and_hms(2026, 11, 10, h, m, 0).single().unwrap();
        Now::new(local.with_timezone(&chrono::Utc), tz)
    };
    let dir = tempfile::tempdir().unwrap();
    tauri::async_runtime::block_on(async {
        let core = Core::open(&dir.path().join("magday.db")).await.unwrap();
        let mut settings = core.settings().await.unwrap();
        settings.reminders.nag_every_min = Some(15);
        core.update_settings(settings).await.unwrap();
        let input: magday_core::protocol::ProtocolInput =
            serde_json::from_value(protocol_input("2026-11-01")["protocol"].clone()).unwrap();
        core.save_protocol(&input, false, &at(6, 0)).await.unwrap();
        let shown = Shown::default();
        let look = |h, m| {
            let now = at(h, m);
            let (core, shown) = (&core, &shown);
            async move { magday_lib::desktop::tick_at(core, shown, &now, move || now).await }
        };
        look(7, 0).await;
        assert!(shown.0.lock().unwrap().is_empty());
        // Asleep from 07:00 to 10:00: dose 1 (08:00, window 180 min) and three repeats are due.
        look(10, 0).await;
        assert_eq!(
            *shown.0.lock().unwrap(),
            ["Magnesium: dose 1 at 08:00 is still open"]
        );
        look(10, 1).await;
        assert_eq!(shown.0.lock().unwrap().len(), 1, "once");
        // Asleep again past dose 2's whole window: nothing; it shows as missed.
        look(23, 30).await;
        assert_eq!(shown.0.lock().unwrap().len(), 1);
    });
}

#[path = "commands/lock.rs"]
mod lock;
