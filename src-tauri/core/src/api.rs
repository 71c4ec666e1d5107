//! The core's face to the shell: one method per command. Each takes validated-or-refused input
//! and `now`, and either changes nothing or commits its change before it returns.

use std::path::Path;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checklist::{self, Checklist, DoseStatus, Tap};
use crate::day::{parse_date, DayClock, Now};
use crate::error::{ApiError, CoreError, Result};
use crate::facts::{self, AgeBand, Form, MedicineClass};
use crate::protocol::{
    self, evaluate, Finding, ProtocolInput, ProtocolSpec, SafetyReport, SupplementPlan, Symptom,
    Template, TemplateInfo,
};
use crate::settings::Settings;
use crate::store::{Event, Store, StoredVersion};

mod food;
mod progress;
mod reminders;
pub use food::{
    FoodDayView, FoodEntry, FoodIdInput, LogFoodInput, LogWaterInput, RemoveFoodInput, SearchInput,
};
pub use progress::{
    CheckInInput, CheckInResult, ExportInput, ExportResult, ProgressView, Rating, RenderedReport,
    ReportFormat, ReportKind, ReportOffer, ScorePoint,
};
pub use reminders::{DeliveryProblem, DeliveryReport, DeliveryView, ReminderAction};

/// How far back a day may be viewed or corrected.
pub const MAX_PAST_DAYS: i64 = 366;

/// The core: storage plus rules.
#[derive(Clone, Debug)]
pub struct Core {
    store: Store,
}

/// What onboarding offers: templates, forms, age bands, medicine classes, symptoms.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SetupOptions {
    pub templates: Vec<TemplateInfo>,
    pub forms: Vec<Form>,
    pub age_bands: Vec<AgeBandOption>,
    pub medicine_classes: Vec<Labelled<MedicineClass>>,
    pub symptoms: Vec<Labelled<Symptom>>,
    /// Signs of too much magnesium a check-in may report (`check_in` accepts exactly these).
    pub urgent_symptoms: Vec<String>,
    pub disclaimer: String,
    pub default_length_days: u32,
    pub default_window_minutes: u32,
    /// A starting protocol per template (same order as `templates`): the numbers the setup
    /// form begins with come from the core, never from the UI.
    pub drafts: Vec<ProtocolInput>,
    pub today: NaiveDate,
    /// The Day 1 onboarding offers: today, except after midnight and before the day start,
    /// when the day still running is nearly over and Day 1 is the one that begins at the day
    /// start (the calendar date).
    pub first_day: NaiveDate,
}

/// An age band with what follows from it for the setup form.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AgeBandOption {
    pub id: AgeBand,
    pub label: String,
    /// Under 1 year: no supplement plan is built (no upper limit is established).
    pub infant: bool,
    /// Pregnancy and breastfeeding values exist for this band (the question is asked).
    pub can_be_pregnant: bool,
}

/// A value with its label.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Labelled<T> {
    pub id: T,
    pub label: String,
}

fn labelled<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<Labelled<T>> {
    all.iter()
        .map(|&id| Labelled {
            id,
            label: label(id).to_string(),
        })
        .collect()
}

/// Where the course stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CourseStatus {
    NotStarted,
    Running,
    Finished,
}

/// The course as the Today and Progress screens show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CourseInfo {
    pub course_id: i64,
    pub name: String,
    pub template: Template,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub length_days: u32,
    /// Day N of the course for the day shown, if it lies in the course.
    pub day_number: Option<u32>,
    pub status: CourseStatus,
}

/// The saved protocol, as the protocol screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProtocolView {
    pub version_id: i64,
    pub course_id: i64,
    /// The first day this version governs.
    pub effective_from: NaiveDate,
    /// True when it takes effect on a later day (today is already logged).
    pub pending: bool,
    pub spec: ProtocolSpec,
    pub report: SafetyReport,
    /// How many versions this course has had.
    pub version_count: u32,
}

/// The next dose due.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NextDose {
    pub day: NaiveDate,
    pub slot: u32,
    pub time: String,
    pub due_at: String,
}

