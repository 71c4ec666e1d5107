//! Sealed record files: they open with the record passphrase only, no byte of them can change
//! unnoticed, nothing of the record is in clear, and plain files read as before.

use super::*;
use crate::api::Core;
use crate::checklist::Tap;
use crate::testkit::{core_with_protocol, date, now_in};

const TZ: crate::zone::Tz = crate::zone::known::BERLIN;
const PASSPHRASE: &str = "correct horse battery";
/// Words of the record (the note, an entry, the protocol's product and template).
const WORDS: [&str; 6] = [
    "tangerine",
    "lighthouse",
    "dose:1",
    "\"taken\"",
    "glycinate",
    "nerve",
];

fn keys(passphrase: &str) -> Keys {
    let keys = Keys::default();
    keys.set(Some(passphrase.into())).unwrap();
    keys
}

/// A record holding a dose and a day note "tangerine lighthouse".
async fn with_note() -> Core {
    let core = core_with_protocol(date(2026, 3, 2)).await;
    let now = now_in(TZ, date(2026, 3, 2), 9, 0);
    core.tap(None, &Tap::TakeDose { slot: 1, at: None }, &now)
        .await
        .unwrap();
    let note = Tap::Note {
        item: "day".into(),
        text: "tangerine lighthouse".into(),
    };
    core.tap(None, &note, &now).await.unwrap();
    core
}

fn contains(bytes: &[u8], word: &str) -> bool {
    bytes.windows(word.len()).any(|w| w == word.as_bytes())
}

fn code(r: Result<RecordFile>) -> &'static str {
    r.unwrap_err().code()
}

/// The file with the first `from` in its header line replaced by `to` (the same length).
fn in_header(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let newline = bytes.iter().position(|b| *b == b'\n').unwrap();
    let header = String::from_utf8(bytes[..newline].to_vec()).unwrap();
    assert!(header.contains(from), "{from} in {header}");
    let mut out = header.replacen(from, to, 1).into_bytes();
    out.extend_from_slice(&bytes[newline..]);
    out
}

#[tokio::test]
async fn a_sealed_file_opens_with_its_passphrase_only() {
    let a = with_note().await;
    let keys = keys(PASSPHRASE);
    let bytes = export_with(a.store(), "2026-03-02T09:00:00+00:00", &keys)
        .await
        .unwrap();
    let (header, _) = header_of(&bytes).unwrap();
    assert_eq!(header.version, SEALED_VERSION);
    let sealed = header.sealed.clone().unwrap();
    assert_eq!(
        (sealed.cipher.as_str(), sealed.kdf.as_str()),
        (seal::CIPHER, seal::KDF)
    );
    assert_eq!(
        (sealed.m, sealed.t, sealed.p),
        (19 * 1024, 2, 1),
        "argon2's defaults"
    );
    assert_eq!(header.events, 2, "the counts stay in clear");
    // The right passphrase, on this device or another (its own key derived from the salt).
    let file = decode_with(&bytes, &keys).unwrap();
    assert_eq!(file.body, a.store().export_body().await.unwrap());
    let elsewhere = decode_with(&bytes, &self::keys(PASSPHRASE)).unwrap();
    assert_eq!(elsewhere.body, file.body);
    // A wrong one; none.
    assert_eq!(
        code(decode_with(&bytes, &self::keys("correct horse staple"))),
        "wrong_record_passphrase"
    );
    let none = decode(&bytes).unwrap_err();
    assert_eq!(none.code(), "needs_record_passphrase");
    assert_eq!(
        none.to_string(),
        "A file from this record needs the record passphrase: set it in Settings, Your record."
    );
    // Nothing of the record in clear: neither the note nor the protocol.
    for word in WORDS {
        assert!(!contains(&bytes, word), "{word} is in the sealed file");
    }
    // Each write: the same salt and key, a fresh nonce.
    let again = export_with(a.store(), "2026-03-02T09:00:00+00:00", &keys)
        .await
        .unwrap();
    let again = header_of(&again).unwrap().0.sealed.unwrap();
    assert_eq!(again.salt, sealed.salt);
    assert_ne!(again.nonce, sealed.nonce);
    // The same passphrase handed over again (the shell at each change): the same key kept.
    keys.set(Some(PASSPHRASE.into())).unwrap();
    let kept = export_with(a.store(), "t", &keys).await.unwrap();
    assert_eq!(
        header_of(&kept).unwrap().0.sealed.unwrap().salt,
        sealed.salt
    );
}

