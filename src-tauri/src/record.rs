//! Keeping the record, as the shell does it. The rules are in the core (`backup`, `record`,
//! `sync`); here:
//! - `passphrase`: the record passphrase, kept in the config folder and handed to the core;
//! - `paths`: where the database, its backups and this installation's device id live;
//! - `pause`: the open safety pause kept beside the database, carried into a record put in its
//!   place;
//! - `recovery`: opening the database at start (the recovery screen instead of a failure when
//!   the file is damaged) and putting a backup in its place;
//! - `sync`: what the shell keeps about the record while the app runs, and the sync loop;
//! - `views`: what the record's commands take and answer.
//!
//! Changes of the record reach the reminders and the screens through `changes.rs`.

mod passphrase;
mod paths;
mod pause;
mod recovery;
mod sync;
mod views;

pub use passphrase::save as save_passphrase;
pub use paths::{device_id, new_device_id, Paths, BACKUPS_DIR, DB_FILE, DEVICE_FILE};
pub use pause::{carry_kept_pause, keep_pause};
pub use recovery::{back_up_at_start, open, replace, replace_with_backup, RecoveryView};
pub use sync::{spawn_background, sync_every, RecordState, SyncOutcome};
pub use views::{
    status, BackupName, FollowRecordInput, ImportOutcome, RecordPassphraseInput, RecordStatus,
    RecoverInput, RestoreInput, RestoreMode, RestoreOutcome, SavedFile, SyncFolderInput,
};

#[cfg(test)]
mod tests;
