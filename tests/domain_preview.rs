//! What a preview shows of a merge plan (`MergePlan::summary`, handed from the worker that
//! imports to the page, and `MergePlan::first_lines`, a unit's lines asked for when the
//! preview is filtered by it): the first lines and how many there are. Checked against the
//! whole plan read plainly, for every filter the preview offers, on generated plans.

use ntm::domain::assessment::{CriterionMark, Entry};
use ntm::domain::history::EditTarget;
use ntm::domain::merge::{Line, LineKind, LineValue, MergePlan, PREVIEW_LINES};
use ntm::domain::sync::{Hlc, Stamp};
use proptest::prelude::*;

fn line(unit: Option<u8>, n: usize) -> Line {
    let stamp = Stamp {
        hlc: Hlc {
            wall_ms: n as u64,
            counter: 0,
        },
        device: "d".into(),
        author: "a".into(),
    };
    Line {
        kind: LineKind::Updated,
        target: EditTarget::Mark {
            assessment: format!("u{unit:?}|set|2025"),
            criterion: format!("c{n}"),
        },
        unit: unit.map(|u| format!("commune:{u:05}")),
        local: None,
        incoming: (
            LineValue::Mark(Entry {
                value: Some(CriterionMark::Met),
                note: String::new(),
            }),
            stamp,
        ),
        reject: None,
    }
}

/// The first `PREVIEW_LINES` lines of a filter, and how many it has, read from the whole
/// plan: what the preview listed before the plan stayed in the worker.
fn plainly(plan: &MergePlan, unit: Option<&str>) -> (Vec<Line>, usize) {
    let all: Vec<&Line> = plan
        .lines
        .iter()
        .filter(|l| unit.is_none() || l.unit.as_deref() == unit)
        .collect();
    let first = all
        .iter()
        .take(PREVIEW_LINES)
        .map(|l| (*l).clone())
        .collect();
    (first, all.len())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_filter_lists_the_same_lines_as_the_whole_plan(
        units in prop::collection::vec(prop::option::of(0u8..6), 0..1_500),
        unlisted in prop::collection::btree_map(prop::option::of(0u8..12), 1usize..5_000, 0..12),
    ) {
        let plan = MergePlan {
            lines: units.iter().enumerate().map(|(n, u)| line(*u, n)).collect(),
            unlisted_new: unlisted
                .iter()
                .map(|(u, n)| (u.map(|u| format!("commune:{u:05}")), *n))
                .collect(),
            ..MergePlan::default()
        };
        let summary = plan.summary();
        let mut filters: Vec<Option<String>> = vec![None];
        filters.extend((0u8..6).map(|u| Some(format!("commune:{u:05}"))));
        for f in &filters {
            let f = f.as_deref();
            let (first, total) = plainly(&plan, f);
            prop_assert_eq!(&plan.first_lines(f), &first, "filter {:?}", f);
            prop_assert_eq!(summary.lines_in(f), total, "filter {:?}", f);
            // New values not listed, of every unit the filter offers and of all.
            if f.is_none() || total > 0 {
                prop_assert_eq!(summary.unlisted_new_in(f), plan.unlisted_new_in(f), "filter {:?}", f);
            }
        }
        // The page is handed the first lines of all, and no more.
        prop_assert_eq!(&summary.lines, &plainly(&plan, None).0);
        // The filter offers exactly the units that have lines.
        let with_lines: std::collections::BTreeSet<String> =
            plan.lines.iter().filter_map(|l| l.unit.clone()).collect();
        let offered: Vec<&str> = summary.units_with_lines().collect();
        prop_assert_eq!(offered, with_lines.iter().map(String::as_str).collect::<Vec<_>>());
        prop_assert_eq!(summary.noop, plan.is_noop());
    }
}
