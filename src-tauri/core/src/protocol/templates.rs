//! The protocol templates condensed from the two seed guides, and the protocol a setup form
//! starts from: default form, times, daily amount, course length, water target and window.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::model::{
    AmountKind, DoseInput, ItemKind, ItemSpec, ProtocolInput, SafetyInput, SupplementInput,
    Symptom, Template,
};

/// The standard and optional items templates offer: (key, label).
pub const STANDARD_ITEMS: &[(&str, &str)] = &[
    ("food", "Magnesium-rich food"),
    ("water", "Water"),
    ("movement", "Gentle movement or yoga"),
    ("breathing", "Breathing practice"),
    ("sleep", "Sleep: wind down on time"),
];

/// Optional items every template offers, each with its note ([`super::item_note`]): the
/// supplements the nerve guide pairs with magnesium (reference §4a), and topical magnesium, a
/// practice of its own that never counts as intake (reference §4b).
pub const OPTIONAL_ITEMS: &[(&str, &str)] = &[
    ("b6", "Vitamin B6"),
    ("potassium", "Potassium-rich food"),
    ("omega3", "Omega-3"),
    ("ala", "Alpha-lipoic acid"),
    ("b_complex", "B-complex"),
    (
        "topical",
        "Topical magnesium (Epsom-salt bath, oil or spray)",
    ),
];

/// What a template brings.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TemplateInfo {
    pub id: Template,
    pub name: &'static str,
    pub summary: &'static str,
    pub default_form: &'static str,
    pub default_times: Vec<String>,
    /// Elemental mg per day the template starts from (two doses of half).
    pub default_daily_mg: f64,
    pub items: Vec<ItemSpec>,
    /// Optional items the user may add, each with its note.
    pub optional_items: Vec<ItemSpec>,
    pub symptoms: Vec<Symptom>,
    pub breathing_hint: &'static str,
}

fn item(key: &str, label: &str, water: u32) -> ItemSpec {
    ItemSpec {
        key: key.to_string(),
        label: label.to_string(),
        kind: if key == "water" {
            ItemKind::Count { target: water }
        } else {
            ItemKind::Check
        },
        note: super::practices::item_note(key),
    }
}

/// Glasses of water a day the checklist starts from: a product choice (the common "8 glasses"
/// habit target; both guides say "water" without a number), editable from 0 to 20.
pub const DEFAULT_WATER_GLASSES: u32 = 8;
/// The course length: both guides' protocol runs two months, 8 weeks (reference §7).
pub const DEFAULT_LENGTH_DAYS: u32 = 56;
/// Minutes after a dose's time before it counts as missed: a product choice (long enough for a
/// meal that runs late), editable.
pub const DEFAULT_WINDOW_MIN: u32 = 180;
/// Elemental mg a day every template starts from: a product choice, within the upper limit for
/// ages 9 and up (350 mg, reference §2) and split over two intakes as the BfR advises (reference
/// §2 and §6); the user sets their own from the label.
pub const DEFAULT_DAILY_MG: f64 = 200.0;

/// The daily amount a new plan starts from for an age band: [`DEFAULT_DAILY_MG`], or for a
/// child whose limit is lower, the largest multiple of 5 mg within 80% of their own limit (the
/// share from which Magday warns, reference §2), so a child's plan starts within it: 50 mg for
/// 1–3 years (limit 65 mg), 85 mg for 4–8 (110 mg). `None` under 1 year: no plan is built.
pub fn start_daily_mg(band: crate::facts::AgeBand) -> Option<f64> {
    let limit = crate::facts::ul_mg(band)?;
    let within = (f64::from(limit) * crate::facts::WARN_FRACTION / 5.0).floor() * 5.0;
    Some(DEFAULT_DAILY_MG.min(within))
}

/// The templates, condensed from the two seed guides (design.md §1).
pub fn templates() -> Vec<TemplateInfo> {
    [Template::Circulation, Template::Nerve, Template::Custom]
        .into_iter()
        .map(template)
        .collect()
}

