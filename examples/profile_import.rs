//! Where the time of an import goes, stage by stage, natively (issue 7 profiling).
//! The browser runs the same code as wasm, about 1.5–2× slower; the proportions hold.
//!
//!   cargo run --release --example bench_data -- target/bench
//!   cargo run --release --example profile_import -- target/bench/bench-national.json

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// Counts heap bytes in use and their peak: the wasm build's memory grows the same way.
struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}
#[global_allocator]
static ALLOC: Counting = Counting;

fn mem(label: &str) {
    println!(
        "  memory {label:<28} {:>5} MB in use, peak {:>5} MB",
        NOW.load(Relaxed) / 1_000_000,
        PEAK.load(Relaxed) / 1_000_000
    );
}

use ntm::domain::criteria::SetId;
use ntm::domain::merge::{self, Dataset};
use ntm::domain::stats::Scope;
use ntm::domain::workspace::Workspace;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench/bench-national.json".into());
    let bytes = std::fs::read(&path).expect("read the file");
    mem("file bytes");
    let t = Instant::now();
    let file = ntm::exchange::read(&bytes).expect("a good file");
    println!("exchange::read         {:>7.0} ms", ms(t));
    mem("after read (file + dataset)");
    drop(bytes);
    let local = Dataset::default();
    let before = NOW.load(Relaxed);
    let t = Instant::now();
    let plan = merge::plan_merge(&local, &file.content, |_| None);
    println!(
        "plan_merge (empty db)  {:>7.0} ms  {:?}",
        ms(t),
        plan.counts
    );
    mem("after plan");
    let plan_bytes = NOW.load(Relaxed) - before;
    let mut plan = plan;
    let with_lines = NOW.load(Relaxed);
    let lines = std::mem::take(&mut plan.lines);
    drop(lines);
    println!(
        "  the plan holds {} MB, of which its preview lines {} MB",
        plan_bytes / 1_000_000,
        (with_lines - NOW.load(Relaxed)) / 1_000_000
    );
    let t = Instant::now();
    let again = merge::plan_merge(&plan_applied(&plan), &file.content, |_| None);
    println!(
        "plan_merge (same data) {:>7.0} ms  {:?}",
        ms(t),
        again.counts
    );
    drop(again);
    let data = plan_applied(&plan);
    let t = Instant::now();
    let ws = Workspace::new(
        data.units,
        data.assessments,
        data.sets.into_iter().map(|r| r.data).collect(),
    );
    println!("Workspace::new         {:>7.0} ms", ms(t));
    let set: SetId = ws
        .sets
        .iter()
        .find(|s| s.code == "THU_TAI_47")
        .expect("the benchmark's set")
        .set_id();
    let period = *ws.periods_of(&set).last().expect("a period");
    let scope = Scope::Province("99".into());
    let t = Instant::now();
    let d = ws
        .dashboard(&scope, &set, period, Default::default())
        .expect("dashboard");
    println!(
        "Workspace::dashboard   {:>7.0} ms  {} communes",
        ms(t),
        d.stats.communes
    );
    mem("end");
    // NTM_PROFILE_DASHBOARD=n repeats the dashboard n times (for `perf record`).
    let repeat: usize = std::env::var("NTM_PROFILE_DASHBOARD")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    if repeat > 0 {
        let t = Instant::now();
        for _ in 0..repeat {
            std::hint::black_box(ws.dashboard(&scope, &set, period, Default::default()));
        }
        println!(
            "Workspace::dashboard, mean of {repeat} {:>5.0} ms",
            ms(t) / repeat as f64
        );
    }
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
