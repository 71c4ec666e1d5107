//! The user's protocol: a template, a product, a daily dose split into doses at local times,
//! a start date and a length, the checklist items and the symptoms tracked; and the safety rules
//! that are applied before any supplement plan is saved.

use chrono::{Duration, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::day::{fmt_hhmm, parse_date, parse_hhmm};
use crate::error::{quoted, CoreError, Result};
use crate::facts::{
    self, AgeBand, Laxative, MedicineClass, Pregnancy, Sex, Source, ABSURD_DAILY_MG, SRC_DIARRHEA,
    SRC_GUIDES, SRC_INFANT, SRC_IOM_UL, SRC_KIDNEY, SRC_ODS_RDA, SRC_SPLITTING, WARN_FRACTION,
};

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

/// The symptoms a protocol can track, each rated 0 (none) to 10 (worst).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Symptom {
    ColdHands,
    ColdFeet,
    Numbness,
    Tingling,
    NervePain,
    Cramps,
    Weakness,
    Stress,
    PoorSleep,
    /// Stomach upset or loose stools: the tolerance check every protocol tracks.
    Stomach,
}

impl Symptom {
    pub const ALL: [Symptom; 10] = [
        Symptom::ColdHands,
        Symptom::ColdFeet,
        Symptom::Numbness,
        Symptom::Tingling,
        Symptom::NervePain,
        Symptom::Cramps,
        Symptom::Weakness,
        Symptom::Stress,
        Symptom::PoorSleep,
        Symptom::Stomach,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Symptom::ColdHands => "cold_hands",
            Symptom::ColdFeet => "cold_feet",
            Symptom::Numbness => "numbness",
            Symptom::Tingling => "tingling",
            Symptom::NervePain => "nerve_pain",
            Symptom::Cramps => "cramps",
            Symptom::Weakness => "weakness",
            Symptom::Stress => "stress",
            Symptom::PoorSleep => "poor_sleep",
            Symptom::Stomach => "stomach",
        }
    }

    pub fn from_key(key: &str) -> Option<Symptom> {
        Symptom::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Symptom::ColdHands => "Cold hands",
            Symptom::ColdFeet => "Cold feet",
            Symptom::Numbness => "Numbness",
            Symptom::Tingling => "Tingling",
            Symptom::NervePain => "Nerve pain",
            Symptom::Cramps => "Cramps or muscle tension",
            Symptom::Weakness => "Weakness",
            Symptom::Stress => "Stress",
            Symptom::PoorSleep => "Poor sleep",
            Symptom::Stomach => "Stomach upset or loose stools",
        }
    }
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
}

/// The standard and optional items templates offer: (key, label).
pub const STANDARD_ITEMS: &[(&str, &str)] = &[
    ("food", "Magnesium-rich food"),
    ("water", "Water"),
    ("movement", "Gentle movement or yoga"),
    ("breathing", "Breathing practice"),
    ("sleep", "Sleep: wind down on time"),
];

/// Optional supplements the nerve guide pairs with magnesium.
pub const OPTIONAL_ITEMS: &[(&str, &str)] = &[
    ("b6", "Vitamin B6"),
    ("potassium", "Potassium-rich food"),
    ("omega3", "Omega-3"),
    ("ala", "Alpha-lipoic acid"),
    ("b_complex", "B-complex"),
];

/// What a template brings.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TemplateInfo {
    pub id: Template,
    pub name: &'static str,
    pub summary: &'static str,
    pub default_form: &'static str,
    pub default_times: Vec<String>,
    /// Elemental mg per day the template starts from (two doses of half).
    pub default_daily_mg: f64,
    pub items: Vec<ItemSpec>,
    /// Keys of optional items the user may add.
    pub optional_items: Vec<ItemSpec>,
    pub symptoms: Vec<Symptom>,
    pub breathing_hint: &'static str,
}

