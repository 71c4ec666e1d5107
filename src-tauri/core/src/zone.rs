//! Time zones by IANA name ("Europe/Berlin"), for chrono.
//!
//! The tz database is compiled in (`tzdb_data`, kept as compact tables of transitions and a
//! rule for the years after them; `tz-rs` reads them), so a phone, a desktop and a test see the
//! same rules whatever the system holds. It replaced `chrono-tz`, whose tables cost the release
//! binary about 1.9 MB (README, "Budgets"); this one costs about 0.45 MB.
//!
//! [`Tz`] implements [`chrono::TimeZone`]: `instant.with_timezone(&tz)`, `tz.from_local_datetime`
//! and the rest work as with any chrono zone. A local time in a spring-forward gap has no
//! instant ([`LocalResult::None`]); one in a fall-back overlap has two
//! ([`LocalResult::Ambiguous`], earlier first). [`crate::day::resolve_local`] picks one.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};

/// A time zone of the tz database, known by its name.
#[derive(Clone, Copy)]
pub struct Tz {
    name: &'static str,
    rules: &'static tz::TimeZoneRef<'static>,
}

impl Tz {
    /// Coordinated Universal Time.
    pub const UTC: Tz = Tz::of("UTC", &tzdb_data::time_zone::UTC);

    const fn of(name: &'static str, rules: &'static tz::TimeZoneRef<'static>) -> Tz {
        Tz { name, rules }
    }

    /// The zone's name as the tz database spells it ("America/New_York").
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The zone's offset from UTC at a Unix time (seconds). The database covers every instant
    /// chrono can hold; should a lookup still fail, the zone's first offset stands in.
    fn offset_at(&self, unix: i64) -> FixedOffset {
        let seconds = match self.rules.find_local_time_type(unix) {
            Ok(t) => t.ut_offset(),
            Err(_) => self
                .rules
                .local_time_types()
                .first()
                .map_or(0, |t| t.ut_offset()),
        };
        FixedOffset::east_opt(seconds).unwrap_or_else(|| chrono::Utc.fix())
    }

    /// The zone's rule at a Unix time: its offset (seconds east of UTC), whether it is daylight
    /// saving time and its abbreviation ("CEST"), for a calendar's VTIMEZONE (`export::ics`).
    pub(crate) fn local_type_at(&self, unix: i64) -> Option<(i32, bool, &'static str)> {
        let t = self.rules.find_local_time_type(unix).ok()?;
        Some((t.ut_offset(), t.is_dst(), t.time_zone_designation()))
    }

    fn at_utc(&self, utc: &NaiveDateTime) -> ZoneOffset {
        ZoneOffset {
            zone: *self,
            fixed: self.offset_at(utc.and_utc().timestamp()),
        }
    }
}

/// A name the tz database does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownZone;

impl fmt::Display for UnknownZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a time zone of the tz database")
    }
}

impl std::error::Error for UnknownZone {}

impl FromStr for Tz {
    type Err = UnknownZone;

    /// A name of the tz database, in any letter case; the zone keeps the database's spelling.
    fn from_str(text: &str) -> Result<Tz, UnknownZone> {
        let rules = tzdb_data::find_tz(text.as_bytes()).ok_or(UnknownZone)?;
        let name = tzdb_data::TZ_NAMES
            .iter()
            .find(|n| n.eq_ignore_ascii_case(text))
            .ok_or(UnknownZone)?;
        Ok(Tz::of(name, rules))
    }
}

impl PartialEq for Tz {
    fn eq(&self, other: &Tz) -> bool {
        self.name == other.name
    }
}

impl Eq for Tz {}

impl Hash for Tz {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl fmt::Display for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// A zone's offset at one instant: the zone travels with it, as chrono's `DateTime` asks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Tz,
    fixed: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.fixed, self.zone.name)
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.fixed, f)
    }
}

impl TimeZone for Tz {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Tz {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    /// Every offset the zone has near the local time is tried; those whose instant maps back to
    /// the same local time are the answers (none in a gap, two in an overlap). Zones change their
    /// offset at most once in 26 hours, so the offsets a day either side cover every case.
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        let as_utc = local.and_utc().timestamp();
        let mut found: Vec<ZoneOffset> = Vec::with_capacity(2);
        for probe in [as_utc - 26 * 3600, as_utc, as_utc + 26 * 3600] {
            let fixed = self.offset_at(probe);
            let instant = as_utc - i64::from(fixed.local_minus_utc());
            let candidate = ZoneOffset { zone: *self, fixed };
            if self.offset_at(instant) == fixed && !found.contains(&candidate) {
                found.push(candidate);
            }
        }
        // Earlier instant first: the larger offset puts the same local time earlier.
        found.sort_by_key(|o| std::cmp::Reverse(o.fixed.local_minus_utc()));
        match found.as_slice() {
            [] => LocalResult::None,
            [one] => LocalResult::Single(*one),
            [first, .., last] => LocalResult::Ambiguous(*first, *last),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.at_utc(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.at_utc(utc)
    }
}

/// Zones the tests and benchmarks use, by constant: shapes of every kind (DST north and south,
/// half-hour and 45-minute offsets, a 30-minute DST shift, no DST).
pub mod known {
    use super::Tz;
    use tzdb_data::time_zone as db;

