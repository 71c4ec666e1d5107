//! **What a sync will do**, decided from what the folder holds and what this device knows,
//! without touching a disk: [`plan`] turns a [`Listing`] into a sorted list of [`Action`]s that
//! [`super::apply`] carries out. Every rule about the folder's files is here:
//! - a file that could not be read (cut short, damaged, of a newer format, sealed while this
//!   device has no record passphrase or another one) is skipped with the reason, and read
//!   again next time;
//! - a file whose body is the one last merged from its device is unchanged: nothing in it can be
//!   new;
//! - a device that holds nothing yet joins the record the folder holds: the one there is, or the
//!   one the user chose ([`FOLLOW`]); with more than one person's record and no choice made, it
//!   asks instead ([`Action::Ask`]) and joins none;
//! - every file of this device's record is merged (a conflict copy or an old copy too: a merge
//!   loses nothing); a file of another person's record is skipped, never merged;
//! - this device's own file is written last, so it holds what was just merged.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::report::RecordChoice;
use crate::record::{Header, RecordFile};
use crate::store::VersionRow;

/// The setting (this device's own, it never travels) that says whose record a device joining a
/// folder follows: a profile id, or [`OWN`] for a record of its own.
pub const FOLLOW: &str = "sync_follow";
/// See [`FOLLOW`].
pub const OWN: &str = "own";

/// Why a file of another person's record is not merged.
const NOT_OURS: &str = "It belongs to another person's record.";
/// ... and why, when the user is asked whose record to follow.
const CHOOSE: &str = "This folder holds more than one person's record: choose yours in Settings.";

/// One record file of the folder (other than this device's own), as read.
#[derive(Debug, Clone)]
pub struct Listed {
    pub name: String,
    pub read: Read,
}

/// What could be read of a file.
#[derive(Debug, Clone)]
pub enum Read {
    /// Nothing: why (it could not be opened, or its header is not a record file's).
    Failed(String),
    /// Its header; its body was not read, as it is the one last merged from its device.
    Known(Header),
    /// Its header, and its body or why the body could not be read.
    Whole(Header, std::result::Result<Box<RecordFile>, String>),
}

/// The folder's record files other than this device's, sorted by name.
pub type Listing = Vec<Listed>;

/// What this device knows when it syncs.
#[derive(Debug, Clone, Default)]
pub struct Standing {
    /// This record's profile.
    pub profile: String,
    /// Whether this device holds nothing yet (no entry, no protocol).
    pub empty: bool,
    /// The user's choice of record to follow ([`FOLLOW`]).
    pub follow: Option<String>,
    /// The checksum of the body last merged from each device.
    pub merged: BTreeMap<String, String>,
}

/// One step of a sync, in the order [`plan`] sorts them.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Take on this record's profile first (a device holding nothing joins it).
    Adopt(String),
    /// Merge the file at this position of the listing (all merges go in one transaction).
    Merge(usize),
    /// The file is the one last merged from its device.
    Unchanged(usize),
    /// The file is not merged, for this reason.
    Skip(usize, String),
    /// Ask the user whose record to follow (nothing is joined).
    Ask(Vec<RecordChoice>),
    /// Write this device's own file (unless nothing changed since it was last written).
    WriteOwn,
}

impl Action {
    fn rank(&self) -> (u8, usize) {
        match self {
            Action::Adopt(_) => (0, 0),
            Action::Ask(_) => (1, 0),
            Action::Merge(i) | Action::Unchanged(i) | Action::Skip(i, _) => (2, *i),
            Action::WriteOwn => (3, 0),
        }
    }
}

