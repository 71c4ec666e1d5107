//! The practice rules, table by table, each row naming its source: the optional items' notes
//! (reference §4a, §4b), the vitamin B6 limits (EFSA 2023, IOM 1998), the depletion factors
//! (the nerve guide, ODS "Groups at risk"), topical magnesium counting for nothing, and stored
//! protocols from before any of these still loading.

use chrono::NaiveDate;

use super::*;
use crate::error::CoreError;
use crate::facts::{
    MedicineClass, Source, SRC_ALA, SRC_B6_EFSA, SRC_B6_IOM, SRC_DEPLETION_GUIDE, SRC_GUIDES,
    SRC_ODS_AT_RISK, SRC_OMEGA3, SRC_POTASSIUM, SRC_TOPICAL,
};
use crate::protocol::{template, templates, validate, ProtocolInput, ProtocolSpec, Template};
use crate::testkit::{date, finding_codes, medicine, protocol_input};

fn start() -> NaiveDate {
    date(2026, 3, 2)
}

fn input(t: Template) -> ProtocolInput {
    protocol_input(t, "glycinate", 100.0, &["08:00", "20:00"], start())
}

/// Reference §4a and §4b: each optional item's note, its source, and words it must carry.
#[test]
fn each_optional_item_carries_its_note_and_source_in_every_template() {
    let table: &[(&str, Source, &[&str])] = &[
        (
            "b6",
            SRC_B6_EFSA,
            &[
                "peripheral neuropathy",
                "12 mg a day",
                "EFSA 2023",
                "100 mg",
                "IOM 1998",
            ],
        ),
        (
            "b_complex",
            SRC_B6_EFSA,
            &["25–100 mg of vitamin B6", "count its B6"],
        ),
        (
            "ala",
            SRC_ALA,
            &["lower blood glucose", "diabetes", "clinician"],
        ),
        ("omega3", SRC_OMEGA3, &["anticoagulants", "antiplatelet"]),
        (
            "potassium",
            SRC_POTASSIUM,
            &[
                "from food",
                "not from supplements unless a clinician prescribes",
            ],
        ),
        (
            "topical",
            SRC_TOPICAL,
            &[
                "absorbed through the skin",
                "never counts toward the supplement limit or the day's magnesium",
            ],
        ),
    ];
    for t in [Template::Circulation, Template::Nerve, Template::Custom] {
        let info = template(t);
        assert_eq!(info.optional_items.len(), table.len(), "{t:?}");
        for (key, source, words) in table {
            let item = info
                .optional_items
                .iter()
                .find(|i| i.key == *key)
                .unwrap_or_else(|| panic!("{t:?} offers {key}"));
            let note = item
                .note
                .as_ref()
                .unwrap_or_else(|| panic!("{key} has a note"));
            assert_eq!(note.citation, source.citation, "{key} cites {}", source.id);
            for w in *words {
                assert!(note.text.contains(w), "{key}: {w:?} in {:?}", note.text);
            }
        }
    }
    for key in [
        "food",
        "water",
        "movement",
        "breathing",
        "sleep",
        "custom:1",
    ] {
        assert_eq!(item_note(key), None, "{key}");
    }
}

/// The note goes with the item into the saved version, and onto the checklist.
#[test]
fn a_chosen_item_is_saved_with_its_note() {
    let mut i = input(Template::Circulation);
    i.optional_items = vec!["omega3".into(), "topical".into()];
    i.custom_items = vec!["Stretch".into()];
    let (spec, _) = validate(&i, start(), 240).expect("accepted");
    let note = |key: &str| {
        spec.items
            .iter()
            .find(|x| x.key == key)
            .and_then(|x| x.note.clone())
    };
    assert_eq!(
        note("omega3").map(|n| n.citation),
        Some(SRC_OMEGA3.citation.to_string())
    );
    assert_eq!(
        note("topical").map(|n| n.citation),
        Some(SRC_TOPICAL.citation.to_string())
    );
    assert_eq!(note("custom:1"), None);
    assert_eq!(note("food"), None);
}

