use super::*;
use crate::api::Core;
use crate::checkin::{CheckInInput, Rating};
use crate::checklist::Tap;
use crate::day::Now;
use crate::protocol::{ProtocolInput, Template};
use crate::report::ReportKind;
use crate::testkit::{core_with_input, date, now_in_berlin, protocol_input, urgent_check_in};
use chrono::Duration;

/// Day `n` of the course, which starts on 1 October 2026 (day 1).
fn course_day(n: i64) -> NaiveDate {
    date(2026, 10, 1) + Duration::days(n - 1)
}

fn input(times: &[&str]) -> ProtocolInput {
    let mut i = protocol_input(
        Template::Circulation,
        "glycinate",
        60.0,
        times,
        course_day(1),
    );
    i.name = "Warm hands".into();
    i.symptoms = vec![Symptom::ColdHands];
    i
}

async fn course(times: &[&str]) -> Core {
    core_with_input(&input(times)).await
}

async fn take(core: &Core, day: i64, slot: u32) {
    core.tap(
        None,
        &Tap::TakeDose { slot, at: None },
        &now_in_berlin(course_day(day), if slot == 1 { 8 } else { 20 }, 5),
    )
    .await
    .unwrap();
}

/// The score written out as the module docs define it: Σ aᵢ·wᵢ / Σ wᵢ, wᵢ = 2^(−(n−i)/7).
fn expected_score(adherences: &[f64]) -> f64 {
    let n = adherences.len();
    let w = |i: usize| 0.5f64.powf((n - 1 - i) as f64 / 7.0);
    let total: f64 = (0..n).map(w).sum();
    adherences
        .iter()
        .enumerate()
        .map(|(i, a)| a * w(i))
        .sum::<f64>()
        / total
}

#[tokio::test]
async fn adherence_streaks_and_score_from_a_known_week() {
    let core = course(&["08:00", "20:00"]).await;
    // Day 1 both, 2 one, 3 both, 4 skip day, 5 both, 6 none, 7 both; day 8 is today.
    for (day, slots) in [
        (1, vec![1, 2]),
        (2, vec![1]),
        (3, vec![1, 2]),
        (5, vec![1, 2]),
        (7, vec![1, 2]),
    ] {
        for s in slots {
            take(&core, day, s).await;
        }
    }
    core.tap(
        None,
        &Tap::SkipDay {
            reason: "travel".into(),
        },
        &now_in_berlin(course_day(4), 9, 0),
    )
    .await
    .unwrap();
    let p = core
        .progress(&now_in_berlin(course_day(8), 9, 0))
        .await
        .unwrap();
    assert_eq!(p.days.len(), 8);
    assert_eq!((p.doses_taken, p.doses_planned), (9, 12));
    assert_eq!(p.dose_adherence, Some(0.75));
    // 7 items a day (2 doses + 5 checklist items) over 6 counted days, only doses done.
    assert_eq!(p.all_adherence, Some(9.0 / 42.0));
    let kept: Vec<Option<bool>> = p.days.iter().map(|x| x.kept).collect();
    assert_eq!(
        kept,
        [
            Some(true),
            Some(false),
            Some(true),
            None,
            Some(true),
            Some(false),
            Some(true),
            None
        ]
    );
    assert_eq!(
        p.streaks,
        Streaks {
            current: 1,
            best: 2
        }
    );
    let want = expected_score(&[1.0, 0.5, 1.0, 1.0, 0.0, 1.0]);
    assert!(
        (p.score.unwrap() - want).abs() < 1e-12,
        "{:?} vs {want}",
        p.score
    );
    assert_eq!(
        p.score_series.len(),
        6,
        "skip days and an open today add no point"
    );
    assert_eq!(p.weeks.len(), 2);
    let w1 = &p.weeks[0];
    assert_eq!(
        (
            w1.doses_taken,
            w1.doses_planned,
            w1.days_counted,
            w1.skipped_days
        ),
        (9, 12, 6, 1)
    );
    assert_eq!(w1.dose_adherence, Some(0.75));
    assert_eq!(w1.supplement_mg_per_day, Some(9.0 * 60.0 / 7.0));
    assert_eq!(p.weeks[1].days_counted, 0);
    assert_eq!(p.course.as_ref().unwrap().day_number, Some(8));
    // Keeping today extends the streak at once.
    take(&core, 8, 1).await;
    take(&core, 8, 2).await;
    let p = core
        .progress(&now_in_berlin(course_day(8), 21, 0))
        .await
        .unwrap();
    assert_eq!(
        p.streaks,
        Streaks {
            current: 2,
            best: 2
        }
    );
    assert_eq!(
        p.dose_adherence,
        Some(0.75),
        "today stays out of adherence until it ends"
    );
}

