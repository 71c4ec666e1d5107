//! What the benchmarks share: the protocol they log against and a day of typical use.

use chrono::{NaiveDate, NaiveTime};
use magday_core::day::resolve_local;
use magday_core::facts::{AgeBand, Pregnancy, Sex};
use magday_core::log::{Entry, FoodKind, FoodLog, NewRecord};
use magday_core::protocol::{
    AmountKind, DoseInput, KidneyAnswer, ProtocolInput, SafetyInput, SupplementInput, Symptom,
    Template,
};

pub const TZ: magday_core::zone::Tz = magday_core::zone::known::BERLIN;

/// The nerve template, two 100 mg doses of glycinate, every question answered.
pub fn input(start: NaiveDate, water_glasses: u32) -> ProtocolInput {
    ProtocolInput {
        template: Template::Nerve,
        name: String::new(),
        safety: SafetyInput {
            age_band: Some(AgeBand::Years31To50),
            sex: Some(Sex::Female),
            pregnancy: Some(Pregnancy::No),
            kidney_disease: Some(KidneyAnswer::No),
            medicines: vec![],
            takes_antacid_laxative: Some(false),
            antacid_laxative_mg: 0.0,
            conservative_limit: false,
            wider_windows: false,
            depletion: vec![],
        },
        supplement: Some(SupplementInput {
            form: "glycinate".into(),
            product: String::new(),
            amount_kind: AmountKind::Elemental,
            mg_per_unit: 100.0,
            doses: vec![
                DoseInput {
                    time: "08:00".into(),
                    units: 1.0,
                },
                DoseInput {
                    time: "20:00".into(),
                    units: 1.0,
                },
            ],
            window_minutes: 180,
        }),
        start_date: start.format("%Y-%m-%d").to_string(),
        length_days: 56,
        water_glasses,
        items_off: vec![],
        optional_items: vec![],
        custom_items: vec![],
        symptoms: vec![Symptom::Tingling, Symptom::NervePain],
        acknowledge_above_limit: false,
        b6_mg_per_day: None,
    }
}

/// `h:m` local time on `day`.
pub fn at(day: NaiveDate, h: u32, m: u32) -> chrono::DateTime<chrono::FixedOffset> {
    resolve_local(TZ, day.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap()))
        .with_timezone(&TZ)
        .fixed_offset()
}

/// A day's worth of typical use on one device (`minute` past the hour, so the two devices'
/// entries differ in time as well as in id).
pub fn day_events(day: NaiveDate, n: i64, version: i64, minute: u32) -> Vec<NewRecord> {
    let ev = |h: u32, entry: Entry| NewRecord {
        day,
        at: at(day, h, minute),
        protocol_version: Some(version),
        entry,
    };
    let mut out = vec![ev(8, Entry::DoseTaken { slot: 1, at: None })];
    if n % 5 != 0 {
        out.push(ev(20, Entry::DoseTaken { slot: 2, at: None }));
    }
    for h in [9, 12, 15, 18] {
        out.push(ev(
            h,
            Entry::Counted {
                key: "water".into(),
                delta: 1,
            },
        ));
    }
    out.push(ev(
        17,
        Entry::ItemDone {
            key: "movement".into(),
        },
    ));
    out.push(ev(
        13,
        Entry::FoodLogged(FoodLog {
            kind: FoodKind::Food,
            food_id: Some(12016),
            name: "Pumpkin seeds".into(),
            label: "1 oz".into(),
            grams: 28.35,
            mg: 155.9,
            mg_per_litre: None,
        }),
    ));
    if n % 7 == 0 {
        let value = u8::try_from(6 - (n / 7 % 6)).unwrap_or(0);
        out.push(ev(
            21,
            Entry::Rated {
                symptom: Symptom::Tingling,
                value,
            },
        ));
        out.push(ev(
            21,
            Entry::Rated {
                symptom: Symptom::NervePain,
                value: 5,
            },
        ));
    }
    out
}
