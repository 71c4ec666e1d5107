//! Syncing through a plain shared folder (no sync engine runs in tests): each device writes its
//! own file, reads the others', tolerates partial files, stale copies, conflict copies and
//! other people's files.

use super::*;
use crate::api::Core;
use crate::checklist::{DoseStatus, Tap};
use crate::reminders::ReminderKind;
use crate::testkit::{date, nerve, now_in};

const TZ: crate::zone::Tz = crate::zone::known::BERLIN;

async fn device(dir: &std::path::Path, name: &str) -> Core {
    let store = Store::open_as(&dir.join(format!("{name}.db")), name)
        .await
        .unwrap();
    Core::from_store(store)
}

/// Two devices, "aaaa" and "bbbb", with their own database files, and an empty shared folder.
async fn two_devices() -> (tempfile::TempDir, std::path::PathBuf, Core, Core) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir_all(&folder).unwrap();
    let a = device(dir.path(), "aaaa").await;
    let b = device(dir.path(), "bbbb").await;
    (dir, folder, a, b)
}

#[test]
fn record_files_and_conflict_copies_are_recognised() {
    for name in [
        "magday-a1b2.magday",
        "magday-a1b2.sync-conflict-20261130-101010-ABCDEFG.magday",
        "magday-a1b2 (conflicted copy 2026-11-30 101010).magday",
        "magday-a1b2 (Jane's conflicted copy 2026-11-30).magday",
    ] {
        assert!(is_record_name(name), "{name}");
    }
    for name in [
        ".magday-a1b2.magday.part",
        "notes.txt",
        "magday-a1b2.magday.tmp",
        "backup.db",
    ] {
        assert!(!is_record_name(name), "{name}");
    }
}

#[tokio::test]
async fn a_dose_ticked_on_one_device_shows_and_silences_the_other_after_a_sync() {
    let (_dir, folder, a, b) = two_devices().await;
    let now = now_in(TZ, date(2026, 3, 2), 7, 0);
    let i = nerve(date(2026, 3, 2), &["08:00", "20:00"]);
    a.save_protocol(&i, false, &now).await.unwrap();
    a.sync_folder(&folder, &now).await.unwrap();
    // b joins: it takes a's record and profile.
    let r = b.sync_folder(&folder, &now).await.unwrap();
    assert_eq!((r.added.versions, r.added.courses), (1, 1));
    assert_eq!(
        b.store().profile().await.unwrap(),
        a.store().profile().await.unwrap()
    );
    // b would remind at 08:00; a takes the dose at 08:01.
    let t = now_in(TZ, date(2026, 3, 2), 8, 1);
    assert!(b
        .due_reminders(&t)
        .await
        .unwrap()
        .iter()
        .any(|r| r.kind == ReminderKind::Dose));
    a.tap(None, &Tap::TakeDose { slot: 1, at: None }, &t)
        .await
        .unwrap();
    a.sync_folder(&folder, &t).await.unwrap();
    let r = b.sync_folder(&folder, &t).await.unwrap();
    assert_eq!(r.added.events, 1);
    let v = b.day(None, &t).await.unwrap();
    assert_eq!(v.checklist.doses[0].status, DoseStatus::Taken);
    assert!(b
        .due_reminders(&t)
        .await
        .unwrap()
        .iter()
        .all(|r| r.kind != ReminderKind::Dose));
    // Undo on b: a shows it after the next exchange.
    b.tap(None, &Tap::UndoDose { slot: 1 }, &t).await.unwrap();
    b.sync_folder(&folder, &t).await.unwrap();
    a.sync_folder(&folder, &t).await.unwrap();
    assert_eq!(
        a.day(None, &t).await.unwrap().checklist.doses[0].status,
        DoseStatus::Due
    );
    // Nothing new: every file is recognised as unchanged and nothing is merged.
    let r = a.sync_folder(&folder, &t).await.unwrap();
    assert!(!r.added.changed());
    assert!(
        r.files.iter().all(|f| f.outcome == FileOutcome::Unchanged),
        "{:?}",
        r.files
    );
    // Nor is this device's own file written again.
    let own = own_file(&folder, "aaaa");
    let before = std::fs::metadata(&own).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    a.sync_folder(&folder, &t).await.unwrap();
    assert_eq!(std::fs::metadata(&own).unwrap().modified().unwrap(), before);
    // Removed from the folder, it is written again.
    std::fs::remove_file(&own).unwrap();
    a.sync_folder(&folder, &t).await.unwrap();
    assert!(own.exists());
    let seen = a.sync_devices().await.unwrap();
    assert_eq!(
        seen.iter().map(|d| d.device.as_str()).collect::<Vec<_>>(),
        vec!["bbbb"]
    );
}

