//! Medicine classes with a magnesium rule: what the user should know about each, and how far
//! apart from a magnesium dose it must be taken.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::sources::{Source, SRC_EMC_LEAFLET, SRC_ODS_MEDICINES};

/// Medicine classes with a rule for magnesium. Source: [`SRC_ODS_MEDICINES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MedicineClass {
    /// Oral bisphosphonates (alendronate, risedronate).
    Bisphosphonate,
    /// Tetracyclines (doxycycline, minocycline).
    Tetracycline,
    /// Quinolones (ciprofloxacin, levofloxacin).
    Quinolone,
    /// Loop and thiazide diuretics (furosemide, hydrochlorothiazide).
    LoopOrThiazideDiuretic,
    /// Potassium-sparing diuretics (spironolactone, amiloride).
    PotassiumSparingDiuretic,
    /// Proton-pump inhibitors over a year (omeprazole, pantoprazole).
    ProtonPumpInhibitor,
    /// ACE inhibitors (-pril: lisinopril, ramipril, enalapril). Written `"ace_inhibitor"`.
    AceInhibitor,
    /// Angiotensin receptor blockers (-sartan: losartan, valsartan). Written `"arb"`.
    Arb,
    /// Iron supplements (UK leaflet: keep 3–4 h apart).
    Iron,
    /// Any other prescription medicine (UK leaflet: 2–3 h apart).
    Other,
}

impl MedicineClass {
    pub const ALL: [MedicineClass; 10] = [
        MedicineClass::Bisphosphonate,
        MedicineClass::Tetracycline,
        MedicineClass::Quinolone,
        MedicineClass::LoopOrThiazideDiuretic,
        MedicineClass::PotassiumSparingDiuretic,
        MedicineClass::ProtonPumpInhibitor,
        MedicineClass::AceInhibitor,
        MedicineClass::Arb,
        MedicineClass::Iron,
        MedicineClass::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MedicineClass::Bisphosphonate => "Bisphosphonate (alendronate, risedronate)",
            MedicineClass::Tetracycline => "Tetracycline antibiotic (doxycycline, minocycline)",
            MedicineClass::Quinolone => "Quinolone antibiotic (ciprofloxacin, levofloxacin)",
            MedicineClass::LoopOrThiazideDiuretic => {
                "Loop or thiazide diuretic (furosemide, hydrochlorothiazide)"
            }
            MedicineClass::PotassiumSparingDiuretic => {
                "Potassium-sparing diuretic (spironolactone, amiloride)"
            }
            MedicineClass::ProtonPumpInhibitor => {
                "Proton-pump inhibitor (omeprazole, pantoprazole)"
            }
            MedicineClass::AceInhibitor => "ACE inhibitor (lisinopril, ramipril, enalapril)",
            MedicineClass::Arb => "Angiotensin receptor blocker, ARB (losartan, valsartan)",
            MedicineClass::Iron => "Iron supplement",
            MedicineClass::Other => "Another prescription medicine",
        }
    }

    /// The separation rule: minutes the medicine must stay away from a magnesium dose, before
    /// and after the dose. `None` for information-only classes.
    pub fn separation(self, conservative: bool) -> Option<Separation> {
        use MedicineClass::*;
        match (self, conservative) {
            // ODS: keep doses at least 2 h apart. UK leaflet: 3–4 h (conservative: 4 h).
            (Bisphosphonate, false) => Some(Separation {
                before_min: 120,
                after_min: 120,
                source: SRC_ODS_MEDICINES,
            }),
            (Bisphosphonate, true) => Some(Separation {
                before_min: 240,
                after_min: 240,
                source: SRC_EMC_LEAFLET,
            }),
            // ODS: the antibiotic at least 2 h before or 4–6 h after magnesium (conservative: 6 h).
            (Tetracycline | Quinolone, false) => Some(Separation {
                before_min: 120,
                after_min: 240,
                source: SRC_ODS_MEDICINES,
            }),
            (Tetracycline | Quinolone, true) => Some(Separation {
                before_min: 120,
                after_min: 360,
                source: SRC_ODS_MEDICINES,
            }),
            // UK leaflet: 3–4 h from iron; 2–3 h from medicines in general (offered as conservative).
            (Iron, false) => Some(Separation {
                before_min: 180,
                after_min: 180,
                source: SRC_EMC_LEAFLET,
            }),
            (Iron, true) => Some(Separation {
                before_min: 240,
                after_min: 240,
                source: SRC_EMC_LEAFLET,
            }),
            (Other, true) => Some(Separation {
                before_min: 180,
                after_min: 180,
                source: SRC_EMC_LEAFLET,
            }),
            (Other, false)
            | (
                LoopOrThiazideDiuretic
                | PotassiumSparingDiuretic
                | ProtonPumpInhibitor
                | AceInhibitor
                | Arb,
                _,
            ) => None,
        }
    }

    /// What the user should know about this class (information-only classes included).
    pub fn note(self) -> &'static str {
        use MedicineClass::*;
        match self {
            Bisphosphonate => "Magnesium lowers the absorption of bisphosphonates: keep them apart.",
            Tetracycline | Quinolone => "Magnesium binds these antibiotics and lowers their absorption: take the antibiotic at least 2 hours before or 4–6 hours after magnesium.",
            LoopOrThiazideDiuretic => "These diuretics raise magnesium loss in urine. Information only: tell your clinician you take magnesium.",
            PotassiumSparingDiuretic => "These diuretics lower magnesium excretion, so magnesium can build up. Information only: ask your clinician before supplementing.",
            ProtonPumpInhibitor => "Taken over a year, these can cause low magnesium that supplements may not correct. Information only: ask your clinician to check your level.",
            AceInhibitor | Arb => "These raise blood potassium. Information only for magnesium; Magday does not offer the potassium item: eat potassium-rich food only as your clinician advises.",
            Iron => "Magnesium and iron lower each other's absorption: a UK product leaflet advises 3–4 hours apart.",
            Other => "Some medicines interact with magnesium. A UK product leaflet advises 2–3 hours apart from medicines in general; ask your pharmacist.",
        }
    }
}

