//! The core's reminder commands: what is due, claiming, the phone's window, the delivery check
//! and the actions pressed on a notification.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Core, DayView};
use crate::checklist::{dose_timings, Tap};
use crate::day::Now;
use crate::error::{quoted, CoreError, Result};
use crate::reminders::{plan_day, Reminder, ReminderKind, MOBILE_WINDOW};
use crate::store::Event;

/// How long a delivery may lag its plan and still be on time.
pub const ON_TIME_SECS: i64 = 120;
/// The delivery check looks this many days back.
pub const DELIVERY_DAYS: i64 = 14;

/// What a button on a reminder does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderAction {
    Taken,
    Snooze,
}

/// One dose reminder in the delivery check.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeliveryView {
    pub day: NaiveDate,
    pub slot: u32,
    /// When it should have come (RFC 3339).
    pub planned_at: String,
    /// When it was shown, if it was.
    pub delivered_at: Option<String>,
    /// "on_time", "late", "not_sent", "failed" or "scheduled".
    pub outcome: String,
    /// Why the hand-over failed, as the system said it (outcome "failed").
    pub error: Option<String>,
}

/// The newest hand-over of a reminder (a dose's or a test) failed: reminders are not reaching
/// the user. It clears as soon as a later one goes through.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeliveryProblem {
    /// When it was tried (RFC 3339).
    pub at: String,
    /// What the system answered.
    pub reason: String,
    /// True for a test reminder, false for a real one.
    pub test: bool,
}

/// "On time in the last 14 days: x of y".
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeliveryReport {
    pub days: u32,
    /// Dose reminders that came due while their dose was not yet taken.
    pub expected: u32,
    pub on_time: u32,
    pub late: u32,
    /// Never shown (the app was not running, or the window closed first).
    pub not_sent: u32,
    pub failed: u32,
    /// Handed to the phone's scheduler, which delivers them itself.
    pub scheduled: u32,
    /// The newest first, at most 20.
    pub recent: Vec<DeliveryView>,
    /// When the last test reminder was shown.
    pub last_test: Option<String>,
    /// Set while the newest hand-over failed.
    pub problem: Option<DeliveryProblem>,
}

/// Parse "YYYY-MM-DD/dose:N[/...]".
fn dose_of_key(key: &str) -> Option<(NaiveDate, u32)> {
    let mut parts = key.split('/');
    let day = NaiveDate::parse_from_str(parts.next()?, "%Y-%m-%d").ok()?;
    let slot = parts.next()?.strip_prefix("dose:")?.parse().ok()?;
    Some((day, slot))
}

/// Whether dose `slot` was taken or skipped before `at`.
fn done_before(events: &[Event], slot: u32, at: DateTime<Utc>) -> bool {
    let item = format!("dose:{slot}");
    let mut done = false;
    for e in events
        .iter()
        .filter(|e| e.item == item && e.at.with_timezone(&Utc) < at)
    {
        match e.action.as_str() {
            "taken" | "skipped" => done = true,
            "undo" => done = false,
            _ => {}
        }
    }
    done
}

impl Core {
    async fn plan_days(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        now: &Now,
    ) -> Result<Vec<Reminder>> {
        let settings = self.settings().await?;
        let clock = settings.clock(now);
        let mut out = Vec::new();
        let mut day = first;
        while day <= last {
            if let Some((_, spec)) = self.version_for(day).await? {
                let events = self.store.events_on(day).await?;
                out.extend(plan_day(day, &spec, &events, &settings.reminders, &clock)?);
            }
            day += Duration::days(1);
        }
        Ok(out)
    }

    /// Reminders due now that have not been claimed yet: what the desktop loop shows.
    pub async fn due_reminders(&self, now: &Now) -> Result<Vec<Reminder>> {
        let today = self.today(now).await?;
        let tomorrow = today + Duration::days(1);
        let planned = self.plan_days(today, tomorrow, now).await?;
        let claimed = self.store.claimed_keys(today, tomorrow).await?;
        Ok(planned
            .into_iter()
            .filter(|r| r.is_due(now.utc) && !claimed.contains(&r.key))
            .collect())
    }

    /// Claim a reminder before showing it: false when it was already claimed.
    pub async fn claim_reminder(&self, r: &Reminder, now: &Now, channel: &str) -> Result<bool> {
        self.store
            .claim_reminder(
                &r.key,
                r.kind.as_str(),
                r.day,
                i64::from(r.slot),
                r.due,
                now.utc,
                channel,
            )
            .await
    }

    /// Record that a claimed reminder was shown (or why it could not be).
    pub async fn reminder_shown(&self, key: &str, now: &Now, error: Option<&str>) -> Result<()> {
        self.store.record_delivery(key, now.utc, error).await
    }

    /// The next reminders after now, for the phone's scheduler: at most [`MOBILE_WINDOW`], over
    /// the next `days` days.
    pub async fn upcoming_reminders(&self, now: &Now, days: u32) -> Result<Vec<Reminder>> {
        let today = self.today(now).await?;
        let last = today + Duration::days(i64::from(days.clamp(1, 14)));
        let mut planned: Vec<Reminder> = self
            .plan_days(today, last, now)
            .await?
            .into_iter()
            .filter(|r| r.due > now.utc)
            .collect();
        planned.sort_by_key(|r| r.due);
        planned.truncate(MOBILE_WINDOW);
        Ok(planned)
    }

