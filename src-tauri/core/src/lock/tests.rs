//! The app lock against a real file in a temporary folder, with fixed instants and light
//! Argon2id parameters (the stored PHC strings carry them).

use super::*;
use chrono::TimeZone;

const PASS: &str = "correct horse";
const FILE: &str = "lock.json";

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 10, 8, 0, 0).unwrap()
}

fn secs(s: i64) -> Duration {
    Duration::seconds(s)
}

fn light() -> Params {
    Params::new(Params::MIN_M_COST, 1, 1, None).unwrap()
}

fn open(dir: &tempfile::TempDir, now: DateTime<Utc>) -> Lock {
    Lock::open_with(&dir.path().join(FILE), light(), now)
}

fn bytes(dir: &tempfile::TempDir) -> Vec<u8> {
    std::fs::read(dir.path().join(FILE)).unwrap()
}

fn stored(dir: &tempfile::TempDir) -> LockFile {
    serde_json::from_slice(&bytes(dir)).unwrap()
}

/// A lock turned on with [`PASS`] at [`t0`], idle 5 minutes, and its recovery code.
fn enabled() -> (tempfile::TempDir, Lock, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut lock = open(&dir, t0());
    let setup = lock.enable(PASS, 5, t0()).unwrap();
    (dir, lock, setup.recovery_code)
}

fn refused<T: std::fmt::Debug>(r: Result<T>) -> (&'static str, String) {
    let e = r.unwrap_err();
    (e.code(), e.to_string())
}

fn field_of<T: std::fmt::Debug>(r: Result<T>) -> String {
    match r.unwrap_err() {
        CoreError::Invalid { field, .. } => field,
        other => panic!("not an invalid input: {other:?}"),
    }
}

#[test]
fn no_file_means_off_and_unlocked() {
    let dir = tempfile::tempdir().unwrap();
    let lock = open(&dir, t0());
    assert!(!lock.is_enabled());
    assert!(!lock.is_locked());
    assert_eq!(
        lock.status(t0()),
        LockStatus {
            enabled: false,
            locked: false,
            idle_minutes: DEFAULT_IDLE_MINUTES,
            wait_seconds: 0,
            failed_tries: 0,
            notice: None,
        }
    );
}

#[test]
fn a_file_locks_the_app_at_start() {
    let (dir, lock, _) = enabled();
    assert!(lock.is_enabled());
    assert!(!lock.is_locked(), "the user just set it");
    let restarted = open(&dir, t0() + secs(60));
    assert!(restarted.is_enabled());
    assert!(restarted.is_locked());
    assert_eq!(restarted.status(t0()).idle_minutes, 5);
}

#[test]
fn the_default_parameters_are_owasps_argon2id() {
    let dir = tempfile::tempdir().unwrap();
    let p = Lock::open(&dir.path().join(FILE), t0()).params;
    assert_eq!((p.m_cost(), p.t_cost(), p.p_cost()), (19456, 2, 1));
}

#[test]
fn a_short_passphrase_is_counted_in_characters_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut lock = open(&dir, t0());
    let five = "äöüäö";
    assert_eq!(five.len(), 10);
    let (code, message) = refused(lock.enable(five, 5, t0()));
    assert_eq!(code, "passphrase_too_short");
    assert_eq!(message, "A passphrase needs at least 6 characters.");
    assert_eq!(field_of(lock.enable(five, 5, t0())), "passphrase");
    assert!(!dir.path().join(FILE).exists());
    assert!(!lock.is_enabled());

    let setup = lock.enable("äöüäöß", 5, t0()).unwrap();
    assert!(setup.status.enabled);
    assert!(!setup.status.locked);
    assert!(dir.path().join(FILE).exists());
}

