//! **Doing a sync**: reading the folder into a [`Listing`] and carrying out the [`Action`]s that
//! [`super::plan`] decided. The merges go through [`record::merge_files`], the one merge of
//! record files that an import uses too.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::plan::{Action, Listed, Listing, Read, Standing};
use super::report::{FileOutcome, FileSeen, SyncReport};
use crate::error::Result;
use crate::record::{self, Header, Keys, RecordFile};
use crate::store::{MergeStats, Store};

/// This device's file in `folder`.
pub fn own_file(folder: &Path, device: &str) -> PathBuf {
    folder.join(format!("magday-{device}.{}", record::EXTENSION))
}

/// Whether a file name is a device's record file (or an engine's conflict copy of one).
pub fn is_record_name(name: &str) -> bool {
    name.starts_with("magday-") && name.ends_with(&format!(".{}", record::EXTENSION))
}

/// Read the record files of `folder` other than `own`, sorted by name. A body whose header says
/// it is the one last merged from its device (`merged`) is not read further; a sealed body is
/// opened with the record passphrase of `keys` (without it, or with another, the file's read
/// fails with that reason and it is skipped).
pub fn list(folder: &Path, own: &Path, standing: &Standing, keys: &Keys) -> Result<Listing> {
    let own = own.file_name().and_then(|m| m.to_str());
    let mut names: Vec<String> = std::fs::read_dir(folder)?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_record_name(n) && Some(n.as_str()) != own)
        .collect();
    names.sort();
    Ok(names
        .into_iter()
        .map(|name| {
            let read = read(&folder.join(&name), standing, keys);
            Listed { name, read }
        })
        .collect())
}

fn read(path: &Path, standing: &Standing, keys: &Keys) -> Read {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Read::Failed(e.to_string()),
    };
    let header = match record::header_of(&bytes) {
        Ok((h, _)) => h,
        Err(e) => return Read::Failed(e.to_string()),
    };
    if standing.merged.get(&header.device) == Some(&header.body_sha256) {
        return Read::Known(header);
    }
    let body = record::decode_with(&bytes, keys)
        .map(Box::new)
        .map_err(|e| e.to_string());
    Read::Whole(header, body)
}

/// Carry out `actions` over `listing` for `store`, writing this device's file at `own` (sealed
/// when `keys` holds a record passphrase).
pub async fn apply(
    store: &Store,
    own: &Path,
    keys: &Keys,
    listing: &[Listed],
    actions: &[Action],
    now: DateTime<Utc>,
) -> Result<SyncReport> {
    let stamp = now.to_rfc3339();
    let mut files = Vec::new();
    let mut merged: Vec<(&str, &RecordFile)> = Vec::new();
    let mut choices = Vec::new();
    for action in actions {
        match action {
            Action::Adopt(profile) => store.adopt_profile(profile).await?,
            Action::Ask(asked) => choices = asked.clone(),
            Action::Merge(i) => {
                if let Read::Whole(_, Ok(f)) = &listing[*i].read {
                    merged.push((&listing[*i].name, f));
                }
            }
            Action::Unchanged(i) => files.push(seen(&listing[*i], FileOutcome::Unchanged, None)),
            Action::Skip(i, why) => {
                files.push(seen(&listing[*i], FileOutcome::Skipped, Some(why.clone())))
            }
            Action::WriteOwn => {}
        }
    }
    let bodies: Vec<&RecordFile> = merged.iter().map(|(_, f)| *f).collect();
    let added = if bodies.is_empty() {
        MergeStats::default()
    } else {
        record::merge_files(store, &bodies, &stamp).await?
    };
    for (name, f) in merged {
        files.push(FileSeen::new(
            name,
            Some(&f.header),
            FileOutcome::Merged,
            None,
        ));
    }
    if actions.contains(&Action::WriteOwn) {
        write_own(store, own, &stamp, keys).await?;
    }
    files.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(SyncReport {
        wrote: own.to_string_lossy().into_owned(),
        files,
        added,
        choices,
    })
}

fn seen(listed: &Listed, outcome: FileOutcome, reason: Option<String>) -> FileSeen {
    let header = match &listed.read {
        Read::Failed(_) => None,
        Read::Known(h) | Read::Whole(h, _) => Some(h),
    };
    FileSeen::new(&listed.name, header, outcome, reason)
}

/// Write this device's file at `own`, last, so it holds what was just merged. When nothing
/// changed since it was last written (the store's change mark is the one noted then) and the
/// file there is still sealed as this device writes now ([`Keys::fits`]: plain without a record
/// passphrase, opening with it with one), it is not exported again; a file whose body would be
/// the same, sealed as now, is not rewritten. So turning the passphrase on, off or to another
/// one rewrites this device's file at the next sync, even with nothing else changed.
async fn write_own(store: &Store, own: &Path, stamp: &str, keys: &Keys) -> Result<()> {
    let mark = store.change_mark().await?;
    let old = header_at(own);
    let fits = old.as_ref().is_some_and(|h| keys.fits(h.sealed.as_ref()));
    if fits && store.own_file_mark().await?.as_deref() == Some(mark.as_str()) {
        return Ok(());
    }
    let bytes = record::export_with(store, stamp, keys).await?;
    let same = fits
        && old
            .zip(record::header_of(&bytes).ok())
            .is_some_and(|(old, (new, _))| old.body_sha256 == new.body_sha256);
    if !same {
        record::write_atomically(own, &bytes)?;
    }
    store.note_own_file(&mark, stamp).await
}

/// The header of the record file at `path`, read alone (none when there is no such file or its
/// header does not read).
fn header_at(path: &Path) -> Option<Header> {
    use std::io::{BufRead, Read as _};
    let file = std::fs::File::open(path).ok()?;
    let mut line = Vec::new();
    std::io::BufReader::new(file.take(1 << 16))
        .read_until(b'\n', &mut line)
        .ok()?;
    record::header_of(&line).ok().map(|(h, _)| h)
}
