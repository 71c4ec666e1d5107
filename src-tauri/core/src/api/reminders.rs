//! The core's reminder commands: what is due, claiming, the phone's window, the delivery check
//! and the actions pressed on a notification. The rules are in [`crate::reminders`].

use chrono::{Duration, NaiveDate, Utc};

use super::ctx::{Core, Ctx};
use crate::checklist::{dose_timings, Tap};
use crate::day::Now;
use crate::error::{quoted, CoreError, Result};
use crate::log::DayState;
use crate::protocol;
use crate::reminders::delivery::{self, CheckedDay, DeliveryReport, DELIVERY_DAYS};
use crate::reminders::{
    self, dose_of_key, plan_day, refill_reminder, Reminder, ReminderAction, MOBILE_WINDOW,
};
use crate::today::DayView;

/// The channel a reminder is claimed on when another of its dose was shown in its place.
const SUPERSEDED: &str = "superseded";

impl Core {
    /// Every reminder of `first..=last` (two queries, whatever the span).
    async fn plan_days(
        &self,
        ctx: &Ctx,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<Reminder>> {
        let (versions, records) = self.range(first, last).await?;
        let mut out = Vec::new();
        for (day, version, log) in
            protocol::versions::days(&versions, |(v, _)| v.effective_from, &records, first, last)
        {
            if let Some((_, spec)) = version {
                let state = DayState::replay(log);
                let s = &ctx.settings.reminders;
                out.extend(plan_day(day, spec, &state, &ctx.pauses, s, &ctx.clock)?);
            }
        }
        Ok(out)
    }

    /// Today's refill reminder, when the supply is low (see [`crate::stock`]).
    async fn refill_today(&self, ctx: &Ctx) -> Result<Option<Reminder>> {
        let (version, records) = self.read_day(ctx.today).await?;
        let Some(v @ (_, spec)) = version.as_ref() else {
            return Ok(None);
        };
        let list = super::ctx::checklist_of(ctx, ctx.today, Some(v), &DayState::replay(&records))?;
        let Some(first) = list.doses.first() else {
            return Ok(None);
        };
        let Some(stock) = self.stock_view(ctx, &list).await? else {
            return Ok(None);
        };
        Ok(refill_reminder(
            ctx.today,
            &stock,
            spec,
            (first.timing.due, ctx.clock.day_end_instant(ctx.today)),
            &ctx.pauses,
            ctx.settings.reminders.private_text,
        ))
    }

    /// Reminders due now that have not been claimed yet: what the desktop loop shows, one per
    /// dose ([`reminders::catch_up`]: after a start or a wake-up, the others due at the same time
    /// are claimed here as superseded and never shown).
    pub async fn due_reminders(&self, now: &Now) -> Result<Vec<Reminder>> {
        let ctx = self.ctx(now).await?;
        let tomorrow = ctx.today + Duration::days(1);
        let mut planned = self.plan_days(&ctx, ctx.today, tomorrow).await?;
        planned.extend(self.refill_today(&ctx).await?);
        let claimed = self.store.claimed_keys(ctx.today, tomorrow).await?;
        let due = planned
            .into_iter()
            .filter(|r| r.is_due(now.utc) && !claimed.contains(&r.key))
            .collect();
        let (show, superseded) = reminders::catch_up(due, now.utc);
        for r in &superseded {
            self.claim_reminder(r, now, SUPERSEDED).await?;
        }
        Ok(show)
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
        let ctx = self.ctx(now).await?;
        let last = ctx.today + Duration::days(i64::from(days.clamp(1, 14)));
        let mut planned: Vec<Reminder> = self
            .plan_days(&ctx, ctx.today, last)
            .await?
            .into_iter()
            .chain(self.refill_today(&ctx).await?)
            .filter(|r| r.due > now.utc)
            .collect();
        planned.sort_by_key(|r| r.due);
        planned.truncate(MOBILE_WINDOW);
        Ok(planned)
    }

    /// Record a test reminder as shown now.
    pub async fn test_reminder_shown(&self, now: &Now, error: Option<&str>) -> Result<Reminder> {
        let r = Reminder::test(self.today(now).await?, now.utc);
        self.store
            .claim_reminder(&r.key, "test", r.day, 0, r.due, now.utc, "test")
            .await?;
        self.store.record_delivery(&r.key, now.utc, error).await?;
        Ok(r)
    }

    /// The delivery check over the last 14 days (see [`delivery`]).
    pub async fn delivery_report(&self, now: &Now) -> Result<DeliveryReport> {
        let ctx = self.ctx(now).await?;
        let first = ctx.today - Duration::days(DELIVERY_DAYS - 1);
        let rows = self.store.deliveries(first, ctx.today).await?;
        let since = self
            .store
            .first_version()
            .await?
            .map(|v| v.created_at.with_timezone(&Utc));
        let (versions, records) = self.range(first, ctx.today).await?;
        let mut days = Vec::new();
        for (day, version, log) in protocol::versions::days(
            &versions,
            |(v, _)| v.effective_from,
            &records,
            first,
            ctx.today,
        ) {
            if let Some((_, spec)) = version {
                let timings = dose_timings(spec, day, &ctx.clock)?;
                let log = log.into_iter().cloned().collect();
                days.push(CheckedDay { day, timings, log });
            }
        }
        Ok(delivery::report(
            &days,
            &rows,
            &ctx.pauses,
            since,
            now.utc,
            &ctx.clock,
        ))
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
        let _turn = self.taps.lock().await;
        let ctx = self.ctx(now).await?;
        crate::day::check_open(day, ctx.today)?;
        let tap = match action {
            ReminderAction::Taken => Tap::TakeDose { slot, at: None },
            ReminderAction::Snooze => Tap::SnoozeDose {
                slot,
                minutes: ctx.settings.reminders.snooze_min,
            },
        };
        self.tap_on(&ctx, day, &tap).await
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
