//! **Doing a sync**: reading the folder into a [`Listing`] and carrying out the [`Action`]s that
//! [`super::plan`] decided. The merges go through [`record::merge_files`], the one merge of
//! record files that an import uses too.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::plan::{Action, Listed, Listing, Read, Standing};
use super::report::{FileOutcome, FileSeen, SyncReport};
use crate::error::Result;
use crate::record::{self, RecordFile};
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
/// it is the one last merged from its device (`merged`) is not read further.
pub fn list(folder: &Path, own: &Path, standing: &Standing) -> Result<Listing> {
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
            let read = read(&folder.join(&name), standing);
            Listed { name, read }
        })
        .collect())
}

fn read(path: &Path, standing: &Standing) -> Read {
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
    let body = record::decode(&bytes)
        .map(Box::new)
        .map_err(|e| e.to_string());
    Read::Whole(header, body)
}

/// Carry out `actions` over `listing` for `store`, writing this device's file at `own`.
pub async fn apply(
    store: &Store,
    own: &Path,
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
        write_own(store, own, &stamp).await?;
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
/// changed since it was last written (the store's change mark is the one noted then) and it is
/// still there, it is not exported again; a file whose body would be the same is not rewritten.
async fn write_own(store: &Store, own: &Path, stamp: &str) -> Result<()> {
    let mark = store.change_mark().await?;
    if own.exists() && store.own_file_mark().await?.as_deref() == Some(mark.as_str()) {
        return Ok(());
    }
    let bytes = record::export(store, stamp).await?;
    let same = std::fs::read(own)
        .ok()
        .and_then(|old| {
            Some((
                record::header_of(&old).ok()?.0,
                record::header_of(&bytes).ok()?.0,
            ))
        })
        .is_some_and(|(old, new)| old.body_sha256 == new.body_sha256);
    if !same {
        record::write_atomically(own, &bytes)?;
    }
    store.note_own_file(&mark, stamp).await
}
