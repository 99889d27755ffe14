//! Wrong phone clocks (property tests): three phones, one of them set ahead (hours, days,
//! years) or behind, edit the same values and send files in random orders.
//! - a value stamped further ahead than the tolerance never gets into a phone whose clock
//!   is right, so it never wins over an edit made at the right time;
//! - no clock ever jumps past its own time plus the tolerance;
//! - every stamp a phone gives is its own (no two edits share one);
//! - once the wrong phone's clock is set right and it repairs its data, every phone ends
//!   with the same data;
//! - every file a phone writes, before and after the repair, passes the format's checks.

use std::collections::BTreeSet;

use ntm::domain::assessment::*;
use ntm::domain::criteria::{builtin_sets, CriteriaSet, SetId};
use ntm::domain::history::{EditTarget, HistoryEntry};
use ntm::domain::merge::*;
use ntm::domain::sync::{Hlc, HlcClock, Stamp, CLOCK_TOLERANCE_MS};
use ntm::domain::units::UnitRef;
use ntm::exchange::{self, Sender};
use proptest::prelude::*;

fn known(id: &SetId) -> Option<CriteriaSet> {
    builtin_sets().into_iter().find(|s| s.set_id() == *id)
}

fn key() -> AssessmentKey {
    AssessmentKey {
        unit: UnitRef::Commune("00001".into()),
        set: SetId {
            id: "QD318_2022_XA".into(),
            version: "1".into(),
        },
        period: Period::year(2026),
    }
}

const HOUR: u64 = 3_600_000;
/// 31/12/9999 23:59:59 UTC: the last time a file's date can say.
const LAST_DATE_MS: u64 = 253_402_300_799_999;

#[derive(Clone, Debug)]
struct Phone {
    id: String,
    data: Dataset,
    clock: HlcClock,
    /// How far its clock is from the true time (ms; ahead when positive).
    skew: i64,
    stamps: Vec<Hlc>,
}

impl Phone {
    fn new(id: &str, skew: i64) -> Self {
        Self {
            id: id.into(),
            data: Dataset::default(),
            clock: HlcClock::default(),
            skew,
            stamps: Vec::new(),
        }
    }

    fn now(&self, t: u64) -> u64 {
        (t as i64 + self.skew) as u64
    }

    /// Marks criterion `c` (or sets it to `value` as history keeps it) as the store does.
    fn mark(&mut self, t: u64, c: &str, value: Entry<CriterionMark>) -> HistoryEntry {
        let hlc = self.clock.tick(self.now(t));
        self.stamps.push(hlc);
        let stamp = Stamp {
            hlc,
            device: self.id.clone(),
            author: self.id.clone(),
        };
        let pos = self.data.assessments.iter().position(|a| a.key == key());
        let mut a = pos
            .map(|p| self.data.assessments.remove(p))
            .unwrap_or_else(|| Assessment::new(key()));
        let current = a.marks.get(c).map(|v| v.stamp.clone());
        let rk = format!("{}#mark:{c}", a.id());
        let entries: Vec<&HistoryEntry> = self
            .data
            .history
            .iter()
            .filter(|h| h.record_key == rk)
            .collect();
        let base = base_for(&entries, current.as_ref());
        let mut h = a.set_mark(c, value, stamp);
        h.base = Some(base);
        self.data.history.push(h.clone());
        self.data.assessments.push(a);
        h
    }

    fn receive(&mut self, file: &Dataset, t: u64) {
        let now = self.now(t);
        let plan = plan_merge_at(&self.data, file, known, now);
        apply(&mut self.data, &plan);
        if let Some(h) = plan.max_hlc {
            self.clock.observe(h, now);
        }
    }

    /// What the app does once the phone's date is right again: the clock goes back, and
    /// every value stamped in the future is recorded anew (same value).
    fn repair(&mut self, t: u64) {
        self.skew = 0;
        let now = self.now(t);
        self.clock.reset_to(now);
        for (target, value) in future_values(&self.data, future_limit(now)) {
            let EditTarget::Mark { criterion, .. } = target else {
                unreachable!("only marks are edited here")
            };
            let entry: Entry<CriterionMark> = serde_json::from_value(value).unwrap();
            self.mark(t, &criterion, entry);
        }
    }

    /// The phone's file of everything at `t`, as another phone reads it: written and read
    /// back, the format's checks included (a stamp after the file's creation refuses it).
    fn file(&self, t: u64) -> Result<Dataset, String> {
        let sender = Sender {
            device: self.id.clone(),
            name: self.id.clone(),
            role: None,
            unit: None,
        };
        let content = select(&self.data, &ExportScope::All, None);
        let file = exchange::build(content, sender, ExportScope::All, None, "test", self.now(t));
        exchange::read(exchange::to_json(&file).as_bytes())
            .map(|f| f.content)
            .map_err(|r| format!("{}'s file is refused: {r:?}", self.id))
    }

