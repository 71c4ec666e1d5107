//! What protocol setup shows and answers: the options onboarding offers (templates with their
//! starting protocols, their safety questions unanswered, forms, age bands with what follows
//! from each, medicines, symptoms, what depletes magnesium), the check of a protocol before it is saved (with what it
//! changes against the saved one), and the saved protocol as the protocol screen shows it. The
//! rules themselves live in [`crate::protocol`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ApiError, CoreError, Result};
use crate::facts::{self, AgeBand, B6Limits, DepletionFactor, Form, MedicineClass};
use crate::protocol::{
    self, evaluate_protocol, ProtocolInput, ProtocolSpec, ReportChanges, SafetyReport,
    SupplementPlan, Symptom, TemplateInfo,
};
use crate::store::StoredVersion;

/// What onboarding offers: templates, forms, age bands, medicine classes, symptoms, depletion
/// factors.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SetupOptions {
    pub templates: Vec<TemplateInfo>,
    pub forms: Vec<Form>,
    pub age_bands: Vec<AgeBandOption>,
    pub medicine_classes: Vec<Labelled<MedicineClass>>,
    pub symptoms: Vec<Labelled<Symptom>>,
    /// Signs of too much magnesium a check-in may report (`check_in` accepts exactly these).
    pub urgent_symptoms: Vec<String>,
    pub disclaimer: String,
    pub default_length_days: u32,
    pub default_window_minutes: u32,
    /// A starting protocol per template (same order as `templates`): the numbers the setup
    /// form begins with come from the core, never from the UI. Its safety questions are left
    /// unanswered (null): the user chooses each.
    pub drafts: Vec<ProtocolInput>,
    pub today: NaiveDate,
    /// The Day 1 onboarding offers: today, except after midnight and before the day start,
    /// when the day still running is nearly over and Day 1 is the one that begins at the day
    /// start (the calendar date).
    pub first_day: NaiveDate,
    /// What depletes magnesium, asked optionally with the safety answers (reference §4c).
    pub depletion_factors: Vec<Labelled<DepletionFactor>>,
}

/// An age band with what follows from it for the setup form.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AgeBandOption {
    pub id: AgeBand,
    pub label: String,
    /// Under 1 year: no supplement plan is built (no upper limit is established).
    pub infant: bool,
    /// Pregnancy and breastfeeding values exist for this band (the question is asked).
    pub can_be_pregnant: bool,
    /// The daily supplement amount a plan starts from for this band (a child's starts within
    /// their own limit), in every setup: the first, an edit, a new course; `None` where no plan
    /// is built.
    pub start_daily_mg: Option<f64>,
    /// A young child (1–8 years): no acknowledgement keeps a plan above the band's limit.
    pub firm_limit: bool,
    /// The vitamin B6 limits of this band (reference §4a); `None` under 1 year.
    pub b6_limits: Option<B6Limits>,
}

/// A value with its label.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Labelled<T> {
    pub id: T,
    pub label: String,
}

fn labelled<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<Labelled<T>> {
    all.iter()
        .map(|&id| Labelled {
            id,
            label: label(id).to_string(),
        })
        .collect()
}

/// The setup options on `today`, offering `first_day` as Day 1.
pub fn options(today: NaiveDate, first_day: NaiveDate) -> SetupOptions {
    SetupOptions {
        templates: protocol::templates(),
        forms: facts::FORMS.to_vec(),
        age_bands: AgeBand::ALL
            .iter()
            .map(|&a| AgeBandOption {
                id: a,
                label: a.label().to_string(),
                infant: a.is_infant(),
                can_be_pregnant: a.can_be_pregnant(),
                start_daily_mg: protocol::start_daily_mg(a),
                firm_limit: a.is_young_child(),
                b6_limits: facts::b6_limits(a),
            })
            .collect(),
        medicine_classes: labelled(&MedicineClass::ALL, |m| m.label()),
        symptoms: labelled(&Symptom::ALL, |s| s.label()),
        urgent_symptoms: facts::URGENT_SYMPTOMS
            .iter()
            .map(|s| s.to_string())
            .collect(),
        disclaimer: facts::DISCLAIMER.into(),
        default_length_days: protocol::DEFAULT_LENGTH_DAYS,
        default_window_minutes: protocol::DEFAULT_WINDOW_MIN,
        drafts: protocol::templates()
            .iter()
            .map(|t| protocol::default_input(t.id, first_day))
            .collect(),
        today,
        first_day,
        depletion_factors: labelled(&DepletionFactor::ALL, |f| f.label()),
    }
}

