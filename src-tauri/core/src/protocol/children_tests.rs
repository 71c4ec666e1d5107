//! Issue 22, point 7 (children): a young child's limit is firm, whatever is acknowledged; a
//! stored plan above it is held; vitamin B6 is checked against the band's own limits
//! (reference §2–§3, §4a); the setup options say both for each band.

use crate::error::CoreError;
use crate::facts::{AgeBand, SRC_B6_EFSA, SRC_B6_IOM};
use crate::protocol::{
    build_plan, hold, validate, AmountKind, DoseInput, Level, ProtocolInput, SupplementInput,
    Template,
};
use crate::testkit::{date, protocol_input};

/// A nerve protocol for `band` with one dose a day of `mg` elemental, the rest as the testkit
/// answers it.
fn child(band: AgeBand, mg: f64, acknowledged: bool) -> ProtocolInput {
    let mut i = protocol_input(
        Template::Nerve,
        "glycinate",
        mg,
        &["08:00"],
        date(2026, 3, 2),
    );
    i.safety.age_band = Some(band);
    i.acknowledge_above_limit = acknowledged;
    i
}

/// Reference §2–§3: ages 1–3 (65 mg) and 4–8 (110 mg) have their own low limit. No "on my
/// clinician's advice" keeps a plan above it, not even below twice the limit (the old gap): the
/// save is refused with `child_above_limit`, whose message sends the user to the child's
/// clinician. At the limit it saves; from 9 years the acknowledgement works as before.
#[test]
fn a_young_childs_plan_above_the_limit_is_refused_even_when_acknowledged() {
    let today = date(2026, 3, 2);
    for (band, mg) in [
        (AgeBand::Years1To3, 66.0),
        (AgeBand::Years1To3, 125.0),
        (AgeBand::Years4To8, 111.0),
        (AgeBand::Years4To8, 215.0),
    ] {
        for acknowledged in [false, true] {
            match validate(&child(band, mg, acknowledged), today, 240) {
                Err(CoreError::Refused { code, message }) => {
                    assert_eq!(code, "child_above_limit", "{band:?} {mg}");
                    assert!(message.contains("child's clinician"), "{message}");
                    assert!(message.contains(&format!("{} mg", mg as u32)), "{message}");
                }
                other => panic!("{band:?} {mg} mg, acknowledged {acknowledged}: {other:?}"),
            }
        }
    }
    for (band, mg) in [(AgeBand::Years1To3, 65.0), (AgeBand::Years4To8, 110.0)] {
        let (spec, report) = validate(&child(band, mg, false), today, 240).expect("at the limit");
        assert_eq!(spec.above_limit, None);
        assert!(report.findings.iter().all(|f| f.level < Level::Strong));
    }
    // From 9 the acknowledgement keeps a plan above the limit, as before.
    let (spec, _) = validate(&child(AgeBand::Years9To13, 400.0, true), today, 240)
        .expect("acknowledged from 9 years");
    assert_eq!(spec.above_limit.map(|a| a.limit_mg), Some(350));
}

/// A child's plan above the limit that reached the record anyway (another device, a file, an
/// older build that let the acknowledgement keep it) governs no doses.
#[test]
fn a_stored_childs_plan_above_the_limit_is_held_even_when_acknowledged() {
    let today = date(2026, 3, 2);
    let (mut spec, _) =
        validate(&child(AgeBand::Years4To8, 100.0, false), today, 240).expect("within");
    assert_eq!(hold(&spec), None);
    let above = SupplementInput {
        form: "glycinate".into(),
        product: String::new(),
        amount_kind: AmountKind::Elemental,
        mg_per_unit: 200.0,
        doses: vec![DoseInput {
            time: "08:00".into(),
            units: 1.0,
        }],
        window_minutes: 180,
    };
    spec.supplement = Some(build_plan(&above, 240).expect("a plan"));
    spec.above_limit = Some(crate::protocol::AboveLimit {
        total_mg: 200.0,
        limit_mg: 110,
        percent: 182,
    });
    let held = hold(&spec).expect("held");
    assert!(
        held.message.contains("child's clinician"),
        "{}",
        held.message
    );
}

