//! Progress over a course: adherence per day and per week (doses, and all items), streaks, a
//! smoothed score, and symptom trends against the day-0 baseline.
//!
//! **The score** is a weighted average of each counted day's adherence (doses when the day has
//! doses, otherwise all items), in which a day's weight halves every [`SCORE_HALF_LIFE_DAYS`] = 7
//! counted days: after days with adherence `a₁ … aₙ`, `score = Σ aᵢ·wᵢ / Σ wᵢ` with
//! `wᵢ = 2^(−(n−i)/7)`. Dividing by the weights makes it an average from the first day on: one
//! perfect day reads 100%, a week at 75% reads 75%, and recent days weigh more than old ones
//! (a missed week three weeks ago weighs an eighth of a missed week now). It was an exponential
//! moving average starting at 0, which read 9% after one perfect day (issue 13). Plain adherence
//! is always shown beside it.
//! Skip days leave the score and the streaks as they were.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::checklist::Checklist;
use crate::log::{Entry, Record};
use crate::protocol::Symptom;

/// A point of the score line.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct ScorePoint {
    pub day: NaiveDate,
    pub score: f64,
}

/// What the Progress screen and the report both show of a range of course days.
pub struct Summary {
    pub symptoms: Vec<SymptomSeries>,
    pub weeks: Vec<WeekProgress>,
    pub dose_adherence: Option<f64>,
    pub all_adherence: Option<f64>,
    pub streaks: Streaks,
    pub score_series: Vec<ScorePoint>,
}

/// Summarise course days: symptom trends of the `tracked` symptoms from the range's entries,
/// weeks, adherence, streaks and the score line.
pub fn summarize(days: &[DayProgress], records: &[Record], tracked: &[Symptom]) -> Summary {
    let symptoms = symptom_series(tracked, &ratings(records));
    let (dose_adherence, all_adherence) = adherence(days);
    Summary {
        weeks: weeks(days, &symptoms),
        symptoms,
        dose_adherence,
        all_adherence,
        streaks: streaks(days),
        score_series: score_series(days)
            .into_iter()
            .map(|(day, score)| ScorePoint { day, score })
            .collect(),
    }
}

/// Every symptom rating in these entries, in the order recorded.
pub fn ratings(records: &[Record]) -> Vec<(NaiveDate, Symptom, u8)> {
    records
        .iter()
        .filter_map(|r| match r.entry {
            Entry::Rated { symptom, value } => Some((r.day, symptom, value)),
            _ => None,
        })
        .collect()
}

/// Day `day_number` of a course as progress, from its checklist; `open` for today.
pub fn day_progress(list: &Checklist, day_number: u32, food_mg: f64, open: bool) -> DayProgress {
    let mut p = DayProgress {
        day: list.day,
        day_number,
        doses_taken: list.score.doses_taken,
        doses_planned: list.score.doses_planned,
        items_done: list.score.items_done,
        items_total: list.score.items_total,
        skipped: list.skipped,
        kept: None,
        food_mg,
        supplement_mg: list.supplement_mg(),
        open,
    };
    p.kept = kept(&p);
    p
}

/// The score's half-life, days.
pub const SCORE_HALF_LIFE_DAYS: f64 = 7.0;

/// One day of the course.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DayProgress {
    pub day: NaiveDate,
    /// Day N of the course (1-based).
    pub day_number: u32,
    pub doses_taken: u32,
    pub doses_planned: u32,
    /// Doses, ticks and counted items done (partial credit).
    pub items_done: f64,
    pub items_total: u32,
    pub skipped: bool,
    /// Whether the day counts toward the streak: `None` for skip days and for today while
    /// it can still be completed.
    pub kept: Option<bool>,
    /// Food magnesium logged, mg.
    pub food_mg: f64,
    /// Supplement magnesium taken, mg.
    pub supplement_mg: f64,
    /// True for today (still open).
    pub open: bool,
}

impl DayProgress {
    /// The day's adherence for the score: doses when it has doses, else all items.
    pub fn adherence(&self) -> Option<f64> {
        if self.skipped {
            None
        } else if self.doses_planned > 0 {
            Some(f64::from(self.doses_taken) / f64::from(self.doses_planned))
        } else if self.items_total > 0 {
            Some(self.items_done / f64::from(self.items_total))
        } else {
            None
        }
    }
}

/// Whether a finished day was kept: every dose taken, or without doses, half the items done.
pub fn kept(p: &DayProgress) -> Option<bool> {
    if p.skipped {
        return None;
    }
    let kept = if p.doses_planned > 0 {
        p.doses_taken >= p.doses_planned
    } else if p.items_total > 0 {
        p.items_done / f64::from(p.items_total) >= 0.5
    } else {
        return None;
    };
    // Today counts once it is kept; until then it neither extends nor breaks a streak.
    if p.open && !kept {
        return None;
    }
    Some(kept)
}

/// Current and best runs of kept days; skip days and an unfinished today freeze them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS, Default)]
pub struct Streaks {
    pub current: u32,
    pub best: u32,
}

pub fn streaks(days: &[DayProgress]) -> Streaks {
    let mut s = Streaks::default();
    for d in days {
        match d.kept {
            Some(true) => {
                s.current += 1;
                s.best = s.best.max(s.current);
            }
            Some(false) => s.current = 0,
            None => {}
        }
    }
    s
}