/// The saved protocol, as the protocol screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProtocolView {
    pub version_id: i64,
    pub course_id: i64,
    /// The first day this version governs.
    pub effective_from: NaiveDate,
    /// True when it takes effect on a later day (today is already logged).
    pub pending: bool,
    pub spec: ProtocolSpec,
    pub report: SafetyReport,
    /// How many versions this course has had.
    pub version_count: u32,
}

/// What checking a protocol says.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProtocolCheck {
    pub report: SafetyReport,
    /// The supplement plan as it would be saved (elemental mg, the conversion shown).
    pub plan: Option<SupplementPlan>,
    /// Why saving it now would be refused (a safety stop, an unacknowledged limit).
    pub refusal: Option<ApiError>,
    /// With a protocol saved (an edit, or a new course after one): the findings this protocol
    /// adds and removes compared with the saved one's report (`ProtocolView::report`), so a
    /// changed safety answer shows what it changes before it is saved. `None` before any.
    pub changes: Option<ReportChanges>,
    /// The medicines (by index) whose label allows taking them at the same moment as magnesium
    /// only with food (bictegravir): the form asks whether both are taken with food.
    pub ask_with_food: Vec<u32>,
}

/// Input for `save_protocol`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SaveProtocolInput {
    pub protocol: ProtocolInput,
    /// Start a new course instead of editing the current one.
    pub new_course: bool,
}

/// Check a protocol without saving it: the safety report and the plan as it would be saved, or
/// the input error (`safety_unanswered` while a safety question is unanswered). A plan refused
/// for safety still gets its report, so the user sees why. With `saved`, the report of the
/// protocol saved now, the check also says what changes against it.
pub fn check(
    input: &ProtocolInput,
    today: NaiveDate,
    day_start_min: u32,
    saved: Option<&SafetyReport>,
) -> Result<ProtocolCheck> {
    let (report, plan, refusal) = match protocol::validate(input, today, day_start_min) {
        Ok((spec, report)) => (report, spec.supplement, None),
        Err(e @ CoreError::Refused { .. }) => {
            let safety = protocol::validate_safety(&input.safety)?;
            let plan = input
                .supplement
                .as_ref()
                .map(|s| protocol::build_plan(s, day_start_min))
                .transpose()?;
            (
                evaluate_protocol(&safety, plan.as_ref(), input.b6_mg_per_day),
                plan,
                Some(ApiError::from(e)),
            )
        }
        Err(e) => return Err(e),
    };
    let ask_with_food = input
        .safety
        .medicines
        .iter()
        .enumerate()
        .filter(|(_, m)| facts::label_window(&m.name).is_some_and(|l| l.together_only_with_food))
        .filter_map(|(i, _)| u32::try_from(i).ok())
        .collect();
    Ok(ProtocolCheck {
        ask_with_food,
        changes: saved.map(|s| protocol::report_changes(s, &report)),
        report,
        plan,
        refusal,
    })
}

/// What the safety rules say about a saved protocol (its answers and its plan).
pub fn saved_report(spec: &ProtocolSpec) -> SafetyReport {
    evaluate_protocol(&spec.safety, spec.supplement.as_ref(), spec.b6_mg_per_day)
}

/// A saved version as the protocol screen shows it; `version_count` is its course's.
pub fn protocol_view(
    v: &StoredVersion,
    spec: ProtocolSpec,
    today: NaiveDate,
    version_count: i64,
) -> ProtocolView {
    ProtocolView {
        version_id: v.id,
        course_id: v.course_id,
        effective_from: v.effective_from,
        pending: v.effective_from > today,
        report: saved_report(&spec),
        spec,
        version_count: u32::try_from(version_count).unwrap_or(0),
    }
}

/// The Day 1 to offer a new course, given today (by the day start) and the calendar date now:
/// today, except after midnight and before the day start, when the day still running is nearly
/// over and Day 1 is the one that begins at the day start (the calendar date).
pub fn first_day(today: NaiveDate, calendar: NaiveDate) -> NaiveDate {
    today.max(calendar)
}
