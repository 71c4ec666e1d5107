//! The event log's vocabulary: every kind of entry the app records, the one place that turns an
//! entry into a stored row ([`encode`]) and back ([`decode`]), and the replay of one day's
//! entries into that day's state ([`DayState`]). The checklist, reminders, the delivery check,
//! check-ins, progress, food and the report read entries only through this module.
//!
//! Nothing is stored as state: a tap appends an entry and never rewrites one. A correction is a
//! later entry (an undo, a new note, a food removal that names the entry it takes back).
//!
//! **Unknown or malformed entries** (an action this version does not know, or a value of the
//! wrong shape, e.g. written by a newer version on another device) decode to
//! [`Entry::Unknown`]: they stay in the log untouched and every reader skips them, the same way
//! everywhere. Only a row whose day or instant cannot be read at all is an error
//! ([`CoreError::Corrupt`](crate::error::CoreError::Corrupt)): without them it cannot be placed
//! on any day.
//!
//! The vocabulary is in [`entry`], the rows in [`codec`], the replay of a day in [`replay`];
//! this file reads and appends entries through the store.

mod codec;
mod entry;
mod replay;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;

pub use codec::{decode, encode, record_of};
pub use entry::*;
pub use replay::*;

use crate::error::Result;
use crate::store::{NewEvent, Store};

/// Every entry of `first..=last`, by day then in the order recorded.
pub async fn read(store: &Store, first: NaiveDate, last: NaiveDate) -> Result<Vec<Record>> {
    Ok(store
        .events_between(first, last)
        .await?
        .iter()
        .map(record_of)
        .collect())
}

/// The setting stored under `key`, every safety pause and resumption, and every supply count
/// and refill (each oldest first), in one round trip.
pub async fn read_setting_safety_and_stock<T: DeserializeOwned>(
    store: &Store,
    key: &str,
) -> Result<(Option<T>, Vec<Record>, Vec<Record>)> {
    let (settings, events) = store.setting_and_items(key, [SAFETY, STOCK]).await?;
    let (safety, stock) = events
        .iter()
        .map(record_of)
        .partition(|r| matches!(r.entry, Entry::SafetyPaused { .. } | Entry::SafetyResumed));
    Ok((settings, safety, stock))
}

/// Every safety pause and resumption, oldest first (one indexed query, however long the log).
pub async fn read_safety(store: &Store) -> Result<Vec<Record>> {
    Ok(store
        .events_of_item(SAFETY)
        .await?
        .iter()
        .map(record_of)
        .collect())
}

/// The version governing `day` (as stored) and the day's entries, in one round trip.
pub async fn read_day(
    store: &Store,
    day: NaiveDate,
) -> Result<(Option<crate::store::StoredVersion>, Vec<Record>)> {
    let (version, events) = store.day_rows(day).await?;
    Ok((version, events.iter().map(record_of).collect()))
}

/// Every food entry (logged or removed) of `first..=last`.
pub async fn read_food(store: &Store, first: NaiveDate, last: NaiveDate) -> Result<Vec<Record>> {
    Ok(store
        .events_between_for(first, last, "food")
        .await?
        .iter()
        .map(record_of)
        .collect())
}

/// Append entries in one transaction (all or none): the one writer.
pub async fn append(store: &Store, records: &[NewRecord]) -> Result<Vec<Record>> {
    let rows: Vec<NewEvent> = records
        .iter()
        .filter_map(|r| {
            let (item, action, value, corrects) = encode(&r.entry)?;
            Some(NewEvent {
                day: r.day,
                at: r.at,
                item,
                action: action.into(),
                value,
                protocol_version: r.protocol_version,
                corrects,
            })
        })
        .collect();
    Ok(store.append(&rows).await?.iter().map(record_of).collect())
}

#[cfg(test)]
mod tests;
