//! The app lock: a passphrase, kept only as an Argon2id hash, that hides Magday from someone at
//! an unlocked computer.
//!
//! Its state is one small JSON file whose path the shell gives (in the app's config folder, never
//! in the database or the sync folder); no file: the lock is off; a file: the app starts locked.
//! It guards against someone at the keyboard, not someone who can write files, so it never
//! locks the user out for good: a damaged file is put aside and the lock turns off with a
//! notice, and a one-time recovery code (shown once, stored as a hash) sets a new passphrase.
//!
//! Wrong secrets (passphrase or recovery code) share one counter kept in the file (it survives a
//! restart): after [`FREE_TRIES`] each wrong try makes the user wait, 30 s, then twice as long
//! each time, at most an hour. During a wait nothing is checked.

use std::io::ErrorKind;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::atomic::write_atomically;
use crate::error::{CoreError, Result};

/// The shortest passphrase accepted, counted in characters (not bytes).
pub const MIN_PASSPHRASE_CHARS: usize = 6;
/// Wrong tries allowed before Magday makes the user wait.
pub const FREE_TRIES: u32 = 5;
/// The idle time a new lock starts with, in minutes (the range is 1 to 60).
pub const DEFAULT_IDLE_MINUTES: u32 = 5;
/// The idle times allowed, in minutes.
pub const IDLE_MINUTES: RangeInclusive<u32> = 1..=60;
/// The first wait, after the first wrong try beyond [`FREE_TRIES`], in seconds.
pub const FIRST_WAIT_SECONDS: u32 = 30;
/// The longest wait, in seconds (an hour).
pub const MAX_WAIT_SECONDS: u32 = 3600;
/// How many characters a recovery code has (shown in groups of 4, with dashes).
pub const RECOVERY_CODE_CHARS: usize = 20;

/// The readable alphabet of recovery codes (Crockford's base32: no I, L, O or U).
const RECOVERY_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const FORMAT: u32 = 1;

const DAMAGED_NOTICE: &str = "The app lock's file could not be read, so the lock is off: set a \
                              passphrase again in Settings.";

/// What the screens and the shell see of the lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LockStatus {
    /// A passphrase is set.
    pub enabled: bool,
    /// The app is locked now.
    pub locked: bool,
    /// Minutes without activity before the app locks itself ([`DEFAULT_IDLE_MINUTES`] when off).
    pub idle_minutes: u32,
    /// Seconds before a passphrase or code is checked again; 0 unless a wait is running now.
    pub wait_seconds: u32,
    /// Wrong tries since the last right one.
    pub failed_tries: u32,
    /// Something the user should know, e.g. that the lock's file was damaged and the lock is off.
    pub notice: Option<String>,
}

/// What setting or resetting a passphrase returns: the lock's state and the new one-time
/// recovery code, to be shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LockSetup {
    pub status: LockStatus,
    /// "XXXX-XXXX-XXXX-XXXX-XXXX"; only its hash is kept.
    pub recovery_code: String,
}

/// The lock's file. `passphrase` and `recovery` (the normalised code) are Argon2id hashes as
/// PHC strings, which carry their parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct LockFile {
    format: u32,
    passphrase: String,
    recovery: String,
    idle_minutes: u32,
    failed_tries: u32,
    wait_until: Option<DateTime<Utc>>,
}

/// Which secret is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Secret {
    Passphrase,
    RecoveryCode,
}

/// The app lock: its file, and whether the app is locked now.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    params: Params,
    file: Option<LockFile>,
    locked: bool,
    last_active: DateTime<Utc>,
    notice: Option<String>,
}

impl Lock {
    /// The lock kept at `path`, hashing new secrets with the default parameters (Argon2id,
    /// 19 MiB, 2 passes, 1 lane). Locked when the file exists; off when it does not; off with a
    /// notice, the file renamed to `<name>.damaged`, when it cannot be read.
    pub fn open(path: &Path, now: DateTime<Utc>) -> Lock {
        Lock::open_with(path, Params::default(), now)
    }

    /// As [`Lock::open`], hashing new secrets with `params` (tests use light ones). Checking a
    /// secret always uses the parameters stored with its hash.
    pub fn open_with(path: &Path, params: Params, now: DateTime<Utc>) -> Lock {
        let (file, notice) = match std::fs::read(path) {
            Err(e) if e.kind() == ErrorKind::NotFound => (None, None),
            read => match read.ok().and_then(|bytes| parse(&bytes)) {
                Some(file) => (Some(file), None),
                None => {
                    put_aside(path);
                    (None, Some(DAMAGED_NOTICE.to_string()))
                }
            },
        };
        Lock {
            path: path.to_path_buf(),
            params,
            locked: file.is_some(),
            file,
            last_active: now,
            notice,
        }
    }

