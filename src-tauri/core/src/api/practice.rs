//! The core's commands for what goes beside the doses: the breathing session's options (the
//! session and movement themselves are taps), and the supply: the units on hand, how long
//! they last, a count or a refill. The rules are in [`crate::practice`] and [`crate::stock`].

use chrono::{Duration, NaiveDate};

use super::ctx::{Core, Ctx, Version};
use crate::checklist::{Checklist, DoseStatus};
use crate::day::Now;
use crate::error::Result;
use crate::log;
use crate::practice::{self, BreathingOptions};
use crate::protocol::versions::governing;
use crate::protocol::{ProtocolSpec, Template};
use crate::stock::{self, StockInput, StockView};
use crate::today::DayView;

/// How far ahead the forecast looks for planned protocol changes, days.
const FORECAST_DAYS: i64 = 366;

fn units_on(versions: &[Version], day: NaiveDate, slot: Option<u32>) -> f64 {
    let spec: Option<&ProtocolSpec> =
        governing(versions, |(v, _)| v.effective_from, day).map(|v| &v.1);
    spec.map_or(0.0, |s| {
        s.doses_on(day)
            .iter()
            .filter(|d| slot.is_none_or(|slot| d.slot == slot))
            .map(|d| d.units)
            .sum()
    })
}

impl Core {
    /// What the breathing session offers, with the pace of the template in force (or of the
    /// newest protocol; a blank protocol's before any).
    pub async fn breathing_options(&self, now: &Now) -> Result<BreathingOptions> {
        let ctx = self.ctx(now).await?;
        let today = ctx.today;
        let template = match self.version_for(today).await? {
            Some((_, spec)) => spec.template,
            None => match self.store.latest_version().await? {
                Some(v) => self.governed(&v)?.template,
                None => Template::Custom,
            },
        };
        let mut options = practice::options(template);
        if let Some(p) = crate::pause::current(&ctx.pauses) {
            options.seek_care = practice::seek_care(&p.signs);
            options.safety_pause = Some(crate::pause::view(p));
        }
        Ok(options)
    }

    /// The supply as of today, from today's checklist (`list`): `None` before the first count.
    pub(crate) async fn stock_view(
        &self,
        ctx: &Ctx,
        list: &Checklist,
    ) -> Result<Option<StockView>> {
        let Some(count) = stock::last_count(&ctx.stock) else {
            return Ok(None);
        };
        let since = count.day.min(ctx.today);
        let records = log::read(&self.store, since, ctx.today).await?;
        let mut versions = Vec::new();
        for v in self
            .store
            .versions_governing(since, ctx.today + Duration::days(FORECAST_DAYS))
            .await?
        {
            let spec = self.governed(&v)?;
            versions.push((v, spec));
        }
        let Some(ledger) = stock::ledger(&records, ctx.today, |day, slot| {
            units_on(&versions, day, Some(slot))
        }) else {
            return Ok(None);
        };
        let still_to_take: f64 = list
            .doses
            .iter()
            .filter(|d| matches!(d.status, DoseStatus::Upcoming | DoseStatus::Due))
            .map(|d| d.units)
            .sum();
        let end = versions
            .iter()
            .map(|(_, s)| s.end_date())
            .max()
            .unwrap_or(ctx.today);
        let forecast = stock::forecast(ledger.balance, ctx.today, still_to_take, end, |day| {
            units_on(&versions, day, None)
        });
        let per_day = units_on(&versions, ctx.today, None);
        Ok(Some(stock::view(
            &ledger,
            forecast,
            per_day,
            ctx.settings.refill_warn_days,
        )))
    }

    /// Count what is on hand, or add a refill; returns Today with the supply as it now stands.
    pub async fn update_stock(&self, input: &StockInput, now: &Now) -> Result<DayView> {
        let ctx = self.ctx(now).await?;
        let entry = stock::entry(input, stock::last_count(&ctx.stock).is_some())?;
        let version = self.store.version_in_force(ctx.today).await?.map(|v| v.id);
        log::append(&self.store, &[ctx.record(ctx.today, version, entry)]).await?;
        self.day(None, now).await
    }
}

#[cfg(test)]
mod tests;