fn item(key: &str, label: &str, water: u32) -> ItemSpec {
    ItemSpec {
        key: key.to_string(),
        label: label.to_string(),
        kind: if key == "water" {
            ItemKind::Count { target: water }
        } else {
            ItemKind::Check
        },
    }
}

pub const DEFAULT_WATER_GLASSES: u32 = 8;
pub const DEFAULT_LENGTH_DAYS: u32 = 56;
pub const DEFAULT_WINDOW_MIN: u32 = 180;

/// The templates, condensed from the two seed guides (design.md §1).
pub fn templates() -> Vec<TemplateInfo> {
    [Template::Circulation, Template::Nerve, Template::Custom]
        .into_iter()
        .map(template)
        .collect()
}

/// One template.
pub fn template(id: Template) -> TemplateInfo {
    let standard: Vec<ItemSpec> = STANDARD_ITEMS
        .iter()
        .map(|(k, l)| item(k, l, DEFAULT_WATER_GLASSES))
        .collect();
    let optional: Vec<ItemSpec> = OPTIONAL_ITEMS
        .iter()
        .map(|(k, l)| item(k, l, DEFAULT_WATER_GLASSES))
        .collect();
    match id {
        Template::Circulation => TemplateInfo {
            id,
            name: "Warm hands and feet",
            summary: "Magnesium relaxes the smooth muscle of blood vessels and calms the stress response that narrows them. Daily magnesium, magnesium-rich food, water, gentle daily movement or yoga, and breathing (pranayama).",
            default_form: "citrate",
            default_times: vec!["08:00".into(), "19:00".into()],
            default_daily_mg: 200.0,
            items: standard,
            optional_items: vec![],
            symptoms: vec![Symptom::ColdHands, Symptom::ColdFeet, Symptom::Tingling, Symptom::Stress, Symptom::PoorSleep, Symptom::Stomach],
            breathing_hint: "Alternate-nostril or slow belly breathing, 5–10 minutes.",
        },
        Template::Nerve => TemplateInfo {
            id,
            name: "Nerve and muscle recovery",
            summary: "Circulation and nerves depend on each other. Glycinate and malate absorb well and are gentle; magnesium daily, often split into two doses, the evening one for relaxation; gentle movement; slow breathing with long exhalations. Two months; some effects within days, deeper recovery over weeks.",
            default_form: "glycinate",
            default_times: vec!["08:00".into(), "20:00".into()],
            default_daily_mg: 200.0,
            items: standard,
            optional_items: optional,
            symptoms: vec![Symptom::Numbness, Symptom::Tingling, Symptom::NervePain, Symptom::Cramps, Symptom::Weakness, Symptom::Stress, Symptom::PoorSleep, Symptom::Stomach],
            breathing_hint: "Slow diaphragmatic breathing with a longer exhale than inhale, 5–10 minutes.",
        },
        Template::Custom => TemplateInfo {
            id,
            name: "Custom",
            summary: "Choose your own items and symptoms.",
            default_form: "glycinate",
            default_times: vec!["08:00".into(), "20:00".into()],
            default_daily_mg: 200.0,
            items: standard,
            optional_items: optional,
            symptoms: vec![Symptom::Stomach],
            breathing_hint: "Any slow breathing practice you like.",
        },
    }
}

/// mg per unit a new plan starts from, until the user reads their label: a product choice (a
/// round number in the range of common capsules), not a recommendation.
pub const DEFAULT_MG_PER_UNIT: f64 = 100.0;

