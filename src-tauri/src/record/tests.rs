//! The shell's record: the device id file, opening at start, recovery, the kept pause.

use magday_core::backup;

use super::*;
use crate::clock::device_now;

/// Whether `id` is a UUID version 7 in its simple form (as a fresh installation writes it).
fn v7(id: &str) -> bool {
    uuid::Uuid::try_parse(id)
        .is_ok_and(|u| u.get_version_num() == 7 && u.simple().to_string() == id)
}

#[test]
fn a_first_start_is_one_with_no_record_and_no_lock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = Paths::new(&dir.path().join("data"), &dir.path().join("config"));
    assert!(paths.first_start(), "nothing here yet");
    // The device id, the log and the backups folder do not make a record.
    device_id(&paths.config).expect("id");
    std::fs::create_dir_all(&paths.backups).expect("backups");
    assert!(paths.first_start(), "no record file yet");
    // A lock set on a device whose record was removed still shows the lock screen first.
    std::fs::write(paths.config.join(crate::lock::FILE), "{}").expect("lock");
    assert!(!paths.first_start(), "the lock's file is there");
    std::fs::remove_file(paths.config.join(crate::lock::FILE)).expect("unlock");
    std::fs::write(&paths.db, b"").expect("db");
    assert!(!paths.first_start(), "the record's file is there");
}

#[test]
fn a_fresh_install_gets_a_uuid_v7_in_its_own_file_and_a_new_one_differs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config");
    let first = device_id(&config).expect("id");
    assert!(v7(&first), "{first} is a UUID v7 in its simple form");
    assert_eq!(
        device_id(&config).expect("again"),
        first,
        "read back, not made anew"
    );
    assert_eq!(
        std::fs::read_to_string(config.join(DEVICE_FILE)).expect("file"),
        first
    );
    let second = new_device_id(&config).expect("new");
    assert!(v7(&second));
    assert_ne!(second, first);
    assert_eq!(device_id(&config).expect("after"), second);
    // A damaged id file gets a fresh id rather than a broken one.
    std::fs::write(config.join(DEVICE_FILE), "not hex!").expect("write");
    let third = device_id(&config).expect("fresh");
    assert!(v7(&third) && third != second);
}

#[test]
fn an_existing_device_id_is_kept_verbatim() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).expect("config");
    // The 16 hex digits earlier versions wrote (with the line end an editor may add), and a
    // UUID written by this one: read as they are, the file left alone. The first is not a UUID
    // and stays this installation's id.
    for written in [
        "0123456789abcdef\n",
        "9f86d081884c7d65",
        "01890a5dac96774bbcceb302099a8057",
    ] {
        std::fs::write(config.join(DEVICE_FILE), written).expect("write");
        assert_eq!(device_id(&config).expect("id"), written.trim());
        assert_eq!(
            std::fs::read_to_string(config.join(DEVICE_FILE)).expect("file"),
            written,
            "not rewritten"
        );
    }
}

#[tokio::test]
async fn a_damaged_database_opens_the_recovery_state_and_is_kept_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = Paths::new(&dir.path().join("data"), &dir.path().join("config"));
    // A first start: a fresh record, a backup taken at once (none was there).
    let (core, recovery) = open(&paths).await.expect("open");
    assert!(recovery.is_none());
    back_up_at_start(&core, &paths).await;
    assert_eq!(core.backups(&paths.backups).await.expect("list").len(), 1);
    core.store().close().await;
    std::fs::write(&paths.db, b"not a database at all").expect("damage");
    let (_, recovery) = open(&paths).await.expect("recovery");
    let view = recovery.expect("the recovery screen");
    assert_eq!(view.backups.len(), 1);
    assert!(!paths.db.exists(), "set aside");
    assert_eq!(
        std::fs::read(&view.set_aside).expect("kept"),
        b"not a database at all"
    );
    // Restoring the backup puts a good database in place, under a new device id.
    let before = device_id(&paths.config).expect("id");
    replace_with_backup(&paths, &view.backups[0].name).expect("replace");
    assert_ne!(device_id(&paths.config).expect("id"), before);
    let (_, recovery) = open(&paths).await.expect("open again");
    assert!(recovery.is_none());
}

/// Issue 22.5: the open pause kept beside the database is carried into a record put in its
/// place (a replace-restore from an older backup, an empty start after a damaged file), and
/// the file goes once the pause is cleared.
#[tokio::test]
async fn an_open_pause_survives_a_replace_restore_and_an_empty_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = Paths::new(&dir.path().join("data"), &dir.path().join("config"));
    let (core, _) = open(&paths).await.expect("open");
    let older = core
        .back_up(&paths.backups, backup::BackupReason::Manual, &device_now())
        .await
        .expect("a backup before the pause");
    let since = chrono::Utc::now().fixed_offset() - chrono::Duration::hours(1);
    let open_pause = magday_core::pause::OpenPause {
        since,
        day: since.date_naive(),
        signs: vec!["confusion".into()],
    };
    assert!(core.carry_pause(&open_pause).await.expect("paused"));
    keep_pause(&core, &paths).await;
    assert!(paths.open_pause().exists());

    replace(&core, &paths, &older.name, &device_now())
        .await
        .expect("replace");
    let (restored, _) = open(&paths).await.expect("open the restored record");
    let carried = restored.open_pause().await.expect("read").expect("carried");
    assert_eq!(carried.since, since);
    assert_eq!(carried.signs, ["confusion"]);

    restored.store().close().await;
    std::fs::write(&paths.db, b"damaged").expect("damage");
    let (_, recovery) = open(&paths).await.expect("recovery");
    assert!(recovery.is_some());
    // The recovery screen's empty start: the app starts again on no database.
    let (fresh, recovery) = open(&paths).await.expect("an empty start");
    assert!(recovery.is_none());
    assert!(fresh.open_pause().await.expect("read").is_some(), "carried");

    let cleared = magday_core::pause::ResumeInput {
        cleared_by_clinician: true,
    };
    fresh
        .resume_after_pause(&cleared, &device_now())
        .await
        .expect("cleared");
    keep_pause(&fresh, &paths).await;
    assert!(!paths.open_pause().exists(), "nothing open, nothing kept");
}
