//! The core's progress commands: symptom check-ins, the Progress screen and the course report.
//! Each reads only the days of the range shown (the course so far, or a report's weeks), so its
//! time does not grow with years of history.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{course_info, food_mg_of, Core, CourseInfo, DayView};
use crate::checklist::{self, DoseStatus};
use crate::day::{parse_date, Now};
use crate::error::{quoted, CoreError, Result};
use crate::facts::{SRC_DIARRHEA, SRC_TOXICITY, URGENT_SYMPTOMS};
use crate::progress::{
    self, adherence, score_series, streaks, symptom_series, DayProgress, Streaks, SymptomSeries,
    WeekProgress, SCORE_HALF_LIFE_DAYS,
};
use crate::protocol::{Finding, Level, ProtocolSpec, Symptom};
use crate::report::{self, ReportData, ReportNote};
use crate::store::{Event, NewEvent, StoredVersion};

/// A stomach rating from which the loose-stools advice is shown.
pub const STOMACH_ADVICE_FROM: u8 = 4;

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

/// What a check-in says back.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CheckInResult {
    pub day: DayView,
    /// Advice that follows from the answers (loose stools; stop and seek care).
    pub advice: Vec<Finding>,
}

/// A point of the score line.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct ScorePoint {
    pub day: NaiveDate,
    pub score: f64,
}

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// Weeks 1 to 4.
    Week4,
    /// Weeks 1 to 8.
    Week8,
    /// The course so far.
    Now,
}

/// A report the Progress screen offers.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReportOffer {
    pub kind: ReportKind,
    pub label: String,
    /// True once its weeks are over (the "so far" report is always ready).
    pub ready: bool,
}

/// The Progress screen.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProgressView {
    pub today: NaiveDate,
    pub course: Option<CourseInfo>,
    pub days: Vec<DayProgress>,
    pub weeks: Vec<WeekProgress>,
    /// Over finished days (today is still open).
    pub dose_adherence: Option<f64>,
    pub all_adherence: Option<f64>,
    pub doses_taken: u32,
    pub doses_planned: u32,
    pub streaks: Streaks,
    pub score: Option<f64>,
    pub score_series: Vec<ScorePoint>,
    pub score_half_life_days: f64,
    pub symptoms: Vec<SymptomSeries>,
    pub reports: Vec<ReportOffer>,
}

/// A report, rendered.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RenderedReport {
    pub kind: ReportKind,
    pub title: String,
    /// A suggested file name, without extension.
    pub file_stem: String,
    /// A self-contained, printable HTML document.
    pub html: String,
    /// One row per day.
    pub csv: String,
}

/// Which file a report is saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// The printable document.
    Html,
    /// One row per day, for a spreadsheet.
    Csv,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Csv => "csv",
        }
    }
}

/// Input for `export_report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportInput {
    pub kind: ReportKind,
    pub format: ReportFormat,
}

/// Where a report went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportResult {
    /// The file written; `None` when the user cancelled.
    pub path: Option<String>,
}

