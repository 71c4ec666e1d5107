//! The tray menu as a small widget: today's doses with their state, the next dose, the supply
//! when it runs low, Open and Quit, and the tooltip. Built from today's [`DayView`] alone (no
//! I/O): the shell only turns these items into menu entries and sends a "Mark taken" back to
//! the same tap as the checklist's.
//!
//! "Mark taken" is offered for a dose whose time has come and that is not recorded: due, or
//! missed (the checklist records a missed dose taken late, as its own circle does). A dose still
//! upcoming is not offered (the tray is no place to log a dose ahead of its time), nor any dose
//! while a safety pause is in force (the tap would be refused: see [`crate::pause::check_take`]).

use serde::Serialize;

use crate::checklist::{DoseStatus, DoseView};
use crate::today::DayView;

/// What choosing a tray item does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TrayAction {
    /// A line to read: nothing happens (shown disabled).
    Info,
    /// Record dose `slot` as taken now, as the checklist's tap does.
    MarkTaken { slot: u32 },
    /// Show the window.
    Open,
    /// Quit the app (reminders stop).
    Quit,
    /// Lock the app now (offered while the app lock is on and open).
    Lock,
}

/// One entry of the tray menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrayItem {
    /// The menu id; [`action_of`] reads the action back from it.
    pub id: String,
    pub label: String,
    pub action: TrayAction,
}

/// The whole tray: its menu and its tooltip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrayView {
    pub items: Vec<TrayItem>,
    pub tooltip: String,
}

/// The menu id of "Open Magday".
pub const OPEN: &str = "open";
/// The menu id of "Quit".
pub const QUIT: &str = "quit";
/// The menu id of "Lock Magday now".
pub const LOCK: &str = "lock";
const TAKE: &str = "take:";

/// What the menu item with `id` does.
pub fn action_of(id: &str) -> TrayAction {
    match id {
        OPEN => TrayAction::Open,
        QUIT => TrayAction::Quit,
        LOCK => TrayAction::Lock,
        _ => match id.strip_prefix(TAKE).and_then(|s| s.parse().ok()) {
            Some(slot) => TrayAction::MarkTaken { slot },
            None => TrayAction::Info,
        },
    }
}

fn info(id: &str, label: String) -> TrayItem {
    TrayItem {
        id: id.to_string(),
        label,
        action: TrayAction::Info,
    }
}

/// A dose's line: "Dose 1 · 08:00 · taken", "Dose 2 · 20:00 · Mark taken".
fn dose_item(d: &DoseView, paused: bool) -> TrayItem {
    let take = !paused && matches!(d.status, DoseStatus::Due | DoseStatus::Missed);
    let state = match d.status {
        DoseStatus::Taken if d.late => "taken late",
        DoseStatus::Taken => "taken",
        DoseStatus::Due if take => "Mark taken",
        DoseStatus::Missed if take => "missed · Mark taken (late)",
        DoseStatus::Due => "due",
        DoseStatus::Missed => "missed",
        DoseStatus::Upcoming => "upcoming",
        DoseStatus::Skipped => "skipped",
        DoseStatus::Paused => "paused",
        DoseStatus::BeforeStart => "before start",
    };
    let label = format!("Dose {} · {} · {state}", d.slot, d.time);
    if take {
        TrayItem {
            id: format!("{TAKE}{}", d.slot),
            label,
            action: TrayAction::MarkTaken { slot: d.slot },
        }
    } else {
        info(&format!("dose:{}", d.slot), label)
    }
}

/// The next dose, as the tooltip and the menu say it ("20:00", "tomorrow 08:00").
fn next_dose(view: &DayView) -> Option<String> {
    let next = view.next_dose.as_ref()?;
    Some(if next.day == view.today {
        format!("dose {} at {}", next.slot, next.time)
    } else if next.day == view.today.succ_opt().unwrap_or(view.today) {
        format!("dose {} tomorrow at {}", next.slot, next.time)
    } else {
        format!(
            "dose {} on {} at {}",
            next.slot,
            next.day.format("%-d %B"),
            next.time
        )
    })
}

/// `view` with "Lock Magday now" above Open (the shell adds it while its app lock is on and
/// open).
pub fn with_lock_item(mut view: TrayView) -> TrayView {
    let at = view
        .items
        .iter()
        .position(|i| i.id == OPEN)
        .unwrap_or(view.items.len());
    view.items.insert(
        at,
        TrayItem {
            id: LOCK.into(),
            label: "Lock Magday now".into(),
            action: TrayAction::Lock,
        },
    );
    view
}

/// Open and Quit alone, for when today cannot be read.
pub fn fallback() -> TrayView {
    TrayView {
        items: vec![open_item(), quit_item()],
        tooltip: "Magday".into(),
    }
}

fn open_item() -> TrayItem {
    TrayItem {
        id: OPEN.into(),
        label: "Open Magday".into(),
        action: TrayAction::Open,
    }
}

fn quit_item() -> TrayItem {
    TrayItem {
        id: QUIT.into(),
        label: "Quit Magday (reminders stop)".into(),
        action: TrayAction::Quit,
    }
}

/// The tray for today's view (a view of another day gives the same lines for that day).
pub fn view(day: &DayView) -> TrayView {
    let paused = day.safety_pause.is_some();
    let mut items = Vec::new();
    if !day.has_protocol {
        items.push(info(
            "setup",
            "No protocol yet: open Magday to set one up".into(),
        ));
    }
    if paused {
        items.push(info(
            "paused",
            "Reminders are paused for safety: open Magday".into(),
        ));
    } else if day.checklist.skipped {
        items.push(info("skip_day", "Today is a skip day".into()));
    }
    if day.plan_held.is_some() {
        items.push(info(
            "held",
            "Doses held: review your plan in Magday".into(),
        ));
    }
    items.extend(day.checklist.doses.iter().map(|d| dose_item(d, paused)));
    let next = next_dose(day);
    if let Some(next) = &next {
        items.push(info("next", format!("Next: {next}")));
    } else if day.has_protocol && !paused && !day.checklist.doses.is_empty() {
        items.push(info("next", "No more doses planned".into()));
    }
    if let Some(stock) = day.stock.as_ref().filter(|s| s.low || s.short) {
        let label = if stock.short {
            "Supply: count it again".to_string()
        } else {
            match stock.days_left {
                0 => "Supply: runs out today".to_string(),
                1 => "Supply: 1 day left".to_string(),
                n => format!("Supply: {n} days left"),
            }
        };
        items.push(info("stock", label));
    }
    items.push(open_item());
    items.push(quit_item());
    let tooltip = match (paused, &next) {
        (true, _) => "Magday: reminders are paused for safety".to_string(),
        (false, Some(next)) => format!("Magday: next {next}"),
        (false, None) if day.has_protocol => "Magday: no dose planned".to_string(),
        (false, None) => "Magday: no protocol yet".to_string(),
    };
    TrayView { items, tooltip }
}

#[cfg(test)]
mod tests;