/// The protocol a setup form starts from for template `id`, Day 1 on `start`: the template's
/// form, times and daily amount split evenly, the default course length, water target and
/// window. The safety answers are placeholders the form asks about.
pub fn default_input(id: Template, start: NaiveDate) -> ProtocolInput {
    let t = template(id);
    let per_dose = t.default_daily_mg / t.default_times.len().max(1) as f64 / DEFAULT_MG_PER_UNIT;
    ProtocolInput {
        template: id,
        name: String::new(),
        safety: SafetyAnswers {
            age_band: AgeBand::Years31To50,
            sex: Sex::Female,
            pregnancy: Pregnancy::No,
            kidney_disease: false,
            medicines: vec![],
            antacid_laxative_mg: 0.0,
            conservative_limit: false,
        },
        supplement: Some(SupplementInput {
            form: t.default_form.to_string(),
            product: String::new(),
            amount_kind: AmountKind::Elemental,
            mg_per_unit: DEFAULT_MG_PER_UNIT,
            doses: t
                .default_times
                .iter()
                .map(|time| DoseInput {
                    time: time.clone(),
                    units: per_dose,
                })
                .collect(),
            window_minutes: DEFAULT_WINDOW_MIN,
        }),
        start_date: start.format("%Y-%m-%d").to_string(),
        length_days: DEFAULT_LENGTH_DAYS,
        water_glasses: DEFAULT_WATER_GLASSES,
        items_off: vec![],
        optional_items: vec![],
        custom_items: vec![],
        symptoms: t.symptoms.clone(),
        acknowledge_above_limit: false,
    }
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

/// A medicine the user takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MedicineInput {
    pub class: MedicineClass,
    /// The user's own name for it ("doxycycline"); may be empty.
    pub name: String,
    /// When the user usually takes it, "HH:MM"; enables separation reminders.
    pub time: Option<String>,
}

/// The safety questions, answered before any supplement plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SafetyAnswers {
    pub age_band: AgeBand,
    pub sex: Sex,
    pub pregnancy: Pregnancy,
    pub kidney_disease: bool,
    pub medicines: Vec<MedicineInput>,
    /// Elemental mg a day from magnesium antacids or laxatives the user takes (counts toward the UL).
    pub antacid_laxative_mg: f64,
    /// Use the stricter European 250 mg limit.
    pub conservative_limit: bool,
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
    pub safety: SafetyAnswers,
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
}

impl SafetyReport {
    pub fn worst(&self) -> Option<Level> {
        self.findings.iter().map(|f| f.level).max()
    }
}

fn finite_in(v: f64, lo_exclusive: f64, hi: f64) -> bool {
    v.is_finite() && v > lo_exclusive && v <= hi
}

/// Most doses a day.
pub const MAX_DOSES: usize = 4;
/// Most units per dose (a scoop or capsule count); more is surely a typo.
pub const MAX_UNITS: f64 = 20.0;
/// Longest course, days.
pub const MAX_LENGTH_DAYS: u32 = 365;
/// Shortest course, days.
pub const MIN_LENGTH_DAYS: u32 = 7;
/// How far from today a start date may be, days.
pub const MAX_START_OFFSET_DAYS: i64 = 366;

/// Validate the safety answers alone.
pub fn validate_safety(s: &SafetyAnswers) -> Result<()> {
    if s.pregnancy != Pregnancy::No && (s.sex != Sex::Female || !s.age_band.can_be_pregnant()) {
        return Err(CoreError::invalid(
            "invalid_pregnancy",
            "safety.pregnancy",
            "Pregnancy and lactation apply to women aged 14 to 50 in the reference tables: check the age band and sex.",
        ));
    }
    if !(s.antacid_laxative_mg.is_finite()
        && (0.0..=ABSURD_DAILY_MG).contains(&s.antacid_laxative_mg))
    {
        return Err(CoreError::invalid(
            "invalid_antacid",
            "safety.antacid_laxative_mg",
            "Magnesium from antacids or laxatives must be a number of mg a day from 0 to 5,000.",
        ));
    }
    if s.medicines.len() > 12 {
        return Err(CoreError::invalid(
            "too_many_medicines",
            "safety.medicines",
            "List at most 12 medicines.",
        ));
    }
    for (i, m) in s.medicines.iter().enumerate() {
        if m.name.chars().count() > 60 {
            return Err(CoreError::invalid(
                "invalid_medicine",
                format!("safety.medicines[{i}].name"),
                "A medicine's name can be at most 60 characters.",
            ));
        }
        if let Some(t) = &m.time {
            parse_hhmm(t, &format!("safety.medicines[{i}].time"))?;
        }
    }
    Ok(())
}