#[tokio::test]
async fn partial_stale_conflicting_and_foreign_files_are_tolerated() {
    let (dir, folder, a, b) = two_devices().await;
    let now = now_in(TZ, date(2026, 3, 2), 9, 0);
    let i = nerve(date(2026, 3, 2), &["08:00", "20:00"]);
    a.save_protocol(&i, false, &now).await.unwrap();
    a.tap(None, &Tap::TakeDose { slot: 1, at: None }, &now)
        .await
        .unwrap();
    a.sync_folder(&folder, &now).await.unwrap();
    let a_file = own_file(&folder, "aaaa");
    let full = std::fs::read(&a_file).unwrap();
    // A half-copied file: skipped, nothing merged.
    std::fs::write(&a_file, &full[..full.len() / 2]).unwrap();
    let r = b.sync_folder(&folder, &now).await.unwrap();
    assert_eq!(r.files[0].outcome, FileOutcome::Skipped);
    assert!(!r.added.changed());
    assert_eq!(b.store().event_count().await.unwrap(), 0);
    // The whole file arrives later, plus a conflict copy holding an extra event.
    std::fs::write(&a_file, &full).unwrap();
    let later = now_in(TZ, date(2026, 3, 2), 20, 5);
    a.tap(None, &Tap::TakeDose { slot: 2, at: None }, &later)
        .await
        .unwrap();
    let newer = crate::record::export(a.store(), "later").await.unwrap();
    std::fs::write(
        folder.join("magday-aaaa.sync-conflict-20261130-101010-XYZ.magday"),
        &newer,
    )
    .unwrap();
    let r = b.sync_folder(&folder, &later).await.unwrap();
    assert_eq!(r.added.events, 2, "{:?}", r.files);
    // Someone else's record in the same folder: refused, never merged.
    let stranger = device(dir.path(), "cccc").await;
    stranger.save_protocol(&i, false, &now).await.unwrap();
    stranger.sync_folder(&folder, &now).await.unwrap();
    let before = b.store().version_count().await.unwrap();
    let r = b.sync_folder(&folder, &later).await.unwrap();
    let refused: Vec<_> = r
        .files
        .iter()
        .filter(|f| f.device.as_deref() == Some("cccc"))
        .collect();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].outcome, FileOutcome::Skipped);
    assert_eq!(b.store().version_count().await.unwrap(), before);
}

/// Issue 21: a device's older file (a conflict copy whose name sorts after the file itself)
/// never takes the place of its newest one in "devices seen", sync after sync.
#[tokio::test]
async fn devices_seen_keep_each_devices_newest_file_whatever_order_the_folder_lists() {
    let (_dir, folder, a, b) = two_devices().await;
    let now = now_in(TZ, date(2026, 3, 2), 9, 0);
    a.save_protocol(&nerve(date(2026, 3, 2), &["08:00", "20:00"]), false, &now)
        .await
        .unwrap();
    let older = crate::record::export(a.store(), "2026-03-02T07:00:00+00:00")
        .await
        .unwrap();
    a.tap(
        None,
        &Tap::Count {
            key: "water".into(),
            delta: 1,
        },
        &now,
    )
    .await
    .unwrap();
    let newer = crate::record::export(a.store(), "2026-03-02T08:00:00+00:00")
        .await
        .unwrap();
    std::fs::write(own_file(&folder, "aaaa"), &newer).unwrap();
    std::fs::write(
        folder.join("magday-aaaa.sync-conflict-20260302-070000-XYZ.magday"),
        &older,
    )
    .unwrap();
    for round in 0..3 {
        b.sync_folder(&folder, &now).await.unwrap();
        let seen = b.sync_devices().await.unwrap();
        assert_eq!(seen.len(), 1, "round {round}");
        assert_eq!(
            seen[0].written_at, "2026-03-02T08:00:00+00:00",
            "round {round}: the newest file"
        );
    }
}

