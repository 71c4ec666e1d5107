//! Syncing sealed record files through a plain shared folder: devices with the record
//! passphrase converge and nothing of the record is in the folder in clear; a device without it
//! (or with another) skips their files with the reason, loses nothing and still writes its own;
//! turning the passphrase on or off rewrites this device's file at the next sync.

use super::*;
use crate::api::Core;
use crate::checklist::Tap;
use crate::record::{self, Header};
use crate::testkit::{date, nerve, now_in};

const TZ: crate::zone::Tz = crate::zone::known::BERLIN;
const PASSPHRASE: &str = "correct horse battery";

async fn device(dir: &std::path::Path, name: &str) -> Core {
    let store = Store::open_as(&dir.join(format!("{name}.db")), name)
        .await
        .unwrap();
    Core::from_store(store)
}

fn set(core: &Core, passphrase: Option<&str>) {
    core.set_record_passphrase(passphrase.map(String::from))
        .unwrap();
}

/// Every record file of `folder`, as bytes.
fn files(folder: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn contains(bytes: &[u8], word: &str) -> bool {
    bytes.windows(word.len()).any(|w| w == word.as_bytes())
}

fn header(path: &std::path::Path) -> Header {
    record::header_of(&std::fs::read(path).unwrap()).unwrap().0
}

/// The reasons `r` gives for skipping each device's file.
fn skipped(r: &SyncReport) -> Vec<(Option<&str>, Option<&str>)> {
    r.files
        .iter()
        .filter(|f| f.outcome == FileOutcome::Skipped)
        .map(|f| (f.device.as_deref(), f.reason.as_deref()))
        .collect()
}

fn water() -> Tap {
    Tap::Count {
        key: "water".into(),
        delta: 1,
    }
}

#[tokio::test]
async fn devices_with_the_passphrase_converge_and_one_without_skips_their_files_losing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir_all(&folder).unwrap();
    let now = now_in(TZ, date(2026, 3, 2), 9, 0);
    let (a, b, c) = (
        device(dir.path(), "aaaa").await,
        device(dir.path(), "bbbb").await,
        device(dir.path(), "cccc").await,
    );
    // One record on three devices, joined before any passphrase.
    a.save_protocol(&nerve(date(2026, 3, 2), &["08:00", "20:00"]), false, &now)
        .await
        .unwrap();
    for d in [&a, &b, &c] {
        d.sync_folder(&folder, &now).await.unwrap();
    }
    // A and B take the passphrase; A notes, B counts a glass: they converge.
    set(&a, Some(PASSPHRASE));
    set(&b, Some(PASSPHRASE));
    let note = Tap::Note {
        item: "day".into(),
        text: "tangerine lighthouse".into(),
    };
    a.tap(None, &note, &now).await.unwrap();
    b.tap(None, &water(), &now).await.unwrap();
    for d in [&a, &b, &a] {
        let r = d.sync_folder(&folder, &now).await.unwrap();
        assert!(skipped(&r).iter().all(|(_, why)| why.is_none()), "{r:?}");
    }
    let body_a = a.store().export_body().await.unwrap();
    assert_eq!(body_a, b.store().export_body().await.unwrap());
    assert_eq!(body_a.events.len(), 2, "A's note and B's glass on both");
    assert!(header(&own_file(&folder, "aaaa")).sealed.is_some());
    assert!(header(&own_file(&folder, "bbbb")).sealed.is_some());

    // C has no passphrase: A's and B's files are skipped with the reason; C keeps its own entry
    // and writes its own file, plain.
    c.tap(None, &water(), &now).await.unwrap();
    let c_before = c.store().export_body().await.unwrap();
    let needs = record::decode(&std::fs::read(own_file(&folder, "aaaa")).unwrap()).unwrap_err();
    assert_eq!(needs.code(), "needs_record_passphrase");
    let r = c.sync_folder(&folder, &now).await.unwrap();
    let reason = needs.to_string();
    assert_eq!(
        skipped(&r),
        [
            (Some("aaaa"), Some(reason.as_str())),
            (Some("bbbb"), Some(reason.as_str()))
        ]
    );
    assert!(!r.added.changed());
    assert_eq!(
        c.store().export_body().await.unwrap(),
        c_before,
        "C lost nothing"
    );
    let c_file = std::fs::read(own_file(&folder, "cccc")).unwrap();
    let c_read = record::decode(&c_file).unwrap();
    assert_eq!(
        c_read.body, c_before,
        "C's own file written, plain, with its entry"
    );
    // Nothing of A's note anywhere in the folder.
    for (name, bytes) in files(&folder) {
        for word in ["tangerine", "lighthouse"] {
            assert!(!contains(&bytes, word), "{word} in {name}");
        }
    }

    // Another passphrase: skipped too, with that reason.
    set(&c, Some("correct horse staple"));
    let r = c.sync_folder(&folder, &now).await.unwrap();
    let wrong = "A file from this record could not be opened with this device's record passphrase.";
    assert_eq!(
        skipped(&r),
        [(Some("aaaa"), Some(wrong)), (Some("bbbb"), Some(wrong))]
    );
    assert_eq!(c.store().export_body().await.unwrap(), c_before);

    // The right one: C merges them, and all three converge.
    set(&c, Some(PASSPHRASE));
    let r = c.sync_folder(&folder, &now).await.unwrap();
    assert!(skipped(&r).is_empty(), "{r:?}");
    assert_eq!(r.added.events, 2, "A's note and B's glass");
    for d in [&a, &b, &c, &a, &b] {
        d.sync_folder(&folder, &now).await.unwrap();
    }
    let body = c.store().export_body().await.unwrap();
    assert_eq!(body.events.len(), 3);
    assert_eq!(a.store().export_body().await.unwrap(), body);
    assert_eq!(b.store().export_body().await.unwrap(), body);
    for (name, bytes) in files(&folder) {
        assert!(
            record::header_of(&bytes).unwrap().0.sealed.is_some(),
            "{name}"
        );
        for word in ["tangerine", "lighthouse", "glycinate"] {
            assert!(!contains(&bytes, word), "{word} in {name}");
        }
    }
}

