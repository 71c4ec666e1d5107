//! Issue 22: the report opens with Safety: the answers, every medicine with each intake time,
//! the limit and the plan's share of it, the pause state and every pause; then the protocol.

use super::data::*;
use super::*;
use crate::facts::MedicineClass;
use crate::pause::Pause;
use crate::progress::Streaks;
use crate::protocol::{validate, MedicineInput};
use crate::testkit::{
    core_with_protocol, date, medicine, nerve, now_in_berlin, rfc3339, urgent_check_in,
};

/// The nerve protocol from 2 March 2026 (doses at 08:00 and 20:00) with an antibiotic twice a
/// day, a diuretic once, and a medicine without a time.
fn spec() -> ProtocolSpec {
    let start = date(2026, 3, 2);
    let mut input = nerve(start, &["08:00", "20:00"]);
    input.safety.medicines = vec![
        MedicineInput {
            more_times: vec!["16:00".into()],
            ..medicine(MedicineClass::Tetracycline, "doxycycline", Some("12:00"))
        },
        medicine(
            MedicineClass::LoopOrThiazideDiuretic,
            "furosemide",
            Some("07:00"),
        ),
        medicine(MedicineClass::Other, "levothyroxine", None),
    ];
    validate(&input, start, 240).unwrap().0
}

fn pause(since: &str, day: NaiveDate, signs: &[&str], until: Option<&str>) -> Pause {
    Pause {
        since: rfc3339(since),
        day,
        signs: signs.iter().map(|s| (*s).into()).collect(),
        until: until.map(rfc3339),
        carried: false,
    }
}

fn data(spec: &ProtocolSpec, pauses: Vec<Pause>, paused_now: Option<Pause>) -> ReportData<'_> {
    ReportData {
        range_label: None,
        kind: ReportKind::Now,
        generated: rfc3339("2026-03-20T10:00:00+01:00"),
        spec,
        first: spec.start_date,
        last: date(2026, 3, 19),
        days: &[],
        weeks: &[],
        symptoms: &[],
        dose_adherence: None,
        all_adherence: None,
        streaks: Streaks::default(),
        score: None,
        notes: vec![],
        pauses,
        paused_now,
        supply: None,
        practice: Default::default(),
    }
}

fn at_index(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle} missing in {html}"))
}

#[test]
fn the_report_opens_with_safety_then_the_protocol() {
    let s = spec();
    let h = html(&data(&s, vec![], None));
    let safety = at_index(&h, "<h2>Safety</h2>");
    assert_eq!(h.find("<h2>"), Some(safety), "Safety is the first section");
    let pauses = at_index(&h, "<h2>Safety pauses</h2>");
    let protocol = at_index(&h, "<h2>Protocol</h2>");
    assert!(safety < pauses && pauses < protocol, "{h}");
    assert!(protocol < at_index(&h, "<h2>Adherence</h2>"));
    // The answers, the limit and the plan's share of it come before the protocol.
    for needle in [
        "<li>Answers: age ",
        "kidney disease: no",
        "Limit for supplemental magnesium: 350 mg a day",
        "supplements plus antacids and laxatives: 200 mg, 57% of it",
        "<p data-pause-state=\"not_paused\">Not paused now. No urgent signs were reported.</p>",
    ] {
        assert!(at_index(&h, needle) < protocol, "{needle}");
    }
    assert!(h.contains("not medical advice"));
}

#[test]
fn the_medicine_list_shows_every_intake_time() {
    let s = spec();
    let h = html(&data(&s, vec![], None));
    let protocol = at_index(&h, "<h2>Protocol</h2>");
    for needle in [
        "<li data-medicine>doxycycline: taken at 12:00 and 16:00. Take it at least 2 h before or 4 h after magnesium.</li>",
        "<li data-medicine>furosemide: taken at 07:00.</li>",
        "<li data-medicine>levothyroxine: no intake time given.",
    ] {
        assert!(at_index(&h, needle) < protocol, "{needle}");
    }
    // Three times a day: each one.
    let mut three = s.clone();
    three.safety.medicines = vec![MedicineInput {
        more_times: vec!["14:00".into(), "22:00".into()],
        ..medicine(MedicineClass::Quinolone, "ciprofloxacin", Some("06:00"))
    }];
    let h = html(&data(&three, vec![], None));
    assert!(
        h.contains("ciprofloxacin: taken at 06:00, 14:00 and 22:00."),
        "{h}"
    );
    let mut none = s.clone();
    none.safety.medicines.clear();
    let h = html(&data(&none, vec![], None));
    assert!(h.contains("<li data-medicines>Medicines: none declared</li>"));
}

