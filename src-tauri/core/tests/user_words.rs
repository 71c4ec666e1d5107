//! Issue 21: every message a person sees is in the app's own words, with a code for support; the
//! system's text (SQLite's, D-Bus's, the file system's) is kept in `details` for the log and a
//! "details" line. Each failure here is a real one, on real files.

use std::time::{Duration, Instant};

use magday_core::api::Core;
use magday_core::backup::{self, FileHealth};
use magday_core::checklist::Tap;
use magday_core::day::Now;
use magday_core::reminders::delivery::in_own_words;
use magday_core::{ApiError, CoreError};
use sqlx::Connection;

mod common;

use common::{date, file_core, now_in_berlin};

/// What no message for a person may hold.
const SYSTEM_WORDS: [&str; 4] = [
    "error returned from database",
    "org.freedesktop",
    "(code:",
    "os error",
];

fn assert_own_words(what: &str, message: &str) {
    for w in SYSTEM_WORDS {
        assert!(!message.contains(w), "{what}: {message:?} holds {w:?}");
    }
    assert!(!message.is_empty(), "{what}: an empty message");
}

/// 09:00 on 2 March 2026 in Berlin.
fn now() -> Now {
    now_in_berlin(date(2026, 3, 2), 9, 0)
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_told_in_the_apps_words() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("magday.db");
    std::fs::write(
        &path,
        b"this is a shopping list, not a database\n".repeat(200),
    )
    .expect("written");

    let e = Core::open(&path).await.expect_err("not a database");
    let api = ApiError::from(e);
    assert_eq!(api.code, "storage");
    assert_own_words("opening", &api.message);
    assert!(api
        .details
        .as_deref()
        .is_some_and(|d| d.contains("file is not a database")));

    match backup::check_file(&path).await {
        FileHealth::Damaged { reason, details } => {
            assert_own_words("the recovery screen", &reason);
            assert!(details.contains("(code: 26)"), "{details}");
        }
        other => panic!("not damaged: {other:?}"),
    }
}

#[tokio::test]
async fn a_write_that_never_gets_its_turn_is_busy_in_words_a_person_understands() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("magday.db");
    let core = Core::open(&path).await.expect("opens");
    core.save_protocol(&common::input(date(2026, 3, 2), 8), false, &now())
        .await
        .expect("a protocol");
    // Another process holds the database for longer than the busy timeout (5 s).
    let mut other = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("a second connection");
    sqlx::query("BEGIN EXCLUSIVE")
        .execute(&mut other)
        .await
        .expect("the lock");
    let started = Instant::now();
    let tap = Tap::Count {
        key: "water".into(),
        delta: 1,
    };
    let e = core.tap(None, &tap, &now()).await.expect_err("no turn");
    assert!(
        started.elapsed() >= Duration::from_secs(4),
        "it waited its turn first"
    );
    assert_eq!(e.code(), "busy", "{e:?}");
    let api = ApiError::from(e);
    assert_own_words("busy", &api.message);
    assert!(
        api.message.contains("nothing was changed"),
        "{}",
        api.message
    );
    sqlx::query("ROLLBACK")
        .execute(&mut other)
        .await
        .expect("released");
    // And once the other writer is done, the same tap goes through.
    let day = core.tap(None, &tap, &now()).await.expect("its turn");
    let water = day.checklist.item("water").expect("water");
    assert_eq!(water.count, 1, "the refused tap stored nothing");
}

#[tokio::test]
async fn a_file_that_cannot_be_written_is_told_in_the_apps_words() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let core = file_core(dir.path()).await;
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"a file").expect("written");
    let e = core
        .export_record(&blocker.join("record.magday"), &now())
        .await
        .expect_err("cannot write inside a file");
    let api = ApiError::from(e);
    assert_eq!(api.code, "io");
    assert_own_words("export", &api.message);
    assert!(api.details.is_some());
}

#[test]
fn a_notification_the_system_refused_is_told_in_the_apps_words() {
    for (system, code) in [
        (
            "org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.Notifications was not provided by any .service files",
            "no_notification_service",
        ),
        (
            "org.freedesktop.DBus.Error.AccessDenied: Rejected send message",
            "notifications_not_allowed",
        ),
        (
            "org.freedesktop.Notifications.Error.Refused: no notifications today",
            "notification_refused",
        ),
    ] {
        let (c, words) = in_own_words(system);
        assert_eq!(c, code, "{system}");
        assert_own_words(system, words);
    }
}

#[test]
fn refusals_keep_their_own_message_and_carry_no_details() {
    let e = CoreError::refused("before_course", "Your course starts on 2 March 2026.");
    let api = ApiError::from(e);
    assert_eq!(api.message, "Your course starts on 2 March 2026.");
    assert_eq!(api.details, None);
}