/// Build the validated plan from the supplement input (no safety judgement beyond the bounds).
pub fn build_plan(input: &SupplementInput, day_start_min: u32) -> Result<SupplementPlan> {
    let form = facts::form(input.form.trim()).ok_or_else(|| {
        CoreError::invalid(
            "unknown_form",
            "supplement.form",
            format!(
                "{} is not a magnesium form Magday knows: pick one from the list.",
                quoted(&input.form)
            ),
        )
    })?;
    if input.product.chars().count() > 80 {
        return Err(CoreError::invalid(
            "invalid_product",
            "supplement.product",
            "The product name can be at most 80 characters.",
        ));
    }
    if !finite_in(input.mg_per_unit, 0.0, ABSURD_DAILY_MG) {
        return Err(CoreError::invalid(
            "invalid_amount",
            "supplement.mg_per_unit",
            "The mg per capsule or tablet must be a number above 0 and at most 5,000.",
        ));
    }
    if input.doses.is_empty() || input.doses.len() > MAX_DOSES {
        return Err(CoreError::invalid(
            "invalid_dose_count",
            "supplement.doses",
            format!("Split the day into 1 to {MAX_DOSES} doses."),
        ));
    }
    if !(30..=720).contains(&input.window_minutes) {
        return Err(CoreError::invalid(
            "invalid_window",
            "supplement.window_minutes",
            "A dose's window must be from 30 minutes to 12 hours.",
        ));
    }
    let (elemental, assumption) = match input.amount_kind {
        AmountKind::Elemental => (input.mg_per_unit, None),
        AmountKind::Compound => {
            let e = input.mg_per_unit * form.elemental_percent / 100.0;
            (
                e,
                Some(format!(
                    "{} mg of magnesium {} × {}% elemental ≈ {:.0} mg of magnesium per unit. If your label says \"Magnesium … mg (as {})\", that figure is already elemental: choose \"elemental\" instead.",
                    fmt_mg(input.mg_per_unit),
                    form.name.to_lowercase(),
                    form.elemental_percent,
                    e,
                    form.id.split('_').next().unwrap_or(form.id),
                )),
            )
        }
    };
    let mut doses: Vec<(NaiveTime, f64)> = Vec::new();
    for (i, d) in input.doses.iter().enumerate() {
        let time = parse_hhmm(&d.time, &format!("supplement.doses[{i}].time"))?;
        if !finite_in(d.units, 0.0, MAX_UNITS) {
            return Err(CoreError::invalid(
                "invalid_units",
                format!("supplement.doses[{i}].units"),
                format!("Units per dose must be a number above 0 and at most {MAX_UNITS}."),
            ));
        }
        if doses.iter().any(|(t, _)| *t == time) {
            return Err(CoreError::invalid(
                "duplicate_time",
                format!("supplement.doses[{i}].time"),
                format!(
                    "Two doses are set for {}: give each dose its own time.",
                    fmt_hhmm(time)
                ),
            ));
        }
        doses.push((time, d.units));
    }
    // Order the doses as they fall in the user's day (a 01:00 dose after a 04:00 start is last).
    let key = |t: &NaiveTime| {
        let m = t.signed_duration_since(NaiveTime::MIN).num_minutes() as u32;
        (m + 24 * 60 - day_start_min) % (24 * 60)
    };
    doses.sort_by_key(|(t, _)| key(t));
    let doses: Vec<DoseSpec> = doses
        .into_iter()
        .enumerate()
        .map(|(i, (t, units))| DoseSpec {
            slot: i as u32 + 1,
            time: fmt_hhmm(t),
            units,
            mg: round1(units * elemental),
        })
        .collect();
    let daily: f64 = doses.iter().map(|d| d.mg).sum();
    if !finite_in(daily, 0.0, ABSURD_DAILY_MG) {
        return Err(CoreError::invalid(
            "invalid_dose",
            "supplement.doses",
            format!(
                "{} mg of magnesium a day is not a plausible supplement plan (the most Magday accepts is 5,000 mg): check the mg per unit and the units per dose.",
                fmt_mg(daily)
            ),
        ));
    }
    Ok(SupplementPlan {
        form: form.id.to_string(),
        form_name: form.name.to_string(),
        product: input.product.trim().to_string(),
        amount_kind: input.amount_kind,
        mg_per_unit: input.mg_per_unit,
        elemental_mg_per_unit: round1(elemental),
        assumption,
        doses,
        window_minutes: input.window_minutes,
        daily_mg: round1(daily),
    })
}