#[tokio::test]
async fn no_byte_of_a_sealed_file_changes_unnoticed() {
    let a = with_note().await;
    let keys = keys(PASSPHRASE);
    let bytes = export_with(a.store(), "2026-03-02T09:00:00+00:00", &keys)
        .await
        .unwrap();
    assert!(decode_with(&bytes, &keys).is_ok());
    // In the header: the time written, a count, the nonce (all bound to the body).
    let written = in_header(&bytes, "09:00:00", "09:00:01");
    assert_eq!(code(decode_with(&written, &keys)), "corrupted_record");
    // (the number of settings rows is not checked on reading: only the associated data sees it)
    let n = header_of(&bytes).unwrap().0.settings;
    let settings = in_header(
        &bytes,
        &format!("\"settings\":{n}"),
        &format!("\"settings\":{}", (n + 1) % 10),
    );
    assert_eq!(code(decode_with(&settings, &keys)), "corrupted_record");
    let nonce = header_of(&bytes).unwrap().0.sealed.unwrap().nonce;
    let other = if nonce.starts_with('A') { "B" } else { "A" };
    let renonced = in_header(&bytes, &nonce, &format!("{other}{}", &nonce[1..]));
    assert_eq!(code(decode_with(&renonced, &keys)), "corrupted_record");
    // In the body: one base64 character for another.
    let mut flipped = bytes.clone();
    let at = bytes.len() - 30;
    flipped[at] = if flipped[at] == b'A' { b'B' } else { b'A' };
    assert_eq!(code(decode_with(&flipped, &keys)), "corrupted_record");
    // Cut short: incomplete, whatever the passphrase.
    for cut in [bytes.len() - 2, bytes.len() - 200] {
        assert_eq!(code(decode_with(&bytes[..cut], &keys)), "truncated_record");
        assert_eq!(code(decode(&bytes[..cut])), "truncated_record");
    }
    // A length no file has.
    let n = header_of(&bytes).unwrap().0.body_bytes;
    let huge = String::from_utf8(bytes.clone()).unwrap().replacen(
        &format!("\"body_bytes\":{n}"),
        &format!("\"body_bytes\":{}", u64::MAX),
        1,
    );
    assert_eq!(
        code(decode_with(huge.as_bytes(), &keys)),
        "truncated_record"
    );
    // Another key check: the passphrase is taken for the wrong one.
    let check = header_of(&bytes).unwrap().0.sealed.unwrap().check;
    let other = if check.starts_with('A') { "B" } else { "A" };
    let rechecked = in_header(&bytes, &check, &format!("{other}{}", &check[1..]));
    assert_eq!(
        code(decode_with(&rechecked, &keys)),
        "wrong_record_passphrase"
    );
    // A header that no longer says how the body is written; another cipher; costs too high.
    let unsealed = in_header(&bytes, "\"version\":2", "\"version\":1");
    assert_eq!(code(decode_with(&unsealed, &keys)), "corrupted_record");
    let cipher = in_header(&bytes, "xchacha20poly1305", "xchacha20poly1306");
    assert_eq!(code(decode_with(&cipher, &keys)), "newer_format");
    let costly = in_header(&bytes, "\"p\":1,", "\"p\":9,");
    assert_eq!(code(decode_with(&costly, &keys)), "corrupted_record");
}

