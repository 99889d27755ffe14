//! The exchange file: what devices send each other (docs/exchange-format.md, JSON Schema
//! in docs/exchange.schema.json). Pure: building a file, reading one back with every
//! problem found and named by its JSON path, and the file name. The store applies what
//! `domain::merge` plans; the UI only moves bytes.
//!
//! A file is a JSON envelope (format id, schema version, sender, scope) around `content`,
//! a [`Dataset`], with `hash` = "sha256:" + the SHA-256 of the RFC 8785 (JCS) canonical
//! form of `content`: any change to the content, or a truncated file, is caught, and any
//! program that can canonicalise JSON can check it.

pub mod access;
mod check;
mod check_content;
mod check_results;
pub mod describe;
mod messages;
mod normalize;
mod read;
pub mod signing;
pub mod upgrade;

pub use check::{
    FileError, Problem, MAX_ASSESSMENTS, MAX_HISTORY, MAX_RECORDS, MAX_SETS, MAX_UNITS,
};
pub use read::{read, read_with_progress, Refusal};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::criteria::SetId;
use crate::domain::merge::{Dataset, ExportScope};
use crate::domain::profile::Role;
use crate::domain::sync::Hlc;
use crate::domain::text::fold;

/// Identifies our files among all JSON files.
pub const FORMAT_ID: &str = "ntm-exchange";
/// The newest schema version this app reads and writes. 2: criteria sets have lineage and
/// version ids, criteria and indicators stable ids, villages can be merged, communes
/// choose their villages' set (version 1 files are upgraded on reading). 3: recognition
/// steps, a province's own quantities and resource figures.
pub const SCHEMA_VERSION: u32 = 3;

/// The lowest version that holds `content`: a file without recognitions, resources or the
/// plan targets of version 3 (average criteria, no commune under N) is written as version 2, so a phone whose app is not updated yet can still read it.
pub fn version_for(content: &Dataset) -> u32 {
    let plan_targets = content
        .plans
        .iter()
        .any(|p| p.data.average_criteria.is_some() || p.data.min_criteria.is_some());
    if content.recognitions.is_empty()
        && content.quantities.is_empty()
        && content.resources.is_empty()
        && !plan_targets
    {
        2
    } else {
        SCHEMA_VERSION
    }
}
/// Files above this are refused before reading (also after decompression).
pub const MAX_FILE_BYTES: usize = 50_000_000;

/// Who sent the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sender {
    /// The sending device's id.
    pub device: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The sender's own unit (key, e.g. "commune:00070").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// Everything in a file but its content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub schema_version: u32,
    pub app_version: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub sender: Sender,
    pub scope: ExportScope,
    /// Only edits after this clock reading are included ("changes since last export").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Hlc>,
    /// Every criteria set version the assessments use (custom ones are in the content).
    pub sets_used: Vec<String>,
    /// The sending device's signature over the header and the content's hash (issue 31;
    /// absent from files of earlier versions and hand-made ones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<signing::Signature>,
}

/// A whole file, as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExchangeFile {
    #[serde(flatten)]
    pub header: Header,
    pub content: Dataset,
    pub hash: String,
    /// What the signature covers, as read from the file (the header as written and the
    /// hash before the content was normalised); empty for an unsigned file.
    #[serde(skip)]
    pub signed: Vec<u8>,
}

/// The canonical (RFC 8785, JCS) text of `content`: what the hash covers, and what
/// [`to_json`] writes, so a reader can hash the bytes as they are.
pub fn canonical_content<T: Serialize>(content: &T) -> String {
    serde_json_canonicalizer::to_string(content).unwrap_or_default()
}

/// "sha256:<hex>" of `bytes`.
pub fn sha256_text(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// "sha256:<hex>" of the canonical (RFC 8785) form of `content`.
pub fn content_hash<T: Serialize>(content: &T) -> String {
    sha256_text(canonical_content(content).as_bytes())
}

/// The time `ms` (since the epoch) in RFC 3339, UTC, to the millisecond.
pub fn rfc3339(ms: u64) -> String {
    crate::domain::iso_date::rfc3339_utc_ms(ms as i64).unwrap_or_default()
}

/// Builds the file for `content`, hashing it. What is stamped further ahead of `now_ms`
/// than the tolerance is left out (`merge::for_file`): every reader would refuse the file
/// for it.
pub fn build(
    mut content: Dataset,
    sender: Sender,
    scope: ExportScope,
    since: Option<Hlc>,
    app_version: &str,
    now_ms: u64,
) -> ExchangeFile {
    crate::domain::merge::for_file(&mut content, now_ms);
    content.sort();
    let mut sets_used: Vec<SetId> = content
        .assessments
        .iter()
        .map(|a| a.key.set.clone())
        .collect();
    sets_used.sort();
    sets_used.dedup();
    ExchangeFile {
        header: Header {
            format: FORMAT_ID.into(),
            schema_version: version_for(&content),
            app_version: app_version.into(),
            created_at: rfc3339(now_ms),
            sender,
            scope,
            since,
            sets_used: sets_used.iter().map(ToString::to_string).collect(),
            signature: None,
        },
        hash: content_hash(&content),
        content,
        signed: Vec::new(),
    }
}

/// The file as JSON text (compact: files travel over slow links). The content is written
/// in its canonical form, so that reading it back can check the hash over the bytes as
/// they are instead of canonicalising them again (see docs/exchange-format.md).
pub fn to_json(file: &ExchangeFile) -> String {
    #[derive(Serialize)]
    struct Written<'a> {
        #[serde(flatten)]
        header: &'a Header,
        content: &'a serde_json::value::RawValue,
        hash: &'a str,
    }
    let canonical = canonical_content(&file.content);
    let Ok(content) = serde_json::value::RawValue::from_string(canonical) else {
        return serde_json::to_string(file).unwrap_or_default();
    };
    serde_json::to_string(&Written {
        header: &file.header,
        content: &content,
        hash: &file.hash,
    })
    .unwrap_or_default()
}

/// A name without diacritics, lower case, words joined by '-', at most `max` characters.
fn slug(name: &str, max: usize) -> String {
    let mut slug = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(max).collect();
    slug.trim_end_matches('-').to_string()
}

/// `ntm-<code>-<unit>-<sender>-<yyyymmdd>.json`: scope code, the unit's name and the
/// sender's name without diacritics, the date; so ten files from ten villages are told
/// apart. E.g. "ntm-00070-xa-thieu-hoa-nguyen-van-an-20261123.json".
pub fn file_name(
    scope_code: &str,
    unit_name: &str,
    sender: &str,
    yyyymmdd: &str,
    gzip: bool,
) -> String {
    let unit = slug(unit_name, 40);
    let unit = if unit.is_empty() {
        "du-lieu".to_string()
    } else {
        unit
    };
    let sender = slug(sender, 30);
    let sender = if sender.is_empty() {
        String::new()
    } else {
        format!("-{sender}")
    };
    format!(
        "ntm-{scope_code}-{unit}{sender}-{yyyymmdd}.json{}",
        if gzip { ".gz" } else { "" }
    )
}

/// What to keep about an import in the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportRecord {
    /// When it was imported (ms since the epoch).
    pub at_ms: f64,
    pub file_name: String,
    pub sender: Sender,
    pub created_at: String,
    pub hash: String,
    pub counts: crate::domain::merge::Counts,
    /// Values outside the sender's scope the receiving official chose to import, and
    /// those left out (issue 31; absent in logs written before).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub outside_taken: usize,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub outside_left: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}
