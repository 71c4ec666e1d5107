//! The safety pause (reference §7): a check-in that reports a sign of too much magnesium (low
//! blood pressure, nausea and vomiting, flushing, urine retention, no bowel movement, lethargy,
//! muscle weakness, trouble breathing, irregular heartbeat, confusion ...) stops the plan, not
//! only the day's advice. From that moment until the user confirms that a clinician has cleared
//! them:
//! - no dose reminder, pre-alert, repeat or snooze reminder is planned, on any platform (the
//!   desktop loop finds none due; a phone's schedule is replaced by an empty one);
//! - doses that come due show as paused, never as due or missed, and do not count against
//!   adherence, the score or the delivery check;
//! - Today shows why, what to do, and how to resume.
//!
//! A later check-in without signs does not lift it (it lifts only that day's "seek care"
//! advice): only [`Entry::SafetyResumed`], which the user gives by confirming that a clinician
//! has cleared them, does. Both are entries in the log and both appear in the clinician report.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::facts::{Source, SRC_TOXICITY};
use crate::log::{Entry, Record};

/// One safety pause: when it began, on which day, the signs reported, and when it ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Pause {
    pub since: DateTime<FixedOffset>,
    pub day: NaiveDate,
    pub signs: Vec<String>,
    /// When the user confirmed a clinician's clearance; `None` while it lasts.
    pub until: Option<DateTime<FixedOffset>>,
    /// Carried into this record from the one it replaced (see [`carry`]).
    pub carried: bool,
}

/// An open pause as the shell keeps it beside the record (a small file), so that a record put
/// in place of this one (a backup restored over it, a fresh start after a damaged file) can
/// carry it forward instead of silently dropping it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenPause {
    pub since: DateTime<FixedOffset>,
    pub day: NaiveDate,
    pub signs: Vec<String>,
}

impl From<&Pause> for OpenPause {
    fn from(p: &Pause) -> Self {
        OpenPause {
            since: p.since,
            day: p.day,
            signs: p.signs.clone(),
        }
    }
}

/// Whether `kept` (the open pause of the record that was replaced) must be carried into a record
/// whose pauses are `pauses`: it must, unless that record has a pause open now or a clearance
/// given after `kept` began (then it knows more than the note does).
pub fn carry(kept: &OpenPause, pauses: &[Pause]) -> bool {
    let since = kept.since.with_timezone(&Utc);
    let cleared_after = pauses
        .iter()
        .filter_map(|p| p.until)
        .any(|u| u.with_timezone(&Utc) >= since);
    current(pauses).is_none() && !cleared_after
}

impl Pause {
    /// Whether the pause was in force at `t`.
    pub fn covers(&self, t: DateTime<Utc>) -> bool {
        self.since.with_timezone(&Utc) <= t && self.until.is_none_or(|u| t < u.with_timezone(&Utc))
    }
}

/// The pauses in these safety entries (oldest first). A pause while one is in force, or a
/// resumption while none is, changes nothing.
///
/// A pause is a fact about time: the entries are folded in the order of the instants they were
/// recorded at, whatever day they are filed under. (A check-in filled in for yesterday at 19:00
/// pauses from 19:00 today, after a clearance given at 18:00; in the log's day order it would
/// sort before that clearance and be closed by it.)
pub fn pauses(records: &[Record]) -> Vec<Pause> {
    let mut by_instant: Vec<&Record> = records.iter().collect();
    by_instant.sort_by_key(|r| r.at.with_timezone(&Utc));
    let mut out: Vec<Pause> = Vec::new();
    for r in by_instant {
        let open = out.last().is_some_and(|p| p.until.is_none());
        match &r.entry {
            Entry::SafetyPaused { signs, carried } if !open => out.push(Pause {
                since: r.at,
                day: r.day,
                signs: signs.clone(),
                until: None,
                carried: *carried,
            }),
            Entry::SafetyResumed if open => {
                if let Some(p) = out.last_mut() {
                    p.until = Some(r.at);
                }
            }
            _ => {}
        }
    }
    out
}

/// The pauses that overlap the days `first..=last` (for a report).
pub fn overlapping(pauses: &[Pause], first: NaiveDate, last: NaiveDate) -> Vec<Pause> {
    pauses
        .iter()
        .filter(|p| p.day <= last && p.until.is_none_or(|u| u.date_naive() >= first))
        .cloned()
        .collect()
}

/// The pause in force now, if any.
pub fn current(pauses: &[Pause]) -> Option<&Pause> {
    pauses.last().filter(|p| p.until.is_none())
}

/// Whether any of `pauses` covers `t`.
pub fn paused_at(pauses: &[Pause], t: DateTime<Utc>) -> bool {
    pauses.iter().any(|p| p.covers(t))
}

/// Whether a dose due at `due`, whose window closes at `window_end`, is paused: it came due
/// during a pause, or it was still open (due, not yet taken) when a pause began.
pub fn dose_paused(pauses: &[Pause], due: DateTime<Utc>, window_end: DateTime<Utc>) -> bool {
    pauses.iter().any(|p| {
        let since = p.since.with_timezone(&Utc);
        p.covers(due) || (due <= since && since < window_end)
    })
}

