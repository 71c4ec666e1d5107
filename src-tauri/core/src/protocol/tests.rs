//! The protocol as a whole, through [`validate`]: what is accepted, what is refused with which
//! code (a safety question left unanswered among them), the safety findings a plan is saved
//! with, and stored specs of older versions (the kidney answer as a bool) loading.

use chrono::NaiveDate;

use super::*;
use crate::error::CoreError;
use crate::facts::{AgeBand, MedicineClass, Pregnancy, Sex};
use crate::testkit::{date, finding_codes, medicine, nerve, protocol_input};

fn today() -> NaiveDate {
    date(2026, 11, 21)
}

/// One unit of `mg` of `form`, counted as `kind`, at each of `times`, named "Test product".
fn supplement(form: &str, kind: AmountKind, mg: f64, times: &[&str]) -> SupplementInput {
    SupplementInput {
        product: "Test product".into(),
        amount_kind: kind,
        ..crate::testkit::supplement(form, mg, 1.0, times)
    }
}

/// The testkit's nerve protocol from [`today`] with `sup` and tingling tracked.
fn input(sup: Option<SupplementInput>) -> ProtocolInput {
    ProtocolInput {
        supplement: sup,
        symptoms: vec![Symptom::Tingling],
        ..nerve(today(), &[])
    }
}

fn std_input() -> ProtocolInput {
    input(Some(supplement(
        "glycinate",
        AmountKind::Elemental,
        100.0,
        &["08:00", "20:00"],
    )))
}

fn finding<'a>(r: &'a SafetyReport, code: &str) -> &'a Finding {
    r.findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no finding {code} in {:?}", finding_codes(r)))
}

#[test]
fn a_standard_plan_is_accepted_and_within_the_limit() {
    let (spec, report) = validate(&std_input(), today(), 240).unwrap();
    let plan = spec.supplement.as_ref().unwrap();
    assert_eq!(plan.daily_mg, 200.0);
    assert_eq!(plan.doses.len(), 2);
    assert_eq!(plan.doses[0].time, "08:00");
    assert_eq!(plan.doses[1].slot, 2);
    assert_eq!(report.limit_mg, Some(350));
    assert_eq!(report.rda_mg, 320);
    assert_eq!(finding(&report, "within_limit").level, Level::Info);
    assert!(finding(&report, "within_limit").message.contains("57%"));
    assert_eq!(spec.end_date(), date(2027, 1, 15));
    assert!(
        spec.symptoms.contains(&Symptom::Stomach),
        "stomach tolerance always tracked"
    );
    assert!(spec
        .items
        .iter()
        .any(|i| i.key == "water" && i.kind == ItemKind::Count { target: 8 }));
}

#[test]
fn compound_weight_is_converted_with_the_form_percentage_and_the_assumption_shown() {
    // (form, compound mg per unit, expected elemental mg per unit)
    let table: &[(&str, f64, f64)] = &[
        ("oxide", 400.0, 241.2),
        ("citrate", 1000.0, 162.0),
        ("glycinate", 1000.0, 141.0),
        ("malate", 1000.0, 155.0),
        ("threonate", 1000.0, 83.0),
        ("gluconate", 500.0, 29.5),
        ("chloride_hexahydrate", 1000.0, 120.0),
        ("sulfate_epsom", 1000.0, 99.0),
    ];
    for &(form, mg, want) in table {
        let mut i = input(Some(supplement(form, AmountKind::Compound, mg, &["08:00"])));
        i.acknowledge_above_limit = true;
        let (spec, _) = validate(&i, today(), 240).unwrap();
        let plan = spec.supplement.unwrap();
        assert!(
            (plan.elemental_mg_per_unit - want).abs() < 0.05,
            "{form}: {}",
            plan.elemental_mg_per_unit
        );
        let a = plan.assumption.expect("assumption shown");
        assert!(a.contains('%') && a.contains("elemental"), "{a}");
    }
    let (spec, _) = validate(&std_input(), today(), 240).unwrap();
    assert!(spec.supplement.unwrap().assumption.is_none());
}

