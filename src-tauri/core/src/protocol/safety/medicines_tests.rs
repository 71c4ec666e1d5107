//! Issue 22 point 6 (reference §4, §4a): the safety rules follow the class a medicine's name
//! says, whatever the picker showed; bictegravir at the moment of a dose clashes unless both are
//! taken with food.

use super::*;
use crate::protocol::MedicineInput;
use crate::testkit::{date, medicine, safety, supplement_plan};

/// A glycinate plan (its form shown as "Glycinate") with one 100 mg dose at each of `times`.
fn plan(times: &[&str]) -> SupplementPlan {
    let doses: Vec<(&str, f64)> = times.iter().map(|t| (*t, 100.0)).collect();
    SupplementPlan {
        form_name: "Glycinate".into(),
        ..supplement_plan("glycinate", &doses)
    }
}

/// A medicine picked as "another prescription medicine" (the picker's first choice).
fn named(name: &str, time: Option<&str>) -> MedicineInput {
    medicine(MedicineClass::Other, name, time)
}

/// Reference §4a: ACE inhibitors (-pril), ARBs (-sartan) and potassium-sparing diuretics by
/// name withhold the potassium item, whatever class was picked.
#[test]
fn ace_inhibitors_arbs_and_potassium_sparing_diuretics_by_name_withhold_potassium() {
    let cases = [
        ("lisinopril", true),
        ("Ramipril 5 mg", true),
        ("enalapril", true),
        ("losartan", true),
        ("Valsartan 80mg", true),
        ("spironolactone", true),
        ("Eplerenone", true),
        ("amiloride", true),
        ("triamterene", true),
        ("furosemide", false),
        ("April pill", false),
        ("", false),
    ];
    for (name, withheld) in cases {
        let mut s = safety();
        s.medicines = vec![named(name, None)];
        assert_eq!(potassium_not_advised(&s), withheld, "{name}");
        let r = evaluate(&s, None);
        assert_eq!(
            r.withheld_items == ["potassium"],
            withheld,
            "{name}: {:?}",
            r.withheld_items
        );
        assert_eq!(
            r.findings.iter().any(|f| f.code == "potassium"),
            withheld,
            "{name}"
        );
    }
}

/// Reference §4: "a magnesium dose at the same moment is a clash unless the user says both are
/// taken with food". Bictegravir 2 h before a dose clashes as any window does.
#[test]
fn biktarvy_at_the_moment_of_a_dose_clashes() {
    let p = plan(&["08:00", "20:00"]);
    // (time, clash)
    for (time, clash) in [
        ("08:00", true),
        ("20:00", true),
        ("07:00", true),
        ("05:59", false),
        ("08:01", false),
    ] {
        let mut s = safety();
        s.medicines = vec![named("Biktarvy", Some(time))];
        let r = evaluate(&s, Some(&p));
        let found: Vec<&Finding> = r
            .findings
            .iter()
            .filter(|f| f.code == "medicine_clash")
            .collect();
        assert_eq!(found.len(), usize::from(clash), "{time}: {found:?}");
        if let Some(f) = found.first() {
            assert_eq!(f.level, Level::Warning);
            assert_eq!(f.source.id, "label_bictegravir");
        }
    }
}

/// Reference §4: Biktarvy at the same moment as magnesium is no clash when the user says both
/// are taken with food; the answer is kept with the medicine.
#[test]
fn biktarvy_taken_with_food_at_a_dose_is_no_clash() {
    let p = plan(&["08:00", "20:00"]);
    let mut s = safety();
    let mut biktarvy = named("Biktarvy", Some("08:00"));
    biktarvy.with_food = Some(true);
    s.medicines = vec![biktarvy.clone()];
    let r = evaluate(&s, Some(&p));
    assert!(
        r.findings.iter().all(|f| f.code != "medicine_clash"),
        "{:?}",
        r.findings
    );
    biktarvy.with_food = Some(false);
    s.medicines = vec![biktarvy];
    let r = evaluate(&s, Some(&p));
    assert!(r.findings.iter().any(|f| f.code == "medicine_clash"));
    // Stored without the answer (older versions): read as not said.
    let old: MedicineInput = serde_json::from_str(
        r#"{"class":"other","name":"Biktarvy","time":"08:00","more_times":[],"window_min":null}"#,
    )
    .unwrap();
    assert_eq!(old.with_food, None);
    assert!(!serde_json::to_string(&old).unwrap().contains("with_food"));
}

/// With the wider windows on, bictegravir's window holds the dose's moment already: one clash,
/// the window's, not two.
#[test]
fn biktarvy_with_the_wider_windows_clashes_once() {
    let mut s = safety();
    s.wider_windows = true;
    s.medicines = vec![named("biktarvy", Some("08:00"))];
    let r = evaluate(&s, Some(&plan(&["08:00"])));
    let found: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.code == "medicine_clash")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("inside the keep-apart window"),
        "{found:?}"
    );
}

