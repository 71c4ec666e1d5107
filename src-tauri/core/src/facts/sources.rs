//! Where each number and rule comes from: the citations shown to the user beside a limit, a
//! warning or a keep-apart window (`shared/reference/magnesium-facts.md`).

use serde::Serialize;
use ts_rs::TS;

/// Where a number or a rule comes from, shown to the user beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Source {
    pub id: &'static str,
    pub citation: &'static str,
}

pub const SRC_ODS_RDA: Source = Source {
    id: "ods_rda",
    citation: "NIH Office of Dietary Supplements, Magnesium fact sheet for health professionals, Table 1 (IOM DRI report 1997, ch. 6)",
};
pub const SRC_IOM_UL: Source = Source {
    id: "iom_ul",
    citation: "IOM 1997 Dietary Reference Intakes, UL for magnesium (supplements and medicines only, not food or water); NIH ODS Table 3",
};
pub const SRC_EFSA_BFR: Source = Source {
    id: "efsa_bfr",
    citation: "EFSA/SCF tolerable upper level 250 mg/day supplemental magnesium; German BfR 2017 (split over at least two intakes a day)",
};
pub const SRC_KIDNEY: Source = Source {
    id: "kidney",
    citation: "IOM 1997 p. 243; NIH ODS: impaired kidney function raises the risk of magnesium toxicity (hypermagnesemia)",
};
pub const SRC_INFANT: Source = Source {
    id: "infant",
    citation: "IOM 1997: no UL established for infants under 1 year; NIH ODS Table 3",
};
pub const SRC_ODS_MEDICINES: Source = Source {
    id: "ods_medicines",
    citation: "NIH ODS Magnesium fact sheet, \"Interactions with medications\"",
};
pub const SRC_EMC_LEAFLET: Source = Source {
    id: "emc_12118",
    citation: "UK product leaflet, medicines.org.uk emc product 12118 (2–3 h from medicines in general; 3–4 h from iron, bisphosphonates)",
};
pub const SRC_FORMS: Source = Source {
    id: "forms",
    citation: "Elemental magnesium by molecular weight: Molecules 2021;26:2419 Table 1; Molecules 2020;25:3172 Table 3",
};
pub const SRC_SPLITTING: Source = Source {
    id: "splitting",
    citation: "Fine et al., J Clin Invest 1991;88:396 (absorption falls as one dose grows); Sabatier et al., Br J Nutr 2011;106:331; BfR 2017",
};
pub const SRC_DIARRHEA: Source = Source {
    id: "diarrhea",
    citation: "IOM 1997: osmotic diarrhea is the basis of the UL (lowest effect dose 360 mg/day, Bashir 1993); NIH ODS",
};
pub const SRC_TOXICITY: Source = Source {
    id: "toxicity",
    citation: "NIH ODS Magnesium fact sheet, \"Health risks from excessive magnesium\"",
};
pub const SRC_GUIDES: Source = Source {
    id: "guides",
    citation: "Magday's seed guides (warm hands and feet; nerve and muscle recovery): consult a qualified healthcare provider before starting",
};
pub const SRC_OLDER_ADULTS: Source = Source {
    id: "older_adults",
    citation: "NIH ODS Magnesium fact sheet, \"Groups at risk of magnesium inadequacy: older adults\" and \"Health risks from excessive magnesium\"",
};
pub const SRC_POTASSIUM: Source = Source {
    id: "potassium",
    citation: "NIH ODS Potassium fact sheet (kidney disease, potassium-sparing diuretics, ACE inhibitors and ARBs)",
};
