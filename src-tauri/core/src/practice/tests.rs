use super::*;
use crate::log::Entry;
use crate::testkit::date;

fn input(planned: u32, seconds: u32) -> BreathingInput {
    BreathingInput {
        pattern: BreathingPattern::LongerExhale,
        planned_minutes: planned,
        seconds,
        warmth_before: Some(3),
        warmth_after: Some(5),
    }
}

use crate::testkit::record_at_noon as rec;

#[test]
fn the_paces_have_a_longer_or_even_exhale_and_the_templates_differ() {
    for p in BreathingPattern::ALL {
        assert!(p.exhale_s() >= p.inhale_s(), "{p:?}");
        // Slow breathing: at most six breaths a minute.
        assert!(60 / (p.inhale_s() + p.exhale_s()) <= 6, "{p:?}");
    }
    assert_eq!(BreathingPattern::LongerExhale.inhale_s(), 4);
    assert_eq!(BreathingPattern::LongerExhale.exhale_s(), 6);
    assert_ne!(
        default_pattern(Template::Circulation),
        default_pattern(Template::Nerve)
    );
    assert_eq!(
        default_pattern(Template::Nerve),
        BreathingPattern::LongerExhale,
        "the nerve guide: extended exhalations"
    );
    let o = options(Template::Circulation);
    assert_eq!(o.minutes, vec![3, 5, 10]);
    assert_eq!(o.default_pattern, BreathingPattern::Even);
    assert!(o.hint.contains("belly"));
    assert_eq!(o.source.id, "guides");
}

#[test]
fn the_hint_never_promises_a_range_the_lengths_offered_contradict() {
    // Issue 21: "5–10 minutes" beside a 3-minute choice read as a contradiction. Every length
    // offered is named in the hint (or the hint names none).
    for t in [Template::Circulation, Template::Nerve, Template::Custom] {
        let o = options(t);
        assert!(!o.hint.contains("5–10"), "{t:?}: {}", o.hint);
        if o.hint.contains("minutes") {
            for m in &o.minutes {
                assert!(
                    o.hint.contains(&m.to_string()),
                    "{t:?} offers {m}: {}",
                    o.hint
                );
            }
        }
    }
}

#[test]
fn a_finished_session_counts_its_length_and_a_stopped_one_its_whole_minutes() {
    let s = session(&input(5, 300)).unwrap();
    assert!(s.finished);
    assert_eq!((s.minutes, s.seconds), (5, 300));
    assert_eq!(s.warmth_change(), Some(2));
    // A timer tick past the end still reads as the length chosen.
    let s = session(&input(3, 183)).unwrap();
    assert!(s.finished);
    assert_eq!((s.minutes, s.seconds), (3, 180));
    // Stopped after 1 min 40 s of a 10-minute session: one minute.
    let s = session(&input(10, 100)).unwrap();
    assert!(!s.finished);
    assert_eq!(s.minutes, 1);
    // Exactly a minute counts.
    assert_eq!(session(&input(3, 60)).unwrap().minutes, 1);
    assert_eq!(session(&input(10, 599)).unwrap().minutes, 9);
}

#[test]
fn a_session_under_a_minute_or_out_of_range_is_refused() {
    let e = session(&input(3, 59)).unwrap_err();
    assert_eq!(e.code(), "session_too_short");
    assert_eq!(session(&input(4, 120)).unwrap_err().code(), "out_of_range");
    assert_eq!(session(&input(3, 186)).unwrap_err().code(), "out_of_range");
    let mut hot = input(3, 120);
    hot.warmth_after = Some(11);
    assert_eq!(session(&hot).unwrap_err().code(), "out_of_range");
    let mut unrated = input(3, 120);
    unrated.warmth_before = None;
    assert_eq!(session(&unrated).unwrap().warmth_change(), None);
}

#[test]
fn movement_takes_one_to_six_hundred_minutes() {
    assert_eq!(
        movement(MovementKind::Walk, 20).unwrap(),
        (MovementKind::Walk, 20)
    );
    assert_eq!(
        movement(MovementKind::Yoga, 0).unwrap_err().code(),
        "out_of_range"
    );
    assert_eq!(
        movement(MovementKind::Yoga, 601).unwrap_err().code(),
        "out_of_range"
    );
}

#[test]
fn practice_sums_per_course_week_and_an_untick_withdraws_the_day() {
    let start = date(2026, 3, 2);
    let s = |planned, seconds, before, after| {
        Entry::Breathed(
            session(&BreathingInput {
                pattern: BreathingPattern::Even,
                planned_minutes: planned,
                seconds,
                warmth_before: before,
                warmth_after: after,
            })
            .unwrap(),
        )
    };
    let records = vec![
        rec(1, start, s(5, 300, Some(2), Some(5))),
        rec(
            2,
            start,
            Entry::Moved {
                kind: MovementKind::Walk,
                minutes: 20,
            },
        ),
        rec(
            3,
            date(2026, 3, 3),
            Entry::Moved {
                kind: MovementKind::Yoga,
                minutes: 15,
            },
        ),
        rec(
            4,
            date(2026, 3, 3),
            Entry::Moved {
                kind: MovementKind::Walk,
                minutes: 10,
            },
        ),
        // Week 2: a session, then the item unticked: the day's minutes go with it.
        rec(5, date(2026, 3, 9), s(10, 600, Some(1), Some(9))),
        rec(
            6,
            date(2026, 3, 9),
            Entry::ItemUndone {
                key: BREATHING.into(),
            },
        ),
        rec(7, date(2026, 3, 10), s(3, 90, Some(4), Some(4))),
        rec(8, date(2026, 3, 10), s(3, 180, None, Some(6))),
        // Outside the course's weeks: ignored.
        rec(
            9,
            date(2026, 5, 30),
            Entry::Moved {
                kind: MovementKind::Walk,
                minutes: 30,
            },
        ),
        rec(
            10,
            date(2026, 3, 1),
            Entry::Moved {
                kind: MovementKind::Walk,
                minutes: 30,
            },
        ),
    ];
    let sum = summarize(&records, start, 8);
    assert_eq!(sum.weeks.len(), 8);
    let w1 = &sum.weeks[0];
    assert_eq!(
        (
            w1.movement_minutes,
            w1.breathing_minutes,
            w1.breathing_sessions
        ),
        (45, 5, 1)
    );
    assert_eq!(
        w1.movement_by_kind,
        vec![
            KindMinutes {
                kind: MovementKind::Walk,
                minutes: 30
            },
            KindMinutes {
                kind: MovementKind::Yoga,
                minutes: 15
            },
        ]
    );
    let w2 = &sum.weeks[1];
    assert_eq!(
        (
            w2.movement_minutes,
            w2.breathing_minutes,
            w2.breathing_sessions
        ),
        (0, 4, 2)
    );
    // Rated before and after: sessions 1 (2 → 5) and 7 (4 → 4); the withdrawn one is not.
    let w = sum.warmth.unwrap();
    assert_eq!(w.sessions, 2);
    assert_eq!(
        (w.average_before, w.average_after, w.average_change),
        (3.0, 4.5, 1.5)
    );
}
