//! The core's face to the shell: one method per command. Each resolves its context once
//! ([`Ctx`]: settings, clock, today), loads what it needs from the store, hands it to the domain
//! modules, and either changes nothing or commits its change before it returns. No rule lives
//! here: the checklist, reminders, check-ins, food, progress, the report and the protocol each
//! keep their own.

use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checklist::{self, Checklist, Tap};
use crate::day::{parse_date, DayClock, Now};
use crate::error::{ApiError, CoreError, Result};
use crate::log::{self, DayState, NewRecord, Record};
use crate::protocol::{self, evaluate, ProtocolInput, ProtocolSpec};
use crate::settings::Settings;
use crate::setup;
pub use crate::setup::{AgeBandOption, Labelled, ProtocolCheck, ProtocolView, SetupOptions};
use crate::store::{Store, StoredVersion};
pub use crate::today::DayView;
use crate::today::{self, DayParts};

mod food;
mod progress;
mod reminders;

pub use crate::checkin::{CheckInInput, CheckInResult, Rating};
pub use crate::food::day::{
    FoodDayView, FoodEntry, FoodIdInput, LogFoodInput, LogWaterInput, RemoveFoodInput, SearchInput,
};
pub use crate::progress::{ProgressView, ScorePoint};
pub use crate::reminders::delivery::{DeliveryProblem, DeliveryReport, DeliveryView};
pub use crate::reminders::ReminderAction;
pub use crate::report::{
    ExportInput, ExportResult, RenderedReport, ReportFormat, ReportKind, ReportOffer,
};
pub use crate::setup::SaveProtocolInput;
pub use crate::today::{course_info, CourseInfo, CourseStatus, SymptomToday};

/// How far back a day may be viewed or corrected.
pub const MAX_PAST_DAYS: i64 = 366;

/// The core: storage plus rules.
#[derive(Clone, Debug)]
pub struct Core {
    store: Store,
}

/// What a command resolves once: the settings, the day clock they give, and today.
pub(crate) struct Ctx {
    pub settings: Settings,
    pub clock: DayClock,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
}

impl Ctx {
    /// The day a command names ("YYYY-MM-DD"; today when absent), checked: not after today, not
    /// more than a year back.
    pub fn day(&self, text: Option<&str>) -> Result<NaiveDate> {
        let day = match text {
            Some(d) => parse_date(d, "day")?,
            None => self.today,
        };
        Core::check_day(day, self.today)?;
        Ok(day)
    }

    /// An instant as recorded: with the local offset.
    pub fn local(&self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        t.with_timezone(&self.clock.tz).fixed_offset()
    }

    /// An entry recorded now on `day`.
    pub fn record(&self, day: NaiveDate, version: Option<i64>, entry: log::Entry) -> NewRecord {
        NewRecord {
            day,
            at: self.local(self.now),
            protocol_version: version,
            entry,
        }
    }
}

/// A stored version with its spec.
pub(crate) type Version = (StoredVersion, ProtocolSpec);

fn parse_spec(v: &StoredVersion) -> Result<ProtocolSpec> {
    serde_json::from_str(&v.spec)
        .map_err(|e| CoreError::Corrupt(format!("protocol version {}: {e}", v.id)))
}

/// When a version was saved, if that was on the day it took effect (`day`).
pub(crate) fn saved_on(v: &StoredVersion, day: NaiveDate) -> Option<DateTime<Utc>> {
    (v.effective_from == day).then(|| v.created_at.with_timezone(&Utc))
}

/// A day's checklist from the version governing it and its log.
pub(crate) fn checklist_of(
    ctx: &Ctx,
    day: NaiveDate,
    version: Option<&Version>,
    log: &DayState,
) -> Result<Checklist> {
    checklist::derive(
        day,
        version.map(|(v, s)| (v.id, s)),
        version.and_then(|(v, _)| saved_on(v, day)),
        log,
        ctx.now,
        &ctx.clock,
    )
}

impl Core {
    /// Open the database file at `path`.
    pub async fn open(path: &Path) -> Result<Core> {
        Ok(Core {
            store: Store::open(path).await?,
        })
    }

