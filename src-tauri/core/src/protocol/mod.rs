//! The user's protocol: a template, a product, a daily dose split into doses at local times,
//! a start date and a length, the checklist items and the symptoms tracked; and the safety rules
//! that are applied before any supplement plan is saved.
//!
//! - `model`: the types, as entered, as stored and as the safety rules report them; `answers`:
//!   the safety questions among them.
//! - `templates`: the templates and the protocol a setup form starts from.
//! - `plan`: the supplement plan built from what the label says, and mg formatting.
//! - `safety`: [`evaluate`], one small function per safety rule.
//! - `practices`: what the guides pair with magnesium: the optional items' notes, the vitamin
//!   B6 limits and what depletes magnesium; [`evaluate_protocol`] is `evaluate` with them.
//! - `keep_apart`: the windows around each dose that a medicine must stay out of.
//! - `validate`: [`validate()`], which checks an input and refuses what must not be saved, and
//!   [`validate_safety`], which refuses a safety question left unanswered.
//! - `changes`: [`report_changes`], the findings an edit adds and removes.
//! - `versions`: [`place_version`], when a saved protocol takes effect.
//! - `govern`: [`govern`], what a stored version may do wherever a day's plan is read: the save
//!   rules again, so a plan from elsewhere that they would refuse governs no doses.
//!
//! Every item is re-exported here, so callers write `crate::protocol::X`.

mod answers;
mod changes;
mod govern;
mod keep_apart;
mod model;
mod plan;
mod practices;
mod safety;
mod templates;
mod validate;
pub mod versions;

pub use changes::{report_changes, ReportChanges};
pub use govern::{govern, hold, unreadable, Governed};
pub use keep_apart::{keep_apart_windows, moved_to_taken};
pub(crate) use model::medicine_name;
pub use model::{
    AboveLimit, AmountKind, DoseInput, DoseSpec, Finding, ItemKind, ItemNote, ItemSpec, KeepApart,
    KidneyAnswer, Level, MedicineInput, ProtocolInput, ProtocolSpec, SafetyAnswers, SafetyInput,
    SafetyReport, SupplementInput, SupplementPlan, Symptom, Template,
};
pub(crate) use plan::fmt_mg;
pub use plan::{build_plan, MAX_DOSES, MAX_UNITS};
pub use practices::{evaluate_protocol, item_note, validate_b6, with_practices};
pub use safety::evaluate;
pub use templates::{
    default_input, start_daily_mg, template, templates, TemplateInfo, DEFAULT_LENGTH_DAYS,
    DEFAULT_MG_PER_UNIT, DEFAULT_WATER_GLASSES, DEFAULT_WINDOW_MIN, OPTIONAL_ITEMS, STANDARD_ITEMS,
};
pub use validate::{
    above_limit, plan_refusal, validate, validate_safety, PlanRefusal, MAX_LENGTH_DAYS,
    MAX_START_OFFSET_DAYS, MIN_LENGTH_DAYS,
};
pub use versions::{place_version, takes_effect_now};

#[cfg(test)]
mod antacid_tests;
#[cfg(test)]
mod children_tests;
#[cfg(test)]
mod tests;
