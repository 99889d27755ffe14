//! CouchDB's HTTP API as the sync reads it (`app::couch_http`): requests as CouchDB 3 and
//! pouchdb-server expect them, both servers' answer shapes, and every failure in the
//! sync's terms. The end-to-end tests run the same code against a real pouchdb-server.

use std::cell::RefCell;
use std::collections::BTreeMap;

use futures::executor::block_on;
use ntm::app::couch_http::{
    read_answer, read_bulk_docs, read_bulk_get, read_changes, read_revs_diff, session_url, sign_in,
    HttpCouch, Transport,
};
use ntm::app::sync::{CouchServer, SyncError};
use serde_json::{json, Value};

/// Answers requests from a queue and records them.
#[derive(Default)]
struct Canned {
    answers: RefCell<Vec<Result<(u16, String), String>>>,
    asked: RefCell<Vec<(String, String, Option<Value>)>>,
}

impl Canned {
    fn answering(answers: Vec<Result<(u16, Value), ()>>) -> Self {
        let c = Canned::default();
        *c.answers.borrow_mut() = answers
            .into_iter()
            .rev()
            .map(|a| {
                a.map(|(s, v)| (s, v.to_string()))
                    .map_err(|()| "network".to_string())
            })
            .collect();
        c
    }
}

impl Transport for &Canned {
    async fn send(
        &self,
        method: &str,
        url: &str,
        body: Option<String>,
    ) -> Result<(u16, String), String> {
        self.asked.borrow_mut().push((
            method.to_string(),
            url.to_string(),
            body.map(|b| serde_json::from_str(&b).expect("a JSON body")),
        ));
        self.answers.borrow_mut().pop().expect("an answer left")
    }
}

fn couch(c: &Canned) -> HttpCouch<&Canned> {
    HttpCouch {
        db: "https://ntm.example.vn/db/ntm-99".into(),
        transport: c,
    }
}

#[test]
fn the_session_is_at_the_server_root_beside_the_database() {
    assert_eq!(
        session_url("https://ntm.example.vn/db/ntm-99"),
        "https://ntm.example.vn/db/_session"
    );
    assert_eq!(
        session_url("http://127.0.0.1:5984/ntm-99/"),
        "http://127.0.0.1:5984/_session"
    );
}

