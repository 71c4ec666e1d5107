//! Issue 22, "Ask, don't copy": antacids and laxatives that contain magnesium are a yes/no
//! question before the amount (reference §2: they count toward the limit), unanswered is
//! refused like the other safety questions, and a yes with kidney disease (yes or not sure) is
//! the §3 stop whether or not the amount is known. Inputs and specs from before the question
//! still read. The inputs are built as JSON, the way a command receives them.

use serde_json::{json, Value};

use crate::error::CoreError;
use crate::protocol::{evaluate, validate, Level, ProtocolInput, ProtocolSpec, SafetyReport};
use crate::testkit::{date, nerve};

/// The testkit's nerve protocol with the antacid answer `answer` (`None`: the field absent, as
/// an input from before the question sends it), `mg` a day of them and kidney answer `kidney`.
fn input(answer: Option<Value>, mg: f64, kidney: &str) -> ProtocolInput {
    let mut v = serde_json::to_value(nerve(date(2026, 3, 2), &["08:00", "20:00"])).expect("json");
    let safety = &mut v["safety"];
    match answer {
        Some(a) => safety["takes_antacid_laxative"] = a,
        None => {
            if let Some(s) = safety.as_object_mut() {
                s.remove("takes_antacid_laxative");
            }
        }
    }
    safety["antacid_laxative_mg"] = json!(mg);
    safety["kidney_disease"] = json!(kidney);
    crate::input::parse(v).expect("an input")
}

fn codes(r: &SafetyReport) -> Vec<(&'static str, Level)> {
    r.findings.iter().map(|f| (f.code, f.level)).collect()
}

/// Unanswered (absent or null) with no amount: refused with `safety_unanswered` on its field,
/// like age, sex, pregnancy and kidney disease. A no saves and is stored; an amount from an
/// input before the question counts as a yes, and counts toward the limit.
#[test]
fn the_antacid_question_must_be_answered_and_an_amount_counts_as_yes() {
    let today = date(2026, 3, 2);
    for answer in [None, Some(Value::Null)] {
        match validate(&input(answer.clone(), 0.0, "no"), today, 240) {
            Err(CoreError::Invalid { code, field, .. }) => {
                assert_eq!(
                    (code, field.as_str()),
                    ("safety_unanswered", "safety.takes_antacid_laxative"),
                    "{answer:?}"
                );
            }
            other => panic!("{answer:?}: {other:?}"),
        }
    }
    let (spec, _) = validate(&input(Some(json!(false)), 0.0, "no"), today, 240).expect("a no");
    let stored = serde_json::to_value(&spec).expect("json");
    assert_eq!(stored["safety"]["takes_antacid_laxative"], json!(false));
    for answer in [None, Some(json!(false)), Some(json!(true))] {
        let (spec, report) =
            validate(&input(answer.clone(), 40.0, "no"), today, 240).expect("an amount");
        let stored = serde_json::to_value(&spec).expect("json");
        assert_eq!(
            stored["safety"]["takes_antacid_laxative"],
            json!(true),
            "{answer:?}"
        );
        assert_eq!(report.supplemental_total_mg, 240.0, "{answer:?}");
    }
}

/// Reference §3: kidney disease (yes, or not sure until answered) plus antacids or laxatives
/// with magnesium is a stop-level finding, the amount known or not. Without kidney disease a yes
/// without an amount is a caution that the total leaves them out.
#[test]
fn a_yes_with_kidney_disease_is_a_stop_even_without_an_amount() {
    let today = date(2026, 3, 2);
    for kidney in ["yes", "not_sure"] {
        for mg in [0.0, 30.0] {
            let mut i = input(Some(json!(true)), mg, kidney);
            i.supplement = None;
            let (_, report) = validate(&i, today, 240).expect("no plan: saved");
            let stop = report
                .findings
                .iter()
                .find(|f| f.code == "kidney_antacid")
                .unwrap_or_else(|| panic!("{kidney} {mg}: {:?}", codes(&report)));
            assert_eq!(stop.level, Level::Stop);
            assert_eq!(stop.source.id, "kidney");
            assert!(stop.message.contains("antacids or laxatives"));
            // With a plan, the save is refused as before.
            let e = validate(&input(Some(json!(true)), mg, kidney), today, 240).unwrap_err();
            assert_eq!(e.code(), "clinician_first");
        }
        let mut no = input(Some(json!(false)), 0.0, kidney);
        no.supplement = None;
        let (_, report) = validate(&no, today, 240).expect("saved");
        assert!(report.findings.iter().all(|f| f.code != "kidney_antacid"));
    }
    let (_, report) = validate(&input(Some(json!(true)), 0.0, "no"), today, 240).expect("saved");
    let caution = report
        .findings
        .iter()
        .find(|f| f.code == "antacid_amount_unknown")
        .unwrap_or_else(|| panic!("{:?}", codes(&report)));
    assert_eq!(caution.level, Level::Caution);
    assert!(caution.message.contains("350 mg"), "{}", caution.message);
    let (_, report) = validate(&input(Some(json!(true)), 20.0, "no"), today, 240).expect("saved");
    assert!(report
        .findings
        .iter()
        .all(|f| f.code != "antacid_amount_unknown"));
}

/// A version stored before the question was asked still loads: its amount reads as a yes (the
/// kidney stop still applies to it), and no amount as a no.
#[test]
fn a_spec_stored_before_the_antacid_question_still_loads() {
    let (spec, _) =
        validate(&input(Some(json!(false)), 0.0, "no"), date(2026, 3, 2), 240).expect("saved");
    for (mg, kidney, stop) in [
        (0.0, "yes", false),
        (50.0, "yes", true),
        (50.0, "no", false),
    ] {
        let mut old = serde_json::to_value(&spec).expect("json");
        if let Some(s) = old["safety"].as_object_mut() {
            s.remove("takes_antacid_laxative");
        }
        old["safety"]["antacid_laxative_mg"] = json!(mg);
        old["safety"]["kidney_disease"] = json!(kidney);
        let got: ProtocolSpec = serde_json::from_value(old).expect("an old spec loads");
        let r = evaluate(&got.safety, got.supplement.as_ref());
        assert_eq!(
            r.findings.iter().any(|f| f.code == "kidney_antacid"),
            stop,
            "{mg} {kidney}"
        );
    }
}