/// Taking a dose is refused while a pause is in force: only the user's confirmation of a
/// clinician's clearance ([`resume`]) ends it. Nothing is recorded.
pub fn check_take(current: Option<&Pause>) -> Result<()> {
    match current {
        Some(p) => Err(CoreError::refused(
            "paused",
            format!(
                "Your plan is paused since {} because you reported {}. Do not take magnesium until a clinician has cleared you; then confirm it on Today to resume.",
                p.since.format("%-d %B, %H:%M"),
                p.signs.join(", ")
            ),
        )),
        None => Ok(()),
    }
}

/// The pause as Today shows it: why, and what to do.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PauseView {
    /// When it began (RFC 3339, local offset).
    pub since: String,
    pub day: NaiveDate,
    pub signs: Vec<String>,
    pub message: String,
    pub source: Source,
}

/// What Today says about a pause.
pub fn view(p: &Pause) -> PauseView {
    PauseView {
        since: p.since.to_rfc3339(),
        day: p.day,
        signs: p.signs.clone(),
        message: format!(
            "Magnesium is paused: on {} you reported {}, which can be signs of too much magnesium. \
             Do not take magnesium, and seek medical care now; if it feels severe, call emergency \
             services. No dose reminders come until you confirm that a clinician has cleared you \
             to continue.",
            p.day.format("%-d %B"),
            p.signs.join(", ")
        ) + if p.carried {
            " This pause was open before the record was restored or started anew, so it was carried over."
        } else {
            ""
        },
        source: SRC_TOXICITY,
    }
}

/// Input for `resume_after_pause`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResumeInput {
    /// The user confirms that a clinician has cleared them to continue.
    pub cleared_by_clinician: bool,
}

/// The entry that ends the pause in force, or why it cannot end.
pub fn resume(current: Option<&Pause>, input: &ResumeInput) -> Result<Entry> {
    if current.is_none() {
        return Err(CoreError::refused(
            "not_paused",
            "Magnesium is not paused: there is nothing to resume.",
        ));
    }
    if !input.cleared_by_clinician {
        return Err(CoreError::invalid(
            "clearance_required",
            "cleared_by_clinician",
            "Resume only once a clinician has cleared you to continue: confirm that they have.",
        ));
    }
    Ok(Entry::SafetyResumed)
}

/// The entry that begins a pause for a check-in reporting `signs`, unless one is in force.
pub fn begin(current: Option<&Pause>, signs: &[String]) -> Option<Entry> {
    (current.is_none() && !signs.is_empty()).then(|| Entry::SafetyPaused {
        signs: signs.to_vec(),
        carried: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2026, 11, d, h, 0, 0)
            .unwrap()
    }

    fn rec(id: i64, d: u32, h: u32, entry: Entry) -> Record {
        Record {
            id,
            gid: format!("test:{id}"),
            day: NaiveDate::from_ymd_opt(2026, 11, d).unwrap(),
            at: at(d, h),
            protocol_version: Some(1),
            entry,
        }
    }

    fn paused(signs: &[&str]) -> Entry {
        Entry::SafetyPaused {
            signs: signs.iter().map(|s| s.to_string()).collect(),
            carried: false,
        }
    }

    #[test]
    fn a_pause_lasts_until_resumed_across_days() {
        let log = vec![
            rec(1, 3, 9, paused(&["Confusion"])),
            // A second report while paused starts nothing new.
            rec(2, 4, 9, paused(&["Nausea"])),
            rec(3, 6, 12, Entry::SafetyResumed),
            // A resumption with no pause changes nothing.
            rec(4, 7, 12, Entry::SafetyResumed),
            rec(5, 9, 8, paused(&["Muscle weakness"])),
        ];
        let ps = pauses(&log);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].signs, ["Confusion"]);
        assert_eq!(ps[0].until, Some(at(6, 12)));
        let utc = |d, h| at(d, h).with_timezone(&Utc);
        assert!(!paused_at(&ps, utc(3, 8)));
        assert!(paused_at(&ps, utc(3, 9)));
        assert!(paused_at(&ps, utc(5, 20)), "the next days stay paused");
        assert!(!paused_at(&ps, utc(6, 12)), "resumed");
        assert!(
            paused_at(&ps, utc(30, 0)),
            "the second pause is still in force"
        );
        assert_eq!(
            current(&ps).map(|p| p.day.to_string()),
            Some("2026-11-09".into())
        );
    }

    #[test]
    fn resuming_needs_a_pause_and_a_clinicians_clearance() {
        let ps = pauses(&[rec(1, 3, 9, paused(&["Confusion"]))]);
        let yes = ResumeInput {
            cleared_by_clinician: true,
        };
        let no = ResumeInput {
            cleared_by_clinician: false,
        };
        assert_eq!(resume(current(&ps), &yes).unwrap(), Entry::SafetyResumed);
        assert_eq!(
            resume(current(&ps), &no).unwrap_err().code(),
            "clearance_required"
        );
        assert_eq!(resume(None, &yes).unwrap_err().code(), "not_paused");
        assert_eq!(begin(current(&ps), &["Nausea".into()]), None);
        assert_eq!(begin(None, &[]), None);
        assert!(begin(None, &["Nausea".into()]).is_some());
        assert!(view(&ps[0]).message.contains("Confusion"));
    }
}