#[test]
fn the_safety_section_shows_the_pause_state_and_every_pause() {
    let s = spec();
    // Reported at 19:30 on the 5th in a check-in for the 4th, cleared on the 6th at 09:15.
    let past = pause(
        "2026-03-05T19:30:00+01:00",
        date(2026, 3, 4),
        &["flushing"],
        Some("2026-03-06T09:15:00+01:00"),
    );
    let open = pause(
        "2026-03-18T07:30:00+01:00",
        date(2026, 3, 18),
        &["confusion", "lethargy"],
        None,
    );
    let h = html(&data(
        &s,
        vec![past.clone(), open.clone()],
        Some(open.clone()),
    ));
    let protocol = at_index(&h, "<h2>Protocol</h2>");
    let state = at_index(
        &h,
        "<p data-pause-state=\"paused\"><strong>Paused now</strong>, since 18 Mar 2026 07:30: the user reported confusion, lethargy. No dose reminders until the user confirms a clinician's clearance.</p>",
    );
    let first = at_index(
        &h,
        "<li data-pause>Since 5 Mar 2026 19:30 (check-in for 4 Mar 2026) · reported flushing: magnesium paused, resumed 6 Mar 2026 at 09:15 after the user confirmed a clinician's clearance</li>",
    );
    let second = at_index(
        &h,
        "<li data-pause>Since 18 Mar 2026 07:30 · reported confusion, lethargy: magnesium paused, still paused: no clinician's clearance confirmed yet</li>",
    );
    assert!(state < first && first < second && second < protocol, "{h}");
    assert_eq!(h.matches("<li data-pause>").count(), 2, "each pause once");
    // A pause in force that began after the report's last day is still said and listed.
    let later = pause(
        "2026-03-25T08:00:00+01:00",
        date(2026, 3, 25),
        &["confusion"],
        None,
    );
    let h = html(&data(&s, vec![past.clone()], Some(later)));
    assert!(h.contains("<strong>Paused now</strong>, since 25 Mar 2026 08:00"));
    assert_eq!(h.matches("<li data-pause>").count(), 2);
    // Resumed since: not paused now, the pause still listed.
    let h = html(&data(&s, vec![past.clone()], None));
    assert!(h.contains("<p data-pause-state=\"not_paused\">Not paused now.</p>"));
    assert_eq!(h.matches("<li data-pause>").count(), 1);
    // A pause carried over from a replaced record says so.
    let carried = Pause {
        carried: true,
        ..open
    };
    let h = html(&data(&s, vec![past, carried.clone()], Some(carried)));
    assert!(
        h.contains("<li data-pause>Since 18 Mar 2026 07:30 (open when the record was restored or started anew: carried over) · reported confusion"),
        "{h}"
    );
}

/// The api fills the pause in force now: a sign reported at a check-in opens the report.
#[tokio::test]
async fn a_sign_reported_at_a_check_in_opens_the_report_as_paused_now() {
    let start = date(2026, 3, 2);
    let core = core_with_protocol(start).await;
    let t = now_in_berlin(date(2026, 3, 3), 7, 30);
    core.check_in(&urgent_check_in(&["confusion"]), &t)
        .await
        .unwrap();
    let later = now_in_berlin(date(2026, 3, 4), 9, 0);
    let h = core.report(ReportKind::Now, &later).await.unwrap().html;
    let state = at_index(
        &h,
        "<strong>Paused now</strong>, since 3 Mar 2026 07:30: the user reported confusion.",
    );
    let item = at_index(
        &h,
        "<li data-pause>Since 3 Mar 2026 07:30 · reported confusion: magnesium paused, still paused",
    );
    assert!(state < item && item < at_index(&h, "<h2>Protocol</h2>"));
}

#[test]
fn a_report_not_ready_yet_says_the_day_it_will_be() {
    let first = date(2026, 3, 2);
    let o = offers(56, first, date(2026, 3, 20));
    let on: Vec<_> = o.iter().map(|r| (r.kind, r.ready, r.ready_on)).collect();
    assert_eq!(
        on,
        [
            (ReportKind::Week4, false, Some(date(2026, 3, 29))),
            (ReportKind::Week8, false, Some(date(2026, 4, 26))),
            (ReportKind::Now, true, None),
        ]
    );
    // On its last day the week 4 report is ready, and no longer says when.
    let o = offers(56, first, date(2026, 3, 29));
    assert_eq!((o[0].ready, o[0].ready_on), (true, None));
}
