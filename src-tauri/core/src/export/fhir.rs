//! A FHIR R4 (4.0.1) `Bundle` of type `collection` (issue 26), for a clinician's system.
//!
//! What it holds, in this order:
//! - **Patient**, only when the user typed a name for this export ([`ExportData::person`]): a
//!   Patient whose only element is that name (`name[0].text`), and every resource's `subject`
//!   refers to it. Without one there is **no Patient** and nothing naming or identifying the
//!   person: R4 makes `MedicationStatement.subject` and `MedicationAdministration.subject`
//!   required (1..1), so every `subject` is then a Reference with only a `display`
//!   ([`UNNAMED`]); a display-only Reference is valid R4 (no `reference` is required).
//! - **MedicationStatement**, one per protocol version that has a supplement plan and governs a
//!   day of the range: the product as `medicationCodeableConcept.text` ("Magnesium
//!   glycinate / bisglycinate (Calm Glycinate)"), one `dosage` per dose of the day with its
//!   `timing` (daily, `timeOfDay`, bounded by the course) and its elemental amount as
//!   `doseAndRate[0].doseQuantity` in UCUM mg; `effectivePeriod` is the days of the range it
//!   governed, `dateAsserted` when it was saved, and its `note` states the exported range.
//! - **MedicationAdministration**, one per decided dose: `completed` at the instant it was taken,
//!   or `not-done` at its due time with the reason as `statusReason[0].text` (skipped on purpose,
//!   missed, not expected on a skip or safety-pause day); `dosage.dose` is the elemental amount
//!   in UCUM mg, and `supportingInformation` points at its version's MedicationStatement. Doses
//!   still open (upcoming, or due with their window open) and those whose window closed before
//!   the plan was saved (`BeforeStart`, never expected) are left out: nothing was decided.
//! - **Observation**s (`final`): the day's dietary magnesium (food and water logged, summed) as
//!   `valueQuantity` in UCUM mg, on days with food logged, and each symptom rating of the day (its
//!   last value) as `valueInteger` 0 (none) to 10 (worst), both with the day as
//!   `effectiveDateTime`.
//!
//! Codes: only UCUM (`http://unitsofmeasure.org`, `mg`). No LOINC, SNOMED CT or RxNorm code was
//! confirmed for a dietary magnesium intake, a free-text symptom rating or a supplement product,
//! so those concepts carry `text` only; no code is made up.
//!
//! The range: Bundle has no narrative, and a tag or identifier would need an invented system, so
//! the range is stated in each MedicationStatement (`note`, and `effectivePeriod`); the bundle's
//! `timestamp` is when it was generated. Every entry's `fullUrl` is a `urn:uuid:` derived (SHA-256,
//! as a version 8 UUID) from what the resource describes (a version's save instant, a dose's
//! day and slot, a rating's day and symptom), so the same record always exports the same ids.

use chrono::NaiveDate;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::{ExportData, ExportDay};
use crate::checklist::{DoseStatus, DoseView};
use crate::log::{by_day, DayState};
use crate::protocol::{ProtocolSpec, SupplementPlan};

/// The UCUM code system.
pub const UCUM: &str = "http://unitsofmeasure.org";
/// The `subject` of every resource when no name was typed for the export.
pub const UNNAMED: &str = "The person this record belongs to (not named in this export)";

/// The FHIR R4 bundle of `d`, as JSON.
pub fn bundle(d: &ExportData) -> Value {
    let mut entries = Vec::new();
    let subject = match &d.person {
        Some(name) => {
            let url = urn("patient");
            entries.push(entry(
                &url,
                json!({ "resourceType": "Patient", "name": [{ "text": name }] }),
            ));
            json!({ "reference": url })
        }
        None => json!({ "display": UNNAMED }),
    };
    for &(id, from, saved, spec) in &d.versions {
        if let Some(plan) = &spec.supplement {
            let url = statement_urn(from, saved);
            let days: Vec<NaiveDate> = d
                .days
                .iter()
                .filter(|x| x.version == Some(id))
                .map(|x| x.day)
                .collect();
            let newest = d.versions.last().map(|v| v.0) == Some(id);
            let res = statement(d, (spec, plan, newest), &days, &subject, saved.to_rfc3339());
            entries.push(entry(&url, res));
        }
    }
    let logs = by_day(d.records);
    for day in &d.days {
        for dose in &day.list.doses {
            if let Some(res) = administration(d, day, dose, &subject) {
                entries.push(entry(&urn(&format!("dose:{}:{}", day.day, dose.slot)), res));
            }
        }
        let state = DayState::replay(logs.get(&day.day).into_iter().flatten().copied());
        entries.extend(observations(day.day, &state, &subject));
    }
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": d.generated.to_rfc3339(),
        "entry": entries,
    })
}

/// A bundle entry.
fn entry(url: &str, resource: Value) -> Value {
    json!({ "fullUrl": url, "resource": resource })
}

