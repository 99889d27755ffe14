//! Reading a file: refuse what is not ours, too new, too big or altered; then check every
//! field of what is, collecting every problem with its JSON path.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::DeserializeOwned;
use serde_json::error::Category;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::check::{
    Checker, FileError, Problem, MAX_ASSESSMENTS, MAX_HISTORY, MAX_NAME, MAX_RECORDS, MAX_SETS,
    MAX_UNITS,
};
use super::{
    content_hash, sha256_text, ExchangeFile, Header, FORMAT_ID, MAX_FILE_BYTES, SCHEMA_VERSION,
};
use crate::domain::merge::Dataset;

/// Why a file was not accepted. Nothing is stored for any of these.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Refusal {
    Empty,
    TooLarge {
        bytes: usize,
    },
    /// A .gz file that does not decompress.
    BadCompression,
    /// The JSON ends in the middle: the file was cut short (an interrupted download).
    Truncated,
    NotJson {
        line: usize,
        column: usize,
    },
    /// Valid JSON, but not an exchange file of this app.
    NotOurFormat,
    /// Made by a newer version of the app: update first.
    TooNew {
        version: u64,
    },
    BadVersion,
    MissingHash,
    /// The content does not match its hash: the file was altered or damaged.
    HashMismatch,
    /// The signature does not match the file (something was changed after signing), or is
    /// not of a form the app signs with.
    BadSignature,
    /// Signed with another key than the one this device pinned for the sending device:
    /// another device writing under its id.
    OtherKey {
        device: String,
        /// The pinned key's fingerprint and the file's.
        known: String,
        found: String,
    },
    /// Fields with problems; every one is listed.
    Invalid(Vec<FileError>),
}

/// The top-level fields of a file, each still as its JSON text (syntax checked only),
/// borrowed from the file's bytes (the content of a national file is 46 MB: not copied).
type RawFields<'a> = BTreeMap<String, &'a RawValue>;

/// The content and header fields of an older schema version, upgraded to the current
/// one ([`super::upgrade`]); `None` for a current file (read as it is, without copying).
/// The hash was checked before: an upgraded content no longer matches it byte for byte.
fn migrate(root: &mut RawFields<'_>, content: &str, from: u64) -> Option<(String, Option<Value>)> {
    debug_assert!(from <= u64::from(SCHEMA_VERSION));
    if from >= 2 {
        return None;
    }
    let mut value: Value = serde_json::from_str(content).ok()?;
    let ids = super::upgrade::content_ids(&value);
    super::upgrade::upgrade_content(&mut value, &ids);
    let sets_used = root
        .remove("sets_used")
        .and_then(|raw| serde_json::from_str::<Value>(raw.get()).ok())
        .map(|v| match v {
            Value::Array(items) => Value::Array(
                items
                    .into_iter()
                    .map(|i| match i {
                        Value::String(s) => Value::String(ids.text(&s)),
                        other => other,
                    })
                    .collect(),
            ),
            other => other,
        });
    Some((serde_json::to_string(&value).ok()?, sets_used))
}

/// Reads and checks a file. `bytes` is the file after any decompression.
///
/// One pass over the text for the syntax, then each record is deserialised straight from
/// its own slice of the text (never through a `serde_json::Value` tree: at national scale
/// that tree is most of the time and memory of an import).
pub fn read(bytes: &[u8]) -> Result<ExchangeFile, Refusal> {
    read_with_progress(bytes, &mut |_, _| {})
}

/// How often reading reports progress: every this many bytes of records read.
const PROGRESS_EVERY_BYTES: usize = 256 * 1024;