#[test]
fn thresholds_80_percent_and_above_the_limit() {
    // (age band, daily mg, conservative, expected code, expected level)
    #[rustfmt::skip]
    let table: &[(AgeBand, f64, bool, &str, Level)] = &[
        (AgeBand::Years31To50, 279.0, false, "within_limit", Level::Info),
        (AgeBand::Years31To50, 280.0, false, "near_limit",   Level::Warning),
        (AgeBand::Years31To50, 350.0, false, "near_limit",   Level::Warning),
        (AgeBand::Years31To50, 351.0, false, "above_limit",  Level::Strong),
        (AgeBand::Years31To50, 200.0, true,  "near_limit",   Level::Warning),
        (AgeBand::Years31To50, 260.0, true,  "above_limit",  Level::Strong),
        (AgeBand::Years31To50, 199.0, true,  "within_limit", Level::Info),
        (AgeBand::Years4To8,   88.0,  false, "near_limit",   Level::Warning),
        (AgeBand::Years1To3,   52.0,  false, "near_limit",   Level::Warning),
        // Above a young child's limit the plan is refused: `children_tests`.
        (AgeBand::Years9To13,  300.0, false, "near_limit",   Level::Warning),
    ];
    for &(age, mg, conservative, code, level) in table {
        let mut i = input(Some(supplement(
            "glycinate",
            AmountKind::Elemental,
            mg,
            &["08:00"],
        )));
        i.safety.age_band = Some(age);
        i.safety.conservative_limit = conservative;
        i.acknowledge_above_limit = true;
        let (_, r) = validate(&i, today(), 240).unwrap();
        assert_eq!(
            finding(&r, code).level,
            level,
            "{age:?} {mg} {conservative}"
        );
        if conservative && age == AgeBand::Years31To50 {
            assert_eq!(r.limit_mg, Some(250));
            assert_eq!(r.limit_source.id, "efsa_bfr");
        }
    }
}

#[test]
fn antacids_count_toward_the_limit_and_food_never_does() {
    let mut i = std_input(); // 200 mg
    i.safety.antacid_laxative_mg = 100.0; // 300 mg: 86%
    let (_, r) = validate(&i, today(), 240).unwrap();
    assert_eq!(r.supplemental_total_mg, 300.0);
    assert_eq!(finding(&r, "near_limit").level, Level::Warning);
    assert!(finding(&r, "near_limit").message.contains("antacids"));
    // The limit message says food never counts.
    assert!(finding(&r, "near_limit")
        .message
        .contains("food and water never count"));
}

#[test]
fn above_the_limit_needs_acknowledgement() {
    let i = input(Some(supplement(
        "glycinate",
        AmountKind::Elemental,
        200.0,
        &["08:00", "20:00"],
    )));
    let e = validate(&i, today(), 240).unwrap_err();
    assert_eq!(e.code(), "above_limit_unacknowledged");
    let mut i = i;
    i.acknowledge_above_limit = true;
    let (_, r) = validate(&i, today(), 240).unwrap();
    assert_eq!(r.worst(), Some(Level::Strong));
}

#[test]
fn kidney_disease_and_infants_stop_the_supplement_plan_but_not_the_app() {
    use KidneyAnswer::*;
    for (age, kidney, code) in [
        (AgeBand::Years31To50, Yes, "kidney_disease"),
        (AgeBand::Years31To50, NotSure, "kidney_disease"),
        (AgeBand::Months0To6, No, "infant"),
        (AgeBand::Months7To12, No, "infant"),
    ] {
        let mut i = std_input();
        i.safety.age_band = Some(age);
        i.safety.kidney_disease = Some(kidney);
        let kidney = kidney.counts_as_yes();
        let e = validate(&i, today(), 240).unwrap_err();
        assert_eq!(e.code(), "clinician_first", "{age:?}");
        assert!(e.to_string().contains("clinician"));
        // Without a supplement the rest of the protocol saves.
        i.supplement = None;
        let (spec, r) = validate(&i, today(), 240).unwrap();
        assert!(spec.supplement.is_none());
        assert!(!r.supplement_allowed);
        assert_eq!(finding(&r, code).level, Level::Stop);
        assert_eq!(
            finding(&r, code).source.id,
            if kidney { "kidney" } else { "infant" }
        );
        assert!(spec.items.iter().any(|i| i.key == "food"));
        assert!(spec.doses_on(spec.start_date).is_empty());
    }
}

