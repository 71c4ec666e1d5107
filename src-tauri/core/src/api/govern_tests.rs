//! Issue 22 (in part): a version that reaches the record without this device's save rules (a
//! merge, an import, an older build) is judged by those rules wherever a day's plan is read. On
//! real SQLite files, through a real record file.

use proptest::prelude::*;

use super::*;
use crate::facts::{AgeBand, Sex};
use crate::protocol::{
    above_limit, build_plan, evaluate, validate, validate_safety, KidneyAnswer, Level, SafetyInput,
};
use crate::testkit::{date, file_core_with_input, nerve, now_in_berlin, supplement};
use crate::zone::known::BERLIN;

/// The spec another device, a file or an older build could have stored for `input`: what
/// this device's save would build, without its refusals.
fn stored_without_rules(input: &ProtocolInput, today: NaiveDate) -> ProtocolSpec {
    let mut safe = input.clone();
    safe.safety = SafetyInput {
        age_band: Some(AgeBand::Years31To50),
        sex: Some(Sex::Male),
        pregnancy: None,
        kidney_disease: Some(KidneyAnswer::No),
        ..input.safety.clone()
    };
    safe.supplement = input
        .supplement
        .as_ref()
        .map(|_| supplement("glycinate", 100.0, 1.0, &["08:00"]));
    safe.acknowledge_above_limit = false;
    let (mut spec, _) = validate(&safe, today, 240).expect("the safe twin saves");
    spec.safety = validate_safety(&input.safety).expect("answered");
    spec.supplement = input
        .supplement
        .as_ref()
        .map(|s| build_plan(s, 240).expect("a plan"));
    spec.above_limit = above_limit(&evaluate(&spec.safety, spec.supplement.as_ref()))
        .filter(|_| input.acknowledge_above_limit);
    spec
}

fn child_with_kidney_disease(start: NaiveDate) -> ProtocolInput {
    let mut i = nerve(start, &["08:00", "20:00"]);
    i.safety.age_band = Some(AgeBand::Years4To8);
    i.safety.kidney_disease = Some(KidneyAnswer::Yes);
    i.supplement = Some(supplement("glycinate", 750.0, 1.0, &["08:00", "20:00"]));
    i
}

#[tokio::test]
async fn a_merged_version_the_rules_would_refuse_governs_no_doses_and_no_reminders() {
    let dir = tempfile::tempdir().unwrap();
    let start = date(2026, 11, 2);
    let at = |d: u32, h, m| now_in_berlin(date(2026, 11, d), h, m);
    let a = Core::open_as(&dir.path().join("a.db"), "deviceA", &dir.path().join("ba"))
        .await
        .unwrap();
    a.save_protocol(&nerve(start, &["08:00", "20:00"]), false, &at(2, 7, 0))
        .await
        .unwrap();
    let a_file = a
        .export_record(&dir.path().join("a"), &at(2, 7, 5))
        .await
        .unwrap();
    // Device B joins the record and stores, from the 10th, kidney disease "yes", age 4–8 and
    // 2 × 750 mg: what an older build or a careless edit elsewhere could have saved.
    let b = Core::open_as(&dir.path().join("b.db"), "deviceB", &dir.path().join("bb"))
        .await
        .unwrap();
    b.import_record(&a_file, &dir.path().join("bb"), &at(2, 7, 10))
        .await
        .unwrap();
    let course = b.store().latest_version().await.unwrap().unwrap().course_id;
    let unsafe_spec = stored_without_rules(&child_with_kidney_disease(start), date(2026, 11, 9));
    assert_eq!(
        validate(&child_with_kidney_disease(start), date(2026, 11, 9), 240)
            .unwrap_err()
            .code(),
        "clinician_first",
        "this device would never save it"
    );
    b.store()
        .insert_version(
            Some(course),
            date(2026, 11, 10),
            at(9, 12, 0).utc.with_timezone(&BERLIN).fixed_offset(),
            &serde_json::to_string(&unsafe_spec).unwrap(),
        )
        .await
        .unwrap();
    let b_file = b
        .export_record(&dir.path().join("b"), &at(9, 12, 5))
        .await
        .unwrap();
    a.import_record(&b_file, &dir.path().join("ba"), &at(9, 13, 0))
        .await
        .unwrap();

    // The 9th still runs on A's own plan; from the 10th the merged version holds its doses.
    let ninth = a.day(None, &at(9, 14, 0)).await.unwrap();
    assert_eq!(ninth.checklist.doses.len(), 2);
    assert!(ninth.plan_held.is_none());
    let tenth = a.day(None, &at(10, 8, 5)).await.unwrap();
    assert!(tenth.checklist.doses.is_empty(), "no dose cards");
    let held = tenth.plan_held.expect("Today says why");
    assert_eq!(held.code, "plan_stopped");
    assert!(held.message.contains("Review this plan"));
    assert!(
        a.due_reminders(&at(10, 8, 5)).await.unwrap().is_empty(),
        "no desktop reminder"
    );
    assert!(
        a.upcoming_reminders(&at(9, 23, 0), 3)
            .await
            .unwrap()
            .is_empty(),
        "nothing for the phone's scheduler"
    );
    let e = a
        .tap(None, &Tap::TakeDose { slot: 1, at: None }, &at(10, 8, 5))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "unknown_dose", "{e}");
    // Nothing is lost: the version is stored as it came, and the Protocol screen shows it.
    let shown = a.protocol(&at(10, 8, 5)).await.unwrap().unwrap();
    assert!(shown.report.findings.iter().any(|f| f.level == Level::Stop));
}

