//! The safety rules: what Magday tells the user about their answers and supplement plan before
//! anything is saved. [`evaluate`] runs the rules below in a fixed order; each rule is a small
//! function that returns its finding, or nothing, and names where its number comes from (the
//! `facts` constant and [`Source`] it cites).

use std::cmp::Reverse;

use super::keep_apart::{in_window, keep_apart_windows, same_time};
use super::model::{
    medicine_name, Finding, KeepApart, Level, SafetyAnswers, SafetyReport, SupplementPlan,
};
use super::plan::{fmt_mg, round1};
use crate::facts::{
    self, Laxative, MedicineClass, Pregnancy, Source, CONSERVATIVE_LIMIT_MG, SRC_DIARRHEA,
    SRC_EFSA_BFR, SRC_GUIDES, SRC_INFANT, SRC_IOM_UL, SRC_KIDNEY, SRC_ODS_MEDICINES, SRC_ODS_RDA,
    SRC_OLDER_ADULTS, SRC_POTASSIUM, SRC_SPLITTING, WARN_FRACTION,
};

/// Safety evaluation of answers and an optional plan.
///
/// The rules, in the order they run:
/// 1. the stop rules, `kidney_disease` (yes, or not sure until answered) and `infant`: either
///    forbids a supplement plan, and the plan then counts for nothing below (no total, no
///    largest dose, no windows); with kidney disease, `kidney_with_antacids` still weighs
///    declared antacids and laxatives, an amount or a plain yes;
/// 2. `recommended_intake`;
/// 3. with a limit for the age band and no stop: `share_of_limit` (a stop above a young
///    child's limit), `amount_unknown` (antacids taken, their amount not entered) and
///    `split_suggested`;
/// 4. with an allowed plan: `single_intake` and `laxative_form`;
/// 5. `pregnancy`, `older_adult`, `potassium`, `medicine_notes`, `medicine_clashes`,
///    `same_moment_clashes` (with an allowed plan) and `consult`.
///
/// The findings are then sorted by level, most serious first; the sort is stable, so findings of
/// one level keep the order above.
pub fn evaluate(safety: &SafetyAnswers, plan: Option<&SupplementPlan>) -> SafetyReport {
    let stops: Vec<Finding> = [kidney_disease(safety), infant(safety)]
        .into_iter()
        .flatten()
        .collect();
    let allowed = stops.is_empty();
    let stops: Vec<Finding> = stops
        .into_iter()
        .chain(antacids::kidney_with_antacids(safety))
        .collect();
    let plan = plan.filter(|_| allowed);
    let rda_mg = facts::rda_mg(safety.age_band, safety.sex, safety.pregnancy);
    let (limit_mg, limit_source) = limit_in_force(safety);
    let plan_mg = plan.map_or(0.0, |p| p.daily_mg);
    let total = round1(plan_mg + safety.antacid_laxative_mg);
    let largest = plan
        .and_then(|p| p.doses.iter().map(|d| d.mg).reduce(f64::max))
        .unwrap_or(0.0);
    let keep_apart = plan
        .map(|p| keep_apart_windows(safety, p))
        .unwrap_or_default();

    let mut findings = stops;
    findings.push(recommended_intake(safety, rda_mg));
    if let (Some(limit), true) = (limit_mg, allowed) {
        findings.push(share_of_limit(safety, limit, limit_source, plan_mg, total));
        findings.extend(antacids::amount_unknown(safety, limit, limit_source));
        findings.extend(split_suggested(limit, largest));
    }
    if let Some(p) = plan {
        findings.extend(single_intake(p));
        findings.extend(laxative_form(p));
    }
    findings.extend(pregnancy(safety));
    findings.extend(older_adult(safety));
    findings.extend(potassium(safety));
    findings.extend(medicine_notes(safety));
    findings.extend(medicine_clashes(safety, &keep_apart));
    findings.extend(plan.map_or_else(Vec::new, |p| same_moment_clashes(safety, p)));
    findings.push(consult());
    findings.sort_by_key(|f| Reverse(f.level));
    SafetyReport {
        supplement_allowed: allowed,
        rda_mg,
        limit_mg,
        limit_source,
        supplemental_total_mg: if allowed {
            total
        } else {
            round1(safety.antacid_laxative_mg)
        },
        largest_dose_mg: largest,
        findings,
        keep_apart,
        withheld_items: if potassium_not_advised(safety) {
            vec!["potassium".into()]
        } else {
            vec![]
        },
    }
}

