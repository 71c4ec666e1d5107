//! The magnesium compounds a product may contain: each one's elemental share by weight and
//! whether it tends to loosen stools.

use serde::Serialize;
use ts_rs::TS;

/// How loose stools relate to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Laxative {
    /// Not known as laxative at supplement doses.
    No,
    /// Laxative at higher doses (citrate).
    AtHigherDoses,
    /// Often causes diarrhea, or is used as a laxative or antacid.
    Often,
}

/// A magnesium compound and its elemental share by weight.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Form {
    pub id: &'static str,
    pub name: &'static str,
    /// Elemental magnesium, percent of the compound's weight.
    pub elemental_percent: f64,
    pub laxative: Laxative,
    pub note: &'static str,
}

/// Every form in the reference table. Source: [`SRC_FORMS`](super::SRC_FORMS); notes from the seed guides and ODS.
pub const FORMS: &[Form] = &[
    Form {
        id: "glycinate",
        name: "Glycinate / bisglycinate",
        elemental_percent: 14.1,
        laxative: Laxative::No,
        note: "Well absorbed, gentle on digestion.",
    },
    Form {
        id: "malate",
        name: "Malate",
        elemental_percent: 15.5,
        laxative: Laxative::No,
        note: "Well absorbed, gentle on digestion.",
    },
    Form {
        id: "citrate",
        name: "Citrate (trimagnesium dicitrate)",
        elemental_percent: 16.2,
        laxative: Laxative::AtHigherDoses,
        note: "The warm-hands guide says citrate supports circulation; laxative at higher doses.",
    },
    Form {
        id: "citrate_hydrogen",
        name: "Citrate (magnesium hydrogen citrate)",
        elemental_percent: 11.3,
        laxative: Laxative::AtHigherDoses,
        note: "The warm-hands guide says citrate supports circulation; laxative at higher doses.",
    },
    Form {
        id: "threonate",
        name: "L-threonate",
        elemental_percent: 8.3,
        laxative: Laxative::No,
        note: "Marketed for nervous-system penetration.",
    },
    Form {
        id: "taurate",
        name: "Taurate",
        elemental_percent: 8.9,
        laxative: Laxative::No,
        note: "",
    },
    Form {
        id: "glycerophosphate",
        name: "Glycerophosphate",
        elemental_percent: 12.5,
        laxative: Laxative::No,
        note: "",
    },
    Form {
        id: "lactate",
        name: "Lactate",
        elemental_percent: 12.0,
        laxative: Laxative::No,
        note: "",
    },
    Form {
        id: "aspartate",
        name: "Aspartate",
        elemental_percent: 8.4,
        laxative: Laxative::No,
        note: "",
    },
    Form {
        id: "orotate",
        name: "Orotate",
        elemental_percent: 7.3,
        laxative: Laxative::No,
        note: "",
    },
    Form {
        id: "oxide",
        name: "Oxide",
        elemental_percent: 60.3,
        laxative: Laxative::Often,
        note: "Poorly soluble; often causes diarrhea.",
    },
    Form {
        id: "hydroxide",
        name: "Hydroxide",
        elemental_percent: 41.7,
        laxative: Laxative::Often,
        note: "Used as a laxative and antacid.",
    },
    Form {
        id: "carbonate",
        name: "Carbonate",
        elemental_percent: 28.8,
        laxative: Laxative::Often,
        note: "Often causes diarrhea.",
    },
    Form {
        id: "chloride",
        name: "Chloride (anhydrous)",
        elemental_percent: 25.5,
        laxative: Laxative::Often,
        note: "Often causes diarrhea.",
    },
    Form {
        id: "chloride_hexahydrate",
        name: "Chloride (hexahydrate, as usually sold)",
        elemental_percent: 12.0,
        laxative: Laxative::Often,
        note: "Often causes diarrhea.",
    },
    Form {
        id: "sulfate",
        name: "Sulfate (anhydrous)",
        elemental_percent: 20.2,
        laxative: Laxative::Often,
        note: "Cathartic (laxative).",
    },
    Form {
        id: "sulfate_epsom",
        name: "Sulfate (Epsom salt, heptahydrate)",
        elemental_percent: 9.9,
        laxative: Laxative::Often,
        note: "Cathartic (laxative).",
    },
    Form {
        id: "gluconate",
        name: "Gluconate",
        elemental_percent: 5.9,
        laxative: Laxative::Often,
        note: "Often causes diarrhea.",
    },
];

/// A form by id.
pub fn form(id: &str) -> Option<&'static Form> {
    FORMS.iter().find(|f| f.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_percentages_match_the_reference() {
        let table: &[(&str, f64)] = &[
            ("oxide", 60.3),
            ("hydroxide", 41.7),
            ("carbonate", 28.8),
            ("chloride", 25.5),
            ("chloride_hexahydrate", 12.0),
            ("sulfate", 20.2),
            ("sulfate_epsom", 9.9),
            ("citrate", 16.2),
            ("citrate_hydrogen", 11.3),
            ("malate", 15.5),
            ("glycinate", 14.1),
            ("glycerophosphate", 12.5),
            ("lactate", 12.0),
            ("taurate", 8.9),
            ("aspartate", 8.4),
            ("threonate", 8.3),
            ("orotate", 7.3),
            ("gluconate", 5.9),
        ];
        assert_eq!(table.len(), FORMS.len());
        for &(id, pct) in table {
            assert_eq!(form(id).map(|f| f.elemental_percent), Some(pct), "{id}");
        }
        for id in [
            "oxide",
            "carbonate",
            "chloride",
            "gluconate",
            "sulfate_epsom",
        ] {
            assert_eq!(form(id).map(|f| f.laxative), Some(Laxative::Often), "{id}");
        }
        assert_eq!(
            form("citrate").map(|f| f.laxative),
            Some(Laxative::AtHigherDoses)
        );
        assert_eq!(form("glycinate").map(|f| f.laxative), Some(Laxative::No));
        assert!(form("unobtainium").is_none());
    }
}