    pub const BERLIN: Tz = Tz::of("Europe/Berlin", &db::europe::BERLIN);
    pub const LONDON: Tz = Tz::of("Europe/London", &db::europe::LONDON);
    pub const NEW_YORK: Tz = Tz::of("America/New_York", &db::america::NEW_YORK);
    pub const SAO_PAULO: Tz = Tz::of("America/Sao_Paulo", &db::america::SAO_PAULO);
    pub const SANTIAGO: Tz = Tz::of("America/Santiago", &db::america::SANTIAGO);
    pub const TOKYO: Tz = Tz::of("Asia/Tokyo", &db::asia::TOKYO);
    pub const KOLKATA: Tz = Tz::of("Asia/Kolkata", &db::asia::KOLKATA);
    pub const LORD_HOWE: Tz = Tz::of("Australia/Lord_Howe", &db::australia::LORD_HOWE);
    pub const CHATHAM: Tz = Tz::of("Pacific/Chatham", &db::pacific::CHATHAM);
}

#[cfg(test)]
mod tests {
    use super::known::*;
    use super::*;
    use chrono::Utc;

    fn local(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|d| d.and_hms_opt(h, mi, 0))
            .expect("a valid local time")
    }

    fn offset_min(r: LocalResult<ZoneOffset>) -> Vec<i32> {
        match r {
            LocalResult::None => vec![],
            LocalResult::Single(a) => vec![a.fix().local_minus_utc() / 60],
            LocalResult::Ambiguous(a, b) => {
                vec![
                    a.fix().local_minus_utc() / 60,
                    b.fix().local_minus_utc() / 60,
                ]
            }
        }
    }

    #[test]
    fn names_parse_in_any_case_and_keep_the_database_spelling() {
        let ny: Tz = "america/new_york".parse().expect("known");
        assert_eq!(ny.name(), "America/New_York");
        assert_eq!(ny, NEW_YORK);
        assert_eq!("UTC".parse::<Tz>().expect("known"), Tz::UTC);
        assert_eq!("Mars/Olympus".parse::<Tz>(), Err(UnknownZone));
        assert_eq!("".parse::<Tz>(), Err(UnknownZone));
    }

    #[test]
    fn every_known_constant_is_the_zone_of_its_name() {
        for zone in [
            BERLIN, LONDON, NEW_YORK, SAO_PAULO, SANTIAGO, TOKYO, KOLKATA, LORD_HOWE, CHATHAM,
        ] {
            let by_name: Tz = zone.name().parse().expect("known");
            let t = Utc::now();
            assert_eq!(
                t.with_timezone(&zone).offset().fix(),
                t.with_timezone(&by_name).offset().fix(),
                "{zone}"
            );
        }
    }

    #[test]
    fn offsets_follow_the_rules_past_and_future() {
        // Berlin: CET in winter, CEST in summer, also decades after the last listed transition.
        for year in [1999, 2026, 2090] {
            assert_eq!(
                offset_min(BERLIN.offset_from_local_datetime(&local(year, 1, 15, 12, 0))),
                [60]
            );
            assert_eq!(
                offset_min(BERLIN.offset_from_local_datetime(&local(year, 7, 15, 12, 0))),
                [120]
            );
        }
        assert_eq!(
            offset_min(KOLKATA.offset_from_local_datetime(&local(2026, 3, 1, 9, 0))),
            [330]
        );
        assert_eq!(
            offset_min(CHATHAM.offset_from_local_datetime(&local(2026, 7, 1, 9, 0))),
            [765]
        );
        assert_eq!(
            offset_min(TOKYO.offset_from_local_datetime(&local(2026, 3, 1, 9, 0))),
            [540]
        );
    }

    #[test]
    fn a_gap_has_no_instant_and_an_overlap_two_earlier_first() {
        // Berlin springs forward 2026-03-29 02:00 → 03:00 and falls back 2026-10-25 03:00 → 02:00.
        assert_eq!(
            offset_min(BERLIN.offset_from_local_datetime(&local(2026, 3, 29, 2, 30))),
            Vec::<i32>::new()
        );
        assert_eq!(
            offset_min(BERLIN.offset_from_local_datetime(&local(2026, 10, 25, 2, 30))),
            [120, 60]
        );
        // Lord Howe shifts by 30 minutes (2026-10-04 02:00 → 02:30).
        assert_eq!(
            offset_min(LORD_HOWE.offset_from_local_datetime(&local(2026, 10, 4, 2, 15))),
            Vec::<i32>::new()
        );
        // São Paulo has had no DST since 2019.
        assert_eq!(
            offset_min(SAO_PAULO.offset_from_local_datetime(&local(2026, 12, 1, 0, 30))),
            [-180]
        );
    }

    #[test]
    fn instants_round_trip_through_local_time() {
        let start = Utc::now().timestamp() - 400 * 86_400;
        for zone in [BERLIN, NEW_YORK, LORD_HOWE, CHATHAM, SANTIAGO, LONDON] {
            for step in 0..(800 * 24) {
                let instant =
                    chrono::DateTime::from_timestamp(start + step * 1800, 0).expect("in range");
                let here = instant.with_timezone(&zone);
                let back = zone.from_local_datetime(&here.naive_local());
                let matches = match back {
                    LocalResult::Single(t) => t == here,
                    LocalResult::Ambiguous(a, b) => a == here || b == here,
                    LocalResult::None => false,
                };
                assert!(matches, "{zone} at {instant}: {back:?}");
            }
        }
    }
}
