//! Signed files (issue 31): every device has a key pair, and signs each file it writes.
//! The signature covers the header (every field but the signature itself: format, schema,
//! creation time, sender, scope, …) and the content's hash, which covers the content — so
//! a changed byte anywhere, a changed sender or a file replayed under another device id
//! is caught. A receiver pins each sender's key at first contact (`app::senders`).
//!
//! The algorithm is ECDSA over P-256 with SHA-256 (WebCrypto's `ECDSA`, `P-256`): every
//! browser the app runs on has it (Chrome and Android's WebView for a decade, Safari
//! since iOS 11, Firefox), where Ed25519 arrived in 2025 and is missing from the older
//! WebViews of the cheap phones our users have. The wasm carries no crypto code: the
//! browser signs and checks; natively the `p256` crate does the same for the tests.
//!
//! In the file: `"signature": {"alg": "ES256", "key": <hex of the raw uncompressed public
//! key, 65 bytes>, "value": <hex of r‖s, 64 bytes>}` over the bytes of
//! [`signed_bytes`]: the RFC 8785 (JCS) form of `{"header": <header>, "hash": <hash>}`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::Header;

/// The signature algorithm's name in files (JOSE's name for ECDSA P-256 with SHA-256).
pub const ALGORITHM: &str = "ES256";
/// A raw uncompressed P-256 public key: 0x04, then x and y.
pub const KEY_BYTES: usize = 65;
/// An ECDSA P-256 signature as WebCrypto gives it: r then s.
pub const SIGNATURE_BYTES: usize = 64;

/// A file's signature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    pub alg: String,
    /// The signing device's public key (hex).
    pub key: String,
    /// The signature (hex).
    pub value: String,
}

/// Why a file's signature cannot be checked at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BadSignature {
    /// Not our algorithm, or a key or value of the wrong form.
    Malformed,
    /// The signature does not match the file: something in it was changed after signing.
    Mismatch,
}

impl Signature {
    /// The key and signature bytes, when well formed.
    pub fn parts(&self) -> Result<(Vec<u8>, Vec<u8>), BadSignature> {
        let key = unhex(&self.key).ok_or(BadSignature::Malformed)?;
        let value = unhex(&self.value).ok_or(BadSignature::Malformed)?;
        let ok = self.alg == ALGORITHM
            && key.len() == KEY_BYTES
            && key[0] == 4
            && value.len() == SIGNATURE_BYTES;
        ok.then_some((key, value)).ok_or(BadSignature::Malformed)
    }

    pub fn new(key: &[u8], value: &[u8]) -> Self {
        Self {
            alg: ALGORITHM.into(),
            key: hex(key),
            value: hex(value),
        }
    }
}

/// What a file's signature covers, from the header as written (any field but the
/// signature) and the content's hash as written.
pub fn signed_bytes_of(header: Map<String, Value>, hash: &str) -> Vec<u8> {
    let mut header = header;
    header.remove("signature");
    let whole = serde_json::json!({ "header": Value::Object(header), "hash": hash });
    serde_json_canonicalizer::to_string(&whole)
        .unwrap_or_default()
        .into_bytes()
}

/// What the signature of a file with `header` and `hash` covers (as [`signed_bytes_of`]
/// reads it back from the file).
pub fn signed_bytes(header: &Header, hash: &str) -> Vec<u8> {
    match serde_json::to_value(header) {
        Ok(Value::Object(map)) => signed_bytes_of(map, hash),
        _ => Vec::new(),
    }
}

/// A key's short fingerprint, to compare by phone: the first 4 bytes of its SHA-256 in
/// hex, as two groups ("4F7A-19C2").
pub fn fingerprint(key: &[u8]) -> String {
    let h = hex(&Sha256::digest(key)[..4]).to_uppercase();
    format!("{}-{}", &h[..4], &h[4..])
}

/// The device id of a device whose id comes from its key: "k-" and 24 hex digits of the
/// key's SHA-256 (a new device's; older devices keep their random id, bound to their key
/// by the first signed file a receiver pins).
pub fn key_device_id(key: &[u8]) -> String {
    format!("k-{}", &hex(&Sha256::digest(key))[..24])
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn unhex(s: &str) -> Option<Vec<u8>> {
    // One spelling only: lower-case hex.
    let digit = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    if !s.len().is_multiple_of(2) || s.len() > 2 * 1024 || !s.bytes().all(digit) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// A sender as a receiving phone pinned it, at the first signed file from its device:
/// its key, and who it said it was then.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownSender {
    pub device: String,
    /// The public key (hex).
    pub key: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::domain::profile::Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

impl KnownSender {
    /// Who the key is known as, as a file's header would say it.
    pub fn as_sender(&self) -> super::Sender {
        super::Sender {
            device: self.device.clone(),
            name: self.name.clone(),
            role: self.role,
            unit: self.unit.clone(),
        }
    }

    /// Whether a header claims another name, role or unit than the key is known for.
    pub fn differs_from(&self, claimed: &super::Sender) -> bool {
        self.as_sender() != *claimed
    }
}

/// What a receiving phone knows of a file's sender.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SenderCheck {
    /// Not signed (an older app, a hand-made file): judged by what its header claims.
    Unsigned,
    /// Signed by a device this phone has not met: its key is pinned when the file is
    /// imported. The fingerprint is to be compared by phone with the sender's.
    New { fingerprint: String },
    /// Signed with the key this phone pinned for the device: who it is known as judges
    /// what it may write, whatever the header now claims.
    Known {
        fingerprint: String,
        known: KnownSender,
    },
}

/// Checks a file's signature as far as it can be without the cryptography: its form, and
/// its key against the one pinned for the device (`pinned`). `valid`: whether the
/// signature verifies over [`super::ExchangeFile::signed`] (the caller's platform checks).
pub fn check_sender(
    file: &super::ExchangeFile,
    pinned: Option<&KnownSender>,
    valid: impl FnOnce(&[u8], &[u8]) -> bool,
) -> Result<SenderCheck, super::Refusal> {
    use super::Refusal;
    let Some(sig) = &file.header.signature else {
        return Ok(SenderCheck::Unsigned);
    };
    let (key, value) = sig.parts().map_err(|_| Refusal::BadSignature)?;
    if file.signed.is_empty() || !valid(&key, &value) {
        return Err(Refusal::BadSignature);
    }
    let device = &file.header.sender.device;
    // A device whose id comes from its key cannot sign under another.
    if device.starts_with("k-") && *device != key_device_id(&key) {
        return Err(Refusal::BadSignature);
    }
    let fingerprint = fingerprint(&key);
    match pinned {
        None => Ok(SenderCheck::New { fingerprint }),
        Some(k) if unhex(&k.key).as_deref() == Some(key.as_slice()) => Ok(SenderCheck::Known {
            fingerprint,
            known: k.clone(),
        }),
        Some(k) => Err(Refusal::OtherKey {
            device: device.clone(),
            known: unhex(&k.key)
                .map(|b| self::fingerprint(&b))
                .unwrap_or_default(),
            found: fingerprint,
        }),
    }
}
