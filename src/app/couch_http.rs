//! CouchDB's HTTP API as the sync uses it (issue 17): [`HttpCouch`] is the
//! [`CouchServer`] port over any [`Transport`] — `fetch` in the browser
//! (`app::browser::couch`), canned answers in native tests. Requests are built and answers
//! read here, in plain Rust; both CouchDB 3's and pouchdb-server's shapes are read
//! (sequences as strings or numbers, a missing revision as `error` or `missing`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::sync::{ChangesPage, CouchServer, DocRefusal, SyncError};

#[allow(async_fn_in_trait)]
/// Sends one HTTP request: its status and body text, or `Err` when no answer came.
pub trait Transport {
    async fn send(
        &self,
        method: &str,
        url: &str,
        body: Option<String>,
    ) -> Result<(u16, String), String>;
}

/// A CouchDB database at `db` (absolute URL, no trailing slash).
pub struct HttpCouch<T> {
    pub db: String,
    pub transport: T,
}

/// The server's `_session` endpoint for a database URL: the server's root is the
/// database's parent (`https://host/db/ntm-38` → `https://host/db/_session`).
pub fn session_url(db: &str) -> String {
    let root = db
        .trim_end_matches('/')
        .rsplit_once('/')
        .map_or("", |(r, _)| r);
    format!("{root}/_session")
}

/// `text` percent-encoded for a query string or a path segment.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Reads an answer: a success's JSON, or the error it says, in the sync's terms.
pub fn read_answer(status: u16, text: &str) -> Result<Value, SyncError> {
    let value: Option<Value> = serde_json::from_str(text).ok();
    let reason = || {
        value
            .as_ref()
            .and_then(|v| v.get("reason").or_else(|| v.get("error")))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    match status {
        200..=299 => value.ok_or_else(|| SyncError::BadAnswer(format!("HTTP {status}: not JSON"))),
        401 => Err(SyncError::Unauthorized),
        403 => Err(SyncError::Forbidden(reason())),
        404 => Err(SyncError::NotFound),
        _ => Err(SyncError::Server {
            status,
            reason: reason(),
        }),
    }
}

fn bad(what: &str) -> SyncError {
    SyncError::BadAnswer(what.to_string())
}

/// A sequence as sent back: CouchDB's are strings, pouchdb-server's numbers.
fn seq_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `_changes?style=all_docs`: each document with its leaf revisions.
pub fn read_changes(v: &Value) -> Result<ChangesPage, SyncError> {
    let results = v
        .get("results")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("_changes: no results"))?;
    let mut changes = Vec::new();
    for r in results {
        let id = r
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| bad("_changes: no id"))?;
        let revs = r
            .get("changes")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("_changes: no changes"))?
            .iter()
            .filter_map(|c| c.get("rev").and_then(Value::as_str).map(str::to_string))
            .collect();
        changes.push((id.to_string(), revs));
    }
    let last_seq = v
        .get("last_seq")
        .and_then(seq_text)
        .ok_or_else(|| bad("_changes: no last_seq"))?;
    Ok(ChangesPage { changes, last_seq })
}

/// `_revs_diff`: the revisions the server lacks.
pub fn read_revs_diff(v: &Value) -> Result<BTreeSet<(String, String)>, SyncError> {
    let map = v
        .as_object()
        .ok_or_else(|| bad("_revs_diff: not an object"))?;
    let mut missing = BTreeSet::new();
    for (id, entry) in map {
        for rev in entry
            .get("missing")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            missing.insert((id.clone(), rev.to_string()));
        }
    }
    Ok(missing)
}

/// `_bulk_docs` with `new_edits: false`: the documents refused (the others are written).
pub fn read_bulk_docs(v: &Value) -> Result<Vec<DocRefusal>, SyncError> {
    let list = v.as_array().ok_or_else(|| bad("_bulk_docs: not a list"))?;
    Ok(list
        .iter()
        .filter_map(|r| {
            let error = r.get("error")?.as_str()?.to_string();
            Some(DocRefusal {
                id: r
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                error,
                reason: r
                    .get("reason")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                commune: None,
            })
        })
        .collect())
}

