//! The calendar, read back with an independent parser (`ical`).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use ical::parser::ical::component::{IcalCalendar, IcalTimeZone, IcalTimeZoneTransitionType};
use ical::property::Property;

use super::*;
use crate::export::Span;
use crate::facts::MedicineClass;
use crate::protocol::{validate, ProtocolInput, Template};
use crate::testkit::{
    date, file_core_with_input, medicine, now_in, parse_date, protocol_input, rfc3339,
};
use crate::zone::known::{BERLIN, NEW_YORK, TOKYO};

fn input(start: NaiveDate, times: &[&str], length: u32) -> ProtocolInput {
    let mut i = protocol_input(Template::Nerve, "glycinate", 150.0, times, start);
    i.length_days = length;
    if let Some(s) = i.supplement.as_mut() {
        s.product = "Calm Glycinate 150".into();
    }
    i
}

fn with_doxycycline(mut i: ProtocolInput) -> ProtocolInput {
    i.safety.medicines.push(medicine(
        MedicineClass::Tetracycline,
        "doxycycline",
        Some("14:00"),
    ));
    i
}

fn spec(i: &ProtocolInput) -> ProtocolSpec {
    let start = parse_date(&i.start_date);
    validate(i, start, 240).expect("a valid plan").0
}

fn data(spec: &ProtocolSpec, tz: Tz, private: bool, pre_alert_min: Option<u32>) -> ExportData<'_> {
    ExportData {
        span: Span {
            first: spec.start_date,
            last: spec.start_date,
            label: String::new(),
        },
        generated: rfc3339("2026-10-01T07:30:00+02:00"),
        zone: tz.name().into(),
        versions: vec![],
        current: Some(spec),
        days: vec![],
        records: &[],
        devices: Default::default(),
        labels: Default::default(),
        pauses: vec![],
        person: None,
        private,
        pre_alert_min,
        day_start_min: 240,
    }
}

fn parse(ics: &str) -> IcalCalendar {
    let mut p = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let cal = p.next().expect("a calendar").expect("it parses");
    assert!(p.next().is_none(), "one calendar");
    cal
}

fn value<'a>(props: &'a [Property], name: &str) -> &'a str {
    props
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_else(|| panic!("no {name}"))
}

fn tzid(props: &[Property], name: &str) -> String {
    let p = props.iter().find(|p| p.name == name).expect("present");
    let params = p.params.as_ref().expect("parameters");
    let (_, v) = params.iter().find(|(k, _)| k == "TZID").expect("a TZID");
    v.join(",")
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%S").unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    local(s.trim_end_matches('Z')).and_utc()
}

fn until_of(rrule: &str) -> DateTime<Utc> {
    let u = rrule.split(';').find_map(|p| p.strip_prefix("UNTIL="));
    let u = u.expect("an UNTIL");
    assert!(u.ends_with('Z'), "UNTIL is UTC: {u}");
    utc(u)
}

/// (onset in UTC, offset after it, seconds) of each observance, parsed as a client would.
fn observances(z: &IcalTimeZone) -> Vec<(DateTime<Utc>, i64)> {
    let secs = |s: &str| {
        let sign = if s.starts_with('-') { -1 } else { 1 };
        let h: i64 = s[1..3].parse().unwrap();
        let m: i64 = s[3..5].parse().unwrap();
        sign * (h * 3600 + m * 60)
    };
    let mut out: Vec<_> = z
        .transitions
        .iter()
        .map(|t| {
            let from = secs(value(&t.properties, "TZOFFSETFROM"));
            let to = secs(value(&t.properties, "TZOFFSETTO"));
            let onset = local(value(&t.properties, "DTSTART")) - Duration::seconds(from);
            (onset.and_utc(), to)
        })
        .collect();
    out.sort();
    out
}

/// The instant of local time `l` under the emitted VTIMEZONE.
fn instant(obs: &[(DateTime<Utc>, i64)], l: NaiveDateTime) -> DateTime<Utc> {
    let in_force = |t: DateTime<Utc>| obs.iter().rev().find(|(on, _)| *on <= t).map(|o| o.1);
    obs.iter()
        .map(|(_, off)| (l - Duration::seconds(*off)).and_utc())
        .find(|t| in_force(*t) == Some((l - t.naive_utc()).num_seconds()))
        .expect("the local time exists")
}