/// Reference §4a: vitamin B6 a day above the EFSA 2023 limit (12 mg, EFSA Journal
/// 2023;21(5):8006) is a Warning; above the IOM 1998 limit (100 mg), Strong; at or below 12 mg,
/// or not stated, nothing. A Strong B6 finding never asks for the magnesium acknowledgement.
#[test]
fn b6_above_12_mg_warns_citing_efsa_2023_and_above_100_mg_is_strong_citing_iom_1998() {
    type Expected = Option<(Level, &'static str, Source)>;
    let table: &[(Option<f64>, Expected)] = &[
        (None, None),
        (Some(0.0), None),
        (Some(2.0), None),
        (Some(12.0), None),
        (
            Some(12.5),
            Some((Level::Warning, "b6_above_efsa", SRC_B6_EFSA)),
        ),
        (
            Some(25.0),
            Some((Level::Warning, "b6_above_efsa", SRC_B6_EFSA)),
        ),
        (
            Some(100.0),
            Some((Level::Warning, "b6_above_efsa", SRC_B6_EFSA)),
        ),
        (
            Some(100.5),
            Some((Level::Strong, "b6_above_iom", SRC_B6_IOM)),
        ),
        (
            Some(500.0),
            Some((Level::Strong, "b6_above_iom", SRC_B6_IOM)),
        ),
    ];
    for (b6, want) in table {
        let got = b6_upper_limit(crate::facts::AgeBand::Years31To50, *b6)
            .map(|f| (f.level, f.code, f.source));
        assert_eq!(got, *want, "{b6:?} mg");
        // Through the whole protocol: the same finding, the amount stored, nothing refused.
        let mut i = input(Template::Nerve);
        i.optional_items = vec!["b6".into(), "b_complex".into()];
        i.b6_mg_per_day = *b6;
        let (spec, report) = validate(&i, start(), 240).expect("B6 alone refuses nothing");
        assert_eq!(spec.b6_mg_per_day, *b6);
        assert_eq!(spec.above_limit, None);
        let found: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.code.starts_with("b6_"))
            .map(|f| (f.level, f.code, f.source))
            .collect();
        assert_eq!(found, want.iter().copied().collect::<Vec<_>>(), "{b6:?} mg");
        if let Some(f) = report.findings.iter().find(|f| f.code.starts_with("b6_")) {
            assert!(f
                .message
                .contains(&format!("{} mg of vitamin B6", fmt_mg(b6.unwrap_or(0.0)))));
            assert!(f.message.contains("nerve damage"));
        }
    }
}

/// The B6 amount is 0 to 500 mg a day or absent; anything else is a typed error naming the
/// field, and saves nothing.
#[test]
fn b6_outside_0_to_500_mg_is_refused_with_a_typed_error() {
    let table: &[(f64, bool)] = &[
        (0.0, true),
        (500.0, true),
        (-1.0, false),
        (500.5, false),
        (f64::NAN, false),
        (f64::INFINITY, false),
    ];
    for (b6, ok) in table {
        let mut i = input(Template::Nerve);
        i.b6_mg_per_day = Some(*b6);
        match validate(&i, start(), 240) {
            Ok(_) => assert!(ok, "{b6} accepted"),
            Err(CoreError::Invalid { code, field, .. }) => {
                assert!(!ok, "{b6} refused");
                assert_eq!((code, field.as_str()), ("invalid_b6", "b6_mg_per_day"));
            }
            Err(e) => panic!("{b6}: {e}"),
        }
    }
}

/// Reference §4c: each depletion factor named adds one Info finding with its advice and its
/// source (the nerve guide for stress and sugar, ODS "Groups at risk" for the rest), before the
/// closing "consult" note; a factor named twice counts once and is stored once.
#[test]
fn each_depletion_factor_adds_its_advice_citing_the_nerve_guide_or_ods() {
    use DepletionFactor::*;
    let table: &[(DepletionFactor, &str, Source, &str)] = &[
        (
            ChronicStress,
            "depletion_chronic_stress",
            SRC_DEPLETION_GUIDE,
            "breathing",
        ),
        (
            HighSugar,
            "depletion_high_sugar",
            SRC_DEPLETION_GUIDE,
            "magnesium-rich",
        ),
        (Alcohol, "depletion_alcohol", SRC_ODS_AT_RISK, "urine"),
        (
            Diuretics,
            "depletion_diuretics",
            SRC_ODS_AT_RISK,
            "Medicines",
        ),
        (
            AcidSuppressants,
            "depletion_acid_suppressants",
            SRC_ODS_AT_RISK,
            "more than a year",
        ),
        (
            Type2Diabetes,
            "depletion_type2_diabetes",
            SRC_ODS_AT_RISK,
            "urine",
        ),
        (
            Gastrointestinal,
            "depletion_gastrointestinal",
            SRC_ODS_AT_RISK,
            "Crohn's",
        ),
    ];
    assert_eq!(table.len(), DepletionFactor::ALL.len());
    for (factor, code, source, words) in table {
        let mut i = input(Template::Circulation);
        i.safety.depletion = vec![*factor, *factor];
        let (spec, report) = validate(&i, start(), 240).expect("accepted");
        assert_eq!(spec.safety.depletion, [*factor]);
        let found: Vec<&Finding> = report.findings.iter().filter(|f| f.code == *code).collect();
        assert_eq!(
            found.len(),
            1,
            "{code} once in {:?}",
            finding_codes(&report)
        );
        assert_eq!(
            (found[0].level, found[0].source),
            (Level::Info, *source),
            "{code}"
        );
        assert!(found[0].message.contains(words), "{code}: {words:?}");
        assert_eq!(report.findings.last().map(|f| f.code), Some("consult"));
        assert_eq!(report.findings.last().map(|f| f.source), Some(SRC_GUIDES));
    }
    // None named: no depletion finding.
    let (_, report) = validate(&input(Template::Nerve), start(), 240).expect("accepted");
    assert!(!finding_codes(&report)
        .iter()
        .any(|c| c.starts_with("depletion_")));
}

