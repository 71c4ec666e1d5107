//! The shell's own errors: what can go wrong between the core and the system (handing a
//! reminder over, scheduling it, the save dialog). Each has a stable code; a command that meets
//! one answers the UI with the same `ApiError` JSON as any core error (`{ code, message, field }`),
//! through the conversion into [`CoreError`] below.

use magday_core::CoreError;

/// Something the shell could not do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShellError {
    /// The system did not take a notification (no notification server, or one that answered
    /// with an error). The message is the system's own reason, kept as the delivery check shows it.
    #[error("{0}")]
    NotShown(String),
    /// A reminder's instant cannot be given to the phone's scheduler.
    #[error("reminder time out of range: {0}")]
    BadTime(String),
    /// The place picked in the save dialog is not a file path Magday can write to (phones answer
    /// with a content URI).
    #[error("Magday cannot write to the place picked (on phones reports are not exported yet: export from the desktop app)")]
    CannotWriteThere,
    /// A background task (the save dialog's thread) stopped before it answered.
    #[error("the save dialog stopped before it answered: {0}")]
    Interrupted(String),
    /// This device cannot start Magday at login (phones: the system delivers their reminders).
    #[error("Starting at login is only on the desktop app: on phones reminders come without Magday open")]
    AutostartUnavailable,
    /// The start-at-login entry could not be written or removed (the system's reason).
    #[error("{0}")]
    Autostart(String),
}

impl ShellError {
    /// The stable machine code of this error, as the UI sees it.
    pub fn code(&self) -> &'static str {
        match self {
            ShellError::NotShown(_) => "notification_failed",
            ShellError::BadTime(_) => "reminder_time_out_of_range",
            ShellError::CannotWriteThere => "export_unavailable",
            ShellError::Interrupted(_) => "io",
            ShellError::AutostartUnavailable => "autostart_unavailable",
            ShellError::Autostart(_) => "autostart_failed",
        }
    }
}

/// Commands map every error through `CoreError` into `ApiError`. An interrupted task stays the
/// core's `io` error, with its message, as the UI has always seen it; the rest are refusals that
/// carry their own code and message.
impl From<ShellError> for CoreError {
    fn from(e: ShellError) -> Self {
        match e {
            ShellError::Interrupted(why) => CoreError::Io(std::io::Error::other(why)),
            other => CoreError::refused(other.code(), other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use magday_core::ApiError;

    use super::*;

    fn api(e: ShellError) -> ApiError {
        ApiError::from(CoreError::from(e))
    }

    #[test]
    fn an_unwritable_place_reaches_the_ui_as_export_unavailable() {
        assert_eq!(
            api(ShellError::CannotWriteThere),
            ApiError {
                code: "export_unavailable".into(),
                message: "Magday cannot write to the place picked (on phones reports are not \
                          exported yet: export from the desktop app)"
                    .into(),
                field: None,
                details: None,
            }
        );
    }

    #[test]
    fn an_interrupted_dialog_reaches_the_ui_as_the_cores_io_error() {
        let e = api(ShellError::Interrupted("task 7 panicked".into()));
        assert_eq!(e.code, "io");
        assert!(e
            .message
            .starts_with("A file could not be read or written."));
        assert_eq!(e.details.as_deref(), Some("task 7 panicked"));
        assert_eq!(e.field, None);
    }

    #[test]
    fn a_refused_notification_keeps_the_systems_reason_word_for_word() {
        let reason = "org.freedesktop.DBus.Error.ServiceUnknown: The name was not provided";
        let e = ShellError::NotShown(reason.into());
        assert_eq!(e.to_string(), reason);
        assert_eq!(api(e).code, "notification_failed");
    }

    #[test]
    fn codes_are_stable_and_distinct() {
        let all = [
            ShellError::NotShown(String::new()),
            ShellError::BadTime(String::new()),
            ShellError::CannotWriteThere,
            ShellError::Interrupted(String::new()),
        ];
        let codes: std::collections::BTreeSet<_> = all.iter().map(ShellError::code).collect();
        assert_eq!(codes.len(), all.len());
    }
}