/// The steps of one sync: see the module docs.
pub fn plan(listing: &[Listed], standing: &Standing) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut whole: Vec<(usize, &RecordFile)> = Vec::new();
    for (i, listed) in listing.iter().enumerate() {
        match &listed.read {
            Read::Failed(why) => actions.push(Action::Skip(i, why.clone())),
            Read::Known(_) => actions.push(Action::Unchanged(i)),
            Read::Whole(h, _) if standing.merged.get(&h.device) == Some(&h.body_sha256) => {
                actions.push(Action::Unchanged(i))
            }
            Read::Whole(_, Err(why)) => actions.push(Action::Skip(i, why.clone())),
            Read::Whole(_, Ok(f)) => whole.push((i, f)),
        }
    }
    let (joined, asked) = join(&whole, standing);
    let profile = joined.as_deref().unwrap_or(&standing.profile);
    let not_ours = if asked.is_empty() { NOT_OURS } else { CHOOSE };
    for (i, f) in &whole {
        actions.push(if f.header.profile == profile {
            Action::Merge(*i)
        } else {
            Action::Skip(*i, not_ours.into())
        });
    }
    if let Some(p) = joined {
        actions.push(Action::Adopt(p));
    }
    if !asked.is_empty() {
        actions.push(Action::Ask(asked));
    }
    actions.push(Action::WriteOwn);
    actions.sort_by_key(Action::rank);
    actions
}

/// Whose record a device holding nothing joins (none when it keeps its own), or the records to
/// ask about. Only records that hold something count as a choice: the empty file of another
/// device still asking is no one's record to follow (though, alone, it is joined, so two new
/// devices that set up sync before either records anything end up in one record).
fn join(
    whole: &[(usize, &RecordFile)],
    standing: &Standing,
) -> (Option<String>, Vec<RecordChoice>) {
    let foreign = |holding: bool| -> BTreeSet<&str> {
        whole
            .iter()
            .filter(|(_, f)| !holding || f.header.events + f.header.versions > 0)
            .map(|(_, f)| f.header.profile.as_str())
            .filter(|p| *p != standing.profile)
            .collect()
    };
    let (all, holding) = (foreign(false), foreign(true));
    if all.is_empty() || !standing.empty {
        return (None, vec![]);
    }
    match standing.follow.as_deref() {
        Some(OWN) => (None, vec![]),
        Some(p) if all.contains(p) => (Some(p.to_string()), vec![]),
        _ if holding.len() > 1 => {
            let mut choices = choices_of(whole, &standing.profile);
            choices.retain(|c| holding.contains(c.profile.as_str()));
            (None, choices)
        }
        _ => (
            holding.first().or(all.first()).map(|p| p.to_string()),
            vec![],
        ),
    }
}

/// The records in `whole` other than `own`, described for the user (oldest course first).
fn choices_of(whole: &[(usize, &RecordFile)], own: &str) -> Vec<RecordChoice> {
    let mut out: Vec<RecordChoice> = Vec::new();
    for (_, f) in whole.iter().filter(|(_, f)| f.header.profile != own) {
        let (started, protocol) = described(f);
        match out.iter_mut().find(|c| c.profile == f.header.profile) {
            Some(c) => {
                if !c.devices.contains(&f.header.device) {
                    c.devices.push(f.header.device.clone());
                }
                c.started = c.started.min(started).or(c.started).or(started);
                c.protocol = c.protocol.take().or(protocol);
                c.entries = c.entries.max(f.header.events);
            }
            None => out.push(RecordChoice {
                profile: f.header.profile.clone(),
                devices: vec![f.header.device.clone()],
                started,
                protocol,
                entries: f.header.events,
            }),
        }
    }
    out.sort_by(|a, b| a.started.cmp(&b.started).then(a.profile.cmp(&b.profile)));
    out
}

/// A record file's first course day and newest protocol name.
fn described(f: &RecordFile) -> (Option<NaiveDate>, Option<String>) {
    let spec = |v: &VersionRow| serde_json::from_str::<serde_json::Value>(&v.spec).ok();
    let started = f
        .body
        .versions
        .iter()
        .filter_map(|v| spec(v)?.get("start_date")?.as_str()?.parse().ok())
        .min();
    let protocol = f
        .body
        .versions
        .iter()
        .max_by(|a, b| a.created_at.cmp(&b.created_at))
        .and_then(|v| Some(spec(v)?.get("name")?.as_str()?.to_string()));
    (started, protocol)
}
