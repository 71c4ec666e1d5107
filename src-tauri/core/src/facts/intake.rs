//! Intake numbers by age band, sex and pregnancy: the recommended intake (RDA), the upper limit
//! for supplemental magnesium (UL) and the stricter European limit, and the thresholds the safety
//! rules apply to them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Age bands of the IOM/ODS tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum AgeBand {
    #[serde(rename = "m0_6")]
    Months0To6,
    #[serde(rename = "m7_12")]
    Months7To12,
    #[serde(rename = "y1_3")]
    Years1To3,
    #[serde(rename = "y4_8")]
    Years4To8,
    #[serde(rename = "y9_13")]
    Years9To13,
    #[serde(rename = "y14_18")]
    Years14To18,
    #[serde(rename = "y19_30")]
    Years19To30,
    #[serde(rename = "y31_50")]
    Years31To50,
    /// 51 to 70 (its id predates the 71+ band: "y51_plus").
    #[serde(rename = "y51_plus")]
    Years51Plus,
    #[serde(rename = "y71_plus")]
    Years71Plus,
}

impl AgeBand {
    pub const ALL: [AgeBand; 10] = [
        AgeBand::Months0To6,
        AgeBand::Months7To12,
        AgeBand::Years1To3,
        AgeBand::Years4To8,
        AgeBand::Years9To13,
        AgeBand::Years14To18,
        AgeBand::Years19To30,
        AgeBand::Years31To50,
        AgeBand::Years51Plus,
        AgeBand::Years71Plus,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AgeBand::Months0To6 => "0–6 months",
            AgeBand::Months7To12 => "7–12 months",
            AgeBand::Years1To3 => "1–3 years",
            AgeBand::Years4To8 => "4–8 years",
            AgeBand::Years9To13 => "9–13 years",
            AgeBand::Years14To18 => "14–18 years",
            AgeBand::Years19To30 => "19–30 years",
            AgeBand::Years31To50 => "31–50 years",
            AgeBand::Years51Plus => "51–70 years",
            AgeBand::Years71Plus => "71 years or older",
        }
    }

    pub fn is_infant(self) -> bool {
        matches!(self, AgeBand::Months0To6 | AgeBand::Months7To12)
    }

    /// 1 to 8 years (reference §2–§3): a child's own low UL (65 or 110 mg) applies, and no
    /// acknowledgement keeps a plan above it: only the child's clinician can judge that.
    pub fn is_young_child(self) -> bool {
        matches!(self, AgeBand::Years1To3 | AgeBand::Years4To8)
    }

    /// Under 14: the person the answers describe is a child, and the advice speaks of the
    /// child's clinician.
    pub fn is_child(self) -> bool {
        matches!(
            self,
            AgeBand::Months0To6
                | AgeBand::Months7To12
                | AgeBand::Years1To3
                | AgeBand::Years4To8
                | AgeBand::Years9To13
        )
    }

    /// From 51 (reference §4c): absorption falls, kidneys clear less, antacids and laxatives are
    /// commoner. `Some(true)` from 71, where the caution is stronger.
    pub fn older(self) -> Option<bool> {
        match self {
            AgeBand::Years51Plus => Some(false),
            AgeBand::Years71Plus => Some(true),
            _ => None,
        }
    }

    /// Pregnancy and lactation values exist for 14–50.
    pub fn can_be_pregnant(self) -> bool {
        matches!(
            self,
            AgeBand::Years14To18 | AgeBand::Years19To30 | AgeBand::Years31To50
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum Pregnancy {
    #[default]
    No,
    Pregnant,
    Lactating,
}

/// Recommended intake (RDA, or AI for infants), mg/day from food, water and supplements.
/// Source: [`SRC_ODS_RDA`](super::SRC_ODS_RDA).
pub fn rda_mg(age: AgeBand, sex: Sex, pregnancy: Pregnancy) -> u32 {
    use AgeBand::*;
    use Pregnancy::*;
    match (age, pregnancy) {
        (Years14To18, Pregnant) => return 400,
        (Years14To18, Lactating) => return 360,
        (Years19To30, Pregnant) => return 350,
        (Years19To30, Lactating) => return 310,
        (Years31To50, Pregnant) => return 360,
        (Years31To50, Lactating) => return 320,
        _ => {}
    }
    match (age, sex) {
        (Months0To6, _) => 30,
        (Months7To12, _) => 75,
        (Years1To3, _) => 80,
        (Years4To8, _) => 130,
        (Years9To13, _) => 240,
        (Years14To18, Sex::Male) => 410,
        (Years14To18, Sex::Female) => 360,
        (Years19To30, Sex::Male) => 400,
        (Years19To30, Sex::Female) => 310,
        (Years31To50 | Years51Plus | Years71Plus, Sex::Male) => 420,
        (Years31To50 | Years51Plus | Years71Plus, Sex::Female) => 320,
    }
}

/// Tolerable Upper Intake Level for supplemental magnesium (supplements and magnesium-containing
/// medicines, never food or water), mg/day; `None` under 1 year (not established).
/// Source: [`SRC_IOM_UL`](super::SRC_IOM_UL).
pub fn ul_mg(age: AgeBand) -> Option<u32> {
    use AgeBand::*;
    match age {
        Months0To6 | Months7To12 => None,
        Years1To3 => Some(65),
        Years4To8 => Some(110),
        _ => Some(350),
    }
}

/// The stricter European limit for supplemental magnesium, ages 4 and up. Source:
/// [`SRC_EFSA_BFR`](super::SRC_EFSA_BFR).
pub const CONSERVATIVE_LIMIT_MG: u32 = 250;

/// The daily supplemental limit that applies: the UL, or with the conservative setting the lower
/// of the UL and 250 mg (ages 4+).
pub fn supplement_limit_mg(age: AgeBand, conservative: bool) -> Option<u32> {
    let ul = ul_mg(age)?;
    Some(if conservative && !matches!(age, AgeBand::Years1To3) {
        ul.min(CONSERVATIVE_LIMIT_MG)
    } else {
        ul
    })
}

/// A warning starts at this share of the limit (80%).
pub const WARN_FRACTION: f64 = 0.8;

/// The most a daily plan may hold before it is refused as absurd, mg elemental: an input cap
/// and a product choice (over 14 times the adult UL, reference §2: surely a typo), not a limit
/// to aim at; plans above twice the limit are refused anyway.
pub const ABSURD_DAILY_MG: f64 = 5000.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rda_matches_ods_table_1() {
        use AgeBand::*;
        use Pregnancy::*;
        use Sex::*;
        let table: &[(AgeBand, Sex, Pregnancy, u32)] = &[
            (Months0To6, Male, No, 30),
            (Months0To6, Female, No, 30),
            (Months7To12, Female, No, 75),
            (Years1To3, Male, No, 80),
            (Years4To8, Female, No, 130),
            (Years9To13, Male, No, 240),
            (Years14To18, Male, No, 410),
            (Years14To18, Female, No, 360),
            (Years14To18, Female, Pregnant, 400),
            (Years14To18, Female, Lactating, 360),
            (Years19To30, Male, No, 400),
            (Years19To30, Female, No, 310),
            (Years19To30, Female, Pregnant, 350),
            (Years19To30, Female, Lactating, 310),
            (Years31To50, Male, No, 420),
            (Years31To50, Female, No, 320),
            (Years31To50, Female, Pregnant, 360),
            (Years31To50, Female, Lactating, 320),
            (Years51Plus, Male, No, 420),
            (Years51Plus, Female, No, 320),
            (Years71Plus, Male, No, 420),
            (Years71Plus, Female, No, 320),
        ];
        for &(age, sex, preg, want) in table {
            assert_eq!(rda_mg(age, sex, preg), want, "{age:?} {sex:?} {preg:?}");
        }
    }

    #[test]
    fn ul_matches_iom() {
        use AgeBand::*;
        let table: &[(AgeBand, Option<u32>)] = &[
            (Months0To6, None),
            (Months7To12, None),
            (Years1To3, Some(65)),
            (Years4To8, Some(110)),
            (Years9To13, Some(350)),
            (Years14To18, Some(350)),
            (Years19To30, Some(350)),
            (Years31To50, Some(350)),
            (Years51Plus, Some(350)),
            (Years71Plus, Some(350)),
        ];
        for &(age, want) in table {
            assert_eq!(ul_mg(age), want, "{age:?}");
        }
        assert_eq!(supplement_limit_mg(Years31To50, true), Some(250));
        assert_eq!(supplement_limit_mg(Years4To8, true), Some(110));
        assert_eq!(supplement_limit_mg(Years1To3, true), Some(65));
        assert_eq!(supplement_limit_mg(Months0To6, true), None);
    }
}