    /// A core over a private in-memory database.
    pub async fn open_in_memory() -> Result<Core> {
        Ok(Core {
            store: Store::open_in_memory().await?,
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub(crate) async fn ctx(&self, now: &Now) -> Result<Ctx> {
        let settings = self.settings().await?;
        let clock = settings.clock(now);
        Ok(Ctx {
            today: clock.day_of(now.utc),
            clock,
            settings,
            now: now.utc,
        })
    }

    // ---- settings ------------------------------------------------------------------------

    pub async fn settings(&self) -> Result<Settings> {
        Ok(self
            .store
            .setting::<Settings>("settings")
            .await?
            .unwrap_or_default())
    }

    /// Validate and save settings; returns what was saved.
    pub async fn update_settings(&self, input: Settings) -> Result<Settings> {
        let s = input.validated()?;
        self.store.set_setting("settings", &s).await?;
        Ok(s)
    }

    /// The day clock in force now.
    pub async fn clock(&self, now: &Now) -> Result<DayClock> {
        Ok(self.settings().await?.clock(now))
    }

    /// Today, by the user's day start and zone.
    pub async fn today(&self, now: &Now) -> Result<NaiveDate> {
        Ok(self.ctx(now).await?.today)
    }

    // ---- protocol ------------------------------------------------------------------------

    pub async fn setup_options(&self, now: &Now) -> Result<SetupOptions> {
        let ctx = self.ctx(now).await?;
        Ok(setup::options(ctx.today, Self::first_day_of(&ctx)))
    }

    /// The Day 1 to offer a new course (see [`SetupOptions::first_day`]).
    pub async fn first_day(&self, now: &Now) -> Result<NaiveDate> {
        Ok(Self::first_day_of(&self.ctx(now).await?))
    }

    fn first_day_of(ctx: &Ctx) -> NaiveDate {
        let calendar = ctx.now.with_timezone(&ctx.clock.tz).date_naive();
        ctx.today.max(calendar)
    }

    /// The first day of the course that governs `day`, or of the first course when `day` comes
    /// before every course; `None` before any protocol.
    async fn course_start_for(&self, version: Option<&Version>) -> Result<Option<NaiveDate>> {
        Ok(match version {
            Some((_, spec)) => Some(spec.start_date),
            None => match self.store.first_version().await? {
                Some(v) => Some(parse_spec(&v)?.start_date),
                None => None,
            },
        })
    }

    /// Nothing is recorded on a day before the course (taps and food alike), and nothing at
    /// all before a protocol.
    pub(crate) async fn ensure_course_has_begun(
        &self,
        day: NaiveDate,
        version: Option<&Version>,
    ) -> Result<()> {
        match self.course_start_for(version).await? {
            Some(start) if day < start => Err(CoreError::refused(
                "before_course",
                format!(
                    "Your course starts on {}: nothing is recorded for the days before it.",
                    start.format("%-d %B %Y")
                ),
            )),
            Some(_) if version.is_some() => Ok(()),
            _ => Err(CoreError::refused(
                "no_protocol",
                "Set up a protocol first: there is no checklist for that day.",
            )),
        }
    }

    /// Check a protocol without saving it: the safety report and the plan as it would be
    /// saved, or the input error.
    pub async fn check_protocol(&self, input: &ProtocolInput, now: &Now) -> Result<ProtocolCheck> {
        let ctx = self.ctx(now).await?;
        let day_start = ctx.settings.day_start_min();
        match protocol::validate(input, ctx.today, day_start) {
            Ok((spec, report)) => Ok(ProtocolCheck {
                report,
                plan: spec.supplement,
                refusal: None,
            }),
            // A plan refused for safety still gets its report, so the user sees why.
            Err(e @ CoreError::Refused { .. }) => {
                protocol::validate_safety(&input.safety)?;
                let plan = input
                    .supplement
                    .as_ref()
                    .map(|s| protocol::build_plan(s, day_start))
                    .transpose()?;
                Ok(ProtocolCheck {
                    report: evaluate(&input.safety, plan.as_ref()),
                    plan,
                    refusal: Some(ApiError::from(e)),
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Save a protocol: a new course when `new_course` or when there is none yet, else a new
    /// version of the current course, taking effect as [`protocol::versions`] says.
    pub async fn save_protocol(
        &self,
        input: &ProtocolInput,
        new_course: bool,
        now: &Now,
    ) -> Result<ProtocolView> {
        let ctx = self.ctx(now).await?;
        let (spec, _) = protocol::validate(input, ctx.today, ctx.settings.day_start_min())?;
        let latest = self.store.latest_version().await?;
        let logged_today = self.store.has_events_on(ctx.today).await?;
        let (course, effective_from) = protocol::place_version(
            latest.as_ref().map(|v| (v.course_id, v.effective_from)),
            new_course,
            ctx.today,
            logged_today,
            spec.start_date,
        );
        let json = serde_json::to_string(&spec)?;
        let stored = self
            .store
            .insert_version(course, effective_from, ctx.local(ctx.now), &json)
            .await?;
        self.protocol_view(&stored, ctx.today).await
    }

    async fn protocol_view(&self, v: &StoredVersion, today: NaiveDate) -> Result<ProtocolView> {
        let spec = parse_spec(v)?;
        let report = evaluate(&spec.safety, spec.supplement.as_ref());
        let count = self.store.version_count_of_course(v.course_id).await?;
        Ok(ProtocolView {
            version_id: v.id,
            course_id: v.course_id,
            effective_from: v.effective_from,
            pending: v.effective_from > today,
            spec,
            report,
            version_count: u32::try_from(count).unwrap_or(0),
        })
    }

    /// The newest saved protocol, or `None` before setup.
    pub async fn protocol(&self, now: &Now) -> Result<Option<ProtocolView>> {
        let today = self.today(now).await?;
        match self.store.latest_version().await? {
            Some(v) => Ok(Some(self.protocol_view(&v, today).await?)),
            None => Ok(None),
        }
    }

    /// The protocol version that governs `day`, parsed.
    pub async fn version_for(
        &self,
        day: NaiveDate,
    ) -> Result<Option<(StoredVersion, ProtocolSpec)>> {
        match self.store.version_in_force(day).await? {
            Some(v) => {
                let spec = parse_spec(&v)?;
                Ok(Some((v, spec)))
            }
            None => Ok(None),
        }
    }

    /// Every version governing a day of `first..=last`, parsed, oldest first.
    pub(crate) async fn versions_governing(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<Version>> {
        let mut out = Vec::new();
        for v in self.store.versions_governing(first, last).await? {
            let spec = parse_spec(&v)?;
            out.push((v, spec));
        }
        Ok(out)
    }

    // ---- the checklist -------------------------------------------------------------------

    /// Check that `day` may be viewed or changed: not after today, not more than a year back.
    pub fn check_day(day: NaiveDate, today: NaiveDate) -> Result<()> {
        if day > today {
            return Err(CoreError::invalid(
                "date_out_of_range",
                "day",
                "That day has not come yet.",
            ));
        }
        if (today - day).num_days() > MAX_PAST_DAYS {
            return Err(CoreError::invalid(
                "date_out_of_range",
                "day",
                "Days more than a year back cannot be opened.",
            ));
        }
        Ok(())
    }

    /// One day's view; `day: None` is today.
    pub async fn day(&self, day: Option<&str>, now: &Now) -> Result<DayView> {
        let ctx = self.ctx(now).await?;
        let day = ctx.day(day)?;
        let version = self.version_for(day).await?;
        let records = log::read(&self.store, day, day).await?;
        self.day_view(&ctx, day, version.as_ref(), &records).await
    }

    /// The day view from the version governing the day and its entries (one derivation; the
    /// store is asked only for what the view needs beyond them).
    pub(crate) async fn day_view(
        &self,
        ctx: &Ctx,
        day: NaiveDate,
        version: Option<&Version>,
        records: &[Record],
    ) -> Result<DayView> {
        let log = DayState::replay(records);
        let list = checklist_of(ctx, day, version, &log)?;
        let has_protocol = version.is_some() || self.store.latest_version().await?.is_some();
        let course_start = if has_protocol {
            self.course_start_for(version).await?
        } else {
            None
        };
        let tomorrow = if day == ctx.today && !list.has_waiting_dose() {
            self.version_for(day + Duration::days(1)).await?
        } else {
            None
        };
        today::view(
            DayParts {
                day,
                today: ctx.today,
                now: ctx.now,
                clock: &ctx.clock,
                day_start: &ctx.settings.day_start,
                version: version.map(|(v, s)| (v.id, v.course_id, s, saved_on(v, day))),
                has_protocol,
                course_start,
                log: &log,
                tomorrow: tomorrow.as_ref().map(|(_, s)| (day + Duration::days(1), s)),
            },
            list,
        )
    }

    /// Apply one tap to `day` (today when `None`) and return the day as it now stands.
    pub async fn tap(&self, day: Option<&str>, tap: &Tap, now: &Now) -> Result<DayView> {
        let ctx = self.ctx(now).await?;
        let day = ctx.day(day)?;
        self.tap_on(&ctx, day, tap).await
    }

    pub(crate) async fn tap_on(&self, ctx: &Ctx, day: NaiveDate, tap: &Tap) -> Result<DayView> {
        let version = self.version_for(day).await?;
        self.ensure_course_has_begun(day, version.as_ref()).await?;
        let mut records = log::read(&self.store, day, day).await?;
        let list = checklist_of(ctx, day, version.as_ref(), &DayState::replay(&records))?;
        let entries = checklist::entries_for_tap(tap, &list, ctx.now, &ctx.clock)?;
        let new: Vec<NewRecord> = entries
            .into_iter()
            .map(|e| ctx.record(day, list.protocol_version, e))
            .collect();
        records.extend(log::append(&self.store, &new).await?);
        self.day_view(ctx, day, version.as_ref(), &records).await
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

#[cfg(test)]
mod tests;