fn finished_day(n: u32, doses_taken: u32) -> DayProgress {
    DayProgress {
        day: course_day(i64::from(n)),
        day_number: n,
        doses_taken,
        doses_planned: 2,
        items_done: 2.0,
        items_total: 2,
        skipped: false,
        kept: Some(doses_taken == 2),
        food_mg: 0.0,
        supplement_mg: 0.0,
        open: false,
    }
}

#[test]
fn one_perfect_day_scores_100_percent_and_a_perfect_course_stays_there() {
    let days: Vec<DayProgress> = (1..=56).map(|n| finished_day(n, 2)).collect();
    let s = score_series(&days);
    assert_eq!(s[0].1, 1.0, "day 1 taken in full: {}", s[0].1);
    assert!((s[6].1 - 1.0).abs() < 1e-12, "a perfect week: {}", s[6].1);
    assert!((s[55].1 - 1.0).abs() < 1e-12, "56 days: {}", s[55].1);
    assert_eq!(
        streaks(&days),
        Streaks {
            current: 56,
            best: 56
        }
    );
}

#[test]
fn six_days_at_75_percent_score_75_percent() {
    // Two doses a day: 2, 1, 2, 1, 2, 1 taken is 75% each pair, and 75% over the six days.
    let days: Vec<DayProgress> = (1..=6)
        .map(|n| finished_day(n, if n % 2 == 1 { 2 } else { 1 }))
        .collect();
    let s = score_series(&days);
    // Exact: weights 2^(−k/7) for k = 5..0, the full days at k = 5, 3, 1.
    let w = |k: i32| 0.5f64.powf(f64::from(k) / 7.0);
    let want = (w(5) + w(3) + w(1) + 0.5 * (w(4) + w(2) + w(0))) / (0..6).map(w).sum::<f64>();
    assert!((s[5].1 - want).abs() < 1e-12, "{} vs {want}", s[5].1);
    assert!((s[5].1 - 0.75).abs() < 0.02, "about 75%: {}", s[5].1);
}

#[test]
fn recent_days_weigh_more_and_a_weight_halves_in_seven_days() {
    // Day 1 missed, then seven full days: day 1's weight is half of day 8's.
    let mut days = vec![finished_day(1, 0)];
    days.extend((2..=8).map(|n| finished_day(n, 2)));
    let s = score_series(&days);
    let w: Vec<f64> = (0..8).map(|k| 0.5f64.powf(f64::from(k) / 7.0)).collect();
    let want = (w.iter().sum::<f64>() - w[7]) / w.iter().sum::<f64>();
    assert!((s[7].1 - want).abs() < 1e-12, "{} vs {want}", s[7].1);
    // The same week the other way round (missed last) reads lower: recent days weigh more.
    let mut late = (1..=7).map(|n| finished_day(n, 2)).collect::<Vec<_>>();
    late.push(finished_day(8, 0));
    assert!(score_series(&late)[7].1 < s[7].1);
}

#[tokio::test]
async fn a_protocol_edit_mid_course_counts_each_day_under_its_version() {
    let core = course(&["08:00", "20:00"]).await;
    take(&core, 1, 1).await;
    take(&core, 1, 2).await;
    take(&core, 2, 1).await;
    take(&core, 3, 1).await;
    take(&core, 3, 2).await;
    // On day 3, after logging, the user adds a third dose: days 4 on have three.
    core.save_protocol(
        &input(&["08:00", "13:00", "20:00"]),
        false,
        &now_in_berlin(course_day(3), 21, 0),
    )
    .await
    .unwrap();
    for day in [4, 5] {
        for (slot, h) in [(1, 8), (2, 13), (3, 20)] {
            core.tap(
                None,
                &Tap::TakeDose { slot, at: None },
                &now_in_berlin(course_day(day), h, 5),
            )
            .await
            .unwrap();
        }
    }
    let p = core
        .progress(&now_in_berlin(course_day(6), 9, 0))
        .await
        .unwrap();
    let planned: Vec<u32> = p.days.iter().map(|x| x.doses_planned).collect();
    assert_eq!(planned, [2, 2, 2, 3, 3, 3]);
    assert_eq!((p.doses_taken, p.doses_planned), (11, 12));
    assert_eq!(
        p.streaks,
        Streaks {
            current: 3,
            best: 3
        }
    );
    let want = expected_score(&[1.0, 0.5, 1.0, 1.0, 1.0]);
    assert!((p.score.unwrap() - want).abs() < 1e-12);
}

