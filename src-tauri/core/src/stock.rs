//! The product's supply: units on hand (capsules, tablets, scoops of powder...), counted down by
//! every dose taken and given back by an undo or a skip, topped up by a refill; how many days it
//! lasts at the plan in force, across planned protocol changes; a warning (and a reminder)
//! when fewer than the user's N days remain; and whether it ran out during the course.
//!
//! **The ledger** ([`ledger`]) replays the log from the day of the last count: the count sets the
//! units on hand, a refill adds to what is on hand (never to a shortfall), and each dose that
//! becomes taken takes its units (those of the version governing its day), each taken dose that
//! is undone or skipped gives them back. The balance may go below zero when more was taken than
//! was counted; it is shown as zero, and an undo then restores exactly what the dose took.
//!
//! **Days left** ([`forecast`]) counts the days, from today, whose doses the units on hand cover
//! in full: today's doses still to come first, then each later day's doses at the version
//! governing that day, until the course ends.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::log::{Entry, Record};
// The entries and payloads this module folds are the log's vocabulary.
pub use crate::log::{StockUnit, STOCK};

/// Warn when fewer than this many days remain, by default (the user can change it).
pub const DEFAULT_WARN_DAYS: u32 = 7;
/// The most units one count or refill may record.
pub const MAX_UNITS: f64 = 10_000.0;
const EPS: f64 = 1e-9;

/// Count what is on hand, or add a refill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StockAction {
    /// "I have N now": sets the units on hand.
    Count,
    /// "I bought N more": adds to them.
    Refill,
}

/// A count or a refill as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StockInput {
    pub action: StockAction,
    pub units: f64,
    /// What the product comes in (a count names it; a refill keeps the counted one).
    pub unit: Option<StockUnit>,
}

/// The entry a count or refill appends; refused when the number is out of range or a refill
/// comes before any count.
pub fn entry(input: &StockInput, counted: bool) -> Result<Entry> {
    let u = input.units;
    let min = match input.action {
        StockAction::Count => 0.0,
        StockAction::Refill => 0.01,
    };
    if !u.is_finite() || u < min || u > MAX_UNITS {
        return Err(CoreError::invalid(
            "out_of_range",
            "units",
            "Enter a number of units from 0 to 10,000 (a refill adds at least a part of one).",
        ));
    }
    let units = (u * 100.0).round() / 100.0;
    match input.action {
        StockAction::Count => Ok(Entry::StockCounted {
            units,
            unit: input.unit.unwrap_or_default(),
        }),
        StockAction::Refill if !counted => Err(CoreError::refused(
            "no_stock_count",
            "Count what you have first; a refill then adds to it.",
        )),
        StockAction::Refill => Ok(Entry::Refilled { units }),
    }
}

/// The last count in these entries (the stock item's, oldest first): its record.
pub fn last_count(stock: &[Record]) -> Option<&Record> {
    stock
        .iter()
        .rev()
        .find(|r| matches!(r.entry, Entry::StockCounted { .. }))
}

/// The supply's history since the last count.
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    pub unit: StockUnit,
    pub counted_on: NaiveDate,
    /// Units on hand; below zero when more was taken than counted.
    pub balance: f64,
    /// The first day that ended with nothing left.
    pub ran_out_on: Option<NaiveDate>,
    /// Days a refill was added.
    pub refills: Vec<NaiveDate>,
}

/// Replay `records` (every entry from the day of the last count on, by day and in the order
/// recorded) into the supply, as of `today`; `units(day, slot)` is the units dose `slot` takes
/// on `day` (0 when the day has no such dose). `None` without a count.
pub fn ledger(
    records: &[Record],
    today: NaiveDate,
    units: impl Fn(NaiveDate, u32) -> f64,
) -> Option<Ledger> {
    let count = last_count(records)?;
    let Entry::StockCounted { unit, .. } = count.entry else {
        return None;
    };
    let mut l = Ledger {
        unit,
        counted_on: count.day,
        balance: 0.0,
        ran_out_on: None,
        refills: vec![],
    };
    let mut counting = false;
    let mut taken: std::collections::HashSet<(NaiveDate, u32)> = Default::default();
    let mut day = count.day;
    for r in records {
        if r.day != day {
            if counting && l.balance <= EPS && l.ran_out_on.is_none() {
                l.ran_out_on = Some(day);
            }
            day = r.day;
        }
        let change = match &r.entry {
            Entry::StockCounted { units, .. } if r.id == count.id => {
                counting = true;
                l.balance = *units;
                0.0
            }
            Entry::Refilled { units } if counting => {
                l.balance = l.balance.max(0.0);
                l.refills.push(r.day);
                *units
            }
            Entry::DoseTaken { slot, .. } if taken.insert((r.day, *slot)) => -units(r.day, *slot),
            Entry::DoseSkipped { slot } | Entry::DoseUndone { slot }
                if taken.remove(&(r.day, *slot)) =>
            {
                units(r.day, *slot)
            }
            _ => 0.0,
        };
        if counting {
            l.balance += change;
        }
    }
    if counting && day < today && l.balance <= EPS && l.ran_out_on.is_none() {
        l.ran_out_on = Some(day);
    }
    Some(l)
}

