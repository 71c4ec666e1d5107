//! The core's progress commands: symptom check-ins, the Progress screen and the course report.
//! Each reads only the days of the range shown (the course so far, or a report's weeks), so its
//! time does not grow with years of history. The rules are in [`crate::checkin`],
//! [`crate::progress`] and [`crate::report`].

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::ctx::{checklist_of, Core, Ctx, Version};
use crate::checkin::{self, CheckInInput};
use crate::day::Now;
use crate::error::{CoreError, Result};
use crate::expect;
use crate::expect::WeekGuide;
use crate::export::{self, ExportRange};
use crate::log::{self, DayState, Record};
use crate::pause;
use crate::pause::PauseView;
use crate::practice;
use crate::practice::PracticeSummary;
use crate::progress::{
    self, day_progress, DayProgress, ScorePoint, Streaks, SymptomSeries, WeekProgress,
    SCORE_HALF_LIFE_DAYS,
};
use crate::protocol;
use crate::protocol::Finding;
use crate::report::ReportOffer;
use crate::report::{self, RenderedReport, ReportData, ReportFormat, ReportKind};
use crate::today::course_info;
use crate::today::{CourseInfo, DayView};

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
    /// The day a calendar of the dose times was saved on this device for a plan that has
    /// changed since: the Export place offers a new file (and says to remove the old events).
    pub calendar_outdated: Option<NaiveDate>,
    /// Breathing and movement minutes per course week, and the change in hand warmth.
    pub practice: PracticeSummary,
    /// What to expect in the current week, and the user's trend against their baseline.
    pub expect: Option<WeekGuide>,
    /// The safety pause in force now: every screen shows it (issue 22.5).
    pub safety_pause: Option<PauseView>,
}

impl ProgressView {
    /// The Progress screen before any course.
    pub fn empty(today: NaiveDate) -> ProgressView {
        ProgressView {
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
            calendar_outdated: None,
            practice: Default::default(),
            expect: None,
            safety_pause: None,
        }
    }
}

/// What a check-in says back.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CheckInResult {
    pub day: DayView,
    /// Advice that follows from the answers (loose stools; stop and seek care).
    pub advice: Vec<Finding>,
}

/// A course's days of a range, as progress, with the range's entries and versions.
struct CourseDays {
    days: Vec<DayProgress>,
    records: Vec<Record>,
    versions: Vec<Version>,
}

impl Core {
    /// The course shown: the one in force today, or the newest when none is; described by its
    /// newest version (which may take effect tomorrow).
    pub(super) async fn current_course(&self, today: NaiveDate) -> Result<Option<Version>> {
        let shown = match self.store.version_in_force(today).await? {
            Some(v) => Some(v),
            None => self.store.latest_version().await?,
        };
        let Some(shown) = shown else { return Ok(None) };
        let v = self.store.newest_version_of_course(shown.course_id).await?;
        let spec = self.governed(&v)?;
        Ok(Some((v, spec)))
    }

