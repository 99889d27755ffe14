//! Where the time of an import goes, stage by stage, natively (issue 7 profiling).
//! The browser runs the same code as wasm, about 1.5–2× slower; the proportions hold.
//!
//!   cargo run --release --example bench_data -- target/bench
//!   cargo run --release --example profile_import -- target/bench/bench-national.json

use std::time::Instant;

use ntm::domain::criteria::SetId;
use ntm::domain::merge::{self, Dataset};
use ntm::domain::stats::Scope;
use ntm::domain::workspace::Workspace;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench/bench-national.json".into());
    let bytes = std::fs::read(&path).expect("read the file");
    let t = Instant::now();
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    println!("parse to Value         {:>7.0} ms", ms(t));
    let t = Instant::now();
    let hash = ntm::exchange::content_hash(&value["content"]);
    println!("content hash (JCS)     {:>7.0} ms  {hash}", ms(t));
    drop(value);
    let t = Instant::now();
    let file = ntm::exchange::read(&bytes).expect("a good file");
    println!("exchange::read total   {:>7.0} ms", ms(t));
    let local = Dataset::default();
    let t = Instant::now();
    let plan = merge::plan_merge(&local, &file.content, |_| None);
    println!(
        "plan_merge (empty db)  {:>7.0} ms  {:?}",
        ms(t),
        plan.counts
    );
    let t = Instant::now();
    let again = merge::plan_merge(&plan_applied(&plan), &file.content, |_| None);
    println!(
        "plan_merge (same data) {:>7.0} ms  {:?}",
        ms(t),
        again.counts
    );
    let data = plan_applied(&plan);
    let t = Instant::now();
    let ws = Workspace::new(
        data.units,
        data.assessments,
        data.sets.into_iter().map(|r| r.data).collect(),
    );
    println!("Workspace::new         {:>7.0} ms", ms(t));
    let set = SetId {
        code: "THU_TAI_47".into(),
        version: 1,
    };
    let period = *ws.periods_of(&set).last().expect("a period");
    let scope = Scope::Province("99".into());
    let t = Instant::now();
    let d = ws.dashboard(&scope, &set, period).expect("dashboard");
    println!(
        "Workspace::dashboard   {:>7.0} ms  {} communes",
        ms(t),
        d.stats.communes
    );
}

fn plan_applied(plan: &merge::MergePlan) -> Dataset {
    Dataset {
        units: plan.writes.units.clone(),
        sets: plan.writes.sets.clone(),
        assessments: plan.writes.assessments.clone(),
        history: plan.writes.history.clone(),
        ..Default::default()
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
