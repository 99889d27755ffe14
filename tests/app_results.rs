//! Recording recognition steps, resource figures and a province's own quantities
//! (`app::results`), with the words of each refusal (`present::unit_results`).

use chrono::NaiveDate;
use ntm::app::results::{
    figure_entered, levels_for, quantity_added, step_recorded, Field, FigureChange, Refusal,
    StepForm,
};
use ntm::domain::assessment::Period;
use ntm::domain::criteria::SetLevel;
use ntm::domain::profile::Lang;
use ntm::domain::recognition::Step;
use ntm::domain::resources::{builtin_quantities, OTHER_GROUP};
use ntm::domain::units::UnitRef;
use ntm::present::unit_results::refusal;

fn commune() -> UnitRef {
    UnitRef::Commune("00070".into())
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 30).unwrap()
}

fn decision() -> StepForm {
    StepForm {
        step: Some(Step::Recognised),
        level: Some(SetLevel::XaNtm),
        target_year: String::new(),
        date: "2025-12-22".into(),
        decision_no: " 1234/QĐ-UBND ".into(),
        issuer: "UBND tỉnh".into(),
        note: String::new(),
    }
}

#[test]
fn a_step_needs_what_its_document_has() {
    let ok = step_recorded(&commune(), &decision(), today(), "r1".into()).unwrap();
    assert_eq!(ok.decision_no, "1234/QĐ-UBND");
    assert_eq!(ok.date, NaiveDate::from_ymd_opt(2025, 12, 22).unwrap());
    assert_eq!(ok.target_year, None);
    // Dates typed the Vietnamese way are read too.
    let typed = StepForm {
        date: "22/12/2025".into(),
        ..decision()
    };
    assert_eq!(
        step_recorded(&commune(), &typed, today(), "r".into())
            .unwrap()
            .date,
        ok.date
    );

    let cases = [
        (
            StepForm {
                step: None,
                ..decision()
            },
            Refusal::Missing(Field::Step),
        ),
        (
            StepForm {
                level: None,
                ..decision()
            },
            Refusal::Missing(Field::Level),
        ),
        (
            StepForm {
                level: Some(SetLevel::ThonNtm),
                ..decision()
            },
            Refusal::LevelDoesNotFit,
        ),
        (
            StepForm {
                decision_no: "  ".into(),
                ..decision()
            },
            Refusal::Missing(Field::DecisionNo),
        ),
        (
            StepForm {
                date: "".into(),
                ..decision()
            },
            Refusal::Missing(Field::Date),
        ),
        (
            StepForm {
                date: "hôm qua".into(),
                ..decision()
            },
            Refusal::Invalid(Field::Date),
        ),
        (
            StepForm {
                date: "2026-01-05".into(),
                ..decision()
            },
            Refusal::DateOutOfRange,
        ),
        (
            StepForm {
                date: "2009-12-31".into(),
                ..decision()
            },
            Refusal::DateOutOfRange,
        ),
        (
            StepForm {
                step: Some(Step::Registered),
                decision_no: String::new(),
                ..decision()
            },
            Refusal::Missing(Field::TargetYear),
        ),
        (
            StepForm {
                step: Some(Step::Registered),
                target_year: "năm sau".into(),
                ..decision()
            },
            Refusal::Invalid(Field::TargetYear),
        ),
    ];
    for (form, expected) in cases {
        assert_eq!(
            step_recorded(&commune(), &form, today(), "r".into()),
            Err(expected)
        );
    }
    // A registration needs no decision number, and keeps its year.
    let reg = StepForm {
        step: Some(Step::Registered),
        target_year: "2026".into(),
        decision_no: String::new(),
        ..decision()
    };
    assert_eq!(
        step_recorded(&commune(), &reg, today(), "r".into())
            .unwrap()
            .target_year,
        Some(2026)
    );
    let hidden = StepForm {
        issuer: "UBND\u{202E}".into(),
        ..decision()
    };
    let err = step_recorded(&commune(), &hidden, today(), "r".into()).unwrap_err();
    assert!(matches!(
        err,
        Refusal::Character {
            field: Field::Issuer,
            ..
        }
    ));
    assert!(
        refusal(&err, Lang::Vi).starts_with("Cơ quan ban hành: "),
        "{}",
        refusal(&err, Lang::Vi)
    );
    assert_eq!(
        refusal(&Refusal::Missing(Field::Date), Lang::En),
        "Date: missing"
    );
    // Only the levels of the unit's kind are offered.
    assert!(levels_for(&commune()).contains(&SetLevel::XaNangCao));
    assert_eq!(
        levels_for(&UnitRef::Village("v".into())),
        [SetLevel::ThonNtm, SetLevel::ThonKieuMau]
    );
}

#[test]
fn a_figure_is_read_the_vietnamese_way_and_emptying_it_hides_it() {
    let road = builtin_quantities()
        .iter()
        .find(|q| q.id == "road_upgraded")
        .unwrap();
    let p = Period::first_half(2025);
    let FigureChange::Set(e) =
        figure_entered(&commune(), p, road, "15,5", "BC 45", "", None).unwrap()
    else {
        panic!()
    };
    assert_eq!(e.value, 15.5);
    assert!(e.id_matches());
    let FigureChange::Set(big) =
        figure_entered(&commune(), p, road, "2.240.627", "", "", None).unwrap()
    else {
        panic!()
    };
    assert_eq!(big.value, 2_240_627.0);
    for bad in ["-3", "mười", "1e400"] {
        assert_eq!(
            figure_entered(&commune(), p, road, bad, "", "", None),
            Err(Refusal::Invalid(Field::Value)),
            "{bad}"
        );
    }
    assert_eq!(
        figure_entered(&commune(), p, road, " ", "", "", None),
        Ok(FigureChange::None)
    );
    assert_eq!(
        figure_entered(&commune(), p, road, "", "", "", Some(&e)),
        Ok(FigureChange::Clear(e.clone()))
    );
}

#[test]
fn a_quantity_of_its_own_needs_a_name_and_a_unit() {
    let q = quantity_added(" Hàng rào  xanh ", "km", "landscape", "q1".into()).unwrap();
    assert_eq!(
        (q.name.as_str(), q.group.as_str()),
        ("Hàng rào xanh", "landscape")
    );
    assert_eq!(
        quantity_added("Cây xanh", "cây", "no-such", "q2".into())
            .unwrap()
            .group,
        OTHER_GROUP
    );
    assert_eq!(
        quantity_added("", "km", "works", "q".into()),
        Err(Refusal::Missing(Field::Name))
    );
    assert_eq!(
        quantity_added("Đê", "", "works", "q".into()),
        Err(Refusal::Missing(Field::Unit))
    );
    assert_eq!(
        quantity_added("<b>Đê</b>", "km", "works", "q".into()),
        Err(Refusal::Invalid(Field::Name))
    );
}
