//! The core's exports (issue 26): any date range of the record, gathered once into
//! [`ExportData`] and rendered by [`crate::export`] as an event CSV, a FHIR bundle or a calendar.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chrono::NaiveDate;

use super::ctx::{checklist_of, Core, Ctx};
use crate::day::Now;
use crate::error::{CoreError, Result};
use crate::export::{self, ExportData, ExportDay, ExportRange};
use crate::log::DayState;
use crate::pause;
use crate::protocol;
use crate::protocol::ProtocolSpec;
use crate::report;

/// A format other programs read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DataFormat {
    /// One row per dose and per checklist entry, for a spreadsheet.
    EventCsv,
    /// A FHIR R4 bundle, for a clinician's system.
    Fhir,
    /// The dose times as calendar events with alarms (ICS), for a phone's or computer's calendar.
    Calendar,
}

impl DataFormat {
    pub fn extension(self) -> &'static str {
        match self {
            DataFormat::EventCsv => "csv",
            DataFormat::Fhir => "json",
            DataFormat::Calendar => "ics",
        }
    }

    /// The save dialog's filter name.
    pub fn filter(self) -> &'static str {
        match self {
            DataFormat::EventCsv => "Spreadsheet (CSV)",
            DataFormat::Fhir => "FHIR R4 (JSON)",
            DataFormat::Calendar => "Calendar (ICS)",
        }
    }
}

/// Input for `export_data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DataExportInput {
    pub format: DataFormat,
    pub range: ExportRange,
    /// A name for the person, typed for this export only (FHIR); none by default.
    #[serde(default)]
    pub person: Option<String>,
    /// Private text: the calendar's events say "Magday: dose at 08:00" and nothing more.
    #[serde(default)]
    pub private: bool,
}

/// The setting that remembers which plan this device last saved a calendar for (this device's
/// own: not in `SYNCED_SETTINGS`, as the calendar file went from here).
const CALENDAR_SAVED: &str = "calendar_saved";

/// A calendar saved: for which plan ([`export::ics::plan_identity`]) and on which day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct CalendarSaved {
    plan: String,
    on: NaiveDate,
}

/// Render one format.
fn render(format: DataFormat, d: &ExportData) -> String {
    match format {
        DataFormat::EventCsv => export::events::csv(d),
        DataFormat::Fhir => {
            serde_json::to_string_pretty(&export::fhir::bundle(d)).unwrap_or_default()
        }
        DataFormat::Calendar => export::ics::calendar(d),
    }
}

impl Core {
    /// Write an export to `path` (complete or absent: written beside it, then renamed).
    pub async fn export_data_to(
        &self,
        input: &DataExportInput,
        path: &Path,
        now: &Now,
    ) -> Result<PathBuf> {
        let (body, plan, on) = self
            .with_export(input, now, |d| {
                let plan = d
                    .current
                    .map(|s| export::ics::plan_identity(s, &d.zone, d.day_start_min));
                (render(input.format, d), plan, d.generated.date_naive())
            })
            .await?;
        let ext = input.format.extension();
        let mut path = path.to_path_buf();
        if path.extension().is_none() {
            path.set_extension(ext);
        }
        let tmp = path.with_extension(format!("{ext}.part"));
        std::fs::write(&tmp, body.as_bytes())?;
        std::fs::rename(&tmp, &path)?;
        if let (DataFormat::Calendar, Some(plan)) = (input.format, plan) {
            let saved = CalendarSaved { plan, on };
            self.store.set_setting(CALENDAR_SAVED, &saved).await?;
        }
        Ok(path)
    }

    /// The day a calendar was saved for a plan that has changed since (a new protocol version,
    /// another zone or day start): the Export place offers a new file then. `None` when no
    /// calendar was saved on this device, or it is current.
    pub(super) async fn calendar_outdated(
        &self,
        ctx: &Ctx,
        spec: &ProtocolSpec,
    ) -> Result<Option<NaiveDate>> {
        let Some(saved) = self.store.setting::<CalendarSaved>(CALENDAR_SAVED).await? else {
            return Ok(None);
        };
        let now =
            export::ics::plan_identity(spec, ctx.clock.tz.name(), ctx.settings.day_start_min());
        Ok((now != saved.plan).then_some(saved.on))
    }

    /// An export, rendered.
    pub async fn render_export(&self, input: &DataExportInput, now: &Now) -> Result<String> {
        self.with_export(input, now, |d| render(input.format, d))
            .await
    }

    /// The file name an export is offered under: "magday-<format>-<first>-<last>".
    pub async fn export_file_stem(&self, input: &DataExportInput, now: &Now) -> Result<String> {
        self.with_export(input, now, |d| {
            let kind = match input.format {
                DataFormat::EventCsv => "events",
                DataFormat::Fhir => "fhir",
                DataFormat::Calendar => "doses",
            };
            format!("magday-{kind}-{}-{}", d.span.first, d.span.last)
        })
        .await
    }

    /// Gather an export's data once and hand it to `render`.
    pub async fn with_export<T>(
        &self,
        input: &DataExportInput,
        now: &Now,
        render: impl FnOnce(&ExportData) -> T,
    ) -> Result<T> {
        let ctx = self.ctx(now).await?;
        let Some(course) = self.current_course(ctx.today).await? else {
            return Err(CoreError::refused(
                "no_protocol",
                "There is nothing to export yet: set up a protocol first.",
            ));
        };
        let record_first = match self.store.first_version().await? {
            Some(v) => v.effective_from.min(course.1.start_date),
            None => course.1.start_date,
        };
        let span = export::resolve(
            &input.range,
            course.1.start_date,
            course.1.end_date(),
            record_first,
            ctx.today,
        )?;
        let (versions, records) = self.range(span.first, span.last).await?;
        let mut days = Vec::new();
        for (day, version, log) in protocol::versions::days(
            &versions,
            |(v, _)| v.effective_from,
            &records,
            span.first,
            span.last,
        ) {
            let state = DayState::replay(log);
            let version = version.filter(|(_, spec)| spec.course_day(day).is_some());
            let list = checklist_of(&ctx, day, version, &state)?;
            days.push(ExportDay {
                day,
                course_day: version.and_then(|(_, s)| s.course_day(day)),
                version: version.map(|(v, _)| v.id),
                supplement_mg: list.supplement_mg(),
                food_mg: state.food_mg(),
                list,
            });
        }
        let devices: BTreeMap<String, String> = records
            .iter()
            .map(|r| {
                let device = r.gid.rsplit_once(':').map_or("", |(d, _)| d);
                (r.gid.clone(), device.to_string())
            })
            .collect();
        let data = ExportData {
            generated: ctx.local(ctx.now),
            zone: ctx.clock.tz.name().to_string(),
            versions: versions
                .iter()
                .map(|(v, s)| (v.id, v.effective_from, v.created_at, s))
                .collect(),
            current: Some(&course.1),
            labels: report::labels(versions.iter().map(|(_, s)| s)),
            pauses: pause::overlapping(&ctx.pauses, span.first, span.last),
            days,
            records: &records,
            devices,
            person: input
                .person
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string),
            private: input.private,
            pre_alert_min: ctx.settings.reminders.pre_alert_min,
            day_start_min: ctx.settings.day_start_min(),
            span,
        };
        Ok(render(&data))
    }
}
