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
    /// Iron supplements (UK leaflet: keep 3–4 h apart).
    Iron,
    /// Any other prescription medicine (UK leaflet: 2–3 h apart).
    Other,
}

impl MedicineClass {
    pub const ALL: [MedicineClass; 8] = [
        MedicineClass::Bisphosphonate,
        MedicineClass::Tetracycline,
        MedicineClass::Quinolone,
        MedicineClass::LoopOrThiazideDiuretic,
        MedicineClass::PotassiumSparingDiuretic,
        MedicineClass::ProtonPumpInhibitor,
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
            | (LoopOrThiazideDiuretic | PotassiumSparingDiuretic | ProtonPumpInhibitor, _) => None,
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
            Iron => "Magnesium and iron lower each other's absorption: a UK product leaflet advises 3–4 hours apart.",
            Other => "Some medicines interact with magnesium. A UK product leaflet advises 2–3 hours apart from medicines in general; ask your pharmacist.",
        }
    }
}

/// How far a medicine must stay from each magnesium dose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Separation {
    /// The medicine must not be taken within this many minutes before the dose.
    pub before_min: u32,
    /// ... nor within this many minutes after it.
    pub after_min: u32,
    pub source: Source,
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
