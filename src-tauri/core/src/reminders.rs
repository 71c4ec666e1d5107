//! Dose reminders: the core plans, the platform delivers.
//!
//! From the protocol, the day's events and the reminder settings, [`plan_day`] lists every
//! reminder a day holds: one per dose (none for a dose already taken or skipped, or on a skip
//! day), an optional pre-alert, optional repeats until done, a snooze, and medicine-separation
//! reminders. Each has a stable key, so the desktop loop claims it in SQLite before showing it
//! (a restart or a second window never sends it twice) and mobile derives a notification id
//! from it.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::checklist::{dose_timings, DoseTiming};
use crate::day::{parse_hhmm, DayClock};
use crate::error::Result;
use crate::log::{DayState, DoseState};
use crate::pause::{paused_at, Pause};
use crate::protocol::{fmt_mg, medicine_name, DoseSpec, ProtocolSpec};
use crate::settings::ReminderSettings;
use crate::stock::StockView;

/// What a button on a dose reminder does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderAction {
    /// Record the dose as taken, now.
    Taken,
    /// Snooze it for the settings' snooze minutes.
    Snooze,
}

/// One planned reminder.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Reminder {
    /// Stable identity: "2026-11-21/dose:1", "2026-11-21/dose:1/nag:2", ...
    pub key: String,
    pub kind: ReminderKind,
    pub day: NaiveDate,
    /// The dose it is about (for separation reminders: the medicine's index).
    pub slot: u32,
    /// The repeat number (nags), else 0.
    pub n: u32,
    /// When to show it (RFC 3339, UTC).
    pub due: DateTime<Utc>,
    /// After this it is no longer worth showing (the dose's window closed).
    pub expires: DateTime<Utc>,
    pub title: String,
    pub body: String,
}

impl Reminder {
    /// The test reminder Settings sends, shown at `now` and recorded under its own key.
    pub fn test(day: NaiveDate, now: DateTime<Utc>) -> Reminder {
        Reminder {
            key: format!("test/{}", now.to_rfc3339()),
            kind: ReminderKind::Dose,
            day,
            slot: 0,
            n: 0,
            due: now,
            expires: now,
            title: "Magday test reminder".into(),
            body: "Reminders reach you. You can close this.".into(),
        }
    }

    /// Whether the reminder can act on a dose (Taken / Snooze buttons).
    pub fn is_about_a_dose(&self) -> bool {
        !matches!(self.kind, ReminderKind::Separation | ReminderKind::Refill)
    }

    /// A notification id for platforms that want an integer (mobile), unique per key:
    /// the day, the kind, the dose and the repeat.
    pub fn notification_id(&self) -> i32 {
        let epoch = NaiveDate::from_ymd_opt(2020, 1, 1).map_or(0, |d| d.num_days_from_ce());
        let day = (self.day.num_days_from_ce() - epoch).rem_euclid(1_000_000);
        let slot = i32::try_from(self.slot.min(20)).unwrap_or(0);
        let n = i32::try_from(self.n.min(19)).unwrap_or(0);
        let within = match self.kind {
            // The medicine and its intake (at most MAX_INTAKES a day).
            ReminderKind::Separation => slot * 5 + n.min(4),
            _ => slot * 20 + n,
        };
        day * 1000 + self.kind.code() * 100 + within.min(99)
    }

    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        self.due <= now && now < self.expires
    }
}

fn units_text(units: f64) -> String {
    if (units - 1.0).abs() < f64::EPSILON {
        "1 unit".into()
    } else {
        format!("{} units", fmt_mg(units))
    }
}

/// Every reminder `day` holds, given its log so far; none while a safety pause lasts. Doses already taken or skipped, and
/// skip days, have none; nags stop at the end of the dose's window and never fall before a
/// snooze ends.
pub fn plan_day(
    day: NaiveDate,
    spec: &ProtocolSpec,
    log: &DayState,
    pauses: &[Pause],
    settings: &ReminderSettings,
    clock: &DayClock,
) -> Result<Vec<Reminder>> {
    let mut out = Vec::new();
    if !settings.enabled || log.skipped.is_some() {
        return Ok(out);
    }
    let Some(plan) = &spec.supplement else {
        return Ok(out);
    };
    let doses = spec.doses_on(day);
    let timings = dose_timings(spec, day, clock)?;
    let what = if plan.product.is_empty() {
        format!("magnesium {}", plan.form_name.to_lowercase())
    } else {
        plan.product.clone()
    };
    for (d, t) in doses.iter().zip(&timings) {
        let state = log.dose(d.slot);
        if !state.done() {
            out.extend(dose_reminders(day, d, t, &state, &what, settings));
        }
    }
    if settings.separation_reminders && !doses.is_empty() {
        let private = settings.private_text;
        out.extend(separation_reminders(day, spec, log, clock, doses, private));
    }
    // A safety pause silences every reminder that would come while it lasts.
    out.retain(|r| !paused_at(pauses, r.due));
    out.sort_by(|a, b| a.due.cmp(&b.due).then(a.key.cmp(&b.key)));
    Ok(out)
}

