use super::*;
use crate::testkit::date;

use crate::testkit::record_at_noon as rec;

fn count(units: f64, unit: StockUnit) -> Entry {
    Entry::StockCounted { units, unit }
}

fn taken(slot: u32) -> Entry {
    Entry::DoseTaken { slot, at: None }
}

/// Two doses a day of one unit each.
fn one_each(_: NaiveDate, slot: u32) -> f64 {
    if slot <= 2 {
        1.0
    } else {
        0.0
    }
}

#[test]
fn each_dose_taken_uses_its_units_and_an_undo_or_skip_gives_them_back() {
    let d = date(2026, 3, 2);
    let mut log = vec![
        rec(1, d, count(10.0, StockUnit::Capsules)),
        rec(2, d, taken(1)),
        rec(3, d, taken(2)),
    ];
    assert_eq!(ledger(&log, d, one_each).unwrap().balance, 8.0);
    log.push(rec(4, d, Entry::DoseUndone { slot: 2 }));
    assert_eq!(ledger(&log, d, one_each).unwrap().balance, 9.0);
    // Taking the same dose twice (a correction of its time) takes its units once.
    log.push(rec(5, d, taken(2)));
    log.push(rec(6, d, taken(2)));
    assert_eq!(ledger(&log, d, one_each).unwrap().balance, 8.0);
    log.push(rec(7, d, Entry::DoseSkipped { slot: 2 }));
    assert_eq!(ledger(&log, d, one_each).unwrap().balance, 9.0);
    // Undoing a dose that was not taken changes nothing.
    log.push(rec(8, d, Entry::DoseUndone { slot: 2 }));
    assert_eq!(ledger(&log, d, one_each).unwrap().balance, 9.0);
}

#[test]
fn the_supply_never_shows_below_zero_and_an_undo_restores_exactly() {
    let d = date(2026, 3, 2);
    let mut log = vec![
        rec(1, d, count(1.0, StockUnit::Tablets)),
        rec(2, d, taken(1)),
        rec(3, d, taken(2)),
    ];
    let l = ledger(&log, d, one_each).unwrap();
    assert_eq!(l.balance, -1.0);
    let f = forecast(l.balance, d, 0.0, d, |_| 2.0);
    let v = view(&l, f, 2.0, 7);
    assert_eq!(v.on_hand, 0.0, "shown as zero");
    assert!(v.short, "more taken than counted");
    // Undo one: back to exactly zero, not to one.
    log.push(rec(4, d, Entry::DoseUndone { slot: 2 }));
    let l = ledger(&log, d, one_each).unwrap();
    assert_eq!(l.balance, 0.0);
    assert!(!view(&l, f, 2.0, 7).short);
    // A refill adds to what is on hand, never to a shortfall.
    log.push(rec(5, d, taken(2)));
    log.push(rec(6, d, Entry::Refilled { units: 30.0 }));
    let l = ledger(&log, d, one_each).unwrap();
    assert_eq!(l.balance, 30.0);
    assert_eq!(l.refills, vec![d]);
}

#[test]
fn doses_before_the_count_are_in_it_and_only_the_last_count_sets_the_supply() {
    let d = date(2026, 3, 2);
    let log = vec![
        rec(1, d, count(50.0, StockUnit::Capsules)),
        rec(2, d, taken(1)),
        rec(3, d, count(20.0, StockUnit::Capsules)),
        // Taken before the count, undone after it: the capsule is back in the jar.
        rec(4, d, Entry::DoseUndone { slot: 1 }),
        rec(5, d, taken(2)),
    ];
    let l = ledger(&log, d, one_each).unwrap();
    assert_eq!(l.balance, 20.0);
    assert_eq!(l.counted_on, d);
    // A refill before any count is refused; entries without a count are no ledger.
    assert!(ledger(&log[1..2], d, one_each).is_none());
    let refill = StockInput {
        action: StockAction::Refill,
        units: 30.0,
        unit: None,
    };
    assert_eq!(entry(&refill, false).unwrap_err().code(), "no_stock_count");
    assert_eq!(
        entry(&refill, true).unwrap(),
        Entry::Refilled { units: 30.0 }
    );
}

#[test]
fn counts_and_refills_out_of_range_are_refused() {
    let c = |units: f64| StockInput {
        action: StockAction::Count,
        units,
        unit: Some(StockUnit::Scoops),
    };
    assert_eq!(entry(&c(-1.0), true).unwrap_err().code(), "out_of_range");
    assert_eq!(
        entry(&c(f64::NAN), true).unwrap_err().code(),
        "out_of_range"
    );
    assert_eq!(
        entry(&c(10_001.0), true).unwrap_err().code(),
        "out_of_range"
    );
    assert_eq!(
        entry(&c(0.0), false).unwrap(),
        count(0.0, StockUnit::Scoops)
    );
    let r = StockInput {
        action: StockAction::Refill,
        units: 0.0,
        unit: None,
    };
    assert_eq!(entry(&r, true).unwrap_err().code(), "out_of_range");
}

