//! **Sealed record files**: a record file's body encrypted with the record passphrase, so the
//! files that leave the device (exports, this device's file in a sync folder) hold no entry
//! in clear. The header stays readable, so a sync still recognises a file without opening it.
//!
//! - The key: Argon2id (the `argon2` crate, version 0x13) of the passphrase with a random
//!   16-byte salt, 32 bytes, with the crate's default costs when this device writes (19 MiB,
//!   2 passes, 1 lane). A file names its own salt and costs, so a reader derives the key it
//!   needs; costs above [`MAX_M_KIB`], [`MAX_T`], [`MAX_P`] are refused (a file must not make a
//!   device spend minutes or gigabytes).
//! - The cipher: XChaCha20-Poly1305 (`chacha20poly1305`), a random 24-byte nonce for every file
//!   written, the whole header line as written as associated data (so no byte of the header
//!   can change unnoticed).
//! - A key check, the first 16 bytes of SHA-256(`CHECK_CONTEXT` ‖ key): a wrong passphrase
//!   (`wrong_record_passphrase`) is told apart from a damaged file (`corrupted_record`), and
//!   this device knows whether its own file in the folder opens with its passphrase without
//!   decrypting it.
//!
//! The passphrase itself is never stored by the core: the shell hands it over ([`Keys::set`]).
//! Derived keys are kept in memory by salt and costs, so a sync every few seconds derives none
//! for files it has already met; this device's own files use one salt and key for as long as
//! the passphrase is unchanged (a fresh nonce every time). Deriving a key takes a moment of CPU
//! (tens of milliseconds in a release build): it is done at most once per salt.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::{Algorithm, Argon2, Params, Version};
use base64ct::{Base64, Encoding};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{CoreError, Result};

/// The header's `sealed.cipher`.
pub const CIPHER: &str = "xchacha20poly1305";
/// The header's `sealed.kdf`.
pub const KDF: &str = "argon2id";
/// The shortest record passphrase, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The most memory (KiB) a file may ask Argon2id for: 256 MiB.
pub const MAX_M_KIB: u32 = 256 * 1024;
/// The most passes a file may ask for.
pub const MAX_T: u32 = 8;
/// The most lanes a file may ask for.
pub const MAX_P: u32 = 8;
/// Poly1305's tag, after the ciphertext.
pub const TAG_BYTES: usize = 16;
const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 24;
const KEY_BYTES: usize = 32;
const CHECK_BYTES: usize = 16;
/// What the key check hashes before the key.
const CHECK_CONTEXT: &[u8] = b"magday-record key check\0";

type Key = Zeroizing<[u8; KEY_BYTES]>;

/// The header's `sealed` object: how the body was encrypted. Bytes are standard base64 with
/// padding (RFC 4648, section 4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    /// [`CIPHER`].
    pub cipher: String,
    /// [`KDF`].
    pub kdf: String,
    /// Argon2id's memory, KiB.
    pub m: u32,
    /// Argon2id's passes.
    pub t: u32,
    /// Argon2id's lanes.
    pub p: u32,
    /// The key's salt (16 bytes when Magday writes it).
    pub salt: String,
    /// The cipher's nonce, 24 bytes.
    pub nonce: String,
    /// The key check, 16 bytes (see the module docs).
    pub check: String,
}

fn damaged(why: &str) -> CoreError {
    CoreError::refused(
        "corrupted_record",
        format!("This file is damaged ({why}): nothing was imported."),
    )
}

fn bytes_of(text: &str) -> Result<Vec<u8>> {
    Base64::decode_vec(text).map_err(|_| damaged("its encryption details cannot be read"))
}

impl Sealed {
    /// Refuse what this version cannot open before any key is derived: another cipher or key
    /// derivation (a newer format), costs out of bounds, a salt, nonce or check of the wrong size.
    pub(crate) fn validate(&self) -> Result<()> {
        if self.cipher != CIPHER || self.kdf != KDF {
            return Err(CoreError::refused(
                "newer_format",
                "This file was made by a newer version of Magday: update the app to import it. Nothing was imported.",
            ));
        }
        let (salt, nonce, check) = (
            bytes_of(&self.salt)?,
            bytes_of(&self.nonce)?,
            bytes_of(&self.check)?,
        );
        let costs_ok = self.m <= MAX_M_KIB && self.t <= MAX_T && self.p <= MAX_P;
        if !costs_ok || self.params().is_err() {
            return Err(damaged("its encryption costs cannot be used"));
        }
        if !(8..=64).contains(&salt.len())
            || nonce.len() != NONCE_BYTES
            || check.len() != CHECK_BYTES
        {
            return Err(damaged("its encryption details have the wrong size"));
        }
        Ok(())
    }

