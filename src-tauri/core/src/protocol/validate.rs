//! Validation of a protocol as entered: the safety answers (each one chosen, none pre-filled),
//! the supplement plan, dates, length, items, symptoms and the vitamin B6 a day; refusing bad
//! input with a code and a message, and refusing a plan the safety rules forbid, that is
//! above the limit and not acknowledged, or that is above a young child's limit (no
//! acknowledgement keeps that). Only the magnesium limit asks for the acknowledgement: the practice findings (B6 above its limits, what depletes magnesium) are
//! added to the report after the refusals.

use chrono::NaiveDate;

use super::model::{
    AboveLimit, ItemKind, ItemSpec, Level, MedicineInput, ProtocolInput, ProtocolSpec,
    SafetyAnswers, SafetyInput, SafetyReport, Symptom,
};
use super::plan::build_plan;
use super::practices::{validate_b6, with_practices};
use super::safety::{evaluate, CHILD_ABOVE_LIMIT};
use super::templates::{template, TemplateInfo};
use crate::day::{fmt_hhmm, parse_date, parse_hhmm};
use crate::error::{quoted, CoreError, Result};
use crate::facts::{
    AgeBand, Pregnancy, Sex, ABSURD_DAILY_MG, MAX_OTHER_WINDOW_MIN, MIN_OTHER_WINDOW_MIN,
};

/// Longest course, days.
pub const MAX_LENGTH_DAYS: u32 = 365;
/// Shortest course, days.
pub const MIN_LENGTH_DAYS: u32 = 7;
/// How far from today a start date may be, days.
pub const MAX_START_OFFSET_DAYS: i64 = 366;

/// The most times a day one medicine may be taken (each gets its window and reminder).
pub const MAX_INTAKES: usize = 5;

/// The error for a safety question left unanswered: `safety_unanswered` on its field.
fn unanswered(field: &str, message: &str) -> CoreError {
    CoreError::invalid("safety_unanswered", format!("safety.{field}"), message)
}

/// Validate the safety answers alone; returns them as the rules read them. Every question must
/// have been chosen (reference §3: safety answers are never pre-filled), in the form's order:
/// age band, sex, pregnancy (asked only of women in a band where it applies, else no), kidney
/// disease and whether antacids or laxatives with magnesium are taken; the first left
/// unanswered is refused with `safety_unanswered`.
pub fn validate_safety(input: &SafetyInput) -> Result<SafetyAnswers> {
    let (age_band, sex, pregnancy) = who(input)?;
    let kidney_disease = input.kidney_disease.ok_or_else(|| {
        unanswered(
            "kidney_disease",
            "Answer the kidney disease question: yes, no or not sure.",
        )
    })?;
    let takes_antacid_laxative = antacid_answer(input)?;
    validate_medicines(&input.medicines)?;
    Ok(normalized(SafetyAnswers {
        age_band,
        sex,
        pregnancy,
        kidney_disease,
        medicines: input.medicines.clone(),
        takes_antacid_laxative,
        antacid_laxative_mg: input.antacid_laxative_mg,
        conservative_limit: input.conservative_limit,
        wider_windows: input.wider_windows,
        depletion: input.depletion.clone(),
    }))
}

/// The age band, sex and pregnancy as chosen: pregnancy is asked only of women in a band where
/// it applies (elsewhere unanswered means no, and any other answer is refused).
fn who(input: &SafetyInput) -> Result<(AgeBand, Sex, Pregnancy)> {
    let age_band = input.age_band.ok_or_else(|| {
        unanswered(
            "age_band",
            "Choose your age: the recommended intake and the limit depend on it.",
        )
    })?;
    let sex = input
        .sex
        .ok_or_else(|| unanswered("sex", "Choose your sex: the reference tables differ."))?;
    let asked = sex == Sex::Female && age_band.can_be_pregnant();
    let pregnancy = match input.pregnancy {
        Some(p) if p != Pregnancy::No && !asked => return Err(CoreError::invalid(
            "invalid_pregnancy",
            "safety.pregnancy",
            "Pregnancy and lactation apply to women aged 14 to 50 in the reference tables: check the age band and sex.",
        )),
        Some(p) => p,
        None if !asked => Pregnancy::No,
        None => return Err(unanswered(
            "pregnancy",
            "Say whether you are pregnant or breastfeeding: the recommended intake depends on it.",
        )),
    };
    Ok((age_band, sex, pregnancy))
}