/// The DAYLIGHT/STANDARD sub-components as (kind, DTSTART, from, to).
fn transitions(z: &IcalTimeZone) -> Vec<(&'static str, String, String, String)> {
    z.transitions
        .iter()
        .map(|t| {
            let kind = match t.transition {
                IcalTimeZoneTransitionType::DAYLIGHT => "DAYLIGHT",
                IcalTimeZoneTransitionType::STANDARD => "STANDARD",
            };
            let v = |n| value(&t.properties, n).to_string();
            (kind, v("DTSTART"), v("TZOFFSETFROM"), v("TZOFFSETTO"))
        })
        .collect()
}

#[test]
fn one_event_per_dose_time_until_the_last_dose_with_alarms() {
    let s = spec(&input(date(2026, 11, 2), &["08:00", "20:00"], 56));
    let cal = parse(&calendar(&data(&s, BERLIN, false, Some(15))));
    assert_eq!(cal.events.len(), 2, "one event per dose time");
    let (first, second) = (&cal.events[0].properties, &cal.events[1].properties);
    assert_eq!(value(first, "DTSTART"), "20261102T080000");
    assert_eq!(tzid(first, "DTSTART"), "Europe/Berlin");
    assert_eq!(value(second, "DTSTART"), "20261102T200000");
    // The last day is 27 Dec 2026 (CET, UTC+1).
    assert_eq!(
        value(first, "RRULE"),
        "FREQ=DAILY;UNTIL=20261227T070000Z",
        "UNTIL is the last dose in UTC"
    );
    assert_eq!(until_of(value(second, "RRULE")), utc("20261227T190000Z"));
    assert_eq!(value(first, "DTSTAMP"), "20261001T053000Z");
    assert_ne!(value(first, "UID"), value(second, "UID"));
    for e in &cal.events {
        let triggers: Vec<&str> = e
            .alarms
            .iter()
            .map(|a| {
                assert_eq!(value(&a.properties, "ACTION"), "DISPLAY");
                assert!(!value(&a.properties, "DESCRIPTION").is_empty());
                value(&a.properties, "TRIGGER")
            })
            .collect();
        assert_eq!(
            triggers,
            ["PT0M", "-PT15M"],
            "at the dose and the pre-alert"
        );
    }
    assert_eq!(
        value(first, "SUMMARY"),
        "Magnesium: dose 1 — 1 unit of Calm Glycinate 150 (150 mg)"
    );
    let text = value(first, "DESCRIPTION");
    assert!(text.contains("Magday") && text.contains("not medical advice"));
    assert!(text.contains("remove this calendar"), "{text}");
    // Without a pre-alert, one alarm each.
    let cal = parse(&calendar(&data(&s, BERLIN, false, None)));
    assert!(cal.events.iter().all(|e| e.alarms.len() == 1));
}

#[test]
fn eight_stays_eight_across_the_clock_changes_in_berlin() {
    let s = spec(&input(date(2027, 3, 20), &["08:00"], 56));
    let cal = parse(&calendar(&data(&s, BERLIN, false, None)));
    assert_eq!(cal.timezones.len(), 1);
    let z = &cal.timezones[0];
    assert_eq!(value(&z.properties, "TZID"), "Europe/Berlin");
    let ts = transitions(z);
    assert_eq!(ts[0].2, "+0100", "CET when the course starts");
    assert_eq!(
        ts[1..],
        [(
            "DAYLIGHT",
            "20270328T020000".to_string(),
            "+0100".to_string(),
            "+0200".to_string()
        )]
    );
    let obs = observances(z);
    let e = &cal.events[0].properties;
    let start = local(value(e, "DTSTART"));
    let at = |day: i64| instant(&obs, start + Duration::days(day));
    assert_eq!(at(0), utc("20270320T070000Z"));
    assert_eq!(at(7), utc("20270327T070000Z"), "the day before: UTC+1");
    assert_eq!(
        at(8),
        utc("20270328T060000Z"),
        "the day of the change: UTC+2"
    );
    // The last occurrence is the UNTIL, the next would be past it.
    let until = until_of(value(e, "RRULE"));
    assert_eq!(at(55), until);
    assert!(at(56) > until);
}