#[test]
fn laxative_forms_carry_their_note() {
    for (form, level) in [
        ("oxide", Some(Level::Caution)),
        ("carbonate", Some(Level::Caution)),
        ("chloride", Some(Level::Caution)),
        ("gluconate", Some(Level::Caution)),
        ("citrate", Some(Level::Info)),
        ("glycinate", None),
        ("malate", None),
    ] {
        let i = input(Some(supplement(
            form,
            AmountKind::Elemental,
            50.0,
            &["08:00", "20:00"],
        )));
        let (_, r) = validate(&i, today(), 240).unwrap();
        let got = r
            .findings
            .iter()
            .find(|f| f.code == "laxative_form")
            .map(|f| f.level);
        assert_eq!(got, level, "{form}");
        if level.is_some() {
            assert_eq!(finding(&r, "laxative_form").source.id, "diarrhea");
        }
    }
}

#[test]
fn one_intake_over_half_the_limit_suggests_splitting() {
    let i = input(Some(supplement(
        "glycinate",
        AmountKind::Elemental,
        180.0,
        &["08:00"],
    )));
    let (_, r) = validate(&i, today(), 240).unwrap();
    assert_eq!(finding(&r, "split_suggested").level, Level::Caution);
    assert_eq!(finding(&r, "split_suggested").source.id, "splitting");
    let i = input(Some(supplement(
        "glycinate",
        AmountKind::Elemental,
        170.0,
        &["08:00"],
    )));
    let (_, r) = validate(&i, today(), 240).unwrap();
    assert!(!finding_codes(&r).contains(&"split_suggested"));
    assert!(finding_codes(&r).contains(&"single_intake"));
}

#[test]
fn medicine_windows_surround_each_dose() {
    let mut i = std_input();
    i.safety.medicines = vec![
        medicine(MedicineClass::Tetracycline, "doxycycline", Some("09:00")),
        medicine(MedicineClass::Bisphosphonate, "", None),
        medicine(MedicineClass::ProtonPumpInhibitor, "omeprazole", None),
    ];
    let (_, r) = validate(&i, today(), 240).unwrap();
    let w: Vec<(String, String, String, u32)> = r
        .keep_apart
        .iter()
        .map(|w| {
            (
                w.medicine.clone(),
                w.from.clone(),
                w.until.clone(),
                w.dose_slot,
            )
        })
        .collect();
    assert_eq!(
        w,
        vec![
            ("doxycycline".into(), "06:00".into(), "12:00".into(), 1),
            ("doxycycline".into(), "18:00".into(), "00:00".into(), 2),
            (
                MedicineClass::Bisphosphonate.label().into(),
                "06:00".into(),
                "10:00".into(),
                1
            ),
            (
                MedicineClass::Bisphosphonate.label().into(),
                "18:00".into(),
                "22:00".into(),
                2
            ),
        ]
    );
    // The doxycycline at 09:00 falls inside the first window.
    assert_eq!(finding(&r, "medicine_clash").level, Level::Warning);
    assert!(r
        .findings
        .iter()
        .any(|f| f.code == "medicine" && f.message.starts_with("omeprazole")));
    // Issue 12: the EU 250 mg limit no longer widens the windows; the wider windows are their
    // own setting.
    i.safety.conservative_limit = true;
    let (_, r) = validate(&i, today(), 240).unwrap();
    assert_eq!(r.keep_apart[0].until, "12:00");
    i.safety.wider_windows = true;
    let (_, r) = validate(&i, today(), 240).unwrap();
    assert_eq!(r.keep_apart[0].until, "14:00");
}

#[test]
fn doses_are_ordered_through_the_users_day() {
    let i = input(Some(supplement(
        "glycinate",
        AmountKind::Elemental,
        50.0,
        &["01:00", "13:00", "07:00"],
    )));
    let (spec, _) = validate(&i, today(), 240).unwrap();
    let times: Vec<&str> = spec
        .supplement
        .as_ref()
        .unwrap()
        .doses
        .iter()
        .map(|d| d.time.as_str())
        .collect();
    assert_eq!(times, ["07:00", "13:00", "01:00"]);
}

