//! The protocol's data: what the user enters ([`ProtocolInput`] and its parts, the safety
//! questions unanswered until chosen in [`SafetyInput`]), what is stored in each version
//! ([`ProtocolSpec`], [`SafetyAnswers`] with its [`KidneyAnswer`], [`SupplementPlan`],
//! [`DoseSpec`]), and what the safety rules report ([`SafetyReport`], [`Finding`], [`KeepApart`]).

use chrono::{Duration, NaiveDate, NaiveTime};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::day::parse_hhmm;
use crate::error::{CoreError, Result};
use crate::facts::{MedicineClass, Source};
// A symptom is the log's word (a rating names one); the protocol says which are tracked.
pub use crate::log::Symptom;

pub use super::answers::{KidneyAnswer, MedicineInput, SafetyAnswers, SafetyInput};

/// The protocol templates from the two seed guides, and a blank one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    /// "Warm hands and feet": circulation.
    Circulation,
    /// "Nerve and muscle recovery".
    Nerve,
    /// Start from nothing.
    Custom,
}

/// How an item is ticked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum ItemKind {
    /// One tap: done or not.
    Check,
    /// A count toward a target (glasses of water).
    Count { target: u32 },
}

/// A non-dose checklist item of a protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ItemSpec {
    /// Stable key: "food", "water", "movement", "breathing", "sleep", "b6", ..., or "custom:N".
    pub key: String,
    pub label: String,
    pub kind: ItemKind,
    /// What to know before taking it, with its source (the optional items, reference §4a and
    /// §4b). Versions saved before items carried notes read as `None`.
    #[serde(default)]
    pub note: Option<ItemNote>,
}

/// How the product's strength is stated on its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AmountKind {
    /// "Magnesium 200 mg (as citrate)": already elemental.
    Elemental,
    /// "Magnesium oxide 400 mg": the compound's weight, converted with the form's percentage.
    Compound,
}

/// The name a medicine is shown by: the user's own, else its class.
pub(crate) fn medicine_name(m: &MedicineInput) -> String {
    let n = m.name.trim();
    if n.is_empty() {
        m.class.label().to_string()
    } else {
        n.to_string()
    }
}

/// One dose as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DoseInput {
    /// Local wall-clock time "HH:MM".
    pub time: String,
    /// Units (capsules, tablets, scoops) per dose.
    pub units: f64,
}

/// The product and its dose plan as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SupplementInput {
    /// A form id from the reference table ("glycinate", "citrate", ...).
    pub form: String,
    /// The product's name, for the user's eyes.
    pub product: String,
    pub amount_kind: AmountKind,
    /// mg per unit, elemental or compound as `amount_kind` says.
    pub mg_per_unit: f64,
    pub doses: Vec<DoseInput>,
    /// Minutes after a dose's time before it counts as missed.
    pub window_minutes: u32,
}

/// A protocol as the user sets it up (onboarding) or edits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProtocolInput {
    pub template: Template,
    pub name: String,
    pub safety: SafetyInput,
    /// `None`: no supplement doses (food, water, movement and the rest only).
    pub supplement: Option<SupplementInput>,
    /// "YYYY-MM-DD".
    pub start_date: String,
    pub length_days: u32,
    pub water_glasses: u32,
    /// Keys of the template's standard items the user turned off.
    pub items_off: Vec<String>,
    /// Keys of optional items turned on ("b6", "omega3", ...).
    pub optional_items: Vec<String>,
    /// The user's own items ("Stretch before bed").
    pub custom_items: Vec<String>,
    pub symptoms: Vec<Symptom>,
    /// The user read the warning that the plan is above the limit and keeps it.
    pub acknowledge_above_limit: bool,
    /// Vitamin B6 the user takes, mg a day, from the B6 item and B-complex together (optional,
    /// 0 to 500; reference §4a).
    #[serde(default)]
    pub b6_mg_per_day: Option<f64>,
}

/// A dose as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DoseSpec {
    /// 1-based position in the day.
    pub slot: u32,
    /// "HH:MM" local wall-clock time.
    pub time: String,
    pub units: f64,
    /// Elemental mg in this dose.
    pub mg: f64,
}

impl DoseSpec {
    pub fn local_time(&self) -> Result<NaiveTime> {
        parse_hhmm(&self.time, "time")
            .map_err(|_| CoreError::Corrupt(format!("stored dose time {:?}", self.time)))
    }
}

