//! A unit page's view model (`present::unit`): every criterion of every built-in set shown
//! exactly once under its group, in the set's order, and the gaps are exactly the criteria
//! not reached, in order.

use ntm::domain::assessment::{Assessment, AssessmentKey, CriterionMark, Entry, Period};
use ntm::domain::criteria::builtin_sets;
use ntm::domain::evaluation::{evaluate_assessment, CriterionOutcome};
use ntm::domain::profile::Lang;
use ntm::domain::units::{ThresholdContext, UnitRef};
use ntm::present::unit::{gaps, sections};

mod common;
use common::stamp;

#[test]
fn every_criterion_is_shown_once_under_its_group_and_the_gaps_are_what_is_not_reached() {
    for set in builtin_sets() {
        let shown = sections(&set, Lang::Vi);
        let codes: Vec<&str> = shown
            .iter()
            .flat_map(|(_, cs)| cs.iter().map(|c| c.code.as_str()))
            .collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            sorted.len(),
            set.criteria.len(),
            "{}: each criterion once",
            set.code
        );
        assert_eq!(codes.len(), set.criteria.len(), "{}", set.code);
        for (title, cs) in &shown {
            assert!(!title.is_empty(), "{}: a section without a title", set.code);
            // Within a section, the set's order.
            let order: Vec<usize> = cs
                .iter()
                .map(|c| set.criteria.iter().position(|x| x.id == c.id).unwrap())
                .collect();
            assert!(
                order.windows(2).all(|w| w[0] < w[1]),
                "{} / {title}",
                set.code
            );
        }
        // Half the criteria marked met, the rest not met: the gaps are the second half.
        let mut a = Assessment::new(AssessmentKey {
            unit: UnitRef::Commune("00070".into()),
            set: set.set_id(),
            period: Period::year(2025),
        });
        let half = set.criteria.len() / 2;
        for (i, c) in set.criteria.iter().enumerate() {
            let mark = if i < half {
                CriterionMark::Met
            } else {
                CriterionMark::NotMet
            };
            a.set_mark(&c.id, Entry::of(mark), stamp());
        }
        let result = evaluate_assessment(&set, &a, ThresholdContext::default(), Default::default());
        let want: Vec<String> = result
            .criteria
            .iter()
            .filter(|r| {
                matches!(
                    r.outcome,
                    CriterionOutcome::NotMet | CriterionOutcome::Unknown
                )
            })
            .map(|r| r.code.clone())
            .collect();
        let got: Vec<String> = gaps(&set, &result)
            .into_iter()
            .map(|(code, _)| code)
            .collect();
        assert_eq!(got, want, "{}", set.code);
        if !set.criteria.is_empty() && set.criteria.iter().all(|c| c.auto.is_none()) {
            assert!(!got.is_empty(), "{}: some criteria are not met", set.code);
        }
    }
}
