//! The record file: written and read back whole, refused (with no change) when it is not one,
//! truncated, damaged, newer, or another person's; merged as a set union by global id.

use super::*;
use crate::api::Core;
use crate::checklist::Tap;
use crate::testkit::{core_with_protocol, date, now_in};

const TZ: crate::zone::Tz = crate::zone::known::BERLIN;

async fn with_record() -> Core {
    let core = core_with_protocol(date(2026, 3, 2)).await;
    let now = now_in(TZ, date(2026, 3, 2), 9, 0);
    core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &now)
        .await
        .unwrap();
    core.tap(
        None,
        &Tap::Count {
            key: "water".into(),
            delta: 1,
        },
        &now,
    )
    .await
    .unwrap();
    core
}

async fn counts(core: &Core) -> (i64, i64) {
    (
        core.store().event_count().await.unwrap(),
        core.store().version_count().await.unwrap(),
    )
}

#[tokio::test]
async fn a_record_reads_back_as_written_and_merges_into_an_empty_one() {
    let a = with_record().await;
    let bytes = export(a.store(), "2026-03-02T09:00:00+00:00")
        .await
        .unwrap();
    let file = decode(&bytes).unwrap();
    assert_eq!(file.header.format, FORMAT);
    assert_eq!(file.header.version, PLAIN_VERSION);
    assert_eq!(file.header.events, 2);
    assert_eq!(file.body, a.store().export_body().await.unwrap());
    // A fresh installation takes the record's profile and everything in it.
    let b = Core::open_in_memory().await.unwrap();
    let added = merge(b.store(), &file, "t").await.unwrap();
    assert_eq!((added.events, added.versions, added.courses), (2, 1, 1));
    assert_eq!(
        b.store().profile().await.unwrap(),
        a.store().profile().await.unwrap()
    );
    assert_eq!(
        b.store().export_body().await.unwrap().events,
        file.body.events
    );
    // Twice: nothing more.
    assert!(!merge(b.store(), &file, "t").await.unwrap().changed());
    let now = now_in(TZ, date(2026, 3, 2), 10, 0);
    let (va, vb) = (
        a.day(None, &now).await.unwrap(),
        b.day(None, &now).await.unwrap(),
    );
    assert_eq!(va.checklist.doses, vb.checklist.doses);
    assert_eq!(va.checklist.items, vb.checklist.items);
}

#[tokio::test]
async fn bad_files_are_refused_with_their_reason_and_change_nothing() {
    let a = with_record().await;
    let bytes = export(a.store(), "2026-03-02T09:00:00+00:00")
        .await
        .unwrap();
    let b = with_record().await;
    let before = counts(&b).await;
    let code = |r: Result<RecordFile>| r.unwrap_err().code();
    // Truncated anywhere in the body.
    for cut in [
        bytes.len() - 2,
        bytes.len() / 2,
        bytes.iter().position(|b| *b == b'\n').unwrap() + 5,
    ] {
        assert_eq!(
            code(decode(&bytes[..cut])),
            "truncated_record",
            "cut at {cut}"
        );
    }
    // One byte changed in the body.
    let mut flipped = bytes.clone();
    let at = bytes.len() - 40;
    flipped[at] = if flipped[at] == b'1' { b'2' } else { b'1' };
    assert_eq!(code(decode(&flipped)), "corrupted_record");
    // Not a record at all; random bytes; a newer format.
    assert_eq!(code(decode(b"SQLite format 3\0")), "not_a_record");
    assert_eq!(
        code(decode(&[0xff, 0x00, 0x13, b'\n', 0x01])),
        "not_a_record"
    );
    let text = String::from_utf8(bytes.clone()).unwrap();
    let newer = text.replacen("\"version\":1", "\"version\":3", 1);
    assert_eq!(code(decode(newer.as_bytes())), "newer_format");
    // Another person's record (b already holds one of its own).
    let file = decode(&bytes).unwrap();
    let e = merge(b.store(), &file, "t").await.unwrap_err();
    assert_eq!(e.code(), "foreign_profile");
    assert_eq!(counts(&b).await, before, "nothing changed");
}

#[tokio::test]
async fn an_older_copy_loses_nothing_and_a_newer_one_adds_what_is_missing() {
    let a = with_record().await;
    let old = decode(&export(a.store(), "t1").await.unwrap()).unwrap();
    let now = now_in(TZ, date(2026, 3, 2), 20, 5);
    a.tap(None, &Tap::TakeDose { slot: 2, at: None }, &now)
        .await
        .unwrap();
    let new = decode(&export(a.store(), "t2").await.unwrap()).unwrap();
    let b = Core::open_in_memory().await.unwrap();
    assert_eq!(merge(b.store(), &new, "t").await.unwrap().events, 3);
    // The older copy afterwards: nothing lost, nothing added.
    assert!(!merge(b.store(), &old, "t").await.unwrap().changed());
    assert_eq!(b.store().event_count().await.unwrap(), 3);
    let c = Core::open_in_memory().await.unwrap();
    assert_eq!(merge(c.store(), &old, "t").await.unwrap().events, 2);
    assert_eq!(merge(c.store(), &new, "t").await.unwrap().events, 1);
}

#[tokio::test]
async fn a_food_removed_on_another_device_stays_removed_after_merging() {
    use crate::food::day::{LogWaterInput, RemoveFoodInput};
    let a = with_record().await;
    let now = now_in(TZ, date(2026, 3, 2), 12, 0);
    let view = a
        .log_water(
            &LogWaterInput {
                day: None,
                litres: 0.5,
                mg_per_litre: Some(100.0),
            },
            &now,
        )
        .await
        .unwrap();
    let id = view.entries[0].id;
    let b = Core::open_in_memory().await.unwrap();
    merge(
        b.store(),
        &decode(&export(a.store(), "t").await.unwrap()).unwrap(),
        "t",
    )
    .await
    .unwrap();
    // Removed on b (its own row id), then merged back into a.
    let b_id = b.food_day(None, &now).await.unwrap().entries[0].id;
    b.remove_food(
        &RemoveFoodInput {
            day: None,
            entry_id: b_id,
        },
        &now,
    )
    .await
    .unwrap();
    merge(
        a.store(),
        &decode(&export(b.store(), "t").await.unwrap()).unwrap(),
        "t",
    )
    .await
    .unwrap();
    assert!(a
        .food_day(None, &now)
        .await
        .unwrap()
        .entries
        .iter()
        .all(|e| e.id != id));
}

#[tokio::test]
async fn a_version_whose_course_is_nowhere_refuses_the_file() {
    let a = with_record().await;
    let mut body = a.store().export_body().await.unwrap();
    body.versions[0].course_gid = "elsewhere:99".into();
    body.courses.clear();
    let bytes = encode(&body, &a.store().profile().await.unwrap(), "x", "t").unwrap();
    let file = decode(&bytes).unwrap();
    let b = Core::open_in_memory().await.unwrap();
    let e = merge(b.store(), &file, "t").await.unwrap_err();
    assert_eq!(e.code(), "corrupted_record");
    assert_eq!(counts(&b).await, (0, 0), "nothing merged");
}
