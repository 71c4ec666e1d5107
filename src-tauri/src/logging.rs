//! The app's log, behind the `log` facade: every record goes to stderr and, once the platform
//! names a folder ([`to_file`]; the desktop gives Tauri's app log dir), is appended to
//! [`LOG_FILE`] there too. The file is capped: when the next line would take it past
//! [`MAX_BYTES`], it is moved to `magday.log.1` (replacing the one before) and started afresh
//! (emptied in place when it cannot be moved). A log file that cannot be opened or written
//! leaves stderr alone; logging never stops the app.
//!
//! Magday's own records are kept from `info` up; other crates' (Tauri, SQLite) from `warn` up.
//!
//! Why this file and not tauri-plugin-log (2.10, the line for tauri 2.12), weighed again when
//! the shell's floors were laid: the plugin would add `tauri-plugin-log`, `fern` and
//! `num_threads` (with `android_logger` on Android), an estimated 30 to 80 KB of the 10 MB
//! budget (not measured: no release build was made for it), and it cannot keep what this file
//! guarantees:
//! - a failed write or rotation leaves the line in the plugin's buffer, to be tried again with
//!   the next one: for as long as the failure lasts (on Windows a log file another program holds
//!   open cannot be renamed) the buffer grows with every line. Here the line is dropped;
//! - its logger is installed by its plugin's setup: nothing logged before the app is built is
//!   kept (here, everything from the first line of `run`), and a log folder that cannot be made,
//!   or a file that cannot be opened, fails that setup, so Magday would not start and no
//!   reminder would come. Here the log falls back to stderr and the app runs;
//! - its keep-one rotation deletes the full file (`KeepOne`) or keeps it under a new dated name
//!   each time (`KeepSome(1)`, with `.bak` copies on a clash that are never removed); here the
//!   previous file is always `magday.log.1`, and the two hold about 2 MB at most together;
//! - it registers a `log` command for the webview: one more IPC entry point, which the main
//!   window's capability would have to keep denied.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use chrono::{SecondsFormat, Utc};
use log::{Level, LevelFilter, Log, Metadata, Record};

/// The log file's name in the log folder.
pub const LOG_FILE: &str = "magday.log";

/// The size at which the log file is moved aside.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// The logger: stderr, and the file once there is one.
struct Sink {
    file: Mutex<Option<LogFile>>,
}

static SINK: Sink = Sink {
    file: Mutex::new(None),
};

/// The most detailed level kept for a record from `target`.
fn level_for(target: &str) -> Level {
    if target.starts_with("magday") {
        Level::Info
    } else {
        Level::Warn
    }
}

/// One line of the log: time (UTC), level, where, what.
fn line_of(record: &Record) -> String {
    format!(
        "{} {:<5} {}: {}\n",
        Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
        record.level(),
        record.target(),
        record.args()
    )
}

impl Log for Sink {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.level() <= level_for(metadata.target())
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = line_of(record);
        // Nowhere to report a failed write to stderr: it is dropped.
        let _ = io::stderr().write_all(line.as_bytes());
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(file) = file.as_mut() {
            file.append(&line);
        }
    }

    fn flush(&self) {}
}

/// Install the logger (stderr only for now). A second call, or another logger already set, is
/// left as it is.
pub fn init() {
    if log::set_logger(&SINK).is_ok() {
        log::set_max_level(LevelFilter::Info);
    }
}

/// From now on, append the log to [`LOG_FILE`] in `dir` too (creating `dir`). On an error the
/// log stays on stderr alone.
pub fn to_file(dir: &Path) -> io::Result<()> {
    let file = LogFile::open(dir.join(LOG_FILE), MAX_BYTES)?;
    *SINK.file.lock().unwrap_or_else(PoisonError::into_inner) = Some(file);
    Ok(())
}

/// A log file capped at a size: past it, the file is moved to `<name>.1` and begun again.
pub struct LogFile {
    path: PathBuf,
    /// None once the file could not be reopened after a move: nothing more is written to it.
    file: Option<File>,
    len: u64,
    cap: u64,
}

