//! Fixtures the core's tests share: a protocol as onboarding would send it, dates and clocks.

use crate::zone::Tz;
use chrono::{NaiveDate, NaiveTime};

use crate::day::{resolve_local, Now};
use crate::facts::{AgeBand, Pregnancy, Sex};
use crate::protocol::{
    AmountKind, DoseInput, KidneyAnswer, ProtocolInput, SafetyAnswers, SupplementInput, Template,
};

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
        supplement: Some(SupplementInput {
            form: form.into(),
            product: String::new(),
            amount_kind: AmountKind::Elemental,
            mg_per_unit,
            doses: times
                .iter()
                .map(|t| DoseInput {
                    time: (*t).into(),
                    units: 1.0,
                })
                .collect(),
            window_minutes: 180,
        }),
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

pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// The instant `h:m` on `day` in `tz`, as "now" with the device in `tz`.
pub(crate) fn now_in(tz: Tz, day: NaiveDate, h: u32, m: u32) -> Now {
    let t = NaiveTime::from_hms_opt(h, m, 0).expect("a valid time");
    Now::new(resolve_local(tz, day.and_time(t)), tz)
}

/// The nerve template with 100 mg of glycinate at each of `times`, from `start`.
pub(crate) fn nerve(start: NaiveDate, times: &[&str]) -> ProtocolInput {
    protocol_input(Template::Nerve, "glycinate", 100.0, times, start)
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
        at: chrono::DateTime::parse_from_rfc3339(&format!("{day}T12:00:00+01:00"))
            .expect("a valid instant"),
        protocol_version: None,
        entry,
    }
}

/// A core over a private database holding the nerve protocol of `start` (doses at 08:00 and
/// 20:00), saved at 07:00 Berlin time on `start`.
pub(crate) async fn core_with_protocol(start: NaiveDate) -> crate::api::Core {
    let core = crate::api::Core::open_in_memory().await.expect("a core");
    let now = now_in(crate::zone::known::BERLIN, start, 7, 0);
    core.save_protocol(&nerve(start, &["08:00", "20:00"]), false, &now)
        .await
        .expect("a protocol");
    core
}
