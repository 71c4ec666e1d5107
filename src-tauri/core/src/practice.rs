//! The practices beside magnesium that the guides name: a guided breathing session that ticks
//! the breathing item with the minutes done, and movement counted in minutes of a kind. Both are
//! log entries ([`crate::log::Entry::Breathed`], [`crate::log::Entry::Moved`]); unticking the
//! item withdraws the day's minutes with it. Progress sums them per course week
//! ([`summarize`]) with the average change in hand warmth across sessions rated before and after.
//!
//! Sources: the nerve guide, "slow diaphragmatic breathing with extended exhalations"; the
//! warm-hands guide, "manage stress with yoga and pranayama", gentle daily movement
//! (`shared/design.md` §1, [`SRC_GUIDES`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::facts::{Source, SRC_GUIDES};
use crate::log::{by_day, DayState, Record};
// The entries and payloads this module folds are the log's vocabulary.
pub use crate::log::{BreathingPattern, BreathingSession, MovementKind, BREATHING, MOVEMENT};
use crate::protocol::Template;

impl BreathingPattern {
    pub const ALL: [BreathingPattern; 2] = [BreathingPattern::LongerExhale, BreathingPattern::Even];

    /// Seconds breathing in.
    pub fn inhale_s(self) -> u32 {
        match self {
            BreathingPattern::Even => 5,
            BreathingPattern::LongerExhale => 4,
        }
    }

    /// Seconds breathing out.
    pub fn exhale_s(self) -> u32 {
        match self {
            BreathingPattern::Even => 5,
            BreathingPattern::LongerExhale => 6,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BreathingPattern::Even => "Slow and even: 5 seconds in, 5 out",
            BreathingPattern::LongerExhale => "Longer exhale: 4 seconds in, 6 out",
        }
    }

    pub fn about(self) -> &'static str {
        match self {
            BreathingPattern::Even => "Slow belly breathing at an even pace, six breaths a minute: the warm-hands guide's pranayama, which the guide says calms the stress response that narrows small vessels.",
            BreathingPattern::LongerExhale => "Slow diaphragmatic breathing with an exhale longer than the inhale, as the nerve guide describes.",
        }
    }
}

/// The template's own pace: slow and even for warm hands (pranayama), a longer exhale for the
/// nerve guide and a blank protocol.
pub fn default_pattern(template: Template) -> BreathingPattern {
    match template {
        Template::Circulation => BreathingPattern::Even,
        Template::Nerve | Template::Custom => BreathingPattern::LongerExhale,
    }
}

/// The session lengths offered, minutes.
pub const SESSION_MINUTES: [u32; 3] = [3, 5, 10];
/// The length offered first, minutes (the guides: 5–10 minutes).
pub const DEFAULT_SESSION_MINUTES: u32 = 5;
/// A session stopped early counts once it lasted this long, seconds.
pub const MIN_SESSION_SECS: u32 = 60;
/// A session's time may run over its length by this much (a timer tick), seconds.
const OVERRUN_SECS: u32 = 5;

/// One pace as the session screen offers it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PatternOption {
    pub pattern: BreathingPattern,
    pub label: String,
    pub inhale_s: u32,
    pub exhale_s: u32,
    pub about: String,
}

/// What the breathing session offers for the protocol in force.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BreathingOptions {
    pub patterns: Vec<PatternOption>,
    /// The template's own pace, selected first.
    pub default_pattern: BreathingPattern,
    pub minutes: Vec<u32>,
    pub default_minutes: u32,
    /// A stopped session counts from this many seconds.
    pub min_seconds: u32,
    /// The template's advice on breathing.
    pub hint: String,
    pub source: Source,
    /// The safety pause in force now: every screen shows it (issue 22.5).
    pub safety_pause: Option<crate::pause::PauseView>,
    /// Set when the pause's signs include trouble breathing: that needs care now, not a paced
    /// breathing session, and the screen shows this instead of one.
    pub seek_care: Option<String>,
}

/// The options for a template.
pub fn options(template: Template) -> BreathingOptions {
    BreathingOptions {
        patterns: BreathingPattern::ALL
            .iter()
            .map(|&p| PatternOption {
                pattern: p,
                label: p.label().into(),
                inhale_s: p.inhale_s(),
                exhale_s: p.exhale_s(),
                about: p.about().into(),
            })
            .collect(),
        default_pattern: default_pattern(template),
        minutes: SESSION_MINUTES.to_vec(),
        default_minutes: DEFAULT_SESSION_MINUTES,
        min_seconds: MIN_SESSION_SECS,
        hint: crate::protocol::template(template)
            .breathing_hint
            .to_string(),
        source: SRC_GUIDES,
        safety_pause: None,
        seek_care: None,
    }
}

/// What Breathing says instead of a session when the user reported trouble breathing among the
/// urgent signs (reference §7): that is a reason to seek care now.
pub fn seek_care(signs: &[String]) -> Option<String> {
    signs.iter().any(|s| s == "trouble breathing").then(|| {
        "You reported trouble breathing, which can be a sign of too much magnesium. That needs \
         medical care now, not a breathing exercise: seek medical care, and if it feels severe, \
         call emergency services."
            .to_string()
    })
}

/// A finished or stopped breathing session, as the session screen reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BreathingInput {
    pub pattern: BreathingPattern,
    /// The length chosen: 3, 5 or 10 minutes.
    pub planned_minutes: u32,
    /// Seconds actually breathed (pauses left out).
    pub seconds: u32,
    /// Hand warmth before, 0 (very cold) to 10 (warm); optional.
    pub warmth_before: Option<u8>,
    /// Hand warmth after; optional.
    pub warmth_after: Option<u8>,
}