/// Issue 21: a new device pointed at a folder that holds two people's records joins neither
/// silently: it is asked, with each record described; once the user picks one it follows that
/// record and refuses the other; "my own" keeps a record of its own.
#[tokio::test]
async fn a_folder_with_two_records_asks_a_new_device_whose_to_follow() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir_all(&folder).unwrap();
    let now = now_in(TZ, date(2026, 3, 2), 9, 0);
    let ana = device(dir.path(), "aaaa").await;
    let mut plan = nerve(date(2026, 3, 2), &["08:00", "20:00"]);
    plan.name = "Ana's nerves".into();
    ana.save_protocol(&plan, false, &now).await.unwrap();
    ana.sync_folder(&folder, &now).await.unwrap();
    let cara = device(dir.path(), "cccc").await;
    let mut other = nerve(date(2026, 2, 16), &["09:00"]);
    other.name = "Cara's hands".into();
    cara.save_protocol(&other, false, &now_in(TZ, date(2026, 2, 16), 8, 0))
        .await
        .unwrap();
    cara.sync_folder(&folder, &now).await.unwrap();

    // A new device: asked, nothing joined.
    let b = device(dir.path(), "bbbb").await;
    let r = b.sync_folder(&folder, &now).await.unwrap();
    assert_eq!(r.choices.len(), 2, "{:?}", r.files);
    assert_eq!(r.choices[0].protocol.as_deref(), Some("Cara's hands"));
    assert_eq!(r.choices[0].started, Some(date(2026, 2, 16)));
    assert_eq!(r.choices[0].devices, ["cccc"]);
    assert_eq!(r.choices[1].protocol.as_deref(), Some("Ana's nerves"));
    assert!(!r.added.changed());
    assert!(r.files.iter().all(|f| f
        .reason
        .as_deref()
        .is_some_and(|why| why.contains("choose yours"))));
    assert!(b.store().is_empty().await.unwrap());
    // Asked again at the next sync, until the user chooses; another new device is asked about
    // the same two (B's own empty file is no one's record).
    assert_eq!(b.sync_folder(&folder, &now).await.unwrap().choices.len(), 2);
    let e = device(dir.path(), "eeee").await;
    assert_eq!(e.sync_folder(&folder, &now).await.unwrap().choices.len(), 2);

    // The user picks Ana's: B joins it and refuses Cara's.
    let anas = r.choices[1].profile.clone();
    b.follow_record(Some(&anas)).await.unwrap();
    let r = b.sync_folder(&folder, &now).await.unwrap();
    assert!(r.choices.is_empty());
    assert_eq!(b.store().profile().await.unwrap(), anas);
    assert_eq!(
        b.protocol(&now).await.unwrap().unwrap().spec.name,
        "Ana's nerves"
    );
    let refused: Vec<_> = r
        .files
        .iter()
        .filter(|f| f.outcome == FileOutcome::Skipped)
        .filter_map(|f| f.device.as_deref())
        .collect();
    assert_eq!(
        refused,
        ["cccc", "eeee"],
        "Cara's record, and E's empty one"
    );
    // Now that it holds a record, it cannot switch to another person's.
    assert_eq!(
        b.follow_record(None).await.unwrap_err().code(),
        "record_not_empty"
    );

    // Another new device starts a record of its own: nothing of either is merged.
    let d = device(dir.path(), "dddd").await;
    d.follow_record(None).await.unwrap();
    let r = d.sync_folder(&folder, &now).await.unwrap();
    assert!(r.choices.is_empty());
    assert!(!r.added.changed());
    assert!(d.store().is_empty().await.unwrap());
    assert_eq!(
        d.follow_record(Some("not a profile!"))
            .await
            .unwrap_err()
            .code(),
        "invalid_profile"
    );
}

/// Two new devices that set up the folder before either records anything still end up in one
/// record (an empty record alone is joined, as before choices were asked for).
#[tokio::test]
async fn two_new_devices_syncing_before_anything_is_recorded_share_one_record() {
    let (_dir, folder, a, b) = two_devices().await;
    let now = now_in(TZ, date(2026, 3, 2), 9, 0);
    a.sync_folder(&folder, &now).await.unwrap();
    let r = b.sync_folder(&folder, &now).await.unwrap();
    assert!(r.choices.is_empty());
    assert_eq!(
        b.store().profile().await.unwrap(),
        a.store().profile().await.unwrap()
    );
    a.save_protocol(&nerve(date(2026, 3, 2), &["08:00"]), false, &now)
        .await
        .unwrap();
    a.sync_folder(&folder, &now).await.unwrap();
    let r = b.sync_folder(&folder, &now).await.unwrap();
    assert_eq!(r.added.versions, 1, "{:?}", r.files);
}