#[test]
fn eight_stays_eight_across_the_clock_changes_in_new_york() {
    let s = spec(&input(date(2026, 10, 20), &["08:00"], 180));
    let cal = parse(&calendar(&data(&s, NEW_YORK, false, None)));
    let z = &cal.timezones[0];
    assert_eq!(value(&z.properties, "TZID"), "America/New_York");
    let o = |k, t: &str, f: &str, to: &str| (k, t.to_string(), f.to_string(), to.to_string());
    assert_eq!(
        transitions(z)[1..],
        [
            o("STANDARD", "20261101T020000", "-0400", "-0500"),
            o("DAYLIGHT", "20270314T020000", "-0500", "-0400"),
        ]
    );
    let obs = observances(z);
    let start = local(value(&cal.events[0].properties, "DTSTART"));
    let at = |day: i64| instant(&obs, start + Duration::days(day));
    assert_eq!(at(11), utc("20261031T120000Z"), "EDT, UTC-4");
    assert_eq!(at(12), utc("20261101T130000Z"), "EST, UTC-5");
    assert_eq!(at(144), utc("20270313T130000Z"));
    assert_eq!(at(145), utc("20270314T120000Z"), "EDT again");
    // 20 Oct 2026 + 179 days = 17 Apr 2027, EDT.
    let until = until_of(value(&cal.events[0].properties, "RRULE"));
    assert_eq!(until, utc("20270417T120000Z"));
}

#[test]
fn a_zone_without_changes_has_one_standard_observance() {
    let s = spec(&input(date(2027, 3, 20), &["08:00"], 56));
    let cal = parse(&calendar(&data(&s, TOKYO, false, None)));
    let ts = transitions(&cal.timezones[0]);
    assert_eq!(ts.len(), 1);
    assert_eq!(
        (ts[0].0, ts[0].2.as_str(), ts[0].3.as_str()),
        ("STANDARD", "+0900", "+0900")
    );
    assert_eq!(
        until_of(value(&cal.events[0].properties, "RRULE")),
        utc("20270513T230000Z"),
        "14 May 2027 08:00 in Tokyo (UTC+9)"
    );
}

#[test]
fn private_text_names_no_product_form_amount_or_medicine() {
    let s = spec(&with_doxycycline(input(
        date(2026, 11, 2),
        &["08:00", "20:00"],
        56,
    )));
    let ics = calendar(&data(&s, BERLIN, true, Some(10)));
    let cal = parse(&ics);
    assert_eq!(cal.events.len(), 4, "two doses, two keep-apart windows");
    assert_eq!(
        value(&cal.events[0].properties, "SUMMARY"),
        "Magday: time for your 08:00 dose"
    );
    let forbidden = [
        "calm",
        "glycinate",
        "150",
        "mg",
        "unit",
        "doxycycline",
        "tetracycline",
    ];
    for e in &cal.events {
        let mut texts = vec![
            value(&e.properties, "SUMMARY"),
            value(&e.properties, "DESCRIPTION"),
        ];
        texts.extend(e.alarms.iter().map(|a| value(&a.properties, "DESCRIPTION")));
        for t in texts {
            let t = t.to_lowercase();
            for word in forbidden {
                assert!(!t.contains(word), "{word:?} in {t:?}");
            }
        }
    }
    assert!(!ics.to_lowercase().contains("doxycycline"));
    assert!(!ics.to_lowercase().contains("glycinate"));
}

#[test]
fn keep_apart_windows_are_events_of_their_own() {
    let s = spec(&with_doxycycline(input(
        date(2026, 11, 2),
        &["08:00", "22:30"],
        56,
    )));
    let cal = parse(&calendar(&data(&s, BERLIN, false, None)));
    let apart: Vec<_> = cal
        .events
        .iter()
        .map(|e| &e.properties)
        .filter(|p| value(p, "UID").starts_with("apart-"))
        .collect();
    assert_eq!(apart.len(), 2, "one window per dose");
    // 2 h before and 4 h after each dose; the evening one runs past midnight.
    let spans: Vec<(&str, &str, &str)> = apart
        .iter()
        .map(|p| (value(p, "SUMMARY"), value(p, "DTSTART"), value(p, "DTEND")))
        .collect();
    let keep = "Keep doxycycline apart from magnesium";
    assert_eq!(
        spans,
        [
            (keep, "20261102T060000", "20261102T120000"),
            (keep, "20261102T203000", "20261103T023000"),
        ]
    );
    assert!(apart.iter().all(|p| tzid(p, "DTSTART") == "Europe/Berlin"));
    assert_eq!(until_of(value(apart[1], "RRULE")), utc("20261227T193000Z"));
    // Without a medicine, none.
    let s = spec(&input(date(2026, 11, 2), &["08:00", "22:30"], 56));
    let cal = parse(&calendar(&data(&s, BERLIN, false, None)));
    assert_eq!(cal.events.len(), 2);
}