#[tokio::test]
async fn plain_files_stay_version_1_and_read_with_or_without_a_passphrase() {
    let a = with_note().await;
    let bytes = export(a.store(), "2026-03-02T09:00:00+00:00")
        .await
        .unwrap();
    let (header, _) = header_of(&bytes).unwrap();
    assert_eq!((header.version, header.sealed), (PLAIN_VERSION, None));
    let line = bytes.split(|b| *b == b'\n').next().unwrap();
    assert!(!contains(line, "sealed"), "no trace of sealing");
    for word in WORDS {
        assert!(contains(&bytes, word), "{word}: a plain file is plain");
    }
    let plain = decode(&bytes).unwrap();
    // A plain body under a sealed file's version: refused.
    let v2 = in_header(&bytes, "\"version\":1", "\"version\":2");
    assert_eq!(code(decode(&v2)), "corrupted_record");
    let with = decode_with(&bytes, &keys(PASSPHRASE)).unwrap();
    assert_eq!(plain.body, with.body);
    // Without a passphrase, encode_with writes the same plain file.
    let body = a.store().export_body().await.unwrap();
    let profile = a.store().profile().await.unwrap();
    assert_eq!(
        encode_with(&body, &profile, "d", "t", &Keys::default()).unwrap(),
        encode(&body, &profile, "d", "t").unwrap()
    );
}

#[tokio::test]
async fn a_short_passphrase_is_refused_and_changes_nothing() {
    let a = with_note().await;
    let keys = keys(PASSPHRASE);
    let e = keys.set(Some("seven77".into())).unwrap_err();
    assert_eq!(e.code(), "record_passphrase_too_short");
    assert!(
        matches!(e, crate::error::CoreError::Invalid { ref field, .. } if field == "passphrase")
    );
    assert!(keys.is_set());
    // Still the passphrase set before: its files open elsewhere with it.
    let bytes = export_with(a.store(), "t", &keys).await.unwrap();
    assert!(decode_with(&bytes, &self::keys(PASSPHRASE)).is_ok());
    // Eight characters are enough (counted as characters, not bytes); None turns it off.
    assert!(keys.set(Some("äöüäöüäö".into())).is_ok());
    assert!(keys.set(None).is_ok());
    assert!(!keys.is_set());
    let plain = export_with(a.store(), "t", &keys).await.unwrap();
    assert_eq!(header_of(&plain).unwrap().0.sealed, None);
}

/// The format as RECORD-FORMAT.md describes it, followed step by step with the crates alone (not
/// through [`Keys`]): a program written from that page opens Magday's sealed files.
#[tokio::test]
async fn a_sealed_file_opens_as_the_format_page_describes() {
    use argon2::{Algorithm, Argon2, Params, Version};
    use base64ct::{Base64, Encoding};
    use chacha20poly1305::aead::{Aead, KeyInit, Payload};
    use chacha20poly1305::{XChaCha20Poly1305, XNonce};
    use sha2::{Digest, Sha256};

    let a = with_note().await;
    let bytes = export_with(a.store(), "t", &keys(PASSPHRASE))
        .await
        .unwrap();
    let newline = bytes.iter().position(|b| *b == b'\n').unwrap();
    let (line, rest) = (&bytes[..newline], &bytes[newline + 1..]);
    let header: serde_json::Value = serde_json::from_slice(line).unwrap();
    let s = &header["sealed"];
    let b64 = |k: &str| Base64::decode_vec(s[k].as_str().unwrap()).unwrap();
    let n = |k: &str| u32::try_from(s[k].as_u64().unwrap()).unwrap();
    let params = Params::new(n("m"), n("t"), n("p"), Some(32)).unwrap();
    let mut key = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(PASSPHRASE.as_bytes(), &b64("salt"), &mut key)
        .unwrap();
    let check = Sha256::new()
        .chain_update(b"magday-record key check\0")
        .chain_update(key)
        .finalize();
    assert_eq!(b64("check"), check[..16].to_vec());
    let body_bytes = usize::try_from(header["body_bytes"].as_u64().unwrap()).unwrap();
    let text = &rest[..(body_bytes + 16).div_ceil(3) * 4];
    assert_eq!(&rest[text.len()..], b"\n");
    let sealed = Base64::decode_vec(std::str::from_utf8(text).unwrap()).unwrap();
    let nonce: [u8; 24] = b64("nonce").try_into().unwrap();
    let plain = XChaCha20Poly1305::new(&key.into())
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: &sealed,
                aad: line,
            },
        )
        .unwrap();
    assert_eq!(plain.len(), body_bytes);
    let sha: String = Sha256::digest(&plain)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(header["body_sha256"], sha.as_str());
    let body: crate::store::RecordBody = serde_json::from_slice(&plain).unwrap();
    assert_eq!(body, a.store().export_body().await.unwrap());
}
