//! Turning the product and doses as entered into a validated [`SupplementPlan`]: the label's
//! amount converted to elemental magnesium, the doses checked and ordered through the user's day;
//! and the rounding and formatting of mg amounts the messages share.

use chrono::NaiveTime;

use super::model::{AmountKind, DoseSpec, SupplementInput, SupplementPlan};
use crate::day::{fmt_hhmm, parse_hhmm};
use crate::error::{quoted, CoreError, Result};
use crate::facts::{self, ABSURD_DAILY_MG};

/// Most doses a day: a product choice (the guides split the day's amount into two; the BfR
/// advises at least two intakes, reference §6).
pub const MAX_DOSES: usize = 4;
/// Most units per dose (a scoop or capsule count); more is surely a typo.
pub const MAX_UNITS: f64 = 20.0;

fn finite_in(v: f64, lo_exclusive: f64, hi: f64) -> bool {
    v.is_finite() && v > lo_exclusive && v <= hi
}

/// The input's magnesium form, known to Magday.
fn known_form(input: &SupplementInput) -> Result<&'static facts::Form> {
    facts::form(input.form.trim()).ok_or_else(|| {
        CoreError::invalid(
            "unknown_form",
            "supplement.form",
            format!(
                "{} is not a magnesium form Magday knows: pick one from the list.",
                quoted(&input.form)
            ),
        )
    })
}

/// Check the product name, the mg per unit, the number of doses and the window.
fn check_bounds(input: &SupplementInput) -> Result<()> {
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
    Ok(())
}

/// Elemental mg per unit, and the assumption behind it when the label gave the compound's mg.
fn elemental_per_unit(input: &SupplementInput, form: &facts::Form) -> (f64, Option<String>) {
    match input.amount_kind {
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
    }
}

/// Each dose's time and units, checked, in the order entered (no two at the same time).
fn parse_doses(input: &SupplementInput) -> Result<Vec<(NaiveTime, f64)>> {
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
    Ok(doses)
}

/// The doses as they fall in the user's day (a 01:00 dose after a 04:00 start is last),
/// numbered from 1, at `elemental` mg per unit.
fn order_doses(
    mut doses: Vec<(NaiveTime, f64)>,
    day_start_min: u32,
    elemental: f64,
) -> Vec<DoseSpec> {
    let key = |t: &NaiveTime| {
        let m = t.signed_duration_since(NaiveTime::MIN).num_minutes() as u32;
        (m + 24 * 60 - day_start_min) % (24 * 60)
    };
    doses.sort_by_key(|(t, _)| key(t));
    doses
        .into_iter()
        .enumerate()
        .map(|(i, (t, units))| DoseSpec {
            slot: i as u32 + 1,
            time: fmt_hhmm(t),
            units,
            mg: round1(units * elemental),
        })
        .collect()
}

/// Build the validated plan from the supplement input (no safety judgement beyond the bounds).
pub fn build_plan(input: &SupplementInput, day_start_min: u32) -> Result<SupplementPlan> {
    let form = known_form(input)?;
    check_bounds(input)?;
    let (elemental, assumption) = elemental_per_unit(input, form);
    let doses = order_doses(parse_doses(input)?, day_start_min, elemental);
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

pub(super) fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

pub(crate) fn fmt_mg(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{:.0}", v)
    } else {
        format!("{:.1}", v)
    }
}