/// Stop: kidney disease, or not sure (counted as yes until answered). Supplements can build up
/// to harmful levels (reference §3). Source: [`SRC_KIDNEY`].
fn kidney_disease(safety: &SafetyAnswers) -> Option<Finding> {
    safety.kidney_disease.counts_as_yes().then(|| Finding {
        level: Level::Stop,
        code: "kidney_disease",
        message: format!(
            "{}With kidney disease or reduced kidney function, magnesium supplements can build up to harmful levels. Magday will not build a supplement plan: talk to your clinician first. Food, water, movement, breathing and the rest of the checklist stay available.",
            not_sure_prefix(safety)
        ),
        source: SRC_KIDNEY,
    })
}

/// Caution from 51, a warning from 71, in both directions (reference §4c): older adults absorb
/// less and excrete more, and more often have reduced kidney function and take magnesium
/// antacids or laxatives. Source: [`SRC_OLDER_ADULTS`].
fn older_adult(safety: &SafetyAnswers) -> Option<Finding> {
    let stronger = safety.age_band.older()?;
    Some(Finding {
        level: if stronger { Level::Warning } else { Level::Caution },
        code: "older_adult",
        message: format!(
            "{} the body absorbs less magnesium and the kidneys clear it less well, so both too little and too much are likelier. Count any antacids or laxatives that contain magnesium, start low, and {}.",
            if stronger { "From 71," } else { "From 51," },
            if stronger {
                "have your clinician check your kidney function before you start"
            } else {
                "ask your clinician whether your kidney function has been checked"
            }
        ),
        source: SRC_OLDER_ADULTS,
    })
}

/// Potassium stays off the checklist with kidney disease, a potassium-sparing diuretic, an ACE
/// inhibitor or an ARB unless a clinician advises it (reference §4a). Source: [`SRC_POTASSIUM`].
fn potassium(safety: &SafetyAnswers) -> Option<Finding> {
    potassium_not_advised(safety).then(|| Finding {
        level: Level::Caution,
        code: "potassium",
        message: "With kidney disease, a potassium-sparing diuretic, an ACE inhibitor or an ARB, potassium can build up: Magday does not offer the potassium item. Eat potassium-rich food only as your clinician advises.".into(),
        source: SRC_POTASSIUM,
    })
}

/// Whether potassium (the optional item) is not offered: kidney disease, or a medicine that is a
/// potassium-sparing diuretic, an ACE inhibitor or an ARB by the class its name says, else the
/// one picked (reference §4, §4a).
pub fn potassium_not_advised(safety: &SafetyAnswers) -> bool {
    use MedicineClass::*;
    safety.kidney_disease.counts_as_yes()
        || safety.medicines.iter().any(|m| {
            matches!(
                facts::class_in_force(m.class, &m.name),
                PotassiumSparingDiuretic | AceInhibitor | Arb
            )
        })
}

/// Stop: under 1 year no upper limit is established. Source: [`SRC_INFANT`].
fn infant(safety: &SafetyAnswers) -> Option<Finding> {
    safety.age_band.is_infant().then(|| Finding {
        level: Level::Stop,
        code: "infant",
        message: "No safe upper limit is established for babies under 1 year. Magday will not build a supplement plan: talk to your child's clinician first.".into(),
        source: SRC_INFANT,
    })
}

/// The recommended intake for the age band, sex and pregnancy, from every source together.
/// Number: [`facts::rda_mg`]; source: [`SRC_ODS_RDA`].
fn recommended_intake(safety: &SafetyAnswers, rda_mg: u32) -> Finding {
    Finding {
        level: Level::Info,
        code: "rda",
        message: format!(
            "Recommended intake for {}{}: {rda_mg} mg a day from food, water and supplements together.",
            safety.age_band.label(),
            match safety.pregnancy {
                Pregnancy::No => String::new(),
                Pregnancy::Pregnant => ", pregnant".into(),
                Pregnancy::Lactating => ", breastfeeding".into(),
            }
        ),
        source: SRC_ODS_RDA,
    }
}

