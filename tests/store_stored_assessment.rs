//! The stored form of an assessment (data format 4) gives back exactly what was written,
//! for any marks, values, notes and stamps; and it is several times smaller than the object
//! it replaced.

use proptest::prelude::*;

use ntm::domain::assessment::*;
use ntm::domain::criteria::SetId;
use ntm::domain::sync::{Hlc, Stamp, Versioned};
use ntm::domain::units::UnitRef;
use ntm::store::stored_assessment::{decode, encode};

fn stamp() -> impl Strategy<Value = Stamp> {
    (
        any::<u64>(),
        any::<u32>(),
        "[a-f0-9-]{0,36}",
        any::<String>(),
    )
        .prop_map(|(wall_ms, counter, device, author)| Stamp {
            hlc: Hlc { wall_ms, counter },
            device,
            author,
        })
}

fn value() -> impl Strategy<Value = IndicatorValue> {
    prop_oneof![
        any::<f64>()
            .prop_filter("JSON holds finite numbers", |n| n.is_finite())
            .prop_map(IndicatorValue::Number),
        (-1_000_000i64..1_000_000).prop_map(|n| IndicatorValue::Number(n as f64 / 10.0)),
        any::<bool>().prop_map(IndicatorValue::YesNo),
        any::<String>().prop_map(IndicatorValue::Text),
    ]
}

fn mark() -> impl Strategy<Value = CriterionMark> {
    prop_oneof![
        Just(CriterionMark::Met),
        Just(CriterionMark::NotMet),
        Just(CriterionMark::NotApplicable),
    ]
}

fn assessment() -> impl Strategy<Value = Assessment> {
    let stamps = prop::collection::vec(stamp(), 1..5);
    (
        any::<String>(),
        stamps,
        prop::collection::vec(
            (
                "[0-9.a-z]{1,6}",
                prop::option::of(mark()),
                any::<String>(),
                any::<prop::sample::Index>(),
            ),
            0..20,
        ),
        prop::collection::vec(
            (
                "[0-9.a-z]{1,6}",
                prop::option::of(value()),
                any::<String>(),
                any::<prop::sample::Index>(),
            ),
            0..60,
        ),
    )
        .prop_map(|(unit, stamps, marks, values)| {
            let mut a = Assessment::new(AssessmentKey {
                unit: UnitRef::Village(unit),
                set: SetId {
                    id: "QD318_2022_XA".into(),
                    version: "1".into(),
                },
                period: Period::year(2025),
            });
            for (id, value, note, i) in marks {
                let s = i.get(&stamps).clone();
                a.marks.insert(id, Versioned::new(Entry { value, note }, s));
            }
            for (id, value, note, i) in values {
                let s = i.get(&stamps).clone();
                a.values
                    .insert(id, Versioned::new(Entry { value, note }, s));
            }
            a
        })
}

proptest! {
    #[test]
    fn what_is_written_is_read_back_exactly(a in assessment()) {
        let text = encode(&a).unwrap();
        let back = decode(&text).unwrap();
        prop_assert_eq!(&back, &a);
        // Bit for bit, not only by ==: 0.1 + 0.2 stays 0.30000000000000004.
        for (id, v) in &a.values {
            if let Some(IndicatorValue::Number(n)) = v.value.value {
                let Some(IndicatorValue::Number(m)) = back.values[id].value.value else {
                    panic!("{id} is no longer a number");
                };
                prop_assert_eq!(n.to_bits(), m.to_bits());
            }
        }
    }
}

#[test]
fn a_commune_assessment_is_several_times_smaller_than_its_object() {
    // 47 values typed one after another on one phone (each edit its own clock reading),
    // what a commune official's assessment looks like.
    let mut a = Assessment::new(AssessmentKey {
        unit: UnitRef::Commune("00070".into()),
        set: SetId {
            id: "QD318_2022_XA".into(),
            version: "1".into(),
        },
        period: Period::year(2025),
    });
    for i in 0..47u64 {
        let s = Stamp {
            hlc: Hlc {
                wall_ms: 1_764_500_000_000 + i * 9_000,
                counter: 0,
            },
            device: "3f2b6c1e-9a7d-4c5e-8b1f-0a2d3e4f5a6b".into(),
            author: "Nguyễn Văn An".into(),
        };
        a.values.insert(
            format!("{}.{}", i % 19 + 1, i),
            Versioned::new(Entry::of(IndicatorValue::Number(i as f64 * 1.5)), s),
        );
    }
    let object = serde_json::to_string(&a).unwrap();
    let text = encode(&a).unwrap();
    assert!(
        text.len() * 4 < object.len(),
        "{} bytes as one text, {} as the object",
        text.len(),
        object.len()
    );
    assert_eq!(decode(&text).unwrap(), a);
}
