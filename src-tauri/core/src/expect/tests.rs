use super::*;
use crate::progress::{symptom_series, SymptomSeries};
use crate::testkit::{date, nerve};

fn spec(start: NaiveDate) -> ProtocolSpec {
    let input = nerve(start, &["08:00"]);
    crate::protocol::validate(&input, start, 240).unwrap().0
}

fn series(ratings: &[(NaiveDate, u8)]) -> SymptomSeries {
    let r: Vec<_> = ratings
        .iter()
        .map(|&(d, v)| (d, Symptom::ColdHands, v))
        .collect();
    symptom_series(&[Symptom::ColdHands], &r).remove(0)
}

#[test]
fn each_week_of_an_eight_week_course_has_its_text_with_sources() {
    let start = date(2026, 3, 2);
    let s = spec(start);
    assert_eq!(
        guide(&s, start - Duration::days(1), &[], None),
        None,
        "before the course"
    );
    assert_eq!(
        guide(&s, s.end_date() + Duration::days(1), &[], None),
        None,
        "after it"
    );
    let mut titles = vec![];
    for (offset, week) in [
        (0, 1),
        (6, 1),
        (7, 2),
        (20, 3),
        (27, 4),
        (28, 5),
        (48, 7),
        (55, 8),
    ] {
        let g = guide(&s, start + Duration::days(offset), &[], None).unwrap();
        assert_eq!((g.week, g.of_weeks), (week, 8), "day {}", offset + 1);
        assert!(!g.sources.is_empty());
        assert!(g.sources.contains(&SRC_GUIDES));
        assert_eq!(g.disclaimer, DISCLAIMER);
        titles.push(g.title);
    }
    assert!(titles[0].starts_with("Week 1"));
    assert!(titles[7].contains("end of the course"));
    let w1 = guide(&s, start, &[], None).unwrap();
    assert!(w1.text.contains("within days"), "the nerve guide's words");
    assert!(w1.sources.contains(&SRC_DIARRHEA), "tolerance first");
    // Nothing promised.
    for offset in 0..56 {
        let g = guide(&s, start + Duration::days(offset), &[], None).unwrap();
        for word in ["will ", "cure", "guarantee"] {
            assert!(
                !g.text.to_lowercase().contains(word),
                "{word} in {}",
                g.text
            );
        }
    }
}

#[test]
fn the_trend_compares_the_last_seven_days_with_the_baseline() {
    let start = date(2026, 3, 2);
    let today = date(2026, 3, 20);
    let d = |n: i64| start + Duration::days(n);
    let t = trend(
        &series(&[(d(0), 7), (d(11), 5), (d(15), 6), (d(18), 5)]),
        today,
    );
    // The 13th is outside the last 7 days (14th..20th): 6 and 5 average 5.5.
    assert_eq!(t.recent_average, Some(5.5));
    assert_eq!((t.baseline, t.verdict), (Some(7), TrendVerdict::Better));
    assert!(t.sentence.contains("7 at the start, 5.5"), "{}", t.sentence);
    let t = trend(&series(&[(d(0), 3), (d(17), 4)]), today);
    assert_eq!(t.verdict, TrendVerdict::Worse);
    let t = trend(&series(&[(d(0), 3), (d(17), 3), (d(18), 4)]), today);
    assert_eq!(t.verdict, TrendVerdict::AboutTheSame);
    // Only the baseline, or nothing recent: not enough to compare.
    let t = trend(&series(&[(d(0), 3)]), d(3));
    assert_eq!(t.verdict, TrendVerdict::NotEnough);
    assert_eq!(
        t.recent_average, None,
        "the baseline is not compared with itself"
    );
    let t = trend(&series(&[(d(0), 3), (d(2), 2)]), today);
    assert_eq!(t.verdict, TrendVerdict::NotEnough);
    let t = trend(&series(&[]), today);
    assert_eq!((t.verdict, t.baseline), (TrendVerdict::NotEnough, None));
    assert!(t.sentence.contains("not rated yet"));
}

/// Issue 22.5: while paused, the week's text is the pause's; with no supplement plan no week
/// tells anyone to take magnesium.
#[test]
fn a_pause_or_no_plan_never_tells_anyone_to_take_magnesium() {
    let start = date(2026, 3, 2);
    let s = spec(start);
    let pause = Pause {
        since: chrono::DateTime::parse_from_rfc3339("2026-03-10T09:00:00+01:00").unwrap(),
        day: date(2026, 3, 10),
        signs: vec!["confusion".into()],
        until: None,
        carried: false,
    };
    let g = guide(&s, date(2026, 3, 10), &[], Some(&pause)).unwrap();
    assert_eq!(g.title, "Magnesium is paused");
    assert!(g.text.contains("Do not take magnesium"), "{}", g.text);
    assert!(g.sources.contains(&crate::facts::SRC_TOXICITY));

    let mut no_plan = s.clone();
    no_plan.supplement = None;
    for offset in 0..56 {
        let g = guide(&no_plan, start + Duration::days(offset), &[], None).unwrap();
        let text = g.text.to_lowercase();
        assert!(!text.contains("taking magnesium steadily"), "{}", g.text);
        assert!(!text.contains("each dose"), "{}", g.text);
        assert!(text.contains("no magnesium supplement plan"), "{}", g.text);
    }
    // With the plan, week 2 still says the guides' words.
    let w2 = guide(&s, start + Duration::days(7), &[], None).unwrap();
    assert!(w2.text.contains("Taking magnesium steadily"));
}