    /// The lock's state as the screens show it.
    pub fn status(&self, now: DateTime<Utc>) -> LockStatus {
        let file = self.file.as_ref();
        LockStatus {
            enabled: file.is_some(),
            locked: self.locked,
            idle_minutes: file.map_or(DEFAULT_IDLE_MINUTES, |f| f.idle_minutes),
            wait_seconds: file.map_or(0, |f| wait_seconds(f.wait_until, now)),
            failed_tries: file.map_or(0, |f| f.failed_tries),
            notice: self.notice.clone(),
        }
    }

    /// Whether the app is locked now.
    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// Whether a passphrase is set.
    pub fn is_enabled(&self) -> bool {
        self.file.is_some()
    }

    /// Turns the lock on with `passphrase`, locking after `idle_minutes` without activity. The
    /// app stays unlocked (the user just typed it). Returns the one-time recovery code.
    pub fn enable(
        &mut self,
        passphrase: &str,
        idle_minutes: u32,
        now: DateTime<Utc>,
    ) -> Result<LockSetup> {
        self.refuse_if_locked()?;
        if self.file.is_some() {
            return Err(CoreError::refused(
                "lock_on",
                "The app lock is already on: change its passphrase instead.",
            ));
        }
        check_passphrase(passphrase)?;
        check_idle(idle_minutes)?;
        let base = LockFile {
            format: FORMAT,
            passphrase: String::new(),
            recovery: String::new(),
            idle_minutes,
            failed_tries: 0,
            wait_until: None,
        };
        self.set_secrets(base, passphrase, now)
    }

    /// Replaces the passphrase when `current` is right; a new recovery code replaces the old.
    pub fn change(&mut self, current: &str, new: &str, now: DateTime<Utc>) -> Result<LockSetup> {
        self.refuse_if_locked()?;
        self.current()?;
        check_passphrase(new)?;
        self.check_secret(Secret::Passphrase, current, now)?;
        self.replace_secrets(new, now)
    }

    /// Sets the idle time, in minutes (1 to 60).
    pub fn set_idle(&mut self, idle_minutes: u32, now: DateTime<Utc>) -> Result<LockStatus> {
        let current = self.current()?.clone();
        self.refuse_if_locked()?;
        check_idle(idle_minutes)?;
        self.save(LockFile {
            idle_minutes,
            ..current
        })?;
        self.last_active = now;
        Ok(self.status(now))
    }

    /// Turns the lock off when `passphrase` is right: its file is removed.
    pub fn disable(&mut self, passphrase: &str, now: DateTime<Utc>) -> Result<LockStatus> {
        self.current()?;
        self.refuse_if_locked()?;
        self.check_secret(Secret::Passphrase, passphrase, now)?;
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
        self.file = None;
        self.locked = false;
        self.last_active = now;
        Ok(self.status(now))
    }

    /// Unlocks the app when `passphrase` is right.
    pub fn unlock(&mut self, passphrase: &str, now: DateTime<Utc>) -> Result<LockStatus> {
        self.current()?;
        self.check_secret(Secret::Passphrase, passphrase, now)?;
        self.locked = false;
        self.last_active = now;
        Ok(self.status(now))
    }

    /// Sets passphrase `new` when the recovery `code` is right (case, spaces and dashes do not
    /// matter), and unlocks. The code is used up: a new one is returned.
    pub fn reset_with_recovery(
        &mut self,
        code: &str,
        new: &str,
        now: DateTime<Utc>,
    ) -> Result<LockSetup> {
        self.current()?;
        check_passphrase(new)?;
        self.check_secret(Secret::RecoveryCode, &normalise_code(code), now)?;
        self.replace_secrets(new, now)
    }

    /// Locks the app now; nothing happens when the lock is off.
    pub fn lock(&mut self) {
        self.locked = self.file.is_some();
    }

    /// The user did something: the idle time starts again from `now`.
    pub fn touch(&mut self, now: DateTime<Utc>) {
        self.last_active = now;
    }

