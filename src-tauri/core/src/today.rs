//! The Today screen (or a past day): the course as seen from the day, its checklist, the next
//! dose, the day's magnesium, symptoms and advice, and when the view next changes by itself.
//! Built from what the store holds for the day; no rule of its own beyond putting them together.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::checklist::{self, Checklist, NextDose};
use crate::day::DayClock;
use crate::log::DayState;
use crate::pause::{self, Pause, PauseView};
use crate::protocol::{AboveLimit, Finding, ProtocolSpec, Symptom, Template};

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
    /// The safety pause in force now, whatever the day shown: no dose reminders until the user
    /// confirms a clinician's clearance.
    pub safety_pause: Option<PauseView>,
    /// The plan governing the day is above the supplemental limit, kept on a clinician's
    /// advice as the user acknowledged.
    pub above_limit: Option<AboveLimit>,
    /// The plan governing the day would be refused by the save rules (it came from another
    /// device, a file or an older version): its doses are held until the user reviews it.
    pub plan_held: Option<Finding>,
    /// When this view next changes by itself (a dose comes due, a window closes, a snooze ends,
    /// the day ends), RFC 3339: the screen refreshes then rather than polling.
    pub refresh_at: Option<String>,
    /// The product's supply as of today (today's view only, once the user counted it).
    pub stock: Option<crate::stock::StockView>,
}

/// A tracked symptom on a day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SymptomToday {
    pub symptom: Symptom,
    pub label: String,
    /// The day's last rating, 0 (none) to 10 (worst).
    pub value: Option<u8>,
}

/// What a day view is built from.
pub struct DayParts<'a> {
    pub day: NaiveDate,
    pub today: NaiveDate,
    pub now: DateTime<Utc>,
    pub clock: &'a DayClock,
    pub day_start: &'a str,
    /// The version governing the day: (version id, course id, its spec, when it was saved if
    /// that was on this very day).
    pub version: Option<(i64, i64, &'a ProtocolSpec, Option<DateTime<Utc>>)>,
    /// Whether any protocol was ever saved.
    pub has_protocol: bool,
    /// The first day of the course governing the day, or of the first course.
    pub course_start: Option<NaiveDate>,
    pub log: &'a DayState,
    /// The safety pause in force now.
    pub pause: Option<&'a Pause>,
    /// Every pause, ended ones too (a check-in's stop reads as history once cleared).
    pub pauses: &'a [Pause],
    /// Tomorrow and the version governing it, looked up only when today has no dose left.
    pub tomorrow: Option<(NaiveDate, &'a ProtocolSpec)>,
}

/// Put the day view together from its checklist (already derived from the same parts).
pub fn view(p: DayParts, list: Checklist) -> crate::error::Result<DayView> {
    let is_today = p.day == p.today;
    let next_dose = if is_today && p.pause.is_none() {
        checklist::next_dose(&list, p.tomorrow, p.clock)?
    } else {
        None
    };
    let local = |t: DateTime<Utc>| t.with_timezone(&p.clock.tz).fixed_offset().to_rfc3339();
    let spec = p.version.map(|(_, _, spec, _)| spec);
    Ok(DayView {
        today: p.today,
        day: p.day,
        is_today,
        now: local(p.now),
        time_zone: p.clock.tz.name().to_string(),
        day_start: p.day_start.to_string(),
        has_protocol: p.has_protocol,
        course: p
            .version
            .map(|(_, course, spec, _)| course_info(course, spec, p.day, p.today)),
        before_course: p.course_start.filter(|s| p.day < *s),
        rda_mg: spec.map(|s| s.rda_mg),
        next_dose,
        food_mg: p.log.food_mg(),
        supplement_mg: list.supplement_mg(),
        refresh_at: is_today.then(|| local(checklist::refresh_at(&list, p.now, p.clock))),
        advice: crate::checkin::advice(p.log, p.pauses),
        safety_pause: p.pause.map(pause::view),
        above_limit: spec.and_then(|s| s.above_limit),
        plan_held: spec.and_then(|s| s.held.clone()),
        checked_in: p.log.checked_in,
        symptoms: spec
            .map(|spec| {
                spec.symptoms
                    .iter()
                    .map(|s| SymptomToday {
                        symptom: *s,
                        label: s.label().to_string(),
                        value: p.log.ratings.get(s).copied(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        checklist: list,
        stock: None,
    })
}