/// The window a medicine of class [`MedicineClass::Other`] gets unless the user sets another:
/// 2 h either side (reference §4: "offer a 2 h default window, editable"; UK SmPC 2–3 h).
pub const DEFAULT_OTHER_WINDOW_MIN: u32 = 120;
/// The window the user may set for another medicine, minutes (a product choice: half an hour to
/// eight hours, the widest label window).
pub const MIN_OTHER_WINDOW_MIN: u32 = 30;
pub const MAX_OTHER_WINDOW_MIN: u32 = 480;

/// How far a medicine must stay from each magnesium dose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Separation {
    /// The medicine must not be taken within this many minutes before the dose.
    pub before_min: u32,
    /// ... nor within this many minutes after it.
    pub after_min: u32,
    pub source: Source,
}

fn span(min: u32) -> String {
    if min.is_multiple_of(60) {
        format!("{} h", min / 60)
    } else {
        format!("{min} min")
    }
}

impl Separation {
    /// The rule in words: "Take it at least 2 h before or 6 h after magnesium."
    pub fn rule(&self) -> String {
        match (self.before_min, self.after_min) {
            (b, a) if b == a => format!("Keep it at least {} away from magnesium.", span(b)),
            (0, a) => format!("Take it at least {} after magnesium.", span(a)),
            (b, 0) => format!("Take it at least {} before magnesium.", span(b)),
            (b, a) => format!(
                "Take it at least {} before or {} after magnesium.",
                span(b),
                span(a)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::separation_for;

    #[test]
    fn medicine_windows_follow_ods() {
        let s = MedicineClass::Bisphosphonate.separation(false).unwrap();
        assert_eq!((s.before_min, s.after_min), (120, 120));
        let s = MedicineClass::Tetracycline.separation(false).unwrap();
        assert_eq!((s.before_min, s.after_min), (120, 240));
        let s = MedicineClass::Quinolone.separation(true).unwrap();
        assert_eq!((s.before_min, s.after_min), (120, 360));
        assert!(MedicineClass::LoopOrThiazideDiuretic
            .separation(true)
            .is_none());
        assert!(MedicineClass::ProtonPumpInhibitor
            .separation(false)
            .is_none());
        assert!(MedicineClass::Other.separation(false).is_none());
    }

    /// Issue 12 (reference §4): a named medicine gets the wider of its label's window and its
    /// class's (issue 22); another prescription medicine gets 2 h by default, or the user's own;
    /// the wider (UK leaflet) option only ever widens.
    #[test]
    fn the_window_for_a_medicine_the_user_names() {
        use MedicineClass::*;
        type Case<'a> = (
            MedicineClass,
            &'a str,
            Option<u32>,
            bool,
            Option<(u32, u32)>,
        );
        let cases: &[Case] = &[
            (Quinolone, "", None, false, Some((120, 240))),
            (Quinolone, "Ciprofloxacin", None, false, Some((120, 360))),
            (Quinolone, "moxifloxacin", None, false, Some((240, 480))),
            // Issue 22: the wider of the label (2 h after) and the class (4 h after).
            (Quinolone, "Levofloxacin", None, false, Some((120, 240))),
            (Quinolone, "Levofloxacin", None, true, Some((120, 360))),
            (Other, "Levothyroxine", None, false, Some((240, 240))),
            (Other, "Tivicay", None, false, Some((120, 360))),
            (Other, "gabapentin", None, false, Some((0, 120))),
            (Other, "", None, false, Some((120, 120))),
            (Other, "my pill", Some(90), false, Some((90, 90))),
            (Other, "my pill", Some(90), true, Some((180, 180))),
            (Iron, "", None, false, Some((180, 180))),
            (Iron, "", None, true, Some((240, 240))),
            (ProtonPumpInhibitor, "", None, true, None),
        ];
        for &(class, name, w, wider, want) in cases {
            let got = separation_for(class, name, w, wider).map(|s| (s.before_min, s.after_min));
            assert_eq!(got, want, "{class:?} {name:?} {w:?} {wider}");
        }
    }
}
