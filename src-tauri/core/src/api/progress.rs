//! The core's progress commands: symptom check-ins, the Progress screen and the course report.
//! Each reads only the days of the range shown (the course so far, or a report's weeks), so its
//! time does not grow with years of history. The rules are in [`crate::checkin`],
//! [`crate::progress`] and [`crate::report`].

use chrono::{DateTime, NaiveDate, Utc};

use super::{checklist_of, Core, Ctx, Version};
use crate::checkin::{self, CheckInInput, CheckInResult};
use crate::day::Now;
use crate::error::{CoreError, Result};
use crate::log::{self, DayState, Record};
use crate::progress::{
    self, adherence, day_progress, score_series, streaks, symptom_series, DayProgress,
    ProgressView, ScorePoint, Streaks, SCORE_HALF_LIFE_DAYS,
};
use crate::protocol::ProtocolSpec;
use crate::report::{self, RenderedReport, ReportData, ReportFormat, ReportKind};
use crate::today::{course_info, CourseInfo};

/// The course shown: the one in force today, or the newest when none is; described by its
/// newest version (which may take effect tomorrow).
struct Course {
    course_id: i64,
    spec: ProtocolSpec,
    info: CourseInfo,
}

/// A course's days of a range, as progress, with the range's entries and versions.
struct CourseDays {
    days: Vec<DayProgress>,
    records: Vec<Record>,
    versions: Vec<Version>,
}

impl Core {
    async fn current_course(&self, today: NaiveDate) -> Result<Option<Course>> {
        let v = match self.store.version_in_force(today).await? {
            Some(v) => v,
            None => match self.store.latest_version().await? {
                Some(v) => v,
                None => return Ok(None),
            },
        };
        let v = self.store.newest_version_of_course(v.course_id).await?;
        let spec: ProtocolSpec = serde_json::from_str(&v.spec)?;
        let info = course_info(v.course_id, &spec, today, today);
        Ok(Some(Course {
            course_id: v.course_id,
            spec,
            info,
        }))
    }

    /// Days `first..=last` of a course, as progress (two queries for the whole range).
    async fn course_days(
        &self,
        ctx: &Ctx,
        course_id: i64,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<CourseDays> {
        let versions = self.versions_governing(first, last).await?;
        let records = log::read(&self.store, first, last).await?;
        let by_day = log::by_day(&records);
        let mut days = Vec::new();
        let mut day = first;
        while day <= last {
            let version = versions
                .iter()
                .rev()
                .find(|(v, _)| v.effective_from <= day)
                .or(versions.first())
                .filter(|(v, _)| v.course_id == course_id);
            if let Some(v) = version {
                if let Some(day_number) = v.1.course_day(day) {
                    let state = DayState::replay(by_day.get(&day).into_iter().flatten().copied());
                    let list = checklist_of(ctx, day, Some(v), &state)?;
                    days.push(day_progress(
                        &list,
                        day_number,
                        state.food_mg(),
                        day >= ctx.today,
                    ));
                }
            }
            day += chrono::Duration::days(1);
        }
        Ok(CourseDays {
            days,
            records,
            versions,
        })
    }

    /// The Progress screen for the current course.
    pub async fn progress(&self, now: &Now) -> Result<ProgressView> {
        let ctx = self.ctx(now).await?;
        let today = ctx.today;
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
        let CourseDays { days, records, .. } = if last >= first {
            self.course_days(&ctx, course.course_id, first, last)
                .await?
        } else {
            CourseDays {
                days: vec![],
                records: vec![],
                versions: vec![],
            }
        };
        let symptoms = symptom_series(&course.spec.symptoms, &progress::ratings(&records));
        let weeks = progress::weeks(&days, &symptoms);
        let (dose_adherence, all_adherence) = adherence(&days);
        let counted = days.iter().filter(|d| !d.skipped && !d.open);
        let (taken, planned) =
            counted.fold((0, 0), |(t, p), d| (t + d.doses_taken, p + d.doses_planned));
        let series: Vec<ScorePoint> = score_series(&days)
            .into_iter()
            .map(|(day, score)| ScorePoint { day, score })
            .collect();
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
            reports: report::offers(course.spec.length_days, first, today),
        })
    }

    /// Record a symptom check-in on a day (today when absent) and say what follows from it.
    pub async fn check_in(&self, input: &CheckInInput, now: &Now) -> Result<CheckInResult> {
        let ctx = self.ctx(now).await?;
        let day = ctx.day(input.day.as_deref())?;
        let Some(version) = self.version_for(day).await? else {
            return Err(CoreError::refused(
                "no_protocol",
                "Set up a protocol first: it names the symptoms to track.",
            ));
        };
        let new: Vec<_> = checkin::entries(input, &version.1)?
            .into_iter()
            .map(|e| ctx.record(day, Some(version.0.id), e))
            .collect();
        let mut records = log::read(&self.store, day, day).await?;
        records.extend(log::append(&self.store, &new).await?);
        let day = self.day_view(&ctx, day, Some(&version), &records).await?;
        Ok(CheckInResult {
            advice: day.advice.clone(),
            day,
        })
    }

    /// Write a report to `path` (the file is complete or absent: written beside it, then
    /// renamed). Only the format asked for is rendered.
    pub async fn export_report(
        &self,
        kind: ReportKind,
        format: ReportFormat,
        path: &std::path::Path,
        now: &Now,
    ) -> Result<std::path::PathBuf> {
        let body = self
            .with_report(kind, now, |data| report::render(data, format))
            .await?;
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
        self.with_report(kind, now, |data| RenderedReport {
            kind,
            title: report::title(data),
            file_stem: report::file_stem(data),
            html: report::html(data),
            csv: report::csv(data),
        })
        .await
    }

    /// Gather a report's data once and hand it to `render`.
    async fn with_report<T>(
        &self,
        kind: ReportKind,
        now: &Now,
        render: impl FnOnce(&ReportData) -> T,
    ) -> Result<T> {
        let ctx = self.ctx(now).await?;
        let Some(course) = self.current_course(ctx.today).await? else {
            return Err(CoreError::refused(
                "no_protocol",
                "There is no course to report on yet.",
            ));
        };
        let first = course.spec.start_date;
        let end = course.spec.end_date();
        let last = kind.planned_last(first, end).min(end).min(ctx.today);
        if last < first {
            return Err(CoreError::refused(
                "course_not_started",
                "The course has not started yet.",
            ));
        }
        let CourseDays {
            days,
            records,
            versions,
        } = self
            .course_days(&ctx, course.course_id, first, last)
            .await?;
        let symptoms = symptom_series(&course.spec.symptoms, &progress::ratings(&records));
        let weeks = progress::weeks(&days, &symptoms);
        let (dose_adherence, all_adherence) = adherence(&days);
        let labels = report::labels(versions.iter().map(|(_, s)| s));
        let generated: DateTime<Utc> = ctx.now;
        let data = ReportData {
            kind,
            generated: ctx.local(generated),
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
            notes: report::notes_of(&records, &labels),
        };
        Ok(render(&data))
    }
}
