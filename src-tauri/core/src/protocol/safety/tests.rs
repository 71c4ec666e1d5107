//! One test per safety rule, called directly, and the order [`evaluate`] puts them in.

use super::*;
use crate::facts::{AgeBand, MedicineClass, SRC_EMC_LEAFLET};
use crate::protocol::KidneyAnswer;
use crate::testkit::{medicine, safety, supplement_plan};

#[test]
fn kidney_disease_and_infancy_each_stop_the_plan() {
    use KidneyAnswer::*;
    // (age band, kidney disease, kidney stop, infant stop)
    let table = [
        (AgeBand::Years31To50, No, false, false),
        (AgeBand::Years31To50, Yes, true, false),
        (AgeBand::Years31To50, NotSure, true, false),
        (AgeBand::Months0To6, No, false, true),
        (AgeBand::Months7To12, Yes, true, true),
        (AgeBand::Years1To3, No, false, false),
    ];
    for (age, kidney, want_kidney, want_infant) in table {
        let mut s = safety();
        s.age_band = age;
        s.kidney_disease = kidney;
        let k = kidney_disease(&s);
        let i = infant(&s);
        assert_eq!(k.is_some(), want_kidney, "{age:?} {kidney:?}");
        assert_eq!(i.is_some(), want_infant, "{age:?} {kidney:?}");
        for (f, source) in [(k, SRC_KIDNEY), (i, SRC_INFANT)] {
            if let Some(f) = f {
                assert_eq!((f.level, f.source), (Level::Stop, source));
            }
        }
    }
}

#[test]
fn the_recommended_intake_names_the_band_and_pregnancy() {
    let mut s = safety();
    let f = recommended_intake(&s, 320);
    assert_eq!(
        (f.level, f.code, f.source),
        (Level::Info, "rda", SRC_ODS_RDA)
    );
    assert!(f
        .message
        .starts_with("Recommended intake for 31–50 years: 320 mg"));
    s.pregnancy = Pregnancy::Lactating;
    assert!(recommended_intake(&s, 320)
        .message
        .contains("31–50 years, breastfeeding: 320 mg"));
}

#[test]
fn the_european_limit_is_named_only_where_it_is_the_one_in_force() {
    // (age band, conservative, limit, source)
    let table = [
        (AgeBand::Years31To50, false, Some(350), SRC_IOM_UL),
        (AgeBand::Years31To50, true, Some(250), SRC_EFSA_BFR),
        (AgeBand::Years4To8, true, Some(110), SRC_IOM_UL),
        (AgeBand::Years1To3, true, Some(65), SRC_IOM_UL),
        (AgeBand::Months0To6, true, None, SRC_IOM_UL),
    ];
    for (age, conservative, limit, source) in table {
        let mut s = safety();
        s.age_band = age;
        s.conservative_limit = conservative;
        assert_eq!(
            limit_in_force(&s),
            (limit, source),
            "{age:?} {conservative}"
        );
    }
}

#[test]
fn the_share_of_the_limit_warns_from_80_percent_and_above_it() {
    // (total mg, limit mg, code, level)
    let table = [
        (279.0, 350, "within_limit", Level::Info),
        (280.0, 350, "near_limit", Level::Warning),
        (350.0, 350, "near_limit", Level::Warning),
        (350.1, 350, "above_limit", Level::Strong),
    ];
    let s = safety();
    for (total, limit, code, level) in table {
        let f = share_of_limit(&s, limit, SRC_IOM_UL, total, total);
        assert_eq!(
            (f.code, f.level, f.source),
            (code, level, SRC_IOM_UL),
            "{total}"
        );
        assert!(
            f.message.contains("the upper limit for 31–50 years"),
            "{}",
            f.message
        );
    }
    let mut s = safety();
    s.antacid_laxative_mg = 50.0;
    let f = share_of_limit(&s, 250, SRC_EFSA_BFR, 150.0, 200.0);
    assert_eq!(
        f.message,
        "Supplements (150 mg) plus antacids or laxatives (50 mg) come to 200 mg a day: 80% of the conservative European limit (250 mg from supplements and medicines; food and water never count toward it). This is close to the limit: watch for loose stools and consider a lower dose."
    );
}

#[test]
fn splitting_is_suggested_above_half_the_limit() {
    assert!(split_suggested(350, 175.0).is_none());
    let f = split_suggested(350, 175.1).expect("above half");
    assert_eq!((f.level, f.source), (Level::Caution, SRC_SPLITTING));
    assert!(f.message.starts_with("One intake holds 175.1 mg"));
}

#[test]
fn a_single_daily_intake_is_noted() {
    let f = single_intake(&supplement_plan("glycinate", &[("08:00", 100.0)])).expect("one dose");
    assert_eq!((f.level, f.source), (Level::Info, SRC_SPLITTING));
    assert!(single_intake(&supplement_plan(
        "glycinate",
        &[("08:00", 50.0), ("20:00", 50.0)]
    ))
    .is_none());
}