#[tokio::test]
async fn a_change_of_day_start_keeps_the_days_already_logged() {
    let core = course(&["08:00", "23:30"]).await;
    // Day 1: the evening dose ticked at 00:30 belongs to day 1 (04:00 day start).
    take(&core, 1, 1).await;
    core.tap(
        None,
        &Tap::TakeDose { slot: 2, at: None },
        &now_in_berlin(course_day(2), 0, 30),
    )
    .await
    .unwrap();
    // The user moves the day start to midnight on day 2.
    let mut s = core.settings().await.unwrap();
    s.day_start = "00:00".into();
    core.update_settings(s).await.unwrap();
    take(&core, 2, 1).await;
    // Now a tick at 00:30 belongs to the new calendar day (day 3), not day 2.
    core.tap(
        None,
        &Tap::TakeDose { slot: 2, at: None },
        &now_in_berlin(course_day(3), 0, 30),
    )
    .await
    .unwrap();
    let p = core
        .progress(&now_in_berlin(course_day(4), 9, 0))
        .await
        .unwrap();
    let taken: Vec<u32> = p.days.iter().map(|x| x.doses_taken).collect();
    assert_eq!(taken, [2, 1, 1, 0]);
    assert_eq!((p.doses_taken, p.doses_planned), (4, 6));
    assert_eq!(
        p.streaks,
        Streaks {
            current: 0,
            best: 1
        }
    );
}

#[tokio::test]
async fn symptom_trends_against_the_baseline_by_week() {
    let core = course(&["08:00", "20:00"]).await;
    let rate = |day: i64, v: u8| CheckInInput {
        day: Some(course_day(day).format("%Y-%m-%d").to_string()),
        ratings: vec![Rating {
            symptom: Symptom::ColdHands,
            value: v,
        }],
        urgent: vec![],
        note: String::new(),
    };
    let now = now_in_berlin(course_day(15), 9, 0);
    for (day, v) in [(1, 7), (3, 7), (8, 5), (10, 3), (14, 3)] {
        core.check_in(&rate(day, v), &now).await.unwrap();
    }
    // A second rating on day 14 replaces the first.
    core.check_in(&rate(14, 2), &now).await.unwrap();
    let p = core.progress(&now).await.unwrap();
    let cold = p
        .symptoms
        .iter()
        .find(|s| s.symptom == Symptom::ColdHands)
        .unwrap();
    assert_eq!(
        cold.baseline.map(|b| (b.day, b.value)),
        Some((course_day(1), 7))
    );
    assert_eq!(cold.points.len(), 5);
    assert_eq!(cold.change, Some(-5));
    let w = |n: usize| {
        p.weeks[n]
            .symptoms
            .iter()
            .find(|s| s.symptom == Symptom::ColdHands)
            .unwrap()
            .clone()
    };
    assert_eq!((w(0).average, w(0).change), (Some(7.0), Some(0.0)));
    assert_eq!(
        (w(1).average, w(1).change),
        (Some(10.0 / 3.0), Some(10.0 / 3.0 - 7.0))
    );
    assert_eq!(w(2).average, None);
    // Stomach is always tracked.
    assert!(p.symptoms.iter().any(|s| s.symptom == Symptom::Stomach));
}

