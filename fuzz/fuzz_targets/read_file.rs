//! Any bytes given to the exchange-file reader: it must never panic, and whatever it
//! accepts must write back to a file that reads to the same thing and plans a merge.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ntm::domain::criteria::builtin_sets;
use ntm::domain::merge::{plan_merge, Dataset};
use ntm::exchange;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = exchange::read(data) else {
        return;
    };
    let again = exchange::read(exchange::to_json(&file).as_bytes())
        .expect("a file that was accepted, written back, is accepted again");
    assert_eq!(again, file);
    let plan = plan_merge(&Dataset::default(), &file.content, |id| {
        builtin_sets().into_iter().find(|s| s.id() == *id)
    });
    assert_eq!(plan.lines.len(), plan.counts.new + plan.counts.rejected + plan.counts.conflicts + plan.counts.updated + plan.counts.older);
});