impl LogFile {
    /// Open (or create) the file at `path` for appending, creating its folder.
    pub fn open(path: PathBuf, cap: u64) -> io::Result<LogFile> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file = Self::append_to(&path)?;
        let len = file.metadata()?.len();
        Ok(LogFile {
            path,
            file: Some(file),
            len,
            cap,
        })
    }

    fn append_to(path: &Path) -> io::Result<File> {
        OpenOptions::new().create(true).append(true).open(path)
    }

    /// Where the previous file goes: `<name>.1`.
    pub fn rotated_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".1");
        PathBuf::from(name)
    }

    /// Append one line, first moving the file aside when the line would take it past the cap
    /// (a line longer than the cap is still written, to a fresh file). Errors are swallowed.
    pub fn append(&mut self, line: &str) {
        let add = line.len() as u64;
        if self.len > 0 && self.len.saturating_add(add) > self.cap {
            self.rotate();
        }
        if let Some(file) = self.file.as_mut() {
            if file.write_all(line.as_bytes()).is_ok() {
                self.len = self.len.saturating_add(add);
            }
        }
    }

    /// Problems here go straight to stderr: logging them would re-enter the locked sink.
    fn rotate(&mut self) {
        // Close before the move (Windows does not rename an open file).
        self.file = None;
        let rotated = self.rotated_path();
        if let Err(e) = std::fs::rename(&self.path, &rotated) {
            // The cap holds even so: the file is begun again where it is (its lines lost), or,
            // when even that fails, no longer written.
            let emptied = File::create(&self.path).is_ok();
            let _ = writeln!(
                io::stderr(),
                "magday: the log could not be moved to {} ({e}); {}",
                rotated.display(),
                if emptied {
                    "it was emptied instead"
                } else {
                    "logging to stderr only"
                }
            );
            if !emptied {
                return;
            }
        }
        match Self::append_to(&self.path).and_then(|f| Ok((f.metadata()?.len(), f))) {
            Ok((len, file)) => {
                self.len = len;
                self.file = Some(file);
            }
            Err(e) => {
                let _ = writeln!(
                    io::stderr(),
                    "magday: the log file {} could not be reopened ({e}); logging to stderr only",
                    self.path.display()
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_default()
    }

    #[test]
    fn the_file_is_moved_aside_at_the_cap_and_begun_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("logs").join(LOG_FILE);
        let mut log = LogFile::open(path.clone(), 30).expect("open");
        log.append("0123456789\n");
        log.append("abcdefghij\n");
        assert_eq!(read(&path), "0123456789\nabcdefghij\n");
        // 22 + 11 > 30: the file moves to .1 and the line starts a new one.
        log.append("ABCDEFGHIJ\n");
        assert_eq!(read(&log.rotated_path()), "0123456789\nabcdefghij\n");
        assert_eq!(read(&path), "ABCDEFGHIJ\n");
        // Once more: the old .1 is replaced.
        log.append("klmnopqrst\n");
        log.append("KLMNOPQRST\n");
        assert_eq!(read(&log.rotated_path()), "ABCDEFGHIJ\nklmnopqrst\n");
        assert_eq!(read(&path), "KLMNOPQRST\n");
        assert!(log.rotated_path().ends_with("magday.log.1"));
    }

    #[test]
    fn an_existing_file_counts_towards_the_cap() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(LOG_FILE);
        std::fs::write(&path, "x".repeat(25)).expect("write");
        let mut log = LogFile::open(path.clone(), 30).expect("open");
        log.append("0123456789\n");
        assert_eq!(read(&path), "0123456789\n");
        assert_eq!(read(&log.rotated_path()), "x".repeat(25));
    }

    #[test]
    fn a_file_that_cannot_be_moved_aside_is_emptied_in_place_and_keeps_the_cap() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(LOG_FILE);
        let mut log = LogFile::open(path.clone(), 30).expect("open");
        // A folder that is not empty where `magday.log.1` would go: the move fails.
        std::fs::create_dir_all(log.rotated_path().join("in-the-way")).expect("blocker");
        log.append("0123456789\n");
        log.append("abcdefghij\n");
        log.append("ABCDEFGHIJ\n");
        assert_eq!(read(&path), "ABCDEFGHIJ\n");
        for _ in 0..10 {
            log.append("klmnopqrst\n");
        }
        assert!(read(&path).len() <= 30, "capped");
    }

    #[test]
    fn a_line_longer_than_the_cap_is_still_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(LOG_FILE);
        let mut log = LogFile::open(path.clone(), 4).expect("open");
        log.append("a long line\n");
        assert_eq!(read(&path), "a long line\n");
    }

    #[test]
    fn a_folder_that_cannot_be_made_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().expect("tempdir");
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, "").expect("write");
        assert!(LogFile::open(blocker.join("logs").join(LOG_FILE), MAX_BYTES).is_err());
        assert!(to_file(&blocker.join("logs")).is_err());
    }

    #[test]
    fn magday_keeps_info_and_other_crates_keep_warnings() {
        assert_eq!(level_for("magday_lib::desktop"), Level::Info);
        assert_eq!(level_for("sqlx::query"), Level::Warn);
    }
}