#[test]
fn laxative_forms_are_noted_by_how_often_they_loosen_stools() {
    // (form, level of the note)
    let table = [
        ("oxide", Some(Level::Caution)),
        ("sulfate_epsom", Some(Level::Caution)),
        ("citrate", Some(Level::Info)),
        ("glycinate", None),
        ("unobtainium", None),
    ];
    for (form, level) in table {
        let f = laxative_form(&supplement_plan(form, &[("08:00", 100.0)]));
        assert_eq!(f.as_ref().map(|f| f.level), level, "{form}");
        if let Some(f) = f {
            assert_eq!((f.code, f.source), ("laxative_form", SRC_DIARRHEA));
        }
    }
}

#[test]
fn pregnancy_and_breastfeeding_ask_for_a_clinician() {
    for (p, want) in [
        (Pregnancy::No, None),
        (Pregnancy::Pregnant, Some(Level::Caution)),
        (Pregnancy::Lactating, Some(Level::Caution)),
    ] {
        let mut s = safety();
        s.pregnancy = p;
        assert_eq!(pregnancy(&s).map(|f| f.level), want, "{p:?}");
    }
}

#[test]
fn each_medicine_gets_a_note_from_its_rule_or_the_ods_sheet() {
    let mut s = safety();
    s.medicines = vec![
        medicine(MedicineClass::Iron, "", None),
        medicine(MedicineClass::ProtonPumpInhibitor, "omeprazole", None),
    ];
    let got: Vec<(Level, Source, String)> = medicine_notes(&s)
        .into_iter()
        .map(|f| (f.level, f.source, f.message))
        .collect();
    assert_eq!(
        got,
        [
            (
                Level::Caution,
                SRC_EMC_LEAFLET,
                format!("Iron supplement: {}", MedicineClass::Iron.note())
            ),
            (
                Level::Info,
                SRC_ODS_MEDICINES,
                format!("omeprazole: {}", MedicineClass::ProtonPumpInhibitor.note())
            ),
        ]
    );
}

#[test]
fn a_medicine_taken_inside_a_window_clashes_and_windows_wrap_past_midnight() {
    // Windows of 2 h before and 4 h after a 22:00 dose: 20:00–02:00.
    // (medicine time, clash)
    let table = [
        (Some("21:00"), true),
        (Some("01:59"), true),
        (Some("02:00"), false),
        (Some("19:59"), false),
        (None, false),
    ];
    for (time, clash) in table {
        let mut s = safety();
        s.medicines = vec![medicine(MedicineClass::Tetracycline, "doxycycline", time)];
        let windows = keep_apart_windows(&s, &supplement_plan("glycinate", &[("22:00", 100.0)]));
        let found = medicine_clashes(&s, &windows);
        assert_eq!(found.len(), usize::from(clash), "{time:?}");
        if let Some(f) = found.first() {
            assert_eq!((f.level, f.code), (Level::Warning, "medicine_clash"));
            assert_eq!(
                f.message,
                format!(
                    "You take doxycycline at {}, inside the keep-apart window 20:00–02:00 around dose 1: move the dose or the medicine.",
                    time.unwrap_or_default()
                )
            );
        }
    }
}

#[test]
fn the_findings_run_most_serious_first_and_in_rule_order_within_a_level() {
    let mut s = safety();
    s.pregnancy = Pregnancy::Pregnant;
    s.medicines = vec![
        medicine(MedicineClass::Tetracycline, "doxycycline", Some("09:00")),
        medicine(MedicineClass::ProtonPumpInhibitor, "omeprazole", None),
    ];
    let r = evaluate(&s, Some(&supplement_plan("oxide", &[("08:00", 200.0)])));
    let codes: Vec<&str> = r.findings.iter().map(|f| f.code).collect();
    assert_eq!(
        codes,
        [
            "medicine_clash",
            "split_suggested",
            "laxative_form",
            "pregnancy",
            "medicine",
            "rda",
            "within_limit",
            "single_intake",
            "medicine",
            "consult",
        ]
    );
    assert_eq!(r.worst(), Some(Level::Warning));
}

#[test]
fn a_stopped_plan_counts_for_nothing_but_declared_antacids_still_do() {
    let mut s = safety();
    s.kidney_disease = KidneyAnswer::Yes;
    s.antacid_laxative_mg = 40.04;
    s.medicines = vec![medicine(MedicineClass::Iron, "iron", Some("08:00"))];
    let r = evaluate(&s, Some(&supplement_plan("oxide", &[("08:00", 300.0)])));
    assert!(!r.supplement_allowed);
    assert_eq!((r.supplemental_total_mg, r.largest_dose_mg), (40.0, 0.0));
    assert!(r.keep_apart.is_empty());
    let codes: Vec<&str> = r.findings.iter().map(|f| f.code).collect();
    // Issue 12: the antacids now also get their own stop (they used to pass silently), and the
    // potassium item is not offered with kidney disease.
    assert_eq!(
        codes,
        [
            "kidney_disease",
            "kidney_antacid",
            "potassium",
            "medicine",
            "rda",
            "consult"
        ]
    );
}

