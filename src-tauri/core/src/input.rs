//! Reading a command's input: a malformed one (a field missing, of the wrong type, or a choice
//! that is not on the list) is refused with the `invalid_input` code, the field's path, and a
//! message that names the field in the user's words, e.g. "Amount per capsule or scoop (mg)
//! needs a number." rather than serde's "invalid type: null, expected f64".

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checklist::Tap;

use crate::error::{quoted, CoreError, Result};

/// Parse `value` as `T`, or say which field is wrong and how.
pub fn parse<T: DeserializeOwned>(value: serde_json::Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        refusal(&path, &inner)
    })
}

/// The words a person would use for a field, by its last name in the path.
pub fn field_words(name: &str) -> String {
    let known = match name {
        "mg_per_unit" => "Amount per capsule or scoop (mg)",
        "units" => "Capsules or scoops per dose",
        "time" => "Dose time",
        "window_minutes" => "Dose window (minutes)",
        "form" => "Magnesium form",
        "start_date" => "Start date",
        "length_days" => "Course length (days)",
        "water_glasses" => "Glasses of water a day",
        "antacid_laxative_mg" => "Magnesium from antacids or laxatives (mg a day)",
        "age_band" => "Age",
        "sex" => "Sex",
        "pregnancy" => "Pregnant or breastfeeding",
        "kidney_disease" => "Kidney disease",
        "depletion" => "What can lower magnesium",
        "b6_mg_per_day" => "Vitamin B6 a day (mg)",
        "grams" => "Amount (g)",
        "litres" => "Amount of water (litres)",
        "mg_per_litre" => "Magnesium in the water (mg per litre)",
        "food_id" => "Food",
        "day" => "Day",
        "value" => "Rating",
        "symptom" => "Symptom",
        "day_start" => "Day start",
        "query" => "Search",
        "text" => "Note",
        "slot" => "Dose",
        "minutes" => "Minutes",
        "delta" => "Count",
        // An internally tagged tap loses the inner field's name in serde's path.
        "tap" => "A number in this entry",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    let plain = name.replace('_', " ");
    let mut chars = plain.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "The request".to_string(),
    }
}

/// The last named segment of a serde path ("protocol.supplement.doses[0].time" → "time").
fn last_name(path: &str) -> &str {
    path.rsplit('.')
        .map(|seg| seg.split('[').next().unwrap_or(seg))
        .find(|seg| !seg.is_empty() && *seg != "?")
        .unwrap_or("")
}

/// The text between the first pair of backticks in serde's message, if any.
fn ticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