pub(crate) fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

pub(crate) fn fmt_mg(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{:.0}", v)
    } else {
        format!("{:.1}", v)
    }
}

/// Safety evaluation of answers and an optional plan.
pub fn evaluate(safety: &SafetyAnswers, plan: Option<&SupplementPlan>) -> SafetyReport {
    let rda = facts::rda_mg(safety.age_band, safety.sex, safety.pregnancy);
    let limit = facts::supplement_limit_mg(safety.age_band, safety.conservative_limit);
    let limit_source = if safety.conservative_limit && limit == Some(facts::CONSERVATIVE_LIMIT_MG) {
        facts::SRC_EFSA_BFR
    } else {
        SRC_IOM_UL
    };
    let mut findings = Vec::new();
    let mut allowed = true;
    if safety.kidney_disease {
        allowed = false;
        findings.push(Finding {
            level: Level::Stop,
            code: "kidney_disease",
            message: "With kidney disease or reduced kidney function, magnesium supplements can build up to harmful levels. Magday will not build a supplement plan: talk to your clinician first. Food, water, movement, breathing and the rest of the checklist stay available.".into(),
            source: SRC_KIDNEY,
        });
    }
    if safety.age_band.is_infant() {
        allowed = false;
        findings.push(Finding {
            level: Level::Stop,
            code: "infant",
            message: "No safe upper limit is established for babies under 1 year. Magday will not build a supplement plan: talk to your child's clinician first.".into(),
            source: SRC_INFANT,
        });
    }
    let plan_mg = if allowed {
        plan.map_or(0.0, |p| p.daily_mg)
    } else {
        0.0
    };
    let total = round1(plan_mg + safety.antacid_laxative_mg);
    let largest = if allowed {
        plan.and_then(|p| p.doses.iter().map(|d| d.mg).reduce(f64::max))
            .unwrap_or(0.0)
    } else {
        0.0
    };
    findings.push(Finding {
        level: Level::Info,
        code: "rda",
        message: format!(
            "Recommended intake for {}{}: {rda} mg a day from food, water and supplements together.",
            safety.age_band.label(),
            match safety.pregnancy {
                Pregnancy::No => String::new(),
                Pregnancy::Pregnant => ", pregnant".into(),
                Pregnancy::Lactating => ", breastfeeding".into(),
            }
        ),
        source: SRC_ODS_RDA,
    });
    if let (Some(limit), true) = (limit, allowed) {
        let pct = if limit > 0 {
            total / f64::from(limit) * 100.0
        } else {
            0.0
        };
        let what = if safety.antacid_laxative_mg > 0.0 {
            format!(
                "Supplements ({} mg) plus antacids or laxatives ({} mg) come to {} mg a day",
                fmt_mg(plan_mg),
                fmt_mg(safety.antacid_laxative_mg),
                fmt_mg(total)
            )
        } else {
            format!("Your supplement plan comes to {} mg a day", fmt_mg(total))
        };
        let limit_name = if limit_source == facts::SRC_EFSA_BFR {
            "the conservative European limit".to_string()
        } else {
            format!("the upper limit for {}", safety.age_band.label())
        };
        let (level, code, tail) = if total > f64::from(limit) {
            (
                Level::Strong,
                "above_limit",
                " This is above the limit: diarrhea and cramps become likely. Lower the dose, or keep it only on a clinician's advice.",
            )
        } else if total >= WARN_FRACTION * f64::from(limit) {
            (
                Level::Warning,
                "near_limit",
                " This is close to the limit: watch for loose stools and consider a lower dose.",
            )
        } else {
            (Level::Info, "within_limit", "")
        };
        findings.push(Finding {
            level,
            code,
            message: format!(
                "{what}: {pct:.0}% of {limit_name} ({limit} mg from supplements and medicines; food and water never count toward it).{tail}"
            ),
            source: limit_source,
        });
        if largest > f64::from(limit) / 2.0 {
            findings.push(Finding {
                level: Level::Caution,
                code: "split_suggested",
                message: format!(
                    "One intake holds {} mg, more than half the day's limit: less is absorbed from a large dose and loose stools are likelier. Consider splitting it into more, smaller doses with meals.",
                    fmt_mg(largest)
                ),
                source: SRC_SPLITTING,
            });
        }
    }
    if allowed {
        if let Some(p) = plan {
            if p.doses.len() == 1 {
                findings.push(Finding {
                    level: Level::Info,
                    code: "single_intake",
                    message: "Absorption is better from smaller amounts: the German BfR advises splitting the daily supplement over at least two intakes, with meals.".into(),
                    source: SRC_SPLITTING,
                });
            }
            if let Some(form) = facts::form(&p.form) {
                match form.laxative {
                    Laxative::Often => findings.push(Finding {
                        level: Level::Caution,
                        code: "laxative_form",
                        message: format!(
                            "Magnesium {} often causes loose stools. If it does: lower each intake, split it, take it with food, or change to glycinate or malate.",
                            form.name.to_lowercase()
                        ),
                        source: SRC_DIARRHEA,
                    }),
                    Laxative::AtHigherDoses => findings.push(Finding {
                        level: Level::Info,
                        code: "laxative_form",
                        message: "Magnesium citrate is laxative at higher doses. If stools loosen: lower each intake, split it, or take it with food.".into(),
                        source: SRC_DIARRHEA,
                    }),
                    Laxative::No => {}
                }
            }
        }
    }
    if safety.pregnancy != Pregnancy::No {
        findings.push(Finding {
            level: Level::Caution,
            code: "pregnancy",
            message: "During pregnancy or breastfeeding, check any supplement with your midwife or clinician first.".into(),
            source: SRC_GUIDES,
        });
    }
    for m in &safety.medicines {
        let sep = m.class.separation(safety.conservative_limit);
        findings.push(Finding {
            level: if sep.is_some() {
                Level::Caution
            } else {
                Level::Info
            },
            code: "medicine",
            message: format!("{}: {}", medicine_name(m), m.class.note()),
            source: sep.map_or(facts::SRC_ODS_MEDICINES, |s| s.source),
        });
    }
    let keep_apart = if allowed {
        plan.map(|p| keep_apart_windows(safety, p))
            .unwrap_or_default()
    } else {
        vec![]
    };
    for w in &keep_apart {
        let clash = safety
            .medicines
            .iter()
            .filter(|m| medicine_name(m) == w.medicine)
            .filter_map(|m| m.time.as_deref())
            .find(|t| in_window(t, &w.from, &w.until));
        if let Some(t) = clash {
            findings.push(Finding {
                level: Level::Warning,
                code: "medicine_clash",
                message: format!(
                    "You take {} at {t}, inside the keep-apart window {}–{} around dose {}: move the dose or the medicine.",
                    w.medicine, w.from, w.until, w.dose_slot
                ),
                source: w.source,
            });
        }
    }
    findings.push(Finding {
        level: Level::Info,
        code: "consult",
        message: "Magday is educational, not medical advice: consult a qualified healthcare provider before starting, especially with kidney disease, a neurological condition or prescription medicines.".into(),
        source: SRC_GUIDES,
    });
    findings.sort_by_key(|f| std::cmp::Reverse(f.level));
    SafetyReport {
        supplement_allowed: allowed,
        rda_mg: rda,
        limit_mg: limit,
        limit_source,
        supplemental_total_mg: if allowed {
            total
        } else {
            round1(safety.antacid_laxative_mg)
        },
        largest_dose_mg: largest,
        findings,
        keep_apart,
    }
}

