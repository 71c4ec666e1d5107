//! What to expect, week by week: for the current week of the course, what users can fairly
//! expect (educational text from the guides, with sources, promising nothing), and how the
//! user's own symptom ratings over the last seven days compare with their baseline.
//!
//! The nerve guide: "some effects are noticed within days, with deeper recovery over weeks";
//! its protocol runs two months (reference §7, [`SRC_GUIDES`]). Stomach upset is the tolerance
//! check every protocol tracks (IOM: osmotic diarrhea is the basis of the limit,
//! [`SRC_DIARRHEA`]). What magnesium does for circulation or nerves is told as the guides'
//! claim ("the nerve guide says"), never as fact (issue 22).
//!
//! Two trends carry advice (reference §7): a nerve symptom that gets worse says to talk to a
//! clinician and names too much vitamin B6 as one cause (§4a); cold hands or feet not better
//! from week 4 quote the warm-hands guide: magnesium "does not replace medical evaluation".

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::facts::{
    Source, COLD_NOT_BETTER_ADVICE, NERVE_WORSE_ADVICE, SRC_B6_EFSA, SRC_B6_IOM, SRC_DIARRHEA,
    SRC_GUIDES, SRC_WARM_HANDS_EVALUATION,
};
use crate::pause::Pause;
use crate::progress::SymptomSeries;
use crate::protocol::{ProtocolSpec, Symptom};

/// The days the recent average covers.
pub const RECENT_DAYS: i64 = 7;
/// A change of at least this many points (0–10 scale) reads as better or worse.
pub const CHANGE_POINTS: f64 = 1.0;

/// Shown beside the text, always.
pub const DISCLAIMER: &str = "Educational, not medical advice. What you notice can come from many things (the weather, activity, sleep, other treatments), and people differ. Talk to your clinician about any change, and before changing your plan.";

/// How a symptom compares with its baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TrendVerdict {
    /// At least a point lower (milder) than the baseline.
    Better,
    AboutTheSame,
    /// At least a point higher.
    Worse,
    /// No baseline, or no rating in the last seven days.
    NotEnough,
}

/// One symptom against its baseline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SymptomTrend {
    pub symptom: Symptom,
    pub label: String,
    pub baseline: Option<u8>,
    /// The average of the ratings of the last seven days (the baseline day left out).
    pub recent_average: Option<f64>,
    pub verdict: TrendVerdict,
    pub sentence: String,
}

/// The current week of the course, explained.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WeekGuide {
    /// 1-based week of the course.
    pub week: u32,
    pub of_weeks: u32,
    pub title: String,
    pub text: String,
    pub sources: Vec<Source>,
    pub trends: Vec<SymptomTrend>,
    pub disclaimer: String,
}

/// What the guides let us say of week `week` of `of_weeks`.
fn week_text(week: u32, of_weeks: u32) -> (String, &'static str, Vec<Source>) {
    let last = week >= of_weeks;
    match week {
        1 => (
            "Week 1: settling in".into(),
            "The nerve guide says some effects are noticed within days, and many people notice little in the first week. What matters most now is how your stomach takes it: loose stools or stomach upset mean each dose is too large for you. Lowering it, splitting it or taking it with food helps, and the check-in gives advice.",
            vec![SRC_GUIDES, SRC_DIARRHEA],
        ),
        2 => (
            "Week 2: early days".into(),
            "The guides track sleep, muscle tension and cold hands, and the nerve guide says some effects are noticed within days. Many people notice nothing yet, and that is common. Taking magnesium steadily every day matters more than the clock time you take it.",
            vec![SRC_GUIDES],
        ),
        _ if last => (
            format!("Week {week}: the end of the course"),
            "The guides' protocol runs two months. Compare this week with your baseline in the course report, and decide with your clinician whether to go on, change or stop.",
            vec![SRC_GUIDES],
        ),
        3 | 4 => (
            format!("Week {week}: the first month"),
            "The nerve guide describes deeper recovery over weeks rather than days. Around week 4 is a good moment to look at your trend: the week-4 report puts it on one page for your clinician.",
            vec![SRC_GUIDES],
        ),
        _ => (
            format!("Week {week}: the second month"),
            "The nerve guide speaks of deeper recovery over weeks rather than days, and its protocol runs two months. A flat week now and then is common; keep rating your symptoms so the trend shows.",
            vec![SRC_GUIDES],
        ),
    }
}

/// Course week from which cold hands or feet that are not better call for the warm-hands
/// guide's "does not replace medical evaluation" (reference §7).
pub const COLD_REVIEW_WEEK: u32 = 4;

/// The nerve symptoms the guides track (reference §7: numbness, tingling, nerve pain,
/// weakness): the ones too much vitamin B6 can cause or worsen (§4a).
pub fn is_nerve_symptom(s: Symptom) -> bool {
    matches!(
        s,
        Symptom::Numbness | Symptom::Tingling | Symptom::NervePain | Symptom::Weakness
    )
}