    /// Locks when the lock is on, the app unlocked, and no activity was seen for longer than
    /// the idle time (or `idle_override`, when given, for tests). True when it locked just now.
    pub fn lock_if_idle(&mut self, now: DateTime<Utc>, idle_override: Option<Duration>) -> bool {
        let Some(file) = self.file.as_ref().filter(|_| !self.locked) else {
            return false;
        };
        let idle = idle_override.unwrap_or_else(|| Duration::minutes(i64::from(file.idle_minutes)));
        self.locked = now - self.last_active > idle;
        self.locked
    }

    /// The lock's file, or `lock_off`.
    fn current(&self) -> Result<&LockFile> {
        self.file
            .as_ref()
            .ok_or_else(|| CoreError::refused("lock_off", "The app lock is off."))
    }

    fn refuse_if_locked(&self) -> Result<()> {
        let locked = || CoreError::refused("locked", "Magday is locked: unlock it first.");
        (!self.locked).then_some(()).ok_or_else(locked)
    }

    /// Checks `secret` (a recovery code already normalised): refused without hashing during a
    /// wait; a wrong one is counted in the file, and may start a wait; a right one clears the
    /// count.
    fn check_secret(&mut self, which: Secret, secret: &str, now: DateTime<Utc>) -> Result<()> {
        let file = self.current()?.clone();
        if let Some(until) = file.wait_until.filter(|until| now < *until) {
            let cap = now + Duration::seconds(i64::from(MAX_WAIT_SECONDS));
            if until > cap {
                // The clock went back: the wait never lasts longer than the cap from now.
                self.save(LockFile {
                    wait_until: Some(cap),
                    ..file
                })?;
            }
            let seconds = wait_seconds(Some(until), now);
            return Err(CoreError::refused(
                "lock_wait",
                format!("Too many wrong tries: try again in {seconds} seconds."),
            ));
        }
        let stored = match which {
            Secret::Passphrase => &file.passphrase,
            Secret::RecoveryCode => &file.recovery,
        };
        if verify(stored, secret)? {
            if (file.failed_tries, file.wait_until) == (0, None) {
                return Ok(());
            }
            return self.save(LockFile {
                failed_tries: 0,
                wait_until: None,
                ..file
            });
        }
        let failed_tries = file.failed_tries.saturating_add(1);
        let wait = delay_seconds(failed_tries);
        let wait_until = (wait > 0).then(|| now + Duration::seconds(i64::from(wait)));
        self.save(LockFile {
            failed_tries,
            wait_until,
            ..file
        })?;
        Err(wrong_error(which, failed_tries, wait))
    }

    /// A new passphrase and recovery code, tries forgotten, unlocked.
    fn replace_secrets(&mut self, new: &str, now: DateTime<Utc>) -> Result<LockSetup> {
        let current = self.current()?.clone();
        self.set_secrets(current, new, now)
    }

    /// Saves `base` with passphrase `new`, a new recovery code and no wrong tries; unlocked.
    fn set_secrets(&mut self, base: LockFile, new: &str, now: DateTime<Utc>) -> Result<LockSetup> {
        let recovery_code = recovery_code();
        self.save(LockFile {
            format: FORMAT,
            passphrase: self.hash(new)?,
            recovery: self.hash(&normalise_code(&recovery_code))?,
            failed_tries: 0,
            wait_until: None,
            ..base
        })?;
        self.notice = None;
        self.locked = false;
        self.last_active = now;
        let status = self.status(now);
        Ok(LockSetup {
            status,
            recovery_code,
        })
    }

    /// Writes `file` whole, then keeps it: on failure nothing changed.
    fn save(&mut self, file: LockFile) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(&file)?;
        if let Some(folder) = self.path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        write_atomically(&self.path, &bytes)?;
        self.file = Some(file);
        Ok(())
    }

    /// The PHC string of `secret`'s Argon2id hash, with a fresh salt from the OS.
    fn hash(&self, secret: &str) -> Result<String> {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, self.params.clone())
            .hash_password(secret.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(hash_failed)
    }
}

/// Whether `secret` matches the PHC string `stored`, with the parameters stored in it.
fn verify(stored: &str, secret: &str) -> Result<bool> {
    let hash = PasswordHash::new(stored).map_err(hash_failed)?;
    match Argon2::default().verify_password(secret.as_bytes(), &hash) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::Password) => Ok(false),
        Err(e) => Err(hash_failed(e)),
    }
}