/// Reference §4a: children and teenagers have lower vitamin B6 limits. Warn above the lowest
/// EFSA 2023 value overlapping the band (1–3: 3.2, 4–8: 4.5, 9–13: 6.1, 14–18: 8.6, adults 12),
/// warn strongly above the band's IOM 1998 value (30, 40, 60, 80, adults 100). Under 1 year no
/// limit is set: any B6 is strong.
#[test]
fn vitamin_b6_is_checked_against_the_bands_own_limits() {
    use AgeBand::*;
    type Want = Option<(Level, &'static str)>;
    let warn: Want = Some((Level::Warning, "b6_above_efsa"));
    let strong: Want = Some((Level::Strong, "b6_above_iom"));
    #[rustfmt::skip]
    let table: &[(AgeBand, f64, Want, &str)] = &[
        (Years1To3, 3.2, None, ""),
        (Years1To3, 3.5, warn, "3.2 mg for ages 1–3"),
        (Years1To3, 30.0, warn, "3.2 mg for ages 1–3"),
        (Years1To3, 31.0, strong, "30 mg for ages 1–3"),
        (Years4To8, 4.5, None, ""),
        (Years4To8, 5.0, warn, "4.5 mg for ages 4–8"),
        (Years4To8, 41.0, strong, "40 mg for ages 4–8"),
        (Years9To13, 6.5, warn, "6.1 mg for ages 9–13"),
        (Years9To13, 61.0, strong, "60 mg for ages 9–13"),
        (Years14To18, 8.6, None, ""),
        (Years14To18, 10.0, warn, "8.6 mg for ages 14–18"),
        (Years14To18, 81.0, strong, "80 mg for ages 14–18"),
        (Years31To50, 12.0, None, ""),
        (Years31To50, 13.0, warn, "12 mg for adults"),
        (Years31To50, 101.0, strong, "100 mg for adults"),
        (Months7To12, 0.0, None, ""),
        (Months7To12, 1.0, Some((Level::Strong, "b6_infant")), "under 1 year"),
    ];
    for &(band, mg, want, words) in table {
        let mut i = child(band, 50.0, false);
        i.supplement = None;
        i.b6_mg_per_day = Some(mg);
        let (_, report) = validate(&i, date(2026, 3, 2), 240).expect("B6 refuses nothing");
        let found: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.code.starts_with("b6_"))
            .collect();
        let got = found.first().map(|f| (f.level, f.code));
        assert_eq!(got, want, "{band:?} {mg} mg");
        assert!(found.len() <= 1);
        if let Some(f) = found.first() {
            assert!(f.message.contains(words), "{band:?} {mg}: {}", f.message);
            let source = if f.level == Level::Warning {
                SRC_B6_EFSA
            } else {
                SRC_B6_IOM
            };
            assert_eq!(f.source, source, "{band:?} {mg}");
            if band != Years14To18 && band != Years31To50 {
                assert!(f.message.contains("child's clinician") || f.level == Level::Warning);
            }
        }
    }
}

/// What the setup form learns of each band: whether its limit is firm (1–8) and its B6 limits.
#[test]
fn the_setup_options_give_each_band_its_firm_limit_and_b6_limits() {
    let o = crate::setup::options(date(2026, 3, 2), date(2026, 3, 2));
    let band = |id: AgeBand| {
        o.age_bands
            .iter()
            .find(|b| b.id == id)
            .map(|b| (b.firm_limit, b.b6_limits.map(|l| (l.efsa_mg, l.iom_mg))))
    };
    assert_eq!(band(AgeBand::Months0To6), Some((false, None)));
    assert_eq!(band(AgeBand::Years1To3), Some((true, Some((3.2, 30.0)))));
    assert_eq!(band(AgeBand::Years4To8), Some((true, Some((4.5, 40.0)))));
    assert_eq!(band(AgeBand::Years9To13), Some((false, Some((6.1, 60.0)))));
    assert_eq!(band(AgeBand::Years14To18), Some((false, Some((8.6, 80.0)))));
    assert_eq!(
        band(AgeBand::Years71Plus),
        Some((false, Some((12.0, 100.0))))
    );
}