/// The advice a trend in course week `week` calls for, added to its sentence; returns the
/// sources it cites. A nerve symptom that is worse: talk to a clinician, and too much vitamin
/// B6 is one cause. Cold hands or feet not better from [`COLD_REVIEW_WEEK`] (still present:
/// their latest known rating above 0): the warm-hands guide's "does not replace medical
/// evaluation".
fn advise(t: &mut SymptomTrend, week: u32) -> &'static [Source] {
    let (advice, sources): (&str, &'static [Source]) =
        if t.verdict == TrendVerdict::Worse && is_nerve_symptom(t.symptom) {
            (NERVE_WORSE_ADVICE, &[SRC_B6_EFSA, SRC_B6_IOM])
        } else if matches!(t.symptom, Symptom::ColdHands | Symptom::ColdFeet)
            && week >= COLD_REVIEW_WEEK
            && t.verdict != TrendVerdict::Better
            && t.recent_average
                .or(t.baseline.map(f64::from))
                .is_some_and(|v| v > 0.0)
        {
            (COLD_NOT_BETTER_ADVICE, &[SRC_WARM_HANDS_EVALUATION])
        } else {
            return &[];
        };
    t.sentence.push(' ');
    t.sentence.push_str(advice);
    sources
}

/// A symptom's ratings against its baseline: the baseline day left out, the last seven days
/// up to `today` averaged.
pub fn trend(series: &SymptomSeries, today: NaiveDate) -> SymptomTrend {
    let baseline = series.baseline;
    let since = today - Duration::days(RECENT_DAYS - 1);
    let recent: Vec<f64> = series
        .points
        .iter()
        .filter(|p| p.day >= since && p.day <= today)
        .filter(|p| baseline.is_none_or(|b| p.day != b.day))
        .map(|p| f64::from(p.value))
        .collect();
    let average = (!recent.is_empty())
        .then(|| (recent.iter().sum::<f64>() / recent.len() as f64 * 10.0).round() / 10.0);
    let label = series.label.clone();
    let (verdict, sentence) = match (baseline, average) {
        (Some(b), Some(avg)) => {
            let change = avg - f64::from(b.value);
            let verdict = if change <= -CHANGE_POINTS {
                TrendVerdict::Better
            } else if change >= CHANGE_POINTS {
                TrendVerdict::Worse
            } else {
                TrendVerdict::AboutTheSame
            };
            let words = match verdict {
                TrendVerdict::Better => "milder than at the start",
                TrendVerdict::Worse => "stronger than at the start",
                _ => "about the same as at the start",
            };
            (
                verdict,
                format!(
                    "{label}: {} at the start, {avg:.1} on average over the last 7 days: {words}.",
                    b.value
                ),
            )
        }
        (None, _) => (
            TrendVerdict::NotEnough,
            format!("{label}: not rated yet. A check-in sets your baseline."),
        ),
        (Some(b), None) => (
            TrendVerdict::NotEnough,
            format!(
                "{label}: {} at the start, no rating in the last 7 days to compare.",
                b.value
            ),
        ),
    };
    SymptomTrend {
        symptom: series.symptom,
        label,
        baseline: baseline.map(|b| b.value),
        recent_average: average,
        verdict,
        sentence,
    }
}

/// The week's text when the protocol has no supplement plan (kidney disease, an age without a
/// limit, a plan held for review): it never tells anyone to take magnesium.
fn no_plan_text(week: u32) -> (String, String, Vec<Source>) {
    (
        format!("Week {week}: your plan without a supplement"),
        "Your protocol has no magnesium supplement plan, so this guide does not suggest taking magnesium. Food, water, movement, breathing and sleep on your checklist still count. Talk to your clinician before starting any supplement.".into(),
        vec![SRC_GUIDES],
    )
}

/// The guide for `today`'s week of the course; `None` outside it. While a safety pause is in
/// force it says so instead of the week's text; with no supplement plan it never tells anyone
/// to take magnesium (issue 22.5). Each trend carries the advice it calls for, and the guide
/// the sources of that advice (issue 22).
pub fn guide(
    spec: &ProtocolSpec,
    today: NaiveDate,
    symptoms: &[SymptomSeries],
    paused: Option<&Pause>,
) -> Option<WeekGuide> {
    let day = spec.course_day(today)?;
    let week = (day - 1) / 7 + 1;
    let of_weeks = spec.length_days.max(1).div_ceil(7);
    let (title, text, sources) = match (paused, &spec.supplement) {
        (Some(p), _) => {
            let v = crate::pause::view(p);
            ("Magnesium is paused".to_string(), v.message, vec![v.source])
        }
        (None, None) => no_plan_text(week),
        (None, Some(_)) => {
            let (title, text, sources) = week_text(week, of_weeks);
            (title, text.to_string(), sources)
        }
    };
    let mut sources = sources;
    let mut trends = Vec::with_capacity(symptoms.len());
    for s in symptoms {
        let mut t = trend(s, today);
        for src in advise(&mut t, week) {
            if !sources.contains(src) {
                sources.push(*src);
            }
        }
        trends.push(t);
    }
    Some(WeekGuide {
        week,
        of_weeks,
        title,
        text,
        sources,
        trends,
        disclaimer: DISCLAIMER.into(),
    })
}

#[cfg(test)]
mod tests;