    /// Record a test reminder as shown now.
    pub async fn test_reminder_shown(&self, now: &Now, error: Option<&str>) -> Result<Reminder> {
        let today = self.today(now).await?;
        let r = Reminder {
            key: format!("test/{}", now.utc.to_rfc3339()),
            kind: ReminderKind::Dose,
            day: today,
            slot: 0,
            n: 0,
            due: now.utc,
            expires: now.utc,
            title: "Magday test reminder".into(),
            body: "Reminders reach you. You can close this.".into(),
        };
        self.store
            .claim_reminder(&r.key, "test", r.day, 0, r.due, now.utc, "test")
            .await?;
        self.store.record_delivery(&r.key, now.utc, error).await?;
        Ok(r)
    }

    /// The delivery check over the last 14 days.
    pub async fn delivery_report(&self, now: &Now) -> Result<DeliveryReport> {
        let settings = self.settings().await?;
        let clock = settings.clock(now);
        let today = clock.day_of(now.utc);
        let first = today - Duration::days(DELIVERY_DAYS - 1);
        let log = self.store.deliveries(first, today).await?;
        let mut report = DeliveryReport {
            days: DELIVERY_DAYS as u32,
            expected: 0,
            on_time: 0,
            late: 0,
            not_sent: 0,
            failed: 0,
            scheduled: 0,
            recent: vec![],
            last_test: log
                .iter()
                .filter(|r| r.channel == "test")
                .filter_map(|r| r.delivered_at)
                .max()
                .map(|t| t.to_rfc3339()),
            // The newest hand-over this device made (the phone's scheduler reports nothing back).
            problem: log
                .iter()
                .filter(|r| r.channel != "scheduled")
                .max_by_key(|r| r.planned_at)
                .and_then(|r| {
                    r.error.as_ref().map(|reason| DeliveryProblem {
                        at: r
                            .planned_at
                            .with_timezone(&clock.tz)
                            .fixed_offset()
                            .to_rfc3339(),
                        reason: reason.clone(),
                        test: r.channel == "test",
                    })
                }),
        };
        // Magday can remind only once it has a protocol: doses that came due before the first
        // one was saved (the morning of the day it was set up, days filled in afterwards) were
        // never expected to be reminded.
        let since = self
            .store
            .first_version()
            .await?
            .map(|v| v.created_at.with_timezone(&Utc));
        let mut day = first;
        while day <= today {
            if let Some((_, spec)) = self.version_for(day).await? {
                let events = self.store.events_on(day).await?;
                let skipped = events
                    .iter()
                    .filter(|e| e.item == "day")
                    .fold(false, |s, e| match e.action.as_str() {
                        "skip" => true,
                        "unskip" => false,
                        _ => s,
                    });
                for t in dose_timings(&spec, day, &clock)? {
                    if skipped
                        || t.due > now.utc
                        || since.is_some_and(|s| t.due < s)
                        || done_before(&events, t.slot, t.due)
                    {
                        continue;
                    }
                    report.expected += 1;
                    let key = format!("{day}/dose:{}", t.slot);
                    let row = log.iter().find(|r| r.key == key);
                    let outcome = match row {
                        Some(r) if r.channel == "scheduled" => "scheduled",
                        Some(r) if r.error.is_some() => "failed",
                        Some(r) => match r.delivered_at {
                            Some(at)
                                if (at.with_timezone(&Utc) - t.due).num_seconds()
                                    <= ON_TIME_SECS =>
                            {
                                "on_time"
                            }
                            Some(_) => "late",
                            None => "not_sent",
                        },
                        None => "not_sent",
                    };
                    match outcome {
                        "on_time" => report.on_time += 1,
                        "late" => report.late += 1,
                        "failed" => report.failed += 1,
                        "scheduled" => report.scheduled += 1,
                        _ => report.not_sent += 1,
                    }
                    report.recent.push(DeliveryView {
                        day,
                        slot: t.slot,
                        planned_at: t.due.with_timezone(&clock.tz).fixed_offset().to_rfc3339(),
                        delivered_at: row
                            .and_then(|r| r.delivered_at)
                            .map(|d| d.with_timezone(&clock.tz).fixed_offset().to_rfc3339()),
                        outcome: outcome.into(),
                        error: row.and_then(|r| r.error.clone()),
                    });
                }
            }
            day += Duration::days(1);
        }
        report.recent.reverse();
        report.recent.truncate(20);
        Ok(report)
    }

    /// A button pressed on a dose reminder: record the dose taken, or snooze it.
    pub async fn reminder_action(
        &self,
        key: &str,
        action: ReminderAction,
        now: &Now,
    ) -> Result<DayView> {
        let (day, slot) = dose_of_key(key).ok_or_else(|| {
            CoreError::invalid(
                "unknown_reminder",
                "key",
                format!("{} is not a dose reminder.", quoted(key)),
            )
        })?;
        let day_text = day.format("%Y-%m-%d").to_string();
        let tap = match action {
            ReminderAction::Taken => Tap::TakeDose { slot, at: None },
            ReminderAction::Snooze => Tap::SnoozeDose {
                slot,
                minutes: self.settings().await?.reminders.snooze_min,
            },
        };
        self.tap(Some(&day_text), &tap, now).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_their_dose() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(dose_of_key("2026-11-21/dose:2"), Some((d, 2)));
        assert_eq!(dose_of_key("2026-11-21/dose:1/nag:3"), Some((d, 1)));
        assert_eq!(dose_of_key("2026-11-21/med:0"), None);
        assert_eq!(dose_of_key("test/x"), None);
    }
}
