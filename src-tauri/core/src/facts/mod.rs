//! The reference numbers the app's rules use, each with its source
//! (`shared/reference/magnesium-facts.md`). The app is educational: it shows these limits and
//! warnings; it never diagnoses or prescribes.
//!
//! - `sources`: the citations ([`Source`], `SRC_*`).
//! - `intake`: age bands, recommended intake and upper limits.
//! - `forms`: magnesium compounds and their elemental share.
//! - `medicines`: medicine classes and how far to keep them from a dose.
//! - `labels`: the windows of the medicines' own labels.
//! - `names`: the class a medicine's name says it belongs to, whatever class was picked.
//! - `practices`: the notes of the optional items, the vitamin B6 limits and what depletes
//!   magnesium.
//!
//! Every item is re-exported here, so callers write `crate::facts::X`.

mod forms;
mod intake;
mod labels;
mod medicines;
mod names;
mod practices;
mod separation;
mod sources;
mod words;

pub use forms::{form, Form, Laxative, FORMS};
pub use intake::{
    rda_mg, supplement_limit_mg, ul_mg, AgeBand, Pregnancy, Sex, ABSURD_DAILY_MG,
    CONSERVATIVE_LIMIT_MG, WARN_FRACTION,
};
pub use labels::{label_window, LabelWindow, LABEL_WINDOWS};
pub use medicines::{
    MedicineClass, Separation, DEFAULT_OTHER_WINDOW_MIN, MAX_OTHER_WINDOW_MIN, MIN_OTHER_WINDOW_MIN,
};
pub use names::{class_by_name, class_in_force};
pub use practices::{
    b6_limits, B6Limits, DepletionFactor, B6_UL_EFSA_MG, B6_UL_IOM_MG, ITEM_NOTES, MAX_B6_MG,
};
pub use separation::separation_for;
pub use sources::{
    Source, SRC_ALA, SRC_B6_EFSA, SRC_B6_IOM, SRC_DEPLETION_GUIDE, SRC_DIARRHEA, SRC_EFSA_BFR,
    SRC_EMC_LEAFLET, SRC_FORMS, SRC_GUIDES, SRC_INFANT, SRC_IOM_UL, SRC_KIDNEY, SRC_ODS_AT_RISK,
    SRC_ODS_MEDICINES, SRC_ODS_RDA, SRC_OLDER_ADULTS, SRC_OMEGA3, SRC_POTASSIUM, SRC_SPLITTING,
    SRC_TOPICAL, SRC_TOXICITY,
};

/// Symptoms that mean stop and seek urgent care (rare toxicity; the full list of reference §7:
/// low blood pressure, nausea, vomiting, flushing, urine retention, ileus, depression, lethargy,
/// muscle weakness, trouble breathing, irregular heartbeat, confusion). Source: [`SRC_TOXICITY`].
pub const URGENT_SYMPTOMS: &[&str] = &[
    "low blood pressure or feeling faint",
    "nausea and vomiting",
    "flushing",
    "muscle weakness",
    "trouble breathing",
    "irregular heartbeat",
    "confusion",
    "lethargy",
    "not passing urine",
    "no bowel movement or a swollen belly",
    "depression",
];

/// The guides' disclaimer, shown in onboarding and About.
pub const DISCLAIMER: &str = "Magday is educational and is not medical advice. It does not diagnose, treat or prescribe. Talk to a qualified healthcare provider before starting magnesium, especially if you have kidney disease, a neurological condition or take prescription medicines.";

/// Where the week-4 advice on cold hands and feet comes from: the warm-hands guide's own words
/// (reference §7).
pub const SRC_WARM_HANDS_EVALUATION: Source = Source {
    id: "warm_hands_evaluation",
    citation: "Magday's warm hands and feet guide: magnesium \"does not replace medical evaluation\" of persistent cold extremities",
};

/// Added to a worsening nerve symptom's trend (numbness, tingling, nerve pain, weakness):
/// reference §7, and §4a on vitamin B6. Sources: [`SRC_B6_EFSA`], [`SRC_B6_IOM`].
pub const NERVE_WORSE_ADVICE: &str = "Talk to your clinician about it. Too much vitamin B6 is one possible cause: above its upper limit it can cause nerve damage (peripheral neuropathy), with numbness, tingling, pain or weakness. Count the B6 in every product you take, B-complex and multivitamins included, and tell your clinician how much it is.";

/// Added to cold hands or cold feet not better from week 4 of the course: the warm-hands
/// guide's words (reference §7). Source: [`SRC_WARM_HANDS_EVALUATION`].
pub const COLD_NOT_BETTER_ADVICE: &str = "Not better by week 4: the warm-hands guide says magnesium \"does not replace medical evaluation\" of persistent cold extremities. Talk to your clinician about your cold hands or feet.";