#[test]
fn an_idle_time_out_of_range_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut lock = open(&dir, t0());
    for minutes in [0, 61, u32::MAX] {
        let r = lock.enable(PASS, minutes, t0());
        assert_eq!(refused(r).0, "idle_out_of_range");
        assert_eq!(field_of(lock.enable(PASS, minutes, t0())), "idle_minutes");
    }
    assert!(!dir.path().join(FILE).exists());
    assert_eq!(lock.enable(PASS, 60, t0()).unwrap().status.idle_minutes, 60);

    let before = bytes(&dir);
    for minutes in [0, 61] {
        assert_eq!(refused(lock.set_idle(minutes, t0())).0, "idle_out_of_range");
    }
    assert_eq!(bytes(&dir), before);
    assert_eq!(lock.status(t0()).idle_minutes, 60);
    assert_eq!(lock.set_idle(1, t0()).unwrap().idle_minutes, 1);
    assert_eq!(stored(&dir).idle_minutes, 1);
    assert_eq!(open(&dir, t0()).status(t0()).idle_minutes, 1);
}

#[test]
fn enabling_twice_is_refused_and_the_file_is_unchanged() {
    let (dir, mut lock, _) = enabled();
    let before = bytes(&dir);
    let (code, _) = refused(lock.enable("another one", 10, t0()));
    assert_eq!(code, "lock_on");
    assert_eq!(bytes(&dir), before);
    assert!(lock.unlock(PASS, t0()).is_ok());
}

#[test]
fn the_file_holds_only_argon2id_hashes() {
    let (dir, _, recovery) = enabled();
    let text = String::from_utf8(bytes(&dir)).unwrap();
    assert!(!text.contains(PASS));
    assert!(!text.contains(&recovery));
    assert!(!text.contains(&normalise_code(&recovery)));
    let file = stored(&dir);
    assert_eq!(file.format, 1);
    assert!(
        file.passphrase.starts_with("$argon2id$"),
        "{}",
        file.passphrase
    );
    assert!(file.recovery.starts_with("$argon2id$"), "{}", file.recovery);
    assert!(
        file.passphrase.contains("m=8,t=1,p=1"),
        "{}",
        file.passphrase
    );
    assert_eq!((file.failed_tries, file.wait_until), (0, None));
}

#[test]
fn a_wrong_passphrase_is_counted_and_the_right_one_unlocks() {
    let (dir, mut lock, _) = enabled();
    lock.lock();
    assert!(lock.is_locked());
    let (code, message) = refused(lock.unlock("wrong one", t0()));
    assert_eq!(code, "wrong_passphrase");
    assert_eq!(
        message,
        "Wrong passphrase. 4 more tries before Magday makes you wait."
    );
    assert!(lock.is_locked());
    assert_eq!(lock.status(t0()).failed_tries, 1);
    assert_eq!(stored(&dir).failed_tries, 1);

    let status = lock.unlock(PASS, t0() + secs(5)).unwrap();
    assert!(!status.locked);
    assert_eq!(status.failed_tries, 0);
    assert_eq!(stored(&dir).failed_tries, 0);
}

