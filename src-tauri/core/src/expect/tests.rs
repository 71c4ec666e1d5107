use super::*;
use crate::progress::{symptom_series, SymptomSeries};
use crate::testkit::{date, nerve, rfc3339};

fn spec(start: NaiveDate) -> ProtocolSpec {
    let input = nerve(start, &["08:00"]);
    crate::protocol::validate(&input, start, 240).unwrap().0
}

fn series(ratings: &[(NaiveDate, u8)]) -> SymptomSeries {
    series_of(Symptom::ColdHands, ratings)
}

fn series_of(symptom: Symptom, ratings: &[(NaiveDate, u8)]) -> SymptomSeries {
    let r: Vec<_> = ratings.iter().map(|&(d, v)| (d, symptom, v)).collect();
    symptom_series(&[symptom], &r).remove(0)
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
        since: rfc3339("2026-03-10T09:00:00+01:00"),
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

/// Issue 22: what magnesium does for circulation or nerves is the guides' claim, never a fact.
/// Every clause of every week's text that speaks of circulation, nerves, warmth, relaxation,
/// calm or recovery names the guide that says so; nothing is promised.
#[test]
fn week_texts_tell_circulation_and_nerve_claims_as_the_guides_words() {
    const CLAIMS: &[&str] = &[
        "circulat", "nerve", "warm", "relax", "calm", "recover", "improv", "vessel",
    ];
    let start = date(2026, 3, 2);
    let s = spec(start);
    let mut no_plan = s.clone();
    no_plan.supplement = None;
    for spec in [&s, &no_plan] {
        for offset in 0..56 {
            let g = guide(spec, start + Duration::days(offset), &[], None).unwrap();
            for clause in g.text.split(['.', ';', ':']) {
                let c = clause.to_lowercase();
                if CLAIMS.iter().any(|w| c.contains(w)) {
                    assert!(c.contains("guide"), "week {}: {clause:?}", g.week);
                }
            }
        }
    }
}

/// Issue 22 (reference §7, §4a): a tracked nerve symptom that gets worse says to talk to a
/// clinician and names too much vitamin B6 as one cause, with the B6 sources; a nerve symptom
/// that is not worse, or another symptom that is, does not.
#[test]
fn a_worsening_nerve_symptom_says_talk_to_a_clinician_and_names_too_much_b6() {
    let start = date(2026, 3, 2);
    let s = spec(start);
    let today = start + Duration::days(10);
    let d = |n: i64| start + Duration::days(n);
    let worse = [(d(0), 3), (d(8), 6), (d(10), 5)];
    for symptom in [
        Symptom::Numbness,
        Symptom::Tingling,
        Symptom::NervePain,
        Symptom::Weakness,
    ] {
        assert!(is_nerve_symptom(symptom));
        let g = guide(&s, today, &[series_of(symptom, &worse)], None).unwrap();
        let t = &g.trends[0];
        assert_eq!(t.verdict, TrendVerdict::Worse);
        assert!(
            t.sentence.contains("stronger than at the start"),
            "{}",
            t.sentence
        );
        assert!(
            t.sentence.contains("Talk to your clinician"),
            "{}",
            t.sentence
        );
        assert!(t.sentence.contains("Too much vitamin B6"), "{}", t.sentence);
        assert!(
            g.sources.contains(&crate::facts::SRC_B6_EFSA),
            "{symptom:?}"
        );
        assert!(g.sources.contains(&crate::facts::SRC_B6_IOM), "{symptom:?}");
        for word in ["will ", "cure", "guarantee"] {
            assert!(!t.sentence.to_lowercase().contains(word), "{}", t.sentence);
        }
    }
    // Not worse, or not a nerve symptom: no B6 advice.
    let same = [(d(0), 3), (d(8), 3)];
    let g = guide(&s, today, &[series_of(Symptom::Tingling, &same)], None).unwrap();
    assert!(
        !g.trends[0].sentence.contains("B6"),
        "{}",
        g.trends[0].sentence
    );
    assert!(!g.sources.contains(&crate::facts::SRC_B6_EFSA));
    for other in [Symptom::Stress, Symptom::Cramps, Symptom::Stomach] {
        assert!(!is_nerve_symptom(other));
        let g = guide(&s, today, &[series_of(other, &worse)], None).unwrap();
        assert_eq!(g.trends[0].verdict, TrendVerdict::Worse);
        assert!(!g.trends[0].sentence.contains("B6"), "{other:?}");
    }
    // While paused, the advice still stands beside the pause's text.
    let pause = Pause {
        since: rfc3339("2026-03-11T09:00:00+01:00"),
        day: d(9),
        signs: vec!["confusion".into()],
        until: None,
        carried: false,
    };
    let g = guide(
        &s,
        today,
        &[series_of(Symptom::Numbness, &worse)],
        Some(&pause),
    )
    .unwrap();
    assert!(g.trends[0].sentence.contains("Too much vitamin B6"));
}

/// Issue 22 (reference §7): cold hands or feet not better from course week 4 quote the
/// warm-hands guide, magnesium "does not replace medical evaluation", with its source. Before
/// week 4, once better, or never felt (rated 0) or never rated: not shown.
#[test]
fn cold_hands_or_feet_not_better_by_week_4_say_it_does_not_replace_medical_evaluation() {
    const WORDS: &str = "\"does not replace medical evaluation\"";
    let start = date(2026, 3, 2);
    let s = spec(start);
    let d = |n: i64| start + Duration::days(n);
    let same = [(d(0), 6), (d(18), 6), (d(21), 5)];
    // Day 22 is the first day of week 4: about the same as at the start.
    for symptom in [Symptom::ColdHands, Symptom::ColdFeet] {
        let g = guide(&s, d(21), &[series_of(symptom, &same)], None).unwrap();
        assert_eq!(g.week, 4);
        let t = &g.trends[0];
        assert_eq!(t.verdict, TrendVerdict::AboutTheSame);
        assert!(t.sentence.contains(WORDS), "{}", t.sentence);
        assert!(
            t.sentence.contains("warm-hands guide says"),
            "{}",
            t.sentence
        );
        assert!(g.sources.contains(&crate::facts::SRC_WARM_HANDS_EVALUATION));
        assert!(crate::facts::SRC_WARM_HANDS_EVALUATION
            .citation
            .contains("does not replace medical evaluation"));
    }
    // Worse in week 6, or no rating in the last 7 days of week 5: still shown.
    let worse = [(d(0), 4), (d(38), 6)];
    let g = guide(&s, d(38), &[series_of(Symptom::ColdFeet, &worse)], None).unwrap();
    assert_eq!(g.trends[0].verdict, TrendVerdict::Worse);
    assert!(g.trends[0].sentence.contains(WORDS));
    let g = guide(
        &s,
        d(30),
        &[series_of(Symptom::ColdHands, &[(d(0), 5)])],
        None,
    )
    .unwrap();
    assert_eq!(g.trends[0].verdict, TrendVerdict::NotEnough);
    assert!(g.trends[0].sentence.contains(WORDS));
    // Week 3: not yet.
    let g = guide(&s, d(20), &[series(&same)], None).unwrap();
    assert_eq!(g.week, 3);
    assert!(!g.trends[0].sentence.contains(WORDS));
    assert!(!g.sources.contains(&crate::facts::SRC_WARM_HANDS_EVALUATION));
    // Better: not shown.
    let better = [(d(0), 6), (d(21), 3)];
    let g = guide(&s, d(21), &[series(&better)], None).unwrap();
    assert_eq!(g.trends[0].verdict, TrendVerdict::Better);
    assert!(!g.trends[0].sentence.contains(WORDS));
    // No cold hands at all (0 throughout), or never rated: nothing to evaluate.
    let none = [(d(0), 0), (d(21), 0)];
    let g = guide(&s, d(21), &[series(&none)], None).unwrap();
    assert!(!g.trends[0].sentence.contains(WORDS));
    let g = guide(&s, d(21), &[series(&[])], None).unwrap();
    assert!(!g.trends[0].sentence.contains(WORDS));
    // Nerve symptoms never get the cold-hands words.
    let g = guide(&s, d(21), &[series_of(Symptom::Numbness, &same)], None).unwrap();
    assert!(!g.trends[0].sentence.contains(WORDS));
}
