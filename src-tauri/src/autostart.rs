//! Starting at login, hidden (desktop): tauri-plugin-autostart writes the system's entry (on
//! Linux the XDG autostart file `$HOME/.config/autostart/Magday.desktop`: the `auto-launch`
//! crate reads `$HOME`, not `$XDG_CONFIG_HOME`; a launch agent on macOS, the `Run` registry key
//! on Windows) that starts Magday with [`HIDDEN_ARG`]. Started so, the window is built hidden and
//! the app sits in the tray, reminding. Phones have no such thing: the system delivers their
//! reminders, so the view says unavailable and turning it on is refused.
//!
//! Whether the one-time offer was answered is the core's setting (`autostart_offered`).

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime};
use ts_rs::TS;

use crate::error::ShellError;

/// The launch argument of a start at login: no window, only the tray.
pub const HIDDEN_ARG: &str = "--hidden";

/// Whether this process was started with [`HIDDEN_ARG`].
pub fn started_hidden() -> bool {
    std::env::args().skip(1).any(|a| a == HIDDEN_ARG)
}

/// Starting at login on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AutostartView {
    /// False on phones (their system delivers reminders without the app running).
    pub available: bool,
    /// Whether the entry that starts Magday hidden at login is there.
    pub enabled: bool,
    /// Whether the one-time offer was already answered (it is not made again).
    pub offered: bool,
}

/// Turn starting at login on or off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AutostartInput {
    pub enabled: bool,
}

/// The system's start-at-login entry.
pub trait Autostart: Send + Sync {
    /// Whether this platform has one.
    fn available(&self) -> bool;
    /// Whether the entry is there.
    fn enabled(&self) -> Result<bool, ShellError>;
    /// Write or remove the entry.
    fn set(&self, enabled: bool) -> Result<(), ShellError>;
}

/// No start at login (phones, and tests).
pub struct Unavailable;

impl Autostart for Unavailable {
    fn available(&self) -> bool {
        false
    }

    fn enabled(&self) -> Result<bool, ShellError> {
        Ok(false)
    }

    fn set(&self, _enabled: bool) -> Result<(), ShellError> {
        Err(ShellError::AutostartUnavailable)
    }
}

#[cfg(desktop)]
pub use login::{plugins, service};

#[cfg(desktop)]
mod login {
    use super::*;
    use tauri_plugin_autostart::ManagerExt;

    /// The autostart plugin, its entry starting Magday with [`HIDDEN_ARG`].
    pub fn plugins<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
        builder.plugin(
            tauri_plugin_autostart::Builder::new()
                .arg(HIDDEN_ARG)
                .build(),
        )
    }

    /// The plugin's entry, behind [`Autostart`].
    struct Plugin<R: Runtime>(AppHandle<R>);

    impl<R: Runtime> Autostart for Plugin<R> {
        fn available(&self) -> bool {
            true
        }

        fn enabled(&self) -> Result<bool, ShellError> {
            self.0
                .autolaunch()
                .is_enabled()
                .map_err(|e| ShellError::Autostart(e.to_string()))
        }

        fn set(&self, enabled: bool) -> Result<(), ShellError> {
            let manager = self.0.autolaunch();
            let done = if enabled {
                manager.enable()
            } else {
                manager.disable()
            };
            done.map_err(|e| ShellError::Autostart(e.to_string()))
        }
    }

    /// Start at login through the plugin.
    pub fn service<R: Runtime>(app: &AppHandle<R>) -> Arc<dyn Autostart> {
        Arc::new(Plugin(app.clone()))
    }
}

#[cfg(mobile)]
/// No autostart plugin on phones.
pub fn plugins<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
}

#[cfg(mobile)]
/// Phones have no start at login.
pub fn service<R: Runtime>(_app: &AppHandle<R>) -> Arc<dyn Autostart> {
    Arc::new(Unavailable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_start_at_login_turning_it_on_is_refused_with_its_code() {
        let e = Unavailable.set(true).unwrap_err();
        assert_eq!(e.code(), "autostart_unavailable");
        assert_eq!(Unavailable.enabled(), Ok(false));
        assert!(!Unavailable.available());
    }
}