/// One template.
pub fn template(id: Template) -> TemplateInfo {
    let standard: Vec<ItemSpec> = STANDARD_ITEMS
        .iter()
        .map(|(k, l)| item(k, l, DEFAULT_WATER_GLASSES))
        .collect();
    let optional: Vec<ItemSpec> = OPTIONAL_ITEMS
        .iter()
        .map(|(k, l)| item(k, l, DEFAULT_WATER_GLASSES))
        .collect();
    match id {
        Template::Circulation => TemplateInfo {
            id,
            name: "Warm hands and feet",
            summary: "The warm-hands guide says magnesium relaxes the smooth muscle of blood vessels and calms the stress response that narrows them. Its plan: daily magnesium, magnesium-rich food, water, gentle daily movement or yoga, and breathing (pranayama).",
            default_form: "citrate",
            default_times: vec!["08:00".into(), "19:00".into()],
            default_daily_mg: DEFAULT_DAILY_MG,
            items: standard,
            optional_items: optional.clone(),
            symptoms: vec![Symptom::ColdHands, Symptom::ColdFeet, Symptom::Numbness, Symptom::Tingling, Symptom::Stress, Symptom::PoorSleep, Symptom::Stomach],
            breathing_hint: "Alternate-nostril or slow belly breathing. The guide suggests 5 to 10 minutes; 3 minutes is a gentle start.",
        },
        Template::Nerve => TemplateInfo {
            id,
            name: "Nerve and muscle recovery",
            summary: "The nerve guide says circulation and nerves depend on each other, that an evening dose may support relaxation, and that some effects are noticed within days, with deeper recovery over weeks. Its plan runs two months: magnesium daily, often split into two doses (glycinate and malate absorb well and are gentle), gentle movement, and slow breathing with long exhalations.",
            default_form: "glycinate",
            default_times: vec!["08:00".into(), "20:00".into()],
            default_daily_mg: DEFAULT_DAILY_MG,
            items: standard,
            optional_items: optional.clone(),
            symptoms: vec![Symptom::ColdHands, Symptom::ColdFeet, Symptom::Numbness, Symptom::Tingling, Symptom::NervePain, Symptom::Cramps, Symptom::Weakness, Symptom::Stress, Symptom::PoorSleep, Symptom::Stomach],
            breathing_hint: "Slow diaphragmatic breathing with a longer exhale than inhale. The guide suggests 5 to 10 minutes; 3 minutes is a gentle start.",
        },
        Template::Custom => TemplateInfo {
            id,
            name: "Custom",
            summary: "Choose your own items and symptoms.",
            default_form: "glycinate",
            default_times: vec!["08:00".into(), "20:00".into()],
            default_daily_mg: DEFAULT_DAILY_MG,
            items: standard,
            optional_items: optional,
            symptoms: vec![Symptom::Stomach],
            breathing_hint: "Any slow breathing practice you like.",
        },
    }
}

/// mg per unit a new plan starts from, until the user reads their label: a product choice (a
/// round number in the range of common capsules), not a recommendation.
pub const DEFAULT_MG_PER_UNIT: f64 = 100.0;