    fn params(&self) -> std::result::Result<Params, argon2::Error> {
        Params::new(self.m, self.t, self.p, Some(KEY_BYTES))
    }
}

/// The length of the body line (without its newline) of a sealed body of `plain` bytes.
pub fn sealed_len(plain: usize) -> usize {
    plain
        .saturating_add(TAG_BYTES)
        .div_ceil(3)
        .saturating_mul(4)
}

fn needs_passphrase() -> CoreError {
    CoreError::refused(
        "needs_record_passphrase",
        "A file from this record needs the record passphrase: set it in Settings, Your record.",
    )
}

fn wrong_passphrase() -> CoreError {
    CoreError::refused(
        "wrong_record_passphrase",
        "A file from this record could not be opened with this device's record passphrase.",
    )
}

fn derive(passphrase: &str, salt: &[u8], params: Params) -> Result<Key> {
    let mut key = Zeroizing::new([0u8; KEY_BYTES]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut key[..])
        .map_err(|e| CoreError::Corrupt(format!("the record key could not be derived: {e}")))?;
    Ok(key)
}

fn check_of(key: &Key) -> [u8; CHECK_BYTES] {
    let digest = Sha256::new()
        .chain_update(CHECK_CONTEXT)
        .chain_update(&key[..])
        .finalize();
    let mut check = [0u8; CHECK_BYTES];
    check.copy_from_slice(&digest[..CHECK_BYTES]);
    check
}

/// Compared in constant time.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The salt, costs and key this device seals its own files with.
struct Own {
    salt: [u8; SALT_BYTES],
    params: Params,
    key: Key,
}

/// What a set passphrase brings: it, this device's own key, and the keys derived for others'.
struct State {
    passphrase: Zeroizing<String>,
    own: Option<Own>,
    derived: HashMap<(Vec<u8>, u32, u32, u32), Key>,
}

/// **This device's record passphrase** and the keys derived from it, in memory only: the shell
/// sets it at start and on change ([`Keys::set`]). Without one, files are written plain and a
/// sealed file is refused with `needs_record_passphrase`.
#[derive(Default)]
pub struct Keys {
    state: Mutex<Option<State>>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("set", &self.is_set())
            .finish_non_exhaustive()
    }
}

/// One file's seal: its `sealed` header object (a fresh nonce) and the key.
pub struct Sealer {
    /// The header's `sealed`.
    pub sealed: Sealed,
    key: Key,
    nonce: [u8; NONCE_BYTES],
}

impl Sealer {
    /// The body line for `plain`: the base64 of its ciphertext and tag, `aad` (the header line
    /// as written) bound to it.
    pub fn seal(&self, aad: &[u8], plain: &[u8]) -> Result<Vec<u8>> {
        let failed = || CoreError::Corrupt("the record could not be encrypted".into());
        let cipher = XChaCha20Poly1305::new_from_slice(&self.key[..]).map_err(|_| failed())?;
        let sealed = cipher
            .encrypt(&XNonce::from(self.nonce), Payload { msg: plain, aad })
            .map_err(|_| failed())?;
        Ok(Base64::encode_string(&sealed).into_bytes())
    }
}

impl Keys {
    fn state(&self) -> MutexGuard<'_, Option<State>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Set this device's record passphrase (`None`: none, files are written plain). Refused,
    /// changing nothing, when shorter than [`MIN_PASSPHRASE_CHARS`]. The same passphrase again
    /// keeps the keys already derived.
    pub fn set(&self, passphrase: Option<String>) -> Result<()> {
        let passphrase = passphrase.map(Zeroizing::new);
        if passphrase
            .as_ref()
            .is_some_and(|p| p.chars().count() < MIN_PASSPHRASE_CHARS)
        {
            return Err(CoreError::invalid(
                "record_passphrase_too_short",
                "passphrase",
                format!("A record passphrase needs at least {MIN_PASSPHRASE_CHARS} characters."),
            ));
        }
        let mut state = self.state();
        match passphrase {
            None => *state = None,
            Some(p) if state.as_ref().is_some_and(|s| *s.passphrase == *p) => {}
            Some(passphrase) => {
                *state = Some(State {
                    passphrase,
                    own: None,
                    derived: HashMap::new(),
                })
            }
        }
        Ok(())
    }