/// The reminders of one dose still to take: its pre-alert, the dose, its nags (never before a
/// snooze ends, none after its window) and its snooze.
fn dose_reminders(
    day: NaiveDate,
    d: &DoseSpec,
    t: &DoseTiming,
    state: &DoseState,
    what: &str,
    settings: &ReminderSettings,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    let base = dose_reminder_key(day, d.slot);
    let body = format!(
        "{} of {what} ({} mg), with food if you can.",
        units_text(d.units),
        fmt_mg(d.mg)
    );
    let mk = |kind, key: String, n: u32, due, expires, title: String, body: String| {
        let (title, body) = match settings.private_text {
            true => private::texts(kind, &d.time, settings.pre_alert_min),
            false => (title, body),
        };
        Reminder {
            key,
            kind,
            day,
            slot: d.slot,
            n,
            due,
            expires,
            title,
            body,
        }
    };
    if let Some(pre) = settings.pre_alert_min {
        let at = t.due - Duration::minutes(i64::from(pre));
        out.push(mk(
            ReminderKind::PreAlert,
            format!("{base}/pre"),
            0,
            at,
            t.due,
            format!("Dose {} in {pre} minutes ({})", d.slot, d.time),
            body.clone(),
        ));
    }
    out.push(mk(
        ReminderKind::Dose,
        base.clone(),
        0,
        t.due,
        t.window_end,
        format!("Magnesium: dose {} at {}", d.slot, d.time),
        body.clone(),
    ));
    for (n, at) in nag_times(t, state, settings) {
        out.push(mk(
            ReminderKind::Nag,
            format!("{base}/nag:{n}"),
            n,
            at,
            t.window_end,
            format!("Still to take: dose {} ({})", d.slot, d.time),
            format!("{body} Tick it when taken, or snooze."),
        ));
    }
    if let Some((event_id, until)) = state.snooze {
        let until = until.with_timezone(&Utc);
        out.push(mk(
            ReminderKind::Snooze,
            format!("{base}/snooze:{event_id}"),
            0,
            until,
            t.window_end.max(until + Duration::minutes(10)),
            format!("Snoozed: dose {} ({})", d.slot, d.time),
            body.clone(),
        ));
    }
    out
}

/// When a dose's nags come (their number and time): every `nag_every_min` after the dose, at
/// most `nag_max`, none at or after its window's end, none before a snooze ends.
fn nag_times(
    t: &DoseTiming,
    state: &DoseState,
    settings: &ReminderSettings,
) -> Vec<(u32, DateTime<Utc>)> {
    let Some(every) = settings.nag_every_min else {
        return vec![];
    };
    let snooze_until = state.snooze.map(|(_, until)| until.with_timezone(&Utc));
    (1..=settings.nag_max)
        .map(|n| {
            (
                n,
                t.due + Duration::minutes(i64::from(every) * i64::from(n)),
            )
        })
        .take_while(|(_, at)| *at < t.window_end)
        .filter(|(_, at)| snooze_until.is_none_or(|s| *at > s))
        .collect()
}

/// A reminder at each intake of each medicine to keep apart from magnesium, with the day's dose
/// times (a dose at the time it was taken once ticked: its window is measured from then).
fn separation_reminders(
    day: NaiveDate,
    spec: &ProtocolSpec,
    log: &DayState,
    clock: &DayClock,
    doses: &[DoseSpec],
    private: bool,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    // Each dose at the time it was taken once ticked (its window is measured from then).
    let times: Vec<String> = doses
        .iter()
        .map(|d| match log.dose(d.slot).taken {
            Some(at) => format!(
                "{} (taken)",
                crate::day::fmt_hhmm(at.with_timezone(&clock.tz).time())
            ),
            None => d.time.clone(),
        })
        .collect();
    for (i, m) in spec.safety.medicines.iter().enumerate() {
        let Some(sep) = m.separation(spec.safety.wider_windows) else {
            continue;
        };
        // Each intake of the day gets its reminder: the first keeps the key "med:i".
        for (j, time) in m.times().enumerate() {
            let Ok(t) = parse_hhmm(time, "time") else {
                continue;
            };
            let at = clock.instant(day, t);
            out.push(Reminder {
                key: match j {
                    0 => format!("{day}/med:{i}"),
                    _ => format!("{day}/med:{i}/{j}"),
                },
                kind: ReminderKind::Separation,
                day,
                slot: u32::try_from(i).unwrap_or(0),
                n: u32::try_from(j).unwrap_or(0),
                due: at,
                expires: at + Duration::minutes(60),
                title: match private {
                    true => private::title(ReminderKind::Separation, time, None),
                    false => format!("Time for {}", medicine_name(m)),
                },
                body: match private {
                    true => private::body(ReminderKind::Separation).to_string(),
                    false => format!("{} Magnesium today: {}.", sep.rule(), times.join(", ")),
                },
            });
        }
    }
    out
}

