//! The app lock, enforced by the shell (issue 25): while Magday is locked every command but
//! the lock's own ([`WHILE_LOCKED`]) is refused before it reaches the core, with the code
//! `locked` (the `commands!` list checks [`AppLock::refuses`] first). The rules (the Argon2id
//! hash, the wait after wrong tries, the recovery code, the idle time) are the core's
//! [`magday_core::lock`]; its file sits in the app's config folder, never in the database or
//! the sync folder.
//!
//! Locked or not, reminders keep coming, with private text while the lock is on (the core is
//! told: [`Core::force_private_reminders`]), and Taken or Snooze pressed on one still records:
//! a notification's buttons and the tray reach the core directly, not through a command.
//!
//! Idle: only what the user does counts ([`note_activity`](crate::commands::note_activity),
//! sent by the window on a key or a pointer press, and an unlock), never the screens' own
//! refreshing. [`IDLE_ENV`] shortens the idle time for the end-to-end tests.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use magday_core::api::Core;
use magday_core::lock::{Lock, LockStatus};
use magday_core::{CoreError, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The lock's file, in the app's config folder.
pub const FILE: &str = "lock.json";
/// The event the window hears when the app locks or unlocks (a [`LockStatus`]).
pub const LOCK_CHANGED: &str = "lock-changed";
/// The commands answered while locked: the lock's status and the two ways to open it.
pub const WHILE_LOCKED: [&str; 3] = ["get_lock_status", "unlock", "unlock_with_recovery"];
/// Seconds of idle time before the app locks, in place of the set minutes (for tests).
pub const IDLE_ENV: &str = "MAGDAY_LOCK_IDLE_SECONDS";

/// Told of every change of the lock's state (the shell emits [`LOCK_CHANGED`] and rebuilds the
/// tray).
pub type OnChange = Arc<dyn Fn(&LockStatus) + Send + Sync>;

/// A passphrase to unlock with.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct UnlockInput {
    pub passphrase: String,
}

/// The recovery code and the new passphrase it sets.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct RecoveryInput {
    pub code: String,
    pub passphrase: String,
}

/// Turn the lock on (`current` null) or change its passphrase (`current` the present one).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetLockInput {
    pub current: Option<String>,
    pub passphrase: String,
    /// Minutes without use before the app locks (1 to 60).
    pub idle_minutes: u32,
}

/// The idle time alone.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct LockIdleInput {
    pub idle_minutes: u32,
}

/// The passphrase that turns the lock off.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct TurnOffLockInput {
    pub passphrase: String,
}

/// A recovery code to save as a file.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RecoveryCodeInput {
    pub code: String,
}

/// The refusal every other command meets while locked.
pub fn refusal() -> CoreError {
    CoreError::refused("locked", "Magday is locked: unlock it first.")
}

/// The device's app lock, shared by the commands, the idle watch and the tray.
pub struct AppLock {
    lock: Mutex<Lock>,
    /// Whether it is locked, as of the last change: every command reads it, without waiting
    /// for a passphrase being checked.
    locked: AtomicBool,
    core: Core,
    idle_override: Option<Duration>,
    on_change: Mutex<Option<OnChange>>,
}

impl AppLock {
    /// The lock kept in `config_dir` (locked at start when it is on); the core's reminders are
    /// private while it is on.
    pub fn open(config_dir: &Path, core: &Core) -> Arc<AppLock> {
        Self::with(Lock::open(&config_dir.join(FILE), Utc::now()), core)
    }

    /// The same over a lock already opened (tests open theirs with light hash parameters).
    pub fn with(lock: Lock, core: &Core) -> Arc<AppLock> {
        let idle_override = std::env::var(IDLE_ENV)
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .filter(|s| *s > 0)
            .map(Duration::seconds);
        core.force_private_reminders(lock.is_enabled());
        Arc::new(AppLock {
            locked: AtomicBool::new(lock.is_locked()),
            lock: Mutex::new(lock),
            core: core.clone(),
            idle_override,
            on_change: Mutex::new(None),
        })
    }