#[tokio::test]
async fn check_ins_advise_and_refuse() {
    let core = course(&["08:00", "20:00"]).await;
    let now = now_in_berlin(course_day(2), 9, 0);
    let r = core
        .check_in(
            &CheckInInput {
                day: None,
                ratings: vec![Rating {
                    symptom: Symptom::Stomach,
                    value: 6,
                }],
                urgent: vec![],
                note: "loose".into(),
            },
            &now,
        )
        .await
        .unwrap();
    assert_eq!(r.advice.len(), 1);
    assert_eq!(r.advice[0].code, "loose_stools");
    assert!(r.advice[0].message.contains("Lower each intake"));
    assert_eq!(r.advice[0].source.id, "diarrhea");
    assert!(r.day.checked_in);
    assert_eq!(
        r.day
            .symptoms
            .iter()
            .find(|s| s.symptom == Symptom::Stomach)
            .unwrap()
            .value,
        Some(6)
    );
    let r = core
        .check_in(&urgent_check_in(&["irregular heartbeat"]), &now)
        .await
        .unwrap();
    assert_eq!(r.advice[0].level, crate::protocol::Level::Stop);
    assert!(r.advice[0]
        .message
        .starts_with("Stop taking magnesium and seek medical care now"));
    let before = core.store().event_count().await.unwrap();
    let bad = |ratings: Vec<Rating>, urgent: Vec<String>| CheckInInput {
        day: None,
        ratings,
        urgent,
        note: String::new(),
    };
    let cases = [
        (
            bad(
                vec![Rating {
                    symptom: Symptom::ColdHands,
                    value: 11,
                }],
                vec![],
            ),
            "invalid_rating",
        ),
        (
            bad(
                vec![Rating {
                    symptom: Symptom::NervePain,
                    value: 3,
                }],
                vec![],
            ),
            "unknown_symptom",
        ),
        (
            bad(
                vec![
                    Rating {
                        symptom: Symptom::ColdHands,
                        value: 3,
                    },
                    Rating {
                        symptom: Symptom::ColdHands,
                        value: 4,
                    },
                ],
                vec![],
            ),
            "duplicate_rating",
        ),
        (bad(vec![], vec!["hiccups".into()]), "unknown_symptom"),
        (bad(vec![], vec![]), "empty_check_in"),
    ];
    for (input, code) in cases {
        assert_eq!(core.check_in(&input, &now).await.unwrap_err().code(), code);
    }
    let far = CheckInInput {
        day: Some("2030-01-01".into()),
        ..bad(
            vec![Rating {
                symptom: Symptom::ColdHands,
                value: 1,
            }],
            vec![],
        )
    };
    assert_eq!(
        core.check_in(&far, &now).await.unwrap_err().code(),
        "date_out_of_range"
    );
    assert_eq!(
        core.store().event_count().await.unwrap(),
        before,
        "refused check-ins write nothing"
    );
}

#[tokio::test]
async fn the_week_4_report_holds_adherence_symptoms_and_escaped_notes() {
    let core = course(&["08:00", "20:00"]).await;
    for day in 1..=28 {
        take(&core, day, 1).await;
        if day % 2 == 0 {
            take(&core, day, 2).await;
        }
    }
    let now = now_in_berlin(course_day(30), 9, 0);
    core.tap(
        Some("2026-10-02"),
        &Tap::Note {
            item: "dose:1".into(),
            text: "with <b>oats</b>, \"fine\"".into(),
        },
        &now,
    )
    .await
    .unwrap();
    for (day, v) in [(1, 8), (27, 4)] {
        core.check_in(
            &CheckInInput {
                day: Some(course_day(day).format("%Y-%m-%d").to_string()),
                ratings: vec![Rating {
                    symptom: Symptom::ColdHands,
                    value: v,
                }],
                urgent: vec![],
                note: String::new(),
            },
            &now,
        )
        .await
        .unwrap();
    }
    let r = core.report(ReportKind::Week4, &now).await.unwrap();
    assert_eq!(r.title, "Magday course report: weeks 1–4");
    assert_eq!(r.file_stem, "magday-report-week-4-2026-10-28");
    assert!(
        r.html
            .contains("Doses taken: <strong>42 of 56</strong> (75%)"),
        "{}",
        r.html
    );
    assert!(r
        .html
        .contains("<td>Cold hands</td><td>8 (1 Oct 2026)</td>"));
    assert!(r.html.contains("class=\"better\">-4.0</td>"));
    assert!(r
        .html
        .contains("with &lt;b&gt;oats&lt;/b&gt;, &quot;fine&quot;"));
    assert!(!r.html.contains("<b>oats"));
    assert!(r.html.contains("not medical advice"));
    let rows: Vec<&str> = r.csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(rows.len(), 29, "a header and 28 days");
    assert!(rows[0].starts_with("date,day,doses_taken,doses_planned"));
    assert!(rows[0].contains(",cold_hands,"));
    assert!(rows[2].starts_with("2026-10-02,2,2,2,"));
    assert!(
        rows[2].ends_with(",\"Dose 1 (08:00): with <b>oats</b>, \"\"fine\"\"\""),
        "{}",
        rows[2]
    );
    // The report so far reaches today's last finished day (day 29 is in it; day 30 is open).
    let so_far = core.report(ReportKind::Now, &now).await.unwrap();
    assert_eq!(
        so_far.csv.split("\r\n").filter(|l| !l.is_empty()).count(),
        31
    );
}