#[test]
fn five_wrong_tries_are_free_then_the_wait_doubles_up_to_an_hour() {
    let (dir, mut lock, _) = enabled();
    lock.lock();
    let messages = [
        "Wrong passphrase. 4 more tries before Magday makes you wait.",
        "Wrong passphrase. 3 more tries before Magday makes you wait.",
        "Wrong passphrase. 2 more tries before Magday makes you wait.",
        "Wrong passphrase. 1 more try before Magday makes you wait.",
        "Wrong passphrase. One more wrong try and Magday makes you wait.",
    ];
    for expected in messages {
        assert_eq!(refused(lock.unlock("nope nope", t0())).1, expected);
        assert_eq!(lock.status(t0()).wait_seconds, 0);
    }
    let (code, message) = refused(lock.unlock("nope nope", t0()));
    assert_eq!(code, "wrong_passphrase");
    assert_eq!(
        message,
        "Wrong passphrase. Too many wrong tries: try again in 30 seconds."
    );
    assert_eq!(lock.status(t0()).wait_seconds, 30);
    assert_eq!(stored(&dir).wait_until, Some(t0() + secs(30)));

    // During the wait even the right passphrase is not checked, and nothing is counted.
    let before = bytes(&dir);
    let (code, message) = refused(lock.unlock(PASS, t0() + Duration::milliseconds(29_500)));
    assert_eq!(code, "lock_wait");
    assert_eq!(message, "Too many wrong tries: try again in 1 seconds.");
    assert_eq!(bytes(&dir), before);
    assert_eq!(lock.status(t0() + secs(10)).failed_tries, 6);
    assert_eq!(lock.status(t0() + secs(10)).wait_seconds, 20);
    assert!(lock.is_locked());

    let mut now = t0() + secs(30);
    for expected in [60, 120, 240, 480, 960, 1920, 3600, 3600] {
        assert_eq!(lock.status(now).wait_seconds, 0);
        assert_eq!(refused(lock.unlock("nope nope", now)).0, "wrong_passphrase");
        assert_eq!(lock.status(now).wait_seconds, expected);
        now += secs(i64::from(expected));
    }
    assert_eq!(lock.status(now).failed_tries, 14);
    assert!(lock.unlock(PASS, now).is_ok());
    assert_eq!(lock.status(now).failed_tries, 0);
    assert_eq!(stored(&dir).wait_until, None);
}

#[test]
fn the_delay_table() {
    let table: Vec<u32> = (0..=20).map(delay_seconds).collect();
    assert_eq!(
        table,
        [
            0, 0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600, 3600, 3600,
            3600, 3600
        ]
    );
    assert_eq!(delay_seconds(u32::MAX), 3600);
}

#[test]
fn the_counter_and_the_wait_survive_a_restart() {
    let (dir, mut lock, _) = enabled();
    for _ in 0..6 {
        let _ = lock.unlock("nope nope", t0());
    }
    drop(lock);
    let mut lock = open(&dir, t0() + secs(10));
    assert!(lock.is_locked());
    let status = lock.status(t0() + secs(10));
    assert_eq!((status.failed_tries, status.wait_seconds), (6, 20));
    assert_eq!(refused(lock.unlock(PASS, t0() + secs(10))).0, "lock_wait");
    let (_, message) = refused(lock.unlock("nope nope", t0() + secs(30)));
    assert!(message.ends_with("try again in 60 seconds."), "{message}");
    assert_eq!(open(&dir, t0()).status(t0() + secs(30)).failed_tries, 7);
}

#[test]
fn a_clock_set_back_never_makes_the_wait_longer_than_an_hour() {
    let (dir, mut lock, _) = enabled();
    for _ in 0..6 {
        let _ = lock.unlock("nope nope", t0());
    }
    let back = t0() - Duration::days(2);
    assert_eq!(lock.status(back).wait_seconds, 3600);
    let (code, message) = refused(lock.unlock(PASS, back));
    assert_eq!(code, "lock_wait");
    assert_eq!(message, "Too many wrong tries: try again in 3600 seconds.");
    assert_eq!(stored(&dir).wait_until, Some(back + secs(3600)));
    assert_eq!(stored(&dir).failed_tries, 6);
    assert!(lock.unlock(PASS, back + secs(3600)).is_ok());
}

