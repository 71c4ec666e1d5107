//! A day's state: the replay of one day's entries, in the order recorded, into where each dose
//! and item stands ([`DayState`]). Every domain module reads a day through it.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::entry::{
    BreathingSession, Entry, FoodLog, MovementKind, NoteOn, Record, Symptom, BREATHING, MOVEMENT,
};

/// Where one dose stands after a day's entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DoseState {
    /// When it was taken, if it is.
    pub taken: Option<DateTime<FixedOffset>>,
    pub skipped: bool,
    /// The snooze in force: the entry's id and when it ends.
    pub snooze: Option<(i64, DateTime<FixedOffset>)>,
    pub note: Option<String>,
}

impl DoseState {
    /// Taken or skipped: nothing left to remind.
    pub fn done(&self) -> bool {
        self.taken.is_some() || self.skipped
    }
}

/// Where one checklist item stands after a day's entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemState {
    pub done: bool,
    /// The sum of its counts (may dip below zero only in a damaged log; shown as zero).
    pub count: i64,
    pub note: Option<String>,
    /// Minutes recorded on it (breathing sessions, movement); an untick withdraws them.
    pub minutes: u32,
}

/// One food or water entry still standing (not removed).
#[derive(Debug, Clone, PartialEq)]
pub struct FoodRecord {
    /// The entry's row in this database: what the Food screen names to remove it.
    pub id: i64,
    /// The entry's global id: what a removal records.
    pub gid: String,
    pub day: NaiveDate,
    pub at: DateTime<FixedOffset>,
    pub food: FoodLog,
}

/// A day's state: the replay of its entries in the order recorded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayState {
    /// `Some(reason)` on a skip day (the reason may be empty).
    pub skipped: Option<String>,
    pub day_note: Option<String>,
    pub doses: BTreeMap<u32, DoseState>,
    pub items: BTreeMap<String, ItemState>,
    /// Food and water logged and not removed, in the order logged.
    pub food: Vec<FoodRecord>,
    /// Each symptom's last rating.
    pub ratings: BTreeMap<Symptom, u8>,
    /// The last answer about urgent signs, if a check-in gave one.
    pub urgent: Option<Vec<String>>,
    /// When that answer was recorded.
    pub urgent_at: Option<DateTime<FixedOffset>>,
    /// The last check-in note.
    pub check_in_note: Option<String>,
    /// True when a symptom was rated.
    pub checked_in: bool,
    /// Breathing sessions standing (an untick of the item withdraws them).
    pub breathing: Vec<BreathingSession>,
    /// Movement recorded and standing: kind and minutes.
    pub movement: Vec<(MovementKind, u32)>,
}

