//! What several commands share: a dialog on its own thread, a restart after the answer, the
//! start-at-login view, and parsing a command's input.

use magday_core::ApiError;
use serde::de::DeserializeOwned;

use crate::autostart::AutostartView;
use crate::error::ShellError;
use crate::state::AppState;

/// Run a dialog on its own thread (it blocks until the user answers).
pub(super) async fn dialog<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ShellError> + Send + 'static,
) -> magday_core::Result<T> {
    Ok(tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| ShellError::Interrupted(e.to_string()))??)
}

/// Restart the app a moment after the command answered.
pub(super) fn restart_soon(st: &AppState) {
    let restart = std::sync::Arc::clone(&st.restart);
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(400));
        restart();
    });
}

/// Starting at login, as the UI shows it.
pub(super) async fn autostart_view(st: &AppState) -> magday_core::Result<AutostartView> {
    Ok(AutostartView {
        available: st.autostart.available(),
        enabled: st.autostart.enabled()?,
        offered: st.core.autostart_offered().await?,
    })
}

/// Parse a command's input, refusing a malformed one with a typed error that names the field.
pub(super) fn parse_input<T: DeserializeOwned>(
    input: Option<serde_json::Value>,
) -> Result<T, ApiError> {
    magday_core::input::parse(input.unwrap_or(serde_json::Value::Null)).map_err(ApiError::from)
}