#[test]
fn the_recovery_code_resets_the_passphrase_once() {
    let (dir, mut lock, first) = enabled();
    lock.lock();
    assert_eq!(
        refused(lock.unlock("forgotten", t0())).0,
        "wrong_passphrase"
    );
    let (code, message) = refused(lock.reset_with_recovery("AAAA-BBBB", "new passphrase", t0()));
    assert_eq!(code, "wrong_recovery_code");
    assert_eq!(
        message,
        "Wrong recovery code. 3 more tries before Magday makes you wait."
    );
    assert_eq!(stored(&dir).failed_tries, 2);

    let typed = first.to_lowercase().replace('-', " ");
    let setup = lock
        .reset_with_recovery(&typed, "new passphrase", t0())
        .unwrap();
    assert!(!setup.status.locked);
    assert_eq!(setup.status.failed_tries, 0);
    assert_ne!(setup.recovery_code, first);
    let second = setup.recovery_code;

    lock.lock();
    let r = lock.reset_with_recovery(&first, "other passphrase", t0());
    assert_eq!(refused(r).0, "wrong_recovery_code");
    assert_eq!(refused(lock.unlock(PASS, t0())).0, "wrong_passphrase");
    assert!(lock.unlock("new passphrase", t0()).is_ok());

    lock.lock();
    let setup = lock
        .reset_with_recovery(&second, "third passphrase", t0())
        .unwrap();
    assert!(!setup.status.locked);
    assert_ne!(setup.recovery_code, second);
}

#[test]
fn a_short_new_passphrase_with_the_recovery_code_changes_nothing() {
    let (dir, mut lock, code) = enabled();
    lock.lock();
    let before = bytes(&dir);
    let r = lock.reset_with_recovery(&code, "short", t0());
    assert_eq!(refused(r).0, "passphrase_too_short");
    assert_eq!(bytes(&dir), before);
    assert!(lock.is_locked());
    assert!(lock.reset_with_recovery(&code, "long enough", t0()).is_ok());
}

#[test]
fn recovery_codes_are_readable_and_normalised() {
    let code = recovery_code();
    assert_eq!(code.len(), 24, "{code}");
    let groups: Vec<&str> = code.split('-').collect();
    assert_eq!(groups.len(), 5, "{code}");
    assert!(groups.iter().all(|g| g.len() == 4), "{code}");
    for c in code.chars().filter(|c| *c != '-') {
        assert!(RECOVERY_ALPHABET.contains(&(c as u8)), "{code}");
        assert!(!"ILOU".contains(c), "{code}");
    }
    assert_ne!(recovery_code(), code);
    assert_eq!(normalise_code(" 7k2m-ab0o il1z\t"), "7K2MAB00111Z");
}

#[test]
fn a_damaged_file_is_put_aside_and_the_lock_turns_off() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    std::fs::write(&path, b"{ not json").unwrap();
    let lock = open(&dir, t0());
    assert!(!lock.is_enabled());
    assert!(!lock.is_locked());
    assert_eq!(
        lock.status(t0()).notice.as_deref(),
        Some(
            "The app lock's file could not be read, so the lock is off: set a passphrase again \
             in Settings."
        )
    );
    assert!(!path.exists());
    let aside = dir.path().join("lock.json.damaged");
    assert_eq!(std::fs::read(aside).unwrap(), b"{ not json");
}

#[test]
fn a_file_with_an_unusable_hash_is_damaged_too() {
    let (dir, _, _) = enabled();
    let mut file = stored(&dir);
    file.passphrase = "not a hash".into();
    std::fs::write(dir.path().join(FILE), serde_json::to_vec(&file).unwrap()).unwrap();
    let mut lock = open(&dir, t0());
    assert!(!lock.is_enabled());
    assert!(lock.status(t0()).notice.is_some());
    assert!(dir.path().join("lock.json.damaged").exists());
    // A new passphrase can be set, and the notice goes.
    let setup = lock.enable(PASS, 5, t0()).unwrap();
    assert_eq!(setup.status.notice, None);
}