#[test]
fn bad_input_is_refused_with_its_code() {
    type Edit = fn(&mut ProtocolInput);
    let table: &[(&str, Edit)] = &[
        ("invalid_amount", |i| {
            i.supplement.as_mut().unwrap().mg_per_unit = 0.0
        }),
        ("invalid_amount", |i| {
            i.supplement.as_mut().unwrap().mg_per_unit = -100.0
        }),
        ("invalid_amount", |i| {
            i.supplement.as_mut().unwrap().mg_per_unit = f64::NAN
        }),
        ("invalid_amount", |i| {
            i.supplement.as_mut().unwrap().mg_per_unit = f64::INFINITY
        }),
        ("invalid_amount", |i| {
            i.supplement.as_mut().unwrap().mg_per_unit = 5001.0
        }),
        ("invalid_units", |i| {
            i.supplement.as_mut().unwrap().doses[0].units = 0.0
        }),
        ("invalid_units", |i| {
            i.supplement.as_mut().unwrap().doses[0].units = -1.0
        }),
        ("invalid_units", |i| {
            i.supplement.as_mut().unwrap().doses[0].units = f64::NAN
        }),
        ("invalid_units", |i| {
            i.supplement.as_mut().unwrap().doses[0].units = 21.0
        }),
        ("invalid_dose", |i| {
            let s = i.supplement.as_mut().unwrap();
            s.mg_per_unit = 1000.0;
            s.doses[0].units = 3.0;
            s.doses[1].units = 3.0;
        }),
        ("invalid_dose_count", |i| {
            i.supplement.as_mut().unwrap().doses.clear()
        }),
        ("invalid_dose_count", |i| {
            let s = i.supplement.as_mut().unwrap();
            for t in ["10:00", "12:00", "14:00"] {
                s.doses.push(DoseInput {
                    time: t.into(),
                    units: 1.0,
                });
            }
        }),
        ("invalid_time", |i| {
            i.supplement.as_mut().unwrap().doses[0].time = "25:00".into()
        }),
        ("invalid_time", |i| {
            i.supplement.as_mut().unwrap().doses[0].time = "eight".into()
        }),
        ("invalid_time", |i| {
            i.supplement.as_mut().unwrap().doses[0].time = String::new()
        }),
        ("duplicate_time", |i| {
            i.supplement.as_mut().unwrap().doses[1].time = "08:00".into()
        }),
        ("duplicate_time", |i| {
            i.supplement.as_mut().unwrap().doses[1].time = "8:00".into()
        }),
        ("unknown_form", |i| {
            i.supplement.as_mut().unwrap().form = "unobtainium".into()
        }),
        ("unknown_form", |i| {
            i.supplement.as_mut().unwrap().form = String::new()
        }),
        ("invalid_window", |i| {
            i.supplement.as_mut().unwrap().window_minutes = 0
        }),
        ("date_out_of_range", |i| i.start_date = "2029-01-01".into()),
        ("date_out_of_range", |i| i.start_date = "2020-01-01".into()),
        ("invalid_date", |i| i.start_date = "2026-02-30".into()),
        ("invalid_date", |i| i.start_date = "tomorrow".into()),
        ("invalid_length", |i| i.length_days = 0),
        ("invalid_length", |i| i.length_days = 1000),
        ("invalid_water", |i| i.water_glasses = 50),
        ("invalid_pregnancy", |i| {
            i.safety.sex = Some(Sex::Male);
            i.safety.pregnancy = Some(Pregnancy::Pregnant);
        }),
        ("invalid_pregnancy", |i| {
            i.safety.age_band = Some(AgeBand::Years51Plus);
            i.safety.pregnancy = Some(Pregnancy::Lactating);
        }),
        ("invalid_antacid", |i| i.safety.antacid_laxative_mg = -5.0),
        ("invalid_antacid", |i| {
            i.safety.antacid_laxative_mg = f64::NAN
        }),
        ("invalid_time", |i| {
            i.safety
                .medicines
                .push(medicine(MedicineClass::Iron, "iron", Some("7pm")))
        }),
        ("unknown_item", |i| i.optional_items.push("unicorn".into())),
        ("unknown_item", |i| i.items_off.push("unicorn".into())),
        ("invalid_item", |i| i.custom_items.push("   ".into())),
        ("duplicate_item", |i| i.custom_items.push("water".into())),
        ("invalid_name", |i| i.name = "x".repeat(61)),
    ];
    for (code, edit) in table {
        let mut i = std_input();
        edit(&mut i);
        let e = validate(&i, today(), 240).unwrap_err();
        assert_eq!(e.code(), *code, "{e}");
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn optional_and_custom_items_join_the_checklist() {
    let mut i = std_input();
    i.optional_items = vec!["b6".into(), "omega3".into()];
    i.custom_items = vec!["Stretch before bed".into()];
    i.items_off = vec!["sleep".into()];
    let (spec, _) = validate(&i, today(), 240).unwrap();
    let keys: Vec<&str> = spec.items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "food",
            "water",
            "movement",
            "breathing",
            "b6",
            "omega3",
            "custom:1"
        ]
    );
    // The circulation template offers the same optional items (issue 12), and only those.
    let mut i = std_input();
    i.template = Template::Circulation;
    i.optional_items = vec!["b6".into(), "topical".into()];
    let (spec, _) = validate(&i, today(), 240).unwrap();
    assert!(spec.items.iter().any(|i| i.key == "topical"));
    i.optional_items = vec!["unicorn".into()];
    assert_eq!(
        validate(&i, today(), 240).unwrap_err().code(),
        "unknown_item"
    );
}