#[test]
fn failures_are_said_in_the_syncs_terms() {
    assert_eq!(
        read_answer(401, r#"{"error":"unauthorized"}"#),
        Err(SyncError::Unauthorized)
    );
    assert_eq!(
        read_answer(403, r#"{"error":"forbidden","reason":"not yours"}"#),
        Err(SyncError::Forbidden("not yours".into()))
    );
    assert_eq!(
        read_answer(404, r#"{"error":"not_found"}"#),
        Err(SyncError::NotFound)
    );
    assert_eq!(
        read_answer(500, "<html>proxy error</html>"),
        Err(SyncError::Server {
            status: 500,
            reason: String::new()
        })
    );
    assert!(matches!(
        read_answer(200, "<html>"),
        Err(SyncError::BadAnswer(_))
    ));
    assert_eq!(read_answer(201, r#"{"ok":true}"#), Ok(json!({"ok": true})));
}

#[test]
fn changes_read_string_and_number_sequences() {
    let couch3 = json!({"results": [
        {"seq": "3-g1AAAA", "id": "a", "changes": [{"rev": "2-x"}, {"rev": "2-y"}]},
    ], "last_seq": "3-g1AAAA", "pending": 0});
    let page = read_changes(&couch3).unwrap();
    assert_eq!(
        page.changes,
        vec![("a".into(), vec!["2-x".into(), "2-y".into()])]
    );
    assert_eq!(page.last_seq, "3-g1AAAA");
    let pouch =
        json!({"results": [{"id": "b", "changes": [{"rev": "1-z"}], "seq": 7}], "last_seq": 7});
    assert_eq!(read_changes(&pouch).unwrap().last_seq, "7");
    assert!(read_changes(&json!({"results": []})).is_err());
}

#[test]
fn revs_diff_bulk_docs_and_bulk_get_are_read_as_both_servers_write_them() {
    let missing = read_revs_diff(
        &json!({"a": {"missing": ["3-zz"], "possible_ancestors": ["2-bb"]}, "b": {"missing": []}}),
    )
    .unwrap();
    assert_eq!(
        missing.into_iter().collect::<Vec<_>>(),
        vec![("a".to_string(), "3-zz".to_string())]
    );

    let refused = read_bulk_docs(&json!([
        {"id": "b", "error": "forbidden", "reason": "Chỉ được ghi dữ liệu của xã mình (xã 99002)."},
        {"id": "a", "rev": "1-aa", "ok": true},
    ]))
    .unwrap();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].id, "b");
    assert_eq!(refused[0].error, "forbidden");
    assert!(read_bulk_docs(&json!([])).unwrap().is_empty());

    // CouchDB says a gone revision with "error", pouchdb-server with "missing".
    let docs = read_bulk_get(&json!({"results": [
        {"id": "a", "docs": [{"ok": {"_id": "a", "_rev": "2-bb"}}]},
        {"id": "a", "docs": [{"missing": "9-no"}]},
        {"id": "c", "docs": [{"error": {"id": "c", "rev": "1-q", "error": "not_found", "reason": "missing"}}]},
    ]}))
    .unwrap();
    assert_eq!(docs, vec![json!({"_id": "a", "_rev": "2-bb"})]);
}

#[test]
fn requests_are_what_replication_sends() {
    let c = Canned::answering(vec![
        Ok((200, json!({"results": [], "last_seq": "0"}))),
        Ok((201, json!([]))),
        Ok((200, json!({"results": []}))),
        Ok((404, json!({"error": "not_found", "reason": "missing"}))),
        Ok((
            201,
            json!({"ok": true, "id": "_local/ntm-ab", "rev": "0-1"}),
        )),
        Ok((200, json!({}))),
    ]);
    let s = couch(&c);
    block_on(async {
        s.changes("3-g1A/A=", 500).await.unwrap();
        s.bulk_docs(vec![json!({"_id": "a", "_rev": "1-aa"})])
            .await
            .unwrap();
        s.bulk_get(&[("a".into(), "1-aa".into())]).await.unwrap();
        assert_eq!(s.get_local("_local/ntm-ab").await.unwrap(), None);
        assert_eq!(
            s.put_local("_local/ntm-ab", json!({"last_seq": "5"}))
                .await
                .unwrap(),
            "0-1"
        );
        let mut revs = BTreeMap::new();
        revs.insert("a".to_string(), vec!["1-aa".to_string()]);
        assert!(s.revs_diff(&revs).await.unwrap().is_empty());
    });
    let asked = c.asked.borrow();
    let db = "https://ntm.example.vn/db/ntm-99";
    assert_eq!(asked[0].0, "GET");
    assert_eq!(
        asked[0].1,
        format!("{db}/_changes?style=all_docs&since=3-g1A%2FA%3D&limit=500")
    );
    assert_eq!(asked[1].1, format!("{db}/_bulk_docs"));
    assert_eq!(
        asked[1].2,
        Some(json!({"new_edits": false, "docs": [{"_id": "a", "_rev": "1-aa"}]}))
    );
    assert_eq!(asked[2].1, format!("{db}/_bulk_get?revs=true"));
    assert_eq!(
        asked[2].2,
        Some(json!({"docs": [{"id": "a", "rev": "1-aa"}]}))
    );
    assert_eq!(asked[3].1, format!("{db}/_local/ntm-ab"));
    assert_eq!(
        (asked[4].0.as_str(), asked[4].1.as_str()),
        ("PUT", format!("{db}/_local/ntm-ab").as_str())
    );
    assert_eq!(asked[5].2, Some(json!({"a": ["1-aa"]})));
}

#[test]
fn no_answer_is_offline_and_a_wrong_password_is_unauthorized() {
    let c = Canned::answering(vec![
        Err(()),
        Ok((
            401,
            json!({"error": "unauthorized", "reason": "Name or password is incorrect."}),
        )),
    ]);
    let s = couch(&c);
    block_on(async {
        assert_eq!(s.changes("0", 500).await, Err(SyncError::Offline));
        assert_eq!(
            sign_in(&&c, &s.db, "xa-99001", "sai").await,
            Err(SyncError::Unauthorized)
        );
    });
    let asked = c.asked.borrow();
    assert_eq!(asked[1].1, "https://ntm.example.vn/db/_session");
    assert_eq!(
        asked[1].2,
        Some(json!({"name": "xa-99001", "password": "sai"}))
    );
}