#[tokio::test]
async fn before_any_protocol_progress_is_empty() {
    let core = Core::open_in_memory().await.unwrap();
    let p = core
        .progress(&now_in_berlin(course_day(1), 9, 0))
        .await
        .unwrap();
    assert!(p.course.is_none() && p.days.is_empty());
    assert_eq!(
        core.report(ReportKind::Now, &now_in_berlin(course_day(1), 9, 0))
            .await
            .unwrap_err()
            .code(),
        "no_protocol"
    );
}

#[tokio::test]
async fn a_report_is_written_whole_where_asked() {
    let core = course(&["08:00", "20:00"]).await;
    take(&core, 1, 1).await;
    let dir = tempfile::tempdir().unwrap();
    let now = now_in_berlin(course_day(3), 9, 0);
    let html = core
        .export_report(
            ReportKind::Now,
            None,
            crate::report::ReportFormat::Html,
            &dir.path().join("report"),
            &now,
        )
        .await
        .unwrap();
    assert_eq!(html, dir.path().join("report.html"));
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.starts_with("<!doctype html>") && text.ends_with("</html>\n"));
    let csv = core
        .export_report(
            ReportKind::Now,
            None,
            crate::report::ReportFormat::Csv,
            &dir.path().join("days.csv"),
            &now,
        )
        .await
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(csv).unwrap().lines().count(),
        4,
        "a header and days 1 to 3 (today included, still open)"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no partial files left"
    );
    let missing = dir.path().join("no/such/dir/r.html");
    let e = core
        .export_report(
            ReportKind::Now,
            None,
            crate::report::ReportFormat::Html,
            &missing,
            &now,
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), "io");
}

#[tokio::test]
async fn the_urgent_signs_offered_are_exactly_those_a_check_in_accepts() {
    let core = course(&["08:00"]).await;
    let now = now_in_berlin(course_day(2), 9, 0);
    let offered = core.setup_options(&now).await.unwrap().urgent_symptoms;
    assert_eq!(offered.len(), crate::facts::URGENT_SYMPTOMS.len());
    let r = core
        .check_in(
            &CheckInInput {
                day: None,
                ratings: vec![],
                urgent: offered.clone(),
                note: String::new(),
            },
            &now,
        )
        .await
        .unwrap();
    assert_eq!(r.advice[0].level, crate::protocol::Level::Stop);
    for sign in &offered {
        assert!(r.advice[0].message.contains(sign.as_str()), "{sign}");
    }
}

#[tokio::test]
async fn the_days_advice_stays_until_a_later_check_in_lifts_it() {
    let core = course(&["08:00", "20:00"]).await;
    let now = now_in_berlin(course_day(2), 9, 0);
    let check = |urgent: Vec<String>, stomach: Option<u8>| CheckInInput {
        day: None,
        ratings: stomach
            .map(|v| {
                vec![Rating {
                    symptom: Symptom::Stomach,
                    value: v,
                }]
            })
            .unwrap_or_default(),
        urgent,
        note: String::new(),
    };
    core.check_in(&check(vec!["trouble breathing".into()], Some(5)), &now)
        .await
        .unwrap();
    // Opened again later, the day still carries both.
    let v = core
        .day(None, &now_in_berlin(course_day(2), 12, 0))
        .await
        .unwrap();
    let codes: Vec<&str> = v.advice.iter().map(|a| a.code).collect();
    assert_eq!(codes, ["seek_care", "loose_stools"]);
    assert!(v.advice[0].message.contains("trouble breathing"));
    // A later check-in without urgent signs and with a settled stomach lifts them.
    let r = core
        .check_in(
            &check(vec![], Some(1)),
            &now_in_berlin(course_day(2), 18, 0),
        )
        .await
        .unwrap();
    assert!(r.advice.is_empty() && r.day.advice.is_empty());
    // Another day starts clean.
    assert!(core
        .day(None, &now_in_berlin(course_day(3), 9, 0))
        .await
        .unwrap()
        .advice
        .is_empty());
}

