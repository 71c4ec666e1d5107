//! The safety rules: what Magday tells the user about their answers and supplement plan before
//! anything is saved.

use super::keep_apart::{in_window, keep_apart_windows};
use super::model::{medicine_name, Finding, Level, SafetyAnswers, SafetyReport, SupplementPlan};
use super::plan::{fmt_mg, round1};
use crate::facts::{
    self, Laxative, Pregnancy, SRC_DIARRHEA, SRC_GUIDES, SRC_INFANT, SRC_IOM_UL, SRC_KIDNEY,
    SRC_ODS_RDA, SRC_SPLITTING, WARN_FRACTION,
};

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