#[test]
fn idle_locks_after_the_idle_time_and_activity_restarts_it() {
    let (_, mut lock, _) = enabled();
    assert!(!lock.lock_if_idle(t0() + Duration::minutes(5), None));
    assert!(!lock.is_locked());
    assert!(lock.lock_if_idle(t0() + Duration::minutes(5) + secs(1), None));
    assert!(lock.is_locked());
    assert!(
        !lock.lock_if_idle(t0() + Duration::minutes(10), None),
        "already locked"
    );

    let at = t0() + Duration::minutes(20);
    lock.unlock(PASS, at).unwrap();
    lock.touch(at + Duration::minutes(4));
    assert!(!lock.lock_if_idle(at + Duration::minutes(9), None));
    assert!(lock.lock_if_idle(at + Duration::minutes(9) + secs(1), None));

    let at = t0() + Duration::hours(1);
    lock.unlock(PASS, at).unwrap();
    assert!(!lock.lock_if_idle(at + secs(10), Some(secs(10))));
    assert!(lock.lock_if_idle(at + secs(11), Some(secs(10))));
}

#[test]
fn nothing_locks_when_the_lock_is_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut lock = open(&dir, t0());
    lock.lock();
    assert!(!lock.is_locked());
    assert!(!lock.lock_if_idle(t0() + Duration::days(1), None));
    assert!(!lock.is_locked());
}

#[test]
fn while_locked_settings_are_refused_and_nothing_changes() {
    let (dir, mut lock, _) = enabled();
    lock.lock();
    let before = bytes(&dir);
    let results = [
        refused(lock.enable("another one", 5, t0())),
        refused(lock.change(PASS, "another one", t0())),
        refused(lock.set_idle(10, t0())),
        refused(lock.disable(PASS, t0())),
    ];
    for (code, message) in results {
        assert_eq!(code, "locked");
        assert_eq!(message, "Magday is locked: unlock it first.");
    }
    assert_eq!(bytes(&dir), before);
    assert!(lock.is_locked());
    assert_eq!(lock.status(t0()).idle_minutes, 5);
}

#[test]
fn when_off_the_lock_commands_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut lock = open(&dir, t0());
    let results = [
        refused(lock.change(PASS, "another one", t0())).0,
        refused(lock.disable(PASS, t0())).0,
        refused(lock.set_idle(10, t0())).0,
        refused(lock.unlock(PASS, t0())).0,
        refused(lock.reset_with_recovery("AAAA", "another one", t0())).0,
    ];
    assert_eq!(results, ["lock_off"; 5]);
    assert_eq!(refused(lock.unlock(PASS, t0())).1, "The app lock is off.");
    assert!(!dir.path().join(FILE).exists());
}

#[test]
fn change_needs_the_current_passphrase_and_replaces_the_recovery_code() {
    let (dir, mut lock, first) = enabled();
    let before = bytes(&dir);
    let r = lock.change(PASS, "short", t0());
    assert_eq!(field_of(r), "passphrase");
    assert_eq!(bytes(&dir), before, "a short new passphrase is not counted");

    assert_eq!(
        refused(lock.change("not it at all", "another one", t0())).0,
        "wrong_passphrase"
    );
    assert_eq!(stored(&dir).failed_tries, 1);

    let setup = lock.change(PASS, "another one", t0()).unwrap();
    assert!(!setup.status.locked);
    assert_eq!(setup.status.failed_tries, 0);
    assert_ne!(setup.recovery_code, first);

    lock.lock();
    assert_eq!(refused(lock.unlock(PASS, t0())).0, "wrong_passphrase");
    let r = lock.reset_with_recovery(&first, "yet another", t0());
    assert_eq!(refused(r).0, "wrong_recovery_code");
    assert!(lock.unlock("another one", t0()).is_ok());
}

#[test]
fn disable_needs_the_passphrase_and_removes_the_file() {
    let (dir, mut lock, _) = enabled();
    assert_eq!(
        refused(lock.disable("not it at all", t0())).0,
        "wrong_passphrase"
    );
    assert!(dir.path().join(FILE).exists());
    assert!(lock.is_enabled());

    let status = lock.disable(PASS, t0()).unwrap();
    assert!(!status.enabled);
    assert!(!status.locked);
    assert_eq!(status.failed_tries, 0);
    assert!(!dir.path().join(FILE).exists());
    assert!(!open(&dir, t0()).is_locked());
}
