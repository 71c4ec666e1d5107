//! Fixtures the core's tests share: a protocol as onboarding would send it, its parts, dates,
//! clocks and cores holding a protocol.
//!
//! The device is in Berlin unless a test says otherwise: `crate::zone::known::BERLIN` (and the
//! other zones there) is the zone to name, not a file's own constant.

use std::path::Path;

use crate::zone::Tz;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};

use crate::api::Core;
use crate::checkin::CheckInInput;
use crate::day::{resolve_local, Now};
use crate::facts::{AgeBand, MedicineClass, Pregnancy, Sex};
use crate::protocol::{
    AmountKind, DoseInput, DoseSpec, KidneyAnswer, MedicineInput, ProtocolInput, SafetyAnswers,
    SafetyReport, SupplementInput, SupplementPlan, Template,
};
use crate::zone::known::BERLIN;

/// A woman aged 31–50, not pregnant, no kidney disease, no medicines.
pub(crate) fn safety() -> SafetyAnswers {
    SafetyAnswers {
        age_band: AgeBand::Years31To50,
        sex: Sex::Female,
        pregnancy: Pregnancy::No,
        kidney_disease: KidneyAnswer::No,
        medicines: vec![],
        takes_antacid_laxative: false,
        antacid_laxative_mg: 0.0,
        conservative_limit: false,
        wider_windows: false,
        depletion: vec![],
    }
}

/// `units` units of `form` at each of `times`, `mg_per_unit` elemental magnesium a unit, a
/// 180-minute window, no product name.
pub(crate) fn supplement(
    form: &str,
    mg_per_unit: f64,
    units: f64,
    times: &[&str],
) -> SupplementInput {
    SupplementInput {
        form: form.into(),
        product: String::new(),
        amount_kind: AmountKind::Elemental,
        mg_per_unit,
        doses: times
            .iter()
            .map(|t| DoseInput {
                time: (*t).into(),
                units,
            })
            .collect(),
        window_minutes: 180,
    }
}

/// A 56-day protocol of `template` with one unit of `mg_per_unit` elemental `form` at each of
/// `times`, starting on `start`, the safety questions answered as [`safety`] says.
pub(crate) fn protocol_input(
    template: Template,
    form: &str,
    mg_per_unit: f64,
    times: &[&str],
    start: NaiveDate,
) -> ProtocolInput {
    ProtocolInput {
        template,
        name: String::new(),
        safety: safety().into(),
        supplement: Some(supplement(form, mg_per_unit, 1.0, times)),
        start_date: start.format("%Y-%m-%d").to_string(),
        length_days: 56,
        water_glasses: 8,
        items_off: vec![],
        optional_items: vec![],
        custom_items: vec![],
        symptoms: vec![],
        acknowledge_above_limit: false,
        b6_mg_per_day: None,
    }
}

/// The nerve template with 100 mg of glycinate at each of `times`, from `start`.
pub(crate) fn nerve(start: NaiveDate, times: &[&str]) -> ProtocolInput {
    protocol_input(Template::Nerve, "glycinate", 100.0, times, start)
}

/// A medicine of `class` named `name`, taken at `time` (or at no set time) and no other, with
/// the class's own window and no food rule.
pub(crate) fn medicine(class: MedicineClass, name: &str, time: Option<&str>) -> MedicineInput {
    MedicineInput {
        class,
        name: name.into(),
        time: time.map(Into::into),
        more_times: vec![],
        window_min: None,
        with_food: None,
    }
}

/// A stored plan of `form` (also its display name) at 100 mg elemental a unit: a dose of one
/// unit at each `(time, mg)` of `doses`, counted as `mg`, slots from 1, a 180-minute window.
pub(crate) fn supplement_plan(form: &str, doses: &[(&str, f64)]) -> SupplementPlan {
    SupplementPlan {
        form: form.into(),
        form_name: form.into(),
        product: String::new(),
        amount_kind: AmountKind::Elemental,
        mg_per_unit: 100.0,
        elemental_mg_per_unit: 100.0,
        assumption: None,
        doses: doses
            .iter()
            .enumerate()
            .map(|(i, (time, mg))| DoseSpec {
                slot: i as u32 + 1,
                time: (*time).into(),
                units: 1.0,
                mg: *mg,
            })
            .collect(),
        window_minutes: 180,
        daily_mg: doses.iter().map(|(_, mg)| mg).sum(),
    }
}