/// The protocol a setup form starts from for template `id`, Day 1 on `start`: the template's
/// form, times and daily amount split evenly, the default course length, water target and
/// window. The safety questions are left unanswered (reference §3: never pre-filled): the user
/// must choose age band, sex, pregnancy, kidney disease and whether they take antacids or
/// laxatives with magnesium before the core accepts it.
pub fn default_input(id: Template, start: NaiveDate) -> ProtocolInput {
    let t = template(id);
    let per_dose = t.default_daily_mg / t.default_times.len().max(1) as f64 / DEFAULT_MG_PER_UNIT;
    ProtocolInput {
        template: id,
        name: String::new(),
        safety: SafetyInput {
            age_band: None,
            sex: None,
            pregnancy: None,
            kidney_disease: None,
            takes_antacid_laxative: None,
            medicines: vec![],
            antacid_laxative_mg: 0.0,
            conservative_limit: false,
            wider_windows: false,
            depletion: vec![],
        },
        supplement: Some(SupplementInput {
            form: t.default_form.to_string(),
            product: String::new(),
            amount_kind: AmountKind::Elemental,
            mg_per_unit: DEFAULT_MG_PER_UNIT,
            doses: t
                .default_times
                .iter()
                .map(|time| DoseInput {
                    time: time.clone(),
                    units: per_dose,
                })
                .collect(),
            window_minutes: DEFAULT_WINDOW_MIN,
        }),
        start_date: start.format("%Y-%m-%d").to_string(),
        length_days: DEFAULT_LENGTH_DAYS,
        water_glasses: DEFAULT_WATER_GLASSES,
        items_off: vec![],
        optional_items: vec![],
        custom_items: vec![],
        symptoms: t.symptoms.clone(),
        acknowledge_above_limit: false,
        b6_mg_per_day: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::validate;

    /// Both guides track cold hands and feet and numbness (reference §7): each template carries
    /// all three, with its own symptoms beside them.
    #[test]
    fn templates_bring_their_items_and_symptoms() {
        use Symptom::*;
        assert_eq!(
            template(Template::Circulation).symptoms,
            [ColdHands, ColdFeet, Numbness, Tingling, Stress, PoorSleep, Stomach]
        );
        assert_eq!(
            template(Template::Nerve).symptoms,
            [
                ColdHands, ColdFeet, Numbness, Tingling, NervePain, Cramps, Weakness, Stress,
                PoorSleep, Stomach
            ]
        );
        for t in templates() {
            // The optional items, topical magnesium included, in every template, each with its
            // note (reference §4a, §4b).
            let keys: Vec<&str> = t.optional_items.iter().map(|i| i.key.as_str()).collect();
            assert_eq!(
                keys,
                ["b6", "potassium", "omega3", "ala", "b_complex", "topical"],
                "{:?}",
                t.id
            );
            assert!(t.optional_items.iter().all(|i| i.note.is_some()));
            assert!(t.items.iter().all(|i| i.note.is_none()));
            let keys: Vec<&str> = t.items.iter().map(|i| i.key.as_str()).collect();
            assert_eq!(
                keys,
                ["food", "water", "movement", "breathing", "sleep"],
                "{:?}",
                t.id
            );
            assert!(crate::facts::form(t.default_form).is_some());
            assert!(t.symptoms.contains(&Symptom::Stomach));
        }
    }

    /// Issue 22: what magnesium does for circulation or nerves reads as the guide's claim.
    /// Every clause of a template's summary or breathing hint that speaks of circulation,
    /// nerves, warmth, relaxation, calm or recovery names the guide that says so.
    #[test]
    fn template_claims_read_as_the_guides_words() {
        const CLAIMS: &[&str] = &[
            "circulat", "nerve", "warm", "relax", "calm", "recover", "improv", "vessel",
        ];
        for t in templates() {
            for clause in [t.summary, t.breathing_hint]
                .iter()
                .flat_map(|x| x.split(['.', ';', ':']))
            {
                let c = clause.to_lowercase();
                if CLAIMS.iter().any(|w| c.contains(w)) {
                    assert!(c.contains("guide"), "{:?}: {clause:?}", t.id);
                }
                for word in ["will ", "cure", "guarantee"] {
                    assert!(!c.contains(word), "{:?}: {clause:?}", t.id);
                }
            }
        }
    }

    /// Reference §3: the safety answers are never pre-filled. A draft as sent is refused until
    /// each question is answered; answered, every draft is a protocol the core accepts.
    #[test]
    fn every_template_draft_asks_every_safety_question_and_is_accepted_once_answered() {
        let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        for t in templates() {
            let mut input = default_input(t.id, start);
            let s = &input.safety;
            assert_eq!(
                (s.age_band, s.sex, s.pregnancy, s.kidney_disease),
                (None, None, None, None),
                "{:?}",
                t.id
            );
            assert_eq!(s.takes_antacid_laxative, None, "{:?}", t.id);
            let e = validate(&input, start, 240).unwrap_err();
            assert_eq!(e.code(), "safety_unanswered", "{:?}", t.id);
            input.safety = crate::testkit::safety().into();
            let (spec, report) = validate(&input, start, 240).unwrap();
            assert!(report.supplement_allowed, "{:?}", t.id);
            let plan = spec.supplement.unwrap();
            assert_eq!(plan.daily_mg, t.default_daily_mg, "{:?}", t.id);
            assert_eq!(plan.doses.len(), t.default_times.len());
            assert_eq!(spec.start_date, start);
            assert_eq!(spec.length_days, DEFAULT_LENGTH_DAYS);
        }
    }
}