#[test]
fn a_changed_plan_gives_new_uids_and_the_same_plan_the_same() {
    let i = input(date(2026, 11, 2), &["08:00"], 56);
    let uid = |s: &ProtocolSpec| {
        let cal = parse(&calendar(&data(s, BERLIN, false, None)));
        value(&cal.events[0].properties, "UID").to_string()
    };
    let a = uid(&spec(&i));
    assert_eq!(a, uid(&spec(&i)));
    assert!(a.starts_with("dose-1-2026-11-02-") && a.ends_with("@magday.app"));
    let mut changed = i.clone();
    changed.supplement.as_mut().unwrap().doses[0].units = 2.0;
    assert_ne!(a, uid(&spec(&changed)));
}

#[test]
fn a_plan_without_doses_is_a_valid_calendar_without_events() {
    let mut i = input(date(2026, 11, 2), &["08:00"], 56);
    i.supplement = None;
    let s = spec(&i);
    let ics = calendar(&data(&s, BERLIN, false, None));
    let cal = parse(&ics);
    assert!(cal.events.is_empty() && cal.timezones.is_empty());
    assert_eq!(value(&cal.properties, "VERSION"), "2.0");
    assert!(value(&cal.properties, "X-WR-CALDESC").contains("no supplement doses"));
}

#[test]
fn lines_end_in_crlf_and_fold_at_75_octets() {
    let mut i = with_doxycycline(input(date(2026, 11, 2), &["08:00"], 56));
    i.supplement.as_mut().unwrap().product =
        "Grüne Magnesium-Glycinat Kapseln, extra lang; für die Faltung über 75 Oktette".into();
    let ics = calendar(&data(&spec(&i), BERLIN, false, None));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
        assert!(!line.contains('\n') && !line.contains('\r'));
    }
    assert!(ics.contains("\r\n "), "long lines are folded");
    let cal = parse(&ics);
    let summary = value(&cal.events[0].properties, "SUMMARY");
    assert!(summary.contains("Grüne Magnesium-Glycinat Kapseln\\, extra lang\\; für die Faltung"));
}

#[test]
fn a_dose_before_the_day_start_falls_on_the_next_date() {
    let s = spec(&input(date(2026, 11, 2), &["20:00", "01:00"], 56));
    let cal = parse(&calendar(&data(&s, BERLIN, false, None)));
    let late = &cal.events[1].properties;
    assert_eq!(value(late, "DTSTART"), "20261103T010000");
    assert_eq!(until_of(value(late, "RRULE")), utc("20261228T000000Z"));
}

#[tokio::test]
async fn the_core_renders_the_calendar_with_the_settings_pre_alert() {
    use crate::api::{DataExportInput, DataFormat};
    use crate::export::ExportRange;
    let dir = tempfile::tempdir().unwrap();
    let start = date(2026, 11, 2);
    let core = file_core_with_input(&dir, &input(start, &["08:00", "20:00"], 56)).await;
    let mut settings = core.settings().await.unwrap();
    settings.reminders.pre_alert_min = Some(30);
    core.update_settings(settings).await.unwrap();
    let req = DataExportInput {
        format: DataFormat::Calendar,
        range: ExportRange::Course,
        person: None,
        private: false,
    };
    let later = now_in(BERLIN, date(2026, 11, 9), 12, 0);
    let cal = parse(&core.render_export(&req, &later).await.unwrap());
    assert_eq!(cal.events.len(), 2);
    let e = &cal.events[0];
    assert_eq!(value(&e.properties, "DTSTART"), "20261102T080000");
    assert_eq!(value(&e.properties, "DTSTAMP"), "20261109T110000Z");
    let triggers: Vec<&str> = e
        .alarms
        .iter()
        .map(|a| value(&a.properties, "TRIGGER"))
        .collect();
    assert_eq!(triggers, ["PT0M", "-PT30M"]);
}