/// Issue 12: above twice the limit a plan is refused even when acknowledged, and the potassium
/// item is refused with kidney disease or a potassium-sparing diuretic; neither saves anything.
#[test]
fn twice_the_limit_and_potassium_with_kidney_disease_are_refused() {
    let start = date(2026, 3, 2);
    let mut i = protocol_input(
        Template::Nerve,
        "glycinate",
        400.0,
        &["08:00", "20:00"],
        start,
    );
    i.acknowledge_above_limit = true;
    // 800 mg: above 2 × 350.
    assert_eq!(
        validate(&i, start, 240).unwrap_err().code(),
        "above_twice_limit"
    );
    // 700 mg: exactly twice, acknowledged: kept.
    i.supplement.as_mut().unwrap().mg_per_unit = 350.0;
    assert!(validate(&i, start, 240).is_ok());
    let mut k = protocol_input(Template::Nerve, "glycinate", 100.0, &["08:00"], start);
    k.optional_items = vec!["potassium".into()];
    assert!(validate(&k, start, 240).is_ok());
    k.safety.medicines = vec![medicine(MedicineClass::PotassiumSparingDiuretic, "", None)];
    assert_eq!(
        validate(&k, start, 240).unwrap_err().code(),
        "potassium_not_advised"
    );
}

/// Issue 12 (reference §4): a medicine taken several times a day gets a window check and a
/// reminder at each intake; a named medicine's label window wins over its class's; another
/// prescription medicine takes the user's window; bad intakes are refused.
#[test]
fn each_intake_of_a_named_medicine_gets_its_labels_window() {
    let mut i = std_input();
    i.safety.medicines = vec![MedicineInput {
        more_times: vec!["13:00".into()],
        ..medicine(MedicineClass::Quinolone, "Ciprofloxacin 500", Some("06:30"))
    }];
    let (spec, r) = validate(&i, today(), 240).unwrap();
    // Ciprofloxacin's label: 2 h before or 6 h after each dose (08:00 and 20:00).
    let w: Vec<(&str, &str)> = r
        .keep_apart
        .iter()
        .map(|w| (w.from.as_str(), w.until.as_str()))
        .collect();
    assert_eq!(w, [("06:00", "14:00"), ("18:00", "02:00")]);
    assert_eq!(r.keep_apart[0].source.id, "label_cipro");
    // Both intakes fall in the first window: the first one found is named.
    let clash = finding(&r, "medicine_clash");
    assert!(clash.message.contains("06:30"), "{}", clash.message);
    let note = r.findings.iter().find(|f| f.code == "medicine").unwrap();
    assert!(note
        .message
        .contains("Its label: Take it at least 2 h before or 6 h after magnesium."));
    assert_eq!(spec.safety.medicines[0].more_times, ["13:00"]);
    // Another medicine with the user's own window.
    i.safety.medicines = vec![MedicineInput {
        window_min: Some(90),
        ..medicine(MedicineClass::Other, "my tablet", Some("12:00"))
    }];
    let (_, r) = validate(&i, today(), 240).unwrap();
    assert_eq!(
        (
            r.keep_apart[0].from.as_str(),
            r.keep_apart[0].until.as_str()
        ),
        ("06:30", "09:30")
    );
    // Refused, with nothing saved: a bad time, too many intakes, a window out of range.
    let mut bad = i.clone();
    bad.safety.medicines[0].more_times = vec!["25:00".into()];
    assert_eq!(
        validate(&bad, today(), 240).unwrap_err().code(),
        "invalid_time"
    );
    bad.safety.medicines[0].more_times = vec!["09:00".into(); 5];
    assert_eq!(
        validate(&bad, today(), 240).unwrap_err().code(),
        "too_many_intakes"
    );
    bad.safety.medicines[0].more_times = vec![];
    bad.safety.medicines[0].window_min = Some(10);
    assert_eq!(
        validate(&bad, today(), 240).unwrap_err().code(),
        "invalid_window"
    );
}