    fn guard(&self) -> MutexGuard<'_, Lock> {
        // A panic while holding it leaves a lock whose state is still whole (each change is
        // written before it is kept): carry on with it.
        self.lock.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether commands are refused now.
    pub fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
    }

    /// Whether the command `name` is refused now.
    pub fn refuses(&self, name: &str) -> bool {
        !WHILE_LOCKED.contains(&name) && self.is_locked()
    }

    /// The lock as the screens see it.
    pub fn status(&self) -> LockStatus {
        self.guard().status(Utc::now())
    }

    /// Be told of every change from now on.
    pub fn on_change(&self, f: OnChange) {
        *self.on_change.lock().unwrap_or_else(|e| e.into_inner()) = Some(f);
    }

    /// Tell the core and the listener the lock's state now.
    fn changed(&self) {
        let status = self.status();
        self.locked.store(status.locked, Ordering::SeqCst);
        self.core.force_private_reminders(status.enabled);
        let listener = self
            .on_change
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        if let Some(f) = listener {
            f(&status);
        }
    }

    /// Run `f` on the lock off the async runtime (checking a passphrase hashes it: about a
    /// tenth of a second of one core), then tell the change, whether or not `f` succeeded (a
    /// wrong try changes the wait).
    pub async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Lock, chrono::DateTime<Utc>) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let this = Arc::clone(self);
        let result = tauri::async_runtime::spawn_blocking(move || {
            let out = f(&mut this.guard(), Utc::now());
            this.changed();
            out
        })
        .await
        .map_err(|e| CoreError::Io(std::io::Error::other(e.to_string())))?;
        result
    }

    /// Lock now (the tray, the window); nothing when the lock is off.
    pub fn lock_now(&self) -> LockStatus {
        self.guard().lock();
        self.changed();
        self.status()
    }

    /// The user did something in the window.
    pub fn touch(&self) {
        self.guard().touch(Utc::now());
    }

    /// Lock when idle for longer than the idle time; true when it locked just now.
    pub fn lock_if_idle(&self) -> bool {
        let locked = self.guard().lock_if_idle(Utc::now(), self.idle_override);
        if locked {
            self.changed();
        }
        locked
    }

    /// Watch the idle time: every few seconds (every second under [`IDLE_ENV`]).
    pub fn spawn_idle_watch(self: &Arc<Self>) {
        let this = Arc::clone(self);
        let every = match self.idle_override {
            Some(_) => StdDuration::from_secs(1),
            None => StdDuration::from_secs(5),
        };
        tauri::async_runtime::spawn(async move {
            loop {
                tokio::time::sleep(every).await;
                this.lock_if_idle();
            }
        });
    }
}

/// Refuses what is not a recovery code as shown ([`magday_core::lock::RECOVERY_CODE_CHARS`]
/// letters and digits, dashes and spaces between), so the file holds nothing else.
pub fn check_code_shape(code: &str) -> Result<()> {
    let chars = code.chars().filter(char::is_ascii_alphanumeric).count();
    let only = code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ');
    if only && chars == magday_core::lock::RECOVERY_CODE_CHARS {
        Ok(())
    } else {
        Err(CoreError::invalid(
            "not_a_recovery_code",
            "code",
            "This is not a Magday recovery code.",
        ))
    }
}

/// What the recovery code's file says.
pub fn recovery_file_text(code: &str) -> String {
    format!(
        "Magday recovery code\n\n{code}\n\nThis code resets the passphrase of Magday's app lock \
         on this device, once: on the lock screen choose \"Forgot the passphrase? Use the \
         recovery code\". Keep it somewhere only you can reach. Setting a new passphrase gives \
         a new code, and this one stops working.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_locks_own_commands_are_answered_while_locked() {
        for name in WHILE_LOCKED {
            assert!(crate::commands::COMMAND_NAMES.contains(&name), "{name}");
        }
        assert_eq!(refusal().code(), "locked");
    }

    #[test]
    fn only_a_code_is_saved() {
        assert!(check_code_shape("7K2M-9QXA-BC3D-EF4G-HJ5K").is_ok());
        for bad in [
            "",
            "7K2M",
            "7K2M-9QXA-BC3D-EF4G-HJ5K-XXXX",
            "7K2M-9QXA-BC3D-EF4G-HJ5<",
        ] {
            let e = check_code_shape(bad).err();
            assert_eq!(e.map(|e| e.code()), Some("not_a_recovery_code"), "{bad}");
        }
    }

    #[test]
    fn the_recovery_file_holds_the_code() {
        assert!(recovery_file_text("ABCD-EFGH").contains("\nABCD-EFGH\n"));
    }
}
