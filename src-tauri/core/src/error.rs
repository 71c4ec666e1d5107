//! One error type for the core, and its serialisable form that crosses IPC.
//!
//! Every error has a stable machine `code` (snake_case, never renamed once shipped: the UI and
//! tests match on it) and a human message that says what was wrong and, where it helps, what to do.

use serde::Serialize;
use ts_rs::TS;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The caller's input was refused; nothing was changed.
    #[error("{message}")]
    Invalid {
        code: &'static str,
        field: String,
        message: String,
    },
    /// The request is well formed but not allowed in the current state (a safety stop, a
    /// missing protocol, a conflict); nothing was changed.
    #[error("{message}")]
    Refused { code: &'static str, message: String },
    /// A referenced record does not exist.
    #[error("{what} was not found")]
    NotFound { what: String },
    /// Another write held the database for longer than the busy timeout (SQLite's BUSY or
    /// LOCKED): nothing of this request was saved, and trying again will work.
    #[error(
        "Magday was still saving another change and could not save this one; nothing was \
         changed. Please try again."
    )]
    Busy(sqlx::Error),
    /// SQLite failed.
    #[error("the database failed: {0}")]
    Storage(sqlx::Error),
    /// A migration could not be applied.
    #[error("the database could not be brought up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored record could not be read back (a bug or a damaged file).
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    /// A file could not be read or written.
    #[error("a file could not be written or read: {0}")]
    Io(#[from] std::io::Error),
}

impl CoreError {
    /// A refused input on `field`, with a stable `code`.
    pub fn invalid(
        code: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        CoreError::Invalid {
            code,
            field: field.into(),
            message: message.into(),
        }
    }

    /// A request refused in the current state.
    pub fn refused(code: &'static str, message: impl Into<String>) -> Self {
        CoreError::Refused {
            code,
            message: message.into(),
        }
    }

    /// What a person is told: the error's own message, or for a failure of the system below
    /// (SQLite, a file, a migration, an unreadable row) the app's own words, with what to do.
    /// The system's text is in [`CoreError::details`], for the log and a "details" line.
    pub fn user_message(&self) -> String {
        match self {
            CoreError::Storage(_) => "Magday could not read or save your record, so nothing was changed. Try again; if it keeps happening, restore a backup in Settings.".into(),
            CoreError::Migrate(_) => "Magday could not bring your record up to date for this version. Nothing was lost: a backup was taken before the update.".into(),
            CoreError::Corrupt(_) => "A part of your record could not be read, so nothing was changed. If it keeps happening, restore a backup in Settings.".into(),
            CoreError::Io(_) => "A file could not be read or written. Check that the folder exists and that Magday may write there, then try again.".into(),
            other => other.to_string(),
        }
    }

    /// The system's own text, for a failure of the system below (see [`CoreError::user_message`]).
    pub fn details(&self) -> Option<String> {
        match self {
            CoreError::Storage(_)
            | CoreError::Migrate(_)
            | CoreError::Corrupt(_)
            | CoreError::Io(_)
            | CoreError::Busy(_) => Some(self.source_text()),
            _ => None,
        }
    }

    fn source_text(&self) -> String {
        match self {
            CoreError::Storage(e) | CoreError::Busy(e) => e.to_string(),
            CoreError::Migrate(e) => e.to_string(),
            CoreError::Corrupt(e) => e.clone(),
            CoreError::Io(e) => e.to_string(),
            other => other.to_string(),
        }
    }

    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Invalid { code, .. } | CoreError::Refused { code, .. } => code,
            CoreError::NotFound { .. } => "not_found",
            CoreError::Busy(_) => "busy",
            CoreError::Storage(_) => "storage",
            CoreError::Migrate(_) => "migration",
            CoreError::Corrupt(_) => "corrupt_data",
            CoreError::Io(_) => "io",
        }
    }
}

/// What the user typed, quoted for an error message: at most [`ECHO_CHARS`] characters, so a
/// 100,000-character input is not sent back in full.
pub fn quoted(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(ECHO_CHARS).collect();
    if chars.next().is_some() {
        format!("\"{head}…\"")
    } else {
        format!("\"{head}\"")
    }
}

/// How much of an input an error message repeats.
pub const ECHO_CHARS: usize = 40;

/// The longest message an error carries across IPC; anything longer is cut (a safety net: the
/// messages themselves quote inputs through [`quoted`]).
pub const MAX_MESSAGE_CHARS: usize = 600;

fn capped(message: String) -> String {
    if message.chars().count() <= MAX_MESSAGE_CHARS {
        return message;
    }
    let mut cut: String = message.chars().take(MAX_MESSAGE_CHARS - 1).collect();
    cut.push('…');
    cut
}

impl From<sqlx::Error> for CoreError {
    fn from(e: sqlx::Error) -> Self {
        if is_busy(&e) {
            CoreError::Busy(e)
        } else {
            CoreError::Storage(e)
        }
    }
}

/// Whether SQLite answered BUSY or LOCKED (any of their extended codes: 517 is
/// `SQLITE_BUSY_SNAPSHOT`, 262 `SQLITE_LOCKED_SHAREDCACHE`, ...), or no connection was free in
/// time: another write had the database, and the same request can succeed a moment later.
pub fn is_busy(e: &sqlx::Error) -> bool {
    const SQLITE_BUSY: i64 = 5;
    const SQLITE_LOCKED: i64 = 6;
    match e {
        sqlx::Error::Database(db) => db
            .code()
            .and_then(|c| c.parse::<i64>().ok())
            .is_some_and(|c| matches!(c & 0xff, SQLITE_BUSY | SQLITE_LOCKED)),
        sqlx::Error::PoolTimedOut => true,
        _ => false,
    }
}

impl From<serde_json::Error> for CoreError {
    fn from(e: serde_json::Error) -> Self {
        CoreError::Corrupt(e.to_string())
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

/// The error every command returns across IPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    /// Stable machine code, e.g. `invalid_dose`, `unknown_form`, `not_found`, `storage`.
    pub code: String,
    /// What went wrong, for a person.
    pub message: String,
    /// The input field at fault, when there is one.
    pub field: Option<String>,
    /// The system's own text behind a failure of the system (SQLite, a file), for support and
    /// the log; `message` says it in the app's words.
    pub details: Option<String>,
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        let field = match &e {
            CoreError::Invalid { field, .. } => Some(field.clone()),
            _ => None,
        };
        ApiError {
            code: e.code().to_string(),
            message: capped(e.user_message()),
            field,
            details: e.details().map(capped),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for ApiError {}
