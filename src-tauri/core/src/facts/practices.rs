//! What the guides pair with magnesium and what works against it (reference §4a–§4c): the
//! notes each optional item carries (B6, potassium, omega-3, alpha-lipoic acid, B-complex,
//! topical magnesium), the vitamin B6 upper limits, and the factors that deplete magnesium.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::intake::AgeBand;
use super::sources::{
    Source, SRC_ALA, SRC_B6_EFSA, SRC_DEPLETION_GUIDE, SRC_ODS_AT_RISK, SRC_OMEGA3, SRC_POTASSIUM,
    SRC_TOPICAL,
};

/// Vitamin B6, mg a day: the European upper limit for adults, including pregnancy and
/// lactation (reference §4a). Source: [`SRC_B6_EFSA`].
pub const B6_UL_EFSA_MG: f64 = 12.0;
/// Vitamin B6, mg a day: the US upper limit for adults (reference §4a). Source:
/// [`super::sources::SRC_B6_IOM`].
pub const B6_UL_IOM_MG: f64 = 100.0;
/// The vitamin B6 upper limits of an age band, mg a day (reference §4a): children and
/// teenagers have lower limits than adults.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct B6Limits {
    /// Above it, a warning: the lowest EFSA 2023 value that overlaps the band (scaled from the
    /// adult 12 mg by body weight). Source: EFSA Journal 2023;21(5):8006 (`SRC_B6_EFSA`).
    pub efsa_mg: f64,
    /// Above it, a strong warning: the IOM 1998 value of the band. Source: IOM 1998 Dietary
    /// Reference Intakes (`SRC_B6_IOM`).
    pub iom_mg: f64,
}

/// The vitamin B6 limits for `band` (reference §4a): 1–3 years 3.2 and 30 mg, 4–8 4.5 and 40,
/// 9–13 6.1 and 60, 14–18 8.6 and 80, from 19 the adult [`B6_UL_EFSA_MG`] and [`B6_UL_IOM_MG`].
/// `None` under 1 year: IOM 1998 sets no limit (intake from food and formula only).
pub fn b6_limits(band: AgeBand) -> Option<B6Limits> {
    use AgeBand::*;
    let (efsa_mg, iom_mg) = match band {
        Months0To6 | Months7To12 => return None,
        Years1To3 => (3.2, 30.0),
        Years4To8 => (4.5, 40.0),
        Years9To13 => (6.1, 60.0),
        Years14To18 => (8.6, 80.0),
        Years19To30 | Years31To50 | Years51Plus | Years71Plus => (B6_UL_EFSA_MG, B6_UL_IOM_MG),
    };
    Some(B6Limits { efsa_mg, iom_mg })
}

/// The most vitamin B6 a day the form accepts, mg: a product choice (five times the US limit,
/// so a typo such as 1,000 for 10 is refused rather than stored), not a reference value.
pub const MAX_B6_MG: f64 = 500.0;

/// The note each optional item carries, by item key, with its source (reference §4a, §4b).
pub const ITEM_NOTES: &[(&str, &str, Source)] = &[
    (
        "b6",
        "Too much vitamin B6 causes nerve damage (peripheral neuropathy): the very numbness and tingling this protocol tracks. Upper limits for adults: 12 mg a day in Europe (EFSA 2023), 100 mg in the US (IOM 1998); children and teenagers have lower ones, and Magday checks the limits of the age chosen. Count every source, B-complex and multivitamins included.",
        SRC_B6_EFSA,
    ),
    (
        "potassium",
        "Potassium from food (fruit, vegetables, beans), not from supplements unless a clinician prescribes them. With kidney disease, a potassium-sparing diuretic, an ACE inhibitor or an ARB, only as your clinician advises.",
        SRC_POTASSIUM,
    ),
    (
        "omega3",
        "High doses of omega-3 (fish oil) may add to the effect of blood thinners (anticoagulants) and antiplatelet medicines: ask your clinician first if you take one.",
        SRC_OMEGA3,
    ),
    (
        "ala",
        "Alpha-lipoic acid can lower blood glucose: if you take medicines for diabetes, ask your clinician before you start it.",
        SRC_ALA,
    ),
    (
        "b_complex",
        "B-complex products often hold 25–100 mg of vitamin B6, above the European limit of 12 mg a day on their own: check the label and count its B6 together with any B6 you take.",
        SRC_B6_EFSA,
    ),
    (
        "topical",
        "An Epsom-salt bath or magnesium oil or spray may feel relaxing and warming, but little magnesium, if any, is absorbed through the skin. It is a practice of its own: it never counts toward the supplement limit or the day's magnesium.",
        SRC_TOPICAL,
    ),
];