/// Issue 12 (reference §2): a new plan starts within the band's own limit: children start lower,
/// with no warning; no plan under 1 year.
#[test]
fn a_childs_plan_starts_within_its_own_limit() {
    use crate::facts::{supplement_limit_mg, AgeBand::*, WARN_FRACTION};
    let cases = [
        (Months7To12, None),
        (Years1To3, Some(50.0)),
        (Years4To8, Some(85.0)),
        (Years9To13, Some(200.0)),
        (Years31To50, Some(200.0)),
        (Years71Plus, Some(200.0)),
    ];
    for (band, want) in cases {
        let got = start_daily_mg(band);
        assert_eq!(got, want, "{band:?}");
        if let (Some(mg), Some(limit)) = (got, supplement_limit_mg(band, false)) {
            assert!(
                mg < WARN_FRACTION * f64::from(limit) + 1e-9,
                "{band:?} starts below the warning"
            );
        }
    }
}

/// Reference §3: "Safety answers are never pre-filled: age band, sex, pregnancy and kidney
/// disease must each be chosen before any plan is shown." Each left unanswered is refused with
/// `safety_unanswered` naming its field; pregnancy is asked only of women in a band where it
/// applies, and elsewhere unanswered means no.
#[test]
fn every_safety_question_must_be_answered() {
    type Edit = fn(&mut SafetyInput);
    // (what is left unanswered, refused field or None when accepted)
    let table: &[(Edit, Option<&str>)] = &[
        (|_| {}, None),
        (|s| s.age_band = None, Some("safety.age_band")),
        (|s| s.sex = None, Some("safety.sex")),
        (|s| s.pregnancy = None, Some("safety.pregnancy")),
        (|s| s.kidney_disease = None, Some("safety.kidney_disease")),
        (
            |s| {
                s.sex = Some(Sex::Male);
                s.pregnancy = None;
            },
            None,
        ),
        (
            |s| {
                s.age_band = Some(AgeBand::Years51Plus);
                s.pregnancy = None;
            },
            None,
        ),
        // All unanswered: the first in the form's order is named.
        (
            |s| {
                s.age_band = None;
                s.sex = None;
                s.pregnancy = None;
                s.kidney_disease = None;
            },
            Some("safety.age_band"),
        ),
        (
            |s| {
                s.pregnancy = None;
                s.kidney_disease = None;
            },
            Some("safety.pregnancy"),
        ),
    ];
    for (n, (edit, refused)) in table.iter().enumerate() {
        let mut i = std_input();
        edit(&mut i.safety);
        match (validate(&i, today(), 240), refused) {
            (Ok((spec, _)), None) => assert_eq!(spec.safety.pregnancy, Pregnancy::No, "row {n}"),
            (
                Err(CoreError::Invalid {
                    code,
                    field,
                    message,
                }),
                Some(want),
            ) => {
                assert_eq!(
                    (code, field.as_str()),
                    ("safety_unanswered", *want),
                    "row {n}"
                );
                assert!(!message.is_empty());
            }
            (got, want) => panic!("row {n}: {got:?}, wanted {want:?}"),
        }
    }
}