/// The score after each counted day (see the module docs), 0..=1.
pub fn score_series(days: &[DayProgress]) -> Vec<(NaiveDate, f64)> {
    // Each step multiplies every earlier weight by `decay`: after 7 steps a weight has halved.
    let decay = 0.5f64.powf(1.0 / SCORE_HALF_LIFE_DAYS);
    let (mut weighted, mut weights) = (0.0, 0.0);
    let mut out = Vec::new();
    for d in days {
        // An open day is counted once it is kept (it cannot lower the score before it ends).
        if d.open && d.kept != Some(true) {
            continue;
        }
        if let Some(a) = d.adherence() {
            weighted = weighted * decay + a;
            weights = weights * decay + 1.0;
            out.push((d.day, weighted / weights));
        }
    }
    out
}

/// One symptom rating, 0 (none) to 10 (worst).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct SymptomPoint {
    pub day: NaiveDate,
    pub value: u8,
}

/// A symptom over the course.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SymptomSeries {
    pub symptom: Symptom,
    pub label: String,
    /// The first rating of the course (day 0 when recorded on the start day).
    pub baseline: Option<SymptomPoint>,
    /// One point per day rated (the day's last rating).
    pub points: Vec<SymptomPoint>,
    /// The latest rating minus the baseline (negative is better).
    pub change: Option<i32>,
}

/// A week of the course.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WeekProgress {
    /// 1-based.
    pub week: u32,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub doses_taken: u32,
    pub doses_planned: u32,
    pub dose_adherence: Option<f64>,
    pub all_adherence: Option<f64>,
    /// Days that counted (not skipped, not still open).
    pub days_counted: u32,
    pub skipped_days: u32,
    /// Average food magnesium a day over the week's days so far, mg.
    pub food_mg_per_day: Option<f64>,
    /// Average supplement magnesium taken a day, mg.
    pub supplement_mg_per_day: Option<f64>,
    pub symptoms: Vec<SymptomWeek>,
}

/// A symptom's week: its average rating and the change from the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SymptomWeek {
    pub symptom: Symptom,
    pub average: Option<f64>,
    pub change: Option<f64>,
}

/// Adherence over finished (not open, not skipped) days: (doses, all items).
pub fn adherence(days: &[DayProgress]) -> (Option<f64>, Option<f64>) {
    let counted = days.iter().filter(|d| !d.skipped && !d.open);
    let (mut taken, mut planned, mut done, mut total) = (0u32, 0u32, 0.0, 0u32);
    for d in counted {
        taken += d.doses_taken;
        planned += d.doses_planned;
        done += d.items_done;
        total += d.items_total;
    }
    (
        (planned > 0).then(|| f64::from(taken) / f64::from(planned)),
        (total > 0).then(|| done / f64::from(total)),
    )
}

fn average(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// Group days by course week, with each tracked symptom's weekly average against the baseline.
pub fn weeks(days: &[DayProgress], symptoms: &[SymptomSeries]) -> Vec<WeekProgress> {
    let mut out: Vec<WeekProgress> = Vec::new();
    for chunk in days.chunks(7) {
        let (Some(first), Some(last)) = (chunk.first(), chunk.last()) else {
            continue;
        };
        let week = (first.day_number - 1) / 7 + 1;
        let (dose_adherence, all_adherence) = adherence(chunk);
        let counted: Vec<&DayProgress> = chunk.iter().filter(|d| !d.skipped && !d.open).collect();
        let in_week = |p: &SymptomPoint| p.day >= first.day && p.day <= last.day;
        out.push(WeekProgress {
            week,
            first: first.day,
            last: last.day,
            doses_taken: counted.iter().map(|d| d.doses_taken).sum(),
            doses_planned: counted.iter().map(|d| d.doses_planned).sum(),
            dose_adherence,
            all_adherence,
            days_counted: counted.len() as u32,
            skipped_days: chunk.iter().filter(|d| d.skipped).count() as u32,
            food_mg_per_day: average(chunk.iter().filter(|d| !d.open).map(|d| d.food_mg)),
            supplement_mg_per_day: average(
                chunk.iter().filter(|d| !d.open).map(|d| d.supplement_mg),
            ),
            symptoms: symptoms
                .iter()
                .map(|s| {
                    let avg = average(
                        s.points
                            .iter()
                            .filter(|p| in_week(p))
                            .map(|p| f64::from(p.value)),
                    );
                    SymptomWeek {
                        symptom: s.symptom,
                        average: avg,
                        change: avg.zip(s.baseline).map(|(a, b)| a - f64::from(b.value)),
                    }
                })
                .collect(),
        });
    }
    out
}

/// Each tracked symptom's series from (day, symptom, value) ratings in day order; the last
/// rating of a day counts.
pub fn symptom_series(
    tracked: &[Symptom],
    ratings: &[(NaiveDate, Symptom, u8)],
) -> Vec<SymptomSeries> {
    tracked
        .iter()
        .map(|&symptom| {
            let mut points: Vec<SymptomPoint> = Vec::new();
            for &(day, _, value) in ratings.iter().filter(|r| r.1 == symptom) {
                match points.last_mut() {
                    Some(p) if p.day == day => p.value = value,
                    _ => points.push(SymptomPoint { day, value }),
                }
            }
            let baseline = points.first().copied();
            let change = match (baseline, points.last()) {
                (Some(b), Some(l)) if points.len() > 1 => {
                    Some(i32::from(l.value) - i32::from(b.value))
                }
                _ => None,
            };
            SymptomSeries {
                symptom,
                label: symptom.label().to_string(),
                baseline,
                points,
                change,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