/// Something that depletes magnesium, asked about (optionally) with the safety answers
/// (reference §4c). Older age is not asked: the age band covers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DepletionFactor {
    ChronicStress,
    HighSugar,
    Alcohol,
    Diuretics,
    AcidSuppressants,
    Type2Diabetes,
    Gastrointestinal,
}

impl DepletionFactor {
    pub const ALL: [DepletionFactor; 7] = [
        DepletionFactor::ChronicStress,
        DepletionFactor::HighSugar,
        DepletionFactor::Alcohol,
        DepletionFactor::Diuretics,
        DepletionFactor::AcidSuppressants,
        DepletionFactor::Type2Diabetes,
        DepletionFactor::Gastrointestinal,
    ];

    /// The question's words.
    pub fn label(self) -> &'static str {
        match self {
            DepletionFactor::ChronicStress => "Chronic stress",
            DepletionFactor::HighSugar => "A lot of sugar in what I eat and drink",
            DepletionFactor::Alcohol => "Regular alcohol",
            DepletionFactor::Diuretics => "Diuretics (water tablets)",
            DepletionFactor::AcidSuppressants => {
                "Acid-suppressing medicines (proton-pump inhibitors such as omeprazole)"
            }
            DepletionFactor::Type2Diabetes => "Type 2 diabetes",
            DepletionFactor::Gastrointestinal => {
                "A digestive disorder (Crohn's disease, coeliac disease)"
            }
        }
    }

    /// The finding's code: "depletion_" and the factor.
    pub fn code(self) -> &'static str {
        match self {
            DepletionFactor::ChronicStress => "depletion_chronic_stress",
            DepletionFactor::HighSugar => "depletion_high_sugar",
            DepletionFactor::Alcohol => "depletion_alcohol",
            DepletionFactor::Diuretics => "depletion_diuretics",
            DepletionFactor::AcidSuppressants => "depletion_acid_suppressants",
            DepletionFactor::Type2Diabetes => "depletion_type2_diabetes",
            DepletionFactor::Gastrointestinal => "depletion_gastrointestinal",
        }
    }

    /// What to know and do, in the educational words of the guide or ODS that names it.
    pub fn advice(self) -> &'static str {
        match self {
            DepletionFactor::ChronicStress => "Chronic stress: the nerve guide names it among what uses up magnesium. The breathing practice and gentle movement on your checklist are there for it, and rating stress in the check-in shows whether it eases.",
            DepletionFactor::HighSugar => "A high sugar intake: the nerve guide names it among what depletes magnesium. Swapping some sweet foods and drinks for magnesium-rich ones (nuts, seeds, whole grains, beans, leafy greens) helps on both counts; the Food screen suggests some.",
            DepletionFactor::Alcohol => "Alcohol: regular drinking raises the magnesium lost in urine and often lowers what is eaten, and people who drink heavily are a group at risk of low magnesium. Drinking less helps; tell your clinician how much you drink.",
            DepletionFactor::Diuretics => "Diuretics: loop and thiazide diuretics (furosemide, hydrochlorothiazide) raise the magnesium lost in urine; potassium-sparing ones (spironolactone, amiloride) lower it. Add yours under Medicines so Magday notes its type, and ask your clinician whether your magnesium should be checked.",
            DepletionFactor::AcidSuppressants => "Acid-suppressing medicines: proton-pump inhibitors (omeprazole, pantoprazole) taken for more than a year can lower magnesium, and supplements may not correct it. Add yours under Medicines, and ask your clinician whether a blood test is due.",
            DepletionFactor::Type2Diabetes => "Type 2 diabetes: high blood sugar raises the magnesium lost in urine, so people with type 2 diabetes are a group at risk of low magnesium. Ask your clinician whether your magnesium should be checked.",
            DepletionFactor::Gastrointestinal => "Digestive disorders: Crohn's disease, coeliac disease and other conditions with long-lasting diarrhea or poor absorption lower magnesium. Ask your clinician whether your level should be checked.",
        }
    }

    /// Where the factor and its advice come from: the nerve guide for stress and sugar, ODS for
    /// the rest.
    pub fn source(self) -> Source {
        match self {
            DepletionFactor::ChronicStress | DepletionFactor::HighSugar => SRC_DEPLETION_GUIDE,
            _ => SRC_ODS_AT_RISK,
        }
    }
}