/// The supplemental limit in force and its source: the UL ([`facts::supplement_limit_mg`],
/// [`SRC_IOM_UL`]), or with the conservative setting the European [`CONSERVATIVE_LIMIT_MG`]
/// ([`SRC_EFSA_BFR`]) where that is the lower; `None` under 1 year.
fn limit_in_force(safety: &SafetyAnswers) -> (Option<u32>, Source) {
    let limit = facts::supplement_limit_mg(safety.age_band, safety.conservative_limit);
    let source = if safety.conservative_limit && limit == Some(CONSERVATIVE_LIMIT_MG) {
        SRC_EFSA_BFR
    } else {
        SRC_IOM_UL
    };
    (limit, source)
}

/// The code of the finding, and of the save refusal, for a plan above the limit of ages 1–8.
pub const CHILD_ABOVE_LIMIT: &str = "child_above_limit";

/// Supplements plus antacids and laxatives (`total`, mg a day) as a share of the limit: above
/// it "above_limit" (Strong), or for ages 1–8 [`CHILD_ABOVE_LIMIT`] (Stop: a young child's
/// limit is firm, reference §2–§3); from [`WARN_FRACTION`] of it "near_limit" (Warning), else
/// "within_limit" (Info). Source: the limit's, from [`limit_in_force`].
fn share_of_limit(
    safety: &SafetyAnswers,
    limit: u32,
    limit_source: Source,
    plan_mg: f64,
    total: f64,
) -> Finding {
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
    let limit_name = if limit_source == SRC_EFSA_BFR {
        "the conservative European limit".to_string()
    } else {
        format!("the upper limit for {}", safety.age_band.label())
    };
    let (level, code, tail) = if total > f64::from(limit) && safety.age_band.is_young_child() {
        (
            Level::Stop,
            CHILD_ABOVE_LIMIT,
            " This is above the child's limit. Magday does not keep a child's supplement plan above it, even on a clinician's advice: lower the amount, and ask the child's clinician before giving more magnesium.",
        )
    } else if total > f64::from(limit) {
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
    Finding {
        level,
        code,
        message: format!(
            "{what}: {pct:.0}% of {limit_name} ({limit} mg from supplements and medicines; food and water never count toward it).{tail}"
        ),
        source: limit_source,
    }
}

/// One intake (`largest`, mg) above half the day's limit: less of a large dose is absorbed.
/// Source: [`SRC_SPLITTING`].
fn split_suggested(limit: u32, largest: f64) -> Option<Finding> {
    (largest > f64::from(limit) / 2.0).then(|| Finding {
        level: Level::Caution,
        code: "split_suggested",
        message: format!(
            "One intake holds {} mg, more than half the day's limit: less is absorbed from a large dose and loose stools are likelier. Consider splitting it into more, smaller doses with meals.",
            fmt_mg(largest)
        ),
        source: SRC_SPLITTING,
    })
}

/// A plan of one dose a day: the BfR advises at least two intakes. Source: [`SRC_SPLITTING`].
fn single_intake(plan: &SupplementPlan) -> Option<Finding> {
    (plan.doses.len() == 1).then(|| Finding {
        level: Level::Info,
        code: "single_intake",
        message: "Absorption is better from smaller amounts: the German BfR advises splitting the daily supplement over at least two intakes, with meals.".into(),
        source: SRC_SPLITTING,
    })
}

/// A form that loosens stools, as [`facts::FORMS`] marks it ([`Laxative`]): Caution when it
/// often does, Info when only at higher doses (citrate). Source: [`SRC_DIARRHEA`].
fn laxative_form(plan: &SupplementPlan) -> Option<Finding> {
    let form = facts::form(&plan.form)?;
    match form.laxative {
        Laxative::Often => Some(Finding {
            level: Level::Caution,
            code: "laxative_form",
            message: format!(
                "Magnesium {} often causes loose stools. If it does: lower each intake, split it, take it with food, or change to glycinate or malate.",
                form.name.to_lowercase()
            ),
            source: SRC_DIARRHEA,
        }),
        Laxative::AtHigherDoses => Some(Finding {
            level: Level::Info,
            code: "laxative_form",
            message: "Magnesium citrate is laxative at higher doses. If stools loosen: lower each intake, split it, or take it with food.".into(),
            source: SRC_DIARRHEA,
        }),
        Laxative::No => None,
    }
}

/// Pregnant or breastfeeding: check with a midwife or clinician. Source: [`SRC_GUIDES`].
fn pregnancy(safety: &SafetyAnswers) -> Option<Finding> {
    (safety.pregnancy != Pregnancy::No).then(|| Finding {
        level: Level::Caution,
        code: "pregnancy",
        message: "During pregnancy or breastfeeding, check any supplement with your midwife or clinician first.".into(),
        source: SRC_GUIDES,
    })
}

/// One note per medicine, in the order entered, by the class its name says (else the one
/// picked): Caution for a medicine with a separation rule (source: the rule's: its own label's
/// where that gives the window, reference §4), Info for an information-only class (source:
/// [`SRC_ODS_MEDICINES`]). A medicine with a label of its own names it, and the wider window
/// Magday keeps where that is not the label's. Numbers and words: [`facts::MedicineClass`],
/// [`facts::LABEL_WINDOWS`].
fn medicine_notes(safety: &SafetyAnswers) -> Vec<Finding> {
    safety
        .medicines
        .iter()
        .map(|m| {
            let sep = m.separation(safety.wider_windows);
            let class = facts::class_in_force(m.class, &m.name);
            let label = match (facts::label_window(&m.name), sep) {
                (Some(l), Some(s)) => {
                    let own = facts::Separation {
                        before_min: l.before_min,
                        after_min: l.after_min,
                        source: l.source,
                    };
                    let kept = if own.rule() == s.rule() {
                        String::new()
                    } else {
                        format!(" Magday keeps the wider window: {}", s.rule())
                    };
                    format!(" Its label: {}{kept}", own.rule())
                }
                _ => String::new(),
            };
            Finding {
                level: if sep.is_some() {
                    Level::Caution
                } else {
                    Level::Info
                },
                code: "medicine",
                message: format!("{}: {}{label}", medicine_name(m), class.note()),
                source: sep.map_or(SRC_ODS_MEDICINES, |s| s.source),
            }
        })
        .collect()
}

/// One Warning per keep-apart window that a medicine's usual time falls in, in window order.
/// Source: the window's separation rule.
fn medicine_clashes(safety: &SafetyAnswers, keep_apart: &[KeepApart]) -> Vec<Finding> {
    keep_apart
        .iter()
        .filter_map(|w| {
            let t = safety
                .medicines
                .iter()
                .filter(|m| medicine_name(m) == w.medicine)
                .flat_map(|m| m.times())
                .find(|t| in_window(t, &w.from, &w.until))?;
            Some(Finding {
                level: Level::Warning,
                code: "medicine_clash",
                message: format!(
                    "You take {} at {t}, inside the keep-apart window {}–{} around dose {}: move the dose or the medicine.",
                    w.medicine, w.from, w.until, w.dose_slot
                ),
                source: w.source,
            })
        })
        .collect()
}

/// Bictegravir (reference §4): at least 2 h before magnesium, or together with food; never at
/// the same moment on an empty stomach. One Warning per dose at the very time the medicine is
/// taken, where its window does not already hold that moment (it ends at the dose unless the
/// wider windows are on), unless the user says both are taken with food (`with_food`); the
/// message names that way out. Source: the label's.
fn same_moment_clashes(safety: &SafetyAnswers, plan: &SupplementPlan) -> Vec<Finding> {
    let mut out = Vec::new();
    for m in &safety.medicines {
        let Some(label) = facts::label_window(&m.name).filter(|l| l.together_only_with_food) else {
            continue;
        };
        if m.with_food == Some(true) {
            continue;
        }
        let Some(sep) = m.separation(safety.wider_windows) else {
            continue;
        };
        if sep.after_min > 0 {
            continue;
        }
        for d in &plan.doses {
            let Some(t) = m.times().find(|t| same_time(t, &d.time)) else {
                continue;
            };
            out.push(Finding {
                level: Level::Warning,
                code: "medicine_clash",
                message: format!(
                    "You take {} at {t}, the time of dose {}: on an empty stomach they must not be taken together. {} Or take both with food.",
                    medicine_name(m),
                    d.slot,
                    sep.rule()
                ),
                source: label.source,
            });
        }
    }
    out
}

/// Always: Magday is educational, not medical advice. Source: [`SRC_GUIDES`].
fn consult() -> Finding {
    Finding {
        level: Level::Info,
        code: "consult",
        message: "Magday is educational, not medical advice: consult a qualified healthcare provider before starting, especially with kidney disease, a neurological condition or prescription medicines.".into(),
        source: SRC_GUIDES,
    }
}

mod antacids;

use antacids::not_sure_prefix;
#[cfg(test)]
mod medicines_tests;
#[cfg(test)]
mod tests;