/// [`read`], telling `progress(done, total)` in bytes of the content as its records are
/// read (an import's progress bar; the records are most of the time).
pub fn read_with_progress(
    bytes: &[u8],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ExchangeFile, Refusal> {
    if bytes.is_empty() || bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Refusal::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge { bytes: bytes.len() });
    }
    let mut root: RawFields<'_> =
        serde_json::from_slice(bytes).map_err(|e| match e.classify() {
            Category::Eof => Refusal::Truncated,
            Category::Syntax | Category::Io => Refusal::NotJson {
                line: e.line(),
                column: e.column(),
            },
            // Valid JSON that is not an object.
            Category::Data => Refusal::NotOurFormat,
        })?;
    let field = |root: &RawFields, name: &str| -> Option<Value> {
        root.get(name)
            .and_then(|raw| serde_json::from_str(raw.get()).ok())
    };
    if field(&root, "format").as_ref().and_then(Value::as_str) != Some(FORMAT_ID) {
        return Err(Refusal::NotOurFormat);
    }
    let version = match field(&root, "schema_version") {
        Some(Value::Number(n)) => n.as_u64().filter(|v| *v >= 1).ok_or(Refusal::BadVersion)?,
        _ => return Err(Refusal::BadVersion),
    };
    if version > u64::from(SCHEMA_VERSION) {
        return Err(Refusal::TooNew { version });
    }
    let hash = match root
        .remove("hash")
        .map(|raw| serde_json::from_str(raw.get()))
    {
        Some(Ok(Value::String(h))) => h,
        _ => return Err(Refusal::MissingHash),
    };
    let content_text = root.remove("content").map_or("null", RawValue::get);
    // Files this app writes carry their content in canonical form: hash the bytes as they
    // are. Anything else (re-formatted by a tool, written by another program) is
    // canonicalised first, which gives the same hash when the data is the same.
    if sha256_text(content_text.as_bytes()) != hash {
        let value: Value = serde_json::from_str(content_text).unwrap_or(Value::Null);
        if content_hash(&value) != hash {
            return Err(Refusal::HashMismatch);
        }
    }
    // What a signature covers: the header as written, and the hash.
    let signed = if root.contains_key("signature") {
        let header: Map<String, Value> = root
            .iter()
            .map(|(k, raw)| {
                (
                    k.to_string(),
                    serde_json::from_str(raw.get()).unwrap_or(Value::Null),
                )
            })
            .collect();
        super::signing::signed_bytes_of(header, &hash)
    } else {
        Vec::new()
    };
    let upgraded = migrate(&mut root, content_text, version);
    let mut root: Map<String, Value> = root
        .into_iter()
        .map(|(k, raw)| {
            let v = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
            (k, v)
        })
        .collect();
    let content_text = match &upgraded {
        Some((text, sets_used)) => {
            if let Some(v) = sets_used {
                root.insert("sets_used".into(), v.clone());
            }
            // What is read is now a current file: written back, it says so.
            root.insert("schema_version".into(), Value::from(SCHEMA_VERSION));
            text.as_str()
        }
        None => content_text,
    };

    let mut errors: Vec<FileError> = Vec::new();
    let header: Option<Header> = typed(Value::Object(root), "", &mut errors);
    let created_ms = header
        .as_ref()
        .and_then(|h| {
            let t = chrono::DateTime::parse_from_rfc3339(&h.created_at);
            if t.is_err() {
                errors.push(FileError {
                    path: "created_at".into(),
                    problem: Problem::BadTimestamp(super::check::truncate(&h.created_at)),
                });
            }
            t.ok()
        })
        .map(|t| t.timestamp_millis().max(0) as u64)
        // Unknown creation time (already reported): stamps cannot be checked against it.
        .unwrap_or(u64::MAX);
    let mut checker = Checker::new(created_ms);
    checker.errors = errors;
    if let Some(h) = &header {
        checker.id("sender.device", &h.sender.device);
        checker.name("sender.name", &h.sender.name, MAX_NAME);
        checker.text("app_version", &h.app_version, 32);
        if let Some(u) = &h.sender.unit {
            if crate::domain::units::UnitRef::from_key(u).is_none() {
                checker.push("sender.unit", Problem::BadId(super::check::truncate(u)));
            }
        }
        checker.count("sets_used", h.sets_used.len(), MAX_SETS);
    }
    let sets_used: BTreeSet<String> = header
        .as_ref()
        .map(|h| h.sets_used.iter().cloned().collect())
        .unwrap_or_default();

    let content = read_content(content_text, &mut checker, &sets_used, progress);
    match (header, content) {
        (Some(header), Some(mut content)) if checker.errors.is_empty() => {
            let changed = super::normalize::normalize(&mut content);
            Ok(ExchangeFile {
                // An upgraded file holds other content than it was hashed with (its own hash
                // was checked before the upgrade): what is kept hashes what is held.
                hash: if upgraded.is_some() || changed {
                    content_hash(&content)
                } else {
                    hash
                },
                header,
                content,
                signed,
            })
        }
        _ => Err(Refusal::Invalid(checker.errors)),
    }
}

/// Deserialises `value` as `T`, recording the problem with its path under `prefix`.
fn typed<T: DeserializeOwned>(
    value: Value,
    prefix: &str,
    errors: &mut Vec<FileError>,
) -> Option<T> {
    let result = serde_path_to_error::deserialize::<_, T>(value);
    record_problem(result, prefix, errors)
}

/// Deserialises the JSON text `text` (one element of a list) as `T`, like [`typed`].
/// Fast first: a good record (nearly all of them) is read without tracking its path; only
/// a record with a problem is read again to say where the problem is.
fn typed_text<T: DeserializeOwned>(
    text: &str,
    prefix: &str,
    errors: &mut Vec<FileError>,
) -> Option<T> {
    if let Ok(v) = serde_json::from_str::<T>(text) {
        return Some(v);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let result = serde_path_to_error::deserialize::<_, T>(&mut de);
    record_problem(result, prefix, errors)
}

fn record_problem<T>(
    result: Result<T, serde_path_to_error::Error<serde_json::Error>>,
    prefix: &str,
    errors: &mut Vec<FileError>,
) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(e) => {
            let inner = e.path().to_string();
            let path = match (prefix.is_empty(), inner.as_str()) {
                (true, ".") => String::new(),
                (true, _) => inner,
                (false, ".") => prefix.to_string(),
                (false, _) if inner.starts_with('[') => format!("{prefix}{inner}"),
                (false, _) => format!("{prefix}.{inner}"),
            };
            errors.push(FileError {
                path: if path.is_empty() {
                    "(gốc)".into()
                } else {
                    path
                },
                problem: Problem::Shape(without_position(e.inner())),
            });
            None
        }
    }
}