#[tokio::test]
async fn an_older_builds_plan_above_the_limit_without_its_acknowledgement_is_held() {
    let core = Core::open_in_memory().await.unwrap();
    let start = date(2026, 11, 2);
    let mut old = nerve(start, &["08:00", "20:00"]);
    old.supplement = Some(supplement("glycinate", 2500.0, 1.0, &["08:00", "20:00"]));
    let spec = stored_without_rules(&old, start);
    assert!(
        spec.above_limit.is_none(),
        "an older build stored no acknowledgement"
    );
    core.store()
        .insert_version(
            None,
            start,
            now_in_berlin(start, 7, 0)
                .utc
                .with_timezone(&BERLIN)
                .fixed_offset(),
            &serde_json::to_string(&spec).unwrap(),
        )
        .await
        .unwrap();
    let view = core
        .day(None, &now_in_berlin(date(2026, 11, 3), 9, 0))
        .await
        .unwrap();
    assert_eq!(
        view.plan_held.map(|f| f.code),
        Some("plan_above_twice_limit")
    );
    assert!(view.checklist.doses.is_empty());
}

const BANDS: [AgeBand; 7] = [
    AgeBand::Years1To3,
    AgeBand::Years4To8,
    AgeBand::Years9To13,
    AgeBand::Years14To18,
    AgeBand::Years31To50,
    AgeBand::Years51Plus,
    AgeBand::Years71Plus,
];
const KIDNEY: [KidneyAnswer; 3] = [KidneyAnswer::No, KidneyAnswer::Yes, KidneyAnswer::NotSure];

async fn reminders_for_stored(input: ProtocolInput, start: NaiveDate) -> (bool, usize) {
    let refused = match validate(&input, start, 240) {
        Ok(_) => false,
        Err(e) => {
            assert!(
                matches!(
                    e.code(),
                    "clinician_first"
                        | "child_above_limit"
                        | "above_twice_limit"
                        | "above_limit_unacknowledged"
                ),
                "an input the property does not mean to make: {e}"
            );
            true
        }
    };
    let core = Core::open_in_memory().await.unwrap();
    core.store()
        .insert_version(
            None,
            start,
            now_in_berlin(start, 6, 0)
                .utc
                .with_timezone(&BERLIN)
                .fixed_offset(),
            &serde_json::to_string(&stored_without_rules(&input, start)).unwrap(),
        )
        .await
        .unwrap();
    let planned = core
        .upcoming_reminders(&now_in_berlin(start, 6, 30), 3)
        .await
        .unwrap();
    (refused, planned.len())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    /// Whatever arrives by merge, no reminder is ever planned for a version the save rules
    /// would refuse, and one they would save is reminded.
    #[test]
    fn no_reminder_is_planned_for_a_version_the_save_rules_would_refuse(
        band in 0..BANDS.len(),
        kidney in 0..KIDNEY.len(),
        mg in prop::sample::select(vec![25.0, 50.0, 100.0, 150.0, 200.0, 350.0, 500.0, 750.0, 1200.0]),
        units in 1u32..=3,
        doses in 1usize..=3,
        acknowledged in any::<bool>(),
    ) {
        // Above 5,000 mg a day no build of Magday ever built a plan (build_plan refuses it).
        prop_assume!(mg * f64::from(units) * doses as f64 <= 5000.0);
        let start = date(2026, 11, 2);
        let mut input = nerve(start, &["08:00"]);
        input.safety.age_band = Some(BANDS[band]);
        input.safety.sex = Some(Sex::Male);
        input.safety.pregnancy = None;
        input.safety.kidney_disease = Some(KIDNEY[kidney]);
        input.supplement = Some(supplement("glycinate", mg, f64::from(units), &["08:00", "14:00", "20:00"][..doses]));
        input.acknowledge_above_limit = acknowledged;
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let (refused, planned) = rt.block_on(reminders_for_stored(input, start));
        if refused {
            prop_assert_eq!(planned, 0, "a refused plan was reminded");
        } else {
            prop_assert!(planned > 0, "a plan the rules save was not reminded");
        }
    }
}

/// A spec this build cannot read (a newer version's medicine class, here) governs no day's
/// doses or reminders, and Today says why; the course keeps its dates.
#[tokio::test]
async fn a_spec_that_cannot_be_read_governs_no_day_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let start = date(2026, 11, 2);
    let now = |d, h| now_in_berlin(date(2026, 11, d), h, 0);
    let core = file_core_with_input(&dir, &nerve(start, &["08:00", "20:00"])).await;
    let course = core
        .store()
        .latest_version()
        .await
        .unwrap()
        .unwrap()
        .course_id;
    let (spec, _) = validate(&nerve(start, &["08:00", "20:00"]), start, 240).unwrap();
    let mut newer = serde_json::to_value(&spec).unwrap();
    newer["safety"]["medicines"] = serde_json::json!([
        { "class": "a_class_from_the_future", "name": "x", "time": "12:00", "more_times": [] }
    ]);
    core.store()
        .insert_version(
            Some(course),
            date(2026, 11, 10),
            now(9, 12).utc.with_timezone(&BERLIN).fixed_offset(),
            &newer.to_string(),
        )
        .await
        .unwrap();
    let ninth = core.day(None, &now(9, 14)).await.unwrap();
    assert_eq!(
        ninth.checklist.doses.len(),
        2,
        "the readable version still governs its days"
    );
    let tenth = core.day(None, &now(10, 7)).await.unwrap();
    assert!(tenth.checklist.doses.is_empty());
    let held = tenth.plan_held.expect("Today says why");
    assert_eq!(held.code, "plan_unreadable");
    assert!(core
        .upcoming_reminders(&now(10, 7), 2)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(tenth.course.map(|c| c.start_date), Some(start));
    core.progress(&now(10, 7)).await.unwrap();
    core.food_day(None, &now(10, 7)).await.unwrap();
    core.breathing_options(&now(10, 7)).await.unwrap();
}
