//! What a stored protocol version may do. A version can reach the record without passing this
//! device's save rules: merged from another device, imported from a file, restored from a
//! backup, or saved by an older build whose rules were looser. So wherever a day's plan is read
//! (Today, the checklist, reminders on both platforms, the supply, progress, the report), the
//! version in force is first judged by the same rules a save applies
//! ([`super::validate::plan_refusal`]): a plan those rules would refuse governs no doses. Its
//! supplement plan is held (no dose cards, no dose, separation or refill reminders, nothing
//! counted against adherence) and [`ProtocolSpec::held`] says why, for Today's "review this
//! plan". Nothing is lost: the version is stored as it came, and the Protocol screen shows it.
//!
//! The store parses each version once and keeps the governed result ([`Governed`]), so this runs
//! once per version, not once per read.

use serde::Deserialize;

use super::answers::SafetyAnswers;
use super::model::{Finding, KidneyAnswer, Level, ProtocolSpec, Template};
use super::safety::evaluate;
use super::templates::DEFAULT_LENGTH_DAYS;
use super::validate::plan_refusal;

/// A stored spec as it may govern days: parsed, then judged (see the module).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "ProtocolSpec")]
pub struct Governed(pub ProtocolSpec);

impl From<ProtocolSpec> for Governed {
    fn from(spec: ProtocolSpec) -> Self {
        Governed(govern(spec))
    }
}

/// `spec` with its supplement plan held when the save rules would refuse it.
pub fn govern(mut spec: ProtocolSpec) -> ProtocolSpec {
    spec.held = hold(&spec);
    if spec.held.is_some() {
        spec.supplement = None;
    }
    spec
}

/// Why the save rules would refuse `spec`'s supplement plan, as Today shows it; `None` when it
/// may govern doses (or has no plan).
pub fn hold(spec: &ProtocolSpec) -> Option<Finding> {
    let plan = spec.supplement.as_ref()?;
    let report = evaluate(&spec.safety, Some(plan));
    let refused = plan_refusal(&report, spec.above_limit.is_some())?;
    let code = match refused.code {
        "clinician_first" => "plan_stopped",
        "above_twice_limit" => "plan_above_twice_limit",
        _ => "plan_above_limit_unreviewed",
    };
    Some(Finding {
        level: refused.level.max(Level::Strong),
        code,
        message: format!(
            "Your plan's doses are held: it came from another device, a file or an older version of Magday, and the safety rules would not save it as it is. {} Review this plan on the Protocol screen before taking more.",
            refused.message
        ),
        source: refused.source,
    })
}

/// A stored spec this build cannot read (saved by a newer version of Magday with values this
/// one does not know, or damaged): it governs no day's doses or items, and Today says why. The
/// course keeps the dates and answers the spec gives where they can be read (the start, the
/// length, the safety answers); what cannot be read takes the cautious value (kidney disease
/// "not sure": no plan, and the kidney advice on water).
pub fn unreadable(json: &str, effective_from: chrono::NaiveDate) -> ProtocolSpec {
    let value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    fn field<T: serde::de::DeserializeOwned>(value: &serde_json::Value, name: &str) -> Option<T> {
        serde_json::from_value(value.get(name).cloned().unwrap_or_default()).ok()
    }
    let safety = field(&value, "safety").unwrap_or_else(|| SafetyAnswers {
        age_band: crate::facts::AgeBand::Years31To50,
        sex: crate::facts::Sex::Female,
        pregnancy: crate::facts::Pregnancy::No,
        kidney_disease: KidneyAnswer::NotSure,
        medicines: vec![],
        takes_antacid_laxative: false,
        antacid_laxative_mg: 0.0,
        conservative_limit: false,
        wider_windows: false,
        depletion: vec![],
    });
    ProtocolSpec {
        template: field(&value, "template").unwrap_or(Template::Custom),
        name: field(&value, "name").unwrap_or_default(),
        safety,
        supplement: None,
        start_date: field(&value, "start_date").unwrap_or(effective_from),
        length_days: field(&value, "length_days").unwrap_or(DEFAULT_LENGTH_DAYS),
        items: vec![],
        symptoms: vec![],
        rda_mg: field(&value, "rda_mg").unwrap_or(0),
        above_limit: None,
        b6_mg_per_day: None,
        held: Some(Finding {
            level: Level::Stop,
            code: "plan_unreadable",
            message: "This plan could not be read: it was saved by a newer version of Magday, or the record is damaged. It governs no doses and no reminders until Magday on this device is updated or the plan is saved again on the Protocol screen.".into(),
            source: crate::facts::SRC_GUIDES,
        }),
    }
}