/// One day, as the Today screen (or a past day) shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DayView {
    /// The current day (with the user's day start).
    pub today: NaiveDate,
    /// The day shown.
    pub day: NaiveDate,
    pub is_today: bool,
    /// The current instant, RFC 3339 with the local offset.
    pub now: String,
    /// The zone dose times follow.
    pub time_zone: String,
    pub day_start: String,
    /// False until the user sets up a protocol.
    pub has_protocol: bool,
    pub course: Option<CourseInfo>,
    /// The course's first day when the day shown comes before it: nothing is recorded there.
    pub before_course: Option<NaiveDate>,
    pub checklist: Checklist,
    pub next_dose: Option<NextDose>,
    pub rda_mg: Option<u32>,
    /// Food magnesium logged on the day, mg.
    pub food_mg: f64,
    /// Supplement magnesium taken on the day, mg.
    pub supplement_mg: f64,
    /// True when symptoms were rated on the day.
    pub checked_in: bool,
    /// The tracked symptoms and the day's rating of each, if rated.
    pub symptoms: Vec<SymptomToday>,
    /// What the day's check-ins call for (stop and seek care; loose-stools advice).
    pub advice: Vec<Finding>,
    /// When this view next changes by itself (a dose comes due, a window closes, a snooze ends,
    /// the day ends), RFC 3339: the screen refreshes then rather than polling.
    pub refresh_at: Option<String>,
}

/// A tracked symptom on a day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SymptomToday {
    pub symptom: Symptom,
    pub label: String,
    /// The day's last rating, 0 (none) to 10 (worst).
    pub value: Option<u8>,
}

fn parse_spec(v: &StoredVersion) -> Result<ProtocolSpec> {
    serde_json::from_str(&v.spec)
        .map_err(|e| CoreError::Corrupt(format!("protocol version {}: {e}", v.id)))
}

/// When a version was saved, if that was on the day it took effect (`day`).
pub(crate) fn saved_on(v: &StoredVersion, day: NaiveDate) -> Option<chrono::DateTime<chrono::Utc>> {
    (v.effective_from == day).then(|| v.created_at.with_timezone(&chrono::Utc))
}