/// Findings stay sorted by level with the practice findings in: a B6 Warning joins the
/// warnings, the depletion notes the information notes, "consult" stays last.
#[test]
fn practice_findings_keep_the_report_sorted_by_level() {
    let mut i = input(Template::Nerve);
    i.safety.depletion = vec![
        DepletionFactor::Gastrointestinal,
        DepletionFactor::ChronicStress,
    ];
    i.b6_mg_per_day = Some(50.0);
    let (_, report) = validate(&i, start(), 240).expect("accepted");
    let levels: Vec<Level> = report.findings.iter().map(|f| f.level).collect();
    let mut sorted = levels.clone();
    sorted.sort_by_key(|l| Reverse(*l));
    assert_eq!(levels, sorted);
    let c = finding_codes(&report);
    let at = |code: &str| c.iter().position(|x| *x == code).expect(code);
    assert!(at("depletion_chronic_stress") < at("depletion_gastrointestinal"));
    assert!(at("depletion_gastrointestinal") < at("consult"));
    assert_eq!(at("b6_above_efsa"), 0);
}

/// Reference §4b: topical magnesium is an item and nothing more: it adds no mg to the plan, the
/// supplement total or the largest dose, whatever else is chosen.
#[test]
fn topical_magnesium_adds_nothing_to_any_mg_total() {
    for t in templates() {
        let mut without = input(t.id);
        without.safety.antacid_laxative_mg = 40.0;
        let mut with = without.clone();
        with.optional_items = vec!["topical".into()];
        let (a, ra) = validate(&without, start(), 240).expect("accepted");
        let (b, rb) = validate(&with, start(), 240).expect("accepted");
        assert!(b.items.iter().any(|i| i.key == "topical"));
        assert_eq!(a.supplement, b.supplement, "{:?}", t.id);
        assert_eq!(
            (
                ra.supplemental_total_mg,
                ra.largest_dose_mg,
                ra.limit_mg,
                ra.rda_mg
            ),
            (
                rb.supplemental_total_mg,
                rb.largest_dose_mg,
                rb.limit_mg,
                rb.rda_mg
            ),
            "{:?}",
            t.id
        );
        assert_eq!(rb.supplemental_total_mg, 240.0);
    }
}

/// Potassium stays withheld (and refused) with kidney disease or a potassium-sparing diuretic
/// now that the circulation template offers it too. Source: ODS Potassium fact sheet.
#[test]
fn potassium_is_withheld_in_every_template_citing_the_ods_potassium_fact_sheet() {
    for t in [Template::Circulation, Template::Nerve, Template::Custom] {
        let mut i = input(t);
        i.optional_items = vec!["potassium".into()];
        i.safety.medicines = vec![medicine(MedicineClass::PotassiumSparingDiuretic, "", None)];
        let safety = crate::protocol::validate_safety(&i.safety).unwrap();
        let report = evaluate_protocol(&safety, None, None);
        assert_eq!(report.withheld_items, ["potassium"], "{t:?}");
        assert!(report
            .findings
            .iter()
            .any(|f| f.code == "potassium" && f.source == SRC_POTASSIUM));
        assert_eq!(
            validate(&i, start(), 240).map(|_| ()).map_err(|e| e.code()),
            Err("potassium_not_advised"),
            "{t:?}"
        );
    }
}

/// A protocol stored before items carried notes, before B6 and depletion were asked, still
/// loads: the new fields read as empty.
#[test]
fn a_spec_stored_before_these_fields_still_loads() {
    let mut i = input(Template::Nerve);
    i.optional_items = vec!["b6".into()];
    let (spec, _) = validate(&i, start(), 240).expect("accepted");
    let mut json = serde_json::to_value(&spec).expect("serialises");
    json.as_object_mut()
        .expect("object")
        .remove("b6_mg_per_day");
    json["safety"]
        .as_object_mut()
        .expect("object")
        .remove("depletion");
    for item in json["items"].as_array_mut().expect("array") {
        item.as_object_mut().expect("object").remove("note");
    }
    let old: ProtocolSpec = serde_json::from_value(json).expect("an old spec loads");
    assert_eq!(old.b6_mg_per_day, None);
    assert!(old.safety.depletion.is_empty());
    assert!(old.items.iter().all(|i| i.note.is_none()));
}
