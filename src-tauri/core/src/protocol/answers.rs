//! The safety questions: as the setup form sends them ([`SafetyInput`], each one unanswered
//! until chosen) and as each version stores them and the rules read them ([`SafetyAnswers`]).
//! Re-exported by `model`, beside the rest of the protocol's data.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{KidneyAnswer, MedicineInput};
use crate::facts::{AgeBand, DepletionFactor, Pregnancy, Sex};

/// The safety questions as answered, as stored in each version and as the rules read them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SafetyAnswers {
    pub age_band: AgeBand,
    pub sex: Sex,
    pub pregnancy: Pregnancy,
    pub kidney_disease: KidneyAnswer,
    pub medicines: Vec<MedicineInput>,
    /// The user takes antacids or laxatives that contain magnesium (reference §2: they count
    /// toward the limit; §3: with kidney disease, a stop). Versions saved before it was asked
    /// read as `false`; [`SafetyAnswers::takes_antacids`] counts their amount as a yes.
    #[serde(default)]
    pub takes_antacid_laxative: bool,
    /// Elemental mg a day from magnesium antacids or laxatives the user takes (counts toward the
    /// UL); 0 when the amount is not known.
    pub antacid_laxative_mg: f64,
    /// Use the stricter European 250 mg limit.
    pub conservative_limit: bool,
    /// The wider windows of the UK leaflet (2–3 h from medicines in general, 3–4 h from iron
    /// and bisphosphonates): a setting of its own, separate from `conservative_limit`.
    #[serde(default)]
    pub wider_windows: bool,
    /// What depletes magnesium, as the user names it (optional; reference §4c). Answers saved
    /// before it was asked read as none.
    #[serde(default)]
    pub depletion: Vec<DepletionFactor>,
}

impl SafetyAnswers {
    /// Whether the user takes antacids or laxatives with magnesium: said yes, or (saved before
    /// the question was asked) gave an amount.
    pub fn takes_antacids(&self) -> bool {
        self.takes_antacid_laxative || self.antacid_laxative_mg > 0.0
    }
}

/// The safety questions as the setup form sends them. Nothing is pre-filled (reference §3): age
/// band, sex, pregnancy, kidney disease and the antacid question are `None` (null) until the
/// user chooses, and `protocol::validate_safety` refuses one left unanswered with
/// `safety_unanswered`, naming its field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SafetyInput {
    pub age_band: Option<AgeBand>,
    pub sex: Option<Sex>,
    /// Asked only of women in a band where pregnancy applies; elsewhere `None` means no.
    pub pregnancy: Option<Pregnancy>,
    pub kidney_disease: Option<KidneyAnswer>,
    pub medicines: Vec<MedicineInput>,
    /// "Do you take antacids or laxatives that contain magnesium?", asked before the amount.
    /// An input from before the question (the field absent) with an amount above 0 reads as
    /// yes; without one, as unanswered.
    #[serde(default)]
    pub takes_antacid_laxative: Option<bool>,
    /// Elemental mg a day from magnesium antacids or laxatives the user takes (counts toward the
    /// UL); 0 with a no, or with a yes whose amount is not known.
    pub antacid_laxative_mg: f64,
    /// Use the stricter European 250 mg limit.
    pub conservative_limit: bool,
    /// The UK leaflet's wider windows around medicines (see [`SafetyAnswers::wider_windows`]).
    #[serde(default)]
    pub wider_windows: bool,
    /// What depletes magnesium (optional; see [`SafetyAnswers::depletion`]).
    #[serde(default)]
    pub depletion: Vec<DepletionFactor>,
}

impl From<SafetyAnswers> for SafetyInput {
    /// Answers already chosen (a saved protocol, edited): every question answered.
    fn from(a: SafetyAnswers) -> Self {
        SafetyInput {
            age_band: Some(a.age_band),
            sex: Some(a.sex),
            pregnancy: Some(a.pregnancy),
            kidney_disease: Some(a.kidney_disease),
            takes_antacid_laxative: Some(a.takes_antacids()),
            medicines: a.medicines,
            antacid_laxative_mg: a.antacid_laxative_mg,
            conservative_limit: a.conservative_limit,
            wider_windows: a.wider_windows,
            depletion: a.depletion,
        }
    }
}