/// Issue 12, reference §3 ("Who must not just start"; IOM p.243, ODS): kidney disease with
/// magnesium antacids or laxatives is a stop-level finding; without them, or without kidney
/// disease, there is none. "Not sure" is treated like yes until answered, in every rule, and its
/// findings say so.
#[test]
fn kidney_yes_no_and_not_sure_with_and_without_antacids() {
    use KidneyAnswer::*;
    // (kidney answer, antacids mg/day, kidney stop, antacid stop)
    let table: [(KidneyAnswer, f64, bool, bool); 9] = [
        (Yes, 1000.0, true, true),
        (Yes, 50.0, true, true),
        (Yes, 0.0, true, false),
        (NotSure, 1000.0, true, true),
        (NotSure, 50.0, true, true),
        (NotSure, 0.0, true, false),
        (No, 1000.0, false, false),
        (No, 50.0, false, false),
        (No, 0.0, false, false),
    ];
    for (kidney, antacid, kidney_stop, antacid_stop) in table {
        let mut s = safety();
        s.kidney_disease = kidney;
        s.antacid_laxative_mg = antacid;
        let r = evaluate(&s, Some(&supplement_plan("glycinate", &[("08:00", 100.0)])));
        let case = format!("{kidney:?} {antacid}");
        assert_eq!(r.supplement_allowed, !kidney_stop, "{case}");
        for (code, want) in [
            ("kidney_disease", kidney_stop),
            ("kidney_antacid", antacid_stop),
        ] {
            let f = r.findings.iter().find(|f| f.code == code);
            assert_eq!(f.is_some(), want, "{case}: {code}");
            let Some(f) = f else { continue };
            assert_eq!((f.level, f.source), (Level::Stop, SRC_KIDNEY), "{case}");
            assert_eq!(
                f.message
                    .starts_with("Not sure counts as yes until you know: ask your clinician"),
                kidney == NotSure,
                "{case}: {}",
                f.message
            );
            if code == "kidney_antacid" {
                assert!(
                    f.message.contains(&format!("{} mg", fmt_mg(antacid))),
                    "{case}"
                );
            }
        }
        // With a stop, neither the supplement nor its limit is weighed; the antacids still are.
        if kidney_stop {
            assert_eq!(r.supplemental_total_mg, antacid, "{case}");
            assert!(!r.findings.iter().any(|f| f.code == "within_limit"));
        } else {
            assert_eq!(r.supplemental_total_mg, 100.0 + antacid, "{case}");
        }
    }
}

/// Issue 12 (reference §4c, ODS "older adults"): a caution from 51, a warning from 71, in both
/// directions; none below 51.
#[test]
fn older_adults_get_a_caution_that_grows_at_71() {
    let cases = [
        (AgeBand::Years31To50, None),
        (AgeBand::Years51Plus, Some(Level::Caution)),
        (AgeBand::Years71Plus, Some(Level::Warning)),
    ];
    for (band, want) in cases {
        let mut s = safety();
        s.age_band = band;
        let f = older_adult(&s);
        assert_eq!(f.as_ref().map(|f| f.level), want, "{band:?}");
        if let Some(f) = f {
            assert_eq!(f.source.id, SRC_OLDER_ADULTS.id);
            assert!(f.message.contains("both too little and too much"));
        }
    }
}

/// Issue 12 (reference §4a, ODS Potassium): no potassium item with kidney disease or a
/// potassium-sparing diuretic.
#[test]
fn potassium_is_not_offered_with_kidney_disease_or_a_potassium_sparing_diuretic() {
    let cases = [
        (KidneyAnswer::No, None, false),
        (KidneyAnswer::Yes, None, true),
        (KidneyAnswer::NotSure, None, true),
        (
            KidneyAnswer::No,
            Some(MedicineClass::PotassiumSparingDiuretic),
            true,
        ),
        (
            KidneyAnswer::No,
            Some(MedicineClass::LoopOrThiazideDiuretic),
            false,
        ),
    ];
    for (kidney, med, not_advised) in cases {
        let mut s = safety();
        s.kidney_disease = kidney;
        s.medicines = med.into_iter().map(|c| medicine(c, "", None)).collect();
        assert_eq!(potassium_not_advised(&s), not_advised, "{kidney:?} {med:?}");
        let f = potassium(&s);
        assert_eq!(f.is_some(), not_advised);
        if let Some(f) = f {
            assert_eq!(f.source.id, SRC_POTASSIUM.id);
        }
    }
}

/// Issue 12: the toxicity list is reference §7's in full.
#[test]
fn the_urgent_signs_are_the_full_toxicity_list() {
    let all = crate::facts::URGENT_SYMPTOMS.join(" | ");
    for sign in [
        "low blood pressure",
        "nausea",
        "vomiting",
        "flushing",
        "not passing urine",
        "no bowel movement",
        "depression",
        "lethargy",
        "muscle weakness",
        "trouble breathing",
        "irregular heartbeat",
        "confusion",
    ] {
        assert!(all.contains(sign), "{sign}");
    }
}