#[tokio::test]
async fn turning_the_passphrase_on_or_off_rewrites_this_devices_file_at_the_next_sync() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir_all(&folder).unwrap();
    let now = now_in(TZ, date(2026, 3, 2), 9, 0);
    let a = device(dir.path(), "aaaa").await;
    a.save_protocol(&nerve(date(2026, 3, 2), &["08:00"]), false, &now)
        .await
        .unwrap();
    let own = own_file(&folder, "aaaa");
    let read = || std::fs::read(&own).unwrap();
    a.sync_folder(&folder, &now).await.unwrap();
    let plain = read();
    assert_eq!(header(&own).sealed, None);
    a.sync_folder(&folder, &now).await.unwrap();
    assert_eq!(read(), plain, "nothing changed: not rewritten");

    // On: rewritten sealed, though nothing else changed; then left alone.
    set(&a, Some(PASSPHRASE));
    assert!(a.record_passphrase_set());
    a.sync_folder(&folder, &now).await.unwrap();
    let sealed = read();
    let h = header(&own);
    assert_eq!(
        (h.version, h.body_sha256.clone()),
        (2, header_of_bytes(&plain).body_sha256)
    );
    let keys = record::Keys::default();
    keys.set(Some(PASSPHRASE.into())).unwrap();
    assert_eq!(
        record::decode_with(&sealed, &keys).unwrap().body,
        record::decode(&plain).unwrap().body
    );
    a.sync_folder(&folder, &now).await.unwrap();
    assert_eq!(read(), sealed, "sealed as wanted: not rewritten");
    // The same passphrase after a restart (another salt for new files): not rewritten either.
    let again = Core::from_store(a.store().clone());
    set(&again, Some(PASSPHRASE));
    again.sync_folder(&folder, &now).await.unwrap();
    assert_eq!(read(), sealed, "it still opens with this passphrase");

    // Another passphrase: rewritten with it.
    set(&a, Some("correct horse staple"));
    a.sync_folder(&folder, &now).await.unwrap();
    assert_eq!(
        record::decode_with(&read(), &keys).unwrap_err().code(),
        "wrong_record_passphrase"
    );
    // Off: rewritten plain.
    set(&a, None);
    assert!(!a.record_passphrase_set());
    a.sync_folder(&folder, &now).await.unwrap();
    assert_eq!(header(&own).sealed, None);
    assert_eq!(
        record::decode(&read()).unwrap().body,
        record::decode(&plain).unwrap().body
    );
}

fn header_of_bytes(bytes: &[u8]) -> Header {
    record::header_of(bytes).unwrap().0
}