    fn sorted(&self) -> Dataset {
        let mut d = self.data.clone();
        d.sort();
        d
    }
}

#[derive(Clone, Debug)]
enum Op {
    Mark {
        phone: usize,
        criterion: u8,
        met: bool,
        dt: u64,
    },
    Send {
        from: usize,
        to: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0usize..3, 1u8..4, any::<bool>(), 0u64..(2 * HOUR)).prop_map(|(phone, criterion, met, dt)| Op::Mark { phone, criterion, met, dt }),
        2 => (0usize..3, 0usize..3).prop_map(|(from, to)| Op::Send { from, to }),
    ]
}

/// The wrong phone's skew: a little (within the tolerance), hours or days ahead, a year or
/// 9999 ahead, or behind.
fn skew() -> impl Strategy<Value = i64> {
    prop_oneof![
        (0i64..(HOUR as i64 / 2)),
        ((2 * HOUR as i64)..(72 * HOUR as i64)),
        Just(365 * 24 * HOUR as i64),
        Just(253_402_300_799_000 - 1_800_000_000_000), // to the year 9999
        (-(72 * HOUR as i64)..0),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_wrong_clock_never_wins_and_phones_converge_once_it_is_repaired(
        wrong in skew(),
        ops in proptest::collection::vec(op(), 1..40),
    ) {
        let mut phones = [Phone::new("dev-a", 0), Phone::new("dev-b", 0), Phone::new("dev-w", wrong)];
        let mut t = 1_800_000_000_000u64;
        for op in ops {
            match op {
                Op::Mark { phone, criterion, met, dt } => {
                    t += dt;
                    let v = Entry::of(if met { CriterionMark::Met } else { CriterionMark::NotMet });
                    phones[phone].mark(t, &criterion.to_string(), v);
                }
                Op::Send { from, to } => {
                    if from == to { continue; }
                    // Every file is read but one made after the year 9999 (its date
                    // cannot be written).
                    match phones[from].file(t) {
                        Ok(file) => phones[to].receive(&file, t),
                        Err(e) => prop_assert!(phones[from].now(t) > LAST_DATE_MS, "{}", e),
                    }
                }
            }
            // The phones whose clocks are right hold nothing from further ahead than the
            // tolerance, and their clocks never went there.
            for p in phones.iter().filter(|p| p.skew <= 0) {
                let limit = p.now(t) + CLOCK_TOLERANCE_MS;
                prop_assert!(p.clock.last().wall_ms <= limit);
                for (_, (_, s)) in p.data.current_values() {
                    prop_assert!(s.hlc.wall_ms <= limit, "{} holds a value from {}", p.id, s.hlc.wall_ms);
                }
                prop_assert!(p.data.history.iter().all(|h| h.stamp.hlc.wall_ms <= limit));
            }
        }
        // Every stamp a phone gave is its own.
        for p in &phones {
            let distinct: BTreeSet<Hlc> = p.stamps.iter().copied().collect();
            prop_assert_eq!(distinct.len(), p.stamps.len());
        }
        // The wrong phone is set right and repairs; then files go everywhere, twice.
        t += HOUR;
        phones[2].repair(t);
        for _ in 0..2 {
            for from in 0..3 {
                for to in 0..3 {
                    if from != to {
                        let file = phones[from].file(t);
                        prop_assert!(file.is_ok(), "{:?}", file.err());
                        phones[to].receive(&file.unwrap(), t);
                    }
                }
            }
        }
        let limit = t + CLOCK_TOLERANCE_MS;
        let a = phones[0].sorted();
        // The right phones agree; the wrong one (which keeps its own future history) agrees
        // on every current value.
        prop_assert_eq!(&a, &phones[1].sorted());
        prop_assert_eq!(a.current_values(), phones[2].data.current_values());
        for (_, (_, s)) in a.current_values() {
            prop_assert!(s.hlc.wall_ms <= limit);
        }
        for p in &phones {
            let distinct: BTreeSet<Hlc> = p.stamps.iter().copied().collect();
            prop_assert_eq!(distinct.len(), p.stamps.len());
        }
    }
}

#[test]
fn a_file_a_year_ahead_is_refused_line_by_line_and_named() {
    let mut right = Phone::new("dev-a", 0);
    let mut ahead = Phone::new("dev-w", 365 * 24 * HOUR as i64);
    let t = 1_800_000_000_000u64;
    ahead.mark(t, "1", Entry::of(CriterionMark::Met));
    right.mark(t, "2", Entry::of(CriterionMark::Met));
    let file = select(&ahead.data, &ExportScope::All, None);
    let plan = plan_merge_at(&right.data, &file, known, t);
    assert_eq!(plan.counts.rejected, 1);
    assert_eq!(plan.future.len(), 1);
    assert_eq!(plan.future[0].device, "dev-w");
    assert_eq!(plan.future[0].latest_ms, t + 365 * 24 * HOUR);
    assert!(plan.is_noop(), "nothing of it is written");
    assert_eq!(plan.max_hlc, None, "and the clock does not move");
    // A later correct edit elsewhere wins over nothing: it is simply the value.
    right.receive(&file, t);
    right.mark(t + 10, "1", Entry::of(CriterionMark::NotMet));
    assert_eq!(
        right.data.assessments[0].mark("1"),
        Some(CriterionMark::NotMet)
    );
}

#[test]
fn duplicate_stamps_from_a_saturated_counter_are_given_their_own() {
    // Two different edits of one value with the same stamp, as a saturated counter made.
    let mut p = Phone::new("dev-a", 0);
    let t = 1_800_000_000_000u64;
    p.clock = HlcClock::new(Hlc {
        wall_ms: t + 20 * HOUR,
        counter: u32::MAX,
    });
    let h1 = p.mark(t, "1", Entry::of(CriterionMark::Met));
    let mut dup = h1.clone();
    dup.new = Some(serde_json::to_value(Entry::of(CriterionMark::NotMet)).unwrap());
    p.data.history.push(dup);
    if let Some(v) = p.data.assessments[0].marks.get_mut("1") {
        v.value = Entry::of(CriterionMark::NotMet);
    }
    let changed = repair_duplicate_stamps(&mut p.data);
    assert_eq!(changed, vec![1]);
    let ids: BTreeSet<EditId> = p.data.history.iter().map(edit_id).collect();
    assert_eq!(ids.len(), 2, "every edit has its own stamp now");
    assert_eq!(
        p.data.assessments[0].marks["1"].stamp, p.data.history[1].stamp,
        "the current value follows its edit"
    );
    assert!(
        repair_duplicate_stamps(&mut p.data).is_empty(),
        "once is enough"
    );
}

/// Issue 31: a phone 30 days ahead, corrected and repaired, sends a file another phone
/// reads and takes in — the re-stamped values, not the history its wrong date left.
#[test]
fn a_repaired_phone_sends_again_what_it_stamped_anew() {
    const DAY: u64 = 24 * HOUR;
    let mut right = Phone::new("dev-a", 0);
    let mut ahead = Phone::new("dev-w", 30 * DAY as i64);
    let t = 1_800_000_000_000u64;
    for c in ["1", "2", "3"] {
        ahead.mark(t, c, Entry::of(CriterionMark::Met));
    }
    ahead.mark(t + 1, "2", Entry::of(CriterionMark::NotMet));
    right.mark(t, "4", Entry::of(CriterionMark::Met));
    // While its date is wrong, its files are read but its values refused line by line.
    right.receive(&ahead.file(t).unwrap(), t);
    assert_eq!(
        right.data.assessments[0].marks.len(),
        1,
        "only dev-a's own mark"
    );

    // Its date set right without the repair: what is stamped ahead stays on the phone
    // (its banner asks for the repair), the file is still read.
    let later = t + DAY;
    ahead.skew = 0;
    let unrepaired = ahead.file(later).expect("read");
    assert!(unrepaired.assessments.iter().all(|a| a.marks.is_empty()));

    ahead.repair(later);
    let file = ahead.file(later).expect("a repaired phone's file is read");
    assert!(
        file.history.iter().all(|h| h.stamp.hlc.wall_ms <= later),
        "the history of its wrong date stays home"
    );
    right.receive(&file, later);
    let marks = &right.data.assessments[0].marks;
    assert_eq!(marks.len(), 4);
    assert_eq!(marks["1"].value.value, Some(CriterionMark::Met));
    assert_eq!(marks["2"].value.value, Some(CriterionMark::NotMet));
    assert!(marks
        .values()
        .all(|m| m.stamp.hlc.wall_ms <= later + CLOCK_TOLERANCE_MS));
    ahead.receive(&right.file(later).unwrap(), later);
    assert_eq!(
        right.data.current_values(),
        ahead.data.current_values(),
        "both phones hold the same values"
    );
    // A later edit on the right phone wins over the repaired values.
    right.mark(later + 10, "1", Entry::of(CriterionMark::NotMet));
    ahead.receive(&right.file(later + 10).unwrap(), later + 10);
    assert_eq!(
        ahead.data.assessments[0].marks["1"].value.value,
        Some(CriterionMark::NotMet)
    );
}