/// `_bulk_get?revs=true`: the revisions found (one that is gone is left out).
pub fn read_bulk_get(v: &Value) -> Result<Vec<Value>, SyncError> {
    let results = v
        .get("results")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("_bulk_get: no results"))?;
    Ok(results
        .iter()
        .filter_map(|r| r.get("docs").and_then(Value::as_array))
        .flatten()
        .filter_map(|d| d.get("ok").cloned())
        .collect())
}

/// Sends one request and reads its answer; no answer at all is `Offline`.
async fn ask(
    transport: &impl Transport,
    method: &str,
    url: &str,
    body: Option<Value>,
) -> Result<Value, SyncError> {
    let (status, text) = transport
        .send(method, url, body.map(|b| b.to_string()))
        .await
        .map_err(|_| SyncError::Offline)?;
    read_answer(status, &text)
}

impl<T: Transport> HttpCouch<T> {
    async fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, SyncError> {
        ask(
            &self.transport,
            method,
            &format!("{}/{path}", self.db),
            body,
        )
        .await
    }
}

/// A `_local` document's path: `_local/` and its name, encoded.
fn local_path(id: &str) -> String {
    let name = id.strip_prefix("_local/").unwrap_or(id);
    format!("_local/{}", encode(name))
}

impl<T: Transport> CouchServer for HttpCouch<T> {
    async fn changes(&self, since: &str, limit: usize) -> Result<ChangesPage, SyncError> {
        let path = format!(
            "_changes?style=all_docs&since={}&limit={limit}",
            encode(since)
        );
        read_changes(&self.call("GET", &path, None).await?)
    }

    async fn revs_diff(
        &self,
        revs: &BTreeMap<String, Vec<String>>,
    ) -> Result<BTreeSet<(String, String)>, SyncError> {
        read_revs_diff(&self.call("POST", "_revs_diff", Some(json!(revs))).await?)
    }

    async fn bulk_docs(&self, docs: Vec<Value>) -> Result<Vec<DocRefusal>, SyncError> {
        let body = json!({ "new_edits": false, "docs": docs });
        read_bulk_docs(&self.call("POST", "_bulk_docs", Some(body)).await?)
    }

    async fn bulk_get(&self, wanted: &[(String, String)]) -> Result<Vec<Value>, SyncError> {
        let docs: Vec<Value> = wanted
            .iter()
            .map(|(id, rev)| json!({ "id": id, "rev": rev }))
            .collect();
        let body = json!({ "docs": docs });
        read_bulk_get(&self.call("POST", "_bulk_get?revs=true", Some(body)).await?)
    }

    async fn get_local(&self, id: &str) -> Result<Option<Value>, SyncError> {
        match self.call("GET", &local_path(id), None).await {
            Ok(v) => Ok(Some(v)),
            Err(SyncError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn put_local(&self, id: &str, body: Value) -> Result<String, SyncError> {
        let answer = self.call("PUT", &local_path(id), Some(body)).await?;
        answer
            .get("rev")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| bad("_local: no rev"))
    }
}

/// Who is signed in at the database's server (`GET _session`), if anyone.
pub async fn session(transport: &impl Transport, db: &str) -> Result<Option<String>, SyncError> {
    let v = ask(transport, "GET", &session_url(db), None).await?;
    Ok(v.pointer("/userCtx/name")
        .and_then(Value::as_str)
        .map(str::to_string))
}

/// Signs in (`POST _session`: the server sets a session cookie; the password is sent
/// once and kept nowhere).
pub async fn sign_in(
    transport: &impl Transport,
    db: &str,
    name: &str,
    password: &str,
) -> Result<(), SyncError> {
    let body = json!({ "name": name, "password": password });
    ask(transport, "POST", &session_url(db), Some(body))
        .await
        .map(|_| ())
}

/// Signs out (`DELETE _session`).
pub async fn sign_out(transport: &impl Transport, db: &str) -> Result<(), SyncError> {
    ask(transport, "DELETE", &session_url(db), None)
        .await
        .map(|_| ())
}
