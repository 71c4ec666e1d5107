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
    /// SQLite failed.
    #[error("the database failed: {0}")]
    Storage(#[from] sqlx::Error),
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

    /// The stable machine code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Invalid { code, .. } | CoreError::Refused { code, .. } => code,
            CoreError::NotFound { .. } => "not_found",
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
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        let field = match &e {
            CoreError::Invalid { field, .. } => Some(field.clone()),
            _ => None,
        };
        ApiError {
            code: e.code().to_string(),
            message: capped(e.to_string()),
            field,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for ApiError {}