/// A `urn:uuid:` from SHA-256 of `key`: a version 8 (custom) UUID, RFC 9562 variant.
pub fn urn(key: &str) -> String {
    let h = Sha256::digest(format!("magday:fhir:{key}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The MedicationStatement of the version in effect from `from`, saved at `saved`.
fn statement_urn(from: NaiveDate, saved: chrono::DateTime<chrono::FixedOffset>) -> String {
    urn(&format!("statement:{from}:{}", saved.to_rfc3339()))
}

/// An amount of elemental magnesium, in UCUM mg (rounded to 0.01 mg).
pub fn mg(value: f64) -> Value {
    json!({ "value": round2(value), "unit": "mg", "system": UCUM, "code": "mg" })
}

/// `v` rounded to two decimals.
pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The product in words: "Magnesium glycinate / bisglycinate (Calm Glycinate)".
pub fn medication_text(plan: &SupplementPlan) -> String {
    let form = format!("Magnesium {}", plan.form_name.to_lowercase());
    match plan.product.trim() {
        "" => form,
        product => format!("{form} ({product})"),
    }
}

fn statement(
    d: &ExportData,
    (spec, plan, newest): (&ProtocolSpec, &SupplementPlan, bool),
    days: &[NaiveDate],
    subject: &Value,
    saved: String,
) -> Value {
    let first = days.first().copied().unwrap_or(d.span.first);
    let last = days.last().copied().unwrap_or(d.span.last);
    let ongoing = newest && spec.end_date() >= d.generated.date_naive();
    let (start, end) = (spec.start_date, spec.end_date());
    let dosage: Vec<Value> = plan
        .doses
        .iter()
        .map(|dose| {
            json!({
                "sequence": dose.slot,
                "text": format!(
                    "{} unit(s), {} mg elemental magnesium, daily at {}",
                    dose.units,
                    round2(dose.mg),
                    dose.time
                ),
                "timing": { "repeat": {
                    "boundsPeriod": { "start": start.to_string(), "end": end.to_string() },
                    "frequency": 1, "period": 1, "periodUnit": "d",
                    "timeOfDay": [format!("{}:00", dose.time)],
                } },
                "doseAndRate": [{ "doseQuantity": mg(dose.mg) }],
            })
        })
        .collect();
    let mut note = format!(
        "Exported range: {}. Course {start} to {end}; this version of the plan was saved {saved} \
         and governed {first} to {last} of the range (time zone {}). Amounts are elemental \
         magnesium.",
        d.span.label, d.zone
    );
    if let Some(a) = &plan.assumption {
        note.push(' ');
        note.push_str(a);
    }
    json!({
        "resourceType": "MedicationStatement",
        "status": if ongoing { "active" } else { "completed" },
        "medicationCodeableConcept": { "text": medication_text(plan) },
        "subject": subject,
        "effectivePeriod": { "start": first.to_string(), "end": last.to_string() },
        "dateAsserted": saved,
        "note": [{ "text": note }],
        "dosage": dosage,
    })
}

/// Why a dose was not taken, or `None` when it was taken or is left out.
fn not_done_reason(day: &ExportDay, dose: &DoseView) -> Option<Option<&'static str>> {
    match dose.status {
        DoseStatus::Taken => Some(None),
        DoseStatus::Skipped => Some(Some("Skipped on purpose")),
        DoseStatus::Missed => Some(Some("Missed: not taken before its window closed")),
        DoseStatus::Paused if day.list.skipped => Some(Some(
            "Not expected: the person marked the day as a skip or pause day",
        )),
        DoseStatus::Paused => Some(Some("Not expected: paused for safety")),
        DoseStatus::Upcoming | DoseStatus::Due | DoseStatus::BeforeStart => None,
    }
}

/// The MedicationAdministration of a decided dose; `None` for one still open or never expected.
fn administration(
    d: &ExportData,
    day: &ExportDay,
    dose: &DoseView,
    subject: &Value,
) -> Option<Value> {
    let reason = not_done_reason(day, dose)?;
    let (_, from, saved, spec) = *d.versions.iter().find(|v| Some(v.0) == day.version)?;
    let plan = spec.supplement.as_ref()?;
    let when = match (&dose.taken_at, reason) {
        (Some(t), None) => t.clone(),
        _ => dose.due_at.clone(),
    };
    let mut res = json!({
        "resourceType": "MedicationAdministration",
        "status": if reason.is_none() { "completed" } else { "not-done" },
        "medicationCodeableConcept": { "text": medication_text(plan) },
        "subject": subject,
        "effectiveDateTime": when,
        "supportingInformation": [{ "reference": statement_urn(from, saved) }],
        "dosage": {
            "text": format!("Dose {} of the day, planned at {}", dose.slot, dose.time),
            "dose": mg(dose.mg),
        },
    });
    if let Some(why) = reason {
        res["statusReason"] = json!([{ "text": why }]);
    }
    Some(res)
}

/// The day's dietary magnesium (when food was logged) and symptom ratings, as entries.
fn observations(day: NaiveDate, state: &DayState, subject: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    if !state.food.is_empty() {
        out.push(entry(
            &urn(&format!("food:{day}")),
            json!({
                "resourceType": "Observation",
                "status": "final",
                "category": [{ "text": "Dietary intake, logged by the person" }],
                "code": { "text": "Dietary magnesium intake" },
                "subject": subject,
                "effectiveDateTime": day.to_string(),
                "valueQuantity": mg(state.food_mg()),
                "note": [{ "text": "Magnesium in the foods and water logged that day, summed \
                                    from a food table: the day's total, supplements excluded." }],
            }),
        ));
    }
    for (symptom, value) in &state.ratings {
        out.push(entry(
            &urn(&format!("rating:{day}:{}", symptom.key())),
            json!({
                "resourceType": "Observation",
                "status": "final",
                "category": [{ "text": "Symptom rating, reported by the person" }],
                "code": { "text": symptom.label() },
                "subject": subject,
                "effectiveDateTime": day.to_string(),
                "valueInteger": value,
                "note": [{ "text": "Rated 0 (none) to 10 (worst); the day's last rating." }],
            }),
        ));
    }
    out
}

#[cfg(test)]
mod tests;
