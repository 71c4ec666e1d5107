//! What the integration tests share (each test file declares `mod common;` and uses a part):
//! the benchmarks' protocol and day of typical use, and dates, clocks and cores, as the crate's
//! own `testkit` offers them to its unit tests.
// Each test crate uses a part of this module.
#![allow(dead_code, unused_imports)]

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use magday_core::api::Core;
use magday_core::day::{resolve_local, Now};

#[path = "../../benches/common/mod.rs"]
mod bench;

pub use bench::{day_events, input, TZ};

/// The date `y`-`m`-`d`.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// An instant written in RFC 3339 ("2026-03-02T08:05:00+00:00"), with its offset.
pub fn rfc3339(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("an RFC 3339 instant")
}

/// `h:m` on `day` in Berlin ([`TZ`]), as "now" with the device in Berlin.
pub fn now_in_berlin(day: NaiveDate, h: u32, m: u32) -> Now {
    let t = NaiveTime::from_hms_opt(h, m, 0).expect("a valid time");
    Now::new(resolve_local(TZ, day.and_time(t)), TZ)
}

/// A core on a new database file, `magday.db` in `dir`.
pub async fn file_core(dir: &Path) -> Core {
    Core::open(&dir.join("magday.db"))
        .await
        .expect("a core on a file")
}