    /// Whether a record passphrase is set.
    pub fn is_set(&self) -> bool {
        self.state().is_some()
    }

    /// The seal of one file this device writes (`None` without a passphrase): this device's
    /// salt and key (derived the first time), a fresh random nonce.
    pub fn sealer(&self) -> Result<Option<Sealer>> {
        let mut guard = self.state();
        let Some(state) = guard.as_mut() else {
            return Ok(None);
        };
        let own = match state.own.take() {
            Some(own) => own,
            None => {
                let mut salt = [0u8; SALT_BYTES];
                OsRng.fill_bytes(&mut salt);
                let params = Params::default();
                let key = derive(&state.passphrase, &salt, params.clone())?;
                Own { salt, params, key }
            }
        };
        let own = state.own.insert(own);
        let mut nonce = [0u8; NONCE_BYTES];
        OsRng.fill_bytes(&mut nonce);
        let p = &own.params;
        Ok(Some(Sealer {
            sealed: Sealed {
                cipher: CIPHER.into(),
                kdf: KDF.into(),
                m: p.m_cost(),
                t: p.t_cost(),
                p: p.p_cost(),
                salt: Base64::encode_string(&own.salt),
                nonce: Base64::encode_string(&nonce),
                check: Base64::encode_string(&check_of(&own.key)),
            },
            key: own.key.clone(),
            nonce,
        }))
    }

    /// The key that opens a file sealed as `sealed` (validated): refused with
    /// `needs_record_passphrase` without a passphrase, `wrong_record_passphrase` when the file's
    /// key check is not this passphrase's. Each salt's key is derived once.
    fn key_for(&self, sealed: &Sealed) -> Result<Key> {
        let mut guard = self.state();
        let state = guard.as_mut().ok_or_else(needs_passphrase)?;
        let salt = bytes_of(&sealed.salt)?;
        let slot = (salt, sealed.m, sealed.t, sealed.p);
        let key = match state.derived.get(&slot) {
            Some(key) => key.clone(),
            None => {
                let params = sealed
                    .params()
                    .map_err(|_| damaged("its encryption costs cannot be used"))?;
                let key = derive(&state.passphrase, &slot.0, params)?;
                state.derived.insert(slot, key.clone());
                key
            }
        };
        if !same(&check_of(&key), &bytes_of(&sealed.check)?) {
            return Err(wrong_passphrase());
        }
        Ok(key)
    }

    /// Whether a file sealed as `sealed` (`None`: plain) is as this device writes its own now:
    /// plain without a passphrase; sealed with a key of this passphrase with one.
    pub fn fits(&self, sealed: Option<&Sealed>) -> bool {
        match sealed {
            None => !self.is_set(),
            Some(s) => s.validate().is_ok() && self.key_for(s).is_ok(),
        }
    }

    /// The plain body of a sealed file: `text` (the body line, base64) opened with the key of
    /// `sealed` (validated), `aad` being the header line as read.
    pub fn open(&self, sealed: &Sealed, aad: &[u8], text: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let key = self.key_for(sealed)?;
        let text = std::str::from_utf8(text).map_err(|_| damaged("its body is not base64"))?;
        let ciphertext = Base64::decode_vec(text).map_err(|_| damaged("its body is not base64"))?;
        let nonce: [u8; NONCE_BYTES] = bytes_of(&sealed.nonce)?
            .try_into()
            .map_err(|_| damaged("its encryption details have the wrong size"))?;
        let cipher = XChaCha20Poly1305::new_from_slice(&key[..])
            .map_err(|_| damaged("its key cannot be used"))?;
        cipher
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &ciphertext,
                    aad,
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| damaged("it does not open, though the passphrase is right"))
    }
}
