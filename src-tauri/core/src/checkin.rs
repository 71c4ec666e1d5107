//! Symptom check-ins: what a check-in may hold (every rating 0–10 of a tracked symptom, each
//! once; urgent signs from the reference list; a note), the entries it appends, and the advice a
//! day's check-ins call for: stop and seek care on an urgent sign (reference §7), loose-stools
//! advice from a stomach rating of [`STOMACH_ADVICE_FROM`] (reference §5 and §7).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checklist::MAX_NOTE_CHARS;
use crate::error::{quoted, CoreError, Result};
use crate::facts::{SRC_DIARRHEA, SRC_TOXICITY, URGENT_SYMPTOMS};
use crate::log::{DayState, Entry, NoteOn};
use crate::pause::Pause;
use crate::protocol::{Finding, Level, ProtocolSpec, Symptom};

/// A stomach rating from which the loose-stools advice is shown: a product choice (the middle
/// of the lower half of the 0–10 scale: "noticeable"), not a clinical threshold.
pub const STOMACH_ADVICE_FROM: u8 = 4;
/// The highest rating.
pub const MAX_RATING: u8 = 10;

/// One symptom rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rating {
    pub symptom: Symptom,
    /// 0 (none) to 10 (worst).
    pub value: u8,
}

/// A symptom check-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckInInput {
    /// "YYYY-MM-DD"; today when absent.
    pub day: Option<String>,
    pub ratings: Vec<Rating>,
    /// Signs of too much magnesium the user has now (from [`URGENT_SYMPTOMS`]).
    pub urgent: Vec<String>,
    pub note: String,
}

/// Check a check-in against the protocol that governs its day and turn it into entries; refuses
/// (nothing is written) an empty check-in, a rating out of range, of an untracked symptom or
/// given twice, an unknown sign and an overlong note.
pub fn entries(input: &CheckInInput, spec: &ProtocolSpec) -> Result<Vec<Entry>> {
    if input.ratings.is_empty() && input.urgent.is_empty() && input.note.trim().is_empty() {
        return Err(CoreError::invalid(
            "empty_check_in",
            "ratings",
            "Rate at least one symptom, or add a note.",
        ));
    }
    let mut seen = Vec::new();
    for (i, r) in input.ratings.iter().enumerate() {
        if r.value > MAX_RATING {
            return Err(CoreError::invalid(
                "invalid_rating",
                format!("ratings[{i}].value"),
                "Ratings go from 0 (none) to 10 (worst).",
            ));
        }
        if !spec.symptoms.contains(&r.symptom) {
            return Err(CoreError::invalid(
                "unknown_symptom",
                format!("ratings[{i}].symptom"),
                format!("{} is not tracked by your protocol.", r.symptom.label()),
            ));
        }
        if seen.contains(&r.symptom) {
            return Err(CoreError::invalid(
                "duplicate_rating",
                format!("ratings[{i}].symptom"),
                format!("{} is rated twice.", r.symptom.label()),
            ));
        }
        seen.push(r.symptom);
    }
    for (i, u) in input.urgent.iter().enumerate() {
        if !URGENT_SYMPTOMS.contains(&u.as_str()) {
            return Err(CoreError::invalid(
                "unknown_symptom",
                format!("urgent[{i}]"),
                format!("{} is not on the list.", quoted(u)),
            ));
        }
    }
    if input.note.chars().count() > MAX_NOTE_CHARS {
        return Err(CoreError::invalid(
            "note_too_long",
            "note",
            format!("A note can be at most {MAX_NOTE_CHARS} characters."),
        ));
    }
    let mut out: Vec<Entry> = input
        .ratings
        .iter()
        .map(|r| Entry::Rated {
            symptom: r.symptom,
            value: r.value,
        })
        .collect();
    // The answer to "any of these now?" is recorded with every rating check-in, so a later
    // check-in without signs lifts an earlier one's stop.
    if !input.urgent.is_empty() || !input.ratings.is_empty() {
        out.push(Entry::UrgentAnswer {
            signs: input.urgent.clone(),
        });
    }
    if !input.note.trim().is_empty() {
        out.push(Entry::Note {
            on: NoteOn::CheckIn,
            text: input.note.trim().to_string(),
        });
    }
    Ok(out)
}

/// What a day's check-ins call for: the latest answer about urgent signs (stop and seek care;
/// once the user has confirmed a clinician's clearance after it, that answer reads as history),
/// and the latest stomach rating (loose-stools advice).
pub fn advice(log: &DayState, pauses: &[Pause]) -> Vec<Finding> {
    let urgent = log.urgent.clone().unwrap_or_default();
    let stomach = log.ratings.get(&Symptom::Stomach).copied();
    let mut advice = Vec::new();
    let cleared = log.urgent_at.and_then(|at| {
        pauses
            .iter()
            .filter_map(|p| p.until)
            .filter(|until| *until >= at)
            .min()
    });
    if let (false, Some(until)) = (urgent.is_empty(), cleared) {
        advice.push(Finding {
            level: Level::Info,
            code: "seek_care_cleared",
            message: format!(
                "Earlier you reported {} and your plan was paused. You confirmed a clinician's clearance at {}, and the plan has resumed. If any of these signs come back, stop taking magnesium and seek medical care.",
                urgent.join(", "),
                until.format("%H:%M")
            ),
            source: SRC_TOXICITY,
        });
    } else if !urgent.is_empty() {
        advice.push(Finding {
            level: Level::Stop,
            code: "seek_care",
            message: format!(
                "Stop taking magnesium and seek medical care now ({}). These can be signs of too much magnesium; if it feels severe, call emergency services.",
                urgent.join(", ")
            ),
            source: SRC_TOXICITY,
        });
    }
    if stomach.is_some_and(|v| v >= STOMACH_ADVICE_FROM) {
        advice.push(Finding {
            level: Level::Caution,
            code: "loose_stools",
            message: "Loose stools or an upset stomach are the usual sign of too much at once. Lower each intake, split the day's amount into more doses, take it with food, or move away from oxide, carbonate, chloride or gluconate to glycinate or malate.".into(),
            source: SRC_DIARRHEA,
        });
    }
    advice
}