/// Food magnesium logged in these events: `log` entries not withdrawn by a later `remove`.
pub fn food_mg_of(events: &[Event]) -> f64 {
    food::food_logs(events)
        .filter_map(|e| e.value.as_ref()?.get("mg")?.as_f64())
        .sum()
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
        Ok(self.clock(now).await?.day_of(now.utc))
    }

    // ---- protocol ------------------------------------------------------------------------

    pub async fn setup_options(&self, now: &Now) -> Result<SetupOptions> {
        Ok(SetupOptions {
            templates: protocol::templates(),
            forms: facts::FORMS.to_vec(),
            age_bands: AgeBand::ALL
                .iter()
                .map(|&a| AgeBandOption {
                    id: a,
                    label: a.label().to_string(),
                    infant: a.is_infant(),
                    can_be_pregnant: a.can_be_pregnant(),
                })
                .collect(),
            medicine_classes: labelled(&MedicineClass::ALL, |m| m.label()),
            symptoms: labelled(&Symptom::ALL, |s| s.label()),
            urgent_symptoms: facts::URGENT_SYMPTOMS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            disclaimer: facts::DISCLAIMER.into(),
            default_length_days: protocol::DEFAULT_LENGTH_DAYS,
            default_window_minutes: protocol::DEFAULT_WINDOW_MIN,
            today: self.today(now).await?,
            drafts: {
                let first = self.first_day(now).await?;
                protocol::templates()
                    .iter()
                    .map(|t| protocol::default_input(t.id, first))
                    .collect()
            },
            first_day: self.first_day(now).await?,
        })
    }

    /// The Day 1 to offer a new course (see [`SetupOptions::first_day`]).
    pub async fn first_day(&self, now: &Now) -> Result<NaiveDate> {
        let clock = self.clock(now).await?;
        let calendar = now.utc.with_timezone(&clock.tz).date_naive();
        Ok(clock.day_of(now.utc).max(calendar))
    }

    /// The first day of the course that governs `day`, or of the first course when `day` comes
    /// before every course; `None` before any protocol.
    async fn course_start_for(&self, day: NaiveDate) -> Result<Option<NaiveDate>> {
        Ok(match self.version_for(day).await? {
            Some((_, spec)) => Some(spec.start_date),
            None => match self.store.first_version().await? {
                Some(v) => Some(parse_spec(&v)?.start_date),
                None => None,
            },
        })
    }

    /// Nothing is recorded on a day before the course: taps and food alike are refused there,
    /// with the day the course starts (`before_start`, the start when `day` comes before it).
    fn refuse_before_course(before_start: Option<NaiveDate>) -> Result<()> {
        match before_start {
            Some(start) => Err(CoreError::refused(
                "before_course",
                format!(
                    "Your course starts on {}: nothing is recorded for the days before it.",
                    start.format("%-d %B %Y")
                ),
            )),
            None => Ok(()),
        }
    }

    /// [`Self::refuse_before_course`] for `day`, and `no_protocol` before any protocol.
    pub(crate) async fn ensure_course_has_begun(&self, day: NaiveDate) -> Result<()> {
        match self.course_start_for(day).await? {
            Some(start) => Self::refuse_before_course(Some(start).filter(|s| day < *s)),
            None => Err(CoreError::refused(
                "no_protocol",
                "Set up a protocol first: there is no checklist for that day.",
            )),
        }
    }

    /// Check a protocol without saving it: the safety report and the plan as it would be
    /// saved, or the input error.
    pub async fn check_protocol(&self, input: &ProtocolInput, now: &Now) -> Result<ProtocolCheck> {
        let settings = self.settings().await?;
        let today = settings.clock(now).day_of(now.utc);
        match protocol::validate(input, today, settings.day_start_min()) {
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
                    .map(|s| protocol::build_plan(s, settings.day_start_min()))
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
    /// version of the current course. A version takes effect today unless today already has
    /// entries, in which case it takes effect tomorrow.
    pub async fn save_protocol(
        &self,
        input: &ProtocolInput,
        new_course: bool,
        now: &Now,
    ) -> Result<ProtocolView> {
        let settings = self.settings().await?;
        let clock = settings.clock(now);
        let today = clock.day_of(now.utc);
        let (spec, _) = protocol::validate(input, today, settings.day_start_min())?;
        let latest = self.store.latest_version().await?;
        let logged_today = self.store.has_events_on(today).await?;
        // The first day not yet logged: a change never rewrites a day that has entries.
        let first_open = if logged_today {
            today + Duration::days(1)
        } else {
            today
        };
        let (course, effective_from) = match (&latest, new_course) {
            // An edit: a new version of the current course.
            (Some(v), false) => (Some(v.course_id), first_open.max(v.effective_from)),
            // A later course: it cannot take over days an earlier course governs.
            (Some(v), true) => (None, first_open.max(v.effective_from)),
            // The first course may start in the past, so earlier days can be filled in.
            (None, _) => (None, spec.start_date.min(today)),
        };
        let json = serde_json::to_string(&spec)?;
        let at = now.utc.with_timezone(&clock.tz).fixed_offset();
        let stored = self
            .store
            .insert_version(course, effective_from, at, &json)
            .await?;
        self.protocol_view(&stored, today).await
    }

    async fn protocol_view(&self, v: &StoredVersion, today: NaiveDate) -> Result<ProtocolView> {
        let spec = parse_spec(v)?;
        let report = evaluate(&spec.safety, spec.supplement.as_ref());
        let count: i64 =
            sqlx::query_scalar("SELECT count(*) FROM protocol_versions WHERE course_id = ?")
                .bind(v.course_id)
                .fetch_one(self.store.pool())
                .await?;
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
        let settings = self.settings().await?;
        let clock = settings.clock(now);
        let today = clock.day_of(now.utc);
        let day = match day {
            Some(d) => parse_date(d, "day")?,
            None => today,
        };
        Self::check_day(day, today)?;
        self.day_view(day, today, &settings, &clock, now).await
    }

    async fn day_view(
        &self,
        day: NaiveDate,
        today: NaiveDate,
        settings: &Settings,
        clock: &DayClock,
        now: &Now,
    ) -> Result<DayView> {
        let version = self.version_for(day).await?;
        let events = self.store.events_on(day).await?;
        let food_mg = food_mg_of(&events);
        let list = checklist::derive(
            day,
            version.as_ref().map(|(v, s)| (v.id, s)),
            version.as_ref().and_then(|(v, _)| saved_on(v, day)),
            &events,
            now.utc,
            clock,
            food_mg,
        )?;
        let has_protocol = version.is_some() || self.store.latest_version().await?.is_some();
        let course = version
            .as_ref()
            .map(|(v, spec)| course_info(v.course_id, spec, day, today));
        let mut next_dose = None;
        if day == today {
            next_dose = list
                .doses
                .iter()
                .find(|d| matches!(d.status, DoseStatus::Upcoming | DoseStatus::Due))
                .map(|d| NextDose {
                    day,
                    slot: d.slot,
                    time: d.time.clone(),
                    due_at: d.due_at.clone(),
                });
            if next_dose.is_none() {
                let tomorrow = day + Duration::days(1);
                if let Some((_, spec)) = self.version_for(tomorrow).await? {
                    let timings = checklist::dose_timings(&spec, tomorrow, clock)?;
                    if let (Some(d), Some(t)) = (spec.doses_on(tomorrow).first(), timings.first()) {
                        next_dose = Some(NextDose {
                            day: tomorrow,
                            slot: d.slot,
                            time: d.time.clone(),
                            due_at: t.due.with_timezone(&clock.tz).fixed_offset().to_rfc3339(),
                        });
                    }
                }
            }
        }
        let supplement_mg = list
            .doses
            .iter()
            .filter(|d| d.status == DoseStatus::Taken)
            .map(|d| d.mg)
            .sum();
        let refresh_at = (day == today).then(|| {
            let mut next = clock.day_end_instant(today);
            for d in &list.doses {
                let change = match d.status {
                    DoseStatus::Upcoming => Some(&d.due_at),
                    DoseStatus::Due => Some(d.snoozed_until.as_ref().unwrap_or(&d.window_end)),
                    _ => None,
                };
                if let Some(t) = change.and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()) {
                    let t = t.with_timezone(&chrono::Utc);
                    if t > now.utc && t < next {
                        next = t;
                    }
                }
            }
            next.with_timezone(&clock.tz).fixed_offset().to_rfc3339()
        });
        Ok(DayView {
            today,
            day,
            is_today: day == today,
            now: now.utc.with_timezone(&clock.tz).fixed_offset().to_rfc3339(),
            time_zone: clock.tz.name().to_string(),
            day_start: settings.day_start.clone(),
            has_protocol,
            course,
            // From the version in force when there is one (no second look-up on every view).
            before_course: match &version {
                Some((_, spec)) => Some(spec.start_date),
                None if has_protocol => self.course_start_for(day).await?,
                None => None,
            }
            .filter(|s| day < *s),
            rda_mg: version.as_ref().map(|(_, s)| s.rda_mg),
            checklist: list,
            next_dose,
            food_mg,
            supplement_mg,
            refresh_at,
            advice: progress::advice_for(&events),
            checked_in: events.iter().any(|e| e.item.starts_with("symptom:")),
            symptoms: version
                .as_ref()
                .map(|(_, spec)| {
                    spec.symptoms
                        .iter()
                        .map(|s| SymptomToday {
                            symptom: *s,
                            label: s.label().to_string(),
                            value: events
                                .iter()
                                .rev()
                                .find(|e| {
                                    e.action == "rate" && e.item == format!("symptom:{}", s.key())
                                })
                                .and_then(|e| e.value.as_ref()?.as_u64())
                                .and_then(|v| u8::try_from(v).ok()),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
    }

    /// Apply one tap to `day` (today when `None`) and return the day as it now stands.
    pub async fn tap(&self, day: Option<&str>, tap: &Tap, now: &Now) -> Result<DayView> {
        let settings = self.settings().await?;
        let clock = settings.clock(now);
        let today = clock.day_of(now.utc);
        let day = match day {
            Some(d) => parse_date(d, "day")?,
            None => today,
        };
        Self::check_day(day, today)?;
        let view = self.day_view(day, today, &settings, &clock, now).await?;
        Self::refuse_before_course(view.before_course)?;
        if view.checklist.protocol_version.is_none() {
            return Err(CoreError::refused(
                "no_protocol",
                "Set up a protocol first: there is no checklist for that day.",
            ));
        }
        let events = checklist::events_for_tap(tap, &view.checklist, now.utc, &clock)?;
        self.store.append(&events).await?;
        self.day_view(day, today, &settings, &clock, now).await
    }
}

/// The course as seen from `day`.
pub fn course_info(
    course_id: i64,
    spec: &ProtocolSpec,
    day: NaiveDate,
    today: NaiveDate,
) -> CourseInfo {
    let status = if today < spec.start_date {
        CourseStatus::NotStarted
    } else if today > spec.end_date() {
        CourseStatus::Finished
    } else {
        CourseStatus::Running
    };
    CourseInfo {
        course_id,
        name: spec.name.clone(),
        template: spec.template,
        start_date: spec.start_date,
        end_date: spec.end_date(),
        length_days: spec.length_days,
        day_number: spec.course_day(day),
        status,
    }
}

/// What checking a protocol says.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProtocolCheck {
    pub report: SafetyReport,
    /// The supplement plan as it would be saved (elemental mg, the conversion shown).
    pub plan: Option<SupplementPlan>,
    /// Why saving it now would be refused (a safety stop, an unacknowledged limit).
    pub refusal: Option<ApiError>,
}

/// Input for `save_protocol`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SaveProtocolInput {
    pub protocol: ProtocolInput,
    /// Start a new course instead of editing the current one.
    pub new_course: bool,
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
