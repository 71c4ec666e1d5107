//! Exporting and importing the record with a record passphrase: the export is sealed, imports
//! with the passphrase, and without it (or with another) is refused with nothing changed.

use crate::api::Core;
use crate::checklist::Tap;
use crate::testkit::{core_with_protocol, date, file_core, now_in};

const TZ: crate::zone::Tz = crate::zone::known::BERLIN;
const PASSPHRASE: &str = "correct horse battery";

/// Everything the record holds, and the counts the store keeps.
async fn dump(core: &Core) -> (crate::store::RecordBody, i64, i64) {
    (
        core.store().export_body().await.unwrap(),
        core.store().event_count().await.unwrap(),
        core.store().version_count().await.unwrap(),
    )
}

#[tokio::test]
async fn a_sealed_export_imports_with_the_passphrase_and_is_refused_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let now = now_in(TZ, date(2026, 3, 2), 9, 0);
    let a = core_with_protocol(date(2026, 3, 2)).await;
    let note = Tap::Note {
        item: "day".into(),
        text: "tangerine lighthouse".into(),
    };
    a.tap(None, &note, &now).await.unwrap();
    a.set_record_passphrase(Some(PASSPHRASE.into())).unwrap();
    let path = a
        .export_record(&dir.path().join("record"), &now)
        .await
        .unwrap();
    assert_eq!(path.extension().and_then(|e| e.to_str()), Some("magday"));
    let bytes = std::fs::read(&path).unwrap();
    for word in ["tangerine", "lighthouse", "glycinate"] {
        assert!(
            !bytes.windows(word.len()).any(|w| w == word.as_bytes()),
            "{word}"
        );
    }

    // Another device of the same person: without the passphrase, then with another, refused
    // before anything is done (not even the backup before an import).
    let b = core_with_protocol(date(2026, 3, 2)).await;
    b.tap(None, &Tap::TakeDose { slot: 1, at: None }, &now)
        .await
        .unwrap();
    let backups = dir.path().join("backups");
    let before = dump(&b).await;
    let e = b.import_record(&path, &backups, &now).await.unwrap_err();
    assert_eq!(e.code(), "needs_record_passphrase");
    b.set_record_passphrase(Some("correct horse staple".into()))
        .unwrap();
    let e = b.import_record(&path, &backups, &now).await.unwrap_err();
    assert_eq!(e.code(), "wrong_record_passphrase");
    assert_eq!(dump(&b).await, before, "nothing changed");
    assert!(!backups.exists(), "no backup taken");

    // With it: a fresh device takes the whole record.
    let c = file_core(dir.path()).await;
    c.set_record_passphrase(Some(PASSPHRASE.into())).unwrap();
    let r = c.import_record(&path, &backups, &now).await.unwrap();
    assert_eq!((r.added.events, r.added.versions), (1, 1));
    assert_eq!(
        c.store().export_body().await.unwrap(),
        a.store().export_body().await.unwrap()
    );
    // Turned off, A exports plain (version 1), and C, with a passphrase, imports it.
    a.set_record_passphrase(None).unwrap();
    a.tap(None, &Tap::TakeDose { slot: 1, at: None }, &now)
        .await
        .unwrap();
    let plain = a
        .export_record(&dir.path().join("plain.magday"), &now)
        .await
        .unwrap();
    let text = std::fs::read(&plain).unwrap();
    assert!(text.starts_with(b"{\"format\":\"magday-record\",\"version\":1,"));
    let r = c.import_record(&plain, &backups, &now).await.unwrap();
    assert_eq!(r.added.events, 1);
}