    /// Days `first..=last` of a course, as progress (two queries for the whole range).
    async fn course_days(
        &self,
        ctx: &Ctx,
        course_id: i64,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<CourseDays> {
        let (versions, records) = self.range(first, last).await?;
        let mut days = Vec::new();
        for (day, version, log) in
            protocol::versions::days(&versions, |(v, _)| v.effective_from, &records, first, last)
        {
            let version = version
                .or(versions.first())
                .filter(|(v, _)| v.course_id == course_id);
            let Some(v @ (_, spec)) = version else {
                continue;
            };
            if let Some(number) = spec.course_day(day) {
                let state = DayState::replay(log);
                let list = checklist_of(ctx, day, Some(v), &state)?;
                days.push(day_progress(
                    &list,
                    number,
                    state.food_mg(),
                    day >= ctx.today,
                ));
            }
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
            let mut empty = ProgressView::empty(today);
            empty.safety_pause = pause::current(&ctx.pauses).map(pause::view);
            return Ok(empty);
        };
        let first = course.1.start_date;
        let last = today.min(course.1.end_date());
        let CourseDays { days, records, .. } = if last >= first {
            self.course_days(&ctx, course.0.course_id, first, last)
                .await?
        } else {
            CourseDays {
                days: vec![],
                records: vec![],
                versions: vec![],
            }
        };
        let sum = progress::summarize(&days, &records, &course.1.symptoms);
        let weeks = course.1.length_days.max(1).div_ceil(7);
        let practice = practice::summarize(&records, first, weeks);
        let counted = days.iter().filter(|d| !d.skipped && !d.open);
        let (taken, planned) =
            counted.fold((0, 0), |(t, p), d| (t + d.doses_taken, p + d.doses_planned));
        Ok(ProgressView {
            today,
            course: Some(course_info(course.0.course_id, &course.1, today, today)),
            streaks: sum.streaks,
            score: sum.score_series.last().map(|p| p.score),
            score_series: sum.score_series,
            score_half_life_days: SCORE_HALF_LIFE_DAYS,
            days,
            weeks: sum.weeks,
            dose_adherence: sum.dose_adherence,
            all_adherence: sum.all_adherence,
            doses_taken: taken,
            doses_planned: planned,
            expect: expect::guide(&course.1, today, &sum.symptoms, pause::current(&ctx.pauses)),
            safety_pause: pause::current(&ctx.pauses).map(pause::view),
            symptoms: sum.symptoms,
            reports: report::offers(course.1.length_days, first, today),
            calendar_outdated: self.calendar_outdated(&ctx, &course.1).await?,
            practice,
        })
    }

    /// Record a symptom check-in on a day (today when absent) and say what follows from it.
    pub async fn check_in(&self, input: &CheckInInput, now: &Now) -> Result<CheckInResult> {
        let mut ctx = self.ctx(now).await?;
        let day = ctx.day(input.day.as_deref())?;
        let Some(version) = self.version_for(day).await? else {
            return Err(CoreError::refused(
                "no_protocol",
                "Set up a protocol first: it names the symptoms to track.",
            ));
        };
        let mut entries = checkin::entries(input, &version.1)?;
        // An urgent sign pauses the plan until a clinician clears the user (reference §7).
        entries.extend(pause::begin(pause::current(&ctx.pauses), &input.urgent));
        let new: Vec<_> = entries
            .into_iter()
            .map(|e| ctx.record(day, Some(version.0.id), e))
            .collect();
        let mut records = log::read(&self.store, day, day).await?;
        let added = log::append(&self.store, &new).await?;
        ctx.pauses = pause::pauses(&log::read_safety(&self.store).await?);
        records.extend(added);
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
        range: Option<&ExportRange>,
        format: ReportFormat,
        path: &std::path::Path,
        now: &Now,
    ) -> Result<std::path::PathBuf> {
        let body = self
            .with_report(kind, range, now, |data| report::render(data, format))
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
        self.with_report(kind, None, now, |data| RenderedReport {
            kind,
            title: report::title(data),
            file_stem: report::file_stem(data),
            html: report::html(data),
            csv: report::csv(data),
        })
        .await
    }

    /// The file name a report is offered under (its data gathered, nothing rendered).
    pub async fn report_file_stem(
        &self,
        kind: ReportKind,
        range: Option<&ExportRange>,
        now: &Now,
    ) -> Result<String> {
        self.with_report(kind, range, now, report::file_stem).await
    }

    /// Gather a report's data once and hand it to `render`: the days of `kind`, or of `range`
    /// when one is given (clipped to the course: the report describes one course).
    async fn with_report<T>(
        &self,
        kind: ReportKind,
        range: Option<&ExportRange>,
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
        let first = course.1.start_date;
        let end = course.1.end_date();
        let (first, last, range_label) = match range {
            Some(range) => {
                let span = export::resolve(range, first, end, first, ctx.today)?;
                (span.first, span.last.min(end), Some(span.label))
            }
            None => (
                first,
                kind.planned_last(first, end).min(end).min(ctx.today),
                None,
            ),
        };
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
            .course_days(&ctx, course.0.course_id, first, last)
            .await?;
        let sum = progress::summarize(&days, &records, &course.1.symptoms);
        let last_week = u32::try_from((last - first).num_days() / 7 + 1).unwrap_or(1);
        let supply = {
            let (version, today_records) = self.read_day(ctx.today).await?;
            let list = checklist_of(
                &ctx,
                ctx.today,
                version.as_ref(),
                &DayState::replay(&today_records),
            )?;
            self.stock_view(&ctx, &list).await?
        };
        let labels = report::labels(versions.iter().map(|(_, s)| s));
        let data = ReportData {
            kind,
            range_label,
            generated: ctx.local(ctx.now),
            spec: &course.1,
            first,
            last,
            days: &days,
            weeks: &sum.weeks,
            symptoms: &sum.symptoms,
            dose_adherence: sum.dose_adherence,
            all_adherence: sum.all_adherence,
            streaks: sum.streaks,
            score: sum.score_series.last().map(|p| p.score),
            notes: report::notes_of(&records, &labels),
            pauses: pause::overlapping(&ctx.pauses, first, last),
            paused_now: pause::current(&ctx.pauses).cloned(),
            supply,
            practice: practice::summarize(&records, first, last_week),
        };
        Ok(render(&data))
    }
}
