//! The safety questions: as the setup form sends them ([`SafetyInput`], each one unanswered
//! until chosen) and as each version stores them and the rules read them ([`SafetyAnswers`]).
//! Re-exported by `model`, beside the rest of the protocol's data.

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize};
use ts_rs::TS;

use crate::facts::{AgeBand, DepletionFactor, MedicineClass, Pregnancy, Sex};

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

/// A medicine the user takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MedicineInput {
    pub class: MedicineClass,
    /// The user's own name for it ("doxycycline"); may be empty.
    pub name: String,
    /// When the user usually takes it, "HH:MM"; enables separation reminders.
    pub time: Option<String>,
    /// Further intakes the same day ("HH:MM"; antibiotics twice or three times a day): each
    /// gets its window and its reminder.
    #[serde(default)]
    pub more_times: Vec<String>,
    /// For another prescription medicine: minutes to keep it from magnesium on either side
    /// (2 h when unset, reference §4).
    #[serde(default)]
    pub window_min: Option<u32>,
    /// The user takes it together with magnesium and with food: where the medicine's label allows
    /// that (bictegravir, Biktarvy), a dose at the same moment is then no clash (reference §4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub with_food: Option<bool>,
}

impl MedicineInput {
    /// Every intake of the day, "HH:MM".
    pub fn times(&self) -> impl Iterator<Item = &str> {
        self.time
            .as_deref()
            .into_iter()
            .chain(self.more_times.iter().map(String::as_str))
    }

    /// How far it must stay from a magnesium dose (see [`crate::facts::separation_for`]).
    pub fn separation(&self, wider: bool) -> Option<crate::facts::Separation> {
        crate::facts::separation_for(self.class, &self.name, self.window_min, wider)
    }
}

/// The answer to "Do you have kidney disease, reduced kidney function or dialysis?".
/// "Not sure" counts as yes in every rule until it is answered (reference §3).
///
/// Written as `"yes"`, `"no"` or `"not_sure"`. Protocols saved before the question had three
/// answers stored a bool, so a stored `true` still reads as yes and `false` as no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KidneyAnswer {
    Yes,
    No,
    NotSure,
}

impl KidneyAnswer {
    /// The answers as written, in the order the form offers them.
    pub const KEYS: &'static [&'static str] = &["yes", "no", "not_sure"];

    /// Whether the kidney rules apply: yes, and not sure until it is answered.
    pub fn counts_as_yes(self) -> bool {
        self != KidneyAnswer::No
    }
}

impl<'de> Deserialize<'de> for KidneyAnswer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Answer;
        impl de::Visitor<'_> for Answer {
            type Value = KidneyAnswer;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("yes, no or not_sure")
            }

            /// A protocol saved before "not sure" existed.
            fn visit_bool<E: de::Error>(self, v: bool) -> std::result::Result<KidneyAnswer, E> {
                Ok(if v {
                    KidneyAnswer::Yes
                } else {
                    KidneyAnswer::No
                })
            }

            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<KidneyAnswer, E> {
                match v {
                    "yes" => Ok(KidneyAnswer::Yes),
                    "no" => Ok(KidneyAnswer::No),
                    "not_sure" => Ok(KidneyAnswer::NotSure),
                    _ => Err(E::unknown_variant(v, KidneyAnswer::KEYS)),
                }
            }
        }
        d.deserialize_any(Answer)
    }
}