/// What a day's check-ins call for, from its events: the latest answer about urgent signs (stop
/// and seek care), and the latest stomach rating (loose-stools advice).
pub fn advice_for(events: &[Event]) -> Vec<Finding> {
    let urgent: Vec<String> = events
        .iter()
        .rev()
        .find(|e| e.item == "checkin" && e.action == "urgent")
        .and_then(|e| e.value.as_ref()?.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let stomach = events
        .iter()
        .rev()
        .find(|e| e.action == "rate" && e.item == format!("symptom:{}", Symptom::Stomach.key()))
        .and_then(|e| e.value.as_ref()?.as_u64());
    let mut advice = Vec::new();
    if !urgent.is_empty() {
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
    if stomach.is_some_and(|v| v >= u64::from(STOMACH_ADVICE_FROM)) {
        advice.push(Finding {
            level: Level::Caution,
            code: "loose_stools",
            message: "Loose stools or an upset stomach are the usual sign of too much at once. Lower each intake, split the day's amount into more doses, take it with food, or move away from oxide, carbonate, chloride or gluconate to glycinate or malate.".into(),
            source: SRC_DIARRHEA,
        });
    }
    advice
}

/// The course shown: the one in force today, or the newest when none is.
struct CourseRange {
    course_id: i64,
    spec: ProtocolSpec,
    info: CourseInfo,
}

fn ratings_of(events: &[Event]) -> Vec<(NaiveDate, Symptom, u8)> {
    events
        .iter()
        .filter(|e| e.action == "rate")
        .filter_map(|e| {
            let key = e.item.strip_prefix("symptom:")?;
            let s = Symptom::from_key(key)?;
            let v = u8::try_from(e.value.as_ref()?.as_u64()?).ok()?;
            Some((e.day, s, v))
        })
        .collect()
}

fn notes_of(events: &[Event], labels: &BTreeMap<String, String>) -> Vec<ReportNote> {
    // The last note of each (day, item) counts; an empty one clears it.
    let mut last: BTreeMap<(NaiveDate, String), String> = BTreeMap::new();
    for e in events.iter().filter(|e| e.action == "note") {
        let text = e
            .value
            .as_ref()
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .trim()
            .to_string();
        last.insert((e.day, e.item.clone()), text);
    }
    last.into_iter()
        .filter(|(_, t)| !t.is_empty())
        .map(|((day, item), text)| ReportNote {
            day,
            what: labels
                .get(&item)
                .cloned()
                .unwrap_or_else(|| match item.as_str() {
                    "day" => "Day".into(),
                    "checkin" => "Check-in".into(),
                    other => other.to_string(),
                }),
            text,
        })
        .collect()
}

impl Core {
    async fn current_course(&self, today: NaiveDate) -> Result<Option<CourseRange>> {
        let v = match self.store.version_in_force(today).await? {
            Some(v) => v,
            None => match self.store.latest_version().await? {
                Some(v) => v,
                None => return Ok(None),
            },
        };
        // The newest version of that course describes it (it may take effect tomorrow).
        let newest = sqlx::query_scalar::<_, i64>(
            "SELECT max(id) FROM protocol_versions WHERE course_id = ?",
        )
        .bind(v.course_id)
        .fetch_one(self.store.pool())
        .await?;
        let v = self.store.version(newest).await?;
        let spec: ProtocolSpec = serde_json::from_str(&v.spec)?;
        let info = course_info(v.course_id, &spec, today, today);
        Ok(Some(CourseRange {
            course_id: v.course_id,
            spec,
            info,
        }))
    }

    /// Days `first..=last` of a course, as progress.
    async fn course_days(
        &self,
        course_id: i64,
        first: NaiveDate,
        last: NaiveDate,
        now: &Now,
    ) -> Result<(Vec<DayProgress>, Vec<Event>, Vec<StoredVersion>)> {
        let settings = self.settings().await?;
        let clock = settings.clock(now);
        let today = clock.day_of(now.utc);
        let versions = self.store.versions_governing(first, last).await?;
        let events = self.store.events_between(first, last).await?;
        let mut by_day: BTreeMap<NaiveDate, Vec<Event>> = BTreeMap::new();
        for e in &events {
            by_day.entry(e.day).or_default().push(e.clone());
        }
        let mut specs: BTreeMap<i64, ProtocolSpec> = BTreeMap::new();
        for v in &versions {
            specs.insert(v.id, serde_json::from_str(&v.spec)?);
        }
        let mut days = Vec::new();
        let mut day = first;
        let empty = Vec::new();
        while day <= last {
            let version = versions
                .iter()
                .rev()
                .find(|v| v.effective_from <= day)
                .or(versions.first())
                .filter(|v| v.course_id == course_id);
            if let Some(v) = version {
                if let Some(spec) = specs.get(&v.id) {
                    if let Some(day_number) = spec.course_day(day) {
                        let evs = by_day.get(&day).unwrap_or(&empty);
                        let food = food_mg_of(evs);
                        let list = checklist::derive(
                            day,
                            Some((v.id, spec)),
                            super::saved_on(v, day),
                            evs,
                            now.utc,
                            &clock,
                            food,
                        )?;
                        let mut p = DayProgress {
                            day,
                            day_number,
                            doses_taken: list.score.doses_taken,
                            doses_planned: list.score.doses_planned,
                            items_done: list.score.items_done,
                            items_total: list.score.items_total,
                            skipped: list.skipped,
                            kept: None,
                            food_mg: food,
                            supplement_mg: list
                                .doses
                                .iter()
                                .filter(|d| d.status == DoseStatus::Taken)
                                .map(|d| d.mg)
                                .sum(),
                            open: day >= today,
                        };
                        p.kept = progress::kept(&p);
                        days.push(p);
                    }
                }
            }
            day += Duration::days(1);
        }
        Ok((days, events, versions))
    }

    /// The Progress screen for the current course.
    pub async fn progress(&self, now: &Now) -> Result<ProgressView> {
        let today = self.today(now).await?;
        let Some(course) = self.current_course(today).await? else {
            return Ok(ProgressView {
                today,
                course: None,
                days: vec![],
                weeks: vec![],
                dose_adherence: None,
                all_adherence: None,
                doses_taken: 0,
                doses_planned: 0,
                streaks: Streaks::default(),
                score: None,
                score_series: vec![],
                score_half_life_days: SCORE_HALF_LIFE_DAYS,
                symptoms: vec![],
                reports: vec![],
            });
        };
        let first = course.spec.start_date;
        let last = today.min(course.spec.end_date());
        let (days, events, _) = if last >= first {
            self.course_days(course.course_id, first, last, now).await?
        } else {
            (vec![], vec![], vec![])
        };
        let symptoms = symptom_series(&course.spec.symptoms, &ratings_of(&events));
        let weeks = progress::weeks(&days, &symptoms);
        let (dose_adherence, all_adherence) = adherence(&days);
        let counted = days.iter().filter(|d| !d.skipped && !d.open);
        let (taken, planned) =
            counted.fold((0, 0), |(t, p), d| (t + d.doses_taken, p + d.doses_planned));
        let series: Vec<ScorePoint> = score_series(&days)
            .into_iter()
            .map(|(day, score)| ScorePoint { day, score })
            .collect();
        let len = course.spec.length_days;
        let mut reports = vec![];
        for (kind, label, weeks_needed) in [
            (ReportKind::Week4, "Week 4 report", 4u32),
            (ReportKind::Week8, "Week 8 report", 8u32),
        ] {
            if len >= weeks_needed * 7 {
                reports.push(ReportOffer {
                    kind,
                    label: label.into(),
                    ready: today >= first + Duration::days(i64::from(weeks_needed * 7 - 1)),
                });
            }
        }
        reports.push(ReportOffer {
            kind: ReportKind::Now,
            label: "Report so far".into(),
            ready: true,
        });
        Ok(ProgressView {
            today,
            course: Some(CourseInfo {
                day_number: course.spec.course_day(today),
                ..course.info
            }),
            streaks: streaks(&days),
            score: series.last().map(|p| p.score),
            score_series: series,
            score_half_life_days: SCORE_HALF_LIFE_DAYS,
            days,
            weeks,
            dose_adherence,
            all_adherence,
            doses_taken: taken,
            doses_planned: planned,
            symptoms,
            reports,
        })
    }

    /// Record a symptom check-in on a day (today when absent) and say what follows from it.
    pub async fn check_in(&self, input: &CheckInInput, now: &Now) -> Result<CheckInResult> {
        let settings = self.settings().await?;
        let clock = settings.clock(now);
        let today = clock.day_of(now.utc);
        let day = match &input.day {
            Some(d) => parse_date(d, "day")?,
            None => today,
        };
        Self::check_day(day, today)?;
        let Some((version, spec)) = self.version_for(day).await? else {
            return Err(CoreError::refused(
                "no_protocol",
                "Set up a protocol first: it names the symptoms to track.",
            ));
        };
        if input.ratings.is_empty() && input.urgent.is_empty() && input.note.trim().is_empty() {
            return Err(CoreError::invalid(
                "empty_check_in",
                "ratings",
                "Rate at least one symptom, or add a note.",
            ));
        }
        let mut seen = Vec::new();
        for (i, r) in input.ratings.iter().enumerate() {
            if r.value > 10 {
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
        if input.note.chars().count() > checklist::MAX_NOTE_CHARS {
            return Err(CoreError::invalid(
                "note_too_long",
                "note",
                "A note can be at most 500 characters.",
            ));
        }
        let at = now.utc.with_timezone(&clock.tz).fixed_offset();
        let ev = |item: String, action: &str, value: serde_json::Value| NewEvent {
            day,
            at,
            item,
            action: action.into(),
            value: Some(value),
            protocol_version: Some(version.id),
            corrects: None,
        };
        let mut events: Vec<NewEvent> = input
            .ratings
            .iter()
            .map(|r| {
                ev(
                    format!("symptom:{}", r.symptom.key()),
                    "rate",
                    serde_json::json!(r.value),
                )
            })
            .collect();
        // The answer to "any of these now?" is recorded with every rating check-in, so a later
        // check-in without signs lifts an earlier one's stop.
        if !input.urgent.is_empty() || !input.ratings.is_empty() {
            events.push(ev(
                "checkin".into(),
                "urgent",
                serde_json::json!(input.urgent),
            ));
        }
        if !input.note.trim().is_empty() {
            events.push(ev(
                "checkin".into(),
                "note",
                serde_json::json!(input.note.trim()),
            ));
        }
        self.store.append(&events).await?;
        let day_text = day.format("%Y-%m-%d").to_string();
        let day = self.day(Some(&day_text), now).await?;
        Ok(CheckInResult {
            advice: day.advice.clone(),
            day,
        })
    }

    /// Write a report to `path` (the file is complete or absent: written beside it, then renamed).
    pub async fn export_report(
        &self,
        kind: ReportKind,
        format: ReportFormat,
        path: &std::path::Path,
        now: &Now,
    ) -> Result<std::path::PathBuf> {
        let r = self.report(kind, now).await?;
        let body = match format {
            ReportFormat::Html => r.html,
            ReportFormat::Csv => r.csv,
        };
        let mut path = path.to_path_buf();
        if path.extension().is_none() {
            path.set_extension(format.extension());
        }
        let tmp = path.with_extension(format!("{}.part", format.extension()));
        std::fs::write(&tmp, body.as_bytes())?;
        std::fs::rename(&tmp, &path)?;
        Ok(path)
    }

    /// Render a course report: week 4, week 8, or the course so far.
    pub async fn report(&self, kind: ReportKind, now: &Now) -> Result<RenderedReport> {
        let today = self.today(now).await?;
        let Some(course) = self.current_course(today).await? else {
            return Err(CoreError::refused(
                "no_protocol",
                "There is no course to report on yet.",
            ));
        };
        let first = course.spec.start_date;
        let planned_last = match kind {
            ReportKind::Week4 => first + Duration::days(27),
            ReportKind::Week8 => first + Duration::days(55),
            ReportKind::Now => course.spec.end_date(),
        };
        let last = planned_last.min(course.spec.end_date()).min(today);
        if last < first {
            return Err(CoreError::refused(
                "course_not_started",
                "The course has not started yet.",
            ));
        }
        let (days, events, versions) = self.course_days(course.course_id, first, last, now).await?;
        let symptoms = symptom_series(&course.spec.symptoms, &ratings_of(&events));
        let weeks = progress::weeks(&days, &symptoms);
        let (dose_adherence, all_adherence) = adherence(&days);
        let mut labels: BTreeMap<String, String> = BTreeMap::new();
        for v in &versions {
            let spec: ProtocolSpec = serde_json::from_str(&v.spec)?;
            for i in &spec.items {
                labels.insert(i.key.clone(), i.label.clone());
            }
            for d in spec.doses_on(spec.start_date) {
                labels.insert(
                    format!("dose:{}", d.slot),
                    format!("Dose {} ({})", d.slot, d.time),
                );
            }
        }
        let data = ReportData {
            kind,
            generated: now
                .utc
                .with_timezone(&self.settings().await?.clock(now).tz)
                .fixed_offset(),
            spec: &course.spec,
            first,
            last,
            days: &days,
            weeks: &weeks,
            symptoms: &symptoms,
            dose_adherence,
            all_adherence,
            streaks: streaks(&days),
            score: score_series(&days).last().map(|p| p.1),
            notes: notes_of(&events, &labels),
        };
        Ok(RenderedReport {
            kind,
            title: report::title(&data),
            file_stem: report::file_stem(&data),
            html: report::html(&data),
            csv: report::csv(&data),
        })
    }
}
