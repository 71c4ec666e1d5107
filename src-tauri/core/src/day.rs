//! Days and local times.
//!
//! A Magday *day* is a local calendar date that starts at a user-set hour (default 04:00), so a
//! dose ticked at 00:30 belongs to the evening before. Dose times are local wall-clock times in
//! the time zone in force (the device's, or the home zone when the user keeps home time while
//! travelling). A wall-clock time that does not exist on a day (the spring-forward gap) falls at
//! the moment the clock jumps; one that occurs twice (fall back) is taken at its first occurrence.
//! So each dose falls exactly once on each day, and doses keep their order.

use crate::zone::Tz;
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use crate::error::{quoted, CoreError, Result};

/// How far back a day may be viewed or corrected.
pub const MAX_PAST_DAYS: i64 = 366;

/// Check that `day` may be viewed or changed: not after today, not more than a year back.
pub fn check_open(day: NaiveDate, today: NaiveDate) -> Result<()> {
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

/// "Now", as the core sees it: an instant and the device's time zone. The shell reads the wall
/// clock; tests pass fixed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub utc: DateTime<Utc>,
    pub device_tz: Tz,
}

impl Now {
    pub fn new(utc: DateTime<Utc>, device_tz: Tz) -> Self {
        Now { utc, device_tz }
    }
}

/// How instants map to days: the time zone in force and the hour a day starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayClock {
    pub tz: Tz,
    /// Minutes after local midnight at which a day starts (0..=720).
    pub day_start_min: u32,
}

/// The latest hour a day may start: noon. Later would make "today" mostly yesterday.
pub const MAX_DAY_START_MIN: u32 = 12 * 60;

impl DayClock {
    pub fn new(tz: Tz, day_start_min: u32) -> Self {
        DayClock {
            tz,
            day_start_min: day_start_min.min(MAX_DAY_START_MIN),
        }
    }

    fn day_start(&self) -> Duration {
        Duration::minutes(i64::from(self.day_start_min))
    }

    /// The day an instant belongs to.
    pub fn day_of(&self, instant: DateTime<Utc>) -> NaiveDate {
        let local = instant.with_timezone(&self.tz).naive_local();
        (local - self.day_start()).date()
    }

    /// The instant at which the wall-clock `time` falls on `day`. Times before the day start
    /// belong to the next calendar date (a 01:00 evening dose with a 04:00 day start).
    pub fn instant(&self, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        let offset_min = time.signed_duration_since(NaiveTime::MIN).num_minutes();
        let date = if offset_min < i64::from(self.day_start_min) {
            day.succ_opt().unwrap_or(day)
        } else {
            day
        };
        let at = resolve_local(self.tz, date.and_time(time));
        // On the night the clock springs forward, a time before the day start can fall in the
        // gap together with the day start itself (a 02:00 dose, a 02:30 day start, 02:00→03:00):
        // both resolve to the jump, which is already the next day. The time is kept on its own
        // day, one second before the next begins.
        let end = self.day_end_instant(day);
        if at >= end {
            end - Duration::seconds(1)
        } else {
            at
        }
    }

    /// The instant `day` starts.
    pub fn day_start_instant(&self, day: NaiveDate) -> DateTime<Utc> {
        let naive = day.and_time(NaiveTime::MIN) + self.day_start();
        resolve_local(self.tz, naive)
    }

    /// The instant `day` ends (the next day's start).
    pub fn day_end_instant(&self, day: NaiveDate) -> DateTime<Utc> {
        self.day_start_instant(day.succ_opt().unwrap_or(day))
    }
}

/// A local wall-clock date-time resolved to an instant: the earliest of two in a fall-back
/// overlap; in a spring-forward gap, the moment the clock jumps (02:30 in a 02:00→03:00 gap
/// becomes 03:00). This mapping keeps the order of times, so doses stay in their order.
pub fn resolve_local(tz: Tz, naive: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => {
            // The offsets a little before and after the gap (no zone changes twice in a day).
            let offset_at = |probe: NaiveDateTime| match tz.from_local_datetime(&probe) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => {
                    Some(t.offset().fix_secs())
                }
                LocalResult::None => None,
            };
            let (Some(before), Some(after)) = (
                offset_at(naive - Duration::hours(26)),
                offset_at(naive + Duration::hours(26)),
            ) else {
                return Utc.from_utc_datetime(&naive);
            };
            // The jump lies between these two instants; find it to the second.
            let mut lo = Utc.from_utc_datetime(&(naive - Duration::seconds(after.max(before))));
            let mut hi = Utc.from_utc_datetime(&(naive - Duration::seconds(after.min(before))));
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if tz.offset_from_utc_datetime(&mid.naive_utc()).fix_secs() == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            hi
        }
    }
}

trait FixSecs {
    fn fix_secs(&self) -> i64;
}

impl FixSecs for crate::zone::ZoneOffset {
    fn fix_secs(&self) -> i64 {
        use chrono::Offset;
        i64::from(self.fix().local_minus_utc())
    }
}

/// Parse "HH:MM" (24-hour) into a time; `field` names the input for the error.
pub fn parse_hhmm(text: &str, field: &str) -> Result<NaiveTime> {
    let bad = || {
        CoreError::invalid(
            "invalid_time",
            field,
            format!(
                "{} is not a time: use 24-hour HH:MM, for example 08:00 or 20:30",
                quoted(text)
            ),
        )
    };
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(bad());
    }
    let h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

