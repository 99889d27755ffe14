//! Any bytes given to the exchange-file reader: it must never panic, and whatever it
//! accepts must write back to a file that reads to the same thing and plans a merge.
//! Inputs that are JSON objects are also read with their hash corrected, so mutations
//! reach the field checks instead of stopping at "hash mismatch".
#![no_main]

use libfuzzer_sys::fuzz_target;
use ntm::domain::criteria::builtin_sets;
use ntm::domain::merge::{plan_merge, Dataset};
use ntm::exchange;

fn check(bytes: &[u8]) {
    let Ok(file) = exchange::read(bytes) else {
        return;
    };
    let again = exchange::read(exchange::to_json(&file).as_bytes())
        .expect("a file that was accepted, written back, is accepted again");
    assert_eq!(again, file);
    let plan = plan_merge(&Dataset::default(), &file.content, |id| {
        builtin_sets().into_iter().find(|s| s.set_id() == *id)
    });
    let c = plan.counts;
    assert_eq!(plan.lines.len(), c.new + c.updated + c.older + c.conflicts + c.rejected);
}

fuzz_target!(|data: &[u8]| {
    check(data);
    if let Ok(serde_json::Value::Object(mut root)) = serde_json::from_slice(data) {
        if let Some(content) = root.get("content") {
            let hash = exchange::content_hash(content);
            root.insert("hash".into(), serde_json::Value::String(hash));
            check(&serde_json::to_vec(&root).unwrap_or_default());
        }
    }
});