/// The answer to "Do you take antacids or laxatives that contain magnesium?" (reference §2:
/// they count toward the limit; §3: with kidney disease, a stop), asked before the amount. An
/// amount above 0 always counts, as a yes: an input from before the question (the answer
/// absent) is read so. Without an amount the question must be answered. The amount is 0 to
/// [`ABSURD_DAILY_MG`] mg a day.
fn antacid_answer(input: &SafetyInput) -> Result<bool> {
    let mg = input.antacid_laxative_mg;
    let takes = match (input.takes_antacid_laxative, mg > 0.0) {
        (_, true) => true,
        (Some(t), false) => t,
        (None, false) => return Err(unanswered(
            "takes_antacid_laxative",
            "Say whether you take antacids or laxatives that contain magnesium: they count toward the limit.",
        )),
    };
    if !(mg.is_finite() && (0.0..=ABSURD_DAILY_MG).contains(&mg)) {
        return Err(CoreError::invalid(
            "invalid_antacid",
            "safety.antacid_laxative_mg",
            "Magnesium from antacids or laxatives must be a number of mg a day from 0 to 5,000.",
        ));
    }
    Ok(takes)
}

/// At most 12 medicines, each with a name of at most 60 characters, valid times, at most
/// [`MAX_INTAKES`] a day and a window in range.
fn validate_medicines(medicines: &[MedicineInput]) -> Result<()> {
    if medicines.len() > 12 {
        return Err(CoreError::invalid(
            "too_many_medicines",
            "safety.medicines",
            "List at most 12 medicines.",
        ));
    }
    for (i, m) in medicines.iter().enumerate() {
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
        if m.more_times.len() > MAX_INTAKES - 1 {
            return Err(CoreError::invalid(
                "too_many_intakes",
                format!("safety.medicines[{i}].more_times"),
                format!("A medicine can have at most {MAX_INTAKES} times a day."),
            ));
        }
        for (j, t) in m.more_times.iter().enumerate() {
            parse_hhmm(t, &format!("safety.medicines[{i}].more_times[{j}]"))?;
        }
        if let Some(w) = m.window_min {
            if !(MIN_OTHER_WINDOW_MIN..=MAX_OTHER_WINDOW_MIN).contains(&w) {
                return Err(CoreError::invalid(
                    "invalid_window",
                    format!("safety.medicines[{i}].window_min"),
                    format!(
                        "Keep a medicine {MIN_OTHER_WINDOW_MIN} minutes to {} hours from magnesium.",
                        MAX_OTHER_WINDOW_MIN / 60
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// The answers as stored: medicine names trimmed, each medicine in the class its name says
/// whatever was picked (reference §4), their times as "HH:MM" (already checked), each depletion
/// factor once.
fn normalized(mut s: SafetyAnswers) -> SafetyAnswers {
    s.depletion.sort();
    s.depletion.dedup();
    for m in &mut s.medicines {
        m.name = m.name.trim().to_string();
        m.class = crate::facts::class_in_force(m.class, &m.name);
        if let Some(t) = &m.time {
            if let Ok(t) = parse_hhmm(t, "time") {
                m.time = Some(fmt_hhmm(t));
            }
        }
        for t in &mut m.more_times {
            if let Ok(p) = parse_hhmm(t, "time") {
                *t = fmt_hhmm(p);
            }
        }
    }
    s
}

/// How far above its limit a plan is, when it is.
pub fn above_limit(report: &SafetyReport) -> Option<AboveLimit> {
    let limit = report.limit_mg.filter(|l| *l > 0)?;
    let total = report.supplemental_total_mg;
    (report.supplement_allowed && total > f64::from(limit)).then(|| AboveLimit {
        total_mg: total,
        limit_mg: limit,
        percent: (total / f64::from(limit) * 100.0).round() as u32,
    })
}

/// A plan above this multiple of the supplemental limit is refused even when acknowledged.
pub const MAX_LIMIT_MULTIPLE: f64 = 2.0;

/// Why the save rules refuse a supplement plan whose report is `report`, if they do. The one
/// place that says it: [`validate`] refuses the save with it, and [`super::govern`] holds the
/// doses of a stored version (from another device, a file or an older build) with it.
pub struct PlanRefusal {
    /// `clinician_first` (a stop-level answer), `child_above_limit` (a plan above the limit of
    /// ages 1–8, acknowledged or not), `above_twice_limit`, `above_limit_unacknowledged`.
    pub code: &'static str,
    pub message: String,
    /// The finding it rests on.
    pub level: Level,
    pub source: crate::facts::Source,
}

/// See [`PlanRefusal`]; `acknowledged`: the user confirmed a plan above the limit is kept on a
/// clinician's advice.
pub fn plan_refusal(report: &SafetyReport, acknowledged: bool) -> Option<PlanRefusal> {
    if !report.supplement_allowed {
        let stop = report.findings.iter().find(|f| f.level == Level::Stop);
        return Some(PlanRefusal {
            code: "clinician_first",
            message: stop
                .map(|f| f.message.clone())
                .unwrap_or_else(|| "Talk to your clinician first.".into()),
            level: Level::Stop,
            source: stop.map_or(report.limit_source, |f| f.source),
        });
    }
    // A young child's limit is firm (reference §2–§3): no acknowledgement keeps a plan above it.
    if let Some(child) = report.findings.iter().find(|f| f.code == CHILD_ABOVE_LIMIT) {
        return Some(PlanRefusal {
            code: CHILD_ABOVE_LIMIT,
            message: child.message.clone(),
            level: Level::Stop,
            source: child.source,
        });
    }
    // Above twice the limit no acknowledgement keeps a plan: a product choice (issue 12), so a
    // typo (2,000 for 200) or a misread label cannot pass as "on a clinician's advice".
    if let Some(limit) = report.limit_mg {
        if report.supplemental_total_mg > MAX_LIMIT_MULTIPLE * f64::from(limit) {
            return Some(PlanRefusal {
                code: "above_twice_limit",
                message: format!(
                    "This plan comes to {} mg a day, more than twice the limit of {limit} mg for supplemental magnesium. Magday does not save a plan this high: check the amount on the label and the number of units, and lower the dose.",
                    super::plan::fmt_mg(report.supplemental_total_mg)
                ),
                level: Level::Stop,
                source: report.limit_source,
            });
        }
    }
    if report.worst() == Some(Level::Strong) && !acknowledged {
        return Some(PlanRefusal {
            code: "above_limit_unacknowledged",
            message: "This plan is above the upper limit for supplemental magnesium. Lower the dose, or confirm that you keep it on a clinician's advice.".into(),
            level: Level::Strong,
            source: report.limit_source,
        });
    }
    None
}

/// Validate an input against today and the day start; returns the spec to store and its report.
/// Refuses (and so saves nothing) on bad input, on a supplement plan where one must not be
/// built, on a plan above the limit that the user has not acknowledged, and on a young child's
/// plan above the child's limit, acknowledged or not.
pub fn validate(
    input: &ProtocolInput,
    today: NaiveDate,
    day_start_min: u32,
) -> Result<(ProtocolSpec, SafetyReport)> {
    let safety = validate_safety(&input.safety)?;
    validate_b6(input.b6_mg_per_day)?;
    let plan = input
        .supplement
        .as_ref()
        .map(|s| build_plan(s, day_start_min))
        .transpose()?;
    let report = evaluate(&safety, plan.as_ref());
    if plan.is_some() {
        if let Some(refused) = plan_refusal(&report, input.acknowledge_above_limit) {
            return Err(CoreError::refused(refused.code, refused.message));
        }
    }
    let start = validate_course(input, today)?;
    let tpl = template(input.template);
    let name = input.name.trim();
    if name.chars().count() > 60 {
        return Err(CoreError::invalid(
            "invalid_name",
            "name",
            "The protocol's name can be at most 60 characters.",
        ));
    }
    let mut items = template_items(input, &tpl, &safety)?;
    push_custom_items(input, &mut items)?;
    let mut symptoms: Vec<Symptom> = input.symptoms.clone();
    symptoms.push(Symptom::Stomach);
    symptoms.sort();
    symptoms.dedup();
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
        above_limit: above_limit(&report).filter(|_| input.acknowledge_above_limit),
        b6_mg_per_day: input.b6_mg_per_day,
        held: None,
    };
    let report = with_practices(report, &spec.safety, spec.b6_mg_per_day);
    Ok((spec, report))
}

/// The start date (within a year of today), the course length and the water target; returns
/// the start date.
fn validate_course(input: &ProtocolInput, today: NaiveDate) -> Result<NaiveDate> {
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
    Ok(start)
}

/// The template's standard items not turned off (water with its target, none at 0 glasses),
/// then the optional items turned on; the potassium item is refused where it is not advised.
fn template_items(
    input: &ProtocolInput,
    tpl: &TemplateInfo,
    safety: &SafetyAnswers,
) -> Result<Vec<ItemSpec>> {
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
        if opt.key == "potassium" && super::safety::potassium_not_advised(safety) {
            return Err(CoreError::refused(
                "potassium_not_advised",
                "With kidney disease, a potassium-sparing diuretic, an ACE inhibitor or an ARB, Magday does not offer the potassium item: take it off, and eat potassium-rich food only as your clinician advises.",
            ));
        }
        if !items.iter().any(|i| i.key == opt.key) {
            items.push(opt.clone());
        }
    }
    Ok(items)
}

/// The user's own items after `items`: at most 10, each 1 to 40 characters and not already on
/// the checklist.
fn push_custom_items(input: &ProtocolInput, items: &mut Vec<ItemSpec>) -> Result<()> {
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
            note: None,
        });
    }
    Ok(())
}