/// serde_json's message without its " at line L column C" (a position inside one
/// record's text would mislead: the path already says where the problem is).
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(message) => message.to_string(),
        None => text,
    }
}

/// Reads each list of the content element by element, so that one bad record does not
/// hide the problems of the others.
fn read_content(
    content: &str,
    checker: &mut Checker,
    sets_used: &BTreeSet<String>,
    progress: &mut dyn FnMut(usize, usize),
) -> Option<Dataset> {
    let Ok(mut map) = serde_json::from_str::<BTreeMap<String, &RawValue>>(content) else {
        checker.push("content", Problem::Shape("expected an object".into()));
        return None;
    };
    let mut out = Dataset::default();
    let mut ok = true;
    let mut read = Progress {
        done: 0,
        told: 0,
        total: content.len(),
        tell: progress,
    };
    let (checker, ok, progress) = (checker, &mut ok, &mut read);
    fn list<T: DeserializeOwned>(
        map: &mut BTreeMap<String, &RawValue>,
        name: &str,
        max: usize,
        (checker, ok, progress): (&mut Checker, &mut bool, &mut Progress<'_>),
        each: impl Fn(&mut Checker, &str, &T),
    ) -> Vec<T> {
        let Some(value) = map.remove(name) else {
            return Vec::new();
        };
        let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(value.get()) else {
            checker.push(
                format!("content.{name}"),
                Problem::Shape("expected a sequence".into()),
            );
            *ok = false;
            return Vec::new();
        };
        checker.count(&format!("content.{name}"), items.len(), max);
        if items.len() > max {
            *ok = false;
            return Vec::new();
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            progress.add(item.get().len());
            let path = format!("content.{name}[{i}]");
            match typed_text::<T>(item.get(), &path, &mut checker.errors) {
                Some(v) => {
                    each(checker, &path, &v);
                    out.push(v);
                }
                None => *ok = false,
            }
        }
        out
    }
    out.units = list(
        &mut map,
        "units",
        MAX_UNITS,
        (&mut *checker, &mut *ok, &mut *progress),
        |c, p, r| c.unit(p, r),
    );
    out.ocop_products = list(
        &mut map,
        "ocop_products",
        MAX_RECORDS,
        (&mut *checker, &mut *ok, &mut *progress),
        |c, p, r| c.product(p, r),
    );
    out.ocop_ratings = list(
        &mut map,
        "ocop_ratings",
        MAX_RECORDS,
        (&mut *checker, &mut *ok, &mut *progress),
        |c, p, r| c.rating(p, r),
    );
    out.plans = list(
        &mut map,
        "plans",
        MAX_RECORDS,
        (&mut *checker, &mut *ok, &mut *progress),
        |c, p, r| c.plan(p, r),
    );
    out.sets = list(
        &mut map,
        "sets",
        MAX_SETS,
        (&mut *checker, &mut *ok, &mut *progress),
        |c, p, r| c.set(p, r),
    );
    out.recognitions = list(
        &mut map,
        "recognitions",
        MAX_RECORDS,
        (&mut *checker, &mut *ok, &mut *progress),
        |c, p, r| c.recognition(p, r),
    );
    out.quantities = list(
        &mut map,
        "quantities",
        MAX_SETS,
        (&mut *checker, &mut *ok, &mut *progress),
        |c, p, r| c.quantity(p, r),
    );
    out.resources = list(
        &mut map,
        "resources",
        MAX_RECORDS,
        (&mut *checker, &mut *ok, &mut *progress),
        |c, p, r| c.resource(p, r),
    );
    out.assessments = list(
        &mut map,
        "assessments",
        MAX_ASSESSMENTS,
        (&mut *checker, &mut *ok, &mut *progress),
        |c, p, a| c.assessment(p, a, sets_used),
    );
    out.history = list(
        &mut map,
        "history",
        MAX_HISTORY,
        (&mut *checker, &mut *ok, &mut *progress),
        |c, p, h| c.history(p, h),
    );
    for name in map.keys() {
        checker.push(
            format!("content.{}", super::check::truncate(name)),
            Problem::UnknownList(super::check::truncate(name)),
        );
        *ok = false;
    }
    checker.duplicates(&out);
    (progress.tell)(progress.total, progress.total);
    ok.then_some(out)
}

/// Bytes of records read, told every [`PROGRESS_EVERY_BYTES`].
struct Progress<'a> {
    done: usize,
    told: usize,
    total: usize,
    tell: &'a mut dyn FnMut(usize, usize),
}

impl Progress<'_> {
    fn add(&mut self, bytes: usize) {
        self.done += bytes;
        if self.done - self.told >= PROGRESS_EVERY_BYTES {
            self.told = self.done;
            (self.tell)(self.done, self.total);
        }
    }
}
