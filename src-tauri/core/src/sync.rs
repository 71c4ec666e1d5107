//! **One log across devices, no account**: the user picks a folder that a sync engine they
//! already use carries between devices (Syncthing, Nextcloud, iCloud Drive, Dropbox, a USB
//! stick). Each device writes only its own file there, `magday-<device>.magday` (a record file,
//! [`crate::record`], written under a temporary name and renamed), reads every other one and
//! merges them by global id.
//!
//! What the folder may hold, and what happens to it:
//! - a file partly copied or cut short: its checksum fails, it is skipped and read again next
//!   time;
//! - an old copy of a device's file: a merge loses nothing and adds what is missing;
//! - the engines' conflict copies (Syncthing's `magday-x.sync-conflict-….magday`, Nextcloud's
//!   and Dropbox's `magday-x (conflicted copy …).magday`): any file named `magday-*.magday` is
//!   read and merged, so nothing in a conflict copy is lost;
//! - a file of another person's record (another profile): refused, never merged; a device that
//!   holds nothing yet joins the one record it finds, and when the folder holds more than one
//!   person's record it asks ([`SyncReport::choices`]) rather than join one of them silently:
//!   the user picks whose record this device follows, or starts their own ([`FOLLOW`]);
//! - a file unchanged since it was last merged: recognised by its header's checksum, not read
//!   further (so a sealed one is not even opened);
//! - a sealed file ([`crate::record::seal`]) when this device has no record passphrase, or
//!   another one: skipped with that reason (`needs_record_passphrase`,
//!   `wrong_record_passphrase`), nothing of it merged, and read again at the next sync.
//!
//! With a record passphrase set, this device's own file is sealed; turning it on, off or to
//! another passphrase rewrites that file at the next sync.
//!
//! A sync is decided ([`plan`]: pure, tested without a disk) and then done ([`apply`]).

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::record::Keys;
use crate::store::Store;

mod apply;
mod plan;
mod report;

pub use apply::{apply, is_record_name, list, own_file};
pub use plan::{plan, Action, Listed, Listing, Read, Standing, FOLLOW, OWN};
pub use report::{DeviceSeen, FileOutcome, FileSeen, RecordChoice, SyncReport};

/// Write this device's file and merge the others (in one transaction): list the folder, plan,
/// apply. `keys` holds this device's record passphrase, if one is set: this device's file is
/// then sealed with it, and the others' sealed files are opened with it.
pub async fn sync(
    store: &Store,
    folder: &Path,
    now: DateTime<Utc>,
    keys: &Keys,
) -> Result<SyncReport> {
    let own = own_file(folder, store.device_id());
    let standing = Standing {
        profile: store.profile().await?,
        empty: store.is_empty().await?,
        follow: store.setting(FOLLOW).await?,
        merged: store.merged_checksums().await?,
    };
    let listing = list(folder, &own, &standing, keys)?;
    let actions = plan(&listing, &standing);
    apply(store, &own, keys, &listing, &actions, now).await
}

/// The devices merged so far.
pub async fn devices(store: &Store) -> Result<Vec<DeviceSeen>> {
    Ok(store
        .merged_files()
        .await?
        .into_iter()
        .map(|(device, written_at, merged_at, events)| DeviceSeen {
            device,
            written_at,
            merged_at,
            events,
        })
        .collect())
}

#[cfg(test)]
mod convergence;
#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod sealed_tests;
#[cfg(test)]
mod tests;
