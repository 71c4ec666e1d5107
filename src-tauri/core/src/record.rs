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
//! With a record passphrase set ([`Keys`]), the file is **sealed** ([`seal`]): the header is
//! `version` 2 with a `sealed` object (cipher, key derivation, salt, nonce, key check), and the
//! body line is the base64 of the body encrypted with the header line as associated data;
//! `body_bytes` and `body_sha256` still describe the plain body. A plain file stays version 1.
//!
//! A file is refused, with a clear message and no change, when it is not a record, was made by
//! a newer format, is truncated, fails its checksum, is sealed and this device has no or another
//! passphrase, or belongs to another profile.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use crate::atomic::{tmp_path, write_atomically};
use crate::error::{CoreError, Result};
use crate::store::{MergeStats, RecordBody, Store};

pub mod seal;
pub use seal::{Keys, Sealed, MIN_PASSPHRASE_CHARS};

/// The header's `format`.
pub const FORMAT: &str = "magday-record";
/// The newest format this version reads.
pub const VERSION: u32 = SEALED_VERSION;
/// The format of a plain file (the one written without a record passphrase).
pub const PLAIN_VERSION: u32 = 1;
/// The format of a sealed file.
pub const SEALED_VERSION: u32 = 2;
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
    /// How the body is encrypted, in a sealed file (version 2); absent in a plain one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<Sealed>,
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

/// The plain file's bytes for `body`.
pub fn encode(body: &RecordBody, profile: &str, device: &str, written_at: &str) -> Result<Vec<u8>> {
    encode_with(body, profile, device, written_at, &Keys::default())
}

/// The file's bytes for `body`: sealed with the record passphrase of `keys` when one is set,
/// else plain.
pub fn encode_with(
    body: &RecordBody,
    profile: &str,
    device: &str,
    written_at: &str,
    keys: &Keys,
) -> Result<Vec<u8>> {
    let body_json = serde_json::to_vec(body)?;
    let sealer = keys.sealer()?;
    let header = Header {
        format: FORMAT.into(),
        version: if sealer.is_some() {
            SEALED_VERSION
        } else {
            PLAIN_VERSION
        },
        profile: profile.into(),
        device: device.into(),
        written_at: written_at.into(),
        events: body.events.len() as u64,
        versions: body.versions.len() as u64,
        courses: body.courses.len() as u64,
        settings: body.settings.len() as u64,
        body_bytes: body_json.len() as u64,
        body_sha256: sha256_hex(&body_json),
        sealed: sealer.as_ref().map(|s| s.sealed.clone()),
    };
    let mut out = serde_json::to_vec(&header)?;
    let body_line = match &sealer {
        Some(sealer) => sealer.seal(&out, &body_json)?,
        None => body_json,
    };
    out.push(b'\n');
    out.extend_from_slice(&body_line);
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
    match &header.sealed {
        Some(sealed) if header.version >= SEALED_VERSION => sealed.validate()?,
        None if header.version < SEALED_VERSION => {}
        _ => {
            return Err(refused(
                "corrupted_record",
                "This file is damaged (its header does not say how its body is written): nothing was imported.",
            ))
        }
    }
    Ok((header, &bytes[newline + 1..]))
}

/// Read and check a plain record file's bytes (a sealed one is refused with
/// `needs_record_passphrase`).
pub fn decode(bytes: &[u8]) -> Result<RecordFile> {
    decode_with(bytes, &Keys::default())
}

/// Read and check a record file's bytes, plain or sealed (opened with the passphrase of `keys`).
pub fn decode_with(bytes: &[u8], keys: &Keys) -> Result<RecordFile> {
    let (header, rest) = header_of(bytes)?;
    let header_line = &bytes[..bytes.len() - rest.len() - 1];
    let body_bytes = usize::try_from(header.body_bytes).unwrap_or(usize::MAX);
    let line_bytes = match header.sealed {
        Some(_) => seal::sealed_len(body_bytes),
        None => body_bytes,
    };
    if rest.len() < line_bytes {
        return Err(refused(
            "truncated_record",
            "This file is incomplete (it was cut short, perhaps while it was copied): nothing was imported.",
        ));
    }
    let (line, trailing) = rest.split_at(line_bytes);
    let damaged = || {
        refused(
            "corrupted_record",
            "This file is damaged (its checksum does not match): nothing was imported.",
        )
    };
    if !trailing.iter().all(u8::is_ascii_whitespace) {
        return Err(damaged());
    }
    let opened = match &header.sealed {
        Some(sealed) => Some(keys.open(sealed, header_line, line)?),
        None => None,
    };
    let body = opened.as_deref().map_or(line, Vec::as_slice);
    if body.len() != body_bytes || sha256_hex(body) != header.body_sha256 {
        return Err(damaged());
    }
    let body: RecordBody = serde_json::from_slice(body).map_err(|_| {
        refused(
            "corrupted_record",
            "This file is damaged (its contents cannot be read): nothing was imported.",
        )
    })?;
    checked(RecordFile { header, body })
}

/// A file whose counts and rows are checked.
fn checked(file: RecordFile) -> Result<RecordFile> {
    let (header, body) = (&file.header, &file.body);
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
    Ok(file)
}

/// The record of `store` as a plain file's bytes.
pub async fn export(store: &Store, written_at: &str) -> Result<Vec<u8>> {
    export_with(store, written_at, &Keys::default()).await
}

/// The record of `store` as a file's bytes, sealed when `keys` holds a record passphrase.
pub async fn export_with(store: &Store, written_at: &str, keys: &Keys) -> Result<Vec<u8>> {
    let body = store.export_body().await?;
    encode_with(
        &body,
        &store.profile().await?,
        store.device_id(),
        written_at,
        keys,
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
mod seal_tests;
#[cfg(test)]
mod tests;
