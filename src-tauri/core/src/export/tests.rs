use super::*;
use crate::testkit::parse_date;

#[test]
fn ranges_resolve_to_days_and_say_so() {
    let (cf, cl, rf, today) = (
        parse_date("2026-11-01"),
        parse_date("2026-12-26"),
        parse_date("2026-10-20"),
        parse_date("2026-12-06"),
    );
    let r = |x: ExportRange| resolve(&x, cf, cl, rf, today);
    let s = r(ExportRange::Course).unwrap();
    assert_eq!((s.first, s.last), (cf, today));
    assert_eq!(s.label, "This course: 1 Nov 2026 – 6 Dec 2026");
    let s = r(ExportRange::Last7).unwrap();
    assert_eq!((s.first, s.last), (parse_date("2026-11-30"), today));
    let s = r(ExportRange::Last30).unwrap();
    assert_eq!(s.first, parse_date("2026-11-07"));
    let s = r(ExportRange::Week { week: 2 }).unwrap();
    assert_eq!(
        (s.first, s.last),
        (parse_date("2026-11-08"), parse_date("2026-11-14"))
    );
    assert_eq!(s.label, "Week 2 of the course: 8 Nov 2026 – 14 Nov 2026");
    // Week 6 is under way: it ends today.
    let s = r(ExportRange::Week { week: 6 }).unwrap();
    assert_eq!(s.last, today);
    let custom = |a: &str, b: &str| {
        r(ExportRange::Custom {
            first: a.into(),
            last: b.into(),
        })
    };
    let s = custom("2026-01-01", "2027-01-01").unwrap();
    assert_eq!((s.first, s.last), (rf, today));
    for (bad, code) in [
        (r(ExportRange::Week { week: 0 }), "bad_range"),
        (r(ExportRange::Week { week: 9 }), "bad_range"),
        (custom("2026-12-05", "2026-12-01"), "bad_range"),
        (custom("2026-12-07", "2026-12-09"), "bad_range"),
        (custom("5 Dec", "2026-12-09"), "bad_range"),
    ] {
        assert_eq!(bad.unwrap_err().code(), code);
    }
}
