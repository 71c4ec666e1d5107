//! Validation of a protocol as entered: the safety answers (each one chosen, none pre-filled),
//! the supplement plan, dates, length, items and symptoms; refusing bad input with a code and a
//! message, and refusing a plan the safety rules forbid or that is above the limit and not
//! acknowledged.

use chrono::NaiveDate;

use super::model::{
    ItemKind, ItemSpec, Level, ProtocolInput, ProtocolSpec, SafetyAnswers, SafetyInput,
    SafetyReport, Symptom,
};
use super::plan::build_plan;
use super::safety::evaluate;
use super::templates::template;
use crate::day::{fmt_hhmm, parse_date, parse_hhmm};
use crate::error::{quoted, CoreError, Result};
use crate::facts::{Pregnancy, Sex, ABSURD_DAILY_MG};

/// Longest course, days.
pub const MAX_LENGTH_DAYS: u32 = 365;
/// Shortest course, days.
pub const MIN_LENGTH_DAYS: u32 = 7;
/// How far from today a start date may be, days.
pub const MAX_START_OFFSET_DAYS: i64 = 366;

/// The error for a safety question left unanswered: `safety_unanswered` on its field.
fn unanswered(field: &str, message: &str) -> CoreError {
    CoreError::invalid("safety_unanswered", format!("safety.{field}"), message)
}

/// Validate the safety answers alone; returns them as the rules read them. Every question must
/// have been chosen (reference §3: safety answers are never pre-filled), in the form's order:
/// age band, sex, pregnancy (asked only of women in a band where it applies, else no) and
/// kidney disease; the first left unanswered is refused with `safety_unanswered`.
pub fn validate_safety(input: &SafetyInput) -> Result<SafetyAnswers> {
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
        Some(p) => p,
        None if !asked => Pregnancy::No,
        None => return Err(unanswered(
            "pregnancy",
            "Say whether you are pregnant or breastfeeding: the recommended intake depends on it.",
        )),
    };
    let kidney_disease = input.kidney_disease.ok_or_else(|| {
        unanswered(
            "kidney_disease",
            "Answer the kidney disease question: yes, no or not sure.",
        )
    })?;
    let s = SafetyAnswers {
        age_band,
        sex,
        pregnancy,
        kidney_disease,
        medicines: input.medicines.clone(),
        antacid_laxative_mg: input.antacid_laxative_mg,
        conservative_limit: input.conservative_limit,
    };
    if s.pregnancy != Pregnancy::No && !asked {
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
    Ok(normalized(s))
}

/// The answers as stored: medicine names trimmed, their times as "HH:MM" (already checked).
fn normalized(mut s: SafetyAnswers) -> SafetyAnswers {
    for m in &mut s.medicines {
        m.name = m.name.trim().to_string();
        if let Some(t) = &m.time {
            if let Ok(t) = parse_hhmm(t, "time") {
                m.time = Some(fmt_hhmm(t));
            }
        }
    }
    s
}

/// Validate an input against today and the day start; returns the spec to store and its report.
/// Refuses (and so saves nothing) on bad input, on a supplement plan where one must not be
/// built, and on a plan above the limit that the user has not acknowledged.
pub fn validate(
    input: &ProtocolInput,
    today: NaiveDate,
    day_start_min: u32,
) -> Result<(ProtocolSpec, SafetyReport)> {
    let safety = validate_safety(&input.safety)?;
    let plan = input
        .supplement
        .as_ref()
        .map(|s| build_plan(s, day_start_min))
        .transpose()?;
    let report = evaluate(&safety, plan.as_ref());
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