/// The refill reminder of `day`, when the supply is low (see [`crate::stock`]): once, with the
/// day's first dose (`first_due`), until the day ends; none while a safety pause lasts. With
/// `private` text it names no product and no amount.
pub fn refill_reminder(
    day: NaiveDate,
    stock: &StockView,
    spec: &ProtocolSpec,
    (first_due, day_end): (DateTime<Utc>, DateTime<Utc>),
    pauses: &[Pause],
    private: bool,
) -> Option<Reminder> {
    if !stock.low || paused_at(pauses, first_due) {
        return None;
    }
    let product = spec
        .supplement
        .as_ref()
        .map(|p| {
            if p.product.is_empty() {
                format!("magnesium {}", p.form_name.to_lowercase())
            } else {
                p.product.clone()
            }
        })
        .unwrap_or_else(|| "your magnesium".into());
    let days = match stock.days_left {
        0 => "none of today's doses".to_string(),
        1 => "today only".to_string(),
        n => format!("{n} days"),
    };
    let (title, body) = match private {
        true => (
            private::title(ReminderKind::Refill, "", None),
            private::body(ReminderKind::Refill).to_string(),
        ),
        false => (
            "Time to refill your magnesium".to_string(),
            format!(
                "{} {} of {product} left: enough for {days}.",
                fmt_mg(stock.on_hand),
                stock.unit.key()
            ),
        ),
    };
    Some(Reminder {
        key: format!("{day}/refill"),
        kind: ReminderKind::Refill,
        day,
        slot: 0,
        n: 0,
        due: first_due,
        expires: day_end,
        title,
        body,
    })
}

/// Rolling window of one-off notifications for mobile: at most this many pending at once
/// (iOS keeps 64; room is left for others).
pub const MOBILE_WINDOW: usize = 60;

pub mod delivery;
mod keys;
mod kind;
pub mod private;

pub use kind::ReminderKind;

pub use keys::{dose_of_key, dose_reminder_key};

#[cfg(test)]
mod tests;

/// Of the reminders due at one moment, the ones to show, and the ones to claim without showing.
///
/// **Catch-up** (issue 24): when Magday was not running (a reboot, a log-out, a crash) or the
/// machine slept, several reminders of one dose may be due at once: its pre-alert, the dose
/// itself, repeats, a snooze's end. The user gets **one** notification per dose: the dose's own
/// reminder while it was never shown (so the delivery check counts it, late), else the latest of
/// the others; the rest are superseded (claimed, never shown, so no later start sends them
/// either). A reminder shown more than [`delivery::ON_TIME_SECS`] after its time says that the
/// dose "is still open". Separation and refill reminders are collapsed per medicine and per day
/// the same way. Reminders whose window closed are never due (see [`Reminder::is_due`]): a dose
/// missed while Magday was not running gets no notification and shows as missed on Today.
pub fn catch_up(due: Vec<Reminder>, now: DateTime<Utc>) -> (Vec<Reminder>, Vec<Reminder>) {
    let group = |r: &Reminder| -> (NaiveDate, u8, u32) {
        let family = match r.kind {
            ReminderKind::Dose
            | ReminderKind::PreAlert
            | ReminderKind::Nag
            | ReminderKind::Snooze => 0,
            ReminderKind::Separation => 1,
            ReminderKind::Refill => 2,
        };
        (r.day, family, r.slot)
    };
    let mut groups: std::collections::BTreeMap<(NaiveDate, u8, u32), Vec<Reminder>> =
        std::collections::BTreeMap::new();
    for r in due {
        groups.entry(group(&r)).or_default().push(r);
    }
    let (mut show, mut superseded) = (Vec::new(), Vec::new());
    for (_, mut rs) in groups {
        // The dose's own reminder first, else the latest due; ties keep the plan's order.
        rs.sort_by_key(|r| (r.kind != ReminderKind::Dose, std::cmp::Reverse(r.due)));
        let mut rs = rs.into_iter();
        if let Some(mut first) = rs.next() {
            if first.kind == ReminderKind::Dose
                && (now - first.due).num_seconds() > delivery::ON_TIME_SECS
            {
                first.title = private::still_open(&first.title);
            }
            show.push(first);
        }
        superseded.extend(rs);
    }
    show.sort_by_key(|r| r.due);
    (show, superseded)
}