/// "HH:MM" for a time.
pub fn fmt_hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Parse "YYYY-MM-DD".
pub fn parse_date(text: &str, field: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        CoreError::invalid(
            "invalid_date",
            field,
            format!("{} is not a date: use YYYY-MM-DD", quoted(text)),
        )
    })
}

/// Parse an IANA time-zone name ("Europe/Berlin").
pub fn parse_tz(text: &str, field: &str) -> Result<Tz> {
    text.trim().parse::<Tz>().map_err(|_| {
        CoreError::invalid(
            "invalid_time_zone",
            field,
            format!(
                "{} is not a known time zone (use a name like Europe/Berlin)",
                quoted(text)
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }
    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("time")
    }

    #[test]
    fn half_past_midnight_belongs_to_the_evening_before() {
        let clock = DayClock::new(crate::zone::known::BERLIN, 4 * 60);
        let at = resolve_local(clock.tz, d(2026, 3, 10).and_time(t(0, 30)));
        assert_eq!(clock.day_of(at), d(2026, 3, 9));
        let at = resolve_local(clock.tz, d(2026, 3, 10).and_time(t(4, 0)));
        assert_eq!(clock.day_of(at), d(2026, 3, 10));
        let at = resolve_local(clock.tz, d(2026, 3, 10).and_time(t(3, 59)));
        assert_eq!(clock.day_of(at), d(2026, 3, 9));
    }

    #[test]
    fn midnight_day_start_is_the_calendar() {
        let clock = DayClock::new(crate::zone::Tz::UTC, 0);
        let at = Utc.with_ymd_and_hms(2026, 1, 2, 0, 30, 0).unwrap();
        assert_eq!(clock.day_of(at), d(2026, 1, 2));
    }

    #[test]
    fn a_time_before_day_start_falls_on_the_next_calendar_date() {
        let clock = DayClock::new(crate::zone::Tz::UTC, 4 * 60);
        assert_eq!(
            clock.instant(d(2026, 5, 1), t(1, 0)),
            Utc.with_ymd_and_hms(2026, 5, 2, 1, 0, 0).unwrap()
        );
        assert_eq!(
            clock.instant(d(2026, 5, 1), t(8, 0)),
            Utc.with_ymd_and_hms(2026, 5, 1, 8, 0, 0).unwrap()
        );
    }

    #[test]
    fn spring_forward_gap_moves_forward_and_fall_back_takes_the_first() {
        let ny = crate::zone::known::NEW_YORK;
        // 2026-03-08 02:00 EST -> 03:00 EDT. 02:30 does not exist: it falls at the jump, 03:00 EDT.
        let at = resolve_local(ny, d(2026, 3, 8).and_time(t(2, 30)));
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 3, 8, 7, 0, 0).unwrap());
        let at = resolve_local(ny, d(2026, 3, 8).and_time(t(2, 0)));
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 3, 8, 7, 0, 0).unwrap());
        let at = resolve_local(ny, d(2026, 3, 8).and_time(t(3, 0)));
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 3, 8, 7, 0, 0).unwrap());
        // 2026-11-01 01:30 happens twice; the first is 01:30 EDT = 05:30 UTC.
        let at = resolve_local(ny, d(2026, 11, 1).and_time(t(1, 30)));
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 11, 1, 5, 30, 0).unwrap());
    }

    #[test]
    fn days_are_23_and_25_hours_across_dst() {
        let clock = DayClock::new(crate::zone::known::BERLIN, 4 * 60);
        let spring = d(2026, 3, 29);
        let len = clock.day_end_instant(spring) - clock.day_start_instant(spring);
        assert_eq!(len, Duration::hours(24)); // the switch at 02:00 is before the 04:00 start
        let clock0 = DayClock::new(crate::zone::known::BERLIN, 0);
        let len = clock0.day_end_instant(spring) - clock0.day_start_instant(spring);
        assert_eq!(len, Duration::hours(23));
        let autumn = d(2026, 10, 25);
        let len = clock0.day_end_instant(autumn) - clock0.day_start_instant(autumn);
        assert_eq!(len, Duration::hours(25));
    }

    #[test]
    fn parses_and_refuses_times() {
        assert_eq!(parse_hhmm("08:00", "t").unwrap(), t(8, 0));
        assert_eq!(parse_hhmm("7:05", "t").unwrap(), t(7, 5));
        for bad in [
            "", "8", "24:00", "12:60", "ab:cd", "08:0", "08:000", "-1:00", "08-00",
        ] {
            let e = parse_hhmm(bad, "t").unwrap_err();
            assert_eq!(e.code(), "invalid_time", "{bad}");
        }
    }

    #[test]
    fn a_time_in_the_spring_gap_with_the_day_start_stays_on_its_day() {
        // Berlin, 29 March 2026: 02:00 jumps to 03:00. A day starting at 02:30 and a dose at
        // 02:00 on the 28th (so at 02:00 on the 29th): both fall in the gap.
        let clock = DayClock::new(crate::zone::known::BERLIN, 150);
        let at = clock.instant(d(2026, 3, 28), t(2, 0));
        assert_eq!(clock.day_of(at), d(2026, 3, 28));
        assert!(at < clock.day_end_instant(d(2026, 3, 28)));
        // An ordinary night is untouched.
        let at = clock.instant(d(2026, 3, 21), t(2, 0));
        assert_eq!(at.with_timezone(&clock.tz).time(), t(2, 0));
    }
}