impl BreathingSession {
    /// After minus before, when both were rated (positive: warmer).
    pub fn warmth_change(&self) -> Option<i32> {
        Some(i32::from(self.warmth_after?) - i32::from(self.warmth_before?))
    }
}

fn check_warmth(v: Option<u8>, field: &str) -> Result<()> {
    match v {
        Some(v) if v > 10 => Err(CoreError::invalid(
            "out_of_range",
            field,
            "Rate hand warmth from 0 to 10.",
        )),
        _ => Ok(()),
    }
}

/// The session to record from what the screen reports: refused when its length is not one
/// offered, a rating is out of range, or it was stopped before a minute.
pub fn session(input: &BreathingInput) -> Result<BreathingSession> {
    if !SESSION_MINUTES.contains(&input.planned_minutes) {
        return Err(CoreError::invalid(
            "out_of_range",
            "planned_minutes",
            "A session lasts 3, 5 or 10 minutes.",
        ));
    }
    check_warmth(input.warmth_before, "warmth_before")?;
    check_warmth(input.warmth_after, "warmth_after")?;
    let planned = input.planned_minutes * 60;
    if input.seconds > planned + OVERRUN_SECS {
        return Err(CoreError::invalid(
            "out_of_range",
            "seconds",
            "A session cannot last longer than the length chosen.",
        ));
    }
    if input.seconds < MIN_SESSION_SECS {
        return Err(CoreError::refused(
            "session_too_short",
            "Breathe for at least a minute for the session to count.",
        ));
    }
    let finished = input.seconds >= planned;
    Ok(BreathingSession {
        pattern: input.pattern,
        planned_minutes: input.planned_minutes,
        seconds: input.seconds.min(planned),
        minutes: if finished {
            input.planned_minutes
        } else {
            input.seconds / 60
        },
        finished,
        warmth_before: input.warmth_before,
        warmth_after: input.warmth_after,
    })
}

impl MovementKind {
    pub fn label(self) -> &'static str {
        match self {
            MovementKind::Walk => "Walk",
            MovementKind::Yoga => "Yoga",
            MovementKind::Stretching => "Stretching",
            MovementKind::Other => "Other",
        }
    }
}

/// The most minutes one entry may record (ten hours).
pub const MAX_MOVEMENT_MIN: u32 = 600;

/// Check minutes of movement.
pub fn movement(kind: MovementKind, minutes: u32) -> Result<(MovementKind, u32)> {
    if minutes == 0 || minutes > MAX_MOVEMENT_MIN {
        return Err(CoreError::invalid(
            "out_of_range",
            "minutes",
            "Enter from 1 to 600 minutes of movement.",
        ));
    }
    Ok((kind, minutes))
}

/// Minutes of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KindMinutes {
    pub kind: MovementKind,
    pub minutes: u32,
}

/// A course week's practice.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PracticeWeek {
    /// 1-based course week.
    pub week: u32,
    pub movement_minutes: u32,
    pub movement_by_kind: Vec<KindMinutes>,
    pub breathing_minutes: u32,
    pub breathing_sessions: u32,
}

/// The average change in hand warmth over sessions rated before and after.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WarmthChange {
    pub sessions: u32,
    pub average_before: f64,
    pub average_after: f64,
    /// After minus before (positive: warmer).
    pub average_change: f64,
}

/// Practice over a course.
#[derive(Debug, Clone, PartialEq, Serialize, TS, Default)]
pub struct PracticeSummary {
    pub weeks: Vec<PracticeWeek>,
    pub warmth: Option<WarmthChange>,
}

/// Sum the practice in `records` (a course's days from `start`, each day replayed so an
/// untick withdraws its minutes) per course week, for weeks 1 to `weeks`.
pub fn summarize(records: &[Record], start: NaiveDate, weeks: u32) -> PracticeSummary {
    let mut out: Vec<PracticeWeek> = (1..=weeks)
        .map(|week| PracticeWeek {
            week,
            movement_minutes: 0,
            movement_by_kind: vec![],
            breathing_minutes: 0,
            breathing_sessions: 0,
        })
        .collect();
    let (mut n, mut before, mut after) = (0u32, 0f64, 0f64);
    for (day, log) in by_day(records) {
        let Ok(offset) = u32::try_from((day - start).num_days()) else {
            continue;
        };
        let Some(w) = out.get_mut((offset / 7) as usize) else {
            continue;
        };
        let state = DayState::replay(log);
        for s in &state.breathing {
            w.breathing_minutes += s.minutes;
            w.breathing_sessions += 1;
            if let (Some(b), Some(a)) = (s.warmth_before, s.warmth_after) {
                n += 1;
                before += f64::from(b);
                after += f64::from(a);
            }
        }
        for &(kind, minutes) in &state.movement {
            w.movement_minutes += minutes;
            match w.movement_by_kind.iter_mut().find(|k| k.kind == kind) {
                Some(k) => k.minutes += minutes,
                None => w.movement_by_kind.push(KindMinutes { kind, minutes }),
            }
        }
    }
    for w in &mut out {
        w.movement_by_kind.sort_by_key(|k| k.kind);
    }
    let warmth = (n > 0).then(|| {
        let round = |v: f64| (v * 10.0).round() / 10.0;
        let nf = f64::from(n);
        WarmthChange {
            sessions: n,
            average_before: round(before / nf),
            average_after: round(after / nf),
            average_change: round((after - before) / nf),
        }
    });
    PracticeSummary { weeks: out, warmth }
}

#[cfg(test)]
mod tests;
