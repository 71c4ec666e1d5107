//! The practices the guides pair with magnesium (reference §4a–§4c), as rules of their own beside
//! the magnesium rules in `safety`: the note each optional item carries, the vitamin B6 a day
//! the user states (checked against the European and US upper limits), and the factors that
//! deplete magnesium. [`with_practices`] adds their findings to a safety report, and
//! [`evaluate_protocol`] is [`evaluate`] with them: every report of a protocol (the check, the
//! saved protocol, the course report) comes from it.
//!
//! Topical magnesium is an item like the others: nothing here or anywhere gives an item mg, so
//! it never reaches the supplement total or the day's intake (reference §4b).

use std::cmp::Reverse;

use super::model::{Finding, ItemNote, Level, SafetyAnswers, SafetyReport, SupplementPlan};
use super::plan::fmt_mg;
use super::safety::evaluate;
use crate::error::{CoreError, Result};
use crate::facts::{
    b6_limits, AgeBand, DepletionFactor, B6_UL_EFSA_MG, ITEM_NOTES, MAX_B6_MG, SRC_B6_EFSA,
    SRC_B6_IOM,
};

/// The note of item `key` ([`ITEM_NOTES`]); `None` for items without one (the standard items,
/// the user's own).
pub fn item_note(key: &str) -> Option<ItemNote> {
    ITEM_NOTES
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, text, source)| ItemNote {
            text: (*text).to_string(),
            citation: source.citation.to_string(),
        })
}

/// The vitamin B6 a day the user states: absent, or a number of mg from 0 to [`MAX_B6_MG`].
pub fn validate_b6(b6_mg: Option<f64>) -> Result<()> {
    match b6_mg {
        Some(v) if !(v.is_finite() && (0.0..=MAX_B6_MG).contains(&v)) => Err(CoreError::invalid(
            "invalid_b6",
            "b6_mg_per_day",
            "Vitamin B6 a day must be a number of mg from 0 to 500 (B6 and B-complex together), or left empty.",
        )),
        _ => Ok(()),
    }
}

/// Vitamin B6 (the B6 item and B-complex together, as the user states it) against the limits
/// of the age band ([`b6_limits`], reference §4a: children and teenagers have lower ones than
/// adults): above the US (IOM 1998) value, Strong, source [`SRC_B6_IOM`]; above the European
/// (EFSA 2023) value, Warning, source [`SRC_B6_EFSA`]. Under 1 year no limit is set: any B6
/// is Strong, to be given only as the child's clinician advises.
pub fn b6_upper_limit(band: AgeBand, b6_mg: Option<f64>) -> Option<Finding> {
    let mg = b6_mg?;
    let Some(limits) = b6_limits(band) else {
        return (mg > 0.0).then(|| Finding {
            level: Level::Strong,
            code: "b6_infant",
            message: format!(
                "You give {} mg of vitamin B6 a day: no upper limit is set for babies under 1 year, whose B6 should come from milk, formula and food. Give it only as the child's clinician advises.",
                fmt_mg(mg)
            ),
            source: SRC_B6_IOM,
        });
    };
    let (who, clinician) = b6_who(band);
    if mg > limits.iom_mg {
        Some(Finding {
            level: Level::Strong,
            code: "b6_above_iom",
            message: format!(
                "You take {} mg of vitamin B6 a day: above the US upper limit of {} mg for {who}, and far above the European {} mg. Too much B6 causes nerve damage, with numbness and tingling: the very symptoms tracked here. Talk to {clinician} about lowering it.",
                fmt_mg(mg),
                fmt_mg(limits.iom_mg),
                fmt_mg(limits.efsa_mg)
            ),
            source: SRC_B6_IOM,
        })
    } else if mg > limits.efsa_mg {
        let scope = if limits.efsa_mg == B6_UL_EFSA_MG {
            ", including pregnancy and breastfeeding"
        } else {
            " (scaled down from the adult 12 mg by body weight)"
        };
        Some(Finding {
            level: Level::Warning,
            code: "b6_above_efsa",
            message: format!(
                "You take {} mg of vitamin B6 a day: above the European upper limit of {} mg for {who}{scope}. Over time, too much B6 can cause nerve damage (numbness, tingling): check every label, B-complex included, and consider less.",
                fmt_mg(mg),
                fmt_mg(limits.efsa_mg)
            ),
            source: SRC_B6_EFSA,
        })
    } else {
        None
    }
}

/// Whom the B6 limits of `band` are for, in a finding's words, and whose clinician to ask.
fn b6_who(band: AgeBand) -> (String, &'static str) {
    let adult = b6_limits(band).is_some_and(|l| l.efsa_mg == B6_UL_EFSA_MG);
    let who = if adult {
        "adults".to_string()
    } else {
        format!("ages {}", band.label().trim_end_matches(" years"))
    };
    let clinician = if band.is_child() {
        "the child's clinician"
    } else {
        "your clinician"
    };
    (who, clinician)
}

/// One Info finding per depletion factor the user named, in [`DepletionFactor::ALL`] order
/// (so each counts once), with its advice and source (reference §4c).
pub fn depletion(safety: &SafetyAnswers) -> Vec<Finding> {
    DepletionFactor::ALL
        .into_iter()
        .filter(|f| safety.depletion.contains(f))
        .map(|f| Finding {
            level: Level::Info,
            code: f.code(),
            message: f.advice().to_string(),
            source: f.source(),
        })
        .collect()
}

/// `report` with the practice findings added: the B6 finding and the depletion notes go in
/// before the closing "consult" note, and the findings are sorted by level again (stable, so
/// each level keeps its order).
pub fn with_practices(
    mut report: SafetyReport,
    safety: &SafetyAnswers,
    b6_mg: Option<f64>,
) -> SafetyReport {
    let extra: Vec<Finding> = b6_upper_limit(safety.age_band, b6_mg)
        .into_iter()
        .chain(depletion(safety))
        .collect();
    let at = report
        .findings
        .iter()
        .position(|f| f.code == "consult")
        .unwrap_or(report.findings.len());
    report.findings.splice(at..at, extra);
    report.findings.sort_by_key(|f| Reverse(f.level));
    report
}

/// The safety report of a protocol: [`evaluate`] plus the practice findings.
pub fn evaluate_protocol(
    safety: &SafetyAnswers,
    plan: Option<&SupplementPlan>,
    b6_mg: Option<f64>,
) -> SafetyReport {
    with_practices(evaluate(safety, plan), safety, b6_mg)
}

#[cfg(test)]
mod tests;