fn refusal(path: &str, serde_message: &str) -> CoreError {
    let path = if path == "." { "" } else { path };
    let words = field_words(last_name(path));
    let message = if let Some(rest) = serde_message.strip_prefix("missing field ") {
        let missing = ticked(rest).unwrap_or("");
        let field = if path.is_empty() {
            missing.to_string()
        } else {
            format!("{path}.{missing}")
        };
        return CoreError::invalid(
            "invalid_input",
            field,
            format!("{} is missing.", field_words(missing)),
        );
    } else if serde_message.starts_with("unknown variant") {
        let given = ticked(serde_message).unwrap_or("");
        format!(
            "{} is not one of the choices for {}.",
            quoted(given),
            words.to_lowercase()
        )
    } else if serde_message.starts_with("invalid value: integer `-")
        && serde_message
            .rsplit("expected ")
            .next()
            .is_some_and(|e| e.starts_with('u'))
    {
        // A negative number where only 0 and up make sense: say that, not "needs a number".
        format!("{words} cannot be negative.")
    } else if serde_message.starts_with("invalid type")
        || serde_message.starts_with("invalid value")
    {
        let expected = serde_message.rsplit("expected ").next().unwrap_or("");
        let needs = if [
            "f64", "f32", "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64",
        ]
        .iter()
        .any(|t| expected.starts_with(t))
            || expected.contains("integer")
            || expected.contains("number")
        {
            "needs a number"
        } else if expected.contains("string") {
            "needs text"
        } else if expected.contains("bool") {
            "needs yes or no"
        } else if expected.contains("sequence") {
            "needs a list"
        } else {
            "is not in the expected form"
        };
        format!("{words} {needs}.")
    } else {
        format!("{words} is not in the expected form.")
    };
    CoreError::invalid("invalid_input", path, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::food::day::LogWaterInput;
    use crate::protocol::Template;
    use crate::setup::SaveProtocolInput;
    use crate::testkit::{date, protocol_input};
    use serde_json::json;

    /// A good save_protocol input as JSON, to break one field at a time.
    fn good_protocol() -> serde_json::Value {
        let protocol = protocol_input(
            Template::Nerve,
            "glycinate",
            100.0,
            &["08:00", "20:00"],
            date(2026, 11, 21),
        );
        serde_json::to_value(SaveProtocolInput {
            protocol,
            new_course: false,
        })
        .unwrap()
    }

    fn err<T: DeserializeOwned + std::fmt::Debug>(v: serde_json::Value) -> (String, String) {
        match parse::<T>(v).unwrap_err() {
            CoreError::Invalid {
                field,
                message,
                code,
            } => {
                assert_eq!(code, "invalid_input");
                (field, message)
            }
            other => panic!("not an input error: {other:?}"),
        }
    }

    #[test]
    fn a_null_number_names_the_field_in_the_users_words() {
        let (field, message) = err::<LogWaterInput>(json!({ "day": null, "litres": null }));
        assert_eq!(field, "litres");
        assert_eq!(message, "Amount of water (litres) needs a number.");
        assert!(!message.contains("f64"), "{message}");
    }

    #[test]
    fn a_negative_number_is_called_negative_not_missing() {
        let mut p = good_protocol();
        p["protocol"]["length_days"] = json!(-1);
        let (field, message) = err::<SaveProtocolInput>(p);
        assert_eq!(field, "protocol.length_days");
        assert_eq!(message, "Course length (days) cannot be negative.");

        let (_, message) = err::<TapInput>(
            json!({ "day": null, "tap": { "type": "take_dose", "slot": -1, "at": null } }),
        );
        assert_eq!(message, "A number in this entry cannot be negative.");
        assert!(!message.contains("needs a number"), "{message}");
    }

    #[test]
    fn a_missing_field_and_a_wrong_type_deep_in_a_protocol() {
        let mut p = good_protocol();
        p["protocol"]["supplement"]["mg_per_unit"] = json!(null);
        let (field, message) = err::<SaveProtocolInput>(p);
        assert_eq!(field, "protocol.supplement.mg_per_unit");
        assert_eq!(message, "Amount per capsule or scoop (mg) needs a number.");

        let mut p = good_protocol();
        p["protocol"]["supplement"]["doses"][1]["time"] = json!(800);
        let (field, message) = err::<SaveProtocolInput>(p);
        assert_eq!(field, "protocol.supplement.doses[1].time");
        assert_eq!(message, "Dose time needs text.");

        let mut p = good_protocol();
        if let Some(o) = p["protocol"].as_object_mut() {
            o.remove("start_date");
        }
        let (field, message) = err::<SaveProtocolInput>(p);
        assert_eq!(field, "protocol.start_date");
        assert_eq!(message, "Start date is missing.");
    }

    #[test]
    fn an_unknown_choice_is_quoted_short() {
        let mut p = good_protocol();
        p["protocol"]["safety"]["age_band"] = json!("x".repeat(100_000));
        let (field, message) = err::<SaveProtocolInput>(p);
        assert_eq!(field, "protocol.safety.age_band");
        assert!(message.starts_with("\"xxxx"), "{message}");
        assert!(
            message.ends_with("…\" is not one of the choices for age."),
            "{message}"
        );
        assert!(
            message.chars().count() < 120,
            "{} chars",
            message.chars().count()
        );
    }

    #[test]
    fn a_long_unknown_form_is_not_echoed_in_full_and_no_message_runs_on() {
        let mut i = protocol_input(
            Template::Nerve,
            "glycinate",
            100.0,
            &["08:00"],
            date(2026, 11, 21),
        );
        if let Some(s) = i.supplement.as_mut() {
            s.form = "y".repeat(100_000);
        }
        let e = crate::protocol::validate(&i, date(2026, 11, 21), 240).unwrap_err();
        assert_eq!(e.code(), "unknown_form");
        assert!(e.to_string().chars().count() < 150, "{e}");
        // The safety net: whatever a message says, at most 600 characters cross IPC.
        let long = CoreError::invalid("invalid_input", "x", "z".repeat(10_000));
        let api = crate::ApiError::from(long);
        assert_eq!(api.message.chars().count(), crate::error::MAX_MESSAGE_CHARS);
        assert!(api.message.ends_with('…'));
    }
}

/// Input for `get_day`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DayInput {
    /// "YYYY-MM-DD"; today when absent.
    pub day: Option<String>,
}

/// Input for `tap`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TapInput {
    /// "YYYY-MM-DD"; today when absent.
    pub day: Option<String>,
    pub tap: Tap,
}
