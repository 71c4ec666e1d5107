//! The rules on antacids and laxatives that contain magnesium, as the user declares them: a yes
//! to the question, and the elemental amount when they know it (reference §2: they count
//! toward the limit; §3: with kidney disease they are the commonest path to hypermagnesemia).

use crate::facts::{Source, SRC_KIDNEY};
use crate::protocol::model::{Finding, KidneyAnswer, Level, SafetyAnswers};
use crate::protocol::plan::fmt_mg;

/// Stop: kidney disease (or not sure) plus antacids or laxatives with magnesium, the classic
/// path to hypermagnesemia (reference §3: IOM p.243). With kidney disease no supplement plan is
/// built, but declared antacids and laxatives still count, and any regular use is a stop-level
/// finding: a yes alone is enough, whether or not the amount is known. Source: [`SRC_KIDNEY`].
pub(super) fn kidney_with_antacids(safety: &SafetyAnswers) -> Option<Finding> {
    if !(safety.kidney_disease.counts_as_yes() && safety.takes_antacids()) {
        return None;
    }
    let what = if safety.antacid_laxative_mg > 0.0 {
        format!(
            "the {} mg a day of magnesium from antacids or laxatives",
            fmt_mg(safety.antacid_laxative_mg)
        )
    } else {
        "the magnesium in the antacids or laxatives you take".to_string()
    };
    Some(Finding {
        level: Level::Stop,
        code: "kidney_antacid",
        message: format!(
            "{}With kidney disease, {what} can build up to a dangerous level: this is the most common way people come to harm from magnesium. Talk to your clinician about it now, and ask whether a product without magnesium would suit you.",
            not_sure_prefix(safety),
        ),
        source: SRC_KIDNEY,
    })
}

/// Caution: antacids or laxatives with magnesium taken (a yes) but their amount not entered,
/// so the total against the limit (`limit`, mg a day) leaves them out (reference §2: they count
/// toward it). With kidney disease [`kidney_with_antacids`] says more. Source: the limit's.
pub(super) fn amount_unknown(
    safety: &SafetyAnswers,
    limit: u32,
    limit_source: Source,
) -> Option<Finding> {
    let unknown = safety.takes_antacid_laxative && safety.antacid_laxative_mg <= 0.0;
    (unknown && !safety.kidney_disease.counts_as_yes()).then(|| Finding {
        level: Level::Caution,
        code: "antacid_amount_unknown",
        message: format!(
            "You take antacids or laxatives that contain magnesium, but their amount is not entered, so the total here leaves them out. Their magnesium counts toward the limit of {limit} mg a day: find it on the label (a compound's weight converts to elemental mg on the first step) and add it."
        ),
        source: limit_source,
    })
}

/// What a "not sure" answer to the kidney question adds in front of a kidney finding: it counts
/// as yes until the user knows (reference §3).
pub(super) fn not_sure_prefix(safety: &SafetyAnswers) -> &'static str {
    if safety.kidney_disease == KidneyAnswer::NotSure {
        "Not sure counts as yes until you know: ask your clinician whether your kidneys work normally. "
    } else {
        ""
    }
}