fn note(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

impl DayState {
    /// Replay entries (one day's, in the order recorded) into the day's state.
    pub fn replay<'a>(records: impl IntoIterator<Item = &'a Record>) -> DayState {
        let mut s = DayState::default();
        let mut removed = Vec::new();
        for r in records {
            match &r.entry {
                Entry::DoseTaken { .. }
                | Entry::DoseSkipped { .. }
                | Entry::DoseUndone { .. }
                | Entry::DoseSnoozed { .. } => s.on_dose(r),
                Entry::ItemDone { .. }
                | Entry::ItemUndone { .. }
                | Entry::Breathed(_)
                | Entry::Moved { .. }
                | Entry::Counted { .. } => s.on_item(&r.entry),
                Entry::Note { on, text } => match on {
                    NoteOn::Dose(slot) => s.doses.entry(*slot).or_default().note = note(text),
                    NoteOn::Item(key) => s.items.entry(key.clone()).or_default().note = note(text),
                    NoteOn::Day => s.day_note = note(text),
                    NoteOn::CheckIn => s.check_in_note = note(text),
                },
                Entry::DaySkipped { reason } => s.skipped = Some(reason.trim().to_string()),
                Entry::DayUnskipped => s.skipped = None,
                Entry::FoodLogged(food) => s.food.push(FoodRecord {
                    id: r.id,
                    gid: r.gid.clone(),
                    day: r.day,
                    at: r.at,
                    food: food.clone(),
                }),
                Entry::FoodRemoved { entry } => removed.push(entry.clone()),
                Entry::Rated { symptom, value } => {
                    s.ratings.insert(*symptom, *value);
                    s.checked_in = true;
                }
                Entry::UrgentAnswer { signs } => {
                    s.urgent = Some(signs.clone());
                    s.urgent_at = Some(r.at);
                }
                // Pauses and the supply span days: [`crate::pause`] and [`crate::stock`] read
                // them across the log.
                Entry::SafetyPaused { .. }
                | Entry::SafetyResumed
                | Entry::StockCounted { .. }
                | Entry::Refilled { .. }
                | Entry::Unknown => {}
            }
        }
        s.food.retain(|f| !removed.contains(&f.gid));
        s
    }

    /// A dose taken, skipped, undone or snoozed.
    fn on_dose(&mut self, r: &Record) {
        let s = self;
        match &r.entry {
            Entry::DoseTaken { slot, at } => {
                let d = s.doses.entry(*slot).or_default();
                d.taken = Some(at.unwrap_or(r.at));
                d.skipped = false;
            }
            Entry::DoseSkipped { slot } => {
                let d = s.doses.entry(*slot).or_default();
                d.taken = None;
                d.skipped = true;
            }
            Entry::DoseUndone { slot } => {
                let d = s.doses.entry(*slot).or_default();
                d.taken = None;
                d.skipped = false;
                d.snooze = None;
            }
            Entry::DoseSnoozed { slot, until } => {
                s.doses.entry(*slot).or_default().snooze = Some((r.id, *until));
            }
            _ => {}
        }
    }

    /// An item ticked, unticked or counted, or minutes of a practice.
    fn on_item(&mut self, entry: &Entry) {
        let s = self;
        match entry {
            Entry::ItemDone { key } => s.items.entry(key.clone()).or_default().done = true,
            Entry::ItemUndone { key } => {
                let item = s.items.entry(key.clone()).or_default();
                item.done = false;
                item.minutes = 0;
                match key.as_str() {
                    BREATHING => s.breathing.clear(),
                    MOVEMENT => s.movement.clear(),
                    _ => {}
                }
            }
            Entry::Breathed(session) => {
                let item = s.items.entry(BREATHING.into()).or_default();
                item.done = true;
                item.minutes += session.minutes;
                s.breathing.push(session.clone());
            }
            Entry::Moved { kind, minutes } => {
                let item = s.items.entry(MOVEMENT.into()).or_default();
                item.done = true;
                item.minutes += minutes;
                s.movement.push((*kind, *minutes));
            }
            Entry::Counted { key, delta } => {
                s.items.entry(key.clone()).or_default().count += delta;
            }
            _ => {}
        }
    }

    /// Food and water magnesium logged, mg.
    pub fn food_mg(&self) -> f64 {
        self.food.iter().map(|f| f.food.mg).sum()
    }

    /// Dose `slot`'s state (waiting when nothing was recorded).
    pub fn dose(&self, slot: u32) -> DoseState {
        self.doses.get(&slot).cloned().unwrap_or_default()
    }

    /// Item `key`'s state.
    pub fn item(&self, key: &str) -> ItemState {
        self.items.get(key).cloned().unwrap_or_default()
    }
}

/// Replay only the entries recorded before `t`: what the log said then.
pub fn state_before(records: &[Record], t: DateTime<Utc>) -> DayState {
    DayState::replay(records.iter().filter(|r| r.at.with_timezone(&Utc) < t))
}

/// Group records by day (each day's in the order recorded).
pub fn by_day(records: &[Record]) -> BTreeMap<NaiveDate, Vec<&Record>> {
    let mut out: BTreeMap<NaiveDate, Vec<&Record>> = BTreeMap::new();
    for r in records {
        out.entry(r.day).or_default().push(r);
    }
    out
}