/// A validated supplement plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SupplementPlan {
    pub form: String,
    pub form_name: String,
    pub product: String,
    pub amount_kind: AmountKind,
    pub mg_per_unit: f64,
    /// Elemental mg per unit (the conversion is shown when the label gave the compound weight).
    pub elemental_mg_per_unit: f64,
    /// How the elemental amount was derived, in words.
    pub assumption: Option<String>,
    pub doses: Vec<DoseSpec>,
    pub window_minutes: u32,
    pub daily_mg: f64,
}

/// A validated protocol, as stored in each version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProtocolSpec {
    pub template: Template,
    pub name: String,
    pub safety: SafetyAnswers,
    pub supplement: Option<SupplementPlan>,
    pub start_date: NaiveDate,
    pub length_days: u32,
    pub items: Vec<ItemSpec>,
    pub symptoms: Vec<Symptom>,
    pub rda_mg: u32,
    /// The user kept a plan above the supplemental limit, saying it is on a clinician's advice:
    /// stored with how far above it was, and shown on Today and in the report. Versions saved
    /// before this was recorded read as `None`.
    #[serde(default)]
    pub above_limit: Option<AboveLimit>,
    /// Vitamin B6 the user stated, mg a day (B6 and B-complex together); versions saved before
    /// it was asked read as `None`.
    #[serde(default)]
    pub b6_mg_per_day: Option<f64>,
    /// Set when the save rules would refuse this plan as stored (it came from another device,
    /// a file or an older build): why its doses are held. Never stored; see [`super::govern`].
    #[serde(skip)]
    #[ts(skip)]
    pub held: Option<Finding>,
}

/// An acknowledged plan above the supplemental limit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct AboveLimit {
    /// Supplements plus declared antacids and laxatives, mg a day.
    pub total_mg: f64,
    pub limit_mg: u32,
    /// `total_mg` as a share of the limit, percent (rounded).
    pub percent: u32,
}

impl ProtocolSpec {
    /// The last day of the course.
    pub fn end_date(&self) -> NaiveDate {
        self.start_date + Duration::days(i64::from(self.length_days.max(1)) - 1)
    }

    /// Day N of the course (1-based) or `None` outside it.
    pub fn course_day(&self, day: NaiveDate) -> Option<u32> {
        if day < self.start_date || day > self.end_date() {
            return None;
        }
        u32::try_from((day - self.start_date).num_days() + 1).ok()
    }

    /// The doses of `day`: none outside the course or without a plan.
    pub fn doses_on(&self, day: NaiveDate) -> &[DoseSpec] {
        match (&self.supplement, self.course_day(day)) {
            (Some(plan), Some(_)) => &plan.doses,
            _ => &[],
        }
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Info,
    Caution,
    Warning,
    Strong,
    Stop,
}

/// One thing the user should know about their plan, with its source.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Finding {
    pub level: Level,
    pub code: &'static str,
    pub message: String,
    pub source: Source,
}

/// A "keep apart" window: a medicine should not be taken in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KeepApart {
    pub medicine: String,
    pub class: MedicineClass,
    /// "HH:MM" local times; `until` may be past midnight ("01:00").
    pub from: String,
    pub until: String,
    /// The dose slot it surrounds.
    pub dose_slot: u32,
    pub source: Source,
}

/// What the safety rules say about a plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SafetyReport {
    /// False when a supplement plan must not be built (kidney disease, under 1 year).
    pub supplement_allowed: bool,
    pub rda_mg: u32,
    /// The supplemental limit in force (UL, or the conservative limit); `None` under 1 year.
    pub limit_mg: Option<u32>,
    pub limit_source: Source,
    /// Supplements plus declared antacids and laxatives, mg/day.
    pub supplemental_total_mg: f64,
    /// The largest single intake, mg.
    pub largest_dose_mg: f64,
    pub findings: Vec<Finding>,
    pub keep_apart: Vec<KeepApart>,
    /// Optional items not offered with these answers (potassium with kidney disease or a
    /// potassium-sparing diuretic): the setup form leaves them out.
    pub withheld_items: Vec<String>,
}

impl SafetyReport {
    pub fn worst(&self) -> Option<Level> {
        self.findings.iter().map(|f| f.level).max()
    }
}

/// A note an item carries (what to know before taking it), with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ItemNote {
    pub text: String,
    /// The source's citation, as [`crate::facts::Source`] gives it.
    pub citation: String,
}
