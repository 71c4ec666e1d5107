//! **The record file**: the whole record (every event, protocol version, course and synced
//! setting, each with its global id) in one versioned, checksummed file. Export writes it,
//! import merges it, and each device's file in a sync folder is one. The format is described
//! for people in `src-tauri/core/RECORD-FORMAT.md`.
//!
//! Two lines of UTF-8 JSON:
//! 1. the header: `{"format":"magday-record","version":1,"profile":…,"device":…,
//!    "written_at":…,"events":N,"versions":N,"courses":N,"settings":N,"body_bytes":N,
//!    "body_sha256":"…"}`;
//! 2. the body ([`RecordBody`]): exactly `body_bytes` bytes whose SHA-256 is `body_sha256`.
//!
//! A file is refused, with a clear message and no change, when it is not a record, was made by
//! a newer format, is truncated, fails its checksum, or belongs to another profile.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use crate::atomic::{tmp_path, write_atomically};
use crate::error::{CoreError, Result};
use crate::store::{MergeStats, RecordBody, Store};

/// The header's `format`.
pub const FORMAT: &str = "magday-record";
/// The newest format this version reads and the one it writes.
pub const VERSION: u32 = 1;
/// The extension of record files (exports and sync files).
pub const EXTENSION: &str = "magday";

/// The first line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// Whose record it is.
    pub profile: String,
    /// The device that wrote the file.
    pub device: String,
    /// When, RFC 3339.
    pub written_at: String,
    pub events: u64,
    pub versions: u64,
    pub courses: u64,
    pub settings: u64,
    pub body_bytes: u64,
    pub body_sha256: String,
}

/// A record read and checked: its header, its body and the body's checksum.
#[derive(Debug, Clone)]
pub struct RecordFile {
    pub header: Header,
    pub body: RecordBody,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The file's bytes for `body`.
pub fn encode(body: &RecordBody, profile: &str, device: &str, written_at: &str) -> Result<Vec<u8>> {
    let body_json = serde_json::to_vec(body)?;
    let header = Header {
        format: FORMAT.into(),
        version: VERSION,
        profile: profile.into(),
        device: device.into(),
        written_at: written_at.into(),
        events: body.events.len() as u64,
        versions: body.versions.len() as u64,
        courses: body.courses.len() as u64,
        settings: body.settings.len() as u64,
        body_bytes: body_json.len() as u64,
        body_sha256: sha256_hex(&body_json),
    };
    let mut out = serde_json::to_vec(&header)?;
    out.push(b'\n');
    out.extend_from_slice(&body_json);
    out.push(b'\n');
    Ok(out)
}

fn refused(code: &'static str, message: &str) -> CoreError {
    CoreError::refused(code, message)
}

/// Read the header alone (cheap: a sync folder's unchanged files are recognised by it).
pub fn header_of(bytes: &[u8]) -> Result<(Header, &[u8])> {
    let not_a_record = || {
        refused(
            "not_a_record",
            "This is not a Magday record file: nothing was imported.",
        )
    };
    let newline = bytes
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(not_a_record)?;
    let header: Header = serde_json::from_slice(&bytes[..newline]).map_err(|_| not_a_record())?;
    if header.format != FORMAT {
        return Err(not_a_record());
    }
    if header.version > VERSION {
        return Err(refused(
            "newer_format",
            "This file was made by a newer version of Magday: update the app to import it. Nothing was imported.",
        ));
    }
    Ok((header, &bytes[newline + 1..]))
}

/// Read and check a record file's bytes.
pub fn decode(bytes: &[u8]) -> Result<RecordFile> {
    let (header, rest) = header_of(bytes)?;
    let body_bytes = usize::try_from(header.body_bytes).unwrap_or(usize::MAX);
    if rest.len() < body_bytes {
        return Err(refused(
            "truncated_record",
            "This file is incomplete (it was cut short, perhaps while it was copied): nothing was imported.",
        ));
    }
    let body = &rest[..body_bytes];
    let trailing = &rest[body_bytes..];
    if sha256_hex(body) != header.body_sha256 || !trailing.iter().all(u8::is_ascii_whitespace) {
        return Err(refused(
            "corrupted_record",
            "This file is damaged (its checksum does not match): nothing was imported.",
        ));
    }
    let body: RecordBody = serde_json::from_slice(body).map_err(|_| {
        refused(
            "corrupted_record",
            "This file is damaged (its contents cannot be read): nothing was imported.",
        )
    })?;
    let counts = (
        body.events.len() as u64,
        body.versions.len() as u64,
        body.courses.len() as u64,
    );
    if counts != (header.events, header.versions, header.courses) {
        return Err(refused(
            "corrupted_record",
            "This file is damaged (its counts do not match): nothing was imported.",
        ));
    }
    body.check()?;
    Ok(RecordFile { header, body })
}

/// The record of `store` as a file's bytes.
pub async fn export(store: &Store, written_at: &str) -> Result<Vec<u8>> {
    let body = store.export_body().await?;
    encode(
        &body,
        &store.profile().await?,
        store.device_id(),
        written_at,
    )
}

/// Merge a checked file into `store` (at `merged_at`, RFC 3339): an import. Refused when it
/// belongs to another profile (unless this record is still empty, which then takes the file's
/// profile). A file whose body is the one last merged from its device is recognised by its
/// checksum and not merged again (nothing in it can be new).
pub async fn merge(store: &Store, file: &RecordFile, merged_at: &str) -> Result<MergeStats> {
    if file.header.profile != store.profile().await? {
        store.adopt_profile(&file.header.profile).await?;
    }
    let h = &file.header;
    if store.merged_file(&h.device).await?.as_deref() == Some(h.body_sha256.as_str()) {
        return Ok(MergeStats::default());
    }
    merge_files(store, &[file], merged_at).await
}

/// **The one merge of record files**, an import's and a sync's: every body in one transaction
/// (all or none), then each file noted as merged from its device (so it is known again by its
/// checksum). The caller has checked that the files belong to this record.
pub async fn merge_files(
    store: &Store,
    files: &[&RecordFile],
    merged_at: &str,
) -> Result<MergeStats> {
    let bodies: Vec<&RecordBody> = files.iter().map(|f| &f.body).collect();
    let added = store.merge(&bodies).await?;
    for f in files {
        let h = &f.header;
        store
            .note_merged_file(
                &h.device,
                &h.body_sha256,
                &h.written_at,
                merged_at,
                i64::try_from(h.events).unwrap_or(i64::MAX),
            )
            .await?;
    }
    Ok(added)
}

#[cfg(test)]
mod tests;