#[test]
fn powder_by_the_half_scoop_counts_down_in_parts() {
    let d = date(2026, 3, 2);
    let half = |_: NaiveDate, _: u32| 0.5;
    let log = vec![
        rec(1, d, count(3.0, StockUnit::Scoops)),
        rec(2, d, taken(1)),
        rec(3, d, taken(2)),
    ];
    let l = ledger(&log, d, half).unwrap();
    assert_eq!((l.balance, l.unit), (2.0, StockUnit::Scoops));
    // Two more days of two half scoops.
    let f = forecast(l.balance, d, 0.0, d + Duration::days(10), |_| 1.0);
    assert_eq!(f.days_left, 3, "today (done) and two more");
    assert_eq!(f.runs_out_on, Some(d + Duration::days(3)));
}

#[test]
fn days_left_follow_the_plan_governing_each_day_across_a_protocol_change() {
    let today = date(2026, 3, 10);
    let change = date(2026, 3, 12);
    let end = date(2026, 3, 31);
    // Two a day now, four a day from the 12th (a saved edit that takes effect then).
    let daily = |d: NaiveDate| if d < change { 2.0 } else { 4.0 };
    // 11 on hand, one dose (1) still to take today: today 1, the 11th 2, the 12th 4, then 4
    // left for the 13th: 4 days covered; the 14th is the first short.
    let f = forecast(11.0, today, 1.0, end, daily);
    assert_eq!(f.days_left, 4);
    assert_eq!(f.runs_out_on, Some(date(2026, 3, 14)));
    // At the old plan alone it would have lasted 6 days.
    assert_eq!(forecast(11.0, today, 1.0, end, |_| 2.0).days_left, 6);
    // Enough for the rest of the course: no day runs short.
    let f = forecast(200.0, today, 1.0, end, daily);
    assert_eq!((f.days_left, f.runs_out_on), (22, None));
    // Not enough even for today.
    let f = forecast(0.5, today, 1.0, end, daily);
    assert_eq!((f.days_left, f.runs_out_on), (0, Some(today)));
}

#[test]
fn low_means_fewer_than_the_warning_days_before_the_course_ends() {
    let d = date(2026, 3, 2);
    let l = ledger(&[rec(1, d, count(12.0, StockUnit::Capsules))], d, one_each).unwrap();
    let end = d + Duration::days(30);
    let f = forecast(l.balance, d, 2.0, end, |_| 2.0);
    assert_eq!(f.days_left, 6);
    assert!(view(&l, f, 2.0, 7).low, "6 days < 7");
    assert!(!view(&l, f, 2.0, 6).low, "6 days is not fewer than 6");
    // Six days left but the course ends in five: the supply lasts it, no warning.
    let f = forecast(l.balance, d, 2.0, d + Duration::days(4), |_| 2.0);
    assert_eq!(f.runs_out_on, None);
    assert!(!view(&l, f, 2.0, 7).low);
}

#[test]
fn the_first_day_that_ended_empty_is_when_it_ran_out() {
    let d = date(2026, 3, 2);
    let next = d + Duration::days(1);
    let log = vec![
        rec(1, d, count(3.0, StockUnit::Capsules)),
        rec(2, d, taken(1)),
        rec(3, d, taken(2)),
        rec(4, next, taken(1)),
    ];
    // Today is the 3rd: the day is not over, nothing ran out yet.
    assert_eq!(ledger(&log, next, one_each).unwrap().ran_out_on, None);
    // Seen from the 4th, the 3rd ended with nothing left.
    assert_eq!(
        ledger(&log, next + Duration::days(1), one_each)
            .unwrap()
            .ran_out_on,
        Some(next)
    );
    // Undone the same day: it did not run out.
    let mut undone = log.clone();
    undone.push(rec(5, next, Entry::DoseUndone { slot: 1 }));
    assert_eq!(
        ledger(&undone, next + Duration::days(2), one_each)
            .unwrap()
            .ran_out_on,
        None
    );
}

#[test]
fn the_supply_is_told_in_words() {
    assert_eq!(StockUnit::Capsules.count(1.0), "1 capsule");
    assert_eq!(StockUnit::Capsules.count(42.0), "42 capsules");
    assert_eq!(StockUnit::Scoops.count(1.5), "1.5 scoops");
    assert_eq!(StockUnit::Gummies.count(1.0), "1 gummy");
    assert_eq!(StockUnit::Sachets.count(0.254), "0.25 sachets");
    let d = date(2026, 3, 2);
    let f = |days_left, runs_out_on| Forecast {
        days_left,
        runs_out_on,
    };
    assert_eq!(
        line(StockUnit::Capsules, 42.0, &f(21, Some(d))),
        "42 capsules left: enough for 21 days"
    );
    assert_eq!(
        line(StockUnit::Tablets, 1.0, &f(1, Some(d))),
        "1 tablet left: enough for 1 day"
    );
    assert_eq!(
        line(StockUnit::Capsules, 3.0, &f(0, Some(d))),
        "3 capsules left: not enough for today's remaining doses"
    );
    assert_eq!(
        line(StockUnit::Capsules, 90.0, &f(40, None)),
        "90 capsules left: enough for the rest of the course"
    );
    assert_eq!(
        line(StockUnit::Capsules, 0.0, &f(0, Some(d))),
        "Capsules: none left"
    );
}
