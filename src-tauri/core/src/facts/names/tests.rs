//! Issue 22 point 6 (reference §4): a medicine typed by name follows its class whatever the
//! picker showed, and gets the wider of its label's window and its class's on each side.

use super::super::*;

/// Windows (before, after) of a medicine named `name`, picked as "another prescription
/// medicine" (the picker's first choice).
fn window_as_other(name: &str) -> Option<(u32, u32)> {
    separation_for(MedicineClass::Other, name, None, false).map(|s| (s.before_min, s.after_min))
}

/// The failures reported: each name picked as "another prescription medicine".
#[test]
fn a_name_gets_its_class_window_whatever_the_picker_showed() {
    let cases: &[(&str, Option<(u32, u32)>)] = &[
        ("doxycycline", Some((120, 240))),
        ("Doxycycline 100 mg", Some((120, 240))),
        ("ferrous sulfate", Some((180, 180))),
        ("ciprofloxacine", Some((120, 360))),
        ("Levofloxacine 500", Some((120, 240))),
        ("spironolactone", None),
        ("lisinopril", None),
        ("losartan", None),
    ];
    for &(name, want) in cases {
        assert_eq!(window_as_other(name), want, "{name}");
    }
}

/// The label's window and the class's, the wider on each side (levofloxacin: label 2 h after,
/// quinolones 4 h after).
#[test]
fn the_wider_of_the_label_and_the_class_window_on_each_side() {
    use MedicineClass::*;
    let cases: &[(MedicineClass, &str, bool, (u32, u32))] = &[
        (Quinolone, "Levofloxacin", false, (120, 240)),
        (Other, "levofloxacin", false, (120, 240)),
        (Quinolone, "Levaquin", false, (120, 240)),
        (Quinolone, "Ciprofloxacin", false, (120, 360)),
        (Quinolone, "moxifloxacin", false, (240, 480)),
        (Quinolone, "Levofloxacin", true, (120, 360)),
        (Other, "gabapentin", false, (0, 120)),
        (Tetracycline, "Levothyroxine", false, (240, 240)),
    ];
    for &(class, name, wider, want) in cases {
        let got = separation_for(class, name, None, wider).map(|s| (s.before_min, s.after_min));
        assert_eq!(got, Some(want), "{class:?} {name} {wider}");
    }
}

/// Reference §4: each name of its list maps to its class, and gets that class's window (the
/// wider of it and the label's where the medicine has one), picked as another prescription
/// medicine; the common spellings outside the US count too.
#[test]
fn each_name_of_section_4_maps_to_its_class_and_window() {
    use MedicineClass::*;
    type Case = (&'static str, MedicineClass, Option<(u32, u32)>);
    let cases: &[Case] = &[
        ("doxycycline", Tetracycline, Some((120, 240))),
        ("minocycline", Tetracycline, Some((120, 240))),
        ("tetracycline", Tetracycline, Some((120, 240))),
        ("ciprofloxacin", Quinolone, Some((120, 360))),
        ("levofloxacin", Quinolone, Some((120, 240))),
        ("moxifloxacin", Quinolone, Some((240, 480))),
        ("ofloxacin", Quinolone, Some((120, 240))),
        ("norfloxacin", Quinolone, Some((120, 240))),
        ("delafloxacin", Quinolone, Some((120, 360))),
        ("alendronate", Bisphosphonate, Some((120, 120))),
        ("risedronate", Bisphosphonate, Some((120, 120))),
        ("ibandronate", Bisphosphonate, Some((120, 120))),
        ("ferrous sulfate", Iron, Some((180, 180))),
        ("ferrous fumarate", Iron, Some((180, 180))),
        ("ferric maltol", Iron, Some((180, 180))),
        ("iron", Iron, Some((180, 180))),
        ("spironolactone", PotassiumSparingDiuretic, None),
        ("eplerenone", PotassiumSparingDiuretic, None),
        ("amiloride", PotassiumSparingDiuretic, None),
        ("triamterene", PotassiumSparingDiuretic, None),
        ("lisinopril", AceInhibitor, None),
        ("ramipril", AceInhibitor, None),
        ("enalapril", AceInhibitor, None),
        ("losartan", Arb, None),
        ("valsartan", Arb, None),
        // Spellings outside the US, case, accents and words around the name.
        ("ciprofloxacine", Quinolone, Some((120, 360))),
        ("Levofloxacine", Quinolone, Some((120, 240))),
        ("lévofloxacine 500 mg", Quinolone, Some((120, 240))),
        ("Doxycycline 100 mg", Tetracycline, Some((120, 240))),
        ("DOXYCYCLIN 100", Tetracycline, Some((120, 240))),
        (
            "Alendronic acid 70 mg weekly",
            Bisphosphonate,
            Some((120, 120)),
        ),
        ("Spironolacton", PotassiumSparingDiuretic, None),
        (
            "amiloride/hydrochlorothiazide",
            PotassiumSparingDiuretic,
            None,
        ),
        ("Périndopril", AceInhibitor, None),
        ("sacubitril/valsartan", Arb, None),
        // Brands on a label: that label's class.
        ("Cipro 500", Quinolone, Some((120, 360))),
        ("Levaquin", Quinolone, Some((120, 240))),
    ];
    for &(name, class, window) in cases {
        assert_eq!(class_by_name(name), Some(class), "{name}");
        assert_eq!(window_as_other(name), window, "{name}");
    }
}

/// A name that says no class leaves the one picked; a medicine with a label but no class there
/// is another prescription medicine whatever was picked.
#[test]
fn the_class_picked_stays_only_where_the_name_says_none() {
    use MedicineClass::*;
    let cases: &[(MedicineClass, &str, MedicineClass)] = &[
        (Iron, "Floradix", Iron),
        (LoopOrThiazideDiuretic, "furosemide", LoopOrThiazideDiuretic),
        (Other, "", Other),
        (Other, "April pill", Other),
        (Other, "ironwood", Other),
        (Other, "sartan", Other),
        (Other, "ciprofloxacinX", Other),
        (Quinolone, "doxycycline", Tetracycline),
        (Tetracycline, "Levothyroxine", Other),
        (Iron, "Biktarvy", Other),
        (Other, "ramipril", AceInhibitor),
    ];
    for &(picked, name, want) in cases {
        assert_eq!(class_in_force(picked, name), want, "{picked:?} {name}");
    }
}

/// The two new classes are written "ace_inhibitor" and "arb"; the values stored before them
/// still read.
#[test]
fn classes_are_written_in_snake_case_and_old_values_still_read() {
    let written: Vec<String> = MedicineClass::ALL
        .iter()
        .map(|c| serde_json::to_string(c).unwrap_or_default())
        .collect();
    assert_eq!(
        written,
        [
            "\"bisphosphonate\"",
            "\"tetracycline\"",
            "\"quinolone\"",
            "\"loop_or_thiazide_diuretic\"",
            "\"potassium_sparing_diuretic\"",
            "\"proton_pump_inhibitor\"",
            "\"ace_inhibitor\"",
            "\"arb\"",
            "\"iron\"",
            "\"other\"",
        ]
    );
    for (c, w) in MedicineClass::ALL.iter().zip(&written) {
        assert_eq!(serde_json::from_str::<MedicineClass>(w).ok(), Some(*c));
        assert!(!c.label().is_empty() && !c.note().is_empty());
    }
}