/// The codes of a safety report's findings, in its order.
pub(crate) fn finding_codes(r: &SafetyReport) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.code).collect()
}

/// A check-in for today with the urgent `signs` and nothing else.
pub(crate) fn urgent_check_in(signs: &[&str]) -> CheckInInput {
    CheckInInput {
        day: None,
        ratings: vec![],
        urgent: signs.iter().map(|s| (*s).into()).collect(),
        note: String::new(),
    }
}

/// The date `y`-`m`-`d`.
pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// A date written "YYYY-MM-DD", as inputs carry it.
pub(crate) fn parse_date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a YYYY-MM-DD date")
}

/// An instant written in RFC 3339 ("2026-03-20T10:00:00+01:00"), with its offset.
pub(crate) fn rfc3339(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("an RFC 3339 instant")
}

/// `h:m` on `day` at the fixed offset +01:00 (Berlin's winter time, whatever the date), not
/// resolved in any zone.
pub(crate) fn at_plus_one(day: NaiveDate, h: u32, m: u32) -> DateTime<FixedOffset> {
    let t = NaiveTime::from_hms_opt(h, m, 0).expect("a valid time");
    day.and_time(t)
        .and_local_timezone(FixedOffset::east_opt(3600).expect("+01:00"))
        .single()
        .expect("a fixed offset has one instant")
}

/// The instant the wall clock in `tz` reads `h:m` on `day` (in a gap, the time after it; in an
/// overlap, the earlier), as the app resolves a local time.
pub(crate) fn instant_in(tz: Tz, day: NaiveDate, h: u32, m: u32) -> DateTime<Utc> {
    let t = NaiveTime::from_hms_opt(h, m, 0).expect("a valid time");
    resolve_local(tz, day.and_time(t))
}

/// The instant `h:m` on `day` in `tz`, as "now" with the device in `tz`.
pub(crate) fn now_in(tz: Tz, day: NaiveDate, h: u32, m: u32) -> Now {
    Now::new(instant_in(tz, day, h, m), tz)
}

/// `h:m` on `day` in Berlin, as "now" with the device in Berlin: [`now_in`] for the zone most
/// tests live in.
pub(crate) fn now_in_berlin(day: NaiveDate, h: u32, m: u32) -> Now {
    now_in(BERLIN, day, h, m)
}

/// An entry recorded at noon (UTC+1) on `day`, with global id "test:<id>".
pub(crate) fn record_at_noon(
    id: i64,
    day: NaiveDate,
    entry: crate::log::Entry,
) -> crate::log::Record {
    crate::log::Record {
        id,
        gid: format!("test:{id}"),
        day,
        at: at_plus_one(day, 12, 0),
        protocol_version: None,
        entry,
    }
}

/// A core on a new database file, `magday.db` in `dir`.
pub(crate) async fn file_core(dir: impl AsRef<Path>) -> Core {
    Core::open(&dir.as_ref().join("magday.db"))
        .await
        .expect("a core on a file")
}

/// `core` with `input` saved at 07:00 Berlin time on the input's start date.
async fn saved_at_seven(core: Core, input: &ProtocolInput) -> Core {
    let now = now_in_berlin(parse_date(&input.start_date), 7, 0);
    core.save_protocol(input, false, &now)
        .await
        .expect("a protocol");
    core
}

/// A core over a private database holding `input`, saved at 07:00 Berlin time on its start
/// date.
pub(crate) async fn core_with_input(input: &ProtocolInput) -> Core {
    let core = Core::open_in_memory().await.expect("a core");
    saved_at_seven(core, input).await
}

/// A core on the file `magday.db` in `dir` holding `input`, saved at 07:00 Berlin time on its
/// start date.
pub(crate) async fn file_core_with_input(dir: impl AsRef<Path>, input: &ProtocolInput) -> Core {
    saved_at_seven(file_core(dir).await, input).await
}

/// A core over a private database holding the nerve protocol of `start` (doses at 08:00 and
/// 20:00), saved at 07:00 Berlin time on `start`.
pub(crate) async fn core_with_protocol(start: NaiveDate) -> Core {
    core_with_input(&nerve(start, &["08:00", "20:00"])).await
}