pub(crate) fn medicine_name(m: &MedicineInput) -> String {
    let n = m.name.trim();
    if n.is_empty() {
        m.class.label().to_string()
    } else {
        n.to_string()
    }
}

fn minutes(t: NaiveTime) -> i64 {
    t.signed_duration_since(NaiveTime::MIN).num_minutes()
}

fn hhmm_from_minutes(m: i64) -> String {
    let m = m.rem_euclid(24 * 60);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Whether local time `t` lies in [from, until), windows may wrap past midnight.
fn in_window(t: &str, from: &str, until: &str) -> bool {
    let (Ok(t), Ok(f), Ok(u)) = (
        parse_hhmm(t, ""),
        parse_hhmm(from, ""),
        parse_hhmm(until, ""),
    ) else {
        return false;
    };
    let (t, f, u) = (minutes(t), minutes(f), minutes(u));
    if f <= u {
        f <= t && t < u
    } else {
        t >= f || t < u
    }
}

/// The keep-apart windows around each dose for each medicine with a separation rule.
pub fn keep_apart_windows(safety: &SafetyAnswers, plan: &SupplementPlan) -> Vec<KeepApart> {
    let mut out = Vec::new();
    for m in &safety.medicines {
        let Some(sep) = m.class.separation(safety.conservative_limit) else {
            continue;
        };
        for d in &plan.doses {
            let Ok(t) = parse_hhmm(&d.time, "") else {
                continue;
            };
            let at = minutes(t);
            out.push(KeepApart {
                medicine: medicine_name(m),
                class: m.class,
                from: hhmm_from_minutes(at - i64::from(sep.before_min)),
                until: hhmm_from_minutes(at + i64::from(sep.after_min)),
                dose_slot: d.slot,
                source: sep.source,
            });
        }
    }
    out
}

/// Validate an input against today and the day start; returns the spec to store and its report.
/// Refuses (and so saves nothing) on bad input, on a supplement plan where one must not be
/// built, and on a plan above the limit that the user has not acknowledged.
pub fn validate(
    input: &ProtocolInput,
    today: NaiveDate,
    day_start_min: u32,
) -> Result<(ProtocolSpec, SafetyReport)> {
    validate_safety(&input.safety)?;
    let plan = input
        .supplement
        .as_ref()
        .map(|s| build_plan(s, day_start_min))
        .transpose()?;
    let report = evaluate(&input.safety, plan.as_ref());
    if plan.is_some() && !report.supplement_allowed {
        let stop = report
            .findings
            .iter()
            .find(|f| f.level == Level::Stop)
            .map(|f| f.message.clone())
            .unwrap_or_else(|| "Talk to your clinician first.".into());
        return Err(CoreError::refused("clinician_first", stop));
    }
    if report.worst() == Some(Level::Strong) && plan.is_some() && !input.acknowledge_above_limit {
        return Err(CoreError::refused(
            "above_limit_unacknowledged",
            "This plan is above the upper limit for supplemental magnesium. Lower the dose, or confirm that you keep it on a clinician's advice.",
        ));
    }
    let start = parse_date(&input.start_date, "start_date")?;
    if (start - today).num_days().abs() > MAX_START_OFFSET_DAYS {
        return Err(CoreError::invalid(
            "date_out_of_range",
            "start_date",
            "The start date must be within a year of today.",
        ));
    }
    if !(MIN_LENGTH_DAYS..=MAX_LENGTH_DAYS).contains(&input.length_days) {
        return Err(CoreError::invalid(
            "invalid_length",
            "length_days",
            format!("A course runs from {MIN_LENGTH_DAYS} to {MAX_LENGTH_DAYS} days (the guides suggest 56: 8 weeks)."),
        ));
    }
    if input.water_glasses > 20 {
        return Err(CoreError::invalid(
            "invalid_water",
            "water_glasses",
            "The water target is 0 to 20 glasses a day.",
        ));
    }
    let tpl = template(input.template);
    let name = input.name.trim();
    if name.chars().count() > 60 {
        return Err(CoreError::invalid(
            "invalid_name",
            "name",
            "The protocol's name can be at most 60 characters.",
        ));
    }
    let mut items: Vec<ItemSpec> = Vec::new();
    for k in &input.items_off {
        if !tpl.items.iter().any(|i| &i.key == k) {
            return Err(CoreError::invalid(
                "unknown_item",
                "items_off",
                format!("{} is not an item of this template.", quoted(k)),
            ));
        }
    }
    for i in &tpl.items {
        if input.items_off.contains(&i.key) {
            continue;
        }
        let mut i = i.clone();
        if let ItemKind::Count { .. } = i.kind {
            if input.water_glasses == 0 {
                continue;
            }
            i.kind = ItemKind::Count {
                target: input.water_glasses,
            };
        }
        items.push(i);
    }
    for k in &input.optional_items {
        let Some(opt) = tpl.optional_items.iter().find(|i| &i.key == k) else {
            return Err(CoreError::invalid(
                "unknown_item",
                "optional_items",
                format!("{} is not an optional item of this template.", quoted(k)),
            ));
        };
        if !items.iter().any(|i| i.key == opt.key) {
            items.push(opt.clone());
        }
    }
    if input.custom_items.len() > 10 {
        return Err(CoreError::invalid(
            "too_many_items",
            "custom_items",
            "Add at most 10 items of your own.",
        ));
    }
    for (n, label) in input.custom_items.iter().enumerate() {
        let label = label.trim();
        let len = label.chars().count();
        if len == 0 || len > 40 {
            return Err(CoreError::invalid(
                "invalid_item",
                format!("custom_items[{n}]"),
                "An item's name must be 1 to 40 characters.",
            ));
        }
        if items.iter().any(|i| i.label.eq_ignore_ascii_case(label)) {
            return Err(CoreError::invalid(
                "duplicate_item",
                format!("custom_items[{n}]"),
                format!("{} is already on the checklist.", quoted(label)),
            ));
        }
        items.push(ItemSpec {
            key: format!("custom:{}", n + 1),
            label: label.to_string(),
            kind: ItemKind::Check,
        });
    }
    let mut symptoms: Vec<Symptom> = input.symptoms.clone();
    symptoms.push(Symptom::Stomach);
    symptoms.sort();
    symptoms.dedup();
    let mut safety = input.safety.clone();
    for m in &mut safety.medicines {
        m.name = m.name.trim().to_string();
        if let Some(t) = &m.time {
            m.time = Some(fmt_hhmm(parse_hhmm(t, "time")?));
        }
    }
    let spec = ProtocolSpec {
        template: input.template,
        name: if name.is_empty() {
            tpl.name.to_string()
        } else {
            name.to_string()
        },
        rda_mg: report.rda_mg,
        safety,
        supplement: if report.supplement_allowed {
            plan
        } else {
            None
        },
        start_date: start,
        length_days: input.length_days,
        items,
        symptoms,
    };
    Ok((spec, report))
}

#[cfg(test)]
mod tests;