#[tokio::test]
async fn a_report_covers_the_range_chosen_and_says_so() {
    use crate::export::ExportRange;
    let core = course(&["08:00", "20:00"]).await;
    take(&core, 1, 1).await;
    take(&core, 2, 1).await;
    let dir = tempfile::tempdir().unwrap();
    let now = now_in_berlin(course_day(5), 9, 0);
    let range = ExportRange::Custom {
        first: course_day(2).to_string(),
        last: course_day(3).to_string(),
    };
    let csv = core
        .export_report(
            ReportKind::Now,
            Some(&range),
            crate::report::ReportFormat::Csv,
            &dir.path().join("days.csv"),
            &now,
        )
        .await
        .unwrap();
    let text = std::fs::read_to_string(csv).unwrap();
    let days: Vec<&str> = text.lines().skip(1).map(|l| &l[..10]).collect();
    assert_eq!(
        days,
        [course_day(2).to_string(), course_day(3).to_string()],
        "only the days chosen"
    );
    let html = core
        .export_report(
            ReportKind::Now,
            Some(&range),
            crate::report::ReportFormat::Html,
            &dir.path().join("r"),
            &now,
        )
        .await
        .unwrap();
    let page = std::fs::read_to_string(html).unwrap();
    let label = format!(
        "Chosen days: {} – {}",
        course_day(2).format("%-d %b %Y"),
        course_day(3).format("%-d %b %Y")
    );
    assert!(page.contains(&label), "the range is stated: {label}");
    let stem = core
        .report_file_stem(ReportKind::Now, Some(&ExportRange::Last7), &now)
        .await
        .unwrap();
    assert_eq!(
        stem,
        format!("magday-report-{}-{}", course_day(1), course_day(5)),
        "clipped to the course"
    );
    let bad = ExportRange::Custom {
        first: course_day(4).to_string(),
        last: course_day(2).to_string(),
    };
    let e = core
        .report_file_stem(ReportKind::Now, Some(&bad), &now)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "bad_range");
}

#[tokio::test]
async fn a_saved_calendar_is_out_of_date_once_the_plan_changes() {
    use crate::api::{DataExportInput, DataFormat};
    use crate::export::ExportRange;
    let core = course(&["08:00", "20:00"]).await;
    let dir = tempfile::tempdir().unwrap();
    let now = now_in_berlin(course_day(2), 9, 0);
    assert_eq!(outdated(&core, now).await, None, "no calendar saved");
    let save = |format| DataExportInput {
        format,
        range: ExportRange::Course,
        person: None,
        private: false,
    };
    core.export_data_to(&save(DataFormat::EventCsv), &dir.path().join("e"), &now)
        .await
        .unwrap();
    assert_eq!(outdated(&core, now).await, None, "a CSV is no calendar");
    core.export_data_to(&save(DataFormat::Calendar), &dir.path().join("c"), &now)
        .await
        .unwrap();
    assert_eq!(outdated(&core, now).await, None, "the calendar is current");
    // Dose 1 moves to 09:00 from tomorrow: the saved calendar is out of date.
    let later = now_in_berlin(course_day(2), 10, 0);
    core.save_protocol(&input(&["09:00", "20:00"]), false, &later)
        .await
        .unwrap();
    assert_eq!(outdated(&core, later).await, Some(course_day(2)));
    // A new calendar for the new plan is current again.
    core.export_data_to(&save(DataFormat::Calendar), &dir.path().join("c2"), &later)
        .await
        .unwrap();
    assert_eq!(outdated(&core, later).await, None);
}

/// The day a saved calendar went out of date, as Progress says it.
async fn outdated(core: &Core, now: Now) -> Option<NaiveDate> {
    core.progress(&now).await.unwrap().calendar_outdated
}