fn hash_failed(e: argon2::password_hash::Error) -> CoreError {
    CoreError::refused(
        "lock_hash_failed",
        format!("The app lock could not check or store the passphrase ({e}); nothing was changed."),
    )
}

/// The lock's file from `bytes`, when it reads and its hashes can be checked.
fn parse(bytes: &[u8]) -> Option<LockFile> {
    let file: LockFile = serde_json::from_slice(bytes).ok()?;
    let usable = |phc: &str| {
        PasswordHash::new(phc).is_ok_and(|hash| {
            hash.algorithm.as_str() == "argon2id"
                && hash.salt.is_some()
                && Params::try_from(&hash).is_ok()
        })
    };
    let ok = file.format == FORMAT
        && usable(&file.passphrase)
        && usable(&file.recovery)
        && IDLE_MINUTES.contains(&file.idle_minutes);
    ok.then_some(file)
}

/// Renames a damaged file to `<name>.damaged`, kept for a look; a failure leaves it in place
/// (the next passphrase set overwrites it).
fn put_aside(path: &Path) {
    let mut aside = path.as_os_str().to_owned();
    aside.push(".damaged");
    let _ = std::fs::rename(path, aside);
}

fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() >= MIN_PASSPHRASE_CHARS {
        return Ok(());
    }
    Err(CoreError::invalid(
        "passphrase_too_short",
        "passphrase",
        format!("A passphrase needs at least {MIN_PASSPHRASE_CHARS} characters."),
    ))
}

/// Refuses an idle time outside [`IDLE_MINUTES`] (`idle_out_of_range`, field `idle_minutes`).
pub fn check_idle(idle_minutes: u32) -> Result<()> {
    if IDLE_MINUTES.contains(&idle_minutes) {
        return Ok(());
    }
    Err(CoreError::invalid(
        "idle_out_of_range",
        "idle_minutes",
        format!("The idle time must be from 1 to 60 minutes, not {idle_minutes}."),
    ))
}

/// The wait after `failed_tries` wrong tries, in seconds: none for the first [`FREE_TRIES`],
/// then 30 s doubling each time, at most [`MAX_WAIT_SECONDS`].
fn delay_seconds(failed_tries: u32) -> u32 {
    let Some(doublings) = failed_tries.checked_sub(FREE_TRIES + 1) else {
        return 0;
    };
    let factor = 1u32 << doublings.min(16);
    FIRST_WAIT_SECONDS
        .saturating_mul(factor)
        .min(MAX_WAIT_SECONDS)
}

/// Whole seconds (rounded up) until `until`, 0 when past, at most [`MAX_WAIT_SECONDS`].
fn wait_seconds(until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> u32 {
    let max_ms = i64::from(MAX_WAIT_SECONDS) * 1000;
    let ms = until.map_or(0, |until| (until - now).num_milliseconds().clamp(0, max_ms));
    u32::try_from((ms + 999) / 1000).unwrap_or(MAX_WAIT_SECONDS)
}

fn wrong_error(which: Secret, failed_tries: u32, wait: u32) -> CoreError {
    let (code, what) = match which {
        Secret::Passphrase => ("wrong_passphrase", "Wrong passphrase."),
        Secret::RecoveryCode => ("wrong_recovery_code", "Wrong recovery code."),
    };
    let then = match (wait, FREE_TRIES.saturating_sub(failed_tries)) {
        (0, 0) => "One more wrong try and Magday makes you wait.".to_string(),
        (0, 1) => "1 more try before Magday makes you wait.".to_string(),
        (0, left) => format!("{left} more tries before Magday makes you wait."),
        (wait, _) => format!("Too many wrong tries: try again in {wait} seconds."),
    };
    CoreError::refused(code, format!("{what} {then}"))
}

/// A fresh recovery code from the OS's random source: [`RECOVERY_CODE_CHARS`] characters of a
/// readable alphabet, in groups of 4 joined by dashes.
fn recovery_code() -> String {
    // 32 letters: the low 5 bits of a random number pick one evenly.
    let chars: Vec<char> = (0..RECOVERY_CODE_CHARS)
        .map(|_| char::from(RECOVERY_ALPHABET[(OsRng.next_u32() & 31) as usize]))
        .collect();
    let groups: Vec<String> = chars
        .chunks(4)
        .map(|group| group.iter().collect())
        .collect();
    groups.join("-")
}

/// A typed recovery code as stored: case, spaces and dashes ignored, and the look-alikes
/// O, I and L read as 0, 1 and 1 (they are not in the alphabet).
fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests;