/// The message of a clash at the moment of a dose names the way out.
#[test]
fn a_clash_at_the_moment_of_a_dose_says_what_to_do() {
    let mut s = safety();
    s.medicines = vec![named("Biktarvy", Some("20:00"))];
    let r = evaluate(&s, Some(&plan(&["08:00", "20:00"])));
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "medicine_clash")
        .map(|f| f.message.as_str());
    assert_eq!(
        f,
        Some("You take Biktarvy at 20:00, the time of dose 2: on an empty stomach they must not be taken together. Take it at least 2 h before magnesium. Or take both with food.")
    );
}

/// Picked as another prescription medicine, doxycycline's windows, window class and note are
/// a tetracycline's, and the answers are stored with that class.
#[test]
fn a_name_sets_the_class_of_windows_notes_and_stored_answers() {
    let mut s = safety();
    s.medicines = vec![named("Doxycycline 100 mg", Some("09:00"))];
    let r = evaluate(&s, Some(&plan(&["08:00"])));
    let w: Vec<(MedicineClass, &str, &str)> = r
        .keep_apart
        .iter()
        .map(|w| (w.class, w.from.as_str(), w.until.as_str()))
        .collect();
    assert_eq!(w, [(MedicineClass::Tetracycline, "06:00", "12:00")]);
    let note = r.findings.iter().find(|f| f.code == "medicine");
    assert_eq!(
        note.map(|f| (f.level, f.source.id, f.message.clone())),
        Some((
            Level::Caution,
            SRC_ODS_MEDICINES.id,
            format!("Doxycycline 100 mg: {}", MedicineClass::Tetracycline.note())
        ))
    );
    let mut input = crate::protocol::SafetyInput::from(safety());
    input.medicines = vec![named(" ferrous sulfate ", None), named("losartan", None)];
    let stored = crate::protocol::validate_safety(&input).map(|a| {
        a.medicines
            .iter()
            .map(|m| (m.class, m.name.clone()))
            .collect::<Vec<_>>()
    });
    assert_eq!(
        stored.ok(),
        Some(vec![
            (MedicineClass::Iron, "ferrous sulfate".to_string()),
            (MedicineClass::Arb, "losartan".to_string()),
        ])
    );
}

/// Levofloxacin's note names its label's window and the wider one Magday keeps (the quinolone
/// class rule's 4 h after); the window cites the class rule that gives it.
#[test]
fn levofloxacin_keeps_the_class_window_and_says_so() {
    let mut s = safety();
    s.medicines = vec![named("levofloxacin", Some("11:00"))];
    let r = evaluate(&s, Some(&plan(&["08:00"])));
    assert_eq!(
        (
            r.keep_apart[0].from.as_str(),
            r.keep_apart[0].until.as_str()
        ),
        ("06:00", "12:00")
    );
    assert_eq!(r.keep_apart[0].source, SRC_ODS_MEDICINES);
    assert!(r.findings.iter().any(|f| f.code == "medicine_clash"));
    let note = r.findings.iter().find(|f| f.code == "medicine");
    assert!(
        note.is_some_and(|f| f.message.ends_with(
            "Its label: Keep it at least 2 h away from magnesium. Magday keeps the wider window: Take it at least 2 h before or 4 h after magnesium."
        )),
        "{note:?}"
    );
}

/// The save refuses the potassium item with an ACE inhibitor picked as another medicine.
#[test]
fn the_save_refuses_potassium_with_an_ace_inhibitor_by_name() {
    use crate::protocol::{validate, Template};
    let start = date(2026, 3, 2);
    let mut i =
        crate::testkit::protocol_input(Template::Nerve, "glycinate", 100.0, &["08:00"], start);
    i.optional_items = vec!["potassium".into()];
    let mut s = safety();
    s.medicines = vec![named("Lisinopril 10 mg", None)];
    i.safety = s.into();
    assert_eq!(
        validate(&i, start, 240).err().map(|e| e.code()),
        Some("potassium_not_advised")
    );
}

/// The form asks "both with food?" only for a medicine whose label allows that (Biktarvy).
#[test]
fn the_check_asks_about_food_only_for_biktarvy() {
    let start = crate::testkit::date(2026, 11, 2);
    let mut input = crate::testkit::nerve(start, &["08:00", "20:00"]);
    input.safety.medicines = vec![
        named("doxycycline", Some("12:00")),
        named("Biktarvy 50/200/25", Some("08:00")),
    ];
    let check = crate::setup::check(&input, start, 240, None).unwrap();
    assert_eq!(check.ask_with_food, [1]);
}