/// Reference §3 ("Not sure" is treated like yes until answered): a protocol with "not sure"
/// saves without a supplement, is refused one, and is stored as "not_sure".
#[test]
fn not_sure_about_the_kidneys_is_stored_and_stops_like_yes() {
    let mut i = std_input();
    i.safety.kidney_disease = Some(KidneyAnswer::NotSure);
    assert_eq!(
        validate(&i, today(), 240).unwrap_err().code(),
        "clinician_first"
    );
    i.supplement = None;
    let (spec, r) = validate(&i, today(), 240).unwrap();
    assert_eq!(spec.safety.kidney_disease, KidneyAnswer::NotSure);
    assert!(!r.supplement_allowed);
    let json = serde_json::to_value(&spec).unwrap();
    assert_eq!(json["safety"]["kidney_disease"], "not_sure");
}

/// Protocols saved before "not sure" existed hold `"kidney_disease": true/false` in their
/// stored JSON: they still load (true → yes, false → no), and saving again writes the answer
/// as a word. Any other value is refused. (Reference §3: a yes keeps its stop.)
#[test]
fn stored_specs_with_the_old_kidney_bool_still_load() {
    let (spec, _) = validate(&std_input(), today(), 240).unwrap();
    // (stored value, read as, written back as)
    let table: &[(serde_json::Value, Option<KidneyAnswer>, &str)] = &[
        (serde_json::json!(true), Some(KidneyAnswer::Yes), "yes"),
        (serde_json::json!(false), Some(KidneyAnswer::No), "no"),
        (serde_json::json!("yes"), Some(KidneyAnswer::Yes), "yes"),
        (serde_json::json!("no"), Some(KidneyAnswer::No), "no"),
        (
            serde_json::json!("not_sure"),
            Some(KidneyAnswer::NotSure),
            "not_sure",
        ),
        (serde_json::json!("maybe"), None, ""),
        (serde_json::json!(1), None, ""),
        (serde_json::Value::Null, None, ""),
    ];
    for (stored, read, written) in table {
        let mut old = serde_json::to_value(&spec).unwrap();
        old["safety"]["kidney_disease"] = stored.clone();
        let text = old.to_string();
        let loaded = serde_json::from_str::<ProtocolSpec>(&text);
        match (loaded, read) {
            (Ok(got), Some(want)) => {
                assert_eq!(got.safety.kidney_disease, *want, "{stored}");
                let again = serde_json::to_value(&got).unwrap();
                assert_eq!(again["safety"]["kidney_disease"], *written, "{stored}");
                let r = evaluate(&got.safety, got.supplement.as_ref());
                assert_eq!(r.supplement_allowed, *want == KidneyAnswer::No, "{stored}");
            }
            (Err(_), None) => {}
            (got, want) => panic!("{stored}: {got:?}, wanted {want:?}"),
        }
    }
    // A whole version as an older Magday stored it: kidney disease ticked.
    let old = r#"{"template":"custom","name":"Custom","safety":{"age_band":"y51_plus","sex":"male","pregnancy":"no","kidney_disease":true,"medicines":[],"antacid_laxative_mg":0.0,"conservative_limit":false},"supplement":null,"start_date":"2026-11-21","length_days":56,"items":[{"key":"food","label":"Magnesium-rich food","kind":{"type":"check"}}],"symptoms":["stomach"],"rda_mg":420}"#;
    let got: ProtocolSpec = serde_json::from_str(old).unwrap();
    assert_eq!(got.safety.kidney_disease, KidneyAnswer::Yes);
    assert_eq!(got.safety.age_band, AgeBand::Years51Plus);
}

/// The kidney answer as a command receives it: the words, or an old client's bool; anything
/// else is refused with the field named in the user's words.
#[test]
fn the_kidney_answer_in_an_input_is_a_word() {
    let mut v = serde_json::to_value(std_input()).unwrap();
    for (given, want) in [
        (serde_json::json!("not_sure"), Some(KidneyAnswer::NotSure)),
        (serde_json::json!(null), None),
        (serde_json::json!(true), Some(KidneyAnswer::Yes)),
    ] {
        v["safety"]["kidney_disease"] = given;
        let i: ProtocolInput = crate::input::parse(v.clone()).unwrap();
        assert_eq!(i.safety.kidney_disease, want);
    }
    v["safety"]["kidney_disease"] = serde_json::json!("perhaps");
    let e = crate::input::parse::<ProtocolInput>(v).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert_eq!(
        e.to_string(),
        "\"perhaps\" is not one of the choices for kidney disease."
    );
}