/// How long the supply lasts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Forecast {
    /// Days from today whose doses are covered in full.
    pub days_left: u32,
    /// The first day not covered; `None` when the supply lasts to the end of the course.
    pub runs_out_on: Option<NaiveDate>,
}

/// Count the days covered from `today`: `today_units` still to take today, then
/// `daily(day)` for each later day up to `course_end`.
pub fn forecast(
    on_hand: f64,
    today: NaiveDate,
    today_units: f64,
    course_end: NaiveDate,
    daily: impl Fn(NaiveDate) -> f64,
) -> Forecast {
    let mut left = on_hand.max(0.0);
    let mut days = 0;
    let mut day = today;
    while day <= course_end {
        let need = if day == today {
            today_units
        } else {
            daily(day)
        };
        if need > left + EPS {
            return Forecast {
                days_left: days,
                runs_out_on: Some(day),
            };
        }
        left -= need;
        days += 1;
        day += Duration::days(1);
    }
    Forecast {
        days_left: days,
        runs_out_on: None,
    }
}

/// The supply as Today and the Protocol screen show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StockView {
    pub unit: StockUnit,
    /// Units on hand (never below zero).
    pub on_hand: f64,
    /// More was taken than was counted: count again.
    pub short: bool,
    /// Units a day at the plan in force today.
    pub per_day: f64,
    /// Days from today whose doses are covered in full.
    pub days_left: u32,
    /// The first day not covered; `None` when the supply lasts the course.
    pub runs_out_on: Option<NaiveDate>,
    /// Fewer than `warn_days` days remain before the supply runs out during the course.
    pub low: bool,
    pub warn_days: u32,
    pub counted_on: NaiveDate,
    /// The first day that ended with nothing left, if one did.
    pub ran_out_on: Option<NaiveDate>,
    /// What is on hand and how long it lasts, in words: "42 capsules left: enough for 21
    /// days", "...for the rest of the course", "Capsules: none left".
    pub line: String,
    /// The units a day in words: "2 capsules", "1.5 scoops".
    pub per_day_text: String,
}

impl StockUnit {
    /// `n` of this unit in words: "1 capsule", "42 capsules", "1.5 scoops" (two decimals at
    /// most, as entered).
    pub fn count(self, n: f64) -> String {
        let word = self.key();
        let amount = (n * 100.0).round() / 100.0;
        if amount == 1.0 {
            let one = match self {
                StockUnit::Gummies => "gummy",
                _ => word.trim_end_matches('s'),
            };
            format!("1 {one}")
        } else {
            format!("{amount} {word}")
        }
    }
}

/// "1 day", "21 days".
fn days(n: u32) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// The supply line of [`StockView::line`].
fn line(unit: StockUnit, on_hand: f64, f: &Forecast) -> String {
    if on_hand <= 0.0 {
        let word = unit.key();
        return format!("{}{}: none left", word[..1].to_uppercase(), &word[1..]);
    }
    let left = format!("{} left", unit.count(on_hand));
    match (f.runs_out_on, f.days_left) {
        (None, _) => format!("{left}: enough for the rest of the course"),
        (Some(_), 0) => format!("{left}: not enough for today's remaining doses"),
        (Some(_), n) => format!("{left}: enough for {}", days(n)),
    }
}

/// The view from a ledger and a forecast.
pub fn view(l: &Ledger, f: Forecast, per_day: f64, warn_days: u32) -> StockView {
    let on_hand = (l.balance.max(0.0) * 100.0).round() / 100.0;
    StockView {
        unit: l.unit,
        line: line(l.unit, on_hand, &f),
        per_day_text: l.unit.count(per_day),
        on_hand,
        short: l.balance < -EPS,
        per_day,
        days_left: f.days_left,
        runs_out_on: f.runs_out_on,
        low: f.runs_out_on.is_some() && f.days_left < warn_days,
        warn_days,
        counted_on: l.counted_on,
        ran_out_on: l.ran_out_on,
    }
}

#[cfg(test)]
mod tests;
